/* gw-window-tracker.c: the window's target tracker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's GwSession decides: whenever the dataset changes (an import,
 * a removal) it computes the indicators again in a GTask thread (house style
 * 10; an import of many files computes once, when it is done), and whenever
 * the indicators or the target change it gives one GwTrackerResult
 * ("result-changed").  The table, the summary strip, the area view, the
 * charts, the report and the banner of status changes all show that one
 * result.  Nothing here computes a number.
 */
#include "gw-config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "gw-preferences.h"
#include "gw-target-editor.h"
#include "gw-chart-view.h"
#include "gw-print-operation.h"
#include "methods/gw-indicator-info.h"
#include "gw-ui-text.h"
#include "gw-window-private.h"

/* How many changes of status the banner names; the rest are counted. */
#define MAX_CHANGES_LISTED 8


/* The target's description above the table */

#define TARGET(self) gw_session_get_target ((self)->session)

static const char *
subject_name (GwWindow *self)
{
  const GwTarget *target = TARGET (self);
  GwDataset *dataset = gw_session_get_dataset (self->session);
  gint i;

  if (target->subject == GW_TARGET_SUBJECT_AREA)
    {
      i = gw_dataset_lookup_area (dataset, target->group);
      return i >= 0 ? gw_dataset_get_area (dataset, i)->name : target->group;
    }
  i = gw_dataset_lookup_group (dataset, target->group);
  return i >= 0 ? gw_dataset_get_group (dataset, i)->name : target->group;
}

static const char *
comparator_name (GwWindow *self)
{
  const GwTarget *target = TARGET (self);
  GwDataset *dataset = gw_session_get_dataset (self->session);
  GwTrackerResult *result = gw_session_peek_result (self->session);
  gint area;

  if (result != NULL)
    return gw_tracker_result_get_comparator_name (result);
  area = target->comparator != NULL ? gw_dataset_lookup_area (dataset, target->comparator)
                                    : gw_dataset_get_country (dataset);
  if (area >= 0)
    return gw_dataset_get_area (dataset, area)->name;
  return target->comparator != NULL ? target->comparator : _("England");
}

static const char *
indicator_name (GwWindow *self)
{
  GwIndicatorInfo info;

  gw_indicator_info_lookup (gw_session_get_dataset (self->session), TARGET (self)->indicator, &info);
  return info.name;
}

static void
gw_window_update_target_label (GwWindow *self)
{
  const GwTarget *target = TARGET (self);
  g_autofree char *baseline = gw_ui_format_period (target->baseline);
  g_autofree char *target_period = gw_ui_format_period (target->target_period);
  g_autofree char *reduction = gw_ui_format_number (100.0 * target->reduction, 0);
  g_autofree char *indicator = g_utf8_strdown (indicator_name (self), -1);
  const char *method = gw_ui_projection_phrase (target->method);
  g_autofree char *text = NULL;
  const char *whom;

  whom = target->sexes == (1u << GW_SEX_PERSONS) ? _("persons") : _("men and women");

  /* Translators: the description of the target above the table, e.g.
   * "Spearhead Group against England: narrow the relative gap in life
   * expectancy at birth by 10% from 1995–1997 to 2009–2011 (men and women;
   * projection: linear trend)." */
  if (target->measure == GW_TARGET_MEASURE_SII)
    /* Translators: the description of an SII target above the table, e.g.
     * "Spearhead Group: narrow the slope index of inequality in life
     * expectancy at birth within each area by 10% from 2002–2004 to
     * 2009–2011 (men and women; projection: linear trend)." */
    text = g_strdup_printf (_("%s: narrow the slope index of inequality in %s within each area by %s%% "
                              "from %s to %s (%s; projection: %s)."),
                            subject_name (self), indicator, reduction, baseline, target_period, whom, method);
  else
  text = g_strdup_printf (target->gap == GW_GAP_RELATIVE
                          ? _("%s against %s: narrow the relative gap in %s by %s%% from %s to %s (%s; projection: %s).")
                          : _("%s against %s: narrow the absolute gap in %s by %s%% from %s to %s (%s; projection: %s)."),
                          subject_name (self), comparator_name (self),
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

/* What can be copied, exported and printed follows what is shown; one
 * report is written at a time (gw-window-summary.c). */
void
gw_window_tracker_update_actions (GwWindow *self)
{
  gboolean rows = self->shown != NULL && gw_session_peek_indicators (self->session) != NULL;
  gboolean render = FALSE;

  render = TRUE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-csv", rows);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-rows", rows);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", rows && render);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-report",
                                 rows && render && self->report_pulse_id == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-summary",
                                 rows && render && self->report_pulse_id == 0);
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
  gw_window_tracker_update_actions (self);
}

/* Shows the session's result; announce: say which areas changed status
 * since the result shown before (after new data, not after a new target). */
static void
gw_window_show_result (GwWindow *self,
                       gboolean  announce)
{
  GwTrackerResult *result = gw_session_peek_result (self->session);
  GwIndicators *indicators = gw_session_peek_indicators (self->session);
  g_autofree char *changes = NULL;
  gboolean same_target, first;
  GPtrArray *rows;

  if (TARGET (self) == NULL)
    return;

  gw_window_update_target_label (self);

  /* no indicators yet, or an SII target's result computing in a thread */
  if (indicators == NULL
      || (result == NULL && gw_session_get_result_error (self->session) == NULL
          && gw_session_get_computing (self->session)))
    {
      gw_tracker_view_show_loading (self->tracker_view);
      return;
    }

  if (result == NULL)
    {
      const GError *error = gw_session_get_result_error (self->session);
      g_autofree char *message = g_strdup_printf (_("%s. Import the exports that define it, or choose another target."),
                                                  error != NULL ? error->message : "");

      gw_tracker_view_show_message (self->tracker_view,
                                    _("This target cannot be tracked with the data imported"),
                                    message);
      gw_area_view_set_data (self->area_view, NULL, NULL);
      gw_area_view_set_item (self->area_view, NULL);
      g_clear_object (&self->shown);
      gw_window_tracker_update_actions (self);
      return;
    }

  rows = gw_tracker_result_get_rows (result);
  same_target = self->shown != NULL
                && g_strcmp0 (gw_tracker_result_get_target (self->shown)->name, TARGET (self)->name) == 0;
  if (announce && same_target)
    changes = describe_changes (gw_tracker_result_get_rows (self->shown), rows);
  if (changes != NULL)
    {
      gtk_label_set_markup (self->changes_label, changes);
      gtk_revealer_set_reveal_child (self->changes_revealer, TRUE);
    }
  else if (!announce || !same_target)
    /* The changes listed were those of another target, or older data. */
    gtk_revealer_set_reveal_child (self->changes_revealer, FALSE);

  first = self->shown == NULL;
  gw_area_view_set_data (self->area_view, result, indicators);
  gw_tracker_view_set_result (self->tracker_view, result);

  /* The items are new objects even where the area is the same. */
  if (first && gw_tracker_view_get_selected_item (self->tracker_view) == NULL && rows->len > 0)
    gw_tracker_view_select_code (self->tracker_view, ((GwTrackerRow *) g_ptr_array_index (rows, 0))->code);
  gw_area_view_set_item (self->area_view, gw_tracker_view_get_selected_item (self->tracker_view));

  g_set_object (&self->shown, result);
  gw_window_tracker_update_actions (self);
}

static void
on_session_result_changed_cb (GwWindow  *self,
                              GwSession *session)
{
  gboolean announce = self->announce;

  self->announce = FALSE;
  gw_window_show_result (self, announce);
}

static void
on_session_computing_cb (GwWindow  *self,
                         GwSession *session)
{
  gw_window_notify_computing (self);
}

static void
gw_window_start_compute (GwWindow *self)
{
  self->data_changed = FALSE;
  self->announce = TRUE;
  if (gw_session_peek_indicators (self->session) == NULL)
    gw_tracker_view_show_loading (self->tracker_view);
  gw_session_compute_async (self->session);
}

static void
on_dataset_changed_cb (GwWindow  *self,
                       GwDataset *dataset)
{
  self->data_changed = TRUE;

  /* During an import, once at its end (gw_window_tracker_import_done); the
   * session computes again at the end of a computation that runs. */
  if (self->task == NULL)
    gw_window_start_compute (self);
  gw_window_notify_computing (self);
}

void
gw_window_tracker_import_done (GwWindow *self)
{
  if (self->data_changed)
    gw_window_start_compute (self);
}

/* Another workspace was opened: nothing of the old dataset is shown, and
 * the new one is computed. */
void
gw_window_tracker_set_dataset (GwWindow  *self,
                               GwDataset *old)
{
  if (old != NULL)
    g_clear_signal_handler (&self->dataset_changed_id, old);
  /* The editor lists the areas and groups of the old dataset. */
  if (self->target_editor != NULL)
    gtk_window_destroy (g_steal_pointer (&self->target_editor));

  gtk_revealer_set_reveal_child (self->changes_revealer, FALSE);
  /* The area view borrows the indicators. */
  gw_area_view_set_item (self->area_view, NULL);
  gw_area_view_set_data (self->area_view, NULL, NULL);
  g_clear_object (&self->shown);
  gw_session_set_dataset (self->session, self->dataset);
  gw_session_set_workspace (self->session, self->workspace);
  self->data_changed = FALSE;

  self->dataset_changed_id =
    g_signal_connect_object (self->dataset, "changed",
                             G_CALLBACK (on_dataset_changed_cb), self, G_CONNECT_SWAPPED);
  gw_window_tracker_update_actions (self);
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
  const GwTarget *current = TARGET (self);
  guint selected = 0;
  gboolean found = FALSE;

  g_clear_pointer (&self->targets, g_ptr_array_unref);
  self->targets = gw_session_list_targets (self->session);

  for (guint i = 0; i < self->targets->len; i++)
    {
      const GwTarget *target = g_ptr_array_index (self->targets, i);

      gtk_string_list_append (titles, target->title != NULL ? target->title : target->name);
      if (current != NULL && g_strcmp0 (target->name, current->name) == 0)
        {
          selected = i;
          found = TRUE;
        }
    }

  self->updating_targets = TRUE;
  gtk_drop_down_set_model (self->target_dropdown, G_LIST_MODEL (titles));
  gtk_drop_down_set_selected (self->target_dropdown, selected);
  self->updating_targets = FALSE;

  /* The target tracked was deleted, or is not this workspace's: the first
   * (built-in) one. */
  if (!found && current != NULL)
    gw_session_set_target (self->session, g_ptr_array_index (self->targets, 0));
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
         && a->polarity == b->polarity && a->subject == b->subject;
}

/* A target was added, edited or deleted (the editor, another workspace). */
static void
on_session_targets_changed_cb (GwWindow  *self,
                               GwSession *session)
{
  g_autoptr(GwTarget) current = NULL;

  gw_window_fill_targets (self);

  current = TARGET (self) != NULL ? gw_session_lookup_target (self->session, TARGET (self)->name) : NULL;
  if (current != NULL && !targets_equal (current, TARGET (self)))
    gw_session_set_target (self->session, current);
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

/* The kind's key in the export-folders setting. */
static const char *
save_kind_name (SaveKind kind)
{
  switch (kind)
    {
    case SAVE_REPORT: return "report";
    case SAVE_CHART:  return "chart";
    case SAVE_CSV:
    default:          return "csv";
    }
}

static void
on_save_chooser_response_cb (GtkNativeDialog *dialog,
                             int              response,
                             GwWindow        *self)
{
  g_autoptr(GFile) file = NULL;
  SaveKind kind = self->save_kind;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (file);

      /* the next save of this kind opens here */
      if (folder != NULL)
        gw_settings_set_export_folder (self->settings, save_kind_name (kind), folder);
    }

  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->save_chooser);

  if (file != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_file_get_basename (file);
      gboolean saved;

      /* the report takes seconds: a thread, the progress bar and the
       * banner say how it went (gw-window-summary.c) */
      if (kind == SAVE_REPORT)
        {
          gw_window_export_report_async (self, file, NULL, NULL);
          return;
        }
      if (kind == SAVE_CHART)
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
  {
    g_autoptr(GFile) folder = gw_settings_dup_export_folder (self->settings, save_kind_name (kind));

    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->save_chooser), folder, NULL);
  }
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

  name = gw_ui_file_name (TARGET (self)->title, C_("file name", "table"), "csv");
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

  name = gw_ui_file_name (TARGET (self)->title, C_("file name", "report"), "pdf");
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

  /* the extension chooses PNG, SVG or PDF */
  name = gw_ui_file_name (TARGET (self)->title, gw_tracker_item_get_name (item), "png");
  gw_window_open_save_dialog (self, SAVE_CHART, _("Export Chart as Image"), name,
                              _("Images and documents (*.png, *.svg, *.pdf)"), patterns);
}

static GwChartPalette
window_palette (GwWindow *self)
{
  GwChartPalette palette = GW_CHART_PALETTE_STANDARD;

  gw_chart_palette_parse (gw_settings_get_palette (self->settings), &palette);
  return palette;
}

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

static void
print_chart_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);

  if (self->shown == NULL)
    return;
  /* The menu has the focus now: the chart that had it before. */
  print_chart (self, focused_chart (self) != NULL ? focused_chart (self)
                     : self->last_chart != NULL ? GW_CHART_VIEW (self->last_chart) : NULL);
}

static void
on_focus_widget_changed_cb (GwWindow   *self,
                            GParamSpec *pspec,
                            GtkWindow  *window)
{
  GwChartView *chart = focused_chart (self);

  if (chart != NULL)
    g_set_weak_pointer (&self->last_chart, GTK_WIDGET (chart));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GwWindow *self = GW_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  GwChartView *chart;

  if (self->shown == NULL)
    return;

  /* Ctrl+P on a chart prints that chart. */
  chart = focused_chart (self);
  if (chart != NULL && gw_chart_view_get_chart (chart) != NULL)
    {
      print_chart (self, chart);
      return;
    }

  /* The board report: the group and every member area, a page each. */
  if (!gw_print_report (GTK_WINDOW (self), self->shown, gw_session_peek_indicators (self->session),
                        window_palette (self), gw_settings_get_confidence_level (self->settings), &error))
    show_error_dialog (self, _("The report cannot be printed"), error->message);
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
      self->target_editor = GTK_WINDOW (gw_target_editor_new (self->session));
      gtk_window_set_transient_for (self->target_editor, GTK_WINDOW (self));
      gtk_window_set_destroy_with_parent (self->target_editor, TRUE);
      g_signal_connect_object (self->target_editor, "destroy",
                               G_CALLBACK (on_target_editor_destroy_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->target_editor, "target-chosen",
                               G_CALLBACK (on_editor_target_chosen_cb), self, G_CONNECT_SWAPPED);
    }

  gw_target_editor_select (GW_TARGET_EDITOR (self->target_editor), TARGET (self)->name);
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

  /* the window's shortcuts are the window's (house style 7) */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-csv", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
}

void
gw_window_tracker_init (GwWindow *self)
{
  gw_window_tracker_update_actions (self);

  g_signal_connect_swapped (self->tracker_view, "notify::selected-item",
                            G_CALLBACK (on_selected_item_changed_cb), self);
  g_signal_connect_swapped (self->target_dropdown, "notify::selected",
                            G_CALLBACK (on_target_dropdown_selected_cb), self);
  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (on_focus_widget_changed_cb), NULL);
}

/* Targets made in the target editor of earlier versions were kept in
 * GSettings: they move into the session, which writes them into the
 * workspace when one is open, and leave the settings. */
static void
move_settings_targets (GwWindow *self)
{
  g_autoptr(GPtrArray) legacy = gw_settings_take_targets (self->settings);

  for (guint i = 0; i < legacy->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!gw_session_save_target (self->session, g_ptr_array_index (legacy, i), &error))
        g_warning ("A target of the settings could not be kept: %s", error->message);
    }
}

void
gw_window_tracker_constructed (GwWindow *self)
{
  g_autoptr(GwTarget) target = NULL;

  self->session = gw_session_new ();
  gw_session_set_dataset (self->session, self->dataset);
  gw_session_set_workspace (self->session, self->workspace);
  move_settings_targets (self);

  target = gw_session_lookup_target (self->session, gw_settings_get_default_target (self->settings));
  if (target == NULL)
    target = gw_target_new_builtin ("le-2010");
  gw_session_set_target (self->session, target);
  gw_window_fill_targets (self);

  gw_area_view_set_session (self->area_view, self->session);
  gw_tracker_view_set_settings (self->tracker_view, self->settings);
  g_object_bind_property (self->settings, "palette", self->area_view, "palette", G_BINDING_SYNC_CREATE);
  g_object_bind_property_full (self->settings, "confidence-level", self->area_view, "confidence-level",
                               G_BINDING_SYNC_CREATE, level_to_double, NULL, NULL, NULL);

  g_signal_connect_object (self->settings, "notify::palette",
                           G_CALLBACK (on_settings_palette_changed_cb), self, G_CONNECT_SWAPPED);
  on_settings_palette_changed_cb (self, NULL, self->settings);
  g_signal_connect_object (self->session, "targets-changed",
                           G_CALLBACK (on_session_targets_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "result-changed",
                           G_CALLBACK (on_session_result_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "computing",
                           G_CALLBACK (on_session_computing_cb), self, G_CONNECT_SWAPPED);
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
  if (self->dataset != NULL)
    g_clear_signal_handler (&self->dataset_changed_id, self->dataset);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);

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
    gw_area_view_set_data (self->area_view, NULL, NULL);
  g_clear_object (&self->shown);
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  g_clear_object (&self->session);
}

/* Public API */

GwSession *
gw_window_get_session (GwWindow *self)
{
  g_return_val_if_fail (GW_IS_WINDOW (self), NULL);
  return self->session;
}

const char *
gw_window_get_target_name (GwWindow *self)
{
  g_return_val_if_fail (GW_IS_WINDOW (self), NULL);

  return self->session != NULL && TARGET (self) != NULL ? TARGET (self)->name : NULL;
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

      if (TARGET (self) == NULL || !targets_equal (TARGET (self), target))
        gw_session_set_target (self->session, target);
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
  GwChart *chart = NULL;
  GwChartStyle style;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  gboolean png;

  g_return_val_if_fail (GW_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

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
  style.confidence_level = gw_settings_get_confidence_level (self->settings);
  png = g_str_has_suffix (path, ".png") || g_str_has_suffix (path, ".PNG");
  style.scale = png ? 150.0 / 72.0 : 1.0;
  if (!gw_chart_export (chart, &style, path, png ? 1500 : 720, png ? 1000 : 480, error))
    return FALSE;

  name = g_file_get_basename (file);
  message = g_strdup_printf (_("Saved the chart as “%s”."), name);
  gw_window_show_message (self, message);
  return TRUE;
}

void
gw_window_show_page (GwWindow   *self,
                     const char *name)
{
  g_return_if_fail (GW_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  gtk_stack_set_visible_child_name (self->view_stack, name);
}
