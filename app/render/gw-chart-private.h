/* gw-chart-private.h: what the chart painters share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gw-chart.c holds the GwChart object, the frame every chart has (title,
 * subtitle, legend, source line), hit testing and export; gw-chart-canvas.c
 * the drawing primitives (Pango text with its placement registry, markers,
 * dashes, pixel snapping); gw-chart-axis.c the axes (value -> 0..1 -> device)
 * and their ticks; one file per chart (gw-chart-trend.c, -gap.c, -compare.c,
 * -funnel.c) takes its numbers from the model and paints its panels.
 *
 * Every painter runs through a GwCanvas; what it placed (panels with their
 * axes, labels, hit marks) is kept as a GwChartFrame, which is what hit
 * testing and the layout API read, so they can never disagree with what was
 * drawn.
 */
#pragma once

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "gw-chart.h"

G_BEGIN_DECLS

/* --- export (gw-chart.c) ------------------------------------------------- */

/* Replaces path with len bytes of data atomically (a temporary file beside
 * it, renamed over it).  The error is a GFileError that names path, never
 * the temporary file, and the reason: what the user asked to write is what
 * they can act on. */
gboolean _gw_render_write_file (const char  *path,
                                const void  *data,
                                gsize        len,
                                GError     **error);

/* --- axes (gw-chart-axis.c) ---------------------------------------------- */

/* Maps a value to 0..1 between lo and hi, then to device units between d0
 * and d1 (d1 < d0 for a y axis growing upwards). */
typedef struct
{
  double lo, hi;
  double d0, d1;
} GwAxis;

typedef struct
{
  double  value;
  char   *label;
} GwTick;

double      gw_axis_fraction         (const GwAxis *axis,
                                      double        value);
double      gw_axis_map              (const GwAxis *axis,
                                      double        value);
/* A step of 1, 2, 2.5 or 5 times a power of ten giving at most max_ticks
 * intervals over lo..hi. */
double      gw_axis_nice_step        (double        lo,
                                      double        hi,
                                      guint         max_ticks);
/* An empty GArray of GwTick that frees their labels. */
GArray     *gw_ticks_new             (void);
/* Ticks at multiples of step from lo to hi (widened to multiples of step
 * when expand), labelled with the decimals the step needs and suffix
 * appended; a GArray of GwTick, cleared with their labels. */
GArray     *gw_axis_ticks            (double       *lo,
                                      double       *hi,
                                      double        step,
                                      gboolean      expand,
                                      const char   *suffix);
/* A number as the charts print it: the locale's decimal point, a real minus
 * sign, thousands grouped when group is TRUE. */
char       *gw_chart_format_number   (double        value,
                                      int           decimals,
                                      gboolean      group);
/* "1995–97" for a pooled period, "2007" for a year, the period otherwise. */
char       *gw_chart_format_period_short (GwPeriod   period);
/* "1995–1997" */
char       *gw_chart_format_period   (GwPeriod      period);

/* --- drawing (gw-chart-canvas.c) ----------------------------------------- */

typedef enum
{
  GW_MARKER_CIRCLE = 0,
  GW_MARKER_SQUARE,
  GW_MARKER_DIAMOND,
  GW_MARKER_TRIANGLE_UP,
  GW_MARKER_TRIANGLE_DOWN,
  GW_MARKER_CROSS,
} GwMarker;

typedef enum
{
  GW_DASH_SOLID = 0,
  GW_DASH_DASHED,
  GW_DASH_DASH_DOT,
  GW_DASH_DOTTED,
  GW_DASH_LONG,
} GwDash;

/* Text sizes in points. */
#define GW_PT_TITLE     13.0
#define GW_PT_SUBTITLE   9.0
#define GW_PT_PANEL      9.0
#define GW_PT_AXIS       8.0
#define GW_PT_TICK       7.5
#define GW_PT_LEGEND     8.0
#define GW_PT_NOTE       7.5
#define GW_PT_FOOTER     7.0
/* The smallest text any chart prints: legible on paper. */
#define GW_PT_MIN        6.0

typedef struct
{
  GwChartRect  rect;     /* sensitive area, device units */
  double       cx, cy;   /* its centre: the nearest wins */
  char        *text;
} GwMark;

typedef struct
{
  GwChartRect  area;     /* the whole panel */
  GwChartRect  plot;     /* inside the axes */
  GwAxis       x, y;
} GwPanelFrame;

typedef struct
{
  double        width, height;
  GwChartStyle  style;
  char         *font_family;   /* style.font_family points here */
  GArray       *panels;        /* GwPanelFrame */
  GArray       *labels;        /* GwChartLabel */
  GArray       *marks;         /* GwMark */
} GwChartFrame;

typedef struct
{
  cairo_t            *cr;
  const GwChartStyle *style;
  GwChartColour       colours[GW_CHART_N_ROLES];
  double              s;            /* device units per point */
  double              width, height;
  GwChartFrame       *frame;
  GArray             *obstacles;    /* GwChartRect: what free labels must not cover */
} GwCanvas;

GwChartFrame *gw_chart_frame_new     (const GwChartStyle *style,
                                      double              width,
                                      double              height);
void        gw_chart_frame_free      (GwChartFrame       *frame);
gboolean    gw_chart_frame_matches   (const GwChartFrame *frame,
                                      const GwChartStyle *style,
                                      double              width,
                                      double              height);

void        gw_canvas_init           (GwCanvas           *canvas,
                                      cairo_t            *cr,
                                      const GwChartStyle *style,
                                      double              width,
                                      double              height,
                                      GwChartFrame       *frame);
void        gw_canvas_clear          (GwCanvas           *canvas);
void        gw_canvas_set_colour     (GwCanvas           *canvas,
                                      GwChartRole         role,
                                      double              alpha);

/* A layout of text at size_pt; max_width > 0 wraps at it (max_lines lines,
 * the last ellipsized) or, with max_lines 1, ellipsizes. */
PangoLayout *gw_canvas_layout        (GwCanvas           *canvas,
                                      const char         *text,
                                      double              size_pt,
                                      gboolean            bold,
                                      double              max_width,
                                      int                 max_lines);
/* Logical size in device units. */
void        gw_canvas_layout_size    (PangoLayout        *layout,
                                      double             *width,
                                      double             *height);
/* The rectangle of layout with its anchor (xalign, yalign in 0..1 of its
 * size) at (x, y). */
GwChartRect gw_canvas_layout_rect    (PangoLayout        *layout,
                                      double              x,
                                      double              y,
                                      double              xalign,
                                      double              yalign);
/* Whether rect is inside the surface and overlaps no placed label (and,
 * with obstacles, no obstacle). */
gboolean    gw_canvas_is_free        (GwCanvas           *canvas,
                                      const GwChartRect  *rect,
                                      gboolean            obstacles);
/* Places layout at (x, y) with its anchor, in role's colour, when the place
 * is free; returns whether it was drawn. */
gboolean    gw_canvas_show           (GwCanvas           *canvas,
                                      PangoLayout        *layout,
                                      double              x,
                                      double              y,
                                      double              xalign,
                                      double              yalign,
                                      GwChartRole         role);
/* The same on a patch of background (a label inside a plot). */
gboolean    gw_canvas_show_halo      (GwCanvas           *canvas,
                                      PangoLayout        *layout,
                                      double              x,
                                      double              y,
                                      double              xalign,
                                      double              yalign,
                                      GwChartRole         role);
/* Centred on cx, moved sideways to stay within. */
gboolean    gw_canvas_show_centred   (GwCanvas           *canvas,
                                      PangoLayout        *layout,
                                      double              cx,
                                      double              y,
                                      double              yalign,
                                      const GwChartRect  *within,
                                      GwChartRole        role);
/* The same, turned a quarter counter-clockwise about its centre (cx, cy). */
gboolean    gw_canvas_show_rotated   (GwCanvas           *canvas,
                                      PangoLayout        *layout,
                                      double              cx,
                                      double              cy,
                                      GwChartRole         role);
/* Text height of one line at size_pt, device units. */
double      gw_canvas_line_height    (GwCanvas           *canvas,
                                      double              size_pt,
                                      gboolean            bold);

void        gw_canvas_set_line       (GwCanvas           *canvas,
                                      GwChartRole         role,
                                      double              width_pt,
                                      GwDash              dash);
/* A coordinate of a horizontal or vertical line moved to the device pixel
 * grid so that a thin line is one sharp row of pixels. */
double      gw_canvas_snap           (GwCanvas           *canvas,
                                      double              v,
                                      double              line_width,
                                      gboolean            vertical);
void        gw_canvas_hline          (GwCanvas           *canvas,
                                      double              x0,
                                      double              x1,
                                      double              y);
void        gw_canvas_vline          (GwCanvas           *canvas,
                                      double              x,
                                      double              y0,
                                      double              y1);
/* A marker of size_pt across centred on (cx, cy), filled with role's
 * colour, or hollow (background inside, so lines behind do not show). */
void        gw_canvas_marker         (GwCanvas           *canvas,
                                      GwMarker            marker,
                                      double              cx,
                                      double              cy,
                                      double              size_pt,
                                      GwChartRole         role,
                                      gboolean            filled);
/* Whether greyscale hatches series (gw-chart-style.c). */
gboolean    gw_chart_series_hatched  (const GwChartStyle *style,
                                      guint               series);
/* Fills a rectangle with a category's colour (hatched where greyscale
 * needs it), edged with a hairline of background so that neighbours in a
 * stack stay apart. */
void        gw_canvas_fill_series    (GwCanvas           *canvas,
                                      guint               series,
                                      const GwChartRect  *rect);
/* gw_canvas_show on a category's fill: black or white text, whichever
 * reads better on it. */
gboolean    gw_canvas_show_on_series (GwCanvas           *canvas,
                                      PangoLayout        *layout,
                                      double              x,
                                      double              y,
                                      double              xalign,
                                      double              yalign,
                                      guint               series);
/* A hit region for tooltips; takes text. */
void        gw_canvas_add_mark       (GwCanvas           *canvas,
                                      const GwChartRect  *rect,
                                      char               *text);
void        gw_canvas_add_obstacle   (GwCanvas           *canvas,
                                      const GwChartRect  *rect);
/* Diagonal lines in role's colour across rect, edged on its sides: a span
 * with no value (a suppressed period), legible in greyscale and print. */
void        gw_canvas_hatch          (GwCanvas           *canvas,
                                      const GwChartRect  *rect,
                                      GwChartRole         role);

/* --- legend and panels (gw-chart-canvas.c) -------------------------------- */

typedef enum
{
  GW_SWATCH_LINE = 0,    /* a line, with the marker when has_marker */
  GW_SWATCH_MARKER,
  GW_SWATCH_BAND,        /* a shaded band (confidence interval); edges in
                          * the item's dash unless solid */
  GW_SWATCH_TICK,        /* a short vertical line */
  GW_SWATCH_FILL,        /* a filled square in a category's colour (series) */
  GW_SWATCH_HATCH,       /* a hatched square (gw_canvas_hatch): no value */
} GwSwatch;

typedef struct
{
  char        *text;
  GwSwatch     swatch;
  GwChartRole  role;
  GwDash       dash;
  GwMarker     marker;
  gboolean     has_marker;
  gboolean     filled;
  guint        series;   /* GW_SWATCH_FILL: the category */
} GwLegendItem;

GArray     *gw_legend_new            (void);
void        gw_legend_add            (GArray             *legend,
                                      const char         *text,
                                      GwSwatch            swatch,
                                      GwChartRole         role,
                                      GwDash              dash,
                                      GwMarker            marker,
                                      gboolean            has_marker,
                                      gboolean            filled);
/* A category's fill (gw_chart_style_get_series_colour). */
void        gw_legend_add_fill       (GArray             *legend,
                                      const char         *text,
                                      guint               series);
/* Height the legend needs at width, laid out in rows; -1 when it needs
 * more than max_rows rows. */
double      gw_legend_measure        (GwCanvas           *canvas,
                                      GArray             *legend,
                                      double              width,
                                      guint               max_rows);
void        gw_legend_paint          (GwCanvas           *canvas,
                                      GArray             *legend,
                                      double              x,
                                      double              y,
                                      double              width);

/* Splits body into n panels, side by side when wide enough, else stacked. */
void        gw_panels_split          (const GwChartRect  *body,
                                      guint               n,
                                      double              gap,
                                      gboolean            side_by_side,
                                      GwChartRect        *out);

/* An x-y panel: title, axes with ticks thinned to fit, grid, axis titles. */
typedef struct
{
  const char *title;          /* bold, above the plot, up to 2 lines */
  GwChartRole title_role;
  const char *status;         /* a second line under the title, or NULL */
  GwChartRole status_role;
  gboolean    status_marker;  /* a marker before the status */
  GwMarker    status_shape;
  const char *x_title;
  const char *y_title;
  double      y_lo, y_hi;     /* data range, to be widened to ticks */
  const char *y_suffix;       /* after each y tick label, e.g. "%" */
  gboolean    y_group;        /* group thousands in y labels */
  gboolean    x_numeric;      /* numbers on x from x_lo..x_hi (else x_ticks) */
  double      x_lo, x_hi;
  gboolean    x_group;
  GArray     *x_ticks;        /* GwTick, for time axes, in value order */
  const char *x_suffix;
} GwXYPanelSpec;

/* Lays out and paints the frame of an x-y panel in area; fills frame with
 * the plot rectangle and axes, adds it to the canvas frame, and returns
 * FALSE when there is no room for a plot at all. */
gboolean    gw_xy_panel_paint        (GwCanvas           *canvas,
                                      const GwChartRect  *area,
                                      const GwXYPanelSpec *spec,
                                      GwPanelFrame       *frame);

/* Clips cr to the panel's plot, widened by pad_pt (markers on the edge). */
void        gw_canvas_clip_plot      (GwCanvas           *canvas,
                                      const GwPanelFrame *panel,
                                      double              pad_pt);

/* --- the chart object (gw-chart.c) ---------------------------------------- */

typedef void (*GwChartPaintFunc) (GwChart           *chart,
                                  GwCanvas          *canvas,
                                  const GwChartRect *body);
/* A legend for this style (GwLegendItem, transfer full), for a kind whose
 * legend depends on it (the trend chart's confidence level). */
typedef GArray *(*GwChartLegendFunc) (GwChart            *chart,
                                      const GwChartStyle *style);

struct _GwChart
{
  GObject           parent_instance;

  GwChartKind       kind;
  char             *title;
  char             *subtitle;
  char             *source;
  char             *description;
  GArray           *legend;        /* GwLegendItem */
  gpointer          data;          /* the kind's numbers */
  GDestroyNotify    data_free;
  GwChartPaintFunc  paint_body;
  GwChartLegendFunc legend_for_style;  /* NULL: legend whatever the style */
  gboolean          keep_legend;   /* colours without labels on the marks (the
                                    * causes' fills): the legend is the only key,
                                    * never dropped for room */
  GPtrArray        *row_codes;     /* compare: GStrv per panel */
  guint             first_row;     /* compare: the ranks shown (gw_chart_set_row_range) */
  guint             n_rows;        /* G_MAXUINT: every row */

  GwChartFrame     *frame;         /* the last layout, for hit tests */
};

GwChart    *gw_chart_new_internal    (GwChartKind         kind);
/* "Source: publishers.  Data as at 6 November 2007." from the imports. */
char       *gw_chart_source_text     (GwDataset          *dataset);
/* Name and unit of an indicator: the built-in ones translated, others from
 * the exports' declarations. */
void        gw_chart_indicator_text  (GwDataset          *dataset,
                                      GwIndicators       *indicators,
                                      const char         *id,
                                      char              **name,
                                      char              **unit);
const char *gw_chart_sex_label       (GwSex               sex);
/* "men", "women", "persons" inside a sentence. */
const char *gw_chart_sex_word        (GwSex               sex);
const char *gw_chart_status_label    (GwTargetStatus      status);
GwMarker    gw_chart_status_marker   (GwTargetStatus      status);
GwChartRole gw_chart_status_role     (GwTargetStatus      status);
/* Whether style asks for 99.8% limits rather than 95%. */
gboolean    gw_chart_style_wants_998 (const GwChartStyle *style);
/* The first area of type country, or -1. */
gint        gw_chart_find_country    (GwDataset          *dataset);


G_END_DECLS
