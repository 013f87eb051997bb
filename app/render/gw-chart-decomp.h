/* gw-chart-decomp.h: why the gap is there, and what it would take, drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * methods.md section 5 for a director: the scarf (the gap in years as one
 * stacked bar per sex by broad cause, as the PHE Segment Tool draws it),
 * the gap by age band stacked by cause, and the sentences the window and
 * the report print beside them ("1.1 of the 2.7 years come from
 * circulatory diseases at ages 45–74"; "about 160 fewer deaths a year, 70
 * of them from circulatory diseases").
 *
 * The charts are GwCharts like the others (gw-chart.h: one painter for
 * screen, print, PNG, SVG and PDF).  They take the decompositions
 * (gw-gap-decomp.h, from gw_session_decompose()), which carry the names of
 * the subject, the comparator, the bands and the causes.
 *
 * The gap is drawn the way a director reads it: comparator minus area, so
 * a bar to the right (or up) is years the area's people lose.  The method
 * and the CLI keep Arriaga's sign (area minus comparator).
 */
#pragma once

#include "gw-chart.h"
#include "methods/gw-gap-decomp.h"

G_BEGIN_DECLS

/* One sex's results, borrowed for the call: the chart copies its numbers. */
typedef struct
{
  const GwGapDecomp    *decomp;     /* NULL: no decomposition for this sex */
  const GwGapReckoning *reckoning;  /* NULL: deaths to prevent not asked */
} GwChartDecompSex;

/* The sexes of one subject, decomposed over one period against one
 * comparator (the names and bands come from the first decomposition). */
typedef struct
{
  guint              n_sexes;       /* 1 to 3 */
  GwChartDecompSex   sexes[3];
  GwDataset         *dataset;       /* the source line's publishers and date, or NULL */
} GwChartDecompInput;

/* The scarf: one horizontal bar per sex whose segments are the top-level
 * causes' years of the gap, each labelled with its years and share where
 * it fits.  GW_CHART_ERROR_NO_DATA when no sex has a decomposition. */
GwChart    *gw_chart_new_scarf            (const GwChartDecompInput *input,
                                           GError                  **error);
/* The gap by age band, one panel per sex, each band's bar stacked by cause
 * (causes that lengthen the area's lives below the axis). */
GwChart    *gw_chart_new_age_cause        (const GwChartDecompInput *input,
                                           GError                  **error);

/* "1.1 of the 2.7 years come from circulatory diseases at ages 45–74." for one
 * sex: the top-level cause with the most years of the gap, and the run of
 * at most six neighbouring bands (30 years) where it makes the most.  When
 * the area lives as long as the comparator or longer, says so instead. */
char       *gw_decomp_why_sentence        (const GwGapDecomp        *decomp);
/* "About 160 fewer deaths a year, 70 of them from circulatory diseases and
 * 40 from cancer, would bring men’s life expectancy to 78.9 years.", or
 * that no deaths need preventing. */
char       *gw_decomp_reckon_sentence     (const GwGapDecomp        *decomp,
                                           const GwGapReckoning     *reckoning);
/* A count of deaths as the sentences say it: two significant figures
 * ("160", "70", "7"), "fewer than 1" below a half. */
char       *gw_decomp_format_about        (double                    deaths);
/* "45–74", "85 and over", "under 1": the ages of bands first_band to
 * last_band of decomp. */
char       *gw_decomp_format_ages         (const GwGapDecomp        *decomp,
                                           guint                     first_band,
                                           guint                     last_band);

G_END_DECLS
