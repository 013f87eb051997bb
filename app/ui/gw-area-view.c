/* gw-area-view.c: the figures and charts of the area selected in the table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the selected area (or the group): one sentence on whether it is on
 * track, the key figures of each sex side by side (gaps, target, projection,
 * the indicator's latest value with its confidence interval, the
 * comparator's), and the charts of app/render when the build has them: the
 * gap against its trajectory and target, and the indicator's trend.
 * Everything shown comes from the tracker's rows and the indicator engine;
 * nothing is computed here.
 */
#include "gw-config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "gw-area-view.h"
#include "gw-ui-text.h"

#include "gw-chart-view.h"
#include "gw-area-gap-why.h"
#include "gw-area-inequality.h"

struct _GwAreaView
{
  GtkWidget      parent_instance;

  /* template widgets */
  GtkLabel      *charts_heading;
  GtkBox        *charts_box;
  GtkBox        *content_box;
  GtkLabel      *figures_heading;
  GtkGrid       *figures_grid;
  GtkScrolledWindow *scrolled_window;
  GtkStack      *stack;
  GtkLabel      *subtitle_label;
  GtkLabel      *title_label;
  GtkLabel      *verdict_label;
  GtkLabel      *reason_label;

  /* owned */
  GwTrackerResult *result;
  GwDataset     *dataset;       /* the result's */
  GwTarget      *target;        /* the result's */
  GwTrackerItem *item;
  char          *unit;
  char          *palette;
  GPtrArray     *charts;        /* GwChartView, children of charts_box */
  GtkWidget     *charts_note;   /* why a chart is missing */
  GtkWidget     *gap_why;       /* GwAreaGapWhy: why the gap, what it would take */
  GtkWidget     *inequality;    /* GwAreaInequality, in content_box */
  double         confidence_level;

  /* borrowed: see gw_area_view_set_data() */
  GwIndicators  *indicators;
};

G_DEFINE_FINAL_TYPE (GwAreaView, gw_area_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PALETTE,
  PROP_CONFIDENCE_LEVEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The indicator's value for a subject, sex and period, or NULL. */
static const GwIndicatorValue *
find_value (GwAreaView *self,
            gboolean    is_group,
            guint       subject,
            GwSex       sex,
            GwPeriod    period)
{
  gint indicator;
  guint start = 0, n;

  if (self->indicators == NULL || self->target == NULL || period == 0)
    return NULL;

  indicator = gw_indicators_lookup_id (self->indicators, self->target->indicator);
  if (indicator < 0)
    return NULL;

  n = gw_indicators_series (self->indicators, indicator, is_group, subject, sex, &start);
  for (guint i = start; i < start + n; i++)
    {
      const GwIndicatorValue *value = gw_indicators_get_value (self->indicators, i);

      if (value->period == period && !value->rolling)
        return value;
    }

  return NULL;
}

/* The comparator, indicator and units are the tracker result's: the same
 * as the table, the charts and the report show. */
static gint
comparator_area (GwAreaView *self)
{
  return self->result != NULL ? (gint) gw_tracker_result_get_comparator (self->result) : -1;
}

static const char *
indicator_unit (GwAreaView *self)
{
  return self->result != NULL ? gw_tracker_result_get_indicator (self->result)->unit : NULL;
}

static const char *
indicator_name (GwAreaView *self)
{
  return self->result != NULL ? gw_tracker_result_get_indicator (self->result)->name
                              : self->target->indicator;
}

/* The figures grid */

static GtkWidget *
grid_label (const char *text,
            float       xalign,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  /* Selectable labels take the focus; the figures are read, not edited:
   * Tab goes on to the charts. */
  gtk_widget_set_focusable (label, FALSE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
add_row (GwAreaView  *self,
         int          row,
         const char  *name,
         char       **values,   /* one per column, taken */
         guint        n_columns)
{
  g_autofree char *joined = gw_chart_join_ranges (name);

  gtk_grid_attach (self->figures_grid, grid_label (joined, 0.0f, "gw-figure-name"), 0, row, 1, 1);
  for (guint c = 0; c < n_columns; c++)
    {
      GtkWidget *label = grid_label (values[c], 1.0f, "gw-figure-value");

      gtk_widget_add_css_class (label, "gw-numeric");
      gtk_grid_attach (self->figures_grid, label, 1 + c, row, 1, 1);
      g_free (values[c]);
      values[c] = NULL;
    }
}

/* "3.21% (1.02 to 5.40)": a gap and its 95% interval, when it has one. */
static char *
with_interval (double      value,
               double      lower,
               double      upper,
               const char *unit)
{
  g_autofree char *number = gw_ui_format_with_unit (value, 2, unit);
  g_autofree char *interval = isnan (value) ? NULL : gw_ui_format_interval (lower, upper, 2);

  if (interval == NULL)
    return g_steal_pointer (&number);
  /* Translators: a number and its 95% interval, "3.21% (1.02–5.40)". */
  return g_strdup_printf (C_("number and interval", "%s (%s)"), number, interval);
}

static char *
describe_change (double change)
{
  g_autofree char *magnitude = NULL;

  if (isnan (change))
    return g_strdup ("–");

  magnitude = gw_ui_format_number (fabs (change), 1);
  if (fabs (change) < 0.05)
    return g_strdup (_("no change"));
  if (change < 0)
    /* Translators: the gap compared with the baseline, "14.2% narrower". */
    return g_strdup_printf (_("%s%% narrower"), magnitude);
  /* Translators: the gap compared with the baseline, "4.1% wider". */
  return g_strdup_printf (_("%s%% wider"), magnitude);
}

/* "+1.20 points (4.1% wider)": the change in percentage points (in the
 * gap's unit for an absolute gap), and relative only when the baseline gap
 * was positive (a change relative to no gap means nothing). */
static char *
describe_change_pp (const GwTrackerRow *row,
                    const char         *unit)
{
  g_autofree char *signed_number = NULL;
  g_autofree char *points = NULL;
  g_autofree char *relative = NULL;

  if (isnan (row->change_pp))
    return g_strdup ("–");

  signed_number = gw_ui_format_signed (row->change_pp, 2);
  if (g_strcmp0 (unit, "%") == 0)
    /* Translators: a change of a gap in percentage points, "+1.20 points". */
    points = g_strdup_printf (_("%s points"), signed_number);
  else
    points = g_strdup_printf ("%s %s", signed_number, unit);
  if (isnan (row->change_since_baseline))
    return g_steal_pointer (&points);
  relative = describe_change (row->change_since_baseline);
  /* Translators: "+1.20 points (4.1% wider)". */
  return g_strdup_printf (C_("change", "%s (%s)"), points, relative);
}

static void
gw_area_view_fill_figures (GwAreaView *self)
{
  GwTrackerItem *item = self->item;
  const GwTrackerRow *rows[GW_N_SEXES];
  const GwTrackerRow *first = NULL;
  GwSex sexes[GW_N_SEXES];
  guint n = 0;
  int r = 0;
  g_autofree char *latest_period = NULL, *baseline_period = NULL, *target_period = NULL;
  gboolean sii;
  char *values[GW_N_SEXES] = { NULL, };
  const char *unit = indicator_unit (self);
  gint comparator = comparator_area (self);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->figures_grid))) != NULL)
    gtk_grid_remove (self->figures_grid, child);

  for (GwSex sex = GW_SEX_MALE; sex < GW_N_SEXES; sex++)
    {
      const GwTrackerRow *row = gw_tracker_item_get_row (item, sex);

      if (row == NULL)
        continue;
      rows[n] = row;
      sexes[n] = sex;
      n++;
      if (first == NULL)
        first = row;
    }
  if (n == 0)
    return;

  /* The column heads. */
  gtk_grid_attach (self->figures_grid, grid_label ("", 0.0f, NULL), 0, r, 1, 1);
  for (guint c = 0; c < n; c++)
    gtk_grid_attach (self->figures_grid, grid_label (gw_ui_sex_label (sexes[c]), 1.0f, "heading"),
                     1 + c, r, 1, 1);
  r++;

  /* The status, in words with its icon. */
  gtk_grid_attach (self->figures_grid, grid_label (_("Status"), 0.0f, "gw-figure-name"), 0, r, 1, 1);
  for (guint c = 0; c < n; c++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *image = gtk_image_new_from_icon_name (gw_ui_status_icon (rows[c]->status));
      g_autofree char *verdict = gw_ui_format_verdict (rows[c]->status, rows[c]->certainty);
      GtkWidget *label = grid_label (verdict, 1.0f, "gw-status-label");

      g_object_set (image, "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
      gtk_widget_set_halign (box, GTK_ALIGN_END);
      gtk_widget_add_css_class (box, "gw-status-cell");
      gtk_widget_add_css_class (box, gw_ui_status_css_class (rows[c]->status));
      gtk_box_append (GTK_BOX (box), image);
      if (rows[c]->certainty == GW_CERTAINTY_UNCERTAIN)
        {
          /* its own icon beside the word, as in the table */
          GtkWidget *uncertain = gtk_image_new_from_icon_name (gw_ui_certainty_icon (rows[c]->certainty));

          g_object_set (uncertain, "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
          gtk_widget_add_css_class (uncertain, "gw-uncertain");
          gtk_box_append (GTK_BOX (box), uncertain);
        }
      gtk_box_append (GTK_BOX (box), label);
      gtk_grid_attach (self->figures_grid, box, 1 + c, r, 1, 1);
    }
  r++;

  latest_period = gw_ui_format_period (first->latest_period);
  baseline_period = gw_ui_format_period (first->baseline_period != 0 ? first->baseline_period
                                                                     : self->target->baseline);
  target_period = gw_ui_format_period (self->target->target_period);
  /* an SII target's "gap" is the SII within the area */
  sii = self->target->measure == GW_TARGET_MEASURE_SII;

  {
    /* Translators: a row of the key figures, "Latest gap, 2005–2007". */
    g_autofree char *name = g_strdup_printf (sii ? _("Latest SII, %s") : _("Latest gap, %s"), latest_period);

    for (guint c = 0; c < n; c++)
      values[c] = with_interval (rows[c]->latest_gap, rows[c]->latest_gap_lower95,
                                 rows[c]->latest_gap_upper95, self->unit);
    add_row (self, r++, name, values, n);
  }
  {
    /* Translators: a row of the key figures, "Baseline gap, 1995–1997". */
    g_autofree char *name = g_strdup_printf (sii ? _("Baseline SII, %s") : _("Baseline gap, %s"), baseline_period);

    for (guint c = 0; c < n; c++)
      values[c] = with_interval (rows[c]->baseline_gap, rows[c]->baseline_gap_lower95,
                                 rows[c]->baseline_gap_upper95, self->unit);
    add_row (self, r++, name, values, n);
  }
  for (guint c = 0; c < n; c++)
    values[c] = describe_change_pp (rows[c], self->unit);
  add_row (self, r++, _("Change since baseline"), values, n);
  {
    /* Translators: a row of the key figures, "Target gap, 2009–2011". */
    g_autofree char *name = g_strdup_printf (sii ? _("Target SII, %s") : _("Target gap, %s"), target_period);

    for (guint c = 0; c < n; c++)
      values[c] = gw_ui_format_with_unit (rows[c]->target_gap, 2, self->unit);
    add_row (self, r++, name, values, n);
  }
  {
    /* Translators: a row of the key figures, "Projected gap, 2009–2011", with
     * its 95% prediction interval. */
    g_autofree char *name = g_strdup_printf (sii ? _("Projected SII, %s") : _("Projected gap, %s"), target_period);

    for (guint c = 0; c < n; c++)
      values[c] = with_interval (rows[c]->projected_gap, rows[c]->projected_lower95,
                                 rows[c]->projected_upper95, self->unit);
    add_row (self, r++, name, values, n);
  }
  for (guint c = 0; c < n; c++)
    values[c] = gw_chart_format_required (rows[c]->required_narrowing, 1);
  add_row (self, r++, _("Required narrowing"), values, n);

  /* The indicator itself, with its interval at the level chosen. */
  {
    gboolean high = self->confidence_level > 97.0;
    /* Translators: a row of the key figures, "Life expectancy at birth, 2005–2007". */
    g_autofree char *name = g_strdup_printf (_("%s, %s"), indicator_name (self), latest_period);
    /* Translators: a row of the key figures, "95% confidence interval". */
    g_autofree char *ci_name = g_strdup_printf (_("%s%% confidence interval"), high ? "99.8" : "95");
    char *limits[GW_N_SEXES] = { NULL, };
    char *comparators[GW_N_SEXES] = { NULL, };
    const char *comparator_name = NULL;

    if (comparator >= 0)
      comparator_name = gw_dataset_get_area (self->dataset, comparator)->name;

    for (guint c = 0; c < n; c++)
      {
        const GwIndicatorValue *value = find_value (self, rows[c]->is_group, rows[c]->subject,
                                                    sexes[c], rows[c]->latest_period);
        const GwIndicatorValue *england = comparator >= 0
                                          ? find_value (self, FALSE, comparator, sexes[c], rows[c]->latest_period)
                                          : NULL;

        values[c] = gw_ui_format_with_unit (value != NULL ? value->value : NAN, 2, unit);
        if (value != NULL && !isnan (high ? value->lower998 : value->lower95))
          {
            g_autofree char *lower = gw_ui_format_number (high ? value->lower998 : value->lower95, 2);
            g_autofree char *upper = gw_ui_format_number (high ? value->upper998 : value->upper95, 2);

            /* Translators: the limits of a confidence interval, "73.80 to 74.84". */
            limits[c] = g_strdup_printf (_("%s to %s"), lower, upper);
          }
        else
          limits[c] = g_strdup ("–");
        comparators[c] = gw_ui_format_with_unit (england != NULL ? england->value : NAN, 2, unit);
      }

    add_row (self, r++, name, values, n);
    add_row (self, r++, ci_name, limits, n);
    if (comparator_name != NULL)
      {
        /* Translators: a row of the key figures, the comparator's value, "England, 2005–2007". */
        g_autofree char *england_name = g_strdup_printf (_("%s, %s"), comparator_name, latest_period);

        add_row (self, r++, england_name, comparators, n);
      }
    else
      for (guint c = 0; c < n; c++)
        g_free (comparators[c]);
  }
}

/* The tracker's reason starts in lower case, to sit in a sentence. */
static char *
sentence_case (const char *text)
{
  gunichar first = g_utf8_get_char (text);
  char buf[8];
  int n = g_unichar_to_utf8 (g_unichar_totitle (first), buf);

  return g_strdup_printf ("%.*s%s", n, buf, g_utf8_next_char (text));
}

/* Each sex's reason in the tracker's words ("Men — off track: the trend
 * …"), a line each: shown first, above the verdict. */
static char *
gw_area_view_reasons (GwAreaView *self)
{
  GwTrackerItem *item = self->item;
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean single = !(gw_tracker_item_get_row (item, GW_SEX_MALE) != NULL
                      && gw_tracker_item_get_row (item, GW_SEX_FEMALE) != NULL);
  const GwTrackerRow *row;

  for (GwSex sex = GW_SEX_MALE; sex < GW_N_SEXES; sex++)
    if ((row = gw_tracker_item_get_row (item, sex)) != NULL && row->reason_text != NULL)
      {
        g_autofree char *reason = sentence_case (row->reason_text);

        if (text->len > 0)
          g_string_append_c (text, '\n');
        if (single)
          g_string_append_printf (text, "%s.", reason);
        else
          /* Translators: the reason for one sex, "Women — off track: the trend …". */
          g_string_append_printf (text, C_("reason", "%s — %s."), gw_ui_sex_label (sex), row->reason_text);
      }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "On track for men but not for women.  The gap for women must narrow by
 * 23.0% from its latest value to meet the target." */
static char *
gw_area_view_verdict (GwAreaView *self)
{
  GwTrackerItem *item = self->item;
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean single = !(gw_tracker_item_get_row (item, GW_SEX_MALE) != NULL
                      && gw_tracker_item_get_row (item, GW_SEX_FEMALE) != NULL);
  const GwTrackerRow *row;
  gboolean ok[GW_N_SEXES] = { FALSE, };
  gboolean insufficient = FALSE;

  for (GwSex sex = GW_SEX_MALE; sex < GW_N_SEXES; sex++)
    if ((row = gw_tracker_item_get_row (item, sex)) != NULL)
      {
        ok[sex] = row->status == GW_STATUS_ON_TRACK || row->status == GW_STATUS_NO_GAP;
        insufficient |= row->status == GW_STATUS_INSUFFICIENT_DATA;
      }

  /* an SII target's "gap" is the SII within the area */
  gboolean sii = self->target != NULL && self->target->measure == GW_TARGET_MEASURE_SII;

  if (insufficient && sii)
    g_string_append (text, _("There are not enough data to project the SII: at least three periods with an SII, including the baseline, are needed."));
  else if (insufficient)
    g_string_append (text, _("There are not enough data to project the gap: at least three periods with a gap, including the baseline, are needed."));
  else if (single)
    g_string_append (text, ok[GW_SEX_PERSONS] || ok[GW_SEX_MALE] || ok[GW_SEX_FEMALE]
                           ? _("On track to meet the target.")
                           : _("Not on track to meet the target."));
  else if (ok[GW_SEX_MALE] && ok[GW_SEX_FEMALE])
    g_string_append (text, _("On track for both men and women."));
  else if (ok[GW_SEX_MALE])
    g_string_append (text, _("On track for men but not for women."));
  else if (ok[GW_SEX_FEMALE])
    g_string_append (text, _("On track for women but not for men."));
  else
    g_string_append (text, _("On track for neither men nor women."));

  for (GwSex sex = GW_SEX_MALE; sex < GW_N_SEXES && !insufficient; sex++)
    {
      g_autofree char *narrowing = NULL;

      row = gw_tracker_item_get_row (item, sex);
      if (row == NULL || row->status != GW_STATUS_OFF_TRACK
          || isnan (row->required_narrowing) || row->required_narrowing < 0.05)
        /* what rounds to 0.0% is "none" in the key figures (gw_chart_format_required) */
        continue;

      narrowing = gw_ui_format_number (row->required_narrowing, 1);
      g_string_append_c (text, ' ');
      if (single && sii)
        g_string_append_printf (text, _("The SII must narrow by %s%% from its latest value to meet the target."),
                                narrowing);
      else if (sii)
        /* Translators: "The SII for women must narrow by 23.0% from its latest value to meet the target." */
        g_string_append_printf (text, _("The SII for %s must narrow by %s%% from its latest value to meet the target."),
                                gw_ui_sex_phrase (sex), narrowing);
      else if (single)
        /* Translators: "The gap must narrow by 11.4% from its latest value to meet the target." */
        g_string_append_printf (text, _("The gap must narrow by %s%% from its latest value to meet the target."),
                                narrowing);
      else
        /* Translators: "The gap for women must narrow by 23.0% from its latest value to meet the target." */
        g_string_append_printf (text, _("The gap for %s must narrow by %s%% from its latest value to meet the target."),
                                gw_ui_sex_phrase (sex), narrowing);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Charts */

static void
gw_area_view_fill_charts (GwAreaView *self)
{
  g_autoptr(GString) notes = g_string_new (NULL);
  gboolean is_group = gw_tracker_item_is_group (self->item);
  guint subject = gw_tracker_item_get_subject (self->item);

  for (guint i = 0; i < self->charts->len; i++)
    {
      GwChartView *view = g_ptr_array_index (self->charts, i);
      g_autoptr(GwChart) chart = NULL;
      g_autoptr(GError) error = NULL;

      if (self->indicators == NULL || self->result == NULL)
        chart = NULL;
      else if (i == 0)
        chart = gw_chart_new_gap (self->result,
                                  is_group, subject, &error);
      else
        chart = gw_chart_new_trend (self->dataset, self->indicators, self->target->indicator,
                                    is_group, subject, self->target->sexes, &error);

      gw_chart_view_set_chart (view, chart);
      gtk_widget_set_visible (GTK_WIDGET (view), chart != NULL);
      if (error != NULL)
        {
          if (notes->len > 0)
            g_string_append_c (notes, '\n');
          g_string_append (notes, error->message);
        }
    }

  gtk_label_set_label (GTK_LABEL (self->charts_note), notes->str);
  gtk_widget_set_visible (self->charts_note, notes->len > 0);
}

static void
gw_area_view_refresh (GwAreaView *self)
{
  GwTrackerItem *item = self->item;
  g_autofree char *subtitle = NULL;
  g_autofree char *verdict = NULL;
  g_autofree char *reasons = NULL;

  if (item == NULL || self->target == NULL)
    {
      gtk_label_set_label (self->title_label, "");
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  gtk_label_set_label (self->title_label, gw_tracker_item_get_name (item));
  if (gw_tracker_item_is_group (item))
    {
      guint n_members = 0;
      gint group = self->dataset != NULL ? gw_dataset_lookup_group (self->dataset, self->target->group) : -1;

      if (group >= 0)
        {
          g_autoptr(GArray) members = gw_dataset_group_members (self->dataset, group);

          n_members = members->len;
        }
      /* Translators: under the group's name, "The group of 70 areas, as a whole". */
      subtitle = g_strdup_printf (ngettext ("The group of %u area, as a whole",
                                            "The group of %u areas, as a whole", n_members),
                                  n_members);
    }
  else
    {
      const GwArea *area = self->dataset != NULL && gw_tracker_item_get_subject (item) < gw_dataset_n_areas (self->dataset)
                           ? gw_dataset_get_area (self->dataset, gw_tracker_item_get_subject (item))
                           : NULL;

      if (area != NULL && area->parent >= 0)
        subtitle = g_strdup_printf ("%s · %s", gw_tracker_item_get_code (item),
                                    gw_dataset_get_area (self->dataset, area->parent)->name);
      else
        subtitle = g_strdup (gw_tracker_item_get_code (item));
    }
  gtk_label_set_label (self->subtitle_label, subtitle);

  reasons = gw_area_view_reasons (self);
  gtk_label_set_label (self->reason_label, reasons);
  verdict = gw_area_view_verdict (self);
  gtk_label_set_label (self->verdict_label, verdict);

  gw_area_view_fill_figures (self);
  gw_area_view_fill_charts (self);
  gw_area_gap_why_set_item (GW_AREA_GAP_WHY (self->gap_why), item);
  gw_area_inequality_set_subject (GW_AREA_INEQUALITY (self->inequality), self->dataset,
                                  gw_tracker_item_is_group (item), gw_tracker_item_get_subject (item));

  gtk_stack_set_visible_child_name (self->stack, "area");
}

/* GObject */

static void
gw_area_view_dispose (GObject *object)
{
  GwAreaView *self = (GwAreaView *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), GW_TYPE_AREA_VIEW);

  g_clear_object (&self->dataset);
  g_clear_object (&self->result);
  g_clear_object (&self->item);
  g_clear_pointer (&self->target, gw_target_free);
  g_clear_pointer (&self->unit, g_free);
  g_clear_pointer (&self->palette, g_free);
  g_clear_pointer (&self->charts, g_ptr_array_unref);
  self->indicators = NULL;

  G_OBJECT_CLASS (gw_area_view_parent_class)->dispose (object);
}

static void
gw_area_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  GwAreaView *self = GW_AREA_VIEW (object);

  switch (prop_id)
    {
    case PROP_PALETTE:
      g_value_set_string (value, self->palette);
      break;
    case PROP_CONFIDENCE_LEVEL:
      g_value_set_double (value, self->confidence_level);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_area_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  GwAreaView *self = GW_AREA_VIEW (object);

  switch (prop_id)
    {
    case PROP_PALETTE:
      gw_area_view_set_palette (self, g_value_get_string (value));
      break;
    case PROP_CONFIDENCE_LEVEL:
      gw_area_view_set_confidence_level (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_area_view_class_init (GwAreaViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gw_area_view_dispose;
  object_class->get_property = gw_area_view_get_property;
  object_class->set_property = gw_area_view_set_property;

  properties[PROP_PALETTE] =
    g_param_spec_string ("palette", NULL, NULL,
                         "standard",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CONFIDENCE_LEVEL] =
    g_param_spec_double ("confidence-level", NULL, NULL,
                         50.0, 99.99, 95.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, GW_RESOURCE_PREFIX "ui/gw-area-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GwAreaView, charts_box);
  gtk_widget_class_bind_template_child (widget_class, GwAreaView, charts_heading);
  gtk_widget_class_bind_template_child (widget_class, GwAreaView, content_box);
  gtk_widget_class_bind_template_child (widget_class, GwAreaView, figures_grid);
  gtk_widget_class_bind_template_child (widget_class, GwAreaView, figures_heading);
  gtk_widget_class_bind_template_child (widget_class, GwAreaView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, GwAreaView, stack);
  gtk_widget_class_bind_template_child (widget_class, GwAreaView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, GwAreaView, title_label);
  gtk_widget_class_bind_template_child (widget_class, GwAreaView, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, GwAreaView, reason_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "gwareaview");
}

static void
gw_area_view_init (GwAreaView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->palette = g_strdup ("standard");
  self->confidence_level = 95.0;
  self->unit = g_strdup ("%");
  self->charts = g_ptr_array_new ();

  self->charts_note = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->charts_note), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (self->charts_note), TRUE);
  gtk_widget_add_css_class (self->charts_note, "dim-label");
  gtk_widget_add_css_class (self->charts_note, "gw-charts-note");
  gtk_box_append (self->charts_box, self->charts_note);

  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *view = gw_chart_view_new ();

      gtk_widget_add_css_class (view, "gw-chart");
      gtk_widget_add_css_class (view, i == 0 ? "gw-gap-chart" : "gw-trend-chart");
      gtk_box_append (self->charts_box, view);
      g_ptr_array_add (self->charts, view);
    }

  self->gap_why = gw_area_gap_why_new ();
  gtk_box_append (self->content_box, self->gap_why);
  self->inequality = gw_area_inequality_new ();
  gtk_box_append (self->content_box, self->inequality);
}

/* Public API */

GtkWidget *
gw_area_view_new (void)
{
  return g_object_new (GW_TYPE_AREA_VIEW, NULL);
}

/**
 * gw_area_view_set_data:
 * @result: (nullable): the tracker result shown
 * @indicators: (nullable): the indicators it was computed on, borrowed until
 *   the next call
 *
 * Sets what the figures and charts are made of, and redraws them.
 */
void
gw_area_view_set_data (GwAreaView      *self,
                       GwTrackerResult *result,
                       GwIndicators    *indicators)
{
  g_return_if_fail (GW_IS_AREA_VIEW (self));
  g_return_if_fail (result == NULL || GW_IS_TRACKER_RESULT (result));

  g_set_object (&self->result, result);
  g_set_object (&self->dataset, (result != NULL ? gw_tracker_result_get_dataset (result) : NULL));
  self->indicators = indicators;
  g_clear_pointer (&self->target, gw_target_free);
  self->target = result != NULL ? gw_target_copy (gw_tracker_result_get_target (result)) : NULL;
  g_free (self->unit);
  self->unit = g_strdup (result != NULL ? gw_tracker_result_get_gap_unit (result) : "%");
  gw_area_view_refresh (self);
}

/**
 * gw_area_view_set_session:
 * @session: (nullable): the window's session, whose target and dataset the
 *   "Why the gap" and "What it would take" sections are computed on
 */
void
gw_area_view_set_session (GwAreaView *self,
                          GwSession  *session)
{
  g_return_if_fail (GW_IS_AREA_VIEW (self));

  gw_area_gap_why_set_session (GW_AREA_GAP_WHY (self->gap_why), session);
}

void
gw_area_view_set_item (GwAreaView    *self,
                       GwTrackerItem *item)
{
  g_return_if_fail (GW_IS_AREA_VIEW (self));
  g_return_if_fail (item == NULL || GW_IS_TRACKER_ITEM (item));

  g_set_object (&self->item, item);
  gw_area_view_refresh (self);
}

GwTrackerItem *
gw_area_view_get_item (GwAreaView *self)
{
  g_return_val_if_fail (GW_IS_AREA_VIEW (self), NULL);

  return self->item;
}

const char *
gw_area_view_get_title (GwAreaView *self)
{
  g_return_val_if_fail (GW_IS_AREA_VIEW (self), NULL);

  return gtk_label_get_label (self->title_label);
}

const char *
gw_area_view_get_palette (GwAreaView *self)
{
  g_return_val_if_fail (GW_IS_AREA_VIEW (self), NULL);

  return self->palette;
}

void
gw_area_view_set_palette (GwAreaView *self,
                          const char *palette)
{
  g_return_if_fail (GW_IS_AREA_VIEW (self));

  if (palette == NULL || g_strcmp0 (self->palette, palette) == 0)
    return;

  g_free (self->palette);
  self->palette = g_strdup (palette);

  {
    GwChartPalette value = GW_CHART_PALETTE_STANDARD;

    gw_chart_palette_parse (palette, &value);
    for (guint i = 0; i < self->charts->len; i++)
      gw_chart_view_set_palette (g_ptr_array_index (self->charts, i), value);
    gw_area_gap_why_set_palette (GW_AREA_GAP_WHY (self->gap_why), value);
    gw_area_inequality_set_palette (GW_AREA_INEQUALITY (self->inequality), value);
  }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PALETTE]);
}

double
gw_area_view_get_confidence_level (GwAreaView *self)
{
  g_return_val_if_fail (GW_IS_AREA_VIEW (self), 95.0);

  return self->confidence_level;
}

void
gw_area_view_set_confidence_level (GwAreaView *self,
                                   double      level)
{
  g_return_if_fail (GW_IS_AREA_VIEW (self));

  if (self->confidence_level == level)
    return;

  self->confidence_level = level;
  for (guint i = 0; i < self->charts->len; i++)
    gw_chart_view_set_confidence_level (g_ptr_array_index (self->charts, i), level);
  if (self->item != NULL)
    gw_area_view_fill_figures (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFIDENCE_LEVEL]);
}

guint
gw_area_view_get_n_charts (GwAreaView *self)
{
  g_return_val_if_fail (GW_IS_AREA_VIEW (self), 0);

  return self->charts->len;
}

GtkWidget *
gw_area_view_get_chart (GwAreaView *self,
                        guint       index)
{
  g_return_val_if_fail (GW_IS_AREA_VIEW (self), NULL);
  g_return_val_if_fail (index < self->charts->len, NULL);

  return g_ptr_array_index (self->charts, index);
}

/* The "Inequality within the area" section (a GwAreaInequality). */
GtkWidget *
gw_area_view_get_inequality (GwAreaView *self)
{
  g_return_val_if_fail (GW_IS_AREA_VIEW (self), NULL);

  return self->inequality;
}
