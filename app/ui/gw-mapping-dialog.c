/* gw-mapping-dialog.c: a mapping for an SDMX-ML message that cannot be mapped
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When a message has no area dimension Gapwatch knows, or a dimension
 * with several values, the window offers this: each dimension with its
 * values, the one that gives the area, the value to keep of each other, and
 * what the observations are.  Save writes a mapping for the message's
 * dataflow in the user's folder (~/.config/gapwatch/mappings/), where every
 * later read finds it, and the window imports the message again.
 *
 * The message is read in a GTask thread (a national file is hundreds of
 * megabytes): the dialog shows its progress and a Cancel until then.
 */
#include "gw-config.h"
#include "gw-mapping-dialog.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "formats/gw-sdmx-mapping.h"
#include "formats/gw-sdmx-reader.h"

struct _GwMappingDialog
{
  GtkWindow             parent_instance;

  /* owned */
  char                 *path;
  GwSdmxLayout         *layout;
  GPtrArray            *value_dropdowns;  /* GtkDropDown per dimension, or NULL for one value */
  GCancellable         *cancellable;
  guint                 progress_source;
  GMutex                progress_lock;    /* done and total: the reading thread writes them */
  guint64               done, total;

  /* borrowed: children */
  GtkDropDown          *area_dropdown;
  GtkEntry             *measure_entry;
  GtkLabel             *error_label;
  GtkProgressBar       *progress_bar;

  GwMappingDialogSaved  saved_func;
  gpointer              saved_data;
};

G_DEFINE_FINAL_TYPE (GwMappingDialog, gw_mapping_dialog, GTK_TYPE_WINDOW)

static const char *const area_names[] = { "REF_AREA", "GEO", "geo", "GEOGRAPHY", "COUNTRY", NULL };

gboolean
gw_mapping_dialog_wanted (const GwImportResult *result)
{
  const char *message;

  g_return_val_if_fail (result != NULL, FALSE);

  if (result->kind != GW_IMPORT_RESULT_REJECTED || result->error == NULL)
    return FALSE;
  message = result->error->message;
  /* the reader's suggestions, untranslated in every language */
  return strstr (message, "[Fixed]") != NULL || strstr (message, "=…)") != NULL;
}

static char *
id_of (const char *text)
{
  GString *id = g_string_new (NULL);

  for (const char *p = text; *p != '\0' && id->len < 48; p++)
    {
      char c = g_ascii_tolower (*p);

      if (g_ascii_isalnum (c))
        g_string_append_c (id, c);
      else if (id->len > 0 && id->str[id->len - 1] != '-')
        g_string_append_c (id, '-');
    }
  return g_string_free (id, FALSE);
}

char *
gw_mapping_dialog_dup_mapping (GwMappingDialog *self)
{
  g_autoptr(GPtrArray) dims = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  guint area;
  const char *area_name = NULL;
  const char *measure;

  g_return_val_if_fail (GW_IS_MAPPING_DIALOG (self), NULL);
  g_return_val_if_fail (self->layout != NULL, NULL);

  area = gtk_drop_down_get_selected (self->area_dropdown);
  measure = gtk_editable_get_text (GTK_EDITABLE (self->measure_entry));

  if (area < self->layout->dimensions->len)
    area_name = ((GwSdmxDimension *) g_ptr_array_index (self->layout->dimensions, area))->name;
  for (guint i = 0; i < self->layout->dimensions->len; i++)
    {
      GwSdmxDimension *d = g_ptr_array_index (self->layout->dimensions, i);
      GtkDropDown *dropdown = g_ptr_array_index (self->value_dropdowns, i);

      if (dropdown == NULL || i == area)
        continue;
      g_ptr_array_add (dims, d->name);
      g_ptr_array_add (values, d->values[gtk_drop_down_get_selected (dropdown)]);
    }
  g_ptr_array_add (dims, NULL);
  g_ptr_array_add (values, NULL);
  return gw_sdmx_mapping_write (self->layout->dataflow, area_name, measure[0] != '\0' ? measure : NULL,
                                (const char *const *) dims->pdata, (const char *const *) values->pdata);
}

static void
on_save_clicked_cb (GwMappingDialog *self)
{
  g_autofree char *data = gw_mapping_dialog_dup_mapping (self);
  g_autofree char *dir = gw_sdmx_user_mapping_dir ();
  g_autofree char *name = id_of (self->layout->dataflow != NULL ? self->layout->dataflow : "sdmx");
  g_autofree char *file = g_strconcat (name[0] != '\0' ? name : "sdmx", ".conf", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GwSdmxMapping) check = gw_sdmx_mapping_load_data (data, file, &error);

  if (check == NULL
      || g_mkdir_with_parents (dir, 0700) != 0
      || !g_file_set_contents (path, data, -1, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The mapping cannot be saved: %s"),
                                               error != NULL ? error->message : g_strerror (errno));

      gtk_label_set_label (self->error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  if (self->saved_func != NULL)
    self->saved_func (self->path, self->saved_data);
  gtk_window_destroy (GTK_WINDOW (self));
}

static GtkWidget *
label_new (const char *text, gboolean wrap)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), wrap);
  return label;
}

static void
build (GwMappingDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save Mapping and Import"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *base = g_filename_display_basename (self->path);
  g_autofree char *intro = NULL;
  g_autofree char *measure = NULL;
  guint area = GTK_INVALID_LIST_POSITION;
  int row = 0;

  intro = g_strdup_printf (_("Gapwatch cannot tell which observations of “%s” to keep. Choose the dimension "
                             "that gives the area and the value to keep of each dimension with several; the "
                             "mapping is kept for every message of this dataflow."), base);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_box_append (GTK_BOX (box), label_new (intro, TRUE));

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  for (guint i = 0; i < self->layout->dimensions->len; i++)
    {
      GwSdmxDimension *d = g_ptr_array_index (self->layout->dimensions, i);

      gtk_string_list_append (names, d->name);
      for (guint k = 0; area == GTK_INVALID_LIST_POSITION && area_names[k] != NULL; k++)
        if (strcmp (d->name, area_names[k]) == 0)
          area = i;
    }
  self->area_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL));
  if (area != GTK_INVALID_LIST_POSITION)
    gtk_drop_down_set_selected (self->area_dropdown, area);
  gtk_grid_attach (GTK_GRID (grid), label_new (_("Area dimension"), FALSE), 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->area_dropdown), 1, row++, 1, 1);

  self->measure_entry = GTK_ENTRY (gtk_entry_new ());
  measure = id_of (self->layout->dataflow != NULL ? self->layout->dataflow : "data");
  {
    g_autofree char *id = g_strconcat ("sdmx-", measure, NULL);

    gtk_editable_set_text (GTK_EDITABLE (self->measure_entry), id);
  }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->measure_entry),
                               _("deaths, population, births, or the id of the indicator the values are"));
  gtk_grid_attach (GTK_GRID (grid), label_new (_("The observations are"), FALSE), 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->measure_entry), 1, row++, 1, 1);

  for (guint i = 0; i < self->layout->dimensions->len; i++)
    {
      GwSdmxDimension *d = g_ptr_array_index (self->layout->dimensions, i);
      g_autofree char *text = NULL;
      GtkWidget *dropdown;

      if (d->n_values < 2)
        {
          g_ptr_array_add (self->value_dropdowns, NULL);
          continue;
        }
      text = g_strdup_printf (ngettext ("%s (%u value): keep", "%s (%u values): keep", d->n_values),
                              d->name, d->n_values);
      dropdown = gtk_drop_down_new_from_strings ((const char *const *) d->values);
      g_ptr_array_add (self->value_dropdowns, dropdown);
      gtk_grid_attach (GTK_GRID (grid), label_new (text, FALSE), 0, row, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), dropdown, 1, row++, 1, 1);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), grid);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
  gtk_box_append (GTK_BOX (box), scrolled);

  self->error_label = GTK_LABEL (label_new ("", TRUE));
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_add_css_class (save, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), cancel);
  gtk_box_append (GTK_BOX (buttons), save);
  gtk_box_append (GTK_BOX (box), buttons);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), self);
  g_signal_connect_swapped (save, "clicked", G_CALLBACK (on_save_clicked_cb), self);
  gtk_window_set_default_widget (GTK_WINDOW (self), save);

  gtk_window_set_child (GTK_WINDOW (self), box);
}

/* Reading the message */

static void
on_read_progress (guint64 done, guint64 total, gpointer user_data)
{
  GwMappingDialog *self = user_data;

  g_mutex_lock (&self->progress_lock);
  self->done = done;
  self->total = total;
  g_mutex_unlock (&self->progress_lock);
}

static gboolean
on_progress_timeout_cb (gpointer user_data)
{
  GwMappingDialog *self = user_data;
  double fraction;

  g_mutex_lock (&self->progress_lock);
  fraction = self->total > 0 ? (double) self->done / (double) self->total : 0.0;
  g_mutex_unlock (&self->progress_lock);
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
  return G_SOURCE_CONTINUE;
}

static void
read_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GwMappingDialog *self = source;
  GError *error = NULL;
  GwSdmxLayout *layout = gw_sdmx_layout_read_full (task_data, cancellable, on_read_progress, self, &error);

  if (layout == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, layout, (GDestroyNotify) gw_sdmx_layout_free);
}

static void
on_read_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GwMappingDialog *self = GW_MAPPING_DIALOG (source);
  g_autoptr(GError) error = NULL;
  GwSdmxLayout *layout = g_task_propagate_pointer (G_TASK (result), &error);

  g_clear_handle_id (&self->progress_source, g_source_remove);
  if (layout == NULL)
    {
      GtkWidget *box, *close;
      g_autofree char *text = NULL;

      /* cancelled: the dialog is gone or going */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = g_strdup_printf (_("The message cannot be read: %s"), error->message);
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
      close = gtk_button_new_with_mnemonic (_("_Close"));
      gtk_widget_set_margin_top (box, 18);
      gtk_widget_set_margin_bottom (box, 18);
      gtk_widget_set_margin_start (box, 18);
      gtk_widget_set_margin_end (box, 18);
      gtk_box_append (GTK_BOX (box), label_new (text, TRUE));
      gtk_widget_set_halign (close, GTK_ALIGN_END);
      gtk_box_append (GTK_BOX (box), close);
      g_signal_connect_swapped (close, "clicked", G_CALLBACK (gtk_window_destroy), self);
      gtk_window_set_child (GTK_WINDOW (self), box);
      return;
    }
  self->layout = layout;
  self->progress_bar = NULL;
  build (self);
}

/* While the message is read: its name, the progress and Cancel. */
static void
build_reading (GwMappingDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_autofree char *base = g_filename_display_basename (self->path);
  g_autofree char *text = g_strdup_printf (_("Reading the dimensions of “%s”…"), base);

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_box_append (GTK_BOX (box), label_new (text, TRUE));
  self->progress_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->progress_bar));
  gtk_widget_set_halign (cancel, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (box), cancel);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), self);
  gtk_window_set_child (GTK_WINDOW (self), box);
}

static void
gw_mapping_dialog_dispose (GObject *object)
{
  GwMappingDialog *self = GW_MAPPING_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  G_OBJECT_CLASS (gw_mapping_dialog_parent_class)->dispose (object);
}

static void
gw_mapping_dialog_finalize (GObject *object)
{
  GwMappingDialog *self = GW_MAPPING_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_mutex_clear (&self->progress_lock);
  g_free (self->path);
  g_clear_pointer (&self->layout, gw_sdmx_layout_free);
  g_clear_pointer (&self->value_dropdowns, g_ptr_array_unref);
  G_OBJECT_CLASS (gw_mapping_dialog_parent_class)->finalize (object);
}

static void
gw_mapping_dialog_class_init (GwMappingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gw_mapping_dialog_dispose;
  object_class->finalize = gw_mapping_dialog_finalize;
}

static void
gw_mapping_dialog_init (GwMappingDialog *self)
{
  self->value_dropdowns = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  g_mutex_init (&self->progress_lock);
  gtk_window_set_title (GTK_WINDOW (self), _("Map SDMX-ML Message"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 520, -1);
}

/**
 * gw_mapping_dialog_new:
 * @parent: (nullable): the window
 * @path: the SDMX-ML message
 *
 * The dialog reads the message's dimensions in a thread, showing its
 * progress (Cancel stops it); then it offers the choices, or says why the
 * message cannot be read.
 *
 * Returns: (transfer floating): the dialog, not shown
 */
GwMappingDialog *
gw_mapping_dialog_new (GtkWindow *parent, const char *path)
{
  g_autoptr(GTask) task = NULL;
  GwMappingDialog *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (GW_TYPE_MAPPING_DIALOG, "transient-for", parent, "destroy-with-parent", TRUE, NULL);
  self->path = g_strdup (path);
  build_reading (self);
  self->progress_source = g_timeout_add (100, on_progress_timeout_cb, self);
  task = g_task_new (self, self->cancellable, on_read_done_cb, NULL);
  g_task_set_source_tag (task, gw_mapping_dialog_new);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, read_thread);
  return self;
}

/* Whether the message was read and the choices are offered. */
gboolean
gw_mapping_dialog_is_ready (GwMappingDialog *self)
{
  g_return_val_if_fail (GW_IS_MAPPING_DIALOG (self), FALSE);
  return self->layout != NULL;
}

void
gw_mapping_dialog_set_saved_func (GwMappingDialog *self, GwMappingDialogSaved func, gpointer user_data)
{
  g_return_if_fail (GW_IS_MAPPING_DIALOG (self));
  self->saved_func = func;
  self->saved_data = user_data;
}
