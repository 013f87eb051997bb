/* fuzz-workspace.c: the workspace loader, on workspaces from anyone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bytes become a workspace file, opened read-only and loaded into a
 * fresh dataset (every record is checked as it is read: a damaged one is
 * refused, never trusted).  What loaded is then used as the CLI and the
 * window use it: the indicators computed, the workspace's targets read, and
 * every target (the built-ins and the workspace's) tracked through a
 * GwSession.
 */
#include "gw-fuzz.h"

#include "session/gw-session.h"
#include "store/gw-workspace.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *path = NULL;
  g_autoptr(GwWorkspace) workspace = NULL;
  g_autoptr(GwDataset) dataset = NULL;
  g_autoptr(GwSession) session = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GError) error = NULL;

  path = gw_fuzz_write ("input.gwdb", data, size);
  workspace = gw_workspace_open (path, GW_WORKSPACE_OPEN_READ_ONLY, &error);
  if (workspace == NULL)
    {
      g_assert (error != NULL);
      goto out;
    }

  dataset = gw_dataset_new ();
  if (!gw_workspace_load (workspace, dataset, NULL, &error))
    {
      g_assert (error != NULL);
      g_clear_error (&error);
    }

  /* the imports that loaded, whether or not another was refused */
  session = gw_session_new ();
  gw_session_set_dataset (session, dataset);
  gw_session_set_workspace (session, workspace);
  g_assert (gw_session_get_indicators (session) != NULL);
  /* the built-ins and the workspace's own (read from its texts) */
  targets = gw_session_list_targets (session);
  for (guint i = 0; i < targets->len; i++)
    {
      GwTrackerResult *result;

      gw_session_set_target (session, g_ptr_array_index (targets, i));
      result = gw_session_get_result (session, &error);
      g_assert (result != NULL || error != NULL);
      g_clear_error (&error);
    }

out:
  g_clear_object (&session);
  g_clear_object (&workspace);
  /* with its -wal and -shm: a stale -wal would be replayed into the next */
  gw_workspace_delete (path, NULL);
  return 0;
}
