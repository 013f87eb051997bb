/* bench-tracker-sii.c: a target on the SII, tracked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-tracker-sii SAMPLES_DIR
 *
 * The bundled areas and LSOA sample (01-areas.xml, 08-lsoa-2002-2007.xml.gz:
 * Hartlepool, Middlesbrough and Warrington, 2002-2007) imported through
 * GwImportTask; then gw_tracker_result_new() of an SII target on the
 * members of the Spearhead Group, baseline 2002-2004, target 2008-2010:
 * one SII per area, sex and rolling 3-year period (4 periods) at the
 * default 100,000 repetitions, as the window computes it in its thread
 * (best of three).  A benchmark reports: it exits non-zero only when
 * something fails.
 *
 * Output is for developers and is not translated.
 */
#include <glib.h>

#include "formats/gw-import-task.h"
#include "tracker/gw-tracker-result.h"

#define RUNS 3

int
main (int argc, char **argv)
{
  g_autoptr(GwDataset) dataset = gw_dataset_new ();
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GwTarget) target = gw_target_new ("bench-sii");
  g_autoptr(GError) error = NULL;
  g_autofree char *areas = NULL, *lsoa = NULL;
  double best = G_MAXDOUBLE, import_s;
  guint n_values = 0, n_rows = 0;
  gint64 start;

  if (argc != 2)
    {
      g_printerr ("usage: bench-tracker-sii SAMPLES_DIR\n");
      return 2;
    }
  areas = g_build_filename (argv[1], "01-areas.xml", NULL);
  lsoa = g_build_filename (argv[1], "08-lsoa-2002-2007.xml.gz", NULL);

  start = g_get_monotonic_time ();
  task = gw_import_task_new (dataset, (const char *const[]) { areas, lsoa, NULL });
  if (!gw_import_task_run (task, NULL, &error))
    {
      g_printerr ("bench-tracker-sii: %s\n", error->message);
      return 1;
    }
  import_s = (g_get_monotonic_time () - start) / 1e6;

  target->indicator = g_strdup ("le-birth");
  target->measure = GW_TARGET_MEASURE_SII;
  target->gap = GW_GAP_ABSOLUTE;
  target->group = g_strdup ("spearhead");
  target->subject = GW_TARGET_SUBJECT_MEMBERS;
  target->baseline = gw_period_pooled (2002, 2004);
  target->target_period = gw_period_pooled (2008, 2010);

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(GwTrackerResult) result = NULL;
      GPtrArray *rows;
      double s;

      start = g_get_monotonic_time ();
      result = gw_tracker_result_new (dataset, NULL, target, &error);
      s = (g_get_monotonic_time () - start) / 1e6;
      if (result == NULL)
        {
          g_printerr ("bench-tracker-sii: %s\n", error->message);
          return 1;
        }
      best = MIN (best, s);
      rows = gw_tracker_result_get_rows (result);
      n_rows = rows->len;
      n_values = 0;
      for (guint i = 0; i < rows->len; i++)
        n_values += ((GwTrackerRow *) g_ptr_array_index (rows, i))->points->len;
    }

  g_print ("import   %8.3f s  (areas and the LSOA sample)\n", import_s);
  g_print ("track    %8.3f s  best of %d: %u rows, %u SIIs at 100,000 repetitions (%.2f ms an SII)\n",
           best, RUNS, n_rows, n_values, n_values > 0 ? 1000 * best / n_values : 0.0);
  return 0;
}
