/* gw-import-history.c: what each import added, and whose values it revised
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pass over each kind's history table (sorted by logical key, then
 * slot): the rows of one key there, with the current row of that key, are
 * every version of it.  Ordered as GwDataset orders them (the later
 * `generated` wins, then the later import), each version replaced the one
 * before it; a pair whose values differ is one revised value.  A national
 * workspace has a few hundred thousand superseded rows at most: a binary
 * search each in the current table, on the main thread, when the imports
 * change.
 */
#include "gw-config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "gw-import-history.h"
#include "gw-ui-text.h"

/* Imports named one by one in a line; more are counted. */
#define MAX_NAMED 3

struct _GwImportHistory
{
  GHashTable *revised;     /* GwImport * -> GArray of GwImportRevision */
  GHashTable *revised_by;  /* GwImport * -> GArray of GwImportRevision */
  GHashTable *order;       /* GwImport * -> position + 1 in the imports model */
};

typedef struct
{
  guint          slot;
  gint64         generated;   /* microseconds since 1970 */
  guint          position;    /* in the imports model */
  gconstpointer  row;
} Version;

static gint64
to_usec (GDateTime *dt)
{
  return dt != NULL ? g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt) : 0;
}

/* As GwDataset: equal values, NaN equal to NaN. */
static gboolean
rows_equal (GwRecordKind  kind,
            gconstpointer a,
            gconstpointer b)
{
  if (kind == GW_RECORD_VALUES)
    {
      const GwValueRow *x = a, *y = b;

#define SAME(f) ((isnan (x->f) && isnan (y->f)) || x->f == y->f)
      return SAME (value) && SAME (lower) && SAME (upper) && SAME (count)
             && SAME (denominator) && x->note == y->note;
#undef SAME
    }
  return ((const GwCountRow *) a)->value == ((const GwCountRow *) b)->value;
}

static gboolean
version_older (const Version *a,
               const Version *b)
{
  if (a->generated != b->generated)
    return a->generated < b->generated;
  return a->position < b->position;
}

/* A handful of versions per key: insertion sort. */
static void
sort_versions (Version *v,
               guint    n)
{
  for (guint i = 1; i < n; i++)
    {
      Version x = v[i];
      guint j = i;

      while (j > 0 && version_older (&x, &v[j - 1]))
        {
          v[j] = v[j - 1];
          j--;
        }
      v[j] = x;
    }
}

static void
count_kind (GwDataset    *dataset,
            GwRecordKind  kind,
            const gint64 *generated,
            const guint  *position,
            GHashTable   *pairs)
{
  const GwTable *hist = gw_dataset_get_history (dataset, kind);
  const GwTable *cur = gw_dataset_get_table (dataset, kind);
  guint n = gw_table_n_rows (hist);
  g_autoptr(GArray) versions = g_array_new (FALSE, FALSE, sizeof (Version));
  guint i = 0;

  while (i < n)
    {
      guint64 logical = gw_row_logical (gw_table_row_key (hist, i));
      gconstpointer current = gw_table_lookup (cur, logical);
      Version *v;

      g_array_set_size (versions, 0);
      for (; i < n && gw_row_logical (gw_table_row_key (hist, i)) == logical; i++)
        {
          guint slot = gw_row_slot (gw_table_row_key (hist, i));
          Version version = { slot, generated[slot], position[slot], gw_table_row (hist, i) };

          g_array_append_val (versions, version);
        }
      if (current != NULL)
        {
          guint slot = gw_row_slot (*(const guint64 *) current);
          Version version = { slot, generated[slot], position[slot], current };

          g_array_append_val (versions, version);
        }

      v = (Version *) (gpointer) versions->data;
      sort_versions (v, versions->len);
      for (guint k = 1; k < versions->len; k++)
        {
          guint pair;

          if (v[k].slot == 0 || v[k - 1].slot == 0 || rows_equal (kind, v[k - 1].row, v[k].row))
            continue;
          /* newer << 16 | older: slots have 11 bits */
          pair = (v[k].slot << 16) | v[k - 1].slot;
          g_hash_table_insert (pairs, GUINT_TO_POINTER (pair),
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (pairs, GUINT_TO_POINTER (pair))) + 1));
        }
    }
}

static void
add_revision (GHashTable *table,
              GwImport   *key,
              GwImport   *other,
              guint       n)
{
  GArray *list = g_hash_table_lookup (table, key);
  GwImportRevision revision = { other, n };

  if (list == NULL)
    {
      list = g_array_new (FALSE, FALSE, sizeof (GwImportRevision));
      g_hash_table_insert (table, key, list);
    }
  g_array_append_val (list, revision);
}

static GHashTable *sort_order;   /* only while sorting, on the main thread */

static gint
compare_revisions (gconstpointer a,
                   gconstpointer b)
{
  guint pa = GPOINTER_TO_UINT (g_hash_table_lookup (sort_order, ((const GwImportRevision *) a)->import));
  guint pb = GPOINTER_TO_UINT (g_hash_table_lookup (sort_order, ((const GwImportRevision *) b)->import));

  return (pa > pb) - (pa < pb);
}

static void
sort_lists (GHashTable *table,
            GHashTable *order)
{
  GHashTableIter iter;
  gpointer value;

  sort_order = order;
  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_array_sort (value, compare_revisions);
  sort_order = NULL;
}

/**
 * gw_import_history_new:
 * @dataset: the dataset, on the main thread
 *
 * Returns: (transfer full): who revised whom in @dataset as it is now.  The
 * imports it names are borrowed: free it when the imports change.
 */
GwImportHistory *
gw_import_history_new (GwDataset *dataset)
{
  GwImportHistory *self;
  GListModel *imports;
  g_autofree gint64 *generated = NULL;
  g_autofree guint *position = NULL;
  g_autofree GwImport **by_slot = NULL;
  g_autoptr(GHashTable) pairs = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint n_imports;

  g_return_val_if_fail (GW_IS_DATASET (dataset), NULL);

  self = g_new0 (GwImportHistory, 1);
  self->revised = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  self->revised_by = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  self->order = g_hash_table_new (NULL, NULL);

  generated = g_new0 (gint64, GW_KEY_MAX_SLOTS + 1);
  position = g_new0 (guint, GW_KEY_MAX_SLOTS + 1);
  by_slot = g_new0 (GwImport *, GW_KEY_MAX_SLOTS + 1);

  imports = gw_dataset_get_imports (dataset);
  n_imports = g_list_model_get_n_items (imports);
  for (guint i = 0; i < n_imports; i++)
    {
      g_autoptr(GwImport) import = g_list_model_get_item (imports, i);
      guint slot = gw_import_get_slot (import);

      if (slot == 0 || slot > GW_KEY_MAX_SLOTS)
        continue;
      /* The dataset's model keeps the import: borrowed. */
      by_slot[slot] = import;
      generated[slot] = to_usec (gw_import_get_generated (import));
      position[slot] = i;
      g_hash_table_insert (self->order, import, GUINT_TO_POINTER (i + 1));
    }

  pairs = g_hash_table_new (NULL, NULL);
  for (guint k = 0; k < GW_N_RECORD_KINDS; k++)
    count_kind (dataset, k, generated, position, pairs);

  g_hash_table_iter_init (&iter, pairs);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint pair = GPOINTER_TO_UINT (key);
      GwImport *newer = by_slot[pair >> 16];
      GwImport *older = by_slot[pair & 0xffff];

      if (newer == NULL || older == NULL)
        continue;
      add_revision (self->revised, newer, older, GPOINTER_TO_UINT (value));
      add_revision (self->revised_by, older, newer, GPOINTER_TO_UINT (value));
    }
  sort_lists (self->revised, self->order);
  sort_lists (self->revised_by, self->order);

  return self;
}

void
gw_import_history_free (GwImportHistory *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->revised);
  g_hash_table_unref (self->revised_by);
  g_hash_table_unref (self->order);
  g_free (self);
}

GArray *
gw_import_history_get_revised (GwImportHistory *self,
                               GwImport        *import)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_hash_table_lookup (self->revised, import);
}

GArray *
gw_import_history_get_revised_by (GwImportHistory *self,
                                  GwImport        *import)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_hash_table_lookup (self->revised_by, import);
}

guint
gw_import_history_count_revised (GwImportHistory *self,
                                 GwImport        *import)
{
  GArray *list;
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  list = g_hash_table_lookup (self->revised, import);
  for (guint i = 0; list != NULL && i < list->len; i++)
    n += g_array_index (list, GwImportRevision, i).n;
  return n;
}

/**
 * gw_import_display_name:
 *
 * Returns: the export's title, or its file's name when it has none.
 */
char *
gw_import_display_name (GwImport *import)
{
  const char *title;

  g_return_val_if_fail (GW_IS_IMPORT (import), NULL);

  title = gw_import_get_title (import);
  if (title != NULL && title[0] != '\0')
    return g_strdup (title);
  return gw_ui_display_basename (gw_import_get_file (import));
}

static char *
kind_phrase (GwRecordKind kind,
             guint        n)
{
  g_autofree char *count = gw_ui_format_count (n);

  switch (kind)
    {
    case GW_RECORD_DEATHS:
      return g_strdup_printf (ngettext ("%s death count", "%s death counts", n), count);
    case GW_RECORD_POPULATION:
      return g_strdup_printf (ngettext ("%s population figure", "%s population figures", n), count);
    case GW_RECORD_BIRTHS:
      return g_strdup_printf (ngettext ("%s birth count", "%s birth counts", n), count);
    case GW_RECORD_VALUES:
    default:
      return g_strdup_printf (ngettext ("%s published value", "%s published values", n), count);
    }
}

static guint
sum_revisions (GArray *list)
{
  guint n = 0;

  for (guint i = 0; i < list->len; i++)
    n += g_array_index (list, GwImportRevision, i).n;
  return n;
}

/**
 * gw_import_history_describe:
 * @import: an import of the dataset the history was read from
 *
 * Returns: (transfer full): what @import added, whose values it revised and
 * who revised its own, a sentence a line.
 */
char *
gw_import_history_describe (GwImportHistory *self,
                            GwImport        *import)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) added = g_string_new (NULL);
  GArray *revised, *revised_by;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (GW_IS_IMPORT (import), NULL);

  for (guint k = 0; k < GW_N_RECORD_KINDS; k++)
    {
      guint n = gw_import_get_records_of_kind (import, k);
      g_autofree char *phrase = NULL;

      if (n == 0)
        continue;
      phrase = kind_phrase (k, n);
      if (added->len > 0)
        /* Translators: between the items of a list. */
        g_string_append (added, C_("list separator", ", "));
      g_string_append (added, phrase);
    }
  if (added->len > 0)
    /* Translators: what an import added, "Added 1,140 death counts, 36
     * population figures." */
    g_string_append_printf (text, _("Added %s."), added->str);
  else
    g_string_append (text, _("Added no records: it only declares areas, groups or indicators."));

  revised = gw_import_history_get_revised (self, import);
  if (revised != NULL && revised->len > MAX_NAMED)
    {
      guint n = sum_revisions (revised);
      g_autofree char *count = gw_ui_format_count (n);

      g_string_append_c (text, '\n');
      g_string_append_printf (text, ngettext ("Revised %s value of %u earlier exports.",
                                              "Revised %s values of %u earlier exports.", n),
                              count, revised->len);
    }
  else
    for (guint i = 0; revised != NULL && i < revised->len; i++)
      {
        const GwImportRevision *r = &g_array_index (revised, GwImportRevision, i);
        g_autofree char *count = gw_ui_format_count (r->n);
        g_autofree char *name = gw_import_display_name (r->import);

        g_string_append_c (text, '\n');
        /* Translators: "Revised 36 values of “Deaths registered in March 2007”." */
        g_string_append_printf (text, ngettext ("Revised %s value of “%s”.",
                                                "Revised %s values of “%s”.", r->n),
                                count, name);
      }

  revised_by = gw_import_history_get_revised_by (self, import);
  if (revised_by != NULL && revised_by->len > MAX_NAMED)
    {
      guint n = sum_revisions (revised_by);
      g_autofree char *count = gw_ui_format_count (n);

      g_string_append_c (text, '\n');
      g_string_append_printf (text, ngettext ("%s of its values was revised by %u later exports.",
                                              "%s of its values were revised by %u later exports.", n),
                              count, revised_by->len);
    }
  else
    for (guint i = 0; revised_by != NULL && i < revised_by->len; i++)
      {
        const GwImportRevision *r = &g_array_index (revised_by, GwImportRevision, i);
        g_autofree char *count = gw_ui_format_count (r->n);
        g_autofree char *name = gw_import_display_name (r->import);

        g_string_append_c (text, '\n');
        /* Translators: "36 of its values were revised by “Deaths registered
         * in March 2007 (revised)”." */
        g_string_append_printf (text, ngettext ("%s of its values was revised by “%s”.",
                                                "%s of its values were revised by “%s”.", r->n),
                                count, name);
      }

  return g_string_free (g_steal_pointer (&text), FALSE);
}
