/* gw-window-summary.c: the report exports written in a thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Export Board Summary (gw_report_new_summary), its action and its save
 * dialog (in the last folder a report was saved to, named after the
 * target), and the export of both reports: the summary tracks the target
 * again on the exports before the newest (gw_session_track_files), the full
 * report lays out and draws a page for each area (about 2 s of CPU for the
 * samples' 70); both may take seconds, so they run in a GTask thread while
 * the progress bar pulses (issue 18 point 5: every action over 200 ms
 * shows progress).  One report is written at a time: both actions are off
 * while one runs.
 */
#include "gw-config.h"

#include <glib/gi18n.h>

#include "render/gw-report.h"
#include "gw-ui-text.h"
#include "gw-window-private.h"

#define REPORT_PULSE_MS 100

typedef enum
{
  REPORT_SUMMARY,
  REPORT_FULL,
} ReportKind;

typedef struct
{
  ReportKind       kind;
  GwTrackerResult *result;    /* the target as shown: never changed once made */
  GwIndicators    *indicators; /* the full report's trend charts: a reference of their own,
                               * the session may replace its indicators meanwhile */
  char           **earlier;   /* the summary: files of the exports before the newest, or NULL */
  char            *tmpdir;    /* where the workspace's copies of them are */
  char            *note;      /* why there is no comparison, or NULL */
  GwChartPalette   palette;
  double           level;
  char            *path;
} ReportJob;

static void
report_job_free (gpointer p)
{
  ReportJob *job = p;

  g_clear_object (&job->result);
  g_clear_pointer (&job->indicators, gw_indicators_free);
  gw_session_earlier_files_free (job->earlier, job->tmpdir);
  g_free (job->note);
  g_free (job->path);
  g_free (job);
}

/* The summary: the changes since the export before the newest, when it
 * can be tracked. */
static GwReport *
summary_new (ReportJob     *job,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GwTrackerResult) earlier = NULL;

  if (job->earlier != NULL)
    {
      g_autoptr(GError) earlier_error = NULL;

      earlier = gw_session_track_files ((const char * const *) job->earlier,
                                        gw_tracker_result_get_target (job->result), cancellable, &earlier_error);
      if (g_error_matches (earlier_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&earlier_error));
          return NULL;
        }
      if (earlier == NULL)
        job->note = g_strdup_printf (_("The earlier exports could not be compared: %s"), earlier_error->message);
    }
  return gw_report_new_summary (job->result, earlier, job->note, error);
}

static void
report_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ReportJob *job = task_data;
  g_autoptr(GwReport) report = NULL;
  g_autoptr(GError) error = NULL;

  /* the result is immutable and gw_report_new reads the dataset under its
   * read lock: nothing here touches what the main thread changes */
  if (job->kind == REPORT_FULL)
    report = gw_report_new (job->result, job->indicators, NULL, &error);
  else
    report = summary_new (job, cancellable, &error);
  if (report == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  gw_report_set_palette (report, job->palette);
  gw_report_set_confidence_level (report, job->level);
  if (!gw_report_write_pdf (report, job->path, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void on_report_written_cb (GObject      *source,
                                  GAsyncResult *result,
                                  gpointer      user_data);

/* The report's progress, unless an import or a workspace has the bar: it
 * comes back when they end before the report does. */
static void
show_report_progress (GwWindow *self)
{
  const char *label = self->report_kind == REPORT_FULL ? _("Writing the report…")
                                                       : _("Writing the board summary…");

  if (gw_window_get_busy (self))
    return;
  if (g_strcmp0 (gtk_label_get_label (self->progress_label), label) != 0)
    gtk_label_set_label (self->progress_label, label);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  gtk_progress_bar_pulse (self->progress_bar);
}

static gboolean
on_report_pulse_cb (gpointer user_data)
{
  show_report_progress (user_data);
  return G_SOURCE_CONTINUE;
}

/* The progress bar while a report is written; the export actions are off
 * meanwhile, so a second click does nothing. */
static void
report_progress (GwWindow   *self,
                 ReportKind  kind,
                 gboolean    working)
{
  if (working && self->report_pulse_id == 0)
    {
      self->report_kind = kind;
      show_report_progress (self);
      self->report_pulse_id = g_timeout_add (REPORT_PULSE_MS, on_report_pulse_cb, self);
    }
  else if (!working && self->report_pulse_id != 0)
    {
      g_clear_handle_id (&self->report_pulse_id, g_source_remove);
      gtk_revealer_set_reveal_child (self->progress_revealer, gw_window_get_busy (self));
    }
  gw_window_tracker_update_actions (self);
}

static void
say_not_saved (GwWindow     *self,
               const char   *name,
               const GError *error)
{
  /* Translators: the file, then why */
  g_autofree char *message = g_strdup_printf (_("“%s” could not be saved: %s"), name, error->message);

  gw_window_show_message (self, message);
}

/* Starts job in a thread; the caller's task ends after the window has said
 * how it went (on_report_written_cb). */
static void
report_export_async (GwWindow            *self,
                     ReportKind           kind,
                     GFile               *file,
                     gpointer             source_tag,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  GwIndicators *indicators = gw_session_peek_indicators (self->session);
  ReportJob *job;

  outer = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (outer, source_tag);
  if (self->shown == NULL || (kind == REPORT_FULL && indicators == NULL) || !g_file_is_native (file))
    error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                 g_file_is_native (file) || self->shown == NULL
                                 ? _("The indicators are not computed yet.")
                                 : _("Reports can only be saved on this computer."));
  else if (self->report_pulse_id != 0)
    /* Translators: a report asked for while another is being written */
    error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_BUSY, _("A report is being written already."));
  if (error != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);

      /* the dialog's caller has no callback: the banner says it */
      say_not_saved (self, name, error);
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }
  task = g_task_new (self, self->report_cancellable, on_report_written_cb, g_object_ref (outer));

  job = g_new0 (ReportJob, 1);
  job->kind = kind;
  job->result = g_object_ref (self->shown);
  job->path = g_file_get_path (file);
  job->palette = GW_CHART_PALETTE_STANDARD;
  gw_chart_palette_parse (gw_settings_get_palette (self->settings), &job->palette);
  job->level = gw_settings_get_confidence_level (self->settings);
  if (kind == REPORT_FULL)
    job->indicators = gw_indicators_ref (indicators);
  else
    {
      /* the workspace is read here, on the main thread; the rest in the thread */
      job->earlier = gw_session_earlier_files (self->session, &job->tmpdir, &error);
      if (error != NULL)
        job->note = g_strdup_printf (_("The earlier exports could not be compared: %s"), error->message);
    }
  g_task_set_task_data (task, job, report_job_free);

  report_progress (self, kind, TRUE);
  g_task_run_in_thread (task, report_thread);
}

/**
 * gw_window_export_summary_async:
 * @self: a window showing a target's result
 * @file: where to write the PDF
 * @callback: called on the main context when the file is written or not
 * @user_data: for @callback
 *
 * Writes the board summary of the target shown (gw_report_new_summary) as
 * a PDF in a thread, the changes since the export before the newest
 * included; the progress bar pulses meanwhile.  The Export Board Summary
 * dialog's path.
 */
void
gw_window_export_summary_async (GwWindow            *self,
                                GFile               *file,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (GW_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  report_export_async (self, REPORT_SUMMARY, file, gw_window_export_summary_async, callback, user_data);
}

gboolean
gw_window_export_summary_finish (GwWindow      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * gw_window_export_report_async:
 * @self: a window showing a target's result
 * @file: where to write the PDF
 * @callback: called on the main context when the file is written or not
 * @user_data: for @callback
 *
 * Writes the board report of the target shown (the group and every member
 * area, gw_report_new) as a PDF on A4, in the charts' palette, in a thread;
 * the progress bar pulses meanwhile and the banner says how it went.  The
 * Export Report dialog's path.
 */
void
gw_window_export_report_async (GwWindow            *self,
                               GFile               *file,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (GW_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  report_export_async (self, REPORT_FULL, file, gw_window_export_report_async, callback, user_data);
}

gboolean
gw_window_export_report_finish (GwWindow      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_report_written_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GwWindow *self = GW_WINDOW (source);
  g_autoptr(GTask) outer = user_data;
  ReportJob *job = g_task_get_task_data (G_TASK (result));
  g_autofree char *name = g_path_get_basename (job->path);
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  /* cancelled only as the window goes: nothing of it to update */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }
  report_progress (self, job->kind, FALSE);
  if (!ok)
    {
      say_not_saved (self, name, error);
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }
  message = g_strdup_printf (job->kind == REPORT_FULL ? _("Saved the report as “%s”.")
                                                      : _("Saved the board summary as “%s”."), name);
  gw_window_show_message (self, message);
  g_task_return_boolean (outer, TRUE);
}

static void
on_summary_chooser_response_cb (GtkNativeDialog *dialog,
                                int              response,
                                GwWindow        *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->summary_chooser);
  if (file == NULL)
    return;
  {
    g_autoptr(GFile) folder = g_file_get_parent (file);

    /* a report's folder: the full report and the summary go together */
    if (folder != NULL)
      gw_settings_set_export_folder (self->settings, "report", folder);
  }
  gw_window_export_summary_async (self, file, NULL, NULL);
}

static void
export_summary_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;
  const GwTarget *target = gw_session_get_target (self->session);

  if (self->shown == NULL || target == NULL)
    return;
  if (self->summary_chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->summary_chooser));
      return;
    }

  /* "2010 life expectancy target - summary.pdf" */
  name = gw_ui_file_name (target->title != NULL && *target->title != '\0' ? target->title : target->name,
                          C_("file name", "summary"), "pdf");
  self->summary_chooser = gtk_file_chooser_native_new (_("Export Board Summary as PDF"), GTK_WINDOW (self),
                                                       GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->summary_chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PDF documents (*.pdf)"));
  gtk_file_filter_add_pattern (filter, "*.pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->summary_chooser), filter);
  folder = gw_settings_dup_export_folder (self->settings, "report");
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->summary_chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->summary_chooser), name);
  g_signal_connect (self->summary_chooser, "response", G_CALLBACK (on_summary_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->summary_chooser));
}

/* GwWindow hooks */

void
gw_window_summary_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-summary", NULL, export_summary_action);
}

void
gw_window_summary_init (GwWindow *self)
{
  self->report_cancellable = g_cancellable_new ();
}

void
gw_window_summary_dispose (GwWindow *self)
{
  /* the thread keeps its own references; its callback must find no window
   * half gone: cancelled, it returns before touching it */
  g_cancellable_cancel (self->report_cancellable);
  g_clear_object (&self->report_cancellable);
  g_clear_handle_id (&self->report_pulse_id, g_source_remove);
  if (self->summary_chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->summary_chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->summary_chooser));
      g_clear_object (&self->summary_chooser);
    }
}
