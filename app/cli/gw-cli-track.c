/* gw-cli-track.c: `gapwatch-cli track`, the target tracker from the shell
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CSV header and the --summary line are a contract for scripts:
 *   area_code,area_name,sex,baseline_period,baseline_gap,latest_period,
 *   latest_gap,change_since_baseline,target_gap,trajectory_gap,projected_gap,
 *   required_narrowing,status
 *   both=N men-only=N women-only=N neither=N insufficient-data=N
 * The group's rows come first, with its id as area_code; numbers to 4
 * decimals; empty fields where a value does not exist.
 */
#include "gw-config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "tracker/gw-tracker.h"
#include "gw-cli-private.h"

static const char *const columns[] = {
  "area_code", "area_name", "sex", "baseline_period", "baseline_gap", "latest_period",
  "latest_gap", "change_since_baseline", "target_gap", "trajectory_gap", "projected_gap",
  "required_narrowing", "status",
};
#define N_COLUMNS G_N_ELEMENTS (columns)
/* columns that hold numbers: right-aligned in the table, numbers in JSON */
static const gboolean numeric[N_COLUMNS] = {
  FALSE, FALSE, FALSE, FALSE, TRUE, FALSE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, FALSE,
};

static char *
format_number (double v)
{
  return isnan (v) ? g_strdup ("") : g_strdup_printf ("%.4f", v);
}

static char *
format_period (GwPeriod p)
{
  char buf[GW_PERIOD_STRLEN];

  return p == 0 ? g_strdup ("") : g_strdup (gw_period_format (p, buf));
}

/* The row's fields as text, in the contract's column order. */
static GStrv
row_fields (const GwTrackerRow *r)
{
  GStrv f = g_new0 (char *, N_COLUMNS + 1);

  f[0] = g_strdup (r->code);
  f[1] = g_strdup (r->name);
  f[2] = g_strdup (gw_sex_to_string (r->sex));
  f[3] = format_period (r->baseline_period);
  f[4] = format_number (r->baseline_gap);
  f[5] = format_period (r->latest_period);
  f[6] = format_number (r->latest_gap);
  f[7] = format_number (r->change_since_baseline);
  f[8] = format_number (r->target_gap);
  f[9] = format_number (r->trajectory_gap);
  f[10] = format_number (r->projected_gap);
  f[11] = format_number (r->required_narrowing);
  f[12] = g_strdup (gw_target_status_to_string (r->status));
  return f;
}

static void
print_rows (GPtrArray *rows, gboolean table)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (cells, row_fields (g_ptr_array_index (rows, i)));
  if (table)
    gw_cli_write_table (out, columns, numeric, N_COLUMNS, cells);
  else
    gw_cli_write_csv (out, columns, N_COLUMNS, cells);
  fwrite (out->str, 1, out->len, stdout);
}

static void
print_json (GPtrArray              *rows,
            const GwTrackerSummary *sum)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "rows");
  json_builder_begin_array (b);
  for (guint i = 0; i < rows->len; i++)
    {
      const GwTrackerRow *r = g_ptr_array_index (rows, i);
      g_auto(GStrv) f = row_fields (r);
      const double nums[N_COLUMNS] = {
        0, 0, 0, 0, r->baseline_gap, 0, r->latest_gap, r->change_since_baseline,
        r->target_gap, r->trajectory_gap, r->projected_gap, r->required_narrowing, 0,
      };

      json_builder_begin_object (b);
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          json_builder_set_member_name (b, columns[c]);
          if (numeric[c] && isnan (nums[c]))
            json_builder_add_null_value (b);
          else if (numeric[c])
            json_builder_add_double_value (b, round (nums[c] * 1e4) / 1e4);
          else if (f[c][0] == '\0')
            json_builder_add_null_value (b);
          else
            json_builder_add_string_value (b, f[c]);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "summary");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "both");
  json_builder_add_int_value (b, sum->both);
  json_builder_set_member_name (b, "men-only");
  json_builder_add_int_value (b, sum->men_only);
  json_builder_set_member_name (b, "women-only");
  json_builder_add_int_value (b, sum->women_only);
  json_builder_set_member_name (b, "neither");
  json_builder_add_int_value (b, sum->neither);
  json_builder_set_member_name (b, "insufficient-data");
  json_builder_add_int_value (b, sum->insufficient_data);
  json_builder_end_object (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

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
    { "target", 0, 0, G_OPTION_ARG_STRING, &target_name, N_("Built-in target: le-2010 (default) or imr-2010"), N_("NAME") },
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
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = gw_cli_option_context_new (
    command, N_("Tracks a health-inequalities target for the subject group and each of its areas, "
                "for men and women, from the exports given (imported in that order)."), entries);
  g_autoptr(GwDataset) dataset = NULL;
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GwTarget) target = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GwIndicators) indicators = NULL;
  g_autoptr(GError) error = NULL;
  GwTrackerSummary sum;
  gboolean failed;

  if (!gw_cli_parse_options (command, context, argc, argv))
    return GW_CLI_EXIT_USAGE;
  if ((files == NULL || files[0] == NULL) && workspace == NULL)
    return gw_cli_usage_error (command, _("no files given"));

  target = gw_target_new_builtin (target_name != NULL ? target_name : "le-2010");
  if (target == NULL)
    return gw_cli_usage_error (command, _("unknown target “%s” (known: le-2010, imr-2010)"), target_name);
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
  if (baseline != NULL && !gw_period_parse (baseline, &target->baseline))
    return gw_cli_usage_error (command, _("--baseline “%s” is not a period (e.g. 1995-1997)"), baseline);
  if (target_period != NULL && !gw_period_parse (target_period, &target->target_period))
    return gw_cli_usage_error (command, _("--target-period “%s” is not a period (e.g. 2009-2011)"), target_period);
  if (!isnan (reduction))
    {
      if (reduction < 0 || reduction > 100)
        return gw_cli_usage_error (command, _("--reduction must be a percentage from 0 to 100"));
      target->reduction = reduction / 100.0;
    }
  if (gap != NULL && !gw_gap_measure_parse (gap, &target->gap))
    return gw_cli_usage_error (command, _("--gap must be relative or absolute, not “%s”"), gap);
  if (method != NULL && !gw_projection_parse (method, &target->method))
    return gw_cli_usage_error (command, _("--method must be linear, latest or holt, not “%s”"), method);
  if (format != NULL && g_strcmp0 (format, "csv") != 0 && g_strcmp0 (format, "json") != 0
      && g_strcmp0 (format, "table") != 0)
    return gw_cli_usage_error (command, _("--format must be csv, json or table, not “%s”"), format);

  dataset = gw_cli_load (command, workspace, files, NULL, NULL, &task);
  if (dataset == NULL)
    return GW_CLI_EXIT_INVALID;
  failed = gw_import_task_get_n_failed (task) > 0;

  /* published values where an export has them, computed from the counts
   * for the other periods (the indicator engine's precedence) */
  indicators = gw_indicators_compute (dataset);
  rows = gw_tracker_run (dataset, target, gw_tracker_indicators_series, indicators, &error);
  if (rows == NULL)
    {
      g_printerr ("gapwatch-cli track: %s\n", error->message);
      return GW_CLI_EXIT_INVALID;
    }
  gw_tracker_summarise (rows, &sum);

  if (summary_only && g_strcmp0 (format, "json") != 0)
    g_print ("both=%u men-only=%u women-only=%u neither=%u insufficient-data=%u\n",
             sum.both, sum.men_only, sum.women_only, sum.neither, sum.insufficient_data);
  else if (g_strcmp0 (format, "json") == 0)
    print_json (rows, &sum);
  else
    print_rows (rows, g_strcmp0 (format, "table") == 0);

  return failed ? GW_CLI_EXIT_INVALID : GW_CLI_EXIT_OK;
}
