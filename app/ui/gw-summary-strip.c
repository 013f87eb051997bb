/* gw-summary-strip.c: the tracker's counts of areas, as filter buttons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gw-config.h"

#include <glib/gi18n.h>

#include "gw-summary-strip.h"
#include "gw-ui-text.h"

struct _GwSummaryStrip
{
  GtkWidget         parent_instance;

  /* owned */
  GwTrackerSummary  summary;
  guint             n_areas;
  gboolean          single;
  GwTrackerFilter   filter;
  gboolean          updating_buttons;

  /* borrowed: children */
  GtkToggleButton  *filter_buttons[GW_TRACKER_N_FILTERS];
  GtkWidget        *filter_separators[GW_TRACKER_N_FILTERS];
};

G_DEFINE_FINAL_TYPE (GwSummaryStrip, gw_summary_strip, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FILTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const filter_css[GW_TRACKER_N_FILTERS] = {
  "gw-filter-all", "gw-filter-both", "gw-filter-men-only", "gw-filter-women-only",
  "gw-filter-neither", "gw-filter-insufficient", "gw-filter-uncertain",
};


static void
sync_buttons (GwSummaryStrip *self)
{
  self->updating_buttons = TRUE;
  for (guint f = 0; f < GW_TRACKER_N_FILTERS; f++)
    gtk_toggle_button_set_active (self->filter_buttons[f], self->filter == f);
  self->updating_buttons = FALSE;
}

static void
on_filter_button_toggled_cb (GtkToggleButton *button,
                             GwSummaryStrip  *self)
{
  GwTrackerFilter filter = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "gw-filter"));

  if (self->updating_buttons)
    return;

  /* Clicking the part shown again shows all the areas again. */
  if (gtk_toggle_button_get_active (button))
    gw_summary_strip_set_filter (self, filter);
  else if (self->filter == filter)
    gw_summary_strip_set_filter (self, GW_TRACKER_FILTER_ALL);
}

static GtkWidget *
strip_append (GwSummaryStrip *self,
              GtkWidget     *widget)
{
  gtk_widget_set_parent (widget, GTK_WIDGET (self));
  return widget;
}

static void
build_strip (GwSummaryStrip *self)
{
  for (guint f = 0; f < GW_TRACKER_N_FILTERS; f++)
    {
      GtkWidget *button = gtk_toggle_button_new ();
      GtkWidget *label = gtk_label_new (NULL);

      if (f == GW_TRACKER_FILTER_UNCERTAIN)
        {
          GtkWidget *separator = gtk_separator_new (GTK_ORIENTATION_VERTICAL);

          gtk_widget_set_margin_start (separator, 4);
          gtk_widget_set_margin_end (separator, 4);
          self->filter_separators[f] = strip_append (self, separator);
        }
      else if (f > GW_TRACKER_FILTER_BOTH)
        {
          /* A middle dot between the parts, as the sentence reads. */
          GtkWidget *dot = gtk_label_new ("·");

          gtk_widget_add_css_class (dot, "dim-label");
          g_object_set (dot, "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
          self->filter_separators[f] = strip_append (self, dot);
        }

      gtk_widget_add_css_class (label, "gw-numeric");
      if (f == GW_TRACKER_FILTER_UNCERTAIN)
        {
          /* Across the categories, so apart from them; its icon is the
           * table's beside an uncertain status. */
          GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
          GtkWidget *image = gtk_image_new_from_icon_name (gw_ui_certainty_icon (GW_CERTAINTY_UNCERTAIN));

          g_object_set (image, "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
          gtk_box_append (GTK_BOX (box), image);
          gtk_box_append (GTK_BOX (box), label);
          gtk_button_set_child (GTK_BUTTON (button), box);
        }
      else
        gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "gw-filter-button");
      gtk_widget_add_css_class (button, filter_css[f]);
      g_object_set_data (G_OBJECT (button), "gw-filter", GUINT_TO_POINTER (f));
      g_signal_connect (button, "toggled", G_CALLBACK (on_filter_button_toggled_cb), self);
      strip_append (self, button);
      self->filter_buttons[f] = GTK_TOGGLE_BUTTON (button);

      if (f == GW_TRACKER_FILTER_ALL)
        {
          GtkWidget *separator = gtk_separator_new (GTK_ORIENTATION_VERTICAL);

          gtk_widget_set_margin_start (separator, 4);
          gtk_widget_set_margin_end (separator, 4);
          strip_append (self, separator);
        }
    }

  sync_buttons (self);
}

static void
set_button (GwSummaryStrip  *self,
            GwTrackerFilter  filter,
            const char      *text,
            const char      *tooltip,
            gboolean         visible)
{
  GtkWidget *button = GTK_WIDGET (self->filter_buttons[filter]);
  GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

  if (GTK_IS_BOX (label))
    label = gtk_widget_get_last_child (label);
  gtk_label_set_label (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_visible (button, visible);
  if (self->filter_separators[filter] != NULL)
    gtk_widget_set_visible (self->filter_separators[filter], visible);
}

static void
update_strip (GwSummaryStrip *self)
{
  const GwTrackerSummary *s = &self->summary;
  gboolean single = self->single;
  g_autofree char *all = NULL, *both = NULL, *men = NULL, *women = NULL;
  g_autofree char *neither = NULL, *insufficient = NULL, *uncertain = NULL;

  all = g_strdup_printf (ngettext ("All %u area", "All %u areas", self->n_areas), self->n_areas);
  if (single)
    {
      /* Translators: a part of the summary strip, "49 of 70 on track". */
      both = g_strdup_printf (ngettext ("%u of %u on track", "%u of %u on track", self->n_areas),
                              s->both, self->n_areas);
      /* Translators: a part of the summary strip, "21 off track". */
      neither = g_strdup_printf (ngettext ("%u off track", "%u off track", s->neither), s->neither);
    }
  else
    {
      /* Translators: the first part of the summary strip, "13 of 70 on track for both"
       * (men and women). */
      both = g_strdup_printf (ngettext ("%u of %u on track for both", "%u of %u on track for both",
                                        self->n_areas),
                              s->both, self->n_areas);
      /* Translators: a part of the summary strip, areas on track for men only. */
      men = g_strdup_printf (ngettext ("%u men only", "%u men only", s->men_only), s->men_only);
      /* Translators: a part of the summary strip, areas on track for women only. */
      women = g_strdup_printf (ngettext ("%u women only", "%u women only", s->women_only), s->women_only);
      /* Translators: a part of the summary strip, areas on track for neither sex. */
      neither = g_strdup_printf (ngettext ("%u neither", "%u neither", s->neither), s->neither);
    }
  insufficient = g_strdup_printf (ngettext ("%u insufficient data", "%u insufficient data",
                                            s->insufficient_data),
                                  s->insufficient_data);

  /* Translators: a part of the summary strip, areas with a status too close
   * to call (the target inside the projection's 95% interval). */
  uncertain = g_strdup_printf (ngettext ("%u uncertain", "%u uncertain", s->uncertain), s->uncertain);

  set_button (self, GW_TRACKER_FILTER_ALL, all, _("Show every area"), TRUE);
  set_button (self, GW_TRACKER_FILTER_BOTH, both,
              single ? _("Show only the areas on track")
                     : _("Show only the areas on track for both men and women"),
              TRUE);
  set_button (self, GW_TRACKER_FILTER_MEN_ONLY, men != NULL ? men : "",
              _("Show only the areas on track for men but not for women"), !single);
  set_button (self, GW_TRACKER_FILTER_WOMEN_ONLY, women != NULL ? women : "",
              _("Show only the areas on track for women but not for men"), !single);
  set_button (self, GW_TRACKER_FILTER_NEITHER, neither,
              single ? _("Show only the areas off track")
                     : _("Show only the areas on track for neither men nor women"),
              TRUE);
  set_button (self, GW_TRACKER_FILTER_INSUFFICIENT, insufficient,
              _("Show only the areas without enough data to project"),
              s->insufficient_data > 0);
  set_button (self, GW_TRACKER_FILTER_UNCERTAIN, uncertain,
              _("Show only the areas with a status too close to call: the target lies inside the projection’s prediction interval"),
              TRUE);
}

/* Layout: the parts wrap onto more lines when the strip is narrower than
 * its sentence (a narrow window, the longer Welsh parts), so that every
 * filter stays in sight and can be clicked; scrolling sideways hid the
 * last ones.  A line breaks only before a button: the dot or separator
 * after a part stays at the end of its line, as a sentence runs on. */

/* the parts as close as the words of a sentence */
#define STRIP_SPACING 2
#define STRIP_LINE_SPACING 2

static gboolean
is_part (GtkWidget *child)
{
  return GTK_IS_TOGGLE_BUTTON (child);
}

/* The natural width of the part starting at child (the button and the
 * dots or separators after it), and the first child of the next part. */
static int
measure_part (GtkWidget  *child,
              GtkWidget **next,
              int        *height)
{
  int width = 0;

  *height = 0;
  for (GtkWidget *c = child; c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      int nat_w, nat_h;

      if (c != child && is_part (c) && gtk_widget_get_visible (c))
        {
          *next = c;
          return width;
        }
      if (!gtk_widget_get_visible (c))
        continue;
      gtk_widget_measure (c, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &nat_w, NULL, NULL);
      gtk_widget_measure (c, GTK_ORIENTATION_VERTICAL, -1, NULL, &nat_h, NULL, NULL);
      width += (width > 0 ? STRIP_SPACING : 0) + nat_w;
      *height = MAX (*height, nat_h);
    }
  *next = NULL;
  return width;
}

static GtkWidget *
first_part (GwSummaryStrip *self)
{
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (gtk_widget_get_visible (c))
      return c;
  return NULL;
}

/* Lays the parts out in lines of at most width pixels (width < 0: one
 * line); the height they take, and in *line_width the widest line.
 * offset >= 0: also places the children, offset pixels down. */
static int
flow_parts (GwSummaryStrip *self,
            int             width,
            int             offset,
            int            *widest_line)
{
  GtkWidget *part = first_part (self);
  int y = 0;

  if (widest_line != NULL)
    *widest_line = 0;
  while (part != NULL)
    {
      GtkWidget *line_end = NULL, *next;
      int line_width = 0, line_height = 0, x = 0;

      for (GtkWidget *p = part; p != NULL; p = next)
        {
          int part_height;
          int part_width = measure_part (p, &next, &part_height);

          if (line_width > 0 && width >= 0 && line_width + STRIP_SPACING + part_width > width)
            break;
          line_width += (line_width > 0 ? STRIP_SPACING : 0) + part_width;
          line_height = MAX (line_height, part_height);
          line_end = next;
        }
      if (widest_line != NULL)
        *widest_line = MAX (*widest_line, line_width);

      for (GtkWidget *c = part; offset >= 0 && c != line_end; c = gtk_widget_get_next_sibling (c))
        {
          int nat_w, nat_h;

          if (!gtk_widget_get_visible (c))
            continue;
          gtk_widget_measure (c, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &nat_w, NULL, NULL);
          gtk_widget_measure (c, GTK_ORIENTATION_VERTICAL, nat_w, NULL, &nat_h, NULL, NULL);
          x += (x > 0 ? STRIP_SPACING : 0);
          gtk_widget_size_allocate (c, &(GtkAllocation) { x, offset + y + (line_height - nat_h) / 2,
                                                          nat_w, nat_h }, -1);
          x += nat_w;
        }
      y += line_height + STRIP_LINE_SPACING;
      part = line_end;
    }

  return y > 0 ? y - STRIP_LINE_SPACING : 0;
}

static GtkSizeRequestMode
gw_summary_strip_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
gw_summary_strip_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  GwSummaryStrip *self = GW_SUMMARY_STRIP (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      GtkWidget *next;
      int widest = 0, height, sentence;

      /* At the least the widest part; at best the whole sentence. */
      for (GtkWidget *part = first_part (self); part != NULL; part = next)
        widest = MAX (widest, measure_part (part, &next, &height));
      flow_parts (self, -1, -1, &sentence);
      *minimum = widest;
      *natural = MAX (widest, sentence);
    }
  else
    {
      *minimum = *natural = flow_parts (self, for_size, -1, NULL);
    }
}

static void
gw_summary_strip_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  GwSummaryStrip *self = GW_SUMMARY_STRIP (widget);
  int taken = flow_parts (self, width, -1, NULL);

  /* the lines centred in the strip's height */
  flow_parts (self, width, MAX (0, (height - taken) / 2), NULL);
}

static void
gw_summary_strip_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (gw_summary_strip_parent_class)->dispose (object);
}

static void
gw_summary_strip_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GwSummaryStrip *self = GW_SUMMARY_STRIP (object);

  switch (prop_id)
    {
    case PROP_FILTER:
      g_value_set_int (value, self->filter);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_summary_strip_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  GwSummaryStrip *self = GW_SUMMARY_STRIP (object);

  switch (prop_id)
    {
    case PROP_FILTER:
      gw_summary_strip_set_filter (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_summary_strip_class_init (GwSummaryStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gw_summary_strip_dispose;
  object_class->get_property = gw_summary_strip_get_property;
  object_class->set_property = gw_summary_strip_set_property;

  properties[PROP_FILTER] =
    g_param_spec_int ("filter", NULL, NULL, 0, GW_TRACKER_N_FILTERS - 1, GW_TRACKER_FILTER_ALL,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->get_request_mode = gw_summary_strip_get_request_mode;
  widget_class->measure = gw_summary_strip_measure;
  widget_class->size_allocate = gw_summary_strip_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "gw-summary-strip");
}

static void
gw_summary_strip_init (GwSummaryStrip *self)
{
  self->filter = GW_TRACKER_FILTER_ALL;
  build_strip (self);
  update_strip (self);
}

GtkWidget *
gw_summary_strip_new (void)
{
  return g_object_new (GW_TYPE_SUMMARY_STRIP, NULL);
}

void
gw_summary_strip_set_summary (GwSummaryStrip         *self,
                              const GwTrackerSummary *summary,
                              guint                   n_areas,
                              gboolean                single)
{
  g_return_if_fail (GW_IS_SUMMARY_STRIP (self));
  g_return_if_fail (summary != NULL);

  self->summary = *summary;
  self->n_areas = n_areas;
  self->single = single;
  update_strip (self);
}

GwTrackerFilter
gw_summary_strip_get_filter (GwSummaryStrip *self)
{
  g_return_val_if_fail (GW_IS_SUMMARY_STRIP (self), GW_TRACKER_FILTER_ALL);
  return self->filter;
}

void
gw_summary_strip_set_filter (GwSummaryStrip  *self,
                             GwTrackerFilter  filter)
{
  g_return_if_fail (GW_IS_SUMMARY_STRIP (self));
  g_return_if_fail (filter < GW_TRACKER_N_FILTERS);

  if (self->filter != filter)
    {
      self->filter = filter;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
    }
  sync_buttons (self);
}

gboolean
gw_summary_strip_has_filter (GwSummaryStrip  *self,
                             GwTrackerFilter  filter)
{
  g_return_val_if_fail (GW_IS_SUMMARY_STRIP (self), FALSE);
  g_return_val_if_fail (filter < GW_TRACKER_N_FILTERS, FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->filter_buttons[filter]));
}
