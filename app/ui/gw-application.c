/* gw-application.c: the Gapwatch GtkApplication
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Owns the settings (and the empty dataset a window starts with), installs
 * the app actions, and opens the files given on the command line
 * (G_APPLICATION_HANDLES_OPEN) by importing them in a window, through the
 * same path as the import dialog, into the workspace the window opens.
 */
#include "gw-config.h"

#include <glib/gi18n.h>

#include "gw-application.h"
#include "gw-preferences.h"
#include "gw-window.h"

struct _GwApplication
{
  GtkApplication  parent_instance;

  /* owned */
  GwDataset      *dataset;
  GwSettings     *settings;

  /* borrowed: destroyed with its window */
  GtkWidget      *preferences;
};

G_DEFINE_FINAL_TYPE (GwApplication, gw_application, GTK_TYPE_APPLICATION)

static GwWindow *
gw_application_ensure_window (GwApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (GW_IS_WINDOW (window))
    return GW_WINDOW (window);

  return gw_window_new (self);
}

static void
on_import_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  GwApplication *self = user_data;
  GwWindow *window = gw_application_ensure_window (self);

  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL);
}

static void
on_shortcuts_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  GwApplication *self = user_data;
  GwWindow *window = gw_application_ensure_window (self);

  /* GtkApplication loads resources/gtk/help-overlay.ui into every
   * GtkApplicationWindow and gives it this action. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

/**
 * gw_application_dup_help_uri:
 * @self: the application
 *
 * Where F1 and Help lead: yelp reads the Mallard pages installed by
 * help/meson.build; without yelp, the HTML built from them (when yelp-build
 * was there at build time) opens in a browser.  An uninstalled run prefers
 * its build tree's HTML, an installed one never looks there.
 *
 * Returns: (transfer full) (nullable): a help: or file: URI, or %NULL when
 * neither yelp nor the HTML is installed.
 */
char *
gw_application_dup_help_uri (GwApplication *self)
{
  const char *build_helpdir = _gw_uninstalled_dir ("helpdir");
  g_autofree char *yelp = g_find_program_in_path ("yelp");
  g_autofree char *build_index = NULL;
  g_autofree char *index = g_build_filename (GW_PKGDATADIR, "help", "index.html", NULL);

  g_return_val_if_fail (GW_IS_APPLICATION (self), NULL);

  if (build_helpdir[0] != '\0')
    build_index = g_build_filename (build_helpdir, "html", "index.html", NULL);

  if (build_index != NULL && g_file_test (build_index, G_FILE_TEST_IS_REGULAR))
    return g_filename_to_uri (build_index, NULL, NULL);
  if (yelp != NULL)
    return g_strdup ("help:" GW_APP_ID);
  if (g_file_test (index, G_FILE_TEST_IS_REGULAR))
    return g_filename_to_uri (index, NULL, NULL);

  return NULL;
}

static void
on_help_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  GwApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *uri = gw_application_dup_help_uri (self);

  if (uri != NULL)
    gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
  else if (GW_IS_WINDOW (parent))
    gw_window_show_message (GW_WINDOW (parent),
                            _("The help is not installed: install yelp, or the help pages of Gapwatch."));
}

static void
on_about_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GwApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkAboutDialog *about;
  /* The published methods Gapwatch's statistics follow (shared docs, methods.md). */
  const char *methods[] = {
    _("PHEindicatormethods R package, UK Health Security Agency (UKHSA)"),
    _("Chiang (1968), abridged life tables and their variance"),
    _("Silcocks, Jenner and Reza (2001), life expectancy in small areas"),
    _("Byar, in Breslow and Day (1987), confidence limits of counts"),
    _("Dobson, Kuulasmaa, Eberle and Scherer (1991), limits of standardised rates"),
    _("Arriaga (1984), decomposition of a gap in life expectancy"),
    _("Low and Low (2004), the slope index of inequality"),
    _("Department of Health (2007), the 2010 health inequalities targets"),
    NULL,
  };
  const char *design[] = {
    _("Okabe and Ito (2008), colours for every kind of colour vision"),
    NULL,
  };
  const char *authors[] = { _("The Gapwatch developers"), NULL };

  about = GTK_ABOUT_DIALOG (gtk_about_dialog_new ());
  gtk_about_dialog_set_program_name (about, _("Gapwatch"));
  gtk_about_dialog_set_logo_icon_name (about, GW_APP_ID);
  gtk_about_dialog_set_version (about, GW_VERSION);
  gtk_about_dialog_set_comments (about, _("Track the gaps in life expectancy and infant mortality against national targets"));
  gtk_about_dialog_set_website (about, "https://github.com/gapwatch/gapwatch");
  gtk_about_dialog_set_copyright (about, _("© The Gapwatch developers"));
  /* GTK_LICENSE_GPL_3_0 is "GPL 3.0 or later". */
  gtk_about_dialog_set_license_type (about, GTK_LICENSE_GPL_3_0);
  gtk_about_dialog_set_authors (about, authors);
  gtk_about_dialog_set_translator_credits (about, _("translator-credits"));
  gtk_about_dialog_add_credit_section (about, _("Statistical methods"), methods);
  gtk_about_dialog_add_credit_section (about, _("Charts"), design);

  gtk_window_set_modal (GTK_WINDOW (about), TRUE);
  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (about), parent);
      gtk_window_set_destroy_with_parent (GTK_WINDOW (about), TRUE);
    }
  gtk_window_present (GTK_WINDOW (about));
}

static void
on_preferences_destroy_cb (GwApplication *self)
{
  self->preferences = NULL;
}

static void
on_preferences_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  GwApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->preferences == NULL)
    {
      self->preferences = gw_preferences_new (self->settings);
      gtk_window_set_modal (GTK_WINDOW (self->preferences), TRUE);
      if (parent != NULL)
        {
          gtk_window_set_transient_for (GTK_WINDOW (self->preferences), parent);
          gtk_window_set_destroy_with_parent (GTK_WINDOW (self->preferences), TRUE);
        }
      g_signal_connect_object (self->preferences, "destroy",
                               G_CALLBACK (on_preferences_destroy_cb), self, G_CONNECT_SWAPPED);
    }

  gtk_window_present (GTK_WINDOW (self->preferences));
}

static void
on_quit_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  GwApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing (not destroying) the windows lets each one save its size. */
  for (GList *l = windows; l != NULL; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

static const GActionEntry app_entries[] = {
  { .name = "import", .activate = on_import_activated },
  { .name = "shortcuts", .activate = on_shortcuts_activated },
  { .name = "about", .activate = on_about_activated },
  { .name = "help", .activate = on_help_activated },
  { .name = "preferences", .activate = on_preferences_activated },
  { .name = "quit", .activate = on_quit_activated },
};

static void
gw_application_load_css (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  GdkDisplay *display = gdk_display_get_default ();

  if (display == NULL)
    return;

  gtk_css_provider_load_from_resource (provider, GW_RESOURCE_PREFIX "style.css");
  gtk_style_context_add_provider_for_display (display,
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
gw_application_startup (GApplication *application)
{
  GwApplication *self = GW_APPLICATION (application);
  static const char *import_accels[] = { "<Control>i", "<Control>o", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };
  static const char *help_accels[] = { "F1", NULL };
  static const char *no_accels[] = { NULL };

  G_APPLICATION_CLASS (gw_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries,
                                   G_N_ELEMENTS (app_entries), self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.import", import_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  /* Ctrl+? belongs to app.shortcuts (the menu item shows it); GtkApplication
   * gave it to win.show-help-overlay, which app.shortcuts activates. */
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", no_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.shortcuts", shortcuts_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.help", help_accels);

  gtk_window_set_default_icon_name (GW_APP_ID);
  gw_application_load_css ();
}

static void
gw_application_activate (GApplication *application)
{
  GwApplication *self = GW_APPLICATION (application);

  gtk_window_present (GTK_WINDOW (gw_application_ensure_window (self)));
}

/* A workspace given with exports, waiting for the window to be free. */
typedef struct
{
  char  *workspace;
  GStrv  paths;
} GwOpenJob;

static void
gw_open_job_free (gpointer data,
                  GClosure *closure)
{
  GwOpenJob *job = data;

  g_free (job->workspace);
  g_strfreev (job->paths);
  g_free (job);
}

static void gw_application_open_in (GwWindow            *window,
                                    const char          *workspace,
                                    const char * const  *paths);

static void
on_open_window_busy_cb (GwWindow   *window,
                        GParamSpec *pspec,
                        GwOpenJob  *job)
{
  g_autofree char *workspace = NULL;
  g_auto(GStrv) paths = NULL;

  if (gw_window_get_busy (window))
    return;

  workspace = g_steal_pointer (&job->workspace);
  paths = g_steal_pointer (&job->paths);
  g_signal_handlers_disconnect_by_func (window, on_open_window_busy_cb, job);
  gw_application_open_in (window, workspace, (const char * const *) paths);
}

/* A workspace opens in place of the one open, and the exports given with it
 * are imported into it once it is open.  The window opens no workspace
 * while it is busy (a new window is opening its last one; an import may
 * run), so that waits for it. */
static void
gw_application_open_in (GwWindow           *window,
                        const char         *workspace,
                        const char * const *paths)
{
  if (workspace != NULL && gw_window_get_busy (window))
    {
      GwOpenJob *job = g_new0 (GwOpenJob, 1);

      job->workspace = g_strdup (workspace);
      job->paths = g_strdupv ((char **) paths);
      g_signal_connect_data (window, "notify::busy", G_CALLBACK (on_open_window_busy_cb),
                             job, gw_open_job_free, 0);
      return;
    }

  if (workspace != NULL)
    gw_window_open_workspace (window, workspace);
  if (paths[0] != NULL)
    gw_window_import_files (window, paths);
}

/* A workspace by its MIME type (data/io.github.gapwatch.Gapwatch.mime.xml,
 * once installed) or else by its extension; anything else is an export. */
static gboolean
gw_application_is_workspace (GFile *file)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = g_file_get_basename (file);
  const char *type;

  if (name != NULL && g_str_has_suffix (name, ".gwdb"))
    return TRUE;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  type = info != NULL ? g_file_info_get_content_type (info) : NULL;

  return type != NULL && g_content_type_is_a (type, "application/x-gapwatch-workspace");
}

static void
gw_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  GwApplication *self = GW_APPLICATION (application);
  GwWindow *window = gw_application_ensure_window (self);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) remote = g_ptr_array_new_with_free_func (g_free);

  g_autoptr(GPtrArray) workspaces = g_ptr_array_new_with_free_func (g_free);

  for (int i = 0; i < n_files; i++)
    {
      char *path = g_file_get_path (files[i]);

      if (path == NULL)
        g_ptr_array_add (remote, g_file_get_uri (files[i]));
      else if (gw_application_is_workspace (files[i]))
        g_ptr_array_add (workspaces, path);
      else
        g_ptr_array_add (paths, path);
    }
  g_ptr_array_add (paths, NULL);

  gtk_window_present (GTK_WINDOW (window));

  if (workspaces->len > 1)
    {
      g_autofree char *list = NULL;
      g_autofree char *message = NULL;

      g_ptr_array_add (workspaces, NULL);
      list = g_strjoinv (", ", (char **) workspaces->pdata + 1);
      message = g_strdup_printf (_("One workspace is open at a time; not opened: %s"), list);
      gw_window_show_message (window, message);
    }

  if (remote->len > 0)
    {
      g_autofree char *list = NULL;
      g_autofree char *message = NULL;

      g_ptr_array_add (remote, NULL);
      list = g_strjoinv (", ", (char **) remote->pdata);
      message = g_strdup_printf (_("Only files on this computer can be imported: %s"), list);
      gw_window_show_message (window, message);
    }

  gw_application_open_in (window,
                          workspaces->len > 0 ? g_ptr_array_index (workspaces, 0) : NULL,
                          (const char * const *) paths->pdata);
}

static int
gw_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("gapwatch %s\n", GW_VERSION);
      return 0;
    }

  /* Go on: register, then activate or open. */
  return -1;
}

static void
gw_application_dispose (GObject *object)
{
  GwApplication *self = (GwApplication *) object;

  g_clear_object (&self->dataset);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (gw_application_parent_class)->dispose (object);
}

static void
gw_application_class_init (GwApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = gw_application_dispose;

  app_class->startup = gw_application_startup;
  app_class->activate = gw_application_activate;
  app_class->open = gw_application_open;
  app_class->handle_local_options = gw_application_handle_local_options;
}

static void
gw_application_init (GwApplication *self)
{
  static const GOptionEntry options[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and quit"), NULL },
    { NULL },
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);

  self->dataset = gw_dataset_new ();
  self->settings = gw_settings_new ();
}

/**
 * gw_application_new:
 *
 * Returns: (transfer full): the application, io.github.gapwatch.Gapwatch,
 * which opens the files it is given by importing them.
 */
GwApplication *
gw_application_new (void)
{
  return g_object_new (GW_TYPE_APPLICATION,
                       "application-id", GW_APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/gapwatch/Gapwatch",
                       NULL);
}

GwDataset *
gw_application_get_dataset (GwApplication *self)
{
  g_return_val_if_fail (GW_IS_APPLICATION (self), NULL);

  return self->dataset;
}

GwSettings *
gw_application_get_settings (GwApplication *self)
{
  g_return_val_if_fail (GW_IS_APPLICATION (self), NULL);

  return self->settings;
}
