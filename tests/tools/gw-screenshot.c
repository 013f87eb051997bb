/* gw-screenshot.c: the metainfo's screenshots, taken from the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * build-aux/screenshots runs this under xvfb-run: the window imports the
 * sample exports in name order, then each view is rendered by the window's
 * own GSK renderer into a PNG (no screen grabbing, so no window manager or
 * compositor is needed and the pictures are the same on every machine).
 * Usage: gw-screenshot SAMPLES_DIR OUTPUT_DIR [WIDTH HEIGHT]
 * (the size of the window's content; 1200×750 by default; with a size
 * given, also tracker-trend.png, scrolled down to the area's trend chart)
 *
 * With GW_SCREENSHOT_ALL set it also shoots what a review looks at: the
 * table with nothing selected, each section of the area view scrolled into
 * view (area-figures.png ... area-inequality.png) and the target editor;
 * GW_SCREENSHOT_AREA chooses the area (E06000001 by default).
 */
#include "gw-config.h"

#include <locale.h>
#include <stdlib.h>

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "formats/gw-export-reader.h"
#include "ui/gw-application.h"
#include "ui/gw-area-gap-why.h"
#include "ui/gw-area-inequality.h"
#include "ui/gw-area-view.h"
#include "ui/gw-target-editor.h"
#include "ui/gw-tracker-view.h"
#include "ui/gw-window.h"

#include "../gw-test-ui.h"

static void
save_window (gpointer    window,
             const char *dir,
             const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  int width = gtk_widget_get_width (GTK_WIDGET (window));
  int height = gtk_widget_get_height (GTK_WIDGET (window));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert (node != NULL);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("cannot write %s", path);
  g_print ("%s (%d×%d)\n", path, width, height);
}

static GwTrackerView *
find_tracker_view (GwWindow *window)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (window), GW_TYPE_TRACKER_VIEW, NULL, views);
  g_assert (views->len == 1);
  return g_ptr_array_index (views, 0);
}

static GtkWidget *
find_one (GtkWidget *root,
          GType      type)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_widgets (root, type, NULL, found);
  g_assert (found->len >= 1);
  return g_ptr_array_index (found, 0);
}

/* Until the area view's sections computed in threads (the decomposition,
 * the SII) have filled in. */
static void
wait_area_sections (GwWindow *window)
{
  GtkWidget *area = find_one (GTK_WIDGET (window), GW_TYPE_AREA_VIEW);
  GtkWidget *why = find_one (area, GW_TYPE_AREA_GAP_WHY);
  GtkWidget *inequality = find_one (area, GW_TYPE_AREA_INEQUALITY);
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (120, on_timeout, &timed_out);

  while ((gw_area_gap_why_get_computing (GW_AREA_GAP_WHY (why))
          || gw_area_inequality_get_busy (GW_AREA_INEQUALITY (inequality)))
         && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout_id);
  wait_window_idle (window, 60);
}

/* Each section of the area view scrolled to the top of its pane, as a
 * director reading down it sees them: area-figures.png, area-charts.png ... */
static void
save_area_sections (GwWindow   *window,
                    const char *dir,
                    const char *prefix)
{
  static const struct { const char *heading; const char *file; } sections[] = {
    { N_("Key Figures"), "figures" },
    { N_("Charts"), "charts" },
    { N_("Why the Gap"), "why" },
    { N_("What It Would Take"), "take" },
    { N_("Inequality Within the Area"), "inequality" },
  };
  GtkWidget *area = find_one (GTK_WIDGET (window), GW_TYPE_AREA_VIEW);
  GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (find_one (area, GTK_TYPE_SCROLLED_WINDOW));
  GtkWidget *content = gtk_scrolled_window_get_child (scrolled);
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_widgets (area, GTK_TYPE_LABEL, "heading", labels);
  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      const char *heading = _(sections[s].heading);
      GtkWidget *label = NULL;
      graphene_point_t top;
      g_autofree char *name = NULL;

      for (guint i = 0; i < labels->len && label == NULL; i++)
        if (g_strcmp0 (gtk_label_get_label (g_ptr_array_index (labels, i)), heading) == 0
            && gtk_widget_get_mapped (g_ptr_array_index (labels, i)))
          label = g_ptr_array_index (labels, i);
      if (label == NULL)
        {
          g_print ("%s: no section \"%s\" shown\n", prefix, heading);
          continue;
        }
      if (!gtk_widget_compute_point (label, content, &GRAPHENE_POINT_INIT (0, 0), &top))
        g_error ("the section \"%s\" is not in the area view", heading);
      /* The viewport's coordinates are the scrolled ones. */
      gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_value (vadjustment) + top.y - 12);
      wait_window_idle (window, 60);
      name = g_strdup_printf ("%s-%s.png", prefix, sections[s].file);
      save_window (window, dir, name);
    }
  gtk_adjustment_set_value (vadjustment, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GwApplication) app = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  GwWindow *window;
  const char *name;
  int width = 1200, height = 750;
  /* A review: every page a director sees, not only the metainfo's two. */
  gboolean all = g_getenv ("GW_SCREENSHOT_ALL") != NULL;

  setlocale (LC_ALL, "");
  /* Translated as the window is (LANGUAGE=cy), from the build tree's catalogues. */
  if (g_file_test (GW_BUILD_LOCALEDIR, G_FILE_TEST_IS_DIR))
    bindtextdomain (GETTEXT_PACKAGE, GW_BUILD_LOCALEDIR);
  else
    bindtextdomain (GETTEXT_PACKAGE, GW_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  if (argc != 3 && argc != 5)
    {
      g_printerr ("usage: gw-screenshot SAMPLES_DIR OUTPUT_DIR [WIDTH HEIGHT]\n");
      return 2;
    }
  /* Other sizes: how the window looks on a laptop or at half a screen. */
  if (argc == 5)
    {
      width = atoi (argv[3]);
      height = atoi (argv[4]);
      if (width < 100 || height < 100)
        {
          g_printerr ("gw-screenshot: WIDTH and HEIGHT are pixels, at least 100\n");
          return 2;
        }
    }

  gtk_init ();
  gw_formats_init ();
  /* A page switch would otherwise be caught half-way through its slide. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  dir = g_dir_open (argv[1], 0, &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".xml") || g_str_has_suffix (name, ".xml.gz"))
      g_ptr_array_add (paths, g_build_filename (argv[1], name, NULL));
  g_ptr_array_sort (paths, compare_paths);
  g_ptr_array_add (paths, NULL);

  app = gw_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);

  /* 1200×750: what Flathub and GNOME Software show without scaling. */
  window = gw_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  wait_window_idle (window, 120);
  /* The default size counts the frame's decorations; grow the window by
   * what they took so that its content is 1200×750. */
  gtk_window_set_default_size (GTK_WINDOW (window),
                               2 * width - gtk_widget_get_width (GTK_WIDGET (window)),
                               2 * height - gtk_widget_get_height (GTK_WIDGET (window)));
  wait_window_idle (window, 60);

  gw_window_import_files (window, (const char * const *) paths->pdata);
  wait_window_idle (window, 300);

  /* The table as it opens, nothing selected. */
  gw_window_show_page (window, "tracker");
  wait_window_idle (window, 60);
  if (all)
    save_window (window, argv[2], "table.png");

  /* The tracker with an area chosen: its figures and chart beside the table. */
  gw_tracker_view_select_code (find_tracker_view (window), g_getenv ("GW_SCREENSHOT_AREA") != NULL
                               ? g_getenv ("GW_SCREENSHOT_AREA") : "E06000001");
  wait_window_idle (window, 60);
  wait_area_sections (window);
  save_window (window, argv[2], "tracker.png");
  if (all)
    save_area_sections (window, argv[2], "area");

  /* At a size given (for looking, not the metainfo's pictures): the same,
   * scrolled down to the area's trend chart, its legend and the periods
   * marked on it. */
  if (argc == 5)
  {
    g_autoptr(GPtrArray) areas = g_ptr_array_new ();
    GtkWidget *chart, *scrolled;
    graphene_point_t top;

    collect_widgets (GTK_WIDGET (window), GW_TYPE_AREA_VIEW, NULL, areas);
    g_assert (areas->len == 1);
    chart = gw_area_view_get_chart (g_ptr_array_index (areas, 0), 1);
    scrolled = gtk_widget_get_ancestor (chart, GTK_TYPE_SCROLLED_WINDOW);
    if (chart != NULL && scrolled != NULL
        && gtk_widget_compute_point (chart, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                     &GRAPHENE_POINT_INIT (0, 0), &top))
      {
        GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

        gtk_adjustment_set_value (v, top.y - 12);
        wait_window_idle (window, 60);
        save_window (window, argv[2], "tracker-trend.png");
      }
  }

  gw_window_show_page (window, "imports");
  wait_window_idle (window, 60);
  save_window (window, argv[2], "imports.png");

  if (all)
    {
      GtkWindow *editor;

      gw_window_show_page (window, "tracker");
      gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-targets", NULL);
      wait_window_idle (window, 60);
      editor = find_toplevel (GW_TYPE_TARGET_EDITOR);
      g_assert (editor != NULL);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (editor));
      save_window (editor, argv[2], "target-editor.png");
      gtk_window_destroy (editor);
    }

  /* GW_SCREENSHOT_SII=1: also a target on the SII within each area (the
   * LSOA sample's areas), to look at; not one of the metainfo's. */
  if (g_getenv ("GW_SCREENSHOT_SII") != NULL)
    {
      g_autoptr(GwTarget) sii = gw_target_new ("sii-look");

      sii->title = g_strdup ("SII 2002–2004 to 2008–2010");
      sii->indicator = g_strdup ("le-birth");
      sii->group = g_strdup ("spearhead");
      sii->subject = GW_TARGET_SUBJECT_MEMBERS;
      sii->measure = GW_TARGET_MEASURE_SII;
      sii->gap = GW_GAP_ABSOLUTE;
      sii->baseline = gw_period_pooled (2002, 2004);
      sii->target_period = gw_period_pooled (2008, 2010);
      sii->reduction = 0.2;
      if (!gw_session_save_target (gw_window_get_session (window), sii, &error))
        g_error ("%s", error->message);
      g_assert (gw_window_set_target (window, "sii-look"));
      gw_window_show_page (window, "tracker");
      wait_window_idle (window, 300);
      gw_tracker_view_select_code (find_tracker_view (window), "E06000001");
      wait_window_idle (window, 60);
      save_window (window, argv[2], "tracker-sii.png");
    }

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
