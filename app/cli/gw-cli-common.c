/* gw-cli-common.c: option parsing, importing and layout shared by the commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gw-config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "gw-cli-private.h"

#include "formats/gw-sdmx-mapping.h"

typedef struct
{
  GwImportTask      *task;
  GArray            *printed;     /* gboolean per result: its errors are on stderr */
  gboolean           show_progress;
  gboolean           progress_visible;
  int                last_percent;
  char              *last_path;
} ImportRun;

static void
clear_progress (ImportRun *run)
{
  if (!run->progress_visible)
    return;
  /* Carriage return and "erase to end of line": the line is reused, so the
   * next message starts on a clean line. */
  fputs ("\r\033[K", stderr);
  fflush (stderr);
  run->progress_visible = FALSE;
  run->last_percent = -1;
  g_clear_pointer (&run->last_path, g_free);
}

static void
on_task_progress_cb (GwImportTask *task,
                     double        fraction,
                     const char   *path,
                     gpointer      user_data)
{
  ImportRun *run = user_data;
  g_autofree char *raw = NULL, *basename = NULL;
  int percent;

  if (!run->show_progress)
    return;

  percent = (int) (CLAMP (fraction, 0.0, 1.0) * 100.0);
  /* Repaint only when something visible changed: progress may be signalled
   * thousands of times for a large file. */
  if (percent == run->last_percent && g_strcmp0 (path, run->last_path) == 0)
    return;

  raw = g_path_get_basename (path != NULL ? path : "");
  basename = gw_problem_escape (raw, -1);
  fprintf (stderr, "\r\033[K%3d%% %s", percent, basename);
  fflush (stderr);
  run->progress_visible = TRUE;
  run->last_percent = percent;
  g_free (run->last_path);
  run->last_path = g_strdup (path);
}

/* Whether a result may still change: GwImportTask reads a file refused only
 * for codes no earlier file declares again once later files are in. */
static gboolean
may_be_retried (const GwImportResult *result)
{
  if (result->kind != GW_IMPORT_RESULT_REJECTED || result->errors == NULL
      || result->errors->len == 0)
    return FALSE;
  for (guint i = 0; i < result->errors->len; i++)
    {
      const GwProblem *problem = g_ptr_array_index (result->errors, i);

      if (problem->kind != GW_PROBLEM_UNKNOWN_REFERENCE)
        return FALSE;
    }
  return TRUE;
}

static void
print_result_messages (ImportRun *run,
                       guint      index)
{
  const GwImportResult *result = gw_import_task_get_result (run->task, index);
  g_autoptr(GPtrArray) messages = NULL;

  if (result == NULL || index >= run->printed->len
      || g_array_index (run->printed, gboolean, index))
    return;

  messages = gw_cli_result_messages (result);
  if (messages->len == 0)
    return;

  clear_progress (run);
  for (guint i = 0; i < messages->len; i++)
    g_printerr ("%s\n", (const char *) g_ptr_array_index (messages, i));
  g_array_index (run->printed, gboolean, index) = TRUE;
}

static void
on_task_file_done_cb (GwImportTask *task,
                      guint         index,
                      gpointer      user_data)
{
  ImportRun *run = user_data;
  const GwImportResult *result = gw_import_task_get_result (task, index);

  /* Errors as soon as they are final, so a long run over many files shows
   * them early; a refusal for unknown codes waits for the end, because a
   * later file may declare the codes and the file then imports. */
  if (result != NULL && !may_be_retried (result))
    print_result_messages (run, index);
}

GwImportTask *
gw_cli_import (GwDataset          *dataset,
               const char * const *files,
               GwCliFileDoneFunc   file_done,
               gpointer            user_data)
{
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) printed = NULL;
  ImportRun run = { 0 };
  guint n_results;

  g_return_val_if_fail (GW_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (files != NULL, NULL);

  task = gw_import_task_new (dataset, files);
  printed = g_array_new (FALSE, TRUE, sizeof (gboolean));
  g_array_set_size (printed, g_strv_length ((char **) files));
  run.task = task;
  run.printed = printed;
  /* Progress only for a person watching: a pipe or log file gets no
   * carriage returns. */
  run.show_progress = isatty (STDERR_FILENO) == 1;
  run.last_percent = -1;

  g_signal_connect (task, "progress", G_CALLBACK (on_task_progress_cb), &run);
  g_signal_connect (task, "file-done", G_CALLBACK (on_task_file_done_cb), &run);

  /* Only cancelling makes this fail, and nothing here cancels; say so rather
   * than drop the error. */
  if (!gw_import_task_run (task, NULL, &error))
    {
      clear_progress (&run);
      g_printerr ("gapwatch-cli: %s\n", error->message);
    }
  clear_progress (&run);

  g_signal_handlers_disconnect_by_data (task, &run);
  g_clear_pointer (&run.last_path, g_free);

  n_results = gw_import_task_get_n_results (task);
  for (guint i = 0; i < n_results; i++)
    print_result_messages (&run, i);

  if (file_done != NULL)
    for (guint i = 0; i < n_results; i++)
      file_done (gw_import_task_get_result (task, i), user_data);

  return g_steal_pointer (&task);
}

gboolean
gw_cli_result_failed (const GwImportResult *result)
{
  g_return_val_if_fail (result != NULL, TRUE);

  return result->kind == GW_IMPORT_RESULT_REJECTED
         || result->kind == GW_IMPORT_RESULT_FAILED
         || result->kind == GW_IMPORT_RESULT_CANCELLED;
}

GPtrArray *
gw_cli_result_messages (const GwImportResult *result)
{
  GPtrArray *messages = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (result != NULL, messages);

  if (!gw_cli_result_failed (result))
    return messages;

  if (result->errors != NULL)
    for (guint i = 0; i < result->errors->len; i++)
      g_ptr_array_add (messages,
                       gw_problem_format (g_ptr_array_index (result->errors, i)));

  /* A file that could not be opened or committed has no located problems;
   * its GError is the message.  Name the file unless the message already
   * starts with it, so every line on stderr says which file it is about. */
  if (messages->len == 0)
    {
      g_autofree char *basename = g_path_get_basename (result->path);
      const char *text = result->error != NULL ? result->error->message
                                               : _("the file was not imported");

      g_autofree char *line = NULL;

      if (g_str_has_prefix (text, basename) && text[strlen (basename)] == ':')
        line = g_strdup (text);
      else
        line = g_strdup_printf ("%s: %s", basename, text);
      /* the same escaping as gw_problem_format: a newline in the name must
       * not make a line of its own on stderr */
      g_ptr_array_add (messages, gw_problem_escape (line, -1));
    }

  return messages;
}

GOptionContext *
gw_cli_option_context_new (const GwCliCommand *command,
                           const char         *description,
                           const GOptionEntry *entries)
{
  GOptionContext *context;

  g_return_val_if_fail (command != NULL, NULL);

  /* The summary and description are translated by the context itself when
   * it prints the help, through the domain set here.  No parameter string:
   * the G_OPTION_REMAINING entry's arg_description ("FILE…") names the
   * files, and giving both would print them twice. */
  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, command->summary);
  if (description != NULL)
    g_option_context_set_description (context, description);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  return context;
}

char  *gw_cli_sdmx_structure;
char **gw_cli_sdmx_mappings;

gboolean
gw_cli_parse_options (const GwCliCommand  *command,
                      GOptionContext      *context,
                      int                  argc,
                      char               **argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;

  g_return_val_if_fail (command != NULL, FALSE);
  g_return_val_if_fail (context != NULL, FALSE);

  /* parse_strv frees what it removes, so it gets its own copy. */
  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  if (!g_option_context_parse_strv (context, &args, &error))
    {
      gw_cli_usage_error (command, "%s", error->message);
      return FALSE;
    }
  if (gw_cli_sdmx_structure != NULL && !g_file_test (gw_cli_sdmx_structure, G_FILE_TEST_IS_REGULAR))
    {
      gw_cli_usage_error (command, _("--structure %s: no such file"), gw_cli_sdmx_structure);
      return FALSE;
    }
  if (!gw_sdmx_set_options (gw_cli_sdmx_structure, (const char *const *) gw_cli_sdmx_mappings, &error))
    {
      gw_cli_usage_error (command, "--mapping %s", error->message);
      return FALSE;
    }

  return TRUE;
}

int
gw_cli_usage_error (const GwCliCommand *command,
                    const char         *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("gapwatch-cli %s: %s\n", command->name, message);
  g_printerr (_("Try “gapwatch-cli %s --help” for more information."), command->name);
  g_printerr ("\n");

  return GW_CLI_EXIT_USAGE;
}
