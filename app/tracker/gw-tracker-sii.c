/* gw-tracker-sii.c: the series of an SII target
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An SII target (GW_TARGET_MEASURE_SII) tracks the slope index of inequality
 * of life expectancy within each subject (methods.md section 4) as the gap
 * of any target: its series is one SII per period of the baseline's length
 * (rolling: 2002-2004, 2003-2005, ...) for which small areas have counts or
 * life expectancy is published by decile (gw_inequality_compute() takes the
 * published deciles first),
 * each with the simulation's 95% limits (the defaults of gapwatch-cli sii:
 * 100,000 repetitions, seed 1, so the tracker's baseline SII is the one
 * `gapwatch-cli sii --period` gives).
 */
#include "gw-config.h"

#include "gw-tracker-private.h"
#include "methods/gw-inequality.h"

#include <glib/gi18n.h>
#include <math.h>

struct _GwTrackerSii
{
  /* owned */
  GPtrArray *counts;        /* GwInequality, one per period */
  GString   *why;           /* why the last series has no SII at the baseline */
  GString   *periods_text;  /* "2002-2004 to 2005-2007": what the data has */
  /* borrowed */
  const GwTarget *target;
  guint      start_age;
};

void
_gw_tracker_sii_free (GwTrackerSii *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->counts, g_ptr_array_unref);
  g_string_free (self->why, TRUE);
  g_string_free (self->periods_text, TRUE);
  g_free (self);
}

/* The counts of every period of the baseline's length that small areas
 * have; target must outlive the result. */
GwTrackerSii *
_gw_tracker_sii_new (GwDataset       *dataset,
                     const GwTarget  *target,
                     GError         **error)
{
  g_autoptr(GArray) periods = NULL;
  GwTrackerSii *self;
  guint span;

  if (gw_period_kind (target->baseline) != GW_PERIOD_YEAR && gw_period_kind (target->baseline) != GW_PERIOD_POOLED)
    {
      g_set_error (error, GW_TRACKER_ERROR, GW_TRACKER_ERROR_INVALID,
                   _("The baseline of an SII target must be a calendar year or pooled years (e.g. 2002-2004)"));
      return NULL;
    }

  self = g_new0 (GwTrackerSii, 1);
  self->target = target;
  self->why = g_string_new (NULL);
  self->periods_text = g_string_new (NULL);
  self->counts = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_inequality_free);
  gw_target_sii_indicator (target->indicator, &self->start_age);

  span = gw_period_last_year (target->baseline) - gw_period_first_year (target->baseline) + 1;
  periods = gw_inequality_list_periods (dataset, span);
  for (guint i = 0; i < periods->len; i++)
    {
      GwPeriod period = g_array_index (periods, GwPeriod, i);
      GwInequality *counts = gw_inequality_new (dataset, period, NULL);

      /* a listed period always has counts; none is no SII, not an error */
      if (counts != NULL)
        g_ptr_array_add (self->counts, counts);
    }
  if (self->counts->len > 0)
    {
      char first[GW_PERIOD_STRLEN], last[GW_PERIOD_STRLEN];

      gw_period_format (gw_inequality_get_period (self->counts->pdata[0]), first);
      gw_period_format (gw_inequality_get_period (self->counts->pdata[self->counts->len - 1]), last);
      if (self->counts->len == 1)
        g_string_assign (self->periods_text, first);
      else
        /* TRANSLATORS: the first and last periods the data has, e.g. 2002-2004 to 2005-2007 */
        g_string_printf (self->periods_text, _("%s to %s"), first, last);
    }
  return self;
}

/* Why the subject has no SII at the baseline, for the reason of its row. */
static void
explain (GwTrackerSii *self, const GwInequalityValue *value, const GError *error)
{
  /* nothing at all below it, nor published: say so rather than list ten deciles */
  if (value != NULL && value->n_small_areas == 0 && value->n_published == 0)
    g_string_assign (self->why, _("it has no small areas (lsoa or msoa with an imd-decile) below it"));
  else if (error != NULL)
    g_string_assign (self->why, error->message);
}

/* A GwSeriesFunc: the SII of the subject and sex at every period, 95%
 * limits from the simulation.  user_data is the GwTrackerSii. */
GArray *
_gw_tracker_sii_series (GwDataset  *dataset,
                        const char *indicator,
                        gboolean    is_group,
                        guint       subject,
                        GwSex       sex,
                        gpointer    user_data)
{
  GwTrackerSii *self = user_data;
  GArray *series = g_array_new (FALSE, FALSE, sizeof (GwSeriesPoint));
  gboolean baseline_seen = FALSE;

  g_string_truncate (self->why, 0);
  if (sex != GW_SEX_MALE && sex != GW_SEX_FEMALE)
    {
      g_string_assign (self->why, _("the SII is computed for men and for women, not persons"));
      return series;
    }

  for (guint i = 0; i < self->counts->len; i++)
    {
      GwInequality *counts = self->counts->pdata[i];
      g_autoptr(GError) error = NULL;
      GwInequalityValue value;
      GwSeriesPoint p;

      p.period = gw_inequality_get_period (counts);
      if (p.period == self->target->baseline)
        baseline_seen = TRUE;
      if (!gw_inequality_compute (counts, is_group, subject, sex, self->start_age, NULL, &value, &error))
        {
          if (p.period == self->target->baseline)
            explain (self, &value, error);
          continue;
        }
      p.value = value.sii.sii;
      p.lower = value.sii.sii_lower[GW_SII_LEVEL_95];
      p.upper = value.sii.sii_upper[GW_SII_LEVEL_95];
      p.source = GW_SOURCE_COMPUTED;
      g_array_append_val (series, p);
    }

  if (!baseline_seen)
    {
      char base[GW_PERIOD_STRLEN];

      gw_period_format (self->target->baseline, base);
      if (self->counts->len == 0)
        g_string_printf (self->why, _("no period has deaths and populations of small areas "
                                      "(lsoa or msoa with an imd-decile) or life expectancy by decile"));
      else
        /* TRANSLATORS: neither small areas' counts nor published deciles for 1995-1997; the data has 2002-2004 to 2005-2007 */
        g_string_printf (self->why, _("neither small areas’ deaths and populations nor values by decile for %s; the data has %s"),
                         base, self->periods_text->str);
    }
  return series;
}

const char *
_gw_tracker_sii_why (GwTrackerSii *self)
{
  return self->why->len > 0 ? self->why->str : NULL;
}
