/* gw-dataset.c: everything imported, as one dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gw-dataset.h"
#include "gw-batch-private.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

typedef struct
{
  GwImport *import;     /* borrowed from the imports store */
  gint64    generated;  /* microseconds since the epoch */
  guint64   sequence;   /* import order, breaks ties of generated */
} Slot;

struct _GwDataset
{
  GObject     parent_instance;

  /* owned */
  GRWLock     lock;
  GListStore *imports;
  GPtrArray  *areas;           /* GwArea* */
  GHashTable *area_index;      /* code -> index + 1 (keys borrowed) */
  GPtrArray  *groups;          /* GwGroup* */
  GHashTable *group_index;
  GPtrArray  *bases;           /* char*; [0] = NULL */
  GPtrArray  *indicators;      /* GwIndicatorDef* */
  GHashTable *indicator_index;
  GPtrArray  *causes;          /* GwCauseDef*; [0] (all causes) = NULL */
  GHashTable *cause_index;     /* id -> number + 1 (keys borrowed) */
  GwTable    *current[GW_N_RECORD_KINDS];
  GwTable    *history[GW_N_RECORD_KINDS];
  Slot        slots[GW_KEY_MAX_SLOTS + 1];
  guint64     next_sequence;
};

G_DEFINE_FINAL_TYPE (GwDataset, gw_dataset, G_TYPE_OBJECT)

enum {
  IMPORT_COMMITTED,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (gw-dataset-error-quark, gw_dataset_error)

static void
free_area (gpointer data)
{
  GwArea *a = data;

  g_free (a->code);
  g_free (a->name);
  g_clear_pointer (&a->groups, g_array_unref);
  g_free (a);
}

static void
free_group (gpointer data)
{
  GwGroup *g = data;

  g_free (g->id);
  g_free (g->name);
  g_free (g);
}

static void
free_indicator (gpointer data)
{
  GwIndicatorDef *d = data;

  g_free (d->id);
  g_free (d->name);
  g_free (d->unit);
  g_free (d);
}

static void
free_cause (gpointer data)
{
  GwCauseDef *c = data;

  if (c == NULL)
    return;
  g_free (c->id);
  g_free (c->name);
  g_free (c->icd10);
  g_clear_pointer (&c->ranges, g_array_unref);
  g_free (c);
}

/* The built-in causes: the broad groups of the PHE Segment Tool, with the
 * ICD-10 ranges it gives them; "other" is everything else, so it has none. */
static const struct
{
  const char *name;
  const char *icd10;
} builtin_causes[GW_N_CAUSES] = {
  [GW_CAUSE_CIRCULATORY] = { N_("Circulatory diseases"), "I00-I99" },
  [GW_CAUSE_CANCER]      = { N_("Cancer"), "C00-C97" },
  [GW_CAUSE_RESPIRATORY] = { N_("Respiratory diseases"), "J00-J99" },
  [GW_CAUSE_DIGESTIVE]   = { N_("Digestive diseases"), "K00-K93" },
  [GW_CAUSE_EXTERNAL]    = { N_("External causes"), "V01-Y98" },
  [GW_CAUSE_OTHER]       = { N_("Other causes"), NULL },
};

static void
set_cause (GwCauseDef *c, const char *name, const char *icd10, gint parent)
{
  g_free (c->name);
  c->name = g_strdup (name != NULL ? name : c->id);
  g_free (c->icd10);
  c->icd10 = g_strdup (icd10);
  g_clear_pointer (&c->ranges, g_array_unref);
  c->ranges = icd10 != NULL ? gw_icd10_parse_ranges (icd10) : NULL;
  c->parent = parent;
}

static void
gw_dataset_finalize (GObject *object)
{
  GwDataset *self = GW_DATASET (object);

  g_clear_object (&self->imports);
  g_hash_table_unref (self->area_index);
  g_hash_table_unref (self->group_index);
  g_hash_table_unref (self->indicator_index);
  g_hash_table_unref (self->cause_index);
  g_ptr_array_unref (self->causes);
  g_ptr_array_unref (self->areas);
  g_ptr_array_unref (self->groups);
  g_ptr_array_unref (self->bases);
  g_ptr_array_unref (self->indicators);
  for (guint k = 0; k < GW_N_RECORD_KINDS; k++)
    {
      gw_table_free (self->current[k]);
      gw_table_free (self->history[k]);
    }
  g_rw_lock_clear (&self->lock);

  G_OBJECT_CLASS (gw_dataset_parent_class)->finalize (object);
}

static void
gw_dataset_class_init (GwDatasetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gw_dataset_finalize;

  /**
   * GwDataset::changed:
   *
   * Emitted after an import was committed or removed.
   */
  /**
   * GwDataset::import-committed:
   * @import: the import gw_dataset_commit() just added
   *
   * Emitted by gw_dataset_commit() once the import is in the dataset and
   * before ::changed, so what keeps imports elsewhere (the workspace) sees
   * each one with the dictionaries of just after its commit.  A handler
   * must not remove the import: the commit still returns it.
   */
  signals[IMPORT_COMMITTED] = g_signal_new ("import-committed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, GW_TYPE_IMPORT);
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
gw_dataset_init (GwDataset *self)
{
  g_rw_lock_init (&self->lock);
  self->imports = g_list_store_new (GW_TYPE_IMPORT);
  self->areas = g_ptr_array_new_with_free_func (free_area);
  self->area_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->groups = g_ptr_array_new_with_free_func (free_group);
  self->group_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->bases = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->bases, NULL);
  self->indicators = g_ptr_array_new_with_free_func (free_indicator);
  self->indicator_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->causes = g_ptr_array_new_with_free_func (free_cause);
  self->cause_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_ptr_array_add (self->causes, NULL);
  for (guint i = 1; i < GW_N_CAUSES; i++)
    {
      GwCauseDef *c = g_new0 (GwCauseDef, 1);

      c->id = g_strdup (gw_cause_to_string (i));
      c->builtin = TRUE;
      set_cause (c, _(builtin_causes[i].name), builtin_causes[i].icd10, -1);
      g_ptr_array_add (self->causes, c);
      g_hash_table_insert (self->cause_index, c->id, GUINT_TO_POINTER (i + 1));
    }
  for (guint k = 0; k < GW_N_RECORD_KINDS; k++)
    {
      self->current[k] = gw_table_new (k);
      self->history[k] = gw_table_new (k);
    }
}

GwDataset *
gw_dataset_new (void)
{
  return g_object_new (GW_TYPE_DATASET, NULL);
}

/* Dictionaries */

static gint
index_lookup (GHashTable *index, const char *name)
{
  gpointer v = name != NULL ? g_hash_table_lookup (index, name) : NULL;

  return v != NULL ? (gint) GPOINTER_TO_UINT (v) - 1 : -1;
}

guint gw_dataset_n_areas (GwDataset *self) { return self->areas->len; }
guint gw_dataset_n_groups (GwDataset *self) { return self->groups->len; }
guint gw_dataset_n_bases (GwDataset *self) { return self->bases->len; }
guint gw_dataset_n_indicators (GwDataset *self) { return self->indicators->len; }

const GwArea *
gw_dataset_get_area (GwDataset *self,
                     guint      index)
{
  g_return_val_if_fail (index < self->areas->len, NULL);
  return g_ptr_array_index (self->areas, index);
}

gint
gw_dataset_lookup_area (GwDataset  *self,
                        const char *code)
{
  g_return_val_if_fail (GW_IS_DATASET (self), -1);
  return index_lookup (self->area_index, code);
}

const GwGroup *
gw_dataset_get_group (GwDataset *self,
                      guint      index)
{
  g_return_val_if_fail (index < self->groups->len, NULL);
  return g_ptr_array_index (self->groups, index);
}

gint
gw_dataset_lookup_group (GwDataset  *self,
                         const char *id)
{
  g_return_val_if_fail (GW_IS_DATASET (self), -1);
  return index_lookup (self->group_index, id);
}

GArray *
gw_dataset_group_members (GwDataset *self,
                          guint      group)
{
  GArray *members = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_val_if_fail (GW_IS_DATASET (self), members);

  for (guint i = 0; i < self->areas->len; i++)
    {
      const GwArea *a = g_ptr_array_index (self->areas, i);

      for (guint j = 0; a->groups != NULL && j < a->groups->len; j++)
        if (g_array_index (a->groups, guint, j) == group)
          {
            g_array_append_val (members, i);
            break;
          }
    }
  return members;
}

const char *
gw_dataset_get_basis (GwDataset *self,
                      guint      index)
{
  g_return_val_if_fail (index < self->bases->len, NULL);
  return g_ptr_array_index (self->bases, index);
}

const GwIndicatorDef *
gw_dataset_get_indicator (GwDataset *self,
                          guint      index)
{
  g_return_val_if_fail (index < self->indicators->len, NULL);
  return g_ptr_array_index (self->indicators, index);
}

gint
gw_dataset_lookup_indicator (GwDataset  *self,
                             const char *id)
{
  g_return_val_if_fail (GW_IS_DATASET (self), -1);
  return index_lookup (self->indicator_index, id);
}

gint
gw_dataset_get_country (GwDataset *self)
{
  g_return_val_if_fail (GW_IS_DATASET (self), -1);

  for (guint i = 0; i < self->areas->len; i++)
    if (((const GwArea *) g_ptr_array_index (self->areas, i))->type == GW_AREA_COUNTRY)
      return i;
  return -1;
}

static int compare_periods (gconstpointer a, gconstpointer b);

/* Causes */

guint
gw_dataset_n_causes (GwDataset *self)
{
  g_return_val_if_fail (GW_IS_DATASET (self), 0);
  return self->causes->len;
}

const GwCauseDef *
gw_dataset_get_cause (GwDataset *self,
                      guint      cause)
{
  g_return_val_if_fail (GW_IS_DATASET (self), NULL);
  return cause < self->causes->len ? g_ptr_array_index (self->causes, cause) : NULL;
}

gint
gw_dataset_lookup_cause (GwDataset  *self,
                         const char *id)
{
  g_return_val_if_fail (GW_IS_DATASET (self), -1);
  return index_lookup (self->cause_index, id);
}

gint
gw_dataset_lookup_cause_by_name (GwDataset  *self,
                                 const char *name)
{
  g_return_val_if_fail (GW_IS_DATASET (self), -1);

  for (guint i = 1; name != NULL && i < self->causes->len; i++)
    if (g_strcmp0 (((const GwCauseDef *) g_ptr_array_index (self->causes, i))->name, name) == 0)
      return i;
  return -1;
}

gint
gw_dataset_cause_parent (GwDataset *self,
                         guint      cause)
{
  const GwCauseDef *c = gw_dataset_get_cause (self, cause);

  return c != NULL ? c->parent : -1;
}

guint
gw_dataset_cause_top (GwDataset *self,
                      guint      cause)
{
  /* bounded: imports committed concurrently could in theory close a cycle */
  for (guint step = 0; step < GW_MAX_CAUSES; step++)
    {
      gint parent = gw_dataset_cause_parent (self, cause);

      if (parent <= 0)
        return cause;
      cause = parent;
    }
  return cause;
}

gboolean
gw_dataset_cause_is_under (GwDataset *self,
                           guint      cause,
                           guint      ancestor)
{
  if (ancestor == GW_CAUSE_ALL)
    return TRUE;
  for (guint step = 0; step < GW_MAX_CAUSES; step++)
    {
      gint parent;

      if (cause == ancestor)
        return TRUE;
      parent = gw_dataset_cause_parent (self, cause);
      if (parent <= 0)
        return FALSE;
      cause = parent;
    }
  return FALSE;
}

GArray *
gw_dataset_cause_children (GwDataset *self,
                           guint      cause)
{
  GArray *children = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_val_if_fail (GW_IS_DATASET (self), children);

  for (guint i = 1; i < self->causes->len; i++)
    {
      gint parent = ((const GwCauseDef *) g_ptr_array_index (self->causes, i))->parent;

      if ((cause == GW_CAUSE_ALL && parent < 0) || (cause != GW_CAUSE_ALL && parent == (gint) cause))
        g_array_append_val (children, i);
    }
  return children;
}

const GArray *
gw_dataset_cause_icd10 (GwDataset *self,
                        guint      cause)
{
  const GwCauseDef *c = gw_dataset_get_cause (self, cause);

  return c != NULL ? c->ranges : NULL;
}

gint
gw_dataset_cause_for_icd10 (GwDataset  *self,
                            const char *code)
{
  GwIcd10Range r;
  gint best = -1;
  guint best_width = G_MAXUINT;

  g_return_val_if_fail (GW_IS_DATASET (self), -1);
  if (!gw_icd10_parse_code (code, &r))
    return -1;
  /* the narrowest covering range is the most specific cause; a child's
   * ranges lie inside its parent's */
  for (guint i = 1; i < self->causes->len; i++)
    {
      const GwCauseDef *c = g_ptr_array_index (self->causes, i);

      for (guint k = 0; c->ranges != NULL && k < c->ranges->len; k++)
        {
          const GwIcd10Range *cr = &g_array_index (c->ranges, GwIcd10Range, k);

          if (cr->first <= r.first && r.last <= cr->last
              && (cr->last - cr->first < best_width
                  || (best >= 0 && cr->last - cr->first == best_width
                      && gw_dataset_cause_is_under (self, i, best))))
            {
              best = i;
              best_width = cr->last - cr->first;
            }
        }
    }
  return best;
}

static double
deaths_record (GwDataset *self, guint area, GwSex sex, guint basis, GwPeriod period,
               GwAgeBand age, guint cause, gboolean *found)
{
  const GwCountRow *row = gw_table_lookup (self->current[GW_RECORD_DEATHS],
                                           gw_key_deaths (area, sex, cause, basis, period, age));

  *found = row != NULL;
  return row != NULL ? row->value : 0.0;
}

gboolean
gw_dataset_deaths_cell (GwDataset    *self,
                        guint         area,
                        GwSex         sex,
                        guint         basis,
                        GwPeriod      period,
                        GwAgeBand     age,
                        GwDeathsCell *out)
{
  gboolean found;

  g_return_val_if_fail (GW_IS_DATASET (self) && out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  out->all_causes = deaths_record (self, area, sex, basis, period, age, GW_CAUSE_ALL,
                                   &out->has_all_cause_record);
  for (guint c = 1; c < self->causes->len; c++)
    {
      double n = deaths_record (self, area, sex, basis, period, age, c, &found);

      out->causes += n;
      out->n_cause_records += found;
    }
  if (!out->has_all_cause_record)
    out->all_causes = out->causes;
  out->unspecified = MAX (0.0, out->all_causes - out->causes);
  return out->has_all_cause_record || out->n_cause_records > 0;
}

double
gw_dataset_deaths_of_cause (GwDataset *self,
                            guint      area,
                            GwSex      sex,
                            guint      basis,
                            GwPeriod   period,
                            GwAgeBand  age,
                            guint      cause)
{
  double sum = 0.0;
  gboolean found;

  g_return_val_if_fail (GW_IS_DATASET (self), 0.0);

  if (cause == GW_CAUSE_ALL)
    {
      GwDeathsCell cell;

      gw_dataset_deaths_cell (self, area, sex, basis, period, age, &cell);
      return cell.all_causes;
    }
  for (guint c = 1; c < self->causes->len; c++)
    if (gw_dataset_cause_is_under (self, c, cause))
      sum += deaths_record (self, area, sex, basis, period, age, c, &found);
  return sum;
}

/* Deciles */

guint
gw_dataset_get_deciles (GwDataset        *self,
                        guint             indicator,
                        gboolean          is_group,
                        guint             subject,
                        GwSex             sex,
                        GwPeriod          period,
                        const GwValueRow *out[GW_N_DECILES])
{
  guint n = 0;

  g_return_val_if_fail (GW_IS_DATASET (self), 0);

  for (guint d = 1; d <= GW_N_DECILES; d++)
    {
      out[d - 1] = gw_table_lookup (self->current[GW_RECORD_VALUES],
                                    gw_key_value_decile (indicator, is_group, subject, sex, period, d));
      n += out[d - 1] != NULL;
    }
  return n;
}

GArray *
gw_dataset_decile_periods (GwDataset *self,
                           guint      indicator,
                           gboolean   is_group,
                           guint      subject,
                           GwSex      sex)
{
  GArray *periods = g_array_new (FALSE, FALSE, sizeof (GwPeriod));
  const GwTable *t;

  g_return_val_if_fail (GW_IS_DATASET (self), periods);

  t = self->current[GW_RECORD_VALUES];
  for (guint d = 1; d <= GW_N_DECILES; d++)
    {
      guint start, n;

      n = gw_table_range (t, gw_key_value_decile (indicator, is_group, subject, sex, 0, d),
                          gw_key_value_decile (indicator, is_group, subject, sex, G_MAXUINT32, d),
                          &start);
      for (guint i = start; i < start + n; i++)
        {
          GwKeyFields f;

          gw_key_decode (GW_RECORD_VALUES, gw_row_logical (gw_table_row_key (t, i)), &f);
          g_array_append_val (periods, f.period);
        }
    }
  g_array_sort (periods, compare_periods);
  /* the same period in several deciles, once */
  for (guint i = 1; i < periods->len;)
    if (g_array_index (periods, GwPeriod, i) == g_array_index (periods, GwPeriod, i - 1))
      g_array_remove_index (periods, i);
    else
      i++;
  return periods;
}

void gw_dataset_read_lock (GwDataset *self) { g_rw_lock_reader_lock (&self->lock); }
void gw_dataset_read_unlock (GwDataset *self) { g_rw_lock_reader_unlock (&self->lock); }

/* Imports */

GListModel *
gw_dataset_get_imports (GwDataset *self)
{
  g_return_val_if_fail (GW_IS_DATASET (self), NULL);
  return G_LIST_MODEL (self->imports);
}

GwImport *
gw_dataset_find_import (GwDataset  *self,
                        const char *id)
{
  guint n;

  g_return_val_if_fail (GW_IS_DATASET (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->imports));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GwImport) import = g_list_model_get_item (G_LIST_MODEL (self->imports), i);

      if (g_strcmp0 (gw_import_get_id (import), id) == 0)
        return import;
    }
  return NULL;
}

GwImport *
gw_dataset_get_import_for_slot (GwDataset *self,
                                guint      slot)
{
  g_return_val_if_fail (GW_IS_DATASET (self), NULL);
  g_return_val_if_fail (slot <= GW_KEY_MAX_SLOTS, NULL);
  return self->slots[slot].import;
}

/* Which of two slots' rows wins: the later `generated`, then the later import. */
static gboolean
slot_newer (GwDataset *self, guint a, guint b)
{
  const Slot *sa = &self->slots[a], *sb = &self->slots[b];

  if (sa->generated != sb->generated)
    return sa->generated > sb->generated;
  return sa->sequence > sb->sequence;
}

static gboolean
rows_equal (GwRecordKind kind, gconstpointer a, gconstpointer b)
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

/* Merges a batch's sorted rows (all of one new slot) into the current
 * table: for a key both have, the newer slot's row stays current and the
 * other goes to the history.  Returns the number of revisions (keys both have
 * with different values). */
static guint
merge_rows (GwDataset    *self,
            GwRecordKind  kind,
            GArray       *incoming)
{
  GwTable *cur = self->current[kind];
  gsize size = g_array_get_element_size (incoming);
  guint n_cur = gw_table_n_rows (cur), n_new = incoming->len;
  const guint8 *c = gw_table_rows (cur);
  const guint8 *b = (const guint8 *) incoming->data;
  g_autoptr(GArray) merged = NULL;
  g_autoptr(GArray) superseded = NULL;
  guint i = 0, j = 0, revisions = 0;

  if (n_new == 0)
    return 0;
  if (n_cur == 0)
    {
      gw_table_set_array (cur, g_array_ref (incoming));
      return 0;
    }

  merged = g_array_sized_new (FALSE, FALSE, size, n_cur + n_new);
  superseded = g_array_new (FALSE, FALSE, size);

  while (i < n_cur || j < n_new)
    {
      const guint8 *rc = c + MIN (i, n_cur - 1) * size;
      const guint8 *rb = b + MIN (j, n_new - 1) * size;
      /* an exhausted side compares as the largest key */
      guint64 kc = i < n_cur ? gw_row_logical (*(const guint64 *) rc) : G_MAXUINT64;
      guint64 kb = j < n_new ? gw_row_logical (*(const guint64 *) rb) : G_MAXUINT64;

      if (kc < kb)
        {
          g_array_append_vals (merged, rc, 1);
          i++;
        }
      else if (kb < kc)
        {
          g_array_append_vals (merged, rb, 1);
          j++;
        }
      else
        {
          guint sc = gw_row_slot (*(const guint64 *) rc);
          guint sb = gw_row_slot (*(const guint64 *) rb);

          if (!rows_equal (kind, rc, rb))
            revisions++;
          if (slot_newer (self, sb, sc))
            {
              g_array_append_vals (merged, rb, 1);
              g_array_append_vals (superseded, rc, 1);
            }
          else
            {
              g_array_append_vals (merged, rc, 1);
              g_array_append_vals (superseded, rb, 1);
            }
          i++;
          j++;
        }
    }

  gw_table_set_array (cur, g_steal_pointer (&merged));

  if (superseded->len > 0)
    {
      GwTable *hist = self->history[kind];

      for (guint k = 0; k < superseded->len; k++)
        gw_table_append (hist, superseded->data + k * size);
      gw_table_sort (hist);
    }

  return revisions;
}

static gint64
to_usec (GDateTime *dt)
{
  return dt != NULL ? g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt) : 0;
}

static guint
find_free_slot (GwDataset *self)
{
  for (guint s = 1; s <= GW_KEY_MAX_SLOTS; s++)
    if (self->slots[s].import == NULL)
      return s;
  return 0;
}

/* The items of the dictionaries (GwArea, GwGroup, GwIndicatorDef,
 * GwCauseDef) begin with their id and name. */
typedef struct
{
  char *id;
  char *name;
} Item;

/* The number of id in a dictionary, adding a new item of size bytes (named
 * as its id, the rest zero) when it is not there. */
static guint
intern_item (GPtrArray *items, GHashTable *index, const char *id, gsize size, gboolean *added)
{
  gint idx = index_lookup (index, id);
  Item *item;

  *added = idx < 0;
  if (idx >= 0)
    return idx;
  item = g_malloc0 (size);
  item->id = g_strdup (id);
  item->name = g_strdup (id);
  g_ptr_array_add (items, item);
  g_hash_table_insert (index, item->id, GUINT_TO_POINTER (items->len));
  return items->len - 1;
}

/* Adds the batch's new names to the dictionaries, updates re-declared areas,
 * and renumbers the batch when another import took its numbers meanwhile. */
static void
merge_dictionaries (GwDataset *self,
                    GwBatch   *batch)
{
  guint n_areas = batch->area_codes->len, n_groups = batch->group_ids->len;
  guint n_bases = batch->bases->len, n_ind = batch->indicator_ids->len;
  g_autofree guint *area_map = g_new (guint, MAX (n_areas, 1));
  g_autofree guint *group_map = g_new (guint, MAX (n_groups, 1));
  g_autofree guint *basis_map = g_new (guint, MAX (n_bases, 1));
  g_autofree guint *ind_map = g_new (guint, MAX (n_ind, 1));
  guint n_causes = batch->cause_ids->len;
  g_autofree guint *cause_map = g_new (guint, MAX (n_causes, 1));
  gboolean renumber = FALSE;

  for (guint i = 0; i < n_areas; i++)
    {
      gboolean added;
      gint idx = intern_item (self->areas, self->area_index, g_ptr_array_index (batch->area_codes, i),
                              sizeof (GwArea), &added);

      if (added)
        {
          GwArea *a = g_ptr_array_index (self->areas, idx);

          a->parent = -1;
          a->groups = g_array_new (FALSE, FALSE, sizeof (guint));
        }
      area_map[i] = idx;
      renumber |= (guint) idx != i;
    }

  for (guint i = 0; i < n_groups; i++)
    {
      gboolean added;

      group_map[i] = intern_item (self->groups, self->group_index, g_ptr_array_index (batch->group_ids, i),
                                  sizeof (GwGroup), &added);
      renumber |= group_map[i] != i;
    }

  basis_map[0] = 0;
  for (guint i = 1; i < n_bases; i++)
    {
      const char *name = g_ptr_array_index (batch->bases, i);
      guint idx = 0;

      for (guint k = 1; k < self->bases->len; k++)
        if (strcmp (g_ptr_array_index (self->bases, k), name) == 0)
          idx = k;
      if (idx == 0)
        {
          idx = self->bases->len;
          g_ptr_array_add (self->bases, g_strdup (name));
        }
      basis_map[i] = idx;
      renumber |= idx != i;
    }

  for (guint i = 0; i < n_ind; i++)
    {
      gboolean added;

      ind_map[i] = intern_item (self->indicators, self->indicator_index,
                                g_ptr_array_index (batch->indicator_ids, i), sizeof (GwIndicatorDef), &added);
      renumber |= ind_map[i] != i;
    }

  cause_map[0] = GW_CAUSE_ALL;
  for (guint i = 1; i < n_causes; i++)
    {
      gboolean added;

      /* gw_dataset_commit() made sure there is room */
      cause_map[i] = intern_item (self->causes, self->cause_index, g_ptr_array_index (batch->cause_ids, i),
                                  sizeof (GwCauseDef), &added);
      if (added)
        ((GwCauseDef *) g_ptr_array_index (self->causes, cause_map[i]))->parent = -1;
      renumber |= cause_map[i] != i;
    }

  for (guint i = 0; i < batch->causes->len; i++)
    {
      const GwBatchCause *bc = &g_array_index (batch->causes, GwBatchCause, i);

      set_cause (g_ptr_array_index (self->causes, cause_map[bc->index]), bc->name, bc->icd10,
                 bc->parent != NULL ? index_lookup (self->cause_index, bc->parent) : -1);
    }

  /* What this export declares replaces what was known (names get corrected). */
  for (guint i = 0; i < batch->groups->len; i++)
    {
      const GwBatchGroup *bg = &g_array_index (batch->groups, GwBatchGroup, i);
      GwGroup *g = g_ptr_array_index (self->groups, group_map[bg->index]);

      if (bg->name != NULL)
        {
          g_free (g->name);
          g->name = g_strdup (bg->name);
        }
    }

  for (guint i = 0; i < batch->areas->len; i++)
    {
      const GwBatchArea *ba = &g_array_index (batch->areas, GwBatchArea, i);
      GwArea *a = g_ptr_array_index (self->areas, area_map[ba->index]);

      g_free (a->name);
      a->name = g_strdup (ba->name != NULL ? ba->name : ba->code);
      a->type = ba->type;
      a->parent = ba->parent != NULL ? index_lookup (self->area_index, ba->parent) : -1;
      a->imd_decile = ba->imd_decile;
      g_array_set_size (a->groups, 0);
      for (guint k = 0; ba->groups != NULL && ba->groups[k] != NULL; k++)
        {
          gint g = index_lookup (self->group_index, ba->groups[k]);

          if (g >= 0)
            g_array_append_val (a->groups, g);
        }
    }

  for (guint i = 0; i < batch->indicators->len; i++)
    {
      const GwBatchIndicator *bi = &g_array_index (batch->indicators, GwBatchIndicator, i);
      GwIndicatorDef *d = g_ptr_array_index (self->indicators, ind_map[bi->index]);

      if (bi->name != NULL)
        {
          g_free (d->name);
          d->name = g_strdup (bi->name);
        }
      if (bi->unit != NULL)
        {
          g_free (d->unit);
          d->unit = g_strdup (bi->unit);
        }
      if (bi->polarity != GW_POLARITY_NONE)
        d->polarity = bi->polarity;
    }

  if (renumber)
    _gw_batch_renumber (batch, area_map, group_map, basis_map, ind_map, cause_map);
}

/* Whether the batch's new causes fit in the registry: another import may
 * have declared causes since the batch's snapshot. */
static gboolean
cause_room (GwDataset *self, GwBatch *batch)
{
  guint n_new = 0;

  for (guint i = 1; i < batch->cause_ids->len; i++)
    n_new += index_lookup (self->cause_index, g_ptr_array_index (batch->cause_ids, i)) < 0;
  return self->causes->len + n_new <= GW_MAX_CAUSES;
}

GwImport *
gw_dataset_commit (GwDataset  *self,
                   GwBatch    *batch,
                   GError    **error)
{
  /* the dataset owns the batch from here, committed or not */
  G_GNUC_UNUSED g_autoptr(GwBatch) owned = batch;
  GwImport *existing;
  GwImport *import;
  guint records[GW_N_RECORD_KINDS];
  guint slot, revisions = 0;

  g_return_val_if_fail (GW_IS_DATASET (self), NULL);
  g_return_val_if_fail (batch != NULL, NULL);
  g_return_val_if_fail (batch->id != NULL, NULL);

  if (!batch->finished)
    g_array_unref (gw_batch_finish (batch));

  existing = gw_dataset_find_import (self, batch->id);
  if (existing != NULL)
    {
      if (g_strcmp0 (gw_import_get_sha256 (existing), batch->sha256) == 0)
        g_set_error (error, GW_DATASET_ERROR, GW_DATASET_ERROR_ALREADY_IMPORTED,
                     _("“%s” is already imported (export %s, same content): nothing changed"),
                     batch->path != NULL ? batch->path : batch->id, batch->id);
      else
        g_set_error (error, GW_DATASET_ERROR, GW_DATASET_ERROR_ID_CONFLICT,
                     _("An export with id “%s” is already imported from %s with different content; "
                       "a revised export needs an id of its own"),
                     batch->id, gw_import_get_basename (existing));
      return NULL;
    }

  slot = find_free_slot (self);
  if (slot == 0)
    {
      g_set_error (error, GW_DATASET_ERROR, GW_DATASET_ERROR_FULL,
                   _("The dataset holds %u imports, the most it can; remove old imports first"),
                   GW_KEY_MAX_SLOTS);
      return NULL;
    }

  if (!cause_room (self, batch))
    {
      g_set_error (error, GW_DATASET_ERROR, GW_DATASET_ERROR_FULL,
                   _("The dataset holds %u causes, the most it can; “%s” declares more"),
                   GW_MAX_CAUSES - 1, batch->path != NULL ? batch->path : batch->id);
      return NULL;
    }

  g_rw_lock_writer_lock (&self->lock);

  merge_dictionaries (self, batch);

  self->slots[slot].generated = to_usec (batch->generated);
  self->slots[slot].sequence = ++self->next_sequence;

  for (guint k = 0; k < GW_N_RECORD_KINDS; k++)
    {
      g_autoptr(GArray) rows = gw_table_steal_array (batch->tables[k]);
      gsize size = g_array_get_element_size (rows);

      records[k] = rows->len;
      for (guint i = 0; i < rows->len; i++)
        {
          guint64 *key = (guint64 *) (rows->data + i * size);
          *key = gw_row_key (gw_row_logical (*key), slot);
        }
      revisions += merge_rows (self, k, rows);
    }

  import = _gw_import_new (slot, batch->id, batch->path, batch->sha256, batch->generated,
                           batch->version, batch->publisher, batch->title, records,
                           batch->n_warnings, batch->warnings);
  _gw_import_set_revisions (import, revisions);
  self->slots[slot].import = import;

  g_rw_lock_writer_unlock (&self->lock);

  g_list_store_append (self->imports, import);
  g_object_unref (import);
  g_signal_emit (self, signals[IMPORT_COMMITTED], 0, import);
  g_signal_emit (self, signals[CHANGED], 0);

  return import;
}

/* Removes the rows of a slot from the history and from the current table,
 * putting back into the current table the newest superseded row of each key. */
static void
remove_slot_rows (GwDataset    *self,
                  GwRecordKind  kind,
                  guint         slot)
{
  GwTable *cur = self->current[kind], *hist = self->history[kind];
  gsize size = gw_table_row_size (cur);
  guint8 *h = (guint8 *) gw_table_rows (hist);
  guint8 *c = (guint8 *) gw_table_rows (cur);
  guint nh = gw_table_n_rows (hist), nc = gw_table_n_rows (cur), w;
  g_autofree guint8 *taken = NULL;
  gboolean restored = FALSE;

  /* drop the slot's superseded rows */
  w = 0;
  for (guint i = 0; i < nh; i++)
    if (gw_row_slot (*(guint64 *) (h + i * size)) != slot)
      {
        if (w != i)
          memcpy (h + w * size, h + i * size, size);
        w++;
      }
  {
    g_autoptr(GArray) arr = gw_table_steal_array (hist);
    g_array_set_size (arr, w);
    gw_table_set_array (hist, g_steal_pointer (&arr));
  }
  h = (guint8 *) gw_table_rows (hist);
  nh = w;
  taken = g_malloc0 (MAX (nh, 1));

  /* the slot's current rows: the newest other version, or nothing */
  w = 0;
  for (guint i = 0; i < nc; i++)
    {
      guint8 *row = c + i * size;
      guint64 key = *(guint64 *) row;

      if (gw_row_slot (key) == slot)
        {
          guint start, n = gw_table_range (hist, gw_row_logical (key), gw_row_logical (key), &start);
          gint best = -1;

          for (guint k = start; k < start + n; k++)
            {
              guint s = gw_row_slot (*(guint64 *) (h + k * size));

              if (taken[k])
                continue;
              if (best < 0 || slot_newer (self, s, gw_row_slot (*(guint64 *) (h + best * size))))
                best = k;
            }
          if (best < 0)
            continue;
          memcpy (c + w * size, h + best * size, size);
          taken[best] = TRUE;
          restored = TRUE;
          w++;
          continue;
        }
      if (w != i)
        memcpy (c + w * size, row, size);
      w++;
    }
  {
    g_autoptr(GArray) arr = gw_table_steal_array (cur);
    g_array_set_size (arr, w);
    gw_table_set_array (cur, g_steal_pointer (&arr));
  }

  if (restored)
    {
      guint keep = 0;

      for (guint i = 0; i < nh; i++)
        if (!taken[i])
          {
            if (keep != i)
              memcpy (h + keep * size, h + i * size, size);
            keep++;
          }
      {
        g_autoptr(GArray) arr = gw_table_steal_array (hist);
        g_array_set_size (arr, keep);
        gw_table_set_array (hist, g_steal_pointer (&arr));
      }
    }
}

void
gw_dataset_remove_import (GwDataset *self,
                          GwImport  *import)
{
  guint slot, position;

  g_return_if_fail (GW_IS_DATASET (self));
  g_return_if_fail (GW_IS_IMPORT (import));

  slot = gw_import_get_slot (import);
  g_return_if_fail (slot > 0 && slot <= GW_KEY_MAX_SLOTS && self->slots[slot].import == import);

  g_rw_lock_writer_lock (&self->lock);
  for (guint k = 0; k < GW_N_RECORD_KINDS; k++)
    remove_slot_rows (self, k, slot);
  memset (&self->slots[slot], 0, sizeof self->slots[slot]);
  g_rw_lock_writer_unlock (&self->lock);

  if (g_list_store_find (self->imports, import, &position))
    g_list_store_remove (self->imports, position);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Records */

const GwTable *
gw_dataset_get_table (GwDataset    *self,
                      GwRecordKind  kind)
{
  g_return_val_if_fail (GW_IS_DATASET (self), NULL);
  g_return_val_if_fail ((guint) kind < GW_N_RECORD_KINDS, NULL);
  return self->current[kind];
}

const GwTable *
gw_dataset_get_history (GwDataset    *self,
                        GwRecordKind  kind)
{
  g_return_val_if_fail (GW_IS_DATASET (self), NULL);
  g_return_val_if_fail ((guint) kind < GW_N_RECORD_KINDS, NULL);
  return self->history[kind];
}

guint
gw_dataset_count (GwDataset    *self,
                  GwRecordKind  kind)
{
  g_return_val_if_fail (GW_IS_DATASET (self), 0);
  g_return_val_if_fail ((guint) kind < GW_N_RECORD_KINDS, 0);
  return gw_table_n_rows (self->current[kind]);
}

static int
compare_periods (gconstpointer a, gconstpointer b)
{
  GwPeriod pa = *(const GwPeriod *) a, pb = *(const GwPeriod *) b;

  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

GArray *
gw_dataset_collect_periods (GwDataset    *self,
                            GwRecordKind  kind)
{
  GArray *periods = g_array_new (FALSE, FALSE, sizeof (GwPeriod));
  g_autofree guint8 *seen = NULL;
  const GwTable *t;

  g_return_val_if_fail (GW_IS_DATASET (self), periods);

  /* a bitmap over the 20-bit period space: one pass, no hashing */
  seen = g_malloc0 ((1u << GW_PERIOD_BITS) / 8);
  t = self->current[kind];
  for (guint i = 0; i < gw_table_n_rows (t); i++)
    {
      GwKeyFields f;

      gw_key_decode (kind, gw_row_logical (gw_table_row_key (t, i)), &f);
      if (!(seen[f.period >> 3] & (1u << (f.period & 7))))
        {
          seen[f.period >> 3] |= 1u << (f.period & 7);
          g_array_append_val (periods, f.period);
        }
    }
  g_array_sort (periods, compare_periods);
  return periods;
}

char *
gw_dataset_describe_key (GwDataset    *self,
                         GwRecordKind  kind,
                         guint64       logical_key)
{
  GwKeyFields f;
  const char *subject = "?", *basis = NULL, *indicator = "?", *cause = "?";

  g_return_val_if_fail (GW_IS_DATASET (self), NULL);

  gw_key_decode (kind, logical_key, &f);
  if (f.is_group && f.area < self->groups->len)
    subject = gw_dataset_get_group (self, f.area)->id;
  else if (!f.is_group && f.area < self->areas->len)
    subject = gw_dataset_get_area (self, f.area)->code;
  if (f.basis > 0 && f.basis < self->bases->len)
    basis = g_ptr_array_index (self->bases, f.basis);
  if (f.indicator < self->indicators->len)
    indicator = gw_dataset_get_indicator (self, f.indicator)->id;
  if (kind == GW_RECORD_DEATHS && f.cause > 0 && f.cause < self->causes->len)
    cause = gw_dataset_get_cause (self, f.cause)->id;
  return _gw_describe_key (kind, logical_key, subject, basis, indicator, cause);
}

guint
gw_dataset_counted_basis (GwDataset *self)
{
  guint n;

  g_return_val_if_fail (GW_IS_DATASET (self), 0);

  n = gw_dataset_n_bases (self);
  for (guint b = 1; b < n; b++)
    if (g_strcmp0 (gw_dataset_get_basis (self, b), "registration") == 0)
      return b;
  return n > 1 ? 1 : 0;
}

GDateTime *
gw_dataset_get_newest_generated (GwDataset *self)
{
  GDateTime *newest = NULL;

  g_return_val_if_fail (GW_IS_DATASET (self), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->imports)); i++)
    {
      g_autoptr(GwImport) import = g_list_model_get_item (G_LIST_MODEL (self->imports), i);
      GDateTime *generated = gw_import_get_generated (import);

      if (generated != NULL && (newest == NULL || g_date_time_compare (generated, newest) > 0))
        newest = generated;
    }
  return newest;
}
