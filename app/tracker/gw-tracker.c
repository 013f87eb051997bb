/* gw-tracker.c: gaps, trajectories, projections and status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gw-config.h"

#include "gw-tracker.h"
#include "gw-tracker-private.h"
#include "methods/gw-ci.h"
#include "methods/gw-indicator-info.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (gw-tracker-error-quark, gw_tracker_error)

const char *
gw_certainty_to_string (GwCertainty certainty)
{
  switch (certainty)
    {
    case GW_CERTAINTY_CLEAR:     return "clear";
    case GW_CERTAINTY_UNCERTAIN: return "uncertain";
    default:                     return "unknown";
    }
}

const char *
gw_tracker_reason_to_string (GwTrackerReason reason)
{
  switch (reason)
    {
    case GW_REASON_NO_BASELINE:     return "no-baseline";
    case GW_REASON_TOO_FEW_POINTS:  return "too-few-points";
    case GW_REASON_NO_GAP:          return "no-gap";
    case GW_REASON_GAP_OPENED:      return "gap-opened";
    case GW_REASON_GAP_PROJECTED:   return "gap-projected";
    case GW_REASON_ON_TRACK:        return "on-track";
    case GW_REASON_MEETS_BUT_TREND: return "meets-target-but-trend";
    case GW_REASON_OFF_TRACK:
    default:                        return "off-track";
    }
}

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
  g_free (row->reason_text);
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
 * forecast runs h = (tT - t_last) / step steps ahead. */
typedef struct
{
  double forecast;
  double alpha;       /* level constant */
  double beta;        /* trend constant (Holt's beta*, not ETS's alpha beta*) */
  double sigma2;      /* mean squared one-step error */
  double h;           /* steps ahead */
  double a, b;        /* the forecast as a line gap = a + b t, for charts */
} HoltFit;

static void
holt_fit (const GwGapPoint *pts, guint n, double tT, HoltFit *fit)
{
  double best_sse = INFINITY, best_alpha = 0.5, best_beta = 0.5;
  double step, level = 0, trend = 0, sse = 0;
  g_autofree double *steps = g_new (double, MAX (n, 2));

  g_assert (n >= 3);

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
        double alpha = ai * 0.05, beta = bi * 0.05, grid_sse = 0;
        double l = pts[0].gap, tr = pts[1].gap - pts[0].gap;

        for (guint i = 1; i < n; i++)
          {
            double forecast = l + tr, prev = l;
            double e = pts[i].gap - forecast;

            grid_sse += e * e;
            l = alpha * pts[i].gap + (1 - alpha) * (l + tr);
            tr = beta * (l - prev) + (1 - beta) * tr;
          }
        if (grid_sse < best_sse - 1e-15)
          {
            best_sse = grid_sse;
            best_alpha = alpha;
            best_beta = beta;
          }
      }

  level = pts[0].gap;
  trend = pts[1].gap - pts[0].gap;
  for (guint i = 1; i < n; i++)
    {
      double prev = level;

      /* the first forecast (level + trend = the second point, by the initial
       * trend) is no forecast at all: only the n - 2 after it count in sigma */
      if (i >= 2)
        {
          double e = pts[i].gap - (level + trend);

          sse += e * e;
        }
      level = best_alpha * pts[i].gap + (1 - best_alpha) * (level + trend);
      trend = best_beta * (level - prev) + (1 - best_beta) * trend;
    }

  fit->alpha = best_alpha;
  fit->beta = best_beta;
  fit->sigma2 = sse / (n - 2);
  fit->h = (tT - pts[n - 1].t) / step;
  fit->b = trend / step;
  fit->a = level - fit->b * pts[n - 1].t;
  fit->forecast = level + fit->h * trend;
}

double
gw_tracker_holt_interval_halfwidth (double sigma,
                                    double alpha,
                                    double beta,
                                    double h)
{
  /* ETS(A,A,N): beta there is alpha x Holt's trend constant */
  double b = alpha * beta;
  double var = 1.0 + (h - 1.0) * (alpha * alpha + alpha * b * h + b * b * h * (2.0 * h - 1.0) / 6.0);

  if (!isfinite (sigma) || sigma <= 0 || h < 1.0 || var <= 0)
    return NAN;
  return GW_Z_95 * sigma * sqrt (var);
}

double
gw_tracker_linear_interval_halfwidth (const GwGapPoint *points,
                                      guint             n,
                                      double            t)
{
  double mt = 0, mg = 0, sxx = 0, sxg = 0, b, a, rss = 0, s, scale = 0;

  g_return_val_if_fail (points != NULL || n == 0, NAN);

  if (n < 3)
    return NAN;
  for (guint i = 0; i < n; i++)
    {
      mt += points[i].t;
      mg += points[i].gap;
      scale = MAX (scale, fabs (points[i].gap));
    }
  mt /= n;
  mg /= n;
  for (guint i = 0; i < n; i++)
    {
      sxx += (points[i].t - mt) * (points[i].t - mt);
      sxg += (points[i].t - mt) * (points[i].gap - mg);
    }
  if (sxx <= 0)
    return NAN;
  b = sxg / sxx;
  a = mg - b * mt;
  for (guint i = 0; i < n; i++)
    {
      double e = points[i].gap - (a + b * points[i].t);

      rss += e * e;
    }
  s = sqrt (rss / (n - 2));
  /* every point on the line (to rounding): no interval, not a zero-width one */
  if (s <= 1e-12 * MAX (scale, 1.0))
    return NAN;
  return gw_t_quantile (0.975, n - 2) * s * sqrt (1.0 + 1.0 / n + (t - mt) * (t - mt) / sxx);
}

/* A standard error from a value's two-sided 95% limits (published, or the
 * life table's or Byar/exact limits when computed): (upper - lower) / (2 z). */
static double
se_from_limits (double lower, double upper)
{
  if (!isfinite (lower) || !isfinite (upper) || upper < lower)
    return NAN;
  return (upper - lower) / (2.0 * GW_Z_95);
}

/* What every row of one run shares. */
typedef struct
{
  const GwTarget *target;
  GwPolarity      polarity;
  GArray         *comparator;       /* GwSeriesPoint */
  const char     *comparator_name;  /* "England" */
  const char     *unit;             /* of a gap: "%" for a relative gap */
  guint           decimals;         /* of a gap in the reason */
  GwTrackerSii   *sii;              /* an SII target's series, else NULL: the
                                     * "gap" is the SII itself, no comparator */
} TrackContext;

/* A gap in the reason's words: "2.5%" or "0.45 per 1,000 live births",
 * numbers in the C locale whatever LC_NUMERIC says (the same bytes in CSV
 * under every locale). */
static char *
format_gap_decimals (const TrackContext *ctx, double gap, guint decimals)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE], format[16];

  g_snprintf (format, sizeof format, "%%.%uf", decimals);
  g_ascii_formatd (number, sizeof number, format, gap);
  if (g_str_equal (ctx->unit, "%"))
    return g_strconcat (number, "%", NULL);
  if (ctx->unit[0] == '\0')
    return g_strdup (number);
  return g_strconcat (number, " ", ctx->unit, NULL);
}

static char *
format_gap (const TrackContext *ctx, double gap)
{
  return format_gap_decimals (ctx, gap, ctx->decimals);
}

/* Two gaps the reason compares, with as many more decimals (up to 3) as it
 * takes to tell them apart: "projects 3.7% against a target of 3.7%" would
 * read as a contradiction of "off track". */
static void
format_gap_pair (const TrackContext *ctx, double a, double b, char **a_out, char **b_out)
{
  guint decimals = ctx->decimals;

  *a_out = format_gap_decimals (ctx, a, decimals);
  *b_out = format_gap_decimals (ctx, b, decimals);
  while (a != b && g_str_equal (*a_out, *b_out) && decimals < ctx->decimals + 3)
    {
      decimals++;
      g_free (*a_out);
      g_free (*b_out);
      *a_out = format_gap_decimals (ctx, a, decimals);
      *b_out = format_gap_decimals (ctx, b, decimals);
    }
}

static char *
format_period (GwPeriod period)
{
  char buf[GW_PERIOD_STRLEN];

  return g_strdup (gw_period_format (period, buf));
}

/* The reason in words (help/C/method-target.page, reviewed as a director reads
 * it: the issue 13 wording). */
static void
describe (GwTrackerRow *row, const TrackContext *ctx, double threshold)
{
  const GwTarget *target = ctx->target;
  g_autofree char *base = format_period (target->baseline);
  g_autofree char *tp = format_period (target->target_period);
  g_autofree char *lp = row->latest_period != 0 ? format_period (row->latest_period) : g_strdup ("");
  g_autofree char *g0 = format_gap (ctx, row->baseline_gap);
  g_autofree char *gl = NULL, *gp = NULL, *gt = NULL, *thr = NULL;
  gboolean latest = target->method == GW_PROJECTION_LATEST;
  char *text = NULL;

  if (latest)
    {
      format_gap_pair (ctx, row->latest_gap, threshold, &gl, &thr);
      gp = format_gap (ctx, row->projected_gap);
      gt = format_gap (ctx, row->target_gap);
    }
  else
    {
      format_gap_pair (ctx, row->projected_gap, row->target_gap, &gp, &gt);
      gl = format_gap (ctx, row->latest_gap);
      thr = format_gap (ctx, threshold);
    }

  if (row->target_observed && (row->reason == GW_REASON_ON_TRACK || row->reason == GW_REASON_OFF_TRACK
                               || row->reason == GW_REASON_NO_GAP))
    {
      g_autofree char *obs = NULL, *tg = NULL;

      format_gap_pair (ctx, row->latest_gap, row->target_gap, &obs, &tg);
      if (row->reason == GW_REASON_NO_GAP)
        /* TRANSLATORS: no gap: no worse than England in 1995-1997 (-0.8%) nor in the target period 2009-2011 (-0.9%) */
        text = g_strdup_printf (_("no gap: no worse than %s in %s (%s) nor in the target period %s (%s)"),
                                ctx->comparator_name, base, g0, tp, obs);
      else if (row->reason == GW_REASON_ON_TRACK)
        /* TRANSLATORS: on track: the target is met: the gap observed in 2009-2011 (1.3%) is no wider than the target of 3.8% */
        text = g_strdup_printf (_("on track: the target is met: the gap observed in %s (%s) is no wider than the target of %s"),
                                tp, obs, tg);
      else
        /* TRANSLATORS: off track: the target is missed: the gap observed in 2009-2011 (6.8%) is wider than the target of 2.9% */
        text = g_strdup_printf (_("off track: the target is missed: the gap observed in %s (%s) is wider than the target of %s"),
                                tp, obs, tg);
    }
  else if (ctx->sii != NULL && row->reason == GW_REASON_NO_BASELINE)
    {
      const char *why = _gw_tracker_sii_why (ctx->sii);

      if (why != NULL)
        /* TRANSLATORS: insufficient data: no SII for 1995-1997: <why, e.g. Decile 7 has no small areas ...> */
        text = g_strdup_printf (_("insufficient data: no SII for the baseline period %s: %s"), base, why);
      else
        text = g_strdup_printf (_("insufficient data: no SII for the baseline period %s"), base);
    }
  else if (ctx->sii != NULL && row->reason == GW_REASON_TOO_FEW_POINTS)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "insufficient data: an SII for %u period from %s on; a projection needs 3",
                                         "insufficient data: an SII for %u periods from %s on; a projection needs 3",
                                         row->n_window_points),
                            row->n_window_points, base);
  else if (ctx->sii != NULL && row->reason == GW_REASON_NO_GAP)
    /* TRANSLATORS: no inequality: the least deprived lived no longer than the most deprived in 2002-2004 (SII -0.3 years), and the trend projects -0.5 years in 2010-2012 */
    text = g_strdup_printf (_("no inequality: the least deprived lived no longer than the most deprived in %s "
                              "(SII %s), and the trend projects %s in %s"), base, g0, gp, tp);
  else if (ctx->sii != NULL && row->reason == GW_REASON_GAP_OPENED)
    /* TRANSLATORS: inequality has opened: none in 2002-2004 (SII -0.3 years), now 1.2 years in 2005-2007; the target is none again by 2010-2012 */
    text = g_strdup_printf (_("inequality has opened: none in %s (SII %s), now %s in %s; "
                              "the target is none again by %s"), base, g0, gl, lp, tp);
  else if (ctx->sii != NULL && row->reason == GW_REASON_GAP_PROJECTED)
    /* TRANSLATORS: off track: still no inequality in 2005-2007 (SII -0.2 years), but the trend projects an SII of 0.9 years in 2010-2012 */
    text = g_strdup_printf (_("off track: still no inequality in %s (SII %s), but the trend projects an SII of %s in %s"),
                            lp, gl, gp, tp);
  else switch (row->reason)
    {
    case GW_REASON_NO_BASELINE:
      /* TRANSLATORS: %s is the baseline period, e.g. 1995-1997 */
      text = g_strdup_printf (_("insufficient data: no gap at the baseline period %s"), base);
      break;
    case GW_REASON_TOO_FEW_POINTS:
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "insufficient data: %u period with both values from %s on; a projection needs 3",
                                           "insufficient data: %u periods with both values from %s on; a projection needs 3",
                                           row->n_window_points),
                              row->n_window_points, base);
      break;
    case GW_REASON_NO_GAP:
      if (latest)
        /* TRANSLATORS: no gap: no worse than England in 1995-1997 (-0.8%) and still none in 2004-2006 (-0.9%) */
        text = g_strdup_printf (_("no gap: no worse than %s in %s (%s) and still none in %s (%s)"),
                                ctx->comparator_name, base, g0, lp, gl);
      else
        /* TRANSLATORS: no gap: no worse than England in 1995-1997 (-0.8%), and the trend projects -0.9% in 2009-2011 */
        text = g_strdup_printf (_("no gap: no worse than %s in %s (%s), and the trend projects %s in %s"),
                                ctx->comparator_name, base, g0, gp, tp);
      break;
    case GW_REASON_GAP_OPENED:
      /* TRANSLATORS: the gap has opened: no worse than England in 1995-1997 (-0.7%), now worse (0.3% in 2004-2006); the target is to be no worse again by 2009-2011 */
      text = g_strdup_printf (_("the gap has opened: no worse than %s in %s (%s), now worse (%s in %s); "
                                "the target is to be no worse again by %s"),
                              ctx->comparator_name, base, g0, gl, lp, tp);
      break;
    case GW_REASON_GAP_PROJECTED:
      /* TRANSLATORS: off track: still no worse than England in 2004-2006 (-0.2%), but the trend projects a gap of 0.9% in 2009-2011 */
      text = g_strdup_printf (_("off track: still no worse than %s in %s (%s), but the trend projects a gap of %s in %s"),
                              ctx->comparator_name, lp, gl, gp, tp);
      break;
    case GW_REASON_ON_TRACK:
      if (latest)
        /* TRANSLATORS: on track: the latest gap (2.3% in 2004-2006) is no wider than the trajectory's 3.9% */
        text = g_strdup_printf (_("on track: the latest gap (%s in %s) is no wider than the trajectory’s %s"),
                                gl, lp, thr);
      else
        /* TRANSLATORS: on track: the trend since 1995-1997 projects 1.3% in 2009-2011 against a target of 3.8% */
        text = g_strdup_printf (_("on track: the trend since %s projects %s in %s against a target of %s"),
                                base, gp, tp, gt);
      break;
    case GW_REASON_MEETS_BUT_TREND:
      /* TRANSLATORS: off track: the latest gap (-0.8% in 2004-2006) already meets the target, but the trend since 1995-1997 projects 27.9% in 2009-2011 against a target of 17.6% */
      text = g_strdup_printf (_("off track: the latest gap (%s in %s) already meets the target, but the trend "
                                "since %s projects %s in %s against a target of %s"),
                              gl, lp, base, gp, tp, gt);
      break;
    case GW_REASON_OFF_TRACK:
    default:
      if (latest)
        /* TRANSLATORS: off track: the latest gap (5.4% in 2004-2006) is wider than the trajectory's 3.0% */
        text = g_strdup_printf (_("off track: the latest gap (%s in %s) is wider than the trajectory’s %s"),
                                gl, lp, thr);
      else
        /* TRANSLATORS: off track: the trend since 1995-1997 projects 6.8% in 2009-2011 against a target of 2.9% */
        text = g_strdup_printf (_("off track: the trend since %s projects %s in %s against a target of %s"),
                                base, gp, tp, gt);
      break;
    }

  if (row->certainty == GW_CERTAINTY_UNCERTAIN)
    {
      g_autofree char *lo = format_gap (ctx, row->projected_lower95);
      g_autofree char *hi = format_gap (ctx, row->projected_upper95);
      g_autofree char *main_text = text;

      if (row->target_observed)
        /* TRANSLATORS: the first %s is the reason before it; then the interval's limits */
        text = g_strdup_printf (_("%s; too close to call: the target lies inside the observed gap’s 95%% interval (%s to %s)"),
                                main_text, lo, hi);
      else
        text = latest
          /* TRANSLATORS: the first %s is the reason before it; then the interval's limits */
          ? g_strdup_printf (_("%s; too close to call: the trajectory lies inside the latest gap’s 95%% interval (%s to %s)"),
                             main_text, lo, hi)
          /* TRANSLATORS: the first %s is the reason before it; then the interval's limits */
          : g_strdup_printf (_("%s; too close to call: the target lies inside the projection’s 95%% interval (%s to %s)"),
                             main_text, lo, hi);
    }
  row->reason_text = text;
}

static GwTrackerRow *
track_subject (GwDataset          *dataset,
               const TrackContext *ctx,
               gboolean            is_group,
               guint               subject,
               GwSex               sex,
               GwSeriesFunc        series_func,
               gpointer            series_data)
{
  const GwTarget *target = ctx->target;
  GwTrackerRow *row = g_new0 (GwTrackerRow, 1);
  g_autoptr(GArray) series = series_func (dataset, target->indicator, is_group, subject, sex, series_data);
  double t0 = gw_period_midpoint (target->baseline);
  double tT = gw_period_midpoint (target->target_period);
  g_autoptr(GArray) window = g_array_new (FALSE, FALSE, sizeof (GwGapPoint));
  const GwGapPoint *base = NULL, *latest = NULL;
  double threshold, half = NAN;

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
  row->latest_gap_se = row->latest_gap_lower95 = row->latest_gap_upper95 = NAN;
  row->baseline_gap_lower95 = row->baseline_gap_upper95 = NAN;
  row->latest_value = row->latest_value_lower95 = row->latest_value_upper95 = NAN;
  row->latest_comparator = row->latest_comparator_lower95 = row->latest_comparator_upper95 = NAN;
  row->change_pp = row->projected_lower95 = row->projected_upper95 = NAN;
  row->certainty = GW_CERTAINTY_UNKNOWN;
  row->status = GW_STATUS_INSUFFICIENT_DATA;

  for (guint i = 0; series != NULL && i < series->len; i++)
    {
      const GwSeriesPoint *sp = &g_array_index (series, GwSeriesPoint, i);
      const GwSeriesPoint *cp;
      GwGapPoint gp;
      double se_a, se_c;

      if (!same_series_kind (sp->period, target->baseline) || isnan (sp->value))
        continue;
      if (ctx->sii != NULL)
        {
          /* the SII is the "gap" itself: positive, the least deprived live
           * longer; narrowing it is the target */
          gp.period = sp->period;
          gp.t = gw_period_midpoint (sp->period);
          gp.value = gp.gap = sp->value;
          gp.value_lower95 = gp.gap_lower95 = sp->lower;
          gp.value_upper95 = gp.gap_upper95 = sp->upper;
          gp.gap_se = se_from_limits (sp->lower, sp->upper);
          gp.comparator = gp.comparator_lower95 = gp.comparator_upper95 = NAN;
          g_array_append_val (row->points, gp);
          if (gp.t >= t0 - 1e-9 && gp.t <= tT + 1e-9)
            g_array_append_val (window, gp);
          continue;
        }
      cp = find_point (ctx->comparator, sp->period);
      if (cp == NULL || isnan (cp->value))
        continue;

      gp.period = sp->period;
      gp.t = gw_period_midpoint (sp->period);
      gp.value = sp->value;
      gp.comparator = cp->value;
      gp.value_lower95 = sp->lower;
      gp.value_upper95 = sp->upper;
      gp.comparator_lower95 = cp->lower;
      gp.comparator_upper95 = cp->upper;
      se_a = se_from_limits (sp->lower, sp->upper);
      se_c = se_from_limits (cp->lower, cp->upper);
      gp.gap = ctx->polarity == GW_POLARITY_LOWER_IS_BETTER ? sp->value - cp->value : cp->value - sp->value;
      /* the area and the comparator taken as independent (England includes
       * the area, but is so much larger that the covariance is negligible) */
      gp.gap_se = sqrt (se_a * se_a + se_c * se_c);
      if (target->gap == GW_GAP_RELATIVE)
        {
          double c = cp->value;

          if (c == 0)
            continue;
          gp.gap = 100.0 * gp.gap / c;
          /* the delta method on 100 (A / C - 1) */
          gp.gap_se = 100.0 * sqrt (se_a * se_a / (c * c) + sp->value * sp->value * se_c * se_c / (c * c * c * c));
        }
      gp.gap_lower95 = gp.gap - GW_Z_95 * gp.gap_se;
      gp.gap_upper95 = gp.gap + GW_Z_95 * gp.gap_se;
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
      row->latest_gap_se = latest->gap_se;
      row->latest_gap_lower95 = latest->gap_lower95;
      row->latest_gap_upper95 = latest->gap_upper95;
      row->latest_value = latest->value;
      row->latest_value_lower95 = latest->value_lower95;
      row->latest_value_upper95 = latest->value_upper95;
      row->latest_comparator = latest->comparator;
      row->latest_comparator_lower95 = latest->comparator_lower95;
      row->latest_comparator_upper95 = latest->comparator_upper95;
    }
  if (base == NULL)
    {
      row->reason = GW_REASON_NO_BASELINE;
      describe (row, ctx, NAN);
      return row;
    }

  row->baseline_period = base->period;
  row->baseline_gap = base->gap;
  row->baseline_gap_lower95 = base->gap_lower95;
  row->baseline_gap_upper95 = base->gap_upper95;
  /* no worse than the comparator at baseline: the target is to stay so */
  row->target_gap = base->gap > 0 ? (1.0 - target->reduction) * base->gap : 0.0;
  row->trajectory_gap = gw_tracker_trajectory_at (row, target, latest->t);
  row->change_pp = latest->gap - base->gap;
  if (base->gap > 0)
    row->change_since_baseline = 100.0 * (latest->gap / base->gap - 1.0);
  row->required_narrowing = latest->gap > row->target_gap && latest->gap > 0
                            ? 100.0 * (latest->gap - row->target_gap) / latest->gap
                            : 0.0;

  /* The target period has passed and has its value: judge what happened,
   * not what a trend would have projected. */
  if (latest->period == target->target_period)
    {
      row->target_observed = TRUE;
      row->projected_gap = latest->gap;
      row->projected_lower95 = latest->gap_lower95;
      row->projected_upper95 = latest->gap_upper95;
    }
  else if (window->len < 3)
    {
      row->reason = GW_REASON_TOO_FEW_POINTS;
      describe (row, ctx, NAN);
      return row;
    }

  switch (row->target_observed ? GW_PROJECTION_LATEST : target->method)
    {
    case GW_PROJECTION_LATEST:
      row->projected_gap = latest->gap;
      row->projected_lower95 = latest->gap_lower95;
      row->projected_upper95 = latest->gap_upper95;
      break;
    case GW_PROJECTION_HOLT:
      {
        HoltFit fit;

        holt_fit ((const GwGapPoint *) window->data, window->len, tT, &fit);
        row->projected_gap = fit.forecast;
        row->fit_intercept = fit.a;
        row->fit_slope = fit.b;
        half = gw_tracker_holt_interval_halfwidth (sqrt (fit.sigma2), fit.alpha, fit.beta, fit.h);
      }
      break;
    case GW_PROJECTION_LINEAR:
    default:
      fit_line ((const GwGapPoint *) window->data, window->len, &row->fit_intercept, &row->fit_slope);
      row->projected_gap = row->fit_intercept + row->fit_slope * tT;
      half = gw_tracker_linear_interval_halfwidth ((const GwGapPoint *) window->data, window->len, tT);
      break;
    }
  if (target->method != GW_PROJECTION_LATEST && !row->target_observed && isfinite (half))
    {
      row->projected_lower95 = row->projected_gap - half;
      row->projected_upper95 = row->projected_gap + half;
    }

  /* DH's rule on the point projection; the latest method compares the
   * latest gap with the trajectory at its period */
  if (base->gap <= 0)
    threshold = 0.0;
  else if (target->method == GW_PROJECTION_LATEST && !row->target_observed)
    threshold = row->trajectory_gap;
  else
    threshold = row->target_gap;

  if (base->gap <= 0)
    {
      /* a gap that has opened is never "no gap", even when the trend turns
       * back: the director must hear that the area is now worse */
      if (latest->gap > 0)
        {
          row->status = GW_STATUS_OFF_TRACK;
          row->reason = GW_REASON_GAP_OPENED;
        }
      else if (row->projected_gap <= 0)
        {
          row->status = GW_STATUS_NO_GAP;
          row->reason = GW_REASON_NO_GAP;
        }
      else
        {
          row->status = GW_STATUS_OFF_TRACK;
          row->reason = GW_REASON_GAP_PROJECTED;
        }
    }
  else if (row->projected_gap <= threshold)
    {
      row->status = GW_STATUS_ON_TRACK;
      row->reason = GW_REASON_ON_TRACK;
    }
  else
    {
      row->status = GW_STATUS_OFF_TRACK;
      row->reason = target->method != GW_PROJECTION_LATEST && !row->target_observed
                    && latest->gap <= row->target_gap
                    ? GW_REASON_MEETS_BUT_TREND : GW_REASON_OFF_TRACK;
    }

  if (isfinite (row->projected_lower95) && isfinite (row->projected_upper95))
    row->certainty = threshold >= row->projected_lower95 && threshold <= row->projected_upper95
                     ? GW_CERTAINTY_UNCERTAIN : GW_CERTAINTY_CLEAR;

  describe (row, ctx, threshold);
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

  if (target->measure == GW_TARGET_MEASURE_SII && !gw_target_sii_indicator (target->indicator, NULL))
    {
      g_set_error (error, GW_TRACKER_ERROR, GW_TRACKER_ERROR_NO_INDICATOR,
                   _("An SII target is on life expectancy at birth (le-birth) or at 65 (le-65), not “%s”"),
                   target->indicator);
      return FALSE;
    }

  comparator = target->comparator != NULL ? gw_dataset_lookup_area (dataset, target->comparator)
                                          : gw_dataset_get_country (dataset);
  /* an SII has no comparator: the country, when there is one, only names
   * one for readers that ask */
  if (comparator < 0 && target->measure == GW_TARGET_MEASURE_SII && target->comparator == NULL)
    comparator = -1;
  else if (comparator < 0)
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
  g_autoptr(GwTrackerSii) sii = NULL;
  gint group, comparator;
  GwPolarity polarity;
  GwIndicatorInfo info;
  TrackContext ctx;

  g_return_val_if_fail (GW_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (target != NULL, NULL);

  if (series == NULL)
    series = gw_tracker_published_series;
  if (!_gw_tracker_resolve (dataset, target, &group, &comparator, &polarity, error))
    return NULL;

  if (target->measure == GW_TARGET_MEASURE_SII)
    {
      sii = _gw_tracker_sii_new (dataset, target, error);
      if (sii == NULL)
        return NULL;
      series = _gw_tracker_sii_series;
      series_data = sii;
    }

  ctx.target = target;
  ctx.polarity = polarity;
  ctx.sii = sii;
  ctx.comparator_name = "";
  if (comparator >= 0)
    {
      ctx.comparator_name = gw_dataset_get_area (dataset, comparator)->name;
      if (ctx.comparator_name == NULL || ctx.comparator_name[0] == '\0')
        ctx.comparator_name = gw_dataset_get_area (dataset, comparator)->code;
    }
  gw_indicator_info_lookup (dataset, target->indicator, &info);
  /* an SII is in years, whatever the target's gap says */
  ctx.unit = target->gap == GW_GAP_RELATIVE && sii == NULL ? "%" : (info.unit != NULL ? info.unit : "");
  ctx.decimals = target->gap == GW_GAP_RELATIVE && sii == NULL ? 1 : MAX (info.decimals, 1);

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
        if (sii == NULL)
          comp = series (dataset, target->indicator, FALSE, comparator, sex, series_data);
        ctx.comparator = comp;
        if (pass == 0)
          g_ptr_array_add (rows, track_subject (dataset, &ctx, TRUE, group, sex, series, series_data));
        else
          for (guint i = 0; i < members->len; i++)
            g_ptr_array_add (rows, track_subject (dataset, &ctx, FALSE, g_array_index (members, guint, i),
                                                  sex, series, series_data));
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
      gboolean insufficient = FALSE, men = FALSE, women = FALSE, single = TRUE, uncertain = FALSE;

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
          if (s->certainty == GW_CERTAINTY_UNCERTAIN)
            uncertain = TRUE;
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
        {
          out->insufficient_data++;
          continue;
        }
      if (men && women)
        {
          out->both++;
          out->both_uncertain += uncertain;
        }
      else if (men)
        {
          out->men_only++;
          out->men_only_uncertain += uncertain;
        }
      else if (women)
        {
          out->women_only++;
          out->women_only_uncertain += uncertain;
        }
      else
        {
          out->neither++;
          out->neither_uncertain += uncertain;
        }
      out->uncertain += uncertain;
    }
}
