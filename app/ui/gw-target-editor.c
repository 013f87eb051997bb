/* gw-target-editor.c: the dialog to add, change and delete targets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The targets are those of the window's GwSession (kept in the workspace),
 * the built-in ones first: those can be looked at and duplicated, never
 * changed or deleted.  Every valid change is saved at once; the window
 * follows the session, so the table shows the change while the dialog is
 * still open.
 * A period that does not parse is marked and not saved.
 */
#include "gw-config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "gw-target-editor.h"
#include "gw-ui-text.h"
#include "methods/gw-indicator-info.h"
#include "methods/gw-inequality.h"
#include "tracker/gw-tracker.h"

struct _GwTargetEditor
{
  GtkWindow       parent_instance;

  /* template widgets */
  GtkButton      *add_button;
  GtkEntry       *baseline_entry;
  GtkLabel       *builtin_label;
  GtkEntry       *comparator_entry;
  GtkButton      *delete_button;
  GtkButton      *duplicate_button;
  GtkLabel       *error_label;
  GtkGrid        *form_grid;
  GtkDropDown    *gap_dropdown;
  GtkDropDown    *group_dropdown;
  GtkDropDown    *indicator_dropdown;
  GtkDropDown    *measure_dropdown;
  GtkDropDown    *method_dropdown;
  GtkSpinButton  *reduction_spin;
  GtkDropDown    *sexes_dropdown;
  GtkListBox     *target_list;
  GtkEntry       *target_period_entry;
  GtkEntry       *title_entry;

  /* owned */
  GwSession      *session;
  GwDataset      *dataset;        /* the session's when the editor opened */
  GPtrArray      *targets;        /* GwTarget, as listed */
  GwTarget       *current;        /* the target in the form */
  GPtrArray      *indicator_ids;  /* char *, as in indicator_dropdown */
  GPtrArray      *group_ids;      /* char *, as in group_dropdown */
  gulong          targets_changed_id;
  gboolean        loading;        /* filling the form or the list */
  gboolean        saving;         /* our own change of the targets */
  GdkFrameClock  *adding_clock;   /* a target added: New and Duplicate off */
  gulong          adding_id;
  guint           adding_frames;  /* until this many of its paints are done */
};

G_DEFINE_FINAL_TYPE (GwTargetEditor, gw_target_editor, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  TARGET_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];


/* Dropdowns */

static void
set_strings (GtkDropDown        *dropdown,
             const char * const *strings)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (strings);

  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
}

static guint
index_of (GPtrArray  *ids,
          const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), id) == 0)
      return i;

  return GTK_INVALID_LIST_POSITION;
}

/* The indicators and groups to choose from: those the application knows
 * and the dataset has, and the target's own even when nothing imported
 * has it yet. */
static void
fill_choices (GwTargetEditor *self)
{
  g_autoptr(GtkStringList) indicators = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) groups = gtk_string_list_new (NULL);

  g_ptr_array_set_size (self->indicator_ids, 0);
  g_ptr_array_set_size (self->group_ids, 0);

  for (const char *const *id = gw_indicator_info_builtin_ids (); *id != NULL; id++)
    {
      g_ptr_array_add (self->indicator_ids, g_strdup (*id));
      gtk_string_list_append (indicators, gw_ui_indicator_name (*id));
    }
  for (guint i = 0; self->dataset != NULL && i < gw_dataset_n_indicators (self->dataset); i++)
    {
      const GwIndicatorDef *def = gw_dataset_get_indicator (self->dataset, i);

      if (index_of (self->indicator_ids, def->id) != GTK_INVALID_LIST_POSITION)
        continue;
      g_ptr_array_add (self->indicator_ids, g_strdup (def->id));
      gtk_string_list_append (indicators, def->name != NULL ? def->name : def->id);
    }
  if (self->current != NULL && index_of (self->indicator_ids, self->current->indicator) == GTK_INVALID_LIST_POSITION)
    {
      g_ptr_array_add (self->indicator_ids, g_strdup (self->current->indicator));
      gtk_string_list_append (indicators, self->current->indicator);
    }

  for (guint i = 0; self->dataset != NULL && i < gw_dataset_n_groups (self->dataset); i++)
    {
      const GwGroup *group = gw_dataset_get_group (self->dataset, i);

      g_ptr_array_add (self->group_ids, g_strdup (group->id));
      gtk_string_list_append (groups, group->name != NULL ? group->name : group->id);
    }
  if (self->current != NULL && index_of (self->group_ids, self->current->group) == GTK_INVALID_LIST_POSITION)
    {
      g_ptr_array_add (self->group_ids, g_strdup (self->current->group));
      gtk_string_list_append (groups, self->current->group);
    }

  gtk_drop_down_set_model (self->indicator_dropdown, G_LIST_MODEL (indicators));
  gtk_drop_down_set_model (self->group_dropdown, G_LIST_MODEL (groups));
}

/* The form */

static void
set_entry_text (GtkEntry   *entry,
                const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
}

/* An SII is within each area and in years: no comparator, no relative gap. */
static void
update_sii_rows (GwTargetEditor *self,
                 gboolean        sii)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->comparator_entry), !sii);
  gtk_widget_set_sensitive (GTK_WIDGET (self->gap_dropdown), !sii);
}

/* The periods like the target's baseline (the same kind and length) that
 * the data has for it: small areas' counts for an SII target, else the
 * comparator's values (a gap needs them).  NULL when that cannot be known
 * yet (no indicators computed). */
static GArray *
data_periods (GwTargetEditor  *self,
              const GwTarget  *t)
{
  GwIndicators *indicators = gw_session_peek_indicators (self->session);
  GwDataset *dataset = gw_session_get_dataset (self->session);
  g_autoptr(GArray) series = NULL;
  GArray *periods;
  guint span = gw_period_last_year (t->baseline) - gw_period_first_year (t->baseline) + 1;
  gint comparator;

  if (t->measure == GW_TARGET_MEASURE_SII)
    return gw_inequality_list_periods (dataset, span);

  comparator = t->comparator != NULL ? gw_dataset_lookup_area (dataset, t->comparator)
                                     : gw_dataset_get_country (dataset);
  if (indicators == NULL || comparator < 0)
    return NULL;
  series = gw_tracker_indicators_series (dataset, t->indicator, FALSE, (guint) comparator,
                                         t->sexes & (1u << GW_SEX_PERSONS) ? GW_SEX_PERSONS : GW_SEX_MALE,
                                         indicators);
  periods = g_array_new (FALSE, FALSE, sizeof (GwPeriod));
  for (guint i = 0; series != NULL && i < series->len; i++)
    {
      const GwSeriesPoint *p = &g_array_index (series, GwSeriesPoint, i);

      if (gw_period_kind (p->period) == gw_period_kind (t->baseline)
          && gw_period_last_year (p->period) - gw_period_first_year (p->period) + 1 == span
          && !isnan (p->value))
        g_array_append_val (periods, p->period);
    }
  return periods;
}

/* Issue 18: a baseline outside the data is explained, saying which periods
 * the data has (the target is kept: its data may come in a later import).
 * NULL when the data has the baseline, or cannot say yet. */
static char *
explain_baseline (GwTargetEditor  *self,
                  const GwTarget  *t)
{
  g_autoptr(GArray) periods = data_periods (self, t);
  char base[GW_PERIOD_STRLEN], first[GW_PERIOD_STRLEN], last[GW_PERIOD_STRLEN];

  if (periods == NULL)
    return NULL;
  for (guint i = 0; i < periods->len; i++)
    if (g_array_index (periods, GwPeriod, i) == t->baseline)
      return NULL;

  gw_period_format (t->baseline, base);
  if (periods->len == 0)
    return g_strdup_printf (t->measure == GW_TARGET_MEASURE_SII
                            ? _("The data has no small areas’ deaths and populations for periods like the baseline %s: "
                                "this target will have no values until they are imported.")
                            : _("The data has no values for periods like the baseline %s: "
                                "this target will have no values until they are imported."),
                            base);
  gw_period_format (g_array_index (periods, GwPeriod, 0), first);
  gw_period_format (g_array_index (periods, GwPeriod, periods->len - 1), last);
  /* TRANSLATORS: The data has no values for the baseline 1995-1997: it has 2002-2004 to 2005-2007. */
  return g_strdup_printf (_("The data has no values for the baseline %s: it has %s to %s. "
                            "Choose a baseline in that range, or import the data for it."),
                          base, first, last);
}

static void
load_form (GwTargetEditor *self)
{
  const GwTarget *t = self->current;
  gboolean builtin;
  char buf[GW_PERIOD_STRLEN];
  GtkWidget *focus;

  if (t == NULL)
    return;

  builtin = gw_session_is_builtin_target (t->name);
  self->loading = TRUE;

  /* The focus leaves a form about to turn insensitive for the list, where
   * the user was (delete), rather than nowhere. */
  focus = gtk_window_get_focus (GTK_WINDOW (self));
  if (builtin && focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->form_grid)))
    {
      GtkListBoxRow *row = gtk_list_box_get_selected_row (self->target_list);

      gtk_window_set_focus (GTK_WINDOW (self), row != NULL ? GTK_WIDGET (row) : GTK_WIDGET (self->target_list));
    }

  fill_choices (self);
  set_entry_text (self->title_entry, t->title != NULL ? t->title : t->name);
  gtk_drop_down_set_selected (self->indicator_dropdown, index_of (self->indicator_ids, t->indicator));
  gtk_drop_down_set_selected (self->group_dropdown, index_of (self->group_ids, t->group));
  gtk_drop_down_set_selected (self->measure_dropdown, t->measure == GW_TARGET_MEASURE_SII ? 1 : 0);
  set_entry_text (self->comparator_entry, t->comparator);
  gtk_drop_down_set_selected (self->gap_dropdown, t->gap == GW_GAP_ABSOLUTE ? 1 : 0);
  update_sii_rows (self, t->measure == GW_TARGET_MEASURE_SII);
  set_entry_text (self->baseline_entry, t->baseline != 0 ? gw_period_format (t->baseline, buf) : "");
  set_entry_text (self->target_period_entry,
                  t->target_period != 0 ? gw_period_format (t->target_period, buf) : "");
  gtk_spin_button_set_value (self->reduction_spin, 100.0 * t->reduction);
  gtk_drop_down_set_selected (self->sexes_dropdown, t->sexes == (1u << GW_SEX_PERSONS) ? 1 : 0);
  gtk_drop_down_set_selected (self->method_dropdown, t->method);

  gtk_widget_set_visible (GTK_WIDGET (self->builtin_label), builtin);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->form_grid), !builtin);
  gtk_widget_set_sensitive (GTK_WIDGET (self->delete_button), !builtin);

  self->loading = FALSE;
}

/* Reads a period entry; marks it when it does not parse. */
static gboolean
read_period (GtkEntry *entry,
             GwPeriod *out)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *clean = g_strstrip (g_strdup (text));
  gboolean ok;

  /* People type an en dash as written in reports: "1995–1997". */
  if (strstr (clean, "–") != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (clean, "–", -1);

      g_free (clean);
      clean = g_strjoinv ("-", parts);
    }

  ok = gw_period_parse (clean, out);
  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  return ok;
}

/* Whether a target other than the one named except is called title (the
 * case and the spaces round it ignored): two targets of one name cannot be
 * told apart in the target menu. */
static gboolean
title_taken (GwTargetEditor *self,
             const char     *title,
             const char     *except)
{
  g_autoptr(GPtrArray) targets = gw_session_list_targets (self->session);
  g_autofree char *wanted = g_utf8_casefold (title, -1);

  g_strstrip (wanted);
  for (guint i = 0; i < targets->len; i++)
    {
      const GwTarget *t = g_ptr_array_index (targets, i);
      g_autofree char *other = g_utf8_casefold (t->title != NULL ? t->title : t->name, -1);

      if (g_strcmp0 (t->name, except) != 0 && g_strcmp0 (g_strstrip (other), wanted) == 0)
        return TRUE;
    }
  return FALSE;
}

/* base, or "base 2", "base 3"…: the first no other target has. */
static char *
unique_title (GwTargetEditor *self,
              const char     *base)
{
  char *title = g_strdup (base);

  for (guint n = 2; title_taken (self, title, NULL); n++)
    {
      g_free (title);
      /* Translators: a second target of the same name, "New target 2". */
      title = g_strdup_printf (_("%s %u"), base, n);
    }
  return title;
}

/* The form as a target, or NULL with a message when it is not valid. */
static GwTarget *
read_form (GwTargetEditor *self,
           char          **message)
{
  g_autoptr(GwTarget) t = gw_target_copy (self->current);
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_entry));
  const char *comparator = gtk_editable_get_text (GTK_EDITABLE (self->comparator_entry));
  guint indicator = gtk_drop_down_get_selected (self->indicator_dropdown);
  guint group = gtk_drop_down_get_selected (self->group_dropdown);
  gboolean baseline_ok = read_period (self->baseline_entry, &t->baseline);
  gboolean target_ok = read_period (self->target_period_entry, &t->target_period);

  gtk_widget_remove_css_class (GTK_WIDGET (self->title_entry), "error");

  if (!baseline_ok || !target_ok)
    {
      *message = g_strdup (_("A period is three years such as “1995-1997”, or a year such as “2007”."));
      return NULL;
    }
  if (gw_period_midpoint (t->target_period) <= gw_period_midpoint (t->baseline))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->target_period_entry), "error");
      *message = g_strdup (_("The target period must come after the baseline."));
      return NULL;
    }

  if (title_taken (self, title[0] != '\0' ? title : t->name, t->name))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->title_entry), "error");
      *message = g_strdup_printf (_("Another target is already called “%s”: give this one a name of its own."),
                                  title);
      return NULL;
    }

  g_free (t->title);
  t->title = g_strdup (title[0] != '\0' ? title : t->name);
  if (indicator < self->indicator_ids->len)
    {
      g_free (t->indicator);
      t->indicator = g_strdup (g_ptr_array_index (self->indicator_ids, indicator));
    }
  if (group < self->group_ids->len)
    {
      g_free (t->group);
      t->group = g_strdup (g_ptr_array_index (self->group_ids, group));
    }
  g_free (t->comparator);
  t->comparator = comparator[0] != '\0' ? g_strstrip (g_strdup (comparator)) : NULL;
  t->gap = gtk_drop_down_get_selected (self->gap_dropdown) == 1 ? GW_GAP_ABSOLUTE : GW_GAP_RELATIVE;
  t->measure = gtk_drop_down_get_selected (self->measure_dropdown) == 1 ? GW_TARGET_MEASURE_SII
                                                                         : GW_TARGET_MEASURE_GAP;
  update_sii_rows (self, t->measure == GW_TARGET_MEASURE_SII);
  if (t->measure == GW_TARGET_MEASURE_SII)
    {
      if (!gw_target_sii_indicator (t->indicator, NULL))
        {
          *message = g_strdup (_("The SII within each area is of life expectancy: choose life expectancy at birth or at 65."));
          return NULL;
        }
      g_clear_pointer (&t->comparator, g_free);
      t->gap = GW_GAP_ABSOLUTE;
    }
  t->reduction = gtk_spin_button_get_value (self->reduction_spin) / 100.0;
  t->sexes = gtk_drop_down_get_selected (self->sexes_dropdown) == 1
             ? 1u << GW_SEX_PERSONS
             : (1u << GW_SEX_MALE) | (1u << GW_SEX_FEMALE);
  t->method = MIN (gtk_drop_down_get_selected (self->method_dropdown), GW_PROJECTION_HOLT);
  /* The indicator's own polarity, whatever the target was copied from. */
  t->polarity = GW_POLARITY_NONE;

  return g_steal_pointer (&t);
}

static void
on_field_changed_cb (GwTargetEditor *self)
{
  g_autoptr(GwTarget) target = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (self->loading || self->current == NULL || gw_session_is_builtin_target (self->current->name))
    return;

  target = read_form (self, &message);
  if (target != NULL)
    message = explain_baseline (self, target);
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (target == NULL)
    return;

  gw_target_free (self->current);
  self->current = gw_target_copy (target);

  self->saving = TRUE;
  if (!gw_session_save_target (self->session, target, &error))
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
  self->saving = FALSE;
}

/* The list */

static GtkWidget *
new_row (const GwTarget *target)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (target->title != NULL ? target->title : target->name);
  GtkWidget *kind = gtk_label_new (gw_session_is_builtin_target (target->name)
                                   ? _("Built in") : _("Edited"));
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (kind), 0.0f);
  gtk_widget_add_css_class (kind, "dim-label");
  gtk_widget_add_css_class (kind, "gw-subtitle");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), kind);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, target->name);
  return row;
}

/* Lists the targets again, keeping the one selected when it is still there. */
static void
fill_list (GwTargetEditor *self)
{
  g_autofree char *selected = self->current != NULL ? g_strdup (self->current->name) : NULL;
  GtkWidget *child;

  self->loading = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->target_list))) != NULL)
    gtk_list_box_remove (self->target_list, child);

  g_clear_pointer (&self->targets, g_ptr_array_unref);
  self->targets = gw_session_list_targets (self->session);
  for (guint i = 0; i < self->targets->len; i++)
    gtk_list_box_append (self->target_list, new_row (g_ptr_array_index (self->targets, i)));
  self->loading = FALSE;

  if (selected == NULL || !gw_target_editor_select (self, selected))
    gw_target_editor_select (self, "le-2010");
}

static void
on_session_targets_changed_cb (GwTargetEditor *self)
{
  GtkListBoxRow *row;

  /* A title typed here: only the row's label changes, not the form. */
  if (self->saving && self->current != NULL
      && (row = gtk_list_box_get_selected_row (self->target_list)) != NULL)
    {
      GtkWidget *box = gtk_list_box_row_get_child (row);

      gtk_label_set_label (GTK_LABEL (gtk_widget_get_first_child (box)), self->current->title);
      g_clear_pointer (&self->targets, g_ptr_array_unref);
      self->targets = gw_session_list_targets (self->session);
      return;
    }

  fill_list (self);
}

static void
on_target_list_row_selected_cb (GwTargetEditor *self,
                                GtkListBoxRow  *row)
{
  int index;

  if (self->loading || row == NULL)
    return;

  index = gtk_list_box_row_get_index (row);
  if (index < 0 || (guint) index >= self->targets->len)
    return;

  g_clear_pointer (&self->current, gw_target_free);
  self->current = gw_target_copy (g_ptr_array_index (self->targets, index));
  load_form (self);
  g_signal_emit (self, signals[TARGET_CHOSEN], 0, self->current->name);
}

/* Buttons */

/* Adding a target tracks it in the window at once (the table, the charts):
 * over a second on the samples, before the main loop runs again (issue 18
 * point 5: she clicked "New" twice and got two).  The busy cursor says it
 * is working, and New and Duplicate stay off for two frames of the editor:
 * GTK delivers events at the start of a frame, and the click was delivered
 * in the first, so the clicks queued during the work reach them in the
 * second, while they are still off. */
static void
set_adding (GwTargetEditor *self,
            gboolean        adding)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), !adding);
  gtk_widget_set_sensitive (GTK_WIDGET (self->duplicate_button), !adding);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), adding ? "progress" : NULL);
  if (adding)
    gdk_display_flush (gtk_widget_get_display (GTK_WIDGET (self)));
}

static void
stop_adding (GwTargetEditor *self)
{
  /* (a clock disposed with its window has dropped its handlers) */
  if (self->adding_id != 0 && g_signal_handler_is_connected (self->adding_clock, self->adding_id))
    g_signal_handler_disconnect (self->adding_clock, self->adding_id);
  self->adding_id = 0;
  g_clear_object (&self->adding_clock);
}

static void
on_added_painted_cb (GdkFrameClock  *clock,
                     GwTargetEditor *self)
{
  if (--self->adding_frames > 0)
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  stop_adding (self);
  set_adding (self, FALSE);
}

static void
add_target (GwTargetEditor *self,
            GwTarget       *target)
{
  g_autofree char *name = target->name;
  g_autoptr(GError) error = NULL;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock != NULL && self->adding_id == 0)
    {
      set_adding (self, TRUE);
      self->adding_frames = 2;
      self->adding_clock = g_object_ref (clock);
      self->adding_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_added_painted_cb), self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }

  target->name = gw_session_new_target_id (self->session);
  {
    g_autofree char *title = unique_title (self, target->title != NULL ? target->title : target->name);

    g_free (target->title);
    target->title = g_steal_pointer (&title);
    }
  if (!gw_session_save_target (self->session, target, &error))
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  gw_target_editor_select (self, target->name);
  /* Ready to be named. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->title_entry));
}

static void
on_add_button_clicked_cb (GwTargetEditor *self)
{
  gw_target_editor_add (self);
}

static void
on_duplicate_button_clicked_cb (GwTargetEditor *self)
{
  gw_target_editor_duplicate (self);
}

static void
on_delete_button_clicked_cb (GwTargetEditor *self)
{
  gw_target_editor_delete (self);
}

/* GObject */

static void
gw_target_editor_constructed (GObject *object)
{
  GwTargetEditor *self = GW_TARGET_EDITOR (object);

  G_OBJECT_CLASS (gw_target_editor_parent_class)->constructed (object);

  g_assert (GW_IS_SESSION (self->session));

  self->dataset = g_object_ref (gw_session_get_dataset (self->session));
  self->targets_changed_id =
    g_signal_connect_object (self->session, "targets-changed",
                             G_CALLBACK (on_session_targets_changed_cb), self, G_CONNECT_SWAPPED);
  fill_list (self);
}

static void
gw_target_editor_dispose (GObject *object)
{
  GwTargetEditor *self = (GwTargetEditor *) object;

  if (self->session != NULL)
    g_clear_signal_handler (&self->targets_changed_id, self->session);
  stop_adding (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), GW_TYPE_TARGET_EDITOR);

  g_clear_object (&self->session);
  g_clear_object (&self->dataset);
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  g_clear_pointer (&self->current, gw_target_free);
  g_clear_pointer (&self->indicator_ids, g_ptr_array_unref);
  g_clear_pointer (&self->group_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (gw_target_editor_parent_class)->dispose (object);
}

static void
gw_target_editor_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GwTargetEditor *self = GW_TARGET_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_target_editor_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  GwTargetEditor *self = GW_TARGET_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_target_editor_class_init (GwTargetEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = gw_target_editor_constructed;
  object_class->dispose = gw_target_editor_dispose;
  object_class->get_property = gw_target_editor_get_property;
  object_class->set_property = gw_target_editor_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         GW_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GwTargetEditor::target-chosen:
   * @name: the target's name
   *
   * The user selected a target in the list.
   */
  signals[TARGET_CHOSEN] = g_signal_new ("target-chosen", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, GW_RESOURCE_PREFIX "ui/gw-target-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, GwTargetEditor, add_button);
  gtk_widget_class_bind_template_child (widget_class, GwTargetEditor, baseline_entry);
  gtk_widget_class_bind_template_child (widget_class, GwTargetEditor, builtin_label);
  gtk_widget_class_bind_template_child (widget_class, GwTargetEditor, comparator_entry);
  gtk_widget_class_bind_template_child (widget_class, GwTargetEditor, delete_button);
  gtk_widget_class_bind_template_child (widget_class, GwTargetEditor, duplicate_button);
  gtk_widget_class_bind_template_child (widget_class, GwTargetEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, GwTargetEditor, form_grid);
  gtk_widget_class_bind_template_child (widget_class, GwTargetEditor, gap_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwTargetEditor, group_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwTargetEditor, indicator_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwTargetEditor, measure_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwTargetEditor, method_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwTargetEditor, reduction_spin);
  gtk_widget_class_bind_template_child (widget_class, GwTargetEditor, sexes_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GwTargetEditor, target_list);
  gtk_widget_class_bind_template_child (widget_class, GwTargetEditor, target_period_entry);
  gtk_widget_class_bind_template_child (widget_class, GwTargetEditor, title_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_add_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_duplicate_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_target_list_row_selected_cb);
}

static void
gw_target_editor_init (GwTargetEditor *self)
{
  const char *gaps[] = { gw_ui_gap_measure_label (GW_GAP_RELATIVE),
                         gw_ui_gap_measure_label (GW_GAP_ABSOLUTE), NULL };
  const char *sexes[] = { _("Men and women, separately"), _("Persons"), NULL };
  const char *measures[] = { _("The gap to the comparator"),
                             _("The SII within each area (years between the least and most deprived)"), NULL };
  const char *methods[] = { gw_ui_projection_label (GW_PROJECTION_LINEAR),
                            gw_ui_projection_label (GW_PROJECTION_LATEST),
                            gw_ui_projection_label (GW_PROJECTION_HOLT), NULL };

  self->indicator_ids = g_ptr_array_new_with_free_func (g_free);
  self->group_ids = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->loading = TRUE;
  set_strings (self->gap_dropdown, gaps);
  set_strings (self->measure_dropdown, measures);
  set_strings (self->sexes_dropdown, sexes);
  set_strings (self->method_dropdown, methods);
  self->loading = FALSE;
}

/* Public API */

GtkWidget *
gw_target_editor_new (GwSession *session)
{
  g_return_val_if_fail (GW_IS_SESSION (session), NULL);

  return g_object_new (GW_TYPE_TARGET_EDITOR,
                       "session", session,
                       NULL);
}

gboolean
gw_target_editor_select (GwTargetEditor *self,
                         const char     *name)
{
  g_return_val_if_fail (GW_IS_TARGET_EDITOR (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; self->targets != NULL && i < self->targets->len; i++)
    {
      const GwTarget *target = g_ptr_array_index (self->targets, i);
      GtkListBoxRow *row;

      if (g_strcmp0 (target->name, name) != 0)
        continue;

      row = gtk_list_box_get_row_at_index (self->target_list, i);
      if (row != gtk_list_box_get_selected_row (self->target_list))
        gtk_list_box_select_row (self->target_list, row);
      else if (self->current == NULL || g_strcmp0 (self->current->name, name) != 0)
        on_target_list_row_selected_cb (self, row);
      return TRUE;
    }

  return FALSE;
}

const char *
gw_target_editor_get_selected (GwTargetEditor *self)
{
  g_return_val_if_fail (GW_IS_TARGET_EDITOR (self), NULL);

  return self->current != NULL ? self->current->name : NULL;
}

void
gw_target_editor_add (GwTargetEditor *self)
{
  g_autoptr(GwTarget) target = gw_target_new_builtin ("le-2010");

  g_return_if_fail (GW_IS_TARGET_EDITOR (self));

  g_free (target->title);
  target->title = g_strdup (_("New target"));
  add_target (self, target);
}

void
gw_target_editor_duplicate (GwTargetEditor *self)
{
  g_autoptr(GwTarget) target = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (GW_IS_TARGET_EDITOR (self));

  if (self->current == NULL)
    return;

  target = gw_target_copy (self->current);
  /* Translators: the name of a copy of a target, "2010 life expectancy target (copy)". */
  title = g_strdup_printf (_("%s (copy)"), self->current->title != NULL ? self->current->title
                                                                         : self->current->name);
  g_free (target->title);
  target->title = g_steal_pointer (&title);
  add_target (self, target);
}

gboolean
gw_target_editor_delete (GwTargetEditor *self)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (GW_IS_TARGET_EDITOR (self), FALSE);

  if (self->current == NULL || gw_session_is_builtin_target (self->current->name))
    return FALSE;

  name = g_strdup (self->current->name);
  g_clear_pointer (&self->current, gw_target_free);
  if (!gw_session_remove_target (self->session, name, NULL))
    return FALSE;

  gw_target_editor_select (self, "le-2010");
  return TRUE;
}
