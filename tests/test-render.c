/* test-render.c: the chart painters, on image, PDF and SVG surfaces
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Data: the sample exports (GW_SAMPLES_DIR, imported in name order) and the
 * tracker fixture of 70 areas (GW_SHARED_DIR/data/fixtures/tracker-70).
 * Positions come from the chart's own axes (gw_chart_map_point), numbers
 * from the indicator engine and the tracker run here, so a pixel test says
 * "the target line is drawn where the target gap is" at every size.
 */
#include "gw-config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include <cairo.h>
#include <glib/gstdio.h>

#include "formats/gw-export-reader.h"
#include "render/gw-chart.h"
#include "render/gw-chart-private.h"
#include "gw-test-result.h"
#include "gw-test-decomp.h"

/* --- data ----------------------------------------------------------------- */

typedef struct
{
  GwDataset    *dataset;
  GwIndicators *indicators;
} Data;

static Data samples, tracker70;

static void
import_paths (Data *d, GPtrArray *paths)
{
  d->dataset = gw_dataset_new ();
  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(GError) error = NULL;
      GwBatch *b = gw_export_read_file (d->dataset, g_ptr_array_index (paths, i), NULL, NULL, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (gw_dataset_commit (d->dataset, b, &error));
      g_assert_no_error (error);
    }
  d->indicators = gw_indicators_compute (d->dataset);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static const Data *
get_samples (void)
{
  const char *dir = g_getenv ("GW_SAMPLES_DIR");
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;

  if (samples.dataset != NULL)
    return &samples;
  if (dir == NULL || (d = g_dir_open (dir, 0, NULL)) == NULL)
    {
      g_test_skip ("GW_SAMPLES_DIR is not set");
      return NULL;
    }
  paths = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".xml") || g_str_has_suffix (name, ".xml.gz"))
      g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (paths, compare_strings);
  g_assert_cmpuint (paths->len, >=, 7);
  import_paths (&samples, paths);
  return &samples;
}

static const Data *
get_tracker70 (void)
{
  const char *shared = g_getenv ("GW_SHARED_DIR");
  g_autoptr(GPtrArray) paths = NULL;

  if (tracker70.dataset != NULL)
    return &tracker70;
  if (shared == NULL)
    {
      g_test_skip ("GW_SHARED_DIR is not set");
      return NULL;
    }
  paths = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (paths, g_build_filename (shared, "data", "fixtures", "tracker-70", "le-a.xml", NULL));
  g_ptr_array_add (paths, g_build_filename (shared, "data", "fixtures", "tracker-70", "le-b-revision.xml", NULL));
  import_paths (&tracker70, paths);
  return &tracker70;
}

static GwChart *
samples_trend (const Data *d, const char *code)
{
  g_autoptr(GError) error = NULL;
  gint area = gw_dataset_lookup_area (d->dataset, code);
  GwChart *chart;

  g_assert_cmpint (area, >=, 0);
  chart = gw_chart_new_trend (d->dataset, d->indicators, "le-birth", FALSE, area, 0, &error);
  g_assert_no_error (error);
  return chart;
}

static GwChart *
group_gap (const Data *d, GwTarget *target)
{
  g_autoptr(GError) error = NULL;
  gint group = gw_dataset_lookup_group (d->dataset, target->group);
  GwChart *chart;

  g_assert_cmpint (group, >=, 0);
  chart = gw_test_chart_gap (d->dataset, d->indicators, target, TRUE, group, &error);
  g_assert_no_error (error);
  return chart;
}

/* The tracker's row of a subject and sex, run as the chart runs it. */
static GwTrackerRow *
find_row (GPtrArray *rows, gboolean is_group, GwSex sex)
{
  for (guint i = 0; i < rows->len; i++)
    {
      GwTrackerRow *r = g_ptr_array_index (rows, i);

      if (r->is_group == is_group && r->sex == sex)
        return r;
    }
  g_assert_not_reached ();
  return NULL;
}

/* --- pixels --------------------------------------------------------------- */

static cairo_surface_t *
render_image (GwChart *chart, const GwChartStyle *style, int w, int h)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  gw_chart_render (chart, cr, style, w, h);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
get_pixel (cairo_surface_t *s, int x, int y, double *r, double *g, double *b)
{
  const unsigned char *data = cairo_image_surface_get_data (s);
  int stride = cairo_image_surface_get_stride (s);
  guint32 p;
  double a;

  g_assert_true (x >= 0 && y >= 0 && x < cairo_image_surface_get_width (s)
                 && y < cairo_image_surface_get_height (s));
  p = *(const guint32 *) (data + y * stride + x * 4);
  a = (p >> 24) / 255.0;
  *r = a > 0 ? ((p >> 16) & 0xff) / 255.0 / a : 0;
  *g = a > 0 ? ((p >> 8) & 0xff) / 255.0 / a : 0;
  *b = a > 0 ? (p & 0xff) / 255.0 / a : 0;
}

static gboolean
pixel_is (cairo_surface_t *s, int x, int y, const GwChartColour *c, double tol)
{
  double r, g, b;

  get_pixel (s, x, y, &r, &g, &b);
  return fabs (r - c->red) <= tol && fabs (g - c->green) <= tol && fabs (b - c->blue) <= tol;
}

/* Whether the colour is anywhere in the box of half-sizes rx, ry around
 * (cx, cy). */
static gboolean
find_colour (cairo_surface_t *s, double cx, double cy, int rx, int ry, const GwChartColour *c)
{
  int w = cairo_image_surface_get_width (s), h = cairo_image_surface_get_height (s);

  for (int y = (int) floor (cy) - ry; y <= (int) floor (cy) + ry; y++)
    for (int x = (int) floor (cx) - rx; x <= (int) floor (cx) + rx; x++)
      if (x >= 0 && y >= 0 && x < w && y < h && pixel_is (s, x, y, c, 0.09))
        return TRUE;
  return FALSE;
}

/* Whether some pixel in the box is grey ink on the white page (hatching,
 * antialiased: no one exact colour). */
static gboolean
find_grey (cairo_surface_t *s, double cx, double cy, int rx, int ry)
{
  for (int y = (int) floor (cy) - ry; y <= (int) floor (cy) + ry; y++)
    for (int x = (int) floor (cx) - rx; x <= (int) floor (cx) + rx; x++)
      {
        double r, g, b;

        get_pixel (s, x, y, &r, &g, &b);
        if (r < 0.8 && fabs (r - g) < 0.08 && fabs (g - b) < 0.08)
          return TRUE;
      }
  return FALSE;
}

static void
style_for (GwChartStyle *style, GwChartPalette palette, double scale)
{
  gw_chart_style_init (style, palette);
  style->scale = scale;
}

/* --- labels --------------------------------------------------------------- */

static gboolean
rects_overlap (const GwChartRect *a, const GwChartRect *b)
{
  return a->x + 0.01 < b->x + b->width && b->x + 0.01 < a->x + a->width
         && a->y + 0.01 < b->y + b->height && b->y + 0.01 < a->y + a->height;
}

/* No two labels the painter placed intersect, and all are on the surface.
 * Returns the labels for further checks. */
static GArray *
assert_labels_clean (GwChart *chart, const GwChartStyle *style, double w, double h)
{
  GArray *labels = gw_chart_get_labels (chart, style, w, h);

  g_assert_cmpuint (labels->len, >, 0);
  for (guint i = 0; i < labels->len; i++)
    {
      const GwChartLabel *a = &g_array_index (labels, GwChartLabel, i);

      if (a->rect.x < -0.01 || a->rect.y < -0.01 || a->rect.x + a->rect.width > w + 0.01
          || a->rect.y + a->rect.height > h + 0.01)
        g_error ("label “%s” (%g,%g %gx%g) leaves the %gx%g surface", a->text, a->rect.x, a->rect.y,
                 a->rect.width, a->rect.height, w, h);
      for (guint j = i + 1; j < labels->len; j++)
        {
          const GwChartLabel *b = &g_array_index (labels, GwChartLabel, j);

          if (rects_overlap (&a->rect, &b->rect))
            g_error ("labels “%s” and “%s” overlap at %gx%g", a->text, b->text, w, h);
        }
    }
  return labels;
}

static const GwChartLabel *
find_label (GArray *labels, const char *text)
{
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (g_array_index (labels, GwChartLabel, i).text, text) == 0)
      return &g_array_index (labels, GwChartLabel, i);
  return NULL;
}

/* --- tests: pieces -------------------------------------------------------- */

static void
test_style_palettes (void)
{
  GwChartStyle style;
  GwChartColour c, fg;
  GwChartPalette p;

  g_assert_true (gw_chart_palette_parse ("colour-blind", &p));
  g_assert_cmpint (p, ==, GW_CHART_PALETTE_COLOUR_BLIND);
  g_assert_true (gw_chart_palette_parse ("grayscale", &p));
  g_assert_cmpint (p, ==, GW_CHART_PALETTE_GREYSCALE);
  g_assert_false (gw_chart_palette_parse ("rainbow", &p));

  /* Okabe-Ito: the subject is blue #0072B2, off track vermillion #D55E00 */
  gw_chart_style_init (&style, GW_CHART_PALETTE_COLOUR_BLIND);
  gw_chart_style_get_colour (&style, GW_CHART_ROLE_SUBJECT, &c);
  g_assert_cmpint ((int) round (c.red * 255), ==, 0x00);
  g_assert_cmpint ((int) round (c.green * 255), ==, 0x72);
  g_assert_cmpint ((int) round (c.blue * 255), ==, 0xb2);
  gw_chart_style_get_colour (&style, GW_CHART_ROLE_OFF_TRACK, &c);
  g_assert_cmpint ((int) round (c.red * 255), ==, 0xd5);

  /* greyscale: every role is a grey */
  gw_chart_style_init (&style, GW_CHART_PALETTE_GREYSCALE);
  for (GwChartRole r = 0; r < GW_CHART_N_ROLES; r++)
    {
      gw_chart_style_get_colour (&style, r, &c);
      g_assert_cmpfloat (c.red, ==, c.green);
      g_assert_cmpfloat (c.green, ==, c.blue);
    }

  /* dark: light text on a dark background; the window's colours win */
  gw_chart_style_init (&style, GW_CHART_PALETTE_STANDARD);
  style.dark = TRUE;
  gw_chart_style_get_colour (&style, GW_CHART_ROLE_FOREGROUND, &fg);
  gw_chart_style_get_colour (&style, GW_CHART_ROLE_BACKGROUND, &c);
  g_assert_cmpfloat (fg.red + fg.green + fg.blue, >, 2.5);
  g_assert_cmpfloat (c.red + c.green + c.blue, <, 0.5);
  style.foreground = (GwChartColour) { 0.9, 0.8, 0.7, 1.0 };
  gw_chart_style_get_colour (&style, GW_CHART_ROLE_COMPARATOR, &c);
  g_assert_cmpfloat (c.red, ==, 0.9);
  g_assert_cmpfloat (c.blue, ==, 0.7);
}

static void
test_axis_numbers (void)
{
  g_autofree char *a = gw_chart_format_number (-2.5, 2, FALSE);
  g_autofree char *b = gw_chart_format_number (-0.001, 1, FALSE);
  g_autofree char *c = gw_chart_format_period_short (gw_period_pooled (1999, 2001));
  g_autofree char *d = gw_chart_format_period_short (gw_period_pooled (1995, 1997));
  g_autofree char *e = gw_chart_format_period (gw_period_pooled (1995, 1997));
  double lo = 71.8, hi = 77.6;
  g_autoptr(GArray) ticks = NULL;

  g_assert_cmpstr (a, ==, "−2.50");      /* a real minus sign */
  g_assert_cmpstr (b, ==, "0.0");        /* never "−0.0" */
  g_assert_cmpstr (c, ==, "1999–01");
  g_assert_cmpstr (d, ==, "1995–97");
  g_assert_cmpstr (e, ==, "1995–1997");

  g_assert_cmpfloat (gw_axis_nice_step (0, 10, 5), ==, 2);
  g_assert_cmpfloat (gw_axis_nice_step (0, 1, 4), ==, 0.25);
  g_assert_cmpfloat (gw_axis_nice_step (0, 60000, 6), ==, 10000);
  ticks = gw_axis_ticks (&lo, &hi, 1, TRUE, "%");
  g_assert_cmpfloat (lo, ==, 71);
  g_assert_cmpfloat (hi, ==, 78);
  g_assert_cmpuint (ticks->len, ==, 8);
  g_assert_cmpstr (g_array_index (ticks, GwTick, 0).label, ==, "71%");
  g_assert_cmpstr (g_array_index (ticks, GwTick, 7).label, ==, "78%");
}

/* --- tests: trend --------------------------------------------------------- */

/* England's published value for men in 2004-2006, from the engine. */
static const GwIndicatorValue *
england_value (const Data *d, GwSex sex, GwPeriod period)
{
  guint start, n = gw_indicators_series (d->indicators, gw_indicators_lookup_id (d->indicators, "le-birth"),
                                         FALSE, gw_dataset_get_country (d->dataset), sex, &start);

  for (guint i = 0; i < n; i++)
    {
      const GwIndicatorValue *v = gw_indicators_get_value (d->indicators, start + i);

      if (!v->rolling && v->period == period)
        return v;
    }
  g_assert_not_reached ();
  return NULL;
}

static const GwIndicatorValue *
area_value (const Data *d, gint area, GwSex sex, GwPeriod period)
{
  guint start, n = gw_indicators_series (d->indicators, gw_indicators_lookup_id (d->indicators, "le-birth"),
                                         FALSE, area, sex, &start);

  for (guint i = 0; i < n; i++)
    {
      const GwIndicatorValue *v = gw_indicators_get_value (d->indicators, start + i);

      if (!v->rolling && v->period == period)
        return v;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_trend_markers (void)
{
  const Data *d = get_samples ();
  g_autoptr(GwChart) chart = NULL;
  const GwPeriod p0406 = gw_period_pooled (2004, 2006);
  const GwIndicatorValue *eng, *bp;
  const struct { int w, h; double scale; } sizes[] = { { 1200, 800, 96.0 / 72 }, { 1191, 842, 1.0 }, { 600, 900, 1.0 } };
  GwChartColour comparator, subject, bg;

  if (d == NULL)
    return;
  chart = samples_trend (d, "E06000009");
  g_assert_cmpint (gw_chart_get_kind (chart), ==, GW_CHART_TREND);
  g_assert_cmpstr (gw_chart_get_title (chart), ==, "Life expectancy at birth: Blackpool");
  g_assert_nonnull (strstr (gw_chart_get_subtitle (chart), "men and women, 1993–1995 to 2005–2007"));
  g_assert_nonnull (strstr (gw_chart_get_source (chart), "Office for National Statistics"));
  g_assert_nonnull (strstr (gw_chart_get_source (chart), "Data as at 21 August 2008"));

  eng = england_value (d, GW_SEX_MALE, p0406);
  g_assert_cmpint (eng->source, ==, GW_SOURCE_PUBLISHED);
  bp = area_value (d, gw_dataset_lookup_area (d->dataset, "E06000009"), GW_SEX_MALE, p0406);
  g_assert_cmpint (bp->source, ==, GW_SOURCE_COMPUTED);

  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    {
      GwChartStyle style;
      cairo_surface_t *surface;
      double x, y, r;
      g_autoptr(GArray) labels = NULL;

      style_for (&style, GW_CHART_PALETTE_COLOUR_BLIND, sizes[k].scale);
      gw_chart_style_get_colour (&style, GW_CHART_ROLE_COMPARATOR, &comparator);
      gw_chart_style_get_colour (&style, GW_CHART_ROLE_SUBJECT, &subject);
      gw_chart_style_get_colour (&style, GW_CHART_ROLE_BACKGROUND, &bg);
      surface = render_image (chart, &style, sizes[k].w, sizes[k].h);
      g_assert_cmpuint (gw_chart_get_n_panels (chart, &style, sizes[k].w, sizes[k].h), ==, 2);

      /* England's published value: a filled marker in England's colour */
      g_assert_true (gw_chart_map_point (chart, &style, sizes[k].w, sizes[k].h, 0,
                                         gw_period_midpoint (p0406), eng->value, &x, &y));
      g_assert_true (pixel_is (surface, (int) x, (int) y, &comparator, 0.09));

      /* Blackpool's computed value: hollow (background inside, blue rim) */
      g_assert_true (gw_chart_map_point (chart, &style, sizes[k].w, sizes[k].h, 0,
                                         gw_period_midpoint (p0406), bp->value, &x, &y));
      g_assert_true (pixel_is (surface, (int) x, (int) y, &bg, 0.09));
      r = 6.5 / 2 * sizes[k].scale;
      g_assert_true (find_colour (surface, x + r - 0.5, y, 1, 1, &subject)
                     || find_colour (surface, x - r + 0.5, y, 1, 1, &subject));

      /* the tooltip there names the area, sex, period and how it was got */
      {
        g_autofree char *tip = gw_chart_hit_test (chart, &style, sizes[k].w, sizes[k].h, x, y);

        g_assert_nonnull (tip);
        g_assert_nonnull (strstr (tip, "Blackpool, men, 2004–2006: "));
        g_assert_nonnull (strstr (tip, "computed from counts"));
      }

      labels = assert_labels_clean (chart, &style, sizes[k].w, sizes[k].h);
      g_assert_nonnull (find_label (labels, "Men"));
      g_assert_nonnull (find_label (labels, "Women"));
      g_assert_nonnull (find_label (labels, "2005–07"));   /* the latest period is always labelled */
      cairo_surface_destroy (surface);
    }

  /* nothing to say over the margin */
  {
    GwChartStyle style;

    style_for (&style, GW_CHART_PALETTE_STANDARD, 1.0);
    g_assert_null (gw_chart_hit_test (chart, &style, 800, 600, 1, 1));
  }

  /* the description has the latest numbers */
  {
    g_autofree char *v = g_strdup_printf ("Blackpool %.1f years in 2005–2007", area_value (d, gw_dataset_lookup_area (d->dataset, "E06000009"), GW_SEX_MALE, gw_period_pooled (2005, 2007))->value);

    g_assert_nonnull (strstr (gw_chart_get_description (chart), v));
  }
}

/* Without the last three months of deaths, 2005-2007 cannot be pooled and
 * the rolling 36 months to September 2007 are the latest value: drawn
 * hollow, at the end of a dotted line, said provisional. */
static void
test_trend_provisional (void)
{
  const char *dir = g_getenv ("GW_SAMPLES_DIR");
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GwChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) labels = NULL;
  g_autoptr(GDir) d = NULL;
  const GwIndicatorValue *prov = NULL;
  Data data = { NULL, NULL };
  const char *name;
  GwChartStyle style;
  GwChartColour subject, bg;
  cairo_surface_t *surface;
  guint start, n;
  gint area;
  double x, y;

  if (dir == NULL || (d = g_dir_open (dir, 0, NULL)) == NULL)
    {
      g_test_skip ("GW_SAMPLES_DIR is not set");
      return;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    if ((g_str_has_suffix (name, ".xml") || g_str_has_suffix (name, ".xml.gz"))
        && !g_str_has_prefix (name, "05-deaths-2007-10") && !g_str_has_prefix (name, "05-deaths-2007-11")
        && !g_str_has_prefix (name, "05-deaths-2007-12"))
      g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (paths, compare_strings);
  import_paths (&data, paths);

  area = gw_dataset_lookup_area (data.dataset, "E06000009");
  n = gw_indicators_series (data.indicators, gw_indicators_lookup_id (data.indicators, "le-birth"),
                            FALSE, area, GW_SEX_MALE, &start);
  for (guint i = 0; i < n; i++)
    if (gw_indicators_get_value (data.indicators, start + i)->rolling)
      prov = gw_indicators_get_value (data.indicators, start + i);
  g_assert_nonnull (prov);
  g_assert_cmpint (prov->source, ==, GW_SOURCE_PROVISIONAL);

  chart = gw_chart_new_trend (data.dataset, data.indicators, "le-birth", FALSE, area, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (gw_chart_get_subtitle (chart),
                            "1993–1995 to 2004–2006 (3-year periods) and the 36 months to Sep 2007 (provisional)"));

  style_for (&style, GW_CHART_PALETTE_COLOUR_BLIND, 1.0);
  gw_chart_style_get_colour (&style, GW_CHART_ROLE_SUBJECT, &subject);
  gw_chart_style_get_colour (&style, GW_CHART_ROLE_BACKGROUND, &bg);
  surface = render_image (chart, &style, 1191, 842);
  /* the rolling 36 months Oct 2004 to Sep 2007 sit at their middle, as
   * pooled periods do (methods.md section 6): 2005.75 */
  g_assert_true (gw_chart_map_point (chart, &style, 1191, 842, 0, 2005.75, prov->value, &x, &y));
  g_assert_true (pixel_is (surface, (int) x, (int) y, &bg, 0.09));
  g_assert_true (find_colour (surface, x, y, 5, 5, &subject));
  {
    g_autofree char *tip = gw_chart_hit_test (chart, &style, 1191, 842, x, y);

    g_assert_nonnull (tip);
    g_assert_nonnull (strstr (tip, "36 months to Sep 2007"));
    g_assert_true (g_str_has_suffix (tip, ", provisional"));
  }
  labels = assert_labels_clean (chart, &style, 1191, 842);
  g_assert_nonnull (find_label (labels, "provisional (rolling 36 months)"));
  g_assert_nonnull (find_label (labels, "to Sep 2007"));
  cairo_surface_destroy (surface);

  g_clear_object (&chart);
  gw_indicators_free (data.indicators);
  g_object_unref (data.dataset);
}

/* Middlesbrough's women's 2003-2005 value is suppressed by the publisher
 * (issue 18 point 11): the line and the band stop either side of it, the
 * period is hatched and says why, the legend keys the hatching. */
static void
test_trend_suppressed (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "suppressed", "middlesbrough.xml", NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GwChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  Data d = { 0 };
  const double w = 1100, h = 640;
  double t02 = gw_period_midpoint (gw_period_pooled (2002, 2004));
  double t03 = gw_period_midpoint (gw_period_pooled (2003, 2005));
  double t04 = gw_period_midpoint (gw_period_pooled (2004, 2006));
  double t05 = gw_period_midpoint (gw_period_pooled (2005, 2007));
  GwChartColour subject;
  GwChartStyle style;
  GwChartRect plot;
  cairo_surface_t *surface;
  double x, y, x2, y2;

  g_ptr_array_add (paths, g_strdup (path));
  import_paths (&d, paths);
  chart = gw_chart_new_trend (d.dataset, d.indicators, "le-birth", FALSE,
                              gw_dataset_lookup_area (d.dataset, "E06000002"), 0, &error);
  g_assert_no_error (error);
  style_for (&style, GW_CHART_PALETTE_STANDARD, 1.0);
  gw_chart_style_get_colour (&style, GW_CHART_ROLE_SUBJECT, &subject);
  surface = render_image (chart, &style, w, h);
  g_assert_cmpuint (gw_chart_get_n_panels (chart, &style, w, h), ==, 2);

  /* women (panel 1): no line across 2003-2005, halfway between the values
   * either side of it, where an unbroken line would be */
  g_assert_true (gw_chart_map_point (chart, &style, w, h, 1, t02, 80.0, &x, &y));
  g_assert_true (gw_chart_map_point (chart, &style, w, h, 1, t04, 80.5, &x2, &y2));
  g_assert_false (find_colour (surface, (x + x2) / 2, (y + y2) / 2, 1, 1, &subject));
  /* ...and a line between the next two */
  g_assert_true (gw_chart_map_point (chart, &style, w, h, 1, t05, 80.8, &x, &y));
  g_assert_true (find_colour (surface, (x + x2) / 2, (y + y2) / 2, 1, 1, &subject));
  /* men's 2003-2005 is there: their line runs through it */
  g_assert_true (gw_chart_map_point (chart, &style, w, h, 0, t03, 75.6, &x, &y));
  g_assert_true (gw_chart_map_point (chart, &style, w, h, 0, t04, 75.9, &x2, &y2));
  g_assert_true (find_colour (surface, (x + x2) / 2, (y + y2) / 2, 1, 1, &subject));

  /* the hatching over the women's 2003-2005, top to bottom, none over the men's */
  g_assert_true (gw_chart_get_plot_rect (chart, &style, w, h, 1, &plot));
  g_assert_true (gw_chart_map_point (chart, &style, w, h, 1, t03, 80.0, &x, &y));
  g_assert_true (find_grey (surface, x, plot.y + 6, 6, 4));
  g_assert_true (find_grey (surface, x, plot.y + plot.height - 6, 6, 4));
  {
    GwChartRect men;

    g_assert_true (gw_chart_get_plot_rect (chart, &style, w, h, 0, &men));
    g_assert_true (gw_chart_map_point (chart, &style, w, h, 0, t03, 75.0, &x2, &y2));
    g_assert_false (find_grey (surface, x2, men.y + 6, 6, 4));
  }

  /* the tooltip there: who, when, why */
  {
    g_autofree char *tip = gw_chart_hit_test (chart, &style, w, h, x, plot.y + 10);

    g_assert_cmpstr (tip, ==, "Middlesbrough, women, 2003–2005: suppressed by the publisher");
  }
  /* the legend keys it; the description says it */
  {
    g_autoptr(GArray) labels = assert_labels_clean (chart, &style, w, h);

    g_assert_nonnull (find_label (labels, "suppressed"));
    g_assert_nonnull (find_label (labels, "2003–05"));
  }
  g_assert_nonnull (strstr (gw_chart_get_description (chart), "2003–2005: suppressed by the publisher"));
  cairo_surface_destroy (surface);

  /* a chart with every value has no such key */
  {
    const Data *s = get_samples ();
    g_autoptr(GwChart) full = NULL;
    g_autoptr(GArray) labels = NULL;

    if (s != NULL)
      {
        full = samples_trend (s, "E06000009");
        labels = gw_chart_get_labels (full, &style, w, h);
        g_assert_null (find_label (labels, "suppressed"));
      }
  }
  gw_indicators_free (d.indicators);
  g_assert_finalize_object (d.dataset);
}

/* The required narrowing as the window's key figures and the report's
 * tables both print it (issue 18 point 14: "none" in one, "0.0" in the
 * other): what rounds to nothing or less is "none". */
static void
test_format_required (void)
{
  const struct { double v; const char *text; } cases[] = {
    { 11.44, "11.4%" }, { 45.8994, "45.9%" }, { 0.05, "0.1%" },
    { 0.04, "none" }, { 0.0, "none" }, { -3.2, "none" }, { NAN, "–" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = gw_chart_format_required (cases[i].v, 1);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* The samples with Hartlepool's women's 2001-2003 value suppressed: the
 * gap chart's line stops either side of the period (no gap can be
 * computed there), which is hatched, keyed and explained (issue 18 point
 * 11). */
static void
test_gap_suppressed (void)
{
  const char *dir = g_getenv ("GW_SAMPLES_DIR");
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GwTarget) target = gw_target_new_builtin ("le-2010");
  g_autoptr(GwChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = NULL;
  g_autoptr(GArray) labels = NULL;
  GwChartColour subject;
  GwChartStyle style;
  GwChartRect plot;
  cairo_surface_t *surface;
  const double w = 1100, h = 640;
  double t00 = gw_period_midpoint (gw_period_pooled (2000, 2002));
  double t01 = gw_period_midpoint (gw_period_pooled (2001, 2003));
  double t02 = gw_period_midpoint (gw_period_pooled (2002, 2004));
  double xa, ya, xb, yb;
  const char *name;
  Data data = { 0 };

  if (dir == NULL || (d = g_dir_open (dir, 0, NULL)) == NULL)
    {
      g_test_skip ("GW_SAMPLES_DIR is not set");
      return;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".xml") || g_str_has_suffix (name, ".xml.gz"))
      g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (paths, compare_strings);
  g_ptr_array_add (paths, g_test_build_filename (G_TEST_DIST, "data", "suppressed", "hartlepool.xml", NULL));
  import_paths (&data, paths);

  chart = gw_test_chart_gap (data.dataset, data.indicators, target, FALSE,
                             gw_dataset_lookup_area (data.dataset, "E06000001"), &error);
  g_assert_no_error (error);
  style_for (&style, GW_CHART_PALETTE_STANDARD, 1.0);
  gw_chart_style_get_colour (&style, GW_CHART_ROLE_SUBJECT, &subject);
  surface = render_image (chart, &style, w, h);
  g_assert_cmpuint (gw_chart_get_n_panels (chart, &style, w, h), ==, 2);

  labels = assert_labels_clean (chart, &style, w, h);
  g_assert_nonnull (find_label (labels, "a period without a value (suppressed or missing)"));
  g_clear_pointer (&labels, g_array_unref);

  /* women (panel 1): hatching at 2001-2003, and the tooltip there */
  g_assert_true (gw_chart_get_plot_rect (chart, &style, w, h, 1, &plot));
  g_assert_true (gw_chart_map_point (chart, &style, w, h, 1, t01, 0, &xa, &ya));
  g_assert_true (find_grey (surface, xa, plot.y + 6, 6, 4));
  {
    g_autofree char *tip = gw_chart_hit_test (chart, &style, w, h, xa, plot.y + 6);

    g_assert_cmpstr (tip, ==, "Hartlepool, women: a period without a value between 2000–2002 and "
                              "2002–2004 (suppressed or missing)");
  }
  /* no line across it: halfway between the gaps either side, nothing of
   * the subject's colour (the gaps from the tracker's own points) */
  {
    g_autoptr(GwTrackerResult) result = gw_tracker_result_new (data.dataset, data.indicators, target, &error);
    GPtrArray *rows = gw_tracker_result_get_rows (result);
    gint area = gw_dataset_lookup_area (data.dataset, "E06000001");
    double g00 = NAN, g02 = NAN;

    for (guint i = 0; i < rows->len; i++)
      {
        const GwTrackerRow *r = g_ptr_array_index (rows, i);

        if (r->is_group || (gint) r->subject != area || r->sex != GW_SEX_FEMALE)
          continue;
        for (guint j = 0; j < r->points->len; j++)
          {
            const GwGapPoint *g = &g_array_index (r->points, GwGapPoint, j);

            g_assert_cmpfloat (fabs (g->t - t01), >, 0.01);
            if (fabs (g->t - t00) < 0.01)
              g00 = g->gap;
            if (fabs (g->t - t02) < 0.01)
              g02 = g->gap;
          }
      }
    g_assert_true (isfinite (g00) && isfinite (g02));
    g_assert_true (gw_chart_map_point (chart, &style, w, h, 1, t00, g00, &xa, &ya));
    g_assert_true (gw_chart_map_point (chart, &style, w, h, 1, t02, g02, &xb, &yb));
    g_assert_false (find_colour (surface, (xa + xb) / 2, (ya + yb) / 2, 1, 1, &subject));
  }
  cairo_surface_destroy (surface);
  g_clear_object (&chart);
  gw_indicators_free (data.indicators);
  g_assert_finalize_object (data.dataset);
}

static void
test_trend_one_sex (void)
{
  const Data *d = get_samples ();
  g_autoptr(GwChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  GwChartStyle style;

  if (d == NULL)
    return;
  chart = gw_chart_new_trend (d->dataset, d->indicators, "imr", TRUE,
                              gw_dataset_lookup_group (d->dataset, "spearhead"), 0, &error);
  g_assert_no_error (error);
  style_for (&style, GW_CHART_PALETTE_STANDARD, 1.0);
  /* infant mortality is for persons: one panel */
  g_assert_cmpuint (gw_chart_get_n_panels (chart, &style, 800, 500), ==, 1);
  g_assert_nonnull (strstr (gw_chart_get_description (chart), "Persons: Spearhead Group"));
  g_clear_object (&chart);

  chart = gw_chart_new_trend (d->dataset, d->indicators, "no-such", FALSE, 0, 0, &error);
  g_assert_null (chart);
  g_assert_error (error, GW_CHART_ERROR, GW_CHART_ERROR_NOT_FOUND);
}

/* --- tests: gap ----------------------------------------------------------- */

static void
test_gap_target_line (void)
{
  const Data *d = get_samples ();
  g_autoptr(GwTarget) target = gw_target_new_builtin ("le-2010");
  g_autoptr(GwChart) chart = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  const struct { int w, h; double scale; } sizes[] = {
    { 200, 150, 0.5 }, { 400, 300, 1.0 }, { 1200, 800, 96.0 / 72 }, { 1191, 842, 1.0 }, { 842, 1191, 1.0 },
  };

  if (d == NULL)
    return;
  chart = group_gap (d, target);
  rows = gw_tracker_run (d->dataset, target, gw_tracker_indicators_series, d->indicators, &error);
  g_assert_no_error (error);

  /* the status in words, with the tracker's numbers */
  for (GwSex sex = GW_SEX_MALE; sex <= GW_SEX_FEMALE; sex++)
    {
      const GwTrackerRow *r = find_row (rows, TRUE, sex);
      g_autofree char *want = g_strdup_printf ("%s track: projected %.2f%% against a target of %.2f%%",
                                               r->status == GW_STATUS_ON_TRACK ? "On" : "Off",
                                               r->projected_gap, r->target_gap);

      g_assert_cmpint (r->status, ==, GW_STATUS_OFF_TRACK);
      g_assert_nonnull (strstr (gw_chart_get_description (chart), want));
    }

  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    {
      GwChartStyle style;
      GwChartColour target_colour, subject;
      cairo_surface_t *surface;
      g_autoptr(GArray) labels = NULL;
      guint n_panels;

      style_for (&style, GW_CHART_PALETTE_STANDARD, sizes[k].scale);
      gw_chart_style_get_colour (&style, GW_CHART_ROLE_TARGET, &target_colour);
      gw_chart_style_get_colour (&style, GW_CHART_ROLE_SUBJECT, &subject);
      surface = render_image (chart, &style, sizes[k].w, sizes[k].h);
      n_panels = gw_chart_get_n_panels (chart, &style, sizes[k].w, sizes[k].h);
      g_assert_cmpuint (n_panels, ==, 2);

      for (guint p = 0; p < n_panels; p++)
        {
          const GwTrackerRow *r = find_row (rows, TRUE, p == 0 ? GW_SEX_MALE : GW_SEX_FEMALE);
          GwChartRect plot;
          double x, y;

          g_assert_true (gw_chart_get_plot_rect (chart, &style, sizes[k].w, sizes[k].h, p, &plot));
          /* the target line: its colour on its row, across the plot (a
           * dash-dot line, so look along a few pixels) */
          for (double f = 0.3; f <= 0.71; f += 0.2)
            {
              g_assert_true (gw_chart_map_point (chart, &style, sizes[k].w, sizes[k].h, p,
                                                 0, r->target_gap, NULL, &y));
              x = plot.x + plot.width * f;
              if (!find_colour (surface, x, y, (int) ceil (6 * sizes[k].scale), 1, &target_colour))
                {
                  cairo_surface_write_to_png (surface, "/tmp/charts/fail.png");
                  g_error ("size %u panel %u: no target colour at %g,%g", k, p, x, y);
                }
            }
          /* and not a little above it */
          g_assert_false (find_colour (surface, plot.x + plot.width * 0.3, y - 6 * sizes[k].scale - 2,
                                       (int) ceil (6 * sizes[k].scale), 0, &target_colour));
          /* the latest gap point: a filled marker */
          g_assert_true (gw_chart_map_point (chart, &style, sizes[k].w, sizes[k].h, p,
                                             gw_period_midpoint (r->latest_period), r->latest_gap, &x, &y));
          g_assert_true (pixel_is (surface, (int) x, (int) y, &subject, 0.09));
        }
      labels = assert_labels_clean (chart, &style, sizes[k].w, sizes[k].h);
      if (sizes[k].w >= 400)
        {
          g_autofree char *target_label = g_strdup_printf ("Target %.2f%%", find_row (rows, TRUE, GW_SEX_MALE)->target_gap);

          g_assert_nonnull (find_label (labels, "Off track: projected 2.82% against a target of 2.45%"));
          /* a small plot has no labels on its lines */
          if (sizes[k].w >= 800)
            g_assert_nonnull (find_label (labels, target_label));
          else
            g_assert_null (find_label (labels, target_label));
          g_assert_nonnull (find_label (labels, "2009–11"));
          g_assert_nonnull (find_label (labels, "1995–97"));
        }
      cairo_surface_destroy (surface);
    }
}

/* An area's tracker row of one sex. */
static const GwTrackerRow *
area_row (GPtrArray *rows, gint area, GwSex sex)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const GwTrackerRow *r = g_ptr_array_index (rows, i);

      if (!r->is_group && (gint) r->subject == area && r->sex == sex)
        return r;
    }
  g_assert_not_reached ();
  return NULL;
}

/* The labels on the lines ("Baseline 3.95%", "Target 3.56%") never lie
 * across an error bar, which they hid (the reviewer's Hartlepool at the
 * window's size and at twice it); the subtitle's periods carry a word
 * joiner after the dash, so that "2009–2011" never wraps at its dash. */
static void
test_gap_labels_clear (void)
{
  const Data *d = get_samples ();
  g_autoptr(GwTarget) target = gw_target_new_builtin ("le-2010");
  g_autoptr(GwTrackerResult) result = NULL;
  g_autoptr(GwChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  const struct { int w, h; double scale; } sizes[] = {
    { 660, 345, 1.0 }, { 1320, 690, 2.0 }, { 1100, 560, 96.0 / 72 }, { 842, 595, 1.0 },
  };
  gint area;
  guint n_line_labels = 0;
  GPtrArray *rows;

  if (d == NULL)
    return;
  area = gw_dataset_lookup_area (d->dataset, "E06000001");
  g_assert_cmpint (area, >=, 0);
  result = gw_tracker_result_new (d->dataset, d->indicators, target, &error);
  g_assert_no_error (error);
  chart = gw_chart_new_gap (result, FALSE, area, &error);
  g_assert_no_error (error);
  rows = gw_tracker_result_get_rows (result);
  g_assert_nonnull (strstr (gw_chart_get_subtitle (chart), "2009–2011"));

  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    {
      GwChartStyle style;
      g_autoptr(GArray) labels = NULL;
      gboolean joined = FALSE;

      style_for (&style, GW_CHART_PALETTE_STANDARD, sizes[k].scale);
      labels = assert_labels_clean (chart, &style, sizes[k].w, sizes[k].h);
      for (guint i = 0; i < labels->len; i++)
        {
          const GwChartLabel *l = &g_array_index (labels, GwChartLabel, i);

          if (strstr (l->text, "by 2009–\u20602011") != NULL)
            joined = TRUE;
          if (!g_str_has_prefix (l->text, "Baseline ") && !g_str_has_prefix (l->text, "Target "))
            continue;
          n_line_labels++;
          for (guint p = 0; p < 2; p++)
            {
              GwSex sex = p == 0 ? GW_SEX_MALE : GW_SEX_FEMALE;
              GwChartRect plot;
              GArray *points;

              g_assert_true (gw_chart_get_plot_rect (chart, &style, sizes[k].w, sizes[k].h, p, &plot));
              if (l->rect.x + l->rect.width < plot.x || l->rect.x > plot.x + plot.width)
                continue;
              points = area_row (rows, area, sex)->points;
              for (guint j = 0; j < points->len; j++)
                {
                  const GwGapPoint *g = &g_array_index (points, GwGapPoint, j);
                  GwChartRect bar;
                  double x, y_hi, y_lo;

                  if (!isfinite (g->gap_lower95) || !isfinite (g->gap_upper95))
                    continue;
                  g_assert_true (gw_chart_map_point (chart, &style, sizes[k].w, sizes[k].h, p,
                                                     g->t, g->gap_upper95, &x, &y_hi));
                  g_assert_true (gw_chart_map_point (chart, &style, sizes[k].w, sizes[k].h, p,
                                                     g->t, g->gap_lower95, NULL, &y_lo));
                  bar = (GwChartRect) { x - 1, y_hi, 2, y_lo - y_hi };
                  if (rects_overlap (&l->rect, &bar))
                    g_error ("%dx%d: “%s” lies across the error bar at %g", sizes[k].w, sizes[k].h,
                             l->text, g->t);
                }
            }
        }
      g_assert_true (joined);
    }
  /* the labels are there where there is room, not dropped wholesale */
  g_assert_cmpuint (n_line_labels, >=, 4);
}

static void
test_gap_errors (void)
{
  const Data *d = get_samples ();
  g_autoptr(GwTarget) target = gw_target_new_builtin ("le-2010");
  g_autoptr(GwChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  gint outside = -1;

  if (d == NULL)
    return;
  /* an area that is not a spearhead has no gap to track */
  for (guint a = 0; a < gw_dataset_n_areas (d->dataset) && outside < 0; a++)
    {
      const GwArea *area = gw_dataset_get_area (d->dataset, a);

      if (area->type != GW_AREA_COUNTRY && area->type != GW_AREA_REGION
          && (area->groups == NULL || area->groups->len == 0))
        outside = a;
    }
  g_assert_cmpint (outside, >=, 0);
  chart = gw_test_chart_gap (d->dataset, d->indicators, target, FALSE, outside, &error);
  g_assert_null (chart);
  g_assert_error (error, GW_CHART_ERROR, GW_CHART_ERROR_NOT_FOUND);
}

/* --- tests: compare ------------------------------------------------------- */

static void
test_compare_a4 (void)
{
  const Data *d = get_tracker70 ();
  g_autoptr(GwTarget) target = gw_target_new_builtin ("le-2010");
  g_autoptr(GwChart) chart = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) labels = NULL;
  GwTrackerSummary sum;
  GwChartStyle style;
  cairo_surface_t *surface;
  const double w = 595, h = 842;   /* A4 portrait, points */

  if (d == NULL)
    return;
  chart = gw_test_chart_compare (d->dataset, d->indicators, target, GW_COMPARE_BY_CHANGE, &error);
  g_assert_no_error (error);
  rows = gw_tracker_run (d->dataset, target, gw_tracker_indicators_series, d->indicators, &error);
  g_assert_no_error (error);
  gw_tracker_summarise (rows, &sum);
  g_assert_cmpuint (sum.both, ==, 13);   /* the fixture's summary.txt */

  g_assert_cmpstr (gw_chart_get_title (chart), ==,
                   "Gap in life expectancy at birth: the 70 areas of the Spearhead Group");

  /* per sex: the statuses counted as the tracker does, rows ranked by change */
  for (guint p = 0; p < 2; p++)
    {
      GwSex sex = p == 0 ? GW_SEX_MALE : GW_SEX_FEMALE;
      const char *const *codes = gw_chart_get_row_codes (chart, p);
      guint on = 0, off = 0, n = 0;
      double prev = INFINITY;
      g_autofree char *want = NULL;

      g_assert_nonnull (codes);
      for (guint i = 0; i < rows->len; i++)
        {
          const GwTrackerRow *r = g_ptr_array_index (rows, i);

          if (r->is_group || r->sex != sex)
            continue;
          on += r->status == GW_STATUS_ON_TRACK;
          off += r->status == GW_STATUS_OFF_TRACK;
        }
      want = g_strdup_printf ("%s: %u on track, %u off track", p == 0 ? "Men" : "Women", on, off);
      g_assert_nonnull (strstr (gw_chart_get_description (chart), want));

      for (; codes[n] != NULL; n++)
        for (guint i = 0; i < rows->len; i++)
          {
            const GwTrackerRow *r = g_ptr_array_index (rows, i);

            if (!r->is_group && r->sex == sex && strcmp (r->code, codes[n]) == 0
                && isfinite (r->change_pp))
              {
                /* ranked by the change in percentage points, whatever the
                 * sign of the baseline gap (issue 13) */
                g_assert_cmpfloat (r->change_pp, <=, prev);
                prev = r->change_pp;
              }
          }
      g_assert_cmpuint (n, ==, 70);
    }

  style_for (&style, GW_CHART_PALETTE_COLOUR_BLIND, 1.0);
  surface = render_image (chart, &style, (int) w, (int) h);
  labels = assert_labels_clean (chart, &style, w, h);

  /* all 70 names in each panel, at 6 points or more */
  {
    guint names = 0;

    for (guint i = 0; i < labels->len; i++)
      {
        const GwChartLabel *l = &g_array_index (labels, GwChartLabel, i);

        if (g_str_has_prefix (l->text, "Spearhead area "))
          {
            names++;
            /* a line of 6-point text is taller than 6 points */
            g_assert_cmpfloat (l->rect.height, >=, 6.0);
          }
      }
    g_assert_cmpuint (names, ==, 140);
  }

  /* each row's status marker, at the area's latest gap on its row */
  for (guint p = 0; p < 2; p++)
    {
      GwSex sex = p == 0 ? GW_SEX_MALE : GW_SEX_FEMALE;
      const char *const *codes = gw_chart_get_row_codes (chart, p);

      for (guint k = 0; codes[k] != NULL; k++)
        for (guint i = 0; i < rows->len; i++)
          {
            const GwTrackerRow *r = g_ptr_array_index (rows, i);
            GwChartColour colour;
            double x, y;

            if (r->is_group || r->sex != sex || strcmp (r->code, codes[k]) != 0
                || !isfinite (r->latest_gap) || r->status == GW_STATUS_NO_GAP)
              continue;
            gw_chart_style_get_colour (&style, r->status == GW_STATUS_ON_TRACK ? GW_CHART_ROLE_ON_TRACK
                                                                                 : GW_CHART_ROLE_OFF_TRACK, &colour);
            g_assert_true (gw_chart_map_point (chart, &style, w, h, p, r->latest_gap, k, &x, &y));
            if (!find_colour (surface, x, y, 1, 1, &colour))
              g_error ("row %u (%s): no %s marker at %g,%g", k, r->code,
                       gw_target_status_to_string (r->status), x, y);
            {
              g_autofree char *tip = gw_chart_hit_test (chart, &style, w, h, x, y);

              g_assert_nonnull (tip);
              g_assert_true (g_str_has_prefix (tip, r->name));
            }
          }
    }
  cairo_surface_destroy (surface);

  /* a screen-sized landscape PNG: names thinned, never below 6 points */
  style_for (&style, GW_CHART_PALETTE_STANDARD, 96.0 / 72);
  g_clear_pointer (&labels, g_array_unref);
  labels = assert_labels_clean (chart, &style, 1200, 800);
  for (guint i = 0; i < labels->len; i++)
    {
      const GwChartLabel *l = &g_array_index (labels, GwChartLabel, i);

      if (g_str_has_prefix (l->text, "Spearhead area "))
        g_assert_cmpfloat (l->rect.height, >=, 6.0 * 96 / 72);
    }
}

/* The style's confidence level: at 99.8% the subject's band is wider, by the
 * engine's own 99.8% limits, where the chart's own axes put them; England's
 * published values keep their 95% limits and the legend says so. */
static gboolean
band_near (cairo_surface_t *s, double x, double y, const GwChartColour *band)
{
  return find_colour (s, x, y, 1, 1, band);
}

static void
test_trend_confidence (void)
{
  const Data *d = get_samples ();
  g_autoptr(GwChart) chart = NULL, england = NULL;
  const GwPeriod p0406 = gw_period_pooled (2004, 2006);
  const struct { int w, h; double scale; } sizes[] = { { 1191, 842, 1.0 }, { 1200, 800, 96.0 / 72 } };
  const GwIndicatorValue *bp;
  GwChartColour subject, band;
  GwChartStyle s95, s998;

  if (d == NULL)
    return;
  chart = samples_trend (d, "E06000009");
  bp = area_value (d, gw_dataset_lookup_area (d->dataset, "E06000009"), GW_SEX_MALE, p0406);
  g_assert_cmpint (bp->source, ==, GW_SOURCE_COMPUTED);
  g_assert_true (isfinite (bp->lower998) && isfinite (bp->upper998));
  g_assert_cmpfloat (bp->upper998 - bp->lower998, >, (bp->upper95 - bp->lower95) * 1.5);

  /* the default is 95, and 0 (a style filled by hand) means 95 */
  style_for (&s95, GW_CHART_PALETTE_COLOUR_BLIND, 1.0);
  g_assert_cmpfloat (s95.confidence_level, ==, 95.0);
  g_assert_false (s95.hide_source);
  gw_chart_style_get_colour (&s95, GW_CHART_ROLE_SUBJECT, &subject);
  /* the band: the subject's colour at 16% on white */
  band.red = 0.84 + 0.16 * subject.red;
  band.green = 0.84 + 0.16 * subject.green;
  band.blue = 0.84 + 0.16 * subject.blue;
  band.alpha = 1;

  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    {
      const int w = sizes[k].w, h = sizes[k].h;
      const double t = gw_period_midpoint (p0406);
      cairo_surface_t *img95, *img998;
      double x, y_hi95, y_hi998, y_lo95, y_lo998, y_mid_hi, y_mid_lo;
      g_autoptr(GArray) l95 = NULL, l998 = NULL, l0 = NULL;

      style_for (&s95, GW_CHART_PALETTE_COLOUR_BLIND, sizes[k].scale);
      s998 = s95;
      s998.confidence_level = 99.8;
      img95 = render_image (chart, &s95, w, h);
      img998 = render_image (chart, &s998, w, h);

      /* at 95%: inside the 95% limits is band, between them and the 99.8%
       * limits is not */
      g_assert_true (gw_chart_map_point (chart, &s95, w, h, 0, t, bp->upper95, &x, &y_hi95));
      g_assert_true (gw_chart_map_point (chart, &s95, w, h, 0, t, bp->lower95, &x, &y_lo95));
      g_assert_true (gw_chart_map_point (chart, &s95, w, h, 0, t, (bp->upper95 + bp->upper998) / 2, &x, &y_mid_hi));
      g_assert_true (gw_chart_map_point (chart, &s95, w, h, 0, t, (bp->lower95 + bp->lower998) / 2, &x, &y_mid_lo));
      g_assert_cmpfloat (y_lo95 - y_hi95, >, 12);
      g_assert_true (band_near (img95, x, y_hi95 + 3 * sizes[k].scale, &band));
      g_assert_true (band_near (img95, x, y_lo95 - 3 * sizes[k].scale, &band));
      g_assert_false (band_near (img95, x, y_mid_hi, &band));
      g_assert_false (band_near (img95, x, y_mid_lo, &band));

      /* at 99.8%, by its own axes: band out to the 99.8% limits, none beyond */
      g_assert_true (gw_chart_map_point (chart, &s998, w, h, 0, t, bp->upper998, &x, &y_hi998));
      g_assert_true (gw_chart_map_point (chart, &s998, w, h, 0, t, bp->lower998, &x, &y_lo998));
      g_assert_true (gw_chart_map_point (chart, &s998, w, h, 0, t, (bp->upper95 + bp->upper998) / 2, &x, &y_mid_hi));
      g_assert_true (gw_chart_map_point (chart, &s998, w, h, 0, t, (bp->lower95 + bp->lower998) / 2, &x, &y_mid_lo));
      g_assert_true (band_near (img998, x, y_mid_hi, &band));
      g_assert_true (band_near (img998, x, y_mid_lo, &band));
      g_assert_true (band_near (img998, x, y_hi998 + 3 * sizes[k].scale, &band));
      g_assert_false (band_near (img998, x, y_hi998 - 4 * sizes[k].scale, &band));
      g_assert_false (band_near (img998, x, y_lo998 + 4 * sizes[k].scale, &band));
      /* and wider on the page: the 99.8% band spans more device units than
       * the 95% one, though its axis spans a wider range */
      g_assert_cmpfloat (y_lo998 - y_hi998, >, (y_lo95 - y_hi95) * 1.2);

      /* the legend says which */
      l95 = assert_labels_clean (chart, &s95, w, h);
      l998 = assert_labels_clean (chart, &s998, w, h);
      g_assert_nonnull (find_label (l95, "95% confidence interval"));
      g_assert_null (find_label (l95, "99.8% confidence interval"));
      g_assert_null (find_label (l95, "95% CI (published)"));
      g_assert_null (find_label (l998, "95% confidence interval"));
      g_assert_nonnull (find_label (l998, "99.8% confidence interval"));
      /* England's values are published: their whiskers stay 95% */
      g_assert_nonnull (find_label (l998, "95% CI (published)"));
      /* a level of 0 is 95% */
      s95.confidence_level = 0;
      l0 = gw_chart_get_labels (chart, &s95, w, h);
      g_assert_nonnull (find_label (l0, "95% confidence interval"));

      /* the tooltip gives the limits drawn */
      {
        double vx, vy;
        g_autofree char *tip = NULL, *want = NULL, *lo = NULL, *hi = NULL;

        g_assert_true (gw_chart_map_point (chart, &s998, w, h, 0, t, bp->value, &vx, &vy));
        tip = gw_chart_hit_test (chart, &s998, w, h, vx, vy);
        lo = gw_chart_format_number (bp->lower998, 2, TRUE);
        hi = gw_chart_format_number (bp->upper998, 2, TRUE);
        want = g_strdup_printf ("(99.8%% CI %s to %s)", lo, hi);
        g_assert_nonnull (tip);
        if (strstr (tip, want) == NULL)
          g_error ("tooltip “%s” lacks “%s”", tip, want);
      }
      cairo_surface_destroy (img95);
      cairo_surface_destroy (img998);
    }

  /* England's own chart: published values, 95% limits only, said so */
  england = samples_trend (d, "E92000001");
  {
    g_autoptr(GArray) labels = NULL;
    const GwIndicatorValue *eng = england_value (d, GW_SEX_MALE, p0406);

    g_assert_cmpint (eng->source, ==, GW_SOURCE_PUBLISHED);
    g_assert_false (isfinite (eng->lower998));
    style_for (&s998, GW_CHART_PALETTE_STANDARD, 1.0);
    s998.confidence_level = 99.8;
    labels = assert_labels_clean (england, &s998, 1191, 842);
    g_assert_nonnull (find_label (labels, "95% CI (published)"));
  }
}

/* hide_source leaves the source line out, and only that. */
static void
test_hide_source (void)
{
  const Data *d = get_samples ();
  g_autoptr(GwChart) chart = NULL;
  g_autoptr(GArray) with = NULL, without = NULL;
  GwChartStyle style;

  if (d == NULL)
    return;
  chart = samples_trend (d, "E06000009");
  style_for (&style, GW_CHART_PALETTE_STANDARD, 1.0);
  with = gw_chart_get_labels (chart, &style, 842, 595);
  style.hide_source = TRUE;
  without = gw_chart_get_labels (chart, &style, 842, 595);
  g_assert_nonnull (find_label (with, gw_chart_get_source (chart)));
  g_assert_null (find_label (without, gw_chart_get_source (chart)));
  /* the room goes to the body: the lower of two stacked panels ends lower */
  {
    GwChartRect a, b;

    style.hide_source = FALSE;
    g_assert_true (gw_chart_get_plot_rect (chart, &style, 600, 900, 1, &a));
    style.hide_source = TRUE;
    g_assert_true (gw_chart_get_plot_rect (chart, &style, 600, 900, 1, &b));
    g_assert_cmpfloat (b.y + b.height, >, a.y + a.height + 5);
  }
  g_assert_nonnull (find_label (without, gw_chart_get_title (chart)));
}

/* A range of ranks of the all-areas chart: those rows' names and no
 * other's, rows as high as the range's room gives, the heading and both
 * axes on every page; the last, shorter range keeps the row height. */
static void
test_compare_row_range (void)
{
  const Data *d = get_tracker70 ();
  g_autoptr(GwTarget) target = gw_target_new_builtin ("le-2010");
  g_autoptr(GwChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  const double w = 595, h = 560;
  const guint per = 25;
  double row_h = 0;
  GwChartStyle style;

  if (d == NULL)
    return;
  chart = gw_test_chart_compare (d->dataset, d->indicators, target, GW_COMPARE_BY_CHANGE, &error);
  g_assert_no_error (error);
  style_for (&style, GW_CHART_PALETTE_STANDARD, 1.0);

  for (guint first = 0; first < 70; first += per)
    {
      g_autoptr(GArray) labels = NULL;
      guint n = MIN (per, 70 - first), names = 0;
      GwChartRect plot;
      double x, y;

      gw_chart_set_row_range (chart, first, per);
      labels = assert_labels_clean (chart, &style, w, h);
      g_assert_nonnull (find_label (labels, gw_chart_get_title (chart)));
      g_assert_nonnull (find_label (labels, "off track"));           /* the legend */
      for (guint p = 0; p < 2; p++)
        {
          const char *const *codes = gw_chart_get_row_codes (chart, p);
          GwChartRect pp;

          /* a panel's names end just left of its plot */
          g_assert_true (gw_chart_get_plot_rect (chart, &style, w, h, p, &pp));
          g_assert_cmpuint (g_strv_length ((char **) codes), ==, 70);
          for (guint i = 0; i < 70; i++)
            {
              const char *name = gw_dataset_get_area (d->dataset, gw_dataset_lookup_area (d->dataset, codes[i]))->name;
              gboolean shown = FALSE;

              for (guint j = 0; j < labels->len; j++)
                {
                  const GwChartLabel *l = &g_array_index (labels, GwChartLabel, j);

                  if (strcmp (l->text, name) == 0 && l->rect.x + l->rect.width <= pp.x
                      && l->rect.x + l->rect.width > pp.x - 12)
                    shown = TRUE;
                }

              if (shown != (i >= first && i < first + n))
                g_error ("rows %u+%u: row %u (%s) %s", first, per, i, name, shown ? "shown" : "missing");
            }
        }
      for (guint i = 0; i < labels->len; i++)
        names += g_str_has_prefix (g_array_index (labels, GwChartLabel, i).text, "Spearhead area ");
      g_assert_cmpuint (names, ==, 2 * n);

      /* rows by the chart's own axes: the first shown at the plot's top */
      g_assert_true (gw_chart_get_plot_rect (chart, &style, w, h, 0, &plot));
      if (row_h == 0)
        row_h = plot.height / per;
      g_assert_cmpfloat_with_epsilon (plot.height, n * row_h, 0.01);
      g_assert_true (gw_chart_map_point (chart, &style, w, h, 0, 0, first, &x, &y));
      g_assert_cmpfloat_with_epsilon (y, plot.y + row_h / 2, 0.01);
      g_assert_true (gw_chart_map_point (chart, &style, w, h, 1, 0, first + n - 1, &x, &y));
      g_assert_cmpfloat_with_epsilon (y, plot.y + plot.height - row_h / 2, 0.01);
      /* the bottom axis (ticks, then its title) follows the last row */
      {
        gboolean below = FALSE, title = FALSE;

        for (guint i = 0; i < labels->len; i++)
          {
            const GwChartLabel *l = &g_array_index (labels, GwChartLabel, i);
            double under = l->rect.y - (plot.y + plot.height);

            if (strcmp (l->text, "0.0%") == 0 && under > 0 && under < 6)
              below = TRUE;
            if (g_str_has_prefix (l->text, "Gap to England") && under > 6 && under < 25)
              title = TRUE;
          }
        g_assert_true (title);
        g_assert_true (below);
      }
    }
  g_assert_cmpfloat (row_h, >=, 7.0);

  /* back to every row */
  gw_chart_set_row_range (chart, 0, G_MAXUINT);
  {
    g_autoptr(GArray) labels = gw_chart_get_labels (chart, &style, 595, 842);
    guint names = 0;

    for (guint i = 0; i < labels->len; i++)
      names += g_str_has_prefix (g_array_index (labels, GwChartLabel, i).text, "Spearhead area ");
    g_assert_cmpuint (names, ==, 140);
  }
}

/* --- tests: funnel -------------------------------------------------------- */

static void
test_funnel_limits (void)
{
  const Data *d = get_samples ();
  g_autoptr(GwChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) above = g_string_new (NULL);
  const GwIndicatorValue *eng = NULL;
  gint imr = -1;
  guint n_above = 0, n_areas = 0, start, n;
  GwPeriod period = gw_period_pooled (2005, 2007);
  GwChartStyle style;
  GwChartColour colour;
  cairo_surface_t *surface;
  GwChartRect plot;
  double y;

  if (d == NULL)
    return;
  chart = gw_chart_new_funnel (d->dataset, d->indicators, 0, &error);
  g_assert_no_error (error);

  /* England 2005-2007 and the areas above its 99.8% limit, worked out here
   * with the exact Poisson limits of the expected count */
  imr = gw_indicators_lookup_id (d->indicators, "imr");
  n = gw_indicators_series (d->indicators, imr, FALSE, gw_dataset_get_country (d->dataset), GW_SEX_PERSONS, &start);
  for (guint i = 0; i < n; i++)
    if (!gw_indicators_get_value (d->indicators, start + i)->rolling
        && gw_indicators_get_value (d->indicators, start + i)->period == period)
      eng = gw_indicators_get_value (d->indicators, start + i);
  g_assert_nonnull (eng);
  for (guint a = 0; a < gw_dataset_n_areas (d->dataset); a++)
    {
      const GwArea *area = gw_dataset_get_area (d->dataset, a);

      if (area->type == GW_AREA_COUNTRY || area->type == GW_AREA_REGION)
        continue;
      n = gw_indicators_series (d->indicators, imr, FALSE, a, GW_SEX_PERSONS, &start);
      for (guint i = 0; i < n; i++)
        {
          const GwIndicatorValue *v = gw_indicators_get_value (d->indicators, start + i);
          double lo, hi, e;

          if (v->rolling || v->period != period)
            continue;
          n_areas++;
          e = eng->value * v->denominator / 1000;
          gw_poisson_exact_limits (e, 0.998, &lo, &hi);
          if (v->value > hi * 1000 / v->denominator)
            {
              g_string_append_printf (above, "%s%s (%.2f)", n_above > 0 ? ", " : "", area->name, v->value);
              n_above++;
            }
        }
    }
  g_assert_cmpuint (n_areas, ==, 149);
  g_assert_cmpuint (n_above, >, 0);
  {
    g_autofree char *want = g_strdup_printf ("%u areas above the 99.8%% limit: %s.", n_above, above->str);
    g_autofree char *title = g_strdup_printf ("Infant mortality, 2005–2007: %u areas against England", n_areas);

    if (n_above == 1)
      {
        g_free (want);
        want = g_strdup_printf ("1 area above the 99.8%% limit: %s.", above->str);
      }
    g_assert_nonnull (strstr (gw_chart_get_description (chart), want));
    g_assert_cmpstr (gw_chart_get_title (chart), ==, title);
  }

  /* England's rate: a line of England's colour across the plot */
  style_for (&style, GW_CHART_PALETTE_COLOUR_BLIND, 1.0);
  gw_chart_style_get_colour (&style, GW_CHART_ROLE_COMPARATOR, &colour);
  surface = render_image (chart, &style, 1191, 842);
  g_assert_true (gw_chart_get_plot_rect (chart, &style, 1191, 842, 0, &plot));
  g_assert_true (gw_chart_map_point (chart, &style, 1191, 842, 0, 0, eng->value, NULL, &y));
  g_assert_true (find_colour (surface, plot.x + plot.width * 0.5, y, 8, 1, &colour));
  g_assert_true (find_colour (surface, plot.x + plot.width * 0.9, y, 8, 1, &colour));
  g_array_unref (assert_labels_clean (chart, &style, 1191, 842));
  cairo_surface_destroy (surface);
}

/* --- tests: every chart, every size --------------------------------------- */

static void
test_labels_all_sizes (void)
{
  const Data *d = get_samples ();
  g_autoptr(GwTarget) target = gw_target_new_builtin ("le-2010");
  g_autoptr(GwTarget) imr = gw_target_new_builtin ("imr-2010");
  g_autoptr(GError) error = NULL;
  GwChart *charts[5];
  const struct { double w, h, scale; } sizes[] = {
    { 200, 150, 1.0 }, { 200, 150, 0.5 }, { 320, 240, 1.0 }, { 640, 480, 96.0 / 72 },
    { 1200, 800, 96.0 / 72 }, { 842, 595, 1.0 }, { 595, 842, 1.0 }, { 1191, 842, 1.0 },
    { 3508, 2480, 300.0 / 72 },
  };

  if (d == NULL)
    return;
  charts[0] = samples_trend (d, "E08000011");
  charts[1] = group_gap (d, target);
  charts[2] = gw_test_chart_compare (d->dataset, d->indicators, target, GW_COMPARE_BY_GAP, &error);
  g_assert_no_error (error);
  charts[3] = gw_chart_new_funnel (d->dataset, d->indicators, 0, &error);
  g_assert_no_error (error);
  charts[4] = group_gap (d, imr);

  for (guint c = 0; c < G_N_ELEMENTS (charts); c++)
    for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
      for (GwChartPalette pal = GW_CHART_PALETTE_STANDARD; pal <= GW_CHART_PALETTE_GREYSCALE; pal += 2)
        {
          GwChartStyle style;
          g_autoptr(GArray) labels = NULL;

          style_for (&style, pal, sizes[k].scale);
          labels = assert_labels_clean (charts[c], &style, sizes[k].w, sizes[k].h);
          /* the title is there at every size, maybe shortened */
          g_assert_cmpuint (labels->len, >=, 1);
          g_assert_true (g_str_has_prefix (g_array_index (labels, GwChartLabel, 0).text,
                                           gw_chart_get_title (charts[c])));
        }
  for (guint c = 0; c < G_N_ELEMENTS (charts); c++)
    g_object_unref (charts[c]);
}

/* The layout measured on a recording surface (hit tests before any paint)
 * is the one painted on an image. */
static void
test_layout_surface_independent (void)
{
  const Data *d = get_samples ();
  g_autoptr(GwTarget) target = gw_target_new_builtin ("le-2010");
  g_autoptr(GwChart) a = NULL, b = NULL;
  g_autoptr(GArray) la = NULL, lb = NULL;
  GwChartStyle style;
  cairo_surface_t *surface;

  if (d == NULL)
    return;
  a = group_gap (d, target);
  b = group_gap (d, target);
  style_for (&style, GW_CHART_PALETTE_STANDARD, 96.0 / 72);
  la = gw_chart_get_labels (a, &style, 1000, 700);
  surface = render_image (b, &style, 1000, 700);
  lb = gw_chart_get_labels (b, &style, 1000, 700);
  g_assert_cmpuint (la->len, ==, lb->len);
  for (guint i = 0; i < la->len; i++)
    {
      const GwChartLabel *x = &g_array_index (la, GwChartLabel, i), *y = &g_array_index (lb, GwChartLabel, i);

      g_assert_cmpstr (x->text, ==, y->text);
      g_assert_cmpfloat_with_epsilon (x->rect.x, y->rect.x, 0.01);
      g_assert_cmpfloat_with_epsilon (x->rect.width, y->rect.width, 0.01);
      g_assert_cmpfloat_with_epsilon (x->rect.y, y->rect.y, 0.01);
    }
  cairo_surface_destroy (surface);
}

static void
test_greyscale_and_dark (void)
{
  const Data *d = get_samples ();
  g_autoptr(GwTarget) target = gw_target_new_builtin ("le-2010");
  g_autoptr(GwChart) chart = NULL;
  GwChartStyle style;
  cairo_surface_t *surface;
  guint grey = 0, light = 0;
  int w = 900, h = 600;
  double r, g, b;

  if (d == NULL)
    return;
  chart = group_gap (d, target);

  /* greyscale: not one coloured pixel, antialiasing included */
  style_for (&style, GW_CHART_PALETTE_GREYSCALE, 1.0);
  surface = render_image (chart, &style, w, h);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        get_pixel (surface, x, y, &r, &g, &b);
        if (fabs (r - g) > 0.02 || fabs (g - b) > 0.02)
          g_error ("a coloured pixel at %d,%d in greyscale", x, y);
        grey += r < 0.9;
      }
  g_assert_cmpuint (grey, >, 5000);   /* something was drawn */
  cairo_surface_destroy (surface);

  /* dark: the style's background, light text */
  gw_chart_style_init (&style, GW_CHART_PALETTE_COLOUR_BLIND);
  style.dark = TRUE;
  style.background = (GwChartColour) { 0.1, 0.1, 0.12, 1.0 };
  surface = render_image (chart, &style, w, h);
  get_pixel (surface, 2, 2, &r, &g, &b);
  g_assert_cmpfloat_with_epsilon (r, 0.1, 0.01);
  g_assert_cmpfloat_with_epsilon (b, 0.12, 0.01);
  for (int y = 0; y < 40; y++)
    for (int x = 0; x < w; x++)
      {
        get_pixel (surface, x, y, &r, &g, &b);
        light += r > 0.8 && g > 0.8 && b > 0.8;
      }
  g_assert_cmpuint (light, >, 100);    /* the title, in light text */
  cairo_surface_destroy (surface);
}

/* --- tests: export -------------------------------------------------------- */

/* Whether binary data (a PDF, with NULs) holds text. */
static gboolean
bytes_contain (const char *data, gsize len, const char *text)
{
  gsize n = strlen (text);

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, text, n) == 0)
      return TRUE;
  return FALSE;
}

static char *
run_program (const char *const *argv, int *status)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &wait_status, &error);
  g_assert_no_error (error);
  *status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  return out;
}

static void
test_export_formats (void)
{
  const Data *d = get_samples ();
  g_autoptr(GwTarget) target = gw_target_new_builtin ("le-2010");
  g_autoptr(GwChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gw-render-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "gap.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "gap.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "gap.pdf", NULL);
  g_autofree char *bad = g_build_filename (dir, "gap.gif", NULL);
  g_autofree char *text = NULL, *pdftotext = NULL;
  gsize len;
  GwChartStyle style;
  cairo_surface_t *surface;

  if (d == NULL)
    return;
  chart = group_gap (d, target);
  style_for (&style, GW_CHART_PALETTE_STANDARD, 96.0 / 72);

  /* PNG: the pixels asked for, opaque */
  g_assert_true (gw_chart_export (chart, &style, png, 640, 400, &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 400);
  g_assert_cmpuint (*(guint32 *) cairo_image_surface_get_data (surface) >> 24, ==, 0xff);
  cairo_surface_destroy (surface);

  /* SVG: A4 landscape in points, with the title and description as text */
  g_assert_true (gw_chart_export (chart, &style, svg, 842, 595, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &text, &len, NULL));
  g_assert_nonnull (strstr (text, "width=\"842pt\""));
  g_assert_nonnull (strstr (text, "<title>Gap in life expectancy at birth: Spearhead Group</title>"));
  g_assert_nonnull (strstr (text, "<desc>Chart of the gap in life expectancy at birth"));
  g_clear_pointer (&text, g_free);

  /* PDF: its text as pdftotext reads it */
  g_assert_true (gw_chart_export (chart, &style, pdf, 842, 595, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &text, &len, NULL));
  g_assert_true (g_str_has_prefix (text, "%PDF-"));
  g_assert_true (bytes_contain (text, len, "/MediaBox [ 0 0 842 595 ]"));
  g_clear_pointer (&text, g_free);
  if ((pdftotext = g_find_program_in_path ("pdftotext")) != NULL)
    {
      const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
      int status;

      text = run_program (argv, &status);
      g_assert_cmpint (status, ==, 0);
      g_assert_nonnull (strstr (text, "Gap in life expectancy at birth: Spearhead Group"));
      g_assert_nonnull (strstr (text, "Off track: projected 2.82% against a target of 2.45%"));
      g_assert_nonnull (strstr (text, "Source: North East Public Health Observatory"));
      g_clear_pointer (&text, g_free);
    }
  else
    g_test_message ("pdftotext not found: the PDF's text is not checked");

  g_assert_false (gw_chart_export (chart, &style, bad, 100, 100, &error));
  g_assert_error (error, GW_CHART_ERROR, GW_CHART_ERROR_FORMAT);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  {
    g_autofree char *missing = g_build_filename (dir, "no-such-dir", "x.png", NULL);

    g_assert_false (gw_chart_export (chart, &style, missing, 100, 100, &error));
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
    g_clear_error (&error);
  }

  g_remove (png);
  g_remove (svg);
  g_remove (pdf);
  g_rmdir (dir);
}

/* --- tests: gapwatch-cli render ------------------------------------------- */

static char *
cli_path (void)
{
  const char *build = g_getenv ("G_TEST_BUILDDIR");
  char *path;

  if (build == NULL)
    return NULL;
  path = g_build_filename (build, "..", "app", "cli", "gapwatch-cli", NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    g_clear_pointer (&path, g_free);
  return path;
}

static void
test_cli_render (void)
{
  const char *shared = g_getenv ("GW_SHARED_DIR");
  g_autofree char *cli = cli_path ();
  g_autofree char *dir = g_dir_make_tmp ("gw-render-cli-XXXXXX", NULL);
  g_autofree char *a = NULL, *b = NULL, *pdf = NULL, *png = NULL, *txt = NULL;
  g_autofree char *out = NULL;
  int status;

  if (cli == NULL || shared == NULL)
    {
      g_test_skip ("gapwatch-cli or GW_SHARED_DIR not found");
      return;
    }
  a = g_build_filename (shared, "data", "fixtures", "tracker-70", "le-a.xml", NULL);
  b = g_build_filename (shared, "data", "fixtures", "tracker-70", "le-b-revision.xml", NULL);
  pdf = g_build_filename (dir, "compare.pdf", NULL);
  png = g_build_filename (dir, "gap.png", NULL);
  txt = g_build_filename (dir, "gap.txt", NULL);

  /* the all-areas chart: an A4 portrait PDF by default */
  {
    const char *argv[] = { cli, "render", "--chart", "compare", "--out", pdf, a, b, NULL };
    g_autofree char *bytes = NULL;
    gsize len;

    out = run_program (argv, &status);
    g_assert_cmpint (status, ==, 0);
    g_assert_cmpstr (out, ==, "");
    g_assert_true (g_file_get_contents (pdf, &bytes, &len, NULL));
    g_assert_true (bytes_contain (bytes, len, "/MediaBox [ 0 0 595 842 ]"));
    g_clear_pointer (&out, g_free);
  }
  /* an area's gap, one sex, a PNG of the size asked */
  {
    const char *argv[] = { cli, "render", "--chart", "gap", "--area", "E80090000", "--sex", "f",
                           "--palette", "greyscale", "--width", "500", "--height", "300",
                           "--out", png, a, b, NULL };
    cairo_surface_t *surface;

    out = run_program (argv, &status);
    g_assert_cmpint (status, ==, 0);
    surface = cairo_image_surface_create_from_png (png);
    g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
    g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 500);
    g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 300);
    cairo_surface_destroy (surface);
    g_clear_pointer (&out, g_free);
  }
  /* usage errors: 2, and no file */
  {
    const char *bad_chart[] = { cli, "render", "--chart", "pie", "--out", png, a, NULL };
    const char *bad_ext[] = { cli, "render", "--chart", "gap", "--out", txt, a, NULL };
    const char *no_out[] = { cli, "render", "--chart", "gap", a, NULL };

    g_free (run_program (bad_chart, &status));
    g_assert_cmpint (status, ==, 2);
    g_free (run_program (bad_ext, &status));
    g_assert_cmpint (status, ==, 2);
    g_assert_false (g_file_test (txt, G_FILE_TEST_EXISTS));
    g_free (run_program (no_out, &status));
    g_assert_cmpint (status, ==, 2);
  }
  /* a funnel without infant mortality: 1 */
  {
    const char *argv[] = { cli, "render", "--chart", "funnel", "--out", png, a, b, NULL };

    g_free (run_program (argv, &status));
    g_assert_cmpint (status, ==, 1);
  }

  /* the deprivation gradient of an area of the samples with small areas:
   * 0; of one without: 1, and why */
  if (g_getenv ("GW_SAMPLES_DIR") != NULL)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GDir) d = g_dir_open (g_getenv ("GW_SAMPLES_DIR"), 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;
      g_autofree char *err = NULL;
      cairo_surface_t *surface;

      g_assert_nonnull (d);
      while ((name = g_dir_read_name (d)) != NULL)
        if (g_str_has_suffix (name, ".xml") || g_str_has_suffix (name, ".xml.gz"))
          g_ptr_array_add (names, g_build_filename (g_getenv ("GW_SAMPLES_DIR"), name, NULL));
      g_ptr_array_sort (names, compare_strings);
      for (const char *const *a0 = (const char *const[]) { cli, "render", "--chart", "gradient", "--area",
                                                            "E06000002", "--width", "640", "--height", "400",
                                                            "--out", NULL };
           *a0 != NULL; a0++)
        g_ptr_array_add (argv, g_strdup (*a0));
      g_ptr_array_add (argv, g_strdup (png));
      for (guint i = 0; i < names->len; i++)
        g_ptr_array_add (argv, g_strdup (g_ptr_array_index (names, i)));
      g_ptr_array_add (argv, NULL);
      g_free (run_program ((const char *const *) argv->pdata, &status));
      g_assert_cmpint (status, ==, 0);
      surface = cairo_image_surface_create_from_png (png);
      g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 640);
      cairo_surface_destroy (surface);

      /* Redcar and Cleveland has no small areas */
      g_free (argv->pdata[5]);
      argv->pdata[5] = g_strdup ("E06000003");
      {
        g_autoptr(GError) error = NULL;
        int wait_status = 0;

        g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err,
                      &wait_status, &error);
        g_assert_no_error (error);
        g_assert_true (WIFEXITED (wait_status) && WEXITSTATUS (wait_status) == 1);
        g_assert_nonnull (strstr (err, "gapwatch-cli render: No SII: not every deprivation decile has small "
                                       "areas with deaths and populations"));
      }
    }

  g_remove (pdf);
  g_remove (png);
  g_rmdir (dir);
}

/* --- tests: why the gap (decomp-6) ------------------------------------------ */

/* Where the scarf draws the middle of cause k's segment for sex row i:
 * positives stack rightwards from zero, negatives leftwards, in cause
 * order (gw-chart-decomp.h), at the gap's sign (comparator minus area). */
static double
scarf_segment_middle (const GwGapDecomp *d,
                      guint              k)
{
  double pos = 0, neg = 0;

  for (guint c = 0; c <= k; c++)
    {
      double v = -gw_gap_decomp_get (d, GW_DECOMP_ALL, c);

      if (c == k)
        return v > 0 ? pos + v / 2 : neg + v / 2;
      if (v > 0)
        pos += v;
      else
        neg += v;
    }
  g_assert_not_reached ();
}

static void
test_decomp_scarf (void)
{
  /* E08100001's men: four causes shorten lives, external causes and
   * "other" lengthen them a little (decompose.csv: +0.0018, +0.1095) */
  g_autoptr(GwTestDecomp) t = gw_test_decomp_new ("E08100001", "Fixture One");
  g_autoptr(GwChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) labels = NULL;
  g_autofree char *tip = NULL;
  GwChartStyle style;
  GwChartColour cancer, other;
  cairo_surface_t *surface;
  double x, y, x0, y1;
  int w = 900, h = 520;

  chart = gw_chart_new_scarf (&t->input, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gw_chart_get_kind (chart), ==, GW_CHART_SCARF);
  g_assert_cmpstr (gw_chart_get_title (chart), ==, "Why the gap: Fixture One");
  g_assert_cmpstr (gw_chart_get_subtitle (chart), ==,
                   "Years of life expectancy below England, 2004–2006 (Arriaga’s decomposition)");
  /* the fixture's totals and shares: men 1.823567921 years, cancer
   * 0.660198984 (36.2%), women 2.002856155 */
  g_assert_nonnull (strstr (gw_chart_get_description (chart),
                            "Men: a gap of 1.82 years: Circulatory diseases 0.63 (35%); Cancer 0.66 (36%)"));
  g_assert_nonnull (strstr (gw_chart_get_description (chart), "Women: a gap of 2.00 years"));

  style_for (&style, GW_CHART_PALETTE_COLOUR_BLIND, 1.0);
  surface = render_image (chart, &style, w, h);
  g_assert_cmpuint (gw_chart_get_n_panels (chart, &style, w, h), ==, 1);
  gw_chart_style_get_series_colour (&style, 1, &cancer);
  gw_chart_style_get_series_colour (&style, 5, &other);

  /* cancer's segment is where its years put it, on the men's row */
  g_assert_true (gw_chart_map_point (chart, &style, w, h, 0, scarf_segment_middle (t->decomp[0], 1), 0, &x, &y));
  g_assert_true (find_colour (surface, x, y, 2, 12, &cancer));
  /* "other" lengthens men's lives here: left of England's zero */
  g_assert_true (gw_chart_map_point (chart, &style, w, h, 0, scarf_segment_middle (t->decomp[0], 5), 0, &x, &y));
  g_assert_true (gw_chart_map_point (chart, &style, w, h, 0, 0, 1, &x0, &y1));
  g_assert_cmpfloat (x, <, x0);
  g_assert_true (find_colour (surface, x, y, 1, 12, &other));
  /* women's row below the men's */
  g_assert_cmpfloat (y1, >, y);
  cairo_surface_destroy (surface);

  /* years and share inside a wide segment; the tooltip says them in words */
  labels = assert_labels_clean (chart, &style, w, h);
  g_assert_nonnull (find_label (labels, "0.66\n36%"));
  g_assert_nonnull (find_label (labels, "Men\n1.82 years"));
  g_assert_true (gw_chart_map_point (chart, &style, w, h, 0, scarf_segment_middle (t->decomp[0], 1), 0, &x, &y));
  tip = gw_chart_hit_test (chart, &style, w, h, x, y);
  g_assert_cmpstr (tip, ==, "Men, cancer: 0.66 of the 1.82 years (36%)");
  /* the legend names every cause that adds something: no "Not specified" */
  g_clear_pointer (&labels, g_array_unref);
  labels = gw_chart_get_labels (chart, &style, w, h);
  g_assert_nonnull (find_label (labels, "External causes"));
  g_assert_null (find_label (labels, "Not specified"));

  /* small and large: no label over another */
  g_clear_pointer (&labels, g_array_unref);
  labels = assert_labels_clean (chart, &style, 320, 240);
  g_clear_pointer (&labels, g_array_unref);
  labels = assert_labels_clean (chart, &style, 1600, 900);
}

static void
test_decomp_age_cause (void)
{
  g_autoptr(GwTestDecomp) t = gw_test_decomp_new ("E08100000", "Fixture Zero");
  g_autoptr(GwChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tip = NULL;
  GwChartStyle style;
  GwChartColour circulatory;
  cairo_surface_t *surface;
  guint band = 0;
  double best = -INFINITY, x, y, ym, yw;
  int w = 1000, h = 640;

  chart = gw_chart_new_age_cause (&t->input, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gw_chart_get_title (chart), ==, "The gap by age and cause: Fixture Zero");
  style_for (&style, GW_CHART_PALETTE_STANDARD, 1.0);
  g_assert_cmpuint (gw_chart_get_n_panels (chart, &style, w, h), ==, 2);

  /* the band where circulatory disease takes most of men's years */
  for (guint b = 0; b < t->decomp[0]->n_bands; b++)
    if (-gw_gap_decomp_get (t->decomp[0], b, 0) > best)
      {
        best = -gw_gap_decomp_get (t->decomp[0], b, 0);
        band = b;
      }
  g_assert_cmpfloat (best, >, 0.1);
  /* circulatory is the first cause: its segment sits on the zero line, up
   * to its years */
  surface = render_image (chart, &style, w, h);
  gw_chart_style_get_series_colour (&style, 0, &circulatory);
  g_assert_true (gw_chart_map_point (chart, &style, w, h, 0, band, best / 2, &x, &y));
  g_assert_true (find_colour (surface, x, y, 1, 1, &circulatory));
  cairo_surface_destroy (surface);
  tip = gw_chart_hit_test (chart, &style, w, h, x, y);
  {
    g_autofree char *years = gw_chart_format_number (best, 2, FALSE);
    const char *ages = gw_age_band_to_string (t->decomp[0]->bands[band]);
    g_autofree char *want = g_strdup_printf ("Men, circulatory diseases, ages %s: %s of the 3.15 years", ages, years);

    g_assert_true (g_str_has_prefix (tip, want));
  }

  /* one scale for both sexes: the same value at the same height */
  g_assert_true (gw_chart_map_point (chart, &style, w, h, 0, 0, 0.1, NULL, &ym));
  g_assert_true (gw_chart_map_point (chart, &style, w, h, 1, 0, 0.1, NULL, &yw));
  g_assert_true (gw_chart_map_point (chart, &style, w, h, 0, 0, 0.0, NULL, &y));
  g_assert_true (gw_chart_map_point (chart, &style, w, h, 1, 0, 0.0, NULL, &x));
  g_assert_cmpfloat_with_epsilon (y - ym, x - yw, 1e-6);
  g_clear_pointer (&tip, g_free);

  /* greyscale: not one coloured pixel; hatching keeps causes 5 and 1 apart */
  style_for (&style, GW_CHART_PALETTE_GREYSCALE, 1.0);
  surface = render_image (chart, &style, w, h);
  for (int py = 0; py < h; py++)
    for (int px = 0; px < w; px++)
      {
        double r, g, b;

        get_pixel (surface, px, py, &r, &g, &b);
        if (fabs (r - g) > 0.02 || fabs (g - b) > 0.02)
          g_error ("a coloured pixel at %d,%d in greyscale", px, py);
      }
  cairo_surface_destroy (surface);
  g_assert_true (gw_chart_series_hatched (&style, 5));
  g_assert_false (gw_chart_series_hatched (&style, 1));
  {
    g_autoptr(GArray) labels = assert_labels_clean (chart, &style, w, h);

    g_assert_nonnull (find_label (labels, "Age band"));
  }
}

/* Runs of at most six bands of cause c, summed from the fixture's
 * decompose.csv at the gap's sign. */
static double
reference_run (const GwTestCsv   *ref,
               const GwGapDecomp *d,
               const char        *area,
               const char      *cause,
               guint            first,
               guint            last)
{
  double sum = 0;

  for (guint r = 0; r < gw_test_csv_n_rows (ref); r++)
    {
      const char *age = gw_test_csv_get (ref, r, "age");
      GwAgeBand band;
      guint x;

      if (!g_str_equal (gw_test_csv_get (ref, r, "area_code"), area) || !g_str_equal (gw_test_csv_get (ref, r, "sex"), "m")
          || !g_str_equal (gw_test_csv_get (ref, r, "cause"), cause) || g_str_equal (age, "all"))
        continue;
      g_assert_true (gw_age_band_parse (age, &band));
      for (x = 0; d->bands[x] != band; x++)
        g_assert_cmpuint (x + 1, <, d->n_bands);
      if (x >= first && x <= last)
        sum -= gw_test_csv_double (ref, r, "contribution");
    }
  return sum;
}

static void
test_decomp_sentences (void)
{
  g_autoptr(GwTestDecomp) t = gw_test_decomp_new ("E08100000", "Fixture Zero");
  g_autoptr(GwTestCsv) ref = gw_test_csv_load ("../decomp/decompose.csv");
  g_autofree char *why = gw_decomp_why_sentence (t->decomp[0]);
  g_autofree char *reckon = gw_decomp_reckon_sentence (t->decomp[0], t->reckoning[0]);
  const char *top = NULL, *top_name = NULL;
  double top_years = -INFINITY, best = -INFINITY;
  guint first = 0, last = 0;

  /* the cause with most of men's 3.149713296 years in the fixture */
  for (guint r = 0; r < gw_test_csv_n_rows (ref); r++)
    if (g_str_equal (gw_test_csv_get (ref, r, "area_code"), "E08100000")
        && g_str_equal (gw_test_csv_get (ref, r, "sex"), "m")
        && g_str_equal (gw_test_csv_get (ref, r, "age"), "all")
        && !g_str_equal (gw_test_csv_get (ref, r, "cause"), "all")
        && -gw_test_csv_double (ref, r, "contribution") > top_years)
      {
        top = gw_test_csv_get (ref, r, "cause");
        top_years = -gw_test_csv_double (ref, r, "contribution");
      }
  for (guint a = 0; a < t->decomp[0]->n_bands; a++)
    for (guint b = a; b < a + 6 && b < t->decomp[0]->n_bands; b++)
      if (reference_run (ref, t->decomp[0], "E08100000", top, a, b) > best + 0.005)
        {
          best = reference_run (ref, t->decomp[0], "E08100000", top, a, b);
          first = a;
          last = b;
        }
  {
    g_autofree char *ages = gw_decomp_format_ages (t->decomp[0], first, last);
    g_autofree char *part = gw_chart_format_number (best, 2, FALSE);
    g_autofree char *want = NULL;

    for (guint c = 0; c < t->decomp[0]->n_causes; c++)
      if (g_str_equal (t->decomp[0]->causes[c].id, top))
        top_name = t->decomp[0]->causes[c].name;
    {
      g_autofree char *lower = g_utf8_strdown (top_name, -1);

      /* two decimals, as the chart labels the gap (3.149713296) */
      want = g_strdup_printf ("%s of the 3.15 years come from %s at ages %s.", part, lower, ages);
    }

    g_test_message ("why: %s", why);
    g_assert_cmpstr (why, ==, want);
  }

  /* reckon.csv: 333.3341 deaths a year bring men to 78.898989028 */
  g_test_message ("reckon: %s", reckon);
  g_assert_true (g_str_has_prefix (reckon, "About 330 fewer deaths a year, "));
  g_assert_true (g_str_has_suffix (reckon, ", would bring men’s life expectancy to 78.9 years."));

  /* an area that lives longer: no gap to explain */
  {
    g_autofree char *text = NULL;
    GwGapDecomp flipped = *t->decomp[1];

    flipped.e0_area = flipped.e0_comparator + 0.42;
    text = gw_decomp_why_sentence (&flipped);
    g_assert_cmpstr (text, ==, "Women here live 0.4 years longer than in England: there is no gap to explain.");
  }

  /* about: two significant figures */
  {
    static const struct { double n; const char *text; } cases[] = {
      { 333.3341, "330" }, { 70.4, "70" }, { 7.4, "7" }, { 0.3, "fewer than 1" }, { 1649, "1600" },
      { 95.5, "96" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *text = gw_decomp_format_about (cases[i].n);

        g_assert_cmpstr (text, ==, cases[i].text);
      }
  }
}

static void
test_decomp_pdf (void)
{
  g_autoptr(GwTestDecomp) t = gw_test_decomp_new ("E08100002", "Fixture Two");
  g_autoptr(GwChart) chart = gw_chart_new_scarf (&t->input, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gw-render-decomp-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "scarf.pdf", NULL);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  GwChartStyle style;

  style_for (&style, GW_CHART_PALETTE_COLOUR_BLIND, 1.0);
  g_assert_true (gw_chart_export (chart, &style, pdf, 842, 595, &error));
  g_assert_no_error (error);
  if (pdftotext != NULL)
    {
      const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
      g_autofree char *text = NULL;
      int status;

      text = run_program (argv, &status);
      g_assert_cmpint (status, ==, 0);
      g_assert_nonnull (strstr (text, "Why the gap: Fixture Two"));
      g_assert_nonnull (strstr (text, "Circulatory disease"));
      g_assert_nonnull (strstr (text, "Years of the gap to England"));
      /* E08100002's men: 3.281049368 years */
      g_assert_nonnull (strstr (text, "3.28 years"));
      g_assert_nonnull (strstr (text, "Source: decomp-6 fixture. Data as at 1 June 2007."));
    }
  else
    g_test_message ("pdftotext not found: the PDF's text is not checked");
  g_remove (pdf);
  g_rmdir (dir);
}

/* gapwatch-cli render --chart scarf|age-cause: the painter's chart of the
 * export, for the target's sexes or the one asked. */
static void
test_decomp_cli (void)
{
  g_autoptr(GwTestDecomp) t = gw_test_decomp_new ("E08100003", "Fixture Three");
  g_autofree char *cli = cli_path ();
  g_autofree char *pdf = g_build_filename (t->dir, "age.pdf", NULL);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *out = NULL;
  int status;

  if (cli == NULL)
    {
      g_test_skip ("gapwatch-cli is not built");
      return;
    }
  {
    const char *argv[] = { cli, "render", "--chart", "age-cause", "--area", "E08100003", "--sex", "f",
                           "--out", pdf, t->path, NULL };

    g_free (run_program (argv, &status));
    g_assert_cmpint (status, ==, 0);
  }
  if (pdftotext != NULL)
    {
      const char *argv[] = { "pdftotext", pdf, "-", NULL };

      out = run_program (argv, &status);
      g_assert_cmpint (status, ==, 0);
      g_assert_nonnull (strstr (out, "The gap by age and cause: Fixture Three"));
      /* decompose.csv: women of E08100003, -1.800999182 years; men not asked */
      g_assert_nonnull (strstr (out, "Women: a gap of 1.80 years"));
      g_assert_null (strstr (out, "Men:"));
      g_clear_pointer (&out, g_free);
    }
  g_remove (pdf);
  {
    const char *argv[] = { cli, "render", "--chart", "scarves", "--out", pdf, t->path, NULL };

    g_free (run_program (argv, &status));
    g_assert_cmpint (status, ==, 2);
  }
  {
    /* an area the export does not have */
    const char *argv[] = { cli, "render", "--chart", "scarf", "--area", "E00000000", "--out", pdf, t->path, NULL };

    g_free (run_program (argv, &status));
    g_assert_cmpint (status, ==, 1);
    g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  }
}

/* No decomposition for any sex: an error, not an empty chart. */
static void
test_decomp_no_data (void)
{
  GwChartDecompInput input = { 1, { { NULL, NULL } }, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GwChart) chart = gw_chart_new_age_cause (&input, &error);

  g_assert_null (chart);
  g_assert_error (error, GW_CHART_ERROR, GW_CHART_ERROR_NO_DATA);
  g_assert_cmpstr (error->message, ==,
                   "No gap by age and cause to draw: there is no decomposition");
}

/* --- tests: deprivation gradient ------------------------------------------ */

/* Hartlepool's SII of the samples' small areas, 2005-2007, men and women. */
static GwChart *
samples_gradient (const Data *d, GwInequalityValue values[2])
{
  g_autoptr(GwInequality) ineq = NULL;
  g_autoptr(GError) error = NULL;
  GwSiiOptions options;
  gint area = gw_dataset_lookup_area (d->dataset, "E06000001");
  GwChart *chart;

  g_assert_cmpint (area, >=, 0);
  ineq = gw_inequality_new (d->dataset, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gw_inequality_get_period (ineq), ==, gw_period_pooled (2005, 2007));
  gw_sii_options_init (&options);
  options.repetitions = 10000;
  for (GwSex sex = GW_SEX_MALE; sex <= GW_SEX_FEMALE; sex++)
    {
      g_assert_true (gw_inequality_compute (ineq, FALSE, area, sex, 0, &options, &values[sex - GW_SEX_MALE], &error));
      g_assert_no_error (error);
    }
  chart = gw_chart_new_gradient (d->dataset, values, 2, &error);
  g_assert_no_error (error);
  return chart;
}

static void
test_gradient_points (void)
{
  const Data *d = get_samples ();
  GwInequalityValue values[2];
  g_autoptr(GwChart) chart = NULL;
  GwChartStyle style;
  GwChartColour subject, line;
  cairo_surface_t *surface;
  int w = 1200, h = 800;

  if (d == NULL)
    return;
  chart = samples_gradient (d, values);
  g_assert_cmpint (gw_chart_get_kind (chart), ==, GW_CHART_GRADIENT);
  g_assert_cmpstr (gw_chart_get_title (chart), ==, "Hartlepool: life expectancy by deprivation decile, 2005–2007");
  /* the description gives both ends and the SII of each sex */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *want = g_strdup_printf ("%s: %.1f years in the most deprived decile, %.1f in the least "
                                               "deprived; SII %.1f years (95%%: %.1f to %.1f)",
                                               i == 0 ? "Men" : "Women", values[i].deciles[0].value,
                                               values[i].deciles[9].value, values[i].sii.sii,
                                               values[i].sii.sii_lower[GW_SII_LEVEL_95],
                                               values[i].sii.sii_upper[GW_SII_LEVEL_95]);

      g_assert_nonnull (strstr (gw_chart_get_description (chart), want));
      /* the samples' gradient: the least deprived live longer */
      g_assert_cmpfloat (values[i].sii.sii, >, 5);
    }

  style_for (&style, GW_CHART_PALETTE_COLOUR_BLIND, 1.0);
  gw_chart_style_get_colour (&style, GW_CHART_ROLE_SUBJECT, &subject);
  gw_chart_style_get_colour (&style, GW_CHART_ROLE_GROUP, &line);
  surface = render_image (chart, &style, w, h);
  g_assert_cmpuint (gw_chart_get_n_panels (chart, &style, w, h), ==, 2);
  for (guint panel = 0; panel < 2; panel++)
    {
      const GwInequalityValue *v = &values[panel];
      double pop[10], rank[10], x, y, x_first = 0, x_last = 0;

      for (guint q = 0; q < 10; q++)
        pop[q] = v->deciles[q].population;
      gw_sii_ranks (pop, 10, rank);
      /* every decile's point where its rank and life expectancy are, the
       * most deprived on the left */
      for (guint q = 0; q < 10; q++)
        {
          g_assert_true (gw_chart_map_point (chart, &style, w, h, panel, rank[q], v->deciles[q].value, &x, &y));
          if (!find_colour (surface, x, y, 1, 1, &subject))
            g_error ("no marker for decile %u of panel %u at %g,%g", q + 1, panel, x, y);
          if (q == 0)
            x_first = x;
          x_last = x;
        }
      g_assert_cmpfloat (x_first, <, x_last);
      /* the fitted line: the intercept at rank 0 plus the SII times the rank
       * (dashed: a dash within a few pixels either side) */
      for (guint k = 1; k < 4; k++)
        {
          double r = k / 4.0;

          g_assert_true (gw_chart_map_point (chart, &style, w, h, panel, r, v->sii.intercept + v->sii.sii * r, &x, &y));
          if (!find_colour (surface, x, y, 9, 2, &line))
            g_error ("no SII line at rank %g of panel %u (%g,%g)", r, panel, x, y);
        }
    }
  g_array_unref (assert_labels_clean (chart, &style, w, h));
  g_array_unref (assert_labels_clean (chart, &style, 480, 360));
  cairo_surface_destroy (surface);

  /* greyscale: not one coloured pixel */
  style_for (&style, GW_CHART_PALETTE_GREYSCALE, 1.0);
  surface = render_image (chart, &style, 600, 400);
  for (int py = 0; py < 400; py++)
    for (int px = 0; px < 600; px++)
      {
        double r, g, b;

        get_pixel (surface, px, py, &r, &g, &b);
        if (fabs (r - g) > 0.02 || fabs (g - b) > 0.02)
          g_error ("a coloured pixel at %d,%d in greyscale", px, py);
      }
  cairo_surface_destroy (surface);
}

/* A PDF of the chart holds its figures as text (pdftotext), and a subject
 * without small areas has no chart. */
static void
test_gradient_pdf (void)
{
  const Data *d = get_samples ();
  GwInequalityValue values[2];
  g_autoptr(GwChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gw-render-gradient-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "gradient.pdf", NULL);
  g_autofree char *text = NULL, *want = NULL, *sii = NULL;
  GwChartStyle style;
  int status;

  if (d == NULL)
    return;
  chart = samples_gradient (d, values);
  style_for (&style, GW_CHART_PALETTE_STANDARD, 1.0);
  g_assert_true (gw_chart_export (chart, &style, pdf, 842, 595, &error));
  g_assert_no_error (error);
  {
    const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };

    text = run_program (argv, &status);
  }
  if (status != 0 || text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      g_remove (pdf);
      g_rmdir (dir);
      return;
    }
  sii = g_strdup_printf ("SII %.1f years (95%%: %.1f to %.1f)", values[1].sii.sii,
                         values[1].sii.sii_lower[GW_SII_LEVEL_95], values[1].sii.sii_upper[GW_SII_LEVEL_95]);
  g_assert_nonnull (strstr (text, "Hartlepool: life expectancy by deprivation decile, 2005–2007"));
  g_assert_nonnull (strstr (text, sii));
  g_assert_nonnull (strstr (text, "Slope index of inequality (fitted line)"));
  g_remove (pdf);
  g_rmdir (dir);

  /* an area without small areas: no value, no chart */
  {
    g_autoptr(GwInequality) ineq = gw_inequality_new (d->dataset, 0, &error);
    GwInequalityValue none;
    g_autoptr(GwChart) empty = NULL;

    g_assert_no_error (error);
    g_assert_false (gw_inequality_compute (ineq, FALSE, gw_dataset_lookup_area (d->dataset, "E06000003"),
                                           GW_SEX_MALE, 0, NULL, &none, NULL));
    empty = gw_chart_new_gradient (d->dataset, &none, 1, &error);
    g_assert_null (empty);
    g_assert_error (error, GW_CHART_ERROR, GW_CHART_ERROR_NO_DATA);
  }
}

int
main (int argc, char **argv)
{
  int ret;

  /* the C locale's numbers ("2.82", no thousands separator) */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gw/render/style/palettes", test_style_palettes);
  g_test_add_func ("/gw/render/axis/numbers", test_axis_numbers);
  g_test_add_func ("/gw/render/trend/markers", test_trend_markers);
  g_test_add_func ("/gw/render/trend/persons", test_trend_one_sex);
  g_test_add_func ("/gw/render/trend/provisional", test_trend_provisional);
  g_test_add_func ("/gw/render/trend/suppressed", test_trend_suppressed);
  g_test_add_func ("/gw/render/text/required-narrowing", test_format_required);
  g_test_add_func ("/gw/render/trend/confidence-level", test_trend_confidence);
  g_test_add_func ("/gw/render/style/hide-source", test_hide_source);
  g_test_add_func ("/gw/render/compare/row-range", test_compare_row_range);
  g_test_add_func ("/gw/render/gap/target-line", test_gap_target_line);
  g_test_add_func ("/gw/render/gap/labels-clear", test_gap_labels_clear);
  g_test_add_func ("/gw/render/gap/suppressed", test_gap_suppressed);
  g_test_add_func ("/gw/render/gap/not-tracked", test_gap_errors);
  g_test_add_func ("/gw/render/compare/a4-70-areas", test_compare_a4);
  g_test_add_func ("/gw/render/funnel/limits", test_funnel_limits);
  g_test_add_func ("/gw/render/labels/every-chart-every-size", test_labels_all_sizes);
  g_test_add_func ("/gw/render/labels/surface-independent", test_layout_surface_independent);
  g_test_add_func ("/gw/render/style/greyscale-and-dark", test_greyscale_and_dark);
  g_test_add_func ("/gw/render/export/formats", test_export_formats);
  g_test_add_func ("/gw/render/cli/render", test_cli_render);
  g_test_add_func ("/gw/render/decomp/scarf", test_decomp_scarf);
  g_test_add_func ("/gw/render/decomp/age-cause", test_decomp_age_cause);
  g_test_add_func ("/gw/render/decomp/sentences", test_decomp_sentences);
  g_test_add_func ("/gw/render/decomp/pdf", test_decomp_pdf);
  g_test_add_func ("/gw/render/decomp/no-data", test_decomp_no_data);
  g_test_add_func ("/gw/render/decomp/cli", test_decomp_cli);

  g_test_add_func ("/gw/render/gradient/points", test_gradient_points);
  g_test_add_func ("/gw/render/gradient/pdf", test_gradient_pdf);
  ret = g_test_run ();
  g_clear_pointer (&samples.indicators, gw_indicators_free);
  g_clear_object (&samples.dataset);
  g_clear_pointer (&tracker70.indicators, gw_indicators_free);
  g_clear_object (&tracker70.dataset);
  gw_chart_release_fonts ();
  return ret;
}
