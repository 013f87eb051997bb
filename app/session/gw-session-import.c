/* gw-session-import.c: running an import task into a workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GwWorkspaceSink stores each import as the dataset commits it (inside
 * gw_dataset_commit, where nothing may remove it); the task's "file-done",
 * emitted after the commit returned, is where a file the workspace did not
 * keep is removed from the dataset again.
 */
#include "gw-config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gw-session-import.h"

#include "formats/gw-sdmx-mapping.h"

#define WATCH_KEY "gw-session-import-watch"

typedef struct
{
  GwWorkspace     *workspace;
  GwDataset       *dataset;
  GwWorkspaceSink *sink;
  GArray          *results;   /* GwWorkspaceFileResult, by result index */
} Watch;

static void
clear_file_result (gpointer data)
{
  GwWorkspaceFileResult *r = data;

  g_clear_error (&r->error);
}

static void
watch_free (gpointer data)
{
  Watch *watch = data;

  /* first: it holds the dataset's handlers */
  g_clear_pointer (&watch->sink, gw_workspace_sink_free);
  g_clear_object (&watch->workspace);
  g_clear_object (&watch->dataset);
  g_array_unref (watch->results);
  g_free (watch);
}

static void
on_task_file_done_cb (GwImportTask *task,
                      guint         index,
                      gpointer      user_data)
{
  Watch *watch = user_data;
  const GwImportResult *result = gw_import_task_get_result (task, index);
  const GwWorkspaceFileResult *stored;
  GwWorkspaceFileResult *fr;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  gboolean found = FALSE;

  if (result == NULL)
    return;
  if (watch->results->len <= index)
    g_array_set_size (watch->results, index + 1);
  fr = &g_array_index (watch->results, GwWorkspaceFileResult, index);
  clear_file_result (fr);
  base = g_path_get_basename (result->path);

  switch (result->kind)
    {
    case GW_IMPORT_RESULT_IMPORTED:
      stored = result->import != NULL ? gw_workspace_sink_get_result (watch->sink, result->import) : NULL;
      if (stored == NULL)
        {
          /* committed without the sink seeing it: not kept, so not shown */
          fr->status = GW_WORKSPACE_FILE_NOT_STORED;
          fr->error = g_error_new (GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_FAILED,
                                   _("%s was not stored in the workspace %s"), base,
                                   gw_workspace_get_path (watch->workspace));
        }
      else
        {
          fr->status = stored->status;
          fr->error = stored->error != NULL ? g_error_copy (stored->error) : NULL;
        }
      /* What the window shows is what the workspace keeps. */
      if (fr->status == GW_WORKSPACE_FILE_NOT_STORED && result->import != NULL)
        gw_dataset_remove_import (watch->dataset, result->import);
      break;

    case GW_IMPORT_RESULT_UNCHANGED:
      if (result->import != NULL
          && !gw_workspace_has_file (watch->workspace, gw_import_get_sha256 (result->import), &found, &error))
        {
          fr->status = GW_WORKSPACE_FILE_NOT_STORED;
          fr->error = g_steal_pointer (&error);
        }
      else if (found)
        {
          fr->status = GW_WORKSPACE_FILE_ALREADY_STORED;
          fr->error = g_error_new (GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_FAILED,
                                   _("%s is already in the workspace: nothing changed"), base);
        }
      else
        {
          fr->status = GW_WORKSPACE_FILE_NOT_STORED;
          fr->error = g_error_new (GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_NOT_STORED,
                                   _("%s was imported before without the workspace, so it is not "
                                     "stored; remove it and import it again to keep it"), base);
        }
      break;

    default:
      fr->status = GW_WORKSPACE_FILE_NOT_IMPORTED;
      break;
    }
}

/**
 * gw_session_watch_task:
 * @workspace: a workspace open for writing
 * @task: an import task that has not started
 * @dataset: the dataset the task imports into
 *
 * Each file the task commits is stored in @workspace at once, in its own
 * transaction (a GwWorkspaceSink on @dataset, alive as long as @task).
 */
void
gw_session_watch_task (GwWorkspace  *workspace,
                       GwImportTask *task,
                       GwDataset    *dataset)
{
  Watch *watch;

  g_return_if_fail (GW_IS_WORKSPACE (workspace));
  g_return_if_fail (GW_IS_IMPORT_TASK (task));
  g_return_if_fail (GW_IS_DATASET (dataset));
  g_return_if_fail (g_object_get_data (G_OBJECT (task), WATCH_KEY) == NULL);

  watch = g_new0 (Watch, 1);
  watch->workspace = g_object_ref (workspace);
  watch->dataset = g_object_ref (dataset);
  watch->sink = gw_workspace_sink_new (workspace, dataset);
  watch->results = g_array_new (FALSE, TRUE, sizeof (GwWorkspaceFileResult));
  g_array_set_clear_func (watch->results, clear_file_result);
  g_object_set_data_full (G_OBJECT (task), WATCH_KEY, watch, watch_free);
  g_signal_connect (task, "file-done", G_CALLBACK (on_task_file_done_cb), watch);
}

/**
 * gw_session_get_file_result:
 * @task: a task watched with gw_session_watch_task()
 * @index: a result index of the task
 *
 * Returns: (nullable): what the workspace did with that file
 */
const GwWorkspaceFileResult *
gw_session_get_file_result (GwImportTask *task,
                            guint         index)
{
  Watch *watch;

  g_return_val_if_fail (GW_IS_IMPORT_TASK (task), NULL);

  watch = g_object_get_data (G_OBJECT (task), WATCH_KEY);
  if (watch == NULL || index >= watch->results->len)
    return NULL;
  return &g_array_index (watch->results, GwWorkspaceFileResult, index);
}

/**
 * gw_session_import_files:
 * @workspace: a workspace open for writing
 * @dataset: the dataset to import into (load the workspace into it first, so
 *   files may use the areas of the stored imports and revisions count right)
 * @paths: the files, imported in this order
 * @cancellable: (nullable): stops after the file being read; files stored
 *   before stay stored
 * @error: G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (nullable): the finished task, or NULL when cancelled
 */
GwImportTask *
gw_session_import_files (GwWorkspace         *workspace,
                         GwDataset           *dataset,
                         const char * const  *paths,
                         GCancellable        *cancellable,
                         GError             **error)
{
  g_autoptr(GwImportTask) task = NULL;

  g_return_val_if_fail (GW_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (GW_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (paths != NULL, NULL);

  task = gw_import_task_new (dataset, paths);
  gw_session_watch_task (workspace, task, dataset);
  if (!gw_import_task_run (task, cancellable, error))
    return NULL;
  return g_steal_pointer (&task);
}

/**
 * gw_session_use_workspace_mappings:
 * @dataset: a dataset loaded from a workspace
 * @out_n: (out) (optional): how many mappings its imports were read by
 * @error: the first kept text that is no mapping
 *
 * Returns: whether every kept mapping can be used
 */
gboolean
gw_session_use_workspace_mappings (GwDataset  *dataset,
                                   guint      *out_n,
                                   GError    **error)
{
  GListModel *imports;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  guint n;

  g_return_val_if_fail (GW_IS_DATASET (dataset), FALSE);

  imports = gw_dataset_get_imports (dataset);
  n = g_list_model_get_n_items (imports);
  /* the latest import's mapping first: the one a user made last */
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(GwImport) import = g_list_model_get_item (imports, i - 1);
      const char *text = gw_import_get_mapping_text (import);
      gboolean seen = FALSE;

      if (text == NULL)
        continue;
      for (guint k = 0; k < texts->len && !seen; k++)
        seen = strcmp (g_ptr_array_index (texts, k), text) == 0;
      if (seen)
        continue;
      g_ptr_array_add (names, (gpointer) gw_import_get_mapping_name (import));
      g_ptr_array_add (texts, (gpointer) text);
    }
  if (out_n != NULL)
    *out_n = texts->len;
  g_ptr_array_add (names, NULL);
  g_ptr_array_add (texts, NULL);
  return gw_sdmx_set_workspace_mappings ((const char *const *) names->pdata, (const char *const *) texts->pdata, error);
}
