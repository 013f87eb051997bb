/* test-print.c: GwPrintOperation (app/ui/gw-print-operation.c), under a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Printing goes through GtkPrintOperation with GTK_PRINT_OPERATION_ACTION_EXPORT
 * to a PDF: the report printed must be the report of gw_report_write_pdf(),
 * page for page and word for word (pdftotext), and a chart prints on one
 * page with its title.  The remembered settings are written to and read
 * from a scratch XDG_CONFIG_HOME.
 */
#include "gw-config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "formats/gw-export-reader.h"
#include "gw-print-operation.h"
#include "gw-test-files.h"
#include "gw-test-result.h"

typedef struct
{
  GwDataset    *dataset;
  GwIndicators *indicators;
  GwTarget     *target;
  char         *dir;
} Fixture;

static Fixture fx;

static const Fixture *
get_fixture (void)
{
  static const char *const files[] = { "le-a.xml", "le-b-revision.xml" };
  g_autoptr(GError) error = NULL;

  if (fx.dataset != NULL)
    return &fx;
  if (g_getenv ("GW_SHARED_DIR") == NULL)
    {
      g_test_skip ("GW_SHARED_DIR is not set");
      return NULL;
    }
  fx.dataset = gw_dataset_new ();
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (g_getenv ("GW_SHARED_DIR"), "data", "fixtures", "tracker-70",
                                                files[i], NULL);
      GwBatch *b = gw_export_read_file (fx.dataset, path, NULL, NULL, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (gw_dataset_commit (fx.dataset, b, &error));
      g_assert_no_error (error);
    }
  fx.indicators = gw_indicators_compute (fx.dataset);
  fx.target = gw_target_new_builtin ("le-2010");
  return &fx;
}

static gboolean
have_poppler (void)
{
  g_autofree char *info = g_find_program_in_path ("pdfinfo");
  g_autofree char *text = g_find_program_in_path ("pdftotext");

  if (info == NULL || text == NULL)
    {
      g_test_skip ("poppler-utils (pdfinfo, pdftotext) are not installed");
      return FALSE;
    }
  return TRUE;
}

static char *
run (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  return out;
}

static char *
pdf_info (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };

  return run (argv);
}

static guint
pdf_n_pages (const char *pdf)
{
  g_autofree char *out = pdf_info (pdf);
  const char *p = strstr (out, "\nPages:");

  g_assert_nonnull (p);
  return (guint) g_ascii_strtoull (p + strlen ("\nPages:"), NULL, 10);
}

/* Every page's text, white space collapsed. */
static GPtrArray *
pdf_page_texts (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *out = run (argv);
  g_auto(GStrv) pages = g_strsplit (out, "\f", -1);
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; pages[i] != NULL; i++)
    {
      char *one = g_regex_replace_literal (space, pages[i], -1, 0, " ", 0, NULL);

      g_ptr_array_add (texts, g_strdup (g_strstrip (one)));
      g_free (one);
    }
  if (texts->len > 0 && *(char *) g_ptr_array_index (texts, texts->len - 1) == '\0')
    g_ptr_array_set_size (texts, texts->len - 1);
  return texts;
}

static void
test_print_report_export (void)
{
  g_autoptr(GwReport) report = NULL;
  g_autoptr(GwPrintOperation) op = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) written = NULL, printed = NULL;
  g_autofree char *direct = NULL, *via_gtk = NULL, *info = NULL;

  if (get_fixture () == NULL || !have_poppler ())
    return;
  report = gw_test_report (fx.dataset, fx.indicators, fx.target, NULL, &error);
  g_assert_no_error (error);
  direct = g_build_filename (fx.dir, "direct.pdf", NULL);
  via_gtk = g_build_filename (fx.dir, "printed.pdf", NULL);

  g_assert_true (gw_report_write_pdf (report, direct, &error));
  g_assert_no_error (error);

  op = gw_print_operation_new_for_report (report);
  g_assert_true (gw_print_operation_get_report (op) == report);
  g_assert_null (gw_print_operation_get_chart (op));
  g_assert_true (gw_print_operation_export_pdf (op, via_gtk, &error));
  g_assert_no_error (error);

  /* the same pages, the same words on each, on A4 portrait */
  g_assert_cmpuint (pdf_n_pages (via_gtk), ==, 72);
  g_assert_cmpuint (pdf_n_pages (direct), ==, 72);
  info = pdf_info (via_gtk);
  g_assert_nonnull (strstr (info, "595.276 x 841.89 pts (A4)"));
  /* the report's metadata, as gw_report_write_pdf() gives it */
  g_assert_nonnull (strstr (info, "Title:           2010 life expectancy target: Spearhead Group\n"));
  g_assert_nonnull (strstr (info, "Creator:         Gapwatch " GW_VERSION "\n"));
  written = pdf_page_texts (direct);
  printed = pdf_page_texts (via_gtk);
  g_assert_cmpuint (printed->len, ==, written->len);
  for (guint p = 0; p < written->len; p++)
    g_assert_cmpstr (g_ptr_array_index (printed, p), ==, g_ptr_array_index (written, p));
  g_assert_nonnull (strstr (g_ptr_array_index (printed, 71), "Page 72 of 72"));

  g_remove (direct);
  g_remove (via_gtk);
}

static void
check_chart_export (GwChart    *chart,
                    gboolean    landscape,
                    const char *name)
{
  g_autoptr(GwPrintOperation) op = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *pdf = g_build_filename (fx.dir, name, NULL);
  g_autofree char *info = NULL, *title = NULL;
  GwChartStyle style;

  /* a dark screen style: the paper is printed light all the same */
  gw_chart_style_init (&style, GW_CHART_PALETTE_COLOUR_BLIND);
  style.dark = TRUE;
  style.scale = 96.0 / 72.0;
  op = gw_print_operation_new_for_chart (chart, &style);
  g_assert_true (gw_print_operation_get_chart (op) == chart);
  g_assert_true (gw_print_operation_export_pdf (op, pdf, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (pdf_n_pages (pdf), ==, 1);
  info = pdf_info (pdf);
  g_assert_nonnull (strstr (info, landscape ? "841.89 x 595.276 pts (A4)" : "595.276 x 841.89 pts (A4)"));
  texts = pdf_page_texts (pdf);
  g_assert_cmpuint (texts->len, ==, 1);
  /* the title, however it wrapped */
  title = g_regex_replace_literal (space, gw_chart_get_title (chart), -1, 0, " ", 0, NULL);
  if (strstr (g_ptr_array_index (texts, 0), title) == NULL)
    g_error ("“%s” is not on the printed page: %s", title, (char *) g_ptr_array_index (texts, 0));
  g_remove (pdf);
}

static void
test_print_chart_export (void)
{
  g_autoptr(GwChart) gap = NULL, compare = NULL;
  g_autoptr(GError) error = NULL;
  gint group;

  if (get_fixture () == NULL || !have_poppler ())
    return;
  group = gw_dataset_lookup_group (fx.dataset, fx.target->group);
  g_assert_cmpint (group, >=, 0);
  gap = gw_test_chart_gap (fx.dataset, fx.indicators, fx.target, TRUE, group, &error);
  g_assert_no_error (error);
  compare = gw_test_chart_compare (fx.dataset, fx.indicators, fx.target, GW_COMPARE_BY_CHANGE, &error);
  g_assert_no_error (error);

  /* a chart over time on a landscape page, the 70 rows on a portrait one */
  check_chart_export (gap, TRUE, "gap.pdf");
  check_chart_export (compare, FALSE, "compare.pdf");
}

static void
test_print_settings_remember (void)
{
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPrintSettings) loaded = NULL;
  g_autoptr(GtkPageSetup) loaded_setup = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = gw_print_settings_get_path ();
  g_autofree char *expected = g_build_filename (fx.dir, "config", "gapwatch", "print-settings.ini", NULL);
  GtkPaperSize *a5 = gtk_paper_size_new (GTK_PAPER_NAME_A5);

  if (fx.dir == NULL)
    return;
  g_assert_cmpstr (path, ==, expected);

  /* nothing remembered yet: new settings, no page setup */
  gw_print_settings_load (&loaded, &loaded_setup);
  g_assert_true (GTK_IS_PRINT_SETTINGS (loaded));
  g_assert_null (loaded_setup);
  g_assert_null (gtk_print_settings_get_printer (loaded));
  g_clear_object (&loaded);

  gtk_print_settings_set_printer (settings, "Board room printer");
  gtk_print_settings_set_n_copies (settings, 3);
  gtk_print_settings_set_duplex (settings, GTK_PRINT_DUPLEX_VERTICAL);
  gtk_page_setup_set_paper_size (setup, a5);
  gtk_paper_size_free (a5);
  g_assert_true (gw_print_settings_save (settings, setup, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));

  gw_print_settings_load (&loaded, &loaded_setup);
  g_assert_cmpstr (gtk_print_settings_get_printer (loaded), ==, "Board room printer");
  g_assert_cmpint (gtk_print_settings_get_n_copies (loaded), ==, 3);
  g_assert_cmpint (gtk_print_settings_get_duplex (loaded), ==, GTK_PRINT_DUPLEX_VERTICAL);
  g_assert_nonnull (loaded_setup);
  g_assert_cmpstr (gtk_paper_size_get_name (gtk_page_setup_get_paper_size (loaded_setup)), ==, GTK_PAPER_NAME_A5);

  g_remove (expected);
}


int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *config = NULL;
  int status;

  /* a scratch configuration folder, before anything asks GLib for one */
  fx.dir = g_dir_make_tmp ("gw-test-print-XXXXXX", &error);
  g_assert_no_error (error);
  config = g_build_filename (fx.dir, "config", NULL);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);

  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gw/print/report/export", test_print_report_export);
  g_test_add_func ("/gw/print/chart/export", test_print_chart_export);
  g_test_add_func ("/gw/print/settings/remember", test_print_settings_remember);

  status = g_test_run ();

  remove_tree (fx.dir);
  g_free (fx.dir);
  if (fx.dataset != NULL)
    {
      gw_target_free (fx.target);
      gw_indicators_free (fx.indicators);
      g_object_unref (fx.dataset);
    }
  return status;
}
