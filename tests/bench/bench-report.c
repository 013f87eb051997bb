/* bench-report.c: the board report at national scale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-report [FILE]
 *
 * Without FILE, writes a national export with the generator
 * (gw-generate-exports --national --with-population: GW_BENCH_AREAS
 * districts, default 450, of which a third are in the Spearhead Group, so
 * 150 area pages; GW_BENCH_MONTHS months, default 156 = 1995-2007, which
 * holds the le-2010 target's baseline 1995-1997 and enough 3-year periods to
 * project it to 2009-2011).
 *
 * Then, each the best wall time of three runs:
 *   build    gw_report_new: the tracker, and every chart of the report
 *   pdf      gw_report_write_pdf: every page drawn and written as an A4 PDF
 *   png      the same charts (each area's gap and trend, the group's gap,
 *            the all-areas chart) made and drawn at the size they have on
 *            the page, at 96 dpi, on image surfaces encoded as PNG
 * and prints pages per second and the report-against-PNG ratio (how much
 * the page layout, the tables and the PDF cost on top of the charts).  A
 * benchmark reports: it exits non-zero only when something fails.
 *
 * Output is for developers and is not translated.
 */
#include "gw-config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>

#include "formats/gw-export-reader.h"
#include "render/gw-report.h"
#include "../gw-test-result.h"

#define GW_BENCH_RUNS 3
/* The charts' boxes on an A4 area page, points (gw-report.c's layout). */
#define AREA_CHART_W  505.0
#define AREA_CHART_H  290.0
#define PNG_DPI        96.0

static double
seconds_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *text = g_getenv (name);
  guint64 v;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, 1000000, &v, NULL))
    return fallback;
  return (guint) v;
}

static char *
generate (const char  *dir,
          GError     **error)
{
  guint areas = env_uint ("GW_BENCH_AREAS", 450);
  guint months = env_uint ("GW_BENCH_MONTHS", 156);
  g_autofree char *path = g_build_filename (dir, "national-population.xml", NULL);
  g_autofree char *areas_arg = g_strdup_printf ("%u", areas);
  g_autofree char *months_arg = g_strdup_printf ("%u", months);
  const char *argv[] = {
    GW_GENERATOR_PATH, "--national", path, "--areas", areas_arg, "--months", months_arg,
    "--with-population", NULL,
  };
  g_autofree char *err_text = NULL;
  gint status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, &err_text, &status, error)
      || !g_spawn_check_wait_status (status, error))
    {
      if (err_text != NULL && *err_text != '\0')
        g_printerr ("%s", err_text);
      return NULL;
    }
  g_print ("national export: %u districts, %u months, with populations and births\n", areas, months);
  return g_steal_pointer (&path);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Draws chart at width x height points, at PNG_DPI, and encodes the PNG in
 * memory; returns its size in bytes. */
static gsize
chart_png (GwChart *chart,
           double   width_pt,
           double   height_pt)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  double s = PNG_DPI / 72.0;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width_pt * s),
                                                         (int) ceil (height_pt * s));
  cairo_t *cr = cairo_create (surface);
  GwChartStyle style;

  gw_chart_style_init (&style, GW_CHART_PALETTE_STANDARD);
  style.scale = s;
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  gw_chart_render (chart, cr, &style, width_pt * s, height_pt * s);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
  cairo_surface_destroy (surface);
  return bytes->len;
}

/* The report's charts, made and drawn to PNG; returns how many. */
static guint
charts_to_png (GwDataset      *dataset,
               GwIndicators   *indicators,
               const GwTarget *target,
               GArray         *members,
               gsize          *total_bytes)
{
  g_autoptr(GwChart) compare = gw_test_chart_compare (dataset, indicators, target, GW_COMPARE_BY_CHANGE, NULL);
  g_autoptr(GwChart) group = gw_test_chart_gap (dataset, indicators, target, TRUE,
                                               gw_dataset_lookup_group (dataset, target->group), NULL);
  guint n = 0;

  *total_bytes = 0;
  if (compare != NULL)
    {
      *total_bytes += chart_png (compare, AREA_CHART_W, 740);
      n++;
    }
  if (group != NULL)
    {
      *total_bytes += chart_png (group, AREA_CHART_W, 200);
      n++;
    }
  for (guint i = 0; i < members->len; i++)
    {
      guint area = g_array_index (members, guint, i);
      g_autoptr(GwChart) gap = gw_test_chart_gap (dataset, indicators, target, FALSE, area, NULL);
      g_autoptr(GwChart) trend = gw_chart_new_trend (dataset, indicators, target->indicator, FALSE, area,
                                                     target->sexes, NULL);

      if (gap != NULL)
        {
          *total_bytes += chart_png (gap, AREA_CHART_W, AREA_CHART_H);
          n++;
        }
      if (trend != NULL)
        {
          *total_bytes += chart_png (trend, AREA_CHART_W, AREA_CHART_H);
          n++;
        }
    }
  return n;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmpdir = NULL, *path = NULL, *pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GwDataset) dataset = NULL;
  g_autoptr(GwIndicators) indicators = NULL;
  g_autoptr(GwTarget) target = gw_target_new_builtin ("le-2010");
  g_autoptr(GArray) members = NULL;
  double build_best = INFINITY, pdf_best = INFINITY, png_best = INFINITY, t;
  guint n_pages = 0, n_areas = 0, n_charts = 0;
  gsize png_bytes = 0;
  gint64 start;
  gint group;
  GStatBuf st;

  gw_formats_init ();
  if (argc > 2)
    {
      g_printerr ("usage: %s [FILE]\n", argv[0]);
      return 2;
    }
  tmpdir = g_dir_make_tmp ("gw-bench-report-XXXXXX", &error);
  if (tmpdir == NULL)
    {
      g_printerr ("cannot make a scratch folder: %s\n", error->message);
      return 1;
    }
  if (argc == 2)
    path = g_strdup (argv[1]);
  else if ((path = generate (tmpdir, &error)) == NULL)
    {
      g_printerr ("cannot generate the export: %s\n", error->message);
      return 1;
    }
  pdf = g_build_filename (tmpdir, "report.pdf", NULL);

  start = g_get_monotonic_time ();
  dataset = gw_dataset_new ();
  {
    GwBatch *batch = gw_export_read_file (dataset, path, NULL, NULL, NULL, NULL, &error);

    if (batch == NULL || gw_dataset_commit (dataset, batch, &error) == NULL)
      {
        g_printerr ("import failed: %s\n", error->message);
        return 1;
      }
  }
  g_print ("import: %.3f s\n", seconds_since (start));
  start = g_get_monotonic_time ();
  indicators = gw_indicators_compute (dataset);
  g_print ("indicators: %.3f s\n", seconds_since (start));
  group = gw_dataset_lookup_group (dataset, target->group);
  if (group < 0)
    {
      g_printerr ("the export has no group %s\n", target->group);
      return 1;
    }
  members = gw_dataset_group_members (dataset, group);

  for (guint run = 1; run <= GW_BENCH_RUNS; run++)
    {
      g_autoptr(GwReport) report = NULL;

      start = g_get_monotonic_time ();
      report = gw_test_report (dataset, indicators, target, NULL, &error);
      t = seconds_since (start);
      g_print ("  run %u: build %.3f s\n", run, t);
      if (report == NULL)
        {
          g_printerr ("report failed: %s\n", error->message);
          return 1;
        }
      build_best = MIN (build_best, t);

      start = g_get_monotonic_time ();
      if (!gw_report_write_pdf (report, pdf, &error))
        {
          g_printerr ("writing the PDF failed: %s\n", error->message);
          return 1;
        }
      t = seconds_since (start);
      pdf_best = MIN (pdf_best, t);
      n_pages = gw_report_get_n_pages (report);
      n_areas = gw_report_get_n_areas (report);
      g_print ("  run %u: pdf %.3f s\n", run, t);

      start = g_get_monotonic_time ();
      n_charts = charts_to_png (dataset, indicators, target, members, &png_bytes);
      t = seconds_since (start);
      png_best = MIN (png_best, t);
      g_print ("  run %u: %u charts to PNG %.3f s\n", run, n_charts, t);
    }

  if (g_stat (pdf, &st) != 0)
    {
      g_printerr ("cannot read %s\n", pdf);
      return 1;
    }
  g_print ("report: %u areas of %u members, %u pages, PDF %.1f MiB\n", n_areas, members->len, n_pages,
           (double) st.st_size / 1048576.0);
  g_print ("report build, gw_test_report (best of %d): %.3f s\n", GW_BENCH_RUNS, build_best);
  g_print ("report PDF, gw_report_write_pdf (best of %d): %.3f s\n", GW_BENCH_RUNS, pdf_best);
  g_print ("report pages per second, build + PDF: %.1f (PDF alone: %.1f)\n",
           n_pages / (build_best + pdf_best), n_pages / pdf_best);
  g_print ("charts to PNG at %.0f dpi (best of %d): %u charts, %.3f s, %.1f MiB\n", PNG_DPI, GW_BENCH_RUNS,
           n_charts, png_best, (double) png_bytes / 1048576.0);
  g_print ("report-vs-charts-PNG ratio (build + PDF against make + draw + encode): %.2f\n",
           (build_best + pdf_best) / png_best);

  g_unlink (pdf);
  if (argc < 2)
    g_unlink (path);
  g_rmdir (tmpdir);
  gw_chart_release_fonts ();
  return 0;
}
