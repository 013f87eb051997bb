/* test-life-expectancy.c: the abridged life table against PHEindicatormethods
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reference data: tests/data/methods/ (copied from
 * ../shared/data/reference/methods/, see the README there).  Tolerances are
 * absolute, in years:
 *   le_df1_R_output_95_998.csv   (R code, exact z)   1e-6 at every age
 *   le_df1_expected_answer1.csv  (package, z = 1.96) 1e-4 at every age
 *   le_grouped_warnings_*.csv    values 1e-6, each refusal's reason exact
 */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "methods/gw-life-table.h"

#include "gw-test-csv.h"

/* The band of the 90+ layout that starts at @age. */
static GwAgeBand
band_of_start_age (guint age)
{
  switch (age)
    {
    case 0:  return GW_AGE_0;
    case 1:  return GW_AGE_1_4;
    case 90: return GW_AGE_90_PLUS;
    default:
      g_assert_cmpuint (age % 5, ==, 0);
      g_assert_cmpuint (age, <=, 85);
      return (GwAgeBand) (age / 5 + 1);
    }
}

/* Rows of @csv (columns @age_col, @pop_col, "deaths") whose "area" is
 * @area, or all rows when @area is NULL. */
static gsize
load_input (const GwTestCsv  *csv,
            const char       *area,
            const char       *age_col,
            const char       *pop_col,
            GwLifeTableInput *input,
            gsize             max)
{
  gsize n = 0;

  for (guint r = 0; r < gw_test_csv_n_rows (csv); r++)
    {
      if (area != NULL && !g_str_equal (gw_test_csv_get (csv, r, "area"), area))
        continue;
      g_assert_cmpuint (n, <, max);
      input[n].band = band_of_start_age ((guint) gw_test_csv_double (csv, r, age_col));
      input[n].population = gw_test_csv_double (csv, r, pop_col);
      input[n].deaths = gw_test_csv_double (csv, r, "deaths");
      n++;
    }

  return n;
}

static void
load_df1 (double deaths[20],
          double population[20])
{
  g_autoptr(GwTestCsv) csv = gw_test_csv_load ("le_df1_input.csv");

  g_assert_cmpuint (gw_test_csv_n_rows (csv), ==, 20);
  for (guint r = 0; r < 20; r++)
    {
      g_assert_cmpuint (band_of_start_age ((guint) gw_test_csv_double (csv, r, "startage")), ==, r);
      population[r] = gw_test_csv_double (csv, r, "pops");
      deaths[r] = gw_test_csv_double (csv, r, "deaths");
    }
}

static void
test_df1_r_output (void)
{
  g_autoptr(GwTestCsv) expected = gw_test_csv_load ("le_df1_R_output_95_998.csv");
  g_autoptr(GError) error = NULL;
  double deaths[20], population[20];
  double max_error = 0.0;
  GwLifeTable table;

  load_df1 (deaths, population);
  g_assert_true (gw_life_table_compute_arrays (GW_LIFE_TABLE_LAYOUT_90_PLUS, deaths, population, 20,
                                               GW_Z_95, GW_Z_998, &table, &error));
  g_assert_no_error (error);
  g_assert_cmpint (table.suppression, ==, GW_LIFE_TABLE_OK);
  g_assert_cmpuint (table.n_rows, ==, 20);
  g_assert_cmpuint (table.final_start_age, ==, 90);

  g_assert_cmpuint (gw_test_csv_n_rows (expected), ==, 20);
  for (guint r = 0; r < 20; r++)
    {
      guint age = (guint) gw_test_csv_double (expected, r, "startage");
      const GwLifeTableRow *row = gw_life_table_get_row_at_age (&table, age);
      const struct { double actual; const char *column; } cols[] = {
        { row->value,    "value" },
        { row->lower95,  "lower95_0cl" },
        { row->upper95,  "upper95_0cl" },
        { row->lower998, "lower99_8cl" },
        { row->upper998, "upper99_8cl" },
      };

      g_assert_nonnull (row);
      g_assert_false (row->wide_ci);
      for (guint c = 0; c < G_N_ELEMENTS (cols); c++)
        {
          double want = gw_test_csv_double (expected, r, cols[c].column);

          gw_assert_close (cols[c].actual, want, 1e-6);
          max_error = MAX (max_error, fabs (cols[c].actual - want));
        }
      g_assert_cmpfloat (row->pops_used, ==, gw_test_csv_double (expected, r, "pops_used"));
      g_assert_cmpfloat (row->deaths_used, ==, gw_test_csv_double (expected, r, "dths_used"));
    }

  g_test_message ("df1 vs R output: largest difference %.3g years", max_error);
}

static void
test_df1_expected_answer (void)
{
  g_autoptr(GwTestCsv) expected = gw_test_csv_load ("le_df1_expected_answer1.csv");
  double deaths[20], population[20];
  double max_error = 0.0;
  GwLifeTable table;

  load_df1 (deaths, population);
  /* The package's expected answers were computed with z = 1.96 exactly. */
  g_assert_true (gw_life_table_compute_arrays (GW_LIFE_TABLE_LAYOUT_90_PLUS, deaths, population, 20,
                                               1.96, GW_Z_998, &table, NULL));
  g_assert_cmpfloat (table.z95, ==, 1.96);

  g_assert_cmpuint (gw_test_csv_n_rows (expected), ==, 20);
  for (guint r = 0; r < 20; r++)
    {
      const GwLifeTableRow *row = &table.rows[r];
      double want_value = gw_test_csv_double (expected, r, "value");
      double want_lower = gw_test_csv_double (expected, r, "lowercl");
      double want_upper = gw_test_csv_double (expected, r, "uppercl");

      g_assert_cmpuint (row->start_age, ==, (guint) gw_test_csv_double (expected, r, "startage"));
      gw_assert_close (row->value, want_value, 1e-4);
      gw_assert_close (row->lower95, want_lower, 1e-4);
      gw_assert_close (row->upper95, want_upper, 1e-4);
      max_error = MAX (max_error, fabs (row->value - want_value));
      max_error = MAX (max_error, fabs (row->lower95 - want_lower));
      max_error = MAX (max_error, fabs (row->upper95 - want_upper));
      g_assert_cmpfloat (row->pops_used, ==, gw_test_csv_double (expected, r, "pops_used"));
      g_assert_cmpfloat (row->deaths_used, ==, gw_test_csv_double (expected, r, "dths_used"));
    }

  g_test_message ("df1 vs expected answer (z = 1.96): largest difference %.3g years", max_error);
}

static void
test_grouped_warnings (void)
{
  /* The R code warns once per reason; these are the areas it refused and
   * why (its warnings: "some age bands have negative deaths", "... a zero
   * or less population", "... more deaths than population", "some groups
   * have a total population of less than 5,000", "some groups contain a
   * different number of age bands than 20"). */
  static const struct
  {
    const char             *area;
    GwLifeTableSuppression  reason;
    const char             *keyword;
    const char             *message;
  } areas[] = {
    { "Good data", GW_LIFE_TABLE_OK, "ok", NULL },
    { "Negative deaths", GW_LIFE_TABLE_NEGATIVE_DEATHS, "negative-deaths",
      "Some age bands have negative deaths" },
    { "Negative pops", GW_LIFE_TABLE_NONPOSITIVE_POPULATION, "nonpositive-population",
      "Some age bands have a population of zero or less" },
    { "Deaths more than pops", GW_LIFE_TABLE_DEATHS_EXCEED_POPULATION, "deaths-exceed-population",
      "Some age bands have more deaths than population" },
    { "Low pops", GW_LIFE_TABLE_SMALL_POPULATION, "small-population",
      "The total population is 5,000 or less, too small for a life table" },
    { "Missing age band", GW_LIFE_TABLE_BAND_MISSING, "band-missing",
      "Some age bands are missing" },
  };
  g_autoptr(GwTestCsv) input_csv = gw_test_csv_load ("le_grouped_warnings_input.csv");
  g_autoptr(GwTestCsv) output_csv = gw_test_csv_load ("le_grouped_warnings_R_output.csv");
  guint n_values = 0, n_refused = 0;

  for (guint a = 0; a < G_N_ELEMENTS (areas); a++)
    {
      GwLifeTableInput input[GW_LIFE_TABLE_MAX_BANDS];
      g_autoptr(GError) error = NULL;
      GwLifeTable table;
      gsize n;
      guint n_rows_r = 0;
      gboolean ok;

      n = load_input (input_csv, areas[a].area, "age", "pop", input, G_N_ELEMENTS (input));
      g_assert_cmpuint (n, >=, 19);
      ok = gw_life_table_compute (GW_LIFE_TABLE_LAYOUT_90_PLUS, input, n,
                                  GW_Z_95, GW_Z_998, &table, &error);
      g_assert_cmpint (table.suppression, ==, areas[a].reason);
      g_assert_cmpstr (gw_life_table_suppression_to_string (table.suppression), ==, areas[a].keyword);

      for (guint r = 0; r < gw_test_csv_n_rows (output_csv); r++)
        {
          guint age;
          const GwLifeTableRow *row;

          if (!g_str_equal (gw_test_csv_get (output_csv, r, "area"), areas[a].area))
            continue;
          n_rows_r++;
          age = (guint) gw_test_csv_double (output_csv, r, "age");
          row = gw_life_table_get_row_at_age (&table, age);

          if (areas[a].reason == GW_LIFE_TABLE_OK)
            {
              g_assert_nonnull (row);
              gw_assert_close (row->value, gw_test_csv_double (output_csv, r, "value"), 1e-6);
              gw_assert_close (row->lower95, gw_test_csv_double (output_csv, r, "lowercl"), 1e-6);
              gw_assert_close (row->upper95, gw_test_csv_double (output_csv, r, "uppercl"), 1e-6);
              g_assert_cmpfloat (row->pops_used, ==, gw_test_csv_double (output_csv, r, "pops_used"));
              g_assert_cmpfloat (row->deaths_used, ==, gw_test_csv_double (output_csv, r, "dths_used"));
            }
          else
            {
              /* R has no value at any age of a refused area; neither do we. */
              g_assert_true (isnan (gw_test_csv_double (output_csv, r, "value")));
              g_assert_true (isnan (gw_test_csv_double (output_csv, r, "lowercl")));
              g_assert_null (row);
            }
        }
      g_assert_cmpuint (n_rows_r, ==, n);

      if (areas[a].reason == GW_LIFE_TABLE_OK)
        {
          g_assert_true (ok);
          g_assert_no_error (error);
          g_assert_cmpuint (table.n_rows, ==, 20);
          n_values++;
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, GW_LIFE_TABLE_ERROR, (int) areas[a].reason);
          g_assert_cmpstr (error->message, ==, areas[a].message);
          g_assert_cmpstr (error->message, ==, gw_life_table_suppression_get_message (areas[a].reason));
          g_assert_cmpuint (table.n_rows, ==, 0);
          n_refused++;
        }
    }

  g_assert_cmpuint (n_values, ==, 1);
  g_assert_cmpuint (n_refused, ==, 5);
}

/* 85+ layout: the older exports' open band.  No R reference exists, but
 * the open band has closed forms: e = L / l = 1 / M = P / D and
 * SE = sqrt((l/2)^2 4 / (D M^2)) / l = P / D^1.5; and below 85 the
 * survivors are those of the 90+ table of the same data. */
static void
test_85_plus_layout (void)
{
  double deaths[20], population[20], deaths85[19], population85[19];
  GwLifeTable t90, t85;
  const GwLifeTableRow *open;
  double p, d;

  load_df1 (deaths, population);
  memcpy (deaths85, deaths, sizeof deaths85);
  memcpy (population85, population, sizeof population85);
  deaths85[18] = deaths[18] + deaths[19];
  population85[18] = population[18] + population[19];
  p = population85[18];
  d = deaths85[18];

  g_assert_true (gw_life_table_compute_arrays (GW_LIFE_TABLE_LAYOUT_90_PLUS, deaths, population, 20,
                                               GW_Z_95, GW_Z_998, &t90, NULL));
  g_assert_true (gw_life_table_compute_arrays (GW_LIFE_TABLE_LAYOUT_85_PLUS, deaths85, population85, 19,
                                               GW_Z_95, GW_Z_998, &t85, NULL));

  g_assert_cmpuint (t85.n_rows, ==, 19);
  g_assert_cmpuint (t85.final_start_age, ==, 85);
  g_assert_cmpint (t85.rows[18].band, ==, GW_AGE_85_PLUS);
  g_assert_cmpuint (t85.rows[18].width, ==, 0);
  g_assert_null (gw_life_table_get_row_at_age (&t85, 90));

  open = gw_life_table_get_row_at_age (&t85, 85);
  g_assert_nonnull (open);
  gw_assert_close_rel (open->e, p / d, 1e-12);           /* 6.1637... years */
  gw_assert_close_rel (open->se, p / (d * sqrt (d)), 1e-12);
  gw_assert_close_rel (open->lower95, p / d - GW_Z_95 * p / (d * sqrt (d)), 1e-12);
  gw_assert_close_rel (t90.rows[19].e, population[19] / deaths[19], 1e-12);

  for (guint i = 0; i < 19; i++)
    gw_assert_close_rel (t85.rows[i].l, t90.rows[i].l, 1e-14);
  /* The two series differ: the 85+ table closes earlier. */
  g_assert_cmpfloat (t85.rows[0].e, !=, t90.rows[0].e);
}

static void
assert_suppressed (GwLifeTableLayout       layout,
                   const GwLifeTableInput *input,
                   gsize                   n,
                   GwLifeTableSuppression  reason)
{
  g_autoptr(GError) error = NULL;
  GwLifeTable table;

  g_assert_false (gw_life_table_compute (layout, input, n, GW_Z_95, GW_Z_998, &table, &error));
  g_assert_error (error, GW_LIFE_TABLE_ERROR, (int) reason);
  g_assert_cmpint (table.suppression, ==, reason);
  g_assert_cmpuint (table.n_rows, ==, 0);
  g_assert_null (gw_life_table_get_row_at_age (&table, 0));
}

static void
df1_input (GwLifeTableInput input[20])
{
  double deaths[20], population[20];

  load_df1 (deaths, population);
  for (guint i = 0; i < 20; i++)
    {
      input[i].band = (GwAgeBand) i;
      input[i].deaths = deaths[i];
      input[i].population = population[i];
    }
}

static void
test_suppression_rules (void)
{
  GwLifeTableInput input[21];
  double deaths[20], population[20];
  GwLifeTable table;
  g_autoptr(GError) error = NULL;

  /* Zero deaths in the open band: L = l / M is infinite. */
  df1_input (input);
  input[19].deaths = 0;
  assert_suppressed (GW_LIFE_TABLE_LAYOUT_90_PLUS, input, 20, GW_LIFE_TABLE_NO_OPEN_BAND_DEATHS);

  /* A band twice. */
  df1_input (input);
  input[20] = input[2];
  assert_suppressed (GW_LIFE_TABLE_LAYOUT_90_PLUS, input, 21, GW_LIFE_TABLE_BAND_DUPLICATED);

  /* 85+ does not belong to the 90+ layout, nor 85-89 to the 85+ one. */
  df1_input (input);
  input[19].band = GW_AGE_85_PLUS;
  assert_suppressed (GW_LIFE_TABLE_LAYOUT_90_PLUS, input, 20, GW_LIFE_TABLE_BAND_OUTSIDE_LAYOUT);
  df1_input (input);
  assert_suppressed (GW_LIFE_TABLE_LAYOUT_85_PLUS, input, 19, GW_LIFE_TABLE_BAND_OUTSIDE_LAYOUT);

  /* A band without a number is missing. */
  df1_input (input);
  input[3].population = NAN;
  assert_suppressed (GW_LIFE_TABLE_LAYOUT_90_PLUS, input, 20, GW_LIFE_TABLE_BAND_MISSING);

  /* D = P is allowed (q stays below 1 in a 5-year band only if M <= 0.4,
   * so use the open band), D > P is not. */
  df1_input (input);
  input[19].deaths = input[19].population;
  g_assert_true (gw_life_table_compute (GW_LIFE_TABLE_LAYOUT_90_PLUS, input, 20,
                                        GW_Z_95, GW_Z_998, &table, NULL));
  gw_assert_close_rel (table.rows[19].e, 1.0, 1e-15);
  input[19].deaths = input[19].population + 1;
  assert_suppressed (GW_LIFE_TABLE_LAYOUT_90_PLUS, input, 20, GW_LIFE_TABLE_DEATHS_EXCEED_POPULATION);

  /* The package's order: negative deaths are reported before a
   * population of zero. */
  df1_input (input);
  input[4].deaths = -1;
  input[5].population = 0;
  assert_suppressed (GW_LIFE_TABLE_LAYOUT_90_PLUS, input, 20, GW_LIFE_TABLE_NEGATIVE_DEATHS);

  /* Total population: 5,000 is too small, 5,001 is enough. */
  for (guint i = 0; i < 20; i++)
    {
      input[i].band = (GwAgeBand) i;
      input[i].population = 250;
      input[i].deaths = 1;
    }
  assert_suppressed (GW_LIFE_TABLE_LAYOUT_90_PLUS, input, 20, GW_LIFE_TABLE_SMALL_POPULATION);
  input[0].population = 251;
  g_assert_true (gw_life_table_compute (GW_LIFE_TABLE_LAYOUT_90_PLUS, input, 20,
                                        GW_Z_95, GW_Z_998, &table, NULL));

  /* Arrays: too few bands is a missing band, too many is outside. */
  load_df1 (deaths, population);
  g_assert_false (gw_life_table_compute_arrays (GW_LIFE_TABLE_LAYOUT_90_PLUS, deaths, population, 19,
                                                GW_Z_95, GW_Z_998, &table, &error));
  g_assert_error (error, GW_LIFE_TABLE_ERROR, GW_LIFE_TABLE_BAND_MISSING);
  g_clear_error (&error);
  g_assert_false (gw_life_table_compute_arrays (GW_LIFE_TABLE_LAYOUT_85_PLUS, deaths, population, 20,
                                                GW_Z_95, GW_Z_998, &table, &error));
  g_assert_error (error, GW_LIFE_TABLE_ERROR, GW_LIFE_TABLE_BAND_OUTSIDE_LAYOUT);
}

/* A value whose 95% interval is wider than 20 years is blanked, its limits
 * kept.  300 person-years and 1 death in every band (total 6,000): the open
 * band has e = P / D = 300 years and SE = P / D^1.5 = 300 years. */
static void
test_wide_ci (void)
{
  GwLifeTableInput input[20];
  GwLifeTable table;
  const GwLifeTableRow *open;
  guint n_wide = 0;

  for (guint i = 0; i < 20; i++)
    {
      input[i].band = (GwAgeBand) i;
      input[i].population = 300;
      input[i].deaths = 1;
    }
  g_assert_true (gw_life_table_compute (GW_LIFE_TABLE_LAYOUT_90_PLUS, input, 20,
                                        GW_Z_95, GW_Z_998, &table, NULL));

  open = &table.rows[19];
  g_assert_true (open->wide_ci);
  g_assert_true (isnan (open->value));
  gw_assert_close_rel (open->e, 300.0, 1e-13);
  gw_assert_close_rel (open->lower95, 300.0 - GW_Z_95 * 300.0, 1e-13);
  gw_assert_close_rel (open->upper998, 300.0 + GW_Z_998 * 300.0, 1e-13);

  for (guint i = 0; i < 20; i++)
    {
      const GwLifeTableRow *row = &table.rows[i];
      double width = row->upper95 - row->lower95;

      g_assert_true (isfinite (row->lower95) && isfinite (row->upper95));
      g_assert_cmpint (row->wide_ci, ==, width > 20.0);
      if (row->wide_ci)
        {
          g_assert_true (isnan (row->value));
          n_wide++;
        }
      else
        g_assert_cmpfloat (row->value, ==, row->e);
    }
  g_test_message ("%u of 20 ages blanked", n_wide);
  g_assert_cmpuint (n_wide, ==, 20);

  /* df1 at a hundredth of its size with 4 deaths at 90+: the open band
   * has e = 119.36 / 4 = 29.84 and SE = 119.36 / 8 = 14.92 years; the 95%
   * interval is under 20 years from 0 to 80 and over it at 85 and 90. */
  df1_input (input);
  for (guint i = 0; i < 20; i++)
    {
      input[i].population /= 100;
      input[i].deaths /= 100;
    }
  input[19].deaths = 4;
  g_assert_true (gw_life_table_compute (GW_LIFE_TABLE_LAYOUT_90_PLUS, input, 20,
                                        GW_Z_95, GW_Z_998, &table, NULL));
  gw_assert_close_rel (table.rows[19].e, 29.84, 1e-13);
  gw_assert_close_rel (table.rows[19].se, 14.92, 1e-13);
  for (guint i = 0; i < 20; i++)
    {
      const GwLifeTableRow *row = &table.rows[i];

      g_assert_cmpint (row->wide_ci, ==, row->upper95 - row->lower95 > 20.0);
      g_assert_cmpint (row->wide_ci, ==, i >= 18);
      if (row->wide_ci)
        g_assert_true (isnan (row->value));
      else
        g_assert_cmpfloat (row->value, ==, row->e);
    }
}

/* Input order does not matter; the array form equals the row form. */
static void
test_input_order (void)
{
  GwLifeTableInput input[20], reversed[20];
  double deaths[20], population[20];
  GwLifeTable a, b, c;

  df1_input (input);
  for (guint i = 0; i < 20; i++)
    reversed[i] = input[19 - i];
  load_df1 (deaths, population);

  g_assert_true (gw_life_table_compute (GW_LIFE_TABLE_LAYOUT_90_PLUS, input, 20, GW_Z_95, GW_Z_998, &a, NULL));
  g_assert_true (gw_life_table_compute (GW_LIFE_TABLE_LAYOUT_90_PLUS, reversed, 20, GW_Z_95, GW_Z_998, &b, NULL));
  g_assert_true (gw_life_table_compute_arrays (GW_LIFE_TABLE_LAYOUT_90_PLUS, deaths, population, 20,
                                               GW_Z_95, GW_Z_998, &c, NULL));
  for (guint i = 0; i < 20; i++)
    {
      g_assert_cmpfloat (a.rows[i].e, ==, b.rows[i].e);
      g_assert_cmpfloat (a.rows[i].se, ==, b.rows[i].se);
      g_assert_cmpfloat (a.rows[i].e, ==, c.rows[i].e);
      g_assert_cmpfloat (a.rows[i].se, ==, c.rows[i].se);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gw/life-expectancy/df1/r-output", test_df1_r_output);
  g_test_add_func ("/gw/life-expectancy/df1/expected-answer", test_df1_expected_answer);
  g_test_add_func ("/gw/life-expectancy/suppression/grouped-warnings", test_grouped_warnings);
  g_test_add_func ("/gw/life-expectancy/suppression/rules", test_suppression_rules);
  g_test_add_func ("/gw/life-expectancy/wide-ci/blanked", test_wide_ci);
  g_test_add_func ("/gw/life-expectancy/layout/85-plus", test_85_plus_layout);
  g_test_add_func ("/gw/life-expectancy/input/order", test_input_order);

  return g_test_run ();
}
