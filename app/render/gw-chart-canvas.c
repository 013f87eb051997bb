/* gw-chart-canvas.c: text, lines, markers, legend and x-y panels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every size is in points times canvas->s.  Text goes through
 * pango_cairo_create_layout() on the painter's own cairo_t, with hinted
 * metrics and glyph rounding off: a layout then measures the same on a
 * screen, an image, a PDF and the recording surface hit tests use, and
 * scales linearly with the style's scale.
 *
 * Each label is registered in the frame when drawn; gw_canvas_show() refuses
 * a place that leaves the surface or overlaps a label already there, so the
 * painters thin and move labels but can never draw one over another.
 */
#include "gw-config.h"

#include <math.h>
#include <string.h>

#include "gw-chart-private.h"

/* --- frame ---------------------------------------------------------------- */

static void
clear_label (gpointer p)
{
  g_free (((GwChartLabel *) p)->text);
}

static void
clear_mark (gpointer p)
{
  g_free (((GwMark *) p)->text);
}

GwChartFrame *
gw_chart_frame_new (const GwChartStyle *style,
                    double              width,
                    double              height)
{
  GwChartFrame *f = g_new0 (GwChartFrame, 1);

  f->width = width;
  f->height = height;
  f->style = *style;
  f->font_family = g_strdup (style->font_family);
  f->style.font_family = f->font_family;
  f->panels = g_array_new (FALSE, TRUE, sizeof (GwPanelFrame));
  f->labels = g_array_new (FALSE, TRUE, sizeof (GwChartLabel));
  g_array_set_clear_func (f->labels, clear_label);
  f->marks = g_array_new (FALSE, TRUE, sizeof (GwMark));
  g_array_set_clear_func (f->marks, clear_mark);
  return f;
}

void
gw_chart_frame_free (GwChartFrame *f)
{
  if (f == NULL)
    return;
  g_array_unref (f->panels);
  g_array_unref (f->labels);
  g_array_unref (f->marks);
  g_free (f->font_family);
  g_free (f);
}

gboolean
gw_chart_frame_matches (const GwChartFrame *f,
                        const GwChartStyle *style,
                        double              width,
                        double              height)
{
  const GwChartStyle *a = &f->style;

  return f->width == width && f->height == height
         && a->palette == style->palette && a->dark == style->dark
         && a->scale == style->scale
         && gw_chart_style_wants_998 (a) == gw_chart_style_wants_998 (style)
         && !a->hide_source == !style->hide_source
         && memcmp (&a->foreground, &style->foreground, sizeof a->foreground) == 0
         && memcmp (&a->background, &style->background, sizeof a->background) == 0
         && g_strcmp0 (a->font_family, style->font_family) == 0;
}

/* --- canvas --------------------------------------------------------------- */

void
gw_canvas_init (GwCanvas           *c,
                cairo_t            *cr,
                const GwChartStyle *style,
                double              width,
                double              height,
                GwChartFrame       *frame)
{
  cairo_font_options_t *options;

  memset (c, 0, sizeof *c);
  c->cr = cr;
  c->style = style;
  c->s = style->scale > 0 ? style->scale : 1.0;
  c->width = width;
  c->height = height;
  c->frame = frame;
  c->obstacles = g_array_new (FALSE, FALSE, sizeof (GwChartRect));
  for (guint r = 0; r < GW_CHART_N_ROLES; r++)
    gw_chart_style_get_colour (style, r, &c->colours[r]);

  cairo_save (cr);
  /* unhinted metrics: the same text is the same width on every surface */
  options = cairo_font_options_create ();
  cairo_get_font_options (cr, options);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_set_font_options (cr, options);
  cairo_font_options_destroy (options);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
}

void
gw_canvas_clear (GwCanvas *c)
{
  cairo_restore (c->cr);
  g_clear_pointer (&c->obstacles, g_array_unref);
}

void
gw_canvas_set_colour (GwCanvas    *c,
                      GwChartRole  role,
                      double       alpha)
{
  const GwChartColour *k = &c->colours[role];

  cairo_set_source_rgba (c->cr, k->red, k->green, k->blue, k->alpha * alpha);
}

/* --- text ----------------------------------------------------------------- */

PangoLayout *
gw_canvas_layout (GwCanvas   *c,
                  const char *text,
                  double      size_pt,
                  gboolean    bold,
                  double      max_width,
                  int         max_lines)
{
  PangoLayout *layout = pango_cairo_create_layout (c->cr);
  PangoFontDescription *font = pango_font_description_new ();

  pango_context_set_round_glyph_positions (pango_layout_get_context (layout), FALSE);
  pango_layout_context_changed (layout);

  pango_font_description_set_family (font, c->style->font_family != NULL ? c->style->font_family : "Sans");
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  /* absolute: device units, whatever resolution the Pango context assumes */
  pango_font_description_set_absolute_size (font, size_pt * c->s * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  pango_layout_set_text (layout, text, -1);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) floor (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      if (max_lines > 1)
        {
          pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
          pango_layout_set_height (layout, -max_lines);
        }
    }
  return layout;
}

void
gw_canvas_layout_size (PangoLayout *layout,
                       double      *width,
                       double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

GwChartRect
gw_canvas_layout_rect (PangoLayout *layout,
                       double       x,
                       double       y,
                       double       xalign,
                       double       yalign)
{
  GwChartRect r;

  gw_canvas_layout_size (layout, &r.width, &r.height);
  r.x = x - r.width * xalign;
  r.y = y - r.height * yalign;
  return r;
}

static gboolean
rects_overlap (const GwChartRect *a,
               const GwChartRect *b)
{
  /* touching is fine: a hair of overlap from rounding is not */
  const double eps = 0.01;

  return a->x + eps < b->x + b->width && b->x + eps < a->x + a->width
         && a->y + eps < b->y + b->height && b->y + eps < a->y + a->height;
}

gboolean
gw_canvas_is_free (GwCanvas          *c,
                   const GwChartRect *r,
                   gboolean           obstacles)
{
  const double eps = 0.01;

  if (r->x < -eps || r->y < -eps || r->x + r->width > c->width + eps
      || r->y + r->height > c->height + eps || r->width <= 0)
    return FALSE;
  for (guint i = 0; i < c->frame->labels->len; i++)
    if (rects_overlap (r, &g_array_index (c->frame->labels, GwChartLabel, i).rect))
      return FALSE;
  if (obstacles)
    for (guint i = 0; i < c->obstacles->len; i++)
      if (rects_overlap (r, &g_array_index (c->obstacles, GwChartRect, i)))
        return FALSE;
  return TRUE;
}

static void
register_label (GwCanvas          *c,
                const GwChartRect *r,
                PangoLayout       *layout)
{
  GwChartLabel label = { *r, g_strdup (pango_layout_get_text (layout)) };

  g_array_append_val (c->frame->labels, label);
}

gboolean
gw_canvas_show (GwCanvas    *c,
                PangoLayout *layout,
                double       x,
                double       y,
                double       xalign,
                double       yalign,
                GwChartRole  role)
{
  GwChartRect r = gw_canvas_layout_rect (layout, x, y, xalign, yalign);
  PangoRectangle logical;

  if (!gw_canvas_is_free (c, &r, FALSE))
    return FALSE;
  pango_layout_get_extents (layout, NULL, &logical);
  gw_canvas_set_colour (c, role, 1.0);
  cairo_move_to (c->cr, r.x - (double) logical.x / PANGO_SCALE, r.y - (double) logical.y / PANGO_SCALE);
  pango_cairo_show_layout (c->cr, layout);
  register_label (c, &r, layout);
  return TRUE;
}

gboolean
gw_canvas_show_halo (GwCanvas    *c,
                     PangoLayout *layout,
                     double       x,
                     double       y,
                     double       xalign,
                     double       yalign,
                     GwChartRole  role)
{
  GwChartRect r = gw_canvas_layout_rect (layout, x, y, xalign, yalign);
  double pad = 1.0 * c->s;

  if (!gw_canvas_is_free (c, &r, FALSE))
    return FALSE;
  /* the background behind the text, so that grid lines and curves do not
   * run through the letters */
  gw_canvas_set_colour (c, GW_CHART_ROLE_BACKGROUND, 0.85);
  cairo_rectangle (c->cr, r.x - pad, r.y, r.width + 2 * pad, r.height);
  cairo_fill (c->cr);
  return gw_canvas_show (c, layout, r.x, r.y, 0, 0, role);
}

gboolean
gw_canvas_show_centred (GwCanvas          *c,
                        PangoLayout       *layout,
                        double             cx,
                        double             y,
                        double             yalign,
                        const GwChartRect *within,
                        GwChartRole        role)
{
  GwChartRect r = gw_canvas_layout_rect (layout, cx, y, 0.5, yalign);

  if (r.x + r.width > within->x + within->width)
    r.x = within->x + within->width - r.width;
  if (r.x < within->x)
    r.x = within->x;
  return gw_canvas_show (c, layout, r.x, r.y, 0, 0, role);
}

gboolean
gw_canvas_show_rotated (GwCanvas    *c,
                        PangoLayout *layout,
                        double       cx,
                        double       cy,
                        GwChartRole  role)
{
  double w, h;
  GwChartRect r;
  PangoRectangle logical;

  gw_canvas_layout_size (layout, &w, &h);
  /* A centred layout with a width has its lines offset within it (a
   * wrapped y-axis title): drawn from its origin, the text ran off the
   * top of the plot ("Bwlch, % o werth" cut in Welsh), as gw_canvas_show
   * allows for. */
  pango_layout_get_extents (layout, NULL, &logical);
  r.x = cx - h / 2;
  r.y = cy - w / 2;
  r.width = h;
  r.height = w;
  if (!gw_canvas_is_free (c, &r, FALSE))
    return FALSE;
  cairo_save (c->cr);
  gw_canvas_set_colour (c, role, 1.0);
  cairo_translate (c->cr, cx, cy);
  cairo_rotate (c->cr, -G_PI / 2);
  pango_cairo_update_layout (c->cr, layout);
  cairo_move_to (c->cr, -w / 2 - (double) logical.x / PANGO_SCALE,
                 -h / 2 - (double) logical.y / PANGO_SCALE);
  pango_cairo_show_layout (c->cr, layout);
  cairo_restore (c->cr);
  pango_cairo_update_layout (c->cr, layout);
  register_label (c, &r, layout);
  return TRUE;
}

double
gw_canvas_line_height (GwCanvas *c,
                       double    size_pt,
                       gboolean  bold)
{
  g_autoptr(PangoLayout) layout = gw_canvas_layout (c, "Ag", size_pt, bold, -1, 1);
  double h;

  gw_canvas_layout_size (layout, NULL, &h);
  return h;
}

/* --- lines and markers ---------------------------------------------------- */

void
gw_canvas_set_line (GwCanvas    *c,
                    GwChartRole  role,
                    double       width_pt,
                    GwDash       dash)
{
  double w = width_pt * c->s, d[4], dx = 1, dy = 0;
  int n = 0;

  /* never thinner than one device unit: a thumbnail's lines stay solid */
  cairo_device_to_user_distance (c->cr, &dx, &dy);
  w = MAX (w, hypot (dx, dy));

  gw_canvas_set_colour (c, role, 1.0);
  cairo_set_line_width (c->cr, w);
  cairo_set_line_cap (c->cr, CAIRO_LINE_CAP_BUTT);
  /* dashes grow with the line so that they read the same at any weight */
  switch (dash)
    {
    case GW_DASH_SOLID:
      break;
    case GW_DASH_DASHED:
      d[0] = 4.5 * c->s + 1.5 * w;
      d[1] = 2.5 * c->s + 1.0 * w;
      n = 2;
      break;
    case GW_DASH_DASH_DOT:
      d[0] = 6.0 * c->s + 1.5 * w;
      d[1] = 1.8 * c->s + w;
      d[2] = 1.2 * c->s;
      d[3] = 1.8 * c->s + w;
      n = 4;
      break;
    case GW_DASH_DOTTED:
      /* round dots: a zero-length dash with round caps */
      cairo_set_line_cap (c->cr, CAIRO_LINE_CAP_ROUND);
      d[0] = 0;
      d[1] = 1.4 * c->s + 1.5 * w;
      n = 2;
      break;
    case GW_DASH_LONG:
      d[0] = 9.0 * c->s + 1.5 * w;
      d[1] = 3.5 * c->s + w;
      n = 2;
      break;
    }
  cairo_set_dash (c->cr, d, n, 0);
}

double
gw_canvas_snap (GwCanvas *c,
                double    v,
                double    line_width,
                gboolean  vertical)
{
  cairo_matrix_t m;
  double x = vertical ? v : 0, y = vertical ? 0 : v, dev, unit, lw;

  cairo_get_matrix (c->cr, &m);
  /* only a pure scale and translation keeps lines on the pixel grid */
  if (m.xy != 0 || m.yx != 0)
    return v;
  unit = vertical ? m.xx : m.yy;
  if (unit <= 0)
    return v;
  cairo_user_to_device (c->cr, &x, &y);
  dev = vertical ? x : y;
  lw = round (line_width * unit);
  if (lw < 1)
    lw = 1;
  /* an odd number of pixels wide sits on a pixel's centre, even on an edge */
  dev = ((int) lw % 2 == 1) ? floor (dev) + 0.5 : round (dev);
  return vertical ? (dev - m.x0) / m.xx : (dev - m.y0) / m.yy;
}

/* A whole number of device pixels wide, for a sharp axis-aligned line;
 * unchanged under a rotation or skew. */
static void
round_line_width (GwCanvas *c,
                  gboolean  vertical)
{
  cairo_matrix_t m;
  double unit;

  cairo_get_matrix (c->cr, &m);
  if (m.xy != 0 || m.yx != 0)
    return;
  unit = fabs (vertical ? m.xx : m.yy);
  if (unit > 0)
    cairo_set_line_width (c->cr, MAX (1.0, round (cairo_get_line_width (c->cr) * unit)) / unit);
}

void
gw_canvas_hline (GwCanvas *c,
                 double    x0,
                 double    x1,
                 double    y)
{
  double yy;

  round_line_width (c, FALSE);
  yy = gw_canvas_snap (c, y, cairo_get_line_width (c->cr), FALSE);
  cairo_move_to (c->cr, x0, yy);
  cairo_line_to (c->cr, x1, yy);
  cairo_stroke (c->cr);
}

void
gw_canvas_vline (GwCanvas *c,
                 double    x,
                 double    y0,
                 double    y1)
{
  double xx;

  round_line_width (c, TRUE);
  xx = gw_canvas_snap (c, x, cairo_get_line_width (c->cr), TRUE);
  cairo_move_to (c->cr, xx, y0);
  cairo_line_to (c->cr, xx, y1);
  cairo_stroke (c->cr);
}

static void
marker_path (cairo_t  *cr,
             GwMarker  marker,
             double    cx,
             double    cy,
             double    r)
{
  /* the shapes have about the same area as the circle of radius r, so none
   * looks more important than another */
  switch (marker)
    {
    case GW_MARKER_CIRCLE:
      cairo_new_sub_path (cr);
      cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
      break;
    case GW_MARKER_SQUARE:
      cairo_rectangle (cr, cx - 0.886 * r, cy - 0.886 * r, 1.772 * r, 1.772 * r);
      break;
    case GW_MARKER_DIAMOND:
      cairo_move_to (cr, cx, cy - 1.25 * r);
      cairo_line_to (cr, cx + 1.25 * r, cy);
      cairo_line_to (cr, cx, cy + 1.25 * r);
      cairo_line_to (cr, cx - 1.25 * r, cy);
      cairo_close_path (cr);
      break;
    case GW_MARKER_TRIANGLE_UP:
      cairo_move_to (cr, cx, cy - 1.55 * r);
      cairo_line_to (cr, cx + 1.35 * r, cy + 0.78 * r);
      cairo_line_to (cr, cx - 1.35 * r, cy + 0.78 * r);
      cairo_close_path (cr);
      break;
    case GW_MARKER_TRIANGLE_DOWN:
      cairo_move_to (cr, cx, cy + 1.55 * r);
      cairo_line_to (cr, cx + 1.35 * r, cy - 0.78 * r);
      cairo_line_to (cr, cx - 1.35 * r, cy - 0.78 * r);
      cairo_close_path (cr);
      break;
    case GW_MARKER_CROSS:
      cairo_move_to (cr, cx - r, cy - r);
      cairo_line_to (cr, cx + r, cy + r);
      cairo_move_to (cr, cx + r, cy - r);
      cairo_line_to (cr, cx - r, cy + r);
      break;
    }
}

void
gw_canvas_marker (GwCanvas    *c,
                  GwMarker     marker,
                  double       cx,
                  double       cy,
                  double       size_pt,
                  GwChartRole  role,
                  gboolean     filled)
{
  double r = size_pt * c->s / 2;
  double lw = MIN (1.1 * c->s, r * 0.45);

  cairo_save (c->cr);
  cairo_set_dash (c->cr, NULL, 0, 0);
  cairo_set_line_width (c->cr, lw);
  if (marker == GW_MARKER_CROSS)
    {
      gw_canvas_set_colour (c, role, 1.0);
      cairo_set_line_width (c->cr, MAX (lw, 1.3 * c->s));
      marker_path (c->cr, marker, cx, cy, r * 0.8);
      cairo_stroke (c->cr);
      cairo_restore (c->cr);
      return;
    }
  /* a hollow marker is filled with the background so that the lines it
   * sits on do not cross it */
  marker_path (c->cr, marker, cx, cy, filled ? r : r - lw / 2);
  gw_canvas_set_colour (c, filled ? role : GW_CHART_ROLE_BACKGROUND, 1.0);
  cairo_fill_preserve (c->cr);
  gw_canvas_set_colour (c, role, 1.0);
  if (filled)
    {
      /* a thin rim of the background keeps overlapping markers apart */
      cairo_new_path (c->cr);
      marker_path (c->cr, marker, cx, cy, r);
      gw_canvas_set_colour (c, GW_CHART_ROLE_BACKGROUND, 0.9);
      cairo_set_line_width (c->cr, 0.5 * c->s);
      cairo_stroke_preserve (c->cr);
      gw_canvas_set_colour (c, role, 1.0);
      cairo_fill (c->cr);
    }
  else
    cairo_stroke (c->cr);
  cairo_restore (c->cr);
}

void
gw_canvas_add_mark (GwCanvas          *c,
                    const GwChartRect *rect,
                    char              *text)
{
  GwMark m = { *rect, rect->x + rect->width / 2, rect->y + rect->height / 2, text };

  g_array_append_val (c->frame->marks, m);
}

void
gw_canvas_add_obstacle (GwCanvas          *c,
                        const GwChartRect *rect)
{
  g_array_append_val (c->obstacles, *rect);
}

void
gw_canvas_hatch (GwCanvas          *c,
                 const GwChartRect *r,
                 GwChartRole        role)
{
  cairo_t *cr = c->cr;
  double step = 4.0 * c->s;

  if (r->width <= 0 || r->height <= 0)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, r->x, r->y, r->width, r->height);
  cairo_clip (cr);
  /* lighter than the lines drawn over it */
  gw_canvas_set_line (c, role, 0.7, GW_DASH_SOLID);
  gw_canvas_set_colour (c, role, 0.55);
  for (double d = -r->height; d < r->width; d += step)
    {
      cairo_move_to (cr, r->x + d, r->y + r->height);
      cairo_line_to (cr, r->x + d + r->height, r->y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
  /* the sides say where the span starts and ends */
  gw_canvas_set_line (c, role, 0.7, GW_DASH_SOLID);
  cairo_move_to (cr, r->x, r->y);
  cairo_line_to (cr, r->x, r->y + r->height);
  cairo_move_to (cr, r->x + r->width, r->y);
  cairo_line_to (cr, r->x + r->width, r->y + r->height);
  cairo_stroke (cr);
}

void
gw_canvas_clip_plot (GwCanvas           *c,
                     const GwPanelFrame *panel,
                     double              pad_pt)
{
  double pad = pad_pt * c->s;

  cairo_rectangle (c->cr, panel->plot.x - pad, panel->plot.y - pad,
                   panel->plot.width + 2 * pad, panel->plot.height + 2 * pad);
  cairo_clip (c->cr);
}

/* --- category fills --------------------------------------------------------- */

void
gw_canvas_fill_series (GwCanvas          *c,
                       guint              series,
                       const GwChartRect *r)
{
  GwChartColour k;
  cairo_t *cr = c->cr;

  if (r->width <= 0 || r->height <= 0)
    return;
  gw_chart_style_get_series_colour (c->style, series, &k);
  cairo_save (cr);
  cairo_rectangle (cr, r->x, r->y, r->width, r->height);
  cairo_set_source_rgba (cr, k.red, k.green, k.blue, k.alpha);
  cairo_fill_preserve (cr);
  /* greyscale has four greys that survive a photocopier: the other four
   * categories are the same greys with diagonal lines through them */
  if (gw_chart_series_hatched (c->style, series))
    {
      double step = 4.0 * c->s, lum = 0.3 * k.red + 0.59 * k.green + 0.11 * k.blue;

      cairo_clip (cr);
      cairo_set_line_width (cr, 1.0 * c->s);
      cairo_set_source_rgb (cr, lum > 0.5 ? 0 : 1, lum > 0.5 ? 0 : 1, lum > 0.5 ? 0 : 1);
      /* the two dark greys lean one way, the two light the other, so
       * that hatched neighbours differ by more than their ground */
      gboolean back = series % 2 == 1;

      for (double d = -r->height; d < r->width; d += step)
        {
          cairo_move_to (cr, r->x + d, back ? r->y : r->y + r->height);
          cairo_line_to (cr, r->x + d + r->height, back ? r->y + r->height : r->y);
        }
      cairo_stroke (cr);
    }
  else
    cairo_new_path (cr);
  cairo_restore (cr);
}

gboolean
gw_canvas_show_on_series (GwCanvas    *c,
                          PangoLayout *layout,
                          double       x,
                          double       y,
                          double       xalign,
                          double       yalign,
                          guint        series)
{
  GwChartRect r = gw_canvas_layout_rect (layout, x, y, xalign, yalign);
  PangoRectangle logical;
  GwChartColour k;
  double lum;

  if (!gw_canvas_is_free (c, &r, FALSE))
    return FALSE;
  gw_chart_style_get_series_colour (c->style, series, &k);
  /* relative luminance (sRGB weights, near enough for a choice of two) */
  lum = 0.2126 * k.red + 0.7152 * k.green + 0.0722 * k.blue;
  if (gw_chart_series_hatched (c->style, series))
    {
      /* hatching under text: a patch of the ground colour behind it */
      cairo_set_source_rgba (c->cr, k.red, k.green, k.blue, 1.0);
      cairo_rectangle (c->cr, r.x - 1 * c->s, r.y, r.width + 2 * c->s, r.height);
      cairo_fill (c->cr);
    }
  pango_layout_get_extents (layout, NULL, &logical);
  cairo_set_source_rgb (c->cr, lum > 0.45 ? 0.0 : 1.0, lum > 0.45 ? 0.0 : 1.0, lum > 0.45 ? 0.0 : 1.0);
  cairo_move_to (c->cr, r.x - (double) logical.x / PANGO_SCALE, r.y - (double) logical.y / PANGO_SCALE);
  pango_cairo_show_layout (c->cr, layout);
  register_label (c, &r, layout);
  return TRUE;
}

/* --- legend --------------------------------------------------------------- */

static void
clear_legend_item (gpointer p)
{
  g_free (((GwLegendItem *) p)->text);
}

GArray *
gw_legend_new (void)
{
  GArray *legend = g_array_new (FALSE, TRUE, sizeof (GwLegendItem));

  g_array_set_clear_func (legend, clear_legend_item);
  return legend;
}

void
gw_legend_add (GArray      *legend,
               const char  *text,
               GwSwatch     swatch,
               GwChartRole  role,
               GwDash       dash,
               GwMarker     marker,
               gboolean     has_marker,
               gboolean     filled)
{
  GwLegendItem item = { g_strdup (text), swatch, role, dash, marker, has_marker, filled, 0 };

  g_array_append_val (legend, item);
}

void
gw_legend_add_fill (GArray     *legend,
                    const char *text,
                    guint       series)
{
  GwLegendItem item = { g_strdup (text), GW_SWATCH_FILL, GW_CHART_ROLE_FOREGROUND, GW_DASH_SOLID,
                        GW_MARKER_SQUARE, FALSE, TRUE, series };

  g_array_append_val (legend, item);
}

#define SWATCH_LINE_PT   20.0
#define SWATCH_MARK_PT    8.0
#define SWATCH_GAP_PT     4.0
#define LEGEND_SPACE_PT  12.0

static double
swatch_width (GwCanvas           *c,
              const GwLegendItem *item)
{
  switch (item->swatch)
    {
    case GW_SWATCH_LINE:
    case GW_SWATCH_BAND:
      return SWATCH_LINE_PT * c->s;
    case GW_SWATCH_MARKER:
    case GW_SWATCH_TICK:
    case GW_SWATCH_FILL:
    case GW_SWATCH_HATCH:
    default:
      return SWATCH_MARK_PT * c->s;
    }
}

/* Lays the items out in rows of at most width; fills x offsets and row
 * numbers when given.  Returns the number of rows. */
static guint
legend_flow (GwCanvas  *c,
             GArray    *legend,
             double     width,
             double    *xs,
             guint     *rows,
             double    *row_width)
{
  double x = 0, space = LEGEND_SPACE_PT * c->s;
  guint row = 0;

  for (guint i = 0; i < legend->len; i++)
    {
      const GwLegendItem *item = &g_array_index (legend, GwLegendItem, i);
      g_autoptr(PangoLayout) layout = gw_canvas_layout (c, item->text, GW_PT_LEGEND, FALSE, width, 1);
      double tw, w;

      gw_canvas_layout_size (layout, &tw, NULL);
      w = swatch_width (c, item) + SWATCH_GAP_PT * c->s + tw;
      if (x > 0 && x + space + w > width)
        {
          row++;
          x = 0;
        }
      else if (x > 0)
        x += space;
      if (xs != NULL)
        xs[i] = x;
      if (rows != NULL)
        rows[i] = row;
      x += w;
      if (row_width != NULL)
        row_width[row] = x;
    }
  return legend->len > 0 ? row + 1 : 0;
}

static double
legend_row_height (GwCanvas *c)
{
  return MAX (gw_canvas_line_height (c, GW_PT_LEGEND, FALSE), SWATCH_MARK_PT * c->s) + 2 * c->s;
}

double
gw_legend_measure (GwCanvas *c,
                   GArray   *legend,
                   double    width,
                   guint     max_rows)
{
  guint n_rows;

  if (legend == NULL || legend->len == 0)
    return 0;
  n_rows = legend_flow (c, legend, width, NULL, NULL, NULL);
  if (n_rows > max_rows)
    return -1;
  return n_rows * legend_row_height (c);
}

static void
paint_swatch (GwCanvas           *c,
              const GwLegendItem *item,
              double              x,
              double              cy)
{
  double w = swatch_width (c, item);

  switch (item->swatch)
    {
    case GW_SWATCH_LINE:
      gw_canvas_set_line (c, item->role, 1.6, item->dash);
      cairo_move_to (c->cr, x, cy);
      cairo_line_to (c->cr, x + w, cy);
      cairo_stroke (c->cr);
      if (item->has_marker)
        gw_canvas_marker (c, item->marker, x + w / 2, cy, 6.0, item->role, item->filled);
      break;
    case GW_SWATCH_MARKER:
      gw_canvas_marker (c, item->marker, x + w / 2, cy, 6.5, item->role, item->filled);
      break;
    case GW_SWATCH_BAND:
      gw_canvas_set_colour (c, item->role, 0.2);
      cairo_rectangle (c->cr, x, cy - 3.5 * c->s, w, 7 * c->s);
      cairo_fill (c->cr);
      /* a band whose edges the chart draws in a dash: its edges too */
      if (item->dash != GW_DASH_SOLID)
        {
          gw_canvas_set_line (c, item->role, 0.8, item->dash);
          cairo_move_to (c->cr, x, cy - 3.5 * c->s);
          cairo_line_to (c->cr, x + w, cy - 3.5 * c->s);
          cairo_move_to (c->cr, x, cy + 3.5 * c->s);
          cairo_line_to (c->cr, x + w, cy + 3.5 * c->s);
          cairo_stroke (c->cr);
        }
      break;
    case GW_SWATCH_TICK:
      gw_canvas_set_line (c, item->role, 1.4, GW_DASH_SOLID);
      cairo_move_to (c->cr, x + w / 2, cy - 4 * c->s);
      cairo_line_to (c->cr, x + w / 2, cy + 4 * c->s);
      cairo_stroke (c->cr);
      break;
    case GW_SWATCH_FILL:
      {
        GwChartRect r = { x, cy - w / 2, w, w };

        gw_canvas_fill_series (c, item->series, &r);
        /* a light fill on a light page needs an edge to be seen */
        gw_canvas_set_line (c, GW_CHART_ROLE_MUTED, 0.5, GW_DASH_SOLID);
        cairo_rectangle (c->cr, r.x, r.y, r.width, r.height);
        cairo_stroke (c->cr);
      }
      break;
    case GW_SWATCH_HATCH:
      {
        GwChartRect r = { x + w / 4, cy - w / 2, w / 2, w };

        gw_canvas_hatch (c, &r, item->role);
      }
      break;
    }
}

void
gw_legend_paint (GwCanvas *c,
                 GArray   *legend,
                 double    x,
                 double    y,
                 double    width)
{
  g_autofree double *xs = g_new0 (double, legend->len + 1);
  g_autofree guint *rows = g_new0 (guint, legend->len + 1);
  g_autofree double *row_width = g_new0 (double, legend->len + 1);
  double rh = legend_row_height (c);

  legend_flow (c, legend, width, xs, rows, row_width);
  for (guint i = 0; i < legend->len; i++)
    {
      const GwLegendItem *item = &g_array_index (legend, GwLegendItem, i);
      g_autoptr(PangoLayout) layout = gw_canvas_layout (c, item->text, GW_PT_LEGEND, FALSE, width, 1);
      double cy = y + rows[i] * rh + rh / 2;
      double ix = x + xs[i];

      cairo_save (c->cr);
      paint_swatch (c, item, ix, cy);
      cairo_restore (c->cr);
      gw_canvas_show (c, layout, ix + swatch_width (c, item) + SWATCH_GAP_PT * c->s, cy,
                      0, 0.5, GW_CHART_ROLE_FOREGROUND);
    }
}

/* --- panels --------------------------------------------------------------- */

void
gw_panels_split (const GwChartRect *body,
                 guint              n,
                 double             gap,
                 gboolean           side_by_side,
                 GwChartRect       *out)
{
  g_assert (n > 0);

  for (guint i = 0; i < n; i++)
    {
      out[i] = *body;
      if (side_by_side)
        {
          out[i].width = (body->width - gap * (n - 1)) / n;
          out[i].x = body->x + i * (out[i].width + gap);
        }
      else
        {
          out[i].height = (body->height - gap * (n - 1)) / n;
          out[i].y = body->y + i * (out[i].height + gap);
        }
    }
}

/* The widest of the tick labels at size_pt. */
static double
ticks_max_width (GwCanvas *c,
                 GArray   *ticks)
{
  double max = 0;

  for (guint i = 0; i < ticks->len; i++)
    {
      g_autoptr(PangoLayout) l = gw_canvas_layout (c, g_array_index (ticks, GwTick, i).label,
                                                   GW_PT_TICK, FALSE, -1, 1);
      double w;

      gw_canvas_layout_size (l, &w, NULL);
      max = MAX (max, w);
    }
  return max;
}

/* Which x labels to show: every k-th from the first, for the smallest k at
 * which the labels centred on their ticks keep a gap between them, plus the
 * last (the latest or the target period), which displaces its neighbour
 * when they would touch.  Labels hanging out of lo..hi (device) are not
 * shown.  Fills show[]. */
static void
x_label_pick (GwCanvas     *c,
              GArray       *ticks,
              const GwAxis *axis,
              double        lo,
              double        hi,
              gboolean     *show)
{
  guint n = ticks->len;
  g_autofree double *left = g_new0 (double, n + 1);
  g_autofree double *right = g_new0 (double, n + 1);
  g_autofree gboolean *inside = g_new0 (gboolean, n + 1);
  double gap = 5 * c->s;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PangoLayout) l = gw_canvas_layout (c, g_array_index (ticks, GwTick, i).label,
                                                   GW_PT_TICK, FALSE, -1, 1);
      double x = gw_axis_map (axis, g_array_index (ticks, GwTick, i).value), w;

      gw_canvas_layout_size (l, &w, NULL);
      left[i] = x - w / 2;
      right[i] = x + w / 2;
      inside[i] = left[i] >= lo && right[i] <= hi;
    }
  for (guint k = 1; k <= MAX (n, 1u); k++)
    {
      gboolean ok = TRUE;
      gint prev = -1;

      for (guint i = 0; i < n; i++)
        show[i] = inside[i] && (i % k == 0 || i == n - 1);
      /* the last wins over a neighbour it would touch */
      for (guint i = n - 1; n > 1 && i-- > 0;)
        if (show[i])
          {
            if (right[i] + gap > left[n - 1])
              show[i] = FALSE;
            break;
          }
      for (guint i = 0; i < n && ok; i++)
        if (show[i])
          {
            if (prev >= 0 && left[i] < right[prev] + gap)
              ok = FALSE;
            prev = i;
          }
      if (ok)
        return;
    }
  for (guint i = 0; i < n; i++)
    show[i] = i == n - 1 && inside[i];
}

gboolean
gw_xy_panel_paint (GwCanvas            *c,
                   const GwChartRect   *area,
                   const GwXYPanelSpec *spec,
                   GwPanelFrame        *pf)
{
  double s = c->s;
  double top = area->y, bottom = area->y + area->height;
  double left = area->x, right = area->x + area->width;
  double tick_h = gw_canvas_line_height (c, GW_PT_TICK, FALSE);
  double axis_h = gw_canvas_line_height (c, GW_PT_AXIS, FALSE);
  double y_lo = spec->y_lo, y_hi = spec->y_hi, data_lo, data_hi, step, label_w, plot_h;
  g_autoptr(GArray) yticks = NULL;
  g_autoptr(GArray) xticks_owned = NULL;
  GArray *xticks;
  g_autofree gboolean *show = NULL;
  guint max_ticks;
  double tick_len = 3 * s, label_top;
  guint y_title_lines = 1, x_title_lines = 1;

  memset (pf, 0, sizeof *pf);
  pf->area = *area;

  /* title and status above the plot */
  if (spec->title != NULL)
    {
      g_autoptr(PangoLayout) l = gw_canvas_layout (c, spec->title, GW_PT_PANEL, TRUE, area->width, 1);
      double h;

      gw_canvas_layout_size (l, NULL, &h);
      gw_canvas_show (c, l, left, top, 0, 0, spec->title_role);
      top += h + 1 * s;
    }
  if (spec->status != NULL)
    {
      double mw = spec->status_marker ? 10 * s : 0, h;
      /* three lines: a translation is often longer, and the target value
       * comes last */
      g_autoptr(PangoLayout) l = gw_canvas_layout (c, spec->status, GW_PT_NOTE + 0.5, FALSE,
                                                   area->width - mw, 3);

      gw_canvas_layout_size (l, NULL, &h);
      if (top + h < bottom - 4 * axis_h)
        {
          double line1 = gw_canvas_line_height (c, GW_PT_NOTE + 0.5, FALSE);

          if (spec->status_marker)
            gw_canvas_marker (c, spec->status_shape, left + 4 * s, top + line1 / 2, 7.0,
                              spec->status_role, TRUE);
          gw_canvas_show (c, l, left + mw, top, 0, 0, GW_CHART_ROLE_FOREGROUND);
          top += h + 2 * s;
        }
    }
  /* room for the top tick label's upper half */
  top += tick_h / 2 + 2 * s;

  if (spec->x_title != NULL)
    {
      g_autoptr(PangoLayout) l = gw_canvas_layout (c, spec->x_title, GW_PT_AXIS, FALSE, -1, 1);
      double tw;

      /* as the y-axis title: wider than the panel, two lines rather than
       * lose its end (Welsh "Degradd amddifadedd (1 mwyaf difreinti…") */
      gw_canvas_layout_size (l, &tw, NULL);
      x_title_lines = tw > area->width ? 2 : 1;
      bottom -= x_title_lines * axis_h + 2 * s;
    }
  /* x labels start below the lowest y label's lower half, so the two never
   * meet in the corner */
  label_top = MAX (tick_len + 1 * s, tick_h / 2 + 1 * s);
  bottom -= tick_h + label_top + 1 * s;
  plot_h = bottom - top;
  if (plot_h < 2 * tick_h || area->width < 40 * s)
    return FALSE;

  /* y ticks: as many as fit two line heights apart, at most 8 */
  if (!isfinite (y_lo) || !isfinite (y_hi))
    y_lo = 0, y_hi = 1;
  if (y_hi - y_lo < 1e-9)
    {
      double d = fabs (y_hi) > 0 ? fabs (y_hi) * 0.05 : 1;

      y_lo -= d;
      y_hi += d;
    }
  /* as many y ticks as fit 2.2 line heights apart, at most 8; widening the
   * range to whole steps can add one, so retry with fewer */
  /* a little air so that no marker sits on the axis or the top grid line;
   * a range starting at zero (rates) stays at zero */
  {
    double pad = (y_hi - y_lo) * 0.04;

    if (y_lo != 0)
      y_lo -= pad;
    y_hi += pad;
  }
  data_lo = y_lo;
  data_hi = y_hi;
  for (max_ticks = (guint) CLAMP (plot_h / (tick_h * 2.2), 1, 8); ; max_ticks--)
    {
      g_clear_pointer (&yticks, g_array_unref);
      y_lo = data_lo;
      y_hi = data_hi;
      step = gw_axis_nice_step (y_lo, y_hi, max_ticks);
      yticks = gw_axis_ticks (&y_lo, &y_hi, step, TRUE, spec->y_suffix);
      if (yticks->len <= (guint) CLAMP (plot_h / (tick_h * 2.2), 1, 8) + 1 || max_ticks <= 1)
        break;
    }
  label_w = ticks_max_width (c, yticks);

  if (spec->y_title != NULL)
    {
      g_autoptr(PangoLayout) l = gw_canvas_layout (c, spec->y_title, GW_PT_AXIS, FALSE, -1, 1);
      double tw;

      /* a title longer than the plot is high wraps onto a second line
       * rather than lose its end ("Gap, % of Engl…") */
      gw_canvas_layout_size (l, &tw, NULL);
      y_title_lines = tw > plot_h ? 2 : 1;
      left += y_title_lines * axis_h + 3 * s;
    }
  left += label_w + 4 * s;

  /* x ticks: numeric ones from the width the labels need */
  if (spec->x_numeric)
    {
      double x_lo = spec->x_lo, x_hi = spec->x_hi, xstep, lw;
      g_autofree char *sample = gw_chart_format_number (MAX (fabs (x_lo), fabs (x_hi)), 0, spec->x_group);
      g_autoptr(PangoLayout) l = gw_canvas_layout (c, sample, GW_PT_TICK, FALSE, -1, 1);

      gw_canvas_layout_size (l, &lw, NULL);
      right -= lw / 2 + 2 * s;
      max_ticks = (guint) CLAMP ((right - left) / (lw * 1.8 + 6 * s), 1, 10);
      xstep = gw_axis_nice_step (x_lo, x_hi, max_ticks);
      xticks_owned = gw_axis_ticks (&x_lo, &x_hi, xstep, TRUE, spec->x_suffix);
      pf->x.lo = x_lo;
      pf->x.hi = x_hi;
      xticks = xticks_owned;
    }
  else
    {
      double last_w = 0;

      xticks = spec->x_ticks;
      pf->x.lo = spec->x_lo;
      pf->x.hi = spec->x_hi;
      if (xticks != NULL && xticks->len > 0)
        {
          g_autoptr(PangoLayout) l = gw_canvas_layout (c, g_array_index (xticks, GwTick, xticks->len - 1).label,
                                                       GW_PT_TICK, FALSE, -1, 1);
          double x_last_frac;

          gw_canvas_layout_size (l, &last_w, NULL);
          /* the last label is centred on its tick: keep its right half in */
          x_last_frac = (g_array_index (xticks, GwTick, xticks->len - 1).value - pf->x.lo)
                        / (pf->x.hi - pf->x.lo);
          if (x_last_frac > 0 && x_last_frac <= 1)
            {
              double need = last_w / 2 + 2 * s;
              /* solve right - f (right - left) >= need for the plot's right */
              double room = (right - left) * (1 - x_last_frac);

              if (room < need)
                right -= (need - room) / MAX (x_last_frac, 0.05);
            }
        }
    }
  if (right - left < 20 * s)
    return FALSE;

  pf->plot.x = left;
  pf->plot.y = top;
  pf->plot.width = right - left;
  pf->plot.height = bottom - top;
  pf->x.d0 = left;
  pf->x.d1 = right;
  pf->y.lo = y_lo;
  pf->y.hi = y_hi;
  pf->y.d0 = bottom;
  pf->y.d1 = top;

  /* grid and y labels */
  cairo_save (c->cr);
  gw_canvas_set_line (c, GW_CHART_ROLE_GRID, 0.75, GW_DASH_SOLID);
  for (guint i = 1; i < yticks->len; i++)
    gw_canvas_hline (c, left, right, gw_axis_map (&pf->y, g_array_index (yticks, GwTick, i).value));
  if (spec->x_numeric)
    for (guint i = 1; i < xticks->len; i++)
      gw_canvas_vline (c, gw_axis_map (&pf->x, g_array_index (xticks, GwTick, i).value), top, bottom);
  for (guint i = 0; i < yticks->len; i++)
    {
      const GwTick *t = &g_array_index (yticks, GwTick, i);
      g_autoptr(PangoLayout) l = gw_canvas_layout (c, t->label, GW_PT_TICK, FALSE, -1, 1);

      gw_canvas_show (c, l, left - 4 * s, gw_axis_map (&pf->y, t->value), 1.0, 0.5, GW_CHART_ROLE_MUTED);
    }

  /* the x axis line, its ticks and labels */
  gw_canvas_set_line (c, GW_CHART_ROLE_FOREGROUND, 0.9, GW_DASH_SOLID);
  gw_canvas_hline (c, left, right, bottom);
  if (xticks != NULL && xticks->len > 0)
    {
      show = g_new0 (gboolean, xticks->len);
      x_label_pick (c, xticks, &pf->x, area->x, area->x + area->width, show);
    }
  for (guint i = 0; xticks != NULL && i < xticks->len; i++)
    {
      const GwTick *t = &g_array_index (xticks, GwTick, i);
      double x = gw_axis_map (&pf->x, t->value);
      gboolean labelled = show[i];

      if (x < left - 0.5 || x > right + 0.5)
        continue;
      gw_canvas_set_line (c, GW_CHART_ROLE_FOREGROUND, 0.9, GW_DASH_SOLID);
      gw_canvas_vline (c, x, bottom, bottom + (labelled ? tick_len : tick_len * 0.6));
      if (labelled)
        {
          g_autoptr(PangoLayout) l = gw_canvas_layout (c, t->label, GW_PT_TICK, FALSE, -1, 1);
          gw_canvas_show (c, l, x, bottom + label_top, 0.5, 0, GW_CHART_ROLE_MUTED);
        }
    }
  cairo_restore (c->cr);

  /* axis titles */
  if (spec->x_title != NULL)
    {
      g_autoptr(PangoLayout) l = gw_canvas_layout (c, spec->x_title, GW_PT_AXIS, FALSE, area->width,
                                                   x_title_lines);

      pango_layout_set_alignment (l, PANGO_ALIGN_CENTER);
      gw_canvas_show_centred (c, l, (left + right) / 2, area->y + area->height, 1.0, area,
                              GW_CHART_ROLE_FOREGROUND);
    }
  if (spec->y_title != NULL)
    {
      g_autoptr(PangoLayout) l = gw_canvas_layout (c, spec->y_title, GW_PT_AXIS, FALSE, bottom - top,
                                                   y_title_lines);

      pango_layout_set_alignment (l, PANGO_ALIGN_CENTER);
      gw_canvas_show_rotated (c, l, area->x + y_title_lines * axis_h / 2, (top + bottom) / 2,
                              GW_CHART_ROLE_FOREGROUND);
    }

  g_array_append_val (c->frame->panels, *pf);
  return TRUE;
}
