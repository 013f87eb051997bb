/* gw-preferences.c: the preferences dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Palette, confidence level and default target, each written to GwSettings
 * (and so to GSettings) the moment it is chosen; every window follows the
 * settings.  A change from elsewhere (dconf, another window) shows here too.
 */
#include "gw-config.h"

#include <glib/gi18n.h>

#include "gw-preferences.h"

struct _GwPreferences
{
  GtkWindow    parent_instance;

  /* template widgets */
  GtkDropDown *level_dropdown;
  GtkDropDown *palette_dropdown;
  GtkLabel    *palette_description;
  GtkDropDown *target_dropdown;

  /* owned */
  GwSettings  *settings;
  GPtrArray   *targets;      /* GwTarget, as in target_dropdown */
  gboolean     loading;
  gboolean     saving;
};

G_DEFINE_FINAL_TYPE (GwPreferences, gw_preferences, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* In the order of the dropdown. */
static const char *const palettes[] = { "standard", "colour-blind", "greyscale" };

static const char *
palette_description (guint index)
{
  switch (index)
    {
    case 1:  return _("Colours told apart with every kind of colour vision (Okabe and Ito).");
    case 2:  return _("Shades of grey, with line styles and markers: for black-and-white printing.");
    default: return _("The application’s usual colours.");
    }
}

static void
gw_preferences_load (GwPreferences *self)
{
  const char *palette = gw_settings_get_palette (self->settings);
  const char *default_target = gw_settings_get_default_target (self->settings);
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  guint palette_index = 0, target_index = 0;

  self->loading = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (palettes); i++)
    if (g_strcmp0 (palette, palettes[i]) == 0)
      palette_index = i;
  gtk_drop_down_set_selected (self->palette_dropdown, palette_index);
  gtk_label_set_label (self->palette_description, palette_description (palette_index));

  gtk_drop_down_set_selected (self->level_dropdown,
                              gw_settings_get_confidence_level (self->settings) > 97.0 ? 1 : 0);

  g_clear_pointer (&self->targets, g_ptr_array_unref);
  /* The built-in targets, and the one chosen in a window when it is a
   * workspace's (the workspaces keep their own targets). */
  self->targets = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_target_free);
  for (const char *const *id = gw_target_builtin_names (); *id != NULL; id++)
    g_ptr_array_add (self->targets, gw_target_new_builtin (*id));
  if (default_target != NULL && !g_strv_contains (gw_target_builtin_names (), default_target))
    g_ptr_array_add (self->targets, gw_target_new (default_target));
  for (guint i = 0; i < self->targets->len; i++)
    {
      const GwTarget *target = g_ptr_array_index (self->targets, i);

      gtk_string_list_append (titles, target->title != NULL ? target->title : target->name);
      if (g_strcmp0 (target->name, default_target) == 0)
        target_index = i;
    }
  gtk_drop_down_set_model (self->target_dropdown, G_LIST_MODEL (titles));
  gtk_drop_down_set_selected (self->target_dropdown, target_index);

  self->loading = FALSE;
}

static void
on_palette_dropdown_selected_cb (GwPreferences *self)
{
  guint index = gtk_drop_down_get_selected (self->palette_dropdown);

  if (self->loading || index >= G_N_ELEMENTS (palettes))
    return;

  gtk_label_set_label (self->palette_description, palette_description (index));
  self->saving = TRUE;
  gw_settings_set_palette (self->settings, palettes[index]);
  self->saving = FALSE;
}

static void
on_level_dropdown_selected_cb (GwPreferences *self)
{
  if (self->loading)
    return;

  self->saving = TRUE;
  gw_settings_set_confidence_level (self->settings,
                                    gtk_drop_down_get_selected (self->level_dropdown) == 1 ? 99.8 : 95.0);
  self->saving = FALSE;
}

static void
on_target_dropdown_selected_cb (GwPreferences *self)
{
  guint index = gtk_drop_down_get_selected (self->target_dropdown);

  if (self->loading || self->targets == NULL || index >= self->targets->len)
    return;

  self->saving = TRUE;
  gw_settings_set_default_target (self->settings,
                                  ((GwTarget *) g_ptr_array_index (self->targets, index))->name);
  self->saving = FALSE;
}

static void
on_settings_changed_cb (GwPreferences *self)
{
  /* Our own change: the controls already show it (and reloading a
   * dropdown's model inside its own "notify::selected" would free it). */
  if (self->saving)
    return;

  gw_preferences_load (self);
}

/* GObject */

static void
gw_preferences_constructed (GObject *object)
{
  GwPreferences *self = GW_PREFERENCES (object);

  G_OBJECT_CLASS (gw_preferences_parent_class)->constructed (object);

  g_assert (GW_IS_SETTINGS (self->settings));

  gw_preferences_load (self);
  g_signal_connect_object (self->settings, "notify::palette",
                           G_CALLBACK (on_settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "notify::confidence-level",
                           G_CALLBACK (on_settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "notify::default-target",
                           G_CALLBACK (on_settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "notify::targets",
                           G_CALLBACK (on_settings_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
gw_preferences_dispose (GObject *object)
{
  GwPreferences *self = (GwPreferences *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), GW_TYPE_PREFERENCES);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->targets, g_ptr_array_unref);

  G_OBJECT_CLASS (gw_preferences_parent_class)->dispose (object);
}

static void
gw_preferences_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GwPreferences *self = GW_PREFERENCES (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_preferences_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GwPreferences *self = GW_PREFERENCES (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_preferences_class_init (GwPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = gw_preferences_constructed;
  object_class->dispose = gw_preferences_dispose;
  object_class->get_property = gw_preferences_get_property;
  object_class->set_property = gw_preferences_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         GW_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, GW_RESOURCE_PREFIX "ui/gw-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, GwPreferences, level_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwPreferences, palette_description);
  gtk_widget_class_bind_template_child (widget_class, GwPreferences, palette_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwPreferences, target_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, on_level_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_palette_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_target_dropdown_selected_cb);
}

static void
gw_preferences_init (GwPreferences *self)
{
  const char *palette_names[] = { _("Standard"), _("Colour-blind safe"), _("Greyscale"), NULL };
  /* xgettext:no-c-format */
  const char *level_95 = _("95%");
  /* xgettext:no-c-format */
  const char *level_998 = _("99.8%");
  const char *levels[] = { level_95, level_998, NULL };
  g_autoptr(GtkStringList) palette_list = gtk_string_list_new (palette_names);
  g_autoptr(GtkStringList) level_list = gtk_string_list_new (levels);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->loading = TRUE;
  gtk_drop_down_set_model (self->palette_dropdown, G_LIST_MODEL (palette_list));
  gtk_drop_down_set_model (self->level_dropdown, G_LIST_MODEL (level_list));
  self->loading = FALSE;
}

/**
 * gw_preferences_new:
 * @settings: the settings to show and change
 *
 * Returns: (transfer floating): the preferences dialog.
 */
GtkWidget *
gw_preferences_new (GwSettings *settings)
{
  g_return_val_if_fail (GW_IS_SETTINGS (settings), NULL);

  return g_object_new (GW_TYPE_PREFERENCES, "settings", settings, NULL);
}
