/* test-window.c: the main window, driven as a user would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Presents a GwWindow of a registered GwApplication, imports the small
 * exports of tests/data/ui/ through gw_window_import_files() (the path the
 * import dialog, drag and drop and the command line take) and through the
 * "Open Sample Exports" action, and reads what the user would see: the rows
 * of the import table, the summary banner, the problems view.  Runs under
 * xvfb-run (tests/meson.build).
 */
#include "gw-config.h"

#include <locale.h>
#include <string.h>

#include <gtk/gtk.h>

#include "ui/gw-application.h"
#include "ui/gw-import-pane.h"
#include "ui/gw-window.h"

#define VALID_RECORDS 12   /* <c> and <v> elements of ui-valid.xml */

/* A window of its own dataset and settings, without an application: a
 * GtkApplication is only shut down (and so finalized) at the end of
 * g_application_run(), which /gw/window/app/open goes through. */
typedef struct
{
  GwDataset  *dataset;
  GwSettings *settings;
  GwWindow   *window;
} Fixture;

static GwWindow *
new_window (Fixture *f)
{
  return g_object_ref_sink (g_object_new (GW_TYPE_WINDOW,
                                          "dataset", f->dataset,
                                          "settings", f->settings,
                                          NULL));
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "ui", name, NULL);
}

/* Widgets */

static void
collect_widgets (GtkWidget  *widget,
                 GType       type,
                 const char *css_class,
                 GPtrArray  *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type)
      && (css_class == NULL || gtk_widget_has_css_class (widget, css_class)))
    g_ptr_array_add (out, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, css_class, out);
}

/* The widgets of type (and class) that are on screen. */
static GPtrArray *
find_mapped (GwWindow   *window,
             GType       type,
             const char *css_class)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  GPtrArray *mapped = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (window), type, css_class, all);
  for (guint i = 0; i < all->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (all, i)))
      g_ptr_array_add (mapped, g_ptr_array_index (all, i));

  return mapped;
}

static GtkWidget *
find_one (GwWindow   *window,
          GType       type,
          const char *css_class)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (window), type, css_class, all);
  g_assert_cmpuint (all->len, ==, 1);
  return g_ptr_array_index (all, 0);
}

/* The label text of the one mapped label of css_class. */
static const char *
mapped_label_text (GwWindow   *window,
                   const char *css_class)
{
  g_autoptr(GPtrArray) labels = find_mapped (window, GTK_TYPE_LABEL, css_class);

  g_assert_cmpuint (labels->len, ==, 1);
  return gtk_label_get_label (g_ptr_array_index (labels, 0));
}

static GtkStack *
content_stack (GwWindow *window)
{
  g_autoptr(GPtrArray) stacks = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (window), GTK_TYPE_STACK, NULL, stacks);
  for (guint i = 0; i < stacks->len; i++)
    if (gtk_stack_get_child_by_name (g_ptr_array_index (stacks, i), "welcome") != NULL)
      return g_ptr_array_index (stacks, i);

  g_assert_not_reached ();
}

static GtkRevealer *
revealer_of (GtkWidget *widget)
{
  GtkWidget *revealer = gtk_widget_get_ancestor (widget, GTK_TYPE_REVEALER);

  g_assert_nonnull (revealer);
  return GTK_REVEALER (revealer);
}

static char *
text_of (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
problems_text (GwWindow *window)
{
  return text_of (find_one (window, GTK_TYPE_TEXT_VIEW, "gw-problems-view"));
}

static gboolean
problems_shown (GwWindow *window)
{
  GtkWidget *view = find_one (window, GTK_TYPE_TEXT_VIEW, "gw-problems-view");

  return gtk_revealer_get_reveal_child (revealer_of (view));
}

/* The text of the banner, or NULL when it is hidden. */
static const char *
message_text (GwWindow *window)
{
  g_autoptr(GPtrArray) revealers = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (window), GTK_TYPE_REVEALER, NULL, revealers);
  for (guint i = 0; i < revealers->len; i++)
    {
      GtkRevealer *revealer = g_ptr_array_index (revealers, i);
      GtkWidget *banner = gtk_revealer_get_child (revealer);

      if (banner != NULL && gtk_widget_has_css_class (banner, "gw-banner"))
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

/* Main loop */

static gboolean
on_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the window's import is done, then until the
 * window has drawn what it shows now. */
static void
wait_for_import (GwWindow *window)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (60, on_timeout, &timed_out);

  while (gw_window_get_busy (window) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (timeout_id);

  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
}

static void
import_fixtures (GwWindow    *window,
                 const char  *first,
                 ...)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  va_list args;

  va_start (args, first);
  for (const char *name = first; name != NULL; name = va_arg (args, const char *))
    g_ptr_array_add (paths, fixture_path (name));
  va_end (args);
  g_ptr_array_add (paths, NULL);

  gw_window_import_files (window, (const char * const *) paths->pdata);
  g_assert_true (gw_window_get_busy (window));
  wait_for_import (window);
}

/* Fixture */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  /* Each test starts from nothing imported. */
  f->dataset = gw_dataset_new ();
  f->settings = gw_settings_new ();
  f->window = new_window (f);
  gtk_window_present (GTK_WINDOW (f->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->window);
  g_assert_finalize_object (f->dataset);
  g_assert_finalize_object (f->settings);
}

/* Tests */

static void
test_window_welcome_empty (Fixture       *f,
                           gconstpointer  data)
{
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content_stack (f->window)), ==, "welcome");
  g_assert_false (gw_window_get_busy (f->window));
  g_assert_false (problems_shown (f->window));
  g_assert_null (message_text (f->window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Gapwatch");
}

static void
test_window_import_valid (Fixture       *f,
                          gconstpointer  data)
{
  GListModel *imports = gw_dataset_get_imports (gw_window_get_dataset (f->window));
  g_autoptr(GwImport) import = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autofree char *n_warnings = NULL;
  g_autofree char *warnings_text = NULL;

  import_fixtures (f->window, "ui-valid.xml", NULL);

  g_assert_cmpuint (g_list_model_get_n_items (imports), ==, 1);
  import = g_list_model_get_item (imports, 0);
  g_assert_cmpuint (gw_import_get_records (import), ==, VALID_RECORDS);

  /* The table replaced the welcome, and shows the one export's row. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content_stack (f->window)), ==, "data");
  g_assert_cmpstr (mapped_label_text (f->window, "gw-records"), ==, "12");
  g_assert_cmpstr (mapped_label_text (f->window, "gw-revisions"), ==, "0");
  g_assert_cmpstr (mapped_label_text (f->window, "gw-export-file"), ==, "ui-valid.xml");
  g_assert_cmpstr (mapped_label_text (f->window, "gw-export-title"), ==, "Deaths registered in June 2007");
  g_assert_cmpstr (mapped_label_text (f->window, "gw-publisher"), ==, "Teesside Public Health Intelligence");
  g_assert_cmpstr (mapped_label_text (f->window, "gw-generated"), ==, "12 July 2007");
  g_assert_cmpstr (mapped_label_text (f->window, "gw-imports-summary"), ==,
                   "1 export · 12 records · 0 revisions");

  /* The suppressed value is a warning: the count opens the texts. */
  g_assert_cmpuint (gw_import_get_n_warnings (import), >=, 1);
  n_warnings = g_strdup_printf ("%u", gw_import_get_n_warnings (import));
  warnings = find_mapped (f->window, GTK_TYPE_MENU_BUTTON, "gw-warnings");
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_cmpstr (gtk_menu_button_get_label (g_ptr_array_index (warnings, 0)), ==, n_warnings);
  warnings_text = text_of (find_one (f->window, GTK_TYPE_TEXT_VIEW, "gw-warnings-text"));
  g_test_message ("warnings: %s", warnings_text);
  /* Named by the file's basename, as in the problems view, and the value. */
  g_assert_true (g_str_has_prefix (warnings_text, "ui-valid.xml:"));
  g_assert_nonnull (strstr (warnings_text, "2004-2006"));

  g_assert_cmpstr (message_text (f->window), ==,
                   "Imported “ui-valid.xml”: 12 records, 0 revisions.");
  g_assert_false (problems_shown (f->window));
}

static void
test_window_import_rejected (Fixture       *f,
                             gconstpointer  data)
{
  GListModel *imports = gw_dataset_get_imports (gw_window_get_dataset (f->window));
  g_autofree char *text = NULL;
  g_autofree char *copied = NULL;
  g_autoptr(GError) error = NULL;
  GValue value = G_VALUE_INIT;
  GdkContentProvider *provider;
  GtkWidget *view;
  GtkWidget *copy;

  import_fixtures (f->window, "ui-rejected.xml", NULL);

  /* Nothing added; the welcome stays, with the problems above it. */
  g_assert_cmpuint (g_list_model_get_n_items (imports), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content_stack (f->window)), ==, "welcome");
  g_assert_true (problems_shown (f->window));
  g_assert_null (message_text (f->window));

  text = problems_text (f->window);
  g_test_message ("problems view: %s", text);
  /* n="-3" is on line 12 of the file; the column follows the line. */
  g_assert_true (g_regex_match_simple ("^ui-rejected\\.xml:12:[1-9][0-9]*: .*-3",
                                       text, G_REGEX_MULTILINE, 0));

  /* Selectable and copyable: a read-only text view, not a label. */
  view = find_one (f->window, GTK_TYPE_TEXT_VIEW, "gw-problems-view");
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (view)));
  g_assert_true (gtk_widget_get_mapped (view));

  /* Copy puts the heading and every problem on the clipboard. */
  copy = find_one (f->window, GTK_TYPE_BUTTON, "gw-copy-problems");
  g_signal_emit_by_name (copy, "clicked");
  provider = gdk_clipboard_get_content (gtk_widget_get_clipboard (GTK_WIDGET (f->window)));
  g_assert_nonnull (provider);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (provider, &value, &error));
  g_assert_no_error (error);
  copied = g_strdup_printf ("“ui-rejected.xml” was not imported\n\n%s", text);
  g_assert_cmpstr (g_value_get_string (&value), ==, copied);
  g_value_unset (&value);
}

static void
test_window_import_mixed (Fixture       *f,
                          gconstpointer  data)
{
  GListModel *imports = gw_dataset_get_imports (gw_window_get_dataset (f->window));
  g_autofree char *text = NULL;

  /* One call, two files: the valid one imports although the other fails. */
  import_fixtures (f->window, "ui-rejected.xml", "ui-valid.xml", NULL);

  g_assert_cmpuint (g_list_model_get_n_items (imports), ==, 1);
  g_assert_cmpstr (mapped_label_text (f->window, "gw-records"), ==, "12");
  g_assert_true (problems_shown (f->window));
  text = problems_text (f->window);
  g_assert_true (g_str_has_prefix (text, "ui-rejected.xml:12:"));
  g_assert_cmpstr (message_text (f->window), ==,
                   "Imported “ui-valid.xml”: 12 records, 0 revisions.");
}

static void
test_window_import_again (Fixture       *f,
                          gconstpointer  data)
{
  GListModel *imports = gw_dataset_get_imports (gw_window_get_dataset (f->window));

  import_fixtures (f->window, "ui-valid.xml", NULL);
  import_fixtures (f->window, "ui-valid.xml", NULL);

  /* The same export again changes nothing, and says so. */
  g_assert_cmpuint (g_list_model_get_n_items (imports), ==, 1);
  g_assert_cmpstr (message_text (f->window), ==,
                   "“ui-valid.xml” was already imported; nothing changed.");
  g_assert_false (problems_shown (f->window));
}

static void
test_window_import_queued (Fixture       *f,
                           gconstpointer  data)
{
  GListModel *imports = gw_dataset_get_imports (gw_window_get_dataset (f->window));
  g_autofree char *valid = fixture_path ("ui-valid.xml");
  g_autofree char *rejected = fixture_path ("ui-rejected.xml");
  const char *first[] = { valid, NULL };
  const char *second[] = { rejected, NULL };

  /* A file dropped while an import runs is imported after it. */
  gw_window_import_files (f->window, first);
  gw_window_import_files (f->window, second);
  wait_for_import (f->window);

  g_assert_cmpuint (g_list_model_get_n_items (imports), ==, 1);
  g_assert_true (problems_shown (f->window));
}

static void
test_window_import_cancel (Fixture       *f,
                           gconstpointer  data)
{
  GListModel *imports = gw_dataset_get_imports (gw_window_get_dataset (f->window));
  g_autofree char *valid = fixture_path ("ui-valid.xml");
  g_autofree char *rejected = fixture_path ("ui-rejected.xml");
  const char *paths[] = { valid, rejected, NULL };
  g_autofree char *expected = NULL;
  guint n_done;

  gw_window_import_files (f->window, paths);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.cancel-import", NULL));
  wait_for_import (f->window);

  /* How far the worker got before it saw the cancel is up to the threads;
   * the message counts exactly the files that did not get through. */
  n_done = g_list_model_get_n_items (imports) + (problems_shown (f->window) ? 1 : 0);
  g_assert_cmpuint (n_done, <, 2);
  expected = g_strdup_printf (2 - n_done == 1 ? "Import cancelled: %u file was not imported."
                                              : "Import cancelled: %u files were not imported.",
                              2 - n_done);
  g_assert_true (g_str_has_suffix (message_text (f->window), expected));
}

static GtkWindow *
find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

static void
test_window_import_dialog (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "ui", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFile) saved = NULL;
  g_autoptr(GFile) current = NULL;
  g_autoptr(GListModel) filters = NULL;
  g_autoptr(GtkFileFilter) first = NULL;
  GtkWindow *dialog;

  /* The last import folder is remembered... */
  gw_settings_set_last_import_folder (f->settings, folder);
  saved = gw_settings_dup_last_import_folder (f->settings);
  g_assert_true (g_file_equal (saved, folder));

  /* ...and the dialog opens there, for several exports at once.  Without a
   * portal, GtkFileChooserNative shows a GtkFileChooserDialog. */
  g_assert_null (find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import", NULL));
  dialog = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (dialog);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));

  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "Import Exports");
  g_assert_true (gtk_file_chooser_get_select_multiple (GTK_FILE_CHOOSER (dialog)));
  current = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (dialog));
  g_assert_true (g_file_equal (current, folder));
  filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (dialog));
  g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 2);
  first = g_list_model_get_item (filters, 0);
  g_assert_cmpstr (gtk_file_filter_get_name (first), ==, "Exports (*.xml, *.xml.gz)");

  /* Cancelling imports nothing. */
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_null (find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_false (gw_window_get_busy (f->window));
  g_assert_cmpuint (g_list_model_get_n_items (gw_dataset_get_imports (f->dataset)), ==, 0);
}

static void
test_window_import_dialog_accept (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "ui", NULL);
  g_autofree char *valid = fixture_path ("ui-valid.xml");
  g_autoptr(GFile) file = g_file_new_for_path (valid);
  g_autoptr(GFile) saved = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;

  /* GSETTINGS_BACKEND=memory keeps values for the whole program. */
  gw_settings_set_last_import_folder (f->settings, NULL);
  g_assert_null (gw_settings_dup_last_import_folder (f->settings));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import", NULL));
  dialog = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (dialog);
  gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), file, &error);
  g_assert_no_error (error);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));

  /* The dialog selects the file once it has listed its folder. */
  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(GFile) selected = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (selected != NULL && g_file_equal (selected, file))
        break;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }

  /* Choosing a file imports it and remembers its folder. */
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_assert_true (gw_window_get_busy (f->window));
  wait_for_import (f->window);

  g_assert_cmpuint (g_list_model_get_n_items (gw_dataset_get_imports (f->dataset)), ==, 1);
  g_assert_cmpstr (mapped_label_text (f->window, "gw-records"), ==, "12");
  saved = gw_settings_dup_last_import_folder (f->settings);
  g_assert_nonnull (saved);
  g_assert_cmpstr (g_file_peek_path (saved), ==, dir);
}

static void
test_window_samples_open (Fixture       *f,
                          gconstpointer  data)
{
  GListModel *imports = gw_dataset_get_imports (gw_window_get_dataset (f->window));
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "ui", NULL);
  g_autofree char *old = g_strdup (g_getenv ("GW_SAMPLES_DIR"));
  g_autofree char *text = NULL;

  /* The fixtures stand in for the bundled samples: in name order, the
   * rejected one first, then the valid one. */
  g_setenv ("GW_SAMPLES_DIR", dir, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-samples", NULL));
  g_assert_true (gw_window_get_busy (f->window));
  wait_for_import (f->window);
  if (old != NULL)
    g_setenv ("GW_SAMPLES_DIR", old, TRUE);
  else
    g_unsetenv ("GW_SAMPLES_DIR");

  g_assert_cmpuint (g_list_model_get_n_items (imports), ==, 1);
  text = problems_text (f->window);
  g_assert_true (g_str_has_prefix (text, "ui-rejected.xml:12:"));
  g_assert_cmpstr (mapped_label_text (f->window, "gw-export-file"), ==, "ui-valid.xml");
}

static void
test_window_settings_size (Fixture       *f,
                           gconstpointer  data)
{
  GwSettings *settings = f->settings;
  GwWindow *window;
  int width = 0, height = 0;

  /* A new window takes the saved size... */
  gw_settings_save_window_state (settings, 900, 640, FALSE);
  window = new_window (f);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);

  /* ...and saves its own when it is closed. */
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (gw_settings_get_window_width (settings), ==, 1000);
  g_assert_cmpint (gw_settings_get_window_height (settings), ==, 700);
  g_assert_false (gw_settings_get_window_maximized (settings));

  g_assert_finalize_object (window);
}

/* The command line: `gapwatch FILE` opens a window that imports FILE. */

typedef struct
{
  GwWindow *window;
  guint     n_imports;
  guint     records;
  guint     n_windows;
} OpenResult;

static gboolean
quit_idle (gpointer user_data)
{
  OpenResult *result = user_data;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (result->window));

  /* The dialogs opened without a warning (fatal here); app.quit closes
   * every window, which ends g_application_run(). */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static gboolean
open_dialogs_idle (gpointer user_data)
{
  OpenResult *result = user_data;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (result->window));

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  g_timeout_add (200, quit_idle, result);
  return G_SOURCE_REMOVE;
}

static void
on_open_window_busy_cb (GwWindow   *window,
                        GParamSpec *pspec,
                        OpenResult *result)
{
  GListModel *imports = gw_dataset_get_imports (gw_window_get_dataset (window));

  if (gw_window_get_busy (window))
    return;

  result->n_imports = g_list_model_get_n_items (imports);
  if (result->n_imports > 0)
    {
      g_autoptr(GwImport) import = g_list_model_get_item (imports, 0);

      result->records = gw_import_get_records (import);
    }

  g_idle_add (open_dialogs_idle, result);
}

static void
on_open_window_added_cb (GtkApplication *app,
                         GtkWindow      *window,
                         OpenResult     *result)
{
  g_assert_true (GW_IS_WINDOW (window));
  g_assert_null (result->window);
  result->window = GW_WINDOW (window);
  g_signal_connect (window, "notify::busy", G_CALLBACK (on_open_window_busy_cb), result);
}

static void
test_window_app_open (void)
{
  GwApplication *app = gw_application_new ();
  g_autofree char *valid = fixture_path ("ui-valid.xml");
  char *argv[] = { (char *) "gapwatch", valid, NULL };
  OpenResult result = { NULL, 0, 0, 0 };
  int status;

  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (on_open_window_added_cb), &result);

  status = g_application_run (G_APPLICATION (app), 2, argv);
  result.n_windows = g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));

  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (result.window);
  g_assert_cmpuint (result.n_imports, ==, 1);
  g_assert_cmpuint (result.records, ==, VALID_RECORDS);
  g_assert_cmpuint (result.n_windows, ==, 0);

  /* Run and shut down, the application lets go of everything. */
  g_assert_finalize_object (app);
}

int
main (int   argc,
      char *argv[])
{
  /* Month names and digit grouping as asserted below. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  setlocale (LC_ALL, "");
  /* GTK 4's NO_AT_BRIDGE: without it GTK looks for the accessibility bus. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  /* No session bus for /gw/window/app/open, neither the user's nor an
   * autolaunched one: the application then runs on its own. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/gapwatch-test-no-bus", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  /* Revealers show their child at once: what is asserted is on screen. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/gw/window/welcome/empty", Fixture, NULL,
              fixture_set_up, test_window_welcome_empty, fixture_tear_down);
  g_test_add ("/gw/window/import/valid", Fixture, NULL,
              fixture_set_up, test_window_import_valid, fixture_tear_down);
  g_test_add ("/gw/window/import/rejected", Fixture, NULL,
              fixture_set_up, test_window_import_rejected, fixture_tear_down);
  g_test_add ("/gw/window/import/mixed", Fixture, NULL,
              fixture_set_up, test_window_import_mixed, fixture_tear_down);
  g_test_add ("/gw/window/import/again", Fixture, NULL,
              fixture_set_up, test_window_import_again, fixture_tear_down);
  g_test_add ("/gw/window/import/queued", Fixture, NULL,
              fixture_set_up, test_window_import_queued, fixture_tear_down);
  g_test_add ("/gw/window/import/cancel", Fixture, NULL,
              fixture_set_up, test_window_import_cancel, fixture_tear_down);
  g_test_add ("/gw/window/import/dialog", Fixture, NULL,
              fixture_set_up, test_window_import_dialog, fixture_tear_down);
  g_test_add ("/gw/window/import/dialog-accept", Fixture, NULL,
              fixture_set_up, test_window_import_dialog_accept, fixture_tear_down);
  g_test_add ("/gw/window/samples/open", Fixture, NULL,
              fixture_set_up, test_window_samples_open, fixture_tear_down);
  g_test_add_func ("/gw/window/app/open", test_window_app_open);
  g_test_add ("/gw/window/settings/size", Fixture, NULL,
              fixture_set_up, test_window_settings_size, fixture_tear_down);

  return g_test_run ();
}
