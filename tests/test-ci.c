/* test-ci.c: distributions, Poisson/Byar/Wilson limits, rates, DSRs and the
 * Fingertips comparison, against PHEindicatormethods and R
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reference data: tests/data/methods/ (copied from
 * ../shared/data/reference/methods/).  Tolerances are relative unless
 * said otherwise:
 *   R's qchisq/qnorm spot values (printed to 10-16 digits)   their last digit
 *   closed forms of the gamma function (df 2k, erfc)          1e-13
 *   exact_poisson_limits_x0_9.csv                             1e-12
 *   pkg_test_BW.csv, pkg_test_Rate*.csv, pkg_test_Prop*.csv   1e-10
 *   pkg_test_DSR_results.csv                                  1e-10
 */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "methods/gw-ci.h"

#include "gw-test-csv.h"

/* Q(k, x) for a whole k: the Poisson sum e^-x sum_{j<k} x^j / j!, an
 * independent closed form. */
static double
poisson_tail (guint  k,
              double x)
{
  double term = exp (-x), sum = 0.0;

  for (guint j = 0; j < k; j++)
    {
      sum += term;
      term *= x / (j + 1);
    }
  return sum;
}

/* P(k, x) = e^-x sum_{j>=k} x^j / j!, the other side of the same sum,
 * without the cancellation of 1 - Q for tiny P. */
static double
poisson_head (guint  k,
              double x)
{
  double term = exp (-x + k * log (x) - lgamma (k + 1.0)), sum = 0.0;

  for (guint j = k; term > 1e-18 * sum || j < k + 5; j++)
    {
      sum += term;
      term *= x / (j + 1);
    }
  return sum;
}

static void
test_gamma_closed_forms (void)
{
  static const double xs[] = { 1e-6, 0.01, 0.5, 1.0, 2.5, 7.0, 15.0, 40.0 };

  for (guint k = 1; k <= 12; k++)
    for (guint i = 0; i < G_N_ELEMENTS (xs); i++)
      {
        double q = poisson_tail (k, xs[i]);

        gw_assert_close_rel (gw_gamma_q ((double) k, xs[i]), q, 1e-13);
        gw_assert_close (gw_gamma_p ((double) k, xs[i]), 1.0 - q, 1e-14);
      }

  /* Q(1/2, x) = erfc(sqrt x), from libm. */
  for (guint i = 0; i < G_N_ELEMENTS (xs); i++)
    gw_assert_close_rel (gw_gamma_q (0.5, xs[i]), erfc (sqrt (xs[i])), 1e-13);

  g_assert_cmpfloat (gw_gamma_p (3.0, 0.0), ==, 0.0);
  g_assert_cmpfloat (gw_gamma_q (3.0, INFINITY), ==, 0.0);
  g_assert_true (isnan (gw_gamma_p (-1.0, 1.0)));
  g_assert_true (isnan (gw_gamma_p (1.0, -1.0)));
}

static void
test_chi2_quantile (void)
{
  /* R: qchisq(p, df), to the digits given; tolerance about a unit of the
   * last digit. */
  gw_assert_close_rel (gw_chi2_quantile (0.975, 10), 20.48317735, 5e-10);
  /* 0.05063561596 as quoted is cut, not rounded: the value is
   * -2 log(0.975) = 0.050635615968579... */
  gw_assert_close_rel (gw_chi2_quantile (0.025, 2), 0.05063561596, 2e-10);
  gw_assert_close_rel (gw_chi2_quantile (0.025, 2), -2.0 * log (0.975), 1e-14);
  gw_assert_close_rel (gw_chi2_quantile (0.95, 1), 3.841458820694124, 1e-14);
  gw_assert_close_rel (gw_chi2_quantile (0.99, 1), 6.634896601021214, 1e-14);
  gw_assert_close_rel (gw_chi2_quantile (0.05, 1), 0.003932140000019522, 1e-13);

  /* df = 2: the exponential, qchisq(p, 2) = -2 log(1 - p). */
  for (double p = 0.001; p < 1.0; p += 0.0497)
    gw_assert_close_rel (gw_chi2_quantile (p, 2), -2.0 * log1p (-p), 1e-14);

  /* Round trips through the closed form for whole shapes, both tails,
   * from 1e-12 to 1 - 1e-12. */
  for (guint k = 1; k <= 60; k += 7)
    {
      static const double ps[] = { 1e-12, 1e-6, 0.001, 0.025, 0.5, 0.975, 0.999 };

      for (guint i = 0; i < G_N_ELEMENTS (ps); i++)
        {
          double x = gw_gamma_quantile (k, ps[i]);
          double xu = gw_gamma_quantile_upper (k, ps[i]);

          gw_assert_close_rel (poisson_head (k, x), ps[i], 1e-12);
          gw_assert_close_rel (poisson_tail (k, xu), ps[i], 1e-12);
        }
    }

  /* Large shapes: the Wilson-Hilferty start and the iteration still meet
   * P(a, x) = p, to the few digits P(a, x) itself loses at a = 5000. */
  {
    double x = gw_gamma_quantile (5000.5, 0.3);

    gw_assert_close (gw_gamma_p (5000.5, x), 0.3, 1e-11);
  }

  g_assert_cmpfloat (gw_chi2_quantile (0.0, 4), ==, 0.0);
  g_assert_true (isinf (gw_chi2_quantile (1.0, 4)));
  g_assert_true (isnan (gw_chi2_quantile (1.5, 4)));
  g_assert_true (isnan (gw_chi2_quantile (0.5, 0)));
}

static void
test_normal_quantile (void)
{
  static const double ps[] = { 1e-300, 1e-10, 0.001, 0.025, 0.2, 0.4999, 0.5001, 0.8, 0.975, 0.999 };

  /* R: qnorm(0.975), qnorm(0.999), qnorm(1e-10). */
  gw_assert_close_rel (gw_normal_quantile (0.975), 1.959963984540054, 1e-15);
  gw_assert_close_rel (gw_normal_quantile (0.999), 3.090232306167813, 1e-15);
  gw_assert_close_rel (gw_normal_quantile (1e-10), -6.361340902404056, 1e-14);
  g_assert_cmpfloat (gw_normal_quantile (0.5), ==, 0.0);

  gw_assert_close_rel (gw_z_for_confidence (GW_CONFIDENCE_95), GW_Z_95, 1e-15);
  gw_assert_close_rel (gw_z_for_confidence (GW_CONFIDENCE_998), GW_Z_998, 1e-15);
  g_assert_true (isnan (gw_z_for_confidence (1.0)));

  /* Round trip through libm: Phi(z) = erfc(-z / sqrt 2) / 2. */
  for (guint i = 0; i < G_N_ELEMENTS (ps); i++)
    {
      double z = gw_normal_quantile (ps[i]);

      gw_assert_close_rel (0.5 * erfc (-z / G_SQRT2), ps[i], 1e-13);
      /* Symmetry, where 1 - p is still exact enough in a double. */
      if (ps[i] >= 0.001)
        gw_assert_close_rel (gw_normal_quantile (1.0 - ps[i]), -z, 1e-12);
    }
}

/* Exact limits of x = 0..9 from the gamma quantile, not from a table. */
static void
test_poisson_exact (void)
{
  g_autoptr(GwTestCsv) csv = gw_test_csv_load ("exact_poisson_limits_x0_9.csv");
  double worst = 0.0;

  g_assert_cmpuint (gw_test_csv_n_rows (csv), ==, 10);
  for (guint r = 0; r < 10; r++)
    {
      double x = gw_test_csv_double (csv, r, "x");
      double lower, upper;

      g_assert_cmpfloat (x, ==, r);

      gw_poisson_exact_limits (x, GW_CONFIDENCE_95, &lower, &upper);
      gw_assert_close_rel (lower, gw_test_csv_double (csv, r, "lower95"), 1e-12);
      gw_assert_close_rel (upper, gw_test_csv_double (csv, r, "upper95"), 1e-12);
      if (r > 0)
        worst = MAX (worst, fabs (lower / gw_test_csv_double (csv, r, "lower95") - 1));
      worst = MAX (worst, fabs (upper / gw_test_csv_double (csv, r, "upper95") - 1));

      gw_poisson_exact_limits (x, GW_CONFIDENCE_998, &lower, &upper);
      gw_assert_close_rel (lower, gw_test_csv_double (csv, r, "lower998"), 1e-12);
      gw_assert_close_rel (upper, gw_test_csv_double (csv, r, "upper998"), 1e-12);
      if (r > 0)
        worst = MAX (worst, fabs (lower / gw_test_csv_double (csv, r, "lower998") - 1));
      worst = MAX (worst, fabs (upper / gw_test_csv_double (csv, r, "upper998") - 1));
    }
  g_test_message ("exact Poisson limits: largest relative difference %.3g", worst);
}

/* Largest relative difference so far, for the test log. */
static void
track (double *worst,
       double  actual,
       double  expected)
{
  if (!isnan (expected) && expected != 0.0)
    *worst = MAX (*worst, fabs (actual / expected - 1.0));
}

static double
confidence_of (const char *text)
{
  if (g_str_equal (text, "95%"))
    return GW_CONFIDENCE_95;
  if (g_str_equal (text, "99.8%"))
    return GW_CONFIDENCE_998;
  g_error ("unknown confidence %s", text);
  return 0.0;
}

static void
test_byar_wilson (void)
{
  g_autoptr(GwTestCsv) csv = gw_test_csv_load ("pkg_test_BW.csv");
  guint n_byar = 0, n_wilson = 0, n_na = 0;
  double worst = 0.0;

  for (guint r = 0; r < gw_test_csv_n_rows (csv); r++)
    {
      double x = gw_test_csv_double (csv, r, "x");
      double n = gw_test_csv_double (csv, r, "n");
      double confidence = confidence_of (gw_test_csv_get (csv, r, "confidence"));
      double want_lower = gw_test_csv_double (csv, r, "lowercl");
      double want_upper = gw_test_csv_double (csv, r, "uppercl");
      double lower, upper;

      if (g_str_equal (gw_test_csv_get (csv, r, "method"), "Byars"))
        {
          gw_poisson_byar_limits (x, confidence, &lower, &upper);
          n_byar++;
        }
      else
        {
          g_assert_cmpstr (gw_test_csv_get (csv, r, "method"), ==, "Wilson");
          gw_wilson_limits (x, n, confidence, &lower, &upper);
          n_wilson++;
        }
      /* x = 1 at 99.8%: Byar's lower limit is negative, NA in R. */
      if (isnan (want_lower))
        n_na++;
      gw_assert_close_rel (lower, want_lower, 1e-10);
      gw_assert_close_rel (upper, want_upper, 1e-10);
      track (&worst, lower, want_lower);
      track (&worst, upper, want_upper);
    }
  g_test_message ("Byar's and Wilson: largest relative difference %.3g", worst);

  g_assert_cmpuint (n_byar, ==, 7);
  g_assert_cmpuint (n_wilson, ==, 6);
  g_assert_cmpuint (n_na, ==, 1);
}

typedef gboolean (*EstimateFunc) (double, double, double, double, GwEstimate *, GError **);

/* Rows of a pkg_test_Rate/Prop file: Numerator, Denominator, multiplier
 * and the limits in @columns (lower, upper) at @confidence. */
static void
check_estimates (const char   *file,
                 EstimateFunc  func,
                 const char   *lower_column,
                 const char   *upper_column,
                 double        confidence,
                 guint         n_expected_values,
                 guint         n_expected_missing)
{
  g_autoptr(GwTestCsv) csv = gw_test_csv_load (file);
  guint n_values = 0, n_missing = 0;
  double worst = 0.0;

  for (guint r = 0; r < gw_test_csv_n_rows (csv); r++)
    {
      double x = gw_test_csv_double (csv, r, "Numerator");
      double n = gw_test_csv_double (csv, r, "Denominator");
      double multiplier = gw_test_csv_double (csv, r, "multiplier");
      g_autoptr(GError) error = NULL;
      GwEstimate estimate;
      gboolean ok;

      ok = func (x, n, multiplier, confidence, &estimate, &error);
      if (isnan (x) || isnan (n))
        {
          g_assert_false (ok);
          g_assert_error (error, GW_CI_ERROR, GW_CI_ERROR_MISSING);
          g_assert_true (isnan (gw_test_csv_double (csv, r, "value")));
          n_missing++;
        }
      else
        {
          g_assert_true (ok);
          g_assert_no_error (error);
          n_values++;
        }
      gw_assert_close_rel (estimate.value, gw_test_csv_double (csv, r, "value"), 1e-10);
      gw_assert_close_rel (estimate.lower, gw_test_csv_double (csv, r, lower_column), 1e-10);
      gw_assert_close_rel (estimate.upper, gw_test_csv_double (csv, r, upper_column), 1e-10);
      track (&worst, estimate.value, gw_test_csv_double (csv, r, "value"));
      track (&worst, estimate.lower, gw_test_csv_double (csv, r, lower_column));
      track (&worst, estimate.upper, gw_test_csv_double (csv, r, upper_column));
    }

  g_test_message ("%s at %g: largest relative difference %.3g", file, confidence, worst);
  g_assert_cmpuint (n_values, ==, n_expected_values);
  g_assert_cmpuint (n_missing, ==, n_expected_missing);
}

static void
test_crude_rate (void)
{
  /* 8 areas x (per 100, per 100,000) + per 100,000 Area12, exact below
   * 10 events, Byar's from 10; three rows with an NA numerator or
   * denominator. */
  check_estimates ("pkg_test_Rate.csv", gw_crude_rate, "lower95_0cl", "upper95_0cl",
                   GW_CONFIDENCE_95, 17, 3);
  check_estimates ("pkg_test_Rate.csv", gw_crude_rate, "lower99_8cl", "upper99_8cl",
                   GW_CONFIDENCE_998, 17, 3);
  check_estimates ("pkg_test_Rate_g_results.csv", gw_crude_rate, "lowercl", "uppercl",
                   GW_CONFIDENCE_95, 9, 3);
}

static void
test_crude_rate_invalid (void)
{
  g_autoptr(GError) error = NULL;
  GwEstimate estimate;

  g_assert_false (gw_crude_rate (-1, 100, 1000, GW_CONFIDENCE_95, &estimate, &error));
  g_assert_error (error, GW_CI_ERROR, GW_CI_ERROR_INVALID);
  g_assert_true (isnan (estimate.value));
  g_clear_error (&error);
  g_assert_false (gw_crude_rate (1, 0, 1000, GW_CONFIDENCE_95, &estimate, &error));
  g_assert_error (error, GW_CI_ERROR, GW_CI_ERROR_INVALID);
  g_clear_error (&error);

  /* Infant mortality: 0 deaths in 1,000 births, per 1,000: 0 (0 to 3.69). */
  g_assert_true (gw_crude_rate (0, 1000, 1000, GW_CONFIDENCE_95, &estimate, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (estimate.value, ==, 0.0);
  g_assert_cmpfloat (estimate.lower, ==, 0.0);
  gw_assert_close_rel (estimate.upper, -log (0.025), 1e-14);
}

static void
test_proportion (void)
{
  check_estimates ("pkg_test_Prop.csv", gw_proportion, "lower95_0cl", "upper95_0cl",
                   GW_CONFIDENCE_95, 16, 3);
  check_estimates ("pkg_test_Prop.csv", gw_proportion, "lower99_8cl", "upper99_8cl",
                   GW_CONFIDENCE_998, 16, 3);
  check_estimates ("pkg_test_Prop_g_results.csv", gw_proportion, "lowercl", "uppercl",
                   GW_CONFIDENCE_95, 8, 3);

  {
    g_autoptr(GError) error = NULL;
    GwEstimate estimate;

    g_assert_false (gw_proportion (11, 10, 100, GW_CONFIDENCE_95, &estimate, &error));
    g_assert_error (error, GW_CI_ERROR, GW_CI_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==, "A proportion needs a numerator between zero and its denominator");
  }
}

static void
test_esp2013 (void)
{
  g_autoptr(GwTestCsv) csv = gw_test_csv_load ("esp2013.csv");
  const double *weights = gw_esp2013_five_year_weights ();
  double sum90 = 0.0, sum85 = 0.0;

  g_assert_cmpuint (gw_test_csv_n_rows (csv), ==, GW_ESP2013_N_FIVE_YEAR_BANDS);
  for (guint r = 0; r < GW_ESP2013_N_FIVE_YEAR_BANDS; r++)
    g_assert_cmpfloat (weights[r], ==, gw_test_csv_double (csv, r, "esp2013"));

  /* Per model band: 0 and 1-4 split 0-4 as 1,000 + 4,000; 85+ = 85-89 + 90+. */
  g_assert_cmpfloat (gw_esp2013_weight (GW_AGE_0) + gw_esp2013_weight (GW_AGE_1_4), ==, weights[0]);
  g_assert_cmpfloat (gw_esp2013_weight (GW_AGE_0), ==, 1000.0);
  g_assert_cmpfloat (gw_esp2013_weight (2), ==, 5500.0);          /* 5-9 */
  g_assert_cmpfloat (gw_esp2013_weight (GW_AGE_85_89), ==, 1500.0);
  g_assert_cmpfloat (gw_esp2013_weight (GW_AGE_90_PLUS), ==, 1000.0);
  g_assert_cmpfloat (gw_esp2013_weight (GW_AGE_85_PLUS), ==, 2500.0);
  for (guint b = GW_AGE_0; b <= GW_AGE_90_PLUS; b++)
    sum90 += gw_esp2013_weight (b);
  for (guint b = GW_AGE_0; b < GW_AGE_85_89; b++)
    sum85 += gw_esp2013_weight (b);
  sum85 += gw_esp2013_weight (GW_AGE_85_PLUS);
  g_assert_cmpfloat (sum90, ==, 100000.0);
  g_assert_cmpfloat (sum85, ==, 100000.0);
}

static void
test_dsr (void)
{
  g_autoptr(GwTestCsv) input = gw_test_csv_load ("pkg_test_multiarea.csv");
  g_autoptr(GwTestCsv) results = gw_test_csv_load ("pkg_test_DSR_results.csv");
  guint n_checked = 0, n_refused = 0;
  double worst = 0.0;

  for (guint r = 0; r < gw_test_csv_n_rows (results); r++)
    {
      const char *area = gw_test_csv_get (results, r, "area");
      const char *statistic = gw_test_csv_get (results, r, "statistic");
      double observed[GW_ESP2013_N_FIVE_YEAR_BANDS], population[GW_ESP2013_N_FIVE_YEAR_BANDS];
      double total_count = 0.0, total_pop = 0.0, multiplier;
      static const struct { double confidence; const char *lower, *upper; } levels[] = {
        { GW_CONFIDENCE_95, "lower95_0cl", "upper95_0cl" },
        { GW_CONFIDENCE_998, "lower99_8cl", "upper99_8cl" },
      };
      guint n = 0;

      /* testdata_1976 (1976 ESP, bad 99.8% limits) and the non-independent
       * events variants have no inputs here. */
      if (g_str_equal (area, "testdata_1976") || g_str_has_prefix (area, "testdata_nonind"))
        continue;

      for (guint i = 0; i < gw_test_csv_n_rows (input); i++)
        {
          if (!g_str_equal (gw_test_csv_get (input, i, "area"), area))
            continue;
          g_assert_cmpuint (n, <, GW_ESP2013_N_FIVE_YEAR_BANDS);
          observed[n] = gw_test_csv_double (input, i, "count");
          population[n] = gw_test_csv_double (input, i, "pop");
          if (!isnan (observed[n]))
            total_count += observed[n];
          total_pop += population[n];
          n++;
        }
      g_assert_cmpuint (n, ==, GW_ESP2013_N_FIVE_YEAR_BANDS);
      g_assert_cmpfloat (total_count, ==, gw_test_csv_double (results, r, "total_count"));
      g_assert_cmpfloat (total_pop, ==, gw_test_csv_double (results, r, "total_pop"));

      if (g_str_has_prefix (statistic, "dsr per "))
        multiplier = g_ascii_strtod (statistic + strlen ("dsr per "), NULL);
      else
        {
          g_assert_cmpstr (statistic, ==, "dsr NA for total count < 10");
          multiplier = 100000;
        }

      for (guint l = 0; l < G_N_ELEMENTS (levels); l++)
        {
          g_autoptr(GError) error = NULL;
          GwEstimate estimate;
          gboolean ok;

          ok = gw_dsr (observed, population, NULL, n, multiplier, levels[l].confidence,
                       &estimate, &error);
          if (isnan (gw_test_csv_double (results, r, "value")))
            {
              g_assert_false (ok);
              g_assert_error (error, GW_CI_ERROR, GW_CI_ERROR_TOO_FEW_EVENTS);
              g_assert_cmpstr (error->message, ==,
                               "Fewer than 10 events: a standardised rate is not calculated");
              n_refused++;
            }
          else
            {
              g_assert_true (ok);
              g_assert_no_error (error);
              n_checked++;
            }
          gw_assert_close_rel (estimate.value, gw_test_csv_double (results, r, "value"), 1e-10);
          gw_assert_close_rel (estimate.lower, gw_test_csv_double (results, r, levels[l].lower), 1e-10);
          gw_assert_close_rel (estimate.upper, gw_test_csv_double (results, r, levels[l].upper), 1e-10);
          track (&worst, estimate.value, gw_test_csv_double (results, r, "value"));
          track (&worst, estimate.lower, gw_test_csv_double (results, r, levels[l].lower));
          track (&worst, estimate.upper, gw_test_csv_double (results, r, levels[l].upper));
        }
    }
  g_test_message ("DSR: largest relative difference %.3g", worst);

  /* big and small at two multipliers and two levels; tiny refused. */
  g_assert_cmpuint (n_checked, ==, 8);
  g_assert_cmpuint (n_refused, ==, 4);
}

static void
test_dsr_invalid (void)
{
  const double *w = gw_esp2013_five_year_weights ();
  double observed[19], population[19];
  g_autoptr(GError) error = NULL;
  GwEstimate estimate;

  for (guint i = 0; i < 19; i++)
    {
      observed[i] = 10;
      population[i] = 1000;
    }
  /* Equal rates in every band: the DSR is that rate, 1 per 100. */
  g_assert_true (gw_dsr (observed, population, w, 19, 100, GW_CONFIDENCE_95, &estimate, &error));
  g_assert_no_error (error);
  gw_assert_close_rel (estimate.value, 1.0, 1e-14);

  population[3] = 0;
  g_assert_false (gw_dsr (observed, population, NULL, 19, 100, GW_CONFIDENCE_95, &estimate, &error));
  g_assert_error (error, GW_CI_ERROR, GW_CI_ERROR_INVALID);
  g_clear_error (&error);
  population[3] = NAN;
  g_assert_false (gw_dsr (observed, population, NULL, 19, 100, GW_CONFIDENCE_95, &estimate, &error));
  g_assert_error (error, GW_CI_ERROR, GW_CI_ERROR_MISSING);
  g_assert_true (isnan (estimate.value));
}

static void
test_comparison (void)
{
  /* df1's e0 95% interval is 79.8827 to 80.4565 years. */
  static const struct
  {
    double       benchmark, lower, upper;
    GwPolarity   polarity;
    GwComparison want;
    const char  *keyword;
  } cases[] = {
    { 80.0, 79.8827, 80.4565, GW_POLARITY_HIGHER_IS_BETTER, GW_COMPARISON_SIMILAR, "similar" },
    { 79.5, 79.8827, 80.4565, GW_POLARITY_HIGHER_IS_BETTER, GW_COMPARISON_BETTER, "better" },
    { 81.0, 79.8827, 80.4565, GW_POLARITY_HIGHER_IS_BETTER, GW_COMPARISON_WORSE, "worse" },
    /* limits included */
    { 79.8827, 79.8827, 80.4565, GW_POLARITY_HIGHER_IS_BETTER, GW_COMPARISON_SIMILAR, "similar" },
    { 80.4565, 79.8827, 80.4565, GW_POLARITY_HIGHER_IS_BETTER, GW_COMPARISON_SIMILAR, "similar" },
    /* infant mortality per 1,000: England 4.2; area 5.1 to 6.3 is worse */
    { 4.2, 5.1, 6.3, GW_POLARITY_LOWER_IS_BETTER, GW_COMPARISON_WORSE, "worse" },
    { 4.2, 2.0, 3.9, GW_POLARITY_LOWER_IS_BETTER, GW_COMPARISON_BETTER, "better" },
    { 4.2, 3.0, 4.5, GW_POLARITY_LOWER_IS_BETTER, GW_COMPARISON_SIMILAR, "similar" },
    /* no polarity, no limits, no benchmark */
    { 4.2, 5.1, 6.3, GW_POLARITY_NONE, GW_COMPARISON_NOT_COMPARED, "not-compared" },
    { 4.2, NAN, 6.3, GW_POLARITY_LOWER_IS_BETTER, GW_COMPARISON_NOT_COMPARED, "not-compared" },
    { NAN, 5.1, 6.3, GW_POLARITY_LOWER_IS_BETTER, GW_COMPARISON_NOT_COMPARED, "not-compared" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GwComparison c = gw_compare_with_benchmark (cases[i].benchmark, cases[i].lower,
                                                  cases[i].upper, cases[i].polarity);

      g_assert_cmpint (c, ==, cases[i].want);
      g_assert_cmpstr (gw_comparison_to_string (c), ==, cases[i].keyword);
    }
  g_assert_cmpstr (gw_comparison_get_label (GW_COMPARISON_WORSE), ==, "Worse");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gw/ci/gamma/closed-forms", test_gamma_closed_forms);
  g_test_add_func ("/gw/ci/chi2/quantile", test_chi2_quantile);
  g_test_add_func ("/gw/ci/normal/quantile", test_normal_quantile);
  g_test_add_func ("/gw/ci/poisson/exact", test_poisson_exact);
  g_test_add_func ("/gw/ci/poisson/byar-wilson", test_byar_wilson);
  g_test_add_func ("/gw/ci/rate/reference", test_crude_rate);
  g_test_add_func ("/gw/ci/rate/invalid", test_crude_rate_invalid);
  g_test_add_func ("/gw/ci/proportion/reference", test_proportion);
  g_test_add_func ("/gw/ci/dsr/esp2013", test_esp2013);
  g_test_add_func ("/gw/ci/dsr/reference", test_dsr);
  g_test_add_func ("/gw/ci/dsr/invalid", test_dsr_invalid);
  g_test_add_func ("/gw/ci/compare/fingertips", test_comparison);

  return g_test_run ();
}
