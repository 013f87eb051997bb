/* gw-table.c: sorted arrays of records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gw-table.h"

struct _GwTable
{
  GwRecordKind kind;
  GArray      *rows;
};

GwTable *
gw_table_new (GwRecordKind kind)
{
  GwTable *table = g_new0 (GwTable, 1);
  gsize size = kind == GW_RECORD_VALUES ? sizeof (GwValueRow) : sizeof (GwCountRow);

  table->kind = kind;
  table->rows = g_array_sized_new (FALSE, FALSE, size, 0);
  return table;
}

void
gw_table_free (GwTable *table)
{
  if (table == NULL)
    return;
  g_array_unref (table->rows);
  g_free (table);
}

GwRecordKind gw_table_get_kind (const GwTable *table) { return table->kind; }
gsize gw_table_row_size (const GwTable *table) { return g_array_get_element_size (table->rows); }
guint gw_table_n_rows (const GwTable *table) { return table->rows->len; }
gconstpointer gw_table_rows (const GwTable *table) { return table->rows->data; }

gconstpointer
gw_table_row (const GwTable *table,
              guint          index)
{
  g_return_val_if_fail (index < table->rows->len, NULL);
  return table->rows->data + (gsize) index * gw_table_row_size (table);
}

/* Every row struct starts with its guint64 key. */
guint64
gw_table_row_key (const GwTable *table,
                  guint          index)
{
  return *(const guint64 *) (table->rows->data + (gsize) index * gw_table_row_size (table));
}

guint
gw_table_lower_bound (const GwTable *table,
                      guint64        logical_key)
{
  guint64 target = gw_row_key (logical_key, 0);
  guint lo = 0, hi = table->rows->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (gw_table_row_key (table, mid) < target)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

gconstpointer
gw_table_lookup (const GwTable *table,
                 guint64        logical_key)
{
  guint i = gw_table_lower_bound (table, logical_key);

  if (i < table->rows->len && gw_row_logical (gw_table_row_key (table, i)) == logical_key)
    return gw_table_row (table, i);
  return NULL;
}

guint
gw_table_range (const GwTable *table,
                guint64        first_logical,
                guint64        last_logical,
                guint         *start)
{
  guint lo = gw_table_lower_bound (table, first_logical);
  guint hi = last_logical == G_MAXUINT64 >> GW_KEY_SLOT_BITS
             ? table->rows->len
             : gw_table_lower_bound (table, last_logical + 1);

  *start = lo;
  return hi > lo ? hi - lo : 0;
}

void
gw_table_append (GwTable       *table,
                 gconstpointer  row)
{
  g_array_append_vals (table->rows, row, 1);
}

gpointer
gw_table_append_rows (GwTable *table,
                      guint    n)
{
  guint len = table->rows->len;

  g_array_set_size (table->rows, len + n);
  return table->rows->data + (gsize) len * g_array_get_element_size (table->rows);
}

void
gw_table_reserve (GwTable *table,
                  guint    n)
{
  guint len = table->rows->len;

  /* GArray keeps what it allocated when it shrinks */
  if (n > len)
    {
      g_array_set_size (table->rows, n);
      g_array_set_size (table->rows, len);
    }
}

/* In place, so that sorting a batch of millions of counts needs no second
 * buffer of the same size: quicksort on the key with insertion sort below
 * 24 rows.  Ties are fine (duplicate keys are looked for after). */
static void
sort_counts (GwCountRow *a, gssize n)
{
  while (n > 24)
    {
      gssize i = 0, j = n - 1, mid = n / 2;
      guint64 pivot;
      GwCountRow t;

      /* median of three */
      if (a[mid].key < a[0].key) { t = a[mid]; a[mid] = a[0]; a[0] = t; }
      if (a[n - 1].key < a[0].key) { t = a[n - 1]; a[n - 1] = a[0]; a[0] = t; }
      if (a[n - 1].key < a[mid].key) { t = a[n - 1]; a[n - 1] = a[mid]; a[mid] = t; }
      pivot = a[mid].key;

      while (i <= j)
        {
          while (a[i].key < pivot) i++;
          while (a[j].key > pivot) j--;
          if (i <= j)
            {
              t = a[i]; a[i] = a[j]; a[j] = t;
              i++; j--;
            }
        }
      /* recurse into the smaller side, loop on the larger */
      if (j + 1 < n - i)
        {
          sort_counts (a, j + 1);
          a += i;
          n -= i;
        }
      else
        {
          sort_counts (a + i, n - i);
          n = j + 1;
        }
    }

  for (gssize i = 1; i < n; i++)
    {
      GwCountRow v = a[i];
      gssize j = i - 1;

      while (j >= 0 && a[j].key > v.key)
        {
          a[j + 1] = a[j];
          j--;
        }
      a[j + 1] = v;
    }
}

static gboolean
is_sorted (const GwTable *table)
{
  /* A stride and no calls per row: most tables (a workspace's, a sorted
   * export's) arrive sorted, and this runs over every row of each. */
  gsize size = g_array_get_element_size (table->rows);
  const guint8 *p = (const guint8 *) table->rows->data;
  guint n = table->rows->len;

  for (guint i = 1; i < n; i++, p += size)
    if (*(const guint64 *) p > *(const guint64 *) (p + size))
      return FALSE;
  return TRUE;
}

static int
compare_value_rows (gconstpointer a, gconstpointer b, gpointer data)
{
  guint64 ka = ((const GwValueRow *) a)->key, kb = ((const GwValueRow *) b)->key;

  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

void
gw_table_sort (GwTable *table)
{
  if (is_sorted (table))
    return;
  if (table->kind == GW_RECORD_VALUES)
    g_qsort_with_data (table->rows->data, table->rows->len, sizeof (GwValueRow),
                       compare_value_rows, NULL);
  else
    sort_counts ((GwCountRow *) table->rows->data, table->rows->len);
}

GArray *
gw_table_steal_array (GwTable *table)
{
  GArray *rows = table->rows;

  table->rows = g_array_sized_new (FALSE, FALSE, g_array_get_element_size (rows), 0);
  return rows;
}

void
gw_table_set_array (GwTable *table,
                    GArray  *rows)
{
  g_return_if_fail (g_array_get_element_size (rows) == gw_table_row_size (table));
  g_array_unref (table->rows);
  table->rows = rows;
}

void
gw_table_clear (GwTable *table)
{
  g_array_set_size (table->rows, 0);
}
