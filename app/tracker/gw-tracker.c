/* gw-tracker.c: gaps, trajectories, projections and status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gw-tracker.h"
#include "gw-tracker-private.h"
#include "methods/gw-indicator-info.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (gw-tracker-error-quark, gw_tracker_error)

const char *
gw_target_status_to_string (GwTargetStatus status)
{
  switch (status)
    {
    case GW_STATUS_ON_TRACK:  return "on-track";
    case GW_STATUS_OFF_TRACK: return "off-track";
    case GW_STATUS_NO_GAP:    return "no-gap";
    default:                  return "insufficient-data";
    }
}

GArray *
gw_tracker_published_series (GwDataset  *dataset,
                             const char *indicator,
                             gboolean    is_group,
                             guint       subject,
                             GwSex       sex,
                             gpointer    user_data)
{
  const GwTable *values = gw_dataset_get_table (dataset, GW_RECORD_VALUES);
  gint ind = gw_dataset_lookup_indicator (dataset, indicator);
  guint start, n;
  GArray *series;

  if (ind < 0)
    return NULL;

  n = gw_table_range (values,
                      gw_key_value (ind, is_group, subject, sex, 0),
                      gw_key_value (ind, is_group, subject, sex, (1u << GW_PERIOD_BITS) - 1),
                      &start);
  if (n == 0)
    return NULL;

  series = g_array_sized_new (FALSE, FALSE, sizeof (GwSeriesPoint), n);
  for (guint i = start; i < start + n; i++)
    {
      const GwValueRow *row = gw_table_row (values, i);
      GwKeyFields f;
      GwSeriesPoint p;

      gw_key_decode (GW_RECORD_VALUES, gw_row_logical (row->key), &f);
      p.period = f.period;
      p.value = row->value;
      p.lower = row->lower;
      p.upper = row->upper;
      p.source = GW_SOURCE_PUBLISHED;
      g_array_append_val (series, p);
    }
  return series;
}

GArray *
gw_tracker_indicators_series (GwDataset  *dataset,
                              const char *indicator,
                              gboolean    is_group,
                              guint       subject,
                              GwSex       sex,
                              gpointer    user_data)
{
  GwIndicators *indicators = user_data;
  gint ind = gw_indicators_lookup_id (indicators, indicator);
  guint start, n;
  GArray *series;

  if (ind < 0)
    return NULL;
  n = gw_indicators_series (indicators, ind, is_group, subject, sex, &start);
  if (n == 0)
    return NULL;

  series = g_array_sized_new (FALSE, FALSE, sizeof (GwSeriesPoint), n);
  for (guint i = start; i < start + n; i++)
    {
      const GwIndicatorValue *v = gw_indicators_get_value (indicators, i);
      GwSeriesPoint p;

      if (v->rolling)
        continue;
      p.period = v->period;
      p.value = v->value;
      p.lower = v->lower95;
      p.upper = v->upper95;
      p.source = v->source;
      g_array_append_val (series, p);
    }
  return series;
}

static void
free_row (gpointer data)
{
  GwTrackerRow *row = data;

  g_free (row->code);
  g_free (row->name);
  g_clear_pointer (&row->points, g_array_unref);
  g_free (row);
}

/* Same kind, and for pooled periods the same number of years: a 3-year
 * series is never mixed with single years. */
static gboolean
same_series_kind (GwPeriod a, GwPeriod b)
{
  return gw_period_kind (a) == gw_period_kind (b)
         && gw_period_last_year (a) - gw_period_first_year (a)
            == gw_period_last_year (b) - gw_period_first_year (b);
}

static const GwSeriesPoint *
find_point (GArray *series, GwPeriod period)
{
  for (guint i = 0; series != NULL && i < series->len; i++)
    if (g_array_index (series, GwSeriesPoint, i).period == period)
      return &g_array_index (series, GwSeriesPoint, i);
  return NULL;
}

double
gw_tracker_trajectory_at (const GwTrackerRow *row,
                          const GwTarget     *target,
                          double              t)
{
  double t0 = gw_period_midpoint (target->baseline);
  double tT = gw_period_midpoint (target->target_period);

  return row->baseline_gap + (row->target_gap - row->baseline_gap) * (t - t0) / (tT - t0);
}

/* Ordinary least squares of gap on t. */
static void
fit_line (const GwGapPoint *pts, guint n, double *a, double *b)
{
  double st = 0, sg = 0, stt = 0, stg = 0;

  for (guint i = 0; i < n; i++)
    {
      st += pts[i].t;
      sg += pts[i].gap;
    }
  st /= n;
  sg /= n;
  for (guint i = 0; i < n; i++)
    {
      stt += (pts[i].t - st) * (pts[i].t - st);
      stg += (pts[i].t - st) * (pts[i].gap - sg);
    }
  *b = stt > 0 ? stg / stt : 0;
  *a = sg - *b * st;
}

/* Holt's linear exponential smoothing (level and trend), with the smoothing
 * constants chosen on a 0.05 grid by the least sum of squared one-step-ahead
 * errors.  The series is taken as equally spaced at its median step; the
 * forecast runs (tT - t_last) / step steps ahead. */
static double
holt_forecast (const GwGapPoint *pts, guint n, double tT, double *a, double *b)
{
  double best_sse = INFINITY, best_alpha = 0.5, best_beta = 0.5;
  double step, level = 0, trend = 0, h;
  g_autofree double *steps = g_new (double, MAX (n, 2));

  for (guint i = 1; i < n; i++)
    steps[i - 1] = pts[i].t - pts[i - 1].t;
  /* median of the steps */
  for (guint i = 0; i + 1 < n - 1; i++)
    for (guint j = i + 1; j < n - 1; j++)
      if (steps[j] < steps[i])
        {
          double tmp = steps[i];
          steps[i] = steps[j];
          steps[j] = tmp;
        }
  step = steps[(n - 2) / 2];
  if (step <= 0)
    step = 1;

  for (int ai = 1; ai <= 20; ai++)
    for (int bi = 1; bi <= 20; bi++)
      {
        double alpha = ai * 0.05, beta = bi * 0.05, sse = 0;
        double l = pts[0].gap, tr = pts[1].gap - pts[0].gap;

        for (guint i = 1; i < n; i++)
          {
            double forecast = l + tr, prev = l;
            double e = pts[i].gap - forecast;

            sse += e * e;
            l = alpha * pts[i].gap + (1 - alpha) * (l + tr);
            tr = beta * (l - prev) + (1 - beta) * tr;
          }
        if (sse < best_sse - 1e-15)
          {
            best_sse = sse;
            best_alpha = alpha;
            best_beta = beta;
          }
      }

  level = pts[0].gap;
  trend = pts[1].gap - pts[0].gap;
  for (guint i = 1; i < n; i++)
    {
      double prev = level;

      level = best_alpha * pts[i].gap + (1 - best_alpha) * (level + trend);
      trend = best_beta * (level - prev) + (1 - best_beta) * trend;
    }

  h = (tT - pts[n - 1].t) / step;
  /* the forecast as a line in t, for charts */
  *b = trend / step;
  *a = level - *b * pts[n - 1].t;
  return level + h * trend;
}

static GwTrackerRow *
track_subject (GwDataset      *dataset,
               const GwTarget *target,
               GwPolarity      polarity,
               GArray         *comparator,
               gboolean        is_group,
               guint           subject,
               GwSex           sex,
               GwSeriesFunc    series_func,
               gpointer        series_data)
{
  GwTrackerRow *row = g_new0 (GwTrackerRow, 1);
  g_autoptr(GArray) series = series_func (dataset, target->indicator, is_group, subject, sex, series_data);
  double t0 = gw_period_midpoint (target->baseline);
  double tT = gw_period_midpoint (target->target_period);
  g_autoptr(GArray) window = g_array_new (FALSE, FALSE, sizeof (GwGapPoint));
  const GwGapPoint *base = NULL, *latest = NULL;

  row->is_group = is_group;
  row->subject = subject;
  if (is_group)
    {
      const GwGroup *g = gw_dataset_get_group (dataset, subject);
      row->code = g_strdup (g->id);
      row->name = g_strdup (g->name);
    }
  else
    {
      const GwArea *a = gw_dataset_get_area (dataset, subject);
      row->code = g_strdup (a->code);
      row->name = g_strdup (a->name);
    }
  row->sex = sex;
  row->points = g_array_new (FALSE, FALSE, sizeof (GwGapPoint));
  row->baseline_gap = row->latest_gap = row->change_since_baseline = NAN;
  row->target_gap = row->trajectory_gap = row->projected_gap = row->required_narrowing = NAN;
  row->fit_intercept = row->fit_slope = NAN;
  row->status = GW_STATUS_INSUFFICIENT_DATA;

  for (guint i = 0; series != NULL && i < series->len; i++)
    {
      const GwSeriesPoint *sp = &g_array_index (series, GwSeriesPoint, i);
      const GwSeriesPoint *cp;
      GwGapPoint gp;

      if (!same_series_kind (sp->period, target->baseline) || isnan (sp->value))
        continue;
      cp = find_point (comparator, sp->period);
      if (cp == NULL || isnan (cp->value))
        continue;

      gp.period = sp->period;
      gp.t = gw_period_midpoint (sp->period);
      gp.value = sp->value;
      gp.comparator = cp->value;
      gp.gap = polarity == GW_POLARITY_LOWER_IS_BETTER ? sp->value - cp->value : cp->value - sp->value;
      if (target->gap == GW_GAP_RELATIVE)
        {
          if (cp->value == 0)
            continue;
          gp.gap = 100.0 * gp.gap / cp->value;
        }
      g_array_append_val (row->points, gp);
      if (gp.t >= t0 - 1e-9 && gp.t <= tT + 1e-9)
        g_array_append_val (window, gp);
    }

  for (guint i = 0; i < window->len; i++)
    {
      const GwGapPoint *gp = &g_array_index (window, GwGapPoint, i);

      if (gp->period == target->baseline)
        base = gp;
      latest = gp;
    }
  row->n_window_points = window->len;

  if (latest != NULL)
    {
      row->latest_period = latest->period;
      row->latest_gap = latest->gap;
    }
  if (base == NULL)
    return row;

  row->baseline_period = base->period;
  row->baseline_gap = base->gap;
  row->target_gap = (1.0 - target->reduction) * base->gap;
  row->trajectory_gap = gw_tracker_trajectory_at (row, target, latest->t);
  if (base->gap != 0)
    row->change_since_baseline = 100.0 * (latest->gap / base->gap - 1.0);
  /* with no gap at baseline the target is not to narrow one: no figure */
  if (base->gap <= 0)
    row->required_narrowing = NAN;
  else
    row->required_narrowing = latest->gap > row->target_gap && latest->gap > 0
                              ? 100.0 * (latest->gap - row->target_gap) / latest->gap
                              : 0.0;

  if (window->len < 3)
    return row;

  switch (target->method)
    {
    case GW_PROJECTION_LATEST:
      row->projected_gap = latest->gap;
      break;
    case GW_PROJECTION_HOLT:
      row->projected_gap = holt_forecast ((const GwGapPoint *) window->data, window->len, tT,
                                          &row->fit_intercept, &row->fit_slope);
      break;
    case GW_PROJECTION_LINEAR:
    default:
      fit_line ((const GwGapPoint *) window->data, window->len, &row->fit_intercept, &row->fit_slope);
      row->projected_gap = row->fit_intercept + row->fit_slope * tT;
      break;
    }

  if (base->gap <= 0)
    row->status = GW_STATUS_NO_GAP;
  else if (target->method == GW_PROJECTION_LATEST)
    row->status = latest->gap <= row->trajectory_gap ? GW_STATUS_ON_TRACK : GW_STATUS_OFF_TRACK;
  else
    row->status = row->projected_gap <= row->target_gap ? GW_STATUS_ON_TRACK : GW_STATUS_OFF_TRACK;

  return row;
}

gboolean
_gw_tracker_resolve (GwDataset       *dataset,
                     const GwTarget  *target,
                     gint            *group_out,
                     gint            *comparator_out,
                     GwPolarity      *polarity_out,
                     GError         **error)
{
  gint group, comparator;
  GwPolarity polarity = target->polarity;

  if (target->baseline == 0 || target->target_period == 0
      || gw_period_midpoint (target->target_period) <= gw_period_midpoint (target->baseline))
    {
      g_set_error (error, GW_TRACKER_ERROR, GW_TRACKER_ERROR_INVALID,
                   _("The target period must come after the baseline"));
      return FALSE;
    }
  if (target->reduction < 0 || target->reduction > 1)
    {
      g_set_error (error, GW_TRACKER_ERROR, GW_TRACKER_ERROR_INVALID,
                   _("The reduction must be between 0%% and 100%%"));
      return FALSE;
    }

  if (target->subject == GW_TARGET_SUBJECT_AREA)
    {
      group = gw_dataset_lookup_area (dataset, target->group);
      if (group < 0)
        {
          g_set_error (error, GW_TRACKER_ERROR, GW_TRACKER_ERROR_NO_GROUP,
                       _("No area “%s” in the imported exports"), target->group);
          return FALSE;
        }
    }
  else
    {
      group = gw_dataset_lookup_group (dataset, target->group);
      if (group < 0)
        {
          g_set_error (error, GW_TRACKER_ERROR, GW_TRACKER_ERROR_NO_GROUP,
                       _("No group “%s” in the imported exports"), target->group);
          return FALSE;
        }
    }

  comparator = target->comparator != NULL ? gw_dataset_lookup_area (dataset, target->comparator)
                                          : gw_dataset_get_country (dataset);
  if (comparator < 0)
    {
      if (target->comparator != NULL)
        g_set_error (error, GW_TRACKER_ERROR, GW_TRACKER_ERROR_NO_COMPARATOR,
                     _("No area “%s” to compare with in the imported exports"), target->comparator);
      else
        g_set_error (error, GW_TRACKER_ERROR, GW_TRACKER_ERROR_NO_COMPARATOR,
                     _("No area of type country (England) to compare with in the imported exports"));
      return FALSE;
    }

  /* The target's polarity, else the indicator registry's (a built-in's, or
   * the one its export declares).  Never guessed from the id: an indicator
   * whose direction nobody declared cannot say which way is better. */
  if (polarity == GW_POLARITY_NONE)
    polarity = gw_indicator_info_polarity (dataset, target->indicator);
  if (polarity == GW_POLARITY_NONE)
    {
      g_set_error (error, GW_TRACKER_ERROR, GW_TRACKER_ERROR_NO_INDICATOR,
                   _("Indicator “%s” is neither computed by Gapwatch nor declared with a polarity "
                     "by an imported export"), target->indicator);
      return FALSE;
    }

  *group_out = group;
  *comparator_out = comparator;
  *polarity_out = polarity;
  return TRUE;
}

GPtrArray *
gw_tracker_run (GwDataset       *dataset,
                const GwTarget  *target,
                GwSeriesFunc     series,
                gpointer         series_data,
                GError         **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) members = NULL;
  gint group, comparator;
  GwPolarity polarity;

  g_return_val_if_fail (GW_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (target != NULL, NULL);

  if (series == NULL)
    series = gw_tracker_published_series;
  if (!_gw_tracker_resolve (dataset, target, &group, &comparator, &polarity, error))
    return NULL;

  rows = g_ptr_array_new_with_free_func (free_row);
  if (target->subject == GW_TARGET_SUBJECT_AREA)
    {
      guint area = (guint) group;

      members = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (members, area);
    }
  else
    members = gw_dataset_group_members (dataset, group);

  /* pass 0: the group as a whole, when the target tracks it */
  for (int pass = target->subject == GW_TARGET_SUBJECT_GROUP ? 0 : 1; pass < 2; pass++)
    for (GwSex sex = GW_SEX_MALE; sex <= GW_SEX_PERSONS; sex++)
      {
        g_autoptr(GArray) comp = NULL;

        if (!(target->sexes & (1u << sex)))
          continue;
        comp = series (dataset, target->indicator, FALSE, comparator, sex, series_data);
        if (pass == 0)
          g_ptr_array_add (rows, track_subject (dataset, target, polarity, comp, TRUE, group, sex,
                                                series, series_data));
        else
          for (guint i = 0; i < members->len; i++)
            g_ptr_array_add (rows, track_subject (dataset, target, polarity, comp, FALSE,
                                                  g_array_index (members, guint, i), sex,
                                                  series, series_data));
      }

  /* members: each area's sexes next to each other, in area order */
  {
    guint n_group = 0;

    while (n_group < rows->len && ((GwTrackerRow *) g_ptr_array_index (rows, n_group))->is_group)
      n_group++;
    if (rows->len > n_group)
      {
        GwTrackerRow **r = (GwTrackerRow **) rows->pdata + n_group;
        guint n = rows->len - n_group;
        g_autofree GwTrackerRow **sorted = g_new (GwTrackerRow *, n);
        guint n_sexes = n / MAX (members->len, 1), k = 0;

        for (guint i = 0; i < members->len; i++)
          for (guint s = 0; s < n_sexes; s++)
            sorted[k++] = r[s * members->len + i];
        memcpy (r, sorted, n * sizeof *r);
      }
  }

  return g_steal_pointer (&rows);
}

void
gw_tracker_summarise (GPtrArray        *rows,
                      GwTrackerSummary *out)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  memset (out, 0, sizeof *out);

  for (guint i = 0; i < rows->len; i++)
    {
      const GwTrackerRow *r = g_ptr_array_index (rows, i);
      gboolean insufficient = FALSE, men = FALSE, women = FALSE, single = TRUE;

      if (r->is_group || g_hash_table_contains (seen, GUINT_TO_POINTER (r->subject + 1)))
        continue;
      g_hash_table_add (seen, GUINT_TO_POINTER (r->subject + 1));

      for (guint j = i; j < rows->len; j++)
        {
          const GwTrackerRow *s = g_ptr_array_index (rows, j);
          gboolean ok;

          if (s->is_group || s->subject != r->subject)
            continue;
          ok = s->status == GW_STATUS_ON_TRACK || s->status == GW_STATUS_NO_GAP;
          if (s->status == GW_STATUS_INSUFFICIENT_DATA)
            insufficient = TRUE;
          if (s->sex == GW_SEX_MALE)
            {
              men = ok;
              single = FALSE;
            }
          else if (s->sex == GW_SEX_FEMALE)
            {
              women = ok;
              single = FALSE;
            }
          else
            men = women = ok;
        }
      (void) single;

      if (insufficient)
        out->insufficient_data++;
      else if (men && women)
        out->both++;
      else if (men)
        out->men_only++;
      else if (women)
        out->women_only++;
      else
        out->neither++;
    }
}
