/* gw-chart-funnel.c: infant mortality of every area against its live births
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A funnel plot (Spiegelhalter 2005; APHO technical briefing 2, 2008): each
 * area's rate against its denominator, with control limits around England's
 * rate that narrow as the denominator grows.  The limits for a denominator n
 * are the exact Poisson limits (methods.md section 2) of the count expected
 * at England's rate, E = rate x n / 1,000, turned back into rates: an area
 * outside them differs from England by more than chance would make it, at
 * 95% or 99.8%.  Areas outside the limits are labelled, the farthest first,
 * as far as the labels fit without covering each other or another point.
 */
#include "gw-config.h"

#include <math.h>
#include <string.h>

#include "gw-chart-private.h"

typedef enum
{
  FUNNEL_WITHIN = 0,
  FUNNEL_HIGH_95,     /* above the 95% limit, inside the 99.8% */
  FUNNEL_HIGH_998,
  FUNNEL_LOW_95,
  FUNNEL_LOW_998,
} FunnelClass;

typedef struct
{
  char        *code;
  char        *name;
  double       value;          /* per 1,000 live births */
  double       count;          /* infant deaths */
  double       births;         /* live births in the period */
  FunnelClass  klass;
  double       z;              /* how far out: (O - E) / sqrt E, for the label order */
} FunnelPoint;

typedef struct
{
  GArray   *points;            /* FunnelPoint */
  double    england;           /* rate per 1,000 */
  double    multiplier;        /* 1,000 */
  GwPeriod  period;
  char     *unit;
  char     *x_title;
} Funnel;

static void
clear_point (gpointer p)
{
  FunnelPoint *f = p;

  g_free (f->code);
  g_free (f->name);
}

static void
funnel_free (Funnel *f)
{
  g_array_unref (f->points);
  g_free (f->unit);
  g_free (f->x_title);
  g_free (f);
}

/* The control limits, as rates, for a denominator n. */
static void
limits_at (const Funnel *f,
           double        n,
           double        confidence,
           double       *lower,
           double       *upper)
{
  double e = f->england * n / f->multiplier, lo, hi;

  gw_poisson_exact_limits (e, confidence, &lo, &hi);
  *lower = lo * f->multiplier / n;
  *upper = hi * f->multiplier / n;
}

static FunnelClass
classify (const Funnel *f,
          double        value,
          double        n)
{
  double lo95, hi95, lo998, hi998;

  limits_at (f, n, GW_CONFIDENCE_95, &lo95, &hi95);
  limits_at (f, n, GW_CONFIDENCE_998, &lo998, &hi998);
  if (value > hi998)
    return FUNNEL_HIGH_998;
  if (value > hi95)
    return FUNNEL_HIGH_95;
  if (value < lo998)
    return FUNNEL_LOW_998;
  if (value < lo95)
    return FUNNEL_LOW_95;
  return FUNNEL_WITHIN;
}

static void
point_style (FunnelClass  k,
             GwMarker    *marker,
             GwChartRole *role,
             gboolean    *filled)
{
  switch (k)
    {
    case FUNNEL_HIGH_998:
      *marker = GW_MARKER_TRIANGLE_UP, *role = GW_CHART_ROLE_HIGHER, *filled = TRUE;
      break;
    case FUNNEL_HIGH_95:
      *marker = GW_MARKER_TRIANGLE_UP, *role = GW_CHART_ROLE_HIGHER, *filled = FALSE;
      break;
    case FUNNEL_LOW_998:
      *marker = GW_MARKER_TRIANGLE_DOWN, *role = GW_CHART_ROLE_LOWER, *filled = TRUE;
      break;
    case FUNNEL_LOW_95:
      *marker = GW_MARKER_TRIANGLE_DOWN, *role = GW_CHART_ROLE_LOWER, *filled = FALSE;
      break;
    case FUNNEL_WITHIN:
    default:
      *marker = GW_MARKER_CIRCLE, *role = GW_CHART_ROLE_LIMIT, *filled = FALSE;
      break;
    }
}

static const char *
class_words (FunnelClass k)
{
  switch (k)
    {
    /* xgettext:no-c-format */
    case FUNNEL_HIGH_998: return _("above the 99.8% limit");
    /* xgettext:no-c-format */
    case FUNNEL_HIGH_95:  return _("above the 95% limit");
    /* xgettext:no-c-format */
    case FUNNEL_LOW_998:  return _("below the 99.8% limit");
    /* xgettext:no-c-format */
    case FUNNEL_LOW_95:   return _("below the 95% limit");
    case FUNNEL_WITHIN:
    default:              return _("within the limits");
    }
}

/* One limit curve, sampled densely where it bends (small n). */
static void
limit_path (cairo_t            *cr,
            const Funnel       *f,
            const GwPanelFrame *pf,
            double              confidence,
            gboolean            upper)
{
  const guint steps = 160;
  double n0 = MAX (pf->x.lo, 1), n1 = pf->x.hi;
  gboolean started = FALSE;

  if (n0 <= 0 || n1 <= n0)
    return;
  for (guint i = 0; i <= steps; i++)
    {
      /* square-root spacing: more samples at the narrow end */
      double u = (double) i / steps, n = n0 + (n1 - n0) * u * u, lo, hi, y;

      if (n < 1)
        continue;
      limits_at (f, n, confidence, &lo, &hi);
      y = upper ? hi : lo;
      if (!isfinite (y))
        continue;
      /* keep the path near the plot: the curve rises without bound */
      y = CLAMP (y, pf->y.lo - (pf->y.hi - pf->y.lo), pf->y.hi + (pf->y.hi - pf->y.lo));
      if (!started)
        cairo_move_to (cr, gw_axis_map (&pf->x, n), gw_axis_map (&pf->y, y));
      else
        cairo_line_to (cr, gw_axis_map (&pf->x, n), gw_axis_map (&pf->y, y));
      started = TRUE;
    }
  cairo_stroke (cr);
}

static void
paint_funnel (GwChart           *chart,
              GwCanvas          *c,
              const GwChartRect *body)
{
  Funnel *f = chart->data;
  const double s = c->s;
  cairo_t *cr = c->cr;
  double n_max = 0, n_min = INFINITY, v_max = f->england, lo998, hi998, marker_pt;
  GwXYPanelSpec spec = { 0 };
  GwPanelFrame pf;
  g_autofree guint *order = NULL;
  g_autofree char *y_title = g_strdup (f->unit);

  for (guint i = 0; i < f->points->len; i++)
    {
      const FunnelPoint *p = &g_array_index (f->points, FunnelPoint, i);

      n_max = MAX (n_max, p->births);
      n_min = MIN (n_min, p->births);
      v_max = MAX (v_max, p->value);
    }
  /* the y range shows every area and the funnel's mouth at the smallest
   * area, not the limits' climb to infinity towards no births */
  limits_at (f, n_min * 0.8, GW_CONFIDENCE_998, &lo998, &hi998);
  if (isfinite (hi998))
    v_max = MAX (v_max, MIN (hi998, v_max * 1.5));

  if (y_title[0] != '\0')
    y_title[0] = g_ascii_toupper (y_title[0]);
  spec.y_title = y_title;
  spec.x_title = f->x_title;
  spec.y_lo = 0;
  spec.y_hi = v_max * 1.03;
  spec.x_numeric = TRUE;
  spec.x_group = TRUE;
  spec.x_lo = 0;
  spec.x_hi = n_max * 1.04;
  if (!gw_xy_panel_paint (c, body, &spec, &pf))
    return;

  cairo_save (cr);
  gw_canvas_clip_plot (c, &pf, 0);
  gw_canvas_set_line (c, GW_CHART_ROLE_LIMIT, 1.1, GW_DASH_DASHED);
  limit_path (cr, f, &pf, GW_CONFIDENCE_95, TRUE);
  limit_path (cr, f, &pf, GW_CONFIDENCE_95, FALSE);
  gw_canvas_set_line (c, GW_CHART_ROLE_LIMIT, 1.4, GW_DASH_SOLID);
  limit_path (cr, f, &pf, GW_CONFIDENCE_998, TRUE);
  limit_path (cr, f, &pf, GW_CONFIDENCE_998, FALSE);
  gw_canvas_set_line (c, GW_CHART_ROLE_COMPARATOR, 1.3, GW_DASH_DASH_DOT);
  gw_canvas_hline (c, pf.plot.x, pf.plot.x + pf.plot.width, gw_axis_map (&pf.y, f->england));
  cairo_restore (cr);

  /* points: those inside the limits first, so the outliers are on top;
   * smaller on a small plot, where 150 full-size markers would be a blot */
  marker_pt = CLAMP (pf.plot.width / s / 130, 3.0, 6.5);
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < f->points->len; i++)
      {
        const FunnelPoint *p = &g_array_index (f->points, FunnelPoint, i);
        double x = gw_axis_map (&pf.x, p->births), y = gw_axis_map (&pf.y, p->value), r = 3.5 * s;
        GwMarker marker;
        GwChartRole role;
        gboolean filled;

        if ((p->klass == FUNNEL_WITHIN) != (pass == 0))
          continue;
        point_style (p->klass, &marker, &role, &filled);
        gw_canvas_marker (c, marker, x, y, p->klass == FUNNEL_WITHIN ? marker_pt * 0.77 : marker_pt, role, filled);
        {
          GwChartRect rect = { x - r, y - r, 2 * r, 2 * r };

          gw_canvas_add_obstacle (c, &rect);
        }
      }

  /* England's rate, said on its line at the right */
  {
    g_autofree char *v = gw_chart_format_number (f->england, 2, FALSE);
    /* Translators: on the line of England's rate, "England 4.84" */
    g_autofree char *text = g_strdup_printf (_("England %s"), v);
    g_autoptr(PangoLayout) l = gw_canvas_layout (c, text, GW_PT_NOTE, FALSE, -1, 1);
    double y = gw_axis_map (&pf.y, f->england), x = pf.plot.x + pf.plot.width - 2 * s;
    GwChartRect r = gw_canvas_layout_rect (l, x, y - 2 * s, 1, 1);

    if (gw_canvas_is_free (c, &r, TRUE))
      gw_canvas_show_halo (c, l, x, y - 2 * s, 1, 1, GW_CHART_ROLE_COMPARATOR);
    else
      {
        r = gw_canvas_layout_rect (l, x, y + 2 * s, 1, 0);
        if (gw_canvas_is_free (c, &r, TRUE))
          gw_canvas_show_halo (c, l, x, y + 2 * s, 1, 0, GW_CHART_ROLE_COMPARATOR);
      }
  }

  /* outliers' names, the farthest out first, where they fit */
  order = g_new (guint, f->points->len + 1);
  for (guint i = 0; i < f->points->len; i++)
    order[i] = i;
  for (guint i = 1; i < f->points->len; i++)
    for (guint j = i; j > 0
         && fabs (g_array_index (f->points, FunnelPoint, order[j - 1]).z)
            < fabs (g_array_index (f->points, FunnelPoint, order[j]).z); j--)
      {
        guint t = order[j - 1];

        order[j - 1] = order[j];
        order[j] = t;
      }
  for (guint k = 0; k < f->points->len; k++)
    {
      const FunnelPoint *p = &g_array_index (f->points, FunnelPoint, order[k]);
      double x = gw_axis_map (&pf.x, p->births), y = gw_axis_map (&pf.y, p->value), d = 5 * s;
      g_autoptr(PangoLayout) l = NULL;
      GwMarker marker;
      GwChartRole role;
      gboolean filled;
      /* right, left, above, below, and the diagonals */
      const double place[8][4] = {
        { x + d, y, 0, 0.5 }, { x - d, y, 1, 0.5 }, { x, y - d, 0.5, 1 }, { x, y + d, 0.5, 0 },
        { x + d * 0.7, y - d * 0.7, 0, 1 }, { x - d * 0.7, y - d * 0.7, 1, 1 },
        { x + d * 0.7, y + d * 0.7, 0, 0 }, { x - d * 0.7, y + d * 0.7, 1, 0 },
      };

      if (p->klass == FUNNEL_WITHIN)
        continue;
      point_style (p->klass, &marker, &role, &filled);
      l = gw_canvas_layout (c, p->name, GW_PT_NOTE, FALSE, -1, 1);
      for (guint j = 0; j < G_N_ELEMENTS (place); j++)
        {
          GwChartRect r = gw_canvas_layout_rect (l, place[j][0], place[j][1], place[j][2], place[j][3]);

          if (r.x < pf.plot.x || r.x + r.width > pf.plot.x + pf.plot.width
              || r.y < pf.plot.y || r.y + r.height > pf.plot.y + pf.plot.height
              || !gw_canvas_is_free (c, &r, TRUE))
            continue;
          gw_canvas_show_halo (c, l, r.x, r.y, 0, 0, role);
          break;
        }
    }

  for (guint i = 0; i < f->points->len; i++)
    {
      const FunnelPoint *p = &g_array_index (f->points, FunnelPoint, i);
      double r = 4.5 * s;
      GwChartRect rect = { gw_axis_map (&pf.x, p->births) - r, gw_axis_map (&pf.y, p->value) - r, 2 * r, 2 * r };
      g_autofree char *v = gw_chart_format_number (p->value, 2, FALSE);
      g_autofree char *n = gw_chart_format_number (p->births, 0, TRUE);
      g_autofree char *d = gw_chart_format_number (p->count, 0, TRUE);

      /* Translators: "Blackpool: 6.12 per 1,000 live births (41 deaths, 6,700 live births), above the 95% limit" */
      gw_canvas_add_mark (c, &rect, g_strdup_printf (_("%s: %s %s (%s deaths, %s live births), %s"),
                                                     p->name, v, f->unit, d, n, class_words (p->klass)));
    }
}

static void
describe_class (GString      *out,
                const Funnel *f,
                FunnelClass   k)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; i < f->points->len; i++)
    {
      const FunnelPoint *p = &g_array_index (f->points, FunnelPoint, i);
      g_autofree char *v = NULL;

      if (p->klass != k)
        continue;
      v = gw_chart_format_number (p->value, 2, FALSE);
      if (n++ > 0)
        g_string_append (names, ", ");
      g_string_append_printf (names, "%s (%s)", p->name, v);
    }
  if (n > 0)
    /* Translators: "2 areas above the 99.8% limit: Blackpool (7.10), Hull (6.92). " */
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u area %s: %s. ", "%u areas %s: %s. ", n),
                            n, class_words (k), names->str);
}

/**
 * gw_chart_new_funnel:
 * @dataset: the dataset @indicators was computed from
 * @indicators: every indicator value
 * @period: a pooled or yearly period, or 0 for the latest pooled period
 *   England has a value for
 * @error: GW_CHART_ERROR_NOT_FOUND, GW_CHART_ERROR_NO_DATA
 *
 * Infant mortality per 1,000 live births, persons (methods.md section 2),
 * for every area that is not the country or a region.
 *
 * Returns: (transfer full): the chart, or NULL with @error set
 */
GwChart *
gw_chart_new_funnel (GwDataset     *dataset,
                     GwIndicators  *indicators,
                     GwPeriod       period,
                     GError       **error)
{
  g_autoptr(GwChart) chart = NULL;
  g_autoptr(GString) desc = NULL;
  g_autofree char *name = NULL, *unit = NULL, *period_text = NULL, *eng = NULL;
  gint ind, country;
  double england = NAN;
  guint start, n;
  Funnel *f;

  g_return_val_if_fail (GW_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (indicators != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ind = gw_indicators_lookup_id (indicators, "imr");
  country = gw_chart_find_country (dataset);
  if (ind < 0 || country < 0)
    {
      g_set_error (error, GW_CHART_ERROR, GW_CHART_ERROR_NO_DATA,
                   _("A funnel plot needs infant mortality for England"));
      return NULL;
    }

  /* England's rate in the period; the latest pooled one when none is asked
   * (periods sort by first year, so the greatest is the latest) */
  n = gw_indicators_series (indicators, ind, FALSE, country, GW_SEX_PERSONS, &start);
  {
    GwPeriod found = 0;

    for (guint i = 0; i < n; i++)
      {
        const GwIndicatorValue *v = gw_indicators_get_value (indicators, start + i);

        if (v->rolling || isnan (v->value))
          continue;
        if (period != 0 ? v->period == period
                        : gw_period_kind (v->period) == GW_PERIOD_POOLED && v->period > found)
          {
            found = v->period;
            england = v->value;
          }
      }
    if (period == 0)
      period = found;
  }
  if (isnan (england))
    {
      char buf[GW_PERIOD_STRLEN];

      g_set_error (error, GW_CHART_ERROR, GW_CHART_ERROR_NOT_FOUND,
                   _("England has no infant mortality for %s"),
                   period != 0 ? gw_period_format (period, buf) : _("any 3-year period"));
      return NULL;
    }

  chart = gw_chart_new_internal (GW_CHART_FUNNEL);
  f = g_new0 (Funnel, 1);
  chart->data = f;
  chart->data_free = (GDestroyNotify) funnel_free;
  chart->paint_body = paint_funnel;
  f->points = g_array_new (FALSE, TRUE, sizeof (FunnelPoint));
  g_array_set_clear_func (f->points, clear_point);
  f->england = england;
  f->multiplier = 1000;
  f->period = period;
  gw_chart_indicator_text (dataset, indicators, "imr", &name, &unit);
  f->unit = g_strdup (unit);
  period_text = gw_chart_format_period (period);
  /* Translators: the x axis, "Live births, 2005–2007" */
  f->x_title = g_strdup_printf (_("Live births, %s"), period_text);

  for (guint a = 0; a < gw_dataset_n_areas (dataset); a++)
    {
      const GwArea *area = gw_dataset_get_area (dataset, a);

      if (area->type == GW_AREA_COUNTRY || area->type == GW_AREA_REGION)
        continue;
      n = gw_indicators_series (indicators, ind, FALSE, a, GW_SEX_PERSONS, &start);
      for (guint i = 0; i < n; i++)
        {
          const GwIndicatorValue *v = gw_indicators_get_value (indicators, start + i);
          FunnelPoint p;
          double e;

          if (v->rolling || v->period != period || isnan (v->value)
              || !(v->denominator > 0) || isnan (v->count))
            continue;
          p.code = g_strdup (area->code);
          p.name = g_strdup (area->name);
          p.value = v->value;
          p.count = v->count;
          p.births = v->denominator;
          p.klass = classify (f, p.value, p.births);
          e = england * p.births / f->multiplier;
          p.z = e > 0 ? (p.count - e) / sqrt (e) : 0;
          g_array_append_val (f->points, p);
        }
    }
  if (f->points->len == 0)
    {
      g_set_error (error, GW_CHART_ERROR, GW_CHART_ERROR_NO_DATA,
                   _("No area has infant deaths and live births for %s"), period_text);
      return NULL;
    }

  eng = gw_chart_format_number (england, 2, FALSE);
  /* Translators: chart title, "Infant mortality, 2005–2007: funnel plot of 149 areas" */
  chart->title = g_strdup_printf (_("%s, %s: %u areas against England"), name, period_text, f->points->len);
  /* Translators: subtitle, "Persons, per 1,000 live births; control limits around England’s rate (4.84) by exact Poisson" */
  chart->subtitle = g_strdup_printf (_("Persons, %s; 95%% and 99.8%% control limits around England’s rate (%s), "
                                       "exact Poisson"), unit, eng);

  gw_legend_add (chart->legend, _("England’s rate"), GW_SWATCH_LINE, GW_CHART_ROLE_COMPARATOR,
                 GW_DASH_DASH_DOT, GW_MARKER_CIRCLE, FALSE, FALSE);
  /* xgettext:no-c-format */
  gw_legend_add (chart->legend, _("95% limits"), GW_SWATCH_LINE, GW_CHART_ROLE_LIMIT,
                 GW_DASH_DASHED, GW_MARKER_CIRCLE, FALSE, FALSE);
  /* xgettext:no-c-format */
  gw_legend_add (chart->legend, _("99.8% limits"), GW_SWATCH_LINE, GW_CHART_ROLE_LIMIT,
                 GW_DASH_SOLID, GW_MARKER_CIRCLE, FALSE, FALSE);
  gw_legend_add (chart->legend, _("within the limits"), GW_SWATCH_MARKER, GW_CHART_ROLE_LIMIT,
                 GW_DASH_SOLID, GW_MARKER_CIRCLE, TRUE, FALSE);
  gw_legend_add (chart->legend, _("higher than expected (hollow: 95%, filled: 99.8%)"), GW_SWATCH_MARKER,
                 GW_CHART_ROLE_HIGHER, GW_DASH_SOLID, GW_MARKER_TRIANGLE_UP, TRUE, TRUE);
  gw_legend_add (chart->legend, _("lower than expected"), GW_SWATCH_MARKER,
                 GW_CHART_ROLE_LOWER, GW_DASH_SOLID, GW_MARKER_TRIANGLE_DOWN, TRUE, TRUE);

  desc = g_string_new (NULL);
  g_string_append_printf (desc, _("Funnel plot of %s (%s) in %s for %u areas against their live births, "
                                  "with 95%% and 99.8%% control limits around England’s rate of %s. "),
                          name, unit, period_text, f->points->len, eng);
  describe_class (desc, f, FUNNEL_HIGH_998);
  describe_class (desc, f, FUNNEL_HIGH_95);
  describe_class (desc, f, FUNNEL_LOW_998);
  describe_class (desc, f, FUNNEL_LOW_95);
  {
    guint within = 0;

    for (guint i = 0; i < f->points->len; i++)
      within += g_array_index (f->points, FunnelPoint, i).klass == FUNNEL_WITHIN;
    g_string_append_printf (desc, g_dngettext (GETTEXT_PACKAGE, "%u area within the 95%% limits.",
                                               "%u areas within the 95%% limits.", within), within);
  }
  chart->description = g_string_free (g_steal_pointer (&desc), FALSE);
  chart->source = gw_chart_source_text (dataset);

  return g_steal_pointer (&chart);
}
