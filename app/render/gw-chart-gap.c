/* gw-chart-gap.c: a subject's gap, its trajectory, projection and target
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * methods.md section 7, drawn: the gap at each period from the baseline on,
 * the baseline gap, the straight trajectory from it to the target gap at the
 * target period, the target gap as a line across, the projection's fitted
 * line (dashed) to the target period and the projected gap there, and the
 * status in words above each sex's panel.
 */
#include "gw-config.h"

#include <math.h>
#include <string.h>

#include "gw-chart-private.h"
#include "methods/gw-ci.h"

typedef struct
{
  GwSex           sex;
  GArray         *points;          /* GwGapPoint from the baseline on */
  GwPeriod        baseline_period;
  double          t0, g0;          /* baseline */
  double          tT, gT;          /* target period and gap */
  double          gp;              /* projected gap at tT */
  double          a, b;            /* fitted line gap = a + b t, NAN for none */
  double          fit_from;        /* where the fitted line starts: the first point */
  GwPeriod        latest_period;
  double          latest_gap;
  double          change;
  double          required;
  GwTargetStatus  status;
  double          p_lower, p_upper;  /* the projection's 95% interval at tT */
  double          latest_t;          /* where the fan starts */
  guint           n_points;          /* the projection's (t quantile's df + 2) */
} GapPanel;

typedef struct
{
  char       *name;             /* the subject */
  char       *suffix;           /* "%" for a relative gap, else "" */
  char       *unit;             /* for sentences: "%" or " years" */
  char       *y_title;
  char       *comparator;       /* "England" */
  const char *x_title;
  GArray     *ticks;            /* GwTick */
  double      x_lo, x_hi;
  GPtrArray  *panels;           /* GapPanel */
  int         decimals;
  GwProjection method;
  guint       gap_interval_item;   /* the legend's items that name the level */
  guint       fan_item;
} Gap;

static void
gap_panel_free (GapPanel *p)
{
  g_array_unref (p->points);
  g_free (p);
}

static void
gap_free (Gap *g)
{
  g_free (g->name);
  g_free (g->suffix);
  g_free (g->unit);
  g_free (g->y_title);
  g_free (g->comparator);
  g_clear_pointer (&g->ticks, g_array_unref);
  g_clear_pointer (&g->panels, g_ptr_array_unref);
  g_free (g);
}

/* "2.70%" or "1.25 years" */
static char *
format_gap (const Gap *gap,
            double     v,
            int        decimals)
{
  g_autofree char *n = gw_chart_format_number (v, decimals, FALSE);

  return g_strconcat (n, gap->unit, NULL);
}

/* Decimals for the projected and target gaps: "projected 2.39% against a
 * target of 2.39%" would read as on track, so as many as tell them apart
 * (at most 4). */
static int
panel_decimals (const Gap      *gap,
                const GapPanel *p)
{
  int d = gap->decimals;

  while (d < 4 && p->gp != p->gT && isfinite (p->gp) && isfinite (p->gT))
    {
      g_autofree char *a = format_gap (gap, p->gp, d), *b = format_gap (gap, p->gT, d);

      if (g_strcmp0 (a, b) != 0)
        break;
      d++;
    }
  return d;
}

/* A label beside a line or point at height y, gap points above it or else
 * below, at the first x from x_from to x_to (left to right) where it is
 * inside the plot and clear of other labels and of the error bars and
 * points: a label across a bar hides the bar and reads as part of it.
 * Moves up to lift further away from y when it must.  FALSE if there is
 * no such place. */
static gboolean
show_clear (GwCanvas          *c,
            PangoLayout       *l,
            const GwChartRect *plot,
            double             x_from,
            double             x_to,
            double             y,
            double             gap,
            double             lift,
            GwChartRole        role)
{
  const double step = 4 * c->s;

  for (double d = gap; d <= gap + lift + 0.01; d += step)
    for (double x = x_from; x <= x_to + 0.01; x += step)
      for (int below = 0; below < 2; below++)
        {
          GwChartRect r = gw_canvas_layout_rect (l, x, below ? y + d : y - d, 0, below ? 0 : 1);

          if (r.x >= plot->x && r.y >= plot->y && r.x + r.width <= plot->x + plot->width
              && r.y + r.height <= plot->y + plot->height && gw_canvas_is_free (c, &r, TRUE))
            return gw_canvas_show_halo (c, l, r.x, r.y, 0, 0, role);
        }
  return FALSE;
}

/* The status in words, as the panel's second line and the description say
 * it: "Off track: projected 2.82% against a target of 2.45%". */
static char *
status_sentence (const Gap      *gap,
                 const GapPanel *p)
{
  int d = panel_decimals (gap, p);
  g_autofree char *gp = format_gap (gap, p->gp, d);
  g_autofree char *gt = format_gap (gap, p->gT, d);
  g_autofree char *g0 = format_gap (gap, p->g0, gap->decimals);

  switch (p->status)
    {
    case GW_STATUS_ON_TRACK:
      /* Translators: the projected gap, then the target gap */
      return g_strdup_printf (_("On track: projected %s against a target of %s"), gp, gt);
    case GW_STATUS_OFF_TRACK:
      return g_strdup_printf (_("Off track: projected %s against a target of %s"), gp, gt);
    case GW_STATUS_NO_GAP:
      /* Translators: the gap at baseline, zero or negative */
      return g_strdup_printf (_("No gap to close: %s at baseline"), g0);
    case GW_STATUS_INSUFFICIENT_DATA:
    default:
      return g_strdup (_("Insufficient data: a baseline and 3 periods are needed"));
    }
}

/* The tracker gives 95% limits; at 99.8% (the style's level) a gap's are
 * widened by the ratio of the normal quantiles (the limits are gap -/+ z
 * se), and the projection's by that of its own quantile: Student's t on
 * n - 2 degrees of freedom for the least-squares line, the normal's for
 * Holt's and for the latest gap (methods.md section 7). */
static double
gap_scale (gboolean want998)
{
  return want998 ? gw_z_for_confidence (99.8) / gw_z_for_confidence (95.0) : 1.0;
}

static double
fan_scale (const Gap      *gap,
           const GapPanel *p,
           gboolean        want998)
{
  if (!want998)
    return 1.0;
  if (gap->method == GW_PROJECTION_LINEAR && p->n_points > 2)
    return gw_t_quantile (0.999, p->n_points - 2) / gw_t_quantile (0.975, p->n_points - 2);
  return gap_scale (TRUE);
}

static void
scaled_limits (double  centre,
               double  lower,
               double  upper,
               double  scale,
               double *lo,
               double *hi)
{
  *lo = centre - (centre - lower) * scale;
  *hi = centre + (upper - centre) * scale;
}

/* Whether the observed gaps of p skip a period between points j - 1 and
 * j: further apart than the usual step between two of them (a value
 * suppressed, or missing, there).  The line stops rather than run across
 * it as if there were a gap to read (issue 18 point 11). */
static gboolean
missing_before (const GapPanel *p,
                guint           j)
{
  double step = INFINITY;

  g_assert (j > 0 && j < p->points->len);
  for (guint k = 1; k < p->points->len; k++)
    step = MIN (step, g_array_index (p->points, GwGapPoint, k).t - g_array_index (p->points, GwGapPoint, k - 1).t);
  return g_array_index (p->points, GwGapPoint, j).t - g_array_index (p->points, GwGapPoint, j - 1).t > 1.5 * step;
}

static gboolean
any_missing (const GapPanel *p)
{
  for (guint j = 1; j < p->points->len; j++)
    if (missing_before (p, j))
      return TRUE;
  return FALSE;
}

static void
paint_gap (GwChart           *chart,
           GwCanvas          *c,
           const GwChartRect *body)
{
  Gap *gap = chart->data;
  guint n = gap->panels->len;
  GwChartRect areas[2];
  gboolean side = n > 1 && body->width / n > body->height * 0.8;
  gboolean want998 = gw_chart_style_wants_998 (c->style);
  double gscale = gap_scale (want998);
  cairo_t *cr = c->cr;

  gw_panels_split (body, n, (side ? 18 : 12) * c->s, side, areas);
  for (guint i = 0; i < n; i++)
    {
      const GapPanel *p = g_ptr_array_index (gap->panels, i);
      double lo = INFINITY, hi = -INFINITY;
      g_autofree char *status = status_sentence (gap, p);
      GwXYPanelSpec spec = { 0 };
      GwPanelFrame pf;
      double x0, xT, marker_pt;
      double fan_lo = NAN, fan_hi = NAN;
      gboolean has_fan;

#define WIDEN(v) G_STMT_START { if (isfinite (v)) { lo = MIN (lo, (v)); hi = MAX (hi, (v)); } } G_STMT_END
      has_fan = isfinite (p->p_lower) && isfinite (p->p_upper) && isfinite (p->gp)
                && isfinite (p->latest_t) && p->status != GW_STATUS_INSUFFICIENT_DATA;
      if (has_fan)
        {
          scaled_limits (p->gp, p->p_lower, p->p_upper, fan_scale (gap, p, want998), &fan_lo, &fan_hi);
          WIDEN (fan_lo);
          WIDEN (fan_hi);
        }
      for (guint j = 0; j < p->points->len; j++)
        {
          const GwGapPoint *g = &g_array_index (p->points, GwGapPoint, j);
          double glo, ghi;

          WIDEN (g->gap);
          if (isfinite (g->gap_lower95) && isfinite (g->gap_upper95))
            {
              scaled_limits (g->gap, g->gap_lower95, g->gap_upper95, gscale, &glo, &ghi);
              WIDEN (glo);
              WIDEN (ghi);
            }
        }
      WIDEN (p->g0);
      WIDEN (p->gT);
      WIDEN (p->gp);
      if (isfinite (p->a) && isfinite (p->b))
        {
          WIDEN (p->a + p->b * p->fit_from);
          WIDEN (p->a + p->b * p->tT);
        }
      /* the zero line is England: show it when it is near */
      if (lo > 0 && lo < (hi - lo) * 0.6)
        lo = 0;
#undef WIDEN

      spec.title = n > 1 || p->sex != GW_SEX_PERSONS ? gw_chart_sex_label (p->sex) : _("Persons");
      spec.title_role = GW_CHART_ROLE_FOREGROUND;
      spec.status = status;
      spec.status_marker = TRUE;
      spec.status_shape = gw_chart_status_marker (p->status);
      spec.status_role = gw_chart_status_role (p->status);
      spec.y_title = gap->y_title;
      spec.y_suffix = gap->suffix;
      spec.x_title = gap->x_title;
      spec.y_lo = lo;
      spec.y_hi = hi;
      spec.x_ticks = gap->ticks;
      spec.x_lo = gap->x_lo;
      spec.x_hi = gap->x_hi;
      if (!gw_xy_panel_paint (c, &areas[i], &spec, &pf))
        continue;

      /* markers within most of a year's width (a period a year apart) */
      marker_pt = CLAMP ((gw_axis_map (&pf.x, 1) - gw_axis_map (&pf.x, 0)) / c->s * 0.7, 3.0, 6.5);
      cairo_save (cr);
      gw_canvas_clip_plot (c, &pf, 0);
      x0 = pf.plot.x;
      xT = pf.plot.x + pf.plot.width;

      /* the projection's prediction interval: a fan from the latest gap
       * (known) to its width at the target period, under everything */
      if (has_fan)
        {
          const GwGapPoint *last = &g_array_index (p->points, GwGapPoint, p->points->len - 1);
          double xl = gw_axis_map (&pf.x, p->latest_t);

          cairo_move_to (cr, xl, gw_axis_map (&pf.y, last->gap));
          cairo_line_to (cr, gw_axis_map (&pf.x, p->tT), gw_axis_map (&pf.y, fan_hi));
          cairo_line_to (cr, gw_axis_map (&pf.x, p->tT), gw_axis_map (&pf.y, fan_lo));
          cairo_close_path (cr);
          gw_canvas_set_colour (c, gw_chart_status_role (p->status), 0.16);
          cairo_fill (cr);
          gw_canvas_set_line (c, gw_chart_status_role (p->status), 1.2, GW_DASH_SOLID);
          gw_canvas_vline (c, gw_axis_map (&pf.x, p->tT), gw_axis_map (&pf.y, fan_hi),
                           gw_axis_map (&pf.y, fan_lo));
        }
      /* each gap's confidence interval: a bar with caps */
      for (guint j = 0; j < p->points->len; j++)
        {
          const GwGapPoint *g = &g_array_index (p->points, GwGapPoint, j);
          double glo, ghi, x, cap = 3.0 * c->s;

          if (!isfinite (g->gap_lower95) || !isfinite (g->gap_upper95))
            continue;
          scaled_limits (g->gap, g->gap_lower95, g->gap_upper95, gscale, &glo, &ghi);
          x = gw_axis_map (&pf.x, g->t);
          gw_canvas_set_line (c, GW_CHART_ROLE_SUBJECT, 0.9, GW_DASH_SOLID);
          gw_canvas_vline (c, x, gw_axis_map (&pf.y, ghi), gw_axis_map (&pf.y, glo));
          gw_canvas_hline (c, x - cap, x + cap, gw_axis_map (&pf.y, ghi));
          gw_canvas_hline (c, x - cap, x + cap, gw_axis_map (&pf.y, glo));
          /* the labels on the lines keep off the bars */
          {
            GwChartRect bar = { x - cap, gw_axis_map (&pf.y, ghi), 2 * cap,
                                gw_axis_map (&pf.y, glo) - gw_axis_map (&pf.y, ghi) };

            gw_canvas_add_obstacle (c, &bar);
          }
        }
      /* England: no gap */
      if (pf.y.lo < 0 && pf.y.hi > 0)
        {
          gw_canvas_set_line (c, GW_CHART_ROLE_COMPARATOR, 0.9, GW_DASH_SOLID);
          gw_canvas_hline (c, x0, xT, gw_axis_map (&pf.y, 0));
        }
      /* the target gap across the whole period */
      if (isfinite (p->gT))
        {
          gw_canvas_set_line (c, GW_CHART_ROLE_TARGET, 1.5, GW_DASH_DASH_DOT);
          gw_canvas_hline (c, x0, xT, gw_axis_map (&pf.y, p->gT));
        }
      /* the trajectory from baseline to target */
      if (isfinite (p->g0) && isfinite (p->gT) && p->status != GW_STATUS_NO_GAP)
        {
          gw_canvas_set_line (c, GW_CHART_ROLE_TRAJECTORY, 1.6, GW_DASH_SOLID);
          cairo_move_to (cr, gw_axis_map (&pf.x, p->t0), gw_axis_map (&pf.y, p->g0));
          cairo_line_to (cr, gw_axis_map (&pf.x, p->tT), gw_axis_map (&pf.y, p->gT));
          cairo_stroke (cr);
        }
      /* a period without a gap hatched between its neighbours, under them */
      for (guint j = 1; j < p->points->len; j++)
        if (missing_before (p, j))
          {
            double xa = gw_axis_map (&pf.x, g_array_index (p->points, GwGapPoint, j - 1).t);
            double xb = gw_axis_map (&pf.x, g_array_index (p->points, GwGapPoint, j).t);
            double pad = (xb - xa) * 0.2;
            GwChartRect r = { xa + pad, pf.plot.y, xb - xa - 2 * pad, pf.plot.height };

            gw_canvas_hatch (c, &r, GW_CHART_ROLE_MUTED);
          }
      /* the observed gaps, joined thinly so the eye follows time */
      gw_canvas_set_line (c, GW_CHART_ROLE_SUBJECT, 0.8, GW_DASH_SOLID);
      for (guint j = 0; j < p->points->len; j++)
        {
          const GwGapPoint *g = &g_array_index (p->points, GwGapPoint, j);

          if (j == 0 || missing_before (p, j))
            cairo_move_to (cr, gw_axis_map (&pf.x, g->t), gw_axis_map (&pf.y, g->gap));
          else
            cairo_line_to (cr, gw_axis_map (&pf.x, g->t), gw_axis_map (&pf.y, g->gap));
        }
      cairo_stroke (cr);
      /* the projection: the fitted line to the target period, dashed */
      if (isfinite (p->a) && isfinite (p->b) && p->status != GW_STATUS_INSUFFICIENT_DATA)
        {
          gw_canvas_set_line (c, GW_CHART_ROLE_SUBJECT, 1.6, GW_DASH_DASHED);
          cairo_move_to (cr, gw_axis_map (&pf.x, p->fit_from), gw_axis_map (&pf.y, p->a + p->b * p->fit_from));
          cairo_line_to (cr, gw_axis_map (&pf.x, p->tT), gw_axis_map (&pf.y, p->a + p->b * p->tT));
          cairo_stroke (cr);
        }
      for (guint j = 0; j < p->points->len; j++)
        {
          const GwGapPoint *g = &g_array_index (p->points, GwGapPoint, j);

          GwChartRect dot = { gw_axis_map (&pf.x, g->t) - marker_pt * c->s / 2,
                              gw_axis_map (&pf.y, g->gap) - marker_pt * c->s / 2,
                              marker_pt * c->s, marker_pt * c->s };

          gw_canvas_marker (c, GW_MARKER_CIRCLE, gw_axis_map (&pf.x, g->t), gw_axis_map (&pf.y, g->gap),
                            marker_pt, GW_CHART_ROLE_SUBJECT, TRUE);
          gw_canvas_add_obstacle (c, &dot);
        }
      /* the baseline ringed; the projected gap a hollow marker */
      if (isfinite (p->g0))
        {
          gw_canvas_set_line (c, GW_CHART_ROLE_FOREGROUND, 1.1, GW_DASH_SOLID);
          cairo_new_sub_path (cr);
          cairo_arc (cr, gw_axis_map (&pf.x, p->t0), gw_axis_map (&pf.y, p->g0), 6.0 * c->s, 0, 2 * G_PI);
          cairo_stroke (cr);
        }
      if (isfinite (p->gp) && p->status != GW_STATUS_INSUFFICIENT_DATA)
        gw_canvas_marker (c, gw_chart_status_marker (p->status), gw_axis_map (&pf.x, p->tT),
                          gw_axis_map (&pf.y, p->gp), 8.0, gw_chart_status_role (p->status), FALSE);
      cairo_restore (cr);

      /* labels on the lines, where there is room: a small plot shows the
       * lines alone (the status line above says the numbers) */
      if (pf.plot.height >= 90 * c->s && pf.plot.width >= 150 * c->s)
      {
        const double s = c->s;

        if (isfinite (p->gT))
          {
            g_autofree char *v = format_gap (gap, p->gT, panel_decimals (gap, p));
            /* Translators: a label on the target line, "Target 2.45%" */
            g_autofree char *text = g_strdup_printf (_("Target %s"), v);
            g_autoptr(PangoLayout) l = gw_canvas_layout (c, text, GW_PT_NOTE, FALSE, -1, 1);
            double y = gw_axis_map (&pf.y, p->gT);

            double w;

            /* above the line or below it, as far left as it is clear of
             * the error bars (written across them, it hid them); where
             * nothing is clear, no label: the status line above gives the
             * target and the legend names the line */
            gw_canvas_layout_size (l, &w, NULL);
            show_clear (c, l, &pf.plot, x0 + 3 * s, MAX (x0 + 3 * s, xT - w - 12 * s), y, 2 * s, 10 * s,
                        GW_CHART_ROLE_TARGET);
          }
        if (isfinite (p->g0))
          {
            g_autofree char *v = format_gap (gap, p->g0, gap->decimals);
            g_autofree char *text = g_strdup_printf (_("Baseline %s"), v);
            g_autoptr(PangoLayout) l = gw_canvas_layout (c, text, GW_PT_NOTE, FALSE, -1, 1);
            double x = gw_axis_map (&pf.x, p->t0), y = gw_axis_map (&pf.y, p->g0);
            GwChartRect r = gw_canvas_layout_rect (l, x, y - 8 * s, 0.5, 1);

            /* inside the plot, above the ring or below it, clear of the
             * error bars if it can be; else on them, with its halo */
            if (r.x < pf.plot.x)
              r.x = pf.plot.x;
            if (!show_clear (c, l, &pf.plot, r.x, r.x + r.width, y, 8 * s, pf.plot.height, GW_CHART_ROLE_FOREGROUND)
                && (r.y < pf.plot.y || !gw_canvas_show_halo (c, l, r.x, r.y, 0, 0, GW_CHART_ROLE_FOREGROUND)))
              gw_canvas_show_halo (c, l, r.x, y + 8 * s, 0, 0, GW_CHART_ROLE_FOREGROUND);
          }
        if (isfinite (p->gp) && p->status != GW_STATUS_INSUFFICIENT_DATA)
          {
            g_autofree char *v = format_gap (gap, p->gp, panel_decimals (gap, p));
            g_autofree char *text = g_strdup_printf (_("Projected %s"), v);
            g_autoptr(PangoLayout) l = gw_canvas_layout (c, text, GW_PT_NOTE, FALSE, -1, 1);
            double x = gw_axis_map (&pf.x, p->tT), y = gw_axis_map (&pf.y, p->gp);
            gboolean above = !isfinite (p->gT) || p->gp >= p->gT;

            /* on the side of the marker away from the target line */
            if (!gw_canvas_show_halo (c, l, x - 6 * s, above ? y - 6 * s : y + 6 * s, 1, above ? 1 : 0,
                                 gw_chart_status_role (p->status)))
              gw_canvas_show_halo (c, l, x - 6 * s, above ? y + 6 * s : y - 6 * s, 1, above ? 0 : 1,
                              gw_chart_status_role (p->status));
          }
      }

      /* tooltips */
      for (guint j = 1; j < p->points->len; j++)
        if (missing_before (p, j))
          {
            const GwGapPoint *a = &g_array_index (p->points, GwGapPoint, j - 1);
            const GwGapPoint *b = &g_array_index (p->points, GwGapPoint, j);
            double xa = gw_axis_map (&pf.x, a->t), xb = gw_axis_map (&pf.x, b->t);
            double pad = (xb - xa) * 0.2;
            GwChartRect rect = { xa + pad, pf.plot.y, xb - xa - 2 * pad, pf.plot.height };
            g_autofree char *pa = gw_chart_format_period (a->period);
            g_autofree char *pb = gw_chart_format_period (b->period);

            /* Translators: "Hartlepool, women: a period without a value between 2000–2002 and 2002–2004 (suppressed or missing)" */
            gw_canvas_add_mark (c, &rect, g_strdup_printf (_("%s, %s: a period without a value between %s and %s (suppressed or missing)"),
                                                           gap->name, gw_chart_sex_word (p->sex), pa, pb));
          }
      for (guint j = 0; j < p->points->len; j++)
        {
          const GwGapPoint *g = &g_array_index (p->points, GwGapPoint, j);
          double r = 5 * c->s;
          GwChartRect rect = { gw_axis_map (&pf.x, g->t) - r, gw_axis_map (&pf.y, g->gap) - r, 2 * r, 2 * r };
          g_autofree char *period = gw_chart_format_period (g->period);
          g_autofree char *v = format_gap (gap, g->gap, gap->decimals);
          g_autofree char *a = gw_chart_format_number (g->value, 2, TRUE);
          g_autofree char *e = gw_chart_format_number (g->comparator, 2, TRUE);

          /* Translators: "Blackpool, men, 2003–2005: gap 2.68% (75.15; England 77.29)" */
          gw_canvas_add_mark (c, &rect, g_strdup_printf (_("%s, %s, %s: gap %s (%s; %s %s)"),
                                                         gap->name, gw_chart_sex_word (p->sex), period,
                                                         v, a, gap->comparator, e));
        }
      if (isfinite (p->gp) && p->status != GW_STATUS_INSUFFICIENT_DATA)
        {
          double r = 6 * c->s;
          GwChartRect rect = { gw_axis_map (&pf.x, p->tT) - r, gw_axis_map (&pf.y, p->gp) - r, 2 * r, 2 * r };

          gw_canvas_add_mark (c, &rect, g_strdup_printf ("%s, %s: %s", gap->name, gw_chart_sex_word (p->sex),
                                                         status));
        }
    }
}

static const char *
interval_text (gboolean fan,
               gboolean want998)
{
  if (fan && want998)
    /* xgettext:no-c-format */
    return _("99.8% prediction interval of the projection, to the target period");
  if (fan)
    /* xgettext:no-c-format */
    return _("95% prediction interval of the projection, to the target period");
  if (want998)
    /* xgettext:no-c-format */
    return _("99.8% confidence interval of each gap");
  /* xgettext:no-c-format */
  return _("95% confidence interval of each gap");
}

static GArray *
gap_legend_for_style (GwChart            *chart,
                      const GwChartStyle *style)
{
  Gap *gap = chart->data;
  gboolean want998 = gw_chart_style_wants_998 (style);
  GArray *legend = gw_legend_new ();

  for (guint i = 0; i < chart->legend->len; i++)
    {
      const GwLegendItem *item = &g_array_index (chart->legend, GwLegendItem, i);
      const char *text = i == gap->gap_interval_item ? interval_text (FALSE, want998)
                         : i == gap->fan_item ? interval_text (TRUE, want998)
                         : item->text;

      gw_legend_add (legend, text, item->swatch, item->role, item->dash, item->marker,
                     item->has_marker, item->filled);
    }
  return legend;
}

/**
 * gw_chart_new_gap:
 * @dataset: the dataset @indicators was computed from
 * @indicators: every indicator value
 * @target: the target; its sexes say the panels
 * @is_group: whether @subject is the target's group rather than a member area
 * @subject: the group number, or the area number of a member of the group
 * @error: the tracker's errors, GW_CHART_ERROR_NOT_FOUND for an area outside
 *   the group
 *
 * Runs the tracker (methods.md section 7) on the indicator engine's values.
 *
 * Returns: (transfer full): the chart, or NULL with @error set
 */
GwChart *
gw_chart_new_gap (GwTrackerResult *result,
                  gboolean         is_group,
                  guint            subject,
                  GError         **error)
{
  GwDataset *dataset;
  const GwTarget *target;
  GPtrArray *rows;
  g_autoptr(GwChart) chart = NULL;
  g_autoptr(GString) desc = NULL;
  g_autofree char *ind_name = NULL, *ind_unit = NULL, *base = NULL, *tp = NULL;
  g_autofree char *comparator = NULL, *lower_name = NULL;
  double t_min = INFINITY;
  Gap *gap;

  g_return_val_if_fail (GW_IS_TRACKER_RESULT (result), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dataset = gw_tracker_result_get_dataset (result);
  target = gw_tracker_result_get_target (result);
  rows = gw_tracker_result_get_rows (result);

  chart = gw_chart_new_internal (GW_CHART_GAP);
  gap = g_new0 (Gap, 1);
  chart->data = gap;
  chart->data_free = (GDestroyNotify) gap_free;
  chart->paint_body = paint_gap;
  gap->panels = g_ptr_array_new_with_free_func ((GDestroyNotify) gap_panel_free);
  ind_name = g_strdup (gw_tracker_result_get_indicator (result)->name);
  ind_unit = g_strdup (gw_tracker_result_get_indicator (result)->unit);
  comparator = g_strdup (gw_tracker_result_get_comparator_name (result));
  gap->comparator = g_strdup (comparator);
  gap->method = target->method;
  gap->x_title = gw_period_kind (target->baseline) == GW_PERIOD_POOLED ? _("3-year period") : _("Period");
  if (target->gap == GW_GAP_RELATIVE)
    {
      gap->suffix = g_strdup ("%");
      gap->unit = g_strdup ("%");
      /* Translators: the y axis of a relative gap, "Gap, % of England’s value" */
      gap->y_title = g_strdup_printf (_("Gap, %% of %s’s value"), comparator);
      gap->decimals = 2;
    }
  else
    {
      gap->suffix = g_strdup ("");
      gap->unit = g_strconcat (" ", ind_unit, NULL);
      /* Translators: the y axis of an SII target's "gap", "SII within the area, years" */
      gap->y_title = target->measure == GW_TARGET_MEASURE_SII
                     ? g_strdup_printf (_("SII within the area, %s"), ind_unit)
      /* Translators: the y axis of an absolute gap, "Gap, years" */
                     : g_strdup_printf (_("Gap, %s"), ind_unit);
      gap->decimals = 2;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      const GwTrackerRow *r = g_ptr_array_index (rows, i);
      GapPanel *p;

      if (r->is_group != is_group || r->subject != subject)
        continue;
      if (gap->name == NULL)
        gap->name = g_strdup (r->name);
      p = g_new0 (GapPanel, 1);
      p->sex = r->sex;
      p->points = g_array_new (FALSE, TRUE, sizeof (GwGapPoint));
      p->baseline_period = r->baseline_period;
      p->t0 = gw_period_midpoint (target->baseline);
      p->g0 = r->baseline_gap;
      p->tT = gw_period_midpoint (target->target_period);
      p->gT = r->target_gap;
      p->gp = r->projected_gap;
      p->a = r->fit_intercept;
      p->b = r->fit_slope;
      p->latest_period = r->latest_period;
      p->latest_gap = r->latest_gap;
      p->change = r->change_since_baseline;
      p->required = r->required_narrowing;
      p->status = r->status;
      p->p_lower = r->projected_lower95;
      p->p_upper = r->projected_upper95;
      p->n_points = r->n_window_points;
      p->latest_t = NAN;
      p->fit_from = p->t0;
      for (guint j = 0; r->points != NULL && j < r->points->len; j++)
        {
          const GwGapPoint *g = &g_array_index (r->points, GwGapPoint, j);

          /* the gaps the target is about: from the baseline to the target
           * period (all of them when there is no baseline) */
          if (isfinite (p->g0) && (g->t < p->t0 - 1e-9 || g->t > p->tT + 1e-9))
            continue;
          if (isnan (g->gap))
            continue;
          g_array_append_val (p->points, *g);
        }
      if (p->points->len > 0)
        {
          p->fit_from = g_array_index (p->points, GwGapPoint, 0).t;
          p->latest_t = g_array_index (p->points, GwGapPoint, p->points->len - 1).t;
        }
      if (p->points->len > 0)
        t_min = MIN (t_min, g_array_index (p->points, GwGapPoint, 0).t);
      if (isfinite (p->g0))
        t_min = MIN (t_min, p->t0);
      g_ptr_array_add (gap->panels, p);
    }
  if (gap->panels->len == 0)
    {
      const char *what = is_group
                         ? (subject < gw_dataset_n_groups (dataset) ? gw_dataset_get_group (dataset, subject)->name : "?")
                         : (subject < gw_dataset_n_areas (dataset) ? gw_dataset_get_area (dataset, subject)->name : "?");

      g_set_error (error, GW_CHART_ERROR, GW_CHART_ERROR_NOT_FOUND,
                   _("%s is not tracked by the target %s (not the group or one of its areas)"),
                   what, target->name);
      return NULL;
    }

  /* nothing to draw at all (no values of the indicator) is an error, not
   * an empty chart */
  {
    guint points = 0;

    for (guint i = 0; i < gap->panels->len; i++)
      points += ((GapPanel *) g_ptr_array_index (gap->panels, i))->points->len;
    if (points == 0)
      {
        g_autofree char *lower = g_utf8_strdown (ind_name, -1);

        g_set_error (error, GW_CHART_ERROR, GW_CHART_ERROR_NO_DATA,
                     _("No gap in %s can be worked out for %s: the exports have no values for it"),
                     lower, gap->name);
        return NULL;
      }
  }

  /* the time axis: each period with a gap, then the target period */
  {
    GwPeriod last = 0;

    gap->ticks = gw_ticks_new ();
    for (guint i = 0; i < gap->panels->len; i++)
      {
        const GapPanel *p = g_ptr_array_index (gap->panels, i);

        for (guint j = 0; j < p->points->len; j++)
          {
            const GwGapPoint *g = &g_array_index (p->points, GwGapPoint, j);
            gboolean seen = FALSE;

            for (guint k = 0; k < gap->ticks->len && !seen; k++)
              seen = fabs (g_array_index (gap->ticks, GwTick, k).value - g->t) < 1e-6;
            if (!seen && g->t < gw_period_midpoint (target->target_period) - 1e-6)
              {
                GwTick tick = { g->t, gw_chart_format_period_short (g->period) };
                guint at = gap->ticks->len;

                while (at > 0 && g_array_index (gap->ticks, GwTick, at - 1).value > g->t)
                  at--;
                g_array_insert_val (gap->ticks, at, tick);
              }
            last = MAX (last, g->period);
          }
      }
    {
      GwTick tick = { gw_period_midpoint (target->target_period),
                      gw_chart_format_period_short (target->target_period) };

      g_array_append_val (gap->ticks, tick);
    }
    if (!isfinite (t_min))
      t_min = gw_period_midpoint (target->baseline);
    gap->x_lo = t_min - 0.7;
    gap->x_hi = gw_period_midpoint (target->target_period) + 0.7;
  }

  base = gw_chart_format_period (target->baseline);
  tp = gw_chart_format_period (target->target_period);

  {
    g_autofree char *lower = g_utf8_strdown (ind_name, -1);
    g_autofree char *reduction = gw_chart_format_number (target->reduction * 100, 0, FALSE);

    if (target->measure == GW_TARGET_MEASURE_SII)
      {
        /* Translators: chart title, "Inequality in life expectancy at birth within Hartlepool" */
        chart->title = g_strdup_printf (_("Inequality in %s within %s"), lower, gap->name);
        /* Translators: subtitle of an SII target's chart */
        chart->subtitle = g_strdup_printf (_("Slope index of inequality across deprivation deciles, in %s; "
                                             "target: narrow the %s SII by %s%% by %s"),
                                           ind_unit, base, reduction, tp);
      }
    else
      {
    /* Translators: chart title, "Gap in life expectancy at birth: Blackpool" */
    chart->title = g_strdup_printf (_("Gap in %s: %s"), lower, gap->name);
    /* Translators: subtitle: how the gap is measured, against whom, and the target */
    chart->subtitle = g_strdup_printf (target->gap == GW_GAP_RELATIVE
                                       ? _("Gap to %s as a percentage of %s’s value; target: narrow the %s gap by %s%% by %s")
                                       : _("Gap to %s in %s; target: narrow the %s gap by %s%% by %s"),
                                       comparator,
                                       target->gap == GW_GAP_RELATIVE ? comparator : ind_unit,
                                       base, reduction, tp);
      }
  }

  gw_legend_add (chart->legend, target->measure == GW_TARGET_MEASURE_SII ? _("SII") : _("gap"), GW_SWATCH_MARKER, GW_CHART_ROLE_SUBJECT, GW_DASH_SOLID,
                 GW_MARKER_CIRCLE, TRUE, TRUE);
  /* the two items that name the confidence level: legend_for_style */
  gap->gap_interval_item = chart->legend->len;
  gw_legend_add (chart->legend, interval_text (FALSE, FALSE), GW_SWATCH_TICK, GW_CHART_ROLE_SUBJECT,
                 GW_DASH_SOLID, GW_MARKER_CIRCLE, FALSE, FALSE);
  gap->fan_item = chart->legend->len;
  gw_legend_add (chart->legend, interval_text (TRUE, FALSE), GW_SWATCH_BAND, GW_CHART_ROLE_MUTED,
                 GW_DASH_SOLID, GW_MARKER_CIRCLE, FALSE, FALSE);
  chart->legend_for_style = gap_legend_for_style;
  gw_legend_add (chart->legend, _("trajectory to the target"), GW_SWATCH_LINE, GW_CHART_ROLE_TRAJECTORY,
                 GW_DASH_SOLID, GW_MARKER_CIRCLE, FALSE, FALSE);
  gw_legend_add (chart->legend, _("target gap"), GW_SWATCH_LINE, GW_CHART_ROLE_TARGET,
                 GW_DASH_DASH_DOT, GW_MARKER_CIRCLE, FALSE, FALSE);
  gw_legend_add (chart->legend, target->method == GW_PROJECTION_HOLT ? _("projection (Holt’s smoothing)")
                                : _("projection (least-squares line)"),
                 GW_SWATCH_LINE, GW_CHART_ROLE_SUBJECT, GW_DASH_DASHED, GW_MARKER_CIRCLE, FALSE, FALSE);
  for (guint i = 0; i < gap->panels->len; i++)
    if (any_missing (g_ptr_array_index (gap->panels, i)))
      {
        /* Translators: the gap chart's key to a hatched period with no gap */
        gw_legend_add (chart->legend, _("a period without a value (suppressed or missing)"), GW_SWATCH_HATCH,
                       GW_CHART_ROLE_MUTED, GW_DASH_SOLID, GW_MARKER_CIRCLE, FALSE, FALSE);
        break;
      }
  {
    gboolean shown[GW_STATUS_INSUFFICIENT_DATA] = { FALSE, };

    for (guint i = 0; i < gap->panels->len; i++)
      {
        const GapPanel *p = g_ptr_array_index (gap->panels, i);

        if (p->status >= GW_STATUS_INSUFFICIENT_DATA || !isfinite (p->gp) || shown[p->status])
          continue;
        shown[p->status] = TRUE;
        gw_legend_add (chart->legend,
                       p->status == GW_STATUS_ON_TRACK ? _("projected gap, on track")
                       : p->status == GW_STATUS_OFF_TRACK ? _("projected gap, off track")
                       : _("projected gap, no gap at baseline"),
                       GW_SWATCH_MARKER, gw_chart_status_role (p->status), GW_DASH_SOLID,
                       gw_chart_status_marker (p->status), TRUE, FALSE);
      }
  }

  lower_name = g_utf8_strdown (ind_name, -1);
  desc = g_string_new (NULL);
  g_string_append_printf (desc, _("Chart of the gap in %s between %s and %s from %s, with the trajectory "
                                  "to the target gap in %s and the projection. "),
                          lower_name, gap->name, comparator, base, tp);
  for (guint i = 0; i < gap->panels->len; i++)
    {
      const GapPanel *p = g_ptr_array_index (gap->panels, i);
      g_autofree char *sentence = status_sentence (gap, p);

      g_string_append_printf (desc, "%s: %s", gw_chart_sex_label (p->sex), sentence);
      if (isfinite (p->g0) && isfinite (p->latest_gap) && p->latest_period != 0)
        {
          g_autofree char *g0 = format_gap (gap, p->g0, gap->decimals), *gl = format_gap (gap, p->latest_gap, gap->decimals);
          g_autofree char *lp = gw_chart_format_period (p->latest_period);

          /* Translators: "; the gap was 2.72% at baseline and 2.76% in 2005–2007" */
          g_string_append_printf (desc, _("; the gap was %s at baseline and %s in %s"), g0, gl, lp);
          if (p->required > 0)
            {
              g_autofree char *rq = gw_chart_format_number (p->required, 0, FALSE);

              g_string_append_printf (desc, _(", and must narrow by %s%%"), rq);
            }
        }
      g_string_append (desc, i + 1 < gap->panels->len ? ". " : ".");
    }
  chart->description = g_string_free (g_steal_pointer (&desc), FALSE);
  chart->source = gw_chart_source_text (dataset);

  return g_steal_pointer (&chart);
}
