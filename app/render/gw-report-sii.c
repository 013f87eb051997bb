/* gw-report-sii.c: the report's page on the inequality within an area
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An area of the report whose values published by deprivation decile, or
 * whose small areas (LSOAs with their deprivation decile), give a slope
 * index of inequality (gw_inequality_compute()) gets a second page after its
 * own, saying which input it comes from: the SII and RII of life
 * expectancy at birth for men and women with their 95% and 99.8% limits in
 * words, and the deprivation gradient chart (methods.md section 4).  Areas
 * with neither input have no such page, so a report of areas without them
 * is as it was.  The SIIs are computed when the report is made (100,000
 * simulations each, a fraction of a second per area), for each area's
 * latest period with either input.
 */
#include "gw-config.h"

#include <math.h>

#include "gw-report-private.h"

void
_gw_report_sii_take (GwReport  *self,
                     GwDataset *dataset)
{
  g_autoptr(GwInequality) ineq = gw_inequality_new (dataset, 0, NULL);

  /* no small areas with counts nor published deciles anywhere: no
   * inequality pages */
  if (ineq == NULL)
    return;
  for (guint i = 0; i < self->areas->len; i++)
    {
      ReportArea *a = &g_array_index (self->areas, ReportArea, i);
      gboolean any = FALSE;

      for (guint s = 0; s < 2; s++)
        any |= gw_inequality_compute (ineq, FALSE, a->area, GW_SEX_MALE + s, 0, NULL, &a->sii[s], NULL);
      if (any)
        a->gradient = gw_chart_new_gradient (dataset, a->sii, 2, NULL);
    }
}

/* "Men: slope index of inequality 11.9 years (95% limits 9.9 to 13.8, 99.8%
 * limits 8.8 to 14.9); relative index 1.172 (1.142 to 1.203)." */
static char *
sex_sentence (const GwInequalityValue *v)
{
  const GwSiiResult *r = &v->sii;
  const char *sex = v->sex == GW_SEX_MALE ? _("Men") : _("Women");
  g_autofree char *sii = NULL, *lo = NULL, *hi = NULL, *lo998 = NULL, *hi998 = NULL;
  g_autofree char *rii = NULL, *rlo = NULL, *rhi = NULL;

  if (!v->has_value && v->source == GW_INEQUALITY_SOURCE_PUBLISHED)
    /* Translators: "Women: no SII (not every decile has a published value)." */
    return g_strdup_printf (_("%s: no SII (not every decile has a published value)."), sex);
  if (!v->has_value)
    /* Translators: "Women: no SII (not every decile has deaths and populations)." */
    return g_strdup_printf (_("%s: no SII (not every decile has deaths and populations)."), sex);
  sii = gw_chart_format_number (r->sii, 1, FALSE);
  lo = gw_chart_format_number (r->sii_lower[GW_SII_LEVEL_95], 1, FALSE);
  hi = gw_chart_format_number (r->sii_upper[GW_SII_LEVEL_95], 1, FALSE);
  lo998 = gw_chart_format_number (r->sii_lower[GW_SII_LEVEL_998], 1, FALSE);
  hi998 = gw_chart_format_number (r->sii_upper[GW_SII_LEVEL_998], 1, FALSE);
  rii = gw_chart_format_number (r->rii, 3, FALSE);
  rlo = gw_chart_format_number (r->rii_lower[GW_SII_LEVEL_95], 3, FALSE);
  rhi = gw_chart_format_number (r->rii_upper[GW_SII_LEVEL_95], 3, FALSE);
  /* Translators: "Men: slope index of inequality 11.9 years (95% limits 9.9 to 13.8, 99.8% limits
   * 8.8 to 14.9); relative index of inequality 1.172 (95% limits 1.142 to 1.203)." */
  return g_strdup_printf (_("%s: slope index of inequality %s years (95%% limits %s to %s, 99.8%% limits %s to %s); "
                            "relative index of inequality %s (95%% limits %s to %s)."),
                          sex, sii, lo, hi, lo998, hi998, rii, rlo, rhi);
}

/* Where the figures come from, with the code and period: those of the
 * first sex with a value. */
static char *
source_text (const ReportArea *a)
{
  const GwInequalityValue *v = !a->sii[0].has_value && a->sii[1].has_value ? &a->sii[1] : &a->sii[0];
  g_autofree char *period = gw_chart_format_period (v->period);

  if (v->source == GW_INEQUALITY_SOURCE_PUBLISHED)
    /* Translators: "E06000001 · life expectancy at birth from published values by deprivation decile, 2016–2018" */
    return g_strdup_printf (_("%s · life expectancy at birth from published values by deprivation decile, %s"),
                            a->code, period);
  if (v->small_area_type == GW_AREA_MSOA)
    /* Translators: "E06000001 · life expectancy at birth by deprivation decile from the deaths and populations
     * of its 12 MSOAs, 2005–2007" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s · life expectancy at birth by deprivation decile from the deaths and "
                                         "populations of its %u MSOA, %s",
                                         "%s · life expectancy at birth by deprivation decile from the deaths and "
                                         "populations of its %u MSOAs, %s",
                                         v->n_small_areas),
                            a->code, v->n_small_areas, period);
  /* Translators: "E06000001 · life expectancy at birth by deprivation decile from the deaths and populations
   * of its 98 LSOAs, 2005–2007" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s · life expectancy at birth by deprivation decile from the deaths and "
                                       "populations of its %u LSOA, %s",
                                       "%s · life expectancy at birth by deprivation decile from the deaths and "
                                       "populations of its %u LSOAs, %s",
                                       v->n_small_areas),
                          a->code, v->n_small_areas, period);
}

void
_gw_report_draw_inequality (Page             *pg,
                            const ReportArea *a)
{
  double x = pg->x, w = pg->cw, y = pg->top;
  g_autofree char *title = NULL, *meta = NULL;

  /* Translators: heading of an area's second page, "Hartlepool: inequality within the area" */
  title = g_strdup_printf (_("%s: inequality within the area"), a->name);
  pg->block_tag = "H2";
  y += _gw_report_paragraph (pg, title, PT_AREA_NAME, TRUE, GW_CHART_ROLE_FOREGROUND, x, y, w, TRUE) + 1;
  pg->block_tag = NULL;
  meta = source_text (a);
  y += _gw_report_paragraph (pg, meta, 9, FALSE, GW_CHART_ROLE_MUTED, x, y, w, TRUE) + 10;

  for (guint s = 0; s < 2; s++)
    {
      g_autofree char *sentence = sex_sentence (&a->sii[s]);

      y += _gw_report_paragraph (pg, sentence, PT_BODY, FALSE, GW_CHART_ROLE_FOREGROUND, x, y, w, TRUE) + 4;
    }
  y += 4;
  y += _gw_report_paragraph (pg, _("The slope index of inequality (SII) is the gap in life expectancy, in years, "
                                   "between the least and the most deprived ends of the line fitted through the "
                                   "deciles, each weighted by its population; the relative index (RII) is the "
                                   "ratio of the two ends.  Their limits come from 100,000 simulations of the "
                                   "deciles’ life expectancies (Public Health Outcomes Framework 0.2iii)."),
                             PT_BODY, FALSE, GW_CHART_ROLE_MUTED, x, y, w, TRUE) + 14;

  _gw_report_chart_box (pg, a->gradient, NULL, x, y, w, MIN (pg->bottom - 6 - y, w * 0.9));
}
