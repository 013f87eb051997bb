/* gw-cli-indicators.c: `gapwatch-cli indicators`, computed and published values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CSV header is a contract for scripts:
 *   indicator,area_code,area_name,sex,period,value,lower95,upper95,lower998,
 *   upper998,source,compared_to_england,note
 * One row per area or group, sex and period; numbers with 12 significant
 * digits; an empty value with the reason in note when there is none (limits
 * stay when only the value is blanked).
 */
#include "gw-config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "methods/gw-indicators.h"
#include "gw-cli-private.h"

int
gw_cli_indicators_run (const GwCliCommand  *command,
                       int                  argc,
                       char               **argv)
{
  g_autofree char *indicator = NULL, *period = NULL, *area = NULL, *group = NULL, *format = NULL;
  g_auto(GStrv) files = NULL;
  g_autofree char *workspace = NULL;
  const GOptionEntry entries[] = {
    { "indicator", 0, 0, G_OPTION_ARG_STRING, &indicator, N_("Only this indicator: le-birth, le-65, imr, aaacm or a published id"), N_("ID") },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period, N_("Only this period, e.g. 2006 or 2003-2005"), N_("PERIOD") },
    { "area", 0, 0, G_OPTION_ARG_STRING, &area, N_("Only this area"), N_("CODE") },
    { "group", 0, 0, G_OPTION_ARG_STRING, &group, N_("Only this group"), N_("ID") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output: csv (default), json or table"), N_("FORMAT") },
    GW_CLI_WORKSPACE_OPTION (workspace),
    GW_CLI_SDMX_OPTIONS,
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = gw_cli_option_context_new (
    command, N_("Computes life expectancy (le-birth, le-65), infant mortality (imr) and all-age "
                "all-cause mortality (aaacm) with confidence limits from the counts of the exports "
                "given, for every area, group, sex and period, and lists published values beside "
                "them (a published value wins over a computed one)."), entries);
  g_autoptr(GwSession) session = NULL;
  g_autoptr(GwImportTask) task = NULL;
  GwDataset *dataset;
  GwIndicators *indicators;
  g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GString) out = g_string_new (NULL);
  GwTableFormat table_format;
  gint want_ind = -1, want_area = -1, want_group = -1;
  GwPeriod want_period = 0;
  gboolean failed;

  if (!gw_cli_parse_options (command, context, argc, argv))
    return GW_CLI_EXIT_USAGE;
  if ((files == NULL || files[0] == NULL) && workspace == NULL)
    return gw_cli_usage_error (command, _("no files given"));
  if (area != NULL && group != NULL)
    return gw_cli_usage_error (command, _("give --area or --group, not both"));
  if (period != NULL && !gw_period_parse (period, &want_period))
    return gw_cli_usage_error (command, _("--period “%s” is not a period (e.g. 2006 or 2003-2005)"), period);
  if (!gw_cli_parse_table_format (command, format, &table_format))
    return GW_CLI_EXIT_USAGE;

  session = gw_cli_load (command, workspace, files, NULL, NULL, &task);
  if (session == NULL)
    return GW_CLI_EXIT_INVALID;
  failed = gw_import_task_get_n_failed (task) > 0;
  dataset = gw_session_get_dataset (session);
  indicators = gw_session_get_indicators (session);

  if (indicator != NULL && (want_ind = gw_indicators_lookup_id (indicators, indicator)) < 0)
    {
      g_printerr (_("gapwatch-cli indicators: no indicator “%s” (computed: le-birth, le-65, imr, aaacm)\n"), indicator);
      return GW_CLI_EXIT_INVALID;
    }
  if (area != NULL && (want_area = gw_dataset_lookup_area (dataset, area)) < 0)
    {
      g_printerr (_("gapwatch-cli indicators: no area “%s” in the exports\n"), area);
      return GW_CLI_EXIT_INVALID;
    }
  if (group != NULL && (want_group = gw_dataset_lookup_group (dataset, group)) < 0)
    {
      g_printerr (_("gapwatch-cli indicators: no group “%s” in the exports\n"), group);
      return GW_CLI_EXIT_INVALID;
    }

  for (guint i = 0; i < gw_indicators_n_values (indicators); i++)
    {
      const GwIndicatorValue *v = gw_indicators_get_value (indicators, i);

      if (want_ind >= 0 && v->indicator != (guint) want_ind)
        continue;
      if (want_period != 0 && (v->rolling || v->period != want_period))
        continue;
      if (want_area >= 0 && (v->is_group || v->subject != (guint) want_area))
        continue;
      if (want_group >= 0 && (!v->is_group || v->subject != (guint) want_group))
        continue;
      g_array_append_val (chosen, i);
    }

  gw_table_write_indicators (out, dataset, indicators, (const guint *) chosen->data, chosen->len,
                             table_format);
  return gw_cli_write_out (command, out, NULL, failed ? GW_CLI_EXIT_INVALID : GW_CLI_EXIT_OK);
}
