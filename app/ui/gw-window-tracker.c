/* gw-window-tracker.c: the window's target tracker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whenever the dataset changes (an import, a removal) the indicators are
 * computed again in a GTask thread (house style 10); an import of many files
 * computes once, when it is done.  The tracker itself is quick and runs on
 * the main thread, for the target chosen in the header bar, whenever the
 * indicators or the target change; the table, the summary strip, the area
 * view and the banner of status changes follow at once.  Nothing here
 * computes a number: it asks app/methods and app/tracker.
 */
#include "gw-config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "gw-preferences.h"
#include "gw-target-editor.h"
#ifdef GW_HAVE_RENDER
#include "gw-chart-view.h"
#include "gw-print-operation.h"
#endif
#include "gw-ui-text.h"
#include "gw-window-private.h"

/* How many changes of status the banner names; the rest are counted. */
#define MAX_CHANGES_LISTED 8

static void gw_window_run_tracker (GwWindow *self,
                                   gboolean  announce);

/* The target's description above the table */

static const char *
group_name (GwWindow   *self,
            const char *id)
{
  gint group = gw_dataset_lookup_group (self->dataset, id);

  return group >= 0 ? gw_dataset_get_group (self->dataset, group)->name : id;
}

static const char *
comparator_name (GwWindow *self)
{
  gint area = self->target->comparator != NULL
              ? gw_dataset_lookup_area (self->dataset, self->target->comparator)
              : gw_dataset_get_country (self->dataset);

  if (area >= 0)
    return gw_dataset_get_area (self->dataset, area)->name;
  return self->target->comparator != NULL ? self->target->comparator : _("England");
}

static const char *
indicator_name (GwWindow *self)
{
  const char *name = gw_ui_indicator_name (self->target->indicator);
  gint index;

  if (name != NULL)
    return name;
  index = gw_dataset_lookup_indicator (self->dataset, self->target->indicator);
  return index >= 0 ? gw_dataset_get_indicator (self->dataset, index)->name : self->target->indicator;
}

static char *
gap_unit (GwWindow *self)
{
  const char *unit;
  gint index;

  if (self->target->gap == GW_GAP_RELATIVE)
    return g_strdup ("%");

  unit = gw_ui_indicator_short_unit (self->target->indicator);
  if (unit != NULL)
    return g_strdup (unit);
  index = gw_dataset_lookup_indicator (self->dataset, self->target->indicator);
  return g_strdup (index >= 0 && gw_dataset_get_indicator (self->dataset, index)->unit != NULL
                   ? gw_dataset_get_indicator (self->dataset, index)->unit : "");
}

static void
gw_window_update_target_label (GwWindow *self)
{
  g_autofree char *baseline = gw_ui_format_period (self->target->baseline);
  g_autofree char *target_period = gw_ui_format_period (self->target->target_period);
  g_autofree char *reduction = gw_ui_format_number (100.0 * self->target->reduction, 0);
  g_autofree char *indicator = g_utf8_strdown (indicator_name (self), -1);
  g_autofree char *method = g_utf8_strdown (gw_ui_projection_label (self->target->method), -1);
  g_autofree char *text = NULL;
  const char *whom;

  whom = self->target->sexes == (1u << GW_SEX_PERSONS) ? _("persons") : _("men and women");

  /* Translators: the description of the target above the table, e.g.
   * "Spearhead Group against England: narrow the relative gap in life
   * expectancy at birth by 10% from 1995–1997 to 2009–2011 (men and women;
   * projection: linear trend)." */
  text = g_strdup_printf (self->target->gap == GW_GAP_RELATIVE
                          ? _("%s against %s: narrow the relative gap in %s by %s%% from %s to %s (%s; projection: %s).")
                          : _("%s against %s: narrow the absolute gap in %s by %s%% from %s to %s (%s; projection: %s)."),
                          group_name (self, self->target->group), comparator_name (self),
                          indicator, reduction, baseline, target_period, whom, method);
  gtk_label_set_label (self->target_label, text);
}

/* The banner of status changes */

static const GwTrackerRow *
find_row (GPtrArray          *rows,
          const GwTrackerRow *like)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const GwTrackerRow *row = g_ptr_array_index (rows, i);

      if (row->is_group == like->is_group && row->sex == like->sex
          && g_strcmp0 (row->code, like->code) == 0)
        return row;
    }

  return NULL;
}

/* "2 areas changed status with the new data: Hartlepool (men): on track →
 * off track, Darlington (women): …", every name a link to its row.
 * Returns NULL when nothing changed. */
static char *
describe_changes (GPtrArray *before,
                  GPtrArray *after)
{
  g_autoptr(GHashTable) areas = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) list = g_string_new (NULL);
  guint n_changes = 0;
  g_autofree char *heading = NULL;

  for (guint i = 0; i < after->len; i++)
    {
      const GwTrackerRow *row = g_ptr_array_index (after, i);
      const GwTrackerRow *old = find_row (before, row);
      g_autofree char *name = NULL;
      g_autofree char *code = NULL;
      g_autofree char *link = NULL;

      if (old == NULL || old->status == row->status)
        continue;

      g_hash_table_add (areas, row->code);
      n_changes++;
      if (n_changes > MAX_CHANGES_LISTED)
        continue;

      name = g_markup_escape_text (row->name != NULL ? row->name : row->code, -1);
      code = g_markup_escape_text (row->code, -1);
      link = g_strdup_printf ("<a href=\"gw-area:%s\">%s</a>", code, name);
      if (list->len > 0)
        /* Translators: between the changes of status in the banner. */
        g_string_append (list, C_("list separator", ", "));
      /* Translators: one change of status in the banner: "Hartlepool (men):
       * on track → off track"; the first %s is the area's name as a link. */
      g_string_append_printf (list, C_("status change", "%s (%s): %s → %s"),
                              link,
                              gw_ui_sex_phrase (row->sex),
                              gw_ui_status_phrase (old->status),
                              gw_ui_status_phrase (row->status));
    }

  if (n_changes == 0)
    return NULL;

  if (n_changes > MAX_CHANGES_LISTED)
    {
      guint more = n_changes - MAX_CHANGES_LISTED;

      g_string_append_c (list, ' ');
      g_string_append_printf (list, ngettext ("and %u more.", "and %u more.", more), more);
    }
  else
    g_string_append_c (list, '.');

  heading = g_strdup_printf (ngettext ("%u area changed status with the new data:",
                                       "%u areas changed status with the new data:",
                                       g_hash_table_size (areas)),
                             g_hash_table_size (areas));
  return g_strdup_printf ("<b>%s</b> %s", heading, list->str);
}

static void
on_changes_close_clicked_cb (GwWindow *self)
{
  gtk_revealer_set_reveal_child (self->changes_revealer, FALSE);
}

static gboolean
on_changes_label_activate_link_cb (GwWindow   *self,
                                   const char *uri,
                                   GtkLabel   *label)
{
  if (!g_str_has_prefix (uri, "gw-area:"))
    return FALSE;

  gw_window_show_page (self, "tracker");
  if (gw_tracker_view_select_code (self->tracker_view, uri + strlen ("gw-area:")))
    gtk_widget_grab_focus (GTK_WIDGET (gw_tracker_view_get_column_view (self->tracker_view)));
  return TRUE;
}

/* The tracker */

/* What can be copied, exported and printed follows what is shown. */
static void
gw_window_update_actions (GwWindow *self)
{
  gboolean rows = self->rows != NULL && self->indicators != NULL;
  gboolean render = FALSE;

#ifdef GW_HAVE_RENDER
  render = TRUE;
#endif

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-csv", rows);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-rows", rows);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", rows && render);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-report", rows && render);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-chart",
                                 rows && render && gw_area_view_get_item (self->area_view) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-chart",
                                 rows && render && gw_area_view_get_item (self->area_view) != NULL);
}

static void
on_selected_item_changed_cb (GwWindow      *self,
                             GParamSpec    *pspec,
                             GwTrackerView *view)
{
  gw_area_view_set_item (self->area_view, gw_tracker_view_get_selected_item (view));
  gw_window_update_actions (self);
}

/* Runs the current target on the current indicators and shows the rows;
 * announce: say which areas changed status since the last run (after new
 * data, not after a new target). */
static void
gw_window_run_tracker (GwWindow *self,
                       gboolean  announce)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *changes = NULL;
  gboolean first;

  if (self->target == NULL)
    return;

  gw_window_update_target_label (self);

  if (self->indicators == NULL)
    {
      gw_tracker_view_show_loading (self->tracker_view);
      return;
    }

  rows = gw_tracker_run (self->dataset, self->target, gw_tracker_indicators_series,
                         self->indicators, &error);
  if (rows == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("%s. Import the exports that define it, or choose another target."),
                                                  error->message);

      gw_tracker_view_show_message (self->tracker_view,
                                    _("This target cannot be tracked with the data imported"),
                                    message);
      gw_area_view_set_data (self->area_view, self->dataset, self->indicators, self->target, "%");
      gw_area_view_set_item (self->area_view, NULL);
      g_clear_pointer (&self->rows, g_ptr_array_unref);
      g_clear_pointer (&self->rows_target, g_free);
      gw_window_update_actions (self);
      return;
    }

  if (announce && self->rows != NULL && g_strcmp0 (self->rows_target, self->target->name) == 0)
    changes = describe_changes (self->rows, rows);
  if (changes != NULL)
    {
      gtk_label_set_markup (self->changes_label, changes);
      gtk_revealer_set_reveal_child (self->changes_revealer, TRUE);
    }
  else if (!announce || g_strcmp0 (self->rows_target, self->target->name) != 0)
    /* The changes listed were those of another target, or older data. */
    gtk_revealer_set_reveal_child (self->changes_revealer, FALSE);

  first = self->rows == NULL;
  unit = gap_unit (self);
  gw_area_view_set_data (self->area_view, self->dataset, self->indicators, self->target, unit);
  gw_tracker_view_set_rows (self->tracker_view, rows, self->target, unit);

  /* The items are new objects even where the area is the same. */
  if (first && gw_tracker_view_get_selected_item (self->tracker_view) == NULL && rows->len > 0)
    gw_tracker_view_select_code (self->tracker_view, ((GwTrackerRow *) g_ptr_array_index (rows, 0))->code);
  gw_area_view_set_item (self->area_view, gw_tracker_view_get_selected_item (self->tracker_view));

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = g_steal_pointer (&rows);
  g_free (self->rows_target);
  self->rows_target = g_strdup (self->target->name);
  gw_window_update_actions (self);
}

/* Computing the indicators */

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GwDataset *dataset = task_data;

  /* gw_indicators_compute() holds the dataset's read lock while it reads. */
  g_task_return_pointer (task, gw_indicators_compute (dataset), (GDestroyNotify) gw_indicators_free);
}

static void gw_window_start_compute (GwWindow *self);

static void
on_compute_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(GwWindow) self = g_weak_ref_get (weak);
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  GwIndicators *indicators = g_task_propagate_pointer (G_TASK (result), NULL);
  GwIndicators *old;

  g_weak_ref_clear (weak);
  g_free (weak);

  /* The window went away, or this computation was superseded. */
  if (self == NULL || g_cancellable_is_cancelled (cancellable) || self->compute_cancellable != cancellable)
    {
      g_clear_pointer (&indicators, gw_indicators_free);
      return;
    }
  g_clear_object (&self->compute_cancellable);

  /* The dataset changed while this ran: these numbers are already old. */
  if (self->data_changed)
    {
      g_clear_pointer (&indicators, gw_indicators_free);
      if (self->task == NULL)
        gw_window_start_compute (self);
      gw_window_notify_computing (self);
      return;
    }

  /* The views borrow the indicators: give them the new ones first. */
  old = self->indicators;
  self->indicators = indicators;
  gw_window_run_tracker (self, TRUE);
  g_clear_pointer (&old, gw_indicators_free);

  gw_window_notify_computing (self);
}

static void
gw_window_start_compute (GwWindow *self)
{
  g_autoptr(GTask) task = NULL;
  GWeakRef *weak;

  g_assert (self->compute_cancellable == NULL);

  self->data_changed = FALSE;
  self->compute_cancellable = g_cancellable_new ();
  if (self->indicators == NULL)
    gw_tracker_view_show_loading (self->tracker_view);

  /* A weak reference: closing the window does not wait for the thread. */
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  task = g_task_new (NULL, self->compute_cancellable, on_compute_done_cb, weak);
  g_task_set_source_tag (task, gw_window_start_compute);
  g_task_set_task_data (task, g_object_ref (self->dataset), g_object_unref);
  g_task_run_in_thread (task, compute_thread);

  gw_window_notify_computing (self);
}

static void
on_dataset_changed_cb (GwWindow  *self,
                       GwDataset *dataset)
{
  self->data_changed = TRUE;

  /* During an import, once at its end (gw_window_tracker_import_done);
   * during a computation, again when it is done. */
  if (self->task == NULL && self->compute_cancellable == NULL)
    gw_window_start_compute (self);
  gw_window_notify_computing (self);
}

void
gw_window_tracker_import_done (GwWindow *self)
{
  if (self->data_changed && self->compute_cancellable == NULL)
    gw_window_start_compute (self);
}

/* Another workspace was opened: nothing of the old dataset is shown, and
 * the new one is computed. */
void
gw_window_tracker_set_dataset (GwWindow  *self,
                               GwDataset *old)
{
  if (self->compute_cancellable != NULL)
    {
      g_cancellable_cancel (self->compute_cancellable);
      g_clear_object (&self->compute_cancellable);
    }
  if (old != NULL)
    g_clear_signal_handler (&self->dataset_changed_id, old);
  /* The editor lists the areas and groups of the old dataset. */
  if (self->target_editor != NULL)
    gtk_window_destroy (g_steal_pointer (&self->target_editor));

  gtk_revealer_set_reveal_child (self->changes_revealer, FALSE);
  /* The area view borrows the indicators. */
  gw_area_view_set_item (self->area_view, NULL);
  gw_area_view_set_data (self->area_view, NULL, NULL, NULL, NULL);
  g_clear_pointer (&self->indicators, gw_indicators_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->rows_target, g_free);
  self->data_changed = FALSE;

  self->dataset_changed_id =
    g_signal_connect_object (self->dataset, "changed",
                             G_CALLBACK (on_dataset_changed_cb), self, G_CONNECT_SWAPPED);
  gw_window_update_actions (self);
  gw_window_update_target_label (self);
  if (g_list_model_get_n_items (gw_dataset_get_imports (self->dataset)) > 0)
    gw_window_start_compute (self);
  else
    gw_tracker_view_show_loading (self->tracker_view);
  gw_window_notify_computing (self);
}

/* Targets */

static void
gw_window_fill_targets (GwWindow *self)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  guint selected = 0;
  gboolean found = FALSE;

  g_clear_pointer (&self->targets, g_ptr_array_unref);
  self->targets = gw_settings_dup_targets (self->settings);

  for (guint i = 0; i < self->targets->len; i++)
    {
      const GwTarget *target = g_ptr_array_index (self->targets, i);

      gtk_string_list_append (titles, target->title != NULL ? target->title : target->name);
      if (self->target != NULL && g_strcmp0 (target->name, self->target->name) == 0)
        {
          selected = i;
          found = TRUE;
        }
    }

  self->updating_targets = TRUE;
  gtk_drop_down_set_model (self->target_dropdown, G_LIST_MODEL (titles));
  gtk_drop_down_set_selected (self->target_dropdown, selected);
  self->updating_targets = FALSE;

  /* The target tracked was deleted: the first (built-in) one. */
  if (!found && self->target != NULL)
    {
      g_clear_pointer (&self->target, gw_target_free);
      self->target = gw_target_copy (g_ptr_array_index (self->targets, 0));
      gw_window_run_tracker (self, FALSE);
    }
}

static void
on_target_dropdown_selected_cb (GwWindow    *self,
                                GParamSpec  *pspec,
                                GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->updating_targets || self->targets == NULL || selected >= self->targets->len)
    return;

  gw_window_set_target (self, ((GwTarget *) g_ptr_array_index (self->targets, selected))->name);
}

static gboolean
targets_equal (const GwTarget *a,
               const GwTarget *b)
{
  return g_strcmp0 (a->name, b->name) == 0 && g_strcmp0 (a->title, b->title) == 0
         && g_strcmp0 (a->indicator, b->indicator) == 0 && g_strcmp0 (a->group, b->group) == 0
         && g_strcmp0 (a->comparator, b->comparator) == 0 && a->gap == b->gap
         && a->baseline == b->baseline && a->target_period == b->target_period
         && a->reduction == b->reduction && a->sexes == b->sexes && a->method == b->method
         && a->polarity == b->polarity;
}

/* A target was added, edited or deleted in the editor (or by dconf). */
static void
on_settings_targets_changed_cb (GwWindow   *self,
                                GParamSpec *pspec,
                                GwSettings *settings)
{
  g_autoptr(GwTarget) current = NULL;

  gw_window_fill_targets (self);

  current = self->target != NULL ? gw_settings_dup_target (self->settings, self->target->name) : NULL;
  if (current != NULL && !targets_equal (current, self->target))
    {
      gw_target_free (self->target);
      self->target = g_steal_pointer (&current);
      gw_window_run_tracker (self, FALSE);
    }
}

/* Settings the area view shows */

static gboolean
level_to_double (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  g_value_set_double (to, g_strcmp0 (g_value_get_string (from), "99.8") == 0 ? 99.8 : 95.0);
  return TRUE;
}

/* The status icons of the table follow the charts' palette: blue and
 * vermilion for colour-blind eyes, no colour at all in greyscale. */
static void
on_settings_palette_changed_cb (GwWindow   *self,
                                GParamSpec *pspec,
                                GwSettings *settings)
{
  static const char *const classes[] = {
    "gw-palette-standard", "gw-palette-colour-blind", "gw-palette-greyscale",
  };
  g_autofree char *wanted = g_strdup_printf ("gw-palette-%s", gw_settings_get_palette (settings));

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self), wanted);
}

/* Actions */

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);

  gw_window_show_page (self, "tracker");
  gw_tracker_view_focus_search (self->tracker_view);
}

static void
copy_rows_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);

  if (!gw_tracker_view_copy_selection (self->tracker_view))
    gw_window_show_message (self, _("Select rows in the table to copy them."));
}

static void
show_error_dialog (GwWindow   *self,
                   const char *primary,
                   const char *secondary)
{
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                              GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                              "%s", primary);

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The Export dialogs: the table as CSV, the board report as PDF, the
 * selected area's gap chart as an image. */
typedef enum
{
  SAVE_CSV = 0,
  SAVE_REPORT,
  SAVE_CHART,
} SaveKind;

static void
on_save_chooser_response_cb (GtkNativeDialog *dialog,
                             int              response,
                             GwWindow        *self)
{
  g_autoptr(GFile) file = NULL;
  SaveKind kind = self->save_kind;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->save_chooser);

  if (file != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_file_get_basename (file);
      gboolean saved;

      if (kind == SAVE_REPORT)
        saved = gw_window_export_report (self, file, &error);
      else if (kind == SAVE_CHART)
        saved = gw_window_export_chart (self, file, &error);
      else
        saved = gw_window_save_csv (self, file, &error);

      if (!saved)
        {
          g_autofree char *primary = g_strdup_printf (_("“%s” could not be saved"), name);

          show_error_dialog (self, primary, error->message);
        }
    }
}

static void
gw_window_open_save_dialog (GwWindow           *self,
                            SaveKind            kind,
                            const char         *title,
                            const char         *name,
                            const char         *filter_name,
                            const char * const *patterns)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->save_chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->save_chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->save_chooser));
      g_clear_object (&self->save_chooser);
    }

  self->save_kind = kind;
  self->save_chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_SAVE,
                                                    _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->save_chooser), TRUE);
  gtk_file_filter_set_name (filter, filter_name);
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->save_chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->save_chooser), name);

  g_signal_connect (self->save_chooser, "response", G_CALLBACK (on_save_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->save_chooser));
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);
  const char *patterns[] = { "*.csv", NULL };
  g_autofree char *name = NULL;

  if (gw_tracker_view_get_rows (self->tracker_view) == NULL)
    return;

  /* Translators: the file name the CSV export suggests, "le-2010-tracker.csv". */
  name = g_strdup_printf (_("%s-tracker.csv"), self->target->name);
  gw_window_open_save_dialog (self, SAVE_CSV, _("Export Table as CSV"), name,
                              _("CSV files (*.csv)"), patterns);
}

static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);
  const char *patterns[] = { "*.pdf", NULL };
  g_autofree char *name = NULL;

  /* Translators: the file name the report export suggests, "le-2010-report.pdf". */
  name = g_strdup_printf (_("%s-report.pdf"), self->target->name);
  gw_window_open_save_dialog (self, SAVE_REPORT, _("Export Report as PDF"), name,
                              _("PDF documents (*.pdf)"), patterns);
}

static void
export_chart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);
  const char *patterns[] = { "*.png", "*.svg", "*.pdf", NULL };
  GwTrackerItem *item = gw_area_view_get_item (self->area_view);
  g_autofree char *name = NULL;

  if (item == NULL)
    {
      gw_window_show_message (self, _("Select an area in the table to export its chart."));
      return;
    }

  /* Translators: the file name the chart export suggests, "E06000001-gap.png";
   * the extension chooses PNG, SVG or PDF. */
  name = g_strdup_printf (_("%s-gap.png"), gw_tracker_item_get_code (item));
  gw_window_open_save_dialog (self, SAVE_CHART, _("Export Chart as Image"), name,
                              _("Images and documents (*.png, *.svg, *.pdf)"), patterns);
}

#ifdef GW_HAVE_RENDER
static GwChartPalette
window_palette (GwWindow *self)
{
  GwChartPalette palette = GW_CHART_PALETTE_STANDARD;

  gw_chart_palette_parse (gw_settings_get_palette (self->settings), &palette);
  return palette;
}
#endif

#ifdef GW_HAVE_RENDER
/* The chart that has the keyboard focus (a click gives it), or NULL. */
static GwChartView *
focused_chart (GwWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *chart = focus != NULL ? gtk_widget_get_ancestor (focus, GW_TYPE_CHART_VIEW) : NULL;

  return chart != NULL ? GW_CHART_VIEW (chart) : NULL;
}

/* The chart shown beside the table: on the screen's palette and level, on
 * paper's colours (gw_print_chart prints no theme). */
static void
print_chart (GwWindow    *self,
             GwChartView *view)
{
  GwChartStyle style;

  if (view == NULL && gw_area_view_get_n_charts (self->area_view) > 0)
    view = GW_CHART_VIEW (gw_area_view_get_chart (self->area_view, 0));
  if (view == NULL || gw_chart_view_get_chart (view) == NULL)
    {
      gw_window_show_message (self, _("Select an area in the table to print its chart."));
      return;
    }

  gw_chart_view_get_style (view, &style);
  gw_print_chart (GTK_WINDOW (self), gw_chart_view_get_chart (view), &style);
}
#endif

static void
print_chart_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
#ifdef GW_HAVE_RENDER
  GwWindow *self = GW_WINDOW (widget);

  if (self->indicators == NULL || self->rows == NULL)
    return;
  /* The menu has the focus now: the chart that had it before. */
  print_chart (self, focused_chart (self) != NULL ? focused_chart (self)
                     : self->last_chart != NULL ? GW_CHART_VIEW (self->last_chart) : NULL);
#endif
}

static void
on_focus_widget_changed_cb (GwWindow   *self,
                            GParamSpec *pspec,
                            GtkWindow  *window)
{
#ifdef GW_HAVE_RENDER
  GwChartView *chart = focused_chart (self);

  if (chart != NULL)
    g_set_weak_pointer (&self->last_chart, GTK_WIDGET (chart));
#endif
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
#ifdef GW_HAVE_RENDER
  GwWindow *self = GW_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  GwChartView *chart;

  if (self->indicators == NULL || self->rows == NULL)
    return;

  /* Ctrl+P on a chart prints that chart. */
  chart = focused_chart (self);
  if (chart != NULL && gw_chart_view_get_chart (chart) != NULL)
    {
      print_chart (self, chart);
      return;
    }

  /* The board report: the group and every member area, a page each. */
  if (!gw_print_report (GTK_WINDOW (self), self->dataset, self->indicators, self->target,
                        window_palette (self), &error))
    show_error_dialog (self, _("The report cannot be printed"), error->message);
#endif
}

static void
on_target_editor_destroy_cb (GwWindow  *self,
                             GtkWidget *editor)
{
  self->target_editor = NULL;
}

static void
on_editor_target_chosen_cb (GwWindow       *self,
                            const char     *name,
                            GwTargetEditor *editor)
{
  gw_window_set_target (self, name);
}

static void
edit_targets_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);

  if (self->target_editor == NULL)
    {
      self->target_editor = GTK_WINDOW (gw_target_editor_new (self->settings, self->dataset));
      gtk_window_set_transient_for (self->target_editor, GTK_WINDOW (self));
      gtk_window_set_destroy_with_parent (self->target_editor, TRUE);
      g_signal_connect_object (self->target_editor, "destroy",
                               G_CALLBACK (on_target_editor_destroy_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->target_editor, "target-chosen",
                               G_CALLBACK (on_editor_target_chosen_cb), self, G_CONNECT_SWAPPED);
    }

  gw_target_editor_select (GW_TARGET_EDITOR (self->target_editor), self->target->name);
  gtk_window_present (self->target_editor);
}

/* GwWindow hooks */

void
gw_window_tracker_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_changes_close_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_changes_label_activate_link_cb);

  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.copy-rows", NULL, copy_rows_action);
  gtk_widget_class_install_action (widget_class, "win.export-csv", NULL, export_csv_action);
  gtk_widget_class_install_action (widget_class, "win.export-chart", NULL, export_chart_action);
  gtk_widget_class_install_action (widget_class, "win.export-report", NULL, export_report_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.print-chart", NULL, print_chart_action);
  gtk_widget_class_install_action (widget_class, "win.edit-targets", NULL, edit_targets_action);
}

void
gw_window_tracker_init (GwWindow *self)
{
  gw_window_update_actions (self);

  g_signal_connect_swapped (self->tracker_view, "notify::selected-item",
                            G_CALLBACK (on_selected_item_changed_cb), self);
  g_signal_connect_swapped (self->target_dropdown, "notify::selected",
                            G_CALLBACK (on_target_dropdown_selected_cb), self);
  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (on_focus_widget_changed_cb), NULL);
}

void
gw_window_tracker_constructed (GwWindow *self)
{
  self->target = gw_settings_dup_target (self->settings, gw_settings_get_default_target (self->settings));
  if (self->target == NULL)
    self->target = gw_target_new_builtin ("le-2010");
  gw_window_fill_targets (self);

  g_object_bind_property (self->settings, "palette", self->area_view, "palette", G_BINDING_SYNC_CREATE);
  g_object_bind_property_full (self->settings, "confidence-level", self->area_view, "confidence-level",
                               G_BINDING_SYNC_CREATE, level_to_double, NULL, NULL, NULL);

  g_signal_connect_object (self->settings, "notify::palette",
                           G_CALLBACK (on_settings_palette_changed_cb), self, G_CONNECT_SWAPPED);
  on_settings_palette_changed_cb (self, NULL, self->settings);
  self->targets_changed_id =
    g_signal_connect_object (self->settings, "notify::targets",
                             G_CALLBACK (on_settings_targets_changed_cb), self, G_CONNECT_SWAPPED);
  self->dataset_changed_id =
    g_signal_connect_object (self->dataset, "changed",
                             G_CALLBACK (on_dataset_changed_cb), self, G_CONNECT_SWAPPED);

  gw_window_update_target_label (self);
  /* Another window imported before this one opened. */
  if (g_list_model_get_n_items (gw_dataset_get_imports (self->dataset)) > 0)
    gw_window_start_compute (self);
}

void
gw_window_tracker_dispose (GwWindow *self)
{
  if (self->compute_cancellable != NULL)
    {
      g_cancellable_cancel (self->compute_cancellable);
      g_clear_object (&self->compute_cancellable);
    }
  if (self->dataset != NULL)
    g_clear_signal_handler (&self->dataset_changed_id, self->dataset);
  if (self->settings != NULL)
    g_clear_signal_handler (&self->targets_changed_id, self->settings);

  if (self->save_chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->save_chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->save_chooser));
      g_clear_object (&self->save_chooser);
    }
  if (self->target_editor != NULL)
    gtk_window_destroy (g_steal_pointer (&self->target_editor));
  g_clear_weak_pointer (&self->last_chart);

  /* The area view borrows the indicators. */
  if (self->area_view != NULL)
    gw_area_view_set_data (self->area_view, NULL, NULL, NULL, NULL);
  g_clear_pointer (&self->indicators, gw_indicators_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->rows_target, g_free);
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  g_clear_pointer (&self->target, gw_target_free);
}

/* Public API */

const char *
gw_window_get_target_name (GwWindow *self)
{
  g_return_val_if_fail (GW_IS_WINDOW (self), NULL);

  return self->target != NULL ? self->target->name : NULL;
}

/**
 * gw_window_set_target:
 * @name: a target's name: "le-2010", "imr-2010" or an edited target's
 *
 * Tracks that target: the table, the summary, the figures and the charts
 * change at once.
 *
 * Returns: %FALSE when there is no target of that name.
 */
gboolean
gw_window_set_target (GwWindow   *self,
                      const char *name)
{
  g_return_val_if_fail (GW_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; self->targets != NULL && i < self->targets->len; i++)
    {
      const GwTarget *target = g_ptr_array_index (self->targets, i);

      if (g_strcmp0 (target->name, name) != 0)
        continue;

      self->updating_targets = TRUE;
      gtk_drop_down_set_selected (self->target_dropdown, i);
      self->updating_targets = FALSE;

      if (self->target == NULL || !targets_equal (self->target, target))
        {
          g_clear_pointer (&self->target, gw_target_free);
          self->target = gw_target_copy (target);
          gw_window_run_tracker (self, FALSE);
        }
      return TRUE;
    }

  return FALSE;
}

/**
 * gw_window_save_csv:
 * @file: where to write
 *
 * Writes the tracker table as CSV, the columns and rows of
 * `gapwatch-cli track`, and says so in the banner.  The Export dialog's
 * path.
 *
 * Returns: %FALSE with @error set when there is no table or the file could
 * not be written.
 */
gboolean
gw_window_save_csv (GwWindow  *self,
                    GFile     *file,
                    GError   **error)
{
  g_autofree char *csv = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (GW_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  csv = gw_tracker_view_format_csv (self->tracker_view);
  if (csv == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("There is no table to export: the target cannot be tracked with the data imported."));
      return FALSE;
    }

  if (!g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error))
    return FALSE;

  name = g_file_get_basename (file);
  message = g_strdup_printf (_("Saved the table as “%s”."), name);
  gw_window_show_message (self, message);
  return TRUE;
}

/**
 * gw_window_export_report:
 * @file: where to write the PDF
 *
 * Writes the board report of the target tracked (the group and every
 * member area) as a PDF, in the charts' palette, and says so in the banner.
 * The Export Report dialog's path.
 *
 * Returns: %FALSE with @error set when the report cannot be made or written.
 */
gboolean
gw_window_export_report (GwWindow  *self,
                         GFile     *file,
                         GError   **error)
{
#ifdef GW_HAVE_RENDER
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
#endif

  g_return_val_if_fail (GW_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

#ifdef GW_HAVE_RENDER
  path = g_file_get_path (file);
  if (self->indicators == NULL || path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           self->indicators == NULL ? _("The indicators are not computed yet.")
                                                    : _("Reports can only be saved on this computer."));
      return FALSE;
    }
  if (!gw_print_export_pdf (self->dataset, self->indicators, self->target, window_palette (self),
                            path, error))
    return FALSE;

  name = g_file_get_basename (file);
  message = g_strdup_printf (_("Saved the report as “%s”."), name);
  gw_window_show_message (self, message);
  return TRUE;
#else
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("Reports are not available in this version."));
  return FALSE;
#endif
}

/**
 * gw_window_export_chart:
 * @file: a .png, .svg or .pdf file
 *
 * Writes the gap chart of the area shown beside the table, on white, in
 * the charts' palette: a PNG of 1500 × 1000 pixels at 150 dpi, or an SVG or
 * PDF of 720 × 480 points.  The Export Chart dialog's path.
 *
 * Returns: %FALSE with @error set when there is no chart or it cannot be
 * written.
 */
gboolean
gw_window_export_chart (GwWindow  *self,
                        GFile     *file,
                        GError   **error)
{
#ifdef GW_HAVE_RENDER
  GwChart *chart = NULL;
  GwChartStyle style;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  gboolean png;
#endif

  g_return_val_if_fail (GW_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

#ifdef GW_HAVE_RENDER
  if (gw_area_view_get_n_charts (self->area_view) > 0)
    chart = gw_chart_view_get_chart (GW_CHART_VIEW (gw_area_view_get_chart (self->area_view, 0)));
  path = g_file_get_path (file);
  if (chart == NULL || path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           chart == NULL ? _("Select an area in the table to export its chart.")
                                         : _("Charts can only be saved on this computer."));
      return FALSE;
    }

  /* Paper, not the screen's theme: the default white background. */
  gw_chart_style_init (&style, window_palette (self));
#ifdef GW_CHART_STYLE_HAS_CONFIDENCE_LEVEL
  style.confidence_level = gw_settings_get_confidence_level (self->settings);
#endif
  png = g_str_has_suffix (path, ".png") || g_str_has_suffix (path, ".PNG");
  style.scale = png ? 150.0 / 72.0 : 1.0;
  if (!gw_chart_export (chart, &style, path, png ? 1500 : 720, png ? 1000 : 480, error))
    return FALSE;

  name = g_file_get_basename (file);
  message = g_strdup_printf (_("Saved the chart as “%s”."), name);
  gw_window_show_message (self, message);
  return TRUE;
#else
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("Charts are not available in this version."));
  return FALSE;
#endif
}

void
gw_window_show_page (GwWindow   *self,
                     const char *name)
{
  g_return_if_fail (GW_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  gtk_stack_set_visible_child_name (self->view_stack, name);
}
