/* test-csv-reader.c: Fingertips CSV, the long columns, Excel 2003 XML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The 70-area tracker fixture written as a Fingertips download gives the
 * same tracker rows as its XML; every way a CSV goes wrong is refused with
 * its exact message at its line and column; the tables of tests/data/csv
 * read as they say; the four reference SpreadsheetML workbooks each give
 * their result.
 */
#include <math.h>
#include <string.h>
#include <utime.h>

#include "formats/gw-reader.h"
#include "formats/gw-number-private.h"
#include "tracker/gw-tracker.h"
#include "gw-test-tmp.h"

#define HEADER "Indicator ID,Indicator Name,Area Code,Area Name,Sex,Age,Time period,Value," \
               "Lower CI 95.0 limit,Upper CI 95.0 limit,Count,Value note\n"
#define LE     "90366,Life expectancy at birth,"
#define EXPECTED_COLUMNS "a Fingertips indicator-data table (columns Indicator ID, Indicator Name, Area Code, " \
  "Sex, Time period, Value, …) or Gapwatch's long columns (area_code, sex, period, measure, value, …)"

static GwBatch *
read_path (GwDataset *ds, const char *path, GPtrArray *errors, GError **error)
{
  return gw_reader_read_file (ds, path, NULL, NULL, NULL, errors, error);
}

static GwImport *
import_path (GwDataset *ds, const char *path)
{
  g_autoptr(GError) error = NULL;
  GwBatch *batch = read_path (ds, path, NULL, &error);
  GwImport *import;

  g_assert_no_error (error);
  g_assert_nonnull (batch);
  import = gw_dataset_commit (ds, batch, &error);
  g_assert_no_error (error);
  return import;
}

static char *
data_path (const char *name)
{
  return g_build_filename (GW_TEST_SRCDIR, "data", "csv", name, NULL);
}

/* The file is refused: its first problem, formatted, is expected, and
 * there are n problems in all. */
static void
assert_refused_n (const char *path, const char *expected, guint n)
{
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_problem_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  GwBatch *batch = read_path (ds, path, errors, &error);

  g_assert_null (batch);
  g_assert_error (error, GW_EXPORT_ERROR, GW_EXPORT_ERROR_INVALID);
  g_assert_cmpuint (errors->len, ==, n);
  first = gw_problem_format (g_ptr_array_index (errors, 0));
  g_assert_cmpstr (first, ==, expected);
  if (n == 1)
    g_assert_cmpstr (error->message, ==, expected);
}

static void
assert_refused (const char *path, const char *expected)
{
  assert_refused_n (path, expected, 1);
}

/* The 70-area fixture as a Fingertips download */

static const char *
fingertips_sex (GwSex sex)
{
  return sex == GW_SEX_MALE ? "Male" : sex == GW_SEX_FEMALE ? "Female" : "Persons";
}

/* Fingertips' spelling of a period: "1995 - 97". */
static char *
fingertips_period (GwPeriod period)
{
  char buf[GW_PERIOD_STRLEN];

  if (gw_period_kind (period) == GW_PERIOD_POOLED)
    return g_strdup_printf ("%u - %02u", gw_period_first_year (period), gw_period_last_year (period) % 100);
  return g_strdup (gw_period_format (period, buf));
}

static void
append_number (GString *out, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isnan (v))
    g_string_append (out, g_ascii_dtostr (buf, sizeof buf, v));
  g_string_append_c (out, ',');
}

/* Every published value of ds as a row of a Fingertips download (CRLF, a
 * BOM, names quoted); a group's value under the group's id as its area
 * code. */
static char *
fingertips_csv (GwDataset *ds)
{
  const GwTable *values = gw_dataset_get_table (ds, GW_RECORD_VALUES);
  GString *out = g_string_new ("\xef\xbb\xbf"
                               "Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,"
                               "Sex,Age,Category Type,Category,Time period,Value,Lower CI 95.0 limit,"
                               "Upper CI 95.0 limit,Lower CI 99.8 limit,Upper CI 99.8 limit,Count,Denominator,"
                               "Value note,Recent Trend\r\n");

  for (guint i = 0; i < gw_table_n_rows (values); i++)
    {
      const GwValueRow *r = gw_table_row (values, i);
      g_autofree char *period = NULL;
      const char *code, *name, *parent = "", *parent_name = "";
      GwKeyFields f;

      gw_key_decode (GW_RECORD_VALUES, gw_row_logical (r->key), &f);
      g_assert_cmpstr (gw_dataset_get_indicator (ds, f.indicator)->id, ==, "le-birth");
      if (f.is_group)
        {
          code = gw_dataset_get_group (ds, f.area)->id;
          name = gw_dataset_get_group (ds, f.area)->name;
        }
      else
        {
          const GwArea *a = gw_dataset_get_area (ds, f.area);

          code = a->code;
          name = a->name;
          if (a->parent >= 0)
            {
              parent = gw_dataset_get_area (ds, a->parent)->code;
              parent_name = gw_dataset_get_area (ds, a->parent)->name;
            }
        }
      period = fingertips_period (f.period);
      g_string_append_printf (out, "90366,Life expectancy at birth,%s,\"%s\",%s,\"%s\",Counties & UAs (from Apr 2021),"
                              "%s,All ages,,,%s,", parent, parent_name, code, name, fingertips_sex (f.sex), period);
      append_number (out, r->value);
      append_number (out, r->lower);
      append_number (out, r->upper);
      g_string_append (out, ",,");
      append_number (out, r->count);
      append_number (out, r->denominator);
      g_assert_true (r->note == GW_NOTE_NONE || r->note == GW_NOTE_SUPPRESSED);
      g_string_append (out, r->note == GW_NOTE_SUPPRESSED ? "Value suppressed for disclosure control due to small count" : "");
      g_string_append (out, ",Cannot be calculated\r\n");
    }
  return g_string_free (out, FALSE);
}

/* The fixture's areas and group, and nothing else: Fingertips has no
 * groups, so the group and its members come from an export. */
static char *
areas_export (const char *fixture_text)
{
  const char *start = strstr (fixture_text, "<areas>"), *end = strstr (fixture_text, "</areas>");

  g_assert_nonnull (start);
  g_assert_nonnull (end);
  return g_strdup_printf ("<?xml version=\"1.0\"?>\n"
                          "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\" id=\"le-3-areas\" "
                          "generated=\"2007-03-01T09:00:00Z\">\n  %.*s</areas>\n</export>\n",
                          (int) (end - start), start);
}

static gboolean
same_number (double a, double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

static void
assert_same_rows (GPtrArray *expected, GPtrArray *actual)
{
  g_assert_cmpuint (actual->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      const GwTrackerRow *e = g_ptr_array_index (expected, i), *a = g_ptr_array_index (actual, i);

      g_assert_cmpstr (a->code, ==, e->code);
      g_assert_cmpstr (a->name, ==, e->name);
      g_assert_cmpint (a->is_group, ==, e->is_group);
      g_assert_cmpint (a->sex, ==, e->sex);
      g_assert_cmpuint (a->baseline_period, ==, e->baseline_period);
      g_assert_cmpuint (a->latest_period, ==, e->latest_period);
      g_assert_cmpint (a->status, ==, e->status);
      g_assert_true (same_number (a->baseline_gap, e->baseline_gap));
      g_assert_true (same_number (a->latest_gap, e->latest_gap));
      g_assert_true (same_number (a->change_since_baseline, e->change_since_baseline));
      g_assert_true (same_number (a->target_gap, e->target_gap));
      g_assert_true (same_number (a->trajectory_gap, e->trajectory_gap));
      g_assert_true (same_number (a->projected_gap, e->projected_gap));
      g_assert_true (same_number (a->required_narrowing, e->required_narrowing));
      g_assert_true (same_number (a->latest_gap_lower95, e->latest_gap_lower95));
      g_assert_true (same_number (a->latest_gap_upper95, e->latest_gap_upper95));
    }
}

static GPtrArray *
track (GwDataset *ds, const char *summary_path)
{
  g_autoptr(GwTarget) target = gw_target_new_builtin ("le-2010");
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL, *summary = NULL;
  GPtrArray *rows = gw_tracker_run (ds, target, NULL, NULL, &error);
  GwTrackerSummary sum;

  g_assert_no_error (error);
  gw_tracker_summarise (rows, &sum);
  line = g_strdup_printf ("both=%u men-only=%u women-only=%u neither=%u insufficient-data=%u",
                          sum.both, sum.men_only, sum.women_only, sum.neither, sum.insufficient_data);
  g_assert_true (g_file_get_contents (summary_path, &summary, NULL, NULL));
  g_assert_cmpstr (line, ==, g_strstrip (summary));
  return rows;
}

static void
test_fixture (gconstpointer data)
{
  gboolean revision_first = GPOINTER_TO_INT (data);
  const char *shared = g_getenv ("GW_SHARED_DIR");
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autofree char *dir = NULL, *a = NULL, *b = NULL, *a_text = NULL, *csv = NULL, *areas = NULL;
  g_autofree char *summary_a = NULL, *summary_ab = NULL;
  g_autoptr(GwDataset) from_xml = gw_dataset_new ();
  g_autoptr(GwDataset) from_csv = gw_dataset_new ();
  g_autoptr(GPtrArray) xml_rows = NULL, csv_rows = NULL;
  const char *csv_path;
  struct utimbuf times;
  GwImport *import;

  if (shared == NULL)
    {
      g_test_skip ("GW_SHARED_DIR is not set");
      return;
    }
  dir = g_build_filename (shared, "data", "fixtures", "tracker-70", NULL);
  a = g_build_filename (dir, "le-a.xml", NULL);
  b = g_build_filename (dir, "le-b-revision.xml", NULL);
  summary_a = g_build_filename (dir, "summary-export-a-only.txt", NULL);
  summary_ab = g_build_filename (dir, "summary.txt", NULL);
  if (!g_file_get_contents (a, &a_text, NULL, NULL))
    {
      g_test_skip ("no tracker-70 fixture");
      return;
    }

  import_path (from_xml, a);
  csv = fingertips_csv (from_xml);
  areas = areas_export (a_text);
  csv_path = gw_test_tmp_write (tmp, "le-a.csv", csv, -1);
  /* as new as le-a.xml: the revision of two months later wins */
  times.actime = times.modtime = 1172739600;   /* 2007-03-01T09:00:00Z */
  g_assert_cmpint (utime (csv_path, &times), ==, 0);

  import_path (from_csv, gw_test_tmp_write (tmp, "le-areas.xml", areas, -1));
  if (revision_first)
    import_path (from_csv, b);
  import = import_path (from_csv, csv_path);
  g_assert_cmpuint (gw_import_get_records (import), ==, gw_table_n_rows (gw_dataset_get_table (from_xml, GW_RECORD_VALUES)));
  if (!revision_first)
    {
      xml_rows = track (from_xml, summary_a);
      csv_rows = track (from_csv, summary_a);
      assert_same_rows (xml_rows, csv_rows);
      g_clear_pointer (&xml_rows, g_ptr_array_unref);
      g_clear_pointer (&csv_rows, g_ptr_array_unref);
      import_path (from_csv, b);
    }
  import_path (from_xml, b);
  xml_rows = track (from_xml, summary_ab);
  csv_rows = track (from_csv, summary_ab);
  assert_same_rows (xml_rows, csv_rows);
}

/* What a Fingertips download holds */

static const GwValueRow *
value_of (GwDataset *ds, const char *indicator, const char *area, GwSex sex, const char *period)
{
  GwPeriod p = 0;
  gint i = gw_dataset_lookup_indicator (ds, indicator), a = gw_dataset_lookup_area (ds, area);

  g_assert_cmpint (i, >=, 0);
  g_assert_cmpint (a, >=, 0);
  g_assert_true (gw_period_parse (period, &p));
  return gw_table_lookup (gw_dataset_get_table (ds, GW_RECORD_VALUES), gw_key_value (i, FALSE, a, sex, p));
}

/* Fingertips' "Most deprived decile (IMD2019)" and "Second most deprived
 * decile (IMD2019)" rows of England: deciles 1 and 2, with their limits. */
static void
assert_fingertips_deciles (GwDataset *ds)
{
  const GwValueRow *deciles[GW_N_DECILES];
  GwPeriod p = 0;
  gint i = gw_dataset_lookup_indicator (ds, "le-birth"), a = gw_dataset_lookup_area (ds, "E92000001");

  g_assert_true (gw_period_parse ("2018-2020", &p));
  g_assert_cmpuint (gw_dataset_get_deciles (ds, i, FALSE, a, GW_SEX_MALE, p, deciles), ==, 2);
  g_assert_nonnull (deciles[0]);
  g_assert_cmpfloat (deciles[0]->value, ==, 74.1);
  g_assert_cmpfloat (deciles[0]->lower, ==, 74.0);
  g_assert_cmpfloat (deciles[0]->upper, ==, 74.2);
  g_assert_nonnull (deciles[1]);
  g_assert_cmpfloat (deciles[1]->value, ==, 76.0);
  for (guint d = 2; d < GW_N_DECILES; d++)
    g_assert_null (deciles[d]);
  g_assert_cmpuint (gw_dataset_get_deciles (ds, i, FALSE, a, GW_SEX_FEMALE, p, deciles), ==, 0);
}

static void
assert_fingertips_sample (const char *name)
{
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autofree char *path = data_path (name);
  GwImport *import = import_path (ds, path);
  const GwValueRow *v;
  const GwArea *area;
  const GwIndicatorDef *def;
  const char *const *warnings;

  /* the two deprivation decile rows are England's deciles 1 and 2 */
  g_assert_cmpuint (gw_import_get_records (import), ==, 8);
  g_assert_cmpstr (gw_import_get_publisher (import), ==, "Fingertips");
  g_assert_true (g_str_has_prefix (gw_import_get_id (import), "fingertips-"));
  g_assert_cmpuint (gw_import_get_n_warnings (import), ==, 1);
  warnings = gw_import_get_warnings (import);
  g_assert_true (g_str_has_suffix (warnings[0], ": indicator le-birth, area E06000001, sex f, period 2018-2020: value suppressed"));
  assert_fingertips_deciles (ds);

  v = value_of (ds, "le-birth", "E06000001", GW_SEX_MALE, "2018-2020");
  g_assert_nonnull (v);
  g_assert_cmpfloat (v->value, ==, 76.1);
  g_assert_cmpfloat (v->lower, ==, 75.2);
  g_assert_cmpfloat (v->upper, ==, 77.0);
  v = value_of (ds, "le-birth", "E06000001", GW_SEX_FEMALE, "2018-2020");
  g_assert_true (isnan (v->value));
  g_assert_cmpint (v->note, ==, GW_NOTE_SUPPRESSED);
  /* England's own row, not a decile's */
  g_assert_cmpfloat (value_of (ds, "le-birth", "E92000001", GW_SEX_MALE, "2018-2020")->value, ==, 79.4);
  v = value_of (ds, "imr", "E92000001", GW_SEX_PERSONS, "2018-2020");
  g_assert_cmpfloat (v->value, ==, 3.9);
  g_assert_cmpfloat (v->count, ==, 2350);
  g_assert_cmpfloat (v->denominator, ==, 602000);
  def = gw_dataset_get_indicator (ds, gw_dataset_lookup_indicator (ds, "imr"));
  g_assert_cmpint (def->polarity, ==, GW_POLARITY_LOWER_IS_BETTER);
  v = value_of (ds, "fingertips-93014", "E06000001", GW_SEX_PERSONS, "2019/20");
  g_assert_cmpfloat (v->value, ==, 60.2);
  def = gw_dataset_get_indicator (ds, gw_dataset_lookup_indicator (ds, "fingertips-93014"));
  g_assert_cmpstr (def->name, ==, "Percentage of physically active adults");
  g_assert_cmpint (def->polarity, ==, GW_POLARITY_NONE);

  area = gw_dataset_get_area (ds, gw_dataset_lookup_area (ds, "E06000001"));
  g_assert_cmpstr (area->name, ==, "Hartlepool");
  g_assert_cmpint (area->type, ==, GW_AREA_UA);
  area = gw_dataset_get_area (ds, area->parent);
  g_assert_cmpstr (area->code, ==, "E12000001");
  g_assert_cmpstr (area->name, ==, "North East region (statistical)");
  g_assert_cmpint (area->type, ==, GW_AREA_REGION);
  area = gw_dataset_get_area (ds, gw_dataset_lookup_area (ds, "E92000001"));
  g_assert_cmpint (area->type, ==, GW_AREA_COUNTRY);
  g_assert_cmpint (area->parent, ==, -1);
}

/* A download as the site writes it: BOM, CRLF, quotes, extra columns. */
static void
test_sample_csv (void)
{
  assert_fingertips_sample ("fingertips-le.csv");
}

/* The same rows in an Excel 2003 workbook, after a notes worksheet. */
static void
test_sample_spreadsheetml (void)
{
  assert_fingertips_sample ("fingertips-le.xml");
}

static void
test_long_columns (void)
{
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autofree char *path = data_path ("long.xml");
  GwImport *import = import_path (ds, path);
  gint a = gw_dataset_lookup_area (ds, "E06000001");
  const GwCountRow *c;

  g_assert_true (g_str_has_prefix (gw_import_get_id (import), "table-"));
  g_assert_cmpuint (gw_import_get_records_of_kind (import, GW_RECORD_DEATHS), ==, 2);
  g_assert_cmpuint (gw_import_get_records_of_kind (import, GW_RECORD_POPULATION), ==, 1);
  g_assert_cmpuint (gw_import_get_records_of_kind (import, GW_RECORD_BIRTHS), ==, 1);
  g_assert_cmpuint (gw_import_get_records_of_kind (import, GW_RECORD_VALUES), ==, 2);
  c = gw_table_lookup (gw_dataset_get_table (ds, GW_RECORD_DEATHS),
                       gw_key_deaths (a, GW_SEX_MALE, GW_CAUSE_ALL, 0, gw_period_year (2019), GW_AGE_85_PLUS));
  g_assert_cmpfloat (c->value, ==, 160);
  c = gw_table_lookup (gw_dataset_get_table (ds, GW_RECORD_POPULATION),
                       gw_key_population (a, GW_SEX_MALE, gw_period_year (2019), GW_AGE_0));
  g_assert_cmpfloat (c->value, ==, 512.5);
  g_assert_cmpfloat (value_of (ds, "le-birth", "E06000001", GW_SEX_FEMALE, "2017-2019")->upper, ==, 81.7);
}

/* RFC 4180 */

static void
test_quoting (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  /* doubled quotes, a comma and a line break inside quotes, LF and CRLF
   * mixed, no line break at the end */
  const char *path = gw_test_tmp_write (tmp, "quoted.csv",
                                        HEADER
                                        LE "E06000002,\"Middlesbrough, \"\"Teesside\"\"\",Male,All ages,2018 - 20,76.1,,,,\r\n"
                                        LE "E06000003,\"Redcar\nand Cleveland\",Male,All ages,2018,78,,,,\r\n"
                                        "\"90366\",\"Life expectancy at birth\",\"E06000004\",\"\",\"Female\",\"All ages\","
                                        "\"2018 - 2020\",\"80.5\",\"\",\"\",\"\",\"\"", -1);
  GwImport *import = import_path (ds, path);

  g_assert_cmpuint (gw_import_get_records (import), ==, 3);
  g_assert_cmpstr (gw_dataset_get_area (ds, gw_dataset_lookup_area (ds, "E06000002"))->name, ==,
                   "Middlesbrough, \"Teesside\"");
  g_assert_cmpstr (gw_dataset_get_area (ds, gw_dataset_lookup_area (ds, "E06000003"))->name, ==,
                   "Redcar\nand Cleveland");
  /* no name: the code */
  g_assert_cmpstr (gw_dataset_get_area (ds, gw_dataset_lookup_area (ds, "E06000004"))->name, ==, "E06000004");
  g_assert_cmpfloat (value_of (ds, "le-birth", "E06000003", GW_SEX_MALE, "2018")->value, ==, 78);
  g_assert_cmpfloat (value_of (ds, "le-birth", "E06000004", GW_SEX_FEMALE, "2018-2020")->value, ==, 80.5);

  /* the same download again changes nothing */
  {
    g_autoptr(GError) error = NULL;
    GwBatch *batch = read_path (ds, path, NULL, &error);

    g_assert_no_error (error);
    g_assert_null (gw_dataset_commit (ds, batch, &error));
    g_assert_error (error, GW_DATASET_ERROR, GW_DATASET_ERROR_ALREADY_IMPORTED);
  }
}

static void
test_refused (void)
{
  static const struct { const char *text; const char *expected; } cases[] = {
    { HEADER LE "E06000001,Hartlepool,Male,All ages,2018 - 20,7x,,,,\n",
      "bad.csv:2:8: Value “7x” is not a number" },
    { HEADER LE "E06000001,Hartlepool,Male,All ages,2018 - 20,76.1,,,-1,\n",
      "bad.csv:2:11: Count “-1” is not a non-negative number" },
    { HEADER LE "E06000001,Hartlepool,Male,All ages,2018 - 20,inf,,,,\n",
      "bad.csv:2:8: Value “inf” is not a number" },
    { HEADER LE "E06000001,Hartlepool,Male,All ages,2018 - 17,76.1,,,,\n",
      "bad.csv:2:7: Time period “2018 - 17” is not a period (2018, 2016 - 18, 2018/19, 2019 Q2, 2007-06 or 2003-2005)" },
    { HEADER LE "E06000001,Hartlepool,Unknown,All ages,2018 - 20,76.1,,,,\n",
      "bad.csv:2:5: Sex “Unknown” is not a sex (Male, Female or Persons; m, f or p)" },
    { HEADER LE "E06 000001,Hartlepool,Male,All ages,2018 - 20,76.1,,,,\n",
      "bad.csv:2:3: Area Code “E06 000001” is not an area code (1 to 64 characters, no spaces)" },
    { HEADER LE "E06000001,Hartlepool,Male,All ages,2018 - 20,,,,,\n",
      "bad.csv:2:8: Value is empty and the row has no note saying why (suppressed, not available)" },
    { HEADER LE "E06000001,Hartlepool,Male,All ages,2018 - 20,76.1,80,,,\n",
      "bad.csv:2:9: the lower limit 80 is above the value 76.1" },
    { HEADER LE "E06000001,Hartlepool,Male,All ages,2018 - 20,76.1,,,\n",
      "bad.csv:2: the row has 11 cells; the header has 12" },
    { HEADER LE "E06000001,Hartlepool,Male,All ages,2018 - 20,76.1,,,,\n"
             LE "E06000001,Hartlepool,Male,All ages,2018 - 20,76.2,,,,\n",
      "bad.csv:3:8: duplicate record: indicator le-birth, area E06000001, sex m, period 2018-2020 (first at line 2)" },
    { HEADER LE "E06000001,Hartlepool,Male,All ages,2018 - 20,76.1,,,,\n"
             LE "E06000001,Hartlepool,Female,65+ yrs,2018 - 20,19.1,,,,\n",
      "bad.csv:3:6: Age “65+ yrs” differs from “All ages” of the indicator's earlier rows: "
      "Gapwatch holds one age for each indicator" },
    /* the line of a record after a line break inside quotes */
    { HEADER LE "E06000001,\"Hartle\npool\",Male,All ages,2018 - 20,76.1,,,,\n"
             LE "E06000002,Middlesbrough,Male,All ages,2018 - 20,x,,,,\n",
      "bad.csv:4:8: Value “x” is not a number" },
    /* the syntax */
    { HEADER LE "E06000001,\"Hartlepool,Male,All ages,2018 - 20,76.1,,,,\n",
      "bad.csv:2:4: a quoted field is not closed: the file ends inside its quotes" },
    { HEADER LE "E06000001,Hart\"lepool,Male,All ages,2018 - 20,76.1,,,,\n",
      "bad.csv:2:4: a quote (\") inside a field that does not start with one: put the whole field in quotes "
      "and double the quote (\"\")" },
    { HEADER LE "E06000001,\"Hartle\"pool,Male,All ages,2018 - 20,76.1,,,,\n",
      "bad.csv:2:4: text after the closing quote of a quoted field: a quote inside quotes is written twice (\"\")" },
    /* Windows-1252, as Excel saves "CSV" */
    { HEADER LE "W06000001,Ynys M\xf4n,Male,All ages,2018 - 20,76.1,,,,\n",
      "bad.csv:2:4: the text is not UTF-8: save the file as “CSV UTF-8” (Excel) or choose UTF-8 when saving" },
    { "\xff\xfeI\0n\0d\0",
      "bad.csv:1:1: the file is UTF-16 text (Excel's “Unicode text”): save it as “CSV UTF-8”" },
    { "Indicator ID,Indicator Name,Area Code,Sex,Time period,Lower CI 95.0 limit\n" LE "E06000001,Male,2018,70\n",
      "bad.csv:1: the header has no column “Value”: a Fingertips indicator-data table needs it" },
    { "area_code,sex,period,measure\nE06000001,m,2019,deaths\n",
      "bad.csv:1: the header has no column “value”: Gapwatch's long columns need it" },
    { "Area Code,Sex,Age,Deaths\nE06000001,m,0,5\n",
      "bad.csv:1: the first row is not a header Gapwatch reads: expected " EXPECTED_COLUMNS },
    { "area_code,sex,age,period,measure,value\nE06000001,m,0,2019,deaths,2.5\n",
      "bad.csv:2:6: value “2.5” is not a non-negative integer" },
    { "area_code,sex,age,period,measure,value\nE06000001,m,0-4,2019,deaths,2\n",
      "bad.csv:2:3: age “0-4” is not an age band (0, 1-4, 5-9, …, 85-89, 85+ or 90+)" },
    { "area_code,sex,age,period,measure,value\nE06000001,m,,2019,Deaths,2\n",
      "bad.csv:2:5: measure “Deaths” is not deaths, population, births or an indicator id (lower-case letters, digits and -)" },
  };
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* the UTF-16 case holds NULs */
      gssize len = cases[i].text[0] == '\xff' ? 8 : -1;

      g_test_message ("case %u", i);
      assert_refused (gw_test_tmp_write (tmp, "bad.csv", cases[i].text, len), cases[i].expected);
    }
}

/* Every problem of a file, up to the most (and nothing imported). */
static void
test_many_errors (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GString) text = g_string_new (HEADER);

  g_string_append (text, LE "E06000001,Hartlepool,Male,All ages,2018 - 20,7x,,,,\n");
  g_string_append (text, LE "E06000001,Hartlepool,Female,All ages,2018 - 20,76.1,,,,\n");
  g_string_append (text, LE "E06000002,Middlesbrough,Male,All ages,2018 - 20,,,,,\n");
  g_string_append (text, LE "E06000003,Redcar,Girl,All ages,2018 - 20,1,,,,\n");
  assert_refused_n (gw_test_tmp_write (tmp, "bad.csv", text->str, -1), "bad.csv:2:8: Value “7x” is not a number", 3);

  g_string_assign (text, HEADER);
  for (guint i = 0; i < 150; i++)
    g_string_append_printf (text, LE "E%08u,Area,Male,All ages,2018 - 20,n/a,,,,\n", i);
  assert_refused_n (gw_test_tmp_write (tmp, "bad.csv", text->str, -1), "bad.csv:2:8: Value “n/a” is not a number",
                    GW_EXPORT_MAX_ERRORS);
}

/* A row whose area code is a group of an earlier import is the group's
 * value; an area of an earlier import keeps what it said (its groups). */
static void
test_earlier_import (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  const GwArea *area;
  gint g;

  import_path (ds, gw_test_tmp_write (tmp, "areas.xml",
                                      "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\" id=\"areas\" "
                                      "generated=\"2007-01-01T00:00:00Z\"><areas><group id=\"spearhead\" name=\"Spearhead\"/>"
                                      "<area code=\"E06000001\" name=\"Hartlepool\" type=\"ua\" groups=\"spearhead\" "
                                      "imd-decile=\"2\"/></areas></export>", -1));
  import_path (ds, gw_test_tmp_write (tmp, "le.csv",
                                      HEADER
                                      LE "E06000001,Renamed,Male,All ages,2018 - 20,76.1,,,,\n"
                                      LE "spearhead,Spearhead Group,Male,All ages,2018 - 20,75.0,,,,\n", -1));
  area = gw_dataset_get_area (ds, gw_dataset_lookup_area (ds, "E06000001"));
  g_assert_cmpstr (area->name, ==, "Hartlepool");
  g_assert_cmpuint (area->groups->len, ==, 1);
  g_assert_cmpuint (area->imd_decile, ==, 2);
  g = gw_dataset_lookup_group (ds, "spearhead");
  g_assert_cmpfloat (((const GwValueRow *) gw_table_lookup (gw_dataset_get_table (ds, GW_RECORD_VALUES),
                                                           gw_key_value (gw_dataset_lookup_indicator (ds, "le-birth"), TRUE, g,
                                                                         GW_SEX_MALE, gw_period_pooled (2018, 2020))))->value,
                     ==, 75.0);
  g_assert_cmpint (gw_dataset_lookup_area (ds, "spearhead"), ==, -1);
}

/* Excel 2003 XML */

static void
test_spreadsheetml_refused (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
#define WORKBOOK "<?xml version=\"1.0\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\" " \
                 "xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\">\n<Worksheet ss:Name=\"S\"><Table>\n" \
                 "<Row><Cell><Data ss:Type=\"String\">area_code</Data></Cell><Cell><Data ss:Type=\"String\">sex</Data></Cell>" \
                 "<Cell><Data ss:Type=\"String\">period</Data></Cell><Cell><Data ss:Type=\"String\">measure</Data></Cell>" \
                 "<Cell><Data ss:Type=\"String\">value</Data></Cell></Row>\n"
#define END "</Table></Worksheet></Workbook>\n"

  assert_refused (gw_test_tmp_write (tmp, "bad.xml", WORKBOOK
                                     "<Row><Cell><Data ss:Type=\"String\">E06000001</Data></Cell>"
                                     "<Cell><Data ss:Type=\"String\">f</Data></Cell><Cell><Data ss:Type=\"Number\">2019</Data></Cell>"
                                     "<Cell><Data ss:Type=\"String\">births</Data></Cell>\n"
                                     "  <Cell><Data ss:Type=\"String\">many</Data></Cell></Row>\n" END, -1),
                  "bad.xml:6:3: value “many” is not a non-negative integer");
  assert_refused (gw_test_tmp_write (tmp, "bad.xml", WORKBOOK
                                     "<Row><Cell ss:Index=\"2\"><Data ss:Type=\"String\">f</Data></Cell>"
                                     "<Cell ss:Index=\"1\"><Data ss:Type=\"String\">E06000001</Data></Cell></Row>\n" END, -1),
                  "bad.xml:5:63: <Cell>: ss:Index=\"1\" does not come after column 2");
  /* an Error cell is empty: the value needs a note */
  assert_refused (gw_test_tmp_write (tmp, "bad.xml", WORKBOOK
                                     "<Row><Cell><Data ss:Type=\"String\">E06000001</Data></Cell>"
                                     "<Cell><Data ss:Type=\"String\">f</Data></Cell><Cell><Data ss:Type=\"Number\">2019</Data></Cell>"
                                     "<Cell><Data ss:Type=\"String\">le-birth</Data></Cell>"
                                     "<Cell ss:Formula=\"=1/0\"><Data ss:Type=\"Error\">#DIV/0!</Data></Cell></Row>\n" END, -1),
                  "bad.xml:5:1: value is empty and the row has no note saying why (suppressed, not available)");
  assert_refused (gw_test_tmp_write (tmp, "bad.xml", "<?xml version=\"1.0\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\"/>\n", -1),
                  "bad.xml: the workbook has no worksheet");
#undef WORKBOOK
#undef END
}

static void
test_reference (gconstpointer data)
{
  const char *const *c = data;   /* name, expected */
  const char *shared = g_getenv ("GW_SHARED_DIR");
  g_autofree char *path = NULL, *expected = NULL;

  path = shared != NULL ? g_build_filename (shared, "data", "reference", "spreadsheetml", c[0], NULL) : NULL;
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("GW_SHARED_DIR/data/reference/spreadsheetml is missing");
      return;
    }
  expected = g_strdup_printf ("%s%s", c[0], c[1]);
  assert_refused (path, expected);
}

/* The reference workbooks (../shared/docs/spreadsheetml.md) hold no health
 * data: each is refused saying what its first row is and what was
 * expected, or why the XML cannot be read. */
static const char *const reference_cases[][2] = {
  { "PhpSpreadsheet__excel2003.xml",
    ": none of the 2 worksheets starts with a header row Gapwatch reads (the first one's first row is "
    "“Test String 1, 1, 5, , A, E, , 6, , AE”): expected " EXPECTED_COLUMNS },
  { "PhpSpreadsheet__splits.xml",
    ": none of the 6 worksheets starts with a header row Gapwatch reads (the first one's first row is "
    "“0, , , , , , , , , , , 1”): expected " EXPECTED_COLUMNS },
  /* ISO-8859-1, converted by libxml2 */
  { "PhpSpreadsheet__excel2003.iso8859-1.xml",
    ": the worksheet does not start with a header row Gapwatch reads (its first row is “Voilà”): expected "
    EXPECTED_COLUMNS },
  { "PhpSpreadsheet__issue.2157.small.xml",
    ":1:1: the file has blanks before its XML declaration (<?xml …?>): Excel opens such files, XML readers "
    "do not; delete what is before “<?xml”, or open the file in Excel and save it again as XML Spreadsheet 2003" },
};

/* The fast path of decimal numbers (gw-number-private.h) gives strtod's
 * double bit for bit, and leaves to strtod what it cannot. */
static void
test_number_fast_path (void)
{
  static const char *const refused[] = {
    "", "-", "+", ".", "1.2.3", "1e5", "1E-3", "inf", "nan", "0x1p3", " 1", "1 ", "1,5",
    "1234567890123456", "0.0000000000000001", "12a",
  };
  GRand *rand = g_rand_new_with_seed (16);
  guint fast = 0;
  double v = 0;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    g_assert_false (_gw_decimal_fast (refused[i], strlen (refused[i]), &v));

  for (guint i = 0; i < 200000; i++)
    {
      char text[40];
      guint digits = g_rand_int_range (rand, 1, 16), point = g_rand_int_range (rand, 0, digits + 1);
      gsize n = 0;
      double strtod_value, fast_value = 0;

      if (g_rand_boolean (rand))
        text[n++] = g_rand_boolean (rand) ? '-' : '+';
      for (guint d = 0; d < digits; d++)
        {
          if (d == point && g_rand_boolean (rand))
            text[n++] = '.';
          text[n++] = (char) ('0' + g_rand_int_range (rand, 0, 10));
        }
      text[n] = '\0';
      strtod_value = g_ascii_strtod (text, NULL);
      g_assert_true (_gw_decimal_fast (text, n, &fast_value));
      if (memcmp (&strtod_value, &fast_value, sizeof (double)) != 0)
        g_error ("%s: strtod %.17g, fast path %.17g", text, strtod_value, fast_value);
      fast++;
    }
  g_assert_cmpuint (fast, ==, 200000);
  /* the values of a Fingertips download */
  g_assert_true (_gw_decimal_fast ("45.123456", 9, &v));
  g_assert_cmpfloat (v, ==, 45.123456);
  g_assert_true (_gw_decimal_fast ("-0.0", 4, &v));
  g_assert_true (signbit (v) && v == 0);
  g_rand_free (rand);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/gw/csv-reader/fixture/tracker-70", GINT_TO_POINTER (FALSE), test_fixture);
  g_test_add_data_func ("/gw/csv-reader/fixture/revision-first", GINT_TO_POINTER (TRUE), test_fixture);
  g_test_add_func ("/gw/csv-reader/number/fast-path", test_number_fast_path);
  g_test_add_func ("/gw/csv-reader/sample/csv", test_sample_csv);
  g_test_add_func ("/gw/csv-reader/sample/spreadsheetml", test_sample_spreadsheetml);
  g_test_add_func ("/gw/csv-reader/sample/long-columns", test_long_columns);
  g_test_add_func ("/gw/csv-reader/syntax/quoting", test_quoting);
  g_test_add_func ("/gw/csv-reader/errors/refused", test_refused);
  g_test_add_func ("/gw/csv-reader/errors/many", test_many_errors);
  g_test_add_func ("/gw/csv-reader/areas/earlier-import", test_earlier_import);
  g_test_add_func ("/gw/csv-reader/spreadsheetml/refused", test_spreadsheetml_refused);
  for (guint i = 0; i < G_N_ELEMENTS (reference_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/gw/csv-reader/spreadsheetml/reference/%u", i);

      g_test_add_data_func (name, reference_cases[i], test_reference);
    }
  return g_test_run ();
}
