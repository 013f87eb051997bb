/* gw-cli-check.c: `gapwatch-cli check`, validate exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The files are imported, in the order given, into a scratch dataset that is
 * thrown away afterwards, exactly as the window would import them: a file may
 * use the areas and groups the files before it declare (and, because
 * GwImportTask reads a file refused only for unknown codes again after the
 * others, those declared by the files after it).
 */
#include "gw-config.h"

#include <glib/gi18n.h>

#include "gw-cli-private.h"

typedef struct
{
  gboolean verbose;
} CheckRun;

static void
print_warnings (GwImport *import)
{
  const char *const *warnings = gw_import_get_warnings (import);
  guint n_warnings = gw_import_get_n_warnings (import);
  guint shown = 0;

  if (warnings != NULL)
    for (; warnings[shown] != NULL; shown++)
      g_printerr ("%s %s\n", _("warning:"), warnings[shown]);

  /* The import keeps only the first warnings' texts; say how many more. */
  if (n_warnings > shown)
    {
      g_autofree char *raw = g_path_get_basename (gw_import_get_file (import));
      g_autofree char *basename = gw_problem_escape (raw, -1);

      g_printerr ("%s ", _("warning:"));
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "%s: %u more warning not shown",
                               "%s: %u more warnings not shown",
                               n_warnings - shown),
                  basename, n_warnings - shown);
      g_printerr ("\n");
    }
}

static void
on_file_done (const GwImportResult *result,
              gpointer              user_data)
{
  CheckRun *run = user_data;
  GwImport *import = result->import;
  guint records, warnings;
  g_autofree char *records_text = NULL;
  g_autofree char *warnings_text = NULL;
  g_autofree char *shown = NULL;

  if (!run->verbose || gw_cli_result_failed (result) || import == NULL)
    return;

  records = gw_import_get_records (import);
  warnings = gw_import_get_n_warnings (import);

  /* An unchanged file (given twice) was already reported the first time. */
  if (result->kind == GW_IMPORT_RESULT_IMPORTED)
    print_warnings (import);

  records_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record", "%u records", records),
                                  records);
  warnings_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", warnings),
                                   warnings);
  /* TRANSLATORS: "FILE: ok (12 records, 1 warning)"; scripts may read it, so
   * keep the shape. */
  shown = gw_problem_escape (result->path, -1);
  g_print (_("%s: ok (%s, %s)"), shown, records_text, warnings_text);
  g_print ("\n");
}

int
gw_cli_check_run (const GwCliCommand  *command,
                  int                  argc,
                  char               **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GwSession) session = NULL;
  g_autoptr(GwImportTask) task = NULL;
  g_auto(GStrv) files = NULL;
  g_autofree char *workspace = NULL;
  gboolean verbose = FALSE;
  CheckRun run = { 0 };
  int status = GW_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose,
      N_("Print one line per valid file, and the warnings"), NULL },
    GW_CLI_WORKSPACE_OPTION (workspace),
    GW_CLI_SDMX_OPTIONS,
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
    { NULL }
  };

  context = gw_cli_option_context_new (command,
                                       N_("Every error is printed on standard error as "
                                          "FILE:LINE:COLUMN: message.  A file may use the areas "
                                          "and groups that the other files given declare.\n\n"
                                          "Exit status: 0 when every file is valid, 1 when "
                                          "any file has an error or cannot be read, 2 for a "
                                          "usage error."),
                                       entries);
  if (!gw_cli_parse_options (command, context, argc, argv))
    return GW_CLI_EXIT_USAGE;
  if ((files == NULL || files[0] == NULL) && workspace == NULL)
    return gw_cli_usage_error (command, "%s", _("no files given"));

  run.verbose = verbose;
  session = gw_cli_load (command, workspace, files, on_file_done, &run, &task);
  if (session == NULL)
    return GW_CLI_EXIT_INVALID;

  for (guint i = 0; i < gw_import_task_get_n_results (task); i++)
    if (gw_cli_result_failed (gw_import_task_get_result (task, i)))
      status = GW_CLI_EXIT_INVALID;

  return status;
}
