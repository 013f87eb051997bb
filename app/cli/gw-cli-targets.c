/* gw-cli-targets.c: `gapwatch-cli targets`, the targets a workspace keeps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   gapwatch-cli targets list   [--workspace W] [--format csv|json|table]
 *   gapwatch-cli targets add    --workspace W --id ID --name NAME --indicator ID
 *                               [--subject group:ID|members:ID|area:CODE] [--comparator CODE]
 *                               [--gap relative|absolute] --baseline PERIOD --target PERIOD
 *                               [--reduction PCT] [--sexes m,f|p] [--method linear|latest|holt]
 *                               [--measure gap|sii]
 *   gapwatch-cli targets remove --workspace W --id ID
 *
 * The list's CSV header is a contract for scripts (gw_table_write_targets):
 *   id,name,indicator,subject,comparator,gap,baseline,target,reduction,sexes,
 *   method,polarity,built_in,measure
 * The targets are kept in the workspace, so that they travel with its data:
 * `track --target ID --workspace W` tracks them, the window lists them.
 */
#include "gw-config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "gw-cli-private.h"

/* The workspace into a session, without loading its imports: only its
 * targets are wanted. */
static GwSession *
open_targets (const GwCliCommand    *command,
              const char            *path,
              GwWorkspaceOpenFlags   flags)
{
  g_autoptr(GwSession) session = gw_session_new ();
  g_autoptr(GwWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;

  if (path != NULL)
    {
      workspace = gw_workspace_open (path, flags, &error);
      if (workspace == NULL)
        {
          g_printerr ("gapwatch-cli %s: %s\n", command->name, error->message);
          return NULL;
        }
      gw_session_set_workspace (session, workspace);
    }
  return g_steal_pointer (&session);
}

static gboolean
parse_sexes (const char *text, guint *out)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  guint sexes = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      GwSex sex;

      if (!gw_sex_parse (g_strstrip (parts[i]), &sex) || (sexes & (1u << sex)))
        return FALSE;
      sexes |= 1u << sex;
    }
  /* persons, or men and/or women: never both kinds */
  if (sexes == 0 || ((sexes & (1u << GW_SEX_PERSONS)) && sexes != (1u << GW_SEX_PERSONS)))
    return FALSE;
  *out = sexes;
  return TRUE;
}

static int
targets_list (const GwCliCommand *command, int argc, char **argv)
{
  g_autofree char *workspace = NULL, *format = NULL;
  const GOptionEntry entries[] = {
    { "workspace", 0, 0, G_OPTION_ARG_FILENAME, &workspace, N_("The workspace whose targets to list besides the built-in ones"), N_("PATH") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output: csv (default), json or table"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = gw_cli_option_context_new (
    command, N_("Lists the built-in targets and those the workspace keeps."), entries);
  g_autoptr(GwSession) session = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  GwTableFormat table_format;

  if (!gw_cli_parse_options (command, context, argc, argv))
    return GW_CLI_EXIT_USAGE;
  if (!gw_cli_parse_table_format (command, format, &table_format))
    return GW_CLI_EXIT_USAGE;

  session = open_targets (command, workspace, GW_WORKSPACE_OPEN_READ_ONLY);
  if (session == NULL)
    return GW_CLI_EXIT_INVALID;
  targets = gw_session_list_targets (session);
  gw_table_write_targets (out, targets, table_format);
  return gw_cli_write_out (command, out, NULL, GW_CLI_EXIT_OK);
}

static int
targets_add (const GwCliCommand *command, int argc, char **argv)
{
  g_autofree char *workspace = NULL, *id = NULL, *name = NULL, *indicator = NULL;
  g_autofree char *subject = NULL, *comparator = NULL, *gap = NULL, *baseline = NULL;
  g_autofree char *target_period = NULL, *sexes = NULL, *method = NULL, *measure = NULL;
  double reduction = NAN;
  const GOptionEntry entries[] = {
    { "workspace", 0, 0, G_OPTION_ARG_FILENAME, &workspace, N_("The workspace to keep the target in (created when missing)"), N_("PATH") },
    { "id", 0, 0, G_OPTION_ARG_STRING, &id, N_("The target’s id, e.g. le-2020"), N_("ID") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Its name, as the window and the report show it"), N_("NAME") },
    { "indicator", 0, 0, G_OPTION_ARG_STRING, &indicator, N_("Indicator id, e.g. le-birth"), N_("ID") },
    { "subject", 0, 0, G_OPTION_ARG_STRING, &subject, N_("Whom it tracks: group:ID (the group and its areas, the default kind), members:ID or area:CODE"), N_("SUBJECT") },
    { "comparator", 0, 0, G_OPTION_ARG_STRING, &comparator, N_("Area code to compare with (default: the country)"), N_("CODE") },
    { "gap", 0, 0, G_OPTION_ARG_STRING, &gap, N_("Gap measure: relative (default) or absolute"), N_("MEASURE") },
    { "baseline", 0, 0, G_OPTION_ARG_STRING, &baseline, N_("Baseline period, e.g. 1995-1997"), N_("PERIOD") },
    { "target", 0, 0, G_OPTION_ARG_STRING, &target_period, N_("Target period, e.g. 2009-2011"), N_("PERIOD") },
    { "reduction", 0, 0, G_OPTION_ARG_DOUBLE, &reduction, N_("Narrowing of the gap to reach, in percent (default 10)"), N_("PCT") },
    { "sexes", 0, 0, G_OPTION_ARG_STRING, &sexes, N_("m,f (default), m, f or p (persons)"), N_("SEXES") },
    { "method", 0, 0, G_OPTION_ARG_STRING, &method, N_("Projection: linear (default), latest or holt"), N_("METHOD") },
    { "measure", 0, 0, G_OPTION_ARG_STRING, &measure, N_("What to narrow: gap (to the comparator, the default) or sii (the slope index of inequality within each area, in years; le-birth or le-65, no comparator)"), N_("MEASURE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = gw_cli_option_context_new (
    command, N_("Adds a target to the workspace, or replaces the one with the same id.  "
                "“track --target ID --workspace PATH” then tracks it, and the window lists it."),
    entries);
  g_autoptr(GwSession) session = NULL;
  g_autoptr(GwTarget) target = NULL;
  g_autoptr(GError) error = NULL;

  if (!gw_cli_parse_options (command, context, argc, argv))
    return GW_CLI_EXIT_USAGE;
  if (workspace == NULL)
    return gw_cli_usage_error (command, _("--workspace is required: targets are kept in a workspace"));
  if (id == NULL || indicator == NULL || baseline == NULL || target_period == NULL)
    return gw_cli_usage_error (command, _("--id, --indicator, --baseline and --target are required"));
  if (!g_utf8_validate (id, -1, NULL) || id[0] == '\0' || strpbrk (id, " \t\r\n,") != NULL)
    return gw_cli_usage_error (command, _("--id “%s” must be one word without commas"), id);

  target = gw_target_new (id);
  target->title = g_strdup (name != NULL ? name : id);
  target->indicator = g_strdup (indicator);
  target->group = g_strdup ("spearhead");
  if (subject != NULL && !gw_target_subject_parse (subject, target))
    return gw_cli_usage_error (command, _("--subject must be group:ID, members:ID or area:CODE, not “%s”"), subject);
  target->comparator = g_strdup (comparator);
  if (gap != NULL && !gw_gap_measure_parse (gap, &target->gap))
    return gw_cli_usage_error (command, _("--gap must be relative or absolute, not “%s”"), gap);
  if (!gw_period_parse (baseline, &target->baseline))
    return gw_cli_usage_error (command, _("--baseline “%s” is not a period (e.g. 1995-1997)"), baseline);
  if (!gw_period_parse (target_period, &target->target_period))
    return gw_cli_usage_error (command, _("--target “%s” is not a period (e.g. 2009-2011)"), target_period);
  if (!isnan (reduction))
    {
      if (!(reduction >= 0 && reduction <= 100))
        return gw_cli_usage_error (command, _("--reduction must be a percentage from 0 to 100"));
      target->reduction = reduction / 100.0;
    }
  if (sexes != NULL && !parse_sexes (sexes, &target->sexes))
    return gw_cli_usage_error (command, _("--sexes must be m,f, m, f or p, not “%s”"), sexes);
  if (method != NULL && !gw_projection_parse (method, &target->method))
    return gw_cli_usage_error (command, _("--method must be linear, latest or holt, not “%s”"), method);
  if (measure != NULL && !gw_target_measure_parse (measure, &target->measure))
    return gw_cli_usage_error (command, _("--measure must be gap or sii, not “%s”"), measure);
  if (target->measure == GW_TARGET_MEASURE_SII)
    {
      /* the SII is within each area, in years: nothing to compare with */
      if (comparator != NULL || (gap != NULL && target->gap != GW_GAP_ABSOLUTE))
        return gw_cli_usage_error (command, _("--measure sii takes no --comparator and no relative --gap: the SII is in years"));
      if (!gw_target_sii_indicator (indicator, NULL))
        return gw_cli_usage_error (command, _("--measure sii needs --indicator le-birth or le-65, not “%s”"), indicator);
      target->gap = GW_GAP_ABSOLUTE;
    }

  session = open_targets (command, workspace, GW_WORKSPACE_OPEN_CREATE);
  if (session == NULL)
    return GW_CLI_EXIT_INVALID;
  if (!gw_session_save_target (session, target, &error))
    {
      g_printerr ("gapwatch-cli %s: %s\n", command->name, error->message);
      return GW_CLI_EXIT_INVALID;
    }
  return GW_CLI_EXIT_OK;
}

static int
targets_remove (const GwCliCommand *command, int argc, char **argv)
{
  g_autofree char *workspace = NULL, *id = NULL;
  const GOptionEntry entries[] = {
    { "workspace", 0, 0, G_OPTION_ARG_FILENAME, &workspace, N_("The workspace that keeps the target"), N_("PATH") },
    { "id", 0, 0, G_OPTION_ARG_STRING, &id, N_("The target’s id"), N_("ID") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = gw_cli_option_context_new (
    command, N_("Removes a target from the workspace (the built-in ones stay)."), entries);
  g_autoptr(GwSession) session = NULL;
  g_autoptr(GError) error = NULL;

  if (!gw_cli_parse_options (command, context, argc, argv))
    return GW_CLI_EXIT_USAGE;
  if (workspace == NULL || id == NULL)
    return gw_cli_usage_error (command, _("--workspace and --id are required"));

  session = open_targets (command, workspace, GW_WORKSPACE_OPEN_DEFAULT);
  if (session == NULL)
    return GW_CLI_EXIT_INVALID;
  if (!gw_session_remove_target (session, id, &error))
    {
      g_printerr ("gapwatch-cli %s: %s\n", command->name, error->message);
      return GW_CLI_EXIT_INVALID;
    }
  return GW_CLI_EXIT_OK;
}

int
gw_cli_targets_run (const GwCliCommand  *command,
                    int                  argc,
                    char               **argv)
{
  static const struct
  {
    const char *name;
    int (*run) (const GwCliCommand *, int, char **);
  } actions[] = {
    { "list", targets_list }, { "add", targets_add }, { "remove", targets_remove },
  };
  const char *action = argc > 1 ? argv[1] : NULL;

  if (action != NULL && (strcmp (action, "--help") == 0 || strcmp (action, "-h") == 0))
    {
      g_print ("%s\n  gapwatch-cli targets list [--workspace PATH] [--format FORMAT]\n"
               "  gapwatch-cli targets add --workspace PATH --id ID --indicator ID --baseline PERIOD --target PERIOD [OPTION…]\n"
               "  gapwatch-cli targets remove --workspace PATH --id ID\n\n%s\n",
               _("Usage:"), _("“gapwatch-cli targets ACTION --help” describes each action’s options."));
      return GW_CLI_EXIT_OK;
    }
  for (guint i = 0; action != NULL && i < G_N_ELEMENTS (actions); i++)
    if (strcmp (action, actions[i].name) == 0)
      {
        /* "gapwatch-cli targets add" is the program name of the action's help */
        g_autofree char *program = g_strdup_printf ("%s %s", argv[0], action);
        g_autofree char **args = g_new0 (char *, argc);
        GwCliCommand sub = *command;

        args[0] = program;
        for (int k = 2; k < argc; k++)
          args[k - 1] = argv[k];
        return actions[i].run (&sub, argc - 1, args);
      }
  return gw_cli_usage_error (command, _("give an action: list, add or remove"));
}
