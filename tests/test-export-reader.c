/* test-export-reader.c: the export reader against the contract, rule by rule
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every rule of ../shared/docs/export-format.md that a file can break has a
 * fixture in tests/data/exports/ (bad-*.xml, each the valid good-template.xml
 * changed in one place) and a test that checks the exact first message,
 * "FILE:LINE:COL: message", where LINE:COL is the '<' of the element at fault,
 * and that a dataset holding a valid import is left exactly as it was.  Then
 * the valid cases: every element, foreign namespaces, warnings, encodings,
 * gzip, revisions and re-imports, and the sample exports.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libglib-testing/signal-logger.h>
#include <zlib.h>

#include "formats/gw-export-reader.h"
#include "model/gw-key.h"
#include "model/gw-period.h"
#include "gw-test-tmp.h"

/* Helpers */

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "exports", name, NULL);
}

static char *
read_all (const char *path,
          gsize      *len)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, len, &error);
  g_assert_no_error (error);
  return data;
}

/* Reads a file that must be valid. */
static GwBatch *
read_ok (GwDataset  *ds,
         const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_problem_free);
  GwBatch *batch = gw_export_read_file (ds, path, NULL, NULL, NULL, errors, &error);

  g_assert_no_error (error);
  g_assert_nonnull (batch);
  g_assert_cmpuint (errors->len, ==, 0);
  return batch;
}

static GwImport *
commit_ok (GwDataset *ds,
           GwBatch   *batch)
{
  g_autoptr(GError) error = NULL;
  GwImport *import = gw_dataset_commit (ds, batch, &error);

  g_assert_no_error (error);
  g_assert_nonnull (import);
  return import;
}

static GwImport *
import_ok (GwDataset  *ds,
           const char *path)
{
  return commit_ok (ds, read_ok (ds, path));
}

/* What a failed read must leave untouched. */
typedef struct
{
  guint imports;
  guint areas;
  guint groups;
  guint bases;
  guint indicators;
  guint counts[GW_N_RECORD_KINDS];
  guint history[GW_N_RECORD_KINDS];
} Snapshot;

static void
snapshot (GwDataset *ds,
          Snapshot  *s)
{
  s->imports = g_list_model_get_n_items (gw_dataset_get_imports (ds));
  s->areas = gw_dataset_n_areas (ds);
  s->groups = gw_dataset_n_groups (ds);
  s->bases = gw_dataset_n_bases (ds);
  s->indicators = gw_dataset_n_indicators (ds);
  for (guint k = 0; k < GW_N_RECORD_KINDS; k++)
    {
      s->counts[k] = gw_dataset_count (ds, k);
      s->history[k] = gw_table_n_rows (gw_dataset_get_history (ds, k));
    }
}

static void
assert_snapshot_equal (const Snapshot *a,
                       const Snapshot *b)
{
  g_assert_cmpuint (a->imports, ==, b->imports);
  g_assert_cmpuint (a->areas, ==, b->areas);
  g_assert_cmpuint (a->groups, ==, b->groups);
  g_assert_cmpuint (a->bases, ==, b->bases);
  g_assert_cmpuint (a->indicators, ==, b->indicators);
  for (guint k = 0; k < GW_N_RECORD_KINDS; k++)
    {
      g_assert_cmpuint (a->counts[k], ==, b->counts[k]);
      g_assert_cmpuint (a->history[k], ==, b->history[k]);
    }
}

static gint
basis_number (GwDataset  *ds,
              const char *name)
{
  for (guint i = 0; i < gw_dataset_n_bases (ds); i++)
    if (g_strcmp0 (gw_dataset_get_basis (ds, i), name) == 0)
      return (gint) i;
  return -1;
}

static guint
area_number (GwDataset  *ds,
             const char *code)
{
  gint a = gw_dataset_lookup_area (ds, code);

  g_assert_cmpint (a, >=, 0);
  return (guint) a;
}

static GwPeriod
period (const char *text)
{
  GwPeriod p = 0;

  g_assert_true (gw_period_parse (text, &p));
  return p;
}

/* The current count of a key, NAN when there is no row. */
static double
count_of (GwDataset    *ds,
          GwRecordKind  kind,
          guint64       key)
{
  const GwCountRow *row = gw_table_lookup (gw_dataset_get_table (ds, kind), key);

  return row != NULL ? row->value : NAN;
}

static guint64
deaths_key (GwDataset  *ds,
            const char *code,
            GwSex       sex,
            GwAgeBand   age,
            GwCause     cause,
            const char *per)
{
  gint basis = basis_number (ds, "registration");

  g_assert_cmpint (basis, >, 0);
  return gw_key_deaths (area_number (ds, code), sex, cause, (guint) basis, period (per), age);
}

static double
male_deaths_0 (GwDataset  *ds,
               const char *per)
{
  return count_of (ds, GW_RECORD_DEATHS, deaths_key (ds, "E06000002", GW_SEX_MALE, GW_AGE_0, GW_CAUSE_ALL, per));
}

static guint64
value_key (GwDataset  *ds,
           const char *indicator,
           const char *code,
           gboolean    is_group,
           GwSex       sex,
           const char *per)
{
  gint ind = gw_dataset_lookup_indicator (ds, indicator);
  gint subject = is_group ? gw_dataset_lookup_group (ds, code) : gw_dataset_lookup_area (ds, code);

  g_assert_cmpint (ind, >=, 0);
  g_assert_cmpint (subject, >=, 0);
  return gw_key_value ((guint) ind, is_group, (guint) subject, sex, period (per));
}

static gboolean
same_double (double a,
             double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

/* Two datasets filled from the same content hold the same dictionaries and
 * the same rows, key by key and value by value. */
static void
assert_same_dataset (GwDataset *a,
                     GwDataset *b)
{
  g_assert_cmpuint (gw_dataset_n_areas (a), ==, gw_dataset_n_areas (b));
  for (guint i = 0; i < gw_dataset_n_areas (a); i++)
    {
      const GwArea *x = gw_dataset_get_area (a, i), *y = gw_dataset_get_area (b, i);

      g_assert_cmpstr (x->code, ==, y->code);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpint (x->type, ==, y->type);
      g_assert_cmpint (x->parent, ==, y->parent);
      g_assert_cmpuint (x->imd_decile, ==, y->imd_decile);
      g_assert_cmpuint (x->groups != NULL ? x->groups->len : 0, ==, y->groups != NULL ? y->groups->len : 0);
      for (guint g = 0; x->groups != NULL && g < x->groups->len; g++)
        g_assert_cmpuint (g_array_index (x->groups, guint, g), ==, g_array_index (y->groups, guint, g));
    }
  g_assert_cmpuint (gw_dataset_n_groups (a), ==, gw_dataset_n_groups (b));
  for (guint i = 0; i < gw_dataset_n_groups (a); i++)
    {
      g_assert_cmpstr (gw_dataset_get_group (a, i)->id, ==, gw_dataset_get_group (b, i)->id);
      g_assert_cmpstr (gw_dataset_get_group (a, i)->name, ==, gw_dataset_get_group (b, i)->name);
    }
  g_assert_cmpuint (gw_dataset_n_indicators (a), ==, gw_dataset_n_indicators (b));
  for (guint i = 0; i < gw_dataset_n_indicators (a); i++)
    {
      const GwIndicatorDef *x = gw_dataset_get_indicator (a, i), *y = gw_dataset_get_indicator (b, i);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpstr (x->unit, ==, y->unit);
      g_assert_cmpint (x->polarity, ==, y->polarity);
    }
  g_assert_cmpuint (gw_dataset_n_bases (a), ==, gw_dataset_n_bases (b));
  for (guint i = 0; i < gw_dataset_n_bases (a); i++)
    g_assert_cmpstr (gw_dataset_get_basis (a, i), ==, gw_dataset_get_basis (b, i));

  for (guint k = 0; k < GW_N_RECORD_KINDS; k++)
    {
      const GwTable *ta = gw_dataset_get_table (a, k), *tb = gw_dataset_get_table (b, k);

      g_assert_cmpuint (gw_table_n_rows (ta), ==, gw_table_n_rows (tb));
      for (guint i = 0; i < gw_table_n_rows (ta); i++)
        {
          g_assert_cmpuint (gw_table_row_key (ta, i), ==, gw_table_row_key (tb, i));
          if (k == GW_RECORD_VALUES)
            {
              const GwValueRow *x = gw_table_row (ta, i), *y = gw_table_row (tb, i);

              g_assert_true (same_double (x->value, y->value));
              g_assert_true (same_double (x->lower, y->lower));
              g_assert_true (same_double (x->upper, y->upper));
              g_assert_true (same_double (x->count, y->count));
              g_assert_true (same_double (x->denominator, y->denominator));
              g_assert_cmpuint (x->note, ==, y->note);
            }
          else
            {
              const GwCountRow *x = gw_table_row (ta, i), *y = gw_table_row (tb, i);

              g_assert_cmpfloat (x->value, ==, y->value);
            }
        }
    }
}

/* A failed expectation fails the test (TAP "not ok") but does not abort the
 * program: used for the message texts and a few results, so that a wrong
 * message in one case does not hide the results of all the cases after it. */
static gboolean
expect_str (const char *what,
            const char *actual,
            const char *expected)
{
  if (g_strcmp0 (actual, expected) == 0)
    return TRUE;
  g_test_fail_printf ("%s: got “%s”, expected “%s”", what, actual, expected);
  return FALSE;
}

/* The formatted problems of a failed read. */
typedef struct
{
  GPtrArray *problems;    /* GwProblem */
  GError    *error;
} Failure;

static void
failure_clear (Failure *f)
{
  g_clear_pointer (&f->problems, g_ptr_array_unref);
  g_clear_error (&f->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Failure, failure_clear)

static void
read_bad (GwDataset  *ds,
          const char *path,
          Failure    *f)
{
  GwBatch *batch;

  f->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_problem_free);
  batch = gw_export_read_file (ds, path, NULL, NULL, NULL, f->problems, &f->error);
  g_assert_null (batch);
  g_assert_error (f->error, GW_EXPORT_ERROR, GW_EXPORT_ERROR_INVALID);
  g_assert_cmpuint (f->problems->len, >, 0);
}

static char *
first_problem (const Failure *f)
{
  return gw_problem_format (g_ptr_array_index (f->problems, 0));
}

/* The GError says the first problem and how many more there are. */
static void
assert_error_message (const Failure *f)
{
  g_autofree char *first = first_problem (f);
  g_autofree char *expected = NULL;

  if (f->problems->len == 1)
    expected = g_strdup (first);
  else if (f->problems->len == 2)
    expected = g_strdup_printf ("%s (and 1 more error)", first);
  else if (f->problems->len < GW_EXPORT_MAX_ERRORS)
    expected = g_strdup_printf ("%s (and %u more errors)", first, f->problems->len - 1);
  else
    /* at the cap the reader cannot know how many more there are */
    expected = g_strdup_printf ("%s (and at least %u more errors: Gapwatch stops reading a file at %u)",
                                first, f->problems->len - 1, GW_EXPORT_MAX_ERRORS);
  g_assert_cmpstr (f->error->message, ==, expected);
}

/* Bad files: one per rule */

typedef struct
{
  const char *test;        /* /gw/export-reader/<rule>/<case> */
  const char *file;        /* in tests/data/exports */
  guint       n_problems;
  const char *first;       /* the first problem, formatted */
  gboolean    libxml;      /* first is a prefix: the rest is libxml2's wording */
  const char *libxml_text; /* ... of which this part must appear */
} BadCase;

#define PERIODS "(2007, 2007-06, 2007-Q2, 2007/08 or 2003-2005)"
#define NS "urn:gapwatch:export:1"

static const BadCase bad_cases[] = {
  { "/gw/export-reader/root/wrong-name", "bad-root-name.xml", 1,
    "bad-root-name.xml:4:1: the root element is <exports> in namespace " NS "; expected <export> in namespace " NS },
  { "/gw/export-reader/root/no-namespace", "bad-root-no-namespace.xml", 1,
    "bad-root-no-namespace.xml:4:1: the root element is <export> in no namespace; expected <export> in namespace " NS },
  { "/gw/export-reader/namespace/other", "bad-namespace.xml", 1,
    "bad-namespace.xml:4:1: the root element is <export> in namespace urn:gapwatch:export:2; "
    "expected <export> in namespace " NS },
  { "/gw/export-reader/doctype/plain", "bad-doctype.xml", 1,
    "bad-doctype.xml:4:1: the file has a <!DOCTYPE>: exports never need one, and Gapwatch loads no DTD or entity" },
  { "/gw/export-reader/doctype/internal-subset", "bad-doctype-subset.xml", 1,
    "bad-doctype-subset.xml:4:1: the file has a <!DOCTYPE>: exports never need one, and Gapwatch loads no DTD or entity" },
  { "/gw/export-reader/doctype/multiline", "bad-doctype-multiline.xml", 1,
    "bad-doctype-multiline.xml:4:1: the file has a <!DOCTYPE>: exports never need one, and Gapwatch loads no DTD or entity" },
  { "/gw/export-reader/well-formed/end-tag", "bad-not-well-formed.xml", 1,
    "bad-not-well-formed.xml:12:", TRUE, "Opening and ending tag mismatch: deaths line 9 and death" },
  { "/gw/export-reader/version/2.0", "bad-version-2.xml", 1,
    "bad-version-2.xml:4:1: this is a version 2.0 export; Gapwatch reads 1.x" },
  { "/gw/export-reader/version/text", "bad-version-text.xml", 1,
    "bad-version-text.xml:4:1: <export>: version=\"one\" is not a version number (expected 1.x)" },
  { "/gw/export-reader/id/missing", "bad-id-missing.xml", 1,
    "bad-id-missing.xml:4:1: <export>: the attribute id is missing" },
  { "/gw/export-reader/generated/missing", "bad-generated-missing.xml", 1,
    "bad-generated-missing.xml:4:1: <export>: the attribute generated is missing" },
  { "/gw/export-reader/generated/format", "bad-generated-format.xml", 1,
    "bad-generated-format.xml:4:1: <export>: generated=\"12/07/2007 08:30\" is not an ISO 8601 date and time "
    "(e.g. 2007-07-12T08:30:00Z)" },
  { "/gw/export-reader/element/unknown", "bad-element-unknown.xml", 1,
    "bad-element-unknown.xml:11:5: unknown element <record>" },
  { "/gw/export-reader/element/misplaced", "bad-element-misplaced.xml", 1,
    "bad-element-misplaced.xml:11:5: <area> is not allowed inside <deaths>" },
  { "/gw/export-reader/attribute/unknown", "bad-attribute-unknown.xml", 1,
    "bad-attribute-unknown.xml:10:5: <c>: unknown attribute flag" },
  { "/gw/export-reader/area/duplicate", "bad-area-duplicate.xml", 1,
    "bad-area-duplicate.xml:8:5: <area>: code=\"E06000003\" is declared twice in this export" },
  /* E06000003 is known from the import before (good-full.xml), so the
   * records of the area left without a code are no further errors */
  { "/gw/export-reader/area/code-missing", "bad-area-code-missing.xml", 1,
    "bad-area-code-missing.xml:7:5: <area>: the attribute code is missing" },
  { "/gw/export-reader/area/type", "bad-area-type.xml", 1,
    "bad-area-type.xml:7:5: <area>: type=\"district\" is not an area type "
    "(country, region, ua, la, pct, ccg, icb, msoa, lsoa or other)" },
  { "/gw/export-reader/area/start-tag-on-two-lines", "bad-multiline-element.xml", 1,
    "bad-multiline-element.xml:7:5: <area>: type=\"district\" is not an area type "
    "(country, region, ua, la, pct, ccg, icb, msoa, lsoa or other)" },
  { "/gw/export-reader/area/column-after-non-ascii", "bad-column-non-ascii.xml", 1,
    "bad-column-non-ascii.xml:7:84: <area>: type=\"town\" is not an area type "
    "(country, region, ua, la, pct, ccg, icb, msoa, lsoa or other)" },
  { "/gw/export-reader/imd-decile/11", "bad-imd-decile-11.xml", 1,
    "bad-imd-decile-11.xml:7:5: <area>: imd-decile=\"11\" is not a deprivation decile from 1 to 10" },
  { "/gw/export-reader/imd-decile/0", "bad-imd-decile-0.xml", 1,
    "bad-imd-decile-0.xml:7:5: <area>: imd-decile=\"0\" is not a deprivation decile from 1 to 10" },
  { "/gw/export-reader/groups/undeclared", "bad-groups-undeclared.xml", 1,
    "bad-groups-undeclared.xml:7:5: <area> E06000003: groups=\"seaside\" names a group that is not declared "
    "in this export or an earlier import" },
  { "/gw/export-reader/parent/undeclared", "bad-parent-undeclared.xml", 1,
    "bad-parent-undeclared.xml:7:5: <area> E06000003: parent=\"E12000009\" is not declared in this export "
    "or an earlier import" },
  { "/gw/export-reader/record-area/undeclared", "bad-record-area-undeclared.xml", 1,
    "bad-record-area-undeclared.xml:11:5: <c>: area=\"E06000099\" is not declared in this export or an earlier import" },
  { "/gw/export-reader/sex/bad", "bad-sex.xml", 1,
    "bad-sex.xml:10:5: <c>: sex=\"x\" is not a sex (m, f or p)" },
  { "/gw/export-reader/sex/missing-on-deaths", "bad-sex-missing.xml", 1,
    "bad-sex-missing.xml:10:5: <c>: the attribute sex is missing" },
  { "/gw/export-reader/age/85-90", "bad-age-band.xml", 1,
    "bad-age-band.xml:11:5: <c>: age=\"85-90\" is not an age band (0, 1-4, 5-9, …, 85-89, 85+ or 90+)" },
  { "/gw/export-reader/age/missing", "bad-age-missing.xml", 1,
    "bad-age-missing.xml:11:5: <c>: the attribute age is missing" },
  { "/gw/export-reader/n/negative", "bad-n-negative.xml", 1,
    "bad-n-negative.xml:11:5: <c>: n=\"-3\" is not a non-negative integer" },
  { "/gw/export-reader/n/decimal-deaths", "bad-n-decimal.xml", 1,
    "bad-n-decimal.xml:11:5: <c>: n=\"2.5\" is not a non-negative integer" },
  { "/gw/export-reader/n/negative-population", "bad-population-negative.xml", 1,
    "bad-population-negative.xml:11:5: <c>: n=\"-3.5\" is not a non-negative number" },
  { "/gw/export-reader/cause/bad", "bad-cause.xml", 1,
    "bad-cause.xml:11:5: <c>: cause=\"cardiac\" is not a built-in cause or one declared in this "
    "export or an earlier import" },
  { "/gw/export-reader/period/year", "bad-period-year.xml", 1,
    "bad-period-year.xml:9:3: <deaths>: period=\"20O7\" is not a period " PERIODS },
  { "/gw/export-reader/period/month", "bad-period-month.xml", 1,
    "bad-period-month.xml:9:3: <deaths>: period=\"2007-13\" is not a period " PERIODS },
  { "/gw/export-reader/period/quarter", "bad-period-quarter.xml", 1,
    "bad-period-quarter.xml:9:3: <deaths>: period=\"2007-Q5\" is not a period " PERIODS },
  { "/gw/export-reader/period/financial", "bad-period-financial.xml", 1,
    "bad-period-financial.xml:9:3: <deaths>: period=\"2007/09\" is not a period " PERIODS },
  { "/gw/export-reader/period/pooled", "bad-period-pooled.xml", 1,
    "bad-period-pooled.xml:9:3: <deaths>: period=\"2005-2003\" is not a period " PERIODS },
  { "/gw/export-reader/period/value", "bad-period-value.xml", 1,
    "bad-period-value.xml:14:5: <v>: period=\"2003 to 2005\" is not a period " PERIODS },
  { "/gw/export-reader/v/area-and-group", "bad-v-area-and-group.xml", 1,
    "bad-v-area-and-group.xml:15:5: <v>: give area or group, not both" },
  { "/gw/export-reader/v/group-undeclared", "bad-v-group-undeclared.xml", 1,
    "bad-v-group-undeclared.xml:15:5: <v>: group=\"seaside\" is not declared in this export or an earlier import" },
  { "/gw/export-reader/value/empty-without-note", "bad-value-empty.xml", 1,
    "bad-value-empty.xml:14:5: <v>: value=\"\" needs a note (suppressed, unreliable or not-available)" },
  { "/gw/export-reader/value/not-a-number", "bad-value-number.xml", 1,
    "bad-value-number.xml:14:5: <v>: value=\"73,9\" is not a decimal number" },
  { "/gw/export-reader/value/lower-above-value", "bad-lower-above-value.xml", 1,
    "bad-lower-above-value.xml:14:5: <v>: lower=\"74.5\" is above value=\"73.9\"" },
  { "/gw/export-reader/value/above-upper", "bad-value-above-upper.xml", 1,
    "bad-value-above-upper.xml:14:5: <v>: value=\"73.9\" is above upper=\"73.5\"" },
  { "/gw/export-reader/note/bad", "bad-note.xml", 1,
    "bad-note.xml:14:5: <v>: note=\"hidden\" is not a note (suppressed, unreliable or not-available)" },
  { "/gw/export-reader/duplicate-key/count", "bad-duplicate-count.xml", 1,
    "bad-duplicate-count.xml:11:5: duplicate record: area E06000003, sex m, age 0, basis registration, "
    "period 2007-06 (first at line 10)" },
  { "/gw/export-reader/duplicate-key/two-sets", "bad-duplicate-sets.xml", 1,
    "bad-duplicate-sets.xml:14:5: duplicate record: area E06000003, sex m, age 1-4, basis registration, "
    "period 2007-06 (first at line 11)" },
  { "/gw/export-reader/duplicate-key/value", "bad-duplicate-value.xml", 1,
    "bad-duplicate-value.xml:15:5: duplicate record: indicator le-birth, area E06000003, sex m, "
    "period 2003-2005 (first at line 14)" },
  { "/gw/export-reader/text/own-line", "bad-text.xml", 1,
    "bad-text.xml:11:5: unexpected text “hello”: exports hold their data in attributes" },
  { "/gw/export-reader/text/after-record", "bad-text-inline.xml", 1,
    "bad-text-inline.xml:11:50: unexpected text “hello”: exports hold their data in attributes" },
  { "/gw/export-reader/entity/attribute", "bad-entity-attribute.xml", 1,
    "bad-entity-attribute.xml:7:", TRUE, "entity reference nbsp: exports use no entities" },
  { "/gw/export-reader/entity/content", "bad-entity-content.xml", 1,
    "bad-entity-content.xml:11:", TRUE, "entity reference nbsp: exports use no entities" },
};

static void
assert_first_problem (const Failure *f,
                      const BadCase *bc)
{
  g_autofree char *first = first_problem (f);

  if (!bc->libxml)
    {
      expect_str ("first problem", first, bc->first);
      return;
    }
  /* libxml2's own wording may change with its version; where it is, not */
  if (!g_str_has_prefix (first, bc->first) || strstr (first, bc->libxml_text) == NULL
      || strstr (first, ": not well-formed XML: ") == NULL)
    g_error ("“%s” does not start with “%s” or lacks “%s”", first, bc->first, bc->libxml_text);
  {
    /* the column is there, and is a number */
    const char *col = first + strlen (bc->first);
    char *end = NULL;
    guint64 c = g_ascii_strtoull (col, &end, 10);

    g_assert_cmpuint (c, >, 0);
    g_assert_true (end != col && end[0] == ':');
  }
}

static void
test_bad_file (gconstpointer data)
{
  const BadCase *bc = data;
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  g_autofree char *base = fixture_path ("good-full.xml");
  g_autofree char *path = fixture_path (bc->file);
  g_auto(Failure) f = { 0 };
  Snapshot before, after;

  /* a dataset with something in it first, so "unchanged" means something */
  import_ok (ds, base);
  snapshot (ds, &before);
  g_assert_cmpuint (before.imports, ==, 1);
  g_assert_cmpuint (before.areas, ==, 5);

  gt_signal_logger_connect (logger, ds, "changed");
  gt_signal_logger_connect (logger, gw_dataset_get_imports (ds), "items-changed");

  read_bad (ds, path, &f);
  for (guint i = 0; i < f.problems->len; i++)
    {
      g_autofree char *text = gw_problem_format (g_ptr_array_index (f.problems, i));
      g_test_message ("problem %u: %s", i, text);
    }
  g_assert_cmpuint (f.problems->len, ==, bc->n_problems);
  assert_first_problem (&f, bc);
  assert_error_message (&f);
  /* the problem keeps the path as given */
  g_assert_cmpstr (((GwProblem *) g_ptr_array_index (f.problems, 0))->file, ==, path);

  snapshot (ds, &after);
  assert_snapshot_equal (&before, &after);
  g_assert_cmpint (gw_dataset_lookup_area (ds, "E06000004"), ==, -1);
  g_assert_cmpint (gw_dataset_lookup_group (ds, "coastal"), ==, -1);
  gt_signal_logger_assert_no_emissions (logger);
}

/* The template all bad-*.xml change in one place is itself valid: so each
 * bad file breaks exactly the rule it is named after. */
static void
test_template_valid (void)
{
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autofree char *path = fixture_path ("good-template.xml");
  GwImport *import = import_ok (ds, path);

  g_assert_cmpuint (gw_import_get_records_of_kind (import, GW_RECORD_DEATHS), ==, 2);
  g_assert_cmpuint (gw_import_get_records_of_kind (import, GW_RECORD_VALUES), ==, 2);
  g_assert_cmpuint (gw_import_get_n_warnings (import), ==, 0);
}

/* A file with more errors than are kept. */
static char *
many_errors_export (guint n)
{
  GString *s = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                             "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\" id=\"many\" "
                             "generated=\"2007-07-12T08:30:00Z\">\n"
                             "  <areas>\n"
                             "    <area code=\"E06000003\" name=\"Redcar and Cleveland\" type=\"ua\"/>\n"
                             "  </areas>\n"
                             "  <deaths period=\"2007-06\" basis=\"registration\">\n");

  /* record i is on line 7 + i */
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "    <c area=\"E06000003\" sex=\"m\" age=\"0\" n=\"-%u\"/>\n", i + 1);
  g_string_append (s, "  </deaths>\n</export>\n");
  return g_string_free (s, FALSE);
}

static void
test_max_errors (gconstpointer data)
{
  guint n = GPOINTER_TO_UINT (data);
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autofree char *text = many_errors_export (n);
  g_autofree char *name = g_strdup_printf ("many-%u.xml", n);
  const char *path = gw_test_tmp_write (tmp, name, text, -1);
  g_autofree char *first = NULL;
  g_autofree char *expected = NULL;
  g_auto(Failure) f = { 0 };
  Snapshot before, after;

  snapshot (ds, &before);
  read_bad (ds, path, &f);
  g_assert_cmpuint (f.problems->len, ==, MIN (n, GW_EXPORT_MAX_ERRORS));
  first = first_problem (&f);
  expected = g_strdup_printf ("%s:7:5: <c>: n=\"-1\" is not a non-negative integer", name);
  g_assert_cmpstr (first, ==, expected);
  /* every problem kept is its own record, in file order */
  for (guint i = 0; i < f.problems->len; i++)
    {
      const GwProblem *p = g_ptr_array_index (f.problems, i);
      g_autofree char *msg = g_strdup_printf ("<c>: n=\"-%u\" is not a non-negative integer", i + 1);

      g_assert_cmpuint (p->line, ==, 7 + i);
      g_assert_cmpuint (p->column, ==, 5);
      g_assert_cmpstr (p->message, ==, msg);
    }
  if (n <= GW_EXPORT_MAX_ERRORS)
    assert_error_message (&f);
  else
    {
      /* more than were kept: the message still starts with the first and
       * says there are more */
      g_assert_true (g_str_has_prefix (f.error->message, first));
      g_assert_true (g_str_has_suffix (f.error->message, "stops reading a file at 100)"));
    }
  snapshot (ds, &after);
  assert_snapshot_equal (&before, &after);
}

typedef struct
{
  const char *name;
  const char *charset;
  const char *bom;
  gsize       bom_len;
} Encoding;

static const Encoding encodings[] = {
  { "utf16le", "UTF-16LE", "\xff\xfe", 2 },
  { "utf16be", "UTF-16BE", "\xfe\xff", 2 },
  { "utf8bom", "UTF-8", "\xef\xbb\xbf", 3 },
};

static const char *write_encoded (GwTestTmp      *tmp,
                                  const char     *name,
                                  const char     *text,
                                  const Encoding *enc);

/* Positions far into a file, across the reader's 256 KiB chunks, plain,
 * gzip and UTF-16: every 997th record is bad, indented by 1 to 7 spaces. */
#define POS_RECORDS 40000

static char *
positions_export (void)
{
  static const char *const bands[10] = {
    "0", "1-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44",
  };
  GString *s = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                             "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\" id=\"positions\" "
                             "generated=\"2007-07-12T08:30:00Z\">\n"
                             "  <areas>\n");

  /* lines 4 .. 4 + POS_RECORDS / 20 - 1: one area per 20 records */
  for (guint a = 0; a < POS_RECORDS / 20; a++)
    g_string_append_printf (s, "    <area code=\"X%05u\" name=\"Área %u\" type=\"lsoa\"/>\n", a, a);
  g_string_append (s, "  </areas>\n  <deaths period=\"2007-06\" basis=\"registration\">\n");
  /* 20 records per area, each key once */
  for (guint i = 0; i < POS_RECORDS; i++)
    {
      guint indent = 1 + i % 7;

      g_string_append_printf (s, "%*s<c area=\"X%05u\" sex=\"%c\" age=\"%s\" n=\"%s\"/>\n", (int) indent, "",
                              i / 20, i % 2 ? 'f' : 'm', bands[(i / 2) % 10],
                              i % 997 == 500 ? "-3" : "7");
    }
  g_string_append (s, "  </deaths>\n</export>\n");
  return g_string_free (s, FALSE);
}

/* data: 0 plain, 1 gzip, 2 UTF-16LE */
static void
test_positions (gconstpointer data)
{
  guint variant = GPOINTER_TO_UINT (data);
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autofree char *text = positions_export ();
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  const guint first_record_line = 4 + POS_RECORDS / 20 + 2;
  const char *path;
  guint k = 0;
  g_auto(Failure) f = { 0 };

  g_assert_cmpuint (strlen (text), >, 4 * 256 * 1024);
  if (variant == 0)
    path = gw_test_tmp_write (tmp, "positions.xml", text, -1);
  else if (variant == 1)
    path = gw_test_tmp_write_gzip (tmp, "positions.xml.gz", text, strlen (text));
  else
    path = write_encoded (tmp, "positions-utf16le.xml", text, &encodings[0]);

  read_bad (ds, path, &f);
  g_assert_cmpuint (f.problems->len, ==, (POS_RECORDS - 500 + 996) / 997);
  for (guint i = 0; i < POS_RECORDS; i++)
    if (i % 997 == 500)
      {
        const GwProblem *p = g_ptr_array_index (f.problems, k++);

        g_assert_cmpuint (p->line, ==, first_record_line + i);
        g_assert_cmpuint (p->column, ==, 1 + 1 + i % 7);
        g_assert_cmpstr (p->message, ==, "<c>: n=\"-3\" is not a non-negative integer");
      }
  g_assert_cmpuint (k, ==, f.problems->len);
}

/* The same key twice in a gzip file: the second pass that finds the lines
 * reads the file again, through zlib. */
static void
test_gzip_duplicate (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autofree char *bad_path = fixture_path ("bad-duplicate-sets.xml");
  gsize len = 0;
  g_autofree char *text = read_all (bad_path, &len);
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autofree char *first = NULL;
  g_auto(Failure) f = { 0 };

  read_bad (ds, gw_test_tmp_write_gzip (tmp, "dup.xml.gz", text, len), &f);
  g_assert_cmpuint (f.problems->len, ==, 1);
  first = first_problem (&f);
  g_assert_cmpstr (first, ==, "dup.xml.gz:14:5: duplicate record: area E06000003, sex m, age 1-4, basis registration, "
                              "period 2007-06 (first at line 11)");
}

/* The 100th error stops the reader in the middle of an element whose other
 * attributes are still to be looked at: they must not be read from a buffer
 * libxml2 has already freed (xmlStopParser frees the input; the
 * AddressSanitizer build sees it). */
static void
test_stop_inside_element (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autofree char *many = many_errors_export (GW_EXPORT_MAX_ERRORS - 1);
  g_autoptr(GString) s = g_string_new (many);
  g_auto(Failure) f = { 0 };
  const GwProblem *last;

  /* problems 1 to 99 are records 1 to 99; the 100th is flag="x", then the
   * record goes on with four attributes that are read after it */
  g_assert_cmpuint (g_string_replace (s, "  </deaths>",
                                      "    <c flag=\"x\" area=\"E06000003\" sex=\"m\" age=\"5-9\" n=\"1\"/>\n"
                                      "  </deaths>", 1), ==, 1);
  read_bad (ds, gw_test_tmp_write (tmp, "stop.xml", s->str, (gssize) s->len), &f);
  g_assert_cmpuint (f.problems->len, ==, GW_EXPORT_MAX_ERRORS);
  last = g_ptr_array_index (f.problems, GW_EXPORT_MAX_ERRORS - 1);
  g_assert_cmpstr (last->message, ==, "<c>: unknown attribute flag");
  g_assert_cmpuint (last->line, ==, 7 + GW_EXPORT_MAX_ERRORS - 1);
}

/* Messages quote at most 20 bytes of stray text: never half a character. */
static void
test_text_cut_utf8 (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autofree char *template = fixture_path ("good-template.xml");
  g_autofree char *text = read_all (template, NULL);
  g_autoptr(GString) s = g_string_new (text);
  g_auto(Failure) f = { 0 };
  const GwProblem *p;

  /* two-byte characters around one ASCII letter: byte 20 is the middle of one */
  g_assert_cmpuint (g_string_replace (s, "  </deaths>", "    éxéééééééééééééééé\n  </deaths>", 1), ==, 1);
  read_bad (ds, gw_test_tmp_write (tmp, "cut.xml", s->str, (gssize) s->len), &f);
  p = g_ptr_array_index (f.problems, 0);
  if (!g_utf8_validate (p->message, -1, NULL))
    g_test_fail_printf ("the message is not valid UTF-8: %s", p->message);
  if (!g_utf8_validate (f.error->message, -1, NULL))
    g_test_fail_printf ("the error is not valid UTF-8");
  g_assert_true (g_str_has_prefix (p->message, "unexpected text “éxéééééééé"));
  /* one stray text, one problem */
  g_assert_cmpuint (f.problems->len, ==, 1);
}

/* A value quoted in a message is cut, at a character: a long non-ASCII name
 * still shows its first characters. */
static void
test_value_cut_utf8 (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autofree char *template = fixture_path ("good-template.xml");
  g_autofree char *text = read_all (template, NULL);
  g_autoptr(GString) s = g_string_new (text);
  g_autoptr(GString) name = g_string_new ("x");
  g_autofree char *line = NULL;
  g_autofree char *first = NULL;
  g_auto(Failure) f = { 0 };

  /* 1 + 2 × 600 bytes, over the 1024 allowed; byte 40 is inside a character */
  for (guint i = 0; i < 600; i++)
    g_string_append (name, "é");
  line = g_strdup_printf ("<area code=\"E06000003\" name=\"%s\" type=\"ua\"", name->str);
  g_assert_cmpuint (g_string_replace (s, "<area code=\"E06000003\" name=\"Redcar and Cleveland\" type=\"ua\"", line, 1), ==, 1);
  read_bad (ds, gw_test_tmp_write (tmp, "long-name.xml", s->str, (gssize) s->len), &f);
  g_assert_cmpuint (f.problems->len, ==, 1);
  first = first_problem (&f);
  g_assert_true (g_utf8_validate (first, -1, NULL));
  if (!g_str_has_prefix (first, "long-name.xml:7:5: <area>: name=\"xéééééééééé"))
    g_test_fail_printf ("the value is not shown: %s", first);
  g_assert_true (g_str_has_suffix (first, "…\" is not a name of at most 1024 characters"));
}

/* The problem kinds: an unknown code is GW_PROBLEM_UNKNOWN_REFERENCE (the
 * file may import once the file that declares it has), anything else is
 * not; also for the last problem kept when there are more. */
static void
test_problem_kinds (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autoptr(GString) s = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                       "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\" id=\"kinds\" "
                                       "generated=\"2007-07-12T08:30:00Z\">\n"
                                       "  <areas>\n"
                                       "    <area code=\"E06000003\" name=\"Redcar and Cleveland\" type=\"ua\"/>\n"
                                       "  </areas>\n"
                                       "  <deaths period=\"2007-06\" basis=\"registration\">\n"
                                       "    <c area=\"E06000099\" sex=\"m\" age=\"0\" n=\"1\"/>\n");
  g_auto(Failure) f = { 0 };
  const GwProblem *last;

  /* problem 1 an unknown area, 2 to 99 bad counts */
  for (guint i = 2; i < GW_EXPORT_MAX_ERRORS; i++)
    g_string_append_printf (s, "    <c area=\"E06000003\" sex=\"m\" age=\"0\" n=\"-%u\"/>\n", i);
  /* problem 100, the last kept: an unknown attribute; then an unknown group
   * in the same element, which is not kept */
  g_string_append (s, "  </deaths>\n"
                      "  <indicator id=\"le-birth\">\n"
                      "    <v flag=\"x\" group=\"nosuch\" sex=\"m\" period=\"2003-2005\" value=\"1\"/>\n"
                      "  </indicator>\n"
                      "</export>\n");
  read_bad (ds, gw_test_tmp_write (tmp, "kinds.xml", s->str, (gssize) s->len), &f);
  g_assert_cmpuint (f.problems->len, ==, GW_EXPORT_MAX_ERRORS);
  g_assert_cmpint (((GwProblem *) g_ptr_array_index (f.problems, 0))->kind, ==, GW_PROBLEM_UNKNOWN_REFERENCE);
  g_assert_cmpint (((GwProblem *) g_ptr_array_index (f.problems, 1))->kind, ==, GW_PROBLEM_OTHER);
  last = g_ptr_array_index (f.problems, GW_EXPORT_MAX_ERRORS - 1);
  g_assert_cmpstr (last->message, ==, "<v>: unknown attribute flag");
  if (last->kind != GW_PROBLEM_OTHER)
    g_test_fail_printf ("the last problem kept, “%s”, is marked as an unknown reference", last->message);
}

/* Valid files */

/* export-format.md: the root's children "may come in any order"; a record's
 * area must be "declared in this export", wherever in it. */
static void
test_areas_last (void)
{
  static const char text[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\" id=\"areas-last\" generated=\"2007-07-12T08:30:00Z\">\n"
    "  <deaths period=\"2007-06\" basis=\"registration\">\n"
    "    <c area=\"E06000002\" sex=\"m\" age=\"0\" n=\"1\"/>\n"
    "  </deaths>\n"
    "  <indicator id=\"le-birth\">\n"
    "    <v group=\"spearhead\" sex=\"f\" period=\"2003-2005\" value=\"79.4\"/>\n"
    "  </indicator>\n"
    "  <areas>\n"
    "    <area code=\"E06000002\" name=\"Middlesbrough\" type=\"ua\" groups=\"spearhead\"/>\n"
    "    <group id=\"spearhead\" name=\"Spearhead Group\"/>\n"
    "  </areas>\n"
    "</export>\n";
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_problem_free);
  GwBatch *batch = gw_export_read_file (ds, gw_test_tmp_write (tmp, "areas-last.xml", text, -1), NULL, NULL, NULL,
                                        errors, &error);

  if (batch == NULL)
    {
      g_test_fail_printf ("refused: %s", error->message);
      return;
    }
  commit_ok (ds, batch);
  g_assert_cmpfloat (male_deaths_0 (ds, "2007-06"), ==, 1);
  g_assert_cmpuint (gw_dataset_count (ds, GW_RECORD_VALUES), ==, 1);
}


static void
test_every_element (void)
{
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autofree char *path = fixture_path ("good-full.xml");
  g_autoptr(GwBatch) batch = read_ok (ds, path);
  g_autofree char *generated = NULL;
  const GwArea *area;
  const GwValueRow *v;
  const GwIndicatorDef *ind;
  const char *const *warnings;
  GwImport *import;
  guint mbro, spearhead;

  g_assert_cmpstr (gw_batch_get_id (batch), ==, "full-2007-06");
  g_assert_cmpuint (gw_batch_n_records (batch), ==, 3 + 3 + 3 + 5);
  /* the two values with a note */
  g_assert_cmpuint (gw_batch_n_warnings (batch), ==, 2);
  import = commit_ok (ds, g_steal_pointer (&batch));

  g_assert_cmpuint (gw_import_get_records_of_kind (import, GW_RECORD_DEATHS), ==, 3);
  g_assert_cmpuint (gw_import_get_records_of_kind (import, GW_RECORD_POPULATION), ==, 3);
  g_assert_cmpuint (gw_import_get_records_of_kind (import, GW_RECORD_BIRTHS), ==, 3);
  g_assert_cmpuint (gw_import_get_records_of_kind (import, GW_RECORD_VALUES), ==, 5);
  g_assert_cmpuint (gw_import_get_records (import), ==, 14);
  g_assert_cmpuint (gw_import_get_revisions (import), ==, 0);
  for (guint k = 0; k < GW_N_RECORD_KINDS; k++)
    g_assert_cmpuint (gw_dataset_count (ds, k), ==, k == GW_RECORD_VALUES ? 5 : 3);

  g_assert_cmpstr (gw_import_get_id (import), ==, "full-2007-06");
  g_assert_cmpstr (gw_import_get_version (import), ==, "1.0");
  g_assert_cmpstr (gw_import_get_publisher (import), ==, "North East Public Health Observatory – test");
  g_assert_cmpstr (gw_import_get_title (import), ==, "Every element and attribute");
  generated = gw_import_format_generated (import);
  g_assert_cmpstr (generated, ==, "2007-07-12T08:30:00Z");
  g_assert_cmpstr (gw_import_get_file (import), ==, path);
  g_assert_cmpuint (gw_import_get_n_warnings (import), ==, 2);
  warnings = gw_import_get_warnings (import);
  g_assert_nonnull (warnings);
  g_assert_cmpstr (warnings[0], ==, "good-full.xml:38:5: indicator le-birth, area E06000002, sex f, period 2004-2006: "
                                    "value suppressed");
  g_assert_cmpstr (warnings[1], ==, "good-full.xml:44:5: indicator imr, area E06000002, sex p, period 2007-Q2: "
                                    "value unreliable");

  /* areas and groups */
  g_assert_cmpuint (gw_dataset_n_areas (ds), ==, 5);
  g_assert_cmpuint (gw_dataset_n_groups (ds), ==, 1);
  g_assert_cmpstr (gw_dataset_get_group (ds, 0)->id, ==, "spearhead");
  g_assert_cmpstr (gw_dataset_get_group (ds, 0)->name, ==, "Spearhead Group");
  spearhead = (guint) gw_dataset_lookup_group (ds, "spearhead");
  mbro = area_number (ds, "E06000002");
  area = gw_dataset_get_area (ds, mbro);
  g_assert_cmpstr (area->name, ==, "Middlesbrough");
  g_assert_cmpint (area->type, ==, GW_AREA_UA);
  g_assert_cmpint (area->parent, ==, (gint) area_number (ds, "E12000001"));
  g_assert_cmpuint (area->imd_decile, ==, 1);
  g_assert_nonnull (area->groups);
  g_assert_cmpuint (area->groups->len, ==, 1);
  g_assert_cmpuint (g_array_index (area->groups, guint, 0), ==, spearhead);
  area = gw_dataset_get_area (ds, area_number (ds, "E06000003"));
  g_assert_cmpuint (area->imd_decile, ==, 10);
  g_assert_cmpuint (area->groups != NULL ? area->groups->len : 0, ==, 0);
  area = gw_dataset_get_area (ds, area_number (ds, "E92000001"));
  g_assert_cmpint (area->type, ==, GW_AREA_COUNTRY);
  g_assert_cmpint (area->parent, ==, -1);
  g_assert_cmpuint (area->imd_decile, ==, 0);
  g_assert_cmpint (gw_dataset_get_area (ds, area_number (ds, "E12000001"))->type, ==, GW_AREA_REGION);
  g_assert_cmpint (gw_dataset_get_area (ds, area_number (ds, "5KM"))->type, ==, GW_AREA_PCT);
  g_assert_cmpint (gw_dataset_get_country (ds), ==, (gint) area_number (ds, "E92000001"));

  /* counts */
  g_assert_cmpfloat (count_of (ds, GW_RECORD_DEATHS,
                               deaths_key (ds, "E06000002", GW_SEX_MALE, GW_AGE_0, GW_CAUSE_ALL, "2007-06")), ==, 1);
  g_assert_cmpfloat (count_of (ds, GW_RECORD_DEATHS,
                               deaths_key (ds, "E06000002", GW_SEX_MALE, 16, GW_CAUSE_CIRCULATORY, "2007-06")), ==, 9);
  g_assert_cmpfloat (count_of (ds, GW_RECORD_DEATHS,
                               deaths_key (ds, "E06000002", GW_SEX_FEMALE, GW_AGE_85_PLUS, GW_CAUSE_ALL, "2007-06")), ==, 12);
  /* population may be decimal */
  g_assert_cmpfloat (count_of (ds, GW_RECORD_POPULATION,
                               gw_key_population (mbro, GW_SEX_MALE, period ("2007"), GW_AGE_0)), ==, 914.5);
  g_assert_cmpfloat (count_of (ds, GW_RECORD_POPULATION,
                               gw_key_population (mbro, GW_SEX_FEMALE, period ("2007"), GW_AGE_85_PLUS)), ==, 1650.25);
  /* births without sex are persons */
  g_assert_cmpfloat (count_of (ds, GW_RECORD_BIRTHS, gw_key_births (mbro, GW_SEX_PERSONS, period ("2006"))), ==, 1834);
  g_assert_cmpfloat (count_of (ds, GW_RECORD_BIRTHS, gw_key_births (mbro, GW_SEX_MALE, period ("2006"))), ==, 940);
  g_assert_cmpfloat (count_of (ds, GW_RECORD_BIRTHS, gw_key_births (mbro, GW_SEX_FEMALE, period ("2006"))), ==, 894);

  /* indicators and values */
  g_assert_cmpuint (gw_dataset_n_indicators (ds), ==, 2);
  ind = gw_dataset_get_indicator (ds, (guint) gw_dataset_lookup_indicator (ds, "imr"));
  g_assert_cmpstr (ind->name, ==, "Infant mortality rate");
  g_assert_cmpstr (ind->unit, ==, "per 1,000 live births");
  g_assert_cmpint (ind->polarity, ==, GW_POLARITY_LOWER_IS_BETTER);
  ind = gw_dataset_get_indicator (ds, (guint) gw_dataset_lookup_indicator (ds, "le-birth"));
  g_assert_cmpint (ind->polarity, ==, GW_POLARITY_HIGHER_IS_BETTER);

  v = gw_table_lookup (gw_dataset_get_table (ds, GW_RECORD_VALUES),
                       value_key (ds, "le-birth", "E06000002", FALSE, GW_SEX_MALE, "2003-2005"));
  g_assert_nonnull (v);
  g_assert_cmpfloat (v->value, ==, 73.9);
  g_assert_cmpfloat (v->lower, ==, 73.2);
  g_assert_cmpfloat (v->upper, ==, 74.6);
  g_assert_true (isnan (v->count));
  g_assert_true (isnan (v->denominator));
  g_assert_cmpuint (v->note, ==, GW_NOTE_NONE);
  v = gw_table_lookup (gw_dataset_get_table (ds, GW_RECORD_VALUES),
                       value_key (ds, "le-birth", "spearhead", TRUE, GW_SEX_FEMALE, "2003-2005"));
  g_assert_nonnull (v);
  g_assert_cmpfloat (v->value, ==, 79.4);
  g_assert_true (isnan (v->lower) && isnan (v->upper));
  v = gw_table_lookup (gw_dataset_get_table (ds, GW_RECORD_VALUES),
                       value_key (ds, "le-birth", "E06000002", FALSE, GW_SEX_FEMALE, "2004-2006"));
  g_assert_nonnull (v);
  g_assert_true (isnan (v->value));
  g_assert_cmpuint (v->note, ==, GW_NOTE_SUPPRESSED);
  v = gw_table_lookup (gw_dataset_get_table (ds, GW_RECORD_VALUES),
                       value_key (ds, "imr", "E06000002", FALSE, GW_SEX_PERSONS, "2007/08"));
  g_assert_nonnull (v);
  g_assert_cmpfloat (v->value, ==, 6.2);
  g_assert_cmpfloat (v->count, ==, 11);
  g_assert_cmpfloat (v->denominator, ==, 1780);
  v = gw_table_lookup (gw_dataset_get_table (ds, GW_RECORD_VALUES),
                       value_key (ds, "imr", "E06000002", FALSE, GW_SEX_PERSONS, "2007-Q2"));
  g_assert_nonnull (v);
  g_assert_cmpfloat (v->value, ==, 5.0);
  g_assert_cmpuint (v->note, ==, GW_NOTE_UNRELIABLE);
}

static void
test_foreign_namespace (void)
{
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autofree char *path = fixture_path ("good-foreign.xml");
  g_autoptr(GwBatch) batch = read_ok (ds, path);
  const char *const *warnings;
  GwImport *import;
  guint hpool;

  /* x:comment, x:source, x:note; not x:b inside x:comment, not the
   * attributes of namespace x */
  g_assert_cmpuint (gw_batch_n_warnings (batch), ==, 3);
  import = commit_ok (ds, g_steal_pointer (&batch));
  g_assert_cmpuint (gw_import_get_n_warnings (import), ==, 3);
  warnings = gw_import_get_warnings (import);
  g_assert_nonnull (warnings);
  g_assert_cmpuint (g_strv_length ((char **) warnings), ==, 3);
  g_assert_cmpstr (warnings[0], ==, "good-foreign.xml:7:3: element <comment> in namespace “urn:example:annotations” skipped");
  g_assert_cmpstr (warnings[1], ==, "good-foreign.xml:9:5: element <source> in namespace “urn:example:annotations” skipped");
  g_assert_cmpstr (warnings[2], ==, "good-foreign.xml:14:5: element <note> in namespace “urn:example:annotations” skipped");

  /* the <c> inside <x:note> was skipped with it (its n="-3" is no error) */
  g_assert_cmpuint (gw_dataset_count (ds, GW_RECORD_DEATHS), ==, 2);
  hpool = area_number (ds, "E06000004");
  g_assert_true (isnan (count_of (ds, GW_RECORD_DEATHS,
                                  deaths_key (ds, "E06000004", GW_SEX_MALE, GW_AGE_1_4, GW_CAUSE_ALL, "2007-06"))));
  g_assert_cmpfloat (count_of (ds, GW_RECORD_DEATHS,
                               deaths_key (ds, "E06000004", GW_SEX_MALE, GW_AGE_0, GW_CAUSE_ALL, "2007-06")), ==, 1);
  g_assert_cmpfloat (count_of (ds, GW_RECORD_DEATHS,
                               deaths_key (ds, "E06000004", GW_SEX_FEMALE, GW_AGE_0, GW_CAUSE_ALL, "2007-06")), ==, 2);
  g_assert_cmpstr (gw_dataset_get_area (ds, hpool)->name, ==, "Hartlepool");
}

/* One suppressed value: one warning, and the row is kept without a value. */
static void
test_suppressed (void)
{
  static const char text[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\" id=\"suppressed\" generated=\"2007-07-12T08:30:00Z\">\n"
    "  <areas>\n"
    "    <area code=\"E06000002\" name=\"Middlesbrough\" type=\"ua\"/>\n"
    "  </areas>\n"
    "  <indicator id=\"le-birth\">\n"
    "    <v area=\"E06000002\" sex=\"m\" period=\"2003-2005\" value=\"73.9\"/>\n"
    "    <v area=\"E06000002\" sex=\"f\" period=\"2003-2005\" value=\"\" note=\"suppressed\"/>\n"
    "    <v area=\"E06000002\" sex=\"p\" period=\"2003-2005\" value=\"\" note=\"not-available\"/>\n"
    "  </indicator>\n"
    "</export>\n";
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  const char *path = gw_test_tmp_write (tmp, "suppressed.xml", text, -1);
  g_autoptr(GwBatch) batch = read_ok (ds, path);
  const char *const *warnings;
  GwImport *import;
  const GwValueRow *v;

  g_assert_cmpuint (gw_batch_n_warnings (batch), ==, 2);
  import = commit_ok (ds, g_steal_pointer (&batch));
  warnings = gw_import_get_warnings (import);
  /* the same form as the errors: basename:LINE:COL */
  g_assert_cmpstr (warnings[0], ==, "suppressed.xml:8:5: indicator le-birth, area E06000002, sex f, period 2003-2005: "
                                    "value suppressed");
  g_assert_cmpstr (warnings[1], ==, "suppressed.xml:9:5: indicator le-birth, area E06000002, sex p, period 2003-2005: "
                                    "value not-available");
  g_assert_cmpuint (gw_dataset_count (ds, GW_RECORD_VALUES), ==, 3);
  v = gw_table_lookup (gw_dataset_get_table (ds, GW_RECORD_VALUES),
                       value_key (ds, "le-birth", "E06000002", FALSE, GW_SEX_FEMALE, "2003-2005"));
  g_assert_nonnull (v);
  g_assert_true (isnan (v->value));
  g_assert_cmpuint (v->note, ==, GW_NOTE_SUPPRESSED);
}

/* Attribute values come out as the text they stand for: "&amp;" is "&"
 * (libxml2 hands a SAX2 reader "&#38;" for it when entities are not
 * substituted), and so are the other predefined entities and character
 * references. */
static void
test_escapes (void)
{
  static const char text[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\" id=\"escapes\" generated=\"2007-07-12T08:30:00Z\"\n"
    "        publisher=\"Smith &amp; Jones\" title=\"Deaths &#38; births &#x2013; &lt;2007&gt;\">\n"
    "  <areas>\n"
    "    <group id=\"g1\" name=\"Coast &amp; country\"/>\n"
    "    <area code=\"E06000043\" name=\"Brighton &amp; Hove\" type=\"ua\" groups=\"g1\"/>\n"
    "    <area code=\"E06000020\" name=\"Telford &#38; Wrekin\" type=\"ua\"/>\n"
    "    <area code=\"E06000021\" name=\"&quot;Stoke&quot; &apos;on&apos; Trent\" type=\"ua\"/>\n"
    "  </areas>\n"
    "  <indicator id=\"le-birth\" name=\"Life expectancy &amp; more\" unit=\"years &amp; months\">\n"
    "    <v area=\"E06000043\" sex=\"m\" period=\"2003-2005\" value=\"77.1\"/>\n"
    "  </indicator>\n"
    "</export>\n";
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  GwImport *import = import_ok (ds, gw_test_tmp_write (tmp, "escapes.xml", text, -1));
  const GwIndicatorDef *ind;

  expect_str ("publisher", gw_import_get_publisher (import), "Smith & Jones");
  expect_str ("title", gw_import_get_title (import), "Deaths & births – <2007>");
  expect_str ("group name", gw_dataset_get_group (ds, (guint) gw_dataset_lookup_group (ds, "g1"))->name, "Coast & country");
  expect_str ("area name", gw_dataset_get_area (ds, area_number (ds, "E06000043"))->name, "Brighton & Hove");
  expect_str ("area name", gw_dataset_get_area (ds, area_number (ds, "E06000020"))->name, "Telford & Wrekin");
  expect_str ("area name", gw_dataset_get_area (ds, area_number (ds, "E06000021"))->name, "\"Stoke\" 'on' Trent");
  ind = gw_dataset_get_indicator (ds, (guint) gw_dataset_lookup_indicator (ds, "le-birth"));
  expect_str ("indicator name", ind->name, "Life expectancy & more");
  expect_str ("indicator unit", ind->unit, "years & months");
}

/* The same through every encoding: good-full.xml's "Redcar &amp; Cleveland". */
static void
test_escapes_encodings (void)
{
  g_autofree char *path = fixture_path ("good-full.xml");
  g_autoptr(GwDataset) ds = gw_dataset_new ();

  import_ok (ds, path);
  expect_str ("area name", gw_dataset_get_area (ds, area_number (ds, "E06000003"))->name, "Redcar & Cleveland – Teesside");
}

/* 1.x is read whatever x is. */
static void
test_version_minor (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autofree char *template = fixture_path ("good-template.xml");
  g_autofree char *text = read_all (template, NULL);
  g_autoptr(GString) s = g_string_new (text);
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  GwImport *import;

  g_assert_cmpuint (g_string_replace (s, "version=\"1.0\" id", "version=\"1.12\" id", 1), ==, 1);
  import = import_ok (ds, gw_test_tmp_write (tmp, "minor.xml", s->str, -1));
  g_assert_cmpstr (gw_import_get_version (import), ==, "1.12");
}

/* Encodings: the same export in UTF-16LE, UTF-16BE and UTF-8, each with a BOM */

/* Writes text in an encoding with its BOM; the declaration says UTF-16 for
 * the UTF-16 ones. */
static const char *
write_encoded (GwTestTmp      *tmp,
               const char     *name,
               const char     *text,
               const Encoding *enc)
{
  g_autoptr(GString) decl = g_string_new (text);
  g_autoptr(GError) error = NULL;
  g_autofree char *converted = NULL;
  g_autofree char *bytes = NULL;
  gsize len = 0;

  if (strcmp (enc->charset, "UTF-8") != 0)
    g_assert_cmpuint (g_string_replace (decl, "encoding=\"UTF-8\"", "encoding=\"UTF-16\"", 1), ==, 1);
  converted = g_convert (decl->str, -1, enc->charset, "UTF-8", NULL, &len, &error);
  g_assert_no_error (error);
  bytes = g_malloc (enc->bom_len + len);
  memcpy (bytes, enc->bom, enc->bom_len);
  memcpy (bytes + enc->bom_len, converted, len);
  return gw_test_tmp_write (tmp, name, bytes, (gssize) (enc->bom_len + len));
}

static void
test_encoding_same_tables (gconstpointer data)
{
  const Encoding *enc = data;
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autofree char *plain_path = fixture_path ("good-full.xml");
  g_autofree char *text = read_all (plain_path, NULL);
  g_autofree char *name = g_strdup_printf ("full-%s.xml", enc->name);
  g_autoptr(GwDataset) plain = gw_dataset_new ();
  g_autoptr(GwDataset) other = gw_dataset_new ();
  const char *path = write_encoded (tmp, name, text, enc);
  GwImport *a, *b;

  a = import_ok (plain, plain_path);
  b = import_ok (other, path);
  assert_same_dataset (plain, other);
  g_assert_cmpstr (gw_import_get_publisher (a), ==, gw_import_get_publisher (b));
  g_assert_cmpstr (gw_import_get_title (a), ==, gw_import_get_title (b));
  g_assert_cmpuint (gw_import_get_n_warnings (a), ==, gw_import_get_n_warnings (b));
  g_assert_cmpuint (gw_import_get_n_warnings (b), ==, 2);
}

/* Positions are the same whatever the encoding. */
static void
test_encoding_error_position (gconstpointer data)
{
  const Encoding *enc = data;
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autofree char *bad_path = fixture_path ("bad-n-negative.xml");
  g_autofree char *text = read_all (bad_path, NULL);
  g_autofree char *name = g_strdup_printf ("bad-n-negative-%s.xml", enc->name);
  g_autofree char *expected = g_strdup_printf ("%s:11:5: <c>: n=\"-3\" is not a non-negative integer", name);
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autofree char *first = NULL;
  g_auto(Failure) f = { 0 };

  read_bad (ds, write_encoded (tmp, name, text, enc), &f);
  g_assert_cmpuint (f.problems->len, ==, 1);
  first = first_problem (&f);
  g_assert_cmpstr (first, ==, expected);
}

/* Gzip */

static void
test_gzip_same_rows (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autofree char *plain_path = fixture_path ("good-full.xml");
  gsize len = 0, gz_len = 0;
  g_autofree char *text = read_all (plain_path, &len);
  const char *gz_path = gw_test_tmp_write_gzip (tmp, "full.xml.gz", text, len);
  g_autofree char *gz_bytes = read_all (gz_path, &gz_len);
  g_autofree char *gz_sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) gz_bytes, gz_len);
  g_autofree char *plain_sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text, len);
  g_autoptr(GwDataset) plain = gw_dataset_new ();
  g_autoptr(GwDataset) gz = gw_dataset_new ();
  GwImport *a, *b;

  /* really compressed: the reader must inflate */
  g_assert_cmpuint ((guchar) gz_bytes[0], ==, 0x1f);
  g_assert_cmpuint ((guchar) gz_bytes[1], ==, 0x8b);
  g_assert_cmpuint (gz_len, <, len);

  a = import_ok (plain, plain_path);
  b = import_ok (gz, gz_path);
  assert_same_dataset (plain, gz);
  g_assert_cmpuint (gw_import_get_n_warnings (b), ==, 2);
  /* the checksum is of the bytes on disk */
  g_assert_cmpstr (gw_import_get_sha256 (a), ==, plain_sha);
  g_assert_cmpstr (gw_import_get_sha256 (b), ==, gz_sha);
  g_assert_cmpstr (gw_import_get_sha256 (a), !=, gw_import_get_sha256 (b));
}

static void
test_gzip_error_position (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autofree char *bad_path = fixture_path ("bad-n-negative.xml");
  gsize len = 0;
  g_autofree char *text = read_all (bad_path, &len);
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autofree char *first = NULL;
  g_auto(Failure) f = { 0 };

  read_bad (ds, gw_test_tmp_write_gzip (tmp, "bad-n-negative.xml.gz", text, len), &f);
  g_assert_cmpuint (f.problems->len, ==, 1);
  first = first_problem (&f);
  g_assert_cmpstr (first, ==, "bad-n-negative.xml.gz:11:5: <c>: n=\"-3\" is not a non-negative integer");
}

/* A gzip file cut short is refused, not read as far as it goes. */
static void
test_gzip_truncated (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autofree char *plain_path = fixture_path ("good-full.xml");
  gsize len = 0, gz_len = 0;
  g_autofree char *text = read_all (plain_path, &len);
  const char *gz_path = gw_test_tmp_write_gzip (tmp, "full.xml.gz", text, len);
  g_autofree char *gz_bytes = read_all (gz_path, &gz_len);
  const char *cut = gw_test_tmp_write (tmp, "cut.xml.gz", gz_bytes, (gssize) (gz_len - 12));
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_problem_free);
  g_autoptr(GError) error = NULL;
  GwBatch *batch = gw_export_read_file (ds, cut, NULL, NULL, NULL, errors, &error);

  g_assert_null (batch);
  g_assert_error (error, GW_EXPORT_ERROR, GW_EXPORT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "cut.xml.gz: "));
  g_assert_cmpuint (gw_dataset_count (ds, GW_RECORD_DEATHS), ==, 0);
}

/* Revisions through the reader */

static char *
revision_export (const char *id,
                 const char *generated,
                 guint       male_deaths,
                 const char *value)
{
  return g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\" id=\"%s\" generated=\"%s\">\n"
                          "  <areas>\n"
                          "    <area code=\"E06000002\" name=\"Middlesbrough\" type=\"ua\"/>\n"
                          "  </areas>\n"
                          "  <deaths period=\"2007-06\" basis=\"registration\">\n"
                          "    <c area=\"E06000002\" sex=\"m\" age=\"0\" n=\"%u\"/>\n"
                          "    <c area=\"E06000002\" sex=\"f\" age=\"0\" n=\"2\"/>\n"
                          "  </deaths>\n"
                          "  <indicator id=\"le-birth\">\n"
                          "    <v area=\"E06000002\" sex=\"m\" period=\"2003-2005\" value=\"%s\"/>\n"
                          "  </indicator>\n"
                          "</export>\n",
                          id, generated, male_deaths, value);
}

static double
male_deaths (GwDataset *ds)
{
  return count_of (ds, GW_RECORD_DEATHS, deaths_key (ds, "E06000002", GW_SEX_MALE, GW_AGE_0, GW_CAUSE_ALL, "2007-06"));
}

static double
male_le (GwDataset *ds)
{
  const GwValueRow *v = gw_table_lookup (gw_dataset_get_table (ds, GW_RECORD_VALUES),
                                         value_key (ds, "le-birth", "E06000002", FALSE, GW_SEX_MALE, "2003-2005"));

  return v != NULL ? v->value : NAN;
}

/* data: TRUE to import the later export first */
static void
test_revision (gconstpointer data)
{
  gboolean later_first = GPOINTER_TO_INT (data);
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autofree char *early_text = revision_export ("rev-early", "2007-07-12T08:30:00Z", 1, "73.9");
  g_autofree char *late_text = revision_export ("rev-late", "2007-09-01T08:30:00+01:00", 3, "74.1");
  const char *early_path = gw_test_tmp_write (tmp, "early.xml", early_text, -1);
  const char *late_path = gw_test_tmp_write (tmp, "late.xml", late_text, -1);
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autoptr(GwImport) early = NULL;
  g_autoptr(GwImport) late = NULL;

  if (later_first)
    {
      late = g_object_ref (import_ok (ds, late_path));
      early = g_object_ref (import_ok (ds, early_path));
      /* the earlier export's rows differ on two keys: both are revisions */
      g_assert_cmpuint (gw_import_get_revisions (late), ==, 0);
      g_assert_cmpuint (gw_import_get_revisions (early), ==, 2);
    }
  else
    {
      early = g_object_ref (import_ok (ds, early_path));
      g_assert_cmpfloat (male_deaths (ds), ==, 1);
      late = g_object_ref (import_ok (ds, late_path));
      g_assert_cmpuint (gw_import_get_revisions (early), ==, 0);
      g_assert_cmpuint (gw_import_get_revisions (late), ==, 2);
    }

  /* the later generated wins whatever the order */
  g_assert_cmpfloat (male_deaths (ds), ==, 3);
  g_assert_cmpfloat (male_le (ds), ==, 74.1);
  g_assert_cmpuint (gw_dataset_count (ds, GW_RECORD_DEATHS), ==, 2);
  g_assert_cmpuint (gw_dataset_count (ds, GW_RECORD_VALUES), ==, 1);
  /* the earlier values stay in the history */
  g_assert_cmpuint (gw_table_n_rows (gw_dataset_get_history (ds, GW_RECORD_DEATHS)), ==, 2);
  g_assert_cmpuint (gw_table_n_rows (gw_dataset_get_history (ds, GW_RECORD_VALUES)), ==, 1);

  /* removing the later export brings the earlier values back */
  gw_dataset_remove_import (ds, late);
  g_assert_cmpfloat (male_deaths (ds), ==, 1);
  g_assert_cmpfloat (male_le (ds), ==, 73.9);
  g_assert_cmpuint (gw_dataset_count (ds, GW_RECORD_DEATHS), ==, 2);
  g_assert_cmpuint (gw_table_n_rows (gw_dataset_get_history (ds, GW_RECORD_DEATHS)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (gw_dataset_get_imports (ds)), ==, 1);
}

/* Removing the earlier export leaves the later values as they are. */
static void
test_revision_remove_earlier (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autofree char *early_text = revision_export ("rev-early", "2007-07-12T08:30:00Z", 1, "73.9");
  g_autofree char *late_text = revision_export ("rev-late", "2007-09-01T08:30:00Z", 3, "74.1");
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autoptr(GwImport) early = NULL;

  import_ok (ds, gw_test_tmp_write (tmp, "late.xml", late_text, -1));
  early = g_object_ref (import_ok (ds, gw_test_tmp_write (tmp, "early.xml", early_text, -1)));
  gw_dataset_remove_import (ds, early);
  g_assert_cmpfloat (male_deaths (ds), ==, 3);
  g_assert_cmpfloat (male_le (ds), ==, 74.1);
  g_assert_cmpuint (gw_table_n_rows (gw_dataset_get_history (ds, GW_RECORD_DEATHS)), ==, 0);
}

/* The same id again */

static void
test_same_id_identical (void)
{
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autofree char *path = fixture_path ("good-full.xml");
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  g_autoptr(GError) error = NULL;
  GwBatch *again;
  Snapshot before, after;

  import_ok (ds, path);
  snapshot (ds, &before);
  gt_signal_logger_connect (logger, ds, "changed");
  gt_signal_logger_connect (logger, gw_dataset_get_imports (ds), "items-changed");

  again = read_ok (ds, path);
  g_assert_null (gw_dataset_commit (ds, again, &error));
  g_assert_error (error, GW_DATASET_ERROR, GW_DATASET_ERROR_ALREADY_IMPORTED);
  snapshot (ds, &after);
  assert_snapshot_equal (&before, &after);
  gt_signal_logger_assert_no_emissions (logger);
}

/* The same id with other content is a conflict, not a revision. */
static void
test_same_id_different (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autofree char *path = fixture_path ("good-full.xml");
  g_autofree char *text = read_all (path, NULL);
  g_autoptr(GString) changed = g_string_new (text);
  g_autoptr(GError) error = NULL;
  Snapshot before, after;

  g_assert_cmpuint (g_string_replace (changed, "n=\"914.5\"", "n=\"915\"", 1), ==, 1);
  import_ok (ds, path);
  snapshot (ds, &before);
  g_assert_null (gw_dataset_commit (ds, read_ok (ds, gw_test_tmp_write (tmp, "full-changed.xml", changed->str, -1)), &error));
  g_assert_error (error, GW_DATASET_ERROR, GW_DATASET_ERROR_ID_CONFLICT);
  snapshot (ds, &after);
  assert_snapshot_equal (&before, &after);
  g_assert_cmpfloat (count_of (ds, GW_RECORD_POPULATION,
                               gw_key_population (area_number (ds, "E06000002"), GW_SEX_MALE, period ("2007"),
                                                  GW_AGE_0)), ==, 914.5);
}

/* Cross-record warnings */

static const char warn_population[] =
  "  <population period=\"2007\" basis=\"mid-year-estimate\">\n"
  "    <c area=\"E06000002\" sex=\"m\" age=\"0\" n=\"20\"/>\n"
  "    <c area=\"E06000002\" sex=\"f\" age=\"85-89\" n=\"600\"/>\n"
  "    <c area=\"E06000002\" sex=\"f\" age=\"90+\" n=\"300\"/>\n"
  "  </population>\n";

/* more deaths than population in m/0; an 85+ band against 85-89 and 90+ */
static const char warn_deaths[] =
  "  <deaths period=\"2007-06\" basis=\"registration\">\n"
  "    <c area=\"E06000002\" sex=\"m\" age=\"0\" n=\"50\"/>\n"
  "    <c area=\"E06000002\" sex=\"f\" age=\"85+\" n=\"40\"/>\n"
  "  </deaths>\n";

static char *
warn_export (const char *id,
             const char *body)
{
  return g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\" id=\"%s\" "
                          "generated=\"2007-07-12T08:30:00Z\">\n"
                          "  <areas>\n"
                          "    <area code=\"E06000002\" name=\"Middlesbrough\" type=\"ua\"/>\n"
                          "  </areas>\n"
                          "%s"
                          "</export>\n",
                          id, body);
}

static void
assert_count_warnings (GwImport *import)
{
  const char *const *warnings = gw_import_get_warnings (import);

  g_assert_cmpuint (gw_import_get_n_warnings (import), ==, 2);
  g_assert_nonnull (warnings);
  g_assert_true (g_strv_contains (warnings, "area E06000002, sex m, age 0, basis registration, period 2007-06: "
                                            "50 deaths, more than the population of the band (20)"));
  g_assert_true (g_strv_contains (warnings, "area E06000002, 2007: the deaths have age bands the population has not"));
}

static void
test_warnings_same_file (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autofree char *body = g_strconcat (warn_population, warn_deaths, NULL);
  g_autofree char *text = warn_export ("warn-both", body);
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autoptr(GwBatch) batch = read_ok (ds, gw_test_tmp_write (tmp, "warn.xml", text, -1));
  GwImport *import;

  g_assert_cmpuint (gw_batch_n_warnings (batch), ==, 2);
  import = commit_ok (ds, g_steal_pointer (&batch));
  assert_count_warnings (import);
  /* the file still imports whole */
  g_assert_cmpuint (gw_dataset_count (ds, GW_RECORD_DEATHS), ==, 2);
  g_assert_cmpuint (gw_dataset_count (ds, GW_RECORD_POPULATION), ==, 3);
}

/* The population may come from an earlier import. */
static void
test_warnings_population_imported (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autofree char *pop = warn_export ("warn-pop", warn_population);
  g_autofree char *deaths = warn_export ("warn-deaths", warn_deaths);
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  GwImport *import;

  import = import_ok (ds, gw_test_tmp_write (tmp, "pop.xml", pop, -1));
  g_assert_cmpuint (gw_import_get_n_warnings (import), ==, 0);
  import = import_ok (ds, gw_test_tmp_write (tmp, "deaths.xml", deaths, -1));
  assert_count_warnings (import);
}

/* No population at all: nothing to compare, no warning. */
static void
test_warnings_no_population (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autofree char *deaths = warn_export ("warn-deaths", warn_deaths);
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  GwImport *import = import_ok (ds, gw_test_tmp_write (tmp, "deaths.xml", deaths, -1));

  g_assert_cmpuint (gw_import_get_n_warnings (import), ==, 0);
}

/* The sample exports */

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
test_samples (void)
{
  const char *dir_path = g_getenv ("GW_SAMPLES_DIR");
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  const char *name;
  guint revised = 0;

  if (dir_path == NULL || (dir = g_dir_open (dir_path, 0, NULL)) == NULL)
    {
      g_test_skip ("GW_SAMPLES_DIR is not set or not a directory");
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".xml") || g_str_has_suffix (name, ".xml.gz"))
      g_ptr_array_add (names, g_strdup (name));
  if (names->len == 0)
    {
      g_test_skip ("no sample exports");
      return;
    }
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, g_ptr_array_index (names, i), NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_problem_free);
      GwBatch *batch = gw_export_read_file (ds, path, NULL, NULL, NULL, errors, &error);
      GwImport *import;

      if (batch == NULL)
        g_error ("%s: %s", (char *) g_ptr_array_index (names, i), error->message);
      import = gw_dataset_commit (ds, batch, &error);
      g_assert_no_error (error);
      g_assert_nonnull (import);
      /* 01-areas.xml declares areas only */
      if (strstr (g_ptr_array_index (names, i), "areas") == NULL)
        g_assert_cmpuint (gw_import_get_records (import), >, 0);
      g_test_message ("%s: %u records, %u revisions, %u warnings", (char *) g_ptr_array_index (names, i),
                      gw_import_get_records (import), gw_import_get_revisions (import),
                      gw_import_get_n_warnings (import));
      if (strstr (g_ptr_array_index (names, i), "revised") != NULL)
        revised += gw_import_get_revisions (import);
    }
  g_assert_cmpuint (g_list_model_get_n_items (gw_dataset_get_imports (ds)), ==, names->len);
  /* the revised March replaces counts of the monthly March export */
  if (gw_dataset_find_import (ds, "deaths-2007-03-r1") != NULL)
    g_assert_cmpuint (revised, >, 0);
}

/* Encoding errors (issue 17 item 2).  libxml2 stops at bytes that do not
 * convert, says so only through its global handlers (on stderr by
 * default), and xmlParseChunk's result was ignored: the records before the
 * bytes were imported and the rest silently dropped.  Now the file is
 * refused with where the bytes are, and nothing is printed. */

/* Redirects stderr (fd 2) to a temporary file until stderr_end(), which
 * returns what was written. */
static int
stderr_begin (char **path)
{
  g_autoptr(GError) error = NULL;
  int fd = g_file_open_tmp ("gw-stderr-XXXXXX", path, &error);
  int saved;

  g_assert_no_error (error);
  fflush (stderr);
  saved = dup (2);
  g_assert_cmpint (dup2 (fd, 2), ==, 2);
  close (fd);
  return saved;
}

static char *
stderr_end (int   saved,
            char *path)
{
  char *text = NULL;

  fflush (stderr);
  g_assert_cmpint (dup2 (saved, 2), ==, 2);
  close (saved);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_unlink (path);
  g_free (path);
  return text;
}

/* An export of 2 records around line 8, which holds bad (in the file's
 * encoding) after "    <!-- ". */
static GString *
encoded_export (const char *charset,
                const char *declared,
                const char *bom,
                const char *bad,
                gsize       bad_len)
{
  g_autofree char *before_text = g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"%s\"?>\n"
    "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\" id=\"enc\" generated=\"2007-07-12T08:30:00Z\">\n"
    "  <areas>\n"
    "    <area code=\"E06000002\" name=\"Middlesbrough\" type=\"ua\"/>\n"
    "  </areas>\n"
    "  <deaths period=\"2007-06\" basis=\"registration\">\n"
    "    <c area=\"E06000002\" sex=\"m\" age=\"0\" n=\"1\"/>\n"
    "    <!-- café ", declared);
  const char *after_text = " -->\n"
                           "    <c area=\"E06000002\" sex=\"f\" age=\"0\" n=\"2\"/>\n"
                           "  </deaths>\n"
                           "</export>\n";
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  g_autofree char *before = g_convert (before_text, -1, charset, "UTF-8", NULL, &len, &error);
  GString *s = g_string_new (bom);

  g_assert_no_error (error);
  g_string_append_len (s, before, (gssize) len);
  g_string_append_len (s, bad, (gssize) bad_len);
  {
    g_autofree char *after = g_convert (after_text, -1, charset, "UTF-8", NULL, &len, &error);

    g_assert_no_error (error);
    g_string_append_len (s, after, (gssize) len);
  }
  return s;
}

typedef struct
{
  const char *test;
  const char *charset;    /* of the text around the bad bytes */
  const char *declared;
  const char *bom;
  const char *bad;
  gsize       bad_len;
  const char *first;      /* the one problem, formatted */
} BadEncodingCase;

static const BadEncodingCase bad_encoding_cases[] = {
  /* 0x81 is one of the five bytes windows-1252 leaves undefined */
  { "/gw/export-reader/encoding/windows-1252-undefined-byte", "WINDOWS-1252", "windows-1252", "", "\x81", 1,
    "bad.xml:8:15: byte 0x81 is not a character in windows-1252, the encoding of the file: save it as UTF-8" },
  /* a high surrogate followed by "A" */
  { "/gw/export-reader/encoding/utf16le-lone-surrogate", "UTF-16LE", "UTF-16", "\xff\xfe", "\x00\xd8", 2,
    "bad.xml:8:15: U+D800 is half of a UTF-16 character (a lone surrogate): save the file as UTF-8" },
  /* a low surrogate alone: libxml2 converts it, then finds no character */
  { "/gw/export-reader/encoding/utf16le-lone-low-surrogate", "UTF-16LE", "UTF-16", "\xff\xfe", "\x00\xdc", 2,
    "bad.xml:8:15: the file is not valid UTF-16LE, the encoding it declares: save it as UTF-8" },
  { "/gw/export-reader/encoding/utf16be-lone-surrogate", "UTF-16BE", "UTF-16", "\xfe\xff", "\xd8\x00", 2,
    "bad.xml:8:15: U+D800 is half of a UTF-16 character (a lone surrogate): save the file as UTF-8" },
};

static void
test_bad_encoding (gconstpointer data)
{
  const BadEncodingCase *bc = data;
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GString) s = encoded_export (bc->charset, bc->declared, bc->bom, bc->bad, bc->bad_len);
  const char *path = gw_test_tmp_write (tmp, "bad.xml", s->str, (gssize) s->len);
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autofree char *first = NULL;
  g_autofree char *stderr_path = NULL;
  g_autofree char *printed = NULL;
  g_auto(Failure) f = { 0 };
  int saved;

  saved = stderr_begin (&stderr_path);
  read_bad (ds, path, &f);
  printed = stderr_end (saved, g_steal_pointer (&stderr_path));
  g_assert_cmpstr (printed, ==, "");
  g_assert_cmpuint (f.problems->len, ==, 1);
  first = first_problem (&f);
  g_assert_cmpstr (first, ==, bc->first);
  g_assert_cmpstr (f.error->message, ==, bc->first);
}

/* Compressed: the bytes are found in the inflated file. */
static void
test_bad_encoding_gzip (void)
{
  const BadEncodingCase *bc = &bad_encoding_cases[0];
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GString) s = encoded_export (bc->charset, bc->declared, bc->bom, bc->bad, bc->bad_len);
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autofree char *first = NULL;
  g_auto(Failure) f = { 0 };

  read_bad (ds, gw_test_tmp_write_gzip (tmp, "bad.xml.gz", s->str, s->len), &f);
  g_assert_cmpuint (f.problems->len, ==, 1);
  first = first_problem (&f);
  g_assert_cmpstr (first, ==, "bad.xml.gz:8:15: byte 0x81 is not a character in windows-1252, the encoding of the "
                              "file: save it as UTF-8");
}

/* The same files without the bad bytes are valid: so the refusal is theirs. */
static void
test_bad_encoding_control (gconstpointer data)
{
  const BadEncodingCase *bc = data;
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GString) s = encoded_export (bc->charset, bc->declared, bc->bom, "", 0);
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  GwImport *import = import_ok (ds, gw_test_tmp_write (tmp, "good.xml", s->str, (gssize) s->len));

  g_assert_cmpuint (gw_import_get_records (import), ==, 2);
}

/* Issue 17 item 5: a groups= list longer than 4096 bytes was cut there. */
static void
test_many_groups (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GString) s = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                       "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\" id=\"groups\" "
                                       "generated=\"2007-07-12T08:30:00Z\">\n  <areas>\n");
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  const GwArea *area;

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (s, "    <group id=\"deprived-decile-group-%03u\"/>\n", i);
  g_string_append (s, "    <area code=\"E06000002\" name=\"Middlesbrough\" type=\"ua\" groups=\"");
  for (guint i = 0; i < 300; i++)
    g_string_append_printf (s, "%sdeprived-decile-group-%03u", i > 0 ? " " : "", i);
  g_string_append (s, "\"/>\n  </areas>\n</export>\n");
  g_assert_cmpuint (s->len, >, 2 * 4096);

  import_ok (ds, gw_test_tmp_write (tmp, "groups.xml", s->str, (gssize) s->len));
  area = gw_dataset_get_area (ds, area_number (ds, "E06000002"));
  g_assert_nonnull (area->groups);
  g_assert_cmpuint (area->groups->len, ==, 300);
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *id = g_strdup_printf ("deprived-decile-group-%03u", i);

      g_assert_cmpint (gw_dataset_lookup_group (ds, id), ==, (gint) g_array_index (area->groups, guint, i));
    }
}

/* A decimal longer than a fixed buffer of 64 is still a decimal. */
static void
test_long_decimal (void)
{
  g_autoptr(GwTestTmp) tmp = gw_test_tmp_new ();
  g_autoptr(GString) s = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                       "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\" id=\"long\" "
                                       "generated=\"2007-07-12T08:30:00Z\">\n  <areas>\n"
                                       "    <area code=\"E06000002\" name=\"Middlesbrough\" type=\"ua\"/>\n"
                                       "  </areas>\n  <population period=\"2007\" basis=\"mid-year-estimate\">\n"
                                       "    <c area=\"E06000002\" sex=\"m\" age=\"0\" n=\"1234.5");
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  gint area;

  for (guint i = 0; i < 100; i++)
    g_string_append_c (s, '0');
  g_string_append (s, "\"/>\n  </population>\n</export>\n");
  import_ok (ds, gw_test_tmp_write (tmp, "long.xml", s->str, (gssize) s->len));
  area = gw_dataset_lookup_area (ds, "E06000002");
  g_assert_cmpfloat (count_of (ds, GW_RECORD_POPULATION,
                               gw_key_population ((guint) area, GW_SEX_MALE, period ("2007"), GW_AGE_0)), ==, 1234.5);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char **args = g_new0 (char *, argc + 2);
  int n_args = 0;

  /* --keep-going: a failed case (one rule's message) is reported "not ok"
   * and the other cases still run and report */
  args[n_args++] = argv[0];
  args[n_args++] = (char *) "--keep-going";
  for (int i = 1; i < argc; i++)
    args[n_args++] = argv[i];
  argv = args;
  argc = n_args;

  g_test_init (&argc, &argv, NULL);
  gw_formats_init ();

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    g_test_add_data_func (bad_cases[i].test, &bad_cases[i], test_bad_file);
  g_test_add_data_func ("/gw/export-reader/max-errors/exactly-100", GUINT_TO_POINTER (100), test_max_errors);
  g_test_add_data_func ("/gw/export-reader/max-errors/250", GUINT_TO_POINTER (250), test_max_errors);
  g_test_add_data_func ("/gw/export-reader/max-errors/one", GUINT_TO_POINTER (1), test_max_errors);

  g_test_add_data_func ("/gw/export-reader/position/across-chunks/plain", GUINT_TO_POINTER (0), test_positions);
  g_test_add_data_func ("/gw/export-reader/position/across-chunks/gzip", GUINT_TO_POINTER (1), test_positions);
  g_test_add_data_func ("/gw/export-reader/position/across-chunks/utf16le", GUINT_TO_POINTER (2), test_positions);
  g_test_add_func ("/gw/export-reader/duplicate-key/gzip", test_gzip_duplicate);
  g_test_add_func ("/gw/export-reader/text/cut-inside-a-character", test_text_cut_utf8);
  g_test_add_func ("/gw/export-reader/area/long-name-non-ascii", test_value_cut_utf8);
  g_test_add_func ("/gw/export-reader/max-errors/stop-inside-element", test_stop_inside_element);
  g_test_add_func ("/gw/export-reader/max-errors/kind-of-last", test_problem_kinds);

  g_test_add_func ("/gw/export-reader/valid/template", test_template_valid);
  g_test_add_func ("/gw/export-reader/valid/areas-after-records", test_areas_last);
  g_test_add_func ("/gw/export-reader/valid/every-element", test_every_element);
  g_test_add_func ("/gw/export-reader/valid/foreign-namespace", test_foreign_namespace);
  g_test_add_func ("/gw/export-reader/valid/suppressed-value", test_suppressed);
  g_test_add_func ("/gw/export-reader/valid/version-1x", test_version_minor);
  g_test_add_func ("/gw/export-reader/valid/escapes", test_escapes);
  g_test_add_func ("/gw/export-reader/valid/escapes-full", test_escapes_encodings);

  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    {
      g_autofree char *same = g_strdup_printf ("/gw/export-reader/encoding/%s/same-tables", encodings[i].name);
      g_autofree char *pos = g_strdup_printf ("/gw/export-reader/encoding/%s/error-position", encodings[i].name);

      g_test_add_data_func (same, &encodings[i], test_encoding_same_tables);
      g_test_add_data_func (pos, &encodings[i], test_encoding_error_position);
    }

  g_test_add_func ("/gw/export-reader/gzip/same-rows-and-sha256", test_gzip_same_rows);
  g_test_add_func ("/gw/export-reader/gzip/error-position", test_gzip_error_position);
  g_test_add_func ("/gw/export-reader/gzip/truncated", test_gzip_truncated);
  for (guint i = 0; i < G_N_ELEMENTS (bad_encoding_cases); i++)
    {
      g_autofree char *control = g_strconcat (bad_encoding_cases[i].test, "/control", NULL);

      g_test_add_data_func (bad_encoding_cases[i].test, &bad_encoding_cases[i], test_bad_encoding);
      g_test_add_data_func (control, &bad_encoding_cases[i], test_bad_encoding_control);
    }
  g_test_add_func ("/gw/export-reader/encoding/windows-1252-undefined-byte/gzip", test_bad_encoding_gzip);
  g_test_add_func ("/gw/export-reader/groups/300-memberships", test_many_groups);
  g_test_add_func ("/gw/export-reader/n/long-decimal", test_long_decimal);

  g_test_add_data_func ("/gw/export-reader/revision/earlier-first", GINT_TO_POINTER (FALSE), test_revision);
  g_test_add_data_func ("/gw/export-reader/revision/later-first", GINT_TO_POINTER (TRUE), test_revision);
  g_test_add_func ("/gw/export-reader/revision/remove-earlier", test_revision_remove_earlier);
  g_test_add_func ("/gw/export-reader/same-id/identical", test_same_id_identical);
  g_test_add_func ("/gw/export-reader/same-id/different", test_same_id_different);

  g_test_add_func ("/gw/export-reader/warning/counts-same-file", test_warnings_same_file);
  g_test_add_func ("/gw/export-reader/warning/population-imported-before", test_warnings_population_imported);
  g_test_add_func ("/gw/export-reader/warning/no-population", test_warnings_no_population);

  g_test_add_func ("/gw/export-reader/samples/all", test_samples);

  return g_test_run ();
}
