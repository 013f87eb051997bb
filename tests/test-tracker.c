/* test-tracker.c: gaps, projections and status on hand-computed cases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "formats/gw-export-reader.h"
#include "formats/gw-import-task.h"
#include "methods/gw-ci.h"
#include "tracker/gw-tracker.h"

/* England, a group "g" with member areas A1.., values per 3-year period from
 * 1995-1997 on; NAN leaves a period out. */
typedef struct
{
  const char   *indicator;
  GwPolarity    polarity;
  guint         n_periods;
  const double *england;
  guint         n_areas;
  const double *areas;       /* n_areas x n_periods */
  const double *group;       /* n_periods or NULL */
} Fixture;

static GwDataset *
make_dataset (const Fixture *fx)
{
  GwDataset *ds = gw_dataset_new ();
  GwBatch *b = gw_batch_new (ds);
  g_autoptr(GDateTime) gen = g_date_time_new_from_iso8601 ("2007-03-01T09:00:00Z", NULL);
  g_autoptr(GError) error = NULL;
  const char *const groups[] = { "g", NULL };
  GwAreaDecl eng = { "E92000001", "England", GW_AREA_COUNTRY, NULL, NULL, 0 };
  gint ind, e, g;

  gw_batch_set_header (b, "fx", gen, "1.0", NULL, NULL);
  g = gw_batch_declare_group (b, "g", "Test group");
  e = gw_batch_declare_area (b, &eng);
  ind = gw_batch_declare_indicator (b, fx->indicator, fx->indicator, NULL, fx->polarity);

  for (guint a = 0; a < fx->n_areas; a++)
    {
      g_autofree char *code = g_strdup_printf ("A%u", a + 1);
      GwAreaDecl decl = { code, code, GW_AREA_UA, "E92000001", groups, 0 };
      gint idx = gw_batch_declare_area (b, &decl);

      for (guint p = 0; p < fx->n_periods; p++)
        {
          double v = fx->areas[a * fx->n_periods + p];

          if (isnan (v))
            continue;
          for (GwSex s = GW_SEX_MALE; s <= GW_SEX_PERSONS; s++)
            gw_batch_add_value (b, gw_key_value (ind, FALSE, idx, s, gw_period_pooled (1995 + p, 1997 + p)),
                                v, NAN, NAN, NAN, NAN, GW_NOTE_NONE);
        }
    }
  for (guint p = 0; p < fx->n_periods; p++)
    for (GwSex s = GW_SEX_MALE; s <= GW_SEX_PERSONS; s++)
      {
        GwPeriod period = gw_period_pooled (1995 + p, 1997 + p);

        gw_batch_add_value (b, gw_key_value (ind, FALSE, e, s, period), fx->england[p],
                            NAN, NAN, NAN, NAN, GW_NOTE_NONE);
        if (fx->group != NULL)
          gw_batch_add_value (b, gw_key_value (ind, TRUE, g, s, period), fx->group[p],
                              NAN, NAN, NAN, NAN, GW_NOTE_NONE);
      }
  g_assert_nonnull (gw_dataset_commit (ds, b, &error));
  g_assert_no_error (error);
  return ds;
}

static const GwTrackerRow *
find_row (GPtrArray *rows, const char *code, GwSex sex)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const GwTrackerRow *r = g_ptr_array_index (rows, i);

      if (g_str_equal (r->code, code) && r->sex == sex)
        return r;
    }
  g_assert_not_reached ();
}

static const double flat_england[] = { 80, 80, 80, 80 };
/* relative gaps 2.5, 2.25, 2.5, 2.75 percent */
static const double widening[] = { 78, 78.2, 78, 77.8 };

static void
test_linear_off_track (void)
{
  Fixture fx = { "le-birth", GW_POLARITY_HIGHER_IS_BETTER, 4, flat_england, 1, widening, widening };
  g_autoptr(GwDataset) ds = make_dataset (&fx);
  g_autoptr(GwTarget) target = gw_target_new_builtin ("le-2010");
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  const GwTrackerRow *r;
  GwTrackerSummary sum;

  g_free (target->group);
  target->group = g_strdup ("g");
  rows = gw_tracker_run (ds, target, NULL, NULL, &error);
  g_assert_no_error (error);
  /* group m, f; then A1 m, f */
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_true (((GwTrackerRow *) g_ptr_array_index (rows, 0))->is_group);
  g_assert_true (((GwTrackerRow *) g_ptr_array_index (rows, 1))->is_group);

  r = find_row (rows, "A1", GW_SEX_MALE);
  g_assert_cmpfloat_with_epsilon (r->baseline_gap, 2.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->latest_gap, 2.75, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->target_gap, 2.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->change_since_baseline, 10.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->required_narrowing, 100.0 * 0.5 / 2.75, 1e-9);
  /* trajectory at 1999 (2000.0 is 1998-2000's midpoint: t0 = 1996, tT = 2010) */
  g_assert_cmpfloat_with_epsilon (r->trajectory_gap, 2.5 - 0.25 * 3.0 / 14.0, 1e-9);
  /* OLS slope 0.1 per year through (1996..1999), mean 2.5 at 1997.5 */
  g_assert_cmpfloat_with_epsilon (r->projected_gap, 2.5 + 0.1 * 12.5, 1e-9);
  g_assert_cmpint (r->status, ==, GW_STATUS_OFF_TRACK);
  g_assert_cmpstr (gw_target_status_to_string (r->status), ==, "off-track");
  g_assert_cmpfloat_with_epsilon (r->change_pp, 0.25, 1e-9);
  /* the prediction interval, by hand: residuals 0.125, -0.225, -0.075,
   * 0.075 about 2.375 + 0.1 (t - 1996) ... s = sqrt (0.075 / 2); at 2010,
   * t(2, 0.975) = 4.302652729749464 (R: qt (0.975, 2)) x s x sqrt (1 + 1/4
   * + 12.5^2 / 5) = 4.75 */
  g_assert_cmpfloat_with_epsilon (r->projected_lower95, 3.75 - 4.75, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->projected_upper95, 3.75 + 4.75, 1e-9);
  /* the target 2.25 lies inside: too close to call, though DH's rule says off track */
  g_assert_cmpint (r->certainty, ==, GW_CERTAINTY_UNCERTAIN);
  g_assert_cmpint (r->reason, ==, GW_REASON_OFF_TRACK);
  g_assert_nonnull (strstr (r->reason_text, "too close to call: the target lies inside the projection’s 95% interval"));
  /* no published limits in this fixture: no gap interval */
  g_assert_true (isnan (r->latest_gap_lower95));

  gw_tracker_summarise (rows, &sum);
  g_assert_cmpuint (sum.neither, ==, 1);
  g_assert_cmpuint (sum.both + sum.men_only + sum.women_only + sum.insufficient_data, ==, 0);
}

/* A target period already past, with its value: the status is the observed
 * gap against the target, whatever a trend would have projected (issue 18
 * point 8). */
static void
test_target_period_observed (void)
{
  Fixture fx = { "le-birth", GW_POLARITY_HIGHER_IS_BETTER, 4, flat_england, 1, widening, NULL };
  g_autoptr(GwDataset) ds = make_dataset (&fx);
  g_autoptr(GwTarget) target = gw_target_new_builtin ("le-2010");
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  const GwTrackerRow *r;

  g_free (target->group);
  target->group = g_strdup ("g");

  /* missed: 2.75% observed in 1998-2000 against 2.25%; the line through
   * the four gaps would have said 2.675 */
  target->target_period = gw_period_pooled (1998, 2000);
  rows = gw_tracker_run (ds, target, NULL, NULL, &error);
  g_assert_no_error (error);
  r = find_row (rows, "A1", GW_SEX_MALE);
  g_assert_true (r->target_observed);
  g_assert_cmpfloat_with_epsilon (r->projected_gap, 2.75, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->target_gap, 2.25, 1e-9);
  g_assert_cmpint (r->status, ==, GW_STATUS_OFF_TRACK);
  g_assert_cmpstr (r->reason_text, ==,
                   "off track: the target is missed: the gap observed in 1998-2000 (2.8%) "
                   "is wider than the target of 2.2%");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* met: 2.25% in 1996-1998 against a 5% narrowing (2.375%), from two
   * periods, which are too few for a projection */
  target->target_period = gw_period_pooled (1996, 1998);
  target->reduction = 0.05;
  rows = gw_tracker_run (ds, target, NULL, NULL, &error);
  g_assert_no_error (error);
  r = find_row (rows, "A1", GW_SEX_FEMALE);
  g_assert_true (r->target_observed);
  g_assert_cmpuint (r->n_window_points, ==, 2);
  g_assert_cmpfloat_with_epsilon (r->projected_gap, 2.25, 1e-9);
  g_assert_cmpint (r->status, ==, GW_STATUS_ON_TRACK);
  g_assert_cmpstr (r->reason_text, ==,
                   "on track: the target is met: the gap observed in 1996-1998 (2.2%) "
                   "is no wider than the target of 2.4%");
}

static void
test_latest_method (void)
{
  /* gaps 2.5, 2.0, 2.25: latest 2.25 against the trajectory at 1998 */
  static const double narrowing[] = { 78, 78.4, 78.2 };
  Fixture fx = { "le-birth", GW_POLARITY_HIGHER_IS_BETTER, 3, flat_england, 1, narrowing, NULL };
  g_autoptr(GwDataset) ds = make_dataset (&fx);
  g_autoptr(GwTarget) target = gw_target_new_builtin ("le-2010");
  g_autoptr(GPtrArray) rows = NULL;
  const GwTrackerRow *r;

  g_free (target->group);
  target->group = g_strdup ("g");
  target->method = GW_PROJECTION_LATEST;
  rows = gw_tracker_run (ds, target, NULL, NULL, NULL);
  r = find_row (rows, "A1", GW_SEX_FEMALE);
  g_assert_cmpfloat_with_epsilon (r->projected_gap, 2.25, 1e-9);
  /* trajectory at 1998: 2.5 - 0.25 * 2/14 = 2.4643 > 2.25 */
  g_assert_cmpint (r->status, ==, GW_STATUS_ON_TRACK);
  /* the group has no values: insufficient */
  r = find_row (rows, "g", GW_SEX_MALE);
  g_assert_cmpint (r->status, ==, GW_STATUS_INSUFFICIENT_DATA);
  g_assert_true (isnan (r->baseline_gap));
}

static void
test_holt_linear_series (void)
{
  /* a gap falling exactly 0.1 a year: Holt's forecast is the line itself */
  static const double falling[] = { 78, 78.08, 78.16, 78.24, 78.32 };
  static const double england[] = { 80, 80, 80, 80, 80 };
  Fixture fx = { "le-birth", GW_POLARITY_HIGHER_IS_BETTER, 5, england, 1, falling, NULL };
  g_autoptr(GwDataset) ds = make_dataset (&fx);
  g_autoptr(GwTarget) target = gw_target_new_builtin ("le-2010");
  g_autoptr(GPtrArray) rows = NULL;
  const GwTrackerRow *r;

  g_free (target->group);
  target->group = g_strdup ("g");
  target->method = GW_PROJECTION_HOLT;
  rows = gw_tracker_run (ds, target, NULL, NULL, NULL);
  r = find_row (rows, "A1", GW_SEX_MALE);
  /* 2.5 at 1996 falling 0.1 a year: 2.1 at 2000, 1.1 at 2010 */
  g_assert_cmpfloat_with_epsilon (r->projected_gap, 1.1, 1e-6);
  g_assert_cmpint (r->status, ==, GW_STATUS_ON_TRACK);
}

static void
test_no_gap_and_insufficient (void)
{
  /* A1 better than England; A2 with only two periods; A3 without a baseline */
  static const double areas[] = {
    81, 81, 81, 81,
    78, 78, NAN, NAN,
    NAN, 78, 78, 78,
  };
  Fixture fx = { "le-birth", GW_POLARITY_HIGHER_IS_BETTER, 4, flat_england, 3, areas, NULL };
  g_autoptr(GwDataset) ds = make_dataset (&fx);
  g_autoptr(GwTarget) target = gw_target_new_builtin ("le-2010");
  g_autoptr(GPtrArray) rows = NULL;
  GwTrackerSummary sum;
  const GwTrackerRow *r;

  g_free (target->group);
  target->group = g_strdup ("g");
  rows = gw_tracker_run (ds, target, NULL, NULL, NULL);
  r = find_row (rows, "A1", GW_SEX_MALE);
  g_assert_cmpint (r->status, ==, GW_STATUS_NO_GAP);
  g_assert_cmpint (r->reason, ==, GW_REASON_NO_GAP);
  g_assert_cmpfloat_with_epsilon (r->baseline_gap, -1.25, 1e-9);
  /* the target is to stay no worse than England; nothing to narrow */
  g_assert_cmpfloat_with_epsilon (r->target_gap, 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (r->required_narrowing, 0.0, 1e-12);
  g_assert_true (isnan (r->change_since_baseline));
  g_assert_cmpfloat_with_epsilon (r->change_pp, 0.0, 1e-12);
  /* every point on the line: no interval, certainty unknown */
  g_assert_true (isnan (r->projected_lower95));
  g_assert_cmpint (r->certainty, ==, GW_CERTAINTY_UNKNOWN);
  r = find_row (rows, "A2", GW_SEX_MALE);
  g_assert_cmpint (r->status, ==, GW_STATUS_INSUFFICIENT_DATA);
  g_assert_cmpint (r->reason, ==, GW_REASON_TOO_FEW_POINTS);
  g_assert_cmpuint (r->n_window_points, ==, 2);
  g_assert_cmpfloat_with_epsilon (r->baseline_gap, 2.5, 1e-9);
  r = find_row (rows, "A3", GW_SEX_FEMALE);
  g_assert_cmpint (r->status, ==, GW_STATUS_INSUFFICIENT_DATA);
  g_assert_true (isnan (r->baseline_gap));
  g_assert_cmpint (r->reason, ==, GW_REASON_NO_BASELINE);
  g_assert_cmpstr (r->reason_text, ==, "insufficient data: no gap at the baseline period 1995-1997");
  g_assert_cmpfloat_with_epsilon (r->latest_gap, 2.5, 1e-9);

  gw_tracker_summarise (rows, &sum);
  g_assert_cmpuint (sum.both, ==, 1);
  g_assert_cmpuint (sum.insufficient_data, ==, 2);
}

static void
test_lower_is_better_absolute (void)
{
  /* infant mortality per 1,000: England 5.0 flat; the area 6.0, 6.2, 5.9 from 1997-1999 */
  static const double eng[] = { 5, 5, 5, 5, 5 };
  static const double imr[] = { NAN, NAN, 6.0, 6.2, 5.9 };
  double areas[5];
  Fixture fx = { "imr", GW_POLARITY_LOWER_IS_BETTER, 5, eng, 1, areas, NULL };
  g_autoptr(GwDataset) ds = NULL;
  g_autoptr(GwTarget) target = gw_target_new_builtin ("imr-2010");
  g_autoptr(GPtrArray) rows = NULL;
  const GwTrackerRow *r;
  double slope;

  memcpy (areas, imr, sizeof imr);
  ds = make_dataset (&fx);
  g_free (target->group);
  target->group = g_strdup ("g");
  target->gap = GW_GAP_ABSOLUTE;
  rows = gw_tracker_run (ds, target, NULL, NULL, NULL);
  /* persons only: group row and A1 */
  g_assert_cmpuint (rows->len, ==, 2);
  r = find_row (rows, "A1", GW_SEX_PERSONS);
  /* baseline 1997-1999: gap 1.0 per 1,000; target 0.9 */
  g_assert_cmpfloat_with_epsilon (r->baseline_gap, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->target_gap, 0.9, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->latest_gap, 0.9, 1e-9);
  /* OLS through (1998, 1.0), (1999, 1.2), (2000, 0.9): slope -0.05 */
  slope = -0.05;
  g_assert_cmpfloat_with_epsilon (r->fit_slope, slope, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->projected_gap, 1.0333333333 + slope * (2010 - 1999), 1e-6);
  /* 0.4833 at 2009-2011, below the target gap 0.9 */
  g_assert_cmpint (r->status, ==, GW_STATUS_ON_TRACK);
}

/* The 70-area fixture: every row of expected.csv to 1e-3, and the summary,
 * with the two exports imported in either order. */
static void
import_file (GwDataset *ds, const char *path)
{
  g_autoptr(GError) error = NULL;
  GwBatch *b = gw_export_read_file (ds, path, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (gw_dataset_commit (ds, b, &error));
  g_assert_no_error (error);
}

static double
field_number (const char *text)
{
  return text[0] == '\0' ? NAN : g_ascii_strtod (text, NULL);
}

static void
assert_close (double expected, double actual, const char *what, const char *code)
{
  if (isnan (expected) && isnan (actual))
    return;
  if (isnan (expected) || isnan (actual) || fabs (expected - actual) > 1e-3)
    g_error ("%s of %s: expected %.4f, got %.4f", what, code, expected, actual);
}

static void
run_fixture (gconstpointer data)
{
  gboolean b_first = GPOINTER_TO_INT (data) == 1;
  gboolean a_only = GPOINTER_TO_INT (data) == 2;
  const char *shared = g_getenv ("GW_SHARED_DIR");
  g_autofree char *dir = NULL, *a = NULL, *b = NULL, *expected = NULL, *summary = NULL;
  g_autofree char *summary_path = NULL, *expected_path = NULL;
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autoptr(GwTarget) target = gw_target_new_builtin ("le-2010");
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GwTrackerSummary sum;
  g_autofree char *line = NULL;

  if (shared == NULL)
    {
      g_test_skip ("GW_SHARED_DIR is not set");
      return;
    }
  dir = g_build_filename (shared, "data", "fixtures", "tracker-70", NULL);
  a = g_build_filename (dir, "le-a.xml", NULL);
  b = g_build_filename (dir, "le-b-revision.xml", NULL);
  if (!g_file_test (a, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no tracker-70 fixture");
      return;
    }

  if (b_first)
    {
      /* the revision names areas only le-a declares: the import task reads
       * it again after le-a, and its later generated date still wins */
      const char *paths[] = { b, a, NULL };
      g_autoptr(GwImportTask) task = gw_import_task_new (ds, paths);

      g_assert_true (gw_import_task_run (task, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (gw_import_task_get_n_failed (task), ==, 0);
      g_assert_cmpint (gw_import_task_get_result (task, 0)->kind, ==, GW_IMPORT_RESULT_IMPORTED);
      g_assert_cmpint (gw_import_task_get_result (task, 1)->kind, ==, GW_IMPORT_RESULT_IMPORTED);
    }
  else
    {
      import_file (ds, a);
      if (!a_only)
        import_file (ds, b);
    }

  rows = gw_tracker_run (ds, target, NULL, NULL, &error);
  g_assert_no_error (error);
  gw_tracker_summarise (rows, &sum);
  line = g_strdup_printf ("both=%u men-only=%u women-only=%u neither=%u insufficient-data=%u",
                          sum.both, sum.men_only, sum.women_only, sum.neither, sum.insufficient_data);
  summary_path = g_build_filename (dir, a_only ? "summary-export-a-only.txt" : "summary.txt", NULL);
  g_assert_true (g_file_get_contents (summary_path, &summary, NULL, NULL));
  g_assert_cmpstr (line, ==, g_strstrip (summary));
  if (a_only)
    return;

  expected_path = g_build_filename (dir, "expected.csv", NULL);
  g_assert_true (g_file_get_contents (expected_path, &expected, NULL, NULL));
  lines = g_strsplit (g_strstrip (expected), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines) - 1, ==, rows->len);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], ",", -1);
      const GwTrackerRow *r = g_ptr_array_index (rows, i - 1);
      char buf[GW_PERIOD_STRLEN];

      g_assert_cmpuint (g_strv_length (f), ==, 13);
      g_assert_cmpstr (r->code, ==, f[0]);
      g_assert_cmpstr (r->name, ==, f[1]);
      g_assert_cmpstr (gw_sex_to_string (r->sex), ==, f[2]);
      g_assert_cmpstr (r->baseline_period ? gw_period_format (r->baseline_period, buf) : "", ==, f[3]);
      assert_close (field_number (f[4]), r->baseline_gap, "baseline_gap", f[0]);
      g_assert_cmpstr (r->latest_period ? gw_period_format (r->latest_period, buf) : "", ==, f[5]);
      assert_close (field_number (f[6]), r->latest_gap, "latest_gap", f[0]);
      assert_close (field_number (f[7]), r->change_since_baseline, "change_since_baseline", f[0]);
      assert_close (field_number (f[8]), r->target_gap, "target_gap", f[0]);
      assert_close (field_number (f[9]), r->trajectory_gap, "trajectory_gap", f[0]);
      assert_close (field_number (f[10]), r->projected_gap, "projected_gap", f[0]);
      assert_close (field_number (f[11]), r->required_narrowing, "required_narrowing", f[0]);
      g_assert_cmpstr (gw_target_status_to_string (r->status), ==, f[12]);
    }
}


/* Student's t quantiles against R's qt (a statistics table to 8 figures
 * agrees): both tails, 1 to 100 degrees of freedom, odd and even. */
static void
test_t_quantile (void)
{
  static const struct { double p; guint df; double q; } table[] = {
    { 0.975, 1, 12.706204736174698 }, { 0.975, 2, 4.302652729749464 },
    { 0.975, 3, 3.182446305284263 },  { 0.975, 4, 2.776445105197793 },
    { 0.975, 5, 2.570581835636314 },  { 0.975, 8, 2.306004135204166 },
    { 0.975, 10, 2.228138851986273 }, { 0.975, 20, 2.085963447265837 },
    { 0.975, 30, 2.042272456301238 }, { 0.975, 100, 1.983971518523552 },
    { 0.95, 10, 1.812461122811676 },  { 0.995, 5, 4.032142983557536 },
    { 0.025, 7, -2.364624251592785 }, { 0.5, 9, 0.0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      double q = gw_t_quantile (table[i].p, table[i].df);

      if (fabs (q - table[i].q) > 1e-9 * MAX (1.0, fabs (table[i].q)))
        g_error ("qt (%g, %u): expected %.15g, got %.15g", table[i].p, table[i].df, table[i].q, q);
      /* and the distribution function back */
      g_assert_cmpfloat_with_epsilon (gw_t_cdf (q, table[i].df), table[i].p, 1e-12);
    }
  /* closed forms: df 1 is Cauchy, df 2 has P(T <= t) = 1/2 + t / (2 sqrt (2 + t^2)) */
  g_assert_cmpfloat_with_epsilon (gw_t_cdf (1.0, 1), 0.75, 1e-15);
  g_assert_cmpfloat_with_epsilon (gw_t_cdf (1.5, 2), 0.5 + 1.5 / (2 * sqrt (2 + 2.25)), 1e-15);
  g_assert_true (isnan (gw_t_quantile (0.975, 0)));
  g_assert_true (isnan (gw_t_quantile (1.0, 5)));
}

/* Holt's interval against a reference computed apart from Gapwatch (the
 * same 0.05 grid, ETS(A,A,N) variance of methods.md section 7, in Python):
 * gaps 2.5, 2.3, 2.45, 2.1, 2.2, 1.9 from 1995-1997: alpha 0.3, beta 1.0,
 * sigma 0.20907914769292546 over the 4 genuine one-step errors, h = 9,
 * forecast 1.2825, half-width 2.1118975550446946. */
static void
test_holt_interval (void)
{
  static const double england[] = { 80, 80, 80, 80, 80, 80 };
  static const double area[] = { 78, 78.16, 78.04, 78.32, 78.24, 78.48 };
  Fixture fx = { "le-birth", GW_POLARITY_HIGHER_IS_BETTER, 6, england, 1, area, NULL };
  g_autoptr(GwDataset) ds = make_dataset (&fx);
  g_autoptr(GwTarget) target = gw_target_new_builtin ("le-2010");
  g_autoptr(GPtrArray) rows = NULL;
  const GwTrackerRow *r;
  double half = 2.1118975550446946;

  g_free (target->group);
  target->group = g_strdup ("g");
  target->method = GW_PROJECTION_HOLT;
  rows = gw_tracker_run (ds, target, NULL, NULL, NULL);
  r = find_row (rows, "A1", GW_SEX_MALE);
  g_assert_cmpfloat_with_epsilon (r->projected_gap, 1.2825, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->projected_lower95, 1.2825 - half, 1e-9);
  g_assert_cmpfloat_with_epsilon (r->projected_upper95, 1.2825 + half, 1e-9);
  /* the target 2.25 inside the interval */
  g_assert_cmpint (r->status, ==, GW_STATUS_ON_TRACK);
  g_assert_cmpint (r->certainty, ==, GW_CERTAINTY_UNCERTAIN);

  /* the formula itself: one step ahead is sigma z, whatever alpha and beta */
  g_assert_cmpfloat_with_epsilon (gw_tracker_holt_interval_halfwidth (2.0, 0.4, 0.7, 1.0), 2.0 * GW_Z_95, 1e-12);
  /* h = 3, alpha 0.5, beta 0.2 (ETS beta 0.1): 1 + 2 (0.25 + 0.15 + 0.01 x 3 x 5 / 6) = 1.85 */
  g_assert_cmpfloat_with_epsilon (gw_tracker_holt_interval_halfwidth (1.0, 0.5, 0.2, 3.0),
                                  GW_Z_95 * sqrt (1.85), 1e-12);
  g_assert_true (isnan (gw_tracker_holt_interval_halfwidth (0.0, 0.5, 0.2, 3.0)));
}

/* Splits a CSV line of the fixtures (no quoted fields there). */
static GHashTable *
csv_record (char **header, const char *line)
{
  g_auto(GStrv) f = g_strsplit (line, ",", -1);
  GHashTable *rec = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_assert_cmpuint (g_strv_length (f), ==, g_strv_length (header));
  for (guint i = 0; header[i] != NULL; i++)
    g_hash_table_insert (rec, header[i], g_strdup (f[i]));
  return rec;
}

/* The verdict fixture: 40 areas with published limits, some no worse than
 * England at baseline; every column of expected.csv, numbers to 1e-3 and
 * text exactly, and the summary line. */
static void
test_verdict_fixture (void)
{
  const char *shared = g_getenv ("GW_SHARED_DIR");
  g_autofree char *dir = NULL, *le = NULL, *expected = NULL, *summary = NULL, *path = NULL, *line = NULL;
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autoptr(GwTarget) target = gw_target_new_builtin ("le-2010");
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  GwTrackerSummary sum;
  guint n_members = 0, n_opened = 0, n_uncertain = 0;

  if (shared == NULL)
    {
      g_test_skip ("GW_SHARED_DIR is not set");
      return;
    }
  dir = g_build_filename (shared, "data", "fixtures", "verdict-40", NULL);
  le = g_build_filename (dir, "le.xml", NULL);
  if (!g_file_test (le, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no verdict-40 fixture");
      return;
    }
  import_file (ds, le);
  rows = gw_tracker_run (ds, target, NULL, NULL, &error);
  g_assert_no_error (error);

  path = g_build_filename (dir, "expected.csv", NULL);
  g_assert_true (g_file_get_contents (path, &expected, NULL, NULL));
  lines = g_strsplit (g_strstrip (expected), "\n", -1);
  header = g_strsplit (lines[0], ",", -1);
  for (guint i = 0; i < rows->len; i++)
    n_members += !((GwTrackerRow *) g_ptr_array_index (rows, i))->is_group;
  g_assert_cmpuint (g_strv_length (lines) - 1, ==, n_members);

  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_autoptr(GHashTable) e = csv_record (header, lines[i]);
      const char *code = g_hash_table_lookup (e, "area_code");
      const char *sex = g_hash_table_lookup (e, "sex");
      const GwTrackerRow *r = find_row (rows, code, g_str_equal (sex, "m") ? GW_SEX_MALE
                                                     : g_str_equal (sex, "f") ? GW_SEX_FEMALE : GW_SEX_PERSONS);
      char buf[GW_PERIOD_STRLEN];
      const struct { const char *name; double value; } numbers[] = {
        { "baseline_gap", r->baseline_gap }, { "latest_gap", r->latest_gap },
        { "latest_gap_lower95", r->latest_gap_lower95 }, { "latest_gap_upper95", r->latest_gap_upper95 },
        { "change_since_baseline", r->change_since_baseline }, { "change_pp", r->change_pp },
        { "target_gap", r->target_gap }, { "trajectory_gap", r->trajectory_gap },
        { "projected_gap", r->projected_gap }, { "projected_lower95", r->projected_lower95 },
        { "projected_upper95", r->projected_upper95 }, { "required_narrowing", r->required_narrowing },
      };
      g_autofree char *what = g_strdup_printf ("%s %s", code, sex);

      /* every column of the fixture is checked */
      g_assert_cmpuint (g_hash_table_size (e), ==, G_N_ELEMENTS (numbers) + 6);
      g_assert_cmpstr (r->name, ==, g_hash_table_lookup (e, "area_name"));
      g_assert_cmpstr (gw_period_format (r->latest_period, buf), ==, g_hash_table_lookup (e, "latest_period"));
      g_assert_cmpstr (gw_target_status_to_string (r->status), ==, g_hash_table_lookup (e, "status"));
      g_assert_cmpstr (gw_certainty_to_string (r->certainty), ==, g_hash_table_lookup (e, "certainty"));
      for (guint k = 0; k < G_N_ELEMENTS (numbers); k++)
        assert_close (field_number (g_hash_table_lookup (e, numbers[k].name)), numbers[k].value,
                      numbers[k].name, what);

      /* a gap that opened is off track and says so first */
      if (r->baseline_gap <= 0 && r->latest_gap > 0)
        {
          n_opened++;
          g_assert_cmpint (r->status, ==, GW_STATUS_OFF_TRACK);
          g_assert_cmpint (r->reason, ==, GW_REASON_GAP_OPENED);
          g_assert_true (g_str_has_prefix (r->reason_text, "the gap has opened: no worse than England in 1995-1997"));
        }
      if (r->certainty == GW_CERTAINTY_UNCERTAIN)
        {
          n_uncertain++;
          g_assert_nonnull (strstr (r->reason_text, "; too close to call: the target lies inside the projection’s 95% interval ("));
        }
      /* "3.7% against a target of 3.7%" would contradict the status */
      if (g_str_equal (code, "E07000004") && r->sex == GW_SEX_MALE)
        g_assert_cmpstr (r->reason_text, ==,
                         "on track: the trend since 1995-1997 projects 3.68% in 2009-2011 against a target of "
                         "3.73%; too close to call: the target lies inside the projection’s 95% interval "
                         "(3.6% to 3.8%)");
      if (r->reason == GW_REASON_MEETS_BUT_TREND)
        g_assert_nonnull (strstr (r->reason_text, "already meets the target, but the trend since 1995-1997 projects"));
    }
  /* the README's five areas whose gap opens (both sexes of some) */
  g_assert_cmpuint (n_opened, >=, 5);
  g_assert_cmpuint (n_uncertain, >, 0);

  gw_tracker_summarise (rows, &sum);
  line = g_strdup_printf ("both=%u men-only=%u women-only=%u neither=%u insufficient-data=%u",
                          sum.both, sum.men_only, sum.women_only, sum.neither, sum.insufficient_data);
  g_free (path);
  path = g_build_filename (dir, "summary.txt", NULL);
  g_assert_true (g_file_get_contents (path, &summary, NULL, NULL));
  g_assert_cmpstr (line, ==, g_strstrip (summary));
  g_assert_cmpuint (sum.uncertain, ==, sum.both_uncertain + sum.men_only_uncertain
                                       + sum.women_only_uncertain + sum.neither_uncertain);
  g_assert_cmpuint (sum.uncertain, >, 0);
}


/* Imports the bundled samples in name order (without the published values
 * of 07-* unless with_published) into ds; FALSE when there are none. */
static gboolean
import_samples (GwDataset *ds, gboolean with_published)
{
  const char *dir = g_getenv ("GW_SAMPLES_DIR");
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;

  if (dir == NULL || (d = g_dir_open (dir, 0, NULL)) == NULL)
    return FALSE;
  while ((name = g_dir_read_name (d)) != NULL)
    if ((g_str_has_suffix (name, ".xml") || g_str_has_suffix (name, ".xml.gz"))
        && (with_published || !g_str_has_prefix (name, "07-")))
      g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (paths, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (paths, NULL);

  task = gw_import_task_new (ds, (const char *const *) paths->pdata);
  g_assert_true (gw_import_task_run (task, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gw_import_task_get_n_failed (task), ==, 0);
  return TRUE;
}

/* Every bundled sample, as `gapwatch-cli track` reads data/samples:
 * under both built-in targets, no area whose gap opened (no worse than
 * England at baseline, worse at the latest period) is on track or "no
 * gap".  (Before issue 13, Gateshead's infant mortality gap went from -1.5%
 * to +10.1% and showed "no gap".) */
static void
test_samples_opened_gaps (void)
{
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autoptr(GwIndicators) ind = NULL;
  g_autoptr(GError) error = NULL;
  guint n_opened = 0, n_middlesbrough = 0;

  if (!import_samples (ds, TRUE))
    {
      g_test_skip ("no samples");
      return;
    }
  ind = gw_indicators_compute (ds);

  for (const char *const *id = gw_target_builtin_names (); *id != NULL; id++)
    {
      g_autoptr(GwTarget) target = gw_target_new_builtin (*id);
      g_autoptr(GPtrArray) rows = gw_tracker_run (ds, target, gw_tracker_indicators_series, ind, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < rows->len; i++)
        {
          const GwTrackerRow *r = g_ptr_array_index (rows, i);

          /* the Middlesbrough: "Not on track" with no reason before */
          if (g_str_equal (*id, "imr-2010") && g_str_equal (r->code, "E06000002"))
            {
              g_assert_cmpint (r->reason, ==, GW_REASON_MEETS_BUT_TREND);
              g_assert_cmpstr (r->reason_text, ==,
                               "off track: the latest gap (-0.8% in 2005-2007) already meets the target, but "
                               "the trend since 1997-1999 projects 27.9% in 2009-2011 against a target of "
                               "17.6%; too close to call: the target lies inside the projection’s 95% "
                               "interval (-30.4% to 86.2%)");
              n_middlesbrough++;
            }
          if (!(r->baseline_gap <= 0 && r->latest_gap > 0))
            continue;
          n_opened++;
          if (r->status != GW_STATUS_OFF_TRACK || r->reason != GW_REASON_GAP_OPENED)
            g_error ("%s: %s %s opened from %.4f to %.4f but is %s (%s)", *id, r->name,
                     gw_sex_to_string (r->sex), r->baseline_gap, r->latest_gap,
                     gw_target_status_to_string (r->status), gw_tracker_reason_to_string (r->reason));
          /* required narrowing: all of it */
          g_assert_cmpfloat_with_epsilon (r->required_narrowing, 100.0, 1e-9);
          g_assert_true (isnan (r->change_since_baseline));
        }
    }
  /* the samples do have such areas (infant mortality: Gateshead, Wigan, ...) */
  g_assert_cmpuint (n_opened, >, 0);
  g_assert_cmpuint (n_middlesbrough, ==, 1);
}

/* The samples without their published values: the Spearhead Group's gap
 * comes from the group's pooled counts through the indicator engine. */
static void
test_group_computed (void)
{
  g_autoptr(GwDataset) ds = gw_dataset_new ();
  g_autoptr(GwIndicators) ind = NULL;
  g_autoptr(GwTarget) target = gw_target_new_builtin ("le-2010");
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  const GwTrackerRow *r;
  const GwIndicatorValue *e = NULL, *g = NULL;
  guint start, n;
  gint le;

  if (!import_samples (ds, FALSE))
    {
      g_test_skip ("no samples");
      return;
    }
  g_assert_cmpint (gw_dataset_lookup_indicator (ds, "le-birth"), <, 0);

  ind = gw_indicators_compute (ds);
  rows = gw_tracker_run (ds, target, gw_tracker_indicators_series, ind, &error);
  g_assert_no_error (error);
  r = g_ptr_array_index (rows, 0);
  g_assert_true (r->is_group);
  g_assert_cmpint (r->sex, ==, GW_SEX_MALE);
  g_assert_cmpint (r->status, !=, GW_STATUS_INSUFFICIENT_DATA);

  /* the baseline gap is England's and the group's computed e0, 1995-1997 */
  le = gw_indicators_lookup_id (ind, "le-birth");
  n = gw_indicators_series (ind, le, FALSE, gw_dataset_get_country (ds), GW_SEX_MALE, &start);
  for (guint i = start; i < start + n; i++)
    if (gw_indicators_get_value (ind, i)->period == gw_period_pooled (1995, 1997)
        && !gw_indicators_get_value (ind, i)->rolling)
      e = gw_indicators_get_value (ind, i);
  n = gw_indicators_series (ind, le, TRUE, gw_dataset_lookup_group (ds, "spearhead"), GW_SEX_MALE, &start);
  for (guint i = start; i < start + n; i++)
    if (gw_indicators_get_value (ind, i)->period == gw_period_pooled (1995, 1997)
        && !gw_indicators_get_value (ind, i)->rolling)
      g = gw_indicators_get_value (ind, i);
  if (e == NULL || g == NULL)
    g_error ("no computed e0 for England or the group in 1995-1997");
  g_assert_cmpint (g->source, ==, GW_SOURCE_COMPUTED);
  g_assert_cmpfloat_with_epsilon (r->baseline_gap, 100.0 * (e->value - g->value) / e->value, 1e-9);
  /* the generator's spearheads are about 2 years below England for men */
  g_assert_cmpfloat (e->value - g->value, >, 1.5);
  g_assert_cmpfloat (e->value - g->value, <, 2.5);
}

int
main (int argc, char *argv[])
{
  gw_formats_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gw/tracker/linear/off-track", test_linear_off_track);
  g_test_add_func ("/gw/tracker/latest/on-track", test_latest_method);
  g_test_add_func ("/gw/tracker/target-period/observed", test_target_period_observed);
  g_test_add_func ("/gw/tracker/holt/linear-series", test_holt_linear_series);
  g_test_add_func ("/gw/tracker/status/no-gap-insufficient", test_no_gap_and_insufficient);
  g_test_add_func ("/gw/tracker/absolute/lower-is-better", test_lower_is_better_absolute);
  g_test_add_data_func ("/gw/tracker/fixture-70/a-then-b", GINT_TO_POINTER (0), run_fixture);
  g_test_add_data_func ("/gw/tracker/fixture-70/b-then-a", GINT_TO_POINTER (1), run_fixture);
  g_test_add_data_func ("/gw/tracker/fixture-70/a-only", GINT_TO_POINTER (2), run_fixture);
  g_test_add_func ("/gw/tracker/group/computed-from-counts", test_group_computed);
  g_test_add_func ("/gw/tracker/interval/t-quantile", test_t_quantile);
  g_test_add_func ("/gw/tracker/interval/holt", test_holt_interval);
  g_test_add_func ("/gw/tracker/fixture-verdict-40", test_verdict_fixture);
  g_test_add_func ("/gw/tracker/samples/opened-gaps-off-track", test_samples_opened_gaps);
  return g_test_run ();
}
