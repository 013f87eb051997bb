/* gw-batch.c: the staged content of one export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gw-batch-private.h"
#include "gw-dataset.h"

#include <math.h>
#include <string.h>

#define MAX_KEPT_WARNINGS 100

static void
clear_area (gpointer data)
{
  GwBatchArea *a = data;

  g_free (a->code);
  g_free (a->name);
  g_free (a->parent);
  g_strfreev (a->groups);
}

static void
clear_group (gpointer data)
{
  GwBatchGroup *g = data;

  g_free (g->id);
  g_free (g->name);
}

static void
clear_indicator (gpointer data)
{
  GwBatchIndicator *i = data;

  g_free (i->id);
  g_free (i->name);
  g_free (i->unit);
}

static void
clear_cause (gpointer data)
{
  GwBatchCause *c = data;

  g_free (c->id);
  g_free (c->name);
  g_free (c->icd10);
  g_free (c->parent);
}

/* index -> name array and name -> index + 1 hash, keys borrowed from the array */
static void
index_names (GPtrArray *names, GHashTable **index)
{
  *index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < names->len; i++)
    if (g_ptr_array_index (names, i) != NULL)
      g_hash_table_insert (*index, g_ptr_array_index (names, i), GUINT_TO_POINTER (i + 1));
}

GwBatch *
gw_batch_new (GwDataset *dataset)
{
  GwBatch *batch;

  g_return_val_if_fail (GW_IS_DATASET (dataset), NULL);

  batch = g_new0 (GwBatch, 1);
  gw_dataset_read_lock (dataset);
  batch->area_codes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < gw_dataset_n_areas (dataset); i++)
    g_ptr_array_add (batch->area_codes, g_strdup (gw_dataset_get_area (dataset, i)->code));
  batch->group_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < gw_dataset_n_groups (dataset); i++)
    g_ptr_array_add (batch->group_ids, g_strdup (gw_dataset_get_group (dataset, i)->id));
  batch->bases = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (batch->bases, NULL);
  for (guint i = 1; i < gw_dataset_n_bases (dataset); i++)
    g_ptr_array_add (batch->bases, g_strdup (gw_dataset_get_basis (dataset, i)));
  batch->indicator_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < gw_dataset_n_indicators (dataset); i++)
    g_ptr_array_add (batch->indicator_ids, g_strdup (gw_dataset_get_indicator (dataset, i)->id));
  batch->cause_ids = g_ptr_array_new_with_free_func (g_free);
  batch->cause_parents = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (batch->cause_ids, NULL);
  g_ptr_array_add (batch->cause_parents, NULL);
  for (guint i = 1; i < gw_dataset_n_causes (dataset); i++)
    {
      const GwCauseDef *c = gw_dataset_get_cause (dataset, i);

      g_ptr_array_add (batch->cause_ids, g_strdup (c->id));
      g_ptr_array_add (batch->cause_parents,
                       c->parent > 0 ? g_strdup (gw_dataset_get_cause (dataset, c->parent)->id) : NULL);
    }
  gw_dataset_read_unlock (dataset);

  index_names (batch->area_codes, &batch->area_index);
  index_names (batch->group_ids, &batch->group_index);
  index_names (batch->indicator_ids, &batch->indicator_index);
  index_names (batch->cause_ids, &batch->cause_index);
  batch->snap_n_causes = batch->cause_ids->len;
  batch->snap_n_areas = batch->area_codes->len;
  batch->snap_n_groups = batch->group_ids->len;
  batch->snap_n_bases = batch->bases->len;
  batch->snap_n_indicators = batch->indicator_ids->len;

  batch->areas = g_array_new (FALSE, TRUE, sizeof (GwBatchArea));
  g_array_set_clear_func (batch->areas, clear_area);
  batch->declared_areas = g_hash_table_new (g_str_hash, g_str_equal);
  batch->groups = g_array_new (FALSE, TRUE, sizeof (GwBatchGroup));
  g_array_set_clear_func (batch->groups, clear_group);
  batch->declared_groups = g_hash_table_new (g_str_hash, g_str_equal);
  batch->indicators = g_array_new (FALSE, TRUE, sizeof (GwBatchIndicator));
  g_array_set_clear_func (batch->indicators, clear_indicator);
  batch->causes = g_array_new (FALSE, TRUE, sizeof (GwBatchCause));
  g_array_set_clear_func (batch->causes, clear_cause);
  batch->declared_causes = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint k = 0; k < GW_N_RECORD_KINDS; k++)
    batch->tables[k] = gw_table_new (k);
  batch->warnings = g_ptr_array_new_with_free_func (g_free);

  return batch;
}

void
gw_batch_free (GwBatch *batch)
{
  if (batch == NULL)
    return;

  g_hash_table_unref (batch->area_index);
  g_hash_table_unref (batch->group_index);
  g_hash_table_unref (batch->indicator_index);
  g_hash_table_unref (batch->declared_areas);
  g_hash_table_unref (batch->declared_groups);
  g_hash_table_unref (batch->cause_index);
  g_hash_table_unref (batch->declared_causes);
  g_ptr_array_unref (batch->cause_ids);
  g_ptr_array_unref (batch->cause_parents);
  g_array_unref (batch->causes);
  g_ptr_array_unref (batch->area_codes);
  g_ptr_array_unref (batch->group_ids);
  g_ptr_array_unref (batch->bases);
  g_ptr_array_unref (batch->indicator_ids);
  g_array_unref (batch->areas);
  g_array_unref (batch->groups);
  g_array_unref (batch->indicators);
  for (guint k = 0; k < GW_N_RECORD_KINDS; k++)
    gw_table_free (batch->tables[k]);
  g_ptr_array_unref (batch->warnings);
  g_free (batch->path);
  g_free (batch->sha256);
  g_free (batch->id);
  g_clear_pointer (&batch->generated, g_date_time_unref);
  g_free (batch->version);
  g_free (batch->publisher);
  g_free (batch->title);
  g_free (batch->mapping_name);
  g_free (batch->mapping_text);
  g_free (batch);
}

void
gw_batch_set_source (GwBatch    *batch,
                     const char *path,
                     const char *sha256)
{
  g_return_if_fail (batch != NULL);
  g_free (batch->path);
  batch->path = g_strdup (path);
  g_free (batch->sha256);
  batch->sha256 = g_strdup (sha256);
}

/**
 * gw_batch_set_mapping:
 * @name: the mapping's name, as the import list shows it
 * @text: its key file
 *
 * The user's SDMX-ML mapping the export was read by: the workspace keeps it
 * so that the import is read the same way elsewhere.
 */
void
gw_batch_set_mapping (GwBatch    *batch,
                      const char *name,
                      const char *text)
{
  g_return_if_fail (batch != NULL);
  g_free (batch->mapping_name);
  batch->mapping_name = g_strdup (name);
  g_free (batch->mapping_text);
  batch->mapping_text = g_strdup (text);
}

void
gw_batch_set_header (GwBatch    *batch,
                     const char *id,
                     GDateTime  *generated,
                     const char *version,
                     const char *publisher,
                     const char *title)
{
  g_return_if_fail (batch != NULL);
  g_free (batch->id);
  batch->id = g_strdup (id);
  g_clear_pointer (&batch->generated, g_date_time_unref);
  batch->generated = generated != NULL ? g_date_time_ref (generated) : NULL;
  g_free (batch->version);
  batch->version = g_strdup (version);
  g_free (batch->publisher);
  batch->publisher = g_strdup (publisher);
  g_free (batch->title);
  batch->title = g_strdup (title);
}

const char *
gw_batch_get_id (GwBatch *batch)
{
  g_return_val_if_fail (batch != NULL, NULL);
  return batch->id;
}

static gint
lookup (GHashTable *index, const char *name)
{
  gpointer v = name != NULL ? g_hash_table_lookup (index, name) : NULL;

  return v != NULL ? (gint) GPOINTER_TO_UINT (v) - 1 : -1;
}

/* Adds a name to a snapshot dictionary, giving it the next number. */
static gint
add_name (GPtrArray *names, GHashTable *index, const char *name, guint max)
{
  gint i = lookup (index, name);

  if (i >= 0)
    return i;
  if (names->len >= max)
    return -1;
  i = names->len;
  g_ptr_array_add (names, g_strdup (name));
  g_hash_table_insert (index, g_ptr_array_index (names, i), GUINT_TO_POINTER (i + 1));
  return i;
}

/* Appends a declaration (a GwBatchArea, GwBatchGroup or GwBatchCause: they
 * begin with their code or id) and indexes it by that. */
static void
remember_declared (GArray *decls, GHashTable *declared, gconstpointer decl)
{
  g_array_append_vals (decls, decl, 1);
  g_hash_table_insert (declared,
                       *(char **) (decls->data + (gsize) (decls->len - 1) * g_array_get_element_size (decls)),
                       GUINT_TO_POINTER (decls->len));
}

gint
gw_batch_declare_group (GwBatch    *batch,
                        const char *id,
                        const char *name)
{
  GwBatchGroup g = { 0 };
  gint index;

  g_return_val_if_fail (batch != NULL && id != NULL, -1);

  /* A hash, not a scan of the groups so far: 100,000 groups took 17 s. */
  if (g_hash_table_contains (batch->declared_groups, id))
    return -1;

  index = add_name (batch->group_ids, batch->group_index, id, GW_MAX_GROUPS);
  if (index < 0)
    return -1;

  g.id = g_strdup (id);
  g.name = g_strdup (name);
  g.index = index;
  remember_declared (batch->groups, batch->declared_groups, &g);
  return index;
}

gint
gw_batch_declare_area (GwBatch          *batch,
                       const GwAreaDecl *decl)
{
  GwBatchArea a = { 0 };
  gint index;

  g_return_val_if_fail (batch != NULL && decl != NULL && decl->code != NULL, -1);

  if (g_hash_table_contains (batch->declared_areas, decl->code))
    return -1;

  index = add_name (batch->area_codes, batch->area_index, decl->code, GW_MAX_AREAS);
  if (index < 0)
    return -1;

  a.code = g_strdup (decl->code);
  a.name = g_strdup (decl->name);
  a.type = decl->type;
  a.parent = g_strdup (decl->parent);
  a.groups = g_strdupv ((GStrv) decl->groups);
  a.imd_decile = decl->imd_decile;
  a.index = index;
  remember_declared (batch->areas, batch->declared_areas, &a);
  return index;
}

gint
gw_batch_reserve_area (GwBatch    *batch,
                       const char *code)
{
  g_return_val_if_fail (batch != NULL && code != NULL, -1);
  return add_name (batch->area_codes, batch->area_index, code, GW_MAX_AREAS);
}

gint
gw_batch_reserve_group (GwBatch    *batch,
                        const char *id)
{
  g_return_val_if_fail (batch != NULL && id != NULL, -1);
  return add_name (batch->group_ids, batch->group_index, id, GW_MAX_GROUPS);
}

gint
gw_batch_lookup_area (GwBatch    *batch,
                      const char *code)
{
  g_return_val_if_fail (batch != NULL, -1);
  return lookup (batch->area_index, code);
}

gint
gw_batch_lookup_group (GwBatch    *batch,
                       const char *id)
{
  g_return_val_if_fail (batch != NULL, -1);
  return lookup (batch->group_index, id);
}

gboolean
gw_batch_declares_area (GwBatch    *batch,
                        const char *code)
{
  g_return_val_if_fail (batch != NULL, FALSE);
  return code != NULL && g_hash_table_contains (batch->declared_areas, code);
}

gboolean
gw_batch_declares_group (GwBatch    *batch,
                         const char *id)
{
  g_return_val_if_fail (batch != NULL, FALSE);
  return id != NULL && g_hash_table_contains (batch->declared_groups, id);
}

gint
gw_batch_intern_basis (GwBatch    *batch,
                       const char *basis)
{
  g_return_val_if_fail (batch != NULL, -1);

  if (basis == NULL)
    return 0;
  for (guint i = 1; i < batch->bases->len; i++)
    if (strcmp (g_ptr_array_index (batch->bases, i), basis) == 0)
      return i;
  if (batch->bases->len >= GW_MAX_BASES)
    return -1;
  g_ptr_array_add (batch->bases, g_strdup (basis));
  return batch->bases->len - 1;
}

gint
gw_batch_declare_indicator (GwBatch    *batch,
                            const char *id,
                            const char *name,
                            const char *unit,
                            GwPolarity  polarity)
{
  GwBatchIndicator ind = { 0 };
  gint index;

  g_return_val_if_fail (batch != NULL && id != NULL, -1);

  for (guint i = 0; i < batch->indicators->len; i++)
    if (strcmp (g_array_index (batch->indicators, GwBatchIndicator, i).id, id) == 0)
      return g_array_index (batch->indicators, GwBatchIndicator, i).index;

  index = add_name (batch->indicator_ids, batch->indicator_index, id, GW_MAX_INDICATORS);
  if (index < 0)
    return -1;

  ind.id = g_strdup (id);
  ind.name = g_strdup (name);
  ind.unit = g_strdup (unit);
  ind.polarity = polarity;
  ind.index = index;
  g_array_append_val (batch->indicators, ind);
  return index;
}

gint
gw_batch_declare_cause (GwBatch           *batch,
                        const GwCauseDecl *decl)
{
  GwBatchCause c = { 0 };
  gint index;

  g_return_val_if_fail (batch != NULL && decl != NULL && decl->id != NULL, -1);

  index = lookup (batch->cause_index, decl->id);
  if (index > 0 && index < GW_N_CAUSES)
    return -2;
  if (g_hash_table_contains (batch->declared_causes, decl->id))
    return -1;
  index = add_name (batch->cause_ids, batch->cause_index, decl->id, GW_MAX_CAUSES);
  if (index < 0)
    return -3;

  c.id = g_strdup (decl->id);
  c.name = g_strdup (decl->name);
  c.icd10 = g_strdup (decl->icd10);
  c.parent = g_strdup (decl->parent);
  c.index = index;
  remember_declared (batch->causes, batch->declared_causes, &c);
  return index;
}

gint
gw_batch_reserve_cause (GwBatch    *batch,
                        const char *id)
{
  g_return_val_if_fail (batch != NULL && id != NULL, -1);
  return add_name (batch->cause_ids, batch->cause_index, id, GW_MAX_CAUSES);
}

gint
gw_batch_lookup_cause (GwBatch    *batch,
                       const char *id)
{
  gint index;

  g_return_val_if_fail (batch != NULL, -1);
  index = lookup (batch->cause_index, id);
  /* a number reserved for a use is not a cause until declared */
  if (index >= (gint) batch->snap_n_causes && !gw_batch_declares_cause (batch, id))
    return -1;
  return index;
}

gboolean
gw_batch_declares_cause (GwBatch    *batch,
                         const char *id)
{
  g_return_val_if_fail (batch != NULL, FALSE);
  return id != NULL && g_hash_table_contains (batch->declared_causes, id);
}

/* The parent id of a cause as this batch sees it: its own declaration, else
 * the snapshot's; *known FALSE when the cause is neither. */
static const char *
cause_parent (GwBatch *batch, const char *id, gboolean *known)
{
  gpointer pos = g_hash_table_lookup (batch->declared_causes, id);
  gint index;

  *known = TRUE;
  if (pos != NULL)
    return g_array_index (batch->causes, GwBatchCause, GPOINTER_TO_UINT (pos) - 1).parent;
  index = lookup (batch->cause_index, id);
  if (index > 0 && (guint) index < batch->snap_n_causes)
    return g_ptr_array_index (batch->cause_parents, index);
  *known = FALSE;
  return NULL;
}

GwCauseCheck
gw_batch_check_cause (GwBatch    *batch,
                      const char *id)
{
  const char *at = id;
  gboolean known;

  g_return_val_if_fail (batch != NULL && id != NULL, GW_CAUSE_CHECK_UNKNOWN_PARENT);

  /* a chain longer than the registry has causes must come round again */
  for (guint step = 0; step <= GW_MAX_CAUSES; step++)
    {
      const char *parent = cause_parent (batch, at, &known);

      if (parent == NULL)
        return GW_CAUSE_CHECK_OK;
      cause_parent (batch, parent, &known);
      if (!known)
        return at == id ? GW_CAUSE_CHECK_UNKNOWN_PARENT : GW_CAUSE_CHECK_OK;
      if (strcmp (parent, id) == 0)
        return GW_CAUSE_CHECK_CYCLE;
      at = parent;
    }
  /* a cycle above the cause, not through it: its members are reported */
  return GW_CAUSE_CHECK_OK;
}

const char *
gw_batch_cause_id (GwBatch *batch,
                   guint    cause)
{
  g_return_val_if_fail (batch != NULL, NULL);
  return cause < batch->cause_ids->len ? g_ptr_array_index (batch->cause_ids, cause) : NULL;
}

void
gw_batch_add_count (GwBatch      *batch,
                    GwRecordKind  kind,
                    guint64       logical_key,
                    double        value)
{
  g_return_if_fail (kind != GW_RECORD_VALUES);
  gw_table_append_count (batch->tables[kind], gw_row_key (logical_key, 0), value);
}

void
gw_batch_add_value (GwBatch *batch,
                    guint64  logical_key,
                    double   value,
                    double   lower,
                    double   upper,
                    double   count,
                    double   denominator,
                    GwNote   note)
{
  GwValueRow row = { 0 };

  row.key = gw_row_key (logical_key, 0);
  row.value = value;
  row.lower = lower;
  row.upper = upper;
  row.count = count;
  row.denominator = denominator;
  row.note = note;
  gw_table_append (batch->tables[GW_RECORD_VALUES], &row);
}

void
gw_batch_add_warning (GwBatch    *batch,
                      const char *message)
{
  g_return_if_fail (batch != NULL);
  batch->n_warnings++;
  /* NULL: counted, its text not kept */
  if (message != NULL && batch->warnings->len < MAX_KEPT_WARNINGS)
    g_ptr_array_add (batch->warnings, g_strdup (message));
}

void
gw_batch_count_warnings (GwBatch *batch,
                         guint    n)
{
  g_return_if_fail (batch != NULL);
  batch->n_warnings = n > G_MAXUINT - batch->n_warnings ? G_MAXUINT : batch->n_warnings + n;
}

gpointer
gw_batch_add_rows (GwBatch      *batch,
                   GwRecordKind  kind,
                   guint         n)
{
  g_return_val_if_fail (batch != NULL && !batch->finished, NULL);
  g_return_val_if_fail ((guint) kind < GW_N_RECORD_KINDS, NULL);
  return gw_table_append_rows (batch->tables[kind], n);
}

void
gw_batch_reserve (GwBatch      *batch,
                  GwRecordKind  kind,
                  guint         n)
{
  g_return_if_fail (batch != NULL);
  g_return_if_fail ((guint) kind < GW_N_RECORD_KINDS);
  gw_table_reserve (batch->tables[kind], n);
}

/* Below this many rows in both big tables, a thread costs more than it saves. */
#define PARALLEL_SORT_ROWS 100000

static gpointer
sort_thread (gpointer data)
{
  gw_table_sort (data);
  return NULL;
}

GArray *
gw_batch_finish (GwBatch *batch)
{
  GArray *dups = g_array_new (FALSE, FALSE, sizeof (GwDuplicate));
  GThread *sorter = NULL;

  g_return_val_if_fail (batch != NULL, dups);
  g_return_val_if_fail (!batch->finished, dups);

  /* deaths and populations are the bulk, millions of rows each at
   * small-area scale: the deaths sort in a thread of their own */
  if (gw_table_n_rows (batch->tables[GW_RECORD_DEATHS]) >= PARALLEL_SORT_ROWS
      && gw_table_n_rows (batch->tables[GW_RECORD_POPULATION]) >= PARALLEL_SORT_ROWS)
    sorter = g_thread_new ("gw-batch-sort", sort_thread, batch->tables[GW_RECORD_DEATHS]);
  for (guint k = 0; k < GW_N_RECORD_KINDS; k++)
    if (sorter == NULL || k != GW_RECORD_DEATHS)
      gw_table_sort (batch->tables[k]);
  if (sorter != NULL)
    g_thread_join (sorter);

  for (guint k = 0; k < GW_N_RECORD_KINDS; k++)
    {
      GwTable *t = batch->tables[k];
      guint n = gw_table_n_rows (t);
      gsize size = gw_table_row_size (t);
      const guint8 *rows;

      rows = gw_table_rows (t);
      for (guint i = 1; i < n; i++)
        {
          guint64 a = *(const guint64 *) (rows + (gsize) (i - 1) * size);
          guint64 b = *(const guint64 *) (rows + (gsize) i * size);

          if (a == b && (dups->len == 0 || g_array_index (dups, GwDuplicate, dups->len - 1).logical_key != gw_row_logical (b)
                         || g_array_index (dups, GwDuplicate, dups->len - 1).kind != k))
            {
              GwDuplicate d = { k, gw_row_logical (b) };
              g_array_append_val (dups, d);
            }
        }
    }

  batch->finished = TRUE;
  return dups;
}

gconstpointer
gw_batch_lookup (GwBatch      *batch,
                 GwRecordKind  kind,
                 guint64       logical_key)
{
  g_return_val_if_fail (batch != NULL && batch->finished, NULL);
  return gw_table_lookup (batch->tables[kind], logical_key);
}

const GwTable *
gw_batch_get_table (GwBatch      *batch,
                    GwRecordKind  kind)
{
  g_return_val_if_fail (batch != NULL, NULL);
  g_return_val_if_fail ((guint) kind < GW_N_RECORD_KINDS, NULL);
  return batch->tables[kind];
}

guint
gw_batch_n_records (GwBatch *batch)
{
  guint n = 0;

  for (guint k = 0; k < GW_N_RECORD_KINDS; k++)
    n += gw_table_n_rows (batch->tables[k]);
  return n;
}

guint
gw_batch_n_warnings (GwBatch *batch)
{
  g_return_val_if_fail (batch != NULL, 0);
  return batch->n_warnings;
}

static const char *
name_at (GPtrArray *names, guint index)
{
  return index < names->len && g_ptr_array_index (names, index) != NULL
         ? g_ptr_array_index (names, index) : "?";
}

char *
_gw_describe_key (GwRecordKind  kind,
                  guint64       logical_key,
                  const char   *subject,
                  const char   *basis,
                  const char   *indicator,
                  const char   *cause)
{
  GwKeyFields f;
  char period[GW_PERIOD_STRLEN];
  GString *s = g_string_new (NULL);

  gw_key_decode (kind, logical_key, &f);
  if (kind == GW_RECORD_VALUES)
    g_string_append_printf (s, "indicator %s, %s %s", indicator, f.is_group ? "group" : "area", subject);
  else
    g_string_append_printf (s, "area %s", subject);
  g_string_append_printf (s, ", sex %s", gw_sex_to_string (f.sex));
  if (kind == GW_RECORD_DEATHS || kind == GW_RECORD_POPULATION)
    g_string_append_printf (s, ", age %s", gw_age_band_to_string (f.age));
  if (kind == GW_RECORD_DEATHS && f.cause != GW_CAUSE_ALL)
    g_string_append_printf (s, ", cause %s", cause != NULL ? cause : "?");
  if (kind == GW_RECORD_DEATHS && basis != NULL)
    g_string_append_printf (s, ", basis %s", basis);
  g_string_append_printf (s, ", period %s", gw_period_format (f.period, period));
  if (kind == GW_RECORD_VALUES && f.decile != 0)
    g_string_append_printf (s, ", decile %u", f.decile);
  return g_string_free (s, FALSE);
}

char *
gw_batch_describe_key (GwBatch      *batch,
                       GwRecordKind  kind,
                       guint64       logical_key)
{
  GwKeyFields f;

  g_return_val_if_fail (batch != NULL, NULL);
  gw_key_decode (kind, logical_key, &f);
  return _gw_describe_key (kind, logical_key,
                           f.is_group ? name_at (batch->group_ids, f.area)
                                      : name_at (batch->area_codes, f.area),
                           f.basis > 0 ? name_at (batch->bases, f.basis) : NULL,
                           name_at (batch->indicator_ids, f.indicator),
                           kind == GW_RECORD_DEATHS ? name_at (batch->cause_ids, f.cause) : NULL);
}

void
_gw_batch_renumber (GwBatch     *batch,
                    const guint *area_map,
                    const guint *group_map,
                    const guint *basis_map,
                    const guint *indicator_map,
                    const guint *cause_map)
{
  for (guint k = 0; k < GW_N_RECORD_KINDS; k++)
    {
      GwTable *t = batch->tables[k];
      guint n = gw_table_n_rows (t);
      gsize size = gw_table_row_size (t);
      guint8 *rows = (guint8 *) gw_table_rows (t);

      for (guint i = 0; i < n; i++)
        {
          guint64 *key = (guint64 *) (rows + i * size);
          GwKeyFields f;

          gw_key_decode (k, gw_row_logical (*key), &f);
          f.area = f.is_group ? group_map[f.area] : area_map[f.area];
          f.basis = basis_map[f.basis];
          f.indicator = indicator_map[f.indicator];
          f.cause = cause_map[f.cause];
          *key = gw_row_key (gw_key_encode (k, &f), gw_row_slot (*key));
        }
      gw_table_sort (t);
    }
}
