/* test-sdmx-reader.c: SDMX-ML data messages through mappings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every reference message of ../shared/data/reference/sdmx imports with
 * the values it holds or is refused with the message a person acts on;
 * generic and structure-specific forms of one data give the same records;
 * the built-in profiles and a user's mapping give deaths, population,
 * births and indicator values; what the reader refuses is refused at its
 * line and column with its value.
 */
#include <math.h>
#include <string.h>

#include "formats/gw-reader.h"
#include "formats/gw-sdmx-mapping.h"
#include "formats/gw-sdmx-reader.h"
#include "methods/gw-inequality.h"
#include "model/gw-key.h"
#include "gw-test-tmp.h"

#define SS_HEAD \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<m:StructureSpecificData xmlns:m=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message\"" \
  " xmlns:s=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific\"" \
  " xmlns:c=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common\">\n" \
  "<m:Header><m:ID>%s</m:ID><m:Test>false</m:Test><m:Prepared>2024-03-01T10:00:00Z</m:Prepared>" \
  "<m:Sender id=\"ESTAT\"/><m:Structure structureID=\"STR1\" dimensionAtObservation=\"TIME_PERIOD\">" \
  "<c:StructureUsage><Ref id=\"%s\" agencyID=\"ESTAT\" version=\"1.0\"/></c:StructureUsage></m:Structure>" \
  "</m:Header>\n"
#define SS_TAIL "</m:StructureSpecificData>\n"

static char *
reference (const char *name)
{
  const char *shared = g_getenv ("GW_SHARED_DIR");
  char *path = shared != NULL ? g_build_filename (shared, "data", "reference", "sdmx", name, NULL) : NULL;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_free (path);
      return NULL;
    }
  return path;
}

static GwImport *
import_path (GwDataset *ds, const char *path)
{
  g_autoptr(GError) error = NULL;
  GwBatch *batch = gw_reader_read_file (ds, path, NULL, NULL, NULL, NULL, &error);
  GwImport *import;

  g_assert_no_error (error);
  g_assert_nonnull (batch);
  import = gw_dataset_commit (ds, batch, &error);
  g_assert_no_error (error);
  return import;
}

/* Refused: the first problem formatted, and how many there are. */
static void
assert_refused_n (const char *path, const char *expected, guint n)
{
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_problem_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  GwBatch *batch = gw_reader_read_file (ds, path, NULL, NULL, NULL, errors, &error);

  g_assert_null (batch);
  g_assert_error (error, GW_EXPORT_ERROR, GW_EXPORT_ERROR_INVALID);
  first = gw_problem_format (g_ptr_array_index (errors, 0));
  g_assert_cmpstr (first, ==, expected);
  g_assert_cmpuint (errors->len, ==, n);
}

static void
assert_refused (const char *path, const char *expected)
{
  assert_refused_n (path, expected, 1);
}

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

static const GwCountRow *
count_of (GwDataset *ds, GwRecordKind kind, const char *area, GwSex sex, const char *period, GwAgeBand age, GwCause cause)
{
  GwPeriod p = 0;
  gint a = gw_dataset_lookup_area (ds, area);
  guint64 key;

  g_assert_cmpint (a, >=, 0);
  g_assert_true (gw_period_parse (period, &p));
  key = kind == GW_RECORD_DEATHS ? gw_key_deaths (a, sex, cause, 0, p, age)
      : kind == GW_RECORD_POPULATION ? gw_key_population (a, sex, p, age) : gw_key_births (a, sex, p);
  return gw_table_lookup (gw_dataset_get_table (ds, kind), key);
}

#define SKIP_WITHOUT(path) \
  if ((path) == NULL) { g_test_skip ("GW_SHARED_DIR/data/reference/sdmx is missing"); return; }

/* The reference messages */

/* Eurostat's demography sample (2.1 structure-specific, cross-sectional,
 * explicit measures), with its structure beside it: life expectancy,
 * deaths and births by country and sex. */
static void
test_demography (void)
{
  g_autofree char *path = reference ("khaeru-sdmx-test-data__ESTAT_demography-xs.xml");
  g_autoptr(GwDataset) ds = NULL;
  g_autoptr(GDateTime) expected = NULL;
  GwImport *import;
  const GwValueRow *v;
  const GwCountRow *c;
  const GwArea *area;

  SKIP_WITHOUT (path);
  ds = gw_dataset_new ();
  import = import_path (ds, path);
  g_assert_cmpstr (gw_import_get_id (import), ==, "DEMO_XS_EX");
  expected = g_date_time_new_utc (2011, 11, 25, 5, 21, 49);
  g_assert_true (g_date_time_equal (gw_import_get_generated (import), expected));
  g_assert_cmpstr (gw_import_get_version (import), ==, "SDMX-ML 2.1 StructureSpecificData");
  g_assert_cmpstr (gw_import_get_title (import), ==, "DEMOGRAPHY Data Structure (mapping: Eurostat demography (DEMOGRAPHY))");
  g_assert_cmpuint (gw_import_get_records_of_kind (import, GW_RECORD_BIRTHS), ==, 16);
  g_assert_cmpuint (gw_import_get_records_of_kind (import, GW_RECORD_VALUES), ==, 40);
  /* 2 provisional and estimated counts: 13 P */
  g_assert_cmpuint (gw_import_get_n_warnings (import), ==, 2);

  area = gw_dataset_get_area (ds, gw_dataset_lookup_area (ds, "BE"));
  g_assert_cmpstr (area->name, ==, "Belgium");
  g_assert_cmpint (area->type, ==, GW_AREA_COUNTRY);
  g_assert_cmpstr (gw_dataset_get_area (ds, gw_dataset_lookup_area (ds, "EL"))->name, ==, "Greece");

  g_assert_cmpfloat (value_of (ds, "le-birth", "BE", GW_SEX_MALE, "2007")->value, ==, 77.3);
  g_assert_cmpfloat (value_of (ds, "le-birth", "BE", GW_SEX_PERSONS, "2009")->value, ==, 80.6);
  g_assert_cmpfloat (value_of (ds, "le-birth", "EL", GW_SEX_FEMALE, "2009")->value, ==, 82.8);
  /* OBS_STATUS M with no OBS_VALUE: no value, not available */
  v = value_of (ds, "le-birth", "EL", GW_SEX_PERSONS, "2007");
  g_assert_true (isnan (v->value));
  g_assert_cmpint (v->note, ==, GW_NOTE_NOT_AVAILABLE);
  g_assert_cmpfloat (value_of (ds, "eurostat-tfr", "EL", GW_SEX_PERSONS, "2008")->value, ==, 1.51);
  /* deaths of all ages have no age band: a published value */
  g_assert_cmpfloat (value_of (ds, "deaths-all-ages", "BE", GW_SEX_PERSONS, "2007")->value, ==, 100658);
  g_assert_cmpfloat (value_of (ds, "deaths-all-ages", "EL", GW_SEX_MALE, "2009")->value, ==, 57015);
  c = count_of (ds, GW_RECORD_BIRTHS, "BE", GW_SEX_PERSONS, "2008", 0, 0);
  g_assert_nonnull (c);
  g_assert_cmpfloat (c->value, ==, 124991);
  g_assert_cmpfloat (count_of (ds, GW_RECORD_BIRTHS, "EL", GW_SEX_FEMALE, "2007", 0, 0)->value, ==, 53967);
  /* missing births (BE 2009 by sex) are not records */
  g_assert_null (count_of (ds, GW_RECORD_BIRTHS, "BE", GW_SEX_MALE, "2009", 0, 0));
}

/* Eurostat's dissemination API: a DataSet in the structure's namespace,
 * lower-case ids, no structure: a published indicator from the dataflow. */
static void
test_nama (void)
{
  g_autofree char *path = reference ("khaeru-sdmx-test-data__ESTAT_NAMA_10_GDP-ss.xml");
  g_autoptr(GwDataset) ds = NULL;
  GwImport *import;
  const GwIndicatorDef *def;

  SKIP_WITHOUT (path);
  ds = gw_dataset_new ();
  import = import_path (ds, path);
  g_assert_cmpstr (gw_import_get_id (import), ==, "6EC616C41A1449948584F6B5E3749E2B");
  g_assert_cmpuint (gw_import_get_records (import), ==, 4);
  g_assert_cmpfloat (value_of (ds, "sdmx-nama-10-gdp", "LU", GW_SEX_PERSONS, "2014")->value, ==, 51791.3);
  def = gw_dataset_get_indicator (ds, gw_dataset_lookup_indicator (ds, "sdmx-nama-10-gdp"));
  g_assert_cmpint (def->polarity, ==, GW_POLARITY_NONE);
}

/* The ECB's 2.0 MessageGroup of compact data: group attributes, monthly. */
static void
test_message_group (void)
{
  g_autofree char *path = reference ("rsdmx__SDMXMessageGroupExample_CompactData_2.0.xml");
  g_autoptr(GwDataset) ds = NULL;
  GwImport *import;

  SKIP_WITHOUT (path);
  ds = gw_dataset_new ();
  import = import_path (ds, path);
  g_assert_cmpstr (gw_import_get_id (import), ==, "IREF000001");
  g_assert_cmpstr (gw_import_get_version (import), ==, "SDMX-ML 2.0 MessageGroup");
  g_assert_cmpuint (gw_import_get_records (import), ==, 112);
  g_assert_cmpfloat (value_of (ds, "sdmx-data", "SE", GW_SEX_PERSONS, "2005-03")->value, ==, 0.26);
  g_assert_cmpfloat (value_of (ds, "sdmx-data", "SE", GW_SEX_PERSONS, "2014-06")->value, ==, 0);
  /* named from the group's title */
  g_assert_true (g_str_has_prefix (gw_dataset_get_indicator (ds, gw_dataset_lookup_indicator (ds, "sdmx-data"))->name,
                                   "Sweden, Share of central bank funding"));
}

/* The same message in UTF-8 and UTF-16 (both byte orders): the same values. */
static void
test_encodings (void)
{
  static const char *const names[] = { "utf8_bom_valid.xml", "utf16le_bom_valid.xml", "utf16be_bom_valid.xml" };
  const char *shared = g_getenv ("GW_SHARED_DIR");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = shared != NULL ? g_build_filename (shared, "data", "reference", "hostile", "selfwritten",
                                                                 names[i], NULL) : NULL;
      g_autoptr(GwDataset) ds = NULL;
      const GwValueRow *v;

      if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          g_test_skip ("GW_SHARED_DIR/data/reference/hostile is missing");
          return;
        }
      ds = gw_dataset_new ();
      g_assert_cmpstr (gw_import_get_id (import_path (ds, path)), ==, "UTF16TEST");
      g_assert_cmpfloat (value_of (ds, "sdmx-data", "E92000001", GW_SEX_FEMALE, "2018-2020")->value, ==, 83.1);
      v = value_of (ds, "sdmx-data", "E92000001", GW_SEX_FEMALE, "2019");
      g_assert_true (isnan (v->value));
      g_assert_cmpint (v->note, ==, GW_NOTE_NOT_AVAILABLE);
    }
}

typedef struct
{
  const char *file;
  const char *expected;
  guint       n;
} Refusal;

static const Refusal refusals[] = {
  { "khaeru-sdmx-test-data__ESTAT_footer.xml",
    "khaeru-sdmx-test-data__ESTAT_footer.xml:15:3: the message holds no data set, only its sender's note: (413) "
    "Due to the large query the response will be written to a file which will be located under URL: "
    "http://ec.europa.eu/eurostat/SDMX/diss-web/file/wHsvjs7hQCy7Dqf4 "
    "http://ec.europa.eu/eurostat/SDMX/diss-web/file/wHsvjs7hQCy7Dqf4 "
    "Please check the location periodic every 5 minutes or at your preference.", 1 },
  { "khaeru-sdmx-test-data__ECB_EXR_ng-ts.xml",
    "khaeru-sdmx-test-data__ECB_EXR_ng-ts.xml:30:4: the observations have no area dimension (REF_AREA, GEO, geo, "
    "GEOGRAPHY, COUNTRY); their dimensions are FREQ, CURRENCY, CURRENCY_DENOM, EXR_TYPE, EXR_VAR, TIME_PERIOD: "
    "Gapwatch reads data by area and period (a mapping can name the dimension: area=…)", 1 },
  { "khaeru-sdmx-test-data__ECB_EXR_ng-ts-ss.xml",
    "khaeru-sdmx-test-data__ECB_EXR_ng-ts-ss.xml:16:4: the observations have no area dimension (REF_AREA, GEO, geo, "
    "GEOGRAPHY, COUNTRY); their dimensions are FREQ, CURRENCY, CURRENCY_DENOM, EXR_TYPE, EXR_VAR, TIME_PERIOD: "
    "Gapwatch reads data by area and period (a mapping can name the dimension: area=…)", 1 },
  { "khaeru-sdmx-test-data__ECB_EXR_ng-flat.xml",
    "khaeru-sdmx-test-data__ECB_EXR_ng-flat.xml:15:3: the observations have no area dimension (REF_AREA, GEO, geo, "
    "GEOGRAPHY, COUNTRY); their dimensions are FREQ, CURRENCY, CURRENCY_DENOM, EXR_TYPE, EXR_VAR, TIME_PERIOD: "
    "Gapwatch reads data by area and period (a mapping can name the dimension: area=…)", 1 },
  { "khaeru-sdmx-test-data__ECB_EXR_ng-structure.xml",
    "khaeru-sdmx-test-data__ECB_EXR_ng-structure.xml:3:1: the file is an SDMX-ML structure message (codelists and "
    "dimensions, no observations): give it beside its data message, named as the data with -structure.xml, "
    "or with --structure FILE", 1 },
  { "khaeru-sdmx-test-data__ESTAT_demography-structure.xml",
    "khaeru-sdmx-test-data__ESTAT_demography-structure.xml:2:1: the file is an SDMX-ML structure message (codelists "
    "and dimensions, no observations): give it beside its data message, named as the data with -structure.xml, "
    "or with --structure FILE", 1 },
  { "rsdmx__Example_Eurostat_2.0.xml",
    "rsdmx__Example_Eurostat_2.0.xml:31:7: dimension ENTERPR has 2 values (OTH, YHE) and Gapwatch keeps one: give a "
    "mapping that chooses one ([Fixed] ENTERPR=OTH) or download one ENTERPR only", 2 },
  { "sdmx-ml-v2_0__CompactSample.xml",
    "sdmx-ml-v2_0__CompactSample.xml:39:7: the observations have no area dimension (REF_AREA, GEO, geo, GEOGRAPHY, "
    "COUNTRY); their dimensions are FREQ, VIS_CTY, JD_TYPE, JD_CATEGORY, TIME_PERIOD: Gapwatch reads data by area "
    "and period (a mapping can name the dimension: area=…)", 1 },
};

static void
test_refused (gconstpointer data)
{
  const Refusal *r = data;
  g_autofree char *path = reference (r->file);

  SKIP_WITHOUT (path);
  assert_refused_n (path, r->expected, r->n);
}

/* Mappings */

static const char *
write_mapping (GwTestTmp *tmp, const char *name, const char *text)
{
  g_autoptr(GError) error = NULL;
  const char *path = gw_test_tmp_write (tmp, name, text, -1);
  const char *mappings[] = { path, NULL };

  g_assert_true (gw_sdmx_set_options (NULL, mappings, &error));
  g_assert_no_error (error);
  return path;
}

/* The ECB's exchange rates by currency, in three forms: the same values. */
static void
test_mapping_forms (void)
{
  static const char *const forms[] = {
    "khaeru-sdmx-test-data__ECB_EXR_ng-ts.xml", "khaeru-sdmx-test-data__ECB_EXR_ng-ts-ss.xml",
    "khaeru-sdmx-test-data__ECB_EXR_ng-flat.xml",
  };
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autofree char *first = reference (forms[0]);

  SKIP_WITHOUT (first);
  write_mapping (tmp, "exr.conf", "[Mapping]\nname=ECB exchange rates\ndataflows=ECB_EXR_NG;\narea=CURRENCY\n"
                                  "measure=eur-rate\nindicator-name=Euro exchange rate\n");
  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autofree char *path = reference (forms[i]);
      g_autoptr(GwDataset) ds = gw_dataset_new ();
      GwImport *import = import_path (ds, path);
      const GwIndicatorDef *def;

      g_assert_cmpuint (gw_import_get_records (import), ==, 12);
      g_assert_cmpfloat (value_of (ds, "eur-rate", "CHF", GW_SEX_PERSONS, "2010-08")->value, ==, 1.3413);
      g_assert_cmpfloat (value_of (ds, "eur-rate", "GBP", GW_SEX_PERSONS, "2010-10")->value, ==, 0.87637);
      g_assert_cmpfloat (value_of (ds, "eur-rate", "USD", GW_SEX_PERSONS, "2010-09")->value, ==, 1.3067);
      def = gw_dataset_get_indicator (ds, gw_dataset_lookup_indicator (ds, "eur-rate"));
      g_assert_cmpstr (def->name, ==, "Euro exchange rate");
      g_assert_cmpstr (gw_import_get_title (import), ==, "Sample Data Structure Definition for exchange rates, with no group defined. (mapping: ECB exchange rates)");
      /* the structure beside them refers to ISO's codelist, not in it: no name */
      g_assert_cmpstr (gw_dataset_get_area (ds, gw_dataset_lookup_area (ds, "JPY"))->name, ==, "JPY");
    }
  gw_sdmx_set_options (NULL, NULL, NULL);
}

/* The BIS sample: its country dimension named, one frequency and category
 * kept; the sibling group's UNIT_MULT applied. */
static void
test_mapping_fixed (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autofree char *path = reference ("sdmx-ml-v2_0__CompactSample.xml");
  g_autoptr(GwDataset) ds = NULL;
  GwImport *import;

  SKIP_WITHOUT (path);
  write_mapping (tmp, "bis.conf", "[Mapping]\nname=BIS debt\narea=VIS_CTY\nmeasure=bis-debt\n"
                                  "[Fixed]\nFREQ=M\nJD_CATEGORY=A\n");
  ds = gw_dataset_new ();
  import = import_path (ds, path);
  g_assert_cmpuint (gw_import_get_records (import), ==, 12);
  g_assert_cmpfloat (value_of (ds, "bis-debt", "MX", GW_SEX_PERSONS, "2000-01")->value, ==, 314000);
  g_assert_cmpfloat (value_of (ds, "bis-debt", "MX", GW_SEX_PERSONS, "2001-02")->value, ==, 229000);

  /* a value the file does not have */
  write_mapping (tmp, "bis2.conf", "[Mapping]\nname=BIS debt\narea=VIS_CTY\n[Fixed]\nFREQ=Q\nJD_CATEGORY=A\n");
  assert_refused (path, "sdmx-ml-v2_0__CompactSample.xml: the mapping “BIS debt” keeps FREQ=Q, but the file's FREQ is M, A");
  gw_sdmx_set_options (NULL, NULL, NULL);
}

static void
test_mapping_invalid (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GError) error = NULL;
  const char *path = gw_test_tmp_write (tmp, "bad.conf", "[Mapping]\nmeasure=Deaths!\n", -1);
  const char *mappings[] = { path, NULL };

  g_assert_false (gw_sdmx_set_options (NULL, mappings, &error));
  g_assert_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==, "bad.conf: measure “Deaths!” is not deaths, population, births or an indicator "
                                       "id (lower-case letters, digits and -)");
}

/* What the window's mapping dialog offers: each dimension with its values;
 * the mapping it writes reads the message. */
static void
test_layout (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autofree char *path = reference ("sdmx-ml-v2_0__CompactSample.xml");
  g_autoptr(GwSdmxLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GwDataset) ds = NULL;
  g_autofree char *mapping = NULL;
  const GwSdmxDimension *d;
  const char *dims[] = { "FREQ", "JD_CATEGORY", NULL }, *values[] = { "M", "B", NULL };

  SKIP_WITHOUT (path);
  layout = gw_sdmx_layout_read (path, &error);
  g_assert_no_error (error);
  g_assert_null (layout->dataflow);
  g_assert_cmpuint (layout->dimensions->len, ==, 4);
  d = g_ptr_array_index (layout->dimensions, 0);
  g_assert_cmpstr (d->name, ==, "FREQ");
  g_assert_cmpuint (d->n_values, ==, 2);
  g_assert_cmpstr (d->values[0], ==, "M");
  g_assert_cmpstr (d->values[1], ==, "A");
  g_assert_null (d->values[2]);
  d = g_ptr_array_index (layout->dimensions, 3);
  g_assert_cmpstr (d->name, ==, "VIS_CTY");
  g_assert_cmpuint (d->n_values, ==, 1);

  mapping = gw_sdmx_mapping_write (NULL, "VIS_CTY", "bis-debt", dims, values);
  write_mapping (tmp, "written.conf", mapping);
  ds = gw_dataset_new ();
  g_assert_cmpuint (gw_import_get_records (import_path (ds, path)), ==, 12);
  g_assert_cmpfloat_with_epsilon (value_of (ds, "bis-debt", "MX", GW_SEX_PERSONS, "2000-01")->value, 514000, 1e-6);
  gw_sdmx_set_options (NULL, NULL, NULL);

  /* a structure message has no layout */
  g_clear_pointer (&path, g_free);
  path = reference ("khaeru-sdmx-test-data__ECB_EXR_ng-structure.xml");
  g_assert_null (gw_sdmx_layout_read (path, &error));
  g_assert_error (error, GW_EXPORT_ERROR, GW_EXPORT_ERROR_INVALID);
}

/* Built-in profiles on written messages */

static const char *
write_message (GwTestTmp *tmp, const char *name, const char *id, const char *flow, const char *body)
{
  g_autofree char *head = g_strdup_printf (SS_HEAD, id, flow);
  g_autofree char *text = g_strconcat (head, body, SS_TAIL, NULL);

  return gw_test_tmp_write (tmp, name, text, -1);
}

/* Eurostat deaths by single year of age: summed into the bands; TOTAL and
 * UNK skipped with a warning; UNIT_MULT applied. */
static void
test_profile_deaths (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  const char *path = write_message (tmp, "magec.xml", "M1", "DEMO_MAGEC",
    "<m:DataSet s:structureRef=\"STR1\">\n"
    "<Series freq=\"A\" unit=\"NR\" sex=\"F\" geo=\"UKC1\" age=\"Y_LT1\"><Obs TIME_PERIOD=\"2019\" OBS_VALUE=\"12\"/></Series>\n"
    "<Series freq=\"A\" unit=\"NR\" sex=\"F\" geo=\"UKC1\" age=\"Y1\"><Obs TIME_PERIOD=\"2019\" OBS_VALUE=\"2\"/></Series>\n"
    "<Series freq=\"A\" unit=\"NR\" sex=\"F\" geo=\"UKC1\" age=\"Y3\"><Obs TIME_PERIOD=\"2019\" OBS_VALUE=\"1\"/></Series>\n"
    "<Series freq=\"A\" unit=\"NR\" sex=\"F\" geo=\"UKC1\" age=\"Y85-89\" UNIT_MULT=\"1\"><Obs TIME_PERIOD=\"2019\" OBS_VALUE=\"30\"/></Series>\n"
    "<Series freq=\"A\" unit=\"NR\" sex=\"F\" geo=\"UKC1\" age=\"TOTAL\"><Obs TIME_PERIOD=\"2019\" OBS_VALUE=\"315\"/></Series>\n"
    "<Series freq=\"A\" unit=\"NR\" sex=\"F\" geo=\"UKC1\" age=\"UNK\"><Obs TIME_PERIOD=\"2019\" OBS_VALUE=\"0\"/>"
    "<Obs TIME_PERIOD=\"2020\" OBS_VALUE=\"NaN\" OBS_STATUS=\"na\"/></Series>\n"
    "</m:DataSet>\n");
  GwImport *import = import_path (ds, path);
  const char *const *warnings;

  g_assert_cmpuint (gw_import_get_records_of_kind (import, GW_RECORD_DEATHS), ==, 3);
  g_assert_cmpfloat (count_of (ds, GW_RECORD_DEATHS, "UKC1", GW_SEX_FEMALE, "2019", GW_AGE_0, GW_CAUSE_ALL)->value, ==, 12);
  g_assert_cmpfloat (count_of (ds, GW_RECORD_DEATHS, "UKC1", GW_SEX_FEMALE, "2019", GW_AGE_1_4, GW_CAUSE_ALL)->value, ==, 3);
  g_assert_cmpfloat (count_of (ds, GW_RECORD_DEATHS, "UKC1", GW_SEX_FEMALE, "2019", GW_AGE_85_89, GW_CAUSE_ALL)->value, ==, 300);
  g_assert_cmpint (gw_dataset_get_area (ds, gw_dataset_lookup_area (ds, "UKC1"))->type, ==, GW_AREA_REGION);
  warnings = gw_import_get_warnings (import);
  g_assert_cmpuint (gw_import_get_n_warnings (import), ==, 3);
  g_assert_cmpstr (warnings[0], ==, "1 observation of age TOTAL skipped: it is in no age band Gapwatch holds (or is their total)");
  g_assert_cmpstr (warnings[1], ==, "1 observation of age UNK skipped: it is in no age band Gapwatch holds (or is their total)");
  g_assert_cmpstr (warnings[2], ==, "1 count with no value (missing or confidential) skipped");
}

static double
deaths_of (GwDataset *ds, const char *area, const char *period, guint cause)
{
  GwPeriod p = 0;

  g_assert_true (gw_period_parse (period, &p));
  return gw_dataset_deaths_of_cause (ds, gw_dataset_lookup_area (ds, area), GW_SEX_MALE, 0, p, 14, cause);
}

/* Eurostat causes of death: ICD-10 chapters onto causes, a finer code
 * declared under its chapter (its deaths taken out of the chapter's own),
 * residents kept. */
static void
test_profile_causes (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  const char *path = write_message (tmp, "aro.xml", "C1", "HLTH_CD_ARO",
    "<m:DataSet s:structureRef=\"STR1\">\n"
    "<Series unit=\"NR\" resid=\"TOT_IN\" sex=\"M\" age=\"Y65-69\" icd10=\"I\" geo=\"BE\"><Obs TIME_PERIOD=\"2018\" OBS_VALUE=\"700\"/></Series>\n"
    "<Series unit=\"NR\" resid=\"TOT_IN\" sex=\"M\" age=\"Y65-69\" icd10=\"C00-D48\" geo=\"BE\"><Obs TIME_PERIOD=\"2018\" OBS_VALUE=\"1500\"/></Series>\n"
    "<Series unit=\"NR\" resid=\"TOT_IN\" sex=\"M\" age=\"Y65-69\" icd10=\"C16\" geo=\"BE\"><Obs TIME_PERIOD=\"2018\" OBS_VALUE=\"40\"/></Series>\n"
    "<Series unit=\"NR\" resid=\"TOT_IN\" sex=\"M\" age=\"Y65-69\" icd10=\"A-R_V-Y\" geo=\"BE\"><Obs TIME_PERIOD=\"2018\" OBS_VALUE=\"3900\"/></Series>\n"
    "<Series unit=\"NR\" resid=\"NRSD\" sex=\"M\" age=\"Y65-69\" icd10=\"I\" geo=\"BE\"><Obs TIME_PERIOD=\"2018\" OBS_VALUE=\"7\"/></Series>\n"
    "</m:DataSet>\n");
  GwImport *import = import_path (ds, path);

  gint c16;

  g_assert_cmpuint (gw_import_get_records_of_kind (import, GW_RECORD_DEATHS), ==, 4);
  g_assert_cmpfloat (count_of (ds, GW_RECORD_DEATHS, "BE", GW_SEX_MALE, "2018", 14, GW_CAUSE_CIRCULATORY)->value, ==, 700);
  g_assert_cmpfloat (count_of (ds, GW_RECORD_DEATHS, "BE", GW_SEX_MALE, "2018", 14, GW_CAUSE_CANCER)->value, ==, 1460);
  g_assert_cmpfloat (count_of (ds, GW_RECORD_DEATHS, "BE", GW_SEX_MALE, "2018", 14, GW_CAUSE_ALL)->value, ==, 3900);
  c16 = gw_dataset_lookup_cause (ds, "icd10-c16");
  g_assert_cmpint (c16, >=, GW_N_CAUSES);
  g_assert_cmpint (gw_dataset_cause_parent (ds, c16), ==, GW_CAUSE_CANCER);
  g_assert_cmpstr (gw_dataset_get_cause (ds, c16)->name, ==, "ICD-10 C16");
  g_assert_cmpfloat (count_of (ds, GW_RECORD_DEATHS, "BE", GW_SEX_MALE, "2018", 14, c16)->value, ==, 40);
  g_assert_cmpfloat (deaths_of (ds, "BE", "2018", GW_CAUSE_CANCER), ==, 1500);
  g_assert_cmpuint (gw_import_get_n_warnings (import), ==, 0);
}

static void
assert_cause (GwDataset *ds, const char *id, const char *name, const char *icd10, guint parent, double own)
{
  gint c = gw_dataset_lookup_cause (ds, id);
  const GwCauseDef *def;

  g_assert_cmpint (c, >=, GW_N_CAUSES);
  def = gw_dataset_get_cause (ds, c);
  g_assert_cmpstr (def->name, ==, name);
  g_assert_cmpstr (def->icd10, ==, icd10);
  g_assert_cmpint (def->parent, ==, parent);
  g_assert_cmpfloat (count_of (ds, GW_RECORD_DEATHS, "BE", GW_SEX_MALE, "2018", 14, c)->value, ==, own);
}

/* Codes finer than chapters (tests/data/sdmx/hlth_cd_fine.xml, names from
 * the codelist beside it): each a cause under the code holding it, its
 * record its count less those inside it, so every published count is a
 * cause's deaths again and the causes add up under all causes; a
 * remainder (I_OTH) and a code overlapping another are skipped with a
 * warning, their deaths still in the code holding them. */
static void
test_fine_causes (void)
{
  g_autofree char *path = g_build_filename (GW_TEST_SRCDIR, "data", "sdmx", "hlth_cd_fine.xml", NULL);
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  GwImport *import = import_path (ds, path);
  const char *const *warnings = gw_import_get_warnings (import);
  gint chd = gw_dataset_lookup_cause (ds, "icd10-i20-i25"), c = gw_dataset_lookup_cause (ds, "icd10-c");
  GwDeathsCell cell;
  GwPeriod p = 0;

  g_assert_cmpuint (gw_import_get_records_of_kind (import, GW_RECORD_DEATHS), ==, 13);
  g_assert_cmpfloat (count_of (ds, GW_RECORD_DEATHS, "BE", GW_SEX_MALE, "2018", 14, GW_CAUSE_ALL)->value, ==, 3900);
  g_assert_cmpfloat (count_of (ds, GW_RECORD_DEATHS, "BE", GW_SEX_MALE, "2018", 14, GW_CAUSE_CIRCULATORY)->value, ==, 250);
  g_assert_cmpfloat (count_of (ds, GW_RECORD_DEATHS, "BE", GW_SEX_MALE, "2018", 14, GW_CAUSE_CANCER)->value, ==, 100);
  assert_cause (ds, "icd10-i20-i25", "Ischaemic heart diseases", "I20-I25", GW_CAUSE_CIRCULATORY, 0);
  assert_cause (ds, "icd10-i21-i22", "Acute myocardial infarction including subsequent myocardial infarction",
                "I21 I22", chd, 120);
  assert_cause (ds, "icd10-i20-i23-i25", "ICD-10 I20 I23-I25", "I20 I23-I25", chd, 180);
  assert_cause (ds, "icd10-i60-i69", "ICD-10 I60-I69", "I60-I69", GW_CAUSE_CIRCULATORY, 150);
  assert_cause (ds, "icd10-c", "Malignant neoplasms (C00-C97)", "C00-C99", GW_CAUSE_CANCER, 860);
  assert_cause (ds, "icd10-c33-c34", "Malignant neoplasm of trachea, bronchus and lung", "C33 C34", c, 500);
  assert_cause (ds, "icd10-c16", "ICD-10 C16", "C16", c, 40);
  assert_cause (ds, "icd10-k72-k75", "ICD-10 K72-K75", "K72-K75", GW_CAUSE_DIGESTIVE, 25);
  assert_cause (ds, "icd10-a-b", "Certain infectious and parasitic diseases (A00-B99)", "A00-A99 B00-B99",
                GW_CAUSE_OTHER, 100);
  assert_cause (ds, "icd10-toxico", "Drug dependence, toxicomania (F11-F16, F18-F19)", "F11-F16 F18-F19",
                GW_CAUSE_OTHER, 10);

  /* every published count is a cause's deaths again */
  g_assert_cmpfloat (deaths_of (ds, "BE", "2018", GW_CAUSE_CIRCULATORY), ==, 700);
  g_assert_cmpfloat (deaths_of (ds, "BE", "2018", chd), ==, 300);
  g_assert_cmpfloat (deaths_of (ds, "BE", "2018", GW_CAUSE_CANCER), ==, 1500);
  g_assert_cmpfloat (deaths_of (ds, "BE", "2018", c), ==, 1400);
  g_assert_cmpfloat (deaths_of (ds, "BE", "2018", GW_CAUSE_OTHER), ==, 110);
  /* the all-cause rule: the causes add up to the published top codes */
  g_assert_true (gw_period_parse ("2018", &p));
  g_assert_true (gw_dataset_deaths_cell (ds, gw_dataset_lookup_area (ds, "BE"), GW_SEX_MALE, 0, p, 14, &cell));
  g_assert_cmpfloat (cell.all_causes, ==, 3900);
  g_assert_cmpfloat (cell.causes, ==, 700 + 1500 + 25 + 100 + 10);
  g_assert_cmpfloat (cell.unspecified, ==, 3900 - 2335);

  g_assert_cmpuint (gw_import_get_n_warnings (import), ==, 2);
  g_assert_cmpstr (warnings[0], ==, "1 observation of cause I_OTH skipped: not ICD-10 codes Gapwatch can read "
                                    "(its deaths stay in the cause holding it)");
  g_assert_cmpstr (warnings[1], ==, "1 observation of cause K70_K73-K74 skipped: it overlaps another cause code "
                                    "of the message without holding it or lying in it");
}

/* A cause the registry holds already with the same ranges is used, not
 * declared again: a declared lung-cancer (C33-C34) takes C33_C34's deaths. */
static void
test_fine_causes_known (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autofree char *path = g_build_filename (GW_TEST_SRCDIR, "data", "sdmx", "hlth_cd_fine.xml", NULL);
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  const char *native = gw_test_tmp_write (tmp, "lung.xml",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.1\" id=\"lung\" generated=\"2020-01-01T00:00:00Z\">\n"
    "  <areas><area code=\"BE\" name=\"Belgium\" type=\"country\"/></areas>\n"
    "  <causes><cause id=\"lung-cancer\" name=\"Lung cancer\" icd10=\"C33-C34\" parent=\"cancer\"/></causes>\n"
    "</export>\n", -1);
  gint lung, chd;

  import_path (ds, native);
  lung = gw_dataset_lookup_cause (ds, "lung-cancer");
  import_path (ds, path);
  g_assert_cmpint (gw_dataset_lookup_cause (ds, "icd10-c33-c34"), ==, -1);
  g_assert_cmpfloat (count_of (ds, GW_RECORD_DEATHS, "BE", GW_SEX_MALE, "2018", 14, lung)->value, ==, 500);
  /* lung-cancer lies under cancer, not under the message's C: the
   * chapter's deaths still add up */
  g_assert_cmpfloat (deaths_of (ds, "BE", "2018", GW_CAUSE_CANCER), ==, 1500);
  chd = gw_dataset_lookup_cause (ds, "icd10-i20-i25");
  g_assert_cmpint (chd, >, lung);
  g_assert_cmpint (gw_dataset_cause_parent (ds, gw_dataset_lookup_cause (ds, "icd10-i21-i22")), ==, chd);
}

/* Life expectancy by deprivation decile (an IMD_DECILE dimension, 95%
 * limits and denominators as attributes): the deciles' values, the
 * total's as the area's own, and the same published SII as the native
 * format's decile values give; the SII of a straight line from 70 to 79
 * years over equal deciles is 10 years. */
static void
test_deciles (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autoptr(GwDataset) native_ds = gw_dataset_new ();
  g_autoptr(GString) body = g_string_new ("<m:DataSet s:structureRef=\"STR1\">\n");
  g_autoptr(GString) native = g_string_new (NULL);
  static const char *const codes[] = { "1", "D2", "3", "4", "5", "6", "7", "8", "9", "DEC10" };
  GwInequalityValue sdmx_sii, native_sii;
  g_autoptr(GError) error = NULL;
  GwPeriod p = gw_period_pooled (2016, 2018);
  const char *path;
  const GwValueRow *own;
  const GwValueRow *rows[GW_N_DECILES];

  g_string_append (native, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                           "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.1\" id=\"n\" generated=\"2024-01-01T00:00:00Z\">\n"
                           "  <areas><area code=\"E06000001\" name=\"Hartlepool\" type=\"ua\"/></areas>\n"
                           "  <indicator id=\"le-birth\" name=\"Life expectancy at birth\" unit=\"years\""
                           " polarity=\"higher-is-better\">\n");
  for (guint d = 0; d < GW_N_DECILES; d++)
    {
      g_string_append_printf (body, "<Series freq=\"A\" unit=\"YR\" sex=\"M\" age=\"Y_LT1\" geo=\"E06000001\" IMD_DECILE=\"%s\">"
                              "<Obs TIME_PERIOD=\"2016-01-01/P3Y\" OBS_VALUE=\"%u\" LOWER_CI=\"%u.5\" UPPER_CI=\"%u.5\""
                              " DENOMINATOR=\"10000\"/></Series>\n", codes[d], 70 + d, 69 + d, 70 + d);
      g_string_append_printf (native, "    <v area=\"E06000001\" sex=\"m\" period=\"2016-2018\" decile=\"%u\" value=\"%u\""
                              " lower=\"%u.5\" upper=\"%u.5\" denominator=\"10000\"/>\n", d + 1, 70 + d, 69 + d, 70 + d);
    }
  g_string_append (body, "<Series freq=\"A\" unit=\"YR\" sex=\"M\" age=\"Y_LT1\" geo=\"E06000001\" IMD_DECILE=\"_T\">"
                         "<Obs TIME_PERIOD=\"2016-01-01/P3Y\" OBS_VALUE=\"74.6\"/></Series>\n</m:DataSet>\n");
  g_string_append (native, "  </indicator>\n</export>\n");
  path = write_message (tmp, "le-deciles.xml", "D1", "DEMO_MLEXPEC", body->str);
  import_path (ds, path);
  import_path (native_ds, gw_test_tmp_write (tmp, "native.xml", native->str, -1));

  g_assert_cmpuint (gw_dataset_get_deciles (ds, gw_dataset_lookup_indicator (ds, "le-birth"), FALSE,
                                            gw_dataset_lookup_area (ds, "E06000001"), GW_SEX_MALE, p, rows), ==, 10);
  g_assert_cmpfloat (rows[1]->value, ==, 71);
  g_assert_cmpfloat (rows[1]->lower, ==, 70.5);
  g_assert_cmpfloat (rows[1]->upper, ==, 71.5);
  g_assert_cmpfloat (rows[9]->value, ==, 79);
  g_assert_cmpfloat (rows[9]->denominator, ==, 10000);
  own = value_of (ds, "le-birth", "E06000001", GW_SEX_MALE, "2016-2018");
  g_assert_cmpfloat (own->value, ==, 74.6);

  g_assert_true (gw_inequality_compute_published (ds, "le-birth", FALSE, gw_dataset_lookup_area (ds, "E06000001"),
                                                  GW_SEX_MALE, p, NULL, &sdmx_sii, &error));
  g_assert_no_error (error);
  g_assert_true (gw_inequality_compute_published (native_ds, "le-birth", FALSE,
                                                  gw_dataset_lookup_area (native_ds, "E06000001"),
                                                  GW_SEX_MALE, p, NULL, &native_sii, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (fabs (sdmx_sii.sii.sii), 10, 1e-9);
  g_assert_cmpfloat (sdmx_sii.sii.sii, ==, native_sii.sii.sii);
  g_assert_cmpfloat (sdmx_sii.sii.rii, ==, native_sii.sii.rii);
}

/* A decile code that is none is refused where it is. */
static void
test_decile_refused (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  const char *path = write_message (tmp, "bad-decile.xml", "D2", "DEMO_MLEXPEC",
    "<m:DataSet s:structureRef=\"STR1\">\n"
    "<Series freq=\"A\" unit=\"YR\" sex=\"M\" age=\"Y_LT1\" geo=\"E06000001\" IMD_DECILE=\"11\">"
    "<Obs TIME_PERIOD=\"2018\" OBS_VALUE=\"70\"/></Series>\n</m:DataSet>\n");

  assert_refused (path, "bad-decile.xml:5:80: deprivation decile “11” is not one Gapwatch knows "
                        "(1 to 10, D1 to D10, or a total such as _T)");
}

/* Life expectancy by age: at birth and at 65; pooled years as a time range;
 * a confidential value suppressed. */
static void
test_profile_life_expectancy (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  const char *path = write_message (tmp, "le.xml", "L1", "DEMO_MLEXPEC",
    "<m:DataSet s:structureRef=\"STR1\">\n"
    "<Series freq=\"A\" unit=\"YR\" sex=\"F\" age=\"Y_LT1\" geo=\"FR\"><Obs TIME_PERIOD=\"2019\" OBS_VALUE=\"85.6\"/>"
    "<Obs TIME_PERIOD=\"2016-01-01/P3Y\" OBS_VALUE=\"85.4\" OBS_STATUS=\"p\"/></Series>\n"
    "<Series freq=\"A\" unit=\"YR\" sex=\"F\" age=\"Y65\" geo=\"FR\"><Obs TIME_PERIOD=\"2019\" OBS_VALUE=\"23.9\"/></Series>\n"
    "<Series freq=\"A\" unit=\"YR\" sex=\"F\" age=\"Y50\" geo=\"FR\"><Obs TIME_PERIOD=\"2019\" OBS_VALUE=\"36.1\"/></Series>\n"
    "<Series freq=\"A\" unit=\"YR\" sex=\"M\" age=\"Y_LT1\" geo=\"FR\"><Obs TIME_PERIOD=\"2019\" OBS_VALUE=\"NaN\" CONF_STATUS=\"C\"/></Series>\n"
    "</m:DataSet>\n");
  GwImport *import = import_path (ds, path);
  const GwValueRow *v;

  g_assert_cmpuint (gw_import_get_records (import), ==, 4);
  g_assert_cmpfloat (value_of (ds, "le-birth", "FR", GW_SEX_FEMALE, "2019")->value, ==, 85.6);
  g_assert_cmpfloat (value_of (ds, "le-birth", "FR", GW_SEX_FEMALE, "2016-2018")->value, ==, 85.4);
  g_assert_cmpfloat (value_of (ds, "le-65", "FR", GW_SEX_FEMALE, "2019")->value, ==, 23.9);
  v = value_of (ds, "le-birth", "FR", GW_SEX_MALE, "2019");
  g_assert_true (isnan (v->value));
  g_assert_cmpint (v->note, ==, GW_NOTE_SUPPRESSED);
}

/* What is refused, where, with its value */

typedef struct
{
  const char *name;
  const char *body;
  const char *expected;
} Bad;

static const Bad bad_messages[] = {
  { "delete", "<m:DataSet s:structureRef=\"STR1\" action=\"Delete\">\n<Series geo=\"FR\"><Obs TIME_PERIOD=\"2019\" OBS_VALUE=\"1\"/></Series>\n</m:DataSet>\n",
    "delete.xml:4:1: the message deletes observations (action “Delete”): Gapwatch imports data and deletes none; "
    "remove the import that brought them instead" },
  { "value", "<m:DataSet s:structureRef=\"STR1\">\n<Series geo=\"FR\">\n<Obs TIME_PERIOD=\"2019\" OBS_VALUE=\"12,5\"/></Series>\n</m:DataSet>\n",
    "value.xml:6:1: OBS_VALUE “12,5” is not a number" },
  { "nan", "<m:DataSet s:structureRef=\"STR1\">\n<Series geo=\"FR\">\n  <Obs TIME_PERIOD=\"2019\" OBS_VALUE=\"NaN\"/></Series>\n</m:DataSet>\n",
    "nan.xml:6:3: the observation has no value and no OBS_STATUS saying why" },
  { "time", "<m:DataSet s:structureRef=\"STR1\">\n<Series geo=\"FR\"><Obs TIME_PERIOD=\"2019-W05\" OBS_VALUE=\"1\"/></Series>\n</m:DataSet>\n",
    "time.xml:5:18: time period “2019-W05” is not one Gapwatch holds (a year 2007, month 2007-06 or 2007-M06, "
    "quarter 2007-Q2, financial year 2007-04-01/P1Y or pooled years 2005-01-01/P3Y)" },
  { "sex", "<m:DataSet s:structureRef=\"STR1\">\n<Series geo=\"FR\" sex=\"X\"><Obs TIME_PERIOD=\"2019\" OBS_VALUE=\"1\"/></Series>\n</m:DataSet>\n",
    "sex.xml:5:26: sex “X” is not one Gapwatch knows (M, F, T; 1, 2, 0 or 9; m, f, p)" },
  { "unitmult", "<m:DataSet s:structureRef=\"STR1\">\n<Series geo=\"FR\" UNIT_MULT=\"k\"><Obs TIME_PERIOD=\"2019\" OBS_VALUE=\"1\"/></Series>\n</m:DataSet>\n",
    "unitmult.xml:5:32: UNIT_MULT “k” is not a power of ten from -15 to 15" },
  { "dup", "<m:DataSet s:structureRef=\"STR1\">\n<Series geo=\"FR\"><Obs TIME_PERIOD=\"2019\" OBS_VALUE=\"1\"/>\n"
    "<Obs TIME_PERIOD=\"2019\" OBS_VALUE=\"2\"/></Series>\n</m:DataSet>\n",
    "dup.xml:6:1: duplicate observation: indicator sdmx-test, area FR, sex p, period 2019 (first at line 5)" },
  { "several", "<m:DataSet s:structureRef=\"STR1\">\n<Series geo=\"FR\" unit=\"NR\"><Obs TIME_PERIOD=\"2019\" OBS_VALUE=\"1\"/></Series>\n"
    "<Series geo=\"FR\" unit=\"PC\"><Obs TIME_PERIOD=\"2019\" OBS_VALUE=\"2\"/></Series>\n</m:DataSet>\n",
    "several.xml:6:28: dimension unit has 2 values (NR, PC) and Gapwatch keeps one: give a mapping that chooses one "
    "([Fixed] unit=NR) or download one unit only" },
};

static void
test_bad (gconstpointer data)
{
  const Bad *b = data;
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autofree char *name = g_strconcat (b->name, ".xml", NULL);
  const char *path = write_message (tmp, name, "B1", "TEST", b->body);

  assert_refused (path, b->expected);
}

int
main (int argc, char **argv)
{
  g_autofree char *config = g_dir_make_tmp ("gw-test-config-XXXXXX", NULL);
  int status;

  /* no mapping of the user's */
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gw/sdmx-reader/reference/demography", test_demography);
  g_test_add_func ("/gw/sdmx-reader/reference/nama", test_nama);
  g_test_add_func ("/gw/sdmx-reader/reference/message-group", test_message_group);
  g_test_add_func ("/gw/sdmx-reader/reference/encodings", test_encodings);
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *test = g_strdup_printf ("/gw/sdmx-reader/reference/refused/%s", refusals[i].file);

      g_test_add_data_func (test, &refusals[i], test_refused);
    }
  g_test_add_func ("/gw/sdmx-reader/mapping/forms", test_mapping_forms);
  g_test_add_func ("/gw/sdmx-reader/mapping/fixed", test_mapping_fixed);
  g_test_add_func ("/gw/sdmx-reader/mapping/invalid", test_mapping_invalid);
  g_test_add_func ("/gw/sdmx-reader/mapping/layout", test_layout);
  g_test_add_func ("/gw/sdmx-reader/profile/deaths", test_profile_deaths);
  g_test_add_func ("/gw/sdmx-reader/profile/causes", test_profile_causes);
  g_test_add_func ("/gw/sdmx-reader/causes/fine", test_fine_causes);
  g_test_add_func ("/gw/sdmx-reader/deciles/sii", test_deciles);
  g_test_add_func ("/gw/sdmx-reader/deciles/refused", test_decile_refused);
  g_test_add_func ("/gw/sdmx-reader/causes/known", test_fine_causes_known);
  g_test_add_func ("/gw/sdmx-reader/profile/life-expectancy", test_profile_life_expectancy);
  for (guint i = 0; i < G_N_ELEMENTS (bad_messages); i++)
    {
      g_autofree char *test = g_strdup_printf ("/gw/sdmx-reader/refused/%s", bad_messages[i].name);

      g_test_add_data_func (test, &bad_messages[i], test_bad);
    }
  status = g_test_run ();
  g_rmdir (config);
  return status;
}
