/* gw-window.h: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "session/gw-session.h"

#include "model/gw-dataset.h"
#include "store/gw-workspace.h"
#include "gw-application.h"

G_BEGIN_DECLS

#define GW_TYPE_WINDOW (gw_window_get_type ())
G_DECLARE_FINAL_TYPE (GwWindow, gw_window, GW, WINDOW, GtkApplicationWindow)

GwWindow  *gw_window_new          (GwApplication       *application);
/* The dataset shown: the open workspace's ("notify::dataset" when another
 * workspace is opened). */
GwDataset *gw_window_get_dataset  (GwWindow            *self);
/* TRUE while an import runs, a workspace opens or a copy is saved
 * ("notify::busy" when it changes). */
gboolean   gw_window_get_busy     (GwWindow            *self);
/* Imports the files, in order; the one path of the import dialog, drag and
 * drop, "Open Sample Exports" and the command line.  Files given while an
 * import runs are imported after it. */
void       gw_window_import_files (GwWindow            *self,
                                   const char * const  *paths);
/* TRUE while the indicators are computed, or wait for the import running
 * ("notify::computing" when it changes). */
gboolean   gw_window_get_computing (GwWindow           *self);
/* The session the window shows: its dataset, targets and tracker result. */
GwSession *gw_window_get_session   (GwWindow           *self);
/* The name of the target tracked ("le-2010"). */
const char *gw_window_get_target_name (GwWindow         *self);
/* Tracks the target of that name (built-in or edited); FALSE when unknown. */
gboolean   gw_window_set_target   (GwWindow            *self,
                                   const char          *name);
/* Writes the tracker table as `gapwatch-cli track` CSV (the Export dialog's
 * path). */
gboolean   gw_window_save_csv     (GwWindow            *self,
                                   GFile               *file,
                                   GError             **error);
/* Writes the board report as a PDF in a thread, the progress bar pulsing
 * (the Export Report dialog's path, gw-window-summary.c). */
void       gw_window_export_report_async  (GwWindow            *self,
                                           GFile               *file,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean   gw_window_export_report_finish (GwWindow            *self,
                                           GAsyncResult        *result,
                                           GError             **error);
/* Writes the two-page board summary as a PDF in a thread, the progress bar
 * pulsing (the Export Board Summary dialog's path, gw-window-summary.c). */
void       gw_window_export_summary_async  (GwWindow            *self,
                                            GFile               *file,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean   gw_window_export_summary_finish (GwWindow            *self,
                                            GAsyncResult        *result,
                                            GError             **error);
/* Writes the selected area's gap chart: .png, .svg or .pdf by the name. */
gboolean   gw_window_export_chart (GwWindow            *self,
                                   GFile               *file,
                                   GError             **error);
/* "tracker" or "imports". */
void       gw_window_show_page    (GwWindow            *self,
                                   const char          *name);
/* Shows an informational message above the content. */
void       gw_window_show_message (GwWindow            *self,
                                   const char          *message);

/* Workspaces (every import is kept in the one open). */

/* Opens the workspace at path in place of the one open, loading it in a
 * thread ("notify::busy"); NULL: the one open last, or else the default
 * workspace, created when missing.  Files given meanwhile are imported into
 * it once it is open. */
void        gw_window_open_workspace   (GwWindow           *self,
                                        const char         *path);
/* Creates an empty workspace at path (a file there is replaced) and opens it. */
void        gw_window_new_workspace    (GwWindow           *self,
                                        const char         *path);
/* Saves a copy of the open workspace at path, for a colleague ("notify::busy"
 * while it runs); the window goes on with the workspace it has. */
void        gw_window_save_workspace_copy (GwWindow        *self,
                                           const char      *path);
/* Writes the original file of an import of the open workspace (the Save
 * Original File dialog's path). */
gboolean    gw_window_save_original    (GwWindow           *self,
                                        const char         *export_id,
                                        GFile              *file,
                                        GError            **error);
/* The open workspace, or NULL. */
GwWorkspace *gw_window_get_workspace   (GwWindow           *self);
/* What the window calls the open workspace: "Default Workspace" or its file's
 * name without .gwdb. */
char       *gw_window_dup_workspace_name (GwWindow         *self);

G_END_DECLS
