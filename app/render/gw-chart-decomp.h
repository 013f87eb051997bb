/* gw-chart-decomp.h: why the gap is there, and what it would take, drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * methods.md section 5 for a director: the scarf (the gap in years as one
 * stacked bar per sex by broad cause, as the PHE Segment Tool draws it),
 * the gap by age band stacked by cause, and the sentences the window and
 * the report print beside them ("Circulatory disease at ages 45–74 makes
 * 1.1 of the 2.7 years"; "about 160 fewer deaths a year, 70 of them from
 * circulatory disease").
 *
 * The charts are GwCharts like the others (gw-chart.h: one painter for
 * screen, print, PNG, SVG and PDF).  They take the method's results
 * (gw-decomp.h) with the names to print, not the dataset: whoever pooled
 * the counts (the session, a test) says what the causes are called.
 *
 * The gap is drawn the way a director reads it: comparator minus area, so
 * a bar to the right (or up) is years the area's people lose.  The method
 * and the CLI keep Arriaga's sign (area minus comparator).
 */
#pragma once

#include "gw-chart.h"
#include "methods/gw-decomp.h"

G_BEGIN_DECLS

/* One sex's results, borrowed for the call: the chart copies its numbers. */
typedef struct
{
  GwSex                    sex;
  const GwDecomp          *decomp;     /* NULL: no decomposition for this sex */
  const GwDecompReckoning *reckoning;  /* NULL: deaths to prevent not asked */
} GwChartDecompSex;

/* What the charts and sentences need, all borrowed. */
typedef struct
{
  const char        *subject;       /* "Blackpool" */
  const char        *comparator;    /* "England" */
  GwPeriod           period;        /* the pooled period decomposed */
  guint              n_causes;      /* the decompositions' causes ("not specified" is added) */
  const char *const *cause_labels;  /* n_causes names, capitalised: "Circulatory disease" */
  guint              n_sexes;       /* 1 to 3 */
  GwChartDecompSex   sexes[3];
  const char        *source;        /* the source line, or NULL */
} GwChartDecompInput;

/* The scarf: one horizontal bar per sex whose segments are the broad
 * causes' years of the gap, each labelled with its years and share where
 * it fits.  GW_CHART_ERROR_NO_DATA when no sex has a decomposition. */
GwChart    *gw_chart_new_scarf            (const GwChartDecompInput *input,
                                           GError                  **error);
/* The gap by age band, one panel per sex, each band's bar stacked by cause
 * (causes that lengthen the area's lives below the axis). */
GwChart    *gw_chart_new_age_cause        (const GwChartDecompInput *input,
                                           GError                  **error);

/* The translated name of a built-in cause ("circulatory" -> "Circulatory
 * disease"), or NULL for a declared one (its export names it). */
const char *gw_chart_cause_label          (const char               *id);

/* "Circulatory disease at ages 45–74 makes 1.1 of the 2.7 years." for one
 * sex: the cause with the most years of the gap, and the run of at most six
 * neighbouring bands (30 years) where it makes the most.  When the area
 * lives as long as the comparator or longer, says so instead. */
char       *gw_decomp_why_sentence        (const GwChartDecompInput *input,
                                           guint                     sex_index);
/* "About 160 fewer deaths a year, 70 of them from circulatory disease and
 * 40 from cancer, would bring men’s life expectancy to 78.9 years." for one
 * sex's reckoning, or that no deaths need preventing.  NULL without a
 * reckoning. */
char       *gw_decomp_reckon_sentence     (const GwChartDecompInput *input,
                                           guint                     sex_index);
/* A count of deaths as the sentences say it: two significant figures
 * ("160", "70", "7"), "fewer than 1" below a half. */
char       *gw_decomp_format_about        (double                    deaths);
/* "45–74", "85 and over", "under 1": ages first_band to last_band of
 * layout. */
char       *gw_decomp_format_ages         (GwLifeTableLayout         layout,
                                           guint                     first_band,
                                           guint                     last_band);

G_END_DECLS
