/* test-workspace-ui.c: the window's workspace, driven as a director would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With XDG_DATA_HOME in a folder of the test's own: a window opens the
 * default workspace, imports the bundled samples, is closed, and a new one
 * shows the same imports and the same tracker table; the same file again
 * changes nothing and says so; removing an import (the confirmation answered
 * with gtk_dialog_response) takes its records away and puts the values it
 * revised back; another workspace file made with the store's API opens from
 * the Open Workspace dialog and both are in Recent Workspaces; a workspace
 * of a newer Gapwatch leaves the error page with the store's words, an
 * older one is upgraded and the banner says where its backup is; a
 * workspace another program keeps locked refuses an import, which is then
 * not half done; Save Workspace As writes a copy with every import.  Runs
 * under xvfb-run (tests/meson.build).
 */
#include "gw-config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <sqlite3.h>

#include "session/gw-session-import.h"
#include "ui/gw-import-history.h"
#include "ui/gw-import-pane.h"
#include "ui/gw-tracker-view.h"
#include "ui/gw-window.h"

#include "gw-test-ui.h"

#define N_SAMPLES 20
#define REVISED_ID "deaths-2007-03-r1"
#define REVISED_TITLE "Deaths registered in March 2007 (revised)"
#define MARCH_ID "deaths-2007-03"
#define MARCH_TITLE "Deaths registered in March 2007"

static char *data_home;   /* XDG_DATA_HOME of this run */

/* Widgets */


static GPtrArray *
find_mapped (GtkWidget  *root,
             GType       type,
             const char *css_class)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  GPtrArray *mapped = g_ptr_array_new ();

  collect_widgets (root, type, css_class, all);
  for (guint i = 0; i < all->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (all, i)))
      g_ptr_array_add (mapped, g_ptr_array_index (all, i));
  return mapped;
}

static GtkWidget *
find_one (GtkWidget  *root,
          GType       type,
          const char *css_class)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();

  collect_widgets (root, type, css_class, all);
  g_assert_cmpuint (all->len, ==, 1);
  return g_ptr_array_index (all, 0);
}

static const char *
content_page (GwWindow *window)
{
  g_autoptr(GPtrArray) stacks = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (window), GTK_TYPE_STACK, NULL, stacks);
  for (guint i = 0; i < stacks->len; i++)
    if (gtk_stack_get_child_by_name (g_ptr_array_index (stacks, i), "welcome") != NULL)
      return gtk_stack_get_visible_child_name (g_ptr_array_index (stacks, i));
  g_assert_not_reached ();
}

/* The text of the information banner, or NULL when it is hidden. */
static const char *
message_text (GwWindow *window)
{
  g_autoptr(GPtrArray) revealers = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (window), GTK_TYPE_REVEALER, NULL, revealers);
  for (guint i = 0; i < revealers->len; i++)
    {
      GtkRevealer *revealer = g_ptr_array_index (revealers, i);
      GtkWidget *banner = gtk_revealer_get_child (revealer);

      if (banner != NULL && gtk_widget_has_css_class (banner, "gw-banner")
          && !gtk_widget_has_css_class (banner, "gw-changes-banner"))
        {
          g_autoptr(GPtrArray) labels = g_ptr_array_new ();

          if (!gtk_revealer_get_reveal_child (revealer))
            return NULL;
          collect_widgets (banner, GTK_TYPE_LABEL, NULL, labels);
          g_assert_cmpuint (labels->len, ==, 1);
          return gtk_label_get_label (g_ptr_array_index (labels, 0));
        }
    }
  g_assert_not_reached ();
}

static char *
problems_text (GwWindow *window)
{
  GtkWidget *view = find_one (GTK_WIDGET (window), GTK_TYPE_TEXT_VIEW, "gw-problems-view");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  if (!gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_ancestor (view, GTK_TYPE_REVEALER))))
    return NULL;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}


/* The message area of a GtkMessageDialog: its primary and secondary text. */
static void
dialog_texts (GtkWindow  *dialog,
              char      **primary,
              char      **secondary)
{
  g_object_get (dialog, "text", primary, "secondary-text", secondary, NULL);
}

/* Main loop */

/* Until the window has opened, imported, copied and computed. */
static void
wait_idle (GwWindow *window)
{
  wait_window_idle (window, 90);
}


static const char *
samples_dir (void)
{
  const char *dir = g_getenv ("GW_SAMPLES_DIR");

  return dir != NULL ? dir : GW_SOURCE_SAMPLES_DIR;
}

/* The samples, in name order, but for those whose names start with skip. */
static GPtrArray *
sample_paths (const char *const *only)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  dir = g_dir_open (samples_dir (), 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gboolean wanted = only == NULL;

      if (!g_str_has_suffix (name, ".xml") && !g_str_has_suffix (name, ".xml.gz"))
        continue;
      for (guint i = 0; only != NULL && only[i] != NULL; i++)
        if (g_str_has_prefix (name, only[i]))
          wanted = TRUE;
      if (wanted)
        g_ptr_array_add (paths, g_build_filename (samples_dir (), name, NULL));
    }
  g_ptr_array_sort (paths, compare_paths);
  g_ptr_array_add (paths, NULL);
  return g_steal_pointer (&paths);
}

static void
import_paths (GwWindow  *window,
              GPtrArray *paths)
{
  gw_window_import_files (window, (const char * const *) paths->pdata);
  g_assert_true (gw_window_get_busy (window));
  wait_idle (window);
}

static GwTrackerView *
tracker_view (GwWindow *window)
{
  return GW_TRACKER_VIEW (find_one (GTK_WIDGET (window), GW_TYPE_TRACKER_VIEW, NULL));
}

static guint
n_imports (GwWindow *window)
{
  return g_list_model_get_n_items (gw_dataset_get_imports (gw_window_get_dataset (window)));
}

/* Rows of the current table of kind that came from the import id. */
static guint
rows_of (GwDataset    *dataset,
         GwRecordKind  kind,
         const char   *id)
{
  const GwTable *table = gw_dataset_get_table (dataset, kind);
  GwImport *import = gw_dataset_find_import (dataset, id);
  guint n = 0;

  g_assert_nonnull (import);
  for (guint i = 0; i < gw_table_n_rows (table); i++)
    if (gw_row_slot (gw_table_row_key (table, i)) == gw_import_get_slot (import))
      n++;
  return n;
}

static gint64
raw_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static gint
stored_imports (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwWorkspace) workspace = gw_workspace_open (path, GW_WORKSPACE_OPEN_READ_ONLY, &error);
  gint n;

  g_assert_no_error (error);
  n = gw_workspace_count_imports (workspace, &error);
  g_assert_no_error (error);
  return n;
}

/* A workspace file made with the store's own API, holding these samples. */
static void
make_workspace (const char         *path,
                const char * const *only)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwWorkspace) workspace = gw_workspace_open (path, GW_WORKSPACE_OPEN_CREATE, &error);
  g_autoptr(GwDataset) dataset = gw_dataset_new ();
  g_autoptr(GPtrArray) paths = sample_paths (only);
  g_autoptr(GwImportTask) task = NULL;

  g_assert_no_error (error);
  task = gw_session_import_files (workspace, dataset, (const char * const *) paths->pdata, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (task);
  for (guint i = 0; i + 1 < paths->len; i++)
    g_assert_cmpint (gw_session_get_file_result (task, i)->status, ==, GW_WORKSPACE_FILE_STORED);
}

/* Fixture: a window of its own dataset and settings, on the default
 * workspace of this test's XDG_DATA_HOME (emptied for each test). */

typedef struct
{
  GwSettings *settings;
  GwWindow   *window;
  char       *dir;      /* for the test's own files */
} Fixture;

static GwWindow *
open_window (Fixture    *f,
             const char *path)
{
  g_autoptr(GwDataset) dataset = gw_dataset_new ();
  GwWindow *window = g_object_ref_sink (g_object_new (GW_TYPE_WINDOW,
                                                      "dataset", dataset,
                                                      "settings", f->settings,
                                                      NULL));

  gtk_window_present (GTK_WINDOW (window));
  gw_window_open_workspace (window, path);
  g_assert_true (gw_window_get_busy (window));
  wait_idle (window);
  return window;
}

static void
close_window (GwWindow **window)
{
  gtk_window_destroy (GTK_WINDOW (*window));
  g_assert_finalize_object (*window);
  *window = NULL;
}


static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *default_path = gw_workspace_default_path ();
  g_autofree char *folder = g_path_get_dirname (default_path);

  remove_tree (folder);
  f->dir = g_dir_make_tmp ("gapwatch-workspace-ui-XXXXXX", NULL);
  f->settings = gw_settings_new ();
  /* GSETTINGS_BACKEND=memory keeps values between tests. */
  gw_settings_set_last_workspace (f->settings, NULL);
  g_object_set (f->settings, "recent-workspaces", NULL, NULL);
  f->window = open_window (f, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *dialog;

  while ((dialog = find_toplevel (GTK_TYPE_DIALOG)) != NULL)
    gtk_window_destroy (dialog);
  if (f->window != NULL)
    close_window (&f->window);
  g_assert_finalize_object (f->settings);
  remove_tree (f->dir);
  g_free (f->dir);
}

/* Tests */

static void
test_persist_restart (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *default_path = gw_workspace_default_path ();
  g_autoptr(GPtrArray) paths = sample_paths (NULL);
  g_autofree char *csv = NULL;
  g_autofree char *csv_again = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *again = g_build_filename (samples_dir (), "05-deaths-2007-06.xml.gz", NULL);
  const char *again_paths[] = { again, NULL };
  GwTrackerItem *item;
  GwTargetStatus status;

  /* A first start: the default workspace, made, empty. */
  g_assert_cmpstr (content_page (f->window), ==, "welcome");
  g_assert_true (g_file_test (default_path, G_FILE_TEST_IS_REGULAR));
  g_assert_nonnull (gw_window_get_workspace (f->window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Default Workspace — Gapwatch");
  g_assert_cmpint (stored_imports (default_path), ==, 0);

  import_paths (f->window, paths);
  g_assert_cmpuint (n_imports (f->window), ==, N_SAMPLES);
  g_assert_cmpint (stored_imports (default_path), ==, N_SAMPLES);
  csv = gw_tracker_view_format_csv (tracker_view (f->window));
  g_assert_nonnull (csv);
  g_assert_true (gw_tracker_view_select_code (tracker_view (f->window), "E06000001"));
  item = gw_tracker_view_get_selected_item (tracker_view (f->window));
  status = gw_tracker_item_get_row (item, GW_SEX_MALE)->status;
  gw_window_show_page (f->window, "imports");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  summary = g_strdup (gtk_label_get_label (GTK_LABEL (find_one (GTK_WIDGET (f->window), GTK_TYPE_LABEL,
                                                                 "gw-imports-summary"))));
  g_assert_true (g_str_has_prefix (summary, "20 exports · "));

  /* Quit, and start again: the same imports, the same table. */
  close_window (&f->window);
  f->window = open_window (f, NULL);
  g_assert_cmpstr (content_page (f->window), ==, "data");
  g_assert_cmpuint (n_imports (f->window), ==, N_SAMPLES);
  csv_again = gw_tracker_view_format_csv (tracker_view (f->window));
  g_assert_cmpstr (csv_again, ==, csv);
  g_assert_true (gw_tracker_view_select_code (tracker_view (f->window), "E06000001"));
  item = gw_tracker_view_get_selected_item (tracker_view (f->window));
  g_assert_cmpint (gw_tracker_item_get_row (item, GW_SEX_MALE)->status, ==, status);
  gw_window_show_page (f->window, "imports");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (find_one (GTK_WIDGET (f->window), GTK_TYPE_LABEL,
                                                              "gw-imports-summary"))), ==, summary);

  /* The same export again: nothing changes, and the banner says so. */
  gw_window_import_files (f->window, again_paths);
  wait_idle (f->window);
  g_assert_cmpuint (n_imports (f->window), ==, N_SAMPLES);
  g_assert_cmpint (stored_imports (default_path), ==, N_SAMPLES);
  g_assert_cmpstr (message_text (f->window), ==,
                   "“05-deaths-2007-06.xml.gz” is already in the workspace: nothing changed.");
  g_assert_null (problems_text (f->window));
}

static void
test_imports_history (Fixture       *f,
                      gconstpointer  data)
{
  const char *only[] = { "01-", "05-deaths-2007-03", "06-", NULL };
  g_autoptr(GPtrArray) paths = sample_paths (only);
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) removes = NULL;
  g_autoptr(GPtrArray) saves = NULL;
  g_autofree char *saved = g_build_filename (f->dir, "saved.xml", NULL);
  g_autoptr(GFile) saved_file = g_file_new_for_path (saved);
  g_autofree char *original = g_build_filename (samples_dir (), "06-deaths-2007-03-revised.xml", NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found_revised = FALSE, found_march = FALSE;

  import_paths (f->window, paths);
  g_assert_cmpuint (n_imports (f->window), ==, 3);
  gw_window_show_page (f->window, "imports");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));

  /* Under each title, what it added and whose values it revised. */
  lines = find_mapped (GTK_WIDGET (f->window), GTK_TYPE_LABEL, "gw-export-history");
  g_assert_cmpuint (lines->len, ==, 3);
  for (guint i = 0; i < lines->len; i++)
    {
      const char *text = gtk_label_get_label (g_ptr_array_index (lines, i));

      g_test_message ("history: %s", text);
      if (g_str_equal (text, "Added 36 death counts.\n"
                             "Revised 36 values of “" MARCH_TITLE "”."))
        found_revised = TRUE;
      if (g_str_has_suffix (text, "death counts.\n"
                                  "36 of its values were revised by “" REVISED_TITLE "”."))
        found_march = TRUE;
    }
  g_assert_true (found_revised);
  g_assert_true (found_march);

  /* A Remove and a Save Original File button a row. */
  removes = find_mapped (GTK_WIDGET (f->window), GTK_TYPE_BUTTON, "gw-remove-import");
  saves = find_mapped (GTK_WIDGET (f->window), GTK_TYPE_BUTTON, "gw-save-original");
  g_assert_cmpuint (removes->len, ==, 3);
  g_assert_cmpuint (saves->len, ==, 3);
  for (guint i = 0; i < removes->len; i++)
    g_assert_true (gtk_widget_is_sensitive (g_ptr_array_index (removes, i)));

  /* The original, byte for byte, as the dialog's Save writes it. */
  g_assert_true (gw_window_save_original (f->window, REVISED_ID, saved_file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (saved, &a, NULL, NULL));
  g_assert_true (g_file_get_contents (original, &b, NULL, NULL));
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (message_text (f->window), ==, "Saved the original file as “saved.xml”.");
}

/* Answers the remove confirmation of export id with response. */
static void
remove_with_dialog (GwWindow   *window,
                    const char *id,
                    int         response,
                    char      **primary,
                    char      **secondary)
{
  GtkWindow *dialog;

  g_assert_null (find_toplevel (GTK_TYPE_MESSAGE_DIALOG));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-import", "s", id));
  dialog = find_toplevel (GTK_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (dialog));
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  dialog_texts (dialog, primary, secondary);
  gtk_dialog_response (GTK_DIALOG (dialog), response);
  wait_idle (window);
  g_assert_null (find_toplevel (GTK_TYPE_MESSAGE_DIALOG));
}

static void
test_remove_revision (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *default_path = gw_workspace_default_path ();
  g_autoptr(GPtrArray) paths = sample_paths (NULL);
  g_autoptr(GPtrArray) without = g_ptr_array_new ();
  g_autofree char *with_csv = NULL;
  g_autofree char *removed_csv = NULL;
  g_autofree char *expected_csv = NULL;
  g_autofree char *primary = NULL;
  g_autofree char *secondary = NULL;
  GwDataset *dataset;
  guint march_rows, march_records;

  import_paths (f->window, paths);
  dataset = gw_window_get_dataset (f->window);
  with_csv = gw_tracker_view_format_csv (tracker_view (f->window));
  march_records = gw_import_get_records (gw_dataset_find_import (dataset, MARCH_ID));
  march_rows = rows_of (dataset, GW_RECORD_DEATHS, MARCH_ID);
  /* The revision replaced 36 of March's counts. */
  g_assert_cmpuint (march_rows, ==, march_records - 36);
  g_assert_cmpuint (gw_table_n_rows (gw_dataset_get_history (dataset, GW_RECORD_DEATHS)), ==, 36);

  /* Cancel: nothing changes. */
  remove_with_dialog (f->window, REVISED_ID, GTK_RESPONSE_CANCEL, &primary, &secondary);
  g_assert_cmpstr (primary, ==, "Remove “" REVISED_TITLE "”?");
  g_assert_cmpstr (secondary, ==, "The 36 records it added are removed and the 36 values it revised "
                                  "go back to their earlier values.");
  g_assert_cmpuint (n_imports (f->window), ==, N_SAMPLES);
  g_clear_pointer (&primary, g_free);
  g_clear_pointer (&secondary, g_free);

  /* Remove: March's own counts are current again, everywhere. */
  remove_with_dialog (f->window, REVISED_ID, GTK_RESPONSE_ACCEPT, &primary, &secondary);
  dataset = gw_window_get_dataset (f->window);
  g_assert_cmpuint (n_imports (f->window), ==, N_SAMPLES - 1);
  g_assert_null (gw_dataset_find_import (dataset, REVISED_ID));
  g_assert_cmpuint (rows_of (dataset, GW_RECORD_DEATHS, MARCH_ID), ==, march_records);
  g_assert_cmpuint (gw_table_n_rows (gw_dataset_get_history (dataset, GW_RECORD_DEATHS)), ==, 0);
  g_assert_cmpint (stored_imports (default_path), ==, N_SAMPLES - 1);
  g_assert_cmpstr (message_text (f->window), ==,
                   "Removed “" REVISED_TITLE "”: 36 values went back to their earlier values.");

  /* The tracker follows at once: the table of the exports without it. */
  removed_csv = gw_tracker_view_format_csv (tracker_view (f->window));
  g_assert_cmpstr (removed_csv, !=, with_csv);
  for (guint i = 0; i + 1 < paths->len; i++)
    if (strstr (g_ptr_array_index (paths, i), "06-deaths-2007-03-revised") == NULL)
      g_ptr_array_add (without, g_ptr_array_index (paths, i));
  g_ptr_array_add (without, NULL);
  {
    g_autoptr(GwDataset) plain = gw_dataset_new ();
    GwWindow *other = g_object_ref_sink (g_object_new (GW_TYPE_WINDOW, "dataset", plain,
                                                       "settings", f->settings, NULL));

    gtk_window_present (GTK_WINDOW (other));
    import_paths (other, without);
    expected_csv = gw_tracker_view_format_csv (tracker_view (other));
    close_window (&other);
  }
  g_assert_cmpstr (removed_csv, ==, expected_csv);

  /* And at the next start. */
  close_window (&f->window);
  f->window = open_window (f, NULL);
  g_assert_cmpuint (n_imports (f->window), ==, N_SAMPLES - 1);
  g_clear_pointer (&removed_csv, g_free);
  removed_csv = gw_tracker_view_format_csv (tracker_view (f->window));
  g_assert_cmpstr (removed_csv, ==, expected_csv);
}

/* The items of the Recent Workspaces submenu of the primary menu. */
static GPtrArray *
recent_items (GwWindow *window)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GMenuModel *menu = NULL;
  GPtrArray *labels = g_ptr_array_new_with_free_func (g_free);

  collect_widgets (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, NULL, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (gtk_menu_button_get_primary (g_ptr_array_index (buttons, i)))
      menu = gtk_menu_button_get_menu_model (g_ptr_array_index (buttons, i));
  g_assert_nonnull (menu);

  /* section 0: New, Open, Recent (a submenu of one section), Save As */
  for (int s = 0; s < g_menu_model_get_n_items (menu); s++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, s, G_MENU_LINK_SECTION);

      for (int i = 0; section != NULL && i < g_menu_model_get_n_items (section); i++)
        {
          g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (section, i, G_MENU_LINK_SUBMENU);
          g_autofree char *label = NULL;

          if (submenu == NULL)
            continue;
          g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
          g_assert_cmpstr (label, ==, "_Recent Workspaces");
          for (int k = 0; k < g_menu_model_get_n_items (submenu); k++)
            {
              g_autoptr(GMenuModel) items = g_menu_model_get_item_link (submenu, k, G_MENU_LINK_SECTION);

              for (int j = 0; items != NULL && j < g_menu_model_get_n_items (items); j++)
                {
                  char *item_label = NULL;

                  g_menu_model_get_item_attribute (items, j, G_MENU_ATTRIBUTE_LABEL, "s", &item_label);
                  g_ptr_array_add (labels, item_label);
                }
            }
        }
    }
  return labels;
}

static void
test_open_second (Fixture       *f,
                  gconstpointer  data)
{
  const char *only[] = { "01-", "07-", NULL };
  g_autofree char *default_path = gw_workspace_default_path ();
  g_autofree char *second = g_build_filename (f->dir, "north-east.gwdb", NULL);
  g_autoptr(GFile) second_file = g_file_new_for_path (second);
  g_autoptr(GPtrArray) titles = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) recent = NULL;
  g_autofree char *expected_item = NULL;
  g_autofree char *folder = NULL;
  GtkWindow *dialog;

  make_workspace (second, only);

  /* Open Workspace: the dialog, for workspace files. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-workspace", NULL));
  dialog = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "Open Workspace");
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)), ==, GTK_FILE_CHOOSER_ACTION_OPEN);
  gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), second_file, &error);
  g_assert_no_error (error);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(GFile) selected = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (selected != NULL && g_file_equal (selected, second_file))
        break;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_assert_true (gw_window_get_busy (f->window));
  wait_idle (f->window);

  /* Its imports are listed, and its name is the title. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "north-east — Gapwatch");
  g_assert_cmpstr (content_page (f->window), ==, "data");
  g_assert_cmpuint (n_imports (f->window), ==, 2);
  gw_window_show_page (f->window, "imports");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  titles = find_mapped (GTK_WIDGET (f->window), GTK_TYPE_LABEL, "gw-export-title");
  g_assert_cmpuint (titles->len, ==, 2);
  g_assert_nonnull (gw_dataset_find_import (gw_window_get_dataset (f->window), "le-imr-1995-2006"));

  /* Both in Recent Workspaces, the last opened first; reopened at start. */
  recent = gw_settings_dup_recent_workspaces (f->settings);
  g_assert_cmpuint (g_strv_length (recent), ==, 2);
  g_assert_cmpstr (recent[0], ==, second);
  g_assert_cmpstr (recent[1], ==, default_path);
  items = recent_items (f->window);
  g_assert_cmpuint (items->len, ==, 2);
  folder = g_path_get_dirname (second);
  expected_item = g_strdup_printf ("north-east (%s)", folder);
  if (g_str_has_prefix (folder, g_get_home_dir ()))
    g_test_message ("the test folder is in the home folder: %s", folder);
  else
    g_assert_cmpstr (g_ptr_array_index (items, 0), ==, expected_item);
  g_assert_cmpstr (g_ptr_array_index (items, 1), ==, "Default Workspace");

  close_window (&f->window);
  f->window = open_window (f, NULL);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "north-east — Gapwatch");
  g_assert_cmpuint (n_imports (f->window), ==, 2);

  /* Back to the default from the submenu. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-recent", "s", default_path));
  wait_idle (f->window);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Default Workspace — Gapwatch");
  g_assert_cmpuint (n_imports (f->window), ==, 0);
  g_assert_cmpstr (content_page (f->window), ==, "welcome");

  /* A recent workspace that was deleted is no longer offered. */
  g_assert_cmpint (g_unlink (second), ==, 0);
  g_clear_pointer (&items, g_ptr_array_unref);
  g_object_set (f->settings, "recent-workspaces", (const char *[]) { second, default_path, NULL }, NULL);
  items = recent_items (f->window);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (items, 0), ==, "Default Workspace");
}

static void
test_open_newer (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *newer = g_build_filename (f->dir, "from-the-future.gwdb", NULL);
  g_autofree char *fresh = g_build_filename (f->dir, "fresh", NULL);
  g_autofree char *fresh_full = g_strconcat (fresh, ".gwdb", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *primary = NULL;
  g_autofree char *secondary = NULL;
  g_autoptr(GPtrArray) buttons = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  const char *only[] = { "01-", NULL };
  GtkWidget *error_label;
  GtkWindow *dialog;
  sqlite3 *db = NULL;

  /* A workspace of a newer Gapwatch: the store's schema, version 99. */
  make_workspace (newer, only);
  g_assert_cmpint (sqlite3_open_v2 (newer, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (raw_int (newer, "PRAGMA application_id"), ==, 0x47617077);
  expected = g_strdup_printf ("Cannot open the workspace %s: it was written by a newer Gapwatch "
                              "(workspace version 99; this version reads up to version %d). "
                              "Update Gapwatch to open it; the file was not changed.",
                              newer, GW_WORKSPACE_SCHEMA_VERSION);

  /* While one is open: a dialog says why, and the open one stays. */
  gw_window_open_workspace (f->window, newer);
  wait_idle (f->window);
  dialog = find_toplevel (GTK_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  dialog_texts (dialog, &primary, &secondary);
  g_assert_cmpstr (primary, ==, "“from-the-future” cannot be opened");
  g_assert_cmpstr (secondary, ==, expected);
  gtk_window_destroy (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Default Workspace — Gapwatch");
  g_assert_nonnull (gw_window_get_workspace (f->window));

  /* At start, remembered as the last one: the error page, in the store's
   * words, with the two ways on. */
  close_window (&f->window);
  gw_settings_set_last_workspace (f->settings, newer);
  f->window = open_window (f, NULL);
  g_assert_cmpstr (content_page (f->window), ==, "workspace-error");
  g_assert_null (gw_window_get_workspace (f->window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "from-the-future — Gapwatch");
  error_label = find_one (GTK_WIDGET (f->window), GTK_TYPE_LABEL, "gw-workspace-error-message");
  g_assert_true (gtk_widget_get_mapped (error_label));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (error_label)), ==, expected);
  buttons = find_mapped (GTK_WIDGET (f->window), GTK_TYPE_BUTTON, NULL);
  {
    gboolean open_another = FALSE, start_new = FALSE;

    for (guint i = 0; i < buttons->len; i++)
      {
        GtkButton *button = g_ptr_array_index (buttons, i);

        if (g_strcmp0 (gtk_button_get_label (button), "_Open Another Workspace…") == 0)
          open_another = gtk_widget_is_sensitive (GTK_WIDGET (button));
        if (g_strcmp0 (gtk_button_get_label (button), "_Start a New Workspace…") == 0)
          start_new = gtk_widget_is_sensitive (GTK_WIDGET (button));
      }
    g_assert_true (open_another);
    g_assert_true (start_new);
  }
  /* Untouched, and still the one to open at the next start. */
  g_assert_cmpint (raw_int (newer, "PRAGMA user_version"), ==, 99);
  {
    g_autofree char *last = gw_settings_dup_last_workspace (f->settings);

    g_assert_cmpstr (last, ==, newer);
  }

  /* Exports given meanwhile wait for a workspace... */
  paths = sample_paths (only);
  gw_window_import_files (f->window, (const char * const *) paths->pdata);
  g_assert_false (gw_window_get_busy (f->window));
  g_assert_cmpuint (n_imports (f->window), ==, 0);
  g_assert_nonnull (strstr (message_text (f->window), "to import these exports"));

  /* ...and go into the new one started. */
  gw_window_new_workspace (f->window, fresh);
  wait_idle (f->window);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "fresh — Gapwatch");
  g_assert_true (g_file_test (fresh_full, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (n_imports (f->window), ==, 1);
  g_assert_cmpint (stored_imports (fresh_full), ==, 1);
  g_assert_cmpstr (content_page (f->window), ==, "data");
}

/* A version-0 workspace (the development snapshots' targets table only, as
 * tests/test-store.c makes one): upgraded after a backup, and the banner
 * says where the backup is. */
static void
test_open_older (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *older = g_build_filename (f->dir, "older.gwdb", NULL);
  g_autofree char *backup = g_strconcat (older, ".v0.bak", NULL);
  g_autofree char *expected = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (older, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE gw_targets (name TEXT PRIMARY KEY, indicator TEXT,"
                                     " group_id TEXT, baseline TEXT, target_period TEXT, reduction REAL);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  gw_window_open_workspace (f->window, older);
  wait_idle (f->window);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "older — Gapwatch");
  g_assert_nonnull (gw_window_get_workspace (f->window));
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (raw_int (backup, "PRAGMA user_version"), ==, 0);
  g_assert_cmpint (raw_int (older, "PRAGMA user_version"), ==, GW_WORKSPACE_SCHEMA_VERSION);
  expected = g_strdup_printf ("“older” was made by an earlier version of Gapwatch and has been upgraded. "
                              "A copy of it as it was is kept at %s.", backup);
  g_assert_cmpstr (message_text (f->window), ==, expected);
}

static void
test_store_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *default_path = gw_workspace_default_path ();
  const char *only[] = { "01-", NULL };
  g_autoptr(GPtrArray) paths = sample_paths (only);
  g_autofree char *problems = NULL;
  sqlite3 *db = NULL;

  /* Another program holds the write lock past the (shortened) wait. */
  gw_workspace_set_busy_timeout (gw_window_get_workspace (f->window), 50);
  g_assert_cmpint (sqlite3_open_v2 (default_path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  import_paths (f->window, paths);

  /* Not half done: out of the dataset again, not in the file, and said. */
  g_assert_cmpuint (n_imports (f->window), ==, 0);
  g_assert_cmpstr (content_page (f->window), ==, "welcome");
  problems = problems_text (f->window);
  g_assert_nonnull (problems);
  g_test_message ("problems: %s", problems);
  g_assert_true (g_str_has_prefix (problems, "01-areas.xml"));
  g_assert_nonnull (strstr (problems, "another program is writing to the workspace"));

  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (stored_imports (default_path), ==, 0);

  /* Once the lock is gone, the same file imports and is kept. */
  import_paths (f->window, paths);
  g_assert_cmpuint (n_imports (f->window), ==, 1);
  g_assert_cmpint (stored_imports (default_path), ==, 1);
  g_assert_null (problems_text (f->window));
}

static void
test_save_copy (Fixture       *f,
                gconstpointer  data)
{
  const char *only[] = { "01-", "05-deaths-2007-03", "06-", "07-", NULL };
  g_autoptr(GPtrArray) paths = sample_paths (only);
  g_autofree char *copy = g_build_filename (f->dir, "for-a-colleague.gwdb", NULL);
  g_autofree char *default_path = gw_workspace_default_path ();
  g_autoptr(GwDataset) loaded = gw_dataset_new ();
  g_autoptr(GwWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  GwDataset *dataset;

  import_paths (f->window, paths);
  g_assert_cmpuint (n_imports (f->window), ==, 4);

  gw_window_save_workspace_copy (f->window, copy);
  g_assert_true (gw_window_get_busy (f->window));
  wait_idle (f->window);
  g_assert_cmpstr (message_text (f->window), ==,
                   "Saved a copy of this workspace as “for-a-colleague.gwdb” (4 exports). "
                   "Gapwatch goes on with “Default Workspace”.");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Default Workspace — Gapwatch");

  /* The copy has every import, in the same order, with the same rows. */
  workspace = gw_workspace_open (copy, GW_WORKSPACE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (gw_workspace_check (workspace, &error));
  g_assert_no_error (error);
  g_assert_true (gw_workspace_load (workspace, loaded, NULL, &error));
  g_assert_no_error (error);
  dataset = gw_window_get_dataset (f->window);
  g_assert_cmpuint (g_list_model_get_n_items (gw_dataset_get_imports (loaded)), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GwImport) a = g_list_model_get_item (gw_dataset_get_imports (dataset), i);
      g_autoptr(GwImport) b = g_list_model_get_item (gw_dataset_get_imports (loaded), i);

      g_assert_cmpstr (gw_import_get_id (a), ==, gw_import_get_id (b));
      g_assert_cmpstr (gw_import_get_sha256 (a), ==, gw_import_get_sha256 (b));
      g_assert_cmpstr (gw_import_get_basename (a), ==, gw_import_get_basename (b));
    }
  for (guint k = 0; k < GW_N_RECORD_KINDS; k++)
    {
      g_assert_cmpuint (gw_dataset_count (loaded, k), ==, gw_dataset_count (dataset, k));
      g_assert_cmpuint (gw_table_n_rows (gw_dataset_get_history (loaded, k)), ==,
                        gw_table_n_rows (gw_dataset_get_history (dataset, k)));
    }

  /* In Recent Workspaces too; the workspace itself is unchanged. */
  {
    g_auto(GStrv) recent = gw_settings_dup_recent_workspaces (f->settings);

    g_assert_cmpstr (recent[0], ==, copy);
  }
  g_assert_cmpint (stored_imports (default_path), ==, 4);
}

/* Runs gapwatch-cli with the NULL-terminated arguments; its stdout. */
static char *
run_cli (const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *arg;
  va_list args;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) GW_CLI_PATH);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* The report written in its thread: written is 1 when it is, -1 not. */
static void
on_report_written_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  int *written = user_data;
  g_autoptr(GError) error = NULL;

  *written = gw_window_export_report_finish (GW_WINDOW (source), result, &error) ? 1 : -1;
  g_assert_no_error (error);
}

/* Targets travel with the workspace: one added with `gapwatch-cli targets
 * add` is in the window's list, tracked and printed in the report; one the
 * settings kept (earlier versions) moves into the workspace at start. */
static void
test_targets_workspace (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "team.gwdb", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);
  g_autoptr(GError) error = NULL;
  g_autofree char *listed = NULL, *text = NULL, *csv_2010 = NULL, *csv_half = NULL;
  g_autoptr(GwTarget) half = NULL;
  GVariantBuilder builder, legacy;
  GListModel *titles;
  gboolean found_half = FALSE, found_legacy = FALSE;
  int written = 0;
  GwSession *session;

  make_workspace (path, NULL);
  g_free (run_cli ("targets", "add", "--workspace", path, "--id", "le-half", "--name", "Halve the gap",
                   "--indicator", "le-birth", "--baseline", "1995-1997", "--target", "2009-2011",
                   "--reduction", "50", NULL));

  /* a target as GSettings kept it before targets moved into workspaces */
  close_window (&f->window);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  g_variant_builder_init (&legacy, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&legacy, "{sv}", "name", g_variant_new_string ("target-1"));
  g_variant_builder_add (&legacy, "{sv}", "title", g_variant_new_string ("Old settings target"));
  g_variant_builder_add (&legacy, "{sv}", "indicator", g_variant_new_string ("le-birth"));
  g_variant_builder_add (&legacy, "{sv}", "group", g_variant_new_string ("spearhead"));
  g_variant_builder_add (&legacy, "{sv}", "baseline", g_variant_new_string ("1995-1997"));
  g_variant_builder_add (&legacy, "{sv}", "target-period", g_variant_new_string ("2009-2011"));
  g_variant_builder_add (&legacy, "{sv}", "reduction", g_variant_new_double (0.2));
  g_variant_builder_add_value (&builder, g_variant_builder_end (&legacy));
  g_object_set (f->settings, "targets", g_variant_builder_end (&builder), NULL);

  f->window = open_window (f, path);
  session = gw_window_get_session (f->window);
  half = gw_session_lookup_target (session, "le-half");
  g_assert_nonnull (half);

  /* listed in the header bar, by name */
  titles = gtk_drop_down_get_model (GTK_DROP_DOWN (find_one (GTK_WIDGET (f->window), GTK_TYPE_DROP_DOWN, "gw-target-dropdown")));
  for (guint i = 0; i < g_list_model_get_n_items (titles); i++)
    {
      const char *title = gtk_string_list_get_string (GTK_STRING_LIST (titles), i);

      found_half |= g_strcmp0 (title, "Halve the gap") == 0;
      found_legacy |= g_strcmp0 (title, "Old settings target") == 0;
    }
  g_assert_true (found_half);
  g_assert_true (found_legacy);

  /* the settings' target moved into the workspace, and out of the settings */
  {
    g_autoptr(GVariant) left = NULL;

    g_object_get (f->settings, "targets", &left, NULL);
    g_assert_cmpuint (g_variant_n_children (left), ==, 0);
  }
  listed = run_cli ("targets", "list", "--workspace", path, NULL);
  g_assert_nonnull (strstr (listed, "\nle-half,Halve the gap,"));
  g_assert_nonnull (strstr (listed, "\ntarget-1,Old settings target,"));

  /* tracked: the table is the CLI's for that target, not the built-in's */
  csv_2010 = gw_tracker_view_format_csv (tracker_view (f->window));
  g_assert_true (gw_window_set_target (f->window, "le-half"));
  wait_idle (f->window);
  csv_half = gw_tracker_view_format_csv (tracker_view (f->window));
  g_assert_cmpstr (csv_half, !=, csv_2010);
  {
    g_autofree char *cli = run_cli ("track", "--workspace", path, "--target", "le-half", NULL);

    g_assert_cmpstr (csv_half, ==, cli);
  }

  /* printed: the report's title names it */
  gw_window_export_report_async (f->window, pdf_file, on_report_written_cb, &written);
  while (written == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (written, ==, 1);
  {
    const char *argv[] = { "pdftotext", "-l", "1", pdf, "-", NULL };
    int status = 0;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, &text, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_nonnull (strstr (text, "Halve the gap"));
  }
}

/* A workspace that is damaged, with the backup an upgrade made beside it:
 * the error page says what is wrong and offers the backup; restoring it
 * keeps the damaged file beside it and opens the backup's imports. */
static void
test_restore_backup (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "team.gwdb", NULL);
  g_autofree char *backup = g_strconcat (path, ".v1.bak", NULL);
  g_autofree char *kept = g_strconcat (path, ".damaged", NULL);
  g_autoptr(GFile) from = g_file_new_for_path (path);
  g_autoptr(GFile) to = g_file_new_for_path (backup);
  g_autoptr(GError) error = NULL;
  GtkWidget *restore;
  sqlite3 *db = NULL;

  make_workspace (path, NULL);
  g_assert_true (g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* every stored record overwritten with noise, every import's id no text */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE import_records SET data = randomblob(length(data));"
                                     "UPDATE imports SET export_id = CAST(X'FF' || id AS TEXT)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  close_window (&f->window);
  f->window = open_window (f, path);
  g_assert_cmpstr (content_page (f->window), ==, "workspace-error");
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (find_one (GTK_WIDGET (f->window), GTK_TYPE_LABEL,
                                                                      "gw-workspace-error-message"))),
                            "the workspace is damaged"));
  restore = find_one (GTK_WIDGET (f->window), GTK_TYPE_BUTTON, "gw-restore-backup");
  g_assert_true (gtk_widget_get_visible (restore));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.restore-backup", NULL));
  wait_idle (f->window);
  g_assert_cmpstr (content_page (f->window), ==, "data");
  g_assert_cmpuint (n_imports (f->window), ==, N_SAMPLES);
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_REGULAR));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  setlocale (LC_ALL, "");
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/gapwatch-test-no-bus", TRUE);
  /* The default workspace of these tests, never the user's; before GLib
   * reads it (g_get_user_data_dir() keeps the first answer). */
  data_home = g_dir_make_tmp ("gapwatch-test-data-XXXXXX", NULL);
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  g_assert_true (g_str_has_prefix (g_get_user_data_dir (), data_home));

  g_test_add ("/gw/workspace-ui/persist/restart", Fixture, NULL,
              fixture_set_up, test_persist_restart, fixture_tear_down);
  g_test_add ("/gw/workspace-ui/imports/history", Fixture, NULL,
              fixture_set_up, test_imports_history, fixture_tear_down);
  g_test_add ("/gw/workspace-ui/remove/revision", Fixture, NULL,
              fixture_set_up, test_remove_revision, fixture_tear_down);
  g_test_add ("/gw/workspace-ui/open/second", Fixture, NULL,
              fixture_set_up, test_open_second, fixture_tear_down);
  g_test_add ("/gw/workspace-ui/open/newer", Fixture, NULL,
              fixture_set_up, test_open_newer, fixture_tear_down);
  g_test_add ("/gw/workspace-ui/open/older", Fixture, NULL,
              fixture_set_up, test_open_older, fixture_tear_down);
  g_test_add ("/gw/workspace-ui/store/refused", Fixture, NULL,
              fixture_set_up, test_store_refused, fixture_tear_down);
  g_test_add ("/gw/workspace-ui/copy/save-as", Fixture, NULL,
              fixture_set_up, test_save_copy, fixture_tear_down);
  g_test_add ("/gw/workspace-ui/targets/workspace", Fixture, NULL,
              fixture_set_up, test_targets_workspace, fixture_tear_down);
  g_test_add ("/gw/workspace-ui/open/restore-backup", Fixture, NULL,
              fixture_set_up, test_restore_backup, fixture_tear_down);

  status = g_test_run ();
  remove_tree (data_home);
  g_free (data_home);
  return status;
}
