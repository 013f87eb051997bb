/* gw-life-table.h: abridged life table, life expectancy and its limits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Chiang's method II with the Silcocks final-band variance, exactly as the
 * PHEindicatormethods R package (phe_life_expectancy, UKHSA v2.1.0) and
 * help/C/method-life-expectancy.page.  Two layouts: today's 20 bands
 * 0, 1-4, 5-9, ..., 85-89, 90+ and the older exports' 19 bands closing at
 * 85+.  A value is always kept with its final band's start age: an 85+ and
 * a 90+ value are not the same series.
 *
 * Usage, with plain arrays in layout order:
 *
 *   GwLifeTable table;
 *   g_autoptr(GError) error = NULL;
 *
 *   if (!gw_life_table_compute_arrays (GW_LIFE_TABLE_LAYOUT_90_PLUS,
 *                                      deaths, population, 20,
 *                                      GW_Z_95, GW_Z_998, &table, &error))
 *     show (error->message);          // the whole area and period has no value
 *   else
 *     use (table.rows[0].value);      // e0; NAN if its 95% CI is over 20 years
 */
#pragma once

#include <glib.h>

#include "model/gw-types.h"
#include "methods/gw-ci.h"

G_BEGIN_DECLS

#define GW_LIFE_TABLE_MAX_BANDS 20

/* Radix of the table: l at age 0. */
#define GW_LIFE_TABLE_RADIX 100000.0

/* Least total population (person-years) for a life table: at or below it
 * there is no value (Toson & Baker 2003). */
#define GW_LIFE_TABLE_MIN_POPULATION 5000.0

/* Widest 95% interval, in years, for which a value at an age is shown. */
#define GW_LIFE_TABLE_MAX_CI_WIDTH 20.0

typedef enum
{
  GW_LIFE_TABLE_LAYOUT_90_PLUS = 0, /* 0, 1-4, 5-9, ..., 85-89, 90+ (20 bands) */
  GW_LIFE_TABLE_LAYOUT_85_PLUS,     /* 0, 1-4, 5-9, ..., 80-84, 85+ (19 bands) */
} GwLifeTableLayout;

#define GW_LIFE_TABLE_ERROR (gw_life_table_error_quark ())

/* Why an area and period has no life expectancy; the GError code of
 * gw_life_table_compute().  Checked in this order (the package's order for
 * the five it has), the first that applies is reported. */
typedef enum
{
  GW_LIFE_TABLE_OK = 0,
  GW_LIFE_TABLE_NEGATIVE_DEATHS,          /* any D < 0 */
  GW_LIFE_TABLE_NONPOSITIVE_POPULATION,   /* any P <= 0 */
  GW_LIFE_TABLE_BAND_OUTSIDE_LAYOUT,      /* e.g. 85+ given to the 90+ layout */
  GW_LIFE_TABLE_BAND_DUPLICATED,          /* a band given twice */
  GW_LIFE_TABLE_BAND_MISSING,             /* a band of the layout absent (or NAN) */
  GW_LIFE_TABLE_DEATHS_EXCEED_POPULATION, /* D > P in a band */
  GW_LIFE_TABLE_SMALL_POPULATION,         /* total P <= 5000 */
  GW_LIFE_TABLE_NO_OPEN_BAND_DEATHS,      /* D = 0 in the open band */
} GwLifeTableSuppression;
#define GW_N_LIFE_TABLE_SUPPRESSIONS 9

/* One band of input. */
typedef struct
{
  GwAgeBand band;
  double    deaths;      /* D, deaths in the band (summed over the period) */
  double    population;  /* P, person-years: the sum of the mid-year
                          * populations of the period's years */
} GwLifeTableInput;

/* One row of the computed table, at the band starting at start_age. */
typedef struct
{
  GwAgeBand band;
  guint     start_age;   /* x, years */
  guint     width;       /* n, years; 0 for the open band */
  double    deaths;      /* D */
  double    population;  /* P, person-years */
  double    m;           /* M = D / P, deaths per person-year */
  double    a;           /* fraction of the band lived by those who die in it */
  double    q;           /* probability of dying in the band */
  double    l;           /* survivors to start_age of 100,000 born */
  double    d;           /* deaths in the band among them */
  double    big_l;       /* L, person-years lived in the band */
  double    t;           /* T, person-years lived from start_age on */
  double    e;           /* life expectancy at start_age, years, never blanked */
  double    se;          /* standard error of e, years */
  double    value;       /* e, or NAN when the 95% CI is wider than 20 years */
  double    lower95;     /* limits of e, years (kept when value is blanked) */
  double    upper95;
  double    lower998;
  double    upper998;
  double    pops_used;   /* population of this band and all above */
  double    deaths_used; /* deaths of this band and all above */
  gboolean  wide_ci;     /* value blanked: z95 SE > 10 years */
} GwLifeTableRow;

typedef struct
{
  GwLifeTableLayout      layout;
  GwLifeTableSuppression suppression; /* GW_LIFE_TABLE_OK when computed */
  guint                  final_start_age; /* 85 or 90 */
  double                 z95;         /* z used for the 95% limits */
  double                 z998;        /* z used for the 99.8% limits */
  guint                  n_rows;      /* 19 or 20; 0 when suppressed */
  GwLifeTableRow         rows[GW_LIFE_TABLE_MAX_BANDS];
} GwLifeTable;

GQuark       gw_life_table_error_quark              (void);

guint        gw_life_table_layout_n_bands           (GwLifeTableLayout       layout);
GwAgeBand    gw_life_table_layout_band              (GwLifeTableLayout       layout,
                                                     guint                   index);
guint        gw_life_table_layout_final_start_age   (GwLifeTableLayout       layout);

const char  *gw_life_table_suppression_to_string    (GwLifeTableSuppression  suppression);
const char  *gw_life_table_suppression_get_message  (GwLifeTableSuppression  suppression);

gboolean     gw_life_table_compute                  (GwLifeTableLayout       layout,
                                                     const GwLifeTableInput *input,
                                                     gsize                   n_input,
                                                     double                  z95,
                                                     double                  z998,
                                                     GwLifeTable            *table,
                                                     GError                **error);
gboolean     gw_life_table_compute_arrays           (GwLifeTableLayout       layout,
                                                     const double           *deaths,
                                                     const double           *population,
                                                     gsize                   n_bands,
                                                     double                  z95,
                                                     double                  z998,
                                                     GwLifeTable            *table,
                                                     GError                **error);

const GwLifeTableRow *gw_life_table_get_row_at_age  (const GwLifeTable      *table,
                                                     guint                   start_age);

G_END_DECLS
