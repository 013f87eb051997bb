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

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "gw-summary-strip");
}

static void
gw_summary_strip_init (GwSummaryStrip *self)
{
  self->filter = GW_TRACKER_FILTER_ALL;
  /* the parts as close as the words of a sentence */
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 2);
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
