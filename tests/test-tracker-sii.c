/* test-tracker-sii.c: a target on the SII, tracked as any target
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The export of LSOAs with IMD deciles (gw-test-sii-export.h: 2015 to 2018,
 * group g1 = E06000001 and E06000002) is imported as gapwatch-cli does.  A
 * target on the SII with a baseline of 2015 tracks one SII per year: its
 * baseline "gap" must be exactly gw_inequality_compute()'s SII of 2015 (the
 * same defaults: 100,000 repetitions, seed 1), the target gap (1 - r) G0,
 * the projection the least-squares line through the four SIIs; areas
 * without a complete set of deciles are insufficient data, saying why.
 */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "formats/gw-import-task.h"
#include "methods/gw-inequality.h"
#include "render/gw-chart.h"
#include "tracker/gw-tracker-result.h"

#include "gw-test-files.h"
#include "gw-test-sii-export.h"

typedef struct
{
  char      *dir;
  GwDataset *ds;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("gw-tracker-sii-XXXXXX", &error);
  g_assert_no_error (error);
  path = sii_test_write_export (f->dir);
  f->ds = gw_dataset_new ();
  task = gw_import_task_new (f->ds, (const char *const[]) { path, NULL });
  g_assert_true (gw_import_task_run (task, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_object_unref (f->ds);
}

static GwTarget *
sii_target (const char *subject)
{
  GwTarget *t = gw_target_new ("sii-quarter");

  t->indicator = g_strdup ("le-birth");
  t->measure = GW_TARGET_MEASURE_SII;
  t->gap = GW_GAP_ABSOLUTE;
  g_assert_true (gw_target_subject_parse (subject, t));
  t->baseline = gw_period_year (2015);
  t->target_period = gw_period_year (2020);
  t->reduction = 0.25;
  return t;
}

/* The reference: gw_inequality_compute() of one year, default options. */
static gboolean
reference_sii (GwDataset *ds, gboolean is_group, guint subject, GwSex sex, guint year,
               GwInequalityValue *value)
{
  g_autoptr(GwInequality) ineq = gw_inequality_new (ds, gw_period_year (year), NULL);

  g_assert_nonnull (ineq);
  return gw_inequality_compute (ineq, is_group, subject, sex, 0, NULL, value, NULL);
}

static void
assert_tracked (GwDataset *ds, const GwTrackerRow *row, const GwTarget *target, guint n_years)
{
  GwInequalityValue base, v;
  double st = 0, sg = 0, stt = 0, stg = 0, b, gp, t_target = gw_period_midpoint (target->target_period);

  g_assert_true (reference_sii (ds, row->is_group, row->subject, row->sex, 2015, &base));
  g_assert_cmpint (row->baseline_period, ==, gw_period_year (2015));
  g_assert_cmpfloat (row->baseline_gap, ==, base.sii.sii);
  g_assert_cmpfloat (row->baseline_gap_lower95, ==, base.sii.sii_lower[GW_SII_LEVEL_95]);
  g_assert_cmpfloat (row->baseline_gap_upper95, ==, base.sii.sii_upper[GW_SII_LEVEL_95]);
  /* the data's gradient: the least deprived live longer, so G0 > 0 */
  g_assert_cmpfloat (base.sii.sii, >, 0.5);
  g_assert_cmpfloat (row->target_gap, ==, (1.0 - target->reduction) * base.sii.sii);

  g_assert_cmpuint (row->points->len, ==, n_years);
  g_assert_cmpuint (row->n_window_points, ==, n_years);
  for (guint i = 0; i < n_years; i++)
    {
      const GwGapPoint *p = &g_array_index (row->points, GwGapPoint, i);

      g_assert_true (reference_sii (ds, row->is_group, row->subject, row->sex, 2015 + i, &v));
      g_assert_cmpint (p->period, ==, gw_period_year (2015 + i));
      g_assert_cmpfloat (p->gap, ==, v.sii.sii);
      g_assert_cmpfloat (p->value, ==, v.sii.sii);
      g_assert_cmpfloat_with_epsilon (p->gap_se, (v.sii.sii_upper[0] - v.sii.sii_lower[0]) / (2 * 1.959964), 1e-6);
      g_assert_true (isnan (p->comparator));
      st += p->t;
      sg += p->gap;
    }
  g_assert_cmpfloat (row->latest_gap, ==, g_array_index (row->points, GwGapPoint, n_years - 1).gap);
  g_assert_cmpint (row->latest_period, ==, gw_period_year (2015 + n_years - 1));
  g_assert_true (isnan (row->latest_comparator));

  /* the linear projection, by hand */
  st /= n_years;
  sg /= n_years;
  for (guint i = 0; i < n_years; i++)
    {
      const GwGapPoint *p = &g_array_index (row->points, GwGapPoint, i);

      stt += (p->t - st) * (p->t - st);
      stg += (p->t - st) * (p->gap - sg);
    }
  b = stg / stt;
  gp = sg + b * (t_target - st);
  g_assert_cmpfloat_with_epsilon (row->projected_gap, gp, 1e-9);
  g_assert_cmpint (row->status, ==, gp <= row->target_gap ? GW_STATUS_ON_TRACK : GW_STATUS_OFF_TRACK);
  g_assert_nonnull (row->reason_text);
  g_test_message ("%s %s: SII %.4f in 2015, target %.4f, projected %.4f (%s): %s", row->code,
                  gw_sex_to_string (row->sex), row->baseline_gap, row->target_gap, row->projected_gap,
                  gw_target_status_to_string (row->status), row->reason_text);
}

/* The group and its two members, men and women. */
static void
test_group (Fixture *f, gconstpointer data)
{
  g_autoptr(GwTarget) target = sii_target ("group:g1");
  g_autoptr(GError) error = NULL;
  g_autoptr(GwTrackerResult) result = gw_tracker_result_new (f->ds, NULL, target, &error);
  GPtrArray *rows;
  static const char *const codes[] = { "g1", "g1", "E06000001", "E06000001", "E06000002", "E06000002" };

  g_assert_no_error (error);
  g_assert_nonnull (result);
  rows = gw_tracker_result_get_rows (result);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (codes));
  for (guint i = 0; i < rows->len; i++)
    {
      const GwTrackerRow *row = g_ptr_array_index (rows, i);

      g_assert_cmpstr (row->code, ==, codes[i]);
      g_assert_cmpint (row->sex, ==, i % 2 == 0 ? GW_SEX_MALE : GW_SEX_FEMALE);
      assert_tracked (f->ds, row, target, 4);
    }
  /* years, not percent, and the result's target says absolute */
  g_assert_cmpstr (gw_tracker_result_get_gap_unit (result), ==, "years");
  g_assert_cmpint (gw_tracker_result_get_target (result)->gap, ==, GW_GAP_ABSOLUTE);
  g_assert_cmpint (gw_tracker_result_get_target (result)->measure, ==, GW_TARGET_MEASURE_SII);

  /* the charts of an SII target speak of the SII, not of a gap to a comparator */
  {
    g_autoptr(GwChart) compare = gw_chart_new_compare (result, GW_COMPARE_BY_CHANGE, &error);

    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (gw_chart_get_title (compare), "Inequality in life expectancy at birth within the 2 areas of the "));
    g_assert_true (g_str_has_prefix (gw_chart_get_description (compare),
                                     "Chart of the slope index of inequality in life expectancy at birth within each of the 2 areas"));
    g_assert_null (strstr (gw_chart_get_description (compare), "gap"));
  }
  g_clear_object (&result);

  /* narrowing by 2% only: the falling SIIs meet it, the rising ones do not */
  target->reduction = 0.02;
  result = gw_tracker_result_new (f->ds, NULL, target, &error);
  g_assert_no_error (error);
  rows = gw_tracker_result_get_rows (result);
  for (guint i = 0; i < rows->len; i++)
    {
      const GwTrackerRow *row = g_ptr_array_index (rows, i);

      assert_tracked (f->ds, row, target, 4);
      /* g1 men: 10.78 in 2015 projects 10.52 against 10.56; E06000002 men rise */
      if (i == 0)
        g_assert_cmpint (row->status, ==, GW_STATUS_ON_TRACK);
      if (i == 4)
        g_assert_cmpint (row->status, ==, GW_STATUS_OFF_TRACK);
    }
}

/* E06000004's decile-5 LSOA has no deaths for 2018: three SIIs, still a projection. */
static void
test_missing_year (Fixture *f, gconstpointer data)
{
  g_autoptr(GwTarget) target = sii_target ("area:E06000004");
  g_autoptr(GError) error = NULL;
  g_autoptr(GwTrackerResult) result = gw_tracker_result_new (f->ds, NULL, target, &error);
  GPtrArray *rows;

  g_assert_no_error (error);
  rows = gw_tracker_result_get_rows (result);
  g_assert_cmpuint (rows->len, ==, 2);
  for (guint i = 0; i < rows->len; i++)
    assert_tracked (f->ds, g_ptr_array_index (rows, i), target, 3);
}

/* E06000003 has no decile 7 among its LSOAs; life expectancy published by
 * decile for 2012 to 2014 gives it three SIIs, the years before the counts. */
static void
test_published (Fixture *f, gconstpointer data)
{
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autofree char *path = g_build_filename (f->dir, "published.xml", NULL);
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GwTarget) target = sii_target ("area:E06000003");
  g_autoptr(GwTrackerResult) result = NULL;
  const GwTrackerRow *row;

  g_string_append (xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.1\" id=\"published\""
                        " generated=\"2030-01-01T00:00:00Z\">\n"
                        "  <indicator id=\"le-birth\" name=\"Life expectancy at birth\" unit=\"years\""
                        " polarity=\"higher-is-better\">\n");
  for (guint year = 2012; year <= 2014; year++)
    for (guint d = 1; d <= 10; d++)
      {
        /* the gradient narrows by 0.1 years a decile each year */
        double v = 74.0 + (1.0 - 0.1 * (year - 2012)) * d;
        char value[G_ASCII_DTOSTR_BUF_SIZE], lo[G_ASCII_DTOSTR_BUF_SIZE], hi[G_ASCII_DTOSTR_BUF_SIZE];

        g_string_append_printf (xml, "    <v area=\"E06000003\" sex=\"m\" period=\"%u\" decile=\"%u\""
                                     " value=\"%s\" lower=\"%s\" upper=\"%s\" denominator=\"1000\"/>\n",
                                year, d, g_ascii_dtostr (value, sizeof value, v),
                                g_ascii_dtostr (lo, sizeof lo, v - 0.5), g_ascii_dtostr (hi, sizeof hi, v + 0.5));
      }
  g_string_append (xml, "  </indicator>\n</export>\n");
  g_assert_true (g_file_set_contents (path, xml->str, -1, &error));
  task = gw_import_task_new (f->ds, (const char *const[]) { path, NULL });
  g_assert_true (gw_import_task_run (task, NULL, &error));
  g_assert_no_error (error);

  target->baseline = gw_period_year (2012);
  target->sexes = 1u << GW_SEX_MALE;
  result = gw_tracker_result_new (f->ds, NULL, target, &error);
  g_assert_no_error (error);
  row = g_ptr_array_index (gw_tracker_result_get_rows (result), 0);
  /* 2012-2014 published; 2015-2018 counts without decile 7: no SII */
  g_assert_cmpuint (row->points->len, ==, 3);
  {
    GwInequalityValue base;

    g_assert_true (reference_sii (f->ds, FALSE, row->subject, GW_SEX_MALE, 2012, &base));
    g_assert_cmpint (base.source, ==, GW_INEQUALITY_SOURCE_PUBLISHED);
    g_assert_cmpfloat (row->baseline_gap, ==, base.sii.sii);
  }
  /* deciles 1 apart, equal populations: the SII is 10 x 1 year, then 9, then 8 */
  g_assert_cmpfloat_with_epsilon (row->baseline_gap, 10.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (row->latest_gap, 8.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (row->target_gap, 7.5, 1e-9);
  /* 1 a year down: 10 - 8 = 2 in 2020, within the target of 7.5 */
  g_assert_cmpfloat_with_epsilon (row->projected_gap, 2.0, 1e-9);
  g_assert_cmpint (row->status, ==, GW_STATUS_ON_TRACK);
}

/* The one row of target for sex: insufficient data; its reason. */
static char *
insufficient_reason (GwDataset *ds, GwTarget *target, GwSex sex)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwTrackerResult) result = NULL;
  const GwTrackerRow *row;

  target->sexes = 1u << sex;
  result = gw_tracker_result_new (ds, NULL, target, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gw_tracker_result_get_rows (result)->len, ==, 1);
  row = g_ptr_array_index (gw_tracker_result_get_rows (result), 0);
  g_assert_cmpint (row->status, ==, GW_STATUS_INSUFFICIENT_DATA);
  g_assert_cmpint (row->reason, ==, GW_REASON_NO_BASELINE);
  g_assert_true (isnan (row->baseline_gap));
  return g_strdup (row->reason_text);
}

#define assert_reason(ds, target, sex, expected) \
  G_STMT_START { \
    g_autofree char *reason_ = insufficient_reason (ds, target, sex); \
    g_assert_cmpstr (reason_, ==, expected); \
  } G_STMT_END

/* No SII at the baseline: the reason says why. */
static void
test_insufficient (Fixture *f, gconstpointer data)
{
  g_autoptr(GwTarget) no_decile = sii_target ("area:E06000003");
  g_autoptr(GwTarget) lsoa = sii_target ("area:E01000001");
  g_autoptr(GwTarget) early = sii_target ("area:E06000001");
  g_autoptr(GwTarget) persons = sii_target ("area:E06000001");

  assert_reason (f->ds, no_decile, GW_SEX_MALE,
                 "insufficient data: no SII for the baseline period 2015: "
                   "Decile 7 has no small areas with deaths and populations for 2015");
  assert_reason (f->ds, lsoa, GW_SEX_FEMALE,
                   "insufficient data: no SII for the baseline period 2015: "
                   "it has no small areas (lsoa or msoa with an imd-decile) below it");
  early->baseline = gw_period_year (2010);
  assert_reason (f->ds, early, GW_SEX_MALE,
                   "insufficient data: no SII for the baseline period 2010: "
                   "neither small areas’ deaths and populations nor values by decile for 2010; the data has 2015 to 2018");
  /* pooled: rolling 3-year periods, the data has two */
  early->baseline = gw_period_pooled (2012, 2014);
  early->target_period = gw_period_pooled (2019, 2021);
  assert_reason (f->ds, early, GW_SEX_MALE,
                   "insufficient data: no SII for the baseline period 2012-2014: "
                   "neither small areas’ deaths and populations nor values by decile for 2012-2014; the data has 2015-2017 to 2016-2018");
  assert_reason (f->ds, persons, GW_SEX_PERSONS,
                   "insufficient data: no SII for the baseline period 2015: "
                   "the SII is computed for men and for women, not persons");
}

/* Only life expectancy has an SII target; financial years have no SII. */
static void
test_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GwTarget) target = sii_target ("group:g1");
  g_autoptr(GError) error = NULL;
  g_autoptr(GwTrackerResult) result = NULL;

  g_free (target->indicator);
  target->indicator = g_strdup ("imr");
  result = gw_tracker_result_new (f->ds, NULL, target, &error);
  g_assert_null (result);
  g_assert_error (error, GW_TRACKER_ERROR, GW_TRACKER_ERROR_NO_INDICATOR);
  g_assert_cmpstr (error->message, ==, "An SII target is on life expectancy at birth (le-birth) or at 65 (le-65), not “imr”");
  g_clear_error (&error);

  g_free (target->indicator);
  target->indicator = g_strdup ("le-birth");
  target->baseline = gw_period_financial (2015);
  target->target_period = gw_period_financial (2020);
  result = gw_tracker_result_new (f->ds, NULL, target, &error);
  g_assert_null (result);
  g_assert_error (error, GW_TRACKER_ERROR, GW_TRACKER_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The baseline of an SII target must be a calendar year or pooled years (e.g. 2002-2004)");
}

/* Serialised and read back; untrusted text checked; old text is a gap target. */
static void
test_serialize (void)
{
  g_autoptr(GwTarget) target = sii_target ("members:g1");
  g_autofree char *text = gw_target_serialize (target);
  g_autoptr(GwTarget) back = NULL;
  g_autoptr(GwTarget) old = NULL;
  g_autoptr(GwTarget) le2010 = gw_target_new_builtin ("le-2010");
  g_autofree char *le2010_text = gw_target_serialize (le2010);
  g_autoptr(GError) error = NULL;
  static const struct { const char *text; const char *message; } bad[] = {
    { "[Target]\nVersion=2\nName=x\nIndicator=le-birth\nGap=absolute\nMeasure=slope\n",
      "The target cannot be read: Measure “slope” is not gap or sii" },
    { "[Target]\nVersion=2\nName=x\nIndicator=imr\nGap=absolute\nMeasure=sii\n",
      "The target cannot be read: an SII target is on le-birth or le-65, not “imr”" },
    { "[Target]\nVersion=2\nName=x\nIndicator=le-birth\nComparator=E06000001\nGap=absolute\nMeasure=sii\n",
      "The target cannot be read: an SII target has no Comparator and its Gap is absolute" },
    { "[Target]\nVersion=2\nName=x\nIndicator=le-birth\nGap=relative\nMeasure=sii\n",
      "The target cannot be read: an SII target has no Comparator and its Gap is absolute" },
    { "[Target]\nVersion=3\nName=x\n",
      "The target cannot be read: it was written by a newer Gapwatch (version 3)" },
  };

  g_assert_nonnull (strstr (text, "Version=2\n"));
  g_assert_nonnull (strstr (text, "Measure=sii\n"));
  back = gw_target_deserialize (text, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->measure, ==, GW_TARGET_MEASURE_SII);
  g_assert_cmpint (back->gap, ==, GW_GAP_ABSOLUTE);
  g_assert_cmpint (back->subject, ==, GW_TARGET_SUBJECT_MEMBERS);
  g_assert_cmpint (back->baseline, ==, target->baseline);
  g_assert_cmpfloat (back->reduction, ==, 0.25);

  /* a gap target's text is as before: Version=1, no Measure */
  g_assert_nonnull (strstr (le2010_text, "Version=1\n"));
  g_assert_null (strstr (le2010_text, "Measure"));
  old = gw_target_deserialize ("[Target]\nVersion=1\nName=old\nIndicator=le-birth\nGroup=spearhead\n", &error);
  g_assert_no_error (error);
  g_assert_cmpint (old->measure, ==, GW_TARGET_MEASURE_GAP);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GwTarget) t = gw_target_deserialize (bad[i].text, &error);

      g_assert_null (t);
      g_assert_error (error, GW_TARGET_ERROR, GW_TARGET_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, bad[i].message);
      g_clear_error (&error);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gw/tracker-sii/group/baseline-target-projection", test_group);
  ADD ("/gw/tracker-sii/area/missing-year", test_missing_year);
  ADD ("/gw/tracker-sii/insufficient/why", test_insufficient);
  ADD ("/gw/tracker-sii/refused", test_refused);
  ADD ("/gw/tracker-sii/published-deciles", test_published);
#undef ADD
  g_test_add_func ("/gw/tracker-sii/serialize/round-trip", test_serialize);
  return g_test_run ();
}
