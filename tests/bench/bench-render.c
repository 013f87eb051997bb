/* bench-render.c: the chart painters against matplotlib
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-render [FILE]
 *
 * Without FILE, writes a national export with the generator
 * (gw-generate-exports --national --with-population): GW_BENCH_AREAS
 * districts, default 450, so that the Spearhead Group (every third district)
 * has 150 members, and GW_BENCH_MONTHS months, default 240 = 1988-2007, twenty
 * years.  Imports it, computes the indicators, and makes two charts:
 *
 *   compare  the le-2010 target (baseline 1995-1997, moved into the data's
 *            years when FILE has others) for every member of the group:
 *            150 rows in each of two panels (men, women)
 *   trend    life expectancy at birth of the first member area, 3-year pooled
 *            periods over the twenty years, against England and the group
 *
 * Each is painted GW_BENCH_RUNS times (default 10) on a fresh ARGB32 image
 * surface (1600 x 2200 pixels for compare, 1600 x 1000 for trend, 2 pixels a
 * point, i.e. 144 dpi), each painted surface encoded as PNG in memory, and
 * the chart exported as many times to a PNG file with gw_chart_export; the
 * medians are printed.  The numbers each chart drew (the compare chart's rows
 * in its own order, with gaps and status; the trend's series with 95% limits)
 * go to a JSON file, and bench-render-matplotlib.py draws the same charts from
 * it with matplotlib's Agg backend at the same pixel sizes, timing only the
 * building of the figure and its drawing (and, separately, savefig to a PNG
 * file).  Printed ratios, Gapwatch's median time over matplotlib's:
 *
 *   render-vs-matplotlib       painting on an image surface against drawing
 *                              on the Agg canvas (the goal: 0.1 or less)
 *   png-file-vs-matplotlib     gw_chart_export against savefig, where both
 *                              also pay for zlib
 *
 * GW_BENCH_OUTDIR, when set, keeps the JSON and the PNG files of both there.
 * Python: GW_BENCH_PYTHON, else /usr/bin/python3, else python3 in PATH; the
 * first that imports matplotlib.  Without one the benchmark is skipped (exit
 * status 77).  A benchmark reports: it exits non-zero only when something
 * fails.  Output is for developers and is not translated.
 */
#include "gw-config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <cairo.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "formats/gw-export-reader.h"
#include "methods/gw-indicators.h"
#include "model/gw-dataset.h"
#include "render/gw-chart.h"
#include "tracker/gw-tracker.h"
#include "../gw-test-result.h"

#define GW_BENCH_SKIP     77
#define GW_BENCH_SCALE    2.0        /* device pixels per point: 144 dpi */
#define GW_COMPARE_WIDTH  1600
#define GW_COMPARE_HEIGHT 2200
#define GW_TREND_WIDTH    1600
#define GW_TREND_HEIGHT   1000
#define GW_ENGLAND_CODE   "E92000001"

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

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* The median of n times; sorts them. */
static double
median (double *times,
        guint   n)
{
  qsort (times, n, sizeof *times, compare_doubles);
  return n % 2 == 1 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2;
}

/* --- python --------------------------------------------------------------- */

static gboolean
imports_matplotlib (const char *python)
{
  const char *argv[] = { python, "-c", "import matplotlib, matplotlib.backends.backend_agg", NULL };
  gint status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     NULL, NULL, &status, NULL))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

/* A Python that has matplotlib, or NULL. */
static char *
find_python (void)
{
  const char *env = g_getenv ("GW_BENCH_PYTHON");
  g_autofree char *in_path = g_find_program_in_path ("python3");
  const char *candidates[] = { env, "/usr/bin/python3", in_path };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (candidates[i] != NULL && g_file_test (candidates[i], G_FILE_TEST_IS_EXECUTABLE)
        && imports_matplotlib (candidates[i]))
      return g_strdup (candidates[i]);
  return NULL;
}

/* --- data ----------------------------------------------------------------- */

/* Writes the national export with population into dir; returns its path. */
static char *
generate (const char  *dir,
          GError     **error)
{
  guint areas = env_uint ("GW_BENCH_AREAS", 450);
  guint months = env_uint ("GW_BENCH_MONTHS", 240);
  g_autofree char *path = g_build_filename (dir, "national-population.xml", NULL);
  g_autofree char *areas_arg = g_strdup_printf ("%u", areas);
  g_autofree char *months_arg = g_strdup_printf ("%u", months);
  const char *argv[] = {
    GW_GENERATOR_PATH, "--national", path, "--areas", areas_arg, "--months", months_arg,
    "--with-population", NULL,
  };
  g_autofree char *err_text = NULL;
  gint status = 0;
  gint64 start = g_get_monotonic_time ();

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, &err_text, &status, error)
      || !g_spawn_check_wait_status (status, error))
    {
      if (err_text != NULL && *err_text != '\0')
        g_printerr ("%s", err_text);
      return NULL;
    }
  g_print ("national export: %u districts (%u in the Spearhead Group) x %u months,"
           " with populations and births; generated in %.2f s\n",
           areas, (areas + 2) / 3, months, seconds_since (start));
  return g_steal_pointer (&path);
}

static GwDataset *
import_file (const char  *path,
             GError     **error)
{
  g_autoptr(GwDataset) dataset = gw_dataset_new ();
  GwBatch *batch;

  batch = gw_export_read_file (dataset, path, NULL, NULL, NULL, NULL, error);
  if (batch == NULL || gw_dataset_commit (dataset, batch, error) == NULL)
    return NULL;
  return g_steal_pointer (&dataset);
}

/* The years England has pooled 3-year values of the indicator for men. */
static gboolean
pooled_years (GwIndicators *indicators,
              const char   *indicator,
              guint         england,
              guint        *first,
              guint        *last)
{
  gint ind = gw_indicators_lookup_id (indicators, indicator);
  guint start, n;

  *first = G_MAXUINT;
  *last = 0;
  if (ind < 0)
    return FALSE;
  n = gw_indicators_series (indicators, (guint) ind, FALSE, england, GW_SEX_MALE, &start);
  for (guint i = start; i < start + n; i++)
    {
      const GwIndicatorValue *v = gw_indicators_get_value (indicators, i);

      if (v->rolling || isnan (v->value) || gw_period_kind (v->period) != GW_PERIOD_POOLED)
        continue;
      *first = MIN (*first, gw_period_first_year (v->period));
      *last = MAX (*last, gw_period_last_year (v->period));
    }
  return *last > 0;
}

/* --- JSON of the numbers drawn -------------------------------------------- */

static void
json_string (GString    *out,
             const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guint) (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
json_number (GString *out,
             double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (v))
    g_string_append (out, "null");
  else
    g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.6g", v));
}

static void
json_colour (GString            *out,
             const GwChartStyle *style,
             GwChartRole         role)
{
  GwChartColour c;

  gw_chart_style_get_colour (style, role, &c);
  g_string_append_printf (out, "\"#%02x%02x%02x\"", (guint) lround (c.red * 255),
                          (guint) lround (c.green * 255), (guint) lround (c.blue * 255));
}

static const char *
sex_label (GwSex sex)
{
  return sex == GW_SEX_MALE ? "Men" : sex == GW_SEX_FEMALE ? "Women" : "Persons";
}

static void
json_frame (GString            *out,
            GwChart            *chart,
            const GwChartStyle *style,
            double              width,
            double              height)
{
  static const struct { const char *name; GwChartRole role; } roles[] = {
    { "foreground", GW_CHART_ROLE_FOREGROUND }, { "subject", GW_CHART_ROLE_SUBJECT },
    { "group", GW_CHART_ROLE_GROUP }, { "comparator", GW_CHART_ROLE_COMPARATOR },
    { "target", GW_CHART_ROLE_TARGET }, { "on_track", GW_CHART_ROLE_ON_TRACK },
    { "off_track", GW_CHART_ROLE_OFF_TRACK }, { "no_gap", GW_CHART_ROLE_NO_GAP },
    { "insufficient", GW_CHART_ROLE_INSUFFICIENT },
  };

  g_string_append_printf (out, "\"width\": %.0f, \"height\": %.0f, \"dpi\": %.0f,\n",
                          width, height, 72 * GW_BENCH_SCALE);
  g_string_append (out, "\"title\": ");
  json_string (out, gw_chart_get_title (chart));
  g_string_append (out, ",\n\"subtitle\": ");
  json_string (out, gw_chart_get_subtitle (chart));
  g_string_append (out, ",\n\"source\": ");
  json_string (out, gw_chart_get_source (chart));
  g_string_append (out, ",\n\"colours\": {");
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_string_append_printf (out, "%s\"%s\": ", i > 0 ? ", " : "", roles[i].name);
      json_colour (out, style, roles[i].role);
    }
  g_string_append (out, "},\n");
}

/* The compare chart's rows in the chart's own order, from the same tracker
 * run the chart made. */
static void
json_compare (GString            *out,
              GwChart            *chart,
              const GwChartStyle *style,
              GPtrArray          *rows,
              const GwTarget     *target)
{
  double lo = 0, hi = 0;
  guint n_panels = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      const GwTrackerRow *r = g_ptr_array_index (rows, i);

      if (r->is_group)
        continue;
      if (isfinite (r->baseline_gap))
        lo = MIN (lo, r->baseline_gap), hi = MAX (hi, r->baseline_gap);
      if (isfinite (r->latest_gap))
        lo = MIN (lo, r->latest_gap), hi = MAX (hi, r->latest_gap);
      if (isfinite (r->target_gap) && r->status != GW_STATUS_NO_GAP)
        lo = MIN (lo, r->target_gap), hi = MAX (hi, r->target_gap);
    }

  g_string_append (out, "\"compare\": {\n");
  json_frame (out, chart, style, GW_COMPARE_WIDTH, GW_COMPARE_HEIGHT);
  g_string_append (out, "\"x_title\": \"Gap to England, % of England\u2019s value (0 = England)\",\n");
  g_string_append (out, "\"x_lo\": ");
  json_number (out, lo < 0 ? lo - (hi - lo) * 0.03 : 0);
  g_string_append (out, ", \"x_hi\": ");
  json_number (out, hi + (hi - lo) * 0.03);
  g_string_append (out, ",\n\"panels\": [\n");
  for (GwSex sx = GW_SEX_MALE; sx <= GW_SEX_PERSONS; sx++)
    {
      const char *const *codes;
      guint counts[4] = { 0 };
      g_autoptr(GString) body = g_string_new (NULL);

      if (!(target->sexes & (1u << sx)))
        continue;
      codes = gw_chart_get_row_codes (chart, n_panels);
      if (codes == NULL)
        break;
      for (guint k = 0; codes[k] != NULL; k++)
        for (guint i = 0; i < rows->len; i++)
          {
            const GwTrackerRow *r = g_ptr_array_index (rows, i);

            if (r->is_group || r->sex != sx || strcmp (r->code, codes[k]) != 0)
              continue;
            counts[MIN (r->status, GW_STATUS_INSUFFICIENT_DATA)]++;
            g_string_append (body, k > 0 ? ",\n  " : "  ");
            g_string_append (body, "{\"code\": ");
            json_string (body, r->code);
            g_string_append (body, ", \"name\": ");
            json_string (body, r->name);
            g_string_append (body, ", \"baseline\": ");
            json_number (body, r->baseline_gap);
            g_string_append (body, ", \"latest\": ");
            json_number (body, r->latest_gap);
            g_string_append (body, ", \"target\": ");
            json_number (body, r->target_gap);
            g_string_append_printf (body, ", \"status\": %d}", (int) r->status);
            break;
          }
      g_string_append (out, n_panels > 0 ? ",\n{" : "{");
      g_string_append_printf (out, "\"title\": \"%s\", \"counts\": [%u, %u, %u, %u],\n \"rows\": [\n%s]}",
                              sex_label (sx), counts[0], counts[1], counts[2], counts[3], body->str);
      n_panels++;
    }
  g_string_append (out, "]},\n");
}

/* Whether the trend chart shows a value: pooled 3-year periods (or years),
 * as gw-chart-trend.c chooses them. */
static gboolean
trend_wanted (const GwIndicatorValue *v,
              gboolean                pooled)
{
  if (v->rolling || isnan (v->value))
    return FALSE;
  if (pooled)
    return gw_period_kind (v->period) == GW_PERIOD_POOLED
           && gw_period_last_year (v->period) - gw_period_first_year (v->period) == 2;
  return gw_period_kind (v->period) == GW_PERIOD_YEAR;
}

static char *
period_label (GwPeriod period)
{
  char buf[GW_PERIOD_STRLEN];

  if (gw_period_kind (period) == GW_PERIOD_POOLED)
    return g_strdup_printf ("%u\u2013%02u", gw_period_first_year (period),
                            gw_period_last_year (period) % 100);
  return g_strdup (gw_period_format (period, buf));
}

/* One series of the trend chart, its points as the painter takes them;
 * adds the periods to ticks (t -> label). */
static guint
json_series (GString      *out,
             GwIndicators *indicators,
             guint         ind,
             gboolean      is_group,
             guint         subject,
             GwSex         sex,
             gboolean      pooled,
             const char   *name,
             const char   *role,
             GTree        *ticks)
{
  guint start, n = gw_indicators_series (indicators, ind, is_group, subject, sex, &start);
  guint months_hi = 0, n_points = 0;

  g_string_append (out, "{\"name\": ");
  json_string (out, name);
  g_string_append_printf (out, ", \"role\": \"%s\", \"points\": [", role);
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = start; i < start + n; i++)
      {
        const GwIndicatorValue *v = gw_indicators_get_value (indicators, i);
        double t;
        char *label;

        if (pass == 0)
          {
            if (!trend_wanted (v, pooled))
              continue;
            months_hi = MAX (months_hi, gw_period_last_month_index (v->period));
            t = gw_period_midpoint (v->period);
            label = period_label (v->period);
          }
        else
          {
            /* the rolling 36 months when they reach past the periods */
            guint last = gw_period_first_month_index (v->period);

            if (!v->rolling || isnan (v->value) || last <= months_hi)
              continue;
            t = (last - 35 + last + 1) / 24.0 - (pooled ? 0.5 : 0.0);
            label = g_strdup_printf ("to %u-%02u", last / 12, last % 12 + 1);
          }
        g_string_append (out, n_points > 0 ? ",\n  " : "\n  ");
        g_string_append (out, "{\"t\": ");
        json_number (out, t);
        g_string_append (out, ", \"value\": ");
        json_number (out, v->value);
        g_string_append (out, ", \"lower\": ");
        json_number (out, v->lower95);
        g_string_append (out, ", \"upper\": ");
        json_number (out, v->upper95);
        g_string_append_printf (out, ", \"published\": %s, \"rolling\": %s}",
                                v->source == GW_SOURCE_PUBLISHED && pass == 0 ? "true" : "false",
                                pass == 1 ? "true" : "false");
        g_tree_replace (ticks, GINT_TO_POINTER ((gint) lround (t * 1000)), label);
        n_points++;
      }
  g_string_append (out, "]}");
  return n_points;
}

static gint
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  return GPOINTER_TO_INT (a) - GPOINTER_TO_INT (b);
}

static gboolean
append_tick (gpointer key,
             gpointer value,
             gpointer data)
{
  GString *out = data;

  if (out->str[out->len - 1] != '[')
    g_string_append (out, ", ");
  g_string_append (out, "[");
  json_number (out, GPOINTER_TO_INT (key) / 1000.0);
  g_string_append (out, ", ");
  json_string (out, value);
  g_string_append (out, "]");
  return FALSE;
}

/* The trend chart's three series per sex, men and women. */
static gboolean
json_trend (GString            *out,
            GwChart            *chart,
            const GwChartStyle *style,
            GwDataset          *dataset,
            GwIndicators       *indicators,
            guint               area,
            guint               group,
            guint               england,
            gboolean            pooled)
{
  g_autoptr(GTree) ticks = g_tree_new_full (compare_keys, NULL, NULL, g_free);
  gint ind = gw_indicators_lookup_id (indicators, "le-birth");
  guint n_points = 0;

  if (ind < 0)
    return FALSE;
  g_string_append (out, "\"trend\": {\n");
  json_frame (out, chart, style, GW_TREND_WIDTH, GW_TREND_HEIGHT);
  g_string_append_printf (out, "\"x_title\": \"%s\", \"y_title\": \"Years\",\n\"panels\": [\n",
                          pooled ? "3-year period" : "Year");
  for (GwSex sx = GW_SEX_MALE; sx <= GW_SEX_FEMALE; sx++)
    {
      g_string_append_printf (out, "%s{\"title\": \"%s\", \"series\": [\n", sx > GW_SEX_MALE ? ",\n" : "",
                              sex_label (sx));
      n_points += json_series (out, indicators, (guint) ind, FALSE, area, sx, pooled,
                               gw_dataset_get_area (dataset, area)->name, "subject", ticks);
      g_string_append (out, ",\n");
      n_points += json_series (out, indicators, (guint) ind, TRUE, group, sx, pooled,
                               gw_dataset_get_group (dataset, group)->name, "group", ticks);
      g_string_append (out, ",\n");
      n_points += json_series (out, indicators, (guint) ind, FALSE, england, sx, pooled,
                               gw_dataset_get_area (dataset, england)->name, "comparator", ticks);
      g_string_append (out, "]}");
    }
  g_string_append (out, "],\n\"ticks\": [");
  g_tree_foreach (ticks, append_tick, out);
  g_string_append (out, "]}\n");
  g_print ("trend chart: %u points in 2 panels x 3 series, %d periods\n", n_points,
           g_tree_nnodes (ticks));
  return n_points > 0;
}

/* --- timing --------------------------------------------------------------- */

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Median seconds of painting the chart on a fresh image surface, and in
 * *encode those of encoding the painted surface as PNG in memory (cairo's
 * libpng writer, as gw_chart_export uses it).  The last PNG is written to
 * png_path when it is not NULL. */
static double
time_render (GwChart            *chart,
             const GwChartStyle *style,
             int                 width,
             int                 height,
             guint               runs,
             const char         *png_path,
             double             *encode)
{
  g_autofree double *times = g_new (double, runs);
  g_autofree double *encode_times = g_new (double, runs);

  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(GByteArray) bytes = g_byte_array_new ();
      gint64 start = g_get_monotonic_time ();
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      cairo_t *cr = cairo_create (surface);

      gw_chart_render (chart, cr, style, width, height);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      times[run] = seconds_since (start);

      start = g_get_monotonic_time ();
      cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
      encode_times[run] = seconds_since (start);
      if (run + 1 == runs && png_path != NULL)
        g_file_set_contents (png_path, (const char *) bytes->data, bytes->len, NULL);
      cairo_surface_destroy (surface);
    }
  *encode = median (encode_times, runs);
  return median (times, runs);
}

/* Median seconds of gw_chart_export to a PNG file: paint, encode, write. */
static double
time_export (GwChart            *chart,
             const GwChartStyle *style,
             int                 width,
             int                 height,
             guint               runs,
             const char         *path,
             GError            **error)
{
  g_autofree double *times = g_new (double, runs);

  for (guint run = 0; run < runs; run++)
    {
      gint64 start = g_get_monotonic_time ();

      if (!gw_chart_export (chart, style, path, width, height, error))
        return NAN;
      times[run] = seconds_since (start);
    }
  return median (times, runs);
}

/* Runs the matplotlib script; its "RESULT chart kind seconds" lines go into
 * results ("compare-draw" -> seconds), the others are echoed. */
static gboolean
run_matplotlib (const char  *python,
                const char  *data_path,
                const char  *outdir,
                guint        runs,
                GHashTable  *results,
                GError     **error)
{
  g_autofree char *runs_arg = g_strdup_printf ("%u", runs);
  const char *argv[] = { python, GW_MATPLOTLIB_SCRIPT, data_path, outdir, runs_arg, NULL };
  g_autofree char *out_text = NULL, *err_text = NULL;
  g_auto(GStrv) lines = NULL;
  gint status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out_text,
                     &err_text, &status, error)
      || !g_spawn_check_wait_status (status, error))
    {
      if (err_text != NULL && *err_text != '\0')
        g_printerr ("%s", err_text);
      return FALSE;
    }
  lines = g_strsplit (out_text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = NULL;

      if (!g_str_has_prefix (lines[i], "RESULT "))
        {
          if (lines[i][0] != '\0')
            g_print ("  %s\n", lines[i]);
          continue;
        }
      words = g_strsplit (lines[i], " ", 4);
      if (g_strv_length (words) == 4)
        {
          double *v = g_new (double, 1);

          *v = g_ascii_strtod (words[3], NULL);
          g_hash_table_insert (results, g_strdup_printf ("%s-%s", words[1], words[2]), v);
        }
    }
  return TRUE;
}

static double
result (GHashTable *results,
        const char *key)
{
  const double *v = g_hash_table_lookup (results, key);

  return v != NULL ? *v : NAN;
}

/* Removes dir and the files in it (the benchmark's own, no subfolders). */
static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static int
run (const char *file)
{
  g_autofree char *python = NULL;
  g_autofree char *tmpdir = NULL, *outdir = NULL, *path = NULL, *data_path = NULL;
  g_autofree char *png = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GwDataset) dataset = NULL;
  g_autoptr(GwIndicators) indicators = NULL;
  g_autoptr(GwTarget) target = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GwChart) compare = NULL, trend = NULL;
  g_autoptr(GHashTable) results = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GString) json = g_string_new ("{\n");
  g_autoptr(GArray) members = NULL;
  const char *keep = g_getenv ("GW_BENCH_OUTDIR");
  guint runs = MAX (env_uint ("GW_BENCH_RUNS", 10), 1);
  guint first_year, last_year, area;
  gint group, england;
  GwChartStyle style;
  gint64 start;
  double t_compare_new, t_trend_new;
  double r_compare, r_trend, e_compare, e_trend = NAN, c_compare, c_trend;
  double m_compare_draw, m_trend_draw, m_compare_png, m_trend_png;

  python = find_python ();
  if (python == NULL)
    {
      g_print ("SKIP: no python3 with matplotlib (apt-get install python3-matplotlib,"
               " or set GW_BENCH_PYTHON)\n");
      return GW_BENCH_SKIP;
    }
  g_print ("matplotlib: %s\n", python);

  tmpdir = g_dir_make_tmp ("gw-bench-render-XXXXXX", &error);
  if (tmpdir == NULL)
    {
      g_printerr ("cannot make a temporary folder: %s\n", error->message);
      return 1;
    }
  outdir = g_strdup (keep != NULL && *keep != '\0' ? keep : tmpdir);
  if (g_mkdir_with_parents (outdir, 0755) != 0)
    {
      g_printerr ("cannot make %s\n", outdir);
      return 1;
    }
  if (file != NULL)
    path = g_strdup (file);
  else if ((path = generate (tmpdir, &error)) == NULL)
    {
      g_printerr ("cannot generate the export: %s\n", error->message);
      return 1;
    }

  start = g_get_monotonic_time ();
  dataset = import_file (path, &error);
  if (dataset == NULL)
    {
      g_printerr ("import failed: %s\n", error->message);
      return 1;
    }
  g_print ("import: %.2f s\n", seconds_since (start));
  if (file == NULL)
    g_unlink (path);

  start = g_get_monotonic_time ();
  indicators = gw_indicators_compute (dataset);
  g_print ("indicators: %.2f s\n", seconds_since (start));

  group = gw_dataset_lookup_group (dataset, "spearhead");
  england = gw_dataset_lookup_area (dataset, GW_ENGLAND_CODE);
  if (group < 0 || england < 0
      || !pooled_years (indicators, "le-birth", (guint) england, &first_year, &last_year))
    {
      g_printerr ("the data has no Spearhead Group, England or pooled life expectancy\n");
      return 1;
    }
  members = gw_dataset_group_members (dataset, (guint) group);
  if (members == NULL || members->len == 0)
    {
      g_printerr ("the Spearhead Group has no members\n");
      return 1;
    }
  area = g_array_index (members, guint, 0);

  /* le-2010 as built in when its baseline is in the data; else the first
   * pooled period, with the target period just after the data */
  target = gw_target_new_builtin ("le-2010");
  if (gw_period_first_year (target->baseline) < first_year
      || gw_period_last_year (target->baseline) > last_year)
    {
      target->baseline = gw_period_pooled (first_year, first_year + 2);
      target->target_period = gw_period_pooled (last_year + 2, last_year + 4);
    }
  {
    char b[GW_PERIOD_STRLEN], t[GW_PERIOD_STRLEN];

    g_print ("data: pooled life expectancy %u-%u; target %s: baseline %s, target %s; "
             "group of %u areas\n", first_year, last_year, target->name,
             gw_period_format (target->baseline, b), gw_period_format (target->target_period, t),
             members->len);
  }

  start = g_get_monotonic_time ();
  compare = gw_test_chart_compare (dataset, indicators, target, GW_COMPARE_BY_CHANGE, &error);
  t_compare_new = seconds_since (start);
  if (compare == NULL)
    {
      g_printerr ("compare chart: %s\n", error->message);
      return 1;
    }
  start = g_get_monotonic_time ();
  trend = gw_chart_new_trend (dataset, indicators, "le-birth", FALSE, area,
                              1u << GW_SEX_MALE | 1u << GW_SEX_FEMALE, &error);
  t_trend_new = seconds_since (start);
  if (trend == NULL)
    {
      g_printerr ("trend chart: %s\n", error->message);
      return 1;
    }
  g_print ("chart snapshots (tracker run included): compare %.2f ms, trend %.2f ms\n",
           t_compare_new * 1000, t_trend_new * 1000);

  gw_chart_style_init (&style, GW_CHART_PALETTE_STANDARD);
  style.scale = GW_BENCH_SCALE;
  style.background = (GwChartColour) { 1, 1, 1, 1 };

  /* the numbers drawn, for matplotlib: the tracker's rows (the same run as
   * the chart's, deterministic) in the chart's row order */
  rows = gw_tracker_run (dataset, target, gw_tracker_indicators_series, indicators, &error);
  if (rows == NULL)
    {
      g_printerr ("tracker: %s\n", error->message);
      return 1;
    }
  json_compare (json, compare, &style, rows, target);
  if (!json_trend (json, trend, &style, dataset, indicators, area, (guint) group, (guint) england,
                   TRUE))
    {
      g_printerr ("no trend values\n");
      return 1;
    }
  g_string_append (json, "}\n");
  data_path = g_build_filename (outdir, "charts.json", NULL);
  if (!g_file_set_contents (data_path, json->str, json->len, &error))
    {
      g_printerr ("cannot write %s: %s\n", data_path, error->message);
      return 1;
    }

  g_print ("\nGapwatch (Cairo + Pango), median of %u runs at %d dpi:\n", runs,
           (int) (72 * GW_BENCH_SCALE));
  png = g_build_filename (outdir, "gapwatch-compare-surface.png", NULL);
  r_compare = time_render (compare, &style, GW_COMPARE_WIDTH, GW_COMPARE_HEIGHT, runs,
                           keep != NULL ? png : NULL, &c_compare);
  g_free (png);
  png = g_build_filename (outdir, "gapwatch-compare.png", NULL);
  e_compare = time_export (compare, &style, GW_COMPARE_WIDTH, GW_COMPARE_HEIGHT, runs, png, &error);
  g_free (png);
  png = g_build_filename (outdir, "gapwatch-trend-surface.png", NULL);
  r_trend = time_render (trend, &style, GW_TREND_WIDTH, GW_TREND_HEIGHT, runs,
                         keep != NULL ? png : NULL, &c_trend);
  g_free (png);
  png = g_build_filename (outdir, "gapwatch-trend.png", NULL);
  if (!isnan (e_compare))
    e_trend = time_export (trend, &style, GW_TREND_WIDTH, GW_TREND_HEIGHT, runs, png, &error);
  if (isnan (e_compare) || isnan (e_trend))
    {
      g_printerr ("export failed: %s\n", error->message);
      return 1;
    }
  g_print ("  compare %dx%d: paint on an image surface %.4f s; PNG encoding of it %.4f s;"
           " gw_chart_export to a PNG file %.4f s\n", GW_COMPARE_WIDTH, GW_COMPARE_HEIGHT,
           r_compare, c_compare, e_compare);
  g_print ("  trend   %dx%d: paint on an image surface %.4f s; PNG encoding of it %.4f s;"
           " gw_chart_export to a PNG file %.4f s\n", GW_TREND_WIDTH, GW_TREND_HEIGHT,
           r_trend, c_trend, e_trend);

  g_print ("\nmatplotlib (Agg), median of %u runs, timed inside the script (no start-up,"
           " imports or data loading):\n", runs);
  if (!run_matplotlib (python, data_path, outdir, runs, results, &error))
    {
      g_printerr ("matplotlib failed: %s\n", error->message);
      return 1;
    }
  m_compare_draw = result (results, "compare-draw");
  m_compare_png = result (results, "compare-png");
  m_trend_draw = result (results, "trend-draw");
  m_trend_png = result (results, "trend-png");
  g_print ("  compare %dx%d: build the figure and draw it on the Agg canvas %.4f s;"
           " build it and savefig to a PNG file %.4f s\n", GW_COMPARE_WIDTH, GW_COMPARE_HEIGHT,
           m_compare_draw, m_compare_png);
  g_print ("  trend   %dx%d: build the figure and draw it on the Agg canvas %.4f s;"
           " build it and savefig to a PNG file %.4f s\n", GW_TREND_WIDTH, GW_TREND_HEIGHT,
           m_trend_draw, m_trend_png);

  /* the ratios the issue asks for: drawing the chart, Gapwatch's painter on
   * an image surface against matplotlib drawing on its canvas; then the
   * whole PNG file, where both pay for zlib */
  g_print ("\nrender-vs-matplotlib ratio (compare): %.3f (goal: 0.1 or less)\n",
           r_compare / m_compare_draw);
  g_print ("render-vs-matplotlib ratio (trend): %.3f (goal: 0.1 or less)\n",
           r_trend / m_trend_draw);
  g_print ("png-file-vs-matplotlib ratio (compare): %.3f (gw_chart_export against savefig)\n",
           e_compare / m_compare_png);
  g_print ("png-file-vs-matplotlib ratio (trend): %.3f (gw_chart_export against savefig)\n",
           e_trend / m_trend_png);

  if (keep != NULL && *keep != '\0')
    g_print ("\nkept in %s: charts.json, gapwatch-*.png, matplotlib-*.png\n", outdir);
  else
    remove_dir (outdir);
  if (g_strcmp0 (outdir, tmpdir) != 0)
    g_rmdir (tmpdir);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (argc > 2)
    {
      g_printerr ("usage: %s [FILE]\n", argv[0]);
      return 2;
    }
  gw_formats_init ();
  status = run (argc == 2 ? argv[1] : NULL);
  /* after every chart and surface is gone */
  gw_chart_release_fonts ();
  return status;
}
