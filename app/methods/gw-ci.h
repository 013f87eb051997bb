/* gw-ci.h: confidence intervals, rates, proportions, standardised rates and
 * the Fingertips comparison with a benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The methods are those of the PHEindicatormethods R package (UKHSA, v2.1.0)
 * as summarised in help/C/method-rates.page and 3.  GLib has no
 * statistical distributions, so the regularized incomplete gamma function and
 * its inverse (which give the chi-square and Poisson quantiles, and through
 * them the normal quantile) are hand-written here; see gw-ci.c for the
 * algorithms and their accuracy.
 *
 * Missing values are NAN, as "NA" is in R.  Every function is pure and
 * thread-safe.
 */
#pragma once

#include <glib.h>

#include "model/gw-types.h"

G_BEGIN_DECLS

/* Standard normal quantiles, qnorm(0.975) and qnorm(0.999) to double
 * precision: the z of two-sided 95% and 99.8% limits. */
#define GW_Z_95  1.959963984540054
#define GW_Z_998 3.090232306167813

#define GW_CONFIDENCE_95  0.95
#define GW_CONFIDENCE_998 0.998

/* Below this many events a count's limits are exact Poisson limits, from
 * this many on Byar's approximation; a directly standardised rate needs at
 * least this many events. */
#define GW_CI_MIN_BYAR_COUNT 10

#define GW_CI_ERROR (gw_ci_error_quark ())

typedef enum
{
  GW_CI_ERROR_MISSING,        /* a numerator or denominator is NA */
  GW_CI_ERROR_INVALID,        /* negative count, denominator <= 0, x > n */
  GW_CI_ERROR_TOO_FEW_EVENTS, /* DSR with fewer than 10 events */
} GwCiError;

/* A value with its two-sided limits, in the unit of the value.  NAN where
 * there is none (e.g. Byar's lower limit when it would be negative). */
typedef struct
{
  double value;
  double lower;
  double upper;
} GwEstimate;

GQuark       gw_ci_error_quark            (void);

/* --- distributions ------------------------------------------------------ */

double       gw_gamma_p                   (double        shape,
                                           double        x);
double       gw_gamma_q                   (double        shape,
                                           double        x);
double       gw_gamma_quantile            (double        shape,
                                           double        p);
double       gw_gamma_quantile_upper      (double        shape,
                                           double        q);
double       gw_chi2_quantile             (double        p,
                                           double        df);
double       gw_normal_quantile           (double        p);
double       gw_z_for_confidence          (double        confidence);
/* Student's t: the distribution function P(T <= t) and the quantile, R's
 * pt (t, df) and qt (p, df), for a whole number of degrees of freedom. */
double       gw_t_cdf                     (double        t,
                                           guint         df);
double       gw_t_quantile                (double        p,
                                           guint         df);

/* --- counts ------------------------------------------------------------- */

void         gw_poisson_exact_limits      (double        observed,
                                           double        confidence,
                                           double       *lower,
                                           double       *upper);
void         gw_poisson_byar_limits       (double        observed,
                                           double        confidence,
                                           double       *lower,
                                           double       *upper);
void         gw_poisson_limits            (double        observed,
                                           double        confidence,
                                           double       *lower,
                                           double       *upper);

/* --- rates and proportions ---------------------------------------------- */

gboolean     gw_crude_rate                (double        observed,
                                           double        denominator,
                                           double        multiplier,
                                           double        confidence,
                                           GwEstimate   *out,
                                           GError      **error);
void         gw_wilson_limits             (double        x,
                                           double        n,
                                           double        confidence,
                                           double       *lower,
                                           double       *upper);
gboolean     gw_proportion                (double        x,
                                           double        n,
                                           double        multiplier,
                                           double        confidence,
                                           GwEstimate   *out,
                                           GError      **error);

/* --- directly standardised rates --------------------------------------- */

#define GW_ESP2013_N_FIVE_YEAR_BANDS 19

const double *gw_esp2013_five_year_weights (void);
double       gw_esp2013_weight            (GwAgeBand     band);
gboolean     gw_dsr                       (const double *observed,
                                           const double *population,
                                           const double *weights,
                                           gsize         n_bands,
                                           double        multiplier,
                                           double        confidence,
                                           GwEstimate   *out,
                                           GError      **error);

/* --- comparison with a benchmark (England) ----------------------------- */

typedef enum
{
  GW_COMPARISON_NOT_COMPARED = 0,
  GW_COMPARISON_BETTER,
  GW_COMPARISON_SIMILAR,
  GW_COMPARISON_WORSE,
} GwComparison;
#define GW_N_COMPARISONS 4

GwComparison gw_compare_with_benchmark    (double        benchmark,
                                           double        lower,
                                           double        upper,
                                           GwPolarity    polarity);
const char  *gw_comparison_to_string      (GwComparison  comparison);
const char  *gw_comparison_get_label      (GwComparison  comparison);

G_END_DECLS
