/* gw-tracker-cell.c: a cell of the tracker table, two lines of text drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table keeps about 200 rows bound whatever it shows (GTK 4.8's list
 * view), so every sort, filter and search binds some 2,000 cells again, and
 * a filter that brings rows back sets up as many.  As a box of two labels a
 * cell is three widgets, three CSS nodes and two layouts made at each bind:
 * 0.2 s of a core for 150 areas.  This cell is one widget that keeps its
 * strings and lays them out only when it is drawn, so binding a row that is
 * off screen costs two string copies.  Its height is fixed
 * (gw_tracker_cell_row_height) so the pinned area column and the scrolling
 * columns beside it have rows of one height.
 */
#include "gw-config.h"

#include "gw-tracker-cell.h"

/* Adwaita's dim-label */
#define SUBTITLE_ALPHA 0.55f
/* CSS "smaller" */
#define SUBTITLE_SCALE (1 / 1.2)
/* a status icon's size: the status cells' lines are at least this tall */
#define ICON_SIZE 16

struct _GwTrackerCell
{
  GtkWidget    parent_instance;

  /* owned */
  char        *text;
  char        *subtitle;
  char        *tooltip;
  PangoLayout *layout;            /* NULL until drawn, or after a change */
  PangoLayout *subtitle_layout;
  float        xalign;
};

G_DEFINE_FINAL_TYPE (GwTrackerCell, gw_tracker_cell, GTK_TYPE_WIDGET)

static void
clear_layouts (GwTrackerCell *self)
{
  g_clear_object (&self->layout);
  g_clear_object (&self->subtitle_layout);
}

/* The font's line height, in pixels, for the last font asked about: each
 * cell asks, and all but the group's row share a font. */
static int
line_height (GtkWidget *widget)
{
  static PangoFontDescription *cached_font;
  static int cached_height;
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  PangoFontMetrics *metrics;

  if (cached_font != NULL && font != NULL && pango_font_description_equal (cached_font, font))
    return cached_height;

  metrics = pango_context_get_metrics (context, font, NULL);
  cached_height = PANGO_PIXELS_CEIL (pango_font_metrics_get_height (metrics));
  if (cached_height <= 0)
    cached_height = PANGO_PIXELS_CEIL (pango_font_metrics_get_ascent (metrics)
                                       + pango_font_metrics_get_descent (metrics));
  pango_font_metrics_unref (metrics);
  g_clear_pointer (&cached_font, pango_font_description_free);
  if (font != NULL)
    cached_font = pango_font_description_copy (font);
  return cached_height;
}

int
gw_tracker_cell_row_height (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), 0);

  return 2 * MAX (ICON_SIZE, line_height (widget));
}

static PangoLayout *
make_layout (GwTrackerCell *self,
             const char    *text,
             gboolean       subtitle,
             int            width)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  if (subtitle)
    {
      PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
      PangoFontDescription *font = pango_font_description_copy (pango_context_get_font_description (context));

      pango_font_description_set_size (font, (int) (pango_font_description_get_size (font) * SUBTITLE_SCALE));
      pango_font_description_set_weight (font, PANGO_WEIGHT_NORMAL);
      pango_layout_set_font_description (layout, font);
      pango_font_description_free (font);
    }
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  return layout;
}

static void
draw_line (GwTrackerCell *self,
           GtkSnapshot   *snapshot,
           PangoLayout   *layout,
           int            width,
           int            top,
           int            height,
           const GdkRGBA *color)
{
  int text_width, text_height;
  float x;

  pango_layout_get_pixel_size (layout, &text_width, &text_height);
  x = MAX (0, (width - text_width) * self->xalign);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, top + (height - text_height) / 2.0f));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
gw_tracker_cell_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  GwTrackerCell *self = GW_TRACKER_CELL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int half = height / 2;
  GdkRGBA color, dim;

  if (width <= 0 || height <= 0)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  dim = color;
  dim.alpha *= SUBTITLE_ALPHA;

  /* A resized column lays the text out again, to ellipsize it. */
  if (self->layout != NULL && pango_layout_get_width (self->layout) != width * PANGO_SCALE)
    clear_layouts (self);

  if (self->text != NULL && self->text[0] != '\0')
    {
      if (self->layout == NULL)
        self->layout = make_layout (self, self->text, FALSE, width);
      draw_line (self, snapshot, self->layout, width, 0, half, &color);
    }
  if (self->subtitle != NULL && self->subtitle[0] != '\0')
    {
      if (self->subtitle_layout == NULL)
        self->subtitle_layout = make_layout (self, self->subtitle, TRUE, width);
      draw_line (self, snapshot, self->subtitle_layout, width, half, height - half, &dim);
    }
}

static void
gw_tracker_cell_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  /* The columns have fixed widths; the text ellipsizes to fit. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = 0;
  else
    *minimum = *natural = gw_tracker_cell_row_height (widget);
}

static gboolean
gw_tracker_cell_query_tooltip (GtkWidget  *widget,
                               int         x,
                               int         y,
                               gboolean    keyboard_tooltip,
                               GtkTooltip *tooltip)
{
  GwTrackerCell *self = GW_TRACKER_CELL (widget);

  if (self->tooltip == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, self->tooltip);
  return TRUE;
}

static void
gw_tracker_cell_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (gw_tracker_cell_parent_class)->css_changed (widget, change);

  /* The font, weight or colour may be another (the group's row is bold). */
  clear_layouts (GW_TRACKER_CELL (widget));
  gtk_widget_queue_resize (widget);
}

static void
gw_tracker_cell_finalize (GObject *object)
{
  GwTrackerCell *self = (GwTrackerCell *) object;

  clear_layouts (self);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->tooltip, g_free);

  G_OBJECT_CLASS (gw_tracker_cell_parent_class)->finalize (object);
}

static void
gw_tracker_cell_class_init (GwTrackerCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = gw_tracker_cell_finalize;
  widget_class->snapshot = gw_tracker_cell_snapshot;
  widget_class->measure = gw_tracker_cell_measure;
  widget_class->query_tooltip = gw_tracker_cell_query_tooltip;
  widget_class->css_changed = gw_tracker_cell_css_changed;

  gtk_widget_class_set_css_name (widget_class, "gwtrackercell");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
gw_tracker_cell_init (GwTrackerCell *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
gw_tracker_cell_new (float xalign)
{
  GwTrackerCell *self = g_object_new (GW_TYPE_TRACKER_CELL, NULL);

  self->xalign = CLAMP (xalign, 0.0f, 1.0f);
  return GTK_WIDGET (self);
}

void
gw_tracker_cell_set (GwTrackerCell *self,
                     const char    *text,
                     const char    *subtitle,
                     const char    *tooltip)
{
  g_autofree char *label = NULL;

  g_return_if_fail (GW_IS_TRACKER_CELL (self));

  if (g_strcmp0 (self->text, text) == 0 && g_strcmp0 (self->subtitle, subtitle) == 0)
    {
      g_free (self->tooltip);
      self->tooltip = g_strdup (tooltip);
      return;
    }

  g_free (self->text);
  self->text = g_strdup (text);
  g_free (self->subtitle);
  self->subtitle = g_strdup (subtitle);
  g_free (self->tooltip);
  self->tooltip = g_strdup (tooltip);
  clear_layouts (self);

  /* What a screen reader reads: what is drawn. */
  label = g_strjoin (" ", text != NULL ? text : "", subtitle != NULL ? subtitle : "", NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, g_strstrip (label), -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
gw_tracker_cell_get_text (GwTrackerCell *self)
{
  g_return_val_if_fail (GW_IS_TRACKER_CELL (self), NULL);

  return self->text;
}

const char *
gw_tracker_cell_get_subtitle (GwTrackerCell *self)
{
  g_return_val_if_fail (GW_IS_TRACKER_CELL (self), NULL);

  return self->subtitle;
}

const char *
gw_tracker_cell_get_tooltip (GwTrackerCell *self)
{
  g_return_val_if_fail (GW_IS_TRACKER_CELL (self), NULL);

  return self->tooltip;
}

float
gw_tracker_cell_get_xalign (GwTrackerCell *self)
{
  g_return_val_if_fail (GW_IS_TRACKER_CELL (self), 0.0f);

  return self->xalign;
}
