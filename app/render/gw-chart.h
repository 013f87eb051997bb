/* gw-chart.h: charts of indicators and targets, painted with Cairo and Pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GwChart is a snapshot of the numbers one chart shows, taken from the
 * dataset, the indicator engine and the target tracker when it is made; it
 * keeps no reference to them.  One painter, gw_chart_render(), draws it on
 * any cairo_t at any size: the window's snapshot (gtk_snapshot_append_cairo),
 * a GtkPrintOperation page, and the PNG, SVG and PDF surfaces of
 * gw_chart_export().  Sizes of text, lines and markers are in points; the
 * style says how many device units a point is, so print and export are crisp
 * at any resolution.  Every label is measured with Pango before it is placed:
 * labels that would overlap another or leave the surface are thinned,
 * ellipsized or dropped, never drawn over each other.
 *
 * House style 11-13.  No widget, no gtk.h: the window passes its theme's
 * colours and font in a GwChartStyle.  A chart is used from one thread at a
 * time (it keeps its last layout for hit tests).
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "model/gw-dataset.h"
#include "methods/gw-indicators.h"
#include "methods/gw-inequality.h"
#include "tracker/gw-tracker.h"
#include "tracker/gw-tracker-result.h"

G_BEGIN_DECLS

#define GW_CHART_ERROR (gw_chart_error_quark ())

/* The most pixels gw_chart_export() draws in a PNG: 50 megapixels, 200 MB
 * of image surface before compression (a 20,000 × 20,000 PNG took 37 s and
 * 1.6 GB).  SVG and PDF are vector formats with no such limit. */
#define GW_CHART_MAX_PNG_PIXELS 50000000

typedef enum
{
  GW_CHART_ERROR_NO_DATA,       /* nothing to draw: no value for the subject */
  GW_CHART_ERROR_NOT_FOUND,     /* unknown indicator, area, group or period */
  GW_CHART_ERROR_FORMAT,        /* export: not .png, .svg or .pdf */
  GW_CHART_ERROR_WRITE,         /* export: the file could not be written */
} GwChartError;

typedef enum
{
  GW_CHART_TREND = 0,     /* an indicator over time against England and the group */
  GW_CHART_GAP,           /* a subject's gap, trajectory, projection and target */
  GW_CHART_COMPARE,       /* every member area of the target's group, ranked */
  GW_CHART_FUNNEL,        /* infant mortality against live births, control limits */
  GW_CHART_SCARF,         /* the gap in years by broad cause, one stacked bar per sex */
  GW_CHART_AGE_CAUSE,     /* the gap by age band, each bar stacked by cause */
  GW_CHART_GRADIENT,      /* life expectancy by deprivation decile within an area, the SII line */
} GwChartKind;

typedef enum
{
  GW_CHART_PALETTE_STANDARD = 0,
  GW_CHART_PALETTE_COLOUR_BLIND,  /* Okabe-Ito */
  GW_CHART_PALETTE_GREYSCALE,     /* for black-and-white print: shape and dash carry the meaning */
} GwChartPalette;

/* What a colour of the style is for (gw_chart_style_get_colour). */
typedef enum
{
  GW_CHART_ROLE_FOREGROUND = 0,   /* text, axes */
  GW_CHART_ROLE_MUTED,            /* secondary text, tick labels */
  GW_CHART_ROLE_GRID,
  GW_CHART_ROLE_BACKGROUND,
  GW_CHART_ROLE_SUBJECT,          /* the area or group the chart is about */
  GW_CHART_ROLE_GROUP,            /* its group */
  GW_CHART_ROLE_COMPARATOR,       /* England */
  GW_CHART_ROLE_TARGET,           /* the target gap */
  GW_CHART_ROLE_TRAJECTORY,       /* the straight line from baseline to target */
  GW_CHART_ROLE_ON_TRACK,
  GW_CHART_ROLE_OFF_TRACK,
  GW_CHART_ROLE_NO_GAP,
  GW_CHART_ROLE_INSUFFICIENT,
  GW_CHART_ROLE_HIGHER,           /* funnel: above the upper limit */
  GW_CHART_ROLE_LOWER,            /* funnel: below the lower limit */
  GW_CHART_ROLE_LIMIT,            /* funnel: control limits */
} GwChartRole;
#define GW_CHART_N_ROLES 16

typedef struct
{
  double red, green, blue, alpha;   /* 0..1 */
} GwChartColour;

/* How to draw.  Fill it with gw_chart_style_init() and change fields. */
typedef struct
{
  GwChartPalette  palette;
  gboolean        dark;          /* light text on a dark background (screen, dark theme) */
  GwChartColour   foreground;    /* alpha 0: the palette's own */
  GwChartColour   background;    /* alpha 0: paint none (the widget's or the paper
                                  * shows; hollow markers are filled white or,
                                  * dark, near-black); exports always paint one */
  const char     *font_family;   /* borrowed; NULL: "Sans" */
  double          scale;         /* device units per point: 1 for PDF, SVG and
                                  * print in points, 96/72 for a 96-dpi PNG */
  double          confidence_level; /* percent: 95 or 99.8, the limits the trend
                                     * chart draws (0: 95; another value: the
                                     * nearer of the two).  Published values
                                     * carry 95% limits only: those are drawn
                                     * and the legend says so.  The funnel
                                     * always draws both. */
  gboolean        hide_source;   /* leave out the source line (a report prints
                                  * it once in the page's footer) */
} GwChartStyle;

/* Which areas the all-areas chart ranks first. */
typedef enum
{
  GW_COMPARE_BY_CHANGE = 0,  /* change of the gap since baseline, widest-growing first */
  GW_COMPARE_BY_GAP,         /* latest gap, widest first */
} GwCompareOrder;

/* A rectangle in device units. */
typedef struct
{
  double x, y, width, height;
} GwChartRect;

/* A piece of text the painter placed (gw_chart_get_labels). */
typedef struct
{
  GwChartRect  rect;      /* its logical extents, device units */
  char        *text;
} GwChartLabel;

#define GW_TYPE_CHART (gw_chart_get_type ())
G_DECLARE_FINAL_TYPE (GwChart, gw_chart, GW, CHART, GObject)

GQuark          gw_chart_error_quark      (void);

/* --- style --------------------------------------------------------------- */

/* Light, the palette's colours, no background of its own, "Sans", scale 1,
 * 95% confidence intervals, with the source line. */
void            gw_chart_style_init       (GwChartStyle        *style,
                                           GwChartPalette       palette);
/* The colour the painter uses for role with this style. */
void            gw_chart_style_get_colour (const GwChartStyle  *style,
                                           GwChartRole          role,
                                           GwChartColour       *out);

/* Categories without an order (causes of death) have colours of their own:
 * GW_CHART_N_SERIES of them, then they repeat.  GW_CHART_SERIES_NEUTRAL is
 * the grey of "not specified". */
#define GW_CHART_N_SERIES      8
#define GW_CHART_SERIES_NEUTRAL G_MAXUINT
/* The fill of category series with this style.  The greyscale palette also
 * hatches every other grey (the painters do it); the colour is the ground. */
void            gw_chart_style_get_series_colour (const GwChartStyle *style,
                                                  guint               series,
                                                  GwChartColour      *out);
gboolean        gw_chart_palette_parse    (const char          *text,
                                           GwChartPalette      *out);

/* --- charts -------------------------------------------------------------- */

/* An indicator of an area (is_group FALSE) or a group over time, with 95%
 * or 99.8% limits (the style's confidence_level), against England and the
 * area's group (the first group it belongs to), one panel per sex.  sexes: a mask of 1 << GwSex; 0 for the sexes
 * England's published values have (infant mortality: persons), else men
 * and women when there are values for them, else persons.  Pooled 3-year
 * periods when the subject has any, else calendar years, then the
 * provisional rolling 36 months when they reach past those periods. */
GwChart        *gw_chart_new_trend        (GwDataset           *dataset,
                                           GwIndicators        *indicators,
                                           const char          *indicator,
                                           gboolean             is_group,
                                           guint                subject,
                                           guint                sexes,
                                           GError             **error);
/* The target's gap for a member area or the group, one panel per sex of
 * target->sexes: gap points, baseline, the straight trajectory to the target
 * gap, the projection's fitted line to the target period, and the status in
 * words (methods.md section 7).  Runs the tracker on indicators' values. */
GwChart        *gw_chart_new_gap          (GwTrackerResult     *result,
                                           gboolean             is_group,
                                           guint                subject,
                                           GError             **error);
/* Every member area of the target's group, one row each, ranked by order:
 * baseline and latest gap, the area's target gap and its status, one panel
 * per sex.  Laid out for 70 areas on an A4 portrait page; a larger group
 * goes onto several pages with gw_chart_set_row_range(). */
GwChart        *gw_chart_new_compare      (GwTrackerResult     *result,
                                           GwCompareOrder       order,
                                           GError             **error);
/* Infant mortality (imr, persons) of every local area in period against its
 * live births, with exact Poisson 95% and 99.8% control limits around
 * England's rate; period 0: the latest pooled period England has. */
GwChart        *gw_chart_new_funnel       (GwDataset           *dataset,
                                           GwIndicators        *indicators,
                                           GwPeriod             period,
                                           GError             **error);

/* Life expectancy of each deprivation decile of a subject with its 95%
 * interval and the fitted line of the slope index of inequality, most
 * deprived on the left, one panel per value (men, women), the SII and RII
 * with their 95% limits above each (methods.md section 4).  values are
 * gw_inequality_compute()'s, for one subject and period; x in
 * gw_chart_map_point() is the relative rank 0..1, y the life expectancy. */
GwChart        *gw_chart_new_gradient     (GwDataset               *dataset,
                                           const GwInequalityValue *values,
                                           guint                    n_values,
                                           GError                 **error);

/* The all-areas chart (GW_CHART_COMPARE only) shows the ranks first_row to
 * first_row + n_rows - 1 (from 0) of every panel, with its whole heading,
 * legend and axes: one page of a comparison split over pages.  The rows
 * share the plot's height as n_rows rows would; when fewer than n_rows
 * remain, the plot and its bottom axis end after the last row and the rest
 * of the surface is left empty, so every page of a split has rows of one
 * height.  gw_chart_map_point() keeps taking a rank from 0 (a row outside
 * the range maps outside the plot), and gw_chart_get_row_codes() keeps
 * listing every row.  first_row 0, n_rows G_MAXUINT: every row (the
 * default). */
void            gw_chart_set_row_range    (GwChart             *self,
                                           guint                first_row,
                                           guint                n_rows);

GwChartKind     gw_chart_get_kind         (GwChart             *self);
const char     *gw_chart_get_title        (GwChart             *self);
const char     *gw_chart_get_subtitle     (GwChart             *self);
/* "Source: ...  Data as at 6 November 2007." */
const char     *gw_chart_get_source       (GwChart             *self);
/* Plain text for screen readers and reports: what is shown and its key
 * numbers, in sentences. */
const char     *gw_chart_get_description  (GwChart             *self);

/* A target's required narrowing as every view shows it (the window's key
 * figures, the report's tables): "11.4%", "none" when it rounds to zero or
 * less (the gap is already narrow enough), "–" when unknown. */
char           *gw_chart_format_required  (double               required,
                                           int                  decimals);

/* text with a word joiner after the dash of each range of years
 * ("2009–2011"), so that a wrapping label never breaks the range. */
char           *gw_chart_join_ranges      (const char          *text);

/* Paints the chart in the rectangle (0, 0, width, height) of cr's user
 * space, in device units of cr (pixels of an image, points of PDF and SVG).
 * Leaves cr's state as it found it. */
void            gw_chart_render           (GwChart             *self,
                                           cairo_t             *cr,
                                           const GwChartStyle  *style,
                                           double               width,
                                           double               height);
/* The height at which the chart shows its whole frame (title, subtitle,
 * the legend wrapped to width, source) and a body of body_height: what a
 * widget asks for its height at a width. */
double          gw_chart_get_height_for_width (GwChart            *self,
                                               const GwChartStyle *style,
                                               double              width,
                                               double              body_height);
/* The tooltip at (x, y) of a chart drawn with style at width x height, or
 * NULL when nothing is there.  Uses the painter's own layout. */
char           *gw_chart_hit_test         (GwChart             *self,
                                           const GwChartStyle  *style,
                                           double               width,
                                           double               height,
                                           double               x,
                                           double               y);
/* Writes the chart to path, a PNG, SVG or PDF chosen by its extension.
 * width and height are pixels for PNG (text sized by style->scale), points
 * for SVG and PDF (style->scale is taken as 1).  The PDF and SVG carry the
 * title and description as metadata.  A PNG has at most
 * GW_CHART_MAX_PNG_PIXELS (GW_CHART_ERROR_FORMAT).  A file that cannot be
 * written is a GFileError whose message names path and the reason. */
gboolean        gw_chart_export           (GwChart             *self,
                                           const GwChartStyle  *style,
                                           const char          *path,
                                           double               width,
                                           double               height,
                                           GError             **error);

/* Frees the fonts Pango, cairo and fontconfig keep for the life of the
 * process, so that a leak checker sees a clean exit.  Only for programs
 * without GTK (gapwatch-cli, tests), once, after the last chart is drawn and
 * every cairo surface is destroyed; never in the window, whose toolkit
 * shares them. */
void            gw_chart_release_fonts    (void);

/* --- layout, for tests and the window ------------------------------------ */

/* The panels of the layout at this size (1 or 2). */
guint           gw_chart_get_n_panels     (GwChart             *self,
                                           const GwChartStyle  *style,
                                           double               width,
                                           double               height);
/* The device position of a data point (x, y) in a panel, by the painter's
 * own axes: x is a period midpoint in decimal years (trend, gap), live births
 * (funnel) or the gap (compare); y is the value (trend, funnel), the gap
 * (gap), or the row number from 0 at the top (compare).  FALSE when there is
 * no such panel. */
gboolean        gw_chart_map_point        (GwChart             *self,
                                           const GwChartStyle  *style,
                                           double               width,
                                           double               height,
                                           guint                panel,
                                           double               x,
                                           double               y,
                                           double              *device_x,
                                           double              *device_y);
/* The plot rectangle of a panel (inside the axes). */
gboolean        gw_chart_get_plot_rect    (GwChart             *self,
                                           const GwChartStyle  *style,
                                           double               width,
                                           double               height,
                                           guint                panel,
                                           GwChartRect         *out);
/* Every label the painter placed, a GArray of GwChartLabel (cleared with
 * their text). */
GArray         *gw_chart_get_labels       (GwChart             *self,
                                           const GwChartStyle  *style,
                                           double               width,
                                           double               height);
/* The compare chart's areas in row order (area codes), one array per panel;
 * NULL for other kinds. */
const char *const *gw_chart_get_row_codes (GwChart             *self,
                                           guint                panel);

G_END_DECLS
