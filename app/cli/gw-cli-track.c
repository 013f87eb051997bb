/* gw-cli-track.c: `gapwatch-cli track`, the target tracker from the shell
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CSV header and the --summary line are a contract for scripts:
 *   area_code,area_name,sex,baseline_period,baseline_gap,latest_period,
 *   latest_gap,change_since_baseline,target_gap,trajectory_gap,projected_gap,
 *   required_narrowing,status,latest_gap_lower95,latest_gap_upper95,
 *   change_pp,projected_lower95,projected_upper95,certainty,reason
 *   both=N men-only=N women-only=N neither=N insufficient-data=N
 * The group's rows come first, with its id as area_code; numbers to 4
 * decimals; empty fields where a value does not exist.
 */
#include "gw-config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "tracker/gw-tracker.h"
#include "gw-cli-private.h"

int
gw_cli_track_run (const GwCliCommand  *command,
                  int                  argc,
                  char               **argv)
{
  g_autofree char *target_name = NULL, *indicator = NULL, *group = NULL, *comparator = NULL;
  g_autofree char *baseline = NULL, *target_period = NULL, *gap = NULL, *method = NULL;
  g_autofree char *format = NULL;
  double reduction = NAN;
  gboolean summary_only = FALSE;
  g_auto(GStrv) files = NULL;
  g_autofree char *workspace = NULL;
  const GOptionEntry entries[] = {
    { "target", 0, 0, G_OPTION_ARG_STRING, &target_name, N_("Target: le-2010 (default), imr-2010 or one of the workspace’s (see “targets list”)"), N_("ID") },
    { "indicator", 0, 0, G_OPTION_ARG_STRING, &indicator, N_("Indicator id, e.g. le-birth"), N_("ID") },
    { "group", 0, 0, G_OPTION_ARG_STRING, &group, N_("Subject group id, e.g. spearhead"), N_("ID") },
    { "comparator", 0, 0, G_OPTION_ARG_STRING, &comparator, N_("Area code to compare with (default: the country)"), N_("CODE") },
    { "baseline", 0, 0, G_OPTION_ARG_STRING, &baseline, N_("Baseline period, e.g. 1995-1997"), N_("PERIOD") },
    { "target-period", 0, 0, G_OPTION_ARG_STRING, &target_period, N_("Target period, e.g. 2009-2011"), N_("PERIOD") },
    { "reduction", 0, 0, G_OPTION_ARG_DOUBLE, &reduction, N_("Narrowing of the gap to reach, in percent (default 10)"), N_("PCT") },
    { "gap", 0, 0, G_OPTION_ARG_STRING, &gap, N_("Gap measure: relative (default) or absolute"), N_("MEASURE") },
    { "method", 0, 0, G_OPTION_ARG_STRING, &method, N_("Projection: linear (default), latest or holt"), N_("METHOD") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output: csv (default), json or table"), N_("FORMAT") },
    { "summary", 0, 0, G_OPTION_ARG_NONE, &summary_only, N_("Print only the one-line area summary"), NULL },
    GW_CLI_WORKSPACE_OPTION (workspace),
    GW_CLI_SDMX_OPTIONS,
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = gw_cli_option_context_new (
    command, N_("Tracks a health-inequalities target for the subject group and each of its areas, "
                "for men and women, from the exports given (imported in that order)."), entries);
  g_autoptr(GwSession) session = NULL;
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GwTarget) target = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  GwTrackerResult *result;
  GwTableFormat table_format;
  GwPeriod baseline_period = 0, target_period_value = 0;
  GwGapMeasure gap_measure = GW_GAP_RELATIVE;
  GwProjection projection = GW_PROJECTION_LINEAR;
  gboolean failed;

  if (!gw_cli_parse_options (command, context, argc, argv))
    return GW_CLI_EXIT_USAGE;
  if ((files == NULL || files[0] == NULL) && workspace == NULL)
    return gw_cli_usage_error (command, _("no files given"));

  /* usage errors before anything is read */
  if (baseline != NULL && !gw_period_parse (baseline, &baseline_period))
    return gw_cli_usage_error (command, _("--baseline “%s” is not a period (e.g. 1995-1997)"), baseline);
  if (target_period != NULL && !gw_period_parse (target_period, &target_period_value))
    return gw_cli_usage_error (command, _("--target-period “%s” is not a period (e.g. 2009-2011)"), target_period);
  if (!isnan (reduction) && (reduction < 0 || reduction > 100))
    return gw_cli_usage_error (command, _("--reduction must be a percentage from 0 to 100"));
  if (gap != NULL && !gw_gap_measure_parse (gap, &gap_measure))
    return gw_cli_usage_error (command, _("--gap must be relative or absolute, not “%s”"), gap);
  if (method != NULL && !gw_projection_parse (method, &projection))
    return gw_cli_usage_error (command, _("--method must be linear, latest or holt, not “%s”"), method);
  if (!gw_cli_parse_table_format (command, format, &table_format))
    return GW_CLI_EXIT_USAGE;

  session = gw_cli_load (command, workspace, files, NULL, NULL, &task);
  if (session == NULL)
    return GW_CLI_EXIT_INVALID;
  failed = gw_import_task_get_n_failed (task) > 0;

  /* built-in or the workspace's; the options below adjust it */
  target = gw_cli_lookup_target (command, session, target_name);
  if (target == NULL)
    return GW_CLI_EXIT_USAGE;
  /* an SII is within each area, in years */
  if (target->measure == GW_TARGET_MEASURE_SII && (comparator != NULL || gap != NULL))
    return gw_cli_usage_error (command, _("--comparator and --gap do not apply to “%s”, a target on the SII"),
                               target->name);
  if (indicator != NULL)
    {
      g_free (target->indicator);
      target->indicator = g_strdup (indicator);
    }
  if (group != NULL)
    {
      g_free (target->group);
      target->group = g_strdup (group);
    }
  if (comparator != NULL)
    {
      g_free (target->comparator);
      target->comparator = g_strdup (comparator);
    }
  if (baseline != NULL)
    target->baseline = baseline_period;
  if (target_period != NULL)
    target->target_period = target_period_value;
  if (!isnan (reduction))
    target->reduction = reduction / 100.0;
  if (gap != NULL)
    target->gap = gap_measure;
  if (method != NULL)
    target->method = projection;

  /* published values where an export has them, computed from the counts
   * for the other periods (the indicator engine's precedence) */
  gw_session_set_target (session, target);
  result = gw_session_get_result (session, &error);
  if (result == NULL)
    {
      g_printerr ("gapwatch-cli track: %s\n", error->message);
      return GW_CLI_EXIT_INVALID;
    }

  if (summary_only && table_format != GW_TABLE_FORMAT_JSON)
    gw_table_write_tracker_summary (out, gw_tracker_result_get_summary (result));
  else
    gw_table_write_tracker (out, result, table_format);

  return gw_cli_write_out (command, out, NULL, failed ? GW_CLI_EXIT_INVALID : GW_CLI_EXIT_OK);
}
