/* gw-print-operation.c: printing a chart or the board report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both kinds print on the full sheet in points (use-full-page, GTK_UNIT_POINTS),
 * so that the cairo_t of a page is the sheet itself, exactly as in
 * gw_report_write_pdf(): a printed report, an exported one and the CLI's
 * break their lines and pages the same way.  The report keeps its own
 * margins; a chart is fitted inside half-inch margins, wider than the
 * unprintable edge of office printers.
 *
 * The page setup is in the print dialog (embed-page-setup); its paper size
 * is remembered with the print settings, but the orientation is the job's
 * own: portrait for the report and the all-areas chart, landscape for the
 * other charts.
 */
#include "gw-config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "gw-print-operation.h"
#include "gw-ui-text.h"

/* The margin round a printed chart, points: half an inch. */
#define CHART_MARGIN 36.0

struct _GwPrintOperation
{
  GtkPrintOperation  parent_instance;

  /* owned: what is printed, one of the two */
  GwChart           *chart;
  GwReport          *report;
  GwChartStyle       style;          /* the chart's: paper colours */
  char              *font_family;    /* style.font_family points here */

  /* owned: the run */
  GtkPageSetup      *used_setup;     /* the page setup of the last job */
  gboolean           interactive;    /* run with a dialog: remember, show errors */
  gboolean           holding_ref;    /* a reference held until ::done */
  GtkWindow         *parent;         /* weak */
};

G_DEFINE_TYPE (GwPrintOperation, gw_print_operation, GTK_TYPE_PRINT_OPERATION)

/* --- remembered settings -------------------------------------------------- */

char *
gw_print_settings_get_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "gapwatch", "print-settings.ini", NULL);
}

void
gw_print_settings_load (GtkPrintSettings **settings,
                        GtkPageSetup     **page_setup)
{
  g_autofree char *path = gw_print_settings_get_path ();
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  g_return_if_fail (settings != NULL);
  g_return_if_fail (page_setup != NULL);

  *settings = NULL;
  *page_setup = NULL;
  if (g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &error))
    {
      /* a group that is missing or damaged: start again from nothing */
      *settings = gtk_print_settings_new_from_key_file (file, NULL, NULL);
      *page_setup = gtk_page_setup_new_from_key_file (file, NULL, NULL);
    }
  else if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    g_warning ("Could not read the print settings from %s: %s", path, error->message);
  if (*settings == NULL)
    *settings = gtk_print_settings_new ();
}

gboolean
gw_print_settings_save (GtkPrintSettings  *settings,
                        GtkPageSetup      *page_setup,
                        GError           **error)
{
  g_autofree char *path = gw_print_settings_get_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GKeyFile) file = g_key_file_new ();

  g_return_val_if_fail (GTK_IS_PRINT_SETTINGS (settings), FALSE);
  g_return_val_if_fail (page_setup == NULL || GTK_IS_PAGE_SETUP (page_setup), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  gtk_print_settings_to_key_file (settings, file, NULL);
  if (page_setup != NULL)
    gtk_page_setup_to_key_file (page_setup, file, NULL);
  return g_key_file_save_to_file (file, path, error);
}

/* --- the job -------------------------------------------------------------- */

static GtkPageOrientation
job_orientation (GwPrintOperation *self)
{
  if (self->report != NULL || gw_chart_get_kind (self->chart) == GW_CHART_COMPARE)
    return GTK_PAGE_ORIENTATION_PORTRAIT;
  return GTK_PAGE_ORIENTATION_LANDSCAPE;
}

/* A4 in the job's orientation, or the remembered paper when there is one. */
static GtkPageSetup *
job_page_setup (GwPrintOperation *self,
                GtkPageSetup     *remembered)
{
  GtkPageSetup *setup = gtk_page_setup_new ();

  if (remembered != NULL)
    gtk_page_setup_set_paper_size (setup, gtk_page_setup_get_paper_size (remembered));
  else
    {
      GtkPaperSize *a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

      gtk_page_setup_set_paper_size (setup, a4);
      gtk_paper_size_free (a4);
    }
  gtk_page_setup_set_orientation (setup, job_orientation (self));
  return setup;
}

static void
show_error (GwPrintOperation *self,
            const GError     *error)
{
  GtkWidget *dialog;

  dialog = gtk_message_dialog_new (self->parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s",
                                   self->report != NULL ? _("The report could not be printed")
                                                        : _("The chart could not be printed"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            error != NULL ? error->message : _("Unknown error"));
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
gw_print_operation_begin_print (GtkPrintOperation *operation,
                                GtkPrintContext   *context)
{
  GwPrintOperation *self = GW_PRINT_OPERATION (operation);

  g_clear_object (&self->used_setup);
  self->used_setup = gtk_page_setup_copy (gtk_print_context_get_page_setup (context));

  if (self->report != NULL)
    {
      /* the sheet in points (use-full-page, GTK_UNIT_POINTS) */
      gw_report_set_page_size (self->report, gtk_print_context_get_width (context),
                               gtk_print_context_get_height (context));
      gtk_print_operation_set_n_pages (operation, gw_report_get_n_pages (self->report));
    }
  else
    gtk_print_operation_set_n_pages (operation, 1);
}

static void
gw_print_operation_draw_page (GtkPrintOperation *operation,
                              GtkPrintContext   *context,
                              int                page_nr)
{
  GwPrintOperation *self = GW_PRINT_OPERATION (operation);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);

  /* the same painters as the screen and the exports, on the sheet in points */
  if (self->report != NULL)
    {
      /* an export or a preview is a PDF: give it the report's title and
       * bookmarks, as gw_report_write_pdf() does */
      if (page_nr == 0)
        gw_report_set_pdf_metadata (self->report, cairo_get_target (cr));
      gw_report_draw_page (self->report, cr, (guint) page_nr, width, height, 1.0);
      return;
    }
  if (width <= 2 * CHART_MARGIN + 16 || height <= 2 * CHART_MARGIN + 16)
    return;
  cairo_save (cr);
  cairo_translate (cr, CHART_MARGIN, CHART_MARGIN);
  gw_chart_render (self->chart, cr, &self->style, width - 2 * CHART_MARGIN, height - 2 * CHART_MARGIN);
  cairo_restore (cr);
}

static void
gw_print_operation_done (GtkPrintOperation       *operation,
                         GtkPrintOperationResult  result)
{
  GwPrintOperation *self = GW_PRINT_OPERATION (operation);

  if (self->interactive)
    {
      if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
        {
          g_autoptr(GError) error = NULL;

          /* what the user printed with is offered next time */
          if (!gw_print_settings_save (gtk_print_operation_get_print_settings (operation),
                                       self->used_setup, &error))
            g_warning ("Could not save the print settings: %s", error->message);
        }
      else if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
        {
          g_autoptr(GError) error = NULL;

          gtk_print_operation_get_error (operation, &error);
          show_error (self, error);
        }
      self->interactive = FALSE;
    }

  if (GTK_PRINT_OPERATION_CLASS (gw_print_operation_parent_class)->done != NULL)
    GTK_PRINT_OPERATION_CLASS (gw_print_operation_parent_class)->done (operation, result);

  if (self->holding_ref)
    {
      self->holding_ref = FALSE;
      g_object_unref (self);
    }
}

static void
gw_print_operation_dispose (GObject *object)
{
  GwPrintOperation *self = GW_PRINT_OPERATION (object);

  g_clear_weak_pointer (&self->parent);

  G_OBJECT_CLASS (gw_print_operation_parent_class)->dispose (object);
}

static void
gw_print_operation_finalize (GObject *object)
{
  GwPrintOperation *self = GW_PRINT_OPERATION (object);

  g_clear_object (&self->chart);
  g_clear_object (&self->report);
  g_clear_object (&self->used_setup);
  g_free (self->font_family);

  G_OBJECT_CLASS (gw_print_operation_parent_class)->finalize (object);
}

static void
gw_print_operation_class_init (GwPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *print_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->dispose = gw_print_operation_dispose;
  object_class->finalize = gw_print_operation_finalize;
  print_class->begin_print = gw_print_operation_begin_print;
  print_class->draw_page = gw_print_operation_draw_page;
  print_class->done = gw_print_operation_done;
}

static void
gw_print_operation_init (GwPrintOperation *self)
{
  GtkPrintOperation *op = GTK_PRINT_OPERATION (self);

  gtk_print_operation_set_use_full_page (op, TRUE);
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (op, TRUE);
  gtk_print_operation_set_show_progress (op, TRUE);
  gw_chart_style_init (&self->style, GW_CHART_PALETTE_STANDARD);
}

static void
set_defaults (GwPrintOperation *self,
              const char       *job_name)
{
  g_autoptr(GtkPageSetup) setup = job_page_setup (self, NULL);

  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), setup);
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), job_name);
}

GwPrintOperation *
gw_print_operation_new_for_chart (GwChart            *chart,
                                  const GwChartStyle *style)
{
  GwPrintOperation *self;

  g_return_val_if_fail (GW_IS_CHART (chart), NULL);

  self = g_object_new (GW_TYPE_PRINT_OPERATION, NULL);
  self->chart = g_object_ref (chart);
  /* paper: the palette and the font of the screen, but never its dark
   * theme or its colours */
  gw_chart_style_init (&self->style, style != NULL ? style->palette : GW_CHART_PALETTE_STANDARD);
  self->font_family = g_strdup (style != NULL ? style->font_family : NULL);
  self->style.font_family = self->font_family;
  self->style.scale = 1.0;
  set_defaults (self, gw_chart_get_title (chart));
  return self;
}

GwPrintOperation *
gw_print_operation_new_for_report (GwReport *report)
{
  GwPrintOperation *self;

  g_return_val_if_fail (GW_IS_REPORT (report), NULL);

  self = g_object_new (GW_TYPE_PRINT_OPERATION, NULL);
  self->report = g_object_ref (report);
  set_defaults (self, gw_report_get_title (report));
  return self;
}

GwChart *
gw_print_operation_get_chart (GwPrintOperation *self)
{
  g_return_val_if_fail (GW_IS_PRINT_OPERATION (self), NULL);
  return self->chart;
}

GwReport *
gw_print_operation_get_report (GwPrintOperation *self)
{
  g_return_val_if_fail (GW_IS_PRINT_OPERATION (self), NULL);
  return self->report;
}

/* Print to File: the folder of the last file printed to (kept with the
 * print settings) or Documents, and a name from the job's title, not
 * "output.pdf" in the folder the app was started from. */
static void
suggest_output (GwPrintOperation *self,
                GtkPrintSettings *settings)
{
  const char *uri = gtk_print_settings_get (settings, GTK_PRINT_SETTINGS_OUTPUT_URI);
  g_autofree char *folder = NULL, *job = NULL, *name = NULL, *path = NULL, *out = NULL;

  if (uri != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uri);
      g_autoptr(GFile) parent = g_file_get_parent (file);

      folder = parent != NULL ? g_file_get_path (parent) : NULL;
      if (folder != NULL && !g_file_test (folder, G_FILE_TEST_IS_DIR))
        g_clear_pointer (&folder, g_free);
    }
  if (folder == NULL)
    {
      const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

      folder = g_strdup (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR)
                         ? documents : g_get_home_dir ());
    }
  g_object_get (self, "job-name", &job, NULL);
  name = gw_ui_file_name (job, NULL, "pdf");
  path = g_build_filename (folder, name, NULL);
  out = g_filename_to_uri (path, NULL, NULL);
  if (out != NULL)
    gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_URI, out);
}

static void
run_interactive (GwPrintOperation        *self,
                 GtkWindow               *parent,
                 GtkPrintOperationAction  action)
{
  GtkPrintOperation *op = GTK_PRINT_OPERATION (self);
  g_autoptr(GtkPrintSettings) settings = NULL;
  g_autoptr(GtkPageSetup) remembered = NULL, setup = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  gw_print_settings_load (&settings, &remembered);
  suggest_output (self, settings);
  setup = job_page_setup (self, remembered);
  gtk_print_operation_set_print_settings (op, settings);
  gtk_print_operation_set_default_page_setup (op, setup);
  gtk_print_operation_set_allow_async (op, TRUE);
  g_set_weak_pointer (&self->parent, parent);

  /* kept alive until ::done, whatever the caller does with it */
  self->interactive = TRUE;
  if (!self->holding_ref)
    {
      self->holding_ref = TRUE;
      g_object_ref (self);
    }
  result = gtk_print_operation_run (op, action, parent, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && self->interactive)
    {
      /* failed before ::done */
      show_error (self, error);
      self->interactive = FALSE;
    }
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS && self->holding_ref)
    {
      self->holding_ref = FALSE;
      g_object_unref (self);
    }
}

void
gw_print_operation_run_dialog (GwPrintOperation *self,
                               GtkWindow        *parent)
{
  g_return_if_fail (GW_IS_PRINT_OPERATION (self));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  run_interactive (self, parent, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG);
}

void
gw_print_operation_run_preview (GwPrintOperation *self,
                                GtkWindow        *parent)
{
  g_return_if_fail (GW_IS_PRINT_OPERATION (self));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  run_interactive (self, parent, GTK_PRINT_OPERATION_ACTION_PREVIEW);
}

/**
 * gw_print_operation_export_pdf:
 * @self: a print operation that has not run
 * @path: the PDF file to write
 * @error: the print operation's error
 *
 * Runs the operation synchronously with GTK_PRINT_OPERATION_ACTION_EXPORT:
 * no dialog, the default page setup (A4, the job's orientation), the same
 * draw-page as printing.
 */
gboolean
gw_print_operation_export_pdf (GwPrintOperation  *self,
                               const char        *path,
                               GError           **error)
{
  GtkPrintOperation *op;
  GtkPrintOperationResult result;

  g_return_val_if_fail (GW_IS_PRINT_OPERATION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  op = GTK_PRINT_OPERATION (self);
  gtk_print_operation_set_export_filename (op, path);
  gtk_print_operation_set_allow_async (op, FALSE);
  gtk_print_operation_set_show_progress (op, FALSE);
  self->interactive = FALSE;
  result = gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL, _("Could not write “%s”"), path);
      return FALSE;
    }
  return TRUE;
}

/* --- what the window calls ------------------------------------------------ */

void
gw_print_chart (GtkWindow          *parent,
                GwChart            *chart,
                const GwChartStyle *style)
{
  g_autoptr(GwPrintOperation) op = NULL;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (GW_IS_CHART (chart));

  op = gw_print_operation_new_for_chart (chart, style);
  gw_print_operation_run_dialog (op, parent);
}

gboolean
gw_print_report (GtkWindow       *parent,
                 GwTrackerResult    *result,
                 GwIndicators       *indicators,
                 GwChartPalette   palette,
                 double           confidence_level,
                 GError         **error)
{
  g_autoptr(GwReport) report = NULL;
  g_autoptr(GwPrintOperation) op = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), FALSE);
  g_return_val_if_fail (GW_IS_TRACKER_RESULT (result), FALSE);
  g_return_val_if_fail (indicators != NULL, FALSE);

  /* a snapshot: the print job may outlive these indicators */
  report = gw_report_new (result, indicators, NULL, error);
  if (report == NULL)
    return FALSE;
  gw_report_set_palette (report, palette);
  gw_report_set_confidence_level (report, confidence_level);
  op = gw_print_operation_new_for_report (report);
  gw_print_operation_run_dialog (op, parent);
  return TRUE;
}
