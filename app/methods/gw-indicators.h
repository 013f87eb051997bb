/* gw-indicators.h: indicators of a dataset, computed from its counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * help/C/method-life-expectancy.page, 2, 3 and 6.  From the deaths, populations and
 * births of a GwDataset, for every area and group, sex and period:
 *
 *   le-birth  life expectancy at birth, years (Chiang II, Silcocks final band)
 *   le-65     life expectancy at 65, years
 *   imr       infant mortality, deaths at age 0 per 1,000 live births
 *   aaacm     all-age all-cause mortality, directly standardised rate per
 *             100,000 (2013 European Standard Population, Dobson limits)
 *
 * Periods: calendar years, pooled 3-year periods (deaths summed, populations
 * summed), and the provisional rolling 36 months to the latest month with
 * deaths (latest population carried forward).  A group's value comes from the
 * pooled counts of its member areas, never an average of their values.
 * Published values win over computed ones; every value carries its source.
 */
#pragma once

#include "model/gw-dataset.h"
#include "methods/gw-ci.h"

G_BEGIN_DECLS

/* Where a value came from. */
typedef enum
{
  GW_SOURCE_PUBLISHED = 0,
  GW_SOURCE_COMPUTED,
  GW_SOURCE_PROVISIONAL,
} GwValueSource;

typedef struct
{
  guint          indicator;       /* index into gw_indicators_get_ids () */
  gboolean       is_group;
  guint          subject;         /* area or group number of the dataset */
  GwSex          sex;
  GwPeriod       period;          /* a month period with rolling = TRUE for the rolling 36 months */
  gboolean       rolling;
  double         value;           /* NAN when there is none: see note */
  double         lower95;
  double         upper95;
  double         lower998;
  double         upper998;
  GwValueSource  source;
  GwComparison   compared;        /* with England's value of the same indicator, sex, period */
  double         count;           /* the numerator behind a computed value: deaths */
  double         denominator;     /* person-years, or live births */
  guint          final_start_age; /* life expectancy: 85 or 90 */
  const char    *note;            /* untranslated reason code, or NULL */
} GwIndicatorValue;

typedef struct _GwIndicators GwIndicators;

/* Computes every indicator of the dataset (call with the dataset unchanged
 * while it runs; it takes the read lock). */
GwIndicators           *gw_indicators_compute       (GwDataset           *dataset);
/* Another reference (a thread reading them); gw_indicators_free() drops
 * one and frees the values with the last. */
GwIndicators           *gw_indicators_ref           (GwIndicators        *self);
void                    gw_indicators_free          (GwIndicators        *self);

/* The indicator ids: "le-birth", "le-65", "imr", "aaacm", then any other
 * indicator the exports publish. */
const char *const      *gw_indicators_get_ids       (GwIndicators        *self);
gint                    gw_indicators_lookup_id     (GwIndicators        *self,
                                                     const char          *id);
GwPolarity              gw_indicators_get_polarity  (GwIndicators        *self,
                                                     guint                indicator);
/* All values, sorted by indicator, areas before groups, subject, sex, period
 * (rolling after the others). */
guint                   gw_indicators_n_values      (GwIndicators        *self);
const GwIndicatorValue *gw_indicators_get_value     (GwIndicators        *self,
                                                     guint                index);
/* The values of one series, sorted by period: the first and the count. */
guint                   gw_indicators_series        (GwIndicators        *self,
                                                     guint                indicator,
                                                     gboolean             is_group,
                                                     guint                subject,
                                                     GwSex                sex,
                                                     guint               *start);
/* "2003-2005", or "2004-07/2007-06" for a rolling period; buf holds 32 bytes. */
char                   *gw_indicator_value_format_period (const GwIndicatorValue *value,
                                                          char                   *buf);
const char             *gw_value_source_to_string   (GwValueSource        source);
/* A translated sentence for a note code ("fewer than 5,000 person-years"). */
const char             *gw_indicator_note_get_message (const char        *note);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwIndicators, gw_indicators_free)

G_END_DECLS
