/* test-reader.c: the reader is chosen by content; what no reader takes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gw_reader_read_file() looks at a file's first bytes (inflated when gzip):
 * an export is read whatever its name or encoding, and any other file is
 * refused with what it looks like, in one problem with no position.  The
 * SDMX-ML and Excel 2003 XML files are the reference files of
 * ../shared/data/reference (real publishers' files).
 */
#include <string.h>

#include "formats/gw-export-reader.h"
#include "formats/gw-reader.h"
#include "gw-test-tmp.h"

/* Reads path, which no reader takes: the error and the one problem both
 * say what the file looks like. */
static void
assert_refused_at (const char *path,
                   guint       line,
                   const char *expected)
{
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_problem_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *formatted = NULL;
  GwBatch *batch = gw_reader_read_file (ds, path, NULL, NULL, NULL, errors, &error);

  g_assert_null (batch);
  g_assert_error (error, GW_EXPORT_ERROR, GW_EXPORT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpuint (errors->len, ==, 1);
  formatted = gw_problem_format (g_ptr_array_index (errors, 0));
  g_assert_cmpstr (formatted, ==, expected);
  g_assert_cmpuint (((GwProblem *) g_ptr_array_index (errors, 0))->line, ==, line);
}

/* ... refused by sniffing: the problem is of the whole file. */
static void
assert_refused (const char *path,
                const char *expected)
{
  assert_refused_at (path, 0, expected);
}

static void
test_csv (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  static const char csv[] =
    "Indicator ID,Indicator Name,Area Code,Area Name,Sex,Age,Time period,Value\n"
    "90366,Life expectancy at birth,E06000002,\"Middlesbrough, Teesside\",Male,All ages,2003 - 05,73.9\n"
    "90366,Life expectancy at birth,E06000003,Redcar and Cleveland,Male,All ages,2003 - 05,75.1\n";

  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autoptr(GError) error = NULL;
  GwBatch *batch;

  /* a Fingertips download goes to the CSV reader (test-csv-reader.c) */
  batch = gw_reader_read_file (ds, gw_test_tmp_write (tmp, "fingertips.csv", csv, -1), NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gw_batch_n_records (batch), ==, 2);
  gw_batch_free (batch);
  /* by content, not by name: inflated first */
  batch = gw_reader_read_file (ds, gw_test_tmp_write_gzip (tmp, "fingertips.csv.gz", csv, strlen (csv)), NULL, NULL,
                               NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gw_batch_n_records (batch), ==, 2);
  gw_batch_free (batch);
  /* a CSV of other columns, semicolons as some locales write them: the
   * CSV reader says what it reads */
  assert_refused_at (gw_test_tmp_write (tmp, "deaths.xml", "area;sex;n\r\nE06000002;m;5\r\n", -1), 1,
                     "deaths.xml:1: the first row is not a header Gapwatch reads: expected a Fingertips "
                     "indicator-data table (columns Indicator ID, Indicator Name, Area Code, Sex, Time period, "
                     "Value, …) or Gapwatch's long columns (area_code, sex, period, measure, value, …)");
}

static void
test_xlsx (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  /* a zip local file header, as an xlsx starts */
  static const char zip[] = "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml";

  assert_refused (gw_test_tmp_write (tmp, "deaths.xlsx", zip, sizeof zip - 1),
                  "deaths.xlsx: looks like an Excel workbook (xlsx), not an export Gapwatch reads");
}

static char *
reference_path (const char *dir,
                const char *name)
{
  const char *shared = g_getenv ("GW_SHARED_DIR");

  if (shared == NULL)
    return NULL;
  return g_build_filename (shared, "data", "reference", dir, name, NULL);
}

static void
test_reference (gconstpointer data)
{
  const char *const *c = data;   /* dir, name, expected */
  g_autofree char *path = reference_path (c[0], c[1]);
  g_autofree char *expected = NULL;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("GW_SHARED_DIR/data/reference is missing");
      return;
    }
  expected = g_strdup_printf (c[2][0] == ':' ? "%s%s" : "%s: %s", c[1], c[2]);
  assert_refused_at (path, c[2][0] == ':' ? (guint) g_ascii_strtoull (c[2] + 1, NULL, 10) : 0, expected);
}

/* SDMX-ML messages go to their reader (test-sdmx-reader.c, the UTF-16
 * ones too); a structure message is no data. */
static const char *const reference_cases[][3] = {
  { "sdmx", "khaeru-sdmx-test-data__ECB_EXR_ng-structure.xml",
    ":3:1: the file is an SDMX-ML structure message (codelists and dimensions, no observations): give it beside "
    "its data message, named as the data with -structure.xml, or with --structure FILE" },
};

static void
test_html (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();

  assert_refused (gw_test_tmp_write (tmp, "download.xml",
                             "<!DOCTYPE html>\n<html lang=\"en\"><head><title>Fingertips</title></head>"
                             "<body><p>Sign in to download</p></body></html>\n", -1),
                  "download.xml: looks like an HTML page, not an export Gapwatch reads");
  assert_refused (gw_test_tmp_write (tmp, "page.xml",
                             "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>\n", -1),
                  "page.xml: looks like an HTML page, not an export Gapwatch reads");
}

static void
test_random (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  guchar bytes[8192];

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = (guchar) g_rand_int_range (rand, 0, 256);
  bytes[0] = 0x9a;   /* not '<', a BOM, gzip or zip */
  assert_refused (gw_test_tmp_write (tmp, "noise.xml", (const char *) bytes, sizeof bytes),
                  "noise.xml: not an export Gapwatch reads");
  assert_refused (gw_test_tmp_write (tmp, "notes.xml", "Deaths in Middlesbrough went down in 2007.\n", -1),
                  "notes.xml: not an export Gapwatch reads");
  assert_refused (gw_test_tmp_write (tmp, "empty.xml", "", 0), "empty.xml: the file is empty");
}

/* An export is read whatever its name and encoding. */
static void
test_export (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  static const char text[] =
    "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"
    "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\" id=\"sniffed\" generated=\"2007-07-12T08:30:00Z\">\n"
    "  <areas><area code=\"E06000002\" name=\"Middlesbrough\" type=\"ua\"/></areas>\n"
    "  <deaths period=\"2007-06\" basis=\"registration\">\n"
    "    <c area=\"E06000002\" sex=\"m\" age=\"0\" n=\"1\"/>\n"
    "    <c area=\"E06000002\" sex=\"f\" age=\"0\" n=\"2\"/>\n"
    "  </deaths>\n"
    "</export>\n";
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  g_autofree char *utf16 = g_convert (text, -1, "UTF-16LE", "UTF-8", NULL, &len, &error);
  g_autofree char *bytes = g_malloc (len + 2);
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  GwBatch *batch;
  GwImport *import;

  g_assert_no_error (error);
  memcpy (bytes, "\xff\xfe", 2);
  memcpy (bytes + 2, utf16, len);
  batch = gw_reader_read_file (ds, gw_test_tmp_write (tmp, "deaths.txt", bytes, len + 2), NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (batch);
  import = gw_dataset_commit (ds, batch, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gw_import_get_id (import), ==, "sniffed");
  g_assert_cmpuint (gw_import_get_records (import), ==, 2);
}

/* XML of no known format goes to the export reader, which says what is
 * wrong with it. */
static void
test_other_xml (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();

  assert_refused_at (gw_test_tmp_write (tmp, "other.xml", "<?xml version=\"1.0\"?>\n", -1), 2,
                     "other.xml:2:1: the file has no root element (only an XML declaration, comments or "
                     "processing instructions)");
  /* an internal subset holds '>': the sniffer still sees XML */
  assert_refused_at (gw_test_tmp_write (tmp, "doctype.xml",
                                        "<?xml version=\"1.0\"?>\n<!DOCTYPE export [ <!ENTITY a \"x\"> ]>\n"
                                        "<export xmlns=\"urn:gapwatch:export:1\"/>\n", -1), 2,
                     "doctype.xml:2:1: the file has a <!DOCTYPE>: exports never need one, and Gapwatch loads "
                     "no DTD or entity");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gw_formats_init ();

  g_test_add_func ("/gw/reader/sniff/csv", test_csv);
  g_test_add_func ("/gw/reader/sniff/xlsx", test_xlsx);
  g_test_add_func ("/gw/reader/sniff/html", test_html);
  g_test_add_func ("/gw/reader/sniff/random", test_random);
  for (guint i = 0; i < G_N_ELEMENTS (reference_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/gw/reader/sniff/%s/%s", reference_cases[i][0], reference_cases[i][1]);

      g_test_add_data_func (path, reference_cases[i], test_reference);
    }
  g_test_add_func ("/gw/reader/read/export-by-content", test_export);
  g_test_add_func ("/gw/reader/read/other-xml", test_other_xml);

  return g_test_run ();
}
