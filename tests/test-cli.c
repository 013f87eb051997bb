/* test-cli.c: gapwatch-cli as scripts see it (exit status, stdout, stderr)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the built binary (GW_CLI_PATH, from meson) in tests/data/cli, so
 * file names in its output are the fixtures' plain names.
 *
 * Fixtures (tests/data/cli):
 *   base.xml     4 areas (country, region, 2 ua), 1 group of 2; deaths 5
 *                (2007-05, 2007-06), population 3 (2006), births 2 (2006),
 *                indicator values 4 (2003-2005, 2004-2006), one suppressed:
 *                14 records, 1 warning
 *   later.xml    no areas of its own; deaths 2007-06 x2 (one revised, one
 *                identical), 2007-07 x1, births 2007-Q1 x1: 4 records, 1 revision
 *   invalid.xml  n="-3" on line 12
 *   decomp6-folded.xml.gz  ../shared/data/fixtures/decomp-6/deaths.xml as an
 *                export 1.0: <causes> left out, the deaths of chd and
 *                lung-cancer added into circulatory and cancer
 *   sii-published.xml  life expectancy by deprivation decile (le-birth of
 *                E06000001, E06000002, g1 and, without decile 7, E06000003;
 *                le-65 of E06000001), 2016-2018, published: computed from the
 *                counts of gw-test-sii-export.h (test_sii_published)
 */
#include "gw-config.h"

#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "gw-test-csv.h"
#include "gw-test-files.h"
#include "gw-test-sii-export.h"

typedef struct
{
  int   status;   /* exit status, or -1 when killed by a signal */
  char *out;
  char *err;
} CliRun;

static void
cli_run_clear (CliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

static char *
fixture_dir (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "cli", NULL);
}

/* The locale cli_run gives gapwatch-cli, and where its data is (NULL: the
 * system's). */
static const char *cli_locale = "C.UTF-8";
static const char *cli_locpath = NULL;

/* Runs gapwatch-cli with the NULL-terminated arguments, in the fixture
 * directory, in cli_locale (the C locale: English messages). */
static void
cli_run (CliRun     *run,
         const char *first_arg,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fixture_dir ();
  g_auto(GStrv) envp = g_get_environ ();
  const char *arg;
  va_list args;
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) GW_CLI_PATH);
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "LC_ALL", cli_locale, TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");
  if (cli_locpath != NULL)
    envp = g_environ_setenv (envp, "LOCPATH", cli_locpath, TRUE);

  memset (run, 0, sizeof *run);
  g_spawn_sync (dir, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);

  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  g_test_message ("exit %d\nstdout:\n%s\nstderr:\n%s", run->status, run->out, run->err);
}

static JsonObject *
parse_json (const char *text,
            JsonParser *parser)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_node_get_object (root);
}

static gint64
member_int (JsonObject *object,
            const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);

  for (guint i = 0; parts[i + 1] != NULL; i++)
    {
      g_assert_true (json_object_has_member (object, parts[i]));
      object = json_object_get_object_member (object, parts[i]);
    }
  g_assert_true (json_object_has_member (object, parts[g_strv_length (parts) - 1]));
  return json_object_get_int_member (object, parts[g_strv_length (parts) - 1]);
}

static const char *
member_string (JsonObject *object,
               const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);

  for (guint i = 0; parts[i + 1] != NULL; i++)
    {
      g_assert_true (json_object_has_member (object, parts[i]));
      object = json_object_get_object_member (object, parts[i]);
    }
  g_assert_true (json_object_has_member (object, parts[g_strv_length (parts) - 1]));
  return json_object_get_string_member (object, parts[g_strv_length (parts) - 1]);
}

/* The exact error reported for invalid.xml's n="-3". */
#define INVALID_ERROR "invalid.xml:12:5: <c>: n=\"-3\" is not a non-negative integer"

static void
test_version (void)
{
  CliRun run;

  cli_run (&run, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "gapwatch-cli " GW_VERSION "\n");
  g_assert_cmpstr (run.err, ==, "");
  cli_run_clear (&run);
}

static void
test_help_top (void)
{
  CliRun run;

  cli_run (&run, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "gapwatch-cli COMMAND"));
  g_assert_nonnull (strstr (run.out, "  check "));
  g_assert_nonnull (strstr (run.out, "  summary "));
  g_assert_cmpstr (run.err, ==, "");
  cli_run_clear (&run);

  cli_run (&run, "help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "  summary "));
  cli_run_clear (&run);
}

static void
test_help_command (void)
{
  CliRun run;
  g_autofree char *check_help = NULL;

  cli_run (&run, "check", "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\n  gapwatch-cli check [OPTION…] FILE…\n"));
  g_assert_nonnull (strstr (run.out, "--verbose"));
  g_assert_cmpstr (run.err, ==, "");
  check_help = g_steal_pointer (&run.out);
  cli_run_clear (&run);

  /* `help check` is the same text. */
  cli_run (&run, "help", "check", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, check_help);
  cli_run_clear (&run);

  cli_run (&run, "summary", "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\n  gapwatch-cli summary [OPTION…] FILE…\n"));
  g_assert_nonnull (strstr (run.out, "--format"));
  cli_run_clear (&run);

  cli_run (&run, "help", "frobnicate", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  cli_run_clear (&run);
}

static void
test_usage_errors (void)
{
  CliRun run;

  cli_run (&run, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, "gapwatch-cli: no command given\n"));
  cli_run_clear (&run);

  cli_run (&run, "frobnicate", "base.xml", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, "gapwatch-cli: unknown command “frobnicate”\n"));
  cli_run_clear (&run);

  cli_run (&run, "--frobnicate", NULL);
  g_assert_cmpint (run.status, ==, 2);
  cli_run_clear (&run);

  cli_run (&run, "check", "--frobnicate", "base.xml", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, "gapwatch-cli check: Unknown option --frobnicate\n"));
  cli_run_clear (&run);

  cli_run (&run, "check", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_true (g_str_has_prefix (run.err, "gapwatch-cli check: no files given\n"));
  cli_run_clear (&run);

  cli_run (&run, "summary", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, "gapwatch-cli summary: no files given\n"));
  cli_run_clear (&run);

  cli_run (&run, "summary", "--format", "xml", "base.xml", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, "gapwatch-cli summary: unknown format “xml”"));
  cli_run_clear (&run);
}

static void
test_check_valid (void)
{
  CliRun run;

  cli_run (&run, "check", "base.xml", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  /* Warnings only with --verbose, and no progress in a pipe. */
  g_assert_cmpstr (run.err, ==, "");
  cli_run_clear (&run);
}

static void
test_check_verbose (void)
{
  CliRun run;
  g_auto(GStrv) lines = NULL;

  cli_run (&run, "check", "--verbose", "base.xml", "later.xml", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==,
                   "base.xml: ok (14 records, 1 warning)\n"
                   "later.xml: ok (4 records, 0 warnings)\n");
  /* The suppressed value of base.xml, and nothing else. */
  lines = g_strsplit (run.err, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_true (g_str_has_prefix (lines[0], "warning: "));
  g_assert_cmpstr (lines[1], ==, "");
  cli_run_clear (&run);
}

static void
test_check_invalid (void)
{
  CliRun run;

  cli_run (&run, "check", "invalid.xml", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, INVALID_ERROR "\n");
  cli_run_clear (&run);

  /* A valid file beside it changes neither the status nor the message; the
   * valid file is still listed with --verbose. */
  cli_run (&run, "check", "-v", "invalid.xml", "base.xml", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "base.xml: ok (14 records, 1 warning)\n");
  g_assert_true (g_str_has_prefix (run.err, INVALID_ERROR "\n"));
  cli_run_clear (&run);
}

/* An SDMX-ML message that no built-in profile maps: refused at its first
 * observation; read with a mapping given with --mapping; a mapping that
 * cannot be read, or a structure that is not there, is a usage error. */
static void
test_check_sdmx (void)
{
  const char *shared = g_getenv ("GW_SHARED_DIR");
  g_autofree char *path = shared != NULL ? g_build_filename (shared, "data", "reference", "sdmx",
                                                             "sdmx-ml-v2_0__CompactSample.xml", NULL) : NULL;
  g_autofree char *config = g_dir_make_tmp ("gw-test-config-XXXXXX", NULL);
  g_autofree char *good = g_build_filename (config, "bis.conf", NULL);
  g_autofree char *bad = g_build_filename (config, "bad.conf", NULL);
  g_autofree char *expected = NULL;
  CliRun run;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("GW_SHARED_DIR/data/reference/sdmx is missing");
      return;
    }
  /* no mapping of the user's */
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_assert_true (g_file_set_contents (good, "[Mapping]\narea=VIS_CTY\nmeasure=bis-debt\n[Fixed]\nFREQ=M\nJD_CATEGORY=B\n", -1, NULL));
  g_assert_true (g_file_set_contents (bad, "[Mapping]\nmeasure=Deaths!\n", -1, NULL));

  cli_run (&run, "check", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "sdmx-ml-v2_0__CompactSample.xml:39:7: the observations have no area "
                                            "dimension (REF_AREA, GEO, geo, GEOGRAPHY, COUNTRY); their dimensions "
                                            "are FREQ, VIS_CTY, JD_TYPE, JD_CATEGORY, TIME_PERIOD"));
  cli_run_clear (&run);

  cli_run (&run, "check", "-v", "--mapping", good, path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  expected = g_strdup_printf ("%s: ok (12 records, 0 warnings)\n", path);
  g_assert_cmpstr (run.out, ==, expected);
  g_clear_pointer (&expected, g_free);
  cli_run_clear (&run);

  cli_run (&run, "check", "--mapping", bad, path, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_true (g_str_has_prefix (run.err, "gapwatch-cli check: --mapping bad.conf: measure “Deaths!” is not deaths, "
                                            "population, births or an indicator id"));
  cli_run_clear (&run);

  cli_run (&run, "summary", "--structure", "missing-structure.xml", path, NULL);
  g_assert_cmpint (run.status, ==, 2);
  expected = g_strdup ("gapwatch-cli summary: --structure missing-structure.xml: no such file\n");
  g_assert_true (g_str_has_prefix (run.err, expected));
  cli_run_clear (&run);

  g_unsetenv ("XDG_CONFIG_HOME");
  g_unlink (good);
  g_unlink (bad);
  g_rmdir (config);
}

static void
test_check_order (void)
{
  CliRun run;

  /* later.xml declares no areas: alone it is invalid... */
  cli_run (&run, "check", "later.xml", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, "later.xml:"));
  g_assert_nonnull (strstr (run.err, "E06000002"));
  cli_run_clear (&run);

  /* ...after base.xml, which declares them, it is valid. */
  cli_run (&run, "check", "base.xml", "later.xml", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, "");
  cli_run_clear (&run);

  /* GwImportTask reads a file refused only for unknown codes again once a
   * later file declared them, so the order given does not matter, and no
   * error of the first attempt is shown.  The lines stay in argument order. */
  cli_run (&run, "check", "-v", "later.xml", "base.xml", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==,
                   "later.xml: ok (4 records, 0 warnings)\n"
                   "base.xml: ok (14 records, 1 warning)\n");
  g_assert_true (g_str_has_prefix (run.err, "warning: "));
  g_assert_null (strstr (run.err, "later.xml"));
  cli_run_clear (&run);
}

static void
test_check_missing (void)
{
  CliRun run;

  cli_run (&run, "check", "base.xml", "no-such-file.xml", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, "no-such-file.xml: "));
  g_assert_nonnull (strchr (run.err, '\n'));
  g_assert_cmpstr (strchr (run.err, '\n'), ==, "\n");   /* one line */
  cli_run_clear (&run);
}

static void
test_summary_json (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *imports, *groups;
  JsonObject *import, *group;
  CliRun run;

  cli_run (&run, "summary", "--format", "json", "base.xml", "later.xml", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  root = parse_json (run.out, parser);

  imports = json_object_get_array_member (root, "imports");
  g_assert_cmpuint (json_array_get_length (imports), ==, 2);
  import = json_array_get_object_element (imports, 0);
  g_assert_cmpstr (member_string (import, "id"), ==, "cli-base");
  g_assert_cmpstr (member_string (import, "file"), ==, "base.xml");
  g_assert_cmpstr (member_string (import, "generated"), ==, "2007-07-12T08:30:00Z");
  g_assert_cmpint (member_int (import, "records"), ==, 14);
  g_assert_cmpint (member_int (import, "revisions"), ==, 0);
  g_assert_cmpint (member_int (import, "warnings"), ==, 1);
  import = json_array_get_object_element (imports, 1);
  g_assert_cmpstr (member_string (import, "id"), ==, "cli-later");
  g_assert_cmpstr (member_string (import, "file"), ==, "later.xml");
  g_assert_cmpstr (member_string (import, "generated"), ==, "2007-08-10T09:00:00Z");
  g_assert_cmpint (member_int (import, "records"), ==, 4);
  /* Only the 2007-06 male infant count changed (0 -> 2). */
  g_assert_cmpint (member_int (import, "revisions"), ==, 1);
  g_assert_cmpint (member_int (import, "warnings"), ==, 0);

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "rejected")), ==, 0);

  /* later.xml replaces two deaths keys and adds one. */
  g_assert_cmpint (member_int (root, "counts.deaths"), ==, 6);
  g_assert_cmpint (member_int (root, "counts.population"), ==, 3);
  g_assert_cmpint (member_int (root, "counts.births"), ==, 3);
  g_assert_cmpint (member_int (root, "counts.indicator_values"), ==, 4);

  g_assert_cmpint (member_int (root, "areas"), ==, 4);
  g_assert_cmpint (member_int (root, "areas_by_type.country"), ==, 1);
  g_assert_cmpint (member_int (root, "areas_by_type.region"), ==, 1);
  g_assert_cmpint (member_int (root, "areas_by_type.ua"), ==, 2);

  groups = json_object_get_array_member (root, "groups");
  g_assert_cmpuint (json_array_get_length (groups), ==, 1);
  group = json_array_get_object_element (groups, 0);
  g_assert_cmpstr (member_string (group, "id"), ==, "spearhead");
  g_assert_cmpstr (member_string (group, "name"), ==, "Spearhead Group");
  g_assert_cmpint (member_int (group, "members"), ==, 2);

  g_assert_cmpstr (member_string (root, "periods.deaths.month.first"), ==, "2007-05");
  g_assert_cmpstr (member_string (root, "periods.deaths.month.last"), ==, "2007-07");
  g_assert_cmpint (member_int (root, "periods.deaths.month.count"), ==, 3);
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (
                      json_object_get_object_member (root, "periods"), "deaths")), ==, 1);
  g_assert_cmpstr (member_string (root, "periods.population.year.first"), ==, "2006");
  g_assert_cmpint (member_int (root, "periods.population.year.count"), ==, 1);
  g_assert_cmpstr (member_string (root, "periods.births.year.last"), ==, "2006");
  g_assert_cmpstr (member_string (root, "periods.births.quarter.first"), ==, "2007-Q1");
  g_assert_cmpint (member_int (root, "periods.births.quarter.count"), ==, 1);
  g_assert_cmpstr (member_string (root, "periods.indicator_values.pooled.first"), ==, "2003-2005");
  g_assert_cmpstr (member_string (root, "periods.indicator_values.pooled.last"), ==, "2004-2006");
  g_assert_cmpint (member_int (root, "periods.indicator_values.pooled.count"), ==, 2);

  cli_run_clear (&run);
}

static void
test_summary_mixed (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *rejected;
  JsonArray *imports, *errors;
  CliRun run;

  /* The rejected file in the middle adds nothing; the files after it still
   * import, and later.xml still sees base.xml's areas. */
  cli_run (&run, "summary", "--format=json", "base.xml", "invalid.xml", "later.xml", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, INVALID_ERROR "\n");
  root = parse_json (run.out, parser);

  imports = json_object_get_array_member (root, "imports");
  g_assert_cmpuint (json_array_get_length (imports), ==, 2);
  g_assert_cmpstr (member_string (json_array_get_object_element (imports, 0), "id"), ==, "cli-base");
  g_assert_cmpstr (member_string (json_array_get_object_element (imports, 1), "id"), ==, "cli-later");

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "rejected")), ==, 1);
  rejected = json_array_get_object_element (json_object_get_array_member (root, "rejected"), 0);
  g_assert_cmpstr (member_string (rejected, "file"), ==, "invalid.xml");
  errors = json_object_get_array_member (rejected, "errors");
  g_assert_cmpuint (json_array_get_length (errors), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (errors, 0), ==, INVALID_ERROR);

  /* Nothing of invalid.xml: not its area, not its deaths. */
  g_assert_cmpint (member_int (root, "areas"), ==, 4);
  g_assert_cmpint (member_int (root, "counts.deaths"), ==, 6);
  g_assert_cmpint (member_int (root, "counts.births"), ==, 3);

  cli_run_clear (&run);
}

static void
test_summary_missing (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *rejected;
  JsonArray *errors;
  CliRun run;

  cli_run (&run, "summary", "--format", "json", "no-such-file.xml", "base.xml", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "no-such-file.xml: "));
  root = parse_json (run.out, parser);

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "imports")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "rejected")), ==, 1);
  rejected = json_array_get_object_element (json_object_get_array_member (root, "rejected"), 0);
  g_assert_cmpstr (member_string (rejected, "file"), ==, "no-such-file.xml");
  errors = json_object_get_array_member (rejected, "errors");
  g_assert_cmpuint (json_array_get_length (errors), ==, 1);
  g_assert_true (g_str_has_prefix (json_array_get_string_element (errors, 0), "no-such-file.xml: "));
  g_assert_cmpint (member_int (root, "counts.deaths"), ==, 5);

  cli_run_clear (&run);
}

static void
test_summary_text (void)
{
  CliRun run;

  cli_run (&run, "summary", "base.xml", "later.xml", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_str_has_prefix (run.out, "Imports\n"));
  /* The imports table: id, generated, records, revisions, warnings, file,
   * numbers right-aligned under their headings. */
  g_assert_nonnull (strstr (run.out,
                            "  ID         Generated             Records  Revisions  Warnings  File\n"
                            "  cli-base   2007-07-12T08:30:00Z       14          0         1  base.xml\n"
                            "  cli-later  2007-08-10T09:00:00Z        4          1         0  later.xml\n"));
  g_assert_nonnull (strstr (run.out, "\n  Deaths            6\n"));
  g_assert_nonnull (strstr (run.out, "\n  Indicator values  4\n"));
  g_assert_nonnull (strstr (run.out, "\n  spearhead  Spearhead Group        2\n"));
  g_assert_nonnull (strstr (run.out, "\n  Births            quarter  2007-Q1    2007-Q1        1\n"));
  g_assert_null (strstr (run.out, "Rejected"));
  cli_run_clear (&run);

  cli_run (&run, "summary", "invalid.xml", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "Rejected (errors on standard error)\n  invalid.xml  1 error\n"));
  cli_run_clear (&run);
}

/* Reads a reference CSV of tests/data/methods into rows of fields (quotes
 * stripped), header first. */
static GPtrArray *
read_csv (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "methods", name, NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (g_strstrip (text), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      GStrv f = g_strsplit (g_strstrip (lines[i]), ",", -1);

      for (guint k = 0; f[k] != NULL; k++)
        if (f[k][0] == '"')
          {
            memmove (f[k], f[k] + 1, strlen (f[k]));
            f[k][strlen (f[k]) - 1] = '\0';
          }
      g_ptr_array_add (rows, f);
    }
  return rows;
}

/* The reference life table input as an export, run through
 * `gapwatch-cli indicators`, gives the R output's e0 and e65 with both
 * levels of limits (le_df1_R_output_95_998.csv) to 1e-6 years. */
static void
test_indicators_le_df1 (void)
{
  static const char *const bands[20] = {
    "0", "1-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49",
    "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+",
  };
  g_autoptr(GPtrArray) input = read_csv ("le_df1_input.csv");
  g_autoptr(GPtrArray) expected = read_csv ("le_df1_R_output_95_998.csv");
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autofree char *dir = g_dir_make_tmp ("gw-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "df1.xml", NULL);
  const char *ages[2] = { "0", "65" }, *ids[2] = { "le-birth", "le-65" };

  g_assert_cmpuint (input->len, ==, 21);
  g_string_append (xml, "<?xml version=\"1.0\"?>\n<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\" "
                        "id=\"df1\" generated=\"2007-01-01T00:00:00Z\">\n"
                        "  <areas><area code=\"E92000001\" name=\"England\" type=\"country\"/>"
                        "<area code=\"X1\" name=\"df1\" type=\"ua\"/></areas>\n  <population period=\"2006\">\n");
  for (guint i = 1; i < input->len; i++)
    g_string_append_printf (xml, "    <c area=\"X1\" sex=\"p\" age=\"%s\" n=\"%s\"/>\n",
                            bands[i - 1], ((GStrv) g_ptr_array_index (input, i))[1]);
  g_string_append (xml, "  </population>\n  <deaths period=\"2006\">\n");
  for (guint i = 1; i < input->len; i++)
    g_string_append_printf (xml, "    <c area=\"X1\" sex=\"p\" age=\"%s\" n=\"%s\"/>\n",
                            bands[i - 1], ((GStrv) g_ptr_array_index (input, i))[2]);
  g_string_append (xml, "  </deaths>\n</export>\n");
  g_assert_true (g_file_set_contents (path, xml->str, -1, NULL));

  for (guint k = 0; k < 2; k++)
    {
      CliRun run;
      g_auto(GStrv) lines = NULL;
      g_auto(GStrv) f = NULL;
      GStrv ref = NULL;

      cli_run (&run, "indicators", "--indicator", ids[k], "--area", "X1", "--format", "csv", path, NULL);
      g_assert_cmpint (run.status, ==, 0);
      lines = g_strsplit (g_strstrip (run.out), "\n", -1);
      g_assert_cmpstr (lines[0], ==, "indicator,area_code,area_name,sex,period,value,lower95,upper95,"
                                     "lower998,upper998,source,compared_to_england,note");
      g_assert_cmpuint (g_strv_length (lines), ==, 2);
      f = g_strsplit (lines[1], ",", -1);
      g_assert_cmpstr (f[0], ==, ids[k]);
      g_assert_cmpstr (f[1], ==, "X1");
      g_assert_cmpstr (f[3], ==, "p");
      g_assert_cmpstr (f[4], ==, "2006");
      g_assert_cmpstr (f[10], ==, "computed");
      g_assert_cmpstr (f[12], ==, "");
      for (guint i = 1; i < expected->len; i++)
        if (g_str_equal (((GStrv) g_ptr_array_index (expected, i))[0], ages[k]))
          ref = g_ptr_array_index (expected, i);
      g_assert_nonnull (ref);
      /* R: value, lower95, lower998, upper95, upper998; CLI: value, lower95, upper95, lower998, upper998 */
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (f[5], NULL), g_ascii_strtod (ref[1], NULL), 1e-6);
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (f[6], NULL), g_ascii_strtod (ref[2], NULL), 1e-6);
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (f[7], NULL), g_ascii_strtod (ref[4], NULL), 1e-6);
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (f[8], NULL), g_ascii_strtod (ref[3], NULL), 1e-6);
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (f[9], NULL), g_ascii_strtod (ref[5], NULL), 1e-6);
      cli_run_clear (&run);
    }
  g_unlink (path);
  g_rmdir (dir);
}

/* The folder of a shared tracker fixture with its expected.csv and
 * summary.txt read; NULL (the test skipped) when the shared data is not
 * there. */
static char *
tracker_fixture (const char  *name,
                 char       **expected,
                 char       **summary)
{
  const char *shared = g_getenv ("GW_SHARED_DIR");
  g_autofree char *dir = NULL, *expected_path = NULL, *summary_path = NULL;

  if (shared == NULL)
    {
      g_test_skip ("GW_SHARED_DIR is not set");
      return NULL;
    }
  dir = g_build_filename (shared, "data", "fixtures", name, NULL);
  expected_path = g_build_filename (dir, "expected.csv", NULL);
  summary_path = g_build_filename (dir, "summary.txt", NULL);
  if (!g_file_get_contents (expected_path, expected, NULL, NULL)
      || !g_file_get_contents (summary_path, summary, NULL, NULL))
    {
      g_test_skip_printf ("no %s fixture", name);
      return NULL;
    }
  return g_steal_pointer (&dir);
}

/* The columns issue 13 appended to the 13 of expected.csv (tracker-70). */
#define TRACK_NEW_COLUMNS \
  "latest_gap_lower95,latest_gap_upper95,change_pp,projected_lower95,projected_upper95,certainty,reason"

/* `gapwatch-cli track` on the 70-area fixture prints expected.csv exactly
 * in its 13 columns (numbers to 4 decimals), then the seven columns of
 * issue 13, and the summary line, in both orders. */
static void
test_track_fixture (void)
{
  g_autofree char *dir = NULL, *a = NULL, *b = NULL, *expected = NULL, *summary = NULL;
  CliRun run;

  if ((dir = tracker_fixture ("tracker-70", &expected, &summary)) == NULL)
    return;
  a = g_build_filename (dir, "le-a.xml", NULL);
  b = g_build_filename (dir, "le-b-revision.xml", NULL);

  cli_run (&run, "track", a, b, NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_auto(GStrv) want = g_strsplit (g_strstrip (expected), "\n", -1);
    g_auto(GStrv) got = g_strsplit (g_strstrip (run.out), "\n", -1);
    g_autofree char *header = g_strconcat (want[0], ",", TRACK_NEW_COLUMNS, NULL);

    g_assert_cmpuint (g_strv_length (got), ==, g_strv_length (want));
    g_assert_cmpstr (got[0], ==, header);
    for (guint i = 1; want[i] != NULL; i++)
      {
        /* the first 13 fields hold no comma; the reason after them may */
        g_auto(GStrv) f = g_strsplit (got[i], ",", 14);
        g_autofree char *first = NULL;

        g_assert_cmpuint (g_strv_length (f), ==, 14);
        g_free (f[13]);
        f[13] = NULL;
        first = g_strjoinv (",", f);
        g_assert_cmpstr (first, ==, want[i]);
      }
  }
  cli_run_clear (&run);

  cli_run (&run, "track", "--summary", b, a, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, summary);
  cli_run_clear (&run);

  cli_run (&run, "track", "--method", "sideways", a, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--method must be linear, latest or holt"));
  cli_run_clear (&run);
}


/* Reads one RFC 4180 CSV record of `track` (quoted fields with commas and
 * doubled quotes). */
static GStrv
split_csv (const char *line)
{
  g_autoptr(GStrvBuilder) fields = g_strv_builder_new ();
  g_autoptr(GString) field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = line;; p++)
    {
      if (quoted && *p == '"' && p[1] == '"')
        {
          g_string_append_c (field, '"');
          p++;
        }
      else if (*p == '"')
        quoted = !quoted;
      else if ((*p == ',' && !quoted) || *p == '\0')
        {
          g_strv_builder_add (fields, field->str);
          g_string_truncate (field, 0);
          if (*p == '\0')
            break;
        }
      else
        g_string_append_c (field, *p);
    }
  return g_strv_builder_end (fields);
}

static guint
column_index (GStrv header, const char *name)
{
  for (guint i = 0; header[i] != NULL; i++)
    if (g_str_equal (header[i], name))
      return i;
  g_error ("no column %s", name);
}

/* The verdict fixture through `gapwatch-cli track`: every column of
 * expected.csv (numbers to 1e-3, text exactly) in the CSV, the reason
 * sentences, the JSON's rows and summary (uncertain counted), and the
 * --summary line exactly as before issue 13. */
static void
test_track_verdict (void)
{
  g_autofree char *dir = NULL, *le = NULL, *expected = NULL, *summary = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GStrv) want = NULL;
  g_auto(GStrv) got = NULL;
  g_auto(GStrv) want_header = NULL;
  g_auto(GStrv) got_header = NULL;
  g_autoptr(GHashTable) uncertain_areas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonObject *root;
  JsonArray *rows;
  CliRun run;

  if ((dir = tracker_fixture ("verdict-40", &expected, &summary)) == NULL)
    return;
  le = g_build_filename (dir, "le.xml", NULL);

  cli_run (&run, "track", le, NULL);
  g_assert_cmpint (run.status, ==, 0);
  want = g_strsplit (g_strstrip (expected), "\n", -1);
  got = g_strsplit (g_strstrip (run.out), "\n", -1);
  want_header = g_strsplit (want[0], ",", -1);
  got_header = split_csv (got[0]);
  g_assert_cmpstr (got[0], ==, "area_code,area_name,sex,baseline_period,baseline_gap,latest_period,latest_gap,"
                               "change_since_baseline,target_gap,trajectory_gap,projected_gap,required_narrowing,"
                               "status," TRACK_NEW_COLUMNS);
  /* the group's two rows (no values in this export) come first */
  g_assert_cmpuint (g_strv_length (got), ==, g_strv_length (want) + 2);
  for (guint i = 1; want[i] != NULL; i++)
    {
      g_auto(GStrv) w = g_strsplit (want[i], ",", -1);
      g_auto(GStrv) g = split_csv (got[i + 2]);
      const char *status = g[column_index (got_header, "status")];
      const char *reason = g[column_index (got_header, "reason")];

      g_assert_cmpuint (g_strv_length (g), ==, g_strv_length (got_header));
      for (guint c = 0; want_header[c] != NULL; c++)
        {
          const char *name = want_header[c];
          const char *cell = g[column_index (got_header, name)];

          if (g_str_equal (name, "area_code") || g_str_equal (name, "area_name") || g_str_equal (name, "sex")
              || g_str_equal (name, "latest_period") || g_str_equal (name, "status")
              || g_str_equal (name, "certainty"))
            g_assert_cmpstr (cell, ==, w[c]);
          else if (w[c][0] == '\0' || cell[0] == '\0')
            g_assert_cmpstr (cell, ==, w[c]);
          else if (fabs (g_ascii_strtod (cell, NULL) - g_ascii_strtod (w[c], NULL)) > 1e-3)
            g_error ("%s of %s %s: expected %s, got %s", name, w[0], w[2], w[c], cell);
        }
      /* the reason starts with what the status says */
      if (g_str_equal (status, "no-gap"))
        g_assert_true (g_str_has_prefix (reason, "no gap: no worse than England in 1995-1997"));
      else if (g_str_equal (status, "on-track"))
        g_assert_true (g_str_has_prefix (reason, "on track: the trend since 1995-1997 projects"));
      else
        g_assert_true (g_str_has_prefix (reason, "off track: ") || g_str_has_prefix (reason, "the gap has opened: "));
      if (g_str_equal (g[column_index (got_header, "certainty")], "uncertain"))
        {
          g_assert_nonnull (strstr (reason, "too close to call: the target lies inside the projection’s 95% interval"));
          g_hash_table_add (uncertain_areas, g_strdup (w[0]));
        }
    }
  /* Verdict area 02, men: better than England at baseline, worse now */
  g_assert_nonnull (strstr (run.out, "E07000001,Verdict area 02,m,1995-1997,-0.7239,2004-2006,0.2849,,0.0000,"
                                     "-0.2585,0.4437,100.0000,off-track,-0.7015,1.2714,1.0088,-0.1479,1.0352,"
                                     "uncertain,\"the gap has opened: no worse than England in 1995-1997 (-0.7%), "
                                     "now worse (0.3% in 2004-2006); the target is to be no worse again by "
                                     "2009-2011; too close to call: the target lies inside the projection’s 95% "
                                     "interval (-0.1% to 1.0%)\"\n"));
  cli_run_clear (&run);

  cli_run (&run, "track", "--summary", le, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, summary);
  cli_run_clear (&run);

  cli_run (&run, "track", "--format", "json", le, NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out, parser);
  rows = json_object_get_array_member (root, "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, g_strv_length (want) + 1);
  {
    JsonObject *r = json_array_get_object_element (rows, 4);   /* Verdict area 02, m */

    g_assert_cmpstr (json_object_get_string_member (r, "area_code"), ==, "E07000001");
    g_assert_cmpstr (json_object_get_string_member (r, "certainty"), ==, "uncertain");
    g_assert_true (json_object_get_null_member (r, "change_since_baseline"));
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (r, "change_pp"), 1.0088, 1e-3);
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (r, "projected_lower95"), -0.1479, 1e-3);
    g_assert_true (g_str_has_prefix (json_object_get_string_member (r, "reason"), "the gap has opened"));
  }
  {
    g_autofree char *line = g_strdup_printf ("both=%" G_GINT64_FORMAT " men-only=%" G_GINT64_FORMAT
                                             " women-only=%" G_GINT64_FORMAT " neither=%" G_GINT64_FORMAT
                                             " insufficient-data=%" G_GINT64_FORMAT "\n",
                                             member_int (root, "summary.both"), member_int (root, "summary.men-only"),
                                             member_int (root, "summary.women-only"),
                                             member_int (root, "summary.neither"),
                                             member_int (root, "summary.insufficient-data"));

    g_assert_cmpstr (line, ==, summary);
  }
  /* an area counts once however many of its sexes are uncertain */
  g_assert_cmpint (member_int (root, "summary.uncertain"), ==, g_hash_table_size (uncertain_areas));
  g_assert_cmpint (member_int (root, "summary.uncertain"), >, 0);
  cli_run_clear (&run);
}

/* A German locale (decimal comma) compiled into a folder of the test's
 * own with localedef, so that no system locale needs installing: Debian's
 * package `locales` has the sources (build-aux/setup installs it). */
static char *
make_german_locale (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gapwatch-locale-XXXXXX", &error);
  g_autofree char *target = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "localedef", "-i", "de_DE", "-f", "UTF-8", NULL, NULL };
  int status = 0;

  g_assert_no_error (error);
  /* glibc looks for the normalised codeset name */
  target = g_build_filename (dir, "de_DE.utf8", NULL);
  argv[5] = target;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("localedef could not make de_DE.UTF-8 (is Debian's package locales installed?): %s", err);
  return g_steal_pointer (&dir);
}


/* Areas, populations and deaths of the bundled samples: enough to compute
 * life expectancy and track the 2010 target. */
static const char *const sample_names[] = {
  "01-areas.xml", "02-population-1993-2007.xml.gz", "04-deaths-1993-2006.xml.gz",
};

static char *
sample (guint i)
{
  const char *samples = g_getenv ("GW_SAMPLES_DIR");

  g_assert_nonnull (samples);
  g_assert_cmpuint (i, <, G_N_ELEMENTS (sample_names));
  return g_build_filename (samples, sample_names[i], NULL);
}

/* Numbers are written in the C locale whatever LC_NUMERIC says: track and
 * indicators, CSV and JSON, are byte for byte the same under de_DE.UTF-8
 * (decimal comma) as under C.  (Before the one writer, track wrote
 * "2,7205" and indicators' JSON 70.0 for 70.2764.) */
static void
test_locale_numbers (void)
{
  g_autofree char *locales = make_german_locale ();
  g_autofree char *s0 = sample (0), *s1 = sample (1), *s2 = sample (2);
  const char *formats[] = { "csv", "json" };

  for (guint k = 0; k < G_N_ELEMENTS (formats); k++)
    {
      CliRun c, de;

      cli_locale = "C.UTF-8";
      cli_locpath = NULL;
      cli_run (&c, "track", "--format", formats[k], "--target", "le-2010", s0, s1, s2, NULL);
      cli_locale = "de_DE.UTF-8";
      cli_locpath = locales;
      cli_run (&de, "track", "--format", formats[k], s0, s1, s2, NULL);
      g_assert_cmpint (c.status, ==, 0);
      g_assert_cmpint (de.status, ==, 0);
      g_assert_cmpstr (de.out, ==, c.out);
      g_assert_null (strstr (c.out, "2,7"));
      cli_run_clear (&c);
      cli_run_clear (&de);

      cli_locale = "C.UTF-8";
      cli_locpath = NULL;
      cli_run (&c, "indicators", "--format", formats[k], "--area", "E06000001", s0, s1, s2, NULL);
      cli_locale = "de_DE.UTF-8";
      cli_locpath = locales;
      cli_run (&de, "indicators", "--format", formats[k], "--area", "E06000001", s0, s1, s2, NULL);
      g_assert_cmpint (c.status, ==, 0);
      g_assert_cmpint (de.status, ==, 0);
      g_assert_cmpstr (de.out, ==, c.out);
      cli_run_clear (&c);
      cli_run_clear (&de);
    }
  cli_locale = "C.UTF-8";
  cli_locpath = NULL;
  remove_tree (locales);
}

/* JSON numbers are the computed doubles exactly: each parses back to the
 * value the CSV rounds (to 12 significant digits there). */
static void
test_json_exact (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *s0 = sample (0), *s1 = sample (1), *s2 = sample (2);
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) f = NULL;
  JsonArray *rows;
  JsonObject *first;
  CliRun csv, json;

  cli_run (&csv, "indicators", "--indicator", "le-birth", "--area", "E06000001", "--period", "1993",
           s0, s1, s2, NULL);
  cli_run (&json, "indicators", "--format", "json", "--indicator", "le-birth", "--area", "E06000001",
           "--period", "1993", s0, s1, s2, NULL);
  g_assert_cmpint (csv.status, ==, 0);
  g_assert_cmpint (json.status, ==, 0);
  json_parser_load_from_data (parser, json.out, -1, &error);
  g_assert_no_error (error);
  rows = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (rows), ==, 3);
  first = json_array_get_object_element (rows, 0);
  lines = g_strsplit (csv.out, "\n", -1);
  f = g_strsplit (lines[1], ",", -1);
  /* the CSV's 12 digits are the JSON's value rounded, not a different number */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (first, "value"),
                                  g_ascii_strtod (f[5], NULL), 1e-9);
  g_assert_cmpfloat (json_object_get_double_member (first, "value"), >, 60.0);
  cli_run_clear (&csv);
  cli_run_clear (&json);
}

/* Data that cannot be written (a full disk) is an error: exit 1 and a
 * message, never a silent 0. */
static void
test_write_error (void)
{
  g_autofree char *s0 = sample (0), *s1 = sample (1), *s2 = sample (2);
  const char *commands[] = { "track", "indicators", "summary", "targets list" };

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full");
      return;
    }
  for (guint k = 0; k < G_N_ELEMENTS (commands); k++)
    {
      gboolean files = k < 3;
      g_autofree char *script = g_strdup_printf ("exec \"$0\" %s %s > /dev/full", commands[k],
                                                 files ? "\"$@\"" : "");
      const char *argv[] = { "/bin/sh", "-c", script, GW_CLI_PATH, s0, s1, s2, NULL };
      g_autofree char *err = NULL;
      g_autoptr(GError) error = NULL;
      int status = 0;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                   NULL, &err, &status, &error));
      g_assert_no_error (error);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 1);
      g_assert_nonnull (strstr (err, "could not write to standard output: No space left on device"));
    }
}

/* A target added to a workspace is listed, tracked by `track --target`, can
 * be refused, and removed. */
static void
test_targets (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gapwatch-targets-XXXXXX", &error);
  g_autofree char *ws = g_build_filename (dir, "team.gwdb", NULL);
  g_autofree char *base = g_test_build_filename (G_TEST_DIST, "data", "cli", "base.xml", NULL);
  g_autofree char *s0 = sample (0), *s1 = sample (1), *s2 = sample (2);
  CliRun run;

  cli_run (&run, "targets", "add", "--workspace", ws, "--id", "le-half", "--name", "Halve the gap",
           "--indicator", "le-birth", "--subject", "group:spearhead", "--baseline", "1995-1997",
           "--target", "2009-2011", "--reduction", "50", "--method", "linear", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_run_clear (&run);

  cli_run (&run, "targets", "list", "--workspace", ws, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "id,name,indicator,subject,comparator,gap,baseline,target,"
                                            "reduction,sexes,method,polarity,built_in,measure\n"));
  g_assert_nonnull (strstr (run.out, "\nle-half,Halve the gap,le-birth,group:spearhead,,relative,"
                                     "1995-1997,2009-2011,50,\"m,f\",linear,,no,gap\n"));
  cli_run_clear (&run);

  /* tracked from the workspace's targets: halving the gap puts more areas
   * off track than the built-in 10% */
  cli_run (&run, "track", "--workspace", ws, "--target", "le-half", "--summary", s0, s1, s2, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "both="));
  {
    CliRun builtin;
    guint both_half = 0, both_10 = 0;

    cli_run (&builtin, "track", "--workspace", ws, "--summary", s0, s1, s2, NULL);
    g_assert_cmpint (sscanf (run.out, "both=%u", &both_half), ==, 1);
    g_assert_cmpint (sscanf (builtin.out, "both=%u", &both_10), ==, 1);
    g_assert_cmpuint (both_half, <, both_10);
    cli_run_clear (&builtin);
  }
  cli_run_clear (&run);

  /* refusals */
  cli_run (&run, "targets", "add", "--workspace", ws, "--id", "le-2010", "--indicator", "le-birth",
           "--baseline", "1995-1997", "--target", "2009-2011", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "“le-2010” is a built-in target"));
  cli_run_clear (&run);
  cli_run (&run, "targets", "add", "--workspace", ws, "--id", "x", "--indicator", "le-birth",
           "--baseline", "2009-2011", "--target", "1995-1997", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "The target period must come after the baseline"));
  cli_run_clear (&run);
  cli_run (&run, "targets", "add", "--workspace", ws, "--id", "x", "--indicator", "le-birth",
           "--subject", "county:Z", "--baseline", "1995-1997", "--target", "2009-2011", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--subject must be group:ID, members:ID or area:CODE"));
  cli_run_clear (&run);
  cli_run (&run, "track", "--workspace", ws, "--target", "nope", base, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "unknown target “nope” (known: le-2010, imr-2010, le-half)"));
  cli_run_clear (&run);

  cli_run (&run, "targets", "remove", "--workspace", ws, "--id", "le-half", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_run_clear (&run);
  cli_run (&run, "targets", "list", "--workspace", ws, NULL);
  g_assert_null (strstr (run.out, "le-half"));
  cli_run_clear (&run);
  cli_run (&run, "targets", "remove", "--workspace", ws, "--id", "le-half", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "No target “le-half” in the workspace"));
  cli_run_clear (&run);

  remove_tree (dir);
}

/* --- sii ----------------------------------------------------------------- */

#define SII_HEADER "indicator,area_code,area_name,sex,period,quantiles,sii,sii_lower95,sii_upper95," \
                   "sii_lower998,sii_upper998,rii,rii_lower95,rii_upper95,rii_lower998,rii_upper998"

/* The CSV row of area (code or group id) and sex, split; NULL if none. */
static GStrv
sii_row (const char *csv, const char *area, const char *sex)
{
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);

  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) fields = gw_test_csv_split_line (lines[i]);

      g_assert_cmpuint (g_strv_length (fields), ==, 16);
      if (g_str_equal (fields[1], area) && g_str_equal (fields[3], sex))
        return g_steal_pointer (&fields);
    }
  return NULL;
}

/* A target on the SII: added with --measure sii, listed, tracked by `track
 * --target` in the tracker's columns, its baseline "gap" the SII `sii`
 * gives for the baseline period; refused with a comparator or another
 * indicator. */
static void
test_targets_sii (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gapwatch-targets-sii-XXXXXX", &error);
  g_autofree char *ws = g_build_filename (dir, "team.gwdb", NULL);
  g_autofree char *path = sii_test_write_export (dir);
  g_auto(GStrv) lines = NULL, sii = NULL;
  gboolean seen_ua1 = FALSE, seen_ua3 = FALSE;
  CliRun run;

  cli_run (&run, "targets", "add", "--workspace", ws, "--id", "sii-quarter", "--name", "Narrow the SII",
           "--indicator", "le-birth", "--subject", "group:g1", "--baseline", "2015", "--target", "2020",
           "--reduction", "25", "--measure", "sii", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_run_clear (&run);
  cli_run (&run, "targets", "list", "--workspace", ws, NULL);
  g_assert_nonnull (strstr (run.out, "\nsii-quarter,Narrow the SII,le-birth,group:g1,,absolute,"
                                     "2015,2020,25,\"m,f\",linear,,no,sii\n"));
  cli_run_clear (&run);

  /* the reference: the SII of 2015 by `sii`, the same defaults */
  cli_run (&run, "sii", "--area", "E06000001", "--sex", "m", "--period", "2015", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  sii = sii_row (run.out, "E06000001", "m");
  g_assert_nonnull (sii);
  cli_run_clear (&run);

  cli_run (&run, "track", "--workspace", ws, "--target", "sii-quarter", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "area_code,area_name,sex,baseline_period,baseline_gap,latest_period,latest_gap,"
                                 "change_since_baseline,target_gap,trajectory_gap,projected_gap,required_narrowing,"
                                 "status,latest_gap_lower95,latest_gap_upper95,change_pp,projected_lower95,"
                                 "projected_upper95,certainty,reason");
  /* the group and its two members, men and women */
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 6 + 1);
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) f = gw_test_csv_split_line (lines[i]);
      double g0, gt;

      g_assert_cmpuint (g_strv_length (f), ==, 20);
      g_assert_cmpstr (f[3], ==, "2015");
      g_assert_cmpstr (f[5], ==, "2018");
      g0 = g_ascii_strtod (f[4], NULL);
      gt = g_ascii_strtod (f[8], NULL);
      g_assert_cmpfloat (g0, >, 5.0);
      /* 4 decimals of (1 - 0.25) G0 */
      g_assert_cmpfloat (fabs (gt - 0.75 * g0), <=, 0.75e-4 + 0.5e-4);
      if (g_str_equal (f[0], "E06000001") && g_str_equal (f[2], "m"))
        {
          char expected[G_ASCII_DTOSTR_BUF_SIZE];

          seen_ua1 = TRUE;
          g_ascii_formatd (expected, sizeof expected, "%.4f", g_ascii_strtod (sii[6], NULL));
          g_assert_cmpstr (f[4], ==, expected);
          g_assert_cmpstr (f[12], ==, "off-track");
          g_assert_true (g_str_has_prefix (f[19], "off track: the trend since 2015 projects "));
        }
    }
  g_assert_true (seen_ua1);
  cli_run_clear (&run);

  /* the report's figure tables: the SII is within the area, so no
   * comparator's column, and the value column says it is the SII */
  {
    g_autofree char *pdf = g_build_filename (dir, "sii.pdf", NULL);
    g_autofree char *text = NULL;
    const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "1", pdf, "-", NULL };

    cli_run (&run, "report", "--workspace", ws, "--target", "sii-quarter", "--out", pdf, path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    cli_run_clear (&run);
    if (g_find_program_in_path ("pdftotext") == NULL)
      g_test_message ("no pdftotext: the report's table not read back");
    else
      {
        g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                                     NULL, NULL, &text, NULL, NULL, &error));
        g_assert_no_error (error);
        /* pdftotext reads a table a cell at a time, the headings wrapped;
         * the comparator's cells were "–" */
        g_assert_nonnull (strstr (text, "\nSII\n(years)\n\nSII at\nbaseline\n2015\n"));
        g_assert_null (strstr (text, "\nValue\n"));
        g_assert_null (strstr (text, "\n–\n"));
      }
  }

  /* an area without decile 7: insufficient data, saying why */
  cli_run (&run, "targets", "add", "--workspace", ws, "--id", "sii-ua3", "--indicator", "le-birth",
           "--subject", "area:E06000003", "--baseline", "2015", "--target", "2020", "--measure", "sii",
           "--sexes", "f", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_run_clear (&run);
  cli_run (&run, "track", "--workspace", ws, "--target", "sii-ua3", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_clear_pointer (&lines, g_strfreev);
  lines = g_strsplit (run.out, "\n", -1);
  {
    g_auto(GStrv) f = gw_test_csv_split_line (lines[1]);

    seen_ua3 = TRUE;
    g_assert_cmpstr (f[0], ==, "E06000003");
    g_assert_cmpstr (f[4], ==, "");
    g_assert_cmpstr (f[12], ==, "insufficient-data");
    g_assert_cmpstr (f[19], ==, "insufficient data: no SII for the baseline period 2015: "
                                "Decile 7 has no small areas with deaths and populations for 2015");
  }
  g_assert_true (seen_ua3);
  cli_run_clear (&run);

  /* refusals */
  cli_run (&run, "targets", "add", "--workspace", ws, "--id", "x", "--indicator", "le-birth", "--baseline", "2015",
           "--target", "2020", "--measure", "sii", "--comparator", "E06000001", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--measure sii takes no --comparator and no relative --gap: the SII is in years"));
  cli_run_clear (&run);
  cli_run (&run, "targets", "add", "--workspace", ws, "--id", "x", "--indicator", "imr", "--baseline", "2015",
           "--target", "2020", "--measure", "sii", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--measure sii needs --indicator le-birth or le-65, not “imr”"));
  cli_run_clear (&run);
  cli_run (&run, "targets", "add", "--workspace", ws, "--id", "x", "--indicator", "le-birth", "--baseline", "2015",
           "--target", "2020", "--measure", "slope", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--measure must be gap or sii, not “slope”"));
  cli_run_clear (&run);
  cli_run (&run, "track", "--workspace", ws, "--target", "sii-quarter", "--comparator", "E06000002", path, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--comparator and --gap do not apply to “sii-quarter”, a target on the SII"));
  cli_run_clear (&run);

  remove_tree (dir);
}

/* Every area with LSOAs and the group, both sexes, the latest three years;
 * the areas without every decile get empty rows and one note. */
static void
test_sii_csv (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gapwatch-sii-XXXXXX", &error);
  g_autofree char *path = sii_test_write_export (dir);
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) full = NULL, empty = NULL;
  const char *p;
  guint named = 0;
  CliRun run;

  cli_run (&run, "sii", "--repetitions", "2000", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, SII_HEADER);
  /* England, the region, four UAs and the group, men and women */
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 7 * 2 + 1);
  g_assert_true (g_str_has_prefix (lines[1], "le-birth,E92000001,England,m,2016-2018,9,,"));

  full = sii_row (run.out, "E06000001", "f");
  g_assert_nonnull (full);
  g_assert_cmpstr (full[2], ==, "Unitary, 1");
  g_assert_cmpstr (full[4], ==, "2016-2018");
  g_assert_cmpstr (full[5], ==, "10");
  g_assert_cmpfloat (g_ascii_strtod (full[7], NULL), <, g_ascii_strtod (full[6], NULL));
  g_assert_cmpfloat (g_ascii_strtod (full[6], NULL), <, g_ascii_strtod (full[8], NULL));
  g_assert_cmpfloat (g_ascii_strtod (full[6], NULL), >, 5.0);
  g_assert_cmpfloat (g_ascii_strtod (full[11], NULL), >, 1.0);
  {
    g_auto(GStrv) group = sii_row (run.out, "g1", "m");

    g_assert_nonnull (group);
    g_assert_cmpstr (group[2], ==, "Group one");
  }

  /* no decile 7: the row, without values */
  empty = sii_row (run.out, "E06000003", "m");
  g_assert_nonnull (empty);
  g_assert_cmpstr (empty[5], ==, "9");
  for (guint c = 6; c < 16; c++)
    g_assert_cmpstr (empty[c], ==, "");

  /* one note, each area named once although both its sexes have no value */
  g_assert_cmpstr (run.err, ==, "gapwatch-cli sii: not every deprivation decile has small areas with deaths "
                                "and populations for 2016-2018, so there is no SII for: E92000001, "
                                "E12000001, E06000003, E06000004\n");
  for (p = run.err; (p = strstr (p, "E06000003")) != NULL; p++)
    named++;
  g_assert_cmpuint (named, ==, 1);
  cli_run_clear (&run);

  /* an earlier period: every LSOA has its deaths, England has a value */
  cli_run (&run, "sii", "--repetitions", "2000", "--period", "2015-2017", "--area", "E92000001",
           "--sex", "m", "--indicator", "le-65", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_clear_pointer (&full, g_strfreev);
  full = sii_row (run.out, "E92000001", "m");
  g_assert_nonnull (full);
  g_assert_cmpstr (full[0], ==, "le-65");
  g_assert_cmpstr (full[4], ==, "2015-2017");
  g_assert_cmpstr (full[5], ==, "10");
  g_assert_cmpstr (full[6], !=, "");
  g_assert_true (g_str_has_prefix (run.out, SII_HEADER "\nle-65,E92000001,"));
  g_assert_cmpuint (strlen (run.out) - 1, ==, strchr (strchr (run.out, '\n') + 1, '\n') - run.out);
  cli_run_clear (&run);

  cli_run (&run, "sii", "--indicator", "imr", path, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--indicator must be le-birth or le-65, not “imr”"));
  cli_run_clear (&run);
  cli_run (&run, "sii", "--repetitions", "999", path, NULL);
  g_assert_cmpint (run.status, ==, 2);
  cli_run_clear (&run);

  remove_tree (dir);
}

/* The same seed, the same bytes; another seed moves the limits, not the SII
 * or the RII; JSON has the exact numbers the CSV rounds. */
static void
test_sii_seed (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gapwatch-sii-XXXXXX", &error);
  g_autofree char *path = sii_test_write_export (dir);
  g_auto(GStrv) a = NULL, c = NULL;
  CliRun run1, run2, run3, json;

#define SII_RUN(run, seed, format) \
  cli_run (run, "sii", "--area", "E06000002", "--sex", "f", "--repetitions", "5000", \
           "--seed", seed, "--format", format, path, NULL)
  SII_RUN (&run1, "7", "csv");
  SII_RUN (&run2, "7", "csv");
  SII_RUN (&run3, "8", "csv");
  SII_RUN (&json, "7", "json");
#undef SII_RUN
  g_assert_cmpint (run1.status, ==, 0);
  g_assert_cmpstr (run1.out, ==, run2.out);

  a = sii_row (run1.out, "E06000002", "f");
  c = sii_row (run3.out, "E06000002", "f");
  g_assert_nonnull (a);
  g_assert_nonnull (c);
  g_assert_cmpstr (a[6], ==, c[6]);     /* sii */
  g_assert_cmpstr (a[11], ==, c[11]);   /* rii */
  for (guint k = 7; k <= 10; k++)
    g_assert_cmpstr (a[k], !=, c[k]);   /* its limits */

  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonArray *rows;
    JsonObject *row;

    json_parser_load_from_data (parser, json.out, -1, &error);
    g_assert_no_error (error);
    rows = json_node_get_array (json_parser_get_root (parser));
    g_assert_cmpuint (json_array_get_length (rows), ==, 1);
    row = json_array_get_object_element (rows, 0);
    g_assert_cmpstr (json_object_get_string_member (row, "area_name"), ==, "Unitary, 2");
    g_assert_cmpint (json_object_get_int_member (row, "quantiles"), ==, 10);
    for (guint k = 6; k < 16; k++)
      {
        const char *const names[] = { "sii", "sii_lower95", "sii_upper95", "sii_lower998", "sii_upper998",
                                      "rii", "rii_lower95", "rii_upper95", "rii_lower998", "rii_upper998" };
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        g_ascii_formatd (buf, sizeof buf, "%.12g", json_object_get_double_member (row, names[k - 6]));
        g_assert_cmpstr (buf, ==, a[k]);
      }
  }

  cli_run_clear (&run1);
  cli_run_clear (&run2);
  cli_run_clear (&run3);
  cli_run_clear (&json);
  remove_tree (dir);
}

/* Columns 6 to 15 (sii to rii_upper998) of the two rows within 1e-6: the
 * published deciles are the counts' to 17 digits, and the same seed draws
 * the same normal variates. */
static void
assert_sii_rows_equal (const char *published, const char *counts, const char *area, const char *sex)
{
  g_auto(GStrv) p = sii_row (published, area, sex);
  g_auto(GStrv) c = sii_row (counts, area, sex);

  g_assert_nonnull (p);
  g_assert_nonnull (c);
  g_assert_cmpstr (p[0], ==, c[0]);
  g_assert_cmpstr (p[4], ==, c[4]);
  g_assert_cmpstr (p[5], ==, "10");
  g_assert_cmpstr (c[5], ==, "10");
  for (guint k = 6; k < 16; k++)
    {
      g_assert_cmpstr (p[k], !=, "");
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (p[k], NULL), g_ascii_strtod (c[k], NULL), 1e-6);
    }
}

/* Issue 15: both inputs give the same SII for the same data.  The LSOA
 * export's counts and sii-published.xml (its deciles' life expectancy,
 * limits and populations, published) through `gapwatch-cli sii` with the
 * same seed; then the same deciles as a Fingertips download with decile
 * categories.  Published-only data lists the areas with published deciles,
 * and names the incomplete one in a note that speaks of published values. */
static void
test_sii_published (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gapwatch-sii-XXXXXX", &error);
  g_autofree char *lsoa = sii_test_write_export (dir);
  g_autofree char *fingertips = g_test_build_filename (G_TEST_DIST, "data", "csv", "fingertips-le-deciles.csv", NULL);
  g_auto(GStrv) lines = NULL, empty = NULL;
  CliRun counts, published, csv, both;

#define SII_RUN(run, ...) \
  cli_run (run, "sii", "--repetitions", "5000", "--seed", "7", __VA_ARGS__, NULL)
  SII_RUN (&counts, lsoa);
  SII_RUN (&published, "sii-published.xml");
#undef SII_RUN
  g_assert_cmpint (counts.status, ==, 0);
  g_assert_cmpint (published.status, ==, 0);

  for (guint i = 0; i < 3; i++)
    {
      const char *const subjects[] = { "E06000001", "E06000002", "g1" };

      assert_sii_rows_equal (published.out, counts.out, subjects[i], "m");
      assert_sii_rows_equal (published.out, counts.out, subjects[i], "f");
    }

  /* the areas with published deciles only, men and women, in area order
   * then the group: England and the region have none */
  lines = g_strsplit (published.out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, SII_HEADER);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 4 * 2 + 1);
  g_assert_true (g_str_has_prefix (lines[1], "le-birth,E06000001,\"Unitary, 1\",m,2016-2018,10,"));
  g_assert_true (g_str_has_prefix (lines[5], "le-birth,E06000003,\"Unitary, 3\",m,2016-2018,9,,"));
  g_assert_true (g_str_has_prefix (lines[7], "le-birth,g1,Group one,m,2016-2018,10,"));
  empty = sii_row (published.out, "E06000003", "f");
  for (guint c = 6; c < 16; c++)
    g_assert_cmpstr (empty[c], ==, "");
  g_assert_cmpstr (published.err, ==, "gapwatch-cli sii: not every deprivation decile has a published value "
                                      "for 2016-2018, so there is no SII for: E06000003\n");
  cli_run_clear (&counts);
  cli_run_clear (&published);

  /* at 65: le-65's published deciles */
#define SII_RUN(run, file) \
  cli_run (run, "sii", "--indicator", "le-65", "--area", "E06000001", "--repetitions", "5000", "--seed", "7", \
           file, NULL)
  SII_RUN (&counts, lsoa);
  SII_RUN (&published, "sii-published.xml");
  g_assert_cmpstr (published.err, ==, "");
  assert_sii_rows_equal (published.out, counts.out, "E06000001", "m");
  assert_sii_rows_equal (published.out, counts.out, "E06000001", "f");
  /* the decile categories of a Fingertips download: the same deciles */
  cli_run_clear (&published);
  cli_run_clear (&counts);
#undef SII_RUN
  cli_run (&counts, "sii", "--area", "E06000001", "--repetitions", "5000", "--seed", "7", lsoa, NULL);
  cli_run (&csv, "sii", "--area", "E06000001", "--repetitions", "5000", "--seed", "7", fingertips, NULL);
  g_assert_cmpint (csv.status, ==, 0);
  g_assert_cmpstr (csv.err, ==, "");
  assert_sii_rows_equal (csv.out, counts.out, "E06000001", "m");
  assert_sii_rows_equal (csv.out, counts.out, "E06000001", "f");
  cli_run_clear (&counts);
  cli_run_clear (&csv);

  /* both inputs: every subject with either; E06000003 has nine deciles of
   * each, so the note speaks of its small areas */
  cli_run (&both, "sii", "--repetitions", "2000", lsoa, "sii-published.xml", NULL);
  g_assert_cmpint (both.status, ==, 0);
  g_assert_cmpstr (both.err, ==, "gapwatch-cli sii: not every deprivation decile has small areas with deaths "
                                 "and populations for 2016-2018, so there is no SII for: E92000001, "
                                 "E12000001, E06000003, E06000004\n");
  cli_run_clear (&both);

  remove_tree (dir);
}

/* --- issue 17: render sizes, --out errors, escaped names ----------------- */

/* The width and height of a PNG, from its IHDR chunk. */
static void
png_size (const char *path,
          guint      *width,
          guint      *height)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  const guchar *p;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_cmpuint (len, >, 24);
  p = (const guchar *) data;
  g_assert_cmpint (memcmp (p + 12, "IHDR", 4), ==, 0);
  *width = (guint) p[16] << 24 | (guint) p[17] << 16 | (guint) p[18] << 8 | p[19];
  *height = (guint) p[20] << 24 | (guint) p[21] << 16 | (guint) p[22] << 8 | p[23];
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The names in dir, sorted, as one string: what a failed write left. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, (gpointer) name);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* Only an absent --width or --height takes the default: 0, 15, 20001 and
 * words are usage errors (before: --width 0 drew the default 1200 pixels
 * and exited 0). */
static void
test_render_size (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gw-cli-render-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "trend.png", NULL);
  const char *bad[][2] = {
    { "--width", "0" }, { "--height", "0" }, { "--width", "15" }, { "--height", "20001" },
    { "--width", "-1" }, { "--width", "wide" }, { "--height", "1e3" },
  };
  guint w = 0, h = 0;
  CliRun run;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *expected = g_strdup_printf ("gapwatch-cli render: %s must be a whole number "
                                                   "from 16 to 20000, not “%s”\n", bad[i][0], bad[i][1]);

      cli_run (&run, "render", "--chart", "trend", "--area", "E06000002", bad[i][0], bad[i][1],
               "--out", png, "base.xml", NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_true (g_str_has_prefix (run.err, expected));
      g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
      cli_run_clear (&run);
    }

  cli_run (&run, "render", "--chart", "trend", "--area", "E06000002", "--out", png, "base.xml", NULL);
  g_assert_cmpint (run.status, ==, 0);
  png_size (png, &w, &h);
  g_assert_cmpuint (w, ==, 1200);
  g_assert_cmpuint (h, ==, 800);
  cli_run_clear (&run);

  cli_run (&run, "render", "--chart", "trend", "--area", "E06000002", "--width", "16", "--height", "20",
           "--out", png, "base.xml", NULL);
  g_assert_cmpint (run.status, ==, 0);
  png_size (png, &w, &h);
  g_assert_cmpuint (w, ==, 16);
  g_assert_cmpuint (h, ==, 20);
  cli_run_clear (&run);

  remove_tree (dir);
}

/* A PNG has at most 50 megapixels (20000 x 20000 took 37 s and 1.6 GB);
 * SVG and PDF, drawn as vectors, keep the full range. */
static void
test_render_pixel_cap (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gw-cli-render-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "big.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "big.svg", NULL);
  const char *sizes[][2] = { { "20000", "20000" }, { "10000", "5001" }, { "5001", "10000" } };
  CliRun run;

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *expected = g_strdup_printf ("gapwatch-cli render: a PNG of %s × %s pixels is too "
                                                   "large: at most 50 megapixels (--width times --height); "
                                                   "use SVG or PDF for larger charts\n", sizes[i][0], sizes[i][1]);

      cli_run (&run, "render", "--chart", "trend", "--area", "E06000002", "--width", sizes[i][0],
               "--height", sizes[i][1], "--out", png, "base.xml", NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_true (g_str_has_prefix (run.err, expected));
      g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
      cli_run_clear (&run);
    }

  cli_run (&run, "render", "--chart", "trend", "--area", "E06000002", "--width", "20000",
           "--height", "20000", "--out", svg, "base.xml", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (svg, G_FILE_TEST_IS_REGULAR));
  cli_run_clear (&run);

  remove_tree (dir);
}

/* Runs render (a trend) or report to out, which cannot be written, and
 * checks the one line on stderr: out as given and why. */
static void
assert_out_refused (const char *command,
                    const char *out,
                    const char *reason)
{
  g_autofree char *s0 = sample (0), *s1 = sample (1), *s2 = sample (2);
  g_autofree char *expected = g_strdup_printf ("gapwatch-cli %s: Could not write “%s”: %s\n",
                                               command, out, reason);
  CliRun run;

  if (g_strcmp0 (command, "render") == 0)
    cli_run (&run, "render", "--chart", "trend", "--area", "E06000002", "--out", out, "base.xml", NULL);
  else
    cli_run (&run, "report", "--out", out, s0, s1, s2, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, expected);
  cli_run_clear (&run);
}

/* A file that cannot be written is named as --out gave it, with the reason,
 * and nothing is left beside it (before: "Failed to create file
 * “…/chart.png.J525Z3”"). */
static void
test_out_write_error (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gw-cli-out-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (dir, "none", "chart.png", NULL);
  g_autofree char *is_dir = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *pdf_dir = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *pdf_missing = g_build_filename (dir, "none", "report.pdf", NULL);
  g_autofree char *left = NULL;

  assert_out_refused ("render", missing, "No such file or directory");
  g_assert_cmpint (g_mkdir (is_dir, 0700), ==, 0);
  assert_out_refused ("render", is_dir, "Is a directory");
  assert_out_refused ("report", pdf_missing, "No such file or directory");
  g_assert_cmpint (g_mkdir (pdf_dir, 0700), ==, 0);
  assert_out_refused ("report", pdf_dir, "Is a directory");

  /* no temporary file left behind */
  left = list_dir (dir);
  g_assert_cmpstr (left, ==, "chart.png report.pdf");

  remove_tree (dir);
}

/* A newline in a file name cannot forge an error line: every message is
 * one line, its controls escaped (before: two lines, the second
 * "other.xml:1:1: injected: cannot open the file: …"). */
static void
test_check_escaped_name (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gw-cli-names-XXXXXX", NULL);
  g_autofree char *invalid = g_build_filename (dir, "in\tvalid\r.xml", NULL);
  g_autofree char *fixture = fixture_dir ();
  g_autofree char *source = g_build_filename (fixture, "invalid.xml", NULL);
  g_autofree char *content = NULL;
  gsize len = 0;
  CliRun run;

  cli_run (&run, "check", "x\nother.xml:1:1: injected", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "x\\nother.xml:1:1: injected: cannot open the file: No such file or directory\n");
  cli_run_clear (&run);

  g_assert_true (g_file_get_contents (source, &content, &len, NULL));
  g_assert_true (g_file_set_contents (invalid, content, len, NULL));
  cli_run (&run, "check", invalid, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "in\\tvalid\\r.xml:12:5: <c>: n=\"-3\" is not a non-negative integer\n");
  cli_run_clear (&run);

  remove_tree (dir);
}

/* File names that are not UTF-8 are escaped in JSON, which then parses
 * (before: the raw byte 0x81, invalid JSON). */
static void
test_summary_json_names (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gw-cli-names-XXXXXX", NULL);
  g_autofree char *fixture = fixture_dir ();
  const char *names[][2] = { { "base.xml", "b\x81se.xml" }, { "invalid.xml", "inv\xff" "alid\n.xml" } };
  char *paths[2] = { NULL, NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *base_shown = NULL, *invalid_shown = NULL, *error_shown = NULL;
  JsonObject *root, *import, *rejected;
  CliRun run;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *source = g_build_filename (fixture, names[i][0], NULL);
      g_autofree char *content = NULL;
      gsize len = 0;

      paths[i] = g_build_filename (dir, names[i][1], NULL);
      g_assert_true (g_file_get_contents (source, &content, &len, NULL));
      g_assert_true (g_file_set_contents (paths[i], content, len, NULL));
    }

  cli_run (&run, "summary", "--format", "json", paths[0], paths[1], NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_utf8_validate (run.out, -1, NULL));
  root = parse_json (run.out, parser);
  import = json_array_get_object_element (json_object_get_array_member (root, "imports"), 0);
  rejected = json_array_get_object_element (json_object_get_array_member (root, "rejected"), 0);
  base_shown = g_strdup_printf ("%s/b\\x81se.xml", dir);
  invalid_shown = g_strdup_printf ("%s/inv\\xFFalid\\n.xml", dir);
  g_assert_cmpstr (json_object_get_string_member (import, "file"), ==, base_shown);
  g_assert_cmpstr (json_object_get_string_member (rejected, "file"), ==, invalid_shown);
  error_shown = g_strdup (json_array_get_string_element (json_object_get_array_member (rejected, "errors"), 0));
  g_assert_cmpstr (error_shown, ==, "inv\\xFFalid\\n.xml:12:5: <c>: n=\"-3\" is not a non-negative integer");
  g_assert_true (g_utf8_validate (run.err, -1, NULL));
  g_assert_cmpstr (run.err, ==, "inv\\xFFalid\\n.xml:12:5: <c>: n=\"-3\" is not a non-negative integer\n");
  cli_run_clear (&run);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    g_free (paths[i]);
  remove_tree (dir);
}

/* Issue 16: check, import and summary take a Fingertips CSV, the same rows
 * in an Excel 2003 workbook and the long columns, and a bad CSV is refused
 * at its line and column. */
static void
test_tables (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gapwatch-tables-XXXXXX", &error);
  g_autofree char *ws = g_build_filename (dir, "team.gwdb", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.csv", NULL);
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "csv", "fingertips-le.csv", NULL);
  g_autofree char *xml = g_test_build_filename (G_TEST_DIST, "data", "csv", "fingertips-le.xml", NULL);
  g_autofree char *long_xml = g_test_build_filename (G_TEST_DIST, "data", "csv", "long.xml", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *counts;
  CliRun run;

  g_assert_no_error (error);
  cli_run (&run, "check", "--verbose", csv, xml, long_xml, NULL);
  g_assert_cmpint (run.status, ==, 0);
  /* the two deprivation-decile rows are records since export 1.1 */
  expected = g_strdup_printf ("%s: ok (8 records, 1 warning)\n%s: ok (8 records, 1 warning)\n"
                              "%s: ok (6 records, 1 warning)\n", csv, xml, long_xml);
  g_assert_cmpstr (run.out, ==, expected);
  cli_run_clear (&run);

  cli_run (&run, "import", "--workspace", ws, csv, long_xml, NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_run_clear (&run);
  cli_run (&run, "summary", "--format", "json", "--workspace", ws, NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out, parser);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "imports")), ==, 2);
  counts = json_object_get_object_member (root, "counts");
  g_assert_cmpint (json_object_get_int_member (counts, "deaths"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (counts, "population"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (counts, "births"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (counts, "indicator_values"), ==, 10);
  cli_run_clear (&run);

  g_assert_true (g_file_set_contents (bad, "area_code,sex,period,measure,value\r\nE06000001,m,2019,births,1\r\n"
                                           "E06000001,f,2019,births,-1\r\n", -1, NULL));
  cli_run (&run, "check", bad, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "bad.csv:3:5: value “-1” is not a non-negative integer\n");
  cli_run_clear (&run);
  remove_tree (dir);
}


/* --- decompose, reckon ------------------------------------------------------ */

#define DECOMPOSE_HEADER "area_code,area_name,sex,period,comparator_code,age,cause,contribution,share"
#define RECKON_HEADER "area_code,area_name,sex,period,needed_gap,needed_value,current_value,k,age,cause," \
                      "deaths_to_prevent"

/* A CSV text's records by the fields of key_columns joined with "|" (each
 * record a GStrv), and its header. */
static GHashTable *
csv_index (const char *text, const char *const *key_columns, GStrv *header_out)
{
  GHashTable *index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_auto(GStrv) header = gw_test_csv_split_line (lines[0]);
  guint keys[8], n_keys = 0;

  for (; key_columns[n_keys] != NULL; n_keys++)
    {
      g_assert_true (g_strv_contains ((const char *const *) header, key_columns[n_keys]));
      for (keys[n_keys] = 0; g_strcmp0 (header[keys[n_keys]], key_columns[n_keys]) != 0; keys[n_keys]++)
        ;
    }
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;
      g_autoptr(GString) key = g_string_new (NULL);

      if (lines[i][0] == '\0' || lines[i][0] == '\r')
        continue;
      f = gw_test_csv_split_line (lines[i]);
      g_assert_cmpuint (g_strv_length (f), ==, g_strv_length (header));
      for (guint k = 0; k < n_keys; k++)
        g_string_append_printf (key, "%s%s", k > 0 ? "|" : "", f[keys[k]]);
      g_assert_false (g_hash_table_contains (index, key->str));   /* one row per key */
      g_hash_table_insert (index, g_strdup (key->str), g_steal_pointer (&f));
    }
  if (header_out != NULL)
    *header_out = g_steal_pointer (&header);
  return index;
}

static guint
column_of (GStrv header, const char *name)
{
  for (guint i = 0; header[i] != NULL; i++)
    if (g_strcmp0 (header[i], name) == 0)
      return i;
  g_assert_not_reached ();
}

static char *
decomp_reference (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "decomp", name, NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* decompose on the decomp-6 counts against decompose.csv (every band and
 * top-level cause, the margins and the total, to 1e-6) and e0.csv (the
 * total is the difference of the two life expectancies); shares add up. */
static void
check_decompose_fixture (const char *export_path)
{
  const char *const keys[] = { "area_code", "sex", "age", "cause", NULL };
  g_autofree char *reference = decomp_reference ("decompose.csv");
  g_autofree char *e0_text = decomp_reference ("e0.csv");
  g_autoptr(GHashTable) want = NULL, got = NULL;
  g_auto(GStrv) header = NULL, e0_lines = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint contribution, share;
  CliRun run;

  cli_run (&run, "decompose", export_path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_str_has_prefix (run.out, DECOMPOSE_HEADER "\n"));
  got = csv_index (run.out, keys, &header);
  want = csv_index (reference, keys, NULL);
  contribution = column_of (header, "contribution");
  share = column_of (header, "share");

  /* six areas, two sexes, 21 ages (20 bands and all), 7 causes (6 and all) */
  g_assert_cmpuint (g_hash_table_size (got), ==, 6 * 2 * 21 * 7);
  g_assert_cmpuint (g_hash_table_size (want), ==, g_hash_table_size (got));
  g_hash_table_iter_init (&iter, want);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GStrv w = value, g = g_hash_table_lookup (got, key);

      g_assert_nonnull (g);
      g_assert_cmpstr (g[2], ==, w[1]);
      g_assert_cmpstr (g[3], ==, "2004-2006");
      g_assert_cmpstr (g[4], ==, "E92000001");
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (g[contribution], NULL), g_ascii_strtod (w[4], NULL), 1e-6);
    }

  e0_lines = g_strsplit (e0_text, "\n", -1);
  for (guint i = 1; e0_lines[i] != NULL && e0_lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) f = gw_test_csv_split_line (e0_lines[i]);
      g_autofree char *total_key = g_strdup_printf ("%s|%s|all|all", f[0], f[1]);
      GStrv total = g_hash_table_lookup (got, total_key);
      double share_sum = 0;

      g_assert_nonnull (total);
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (total[contribution], NULL),
                                      g_ascii_strtod (f[2], NULL) - g_ascii_strtod (f[3], NULL), 1e-6);
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (total[share], NULL), 100.0, 1e-9);
      for (const char *const *c = (const char *const[]) { "circulatory", "cancer", "respiratory", "digestive",
                                                          "external", "other", NULL }; *c != NULL; c++)
        {
          g_autofree char *k = g_strdup_printf ("%s|%s|all|%s", f[0], f[1], *c);

          share_sum += g_ascii_strtod (((GStrv) g_hash_table_lookup (got, k))[share], NULL);
        }
      g_assert_cmpfloat_with_epsilon (share_sum, 100.0, 1e-6);
    }
  cli_run_clear (&run);
}

/* reckon --needed-gap 1.0 against reckon.csv: k and needed_value to 1e-6,
 * the total a year to 0.01; an area meeting it has one row, k 0. */
static void
check_reckon_fixture (const char *export_path)
{
  const char *const keys[] = { "area_code", "sex", "age", "cause", NULL };
  const char *const ref_keys[] = { "area_code", "sex", NULL };
  g_autofree char *reference = decomp_reference ("reckon.csv");
  g_autoptr(GHashTable) want = NULL, got = NULL;
  g_auto(GStrv) header = NULL, ref_header = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint n_met = 0;
  CliRun run;

  cli_run (&run, "reckon", "--needed-gap", "1.0", export_path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_str_has_prefix (run.out, RECKON_HEADER "\n"));
  got = csv_index (run.out, keys, &header);
  want = csv_index (reference, ref_keys, &ref_header);

  g_hash_table_iter_init (&iter, want);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GStrv w = value;
      g_autofree char *total_key = g_strdup_printf ("%s|all|all", (char *) key);
      GStrv g = g_hash_table_lookup (got, total_key);
      double k = g_ascii_strtod (w[column_of (ref_header, "k")], NULL);
      double by_band = 0, by_cause = 0;

      g_assert_nonnull (g);
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (g[column_of (header, "needed_gap")], NULL), 1.0, 1e-12);
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (g[column_of (header, "needed_value")], NULL),
                                      g_ascii_strtod (w[column_of (ref_header, "needed_value")], NULL), 1e-6);
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (g[column_of (header, "k")], NULL), k, 1e-6);
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (g[column_of (header, "deaths_to_prevent")], NULL),
                                      g_ascii_strtod (w[column_of (ref_header, "deaths_to_prevent")], NULL), 0.01);

      /* the bands and the causes add up to the total */
      for (guint b = 0; b < 20; b++)
        {
          static const char *const ages[] = { "0", "1-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34",
                                              "35-39", "40-44", "45-49", "50-54", "55-59", "60-64", "65-69",
                                              "70-74", "75-79", "80-84", "85-89", "90+" };
          g_autofree char *band_key = g_strdup_printf ("%s|%s|all", (char *) key, ages[b]);
          GStrv row = g_hash_table_lookup (got, band_key);

          g_assert_true ((row == NULL) == (k == 0));
          if (row != NULL)
            by_band += g_ascii_strtod (row[column_of (header, "deaths_to_prevent")], NULL);
        }
      for (const char *const *c = (const char *const[]) { "circulatory", "cancer", "respiratory", "digestive",
                                                          "external", "other", NULL }; *c != NULL; c++)
        {
          g_autofree char *cause_key = g_strdup_printf ("%s|all|%s", (char *) key, *c);
          GStrv row = g_hash_table_lookup (got, cause_key);

          if (row != NULL)
            by_cause += g_ascii_strtod (row[column_of (header, "deaths_to_prevent")], NULL);
        }
      if (k == 0)
        n_met++;
      else
        {
          g_assert_cmpfloat_with_epsilon (by_band, g_ascii_strtod (g[column_of (header, "deaths_to_prevent")], NULL), 1e-6);
          g_assert_cmpfloat_with_epsilon (by_cause, g_ascii_strtod (g[column_of (header, "deaths_to_prevent")], NULL), 1e-6);
        }
    }
  /* decomposition area 5 lives longer than England, men and women */
  g_assert_cmpuint (n_met, ==, 2);
  cli_run_clear (&run);
}

/* The decomp-6 counts as an export 1.0: the declared sub-causes (chd,
 * lung-cancer) added into their parents, which gives the same top-level
 * results. */
static void
test_decompose_folded (void)
{
  check_decompose_fixture ("decomp6-folded.xml.gz");
  check_reckon_fixture ("decomp6-folded.xml.gz");
}

/* The decomp-6 fixture itself (export 1.1, chd and lung-cancer declared):
 * the same top-level results; with --causes all the sub-causes too, each
 * parent as at the top level (its children included). */
static void
test_decompose_fixture (void)
{
  const char *shared = g_getenv ("GW_SHARED_DIR");
  const char *const keys[] = { "area_code", "sex", "age", "cause", NULL };
  g_autofree char *path = NULL;
  g_autoptr(GHashTable) top = NULL, all = NULL;
  g_auto(GStrv) header = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint contribution, n_chd = 0;
  CliRun run;

  if (shared == NULL)
    {
      g_test_skip ("GW_SHARED_DIR is not set");
      return;
    }
  path = g_build_filename (shared, "data", "fixtures", "decomp-6", "deaths.xml", NULL);
  check_decompose_fixture (path);
  check_reckon_fixture (path);

  cli_run (&run, "decompose", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  top = csv_index (run.out, keys, NULL);
  cli_run_clear (&run);
  cli_run (&run, "decompose", "--causes", "all", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  all = csv_index (run.out, keys, &header);
  cli_run_clear (&run);
  contribution = column_of (header, "contribution");

  /* every row of the top level is there, the same; and the two sub-causes */
  g_assert_cmpuint (g_hash_table_size (all), ==, 6 * 2 * 21 * 9);
  g_hash_table_iter_init (&iter, top);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GStrv t = value, a = g_hash_table_lookup (all, key);

      g_assert_nonnull (a);
      g_assert_cmpstr (a[contribution], ==, t[contribution]);
    }
  g_hash_table_iter_init (&iter, all);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_has_suffix (key, "|chd"))
      n_chd++;
  g_assert_cmpuint (n_chd, ==, 6 * 2 * 21);
  g_assert_nonnull (g_hash_table_lookup (all, "E08100000|m|all|lung-cancer"));
}

/* One area and sex as JSON, numbers exact; the options refused. */
static void
test_decompose_options (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *rows;
  JsonObject *last;
  CliRun run;

  cli_run (&run, "decompose", "--area", "E08100000", "--sex", "f", "--period", "2004-2006",
           "--comparator", "E92000001", "--format", "json", "decomp6-folded.xml.gz", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  g_assert_no_error (error);
  rows = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (rows), ==, 21 * 7);
  last = json_array_get_object_element (rows, 21 * 7 - 1);
  g_assert_cmpstr (json_object_get_string_member (last, "age"), ==, "all");
  g_assert_cmpstr (json_object_get_string_member (last, "cause"), ==, "other");
  last = json_array_get_object_element (rows, 20 * 7);
  g_assert_cmpstr (json_object_get_string_member (last, "cause"), ==, "all");
  /* e0.csv: 80.523287814 - 83.619820009 */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (last, "contribution"), -3.096532195, 1e-6);
  cli_run_clear (&run);

  cli_run (&run, "decompose", "--causes", "some", "decomp6-folded.xml.gz", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "gapwatch-cli decompose: --causes must be top or all, not “some”"));
  cli_run_clear (&run);

  cli_run (&run, "decompose", "--period", "2004-Q1", "decomp6-folded.xml.gz", NULL);
  g_assert_cmpint (run.status, ==, 2);
  cli_run_clear (&run);

  cli_run (&run, "decompose", "--area", "E99999999", "decomp6-folded.xml.gz", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "gapwatch-cli decompose: no area “E99999999” in the exports\n");
  cli_run_clear (&run);

  /* no counts for 2001-2003 */
  cli_run (&run, "decompose", "--area", "E08100000", "--sex", "m", "--period", "2001-2003",
           "decomp6-folded.xml.gz", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "gapwatch-cli decompose: E08100000 (m): E92000001 (m) has no deaths or no "
                                "populations for every year of 2001-2003\n");
  g_assert_cmpstr (run.out, ==, DECOMPOSE_HEADER "\n");
  cli_run_clear (&run);

  cli_run (&run, "reckon", "--needed-gap", "1.0", "--target", "le-2010", "decomp6-folded.xml.gz", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "give --target or --needed-gap, not both"));
  cli_run_clear (&run);

  cli_run (&run, "reckon", "--needed-gap", "-1", "decomp6-folded.xml.gz", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--needed-gap must be a percentage from 0 to 100, not “-1”"));
  cli_run_clear (&run);

  /* no gap left: reachable here, as the area's lower rates in some bands
   * stay lower */
  cli_run (&run, "reckon", "--needed-gap", "0", "--area", "E08100000", "--sex", "m",
           "decomp6-folded.xml.gz", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, RECKON_HEADER "\nE08100000,Decomposition area 1,m,2004-2006,0,79.6959485131,"
                                   "76.5462352166,0.99720155"));
  cli_run_clear (&run);
}

/* reckon with the 2010 target on the samples: the needed gap is the
 * target gap `track` gives the area, the current value the life expectancy
 * `indicators` computes; by default the Spearhead Group and its 70 areas. */
static void
test_reckon_target (void)
{
  g_autofree char *a = sample (0), *b = sample (1), *c = sample (2);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) subjects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  double target_gap = NAN, e0 = NAN;
  CliRun run;

  cli_run (&run, "track", a, b, c, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "E06000001,Hartlepool,m,"))
      {
        g_auto(GStrv) f = split_csv (lines[i]);

        target_gap = g_ascii_strtod (f[8], NULL);
      }
  g_assert_true (isfinite (target_gap));
  g_clear_pointer (&lines, g_strfreev);
  cli_run_clear (&run);

  cli_run (&run, "indicators", "--indicator", "le-birth", "--area", "E06000001", a, b, c, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "le-birth,E06000001,Hartlepool,m,2004-2006,"))
      {
        g_auto(GStrv) f = split_csv (lines[i]);

        e0 = g_ascii_strtod (f[5], NULL);
      }
  g_assert_true (isfinite (e0));
  g_clear_pointer (&lines, g_strfreev);
  cli_run_clear (&run);

  cli_run (&run, "reckon", "--area", "E06000001", "--sex", "m", a, b, c, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, RECKON_HEADER);
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) f = split_csv (lines[i]);

      g_assert_cmpstr (f[3], ==, "2004-2006");
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (f[4], NULL), target_gap, 5e-5);
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (f[6], NULL), e0, 1e-9);
    }
  g_clear_pointer (&lines, g_strfreev);
  cli_run_clear (&run);

  cli_run (&run, "reckon", a, b, c, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) f = split_csv (lines[i]);

      g_hash_table_add (subjects, g_strdup_printf ("%s|%s", f[0], f[2]));
    }
  g_assert_true (g_hash_table_contains (subjects, "spearhead|m"));
  g_assert_true (g_hash_table_contains (subjects, "E06000001|f"));
  g_assert_cmpuint (g_hash_table_size (subjects), ==, 71 * 2);
  cli_run_clear (&run);
}

/* A mapping given with --mapping is kept in the workspace: a later import
 * of a message of the same dataflow with none given is read by it, and
 * says so on standard error. */
static void
test_import_workspace_mapping (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gw-cli-mapping-XXXXXX", NULL);
  g_autofree char *ws = g_build_filename (dir, "w.gwdb", NULL);
  g_autofree char *mapping = g_build_filename (dir, "my.mapping", NULL);
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "sdmx", "hlth_cd_fine.xml", NULL);
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  const char *names[] = { "a.xml", "b.xml" };
  char *paths[2];
  CliRun run;

  /* no mapping of the user's */
  g_setenv ("XDG_CONFIG_HOME", dir, TRUE);
  g_assert_true (g_file_set_contents (mapping, "[Mapping]\nname=My deaths\ndataflows=MY_DEATHS;\n"
                                               "measure=deaths\n[Fixed]\nresid=TOT_IN\n", -1, NULL));
  g_assert_true (g_file_get_contents (source, &text, NULL, NULL));
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GString) s = g_string_new (text);

      g_string_replace (s, "HLTH_CD_ARO", "MY_DEATHS", 0);
      g_string_replace (s, "<m:ID>CD1</m:ID>", i == 0 ? "<m:ID>MD1</m:ID>" : "<m:ID>MD2</m:ID>", 0);
      if (i == 1)
        g_string_replace (s, "2018", "2019", 0);
      paths[i] = g_build_filename (dir, names[i], NULL);
      g_assert_true (g_file_set_contents (paths[i], s->str, -1, NULL));
    }

  cli_run (&run, "import", "--workspace", ws, paths[1], NULL);
  g_assert_cmpint (run.status, ==, 1);
  cli_run_clear (&run);
  cli_run (&run, "import", "--workspace", ws, "--mapping", mapping, paths[0], NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.err, "workspace's mapping"));
  cli_run_clear (&run);
  cli_run (&run, "import", "--workspace", ws, paths[1], NULL);
  g_assert_cmpint (run.status, ==, 0);
  expected = g_strdup_printf ("%s: imported 12 records, 0 revisions\n", paths[1]);
  g_assert_cmpstr (run.out, ==, expected);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%s: read with the workspace's mapping “My deaths”\n", paths[1]);
  g_assert_nonnull (strstr (run.err, expected));
  cli_run_clear (&run);

  g_unsetenv ("XDG_CONFIG_HOME");
  g_free (paths[0]);
  g_free (paths[1]);
  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gw/cli/version/print", test_version);
  g_test_add_func ("/gw/cli/help/top", test_help_top);
  g_test_add_func ("/gw/cli/help/command", test_help_command);
  g_test_add_func ("/gw/cli/usage/errors", test_usage_errors);
  g_test_add_func ("/gw/cli/check/valid", test_check_valid);
  g_test_add_func ("/gw/cli/import/workspace-mapping", test_import_workspace_mapping);
  g_test_add_func ("/gw/cli/check/verbose", test_check_verbose);
  g_test_add_func ("/gw/cli/check/invalid", test_check_invalid);
  g_test_add_func ("/gw/cli/check/order", test_check_order);
  g_test_add_func ("/gw/cli/check/sdmx", test_check_sdmx);
  g_test_add_func ("/gw/cli/check/missing", test_check_missing);
  g_test_add_func ("/gw/cli/summary/json", test_summary_json);
  g_test_add_func ("/gw/cli/summary/mixed", test_summary_mixed);
  g_test_add_func ("/gw/cli/summary/missing", test_summary_missing);
  g_test_add_func ("/gw/cli/summary/text", test_summary_text);
  g_test_add_func ("/gw/cli/indicators/le-df1", test_indicators_le_df1);
  g_test_add_func ("/gw/cli/track/fixture-70", test_track_fixture);
  g_test_add_func ("/gw/cli/track/verdict-40", test_track_verdict);
  g_test_add_func ("/gw/cli/output/locale", test_locale_numbers);
  g_test_add_func ("/gw/cli/output/json-exact", test_json_exact);
  g_test_add_func ("/gw/cli/output/write-error", test_write_error);
  g_test_add_func ("/gw/cli/targets/workspace", test_targets);
  g_test_add_func ("/gw/cli/targets/sii", test_targets_sii);
  g_test_add_func ("/gw/cli/sii/csv", test_sii_csv);
  g_test_add_func ("/gw/cli/sii/seed", test_sii_seed);
  g_test_add_func ("/gw/cli/sii/published", test_sii_published);
  g_test_add_func ("/gw/cli/render/size", test_render_size);
  g_test_add_func ("/gw/cli/render/pixel-cap", test_render_pixel_cap);
  g_test_add_func ("/gw/cli/output/out-write-error", test_out_write_error);
  g_test_add_func ("/gw/cli/check/escaped-name", test_check_escaped_name);
  g_test_add_func ("/gw/cli/summary/json-names", test_summary_json_names);
  g_test_add_func ("/gw/cli/summary/tables", test_tables);
  g_test_add_func ("/gw/cli/decompose/decomp6-folded", test_decompose_folded);
  g_test_add_func ("/gw/cli/decompose/options", test_decompose_options);
  g_test_add_func ("/gw/cli/decompose/decomp6", test_decompose_fixture);
  g_test_add_func ("/gw/cli/reckon/target", test_reckon_target);

  return g_test_run ();
}
