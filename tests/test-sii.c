/* test-sii.c: slope and relative index of inequality against PHEindicatormethods
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reference data: tests/data/methods/pkg_SII_test_data.csv (copied from
 * ../shared/data/reference/methods/, the package's own test sheet; the
 * expected sii, rii, intercept and limits are on the first row of each
 * block of an area).
 *
 * Point values (sii, rii, intercept) are exact: 1e-6 relative.
 *
 * Limits are Monte Carlo, from R's generator against ours, so they differ
 * by chance.  The sample p-quantile of R draws has standard error
 * sqrt (p (1 - p) / R) / f(x_p) (e.g. Stuart & Ord, Kendall's Advanced
 * Theory of Statistics, 10.10); for a near-normal SII of sd s, f(x_p) =
 * phi (z_p) / s.  Both sides carry that error, so their difference has
 * sd sqrt 2 times it; the tolerance is 5 of those sds, with s from the
 * expected 95% interval (width / 2 z95).  At R = 100,000 that is 1.5% of
 * the 95% interval's width at the 95% limits and 5.4% at the 99.8% limits
 * (fewer draws reach the tails); at R = 10,000, 4.8% and 17%.  The
 * package's own test uses 5% of the values.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "methods/gw-sii.h"
#include "methods/gw-sii-private.h"

#include "gw-test-csv.h"

#define Z95 1.959963984540054

/* --- reference blocks --------------------------------------------------- */

typedef struct
{
  guint         first_row;
  guint         n;
  GwSiiQuantile with_se[GW_SII_MAX_QUANTILES];     /* SE given */
  GwSiiQuantile with_limits[GW_SII_MAX_QUANTILES]; /* SE NAN: from limits */
} Block;

/* The rows of the block starting at @row (same description and area). */
static void
load_block (const GwTestCsv *csv,
            guint            row,
            Block           *block)
{
  const char *desc = gw_test_csv_get (csv, row, "TestDescription");
  const char *area = gw_test_csv_get (csv, row, "Area");

  memset (block, 0, sizeof *block);
  block->first_row = row;
  for (guint r = row; r < gw_test_csv_n_rows (csv); r++)
    {
      GwSiiQuantile *q;

      if (!g_str_equal (gw_test_csv_get (csv, r, "TestDescription"), desc) ||
          !g_str_equal (gw_test_csv_get (csv, r, "Area"), area))
        break;
      g_assert_cmpuint (block->n, <, GW_SII_MAX_QUANTILES);
      g_assert_cmpfloat (gw_test_csv_double (csv, r, "Quantile"), ==, block->n + 1);
      q = &block->with_se[block->n];
      q->population = gw_test_csv_double (csv, r, "Population");
      q->value = gw_test_csv_double (csv, r, "Value");
      q->se = gw_test_csv_double (csv, r, "StandardError");
      q->lower95 = gw_test_csv_double (csv, r, "LowerCL");
      q->upper95 = gw_test_csv_double (csv, r, "UpperCL");
      block->with_limits[block->n] = *q;
      block->with_limits[block->n].se = NAN;
      block->n++;
    }
}

/* The options the package's test (tests/testthat/testSII.R) used for the
 * block described by @desc.  Returns FALSE for blocks whose expected
 * values are NA (the error and warning cases). */
static gboolean
options_for (const GwTestCsv *csv,
             guint            row,
             GwSiiOptions    *options,
             guint           *n_levels)
{
  const char *desc = gw_test_csv_get (csv, row, "TestDescription");

  if (isnan (gw_test_csv_double (csv, row, "sii")))
    return FALSE;

  gw_sii_options_init (options);
  options->value_type = (GwSiiValueType) gw_test_csv_double (csv, row, "ValueType");
  options->repetitions = (guint) gw_test_csv_double (csv, row, "Repetitions");
  options->transform = strstr (desc, "transform") != NULL;
  if (strstr (desc, "(x -100)") != NULL)
    options->multiplier = -100.0;
  else if (strstr (desc, "(x 100)") != NULL)
    options->multiplier = 100.0;
  else if (strstr (desc, "negative multiplier") != NULL)
    options->multiplier = -1.0;

  /* the levels of the expected columns _1 and _2 */
  *n_levels = 1;
  if (strstr (desc, "99% confidence") != NULL)
    options->levels[0] = 0.99;
  else if (strstr (desc, "multiple CIs") != NULL)
    {
      options->levels[1] = 0.99;
      *n_levels = 2;
    }
  else if (strstr (desc, "95 and 98") != NULL || strstr (desc, "95% and 98%") != NULL)
    {
      options->levels[1] = 0.98;
      *n_levels = 2;
    }
  else if (strstr (desc, "98%") != NULL)
    options->levels[0] = 0.98;

  return TRUE;
}

/* sd of the difference between two independent Monte Carlo estimates of
 * the limit at @level from @reps draws each, for an estimate of sd @s. */
static double
mc_sd (double level,
       guint  reps,
       double s)
{
  double p = (1.0 - level) / 2.0;
  double z = -gw_normal_quantile (p);
  double density = exp (-0.5 * z * z) / sqrt (2.0 * G_PI) / s;

  return G_SQRT2 * sqrt (p * (1.0 - p) / reps) / density;
}

static void
test_reference_points (void)
{
  g_autoptr(GwTestCsv) csv = gw_test_csv_load ("pkg_SII_test_data.csv");
  guint n_checked = 0;

  for (guint row = 0; row < gw_test_csv_n_rows (csv);)
    {
      GwSiiOptions options;
      GwSiiResult result;
      guint n_levels;
      Block block;

      load_block (csv, row, &block);
      row += block.n;
      if (!options_for (csv, block.first_row, &options, &n_levels))
        continue;

      /* point values need no draws beyond the minimum */
      options.repetitions = GW_SII_MIN_REPETITIONS;
      for (guint source = 0; source < 2; source++)
        {
          g_autoptr(GError) error = NULL;
          double want_rii = gw_test_csv_double (csv, block.first_row, "rii");
          double want_intercept = gw_test_csv_double (csv, block.first_row, "Intercept");

          g_test_message ("%s %s (%s)", gw_test_csv_get (csv, block.first_row, "TestDescription"),
                          gw_test_csv_get (csv, block.first_row, "Area"), source ? "limits" : "se");
          /* a transform needs the limits (phe_sii refuses an SE) */
          if (source == 0 && options.transform)
            continue;
          g_assert_true (gw_sii_compute (source ? block.with_limits : block.with_se, block.n,
                                         &options, &result, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (result.n_quantiles, ==, block.n);
          gw_assert_close_rel (result.sii, gw_test_csv_double (csv, block.first_row, "sii"), 1e-6);
          /* "without rii" blocks have no expected RII */
          if (!isnan (want_rii))
            gw_assert_close_rel (result.rii, want_rii, 1e-6);
          if (!isnan (want_intercept))
            gw_assert_close_rel (result.intercept, want_intercept, 1e-6);
          n_checked++;
        }
    }
  /* 44 blocks with values, 20 of them transformed (limits only) */
  g_assert_cmpuint (n_checked, ==, 68);
}

static void
test_reference_limits (void)
{
  g_autoptr(GwTestCsv) csv = gw_test_csv_load ("pkg_SII_test_data.csv");
  guint n_checked = 0;
  double worst = 0.0;

  for (guint row = 0; row < gw_test_csv_n_rows (csv);)
    {
      g_autoptr(GError) error = NULL;
      GwSiiOptions options;
      GwSiiResult result;
      guint n_levels;
      Block block;
      double s_sii, s_rii;
      const char *suffix[2] = { "1", "2" };

      load_block (csv, row, &block);
      row += block.n;
      if (!options_for (csv, block.first_row, &options, &n_levels))
        continue;

      /* the package's test gives the SE for untransformed values, the limits
       * when transformed */
      g_assert_true (gw_sii_compute (options.transform ? block.with_limits : block.with_se,
                                     block.n, &options, &result, &error));
      g_assert_no_error (error);

      /* sd of the near-normal SII and RII, from the expected interval at
       * the first level */
      {
        double z = -gw_normal_quantile ((1.0 - options.levels[0]) / 2.0);

        s_sii = (gw_test_csv_double (csv, block.first_row, "sii_uppercl_1") -
                 gw_test_csv_double (csv, block.first_row, "sii_lowercl_1")) / (2.0 * z);
        s_rii = (gw_test_csv_double (csv, block.first_row, "rii_uppercl_1") -
                 gw_test_csv_double (csv, block.first_row, "rii_lowercl_1")) / (2.0 * z);
      }

      for (guint l = 0; l < n_levels; l++)
        {
          double tol_sii = 5.0 * mc_sd (options.levels[l], options.repetitions, s_sii);
          double tol_rii = 5.0 * mc_sd (options.levels[l], options.repetitions, s_rii);
          g_autofree char *sl = g_strconcat ("sii_lowercl_", suffix[l], NULL);
          g_autofree char *su = g_strconcat ("sii_uppercl_", suffix[l], NULL);
          g_autofree char *rl = g_strconcat ("rii_lowercl_", suffix[l], NULL);
          g_autofree char *ru = g_strconcat ("rii_uppercl_", suffix[l], NULL);
          double want_sl = gw_test_csv_double (csv, block.first_row, sl);
          double want_su = gw_test_csv_double (csv, block.first_row, su);
          double want_rl = gw_test_csv_double (csv, block.first_row, rl);
          double want_ru = gw_test_csv_double (csv, block.first_row, ru);

          g_test_message ("%s %s level %g: sii %.6g..%.6g (want %.6g..%.6g, tol %.3g)",
                          gw_test_csv_get (csv, block.first_row, "TestDescription"),
                          gw_test_csv_get (csv, block.first_row, "Area"), options.levels[l],
                          result.sii_lower[l], result.sii_upper[l], want_sl, want_su, tol_sii);
          g_assert_cmpfloat (result.levels[l], ==, options.levels[l]);
          /* quintile blocks: only the SII itself is in the sheet */
          if (isnan (want_sl))
            continue;
          gw_assert_close (result.sii_lower[l], want_sl, tol_sii);
          gw_assert_close (result.sii_upper[l], want_su, tol_sii);
          worst = MAX (worst, fabs (result.sii_lower[l] - want_sl) / tol_sii);
          worst = MAX (worst, fabs (result.sii_upper[l] - want_su) / tol_sii);
          n_checked += 2;
          if (!isnan (want_rl))
            {
              gw_assert_close (result.rii_lower[l], want_rl, tol_rii);
              gw_assert_close (result.rii_upper[l], want_ru, tol_rii);
              worst = MAX (worst, fabs (result.rii_lower[l] - want_rl) / tol_rii);
              worst = MAX (worst, fabs (result.rii_upper[l] - want_ru) / tol_rii);
              n_checked += 2;
            }
        }
    }
  g_test_message ("%u limits checked; the largest difference is %.2f of its tolerance", n_checked, worst);
  g_assert_cmpuint (n_checked, >=, 150);
}

/* The package's refusals, from the sheet's error blocks, with our reasons. */
static void
test_reference_refusals (void)
{
  g_autoptr(GwTestCsv) csv = gw_test_csv_load ("pkg_SII_test_data.csv");
  const struct {
    const char    *desc;
    GwSiiValueType type;
    gboolean       limits;
    GwSiiError     code;
    const char    *message;
  } cases[] = {
    { "error handling - negative populations", GW_SII_VALUE_OTHER, FALSE, GW_SII_ERROR_POPULATION,
      "Quantile 2 has a population of zero or less, or none" },
    { "error handling - negative counts/standard error", GW_SII_VALUE_OTHER, FALSE, GW_SII_ERROR_STANDARD_ERROR,
      "Quantile 3 has a negative standard error" },
    { "error handling - invalid proportion in CLs", GW_SII_VALUE_PROPORTION, TRUE, GW_SII_ERROR_VALUE,
      "Quantile 4 has a proportion or limit outside 0 to 1" },
    { "error handling - missing value field", GW_SII_VALUE_OTHER, FALSE, GW_SII_ERROR_VALUE,
      "Quantile 1 has no value" },
    { "error handling - missing confidence limits and se", GW_SII_VALUE_OTHER, FALSE, GW_SII_ERROR_STANDARD_ERROR,
      "Quantile 1 has neither a standard error nor both 95% limits" },
    { "warning handling - missing populations, counts or values", GW_SII_VALUE_OTHER, FALSE, GW_SII_ERROR_POPULATION,
      "Quantile 5 has a population of zero or less, or none" },
  };
  guint found = 0;

  for (guint row = 0; row < gw_test_csv_n_rows (csv);)
    {
      Block block;
      const char *desc = gw_test_csv_get (csv, row, "TestDescription");

      load_block (csv, row, &block);
      row += block.n;
      for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
        {
          g_autoptr(GError) error = NULL;
          GwSiiOptions options;
          GwSiiResult result;

          if (!g_str_equal (desc, cases[c].desc))
            continue;
          gw_sii_options_init (&options);
          options.value_type = cases[c].type;
          g_assert_false (gw_sii_compute (cases[c].limits ? block.with_limits : block.with_se,
                                          block.n, &options, &result, &error));
          g_assert_error (error, GW_SII_ERROR, (gint) cases[c].code);
          g_assert_cmpstr (error->message, ==, cases[c].message);
          found++;
        }

      /* phe_sii only warns about 15 quantiles; there is a value */
      if (g_str_equal (desc, "warning handling - large number of quantiles (>10)"))
        {
          g_autoptr(GError) error = NULL;
          GwSiiOptions options;
          GwSiiResult result;

          gw_sii_options_init (&options);
          options.repetitions = 1000;
          g_assert_cmpuint (block.n, ==, 15);
          g_assert_true (gw_sii_compute (block.with_se, block.n, &options, &result, &error));
          g_assert_no_error (error);
          g_assert_true (isfinite (result.sii));
          found++;
        }
    }
  g_assert_cmpuint (found, ==, G_N_ELEMENTS (cases) + 1);
}

/* --- our own cases ------------------------------------------------------ */

/* area1 of the default block: ten deciles of life expectancy. */
static void
load_area1 (Block *block)
{
  g_autoptr(GwTestCsv) csv = gw_test_csv_load ("pkg_SII_test_data.csv");

  load_block (csv, 0, block);
  g_assert_cmpuint (block->n, ==, 10);
  g_assert_cmpstr (gw_test_csv_get (csv, 0, "Area"), ==, "area1");
}

static void
test_refusals (void)
{
  Block block;
  GwSiiQuantile q[GW_SII_MAX_QUANTILES + 1];
  const struct {
    const char *what;
    guint       n;
    guint       bad;        /* quantile (1-based) to spoil, 0 none */
    double      population, value, se, lower, upper;
    GwSiiValueType type;
    guint       repetitions;
    gboolean    transform;
    double      multiplier, level;
    GwSiiError  code;
    const char *message;
  } cases[] = {
    { "four quantiles", 4, 0, 0, 0, 0, 0, 0, GW_SII_VALUE_OTHER, 100000, FALSE, 1, 0.95,
      GW_SII_ERROR_QUANTILES, "An SII needs 5 to 100 quantiles with values; 4 were given" },
    { "none", 0, 0, 0, 0, 0, 0, 0, GW_SII_VALUE_OTHER, 100000, FALSE, 1, 0.95,
      GW_SII_ERROR_QUANTILES, "An SII needs 5 to 100 quantiles with values; 0 were given" },
    { "101 quantiles", 101, 0, 0, 0, 0, 0, 0, GW_SII_VALUE_OTHER, 100000, FALSE, 1, 0.95,
      GW_SII_ERROR_QUANTILES, "An SII needs 5 to 100 quantiles with values; 101 were given" },
    { "zero population", 10, 7, 0.0, 70, 1, NAN, NAN, GW_SII_VALUE_OTHER, 100000, FALSE, 1, 0.95,
      GW_SII_ERROR_POPULATION, "Quantile 7 has a population of zero or less, or none" },
    { "negative population", 10, 1, -5.0, 70, 1, NAN, NAN, GW_SII_VALUE_OTHER, 100000, FALSE, 1, 0.95,
      GW_SII_ERROR_POPULATION, "Quantile 1 has a population of zero or less, or none" },
    { "missing population", 10, 10, NAN, 70, 1, NAN, NAN, GW_SII_VALUE_OTHER, 100000, FALSE, 1, 0.95,
      GW_SII_ERROR_POPULATION, "Quantile 10 has a population of zero or less, or none" },
    { "missing value", 10, 3, 1000, NAN, 1, NAN, NAN, GW_SII_VALUE_OTHER, 100000, FALSE, 1, 0.95,
      GW_SII_ERROR_VALUE, "Quantile 3 has no value" },
    { "missing SE, one limit", 10, 4, 1000, 70, NAN, 68, NAN, GW_SII_VALUE_OTHER, 100000, FALSE, 1, 0.95,
      GW_SII_ERROR_STANDARD_ERROR, "Quantile 4 has neither a standard error nor both 95% limits" },
    { "negative SE", 10, 2, 1000, 70, -0.1, NAN, NAN, GW_SII_VALUE_OTHER, 100000, FALSE, 1, 0.95,
      GW_SII_ERROR_STANDARD_ERROR, "Quantile 2 has a negative standard error" },
    { "limits reversed", 10, 5, 1000, 70, NAN, 72, 68, GW_SII_VALUE_OTHER, 100000, FALSE, 1, 0.95,
      GW_SII_ERROR_STANDARD_ERROR, "Quantile 5 has its lower 95% limit above its upper one" },
    { "zero rate", 10, 6, 1000, 0.0, 0.1, NAN, NAN, GW_SII_VALUE_RATE, 100000, FALSE, 1, 0.95,
      GW_SII_ERROR_VALUE, "Quantile 6 has a rate or limit of zero or less, which has no logarithm" },
    { "proportion of 1", 10, 8, 1000, 1.0, 0.1, NAN, NAN, GW_SII_VALUE_PROPORTION, 100000, FALSE, 1, 0.95,
      GW_SII_ERROR_VALUE, "Quantile 8 has a proportion or limit outside 0 to 1" },
    { "999 repetitions", 10, 0, 0, 0, 0, 0, 0, GW_SII_VALUE_OTHER, 999, FALSE, 1, 0.95,
      GW_SII_ERROR_OPTIONS, "At least 1,000 repetitions are needed; 999 were asked for" },
    { "transformed life expectancy", 10, 0, 0, 0, 0, 0, 0, GW_SII_VALUE_OTHER, 100000, TRUE, 1, 0.95,
      GW_SII_ERROR_OPTIONS, "Only rates and proportions can be transformed" },
    { "multiplier 0", 10, 0, 0, 0, 0, 0, 0, GW_SII_VALUE_OTHER, 100000, FALSE, 0, 0.95,
      GW_SII_ERROR_OPTIONS, "The multiplier must be a number other than zero" },
    { "level 95 (percent)", 10, 0, 0, 0, 0, 0, 0, GW_SII_VALUE_OTHER, 100000, FALSE, 1, 95,
      GW_SII_ERROR_OPTIONS, "Confidence levels must lie between 0 and 1" },
  };

  load_area1 (&block);
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GError) error = NULL;
      GwSiiOptions options;
      GwSiiResult result;

      for (guint i = 0; i < G_N_ELEMENTS (q); i++)
        q[i] = block.with_se[i % 10];
      /* rates and proportions: in range, so that only the spoilt one fails */
      if (cases[c].type != GW_SII_VALUE_OTHER)
        for (guint i = 0; i < G_N_ELEMENTS (q); i++)
          q[i].value = 0.5;
      if (cases[c].bad > 0)
        q[cases[c].bad - 1] = (GwSiiQuantile) {
          cases[c].population, cases[c].value, cases[c].se, cases[c].lower, cases[c].upper,
        };
      gw_sii_options_init (&options);
      options.value_type = cases[c].type;
      options.repetitions = cases[c].repetitions;
      options.transform = cases[c].transform;
      options.multiplier = cases[c].multiplier;
      options.levels[0] = cases[c].level;

      g_test_message ("%s", cases[c].what);
      g_assert_false (gw_sii_compute (q, cases[c].n, &options, &result, &error));
      g_assert_error (error, GW_SII_ERROR, (gint) cases[c].code);
      g_assert_cmpstr (error->message, ==, cases[c].message);
    }
}

/* The SII is the slope of the weighted regression of y on the rank, with
 * intercept, weights a_q: computed here from weighted means, independently
 * of the library's normal equations. */
static void
test_point_is_weighted_slope (void)
{
  Block block;
  GwSiiResult result;
  double population[10], rank[10], a[10], total = 0.0;
  double mean_b = 0.0, mean_y = 0.0, sxy = 0.0, sxx = 0.0, slope, intercept;

  load_area1 (&block);
  for (guint q = 0; q < 10; q++)
    {
      population[q] = block.with_se[q].population;
      total += population[q];
    }
  gw_sii_ranks (population, 10, rank);
  /* first decile: half its share; last: 1 - half its share */
  gw_assert_close (rank[0], population[0] / total / 2.0, 1e-15);
  gw_assert_close (rank[9], 1.0 - population[9] / total / 2.0, 1e-15);
  for (guint q = 0; q < 10; q++)
    {
      a[q] = population[q] / total;
      mean_b += a[q] * rank[q];
      mean_y += a[q] * block.with_se[q].value;
    }
  for (guint q = 0; q < 10; q++)
    {
      sxy += a[q] * (rank[q] - mean_b) * (block.with_se[q].value - mean_y);
      sxx += a[q] * (rank[q] - mean_b) * (rank[q] - mean_b);
    }
  slope = sxy / sxx;
  intercept = mean_y - slope * mean_b;

  g_assert_true (gw_sii_compute (block.with_se, 10, NULL, &result, NULL));
  gw_assert_close (result.sii, slope, 1e-9);
  gw_assert_close (result.intercept, intercept, 1e-9);
  gw_assert_close (result.rii, (intercept + slope) / intercept, 1e-12);
  /* defaults */
  g_assert_cmpuint (result.repetitions, ==, 100000);
  g_assert_cmpuint (result.seed, ==, 1);
  g_assert_cmpfloat (result.levels[GW_SII_LEVEL_95], ==, 0.95);
  g_assert_cmpfloat (result.levels[GW_SII_LEVEL_998], ==, 0.998);
  /* the limits lie around the value, 99.8% outside 95% */
  g_assert_cmpfloat (result.sii_lower[1], <, result.sii_lower[0]);
  g_assert_cmpfloat (result.sii_lower[0], <, result.sii);
  g_assert_cmpfloat (result.sii, <, result.sii_upper[0]);
  g_assert_cmpfloat (result.sii_upper[0], <, result.sii_upper[1]);
  g_assert_cmpfloat (result.rii_lower[1], <, result.rii_lower[0]);
  g_assert_cmpfloat (result.rii_upper[0], <, result.rii_upper[1]);

  /* a negative multiplier reverses the direction */
  {
    GwSiiOptions options;
    GwSiiResult reversed;

    gw_sii_options_init (&options);
    options.multiplier = -1.0;
    g_assert_true (gw_sii_compute (block.with_se, 10, &options, &reversed, NULL));
    gw_assert_close (reversed.sii, -result.sii, 1e-12);
    gw_assert_close (reversed.rii, 1.0 / result.rii, 1e-12);
    /* same draws: the limits swap and change sign, up to one order
     * statistic (positions 2,500 and 97,500 are not mirror images among
     * 100,000; neighbours differ by about sd / (R phi (z)), 3e-4 here) */
    gw_assert_close (reversed.sii_lower[0], -result.sii_upper[0], 1e-3);
    gw_assert_close (reversed.sii_upper[0], -result.sii_lower[0], 1e-3);
    g_assert_cmpfloat (reversed.sii_lower[0], !=, result.sii_lower[0]);
  }
}

/* Same seed: the same limits, bit for bit, whatever the thread count;
 * another seed: other limits, the same point. */
static void
test_reproducible (void)
{
  Block block;
  GwSiiResult first, other, again;
  GwSiiOptions options;

  load_area1 (&block);
  gw_sii_options_init (&options);
  options.n_threads = 1;
  g_assert_true (gw_sii_compute (block.with_se, 10, &options, &first, NULL));

  for (guint threads = 2; threads <= 5; threads++)
    {
      options.n_threads = threads;
      g_assert_true (gw_sii_compute (block.with_se, 10, &options, &again, NULL));
      g_assert_cmpmem (&again, sizeof again, &first, sizeof first);
    }
  /* also in the per-quantile path, and with a count of repetitions that
   * is not a whole number of blocks */
  options.draw_each_quantile = TRUE;
  options.repetitions = 12345;
  options.n_threads = 1;
  g_assert_true (gw_sii_compute (block.with_se, 10, &options, &first, NULL));
  options.n_threads = 3;
  g_assert_true (gw_sii_compute (block.with_se, 10, &options, &again, NULL));
  g_assert_cmpmem (&again, sizeof again, &first, sizeof first);

  options.seed = 2;
  g_assert_true (gw_sii_compute (block.with_se, 10, &options, &other, NULL));
  g_assert_cmpfloat (other.sii, ==, first.sii);
  g_assert_cmpfloat (other.rii, ==, first.rii);
  g_assert_cmpfloat (other.sii_lower[0], !=, first.sii_lower[0]);
  g_assert_cmpfloat (other.sii_upper[1], !=, first.sii_upper[1]);
  g_assert_cmpfloat (other.rii_lower[0], !=, first.rii_lower[0]);
}

/* Drawing (beta0, beta1) from their joint normal and drawing every decile
 * then refitting give the same limits, within Monte Carlo error; and the
 * SII's limits are those of its exact normal distribution. */
static void
test_bivariate_matches_per_quantile (void)
{
  Block block;
  GwSiiOptions options;
  GwSiiResult joint, each;
  double population[10], rank[10], total = 0.0, b_mean = 0.0, s = 0.0;

  load_area1 (&block);
  gw_sii_options_init (&options);
  g_assert_true (gw_sii_compute (block.with_se, 10, &options, &joint, NULL));
  options.draw_each_quantile = TRUE;
  g_assert_true (gw_sii_compute (block.with_se, 10, &options, &each, NULL));
  g_assert_cmpfloat (joint.sii, ==, each.sii);

  /* sd of the SII: sqrt (sum w1_q^2 SE_q^2), w1_q = a_q (b_q - mean b) / Sxx */
  for (guint q = 0; q < 10; q++)
    {
      population[q] = block.with_se[q].population;
      total += population[q];
    }
  gw_sii_ranks (population, 10, rank);
  for (guint q = 0; q < 10; q++)
    b_mean += population[q] / total * rank[q];
  {
    double sxx = 0.0;

    for (guint q = 0; q < 10; q++)
      sxx += population[q] / total * (rank[q] - b_mean) * (rank[q] - b_mean);
    for (guint q = 0; q < 10; q++)
      {
        double w = population[q] / total * (rank[q] - b_mean) / sxx;

        s += w * w * block.with_se[q].se * block.with_se[q].se;
      }
    s = sqrt (s);
  }

  for (guint l = 0; l < GW_SII_N_LEVELS; l++)
    {
      double z = -gw_normal_quantile ((1.0 - options.levels[l]) / 2.0);
      double tol = 5.0 * mc_sd (options.levels[l], options.repetitions, s);
      double s_rii = (each.rii_upper[0] - each.rii_lower[0]) / (2.0 * Z95);
      double tol_rii = 5.0 * mc_sd (options.levels[l], options.repetitions, s_rii);

      gw_assert_close (joint.sii_lower[l], each.sii_lower[l], tol);
      gw_assert_close (joint.sii_upper[l], each.sii_upper[l], tol);
      gw_assert_close (joint.rii_lower[l], each.rii_lower[l], tol_rii);
      gw_assert_close (joint.rii_upper[l], each.rii_upper[l], tol_rii);
      /* against the exact limits: one estimate, so 1/sqrt 2 of the tolerance */
      gw_assert_close (joint.sii_lower[l], joint.sii - z * s, tol / G_SQRT2);
      gw_assert_close (joint.sii_upper[l], joint.sii + z * s, tol / G_SQRT2);
      gw_assert_close (each.sii_lower[l], each.sii - z * s, tol / G_SQRT2);
      gw_assert_close (each.sii_upper[l], each.sii + z * s, tol / G_SQRT2);
    }
}

/* The generator: the fraction of 2,000,000 draws below z against Phi (z),
 * within 5 binomial sds, in the body, the wedges and the tail beyond
 * R = 3.654 (a separate code path); mean and variance. */
static void
test_normal_generator (void)
{
  const gsize n = 2000000;
  g_autofree double *draws = g_new (double, n);
  const double zs[] = { -4.0, -3.7, -3.0, -1.959964, -1.0, -0.3, 0.0, 0.5, 1.5, 2.5, 3.6, 3.7, 4.2 };
  double sum = 0.0, sum2 = 0.0;

  _gw_sii_fill_normal (1, 0, draws, n);
  for (gsize i = 0; i < n; i++)
    {
      sum += draws[i];
      sum2 += draws[i] * draws[i];
    }
  gw_assert_close (sum / n, 0.0, 5.0 / sqrt (n));
  /* var of the sample variance of a normal: 2 / n */
  gw_assert_close (sum2 / n - (sum / n) * (sum / n), 1.0, 5.0 * sqrt (2.0 / n));

  for (guint k = 0; k < G_N_ELEMENTS (zs); k++)
    {
      double p = 0.5 * erfc (-zs[k] / G_SQRT2);
      gsize below = 0;

      for (gsize i = 0; i < n; i++)
        below += draws[i] < zs[k];
      g_test_message ("P(Z < %g): %.6f, expected %.6f", zs[k], (double) below / n, p);
      gw_assert_close ((double) below / n, p, 5.0 * sqrt (p * (1.0 - p) / n) + 1.0 / n);
    }

  /* streams differ */
  {
    double a[4], b[4];

    _gw_sii_fill_normal (1, 1, a, 4);
    _gw_sii_fill_normal (1, 2, b, 4);
    g_assert_cmpfloat (a[0], !=, b[0]);
    g_assert_cmpfloat (a[0], !=, draws[0]);
  }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The order statistics the limits take, against a full sort: normal draws,
 * ties, sorted and reversed input, a level whose positions reach the
 * middle, and arrays too short for the sampled thresholds. */
static void
test_select (void)
{
  const gsize sizes[] = { 1000, 100000, 12345 };
  const struct { gsize k[4]; guint n_k; } sets[] = {
    { { 0, 1, 2, 3 }, 4 },              /* the four smallest */
    { { 99, 2499, 97499, 99899 }, 4 },  /* 99.8% and 95% at R = 100,000 */
    { { 24999, 74999, 0, 0 }, 2 },      /* 50%: the middle */
    { { 99999, 0, 0, 0 }, 1 },          /* the largest */
  };

  for (guint size = 0; size < G_N_ELEMENTS (sizes); size++)
    for (guint shape = 0; shape < 5; shape++)
      for (guint set = 0; set < G_N_ELEMENTS (sets); set++)
        {
          gsize n = sizes[size];
          g_autofree double *v = g_new (double, n);
          g_autofree double *sorted = g_new (double, n);
          gsize k[4];

          _gw_sii_fill_normal (7, shape, v, n);
          for (gsize i = 0; i < n; i++)
            {
              if (shape == 1)
                v[i] = round (v[i] * 2.0);       /* a few distinct values */
              else if (shape == 2)
                v[i] = 1.0;                      /* all tied */
              else if (shape == 3)
                v[i] = (double) i;               /* sorted */
              else if (shape == 4)
                v[i] = (double) (n - i);         /* reversed */
            }
          memcpy (sorted, v, n * sizeof (double));
          qsort (sorted, n, sizeof (double), compare_doubles);
          for (guint j = 0; j < sets[set].n_k; j++)
            k[j] = sets[set].k[j] * n / 100000;
          _gw_sii_select (v, n, k, sets[set].n_k);
          for (guint j = 0; j < sets[set].n_k; j++)
            g_assert_cmpfloat (v[k[j]], ==, sorted[k[j]]);
        }
}

/* --- life expectancy from counts ---------------------------------------- */

/* Ten deciles of counts: df1's population split in ten, deaths scaled by a
 * deprivation gradient (most deprived 1.5x, least 0.7x). */
static void
make_decile_counts (double deaths[10 * 20],
                    double population[10 * 20])
{
  g_autoptr(GwTestCsv) csv = gw_test_csv_load ("le_df1_input.csv");

  g_assert_cmpuint (gw_test_csv_n_rows (csv), ==, 20);
  for (guint q = 0; q < 10; q++)
    {
      double factor = 1.5 - 0.8 * q / 9.0;
      double share = (q % 3 + 2) / 30.0;

      for (guint j = 0; j < 20; j++)
        {
          population[q * 20 + j] = round (gw_test_csv_double (csv, j, "pops") * share);
          deaths[q * 20 + j] = round (gw_test_csv_double (csv, j, "deaths") * share * factor);
        }
    }
}

/* Counts -> life table per decile -> SII gives the same as the same life
 * expectancies given as published values; small areas pooled by decile give
 * the same as the deciles' own counts. */
static void
test_life_expectancy_paths (void)
{
  double deaths[200], population[200];
  GwSiiQuantile from_counts[10], published[10];
  GwSiiResult result, expected, pooled;
  g_autoptr(GError) error = NULL;

  make_decile_counts (deaths, population);
  g_assert_true (gw_sii_life_expectancy (GW_LIFE_TABLE_LAYOUT_90_PLUS, deaths, population, 10, 0,
                                         NULL, from_counts, &result, &error));
  g_assert_no_error (error);

  /* the published path: each decile's e0 and 95% limits as an export gives
   * them (rounded to 0.01 year), its total population */
  for (guint q = 0; q < 10; q++)
    {
      GwLifeTable table;
      double total = 0.0;

      g_assert_true (gw_life_table_compute_arrays (GW_LIFE_TABLE_LAYOUT_90_PLUS, deaths + q * 20,
                                                   population + q * 20, 20, GW_Z_95, GW_Z_998,
                                                   &table, NULL));
      for (guint j = 0; j < 20; j++)
        total += population[q * 20 + j];
      published[q] = (GwSiiQuantile) {
        .population = total,
        .value = table.rows[0].value,
        .se = NAN,
        .lower95 = table.rows[0].lower95,
        .upper95 = table.rows[0].upper95,
      };
      gw_assert_close (from_counts[q].value, table.rows[0].value, 0.0);
      gw_assert_close (from_counts[q].se, table.rows[0].se, 0.0);
      g_assert_cmpfloat (from_counts[q].population, ==, total);
      /* the gradient: the most deprived live shorter lives */
      if (q > 0)
        g_assert_cmpfloat (from_counts[q].value, >, from_counts[q - 1].value);
    }
  g_assert_true (gw_sii_compute (published, 10, NULL, &expected, &error));
  g_assert_no_error (error);
  gw_assert_close (result.sii, expected.sii, 1e-9);
  gw_assert_close (result.rii, expected.rii, 1e-12);
  /* the SE from symmetric limits is the SE: the same draws */
  for (guint l = 0; l < GW_SII_N_LEVELS; l++)
    {
      gw_assert_close (result.sii_lower[l], expected.sii_lower[l], 1e-9);
      gw_assert_close (result.sii_upper[l], expected.sii_upper[l], 1e-9);
    }
  g_assert_cmpfloat (result.sii, >, 3.0);
  g_test_message ("SII of e0 from counts: %.4f (%.4f to %.4f) years", result.sii,
                  result.sii_lower[0], result.sii_upper[0]);

  /* 40 small areas, four per decile, the decile's counts split unevenly;
   * and areas without a decile, left out */
  {
    guint area_quantile[42];
    double sa_deaths[42 * 20], sa_population[42 * 20];
    double pool_d[200], pool_p[200];

    for (guint i = 0; i < 40; i++)
      {
        guint q = i % 10;
        guint part = i / 10;
        double share[4] = { 0.1, 0.2, 0.3, 0.4 };

        area_quantile[i] = q + 1;
        for (guint j = 0; j < 20; j++)
          {
            sa_deaths[i * 20 + j] = deaths[q * 20 + j] * share[part];
            sa_population[i * 20 + j] = population[q * 20 + j] * share[part];
          }
      }
    for (guint i = 40; i < 42; i++)
      {
        area_quantile[i] = i == 40 ? 0 : 11;
        for (guint j = 0; j < 20; j++)
          {
            sa_deaths[i * 20 + j] = 1000.0;
            sa_population[i * 20 + j] = 1000.0;
          }
      }
    gw_sii_pool_small_areas (area_quantile, sa_deaths, sa_population, 42, 20, 10, pool_d, pool_p);
    for (guint k = 0; k < 200; k++)
      {
        gw_assert_close_rel (pool_d[k], deaths[k], 1e-12);
        gw_assert_close_rel (pool_p[k], population[k], 1e-12);
      }
    g_assert_true (gw_sii_life_expectancy (GW_LIFE_TABLE_LAYOUT_90_PLUS, pool_d, pool_p, 10, 0,
                                           NULL, NULL, &pooled, &error));
    g_assert_no_error (error);
    gw_assert_close (pooled.sii, result.sii, 1e-9);
  }

  /* the older exports' 85+ layout: bands 85-89 and 90+ merged */
  {
    double d85[190], p85[190];
    GwSiiResult at85;

    for (guint q = 0; q < 10; q++)
      for (guint j = 0; j < 19; j++)
        {
          d85[q * 19 + j] = deaths[q * 20 + j] + (j == 18 ? deaths[q * 20 + 19] : 0.0);
          p85[q * 19 + j] = population[q * 20 + j] + (j == 18 ? population[q * 20 + 19] : 0.0);
        }
    g_assert_true (gw_sii_life_expectancy (GW_LIFE_TABLE_LAYOUT_85_PLUS, d85, p85, 10, 0,
                                           NULL, NULL, &at85, &error));
    g_assert_no_error (error);
    /* a different open band moves e0 a little, not the gradient */
    g_assert_cmpfloat (at85.sii, !=, result.sii);
    gw_assert_close (at85.sii, result.sii, 0.5);
  }

  /* life expectancy at 65: a smaller SII, still positive */
  {
    GwSiiResult at65;

    g_assert_true (gw_sii_life_expectancy (GW_LIFE_TABLE_LAYOUT_90_PLUS, deaths, population, 10, 65,
                                           NULL, NULL, &at65, &error));
    g_assert_no_error (error);
    g_assert_cmpfloat (at65.sii, >, 0.0);
    g_assert_cmpfloat (at65.sii, <, result.sii);
  }
}

static void
test_life_expectancy_refusals (void)
{
  double deaths[200], population[200];
  GwSiiResult result;

  make_decile_counts (deaths, population);

  /* decile 4 too small for a life table */
  {
    g_autoptr(GError) error = NULL;
    double small[200];

    memcpy (small, population, sizeof small);
    for (guint j = 0; j < 20; j++)
      small[3 * 20 + j] = 200.0;
    g_assert_false (gw_sii_life_expectancy (GW_LIFE_TABLE_LAYOUT_90_PLUS, deaths, small, 10, 0,
                                            NULL, NULL, &result, &error));
    g_assert_error (error, GW_SII_ERROR, GW_SII_ERROR_LIFE_TABLE);
    g_assert_cmpstr (error->message, ==,
                     "Quantile 4 has no life expectancy: "
                     "The total population is 5,000 or less, too small for a life table");
  }
  /* fewer than five deciles */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (gw_sii_life_expectancy (GW_LIFE_TABLE_LAYOUT_90_PLUS, deaths, population, 4, 0,
                                            NULL, NULL, &result, &error));
    g_assert_error (error, GW_SII_ERROR, GW_SII_ERROR_QUANTILES);
    g_assert_cmpstr (error->message, ==, "An SII needs 5 to 100 quantiles with values; 4 were given");
  }
  /* an age that starts no band */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (gw_sii_life_expectancy (GW_LIFE_TABLE_LAYOUT_90_PLUS, deaths, population, 10, 66,
                                            NULL, NULL, &result, &error));
    g_assert_error (error, GW_SII_ERROR, GW_SII_ERROR_OPTIONS);
    g_assert_cmpstr (error->message, ==, "No age band of the life table starts at 66");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gw/sii/reference/points", test_reference_points);
  g_test_add_func ("/gw/sii/reference/limits", test_reference_limits);
  g_test_add_func ("/gw/sii/reference/refusals", test_reference_refusals);
  g_test_add_func ("/gw/sii/point/weighted-slope", test_point_is_weighted_slope);
  g_test_add_func ("/gw/sii/refusal/cases", test_refusals);
  g_test_add_func ("/gw/sii/simulation/reproducible", test_reproducible);
  g_test_add_func ("/gw/sii/simulation/bivariate", test_bivariate_matches_per_quantile);
  g_test_add_func ("/gw/sii/simulation/normal", test_normal_generator);
  g_test_add_func ("/gw/sii/simulation/select", test_select);
  g_test_add_func ("/gw/sii/life-expectancy/paths", test_life_expectancy_paths);
  g_test_add_func ("/gw/sii/life-expectancy/refusals", test_life_expectancy_refusals);

  return g_test_run ();
}
