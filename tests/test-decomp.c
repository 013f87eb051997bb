/* test-decomp.c: the gap by age and cause (Arriaga) and deaths to prevent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reference data, tolerances absolute:
 *   tests/data/methods/arriaga_example.csv (a copy of
 *     ../shared/data/reference/methods/): contributions printed to 1e-12
 *     years; we ask 1e-9, room for the order of floating-point operations
 *     in a sum of 20 bands and nothing more.
 *   tests/data/decomp/ (from ../shared/data/fixtures/decomp-6, see the
 *     README there): e0 and contributions printed to 1e-9, compared to 1e-6
 *     as the fixture's README asks; k to 1e-6, deaths a year to 0.01 (as
 *     issue 14 asks; printed to 1e-4).
 * Sums that the method makes exact (bands to the gap, causes to their
 * band) are checked to 1e-12 years.
 */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "methods/gw-decomp.h"

#include "gw-test-csv.h"

#define N_BANDS 20

/* Exact to rounding: the sums are of 20 terms of at most a few years. */
#define SUM_TOLERANCE 1e-12

/* --- arriaga_example.csv -------------------------------------------------- */

/* The example's cause deaths are not printed.  Its cause contributions
 * fit cause A = 0.4 x the comparator's deaths and 0.5 x the area's in every
 * band (the split D_{x,A} / D_x then equals (0.5 D2 - 0.4 D1) / (D2 - D1),
 * e.g. 2.7 / 2 = 1.35 at age 0, to 1e-10 in every band); cause B is the
 * rest.  With equal deaths at 5-9 the band gives 0 to both causes although
 * cause A's rates differ there: the rule for m2 = m1. */
#define EXAMPLE_A_COMPARATOR 0.4
#define EXAMPLE_A_AREA       0.5

typedef struct
{
  double population[N_BANDS];
  double deaths[2][N_BANDS];      /* comparator, area */
  double cause_a[2][N_BANDS];
  double cause_b[2][N_BANDS];
  /* Expected: rows 0..19 the bands, row 20 TOTAL; columns all causes, A, B. */
  double contribution[N_BANDS + 1][3];
  double e0_comparator;
  double e0_area;
} Example;

/* The file ends with two rows of two fields (e0_comparator, e0_area), which
 * gw_test_csv_load() refuses, so its lines are split here. */
static void
load_example (Example *ex)
{
  static const char *const columns[] = {
    "startage", "pops", "deaths_comparator", "deaths_area",
    "contribution_years", "contribution_causeA", "contribution_causeB",
  };
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "methods", "arriaga_example.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, N_BANDS + 4);

  header = gw_test_csv_split_line (lines[0]);
  g_assert_cmpuint (g_strv_length (header), ==, G_N_ELEMENTS (columns));
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    g_assert_cmpstr (header[c], ==, columns[c]);

  for (guint r = 0; r <= N_BANDS; r++)
    {
      g_auto(GStrv) f = gw_test_csv_split_line (lines[r + 1]);

      g_assert_cmpuint (g_strv_length (f), ==, G_N_ELEMENTS (columns));
      for (guint c = 0; c < 3; c++)
        ex->contribution[r][c] = g_ascii_strtod (f[4 + c], NULL);
      if (r == N_BANDS)
        {
          g_assert_cmpstr (f[0], ==, "TOTAL");
          break;
        }
      ex->population[r] = g_ascii_strtod (f[1], NULL);
      ex->deaths[0][r] = g_ascii_strtod (f[2], NULL);
      ex->deaths[1][r] = g_ascii_strtod (f[3], NULL);
      ex->cause_a[0][r] = EXAMPLE_A_COMPARATOR * ex->deaths[0][r];
      ex->cause_a[1][r] = EXAMPLE_A_AREA * ex->deaths[1][r];
      for (guint p = 0; p < 2; p++)
        ex->cause_b[p][r] = ex->deaths[p][r] - ex->cause_a[p][r];
    }
  for (guint r = N_BANDS + 2; r <= N_BANDS + 3; r++)
    {
      g_auto(GStrv) f = gw_test_csv_split_line (lines[r]);

      g_assert_cmpuint (g_strv_length (f), ==, 2);
      if (g_str_equal (f[0], "e0_comparator"))
        ex->e0_comparator = g_ascii_strtod (f[1], NULL);
      else
        {
          g_assert_cmpstr (f[0], ==, "e0_area");
          ex->e0_area = g_ascii_strtod (f[1], NULL);
        }
    }
  g_assert_cmpfloat (ex->e0_comparator, >, 0.0);
  g_assert_cmpfloat (ex->e0_area, >, 0.0);
}

/* Bands add up to the gap, the causes of each band (with "not specified")
 * to the band, the causes' all-age margins to the gap, shares to 100. */
static void
assert_sums (const GwDecomp *d)
{
  double bands = 0.0, causes = 0.0, shares = 0.0;

  for (guint x = 0; x < d->years.n_bands; x++)
    {
      double in_band = 0.0;

      for (guint c = 0; c <= d->years.n_causes; c++)
        in_band += gw_decomp_table_get (&d->years, x, c);
      gw_assert_close (in_band, gw_decomp_table_get (&d->years, x, GW_DECOMP_ALL), SUM_TOLERANCE);
      bands += gw_decomp_table_get (&d->years, x, GW_DECOMP_ALL);
      shares += gw_decomp_get_share (d, x, GW_DECOMP_ALL);
    }
  for (guint c = 0; c <= d->years.n_causes; c++)
    causes += gw_decomp_table_get (&d->years, GW_DECOMP_ALL, c);

  gw_assert_close (gw_decomp_table_get (&d->years, GW_DECOMP_ALL, GW_DECOMP_ALL), d->e0_area - d->e0_comparator,
                   SUM_TOLERANCE);
  gw_assert_close (bands, d->e0_area - d->e0_comparator, SUM_TOLERANCE);
  gw_assert_close (causes, d->e0_area - d->e0_comparator, SUM_TOLERANCE);
  gw_assert_close (shares, 100.0, 1e-9);
  gw_assert_close (gw_decomp_get_share (d, GW_DECOMP_ALL, GW_DECOMP_ALL), 100.0, 1e-12);
}

static void
test_example_by_cause (void)
{
  g_autoptr(GwDecomp) d = NULL;
  g_autoptr(GError) error = NULL;
  Example ex;
  const double *causes[2][2];
  GwDecompPopulation pop[2];
  double max_error = 0.0;

  load_example (&ex);
  for (guint p = 0; p < 2; p++)
    {
      causes[p][0] = ex.cause_a[p];
      causes[p][1] = ex.cause_b[p];
      /* No all-cause deaths: they are the sum of the two causes. */
      pop[p] = (GwDecompPopulation) { NULL, ex.population, causes[p] };
    }

  d = gw_decomp_arriaga (GW_LIFE_TABLE_LAYOUT_90_PLUS, &pop[0], &pop[1], N_BANDS, 2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (d);
  g_assert_cmpuint (d->years.n_causes, ==, 2);

  gw_assert_close (d->e0_comparator, ex.e0_comparator, 1e-9);
  gw_assert_close (d->e0_area, ex.e0_area, 1e-9);

  for (guint r = 0; r <= N_BANDS; r++)
    {
      guint band = r == N_BANDS ? GW_DECOMP_ALL : r;
      const double actual[3] = {
        gw_decomp_table_get (&d->years, band, GW_DECOMP_ALL), gw_decomp_table_get (&d->years, band, 0), gw_decomp_table_get (&d->years, band, 1),
      };

      for (guint c = 0; c < 3; c++)
        {
          gw_assert_close (actual[c], ex.contribution[r][c], 1e-9);
          max_error = MAX (max_error, fabs (actual[c] - ex.contribution[r][c]));
        }
      /* Every death has one of the two causes. */
      g_assert_cmpfloat (gw_decomp_table_get (&d->years, band, 2), ==, 0.0);
    }

  /* Equal all-cause rates at 5-9: exactly nothing, to every cause. */
  g_assert_cmpfloat (gw_decomp_table_get (&d->years, 2, GW_DECOMP_ALL), ==, 0.0);
  g_assert_cmpfloat (gw_decomp_table_get (&d->years, 2, 0), ==, 0.0);
  g_assert_cmpfloat (gw_decomp_table_get (&d->years, 2, 1), ==, 0.0);

  assert_sums (d);
  g_test_message ("arriaga_example: largest difference %.3g years", max_error);
}

/* Cause A alone with the all-cause deaths: cause B's deaths are not
 * covered by the causes given and come out as "not specified". */
static void
test_example_not_specified (void)
{
  g_autoptr(GwDecomp) d = NULL;
  g_autoptr(GError) error = NULL;
  Example ex;
  const double *causes[2][1];
  GwDecompPopulation pop[2];

  load_example (&ex);
  for (guint p = 0; p < 2; p++)
    {
      causes[p][0] = ex.cause_a[p];
      pop[p] = (GwDecompPopulation) { ex.deaths[p], ex.population, causes[p] };
    }

  d = gw_decomp_arriaga (GW_LIFE_TABLE_LAYOUT_90_PLUS, &pop[0], &pop[1], N_BANDS, 1, &error);
  g_assert_no_error (error);
  for (guint r = 0; r <= N_BANDS; r++)
    {
      guint band = r == N_BANDS ? GW_DECOMP_ALL : r;

      gw_assert_close (gw_decomp_table_get (&d->years, band, 0), ex.contribution[r][1], 1e-9);
      gw_assert_close (gw_decomp_table_get (&d->years, band, 1), ex.contribution[r][2], 1e-9);
    }
  assert_sums (d);
}

/* By age alone: no causes, everything "not specified". */
static void
test_example_by_age (void)
{
  g_autoptr(GwDecomp) d = NULL;
  g_autoptr(GError) error = NULL;
  Example ex;
  GwDecompPopulation pop[2];

  load_example (&ex);
  for (guint p = 0; p < 2; p++)
    pop[p] = (GwDecompPopulation) { ex.deaths[p], ex.population, NULL };

  d = gw_decomp_arriaga (GW_LIFE_TABLE_LAYOUT_90_PLUS, &pop[0], &pop[1], N_BANDS, 0, &error);
  g_assert_no_error (error);
  for (guint r = 0; r <= N_BANDS; r++)
    {
      guint band = r == N_BANDS ? GW_DECOMP_ALL : r;

      gw_assert_close (gw_decomp_table_get (&d->years, band, GW_DECOMP_ALL), ex.contribution[r][0], 1e-9);
      gw_assert_close (gw_decomp_table_get (&d->years, band, 0), gw_decomp_table_get (&d->years, band, GW_DECOMP_ALL), SUM_TOLERANCE);
    }
  assert_sums (d);
}

/* --- decomp-6 --------------------------------------------------------------- */

static const char *const decomp6_bands[N_BANDS] = {
  "0", "1-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44",
  "45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+",
};

/* The columns of decomp6_pooled.csv: the causes records name, sub-causes
 * after their parent, with the parent each folds into for the top level
 * (the export's <causes>: chd under circulatory, lung-cancer under cancer). */
#define N_RECORD_CAUSES 8
#define N_TOP_CAUSES    6
static const struct { const char *id; guint top; } decomp6_causes[N_RECORD_CAUSES] = {
  { "circulatory", 0 }, { "chd", 0 }, { "cancer", 1 }, { "lung-cancer", 1 },
  { "respiratory", 2 }, { "digestive", 3 }, { "external", 4 }, { "other", 5 },
};
static const char *const decomp6_top[N_TOP_CAUSES] = {
  "circulatory", "cancer", "respiratory", "digestive", "external", "other",
};

#define DECOMP6_COMPARATOR "E92000001"
#define DECOMP6_YEARS      3.0

typedef struct
{
  double  population[N_BANDS];
  double  record[N_RECORD_CAUSES][N_BANDS];  /* causes as recorded */
  double  top[N_TOP_CAUSES][N_BANDS];        /* sub-causes in their parents */
  const double *record_rows[N_RECORD_CAUSES];
  const double *top_rows[N_TOP_CAUSES];
} Counts6;

/* The pooled 2004-2006 counts of @area and @sex from decomp6_pooled.csv. */
static void
load_counts6 (const GwTestCsv *csv,
              const char      *area,
              const char      *sex,
              Counts6         *out)
{
  guint found = 0;

  memset (out, 0, sizeof *out);
  for (guint r = 0; r < gw_test_csv_n_rows (csv); r++)
    {
      const char *age = gw_test_csv_get (csv, r, "age");
      guint x;

      if (!g_str_equal (gw_test_csv_get (csv, r, "area_code"), area) ||
          !g_str_equal (gw_test_csv_get (csv, r, "sex"), sex))
        continue;
      for (x = 0; x < N_BANDS && !g_str_equal (decomp6_bands[x], age); x++)
        ;
      g_assert_cmpuint (x, <, N_BANDS);
      out->population[x] = gw_test_csv_double (csv, r, "population");
      for (guint c = 0; c < N_RECORD_CAUSES; c++)
        {
          double n = gw_test_csv_double (csv, r, decomp6_causes[c].id);

          out->record[c][x] = n;
          out->top[decomp6_causes[c].top][x] += n;
        }
      found++;
    }
  g_assert_cmpuint (found, ==, N_BANDS);

  for (guint c = 0; c < N_RECORD_CAUSES; c++)
    out->record_rows[c] = out->record[c];
  for (guint c = 0; c < N_TOP_CAUSES; c++)
    out->top_rows[c] = out->top[c];
}

static double
all_causes (const Counts6 *counts,
            guint          x)
{
  double sum = 0.0;

  for (guint c = 0; c < N_TOP_CAUSES; c++)
    sum += counts->top[c][x];
  return sum;
}

static GwTestCsv *
load_decomp6 (const char *name)
{
  /* gw_test_csv_load() reads below tests/data/methods. */
  g_autofree char *relative = g_build_filename ("..", "decomp", name, NULL);

  return gw_test_csv_load (relative);
}

/* Index of @age in the layout, GW_DECOMP_ALL for "all". */
static guint
band_of (const char *age)
{
  if (g_str_equal (age, "all"))
    return GW_DECOMP_ALL;
  for (guint x = 0; x < N_BANDS; x++)
    if (g_str_equal (decomp6_bands[x], age))
      return x;
  g_error ("unknown age %s", age);
  return 0;
}

static guint
top_cause_of (const char *cause)
{
  if (g_str_equal (cause, "all"))
    return GW_DECOMP_ALL;
  for (guint c = 0; c < N_TOP_CAUSES; c++)
    if (g_str_equal (decomp6_top[c], cause))
      return c;
  g_error ("unknown cause %s", cause);
  return 0;
}

static GwDecomp *
decompose6 (const GwTestCsv *pooled,
            const char      *area,
            const char      *sex,
            gboolean         record_level)
{
  Counts6 c1, c2;
  GwDecompPopulation p1, p2;
  g_autoptr(GError) error = NULL;
  GwDecomp *d;

  load_counts6 (pooled, DECOMP6_COMPARATOR, sex, &c1);
  load_counts6 (pooled, area, sex, &c2);
  p1 = (GwDecompPopulation) { NULL, c1.population, record_level ? c1.record_rows : c1.top_rows };
  p2 = (GwDecompPopulation) { NULL, c2.population, record_level ? c2.record_rows : c2.top_rows };

  d = gw_decomp_arriaga (GW_LIFE_TABLE_LAYOUT_90_PLUS, &p1, &p2, N_BANDS,
                         record_level ? N_RECORD_CAUSES : N_TOP_CAUSES, &error);
  g_assert_no_error (error);
  g_assert_nonnull (d);
  return d;
}

static void
test_decomp6_e0 (void)
{
  g_autoptr(GwTestCsv) pooled = load_decomp6 ("decomp6_pooled.csv");
  g_autoptr(GwTestCsv) expected = load_decomp6 ("e0.csv");
  double max_error = 0.0;

  g_assert_cmpuint (gw_test_csv_n_rows (expected), ==, 12);
  for (guint r = 0; r < gw_test_csv_n_rows (expected); r++)
    {
      g_autoptr(GwDecomp) d = decompose6 (pooled, gw_test_csv_get (expected, r, "area_code"),
                                          gw_test_csv_get (expected, r, "sex"), FALSE);
      double want_area = gw_test_csv_double (expected, r, "e0_area");
      double want_comparator = gw_test_csv_double (expected, r, "e0_comparator");

      gw_assert_close (d->e0_area, want_area, 1e-6);
      gw_assert_close (d->e0_comparator, want_comparator, 1e-6);
      max_error = MAX (max_error, MAX (fabs (d->e0_area - want_area),
                                       fabs (d->e0_comparator - want_comparator)));
    }
  g_test_message ("decomp-6 e0: largest difference %.3g years", max_error);
}

static void
test_decomp6_decompose (void)
{
  g_autoptr(GwTestCsv) pooled = load_decomp6 ("decomp6_pooled.csv");
  g_autoptr(GwTestCsv) expected = load_decomp6 ("decompose.csv");
  g_autoptr(GwDecomp) d = NULL;
  g_autofree char *current = NULL;
  guint n_checked = 0, n_subjects = 0;
  double max_error = 0.0;

  /* Every band and top-level cause, every band, every cause, the total. */
  g_assert_cmpuint (gw_test_csv_n_rows (expected), ==, 12 * ((N_BANDS + 1) * (N_TOP_CAUSES + 1)));
  for (guint r = 0; r < gw_test_csv_n_rows (expected); r++)
    {
      const char *area = gw_test_csv_get (expected, r, "area_code");
      const char *sex = gw_test_csv_get (expected, r, "sex");
      g_autofree char *subject = g_strconcat (area, "/", sex, NULL);
      double want = gw_test_csv_double (expected, r, "contribution");
      double got;

      if (g_strcmp0 (subject, current) != 0)
        {
          g_clear_pointer (&d, gw_decomp_free);
          d = decompose6 (pooled, area, sex, FALSE);
          assert_sums (d);
          /* No deaths without a cause in this export. */
          g_assert_cmpfloat (gw_decomp_table_get (&d->years, GW_DECOMP_ALL, N_TOP_CAUSES), ==, 0.0);
          g_free (current);
          current = g_steal_pointer (&subject);
          n_subjects++;
        }

      got = gw_decomp_table_get (&d->years, band_of (gw_test_csv_get (expected, r, "age")),
                           top_cause_of (gw_test_csv_get (expected, r, "cause")));
      gw_assert_close (got, want, 1e-6);
      max_error = MAX (max_error, fabs (got - want));
      n_checked++;
    }
  g_assert_cmpuint (n_subjects, ==, 12);
  g_test_message ("decomp-6 decompose: %u values, largest difference %.3g years", n_checked, max_error);
}

/* Any level of the cause tree: with the causes as recorded, a parent's own
 * records and its sub-cause's add up to the parent's top-level value. */
static void
test_decomp6_sub_causes (void)
{
  g_autoptr(GwTestCsv) pooled = load_decomp6 ("decomp6_pooled.csv");
  g_autoptr(GwDecomp) top = decompose6 (pooled, "E08100002", "m", FALSE);
  g_autoptr(GwDecomp) record = decompose6 (pooled, "E08100002", "m", TRUE);

  assert_sums (record);
  for (guint x = 0; x < N_BANDS; x++)
    {
      double folded[N_TOP_CAUSES] = { 0 };

      for (guint c = 0; c < N_RECORD_CAUSES; c++)
        folded[decomp6_causes[c].top] += gw_decomp_table_get (&record->years, x, c);
      for (guint c = 0; c < N_TOP_CAUSES; c++)
        gw_assert_close (folded[c], gw_decomp_table_get (&top->years, x, c), SUM_TOLERANCE);
    }
  /* chd matters here: it is not a rounding error of circulatory. */
  g_assert_cmpfloat (fabs (gw_decomp_table_get (&record->years, GW_DECOMP_ALL, 1)), >, 0.01);
}

static void
test_decomp6_reckon (void)
{
  g_autoptr(GwTestCsv) pooled = load_decomp6 ("decomp6_pooled.csv");
  g_autoptr(GwTestCsv) expected = load_decomp6 ("reckon.csv");
  double max_k = 0.0, max_deaths = 0.0;
  guint n_met = 0;

  g_assert_cmpuint (gw_test_csv_n_rows (expected), ==, 12);
  for (guint r = 0; r < gw_test_csv_n_rows (expected); r++)
    {
      const char *area = gw_test_csv_get (expected, r, "area_code");
      const char *sex = gw_test_csv_get (expected, r, "sex");
      g_autoptr(GwDecomp) d = decompose6 (pooled, area, sex, FALSE);
      g_autoptr(GwDecompReckoning) rk = NULL;
      g_autoptr(GError) error = NULL;
      Counts6 c1, c2;
      GwDecompPopulation p1, p2;
      double needed, want_k, want_deaths, total, bands = 0.0, causes = 0.0;

      load_counts6 (pooled, DECOMP6_COMPARATOR, sex, &c1);
      load_counts6 (pooled, area, sex, &c2);
      p1 = (GwDecompPopulation) { NULL, c1.population, c1.top_rows };
      p2 = (GwDecompPopulation) { NULL, c2.population, c2.top_rows };

      needed = gw_decomp_needed_value (d->e0_comparator,
                                       gw_test_csv_double (expected, r, "needed_gap"), TRUE);
      gw_assert_close (needed, gw_test_csv_double (expected, r, "needed_value"), 1e-6);

      rk = gw_decomp_reckon (GW_LIFE_TABLE_LAYOUT_90_PLUS, &p1, &p2, N_BANDS, N_TOP_CAUSES,
                             needed, DECOMP6_YEARS, &error);
      g_assert_no_error (error);
      g_assert_nonnull (rk);

      want_k = gw_test_csv_double (expected, r, "k");
      want_deaths = gw_test_csv_double (expected, r, "deaths_to_prevent");
      total = gw_decomp_table_get (&rk->deaths, GW_DECOMP_ALL, GW_DECOMP_ALL);
      gw_assert_close (rk->k, want_k, 1e-6);
      gw_assert_close (total, want_deaths, 0.01);
      max_k = MAX (max_k, fabs (rk->k - want_k));
      max_deaths = MAX (max_deaths, fabs (total - want_deaths));
      gw_assert_close (rk->current_value, d->e0_area, 1e-12);

      if (want_k == 0.0)
        {
          /* Already meets it: nothing to prevent, no search. */
          g_assert_cmpfloat (d->e0_area, >=, needed);
          g_assert_cmpfloat (rk->k, ==, 0.0);
          g_assert_cmpfloat (total, ==, 0.0);
          g_assert_cmpuint (rk->n_iterations, ==, 0);
          n_met++;
          continue;
        }

      /* The e0 reached is the one needed: de0/dk is a few years, k is
       * known to 1e-9. */
      gw_assert_close (rk->reached_value, needed, 1e-7);
      g_assert_cmpuint (rk->n_iterations, ==, 30);

      for (guint x = 0; x < N_BANDS; x++)
        {
          double in_band = 0.0;
          double band = gw_decomp_table_get (&rk->deaths, x, GW_DECOMP_ALL);
          double excess = all_causes (&c2, x) / c2.population[x] - all_causes (&c1, x) / c1.population[x];

          /* Only bands where the area's rate is higher; k of that excess. */
          if (excess <= 0.0)
            g_assert_cmpfloat (band, ==, 0.0);
          else
            gw_assert_close (band, rk->k * excess * c2.population[x] / DECOMP6_YEARS, 1e-9);

          for (guint c = 0; c <= N_TOP_CAUSES; c++)
            {
              double cause_excess = c < N_TOP_CAUSES
                ? c2.top[c][x] / c2.population[x] - c1.top[c][x] / c1.population[x] : 0.0;
              double v = gw_decomp_table_get (&rk->deaths, x, c);

              g_assert_cmpfloat (v, >=, 0.0);
              /* Causes with no excess get none. */
              if (cause_excess <= 0.0)
                g_assert_cmpfloat (v, ==, 0.0);
              in_band += v;
            }
          gw_assert_close (in_band, band, 1e-9);
          bands += band;
        }
      for (guint c = 0; c <= N_TOP_CAUSES; c++)
        causes += gw_decomp_table_get (&rk->deaths, GW_DECOMP_ALL, c);
      gw_assert_close (bands, total, 1e-9);
      gw_assert_close (causes, total, 1e-9);
    }
  g_assert_cmpuint (n_met, ==, 2);
  g_test_message ("decomp-6 reckon: largest difference k %.3g, deaths a year %.3g", max_k, max_deaths);
}

/* --- decomp6_pooled.csv against the fixture's export itself ------------------ */

typedef struct
{
  GHashTable *sums;     /* "area/sex/age/cause" (cause "population") -> double * */
  GHashTable *parents;  /* declared cause -> parent */
  char       *section;  /* "deaths" or "population" */
  guint       n_periods;
} Pool;

static const char *
attribute (const char **names,
           const char **values,
           const char  *name)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      return values[i];
  return NULL;
}

static void
pool_start_element (GMarkupParseContext  *context,
                    const char           *element,
                    const char          **names,
                    const char          **values,
                    gpointer              user_data,
                    GError              **error)
{
  Pool *pool = user_data;

  if (g_str_equal (element, "cause"))
    g_hash_table_insert (pool->parents, g_strdup (attribute (names, values, "id")),
                         g_strdup (attribute (names, values, "parent")));
  else if (g_str_equal (element, "deaths") || g_str_equal (element, "population"))
    {
      const char *period = attribute (names, values, "period");

      g_assert_true (g_str_equal (period, "2004") || g_str_equal (period, "2005") ||
                     g_str_equal (period, "2006"));
      g_free (pool->section);
      pool->section = g_strdup (element);
      pool->n_periods++;
    }
  else if (g_str_equal (element, "c"))
    {
      const char *cause = g_str_equal (pool->section, "population")
        ? "population" : attribute (names, values, "cause");
      g_autofree char *key = NULL;
      double *sum;

      g_assert_nonnull (cause);
      key = g_strjoin ("/", attribute (names, values, "area"), attribute (names, values, "sex"),
                       attribute (names, values, "age"), cause, NULL);
      sum = g_hash_table_lookup (pool->sums, key);
      if (sum == NULL)
        {
          sum = g_new0 (double, 1);
          g_hash_table_insert (pool->sums, g_steal_pointer (&key), sum);
        }
      *sum += g_ascii_strtod (attribute (names, values, "n"), NULL);
    }
}

static double
pool_get (Pool       *pool,
          const char *area,
          const char *sex,
          const char *age,
          const char *cause)
{
  g_autofree char *key = g_strjoin ("/", area, sex, age, cause, NULL);
  double *sum = g_hash_table_lookup (pool->sums, key);

  return sum != NULL ? *sum : 0.0;
}

static void
test_decomp6_pooled_from_export (void)
{
  const GMarkupParser parser = { pool_start_element, NULL, NULL, NULL, NULL };
  g_autoptr(GwTestCsv) pooled = load_decomp6 ("decomp6_pooled.csv");
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  const char *shared = g_getenv ("GW_SHARED_DIR");
  Pool pool = { 0 };
  gsize length;
  guint n_cells = 0;

  if (shared == NULL)
    {
      g_test_skip ("GW_SHARED_DIR is not set");
      return;
    }
  path = g_build_filename (shared, "data", "fixtures", "decomp-6", "deaths.xml", NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("GW_SHARED_DIR/data/fixtures/decomp-6 is missing");
      return;
    }
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  pool.sums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  pool.parents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &pool, NULL);
  g_markup_parse_context_parse (context, contents, length, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);

  /* The declarations the test folds by. */
  g_assert_cmpuint (pool.n_periods, ==, 6);
  g_assert_cmpuint (g_hash_table_size (pool.parents), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (pool.parents, "chd"), ==, "circulatory");
  g_assert_cmpstr (g_hash_table_lookup (pool.parents, "lung-cancer"), ==, "cancer");

  for (guint r = 0; r < gw_test_csv_n_rows (pooled); r++)
    {
      const char *area = gw_test_csv_get (pooled, r, "area_code");
      const char *sex = gw_test_csv_get (pooled, r, "sex");
      const char *age = gw_test_csv_get (pooled, r, "age");

      g_assert_cmpfloat (gw_test_csv_double (pooled, r, "population"), ==,
                         pool_get (&pool, area, sex, age, "population"));
      n_cells++;
      for (guint c = 0; c < N_RECORD_CAUSES; c++)
        {
          g_assert_cmpfloat (gw_test_csv_double (pooled, r, decomp6_causes[c].id), ==,
                             pool_get (&pool, area, sex, age, decomp6_causes[c].id));
          if (pool_get (&pool, area, sex, age, decomp6_causes[c].id) > 0.0)
            n_cells++;
        }
    }
  /* Every pooled cell of the export is in the CSV: 7 areas x 2 sexes x 20
   * bands, none left out. */
  g_assert_cmpuint (gw_test_csv_n_rows (pooled), ==, 7 * 2 * N_BANDS);
  g_assert_cmpuint (n_cells, ==, g_hash_table_size (pool.sums));

  g_hash_table_unref (pool.sums);
  g_hash_table_unref (pool.parents);
  g_free (pool.section);
}

/* --- refusals --------------------------------------------------------------- */

static void
assert_refused (GwLifeTableLayout         layout,
                const GwDecompPopulation *comparator,
                const GwDecompPopulation *area,
                guint                     n_bands,
                guint                     n_causes,
                GwDecompError             code,
                const char               *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) reckon_error = NULL;
  g_autoptr(GwDecomp) d = NULL;
  g_autoptr(GwDecompReckoning) rk = NULL;

  d = gw_decomp_arriaga (layout, comparator, area, n_bands, n_causes, &error);
  g_assert_null (d);
  g_assert_error (error, GW_DECOMP_ERROR, (int) code);
  g_assert_cmpstr (error->message, ==, message);

  /* The reckoner checks the counts the same way (it needs no survivors to
   * the last band, so that one case is Arriaga's alone). */
  if (code == GW_DECOMP_ERROR_NO_SURVIVORS)
    return;
  rk = gw_decomp_reckon (layout, comparator, area, n_bands, n_causes, 90.0, 3.0, &reckon_error);
  g_assert_null (rk);
  g_assert_error (reckon_error, GW_DECOMP_ERROR, (int) code);
  g_assert_cmpstr (reckon_error->message, ==, message);
}

static void
test_refuse_counts (void)
{
  Example ex;
  const double *causes[2][2];
  GwDecompPopulation pop[2];
  double saved;

  load_example (&ex);
  for (guint p = 0; p < 2; p++)
    {
      causes[p][0] = ex.cause_a[p];
      causes[p][1] = ex.cause_b[p];
      pop[p] = (GwDecompPopulation) { ex.deaths[p], ex.population, causes[p] };
    }

  /* Causes adding up to one death more than all causes at 65-69. */
  ex.cause_b[1][14] += 1.0;
  assert_refused (GW_LIFE_TABLE_LAYOUT_90_PLUS, &pop[0], &pop[1], N_BANDS, 2,
                  GW_DECOMP_ERROR_INVALID,
                  "The area’s deaths by cause at ages 65-69 add up to more than its deaths from all causes");
  ex.cause_b[1][14] -= 1.0;

  ex.cause_a[0][0] = -1.0;
  assert_refused (GW_LIFE_TABLE_LAYOUT_90_PLUS, &pop[0], &pop[1], N_BANDS, 2,
                  GW_DECOMP_ERROR_INVALID,
                  "The comparator’s deaths from a cause at ages 0 are missing or negative");
  ex.cause_a[0][0] = NAN;
  assert_refused (GW_LIFE_TABLE_LAYOUT_90_PLUS, &pop[0], &pop[1], N_BANDS, 2,
                  GW_DECOMP_ERROR_INVALID,
                  "The comparator’s deaths from a cause at ages 0 are missing or negative");
  ex.cause_a[0][0] = EXAMPLE_A_COMPARATOR * ex.deaths[0][0];

  /* 19 bands given to the 90+ layout; 20 to the 85+ one. */
  assert_refused (GW_LIFE_TABLE_LAYOUT_90_PLUS, &pop[0], &pop[1], N_BANDS - 1, 2,
                  GW_DECOMP_ERROR_INVALID, "The counts have 19 age bands where the life table has 20");
  assert_refused (GW_LIFE_TABLE_LAYOUT_85_PLUS, &pop[0], &pop[1], N_BANDS, 2,
                  GW_DECOMP_ERROR_INVALID, "The counts have 20 age bands where the life table has 19");

  /* Either population without a life table (section 1), with its reason. */
  saved = ex.deaths[1][10];
  ex.deaths[1][10] = ex.population[10] + 1.0;
  ex.cause_b[1][10] = ex.deaths[1][10] - ex.cause_a[1][10];
  assert_refused (GW_LIFE_TABLE_LAYOUT_90_PLUS, &pop[0], &pop[1], N_BANDS, 2,
                  GW_DECOMP_ERROR_NO_LIFE_TABLE,
                  "The area has no life expectancy: Some age bands have more deaths than population");
  ex.deaths[1][10] = saved;
  ex.cause_b[1][10] = ex.deaths[1][10] - ex.cause_a[1][10];

  ex.deaths[0][19] = ex.cause_a[0][19] = ex.cause_b[0][19] = 0.0;
  assert_refused (GW_LIFE_TABLE_LAYOUT_90_PLUS, &pop[0], &pop[1], N_BANDS, 2,
                  GW_DECOMP_ERROR_NO_LIFE_TABLE,
                  "The comparator has no life expectancy: There are no deaths in the final, open age band");
}

/* A band where everyone dies (n a M > 1, so q = 1) leaves no one for the
 * bands above, where Arriaga's l1_x / l2_x has no value. */
static void
test_refuse_no_survivors (void)
{
  Example ex;
  GwDecompPopulation pop[2];

  load_example (&ex);
  for (guint p = 0; p < 2; p++)
    pop[p] = (GwDecompPopulation) { ex.deaths[p], ex.population, NULL };

  ex.deaths[1][18] = 0.5 * ex.population[18];
  assert_refused (GW_LIFE_TABLE_LAYOUT_90_PLUS, &pop[0], &pop[1], N_BANDS, 0,
                  GW_DECOMP_ERROR_NO_SURVIVORS,
                  "No one reaches the final age band of the area’s life table");
}

/* A needed e0 above what the comparator's rates (wherever the area's are
 * higher) would give cannot be reached by the reckoner's rule. */
static void
test_reckon_unreachable (void)
{
  g_autoptr(GwDecompReckoning) rk = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  double best[N_BANDS];
  GwLifeTable table;
  Example ex;
  GwDecompPopulation pop[2];

  load_example (&ex);
  for (guint p = 0; p < 2; p++)
    pop[p] = (GwDecompPopulation) { ex.deaths[p], ex.population, NULL };

  /* The most the area can reach: k = 1, the lower of the two rates in
   * every band (same populations here, so the lower of the deaths). */
  for (guint x = 0; x < N_BANDS; x++)
    best[x] = MIN (ex.deaths[0][x], ex.deaths[1][x]);
  g_assert_true (gw_life_table_compute_arrays (GW_LIFE_TABLE_LAYOUT_90_PLUS, best, ex.population, N_BANDS,
                                               GW_Z_95, GW_Z_998, &table, NULL));

  rk = gw_decomp_reckon (GW_LIFE_TABLE_LAYOUT_90_PLUS, &pop[0], &pop[1], N_BANDS, 0,
                         table.rows[0].e + 0.01, 3.0, &error);
  g_assert_null (rk);
  g_assert_error (error, GW_DECOMP_ERROR, GW_DECOMP_ERROR_UNREACHABLE);
  message = g_strdup_printf ("A life expectancy of %.2f years is out of reach: with the comparator’s death "
                             "rates in every age band where the area’s are higher, it would be %.2f years",
                             table.rows[0].e + 0.01, table.rows[0].e);
  g_assert_cmpstr (error->message, ==, message);

  /* Exactly that e0 is reached, with every excess death prevented. */
  g_clear_error (&error);
  rk = gw_decomp_reckon (GW_LIFE_TABLE_LAYOUT_90_PLUS, &pop[0], &pop[1], N_BANDS, 0,
                         table.rows[0].e - 1e-12, 3.0, &error);
  g_assert_no_error (error);
  gw_assert_close (rk->k, 1.0, 1e-8);
  /* ... and then every excess death a year is prevented (same populations
   * here, so the excess is in deaths). */
  {
    double excess = 0.0;

    for (guint x = 0; x < N_BANDS; x++)
      excess += MAX (ex.deaths[1][x] - ex.deaths[0][x], 0.0);
    gw_assert_close (gw_decomp_table_get (&rk->deaths, GW_DECOMP_ALL, GW_DECOMP_ALL), excess / 3.0, 1e-5);
  }
}

static void
test_needed_value (void)
{
  g_assert_cmpfloat (gw_decomp_needed_value (80.0, 1.0, TRUE), ==, 79.2);
  g_assert_cmpfloat (gw_decomp_needed_value (80.0, 1.5, FALSE), ==, 78.5);
  g_assert_cmpfloat (gw_decomp_needed_value (80.0, 0.0, TRUE), ==, 80.0);
}

/* --- what if ------------------------------------------------------------------ */

/* The deaths the reckoner says to prevent, given back band by band and
 * cause by cause, bring e0 to the value the reckoner reached: the two
 * directions agree. */
static void
test_what_if_reckoned (void)
{
  g_autoptr(GwTestCsv) pooled = load_decomp6 ("decomp6_pooled.csv");
  const char *const areas[] = { "E08100000", "E08100003", "E08100005" };
  const double england_e0[2] = { 79.695948513, 83.619820009 };  /* e0.csv, men and women */
  double max_error = 0.0;

  for (guint a = 0; a < G_N_ELEMENTS (areas); a++)
    for (guint s = 0; s < 2; s++)
      {
        const char *sex = s == 0 ? "m" : "f";
        g_autoptr(GwDecompReckoning) rk = NULL;
        g_autoptr(GError) error = NULL;
        g_autoptr(GArray) preventions = g_array_new (FALSE, FALSE, sizeof (GwDecompPrevention));
        Counts6 c1, c2;
        GwDecompPopulation p1, p2;
        double e0 = NAN;

        load_counts6 (pooled, DECOMP6_COMPARATOR, sex, &c1);
        load_counts6 (pooled, areas[a], sex, &c2);
        p1 = (GwDecompPopulation) { NULL, c1.population, c1.top_rows };
        p2 = (GwDecompPopulation) { NULL, c2.population, c2.top_rows };

        rk = gw_decomp_reckon (GW_LIFE_TABLE_LAYOUT_90_PLUS, &p1, &p2, N_BANDS, N_TOP_CAUSES,
                               gw_decomp_needed_value (england_e0[s], 1.0, TRUE), DECOMP6_YEARS, &error);
        g_assert_no_error (error);
        g_assert_cmpfloat (rk->k, >, 0.0);

        for (guint x = 0; x < N_BANDS; x++)
          for (guint c = 0; c <= N_TOP_CAUSES; c++)
            {
              GwDecompPrevention prevention = { c, x, x, gw_decomp_table_get (&rk->deaths, x, c) };

              if (prevention.deaths > 0.0)
                g_array_append_val (preventions, prevention);
            }
        g_assert_cmpuint (preventions->len, >, 10);

        g_assert_true (gw_decomp_what_if (GW_LIFE_TABLE_LAYOUT_90_PLUS, &p2, N_BANDS, N_TOP_CAUSES,
                                          (const GwDecompPrevention *) preventions->data, preventions->len,
                                          DECOMP6_YEARS, &e0, &error));
        g_assert_no_error (error);
        gw_assert_close (e0, rk->reached_value, 1e-9);
        max_error = MAX (max_error, fabs (e0 - rk->reached_value));
      }
  g_test_message ("what if vs reckoner: largest difference %.3g years", max_error);
}

/* A prevention over an age range is spread over its bands in proportion to
 * the cause's deaths there; "all causes" in proportion to all deaths.  The
 * expected e0 comes from the life table of the counts reduced by hand. */
static void
test_what_if_spread (void)
{
  g_autoptr(GwTestCsv) pooled = load_decomp6 ("decomp6_pooled.csv");
  g_autoptr(GError) error = NULL;
  const GwDecompPrevention preventions[] = {
    { 2, 10, 15, 40.0 },                   /* respiratory, ages 45-74 */
    { GW_DECOMP_ALL, 0, 0, 5.0 },          /* every cause, age 0 */
  };
  double deaths[N_BANDS], respiratory = 0.0, e0 = NAN, e0_none = NAN;
  GwDecompPopulation area;
  GwLifeTable table;
  Counts6 c;

  load_counts6 (pooled, "E08100000", "m", &c);
  area = (GwDecompPopulation) { NULL, c.population, c.top_rows };

  for (guint x = 10; x <= 15; x++)
    respiratory += c.top[2][x];
  for (guint x = 0; x < N_BANDS; x++)
    {
      deaths[x] = all_causes (&c, x);
      if (x >= 10 && x <= 15)
        deaths[x] -= 40.0 * DECOMP6_YEARS * c.top[2][x] / respiratory;
    }
  deaths[0] -= 5.0 * DECOMP6_YEARS;
  g_assert_true (gw_life_table_compute_arrays (GW_LIFE_TABLE_LAYOUT_90_PLUS, deaths, c.population, N_BANDS,
                                               GW_Z_95, GW_Z_998, &table, NULL));

  g_assert_true (gw_decomp_what_if (GW_LIFE_TABLE_LAYOUT_90_PLUS, &area, N_BANDS, N_TOP_CAUSES,
                                    preventions, G_N_ELEMENTS (preventions), DECOMP6_YEARS, &e0, &error));
  g_assert_no_error (error);
  gw_assert_close (e0, table.rows[0].e, 1e-10);

  /* Nothing prevented: the area's own e0 (e0.csv). */
  g_assert_true (gw_decomp_what_if (GW_LIFE_TABLE_LAYOUT_90_PLUS, &area, N_BANDS, N_TOP_CAUSES,
                                    NULL, 0, DECOMP6_YEARS, &e0_none, &error));
  gw_assert_close (e0_none, 76.546235217, 1e-6);
  g_assert_cmpfloat (e0, >, e0_none);
}

static void
test_what_if_too_many (void)
{
  g_autoptr(GwTestCsv) pooled = load_decomp6 ("decomp6_pooled.csv");
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  GwDecompPrevention prevention = { 2, 10, 15, 0.0 };
  GwDecompPopulation area;
  double respiratory = 0.0, e0 = NAN;
  Counts6 c;

  load_counts6 (pooled, "E08100000", "m", &c);
  area = (GwDecompPopulation) { NULL, c.population, c.top_rows };
  for (guint x = 10; x <= 15; x++)
    respiratory += c.top[2][x];

  /* Every respiratory death at 45-74 can go... */
  prevention.deaths = respiratory / DECOMP6_YEARS;
  g_assert_true (gw_decomp_what_if (GW_LIFE_TABLE_LAYOUT_90_PLUS, &area, N_BANDS, N_TOP_CAUSES,
                                    &prevention, 1, DECOMP6_YEARS, &e0, &error));
  g_assert_no_error (error);

  /* ... one more a year cannot. */
  prevention.deaths += 1.0;
  g_assert_false (gw_decomp_what_if (GW_LIFE_TABLE_LAYOUT_90_PLUS, &area, N_BANDS, N_TOP_CAUSES,
                                     &prevention, 1, DECOMP6_YEARS, &e0, &error));
  g_assert_error (error, GW_DECOMP_ERROR, GW_DECOMP_ERROR_TOO_MANY);
  message = g_strdup_printf ("%.1f fewer deaths a year at ages 45-49 to 70-74 is more than the area has "
                             "there (%.1f a year)", prevention.deaths, respiratory / DECOMP6_YEARS);
  g_assert_cmpstr (error->message, ==, message);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gw/decomp/arriaga/example-by-cause", test_example_by_cause);
  g_test_add_func ("/gw/decomp/arriaga/example-not-specified", test_example_not_specified);
  g_test_add_func ("/gw/decomp/arriaga/example-by-age", test_example_by_age);
  g_test_add_func ("/gw/decomp/decomp6/e0", test_decomp6_e0);
  g_test_add_func ("/gw/decomp/decomp6/decompose", test_decomp6_decompose);
  g_test_add_func ("/gw/decomp/decomp6/sub-causes", test_decomp6_sub_causes);
  g_test_add_func ("/gw/decomp/decomp6/reckon", test_decomp6_reckon);
  g_test_add_func ("/gw/decomp/decomp6/pooled-from-export", test_decomp6_pooled_from_export);
  g_test_add_func ("/gw/decomp/refuse/counts", test_refuse_counts);
  g_test_add_func ("/gw/decomp/refuse/no-survivors", test_refuse_no_survivors);
  g_test_add_func ("/gw/decomp/reckon/unreachable", test_reckon_unreachable);
  g_test_add_func ("/gw/decomp/reckon/needed-value", test_needed_value);
  g_test_add_func ("/gw/decomp/what-if/reckoned", test_what_if_reckoned);
  g_test_add_func ("/gw/decomp/what-if/spread", test_what_if_spread);
  g_test_add_func ("/gw/decomp/what-if/too-many", test_what_if_too_many);

  return g_test_run ();
}
