/* gw-area-gap-why.c: "Why the gap" and "What it would take" for an area
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 14 for the director who has just read "off track": which causes and
 * ages make the gap (a sentence per sex, the scarf and the age-cause chart),
 * how many fewer deaths a year would meet the target (a sentence per sex),
 * and a what-if editor: so many fewer deaths a year from a cause at some
 * ages, and the new life expectancy, gap and status at once.
 *
 * Everything is asked of the layers below (gw_gap_decomp_new and
 * _reckon in app/methods, the charts and sentences of app/render, the
 * session's what-if); nothing is computed here.  The decompositions, the
 * deaths to prevent and the charts are made in a GTask (house style 10):
 * an area's take some 40 ms, a group's pools every member's counts, and the
 * table must stay responsive while the selection moves.  The thread reads
 * the dataset under its read lock and gets everything else (the target,
 * the target gaps of the tracker's rows) copied; a newer selection cancels
 * an older computation.  A what-if is one life table, on the main loop.
 */
#include "gw-config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "render/gw-chart-decomp.h"
#include "gw-area-gap-why.h"
#include "gw-chart-view.h"
#include "gw-ui-text.h"

#define N_SEXES 2

struct _GwAreaGapWhy
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkWidget      *age_view;
  GtkWidget      *box;
  GtkDropDown    *cause_dropdown;
  GtkSpinButton  *deaths_spin;
  GtkDropDown    *from_dropdown;
  GtkLabel       *note_label;
  GtkWidget      *scarf_view;
  GtkDropDown    *sex_dropdown;
  GtkLabel       *take_label;
  GtkDropDown    *to_dropdown;
  GtkLabel       *what_if_label;
  GtkLabel       *why_label;

  /* owned */
  GwSession      *session;
  GwTrackerItem  *item;
  GwGapDecomp    *decomps[N_SEXES];    /* the sexes shown, first n_shown */
  guint           n_shown;
  GArray         *cause_map;           /* dropdown position -> cause index (GW_DECOMP_ALL first) */
  GCancellable   *cancellable;         /* the computation under way, or NULL */
  gpointer        running;             /* its Work, until it is shown */
  gboolean        filling;             /* dropdowns being refilled: no what-if yet */
};

G_DEFINE_FINAL_TYPE (GwAreaGapWhy, gw_area_gap_why, GTK_TYPE_WIDGET)

static void
clear_decomps (GwAreaGapWhy *self)
{
  for (guint i = 0; i < N_SEXES; i++)
    g_clear_pointer (&self->decomps[i], gw_gap_decomp_free);
  self->n_shown = 0;
}

static void
set_strings (GtkDropDown *dropdown,
             GStrv        strings)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new ((const char *const *) strings);

  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
}

/* The editor's causes and bands for the sex chosen: they differ by sex
 * (only causes with deaths are listed). */
static void
fill_editor (GwAreaGapWhy *self)
{
  guint s = gtk_drop_down_get_selected (self->sex_dropdown);
  const GwGapDecomp *d;
  g_autoptr(GStrvBuilder) causes = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) bands = g_strv_builder_new ();
  g_auto(GStrv) cause_strv = NULL;
  g_auto(GStrv) band_strv = NULL;
  guint all = GW_DECOMP_ALL;

  if (s >= self->n_shown)
    return;
  d = self->decomps[s];
  self->filling = TRUE;
  g_array_set_size (self->cause_map, 0);
  g_strv_builder_add (causes, _("All causes"));
  g_array_append_val (self->cause_map, all);
  for (guint c = 0; c < d->n_causes; c++)
    if (d->causes[c].depth == 0)
      {
        g_strv_builder_add (causes, d->causes[c].name);
        g_array_append_val (self->cause_map, c);
      }
  for (guint x = 0; x < d->n_bands; x++)
    g_strv_builder_add (bands, gw_age_band_to_string (d->bands[x]));
  cause_strv = g_strv_builder_end (causes);
  band_strv = g_strv_builder_end (bands);
  set_strings (self->cause_dropdown, cause_strv);
  set_strings (self->from_dropdown, band_strv);
  set_strings (self->to_dropdown, band_strv);
  gtk_drop_down_set_selected (self->to_dropdown, d->n_bands - 1);
  self->filling = FALSE;
}

/* "Men’s life expectancy would be 77.3 years (76.5 now): a gap of 2.05%
 * against the target’s 1.80%: off track." */
static char *
what_if_text (GwAreaGapWhy             *self,
              const GwGapDecomp        *d,
              const GwDecompPrevention *prevention)
{
  g_autoptr(GError) error = NULL;
  GwSessionWhatIf out;
  g_autofree char *e0 = NULL, *now = NULL, *gap = NULL, *target = NULL;
  const char *unit;

  if (!gw_session_what_if (self->session, d, prevention, 1, &out, &error))
    return g_strdup (error->message);
  /* two decimals, as the figures give life expectancy (74.96 years): with
   * one, a few deaths prevented read "75.0 years (75.0 now)" */
  e0 = gw_ui_format_number (out.e0, 2);
  now = gw_ui_format_number (d->e0_area, 2);
  gap = gw_ui_format_number (out.gap, 2);
  target = gw_ui_format_number (out.target_gap, 2);
  unit = out.relative ? "%" : _(" years");
  /* Translators: "Men’s life expectancy would be 77.3 years (76.5 now): a
   * gap of 2.05% against the target’s 1.80%: off track." */
  return g_strdup_printf (_("%s’s life expectancy would be %s years (%s now): a gap of %s%s against the "
                            "target’s %s%s: %s."),
                          gw_ui_sex_label (d->request.sex), e0, now, gap, unit, target, unit,
                          gw_ui_status_phrase (out.status));
}

static void
update_what_if (GwAreaGapWhy *self)
{
  guint s = gtk_drop_down_get_selected (self->sex_dropdown);
  guint c = gtk_drop_down_get_selected (self->cause_dropdown);
  guint from = gtk_drop_down_get_selected (self->from_dropdown);
  guint to = gtk_drop_down_get_selected (self->to_dropdown);
  if (self->filling || s >= self->n_shown || c >= self->cause_map->len || self->session == NULL)
    return;
  if (from == GTK_INVALID_LIST_POSITION || to == GTK_INVALID_LIST_POSITION)
    return;
  if (from > to)
    {
      guint t = from;

      from = to;
      to = t;
    }
  gw_area_gap_why_what_if (self, s, g_array_index (self->cause_map, guint, c), from, to,
                           gtk_spin_button_get_value (self->deaths_spin));
}

static void
on_editor_changed_cb (GwAreaGapWhy *self)
{
  update_what_if (self);
}

static void
on_sex_dropdown_selected_cb (GwAreaGapWhy *self)
{
  if (self->filling)
    return;
  fill_editor (self);
  update_what_if (self);
}

/* What the thread needs, copied on the main loop, and what it makes. */
typedef struct
{
  GwDataset      *dataset;
  GwTarget       *target;
  gboolean        is_group;
  guint           subject;
  GwSex           sexes[N_SEXES];
  double          target_gaps[N_SEXES];   /* NAN: the target sets none */
  guint           n_sexes;
  /* made */
  GwGapDecomp    *decomps[N_SEXES];
  guint           n_shown;
  GwChart        *scarf;
  GwChart        *age;
  GString        *why;
  GString        *take;
  GString        *notes;
  /* the thread's end, which dispose waits for: it lets go of the dataset
   * then, so that the window and the dataset can go at once */
  GMutex          lock;
  GCond           cond;
  gboolean        done;
  GWeakRef        self_ref;            /* the widget, without keeping it */
} Work;

static void
work_free (Work *w)
{
  g_clear_object (&w->dataset);
  g_clear_pointer (&w->target, gw_target_free);
  for (guint i = 0; i < N_SEXES; i++)
    g_clear_pointer (&w->decomps[i], gw_gap_decomp_free);
  g_clear_object (&w->scarf);
  g_clear_object (&w->age);
  g_string_free (w->why, TRUE);
  g_string_free (w->take, TRUE);
  g_string_free (w->notes, TRUE);
  g_weak_ref_clear (&w->self_ref);
  g_mutex_clear (&w->lock);
  g_cond_clear (&w->cond);
  g_free (w);
}

static void
compute_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Work *w = task_data;
  GwChartDecompInput input = { 0 };

  for (guint i = 0; i < w->n_sexes && !g_cancellable_is_cancelled (cancellable); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GwGapReckoning) reckoning = NULL;
      g_autofree char *sentence = NULL;
      GwGapDecompRequest request;
      GwGapDecomp *d;

      gw_gap_decomp_request_init (&request, w->is_group, w->subject, w->sexes[i]);
      if (w->target->comparator != NULL)
        request.comparator = gw_dataset_lookup_area (w->dataset, w->target->comparator);
      d = gw_gap_decomp_new (w->dataset, &request, &error);
      if (d == NULL)
        {
          if (w->notes->len > 0)
            g_string_append_c (w->notes, '\n');
          g_string_append_printf (w->notes, C_("sentence", "%s: %s"), gw_ui_sex_label (w->sexes[i]), error->message);
          continue;
        }
      w->decomps[w->n_shown++] = d;
      input.sexes[input.n_sexes++].decomp = d;

      sentence = gw_decomp_why_sentence (d);
      if (sentence != NULL)
        {
          if (w->why->len > 0)
            g_string_append_c (w->why, '\n');
          g_string_append_printf (w->why, C_("sentence", "%s: %s"), gw_ui_sex_label (w->sexes[i]), sentence);
        }
      if (w->take->len > 0)
        g_string_append_c (w->take, '\n');
      if (isnan (w->target_gaps[i]))
        {
          g_string_append_printf (w->take, C_("sentence", "%s: %s"), gw_ui_sex_label (w->sexes[i]),
                                  _("The target sets no gap to reach: no deaths to prevent are worked out."));
          continue;
        }
      reckoning = gw_gap_decomp_reckon (d, w->target_gaps[i], w->target->gap == GW_GAP_RELATIVE, &error);
      /* the deaths-to-prevent sentence names the sex itself; a refusal not */
      if (reckoning != NULL)
        {
          g_clear_pointer (&sentence, g_free);
          sentence = gw_decomp_reckon_sentence (d, reckoning);
          g_string_append (w->take, sentence);
        }
      else
        g_string_append_printf (w->take, C_("sentence", "%s: %s"), gw_ui_sex_label (w->sexes[i]), error->message);
    }
  if (input.n_sexes > 0)
    {
      input.dataset = w->dataset;
      w->scarf = gw_chart_new_scarf (&input, NULL);
      w->age = gw_chart_new_age_cause (&input, NULL);
    }
  g_clear_object (&w->dataset);
  g_mutex_lock (&w->lock);
  w->done = TRUE;
  g_cond_signal (&w->cond);
  g_mutex_unlock (&w->lock);
  g_task_return_boolean (task, TRUE);
}

static void
show_work (GwAreaGapWhy *self,
           Work         *w)
{
  g_autoptr(GStrvBuilder) sex_names = g_strv_builder_new ();
  g_auto(GStrv) sex_strv = NULL;

  clear_decomps (self);
  for (guint i = 0; i < w->n_shown; i++)
    {
      self->decomps[i] = g_steal_pointer (&w->decomps[i]);
      g_strv_builder_add (sex_names, gw_ui_sex_label (self->decomps[i]->request.sex));
    }
  self->n_shown = w->n_shown;

  gw_chart_view_set_chart (GW_CHART_VIEW (self->scarf_view), w->scarf);
  gw_chart_view_set_chart (GW_CHART_VIEW (self->age_view), w->age);
  gtk_widget_set_visible (self->scarf_view, w->scarf != NULL);
  gtk_widget_set_visible (self->age_view, w->age != NULL);
  gtk_label_set_label (self->why_label, w->why->str);
  gtk_widget_set_visible (GTK_WIDGET (self->why_label), w->why->len > 0);
  gtk_label_set_label (self->take_label, w->take->str);
  gtk_label_set_label (self->note_label, w->notes->str);
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), w->notes->len > 0);

  self->filling = TRUE;
  sex_strv = g_strv_builder_end (sex_names);
  set_strings (self->sex_dropdown, sex_strv);
  gtk_drop_down_set_selected (self->sex_dropdown, 0);
  self->filling = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->sex_dropdown), self->n_shown > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cause_dropdown), self->n_shown > 0);
  gtk_label_set_label (self->what_if_label, "");
  fill_editor (self);
  update_what_if (self);
}

static void
on_compute_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = G_TASK (result);
  Work *w = g_task_get_task_data (task);
  g_autoptr(GwAreaGapWhy) self = g_weak_ref_get (&w->self_ref);

  /* a newer selection cancelled this one, or the widget is gone */
  if (g_task_propagate_boolean (task, NULL) && self != NULL && self->running == w
      && !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      self->running = NULL;
      g_clear_object (&self->cancellable);
      show_work (self, w);
    }
}

static void
refresh (GwAreaGapWhy *self)
{
  static const GwSex sexes[N_SEXES] = { GW_SEX_MALE, GW_SEX_FEMALE };
  const GwTarget *target;
  GwTrackerResult *result;
  g_autoptr(GTask) task = NULL;
  Work *w;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->running = NULL;
  clear_decomps (self);
  target = self->session != NULL ? gw_session_get_target (self->session) : NULL;
  result = self->session != NULL ? gw_session_peek_result (self->session) : NULL;
  /* life expectancy's gap only: the decomposition is of e0 */
  if (self->item == NULL || target == NULL || result == NULL || g_strcmp0 (target->indicator, "le-birth") != 0)
    {
      gtk_widget_set_visible (self->box, FALSE);
      return;
    }
  gtk_widget_set_visible (self->box, TRUE);
  /* nothing of the area shown before stays while this one is computed */
  gtk_label_set_label (self->why_label, "");
  gtk_label_set_label (self->take_label, "");
  gtk_label_set_label (self->what_if_label, "");
  gw_chart_view_set_chart (GW_CHART_VIEW (self->scarf_view), NULL);
  gw_chart_view_set_chart (GW_CHART_VIEW (self->age_view), NULL);

  w = g_new0 (Work, 1);
  w->dataset = g_object_ref (gw_session_get_dataset (self->session));
  w->target = gw_target_copy (target);
  w->is_group = gw_tracker_item_is_group (self->item);
  w->subject = gw_tracker_item_get_subject (self->item);
  w->why = g_string_new (NULL);
  w->take = g_string_new (NULL);
  w->notes = g_string_new (NULL);
  for (guint i = 0; i < N_SEXES; i++)
    {
      guint n_rows;
      const GwTrackerRow **rows;

      if (!(target->sexes & (1u << sexes[i])))
        continue;
      w->sexes[w->n_sexes] = sexes[i];
      w->target_gaps[w->n_sexes] = NAN;
      rows = gw_tracker_result_get_subject_rows (result, w->is_group, w->subject, &n_rows);
      for (guint r = 0; r < n_rows; r++)
        if (rows[r]->sex == sexes[i] && isfinite (rows[r]->target_gap))
          w->target_gaps[w->n_sexes] = rows[r]->target_gap;
      w->n_sexes++;
    }

  g_mutex_init (&w->lock);
  g_cond_init (&w->cond);
  g_weak_ref_init (&w->self_ref, self);
  self->running = w;
  self->cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->cancellable, on_compute_done, NULL);
  g_task_set_source_tag (task, refresh);
  g_task_set_task_data (task, w, (GDestroyNotify) work_free);
  g_task_run_in_thread (task, compute_thread);
}

/* GObject */

static void
gw_area_gap_why_dispose (GObject *object)
{
  GwAreaGapWhy *self = (GwAreaGapWhy *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* the thread stops at its next sex and lets go of the dataset: wait for
   * that (milliseconds), so the dataset is not kept past the window */
  if (self->running != NULL)
    {
      Work *w = self->running;

      g_mutex_lock (&w->lock);
      while (!w->done)
        g_cond_wait (&w->cond, &w->lock);
      g_mutex_unlock (&w->lock);
      self->running = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), GW_TYPE_AREA_GAP_WHY);
  clear_decomps (self);
  g_clear_object (&self->session);
  g_clear_object (&self->item);
  g_clear_pointer (&self->cause_map, g_array_unref);

  G_OBJECT_CLASS (gw_area_gap_why_parent_class)->dispose (object);
}

static void
gw_area_gap_why_class_init (GwAreaGapWhyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gw_area_gap_why_dispose;

  g_type_ensure (GW_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, GW_RESOURCE_PREFIX "ui/gw-area-gap-why.ui");
  gtk_widget_class_bind_template_child (widget_class, GwAreaGapWhy, age_view);
  gtk_widget_class_bind_template_child (widget_class, GwAreaGapWhy, box);
  gtk_widget_class_bind_template_child (widget_class, GwAreaGapWhy, cause_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwAreaGapWhy, deaths_spin);
  gtk_widget_class_bind_template_child (widget_class, GwAreaGapWhy, from_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwAreaGapWhy, note_label);
  gtk_widget_class_bind_template_child (widget_class, GwAreaGapWhy, scarf_view);
  gtk_widget_class_bind_template_child (widget_class, GwAreaGapWhy, sex_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwAreaGapWhy, take_label);
  gtk_widget_class_bind_template_child (widget_class, GwAreaGapWhy, to_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwAreaGapWhy, what_if_label);
  gtk_widget_class_bind_template_child (widget_class, GwAreaGapWhy, why_label);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sex_dropdown_selected_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "gwareagapwhy");
}

static void
gw_area_gap_why_init (GwAreaGapWhy *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cause_map = g_array_new (FALSE, FALSE, sizeof (guint));
  gtk_widget_set_visible (self->box, FALSE);
}

/* Public API */

GtkWidget *
gw_area_gap_why_new (void)
{
  return g_object_new (GW_TYPE_AREA_GAP_WHY, NULL);
}

void
gw_area_gap_why_set_session (GwAreaGapWhy *self,
                             GwSession    *session)
{
  g_return_if_fail (GW_IS_AREA_GAP_WHY (self));
  g_return_if_fail (session == NULL || GW_IS_SESSION (session));

  if (g_set_object (&self->session, session))
    refresh (self);
}

void
gw_area_gap_why_set_item (GwAreaGapWhy  *self,
                          GwTrackerItem *item)
{
  g_return_if_fail (GW_IS_AREA_GAP_WHY (self));
  g_return_if_fail (item == NULL || GW_IS_TRACKER_ITEM (item));

  g_set_object (&self->item, item);
  refresh (self);
}

void
gw_area_gap_why_set_palette (GwAreaGapWhy   *self,
                             GwChartPalette  palette)
{
  g_return_if_fail (GW_IS_AREA_GAP_WHY (self));

  gw_chart_view_set_palette (GW_CHART_VIEW (self->scarf_view), palette);
  gw_chart_view_set_palette (GW_CHART_VIEW (self->age_view), palette);
}

const char *
gw_area_gap_why_what_if (GwAreaGapWhy *self,
                         guint         sex_index,
                         guint         cause,
                         guint         first_band,
                         guint         last_band,
                         double        deaths)
{
  GwDecompPrevention prevention = { cause, first_band, last_band, deaths };
  g_autofree char *text = NULL;

  g_return_val_if_fail (GW_IS_AREA_GAP_WHY (self), NULL);

  if (sex_index >= self->n_shown || self->session == NULL)
    return NULL;
  text = what_if_text (self, self->decomps[sex_index], &prevention);
  gtk_label_set_label (self->what_if_label, text);
  return gtk_label_get_label (self->what_if_label);
}

gboolean
gw_area_gap_why_get_computing (GwAreaGapWhy *self)
{
  g_return_val_if_fail (GW_IS_AREA_GAP_WHY (self), FALSE);

  return self->running != NULL;
}

const char *
gw_area_gap_why_get_why_text (GwAreaGapWhy *self)
{
  g_return_val_if_fail (GW_IS_AREA_GAP_WHY (self), NULL);

  return gtk_label_get_label (self->why_label);
}

const char *
gw_area_gap_why_get_take_text (GwAreaGapWhy *self)
{
  g_return_val_if_fail (GW_IS_AREA_GAP_WHY (self), NULL);

  return gtk_label_get_label (self->take_label);
}

GtkWidget *
gw_area_gap_why_get_chart (GwAreaGapWhy *self,
                           guint         index)
{
  g_return_val_if_fail (GW_IS_AREA_GAP_WHY (self), NULL);
  g_return_val_if_fail (index < 2, NULL);

  return index == 0 ? self->scarf_view : self->age_view;
}
