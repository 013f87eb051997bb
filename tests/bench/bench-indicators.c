/* bench-indicators.c: the indicator engine and the tracker at national scale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-indicators [FILE]
 *
 * Without FILE, writes a national-scale export with the generator
 * (gw-generate-exports --national --with-population: GW_BENCH_AREAS districts,
 * default 300, and GW_BENCH_MONTHS months, default 156 = 1995-2007, so that
 * the baselines of both built-in targets, 1995-1997 and 1997-1999, have
 * counts; plus region and England totals, mid-year populations and births).
 *
 * Then, each the best wall time of three runs:
 *   import      gw_export_read_file + gw_dataset_commit, into a fresh dataset
 *   indicators  gw_indicators_compute on the imported dataset: every
 *               indicator for every area, group, sex and period
 *   tracker     gw_tracker_run of both built-in targets on those indicators
 *
 * and prints the figures with the indicators-vs-import ratio (the goal is
 * under 0.1: computing everything should cost a small part of reading it).
 * A benchmark reports: it exits non-zero only when something fails.
 *
 * Output is for developers and is not translated.
 */
#include "gw-config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-national.h"
#include "formats/gw-export-reader.h"
#include "methods/gw-indicators.h"
#include "model/gw-dataset.h"
#include "tracker/gw-tracker.h"

#define GW_BENCH_RUNS 3

static const char *
subject_code (GwDataset              *dataset,
              const GwIndicatorValue *v)
{
  return v->is_group ? gw_dataset_get_group (dataset, v->subject)->id
                     : gw_dataset_get_area (dataset, v->subject)->code;
}

/* A few values, to see at a glance that the life tables were computable. */
static void
print_examples (GwDataset    *dataset,
                GwIndicators *indicators)
{
  gint country = gw_dataset_get_country (dataset);
  gint group = gw_dataset_lookup_group (dataset, "spearhead");
  const char *const ids[] = { "le-birth", "imr" };

  for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
    for (guint is_group = 0; is_group < 2; is_group++)
      {
        gint ind = gw_indicators_lookup_id (indicators, ids[k]);
        gint subject = is_group ? group : country;
        GwSex sex = k == 0 ? GW_SEX_MALE : GW_SEX_PERSONS;
        guint start, n;

        if (ind < 0 || subject < 0)
          continue;
        n = gw_indicators_series (indicators, (guint) ind, is_group, (guint) subject, sex, &start);
        for (guint i = start; i < start + n; i++)
          {
            const GwIndicatorValue *v = gw_indicators_get_value (indicators, i);
            char buf[32];

            /* the first pooled period: a baseline of the targets */
            if (v->rolling || gw_period_kind (v->period) != GW_PERIOD_POOLED)
              continue;
            g_print ("  %s %s %s %s: %.2f (%.2f to %.2f), %s\n", ids[k],
                     subject_code (dataset, v), gw_sex_to_string (v->sex),
                     gw_indicator_value_format_period (v, buf), v->value, v->lower95,
                     v->upper95, gw_value_source_to_string (v->source));
            break;
          }
      }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmpdir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GwDataset) dataset = NULL;
  g_autoptr(GwIndicators) indicators = NULL;
  const char *const *targets = gw_target_builtin_names ();
  double import_best = INFINITY, indicators_best = INFINITY, tracker_best = INFINITY;
  guint records = 0, n_values, n_finite = 0, n_groups = 0, n_rows = 0;
  GStatBuf st;

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
      if (tmpdir == NULL || (path = bench_generate_national (tmpdir, "national-population.xml", NULL, &error)) == NULL)
        {
          g_printerr ("cannot generate the export: %s\n", error->message);
          return 1;
        }
    }
  if (g_stat (path, &st) != 0)
    {
      g_printerr ("cannot read %s\n", path);
      return 1;
    }
  g_print ("file size: %lld bytes (%.1f MiB)\n", (long long) st.st_size,
           (double) st.st_size / 1048576.0);

  dataset = bench_import_best (path, GW_BENCH_RUNS, &records, &import_best, &error);
  if (dataset == NULL)
    {
      g_printerr ("import failed: %s\n", error->message);
      return 1;
    }
  g_print ("records: %u\n", records);
  g_print ("dataset: %u areas, %u groups, %u deaths, %u population, %u births rows\n",
           gw_dataset_n_areas (dataset), gw_dataset_n_groups (dataset),
           gw_dataset_count (dataset, GW_RECORD_DEATHS),
           gw_dataset_count (dataset, GW_RECORD_POPULATION),
           gw_dataset_count (dataset, GW_RECORD_BIRTHS));

  for (guint run = 1; run <= GW_BENCH_RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();
      double t;

      g_clear_pointer (&indicators, gw_indicators_free);
      indicators = gw_indicators_compute (dataset);
      t = bench_seconds_since (start);
      g_print ("  indicators run %u: %.3f s\n", run, t);
      indicators_best = MIN (indicators_best, t);
    }

  n_values = gw_indicators_n_values (indicators);
  for (guint i = 0; i < n_values; i++)
    {
      const GwIndicatorValue *v = gw_indicators_get_value (indicators, i);

      if (!isnan (v->value))
        n_finite++;
      if (v->is_group)
        n_groups++;
    }

  for (guint run = 1; run <= GW_BENCH_RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();
      double t;

      n_rows = 0;
      for (guint k = 0; targets[k] != NULL; k++)
        {
          g_autoptr(GwTarget) target = gw_target_new_builtin (targets[k]);
          g_autoptr(GPtrArray) rows = NULL;
          GwTrackerSummary sum;

          rows = gw_tracker_run (dataset, target, gw_tracker_indicators_series, indicators, &error);
          if (rows == NULL)
            {
              g_printerr ("tracker %s failed: %s\n", targets[k], error->message);
              return 1;
            }
          n_rows += rows->len;
          if (run == 1)
            {
              const GwTrackerRow *r = g_ptr_array_index (rows, 0);

              gw_tracker_summarise (rows, &sum);
              g_print ("  tracker %s: %u rows; group %s baseline gap %.3f, latest %.3f (%s);"
                       " both=%u men-only=%u women-only=%u neither=%u insufficient-data=%u\n",
                       targets[k], rows->len, gw_sex_to_string (r->sex), r->baseline_gap,
                       r->latest_gap, gw_target_status_to_string (r->status), sum.both,
                       sum.men_only, sum.women_only, sum.neither, sum.insufficient_data);
            }
        }
      t = bench_seconds_since (start);
      g_print ("  tracker run %u: %.3f s\n", run, t);
      tracker_best = MIN (tracker_best, t);
    }

  print_examples (dataset, indicators);
  g_print ("import time, read + commit (best of %d): %.3f s\n", GW_BENCH_RUNS, import_best);
  g_print ("import records per second: %.0f\n", records / import_best);
  g_print ("indicators time, gw_indicators_compute (best of %d): %.3f s\n", GW_BENCH_RUNS,
           indicators_best);
  g_print ("values computed: %u (%u with a value, %u of groups)\n", n_values, n_finite, n_groups);
  g_print ("tracker time, both built-in targets (best of %d): %.6f s, %u rows\n", GW_BENCH_RUNS,
           tracker_best, n_rows);
  g_print ("indicators-vs-import ratio: %.3f (goal: under 0.1)\n", indicators_best / import_best);

  if (tmpdir != NULL)
    {
      g_unlink (path);
      g_rmdir (tmpdir);
    }
  return 0;
}
