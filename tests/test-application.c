/* test-application.c: the application as a desktop sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gapwatch --version; an uninstalled gapwatch finds its schema in the build
 * tree, a copy outside it does not look there; F1 and the Help item open
 * the help by the rules of gw_application_dup_help_uri(); the shortcuts
 * window lists F1; a workspace given to open() opens as the workspace and an
 * export given with it is imported into it.  Widget parts run under
 * xvfb-run, with an XDG_DATA_HOME of the test's own.
 */
#include "gw-config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "ui/gw-application.h"
#include "ui/gw-window.h"

#include "gw-test-ui.h"

static char *data_home;

typedef struct
{
  char *out;
  char *err;
  int   status;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/* Runs program with args in English, without GSETTINGS_SCHEMA_DIR. */
static void
run_program (const char  *program,
             const char  *arg,
             const char  *data_dirs,
             Run         *run)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  const char *argv[] = { program, arg, NULL };

  env = g_environ_unsetenv (env, "GSETTINGS_SCHEMA_DIR");
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  env = g_environ_setenv (env, "LANGUAGE", "C", TRUE);
  if (data_dirs != NULL)
    env = g_environ_setenv (env, "XDG_DATA_DIRS", data_dirs, TRUE);

  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &run->status, &error);
  g_assert_no_error (error);
}

static void
test_application_version (void)
{
  Run run = { 0 };

  /* The schema check runs first, so exit 0 also says the uninstalled
   * binary found the schema compiled in the build tree by itself. */
  run_program (GW_APP_PATH, "--version", NULL, &run);
  g_assert_cmpstr (run.out, ==, "gapwatch " GW_VERSION "\n");
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_spawn_check_wait_status (run.status, NULL));
  run_clear (&run);
}

static void
test_application_installed_copy (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gapwatch-copy-XXXXXX", NULL);
  g_autofree char *copy = g_build_filename (dir, "gapwatch", NULL);
  g_autofree char *empty = g_build_filename (dir, "share", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  Run run = { 0 };

  /* A copy outside the build tree is an installed gapwatch: with no schema
   * installed where XDG_DATA_DIRS says, it explains and exits 1 (it used to
   * abort), and never takes the build tree's schema. */
  g_assert_true (g_file_get_contents (GW_APP_PATH, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (copy, contents, length, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (copy, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (empty, 0755), ==, 0);

  run_program (copy, "--version", empty, &run);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==,
                   "gapwatch: the settings schema io.github.gapwatch.Gapwatch is not installed; "
                   "run glib-compile-schemas on its folder or set GSETTINGS_SCHEMA_DIR\n");
  g_assert_false (g_spawn_check_wait_status (run.status, NULL));
  g_assert_cmpint (WEXITSTATUS (run.status), ==, 1);
  run_clear (&run);

  remove_tree (dir);
}

static void
test_application_help (void)
{
  g_autoptr(GwApplication) app = gw_application_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) accels = NULL;
  g_autofree char *old_path = g_strdup (g_getenv ("PATH"));
  g_autofree char *bin = g_dir_make_tmp ("gapwatch-path-XXXXXX", NULL);
  g_autofree char *yelp = g_build_filename (bin, "yelp", NULL);
  g_autofree char *build_html = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..",
                                                  "help", "html", "index.html", NULL);
  g_autofree char *installed_html = g_build_filename (GW_PKGDATADIR, "help", "index.html", NULL);
  gboolean have_build_html = g_file_test (build_html, G_FILE_TEST_IS_REGULAR);
  g_autofree char *uri = NULL;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "help"));
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.help");
  g_assert_cmpuint (g_strv_length (accels), ==, 1);
  g_assert_cmpstr (accels[0], ==, "F1");

  /* Without yelp: the build tree's HTML (this run is uninstalled), else
   * the installed HTML, else nothing. */
  g_setenv ("PATH", bin, TRUE);
  uri = gw_application_dup_help_uri (app);
  if (have_build_html)
    {
      g_autofree char *path = g_filename_from_uri (uri, NULL, NULL);
      g_autoptr(GFile) got = g_file_new_for_path (path);
      g_autoptr(GFile) want = g_file_new_for_path (build_html);

      g_assert_true (g_file_equal (got, want));
    }
  else if (g_file_test (installed_html, G_FILE_TEST_IS_REGULAR))
    g_assert_true (g_str_has_prefix (uri, "file:///") && g_str_has_suffix (uri, "/gapwatch/help/index.html"));
  else
    g_assert_null (uri);
  g_clear_pointer (&uri, g_free);

  /* With yelp: the installed Mallard pages, unless the build tree's HTML
   * is there. */
  g_assert_true (g_file_set_contents (yelp, "#!/bin/sh\n", -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (yelp, 0755), ==, 0);
  uri = gw_application_dup_help_uri (app);
  if (!have_build_html)
    g_assert_cmpstr (uri, ==, "help:io.github.gapwatch.Gapwatch");
  else
    g_assert_true (g_str_has_prefix (uri, "file:///"));

  g_setenv ("PATH", old_path, TRUE);
  remove_tree (bin);
}

static void
test_application_shortcuts_f1 (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (GW_RESOURCE_PREFIX "gtk/help-overlay.ui");
  GtkWidget *overlay = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  g_autoptr(GPtrArray) shortcuts = g_ptr_array_new ();
  guint found = 0;

  g_assert_nonnull (overlay);
  collect_widgets (overlay, GTK_TYPE_SHORTCUTS_SHORTCUT, NULL, shortcuts);
  for (guint i = 0; i < shortcuts->len; i++)
    {
      g_autofree char *action = NULL;
      g_autofree char *title = NULL;

      g_object_get (g_ptr_array_index (shortcuts, i), "action-name", &action, "title", &title, NULL);
      if (g_strcmp0 (action, "app.help") == 0)
        {
          g_assert_cmpstr (title, ==, "Help");
          found++;
        }
    }
  /* The window's search page holds a copy of every shortcut. */
  g_assert_cmpuint (found, ==, 2);
  gtk_window_destroy (GTK_WINDOW (overlay));
}

static void
test_application_open_workspace (void)
{
  g_autoptr(GwApplication) app = gw_application_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gapwatch-open-XXXXXX", NULL);
  g_autofree char *workspace_path = g_build_filename (dir, "team.gwdb", NULL);
  g_autofree char *areas = g_build_filename (g_getenv ("GW_SAMPLES_DIR"), "01-areas.xml", NULL);
  g_autofree char *births = g_build_filename (g_getenv ("GW_SAMPLES_DIR"), "03-births-1993-2007.xml", NULL);
  const char *cli_argv[] = { GW_CLI_PATH, "import", "--workspace", workspace_path, areas, NULL };
  GFile *files[2];
  GwWindow *window;
  GwWorkspace *workspace;
  int status;

  /* A workspace made by gapwatch-cli with the areas only. */
  g_assert_true (g_spawn_sync (NULL, (char **) cli_argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  /* As the file manager does: the workspace and an export in one open(). */
  files[0] = g_file_new_for_path (workspace_path);
  files[1] = g_file_new_for_path (births);
  g_application_open (G_APPLICATION (app), files, 2, "");
  g_object_unref (files[0]);
  g_object_unref (files[1]);

  window = GW_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (GW_IS_WINDOW (window));
  wait_window_idle (window, 120);

  workspace = gw_window_get_workspace (window);
  g_assert_nonnull (workspace);
  g_assert_cmpstr (gw_workspace_get_path (workspace), ==, workspace_path);
  /* The areas it had, and the births import added to it, not attempted
   * as an export itself. */
  g_assert_cmpint (gw_workspace_count_imports (workspace, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (gw_dataset_get_imports (gw_window_get_dataset (window))), ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  /* No accessibility bus, and no session bus (neither the user's nor an
   * autolaunched one): the application then runs on its own. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/gapwatch-test-no-bus", TRUE);
  /* The window opens the default workspace first: the test's own. */
  data_home = g_dir_make_tmp ("gapwatch-test-data-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gw/application/version/print", test_application_version);
  g_test_add_func ("/gw/application/schema/installed-copy", test_application_installed_copy);
  g_test_add_func ("/gw/application/help/uri", test_application_help);
  g_test_add_func ("/gw/application/help/shortcuts-window", test_application_shortcuts_f1);
  g_test_add_func ("/gw/application/open/workspace-and-export", test_application_open_workspace);

  status = g_test_run ();
  remove_tree (data_home);
  g_free (data_home);
  return status;
}
