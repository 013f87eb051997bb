/* gw-report-summary.c: the board summary, the exceptions on two pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Besides the full report (a page or more per area), a board wants the
 * exceptions: the target and the date of the data, the group's figures,
 * the member areas counted by status, the areas whose status changed since
 * the last export, and the areas off track with the tracker's reason for
 * each, the furthest off first.  It is a GwReport like the full one (the
 * same painter entry, fonts, tables, running header, footer and tagged
 * structure, gw-report.c), with its own pages drawn here.
 *
 * The pages are a flow of blocks: a block that does not fit goes to the
 * next page, a table is cut between rows (never inside an area's rows) and
 * its heading row repeats; there are never more than SUMMARY_PAGES pages,
 * so what does not fit on the last is counted in a line "and N more — see
 * the full report".  The same flow measures (to count the pages) and draws.
 */
#include "gw-config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "gw-chart-private.h"
#include "gw-report-private.h"

#define SUMMARY_PAGES   2
#define BLOCK_GAP      12.0
/* the changes are listed before the areas off track: no more than this
 * many, so that the areas off track keep their room */
#define MAX_CHANGES    16

typedef struct
{
  const GwTrackerRow *before;
  const GwTrackerRow *now;
  guint               order;   /* in the result's rows */
} Change;

struct _GwReportExceptions
{
  GwTrackerResult *earlier;       /* the data as of the previous export, or NULL */
  char            *earlier_note;  /* why there is no comparison, or NULL */
  char            *earlier_date;  /* "1 March 2007", or NULL */
  GArray          *changes;       /* Change, rows borrowed from the results */
  GPtrArray       *off;           /* GwTrackerRow off track, an area's together, the furthest off area first */
  guint            n_off_areas;
  guint            n_new;         /* member areas with too little data (or none) before, a status now */
  /* the pages counted for this size */
  double           width, height;
  guint            n_pages;
};

void
_gw_report_exceptions_free (GwReportExceptions *ex)
{
  g_clear_object (&ex->earlier);
  g_free (ex->earlier_note);
  g_free (ex->earlier_date);
  g_clear_pointer (&ex->changes, g_array_unref);
  g_clear_pointer (&ex->off, g_ptr_array_unref);
  g_free (ex);
}

/* --- what the summary says ------------------------------------------------ */

/* How far off track a row is: the projected gap (the latest for a target
 * period already observed) beyond the target gap, in the gap's unit. */
static double
how_far_off (const GwTrackerRow *r)
{
  double v = isfinite (r->projected_gap) ? r->projected_gap : r->latest_gap;

  return isfinite (v) && isfinite (r->target_gap) ? v - r->target_gap : -INFINITY;
}

typedef struct
{
  guint  first;     /* its first row in the result's rows */
  guint  n;
  double off;       /* its furthest-off row's */
} OffArea;

static int
compare_off_areas (gconstpointer a,
                   gconstpointer b)
{
  const OffArea *x = a, *y = b;

  if (x->off != y->off)
    return x->off > y->off ? -1 : 1;
  /* ties in area order */
  return x->first < y->first ? -1 : x->first > y->first;
}

/* The member rows off track, grouped by area, the furthest off first. */
static void
take_off_track (GwReportExceptions *ex,
                GPtrArray          *rows)
{
  g_autoptr(GArray) areas = g_array_new (FALSE, FALSE, sizeof (OffArea));

  for (guint i = 0; i < rows->len;)
    {
      const GwTrackerRow *r = g_ptr_array_index (rows, i);
      OffArea a = { i, 0, -INFINITY };
      guint j;

      for (j = i; j < rows->len; j++)
        {
          const GwTrackerRow *s = g_ptr_array_index (rows, j);

          if (s->is_group != r->is_group || s->subject != r->subject)
            break;
          if (!s->is_group && s->status == GW_STATUS_OFF_TRACK)
            {
              a.n++;
              a.off = MAX (a.off, how_far_off (s));
            }
        }
      if (a.n > 0)
        g_array_append_val (areas, a);
      i = j;
    }
  g_array_sort (areas, compare_off_areas);
  ex->off = g_ptr_array_new ();
  ex->n_off_areas = areas->len;
  for (guint k = 0; k < areas->len; k++)
    {
      const OffArea *a = &g_array_index (areas, OffArea, k);

      for (guint j = a->first; j < rows->len; j++)
        {
          const GwTrackerRow *s = g_ptr_array_index (rows, j);

          if (s->is_group != ((GwTrackerRow *) g_ptr_array_index (rows, a->first))->is_group
              || s->subject != ((GwTrackerRow *) g_ptr_array_index (rows, a->first))->subject)
            break;
          if (s->status == GW_STATUS_OFF_TRACK)
            g_ptr_array_add (ex->off, (gpointer) s);
        }
    }
}

/* What a board must see first: what went off track, then what came back
 * on track, then the rest; each in area order. */
static guint
change_rank (const Change *c)
{
  return c->now->status == GW_STATUS_OFF_TRACK ? 0 : c->before->status == GW_STATUS_OFF_TRACK ? 1 : 2;
}

static int
compare_changes (gconstpointer a,
                 gconstpointer b)
{
  const Change *x = a, *y = b;
  guint rx = change_rank (x), ry = change_rank (y);

  if (rx != ry)
    return rx < ry ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

/* The rows (the group's and the members') whose status is not what it was
 * in earlier, matched by code and sex, in the current result's order. */
static void
take_changes (GwReportExceptions *ex,
              GPtrArray          *rows)
{
  GPtrArray *before = gw_tracker_result_get_rows (ex->earlier);
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) new_areas = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < before->len; i++)
    {
      const GwTrackerRow *r = g_ptr_array_index (before, i);

      g_hash_table_insert (index, g_strdup_printf ("%d:%s:%d", r->is_group, r->code, r->sex), (gpointer) r);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const GwTrackerRow *r = g_ptr_array_index (rows, i);
      g_autofree char *key = g_strdup_printf ("%d:%s:%d", r->is_group, r->code, r->sex);
      const GwTrackerRow *b = g_hash_table_lookup (index, key);
      Change c = { b, r, i };

      /* An area that could not be tracked before and can now is counted,
       * not listed: the earlier exports may have lacked what every area
       * needs (the samples' populations), and a board wants the areas that
       * moved between on and off track. */
      if ((b == NULL || b->status == GW_STATUS_INSUFFICIENT_DATA) && r->status != GW_STATUS_INSUFFICIENT_DATA)
        {
          if (!r->is_group)
            g_hash_table_add (new_areas, GUINT_TO_POINTER (r->subject));
        }
      else if (b != NULL && b->status != r->status)
        g_array_append_val (ex->changes, c);
    }
  ex->n_new = g_hash_table_size (new_areas);
  g_array_sort (ex->changes, compare_changes);
}

/* "Off track: the trend …": the tracker's reason as a sentence. */
static char *
capitalised (const char *text)
{
  char first[8] = { 0, };

  if (text == NULL || *text == '\0')
    return g_strdup ("");
  g_unichar_to_utf8 (g_unichar_totitle (g_utf8_get_char (text)), first);
  return g_strconcat (first, g_utf8_next_char (text), NULL);
}

/* A name that never breaks in a narrow column: its spaces made no-break. */
static char *
unbroken (const char *text)
{
  g_auto(GStrv) words = g_strsplit (text != NULL ? text : "", " ", -1);

  return g_strjoinv ("\xc2\xa0", words);
}

/* The reason of a row off track in the list of areas off track: without
 * the "off track: " the heading already says, so that it keeps to a line. */
static char *
off_track_reason (const GwTrackerRow *r)
{
  g_autofree char *prefix = g_strconcat (gw_chart_status_label (GW_STATUS_OFF_TRACK), ": ", NULL);
  const char *text = r->reason_text != NULL ? r->reason_text : "";

  if (g_str_has_prefix (text, prefix))
    text += strlen (prefix);
  return capitalised (text);
}

/* --- the flow of blocks over the pages -------------------------------------- */

typedef struct
{
  Page   *pg;
  gint    paint;    /* the page drawn, or -1 to measure */
  guint   page;
  double  y;
} Flow;

static gboolean
flow_painting (Flow *f)
{
  return (gint) f->page == f->paint;
}

static gboolean
flow_last_page (Flow *f)
{
  return f->page + 1 >= SUMMARY_PAGES;
}

static void
flow_next_page (Flow *f)
{
  f->page++;
  f->y = f->pg->top;
}

/* Whether h points fit here, else on the next page (then moved there). */
static gboolean
flow_room (Flow   *f,
           double  h)
{
  if (f->y + h <= f->pg->bottom)
    return TRUE;
  if (flow_last_page (f))
    return FALSE;
  flow_next_page (f);
  return f->y + h <= f->pg->bottom;
}

static void
flow_paragraph (Flow       *f,
                const char *text,
                double      size,
                gboolean    bold,
                GwChartRole role,
                double      after)
{
  double h = _gw_report_paragraph (f->pg, text, size, bold, role, f->pg->x, 0, f->pg->cw, FALSE);

  if (!flow_room (f, h))
    return;
  _gw_report_paragraph (f->pg, text, size, bold, role, f->pg->x, f->y, f->pg->cw, flow_painting (f));
  f->y += h + after;
}

/* A table's rows before they are cut onto pages: cells and the area each
 * row belongs to (a cut never separates an area's rows). */
typedef struct
{
  const Column *cols;
  guint         n_cols;
  gint          status_col;
  GPtrArray    *cells;      /* GStrv a row */
  GArray       *status;     /* gint a row */
  GArray       *group;      /* guint a row */
} Source;

static void
source_init (Source       *src,
             const Column *cols,
             guint         n_cols,
             gint          status_col)
{
  src->cols = cols;
  src->n_cols = n_cols;
  src->status_col = status_col;
  src->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  src->status = g_array_new (FALSE, FALSE, sizeof (gint));
  src->group = g_array_new (FALSE, FALSE, sizeof (guint));
}

static void
source_clear (Source *src)
{
  g_ptr_array_unref (src->cells);
  g_array_unref (src->status);
  g_array_unref (src->group);
}

/* Takes cells (n_cols strings). */
static void
source_add (Source  *src,
            gint     status,
            guint    group,
            GStrv    cells)
{
  g_ptr_array_add (src->cells, cells);
  g_array_append_val (src->status, status);
  g_array_append_val (src->group, group);
}

static GArray *
source_rows (Source *src,
             guint   from,
             guint   to)
{
  GArray *rows = _gw_report_table_new ();

  for (guint i = from; i < to; i++)
    {
      TableRow row = { g_strdupv (g_ptr_array_index (src->cells, i)), g_array_index (src->status, gint, i), FALSE };

      g_array_append_val (rows, row);
    }
  return rows;
}

static double
source_height (Flow   *f,
               Source *src,
               guint   from,
               guint   to)
{
  g_autoptr(GArray) rows = source_rows (src, from, to);

  return _gw_report_table_draw (f->pg, src->cols, src->n_cols, rows, src->status_col, PT_TABLE,
                                f->pg->x, 0, f->pg->cw, FALSE);
}

/* The most rows from `from` that fit in avail (0 when not one does), cut
 * between areas. */
static guint
source_fit (Flow   *f,
            Source *src,
            guint   from,
            double  avail)
{
  guint n = src->cells->len, lo = 0, hi = n - from;

  /* the heights grow with the rows: the largest count that fits */
  while (lo < hi)
    {
      guint mid = (lo + hi + 1) / 2;

      if (source_height (f, src, from, from + mid) <= avail)
        lo = mid;
      else
        hi = mid - 1;
    }
  if (lo > 0 && from + lo < n)
    {
      guint cut = from + lo;
      guint group = g_array_index (src->group, guint, cut);

      while (cut > from && g_array_index (src->group, guint, cut - 1) == group)
        cut--;
      /* an area longer than a page is cut after all */
      if (cut > from)
        lo = cut - from;
    }
  return lo;
}

/* The groups (areas) of rows from `from` on. */
static guint
source_groups_from (Source *src,
                    guint   from)
{
  guint n = 0;

  for (guint i = from; i < src->cells->len; i++)
    n += i == from || g_array_index (src->group, guint, i) != g_array_index (src->group, guint, i - 1);
  return n;
}

/* "and 3 more …" of n areas left over */
typedef char *(*MoreFunc) (guint n);

/* The table with its heading above it, cut onto the pages; the areas left
 * over (at most max_rows rows are shown) are counted by more. */
static void
flow_table (Flow       *f,
            const char *heading,
            Source     *src,
            guint       max_rows,
            MoreFunc    more_text)
{
  guint n = MIN (src->cells->len, max_rows), i = 0;
  double head_h = _gw_report_heading (f->pg, "H2", heading, 0, FALSE) + 4;
  double more_h = _gw_report_paragraph (f->pg, "Ag", PT_BODY, FALSE, GW_CHART_ROLE_MUTED, f->pg->x, 0,
                                        f->pg->cw, FALSE) + 4;

  /* the heading with at least a row under it */
  if (!flow_room (f, head_h + source_height (f, src, 0, 1)))
    return;
  _gw_report_heading (f->pg, "H2", heading, f->y, flow_painting (f));
  f->y += head_h;

  while (i < n)
    {
      double avail = f->pg->bottom - f->y;
      guint m;

      if (flow_last_page (f))
        avail -= more_h;
      m = MIN (source_fit (f, src, i, avail), n - i);
      if (m > 0)
        {
          g_autoptr(GArray) rows = source_rows (src, i, i + m);

          f->y += _gw_report_table_draw (f->pg, src->cols, src->n_cols, rows, src->status_col, PT_TABLE,
                                         f->pg->x, f->y, f->pg->cw, flow_painting (f)) + 4;
          i += m;
        }
      if (i >= n || flow_last_page (f))
        break;
      flow_next_page (f);
      {
        /* Translators: above the rest of a table on the next page, "Off track: … (continued)" */
        g_autofree char *cont = g_strdup_printf (_("%s (continued)"), heading);

        flow_paragraph (f, cont, PT_BODY, TRUE, GW_CHART_ROLE_MUTED, 4);
      }
    }
  if (i < src->cells->len)
    {
      guint left = source_groups_from (src, i);
      g_autofree char *more = more_text (left);

      flow_paragraph (f, more, PT_BODY, FALSE, GW_CHART_ROLE_MUTED, 0);
    }
  f->y += BLOCK_GAP;
}

/* --- the blocks ------------------------------------------------------------- */

/* The sexes of the target, in the rows' order. */
static guint
target_sexes (GwReport *self,
              GwSex     sexes[3])
{
  guint n = 0;

  for (guint i = 0; i < self->rows->len && n < 3; i++)
    {
      GwSex sex = ((GwTrackerRow *) g_ptr_array_index (self->rows, i))->sex;
      gboolean seen = FALSE;

      for (guint k = 0; k < n; k++)
        seen = seen || sexes[k] == sex;
      if (seen)
        break;
      sexes[n++] = sex;
    }
  return n;
}

static void
flow_title (Flow *f)
{
  GwReport *self = f->pg->report;
  GwReportExceptions *ex = self->exceptions;
  Page *pg = f->pg;
  g_autofree char *subtitle = NULL, *target_text = NULL, *dates = NULL;
  gboolean paint = flow_painting (f);

  _gw_report_front_texts (self, &subtitle, &target_text);
  if (self->data_date != NULL && ex->earlier_date != NULL)
    /* Translators: the date of the latest export, of the one before, the day the summary was made */
    dates = g_strdup_printf (_("Data as at %s (the export before: %s) · summary produced %s"), self->data_date,
                             ex->earlier_date, self->produced);
  else if (self->data_date != NULL)
    /* Translators: the date of the latest export, then the day the summary was made */
    dates = g_strdup_printf (_("Data as at %s · summary produced %s"), self->data_date, self->produced);
  else
    dates = g_strdup_printf (_("Summary produced %s"), self->produced);

  f->y = MARGIN_TOP;
  f->y += _gw_report_paragraph (pg, _("Health inequalities board summary"), 9.5, TRUE, GW_CHART_ROLE_MUTED,
                                pg->x, f->y, pg->cw, paint) + 4;
  /* the running header's link on the next page leads here */
  if (paint)
    cairo_tag_begin (pg->cr, CAIRO_TAG_DEST, "name='summary'");
  pg->block_tag = "H1";
  f->y += _gw_report_paragraph (pg, self->target_title, PT_FRONT_TITLE - 4, TRUE, GW_CHART_ROLE_FOREGROUND,
                                pg->x, f->y, pg->cw, paint) + 3;
  pg->block_tag = NULL;
  if (paint)
    cairo_tag_end (pg->cr, CAIRO_TAG_DEST);
  f->y += _gw_report_paragraph (pg, subtitle, 12.5, FALSE, GW_CHART_ROLE_FOREGROUND, pg->x, f->y, pg->cw, paint) + 3;
  f->y += _gw_report_paragraph (pg, dates, 9, FALSE, GW_CHART_ROLE_MUTED, pg->x, f->y, pg->cw, paint) + 6;
  if (paint)
    _gw_report_hrule (pg, f->y, 1.0, GW_CHART_ROLE_FOREGROUND);
  f->y += 8;
  f->y += _gw_report_paragraph (pg, target_text, PT_BODY, FALSE, GW_CHART_ROLE_FOREGROUND, pg->x, f->y, pg->cw,
                                paint) + BLOCK_GAP;
}

static void
flow_group (Flow *f)
{
  GwReport *self = f->pg->report;
  g_autofree char *heading = g_strdup_printf (_("The %s"), self->group_name);
  g_autofree char *headline = NULL;
  double h;

  if (self->group_rows->len == 0)
    return;
  headline = _gw_report_group_headline (self);
  h = _gw_report_heading (f->pg, "H2", heading, 0, FALSE) + 4
      + _gw_report_paragraph (f->pg, headline, 10.5, TRUE, GW_CHART_ROLE_FOREGROUND, f->pg->x, 0, f->pg->cw, FALSE) + 4
      + _gw_report_figures_table (f->pg, self->group_rows, 0, FALSE);
  if (!flow_room (f, h))
    return;
  f->y += _gw_report_heading (f->pg, "H2", heading, f->y, flow_painting (f)) + 4;
  f->y += _gw_report_paragraph (f->pg, headline, 10.5, TRUE, GW_CHART_ROLE_FOREGROUND, f->pg->x, f->y, f->pg->cw,
                                flow_painting (f)) + 4;
  f->y += _gw_report_figures_table (f->pg, self->group_rows, f->y, flow_painting (f)) + BLOCK_GAP;
}

/* The member areas by status, a count per sex with how many of them are
 * clear and how many too close to call; then the areas by sexes as the
 * window's strip and `gapwatch-cli track --summary` count them. */
static void
flow_counts (Flow *f)
{
  GwReport *self = f->pg->report;
  const GwTrackerSummary *s = &self->summary;
  static const GwTargetStatus statuses[] = {
    GW_STATUS_ON_TRACK, GW_STATUS_OFF_TRACK, GW_STATUS_NO_GAP, GW_STATUS_INSUFFICIENT_DATA,
  };
  GwSex sexes[3];
  guint n_sexes = target_sexes (self, sexes);
  guint counts[G_N_ELEMENTS (statuses) + 1][3][3] = { 0, };   /* status (+ all), sex, all/clear/uncertain */
  g_autoptr(GPtrArray) headings = g_ptr_array_new_with_free_func (g_free);
  g_autofree Column *cols = g_new0 (Column, 1 + 3 * n_sexes);
  g_autoptr(GArray) table = _gw_report_table_new ();
  g_autofree char *heading = g_strdup_printf (_("The %u member areas"), self->n_members);
  g_autofree char *by_area = NULL;
  double h;

  for (guint i = 0; i < self->rows->len; i++)
    {
      const GwTrackerRow *r = g_ptr_array_index (self->rows, i);

      if (r->is_group)
        continue;
      for (guint k = 0; k < n_sexes; k++)
        if (sexes[k] == r->sex)
          for (guint st = 0; st < G_N_ELEMENTS (statuses); st++)
            if (statuses[st] == r->status)
              {
                /* its status's line and the total's */
                const guint lines[] = { st, G_N_ELEMENTS (statuses) };

                for (guint t = 0; t < G_N_ELEMENTS (lines); t++)
                  {
                    counts[lines[t]][k][0]++;
                    counts[lines[t]][k][1] += r->certainty == GW_CERTAINTY_CLEAR;
                    counts[lines[t]][k][2] += r->certainty == GW_CERTAINTY_UNCERTAIN;
                  }
              }
    }

  cols[0] = (Column) { _("Status"), 2.2, FALSE };
  for (guint k = 0; k < n_sexes; k++)
    {
      g_ptr_array_add (headings, g_strdup (gw_chart_sex_label (sexes[k])));
      cols[1 + 3 * k] = (Column) { g_ptr_array_index (headings, headings->len - 1), 1, TRUE };
      /* Translators: a narrow table heading: of the areas counted, those whose status is clear */
      cols[2 + 3 * k] = (Column) { C_("certainty", "clear"), 1, TRUE };
      cols[3 + 3 * k] = (Column) { C_("certainty", "uncertain"), 1, TRUE };
    }
  for (guint st = 0; st <= G_N_ELEMENTS (statuses); st++)
    {
      g_autoptr(GPtrArray) cells = g_ptr_array_new ();
      gboolean all = st == G_N_ELEMENTS (statuses);
      TableRow row = { NULL, all ? -1 : (gint) statuses[st], all };

      g_ptr_array_add (cells, all ? g_strdup (_("All member areas")) : capitalised (gw_chart_status_label (statuses[st])));
      for (guint k = 0; k < n_sexes; k++)
        for (guint c = 0; c < 3; c++)
          g_ptr_array_add (cells, g_strdup_printf ("%u", counts[st][k][c]));
      g_ptr_array_add (cells, NULL);
      row.cells = (GStrv) g_ptr_array_free (g_steal_pointer (&cells), FALSE);
      g_array_append_val (table, row);
    }

  if (n_sexes > 1)
    /* Translators: the areas by sexes, as the window's summary strip counts them */
    by_area = g_strdup_printf (_("By area: %u on track (or with no gap) for men and for women, %u for men only, "
                                 "%u for women only and %u for neither; %u with too little data. %u of these "
                                 "areas have a status too close to call."),
                               s->both, s->men_only, s->women_only, s->neither, s->insufficient_data, s->uncertain);
  else
    by_area = g_strdup_printf (_("%u of these areas have a status too close to call."), s->uncertain);

  h = _gw_report_heading (f->pg, "H2", heading, 0, FALSE) + 4
      + _gw_report_table_draw (f->pg, cols, 1 + 3 * n_sexes, table, 0, PT_TABLE, f->pg->x, 0, f->pg->cw * 0.8, FALSE)
      + 4 + _gw_report_paragraph (f->pg, by_area, PT_BODY, FALSE, GW_CHART_ROLE_FOREGROUND, f->pg->x, 0, f->pg->cw,
                                  FALSE);
  if (!flow_room (f, h))
    return;
  f->y += _gw_report_heading (f->pg, "H2", heading, f->y, flow_painting (f)) + 4;
  f->y += _gw_report_table_draw (f->pg, cols, 1 + 3 * n_sexes, table, 0, PT_TABLE, f->pg->x, f->y, f->pg->cw * 0.8,
                                 flow_painting (f)) + 4;
  f->y += _gw_report_paragraph (f->pg, by_area, PT_BODY, FALSE, GW_CHART_ROLE_FOREGROUND, f->pg->x, f->y, f->pg->cw,
                                flow_painting (f)) + BLOCK_GAP;
}

/* A heading and a sentence under it, kept together. */
static void
flow_heading_note (Flow       *f,
                   const char *heading,
                   const char *note)
{
  double h = _gw_report_heading (f->pg, "H2", heading, 0, FALSE) + 4
             + _gw_report_paragraph (f->pg, note, PT_BODY, FALSE, GW_CHART_ROLE_FOREGROUND, f->pg->x, 0, f->pg->cw,
                                     FALSE);

  if (!flow_room (f, h))
    return;
  f->y += _gw_report_heading (f->pg, "H2", heading, f->y, flow_painting (f)) + 4;
  flow_paragraph (f, note, PT_BODY, FALSE, GW_CHART_ROLE_FOREGROUND, BLOCK_GAP);
}

static char *
more_changes (guint n)
{
  /* Translators: after the changes of status that fit */
  return g_strdup_printf (ngettext ("and %u more change of status", "and %u more changes of status", n), n);
}

static void
flow_changes (Flow *f)
{
  GwReport *self = f->pg->report;
  GwReportExceptions *ex = self->exceptions;
  g_autofree char *heading = NULL, *new_text = NULL;
  const Column cols[] = {
    { _("Area"), 2, FALSE },
    { _("Sex"), 0.6, FALSE },
    /* Translators: table headings: the status at the export before, and now */
    { _("Before"), 1.2, FALSE },
    { _("Now"), 1.2, FALSE },
  };
  Source src;

  if (ex->earlier == NULL)
    {
      flow_heading_note (f, _("Changes since the last export"),
                         ex->earlier_note != NULL ? ex->earlier_note : _("No earlier export to compare with."));
      return;
    }

  /* Translators: "Changes since the export of 1 March 2007" */
  heading = g_strdup_printf (_("Changes since the export of %s"), ex->earlier_date != NULL ? ex->earlier_date : "–");
  if (ex->n_new > 0)
    new_text = g_strdup_printf (ngettext ("%u area had too little data to track before and has a status now "
                                          "(not listed).",
                                          "%u areas had too little data to track before and have a status now "
                                          "(not listed).", ex->n_new), ex->n_new);
  if (ex->changes->len == 0)
    {
      g_autofree char *note = new_text != NULL ? g_strdup_printf ("%s %s", _("No area changed status."), new_text)
                                               : g_strdup (_("No area changed status."));

      flow_heading_note (f, heading, note);
      return;
    }

  source_init (&src, cols, G_N_ELEMENTS (cols), 3);
  for (guint i = 0; i < ex->changes->len; i++)
    {
      const Change *c = &g_array_index (ex->changes, Change, i);
      g_autoptr(GPtrArray) cells = g_ptr_array_new ();

      g_ptr_array_add (cells, unbroken (c->now->name));
      g_ptr_array_add (cells, g_strdup (gw_chart_sex_label (c->now->sex)));
      g_ptr_array_add (cells, _gw_report_status_text (c->before));
      g_ptr_array_add (cells, _gw_report_status_text (c->now));
      g_ptr_array_add (cells, NULL);
      source_add (&src, c->now->status, i, (GStrv) g_ptr_array_free (g_steal_pointer (&cells), FALSE));
    }
  flow_table (f, heading, &src, MAX_CHANGES, more_changes);
  source_clear (&src);
  if (new_text != NULL)
    {
      f->y -= BLOCK_GAP;
      flow_paragraph (f, new_text, PT_BODY, FALSE, GW_CHART_ROLE_FOREGROUND, BLOCK_GAP);
    }
}

static char *
more_off_track (guint n)
{
  /* Translators: after the areas off track that fit on the summary's pages */
  return g_strdup_printf (ngettext ("and %u more area off track — see the full report",
                                    "and %u more areas off track — see the full report", n), n);
}

static void
flow_off_track (Flow *f)
{
  GwReport *self = f->pg->report;
  GwReportExceptions *ex = self->exceptions;
  g_autofree char *heading = NULL;
  const Column cols[] = {
    { _("Area"), 1.3, FALSE },
    { _("Sex"), 0.4, FALSE },
    { _("Why"), 6, FALSE },
  };
  Source src;
  const GwTrackerRow *prev = NULL;
  guint group = 0;

  if (ex->n_off_areas == 0)
    {
      flow_paragraph (f, _("No member area is off track."), PT_BODY, TRUE, GW_CHART_ROLE_FOREGROUND, BLOCK_GAP);
      return;
    }
  /* Translators: "Off track: 57 of the 70 areas, the furthest off first" */
  heading = g_strdup_printf (ngettext ("Off track: %u of the %u areas, the furthest off first",
                                       "Off track: %u of the %u areas, the furthest off first", ex->n_off_areas),
                             ex->n_off_areas, self->n_members);
  source_init (&src, cols, G_N_ELEMENTS (cols), -1);
  for (guint i = 0; i < ex->off->len; i++)
    {
      const GwTrackerRow *r = g_ptr_array_index (ex->off, i);
      g_autoptr(GPtrArray) cells = g_ptr_array_new ();
      gboolean same = prev != NULL && prev->subject == r->subject;

      group += prev != NULL && !same;
      /* the area's name once, over its sexes */
      g_ptr_array_add (cells, same ? g_strdup ("") : unbroken (r->name));
      g_ptr_array_add (cells, g_strdup (gw_chart_sex_label (r->sex)));
      g_ptr_array_add (cells, off_track_reason (r));
      g_ptr_array_add (cells, NULL);
      source_add (&src, -1, group, (GStrv) g_ptr_array_free (g_steal_pointer (&cells), FALSE));
      prev = r;
    }
  flow_table (f, heading, &src, G_MAXUINT, more_off_track);
  source_clear (&src);
}

/* The whole summary: draws the blocks of page paint (-1: none); the pages it
 * takes. */
static guint
flow_all (Page *pg,
          gint  paint)
{
  Flow f = { pg, paint, 0, MARGIN_TOP };

  flow_title (&f);
  flow_group (&f);
  flow_counts (&f);
  flow_changes (&f);
  flow_off_track (&f);
  return f.page + 1;
}

guint
_gw_report_exceptions_n_pages (GwReport *self)
{
  GwReportExceptions *ex = self->exceptions;

  if (ex->n_pages == 0 || ex->width != self->page_width || ex->height != self->page_height)
    {
      /* measured on a surface of its own: the canvas's metrics are unhinted,
       * the same as on a PDF's or a printer's */
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      cairo_t *cr = cairo_create (surface);
      Page pg;

      _gw_report_page_begin (self, &pg, cr, self->page_width, self->page_height, 1.0);
      ex->n_pages = flow_all (&pg, -1);
      _gw_report_page_end (&pg);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      ex->width = self->page_width;
      ex->height = self->page_height;
    }
  return ex->n_pages;
}

void
_gw_report_exceptions_draw (Page  *pg,
                            guint  page)
{
  flow_all (pg, (gint) page);
}

/* --- public --------------------------------------------------------------- */

/**
 * gw_report_new_summary:
 * @result: the target tracked on the data as it is
 * @earlier: (nullable): the same target tracked on the data as of the
 *   previous export (gw_session_track_files() of gw_session_earlier_files())
 * @earlier_note: (nullable): when @earlier is %NULL, why: shown in its place
 *   (%NULL: "No earlier export to compare with.")
 * @error: %GW_REPORT_ERROR_NO_DATA when no member area has a value
 *
 * The board summary: at most two pages of exceptions (see gw-report.h).
 *
 * Returns: (transfer full): the summary, or %NULL with @error set
 */
GwReport *
gw_report_new_summary (GwTrackerResult  *result,
                       GwTrackerResult  *earlier,
                       const char       *earlier_note,
                       GError          **error)
{
  g_autoptr(GwReport) self = NULL;
  GwReportExceptions *ex;
  GwDataset *dataset;
  gboolean any = FALSE;

  g_return_val_if_fail (GW_IS_TRACKER_RESULT (result), NULL);
  g_return_val_if_fail (earlier == NULL || GW_IS_TRACKER_RESULT (earlier), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dataset = gw_tracker_result_get_dataset (result);
  self = g_object_new (GW_TYPE_REPORT, NULL);
  ex = self->exceptions = g_new0 (GwReportExceptions, 1);
  ex->changes = g_array_new (FALSE, FALSE, sizeof (Change));

  gw_dataset_read_lock (dataset);
  _gw_report_take_result (self, result);
  gw_dataset_read_unlock (dataset);
  /* Translators: the summary's title, "2010 life expectancy target: Spearhead Group — board summary" */
  g_free (self->title);
  self->title = g_strdup_printf (_("%s: %s — board summary"), self->target_title, self->group_name);

  for (guint i = 0; i < self->rows->len && !any; i++)
    {
      const GwTrackerRow *r = g_ptr_array_index (self->rows, i);

      any = !r->is_group && isfinite (r->latest_gap);
    }
  if (!any)
    {
      g_set_error_literal (error, GW_REPORT_ERROR, GW_REPORT_ERROR_NO_DATA,
                           _("The target’s group has no member areas with values"));
      return NULL;
    }

  take_off_track (ex, self->rows);
  if (earlier != NULL)
    {
      GwDataset *before = gw_tracker_result_get_dataset (earlier);

      ex->earlier = g_object_ref (earlier);
      gw_dataset_read_lock (before);
      if (gw_dataset_get_newest_generated (before) != NULL)
        ex->earlier_date = _gw_report_format_date (gw_dataset_get_newest_generated (before));
      gw_dataset_read_unlock (before);
      take_changes (ex, self->rows);
    }
  else
    ex->earlier_note = g_strdup (earlier_note);
  return g_steal_pointer (&self);
}
