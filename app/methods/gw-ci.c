/* gw-ci.c: confidence intervals, rates, proportions, standardised rates and
 * the Fingertips comparison with a benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Distributions.  The regularized incomplete gamma functions P(a, x) and
 * Q(a, x) = 1 - P(a, x) are evaluated by the power series of P when
 * x < a + 1 and by the continued fraction of Q otherwise (modified Lentz
 * evaluation), each to a relative truncation error of DBL_EPSILON; see
 * Abramowitz & Stegun 6.5.29 and 6.5.31.  The quantile solves P(a, x) = p,
 * or Q(a, x) = q when that tail is the smaller (so upper-tail quantiles keep
 * their precision), by Newton's method on the log of that tail from a
 * Wilson-Hilferty start, safeguarded by bisection on a bracket that every
 * step narrows.  Chi-square
 * quantiles are 2 x gamma quantiles (df = 2a); the normal quantile is
 * sqrt(2 x) of the gamma(1/2) quantile (Z^2 / 2 ~ gamma(1/2)).
 *
 * Accuracy, measured: R's qchisq/qnorm values and closed forms (df = 2k,
 * erfc) agree to 1e-14 relative (tests/test-ci.c); the round trip
 * P(a, quantile(a, p)) = p holds to 1.4e-12 relative for shapes 0.01 to
 * 1000 and p from 1e-300 to 0.9999, and to 1e-9 up to shape 1e5, because
 * exp(a log x - x - lgamma(a)) loses about log10(a) digits.  A quantile
 * below the smallest double (tiny shapes, far lower tail) is 0.
 */
#include "gw-ci.h"

#include <float.h>
#include <math.h>

#include <glib/gi18n.h>

G_DEFINE_QUARK (gw-ci-error-quark, gw_ci_error)

#define GAMMA_MAX_TERMS 100000
#define GAMMA_TINY      1e-300
#define INVERSE_MAX_ITERATIONS 200

/* x^a e^-x / Gamma(a), the common factor of both expansions, in logs so
 * that it neither overflows nor underflows for large a.  lgamma() writes
 * the global signgam, but always the same +1 for a > 0. */
static double
gamma_prefactor (double a,
                 double x)
{
  return exp (a * log (x) - x - lgamma (a));
}

/* P(a, x) = x^a e^-x / Gamma(a) * sum_n x^n / (a (a+1) ... (a+n)),
 * convergent for all x but fast only for x < a + 1. */
static double
gamma_p_series (double a,
                double x)
{
  double term = 1.0 / a;
  double sum = term;

  for (int n = 1; n < GAMMA_MAX_TERMS; n++)
    {
      term *= x / (a + n);
      sum += term;
      if (fabs (term) < fabs (sum) * DBL_EPSILON)
        break;
    }

  return sum * gamma_prefactor (a, x);
}

/* Q(a, x) = x^a e^-x / Gamma(a) * 1/(x+1-a- 1(1-a)/(x+3-a- 2(2-a)/(x+5-a- ...))),
 * evaluated with the modified Lentz method; fast for x >= a + 1. */
static double
gamma_q_fraction (double a,
                  double x)
{
  double b = x + 1.0 - a;
  double c = 1.0 / GAMMA_TINY;
  double d = 1.0 / b;
  double h = d;

  for (int i = 1; i < GAMMA_MAX_TERMS; i++)
    {
      double an = -i * (i - a);
      double delta;

      b += 2.0;
      d = an * d + b;
      if (fabs (d) < GAMMA_TINY)
        d = GAMMA_TINY;
      c = b + an / c;
      if (fabs (c) < GAMMA_TINY)
        c = GAMMA_TINY;
      d = 1.0 / d;
      delta = d * c;
      h *= delta;
      if (fabs (delta - 1.0) < DBL_EPSILON)
        break;
    }

  return h * gamma_prefactor (a, x);
}

/**
 * gw_gamma_p:
 * @shape: a > 0
 * @x: x >= 0
 *
 * The regularized lower incomplete gamma function
 * P(a, x) = gamma(a, x) / Gamma(a), i.e. the distribution function of a
 * gamma(a, 1) variable at @x.  Relative accuracy about 1e-15 for moderate
 * shapes (A&S 6.5.29 series, 6.5.31 continued fraction).
 *
 * Returns: P(a, x) in [0, 1], or NAN for invalid arguments
 */
double
gw_gamma_p (double shape,
            double x)
{
  if (isnan (shape) || isnan (x) || shape <= 0.0 || x < 0.0)
    return NAN;
  if (x == 0.0)
    return 0.0;
  if (isinf (x))
    return 1.0;
  if (x < shape + 1.0)
    return gamma_p_series (shape, x);
  return 1.0 - gamma_q_fraction (shape, x);
}

/**
 * gw_gamma_q:
 * @shape: a > 0
 * @x: x >= 0
 *
 * The regularized upper incomplete gamma function Q(a, x) = 1 - P(a, x),
 * computed directly in the upper tail so that small values keep their
 * relative precision.
 *
 * Returns: Q(a, x) in [0, 1], or NAN for invalid arguments
 */
double
gw_gamma_q (double shape,
            double x)
{
  if (isnan (shape) || isnan (x) || shape <= 0.0 || x < 0.0)
    return NAN;
  if (x == 0.0)
    return 1.0;
  if (isinf (x))
    return 0.0;
  if (x < shape + 1.0)
    return 1.0 - gamma_p_series (shape, x);
  return gamma_q_fraction (shape, x);
}

/* A rough standard normal quantile (Abramowitz & Stegun 26.2.23, absolute
 * error < 4.5e-4), only to start the gamma iteration. */
static double
rough_normal_quantile (double p,
                       double q)
{
  double tail = MIN (p, q);
  double t = sqrt (-2.0 * log (tail));
  double z = t - (2.515517 + t * (0.802853 + t * 0.010328))
                 / (1.0 + t * (1.432788 + t * (0.189269 + t * 0.001308)));

  return p < q ? -z : z;
}

/* The x with P(a, x) = p, where q = 1 - p is given separately so that
 * either tail can be asked for without cancellation. */
static double
gamma_inverse (double a,
               double p,
               double q)
{
  gboolean use_q = q < p;
  double lga = lgamma (a);
  double lo = 0.0;
  double hi = INFINITY;
  double x;

  g_assert (a > 0.0);

  if (p <= 0.0)
    return 0.0;
  if (q <= 0.0)
    return INFINITY;

  /* Start: Wilson-Hilferty (the cube root of a gamma variable is nearly
   * normal) for a >= 1; otherwise the leading term of the tail asked for:
   * P(a, x) ~ x^a / Gamma(a + 1) for small x, Q(a, x) ~ x^(a-1) e^-x / Gamma(a)
   * for large x. */
  {
    double s = 1.0 / (9.0 * a);
    double c = 1.0 - s + rough_normal_quantile (p, q) * sqrt (s);

    if (a >= 1.0 && c > 0.0)
      x = a * c * c * c;
    else if (!use_q)
      {
        double log_x = (log (p) + lgamma (a + 1.0)) / a;

        /* Far in the lower tail of a small shape the quantile is below the
         * smallest double: it is 0 to double precision. */
        if (log_x < log (DBL_MIN))
          return 0.0;
        x = exp (log_x);
      }
    else
      {
        double t = -log (q) - lga;

        x = t > 1.0 ? t + (a - 1.0) * log (t) : 1.0;
      }
    if (!(x > 0.0) || !isfinite (x))
      x = a;
  }

  /* Newton's method on the log of the tail, g(x) = log P(a, x) - log p (or
   * log q - log Q(a, x)), which increases with x; g' = density / tail.  In
   * logs a far tail converges in a few steps where the plain difference
   * would crawl.  Every evaluation narrows the bracket [lo, hi], and a step
   * that leaves it is replaced by bisection. */
  for (int i = 0; i < INVERSE_MAX_ITERATIONS; i++)
    {
      double tail = use_q ? gw_gamma_q (a, x) : gw_gamma_p (a, x);
      double g = use_q ? log (q) - log (tail) : log (tail) - log (p);
      double density, x_new = NAN;

      if (g == 0.0)
        return x;
      if (g < 0.0)
        lo = x;
      else
        hi = x;

      density = exp ((a - 1.0) * log (x) - x - lga);
      if (tail > 0.0 && density > 0.0 && isfinite (g))
        x_new = x - g * tail / density;

      if (!(x_new > lo && x_new < hi))
        x_new = isfinite (hi) ? 0.5 * (lo + hi) : 2.0 * x;

      if (fabs (x_new - x) <= 2.0 * DBL_EPSILON * x_new ||
          (isfinite (hi) && hi - lo <= 4.0 * DBL_EPSILON * hi))
        return x_new;
      x = x_new;
    }

  return x;
}

/**
 * gw_gamma_quantile:
 * @shape: a > 0
 * @p: lower-tail probability in [0, 1]
 *
 * The quantile of the gamma(a, 1) distribution: the x with P(a, x) = p.
 *
 * Returns: x >= 0 (INFINITY for p = 1), or NAN for invalid arguments
 */
double
gw_gamma_quantile (double shape,
                   double p)
{
  if (isnan (shape) || isnan (p) || shape <= 0.0 || p < 0.0 || p > 1.0)
    return NAN;
  return gamma_inverse (shape, p, 1.0 - p);
}

/**
 * gw_gamma_quantile_upper:
 * @shape: a > 0
 * @q: upper-tail probability in [0, 1]
 *
 * The x with Q(a, x) = q, i.e. gw_gamma_quantile (shape, 1 - q) without
 * losing the digits of a small @q to the subtraction.
 *
 * Returns: x >= 0 (INFINITY for q = 0), or NAN for invalid arguments
 */
double
gw_gamma_quantile_upper (double shape,
                         double q)
{
  if (isnan (shape) || isnan (q) || shape <= 0.0 || q < 0.0 || q > 1.0)
    return NAN;
  return gamma_inverse (shape, 1.0 - q, q);
}

/**
 * gw_chi2_quantile:
 * @p: lower-tail probability in [0, 1]
 * @df: degrees of freedom, > 0 (need not be an integer)
 *
 * The chi-square quantile, R's qchisq (p, df): twice the gamma(df/2)
 * quantile.  E.g. qchisq (0.975, 10) = 20.48317735.
 *
 * Returns: the quantile, or NAN for invalid arguments
 */
double
gw_chi2_quantile (double p,
                  double df)
{
  if (isnan (df) || df <= 0.0)
    return NAN;
  return 2.0 * gw_gamma_quantile (0.5 * df, p);
}

/**
 * gw_normal_quantile:
 * @p: probability in [0, 1]
 *
 * The standard normal quantile, R's qnorm (p), from the chi-square(1)
 * quantile: |z| = sqrt (2 x) where P(1/2, x) = |2p - 1|.  Near the median
 * the central probability is used, in the tails the tail probability 2p or
 * 2(1 - p), so both keep full precision.
 *
 * Returns: z (-INFINITY for 0, INFINITY for 1), or NAN for invalid @p
 */
double
gw_normal_quantile (double p)
{
  double centre, tail, x;

  if (isnan (p) || p < 0.0 || p > 1.0)
    return NAN;
  if (p == 0.5)
    return 0.0;

  centre = 2.0 * fabs (p - 0.5);
  tail = 2.0 * MIN (p, 1.0 - p);
  x = centre < 0.5 ? gamma_inverse (0.5, centre, 1.0 - centre)
                   : gamma_inverse (0.5, 1.0 - tail, tail);

  return p < 0.5 ? -sqrt (2.0 * x) : sqrt (2.0 * x);
}

/**
 * gw_t_cdf:
 * @t: the value
 * @df: degrees of freedom, at least 1
 *
 * Student's t distribution function, R's pt (t, df), by the closed forms for
 * a whole number of degrees of freedom (Abramowitz & Stegun 26.7.3 and
 * 26.7.4): with theta = atan (|t| / sqrt (df)), the central probability
 * A = P(|T| <= |t|) is, for odd df,
 *   (2 / pi) (theta + sin theta (cos theta + 2/3 cos^3 theta + ...
 *             + (2 4 ... (df - 3)) / (1 3 ... (df - 2)) cos^(df - 2) theta))
 * (just 2 theta / pi for df = 1), and for even df
 *   sin theta (1 + 1/2 cos^2 theta + (1 3) / (2 4) cos^4 theta + ...
 *              + (1 3 ... (df - 3)) / (2 4 ... (df - 2)) cos^(df - 2) theta).
 * Every term is positive, so the sum loses no precision.  The tracker needs
 * t only for the n - 2 degrees of freedom of a fitted line, a few dozen at
 * most; the sum has df / 2 terms.
 *
 * Returns: P(T <= t), or NAN when @df is 0 or @t is NAN
 */
double
gw_t_cdf (double t,
          guint  df)
{
  double theta, s, c, c2, term, sum, central;

  if (df == 0 || isnan (t))
    return NAN;
  if (isinf (t))
    return t > 0 ? 1.0 : 0.0;

  theta = atan (fabs (t) / sqrt ((double) df));
  s = sin (theta);
  c = cos (theta);
  c2 = c * c;
  if (df % 2 == 1)
    {
      sum = 0.0;
      if (df > 1)
        {
          term = c;
          sum = c;
          for (guint k = 3; k + 2 <= df; k += 2)
            {
              /* from 2 4 ... (k - 3) / (1 3 ... (k - 2)) cos^(k - 2) to the next */
              term *= c2 * (double) (k - 1) / (double) k;
              sum += term;
            }
        }
      central = 2.0 / G_PI * (theta + s * sum);
    }
  else
    {
      term = 1.0;
      sum = 1.0;
      for (guint k = 2; k + 2 <= df; k += 2)
        {
          term *= c2 * (double) (k - 1) / (double) k;
          sum += term;
        }
      central = s * sum;
    }
  central = CLAMP (central, 0.0, 1.0);
  return t >= 0 ? 0.5 + 0.5 * central : 0.5 - 0.5 * central;
}

/**
 * gw_t_quantile:
 * @p: probability in (0, 1)
 * @df: degrees of freedom, at least 1
 *
 * Student's t quantile, R's qt (p, df): solves gw_t_cdf (t, df) = p by
 * bisection on a bracket doubled until it holds the root, down to adjacent
 * doubles (the distribution function is monotone, so bisection cannot go
 * astray; the central probability is used so that upper-tail p keeps its
 * precision).  E.g. qt (0.975, 10) = 2.228138851986273.
 *
 * Returns: the quantile, or NAN for invalid arguments
 */
double
gw_t_quantile (double p,
               guint  df)
{
  double target, lo = 0.0, hi = 1.0, t;

  if (df == 0 || isnan (p) || p <= 0.0 || p >= 1.0)
    return NAN;
  if (p == 0.5)
    return 0.0;

  /* the central probability of |T| <= t */
  target = 2.0 * fabs (p - 0.5);
  while (2.0 * gw_t_cdf (hi, df) - 1.0 < target)
    {
      lo = hi;
      hi *= 2.0;
      if (hi > 1e300)
        break;
    }
  for (int i = 0; i < 2100; i++)
    {
      double mid = 0.5 * (lo + hi);

      if (mid <= lo || mid >= hi)
        break;
      if (2.0 * gw_t_cdf (mid, df) - 1.0 < target)
        lo = mid;
      else
        hi = mid;
    }
  t = 0.5 * (lo + hi);
  return p < 0.5 ? -t : t;
}

/**
 * gw_z_for_confidence:
 * @confidence: two-sided confidence level in (0, 1), e.g. 0.95
 *
 * The z of a two-sided interval: qnorm (confidence + (1 - confidence) / 2),
 * as PHEindicatormethods computes it.  0.95 gives 1.959963984540054 and
 * 0.998 gives 3.090232306167813.
 *
 * Returns: z > 0, or NAN for an invalid level
 */
double
gw_z_for_confidence (double confidence)
{
  /* the two levels every indicator uses are computed once: the inverse
   * gamma is iterative and was a third of the engine's time */
  static double z95, z998;
  static gsize once = 0;

  if (isnan (confidence) || confidence <= 0.0 || confidence >= 1.0)
    return NAN;
  if (g_once_init_enter (&once))
    {
      z95 = sqrt (2.0 * gamma_inverse (0.5, 0.95, 1.0 - 0.95));
      z998 = sqrt (2.0 * gamma_inverse (0.5, 0.998, 1.0 - 0.998));
      g_once_init_leave (&once, 1);
    }
  if (confidence == 0.95)
    return z95;
  if (confidence == 0.998)
    return z998;
  return sqrt (2.0 * gamma_inverse (0.5, confidence, 1.0 - confidence));
}

/**
 * gw_poisson_exact_limits:
 * @observed: the count O >= 0 (need not be an integer)
 * @confidence: two-sided level, e.g. 0.95
 * @lower: (out): lower limit of the expected count
 * @upper: (out): upper limit of the expected count
 *
 * Exact Poisson limits of a count (help/C/method-rates.page):
 * lower = qchisq (alpha/2, 2O) / 2 (0 when O = 0),
 * upper = qchisq (1 - alpha/2, 2O + 2) / 2, alpha = 1 - confidence; i.e.
 * gamma(O) and gamma(O + 1) quantiles.  In the unit of the count.
 */
void
gw_poisson_exact_limits (double  observed,
                         double  confidence,
                         double *lower,
                         double *upper)
{
  double half_alpha = 0.5 * (1.0 - confidence);

  g_return_if_fail (lower != NULL && upper != NULL);

  *lower = NAN;
  *upper = NAN;
  if (isnan (observed) || observed < 0.0 || !(confidence > 0.0 && confidence < 1.0))
    return;

  *lower = observed == 0.0 ? 0.0 : gw_gamma_quantile (observed, half_alpha);
  *upper = gw_gamma_quantile_upper (observed + 1.0, half_alpha);
}

/**
 * gw_poisson_byar_limits:
 * @observed: the count O >= 0
 * @confidence: two-sided level, e.g. 0.95
 * @lower: (out): lower limit, NAN when Byar's formula goes negative
 * @upper: (out): upper limit
 *
 * Byar's approximation to the Poisson limits of a count (Breslow & Day
 * 1987, as in PHEindicatormethods byars_lower/byars_upper):
 * lower = O (1 - 1/(9O) - z/(3 sqrt O))^3,
 * upper = (O+1) (1 - 1/(9(O+1)) + z/(3 sqrt(O+1)))^3.
 * A negative lower limit (tiny counts at high confidence) is NAN, as the
 * package's NA; for O = 0 the lower limit is 0.  In the unit of the count.
 */
void
gw_poisson_byar_limits (double  observed,
                        double  confidence,
                        double *lower,
                        double *upper)
{
  double z, o1, cube;

  g_return_if_fail (lower != NULL && upper != NULL);

  *lower = NAN;
  *upper = NAN;
  z = gw_z_for_confidence (confidence);
  if (isnan (observed) || observed < 0.0 || isnan (z))
    return;

  if (observed == 0.0)
    *lower = 0.0;
  else
    {
      cube = 1.0 - 1.0 / (9.0 * observed) - z / (3.0 * sqrt (observed));
      *lower = observed * cube * cube * cube;
      if (*lower < 0.0)
        *lower = NAN;
    }

  o1 = observed + 1.0;
  cube = 1.0 - 1.0 / (9.0 * o1) + z / (3.0 * sqrt (o1));
  *upper = o1 * cube * cube * cube;
}

/**
 * gw_poisson_limits:
 * @observed: the count O >= 0
 * @confidence: two-sided level, e.g. 0.95
 * @lower: (out): lower limit
 * @upper: (out): upper limit
 *
 * The limits Fingertips uses for a count: exact Poisson below
 * %GW_CI_MIN_BYAR_COUNT (10) events, Byar's from 10.
 */
void
gw_poisson_limits (double  observed,
                   double  confidence,
                   double *lower,
                   double *upper)
{
  g_return_if_fail (lower != NULL && upper != NULL);

  if (observed < GW_CI_MIN_BYAR_COUNT)
    gw_poisson_exact_limits (observed, confidence, lower, upper);
  else
    gw_poisson_byar_limits (observed, confidence, lower, upper);
}

static void
estimate_clear (GwEstimate *out)
{
  out->value = NAN;
  out->lower = NAN;
  out->upper = NAN;
}

/**
 * gw_crude_rate:
 * @observed: events O, e.g. deaths at age 0
 * @denominator: N, e.g. live births or person-years
 * @multiplier: the rate's unit, e.g. 1000 for "per 1,000"
 * @confidence: two-sided level, e.g. 0.95
 * @out: (out): rate O / N x multiplier with the limits of O
 *   (gw_poisson_limits()) scaled by multiplier / N
 * @error: GW_CI_ERROR_MISSING when O or N is NAN, GW_CI_ERROR_INVALID when
 *   O < 0 or N <= 0
 *
 * A crude rate as PHEindicatormethods phe_rate (help/C/method-rates.page).
 *
 * Returns: %TRUE with @out set; %FALSE with @out all NAN
 */
gboolean
gw_crude_rate (double       observed,
               double       denominator,
               double       multiplier,
               double       confidence,
               GwEstimate  *out,
               GError     **error)
{
  double lower, upper;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (confidence > 0.0 && confidence < 1.0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  estimate_clear (out);
  if (isnan (observed) || isnan (denominator))
    {
      g_set_error_literal (error, GW_CI_ERROR, GW_CI_ERROR_MISSING,
                           _("The count or its denominator is missing"));
      return FALSE;
    }
  if (observed < 0.0 || denominator <= 0.0)
    {
      g_set_error_literal (error, GW_CI_ERROR, GW_CI_ERROR_INVALID,
                           _("A rate needs a count of zero or more and a denominator above zero"));
      return FALSE;
    }

  gw_poisson_limits (observed, confidence, &lower, &upper);
  out->value = observed / denominator * multiplier;
  out->lower = lower / denominator * multiplier;
  out->upper = upper / denominator * multiplier;
  return TRUE;
}

/**
 * gw_wilson_limits:
 * @x: cases, 0 <= x <= n (need not be an integer)
 * @n: sample size, > 0
 * @confidence: two-sided level, e.g. 0.95
 * @lower: (out): lower limit, as a proportion of 1
 * @upper: (out): upper limit, as a proportion of 1
 *
 * Wilson score limits of a proportion (Wilson 1927; Newcombe & Altman
 * 2000): (2x + z^2 -/+ z sqrt(z^2 + 4x(1 - x/n))) / (2(n + z^2)).
 * NAN when the arguments are invalid.
 */
void
gw_wilson_limits (double  x,
                  double  n,
                  double  confidence,
                  double *lower,
                  double *upper)
{
  double z, root, denominator;

  g_return_if_fail (lower != NULL && upper != NULL);

  *lower = NAN;
  *upper = NAN;
  z = gw_z_for_confidence (confidence);
  if (isnan (x) || isnan (n) || isnan (z) || x < 0.0 || n <= 0.0 || x > n)
    return;

  root = z * sqrt (z * z + 4.0 * x * (1.0 - x / n));
  denominator = 2.0 * (n + z * z);
  *lower = (2.0 * x + z * z - root) / denominator;
  *upper = (2.0 * x + z * z + root) / denominator;
}

/**
 * gw_proportion:
 * @x: cases
 * @n: sample size
 * @multiplier: 1 for a proportion of 1, 100 for a percentage
 * @confidence: two-sided level, e.g. 0.95
 * @out: (out): x / n x multiplier with Wilson score limits, same unit
 * @error: GW_CI_ERROR_MISSING when x or n is NAN, GW_CI_ERROR_INVALID when
 *   x < 0, n <= 0 or x > n
 *
 * A proportion as PHEindicatormethods phe_proportion.
 *
 * Returns: %TRUE with @out set; %FALSE with @out all NAN
 */
gboolean
gw_proportion (double       x,
               double       n,
               double       multiplier,
               double       confidence,
               GwEstimate  *out,
               GError     **error)
{
  double lower, upper;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (confidence > 0.0 && confidence < 1.0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  estimate_clear (out);
  if (isnan (x) || isnan (n))
    {
      g_set_error_literal (error, GW_CI_ERROR, GW_CI_ERROR_MISSING,
                           _("The numerator or denominator is missing"));
      return FALSE;
    }
  if (x < 0.0 || n <= 0.0 || x > n)
    {
      g_set_error_literal (error, GW_CI_ERROR, GW_CI_ERROR_INVALID,
                           _("A proportion needs a numerator between zero and its denominator"));
      return FALSE;
    }

  gw_wilson_limits (x, n, confidence, &lower, &upper);
  out->value = x / n * multiplier;
  out->lower = lower * multiplier;
  out->upper = upper * multiplier;
  return TRUE;
}

/* The 2013 European Standard Population, per 100,000, in five-year bands
 * 0-4, 5-9, ..., 85-89, 90+.  Source: Eurostat, "Revision of the European
 * Standard Population: report of Eurostat's task force", 2013 edition
 * (also PHEindicatormethods' esp2013, the package's test data,
 * methods/esp2013.csv).  The task force splits 0-4 into 1,000 under one and
 * 4,000 at 1-4. */
static const double esp2013_five_year[GW_ESP2013_N_FIVE_YEAR_BANDS] = {
  5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000,
  7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000,
};

/**
 * gw_esp2013_five_year_weights:
 *
 * The 2013 European Standard Population in the 19 bands 0-4, 5-9, ...,
 * 85-89, 90+ (persons per 100,000; they sum to 100,000), in the order
 * gw_dsr() expects for 19 bands.
 *
 * Returns: (array fixed-size=19): a static table
 */
const double *
gw_esp2013_five_year_weights (void)
{
  return esp2013_five_year;
}

/**
 * gw_esp2013_weight:
 * @band: an age band of the model
 *
 * The 2013 European Standard Population weight of one of the model's age
 * bands, persons per 100,000: 1,000 at age 0, 4,000 at 1-4, the five-year
 * weights from 5-9 to 85-89, 1,000 at 90+ and 2,500 at 85+.  The bands of
 * either the 90+ or the 85+ layout sum to 100,000.
 *
 * Returns: the weight, or 0 for an invalid band
 */
double
gw_esp2013_weight (GwAgeBand band)
{
  g_return_val_if_fail ((guint) band < GW_N_AGE_BANDS, 0.0);

  switch ((int) band)
    {
    case GW_AGE_0:
      return 1000.0;
    case GW_AGE_1_4:
      return 4000.0;
    case GW_AGE_90_PLUS:
      return esp2013_five_year[18];
    case GW_AGE_85_PLUS:
      return esp2013_five_year[17] + esp2013_five_year[18];
    default:
      /* band i in 2..18 is 5(i-1) to 5(i-1)+4, five-year index i - 1 */
      return esp2013_five_year[band - 1];
    }
}

/**
 * gw_dsr:
 * @observed: (array length=n_bands): events O_i per band; NAN counts as 0,
 *   as in PHEindicatormethods
 * @population: (array length=n_bands): population (person-years) N_i, > 0
 * @weights: (array length=n_bands) (nullable): standard population w_i;
 *   %NULL for the 2013 European Standard Population in 19 five-year bands
 *   (then @n_bands must be 19)
 * @n_bands: number of bands
 * @multiplier: the rate's unit, e.g. 100000 for "per 100,000"
 * @confidence: two-sided level, e.g. 0.95
 * @out: (out): the rate and its Dobson limits, per @multiplier
 * @error: GW_CI_ERROR_TOO_FEW_EVENTS below 10 events in total,
 *   GW_CI_ERROR_MISSING for a missing population, GW_CI_ERROR_INVALID for a
 *   negative count or a population <= 0
 *
 * A directly standardised rate with Dobson limits (Dobson et al., Stat Med
 * 1991;10:457-62; PHEindicatormethods phe_dsr; help/C/method-rates.page):
 * DSR = sum(O_i w_i / N_i) / sum(w_i),
 * var = sum(O_i (w_i / N_i)^2) / (sum w_i)^2, O = sum O_i,
 * limits = DSR + sqrt(var / O) (Byar_limit(O) - O).  No value when O < 10.
 *
 * Returns: %TRUE with @out set; %FALSE with @out all NAN
 */
gboolean
gw_dsr (const double  *observed,
        const double  *population,
        const double  *weights,
        gsize          n_bands,
        double         multiplier,
        double         confidence,
        GwEstimate    *out,
        GError       **error)
{
  double total = 0.0, sum_w = 0.0, weighted = 0.0, squared = 0.0;
  double dsr, variance, lower, upper;

  g_return_val_if_fail (observed != NULL, FALSE);
  g_return_val_if_fail (population != NULL, FALSE);
  g_return_val_if_fail (weights != NULL || n_bands == GW_ESP2013_N_FIVE_YEAR_BANDS, FALSE);
  g_return_val_if_fail (n_bands > 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (confidence > 0.0 && confidence < 1.0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  estimate_clear (out);
  if (weights == NULL)
    weights = esp2013_five_year;

  for (gsize i = 0; i < n_bands; i++)
    {
      double o = isnan (observed[i]) ? 0.0 : observed[i];
      double ratio;

      if (isnan (population[i]))
        {
          g_set_error_literal (error, GW_CI_ERROR, GW_CI_ERROR_MISSING,
                               _("The population of an age band is missing"));
          return FALSE;
        }
      if (o < 0.0 || population[i] <= 0.0)
        {
          g_set_error_literal (error, GW_CI_ERROR, GW_CI_ERROR_INVALID,
                               _("An age band has a negative count or a population of zero or less"));
          return FALSE;
        }

      ratio = weights[i] / population[i];
      total += o;
      sum_w += weights[i];
      weighted += o * ratio;
      squared += o * ratio * ratio;
    }

  if (total < GW_CI_MIN_BYAR_COUNT)
    {
      g_set_error (error, GW_CI_ERROR, GW_CI_ERROR_TOO_FEW_EVENTS,
                   _("Fewer than %d events: a standardised rate is not calculated"),
                   GW_CI_MIN_BYAR_COUNT);
      return FALSE;
    }

  dsr = weighted / sum_w;
  variance = squared / (sum_w * sum_w);
  gw_poisson_byar_limits (total, confidence, &lower, &upper);

  out->value = dsr * multiplier;
  out->lower = (dsr + sqrt (variance / total) * (lower - total)) * multiplier;
  out->upper = (dsr + sqrt (variance / total) * (upper - total)) * multiplier;
  return TRUE;
}

/**
 * gw_compare_with_benchmark:
 * @benchmark: the comparator's value, e.g. England's
 * @lower: the area's lower confidence limit (95%, or 99.8% for the second
 *   level of a two-level comparison)
 * @upper: the area's upper confidence limit
 * @polarity: the indicator's polarity
 *
 * The Fingertips comparison (help/C/method-compare.page): similar when the
 * benchmark lies inside the area's interval (limits included); otherwise
 * better or worse by the polarity.  For the optional two-level comparison
 * call it again with the 99.8% limits: outside them is "significantly"
 * better or worse.
 *
 * Returns: %GW_COMPARISON_NOT_COMPARED when any number is NAN or the
 *   indicator has no polarity, else the comparison
 */
GwComparison
gw_compare_with_benchmark (double     benchmark,
                           double     lower,
                           double     upper,
                           GwPolarity polarity)
{
  gboolean area_higher;

  if (isnan (benchmark) || isnan (lower) || isnan (upper))
    return GW_COMPARISON_NOT_COMPARED;
  if (polarity != GW_POLARITY_HIGHER_IS_BETTER && polarity != GW_POLARITY_LOWER_IS_BETTER)
    return GW_COMPARISON_NOT_COMPARED;

  if (benchmark >= lower && benchmark <= upper)
    return GW_COMPARISON_SIMILAR;

  area_higher = lower > benchmark;
  if (polarity == GW_POLARITY_HIGHER_IS_BETTER)
    return area_higher ? GW_COMPARISON_BETTER : GW_COMPARISON_WORSE;
  return area_higher ? GW_COMPARISON_WORSE : GW_COMPARISON_BETTER;
}

static const char *const comparison_names[GW_N_COMPARISONS] = {
  "not-compared", "better", "similar", "worse",
};

static const char *const comparison_labels[GW_N_COMPARISONS] = {
  N_("Not compared"), N_("Better"), N_("Similar"), N_("Worse"),
};

/**
 * gw_comparison_to_string:
 * @comparison: a comparison
 *
 * Returns: the untranslated keyword: "better", "similar", "worse" or
 *   "not-compared", as written to exports and the CLI
 */
const char *
gw_comparison_to_string (GwComparison comparison)
{
  g_return_val_if_fail ((guint) comparison < GW_N_COMPARISONS, "?");
  return comparison_names[comparison];
}

/**
 * gw_comparison_get_label:
 * @comparison: a comparison
 *
 * Returns: the translated label shown to the user
 */
const char *
gw_comparison_get_label (GwComparison comparison)
{
  g_return_val_if_fail ((guint) comparison < GW_N_COMPARISONS, "?");
  return _(comparison_labels[comparison]);
}
