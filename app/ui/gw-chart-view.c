/* gw-chart-view.c: a chart of app/render on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * House style 12-13: the widget's snapshot hands a Cairo node to the one
 * painter, gw_chart_render(), with a style made from the theme (text colour,
 * font, dark or light) and the palette of the preferences; tooltips ask the
 * chart's own hit test at the same size, so they match what was drawn.  The
 * chart's description is the accessible description: a screen reader hears
 * the numbers the picture shows.
 */
#include "gw-config.h"

#include <glib/gi18n.h>

#include "gw-chart-view.h"

struct _GwChartView
{
  GtkWidget       parent_instance;

  /* owned */
  GwChart        *chart;
  char           *font_family;
  GwChartPalette  palette;
  double          confidence_level;
};

G_DEFINE_FINAL_TYPE (GwChartView, gw_chart_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHART,
  PROP_PALETTE,
  PROP_CONFIDENCE_LEVEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Dark when the user asked for it, or the theme is a dark variant. */
static gboolean
is_dark (GtkWidget *widget)
{
  GtkSettings *settings = gtk_widget_get_settings (widget);
  g_autofree char *theme = NULL;
  gboolean prefer_dark = FALSE;

  g_object_get (settings,
                "gtk-application-prefer-dark-theme", &prefer_dark,
                "gtk-theme-name", &theme,
                NULL);

  return prefer_dark || (theme != NULL && g_str_has_suffix (theme, "-dark"));
}

void
gw_chart_view_get_style (GwChartView  *self,
                         GwChartStyle *style)
{
  GtkStyleContext *context;
  GdkRGBA colour;

  g_return_if_fail (GW_IS_CHART_VIEW (self));
  g_return_if_fail (style != NULL);

  gw_chart_style_init (style, self->palette);
  style->confidence_level = self->confidence_level;

  /* GTK 4.8 has no gtk_widget_get_color() yet. */
  context = gtk_widget_get_style_context (GTK_WIDGET (self));
  gtk_style_context_get_color (context, &colour);
  /* Light text is a dark theme too (GTK_THEME=Adwaita:dark sets no setting). */
  style->dark = is_dark (GTK_WIDGET (self))
                || 0.2126 * colour.red + 0.7152 * colour.green + 0.0722 * colour.blue > 0.5;
  style->foreground = (GwChartColour) { colour.red, colour.green, colour.blue, colour.alpha };
  /* The widget's own background shows through. */
  style->background = (GwChartColour) { 0, 0, 0, 0 };

  if (self->font_family == NULL)
    {
      PangoContext *pango = gtk_widget_get_pango_context (GTK_WIDGET (self));
      PangoFontDescription *font = pango_context_get_font_description (pango);

      if (font != NULL && pango_font_description_get_family (font) != NULL)
        self->font_family = g_strdup (pango_font_description_get_family (font));
    }
  style->font_family = self->font_family;
  /* Cairo units here are logical pixels: 96 of them to the inch. */
  style->scale = 96.0 / 72.0;
}

static void
gw_chart_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  GwChartView *self = GW_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GwChartStyle style;
  cairo_t *cr;

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;

  gw_chart_view_get_style (self, &style);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gw_chart_render (self->chart, cr, &style, width, height);
  cairo_destroy (cr);
}

static gboolean
on_query_tooltip_cb (GtkWidget  *widget,
                     int         x,
                     int         y,
                     gboolean    keyboard,
                     GtkTooltip *tooltip,
                     gpointer    user_data)
{
  GwChartView *self = GW_CHART_VIEW (widget);
  GwChartStyle style;
  g_autofree char *text = NULL;

  if (self->chart == NULL || keyboard)
    return FALSE;

  gw_chart_view_get_style (self, &style);
  text = gw_chart_hit_test (self->chart, &style,
                            gtk_widget_get_width (widget), gtk_widget_get_height (widget),
                            x, y);
  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
gw_chart_view_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  GwChartView *self = GW_CHART_VIEW (widget);

  GTK_WIDGET_CLASS (gw_chart_view_parent_class)->css_changed (widget, change);

  /* The font or colours may have changed with the theme. */
  g_clear_pointer (&self->font_family, g_free);
  gtk_widget_queue_draw (widget);
}

static GtkSizeRequestMode
gw_chart_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* The plots' own height: small enough to sit beside the table, large
 * enough to read, and at least the 180 pt (240 px) below which the
 * painter gives the subtitle and source line up for the plots
 * (gw-chart.c): with a long area name the title took two lines and the
 * chart lost what its gap is measured against and its target. */
#define MIN_WIDTH 280
#define BODY_HEIGHT 244

static void
gw_chart_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  GwChartView *self = GW_CHART_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN_WIDTH;
      *natural = 520;
    }
  else if (self->chart != NULL)
    {
      GwChartStyle style;
      int narrowest;

      /* Tall enough for the whole legend wrapped at this width: a narrow
       * chart grows rather than leave out which line is which.  GTK wants
       * the height with no width given to be the most any width needs:
       * that of the narrowest, which no other width may exceed. */
      gw_chart_view_get_style (self, &style);
      narrowest = MAX (240, (int) gw_chart_get_height_for_width (self->chart, &style, MIN_WIDTH, BODY_HEIGHT));
      if (for_size > 0)
        *minimum = MIN (narrowest, MAX (240, (int) gw_chart_get_height_for_width (self->chart, &style,
                                                                                  MAX (for_size, MIN_WIDTH),
                                                                                  BODY_HEIGHT)));
      else
        *minimum = narrowest;
      *natural = *minimum;
    }
  else
    {
      *minimum = 240;
      *natural = 320;
    }
}

static void
gw_chart_view_dispose (GObject *object)
{
  GwChartView *self = (GwChartView *) object;

  g_clear_object (&self->chart);
  g_clear_pointer (&self->font_family, g_free);

  G_OBJECT_CLASS (gw_chart_view_parent_class)->dispose (object);
}

static void
gw_chart_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GwChartView *self = GW_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      g_value_set_object (value, self->chart);
      break;
    case PROP_PALETTE:
      g_value_set_int (value, self->palette);
      break;
    case PROP_CONFIDENCE_LEVEL:
      g_value_set_double (value, self->confidence_level);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_chart_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GwChartView *self = GW_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      gw_chart_view_set_chart (self, g_value_get_object (value));
      break;
    case PROP_PALETTE:
      gw_chart_view_set_palette (self, g_value_get_int (value));
      break;
    case PROP_CONFIDENCE_LEVEL:
      gw_chart_view_set_confidence_level (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_chart_view_class_init (GwChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gw_chart_view_dispose;
  object_class->get_property = gw_chart_view_get_property;
  object_class->set_property = gw_chart_view_set_property;

  widget_class->snapshot = gw_chart_view_snapshot;
  widget_class->get_request_mode = gw_chart_view_get_request_mode;
  widget_class->measure = gw_chart_view_measure;
  widget_class->css_changed = gw_chart_view_css_changed;

  properties[PROP_CHART] =
    g_param_spec_object ("chart", NULL, NULL,
                         GW_TYPE_CHART,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PALETTE] =
    g_param_spec_int ("palette", NULL, NULL,
                      GW_CHART_PALETTE_STANDARD, GW_CHART_PALETTE_GREYSCALE,
                      GW_CHART_PALETTE_STANDARD,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CONFIDENCE_LEVEL] =
    g_param_spec_double ("confidence-level", NULL, NULL,
                         50.0, 99.99, 95.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "gwchartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
on_pressed_cb (GtkGestureClick *gesture,
               int              n_press,
               double           x,
               double           y,
               GwChartView     *self)
{
  /* Clicking a chart chooses it for Print. */
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
gw_chart_view_init (GwChartView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->confidence_level = 95.0;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);

  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
gw_chart_view_new (void)
{
  return g_object_new (GW_TYPE_CHART_VIEW, NULL);
}

GwChart *
gw_chart_view_get_chart (GwChartView *self)
{
  g_return_val_if_fail (GW_IS_CHART_VIEW (self), NULL);

  return self->chart;
}

/**
 * gw_chart_view_set_chart:
 * @chart: (nullable): the chart to show
 *
 * Shows @chart; a screen reader reads its title as the name and its
 * description (the numbers, in sentences) as the description.
 */
void
gw_chart_view_set_chart (GwChartView *self,
                         GwChart     *chart)
{
  g_return_if_fail (GW_IS_CHART_VIEW (self));
  g_return_if_fail (chart == NULL || GW_IS_CHART (chart));

  if (!g_set_object (&self->chart, chart))
    return;

  if (chart != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, gw_chart_get_title (chart),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, gw_chart_get_description (chart),
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

  /* another chart has another legend: the height follows */
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART]);
}

GwChartPalette
gw_chart_view_get_palette (GwChartView *self)
{
  g_return_val_if_fail (GW_IS_CHART_VIEW (self), GW_CHART_PALETTE_STANDARD);

  return self->palette;
}

void
gw_chart_view_set_palette (GwChartView    *self,
                           GwChartPalette  palette)
{
  g_return_if_fail (GW_IS_CHART_VIEW (self));

  if (self->palette == palette)
    return;

  self->palette = palette;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PALETTE]);
}

double
gw_chart_view_get_confidence_level (GwChartView *self)
{
  g_return_val_if_fail (GW_IS_CHART_VIEW (self), 95.0);

  return self->confidence_level;
}

/**
 * gw_chart_view_set_confidence_level:
 * @level: percent, 95 or 99.8 (the `confidence-level` setting)
 *
 * The limits the charts draw, where they draw any.
 */
void
gw_chart_view_set_confidence_level (GwChartView *self,
                                    double       level)
{
  g_return_if_fail (GW_IS_CHART_VIEW (self));

  if (self->confidence_level == level)
    return;

  self->confidence_level = level;
  /* the legend names the level */
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFIDENCE_LEVEL]);
}
