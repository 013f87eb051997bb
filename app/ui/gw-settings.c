/* gw-settings.c: the application's GSettings, as properties views bind to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each property is bound to the key of the same name of the
 * io.github.gapwatch.Gapwatch schema (data/io.github.gapwatch.Gapwatch.gschema.xml),
 * so a view can g_object_bind_property() to it and a change from dconf shows
 * up as a notify.
 */
#include "gw-config.h"

#include "gw-settings.h"

struct _GwSettings
{
  GObject    parent_instance;

  /* owned */
  GSettings *settings;
  char      *last_import_folder;
  int        window_width;
  int        window_height;
  gboolean   window_maximized;
};

G_DEFINE_FINAL_TYPE (GwSettings, gw_settings, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WINDOW_WIDTH,
  PROP_WINDOW_HEIGHT,
  PROP_WINDOW_MAXIMIZED,
  PROP_LAST_IMPORT_FOLDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
gw_settings_finalize (GObject *object)
{
  GwSettings *self = (GwSettings *) object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->last_import_folder, g_free);

  G_OBJECT_CLASS (gw_settings_parent_class)->finalize (object);
}

static void
gw_settings_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  GwSettings *self = GW_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_WINDOW_WIDTH:
      g_value_set_int (value, self->window_width);
      break;
    case PROP_WINDOW_HEIGHT:
      g_value_set_int (value, self->window_height);
      break;
    case PROP_WINDOW_MAXIMIZED:
      g_value_set_boolean (value, self->window_maximized);
      break;
    case PROP_LAST_IMPORT_FOLDER:
      g_value_set_string (value, self->last_import_folder);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_settings_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  GwSettings *self = GW_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_WINDOW_WIDTH:
      if (self->window_width != g_value_get_int (value))
        {
          self->window_width = g_value_get_int (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_WINDOW_HEIGHT:
      if (self->window_height != g_value_get_int (value))
        {
          self->window_height = g_value_get_int (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_WINDOW_MAXIMIZED:
      if (self->window_maximized != g_value_get_boolean (value))
        {
          self->window_maximized = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_LAST_IMPORT_FOLDER:
      /* g_set_str() is newer than GLib 2.74. */
      if (g_strcmp0 (self->last_import_folder, g_value_get_string (value)) != 0)
        {
          g_free (self->last_import_folder);
          self->last_import_folder = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_settings_class_init (GwSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gw_settings_finalize;
  object_class->get_property = gw_settings_get_property;
  object_class->set_property = gw_settings_set_property;

  properties[PROP_WINDOW_WIDTH] =
    g_param_spec_int ("window-width", NULL, NULL,
                      0, G_MAXINT, 1100,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_WINDOW_HEIGHT] =
    g_param_spec_int ("window-height", NULL, NULL,
                      0, G_MAXINT, 760,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_WINDOW_MAXIMIZED] =
    g_param_spec_boolean ("window-maximized", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LAST_IMPORT_FOLDER] =
    g_param_spec_string ("last-import-folder", NULL, NULL,
                         "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gw_settings_init (GwSettings *self)
{
  static const char * const keys[] = {
    "window-width", "window-height", "window-maximized", "last-import-folder",
  };

  self->last_import_folder = g_strdup ("");
  self->settings = g_settings_new (GW_APP_ID);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_bind (self->settings, keys[i], self, keys[i], G_SETTINGS_BIND_DEFAULT);
}

/**
 * gw_settings_new:
 *
 * Returns: (transfer full): the settings of io.github.gapwatch.Gapwatch.  The
 * schema must be installed, or GSETTINGS_SCHEMA_DIR point at the build's data/.
 */
GwSettings *
gw_settings_new (void)
{
  return g_object_new (GW_TYPE_SETTINGS, NULL);
}

int
gw_settings_get_window_width (GwSettings *self)
{
  g_return_val_if_fail (GW_IS_SETTINGS (self), 0);

  return self->window_width;
}

int
gw_settings_get_window_height (GwSettings *self)
{
  g_return_val_if_fail (GW_IS_SETTINGS (self), 0);

  return self->window_height;
}

gboolean
gw_settings_get_window_maximized (GwSettings *self)
{
  g_return_val_if_fail (GW_IS_SETTINGS (self), FALSE);

  return self->window_maximized;
}

/**
 * gw_settings_save_window_state:
 * @width: the unmaximized width, in application pixels
 * @height: the unmaximized height, in application pixels
 * @maximized: whether the window is maximized
 *
 * Remembers the window's state for the next start.  Writes the three keys
 * at once so that a reader never sees a half-updated state.
 */
void
gw_settings_save_window_state (GwSettings *self,
                               int         width,
                               int         height,
                               gboolean    maximized)
{
  g_return_if_fail (GW_IS_SETTINGS (self));

  g_settings_delay (self->settings);
  g_object_set (self,
                "window-width", MAX (width, 0),
                "window-height", MAX (height, 0),
                "window-maximized", maximized,
                NULL);
  g_settings_apply (self->settings);
}

/**
 * gw_settings_dup_last_import_folder:
 *
 * Returns: (transfer full) (nullable): the folder of the last import, or
 * %NULL when none was saved.
 */
GFile *
gw_settings_dup_last_import_folder (GwSettings *self)
{
  g_return_val_if_fail (GW_IS_SETTINGS (self), NULL);

  if (self->last_import_folder == NULL || self->last_import_folder[0] == '\0')
    return NULL;

  return g_file_new_for_path (self->last_import_folder);
}

void
gw_settings_set_last_import_folder (GwSettings *self,
                                    GFile      *folder)
{
  g_autofree char *path = NULL;

  g_return_if_fail (GW_IS_SETTINGS (self));
  g_return_if_fail (folder == NULL || G_IS_FILE (folder));

  if (folder != NULL)
    path = g_file_get_path (folder);

  g_object_set (self, "last-import-folder", path != NULL ? path : "", NULL);
}
