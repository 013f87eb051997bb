/* gw-inequality.h: the SII of life expectancy, from published values by
 * decile or from the counts of small areas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gw_inequality_compute() is the one entry point: for a subject, sex and
 * period it takes the indicator's published values by decile (le-birth, or
 * le-65 at 65: export 1.1 `<v decile=...>`, Fingertips' deprivation decile
 * categories) when all ten deciles have one, else the small areas' counts
 * below, and says which in the value's source.
 *
 * Inequality within an area (issue 15; help/C/method-sii.page): the deaths and
 * populations of its small areas (the export format (help/C/import.page) "Version 1.1": areas of
 * type lsoa or msoa with an imd-decile and a parent) pooled by IMD decile, a
 * life table per decile, then the slope and relative index of inequality of
 * life expectancy (gw_sii_life_expectancy()).
 *
 * The small areas of an area are those below it by their parent chain (an
 * LSOA's parent may be an MSOA, its parent a district, then a region); the
 * country (England) has every small area whose chain reaches no other
 * country.  A group has the small areas of its member areas, each once.
 * When an area has both LSOAs and MSOAs below it, only the LSOAs count (an
 * MSOA's LSOAs are the MSOA again).
 *
 * Counts are read as the indicator engine reads them (gw-indicators.c): the
 * "registration" deaths basis when there is one, all-cause records (cause
 * records only where a period has none), a year's deaths from its yearly
 * records or else from twelve monthly ones, mid-year populations summed over
 * the period's years.  A period is a calendar year or pooled years
 * (2016-2018).  Like a group's indicator, a decile has no counts unless
 * every one of its small areas has deaths and populations for every year.
 *
 * Usage:
 *
 *   g_autoptr(GwInequality) ineq = gw_inequality_new (dataset, 0, &error);  // latest
 *   subjects = gw_inequality_list_subjects (ineq);
 *   for each subject, sex:
 *     if (gw_inequality_compute (ineq, s->is_group, s->subject, GW_SEX_MALE, 0,
 *                                NULL, &value, &error))
 *       use (value.sii.sii, value.sii.sii_lower[GW_SII_LEVEL_95], value.deciles[0].value);
 */
#pragma once

#include "model/gw-dataset.h"
#include "methods/gw-life-table.h"
#include "methods/gw-sii.h"

G_BEGIN_DECLS

/* IMD deciles: quantile 1 the most deprived. */
#define GW_INEQUALITY_N_DECILES 10

#define GW_INEQUALITY_ERROR (gw_inequality_error_quark ())

/* Why there is no SII (besides a GW_SII_ERROR from the deciles' values). */
typedef enum
{
  GW_INEQUALITY_ERROR_PERIOD = 1,          /* not a calendar year or pooled years */
  GW_INEQUALITY_ERROR_NO_DATA,             /* no period has small areas' counts nor
                                            * published values by decile */
  GW_INEQUALITY_ERROR_INCOMPLETE_DECILES,  /* a decile without small areas with counts,
                                            * or without a published value (the
                                            * value's source says which) */
} GwInequalityError;

/* Where the deciles of an SII come from. */
typedef enum
{
  GW_INEQUALITY_SOURCE_COUNTS,     /* the small areas' deaths and populations pooled by decile */
  GW_INEQUALITY_SOURCE_PUBLISHED,  /* the indicator's published values by decile */
} GwInequalitySource;

/* An area (is_group FALSE) or a group of the dataset. */
typedef struct
{
  gboolean is_group;
  guint    subject;     /* area or group number */
} GwInequalitySubject;

/* The SII of one subject, sex and period. */
typedef struct
{
  gboolean          is_group;
  guint             subject;
  GwSex             sex;
  GwPeriod          period;
  guint             start_age;       /* 0: at birth; 65 */
  GwInequalitySource source;         /* of the deciles (and of missing_deciles) */
  guint             n_published;     /* deciles with a published value in period */
  GwAreaType        small_area_type; /* GW_AREA_LSOA or GW_AREA_MSOA */
  guint             n_small_areas;   /* of that type, with a decile, below the subject */
  guint             n_deciles;       /* deciles with values from the source: small
                                      * areas that all have counts, or published */
  guint16           missing_deciles; /* bit d - 1 set: decile d has none from the source */
  GwLifeTableLayout layout;          /* 90+ when every small area has 85-89 and 90+ */
  gboolean          has_value;       /* sii and deciles are valid */
  GwSiiQuantile     deciles[GW_INEQUALITY_N_DECILES]; /* life expectancy of each decile,
                                                       * its SE and person-years */
  GwSiiResult       sii;             /* in years; positive: the least deprived live longer */
} GwInequalityValue;

typedef struct _GwInequality GwInequality;

GQuark         gw_inequality_error_quark     (void);

GwPeriod       gw_inequality_latest_period   (GwDataset                 *dataset);
/* Every period of span years with small areas' counts (GwPeriod, in order). */
GArray        *gw_inequality_list_periods    (GwDataset                 *dataset,
                                              guint                      span);

GwInequality  *gw_inequality_new             (GwDataset                 *dataset,
                                              GwPeriod                   period,
                                              GError                   **error);
void           gw_inequality_free            (GwInequality              *self);

GwPeriod       gw_inequality_get_period      (GwInequality              *self);
GArray        *gw_inequality_list_subjects   (GwInequality              *self);

gboolean       gw_inequality_compute         (GwInequality              *self,
                                              gboolean                   is_group,
                                              guint                      subject,
                                              GwSex                      sex,
                                              guint                      start_age,
                                              const GwSiiOptions        *options,
                                              GwInequalityValue         *value,
                                              GError                   **error);

/* The SII from an indicator's published values by decile (export 1.1
 * `<v decile="1".."10" value lower upper denominator>`): each decile's value,
 * its SE from its 95% limits and its population from the denominator. */
gboolean       gw_inequality_compute_published (GwDataset            *dataset,
                                                const char           *indicator,
                                                gboolean              is_group,
                                                guint                 subject,
                                                GwSex                 sex,
                                                GwPeriod              period,
                                                const GwSiiOptions   *options,
                                                GwInequalityValue    *value,
                                                GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwInequality, gw_inequality_free)

G_END_DECLS
