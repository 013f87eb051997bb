/* test-store.c: the workspace (app/store), in this process and through
 * gapwatch-cli in others
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exports: the sample set (GW_SAMPLES_DIR, N_SAMPLES files) and the tracker fixture
 * (GW_SHARED_DIR/data/fixtures/tracker-70: le-a.xml, then le-b-revision.xml
 * which revises 2003-2005 values of three areas).  gapwatch-cli is the built
 * binary (GW_CLI_PATH, from meson); crashes, full disks, read-only folders
 * and a second writer are real processes: killed with SIGKILL, run with a
 * file size limit (RLIMIT_FSIZE, SIGXFSZ ignored), run as another user (when
 * the tests run as root) or stalled inside their transaction with the test
 * hook GW_WORKSPACE_TEST_STALL_FILE.
 */
#include "gw-config.h"

#include <errno.h>
#include <grp.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "session/gw-session-import.h"
#include "store/gw-workspace.h"
#include "tracker/gw-target.h"

/* Fixtures */

/* The store keeps texts; the tracker reads and writes them. */
static GPtrArray *
load_targets (GwWorkspace  *workspace,
              GError      **error)
{
  g_autoptr(GPtrArray) stored = gw_workspace_list_targets (workspace, error);
  g_autoptr(GPtrArray) targets = NULL;

  if (stored == NULL)
    return NULL;
  targets = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_target_free);
  for (guint i = 0; i < stored->len; i++)
    {
      const GwWorkspaceTarget *st = g_ptr_array_index (stored, i);
      GwTarget *t = gw_target_deserialize (st->text, error);

      if (t == NULL)
        return NULL;
      g_assert_cmpstr (t->name, ==, st->id);
      g_ptr_array_add (targets, t);
    }
  return g_steal_pointer (&targets);
}

static gboolean
save_target (GwWorkspace     *workspace,
             const GwTarget  *target,
             GError         **error)
{
  g_autofree char *text = gw_target_serialize (target);

  return gw_workspace_save_target (workspace, target->name, text, error);
}

static char *
sample_path (const char *name)
{
  return g_build_filename (g_getenv ("GW_SAMPLES_DIR"), name, NULL);
}

static char *
tracker_path (const char *name)
{
  return g_build_filename (g_getenv ("GW_SHARED_DIR"), "data", "fixtures", "tracker-70", name, NULL);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The sample exports (data/samples/README.md). */
#define N_SAMPLES 20

/* Every sample export, in name order (the order of their README). */
static GStrv
sample_paths (void)
{
  const char *dir_path = g_getenv ("GW_SAMPLES_DIR");
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".xml") || g_str_has_suffix (name, ".xml.gz"))
      g_ptr_array_add (paths, g_build_filename (dir_path, name, NULL));
  g_ptr_array_sort (paths, compare_strings);
  g_assert_cmpuint (paths->len, ==, N_SAMPLES);
  g_ptr_array_add (paths, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&paths), FALSE);
}

typedef struct
{
  char *dir;
  char *path;     /* dir/workspace.gwdb */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gw-test-store-XXXXXX", &error);
  g_assert_no_error (error);
  /* another user (the read-only test as root) must be able to look in */
  g_assert_cmpint (g_chmod (f->dir, 0755), ==, 0);
  f->path = g_build_filename (f->dir, "workspace.gwdb", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *quoted = g_shell_quote (f->dir);
  g_autofree char *command = g_strdup_printf ("rm -rf %s", quoted);

  g_chmod (f->dir, 0755);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
  g_free (f->dir);
  g_free (f->path);
}

/* Running gapwatch-cli */

typedef enum
{
  CHILD_PLAIN,
  CHILD_OTHER_USER,    /* root only: nobody (65534), so permissions apply */
  CHILD_FILE_LIMIT,    /* RLIMIT_FSIZE, SIGXFSZ ignored: writes fail as on a full disk */
} ChildMode;

typedef struct
{
  ChildMode mode;
  rlim_t    file_limit;
} ChildSetup;

/* Between fork and exec: only async-signal-safe calls. */
static void
child_setup (gpointer user_data)
{
  const ChildSetup *setup = user_data;

  if (setup == NULL)
    return;
  if (setup->mode == CHILD_OTHER_USER)
    {
      if (setgroups (0, NULL) != 0 || setgid (65534) != 0 || setuid (65534) != 0)
        _exit (125);
    }
  else if (setup->mode == CHILD_FILE_LIMIT)
    {
      struct rlimit limit = { setup->file_limit, setup->file_limit };

      /* an ignored signal stays ignored across exec */
      signal (SIGXFSZ, SIG_IGN);
      if (setrlimit (RLIMIT_FSIZE, &limit) != 0)
        _exit (125);
    }
}

static GStrv
cli_environ (const char *stall_file)
{
  GStrv envp = g_get_environ ();

  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");
  if (stall_file != NULL)
    envp = g_environ_setenv (envp, "GW_WORKSPACE_TEST_STALL_FILE", stall_file, TRUE);
  else
    envp = g_environ_unsetenv (envp, "GW_WORKSPACE_TEST_STALL_FILE");
  return envp;
}

static GPtrArray *
cli_argv (const char *const *args)
{
  GPtrArray *argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) GW_CLI_PATH);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  return argv;
}

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

static void
cli_run_argv (CliRun             *run,
              const ChildSetup   *setup,
              const char *const  *args)
{
  g_autoptr(GPtrArray) argv = cli_argv (args);
  g_auto(GStrv) envp = cli_environ (NULL);
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  memset (run, 0, sizeof *run);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, child_setup, (gpointer) setup,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  /* indicators print 100,000 lines: the start is enough to debug */
  g_test_message ("gapwatch-cli %s: exit %d\nstdout:\n%.2000s\nstderr:\n%.2000s", args[0], run->status,
                  run->out, run->err);
}

/* gapwatch-cli with the arguments up to NULL, in this environment. */
static void
cli_run (CliRun     *run,
         const char *first_arg,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  cli_run_argv (run, NULL, (const char *const *) args->pdata);
}

/* `gapwatch-cli import --workspace path FILE...`, which must succeed. */
static void
cli_import_ok (const char        *path,
               const char *const *files)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  CliRun run;

  g_ptr_array_add (args, (gpointer) "import");
  g_ptr_array_add (args, (gpointer) "--workspace");
  g_ptr_array_add (args, (gpointer) path);
  for (guint i = 0; files[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) files[i]);
  g_ptr_array_add (args, NULL);
  cli_run_argv (&run, NULL, (const char *const *) args->pdata);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  cli_run_clear (&run);
}

/* Starts gapwatch-cli in the background, output discarded. */
static GPid
cli_spawn (const char        *stall_file,
           const char *const *args)
{
  g_autoptr(GPtrArray) argv = cli_argv (args);
  g_auto(GStrv) envp = cli_environ (stall_file);
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  g_spawn_async (NULL, (char **) argv->pdata, envp,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

/* Waits for a child; its exit status, or -(signal) when a signal ended it. */
static int
wait_child (GPid pid)
{
  int status = 0;
  pid_t r;

  do
    r = waitpid (pid, &status, 0);
  while (r < 0 && errno == EINTR);
  g_assert_cmpint (r, ==, pid);
  g_spawn_close_pid (pid);
  return WIFEXITED (status) ? WEXITSTATUS (status) : WIFSIGNALED (status) ? -WTERMSIG (status) : -100;
}

static void
wait_for_file (const char *path)
{
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, until);
      g_usleep (5000);
    }
}

/* In this process */

static GwWorkspace *
open_workspace (const char           *path,
                GwWorkspaceOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  GwWorkspace *workspace = gw_workspace_open (path, flags, &error);

  g_assert_no_error (error);
  g_assert_nonnull (workspace);
  return workspace;
}

static GwDataset *
load_dataset (const char *path)
{
  g_autoptr(GwWorkspace) workspace = open_workspace (path, GW_WORKSPACE_OPEN_READ_ONLY);
  g_autoptr(GError) error = NULL;
  GwDataset *dataset = gw_dataset_new ();

  g_assert_true (gw_workspace_load (workspace, dataset, NULL, &error));
  g_assert_no_error (error);
  return dataset;
}

static void
assert_sound (const char *path,
              gint        n_imports)
{
  g_autoptr(GwWorkspace) workspace = open_workspace (path, GW_WORKSPACE_OPEN_DEFAULT);
  g_autoptr(GError) error = NULL;

  g_assert_true (gw_workspace_check (workspace, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gw_workspace_count_imports (workspace, &error), ==, n_imports);
  g_assert_no_error (error);
}

/* A pragma or query of a workspace file read with SQLite itself. */
static gint64
raw_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
raw_text (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* Dataset equality, field by field */

static gboolean
same_double (double a,
             double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

static void
assert_same_table (const GwTable *a,
                   const GwTable *b)
{
  guint n = gw_table_n_rows (a);

  g_assert_cmpuint (gw_table_n_rows (b), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (gw_table_row_key (a, i), ==, gw_table_row_key (b, i));
      if (gw_table_get_kind (a) == GW_RECORD_VALUES)
        {
          const GwValueRow *x = gw_table_row (a, i), *y = gw_table_row (b, i);

          g_assert_true (same_double (x->value, y->value));
          g_assert_true (same_double (x->lower, y->lower));
          g_assert_true (same_double (x->upper, y->upper));
          g_assert_true (same_double (x->count, y->count));
          g_assert_true (same_double (x->denominator, y->denominator));
          g_assert_cmpuint (x->note, ==, y->note);
        }
      else
        g_assert_true (same_double (((const GwCountRow *) gw_table_row (a, i))->value,
                                    ((const GwCountRow *) gw_table_row (b, i))->value));
    }
}

/* The loaded dataset is the imported one: imports, dictionaries (and their
 * numbering), current rows and history. */
static void
assert_same_dataset (GwDataset *a,
                     GwDataset *b)
{
  GListModel *ia = gw_dataset_get_imports (a), *ib = gw_dataset_get_imports (b);
  guint n = g_list_model_get_n_items (ia);

  g_assert_cmpuint (g_list_model_get_n_items (ib), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GwImport) x = g_list_model_get_item (ia, i);
      g_autoptr(GwImport) y = g_list_model_get_item (ib, i);
      const char *const *wx = gw_import_get_warnings (x);
      const char *const *wy = gw_import_get_warnings (y);

      g_assert_cmpstr (gw_import_get_id (x), ==, gw_import_get_id (y));
      g_assert_cmpstr (gw_import_get_file (x), ==, gw_import_get_file (y));
      g_assert_cmpstr (gw_import_get_sha256 (x), ==, gw_import_get_sha256 (y));
      g_assert_cmpstr (gw_import_get_version (x), ==, gw_import_get_version (y));
      g_assert_cmpstr (gw_import_get_publisher (x), ==, gw_import_get_publisher (y));
      g_assert_cmpstr (gw_import_get_title (x), ==, gw_import_get_title (y));
      g_assert_true (g_date_time_equal (gw_import_get_generated (x), gw_import_get_generated (y)));
      g_assert_cmpuint (gw_import_get_slot (x), ==, gw_import_get_slot (y));
      for (guint k = 0; k < GW_N_RECORD_KINDS; k++)
        g_assert_cmpuint (gw_import_get_records_of_kind (x, k), ==, gw_import_get_records_of_kind (y, k));
      g_assert_cmpuint (gw_import_get_revisions (x), ==, gw_import_get_revisions (y));
      g_assert_cmpuint (gw_import_get_n_warnings (x), ==, gw_import_get_n_warnings (y));
      g_assert_cmpuint (wx != NULL ? g_strv_length ((GStrv) wx) : 0, ==,
                        wy != NULL ? g_strv_length ((GStrv) wy) : 0);
      for (guint j = 0; wx != NULL && wx[j] != NULL; j++)
        g_assert_cmpstr (wx[j], ==, wy[j]);
    }

  g_assert_cmpuint (gw_dataset_n_areas (a), ==, gw_dataset_n_areas (b));
  for (guint i = 0; i < gw_dataset_n_areas (a); i++)
    {
      const GwArea *x = gw_dataset_get_area (a, i), *y = gw_dataset_get_area (b, i);

      g_assert_cmpstr (x->code, ==, y->code);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpint (x->type, ==, y->type);
      g_assert_cmpint (x->parent, ==, y->parent);
      g_assert_cmpuint (x->imd_decile, ==, y->imd_decile);
      g_assert_cmpuint (x->groups->len, ==, y->groups->len);
      for (guint j = 0; j < x->groups->len; j++)
        g_assert_cmpuint (g_array_index (x->groups, guint, j), ==, g_array_index (y->groups, guint, j));
    }
  g_assert_cmpuint (gw_dataset_n_groups (a), ==, gw_dataset_n_groups (b));
  for (guint i = 0; i < gw_dataset_n_groups (a); i++)
    {
      g_assert_cmpstr (gw_dataset_get_group (a, i)->id, ==, gw_dataset_get_group (b, i)->id);
      g_assert_cmpstr (gw_dataset_get_group (a, i)->name, ==, gw_dataset_get_group (b, i)->name);
    }
  g_assert_cmpuint (gw_dataset_n_bases (a), ==, gw_dataset_n_bases (b));
  for (guint i = 1; i < gw_dataset_n_bases (a); i++)
    g_assert_cmpstr (gw_dataset_get_basis (a, i), ==, gw_dataset_get_basis (b, i));
  g_assert_cmpuint (gw_dataset_n_indicators (a), ==, gw_dataset_n_indicators (b));
  for (guint i = 0; i < gw_dataset_n_indicators (a); i++)
    {
      const GwIndicatorDef *x = gw_dataset_get_indicator (a, i), *y = gw_dataset_get_indicator (b, i);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpstr (x->unit, ==, y->unit);
      g_assert_cmpint (x->polarity, ==, y->polarity);
    }

  for (guint k = 0; k < GW_N_RECORD_KINDS; k++)
    {
      assert_same_table (gw_dataset_get_table (a, k), gw_dataset_get_table (b, k));
      assert_same_table (gw_dataset_get_history (a, k), gw_dataset_get_history (b, k));
    }
}

/* Imports files through the workspace; asserts each file's outcome. */
static GwImportTask *
import_files (GwWorkspace           *workspace,
              GwDataset             *dataset,
              const char *const     *paths,
              GwWorkspaceFileStatus  expected)
{
  g_autoptr(GError) error = NULL;
  GwImportTask *task = gw_session_import_files (workspace, dataset, paths, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (task);
  g_assert_cmpuint (gw_import_task_get_n_results (task), ==, g_strv_length ((GStrv) paths));
  for (guint i = 0; i < gw_import_task_get_n_results (task); i++)
    {
      const GwWorkspaceFileResult *r = gw_session_get_file_result (task, i);

      g_assert_nonnull (r);
      if (r->status != expected)
        g_test_message ("%s: status %d: %s", paths[i], r->status,
                        r->error != NULL ? r->error->message : "");
      g_assert_cmpint (r->status, ==, expected);
    }
  return task;
}

/* Tests: opening */

static void
test_open_create (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GwWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *nested = g_build_filename (f->dir, "a", "b", "workspace.gwdb", NULL);
  g_autofree char *mode = NULL;
  g_autofree char *message = g_strdup_printf ("There is no workspace at %s", f->path);

  /* missing, not created */
  workspace = gw_workspace_open (f->path, GW_WORKSPACE_OPEN_DEFAULT, &error);
  g_assert_null (workspace);
  g_assert_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  workspace = open_workspace (f->path, GW_WORKSPACE_OPEN_CREATE);
  g_assert_cmpint (gw_workspace_count_imports (workspace, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_true (gw_workspace_check (workspace, &error));
  g_assert_null (gw_workspace_get_backup_path (workspace));
  g_clear_object (&workspace);

  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, GW_WORKSPACE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (f->path, "PRAGMA application_id"), ==, 0x47617077);
  mode = raw_text (f->path, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");

  /* the folders of the default place are made on the way */
  workspace = open_workspace (nested, GW_WORKSPACE_OPEN_CREATE);
  g_assert_true (g_file_test (nested, G_FILE_TEST_IS_REGULAR));
  g_clear_object (&workspace);

  {
    g_autofree char *def = gw_workspace_default_path ();
    g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "gapwatch", "workspace.gwdb", NULL);

    g_assert_cmpstr (def, ==, expected);
  }
}

static void
test_open_newer (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GwWorkspace) workspace = open_workspace (f->path, GW_WORKSPACE_OPEN_CREATE);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *backup = g_strdup_printf ("%s.v5.bak", f->path);

  g_clear_object (&workspace);
  raw_exec (f->path, "PRAGMA user_version = 5");

  workspace = gw_workspace_open (f->path, GW_WORKSPACE_OPEN_CREATE, &error);
  g_assert_null (workspace);
  g_assert_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_NEWER);
  expected = g_strdup_printf ("Cannot open the workspace %s: it was written by a newer Gapwatch "
                              "(workspace version 5; this version reads up to version 4). "
                              "Update Gapwatch to open it; the file was not changed.", f->path);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  workspace = gw_workspace_open (f->path, GW_WORKSPACE_OPEN_READ_ONLY, &error);
  g_assert_null (workspace);
  g_assert_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_NEWER);

  /* left as it was */
  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, 5);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
}

/* A version-0 file: the development snapshots' targets table only. */
static void
test_open_migrate (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GwWorkspace) workspace = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_strdup_printf ("%s.v0.bak", f->path);
  const GwTarget *t;

  raw_exec (f->path,
            "CREATE TABLE gw_targets (name TEXT PRIMARY KEY, indicator TEXT, group_id TEXT,"
            "  baseline TEXT, target_period TEXT, reduction REAL);"
            "INSERT INTO gw_targets VALUES ('le-2012', 'le-birth', 'spearhead', '1995-1997',"
            "  '2010-2012', 0.15);");
  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, 0);

  workspace = open_workspace (f->path, GW_WORKSPACE_OPEN_DEFAULT);
  g_assert_cmpstr (gw_workspace_get_backup_path (workspace), ==, backup);
  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, GW_WORKSPACE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM sqlite_master WHERE name = 'gw_targets'"), ==, 0);

  /* the backup is the file as it was */
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (raw_int (backup, "PRAGMA user_version"), ==, 0);
  g_assert_cmpint (raw_int (backup, "SELECT count(*) FROM gw_targets WHERE name = 'le-2012'"), ==, 1);
  g_assert_cmpint (raw_int (backup, "SELECT count(*) FROM sqlite_master WHERE name = 'imports'"), ==, 0);

  targets = load_targets (workspace, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (targets->len, ==, 1);
  t = g_ptr_array_index (targets, 0);
  g_assert_cmpstr (t->name, ==, "le-2012");
  g_assert_cmpstr (t->indicator, ==, "le-birth");
  g_assert_cmpstr (t->group, ==, "spearhead");
  g_assert_null (t->comparator);
  g_assert_cmpuint (t->baseline, ==, gw_period_pooled (1995, 1997));
  g_assert_cmpuint (t->target_period, ==, gw_period_pooled (2010, 2012));
  g_assert_cmpfloat (t->reduction, ==, 0.15);
  g_assert_cmpint (t->gap, ==, GW_GAP_RELATIVE);
  g_assert_cmpint (t->method, ==, GW_PROJECTION_LINEAR);
  g_assert_cmpuint (t->sexes, ==, (1u << GW_SEX_MALE) | (1u << GW_SEX_FEMALE));
  g_assert_true (gw_workspace_check (workspace, &error));
  g_clear_object (&workspace);

  /* migrated once: no second backup */
  workspace = open_workspace (f->path, GW_WORKSPACE_OPEN_DEFAULT);
  g_assert_null (gw_workspace_get_backup_path (workspace));
}

static void
test_open_foreign (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GwWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.sqlite", NULL);
  g_autofree char *expected = NULL;

  g_assert_true (g_file_set_contents (text, "These are not the records you are looking for.\n"
                                      "Nor is this line a database header of any kind at all.\n", -1, NULL));
  workspace = gw_workspace_open (text, GW_WORKSPACE_OPEN_CREATE, &error);
  g_assert_null (workspace);
  g_assert_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_NOT_WORKSPACE);
  g_clear_error (&error);

  raw_exec (other, "CREATE TABLE songs (title TEXT)");
  workspace = gw_workspace_open (other, GW_WORKSPACE_OPEN_CREATE, &error);
  g_assert_null (workspace);
  g_assert_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_NOT_WORKSPACE);
  expected = g_strdup_printf ("Cannot open %s: the file is not a Gapwatch workspace", other);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpint (raw_int (other, "SELECT count(*) FROM sqlite_master"), ==, 1);
}

/* Issue 17, item 6: a folder, a device or a FIFO is refused by name before
 * SQLite opens it (which said "disk I/O error", or waited on the FIFO). */
static void
test_open_special (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (f->dir, "pipe.gwdb", NULL);
  struct { const char *path; const char *what; } cases[] = {
    { f->dir, "it is a folder" },
    { "/dev/null", "it is a device" },
    { fifo, "it is a named pipe (FIFO)" },
  };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint flags = 0; flags < 3; flags++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *expected = g_strdup_printf ("Cannot open the workspace %s: %s, not a workspace file",
                                                     cases[i].path, cases[i].what);
        GwWorkspace *workspace = gw_workspace_open (cases[i].path, flags, &error);

        g_assert_null (workspace);
        g_assert_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_NOT_WORKSPACE);
        g_assert_cmpstr (error->message, ==, expected);
      }
  {
    CliRun run;
    g_autofree char *expected = g_strdup_printf ("Cannot open the workspace %s: it is a named pipe (FIFO), "
                                                 "not a workspace file", fifo);

    cli_run (&run, "track", "--workspace", fifo, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, expected));
    cli_run_clear (&run);
  }
}

/* gw_workspace_delete: the file and what SQLite keeps beside it. */
static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GwWorkspace) workspace = open_workspace (f->path, GW_WORKSPACE_OPEN_CREATE);
  g_autoptr(GwWorkspace) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
  g_autofree char *expected = NULL;

  raw_exec (f->path, "PRAGMA user_version");
  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_set_contents (wal, "", 0, NULL));
  g_clear_object (&workspace);
  g_assert_true (g_file_set_contents (wal, "left", -1, NULL));

  g_assert_true (gw_workspace_delete (f->path, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  /* nothing there: nothing to do */
  g_assert_true (gw_workspace_delete (f->path, &error));
  g_assert_no_error (error);

  /* a new workspace there starts empty */
  other = open_workspace (f->path, GW_WORKSPACE_OPEN_CREATE);
  g_assert_cmpint (gw_workspace_count_imports (other, &error), ==, 0);
  g_clear_object (&other);

  g_assert_false (gw_workspace_delete (f->dir, &error));
  g_assert_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_NOT_WORKSPACE);
  expected = g_strdup_printf ("Cannot delete the workspace %s: it is a folder", f->dir);
  g_assert_cmpstr (error->message, ==, expected);
}

/* Version 1 kept targets in columns: they come back the same from the
 * tracker's texts, and the file as it was is kept as a backup. */
static void
test_open_migrate_targets (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GwWorkspace) workspace = open_workspace (f->path, GW_WORKSPACE_OPEN_CREATE);
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_strdup_printf ("%s.v1.bak", f->path);
  const GwTarget *t;

  g_clear_object (&workspace);
  raw_exec (f->path,
            "DROP TABLE targets;"
            "CREATE TABLE targets (name TEXT PRIMARY KEY, title TEXT, indicator TEXT, group_id TEXT,"
            "  comparator TEXT, gap TEXT NOT NULL, baseline TEXT, target_period TEXT,"
            "  reduction REAL NOT NULL, sexes INTEGER NOT NULL, method TEXT NOT NULL,"
            "  polarity TEXT NOT NULL, saved_at TEXT NOT NULL) WITHOUT ROWID;"
            "INSERT INTO targets VALUES ('imr-north', 'Infant mortality, North East', 'imr', 'spearhead',"
            "  'E12000001', 'absolute', '1997-1999', '2010/11', 0.25, 4, 'holt', 'lower-is-better',"
            "  '2026-01-01T00:00:00Z');"
            "INSERT INTO targets VALUES ('le-2010', NULL, 'le-birth', 'spearhead', NULL, 'relative',"
            "  '1995-1997', '2009-2011', 0.1, 3, 'linear', '', '2026-01-01T00:00:00Z');"
            "PRAGMA user_version = 1;");

  workspace = open_workspace (f->path, GW_WORKSPACE_OPEN_DEFAULT);
  g_assert_cmpstr (gw_workspace_get_backup_path (workspace), ==, backup);
  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, GW_WORKSPACE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (backup, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (raw_int (backup, "SELECT count(*) FROM targets WHERE name = 'imr-north'"), ==, 1);
  g_assert_true (gw_workspace_check (workspace, &error));
  g_assert_no_error (error);

  targets = load_targets (workspace, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (targets->len, ==, 2);
  t = g_ptr_array_index (targets, 0);
  g_assert_cmpstr (t->name, ==, "imr-north");
  g_assert_cmpstr (t->title, ==, "Infant mortality, North East");
  g_assert_cmpstr (t->indicator, ==, "imr");
  g_assert_cmpstr (t->group, ==, "spearhead");
  g_assert_cmpstr (t->comparator, ==, "E12000001");
  g_assert_cmpint (t->gap, ==, GW_GAP_ABSOLUTE);
  g_assert_cmpuint (t->baseline, ==, gw_period_pooled (1997, 1999));
  g_assert_cmpuint (t->target_period, ==, gw_period_financial (2010));
  g_assert_cmpfloat (t->reduction, ==, 0.25);
  g_assert_cmpuint (t->sexes, ==, 1u << GW_SEX_PERSONS);
  g_assert_cmpint (t->method, ==, GW_PROJECTION_HOLT);
  g_assert_cmpint (t->polarity, ==, GW_POLARITY_LOWER_IS_BETTER);
  t = g_ptr_array_index (targets, 1);
  g_assert_cmpstr (t->name, ==, "le-2010");
  g_assert_null (t->title);
  g_assert_null (t->comparator);
  g_assert_cmpint (t->gap, ==, GW_GAP_RELATIVE);
  g_assert_cmpfloat (t->reduction, ==, 0.1);
  g_assert_cmpuint (t->sexes, ==, (1u << GW_SEX_MALE) | (1u << GW_SEX_FEMALE));
  g_assert_cmpint (t->method, ==, GW_PROJECTION_LINEAR);
  g_assert_cmpint (t->polarity, ==, GW_POLARITY_NONE);
}

static void
assert_same_target (const GwTarget *a,
                    const GwTarget *b)
{
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_cmpstr (a->title, ==, b->title);
  g_assert_cmpstr (a->indicator, ==, b->indicator);
  g_assert_cmpstr (a->group, ==, b->group);
  g_assert_cmpstr (a->comparator, ==, b->comparator);
  g_assert_cmpint (a->gap, ==, b->gap);
  g_assert_cmpuint (a->baseline, ==, b->baseline);
  g_assert_cmpuint (a->target_period, ==, b->target_period);
  g_assert_true (memcmp (&a->reduction, &b->reduction, sizeof (double)) == 0);
  g_assert_cmpuint (a->sexes, ==, b->sexes);
  g_assert_cmpint (a->method, ==, b->method);
  g_assert_cmpint (a->polarity, ==, b->polarity);
  g_assert_cmpint (a->subject, ==, b->subject);
  g_assert_cmpint (a->measure, ==, b->measure);
}

/* gw_target_serialize and back: every field exactly; untrusted texts
 * refused with what is wrong. */
static void
test_target_text (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GwTarget) custom = gw_target_new ("imr north; [x]");
  const char *const *names = gw_target_builtin_names ();
  struct { const char *text; const char *message; } bad[] = {
    { "", "The target cannot be read: there is no [Target] group" },
    { "[Target]\nName=x\n", "The target cannot be read: Version is missing or not a number" },
    { "[Target]\nVersion=3\nName=x\n", "The target cannot be read: it was written by a newer Gapwatch (version 3)" },
    { "[Target]\nVersion=1\n", "The target cannot be read: it has no Name" },
    { "[Target]\nVersion=1\nName=x\nGap=huge\n", "The target cannot be read: Gap “huge” is not relative or absolute" },
    { "[Target]\nVersion=1\nName=x\nSubject=everyone\n",
      "The target cannot be read: Subject “everyone” is not group, members or area" },
    { "[Target]\nVersion=1\nName=x\nMethod=guess\n", "The target cannot be read: Method “guess” is not linear, latest or holt" },
    { "[Target]\nVersion=1\nName=x\nPolarity=up\n",
      "The target cannot be read: Polarity “up” is not higher-is-better or lower-is-better" },
    { "[Target]\nVersion=1\nName=x\nBaseline=1995-97\n", "The target cannot be read: Baseline “1995-97” is not a period" },
    { "[Target]\nVersion=1\nName=x\nReduction=nan\n",
      "The target cannot be read: Reduction “nan” is not a fraction from 0 to 1" },
    { "[Target]\nVersion=1\nName=x\nReduction=1.5\n",
      "The target cannot be read: Reduction “1.5” is not a fraction from 0 to 1" },
    { "[Target]\nVersion=1\nName=x\nSexes=m;x;\n", "The target cannot be read: Sexes: “x” is not m, f or p" },
    { "[Target]\nVersion=1\nName=\xff\n", "The target cannot be read: the text is not valid UTF-8" },
  };

  custom->title = g_strdup ("  Infant mortality\nNorth East = \\ “quoted” ");
  custom->indicator = g_strdup ("imr");
  custom->group = g_strdup ("spearhead");
  custom->comparator = g_strdup ("E12000001");
  custom->gap = GW_GAP_ABSOLUTE;
  custom->baseline = gw_period_pooled (1997, 1999);
  custom->target_period = gw_period_quarter (2011, 3);
  custom->reduction = 0.1 + 0.2;   /* not 0.3: every bit must come back */
  custom->sexes = (1u << GW_SEX_FEMALE) | (1u << GW_SEX_PERSONS);
  custom->method = GW_PROJECTION_LATEST;
  custom->polarity = GW_POLARITY_HIGHER_IS_BETTER;
  custom->subject = GW_TARGET_SUBJECT_MEMBERS;

  for (gint i = -1; i < 0 || names[i] != NULL; i++)
    {
      g_autoptr(GwTarget) original = i < 0 ? gw_target_copy (custom) : gw_target_new_builtin (names[i]);
      g_autofree char *text = gw_target_serialize (original);
      g_autoptr(GwTarget) back = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *again = NULL;

      back = gw_target_deserialize (text, &error);
      g_assert_no_error (error);
      assert_same_target (original, back);
      again = gw_target_serialize (back);
      g_assert_cmpstr (again, ==, text);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GwTarget) t = gw_target_deserialize (bad[i].text, &error);

      g_assert_null (t);
      g_assert_error (error, GW_TARGET_ERROR, GW_TARGET_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, bad[i].message);
    }
}

/* Tests: importing and loading */

static void
test_import_samples (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(GStrv) paths = sample_paths ();
  g_autoptr(GwWorkspace) workspace = open_workspace (f->path, GW_WORKSPACE_OPEN_CREATE);
  g_autoptr(GwDataset) imported = gw_dataset_new ();
  g_autoptr(GwDataset) loaded = NULL;
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GError) error = NULL;
  guint total_revisions = 0;

  task = import_files (workspace, imported, (const char *const *) paths, GW_WORKSPACE_FILE_STORED);
  g_assert_cmpint (gw_workspace_count_imports (workspace, &error), ==, N_SAMPLES);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM import_original"), >=, N_SAMPLES);
  for (guint i = 0; i < N_SAMPLES; i++)
    total_revisions += gw_import_get_revisions (gw_import_task_get_result (task, i)->import);
  /* the March revision supersedes 36 counts of deaths-2007-03 */
  g_assert_cmpuint (total_revisions, ==, 36);
  g_clear_object (&workspace);

  loaded = load_dataset (f->path);
  assert_same_dataset (imported, loaded);
  g_assert_cmpuint (gw_dataset_count (loaded, GW_RECORD_DEATHS), >, 100000);
  g_assert_cmpuint (gw_table_n_rows (gw_dataset_get_history (loaded, GW_RECORD_DEATHS)), ==, 36);

  /* records are BLOBs of packed rows, not one SQL row each */
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM import_records"), <=, N_SAMPLES * 4);
  g_assert_cmpint (raw_int (f->path, "SELECT sum(n_rows) FROM import_records"), ==,
                   raw_int (f->path, "SELECT sum(n_deaths + n_population + n_births + n_values) FROM imports"));
}

/* The revision in either order: the latest `generated` wins, and the
 * loaded dataset agrees. */
static void
test_import_order (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *a = tracker_path ("le-a.xml");
  g_autofree char *b = tracker_path ("le-b-revision.xml");
  const char *reversed[] = { b, a, NULL };
  g_autoptr(GwWorkspace) workspace = open_workspace (f->path, GW_WORKSPACE_OPEN_CREATE);
  g_autoptr(GwDataset) imported = gw_dataset_new ();
  g_autoptr(GwDataset) loaded = NULL;
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GwImport) first = NULL;

  task = import_files (workspace, imported, reversed, GW_WORKSPACE_FILE_STORED);
  g_clear_object (&workspace);
  loaded = load_dataset (f->path);
  assert_same_dataset (imported, loaded);
  /* le-b names le-a's areas: refused first, read again after le-a, and
   * stored then (the watcher sees its "file-done" twice) */
  g_assert_cmpstr (gw_import_get_id (gw_import_task_get_result (task, 0)->import), ==, "le-3-b");
  g_assert_cmpuint (gw_import_get_revisions (gw_import_task_get_result (task, 0)->import), ==, 6);
  g_assert_cmpuint (gw_import_get_revisions (gw_import_task_get_result (task, 1)->import), ==, 0);
  first = g_list_model_get_item (gw_dataset_get_imports (loaded), 0);
  g_assert_cmpstr (gw_import_get_id (first), ==, "le-3-a");
  g_assert_cmpuint (gw_table_n_rows (gw_dataset_get_history (loaded, GW_RECORD_VALUES)), ==, 6);
}

static void
test_import_again (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *a = tracker_path ("le-a.xml");
  g_autofree char *b = tracker_path ("le-b-revision.xml");
  const char *both[] = { a, b, NULL };
  g_autoptr(GwWorkspace) workspace = open_workspace (f->path, GW_WORKSPACE_OPEN_CREATE);
  g_autoptr(GwDataset) dataset = gw_dataset_new ();
  g_autoptr(GwDataset) loaded = gw_dataset_new ();
  g_autoptr(GwDataset) elsewhere = gw_dataset_new ();
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL, *expected = NULL;
  const GwWorkspaceFileResult *r;

  g_clear_object (&task);
  task = import_files (workspace, dataset, both, GW_WORKSPACE_FILE_STORED);
  g_clear_object (&task);
  before = raw_text (f->path, "SELECT group_concat (id || ':' || export_id || ':' || imported_at) FROM imports");

  /* the same files into the dataset loaded from the workspace */
  g_assert_true (gw_workspace_load (workspace, loaded, NULL, &error));
  g_assert_no_error (error);
  task = import_files (workspace, loaded, both, GW_WORKSPACE_FILE_ALREADY_STORED);
  r = gw_session_get_file_result (task, 1);
  g_assert_cmpstr (r->error->message, ==, "le-b-revision.xml is already in the workspace: nothing changed");
  g_assert_cmpuint (g_list_model_get_n_items (gw_dataset_get_imports (loaded)), ==, 2);
  g_clear_object (&task);

  /* and into a dataset that does not know it: told apart by its SHA-256 */
  task = import_files (workspace, elsewhere, both, GW_WORKSPACE_FILE_ALREADY_STORED);
  g_assert_cmpuint (g_list_model_get_n_items (gw_dataset_get_imports (elsewhere)), ==, 2);
  g_clear_object (&task);

  after = raw_text (f->path, "SELECT group_concat (id || ':' || export_id || ':' || imported_at) FROM imports");
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (gw_workspace_count_imports (workspace, &error), ==, 2);

  /* the command line says so and succeeds */
  {
    CliRun run;

    cli_run (&run, "import", "--workspace", f->path, b, NULL);
    g_assert_cmpint (run.status, ==, 0);
    expected = g_strdup_printf ("%s: already in the workspace\n", b);
    g_assert_cmpstr (run.out, ==, expected);
    g_assert_cmpstr (run.err, ==, "");
    cli_run_clear (&run);
  }
  g_free (after);
  after = raw_text (f->path, "SELECT group_concat (id || ':' || export_id || ':' || imported_at) FROM imports");
  g_assert_cmpstr (after, ==, before);
}

/* One value of le-a.xml that le-b-revision.xml revises. */
static const GwValueRow *
revised_row (GwDataset *dataset,
             guint64   *logical)
{
  const GwTable *history = gw_dataset_get_history (dataset, GW_RECORD_VALUES);

  g_assert_cmpuint (gw_table_n_rows (history), >, 0);
  *logical = gw_row_logical (gw_table_row_key (history, 0));
  return gw_table_row (history, 0);
}

static void
test_remove (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *a = tracker_path ("le-a.xml");
  g_autofree char *b = tracker_path ("le-b-revision.xml");
  const char *both[] = { a, b, NULL };
  g_autoptr(GwWorkspace) workspace = open_workspace (f->path, GW_WORKSPACE_OPEN_CREATE);
  g_autoptr(GwDataset) dataset = gw_dataset_new ();
  g_autoptr(GwDataset) loaded = NULL;
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GError) error = NULL;
  const GwValueRow *old_row, *current;
  guint64 key;
  double old_value, revised_value;
  g_autoptr(GwImport) revision = NULL;

  task = import_files (workspace, dataset, both, GW_WORKSPACE_FILE_STORED);
  g_clear_object (&task);
  g_clear_object (&workspace);

  /* as loaded: the revision is current, the value it superseded in the history */
  workspace = open_workspace (f->path, GW_WORKSPACE_OPEN_DEFAULT);
  g_clear_object (&dataset);
  dataset = gw_dataset_new ();
  g_assert_true (gw_workspace_load (workspace, dataset, NULL, &error));
  g_assert_no_error (error);
  old_row = revised_row (dataset, &key);
  old_value = old_row->value;
  current = gw_table_lookup (gw_dataset_get_table (dataset, GW_RECORD_VALUES), key);
  g_assert_nonnull (current);
  revised_value = current->value;
  g_assert_cmpfloat (revised_value, !=, old_value);
  g_assert_cmpuint (gw_table_n_rows (gw_dataset_get_history (dataset, GW_RECORD_VALUES)), ==, 6);

  /* a reference of our own: removing drops the dataset's */
  revision = g_object_ref (gw_dataset_find_import (dataset, "le-3-b"));
  g_assert_true (gw_workspace_remove_import (workspace, dataset, revision, &error));
  g_assert_no_error (error);

  /* in this dataset ... */
  current = gw_table_lookup (gw_dataset_get_table (dataset, GW_RECORD_VALUES), key);
  g_assert_cmpfloat (current->value, ==, old_value);
  g_assert_cmpuint (gw_table_n_rows (gw_dataset_get_history (dataset, GW_RECORD_VALUES)), ==, 0);
  g_assert_cmpint (gw_workspace_count_imports (workspace, &error), ==, 1);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM import_records"), ==,
                   raw_int (f->path, "SELECT count(*) FROM import_records WHERE import_id = 1"));
  g_assert_true (gw_workspace_check (workspace, &error));
  g_clear_object (&workspace);

  /* ... and in the next session */
  loaded = load_dataset (f->path);
  g_assert_cmpuint (g_list_model_get_n_items (gw_dataset_get_imports (loaded)), ==, 1);
  current = gw_table_lookup (gw_dataset_get_table (loaded, GW_RECORD_VALUES), key);
  g_assert_nonnull (current);
  g_assert_cmpfloat (current->value, ==, old_value);
  g_assert_cmpuint (gw_table_n_rows (gw_dataset_get_history (loaded, GW_RECORD_VALUES)), ==, 0);

  /* removing what is not there says so */
  workspace = open_workspace (f->path, GW_WORKSPACE_OPEN_DEFAULT);
  g_assert_false (gw_workspace_remove_import (workspace, dataset, revision, &error));
  g_assert_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_NOT_STORED);
}

/* Removing an import that declared the areas others use: the others still
 * load (the areas come back from their own dictionaries). */
static void
test_remove_declaring (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *areas = sample_path ("01-areas.xml");
  g_autofree char *deaths = sample_path ("05-deaths-2007-01.xml.gz");
  const char *files[] = { areas, deaths, NULL };
  g_autoptr(GwWorkspace) workspace = open_workspace (f->path, GW_WORKSPACE_OPEN_CREATE);
  g_autoptr(GwDataset) dataset = gw_dataset_new ();
  g_autoptr(GwDataset) loaded = NULL;
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GError) error = NULL;
  gint area;

  task = import_files (workspace, dataset, files, GW_WORKSPACE_FILE_STORED);
  g_assert_true (gw_workspace_remove_import (workspace, dataset,
                                             gw_dataset_find_import (dataset, "areas-2007"), &error));
  g_assert_no_error (error);
  g_clear_object (&workspace);

  loaded = load_dataset (f->path);
  g_assert_cmpuint (gw_dataset_count (loaded, GW_RECORD_DEATHS), ==, gw_dataset_count (dataset, GW_RECORD_DEATHS));
  area = gw_dataset_lookup_area (loaded, "E06000002");
  g_assert_cmpint (area, >=, 0);
  g_assert_cmpstr (gw_dataset_get_area (loaded, area)->name, ==, "Middlesbrough");
  g_assert_cmpint (gw_dataset_get_area (loaded, area)->type, ==, GW_AREA_UA);
}

/* Rows gone missing behind its back: the import is refused, the others load. */
static void
test_load_damaged (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *a = tracker_path ("le-a.xml");
  g_autofree char *b = tracker_path ("le-b-revision.xml");
  g_autofree char *expected = NULL;
  g_autoptr(GwWorkspace) workspace = open_workspace (f->path, GW_WORKSPACE_OPEN_CREATE);
  g_autoptr(GwDataset) dataset = gw_dataset_new ();
  g_autoptr(GwDataset) loaded = gw_dataset_new ();
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GError) error = NULL;

  task = import_files (workspace, dataset, (const char *const[]) { a, b, NULL }, GW_WORKSPACE_FILE_STORED);
  raw_exec (f->path, "DELETE FROM import_records WHERE import_id = 2");

  g_assert_false (gw_workspace_load (workspace, loaded, NULL, &error));
  g_assert_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_CORRUPT);
  expected = g_strdup_printf ("Cannot load le-3-b from the workspace %s: the workspace is damaged: "
                              "import_records: rows missing", f->path);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpuint (g_list_model_get_n_items (gw_dataset_get_imports (loaded)), ==, 1);
  g_assert_nonnull (gw_dataset_find_import (loaded, "le-3-a"));
}

/* A workspace of le-a.xml (indicator values only) at dir/name. */
static char *
hostile_workspace (Fixture    *f,
                   const char *name)
{
  g_autofree char *a = tracker_path ("le-a.xml");
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GwWorkspace) workspace = open_workspace (path, GW_WORKSPACE_OPEN_CREATE);
  g_autoptr(GwDataset) dataset = gw_dataset_new ();
  g_autoptr(GwImportTask) task = NULL;

  task = import_files (workspace, dataset, (const char *const[]) { a, NULL }, GW_WORKSPACE_FILE_STORED);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM import_records WHERE kind <> 'values'"), ==, 0);
  return path;
}

/* Sets the key of the first stored values record: the rest of the key as
 * it was, then the bits of mask from bits. */
static void
patch_first_key (const char *path,
                 guint64     mask,
                 guint64     bits)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree guint8 *data = NULL;
  gsize n;
  guint64 key;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT data FROM import_records WHERE kind = 'values'"
                                       " AND chunk = 0", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_bytes (stmt, 0);
  data = g_memdup2 (sqlite3_column_blob (stmt, 0), n);
  sqlite3_finalize (stmt);
  memcpy (&key, data, 8);
  key = GUINT64_FROM_LE (key);
  key = (key & ~mask) | bits;
  key = GUINT64_TO_LE (key);
  memcpy (data, &key, 8);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE import_records SET data = ? WHERE kind = 'values'"
                                       " AND chunk = 0", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_blob (stmt, 1, data, (int) n, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static char *
file_sha256 (const char *path)
{
  g_autofree char *contents = NULL;
  gsize n = 0;

  g_assert_true (g_file_get_contents (path, &contents, &n, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, n);
}

/* Loading path must fail with "the workspace is damaged: <detail>" (detail
 * NULL: any), commit nothing, and leave the file as it was; gapwatch-cli
 * says the same and exits 1. */
static void
assert_refused (const char *path,
                const char *export_id,
                const char *detail)
{
  g_autofree char *before = file_sha256 (path);
  g_autofree char *after = NULL;
  g_autofree char *prefix = g_strdup_printf ("Cannot load %s from the workspace %s: the workspace is damaged: ",
                                             export_id, path);
  g_autoptr(GwWorkspace) workspace = open_workspace (path, GW_WORKSPACE_OPEN_DEFAULT);
  g_autoptr(GwDataset) dataset = gw_dataset_new ();
  g_autoptr(GError) error = NULL;
  CliRun run;

  g_assert_false (gw_workspace_load (workspace, dataset, NULL, &error));
  g_assert_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_CORRUPT);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  if (detail != NULL)
    g_assert_cmpstr (error->message + strlen (prefix), ==, detail);
  g_assert_cmpuint (g_list_model_get_n_items (gw_dataset_get_imports (dataset)), ==, 0);
  g_assert_cmpuint (gw_dataset_n_areas (dataset), ==, 0);
  for (guint k = 0; k < GW_N_RECORD_KINDS; k++)
    g_assert_cmpuint (gw_dataset_count (dataset, k), ==, 0);
  g_clear_object (&workspace);
  after = file_sha256 (path);
  g_assert_cmpstr (before, ==, after);

  cli_run (&run, "track", "--workspace", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, error->message));
  cli_run_clear (&run);
}

/* Issue 17, item 1: a crafted workspace is refused, never loaded as it is. */
static void
test_load_hostile (Fixture       *f,
                   gconstpointer  data)
{
  const guint64 area_bits = G_GUINT64_CONSTANT (0xfffff) << 22;
  const guint64 group_bit = G_GUINT64_CONSTANT (1) << 42;
  const guint64 sex_bits = G_GUINT64_CONSTANT (3) << 20;

  {
    g_autofree char *path = hostile_workspace (f, "random.gwdb");

    raw_exec (path, "UPDATE import_records SET data = randomblob(length(data))");
    assert_refused (path, "le-3-a", NULL);
  }
  {
    g_autofree char *path = hostile_workspace (f, "area.gwdb");

    patch_first_key (path, area_bits | group_bit, area_bits);
    assert_refused (path, "le-3-a", "values record 1 has area 1048575, which is out of range");
  }
  {
    g_autofree char *path = hostile_workspace (f, "sex.gwdb");

    patch_first_key (path, sex_bits, sex_bits);
    assert_refused (path, "le-3-a", "values record 1 has sex 3, which is out of range");
  }
  {
    g_autofree char *path = hostile_workspace (f, "key.gwdb");

    patch_first_key (path, G_GUINT64_CONSTANT (1) << 60, G_GUINT64_CONSTANT (1) << 60);
    assert_refused (path, "le-3-a", "values record 1 has a key no export can give");
  }
  {
    g_autofree char *path = hostile_workspace (f, "truncated.gwdb");
    gint64 bytes = raw_int (path, "SELECT length(data) FROM import_records");
    gint64 rows = raw_int (path, "SELECT n_rows FROM import_records");
    g_autofree char *detail = NULL;

    g_assert_cmpint (bytes, ==, rows * 49);
    raw_exec (path, "UPDATE import_records SET data = substr(data, 1, length(data) - 5)");
    detail = g_strdup_printf ("a chunk of values records holds %" G_GINT64_FORMAT " bytes for %"
                              G_GINT64_FORMAT " records", bytes - 5, rows);
    assert_refused (path, "le-3-a", detail);
  }
  {
    g_autofree char *path = hostile_workspace (f, "value.gwdb");

    /* an infinite value: the 8 bytes after the key of the first record */
    raw_exec (path, "UPDATE import_records SET data = CAST(substr(data, 1, 8) || X'000000000000F07F'"
                    " || substr(data, 17) AS BLOB)");
    g_assert_cmpint (raw_int (path, "SELECT typeof(data) = 'blob' FROM import_records"), ==, 1);
    assert_refused (path, "le-3-a", "values record 1 has a value no export can give");
  }
  {
    g_autofree char *path = hostile_workspace (f, "name.gwdb");

    raw_exec (path, "UPDATE import_areas SET name = CAST(X'4E6F72FF7468' AS TEXT)"
                    " WHERE number = (SELECT min(number) FROM import_areas WHERE name IS NOT NULL)");
    assert_refused (path, "le-3-a", "import_areas.name is not valid UTF-8");
  }
  {
    g_autofree char *path = hostile_workspace (f, "id.gwdb");

    raw_exec (path, "UPDATE imports SET export_id = CAST(X'6C652D33FF' AS TEXT)");
    assert_refused (path, "le-3\357\277\275", "imports.export_id is not valid UTF-8");
  }
  {
    g_autofree char *path = hostile_workspace (f, "warnings.gwdb");

    raw_exec (path, "UPDATE imports SET n_warnings = -1");
    assert_refused (path, "le-3-a", "imports.n_warnings");
  }
}

static void
assert_same_file (const char *a,
                  const char *b)
{
  g_autofree char *x = NULL, *y = NULL;
  gsize nx = 0, ny = 0;

  g_assert_true (g_file_get_contents (a, &x, &nx, NULL));
  g_assert_true (g_file_get_contents (b, &y, &ny, NULL));
  g_assert_cmpuint (nx, ==, ny);
  g_assert_true (memcmp (x, y, nx) == 0);
}

static void
test_original (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *plain = sample_path ("03-births-1993-2007.xml");
  g_autofree char *gz = sample_path ("02-population-1993-2007.xml.gz");
  g_autofree char *out_plain = g_build_filename (f->dir, "births.xml", NULL);
  g_autofree char *out_gz = g_build_filename (f->dir, "population.xml.gz", NULL);
  g_autofree char *areas = sample_path ("01-areas.xml");
  const char *files[] = { areas, plain, gz, NULL };
  g_autoptr(GwWorkspace) workspace = open_workspace (f->path, GW_WORKSPACE_OPEN_CREATE);
  g_autoptr(GwDataset) dataset = gw_dataset_new ();
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GError) error = NULL;

  task = import_files (workspace, dataset, files, GW_WORKSPACE_FILE_STORED);

  /* the plain file was gzipped; the gzip one kept as it was */
  g_assert_cmpint (raw_int (f->path, "SELECT original_gzip FROM imports WHERE export_id = 'births-1993-2007'"), ==, 0);
  g_assert_cmpint (raw_int (f->path, "SELECT original_gzip FROM imports WHERE export_id = 'population-1993-2007'"), ==, 1);
  g_assert_cmpint (raw_int (f->path, "SELECT sum (length (data)) FROM import_original o JOIN imports i"
                                     " ON o.import_id = i.id WHERE export_id = 'births-1993-2007'"), <, 289551 / 3);

  g_assert_true (gw_workspace_save_original (workspace, "births-1993-2007", out_plain, &error));
  g_assert_no_error (error);
  assert_same_file (plain, out_plain);
  g_assert_true (gw_workspace_save_original (workspace, "population-1993-2007", out_gz, &error));
  g_assert_no_error (error);
  assert_same_file (gz, out_gz);

  g_assert_false (gw_workspace_save_original (workspace, "no-such-export", out_gz, &error));
  g_assert_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_NOT_STORED);
  assert_same_file (gz, out_gz);
}

static void
test_targets (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GwWorkspace) workspace = open_workspace (f->path, GW_WORKSPACE_OPEN_CREATE);
  g_autoptr(GwTarget) le = gw_target_new_builtin ("le-2010");
  g_autoptr(GwTarget) custom = gw_target_new ("imr-north");
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GError) error = NULL;
  const GwTarget *t;

  custom->title = g_strdup ("Infant mortality, North East");
  custom->indicator = g_strdup ("imr");
  custom->group = g_strdup ("spearhead");
  custom->comparator = g_strdup ("E12000001");
  custom->gap = GW_GAP_ABSOLUTE;
  custom->baseline = gw_period_pooled (1997, 1999);
  custom->target_period = gw_period_financial (2010);
  custom->reduction = 0.25;
  custom->sexes = 1u << GW_SEX_PERSONS;
  custom->method = GW_PROJECTION_HOLT;
  custom->polarity = GW_POLARITY_LOWER_IS_BETTER;

  g_assert_true (save_target (workspace, le, &error));
  g_assert_true (save_target (workspace, custom, &error));
  custom->reduction = 0.3;
  g_assert_true (save_target (workspace, custom, &error));
  g_assert_no_error (error);
  g_clear_object (&workspace);

  workspace = open_workspace (f->path, GW_WORKSPACE_OPEN_READ_ONLY);
  targets = load_targets (workspace, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (targets->len, ==, 2);
  t = g_ptr_array_index (targets, 0);
  g_assert_cmpstr (t->name, ==, "imr-north");
  g_assert_cmpstr (t->title, ==, custom->title);
  g_assert_cmpstr (t->indicator, ==, "imr");
  g_assert_cmpstr (t->group, ==, "spearhead");
  g_assert_cmpstr (t->comparator, ==, "E12000001");
  g_assert_cmpint (t->gap, ==, GW_GAP_ABSOLUTE);
  g_assert_cmpuint (t->baseline, ==, custom->baseline);
  g_assert_cmpuint (t->target_period, ==, custom->target_period);
  g_assert_cmpfloat (t->reduction, ==, 0.3);
  g_assert_cmpuint (t->sexes, ==, 1u << GW_SEX_PERSONS);
  g_assert_cmpint (t->method, ==, GW_PROJECTION_HOLT);
  g_assert_cmpint (t->polarity, ==, GW_POLARITY_LOWER_IS_BETTER);
  t = g_ptr_array_index (targets, 1);
  g_assert_cmpstr (t->name, ==, "le-2010");
  g_assert_cmpuint (t->baseline, ==, le->baseline);
  g_assert_null (t->comparator);

  /* read-only: nothing is written */
  g_assert_false (gw_workspace_remove_target (workspace, "le-2010", &error));
  g_assert_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_clear_object (&workspace);

  workspace = open_workspace (f->path, GW_WORKSPACE_OPEN_DEFAULT);
  g_assert_true (gw_workspace_remove_target (workspace, "le-2010", &error));
  g_assert_false (gw_workspace_remove_target (workspace, "le-2010", &error));
  g_assert_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_NOT_STORED);
  g_clear_pointer (&targets, g_ptr_array_unref);
  targets = load_targets (workspace, NULL);
  g_assert_cmpuint (targets->len, ==, 1);
}

/* Tests: other processes */

static char *
cli_output (const char *first_arg,
            ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  CliRun run;
  va_list ap;
  char *out;

  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  cli_run_argv (&run, NULL, (const char *const *) args->pdata);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  out = g_steal_pointer (&run.out);
  cli_run_clear (&run);
  return out;
}

/* `track --workspace` in a new process prints what `track FILE...` does. */
static void
test_cli_track (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *a = tracker_path ("le-a.xml");
  g_autofree char *b = tracker_path ("le-b-revision.xml");
  g_autofree char *expected = NULL;
  g_autofree char *from_files = NULL, *from_workspace = NULL;
  g_autofree char *summary_files = NULL, *summary_workspace = NULL;
  g_autofree char *mixed = NULL;
  CliRun run;

  cli_run (&run, "import", "--workspace", f->path, a, b, NULL);
  g_assert_cmpint (run.status, ==, 0);
  expected = g_strdup_printf ("%s: imported 1312 records, 0 revisions\n"
                              "%s: imported 6 records, 6 revisions\n", a, b);
  g_assert_cmpstr (run.out, ==, expected);
  g_assert_cmpstr (run.err, ==, "");
  cli_run_clear (&run);

  from_files = cli_output ("track", a, b, NULL);
  from_workspace = cli_output ("track", "--workspace", f->path, NULL);
  g_assert_cmpuint (strlen (from_workspace), >, 1000);
  g_assert_cmpstr (from_workspace, ==, from_files);

  g_free (from_files);
  g_free (from_workspace);
  from_files = cli_output ("track", "--summary", a, b, NULL);
  from_workspace = cli_output ("track", "--summary", "--workspace", f->path, NULL);
  g_assert_cmpstr (from_workspace, ==, from_files);

  summary_files = cli_output ("summary", "--format", "json", a, b, NULL);
  summary_workspace = cli_output ("summary", "--format", "json", "--workspace", f->path, NULL);
  g_assert_cmpstr (summary_workspace, ==, summary_files);

  /* besides files: the workspace first, then the file (not stored) */
  mixed = cli_output ("track", "--summary", "--workspace", f->path, b, NULL);
  g_assert_cmpstr (mixed, ==, from_files);
  assert_sound (f->path, 2);

  /* a workspace that is not there */
  {
    g_autofree char *missing = g_build_filename (f->dir, "missing.gwdb", NULL);
    g_autofree char *message = g_strdup_printf ("gapwatch-cli track: There is no workspace at %s\n", missing);

    cli_run (&run, "track", "--workspace", missing, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.err, ==, message);
    g_assert_cmpstr (run.out, ==, "");
    cli_run_clear (&run);
  }
}

/* The same with the samples: deaths, populations, births, a revision. */
static void
test_cli_samples (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(GStrv) paths = sample_paths ();
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *from_files = NULL, *from_workspace = NULL;
  CliRun run;

  cli_import_ok (f->path, (const char *const *) paths);

  g_ptr_array_add (args, (gpointer) "indicators");
  for (guint i = 0; paths[i] != NULL; i++)
    g_ptr_array_add (args, paths[i]);
  g_ptr_array_add (args, NULL);
  cli_run_argv (&run, NULL, (const char *const *) args->pdata);
  g_assert_cmpint (run.status, ==, 0);
  from_files = g_steal_pointer (&run.out);
  cli_run_clear (&run);

  from_workspace = cli_output ("indicators", "--workspace", f->path, NULL);
  g_assert_cmpuint (strlen (from_workspace), >, 100000);
  g_assert_cmpstr (from_workspace, ==, from_files);

  g_free (from_files);
  g_free (from_workspace);
  args->pdata[0] = (gpointer) "track";
  cli_run_argv (&run, NULL, (const char *const *) args->pdata);
  from_files = g_steal_pointer (&run.out);
  cli_run_clear (&run);
  from_workspace = cli_output ("track", "--workspace", f->path, NULL);
  g_assert_cmpstr (from_workspace, ==, from_files);
}

static void
test_cli_errors (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *a = tracker_path ("le-a.xml");
  g_autofree char *bad = g_build_filename (f->dir, "bad.xml", NULL);
  g_autofree char *expected = NULL;
  CliRun run;

  g_assert_true (g_file_set_contents (bad, "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\"", -1, NULL));
  cli_run (&run, "import", "--workspace", f->path, bad, a, NULL);
  g_assert_cmpint (run.status, ==, 1);
  expected = g_strdup_printf ("%s: rejected (1 error)\n%s: imported 1312 records, 0 revisions\n", bad, a);
  g_assert_cmpstr (run.out, ==, expected);
  g_assert_true (g_str_has_prefix (run.err, "bad.xml:"));
  cli_run_clear (&run);
  assert_sound (f->path, 1);

  cli_run (&run, "import", "--workspace", f->path, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_true (g_str_has_prefix (run.err, "gapwatch-cli import: no files given\n"));
  cli_run_clear (&run);
}

/* kill -9 inside the transaction leaves the workspace as it was. */
static void
test_crash_kill (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *a = tracker_path ("le-a.xml");
  g_autofree char *b = tracker_path ("le-b-revision.xml");
  g_autofree char *stall = g_build_filename (f->dir, "stall", NULL);
  g_autofree char *wal = g_strdup_printf ("%s-wal", f->path);
  const char *first[] = { a, NULL };
  const char *args[] = { "import", "--workspace", f->path, b, NULL };
  g_autoptr(GwDataset) loaded = NULL;
  GPid pid;

  cli_import_ok (f->path, first);

  pid = cli_spawn (stall, args);
  wait_for_file (stall);
  /* the child has written every row and not committed */
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (wait_child (pid), ==, -SIGKILL);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  assert_sound (f->path, 1);
  loaded = load_dataset (f->path);
  g_assert_cmpuint (g_list_model_get_n_items (gw_dataset_get_imports (loaded)), ==, 1);
  g_assert_nonnull (gw_dataset_find_import (loaded, "le-3-a"));
  g_assert_cmpuint (gw_dataset_count (loaded, GW_RECORD_VALUES), ==, 1312);

  /* and it takes the import afterwards */
  g_unlink (stall);
  cli_import_ok (f->path, (const char *const[]) { b, NULL });
  assert_sound (f->path, 2);
}

/* With its -wal and -shm: a stale -wal would be replayed into a new file. */
static void
remove_workspace (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

/* Killed at any moment of a run of many files: whole imports only. */
static void
test_crash_random (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(GStrv) paths = sample_paths ();
  const guint delays_ms[] = { 40, 90, 160 };

  for (gsize d = 0; d < G_N_ELEMENTS (delays_ms); d++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autoptr(GwDataset) loaded = NULL;
      g_autoptr(GwWorkspace) workspace = NULL;
      g_autoptr(GError) error = NULL;
      gint n;
      GPid pid;

      remove_workspace (f->path);
      g_ptr_array_add (args, (gpointer) "import");
      g_ptr_array_add (args, (gpointer) "--workspace");
      g_ptr_array_add (args, f->path);
      for (guint i = 0; paths[i] != NULL; i++)
        g_ptr_array_add (args, paths[i]);
      g_ptr_array_add (args, NULL);

      pid = cli_spawn (NULL, (const char *const *) args->pdata);
      g_usleep (delays_ms[d] * 1000);
      kill (pid, SIGKILL);
      wait_child (pid);

      if (!g_file_test (f->path, G_FILE_TEST_EXISTS))
        continue;
      workspace = open_workspace (f->path, GW_WORKSPACE_OPEN_DEFAULT);
      g_assert_true (gw_workspace_check (workspace, &error));
      g_assert_no_error (error);
      n = gw_workspace_count_imports (workspace, &error);
      g_test_message ("killed after %u ms: %d imports stored", delays_ms[d], n);
      loaded = gw_dataset_new ();
      g_assert_true (gw_workspace_load (workspace, loaded, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (gw_dataset_get_imports (loaded)), ==, (guint) n);
      g_clear_object (&workspace);
      remove_workspace (f->path);
    }
}

/* A read-only location: a clear error, nothing lost. */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *a = tracker_path ("le-a.xml");
  g_autofree char *b = tracker_path ("le-b-revision.xml");
  g_autofree char *expected = NULL;
  const char *import_b[] = { "import", "--workspace", f->path, b, NULL };
  const char *summary[] = { "track", "--summary", "--workspace", f->path, NULL };
  gboolean root = geteuid () == 0;
  ChildSetup setup = { root ? CHILD_OTHER_USER : CHILD_PLAIN, 0 };
  g_autofree char *before = NULL;
  CliRun run;

  cli_import_ok (f->path, (const char *const[]) { a, NULL });
  before = cli_output ("track", "--summary", a, NULL);

  /* root ignores modes: the child runs as nobody, for whom the folder and
   * the file (root's, 0755 and 0644) are read-only */
  if (!root)
    {
      g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
      g_assert_cmpint (g_chmod (f->dir, 0555), ==, 0);
    }
  else
    g_assert_cmpint (g_chmod (f->path, 0644), ==, 0);

  cli_run_argv (&run, &setup, import_b);
  g_assert_cmpint (run.status, ==, 1);
  expected = g_strdup_printf ("gapwatch-cli import: Cannot open the workspace %s: "
                              "the file or its folder is read-only\n", f->path);
  g_assert_cmpstr (run.err, ==, expected);
  g_assert_cmpstr (run.out, ==, "");
  cli_run_clear (&run);

  /* reading works there all the same */
  cli_run_argv (&run, &setup, summary);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, before);
  cli_run_clear (&run);

  /* creating one in a read-only folder */
  {
    g_autofree char *fresh = g_build_filename (f->dir, "new.gwdb", NULL);
    const char *create[] = { "import", "--workspace", fresh, a, NULL };

    g_free (expected);
    expected = g_strdup_printf ("gapwatch-cli import: Cannot create the workspace %s: "
                                "the folder is read-only\n", fresh);
    cli_run_argv (&run, &setup, create);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.err, ==, expected);
    cli_run_clear (&run);
    g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  }

  g_chmod (f->dir, 0755);
  g_chmod (f->path, 0644);
  assert_sound (f->path, 1);

  /* a workspace opened read-only refuses to store, and the dataset does not
   * keep what it could not store */
  {
    g_autoptr(GwWorkspace) workspace = open_workspace (f->path, GW_WORKSPACE_OPEN_READ_ONLY);
    g_autoptr(GwDataset) dataset = gw_dataset_new ();
    g_autoptr(GwImportTask) task = NULL;
    const GwWorkspaceFileResult *r;

    g_assert_true (gw_workspace_load (workspace, dataset, NULL, NULL));
    task = import_files (workspace, dataset, (const char *const[]) { b, NULL }, GW_WORKSPACE_FILE_NOT_STORED);
    r = gw_session_get_file_result (task, 0);
    g_assert_error (r->error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_READ_ONLY);
    g_assert_cmpuint (g_list_model_get_n_items (gw_dataset_get_imports (dataset)), ==, 1);
  }
  assert_sound (f->path, 1);
}

/* A full disk (a file size limit): a clear error, nothing lost. */
static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *areas = sample_path ("01-areas.xml");
  g_autofree char *population = sample_path ("02-population-1993-2007.xml.gz");
  g_autofree char *expected = NULL;
  const char *args[] = { "import", "--workspace", f->path, population, NULL };
  /* the records and the copy of the file are megabytes: the -wal file
   * cannot grow past 256 KiB */
  ChildSetup setup = { CHILD_FILE_LIMIT, 256 * 1024 };
  CliRun run;

  cli_import_ok (f->path, (const char *const[]) { areas, NULL });

  cli_run_argv (&run, &setup, args);
  g_assert_cmpint (run.status, ==, 1);
  expected = g_strdup_printf ("02-population-1993-2007.xml.gz was not stored in the workspace %s: "
                              "there is no space left on the disk\n", f->path);
  g_assert_cmpstr (run.err, ==, expected);
  g_free (expected);
  expected = g_strdup_printf ("%s: not stored\n", population);
  g_assert_cmpstr (run.out, ==, expected);
  cli_run_clear (&run);

  assert_sound (f->path, 1);
  {
    g_autoptr(GwDataset) loaded = load_dataset (f->path);

    g_assert_nonnull (gw_dataset_find_import (loaded, "areas-2007"));
    g_assert_cmpuint (gw_dataset_n_areas (loaded), ==, 159);
  }

  /* with room again, it goes in */
  cli_import_ok (f->path, (const char *const[]) { population, NULL });
  assert_sound (f->path, 2);
}

/* A second program while one writes: it reads the state before the write,
 * its own write waits and then gives up clearly, nothing is corrupted. */
static void
test_concurrent (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *a = tracker_path ("le-a.xml");
  g_autofree char *b = tracker_path ("le-b-revision.xml");
  g_autofree char *c = sample_path ("07-le-imr-published.xml");
  g_autofree char *stall = g_build_filename (f->dir, "stall", NULL);
  const char *args[] = { "import", "--workspace", f->path, b, NULL };
  g_autoptr(GwWorkspace) workspace = NULL;
  g_autoptr(GwDataset) dataset = gw_dataset_new ();
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GError) error = NULL;
  const GwWorkspaceFileResult *r;
  GPid pid;

  cli_import_ok (f->path, (const char *const[]) { a, NULL });

  pid = cli_spawn (stall, args);
  wait_for_file (stall);

  workspace = open_workspace (f->path, GW_WORKSPACE_OPEN_DEFAULT);
  g_assert_true (gw_workspace_load (workspace, dataset, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (gw_dataset_get_imports (dataset)), ==, 1);

  gw_workspace_set_busy_timeout (workspace, 200);
  task = import_files (workspace, dataset, (const char *const[]) { c, NULL }, GW_WORKSPACE_FILE_NOT_STORED);
  r = gw_session_get_file_result (task, 0);
  g_assert_error (r->error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_BUSY);
  g_assert_true (g_str_has_suffix (r->error->message, "another program is writing to the workspace; "
                                                      "try again when it has finished"));
  g_assert_cmpuint (g_list_model_get_n_items (gw_dataset_get_imports (dataset)), ==, 1);
  g_clear_object (&task);

  /* the writer goes on and commits */
  g_unlink (stall);
  g_assert_cmpint (wait_child (pid), ==, 0);

  gw_workspace_set_busy_timeout (workspace, 5000);
  task = import_files (workspace, dataset, (const char *const[]) { c, NULL }, GW_WORKSPACE_FILE_STORED);
  g_clear_object (&task);
  g_assert_true (gw_workspace_check (workspace, &error));
  g_assert_cmpint (gw_workspace_count_imports (workspace, &error), ==, 3);
  g_clear_object (&workspace);

  /* two programs creating and writing the same new workspace at once */
  {
    g_autofree char *fresh = g_build_filename (f->dir, "fresh.gwdb", NULL);
    g_autofree char *areas = sample_path ("01-areas.xml");
    const char *one[] = { "import", "--workspace", fresh, a, b, NULL };
    const char *two[] = { "import", "--workspace", fresh, areas, c, NULL };
    GPid p1 = cli_spawn (NULL, one), p2 = cli_spawn (NULL, two);
    g_autoptr(GwDataset) loaded = NULL;

    g_assert_cmpint (wait_child (p1), ==, 0);
    g_assert_cmpint (wait_child (p2), ==, 0);
    assert_sound (fresh, 4);
    loaded = load_dataset (fresh);
    g_assert_cmpuint (g_list_model_get_n_items (gw_dataset_get_imports (loaded)), ==, 4);
  }
}

/* Tests: save as */

/* Byte 18 of an SQLite file's header: 2 when it is in WAL mode. */
static guint8
header_write_version (const char *path)
{
  g_autofree char *bytes = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
  g_assert_cmpuint (length, >=, 100);
  return (guint8) bytes[18];
}

static void
test_save_as (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *areas = sample_path ("01-areas.xml");
  g_autofree char *births = sample_path ("03-births-1993-2007.xml");
  const char *files[] = { areas, births, NULL };
  g_autofree char *copy = g_build_filename (f->dir, "copy.gwdb", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GwWorkspace) workspace = open_workspace (f->path, GW_WORKSPACE_OPEN_CREATE);
  g_autoptr(GwWorkspace) reopened = NULL;
  g_autoptr(GwDataset) dataset = gw_dataset_new ();
  g_autoptr(GwDataset) loaded = gw_dataset_new ();
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GwTarget) target = gw_target_new ("births-gap");
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize n_before = 0, n_after = 0;

  task = import_files (workspace, dataset, files, GW_WORKSPACE_FILE_STORED);
  g_assert_cmpint (gw_workspace_count_imports (workspace, &error), ==, 2);
  g_assert_no_error (error);
  target->reduction = 0.25;
  g_assert_true (save_target (workspace, target, &error));
  g_assert_no_error (error);

  g_assert_true (gw_workspace_save_as (workspace, copy, &error));
  g_assert_no_error (error);
  /* one file, in WAL mode, nothing left beside it */
  g_assert_cmpuint (header_write_version (copy), ==, 2);
  {
    g_autofree char *wal = g_strconcat (copy, "-wal", NULL);

    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }

  /* the copy opens and loads as the original does */
  reopened = gw_workspace_open (copy, GW_WORKSPACE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (gw_workspace_check (reopened, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gw_workspace_count_imports (reopened, &error), ==,
                   gw_workspace_count_imports (workspace, NULL));
  g_assert_no_error (error);
  g_assert_true (gw_workspace_load (reopened, loaded, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (gw_dataset_get_imports (loaded)), ==, 2);
  for (guint k = 0; k < GW_N_RECORD_KINDS; k++)
    g_assert_cmpuint (gw_dataset_count (loaded, k), ==, gw_dataset_count (dataset, k));
  g_assert_cmpuint (gw_dataset_count (loaded, GW_RECORD_BIRTHS), >, 0);
  assert_same_dataset (dataset, loaded);
  targets = load_targets (reopened, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (targets->len, ==, 1);
  g_assert_cmpstr (((GwTarget *) g_ptr_array_index (targets, 0))->name, ==, "births-gap");
  g_assert_cmpfloat (((GwTarget *) g_ptr_array_index (targets, 0))->reduction, ==, 0.25);
  g_clear_object (&reopened);

  /* onto an existing file: refused, and that file is left as it was */
  g_assert_true (g_file_get_contents (copy, &before, &n_before, NULL));
  g_assert_false (gw_workspace_save_as (workspace, copy, &error));
  g_assert_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_EXISTS);
  expected = g_strdup_printf ("Cannot save a copy of the workspace %s as %s: a file of that name already exists",
                              f->path, copy);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  g_clear_pointer (&expected, g_free);
  g_assert_true (g_file_get_contents (copy, &after, &n_after, NULL));
  g_assert_cmpuint (n_after, ==, n_before);
  g_assert_true (memcmp (before, after, n_before) == 0);

  /* onto itself */
  g_assert_false (gw_workspace_save_as (workspace, f->path, &error));
  g_assert_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_EXISTS);
  expected = g_strdup_printf ("Cannot save a copy of the workspace %s as %s: that is the workspace itself",
                              f->path, f->path);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  g_clear_pointer (&expected, g_free);

  /* into a folder that does not exist: nothing is left */
  {
    g_autofree char *nowhere = g_build_filename (f->dir, "missing", "copy.gwdb", NULL);

    g_assert_false (gw_workspace_save_as (workspace, nowhere, &error));
    g_assert_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_FAILED);
    expected = g_strdup_printf ("Cannot save a copy of the workspace %s as %s: %s",
                                f->path, nowhere, g_strerror (ENOENT));
    g_assert_cmpstr (error->message, ==, expected);
    g_clear_error (&error);
    g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
  }

  /* the workspace itself is unchanged and sound */
  g_assert_cmpint (gw_workspace_count_imports (workspace, &error), ==, 2);
  g_assert_true (gw_workspace_check (workspace, &error));
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/gw/store/open/create", test_open_create);
  ADD ("/gw/store/open/newer", test_open_newer);
  ADD ("/gw/store/open/migrate", test_open_migrate);
  ADD ("/gw/store/open/foreign", test_open_foreign);
  ADD ("/gw/store/open/special", test_open_special);
  ADD ("/gw/store/open/migrate-targets", test_open_migrate_targets);
  ADD ("/gw/store/delete", test_delete);
  ADD ("/gw/store/targets/text", test_target_text);
  ADD ("/gw/store/import/samples", test_import_samples);
  ADD ("/gw/store/import/order", test_import_order);
  ADD ("/gw/store/import/again", test_import_again);
  ADD ("/gw/store/import/original", test_original);
  ADD ("/gw/store/load/damaged", test_load_damaged);
  ADD ("/gw/store/load/hostile", test_load_hostile);
  ADD ("/gw/store/remove/restores", test_remove);
  ADD ("/gw/store/remove/declaring", test_remove_declaring);
  ADD ("/gw/store/targets/save-load", test_targets);
  ADD ("/gw/store/save-as/copy", test_save_as);
  ADD ("/gw/store/cli/track", test_cli_track);
  ADD ("/gw/store/cli/samples", test_cli_samples);
  ADD ("/gw/store/cli/errors", test_cli_errors);
  ADD ("/gw/store/crash/kill", test_crash_kill);
  ADD ("/gw/store/crash/random", test_crash_random);
  ADD ("/gw/store/errors/read-only", test_read_only);
  ADD ("/gw/store/errors/disk-full", test_disk_full);
  ADD ("/gw/store/concurrent/writers", test_concurrent);

  return g_test_run ();
}
