/* gw-import-task.h: import several files off the main thread, in order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one code path by which the window and gapwatch-cli import exports.  Each
 * file is read in a GTask thread (gw_reader_read_file) and committed on the
 * main context before the next is read, so a file may use the areas of the
 * files before it.  A rejected file adds nothing; the others still import.
 * A file refused only because it names areas or groups that no earlier file
 * declares is read again once the later files are in, so exports given in
 * any order import (its "file-done" is then emitted a second time).
 */
#pragma once

#include <gio/gio.h>

#include "model/gw-dataset.h"
#include "gw-problem.h"

G_BEGIN_DECLS

typedef enum
{
  GW_IMPORT_RESULT_IMPORTED,
  GW_IMPORT_RESULT_UNCHANGED,   /* already imported with the same content */
  GW_IMPORT_RESULT_REJECTED,    /* invalid: see errors */
  GW_IMPORT_RESULT_FAILED,      /* could not be read, or could not be committed: see error */
  GW_IMPORT_RESULT_CANCELLED,
} GwImportResultKind;

typedef struct
{
  char               *path;
  GwImportResultKind  kind;
  GwImport           *import;   /* IMPORTED: the new import; UNCHANGED: the existing one */
  GPtrArray          *errors;   /* GwProblem, REJECTED */
  GError             *error;    /* REJECTED, FAILED, CANCELLED, UNCHANGED: what to tell the user */
} GwImportResult;

#define GW_TYPE_IMPORT_TASK (gw_import_task_get_type ())
G_DECLARE_FINAL_TYPE (GwImportTask, gw_import_task, GW, IMPORT_TASK, GObject)

GwImportTask         *gw_import_task_new          (GwDataset            *dataset,
                                                   const char * const   *paths);
/* Signals, on the main context the task was started from:
 *   "progress" (double fraction 0..1 over all files by bytes, const char *path)
 *   "file-done" (guint index of the result) */
void                  gw_import_task_run_async    (GwImportTask         *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
/* FALSE only when cancelled (G_IO_ERROR_CANCELLED); rejected files are in the results. */
gboolean              gw_import_task_run_finish   (GwImportTask         *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
/* Runs the task to its end in a nested main loop (for gapwatch-cli and tests). */
gboolean              gw_import_task_run          (GwImportTask         *self,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
guint                 gw_import_task_get_n_results (GwImportTask        *self);
const GwImportResult *gw_import_task_get_result   (GwImportTask         *self,
                                                   guint                 index);
/* Number of results whose kind is REJECTED or FAILED. */
guint                 gw_import_task_get_n_failed (GwImportTask         *self);

G_END_DECLS
