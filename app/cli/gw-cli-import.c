/* gw-cli-import.c: `gapwatch-cli import`, add exports to a workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workspace is loaded first (so a file may use the areas of the stored
 * imports, and revisions are counted against them), then the files are
 * imported in the order given, each stored in its own transaction as soon as
 * it is committed.  One line per file on standard output, for scripts:
 *   FILE: imported N records, R revisions
 *   FILE: already in the workspace
 *   FILE: rejected (N errors)          the errors on standard error
 *   FILE: not imported | not stored    the reason on standard error
 */
#include "gw-config.h"

#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "session/gw-session-import.h"
#include "store/gw-workspace.h"
#include "gw-cli-private.h"

typedef struct
{
  gboolean  visible;
  int       last_percent;
} Progress;

static void
clear_progress (Progress *progress)
{
  if (!progress->visible)
    return;
  fputs ("\r\033[K", stderr);
  fflush (stderr);
  progress->visible = FALSE;
}

static void
on_task_progress_cb (GwImportTask *task,
                     double        fraction,
                     const char   *path,
                     gpointer      user_data)
{
  Progress *progress = user_data;
  g_autofree char *basename = g_path_get_basename (path != NULL ? path : "");
  int percent = (int) (CLAMP (fraction, 0.0, 1.0) * 100.0);

  if (percent == progress->last_percent)
    return;
  fprintf (stderr, "\r\033[K%3d%% %s", percent, basename);
  fflush (stderr);
  progress->visible = TRUE;
  progress->last_percent = percent;
}

/* Whether the import was read by a mapping an earlier import of the
 * workspace was read by (and no --mapping file was given). */
static gboolean
read_by_workspace_mapping (GwDataset *dataset, GwImport *import)
{
  GListModel *imports = gw_dataset_get_imports (dataset);
  const char *text = gw_import_get_mapping_text (import);

  if (text == NULL || (gw_cli_sdmx_mappings != NULL && gw_cli_sdmx_mappings[0] != NULL))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (imports); i++)
    {
      g_autoptr(GwImport) other = g_list_model_get_item (imports, i);

      if (other != import && g_strcmp0 (gw_import_get_mapping_text (other), text) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Prints the line of one file; returns whether it counts as a failure. */
static gboolean
report_file (GwImportTask *task,
             GwDataset    *dataset,
             guint         index)
{
  const GwImportResult *result = gw_import_task_get_result (task, index);
  const GwWorkspaceFileResult *stored = gw_session_get_file_result (task, index);
  g_autoptr(GPtrArray) messages = gw_cli_result_messages (result);

  for (guint i = 0; i < messages->len; i++)
    g_printerr ("%s\n", (const char *) g_ptr_array_index (messages, i));
  if (result->import != NULL && read_by_workspace_mapping (dataset, result->import))
    /* TRANSLATORS: "FILE: read with the workspace's mapping “NAME”" */
    g_printerr (_("%s: read with the workspace's mapping “%s”\n"), result->path,
                gw_import_get_mapping_name (result->import));

  if (stored != NULL && stored->status == GW_WORKSPACE_FILE_STORED)
    {
      guint records = gw_import_get_records (result->import);
      guint revisions = gw_import_get_revisions (result->import);
      g_autofree char *records_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record",
                                                                    "%u records", records), records);
      g_autofree char *revisions_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u revision",
                                                                      "%u revisions", revisions),
                                                         revisions);

      /* TRANSLATORS: "FILE: imported 12 records, 1 revision"; scripts may read it */
      g_print (_("%s: imported %s, %s"), result->path, records_text, revisions_text);
      g_print ("\n");
      return FALSE;
    }
  if (stored != NULL && stored->status == GW_WORKSPACE_FILE_ALREADY_STORED)
    {
      g_print (_("%s: already in the workspace"), result->path);
      g_print ("\n");
      return FALSE;
    }
  if (stored != NULL && stored->status == GW_WORKSPACE_FILE_NOT_STORED)
    {
      if (stored->error != NULL)
        g_printerr ("%s\n", stored->error->message);
      g_print (_("%s: not stored"), result->path);
      g_print ("\n");
      return TRUE;
    }
  if (result->kind == GW_IMPORT_RESULT_REJECTED)
    {
      g_autofree char *errors_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors",
                                                                   messages->len), messages->len);

      g_print (_("%s: rejected (%s)"), result->path, errors_text);
      g_print ("\n");
      return TRUE;
    }
  g_print (_("%s: not imported"), result->path);
  g_print ("\n");
  return TRUE;
}

int
gw_cli_import_run (const GwCliCommand  *command,
                   int                  argc,
                   char               **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GwWorkspace) workspace = NULL;
  g_autoptr(GwDataset) dataset = NULL;
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) files = NULL;
  Progress progress = { FALSE, -1 };
  int status = GW_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "workspace", 0, 0, G_OPTION_ARG_FILENAME, &path,
      N_("The workspace file, created when missing (default: the window's, in the user data folder)"),
      N_("PATH") },
    GW_CLI_SDMX_OPTIONS,
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
    { NULL }
  };

  context = gw_cli_option_context_new (command,
                                       N_("Imports the files in the order given, after the imports "
                                          "already in the workspace, and keeps each valid file in "
                                          "the workspace (one transaction per file).  A file "
                                          "already in the workspace changes nothing.  The other "
                                          "commands read a workspace with --workspace PATH.\n\n"
                                          "Exit status: 0 when every file is in the workspace, 1 "
                                          "when any was rejected or could not be stored, 2 for a "
                                          "usage error."),
                                       entries);
  if (!gw_cli_parse_options (command, context, argc, argv))
    return GW_CLI_EXIT_USAGE;
  if (files == NULL || files[0] == NULL)
    return gw_cli_usage_error (command, "%s", _("no files given"));
  if (path == NULL)
    path = gw_workspace_default_path ();

  workspace = gw_workspace_open (path, GW_WORKSPACE_OPEN_CREATE, &error);
  if (workspace == NULL)
    {
      g_printerr ("gapwatch-cli %s: %s\n", command->name, error->message);
      return GW_CLI_EXIT_INVALID;
    }
  dataset = gw_dataset_new ();
  /* Importing on top of a partly loaded workspace would count revisions
   * against the wrong records: stop instead. */
  if (!gw_workspace_load (workspace, dataset, NULL, &error))
    {
      g_printerr ("gapwatch-cli %s: %s\n", command->name, error->message);
      return GW_CLI_EXIT_INVALID;
    }

  /* a file like one imported before is read as it was, unless --mapping says */
  if (!gw_session_use_workspace_mappings (dataset, NULL, &error))
    {
      g_printerr ("gapwatch-cli %s: %s\n", command->name, error->message);
      g_clear_error (&error);
    }

  task = gw_import_task_new (dataset, (const char * const *) files);
  gw_session_watch_task (workspace, task, dataset);
  if (isatty (STDERR_FILENO) == 1)
    g_signal_connect (task, "progress", G_CALLBACK (on_task_progress_cb), &progress);
  /* Nothing cancels here; say so rather than drop the error. */
  if (!gw_import_task_run (task, NULL, &error))
    {
      clear_progress (&progress);
      g_printerr ("gapwatch-cli %s: %s\n", command->name, error->message);
      status = GW_CLI_EXIT_INVALID;
    }
  clear_progress (&progress);
  g_signal_handlers_disconnect_by_data (task, &progress);

  for (guint i = 0; i < gw_import_task_get_n_results (task); i++)
    if (report_file (task, dataset, i))
      status = GW_CLI_EXIT_INVALID;

  return status;
}
