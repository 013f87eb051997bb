/* gw-chart-compare.c: every member area of the target's group, ranked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per area, names on the left, one panel per sex.  On each row, on
 * an axis of the gap to England (zero is England): the baseline gap (a small
 * ring), a line to the latest gap, and there the status marker, whose shape
 * and colour both say on track / off track / no gap / insufficient data; a
 * short upright bar marks the area's own target gap.  Rows are ranked by the
 * change of the gap since baseline in percentage points (widening most at the top) or by the
 * latest gap.
 *
 * Sized for a board paper: 70 areas on one A4 portrait page with names at
 * 6 points or more.  When a surface is too short for that, names are thinned
 * (every second or third row) rather than shrunk below 6 points.  A larger
 * group goes onto several pages, each drawing a range of ranks
 * (gw_chart_set_row_range) under the whole heading and between both axes.
 */
#include "gw-config.h"

#include <math.h>
#include <string.h>

#include "gw-chart-private.h"

typedef struct
{
  char           *code;
  char           *name;
  double          baseline_gap, latest_gap, target_gap, projected_gap, change;
  GwPeriod        latest_period;
  GwTargetStatus  status;
} CompareRow;

typedef struct
{
  GwSex    sex;
  GArray  *rows;              /* CompareRow, in rank order */
  guint    counts[4];         /* by GwTargetStatus */
} ComparePanel;

typedef struct
{
  char           *group;
  char           *suffix;
  char           *unit;
  char           *x_title;
  GwCompareOrder  order;
  GPtrArray      *panels;     /* ComparePanel */
  double          x_lo, x_hi;
} Compare;

static void
clear_row (gpointer p)
{
  CompareRow *r = p;

  g_free (r->code);
  g_free (r->name);
}

static void
compare_panel_free (ComparePanel *p)
{
  g_array_unref (p->rows);
  g_free (p);
}

static void
compare_free (Compare *c)
{
  g_free (c->group);
  g_free (c->suffix);
  g_free (c->unit);
  g_free (c->x_title);
  g_clear_pointer (&c->panels, g_ptr_array_unref);
  g_free (c);
}

/* Widening most first; rows without the number last, by name. */
static int
compare_rows (gconstpointer pa,
              gconstpointer pb,
              gpointer      user_data)
{
  const CompareRow *a = pa, *b = pb;
  GwCompareOrder sort_order = *(const GwCompareOrder *) user_data;
  double ka = sort_order == GW_COMPARE_BY_GAP ? a->latest_gap : a->change;
  double kb = sort_order == GW_COMPARE_BY_GAP ? b->latest_gap : b->change;

  /* the change is in percentage points (the gap's unit), meaningful
   * whatever the sign of the baseline gap: an area whose gap opened from
   * none ranks among the others by how far it moved */
  if (isnan (ka) != isnan (kb))
    return isnan (ka) ? 1 : -1;
  if (!isnan (ka) && ka != kb)
    return ka > kb ? -1 : 1;
  if (isnan (ka) && a->status != b->status)
    return a->status < b->status ? -1 : 1;
  return g_utf8_collate (a->name, b->name);
}

static char *
format_gap (const Compare *cmp,
            double         v)
{
  g_autofree char *n = gw_chart_format_number (v, 2, FALSE);

  return g_strconcat (n, cmp->unit, NULL);
}

static char *
row_tooltip (const Compare      *cmp,
             const ComparePanel *panel,
             const CompareRow   *r)
{
  g_autofree char *g0 = format_gap (cmp, r->baseline_gap), *gl = format_gap (cmp, r->latest_gap);
  g_autofree char *gt = format_gap (cmp, r->target_gap), *gp = format_gap (cmp, r->projected_gap);
  g_autofree char *period = r->latest_period != 0 ? gw_chart_format_period (r->latest_period) : g_strdup ("–");

  if (r->status == GW_STATUS_INSUFFICIENT_DATA)
    return g_strdup_printf (_("%s, %s: insufficient data"), r->name, gw_chart_sex_word (panel->sex));
  /* Translators: "Hartlepool, men: gap 3.39% in 2005–2007, 3.95% at baseline, target 3.56%, projected 3.20%: on track" */
  return g_strdup_printf (_("%s, %s: gap %s in %s, %s at baseline, target %s, projected %s: %s"),
                          r->name, gw_chart_sex_word (panel->sex), gl, period, g0, gt, gp,
                          gw_chart_status_label (r->status));
}

static void
paint_panel (GwChart           *chart,
             GwCanvas          *c,
             const GwChartRect *area,
             const ComparePanel *panel)
{
  const Compare *cmp = chart->data;
  const double s = c->s;
  cairo_t *cr = c->cr;
  guint n_all = panel->rows->len;
  /* the ranks shown, first .. first + n - 1, in room for slots rows */
  guint first = MIN (chart->first_row, n_all);
  guint n = MIN (chart->n_rows, n_all - first);
  guint slots = chart->n_rows == G_MAXUINT ? n : chart->n_rows;
  double top = area->y, bottom = area->y + area->height, left = area->x, right = area->x + area->width;
  double tick_h = gw_canvas_line_height (c, GW_PT_TICK, FALSE);
  double axis_h = gw_canvas_line_height (c, GW_PT_AXIS, FALSE);
  double row_h, font_pt, name_w = 0, x_lo = cmp->x_lo, x_hi = cmp->x_hi, step, label_w;
  guint stride = 1, max_ticks;
  g_autoptr(GArray) ticks = NULL;
  gboolean top_axis;
  GwPanelFrame pf = { 0 };
  g_autofree char *summary = NULL;

  pf.area = *area;
  if (n_all == 0)
    return;

  /* the sex, and the statuses counted */
  {
    g_autoptr(PangoLayout) l = gw_canvas_layout (c, gw_chart_sex_label (panel->sex), GW_PT_PANEL, TRUE,
                                                 area->width, 1);
    double h;

    gw_canvas_layout_size (l, NULL, &h);
    gw_canvas_show (c, l, left, top, 0, 0, GW_CHART_ROLE_FOREGROUND);
    top += h + 1 * s;
  }
  {
    g_autoptr(GString) text = g_string_new (NULL);
    g_autoptr(PangoLayout) l = NULL;
    double h;

    /* Translators: "30 on track, 38 off track, 2 no gap" */
    g_string_append_printf (text, _("%u on track, %u off track"),
                            panel->counts[GW_STATUS_ON_TRACK], panel->counts[GW_STATUS_OFF_TRACK]);
    if (panel->counts[GW_STATUS_NO_GAP] > 0)
      g_string_append_printf (text, _(", %u no gap"), panel->counts[GW_STATUS_NO_GAP]);
    if (panel->counts[GW_STATUS_INSUFFICIENT_DATA] > 0)
      g_string_append_printf (text, _(", %u insufficient data"), panel->counts[GW_STATUS_INSUFFICIENT_DATA]);
    summary = g_strdup (text->str);
    l = gw_canvas_layout (c, text->str, GW_PT_NOTE, FALSE, area->width, 1);
    gw_canvas_layout_size (l, NULL, &h);
    gw_canvas_show (c, l, left, top, 0, 0, GW_CHART_ROLE_FOREGROUND);
    top += h + 3 * s;
  }

  /* x axis below (title and labels), and above for a long list (on every
   * page of one cut onto pages) */
  bottom -= axis_h + 2 * s + tick_h + 4 * s;
  top_axis = n_all > 25;
  if (top_axis)
    top += tick_h + 4 * s;
  if (n == 0)
    return;
  row_h = (bottom - top) / slots;
  if (row_h <= 0)
    return;
  /* fewer rows than room for: the plot ends after the last */
  bottom = top + n * row_h;

  /* names: as large as the rows allow, from 6 to 8 points; below 6 points'
   * worth of row, every stride-th name */
  font_pt = CLAMP (row_h / s * 0.78, GW_PT_MIN, 8.0);
  while (stride * row_h < font_pt * s * 1.12 && stride < n)
    stride++;
  for (guint i = first; i < first + n; i++)
    {
      g_autoptr(PangoLayout) l = NULL;
      double w;

      if (i % stride != 0)
        continue;
      l = gw_canvas_layout (c, g_array_index (panel->rows, CompareRow, i).name, font_pt, FALSE, -1, 1);
      gw_canvas_layout_size (l, &w, NULL);
      name_w = MAX (name_w, w);
    }
  /* a long name is ellipsized rather than the plot squeezed */
  name_w = MIN (name_w, area->width * 0.4);

  /* x ticks from the width the labels need */
  {
    g_autofree char *sample = gw_chart_format_number (MAX (fabs (x_lo), fabs (x_hi)), 1, FALSE);
    g_autofree char *with = g_strconcat ("−", sample, cmp->suffix, NULL);
    g_autoptr(PangoLayout) l = gw_canvas_layout (c, with, GW_PT_TICK, FALSE, -1, 1);

    gw_canvas_layout_size (l, &label_w, NULL);
  }
  pf.plot.x = left + name_w + 5 * s;
  right -= label_w / 2 + 1 * s;
  pf.plot.width = right - pf.plot.x;
  pf.plot.y = top;
  pf.plot.height = bottom - top;
  if (pf.plot.width < 30 * s)
    return;
  max_ticks = (guint) CLAMP (pf.plot.width / (label_w * 1.6 + 4 * s), 1, 8);
  step = gw_axis_nice_step (x_lo, x_hi, max_ticks);
  ticks = gw_axis_ticks (&x_lo, &x_hi, step, TRUE, cmp->suffix);
  pf.x.lo = x_lo;
  pf.x.hi = x_hi;
  pf.x.d0 = pf.plot.x;
  pf.x.d1 = right;
  /* rows: row r's centre at the middle of its band */
  pf.y.lo = first - 0.5;
  pf.y.hi = first + n - 0.5;
  pf.y.d0 = top;
  pf.y.d1 = bottom;

  /* zebra bands keep the eye on a row across the page */
  gw_canvas_set_colour (c, GW_CHART_ROLE_GRID, 0.45);
  for (guint i = first; i < first + n; i++)
    if (i % 2 == 1)
      cairo_rectangle (cr, left, top + (i - first) * row_h, right - left, row_h);
  cairo_fill (cr);

  gw_canvas_set_line (c, GW_CHART_ROLE_GRID, 0.75, GW_DASH_SOLID);
  for (guint i = 0; i < ticks->len; i++)
    gw_canvas_vline (c, gw_axis_map (&pf.x, g_array_index (ticks, GwTick, i).value), top, bottom);
  for (guint i = 0; i < ticks->len; i++)
    {
      const GwTick *t = &g_array_index (ticks, GwTick, i);
      g_autoptr(PangoLayout) l = gw_canvas_layout (c, t->label, GW_PT_TICK, FALSE, -1, 1);
      double x = gw_axis_map (&pf.x, t->value);

      gw_canvas_show (c, l, x, bottom + 2 * s, 0.5, 0, GW_CHART_ROLE_MUTED);
      if (top_axis)
        gw_canvas_show (c, l, x, top - 2 * s, 0.5, 1, GW_CHART_ROLE_MUTED);
    }
  {
    g_autoptr(PangoLayout) l = gw_canvas_layout (c, cmp->x_title, GW_PT_AXIS, FALSE, area->width, 1);

    gw_canvas_show_centred (c, l, (pf.plot.x + right) / 2, bottom + 2 * s + tick_h + 4 * s, 0, area,
                            GW_CHART_ROLE_FOREGROUND);
  }

  /* England, zero gap */
  if (pf.x.lo <= 0 && pf.x.hi >= 0)
    {
      double x0 = gw_axis_map (&pf.x, 0);

      gw_canvas_set_line (c, GW_CHART_ROLE_COMPARATOR, 1.1, GW_DASH_SOLID);
      gw_canvas_vline (c, x0, top, bottom);
    }

  cairo_save (cr);
  gw_canvas_clip_plot (c, &pf, 4);
  for (guint i = first; i < first + n; i++)
    {
      const CompareRow *r = &g_array_index (panel->rows, CompareRow, i);
      double y = top + (i - first + 0.5) * row_h;
      double mk = MIN (row_h / s * 0.78, 6.5);
      double xb = gw_axis_map (&pf.x, r->baseline_gap), xl = gw_axis_map (&pf.x, r->latest_gap);

      if (isfinite (r->baseline_gap) && isfinite (r->latest_gap))
        {
          gw_canvas_set_line (c, GW_CHART_ROLE_MUTED, 0.9, GW_DASH_SOLID);
          cairo_move_to (cr, xb, y);
          cairo_line_to (cr, xl, y);
          cairo_stroke (cr);
        }
      if (isfinite (r->target_gap) && r->status != GW_STATUS_NO_GAP)
        {
          double xt = gw_axis_map (&pf.x, r->target_gap);

          gw_canvas_set_line (c, GW_CHART_ROLE_TARGET, 1.4, GW_DASH_SOLID);
          cairo_move_to (cr, xt, y - row_h * 0.4);
          cairo_line_to (cr, xt, y + row_h * 0.4);
          cairo_stroke (cr);
        }
      if (isfinite (r->baseline_gap))
        gw_canvas_marker (c, GW_MARKER_CIRCLE, xb, y, mk * 0.6, GW_CHART_ROLE_MUTED, FALSE);
      if (isfinite (r->latest_gap))
        gw_canvas_marker (c, gw_chart_status_marker (r->status), xl, y, mk,
                          gw_chart_status_role (r->status), r->status != GW_STATUS_NO_GAP);
    }
  cairo_restore (cr);

  for (guint i = first; i < first + n; i++)
    {
      const CompareRow *r = &g_array_index (panel->rows, CompareRow, i);
      double y = top + (i - first + 0.5) * row_h;
      GwChartRect band = { left, top + (i - first) * row_h, right - left, row_h };

      if (i % stride == 0)
        {
          g_autoptr(PangoLayout) l = gw_canvas_layout (c, r->name, font_pt, FALSE, name_w, 1);

          gw_canvas_show (c, l, pf.plot.x - 5 * s, y, 1.0, 0.5, GW_CHART_ROLE_FOREGROUND);
        }
      if (r->status == GW_STATUS_INSUFFICIENT_DATA && !isfinite (r->latest_gap))
        {
          g_autoptr(PangoLayout) l = gw_canvas_layout (c, _("insufficient data"), font_pt, FALSE, -1, 1);

          gw_canvas_show (c, l, pf.plot.x + 3 * s, y, 0, 0.5, GW_CHART_ROLE_MUTED);
        }
      gw_canvas_add_mark (c, &band, row_tooltip (cmp, panel, r));
    }

  g_array_append_val (c->frame->panels, pf);
}

static void
paint_compare (GwChart           *chart,
               GwCanvas          *c,
               const GwChartRect *body)
{
  Compare *cmp = chart->data;
  guint n = cmp->panels->len;
  GwChartRect areas[2];

  /* always side by side: each panel needs the full height for its rows */
  gw_panels_split (body, n, 16 * c->s, TRUE, areas);
  for (guint i = 0; i < n; i++)
    paint_panel (chart, c, &areas[i], g_ptr_array_index (cmp->panels, i));
}

/**
 * gw_chart_new_compare:
 * @dataset: the dataset @indicators was computed from
 * @indicators: every indicator value
 * @target: the target; its group gives the areas, its sexes the panels
 * @order: how to rank the areas
 * @error: the tracker's errors, or GW_CHART_ERROR_NO_DATA
 *
 * Runs the tracker (methods.md section 7) on the indicator engine's values.
 *
 * Returns: (transfer full): the chart, or NULL with @error set
 */
GwChart *
gw_chart_new_compare (GwTrackerResult *result,
                      GwCompareOrder   order,
                      GError         **error)
{
  GwDataset *dataset;
  const GwTarget *target;
  GPtrArray *rows;
  g_autoptr(GwChart) chart = NULL;
  g_autoptr(GString) desc = NULL;
  g_autofree char *ind_name = NULL, *ind_unit = NULL, *base = NULL, *tp = NULL, *lower = NULL;
  double lo = 0, hi = 0;
  const char *comparator;
  gboolean sii;
  Compare *cmp;

  g_return_val_if_fail (GW_IS_TRACKER_RESULT (result), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dataset = gw_tracker_result_get_dataset (result);
  target = gw_tracker_result_get_target (result);
  rows = gw_tracker_result_get_rows (result);

  chart = gw_chart_new_internal (GW_CHART_COMPARE);
  cmp = g_new0 (Compare, 1);
  chart->data = cmp;
  chart->data_free = (GDestroyNotify) compare_free;
  chart->paint_body = paint_compare;
  cmp->order = order;
  cmp->panels = g_ptr_array_new_with_free_func ((GDestroyNotify) compare_panel_free);
  chart->row_codes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  ind_name = g_strdup (gw_tracker_result_get_indicator (result)->name);
  ind_unit = g_strdup (gw_tracker_result_get_indicator (result)->unit);
  comparator = gw_tracker_result_get_comparator_name (result);

  sii = target->measure == GW_TARGET_MEASURE_SII;
  if (sii)
    {
      /* an SII target's "gap" is the SII itself: no comparator (gw-tracker.c) */
      cmp->suffix = g_strdup ("");
      cmp->unit = g_strconcat (" ", ind_unit, NULL);
      /* Translators: the x axis of an SII target's chart, "SII within each area, years (0 = no inequality)" */
      cmp->x_title = g_strdup_printf (_("SII within each area, %s (0 = no inequality)"), ind_unit);
    }
  else if (target->gap == GW_GAP_RELATIVE)
    {
      cmp->suffix = g_strdup ("%");
      cmp->unit = g_strdup ("%");
      /* Translators: the x axis, "Gap to England, % of England’s value" */
      cmp->x_title = g_strdup_printf (_("Gap to %s, %% of %s’s value (0 = %s)"), comparator, comparator, comparator);
    }
  else
    {
      cmp->suffix = g_strdup ("");
      cmp->unit = g_strconcat (" ", ind_unit, NULL);
      cmp->x_title = g_strdup_printf (_("Gap to %s, %s (0 = %s)"), comparator, ind_unit, comparator);
    }

  for (GwSex sx = GW_SEX_MALE; sx <= GW_SEX_PERSONS; sx++)
    {
      ComparePanel *panel;
      GPtrArray *codes;

      if (!(target->sexes & (1u << sx)))
        continue;
      panel = g_new0 (ComparePanel, 1);
      panel->sex = sx;
      panel->rows = g_array_new (FALSE, TRUE, sizeof (CompareRow));
      g_array_set_clear_func (panel->rows, clear_row);
      for (guint i = 0; i < rows->len; i++)
        {
          const GwTrackerRow *t = g_ptr_array_index (rows, i);
          CompareRow r;

          if (t->sex != sx)
            continue;
          if (t->is_group)
            {
              if (cmp->group == NULL)
                cmp->group = g_strdup (t->name);
              continue;
            }
          r.code = g_strdup (t->code);
          r.name = g_strdup (t->name);
          r.baseline_gap = t->baseline_gap;
          r.latest_gap = t->latest_gap;
          r.target_gap = t->target_gap;
          r.projected_gap = t->projected_gap;
          r.change = t->change_pp;
          r.latest_period = t->latest_period;
          r.status = t->status;
          panel->counts[MIN (t->status, GW_STATUS_INSUFFICIENT_DATA)]++;
          g_array_append_val (panel->rows, r);
          if (isfinite (r.baseline_gap))
            lo = MIN (lo, r.baseline_gap), hi = MAX (hi, r.baseline_gap);
          if (isfinite (r.latest_gap))
            lo = MIN (lo, r.latest_gap), hi = MAX (hi, r.latest_gap);
          if (isfinite (r.target_gap) && r.status != GW_STATUS_NO_GAP)
            lo = MIN (lo, r.target_gap), hi = MAX (hi, r.target_gap);
        }
      if (panel->rows->len == 0)
        {
          compare_panel_free (panel);
          continue;
        }
      g_array_sort_with_data (panel->rows, compare_rows, &order);
      codes = g_ptr_array_new ();
      for (guint i = 0; i < panel->rows->len; i++)
        g_ptr_array_add (codes, g_strdup (g_array_index (panel->rows, CompareRow, i).code));
      g_ptr_array_add (codes, NULL);
      g_ptr_array_add (chart->row_codes, g_ptr_array_free (codes, FALSE));
      g_ptr_array_add (cmp->panels, panel);
    }
  {
    gboolean any = FALSE;

    for (guint i = 0; i < cmp->panels->len && !any; i++)
      {
        const ComparePanel *p = g_ptr_array_index (cmp->panels, i);

        for (guint j = 0; j < p->rows->len && !any; j++)
          any = isfinite (g_array_index (p->rows, CompareRow, j).latest_gap);
      }
    if (!any)
      g_ptr_array_set_size (cmp->panels, 0);
  }
  if (cmp->panels->len == 0)
    {
      g_set_error (error, GW_CHART_ERROR, GW_CHART_ERROR_NO_DATA,
                   _("The target’s group has no member areas with values"));
      return NULL;
    }
  {
    double pad = (hi - lo) * 0.03;

    /* zero (England) is the left edge unless an area is better than England */
    cmp->x_lo = lo < 0 ? lo - pad : 0;
    cmp->x_hi = hi + pad;
  }

  base = gw_chart_format_period (target->baseline);
  tp = gw_chart_format_period (target->target_period);
  lower = g_utf8_strdown (ind_name, -1);
  /* Translators: chart title, "Gap in life expectancy at birth: the 70 areas of the Spearhead Group" */
  chart->title = g_strdup_printf (sii
                                  /* Translators: chart title of an SII target, "Inequality in life expectancy at birth within the 70 areas of the Spearhead Group" */
                                  ? _("Inequality in %s within the %u areas of the %s")
                                  : _("Gap in %s: the %u areas of the %s"), lower,
                                  ((ComparePanel *) g_ptr_array_index (cmp->panels, 0))->rows->len,
                                  cmp->group != NULL ? cmp->group : gw_tracker_result_get_subject_name (result));
  if (sii)
    chart->subtitle = g_strdup_printf (order == GW_COMPARE_BY_GAP
                                       ? _("Ranked by latest SII, widest first; baseline %s, target %s")
                                       : _("Ranked by change in the SII since %s, most widened first; target %s"),
                                       base, tp);
  else
    chart->subtitle = g_strdup_printf (order == GW_COMPARE_BY_GAP
                                       ? _("Ranked by latest gap, widest first; baseline %s, target %s")
                                       : _("Ranked by change in the gap since %s, most widened first; target %s"),
                                       base, tp);

  /* the statuses there are, each with its marker */
  {
    static const char *const words[] = { N_("on track"), N_("off track"), N_("no gap at baseline"),
                                         N_("insufficient data") };

    for (GwTargetStatus st = GW_STATUS_ON_TRACK; st <= GW_STATUS_INSUFFICIENT_DATA; st++)
      {
        guint count = 0;

        for (guint i = 0; i < cmp->panels->len; i++)
          count += ((ComparePanel *) g_ptr_array_index (cmp->panels, i))->counts[st];
        if (count > 0)
          gw_legend_add (chart->legend, _(words[st]), GW_SWATCH_MARKER, gw_chart_status_role (st),
                         GW_DASH_SOLID, gw_chart_status_marker (st), TRUE, st != GW_STATUS_NO_GAP);
      }
  }
  gw_legend_add (chart->legend, sii ? _("from the baseline SII (ring) to the latest (marker)")
                                    : _("from the baseline gap (ring) to the latest (marker)"), GW_SWATCH_LINE,
                 GW_CHART_ROLE_MUTED, GW_DASH_SOLID, GW_MARKER_CIRCLE, FALSE, FALSE);
  gw_legend_add (chart->legend, sii ? _("the area’s target SII") : _("the area’s target gap"),
                 GW_SWATCH_TICK, GW_CHART_ROLE_TARGET,
                 GW_DASH_SOLID, GW_MARKER_CIRCLE, FALSE, FALSE);

  desc = g_string_new (NULL);
  if (sii)
    g_string_append_printf (desc, _("Chart of the slope index of inequality in %s within each of the %u areas "
                                    "of the %s, ranked, with each area’s baseline SII (%s), latest SII, "
                                    "target SII (%s) and status. "),
                            lower, ((ComparePanel *) g_ptr_array_index (cmp->panels, 0))->rows->len,
                            cmp->group != NULL ? cmp->group : gw_tracker_result_get_subject_name (result), base, tp);
  else
    g_string_append_printf (desc, _("Chart of the gap in %s to %s for each of the %u areas of the %s, "
                                    "ranked, with each area’s baseline gap (%s), latest gap, target gap (%s) "
                                    "and status. "),
                            lower, comparator,
                            ((ComparePanel *) g_ptr_array_index (cmp->panels, 0))->rows->len,
                            cmp->group != NULL ? cmp->group : gw_tracker_result_get_subject_name (result), base, tp);
  for (guint i = 0; i < cmp->panels->len; i++)
    {
      const ComparePanel *p = g_ptr_array_index (cmp->panels, i);
      const CompareRow *first = &g_array_index (p->rows, CompareRow, 0);

      g_string_append_printf (desc, sii ? _("%s: %u on track, %u off track, %u with no inequality at baseline, "
                                            "%u with insufficient data")
                                        : _("%s: %u on track, %u off track, %u with no gap at baseline, "
                                            "%u with insufficient data"),
                              gw_chart_sex_label (p->sex), p->counts[GW_STATUS_ON_TRACK],
                              p->counts[GW_STATUS_OFF_TRACK], p->counts[GW_STATUS_NO_GAP],
                              p->counts[GW_STATUS_INSUFFICIENT_DATA]);
      if (order == GW_COMPARE_BY_CHANGE && isfinite (first->change))
        {
          g_autofree char *ch = gw_chart_format_number (first->change, 2, FALSE);

          /* Translators: "; the gap widened most in Blackpool (+1.23 percentage points since
           * baseline)"; for an absolute gap the gap's unit replaces "percentage points" */
          g_string_append_printf (desc, sii ? _("; the SII widened most in %s (%s%s %s since baseline)")
                                            : _("; the gap widened most in %s (%s%s %s since baseline)"),
                                  first->name, first->change > 0 ? "+" : "", ch,
                                  target->gap == GW_GAP_RELATIVE ? _("percentage points")
                                  : gw_tracker_result_get_indicator (result)->unit);
        }
      else if (isfinite (first->latest_gap))
        {
          g_autofree char *gl = format_gap (cmp, first->latest_gap);

          g_string_append_printf (desc, sii ? _("; the widest SII is %s’s (%s)") : _("; the widest gap is %s’s (%s)"),
                                  first->name, gl);
        }
      g_string_append (desc, i + 1 < cmp->panels->len ? ". " : ".");
    }
  chart->description = g_string_free (g_steal_pointer (&desc), FALSE);
  chart->source = gw_chart_source_text (dataset);

  return g_steal_pointer (&chart);
}
