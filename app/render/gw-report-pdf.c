/* gw-report-pdf.c: the board report as a PDF file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PDF's extras: its metadata (title, author, subject, keywords, dates),
 * a bookmark for every page, the structure tree's Document root, and the
 * write itself, through the same page painter as the screen and the
 * printer (gw_report_draw_page).
 */
#include "gw-config.h"

#include <cairo-pdf.h>

#include <glib/gi18n.h>

#include "gw-chart-private.h"
#include "gw-report-private.h"

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A bookmark for each page, the areas under one parent. */
static void
add_outline (GwReport        *self,
             cairo_surface_t *surface)
{
  g_autofree char *front_link = g_strdup ("page=1");
  g_autofree char *cmp_link = g_strdup ("page=2");
  int parent;

  cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, _("Summary"), front_link, 0);
  /* the board summary has no comparison and no area pages */
  if (self->exceptions != NULL)
    return;
  cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, _("All areas compared"), cmp_link, 0);
  if (self->areas->len == 0)
    return;
  {
    g_autofree char *link = g_strdup_printf ("page=%u", 2 + self->n_compare_pages);

    parent = cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, _("Areas"), link,
                                            CAIRO_PDF_OUTLINE_FLAG_OPEN);
  }
  for (guint i = 0; i < self->areas->len; i++)
    {
      g_autofree char *link = g_strdup_printf ("page=%u", 1 + _gw_report_area_first_page (self, i));

      cairo_pdf_surface_add_outline (surface, parent, g_array_index (self->areas, ReportArea, i).name, link, 0);
    }
}

/**
 * gw_report_set_pdf_metadata:
 * @self: a report
 * @surface: a cairo PDF surface the report is drawn on, before it is
 *   finished
 *
 * Gives the PDF the report's title, author (the user's name when the
 * system knows it), subject, keywords, creator and dates, and an outline: a
 * bookmark for the front page, the comparison and each area, for the page
 * layout set.  Does nothing on other surfaces (a printer's).
 */
void
gw_report_set_pdf_metadata (GwReport        *self,
                            cairo_surface_t *surface)
{
  g_autofree char *date = NULL, *subject = NULL, *keywords = NULL;
  const char *author = g_get_real_name ();

  g_return_if_fail (GW_IS_REPORT (self));
  g_return_if_fail (surface != NULL);

  if (cairo_surface_get_type (surface) != CAIRO_SURFACE_TYPE_PDF)
    return;
  /* ISO 8601, as cairo wants it for the PDF's dates */
  date = g_date_time_format (self->produced_at, "%Y-%m-%dT%H:%M:%S%:z");
  /* Translators: the PDF's subject, "Health inequalities board report: the gap in …" */
  subject = g_strdup_printf (_("Health inequalities board report: the gap in %s between the %s and %s"),
                             self->indicator, self->group_name, self->comparator);
  keywords = g_strdup_printf ("%s; %s; %s", _("health inequalities"), self->indicator, self->group_name);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  /* the person who made the report, when the system knows their name */
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR,
                                  author != NULL && *author != '\0' && g_strcmp0 (author, "Unknown") != 0
                                  ? author : "Gapwatch");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS, keywords);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Gapwatch " GW_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);
  _gw_report_ensure_layout (self, self->page_width, self->page_height);
  add_outline (self, surface);
}

/**
 * gw_report_write_pdf:
 * @self: a report
 * @path: the file to write
 * @error: %GW_REPORT_ERROR_WRITE when cairo fails, or a #GFileError
 *
 * Writes every page on A4 portrait.  Cairo embeds a subset of each font
 * used, so the PDF prints the same anywhere.
 */
gboolean
gw_report_write_pdf (GwReport    *self,
                     const char  *path,
                     GError     **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  guint n_pages;

  g_return_val_if_fail (GW_IS_REPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  gw_report_set_page_size (self, GW_REPORT_A4_WIDTH, GW_REPORT_A4_HEIGHT);
  n_pages = gw_report_get_n_pages (self);

  surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, GW_REPORT_A4_WIDTH, GW_REPORT_A4_HEIGHT);
  gw_report_set_pdf_metadata (self, surface);

  cr = cairo_create (surface);
  /* Tagged PDF: one Document holds the pages' sections, as readers expect
   * of the structure tree's root. */
  cairo_tag_begin (cr, "Document", NULL);
  for (guint page = 0; page < n_pages; page++)
    {
      gw_report_draw_page (self, cr, page, GW_REPORT_A4_WIDTH, GW_REPORT_A4_HEIGHT, 1.0);
      cairo_show_page (cr);
    }
  cairo_tag_end (cr, "Document");
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, GW_REPORT_ERROR, GW_REPORT_ERROR_WRITE,
                   _("Could not draw the report for “%s”: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  return _gw_render_write_file (path, bytes->data, bytes->len, error);
}
