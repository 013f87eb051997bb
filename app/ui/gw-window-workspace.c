/* gw-window-workspace.c: the workspace the window keeps its imports in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * At start the window opens the workspace used last (or the default one,
 * created when missing) and loads it into a new dataset in a GTask thread
 * (house style 10), with the progress bar; the dataset is shown once it is
 * complete.  A workspace that cannot be opened (written by a newer
 * Gapwatch, damaged, not a workspace) leaves the window on an error page
 * with the store's words and two ways on: open another, start a new one.
 * An older workspace is upgraded by the store after a backup copy, and the
 * banner says where the copy is.
 *
 * The primary menu's workspace items: New Workspace, Open Workspace, Recent
 * Workspaces (GSettings `recent-workspaces`) and Save Workspace As, which
 * writes a copy for a colleague with gw_workspace_save_as() (SQLite's online
 * backup: every page, one consistent state).  The Imports page's Remove and Save Original File buttons end
 * here too: the confirmation, gw_workspace_remove_import(),
 * gw_workspace_save_original().
 */
#include "gw-config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "session/gw-session-import.h"
#include "gw-import-history.h"
#include "gw-ui-text.h"
#include "gw-window-private.h"

/* How often the progress bar moves while a workspace opens (ms), and after
 * how many moves the loading page shows its spinner: a national workspace
 * opens in well under that, and nothing flashes. */
#define PULSE_INTERVAL_MS 100
#define PULSES_BEFORE_SPINNER 4

typedef enum
{
  CHOOSE_NEW = 0,
  CHOOSE_OPEN,
  CHOOSE_SAVE_AS,
  CHOOSE_SAVE_ORIGINAL,
} ChooserKind;

/* Opening: what the thread is given and gives back. */
struct _GwWindowOpenJob
{
  GWeakRef              window;
  GCancellable         *cancellable;
  char                 *path;
  GwWorkspaceOpenFlags  flags;
  char                 *note;        /* said once it is open, or NULL */
  /* set by the thread */
  GwWorkspace          *workspace;
  GwDataset            *dataset;
  GError               *load_error;  /* some imports could not be loaded */
  gboolean              read_only;
};

/* Saving a copy: gw_workspace_save_as() from an idle on the main thread. */
struct _GwWindowCopyJob
{
  GWeakRef      window;
  GCancellable *cancellable;
  char         *path;       /* the copy */
  guint         n_exports;  /* for the banner */
};

/* Names */

static char *
canonical_path (const char *path)
{
  return g_canonicalize_filename (path, NULL);
}

static gboolean
is_default_path (const char *path)
{
  g_autofree char *default_path = gw_workspace_default_path ();
  g_autofree char *a = canonical_path (default_path);
  g_autofree char *b = canonical_path (path);

  return g_strcmp0 (a, b) == 0;
}

/* "Default Workspace", or the file's name without .gwdb. */
static char *
workspace_name (const char *path)
{
  g_autofree char *basename = NULL;

  if (is_default_path (path))
    return g_strdup (_("Default Workspace"));

  basename = g_filename_display_basename (path);
  if (g_str_has_suffix (basename, ".gwdb") && strlen (basename) > strlen (".gwdb"))
    basename[strlen (basename) - strlen (".gwdb")] = '\0';
  return g_steal_pointer (&basename);
}

/* The folder for people: ~/Documents rather than /home/jo/Documents. */
static char *
display_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  const char *home = g_get_home_dir ();
  g_autofree char *display = g_filename_display_name (dir);

  if (home != NULL && g_str_has_prefix (dir, home)
      && (dir[strlen (home)] == '\0' || dir[strlen (home)] == G_DIR_SEPARATOR))
    {
      g_autofree char *rest = g_filename_display_name (dir + strlen (home));

      return g_strconcat ("~", rest, NULL);
    }
  return g_steal_pointer (&display);
}

static void
show_error_dialog (GwWindow   *self,
                   const char *primary,
                   const char *secondary)
{
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                              GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                              "%s", primary);

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  gtk_widget_add_css_class (dialog, "gw-workspace-error-dialog");
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
gw_window_update_title (GwWindow *self)
{
  g_autofree char *name = gw_window_dup_workspace_name (self);

  if (name != NULL)
    {
      g_autofree char *title = NULL;
      g_autofree char *tooltip = g_filename_display_name (self->workspace_path);

      /* Translators: the window title, "Default Workspace — Gapwatch". */
      title = g_strdup_printf (_("%s — Gapwatch"), name);
      gtk_window_set_title (GTK_WINDOW (self), title);
      gtk_label_set_label (self->workspace_label, name);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->workspace_label), tooltip);
    }
  else
    gtk_window_set_title (GTK_WINDOW (self), _("Gapwatch"));

  gtk_widget_set_visible (GTK_WIDGET (self->workspace_label), name != NULL);
}

/* Recent workspaces */

static void
gw_window_fill_recent (GwWindow *self)
{
  g_auto(GStrv) paths = gw_settings_dup_recent_workspaces (self->settings);

  g_menu_remove_all (self->recent_section);
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *name = workspace_name (paths[i]);
      g_autofree char *folder = display_folder (paths[i]);
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;

      /* Translators: an item of Recent Workspaces: the workspace, then its
       * folder, "north-east-2007 (~/Documents)".  The default workspace
       * is in a hidden folder: its name says enough. */
      label = is_default_path (paths[i]) ? g_strdup (name) : g_strdup_printf (_("%s (%s)"), name, folder);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent", g_variant_new_string (paths[i]));
      g_menu_append_item (self->recent_section, item);
    }

  /* An item whose action is never enabled: shown, not chosen. */
  if (paths[0] == NULL)
    g_menu_append (self->recent_section, _("No Recent Workspaces"), "win.no-recent-workspaces");
}

static void
on_recent_changed_cb (GwWindow   *self,
                      GParamSpec *pspec,
                      GwSettings *settings)
{
  gw_window_fill_recent (self);
}

/* Opening a workspace */

static void
open_job_free (gpointer data)
{
  GwWindowOpenJob *job = data;

  g_weak_ref_clear (&job->window);
  g_clear_object (&job->cancellable);
  g_free (job->path);
  g_free (job->note);
  if (job->workspace != NULL)
    gw_workspace_close (job->workspace);
  g_clear_object (&job->workspace);
  g_clear_object (&job->dataset);
  g_clear_error (&job->load_error);
  g_free (job);
}

/* A thread: the workspace and the dataset are new and nobody else's until
 * they are given to the window, so the store's one-thread rule holds. */
static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GwWindowOpenJob *job = task_data;
  GError *error = NULL;

  job->workspace = gw_workspace_open (job->path, job->flags, &error);
  if (job->workspace == NULL && g_error_matches (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_READ_ONLY)
      && !(job->flags & GW_WORKSPACE_OPEN_READ_ONLY) && g_file_test (job->path, G_FILE_TEST_IS_REGULAR))
    {
      /* A workspace shared read-only: it can be read, and copied. */
      g_clear_error (&error);
      job->workspace = gw_workspace_open (job->path, GW_WORKSPACE_OPEN_READ_ONLY, &error);
      job->read_only = job->workspace != NULL;
    }
  if (job->workspace == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  job->dataset = gw_dataset_new ();
  if (!gw_workspace_load (job->workspace, job->dataset, cancellable, &error))
    {
      /* Some imports could not be loaded: the others are shown, and why
       * not those; nothing at all is an error. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          || g_list_model_get_n_items (gw_dataset_get_imports (job->dataset)) == 0)
        {
          g_task_return_error (task, error);
          return;
        }
      job->load_error = error;
    }

  g_task_return_boolean (task, TRUE);
}

static gboolean
on_pulse_cb (gpointer user_data)
{
  GwWindow *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  if (++self->n_pulses == PULSES_BEFORE_SPINNER)
    {
      gtk_widget_set_opacity (self->loading_box, 1.0);
      gtk_spinner_start (GTK_SPINNER (gtk_widget_get_first_child (self->loading_box)));
    }
  return G_SOURCE_CONTINUE;
}

static void
stop_pulse (GwWindow *self)
{
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_widget_set_opacity (self->loading_box, 0.0);
  gtk_spinner_stop (GTK_SPINNER (gtk_widget_get_first_child (self->loading_box)));
  self->n_pulses = 0;
}

/* The newest backup an upgrade of the workspace at path made (path.vN.bak,
 * path.vN.K.bak), or NULL. */
static char *
find_backup (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (base, ".v", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  char *best = NULL;
  gint64 best_time = G_MININT64;
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *candidate = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (name, prefix) || !g_str_has_suffix (name, ".bak"))
        continue;
      candidate = g_build_filename (dir, name, NULL);
      if (g_stat (candidate, &st) != 0 || !S_ISREG (st.st_mode) || (gint64) st.st_mtime < best_time)
        continue;
      best_time = st.st_mtime;
      g_free (best);
      best = g_steal_pointer (&candidate);
    }
  return best;
}

/* The open failed at start, or opening was cancelled: the error page. */
static void
gw_window_show_workspace_error (GwWindow   *self,
                                const char *path,
                                const char *title,
                                const char *message)
{
  if (self->workspace != NULL)
    gw_workspace_close (self->workspace);
  g_clear_object (&self->workspace);
  if (self->session != NULL)
    gw_session_set_workspace (self->session, NULL);
  g_free (self->workspace_path);
  self->workspace_path = g_strdup (path);
  self->workspace_state = GW_WINDOW_WORKSPACE_FAILED;

  /* a damaged or unreadable workspace that an upgrade backed up: offer it */
  g_free (self->workspace_backup);
  self->workspace_backup = path != NULL && g_file_test (path, G_FILE_TEST_EXISTS) ? find_backup (path) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->restore_backup_button), self->workspace_backup != NULL);
  gw_window_workspace_update_actions (self);

  gtk_label_set_label (self->workspace_error_title, title);
  gtk_label_set_label (self->workspace_error_label, message);
  gw_window_update_title (self);
  gw_window_update_page (self);
}

/* Puts back the backup of the workspace that could not be opened, keeping
 * the damaged file beside it (".damaged"), and opens it. */
static void
restore_backup_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);
  g_autofree char *path = g_strdup (self->workspace_path);
  g_autofree char *kept = NULL;
  g_autoptr(GFile) from = NULL;
  g_autoptr(GFile) to = NULL;
  g_autoptr(GError) error = NULL;

  if (self->workspace_backup == NULL || path == NULL)
    return;

  kept = g_strconcat (path, ".damaged", NULL);
  from = g_file_new_for_path (self->workspace_backup);
  to = g_file_new_for_path (path);
  gw_workspace_delete (kept, NULL);
  if ((g_rename (path, kept) != 0 && errno != ENOENT)
      || !gw_workspace_delete (path, &error)
      || !g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error))
    {
      g_autofree char *name = workspace_name (path);
      g_autofree char *primary = g_strdup_printf (_("The backup of “%s” could not be restored"), name);

      show_error_dialog (self, primary, error != NULL ? error->message : g_strerror (errno));
      return;
    }
  gw_window_open_workspace (self, path);
}

/* The workspace is open and loaded: show it instead of the one before. */
static void
gw_window_take_workspace (GwWindow        *self,
                          GwWindowOpenJob *job)
{
  g_autoptr(GString) notes = g_string_new (job->note);
  g_autofree char *name = NULL;

  if (self->workspace != NULL)
    gw_workspace_close (self->workspace);
  g_clear_object (&self->workspace);
  self->workspace = g_steal_pointer (&job->workspace);
  g_free (self->workspace_path);
  self->workspace_path = g_strdup (job->path);
  self->workspace_state = GW_WINDOW_WORKSPACE_OPEN;

  /* its targets: the session writes the ones it kept in memory into it */
  gw_session_set_workspace (self->session, self->workspace);
  gw_window_set_dataset (self, job->dataset);
  gw_window_clear_messages (self);
  gw_window_update_title (self);
  gw_window_update_page (self);

  /* Reopened at the next start; the default is kept as "none". */
  gw_settings_set_last_workspace (self->settings, is_default_path (job->path) ? NULL : job->path);
  gw_settings_add_recent_workspace (self->settings, job->path);

  name = gw_window_dup_workspace_name (self);
  if (gw_workspace_get_backup_path (self->workspace) != NULL)
    {
      g_autofree char *backup = g_filename_display_name (gw_workspace_get_backup_path (self->workspace));

      if (notes->len > 0)
        g_string_append_c (notes, ' ');
      /* Translators: after an older workspace was upgraded; the second %s
       * is the path of the copy. */
      g_string_append_printf (notes, _("“%s” was made by an earlier version of Gapwatch and has been "
                                       "upgraded. A copy of it as it was is kept at %s."),
                              name, backup);
    }
  if (job->read_only)
    {
      if (notes->len > 0)
        g_string_append_c (notes, ' ');
      g_string_append_printf (notes, _("“%s” cannot be changed here (the file or its folder is read-only): "
                                       "you can look at it and save a copy, but not import into it."),
                              name);
    }
  if (job->load_error != NULL)
    {
      if (notes->len > 0)
        g_string_append_c (notes, ' ');
      g_string_append_printf (notes, _("Some imports could not be loaded: %s"), job->load_error->message);
    }
  /* files like the ones imported are read by the mappings they were */
  {
    g_autoptr(GError) mapping_error = NULL;

    if (!gw_session_use_workspace_mappings (job->dataset, NULL, &mapping_error))
      {
        if (notes->len > 0)
          g_string_append_c (notes, ' ');
        g_string_append (notes, mapping_error->message);
      }
  }
  if (notes->len > 0)
    gw_window_show_message (self, notes->str);
}

static void
on_open_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GwWindowOpenJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GwWindow) self = g_weak_ref_get (&job->window);
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);

  /* The window went away, or opened another meanwhile. */
  if (self == NULL || self->open_job != job)
    return;
  self->open_job = NULL;
  stop_pulse (self);

  if (error == NULL)
    gw_window_take_workspace (self, job);
  else if (self->workspace_state == GW_WINDOW_WORKSPACE_OPEN)
    {
      /* The one open stays open. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *name = workspace_name (job->path);
          g_autofree char *primary = g_strdup_printf (_("“%s” cannot be opened"), name);

          show_error_dialog (self, primary, error->message);
        }
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    gw_window_show_workspace_error (self, job->path, _("No Workspace Is Open"),
                                    _("Opening the workspace was cancelled."));
  else
    gw_window_show_workspace_error (self, job->path, _("This Workspace Cannot Be Opened"), error->message);

  if (!gw_window_run_pending (self))
    gw_window_update_busy (self);
}

static void
gw_window_start_open (GwWindow             *self,
                      const char           *path,
                      GwWorkspaceOpenFlags  flags,
                      const char           *note)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = workspace_name (path);
  g_autofree char *label = NULL;
  GwWindowOpenJob *job;

  if (gw_window_get_busy (self))
    {
      gw_window_show_message (self, _("Wait for the import to finish, or cancel it, before opening another workspace."));
      return;
    }

  job = g_new0 (GwWindowOpenJob, 1);
  g_weak_ref_init (&job->window, self);
  job->cancellable = g_cancellable_new ();
  job->path = canonical_path (path);
  job->flags = flags;
  job->note = g_strdup (note);
  self->open_job = job;

  /* Nothing shown yet: the loading page (blank for a moment); else the
   * workspace open stays on screen until the new one is ready. */
  if (self->workspace_state != GW_WINDOW_WORKSPACE_OPEN)
    {
      self->workspace_state = GW_WINDOW_WORKSPACE_LOADING;
      g_free (self->workspace_path);
      self->workspace_path = g_strdup (job->path);
      gw_window_update_title (self);
      gw_window_update_page (self);
    }

  /* Translators: while a workspace opens, "Opening “Default Workspace”…" */
  label = g_strdup_printf (_("Opening “%s”…"), name);
  gtk_label_set_label (self->progress_label, label);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  self->n_pulses = 0;
  self->pulse_id = g_timeout_add (PULSE_INTERVAL_MS, on_pulse_cb, self);

  task = g_task_new (NULL, job->cancellable, on_open_done_cb, NULL);
  g_task_set_source_tag (task, gw_window_start_open);
  g_task_set_task_data (task, job, open_job_free);
  g_task_run_in_thread (task, open_thread);

  gw_window_update_busy (self);
}

/* Saving a copy */

static void
copy_job_free (GwWindowCopyJob *job)
{
  g_weak_ref_clear (&job->window);
  g_clear_object (&job->cancellable);
  g_free (job->path);
  g_free (job);
}

/* On the main thread, from an idle: the window's workspace is used by one
 * thread only (gw-workspace.h), and the online backup of even a national
 * workspace takes well under a second.  The idle lets the banner say
 * "Saving a copy as …" first. */
static gboolean
copy_idle_cb (gpointer user_data)
{
  GwWindowCopyJob *job = user_data;
  g_autoptr(GwWindow) self = g_weak_ref_get (&job->window);
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;

  /* The window went, or was given another job: nothing to do or say. */
  if (self == NULL || self->copy_job != job)
    {
      copy_job_free (job);
      return G_SOURCE_REMOVE;
    }

  self->copy_job = NULL;
  basename = g_filename_display_basename (job->path);
  if (g_cancellable_is_cancelled (job->cancellable))
    gw_window_show_message (self, _("Saving the copy was cancelled; nothing was saved."));
  else if (self->workspace != NULL
           && gw_workspace_delete (job->path, &error)
           && gw_workspace_save_as (self->workspace, job->path, &error))
    {
      g_autofree char *name = gw_window_dup_workspace_name (self);
      g_autofree char *exports = g_strdup_printf (ngettext ("%u export", "%u exports", job->n_exports),
                                                  job->n_exports);
      g_autofree char *message = NULL;

      gtk_progress_bar_set_fraction (self->progress_bar, 1.0);
      /* Translators: after Save Workspace As, "Saved a copy of this
       * workspace as “for-jo.gwdb” (18 exports). Gapwatch goes on
       * with “Default Workspace”." */
      message = g_strdup_printf (_("Saved a copy of this workspace as “%s” (%s). Gapwatch goes on with “%s”."),
                                 basename, exports, name);
      gw_window_show_message (self, message);
      gw_settings_add_recent_workspace (self->settings, job->path);
    }
  else
    {
      g_autofree char *primary = g_strdup_printf (_("The copy “%s” could not be saved"), basename);

      /* No workspace: it was closed meanwhile, nothing to copy. */
      show_error_dialog (self, primary, error != NULL ? error->message
                                                      : _("The workspace was closed before it could be copied."));
    }

  if (!gw_window_run_pending (self))
    gw_window_update_busy (self);
  copy_job_free (job);
  return G_SOURCE_REMOVE;
}

static void
gw_window_start_copy (GwWindow   *self,
                      const char *path)
{
  GwWindowCopyJob *job;
  g_autofree char *basename = g_filename_display_basename (path);
  g_autofree char *label = NULL;

  job = g_new0 (GwWindowCopyJob, 1);
  g_weak_ref_init (&job->window, self);
  job->cancellable = g_cancellable_new ();
  job->path = canonical_path (path);
  job->n_exports = g_list_model_get_n_items (gw_dataset_get_imports (self->dataset));
  self->copy_job = job;

  /* Translators: while Save Workspace As runs, "Saving a copy as “for-jo.gwdb”…" */
  label = g_strdup_printf (_("Saving a copy as “%s”…"), basename);
  gtk_label_set_label (self->progress_label, label);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);

  g_idle_add (copy_idle_cb, job);
  gw_window_update_busy (self);
}

/* Removing an import */

static GwImport *
find_import (GwWindow   *self,
             const char *export_id)
{
  return export_id != NULL ? gw_dataset_find_import (self->dataset, export_id) : NULL;
}

static void
on_remove_response_cb (GtkDialog *dialog,
                       int        response,
                       GwWindow  *self)
{
  g_autofree char *export_id = g_steal_pointer (&self->remove_export_id);
  GwImport *import;

  self->remove_dialog = NULL;
  gtk_window_destroy (GTK_WINDOW (dialog));

  import = find_import (self, export_id);
  if (response != GTK_RESPONSE_ACCEPT || import == NULL)
    return;

  {
    g_autoptr(GwImport) kept = g_object_ref (import);
    g_autoptr(GwImportHistory) history = gw_import_history_new (self->dataset);
    guint revised = gw_import_history_count_revised (history, kept);
    g_autofree char *name = gw_import_display_name (kept);
    g_autoptr(GError) error = NULL;
    g_autofree char *message = NULL;

    /* The store removes it from the dataset too, once it is out of the
     * file; without a workspace only the dataset has it. */
    if (self->workspace != NULL)
      {
        if (!gw_workspace_remove_import (self->workspace, self->dataset, kept, &error))
          {
            g_autofree char *primary = g_strdup_printf (_("“%s” was not removed"), name);

            show_error_dialog (self, primary, error->message);
            return;
          }
      }
    else
      gw_dataset_remove_import (self->dataset, kept);

    if (revised > 0)
      {
        g_autofree char *count = gw_ui_format_count (revised);

        message = g_strdup_printf (ngettext ("Removed “%s”: %s value went back to its earlier value.",
                                             "Removed “%s”: %s values went back to their earlier values.",
                                             revised),
                                   name, count);
      }
    else
      message = g_strdup_printf (_("Removed “%s”."), name);
    gw_window_show_message (self, message);
  }
}

static void
remove_import_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);
  GwImport *import = find_import (self, g_variant_get_string (parameter, NULL));
  g_autoptr(GwImportHistory) history = NULL;
  g_autofree char *name = NULL;
  g_autofree char *secondary = NULL;
  g_autofree char *records = NULL;
  GtkWidget *dialog;
  GtkWidget *button;
  guint n_records, revised;

  if (import == NULL || self->remove_dialog != NULL)
    return;

  history = gw_import_history_new (self->dataset);
  revised = gw_import_history_count_revised (history, import);
  n_records = gw_import_get_records (import);
  records = gw_ui_format_count (n_records);
  name = gw_import_display_name (import);

  if (n_records == 0)
    secondary = g_strdup (_("It added no records."));
  else if (revised == 0)
    secondary = g_strdup_printf (ngettext ("The %s record it added is removed.",
                                           "The %s records it added are removed.", n_records),
                                 records);
  else
    {
      g_autofree char *values = gw_ui_format_count (revised);
      g_autofree char *first = g_strdup_printf (ngettext ("The %s record it added is removed",
                                                          "The %s records it added are removed", n_records),
                                                records);
      g_autofree char *second = g_strdup_printf (ngettext ("the %s value it revised goes back to its earlier value",
                                                           "the %s values it revised go back to their earlier values",
                                                           revised),
                                                 values);

      /* Translators: "The 15,340 records it added are removed and the 36
       * values it revised go back to their earlier values." */
      secondary = g_strdup_printf (_("%s and %s."), first, second);
    }

  /* Translators: the question before removing an import,
   * "Remove “Deaths registered in June 2007”?" */
  dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   _("Remove “%s”?"), name);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  button = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Remove"), GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  gtk_widget_add_css_class (dialog, "gw-remove-dialog");

  self->remove_dialog = GTK_WINDOW (dialog);
  self->remove_export_id = g_strdup (gw_import_get_id (import));
  g_signal_connect (dialog, "response", G_CALLBACK (on_remove_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The file choosers */

static void
on_workspace_chooser_response_cb (GtkNativeDialog *dialog,
                                  int              response,
                                  GwWindow        *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *export_id = g_steal_pointer (&self->chooser_export_id);
  ChooserKind kind = self->workspace_chooser_kind;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->workspace_chooser);

  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      gw_window_show_message (self, _("Workspaces can only be kept on this computer."));
      return;
    }

  switch (kind)
    {
    case CHOOSE_NEW:
      gw_window_new_workspace (self, path);
      break;
    case CHOOSE_OPEN:
      gw_window_open_workspace (self, path);
      break;
    case CHOOSE_SAVE_AS:
      gw_window_save_workspace_copy (self, path);
      break;
    case CHOOSE_SAVE_ORIGINAL:
    default:
      {
        g_autoptr(GError) error = NULL;

        if (!gw_window_save_original (self, export_id, file, &error))
          {
            g_autofree char *basename = g_file_get_basename (file);
            g_autofree char *primary = g_strdup_printf (_("“%s” could not be saved"), basename);

            show_error_dialog (self, primary, error->message);
          }
      }
      break;
    }
}

static void
gw_window_open_workspace_chooser (GwWindow    *self,
                                  ChooserKind  kind,
                                  const char  *title,
                                  const char  *accept,
                                  const char  *name)
{
  gboolean save = kind != CHOOSE_OPEN;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (self->workspace_chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->workspace_chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->workspace_chooser));
      g_clear_object (&self->workspace_chooser);
    }

  self->workspace_chooser_kind = kind;
  self->workspace_chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self),
                                                         save ? GTK_FILE_CHOOSER_ACTION_SAVE
                                                              : GTK_FILE_CHOOSER_ACTION_OPEN,
                                                         accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->workspace_chooser), TRUE);

  if (kind != CHOOSE_SAVE_ORIGINAL)
    {
      gtk_file_filter_set_name (filter, _("Gapwatch workspaces (*.gwdb)"));
      gtk_file_filter_add_pattern (filter, "*.gwdb");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->workspace_chooser), filter);
      gtk_file_filter_set_name (all, _("All Files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->workspace_chooser), all);
      gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->workspace_chooser), filter);

      /* Not the hidden data folder of the default workspace. */
      if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GFile) folder = g_file_new_for_path (documents);

          gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->workspace_chooser), folder, NULL);
        }
    }
  if (save && name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->workspace_chooser), name);

  g_signal_connect (self->workspace_chooser, "response",
                    G_CALLBACK (on_workspace_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->workspace_chooser));
}

/* A name typed without .gwdb gets it, so the Open dialog's filter shows it. */
static char *
with_extension (const char *path)
{
  if (g_str_has_suffix (path, ".gwdb"))
    return g_strdup (path);
  return g_strconcat (path, ".gwdb", NULL);
}

/* Actions */

static void
new_workspace_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  /* Translators: the file name New Workspace suggests. */
  g_autofree char *name = g_strdup_printf ("%s.gwdb", _("New workspace"));

  gw_window_open_workspace_chooser (GW_WINDOW (widget), CHOOSE_NEW, _("New Workspace"),
                                    _("_Create"), name);
}

static void
open_workspace_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  gw_window_open_workspace_chooser (GW_WINDOW (widget), CHOOSE_OPEN, _("Open Workspace"),
                                    _("_Open"), NULL);
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);
  const char *path = g_variant_get_string (parameter, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *display = g_filename_display_name (path);
      g_autofree char *primary = g_strdup_printf (_("“%s” cannot be opened"), display);

      show_error_dialog (self, primary, _("The file was moved or deleted."));
      gw_window_fill_recent (self);
      return;
    }
  gw_window_open_workspace (self, path);
}

static void
save_workspace_as_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);
  g_autofree char *name = gw_window_dup_workspace_name (self);
  g_autofree char *suggested = NULL;

  /* Translators: the file name Save Workspace As suggests,
   * "Default Workspace (copy).gwdb". */
  suggested = g_strdup_printf (_("%s (copy).gwdb"), name != NULL ? name : _("Workspace"));
  gw_window_open_workspace_chooser (self, CHOOSE_SAVE_AS, _("Save a Copy of the Workspace"),
                                    _("_Save"), suggested);
}

static void
save_original_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);
  GwImport *import = find_import (self, g_variant_get_string (parameter, NULL));
  g_autofree char *basename = NULL;

  if (import == NULL)
    return;

  basename = g_path_get_basename (gw_import_get_file (import));
  gw_window_open_workspace_chooser (self, CHOOSE_SAVE_ORIGINAL, _("Save Original File"),
                                    _("_Save"), basename);
  g_free (self->chooser_export_id);
  self->chooser_export_id = g_strdup (gw_import_get_id (import));
}

/* GwWindow hooks */

void
gw_window_workspace_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-workspace", NULL, new_workspace_action);
  gtk_widget_class_install_action (widget_class, "win.open-workspace", NULL, open_workspace_action);
  gtk_widget_class_install_action (widget_class, "win.restore-backup", NULL, restore_backup_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.save-workspace-as", NULL, save_workspace_as_action);
  gtk_widget_class_install_action (widget_class, "win.remove-import", "s", remove_import_action);
  gtk_widget_class_install_action (widget_class, "win.save-original", "s", save_original_action);
  gtk_widget_class_install_action (widget_class, "win.no-recent-workspaces", NULL, NULL);
}

void
gw_window_workspace_init (GwWindow *self)
{
  self->workspace_state = GW_WINDOW_WORKSPACE_NONE;
}

void
gw_window_workspace_constructed (GwWindow *self)
{
  self->recent_changed_id =
    g_signal_connect_object (self->settings, "notify::recent-workspaces",
                             G_CALLBACK (on_recent_changed_cb), self, G_CONNECT_SWAPPED);
  gw_window_fill_recent (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.no-recent-workspaces", FALSE);
  gw_window_workspace_update_actions (self);
}

void
gw_window_workspace_dispose (GwWindow *self)
{
  /* The threads and tasks finish on their own; their callbacks find the
   * window gone and only clean up. */
  if (self->open_job != NULL)
    {
      g_cancellable_cancel (self->open_job->cancellable);
      self->open_job = NULL;
    }
  if (self->copy_job != NULL)
    {
      g_cancellable_cancel (self->copy_job->cancellable);
      self->copy_job = NULL;
    }
  g_clear_handle_id (&self->pulse_id, g_source_remove);

  if (self->workspace_chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->workspace_chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->workspace_chooser));
      g_clear_object (&self->workspace_chooser);
    }
  if (self->remove_dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->remove_dialog, self);
      gtk_window_destroy (g_steal_pointer (&self->remove_dialog));
    }
  if (self->settings != NULL)
    g_clear_signal_handler (&self->recent_changed_id, self->settings);

  if (self->workspace != NULL)
    gw_workspace_close (self->workspace);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->workspace_path, g_free);
  g_clear_pointer (&self->workspace_backup, g_free);
  g_clear_pointer (&self->chooser_export_id, g_free);
  g_clear_pointer (&self->remove_export_id, g_free);
}

gboolean
gw_window_workspace_is_busy (GwWindow *self)
{
  return self->open_job != NULL || self->copy_job != NULL;
}

void
gw_window_workspace_cancel (GwWindow *self)
{
  if (self->open_job != NULL)
    g_cancellable_cancel (self->open_job->cancellable);
  if (self->copy_job != NULL)
    g_cancellable_cancel (self->copy_job->cancellable);
}

/* Nothing that changes the workspace while something else does. */
void
gw_window_workspace_update_actions (GwWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean busy = gw_window_get_busy (self);
  gboolean open = self->workspace != NULL && self->workspace_state == GW_WINDOW_WORKSPACE_OPEN;
  gboolean shown = self->workspace_state == GW_WINDOW_WORKSPACE_NONE || open;

  gtk_widget_action_set_enabled (widget, "win.new-workspace", !busy);
  gtk_widget_action_set_enabled (widget, "win.open-workspace", !busy);
  gtk_widget_action_set_enabled (widget, "win.open-recent", !busy);
  gtk_widget_action_set_enabled (widget, "win.save-workspace-as", !busy && open);
  gtk_widget_action_set_enabled (widget, "win.remove-import", !busy && shown);
  gtk_widget_action_set_enabled (widget, "win.save-original", !busy && open);
  gtk_widget_action_set_enabled (widget, "win.restore-backup",
                                 !busy && self->workspace_state == GW_WINDOW_WORKSPACE_FAILED
                                 && self->workspace_backup != NULL);
}

/* Public API */

/**
 * gw_window_open_workspace:
 * @path: (nullable): a workspace file; %NULL for the one open last, or the
 *   default workspace (created when missing) when there is none or it is
 *   gone
 *
 * Opens and loads the workspace in a thread, with the progress bar, then
 * shows it in place of the one open.  When it cannot be opened, the one
 * open stays (an error dialog says why); when none was open, the error
 * page says why.  Remembered for the next start and in Recent Workspaces.
 */
void
gw_window_open_workspace (GwWindow   *self,
                          const char *path)
{
  g_return_if_fail (GW_IS_WINDOW (self));

  if (path == NULL)
    {
      g_autofree char *last = gw_settings_dup_last_workspace (self->settings);
      g_autofree char *default_path = gw_workspace_default_path ();
      g_autofree char *note = NULL;

      if (last != NULL && g_file_test (last, G_FILE_TEST_EXISTS))
        {
          gw_window_start_open (self, last, GW_WORKSPACE_OPEN_DEFAULT, NULL);
          return;
        }
      if (last != NULL)
        {
          g_autofree char *display = g_filename_display_name (last);

          note = g_strdup_printf (_("The workspace %s was not found, so the default workspace was opened."),
                                  display);
        }
      gw_window_start_open (self, default_path, GW_WORKSPACE_OPEN_CREATE, note);
      return;
    }

  if (self->workspace_state == GW_WINDOW_WORKSPACE_OPEN && self->workspace_path != NULL)
    {
      g_autofree char *wanted = canonical_path (path);

      if (g_strcmp0 (wanted, self->workspace_path) == 0)
        {
          g_autofree char *name = gw_window_dup_workspace_name (self);
          g_autofree char *message = g_strdup_printf (_("“%s” is the workspace open now."), name);

          gw_window_show_message (self, message);
          return;
        }
    }

  /* The default workspace is made again when it was deleted. */
  gw_window_start_open (self, path, is_default_path (path) ? GW_WORKSPACE_OPEN_CREATE : GW_WORKSPACE_OPEN_DEFAULT,
                        NULL);
}

/**
 * gw_window_new_workspace:
 * @path: the new workspace file (".gwdb" is added when missing); a file
 *   there is replaced, as the New Workspace dialog has asked
 *
 * Creates an empty workspace and opens it: the window shows the welcome.
 */
void
gw_window_new_workspace (GwWindow   *self,
                         const char *path)
{
  g_autofree char *full = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GW_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  full = with_extension (path);
  if (gw_window_get_busy (self))
    return;
  if (self->workspace_path != NULL && self->workspace_state == GW_WINDOW_WORKSPACE_OPEN)
    {
      g_autofree char *wanted = canonical_path (full);

      if (g_strcmp0 (wanted, self->workspace_path) == 0)
        {
          show_error_dialog (self, _("The workspace was not replaced"),
                             _("It is the workspace open now. Choose another name for the new workspace."));
          return;
        }
    }
  /* The dialog asked before replacing the file it was given. */
  if (g_strcmp0 (full, path) != 0 && g_file_test (full, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (full);
      g_autofree char *primary = g_strdup_printf (_("“%s” already exists"), display);

      show_error_dialog (self, primary, _("Choose another name for the new workspace."));
      return;
    }
  if (!gw_workspace_delete (full, &error))
    {
      show_error_dialog (self, _("The new workspace could not be created"), error->message);
      return;
    }

  gw_window_start_open (self, full, GW_WORKSPACE_OPEN_CREATE, NULL);
}

/**
 * gw_window_save_workspace_copy:
 * @path: the copy (".gwdb" is added when missing); a file there is
 *   replaced, as the Save Workspace As dialog has asked
 *
 * Writes a workspace with every import of the open one, in the same order,
 * and its targets, for a colleague; the progress bar shows it, and the
 * window goes on with the workspace it has.  The copy is
 * gw_workspace_save_as()'s: the workspace file as it is, page for page.
 */
void
gw_window_save_workspace_copy (GwWindow   *self,
                               const char *path)
{
  g_autofree char *full = NULL;
  g_autofree char *wanted = NULL;

  g_return_if_fail (GW_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (self->workspace == NULL || self->workspace_state != GW_WINDOW_WORKSPACE_OPEN || gw_window_get_busy (self))
    return;

  full = with_extension (path);
  wanted = canonical_path (full);
  if (g_strcmp0 (wanted, self->workspace_path) == 0)
    {
      show_error_dialog (self, _("The copy was not saved"),
                         _("That is the workspace open now. Choose another name for the copy."));
      return;
    }
  if (g_strcmp0 (full, path) != 0 && g_file_test (full, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (full);
      g_autofree char *primary = g_strdup_printf (_("“%s” already exists"), display);

      show_error_dialog (self, primary, _("Choose another name for the copy."));
      return;
    }

  gw_window_start_copy (self, full);
}

/**
 * gw_window_save_original:
 * @export_id: the id of an import of the open workspace
 * @file: where to write it
 *
 * Writes the file the import was read from, byte for byte, and says so in
 * the banner.  The Save Original File dialog's path.
 *
 * Returns: %FALSE with @error set when there is no workspace or the file
 * cannot be written.
 */
gboolean
gw_window_save_original (GwWindow    *self,
                         const char  *export_id,
                         GFile       *file,
                         GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (GW_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (export_id != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = g_file_get_path (file);
  if (self->workspace == NULL || path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           self->workspace == NULL ? _("No workspace is open: the original files are kept in one.")
                                                   : _("Files can only be saved on this computer."));
      return FALSE;
    }
  if (!gw_workspace_save_original (self->workspace, export_id, path, error))
    return FALSE;

  basename = g_file_get_basename (file);
  message = g_strdup_printf (_("Saved the original file as “%s”."), basename);
  gw_window_show_message (self, message);
  return TRUE;
}

GwWorkspace *
gw_window_get_workspace (GwWindow *self)
{
  g_return_val_if_fail (GW_IS_WINDOW (self), NULL);

  return self->workspace_state == GW_WINDOW_WORKSPACE_OPEN ? self->workspace : NULL;
}

/**
 * gw_window_dup_workspace_name:
 *
 * Returns: (transfer full) (nullable): "Default Workspace", or the name of
 * the workspace file without ".gwdb"; %NULL when the window has none.
 */
char *
gw_window_dup_workspace_name (GwWindow *self)
{
  g_return_val_if_fail (GW_IS_WINDOW (self), NULL);

  if (self->workspace_path == NULL || self->workspace_state == GW_WINDOW_WORKSPACE_NONE)
    return NULL;
  return workspace_name (self->workspace_path);
}
