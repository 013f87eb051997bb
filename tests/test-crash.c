/* test-crash.c: an import into a workspace killed at any point loses nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A workspace holds tests/data/cli/base.xml; `gapwatch-cli import
 * --workspace W national.xml` (a generated export of 216,000 records, big
 * enough that the import takes a while) is killed with SIGKILL before,
 * during and after its transaction.  Each time the workspace must open,
 * pass PRAGMA integrity_check and foreign_key_check (gw_workspace_check),
 * and hold either exactly what it held before (its summary, as
 * `gapwatch-cli summary --workspace W` prints it, unchanged) or the new
 * import complete (the summary of an import that was not killed).  Where
 * the kill lands is known exactly for two points (the rows written but not
 * committed: the store's stall hook; the import's line printed: committed),
 * and spread over the rest by delays and by the -wal file's growth.
 *
 * GW_CLI_PATH and GW_GENERATOR_PATH come from the build.
 */
#include "gw-config.h"

#include <signal.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "store/gw-workspace.h"

/* The generated export: 150 districts x 2 sexes x 20 age bands x 36 months. */
#define NATIONAL_AREAS  "150"
#define NATIONAL_MONTHS "36"

typedef enum
{
  STATE_BEFORE,    /* what the workspace held before the import */
  STATE_AFTER,     /* the import complete */
} State;

/* Made once for every test. */
static struct
{
  char   *dir;
  char   *national;        /* the generated export */
  char   *base;            /* a workspace with base.xml, closed cleanly */
  char   *summary_before;  /* its summary */
  char   *summary_after;   /* its summary after importing national */
  gint64  import_usec;     /* how long that import took here (for delays only) */
} world;

/* Runs gapwatch-cli to its end; its standard output. */
static char *
cli_run (const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "LC_ALL", "C.UTF-8", TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *err_text = NULL;
  char *out_text = NULL;
  gint status = 0;

  g_ptr_array_add (argv, (gpointer) GW_CLI_PATH);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  envp = g_environ_unsetenv (envp, "LANGUAGE");
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &out_text, &err_text, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("gapwatch-cli %s failed: %s", args[0], err_text);
  return out_text;
}

static char *
summary (const char *workspace)
{
  return cli_run ((const char *const[]) { "summary", "--workspace", workspace, NULL });
}

/* The workspace as base was: the file copied, no -wal or -shm of an earlier
 * run beside it (a stale -wal would be replayed into the copy). */
static void
restore_base (const char *path)
{
  g_autoptr(GFile) from = g_file_new_for_path (world.base);
  g_autoptr(GFile) to = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (gw_workspace_delete (path, &error));
  g_assert_no_error (error);
  g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* Starts the import of national into path.  stall_file: the store waits
 * there, every row written and nothing committed, while the file exists. */
static GSubprocess *
spawn_import (const char     *path,
              const char     *stall_file,
              GSubprocessFlags flags)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  if (stall_file != NULL)
    g_subprocess_launcher_setenv (launcher, "GW_WORKSPACE_TEST_STALL_FILE", stall_file, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "GW_WORKSPACE_TEST_STALL_FILE");
  process = g_subprocess_launcher_spawn (launcher, &error, GW_CLI_PATH, "import",
                                         "--workspace", path, world.national, NULL);
  g_assert_no_error (error);
  return process;
}

/* SIGKILL, and waits for the end.  TRUE when the kill ended it (it may have
 * finished first). */
static gboolean
kill_child (GSubprocess *process)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  return g_subprocess_get_if_signaled (process) && g_subprocess_get_term_sig (process) == SIGKILL;
}

/* GLib's worker thread reaps the child: no identifier once it has ended. */
static gboolean
child_running (GSubprocess *process)
{
  return g_subprocess_get_identifier (process) != NULL;
}

/* The workspace after a kill: it opens (read and write, so SQLite recovers
 * its -wal), both checks pass, and its summary is the one before the import
 * or the one after it, nothing in between. */
static State
assert_sound (const char *path)
{
  g_autoptr(GwWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint n;

  workspace = gw_workspace_open (path, GW_WORKSPACE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (gw_workspace_check (workspace, &error));
  g_assert_no_error (error);
  n = gw_workspace_count_imports (workspace, &error);
  g_assert_no_error (error);
  gw_workspace_close (workspace);

  text = summary (path);
  if (n == 1)
    {
      g_assert_cmpstr (text, ==, world.summary_before);
      return STATE_BEFORE;
    }
  g_assert_cmpint (n, ==, 2);
  g_assert_cmpstr (text, ==, world.summary_after);
  return STATE_AFTER;
}

static const char *
state_name (State state)
{
  return state == STATE_BEFORE ? "earlier content" : "import complete";
}

/* The store's hook: every row written into the -wal, COMMIT not reached. */
static void
test_inside_transaction (void)
{
  g_autofree char *path = g_build_filename (world.dir, "inside.gwdb", NULL);
  g_autofree char *stall = g_build_filename (world.dir, "stall", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  gint64 until = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  g_autoptr(GSubprocess) process = NULL;
  GStatBuf st;

  restore_base (path);
  process = spawn_import (path, stall, G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  while (!g_file_test (stall, G_FILE_TEST_EXISTS))
    {
      g_assert_true (child_running (process));
      g_assert_cmpint (g_get_monotonic_time (), <, until);
      g_usleep (5000);
    }
  /* the records are in the -wal: megabytes of them, uncommitted */
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 1024 * 1024);
  g_assert_true (kill_child (process));
  g_unlink (stall);

  g_assert_cmpint (assert_sound (path), ==, STATE_BEFORE);
  g_assert_true (gw_workspace_delete (path, NULL));
}

/* The import's line is printed once its transaction is committed. */
static void
test_after_commit (void)
{
  g_autofree char *path = g_build_filename (world.dir, "after.gwdb", NULL);
  g_autofree char *expected = g_strdup_printf ("%s: imported 216000 records, 0 revisions",
                                               world.national);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  restore_base (path);
  process = spawn_import (path, NULL, G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line_utf8 (G_DATA_INPUT_STREAM (out), NULL, NULL, &error);
  g_assert_no_error (error);
  /* killed before it closed the workspace (or just after it exited) */
  kill_child (process);
  g_assert_cmpstr (line, ==, expected);

  g_assert_cmpint (assert_sound (path), ==, STATE_AFTER);
  g_assert_true (gw_workspace_delete (path, NULL));
}

/* Killed while the -wal grows: the transaction is being written (or, on a
 * slow machine, already committed). */
static void
test_wal_growing (void)
{
  const goffset sizes[] = { 1, 256 * 1024, 2 * 1024 * 1024 };
  g_autofree char *path = g_build_filename (world.dir, "growing.gwdb", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      gint64 until = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
      g_autoptr(GSubprocess) process = NULL;
      GStatBuf st;
      State state;

      restore_base (path);
      process = spawn_import (path, NULL, G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
      while (child_running (process) && (g_stat (wal, &st) != 0 || st.st_size < sizes[i]))
        {
          g_assert_cmpint (g_get_monotonic_time (), <, until);
          g_usleep (1000);
        }
      kill_child (process);
      state = assert_sound (path);
      g_test_message ("killed with a -wal of %" G_GOFFSET_FORMAT " bytes or more: %s",
                      sizes[i], state_name (state));
    }
  g_assert_true (gw_workspace_delete (path, NULL));
}

/* Killed at delays spread over an import's length here: before it opened
 * the workspace, while it reads the XML, while it writes, after. */
static void
test_delays (void)
{
  const double fractions[] = { 0.0, 0.1, 0.3, 0.5, 0.7, 0.9 };
  g_autofree char *path = g_build_filename (world.dir, "delays.gwdb", NULL);
  guint n_states[2] = { 0, 0 };

  for (gsize i = 0; i < G_N_ELEMENTS (fractions); i++)
    {
      gulong delay = (gulong) (fractions[i] * world.import_usec);
      g_autoptr(GSubprocess) process = NULL;
      State state;

      restore_base (path);
      process = spawn_import (path, NULL, G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
      if (delay > 0)
        g_usleep (delay);
      kill_child (process);
      state = assert_sound (path);
      n_states[state]++;
      g_test_message ("killed after %lu ms: %s", delay / 1000, state_name (state));
    }
  g_test_message ("%u kills kept the earlier content, %u the complete import",
                  n_states[STATE_BEFORE], n_states[STATE_AFTER]);
  g_assert_true (gw_workspace_delete (path, NULL));
}

static void
make_world (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base_xml = g_test_build_filename (G_TEST_DIST, "data", "cli", "base.xml", NULL);
  g_autofree char *after = NULL;
  const char *generate[] = {
    GW_GENERATOR_PATH, "--national", NULL, "--areas", NATIONAL_AREAS,
    "--months", NATIONAL_MONTHS, NULL,
  };
  gint status = 0;
  gint64 start;

  world.dir = g_dir_make_tmp ("gw-test-crash-XXXXXX", &error);
  g_assert_no_error (error);
  world.national = g_build_filename (world.dir, "national.xml", NULL);
  generate[2] = world.national;
  g_spawn_sync (NULL, (char **) generate, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  world.base = g_build_filename (world.dir, "base.gwdb", NULL);
  g_free (cli_run ((const char *const[]) { "import", "--workspace", world.base, base_xml, NULL }));
  world.summary_before = summary (world.base);

  /* the import not killed: what a complete one leaves */
  after = g_build_filename (world.dir, "complete.gwdb", NULL);
  restore_base (after);
  start = g_get_monotonic_time ();
  g_free (cli_run ((const char *const[]) { "import", "--workspace", after, world.national, NULL }));
  world.import_usec = g_get_monotonic_time () - start;
  world.summary_after = summary (after);
  g_assert_cmpstr (world.summary_after, !=, world.summary_before);
  g_assert_nonnull (strstr (world.summary_after, "216000"));
  g_assert_true (gw_workspace_delete (after, NULL));
}

static void
remove_world (void)
{
  g_assert_true (gw_workspace_delete (world.base, NULL));
  g_assert_cmpint (g_unlink (world.national), ==, 0);
  g_assert_cmpint (g_rmdir (world.dir), ==, 0);
  g_free (world.dir);
  g_free (world.national);
  g_free (world.base);
  g_free (world.summary_before);
  g_free (world.summary_after);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  make_world ();
  g_test_add_func ("/gw/crash/import/inside-transaction", test_inside_transaction);
  g_test_add_func ("/gw/crash/import/after-commit", test_after_commit);
  g_test_add_func ("/gw/crash/import/wal-growing", test_wal_growing);
  g_test_add_func ("/gw/crash/import/delays", test_delays);
  ret = g_test_run ();
  remove_world ();
  return ret;
}
