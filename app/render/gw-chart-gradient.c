/* gw-chart-gradient.c: life expectancy by deprivation decile, with the SII line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The deprivation gradient within an area (methods.md section 4; Public
 * Health Outcomes Framework 0.2iii): the life expectancy of each IMD decile
 * of its small areas with its 95% confidence interval, placed at the
 * decile's relative rank (the middle of its share of the population, so the
 * points sit where the regression put them), and the fitted line of the
 * slope index of inequality from rank 0 (the most deprived end, on the left)
 * to rank 1.  One panel per sex; the SII and RII with their 95% limits in
 * words above each panel.  The numbers are computed before (gw_inequality_compute
 * at 100,000 repetitions takes a while): the chart only draws them.
 */
#include "gw-config.h"

#include <math.h>
#include <string.h>

#include "gw-chart-private.h"

#define Z95 1.959963984540054

typedef struct
{
  GwSex    sex;
  gboolean has_value;
  guint    n;                                 /* deciles */
  double   rank[GW_INEQUALITY_N_DECILES];      /* 0..1 */
  double   value[GW_INEQUALITY_N_DECILES];     /* years */
  double   lower[GW_INEQUALITY_N_DECILES];
  double   upper[GW_INEQUALITY_N_DECILES];
  double   population[GW_INEQUALITY_N_DECILES];
  GwSiiResult sii;
} GradientPanel;

typedef struct
{
  GradientPanel panels[2];
  guint         n_panels;
  char         *area;
  char         *y_title;
} Gradient;

static void
gradient_free (Gradient *g)
{
  g_free (g->area);
  g_free (g->y_title);
  g_free (g);
}

/* "SII 10.4 years (95%: 8.9 to 11.8); RII 1.15" */
static char *
sii_sentence (const GradientPanel *p)
{
  g_autofree char *sii = NULL, *lo = NULL, *hi = NULL, *rii = NULL;

  if (!p->has_value)
    return g_strdup (_("No SII: not every decile has deaths and populations"));
  sii = gw_chart_format_number (p->sii.sii, 1, FALSE);
  lo = gw_chart_format_number (p->sii.sii_lower[GW_SII_LEVEL_95], 1, FALSE);
  hi = gw_chart_format_number (p->sii.sii_upper[GW_SII_LEVEL_95], 1, FALSE);
  rii = gw_chart_format_number (p->sii.rii, 3, FALSE);
  /* Translators: above a panel of the gradient chart, "SII 10.4 years (95%: 8.9 to 11.8); RII 1.152" */
  return g_strdup_printf (_("SII %s years (95%%: %s to %s); RII %s"), sii, lo, hi, rii);
}

static void
paint_gradient (GwChart           *chart,
                GwCanvas          *c,
                const GwChartRect *body)
{
  Gradient *g = chart->data;
  GwChartRect areas[2];
  gboolean side = g->n_panels > 1 && body->width / g->n_panels > body->height * 0.6;
  const double s = c->s;
  cairo_t *cr = c->cr;
  double lo = INFINITY, hi = -INFINITY;

  /* one y scale for both sexes, so that the panels compare at a glance */
  for (guint i = 0; i < g->n_panels; i++)
    {
      const GradientPanel *p = &g->panels[i];

      for (guint q = 0; q < p->n; q++)
        {
          if (isfinite (p->lower[q]))
            lo = MIN (lo, p->lower[q]);
          if (isfinite (p->upper[q]))
            hi = MAX (hi, p->upper[q]);
        }
      if (p->has_value)
        {
          lo = MIN (lo, MIN (p->sii.intercept, p->sii.intercept + p->sii.sii));
          hi = MAX (hi, MAX (p->sii.intercept, p->sii.intercept + p->sii.sii));
        }
    }
  if (!isfinite (lo) || !isfinite (hi))
    return;

  gw_panels_split (body, g->n_panels, (side ? 18 : 12) * s, side, areas);
  for (guint i = 0; i < g->n_panels; i++)
    {
      const GradientPanel *p = &g->panels[i];
      g_autofree char *status = sii_sentence (p);
      g_autoptr(GArray) ticks = gw_ticks_new ();
      GwXYPanelSpec spec = { 0 };
      GwPanelFrame pf;
      double marker_pt, cap = 3.0 * s;

      /* the deciles' numbers at their ranks: 1 (most deprived) on the left */
      for (guint q = 0; q < p->n; q++)
        {
          GwTick t = { p->rank[q], g_strdup_printf ("%u", q + 1) };

          g_array_append_val (ticks, t);
        }
      spec.title = gw_chart_sex_label (p->sex);
      spec.title_role = GW_CHART_ROLE_FOREGROUND;
      spec.status = status;
      spec.status_role = p->has_value ? GW_CHART_ROLE_GROUP : GW_CHART_ROLE_MUTED;
      spec.y_title = g->y_title;
      spec.x_title = _("Deprivation decile (1 most deprived → 10 least)");
      spec.y_lo = lo;
      spec.y_hi = hi;
      spec.x_ticks = ticks;
      spec.x_lo = 0;
      spec.x_hi = 1;
      if (!gw_xy_panel_paint (c, &areas[i], &spec, &pf))
        continue;

      marker_pt = CLAMP (pf.plot.width / s / 40, 3.5, 7.0);
      cairo_save (cr);
      gw_canvas_clip_plot (c, &pf, marker_pt);

      /* the SII: the fitted line across the whole range of ranks */
      if (p->has_value)
        {
          gw_canvas_set_line (c, GW_CHART_ROLE_GROUP, 1.6, GW_DASH_DASHED);
          cairo_move_to (cr, gw_axis_map (&pf.x, 0), gw_axis_map (&pf.y, p->sii.intercept));
          cairo_line_to (cr, gw_axis_map (&pf.x, 1), gw_axis_map (&pf.y, p->sii.intercept + p->sii.sii));
          cairo_stroke (cr);
        }

      /* each decile's interval, then its point on top */
      for (guint q = 0; q < p->n; q++)
        {
          double x = gw_axis_map (&pf.x, p->rank[q]);

          if (!isfinite (p->value[q]))
            continue;
          if (isfinite (p->lower[q]) && isfinite (p->upper[q]))
            {
              gw_canvas_set_line (c, GW_CHART_ROLE_SUBJECT, 1.0, GW_DASH_SOLID);
              gw_canvas_vline (c, x, gw_axis_map (&pf.y, p->upper[q]), gw_axis_map (&pf.y, p->lower[q]));
              gw_canvas_hline (c, x - cap, x + cap, gw_axis_map (&pf.y, p->upper[q]));
              gw_canvas_hline (c, x - cap, x + cap, gw_axis_map (&pf.y, p->lower[q]));
            }
          gw_canvas_marker (c, GW_MARKER_CIRCLE, x, gw_axis_map (&pf.y, p->value[q]), marker_pt,
                            GW_CHART_ROLE_SUBJECT, TRUE);
        }
      cairo_restore (cr);

      for (guint q = 0; q < p->n; q++)
        {
          double r = 5 * s;
          GwChartRect rect;
          g_autofree char *v = NULL, *l = NULL, *u = NULL, *n = NULL;

          if (!isfinite (p->value[q]))
            continue;
          rect = (GwChartRect) { gw_axis_map (&pf.x, p->rank[q]) - r, gw_axis_map (&pf.y, p->value[q]) - r, 2 * r, 2 * r };
          v = gw_chart_format_number (p->value[q], 1, FALSE);
          l = gw_chart_format_number (p->lower[q], 1, FALSE);
          u = gw_chart_format_number (p->upper[q], 1, FALSE);
          n = gw_chart_format_number (p->population[q], 0, TRUE);
          /* Translators: tooltip, "Men, decile 3: 76.2 years (95%: 74.1 to 78.3), 41,230 person-years" */
          gw_canvas_add_mark (c, &rect, g_strdup_printf (_("%s, decile %u: %s years (95%%: %s to %s), %s person-years"),
                                                         gw_chart_sex_label (p->sex), q + 1, v, l, u, n));
        }
    }
}

static void
describe_panel (GString             *out,
                const GradientPanel *p)
{
  g_autofree char *sentence = sii_sentence (p);

  if (p->n > 0 && isfinite (p->value[0]) && isfinite (p->value[p->n - 1]))
    {
      g_autofree char *first = gw_chart_format_number (p->value[0], 1, FALSE);
      g_autofree char *last = gw_chart_format_number (p->value[p->n - 1], 1, FALSE);

      /* Translators: "Men: 72.1 years in the most deprived decile, 83.0 in the least deprived; SII ..." */
      g_string_append_printf (out, _("%s: %s years in the most deprived decile, %s in the least deprived; %s. "),
                              gw_chart_sex_label (p->sex), first, last, sentence);
    }
  else
    g_string_append_printf (out, "%s: %s. ", gw_chart_sex_label (p->sex), sentence);
}

/**
 * gw_chart_new_gradient:
 * @dataset: the dataset the values were computed from (names, source line)
 * @values: (array length=n_values): the SII of one subject and period, one
 *   per sex (men and women, from gw_inequality_compute())
 * @n_values: 1 or 2
 * @error: GW_CHART_ERROR_NO_DATA when no sex has a life expectancy in every
 *   decile
 *
 * Life expectancy of each deprivation decile with its 95% confidence
 * interval and the fitted line of the slope index of inequality, most
 * deprived on the left, one panel per value (methods.md section 4).
 *
 * Returns: (transfer full): the chart, or NULL with @error set
 */
GwChart *
gw_chart_new_gradient (GwDataset               *dataset,
                       const GwInequalityValue *values,
                       guint                    n_values,
                       GError                 **error)
{
  g_autoptr(GwChart) chart = NULL;
  g_autoptr(GString) desc = NULL;
  g_autofree char *period = NULL;
  const char *name;
  gboolean any = FALSE;
  Gradient *g;

  g_return_val_if_fail (GW_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (values != NULL && n_values >= 1 && n_values <= 2, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < n_values; i++)
    any |= values[i].has_value;
  if (!any && values[0].source == GW_INEQUALITY_SOURCE_PUBLISHED)
    {
      g_set_error_literal (error, GW_CHART_ERROR, GW_CHART_ERROR_NO_DATA,
                           _("No SII: not every deprivation decile has a published value"));
      return NULL;
    }
  if (!any)
    {
      g_set_error_literal (error, GW_CHART_ERROR, GW_CHART_ERROR_NO_DATA,
                           _("No SII: not every deprivation decile has small areas with deaths and populations"));
      return NULL;
    }

  chart = gw_chart_new_internal (GW_CHART_GRADIENT);
  g = g_new0 (Gradient, 1);
  chart->data = g;
  chart->data_free = (GDestroyNotify) gradient_free;
  chart->paint_body = paint_gradient;

  name = values[0].is_group ? gw_dataset_get_group (dataset, values[0].subject)->name
                            : gw_dataset_get_area (dataset, values[0].subject)->name;
  g->area = g_strdup (name);
  /* short: the axis of a panel beside the table is short */
  g->y_title = g_strdup (values[0].start_age == 65 ? _("Life expectancy at 65 (years)")
                                                   : _("Life expectancy (years)"));
  period = gw_chart_format_period (values[0].period);

  for (guint i = 0; i < n_values; i++)
    {
      const GwInequalityValue *v = &values[i];
      GradientPanel *p = &g->panels[g->n_panels++];
      double pop[GW_INEQUALITY_N_DECILES];
      gboolean all_pop = TRUE;

      p->sex = v->sex;
      p->has_value = v->has_value;
      p->sii = v->sii;
      p->n = GW_INEQUALITY_N_DECILES;
      for (guint q = 0; q < p->n; q++)
        {
          const GwSiiQuantile *d = &v->deciles[q];
          /* without an SII the deciles were not computed (one lacks counts) */
          gboolean missing = !v->has_value || !isfinite (d->value);

          p->value[q] = missing ? NAN : d->value;
          p->population[q] = missing ? NAN : d->population;
          if (missing)
            p->lower[q] = p->upper[q] = NAN;
          else if (isfinite (d->se))
            {
              p->lower[q] = d->value - Z95 * d->se;
              p->upper[q] = d->value + Z95 * d->se;
            }
          else
            {
              p->lower[q] = d->lower95;
              p->upper[q] = d->upper95;
            }
          pop[q] = missing ? 0 : d->population;
          all_pop &= pop[q] > 0;
        }
      /* at the regression's ranks when every decile has its population,
       * else evenly */
      if (all_pop)
        gw_sii_ranks (pop, p->n, p->rank);
      else
        for (guint q = 0; q < p->n; q++)
          p->rank[q] = (q + 0.5) / p->n;
    }

  /* Translators: chart title, "Hartlepool: life expectancy by deprivation decile, 2005–2007" */
  chart->title = g_strdup_printf (_("%s: life expectancy by deprivation decile, %s"), name, period);
  /* the deciles as published, or pooled from small areas: the first panel
   * with a value says which */
  if ((values[0].has_value ? &values[0] : &values[n_values - 1])->source == GW_INEQUALITY_SOURCE_PUBLISHED)
    chart->subtitle = g_strdup (values[0].start_age == 65
                                /* xgettext:no-c-format */
                                ? _("At 65, published values by deprivation decile, with 95% confidence intervals; "
                                    "the dashed line’s rise from end to end is the slope index of inequality (SII)")
                                /* xgettext:no-c-format */
                                : _("At birth, published values by deprivation decile, with 95% confidence intervals; "
                                    "the dashed line’s rise from end to end is the slope index of inequality (SII)"));
  else
    chart->subtitle = g_strdup (values[0].start_age == 65
                                /* xgettext:no-c-format */
                                ? _("At 65, small areas grouped by deprivation decile, with 95% confidence intervals; "
                                    "the dashed line’s rise from end to end is the slope index of inequality (SII)")
                                /* xgettext:no-c-format */
                                : _("At birth, small areas grouped by deprivation decile, with 95% confidence intervals; "
                                    "the dashed line’s rise from end to end is the slope index of inequality (SII)"));

  /* xgettext:no-c-format */
  gw_legend_add (chart->legend, _("Life expectancy of the decile, 95% confidence interval"), GW_SWATCH_MARKER,
                 GW_CHART_ROLE_SUBJECT, GW_DASH_SOLID, GW_MARKER_CIRCLE, TRUE, TRUE);
  gw_legend_add (chart->legend, _("Slope index of inequality (fitted line)"), GW_SWATCH_LINE,
                 GW_CHART_ROLE_GROUP, GW_DASH_DASHED, GW_MARKER_CIRCLE, FALSE, FALSE);

  desc = g_string_new (NULL);
  /* Translators: start of the chart's description, "Life expectancy by deprivation decile in Hartlepool, 2005–2007. " */
  g_string_append_printf (desc, _("Life expectancy by deprivation decile in %s, %s. "), name, period);
  for (guint i = 0; i < g->n_panels; i++)
    describe_panel (desc, &g->panels[i]);
  g_string_truncate (desc, desc->len > 0 && desc->str[desc->len - 1] == ' ' ? desc->len - 1 : desc->len);
  chart->description = g_string_free (g_steal_pointer (&desc), FALSE);
  chart->source = gw_chart_source_text (dataset);

  return g_steal_pointer (&chart);
}
