/* gw-test-decomp.h: an area's decomposition from the decomp-6 fixture
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the painters', the report's and the window's tests: the pooled
 * 2004-2006 counts of tests/data/decomp/decomp6_pooled.csv (from
 * ../shared/data/fixtures/decomp-6) written as an export 1.0 of England and
 * one area, the six built-in causes (chd counted in circulatory,
 * lung-cancer in cancer, as the fixture's <causes> declare them), each
 * pooled count split over the three years so that the years add up to it
 * exactly.  Imported, and decomposed against England by
 * gw_gap_decomp_new() with the deaths to prevent for a relative gap of 1.0%
 * (the fixture's reckon.csv), ready as a GwChartDecompInput.  The numbers
 * are checked against the fixture in test-decomp.c and test-cli.c; here
 * they are the input.
 */
#pragma once

#include <string.h>

#include <glib/gstdio.h>

#include "formats/gw-export-reader.h"
#include "render/gw-chart-decomp.h"
#include "gw-test-csv.h"

#define GW_TEST_DECOMP_NEEDED_GAP 1.0

typedef struct
{
  char               *dir;
  char               *path;       /* the export */
  GwDataset          *dataset;
  GwGapDecomp        *decomp[2];  /* men, women */
  GwGapReckoning     *reckoning[2];
  GwChartDecompInput  input;
} GwTestDecomp;

/* Counts of decomp6_pooled.csv's cause columns under the built-in each
 * belongs to. */
static const struct { const char *column; const char *cause; } gw_test_decomp_columns[] = {
  { "circulatory", "circulatory" }, { "chd", "circulatory" }, { "cancer", "cancer" },
  { "lung-cancer", "cancer" }, { "respiratory", "respiratory" }, { "digestive", "digestive" },
  { "external", "external" }, { "other", "other" },
};

/* A pooled count's share of year y (0..2): a third, the first year taking
 * what rounding leaves. */
static inline double
gw_test_decomp_split (double pooled,
                      guint  y)
{
  double third = floor (pooled / 3);

  return y == 0 ? pooled - 2 * third : third;
}

static inline void
gw_test_decomp_write_cells (GString         *xml,
                            const GwTestCsv *csv,
                            const char      *area,
                            guint            year,
                            gboolean         deaths)
{
  for (guint r = 0; r < gw_test_csv_n_rows (csv); r++)
    {
      const char *code = gw_test_csv_get (csv, r, "area_code");
      const char *sex = gw_test_csv_get (csv, r, "sex");
      const char *age = gw_test_csv_get (csv, r, "age");

      if (!g_str_equal (code, area) && !g_str_equal (code, "E92000001"))
        continue;
      if (!deaths)
        {
          g_string_append_printf (xml, "<c area=\"%s\" sex=\"%s\" age=\"%s\" n=\"%.0f\"/>\n", code, sex, age,
                                  gw_test_decomp_split (gw_test_csv_double (csv, r, "population"), year));
          continue;
        }
      for (guint c = 0; c < G_N_ELEMENTS (gw_test_decomp_columns); c += 1)
        {
          double n = gw_test_csv_double (csv, r, gw_test_decomp_columns[c].column);

          /* a parent and its declared child in one record */
          if (c + 1 < G_N_ELEMENTS (gw_test_decomp_columns)
              && g_str_equal (gw_test_decomp_columns[c + 1].cause, gw_test_decomp_columns[c].cause))
            n += gw_test_csv_double (csv, r, gw_test_decomp_columns[++c].column);
          g_string_append_printf (xml, "<c area=\"%s\" sex=\"%s\" age=\"%s\" cause=\"%s\" n=\"%.0f\"/>\n", code,
                                  sex, age, gw_test_decomp_columns[c].cause, gw_test_decomp_split (n, year));
        }
    }
}

/* The decomposition of area (an E081... code of the fixture) for both
 * sexes, named name. */
static inline GwTestDecomp *
gw_test_decomp_new (const char *area,
                    const char *name)
{
  g_autoptr(GwTestCsv) csv = gw_test_csv_load ("../decomp/decomp6_pooled.csv");
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  GwTestDecomp *t = g_new0 (GwTestDecomp, 1);
  GwBatch *batch;
  gint number = -1;

  g_string_append_printf (xml, "<?xml version=\"1.0\"?>\n<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\" "
                               "id=\"decomp6-%s\" generated=\"2007-06-01T00:00:00Z\" publisher=\"decomp-6 fixture\">\n"
                               "<areas><group id=\"fixture\" name=\"Fixture Group\"/>"
                               "<area code=\"E92000001\" name=\"England\" type=\"country\"/>"
                               "<area code=\"%s\" name=\"%s\" type=\"la\" groups=\"fixture\"/></areas>\n",
                          area, area, name);
  for (guint y = 0; y < 3; y++)
    {
      g_string_append_printf (xml, "<population period=\"%u\">\n", 2004 + y);
      gw_test_decomp_write_cells (xml, csv, area, y, FALSE);
      g_string_append_printf (xml, "</population>\n<deaths period=\"%u\">\n", 2004 + y);
      gw_test_decomp_write_cells (xml, csv, area, y, TRUE);
      g_string_append (xml, "</deaths>\n");
    }
  g_string_append (xml, "</export>\n");
  t->dir = g_dir_make_tmp ("gw-test-decomp-XXXXXX", NULL);
  t->path = g_build_filename (t->dir, "decomp6.xml", NULL);
  g_assert_true (g_file_set_contents (t->path, xml->str, -1, NULL));

  t->dataset = gw_dataset_new ();
  batch = gw_export_read_file (t->dataset, t->path, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (gw_dataset_commit (t->dataset, batch, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < gw_dataset_n_areas (t->dataset); i++)
    if (g_str_equal (gw_dataset_get_area (t->dataset, i)->code, area))
      number = i;
  g_assert_cmpint (number, >=, 0);

  t->input.n_sexes = 2;
  t->input.dataset = t->dataset;
  for (guint s = 0; s < 2; s++)
    {
      GwGapDecompRequest request;

      gw_gap_decomp_request_init (&request, FALSE, number, s == 0 ? GW_SEX_MALE : GW_SEX_FEMALE);
      t->decomp[s] = gw_gap_decomp_new (t->dataset, &request, &error);
      g_assert_no_error (error);
      t->reckoning[s] = gw_gap_decomp_reckon (t->decomp[s], GW_TEST_DECOMP_NEEDED_GAP, TRUE, &error);
      g_assert_no_error (error);
      t->input.sexes[s] = (GwChartDecompSex) { t->decomp[s], t->reckoning[s] };
    }
  return t;
}

static inline void
gw_test_decomp_free (GwTestDecomp *t)
{
  for (guint s = 0; s < 2; s++)
    {
      g_clear_pointer (&t->decomp[s], gw_gap_decomp_free);
      g_clear_pointer (&t->reckoning[s], gw_gap_reckoning_free);
    }
  g_clear_object (&t->dataset);
  g_remove (t->path);
  g_rmdir (t->dir);
  g_free (t->path);
  g_free (t->dir);
  g_free (t);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwTestDecomp, gw_test_decomp_free)
