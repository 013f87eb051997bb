/* gw-sii.h: slope and relative index of inequality (SII, RII)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Weighted least squares on the values of Q quantiles of deprivation
 * (q = 1 the most deprived, e.g. IMD deciles), with confidence limits by
 * simulation, exactly as PHEindicatormethods phe_sii (UKHSA v2.1.0) and
 * help/C/method-sii.page.  A run is reproducible: the same
 * seed gives the same limits whatever the number of threads.
 *
 * Usage, life expectancy by decile (value and SE from gw_life_table):
 *
 *   GwSiiQuantile q[10] = { { .population = ..., .value = ..., .se = ... }, ... };
 *   GwSiiOptions options;
 *   GwSiiResult result;
 *   g_autoptr(GError) error = NULL;
 *
 *   gw_sii_options_init (&options);      // 100,000 repetitions, seed 1, 95% and 99.8%
 *   if (!gw_sii_compute (q, 10, &options, &result, &error))
 *     show (error->message);             // no value for this area and sex
 *   else
 *     use (result.sii, result.sii_lower[GW_SII_LEVEL_95], result.rii, ...);
 *
 * or from counts, gw_sii_life_expectancy() (deciles pooled from small areas
 * with gw_sii_pool_small_areas()).
 */
#pragma once

#include <glib.h>

#include "methods/gw-life-table.h"

G_BEGIN_DECLS

/* Quantiles an SII needs, as phe_sii: 5 (quintiles) to 100 (percentiles). */
#define GW_SII_MIN_QUANTILES 5
#define GW_SII_MAX_QUANTILES 100

/* phe_sii refuses fewer repetitions: the 99.8% limits would rest on one draw. */
#define GW_SII_MIN_REPETITIONS 1000
#define GW_SII_DEFAULT_REPETITIONS 100000
#define GW_SII_DEFAULT_SEED 1

#define GW_SII_ERROR (gw_sii_error_quark ())

/* Why an SII has no value; the GError code of gw_sii_compute(). */
typedef enum
{
  GW_SII_ERROR_QUANTILES = 1,    /* fewer than 5 or more than 100 quantiles */
  GW_SII_ERROR_POPULATION,       /* a quantile's population <= 0 or missing */
  GW_SII_ERROR_VALUE,            /* a value missing, or outside its type's range */
  GW_SII_ERROR_STANDARD_ERROR,   /* neither an SE nor both limits; SE < 0 */
  GW_SII_ERROR_LIFE_TABLE,       /* a quantile has no life expectancy */
  GW_SII_ERROR_OPTIONS,          /* repetitions < 1000, a level outside (0, 1), ... */
} GwSiiError;

/* How values are drawn in the simulation (phe_sii's value_type). */
typedef enum
{
  GW_SII_VALUE_OTHER = 0,        /* e.g. life expectancy: drawn as they are */
  GW_SII_VALUE_RATE = 1,         /* drawn on the log scale */
  GW_SII_VALUE_PROPORTION = 2,   /* a proportion in (0, 1), drawn on the logit scale */
} GwSiiValueType;

/* The two levels of the result's limits. */
enum
{
  GW_SII_LEVEL_95 = 0,
  GW_SII_LEVEL_998 = 1,
  GW_SII_N_LEVELS = 2,
};

/* One quantile of input. */
typedef struct
{
  double population; /* P_q, person-years: the weight */
  double value;      /* y_q, e.g. life expectancy in years */
  double se;         /* SE of y_q on the scale it is drawn on (log for a
                      * rate, logit for a proportion); NAN to derive it
                      * from the 95% limits as (upper - lower) / (2 z95) on
                      * that scale */
  double lower95;    /* 95% limits of y_q (its own scale), used when se is NAN */
  double upper95;
} GwSiiQuantile;

typedef struct
{
  GwSiiValueType value_type;  /* GW_SII_VALUE_OTHER */
  gboolean       transform;   /* FALSE: fit on the values' own scale; TRUE: fit
                               * on the log/logit scale and back-transform the
                               * ends of the line (rates and proportions only) */
  double         multiplier;  /* 1; e.g. 100 for percent; a negative one reverses
                               * the direction (SII sign flipped, RII inverted) */
  guint          repetitions; /* R, draws of every quantile: 100,000 */
  guint64        seed;        /* 1 */
  double         levels[GW_SII_N_LEVELS]; /* 0.95 and 0.998 */
  guint          n_threads;   /* 0: one per processor (at most 8); any count
                               * gives the same result */
  gboolean       draw_each_quantile; /* FALSE: when the fit is linear in the
                                      * draws (value_type OTHER, or transform),
                                      * draw (beta0, beta1) from their exact
                                      * joint normal distribution; TRUE: draw
                                      * every y_q and refit, as phe_sii does.
                                      * The same distribution; 5x fewer draws
                                      * for deciles. */
} GwSiiOptions;

typedef struct
{
  guint  n_quantiles;
  double sii;          /* in the values' unit x multiplier; positive = the value
                        * is higher at the least deprived end */
  double rii;          /* fitted value at the least deprived end / at the most
                        * deprived end (inverted with a negative multiplier) */
  double intercept;    /* fitted value at the most deprived end (rank 0) */
  double levels[GW_SII_N_LEVELS];
  double sii_lower[GW_SII_N_LEVELS];
  double sii_upper[GW_SII_N_LEVELS];
  double rii_lower[GW_SII_N_LEVELS];
  double rii_upper[GW_SII_N_LEVELS];
  guint  repetitions;
  guint64 seed;
} GwSiiResult;

GQuark    gw_sii_error_quark        (void);

void      gw_sii_options_init       (GwSiiOptions        *options);

void      gw_sii_ranks              (const double        *population,
                                     guint                n_quantiles,
                                     double              *rank);

gboolean  gw_sii_compute            (const GwSiiQuantile *quantiles,
                                     guint                n_quantiles,
                                     const GwSiiOptions  *options,
                                     GwSiiResult         *result,
                                     GError             **error);

void      gw_sii_pool_small_areas   (const guint         *area_quantile,
                                     const double        *deaths,
                                     const double        *population,
                                     guint                n_areas,
                                     guint                n_bands,
                                     guint                n_quantiles,
                                     double              *pooled_deaths,
                                     double              *pooled_population);

gboolean  gw_sii_life_expectancy    (GwLifeTableLayout    layout,
                                     const double        *deaths,
                                     const double        *population,
                                     guint                n_quantiles,
                                     guint                start_age,
                                     const GwSiiOptions  *options,
                                     GwSiiQuantile       *quantiles,
                                     GwSiiResult         *result,
                                     GError             **error);

G_END_DECLS
