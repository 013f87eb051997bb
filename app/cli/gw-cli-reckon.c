/* gw-cli-reckon.c: `gapwatch-cli reckon`, deaths to prevent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The inverse ready reckoner (gw-gap-decomp.h): how many fewer deaths a year,
 * by age band and cause, would bring each area's (or group's) gap in life
 * expectancy at birth down to a target's gap or a gap asked for.  The CSV
 * header is a contract for scripts:
 *   area_code,area_name,sex,period,needed_gap,needed_value,current_value,k,
 *   age,cause,deaths_to_prevent
 */
#include "gw-config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "gw-cli-private.h"

/* The subjects a target tracks: its group (when it is tracked as a whole)
 * and its member areas, in the result's order. */
static GArray *
target_subjects (GwTrackerResult *result)
{
  GArray *subjects = g_array_new (FALSE, FALSE, sizeof (GwCliSubject));
  GPtrArray *rows = gw_tracker_result_get_rows (result);

  for (guint i = 0; i < rows->len; i++)
    {
      const GwTrackerRow *row = g_ptr_array_index (rows, i);
      GwCliSubject s = { row->is_group, row->subject };
      const GwCliSubject *last = subjects->len > 0
        ? &g_array_index (subjects, GwCliSubject, subjects->len - 1) : NULL;

      if (last == NULL || last->is_group != s.is_group || last->subject != s.subject)
        g_array_append_val (subjects, s);
    }
  return subjects;
}

int
gw_cli_reckon_run (const GwCliCommand  *command,
                   int                  argc,
                   char               **argv)
{
  g_autofree char *target_name = NULL, *needed_gap = NULL, *area = NULL, *group = NULL;
  g_autofree char *sex = NULL, *period = NULL, *format = NULL, *workspace = NULL;
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "target", 0, 0, G_OPTION_ARG_STRING, &target_name, N_("The gap of this target for each area and sex (default le-2010)"), N_("ID") },
    { "needed-gap", 0, 0, G_OPTION_ARG_STRING, &needed_gap, N_("This relative gap instead, in percent of the comparator's life expectancy"), N_("PCT") },
    { "area", 0, 0, G_OPTION_ARG_STRING, &area, N_("Only this area"), N_("CODE") },
    { "group", 0, 0, G_OPTION_ARG_STRING, &group, N_("Only this group (its areas' counts pooled)"), N_("ID") },
    { "sex", 0, 0, G_OPTION_ARG_STRING, &sex, N_("Only men (m) or women (f)"), N_("SEX") },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period, N_("A year or pooled years, e.g. 2016-2018 (default: the latest three years with counts)"), N_("PERIOD") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output: csv (default), json or table"), N_("FORMAT") },
    GW_CLI_WORKSPACE_OPTION (workspace),
    GW_CLI_SDMX_OPTIONS,
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = gw_cli_option_context_new (
    command, N_("Deaths to prevent: how many fewer deaths a year, by age band and cause, would "
                "bring the gap in life expectancy at birth down to the target's gap (or "
                "--needed-gap), lowering the death rates towards the comparator's by the same "
                "share k of the excess in every band.  By default the areas the target tracks; "
                "an area already meeting it has k 0 and one row, with no deaths."), entries);
  g_autoptr(GwSession) session = NULL;
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GwTarget) target = NULL;
  g_autoptr(GArray) subjects = NULL;
  g_autoptr(GPtrArray) decomps = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  g_autoptr(GPtrArray) reckonings = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_gap_reckoning_free);
  g_autoptr(GString) out = g_string_new (NULL);
  GwTableFormat table_format;
  GwDataset *dataset;
  GwPeriod period_value;
  double gap_value = NAN;
  guint sexes;
  gboolean failed;

  if (!gw_cli_parse_options (command, context, argc, argv))
    return GW_CLI_EXIT_USAGE;
  if ((files == NULL || files[0] == NULL) && workspace == NULL)
    return gw_cli_usage_error (command, _("no files given"));
  if (area != NULL && group != NULL)
    return gw_cli_usage_error (command, _("give --area or --group, not both"));
  if (target_name != NULL && needed_gap != NULL)
    return gw_cli_usage_error (command, _("give --target or --needed-gap, not both"));
  if (needed_gap != NULL)
    {
      char *end = NULL;

      gap_value = g_ascii_strtod (needed_gap, &end);
      if (end == needed_gap || *end != '\0' || !isfinite (gap_value) || gap_value < 0 || gap_value >= 100)
        return gw_cli_usage_error (command, _("--needed-gap must be a percentage from 0 to 100, not “%s”"), needed_gap);
    }
  if (!_gw_cli_gap_parse (command, sex, period, &sexes, &period_value)
      || !gw_cli_parse_table_format (command, format, &table_format))
    return GW_CLI_EXIT_USAGE;

  session = gw_cli_load (command, workspace, files, NULL, NULL, &task);
  if (session == NULL)
    return GW_CLI_EXIT_INVALID;
  failed = gw_import_task_get_n_failed (task) > 0;
  dataset = gw_session_get_dataset (session);

  if (needed_gap == NULL)
    {
      target = gw_cli_lookup_target (command, session, target_name);
      if (target == NULL)
        return GW_CLI_EXIT_USAGE;
      gw_session_set_target (session, target);
    }

  if (area != NULL || group != NULL || needed_gap != NULL)
    subjects = _gw_cli_gap_subjects (command, dataset, area, group, gw_dataset_get_country (dataset));
  else
    {
      g_autoptr(GError) error = NULL;
      GwTrackerResult *result = gw_session_get_result (session, &error);

      if (result == NULL)
        {
          g_printerr ("gapwatch-cli %s: %s\n", command->name, error->message);
          return GW_CLI_EXIT_INVALID;
        }
      subjects = target_subjects (result);
    }
  if (subjects == NULL)
    return GW_CLI_EXIT_INVALID;

  decomps = _gw_cli_gap_decompose (command, session, subjects, sexes, period_value, -1,
                                   GW_GAP_CAUSES_TOP, &failed);
  for (guint i = 0; i < decomps->len; i++)
    {
      const GwGapDecomp *d = g_ptr_array_index (decomps, i);
      g_autoptr(GError) error = NULL;
      GwGapReckoning *r;

      r = needed_gap != NULL ? gw_gap_decomp_reckon (d, gap_value, TRUE, &error)
                             : gw_session_reckon (session, d, &error);
      if (r == NULL)
        {
          g_printerr ("gapwatch-cli %s: %s (%s): %s\n", command->name, d->subject_code,
                      gw_sex_to_string (d->request.sex), error->message);
          failed = TRUE;
          continue;
        }
      g_ptr_array_add (kept, (gpointer) d);
      g_ptr_array_add (reckonings, r);
    }

  gw_table_write_reckon (out, kept, reckonings, table_format);
  return gw_cli_write_out (command, out, NULL, failed ? GW_CLI_EXIT_INVALID : GW_CLI_EXIT_OK);
}
