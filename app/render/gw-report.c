/* gw-report.c: the board report, laid out on pages with Cairo and Pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages: the front page, the comparison page(s), one page per area.  Every
 * page is drawn in points from its top-left corner: a running header (not
 * on the front page), the content, and a footer with the source, the date of
 * the data and "Page N of M".  Text goes through the charts' canvas
 * (gw-chart-canvas.c): Pango layouts on the page's own cairo_t with unhinted
 * metrics, so a page breaks its lines the same way in a PDF, a print job and
 * an image.  Blocks are measured before they are placed: a table shrinks its
 * type to 7 points and then wraps its cells, the front page leaves out the
 * group's chart, then rows of the imports table, before anything would run
 * into the footer.
 *
 * The charts are the chart painters' own (gw_chart_render), scaled into
 * boxes, without their own source line: the footer says it once.  The
 * all-areas chart is made for about 70 rows on a page; a larger group is
 * drawn a range of rows a page (gw_chart_set_row_range), each page the whole
 * chart with its heading, legend and both axes round its own rows (like the
 * heading row of a long table), every page's rows of one height.
 */
#include "gw-config.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>

#include "gw-chart-private.h"
#include "gw-report.h"
#include "gw-report-private.h"

/* Page geometry and type, in points. */
#define MARGIN_BOTTOM     28.0
#define PT_RUNNING         7.5
#define PT_FOOTER          7.5
#define PT_TABLE_MIN       7.0
/* The all-areas chart: below this row height (what one A4 page gives 80
 * areas) it is cut onto pages whose rows are about COMPARE_ROW_PT high. */
#define COMPARE_MIN_ROW    7.0
#define COMPARE_ROW_PT     9.0
#define COMPARE_MAX_ROW   11.0
/* The smallest chart worth a place on the front page. */
#define FRONT_CHART_MIN  170.0

G_DEFINE_QUARK (gw-report-error-quark, gw_report_error)

G_DEFINE_TYPE (GwReport, gw_report, G_TYPE_OBJECT)

/* --- helpers -------------------------------------------------------------- */

static void
clear_area (gpointer p)
{
  ReportArea *a = p;

  g_free (a->code);
  g_free (a->name);
  g_clear_object (&a->gap);
  g_clear_object (&a->trend);
  g_free (a->gap_error);
  g_free (a->trend_error);
  g_clear_pointer (&a->rows, g_ptr_array_unref);
  g_clear_pointer (&a->decomp, _gw_report_decomp_free);
  g_clear_object (&a->gradient);
}

static void
clear_import (gpointer p)
{
  ReportImport *i = p;

  g_free (i->name);
  g_free (i->file);
  g_free (i->publisher);
  g_free (i->generated);
}

static char *
format_date (GDateTime *date)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (date);

  /* Translators: a date in the report, as g_date_time_format() takes it;
   * "%-d %B %Y" gives "12 July 2007". */
  return g_date_time_format (local, C_("report date", "%-d %B %Y"));
}

/* A gap with its unit: "2.70%", "1.23 years"; "–" when there is none. */
static char *
format_gap (GwReport *self,
            double    v)
{
  g_autofree char *n = NULL;

  if (!isfinite (v))
    return g_strdup ("–");
  n = gw_chart_format_number (v, 2, FALSE);
  return g_strconcat (n, self->unit, NULL);
}

/* A percentage: "10.8%", or with its sign "+4.8%", "−15.5%". */
static char *
format_percent (double   v,
                int      decimals,
                gboolean sign)
{
  g_autofree char *n = NULL;

  if (!isfinite (v))
    return g_strdup ("–");
  n = gw_chart_format_number (v, decimals, FALSE);
  /* no "+0.0%": a sign only on what shows as more than zero */
  return g_strdup_printf ("%s%s%%", sign && v >= 0.5 * pow (10, -decimals) ? "+" : "", n);
}

/* A number and its 95% interval on the next line: "2.70%\n1.02 to 5.40";
 * the number alone when there is no interval. */
static char *
format_with_interval (double      v,
                      double      lower,
                      double      upper,
                      int         decimals,
                      const char *unit)
{
  g_autofree char *n = NULL, *lo = NULL, *hi = NULL;

  if (!isfinite (v))
    return g_strdup ("–");
  n = gw_chart_format_number (v, decimals, FALSE);
  if (!isfinite (lower) || !isfinite (upper))
    return g_strconcat (n, unit, NULL);
  lo = gw_chart_format_number (lower, decimals, FALSE);
  hi = gw_chart_format_number (upper, decimals, FALSE);
  if (lower >= 0 && upper >= 0)
    return g_strdup_printf ("%s%s\n%s–%s", n, unit, lo, hi);
  /* Translators: a number with its unit, then its 95% interval on the next
   * line when a limit is negative, "-0.70%\n-1.02 to 0.40" */
  return g_strdup_printf (_("%s%s\n%s to %s"), n, unit, lo, hi);
}

static char *
format_period (GwPeriod p)
{
  return p != 0 ? gw_chart_format_period (p) : g_strdup ("–");
}

/* The status of one subject and sex in a sentence, as Pango markup:
 * "<b>Men: off track</b> — the gap is projected at 2.70% in 2009–2011
 * against a target of 2.39%; it must narrow by 10.8%." */
/* "Off track · uncertain": the certainty beside every status, as the window
 * shows it. */
static char *
status_with_certainty (const GwTrackerRow *r)
{
  if (r->certainty != GW_CERTAINTY_UNCERTAIN)
    return g_strdup (gw_chart_status_label (r->status));
  /* Translators: a status and its certainty, "On track · uncertain" (too
   * close to call: the target inside the projection's 95% interval) */
  return g_strdup_printf (C_("status and certainty", "%s · %s"), gw_chart_status_label (r->status),
                          C_("certainty", "uncertain"));
}

static char *
status_sentence (GwReport           *self,
                 const GwTrackerRow *r)
{
  g_autofree char *head = NULL, *rest = NULL, *tail = NULL;

  /* the tracker's reason, the same words as the window's; it names the
   * status itself ("off track: the trend …"), the table beside gives the
   * status with its certainty */
  head = g_markup_printf_escaped ("<b>%s:</b>", gw_chart_sex_label (r->sex));
  if (r->reason_text != NULL && r->reason_text[0] != '\0')
    {
      gunichar first = g_unichar_totitle (g_utf8_get_char (r->reason_text));
      char buf[8] = { 0, };

      g_unichar_to_utf8 (first, buf);
      tail = g_strconcat (buf, g_utf8_next_char (r->reason_text), NULL);
    }
  rest = g_markup_escape_text (tail != NULL ? tail : gw_chart_status_label (r->status), -1);
  /* Translators: "<b>Men:</b> Off track: the trend since …." */
  return g_strdup_printf (C_("reason", "%s %s."), head, rest);
}

/* The status as what the group is or has: "is off track", "has no gap to
 * close". */
static const char *
status_predicate (GwTargetStatus status)
{
  switch (status)
    {
    case GW_STATUS_ON_TRACK:  return _("is on track");
    case GW_STATUS_OFF_TRACK: return _("is off track");
    case GW_STATUS_NO_GAP:    return _("has no gap to close");
    case GW_STATUS_INSUFFICIENT_DATA:
    default:                  return _("has too little data to project");
    }
}

/* "The Spearhead Group is off track for men and on track for women." */
static char *
group_headline (GwReport *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const GwTrackerRow *first;
  gboolean same = TRUE;

  /* a target on the group's members only has no rows of the group */
  if (self->group_rows->len == 0)
    /* Translators: "Each area of the Spearhead Group is tracked on its own: the areas by status follow." */
    return g_strdup_printf (_("Each area of the %s is tracked on its own: the areas by status follow."),
                            self->group_name);
  first = g_ptr_array_index (self->group_rows, 0);

  for (guint i = 1; i < self->group_rows->len; i++)
    same = same && ((GwTrackerRow *) g_ptr_array_index (self->group_rows, i))->status == first->status;
  if (self->group_rows->len == 1 || (same && first->sex == GW_SEX_PERSONS))
    /* Translators: "The Spearhead Group is on track." */
    return g_strdup_printf (_("The %s %s."), self->group_name, status_predicate (first->status));
  if (same)
    /* Translators: "The Spearhead Group is off track for men and for women." */
    return g_strdup_printf (_("The %s %s for men and for women."), self->group_name,
                            status_predicate (first->status));
  for (guint i = 0; i < self->group_rows->len; i++)
    {
      const GwTrackerRow *r = g_ptr_array_index (self->group_rows, i);

      if (i > 0)
        g_string_append (text, i + 1 < self->group_rows->len ? _(", ") : _(" and "));
      /* Translators: "is off track for men" */
      g_string_append_printf (text, _("%s for %s"), status_predicate (r->status), gw_chart_sex_word (r->sex));
    }
  /* Translators: "The Spearhead Group is off track for men and is on track for women." */
  return g_strdup_printf (_("The %s %s."), self->group_name, text->str);
}

/* "The gap must narrow by about 11% for men and 16% for women." (methods.md
 * section 7: whole percentages), or what is already met.  "About", as the
 * figures table below gives the same narrowing to a decimal (11.4%), and
 * a bare "11%" above "11.4%" read as a contradiction. */
static char *
group_narrowing_sentence (GwReport *self)
{
  g_autoptr(GString) need = g_string_new (NULL);
  g_autoptr(GString) met = g_string_new (NULL);
  guint n_need = 0, n_met = 0, n_rows = self->group_rows->len;

  for (guint i = 0; i < n_rows; i++)
    {
      const GwTrackerRow *r = g_ptr_array_index (self->group_rows, i);

      if (!isfinite (r->required_narrowing) || r->status == GW_STATUS_NO_GAP
          || r->status == GW_STATUS_INSUFFICIENT_DATA)
        continue;
      if (r->required_narrowing > 0)
        {
          g_autofree char *pc = format_percent (r->required_narrowing, 0, FALSE);

          if (n_need++ > 0)
            g_string_append (need, _(" and "));
          if (r->sex == GW_SEX_PERSONS)
            g_string_append (need, pc);
          else
            /* Translators: "11% for men" */
            g_string_append_printf (need, _("%s for %s"), pc, gw_chart_sex_word (r->sex));
        }
      else
        {
          if (n_met++ > 0)
            g_string_append (met, _(" and "));
          g_string_append (met, gw_chart_sex_word (r->sex));
        }
    }
  if (n_need > 0 && n_met > 0)
    /* Translators: "The gap must narrow by about 11% for men; for women the latest gap already meets the target." */
    return g_strdup_printf (_("The gap must narrow by about %s; for %s the latest gap already meets the target."),
                            need->str, met->str);
  if (n_need > 0)
    /* Translators: "The gap must narrow by about 11% for men and 18% for women." */
    return g_strdup_printf (_("The gap must narrow by about %s."), need->str);
  if (n_met > 0)
    return g_strdup (_("The latest gap already meets the target."));
  return NULL;
}

static GwTargetStatus
worst_status (GPtrArray *rows)
{
  /* off track is what a board must see first, then missing data */
  static const GwTargetStatus order[] = {
    GW_STATUS_OFF_TRACK, GW_STATUS_INSUFFICIENT_DATA, GW_STATUS_ON_TRACK, GW_STATUS_NO_GAP,
  };

  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    for (guint i = 0; i < rows->len; i++)
      if (((GwTrackerRow *) g_ptr_array_index (rows, i))->status == order[k])
        return order[k];
  return GW_STATUS_INSUFFICIENT_DATA;
}

/* --- a page --------------------------------------------------------------- */


static PangoLayout *
page_layout (Page       *pg,
             const char *text,
             double      size,
             gboolean    bold,
             double      width,
             int         max_lines,
             gboolean    markup)
{
  PangoLayout *l = gw_canvas_layout (&pg->canvas, markup ? "" : text, size, bold, width, max_lines);

  if (markup)
    pango_layout_set_markup (l, text, -1);
  if (width > 0 && max_lines > 1)
    pango_layout_set_wrap (l, PANGO_WRAP_WORD);
  return l;
}

static double
layout_height (PangoLayout *l)
{
  double h;

  gw_canvas_layout_size (l, NULL, &h);
  return h;
}

static double
layout_width (PangoLayout *l)
{
  double w;

  gw_canvas_layout_size (l, &w, NULL);
  return w;
}

static void
page_show (Page        *pg,
           PangoLayout *l,
           double       x,
           double       y,
           GwChartRole  role)
{
  gw_canvas_set_colour (&pg->canvas, role, 1.0);
  cairo_move_to (pg->cr, x, y);
  pango_cairo_show_layout (pg->cr, l);
}

/* A paragraph at (x, y) in width; returns its height.  Drawn only when
 * paint. */
static double
paragraph (Page        *pg,
           const char  *text,
           double       size,
           gboolean     bold,
           gboolean     markup,
           GwChartRole  role,
           double       x,
           double       y,
           double       width,
           gboolean     paint)
{
  g_autoptr(PangoLayout) l = page_layout (pg, text, size, bold, width, 12, markup);
  /* Tagged PDF (cairo ignores tags on other surfaces): screen readers read
   * the report by its structure, headings included. */
  const char *tag = pg->block_tag != NULL ? pg->block_tag : "P";

  if (paint)
    {
      cairo_tag_begin (pg->cr, tag, NULL);
      page_show (pg, l, x, y, role);
      cairo_tag_end (pg->cr, tag);
    }
  return layout_height (l);
}

static void
hrule (Page        *pg,
       double       x0,
       double       x1,
       double       y,
       double       width_pt,
       GwChartRole  role)
{
  gw_canvas_set_line (&pg->canvas, role, width_pt, GW_DASH_SOLID);
  cairo_move_to (pg->cr, x0, y);
  cairo_line_to (pg->cr, x1, y);
  cairo_stroke (pg->cr);
}

/* A status sentence with the status's marker before it; its height. */
static double
status_line (Page               *pg,
             const GwTrackerRow *r,
             double              x,
             double              y,
             double              width,
             gboolean            paint)
{
  g_autofree char *text = status_sentence (pg->report, r);
  g_autoptr(PangoLayout) l = page_layout (pg, text, PT_BODY, FALSE, width - 14, 12, TRUE);
  double line = gw_canvas_line_height (&pg->canvas, PT_BODY, TRUE);

  if (paint)
    {
      gw_canvas_marker (&pg->canvas, gw_chart_status_marker (r->status), x + 5, y + line / 2, 7.5,
                        gw_chart_status_role (r->status), r->status != GW_STATUS_NO_GAP);
      cairo_tag_begin (pg->cr, "P", NULL);
      page_show (pg, l, x + 14, y, GW_CHART_ROLE_FOREGROUND);
      cairo_tag_end (pg->cr, "P");
    }
  return layout_height (l);
}

/* --- tables --------------------------------------------------------------- */

static void
clear_table_row (gpointer p)
{
  g_strfreev (((TableRow *) p)->cells);
}

GArray *
_gw_report_table_new (void)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (TableRow));

  g_array_set_clear_func (rows, clear_table_row);
  return rows;
}

static void
table_add (GArray   *rows,
           gint      status,
           gboolean  bold,
           ...)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  TableRow row = { NULL, status, bold };
  const char *cell;
  va_list args;

  va_start (args, bold);
  while ((cell = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (cells, g_strdup (cell));
  va_end (args);
  g_ptr_array_add (cells, NULL);
  row.cells = (GStrv) g_ptr_array_free (g_steal_pointer (&cells), FALSE);
  g_array_append_val (rows, row);
}

#define CELL_PAD_X   4.0
#define CELL_PAD_Y   2.5
#define MARKER_SPACE 10.0

/* The widest word of text, unwrapped. */
static double
widest_word (Page       *pg,
             const char *text,
             double      size,
             gboolean    bold)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \n", -1);
  double w = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(PangoLayout) l = page_layout (pg, words[i], size, bold, -1, 1, FALSE);

      w = MAX (w, layout_width (l));
    }
  return w;
}

/* Column widths for a table at size.  When every cell fits on one line,
 * each column gets its widest cell and the rest by weight.  Otherwise each
 * column gets at least its longest word (a heading wraps at its spaces, a
 * number or a date never breaks) and the width left goes to the columns
 * that wrap, as much as each would like more.  FALSE when even the longest
 * words are wider than width: the columns then share it in proportion and
 * the caller should shrink the type. */
static gboolean
table_widths (Page         *pg,
              const Column *cols,
              guint         n_cols,
              GArray       *rows,
              gint          status_col,
              double        size,
              double        width,
              double       *out)
{
  g_autofree double *least = g_new0 (double, n_cols);
  double need = 0, floor_sum = 0, desire = 0, weights = 0;

  for (guint c = 0; c < n_cols; c++)
    {
      double head = widest_word (pg, cols[c].heading, size, TRUE);
      double nat = head, low = head;

      for (guint i = 0; i < rows->len; i++)
        {
          const TableRow *row = &g_array_index (rows, TableRow, i);
          g_autoptr(PangoLayout) l = page_layout (pg, row->cells[c], size, row->bold, -1, 1, FALSE);
          double extra = (gint) c == status_col ? MARKER_SPACE : 0;

          nat = MAX (nat, layout_width (l) + extra);
          low = MAX (low, widest_word (pg, row->cells[c], size, row->bold) + extra);
        }
      out[c] = nat + 2 * CELL_PAD_X;
      least[c] = low + 2 * CELL_PAD_X;
      need += out[c];
      floor_sum += least[c];
      weights += cols[c].weight;
    }
  if (need <= width)
    {
      for (guint c = 0; c < n_cols; c++)
        out[c] += (width - need) * (weights > 0 ? cols[c].weight / weights : 1.0 / n_cols);
      return TRUE;
    }
  if (floor_sum <= width)
    {
      for (guint c = 0; c < n_cols; c++)
        desire += out[c] - least[c];
      for (guint c = 0; c < n_cols; c++)
        out[c] = least[c] + (width - floor_sum) * (desire > 0 ? (out[c] - least[c]) / desire : 1.0 / n_cols);
      return TRUE;
    }
  for (guint c = 0; c < n_cols; c++)
    out[c] = least[c] * width / floor_sum;
  return FALSE;
}

/* Draws (when paint) a table at (x, y) in width and returns its height: a
 * heading row in bold, a rule under it, hairlines between rows.  The type
 * shrinks from size to PT_TABLE_MIN before cells wrap (three lines at
 * most). */
double
_gw_report_table_draw (Page         *pg,
                       const Column *cols,
                       guint         n_cols,
                       GArray       *rows,
                       gint          status_col,
                       double        size,
                       double        x,
                       double        y,
                       double        width,
                       gboolean      paint)
{
  g_autofree double *widths = g_new0 (double, n_cols);
  double y0 = y, row_h = 0;

  while (!table_widths (pg, cols, n_cols, rows, status_col, size, width, widths) && size > PT_TABLE_MIN)
    size = MAX (PT_TABLE_MIN, size - 0.5);

  /* Tagged PDF: a table of rows of heading or data cells. */
  if (paint)
    cairo_tag_begin (pg->cr, "Table", NULL);

  for (gint i = -1; i < (gint) rows->len; i++)
    {
      const TableRow *row = i >= 0 ? &g_array_index (rows, TableRow, i) : NULL;
      g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
      double cx = x;

      row_h = 0;
      for (guint c = 0; c < n_cols; c++)
        {
          double inner = widths[c] - 2 * CELL_PAD_X - ((gint) c == status_col && row != NULL ? MARKER_SPACE : 0);
          const char *text = row != NULL ? row->cells[c] : cols[c].heading;
          PangoLayout *l = page_layout (pg, text, size, row == NULL || row->bold, MAX (inner, 1), 3, FALSE);

          if (cols[c].right)
            pango_layout_set_alignment (l, PANGO_ALIGN_RIGHT);
          g_ptr_array_add (layouts, l);
          row_h = MAX (row_h, layout_height (l));
        }
      row_h += 2 * CELL_PAD_Y;

      if (paint)
        {
          cairo_tag_begin (pg->cr, "TR", NULL);
          for (guint c = 0; c < n_cols; c++)
            {
              PangoLayout *l = g_ptr_array_index (layouts, c);
              double tx = cx + CELL_PAD_X;
              const char *cell_tag = row == NULL ? "TH" : "TD";

              cairo_tag_begin (pg->cr, cell_tag, NULL);
              if (row != NULL && (gint) c == status_col && row->status >= 0)
                {
                  double line = gw_canvas_line_height (&pg->canvas, size, FALSE);

                  gw_canvas_marker (&pg->canvas, gw_chart_status_marker (row->status), tx + 3.5,
                                    y + CELL_PAD_Y + line / 2, 6.5, gw_chart_status_role (row->status),
                                    row->status != GW_STATUS_NO_GAP);
                  tx += MARKER_SPACE;
                }
              /* a heading row's text sits on its bottom, like a spreadsheet's */
              page_show (pg, l, tx,
                         row == NULL ? y + row_h - CELL_PAD_Y - layout_height (l) : y + CELL_PAD_Y,
                         row == NULL ? GW_CHART_ROLE_MUTED : GW_CHART_ROLE_FOREGROUND);
              cairo_tag_end (pg->cr, cell_tag);
              cx += widths[c];
            }
          cairo_tag_end (pg->cr, "TR");
          if (row == NULL)
            hrule (pg, x, x + width, y + row_h, 0.8, GW_CHART_ROLE_FOREGROUND);
          else if (i + 1 < (gint) rows->len)
            hrule (pg, x, x + width, y + row_h, 0.4, GW_CHART_ROLE_GRID);
          else
            hrule (pg, x, x + width, y + row_h, 0.8, GW_CHART_ROLE_FOREGROUND);
        }
      y += row_h;
    }
  if (paint)
    cairo_tag_end (pg->cr, "Table");
  return y - y0;
}

/* The tracker's figures of one subject, a row per sex. */
static double
figures_table (Page      *pg,
               GPtrArray *rows,
               double     x,
               double     y,
               double     width,
               gboolean   paint)
{
  GwReport *self = pg->report;
  g_autofree char *bp = format_period (self->target->baseline);
  g_autofree char *tp = format_period (self->target->target_period);
  g_autofree char *h_base = NULL, *h_latest = NULL, *h_target = NULL, *h_proj = NULL;
  g_autofree char *latest_label = NULL;
  g_autoptr(GArray) table = _gw_report_table_new ();
  GwPeriod latest = 0;
  gboolean one_latest = TRUE;
  gboolean sii = self->target->measure == GW_TARGET_MEASURE_SII;

  for (guint i = 0; i < rows->len; i++)
    {
      const GwTrackerRow *r = g_ptr_array_index (rows, i);

      if (i == 0)
        latest = r->latest_period;
      else
        one_latest = one_latest && r->latest_period == latest;
    }
  one_latest = one_latest && latest != 0;

  /* the period on a line of its own, so that it never breaks at its dash;
   * an SII target's "gap" is the SII within the area */
  latest_label = one_latest ? format_period (latest) : NULL;
  if (self->target->measure == GW_TARGET_MEASURE_SII)
    {
      /* Translators: table headings of an SII target; the period follows on the next line */
      h_base = g_strdup_printf (_("SII at baseline\n%s"), bp);
      h_latest = one_latest ? g_strdup_printf (_("Latest SII\n%s"), latest_label) : g_strdup (_("Latest SII"));
      h_target = g_strdup_printf (_("Target SII\n%s"), tp);
      h_proj = g_strdup_printf (_("Projected SII\n%s"), tp);
    }
  else
    {
  /* Translators: table headings; the period follows on the next line */
  h_base = g_strdup_printf (_("Gap at baseline\n%s"), bp);
  if (one_latest)
    h_latest = g_strdup_printf (_("Latest gap\n%s"), latest_label);
  else
    h_latest = g_strdup (_("Latest gap"));
  h_target = g_strdup_printf (_("Target gap\n%s"), tp);
  h_proj = g_strdup_printf (_("Projected gap\n%s"), tp);
    }

  for (guint i = 0; i < rows->len; i++)
    {
      const GwTrackerRow *r = g_ptr_array_index (rows, i);
      g_autofree char *value = format_with_interval (r->latest_value, r->latest_value_lower95,
                                                     r->latest_value_upper95, 2, "");
      g_autofree char *england = format_with_interval (r->latest_comparator, r->latest_comparator_lower95,
                                                       r->latest_comparator_upper95, 2, "");
      g_autofree char *g0 = format_gap (self, r->baseline_gap);
      g_autofree char *gl = format_with_interval (r->latest_gap, r->latest_gap_lower95,
                                                  r->latest_gap_upper95, 2, self->unit);
      g_autofree char *gt = format_gap (self, r->target_gap);
      g_autofree char *gp = format_with_interval (r->projected_gap, r->projected_lower95,
                                                  r->projected_upper95, 2, self->unit);
      g_autofree char *ch_n = isfinite (r->change_pp) ? gw_chart_format_number (r->change_pp, 2, FALSE) : NULL;
      g_autofree char *ch = ch_n == NULL ? g_strdup ("–")
                                         : g_strdup_printf ("%s%s", r->change_pp > 0.005 ? "+" : "", ch_n);
      g_autofree char *rq = gw_chart_format_required (r->required_narrowing, 1);
      g_autofree char *status = status_with_certainty (r);

      /* an SII target has no comparator: the SII is within the area */
      if (sii)
        table_add (table, r->status, FALSE, gw_chart_sex_label (r->sex), value, g0, gl,
                   ch, gt, gp, rq, status, NULL);
      else
        table_add (table, r->status, FALSE, gw_chart_sex_label (r->sex), value, england, g0, gl,
                   ch, gt, gp, rq, status, NULL);
    }

  {
    g_autofree char *unit = g_strstrip (g_strdup (self->unit));
    /* Translators: a table heading of an SII target, its unit: "SII (years)" */
    g_autofree char *h_value = sii ? g_strdup_printf (_("SII (%s)"), unit)
                               : one_latest ? g_strdup_printf (_("Value\n%s"), latest_label) : g_strdup (_("Latest value"));
    /* Translators: a table heading, the comparator's value, "England" */
    g_autofree char *h_england = g_strdup (self->comparator);
    /* Translators: a narrow table heading: the change of the gap since the
     * baseline, in percentage points (or the gap's unit) */
    g_autofree char *h_change = g_strcmp0 (self->unit, "%") == 0 ? g_strdup (_("Change, points"))
                                                                  : g_strdup_printf (_("Change, %s"), self->unit);
    const Column cols[] = {
      { _("Sex"), 0.5, FALSE },
      { h_value, 1, TRUE },
      { h_england, 1, TRUE },
      { h_base, 1, TRUE },
      { h_latest, 1, TRUE },
      { h_change, 1, TRUE },
      { h_target, 1, TRUE },
      { h_proj, 1, TRUE },
      { _("Narrowing needed"), 1, TRUE },
      { _("Status"), 1.6, FALSE },
    };

    Column sii_cols[G_N_ELEMENTS (cols) - 1];

    if (!sii)
      return _gw_report_table_draw (pg, cols, G_N_ELEMENTS (cols), table, 9, PT_TABLE, x, y, width, paint);
    sii_cols[0] = cols[0];
    sii_cols[1] = cols[1];
    memcpy (&sii_cols[2], &cols[3], sizeof cols - 3 * sizeof cols[0]);
    return _gw_report_table_draw (pg, sii_cols, G_N_ELEMENTS (sii_cols), table, 8, PT_TABLE, x, y, width, paint);
  }
}

/* --- charts on the page --------------------------------------------------- */

/* The empty margin a chart keeps round itself at this size (gw-chart.c's
 * frame: 2.5% of its shorter side, 4 to 14 points).  A chart is drawn that
 * much larger than its box, so that its title and axes line up with the
 * page's text instead of sitting a few points inside it. */
static double
chart_margin (double width,
              double height)
{
  return CLAMP (MIN (width, height) * 0.025 / 0.95, 4.0, 14.0);
}

/* The chart in the box (x, y, width, height), at the device's resolution; a
 * note in the box instead when there is no chart. */
void
_gw_report_chart_box (Page       *pg,
                      GwChart    *chart,
                      const char *missing,
                      double      x,
                      double      y,
                      double      width,
                      double      height)
{
  GwChartStyle style = pg->style;
  double m;

  if (chart == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("No chart: %s"), missing != NULL ? missing : "");

      paragraph (pg, text, PT_BODY, FALSE, FALSE, GW_CHART_ROLE_MUTED, x, y + 8, width, TRUE);
      return;
    }
  style.scale = pg->scale;
  /* the page's footer has the source */
  style.hide_source = TRUE;
  m = chart_margin (width, height);
  /* Tagged PDF: the chart is a figure (cairo 1.16 writes no alternative
   * text; its title, legend and labels are text inside it). */
  cairo_tag_begin (pg->cr, "Figure", NULL);
  cairo_save (pg->cr);
  cairo_translate (pg->cr, x - m, y - m);
  cairo_scale (pg->cr, 1 / pg->scale, 1 / pg->scale);
  gw_chart_render (chart, pg->cr, &style, (width + 2 * m) * pg->scale, (height + 2 * m) * pg->scale);
  cairo_restore (pg->cr);
  cairo_tag_end (pg->cr, "Figure");
}

double
_gw_report_paragraph (Page        *pg,
                      const char  *text,
                      double       size,
                      gboolean     bold,
                      GwChartRole  role,
                      double       x,
                      double       y,
                      double       width,
                      gboolean     paint)
{
  return paragraph (pg, text, size, bold, FALSE, role, x, y, width, paint);
}


/* --- layout --------------------------------------------------------------- */

static double
margin_x (double width)
{
  return round (CLAMP (width * 0.075, 24, 60));
}

static double
running_header_height (void)
{
  /* one line of PT_RUNNING text and the rule under it */
  return PT_RUNNING * 1.3 + 10;
}

static double
footer_height (void)
{
  /* the rule and two lines of the source */
  return 8 + 2 * PT_FOOTER * 1.3;
}

static void
content_box (double  width,
             double  height,
             double *x,
             double *cw,
             double *top,
             double *bottom)
{
  *x = margin_x (width);
  *cw = width - 2 * *x;
  *top = MARGIN_TOP + running_header_height ();
  *bottom = height - MARGIN_BOTTOM - footer_height ();
}

/* The plot of the all-areas chart drawn by chart_box() in a box of width x
 * height points, with the rows it is set to. */
static gboolean
compare_plot (GwReport           *self,
              double              width,
              double              height,
              GwChartRect        *plot)
{
  GwChartStyle style;
  double m = chart_margin (width, height);

  gw_chart_style_init (&style, self->palette);
  style.confidence_level = self->confidence_level;
  style.hide_source = TRUE;
  return gw_chart_get_plot_rect (self->compare, &style, width + 2 * m, height + 2 * m, 0, plot);
}

/* How the all-areas chart goes onto pages of this size: whole, in the box,
 * when its rows are COMPARE_MIN_ROW high or more; else compare_per_page
 * rows a page, about COMPARE_ROW_PT high and no more than COMPARE_MAX_ROW
 * (a shorter chart then), the same number on every page but the last. */
static void
layout_compare (GwReport *self,
                double    width,
                double    box_h)
{
  GwChartRect plot;
  guint n = self->n_compare_rows;
  double avail, row, height;
  guint per, pages;

  self->compare_split = FALSE;
  self->n_compare_pages = 1;
  if (n < 2)
    return;

  gw_chart_set_row_range (self->compare, 0, G_MAXUINT);
  if (!compare_plot (self, width, box_h, &plot))
    return;
  if (plot.height / n >= COMPARE_MIN_ROW)
    return;

  /* what is not rows (heading, legend, axes) is the same on every page */
  avail = plot.height;
  if (avail < COMPARE_ROW_PT * 4)
    return;
  per = MAX (1, (guint) floor (avail / COMPARE_ROW_PT));
  pages = (n + per - 1) / per;
  per = (n + pages - 1) / pages;     /* the rows spread evenly over the pages */
  row = MIN (avail / per, COMPARE_MAX_ROW);
  height = box_h - (avail - per * row);

  /* a shorter chart may lay its heading out a little differently: converge
   * on the height that gives rows of that height */
  gw_chart_set_row_range (self->compare, 0, per);
  for (guint iter = 0; iter < 4; iter++)
    {
      double got;

      if (!compare_plot (self, width, height, &plot))
        break;
      got = plot.height / per;
      if (fabs (got - row) < 0.01 || (got < row && height >= box_h))
        break;
      height = MIN (height + (row - got) * per, box_h);
    }
  gw_chart_set_row_range (self->compare, 0, G_MAXUINT);

  self->compare_split = TRUE;
  self->compare_height = height;
  self->compare_per_page = per;
  self->n_compare_pages = (n + per - 1) / per;
}

void
_gw_report_ensure_layout (GwReport *self,
                          double    width,
                          double    height)
{
  double x, cw, top, bottom;

  if (self->laid_out && self->page_width == width && self->page_height == height)
    return;
  self->page_width = width;
  self->page_height = height;
  content_box (width, height, &x, &cw, &top, &bottom);
  /* the heading line above the chart on each comparison page */
  layout_compare (self, cw, bottom - top - (PT_BODY * 1.4 + 6));
  self->laid_out = TRUE;
}

/* --- the parts of a page -------------------------------------------------- */

static void
draw_running_header (Page *pg)
{
  GwReport *self = pg->report;
  g_autofree char *left = g_strdup_printf ("%s · %s", self->target_title, self->group_name);
  g_autofree char *right = self->exceptions != NULL ? g_strdup_printf (_("Board summary, %s"), self->produced)
                                                     : g_strdup_printf (_("Board report, %s"), self->produced);
  g_autoptr(PangoLayout) r = page_layout (pg, right, PT_RUNNING, FALSE, -1, 1, FALSE);
  double rw = layout_width (r);
  g_autoptr(PangoLayout) l = page_layout (pg, left, PT_RUNNING, FALSE, MAX (pg->cw - rw - 12, 20), 1, FALSE);
  double h = layout_height (l);

  /* the target's name on every page leads back to the front page */
  cairo_tag_begin (pg->cr, CAIRO_TAG_LINK, "dest='summary'");
  page_show (pg, l, pg->x, MARGIN_TOP, GW_CHART_ROLE_MUTED);
  cairo_tag_end (pg->cr, CAIRO_TAG_LINK);
  page_show (pg, r, pg->x + pg->cw - rw, MARGIN_TOP, GW_CHART_ROLE_MUTED);
  hrule (pg, pg->x, pg->x + pg->cw, MARGIN_TOP + h + 4, 0.5, GW_CHART_ROLE_GRID);
}

static void
draw_footer (Page  *pg,
             guint  page,
             guint  n_pages)
{
  GwReport *self = pg->report;
  /* Translators: the page number at the foot of every page */
  g_autofree char *number = g_strdup_printf (_("Page %u of %u"), page + 1, n_pages);
  g_autoptr(PangoLayout) num = page_layout (pg, number, PT_FOOTER + 0.5, TRUE, -1, 1, FALSE);
  double nw = layout_width (num);
  g_autoptr(PangoLayout) src = page_layout (pg, self->source, PT_FOOTER, FALSE, MAX (pg->cw - nw - 18, 20), 2, FALSE);
  double y = pg->height - MARGIN_BOTTOM - footer_height () + 6;

  hrule (pg, pg->x, pg->x + pg->cw, y, 0.5, GW_CHART_ROLE_GRID);
  page_show (pg, src, pg->x, y + 4, GW_CHART_ROLE_MUTED);
  page_show (pg, num, pg->x + pg->cw - nw, y + 4, GW_CHART_ROLE_FOREGROUND);
}

static double
heading_tagged (Page       *pg,
                const char *tag,
                const char *text,
                double      y,
                gboolean    paint)
{
  double h;

  pg->block_tag = tag;
  h = paragraph (pg, text, PT_SECTION, TRUE, FALSE, GW_CHART_ROLE_FOREGROUND, pg->x, y, pg->cw, paint);
  pg->block_tag = NULL;
  return h;
}

/* A heading of the front page, or a page's own (H2). */
static double
section_heading (Page       *pg,
                 const char *text,
                 double      y,
                 gboolean    paint)
{
  return heading_tagged (pg, "H2", text, y, paint);
}

/* The counts of member areas by status (gw_tracker_summarise). */
static double
summary_table (Page    *pg,
               double   x,
               double   y,
               double   width,
               gboolean paint)
{
  GwReport *self = pg->report;
  const GwTrackerSummary *s = &self->summary;
  gboolean persons = !(self->target->sexes & ((1u << GW_SEX_MALE) | (1u << GW_SEX_FEMALE)));
  const struct { const char *label; guint count; } lines[] = {
    { persons ? _("On track, or no gap at baseline") : _("On track for men and for women (or no gap)"), s->both },
    { _("On track for men only"), s->men_only },
    { _("On track for women only"), s->women_only },
    { persons ? _("Off track") : _("On track for neither"), s->neither },
    { _("Insufficient data"), s->insufficient_data },
  };
  g_autoptr(GArray) table = _gw_report_table_new ();
  guint total = 0;
  const Column cols[] = {
    { _("Member areas"), 3, FALSE },
    { _("Areas"), 0.5, TRUE },
    { _("Share"), 0.5, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    total += lines[i].count;
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autofree char *count = g_strdup_printf ("%u", lines[i].count);
      g_autofree char *share = format_percent (total > 0 ? 100.0 * lines[i].count / total : NAN, 0, FALSE);

      /* a persons-only target has no men-only or women-only areas */
      if (persons && (i == 1 || i == 2))
        continue;
      table_add (table, -1, FALSE, lines[i].label, count, share, NULL);
    }
  {
    g_autofree char *count = g_strdup_printf ("%u", total);

    table_add (table, -1, TRUE, _("All member areas"), count, "100%", NULL);
  }
  {
    /* across the lines above, as the window's strip counts it */
    g_autofree char *count = g_strdup_printf ("%u", s->uncertain);
    g_autofree char *share = format_percent (total > 0 ? 100.0 * s->uncertain / total : NAN, 0, FALSE);

    table_add (table, -1, FALSE, _("Of these, uncertain: a status too close to call"), count, share, NULL);
  }
  return _gw_report_table_draw (pg, cols, G_N_ELEMENTS (cols), table, -1, PT_TABLE, x, y, width, paint);
}

/* The imports used: at most max_rows rows (then "and N more"). */
static double
imports_table (Page    *pg,
               guint    max_rows,
               double   y,
               gboolean paint)
{
  GwReport *self = pg->report;
  g_autoptr(GArray) table = _gw_report_table_new ();
  guint n = self->imports->len, shown = MIN (n, max_rows);
  const Column cols[] = {
    { _("Export"), 3, FALSE },
    { _("Publisher"), 2, FALSE },
    { _("Generated"), 1, FALSE },
    { _("Records"), 0.6, TRUE },
  };

  /* "and N more" takes the last row's place */
  if (shown < n && shown > 0)
    shown--;
  for (guint i = 0; i < shown; i++)
    {
      const ReportImport *imp = &g_array_index (self->imports, ReportImport, i);
      g_autofree char *records = gw_chart_format_number (imp->records, 0, TRUE);
      g_autofree char *name = g_strcmp0 (imp->name, imp->file) != 0
                              ? g_strdup_printf ("%s (%s)", imp->name, imp->file) : g_strdup (imp->name);

      table_add (table, -1, FALSE, name, imp->publisher, imp->generated, records, NULL);
    }
  if (shown < n)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("and %u more export", "and %u more exports", n - shown),
                                               n - shown);

      table_add (table, -1, FALSE, more, "", "", "", NULL);
    }
  return _gw_report_table_draw (pg, cols, G_N_ELEMENTS (cols), table, -1, PT_TABLE - 0.5, pg->x, y, pg->cw, paint);
}

/* "Page 2: …  Pages 3–72: …" */
static char *
contents_text (GwReport *self)
{
  guint first_area = 1 + self->n_compare_pages + 1;
  guint last_area = _gw_report_area_first_page (self, self->areas->len);
  gboolean why = FALSE, inequality = FALSE;

  for (guint i = 0; i < self->areas->len; i++)
    {
      why |= g_array_index (self->areas, ReportArea, i).decomp != NULL;
      inequality |= g_array_index (self->areas, ReportArea, i).gradient != NULL;
    }
  g_autofree char *cmp = NULL, *areas = NULL;

  if (self->n_compare_pages == 1)
    /* Translators: "Page 2: the 70 areas of the Spearhead Group compared." */
    cmp = g_strdup_printf (_("Page 2: the %u areas of the %s compared."), self->n_members, self->group_name);
  else
    cmp = g_strdup_printf (_("Pages 2–%u: the %u areas of the %s compared."),
                           1 + self->n_compare_pages, self->n_members, self->group_name);
  if (why && inequality)
    areas = g_strdup_printf (_("Pages %u–%u: each area’s figures, then why its gap is there and, where it has "
                               "small-area data, the inequality within it."), first_area, last_area);
  else if (inequality)
    areas = g_strdup_printf (_("Pages %u–%u: each area’s figures, then, where it has small-area data, the "
                               "inequality within it."), first_area, last_area);
  else if (why)
    /* Translators: "Pages 3–142: each area’s figures, then why its gap is
     * there." */
    areas = g_strdup_printf (_("Pages %u–%u: each area’s figures, then why its gap is there."), first_area,
                             last_area);
  else if (self->areas->len == 1)
    areas = g_strdup_printf (_("Page %u: %s."), first_area,
                             g_array_index (self->areas, ReportArea, 0).name);
  else if (self->areas->len == self->n_members)
    areas = g_strdup_printf (_("Pages %u–%u: a page for each area."), first_area, last_area);
  else
    areas = g_strdup_printf (_("Pages %u–%u: a page for each of %u of the areas."), first_area, last_area,
                             self->areas->len);
  return g_strdup_printf ("%s %s", cmp, areas);
}

/* The front page's subtitle and its sentence of the target; the board
 * summary's too. */
void
_gw_report_front_texts (GwReport  *self,
                        char     **subtitle,
                        char     **target_text)
{
  g_autofree char *bp = format_period (self->target->baseline), *tp = format_period (self->target->target_period);
  g_autofree char *reduction = gw_chart_format_number (self->target->reduction * 100, 0, FALSE);

  if (self->target->measure == GW_TARGET_MEASURE_SII)
    {
      /* Translators: "Spearhead Group: the slope index of inequality in life expectancy at birth within each area" */
      *subtitle = g_strdup_printf (_("%s: the slope index of inequality in %s within each area"),
                                   self->group_name, self->indicator);
      /* Translators: the indicator, the group, the reduction (percent), the baseline and the target periods */
      *target_text = g_strdup_printf (_("The target: to narrow the slope index of inequality in %s within each area "
                                        "of the %s (the years between its least and its most deprived) by %s%% "
                                        "from %s to %s."),
                                      self->indicator, self->group_name, reduction, bp, tp);
      return;
    }
  /* Translators: "Spearhead Group: the gap in life expectancy at birth to England" */
  *subtitle = g_strdup_printf (_("%s: the gap in %s to %s"), self->group_name, self->indicator, self->comparator);
  *target_text = g_strdup_printf (self->target->gap == GW_GAP_RELATIVE
                                  /* Translators: the indicator, the group, the comparator (twice), the
                                   * reduction (percent), the baseline and the target periods */
                                  ? _("The target: to narrow the gap in %s between the %s and %s, measured as a "
                                      "percentage of %s’s value, by %s%% from %s to %s.")
                                  : _("The target: to narrow the gap in %s between the %s and %s%s, by %s%% "
                                      "from %s to %s."),
                                  self->indicator, self->group_name, self->comparator,
                                  self->target->gap == GW_GAP_RELATIVE ? self->comparator : "",
                                  reduction, bp, tp);
}

static void
draw_front (Page *pg)
{
  GwReport *self = pg->report;
  double x = pg->x, w = pg->cw, y = MARGIN_TOP, limit = pg->bottom;
  g_autofree char *subtitle = NULL, *dates = NULL, *target_text = NULL, *headline = NULL;
  g_autofree char *narrowing = NULL, *contents = NULL;
  double box_h, imports_h, chart_h, rest_h, gap = 14;
  guint max_imports = self->imports->len;
  GwTargetStatus worst = worst_status (self->group_rows);

  _gw_report_front_texts (self, &subtitle, &target_text);
  if (self->data_date != NULL)
    /* Translators: the date of the latest export, then the day the report was made */
    dates = g_strdup_printf (_("Data as at %s · report produced %s"), self->data_date, self->produced);
  else
    dates = g_strdup_printf (_("Report produced %s"), self->produced);
  headline = group_headline (self);
  narrowing = group_narrowing_sentence (self);
  contents = contents_text (self);

  /* the title block */
  y += paragraph (pg, _("Health inequalities board report"), 9.5, TRUE, FALSE, GW_CHART_ROLE_MUTED, x, y, w, TRUE) + 4;
  cairo_tag_begin (pg->cr, CAIRO_TAG_DEST, "name='summary'");
  pg->block_tag = "H1";
  y += paragraph (pg, self->target_title, PT_FRONT_TITLE, TRUE, FALSE, GW_CHART_ROLE_FOREGROUND, x, y, w, TRUE) + 3;
  pg->block_tag = NULL;
  cairo_tag_end (pg->cr, CAIRO_TAG_DEST);
  y += paragraph (pg, subtitle, 12.5, FALSE, FALSE, GW_CHART_ROLE_FOREGROUND, x, y, w, TRUE) + 3;
  y += paragraph (pg, dates, 9, FALSE, FALSE, GW_CHART_ROLE_MUTED, x, y, w, TRUE) + 8;
  hrule (pg, x, x + w, y, 1.0, GW_CHART_ROLE_FOREGROUND);
  y += 10;
  y += paragraph (pg, target_text, PT_BODY, FALSE, FALSE, GW_CHART_ROLE_FOREGROUND, x, y, w, TRUE) + gap;

  /* the group's status, in a box with a bar in the colour of its worst
   * status down the left */
  {
    double pad = 9, inner_x = x + pad + 4, inner_w = w - 2 * pad - 4, by = y + pad;

    by += paragraph (pg, headline, 12.5, TRUE, FALSE, GW_CHART_ROLE_FOREGROUND, inner_x, by, inner_w, TRUE) + 3;
    if (narrowing != NULL)
      by += paragraph (pg, narrowing, 10.5, FALSE, FALSE, GW_CHART_ROLE_FOREGROUND, inner_x, by, inner_w, TRUE) + 5;
    for (guint i = 0; i < self->group_rows->len; i++)
      by += status_line (pg, g_ptr_array_index (self->group_rows, i), inner_x, by, inner_w, TRUE) + 3;
    box_h = by - y + pad - 3;
    gw_canvas_set_line (&pg->canvas, GW_CHART_ROLE_GRID, 0.8, GW_DASH_SOLID);
    cairo_rectangle (pg->cr, x, y, w, box_h);
    cairo_stroke (pg->cr);
    gw_canvas_set_colour (&pg->canvas, gw_chart_status_role (worst), 1.0);
    cairo_rectangle (pg->cr, x, y, 4, box_h);
    cairo_fill (pg->cr);
    y += box_h + gap;
  }

  /* what follows must fit above the footer: the group's table and the
   * areas' summary, then the data used; the group's chart takes what is
   * left, and is left out below FRONT_CHART_MIN; rows of the imports table
   * go last */
  {
    double sum_h, fig_h, head_h = section_heading (pg, "Ag", y, FALSE) + 4;
    double contents_h = paragraph (pg, contents, PT_BODY, FALSE, FALSE, GW_CHART_ROLE_FOREGROUND, x, 0, w, FALSE);

    fig_h = figures_table (pg, self->group_rows, x, 0, w, FALSE);
    sum_h = summary_table (pg, x, 0, w * 0.62, FALSE);
    imports_h = imports_table (pg, max_imports, 0, FALSE);
    rest_h = head_h + fig_h + gap + head_h + sum_h + 6 + contents_h + gap + head_h + imports_h;
    while (y + rest_h > limit && max_imports > 1)
      {
        max_imports--;
        rest_h -= imports_h;
        imports_h = imports_table (pg, max_imports, 0, FALSE);
        rest_h += imports_h;
      }
    chart_h = limit - y - rest_h - gap;

    /* the group's figures */
    {
      g_autofree char *heading = g_strdup_printf (_("The %s"), self->group_name);

      y += section_heading (pg, heading, y, TRUE) + 4;
      y += figures_table (pg, self->group_rows, x, y, w, TRUE) + gap;
    }
    if (chart_h >= FRONT_CHART_MIN && self->group_gap != NULL)
      {
        _gw_report_chart_box (pg, self->group_gap, NULL, x, y, w, chart_h);
        y += chart_h + gap;
      }

    /* the member areas */
    {
      g_autofree char *heading = g_strdup_printf (_("The %u member areas"), self->n_members);

      y += section_heading (pg, heading, y, TRUE) + 4;
      y += summary_table (pg, x, y, w * 0.62, TRUE) + 6;
      y += paragraph (pg, contents, PT_BODY, FALSE, FALSE, GW_CHART_ROLE_FOREGROUND, x, y, w, TRUE) + gap;
    }

    y += section_heading (pg, _("Data used"), y, TRUE) + 4;
    imports_table (pg, max_imports, y, TRUE);
  }
}

static void
draw_compare (Page  *pg,
              guint  index)
{
  GwReport *self = pg->report;
  double x = pg->x, w = pg->cw, y = pg->top;
  g_autofree char *heading = NULL;

  if (!self->compare_split)
    {
      /* the chart's own title says it all */
      _gw_report_chart_box (pg, self->compare, NULL, x, y, w, pg->bottom - 6 - y);
      return;
    }
  else
    {
      guint r0 = index * self->compare_per_page + 1;
      guint r1 = MIN (self->n_compare_rows, (index + 1) * self->compare_per_page);

      /* Translators: "All 150 areas compared: rows 51–100 (page 2 of 3)" */
      heading = g_strdup_printf (_("All %u areas compared: rows %u–%u (page %u of %u)"), self->n_compare_rows,
                                 r0, r1, index + 1, self->n_compare_pages);
    }
  y += paragraph (pg, heading, PT_BODY, TRUE, FALSE, GW_CHART_ROLE_MUTED, x, y, w, TRUE) + 6;

  {
    /* the whole chart round this page's rows; the last page's fewer rows
     * are as high as the others' and its axis follows them */
    gw_chart_set_row_range (self->compare, index * self->compare_per_page, self->compare_per_page);
    _gw_report_chart_box (pg, self->compare, NULL, x, y, w, self->compare_height);
    gw_chart_set_row_range (self->compare, 0, G_MAXUINT);
  }
}

/* Why the gap (the sentences, the scarf and the age bars, full width so
 * that their legends fit) and what it would take, from y to the foot of the
 * page. */
static void
draw_decomp (Page           *pg,
             GwReportDecomp *d,
             double          y)
{
  const char *why = _gw_report_decomp_get_why (d), *take = _gw_report_decomp_get_take (d);
  double x = pg->x, w = pg->cw, take_h, chart_h;

  /* under the page's own heading */
  y += heading_tagged (pg, "H3", _("Why the gap"), y, TRUE) + 3;
  y += paragraph (pg, why, PT_BODY, FALSE, FALSE, GW_CHART_ROLE_FOREGROUND, x, y, w, TRUE) + 6;
  /* what it would take keeps its lines at the foot; the charts take the rest */
  take_h = section_heading (pg, _("What it would take"), 0, FALSE) + 3
           + paragraph (pg, take, PT_BODY, FALSE, FALSE, GW_CHART_ROLE_FOREGROUND, x, 0, w, FALSE);
  chart_h = pg->bottom - 6 - take_h - 10 - y;
  {
    double scarf_h = floor (chart_h * 0.4);

    _gw_report_chart_box (pg, _gw_report_decomp_get_scarf (d), NULL, x, y, w, scarf_h);
    _gw_report_chart_box (pg, _gw_report_decomp_get_age_cause (d), NULL, x, y + scarf_h + 10, w, chart_h - scarf_h - 10);
  }
  y += chart_h + 10;
  y += heading_tagged (pg, "H3", _("What it would take"), y, TRUE) + 3;
  paragraph (pg, take, PT_BODY, FALSE, FALSE, GW_CHART_ROLE_FOREGROUND, x, y, w, TRUE);
}

static void
draw_area (Page             *pg,
           const ReportArea *a)
{
  GwReport *self = pg->report;
  double x = pg->x, w = pg->cw, y = pg->top, rest, first;
  g_autofree char *meta = NULL;

  {
    g_autofree char *dest = g_strdup_printf ("name='area-%s'", a->code);

    cairo_tag_begin (pg->cr, CAIRO_TAG_DEST, dest);
    pg->block_tag = "H2";
    y += paragraph (pg, a->name, PT_AREA_NAME, TRUE, FALSE, GW_CHART_ROLE_FOREGROUND, x, y, w, TRUE) + 1;
    pg->block_tag = NULL;
    cairo_tag_end (pg->cr, CAIRO_TAG_DEST);
  }
  /* Translators: "E80090000 · one of the 70 areas of the Spearhead Group" */
  meta = g_strdup_printf (_("%s · one of the %u areas of the %s"), a->code, self->n_members, self->group_name);
  y += paragraph (pg, meta, 9, FALSE, FALSE, GW_CHART_ROLE_MUTED, x, y, w, TRUE) + 10;

  for (guint i = 0; i < a->rows->len; i++)
    y += status_line (pg, g_ptr_array_index (a->rows, i), x, y, w, TRUE) + 4;
  y += 8;
  y += figures_table (pg, a->rows, x, y, w, TRUE) + 14;

  /* the target's own chart first and a little taller */
  rest = pg->bottom - y;
  first = floor ((rest - 16) * 0.52);
  _gw_report_chart_box (pg, a->gap, a->gap_error, x, y, w, first);
  y += first + 10;
  /* a little air between the chart's source line and the page's */
  _gw_report_chart_box (pg, a->trend, a->trend_error, x, y, w, pg->bottom - 6 - y);
}

/* Why the gap of an area (the page after its figures) or of the group
 * (NULL: the last page), under the subject's name. */
static void
draw_why_page (Page             *pg,
               const ReportArea *a)
{
  GwReport *self = pg->report;
  double y = pg->top;
  g_autofree char *title = NULL;

  pg->block_tag = "H2";
  /* Translators: the title of a report page, "Hartlepool: why the gap"; the
   * group's, "Spearhead Group as a whole: why the gap" */
  title = a != NULL ? g_strdup_printf (_("%s: why the gap"), a->name)
                    : g_strdup_printf (_("%s as a whole: why the gap"), self->group_name);
  y += paragraph (pg, title, PT_AREA_NAME, TRUE, FALSE, GW_CHART_ROLE_FOREGROUND, pg->x, y, pg->cw, TRUE) + 12;
  pg->block_tag = NULL;
  draw_decomp (pg, a != NULL ? a->decomp : self->group_decomp, y);
}

typedef enum
{
  AREA_PAGE_FIGURES,
  AREA_PAGE_WHY,
  AREA_PAGE_INEQUALITY,
} AreaPage;

/* The pages of an area: its figures, then its why the gap and its
 * inequality within when it has them. */
static guint
pages_of_area (const ReportArea *a)
{
  return 1 + (a->decomp != NULL) + (a->gradient != NULL);
}

guint
_gw_report_area_first_page (GwReport *self,
                            guint     index)
{
  guint page = 1 + self->n_compare_pages;

  for (guint i = 0; i < index && i < self->areas->len; i++)
    page += pages_of_area (&g_array_index (self->areas, ReportArea, i));
  return page;
}

/* The area a page after the comparison shows, and which of its pages it
 * is; NULL for the group's why the gap (the last page). */
static const ReportArea *
area_of_page (GwReport *self,
              guint     page,
              AreaPage *kind)
{
  guint first = 1 + self->n_compare_pages;

  for (guint i = 0; i < self->areas->len; i++)
    {
      const ReportArea *a = &g_array_index (self->areas, ReportArea, i);

      if (page < first + pages_of_area (a))
        {
          if (page == first)
            *kind = AREA_PAGE_FIGURES;
          else if (page == first + 1 && a->decomp != NULL)
            *kind = AREA_PAGE_WHY;
          else
            *kind = AREA_PAGE_INEQUALITY;
          return a;
        }
      first += pages_of_area (a);
    }
  *kind = AREA_PAGE_WHY;
  return NULL;
}

static guint
n_pages_of (GwReport *self)
{
  if (self->exceptions != NULL)
    return _gw_report_exceptions_n_pages (self);
  return _gw_report_area_first_page (self, self->areas->len) + (self->group_decomp != NULL);
}

/* --- object --------------------------------------------------------------- */

static void
gw_report_finalize (GObject *object)
{
  GwReport *self = GW_REPORT (object);

  g_clear_pointer (&self->target, gw_target_free);
  g_free (self->title);
  g_free (self->target_title);
  g_free (self->group_name);
  g_free (self->indicator);
  g_free (self->unit);
  g_free (self->comparator);
  g_free (self->source);
  g_free (self->data_date);
  g_free (self->produced);
  g_clear_pointer (&self->produced_at, g_date_time_unref);
  g_clear_pointer (&self->areas, g_array_unref);
  g_clear_pointer (&self->group_rows, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->imports, g_array_unref);
  g_clear_object (&self->compare);
  g_clear_object (&self->group_gap);
  g_clear_pointer (&self->group_decomp, _gw_report_decomp_free);
  g_clear_pointer (&self->exceptions, _gw_report_exceptions_free);

  G_OBJECT_CLASS (gw_report_parent_class)->finalize (object);
}

static void
gw_report_class_init (GwReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gw_report_finalize;
}

static void
gw_report_init (GwReport *self)
{
  self->palette = GW_CHART_PALETTE_STANDARD;
  self->confidence_level = 95.0;
  self->page_width = GW_REPORT_A4_WIDTH;
  self->page_height = GW_REPORT_A4_HEIGHT;
  self->areas = g_array_new (FALSE, TRUE, sizeof (ReportArea));
  g_array_set_clear_func (self->areas, clear_area);
  self->imports = g_array_new (FALSE, TRUE, sizeof (ReportImport));
  g_array_set_clear_func (self->imports, clear_import);
  self->group_rows = g_ptr_array_new ();
}

static void
take_imports (GwReport  *self,
              GwDataset *dataset)
{
  GListModel *imports = gw_dataset_get_imports (dataset);
  g_autoptr(GDateTime) latest = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (imports); i++)
    {
      g_autoptr(GwImport) import = g_list_model_get_item (imports, i);
      GDateTime *generated = gw_import_get_generated (import);
      const char *title = gw_import_get_title (import);
      const char *publisher = gw_import_get_publisher (import);
      ReportImport ri = { 0 };

      ri.file = g_strdup (gw_import_get_basename (import));
      ri.name = g_strdup (title != NULL && *title != '\0' ? title : ri.file);
      ri.publisher = g_strdup (publisher != NULL ? publisher : "");
      if (generated != NULL)
        {
          g_autofree char *date = format_date (generated);
          g_auto(GStrv) words = g_strsplit (date, " ", -1);

          /* one unbreakable piece in a narrow column */
          ri.generated = g_strjoinv ("\xc2\xa0", words);
        }
      else
        ri.generated = g_strdup ("–");
      ri.records = gw_import_get_records (import);
      g_array_append_val (self->imports, ri);
      if (generated != NULL && (latest == NULL || g_date_time_compare (generated, latest) > 0))
        {
          g_clear_pointer (&latest, g_date_time_unref);
          latest = g_date_time_ref (generated);
        }
    }
  if (latest != NULL)
    self->data_date = format_date (latest);
}

/* What every report takes from the result: the target, the rows, the
 * words of its titles, the source and the imports.  Under the dataset's
 * read lock. */
void
_gw_report_take_result (GwReport        *self,
                        GwTrackerResult *result)
{
  GwDataset *dataset = gw_tracker_result_get_dataset (result);
  const GwTarget *target = gw_tracker_result_get_target (result);

  self->target = gw_target_copy (target);
  self->rows = g_ptr_array_ref (gw_tracker_result_get_rows (result));
  self->n_members = gw_tracker_result_get_members (result)->len;
  self->group_name = g_strdup (gw_tracker_result_get_subject_name (result));
  for (guint i = 0; i < self->rows->len; i++)
    {
      GwTrackerRow *r = g_ptr_array_index (self->rows, i);

      if (r->is_group)
        g_ptr_array_add (self->group_rows, r);
    }
  self->summary = *gw_tracker_result_get_summary (result);

  self->indicator = g_utf8_strdown (gw_tracker_result_get_indicator (result)->name, -1);
  self->unit = target->gap == GW_GAP_RELATIVE ? g_strdup ("%")
                                              : g_strconcat (" ", gw_tracker_result_get_indicator (result)->unit, NULL);
  self->comparator = g_strdup (gw_tracker_result_get_comparator_name (result));
  self->target_title = g_strdup (target->title != NULL && *target->title != '\0' ? target->title : target->name);
  /* Translators: the report's title, "2010 life expectancy target: Spearhead Group" */
  self->title = g_strdup_printf (_("%s: %s"), self->target_title, self->group_name);
  self->source = gw_chart_source_text (dataset);
  take_imports (self, dataset);
  self->produced_at = g_date_time_new_now_local ();
  self->produced = format_date (self->produced_at);
}

/**
 * gw_report_new:
 * @dataset: the dataset @indicators was computed from
 * @indicators: every indicator value
 * @target: the target reported on
 * @areas: (nullable): area numbers (guint) of the area pages, in order;
 *   %NULL for every member of the target's group
 * @error: the tracker's errors, %GW_REPORT_ERROR_NOT_FOUND or
 *   %GW_REPORT_ERROR_NO_DATA
 *
 * Lays out the figures of @result (the tracker run once, methods.md
 * section 7) and makes every chart from it; @indicators gives the trend
 * charts' values.  Takes the dataset's read lock while it reads.
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 */
GwReport *
gw_report_new (GwTrackerResult *result,
               GwIndicators    *indicators,
               GArray          *areas,
               GError         **error)
{
  g_autoptr(GwReport) self = NULL;
  GwDataset *dataset;
  const GwTarget *target;
  g_autoptr(GArray) members = NULL;
  g_autoptr(GArray) wanted = NULL;
  guint group;
  gboolean ok = FALSE;

  g_return_val_if_fail (GW_IS_TRACKER_RESULT (result), NULL);
  g_return_val_if_fail (indicators != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dataset = gw_tracker_result_get_dataset (result);
  target = gw_tracker_result_get_target (result);
  self = g_object_new (GW_TYPE_REPORT, NULL);

  gw_dataset_read_lock (dataset);
  _gw_report_take_result (self, result);
  self->compare = gw_chart_new_compare (result, GW_COMPARE_BY_CHANGE, error);
  if (self->compare == NULL)
    {
      if (error != NULL && g_error_matches (*error, GW_CHART_ERROR, GW_CHART_ERROR_NO_DATA))
        {
          g_autofree char *message = g_strdup ((*error)->message);

          g_clear_error (error);
          g_set_error_literal (error, GW_REPORT_ERROR, GW_REPORT_ERROR_NO_DATA, message);
        }
      goto out;
    }
  for (guint i = 0; gw_chart_get_row_codes (self->compare, 0) != NULL
                    && gw_chart_get_row_codes (self->compare, 0)[i] != NULL; i++)
    self->n_compare_rows = i + 1;

  group = gw_tracker_result_get_group (result);
  members = g_array_ref (gw_tracker_result_get_members (result));

  if (areas != NULL)
    wanted = g_array_ref (areas);
  else
    wanted = g_array_ref (members);
  for (guint i = 0; i < wanted->len; i++)
    {
      guint area = g_array_index (wanted, guint, i);
      g_autoptr(GError) chart_error = NULL;
      ReportArea a = { 0 };

      a.area = area;
      a.rows = g_ptr_array_new ();
      for (guint j = 0; j < self->rows->len; j++)
        {
          GwTrackerRow *r = g_ptr_array_index (self->rows, j);

          if (!r->is_group && r->subject == area)
            g_ptr_array_add (a.rows, r);
        }
      if (a.rows->len == 0)
        {
          g_ptr_array_unref (a.rows);
          g_set_error (error, GW_REPORT_ERROR, GW_REPORT_ERROR_NOT_FOUND,
                       _("%s is not one of the areas of the %s"),
                       area < gw_dataset_n_areas (dataset) ? gw_dataset_get_area (dataset, area)->name : "?",
                       self->group_name);
          goto out;
        }
      a.code = g_strdup (gw_dataset_get_area (dataset, area)->code);
      a.name = g_strdup (gw_dataset_get_area (dataset, area)->name);
      /* a chart that cannot be made leaves a note on the page, not a
       * failed report */
      a.gap = gw_chart_new_gap (result, FALSE, area, &chart_error);
      if (a.gap == NULL)
        a.gap_error = g_strdup (chart_error->message);
      g_clear_error (&chart_error);
      a.trend = gw_chart_new_trend (dataset, indicators, target->indicator, FALSE, area, target->sexes,
                                    &chart_error);
      if (a.trend == NULL)
        a.trend_error = g_strdup (chart_error->message);
      g_array_append_val (self->areas, a);
    }
  if (target->subject == GW_TARGET_SUBJECT_GROUP)
    self->group_gap = gw_chart_new_gap (result, TRUE, group, NULL);
  ok = TRUE;

out:
  gw_dataset_read_unlock (dataset);
  if (!ok)
    return NULL;
  /* why the gap: each decomposition takes the read lock itself */
  for (guint i = 0; i < self->areas->len; i++)
    {
      ReportArea *a = &g_array_index (self->areas, ReportArea, i);

      a->decomp = _gw_report_decomp_new (result, FALSE, a->area);
    }
  if (target->subject == GW_TARGET_SUBJECT_GROUP)
    self->group_decomp = _gw_report_decomp_new (result, TRUE, group);
  _gw_report_sii_take (self, dataset);
  return g_steal_pointer (&self);
}

void
gw_report_set_confidence_level (GwReport *self,
                                double    level)
{
  g_return_if_fail (GW_IS_REPORT (self));

  self->confidence_level = level > 97.0 ? 99.8 : 95.0;
}

double
gw_report_get_confidence_level (GwReport *self)
{
  g_return_val_if_fail (GW_IS_REPORT (self), 95.0);

  return self->confidence_level;
}

void
gw_report_set_palette (GwReport       *self,
                       GwChartPalette  palette)
{
  g_return_if_fail (GW_IS_REPORT (self));
  g_return_if_fail (palette <= GW_CHART_PALETTE_GREYSCALE);

  if (self->palette == palette)
    return;
  self->palette = palette;
  self->laid_out = FALSE;
}

GwChartPalette
gw_report_get_palette (GwReport *self)
{
  g_return_val_if_fail (GW_IS_REPORT (self), GW_CHART_PALETTE_STANDARD);
  return self->palette;
}

const char *
gw_report_get_title (GwReport *self)
{
  g_return_val_if_fail (GW_IS_REPORT (self), NULL);
  return self->title;
}

guint
gw_report_get_n_areas (GwReport *self)
{
  g_return_val_if_fail (GW_IS_REPORT (self), 0);
  return self->areas->len;
}

guint
gw_report_get_area (GwReport *self,
                    guint     index)
{
  g_return_val_if_fail (GW_IS_REPORT (self), 0);
  g_return_val_if_fail (index < self->areas->len, 0);
  return g_array_index (self->areas, ReportArea, index).area;
}

void
gw_report_set_page_size (GwReport *self,
                         double    width_pt,
                         double    height_pt)
{
  g_return_if_fail (GW_IS_REPORT (self));
  g_return_if_fail (width_pt >= 72 && height_pt >= 72);

  _gw_report_ensure_layout (self, width_pt, height_pt);
}

guint
gw_report_get_n_pages (GwReport *self)
{
  g_return_val_if_fail (GW_IS_REPORT (self), 0);

  _gw_report_ensure_layout (self, self->page_width, self->page_height);
  return n_pages_of (self);
}

GwReportPageKind
gw_report_get_page_kind (GwReport *self,
                         guint     page,
                         guint    *area)
{
  g_return_val_if_fail (GW_IS_REPORT (self), GW_REPORT_PAGE_FRONT);

  _gw_report_ensure_layout (self, self->page_width, self->page_height);
  if (self->exceptions != NULL)
    return GW_REPORT_PAGE_SUMMARY;
  if (page == 0)
    return GW_REPORT_PAGE_FRONT;
  if (page <= self->n_compare_pages)
    return GW_REPORT_PAGE_COMPARE;
  g_return_val_if_fail (page < n_pages_of (self), GW_REPORT_PAGE_FRONT);
  {
    AreaPage kind;
    const ReportArea *a = area_of_page (self, page, &kind);

    if (a == NULL)
      return GW_REPORT_PAGE_GROUP_GAP;
    if (area != NULL)
      *area = a->area;
    return kind == AREA_PAGE_WHY ? GW_REPORT_PAGE_AREA_GAP
         : kind == AREA_PAGE_INEQUALITY ? GW_REPORT_PAGE_AREA_INEQUALITY
         : GW_REPORT_PAGE_AREA;
  }
}

/**
 * gw_report_draw_page:
 * @self: a report
 * @cr: where to draw: a print context's, a PDF page's, an image's
 * @page: the page, from 0
 * @width_pt: the sheet's width in points
 * @height_pt: its height
 * @scale: units of @cr's user space per point
 *
 * Draws the whole sheet with its own margins (a print job should use the
 * full page).  The layout depends on the sheet's size only, never on
 * @scale, so a page breaks its lines the same on paper, in a PDF and in an
 * image.
 */
void
gw_report_draw_page (GwReport *self,
                     cairo_t  *cr,
                     guint     page,
                     double    width_pt,
                     double    height_pt,
                     double    scale)
{
  Page pg = { 0 };
  guint n_pages;

  g_return_if_fail (GW_IS_REPORT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (width_pt >= 72 && height_pt >= 72 && scale > 0);

  _gw_report_ensure_layout (self, width_pt, height_pt);
  n_pages = n_pages_of (self);
  g_return_if_fail (page < n_pages);

  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  _gw_report_page_begin (self, &pg, cr, width_pt, height_pt, scale);

  /* Tagged PDF: each page a section.  cairo marks the PDF as tagged only
   * when its first structure element is a top-level one such as Sect. */
  cairo_tag_begin (cr, "Sect", NULL);
  if (self->exceptions != NULL)
    {
      /* the board summary (gw-report-summary.c): its first page has its own title */
      if (page > 0)
        draw_running_header (&pg);
      _gw_report_exceptions_draw (&pg, page);
    }
  else if (page == 0)
    draw_front (&pg);
  else
    {
      draw_running_header (&pg);
      if (page <= self->n_compare_pages)
        draw_compare (&pg, page - 1);
      else
        {
          AreaPage kind;
          const ReportArea *a = area_of_page (self, page, &kind);

          if (kind == AREA_PAGE_WHY)
            draw_why_page (&pg, a);
          else if (kind == AREA_PAGE_INEQUALITY)
            _gw_report_draw_inequality (&pg, a);
          else
            draw_area (&pg, a);
        }
    }
  draw_footer (&pg, page, n_pages);
  cairo_tag_end (cr, "Sect");

  _gw_report_page_end (&pg);
  cairo_restore (cr);
}

/* --- for the board summary (gw-report-summary.c) -------------------------- */

void
_gw_report_page_begin (GwReport *self,
                       Page     *pg,
                       cairo_t  *cr,
                       double    width_pt,
                       double    height_pt,
                       double    scale)
{
  memset (pg, 0, sizeof *pg);
  pg->report = self;
  pg->cr = cr;
  gw_chart_style_init (&pg->style, self->palette);
  pg->style.confidence_level = self->confidence_level;
  pg->scale = scale;
  pg->width = width_pt;
  pg->height = height_pt;
  content_box (width_pt, height_pt, &pg->x, &pg->cw, &pg->top, &pg->bottom);
  pg->frame = gw_chart_frame_new (&pg->style, width_pt, height_pt);
  gw_canvas_init (&pg->canvas, cr, &pg->style, width_pt, height_pt, pg->frame);
}

void
_gw_report_page_end (Page *pg)
{
  gw_canvas_clear (&pg->canvas);
  gw_chart_frame_free (pg->frame);
}

double
_gw_report_heading (Page       *pg,
                    const char *tag,
                    const char *text,
                    double      y,
                    gboolean    paint)
{
  return heading_tagged (pg, tag, text, y, paint);
}

void
_gw_report_hrule (Page        *pg,
                  double       y,
                  double       width_pt,
                  GwChartRole  role)
{
  hrule (pg, pg->x, pg->x + pg->cw, y, width_pt, role);
}

double
_gw_report_figures_table (Page      *pg,
                          GPtrArray *rows,
                          double     y,
                          gboolean   paint)
{
  return figures_table (pg, rows, pg->x, y, pg->cw, paint);
}

char *
_gw_report_status_text (const GwTrackerRow *row)
{
  return status_with_certainty (row);
}

char *
_gw_report_group_headline (GwReport *self)
{
  return group_headline (self);
}

char *
_gw_report_format_date (GDateTime *date)
{
  return format_date (date);
}

