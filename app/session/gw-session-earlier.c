/* gw-session-earlier.c: the data as it was before the latest export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The board summary lists the areas whose status changed since the last
 * export.  The dataset keeps, for each key, the row of the export with the
 * latest `generated` (help/C/import.page, "Records, keys and revisions"),
 * so the data "as of the previous export" is what the exports generated
 * before the newest generation give on their own, whatever order they were
 * imported in.  It is rebuilt by importing those exports again into a
 * dataset of its own: the dataset cannot be copied, and rebuilding takes
 * the same path as any import (the same readers, the same revisions).
 */
#include "gw-config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "gw-session.h"

/**
 * gw_session_earlier_files:
 * @self: a session
 * @tmpdir: (out) (transfer full): a folder this made for the files it took
 *   out of the workspace, to delete with gw_session_earlier_files_free(), or %NULL
 * @error: a #GwWorkspaceError when a stored file cannot be written out
 *
 * The files of the exports generated before the newest generation of the
 * session's imports, in import order: a stored import's original out of
 * the workspace (when one is open), else the file it was imported from.
 * Main thread only (the workspace is read).
 *
 * Returns: (transfer full) (nullable): the paths; %NULL with no error when
 *   every export is of the newest generation (nothing earlier to compare with)
 */
char **
gw_session_earlier_files (GwSession  *self,
                          char      **tmpdir,
                          GError    **error)
{
  GListModel *imports;
  GDateTime *newest;
  GwWorkspace *workspace;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (GW_IS_SESSION (self), NULL);
  g_return_val_if_fail (tmpdir != NULL && *tmpdir == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  imports = gw_dataset_get_imports (gw_session_get_dataset (self));
  newest = gw_dataset_get_newest_generated (gw_session_get_dataset (self));
  workspace = gw_session_get_workspace (self);
  if (newest == NULL)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (imports); i++)
    {
      g_autoptr(GwImport) import = g_list_model_get_item (imports, i);
      GDateTime *generated = gw_import_get_generated (import);
      gboolean stored = FALSE;

      /* an export with no date is older than any dated one: the dataset
       * lets a dated revision replace its rows */
      if (generated != NULL && g_date_time_compare (generated, newest) >= 0)
        continue;
      if (workspace != NULL && !gw_workspace_has_file (workspace, gw_import_get_sha256 (import), &stored, error))
        return NULL;
      if (stored)
        {
          g_autofree char *dest = NULL;

          if (*tmpdir == NULL)
            {
              *tmpdir = g_dir_make_tmp ("gapwatch-earlier-XXXXXX", error);
              if (*tmpdir == NULL)
                return NULL;
            }
          /* a number first: two exports may have one file name */
          dest = g_strdup_printf ("%s/%u-%s", *tmpdir, i, gw_import_get_basename (import));
          if (!gw_workspace_save_original (workspace, gw_import_get_id (import), dest, error))
            return NULL;
          g_ptr_array_add (paths, g_steal_pointer (&dest));
        }
      else
        g_ptr_array_add (paths, g_strdup (gw_import_get_file (import)));
    }
  if (paths->len == 0)
    return NULL;
  g_ptr_array_add (paths, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&paths), FALSE);
}

/**
 * gw_session_earlier_files_free:
 * @paths: (transfer full) (nullable): from gw_session_earlier_files()
 * @tmpdir: (transfer full) (nullable): its folder
 *
 * Frees @paths and deletes what gw_session_earlier_files() wrote in @tmpdir.
 */
void
gw_session_earlier_files_free (char **paths,
                               char  *tmpdir)
{
  if (tmpdir != NULL)
    {
      for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
        if (g_str_has_prefix (paths[i], tmpdir))
          g_unlink (paths[i]);
      g_rmdir (tmpdir);
    }
  g_strfreev (paths);
  g_free (tmpdir);
}

/**
 * gw_session_track_files:
 * @paths: exports, imported in this order into a dataset of their own
 * @target: the target to track
 * @cancellable: (nullable): stops the import
 * @error: why the files or the target give no result
 *
 * Tracks @target on the exports @paths alone (gw_session_earlier_files():
 * the data as of the previous export).  Needs no session and may run in a
 * worker thread: the import runs in a main context of its own.
 *
 * Returns: (transfer full): the result, or %NULL with @error set
 */
GwTrackerResult *
gw_session_track_files (const char * const  *paths,
                        const GwTarget      *target,
                        GCancellable        *cancellable,
                        GError             **error)
{
  g_autoptr(GwDataset) dataset = gw_dataset_new ();
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GwIndicators) indicators = NULL;

  g_return_val_if_fail (paths != NULL, NULL);
  g_return_val_if_fail (target != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  task = gw_import_task_new (dataset, paths);
  if (!gw_import_task_run (task, cancellable, error))
    return NULL;
  for (guint i = 0; i < gw_import_task_get_n_results (task); i++)
    {
      const GwImportResult *r = gw_import_task_get_result (task, i);
      g_autofree char *name = g_path_get_basename (r->path);

      if (r->kind != GW_IMPORT_RESULT_REJECTED && r->kind != GW_IMPORT_RESULT_FAILED)
        continue;
      /* Translators: an earlier export could not be read again, "le-a.xml: …" */
      g_set_error (error, GW_SESSION_ERROR, GW_SESSION_ERROR_INVALID, _("%s could not be read again: %s"),
                   name, r->error != NULL ? r->error->message : _("it is not valid"));
      return NULL;
    }
  indicators = gw_indicators_compute (dataset);
  return gw_tracker_result_new (dataset, indicators, target, error);
}
