/* test-sii-data.c: the SII of life expectancy from the counts of small areas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An export of LSOAs with IMD deciles (gw-test-sii-export.h) is imported
 * through GwImportTask, as gapwatch-cli does; the SII of an area, a group
 * and England from GwInequality must be exactly gw_sii_life_expectancy()
 * on the deaths and populations pooled by decile here, by hand, from the
 * numbers the export was written from (every count is an integer, so the
 * sums are exact whatever their order).
 */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "formats/gw-import-task.h"
#include "methods/gw-inequality.h"

#include "methods/gw-ci.h"
#include "gw-test-files.h"
#include "gw-test-sii-export.h"

#define REPS 10000

typedef struct
{
  char      *dir;
  GwDataset *ds;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("gw-sii-data-XXXXXX", &error);
  g_assert_no_error (error);
  path = sii_test_write_export (f->dir);
  f->ds = gw_dataset_new ();
  task = gw_import_task_new (f->ds, (const char *const[]) { path, NULL });
  g_assert_true (gw_import_task_run (task, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gw_import_task_get_n_failed (task), ==, 0);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_object_unref (f->ds);
}

static void
test_options (GwSiiOptions *options)
{
  gw_sii_options_init (options);
  options->repetitions = REPS;
}

/* Which LSOAs a subject pools. */
typedef gboolean (*KeepFunc) (guint lsoa);

static gboolean keep_ua1 (guint i) { guint ua; sii_test_lsoa_decile (i, &ua); return ua == 0; }
static gboolean keep_group (guint i) { guint ua; sii_test_lsoa_decile (i, &ua); return ua <= 1; }
static gboolean keep_all (guint i) { return TRUE; }

/* The expected SII: the kept LSOAs' counts of years first..last summed by
 * decile here, then the method itself. */
static void
expected_sii (KeepFunc keep, guint sex, guint first, guint last, guint start_age,
              GwSiiQuantile deciles[10], GwSiiResult *result)
{
  double deaths[10 * SII_TEST_N_BANDS] = { 0 }, pop[10 * SII_TEST_N_BANDS] = { 0 };
  g_autoptr(GError) error = NULL;
  GwSiiOptions options;

  for (guint i = 0; i < sii_test_n_lsoas (); i++)
    {
      guint q = sii_test_lsoa_decile (i, NULL) - 1;

      if (!keep (i))
        continue;
      for (guint y = first; y <= last; y++)
        for (guint b = 0; b < SII_TEST_N_BANDS; b++)
          {
            g_assert_true (sii_test_has_deaths (i, y));
            deaths[q * SII_TEST_N_BANDS + b] += sii_test_deaths (i, sex, y, b);
            pop[q * SII_TEST_N_BANDS + b] += sii_test_population (i, sex, y, b);
          }
    }
  test_options (&options);
  g_assert_true (gw_sii_life_expectancy (GW_LIFE_TABLE_LAYOUT_90_PLUS, deaths, pop, 10, start_age,
                                         &options, deciles, result, &error));
  g_assert_no_error (error);
}

/* value (from the dataset) against the hand-pooled SII, to the last bit. */
static void
assert_same_sii (const GwInequalityValue *value, KeepFunc keep, guint first, guint last)
{
  GwSiiQuantile deciles[10];
  GwSiiResult expected;

  expected_sii (keep, value->sex, first, last, value->start_age, deciles, &expected);
  g_assert_true (value->has_value);
  g_assert_cmpuint (value->n_deciles, ==, 10);
  g_assert_cmpuint (value->missing_deciles, ==, 0);
  g_assert_cmpint (value->layout, ==, GW_LIFE_TABLE_LAYOUT_90_PLUS);
  g_assert_cmpint (value->small_area_type, ==, GW_AREA_LSOA);
  g_assert_cmpfloat (value->sii.sii, ==, expected.sii);
  g_assert_cmpfloat (value->sii.rii, ==, expected.rii);
  g_assert_cmpfloat (value->sii.intercept, ==, expected.intercept);
  for (guint l = 0; l < GW_SII_N_LEVELS; l++)
    {
      g_assert_cmpfloat (value->sii.sii_lower[l], ==, expected.sii_lower[l]);
      g_assert_cmpfloat (value->sii.sii_upper[l], ==, expected.sii_upper[l]);
      g_assert_cmpfloat (value->sii.rii_lower[l], ==, expected.rii_lower[l]);
      g_assert_cmpfloat (value->sii.rii_upper[l], ==, expected.rii_upper[l]);
    }
  for (guint q = 0; q < 10; q++)
    {
      g_assert_cmpfloat (value->deciles[q].value, ==, deciles[q].value);
      g_assert_cmpfloat (value->deciles[q].se, ==, deciles[q].se);
      g_assert_cmpfloat (value->deciles[q].population, ==, deciles[q].population);
    }
  /* the data's gradient: the least deprived live longer */
  g_assert_cmpfloat (value->sii.sii, >, 0.0);
  g_assert_cmpfloat (value->sii.sii_lower[GW_SII_LEVEL_95], <, value->sii.sii);
  g_assert_cmpfloat (value->sii.sii_upper[GW_SII_LEVEL_95], >, value->sii.sii);
}

static guint
area (Fixture *f, const char *code)
{
  gint a = gw_dataset_lookup_area (f->ds, code);

  g_assert_cmpint (a, >=, 0);
  return (guint) a;
}

static void
test_period (Fixture *f, gconstpointer data)
{
  g_autoptr(GwInequality) ineq = NULL;
  g_autoptr(GwInequality) year = NULL;
  g_autoptr(GwDataset) empty = gw_dataset_new ();
  g_autoptr(GError) error = NULL;

  /* the latest three years: 2018 has deaths (all but one LSOA's) */
  g_assert_cmpuint (gw_inequality_latest_period (f->ds), ==, gw_period_pooled (2016, 2018));
  ineq = gw_inequality_new (f->ds, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gw_inequality_get_period (ineq), ==, gw_period_pooled (2016, 2018));

  /* a calendar year is a period too */
  year = gw_inequality_new (f->ds, gw_period_year (2017), &error);
  g_assert_no_error (error);
  g_assert_nonnull (year);

  g_assert_null (gw_inequality_new (f->ds, gw_period_month (2017, 6), &error));
  g_assert_error (error, GW_INEQUALITY_ERROR, GW_INEQUALITY_ERROR_PERIOD);
  g_assert_cmpstr (error->message, ==, "2017-06 is not a calendar year or pooled years (e.g. 2016 or 2016-2018)");
  g_clear_error (&error);

  g_assert_cmpuint (gw_inequality_latest_period (empty), ==, 0);
  g_assert_null (gw_inequality_new (empty, 0, &error));
  g_assert_error (error, GW_INEQUALITY_ERROR, GW_INEQUALITY_ERROR_NO_DATA);
}

static void
test_subjects (Fixture *f, gconstpointer data)
{
  g_autoptr(GwInequality) ineq = gw_inequality_new (f->ds, 0, NULL);
  g_autoptr(GArray) subjects = gw_inequality_list_subjects (ineq);
  const char *const expected[] = { "E92000001", "E12000001", "E06000001", "E06000002", "E06000003", "E06000004" };

  /* England, the region and the four UAs (no LSOA), then the group */
  g_assert_cmpuint (subjects->len, ==, G_N_ELEMENTS (expected) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const GwInequalitySubject *s = &g_array_index (subjects, GwInequalitySubject, i);

      g_assert_false (s->is_group);
      g_assert_cmpstr (gw_dataset_get_area (f->ds, s->subject)->code, ==, expected[i]);
    }
  g_assert_true (g_array_index (subjects, GwInequalitySubject, 6).is_group);
  g_assert_cmpstr (gw_dataset_get_group (f->ds, g_array_index (subjects, GwInequalitySubject, 6).subject)->id,
                   ==, "g1");
}

/* An area's SII, both sexes, at birth and at 65, for two periods. */
static void
test_area (Fixture *f, gconstpointer data)
{
  GwSiiOptions options;
  guint ua1 = area (f, "E06000001");

  test_options (&options);
  for (guint p = 0; p < 2; p++)
    {
      guint first = p == 0 ? 2016 : 2015;
      g_autoptr(GwInequality) ineq = gw_inequality_new (f->ds, gw_period_pooled (first, first + 2), NULL);

      for (GwSex sex = GW_SEX_MALE; sex <= GW_SEX_FEMALE; sex++)
        for (guint k = 0; k < 2; k++)
          {
            g_autoptr(GError) error = NULL;
            GwInequalityValue value;

            gboolean ok = gw_inequality_compute (ineq, FALSE, ua1, sex, k == 0 ? 0 : 65, &options,
                                                 &value, &error);

            g_assert_no_error (error);
            g_assert_true (ok);
            g_assert_cmpuint (value.n_small_areas, ==, 20);
            assert_same_sii (&value, keep_ua1, first, first + 2);
            g_test_message ("E06000001 %s e%u %u-%u: SII %.4f (%.4f to %.4f)", gw_sex_to_string (sex),
                            value.start_age, first, first + 2, value.sii.sii,
                            value.sii.sii_lower[0], value.sii.sii_upper[0]);
          }
    }
}

/* A group pools its members' LSOAs; England and the region pool every LSOA,
 * and have no value while one LSOA lacks a year. */
static void
test_group_and_england (Fixture *f, gconstpointer data)
{
  g_autoptr(GwInequality) latest = gw_inequality_new (f->ds, 0, NULL);
  g_autoptr(GwInequality) earlier = gw_inequality_new (f->ds, gw_period_pooled (2015, 2017), NULL);
  g_autoptr(GError) error = NULL;
  GwSiiOptions options;
  GwInequalityValue value;

  test_options (&options);
  g_assert_true (gw_inequality_compute (latest, TRUE, 0, GW_SEX_FEMALE, 0, &options, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (value.n_small_areas, ==, 30);
  assert_same_sii (&value, keep_group, 2016, 2018);

  for (guint k = 0; k < 2; k++)
    {
      guint subject = area (f, k == 0 ? "E92000001" : "E12000001");

      g_assert_true (gw_inequality_compute (earlier, FALSE, subject, GW_SEX_MALE, 0, &options, &value, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (value.n_small_areas, ==, sii_test_n_lsoas ());
      assert_same_sii (&value, keep_all, 2015, 2017);

      g_assert_false (gw_inequality_compute (latest, FALSE, subject, GW_SEX_MALE, 0, &options, &value, &error));
      g_assert_error (error, GW_INEQUALITY_ERROR, GW_INEQUALITY_ERROR_INCOMPLETE_DECILES);
      g_assert_cmpstr (error->message, ==, "Decile 5 has no small areas with deaths and populations for 2016-2018");
      g_assert_false (value.has_value);
      g_assert_cmpuint (value.n_deciles, ==, 9);
      g_clear_error (&error);
    }
}

/* A missing decile, or a decile with an LSOA without a year's deaths: no
 * value, and the deciles named. */
static void
test_incomplete (Fixture *f, gconstpointer data)
{
  g_autoptr(GwInequality) latest = gw_inequality_new (f->ds, 0, NULL);
  g_autoptr(GwInequality) earlier = gw_inequality_new (f->ds, gw_period_pooled (2015, 2017), NULL);
  g_autoptr(GError) error = NULL;
  GwInequalityValue value;
  GwSiiOptions options;

  test_options (&options);
  for (guint p = 0; p < 2; p++)
    {
      g_assert_false (gw_inequality_compute (p == 0 ? latest : earlier, FALSE, area (f, "E06000003"),
                                             GW_SEX_MALE, 0, &options, &value, &error));
      g_assert_error (error, GW_INEQUALITY_ERROR, GW_INEQUALITY_ERROR_INCOMPLETE_DECILES);
      g_assert_cmpstr (error->message, ==, p == 0 ? "Decile 7 has no small areas with deaths and populations for 2016-2018"
                                                  : "Decile 7 has no small areas with deaths and populations for 2015-2017");
      g_assert_cmpuint (value.n_small_areas, ==, 9);
      g_assert_cmpuint (value.n_deciles, ==, 9);
      g_assert_cmpuint (value.missing_deciles, ==, 1u << 6);
      g_assert_false (value.has_value);
      g_clear_error (&error);
    }

  /* E06000004: complete in 2015-2017, not in 2016-2018 */
  g_assert_false (gw_inequality_compute (latest, FALSE, area (f, "E06000004"), GW_SEX_FEMALE, 65,
                                         &options, &value, &error));
  g_assert_error (error, GW_INEQUALITY_ERROR, GW_INEQUALITY_ERROR_INCOMPLETE_DECILES);
  g_assert_cmpuint (value.missing_deciles, ==, 1u << 4);
  g_clear_error (&error);
  g_assert_true (gw_inequality_compute (earlier, FALSE, area (f, "E06000004"), GW_SEX_FEMALE, 65,
                                        &options, &value, &error));
  g_assert_no_error (error);

  /* an LSOA itself, or an area with no LSOAs: no decile at all */
  g_assert_false (gw_inequality_compute (latest, FALSE, area (f, "E01000001"), GW_SEX_MALE, 0,
                                         &options, &value, &error));
  g_assert_error (error, GW_INEQUALITY_ERROR, GW_INEQUALITY_ERROR_INCOMPLETE_DECILES);
  g_assert_cmpstr (error->message, ==, "Deciles 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 have no small areas with deaths and populations for 2016-2018");
  g_assert_cmpuint (value.n_small_areas, ==, 0);
  g_assert_cmpuint (value.n_deciles, ==, 0);
}

/* An LSOA under an MSOA under a UA counts for the UA, the MSOA does not
 * (LSOAs win over MSOAs) and is no subject of its own; without counts the
 * new LSOA leaves its decile without counts. */
static void
test_msoa (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "msoa.xml", NULL);
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GwInequality) ineq = NULL;
  g_autoptr(GArray) subjects = NULL;
  g_autoptr(GError) error = NULL;
  GwInequalityValue value;
  GwSiiOptions options;

  g_assert_true (g_file_set_contents (path,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.1\" id=\"msoa\" generated=\"2019-07-01T00:00:00Z\">\n"
    "  <areas>\n"
    "    <area code=\"E02000001\" name=\"MSOA 1\" type=\"msoa\" parent=\"E06000002\" imd-decile=\"3\"/>\n"
    "    <area code=\"E01900001\" name=\"LSOA new\" type=\"lsoa\" parent=\"E02000001\" imd-decile=\"3\"/>\n"
    "  </areas>\n"
    "</export>\n", -1, &error));
  g_assert_no_error (error);
  task = gw_import_task_new (f->ds, (const char *const[]) { path, NULL });
  g_assert_true (gw_import_task_run (task, NULL, &error));
  g_assert_cmpuint (gw_import_task_get_n_failed (task), ==, 0);

  ineq = gw_inequality_new (f->ds, 0, &error);
  g_assert_no_error (error);
  subjects = gw_inequality_list_subjects (ineq);
  for (guint i = 0; i < subjects->len; i++)
    {
      const GwInequalitySubject *s = &g_array_index (subjects, GwInequalitySubject, i);

      g_assert_true (s->is_group || s->subject != area (f, "E02000001"));
    }
  g_assert_cmpuint (subjects->len, ==, 7);

  test_options (&options);
  g_assert_false (gw_inequality_compute (ineq, FALSE, area (f, "E06000002"), GW_SEX_MALE, 0,
                                         &options, &value, &error));
  g_assert_error (error, GW_INEQUALITY_ERROR, GW_INEQUALITY_ERROR_INCOMPLETE_DECILES);
  g_assert_cmpuint (value.n_small_areas, ==, 11);
  g_assert_cmpint (value.small_area_type, ==, GW_AREA_LSOA);
  g_assert_cmpuint (value.missing_deciles, ==, 1u << 2);
}

/* The same deciles published (export 1.1 `decile`, value with its 95%
 * limits and the decile's population as denominator) give the same SII as
 * the counts they came from: the point exactly, the limits with the same
 * seed (methods.md section 4). */
static void
test_published (Fixture *f, gconstpointer data)
{
  GwSiiOptions options;
  guint ua1 = area (f, "E06000001");
  GwPeriod period = gw_period_pooled (2016, 2018);
  g_autoptr(GwInequality) ineq = gw_inequality_new (f->ds, period, NULL);
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autofree char *path = g_build_filename (f->dir, "published.xml", NULL);
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GError) error = NULL;
  GwInequalityValue counts[2], published;

  test_options (&options);
  g_string_append (xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.1\" id=\"sii-published\""
                        " generated=\"2030-01-01T00:00:00Z\">\n"
                        "  <indicator id=\"le-birth\" name=\"Life expectancy at birth\" unit=\"years\""
                        " polarity=\"higher-is-better\">\n");
  for (GwSex sex = GW_SEX_MALE; sex <= GW_SEX_FEMALE; sex++)
    {
      g_assert_true (gw_inequality_compute (ineq, FALSE, ua1, sex, 0, &options, &counts[sex - GW_SEX_MALE], &error));
      g_assert_no_error (error);
      for (guint d = 0; d < 10; d++)
        {
          const GwSiiQuantile *q = &counts[sex - GW_SEX_MALE].deciles[d];
          char v[G_ASCII_DTOSTR_BUF_SIZE], lo[G_ASCII_DTOSTR_BUF_SIZE], hi[G_ASCII_DTOSTR_BUF_SIZE];
          char n[G_ASCII_DTOSTR_BUF_SIZE];

          g_string_append_printf (xml, "    <v area=\"E06000001\" sex=\"%s\" period=\"2016-2018\" decile=\"%u\""
                                       " value=\"%s\" lower=\"%s\" upper=\"%s\" denominator=\"%s\"/>\n",
                                  gw_sex_to_string (sex), d + 1,
                                  g_ascii_dtostr (v, sizeof v, q->value),
                                  g_ascii_dtostr (lo, sizeof lo, q->value - GW_Z_95 * q->se),
                                  g_ascii_dtostr (hi, sizeof hi, q->value + GW_Z_95 * q->se),
                                  g_ascii_dtostr (n, sizeof n, q->population));
        }
    }
  g_string_append (xml, "  </indicator>\n</export>\n");
  g_assert_true (g_file_set_contents (path, xml->str, -1, &error));
  task = gw_import_task_new (f->ds, (const char *const[]) { path, NULL });
  g_assert_true (gw_import_task_run (task, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gw_import_task_get_n_failed (task), ==, 0);

  for (GwSex sex = GW_SEX_MALE; sex <= GW_SEX_FEMALE; sex++)
    {
      const GwSiiResult *c = &counts[sex - GW_SEX_MALE].sii;

      g_assert_true (gw_inequality_compute_published (f->ds, "le-birth", FALSE, ua1, sex, period, &options,
                                                      &published, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat_with_epsilon (published.sii.sii, c->sii, 1e-9);
      g_assert_cmpfloat_with_epsilon (published.sii.rii, c->rii, 1e-9);
      for (guint l = 0; l < GW_SII_N_LEVELS; l++)
        {
          g_assert_cmpfloat_with_epsilon (published.sii.sii_lower[l], c->sii_lower[l], 1e-6);
          g_assert_cmpfloat_with_epsilon (published.sii.sii_upper[l], c->sii_upper[l], 1e-6);
        }
    }
  /* a decile missing: no value, and which */
  g_assert_false (gw_inequality_compute_published (f->ds, "le-birth", FALSE, ua1, GW_SEX_MALE,
                                                   gw_period_pooled (2015, 2017), &options, &published, &error));
  g_assert_error (error, GW_INEQUALITY_ERROR, GW_INEQUALITY_ERROR_INCOMPLETE_DECILES);
  g_assert_cmpstr (error->message, ==, "Deciles 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 have no published value for 2015-2017");
  g_assert_cmpint (published.source, ==, GW_INEQUALITY_SOURCE_PUBLISHED);
  g_clear_error (&error);

  /* the entry point: the published deciles win over the counts of the
   * same period (the same SII here), the area without them has its counts;
   * at 65 nothing is published, so the counts give it */
  g_clear_pointer (&ineq, gw_inequality_free);
  ineq = gw_inequality_new (f->ds, 0, &error);
  g_assert_no_error (error);
  for (GwSex sex = GW_SEX_MALE; sex <= GW_SEX_FEMALE; sex++)
    {
      GwInequalityValue v;

      g_assert_true (gw_inequality_compute (ineq, FALSE, ua1, sex, 0, &options, &v, &error));
      g_assert_no_error (error);
      g_assert_cmpint (v.source, ==, GW_INEQUALITY_SOURCE_PUBLISHED);
      g_assert_cmpuint (v.period, ==, period);
      g_assert_cmpuint (v.n_published, ==, 10);
      g_assert_cmpfloat_with_epsilon (v.sii.sii, counts[sex - GW_SEX_MALE].sii.sii, 1e-9);
      g_assert_true (gw_inequality_compute (ineq, FALSE, ua1, sex, 65, &options, &v, &error));
      g_assert_cmpint (v.source, ==, GW_INEQUALITY_SOURCE_COUNTS);
      g_assert_true (gw_inequality_compute (ineq, FALSE, area (f, "E06000002"), sex, 0, &options, &v, &error));
      g_assert_cmpint (v.source, ==, GW_INEQUALITY_SOURCE_COUNTS);
      g_assert_cmpuint (v.n_published, ==, 0);
    }
}

/* Published deciles without small areas: the subjects listed, the latest
 * period theirs, and a missing decile named as unpublished. */
static void
test_published_only (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "cli", "sii-published.xml", NULL);
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autoptr(GwImportTask) task = gw_import_task_new (ds, (const char *const[]) { path, NULL });
  g_autoptr(GwInequality) ineq = NULL;
  g_autoptr(GArray) subjects = NULL;
  g_autoptr(GError) error = NULL;
  GwInequalityValue v;
  GwSiiOptions options;

  test_options (&options);
  g_assert_true (gw_import_task_run (task, NULL, &error));
  g_assert_cmpuint (gw_import_task_get_n_failed (task), ==, 0);
  g_assert_cmpuint (gw_inequality_latest_period (ds), ==, 0);
  ineq = gw_inequality_new (ds, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gw_inequality_get_period (ineq), ==, gw_period_pooled (2016, 2018));

  /* E06000001, E06000002, E06000003, then g1 */
  subjects = gw_inequality_list_subjects (ineq);
  g_assert_cmpuint (subjects->len, ==, 4);
  g_assert_cmpuint (g_array_index (subjects, GwInequalitySubject, 0).subject, ==,
                    (guint) gw_dataset_lookup_area (ds, "E06000001"));
  g_assert_cmpuint (g_array_index (subjects, GwInequalitySubject, 2).subject, ==,
                    (guint) gw_dataset_lookup_area (ds, "E06000003"));
  g_assert_true (g_array_index (subjects, GwInequalitySubject, 3).is_group);

  g_assert_true (gw_inequality_compute (ineq, TRUE, 0, GW_SEX_FEMALE, 0, &options, &v, &error));
  g_assert_cmpint (v.source, ==, GW_INEQUALITY_SOURCE_PUBLISHED);
  g_assert_cmpuint (v.n_small_areas, ==, 0);
  g_assert_cmpfloat (v.deciles[0].population, >, 0);

  g_assert_false (gw_inequality_compute (ineq, FALSE, (guint) gw_dataset_lookup_area (ds, "E06000003"),
                                         GW_SEX_MALE, 0, &options, &v, &error));
  g_assert_error (error, GW_INEQUALITY_ERROR, GW_INEQUALITY_ERROR_INCOMPLETE_DECILES);
  g_assert_cmpstr (error->message, ==, "Decile 7 has no published value for 2016-2018");
  g_assert_cmpint (v.source, ==, GW_INEQUALITY_SOURCE_PUBLISHED);
  g_assert_cmpuint (v.n_deciles, ==, 9);
  g_assert_cmpuint (v.missing_deciles, ==, 1u << 6);
  g_clear_error (&error);

  /* England: neither input, the counts' message */
  g_assert_false (gw_inequality_compute (ineq, FALSE, (guint) gw_dataset_lookup_area (ds, "E92000001"),
                                         GW_SEX_MALE, 0, &options, &v, &error));
  g_assert_cmpint (v.source, ==, GW_INEQUALITY_SOURCE_COUNTS);
  g_assert_cmpstr (error->message, ==, "Deciles 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 have no small areas with deaths "
                                       "and populations for 2016-2018");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gw/sii-data/period/latest", test_period);
  ADD ("/gw/sii-data/subjects/list", test_subjects);
  ADD ("/gw/sii-data/subjects/msoa", test_msoa);
  ADD ("/gw/sii-data/counts/area", test_area);
  ADD ("/gw/sii-data/counts/group-england", test_group_and_england);
  ADD ("/gw/sii-data/counts/incomplete", test_incomplete);
  ADD ("/gw/sii-data/published", test_published);
#undef ADD
  g_test_add_func ("/gw/sii-data/published-only", test_published_only);

  return g_test_run ();
}
