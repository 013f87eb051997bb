/* gw-chart-trend.c: an indicator over time against England and the group
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One panel per sex.  The subject's confidence interval is a shaded band;
 * England's and the group's, usually a hair wide, are whiskers.  The style
 * chooses 95% or 99.8% limits; a published value has 95% limits only, and
 * those are drawn for it (a band with dotted edges, said in the legend).  How
 * a value was obtained is told by the marker and the line, not by colour:
 * filled markers are published values, hollow ones computed from counts, and
 * a dotted line leads to a provisional (rolling 36-month) value.  A period
 * whose value is missing with a reason (suppressed by the publisher, too few
 * deaths) breaks the line and is hatched across the plot, so nobody reads
 * the line over it as a value; its tooltip says why.
 */
#include "gw-config.h"

#include <math.h>
#include <string.h>

#include "gw-chart-private.h"

typedef struct
{
  double         t;          /* x: the period's midpoint (methods.md section 6) */
  GwPeriod       period;
  gboolean       rolling;
  double         value;
  double         lower95, upper95, lower998, upper998;
  GwValueSource  source;
  const char    *note;       /* a suppressed period's reason code (static) */
} TrendPoint;

typedef struct
{
  char        *name;
  GwChartRole  role;
  GwMarker     marker;
  GwDash       dash;
  GArray      *points;       /* TrendPoint, by t */
  GArray      *suppressed;   /* TrendPoint without a value, by t */
} TrendSeries;

typedef struct
{
  GwSex        sex;
  TrendSeries *series[3];    /* the subject, its group, England; NULL when absent */
} TrendPanel;

typedef struct
{
  char        *unit;
  int          decimals;
  GArray      *ticks;        /* GwTick: every period shown */
  double       x_lo, x_hi;
  GPtrArray   *panels;       /* TrendPanel */
  gboolean     pooled;
  guint        ci_item;      /* the legend's "95% confidence interval" */
} Trend;

/* The limits drawn for p: its 99.8% ones when want998 and it has them,
 * else its 95% ones.  FALSE when it has none; *fallback says 95% limits
 * stand in for 99.8% ones (a published value). */
static gboolean
point_limits (const TrendPoint *p,
              gboolean          want998,
              double           *lower,
              double           *upper,
              gboolean         *fallback)
{
  *fallback = FALSE;
  if (want998 && isfinite (p->lower998) && isfinite (p->upper998))
    {
      *lower = p->lower998;
      *upper = p->upper998;
      return TRUE;
    }
  *lower = p->lower95;
  *upper = p->upper95;
  if (!isfinite (*lower) || !isfinite (*upper))
    return FALSE;
  *fallback = want998;
  return TRUE;
}

static void
series_free (TrendSeries *s)
{
  if (s == NULL)
    return;
  g_free (s->name);
  g_array_unref (s->points);
  g_array_unref (s->suppressed);
  g_free (s);
}

static void
panel_free (TrendPanel *p)
{
  for (guint i = 0; i < 3; i++)
    series_free (p->series[i]);
  g_free (p);
}

static void
trend_free (Trend *t)
{
  g_free (t->unit);
  g_clear_pointer (&t->ticks, g_array_unref);
  g_clear_pointer (&t->panels, g_ptr_array_unref);
  g_free (t);
}

/* "36 months to Dec 2007" for a rolling value, else the period. */
static char *
format_point_period (const TrendPoint *p,
                     gboolean          axis)
{
  if (p->rolling)
    {
      guint last = gw_period_first_month_index (p->period);
      g_autoptr(GDateTime) dt = g_date_time_new_utc (last / 12, last % 12 + 1, 1, 0, 0, 0);
      g_autofree char *month = g_date_time_format (dt, "%b %Y");

      /* Translators: the end of a provisional rolling period, on a time axis */
      return axis ? g_strdup_printf (_("to %s"), month)
                  /* Translators: %s is a month, "Dec 2007" */
                  : g_strdup_printf (_("36 months to %s"), month);
    }
  return axis ? gw_chart_format_period_short (p->period) : gw_chart_format_period (p->period);
}

static const char *
source_word (GwValueSource source)
{
  switch (source)
    {
    case GW_SOURCE_PUBLISHED:   return _("published");
    case GW_SOURCE_COMPUTED:    return _("computed from counts");
    case GW_SOURCE_PROVISIONAL:
    default:                    return _("provisional");
    }
}

/* Whether a value's period belongs on the chart's time axis: the periods
 * of the chosen kind (3-year pooled or calendar years), whether or not it
 * has a value. */
static gboolean
period_wanted (const GwIndicatorValue *v,
               gboolean                pooled)
{
  GwPeriod p = v->period;

  if (v->rolling)
    return FALSE;
  if (pooled)
    return gw_period_kind (p) == GW_PERIOD_POOLED
           && gw_period_last_year (p) - gw_period_first_year (p) == 2;
  return gw_period_kind (p) == GW_PERIOD_YEAR;
}

static TrendSeries *
series_new (GwIndicators *ind,
            guint         indicator,
            gboolean      is_group,
            guint         subject,
            GwSex         sex,
            gboolean      pooled,
            const char   *name,
            GwChartRole   role,
            GwMarker      marker,
            GwDash        dash)
{
  TrendSeries *s;
  guint start, n = gw_indicators_series (ind, indicator, is_group, subject, sex, &start);
  guint months_lo = G_MAXUINT, months_hi = 0;

  s = g_new0 (TrendSeries, 1);
  s->name = g_strdup (name);
  s->role = role;
  s->marker = marker;
  s->dash = dash;
  s->points = g_array_new (FALSE, TRUE, sizeof (TrendPoint));
  s->suppressed = g_array_new (FALSE, TRUE, sizeof (TrendPoint));

  for (guint i = 0; i < n; i++)
    {
      const GwIndicatorValue *v = gw_indicators_get_value (ind, start + i);
      TrendPoint p = { gw_period_midpoint (v->period), v->period, FALSE, v->value,
                       v->lower95, v->upper95, v->lower998, v->upper998, v->source, NULL };

      if (!period_wanted (v, pooled))
        continue;
      /* no value: a reason is a period to mark, no reason nothing to say */
      if (isnan (v->value))
        {
          p.note = v->note;
          if (p.note != NULL)
            g_array_append_val (s->suppressed, p);
          continue;
        }
      months_lo = MIN (months_lo, gw_period_first_month_index (v->period));
      months_hi = MAX (months_hi, gw_period_last_month_index (v->period));
      g_array_append_val (s->points, p);
    }
  /* the rolling 36 months (sorted last) when they reach past the periods
   * shown; when they are the same months as the latest pooled period they
   * are the same value, and a second marker would only confuse */
  for (guint i = 0; i < n; i++)
    {
      const GwIndicatorValue *v = gw_indicators_get_value (ind, start + i);
      guint last, first;
      TrendPoint p;

      if (!v->rolling || isnan (v->value))
        continue;
      last = gw_period_first_month_index (v->period);
      first = last - 35;
      if (last <= months_hi)
        continue;
      p.period = v->period;
      p.rolling = TRUE;
      p.value = v->value;
      p.lower95 = v->lower95;
      p.upper95 = v->upper95;
      p.lower998 = v->lower998;
      p.upper998 = v->upper998;
      p.source = GW_SOURCE_PROVISIONAL;
      p.note = NULL;
      /* the midpoint as the pooled periods' (their middle year's start) */
      p.t = (first + last + 1) / 24.0 - (pooled ? 0.5 : 0.0);
      g_array_append_val (s->points, p);
    }
  if (s->points->len == 0)
    {
      series_free (s);
      return NULL;
    }
  return s;
}

static gboolean
has_values (GwIndicators *ind,
            guint         indicator,
            gboolean      is_group,
            guint         subject,
            GwSex         sex,
            gboolean     *pooled)
{
  guint start, n = gw_indicators_series (ind, indicator, is_group, subject, sex, &start);
  gboolean any = FALSE;

  for (guint i = 0; i < n; i++)
    {
      const GwIndicatorValue *v = gw_indicators_get_value (ind, start + i);

      if (isnan (v->value))
        continue;
      any = TRUE;
      if (period_wanted (v, TRUE))
        *pooled = TRUE;
    }
  return any;
}

/* --- painting ------------------------------------------------------------- */

/* Whether a suppressed period of s lies between t0 and t1: the line and
 * the band stop there rather than run across it. */
static gboolean
suppressed_between (const TrendSeries *s,
                    double             t0,
                    double             t1)
{
  for (guint i = 0; i < s->suppressed->len; i++)
    {
      double t = g_array_index (s->suppressed, TrendPoint, i).t;

      if (t > t0 && t < t1)
        return TRUE;
    }
  return FALSE;
}

/* The hatched span of a suppressed period at t: most of the room between
 * two periods, the plot's whole height. */
static GwChartRect
suppressed_rect (const GwPanelFrame *pf,
                 double              t,
                 double              spacing)
{
  double x = gw_axis_map (&pf->x, t);
  GwChartRect r = { x - spacing * 0.3, pf->plot.y, spacing * 0.6, pf->plot.height };

  return r;
}

/* "suppressed by the publisher", or "suppressed (fewer than ...)" */
static char *
suppressed_text (const char *note)
{
  if (g_strcmp0 (note, "suppressed") == 0)
    return g_strdup (gw_indicator_note_get_message (note));
  /* Translators: a period with no value, and why: "suppressed (fewer than 10 deaths...)" */
  return g_strdup_printf (_("suppressed (%s)"), gw_indicator_note_get_message (note));
}

/* The band over points first..last - 1 of a series (two or more, every one
 * with limits of one kind); 95% limits standing in for 99.8% ones get
 * dotted edges, as their legend swatch has. */
static void
paint_band (GwCanvas           *c,
            const GwPanelFrame *pf,
            const TrendSeries  *s,
            guint               first,
            guint               last,
            gboolean            want998,
            gboolean            fallback)
{
  cairo_t *cr = c->cr;
  GArray *pts = s->points;
  double lo, hi;
  gboolean fb;

  for (guint j = first; j < last; j++)
    {
      const TrendPoint *p = &g_array_index (pts, TrendPoint, j);
      double x = gw_axis_map (&pf->x, p->t);

      point_limits (p, want998, &lo, &hi, &fb);
      if (j == first)
        cairo_move_to (cr, x, gw_axis_map (&pf->y, hi));
      else
        cairo_line_to (cr, x, gw_axis_map (&pf->y, hi));
    }
  for (guint j = last; j-- > first;)
    {
      const TrendPoint *p = &g_array_index (pts, TrendPoint, j);

      point_limits (p, want998, &lo, &hi, &fb);
      cairo_line_to (cr, gw_axis_map (&pf->x, p->t), gw_axis_map (&pf->y, lo));
    }
  cairo_close_path (cr);
  gw_canvas_set_colour (c, s->role, 0.16);
  cairo_fill (cr);
  if (!fallback)
    return;
  gw_canvas_set_line (c, s->role, 0.8, GW_DASH_DOTTED);
  for (guint edge = 0; edge < 2; edge++)
    {
      for (guint j = first; j < last; j++)
        {
          const TrendPoint *p = &g_array_index (pts, TrendPoint, j);
          double x = gw_axis_map (&pf->x, p->t);

          point_limits (p, want998, &lo, &hi, &fb);
          if (j == first)
            cairo_move_to (cr, x, gw_axis_map (&pf->y, edge == 0 ? hi : lo));
          else
            cairo_line_to (cr, x, gw_axis_map (&pf->y, edge == 0 ? hi : lo));
        }
      cairo_stroke (cr);
    }
}

static void
paint_series (GwCanvas           *c,
              const GwPanelFrame *pf,
              const TrendSeries  *s,
              gboolean            band,
              double              size_pt,
              gboolean            want998)
{
  cairo_t *cr = c->cr;
  GArray *pts = s->points;
  g_autofree gboolean *banded = g_new0 (gboolean, pts->len + 1);

  /* the interval: for the subject a band over each run of two or more
   * points with limits of one level, whiskers elsewhere and for the others */
  for (guint i = 0; band && i < pts->len;)
    {
      const TrendPoint *p = &g_array_index (pts, TrendPoint, i);
      double lo, hi;
      gboolean fallback, fb;
      guint j;

      if (p->rolling || !point_limits (p, want998, &lo, &hi, &fallback))
        {
          i++;
          continue;
        }
      for (j = i + 1; j < pts->len; j++)
        {
          const TrendPoint *q = &g_array_index (pts, TrendPoint, j);

          if (q->rolling || !point_limits (q, want998, &lo, &hi, &fb) || fb != fallback
              || suppressed_between (s, g_array_index (pts, TrendPoint, j - 1).t, q->t))
            break;
        }
      if (j - i >= 2)
        {
          paint_band (c, pf, s, i, j, want998, fallback);
          for (guint k = i; k < j; k++)
            banded[k] = TRUE;
        }
      i = j;
    }
  for (guint i = 0; i < pts->len; i++)
    {
      const TrendPoint *p = &g_array_index (pts, TrendPoint, i);
      double x = gw_axis_map (&pf->x, p->t), lo, hi;
      gboolean fallback;

      if (banded[i] || !point_limits (p, want998, &lo, &hi, &fallback))
        continue;
      gw_canvas_set_line (c, s->role, 0.9, GW_DASH_SOLID);
      cairo_move_to (cr, x, gw_axis_map (&pf->y, lo));
      cairo_line_to (cr, x, gw_axis_map (&pf->y, hi));
      cairo_move_to (cr, x - 2 * c->s, gw_axis_map (&pf->y, lo));
      cairo_line_to (cr, x + 2 * c->s, gw_axis_map (&pf->y, lo));
      cairo_move_to (cr, x - 2 * c->s, gw_axis_map (&pf->y, hi));
      cairo_line_to (cr, x + 2 * c->s, gw_axis_map (&pf->y, hi));
      cairo_stroke (cr);
    }

  /* the line: the series' dash, dotted into a provisional value */
  for (guint i = 1; i < pts->len; i++)
    {
      const TrendPoint *a = &g_array_index (pts, TrendPoint, i - 1);
      const TrendPoint *b = &g_array_index (pts, TrendPoint, i);

      if (suppressed_between (s, a->t, b->t))
        continue;
      gw_canvas_set_line (c, s->role, band ? 1.8 : 1.4,
                          b->rolling || a->rolling ? GW_DASH_DOTTED : s->dash);
      cairo_move_to (cr, gw_axis_map (&pf->x, a->t), gw_axis_map (&pf->y, a->value));
      cairo_line_to (cr, gw_axis_map (&pf->x, b->t), gw_axis_map (&pf->y, b->value));
      cairo_stroke (cr);
    }
  for (guint i = 0; i < pts->len; i++)
    {
      const TrendPoint *p = &g_array_index (pts, TrendPoint, i);

      gw_canvas_marker (c, s->marker, gw_axis_map (&pf->x, p->t), gw_axis_map (&pf->y, p->value),
                        size_pt, s->role, p->source == GW_SOURCE_PUBLISHED);
    }
}

static void
add_marks (GwChart            *chart,
           GwCanvas           *c,
           const GwPanelFrame *pf,
           const TrendPanel   *panel,
           const Trend        *trend,
           double              spacing)
{
  gboolean want998 = gw_chart_style_wants_998 (c->style);

  for (guint k = 0; k < 3; k++)
    {
      const TrendSeries *s = panel->series[k];

      for (guint i = 0; s != NULL && i < s->suppressed->len; i++)
        {
          const TrendPoint *p = &g_array_index (s->suppressed, TrendPoint, i);
          GwChartRect rect = suppressed_rect (pf, p->t, spacing);
          g_autofree char *period = format_point_period (p, FALSE);
          g_autofree char *why = suppressed_text (p->note);

          /* Translators: "Middlesbrough, women, 2004–2006: suppressed by the publisher" */
          gw_canvas_add_mark (c, &rect, g_strdup_printf (_("%s, %s, %s: %s"), s->name,
                                                         gw_chart_sex_word (panel->sex), period, why));
        }

      for (guint i = 0; s != NULL && i < s->points->len; i++)
        {
          const TrendPoint *p = &g_array_index (s->points, TrendPoint, i);
          double r = 5 * c->s;
          GwChartRect rect = { gw_axis_map (&pf->x, p->t) - r, gw_axis_map (&pf->y, p->value) - r, 2 * r, 2 * r };
          g_autofree char *period = format_point_period (p, FALSE);
          g_autofree char *v = gw_chart_format_number (p->value, trend->decimals + 1, TRUE);
          double lower, upper;
          gboolean fallback;
          char *text;

          if (point_limits (p, want998, &lower, &upper, &fallback))
            {
              g_autofree char *lo = gw_chart_format_number (lower, trend->decimals + 1, TRUE);
              g_autofree char *hi = gw_chart_format_number (upper, trend->decimals + 1, TRUE);

              if (want998 && !fallback)
                /* Translators: "Blackpool, men, 2003–2005: 75.15 years (99.8% CI 74.28 to 76.01), computed from counts" */
                text = g_strdup_printf (_("%s, %s, %s: %s %s (99.8%% CI %s to %s), %s"), s->name,
                                        gw_chart_sex_word (panel->sex), period, v, trend->unit, lo, hi,
                                        source_word (p->source));
              else
                /* Translators: "Blackpool, men, 2003–2005: 75.15 years (95% CI 74.58 to 75.71), computed from counts" */
                text = g_strdup_printf (_("%s, %s, %s: %s %s (95%% CI %s to %s), %s"), s->name,
                                        gw_chart_sex_word (panel->sex), period, v, trend->unit, lo, hi,
                                        source_word (p->source));
            }
          else
            text = g_strdup_printf (_("%s, %s, %s: %s %s, %s"), s->name, gw_chart_sex_word (panel->sex),
                                    period, v, trend->unit, source_word (p->source));
          gw_canvas_add_mark (c, &rect, text);
        }
    }
}

static void
paint_trend (GwChart           *chart,
             GwCanvas          *c,
             const GwChartRect *body)
{
  Trend *trend = chart->data;
  guint n = trend->panels->len;
  GwChartRect areas[2];
  /* side by side when each panel would still be wider than high */
  gboolean side = n > 1 && body->width / n > body->height * 0.8;
  g_autofree char *y_title = g_strdup (trend->unit);
  gboolean want998 = gw_chart_style_wants_998 (c->style);

  if (y_title[0] != '\0')
    y_title[0] = g_ascii_toupper (y_title[0]);
  gw_panels_split (body, n, (side ? 18 : 12) * c->s, side, areas);

  for (guint i = 0; i < n; i++)
    {
      const TrendPanel *panel = g_ptr_array_index (trend->panels, i);
      double lo = INFINITY, hi = -INFINITY;
      GwXYPanelSpec spec = { 0 };
      GwPanelFrame pf;
      double spacing, size;

      for (guint k = 0; k < 3; k++)
        for (guint j = 0; panel->series[k] != NULL && j < panel->series[k]->points->len; j++)
          {
            const TrendPoint *p = &g_array_index (panel->series[k]->points, TrendPoint, j);
            double lower, upper;
            gboolean fallback;

            lo = MIN (lo, p->value);
            hi = MAX (hi, p->value);
            if (point_limits (p, want998, &lower, &upper, &fallback))
              {
                lo = MIN (lo, lower);
                hi = MAX (hi, upper);
              }
          }

      spec.title = n > 1 || panel->sex != GW_SEX_PERSONS ? gw_chart_sex_label (panel->sex) : NULL;
      spec.title_role = GW_CHART_ROLE_FOREGROUND;
      spec.y_title = y_title[0] != '\0' ? y_title : NULL;
      spec.x_title = trend->pooled ? _("3-year period") : _("Year");
      spec.y_lo = lo;
      spec.y_hi = hi;
      spec.x_ticks = trend->ticks;
      spec.x_lo = trend->x_lo;
      spec.x_hi = trend->x_hi;
      if (!gw_xy_panel_paint (c, &areas[i], &spec, &pf))
        continue;

      /* markers no wider than most of the space between two periods, so a
       * small chart is not a row of overlapping blobs */
      spacing = trend->ticks->len > 1
                ? fabs (gw_axis_map (&pf.x, g_array_index (trend->ticks, GwTick, 1).value)
                        - gw_axis_map (&pf.x, g_array_index (trend->ticks, GwTick, 0).value)) / c->s
                : 20;
      size = CLAMP (spacing * 0.7, 3.0, 6.5);

      cairo_save (c->cr);
      gw_canvas_clip_plot (c, &pf, 6);
      /* suppressed periods under the lines, once each however many
       * series miss them */
      for (guint k = 0; k < 3; k++)
        for (guint j = 0; panel->series[k] != NULL && j < panel->series[k]->suppressed->len; j++)
          {
            const TrendPoint *p = &g_array_index (panel->series[k]->suppressed, TrendPoint, j);
            GwChartRect r = suppressed_rect (&pf, p->t, spacing * c->s);
            gboolean done = FALSE;

            for (guint k2 = 0; k2 <= k && !done; k2++)
              for (guint j2 = 0; panel->series[k2] != NULL && j2 < panel->series[k2]->suppressed->len; j2++)
                if ((k2 < k || j2 < j)
                    && g_array_index (panel->series[k2]->suppressed, TrendPoint, j2).t == p->t)
                  done = TRUE;
            if (!done)
              gw_canvas_hatch (c, &r, GW_CHART_ROLE_MUTED);
          }
      for (guint k = 3; k-- > 0;)
        if (panel->series[k] != NULL)
          paint_series (c, &pf, panel->series[k], k == 0, k == 0 ? size : size * 0.85, want998);
      cairo_restore (c->cr);
      add_marks (chart, c, &pf, panel, trend, spacing * c->s);
    }
}

/* The legend at 99.8%: the interval item says which limits are drawn, and
 * "95% CI (published)" where published values have only those. */
static GArray *
trend_legend (GwChart            *chart,
              const GwChartStyle *style)
{
  const Trend *trend = chart->data;
  gboolean any998 = FALSE, subject_fallback = FALSE, other_fallback = FALSE;
  GArray *legend;

  if (!gw_chart_style_wants_998 (style))
    return NULL;
  for (guint i = 0; i < trend->panels->len; i++)
    {
      const TrendPanel *panel = g_ptr_array_index (trend->panels, i);

      for (guint k = 0; k < 3; k++)
        for (guint j = 0; panel->series[k] != NULL && j < panel->series[k]->points->len; j++)
          {
            const TrendPoint *p = &g_array_index (panel->series[k]->points, TrendPoint, j);
            double lo, hi;
            gboolean fallback;

            if (!point_limits (p, TRUE, &lo, &hi, &fallback))
              continue;
            if (k == 0 && !fallback)
              any998 = TRUE;
            else if (k == 0)
              subject_fallback = TRUE;
            else if (fallback)
              other_fallback = TRUE;
          }
    }

  legend = gw_legend_new ();
  for (guint i = 0; i < chart->legend->len; i++)
    {
      const GwLegendItem *item = &g_array_index (chart->legend, GwLegendItem, i);

      if (i != trend->ci_item)
        {
          gw_legend_add (legend, item->text, item->swatch, item->role, item->dash, item->marker,
                         item->has_marker, item->filled);
          continue;
        }
      if (any998 || !(subject_fallback || other_fallback))
        /* xgettext:no-c-format */
        gw_legend_add (legend, _("99.8% confidence interval"), GW_SWATCH_BAND, GW_CHART_ROLE_SUBJECT,
                       GW_DASH_SOLID, GW_MARKER_CIRCLE, FALSE, FALSE);
      /* the subject's band with dotted edges, or the others' whiskers */
      if (subject_fallback)
        /* xgettext:no-c-format */
        gw_legend_add (legend, _("95% CI (published)"), GW_SWATCH_BAND, GW_CHART_ROLE_SUBJECT,
                       GW_DASH_DOTTED, GW_MARKER_CIRCLE, FALSE, FALSE);
      else if (other_fallback)
        /* xgettext:no-c-format */
        gw_legend_add (legend, _("95% CI (published)"), GW_SWATCH_TICK, GW_CHART_ROLE_MUTED,
                       GW_DASH_SOLID, GW_MARKER_CIRCLE, FALSE, FALSE);
    }
  return legend;
}

/* --- construction --------------------------------------------------------- */

static void
describe_panel (GString          *out,
                const TrendPanel *panel,
                const Trend      *trend)
{
  const TrendSeries *subject = panel->series[0];
  const TrendPoint *last = &g_array_index (subject->points, TrendPoint, subject->points->len - 1);
  const TrendPoint *first = &g_array_index (subject->points, TrendPoint, 0);
  g_autofree char *period = format_point_period (last, FALSE);
  g_autofree char *first_period = format_point_period (first, FALSE);
  g_autofree char *v = gw_chart_format_number (last->value, trend->decimals, TRUE);
  g_autofree char *lo = gw_chart_format_number (last->lower95, trend->decimals, TRUE);
  g_autofree char *hi = gw_chart_format_number (last->upper95, trend->decimals, TRUE);
  g_autofree char *change = gw_chart_format_number (last->value - first->value, trend->decimals, TRUE);

  g_string_append_printf (out, "%s: ", gw_chart_sex_label (panel->sex));
  if (isfinite (last->lower95) && isfinite (last->upper95))
    /* Translators: "Blackpool 75.8 years in 2005–2007 (95% CI 75.3 to 76.4, computed from counts)" */
    g_string_append_printf (out, _("%s %s %s in %s (95%% CI %s to %s, %s)"), subject->name, v,
                            trend->unit, period, lo, hi, source_word (last->source));
  else
    g_string_append_printf (out, _("%s %s %s in %s (%s)"), subject->name, v, trend->unit, period,
                            source_word (last->source));
  for (guint k = 1; k < 3; k++)
    {
      const TrendSeries *s = panel->series[k];

      for (guint i = 0; s != NULL && i < s->points->len; i++)
        {
          const TrendPoint *p = &g_array_index (s->points, TrendPoint, i);

          if (p->period == last->period && p->rolling == last->rolling)
            {
              g_autofree char *pv = gw_chart_format_number (p->value, trend->decimals, TRUE);

              g_string_append_printf (out, _(", %s %s"), s->name, pv);
            }
        }
    }
  if (subject->points->len > 1)
    {
      if (last->value - first->value >= 0 && change[0] != '0')
        {
          g_autofree char *plus = g_strconcat ("+", change, NULL);

          g_string_append_printf (out, _("; %s %s since %s"), plus, trend->unit, first_period);
        }
      else
        g_string_append_printf (out, _("; %s %s since %s"), change, trend->unit, first_period);
    }
  for (guint i = 0; i < subject->suppressed->len; i++)
    {
      const TrendPoint *p = &g_array_index (subject->suppressed, TrendPoint, i);
      g_autofree char *sp = format_point_period (p, FALSE);
      g_autofree char *why = suppressed_text (p->note);

      /* Translators: "; 2004–2006: suppressed by the publisher" */
      g_string_append_printf (out, _("; %s: %s"), sp, why);
    }
  g_string_append (out, ". ");
}

/**
 * gw_chart_new_trend:
 * @dataset: the dataset @indicators was computed from
 * @indicators: every indicator value
 * @indicator: an indicator id, "le-birth"
 * @is_group: whether @subject is a group number rather than an area number
 * @subject: the area or group
 * @sexes: a mask of 1 << GwSex; 0 for men and women when the subject has
 *   them, else persons
 * @error: GW_CHART_ERROR_NOT_FOUND, GW_CHART_ERROR_NO_DATA
 *
 * Values: the indicator engine's (published where published, computed from
 * counts elsewhere), with their 95% limits (methods.md sections 1, 2, 6).
 *
 * Returns: (transfer full): the chart, or NULL with @error set
 */
GwChart *
gw_chart_new_trend (GwDataset     *dataset,
                    GwIndicators  *indicators,
                    const char    *indicator,
                    gboolean       is_group,
                    guint          subject,
                    guint          sexes,
                    GError       **error)
{
  g_autoptr(GwChart) chart = NULL;
  g_autofree char *name = NULL, *unit = NULL, *subject_name = NULL, *group_name = NULL;
  g_autoptr(GString) desc = NULL;
  g_autoptr(GString) sub = NULL;
  g_autoptr(GHashTable) seen_t = NULL;
  gint ind, country, group = -1;
  gboolean pooled = FALSE;
  Trend *trend;

  g_return_val_if_fail (GW_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (indicators != NULL, NULL);
  g_return_val_if_fail (indicator != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ind = gw_indicators_lookup_id (indicators, indicator);
  if (ind < 0)
    {
      g_set_error (error, GW_CHART_ERROR, GW_CHART_ERROR_NOT_FOUND, _("No indicator “%s”"), indicator);
      return NULL;
    }
  if (is_group ? subject >= gw_dataset_n_groups (dataset) : subject >= gw_dataset_n_areas (dataset))
    {
      g_set_error (error, GW_CHART_ERROR, GW_CHART_ERROR_NOT_FOUND, _("No such area or group"));
      return NULL;
    }

  country = gw_chart_find_country (dataset);
  if (is_group)
    subject_name = g_strdup (gw_dataset_get_group (dataset, subject)->name);
  else
    {
      const GwArea *area = gw_dataset_get_area (dataset, subject);

      subject_name = g_strdup (area->name);
      if (area->groups != NULL && area->groups->len > 0)
        group = g_array_index (area->groups, guint, 0);
      if (group >= 0)
        group_name = g_strdup (gw_dataset_get_group (dataset, group)->name);
      if ((gint) subject == country)
        country = -1;
    }

  /* the sexes the indicator is published for (infant mortality: persons),
   * else men and women when there are values for them */
  for (GwSex sx = GW_SEX_MALE; sexes == 0 && sx <= GW_SEX_PERSONS; sx++)
    {
      gint who = country >= 0 ? country : (gint) subject;
      gboolean who_group = country >= 0 ? FALSE : is_group;
      guint start, n = gw_indicators_series (indicators, ind, who_group, who, sx, &start);

      for (guint i = 0; i < n; i++)
        if (gw_indicators_get_value (indicators, start + i)->source == GW_SOURCE_PUBLISHED)
          {
            if (sx == GW_SEX_PERSONS)
              sexes = 1 << GW_SEX_PERSONS;
            else
              {
                guint start2, n2 = gw_indicators_series (indicators, ind, who_group, who, !sx, &start2);

                sexes = 1u << sx;
                for (guint j = 0; j < n2; j++)
                  if (gw_indicators_get_value (indicators, start2 + j)->source == GW_SOURCE_PUBLISHED)
                    sexes |= 1u << !sx;
              }
            break;
          }
    }
  if (sexes == 0)
    {
      gboolean p = FALSE;

      if (has_values (indicators, ind, is_group, subject, GW_SEX_MALE, &p)
          || has_values (indicators, ind, is_group, subject, GW_SEX_FEMALE, &p))
        sexes = 1 << GW_SEX_MALE | 1 << GW_SEX_FEMALE;
      else
        sexes = 1 << GW_SEX_PERSONS;
    }
  for (GwSex sx = GW_SEX_MALE; sx <= GW_SEX_PERSONS; sx++)
    if (sexes & (1u << sx))
      has_values (indicators, ind, is_group, subject, sx, &pooled);

  gw_chart_indicator_text (dataset, indicators, indicator, &name, &unit);
  chart = gw_chart_new_internal (GW_CHART_TREND);
  trend = g_new0 (Trend, 1);
  chart->data = trend;
  chart->data_free = (GDestroyNotify) trend_free;
  chart->paint_body = paint_trend;
  chart->legend_for_style = trend_legend;
  trend->unit = g_steal_pointer (&unit);
  trend->pooled = pooled;
  trend->panels = g_ptr_array_new_with_free_func ((GDestroyNotify) panel_free);

  for (GwSex sx = GW_SEX_MALE; sx <= GW_SEX_PERSONS; sx++)
    {
      TrendPanel *panel;

      if (!(sexes & (1u << sx)))
        continue;
      panel = g_new0 (TrendPanel, 1);
      panel->sex = sx;
      panel->series[0] = series_new (indicators, ind, is_group, subject, sx, pooled, subject_name,
                                     GW_CHART_ROLE_SUBJECT, GW_MARKER_CIRCLE, GW_DASH_SOLID);
      if (panel->series[0] == NULL)
        {
          panel_free (panel);
          continue;
        }
      if (group >= 0)
        panel->series[1] = series_new (indicators, ind, TRUE, group, sx, pooled, group_name,
                                       GW_CHART_ROLE_GROUP, GW_MARKER_SQUARE, GW_DASH_DASHED);
      if (country >= 0)
        panel->series[2] = series_new (indicators, ind, FALSE, country, sx, pooled,
                                       gw_dataset_get_area (dataset, country)->name,
                                       GW_CHART_ROLE_COMPARATOR, GW_MARKER_DIAMOND, GW_DASH_DASH_DOT);
      g_ptr_array_add (trend->panels, panel);
    }
  if (trend->panels->len == 0)
    {
      g_set_error (error, GW_CHART_ERROR, GW_CHART_ERROR_NO_DATA,
                   _("%s has no values of %s"), subject_name, name);
      return NULL;
    }

  /* the time axis: every period any series has, labelled */
  trend->ticks = gw_ticks_new ();
  seen_t = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  {
    g_autoptr(GArray) pts = g_array_new (FALSE, TRUE, sizeof (TrendPoint));
    gboolean any_published = FALSE, any_computed = FALSE, any_provisional = FALSE;
    gboolean any_suppressed = FALSE;
    int decimals = 1;
    double max_abs = 0;

    for (guint i = 0; i < trend->panels->len; i++)
      {
        const TrendPanel *panel = g_ptr_array_index (trend->panels, i);

        for (guint k = 0; k < 3; k++)
          for (guint j = 0; panel->series[k] != NULL && j < panel->series[k]->points->len; j++)
            {
              const TrendPoint *p = &g_array_index (panel->series[k]->points, TrendPoint, j);
              gint64 key = (gint64) llround (p->t * 1000);

              max_abs = MAX (max_abs, fabs (p->value));
              any_published |= p->source == GW_SOURCE_PUBLISHED;
              any_computed |= p->source == GW_SOURCE_COMPUTED;
              any_provisional |= p->source == GW_SOURCE_PROVISIONAL;
              if (g_hash_table_contains (seen_t, &key))
                continue;
              g_hash_table_add (seen_t, g_memdup2 (&key, sizeof key));
              g_array_append_val (pts, *p);
            }
      }
    /* a suppressed period is on the time axis too: it is a period the
     * reader looks for */
    for (guint i = 0; i < trend->panels->len; i++)
      {
        const TrendPanel *panel = g_ptr_array_index (trend->panels, i);

        for (guint k = 0; k < 3; k++)
          for (guint j = 0; panel->series[k] != NULL && j < panel->series[k]->suppressed->len; j++)
            {
              const TrendPoint *p = &g_array_index (panel->series[k]->suppressed, TrendPoint, j);
              gint64 key = (gint64) llround (p->t * 1000);

              any_suppressed = TRUE;
              if (g_hash_table_contains (seen_t, &key))
                continue;
              g_hash_table_add (seen_t, g_memdup2 (&key, sizeof key));
              g_array_append_val (pts, *p);
            }
      }
    /* sort by t */
    for (guint i = 1; i < pts->len; i++)
      for (guint j = i; j > 0 && g_array_index (pts, TrendPoint, j - 1).t > g_array_index (pts, TrendPoint, j).t; j--)
        {
          TrendPoint tmp = g_array_index (pts, TrendPoint, j - 1);

          g_array_index (pts, TrendPoint, j - 1) = g_array_index (pts, TrendPoint, j);
          g_array_index (pts, TrendPoint, j) = tmp;
        }
    for (guint i = 0; i < pts->len; i++)
      {
        const TrendPoint *p = &g_array_index (pts, TrendPoint, i);
        GwTick tick = { p->t, format_point_period (p, TRUE) };

        g_array_append_val (trend->ticks, tick);
      }
    trend->x_lo = g_array_index (pts, TrendPoint, 0).t - 0.6;
    trend->x_hi = g_array_index (pts, TrendPoint, pts->len - 1).t + 0.6;
    decimals = max_abs >= 100 ? 0 : max_abs >= 1 ? 1 : 2;
    trend->decimals = decimals;

    /* legend: what each line is, then how each value was obtained */
    gw_legend_add (chart->legend, subject_name, GW_SWATCH_LINE, GW_CHART_ROLE_SUBJECT,
                   GW_DASH_SOLID, GW_MARKER_CIRCLE, TRUE, TRUE);
    if (group_name != NULL)
      gw_legend_add (chart->legend, group_name, GW_SWATCH_LINE, GW_CHART_ROLE_GROUP,
                     GW_DASH_DASHED, GW_MARKER_SQUARE, TRUE, TRUE);
    if (country >= 0)
      gw_legend_add (chart->legend, gw_dataset_get_area (dataset, country)->name, GW_SWATCH_LINE,
                     GW_CHART_ROLE_COMPARATOR, GW_DASH_DASH_DOT, GW_MARKER_DIAMOND, TRUE, TRUE);
    trend->ci_item = chart->legend->len;
    /* xgettext:no-c-format */
    gw_legend_add (chart->legend, _("95% confidence interval"), GW_SWATCH_BAND, GW_CHART_ROLE_SUBJECT,
                   GW_DASH_SOLID, GW_MARKER_CIRCLE, FALSE, FALSE);
    if (any_published)
      gw_legend_add (chart->legend, _("published"), GW_SWATCH_MARKER, GW_CHART_ROLE_FOREGROUND,
                     GW_DASH_SOLID, GW_MARKER_CIRCLE, TRUE, TRUE);
    if (any_computed)
      gw_legend_add (chart->legend, _("computed from counts"), GW_SWATCH_MARKER, GW_CHART_ROLE_FOREGROUND,
                     GW_DASH_SOLID, GW_MARKER_CIRCLE, TRUE, FALSE);
    if (any_provisional)
      gw_legend_add (chart->legend, _("provisional (rolling 36 months)"), GW_SWATCH_LINE,
                     GW_CHART_ROLE_FOREGROUND, GW_DASH_DOTTED, GW_MARKER_CIRCLE, TRUE, FALSE);
    if (any_suppressed)
      /* Translators: the legend's key to a hatched period with no value */
      gw_legend_add (chart->legend, _("suppressed"), GW_SWATCH_HATCH, GW_CHART_ROLE_MUTED,
                     GW_DASH_SOLID, GW_MARKER_CIRCLE, FALSE, FALSE);

    /* Translators: a chart title, "Life expectancy at birth: Blackpool" */
    chart->title = g_strdup_printf (_("%s: %s"), name, subject_name);
    sub = g_string_new (NULL);
    {
      const TrendPoint *first = &g_array_index (pts, TrendPoint, 0);
      const TrendPoint *last = &g_array_index (pts, TrendPoint, pts->len - 1);
      const TrendPoint *last_fixed = last;
      g_autofree char *from = NULL, *to = NULL;
      g_autoptr(GString) who = g_string_new (NULL);

      /* the periods; a provisional value at the end said apart */
      for (guint i = pts->len; i-- > 0 && last_fixed->rolling;)
        last_fixed = &g_array_index (pts, TrendPoint, i);
      from = format_point_period (first, FALSE);
      to = format_point_period (last_fixed, FALSE);
      g_autofree char *u = g_strdup (trend->unit);

      for (guint i = 0; i < trend->panels->len; i++)
        {
          const TrendPanel *panel = g_ptr_array_index (trend->panels, i);

          if (i > 0)
            g_string_append (who, i + 1 == trend->panels->len ? _(" and ") : ", ");
          g_string_append (who, gw_chart_sex_word (panel->sex));
        }
      if (u[0] != '\0')
        u[0] = g_ascii_toupper (u[0]);
      /* Translators: subtitle: unit, sexes, first and last period */
      g_string_append_printf (sub, _("%s, %s, %s to %s"), u, who->str, from, to);
      if (trend->pooled)
        g_string_append (sub, _(" (3-year periods)"));
      if (last->rolling && last != last_fixed)
        {
          g_autofree char *prov = format_point_period (last, FALSE);

          /* Translators: "and the 36 months to Sep 2007 (provisional)" */
          g_string_append_printf (sub, _(" and the %s (provisional)"), prov);
        }
      if (group_name != NULL && country >= 0)
        g_string_append_printf (sub, _(", against %s and %s"),
                                gw_dataset_get_area (dataset, country)->name, group_name);
      else if (country >= 0)
        g_string_append_printf (sub, _(", against %s"), gw_dataset_get_area (dataset, country)->name);
      chart->subtitle = g_string_free (g_steal_pointer (&sub), FALSE);
    }
  }

  desc = g_string_new (NULL);
  /* the intervals drawn depend on the style; the numbers below are 95% */
  g_string_append_printf (desc, _("Line chart of %s (%s) for %s over time, with confidence intervals. "),
                          name, trend->unit, subject_name);
  for (guint i = 0; i < trend->panels->len; i++)
    describe_panel (desc, g_ptr_array_index (trend->panels, i), trend);
  g_strchomp (desc->str);
  desc->len = strlen (desc->str);
  chart->description = g_string_free (g_steal_pointer (&desc), FALSE);
  chart->source = gw_chart_source_text (dataset);

  return g_steal_pointer (&chart);
}
