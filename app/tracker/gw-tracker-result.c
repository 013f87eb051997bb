/* gw-tracker-result.c: one target tracked over one dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gw-config.h"

#include "gw-tracker-result.h"
#include "gw-tracker-private.h"

#include <glib/gi18n.h>

struct _GwTrackerResult
{
  GObject           parent_instance;

  /* owned */
  GwDataset        *dataset;
  GwTarget         *target;
  GPtrArray        *rows;          /* GwTrackerRow */
  GArray           *members;       /* guint area numbers tracked */
  GHashTable       *by_subject;    /* subject key -> first row index + 1 */
  GwIndicatorInfo   indicator;     /* strings borrowed from the registry or dataset */
  GwTrackerSummary  summary;
  GwPolarity        polarity;
  guint             group;
  guint             comparator;
};

G_DEFINE_FINAL_TYPE (GwTrackerResult, gw_tracker_result, G_TYPE_OBJECT)

/* An SII target on a dataset without a country has no comparator. */
#define NO_COMPARATOR G_MAXUINT

/* One hash key per subject: groups and areas never collide. */
#define SUBJECT_KEY(is_group, subject) GUINT_TO_POINTER (((subject) << 1 | ((is_group) ? 1u : 0u)) + 1)

static void
gw_tracker_result_finalize (GObject *object)
{
  GwTrackerResult *self = GW_TRACKER_RESULT (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->members, g_array_unref);
  g_clear_pointer (&self->by_subject, g_hash_table_unref);
  g_clear_pointer (&self->target, gw_target_free);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (gw_tracker_result_parent_class)->finalize (object);
}

static void
gw_tracker_result_class_init (GwTrackerResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gw_tracker_result_finalize;
}

static void
gw_tracker_result_init (GwTrackerResult *self)
{
  self->by_subject = g_hash_table_new (NULL, NULL);
}

GwTrackerResult *
gw_tracker_result_new (GwDataset       *dataset,
                       GwIndicators    *indicators,
                       const GwTarget  *target,
                       GError         **error)
{
  g_autoptr(GwTrackerResult) self = NULL;
  gint group, comparator;
  GwPolarity polarity;

  g_return_val_if_fail (GW_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (target != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_gw_tracker_resolve (dataset, target, &group, &comparator, &polarity, error))
    return NULL;

  self = g_object_new (GW_TYPE_TRACKER_RESULT, NULL);
  self->dataset = g_object_ref (dataset);
  self->target = gw_target_copy (target);
  /* the resolved polarity is the result's: every reader sees the same */
  self->target->polarity = polarity;
  /* an SII is in years: every reader sees an absolute "gap" */
  if (self->target->measure == GW_TARGET_MEASURE_SII)
    self->target->gap = GW_GAP_ABSOLUTE;
  self->polarity = polarity;
  self->group = (guint) group;
  self->comparator = comparator >= 0 ? (guint) comparator : NO_COMPARATOR;
  gw_indicator_info_lookup (dataset, target->indicator, &self->indicator);

  self->rows = indicators != NULL
    ? gw_tracker_run (dataset, self->target, gw_tracker_indicators_series, indicators, error)
    : gw_tracker_run (dataset, self->target, gw_tracker_published_series, NULL, error);
  if (self->rows == NULL)
    return NULL;
  gw_tracker_summarise (self->rows, &self->summary);

  if (target->subject == GW_TARGET_SUBJECT_AREA)
    {
      self->members = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (self->members, self->group);
    }
  else
    self->members = gw_dataset_group_members (dataset, self->group);

  for (guint i = self->rows->len; i-- > 0;)
    {
      const GwTrackerRow *r = g_ptr_array_index (self->rows, i);

      g_hash_table_insert (self->by_subject, SUBJECT_KEY (r->is_group, r->subject),
                           GUINT_TO_POINTER (i + 1));
    }

  return g_steal_pointer (&self);
}

GwDataset *
gw_tracker_result_get_dataset (GwTrackerResult *self)
{
  g_return_val_if_fail (GW_IS_TRACKER_RESULT (self), NULL);
  return self->dataset;
}

const GwTarget *
gw_tracker_result_get_target (GwTrackerResult *self)
{
  g_return_val_if_fail (GW_IS_TRACKER_RESULT (self), NULL);
  return self->target;
}

const GwIndicatorInfo *
gw_tracker_result_get_indicator (GwTrackerResult *self)
{
  g_return_val_if_fail (GW_IS_TRACKER_RESULT (self), NULL);
  return &self->indicator;
}

GwPolarity
gw_tracker_result_get_polarity (GwTrackerResult *self)
{
  g_return_val_if_fail (GW_IS_TRACKER_RESULT (self), GW_POLARITY_NONE);
  return self->polarity;
}

guint
gw_tracker_result_get_group (GwTrackerResult *self)
{
  g_return_val_if_fail (GW_IS_TRACKER_RESULT (self), 0);
  return self->group;
}

guint
gw_tracker_result_get_comparator (GwTrackerResult *self)
{
  g_return_val_if_fail (GW_IS_TRACKER_RESULT (self), 0);
  return self->comparator;
}

const char *
gw_tracker_result_get_comparator_code (GwTrackerResult *self)
{
  g_return_val_if_fail (GW_IS_TRACKER_RESULT (self), NULL);
  if (self->comparator == NO_COMPARATOR)
    return "";
  return gw_dataset_get_area (self->dataset, self->comparator)->code;
}

const char *
gw_tracker_result_get_comparator_name (GwTrackerResult *self)
{
  const GwArea *area;

  g_return_val_if_fail (GW_IS_TRACKER_RESULT (self), NULL);
  if (self->comparator == NO_COMPARATOR)
    return "";
  area = gw_dataset_get_area (self->dataset, self->comparator);
  return area->name != NULL && area->name[0] != '\0' ? area->name : area->code;
}

const char *
gw_tracker_result_get_subject_name (GwTrackerResult *self)
{
  g_return_val_if_fail (GW_IS_TRACKER_RESULT (self), NULL);

  if (self->target->subject == GW_TARGET_SUBJECT_AREA)
    return gw_dataset_get_area (self->dataset, self->group)->name;
  return gw_dataset_get_group (self->dataset, self->group)->name;
}

GArray *
gw_tracker_result_get_members (GwTrackerResult *self)
{
  g_return_val_if_fail (GW_IS_TRACKER_RESULT (self), NULL);
  return self->members;
}

const char *
gw_tracker_result_get_gap_unit (GwTrackerResult *self)
{
  g_return_val_if_fail (GW_IS_TRACKER_RESULT (self), NULL);
  return self->target->gap == GW_GAP_RELATIVE ? "%" : self->indicator.unit;
}

GPtrArray *
gw_tracker_result_get_rows (GwTrackerResult *self)
{
  g_return_val_if_fail (GW_IS_TRACKER_RESULT (self), NULL);
  return self->rows;
}

const GwTrackerSummary *
gw_tracker_result_get_summary (GwTrackerResult *self)
{
  g_return_val_if_fail (GW_IS_TRACKER_RESULT (self), NULL);
  return &self->summary;
}

const GwTrackerRow **
gw_tracker_result_get_subject_rows (GwTrackerResult *self,
                                    gboolean         is_group,
                                    guint            subject,
                                    guint           *n_out)
{
  guint first, n = 0;

  g_return_val_if_fail (GW_IS_TRACKER_RESULT (self), NULL);
  g_return_val_if_fail (n_out != NULL, NULL);

  first = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_subject, SUBJECT_KEY (is_group, subject)));
  if (first == 0)
    {
      *n_out = 0;
      return NULL;
    }
  first--;
  /* a subject's rows are next to each other (gw_tracker_run's order) */
  while (first + n < self->rows->len)
    {
      const GwTrackerRow *r = g_ptr_array_index (self->rows, first + n);

      if (r->is_group != is_group || r->subject != subject)
        break;
      n++;
    }
  *n_out = n;
  return (const GwTrackerRow **) self->rows->pdata + first;
}

gboolean
gw_tracker_result_has_member (GwTrackerResult *self,
                              guint            area)
{
  g_return_val_if_fail (GW_IS_TRACKER_RESULT (self), FALSE);
  return g_hash_table_contains (self->by_subject, SUBJECT_KEY (FALSE, area));
}
