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
#include <json-glib/json-glib.h>

#include "methods/gw-indicators.h"
#include "gw-cli-private.h"

static const char *const columns[] = {
  "indicator", "area_code", "area_name", "sex", "period", "value", "lower95", "upper95",
  "lower998", "upper998", "source", "compared_to_england", "note",
};
#define N_COLUMNS G_N_ELEMENTS (columns)
static const gboolean numeric[N_COLUMNS] = {
  FALSE, FALSE, FALSE, FALSE, FALSE, TRUE, TRUE, TRUE, TRUE, TRUE, FALSE, FALSE, FALSE,
};

static char *
format_number (double v)
{
  return isnan (v) ? g_strdup ("") : g_strdup_printf ("%.12g", v);
}

static GStrv
value_fields (GwDataset              *dataset,
              GwIndicators           *indicators,
              const GwIndicatorValue *v)
{
  GStrv f = g_new0 (char *, N_COLUMNS + 1);
  char period[32];

  f[0] = g_strdup (gw_indicators_get_ids (indicators)[v->indicator]);
  if (v->is_group)
    {
      f[1] = g_strdup (gw_dataset_get_group (dataset, v->subject)->id);
      f[2] = g_strdup (gw_dataset_get_group (dataset, v->subject)->name);
    }
  else
    {
      f[1] = g_strdup (gw_dataset_get_area (dataset, v->subject)->code);
      f[2] = g_strdup (gw_dataset_get_area (dataset, v->subject)->name);
    }
  f[3] = g_strdup (gw_sex_to_string (v->sex));
  f[4] = g_strdup (gw_indicator_value_format_period (v, period));
  f[5] = format_number (v->value);
  f[6] = format_number (v->lower95);
  f[7] = format_number (v->upper95);
  f[8] = format_number (v->lower998);
  f[9] = format_number (v->upper998);
  f[10] = g_strdup (gw_value_source_to_string (v->source));
  f[11] = g_strdup (gw_comparison_to_string (v->compared));
  f[12] = g_strdup (v->note != NULL ? v->note : "");
  return f;
}

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
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = gw_cli_option_context_new (
    command, N_("Computes life expectancy (le-birth, le-65), infant mortality (imr) and all-age "
                "all-cause mortality (aaacm) with confidence limits from the counts of the exports "
                "given, for every area, group, sex and period, and lists published values beside "
                "them (a published value wins over a computed one)."), entries);
  g_autoptr(GwDataset) dataset = NULL;
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GwIndicators) indicators = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GString) out = g_string_new (NULL);
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
  if (format != NULL && g_strcmp0 (format, "csv") != 0 && g_strcmp0 (format, "json") != 0
      && g_strcmp0 (format, "table") != 0)
    return gw_cli_usage_error (command, _("--format must be csv, json or table, not “%s”"), format);

  dataset = gw_cli_load (command, workspace, files, NULL, NULL, &task);
  if (dataset == NULL)
    return GW_CLI_EXIT_INVALID;
  failed = gw_import_task_get_n_failed (task) > 0;
  indicators = gw_indicators_compute (dataset);

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
      g_ptr_array_add (rows, value_fields (dataset, indicators, v));
    }

  if (g_strcmp0 (format, "json") == 0)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < rows->len; i++)
        {
          GStrv f = g_ptr_array_index (rows, i);

          json_builder_begin_object (b);
          for (guint c = 0; c < N_COLUMNS; c++)
            {
              json_builder_set_member_name (b, columns[c]);
              if (f[c][0] == '\0')
                json_builder_add_null_value (b);
              else if (numeric[c])
                json_builder_add_double_value (b, g_ascii_strtod (f[c], NULL));
              else
                json_builder_add_string_value (b, f[c]);
            }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      json_generator_set_root (gen, root);
      json_generator_set_pretty (gen, TRUE);
      text = json_generator_to_data (gen, NULL);
      g_string_append_printf (out, "%s\n", text);
    }
  else if (g_strcmp0 (format, "table") == 0)
    gw_cli_write_table (out, columns, numeric, N_COLUMNS, rows);
  else
    gw_cli_write_csv (out, columns, N_COLUMNS, rows);

  fwrite (out->str, 1, out->len, stdout);
  return failed ? GW_CLI_EXIT_INVALID : GW_CLI_EXIT_OK;
}
