/* test-area-gap-why.c: "Why the gap" and "What it would take" in the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sections of the area view on the decomp-6 fixture (gw-test-decomp.h)
 * with a target on that area: a baseline of 2004-2006 whose gap is to
 * narrow by 10%, so the target gap is the fixture's gap times 0.9.  The
 * sentences are the render layer's for the session's numbers; the what-if
 * is checked against the method run here on the same decomposition.
 * GW_SCREENSHOT_DIR set: the widget is also saved as a PNG to look at.
 */
#include "gw-config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <gtk/gtk.h>

#include "formats/gw-formats.h"
#include "ui/gw-area-gap-why.h"
#include "ui/gw-chart-view.h"

#include "gw-test-decomp.h"

static void
save_widget (GtkWidget  *widget,
             const char *name)
{
  const char *dir = g_getenv ("GW_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);

  if (dir == NULL)
    return;
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

static void
test_sections (void)
{
  g_autoptr(GwTestDecomp) t = gw_test_decomp_new ("E08100001", "Fixture One");
  g_autoptr(GwSession) session = gw_session_new ();
  g_autoptr(GwTarget) target = gw_target_new_builtin ("le-2010");
  g_autoptr(GError) error = NULL;
  g_autoptr(GwTrackerItem) item = NULL;
  GwTrackerResult *result;
  GPtrArray *rows;
  GtkWidget *window, *why;
  GwChart *chart;
  double e0, target_gap = NAN;
  const char *text;

  gw_session_set_dataset (session, t->dataset);
  g_assert_true (gw_target_subject_parse ("area:E08100001", target));
  target->baseline = gw_period_pooled (2004, 2006);
  target->target_period = gw_period_pooled (2009, 2011);
  target->reduction = 0.10;
  gw_session_set_target (session, target);
  result = gw_session_get_result (session, &error);
  g_assert_no_error (error);
  rows = gw_tracker_result_get_rows (result);
  g_assert_cmpuint (rows->len, ==, 2);
  item = gw_tracker_item_new (rows, 0, 2);
  for (guint i = 0; i < rows->len; i++)
    if (((GwTrackerRow *) g_ptr_array_index (rows, i))->sex == GW_SEX_MALE)
      target_gap = ((GwTrackerRow *) g_ptr_array_index (rows, i))->target_gap;
  g_assert_true (isfinite (target_gap));

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 1300);
  why = gw_area_gap_why_new ();
  gtk_window_set_child (GTK_WINDOW (window), why);
  gw_area_gap_why_set_session (GW_AREA_GAP_WHY (why), session);
  {
    /* computed in a thread: the call returns at once; say how long the
     * thread took (a message, not an assertion: speed belongs to
     * tests/bench) */
    gint64 start = g_get_monotonic_time ();

    gw_area_gap_why_set_item (GW_AREA_GAP_WHY (why), item);
    g_assert_true (gw_area_gap_why_get_computing (GW_AREA_GAP_WHY (why)));
    g_assert_cmpstr (gw_area_gap_why_get_why_text (GW_AREA_GAP_WHY (why)), ==, "");
    while (gw_area_gap_why_get_computing (GW_AREA_GAP_WHY (why)))
      g_main_context_iteration (NULL, TRUE);
    g_test_message ("decomposition, deaths to prevent and charts of both sexes: %.1f ms",
                    (g_get_monotonic_time () - start) / 1000.0);
  }
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);

  /* why: one sentence per sex, the render layer's for the fixture's men */
  {
    g_autofree char *men = gw_decomp_why_sentence (t->decomp[0]);
    g_autofree char *women = gw_decomp_why_sentence (t->decomp[1]);
    g_autofree char *want = g_strdup_printf ("Men: %s\nWomen: %s", men, women);

    text = gw_area_gap_why_get_why_text (GW_AREA_GAP_WHY (why));
    g_test_message ("why: %s", text);
    g_assert_cmpstr (text, ==, want);
  }
  /* the charts: the scarf and the age bars of both sexes */
  chart = gw_chart_view_get_chart (GW_CHART_VIEW (gw_area_gap_why_get_chart (GW_AREA_GAP_WHY (why), 0)));
  g_assert_nonnull (chart);
  g_assert_cmpstr (gw_chart_get_title (chart), ==, "Why the gap: Fixture One");
  /* decompose.csv: men -1.823567921, women -2.002856155 */
  g_assert_nonnull (strstr (gw_chart_get_description (chart), "Men: a gap of 1.82 years"));
  g_assert_nonnull (strstr (gw_chart_get_description (chart), "Women: a gap of 2.00 years"));
  chart = gw_chart_view_get_chart (GW_CHART_VIEW (gw_area_gap_why_get_chart (GW_AREA_GAP_WHY (why), 1)));
  g_assert_cmpint (gw_chart_get_kind (chart), ==, GW_CHART_AGE_CAUSE);

  /* what it would take: deaths to prevent for the target's gap */
  text = gw_area_gap_why_get_take_text (GW_AREA_GAP_WHY (why));
  g_test_message ("take: %s", text);
  {
    /* the target's gap is not the fixture's 1%: the numbers differ, the
     * form not */
    g_assert_true (g_str_has_prefix (text, "About "));
    g_assert_nonnull (strstr (text, "would bring men’s life expectancy to"));
    g_assert_nonnull (strstr (text, "\nAbout "));
    g_assert_nonnull (strstr (text, "would bring women’s life expectancy to"));
  }

  /* what if: 50 fewer circulatory deaths a year at 45-74 (bands 10 to 15)
   * for men: the e0 the method gives, the gap against the target's */
  {
    GwDecompPrevention p = { 0, 10, 15, 50 };
    g_autofree char *e0_text = NULL, *now = NULL, *want = NULL;
    double gap;

    g_assert_cmpstr (t->decomp[0]->causes[0].id, ==, "circulatory");
    g_assert_true (gw_gap_decomp_what_if (t->decomp[0], &p, 1, &e0, &error));
    g_assert_no_error (error);
    g_assert_cmpfloat (e0, >, t->decomp[0]->e0_area);
    gap = gw_gap_decomp_gap (t->decomp[0], e0, TRUE);
    e0_text = g_strdup_printf ("%.2f", e0);
    now = g_strdup_printf ("%.2f", t->decomp[0]->e0_area);
    want = g_strdup_printf ("Men’s life expectancy would be %s years (%s now): a gap of %.2f%% against the "
                            "target’s %.2f%%: %s.", e0_text, now, gap, target_gap,
                            gap <= target_gap ? "on track" : "off track");
    text = gw_area_gap_why_what_if (GW_AREA_GAP_WHY (why), 0, 0, 10, 15, 50);
    g_assert_cmpstr (text, ==, want);
  }
  /* more deaths prevented than there are: the method's refusal, shown */
  text = gw_area_gap_why_what_if (GW_AREA_GAP_WHY (why), 0, 0, 0, 0, 1e6);
  g_assert_nonnull (text);
  g_assert_false (g_str_has_prefix (text, "Men’s life expectancy would be"));
  /* a lot prevented from every cause at every age: on track */
  text = gw_area_gap_why_what_if (GW_AREA_GAP_WHY (why), 0, GW_DECOMP_ALL, 0, t->decomp[0]->n_bands - 1,
                                  gw_gap_reckoning_get (t->reckoning[0], GW_DECOMP_ALL, GW_DECOMP_ALL) * 2);
  g_assert_true (g_str_has_suffix (text, ": on track.") || g_str_has_suffix (text, ": no gap."));

  gtk_test_widget_wait_for_draw (window);
  save_widget (why, "area-gap-why.png");

  /* no item: the sections hide */
  gw_area_gap_why_set_item (GW_AREA_GAP_WHY (why), NULL);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_first_child (why)));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  gw_formats_init ();

  g_test_add_func ("/gw/area-gap-why/sections", test_sections);

  return g_test_run ();
}
