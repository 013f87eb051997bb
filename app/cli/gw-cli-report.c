/* gw-cli-report.c: `gapwatch-cli report`, the board report as a PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   gapwatch-cli report [--target NAME] [--group ID | --areas CODE,...]
 *     [--summary] [--palette NAME] [--workspace PATH] --out FILE.pdf FILE...
 *
 * --summary writes the two-page board summary (gw_report_new_summary)
 * instead: its changes are those since the export before the newest,
 * found by tracking the target again on the earlier exports alone.
 *
 * The same report, drawn by the same painter (app/render/gw-report.c), as
 * the window prints.  Writes nothing on stdout; exit 0 when everything was
 * valid, 1 when an export was invalid or the report could not be made or
 * written, 2 for a usage error.
 */
#include "gw-config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "render/gw-report.h"
#include "tracker/gw-tracker.h"
#include "gw-cli-private.h"

/* The board summary of result: the changes since the data as of the export
 * before the newest (a warning when those exports cannot be tracked again:
 * the summary then says why it has no changes). */
static GwReport *
gw_cli_report_summary (const GwCliCommand  *command,
                       GwSession           *session,
                       GwTrackerResult     *result,
                       GError             **error)
{
  g_autoptr(GError) earlier_error = NULL;
  g_autoptr(GwTrackerResult) earlier = NULL;
  g_autofree char *note = NULL;
  char *tmpdir = NULL;
  char **paths;

  paths = gw_session_earlier_files (session, &tmpdir, &earlier_error);
  if (paths != NULL)
    earlier = gw_session_track_files ((const char * const *) paths, gw_tracker_result_get_target (result), NULL,
                                      &earlier_error);
  gw_session_earlier_files_free (paths, tmpdir);
  if (earlier_error != NULL)
    {
      /* Translators: in the board summary, where the changes since the last export would be */
      note = g_strdup_printf (_("The earlier exports could not be compared: %s"), earlier_error->message);
      g_printerr ("gapwatch-cli %s: %s\n", command->name, note);
    }
  return gw_report_new_summary (result, earlier, note, error);
}

int
gw_cli_report_run (const GwCliCommand  *command,
                   int                  argc,
                   char               **argv)
{
  g_autofree char *target_name = NULL, *group = NULL, *areas_text = NULL, *palette = NULL;
  g_autofree char *out = NULL, *lower_out = NULL, *workspace = NULL;
  g_auto(GStrv) files = NULL;
  gboolean summary = FALSE;
  const GOptionEntry entries[] = {
    { "target", 0, 0, G_OPTION_ARG_STRING, &target_name, N_("Target: le-2010 (default), imr-2010 or one of the workspace’s (see “targets list”)"), N_("ID") },
    { "group", 0, 0, G_OPTION_ARG_STRING, &group, N_("Subject group id (default: the target’s), a page for each of its areas"), N_("ID") },
    { "areas", 0, 0, G_OPTION_ARG_STRING, &areas_text, N_("Pages only for these member areas, in this order"), N_("CODE,…") },
    { "summary", 0, 0, G_OPTION_ARG_NONE, &summary,
      N_("Write the two-page board summary: the group, the counts, the changes since the last export and the "
         "areas off track"), NULL },
    { "palette", 0, 0, G_OPTION_ARG_STRING, &palette, N_("Colours: standard (default), colour-blind or greyscale"), N_("NAME") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("The PDF file to write"), N_("FILE") },
    { "workspace", 0, 0, G_OPTION_ARG_FILENAME, &workspace,
      N_("Load the imports of this workspace first (the files given are not stored)"), N_("PATH") },
    GW_CLI_SDMX_OPTIONS,
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = gw_cli_option_context_new (
    command, N_("Writes the board report of a target as an A4 PDF: a front page with the group’s status, "
                "the data used and the areas by status, every area of the group compared, and a page "
                "for each area with its charts and figures."), entries);
  g_autoptr(GwSession) session = NULL;
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GwTarget) target = NULL;
  GwDataset *dataset;
  GwTrackerResult *result;
  g_autoptr(GwReport) report = NULL;
  g_autoptr(GArray) areas = NULL;
  g_auto(GStrv) codes = NULL;
  g_autoptr(GError) error = NULL;
  GwChartPalette pal = GW_CHART_PALETTE_STANDARD;
  gboolean failed, ok;

  if (!gw_cli_parse_options (command, context, argc, argv))
    return GW_CLI_EXIT_USAGE;
  if (out == NULL)
    return gw_cli_usage_error (command, _("--out is required"));
  lower_out = g_ascii_strdown (out, -1);
  if (!g_str_has_suffix (lower_out, ".pdf"))
    return gw_cli_usage_error (command, _("--out must end in .pdf"));
  if ((files == NULL || files[0] == NULL) && workspace == NULL)
    return gw_cli_usage_error (command, _("no files given"));
  if (group != NULL && areas_text != NULL)
    return gw_cli_usage_error (command, _("give --group or --areas, not both"));
  if (summary && areas_text != NULL)
    return gw_cli_usage_error (command, _("give --summary or --areas, not both"));
  if (palette != NULL && !gw_chart_palette_parse (palette, &pal))
    return gw_cli_usage_error (command, _("--palette must be standard, colour-blind or greyscale, not “%s”"), palette);
  if (areas_text != NULL)
    {
      codes = g_strsplit (areas_text, ",", -1);
      for (guint i = 0; codes[i] != NULL; i++)
        {
          g_strstrip (codes[i]);
          if (codes[i][0] == '\0')
            return gw_cli_usage_error (command, _("--areas must be area codes separated by commas"));
        }
      if (codes[0] == NULL)
        return gw_cli_usage_error (command, _("--areas must be area codes separated by commas"));
    }

  session = gw_cli_load (command, workspace, files, NULL, NULL, &task);
  if (session == NULL)
    return GW_CLI_EXIT_INVALID;
  failed = gw_import_task_get_n_failed (task) > 0;
  dataset = gw_session_get_dataset (session);

  target = gw_cli_lookup_target (command, session, target_name);
  if (target == NULL)
    return GW_CLI_EXIT_USAGE;
  if (group != NULL)
    {
      g_free (target->group);
      target->group = g_strdup (group);
    }

  if (codes != NULL)
    {
      areas = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint i = 0; codes[i] != NULL; i++)
        {
          gint a = gw_dataset_lookup_area (dataset, codes[i]);
          guint area;

          if (a < 0)
            {
              g_printerr ("gapwatch-cli %s: ", command->name);
              g_printerr (_("no area “%s” in the exports"), codes[i]);
              g_printerr ("\n");
              return GW_CLI_EXIT_INVALID;
            }
          area = (guint) a;
          g_array_append_val (areas, area);
        }
    }

  gw_session_set_target (session, target);
  result = gw_session_get_result (session, &error);
  if (result == NULL)
    {
      g_printerr ("gapwatch-cli %s: %s\n", command->name, error->message);
      return GW_CLI_EXIT_INVALID;
    }
  if (summary)
    report = gw_cli_report_summary (command, session, result, &error);
  else
    report = gw_report_new (result, gw_session_get_indicators (session), areas, &error);
  if (report == NULL)
    {
      g_printerr ("gapwatch-cli %s: %s\n", command->name, error->message);
      return GW_CLI_EXIT_INVALID;
    }
  gw_report_set_palette (report, pal);
  ok = gw_report_write_pdf (report, out, &error);
  /* the process ends here: give the font caches back (leak checkers) */
  g_clear_object (&report);
  gw_chart_release_fonts ();
  if (!ok)
    {
      g_printerr ("gapwatch-cli %s: %s\n", command->name, error->message);
      return GW_CLI_EXIT_INVALID;
    }

  return failed ? GW_CLI_EXIT_INVALID : GW_CLI_EXIT_OK;
}
