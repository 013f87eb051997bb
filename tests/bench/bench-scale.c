/* bench-scale.c: small-area scale (issue 20): the LSOA-scale export computed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-scale [FILE]
 *
 * Without FILE, writes the LSOA-scale export with the generator
 * (gw-generate-exports --lsoa: GW_BENCH_SMALL_AREAS LSOAs, default 32,844,
 * England's, in 326 districts, and GW_BENCH_YEARS years, default 3, the
 * pooled period of the SII).  Then, each timed once (wall clock):
 *   import      gw_export_read_file + gw_dataset_commit into a fresh dataset
 *   inequality  the life expectancy of every LSOA decile of every district,
 *               men and women, and the SII and RII of all of them at
 *               GW_BENCH_REPETITIONS repetitions (default 100,000)
 *   tracker     the indicators of every area (gw_indicators_compute) and a
 *               target over every LSOA (the members of the group "lsoas")
 * and prints the figures with the inequality-vs-import ratio (the goal is at
 * most 0.5).  A benchmark reports: it exits non-zero only when something
 * fails.
 *
 * Output is for developers and is not translated.
 */
#include "gw-config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>

#include "formats/gw-export-reader.h"
#include "methods/gw-indicators.h"
#include "methods/gw-inequality.h"
#include "model/gw-dataset.h"
#include "tracker/gw-tracker.h"

#include "bench-util.h"

#define LAST_YEAR 2019   /* the generator's */

static char *
generate (const char  *dir,
          guint        years,
          GError     **error)
{
  g_autofree char *path = g_build_filename (dir, "lsoa.xml", NULL);
  g_autofree char *lsoas = g_strdup_printf ("%u", bench_env_uint ("GW_BENCH_SMALL_AREAS", 32844));
  g_autofree char *years_arg = g_strdup_printf ("%u", years);
  const char *args[] = { "--lsoa", path, "--lsoas", lsoas, "--years", years_arg, NULL };
  g_autofree char *report = NULL;

  if (!bench_run_generator (args, &report, error))
    return NULL;
  g_print ("%s", report);
  return g_steal_pointer (&path);
}

int
main (int   argc,
      char *argv[])
{
  guint years = bench_env_uint ("GW_BENCH_YEARS", 3);
  guint repetitions = bench_env_uint ("GW_BENCH_REPETITIONS", 100000);
  g_autofree char *tmpdir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GwDataset) dataset = gw_dataset_new ();
  g_autoptr(GwInequality) ineq = NULL;
  g_autoptr(GwIndicators) indicators = NULL;
  g_autoptr(GwTarget) target = gw_target_new ("every-lsoa");
  g_autoptr(GPtrArray) rows = NULL;
  GwTrackerSummary sum;
  GwSiiOptions options;
  GwBatch *batch;
  GStatBuf st;
  double t_import, t_ineq, t_indicators, t_tracker, sii_sum = 0.0;
  guint n_sii = 0, n_no_value = 0, n_las = 0;
  gint64 start;

  gw_formats_init ();
  if (argc > 2)
    {
      g_printerr ("usage: %s [FILE]\n", argv[0]);
      return 2;
    }
  tmpdir = g_dir_make_tmp ("gw-bench-scale-XXXXXX", &error);
  if (tmpdir == NULL)
    {
      g_printerr ("cannot make a folder: %s\n", error->message);
      return 1;
    }
  path = argc == 2 ? g_strdup (argv[1]) : generate (tmpdir, years, &error);
  if (path == NULL || g_stat (path, &st) != 0)
    {
      g_printerr ("cannot generate the export: %s\n", error != NULL ? error->message : "");
      return 1;
    }
  g_print ("file size: %lld bytes (%.1f MiB)\n", (long long) st.st_size, (double) st.st_size / 1048576.0);

  start = g_get_monotonic_time ();
  batch = gw_export_read_file (dataset, path, NULL, NULL, NULL, NULL, &error);
  if (batch == NULL || gw_dataset_commit (dataset, batch, &error) == NULL)
    {
      g_printerr ("import failed: %s\n", error->message);
      return 1;
    }
  t_import = bench_seconds_since (start);
  if (argc < 2)
    g_unlink (path);
  g_rmdir (tmpdir);
  g_print ("dataset: %u areas, %u deaths and %u population rows\n", gw_dataset_n_areas (dataset),
           gw_dataset_count (dataset, GW_RECORD_DEATHS), gw_dataset_count (dataset, GW_RECORD_POPULATION));

  /* Every LSOA decile's life table and every district's SII. */
  start = g_get_monotonic_time ();
  ineq = gw_inequality_new (dataset, 0, &error);
  if (ineq == NULL)
    {
      g_printerr ("inequality: %s\n", error->message);
      return 1;
    }
  gw_sii_options_init (&options);
  options.repetitions = repetitions;
  for (guint a = 0; a < gw_dataset_n_areas (dataset); a++)
    {
      if (gw_dataset_get_area (dataset, a)->type != GW_AREA_LA)
        continue;
      n_las++;
      for (GwSex sex = GW_SEX_MALE; sex <= GW_SEX_FEMALE; sex++)
        {
          GwInequalityValue value;
          g_autoptr(GError) local = NULL;

          /* a district without every decile has no value: counted */
          if (!gw_inequality_compute (ineq, FALSE, a, sex, 0, &options, &value, &local))
            {
              n_no_value++;
              continue;
            }
          sii_sum += value.sii.sii;
          n_sii++;
        }
    }
  t_ineq = bench_seconds_since (start);

  /* The tracker: every area's indicators, then a target over every LSOA. */
  start = g_get_monotonic_time ();
  indicators = gw_indicators_compute (dataset);
  t_indicators = bench_seconds_since (start);
  target->indicator = g_strdup ("le-birth");
  target->subject = GW_TARGET_SUBJECT_MEMBERS;
  target->group = g_strdup ("lsoas");
  target->baseline = gw_period_pooled (LAST_YEAR + 1 - MIN (years, 3), LAST_YEAR);
  target->target_period = gw_period_pooled (LAST_YEAR + 4, LAST_YEAR + 6);
  start = g_get_monotonic_time ();
  rows = gw_tracker_run (dataset, target, gw_tracker_indicators_series, indicators, &error);
  t_tracker = bench_seconds_since (start);
  if (rows == NULL)
    {
      g_printerr ("tracker: %s\n", error->message);
      return 1;
    }
  gw_tracker_summarise (rows, &sum);

  g_print ("import (read + commit)               %8.3f s\n", t_import);
  g_print ("inequality: %u districts x 2 sexes, %u SIIs at %u repetitions (%u without every decile), "
           "mean SII %.2f years\n", n_las, n_sii, repetitions, n_no_value, n_sii > 0 ? sii_sum / n_sii : NAN);
  g_print ("inequality (decile life tables + SIIs) %8.3f s (%.2f ms a district and sex)\n",
           t_ineq, n_sii > 0 ? 1e3 * t_ineq / n_sii : NAN);
  g_print ("inequality-vs-import ratio: %.2f (goal: at most 0.5)\n", t_ineq / t_import);
  g_print ("indicators of every area                %8.3f s (%u values)\n", t_indicators,
           gw_indicators_n_values (indicators));
  g_print ("tracker, a target over every LSOA      %8.3f s (%u rows: both=%u men-only=%u women-only=%u "
           "neither=%u insufficient-data=%u)\n", t_tracker, rows->len, sum.both, sum.men_only,
           sum.women_only, sum.neither, sum.insufficient_data);
  g_print ("tracker (indicators + target)-vs-import ratio: %.2f\n", (t_indicators + t_tracker) / t_import);
  return 0;
}
