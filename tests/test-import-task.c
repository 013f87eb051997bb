/* test-import-task.c: importing several exports in order, off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libglib-testing/signal-logger.h>

#include "formats/gw-export-reader.h"
#include "formats/gw-import-task.h"
#include "model/gw-key.h"
#include "model/gw-period.h"

/* Declares England and Middlesbrough; January 2007. */
static const char export_a[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\" id=\"deaths-a\" generated=\"2007-02-10T09:00:00Z\">\n"
  "  <areas>\n"
  "    <area code=\"E92000001\" name=\"England\" type=\"country\"/>\n"
  "    <area code=\"E06000002\" name=\"Middlesbrough\" type=\"ua\" parent=\"E92000001\"/>\n"
  "  </areas>\n"
  "  <deaths period=\"2007-01\" basis=\"registration\">\n"
  "    <c area=\"E92000001\" sex=\"m\" age=\"0\" n=\"100\"/>\n"
  "    <c area=\"E06000002\" sex=\"m\" age=\"0\" n=\"5\"/>\n"
  "  </deaths>\n"
  "</export>\n";

/* Declares no area: Middlesbrough comes from export_a.  February 2007. */
static const char export_b[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\" id=\"deaths-b\" generated=\"2007-03-10T09:00:00Z\">\n"
  "  <deaths period=\"2007-02\" basis=\"registration\">\n"
  "    <c area=\"E06000002\" sex=\"m\" age=\"0\" n=\"7\"/>\n"
  "  </deaths>\n"
  "</export>\n";

/* Like export_b, March 2007. */
static const char export_c[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\" id=\"deaths-c\" generated=\"2007-04-10T09:00:00Z\">\n"
  "  <deaths period=\"2007-03\" basis=\"registration\">\n"
  "    <c area=\"E06000002\" sex=\"m\" age=\"0\" n=\"8\"/>\n"
  "  </deaths>\n"
  "</export>\n";

/* A negative count on line 8; it also declares Redcar, which must not appear. */
#define BAD_LINE 8
static const char export_bad[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\" id=\"deaths-bad\" generated=\"2007-02-20T09:00:00Z\">\n"
  "  <areas>\n"
  "    <area code=\"E06000003\" name=\"Redcar and Cleveland\" type=\"ua\" parent=\"E92000001\"/>\n"
  "  </areas>\n"
  "  <deaths period=\"2007-01\" basis=\"registration\">\n"
  "    <c area=\"E06000003\" sex=\"m\" age=\"0\" n=\"4\"/>\n"
  "    <c area=\"E06000003\" sex=\"f\" age=\"0\" n=\"-3\"/>\n"
  "  </deaths>\n"
  "</export>\n";

typedef struct
{
  char      *dir;
  GPtrArray *files;     /* paths written, removed at teardown */
  GwDataset *dataset;
} Fixture;

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->dir = g_dir_make_tmp ("gw-import-task-XXXXXX", &error);
  g_assert_no_error (error);
  fx->files = g_ptr_array_new_with_free_func (g_free);
  fx->dataset = gw_dataset_new ();
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  for (guint i = 0; i < fx->files->len; i++)
    g_unlink (g_ptr_array_index (fx->files, i));
  g_assert_cmpint (g_rmdir (fx->dir), ==, 0);
  g_clear_pointer (&fx->files, g_ptr_array_unref);
  g_clear_pointer (&fx->dir, g_free);
  g_clear_object (&fx->dataset);
}

/* Returns a path owned by the fixture. */
static const char *
write_export (Fixture    *fx,
              const char *name,
              const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fx->dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  g_ptr_array_add (fx->files, path);
  return path;
}

static guint
registration_basis (GwDataset *ds)
{
  for (guint i = 0; i < gw_dataset_n_bases (ds); i++)
    if (g_strcmp0 (gw_dataset_get_basis (ds, i), "registration") == 0)
      return i;
  g_assert_not_reached ();
  return 0;
}

/* Male age-0 deaths of an area in a month of 2007, or -1 when there is no row. */
static double
deaths_in (GwDataset  *ds,
           const char *code,
           guint       month)
{
  gint area = gw_dataset_lookup_area (ds, code);
  const GwCountRow *row;

  g_assert_cmpint (area, >=, 0);
  row = gw_table_lookup (gw_dataset_get_table (ds, GW_RECORD_DEATHS),
                         gw_key_deaths (area, GW_SEX_MALE, GW_CAUSE_ALL,
                                        registration_basis (ds),
                                        gw_period_month (2007, month), GW_AGE_0));
  return row != NULL ? row->value : -1;
}

static void
assert_imported (GwImportTask *task,
                 guint         index,
                 const char   *path,
                 const char   *id,
                 guint         records)
{
  const GwImportResult *r = gw_import_task_get_result (task, index);

  g_assert_nonnull (r);
  g_assert_cmpstr (r->path, ==, path);
  g_assert_cmpint (r->kind, ==, GW_IMPORT_RESULT_IMPORTED);
  g_assert_no_error (r->error);
  g_assert_null (r->errors);
  g_assert_true (GW_IS_IMPORT (r->import));
  g_assert_cmpstr (gw_import_get_id (r->import), ==, id);
  g_assert_cmpstr (gw_import_get_file (r->import), ==, path);
  g_assert_cmpuint (gw_import_get_records (r->import), ==, records);
  g_assert_cmpuint (gw_import_get_records_of_kind (r->import, GW_RECORD_DEATHS), ==, records);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Two valid files, the second using an area only the first declares; through
 * the asynchronous API on the test's default main context. */
static void
test_in_order (Fixture       *fx,
               gconstpointer  data)
{
  const char *paths[3];
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  paths[0] = write_export (fx, "a.xml", export_a);
  paths[1] = write_export (fx, "b.xml", export_b);
  paths[2] = NULL;

  task = gw_import_task_new (fx->dataset, paths);
  g_assert_cmpuint (gw_import_task_get_n_results (task), ==, 0);
  gw_import_task_run_async (task, NULL, run_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gw_import_task_run_finish (task, result, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (gw_import_task_get_n_results (task), ==, 2);
  g_assert_cmpuint (gw_import_task_get_n_failed (task), ==, 0);
  assert_imported (task, 0, paths[0], "deaths-a", 2);
  assert_imported (task, 1, paths[1], "deaths-b", 1);

  g_assert_cmpuint (g_list_model_get_n_items (gw_dataset_get_imports (fx->dataset)), ==, 2);
  g_assert_cmpuint (gw_dataset_n_areas (fx->dataset), ==, 2);
  g_assert_cmpuint (gw_dataset_count (fx->dataset, GW_RECORD_DEATHS), ==, 3);
  g_assert_cmpfloat (deaths_in (fx->dataset, "E92000001", 1), ==, 100);
  g_assert_cmpfloat (deaths_in (fx->dataset, "E06000002", 1), ==, 5);
  g_assert_cmpfloat (deaths_in (fx->dataset, "E06000002", 2), ==, 7);
}

/* The imports model changes once per imported file and not for a rejected one. */
static void
test_imports_signals (Fixture       *fx,
                      gconstpointer  data)
{
  const char *paths[4];
  GListModel *imports = gw_dataset_get_imports (fx->dataset);
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GError) error = NULL;
  guint pos = 99, removed = 99, added = 99;

  paths[0] = write_export (fx, "a.xml", export_a);
  paths[1] = write_export (fx, "bad.xml", export_bad);
  paths[2] = write_export (fx, "b.xml", export_b);
  paths[3] = NULL;

  gt_signal_logger_connect (logger, imports, "items-changed");
  task = gw_import_task_new (fx->dataset, paths);
  g_assert_true (gw_import_task_run (task, NULL, &error));
  g_assert_no_error (error);

  gt_signal_logger_assert_emission_pop (logger, imports, "items-changed", &pos, &removed, &added);
  g_assert_cmpuint (pos, ==, 0);
  g_assert_cmpuint (removed, ==, 0);
  g_assert_cmpuint (added, ==, 1);
  gt_signal_logger_assert_emission_pop (logger, imports, "items-changed", &pos, &removed, &added);
  g_assert_cmpuint (pos, ==, 1);
  g_assert_cmpuint (removed, ==, 0);
  g_assert_cmpuint (added, ==, 1);
  gt_signal_logger_assert_no_emissions (logger);
}

static void
file_done_cb (GwImportTask *task,
              guint         index,
              gpointer      user_data)
{
  GArray *indices = user_data;

  /* Emitted after the result is stored. */
  g_assert_cmpuint (gw_import_task_get_n_results (task), ==, index + 1);
  g_array_append_val (indices, index);
}

/* A rejected file adds nothing and the files after it still import. */
static void
test_rejected (Fixture       *fx,
               gconstpointer  data)
{
  const char *paths[4];
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *prefix = NULL;
  const GwImportResult *r;
  const GwProblem *first;

  paths[0] = write_export (fx, "a.xml", export_a);
  paths[1] = write_export (fx, "bad.xml", export_bad);
  paths[2] = write_export (fx, "b.xml", export_b);
  paths[3] = NULL;

  task = gw_import_task_new (fx->dataset, paths);
  g_signal_connect (task, "file-done", G_CALLBACK (file_done_cb), indices);
  g_assert_true (gw_import_task_run (task, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (indices->len, ==, 3);
  for (guint i = 0; i < indices->len; i++)
    g_assert_cmpuint (g_array_index (indices, guint, i), ==, i);

  g_assert_cmpuint (gw_import_task_get_n_results (task), ==, 3);
  g_assert_cmpuint (gw_import_task_get_n_failed (task), ==, 1);
  assert_imported (task, 0, paths[0], "deaths-a", 2);
  assert_imported (task, 2, paths[2], "deaths-b", 1);

  r = gw_import_task_get_result (task, 1);
  g_assert_cmpstr (r->path, ==, paths[1]);
  g_assert_cmpint (r->kind, ==, GW_IMPORT_RESULT_REJECTED);
  g_assert_null (r->import);
  g_assert_error (r->error, GW_EXPORT_ERROR, GW_EXPORT_ERROR_INVALID);
  /* "bad.xml:8:…: …" or "bad.xml:8: …": basename and the line of the count. */
  prefix = g_strdup_printf ("bad.xml:%d:", BAD_LINE);
  g_assert_true (g_str_has_prefix (r->error->message, prefix));
  g_assert_nonnull (strstr (r->error->message, "-3"));
  g_assert_nonnull (r->errors);
  g_assert_cmpuint (r->errors->len, >=, 1);
  first = g_ptr_array_index (r->errors, 0);
  g_assert_cmpstr (first->file, ==, paths[1]);
  g_assert_cmpuint (first->line, ==, BAD_LINE);

  /* Only the two valid files' records and areas. */
  g_assert_cmpuint (g_list_model_get_n_items (gw_dataset_get_imports (fx->dataset)), ==, 2);
  g_assert_null (gw_dataset_find_import (fx->dataset, "deaths-bad"));
  g_assert_cmpint (gw_dataset_lookup_area (fx->dataset, "E06000003"), ==, -1);
  g_assert_cmpuint (gw_dataset_count (fx->dataset, GW_RECORD_DEATHS), ==, 3);
  g_assert_cmpfloat (deaths_in (fx->dataset, "E92000001", 1), ==, 100);
  g_assert_cmpfloat (deaths_in (fx->dataset, "E06000002", 1), ==, 5);
  g_assert_cmpfloat (deaths_in (fx->dataset, "E06000002", 2), ==, 7);
}

/* The same file twice: the second changes nothing and names the first import. */
static void
test_same_twice (Fixture       *fx,
                 gconstpointer  data)
{
  const char *paths[3];
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GError) error = NULL;
  const GwImportResult *r0, *r1;

  paths[0] = write_export (fx, "a.xml", export_a);
  paths[1] = paths[0];
  paths[2] = NULL;

  task = gw_import_task_new (fx->dataset, paths);
  g_assert_true (gw_import_task_run (task, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (gw_import_task_get_n_results (task), ==, 2);
  g_assert_cmpuint (gw_import_task_get_n_failed (task), ==, 0);
  assert_imported (task, 0, paths[0], "deaths-a", 2);
  r0 = gw_import_task_get_result (task, 0);
  r1 = gw_import_task_get_result (task, 1);
  g_assert_cmpint (r1->kind, ==, GW_IMPORT_RESULT_UNCHANGED);
  g_assert_true (r1->import == r0->import);
  g_assert_error (r1->error, GW_DATASET_ERROR, GW_DATASET_ERROR_ALREADY_IMPORTED);
  g_assert_null (r1->errors);

  g_assert_cmpuint (g_list_model_get_n_items (gw_dataset_get_imports (fx->dataset)), ==, 1);
  g_assert_cmpuint (gw_dataset_count (fx->dataset, GW_RECORD_DEATHS), ==, 2);
}

typedef struct
{
  GArray     *fractions;
  const char *const *paths;
} ProgressLog;

static void
progress_cb (GwImportTask *task,
             double        fraction,
             const char   *path,
             gpointer      user_data)
{
  ProgressLog *log = user_data;

  g_assert_true (g_strv_contains (log->paths, path));
  g_array_append_val (log->fractions, fraction);
}

/* A file large enough for the reader to report progress along the way. */
static char *
big_export (guint *n_records)
{
  static const char *const ages[] = { "0", "1-4", "5-9", "10-14", "15-19",
                                      "20-24", "25-29", "30-34", "35-39", "40-44" };
  GString *s = g_string_new (NULL);

  *n_records = 0;
  g_string_append (s,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\" id=\"deaths-big\" "
                   "generated=\"2020-02-10T09:00:00Z\">\n");
  for (guint year = 2000; year < 2020; year++)
    for (guint month = 1; month <= 12; month++)
      {
        g_string_append_printf (s, "  <deaths period=\"%u-%02u\" basis=\"registration\">\n", year, month);
        for (guint a = 0; a < G_N_ELEMENTS (ages); a++)
          for (guint sex = 0; sex < 2; sex++)
            {
              g_string_append_printf (s, "    <c area=\"E06000002\" sex=\"%s\" age=\"%s\" n=\"%u\"/>\n",
                                      sex == 0 ? "m" : "f", ages[a], (year + month + a) % 17);
              (*n_records)++;
            }
        g_string_append (s, "  </deaths>\n");
      }
  g_string_append (s, "</export>\n");
  return g_string_free (s, FALSE);
}

static void
test_progress (Fixture       *fx,
               gconstpointer  data)
{
  const char *paths[3];
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *big = NULL;
  ProgressLog log = { fractions, paths };
  guint n_big = 0;
  double last = 0.0;

  big = big_export (&n_big);
  paths[0] = write_export (fx, "a.xml", export_a);
  paths[1] = write_export (fx, "big.xml", big);
  paths[2] = NULL;

  task = gw_import_task_new (fx->dataset, paths);
  g_signal_connect (task, "progress", G_CALLBACK (progress_cb), &log);
  g_assert_true (gw_import_task_run (task, NULL, &error));
  g_assert_no_error (error);
  assert_imported (task, 0, paths[0], "deaths-a", 2);
  assert_imported (task, 1, paths[1], "deaths-big", n_big);
  g_assert_cmpuint (n_big, ==, 4800);

  g_test_message ("%u progress emissions", fractions->len);
  g_assert_cmpuint (fractions->len, >=, 2);
  for (guint i = 0; i < fractions->len; i++)
    {
      double f = g_array_index (fractions, double, i);

      g_assert_cmpfloat (f, >=, last);
      g_assert_cmpfloat (f, <=, 1.0);
      last = f;
    }
  g_assert_cmpfloat (last, >=, 0.99);
  /* The small first file ends well before the middle of the run. */
  g_assert_cmpfloat (g_array_index (fractions, double, 0), <, 0.5);
}

static void
cancel_after_first_cb (GwImportTask *task,
                       guint         index,
                       gpointer      user_data)
{
  if (index == 0)
    g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
test_cancel (Fixture       *fx,
             gconstpointer  data)
{
  const char *paths[4];
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint));

  paths[0] = write_export (fx, "a.xml", export_a);
  paths[1] = write_export (fx, "b.xml", export_b);
  paths[2] = write_export (fx, "c.xml", export_c);
  paths[3] = NULL;

  task = gw_import_task_new (fx->dataset, paths);
  g_signal_connect (task, "file-done", G_CALLBACK (cancel_after_first_cb), cancellable);
  g_signal_connect (task, "file-done", G_CALLBACK (file_done_cb), indices);
  g_assert_false (gw_import_task_run (task, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_assert_cmpuint (indices->len, ==, 3);
  g_assert_cmpuint (gw_import_task_get_n_results (task), ==, 3);
  g_assert_cmpuint (gw_import_task_get_n_failed (task), ==, 0);
  assert_imported (task, 0, paths[0], "deaths-a", 2);
  for (guint i = 1; i < 3; i++)
    {
      const GwImportResult *r = gw_import_task_get_result (task, i);

      g_assert_cmpstr (r->path, ==, paths[i]);
      g_assert_cmpint (r->kind, ==, GW_IMPORT_RESULT_CANCELLED);
      g_assert_error (r->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_null (r->import);
    }

  g_assert_cmpuint (g_list_model_get_n_items (gw_dataset_get_imports (fx->dataset)), ==, 1);
  g_assert_nonnull (gw_dataset_find_import (fx->dataset, "deaths-a"));
  g_assert_cmpuint (gw_dataset_count (fx->dataset, GW_RECORD_DEATHS), ==, 2);
}

/* A file that is not there fails; the next one still imports. */
static void
test_missing (Fixture       *fx,
              gconstpointer  data)
{
  const char *paths[3];
  g_autofree char *missing = g_build_filename (fx->dir, "missing.xml", NULL);
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GError) error = NULL;
  const GwImportResult *r;

  paths[0] = missing;
  paths[1] = write_export (fx, "a.xml", export_a);
  paths[2] = NULL;

  task = gw_import_task_new (fx->dataset, paths);
  g_assert_true (gw_import_task_run (task, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (gw_import_task_get_n_results (task), ==, 2);
  g_assert_cmpuint (gw_import_task_get_n_failed (task), ==, 1);
  r = gw_import_task_get_result (task, 0);
  g_assert_cmpstr (r->path, ==, missing);
  g_assert_cmpint (r->kind, ==, GW_IMPORT_RESULT_FAILED);
  g_assert_error (r->error, GW_EXPORT_ERROR, GW_EXPORT_ERROR_IO);
  g_assert_null (r->import);
  g_assert_null (r->errors);
  assert_imported (task, 1, paths[1], "deaths-a", 2);
  g_assert_cmpuint (g_list_model_get_n_items (gw_dataset_get_imports (fx->dataset)), ==, 1);
}

/* No files: the run ends at once, successfully. */
static void
test_empty (Fixture       *fx,
            gconstpointer  data)
{
  const char *paths[1] = { NULL };
  g_autoptr(GwImportTask) task = gw_import_task_new (fx->dataset, paths);
  g_autoptr(GError) error = NULL;

  g_assert_true (gw_import_task_run (task, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gw_import_task_get_n_results (task), ==, 0);
  g_assert_cmpuint (gw_import_task_get_n_failed (task), ==, 0);
}

/* The reader is chosen by content: a CSV file named .xml is refused with
 * what it is, the export after it still imports. */
/* A CSV of columns no reader reads: the CSV reader says what it reads. */
#define CSV_REFUSED "the first row is not a header Gapwatch reads: expected a Fingertips indicator-data table " \
  "(columns Indicator ID, Indicator Name, Area Code, Sex, Time period, Value, …) or Gapwatch's long columns " \
  "(area_code, sex, period, measure, value, …)"

static void
test_by_content (Fixture       *fx,
                 gconstpointer  data)
{
  const char *paths[3];
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GError) error = NULL;
  const GwImportResult *r;
  g_autofree char *first = NULL;

  paths[0] = write_export (fx, "deaths.xml", "Area Code,Sex,Age,Deaths\nE06000002,m,0,5\nE06000002,f,0,3\n");
  paths[1] = write_export (fx, "a.xml", export_a);
  paths[2] = NULL;

  task = gw_import_task_new (fx->dataset, paths);
  g_assert_true (gw_import_task_run (task, NULL, &error));
  g_assert_no_error (error);

  r = gw_import_task_get_result (task, 0);
  g_assert_cmpint (r->kind, ==, GW_IMPORT_RESULT_REJECTED);
  g_assert_error (r->error, GW_EXPORT_ERROR, GW_EXPORT_ERROR_INVALID);
  g_assert_cmpstr (r->error->message, ==, "deaths.xml:1: " CSV_REFUSED);
  g_assert_cmpuint (r->errors->len, ==, 1);
  first = gw_problem_format (g_ptr_array_index (r->errors, 0));
  g_assert_cmpstr (first, ==, "deaths.xml:1: " CSV_REFUSED);
  assert_imported (task, 1, paths[1], "deaths-a", 2);
}

/* Issue 17 item 4: a FIFO given as a file failed the import at once, it
 * does not wait for a writer.  The run is in a thread: if it hangs, the
 * test opens the FIFO for writing, which ends the wait, and fails. */
typedef struct
{
  GwImportTask *task;
  gboolean      done;
} FifoRun;

static gpointer
run_thread (gpointer data)
{
  FifoRun *run = data;

  g_assert_true (gw_import_task_run (run->task, NULL, NULL));
  g_atomic_int_set (&run->done, TRUE);
  return NULL;
}

static void
test_fifo (Fixture       *fx,
           gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (fx->dir, "deaths.xml", NULL);
  const char *paths[2] = { fifo, NULL };
  FifoRun run = { 0 };
  GThread *thread;
  const GwImportResult *r;
  gboolean released = FALSE;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  run.task = gw_import_task_new (fx->dataset, paths);
  thread = g_thread_new ("gw-test-fifo", run_thread, &run);
  for (guint i = 0; i < 500 && !g_atomic_int_get (&run.done); i++)
    g_usleep (10000);
  if (!g_atomic_int_get (&run.done))
    {
      int fd = open (fifo, O_WRONLY | O_NONBLOCK | O_CLOEXEC);

      released = fd >= 0;
      if (fd >= 0)
        close (fd);
    }
  g_thread_join (thread);
  g_assert_false (released);

  r = gw_import_task_get_result (run.task, 0);
  g_assert_cmpint (r->kind, ==, GW_IMPORT_RESULT_FAILED);
  g_assert_error (r->error, GW_EXPORT_ERROR, GW_EXPORT_ERROR_IO);
  g_assert_cmpstr (r->error->message, ==, "deaths.xml: not a regular file: a named pipe (FIFO)");
  g_clear_object (&run.task);
  g_unlink (fifo);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gw_formats_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/gw/import-task/order/area-from-earlier-file", test_in_order);
  ADD ("/gw/import-task/signals/items-changed", test_imports_signals);
  ADD ("/gw/import-task/errors/rejected", test_rejected);
  ADD ("/gw/import-task/errors/missing", test_missing);
  ADD ("/gw/import-task/order/same-twice", test_same_twice);
  ADD ("/gw/import-task/progress/monotonic", test_progress);
  ADD ("/gw/import-task/cancel/after-first", test_cancel);
  ADD ("/gw/import-task/order/empty", test_empty);
  ADD ("/gw/import-task/errors/csv-by-content", test_by_content);
  ADD ("/gw/import-task/errors/fifo", test_fifo);

#undef ADD

  return g_test_run ();
}
