/* test-indicators.c: indicators computed from a dataset's counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exports are written from the reference inputs of PHEindicatormethods and
 * from hand-made counts, imported through the reader, and the computed values
 * compared with the reference outputs.
 */
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "formats/gw-export-reader.h"
#include "methods/gw-indicators.h"

/* le_df1 (one area, 20 bands, persons): input and the R output at 0 and 65
 * with the exact quantiles (../shared/data/reference/methods). */
static const double df1_pops[20] = {
  7060, 35059, 46974, 48489, 43219, 38561, 46009, 57208, 61435, 55601,
  50209, 56416, 46411, 39820, 37978, 37039, 33288, 23306, 11936, 11936,
};
static const double df1_deaths[20] = {
  17, 9, 4, 8, 20, 15, 24, 33, 50, 71, 100, 163, 263, 304, 536, 872, 1390, 1605, 1936, 1937,
};
/* value, lower95, upper95, lower998, upper998 */
static const double df1_e0[5] = { 80.1696081319484, 79.882690753927, 80.4565255099697, 79.7172317833235, 80.6219844805733 };
static const double df1_e65[5] = { 18.7685685172345, 18.5757070600894, 18.9614299743796, 18.4644880799482, 19.0726489545208 };

static const char *const band_names[20] = {
  "0", "1-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49",
  "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+",
};

typedef struct
{
  char      *dir;
  GwDataset *ds;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("gw-indicators-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->ds = gw_dataset_new ();
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_object_unref (f->ds);
}

static void
import_text (Fixture *f, const char *name, const char *xml)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  GwBatch *batch;

  g_assert_true (g_file_set_contents (path, xml, -1, &error));
  batch = gw_export_read_file (f->ds, path, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (gw_dataset_commit (f->ds, batch, &error));
  g_assert_no_error (error);
}

#define HEADER \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\" id=\"%s\" generated=\"%s\">\n"

/* An export of one year of life-table counts for several areas of one sex. */
static char *
life_table_export (const char *id, const char *const *codes, guint n_areas,
                   const double *const *pops, const double *const *deaths,
                   const char *sex, guint first_year, guint n_years)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, HEADER, id, "2007-01-01T00:00:00Z");
  g_string_append (s, "  <areas>\n    <group id=\"g\" name=\"Group\"/>\n"
                      "    <area code=\"E92000001\" name=\"England\" type=\"country\"/>\n");
  for (guint a = 0; a < n_areas; a++)
    g_string_append_printf (s, "    <area code=\"%s\" name=\"Area %s\" type=\"ua\" groups=\"g\"/>\n", codes[a], codes[a]);
  g_string_append (s, "  </areas>\n");
  for (guint y = first_year; y < first_year + n_years; y++)
    {
      g_string_append_printf (s, "  <population period=\"%u\">\n", y);
      for (guint a = 0; a < n_areas; a++)
        for (guint b = 0; b < 20; b++)
          if (!isnan (pops[a][b]))
            g_string_append_printf (s, "    <c area=\"%s\" sex=\"%s\" age=\"%s\" n=\"%.12g\"/>\n",
                                    codes[a], sex, band_names[b], pops[a][b]);
      g_string_append (s, "  </population>\n");
      g_string_append_printf (s, "  <deaths period=\"%u\" basis=\"registration\">\n", y);
      for (guint a = 0; a < n_areas; a++)
        for (guint b = 0; b < 20; b++)
          if (!isnan (deaths[a][b]))
            g_string_append_printf (s, "    <c area=\"%s\" sex=\"%s\" age=\"%s\" n=\"%.12g\"/>\n",
                                    codes[a], sex, band_names[b], deaths[a][b]);
      g_string_append (s, "  </deaths>\n");
    }
  g_string_append (s, "</export>\n");
  return g_string_free (s, FALSE);
}

static const GwIndicatorValue *
find_value (GwIndicators *ind, GwDataset *ds, const char *indicator, const char *code,
            gboolean is_group, GwSex sex, GwPeriod period, gboolean rolling)
{
  gint id = gw_indicators_lookup_id (ind, indicator);
  gint subject = is_group ? gw_dataset_lookup_group (ds, code) : gw_dataset_lookup_area (ds, code);
  guint start, n;

  g_assert_cmpint (id, >=, 0);
  g_assert_cmpint (subject, >=, 0);
  n = gw_indicators_series (ind, id, is_group, subject, sex, &start);
  for (guint i = start; i < start + n; i++)
    {
      const GwIndicatorValue *v = gw_indicators_get_value (ind, i);

      if (v->period == period && v->rolling == rolling)
        return v;
    }
  return NULL;
}

static void
assert_value (const GwIndicatorValue *v, const double expected[5], double tolerance)
{
  g_assert_nonnull (v);
  g_assert_cmpfloat_with_epsilon (v->value, expected[0], tolerance);
  g_assert_cmpfloat_with_epsilon (v->lower95, expected[1], tolerance);
  g_assert_cmpfloat_with_epsilon (v->upper95, expected[2], tolerance);
  g_assert_cmpfloat_with_epsilon (v->lower998, expected[3], tolerance);
  g_assert_cmpfloat_with_epsilon (v->upper998, expected[4], tolerance);
}

/* le_df1 as an export: e0 and e65 to 1e-6 against the R output. */
static void
test_le_df1 (Fixture *f, gconstpointer data)
{
  const char *codes[] = { "E06000001" };
  const double *pops[] = { df1_pops };
  const double *deaths[] = { df1_deaths };
  g_autofree char *xml = life_table_export ("df1", codes, 1, pops, deaths, "p", 2006, 1);
  g_autoptr(GwIndicators) ind = NULL;
  const GwIndicatorValue *v;

  import_text (f, "df1.xml", xml);
  ind = gw_indicators_compute (f->ds);

  v = find_value (ind, f->ds, "le-birth", "E06000001", FALSE, GW_SEX_PERSONS, gw_period_year (2006), FALSE);
  assert_value (v, df1_e0, 1e-6);
  g_assert_cmpint (v->source, ==, GW_SOURCE_COMPUTED);
  g_assert_cmpuint (v->final_start_age, ==, 90);
  g_assert_cmpfloat (v->count, ==, 9357);
  g_assert_cmpfloat (v->denominator, ==, 787954);
  v = find_value (ind, f->ds, "le-65", "E06000001", FALSE, GW_SEX_PERSONS, gw_period_year (2006), FALSE);
  assert_value (v, df1_e65, 1e-6);

  /* the group of that one area has the same counts, so the same value */
  v = find_value (ind, f->ds, "le-birth", "g", TRUE, GW_SEX_PERSONS, gw_period_year (2006), FALSE);
  assert_value (v, df1_e0, 1e-6);
  /* no men or women counts: no values for them */
  g_assert_null (find_value (ind, f->ds, "le-birth", "E06000001", FALSE, GW_SEX_MALE, gw_period_year (2006), FALSE));
}

/* le_grouped_warnings: good data has a value; deaths above population,
 * a small population and a missing band have none, each with its reason.
 * (Negative counts cannot be written in an export: the reader refuses them.) */
static void
test_le_suppression (Fixture *f, gconstpointer data)
{
  const char *codes[] = { "A1", "A2", "A3", "A4" };
  double over[20], small[20], missing[20];
  const double *pops[4], *deaths[4];
  g_autofree char *xml = NULL;
  g_autoptr(GwIndicators) ind = NULL;
  const GwIndicatorValue *v;
  GwPeriod y = gw_period_year (2006);

  memcpy (over, df1_deaths, sizeof over);
  over[3] = df1_pops[3] + 1;             /* deaths > population in 10-14 */
  for (guint b = 0; b < 20; b++)
    small[b] = 100;                       /* total 2,000 person-years */
  memcpy (missing, df1_pops, sizeof missing);
  missing[7] = NAN;                       /* no 30-34 population */

  pops[0] = df1_pops; deaths[0] = df1_deaths;
  pops[1] = df1_pops; deaths[1] = over;
  pops[2] = small;    deaths[2] = df1_deaths;
  pops[3] = missing;  deaths[3] = df1_deaths;
  small[19] = 100;
  xml = life_table_export ("warn", codes, 4, pops, deaths, "f", 2006, 1);
  import_text (f, "warn.xml", xml);
  ind = gw_indicators_compute (f->ds);

  v = find_value (ind, f->ds, "le-birth", "A1", FALSE, GW_SEX_FEMALE, y, FALSE);
  g_assert_cmpfloat_with_epsilon (v->value, df1_e0[0], 1e-6);
  g_assert_null (v->note);
  v = find_value (ind, f->ds, "le-birth", "A2", FALSE, GW_SEX_FEMALE, y, FALSE);
  g_assert_true (isnan (v->value));
  g_assert_cmpstr (v->note, ==, "deaths-exceed-population");
  v = find_value (ind, f->ds, "le-birth", "A3", FALSE, GW_SEX_FEMALE, y, FALSE);
  g_assert_true (isnan (v->value));
  /* deaths above population in every band wins over the small total here:
   * the first rule that applies, in the package's order */
  g_assert_cmpstr (v->note, ==, "deaths-exceed-population");
  v = find_value (ind, f->ds, "le-birth", "A4", FALSE, GW_SEX_FEMALE, y, FALSE);
  g_assert_true (isnan (v->value));
  g_assert_cmpstr (v->note, ==, "band-missing");
  /* the group pools all four: A2's excess deaths make it refuse too */
  v = find_value (ind, f->ds, "le-birth", "g", TRUE, GW_SEX_FEMALE, y, FALSE);
  g_assert_true (isnan (v->value));
}

/* A small population alone: total person-years 2,000 with few deaths. */
static void
test_le_small_population (Fixture *f, gconstpointer data)
{
  const char *codes[] = { "S1" };
  double pops[20], deaths[20];
  const double *p[] = { pops }, *d[] = { deaths };
  g_autofree char *xml = NULL;
  g_autoptr(GwIndicators) ind = NULL;
  const GwIndicatorValue *v;

  for (guint b = 0; b < 20; b++)
    {
      pops[b] = 100;
      deaths[b] = b < 15 ? 0 : 5;
    }
  xml = life_table_export ("small", codes, 1, p, d, "m", 2006, 1);
  import_text (f, "small.xml", xml);
  ind = gw_indicators_compute (f->ds);
  v = find_value (ind, f->ds, "le-birth", "S1", FALSE, GW_SEX_MALE, gw_period_year (2006), FALSE);
  g_assert_true (isnan (v->value));
  g_assert_cmpstr (v->note, ==, "small-population");
  g_assert_cmpstr (gw_indicator_note_get_message (v->note), !=, "small-population");
}

/* Three years pooled: deaths and populations summed, the same as one year
 * with three times the counts. */
static void
test_pooled_years (Fixture *f, gconstpointer data)
{
  const char *codes[] = { "P1" };
  const double *pops[] = { df1_pops }, *deaths[] = { df1_deaths };
  g_autofree char *xml = life_table_export ("pooled", codes, 1, pops, deaths, "m", 2003, 3);
  g_autoptr(GwIndicators) ind = NULL;
  const GwIndicatorValue *v, *one;

  import_text (f, "pooled.xml", xml);
  ind = gw_indicators_compute (f->ds);
  v = find_value (ind, f->ds, "le-birth", "P1", FALSE, GW_SEX_MALE, gw_period_pooled (2003, 2005), FALSE);
  one = find_value (ind, f->ds, "le-birth", "P1", FALSE, GW_SEX_MALE, gw_period_year (2004), FALSE);
  g_assert_nonnull (v);
  g_assert_nonnull (one);
  /* same rates: same e0; three times the deaths: a narrower interval */
  g_assert_cmpfloat_with_epsilon (v->value, df1_e0[0], 1e-9);
  g_assert_cmpfloat (v->upper95 - v->lower95, <, one->upper95 - one->lower95);
  g_assert_cmpfloat_with_epsilon ((one->upper95 - one->lower95) / (v->upper95 - v->lower95), sqrt (3.0), 1e-6);
  g_assert_cmpfloat (v->count, ==, 3 * 9357);
  g_assert_cmpfloat (v->denominator, ==, 3 * 787954);
  /* no 2002-2004: 2002 has no counts */
  g_assert_null (find_value (ind, f->ds, "le-birth", "P1", FALSE, GW_SEX_MALE, gw_period_pooled (2002, 2004), FALSE));
}

/* Monthly deaths make a year when all twelve months are there; the rolling
 * 36 months to the latest month carry the latest population forward. */
static void
test_monthly_and_rolling (Fixture *f, gconstpointer data)
{
  GString *s = g_string_new (NULL);
  g_autoptr(GwIndicators) ind = NULL;
  g_autofree char *xml = NULL;
  const GwIndicatorValue *v;
  char buf[32];

  g_string_append_printf (s, HEADER, "monthly", "2007-07-01T00:00:00Z");
  g_string_append (s, "  <areas><area code=\"E92000001\" name=\"England\" type=\"country\"/>"
                      "<area code=\"M1\" name=\"Monthly\" type=\"ua\"/></areas>\n");
  /* population 2004 to 2006 (none for 2007: carried forward) */
  for (guint y = 2004; y <= 2006; y++)
    {
      g_string_append_printf (s, "  <population period=\"%u\">\n", y);
      for (guint b = 0; b < 20; b++)
        g_string_append_printf (s, "    <c area=\"M1\" sex=\"m\" age=\"%s\" n=\"%.12g\"/>\n", band_names[b], df1_pops[b] * 12);
      g_string_append (s, "  </population>\n");
    }
  /* deaths: df1's each month, July 2004 to June 2007, against twelve times
   * df1's population: df1's rates */
  for (guint mi = 2004 * 12 + 6; mi <= 2007 * 12 + 5; mi++)
    {
      g_string_append_printf (s, "  <deaths period=\"%04u-%02u\">\n", mi / 12, mi % 12 + 1);
      for (guint b = 0; b < 20; b++)
        g_string_append_printf (s, "    <c area=\"M1\" sex=\"m\" age=\"%s\" n=\"%.12g\"/>\n",
                                band_names[b], df1_deaths[b]);
      g_string_append (s, "  </deaths>\n");
    }
  g_string_append (s, "</export>\n");
  xml = g_string_free (s, FALSE);
  import_text (f, "monthly.xml", xml);
  ind = gw_indicators_compute (f->ds);

  /* 2005 and 2006 are complete years of months: deaths 12 x df1 */
  v = find_value (ind, f->ds, "le-birth", "M1", FALSE, GW_SEX_MALE, gw_period_year (2005), FALSE);
  g_assert_nonnull (v);
  g_assert_cmpfloat (v->count, ==, 12 * 9357);
  g_assert_cmpfloat_with_epsilon (v->value, df1_e0[0], 1e-9);
  /* 2004 has only July to December: no year */
  g_assert_null (find_value (ind, f->ds, "le-birth", "M1", FALSE, GW_SEX_MALE, gw_period_year (2004), FALSE));

  v = find_value (ind, f->ds, "le-birth", "M1", FALSE, GW_SEX_MALE, gw_period_month (2007, 6), TRUE);
  g_assert_nonnull (v);
  g_assert_cmpint (v->source, ==, GW_SOURCE_PROVISIONAL);
  g_assert_cmpstr (gw_indicator_value_format_period (v, buf), ==, "2004-07/2007-06");
  /* 36 months of df1 deaths over 3 years of 12 x df1 person-years, 2007's
   * population carried forward from 2006 */
  g_assert_cmpfloat_with_epsilon (v->count, 36 * 9357, 1e-6);
  g_assert_cmpfloat_with_epsilon (v->denominator, 36 * 787954, 1e-4);
  g_assert_cmpfloat_with_epsilon (v->value, df1_e0[0], 1e-9);
  g_assert_cmpstr (v->note, ==, NULL);
}

/* Infant mortality: deaths at age 0 per 1,000 live births, exact Poisson
 * limits below 10 deaths (exact_poisson_limits_x0_9.csv, x = 3). */
static void
test_infant_mortality (Fixture *f, gconstpointer data)
{
  GString *s = g_string_new (NULL);
  g_autoptr(GwIndicators) ind = NULL;
  g_autofree char *xml = NULL;
  const GwIndicatorValue *v;

  g_string_append_printf (s, HEADER, "imr", "2007-01-01T00:00:00Z");
  g_string_append (s, "  <areas><area code=\"E92000001\" name=\"England\" type=\"country\"/>"
                      "<area code=\"I1\" name=\"Infants\" type=\"ua\"/></areas>\n"
                      "  <births period=\"2006\"><c area=\"I1\" n=\"1500\"/>"
                      "<c area=\"E92000001\" n=\"600000\"/></births>\n"
                      "  <population period=\"2006\">\n");
  for (guint b = 0; b < 20; b++)
    g_string_append_printf (s, "    <c area=\"I1\" sex=\"p\" age=\"%s\" n=\"%.12g\"/>"
                               "<c area=\"E92000001\" sex=\"p\" age=\"%s\" n=\"%.12g\"/>\n",
                            band_names[b], df1_pops[b], band_names[b], df1_pops[b] * 70);
  g_string_append (s, "  </population>\n  <deaths period=\"2006\">\n");
  for (guint b = 0; b < 20; b++)
    g_string_append_printf (s, "    <c area=\"I1\" sex=\"p\" age=\"%s\" n=\"%.12g\"/>"
                               "<c area=\"E92000001\" sex=\"p\" age=\"%s\" n=\"%.12g\"/>\n",
                            band_names[b], b == 0 ? 3 : df1_deaths[b], band_names[b],
                            b == 0 ? 2700 : df1_deaths[b] * 70);
  g_string_append (s, "  </deaths>\n</export>\n");
  xml = g_string_free (s, FALSE);
  import_text (f, "imr.xml", xml);
  ind = gw_indicators_compute (f->ds);

  v = find_value (ind, f->ds, "imr", "I1", FALSE, GW_SEX_PERSONS, gw_period_year (2006), FALSE);
  g_assert_nonnull (v);
  g_assert_cmpfloat_with_epsilon (v->value, 2.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (v->lower95, 0.618672122895601 / 1.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (v->upper95, 8.76727306974232 / 1.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (v->lower998, 0.190533377568403 / 1.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (v->upper998, 13.0622407791881 / 1.5, 1e-9);
  /* England 4.5 per 1,000 lies inside 0.41..5.84: similar */
  g_assert_cmpint (v->compared, ==, GW_COMPARISON_SIMILAR);

  v = find_value (ind, f->ds, "imr", "E92000001", FALSE, GW_SEX_PERSONS, gw_period_year (2006), FALSE);
  g_assert_cmpfloat_with_epsilon (v->value, 4.5, 1e-12);
  g_assert_cmpint (v->compared, ==, GW_COMPARISON_NOT_COMPARED);

  /* all-age all-cause mortality exists for both, per 100,000 */
  v = find_value (ind, f->ds, "aaacm", "I1", FALSE, GW_SEX_PERSONS, gw_period_year (2006), FALSE);
  g_assert_nonnull (v);
  g_assert_false (isnan (v->value));
  g_assert_cmpfloat (v->lower95, <, v->value);
  g_assert_cmpfloat (v->value, <, v->upper95);
}

/* A published value wins over the computed one for its key; computed values
 * fill the other periods. */
static void
test_published_wins (Fixture *f, gconstpointer data)
{
  const char *codes[] = { "W1" };
  const double *pops[] = { df1_pops }, *deaths[] = { df1_deaths };
  g_autofree char *xml = life_table_export ("counts", codes, 1, pops, deaths, "p", 2005, 2);
  g_autofree char *published = g_strdup_printf (
    "%s  <indicator id=\"le-birth\" name=\"Life expectancy at birth\" unit=\"years\" polarity=\"higher-is-better\">\n"
    "    <v area=\"W1\" sex=\"p\" period=\"2005\" value=\"79.5\" lower=\"79.1\" upper=\"79.9\"/>\n"
    "  </indicator>\n</export>\n", "");
  g_autofree char *full = NULL;
  g_autoptr(GwIndicators) ind = NULL;
  const GwIndicatorValue *v;

  import_text (f, "counts.xml", xml);
  full = g_strdup_printf ("<?xml version=\"1.0\"?>\n<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\" "
                          "id=\"pub\" generated=\"2007-02-01T00:00:00Z\">\n%s", published);
  import_text (f, "pub.xml", full);
  ind = gw_indicators_compute (f->ds);

  v = find_value (ind, f->ds, "le-birth", "W1", FALSE, GW_SEX_PERSONS, gw_period_year (2005), FALSE);
  g_assert_cmpfloat (v->value, ==, 79.5);
  g_assert_cmpint (v->source, ==, GW_SOURCE_PUBLISHED);
  g_assert_true (isnan (v->lower998));
  v = find_value (ind, f->ds, "le-birth", "W1", FALSE, GW_SEX_PERSONS, gw_period_year (2006), FALSE);
  g_assert_cmpfloat_with_epsilon (v->value, df1_e0[0], 1e-6);
  g_assert_cmpint (v->source, ==, GW_SOURCE_COMPUTED);
}

/* A group's value comes from its members' pooled counts, not an average. */
static void
test_group_from_members (Fixture *f, gconstpointer data)
{
  const char *codes[] = { "G1", "G2" };
  double half_pops[20], other_deaths[20];
  const double *pops[2], *deaths[2];
  g_autofree char *xml = NULL;
  g_autoptr(GwIndicators) ind = NULL;
  const GwIndicatorValue *g, *a, *b;
  double mean, other_total = 0;

  for (guint i = 0; i < 20; i++)
    {
      half_pops[i] = df1_pops[i] / 2;
      other_deaths[i] = floor (df1_deaths[i] / 4);
      other_total += other_deaths[i];
    }
  pops[0] = df1_pops;  deaths[0] = df1_deaths;
  pops[1] = half_pops; deaths[1] = other_deaths;
  xml = life_table_export ("grp", codes, 2, pops, deaths, "m", 2006, 1);
  import_text (f, "grp.xml", xml);
  ind = gw_indicators_compute (f->ds);

  a = find_value (ind, f->ds, "le-birth", "G1", FALSE, GW_SEX_MALE, gw_period_year (2006), FALSE);
  b = find_value (ind, f->ds, "le-birth", "G2", FALSE, GW_SEX_MALE, gw_period_year (2006), FALSE);
  g = find_value (ind, f->ds, "le-birth", "g", TRUE, GW_SEX_MALE, gw_period_year (2006), FALSE);
  g_assert_nonnull (g);
  g_assert_cmpfloat (g->count, ==, 9357 + other_total);
  g_assert_cmpfloat (g->denominator, ==, 787954 * 1.5);
  mean = (a->value + b->value) / 2;
  g_assert_cmpfloat (fabs (g->value - mean), >, 0.1);
  g_assert_cmpfloat (g->value, >, a->value);
  g_assert_cmpfloat (g->value, <, b->value);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gw_formats_init ();

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/gw/indicators/life-expectancy/le-df1", test_le_df1);
  ADD ("/gw/indicators/life-expectancy/suppression", test_le_suppression);
  ADD ("/gw/indicators/life-expectancy/small-population", test_le_small_population);
  ADD ("/gw/indicators/periods/pooled", test_pooled_years);
  ADD ("/gw/indicators/periods/monthly-rolling", test_monthly_and_rolling);
  ADD ("/gw/indicators/imr/small-counts", test_infant_mortality);
  ADD ("/gw/indicators/precedence/published-wins", test_published_wins);
  ADD ("/gw/indicators/groups/from-member-counts", test_group_from_members);
#undef ADD

  return g_test_run ();
}
