/* gw-cli-sii.c: `gapwatch-cli sii`, inequality in life expectancy within areas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The slope and relative index of inequality of life expectancy across the
 * IMD deciles of each area, from its published values by decile or its
 * small areas' counts (gw_inequality_compute()), one row per area or group
 * and sex.  The CSV header is a contract for scripts:
 *   indicator,area_code,area_name,sex,period,quantiles,sii,sii_lower95,
 *   sii_upper95,sii_lower998,sii_upper998,rii,rii_lower95,rii_upper95,
 *   rii_lower998,rii_upper998
 * An area whose deciles are not all there gets a row without values, and is
 * named once in a note on stderr: one note per input and period, as the
 * note says what is missing (small areas with counts, or published values).
 */
#include "gw-config.h"

#include <glib/gi18n.h>

#include "methods/gw-inequality.h"
#include "session/gw-table-writer.h"
#include "gw-cli-private.h"

/* More draws than this buy nothing the 99.8% limits can show, and each SII
 * keeps two doubles per draw. */
#define MAX_REPETITIONS 10000000

/* The options as given, checked. */
typedef struct
{
  const char  *indicator;   /* le-birth or le-65 */
  guint        start_age;
  guint        sexes;       /* bit per GwSex */
  GwPeriod     period;      /* 0: the latest with data */
  GwSiiOptions sii;
} Request;

static gboolean
parse_unsigned (const GwCliCommand *command, const char *option, const char *text,
                guint64 min, guint64 max, guint64 *out)
{
  g_autoptr(GError) error = NULL;

  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, min, max, out, &error))
    {
      gw_cli_usage_error (command, _("--%s “%s”: %s"), option, text, error->message);
      return FALSE;
    }
  return TRUE;
}

/* FALSE with the usage error printed. */
static gboolean
parse_request (const GwCliCommand *command, const char *indicator, const char *sex,
               const char *period, const char *repetitions, const char *seed, Request *req)
{
  guint64 reps = GW_SII_DEFAULT_REPETITIONS, seed_value = GW_SII_DEFAULT_SEED;

  gw_sii_options_init (&req->sii);
  req->indicator = indicator != NULL ? indicator : "le-birth";
  if (g_strcmp0 (req->indicator, "le-birth") == 0)
    req->start_age = 0;
  else if (g_strcmp0 (req->indicator, "le-65") == 0)
    req->start_age = 65;
  else
    {
      gw_cli_usage_error (command, _("--indicator must be le-birth or le-65, not “%s”"), indicator);
      return FALSE;
    }

  if (!_gw_cli_gap_parse (command, sex, period, &req->sexes, &req->period))
    return FALSE;

  if (!parse_unsigned (command, "repetitions", repetitions, GW_SII_MIN_REPETITIONS, MAX_REPETITIONS, &reps)
      || !parse_unsigned (command, "seed", seed, 0, G_MAXUINT64, &seed_value))
    return FALSE;
  req->sii.repetitions = (guint) reps;
  req->sii.seed = seed_value;
  return TRUE;
}

static const char *
subject_code (GwDataset *dataset, const GwInequalitySubject *s)
{
  return s->is_group ? gw_dataset_get_group (dataset, s->subject)->id
                     : gw_dataset_get_area (dataset, s->subject)->code;
}

/* The subjects without every decile from one input in one period. */
typedef struct
{
  GwInequalitySource source;
  GwPeriod           period;
  GPtrArray         *codes;    /* borrowed strings */
} Incomplete;

static void
incomplete_clear (gpointer data)
{
  g_ptr_array_unref (((Incomplete *) data)->codes);
}

static void
add_incomplete (GArray *incomplete, const GwInequalityValue *value, const char *code)
{
  Incomplete add = { value->source, value->period, NULL };

  for (guint i = 0; i < incomplete->len; i++)
    {
      Incomplete *in = &g_array_index (incomplete, Incomplete, i);

      if (in->source == value->source && in->period == value->period)
        {
          g_ptr_array_add (in->codes, (gpointer) code);
          return;
        }
    }
  add.codes = g_ptr_array_new ();
  g_ptr_array_add (add.codes, (gpointer) code);
  g_array_append_val (incomplete, add);
}

static void
print_incomplete (GArray *incomplete)
{
  for (guint i = 0; i < incomplete->len; i++)
    {
      Incomplete *in = &g_array_index (incomplete, Incomplete, i);
      g_autofree char *names = NULL;
      char text[GW_PERIOD_STRLEN];

      g_ptr_array_add (in->codes, NULL);
      names = g_strjoinv (", ", (char **) in->codes->pdata);
      gw_period_format (in->period, text);
      if (in->source == GW_INEQUALITY_SOURCE_PUBLISHED)
        g_printerr (_("gapwatch-cli sii: not every deprivation decile has a published value for %s, so there is no SII for: %s\n"),
                    text, names);
      else
        g_printerr (_("gapwatch-cli sii: not every deprivation decile has small areas with deaths and populations for %s, so there is no SII for: %s\n"),
                    text, names);
    }
}

/* Every subject's SII, for each sex asked; the subjects whose deciles are
 * incomplete are added to incomplete (their codes, each once), other
 * reasons for no value are printed as they come. */
static GArray *
compute_rows (const GwCliCommand *command, GwDataset *dataset, GwInequality *ineq,
              GArray *subjects, const Request *req, GArray *incomplete)
{
  GArray *values = g_array_new (FALSE, FALSE, sizeof (GwInequalityValue));

  for (guint i = 0; i < subjects->len; i++)
    {
      const GwInequalitySubject *s = &g_array_index (subjects, GwInequalitySubject, i);
      gboolean named = FALSE;

      for (GwSex sex = GW_SEX_MALE; sex <= GW_SEX_FEMALE; sex++)
        {
          g_autoptr(GError) error = NULL;
          GwInequalityValue value;

          if (!(req->sexes & (1u << sex)))
            continue;
          if (!gw_inequality_compute (ineq, s->is_group, s->subject, sex, req->start_age,
                                      &req->sii, &value, &error))
            {
              if (g_error_matches (error, GW_INEQUALITY_ERROR, GW_INEQUALITY_ERROR_INCOMPLETE_DECILES))
                {
                  if (!named)
                    add_incomplete (incomplete, &value, subject_code (dataset, s));
                  named = TRUE;
                }
              else
                g_printerr ("gapwatch-cli %s: %s (%s): %s\n", command->name,
                            subject_code (dataset, s), gw_sex_to_string (sex), error->message);
            }
          g_array_append_val (values, value);
        }
    }
  return values;
}

int
gw_cli_sii_run (const GwCliCommand  *command,
                int                  argc,
                char               **argv)
{
  g_autofree char *indicator = NULL, *area = NULL, *group = NULL, *sex = NULL, *period = NULL;
  g_autofree char *repetitions = NULL, *seed = NULL, *format = NULL, *workspace = NULL;
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "indicator", 0, 0, G_OPTION_ARG_STRING, &indicator, N_("Life expectancy at birth (le-birth, the default) or at 65 (le-65)"), N_("ID") },
    { "area", 0, 0, G_OPTION_ARG_STRING, &area, N_("Only this area"), N_("CODE") },
    { "group", 0, 0, G_OPTION_ARG_STRING, &group, N_("Only this group"), N_("ID") },
    { "sex", 0, 0, G_OPTION_ARG_STRING, &sex, N_("Only men (m) or women (f)"), N_("SEX") },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period, N_("A year or pooled years, e.g. 2016-2018 (default: the latest three years with data)"), N_("PERIOD") },
    { "repetitions", 0, 0, G_OPTION_ARG_STRING, &repetitions, N_("Simulations for the confidence limits (default 100000, at least 1000)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed, N_("Seed of the simulations (default 1): the same seed gives the same limits"), N_("S") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output: csv (default), json or table"), N_("FORMAT") },
    GW_CLI_WORKSPACE_OPTION (workspace),
    GW_CLI_SDMX_OPTIONS,
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = gw_cli_option_context_new (
    /* xgettext:no-c-format */
    command, N_("Computes the slope index of inequality (SII, in years) and the relative index "
                "of inequality (RII) of life expectancy across the deprivation deciles of each "
                "area, from its values published by decile, or else from the deaths and "
                "populations of its small areas (lsoa or msoa with an imd-decile) pooled by "
                "decile, with 95% and 99.8% limits by simulation.  One row per area or group "
                "with either and sex; an area without every decile gets a row without values."), entries);
  g_autoptr(GwSession) session = NULL;
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GwInequality) ineq = NULL;
  g_autoptr(GArray) subjects = NULL;
  g_autoptr(GArray) values = NULL;
  g_autoptr(GArray) incomplete = g_array_new (FALSE, FALSE, sizeof (Incomplete));
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  GwTableFormat table_format;
  GwDataset *dataset;
  Request req;
  gboolean failed;

  g_array_set_clear_func (incomplete, incomplete_clear);
  if (!gw_cli_parse_options (command, context, argc, argv))
    return GW_CLI_EXIT_USAGE;
  if ((files == NULL || files[0] == NULL) && workspace == NULL)
    return gw_cli_usage_error (command, _("no files given"));
  if (area != NULL && group != NULL)
    return gw_cli_usage_error (command, _("give --area or --group, not both"));
  if (!parse_request (command, indicator, sex, period, repetitions, seed, &req)
      || !gw_cli_parse_table_format (command, format, &table_format))
    return GW_CLI_EXIT_USAGE;

  session = gw_cli_load (command, workspace, files, NULL, NULL, &task);
  if (session == NULL)
    return GW_CLI_EXIT_INVALID;
  failed = gw_import_task_get_n_failed (task) > 0;
  dataset = gw_session_get_dataset (session);

  subjects = g_array_new (FALSE, FALSE, sizeof (GwInequalitySubject));
  if (area != NULL || group != NULL)
    {
      GwCliSubject found;
      GwInequalitySubject s;

      if (!_gw_cli_lookup_subject (command, dataset, area, group, &found))
        return GW_CLI_EXIT_INVALID;
      s.is_group = found.is_group;
      s.subject = found.subject;
      g_array_append_val (subjects, s);
    }

  ineq = gw_inequality_new (dataset, req.period, &error);
  if (ineq == NULL)
    {
      g_printerr ("gapwatch-cli %s: %s\n", command->name, error->message);
      return GW_CLI_EXIT_INVALID;
    }
  if (subjects->len == 0)
    {
      g_clear_pointer (&subjects, g_array_unref);
      subjects = gw_inequality_list_subjects (ineq);
    }

  values = compute_rows (command, dataset, ineq, subjects, &req, incomplete);
  print_incomplete (incomplete);

  gw_table_write_sii (out, dataset, req.indicator, (const GwInequalityValue *) values->data,
                      values->len, table_format);
  return gw_cli_write_out (command, out, NULL, failed ? GW_CLI_EXIT_INVALID : GW_CLI_EXIT_OK);
}
