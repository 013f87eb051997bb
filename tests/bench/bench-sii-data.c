/* bench-sii-data.c: the SII of every district from the counts of its LSOAs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-sii-data
 *
 * GW_BENCH_AREAS districts (default 361, issue 15's count), each with
 * GW_BENCH_LSOAS LSOAs per IMD decile (default 2), deaths and populations of
 * men and women in 20 age bands for 2016 to 2018 (synthetic: a Gompertz
 * curve, higher in the more deprived deciles, from a fixed seed), written
 * as one export (format 1.1) in a temporary folder.  Reported:
 *
 *   import   the export through GwImportTask, as gapwatch-cli reads it
 *   read     gw_inequality_new: the LSOAs' counts of 2016-2018, once
 *   sii      every district x 2 sexes (722) at 10,000 repetitions, from the
 *            counts: pooling by decile, ten life tables, the simulation
 *            (best of three)
 *
 * bench-sii times the SII from ready decile counts; this one adds reading
 * and pooling the small areas, against the import of the same export.  A
 * benchmark reports: it exits non-zero only when something fails.
 *
 * Output is for developers and is not translated.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "formats/gw-import-task.h"
#include "methods/gw-inequality.h"

#define RUNS 3
#define N_BANDS 20
#define FIRST_YEAR 2016
#define N_YEARS 3
#define REPETITIONS 10000

static guint
env_uint (const char *name, guint fallback)
{
  const char *text = g_getenv (name);

  return text != NULL && atoi (text) > 0 ? (guint) atoi (text) : fallback;
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static const char *
band_name (guint b, char buf[8])
{
  if (b == 0)
    return "0";
  if (b == 1)
    return "1-4";
  if (b == N_BANDS - 1)
    return "90+";
  g_snprintf (buf, 8, "%u-%u", 5 * (b - 1), 5 * (b - 1) + 4);
  return buf;
}

/* The export: England, the districts E07000001.., their LSOAs E01000001.. */
static char *
make_export (guint n_areas, guint per_decile, gsize *n_records)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);
  guint n_lsoas = n_areas * 10 * per_decile;
  g_autofree double *people = g_new (double, n_lsoas);
  GString *s = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                             "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.1\" id=\"bench-sii-data\""
                             " generated=\"2019-06-01T00:00:00Z\">\n  <areas>\n"
                             "    <area code=\"E92000001\" name=\"England\" type=\"country\"/>\n");

  *n_records = 0;
  for (guint a = 0; a < n_areas; a++)
    g_string_append_printf (s, "    <area code=\"E07%06u\" name=\"District %u\" type=\"la\" parent=\"E92000001\"/>\n",
                            a + 1, a + 1);
  for (guint i = 0; i < n_lsoas; i++)
    {
      people[i] = g_rand_double_range (rand, 4000.0, 8000.0);
      g_string_append_printf (s, "    <area code=\"E01%06u\" type=\"lsoa\" parent=\"E07%06u\" imd-decile=\"%u\"/>\n",
                              i + 1, i / (10 * per_decile) + 1, i % (10 * per_decile) / per_decile + 1);
    }
  g_string_append (s, "  </areas>\n");

  for (guint y = FIRST_YEAR; y < FIRST_YEAR + N_YEARS; y++)
    for (guint kind = 0; kind < 2; kind++)
      {
        g_string_append_printf (s, kind == 0 ? "  <population period=\"%u\" basis=\"mid-year-estimate\">\n"
                                             : "  <deaths period=\"%u\" basis=\"registration\">\n", y);
        for (guint i = 0; i < n_lsoas; i++)
          for (guint sex = 0; sex < 2; sex++)
            for (guint b = 0; b < N_BANDS; b++)
              {
                guint decile = i % (10 * per_decile) / per_decile + 1;
                double age = b == 0 ? 0.5 : b == 1 ? 3.0 : 5.0 * (b - 1) + 2.5;
                double width = b == 0 ? 1.0 : b == 1 ? 4.0 : 5.0;
                double pop = round (people[i] * width / 90.0 * (age < 70 ? 1.0 : exp (-(age - 70) / 12.0)));
                double m = (b == 0 ? 0.004 : 3e-5 * exp (0.09 * age)) * (1.6 - 0.07 * (decile - 1))
                           * (sex == 1 ? 0.75 : 1.0);
                char buf[8];

                g_string_append_printf (s, "    <c area=\"E01%06u\" sex=\"%c\" age=\"%s\" n=\"%.0f\"/>\n",
                                        i + 1, sex == 0 ? 'm' : 'f', band_name (b, buf),
                                        kind == 0 ? pop : MAX (1.0, round (m * pop)));
                (*n_records)++;
              }
        g_string_append (s, kind == 0 ? "  </population>\n" : "  </deaths>\n");
      }
  g_string_append (s, "</export>\n");
  return g_string_free (s, FALSE);
}

int
main (int argc, char **argv)
{
  guint n_areas = env_uint ("GW_BENCH_AREAS", 361);
  guint per_decile = env_uint ("GW_BENCH_LSOAS", 2);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gw-bench-sii-data-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *xml = NULL;
  g_autoptr(GwDataset) dataset = gw_dataset_new ();
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GwInequality) ineq = NULL;
  GwSiiOptions options;
  double t_import, t_read, t_sii = INFINITY, sum = 0.0;
  guint n_sii = 0;
  gsize n_records;
  gint64 start;

  if (dir == NULL)
    {
      g_printerr ("bench-sii-data: %s\n", error->message);
      return 1;
    }
  path = g_build_filename (dir, "lsoas.xml", NULL);
  xml = make_export (n_areas, per_decile, &n_records);
  if (!g_file_set_contents (path, xml, -1, &error))
    {
      g_printerr ("bench-sii-data: %s\n", error->message);
      return 1;
    }
  g_print ("export: %u districts, %u LSOAs, %" G_GSIZE_FORMAT " counts, %.1f MB\n", n_areas,
           n_areas * 10 * per_decile, n_records, strlen (xml) / 1e6);
  g_clear_pointer (&xml, g_free);

  start = g_get_monotonic_time ();
  task = gw_import_task_new (dataset, (const char *const[]) { path, NULL });
  if (!gw_import_task_run (task, NULL, &error) || gw_import_task_get_n_failed (task) > 0)
    {
      g_printerr ("bench-sii-data: the export was not imported\n");
      return 1;
    }
  t_import = seconds_since (start);
  g_unlink (path);
  g_rmdir (dir);

  start = g_get_monotonic_time ();
  ineq = gw_inequality_new (dataset, gw_period_pooled (FIRST_YEAR, FIRST_YEAR + N_YEARS - 1), &error);
  t_read = seconds_since (start);
  if (ineq == NULL)
    {
      g_printerr ("bench-sii-data: %s\n", error->message);
      return 1;
    }

  gw_sii_options_init (&options);
  options.repetitions = REPETITIONS;
  for (guint run = 0; run < RUNS; run++)
    {
      n_sii = 0;
      sum = 0.0;
      start = g_get_monotonic_time ();
      for (guint a = 0; a < gw_dataset_n_areas (dataset); a++)
        for (GwSex sex = GW_SEX_MALE; sex <= GW_SEX_FEMALE; sex++)
          {
            GwInequalityValue value;

            if (gw_dataset_get_area (dataset, a)->type != GW_AREA_LA)
              continue;
            if (!gw_inequality_compute (ineq, FALSE, a, sex, 0, &options, &value, &error))
              {
                g_printerr ("bench-sii-data: %s: %s\n", gw_dataset_get_area (dataset, a)->code, error->message);
                return 1;
              }
            sum += value.sii.sii;
            n_sii++;
          }
      t_sii = MIN (t_sii, seconds_since (start));
    }

  g_print ("import                 %8.3f s\n", t_import);
  g_print ("read counts 2016-2018  %8.3f s\n", t_read);
  g_print ("%u SIIs at %u reps   %8.3f s  (%.2f ms each; mean SII %.3f years)\n", n_sii, REPETITIONS,
           t_sii, 1e3 * t_sii / n_sii, sum / n_sii);
  g_print ("SII from counts (read + SIIs) / import: %.2f\n", (t_read + t_sii) / t_import);
  return 0;
}
