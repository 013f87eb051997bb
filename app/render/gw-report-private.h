/* gw-report-private.h: what the report's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gw-report.c lays the report out and draws its pages; gw-report-pdf.c
 * gives a PDF its metadata and outline and writes the whole report.
 */
#pragma once

#include "tracker/gw-tracker-result.h"
#include "methods/gw-inequality.h"
#include "gw-chart-private.h"
#include "gw-report.h"

G_BEGIN_DECLS

/* The board summary's own parts (gw-report-summary.c). */
typedef struct _GwReportExceptions GwReportExceptions;

/* Why the gap and what it would take for a subject (gw-report-decomp.c). */
typedef struct _GwReportDecomp GwReportDecomp;

/* NULL when the subject has no counts to decompose (or the target is not
 * on life expectancy at birth). */
GwReportDecomp *_gw_report_decomp_new           (GwTrackerResult *result,
                                                 gboolean         is_group,
                                                 guint            subject);
void            _gw_report_decomp_free          (GwReportDecomp  *decomp);
GwChart        *_gw_report_decomp_get_scarf     (GwReportDecomp  *decomp);
GwChart        *_gw_report_decomp_get_age_cause (GwReportDecomp  *decomp);
/* A sentence per sex, one a line. */
const char     *_gw_report_decomp_get_why       (GwReportDecomp  *decomp);
const char     *_gw_report_decomp_get_take      (GwReportDecomp  *decomp);

typedef struct
{
  guint      area;          /* area number of the dataset */
  char      *code;
  char      *name;
  GwChart   *gap;           /* NULL when it could not be made: gap_error says why */
  GwChart   *trend;
  char      *gap_error;
  char      *trend_error;
  GPtrArray *rows;          /* GwTrackerRow, borrowed from the report's rows, by sex */
  GwReportDecomp *decomp;   /* why the gap, or NULL */
  GwChart   *gradient;      /* the SII's chart, NULL when the area has none: then it has
                             * no inequality page (gw-report-sii.c) */
  GwInequalityValue sii[2]; /* men, women */
} ReportArea;

typedef struct
{
  char  *name;              /* the export's title, else its file name */
  char  *file;
  char  *publisher;
  char  *generated;         /* "1 March 2007" */
  guint  records;
} ReportImport;

struct _GwReport
{
  GObject           parent_instance;

  /* owned: the snapshot */
  GwTarget         *target;
  char             *title;          /* "2010 life expectancy target: Spearhead Group" */
  char             *target_title;   /* "2010 life expectancy target" */
  char             *group_name;
  char             *indicator;      /* "life expectancy at birth" */
  char             *unit;           /* after a gap: "%" or " years" */
  char             *comparator;     /* "England" */
  char             *source;         /* "Source: ... Data as at 1 May 2007." */
  char             *data_date;      /* "1 May 2007", or NULL */
  char             *produced;       /* the day the report was made */
  GDateTime        *produced_at;
  GPtrArray        *rows;           /* GwTrackerRow of the whole group */
  GPtrArray        *group_rows;     /* the group's, borrowed */
  GArray           *areas;          /* ReportArea */
  GArray           *imports;        /* ReportImport */
  GwChart          *compare;
  GwChart          *group_gap;      /* NULL when it could not be made */
  GwReportDecomp   *group_decomp;   /* the group's why the gap: its own last page, or NULL */
  GwTrackerSummary  summary;
  guint             n_members;
  guint             n_compare_rows;
  GwChartPalette    palette;
  double            confidence_level;

  /* the layout for page_width x page_height */
  double            page_width, page_height;
  gboolean          laid_out;
  guint             n_compare_pages;
  gboolean          compare_split;
  double            compare_height;  /* split: the chart's height on each page, points */
  guint             compare_per_page;  /* split: rows a page */

  /* the board summary (gw_report_new_summary), or NULL for the full report */
  GwReportExceptions *exceptions;
};

/* The page (from 0) of the index-th area's figures; of its why the gap and its inequality
 * the next ones (gw-report.c). */
guint _gw_report_area_first_page (GwReport *self,
                                  guint     index);
/* A page being drawn (gw-report.c). */
typedef struct
{
  GwReport     *report;
  cairo_t      *cr;            /* user space in points */
  GwChartStyle  style;         /* scale 1: the page's own drawing */
  double        scale;         /* device units per point, for the charts */
  GwChartFrame *frame;
  GwCanvas      canvas;
  double        width, height; /* the sheet */
  double        x, cw;         /* content: left edge and width */
  double        top, bottom;   /* content: between the header and the footer */
  const char   *block_tag;     /* PDF structure of paragraph(): NULL for "P" */
} Page;

/* Page geometry, points: the sheet's edge to the running header. */
#define MARGIN_TOP        34.0

/* Text sizes, points. */
#define PT_BODY            9.5
#define PT_AREA_NAME      17.0
#define PT_TABLE           8.5
#define PT_SECTION        11.0
#define PT_FRONT_TITLE    24.0

/* A table's column and row (gw-report.c's table_draw). */
typedef struct
{
  const char *heading;
  double      weight;    /* share of the width left over */
  gboolean    right;     /* numbers: right-aligned */
} Column;

typedef struct
{
  GStrv     cells;
  gint      status;      /* a GwTargetStatus shown by its marker in the status column, or -1 */
  gboolean  bold;        /* a total */
} TableRow;

/* A paragraph at (x, y) in width, drawn when paint; its height
 * (gw-report.c). */
double _gw_report_paragraph (Page        *pg,
                             const char  *text,
                             double       size,
                             gboolean     bold,
                             GwChartRole  role,
                             double       x,
                             double       y,
                             double       width,
                             gboolean     paint);
/* A chart in the box, or why there is none (gw-report.c). */
void   _gw_report_chart_box (Page        *pg,
                             GwChart     *chart,
                             const char  *missing,
                             double       x,
                             double       y,
                             double       width,
                             double       height);

/* --- inequality within an area (gw-report-sii.c) ------------------------- */

/* The SII of every area of the report with small areas, and its chart. */
void              _gw_report_sii_take        (GwReport         *self,
                                              GwDataset        *dataset);
void              _gw_report_draw_inequality (Page             *pg,
                                              const ReportArea *a);

/* --- what the board summary uses of gw-report.c --------------------------- */

/* The target, rows, titles, source and imports of result; under the
 * dataset's read lock. */
void    _gw_report_take_result   (GwReport        *self,
                                  GwTrackerResult *result);
/* A page set up on cr (already scaled to points), and put away. */
void    _gw_report_page_begin    (GwReport        *self,
                                  Page            *pg,
                                  cairo_t         *cr,
                                  double           width_pt,
                                  double           height_pt,
                                  double           scale);
void    _gw_report_page_end      (Page            *pg);
/* A heading tagged tag ("H1", "H2") across the content; its height. */
double  _gw_report_heading       (Page            *pg,
                                  const char      *tag,
                                  const char      *text,
                                  double           y,
                                  gboolean         paint);
void    _gw_report_hrule         (Page            *pg,
                                  double           y,
                                  double           width_pt,
                                  GwChartRole      role);
/* A GArray of TableRow that frees its cells. */
GArray *_gw_report_table_new     (void);
double  _gw_report_table_draw    (Page            *pg,
                                  const Column    *cols,
                                  guint            n_cols,
                                  GArray          *rows,
                                  gint             status_col,
                                  double           size,
                                  double           x,
                                  double           y,
                                  double           width,
                                  gboolean         paint);
/* The tracker's figures of a subject, a row a sex, across the content. */
double  _gw_report_figures_table (Page            *pg,
                                  GPtrArray       *rows,
                                  double           y,
                                  gboolean         paint);
/* "Off track · uncertain" */
char   *_gw_report_status_text   (const GwTrackerRow *row);
/* "The Spearhead Group is off track for men and for women." */
char   *_gw_report_group_headline (GwReport       *self);
/* The front page's subtitle ("Spearhead Group: the gap in … to England")
 * and sentence of the target. */
void    _gw_report_front_texts   (GwReport        *self,
                                  char           **subtitle,
                                  char           **target_text);
/* "12 July 2007" */
char   *_gw_report_format_date   (GDateTime       *date);

/* gw-report-summary.c */
void    _gw_report_exceptions_free    (GwReportExceptions *exceptions);
guint   _gw_report_exceptions_n_pages (GwReport           *self);
void    _gw_report_exceptions_draw    (Page               *pg,
                                       guint               page);

/* Lays the report out for pages of width x height points, unless it is
 * already (gw-report.c). */
void _gw_report_ensure_layout (GwReport *self,
                               double    width,
                               double    height);

G_END_DECLS
