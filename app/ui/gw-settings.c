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

#include <math.h>
#include <string.h>

#include "gw-settings.h"

struct _GwSettings
{
  GObject    parent_instance;

  /* owned */
  GSettings *settings;
  char      *last_import_folder;
  char      *last_workspace;
  GStrv      recent_workspaces;
  GStrv      tracker_columns;
  int        window_width;
  int        window_height;
  gboolean   window_maximized;
  char      *palette;
  char      *confidence_level;
  char      *default_target;
  GVariant  *targets;           /* aa{sv} */
};

G_DEFINE_FINAL_TYPE (GwSettings, gw_settings, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WINDOW_WIDTH,
  PROP_WINDOW_HEIGHT,
  PROP_WINDOW_MAXIMIZED,
  PROP_LAST_IMPORT_FOLDER,
  PROP_LAST_WORKSPACE,
  PROP_RECENT_WORKSPACES,
  PROP_TRACKER_COLUMNS,
  PROP_PALETTE,
  PROP_CONFIDENCE_LEVEL,
  PROP_DEFAULT_TARGET,
  PROP_TARGETS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* g_set_str() is newer than GLib 2.74. */
static void
set_string (GwSettings   *self,
            char        **field,
            const GValue *value,
            GParamSpec   *pspec)
{
  const char *text = g_value_get_string (value);

  if (g_strcmp0 (*field, text) == 0)
    return;

  g_free (*field);
  *field = g_strdup (text != NULL ? text : "");
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
set_strv (GwSettings   *self,
          GStrv        *field,
          const GValue *value,
          GParamSpec   *pspec)
{
  const char * const *list = g_value_get_boxed (value);
  const char * const none[] = { NULL };

  if (list == NULL)
    list = none;
  if (*field != NULL && g_strv_equal ((const char * const *) *field, list))
    return;

  g_strfreev (*field);
  *field = g_strdupv ((char **) list);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static gboolean
variant_get_mapping (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  g_value_set_variant (value, variant);
  return TRUE;
}

static GVariant *
variant_set_mapping (const GValue       *value,
                     const GVariantType *expected_type,
                     gpointer            user_data)
{
  GVariant *variant = g_value_get_variant (value);

  if (variant == NULL || !g_variant_is_of_type (variant, expected_type))
    return NULL;
  return g_variant_ref (variant);
}

static void
gw_settings_finalize (GObject *object)
{
  GwSettings *self = (GwSettings *) object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->last_import_folder, g_free);
  g_clear_pointer (&self->last_workspace, g_free);
  g_clear_pointer (&self->recent_workspaces, g_strfreev);
  g_clear_pointer (&self->tracker_columns, g_strfreev);
  g_clear_pointer (&self->palette, g_free);
  g_clear_pointer (&self->confidence_level, g_free);
  g_clear_pointer (&self->default_target, g_free);
  g_clear_pointer (&self->targets, g_variant_unref);

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
    case PROP_LAST_WORKSPACE:
      g_value_set_string (value, self->last_workspace);
      break;
    case PROP_RECENT_WORKSPACES:
      g_value_set_boxed (value, self->recent_workspaces);
      break;
    case PROP_TRACKER_COLUMNS:
      g_value_set_boxed (value, self->tracker_columns);
      break;
    case PROP_PALETTE:
      g_value_set_string (value, self->palette);
      break;
    case PROP_CONFIDENCE_LEVEL:
      g_value_set_string (value, self->confidence_level);
      break;
    case PROP_DEFAULT_TARGET:
      g_value_set_string (value, self->default_target);
      break;
    case PROP_TARGETS:
      g_value_set_variant (value, self->targets);
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
      set_string (self, &self->last_import_folder, value, pspec);
      break;
    case PROP_LAST_WORKSPACE:
      set_string (self, &self->last_workspace, value, pspec);
      break;
    case PROP_RECENT_WORKSPACES:
      set_strv (self, &self->recent_workspaces, value, pspec);
      break;
    case PROP_TRACKER_COLUMNS:
      set_strv (self, &self->tracker_columns, value, pspec);
      break;
    case PROP_PALETTE:
      set_string (self, &self->palette, value, pspec);
      break;
    case PROP_CONFIDENCE_LEVEL:
      set_string (self, &self->confidence_level, value, pspec);
      break;
    case PROP_DEFAULT_TARGET:
      set_string (self, &self->default_target, value, pspec);
      break;
    case PROP_TARGETS:
      {
        GVariant *targets = g_value_get_variant (value);

        if (targets == NULL || !g_variant_is_of_type (targets, G_VARIANT_TYPE ("aa{sv}")))
          targets = g_variant_new ("aa{sv}", NULL);
        if (self->targets == NULL || !g_variant_equal (self->targets, targets))
          {
            g_clear_pointer (&self->targets, g_variant_unref);
            self->targets = g_variant_ref_sink (targets);
            g_object_notify_by_pspec (object, pspec);
          }
        else if (g_variant_is_floating (targets))
          g_variant_unref (g_variant_ref_sink (targets));
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
                      0, G_MAXINT, 680,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_WINDOW_MAXIMIZED] =
    g_param_spec_boolean ("window-maximized", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LAST_IMPORT_FOLDER] =
    g_param_spec_string ("last-import-folder", NULL, NULL,
                         "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LAST_WORKSPACE] =
    g_param_spec_string ("last-workspace", NULL, NULL,
                         "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RECENT_WORKSPACES] =
    g_param_spec_boxed ("recent-workspaces", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_TRACKER_COLUMNS] =
    g_param_spec_boxed ("tracker-columns", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_PALETTE] =
    g_param_spec_string ("palette", NULL, NULL,
                         "standard",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CONFIDENCE_LEVEL] =
    g_param_spec_string ("confidence-level", NULL, NULL,
                         "95",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DEFAULT_TARGET] =
    g_param_spec_string ("default-target", NULL, NULL,
                         "le-2010",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TARGETS] =
    g_param_spec_variant ("targets", NULL, NULL,
                          G_VARIANT_TYPE ("aa{sv}"), NULL,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gw_settings_init (GwSettings *self)
{
  static const char * const keys[] = {
    "window-width", "window-height", "window-maximized", "last-import-folder",
    "last-workspace", "recent-workspaces", "palette", "confidence-level", "default-target",
    "tracker-columns",
  };

  self->last_import_folder = g_strdup ("");
  self->last_workspace = g_strdup ("");
  self->recent_workspaces = g_new0 (char *, 1);
  self->tracker_columns = g_new0 (char *, 1);
  self->palette = g_strdup ("standard");
  self->confidence_level = g_strdup ("95");
  self->default_target = g_strdup ("le-2010");
  self->targets = g_variant_ref_sink (g_variant_new ("aa{sv}", NULL));
  self->settings = g_settings_new (GW_APP_ID);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_bind (self->settings, keys[i], self, keys[i], G_SETTINGS_BIND_DEFAULT);
  /* The default mapping has no GVariant properties: the value as it is. */
  g_settings_bind_with_mapping (self->settings, "targets", self, "targets", G_SETTINGS_BIND_DEFAULT,
                                variant_get_mapping, variant_set_mapping, NULL, NULL);
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

/**
 * gw_settings_dup_export_folder:
 * @kind: "report", "chart", "csv" or "print"
 *
 * Where a save dialog for this kind of file opens: the folder one was last
 * saved in when it still exists, else the Documents folder (else home).
 *
 * Returns: (transfer full): the folder
 */
GFile *
gw_settings_dup_export_folder (GwSettings *self,
                               const char *kind)
{
  g_autofree char *path = NULL;
  const char *documents;

  g_return_val_if_fail (GW_IS_SETTINGS (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  {
    g_autoptr(GVariant) folders = g_settings_get_value (self->settings, "export-folders");

    g_variant_lookup (folders, kind, "s", &path);
  }
  if (path != NULL && g_file_test (path, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (path);
  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (documents);
  return g_file_new_for_path (g_get_home_dir ());
}

/* Remembers folder for the kind's next save dialog. */
void
gw_settings_set_export_folder (GwSettings *self,
                               const char *kind,
                               GFile      *folder)
{
  g_autoptr(GVariant) old = NULL;
  g_autofree char *path = NULL;
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{ss}"));
  GVariantIter iter;
  const char *key, *value;

  g_return_if_fail (GW_IS_SETTINGS (self));
  g_return_if_fail (kind != NULL);
  g_return_if_fail (G_IS_FILE (folder));

  path = g_file_get_path (folder);
  if (path == NULL)
    return;
  old = g_settings_get_value (self->settings, "export-folders");
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    if (g_strcmp0 (key, kind) != 0)
      g_variant_builder_add (&builder, "{ss}", key, value);
  g_variant_builder_add (&builder, "{ss}", kind, path);
  g_settings_set_value (self->settings, "export-folders", g_variant_builder_end (&builder));
}

/**
 * gw_settings_dup_last_workspace:
 *
 * Returns: (transfer full) (nullable): the path of the workspace that was
 * open last, or %NULL for the default workspace.
 */
char *
gw_settings_dup_last_workspace (GwSettings *self)
{
  g_return_val_if_fail (GW_IS_SETTINGS (self), NULL);

  if (self->last_workspace == NULL || self->last_workspace[0] == '\0')
    return NULL;
  return g_strdup (self->last_workspace);
}

/**
 * gw_settings_set_last_workspace:
 * @path: (nullable): the workspace file open now; %NULL for the default
 */
void
gw_settings_set_last_workspace (GwSettings *self,
                                const char *path)
{
  g_return_if_fail (GW_IS_SETTINGS (self));

  g_object_set (self, "last-workspace", path != NULL ? path : "", NULL);
}

/**
 * gw_settings_dup_recent_workspaces:
 *
 * Returns: (transfer full): the workspace files opened most recently that
 * still exist, the most recent first, at most
 * %GW_SETTINGS_MAX_RECENT_WORKSPACES.
 */
GStrv
gw_settings_dup_recent_workspaces (GwSettings *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  g_return_val_if_fail (GW_IS_SETTINGS (self), NULL);

  for (guint i = 0; self->recent_workspaces != NULL && self->recent_workspaces[i] != NULL; i++)
    {
      const char *path = self->recent_workspaces[i];

      /* A file moved or deleted since: not offered. */
      if (n < GW_SETTINGS_MAX_RECENT_WORKSPACES && g_path_is_absolute (path)
          && g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          g_strv_builder_add (builder, path);
          n++;
        }
    }
  return g_strv_builder_end (builder);
}

/**
 * gw_settings_add_recent_workspace:
 * @path: an absolute path of a workspace file just opened
 *
 * Puts @path first in `recent-workspaces`, without the files that no longer
 * exist, and keeps at most %GW_SETTINGS_MAX_RECENT_WORKSPACES.
 */
void
gw_settings_add_recent_workspace (GwSettings *self,
                                  const char *path)
{
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;
  guint n = 1;

  g_return_if_fail (GW_IS_SETTINGS (self));
  g_return_if_fail (path != NULL);

  old = gw_settings_dup_recent_workspaces (self);
  g_strv_builder_add (builder, path);
  for (guint i = 0; old[i] != NULL && n < GW_SETTINGS_MAX_RECENT_WORKSPACES; i++)
    {
      if (g_strcmp0 (old[i], path) == 0)
        continue;
      g_strv_builder_add (builder, old[i]);
      n++;
    }
  list = g_strv_builder_end (builder);
  g_object_set (self, "recent-workspaces", list, NULL);
}

const char *
gw_settings_get_palette (GwSettings *self)
{
  g_return_val_if_fail (GW_IS_SETTINGS (self), NULL);

  return self->palette;
}

void
gw_settings_set_palette (GwSettings *self,
                         const char *palette)
{
  g_return_if_fail (GW_IS_SETTINGS (self));
  g_return_if_fail (palette != NULL);

  g_object_set (self, "palette", palette, NULL);
}

/**
 * gw_settings_get_confidence_level:
 *
 * Returns: the level of the confidence intervals shown, in percent: 95 or 99.8.
 */
double
gw_settings_get_confidence_level (GwSettings *self)
{
  g_return_val_if_fail (GW_IS_SETTINGS (self), 95.0);

  return g_strcmp0 (self->confidence_level, "99.8") == 0 ? 99.8 : 95.0;
}

/**
 * gw_settings_set_confidence_level:
 * @level: 95 or 99.8 (percent); anything above 97 is taken as 99.8
 */
void
gw_settings_set_confidence_level (GwSettings *self,
                                  double      level)
{
  g_return_if_fail (GW_IS_SETTINGS (self));

  g_object_set (self, "confidence-level", level > 97.0 ? "99.8" : "95", NULL);
}

/**
 * gw_settings_get_tracker_columns:
 *
 * Returns: (transfer none): the measures the tracker table shows for each
 * sex ("status", "latest-gap", ...; "notify::tracker-columns").
 */
const char * const *
gw_settings_get_tracker_columns (GwSettings *self)
{
  g_return_val_if_fail (GW_IS_SETTINGS (self), NULL);

  return (const char * const *) self->tracker_columns;
}

void
gw_settings_set_tracker_columns (GwSettings         *self,
                                 const char * const *columns)
{
  g_return_if_fail (GW_IS_SETTINGS (self));

  g_object_set (self, "tracker-columns", columns, NULL);
}

const char *
gw_settings_get_default_target (GwSettings *self)
{
  g_return_val_if_fail (GW_IS_SETTINGS (self), NULL);

  return self->default_target;
}

void
gw_settings_set_default_target (GwSettings *self,
                                const char *name)
{
  g_return_if_fail (GW_IS_SETTINGS (self));
  g_return_if_fail (name != NULL);

  g_object_set (self, "default-target", name, NULL);
}

/* Targets in the key `targets`: one a{sv} each, with text for what has a
 * spelling in the export contract or the CLI (periods, gap, method), so that
 * `gsettings get` reads like `gapwatch-cli track --help`. */


/* A target of the key, or NULL when it has no name: a value written by hand
 * with dconf may miss any key, so each falls back to the default target's. */
static GwTarget *
target_from_variant (GVariant *variant)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (variant);
  g_autoptr(GwTarget) target = NULL;
  const char *text = NULL;
  double reduction;

  if (!g_variant_dict_lookup (&dict, "name", "&s", &text) || text[0] == '\0')
    return NULL;

  target = gw_target_new_builtin ("le-2010");
  g_free (target->name);
  target->name = g_strdup (text);

  if (g_variant_dict_lookup (&dict, "title", "&s", &text) && text[0] != '\0')
    {
      g_free (target->title);
      target->title = g_strdup (text);
    }
  else
    {
      g_free (target->title);
      target->title = g_strdup (target->name);
    }
  if (g_variant_dict_lookup (&dict, "indicator", "&s", &text) && text[0] != '\0')
    {
      g_free (target->indicator);
      target->indicator = g_strdup (text);
    }
  if (g_variant_dict_lookup (&dict, "group", "&s", &text) && text[0] != '\0')
    {
      g_free (target->group);
      target->group = g_strdup (text);
    }
  if (g_variant_dict_lookup (&dict, "comparator", "&s", &text))
    {
      g_free (target->comparator);
      target->comparator = text[0] != '\0' ? g_strdup (text) : NULL;
    }
  if (g_variant_dict_lookup (&dict, "gap", "&s", &text))
    gw_gap_measure_parse (text, &target->gap);
  if (g_variant_dict_lookup (&dict, "baseline", "&s", &text))
    gw_period_parse (text, &target->baseline);
  if (g_variant_dict_lookup (&dict, "target-period", "&s", &text))
    gw_period_parse (text, &target->target_period);
  if (g_variant_dict_lookup (&dict, "reduction", "d", &reduction)
      && isfinite (reduction) && reduction >= 0.0 && reduction <= 1.0)
    target->reduction = reduction;
  if (g_variant_dict_lookup (&dict, "sexes", "&s", &text))
    target->sexes = g_strcmp0 (text, "persons") == 0
                    ? 1u << GW_SEX_PERSONS
                    : (1u << GW_SEX_MALE) | (1u << GW_SEX_FEMALE);
  if (g_variant_dict_lookup (&dict, "method", "&s", &text))
    gw_projection_parse (text, &target->method);

  return g_steal_pointer (&target);
}

/**
 * gw_settings_take_targets:
 *
 * Targets are kept in the workspace now; earlier versions kept the edited
 * ones in the key `targets`.  Returns those (valid ones, built-ins' names
 * left out) and empties the key, so that they move only once.
 *
 * Returns: (transfer full) (element-type GwTarget): the targets the key had
 */
GPtrArray *
gw_settings_take_targets (GwSettings *self)
{
  const char * const *builtins = gw_target_builtin_names ();
  GPtrArray *targets = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_target_free);
  GVariantIter iter;
  GVariant *child;

  g_return_val_if_fail (GW_IS_SETTINGS (self), targets);

  g_variant_iter_init (&iter, self->targets);
  while ((child = g_variant_iter_next_value (&iter)) != NULL)
    {
      GwTarget *target = target_from_variant (child);

      g_variant_unref (child);
      if (target == NULL)
        continue;
      if (g_strv_contains (builtins, target->name))
        {
          gw_target_free (target);
          continue;
        }
      g_ptr_array_add (targets, target);
    }
  if (g_variant_n_children (self->targets) > 0)
    g_object_set (self, "targets", g_variant_new_array (G_VARIANT_TYPE ("a{sv}"), NULL, 0), NULL);
  return targets;
}
