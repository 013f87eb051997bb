/* test-gap-decomp.c: the decomposition, deaths to prevent and what-if from a dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gw-gap-decomp.h on imported exports: tests/data/cli/decomp6-folded.xml.gz
 * (the decomp-6 fixture's counts as an export 1.0, see test-cli.c), whose
 * life expectancies are tests/data/decomp/e0.csv; and a small export written
 * here with all-cause records and only some causes, for "not specified".
 */
#include "gw-config.h"

#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "formats/gw-import-task.h"
#include "methods/gw-gap-decomp.h"
#include "gw-test-csv.h"
#include "gw-test-files.h"

static GwDataset *
import (const char *path)
{
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GError) error = NULL;
  GwDataset *ds = gw_dataset_new ();

  task = gw_import_task_new (ds, (const char *const[]) { path, NULL });
  g_assert_true (gw_import_task_run (task, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gw_import_task_get_n_failed (task), ==, 0);
  return ds;
}

static GwDataset *
import_folded (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "cli", "decomp6-folded.xml.gz", NULL);

  return import (path);
}

static GwGapDecomp *
decompose (GwDataset *ds, const char *area, GwSex sex)
{
  g_autoptr(GError) error = NULL;
  GwGapDecompRequest req;
  GwGapDecomp *d;

  g_assert_cmpint (gw_dataset_lookup_area (ds, area), >=, 0);
  gw_gap_decomp_request_init (&req, FALSE, (guint) gw_dataset_lookup_area (ds, area), sex);
  d = gw_gap_decomp_new (ds, &req, &error);
  g_assert_no_error (error);
  g_assert_nonnull (d);
  return d;
}

/* Every area and sex: e0 as e0.csv, the latest period 2004-2006, the six
 * top-level causes, and every margin the sum of its cells. */
static void
test_margins (void)
{
  g_autoptr(GwDataset) ds = import_folded ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "decomp", "e0.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) f = gw_test_csv_split_line (lines[i]);
      g_autoptr(GwGapDecomp) d = decompose (ds, f[0], f[1][0] == 'm' ? GW_SEX_MALE : GW_SEX_FEMALE);
      char period[GW_PERIOD_STRLEN];
      double causes = 0, bands = 0;

      g_assert_cmpstr (gw_period_format (d->request.period, period), ==, "2004-2006");
      g_assert_cmpstr (d->comparator_code, ==, "E92000001");
      g_assert_cmpuint (d->n_bands, ==, 20);
      g_assert_cmpuint (d->n_years, ==, 3);
      g_assert_cmpfloat_with_epsilon (d->e0_area, g_ascii_strtod (f[2], NULL), 1e-6);
      g_assert_cmpfloat_with_epsilon (d->e0_comparator, g_ascii_strtod (f[3], NULL), 1e-6);
      g_assert_cmpuint (d->n_causes, ==, 6);
      g_assert_cmpstr (d->causes[0].id, ==, "circulatory");
      g_assert_cmpstr (d->causes[5].id, ==, "other");
      g_assert_cmpint (d->causes[5].parent, ==, -1);

      for (guint x = 0; x < d->n_bands; x++)
        {
          double in_band = 0, deaths = 0;

          for (guint c = 0; c < d->n_causes; c++)
            {
              in_band += gw_gap_decomp_get (d, x, c);
              deaths += gw_gap_decomp_get_deaths (d, x, c);
            }
          g_assert_cmpfloat_with_epsilon (in_band, gw_gap_decomp_get (d, x, GW_DECOMP_ALL), 1e-12);
          g_assert_cmpfloat_with_epsilon (deaths, gw_gap_decomp_get_deaths (d, x, GW_DECOMP_ALL), 1e-9);
          bands += gw_gap_decomp_get (d, x, GW_DECOMP_ALL);
        }
      for (guint c = 0; c < d->n_causes; c++)
        causes += gw_gap_decomp_get (d, GW_DECOMP_ALL, c);
      g_assert_cmpfloat_with_epsilon (bands, d->e0_area - d->e0_comparator, 1e-12);
      g_assert_cmpfloat_with_epsilon (causes, d->e0_area - d->e0_comparator, 1e-12);
      g_assert_cmpfloat_with_epsilon (gw_gap_decomp_get (d, GW_DECOMP_ALL, GW_DECOMP_ALL), d->e0_area - d->e0_comparator, 1e-12);
      g_assert_cmpfloat_with_epsilon (gw_gap_decomp_get_share (d, GW_DECOMP_ALL, GW_DECOMP_ALL), 100.0, 1e-12);
      g_assert_cmpfloat_with_epsilon (gw_gap_decomp_gap (d, d->e0_area, TRUE),
                                      100.0 * (d->e0_comparator - d->e0_area) / d->e0_comparator, 1e-12);
    }
}

/* What if the deaths to prevent were prevented: the e0 reached is the one
 * needed, whether given by band or by band and cause. */
static void
test_what_if_inverse (void)
{
  g_autoptr(GwDataset) ds = import_folded ();
  g_autoptr(GwGapDecomp) d = decompose (ds, "E08100000", GW_SEX_MALE);
  g_autoptr(GwGapReckoning) r = NULL;
  g_autoptr(GArray) by_band = g_array_new (FALSE, FALSE, sizeof (GwDecompPrevention));
  g_autoptr(GArray) by_cause = g_array_new (FALSE, FALSE, sizeof (GwDecompPrevention));
  g_autoptr(GError) error = NULL;
  double e0 = 0;

  r = gw_gap_decomp_reckon (d, 1.0, TRUE, &error);
  g_assert_no_error (error);
  /* reckon.csv */
  g_assert_cmpfloat_with_epsilon (r->k, 0.770640871, 1e-6);
  g_assert_cmpfloat_with_epsilon (gw_gap_reckoning_get (r, GW_DECOMP_ALL, GW_DECOMP_ALL), 333.3341, 0.01);
  g_assert_cmpfloat_with_epsilon (r->needed_value, 78.898989028, 1e-6);
  g_assert_cmpfloat_with_epsilon (r->current_value, d->e0_area, 1e-12);

  for (guint x = 0; x < d->n_bands; x++)
    {
      GwDecompPrevention p = { GW_DECOMP_ALL, x, x, gw_gap_reckoning_get (r, x, GW_DECOMP_ALL) };

      g_array_append_val (by_band, p);
      for (guint c = 0; c < d->n_causes; c++)
        {
          GwDecompPrevention q = { c, x, x, gw_gap_reckoning_get (r, x, c) };

          g_array_append_val (by_cause, q);
        }
    }
  g_assert_true (gw_gap_decomp_what_if (d, (GwDecompPrevention *) by_band->data, by_band->len, &e0, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (e0, r->needed_value, 1e-6);
  g_assert_true (gw_gap_decomp_what_if (d, (GwDecompPrevention *) by_cause->data, by_cause->len, &e0, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (e0, r->needed_value, 1e-6);
  g_assert_cmpfloat_with_epsilon (gw_gap_decomp_gap (d, e0, TRUE), 1.0, 1e-6);

  /* nothing prevented: e0 as it is */
  g_assert_true (gw_gap_decomp_what_if (d, NULL, 0, &e0, &error));
  g_assert_cmpfloat_with_epsilon (e0, d->e0_area, 1e-9);
}

/* More deaths prevented than there are, and a period without counts. */
static void
test_refused (void)
{
  g_autoptr(GwDataset) ds = import_folded ();
  g_autoptr(GwGapDecomp) d = decompose (ds, "E08100002", GW_SEX_FEMALE);
  g_autoptr(GwGapDecomp) none = NULL;
  g_autoptr(GError) error = NULL;
  GwGapDecompRequest req;
  double deaths = gw_gap_decomp_get_deaths (d, 0, 0);
  GwDecompPrevention p = { 0, 0, 0, deaths + 1.0 };
  double e0 = 0;

  g_assert_cmpfloat (deaths, >, 0);
  g_assert_false (gw_gap_decomp_what_if (d, &p, 1, &e0, &error));
  g_assert_error (error, GW_DECOMP_ERROR, GW_DECOMP_ERROR_TOO_MANY);
  g_clear_error (&error);

  gw_gap_decomp_request_init (&req, FALSE, (guint) gw_dataset_lookup_area (ds, "E08100002"), GW_SEX_FEMALE);
  req.period = gw_period_pooled (2001, 2003);
  none = gw_gap_decomp_new (ds, &req, &error);
  g_assert_null (none);
  g_assert_error (error, GW_GAP_DECOMP_ERROR, GW_GAP_DECOMP_ERROR_NO_DATA);
  g_assert_cmpstr (error->message, ==, "E92000001 (f) has no deaths or no populations for every year of 2001-2003");
  g_clear_error (&error);

  req.period = gw_period_month (2005, 1);
  none = gw_gap_decomp_new (ds, &req, &error);
  g_assert_error (error, GW_GAP_DECOMP_ERROR, GW_GAP_DECOMP_ERROR_PERIOD);

  g_assert_cmpuint (gw_gap_decomp_latest_period (ds, FALSE, (guint) gw_dataset_lookup_area (ds, "E08100002"), -1),
                    ==, gw_period_pooled (2004, 2006));
}

/* An export with all-cause deaths and circulatory deaths for some bands:
 * the rest is "not specified", and a group pools its members. */
static const char *const ages[] = {
  "0", "1-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44",
  "45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+",
};

static char *
write_partial_causes (const char *dir)
{
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autofree char *path = g_build_filename (dir, "partial.xml", NULL);
  const char *const areas[] = { "E92000001", "E06000001", "E06000002" };

  g_string_append (xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\" id=\"partial\" "
                        "generated=\"2010-01-01T00:00:00Z\" publisher=\"Test\" title=\"Partial causes\">\n"
                        "  <areas>\n    <group id=\"g\" name=\"Both\"/>\n"
                        "    <area code=\"E92000001\" name=\"England\" type=\"country\"/>\n"
                        "    <area code=\"E06000001\" name=\"One\" type=\"ua\" parent=\"E92000001\" groups=\"g\"/>\n"
                        "    <area code=\"E06000002\" name=\"Two\" type=\"ua\" parent=\"E92000001\" groups=\"g\"/>\n"
                        "  </areas>\n");
  for (guint year = 2007; year <= 2009; year++)
    {
      g_string_append_printf (xml, "  <deaths period=\"%u\" basis=\"registration\">\n", year);
      for (guint a = 0; a < G_N_ELEMENTS (areas); a++)
        for (guint b = 0; b < 20; b++)
          {
            /* England 10x an area; area 1 dies more at older ages */
            guint n = (a == 0 ? 10 : 1) * (5 + b * b * 2) + (a == 1 && b >= 12 ? 30 : 0);

            g_string_append_printf (xml, "    <c area=\"%s\" sex=\"m\" age=\"%s\" n=\"%u\"/>\n", areas[a], ages[b], n);
            if (b >= 10)
              g_string_append_printf (xml, "    <c area=\"%s\" sex=\"m\" age=\"%s\" n=\"%u\" cause=\"circulatory\"/>\n",
                                      areas[a], ages[b], n / 2);
          }
      g_string_append (xml, "  </deaths>\n");
      g_string_append_printf (xml, "  <population period=\"%u\" basis=\"mid-year-estimate\">\n", year);
      for (guint a = 0; a < G_N_ELEMENTS (areas); a++)
        for (guint b = 0; b < 20; b++)
          {
            g_string_append_printf (xml, "    <c area=\"%s\" sex=\"m\" age=\"%s\" n=\"%u\"/>\n", areas[a], ages[b],
                                    (a == 0 ? 10 : 1) * (b < 2 ? 2000 : 6000));
          }
      g_string_append (xml, "  </population>\n");
    }
  g_string_append (xml, "</export>\n");
  g_assert_true (g_file_set_contents (path, xml->str, -1, NULL));
  return g_steal_pointer (&path);
}

static void
test_not_specified (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gw-gap-decomp-XXXXXX", &error);
  g_autofree char *path = write_partial_causes (dir);
  g_autoptr(GwDataset) ds = import (path);
  g_autoptr(GwGapDecomp) d = decompose (ds, "E06000001", GW_SEX_MALE);
  g_autoptr(GwGapDecomp) group = NULL;
  GwGapDecompRequest req;
  double sum = 0;

  g_assert_cmpuint (d->n_causes, ==, 2);
  g_assert_cmpstr (d->causes[0].id, ==, "circulatory");
  g_assert_cmpstr (d->causes[1].id, ==, GW_GAP_CAUSE_NOT_SPECIFIED);
  g_assert_cmpstr (d->causes[1].name, ==, "Other (not specified)");
  /* band 0 (age 0): 5 deaths a year, no cause record */
  g_assert_cmpfloat_with_epsilon (gw_gap_decomp_get_deaths (d, 0, 1), 5.0, 1e-12);
  g_assert_cmpfloat (gw_gap_decomp_get_deaths (d, 0, 0), ==, 0.0);
  g_assert_cmpfloat (gw_gap_decomp_get (d, 0, 0), ==, 0.0);
  /* band 12 (55-59): 5 + 288 + 30 = 323 a year, 161 of them circulatory */
  g_assert_cmpfloat_with_epsilon (gw_gap_decomp_get_deaths (d, 12, GW_DECOMP_ALL), 323.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (gw_gap_decomp_get_deaths (d, 12, 0), 161.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (gw_gap_decomp_get_deaths (d, 12, 1), 162.0, 1e-9);
  for (guint c = 0; c < d->n_causes; c++)
    sum += gw_gap_decomp_get (d, GW_DECOMP_ALL, c);
  g_assert_cmpfloat_with_epsilon (sum, d->e0_area - d->e0_comparator, 1e-12);
  g_assert_cmpfloat (d->e0_area, <, d->e0_comparator);

  /* the group pools its two members: deaths a year add up */
  gw_gap_decomp_request_init (&req, TRUE, (guint) gw_dataset_lookup_group (ds, "g"), GW_SEX_MALE);
  req.causes = GW_GAP_CAUSES_ALL;
  group = gw_gap_decomp_new (ds, &req, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (group->subject_code, ==, "g");
  g_assert_cmpfloat_with_epsilon (gw_gap_decomp_get_deaths (group, 12, GW_DECOMP_ALL), 323.0 + 293.0, 1e-9);
  g_assert_cmpfloat (group->e0_area, >, d->e0_area);

  remove_tree (dir);
}

/* The fixture itself, every cause: a parent before its children, with
 * their deaths and contributions included; what if a parent's deaths go,
 * its children's go with them. */
static void
test_cause_tree (void)
{
  const char *shared = g_getenv ("GW_SHARED_DIR");
  static const char *const ids[] = {
    "circulatory", "chd", "cancer", "lung-cancer", "respiratory", "digestive", "external", "other",
  };
  g_autofree char *path = NULL;
  g_autoptr(GwDataset) ds = NULL;
  g_autoptr(GwGapDecomp) top = NULL, all = NULL;
  g_autoptr(GError) error = NULL;
  GwGapDecompRequest req;
  GwDecompPrevention p;
  double e0_all, e0_top, sum = 0;

  if (shared == NULL)
    {
      g_test_skip ("GW_SHARED_DIR is not set");
      return;
    }
  path = g_build_filename (shared, "data", "fixtures", "decomp-6", "deaths.xml", NULL);
  ds = import (path);
  top = decompose (ds, "E08100003", GW_SEX_FEMALE);
  req = top->request;
  req.causes = GW_GAP_CAUSES_ALL;
  all = gw_gap_decomp_new (ds, &req, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (all->n_causes, ==, G_N_ELEMENTS (ids));
  for (guint c = 0; c < all->n_causes; c++)
    g_assert_cmpstr (all->causes[c].id, ==, ids[c]);
  g_assert_cmpstr (all->causes[1].name, ==, "Coronary heart disease");
  g_assert_cmpint (all->causes[1].parent, ==, 0);
  g_assert_cmpuint (all->causes[1].depth, ==, 1);
  g_assert_cmpint (all->causes[3].parent, ==, 2);
  g_assert_cmpint (all->causes[4].parent, ==, -1);

  for (guint x = 0; x <= all->n_bands; x++)
    {
      guint band = x == all->n_bands ? GW_DECOMP_ALL : x;

      g_assert_cmpfloat_with_epsilon (gw_gap_decomp_get (all, band, 0), gw_gap_decomp_get (top, band, 0), 1e-15);
      g_assert_cmpfloat_with_epsilon (gw_gap_decomp_get (all, band, 2), gw_gap_decomp_get (top, band, 1), 1e-15);
      g_assert_cmpfloat_with_epsilon (gw_gap_decomp_get_deaths (all, band, 0), gw_gap_decomp_get_deaths (top, band, 0), 1e-9);
      g_assert_cmpfloat (gw_gap_decomp_get_deaths (all, band, 1), <=, gw_gap_decomp_get_deaths (all, band, 0));
    }
  for (guint c = 0; c < all->n_causes; c++)
    if (all->causes[c].parent < 0)
      sum += gw_gap_decomp_get (all, GW_DECOMP_ALL, c);
  g_assert_cmpfloat_with_epsilon (sum, all->e0_area - all->e0_comparator, 1e-12);

  /* half of the circulatory deaths at 45-74 (bands 10 to 15): the same
   * whether asked of the top-level cause or of the full tree */
  p = (GwDecompPrevention) { 0, 10, 15, 0 };
  for (guint x = 10; x <= 15; x++)
    p.deaths += gw_gap_decomp_get_deaths (all, x, 0) / 2;
  g_assert_true (gw_gap_decomp_what_if (all, &p, 1, &e0_all, &error));
  g_assert_no_error (error);
  g_assert_true (gw_gap_decomp_what_if (top, &p, 1, &e0_top, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (e0_all, e0_top, 1e-9);
  g_assert_cmpfloat (e0_all, >, all->e0_area);

  /* all of them and one more */
  p.deaths = 2 * p.deaths + 1;
  g_assert_false (gw_gap_decomp_what_if (all, &p, 1, &e0_all, &error));
  g_assert_error (error, GW_DECOMP_ERROR, GW_DECOMP_ERROR_TOO_MANY);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gw/gap-decomp/decomp6/margins", test_margins);
  g_test_add_func ("/gw/gap-decomp/decomp6/what-if-inverse", test_what_if_inverse);
  g_test_add_func ("/gw/gap-decomp/decomp6/refused", test_refused);
  g_test_add_func ("/gw/gap-decomp/causes/not-specified", test_not_specified);
  g_test_add_func ("/gw/gap-decomp/causes/tree", test_cause_tree);

  return g_test_run ();
}
