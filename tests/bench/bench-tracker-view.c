/* bench-tracker-view.c: the tracker table at 150, 5,000 and 32,844 areas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 18 point 5 and issue 20 point 4: sorting, filtering and searching
 * the tracker table, from the action to the repainted window, under 100 ms
 * for 150 areas and under 300 ms for 5,000 and for every LSOA of England
 * (32,844).  It drives the real widgets (a GwTrackerView in a window, under
 * Xvfb: meson runs it with xvfb-run) as a click would: a column header's
 * sort, a part of the summary strip, typing in the search entry, a row
 * selected.  Each time is from the action to the end of the next frame the
 * window paints.
 *
 * The rows are the sample exports' 2010 life expectancy target (70 areas)
 * copied to the size wanted, each copy with its own code, name and numbers
 * moved a little, so that every sort has work to do: no export at LSOA
 * scale is needed.  GW_BENCH_SIZES ("150,5000,32844") and GW_BENCH_RUNS (5)
 * in the environment.  It reports, it does not assert the times.
 */
#include "gw-config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include <gtk/gtk.h>

#include "formats/gw-export-reader.h"
#include "formats/gw-import-task.h"
#include "ui/gw-tracker-view-private.h"

#include "../gw-test-files.h"

static void
scaled_row_free (gpointer data)
{
  GwTrackerRow *row = data;

  /* code and name are the copy's; the rest is the sample row's */
  g_free (row->code);
  g_free (row->name);
  g_free (row);
}

/* The group's rows, then n areas, each a copy of a sample area with its own
 * code ("E01000042") and name, its numbers moved by up to ±0.5. */
static GPtrArray *
scale_rows (GPtrArray *sample,
            guint      n)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (scaled_row_free);
  g_autoptr(GPtrArray) areas = g_ptr_array_new ();   /* first row of each sample area */
  guint first_area = 0;

  while (first_area < sample->len && ((GwTrackerRow *) g_ptr_array_index (sample, first_area))->is_group)
    {
      GwTrackerRow *row = g_memdup2 (g_ptr_array_index (sample, first_area), sizeof (GwTrackerRow));

      row->code = g_strdup (row->code);
      row->name = g_strdup (row->name);
      g_ptr_array_add (rows, row);
      first_area++;
    }
  for (guint i = first_area; i < sample->len; i++)
    {
      const GwTrackerRow *row = g_ptr_array_index (sample, i);

      if (row->sex == GW_SEX_MALE || row->sex == GW_SEX_PERSONS)
        g_ptr_array_add (areas, (gpointer) row);
    }

  for (guint k = 0; k < n; k++)
    {
      const GwTrackerRow *first = g_ptr_array_index (areas, k % areas->len);
      guint at = 0;
      double shift = ((k * 7919u) % 1000u) / 1000.0 - 0.5;

      while (g_ptr_array_index (sample, at) != first)
        at++;
      for (; at < sample->len; at++)
        {
          const GwTrackerRow *from = g_ptr_array_index (sample, at);
          GwTrackerRow *row;

          if (from->is_group || from->subject != first->subject)
            break;
          row = g_memdup2 (from, sizeof (GwTrackerRow));
          row->subject = 100000 + k;
          row->code = g_strdup_printf ("E01%06u", k);
          row->name = g_strdup_printf ("%s %u", from->name, k / areas->len + 1);
          row->latest_gap += shift;
          row->projected_gap += shift;
          row->latest_value -= shift;
          g_ptr_array_add (rows, row);
        }
    }

  return rows;
}

static gint64 started;
static double started_cpu;
static double last_cpu;   /* ms of CPU of the last action timed */

/* The process's CPU time, every thread (GL's too), in ms: on a shared
 * machine the wall time also counts the other programs' turns. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void
start (void)
{
  started = g_get_monotonic_time ();
  started_cpu = cpu_ms ();
}

/* From start() to the end of the next frame painted. */
static double
painted (GtkWidget *window)
{
  gtk_test_widget_wait_for_draw (window);
  last_cpu = cpu_ms () - started_cpu;
  return (g_get_monotonic_time () - started) / 1000.0;
}

typedef struct
{
  const char *name;
  double      best;
  double      worst;
  double      cpu_best;
  double      cpu_worst;
} Figure;

static void
figure_add (Figure *figure,
            double  ms)
{

  figure->best = MIN (figure->best, ms);
  figure->worst = MAX (figure->worst, ms);
  figure->cpu_best = MIN (figure->cpu_best, last_cpu);
  figure->cpu_worst = MAX (figure->cpu_worst, last_cpu);
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Types text into the search entry as she would, and waits until the
 * table shows n_expected rows (the entry waits for typing to pause). */
static void
type_search (GtkWidget  *entry,
             GListModel *model,
             const char *text,
             guint       n_expected)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  while (g_list_model_get_n_items (model) != n_expected)
    g_main_context_iteration (NULL, TRUE);
}

static void
bench_size (GPtrArray      *sample,
            const GwTarget *target,
            guint           n,
            guint           runs)
{
  g_autoptr(GPtrArray) rows = scale_rows (sample, n);
  GwTrackerView *view = GW_TRACKER_VIEW (gw_tracker_view_new ());
  GtkWidget *window = gtk_window_new ();
  GtkWidget *entry;
  GListModel *model;
  GtkSelectionModel *selection;
  GwTrackerSummary summary;
  guint n_all, n_found = 0;
  double shown, shown_cpu;
  Figure figures[] = {
    { "sort by a column (men's latest gap)", INFINITY, 0, INFINITY, 0 },
    { "sort the other way", INFINITY, 0, INFINITY, 0 },
    { "sort by area name", INFINITY, 0, INFINITY, 0 },
    { "filter: a part of the strip", INFINITY, 0, INFINITY, 0 },
    { "filter: back to all", INFINITY, 0, INFINITY, 0 },
    { "search: type a name", INFINITY, 0, INFINITY, 0 },
    { "search: clear", INFINITY, 0, INFINITY, 0 },
    { "select a row", INFINITY, 0, INFINITY, 0 },
  };

  gw_tracker_summarise (rows, &summary);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);

  start ();
  _gw_tracker_view_set_rows (view, rows, target, "%", "years", "England", &summary);
  shown = painted (window);
  shown_cpu = last_cpu;

  model = gw_tracker_view_get_model (view);
  selection = gtk_column_view_get_model (gw_tracker_view_get_column_view (view));
  entry = find_widget (GTK_WIDGET (view), GTK_TYPE_SEARCH_ENTRY);
  n_all = g_list_model_get_n_items (model);
  g_assert_cmpuint (n_all, ==, n + 1);
  for (guint i = 0; i < n_all; i++)
    {
      g_autoptr(GwTrackerItem) item = g_list_model_get_item (model, i);

      if (strstr (gw_tracker_item_get_name (item), "Hartlepool") != NULL)
        n_found++;
    }

  for (guint run = 0; run < runs; run++)
    {
      start ();
      gw_tracker_view_sort_by (view, "male-latest-gap", GTK_SORT_ASCENDING);
      figure_add (&figures[0], painted (window));
      start ();
      gw_tracker_view_sort_by (view, "male-latest-gap", GTK_SORT_DESCENDING);
      figure_add (&figures[1], painted (window));
      start ();
      gw_tracker_view_sort_by (view, "area", GTK_SORT_ASCENDING);
      figure_add (&figures[2], painted (window));

      start ();
      gw_tracker_view_set_filter (view, GW_TRACKER_FILTER_NEITHER);
      figure_add (&figures[3], painted (window));
      start ();
      gw_tracker_view_set_filter (view, GW_TRACKER_FILTER_ALL);
      figure_add (&figures[4], painted (window));

      start ();
      type_search (entry, model, "hartlepool", n_found + 1);
      figure_add (&figures[5], painted (window));
      start ();
      type_search (entry, model, "", n_all);
      figure_add (&figures[6], painted (window));

      start ();
      gtk_selection_model_select_item (selection, 1 + run, TRUE);
      figure_add (&figures[7], painted (window));
    }

  g_print ("%u areas (%u rows): table shown in %.1f ms (CPU %.1f ms)\n", n, rows->len, shown, shown_cpu);
  g_print ("  %-38s %21s   %21s\n", "", "wall: best, worst", "CPU: best, worst");
  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    g_print ("  %-38s %8.1f ms %8.1f ms   %8.1f ms %8.1f ms\n", figures[i].name,
             figures[i].best, figures[i].worst, figures[i].cpu_best, figures[i].cpu_worst);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = gw_test_sample_paths ();
  g_autoptr(GwDataset) dataset = gw_dataset_new ();
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GwTarget) target = gw_target_new_builtin ("le-2010");
  g_autoptr(GwTrackerResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) sizes = NULL;
  GwIndicators *indicators;
  const char *env_runs = g_getenv ("GW_BENCH_RUNS");
  guint runs = env_runs != NULL ? (guint) g_ascii_strtoull (env_runs, NULL, 10) : 5;

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_init ();
  gw_formats_init ();

  task = gw_import_task_new (dataset, (const char * const *) paths->pdata);
  if (!gw_import_task_run (task, NULL, &error))
    g_error ("import: %s", error->message);
  indicators = gw_indicators_compute (dataset);
  result = gw_tracker_result_new (dataset, indicators, target, &error);
  if (result == NULL)
    g_error ("tracker: %s", error->message);

  sizes = g_strsplit (g_getenv ("GW_BENCH_SIZES") != NULL ? g_getenv ("GW_BENCH_SIZES") : "150,5000,32844",
                      ",", -1);
  for (guint i = 0; sizes[i] != NULL; i++)
    bench_size (gw_tracker_result_get_rows (result), gw_tracker_result_get_target (result),
                (guint) g_ascii_strtoull (sizes[i], NULL, 10), MAX (runs, 1));

  gw_indicators_free (indicators);
  return 0;
}
