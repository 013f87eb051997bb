/* gw-chart-decomp.c: the scarf and the gap by age and cause
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both charts share one snapshot of the numbers (Decomp, below): each sex's
 * contributions to the gap by band and cause, turned to the director's sign
 * (comparator minus area).  Causes keep their order and their colour in
 * both charts and in the legend; a cause that adds nothing anywhere ("not
 * specified" when every death has a cause) is left out of both.
 */
#include "gw-config.h"

#include <math.h>
#include <string.h>

#include "gw-chart-private.h"
#include "gw-chart-decomp.h"

/* Below this a contribution is rounding, not a cause's share. */
#define NEGLIGIBLE 1e-9

/* The most bands a "why" sentence names: 30 years of age. */
#define WHY_MAX_BANDS 6

typedef struct
{
  GwSex   sex;
  double  gap;          /* comparator minus area, years */
  double  e0_area;
  double  e0_comparator;
  double *cells;        /* [n_bands][n_cats] contributions to the gap */
  double *by_cause;     /* [n_cats] */
  double *by_band;      /* [n_bands] */
} DecompPanel;

typedef struct
{
  char       *subject;
  char       *comparator;
  GwPeriod    period;
  guint       n_bands;
  guint       n_cats;        /* top-level causes of every sex, "not specified" among them */
  char      **cat_labels;    /* n_cats */
  guint      *cat_series;    /* colour of each category */
  gboolean   *cat_shown;     /* adds something somewhere */
  GArray     *band_ticks;    /* GwTick at 0 .. n_bands - 1 */
  GPtrArray  *panels;        /* DecompPanel */
} Decomp;

static void
decomp_panel_free (DecompPanel *p)
{
  g_free (p->cells);
  g_free (p->by_cause);
  g_free (p->by_band);
  g_free (p);
}

static void
decomp_free (Decomp *d)
{
  g_free (d->subject);
  g_free (d->comparator);
  g_strfreev (d->cat_labels);
  g_free (d->cat_series);
  g_free (d->cat_shown);
  g_clear_pointer (&d->band_ticks, g_array_unref);
  g_clear_pointer (&d->panels, g_ptr_array_unref);
  g_free (d);
}

static double
cell (const Decomp      *d,
      const DecompPanel *p,
      guint              band,
      guint              cat)
{
  return p->cells[band * d->n_cats + cat];
}

/* "1.10" years with the decimals a gap needs */
static char *
format_years (double v)
{
  return gw_chart_format_number (v, 2, FALSE);
}

/* --- public text helpers --------------------------------------------------- */

char *
gw_decomp_format_about (double deaths)
{
  double magnitude, rounded;

  if (!isfinite (deaths) || deaths < 0.5)
    /* Translators: a number of deaths a year, "fewer than 1 death" */
    return g_strdup (_("fewer than 1"));
  /* two significant figures: a director needs the size, and the third
   * figure of a model's answer is noise */
  magnitude = pow (10, floor (log10 (deaths)) - 1);
  rounded = magnitude >= 1 ? round (deaths / magnitude) * magnitude : round (deaths);
  return gw_chart_format_number (rounded, 0, TRUE);
}

char *
gw_decomp_format_ages (const GwGapDecomp *decomp,
                       guint              first_band,
                       guint              last_band)
{
  GwAgeBand a, b;
  guint start;

  g_return_val_if_fail (decomp != NULL, NULL);
  g_return_val_if_fail (first_band <= last_band && last_band < decomp->n_bands, NULL);

  a = decomp->bands[first_band];
  b = decomp->bands[last_band];
  start = gw_age_band_start (a);
  if (gw_age_band_is_open (b))
    /* Translators: ages from a number on, "85 and over" */
    return g_strdup_printf (_("%u and over"), start);
  if (first_band == last_band && start == 0 && gw_age_band_width (b) == 1)
    return g_strdup (_("under 1"));
  /* Translators: an age range, "45–74" */
  return g_strdup_printf (_("%u–%u"), start, gw_age_band_start (b) + gw_age_band_width (b) - 1);
}

/* The first letter lower-cased, for a label inside a sentence ("from
 * circulatory diseases"); a name that starts with two capitals (an
 * acronym, "COPD") stays as it is. */
static char *
in_sentence (const char *label)
{
  const char *second;
  char first[8];
  int n;

  if (*label == '\0')
    return g_strdup (label);
  second = g_utf8_next_char (label);
  if (*second != '\0' && g_unichar_isupper (g_utf8_get_char (second)))
    return g_strdup (label);
  n = g_unichar_to_utf8 (g_unichar_tolower (g_utf8_get_char (label)), first);
  first[n] = '\0';
  return g_strconcat (first, second, NULL);
}

/* Causes a chart and a sentence name: the top of the tree (with
 * GW_GAP_CAUSES_ALL a parent includes its children, which would count
 * their years twice). */
static gboolean
is_top (const GwGapDecomp *d,
        guint              cause)
{
  return d->causes[cause].depth == 0;
}

char *
gw_decomp_why_sentence (const GwGapDecomp *d)
{
  guint best_cause = G_MAXUINT, best_a = 0, best_b = 0;
  double best_total = -INFINITY, best_run = -INFINITY, gap;
  g_autofree char *ages = NULL, *part = NULL, *whole = NULL, *cause = NULL;

  g_return_val_if_fail (d != NULL, NULL);

  gap = d->e0_comparator - d->e0_area;
  if (gap <= 0)
    {
      g_autofree char *years = gw_chart_format_number (-gap, 1, FALSE);

      /* Translators: "Women here live 0.4 years longer than in England: there
       * is no gap to explain." */
      return g_strdup_printf (_("%s here live %s years longer than in %s: there is no gap to explain."),
                              gw_chart_sex_label (d->request.sex), years, d->comparator_name);
    }

  for (guint c = 0; c < d->n_causes; c++)
    {
      double total = -gw_gap_decomp_get (d, GW_DECOMP_ALL, c);

      if (is_top (d, c) && total > best_total)
        {
          best_total = total;
          best_cause = c;
        }
    }
  if (best_cause == G_MAXUINT)
    return NULL;
  /* the run of neighbouring bands where that cause makes the most of the
   * gap: a director asks "at what ages", and a run answers it in one phrase */
  for (guint a = 0; a < d->n_bands; a++)
    {
      double run = 0;

      for (guint b = a; b < d->n_bands && b < a + WHY_MAX_BANDS; b++)
        {
          run -= gw_gap_decomp_get (d, b, best_cause);
          /* a longer run only when it adds something a reader would see */
          if (run > best_run + 0.005)
            {
              best_run = run;
              best_a = a;
              best_b = b;
            }
        }
    }
  ages = gw_decomp_format_ages (d, best_a, best_b);
  /* two decimals, as the chart beside it labels the gap and its parts
   * ("2.63 years", "1.12"): "2.6" over a chart of 2.63 made two figures */
  part = gw_chart_format_number (best_run, 2, FALSE);
  whole = gw_chart_format_number (gap, 2, FALSE);
  cause = in_sentence (d->causes[best_cause].name);
  /* Translators: "1.12 of the 2.68 years come from circulatory diseases at
   * ages 45–74." (men's or women's gap in life expectancy); the years lead
   * so that the verb agrees whatever the cause is called */
  return g_strdup_printf (_("%s of the %s years come from %s at ages %s."), part, whole, cause, ages);
}

char *
gw_decomp_reckon_sentence (const GwGapDecomp    *d,
                           const GwGapReckoning *r)
{
  g_autofree char *total = NULL, *value = NULL;
  g_autoptr(GString) causes = NULL;
  guint top[2] = { G_MAXUINT, G_MAXUINT };

  g_return_val_if_fail (d != NULL, NULL);
  g_return_val_if_fail (r != NULL, NULL);

  value = gw_chart_format_number (r->needed_value, 1, FALSE);
  if (r->k <= 0)
    /* Translators: "Men’s life expectancy already reaches the 78.9 years the
     * target needs: no deaths to prevent." */
    return g_strdup_printf (_("%s’s life expectancy already reaches the %s years the target needs: "
                              "no deaths to prevent."),
                            gw_chart_sex_label (d->request.sex), value);

  /* the two causes with the most deaths to prevent */
  for (guint c = 0; c < d->n_causes; c++)
    {
      double v = gw_gap_reckoning_get (r, GW_DECOMP_ALL, c);

      if (v < 0.5 || !is_top (d, c))
        continue;
      if (top[0] == G_MAXUINT || v > gw_gap_reckoning_get (r, GW_DECOMP_ALL, top[0]))
        {
          top[1] = top[0];
          top[0] = c;
        }
      else if (top[1] == G_MAXUINT || v > gw_gap_reckoning_get (r, GW_DECOMP_ALL, top[1]))
        top[1] = c;
    }
  total = gw_decomp_format_about (gw_gap_reckoning_get (r, GW_DECOMP_ALL, GW_DECOMP_ALL));
  causes = g_string_new (NULL);
  if (top[0] != G_MAXUINT)
    {
      g_autofree char *n0 = gw_decomp_format_about (gw_gap_reckoning_get (r, GW_DECOMP_ALL, top[0]));
      g_autofree char *l0 = in_sentence (d->causes[top[0]].name);

      if (top[1] != G_MAXUINT)
        {
          g_autofree char *n1 = gw_decomp_format_about (gw_gap_reckoning_get (r, GW_DECOMP_ALL, top[1]));
          g_autofree char *l1 = in_sentence (d->causes[top[1]].name);

          /* Translators: ", 70 of them from circulatory diseases and 40 from
           * cancer" */
          g_string_printf (causes, _(", %s of them from %s and %s from %s"), n0, l0, n1, l1);
        }
      else
        /* Translators: ", 70 of them from circulatory diseases" */
        g_string_printf (causes, _(", %s of them from %s"), n0, l0);
    }
  /* Translators: "About 160 fewer deaths a year, 70 of them from circulatory
   * diseases and 40 from cancer, would bring men’s life expectancy to 78.9
   * years." */
  return g_strdup_printf (_("About %s fewer deaths a year%s, would bring %s’s life expectancy to %s years."),
                          total, causes->str, gw_chart_sex_word (d->request.sex), value);
}

/* --- the snapshot ------------------------------------------------------------ */

/* The category of a cause id, added when new: the sexes may list different
 * causes (only those with deaths), and one cause keeps one colour. */
static guint
category_of (GPtrArray  *ids,
             GPtrArray  *labels,
             GArray     *series,
             const char *id,
             const char *name)
{
  guint n_named = 0;

  for (guint i = 0; i < ids->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (ids, i), id))
        return i;
    }
  for (guint i = 0; i < series->len; i++)
    n_named += g_array_index (series, guint, i) != GW_CHART_SERIES_NEUTRAL;
  g_ptr_array_add (ids, g_strdup (id));
  g_ptr_array_add (labels, g_strdup (name));
  {
    guint k = g_str_equal (id, GW_GAP_CAUSE_NOT_SPECIFIED) ? GW_CHART_SERIES_NEUTRAL : n_named;

    g_array_append_val (series, k);
  }
  return ids->len - 1;
}

static Decomp *
decomp_new (const GwChartDecompInput *input,
            GError                  **error)
{
  g_autoptr(GPtrArray) panels = g_ptr_array_new_with_free_func ((GDestroyNotify) decomp_panel_free);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GArray) series = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) maps = g_ptr_array_new_with_free_func (g_free);
  const GwGapDecomp *first = NULL;
  Decomp *d = g_new0 (Decomp, 1);

  /* categories first (their number sizes the cells), then the numbers */
  for (guint i = 0; i < input->n_sexes && i < G_N_ELEMENTS (input->sexes); i++)
    {
      const GwGapDecomp *src = input->sexes[i].decomp;
      guint *map;

      if (src == NULL)
        continue;
      if (first == NULL)
        first = src;
      g_return_val_if_fail (src->n_bands == first->n_bands, NULL);
      map = g_new (guint, src->n_causes);
      for (guint c = 0; c < src->n_causes; c++)
        map[c] = is_top (src, c) ? category_of (ids, labels, series, src->causes[c].id, src->causes[c].name)
                                 : G_MAXUINT;
      g_ptr_array_add (maps, map);
    }
  if (first == NULL)
    {
      g_ptr_array_set_free_func (labels, g_free);
      g_free (d);
      g_set_error_literal (error, GW_CHART_ERROR, GW_CHART_ERROR_NO_DATA,
                           _("No gap by age and cause to draw: there is no decomposition"));
      return NULL;
    }
  d->n_cats = ids->len;
  d->n_bands = first->n_bands;
  d->subject = g_strdup (first->subject_name);
  d->comparator = g_strdup (first->comparator_name);
  d->period = first->request.period;
  g_ptr_array_add (labels, NULL);
  d->cat_labels = (char **) g_ptr_array_free (g_steal_pointer (&labels), FALSE);
  d->cat_series = (guint *) g_array_free (g_steal_pointer (&series), FALSE);
  d->cat_shown = g_new0 (gboolean, d->n_cats);

  for (guint i = 0, m = 0; i < input->n_sexes && i < G_N_ELEMENTS (input->sexes); i++)
    {
      const GwGapDecomp *src = input->sexes[i].decomp;
      const guint *map;
      DecompPanel *p;

      if (src == NULL)
        continue;
      map = g_ptr_array_index (maps, m++);
      p = g_new0 (DecompPanel, 1);
      p->sex = src->request.sex;
      p->e0_area = src->e0_area;
      p->e0_comparator = src->e0_comparator;
      p->gap = -gw_gap_decomp_get (src, GW_DECOMP_ALL, GW_DECOMP_ALL);
      p->cells = g_new0 (double, d->n_bands * MAX (d->n_cats, 1));
      p->by_cause = g_new0 (double, MAX (d->n_cats, 1));
      p->by_band = g_new0 (double, d->n_bands);
      for (guint x = 0; x < d->n_bands; x++)
        p->by_band[x] = -gw_gap_decomp_get (src, x, GW_DECOMP_ALL);
      for (guint c = 0; c < src->n_causes; c++)
        {
          if (map[c] == G_MAXUINT)
            continue;
          for (guint x = 0; x < d->n_bands; x++)
            {
              double v = -gw_gap_decomp_get (src, x, c);

              p->cells[x * d->n_cats + map[c]] = v;
              d->cat_shown[map[c]] |= fabs (v) > NEGLIGIBLE;
            }
          p->by_cause[map[c]] = -gw_gap_decomp_get (src, GW_DECOMP_ALL, c);
        }
      g_ptr_array_add (panels, p);
    }

  d->band_ticks = gw_ticks_new ();
  for (guint x = 0; x < d->n_bands; x++)
    {
      GwTick t = { x, g_strdup (gw_age_band_to_string (first->bands[x])) };

      g_array_append_val (d->band_ticks, t);
    }
  d->panels = g_steal_pointer (&panels);
  return d;
}

/* Title, subtitle, legend, description and source, shared by both charts. */
static void
decomp_frame (GwChart                  *chart,
              Decomp                   *d,
              const GwChartDecompInput *input,
              gboolean                  by_age)
{
  g_autofree char *period = gw_chart_format_period (d->period);
  g_autoptr(GString) desc = g_string_new (NULL);

  chart->title = by_age
    /* Translators: chart title, "The gap by age and cause: Blackpool" */
    ? g_strdup_printf (_("The gap by age and cause: %s"), d->subject)
    /* Translators: chart title, "Why the gap: Blackpool" */
    : g_strdup_printf (_("Why the gap: %s"), d->subject);
  /* Translators: subtitle, "Years of life expectancy below England, 2004–2006
   * (Arriaga’s decomposition)" */
  chart->subtitle = g_strdup_printf (_("Years of life expectancy below %s, %s (Arriaga’s decomposition)"),
                                     d->comparator, period);
  for (guint c = 0; c < d->n_cats; c++)
    if (d->cat_shown[c])
      gw_legend_add_fill (chart->legend, d->cat_labels[c], d->cat_series[c]);

  g_string_append_printf (desc, by_age
                          /* Translators: the start of a chart's description for screen readers */
                          ? _("Chart of the gap in life expectancy between %s and %s in %s by cause and age. ")
                          : _("Chart of the gap in life expectancy between %s and %s in %s by cause. "),
                          d->subject, d->comparator, period);
  for (guint i = 0; i < d->panels->len; i++)
    {
      const DecompPanel *p = g_ptr_array_index (d->panels, i);
      g_autofree char *gap = format_years (p->gap);
      gboolean first = TRUE;

      /* Translators: "Men: a gap of 2.71 years" */
      g_string_append_printf (desc, _("%s: a gap of %s years"), gw_chart_sex_label (p->sex), gap);
      for (guint c = 0; c < d->n_cats; c++)
        {
          g_autofree char *v = NULL, *share = NULL;

          if (!d->cat_shown[c])
            continue;
          v = format_years (p->by_cause[c]);
          share = gw_chart_format_number (p->gap != 0 ? p->by_cause[c] / p->gap * 100 : 0, 0, FALSE);
          /* Translators: "; circulatory diseases 1.10 (41%)" */
          g_string_append_printf (desc, first ? _(": %s %s (%s%%)") : _("; %s %s (%s%%)"),
                                  d->cat_labels[c], v, share);
          first = FALSE;
        }
      g_string_append (desc, ". ");
    }
  g_strchomp (desc->str);
  chart->description = g_strdup (desc->str);
  chart->source = input->dataset != NULL ? gw_chart_source_text (input->dataset) : g_strdup ("");
}

/* A tooltip for a segment: "Men, circulatory disease, 45–49: 0.21 of the
 * 2.71 years (8%)" */
static char *
segment_text (const Decomp      *d,
              const DecompPanel *p,
              guint              cat,
              guint              band,
              double             v)
{
  g_autofree char *years = format_years (v), *gap = format_years (p->gap);
  g_autofree char *share = gw_chart_format_number (p->gap != 0 ? v / p->gap * 100 : 0, 0, FALSE);
  g_autofree char *label = in_sentence (d->cat_labels[cat]);

  if (band == G_MAXUINT)
    /* Translators: "Men, circulatory disease: 1.10 of the 2.71 years (41%)" */
    return g_strdup_printf (_("%s, %s: %s of the %s years (%s%%)"), gw_chart_sex_label (p->sex), label,
                            years, gap, share);
  /* Translators: "Men, circulatory disease, ages 45–49: 0.21 of the 2.71
   * years (8%)" */
  return g_strdup_printf (_("%s, %s, ages %s: %s of the %s years (%s%%)"), gw_chart_sex_label (p->sex), label,
                          g_array_index (d->band_ticks, GwTick, band).label, years, gap, share);
}

/* --- the scarf ------------------------------------------------------------------ */

static void
paint_scarf (GwChart           *chart,
             GwCanvas          *c,
             const GwChartRect *body)
{
  Decomp *d = chart->data;
  const double s = c->s;
  guint n = d->panels->len;
  double lo = 0, hi = 0, label_w = 0, tick_h, axis_h, row_h, bar_h, left, right, top, bottom, step;
  g_autoptr(GArray) ticks = NULL;
  GwPanelFrame pf = { 0 };

  /* one scale for every sex: the bars compare */
  for (guint i = 0; i < n; i++)
    {
      const DecompPanel *p = g_ptr_array_index (d->panels, i);
      double pos = 0, neg = 0;

      for (guint k = 0; k < d->n_cats; k++)
        if (p->by_cause[k] > 0)
          pos += p->by_cause[k];
        else
          neg += p->by_cause[k];
      lo = MIN (lo, neg);
      hi = MAX (hi, pos);
    }
  if (hi - lo < 1e-6)
    hi = lo + 1;

  /* the sex and its gap at the left of each bar */
  for (guint i = 0; i < n; i++)
    {
      const DecompPanel *p = g_ptr_array_index (d->panels, i);
      g_autofree char *gap = format_years (p->gap);
      /* Translators: beside a bar of the scarf, "Women\n1.98 years" */
      g_autofree char *text = g_strdup_printf (_("%s\n%s years"), gw_chart_sex_label (p->sex), gap);
      g_autoptr(PangoLayout) l = gw_canvas_layout (c, text, GW_PT_PANEL, FALSE, -1, 2);
      double w;

      gw_canvas_layout_size (l, &w, NULL);
      label_w = MAX (label_w, w);
    }
  tick_h = gw_canvas_line_height (c, GW_PT_TICK, FALSE);
  axis_h = gw_canvas_line_height (c, GW_PT_AXIS, FALSE);
  left = body->x + MIN (label_w, body->width * 0.3) + 8 * s;
  right = body->x + body->width - 12 * s;
  top = body->y;
  bottom = body->y + body->height - axis_h - tick_h - 8 * s;
  if (right - left < 40 * s || bottom - top < 20 * s)
    return;
  /* bars no thicker than a finger on the page, centred in their rows */
  row_h = (bottom - top) / n;
  bar_h = MIN (row_h * 0.6, 60 * s);

  step = gw_axis_nice_step (lo, hi, (guint) CLAMP ((right - left) / (60 * s), 2, 8));
  ticks = gw_axis_ticks (&lo, &hi, step, TRUE, NULL);
  pf.area = *body;
  pf.plot = (GwChartRect) { left, top, right - left, bottom - top };
  pf.x = (GwAxis) { lo, hi, left, right };
  /* rows from 0 at the top */
  pf.y = (GwAxis) { -0.5, n - 0.5, top, bottom };

  /* grid, axis and tick labels */
  gw_canvas_set_line (c, GW_CHART_ROLE_GRID, 0.75, GW_DASH_SOLID);
  for (guint t = 0; t < ticks->len; t++)
    gw_canvas_vline (c, gw_axis_map (&pf.x, g_array_index (ticks, GwTick, t).value), top, bottom);
  gw_canvas_set_line (c, GW_CHART_ROLE_FOREGROUND, 0.9, GW_DASH_SOLID);
  gw_canvas_hline (c, left, right, bottom);
  for (guint t = 0; t < ticks->len; t++)
    {
      const GwTick *tick = &g_array_index (ticks, GwTick, t);
      g_autoptr(PangoLayout) l = gw_canvas_layout (c, tick->label, GW_PT_TICK, FALSE, -1, 1);
      double x = gw_axis_map (&pf.x, tick->value);

      gw_canvas_vline (c, x, bottom, bottom + 3 * s);
      gw_canvas_show (c, l, x, bottom + 4 * s, 0.5, 0, GW_CHART_ROLE_MUTED);
    }
  {
    /* Translators: the scarf's axis, "Years of the gap to England" */
    g_autofree char *title = g_strdup_printf (_("Years of the gap to %s"), d->comparator);
    g_autoptr(PangoLayout) l = gw_canvas_layout (c, title, GW_PT_AXIS, FALSE, body->width, 1);

    gw_canvas_show_centred (c, l, (left + right) / 2, body->y + body->height, 1.0, body,
                            GW_CHART_ROLE_FOREGROUND);
  }

  for (guint i = 0; i < n; i++)
    {
      const DecompPanel *p = g_ptr_array_index (d->panels, i);
      double cy = gw_axis_map (&pf.y, i), y0 = cy - bar_h / 2;
      double pos = 0, neg = 0;
      g_autofree char *gap = format_years (p->gap);
      g_autofree char *text = g_strdup_printf (_("%s\n%s years"), gw_chart_sex_label (p->sex), gap);
      g_autoptr(PangoLayout) l = gw_canvas_layout (c, text, GW_PT_PANEL, FALSE, left - body->x - 6 * s, 2);

      pango_layout_set_alignment (l, PANGO_ALIGN_RIGHT);
      gw_canvas_show (c, l, left - 8 * s, cy, 1.0, 0.5, GW_CHART_ROLE_FOREGROUND);

      for (guint k = 0; k < d->n_cats; k++)
        {
          double v = p->by_cause[k], a, b;
          GwChartRect r;

          if (!d->cat_shown[k] || fabs (v) <= NEGLIGIBLE)
            continue;
          if (v > 0)
            {
              a = gw_axis_map (&pf.x, pos);
              b = gw_axis_map (&pf.x, pos + v);
              pos += v;
            }
          else
            {
              b = gw_axis_map (&pf.x, neg);
              a = gw_axis_map (&pf.x, neg + v);
              neg += v;
            }
          r = (GwChartRect) { a, y0, b - a, bar_h };
          gw_canvas_fill_series (c, d->cat_series[k], &r);
          /* a hairline of background between segments */
          gw_canvas_set_line (c, GW_CHART_ROLE_BACKGROUND, 1.0, GW_DASH_SOLID);
          gw_canvas_vline (c, b, y0, y0 + bar_h);
          gw_canvas_add_mark (c, &r, segment_text (d, p, k, G_MAXUINT, v));

          /* years and share inside the segment, as the Segment Tool has
           * them; the share alone, or nothing, where they do not fit */
          {
            g_autofree char *years = format_years (v);
            g_autofree char *share = gw_chart_format_number (p->gap != 0 ? v / p->gap * 100 : 0, 0, FALSE);
            /* Translators: inside a segment of the scarf, "1.10\n41%" */
            g_autofree char *both = g_strdup_printf (_("%s\n%s%%"), years, share);
            g_autofree char *pct = g_strconcat (share, "%", NULL);
            const char *tries[] = { both, years, pct };

            for (guint t = 0; t < G_N_ELEMENTS (tries); t++)
              {
                g_autoptr(PangoLayout) sl = gw_canvas_layout (c, tries[t], GW_PT_NOTE, FALSE, -1, 2);
                double w, h;

                pango_layout_set_alignment (sl, PANGO_ALIGN_CENTER);
                gw_canvas_layout_size (sl, &w, &h);
                if (w + 4 * s <= r.width && h + 2 * s <= r.height
                    && gw_canvas_show_on_series (c, sl, r.x + r.width / 2, cy, 0.5, 0.5, d->cat_series[k]))
                  break;
              }
          }
        }
      /* zero: England */
      if (lo < 0)
        {
          gw_canvas_set_line (c, GW_CHART_ROLE_COMPARATOR, 1.0, GW_DASH_SOLID);
          gw_canvas_vline (c, gw_axis_map (&pf.x, 0), y0 - 4 * s, y0 + bar_h + 4 * s);
        }
    }
  g_array_append_val (c->frame->panels, pf);
}

/* Either chart: the snapshot, the frame, and the kind's painter. */
static GwChart *
decomp_chart_new (GwChartKind               kind,
                  GwChartPaintFunc          paint,
                  const GwChartDecompInput *input,
                  GError                  **error)
{
  g_autoptr(GwChart) chart = NULL;
  Decomp *d;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  d = decomp_new (input, error);
  if (d == NULL)
    return NULL;
  chart = gw_chart_new_internal (kind);
  chart->data = d;
  chart->data_free = (GDestroyNotify) decomp_free;
  chart->paint_body = paint;
  chart->keep_legend = TRUE;
  decomp_frame (chart, d, input, kind == GW_CHART_AGE_CAUSE);
  return g_steal_pointer (&chart);
}

/**
 * gw_chart_new_scarf:
 * @input: the decompositions and their names
 * @error: GW_CHART_ERROR_NO_DATA when no sex has one
 *
 * Returns: (transfer full): the chart, or NULL with @error set
 */
GwChart *
gw_chart_new_scarf (const GwChartDecompInput *input,
                    GError                  **error)
{
  return decomp_chart_new (GW_CHART_SCARF, paint_scarf, input, error);
}

/* --- the gap by age and cause ------------------------------------------------------ */

static void
paint_age_cause (GwChart           *chart,
                 GwCanvas          *c,
                 const GwChartRect *body)
{
  Decomp *d = chart->data;
  guint n = d->panels->len;
  GwChartRect areas[3];
  gboolean side = n > 1 && body->width / n > body->height * 1.1;
  double lo = 0, hi = 0;

  /* one y scale for every sex: the bars compare across panels */
  for (guint i = 0; i < n; i++)
    {
      const DecompPanel *p = g_ptr_array_index (d->panels, i);

      for (guint x = 0; x < d->n_bands; x++)
        {
          double pos = 0, neg = 0;

          for (guint k = 0; k < d->n_cats; k++)
            if (cell (d, p, x, k) > 0)
              pos += cell (d, p, x, k);
            else
              neg += cell (d, p, x, k);
          lo = MIN (lo, neg);
          hi = MAX (hi, pos);
        }
    }

  gw_panels_split (body, n, (side ? 18 : 10) * c->s, side, areas);
  for (guint i = 0; i < n; i++)
    {
      const DecompPanel *p = g_ptr_array_index (d->panels, i);
      g_autofree char *gap = format_years (p->gap);
      /* Translators: a panel's title, "Men: a gap of 2.71 years" */
      g_autofree char *title = g_strdup_printf (_("%s: a gap of %s years"), gw_chart_sex_label (p->sex), gap);
      GwXYPanelSpec spec = { 0 };
      GwPanelFrame pf;
      double band_w;

      spec.title = title;
      spec.title_role = GW_CHART_ROLE_FOREGROUND;
      spec.x_title = _("Age band");
      spec.y_title = _("Years of the gap");
      spec.y_lo = lo;
      spec.y_hi = hi;
      spec.x_ticks = d->band_ticks;
      spec.x_lo = -0.6;
      spec.x_hi = d->n_bands - 0.4;
      if (!gw_xy_panel_paint (c, &areas[i], &spec, &pf))
        continue;

      band_w = (gw_axis_map (&pf.x, 1) - gw_axis_map (&pf.x, 0)) * 0.72;
      for (guint x = 0; x < d->n_bands; x++)
        {
          double cx = gw_axis_map (&pf.x, x), pos = 0, neg = 0;

          for (guint k = 0; k < d->n_cats; k++)
            {
              double v = cell (d, p, x, k), y0, y1;
              GwChartRect r;

              if (!d->cat_shown[k] || fabs (v) <= NEGLIGIBLE)
                continue;
              if (v > 0)
                {
                  y0 = gw_axis_map (&pf.y, pos + v);
                  y1 = gw_axis_map (&pf.y, pos);
                  pos += v;
                }
              else
                {
                  y0 = gw_axis_map (&pf.y, neg);
                  y1 = gw_axis_map (&pf.y, neg + v);
                  neg += v;
                }
              r = (GwChartRect) { cx - band_w / 2, y0, band_w, y1 - y0 };
              gw_canvas_fill_series (c, d->cat_series[k], &r);
              gw_canvas_add_mark (c, &r, segment_text (d, p, k, x, v));
            }
        }
      /* the zero line over the bars' feet: England */
      gw_canvas_set_line (c, GW_CHART_ROLE_COMPARATOR, 0.9, GW_DASH_SOLID);
      gw_canvas_hline (c, pf.plot.x, pf.plot.x + pf.plot.width, gw_axis_map (&pf.y, 0));
    }
}

/**
 * gw_chart_new_age_cause:
 * @input: the decompositions and their names
 * @error: GW_CHART_ERROR_NO_DATA when no sex has one
 *
 * Returns: (transfer full): the chart, or NULL with @error set
 */
GwChart *
gw_chart_new_age_cause (const GwChartDecompInput *input,
                        GError                  **error)
{
  return decomp_chart_new (GW_CHART_AGE_CAUSE, paint_age_cause, input, error);
}
