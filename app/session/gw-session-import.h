/* gw-session-import.h: running an import task into a workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workspace (app/store) knows datasets, not import tasks: it stores
 * whatever is committed into a dataset it watches (GwWorkspaceSink).  This
 * is the glue between the two: it watches for one GwImportTask, keeps what
 * happened to each of its files, and takes a file the workspace could not
 * store out of the dataset again, so the dataset shows what the workspace
 * keeps.
 */
#pragma once

#include "formats/gw-import-task.h"
#include "store/gw-workspace.h"

G_BEGIN_DECLS

/* Stores, as each is committed, the files task imports into dataset:
 * call before the task runs, and connect other "file-done" handlers after
 * this, so they see gw_session_get_file_result().  No other import may
 * commit into dataset while the task lives. */
void          gw_session_watch_task        (GwWorkspace         *workspace,
                                            GwImportTask        *task,
                                            GwDataset           *dataset);
/* After a watched task's "file-done": what happened to its index-th file;
 * NULL when the task is not watched or the file has no result yet. */
const GwWorkspaceFileResult *
              gw_session_get_file_result   (GwImportTask        *task,
                                            guint                index);
/* A GwImportTask over paths, watched, run to its end (nested main loop).
 * Returns the finished task (per-file results with gw_import_task_get_result
 * and gw_session_get_file_result), or NULL when cancelled. */
GwImportTask *gw_session_import_files      (GwWorkspace         *workspace,
                                            GwDataset           *dataset,
                                            const char * const  *paths,
                                            GCancellable        *cancellable,
                                            GError             **error);
/* The SDMX-ML mappings the imports of dataset were read by (the workspace
 * keeps them) become the ones tried for a message of their dataflows when
 * no --mapping file names it (gw_sdmx_set_workspace_mappings()).  A kept
 * text that is no mapping is left out and is the error, naming it.
 * Returns how many there are in out_n (nullable). */
gboolean      gw_session_use_workspace_mappings (GwDataset       *dataset,
                                                 guint           *out_n,
                                                 GError         **error);

G_END_DECLS
