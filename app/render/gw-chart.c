/* gw-chart.c: the chart object, its frame, hit testing and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every chart has the same frame: a title, a subtitle, a legend, the body
 * (the kind's panels), and a source line.  When the surface is small (a
 * thumbnail) the source line, then the subtitle, then the legend give way so
 * that the body keeps at least 60% of the height.
 */
#include "gw-config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <fontconfig/fontconfig.h>

#include "gw-chart-private.h"
#include "methods/gw-indicator-info.h"

G_DEFINE_TYPE (GwChart, gw_chart, G_TYPE_OBJECT)

G_DEFINE_QUARK (gw-chart-error-quark, gw_chart_error)

/* --- helpers for the kinds ------------------------------------------------ */

/* Name and unit from the indicator registry (built-in or as its export
 * declares it). */
void
gw_chart_indicator_text (GwDataset     *dataset,
                         GwIndicators  *indicators,
                         const char    *id,
                         char         **name,
                         char         **unit)
{
  GwIndicatorInfo info;

  (void) indicators;
  gw_indicator_info_lookup (dataset, id, &info);
  *name = g_strdup (info.name != NULL ? info.name : "");
  *unit = g_strdup (info.unit);
}

const char *
gw_chart_sex_label (GwSex sex)
{
  switch (sex)
    {
    case GW_SEX_MALE:   return _("Men");
    case GW_SEX_FEMALE: return _("Women");
    case GW_SEX_PERSONS:
    default:            return _("Persons");
    }
}

const char *
gw_chart_sex_word (GwSex sex)
{
  switch (sex)
    {
    case GW_SEX_MALE:   return _("men");
    case GW_SEX_FEMALE: return _("women");
    case GW_SEX_PERSONS:
    default:            return _("persons");
    }
}

const char *
gw_chart_status_label (GwTargetStatus status)
{
  switch (status)
    {
    case GW_STATUS_ON_TRACK:  return _("on track");
    case GW_STATUS_OFF_TRACK: return _("off track");
    case GW_STATUS_NO_GAP:    return _("no gap at baseline");
    case GW_STATUS_INSUFFICIENT_DATA:
    default:                  return _("insufficient data");
    }
}

/* Shapes for the statuses: a triangle (a warning) for off track, a circle
 * for on track, so that print in one colour still says which is which. */
GwMarker
gw_chart_status_marker (GwTargetStatus status)
{
  switch (status)
    {
    case GW_STATUS_ON_TRACK:  return GW_MARKER_CIRCLE;
    case GW_STATUS_OFF_TRACK: return GW_MARKER_TRIANGLE_UP;
    case GW_STATUS_NO_GAP:    return GW_MARKER_SQUARE;
    case GW_STATUS_INSUFFICIENT_DATA:
    default:                  return GW_MARKER_CROSS;
    }
}

GwChartRole
gw_chart_status_role (GwTargetStatus status)
{
  switch (status)
    {
    case GW_STATUS_ON_TRACK:  return GW_CHART_ROLE_ON_TRACK;
    case GW_STATUS_OFF_TRACK: return GW_CHART_ROLE_OFF_TRACK;
    case GW_STATUS_NO_GAP:    return GW_CHART_ROLE_NO_GAP;
    case GW_STATUS_INSUFFICIENT_DATA:
    default:                  return GW_CHART_ROLE_INSUFFICIENT;
    }
}

char *
gw_chart_format_required (double required,
                          int    decimals)
{
  g_autofree char *n = NULL;

  if (!isfinite (required))
    return g_strdup ("–");
  /* "0.0%" would read as a narrowing still to do */
  if (required < 0.5 * pow (10, -decimals))
    return g_strdup (C_("required narrowing", "none"));
  n = gw_chart_format_number (required, decimals, FALSE);
  /* Translators: a percentage, "11.4%"; use your language's spacing. */
  return g_strdup_printf (_("%s%%"), n);
}

gint
gw_chart_find_country (GwDataset *dataset)
{
  return gw_dataset_get_country (dataset);
}

char *
gw_chart_source_text (GwDataset *dataset)
{
  GListModel *imports = gw_dataset_get_imports (dataset);
  g_autoptr(GPtrArray) publishers = g_ptr_array_new ();
  g_autoptr(GDateTime) latest = NULL;
  g_autofree char *joined = NULL, *date = NULL;
  guint n = g_list_model_get_n_items (imports);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GwImport) import = g_list_model_get_item (imports, i);
      const char *publisher = gw_import_get_publisher (import);
      GDateTime *generated = gw_import_get_generated (import);
      gboolean seen = FALSE;

      if (publisher != NULL && *publisher != '\0')
        {
          for (guint j = 0; j < publishers->len && !seen; j++)
            seen = strcmp (g_ptr_array_index (publishers, j), publisher) == 0;
          if (!seen)
            g_ptr_array_add (publishers, (gpointer) publisher);
        }
      if (generated != NULL && (latest == NULL || g_date_time_compare (generated, latest) > 0))
        {
          g_clear_pointer (&latest, g_date_time_unref);
          latest = g_date_time_ref (generated);
        }
    }
  g_ptr_array_add (publishers, NULL);
  joined = g_strjoinv ("; ", (char **) publishers->pdata);

  if (latest != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (latest);

      /* Translators: the date an export was generated, as g_date_time_format()
       * takes it; "%-d %B %Y" gives "12 July 2007". */
      date = g_date_time_format (local, C_("generated date", "%-d %B %Y"));
    }
  if (*joined != '\0' && date != NULL)
    /* Translators: the first %s is the publishers of the exports, the second
     * the date of the latest. */
    return g_strdup_printf (_("Source: %s. Data as at %s."), joined, date);
  if (date != NULL)
    return g_strdup_printf (_("Data as at %s."), date);
  if (*joined != '\0')
    return g_strdup_printf (_("Source: %s."), joined);
  return g_strdup ("");
}

/* --- object --------------------------------------------------------------- */

static void
gw_chart_finalize (GObject *object)
{
  GwChart *self = GW_CHART (object);

  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->source);
  g_free (self->description);
  g_clear_pointer (&self->legend, g_array_unref);
  if (self->data_free != NULL)
    g_clear_pointer (&self->data, self->data_free);
  g_clear_pointer (&self->row_codes, g_ptr_array_unref);
  g_clear_pointer (&self->frame, gw_chart_frame_free);

  G_OBJECT_CLASS (gw_chart_parent_class)->finalize (object);
}

static void
gw_chart_class_init (GwChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gw_chart_finalize;
}

static void
gw_chart_init (GwChart *self)
{
  self->legend = gw_legend_new ();
  self->n_rows = G_MAXUINT;
}

GwChart *
gw_chart_new_internal (GwChartKind kind)
{
  GwChart *self = g_object_new (GW_TYPE_CHART, NULL);

  self->kind = kind;
  return self;
}

/* --- the frame ------------------------------------------------------------ */

/* The frame's pieces at the canvas's width: their layouts and heights. */
typedef struct
{
  double        m, inner;
  double        title_h, sub_h, foot_h, legend_h;
  gboolean      with_sub, with_foot, with_legend;
  GArray       *legend;
  PangoLayout  *title, *sub, *foot;
} FrameParts;

static void
frame_parts_clear (FrameParts *f)
{
  g_clear_pointer (&f->legend, g_array_unref);
  g_clear_object (&f->title);
  g_clear_object (&f->sub);
  g_clear_object (&f->foot);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FrameParts, frame_parts_clear)

/* A legend may take this many rows: a narrow chart wraps it rather than
 * leave the reader guessing which line is which. */
#define LEGEND_MAX_ROWS 10

static gboolean
measure_frame (GwChart    *self,
               GwCanvas   *c,
               FrameParts *f)
{
  const double s = c->s;
  double w = c->width, h = c->height;

  memset (f, 0, sizeof *f);
  f->m = CLAMP (MIN (w, h) * 0.025, 4 * s, 14 * s);
  f->inner = w - 2 * f->m;
  if (f->inner < 10 * s)
    return FALSE;
  f->with_sub = self->subtitle != NULL && *self->subtitle != '\0';
  f->with_foot = self->source != NULL && *self->source != '\0' && !c->style->hide_source;
  f->legend = self->legend_for_style != NULL ? self->legend_for_style (self, c->style) : NULL;
  if (f->legend == NULL)
    f->legend = g_array_ref (self->legend);
  f->with_legend = f->legend->len > 0;

  f->title = gw_canvas_layout (c, self->title, GW_PT_TITLE, TRUE, f->inner, 2);
  gw_canvas_layout_size (f->title, NULL, &f->title_h);
  if (f->with_sub)
    {
      /* three lines: the Welsh gradient chart's, beside the table, ended
       * in "…" on two ("yw’r mynegai ll…") */
      g_autofree char *sub = gw_chart_join_ranges (self->subtitle);

      f->sub = gw_canvas_layout (c, sub, GW_PT_SUBTITLE, FALSE, f->inner, 3);
      gw_canvas_layout_size (f->sub, NULL, &f->sub_h);
    }
  if (f->with_foot)
    {
      f->foot = gw_canvas_layout (c, self->source, GW_PT_FOOTER, FALSE, f->inner, 2);
      gw_canvas_layout_size (f->foot, NULL, &f->foot_h);
    }
  if (f->with_legend)
    {
      f->legend_h = gw_legend_measure (c, f->legend, f->inner, LEGEND_MAX_ROWS);
      f->with_legend = f->legend_h > 0;
    }
  return TRUE;
}

static double
frame_used (const FrameParts *f,
            double            s)
{
  return 2 * f->m + f->title_h
         + (f->with_sub ? f->sub_h + 2 * s : 0)
         + (f->with_legend ? f->legend_h + 6 * s : 0)
         + (f->with_foot ? f->foot_h + 6 * s : 0)
         + 6 * s;
}

/* Below this height (points) a chart is a thumbnail: the lines alone. */
#define THUMBNAIL_HEIGHT_PT 170

static void
paint_chart (GwChart  *self,
             GwCanvas *c)
{
  const double s = c->s;
  double h = c->height;
  double m, inner, y, bottom;
  g_auto(FrameParts) f = { 0 };
  GwChartRect body;

  if (!measure_frame (self, c, &f) || h - 2 * f.m < 10 * s)
    return;
  m = f.m;
  inner = f.inner;
  y = m;
  bottom = h - m;

  /* give the body at least 60% of the height: drop the source line, then the
   * subtitle.  The legend says what the lines are, so it stays unless the
   * chart is a thumbnail or it would leave the body under a third. */
  for (;;)
    {
      double used = frame_used (&f, s);

      /* a body of 180 pt reads well whatever the frame takes */
      if (h - used >= h * 0.6 || h - used >= 180 * s)
        break;
      if (f.with_foot)
        f.with_foot = FALSE;
      else if (f.with_sub)
        f.with_sub = FALSE;
      else if (f.with_legend && !self->keep_legend && (h < THUMBNAIL_HEIGHT_PT * s || h - used < h / 3))
        f.with_legend = FALSE;
      else
        break;
    }

  gw_canvas_show (c, f.title, m, y, 0, 0, GW_CHART_ROLE_FOREGROUND);
  y += f.title_h;
  if (f.with_sub)
    {
      y += 2 * s;
      gw_canvas_show (c, f.sub, m, y, 0, 0, GW_CHART_ROLE_MUTED);
      y += f.sub_h;
    }
  if (f.with_legend)
    {
      y += 6 * s;
      gw_legend_paint (c, f.legend, m, y, inner);
      y += f.legend_h;
    }
  y += 6 * s;
  if (f.with_foot)
    {
      gw_canvas_show (c, f.foot, m, bottom, 0, 1.0, GW_CHART_ROLE_MUTED);
      bottom -= f.foot_h + 6 * s;
    }

  body.x = m;
  body.y = y;
  body.width = inner;
  body.height = bottom - y;
  if (body.height > 10 * s && self->paint_body != NULL)
    {
      cairo_save (c->cr);
      self->paint_body (self, c, &body);
      cairo_restore (c->cr);
    }
}

/**
 * gw_chart_render:
 * @self: a chart
 * @cr: where to paint: a widget snapshot's, a print page's, an export's
 * @style: palette, theme colours, font, and device units per point
 * @width: width of the chart in cr's user units
 * @height: its height
 *
 * Paints the chart in (0, 0, width, height).  Fills the background only when
 * the style has one.  Keeps the layout (panels, labels, tooltips) for
 * gw_chart_hit_test() at this size.
 */
void
gw_chart_render (GwChart            *self,
                 cairo_t            *cr,
                 const GwChartStyle *style,
                 double              width,
                 double              height)
{
  GwChartFrame *frame;
  GwCanvas c;

  g_return_if_fail (GW_IS_CHART (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);

  frame = gw_chart_frame_new (style, width, height);
  gw_canvas_init (&c, cr, style, width, height, frame);
  if (style->background.alpha > 0)
    {
      gw_canvas_set_colour (&c, GW_CHART_ROLE_BACKGROUND, 1.0);
      cairo_rectangle (cr, 0, 0, width, height);
      cairo_fill (cr);
    }
  if (width > 0 && height > 0)
    paint_chart (self, &c);
  gw_canvas_clear (&c);

  g_clear_pointer (&self->frame, gw_chart_frame_free);
  self->frame = frame;
}

/**
 * gw_chart_get_height_for_width:
 * @self: a chart
 * @style: how it will be drawn
 * @width: its width, device units
 * @body_height: the height its plots should have, device units
 *
 * The height at which the chart shows its title, subtitle, whole legend
 * (wrapped to width) and source line above and below a body of body_height:
 * what a widget asks for so that the legend is never left out.
 */
double
gw_chart_get_height_for_width (GwChart            *self,
                               const GwChartStyle *style,
                               double              width,
                               double              body_height)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  GwChartFrame *frame;
  GwCanvas c;
  g_auto(FrameParts) f = { 0 };
  double height = body_height;

  g_return_val_if_fail (GW_IS_CHART (self), body_height);
  g_return_val_if_fail (style != NULL, body_height);

  /* the margin depends on the height: measure at the body's, then once more */
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  for (guint pass = 0; pass < 2; pass++)
    {
      frame = gw_chart_frame_new (style, width, height);
      gw_canvas_init (&c, cr, style, width, height, frame);
      if (measure_frame (self, &c, &f))
        height = body_height + frame_used (&f, c.s);
      frame_parts_clear (&f);
      gw_canvas_clear (&c);
      gw_chart_frame_free (frame);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return ceil (height);
}

/* The layout at this size: the last painted one, or a paint on a recording
 * surface (nothing shown) to make it. */
static GwChartFrame *
ensure_frame (GwChart            *self,
              const GwChartStyle *style,
              double              width,
              double              height)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  if (self->frame != NULL && gw_chart_frame_matches (self->frame, style, width, height))
    return self->frame;

  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  gw_chart_render (self, cr, style, width, height);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return self->frame;
}

char *
gw_chart_hit_test (GwChart            *self,
                   const GwChartStyle *style,
                   double              width,
                   double              height,
                   double              x,
                   double              y)
{
  GwChartFrame *frame;
  const GwMark *best = NULL;
  double best_d = INFINITY;

  g_return_val_if_fail (GW_IS_CHART (self), NULL);
  g_return_val_if_fail (style != NULL, NULL);

  frame = ensure_frame (self, style, width, height);
  for (guint i = 0; i < frame->marks->len; i++)
    {
      const GwMark *m = &g_array_index (frame->marks, GwMark, i);
      double d;

      if (x < m->rect.x || x > m->rect.x + m->rect.width
          || y < m->rect.y || y > m->rect.y + m->rect.height)
        continue;
      d = hypot (x - m->cx, y - m->cy);
      if (d < best_d)
        {
          best_d = d;
          best = m;
        }
    }
  return best != NULL ? g_strdup (best->text) : NULL;
}

guint
gw_chart_get_n_panels (GwChart            *self,
                       const GwChartStyle *style,
                       double              width,
                       double              height)
{
  g_return_val_if_fail (GW_IS_CHART (self), 0);
  g_return_val_if_fail (style != NULL, 0);

  return ensure_frame (self, style, width, height)->panels->len;
}

gboolean
gw_chart_map_point (GwChart            *self,
                    const GwChartStyle *style,
                    double              width,
                    double              height,
                    guint               panel,
                    double              x,
                    double              y,
                    double             *device_x,
                    double             *device_y)
{
  GwChartFrame *frame;
  const GwPanelFrame *p;

  g_return_val_if_fail (GW_IS_CHART (self), FALSE);
  g_return_val_if_fail (style != NULL, FALSE);

  frame = ensure_frame (self, style, width, height);
  if (panel >= frame->panels->len)
    return FALSE;
  p = &g_array_index (frame->panels, GwPanelFrame, panel);
  if (device_x != NULL)
    *device_x = gw_axis_map (&p->x, x);
  if (device_y != NULL)
    *device_y = gw_axis_map (&p->y, y);
  return TRUE;
}

gboolean
gw_chart_get_plot_rect (GwChart            *self,
                        const GwChartStyle *style,
                        double              width,
                        double              height,
                        guint               panel,
                        GwChartRect        *out)
{
  GwChartFrame *frame;

  g_return_val_if_fail (GW_IS_CHART (self), FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  frame = ensure_frame (self, style, width, height);
  if (panel >= frame->panels->len)
    return FALSE;
  *out = g_array_index (frame->panels, GwPanelFrame, panel).plot;
  return TRUE;
}

static void
clear_label_copy (gpointer p)
{
  g_free (((GwChartLabel *) p)->text);
}

GArray *
gw_chart_get_labels (GwChart            *self,
                     const GwChartStyle *style,
                     double              width,
                     double              height)
{
  GwChartFrame *frame;
  GArray *out;

  g_return_val_if_fail (GW_IS_CHART (self), NULL);
  g_return_val_if_fail (style != NULL, NULL);

  frame = ensure_frame (self, style, width, height);
  out = g_array_sized_new (FALSE, TRUE, sizeof (GwChartLabel), frame->labels->len);
  g_array_set_clear_func (out, clear_label_copy);
  for (guint i = 0; i < frame->labels->len; i++)
    {
      GwChartLabel l = g_array_index (frame->labels, GwChartLabel, i);

      l.text = g_strdup (l.text);
      g_array_append_val (out, l);
    }
  return out;
}

const char *const *
gw_chart_get_row_codes (GwChart *self,
                        guint    panel)
{
  g_return_val_if_fail (GW_IS_CHART (self), NULL);

  if (self->row_codes == NULL || panel >= self->row_codes->len)
    return NULL;
  return g_ptr_array_index (self->row_codes, panel);
}

/**
 * gw_chart_set_row_range:
 * @self: an all-areas chart (GW_CHART_COMPARE)
 * @first_row: the first rank shown, from 0
 * @n_rows: how many ranks the plot has room for; G_MAXUINT for all
 *
 * Shows one page's worth of rows of a comparison cut onto several pages,
 * each page with the chart's title, legend, panel headings and axes.  The
 * next render, hit test and layout query use the range.
 */
void
gw_chart_set_row_range (GwChart *self,
                        guint    first_row,
                        guint    n_rows)
{
  g_return_if_fail (GW_IS_CHART (self));
  g_return_if_fail (self->kind == GW_CHART_COMPARE);
  g_return_if_fail (n_rows > 0);

  if (self->first_row == first_row && self->n_rows == n_rows)
    return;
  self->first_row = first_row;
  self->n_rows = n_rows;
  /* the kept layout was for other rows */
  g_clear_pointer (&self->frame, gw_chart_frame_free);
}

GwChartKind
gw_chart_get_kind (GwChart *self)
{
  g_return_val_if_fail (GW_IS_CHART (self), GW_CHART_TREND);
  return self->kind;
}

const char *
gw_chart_get_title (GwChart *self)
{
  g_return_val_if_fail (GW_IS_CHART (self), NULL);
  return self->title;
}

const char *
gw_chart_get_subtitle (GwChart *self)
{
  g_return_val_if_fail (GW_IS_CHART (self), NULL);
  return self->subtitle;
}

const char *
gw_chart_get_source (GwChart *self)
{
  g_return_val_if_fail (GW_IS_CHART (self), NULL);
  return self->source;
}

const char *
gw_chart_get_description (GwChart *self)
{
  g_return_val_if_fail (GW_IS_CHART (self), NULL);
  return self->description;
}

/* --- export --------------------------------------------------------------- */

static gboolean
write_failed (const char  *path,
              int          saved_errno,
              GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               _("Could not write “%s”: %s"), display, g_strerror (saved_errno));
  return FALSE;
}

gboolean
_gw_render_write_file (const char  *path,
                       const void  *data,
                       gsize        len,
                       GError     **error)
{
  g_autofree char *tmp = NULL;
  const guint8 *p = data;
  int fd, saved;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  /* g_file_set_contents() would do the same, but its errors name the
   * temporary file ("…/chart.png.5XQ2K1"), a name the user never gave */
  tmp = g_strconcat (path, ".XXXXXX", NULL);
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    return write_failed (path, errno, error);
  while (len > 0)
    {
      gssize n = write (fd, p, MIN (len, (gsize) G_MAXSSIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n == 0)
        errno = EIO;
      if (n <= 0)
        goto fail;
      p += n;
      len -= n;
    }
  /* on disk before it replaces the old file: a crash leaves one or the other */
  if (fsync (fd) != 0)
    goto fail;
  if (close (fd) != 0)
    {
      fd = -1;
      goto fail;
    }
  fd = -1;
  if (g_rename (tmp, path) != 0)
    goto fail;
  return TRUE;

fail:
  saved = errno != 0 ? errno : EIO;
  if (fd >= 0)
    close (fd);
  g_unlink (tmp);
  return write_failed (path, saved, error);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

typedef enum
{
  FORMAT_NONE,
  FORMAT_PNG,
  FORMAT_SVG,
  FORMAT_PDF,
} Format;

static Format
format_for_path (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".png"))
    return FORMAT_PNG;
  if (g_str_has_suffix (lower, ".svg"))
    return FORMAT_SVG;
  if (g_str_has_suffix (lower, ".pdf"))
    return FORMAT_PDF;
  return FORMAT_NONE;
}

/* Cairo writes glyphs as outlines, so an SVG has no text a screen reader or
 * a search finds: give it the title and description SVG defines for that
 * (SVG 1.1, 5.4), as the first children of the root element. */
static void
svg_add_title (GByteArray *svg,
               GwChart    *self)
{
  const char *start = (const char *) svg->data;
  const char *root = g_strstr_len (start, svg->len, "<svg");
  const char *end;
  g_autofree char *title = NULL, *desc = NULL, *insert = NULL;
  gsize at;

  if (root == NULL)
    return;
  end = memchr (root, '>', svg->len - (root - start));
  if (end == NULL)
    return;
  at = end - start + 1;
  title = g_markup_escape_text (self->title != NULL ? self->title : "", -1);
  desc = g_markup_escape_text (self->description != NULL ? self->description : "", -1);
  insert = g_strdup_printf ("\n<title>%s</title>\n<desc>%s</desc>", title, desc);
  g_byte_array_set_size (svg, svg->len + strlen (insert));
  memmove (svg->data + at + strlen (insert), svg->data + at, svg->len - strlen (insert) - at);
  memcpy (svg->data + at, insert, strlen (insert));
}

/**
 * gw_chart_export:
 * @self: a chart
 * @style: how to draw; for SVG and PDF its scale is taken as 1 (points)
 * @path: the file to write, ending in .png, .svg or .pdf
 * @width: pixels (PNG) or points (SVG, PDF)
 * @height: the same
 * @error: GW_CHART_ERROR_FORMAT for another extension, GW_CHART_ERROR_WRITE
 *   when cairo fails, or a GFileError when the file cannot be written
 *
 * Writes the chart with an opaque background (the style's, else white or,
 * dark, near-black), replacing path atomically.
 */
gboolean
gw_chart_export (GwChart             *self,
                 const GwChartStyle  *style,
                 const char          *path,
                 double               width,
                 double               height,
                 GError             **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  GwChartStyle st;
  GwChartColour bg;
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  cairo_t *cr;
  Format format;

  g_return_val_if_fail (GW_IS_CHART (self), FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  format = format_for_path (path);
  if (format == FORMAT_NONE)
    {
      g_set_error (error, GW_CHART_ERROR, GW_CHART_ERROR_FORMAT,
                   _("Cannot tell the format of “%s”: name it .png, .svg or .pdf"), path);
      return FALSE;
    }
  if (!(width >= 16 && height >= 16 && width <= 20000 && height <= 20000))
    {
      g_set_error (error, GW_CHART_ERROR, GW_CHART_ERROR_FORMAT,
                   _("A chart must be between 16 and 20,000 units wide and high, not %g × %g"),
                   width, height);
      return FALSE;
    }
  if (format == FORMAT_PNG && ceil (width) * ceil (height) > GW_CHART_MAX_PNG_PIXELS)
    {
      g_set_error (error, GW_CHART_ERROR, GW_CHART_ERROR_FORMAT,
                   _("A PNG chart may have at most %d megapixels, not %g × %g pixels"),
                   GW_CHART_MAX_PNG_PIXELS / 1000000, ceil (width), ceil (height));
      return FALSE;
    }

  st = *style;
  switch (format)
    {
    case FORMAT_PNG:
      width = ceil (width);
      height = ceil (height);
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width, (int) height);
      break;
    case FORMAT_SVG:
      st.scale = 1.0;
      surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PT);
      break;
    case FORMAT_PDF:
      st.scale = 1.0;
      surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
      if (self->description != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, self->description);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Gapwatch " GW_VERSION);
      break;
    case FORMAT_NONE:
    default:
      g_assert_not_reached ();
    }

  cr = cairo_create (surface);
  gw_chart_style_get_colour (&st, GW_CHART_ROLE_BACKGROUND, &bg);
  cairo_set_source_rgb (cr, bg.red, bg.green, bg.blue);
  cairo_paint (cr);
  if (st.background.alpha <= 0)
    st.background = bg;
  st.background.alpha = 1.0;
  gw_chart_render (self, cr, &st, width, height);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, GW_CHART_ERROR, GW_CHART_ERROR_WRITE,
                   _("Could not draw the chart for “%s”: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  if (format == FORMAT_SVG)
    svg_add_title (bytes, self);

  return _gw_render_write_file (path, bytes->data, bytes->len, error);
}

void
gw_chart_release_fonts (void)
{
  /* in this order: Pango's font map holds cairo font faces, which hold
   * fontconfig patterns */
  pango_cairo_font_map_set_default (NULL);
  cairo_debug_reset_static_data ();
  FcFini ();
}
