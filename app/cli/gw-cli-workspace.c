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
