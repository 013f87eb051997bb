/* gw-cli-decompose.c: `gapwatch-cli decompose`, the gap by age and cause
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Arriaga's decomposition of the gap in life expectancy at birth between
 * each area (or group) and the comparator, by age band and cause
 * (gw-gap-decomp.h).  The CSV header is a contract for scripts:
 *   area_code,area_name,sex,period,comparator_code,age,cause,contribution,share
 * Also the options and subjects it shares with `gapwatch-cli reckon`.
 */
#include "gw-config.h"

#include <glib/gi18n.h>

#include "gw-cli-private.h"

gboolean
_gw_cli_gap_parse (const GwCliCommand *command,
                   const char         *sex,
                   const char         *period,
                   guint              *sexes,
                   GwPeriod           *period_out)
{
  if (sex == NULL)
    *sexes = (1u << GW_SEX_MALE) | (1u << GW_SEX_FEMALE);
  else if (g_strcmp0 (sex, "m") == 0 || g_strcmp0 (sex, "f") == 0)
    *sexes = 1u << (sex[0] == 'm' ? GW_SEX_MALE : GW_SEX_FEMALE);
  else
    {
      gw_cli_usage_error (command, _("--sex must be m or f, not “%s”"), sex);
      return FALSE;
    }

  *period_out = 0;
  if (period != NULL
      && (!gw_period_parse (period, period_out)
          || (gw_period_kind (*period_out) != GW_PERIOD_YEAR
              && gw_period_kind (*period_out) != GW_PERIOD_POOLED)))
    {
      gw_cli_usage_error (command, _("--period “%s” is not a year or pooled years (e.g. 2016 or 2016-2018)"), period);
      return FALSE;
    }
  return TRUE;
}

gboolean
_gw_cli_lookup_subject (const GwCliCommand *command,
                        GwDataset          *dataset,
                        const char         *area,
                        const char         *group,
                        GwCliSubject       *out)
{
  gint found = group != NULL ? gw_dataset_lookup_group (dataset, group)
                             : gw_dataset_lookup_area (dataset, area);

  if (found < 0)
    {
      g_printerr (group != NULL ? _("gapwatch-cli %s: no group “%s” in the exports\n")
                                : _("gapwatch-cli %s: no area “%s” in the exports\n"),
                  command->name, group != NULL ? group : area);
      return FALSE;
    }
  out->is_group = group != NULL;
  out->subject = (guint) found;
  return TRUE;
}

GArray *
_gw_cli_gap_subjects (const GwCliCommand *command,
                      GwDataset          *dataset,
                      const char         *area,
                      const char         *group,
                      gint                comparator)
{
  GArray *subjects = g_array_new (FALSE, FALSE, sizeof (GwCliSubject));
  const GwTable *deaths = gw_dataset_get_table (dataset, GW_RECORD_DEATHS);

  if (area != NULL || group != NULL)
    {
      GwCliSubject s;

      if (!_gw_cli_lookup_subject (command, dataset, area, group, &s))
        {
          g_array_unref (subjects);
          return NULL;
        }
      g_array_append_val (subjects, s);
      return subjects;
    }

  /* every area with deaths but the comparator and the small areas (whose
   * inequality `sii` measures) */
  for (guint a = 0; a < gw_dataset_n_areas (dataset); a++)
    {
      const GwArea *info = gw_dataset_get_area (dataset, a);
      GwCliSubject s = { FALSE, a };
      guint start;

      if ((gint) a == comparator || info->type == GW_AREA_LSOA || info->type == GW_AREA_MSOA)
        continue;
      if (gw_table_range (deaths, gw_key_deaths (a, 0, 0, 0, 0, 0),
                          gw_key_deaths (a + 1, 0, 0, 0, 0, 0) - 1, &start) == 0)
        continue;
      g_array_append_val (subjects, s);
    }
  return subjects;
}

GPtrArray *
_gw_cli_gap_decompose (const GwCliCommand *command,
                       GwSession          *session,
                       GArray             *subjects,
                       guint               sexes,
                       GwPeriod            period,
                       gint                comparator,
                       GwGapCauseLevel     causes,
                       gboolean           *failed)
{
  GPtrArray *decomps = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_gap_decomp_free);
  g_autoptr(GPtrArray) without = g_ptr_array_new ();
  GwDataset *dataset = gw_session_get_dataset (session);

  for (guint i = 0; i < subjects->len; i++)
    {
      const GwCliSubject *s = &g_array_index (subjects, GwCliSubject, i);
      const char *code = s->is_group ? gw_dataset_get_group (dataset, s->subject)->id
                                     : gw_dataset_get_area (dataset, s->subject)->code;
      gboolean named = FALSE;

      for (GwSex sex = GW_SEX_MALE; sex <= GW_SEX_FEMALE; sex++)
        {
          g_autoptr(GError) error = NULL;
          GwGapDecomp *d;

          if (!(sexes & (1u << sex)))
            continue;
          d = gw_session_decompose (session, s->is_group, s->subject, sex, period,
                                    comparator, causes, &error);
          if (d != NULL)
            g_ptr_array_add (decomps, d);
          else if (subjects->len == 1 || !g_error_matches (error, GW_GAP_DECOMP_ERROR, GW_GAP_DECOMP_ERROR_NO_DATA))
            {
              /* a subject asked for by name, or a reason worth reading */
              g_printerr ("gapwatch-cli %s: %s (%s): %s\n", command->name, code,
                          gw_sex_to_string (sex), error->message);
              *failed = TRUE;
            }
          else if (!named)
            {
              g_ptr_array_add (without, (gpointer) code);
              named = TRUE;
            }
        }
    }
  if (without->len > 0)
    {
      g_autofree char *names = NULL;

      g_ptr_array_add (without, NULL);
      names = g_strjoinv (", ", (char **) without->pdata);
      g_printerr (_("gapwatch-cli %s: no deaths and populations of the period for: %s\n"),
                  command->name, names);
    }
  return decomps;
}

int
gw_cli_decompose_run (const GwCliCommand  *command,
                      int                  argc,
                      char               **argv)
{
  g_autofree char *area = NULL, *group = NULL, *sex = NULL, *period = NULL, *comparator = NULL;
  g_autofree char *causes = NULL, *format = NULL, *workspace = NULL;
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "area", 0, 0, G_OPTION_ARG_STRING, &area, N_("Only this area"), N_("CODE") },
    { "group", 0, 0, G_OPTION_ARG_STRING, &group, N_("Only this group (its areas' counts pooled)"), N_("ID") },
    { "sex", 0, 0, G_OPTION_ARG_STRING, &sex, N_("Only men (m) or women (f)"), N_("SEX") },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period, N_("A year or pooled years, e.g. 2016-2018 (default: the latest three years with counts)"), N_("PERIOD") },
    { "comparator", 0, 0, G_OPTION_ARG_STRING, &comparator, N_("Area code to compare with (default: the country)"), N_("CODE") },
    { "causes", 0, 0, G_OPTION_ARG_STRING, &causes, N_("Causes reported: top (the top-level causes, default) or all (every cause, a parent with its children)"), N_("LEVEL") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output: csv (default), json or table"), N_("FORMAT") },
    GW_CLI_WORKSPACE_OPTION (workspace),
    GW_CLI_SDMX_OPTIONS,
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = gw_cli_option_context_new (
    command, N_("Splits the gap in life expectancy at birth between each area (or a group) and "
                "the comparator by age band and cause (Arriaga's decomposition), from deaths by "
                "cause and populations pooled over the period.  Contributions are in years, area "
                "minus comparator (negative when the area lives shorter), and as a share of the "
                "difference: one row per band and cause, per band (cause all), per cause (age "
                "all) and the total (all, all).  Deaths without a cause are “not-specified”."),
    entries);
  g_autoptr(GwSession) session = NULL;
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GArray) subjects = NULL;
  g_autoptr(GPtrArray) decomps = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  GwGapCauseLevel level = GW_GAP_CAUSES_TOP;
  GwTableFormat table_format;
  GwDataset *dataset;
  GwPeriod period_value;
  guint sexes;
  gint comparator_area = -1;
  gboolean failed;

  if (!gw_cli_parse_options (command, context, argc, argv))
    return GW_CLI_EXIT_USAGE;
  if ((files == NULL || files[0] == NULL) && workspace == NULL)
    return gw_cli_usage_error (command, _("no files given"));
  if (area != NULL && group != NULL)
    return gw_cli_usage_error (command, _("give --area or --group, not both"));
  if (causes != NULL && g_strcmp0 (causes, "top") != 0 && g_strcmp0 (causes, "all") != 0)
    return gw_cli_usage_error (command, _("--causes must be top or all, not “%s”"), causes);
  if (g_strcmp0 (causes, "all") == 0)
    level = GW_GAP_CAUSES_ALL;
  if (!_gw_cli_gap_parse (command, sex, period, &sexes, &period_value)
      || !gw_cli_parse_table_format (command, format, &table_format))
    return GW_CLI_EXIT_USAGE;

  session = gw_cli_load (command, workspace, files, NULL, NULL, &task);
  if (session == NULL)
    return GW_CLI_EXIT_INVALID;
  failed = gw_import_task_get_n_failed (task) > 0;
  dataset = gw_session_get_dataset (session);

  if (comparator != NULL && (comparator_area = gw_dataset_lookup_area (dataset, comparator)) < 0)
    {
      g_printerr (_("gapwatch-cli %s: no area “%s” in the exports\n"), command->name, comparator);
      return GW_CLI_EXIT_INVALID;
    }
  subjects = _gw_cli_gap_subjects (command, dataset, area, group,
                                   comparator_area >= 0 ? comparator_area : gw_dataset_get_country (dataset));
  if (subjects == NULL)
    return GW_CLI_EXIT_INVALID;

  decomps = _gw_cli_gap_decompose (command, session, subjects, sexes, period_value,
                                   comparator_area, level, &failed);
  gw_table_write_decompose (out, decomps, table_format);
  return gw_cli_write_out (command, out, NULL, failed ? GW_CLI_EXIT_INVALID : GW_CLI_EXIT_OK);
}
