/* bench-decompose.c: the gap by age and cause of every area, at national scale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-decompose [FILE]
 *
 * Without FILE, writes the indicator benchmark's national export with its
 * deaths by cause (gw-generate-exports --national --with-population
 * --with-causes; GW_BENCH_AREAS districts, default 300, GW_BENCH_MONTHS
 * months, default 156).  Then, each the best wall time of three runs in
 * this one process:
 *   import     gw_export_read_file + gw_dataset_commit, into a fresh dataset
 *   decompose  gw_gap_decomp_new for every area but England (districts and
 *              regions) and both sexes against England, latest three years,
 *              top-level causes, with deaths to prevent for a 1% gap
 * and prints the decompose-vs-import ratio (issue 14: at most 0.2).
 * A benchmark reports: it exits non-zero only when something fails.
 *
 * Output is for developers and is not translated.
 */
#include "gw-config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>

#include "bench-national.h"
#include "methods/gw-gap-decomp.h"

#define GW_BENCH_RUNS 3

/* Decomposes every area but the country, both sexes; returns how many, and
 * the largest |sum of the bands' contributions - e0 difference|. */
static guint
decompose_all (GwDataset *dataset,
               gboolean   print,
               double    *worst,
               GError   **error)
{
  gint country = gw_dataset_get_country (dataset);
  guint n = 0;

  *worst = 0.0;
  for (guint a = 0; a < gw_dataset_n_areas (dataset); a++)
    for (GwSex sex = GW_SEX_MALE; sex <= GW_SEX_FEMALE; sex++)
      {
        g_autoptr(GwGapDecomp) d = NULL;
        g_autoptr(GwGapReckoning) r = NULL;
        GwGapDecompRequest req;
        double bands = 0.0;

        if ((gint) a == country)
          continue;
        gw_gap_decomp_request_init (&req, FALSE, a, sex);
        d = gw_gap_decomp_new (dataset, &req, error);
        if (d == NULL)
          return 0;
        r = gw_gap_decomp_reckon (d, 1.0, TRUE, error);
        if (r == NULL)
          return 0;
        for (guint x = 0; x < d->n_bands; x++)
          bands += gw_gap_decomp_get (d, x, GW_DECOMP_ALL);
        *worst = MAX (*worst, fabs (bands - (d->e0_area - d->e0_comparator)));
        if (print && n < 2)
          g_print ("  %s %s %s: e0 %.2f against %.2f; %s %.3f years; %.1f fewer deaths a year for a 1%% gap\n",
                   d->subject_code, gw_sex_to_string (sex), d->causes[0].id, d->e0_area,
                   d->e0_comparator, d->causes[0].id, gw_gap_decomp_get (d, GW_DECOMP_ALL, 0),
                   gw_gap_reckoning_get (r, GW_DECOMP_ALL, GW_DECOMP_ALL));
        n++;
      }
  return n;
}

int
main (int   argc,
      char *argv[])
{
  const char *const extra[] = { "--with-causes", NULL };
  g_autofree char *tmpdir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GwDataset) dataset = NULL;
  double import_best = INFINITY, decompose_best = INFINITY, worst = 0.0;
  guint records = 0, n = 0;

  gw_formats_init ();

  if (argc > 2)
    {
      g_printerr ("usage: %s [FILE]\n", argv[0]);
      return 2;
    }
  if (argc == 2)
    path = g_strdup (argv[1]);
  else
    {
      tmpdir = g_dir_make_tmp ("gw-bench-XXXXXX", &error);
      if (tmpdir == NULL
          || (path = bench_generate_national (tmpdir, "national-causes.xml", extra, &error)) == NULL)
        {
          g_printerr ("cannot generate the export: %s\n", error->message);
          return 1;
        }
    }

  dataset = bench_import_best (path, GW_BENCH_RUNS, &records, &import_best, &error);
  if (dataset == NULL)
    {
      g_printerr ("import failed: %s\n", error->message);
      return 1;
    }
  g_print ("records: %u; dataset: %u areas, %u deaths, %u population rows\n", records,
           gw_dataset_n_areas (dataset), gw_dataset_count (dataset, GW_RECORD_DEATHS),
           gw_dataset_count (dataset, GW_RECORD_POPULATION));

  for (guint run = 1; run <= GW_BENCH_RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();
      double t;

      n = decompose_all (dataset, run == 1, &worst, &error);
      t = bench_seconds_since (start);
      if (n == 0)
        {
          g_printerr ("decomposition failed: %s\n", error != NULL ? error->message : "no areas");
          return 1;
        }
      g_print ("  decompose run %u: %.3f s\n", run, t);
      decompose_best = MIN (decompose_best, t);
    }

  g_print ("import time, read + commit (best of %d): %.3f s\n", GW_BENCH_RUNS, import_best);
  g_print ("decompose time, %u areas and sexes with deaths to prevent (best of %d): %.3f s\n",
           n, GW_BENCH_RUNS, decompose_best);
  g_print ("largest |bands' sum - e0 difference|: %.3g years\n", worst);
  g_print ("decompose-vs-import ratio: %.3f (goal: at most 0.2)\n", decompose_best / import_best);

  if (tmpdir != NULL)
    {
      g_unlink (path);
      g_rmdir (tmpdir);
    }
  return 0;
}
