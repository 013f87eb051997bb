/* gw-window.c: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window shows a welcome until something is imported, then the tracker
 * (the table beside the selected area's figures and charts) and, on a page
 * of its own, the table of imports.  Every way of importing (the dialog, drag
 * and drop, the sample exports, files given on the command line) ends in
 * gw_window_import_files(), which runs one GwImportTask at a time: progress
 * along the bottom, rejected files with every problem at the top, a summary
 * when it is done.  Every import is stored in the open workspace as it is
 * committed (gw-window-workspace.c opens, loads and switches workspaces);
 * a file the workspace cannot keep is taken out again and shown with the
 * problems.  Nothing here reads a file or computes a number.
 */
#include "gw-config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "formats/gw-export-reader.h"
#include "formats/gw-import-task.h"
#include "gw-import-pane.h"
#include "gw-ui-text.h"
#include "gw-window-private.h"

#include "gw-import-formats.h"
#include "gw-mapping-dialog.h"

G_DEFINE_FINAL_TYPE (GwWindow, gw_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_SETTINGS,
  PROP_BUSY,
  PROP_COMPUTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* For gw-window-tracker.c, which owns the computation. */
void
gw_window_notify_computing (GwWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPUTING]);
}

static void gw_window_start_import (GwWindow           *self,
                                    const char * const *paths,
                                    gboolean            fresh);

/* Messages and problems */

/* One file in the problems view: its display name and its lines. */
typedef struct
{
  char     *basename;
  char     *text;
  gboolean  not_stored;   /* the workspace could not keep it */
} ProblemFile;

static void
problem_file_free (gpointer data)
{
  ProblemFile *pf = data;

  g_free (pf->basename);
  g_free (pf->text);
  g_free (pf);
}

/* The problems view from the files in it; hidden when none is left. */
static void
gw_window_render_problems (GwWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->problems_view);
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *title = NULL;

  if (self->problem_files == NULL)
    return;
  g_clear_pointer (&self->first_rejected, g_free);
  self->n_rejected = self->problem_files->len;
  self->n_not_stored = 0;
  for (guint i = 0; i < self->problem_files->len; i++)
    {
      const ProblemFile *pf = g_ptr_array_index (self->problem_files, i);

      if (i > 0)
        g_string_append_c (all, '\n');
      g_string_append (all, pf->text);
      if (pf->not_stored)
        self->n_not_stored++;
    }
  gtk_text_buffer_set_text (buffer, all->str, (int) all->len);
  if (self->n_rejected == 0)
    {
      gtk_revealer_set_reveal_child (self->problems_revealer, FALSE);
      return;
    }
  self->first_rejected = g_strdup (((const ProblemFile *) g_ptr_array_index (self->problem_files, 0))->basename);

  if (self->n_rejected == 1)
    title = g_strdup_printf (_("“%s” was not imported"), self->first_rejected);
  else
    title = g_strdup_printf (ngettext ("%u file was not imported",
                                       "%u files were not imported",
                                       self->n_rejected),
                             self->n_rejected);
  gtk_label_set_label (self->problems_title, title);

  /* A file the workspace could not keep has no problem of its own. */
  gtk_label_set_label (self->problems_subtitle,
                       self->n_not_stored == 0
                       ? _("Nothing from a rejected file was added. Correct the problems below, or ask the publisher for a corrected export.")
                       : self->n_not_stored == self->n_rejected
                       ? _("Nothing from these files was added: the workspace could not store them. Free some disk space, or open a workspace in a folder you can write to, and import them again.")
                       : _("Nothing from these files was added. The reason for each is below."));
  gtk_revealer_set_reveal_child (self->problems_revealer, TRUE);
}

static void
gw_window_hide_problems (GwWindow *self)
{
  if (self->problem_files != NULL)
    g_ptr_array_set_size (self->problem_files, 0);
  gw_window_render_problems (self);
}

/* Another workspace is open: what the bars said of the last one is no
 * longer true ("18 exports are already in the workspace"). */
void
gw_window_clear_messages (GwWindow *self)
{
  gtk_revealer_set_reveal_child (self->message_revealer, FALSE);
  g_ptr_array_set_size (self->skipped, 0);
  g_clear_pointer (&self->skipped_message, g_free);
  gw_window_hide_problems (self);
}

/* Adds a file's lines (ending in a newline) to the problems view, and
 * counts it in the title; a file already there is replaced. */
static void
gw_window_append_problems (GwWindow   *self,
                           const char *basename,
                           GString    *text,
                           gboolean    not_stored)
{
  ProblemFile *pf = g_new0 (ProblemFile, 1);

  pf->basename = g_strdup (basename);
  pf->text = g_strdup (text->str);
  pf->not_stored = not_stored;
  for (guint i = 0; i < self->problem_files->len; i++)
    if (g_strcmp0 (((ProblemFile *) g_ptr_array_index (self->problem_files, i))->basename, basename) == 0)
      {
        g_ptr_array_remove_index (self->problem_files, i);
        break;
      }
  g_ptr_array_add (self->problem_files, pf);
  gw_window_render_problems (self);
}

/* A file shown as not imported that then was (read again once a later file
 * declared its areas): the message is no longer true. */
static void
gw_window_withdraw_problems (GwWindow   *self,
                             const char *basename)
{
  for (guint i = 0; i < self->problem_files->len; i++)
    if (g_strcmp0 (((ProblemFile *) g_ptr_array_index (self->problem_files, i))->basename, basename) == 0)
      {
        g_ptr_array_remove_index (self->problem_files, i);
        gw_window_render_problems (self);
        return;
      }
}

/* A file the workspace could not store: it was taken out of the dataset
 * again, so it is not imported. */
static void
gw_window_add_not_stored (GwWindow     *self,
                          const char   *path,
                          const GError *error)
{
  g_autofree char *basename = gw_ui_display_basename (path);
  g_autoptr(GString) text = g_string_new (NULL);

  if (!g_str_has_prefix (error->message, basename))
    g_string_append_printf (text, "%s: ", basename);
  g_string_append (text, error->message);
  g_string_append_c (text, '\n');

  gw_window_append_problems (self, basename, text, TRUE);
}

/* Adds the problems of one rejected or failed file to the problems view. */
static void
gw_window_add_problems (GwWindow             *self,
                        const GwImportResult *result)
{
  g_autofree char *basename = gw_ui_display_basename (result->path);
  g_autoptr(GString) text = g_string_new (NULL);

  if (result->errors != NULL && result->errors->len > 0)
    {
      for (guint i = 0; i < result->errors->len; i++)
        {
          g_autofree char *line = gw_problem_format (g_ptr_array_index (result->errors, i));

          g_string_append (text, line);
          g_string_append_c (text, '\n');
        }

      /* The reader stops at this many, so the file may have more. */
      if (result->errors->len >= GW_EXPORT_MAX_ERRORS)
        {
          g_string_append_printf (text,
                                  _("%s: the reader stopped after %u problems; there may be more."),
                                  basename, (guint) GW_EXPORT_MAX_ERRORS);
          g_string_append_c (text, '\n');
        }
    }
  else if (result->error != NULL)
    {
      /* An I/O error's message may not name the file: say which it is. */
      if (!g_str_has_prefix (result->error->message, basename))
        g_string_append_printf (text, "%s: ", basename);
      g_string_append (text, result->error->message);
      g_string_append_c (text, '\n');
    }
  else
    {
      g_string_append_printf (text, _("%s: the file could not be imported."), basename);
      g_string_append_c (text, '\n');
    }

  gw_window_append_problems (self, basename, text, FALSE);
}

static void
on_problems_close_clicked_cb (GwWindow *self)
{
  gw_window_hide_problems (self);
}

static void
on_copy_problems_button_clicked_cb (GwWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->problems_view);
  g_autofree char *text = NULL;
  g_autofree char *all = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  all = g_strdup_printf ("%s\n\n%s", gtk_label_get_label (self->problems_title), text);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), all);
}

static void
on_message_close_clicked_cb (GwWindow *self)
{
  gtk_revealer_set_reveal_child (self->message_revealer, FALSE);
}

/* The import task */

/* An import, the opening of a workspace or the saving of a copy began or
 * ended: the progress, Cancel, the actions that must wait, "notify::busy". */
void
gw_window_update_busy (GwWindow *self)
{
  gboolean busy = gw_window_get_busy (self);

  gtk_revealer_set_reveal_child (self->progress_revealer, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", busy);
  if (!busy)
    gw_window_tracker_import_done (self);
  gw_window_workspace_update_actions (self);
  /* the welcome's "Import Exports…" is not for a window importing */
  gw_window_update_page (self);

  if (busy != self->was_busy)
    {
      self->was_busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
}

/* "Importing “deaths-2007-06.xml” (2 of 5)…" */
static void
gw_window_set_progress_label (GwWindow   *self,
                              const char *path)
{
  guint n_paths = g_strv_length (self->task_paths);
  g_autofree char *basename = gw_ui_display_basename (path);
  g_autofree char *label = NULL;
  guint index = 0;

  while (index < n_paths && g_strcmp0 (self->task_paths[index], path) != 0)
    index++;

  if (n_paths > 1 && index < n_paths)
    label = g_strdup_printf (_("Importing “%s” (%u of %u)…"), basename, index + 1, n_paths);
  else
    label = g_strdup_printf (_("Importing “%s”…"), basename);

  if (g_strcmp0 (gtk_label_get_label (self->progress_label), label) != 0)
    gtk_label_set_label (self->progress_label, label);
}

static void
on_task_progress_cb (GwImportTask *task,
                     double        fraction,
                     const char   *path,
                     GwWindow     *self)
{
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));

  if (path != NULL)
    gw_window_set_progress_label (self, path);
}

static void
on_mapping_saved_cb (const char *path,
                     gpointer    user_data)
{
  GwWindow *self = user_data;
  const char *paths[] = { path, NULL };

  gw_window_import_files (self, paths);
}

/* An SDMX-ML message that no mapping reads: the dialog that makes one. */
static void
gw_window_offer_mapping (GwWindow   *self,
                         const char *path)
{
  g_autoptr(GError) error = NULL;
  GwMappingDialog *dialog = gw_mapping_dialog_new (GTK_WINDOW (self), path, &error);

  if (dialog == NULL)
    {
      g_debug ("No mapping offered for %s: %s", path, error->message);
      return;
    }
  gw_mapping_dialog_set_saved_func (dialog, on_mapping_saved_cb, self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A file a cancelled import left out is in now: when none is left out any
 * more, "Import cancelled: a.xml, b.xml were not imported" is no longer
 * true and goes (issue 18 point 14). */
static void
gw_window_withdraw_skipped (GwWindow   *self,
                            const char *path)
{
  guint index;

  if (!g_ptr_array_find_with_equal_func (self->skipped, path, g_str_equal, &index))
    return;
  g_ptr_array_remove_index (self->skipped, index);
  if (self->skipped->len > 0 || self->skipped_message == NULL)
    return;
  if (g_strcmp0 (gtk_label_get_label (self->message_label), self->skipped_message) == 0)
    gtk_revealer_set_reveal_child (self->message_revealer, FALSE);
  g_clear_pointer (&self->skipped_message, g_free);
}

/* "a.xml, b.xml", or "a.xml, b.xml, c.xml, d.xml, e.xml and 13 more" */
static char *
gw_window_list_files (GPtrArray *paths)
{
  const guint shown = 5;
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < paths->len && i < shown; i++)
    {
      g_autofree char *basename = gw_ui_display_basename (g_ptr_array_index (paths, i));

      if (i > 0)
        g_string_append (out, _(", "));
      g_string_append (out, basename);
    }
  if (paths->len > shown)
    {
      guint more = paths->len - shown;

      /* Translators: after a list of five file names, "and 13 more" */
      g_string_append_printf (out, ngettext (" and %u more", " and %u more", more), more);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
on_task_file_done_cb (GwImportTask *task,
                      guint         index,
                      GwWindow     *self)
{
  const GwImportResult *result = gw_import_task_get_result (task, index);
  const GwWorkspaceFileResult *stored;
  g_autofree char *basename = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (result != NULL);

  basename = gw_ui_display_basename (result->path);
  /* The workspace's handler ran first (gw_session_new_import). */
  stored = gw_session_get_file_result (task, index);
  if (stored != NULL && stored->status == GW_WORKSPACE_FILE_NOT_STORED && stored->error != NULL)
    {
      gw_window_add_not_stored (self, result->path, stored->error);
      label = g_strdup_printf (_("“%s” was not imported"), basename);
      gtk_label_set_label (self->progress_label, label);
      return;
    }

  switch (result->kind)
    {
    case GW_IMPORT_RESULT_IMPORTED:
      gw_window_withdraw_problems (self, basename);
      gw_window_withdraw_skipped (self, result->path);
      label = g_strdup_printf (_("Imported “%s”"), basename);
      break;
    case GW_IMPORT_RESULT_UNCHANGED:
      gw_window_withdraw_problems (self, basename);
      gw_window_withdraw_skipped (self, result->path);
      label = g_strdup_printf (_("“%s” was already imported"), basename);
      break;
    case GW_IMPORT_RESULT_REJECTED:
    case GW_IMPORT_RESULT_FAILED:
      /* Shown at once, so the user can read them while the rest imports. */
      gw_window_add_problems (self, result);
      if (gw_mapping_dialog_wanted (result))
        gw_window_offer_mapping (self, result->path);
      label = g_strdup_printf (_("“%s” was not imported"), basename);
      break;
    case GW_IMPORT_RESULT_CANCELLED:
    default:
      break;
    }

  if (label != NULL)
    gtk_label_set_label (self->progress_label, label);
}

/* The sentence shown when a task ends, from its results. */
static char *
gw_window_summarize (GwWindow     *self,
                     GwImportTask *task,
                     gboolean      cancelled)
{
  g_autoptr(GString) summary = g_string_new (NULL);
  guint n_results = gw_import_task_get_n_results (task);
  guint n_imported = 0, n_unchanged = 0, n_in_workspace = 0;
  guint64 records = 0, revisions = 0;
  const char *imported_path = NULL;
  const char *unchanged_path = NULL;
  const char *in_workspace_path = NULL;

  for (guint i = 0; i < n_results; i++)
    {
      const GwImportResult *result = gw_import_task_get_result (task, i);
      const GwWorkspaceFileResult *stored = gw_session_get_file_result (task, i);

      /* In the problems view: taken out of the dataset again. */
      if (stored != NULL && stored->status == GW_WORKSPACE_FILE_NOT_STORED)
        continue;

      if (result->kind == GW_IMPORT_RESULT_UNCHANGED && stored != NULL
          && stored->status == GW_WORKSPACE_FILE_ALREADY_STORED)
        {
          n_in_workspace++;
          in_workspace_path = result->path;
        }
      else if (result->kind == GW_IMPORT_RESULT_IMPORTED && result->import != NULL)
        {
          n_imported++;
          imported_path = result->path;
          records += gw_import_get_records (result->import);
          revisions += gw_import_get_revisions (result->import);
        }
      else if (result->kind == GW_IMPORT_RESULT_UNCHANGED)
        {
          n_unchanged++;
          unchanged_path = result->path;
        }
    }

  if (n_imported > 0)
    {
      guint r = (guint) MIN (records, G_MAXUINT);
      guint v = (guint) MIN (revisions, G_MAXUINT);
      g_autofree char *records_count = gw_ui_format_count (r);
      g_autofree char *revisions_count = gw_ui_format_count (v);
      g_autofree char *records_text = g_strdup_printf (ngettext ("%s record", "%s records", r),
                                                       records_count);
      g_autofree char *revisions_text = g_strdup_printf (ngettext ("%s revision", "%s revisions", v),
                                                         revisions_count);

      if (n_imported == 1)
        {
          g_autofree char *basename = gw_ui_display_basename (imported_path);

          /* Translators: "Imported “deaths-2007-06.xml”: 1,234 records, 5 revisions." */
          g_string_append_printf (summary, _("Imported “%s”: %s, %s."),
                                  basename, records_text, revisions_text);
        }
      else
        {
          /* Translators: "Imported 3 exports: 1,234 records, 5 revisions." */
          g_string_append_printf (summary,
                                  ngettext ("Imported %u export: %s, %s.",
                                            "Imported %u exports: %s, %s.",
                                            n_imported),
                                  n_imported, records_text, revisions_text);
        }
    }

  if (n_unchanged > 0)
    {
      if (summary->len > 0)
        g_string_append_c (summary, ' ');

      if (n_unchanged == 1)
        {
          g_autofree char *basename = gw_ui_display_basename (unchanged_path);

          g_string_append_printf (summary, _("“%s” was already imported; nothing changed."),
                                  basename);
        }
      else
        {
          g_string_append_printf (summary,
                                  ngettext ("%u export was already imported; nothing changed.",
                                            "%u exports were already imported; nothing changed.",
                                            n_unchanged),
                                  n_unchanged);
        }
    }

  if (n_in_workspace > 0)
    {
      if (summary->len > 0)
        g_string_append_c (summary, ' ');

      if (n_in_workspace == 1)
        {
          g_autofree char *basename = gw_ui_display_basename (in_workspace_path);

          /* Translators: "“deaths-2007-06.xml” is already in the workspace:
           * nothing changed." */
          g_string_append_printf (summary, _("“%s” is already in the workspace: nothing changed."),
                                  basename);
        }
      else
        {
          g_string_append_printf (summary,
                                  ngettext ("%u export is already in the workspace: nothing changed.",
                                            "%u exports are already in the workspace: nothing changed.",
                                            n_in_workspace),
                                  n_in_workspace);
        }
    }

  if (cancelled)
    {
      g_autofree char *names = NULL;

      /* named, so that she knows which to import again: the files the task
       * did not finish, and any it never reached */
      g_ptr_array_set_size (self->skipped, 0);
      for (guint i = 0; i < n_results; i++)
        if (gw_import_task_get_result (task, i)->kind == GW_IMPORT_RESULT_CANCELLED)
          g_ptr_array_add (self->skipped, g_strdup (gw_import_task_get_result (task, i)->path));
      for (guint i = n_results; i < g_strv_length (self->task_paths); i++)
        g_ptr_array_add (self->skipped, g_strdup (self->task_paths[i]));
      names = gw_window_list_files (self->skipped);

      if (self->skipped->len > 0)
        {
          if (summary->len > 0)
            g_string_append_c (summary, ' ');
          /* Translators: "Import cancelled: a.xml, b.xml were not imported." */
          g_string_append_printf (summary,
                                  ngettext ("Import cancelled: %s was not imported.",
                                            "Import cancelled: %s were not imported.",
                                            self->skipped->len),
                                  names);
        }
    }

  return g_string_free (g_steal_pointer (&summary), FALSE);
}

static void
on_task_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GwWindow) self = user_data;
  GwImportTask *task = GW_IMPORT_TASK (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  gboolean cancelled = FALSE;

  /* Cancelling is the only failure the task documents; anything else is
   * still told to the user, after the summary. */
  if (!gw_import_task_run_finish (task, result, &error))
    cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* The window was closed while the task ran: nothing left to show. */
  if (self->task != task)
    return;

  g_signal_handlers_disconnect_by_data (task, self);
  summary = gw_window_summarize (self, task, cancelled);
  if (error != NULL && !cancelled)
    {
      g_autofree char *with_error = g_strdup_printf (_("%s The import stopped: %s"),
                                                     summary, error->message);

      g_free (summary);
      summary = g_strstrip (g_steal_pointer (&with_error));
    }
  g_clear_object (&self->task);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->task_paths, g_strfreev);

  g_clear_pointer (&self->skipped_message, g_free);
  if (cancelled && self->skipped->len > 0)
    self->skipped_message = g_strdup (summary);
  if (summary[0] != '\0')
    gw_window_show_message (self, summary);

  /* Files given during the import: keep this one's summary and problems. */
  if (!gw_window_run_pending (self))
    gw_window_update_busy (self);
}

/**
 * gw_window_run_pending:
 *
 * Imports the files given while the window was busy (an import, the opening
 * of a workspace, a copy), after what it shows now.
 *
 * Returns: %TRUE when an import started
 */
gboolean
gw_window_run_pending (GwWindow *self)
{
  g_autoptr(GPtrArray) paths = NULL;

  if (self->pending->len == 0 || gw_window_get_busy (self)
      || self->workspace_state == GW_WINDOW_WORKSPACE_FAILED)
    return FALSE;

  paths = g_steal_pointer (&self->pending);
  self->pending = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (paths, NULL);
  gw_window_start_import (self, (const char * const *) paths->pdata, FALSE);
  return TRUE;
}

static void
gw_window_start_import (GwWindow           *self,
                        const char * const *paths,
                        gboolean            fresh)
{
  g_assert (self->task == NULL);
  g_assert (paths != NULL && paths[0] != NULL);

  if (fresh)
    {
      gtk_revealer_set_reveal_child (self->message_revealer, FALSE);
      gw_window_hide_problems (self);
    }

  self->task_paths = g_strdupv ((char **) paths);
  /* the session's workspace stores each file first; file-done then sees
   * the outcome */
  self->task = gw_session_new_import (self->session, paths);
  self->cancellable = g_cancellable_new ();
  g_signal_connect (self->task, "progress", G_CALLBACK (on_task_progress_cb), self);
  g_signal_connect (self->task, "file-done", G_CALLBACK (on_task_file_done_cb), self);

  gw_window_set_progress_label (self, paths[0]);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);

  gw_window_update_busy (self);
  gw_import_task_run_async (self->task, self->cancellable, on_task_done_cb, g_object_ref (self));
}

/* The import dialog */

static void
on_chooser_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        GwWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
      guint n_files = g_list_model_get_n_items (files);

      for (guint i = 0; i < n_files; i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          char *path = g_file_get_path (file);

          if (path == NULL)
            continue;

          /* Next time the dialog opens where these exports came from. */
          if (paths->len == 0)
            {
              g_autoptr(GFile) folder = g_file_get_parent (file);

              if (folder != NULL)
                gw_settings_set_last_import_folder (self->settings, folder);
            }

          g_ptr_array_add (paths, path);
        }
      g_ptr_array_add (paths, NULL);

      if (paths->len > 1)
        gw_window_import_files (self, (const char * const *) paths->pdata);
      else if (n_files > 0)
        gw_window_show_message (self, _("Only files on this computer can be imported."));
    }

  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
}

static void
gw_window_open_import_dialog (GwWindow *self)
{
  g_autoptr(GFile) folder = NULL;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }

  self->chooser = gtk_file_chooser_native_new (_("Import Exports"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Import"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);

  gw_import_formats_add_filters (GTK_FILE_CHOOSER (self->chooser));

  folder = gw_settings_dup_last_import_folder (self->settings);
  if (folder != NULL && g_file_query_file_type (folder, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
    {
      g_autoptr(GError) error = NULL;

      /* A folder that went away is no reason not to open the dialog. */
      if (!gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, &error))
        g_debug ("Cannot open the last import folder: %s", error->message);
    }

  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* The bundled sample exports */

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Where the samples are: $GW_SAMPLES_DIR (tests, `meson devenv`), the
 * installed data, or the source tree when running from the build directory. */
static char *
gw_window_find_samples_dir (void)
{
  const char *candidates[] = {
    g_getenv ("GW_SAMPLES_DIR"),
    GW_PKGDATADIR G_DIR_SEPARATOR_S "samples",
    GW_SOURCE_SAMPLES_DIR,
  };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      if (candidates[i] != NULL && candidates[i][0] != '\0'
          && g_file_test (candidates[i], G_FILE_TEST_IS_DIR))
        return g_strdup (candidates[i]);
    }

  return NULL;
}

static void
gw_window_import_samples (GwWindow *self)
{
  g_autofree char *dir_path = gw_window_find_samples_dir ();
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (dir_path != NULL)
    dir = g_dir_open (dir_path, 0, NULL);

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_suffix (name, ".xml") || g_str_has_suffix (name, ".xml.gz"))
        g_ptr_array_add (paths, g_build_filename (dir_path, name, NULL));
    }

  if (paths->len == 0)
    {
      gw_window_show_message (self, _("No sample exports were found in this installation of Gapwatch."));
      return;
    }

  /* In name order: the samples are named so that earlier exports come first. */
  g_ptr_array_sort (paths, compare_paths);
  g_ptr_array_add (paths, NULL);
  gw_window_import_files (self, (const char * const *) paths->pdata);
}

/* Actions, drag and drop, window state */

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gw_window_open_import_dialog (GW_WINDOW (widget));
}

static void
import_samples_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  gw_window_import_samples (GW_WINDOW (widget));
}

static void
cancel_import_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);

  /* Cancel also what was waiting for this import. */
  g_ptr_array_set_size (self->pending, 0);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gw_window_workspace_cancel (self);
}

static gboolean
on_drop_cb (GwWindow      *self,
            const GValue  *value,
            double         x,
            double         y,
            GtkDropTarget *target)
{
  GdkFileList *list = g_value_get_boxed (value);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  GSList *files;

  if (list == NULL)
    return FALSE;

  files = gdk_file_list_get_files (list);
  for (GSList *l = files; l != NULL; l = l->next)
    {
      char *path = g_file_get_path (l->data);

      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  g_slist_free (files);

  if (paths->len == 0)
    return FALSE;

  g_ptr_array_add (paths, NULL);
  gw_window_import_files (self, (const char * const *) paths->pdata);
  return TRUE;
}

/* The welcome, the data, or while a workspace opens or after it could not:
 * a page of their own. */
void
gw_window_update_page (GwWindow *self)
{
  GListModel *imports = gw_dataset_get_imports (self->dataset);
  gboolean any = g_list_model_get_n_items (imports) > 0;
  const char *page = any ? "data" : "welcome";

  if (self->workspace_state == GW_WINDOW_WORKSPACE_LOADING)
    page = "loading";
  else if (self->workspace_state == GW_WINDOW_WORKSPACE_FAILED)
    page = "workspace-error";
  else if (!any && self->task != NULL)
    page = "importing";
  any = g_strcmp0 (page, "data") == 0;

  gtk_stack_set_visible_child_name (self->stack, page);
  /* The Tracker and Imports switcher means nothing on the welcome. */
  gtk_widget_set_visible (GTK_WIDGET (self->view_switcher), any);
  gtk_widget_set_visible (GTK_WIDGET (self->target_dropdown), any);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->target_dropdown)), any);
}

static void on_imports_items_changed_cb (GwWindow   *self,
                                         guint       position,
                                         guint       removed,
                                         guint       added,
                                         GListModel *model);

/**
 * gw_window_set_dataset:
 * @dataset: the dataset of the workspace opened
 *
 * Shows @dataset in place of the one shown: the imports, the tracker, the
 * area view.  Only while no import runs.
 */
void
gw_window_set_dataset (GwWindow  *self,
                       GwDataset *dataset)
{
  g_autoptr(GwDataset) old = NULL;

  g_return_if_fail (GW_IS_DATASET (dataset));
  g_return_if_fail (self->task == NULL);

  if (self->dataset == dataset)
    return;

  g_clear_signal_handler (&self->imports_changed_id, gw_dataset_get_imports (self->dataset));
  old = g_steal_pointer (&self->dataset);
  self->dataset = g_object_ref (dataset);

  gw_import_pane_set_dataset (self->import_pane, self->dataset);
  gw_window_tracker_set_dataset (self, old);
  self->imports_changed_id =
    g_signal_connect_object (gw_dataset_get_imports (self->dataset), "items-changed",
                             G_CALLBACK (on_imports_items_changed_cb), self,
                             G_CONNECT_SWAPPED);
  gw_window_update_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

static void
on_imports_items_changed_cb (GwWindow   *self,
                             guint       position,
                             guint       removed,
                             guint       added,
                             GListModel *model)
{
  gw_window_update_page (self);
}

static gboolean
gw_window_close_request (GtkWindow *window)
{
  GwWindow *self = GW_WINDOW (window);
  int width = 0, height = 0;

  /* The default size follows the user's resizing, and is the unmaximized
   * size while maximized. */
  gtk_window_get_default_size (window, &width, &height);
  gw_settings_save_window_state (self->settings, width, height,
                                 gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (gw_window_parent_class)->close_request (window);
}

/* GObject */

/* The pane's first width: the window's real one, maximized or given by
 * the window manager, not the saved unmaximized width the position was
 * set from (the table kept 660 px of a maximized 1600 px window). */
static void
on_tracker_paned_max_position_cb (GwWindow   *self,
                                  GParamSpec *pspec,
                                  GtkPaned   *paned)
{
  int width = gtk_widget_get_width (GTK_WIDGET (paned));

  if (width <= 0)
    return;
  g_signal_handlers_disconnect_by_func (paned, on_tracker_paned_max_position_cb, self);
  gtk_paned_set_position (paned, width * 3 / 5);
}

static void
gw_window_constructed (GObject *object)
{
  GwWindow *self = GW_WINDOW (object);
  int width, height;

  G_OBJECT_CLASS (gw_window_parent_class)->constructed (object);

  g_assert (GW_IS_DATASET (self->dataset));
  g_assert (GW_IS_SETTINGS (self->settings));

  width = gw_settings_get_window_width (self->settings);
  height = gw_settings_get_window_height (self->settings);
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  /* The table takes three fifths, the area's figures and charts the rest:
   * of the width the pane has when it is first shown (below). */
  gtk_paned_set_position (self->tracker_paned, MAX (width, 720) * 3 / 5);
  g_signal_connect_object (self->tracker_paned, "notify::max-position",
                           G_CALLBACK (on_tracker_paned_max_position_cb), self, G_CONNECT_SWAPPED);
  if (gw_settings_get_window_maximized (self->settings))
    gtk_window_maximize (GTK_WINDOW (self));

  gw_import_pane_set_dataset (self->import_pane, self->dataset);
  gw_window_tracker_constructed (self);
  gw_window_workspace_constructed (self);
  self->imports_changed_id =
    g_signal_connect_object (gw_dataset_get_imports (self->dataset), "items-changed",
                             G_CALLBACK (on_imports_items_changed_cb), self,
                             G_CONNECT_SWAPPED);
  gw_window_update_page (self);
}

static void
gw_window_dispose (GObject *object)
{
  GwWindow *self = (GwWindow *) object;

  /* A running import finishes in the background; its callback sees that
   * self->task is no longer its task and shows nothing. */
  if (self->task != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->task, self);
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->task);
    }
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->task_paths, g_strfreev);

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  if (self->dataset != NULL)
    g_clear_signal_handler (&self->imports_changed_id, gw_dataset_get_imports (self->dataset));

  gw_window_workspace_dispose (self);
  gw_window_tracker_dispose (self);
  gw_window_summary_dispose (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), GW_TYPE_WINDOW);

  g_clear_object (&self->dataset);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->first_rejected, g_free);
  g_clear_pointer (&self->problem_files, g_ptr_array_unref);

  G_OBJECT_CLASS (gw_window_parent_class)->dispose (object);
}

static void
gw_window_finalize (GObject *object)
{
  GwWindow *self = (GwWindow *) object;

  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->skipped, g_ptr_array_unref);
  g_clear_pointer (&self->skipped_message, g_free);

  G_OBJECT_CLASS (gw_window_parent_class)->finalize (object);
}

static void
gw_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  GwWindow *self = GW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, gw_window_get_busy (self));
      break;
    case PROP_COMPUTING:
      g_value_set_boolean (value, gw_window_get_computing (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  GwWindow *self = GW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      self->dataset = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_window_class_init (GwWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = gw_window_constructed;
  object_class->dispose = gw_window_dispose;
  object_class->finalize = gw_window_finalize;
  object_class->get_property = gw_window_get_property;
  object_class->set_property = gw_window_set_property;

  window_class->close_request = gw_window_close_request;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL,
                         GW_TYPE_DATASET,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         GW_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_COMPUTING] =
    g_param_spec_boolean ("computing", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GW_TYPE_AREA_VIEW);
  g_type_ensure (GW_TYPE_IMPORT_PANE);
  g_type_ensure (GW_TYPE_TRACKER_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, GW_RESOURCE_PREFIX "ui/gw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GwWindow, area_view);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, changes_label);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, changes_revealer);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, copy_problems_button);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, edit_targets_button);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, export_menu_button);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, import_button);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, import_pane);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, message_label);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, print_button);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, problems_revealer);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, problems_subtitle);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, problems_title);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, problems_view);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, samples_button);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, target_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, target_label);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, tracker_paned);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, tracker_view);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, view_switcher);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, loading_box);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, recent_section);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, workspace_error_label);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, restore_backup_button);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, workspace_error_title);
  gtk_widget_class_bind_template_child (widget_class, GwWindow, workspace_label);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_problems_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_message_close_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_problems_close_clicked_cb);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-samples", NULL, import_samples_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-import", NULL, cancel_import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel-import", NULL);

  gw_window_tracker_class_init (widget_class);
  gw_window_summary_class_init (widget_class);
  gw_window_workspace_class_init (widget_class);
}

static void
gw_window_init (GwWindow *self)
{
  GtkDropTarget *drop_target;

  static gboolean icons_added = FALSE;

  self->pending = g_ptr_array_new_with_free_func (g_free);
  self->problem_files = g_ptr_array_new_with_free_func (problem_file_free);
  self->skipped = g_ptr_array_new_with_free_func (g_free);

  /* GtkApplication adds our icons to the theme; a window made without one
   * (the tests) needs them too. */
  if (!icons_added && gdk_display_get_default () != NULL)
    {
      gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                        GW_RESOURCE_PREFIX "icons");
      icons_added = TRUE;
    }

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "gw-window");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", FALSE);
  gw_window_tracker_init (self);
  gw_window_summary_init (self);
  gw_window_workspace_init (self);

  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_swapped (drop_target, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));
}

/* Public API */

/**
 * gw_window_new:
 * @application: the application, which gives the settings
 *
 * Opens, in a new window of @application, the workspace open when Gapwatch
 * was last used, or the default workspace (gw_window_open_workspace()).
 *
 * Returns: (transfer none): a new window of @application.
 */
GwWindow *
gw_window_new (GwApplication *application)
{
  GwWindow *self;

  g_return_val_if_fail (GW_IS_APPLICATION (application), NULL);

  self = g_object_new (GW_TYPE_WINDOW,
                       "application", application,
                       "dataset", gw_application_get_dataset (application),
                       "settings", gw_application_get_settings (application),
                       NULL);
  /* The workspace used last, or the default one. */
  gw_window_open_workspace (self, NULL);
  return self;
}

GwDataset *
gw_window_get_dataset (GwWindow *self)
{
  g_return_val_if_fail (GW_IS_WINDOW (self), NULL);

  return self->dataset;
}

/**
 * gw_window_get_computing:
 *
 * Returns: %TRUE while the indicators of the dataset are being computed,
 * or a computation waits for the import running ("notify::computing").
 */
gboolean
gw_window_get_computing (GwWindow *self)
{
  g_return_val_if_fail (GW_IS_WINDOW (self), FALSE);

  return (self->session != NULL && gw_session_get_computing (self->session))
         || (self->data_changed && self->task != NULL);
}

gboolean
gw_window_get_busy (GwWindow *self)
{
  g_return_val_if_fail (GW_IS_WINDOW (self), FALSE);

  return self->task != NULL || gw_window_workspace_is_busy (self);
}

/**
 * gw_window_import_files:
 * @paths: (array zero-terminated=1): the files to import, `.xml` or `.xml.gz`
 *
 * Imports @paths in order with a GwImportTask, showing its progress, then a
 * summary, and every problem of each file that was not imported; each file
 * is stored in the open workspace.  When an import is already running, or
 * the workspace is being opened, @paths are imported after it.
 */
void
gw_window_import_files (GwWindow           *self,
                        const char * const *paths)
{
  g_return_if_fail (GW_IS_WINDOW (self));
  g_return_if_fail (paths != NULL);

  if (paths[0] == NULL)
    return;

  /* After the import running, once the workspace is open, or once one is
   * opened after this one could not be. */
  if (gw_window_get_busy (self) || self->workspace_state == GW_WINDOW_WORKSPACE_FAILED)
    {
      for (guint i = 0; paths[i] != NULL; i++)
        g_ptr_array_add (self->pending, g_strdup (paths[i]));
      if (!gw_window_get_busy (self))
        gw_window_show_message (self, _("Open a workspace, or start a new one, to import these exports: "
                                        "they are imported as soon as one is open."));
      return;
    }

  gw_window_start_import (self, paths, TRUE);
}

/**
 * gw_window_show_message:
 * @message: a sentence for the user, translated
 *
 * Shows @message in the banner above the content until it is dismissed or
 * the next import starts.
 */
void
gw_window_show_message (GwWindow   *self,
                        const char *message)
{
  g_return_if_fail (GW_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  gtk_label_set_label (self->message_label, message);
  gtk_revealer_set_reveal_child (self->message_revealer, TRUE);
}
