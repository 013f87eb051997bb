/* gw-report.h: the board report of a target, laid out for paper
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GwReport is the multi-page paper a director of public health takes to a
 * board: a front page (the target, the data it rests on, the group's status
 * and the count of areas by status), the all-areas comparison (one page, or
 * more when the group is large), then one page per selected area with its
 * gap and trend charts, its tracker figures and its status in words.  Every
 * page has a footer with the source, the date of the data and "Page N of M".
 *
 * Like GwChart it is a snapshot: the charts and figures are taken from the
 * dataset, the indicators and the tracker when the report is made, and it
 * keeps no reference to them.  One painter, gw_report_draw_page(), draws a
 * page on any cairo_t: a GtkPrintOperation page (app/ui/gw-print-operation.c),
 * the PDF of gw_report_write_pdf() and gapwatch-cli report, an image.  The
 * charts are drawn by the chart painters (gw_chart_render()) scaled into
 * boxes on the page.  Sizes are in points (1/72 inch); every text is measured
 * with Pango and wrapped, shrunk or left out, never clipped.
 *
 * House style 11-13: no widget, no gtk.h.  Used from one thread at a time.
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "render/gw-chart.h"

G_BEGIN_DECLS

#define GW_REPORT_ERROR (gw_report_error_quark ())

typedef enum
{
  GW_REPORT_ERROR_NOT_FOUND,   /* an area is not a member of the target's group */
  GW_REPORT_ERROR_NO_DATA,     /* no member area has a value to report */
  GW_REPORT_ERROR_WRITE,       /* the PDF could not be drawn or written */
} GwReportError;

/* What a page shows. */
typedef enum
{
  GW_REPORT_PAGE_FRONT = 0,    /* the target, data used, status and summary */
  GW_REPORT_PAGE_COMPARE,      /* every member area ranked (one or more pages) */
  GW_REPORT_PAGE_AREA,         /* one selected area */
  GW_REPORT_PAGE_AREA_GAP,     /* its why the gap and what it would take (the page after
                                * its own, when it has counts to decompose) */
  GW_REPORT_PAGE_GROUP_GAP,    /* the group's why the gap (the last page) */
  GW_REPORT_PAGE_AREA_INEQUALITY, /* the inequality within that area (its SII), after its
                                   * page when it has small areas */
  GW_REPORT_PAGE_SUMMARY,      /* a page of the board summary (gw_report_new_summary) */
} GwReportPageKind;

/* A4 in points: 210 x 297 mm exactly, as GTK's paper size has it, so that
 * a report printed on A4 is laid out as its PDF is. */
#define GW_REPORT_A4_WIDTH   (210.0 / 25.4 * 72.0)
#define GW_REPORT_A4_HEIGHT  (297.0 / 25.4 * 72.0)

#define GW_TYPE_REPORT (gw_report_get_type ())
G_DECLARE_FINAL_TYPE (GwReport, gw_report, GW, REPORT, GObject)

GQuark            gw_report_error_quark    (void);

/* The report of target on indicators' values (published where published,
 * computed elsewhere: the tracker's gw_tracker_indicators_series).  areas:
 * a GArray of guint area numbers of dataset, the area pages in that order;
 * NULL for every member of the target's group in area order.  Fails with the
 * tracker's errors, GW_REPORT_ERROR_NOT_FOUND for an area outside the group,
 * or GW_REPORT_ERROR_NO_DATA when no member has values. */
GwReport         *gw_report_new            (GwTrackerResult  *result,
                                            GwIndicators     *indicators,
                                            GArray           *areas,
                                            GError          **error);

/* The board summary of result: at most two A4 pages with the group's
 * figures, the counts of member areas by status, the areas whose status
 * changed since earlier (the target tracked on the data as of the previous
 * export; NULL when there is none, or earlier_note says why it could not be
 * tracked) and the areas off track with their reasons, the most off first.
 * Drawn, printed and written as a PDF like the full report.  Fails with
 * the tracker's errors or GW_REPORT_ERROR_NO_DATA when no member has
 * values. */
GwReport         *gw_report_new_summary    (GwTrackerResult  *result,
                                            GwTrackerResult  *earlier,
                                            const char       *earlier_note,
                                            GError          **error);

/* The charts' colours: standard (the default), colour-blind or greyscale
 * (black-and-white printing). */
void              gw_report_set_palette    (GwReport         *self,
                                            GwChartPalette    palette);
GwChartPalette    gw_report_get_palette    (GwReport         *self);
/* The level of the limits the charts draw: 95 (the default) or 99.8 (the
 * preferences' choice); the tables' intervals stay the tracker's 95%. */
void              gw_report_set_confidence_level (GwReport   *self,
                                                  double      level);
double            gw_report_get_confidence_level (GwReport   *self);
/* "2010 life expectancy target: Spearhead Group", the PDF's title and a
 * print job's name. */
const char       *gw_report_get_title      (GwReport         *self);
/* The areas with a page, as area numbers of the dataset. */
guint             gw_report_get_n_areas    (GwReport         *self);
guint             gw_report_get_area       (GwReport         *self,
                                            guint             index);

/* Lays the report out for pages of width_pt x height_pt points (A4
 * portrait until called): the number of comparison pages depends on the
 * page's height. */
void              gw_report_set_page_size  (GwReport         *self,
                                            double            width_pt,
                                            double            height_pt);
/* Pages at the page size set: the front page, the comparison pages, one
 * page per area. */
guint             gw_report_get_n_pages    (GwReport         *self);
/* What page (from 0) shows; for an area page, area (when not NULL) is set
 * to its area number. */
GwReportPageKind  gw_report_get_page_kind  (GwReport         *self,
                                            guint             page,
                                            guint            *area);
/* Draws page (from 0) on cr at (0, 0), the whole sheet: width_pt x
 * height_pt points, each scale units of cr's user space (1 for PDF and a
 * print context in points; dpi / 72 for an image).  Lays the report out for
 * that size first when it was laid out for another.  Paints no background:
 * the paper shows.  Leaves cr's state as it found it. */
void              gw_report_draw_page      (GwReport         *self,
                                            cairo_t          *cr,
                                            guint             page,
                                            double            width_pt,
                                            double            height_pt,
                                            double            scale);
/* Gives a cairo PDF surface (and nothing else) the report's metadata and
 * an outline of its pages, for the page size set; call before drawing. */
void              gw_report_set_pdf_metadata (GwReport       *self,
                                              cairo_surface_t *surface);
/* Writes the whole report to path as an A4 PDF (fonts embedded as subsets,
 * title, author, subject and dates as metadata, an outline with a bookmark
 * per page), replacing path atomically. */
gboolean          gw_report_write_pdf      (GwReport         *self,
                                            const char       *path,
                                            GError          **error);

G_END_DECLS
