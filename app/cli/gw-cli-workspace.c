/* gw-cli-workspace.c: `--workspace PATH` for every command
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gw-config.h"

#include "store/gw-workspace.h"
#include "gw-cli-private.h"

/**
 * gw_cli_open_workspace:
 * @dataset: the command's dataset, before the files are imported into it
 * @path: a workspace made by `gapwatch-cli import` or the window
 * @error: why it cannot be opened or loaded (GW_WORKSPACE_ERROR)
 *
 * Loads every import of the workspace into @dataset, read-only: the files the
 * command is given afterwards are imported besides, never stored.
 *
 * Returns: TRUE when every stored import was loaded
 */
gboolean
gw_cli_open_workspace (GwDataset   *dataset,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(GwWorkspace) workspace = NULL;

  g_return_val_if_fail (GW_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  workspace = gw_workspace_open (path, GW_WORKSPACE_OPEN_READ_ONLY, error);
  if (workspace == NULL)
    return FALSE;
  return gw_workspace_load (workspace, dataset, NULL, error);
}

GwDataset *
gw_cli_load (const GwCliCommand  *command,
             const char          *workspace,
             char               **files,
             GwCliFileDoneFunc    file_done,
             gpointer             user_data,
             GwImportTask       **task_out)
{
  g_autoptr(GwDataset) dataset = gw_dataset_new ();
  g_autoptr(GError) error = NULL;
  char *none[] = { NULL };

  if (workspace != NULL && !gw_cli_open_workspace (dataset, workspace, &error))
    {
      g_printerr ("gapwatch-cli %s: %s\n", command->name, error->message);
      return NULL;
    }
  *task_out = gw_cli_import (dataset, (const char * const *) (files != NULL ? files : none),
                             file_done, user_data);
  return g_steal_pointer (&dataset);
}
