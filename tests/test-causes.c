/* test-causes.c: export 1.1 causes and deciles, from the file to the workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader against export-format.md "Version 1.1": declared causes (ids,
 * ICD-10 ranges, parents), a record's cause built in or declared (here,
 * later in the file, or by an earlier import), unknown parents and cycles
 * refused with FILE:LINE:COL, the all-cause total of a cell and its warning,
 * values by decile; the cause registry of the dataset; the decomposition
 * fixture; and the workspace: 250 declared causes and deciles kept, and a
 * version-2 workspace made before causes were declared (tests/data/
 * workspaces/v2.gwdb, by the build of main before this change: samples 01,
 * 06 and 07 and the target le-half) upgraded with its backup and giving the
 * same `track` output (v2-track*.csv, from that build).
 */
#include "gw-config.h"

#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "formats/gw-export-reader.h"
#include "formats/gw-sdmx-mapping.h"
#include "model/gw-key.h"
#include "session/gw-session-import.h"
#include "store/gw-workspace.h"
#include "gw-test-files.h"

/* Every inline export starts with these 6 lines, so a body's first line is
 * line 7 of the file. */
#define HEAD \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.1\" id=\"%s\" generated=\"%s\">\n" \
  "  <areas>\n" \
  "    <area code=\"E92000001\" name=\"England\" type=\"country\"/>\n" \
  "    <area code=\"E06000001\" name=\"Hartlepool\" type=\"ua\" parent=\"E92000001\"/>\n" \
  "  </areas>\n"

#define UNKNOWN_CAUSE "is not a built-in cause or one declared in this export or an earlier import"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gw-test-causes-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  remove_tree (f->dir);
  g_free (f->dir);
}

/* Writes HEAD, body and the end of the export to dir/id.xml. */
static char *
write_export (Fixture *f, const char *id, const char *generated, const char *body)
{
  g_autofree char *head = g_strdup_printf (HEAD, id, generated);
  g_autofree char *text = g_strconcat (head, body, "</export>\n", NULL);
  g_autofree char *name = g_strconcat (id, ".xml", NULL);
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static GwImport *
import_ok (GwDataset *ds, const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_problem_free);
  GwBatch *batch = gw_export_read_file (ds, path, NULL, NULL, NULL, problems, &error);
  GwImport *import;

  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *text = gw_problem_format (g_ptr_array_index (problems, i));
      g_test_message ("problem: %s", text);
    }
  g_assert_no_error (error);
  g_assert_nonnull (batch);
  import = gw_dataset_commit (ds, batch, &error);
  g_assert_no_error (error);
  g_assert_nonnull (import);
  return import;
}

/* Reads a file that must be refused; returns its problems, formatted, and
 * checks the dataset did not change. */
static GStrv
read_refused (GwDataset *ds, const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_problem_free);
  g_autoptr(GStrvBuilder) texts = g_strv_builder_new ();
  guint n_imports = g_list_model_get_n_items (gw_dataset_get_imports (ds));
  guint n_causes = gw_dataset_n_causes (ds);
  GwBatch *batch = gw_export_read_file (ds, path, NULL, NULL, NULL, problems, &error);

  g_assert_null (batch);
  g_assert_nonnull (error);
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *text = gw_problem_format (g_ptr_array_index (problems, i));

      g_strv_builder_add (texts, text);
    }
  g_assert_cmpuint (g_list_model_get_n_items (gw_dataset_get_imports (ds)), ==, n_imports);
  g_assert_cmpuint (gw_dataset_n_causes (ds), ==, n_causes);
  return g_strv_builder_end (texts);
}

/* A problem as gw_problem_format() gives it: the file's name, not its path. */
static char *
at (const char *path, guint line, guint column, const char *message)
{
  g_autofree char *base = g_path_get_basename (path);

  return g_strdup_printf ("%s:%u:%u: %s", base, line, column, message);
}

static guint
cause_number (GwDataset *ds, const char *id)
{
  gint n = gw_dataset_lookup_cause (ds, id);

  g_assert_cmpint (n, >, 0);
  return (guint) n;
}

/* Reader: declarations, uses, refusals */

static const char chd_later[] =
  "  <deaths period=\"2007\" basis=\"registration\">\n"                                  /* 7 */
  "    <c area=\"E06000001\" sex=\"m\" age=\"0\" n=\"3\" cause=\"chd\"/>\n"                /* 8 */
  "    <c area=\"E06000001\" sex=\"m\" age=\"1-4\" n=\"1\" cause=\"heart\"/>\n"            /* 9 */
  "    <c area=\"E06000001\" sex=\"m\" age=\"5-9\" n=\"1\" cause=\"heart\"/>\n"            /* 10 */
  "  </deaths>\n"
  "  <causes>\n"
  "    <cause id=\"chd\" name=\"Coronary heart disease\" icd10=\"I20-I25\" parent=\"circulatory\"/>\n"
  "  </causes>\n";

static void
test_undeclared (Fixture *f, gconstpointer data)
{
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autofree char *path = write_export (f, "undeclared", "2007-07-12T08:30:00Z", chd_later);
  g_autofree char *expected = at (path, 9, 5, "<c>: cause=\"heart\" " UNKNOWN_CAUSE);
  g_auto(GStrv) problems = read_refused (ds, path);

  /* chd is used before its declaration: fine; heart once, at its first use */
  g_assert_cmpuint (g_strv_length (problems), ==, 1);
  g_assert_cmpstr (problems[0], ==, expected);
  g_assert_cmpint (gw_dataset_lookup_cause (ds, "chd"), ==, -1);
}

static void
test_declared_later_and_earlier (Fixture *f, gconstpointer data)
{
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autofree char *first = write_export (f, "first", "2007-07-12T08:30:00Z",
                                         "  <deaths period=\"2007\" basis=\"registration\">\n"
                                         "    <c area=\"E06000001\" sex=\"m\" age=\"0\" n=\"3\" cause=\"chd\"/>\n"
                                         "  </deaths>\n"
                                         "  <causes>\n"
                                         "    <cause id=\"chd\" name=\"Coronary heart disease\" icd10=\"I20-I25\""
                                         " parent=\"circulatory\"/>\n"
                                         "  </causes>\n");
  /* a later export uses chd without declaring it */
  g_autofree char *second = write_export (f, "second", "2007-08-12T08:30:00Z",
                                          "  <deaths period=\"2008\" basis=\"registration\">\n"
                                          "    <c area=\"E06000001\" sex=\"f\" age=\"0\" n=\"2\" cause=\"chd\"/>\n"
                                          "  </deaths>\n");
  guint chd;

  import_ok (ds, first);
  chd = cause_number (ds, "chd");
  g_assert_cmpuint (chd, ==, GW_N_CAUSES);
  import_ok (ds, second);
  g_assert_cmpuint (cause_number (ds, "chd"), ==, chd);
  g_assert_cmpfloat (gw_dataset_deaths_of_cause (ds, gw_dataset_lookup_area (ds, "E06000001"), GW_SEX_FEMALE, 1,
                                                 gw_period_year (2008), GW_AGE_0, chd), ==, 2);
  g_assert_cmpfloat (gw_dataset_deaths_of_cause (ds, gw_dataset_lookup_area (ds, "E06000001"), GW_SEX_MALE, 1,
                                                 gw_period_year (2007), GW_AGE_0, GW_CAUSE_CIRCULATORY), ==, 3);
}

typedef struct
{
  const char *name;
  const char *body;
  guint       n_problems;
  guint       line;
  guint       column;
  const char *message;
} BadCase;

static const BadCase bad_cases[] = {
  { "cycle",
    "  <causes>\n"
    "    <cause id=\"a\" name=\"A\" parent=\"b\"/>\n"
    "    <cause id=\"b\" name=\"B\" parent=\"a\"/>\n"
    "    <cause id=\"c\" name=\"C\" parent=\"a\"/>\n"
    "  </causes>\n",
    2, 8, 5, "<cause> a: parent=\"b\" makes a cycle: a cause cannot lie under itself" },
  { "self-parent",
    "  <causes>\n"
    "    <cause id=\"a\" name=\"A\" parent=\"a\"/>\n"
    "  </causes>\n",
    1, 8, 5, "<cause> a: parent=\"a\" makes a cycle: a cause cannot lie under itself" },
  { "unknown-parent",
    "  <causes>\n"
    "    <cause id=\"chd\" name=\"CHD\" icd10=\"I20-I25\" parent=\"heart\"/>\n"
    "  </causes>\n",
    1, 8, 5, "<cause> chd: parent=\"heart\" " UNKNOWN_CAUSE },
  { "built-in",
    "  <causes>\n"
    "    <cause id=\"cancer\" name=\"Cancer\"/>\n"
    "  </causes>\n",
    1, 8, 5, "<cause>: id=\"cancer\" is a built-in cause and needs no declaration" },
  { "twice",
    "  <causes>\n"
    "    <cause id=\"chd\" name=\"CHD\"/>\n"
    "    <cause id=\"chd\" name=\"CHD\"/>\n"
    "  </causes>\n",
    1, 9, 5, "<cause>: id=\"chd\" is declared twice in this export" },
  { "bad-id",
    "  <causes>\n"
    "    <cause id=\"Heart Disease\" name=\"CHD\"/>\n"
    "  </causes>\n",
    1, 8, 5, "<cause>: id=\"Heart Disease\" is not a cause id (1 to 64 lower-case letters, digits and hyphens)" },
  { "no-name",
    "  <causes>\n"
    "    <cause id=\"chd\"/>\n"
    "  </causes>\n",
    1, 8, 5, "<cause>: the attribute name is missing" },
  { "bad-icd10",
    "  <causes>\n"
    "    <cause id=\"chd\" name=\"CHD\" icd10=\"I20-\"/>\n"
    "  </causes>\n",
    1, 8, 5, "<cause>: icd10=\"I20-\" is not ICD-10 codes or ranges, space-separated (e.g. I20-I25 I60-I69)" },
  { "deaths-pooled-too-long",
    "  <deaths period=\"1990-2007\" basis=\"registration\">\n"
    "    <c area=\"E06000001\" sex=\"m\" age=\"0\" n=\"3\"/>\n"
    "  </deaths>\n",
    1, 7, 3, "<deaths>: period=\"1990-2007\" pools more than 15 years: Gapwatch keeps deaths pooled over at most 15 years" },
  { "decile",
    "  <indicator id=\"le-birth\">\n"
    "    <v area=\"E06000001\" sex=\"m\" period=\"2016-2018\" decile=\"11\" value=\"70.5\"/>\n"
    "  </indicator>\n",
    1, 8, 5, "<v>: decile=\"11\" is not a deprivation decile from 1 to 10" },
};

static void
test_bad (Fixture *f, gconstpointer data)
{
  const BadCase *bc = data;
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autofree char *path = write_export (f, bc->name, "2007-07-12T08:30:00Z", bc->body);
  g_autofree char *expected = at (path, bc->line, bc->column, bc->message);
  g_auto(GStrv) problems = read_refused (ds, path);

  for (guint i = 0; problems[i] != NULL; i++)
    g_test_message ("problem %u: %s", i, problems[i]);
  g_assert_cmpuint (g_strv_length (problems), ==, bc->n_problems);
  g_assert_cmpstr (problems[0], ==, expected);
}

/* A cycle through an earlier import's cause: the later export makes its
 * parent a cause under itself. */
static void
test_cycle_across_imports (Fixture *f, gconstpointer data)
{
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autofree char *first = write_export (f, "tree", "2007-07-12T08:30:00Z",
                                         "  <causes>\n"
                                         "    <cause id=\"heart\" name=\"Heart\" parent=\"circulatory\"/>\n"
                                         "    <cause id=\"chd\" name=\"CHD\" parent=\"heart\"/>\n"
                                         "  </causes>\n");
  g_autofree char *second = write_export (f, "loop", "2007-08-12T08:30:00Z",
                                          "  <causes>\n"
                                          "    <cause id=\"heart\" name=\"Heart\" parent=\"chd\"/>\n"
                                          "  </causes>\n");
  g_autofree char *expected = at (second, 8, 5, "<cause> heart: parent=\"chd\" makes a cycle: a cause cannot lie under itself");
  g_auto(GStrv) problems = NULL;

  import_ok (ds, first);
  problems = read_refused (ds, second);
  g_assert_cmpuint (g_strv_length (problems), ==, 1);
  g_assert_cmpstr (problems[0], ==, expected);
  g_assert_cmpint (gw_dataset_cause_parent (ds, cause_number (ds, "heart")), ==, GW_CAUSE_CIRCULATORY);
}

static void
test_too_many (Fixture *f, gconstpointer data)
{
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autoptr(GString) body = g_string_new ("  <causes>\n");
  g_autofree char *path = NULL, *expected = NULL, *message = NULL;
  g_auto(GStrv) problems = NULL;
  guint room = GW_MAX_CAUSES - GW_N_CAUSES;

  /* every number but 0 and the built-ins' declared, then one more */
  for (guint i = 1; i <= room + 1; i++)
    g_string_append_printf (body, "    <cause id=\"c%u\" name=\"Cause %u\"/>\n", i, i);
  g_string_append (body, "  </causes>\n");
  path = write_export (f, "too-many", "2007-07-12T08:30:00Z", body->str);
  message = g_strdup_printf ("<cause>: id=\"c%u\" is one cause too many: Gapwatch holds at most %u causes, "
                             "counting the built-in ones and those of earlier imports", room + 1, GW_MAX_CAUSES - 1);
  expected = at (path, 7 + room + 1, 5, message);
  problems = read_refused (ds, path);
  g_assert_cmpuint (g_strv_length (problems), ==, 1);
  g_assert_cmpstr (problems[0], ==, expected);
}

/* export-format.md: "When a cell (area, sex, age, period, basis) has both an
 * all-cause record and cause records, the causes must not add up to more
 * than the all-cause count (a warning, and the remainder is "other (not
 * specified)"); with cause records only, all causes is their sum." */
static void
test_all_cause_total (Fixture *f, gconstpointer data)
{
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autofree char *path = write_export (f, "totals", "2007-07-12T08:30:00Z",
    "  <deaths period=\"2007\" basis=\"registration\">\n"
    "    <c area=\"E06000001\" sex=\"m\" age=\"0\" n=\"10\"/>\n"
    "    <c area=\"E06000001\" sex=\"m\" age=\"0\" n=\"5\" cause=\"circulatory\"/>\n"
    "    <c area=\"E06000001\" sex=\"m\" age=\"0\" n=\"3\" cause=\"chd\"/>\n"
    "    <c area=\"E06000001\" sex=\"f\" age=\"0\" n=\"5\"/>\n"
    "    <c area=\"E06000001\" sex=\"f\" age=\"0\" n=\"4\" cause=\"cancer\"/>\n"
    "    <c area=\"E06000001\" sex=\"f\" age=\"0\" n=\"3\" cause=\"external\"/>\n"
    "    <c area=\"E06000001\" sex=\"m\" age=\"1-4\" n=\"2\" cause=\"cancer\"/>\n"
    "    <c area=\"E06000001\" sex=\"m\" age=\"1-4\" n=\"1\" cause=\"chd\"/>\n"
    "  </deaths>\n"
    "  <causes>\n"
    "    <cause id=\"chd\" name=\"Coronary heart disease\" icd10=\"I20-I25\" parent=\"circulatory\"/>\n"
    "  </causes>\n");
  GwImport *import = import_ok (ds, path);
  const char *const *warnings = gw_import_get_warnings (import);
  guint area = gw_dataset_lookup_area (ds, "E06000001"), chd = cause_number (ds, "chd");
  GwPeriod y2007 = gw_period_year (2007);
  GwDeathsCell cell;

  g_assert_cmpuint (gw_import_get_n_warnings (import), ==, 1);
  g_assert_cmpstr (warnings[0], ==, "area E06000001, sex f, age 0, basis registration, period 2007: the causes "
                                    "add up to 7 deaths, more than the 5 of all causes (the all-cause count is kept)");

  /* all causes given, causes fewer: the remainder is not specified */
  g_assert_true (gw_dataset_deaths_cell (ds, area, GW_SEX_MALE, 1, y2007, GW_AGE_0, &cell));
  g_assert_true (cell.has_all_cause_record);
  g_assert_cmpuint (cell.n_cause_records, ==, 2);
  g_assert_cmpfloat (cell.all_causes, ==, 10);
  g_assert_cmpfloat (cell.causes, ==, 8);
  g_assert_cmpfloat (cell.unspecified, ==, 2);
  /* a cause's deaths: its own records and those under it */
  g_assert_cmpfloat (gw_dataset_deaths_of_cause (ds, area, GW_SEX_MALE, 1, y2007, GW_AGE_0, GW_CAUSE_CIRCULATORY), ==, 8);
  g_assert_cmpfloat (gw_dataset_deaths_of_cause (ds, area, GW_SEX_MALE, 1, y2007, GW_AGE_0, chd), ==, 3);
  g_assert_cmpfloat (gw_dataset_deaths_of_cause (ds, area, GW_SEX_MALE, 1, y2007, GW_AGE_0, GW_CAUSE_CANCER), ==, 0);
  g_assert_cmpfloat (gw_dataset_deaths_of_cause (ds, area, GW_SEX_MALE, 1, y2007, GW_AGE_0, GW_CAUSE_ALL), ==, 10);

  /* causes above all causes: the warning's cell keeps its all-cause count */
  g_assert_true (gw_dataset_deaths_cell (ds, area, GW_SEX_FEMALE, 1, y2007, GW_AGE_0, &cell));
  g_assert_cmpfloat (cell.all_causes, ==, 5);
  g_assert_cmpfloat (cell.causes, ==, 7);
  g_assert_cmpfloat (cell.unspecified, ==, 0);

  /* causes only: all causes is their sum */
  g_assert_true (gw_dataset_deaths_cell (ds, area, GW_SEX_MALE, 1, y2007, GW_AGE_1_4, &cell));
  g_assert_false (cell.has_all_cause_record);
  g_assert_cmpfloat (cell.all_causes, ==, 3);
  g_assert_cmpfloat (cell.unspecified, ==, 0);
  g_assert_cmpfloat (gw_dataset_deaths_of_cause (ds, area, GW_SEX_MALE, 1, y2007, GW_AGE_1_4, GW_CAUSE_CIRCULATORY), ==, 1);

  /* no record at all */
  g_assert_false (gw_dataset_deaths_cell (ds, area, GW_SEX_FEMALE, 1, y2007, GW_AGE_1_4, &cell));
  g_assert_cmpfloat (cell.all_causes, ==, 0);
}

/* The registry on the decomposition fixture (export 1.1, chd under
 * circulatory and lung-cancer under cancer), which imports without error. */
static void
test_registry_decomp_fixture (void)
{
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autofree char *path = g_build_filename (g_getenv ("GW_SHARED_DIR"), "data", "fixtures", "decomp-6",
                                            "deaths.xml", NULL);
  GwImport *import = import_ok (ds, path);
  guint chd, lung, england = gw_dataset_lookup_area (ds, "E92000001");
  g_autoptr(GArray) top = gw_dataset_cause_children (ds, GW_CAUSE_ALL);
  g_autoptr(GArray) circulatory = gw_dataset_cause_children (ds, GW_CAUSE_CIRCULATORY);
  const GwCauseDef *def;
  const GArray *ranges;
  GwDeathsCell cell;

  g_assert_cmpuint (gw_import_get_n_warnings (import), ==, 0);
  g_assert_cmpuint (gw_dataset_n_causes (ds), ==, GW_N_CAUSES + 2);
  chd = cause_number (ds, "chd");
  lung = cause_number (ds, "lung-cancer");

  /* the built-ins keep GwCause's numbers */
  for (guint c = 1; c < GW_N_CAUSES; c++)
    {
      def = gw_dataset_get_cause (ds, c);
      g_assert_cmpstr (def->id, ==, gw_cause_to_string (c));
      g_assert_true (def->builtin);
      g_assert_cmpint (def->parent, ==, -1);
    }
  g_assert_null (gw_dataset_get_cause (ds, GW_CAUSE_ALL));

  def = gw_dataset_get_cause (ds, chd);
  g_assert_cmpstr (def->name, ==, "Coronary heart disease");
  g_assert_cmpstr (def->icd10, ==, "I20-I25");
  g_assert_false (def->builtin);
  g_assert_cmpint (gw_dataset_lookup_cause_by_name (ds, "Lung cancer"), ==, (gint) lung);
  g_assert_cmpint (gw_dataset_cause_parent (ds, chd), ==, GW_CAUSE_CIRCULATORY);
  g_assert_cmpuint (gw_dataset_cause_top (ds, lung), ==, GW_CAUSE_CANCER);
  g_assert_cmpuint (gw_dataset_cause_top (ds, GW_CAUSE_OTHER), ==, GW_CAUSE_OTHER);
  g_assert_true (gw_dataset_cause_is_under (ds, chd, GW_CAUSE_CIRCULATORY));
  g_assert_false (gw_dataset_cause_is_under (ds, GW_CAUSE_CIRCULATORY, chd));
  g_assert_false (gw_dataset_cause_is_under (ds, lung, GW_CAUSE_CIRCULATORY));

  g_assert_cmpuint (top->len, ==, GW_N_CAUSES - 1);
  for (guint i = 0; i < top->len; i++)
    g_assert_cmpuint (g_array_index (top, guint, i), ==, i + 1);
  g_assert_cmpuint (circulatory->len, ==, 1);
  g_assert_cmpuint (g_array_index (circulatory, guint, 0), ==, chd);

  ranges = gw_dataset_cause_icd10 (ds, chd);
  g_assert_cmpuint (ranges->len, ==, 1);
  g_assert_cmpuint (g_array_index (ranges, GwIcd10Range, 0).first, ==, 8 * 10000 + 2000);
  g_assert_cmpuint (g_array_index (ranges, GwIcd10Range, 0).last, ==, 8 * 10000 + 2599);
  /* the most specific cause covering a code */
  g_assert_cmpint (gw_dataset_cause_for_icd10 (ds, "I21.4"), ==, (gint) chd);
  g_assert_cmpint (gw_dataset_cause_for_icd10 (ds, "I25"), ==, (gint) chd);
  g_assert_cmpint (gw_dataset_cause_for_icd10 (ds, "I50.1"), ==, GW_CAUSE_CIRCULATORY);
  g_assert_cmpint (gw_dataset_cause_for_icd10 (ds, "C34.1"), ==, (gint) lung);
  g_assert_cmpint (gw_dataset_cause_for_icd10 (ds, "C18"), ==, GW_CAUSE_CANCER);
  g_assert_cmpint (gw_dataset_cause_for_icd10 (ds, "X70"), ==, GW_CAUSE_EXTERNAL);
  g_assert_cmpint (gw_dataset_cause_for_icd10 (ds, "Z99"), ==, -1);
  g_assert_cmpint (gw_dataset_cause_for_icd10 (ds, "i21"), ==, -1);

  /* England, men, 0, 2004: causes only (lines 17-23 of the fixture) */
  g_assert_true (gw_dataset_deaths_cell (ds, england, GW_SEX_MALE, gw_dataset_counted_basis (ds),
                                         gw_period_year (2004), GW_AGE_0, &cell));
  g_assert_false (cell.has_all_cause_record);
  g_assert_cmpuint (cell.n_cause_records, ==, 7);
  g_assert_cmpfloat (cell.all_causes, ==, 597 + 804 + 534 + 1351 + 241 + 685 + 26671);
  g_assert_cmpfloat (gw_dataset_deaths_of_cause (ds, england, GW_SEX_MALE, gw_dataset_counted_basis (ds),
                                                 gw_period_year (2004), GW_AGE_0, GW_CAUSE_CIRCULATORY), ==, 804 + 597);
}

static void
test_icd10_parse (void)
{
  g_autoptr(GArray) ok = gw_icd10_parse_ranges ("I20-I25  U07.1 C33-C34.9 A00.12");
  const char *bad[] = { "I20-", "i20", "I2", "I20.", "I25-I20", "I20-I25,I30", "II20", "I20.123", NULL };

  g_assert_nonnull (ok);
  g_assert_cmpuint (ok->len, ==, 4);
  g_assert_cmpuint (g_array_index (ok, GwIcd10Range, 1).first, ==, 20 * 10000 + 700 + 10);
  g_assert_cmpuint (g_array_index (ok, GwIcd10Range, 1).last, ==, 20 * 10000 + 700 + 19);
  g_assert_cmpuint (g_array_index (ok, GwIcd10Range, 2).last, ==, 2 * 10000 + 3400 + 99);
  g_assert_cmpuint (g_array_index (ok, GwIcd10Range, 3).first, ==, 12);
  g_assert_cmpuint (g_array_index (ok, GwIcd10Range, 3).last, ==, 12);
  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr(GArray) r = gw_icd10_parse_ranges (bad[i]);

      if (r != NULL)
        g_test_message ("accepted %s", bad[i]);
      g_assert_null (r);
    }
}

/* Deciles */

static const char decile_values[] =
  "  <indicator id=\"le-birth\" name=\"Life expectancy at birth\" unit=\"years\" polarity=\"higher-is-better\">\n"
  "    <v area=\"E06000001\" sex=\"m\" period=\"2016-2018\" value=\"76.1\"/>\n"
  "    <v area=\"E06000001\" sex=\"m\" period=\"2016-2018\" decile=\"1\" value=\"70.56\" lower=\"68.34\""
  " upper=\"72.78\" denominator=\"13837\"/>\n"
  "    <v area=\"E06000001\" sex=\"m\" period=\"2016-2018\" decile=\"10\" value=\"80.2\" lower=\"79.1\""
  " upper=\"81.3\" denominator=\"9000\"/>\n"
  "    <v area=\"E06000001\" sex=\"m\" period=\"2017-2019\" decile=\"5\" value=\"75\"/>\n"
  "  </indicator>\n";

static void
assert_deciles (GwDataset *ds)
{
  const GwValueRow *deciles[GW_N_DECILES];
  gint ind = gw_dataset_lookup_indicator (ds, "le-birth"), area = gw_dataset_lookup_area (ds, "E06000001");
  GwPeriod p1618 = gw_period_pooled (2016, 2018);
  const GwValueRow *own;
  g_autoptr(GArray) periods = NULL;

  g_assert_cmpint (ind, >=, 0);
  g_assert_cmpuint (gw_dataset_get_deciles (ds, ind, FALSE, area, GW_SEX_MALE, p1618, deciles), ==, 2);
  g_assert_cmpfloat (deciles[0]->value, ==, 70.56);
  g_assert_cmpfloat (deciles[0]->lower, ==, 68.34);
  g_assert_cmpfloat (deciles[0]->upper, ==, 72.78);
  g_assert_cmpfloat (deciles[0]->denominator, ==, 13837);
  g_assert_cmpfloat (deciles[9]->value, ==, 80.2);
  g_assert_cmpfloat (deciles[9]->denominator, ==, 9000);
  for (guint d = 1; d < 9; d++)
    g_assert_null (deciles[d]);
  /* the area's own value is the one without a decile */
  own = gw_table_lookup (gw_dataset_get_table (ds, GW_RECORD_VALUES), gw_key_value (ind, FALSE, area, GW_SEX_MALE, p1618));
  g_assert_nonnull (own);
  g_assert_cmpfloat (own->value, ==, 76.1);
  g_assert_null (gw_table_lookup (gw_dataset_get_table (ds, GW_RECORD_VALUES),
                                  gw_key_value (ind, FALSE, area, GW_SEX_MALE, gw_period_pooled (2017, 2019))));

  periods = gw_dataset_decile_periods (ds, ind, FALSE, area, GW_SEX_MALE);
  g_assert_cmpuint (periods->len, ==, 2);
  g_assert_cmpuint (g_array_index (periods, GwPeriod, 0), ==, p1618);
  g_assert_cmpuint (g_array_index (periods, GwPeriod, 1), ==, gw_period_pooled (2017, 2019));
}

static void
test_deciles_xml (Fixture *f, gconstpointer data)
{
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autofree char *path = write_export (f, "deciles", "2019-07-12T08:30:00Z", decile_values);
  GwImport *import = import_ok (ds, path);
  g_autofree char *what = NULL;

  g_assert_cmpuint (gw_import_get_n_warnings (import), ==, 0);
  g_assert_cmpuint (gw_import_get_records (import), ==, 4);
  assert_deciles (ds);
  what = gw_dataset_describe_key (ds, GW_RECORD_VALUES,
                                  gw_key_value_decile (gw_dataset_lookup_indicator (ds, "le-birth"), FALSE,
                                                       gw_dataset_lookup_area (ds, "E06000001"), GW_SEX_MALE,
                                                       gw_period_pooled (2016, 2018), 10));
  g_assert_cmpstr (what, ==, "indicator le-birth, area E06000001, sex m, period 2016-2018, decile 10");
}

/* Workspace */

static GwWorkspace *
open_workspace (const char *path, GwWorkspaceOpenFlags flags)
{
  g_autoptr(GError) error = NULL;
  GwWorkspace *workspace = gw_workspace_open (path, flags, &error);

  g_assert_no_error (error);
  g_assert_nonnull (workspace);
  return workspace;
}

/* Imports files into a new workspace at path (and dataset). */
static void
store_files (const char *path, GwDataset *dataset, const char *const *files)
{
  g_autoptr(GwWorkspace) workspace = open_workspace (path, GW_WORKSPACE_OPEN_CREATE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GwImportTask) task = gw_session_import_files (workspace, dataset, files, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (task);
  for (guint i = 0; i < gw_import_task_get_n_results (task); i++)
    {
      const GwWorkspaceFileResult *r = gw_session_get_file_result (task, i);

      if (r->error != NULL)
        g_test_message ("%s: %s", files[i], r->error->message);
      g_assert_cmpint (r->status, ==, GW_WORKSPACE_FILE_STORED);
    }
}

static GwDataset *
load_workspace (const char *path)
{
  g_autoptr(GwWorkspace) workspace = open_workspace (path, GW_WORKSPACE_OPEN_DEFAULT);
  g_autoptr(GError) error = NULL;
  GwDataset *dataset = gw_dataset_new ();

  g_assert_true (gw_workspace_load (workspace, dataset, NULL, &error));
  g_assert_no_error (error);
  return dataset;
}

static void
assert_same_tables (GwDataset *a, GwDataset *b)
{
  for (GwRecordKind k = 0; k < GW_N_RECORD_KINDS; k++)
    {
      const GwTable *x = gw_dataset_get_table (a, k), *y = gw_dataset_get_table (b, k);

      g_assert_cmpuint (gw_table_n_rows (x), ==, gw_table_n_rows (y));
      g_assert_cmpmem (gw_table_rows (x), gw_table_n_rows (x) * gw_table_row_size (x),
                       gw_table_rows (y), gw_table_n_rows (y) * gw_table_row_size (y));
    }
}

static void
assert_same_causes (GwDataset *a, GwDataset *b)
{
  g_assert_cmpuint (gw_dataset_n_causes (a), ==, gw_dataset_n_causes (b));
  for (guint c = 1; c < gw_dataset_n_causes (a); c++)
    {
      const GwCauseDef *x = gw_dataset_get_cause (a, c), *y = gw_dataset_get_cause (b, c);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpstr (x->icd10, ==, y->icd10);
      g_assert_cmpint (x->parent, ==, y->parent);
      g_assert_cmpint (x->builtin, ==, y->builtin);
    }
}

/* 250 declared causes, in chains of ten under the built-ins, each with an
 * ICD-10 code and a record: kept and loaded back whole. */
static void
test_workspace_250_causes (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) body = g_string_new ("  <causes>\n");
  g_autofree char *path = NULL;
  g_autofree char *ws = g_build_filename (f->dir, "causes.gwdb", NULL);
  g_autoptr(GwDataset) imported = gw_dataset_new ();
  g_autoptr(GwDataset) loaded = NULL;
  const char *files[2] = { NULL, NULL };
  guint area;

  for (guint i = 1; i <= 250; i++)
    {
      g_autofree char *parent = i % 10 == 1 ? g_strdup (gw_cause_to_string (1 + (i / 10) % (GW_N_CAUSES - 1)))
                                            : g_strdup_printf ("c%03u", i - 1);

      g_string_append_printf (body, "    <cause id=\"c%03u\" name=\"Cause %u\" icd10=\"%c%02u\" parent=\"%s\"/>\n",
                              i, i, 'A' + i / 100, i % 100, parent);
    }
  g_string_append (body, "  </causes>\n  <deaths period=\"2007\" basis=\"registration\">\n");
  for (guint i = 1; i <= 250; i++)
    g_string_append_printf (body, "    <c area=\"E06000001\" sex=\"m\" age=\"0\" n=\"%u\" cause=\"c%03u\"/>\n", i, i);
  g_string_append (body, "  </deaths>\n");
  path = write_export (f, "causes-250", "2007-07-12T08:30:00Z", body->str);
  files[0] = path;

  store_files (ws, imported, files);
  g_assert_cmpuint (gw_dataset_n_causes (imported), ==, GW_N_CAUSES + 250);
  loaded = load_workspace (ws);
  assert_same_causes (imported, loaded);
  assert_same_tables (imported, loaded);

  /* c001 to c010 are one chain: c001's deaths are the ten's */
  area = gw_dataset_lookup_area (loaded, "E06000001");
  g_assert_cmpfloat (gw_dataset_deaths_of_cause (loaded, area, GW_SEX_MALE, 1, gw_period_year (2007), GW_AGE_0,
                                                 cause_number (loaded, "c001")), ==, 55);
  g_assert_cmpuint (gw_dataset_cause_top (loaded, cause_number (loaded, "c250")), ==,
                    1 + (241 / 10) % (GW_N_CAUSES - 1));
  g_assert_cmpint (gw_dataset_cause_for_icd10 (loaded, "C50.1"), ==, (gint) cause_number (loaded, "c250"));
}

/* A cause declared by one stored import and used by the next: when the
 * first is removed, loading still knows the cause (the second keeps it). */
static void
test_workspace_cause_of_removed_import (Fixture *f, gconstpointer data)
{
  g_autofree char *first = write_export (f, "declares", "2007-07-12T08:30:00Z",
                                         "  <causes>\n"
                                         "    <cause id=\"chd\" name=\"Coronary heart disease\" icd10=\"I20-I25\""
                                         " parent=\"circulatory\"/>\n"
                                         "  </causes>\n");
  g_autofree char *second = write_export (f, "uses", "2007-08-12T08:30:00Z",
                                          "  <deaths period=\"2008\" basis=\"registration\">\n"
                                          "    <c area=\"E06000001\" sex=\"f\" age=\"0\" n=\"2\" cause=\"chd\"/>\n"
                                          "  </deaths>\n");
  g_autofree char *ws = g_build_filename (f->dir, "removed.gwdb", NULL);
  g_autoptr(GwDataset) dataset = gw_dataset_new ();
  g_autoptr(GwDataset) loaded = NULL;
  g_autoptr(GError) error = NULL;
  const char *files[] = { first, second, NULL };

  store_files (ws, dataset, files);
  {
    g_autoptr(GwWorkspace) workspace = open_workspace (ws, GW_WORKSPACE_OPEN_DEFAULT);

    g_assert_true (gw_workspace_remove_import (workspace, dataset, gw_dataset_find_import (dataset, "declares"),
                                               &error));
    g_assert_no_error (error);
  }
  loaded = load_workspace (ws);
  g_assert_cmpuint (g_list_model_get_n_items (gw_dataset_get_imports (loaded)), ==, 1);
  g_assert_cmpint (gw_dataset_cause_parent (loaded, cause_number (loaded, "chd")), ==, GW_CAUSE_CIRCULATORY);
  g_assert_cmpstr (gw_dataset_get_cause (loaded, cause_number (loaded, "chd"))->icd10, ==, "I20-I25");
  g_assert_cmpfloat (gw_dataset_deaths_of_cause (loaded, gw_dataset_lookup_area (loaded, "E06000001"),
                                                 GW_SEX_FEMALE, 1, gw_period_year (2008), GW_AGE_0,
                                                 GW_CAUSE_CIRCULATORY), ==, 2);
}

static void
test_workspace_deciles (Fixture *f, gconstpointer data)
{
  g_autofree char *xml = write_export (f, "deciles", "2019-07-12T08:30:00Z", decile_values);
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "csv", "fingertips-le.csv", NULL);
  g_autofree char *ws = g_build_filename (f->dir, "deciles.gwdb", NULL);
  g_autoptr(GwDataset) dataset = gw_dataset_new ();
  g_autoptr(GwDataset) loaded = NULL;
  const char *files[] = { xml, csv, NULL };
  const GwValueRow *deciles[GW_N_DECILES];

  store_files (ws, dataset, files);
  loaded = load_workspace (ws);
  assert_same_tables (dataset, loaded);
  assert_deciles (loaded);
  /* the Fingertips CSV's "Most deprived decile" and "Second most deprived
   * decile" rows of England (tests/data/csv/fingertips-le.csv) */
  g_assert_cmpuint (gw_dataset_get_deciles (loaded, gw_dataset_lookup_indicator (loaded, "le-birth"), FALSE,
                                            gw_dataset_lookup_area (loaded, "E92000001"), GW_SEX_MALE,
                                            gw_period_pooled (2018, 2020), deciles), ==, 2);
  g_assert_cmpfloat (deciles[0]->value, ==, 74.1);
  g_assert_cmpfloat (deciles[1]->value, ==, 76.0);
}

/* Fingertips' ten wordings of the deprivation deciles (and numbers, and a
 * category that is not a decile), 1 = most deprived. */
static void
test_fingertips_decile_words (Fixture *f, gconstpointer data)
{
  static const char *const words[] = {
    "Most deprived decile (IMD2019)", "Second most deprived decile (IMD2019)",
    "Third more deprived decile (IMD2019)", "Fourth more deprived decile (IMD2019)",
    "Fifth more deprived decile (IMD2019)", "Fifth less deprived decile (IMD2019)",
    "Fourth less deprived decile (IMD2019)", "Third less deprived decile (IMD2019)",
    "Second least deprived decile (IMD2019)", "Least deprived decile (IMD2019)",
  };
  g_autoptr(GString) csv = g_string_new ("Indicator ID,Indicator Name,Area Code,Area Name,Area Type,Sex,"
                                         "Category Type,Category,Time period,Value\r\n");
  g_autofree char *path = g_build_filename (f->dir, "deciles.csv", NULL);
  g_autofree char *ws = g_build_filename (f->dir, "words.gwdb", NULL);
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  const char *files[] = { path, NULL };
  const GwValueRow *deciles[GW_N_DECILES];
  GwImport *import;
  gint ind, area;

  for (guint d = 0; d < G_N_ELEMENTS (words); d++)
    g_string_append_printf (csv, "90366,Life expectancy at birth,E06000001,Hartlepool,Counties & UAs,Male,"
                            "\"County & UA deprivation deciles in England (IMD2019, 4/21 geog.)\",%s,2018 - 20,%u\r\n",
                            words[d], 70 + d);
  /* numbers, for another sex; and a category that is no decile */
  for (guint d = 1; d <= GW_N_DECILES; d++)
    g_string_append_printf (csv, "90366,Life expectancy at birth,E06000001,Hartlepool,Counties & UAs,Female,"
                            "LSOA11 deprivation deciles,%u,2018 - 20,%u\r\n", d, 80 + d);
  g_string_append (csv, "90366,Life expectancy at birth,E06000001,Hartlepool,Counties & UAs,Female,"
                        "Ethnic groups,White,2018 - 20,80\r\n");
  g_assert_true (g_file_set_contents (path, csv->str, -1, NULL));

  store_files (ws, ds, files);
  import = g_list_model_get_item (gw_dataset_get_imports (ds), 0);
  /* the dataset keeps it */
  g_object_unref (import);
  g_assert_cmpuint (gw_import_get_records (import), ==, 20);
  g_assert_cmpuint (gw_import_get_n_warnings (import), ==, 1);
  g_assert_cmpstr (gw_import_get_warnings (import)[0], ==,
                   "1 row of category “Ethnic groups” skipped: Gapwatch holds no values by category");
  ind = gw_dataset_lookup_indicator (ds, "le-birth");
  area = gw_dataset_lookup_area (ds, "E06000001");
  g_assert_cmpuint (gw_dataset_get_deciles (ds, ind, FALSE, area, GW_SEX_MALE, gw_period_pooled (2018, 2020),
                                            deciles), ==, GW_N_DECILES);
  for (guint d = 0; d < GW_N_DECILES; d++)
    g_assert_cmpfloat (deciles[d]->value, ==, 70 + d);
  g_assert_cmpuint (gw_dataset_get_deciles (ds, ind, FALSE, area, GW_SEX_FEMALE, gw_period_pooled (2018, 2020),
                                            deciles), ==, GW_N_DECILES);
  for (guint d = 0; d < GW_N_DECILES; d++)
    g_assert_cmpfloat (deciles[d]->value, ==, 81 + d);
  /* no row of the area's own: deciles only */
  g_assert_null (gw_table_lookup (gw_dataset_get_table (ds, GW_RECORD_VALUES),
                                  gw_key_value (ind, FALSE, area, GW_SEX_MALE, gw_period_pooled (2018, 2020))));
}

/* A damaged stored cause is refused with a clear message and the dataset
 * stays as it was. */
static void
test_workspace_damaged_cause (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_export (f, "chain", "2007-07-12T08:30:00Z",
                                        "  <causes>\n"
                                        "    <cause id=\"heart\" name=\"Heart\" parent=\"circulatory\"/>\n"
                                        "    <cause id=\"chd\" name=\"CHD\" parent=\"heart\"/>\n"
                                        "  </causes>\n");
  g_autofree char *ws = g_build_filename (f->dir, "damaged.gwdb", NULL);
  const char *files[] = { path, NULL };
  static const struct { const char *sql; const char *detail; } damages[] = {
    { "UPDATE import_causes SET parent = 'chd' WHERE cause_id = 'heart'", "import_causes.parent" },
    { "UPDATE import_causes SET icd10 = 'I2O' WHERE cause_id = 'heart'", "import_causes.icd10" },
    { "UPDATE import_causes SET cause_id = 'cancer' WHERE cause_id = 'heart'", "import_causes.cause_id" },
    { "UPDATE import_causes SET number = 3 WHERE cause_id = 'heart'", "import_causes" },
  };

  {
    g_autoptr(GwDataset) dataset = gw_dataset_new ();

    store_files (ws, dataset, files);
  }
  for (guint i = 0; i < G_N_ELEMENTS (damages); i++)
    {
      g_autofree char *copy = g_strdup_printf ("%s.%u.gwdb", ws, i);
      g_autofree char *bytes = NULL;
      g_autofree char *expected = NULL;
      gsize len = 0;
      sqlite3 *db = NULL;
      g_autoptr(GwWorkspace) workspace = NULL;
      g_autoptr(GwDataset) dataset = gw_dataset_new ();
      g_autoptr(GError) error = NULL;

      g_assert_true (g_file_get_contents (ws, &bytes, &len, NULL));
      g_assert_true (g_file_set_contents (copy, bytes, len, NULL));
      g_assert_cmpint (sqlite3_open (copy, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, damages[i].sql, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);

      workspace = open_workspace (copy, GW_WORKSPACE_OPEN_DEFAULT);
      g_assert_false (gw_workspace_load (workspace, dataset, NULL, &error));
      g_assert_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_CORRUPT);
      expected = g_strdup_printf ("Cannot load chain from the workspace %s: the workspace is damaged: %s",
                                  copy, damages[i].detail);
      g_assert_cmpstr (error->message, ==, expected);
      g_assert_cmpuint (g_list_model_get_n_items (gw_dataset_get_imports (dataset)), ==, 0);
      g_assert_cmpuint (gw_dataset_n_causes (dataset), ==, GW_N_CAUSES);
    }
}

/* tests/data/workspaces/v2.gwdb, made by main's build before causes could
 * be declared: upgraded to version 3 with a backup of version 2, the same
 * dataset as importing its three files, and the same `track` output. */
static char *
run_cli (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_message ("%s", err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static gint64
query_int (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return v;
}

static void
assert_same_text (const char *out, const char *expected_name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "workspaces", expected_name, NULL);
  g_autofree char *expected = NULL;

  g_assert_true (g_file_get_contents (path, &expected, NULL, NULL));
  g_assert_cmpstr (out, ==, expected);
}

/* Copies the fixture workspace name to ws and opens it: the upgrade makes
 * the backup ws.v<version>.bak. */
static void
open_fixture_copy (const char *name, const char *ws, guint version)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "workspaces", name, NULL);
  g_autofree char *backup = g_strdup_printf ("%s.v%u.bak", ws, version);
  g_autofree char *bytes = NULL;
  g_autoptr(GwWorkspace) workspace = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (fixture, &bytes, &len, NULL));
  g_assert_true (g_file_set_contents (ws, bytes, len, NULL));
  workspace = open_workspace (ws, GW_WORKSPACE_OPEN_DEFAULT);
  g_assert_cmpstr (gw_workspace_get_backup_path (workspace), ==, backup);
}

static void
test_workspace_v2_upgrade (Fixture *f, gconstpointer data)
{
  g_autofree char *ws = g_build_filename (f->dir, "team.gwdb", NULL);
  g_autofree char *backup = g_strconcat (ws, ".v2.bak", NULL);
  g_autofree char *out = NULL, *out_target = NULL;
  g_autofree char *a = g_build_filename (g_getenv ("GW_SAMPLES_DIR"), "01-areas.xml", NULL);
  g_autofree char *b = g_build_filename (g_getenv ("GW_SAMPLES_DIR"), "06-deaths-2007-03-revised.xml", NULL);
  g_autofree char *c = g_build_filename (g_getenv ("GW_SAMPLES_DIR"), "07-le-imr-published.xml", NULL);
  g_autoptr(GwDataset) imported = gw_dataset_new ();
  g_autoptr(GwDataset) loaded = NULL;

  open_fixture_copy ("v2.gwdb", ws, 2);
  /* the backup is the workspace as it was: version 2, its imports, no causes */
  g_assert_cmpint (query_int (backup, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (query_int (backup, "SELECT count(*) FROM imports"), ==, 3);
  g_assert_cmpint (query_int (backup, "SELECT count(*) FROM sqlite_master WHERE name = 'import_causes'"), ==, 0);
  g_assert_cmpint (query_int (ws, "PRAGMA user_version"), ==, GW_WORKSPACE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (ws, "SELECT count(*) FROM sqlite_master WHERE name = 'import_causes'"), ==, 1);

  loaded = load_workspace (ws);
  import_ok (imported, a);
  import_ok (imported, b);
  import_ok (imported, c);
  assert_same_tables (imported, loaded);
  assert_same_causes (imported, loaded);

  {
    const char *track[] = { GW_CLI_PATH, "track", "--workspace", ws, NULL };
    const char *track_target[] = { GW_CLI_PATH, "track", "--workspace", ws, "--target", "le-half", NULL };

    out = run_cli (track);
    out_target = run_cli (track_target);
  }
  assert_same_text (out, "v2-track.csv");
  assert_same_text (out_target, "v2-track-le-half.csv");
}

/* SDMX-ML mappings kept in the workspace */

static const char my_mapping[] =
  "[Mapping]\nname=My deaths\ndataflows=MY_DEATHS;\nmeasure=deaths\n[Fixed]\nresid=TOT_IN\n";

/* tests/data/sdmx/hlth_cd_fine.xml as a dataflow no profile knows, with
 * its own id and year. */
static char *
write_my_deaths (Fixture *f, const char *id, const char *year)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "sdmx", "hlth_cd_fine.xml", NULL);
  g_autofree char *text = NULL;
  g_autofree char *name = g_strconcat (id, ".xml", NULL);
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GString) s = NULL;

  g_assert_true (g_file_get_contents (source, &text, NULL, NULL));
  s = g_string_new (text);
  g_string_replace (s, "HLTH_CD_ARO", "MY_DEATHS", 0);
  g_string_replace (s, "<m:ID>CD1</m:ID>", "", 0);
  g_string_replace (s, "<m:Test>", "<m:ID>XX</m:ID><m:Test>", 0);
  g_string_replace (s, "XX", id, 0);
  g_string_replace (s, "2018", year, 0);
  g_assert_true (g_file_set_contents (path, s->str, -1, NULL));
  return path;
}

/* A mapping given for an import (--mapping) is kept with it: the workspace
 * loaded with no mapping given shows it, and a later message of the same
 * dataflow is read by it; without it that message is refused. */
static void
test_workspace_mapping (Fixture *f, gconstpointer data)
{
  g_autofree char *ws = g_build_filename (f->dir, "team.gwdb", NULL);
  g_autofree char *mapping = g_build_filename (f->dir, "my.mapping", NULL);
  g_autofree char *a = write_my_deaths (f, "MD1", "2018");
  g_autofree char *b = write_my_deaths (f, "MD2", "2019");
  g_autoptr(GwDataset) first = gw_dataset_new ();
  g_autoptr(GwDataset) loaded = NULL;
  g_autoptr(GwImport) import = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (g_file_set_contents (mapping, my_mapping, -1, NULL));
  g_assert_true (gw_sdmx_set_options (NULL, (const char *const[]) { mapping, NULL }, &error));
  store_files (ws, first, (const char *const[]) { a, NULL });
  g_assert_true (gw_sdmx_set_options (NULL, NULL, &error));
  g_assert_cmpint (query_int (ws, "SELECT count(*) FROM import_mappings"), ==, 1);

  loaded = load_workspace (ws);
  import = g_list_model_get_item (gw_dataset_get_imports (loaded), 0);
  g_assert_cmpstr (gw_import_get_mapping_name (import), ==, "My deaths");
  g_assert_cmpstr (gw_import_get_mapping_text (import), ==, my_mapping);
  g_assert_cmpstr (gw_import_get_title (import), ==, "MY_DEATHS (mapping: My deaths)");

  /* no mapping: the later message is refused */
  {
    g_autoptr(GwDataset) bare = gw_dataset_new ();
    g_autoptr(GwImportTask) task = gw_import_task_new (bare, (const char *const[]) { b, NULL });

    g_assert_true (gw_sdmx_set_workspace_mappings (NULL, NULL, &error));
    g_assert_true (gw_import_task_run (task, NULL, &error));
    g_assert_cmpint (gw_import_task_get_result (task, 0)->kind, ==, GW_IMPORT_RESULT_REJECTED);
  }
  /* the workspace's mapping reads it */
  g_assert_true (gw_session_use_workspace_mappings (loaded, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  {
    g_autoptr(GwWorkspace) workspace = open_workspace (ws, GW_WORKSPACE_OPEN_DEFAULT);
    g_autoptr(GwImportTask) task = gw_session_import_files (workspace, loaded, (const char *const[]) { b, NULL },
                                                            NULL, &error);
    const GwImportResult *r;

    g_assert_no_error (error);
    r = gw_import_task_get_result (task, 0);
    g_assert_cmpint (r->kind, ==, GW_IMPORT_RESULT_IMPORTED);
    g_assert_cmpstr (gw_import_get_mapping_name (r->import), ==, "My deaths");
    g_assert_cmpuint (gw_import_get_records_of_kind (r->import, GW_RECORD_DEATHS), ==, 12);
  }
  g_assert_true (gw_sdmx_set_workspace_mappings (NULL, NULL, &error));
  g_assert_cmpint (query_int (ws, "SELECT count(*) FROM import_mappings"), ==, 2);
}

static void
set_mapping_text (const char *ws, const char *sql_text)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE import_mappings SET text = %s", sql_text);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (ws, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* A mapping kept in a workspace is read as untrusted: one that is no key
 * file is an error naming it, and its import still loads, records and all;
 * one that is a key file but no mapping is refused where it is used. */
static void
test_workspace_mapping_damaged (Fixture *f, gconstpointer data)
{
  g_autofree char *ws = g_build_filename (f->dir, "team.gwdb", NULL);
  g_autofree char *mapping = g_build_filename (f->dir, "my.mapping", NULL);
  g_autofree char *a = write_my_deaths (f, "MD1", "2018");
  g_autoptr(GwDataset) first = gw_dataset_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  g_assert_true (g_file_set_contents (mapping, my_mapping, -1, NULL));
  g_assert_true (gw_sdmx_set_options (NULL, (const char *const[]) { mapping, NULL }, &error));
  store_files (ws, first, (const char *const[]) { a, NULL });
  g_assert_true (gw_sdmx_set_options (NULL, NULL, &error));

  set_mapping_text (ws, "'[Mapping' || char(10) || 'x'");
  {
    g_autoptr(GwWorkspace) workspace = open_workspace (ws, GW_WORKSPACE_OPEN_DEFAULT);
    g_autoptr(GwDataset) loaded = gw_dataset_new ();
    g_autoptr(GwImport) import = NULL;

    g_assert_false (gw_workspace_load (workspace, loaded, NULL, &error));
    g_assert_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_CORRUPT);
    expected = g_strdup_printf ("Cannot load MD1 from the workspace %s: the workspace is damaged: its mapping "
                                "“My deaths” is not a key file: Key file contains line “[Mapping” which is not "
                                "a key-value pair, group, or comment", ws);
    g_assert_cmpstr (error->message, ==, expected);
    g_clear_error (&error);
    /* nothing loaded lost */
    g_assert_cmpuint (g_list_model_get_n_items (gw_dataset_get_imports (loaded)), ==, 1);
    assert_same_tables (first, loaded);
    import = g_list_model_get_item (gw_dataset_get_imports (loaded), 0);
    g_assert_null (gw_import_get_mapping_text (import));
  }

  set_mapping_text (ws, "'[Mapping]' || char(10) || 'measure=Deaths!'");
  {
    g_autoptr(GwDataset) loaded = load_workspace (ws);

    g_assert_false (gw_session_use_workspace_mappings (loaded, NULL, &error));
    g_assert_cmpstr (error->message, ==, "The workspace's mapping “My deaths” cannot be used: My deaths: measure "
                                         "“Deaths!” is not deaths, population, births or an indicator id "
                                         "(lower-case letters, digits and -)");
  }
}

/* tests/data/workspaces/v3.gwdb, made by main's build (d68ec12) before
 * mappings were kept (01-areas.xml and Eurostat's demography sample):
 * upgraded to version 4 with a backup of version 3, the same dataset as
 * importing its two files. */
static void
test_workspace_v3_upgrade (Fixture *f, gconstpointer data)
{
  g_autofree char *ws = g_build_filename (f->dir, "team.gwdb", NULL);
  g_autofree char *backup = g_strconcat (ws, ".v3.bak", NULL);
  g_autofree char *a = g_build_filename (g_getenv ("GW_SAMPLES_DIR"), "01-areas.xml", NULL);
  g_autofree char *b = g_build_filename (g_getenv ("GW_SHARED_DIR"), "data", "reference", "sdmx",
                                         "khaeru-sdmx-test-data__ESTAT_demography-xs.xml", NULL);
  g_autoptr(GwDataset) imported = gw_dataset_new ();
  g_autoptr(GwDataset) loaded = NULL;

  if (!g_file_test (b, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("GW_SHARED_DIR/data/reference/sdmx is missing");
      return;
    }
  open_fixture_copy ("v3.gwdb", ws, 3);
  g_assert_cmpint (query_int (backup, "PRAGMA user_version"), ==, 3);
  g_assert_cmpint (query_int (backup, "SELECT count(*) FROM sqlite_master WHERE name = 'import_mappings'"), ==, 0);
  g_assert_cmpint (query_int (ws, "PRAGMA user_version"), ==, 4);
  g_assert_cmpint (query_int (ws, "SELECT count(*) FROM import_mappings"), ==, 0);

  loaded = load_workspace (ws);
  {
    g_autoptr(GwImportTask) task = gw_import_task_new (imported, (const char *const[]) { a, b, NULL });
    g_autoptr(GError) error = NULL;

    g_assert_true (gw_import_task_run (task, NULL, &error));
    g_assert_cmpuint (gw_import_task_get_n_failed (task), ==, 0);
  }
  assert_same_tables (imported, loaded);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/gw/causes/reader/undeclared", Fixture, NULL, fixture_set_up, test_undeclared, fixture_tear_down);
  g_test_add ("/gw/causes/reader/declared-later-and-earlier", Fixture, NULL, fixture_set_up,
              test_declared_later_and_earlier, fixture_tear_down);
  for (gsize i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/gw/causes/reader/refused/%s", bad_cases[i].name);

      g_test_add (name, Fixture, &bad_cases[i], fixture_set_up, test_bad, fixture_tear_down);
    }
  g_test_add ("/gw/causes/reader/cycle-across-imports", Fixture, NULL, fixture_set_up, test_cycle_across_imports,
              fixture_tear_down);
  g_test_add ("/gw/causes/reader/too-many", Fixture, NULL, fixture_set_up, test_too_many, fixture_tear_down);
  g_test_add ("/gw/causes/reader/all-cause-total", Fixture, NULL, fixture_set_up, test_all_cause_total,
              fixture_tear_down);
  g_test_add_func ("/gw/causes/registry/decomp-fixture", test_registry_decomp_fixture);
  g_test_add_func ("/gw/causes/registry/icd10", test_icd10_parse);
  g_test_add ("/gw/causes/deciles/xml", Fixture, NULL, fixture_set_up, test_deciles_xml, fixture_tear_down);
  g_test_add ("/gw/causes/workspace/250-causes", Fixture, NULL, fixture_set_up, test_workspace_250_causes,
              fixture_tear_down);
  g_test_add ("/gw/causes/workspace/cause-of-removed-import", Fixture, NULL, fixture_set_up,
              test_workspace_cause_of_removed_import, fixture_tear_down);
  g_test_add ("/gw/causes/workspace/deciles", Fixture, NULL, fixture_set_up, test_workspace_deciles,
              fixture_tear_down);
  g_test_add ("/gw/causes/deciles/fingertips-words", Fixture, NULL, fixture_set_up, test_fingertips_decile_words,
              fixture_tear_down);
  g_test_add ("/gw/causes/workspace/damaged-cause", Fixture, NULL, fixture_set_up, test_workspace_damaged_cause,
              fixture_tear_down);
  g_test_add ("/gw/causes/workspace/mapping", Fixture, NULL, fixture_set_up, test_workspace_mapping,
              fixture_tear_down);
  g_test_add ("/gw/causes/workspace/mapping-damaged", Fixture, NULL, fixture_set_up,
              test_workspace_mapping_damaged, fixture_tear_down);
  g_test_add ("/gw/causes/workspace/v3-upgrade", Fixture, NULL, fixture_set_up, test_workspace_v3_upgrade,
              fixture_tear_down);
  g_test_add ("/gw/causes/workspace/v2-upgrade", Fixture, NULL, fixture_set_up, test_workspace_v2_upgrade,
              fixture_tear_down);

  return g_test_run ();
}
