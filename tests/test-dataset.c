/* test-dataset.c: committing batches, revisions, removal, renumbering
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <libglib-testing/signal-logger.h>

#include "model/gw-dataset.h"
#include "model/gw-table.h"

typedef struct
{
  const char *id;
  const char *generated;
  const char *sha;
  const char *const *areas;     /* codes declared, first is the country */
  guint       n_deaths;         /* age-0 male deaths for 2007-01.. */
  const double *deaths;
} Spec;

/* A batch declaring the areas, with deaths for the first non-country area,
 * sex m, age 0, months 2007-01 onwards. */
static GwBatch *
make_batch (GwDataset *ds, const Spec *spec)
{
  GwBatch *b = gw_batch_new (ds);
  g_autoptr(GDateTime) gen = g_date_time_new_from_iso8601 (spec->generated, NULL);
  gint area = -1;

  g_assert_nonnull (gen);
  gw_batch_set_source (b, spec->id, spec->sha);
  gw_batch_set_header (b, spec->id, gen, "1.0", "Test publisher", "Test export");
  for (guint i = 0; spec->areas != NULL && spec->areas[i] != NULL; i++)
    {
      GwAreaDecl decl = { spec->areas[i], spec->areas[i], i == 0 ? GW_AREA_COUNTRY : GW_AREA_UA,
                          i == 0 ? NULL : spec->areas[0], NULL, 0 };
      gint idx = gw_batch_declare_area (b, &decl);

      g_assert_cmpint (idx, >=, 0);
      if (i == 1)
        area = idx;
    }
  if (area < 0)
    area = gw_batch_lookup_area (b, "E06000002");
  g_assert_cmpint (area, >=, 0);

  for (guint m = 0; m < spec->n_deaths; m++)
    gw_batch_add_count (b, GW_RECORD_DEATHS,
                        gw_key_deaths (area, GW_SEX_MALE, GW_CAUSE_ALL, 0,
                                       gw_period_month (2007, m + 1), GW_AGE_0),
                        spec->deaths[m]);
  return b;
}

static double
deaths_in (GwDataset *ds, const char *code, guint month)
{
  gint area = gw_dataset_lookup_area (ds, code);
  const GwCountRow *row;

  g_assert_cmpint (area, >=, 0);
  row = gw_table_lookup (gw_dataset_get_table (ds, GW_RECORD_DEATHS),
                         gw_key_deaths (area, GW_SEX_MALE, GW_CAUSE_ALL, 0,
                                        gw_period_month (2007, month), GW_AGE_0));
  return row != NULL ? row->value : -1;
}

static const char *const areas_ab[] = { "E92000001", "E06000002", NULL };
static const double first_values[] = { 5, 6, 7 };
static const double revised_values[] = { 5, 9, 7, 4 };
static const Spec first = { "deaths-a", "2007-03-01T09:00:00Z", "aaa", areas_ab, 3, first_values };
static const Spec revised = { "deaths-b", "2007-05-01T09:00:00Z", "bbb", NULL, 4, revised_values };

static void
check_revised_state (GwDataset *ds)
{
  g_assert_cmpfloat (deaths_in (ds, "E06000002", 1), ==, 5);
  g_assert_cmpfloat (deaths_in (ds, "E06000002", 2), ==, 9);
  g_assert_cmpfloat (deaths_in (ds, "E06000002", 3), ==, 7);
  g_assert_cmpfloat (deaths_in (ds, "E06000002", 4), ==, 4);
  g_assert_cmpuint (gw_dataset_count (ds, GW_RECORD_DEATHS), ==, 4);
  g_assert_cmpuint (gw_table_n_rows (gw_dataset_get_history (ds, GW_RECORD_DEATHS)), ==, 3);
}

static void
test_revision_in_order (void)
{
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autoptr(GError) error = NULL;
  GwImport *a, *b;

  a = gw_dataset_commit (ds, make_batch (ds, &first), &error);
  g_assert_no_error (error);
  b = gw_dataset_commit (ds, make_batch (ds, &revised), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gw_import_get_revisions (a), ==, 0);
  /* only month 2 changed value; months 1 and 3 are the same */
  g_assert_cmpuint (gw_import_get_revisions (b), ==, 1);
  g_assert_cmpuint (gw_import_get_records (b), ==, 4);
  check_revised_state (ds);

  /* removing the later export brings back what it superseded */
  gw_dataset_remove_import (ds, b);
  g_assert_cmpfloat (deaths_in (ds, "E06000002", 2), ==, 6);
  g_assert_cmpfloat (deaths_in (ds, "E06000002", 4), ==, -1);
  g_assert_cmpuint (gw_dataset_count (ds, GW_RECORD_DEATHS), ==, 3);
  g_assert_cmpuint (gw_table_n_rows (gw_dataset_get_history (ds, GW_RECORD_DEATHS)), ==, 0);
}

static void
test_revision_reverse_order (void)
{
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autoptr(GError) error = NULL;
  GwBatch *batch;
  GwImport *a, *b;
  gint area;

  /* the revision arrives first: it needs the areas, so declare them in a tiny export */
  batch = gw_batch_new (ds);
  {
    g_autoptr(GDateTime) gen = g_date_time_new_from_iso8601 ("2007-01-01T00:00:00Z", NULL);
    GwAreaDecl e = { "E92000001", "England", GW_AREA_COUNTRY, NULL, NULL, 0 };
    GwAreaDecl m = { "E06000002", "Middlesbrough", GW_AREA_UA, "E92000001", NULL, 1 };

    gw_batch_set_header (batch, "areas", gen, "1.0", NULL, NULL);
    gw_batch_declare_area (batch, &e);
    area = gw_batch_declare_area (batch, &m);
    g_assert_cmpint (area, ==, 1);
  }
  g_assert_nonnull (gw_dataset_commit (ds, batch, &error));
  g_assert_no_error (error);

  b = gw_dataset_commit (ds, make_batch (ds, &revised), &error);
  g_assert_no_error (error);
  a = gw_dataset_commit (ds, make_batch (ds, &first), &error);
  g_assert_no_error (error);
  /* the earlier export, imported later, does not win */
  g_assert_cmpuint (gw_import_get_revisions (a), ==, 1);
  check_revised_state (ds);
  g_assert_cmpstr (gw_dataset_get_area (ds, 1)->name, ==, "E06000002");

  /* removing the earlier one leaves the revised values */
  gw_dataset_remove_import (ds, a);
  g_assert_cmpfloat (deaths_in (ds, "E06000002", 2), ==, 9);
  g_assert_cmpuint (gw_dataset_count (ds, GW_RECORD_DEATHS), ==, 4);
  g_assert_cmpuint (gw_table_n_rows (gw_dataset_get_history (ds, GW_RECORD_DEATHS)), ==, 0);
  (void) b;
}

static void
test_same_id (void)
{
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autoptr(GError) error = NULL;
  Spec changed = first;

  g_assert_nonnull (gw_dataset_commit (ds, make_batch (ds, &first), &error));
  g_assert_null (gw_dataset_commit (ds, make_batch (ds, &first), &error));
  g_assert_error (error, GW_DATASET_ERROR, GW_DATASET_ERROR_ALREADY_IMPORTED);
  g_clear_error (&error);

  changed.sha = "different";
  g_assert_null (gw_dataset_commit (ds, make_batch (ds, &changed), &error));
  g_assert_error (error, GW_DATASET_ERROR, GW_DATASET_ERROR_ID_CONFLICT);
  g_assert_cmpuint (g_list_model_get_n_items (gw_dataset_get_imports (ds)), ==, 1);
  g_assert_cmpuint (gw_dataset_count (ds, GW_RECORD_DEATHS), ==, 3);
}

static void
test_duplicates (void)
{
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  const double values[] = { 1, 2 };
  Spec spec = first;
  g_autoptr(GwBatch) b = NULL;
  g_autoptr(GArray) dups = NULL;
  g_autofree char *what = NULL;

  spec.deaths = values;
  spec.n_deaths = 2;
  b = make_batch (ds, &spec);
  gw_batch_add_count (b, GW_RECORD_DEATHS,
                      gw_key_deaths (1, GW_SEX_MALE, GW_CAUSE_ALL, 0, gw_period_month (2007, 2), GW_AGE_0), 3);
  dups = gw_batch_finish (b);
  g_assert_cmpuint (dups->len, ==, 1);
  g_assert_cmpint (g_array_index (dups, GwDuplicate, 0).kind, ==, GW_RECORD_DEATHS);
  what = gw_batch_describe_key (b, GW_RECORD_DEATHS, g_array_index (dups, GwDuplicate, 0).logical_key);
  g_assert_cmpstr (what, ==, "area E06000002, sex m, age 0, period 2007-02");
}

/* Two batches made from the same snapshot both number their new area 2;
 * the second commit must renumber its rows. */
static void
test_renumber (void)
{
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autoptr(GError) error = NULL;
  static const char *const areas_x[] = { "E92000001", "E06000010", NULL };
  static const char *const areas_y[] = { "E92000001", "E06000020", NULL };
  static const double vx[] = { 11 }, vy[] = { 22 };
  Spec sx = { "x", "2007-01-01T00:00:00Z", "x", areas_x, 1, vx };
  Spec sy = { "y", "2007-01-02T00:00:00Z", "y", areas_y, 1, vy };
  GwBatch *bx = make_batch (ds, &sx);
  GwBatch *by = make_batch (ds, &sy);

  g_assert_nonnull (gw_dataset_commit (ds, bx, &error));
  g_assert_nonnull (gw_dataset_commit (ds, by, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gw_dataset_n_areas (ds), ==, 3);
  g_assert_cmpfloat (deaths_in (ds, "E06000010", 1), ==, 11);
  g_assert_cmpfloat (deaths_in (ds, "E06000020", 1), ==, 22);
  g_assert_cmpint (gw_dataset_get_country (ds), ==, 0);
  g_assert_cmpint (gw_dataset_get_area (ds, 2)->parent, ==, 0);
}

static void
test_imports_model_signals (void)
{
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  GListModel *imports = gw_dataset_get_imports (ds);
  GwImport *a;

  guint pos, removed, added;

  gt_signal_logger_connect (logger, imports, "items-changed");
  a = gw_dataset_commit (ds, make_batch (ds, &first), &error);
  g_assert_no_error (error);
  gt_signal_logger_assert_emission_pop (logger, imports, "items-changed", &pos, &removed, &added);
  g_assert_cmpuint (pos, ==, 0);
  g_assert_cmpuint (removed, ==, 0);
  g_assert_cmpuint (added, ==, 1);
  gt_signal_logger_assert_no_emissions (logger);

  /* a refused commit emits nothing */
  g_assert_null (gw_dataset_commit (ds, make_batch (ds, &first), &error));
  g_clear_error (&error);
  gt_signal_logger_assert_no_emissions (logger);

  gw_dataset_commit (ds, make_batch (ds, &revised), &error);
  gt_signal_logger_assert_emission_pop (logger, imports, "items-changed", &pos, &removed, &added);
  g_assert_cmpuint (pos, ==, 1);
  g_assert_cmpuint (removed, ==, 0);
  g_assert_cmpuint (added, ==, 1);
  gw_dataset_remove_import (ds, a);
  gt_signal_logger_assert_emission_pop (logger, imports, "items-changed", &pos, &removed, &added);
  g_assert_cmpuint (pos, ==, 0);
  g_assert_cmpuint (removed, ==, 1);
  g_assert_cmpuint (added, ==, 0);
  gt_signal_logger_assert_no_emissions (logger);
}

static void
test_collect_periods (void)
{
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) periods = NULL;
  char buf[GW_PERIOD_STRLEN];

  gw_dataset_commit (ds, make_batch (ds, &first), &error);
  g_assert_no_error (error);
  periods = gw_dataset_collect_periods (ds, GW_RECORD_DEATHS);
  g_assert_cmpuint (periods->len, ==, 3);
  g_assert_cmpstr (gw_period_format (g_array_index (periods, GwPeriod, 0), buf), ==, "2007-01");
  g_assert_cmpstr (gw_period_format (g_array_index (periods, GwPeriod, 2), buf), ==, "2007-03");
}

/* Issue 17, item 3: 100,000 groups (a 3 MB export) took 17 s when each
 * declaration scanned the ones before; now a hash.  Speed is for
 * tests/bench; this checks that every group comes out right. */
static void
test_many_groups (void)
{
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  GwBatch *b = gw_batch_new (ds);
  g_autoptr(GDateTime) gen = g_date_time_new_from_iso8601 ("2007-07-12T08:30:00Z", NULL);
  g_autoptr(GError) error = NULL;
  const guint n = 100000;

  gw_batch_set_source (b, "groups.xml", "0");
  gw_batch_set_header (b, "groups-1", gen, "1.0", NULL, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("g%06u", i);
      g_autofree char *name = g_strdup_printf ("Group %u", i);

      g_assert_cmpint (gw_batch_declare_group (b, id, name), ==, (gint) i);
    }
  /* declared twice: refused, whichever it is */
  g_assert_cmpint (gw_batch_declare_group (b, "g000000", "again"), ==, -1);
  g_assert_cmpint (gw_batch_declare_group (b, "g099999", "again"), ==, -1);
  g_assert_cmpint (gw_batch_lookup_group (b, "g054321"), ==, 54321);

  g_assert_nonnull (gw_dataset_commit (ds, b, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gw_dataset_n_groups (ds), ==, n);
  g_assert_cmpint (gw_dataset_lookup_group (ds, "g012345"), ==, 12345);
  g_assert_cmpstr (gw_dataset_get_group (ds, 99999)->name, ==, "Group 99999");
  g_assert_cmpstr (gw_dataset_get_group (ds, 0)->name, ==, "Group 0");
}

/* GwDataset::import-committed: once per commit, with the new import, before
 * ::changed (the workspace stores from it). */
static void
on_import_committed_cb (GwDataset *ds,
                        GwImport  *import,
                        GPtrArray *log)
{
  g_ptr_array_add (log, g_strdup_printf ("committed %s %u", gw_import_get_id (import),
                                         g_list_model_get_n_items (gw_dataset_get_imports (ds))));
}

static void
on_changed_cb (GwDataset *ds,
               GPtrArray *log)
{
  g_ptr_array_add (log, g_strdup ("changed"));
}

static void
test_import_committed_signal (void)
{
  static const char *const areas[] = { "E92000001", "E06000001", NULL };
  static const double deaths[] = { 3, 4 };
  const Spec a = { "exp-a", "2007-07-01T00:00:00Z", "aaa", areas, 2, deaths };
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GwImport *import;

  g_signal_connect (ds, "import-committed", G_CALLBACK (on_import_committed_cb), log);
  g_signal_connect (ds, "changed", G_CALLBACK (on_changed_cb), log);
  import = gw_dataset_commit (ds, make_batch (ds, &a), &error);
  g_assert_no_error (error);
  /* the same id again: refused, nothing emitted */
  g_assert_null (gw_dataset_commit (ds, make_batch (ds, &a), &error));
  g_assert_error (error, GW_DATASET_ERROR, GW_DATASET_ERROR_ALREADY_IMPORTED);
  gw_dataset_remove_import (ds, import);

  g_assert_cmpuint (log->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (log, 0), ==, "committed exp-a 1");
  g_assert_cmpstr (g_ptr_array_index (log, 1), ==, "changed");
  g_assert_cmpstr (g_ptr_array_index (log, 2), ==, "changed");
}

static int
compare_keys (gconstpointer a, gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

/* The radix sort of counts (gw-table.c): keys varying in high, middle and
 * low bits, runs and duplicates, in buckets big and small, come out in the
 * order qsort gives, each with its own value. */
static void
test_sort_counts (void)
{
  const guint n = 200000;
  GwTable *table = gw_table_new (GW_RECORD_DEATHS);
  g_autofree guint64 *keys = g_new (guint64, n);
  GRand *rand = g_rand_new_with_seed (16);
  const GwCountRow *rows;

  for (guint i = 0; i < n; i++)
    {
      guint64 k;

      if (i % 5 == 0)
        k = (guint64) g_rand_int (rand) << 20 | g_rand_int_range (rand, 0, 8);   /* high and low bits */
      else if (i % 5 == 1)
        k = (guint64) g_rand_int_range (rand, 0, 3000) << 11;                   /* many duplicates */
      else if (i % 5 == 2 && i > 2)
        k = keys[i - 3] + 1;                                                    /* runs */
      else
        k = (guint64) g_rand_int (rand) * g_rand_int (rand);
      keys[i] = k;
      /* the value says which key it came with */
      gw_table_append_count (table, k, (double) (k % 1000003));
    }
  gw_table_sort (table);
  qsort (keys, n, sizeof *keys, compare_keys);

  g_assert_cmpuint (gw_table_n_rows (table), ==, n);
  rows = gw_table_rows (table);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (rows[i].key, ==, keys[i]);
      g_assert_cmpfloat (rows[i].value, ==, (double) (keys[i] % 1000003));
    }
  g_rand_free (rand);
  gw_table_free (table);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gw/dataset/revision/in-order", test_revision_in_order);
  g_test_add_func ("/gw/dataset/revision/reverse-order", test_revision_reverse_order);
  g_test_add_func ("/gw/dataset/commit/same-id", test_same_id);
  g_test_add_func ("/gw/dataset/batch/duplicates", test_duplicates);
  g_test_add_func ("/gw/dataset/commit/renumber", test_renumber);
  g_test_add_func ("/gw/dataset/imports/signals", test_imports_model_signals);
  g_test_add_func ("/gw/dataset/periods/collect", test_collect_periods);
  g_test_add_func ("/gw/dataset/batch/many-groups", test_many_groups);
  g_test_add_func ("/gw/dataset/commit/import-committed", test_import_committed_signal);
  g_test_add_func ("/gw/dataset/table/sort-counts", test_sort_counts);
  return g_test_run ();
}
