/* gw-table.c: sorted arrays of records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gw-table.h"

#include <string.h>
#ifdef __linux__
#include <sys/mman.h>
#endif

/* appended rows are made ready (their pages mapped) this many bytes at a time */
#define READY_BYTES ((gsize) 2 << 20)

struct _GwTable
{
  GwRecordKind kind;
  gsize        size;       /* of a row: kept here, read on every search step */
  guint        capacity;   /* rows that rows->data has room for, at least */
  guint        ready;      /* rows appended up to here need no make_ready() */
  GArray      *rows;
};

/* Rows up to n without moving on each append: GArray doubles, and at this
 * size realloc moves pages (mremap) instead of copying them, and RSS grows
 * only with what is written. */
static void
ensure_capacity (GwTable *table,
                 guint    n)
{
  guint len = table->rows->len;

  if (n <= table->capacity)
    return;
  g_array_set_size (table->rows, n);
  g_array_set_size (table->rows, len);
  table->capacity = n;
}

GwTable *
gw_table_new (GwRecordKind kind)
{
  GwTable *table = g_new0 (GwTable, 1);
  gsize size = kind == GW_RECORD_VALUES ? sizeof (GwValueRow) : sizeof (GwCountRow);

  table->kind = kind;
  table->size = size;
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
gsize gw_table_row_size (const GwTable *table) { return table->size; }
guint gw_table_n_rows (const GwTable *table) { return table->rows->len; }
gconstpointer gw_table_rows (const GwTable *table) { return table->rows->data; }

gconstpointer
gw_table_row (const GwTable *table,
              guint          index)
{
  g_return_val_if_fail (index < table->rows->len, NULL);
  return table->rows->data + (gsize) index * table->size;
}

/* Every row struct starts with its guint64 key. */
guint64
gw_table_row_key (const GwTable *table,
                  guint          index)
{
  return *(const guint64 *) (table->rows->data + (gsize) index * table->size);
}

/* Every row starts with its key: one stride and no call per step (an
 * import checks each of millions of deaths against its population). */
static inline guint
lower_bound_in (const GwTable *table,
                guint          lo,
                guint          hi,
                guint64        target)
{
  const guint8 *data = (const guint8 *) table->rows->data;
  gsize size = table->size;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (*(const guint64 *) (data + (gsize) mid * size) < target)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

guint
gw_table_lower_bound (const GwTable *table,
                      guint64        logical_key)
{
  return lower_bound_in (table, 0, table->rows->len, gw_row_key (logical_key, 0));
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

gconstpointer
gw_table_lookup_near (const GwTable *table,
                      guint64        logical_key,
                      guint         *hint)
{
  guint64 target = gw_row_key (logical_key, 0);
  guint n = table->rows->len, i = *hint;

  /* the row after the last one found, else a search */
  if (!(i < n && gw_table_row_key (table, i) >= target
        && (i == 0 || gw_table_row_key (table, i - 1) < target)))
    i = lower_bound_in (table, 0, n, target);
  if (i < n && gw_row_logical (gw_table_row_key (table, i)) == logical_key)
    {
      *hint = i + 1;
      return gw_table_row (table, i);
    }
  *hint = i;
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

/* Room for the rows appended next: capacity, and their pages mapped in one
 * call where Linux can (MADV_POPULATE_WRITE), READY_BYTES at a time, not
 * by a page fault every 4 KiB.  In a virtual machine the faults of 1.4
 * million counts (6,700) cost 4% of an SDMX import's CPU time. */
static void
make_ready (GwTable *table)
{
  guint len = table->rows->len;

  if (len >= table->capacity)
    ensure_capacity (table, MAX (1024, 2 * table->capacity));
  table->ready = (guint) MIN ((gsize) table->capacity, len + READY_BYTES / table->size);
#ifdef MADV_POPULATE_WRITE
  {
    guintptr start = ((guintptr) table->rows->data + (gsize) len * table->size + 4095) & ~(guintptr) 4095;
    guintptr end = ((guintptr) table->rows->data + (gsize) table->ready * table->size) & ~(guintptr) 4095;

    /* a failure (an older kernel) only leaves the faults */
    if (end > start && end - start >= 64 * 1024)
      (void) madvise ((void *) start, end - start, MADV_POPULATE_WRITE);
  }
#endif
}

/* Room for one more row at the end, counted in: GArray's len is public,
 * and make_ready made the room. */
static inline gpointer
next_row (GwTable *table)
{
  if (G_UNLIKELY (table->rows->len >= table->ready))
    make_ready (table);
  return table->rows->data + (gsize) table->rows->len++ * table->size;
}

void
gw_table_append (GwTable       *table,
                 gconstpointer  row)
{
  memcpy (next_row (table), row, table->size);
}

void
gw_table_append_count (GwTable *table,
                       guint64  key,
                       double   value)
{
  GwCountRow *row = next_row (table);

  row->key = key;
  row->value = value;
}

gpointer
gw_table_append_rows (GwTable *table,
                      guint    n)
{
  guint len = table->rows->len;

  g_array_set_size (table->rows, len + n);
  table->capacity = MAX (table->capacity, len + n);
  return table->rows->data + (gsize) len * table->size;
}

void
gw_table_reserve (GwTable *table,
                  guint    n)
{
  /* GArray keeps what it allocated when it shrinks */
  ensure_capacity (table, n);
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

/* The keys' highest bit that is not the same in every row, or -1. */
static gint
highest_varying_bit (const GwCountRow *a, gsize n)
{
  guint64 diff = 0;

  for (gsize i = 1; i < n; i++)
    diff |= a[i].key ^ a[0].key;
  return diff == 0 ? -1 : 63 - __builtin_clzll (diff);
}

/* Below this many rows a bucket of the radix sort goes to sort_counts. */
#define RADIX_MIN_ROWS 64

/* An in-place MSD radix sort (American flag sort) of counts on the key
 * bits hi down to 0, 8 at a time: still no second buffer, but a few passes
 * over the rows in place of quicksort's twenty-odd levels of comparisons
 * (an import appends its counts in the file's order, which is seldom the
 * key's: 1.4 million SDMX observations, 11% of the import's CPU time). */
static void
radix_sort_counts (GwCountRow *a, gsize n, gint hi)
{
  gsize count[256] = { 0 }, next[256], end[256], at = 0;
  guint lo, mask;

  if (n <= RADIX_MIN_ROWS)
    {
      sort_counts (a, (gssize) n);
      return;
    }
  /* skip the bits that are the same in every row of the bucket (most of a
   * key's, in a bucket of one area and sex) */
  hi = MIN (hi, highest_varying_bit (a, n));
  if (hi < 0)
    return;
  lo = hi >= 7 ? (guint) hi - 7 : 0;
  mask = (1u << (hi - lo + 1)) - 1;

  for (gsize i = 0; i < n; i++)
    count[(a[i].key >> lo) & mask]++;
  for (guint b = 0; b <= mask; b++)
    {
      next[b] = at;
      at += count[b];
      end[b] = at;
    }
  /* every row into its bucket: each swap puts one where it belongs */
  for (guint b = 0; b <= mask; b++)
    while (next[b] < end[b])
      {
        GwCountRow v = a[next[b]];
        guint d = (v.key >> lo) & mask;

        while (d != b)
          {
            GwCountRow t = a[next[d]];

            a[next[d]++] = v;
            v = t;
            d = (v.key >> lo) & mask;
          }
        a[next[b]++] = v;
      }
  at = 0;
  for (guint b = 0; b <= mask; b++)
    {
      if (count[b] > 1)
        radix_sort_counts (a + at, count[b], (gint) lo - 1);
      at += count[b];
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
    {
      GwCountRow *rows = (GwCountRow *) table->rows->data;

      radix_sort_counts (rows, table->rows->len, 63);
    }
}

GArray *
gw_table_steal_array (GwTable *table)
{
  GArray *rows = table->rows;

  table->rows = g_array_sized_new (FALSE, FALSE, table->size, 0);
  table->capacity = table->ready = 0;
  return rows;
}

void
gw_table_set_array (GwTable *table,
                    GArray  *rows)
{
  g_return_if_fail (g_array_get_element_size (rows) == gw_table_row_size (table));
  g_array_unref (table->rows);
  table->rows = rows;
  table->capacity = rows->len;
  table->ready = 0;
}

void
gw_table_clear (GwTable *table)
{
  g_array_set_size (table->rows, 0);
}
