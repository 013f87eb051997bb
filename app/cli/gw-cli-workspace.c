/* gw-cli-workspace.c: `--workspace PATH` for every command
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gw-config.h"

#include <glib/gi18n.h>

#include "session/gw-session.h"
#include "session/gw-table-writer.h"
#include "gw-cli-private.h"

GwSession *
gw_cli_load (const GwCliCommand  *command,
             const char          *workspace,
             char               **files,
             GwCliFileDoneFunc    file_done,
             gpointer             user_data,
             GwImportTask       **task_out)
{
  g_autoptr(GwSession) session = gw_session_new ();
  g_autoptr(GError) error = NULL;
  char *none[] = { NULL };

  /* read-only: the files the command is given are imported besides, never
   * stored; the workspace's targets are known to --target */
  if (workspace != NULL
      && !gw_session_open_workspace (session, workspace, GW_WORKSPACE_OPEN_READ_ONLY, NULL, &error))
    {
      g_printerr ("gapwatch-cli %s: %s\n", command->name, error->message);
      return NULL;
    }
  *task_out = gw_cli_import (gw_session_get_dataset (session),
                             (const char * const *) (files != NULL ? files : none),
                             file_done, user_data);
  return g_steal_pointer (&session);
}

int
gw_cli_write_out (const GwCliCommand *command,
                  const GString      *text,
                  const char         *path,
                  int                 status)
{
  g_autoptr(GError) error = NULL;

  if (!gw_table_write_out (text, path, &error))
    {
      /* g_file_set_contents names the file in its message; stdout says so */
      g_printerr ("gapwatch-cli %s: %s\n", command->name, error->message);
      return GW_CLI_EXIT_INVALID;
    }
  return status;
}

GwTarget *
gw_cli_lookup_target (const GwCliCommand *command,
                      GwSession          *session,
                      const char         *id)
{
  g_autoptr(GPtrArray) known = NULL;
  g_autoptr(GString) names = NULL;
  GwTarget *target;

  target = gw_session_lookup_target (session, id != NULL ? id : "le-2010");
  if (target != NULL)
    return target;

  known = gw_session_list_targets (session);
  names = g_string_new (NULL);
  for (guint i = 0; i < known->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "",
                            ((GwTarget *) g_ptr_array_index (known, i))->name);
  gw_cli_usage_error (command, _("unknown target “%s” (known: %s)"), id, names->str);
  return NULL;
}

gboolean
gw_cli_parse_table_format (const GwCliCommand *command,
                           const char         *text,
                           GwTableFormat      *out)
{
  if (gw_table_format_parse (text, out))
    return TRUE;
  gw_cli_usage_error (command, _("--format must be csv, json or table, not “%s”"), text);
  return FALSE;
}
