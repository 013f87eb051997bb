/* gw-cli.c: gapwatch-cli, the dispatcher of its commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   gapwatch-cli COMMAND [OPTIONS] FILE...
 *   gapwatch-cli help [COMMAND]
 *   gapwatch-cli --help | --version
 */
#include "gw-config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "formats/gw-export-reader.h"
#include "gw-cli-private.h"

/* One row per command; keep sorted by name, the help lists them in this order. */
static const GwCliCommand gw_cli_commands[] = {
  { "check",      N_("Validate exports and report every error"),  gw_cli_check_run },
  { "decompose",  N_("The gap in life expectancy by age and cause"), gw_cli_decompose_run },
  { "import",     N_("Add exports to a workspace"),                gw_cli_import_run },
  { "indicators", N_("Compute indicators with confidence limits"), gw_cli_indicators_run },
  { "reckon",     N_("Deaths to prevent a year to meet a target's gap"), gw_cli_reckon_run },
  { "render", N_("Draw a chart to PNG, SVG or PDF"), gw_cli_render_run },
  { "report", N_("Write the board report as PDF"), gw_cli_report_run },
  { "sii",        N_("Inequality in life expectancy within areas: SII and RII"), gw_cli_sii_run },
  { "summary",    N_("Import exports and describe the dataset"),   gw_cli_summary_run },
  { "targets",    N_("List, add or remove the targets of a workspace"), gw_cli_targets_run },
  { "track",      N_("Track a target: gaps, projections, status"), gw_cli_track_run },
};

static const GwCliCommand *
find_command (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (gw_cli_commands); i++)
    if (g_strcmp0 (gw_cli_commands[i].name, name) == 0)
      return &gw_cli_commands[i];
  return NULL;
}

static void
setup_i18n (void)
{
  const char *localedir = GW_LOCALEDIR;

  setlocale (LC_ALL, "");
  /* Uninstalled runs (tests, developers) find the catalogues compiled into
   * the build tree; an installed binary never has that directory. */
  if (g_file_test (GW_BUILD_LOCALEDIR, G_FILE_TEST_IS_DIR))
    localedir = GW_BUILD_LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

static void
print_help (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint width = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (gw_cli_commands); i++)
    width = MAX (width, gw_table_text_width (gw_cli_commands[i].name));
  width = MAX (width, gw_table_text_width ("help"));

  g_string_append_printf (out, "%s\n  %s\n\n", _("Usage:"),
                          _("gapwatch-cli COMMAND [OPTION…] FILE…"));
  g_string_append_printf (out, "%s\n",
                          _("Checks Gapwatch data exports, computes their indicators and tracks the health-inequalities targets."));
  g_string_append_printf (out, "\n%s\n", _("Commands:"));
  for (gsize i = 0; i < G_N_ELEMENTS (gw_cli_commands); i++)
    {
      g_string_append (out, "  ");
      gw_table_append_padded (out, gw_cli_commands[i].name, width, FALSE);
      g_string_append_printf (out, "  %s\n", _(gw_cli_commands[i].summary));
    }
  g_string_append (out, "  ");
  gw_table_append_padded (out, "help", width, FALSE);
  g_string_append_printf (out, "  %s\n", _("Show the help of a command"));

  g_string_append_printf (out, "\n%s\n", _("Options:"));
  g_string_append_printf (out, "  -h, --help     %s\n", _("Show this help"));
  g_string_append_printf (out, "  --version      %s\n", _("Show the version"));
  g_string_append_printf (out, "\n%s\n",
                          _("Run “gapwatch-cli COMMAND --help” for the options of a command."));
  g_string_append_printf (out, "%s\n",
                          _("Exit status: 0 all valid, 1 invalid input, 2 usage error."));
  fputs (out->str, stdout);
}

static int
top_usage_error (const char *message)
{
  g_printerr ("gapwatch-cli: %s\n", message);
  g_printerr (_("Try “gapwatch-cli --help” for more information."));
  g_printerr ("\n");
  return GW_CLI_EXIT_USAGE;
}

/* Runs command with args (the words after the command name). */
static int
run_command (const GwCliCommand *command,
             int                 n_args,
             char              **args)
{
  g_autofree char *prgname = g_strdup_printf ("gapwatch-cli %s", command->name);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  /* GOptionContext prints the program name in its "Usage:" line; naming
   * the command there makes `gapwatch-cli check --help` read right. */
  g_set_prgname (prgname);

  g_ptr_array_add (argv, prgname);
  for (int i = 0; i < n_args; i++)
    g_ptr_array_add (argv, args[i]);
  g_ptr_array_add (argv, NULL);

  return command->run (command, (int) argv->len - 1, (char **) argv->pdata);
}

int
main (int    argc,
      char **argv)
{
  const GwCliCommand *command;
  const char *name;

  setup_i18n ();
  /* libxml2 must be initialised on the main thread before the import task
   * reads in a worker thread (libxml2 2.9: xmlInitParser before any thread). */
  gw_formats_init ();

  if (argc < 2)
    return top_usage_error (_("no command given"));

  name = argv[1];

  if (strcmp (name, "--version") == 0)
    {
      g_print ("gapwatch-cli %s\n", GW_VERSION);
      return GW_CLI_EXIT_OK;
    }

  if (strcmp (name, "--help") == 0 || strcmp (name, "-h") == 0 || strcmp (name, "-?") == 0)
    {
      print_help ();
      return GW_CLI_EXIT_OK;
    }

  if (strcmp (name, "help") == 0)
    {
      char *help_args[] = { (char *) "--help", NULL };

      if (argc < 3)
        {
          print_help ();
          return GW_CLI_EXIT_OK;
        }
      if (argc > 3)
        return top_usage_error (_("help takes one command"));

      command = find_command (argv[2]);
      if (command == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("unknown command “%s”"), argv[2]);
          return top_usage_error (message);
        }
      /* The command's own GOptionContext prints its help and exits 0. */
      return run_command (command, 1, help_args);
    }

  if (name[0] == '-')
    {
      g_autofree char *message = g_strdup_printf (_("unknown option “%s”"), name);
      return top_usage_error (message);
    }

  command = find_command (name);
  if (command == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("unknown command “%s”"), name);
      return top_usage_error (message);
    }

  return run_command (command, argc - 2, argv + 2);
}
