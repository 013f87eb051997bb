/* gw-import-pane.c: the table of imported exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkColumnView over gw_dataset_get_imports(), through a GtkSortListModel
 * whose sorter is the column view's, so clicking a header sorts.  The cells
 * are made by GtkSignalListItemFactory and filled from GwImport's getters;
 * under each export's title, what it added and whose values it revised
 * (GwImportHistory, read again whenever the imports change).  Each row has
 * a Save Original File button and a Remove button, and Delete removes the
 * selected row: they activate the window's win.save-original and
 * win.remove-import with the export's id, so the window asks and does it.
 */
#include "gw-config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gw-import-history.h"
#include "gw-import-pane.h"
#include "gw-import-formats.h"
#include "gw-ui-text.h"

struct _GwImportPane
{
  GtkWidget            parent_instance;

  /* template widgets */
  GtkColumnViewColumn *actions_column;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *export_column;
  GtkColumnViewColumn *generated_column;
  GtkBox              *header_box;
  GtkColumnViewColumn *publisher_column;
  GtkColumnViewColumn *records_column;
  GtkColumnViewColumn *revisions_column;
  GtkScrolledWindow   *scrolled_window;
  GtkLabel            *summary_label;
  GtkColumnViewColumn *warnings_column;

  /* owned */
  GwDataset           *dataset;
  GListModel          *imports;
  GtkSingleSelection  *selection;
  gulong               items_changed_id;
  GwImportHistory     *history;        /* of the imports as they are now */
  GHashTable          *export_cells;   /* bound export cells (GtkBox), for new history */
};

G_DEFINE_FINAL_TYPE (GwImportPane, gw_import_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATASET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Keys of the widgets a warnings cell keeps, set in setup, read in bind. */
#define WARNINGS_NONE_KEY    "gw-warnings-none"
#define WARNINGS_BUTTON_KEY  "gw-warnings-button"
#define WARNINGS_HEADING_KEY "gw-warnings-heading"
#define WARNINGS_TEXT_KEY    "gw-warnings-text"
#define EXPORT_TITLE_KEY     "gw-export-title"
#define EXPORT_FILE_KEY      "gw-export-file"
#define EXPORT_HISTORY_KEY   "gw-export-history"
#define EXPORT_IMPORT_KEY    "gw-export-import"
#define SAVE_BUTTON_KEY      "gw-save-button"
#define REMOVE_BUTTON_KEY    "gw-remove-button"

/* Sorting */

static int
compare_strings (const char *a,
                 const char *b)
{
  int r = g_utf8_collate (a != NULL ? a : "", b != NULL ? b : "");

  return r < 0 ? -1 : (r > 0 ? 1 : 0);
}

static int
sort_by_export (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  GwImport *ia = GW_IMPORT ((gpointer) a);
  GwImport *ib = GW_IMPORT ((gpointer) b);
  int r = compare_strings (gw_import_get_title (ia), gw_import_get_title (ib));

  return r != 0 ? r : compare_strings (gw_import_get_basename (ia), gw_import_get_basename (ib));
}

static int
sort_by_generated (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  GDateTime *da = gw_import_get_generated (GW_IMPORT ((gpointer) a));
  GDateTime *db = gw_import_get_generated (GW_IMPORT ((gpointer) b));

  if (da == NULL || db == NULL)
    return (da != NULL) - (db != NULL);

  return CLAMP (g_date_time_compare (da, db), -1, 1);
}

static void
set_custom_sorter (GtkColumnViewColumn *column,
                   GCompareDataFunc     compare)
{
  g_autoptr(GtkCustomSorter) sorter = gtk_custom_sorter_new (compare, NULL, NULL);

  gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
}

/* A GwImport property of type guint. */
static void
set_numeric_sorter (GtkColumnViewColumn *column,
                    const char          *property)
{
  GtkExpression *expression = gtk_property_expression_new (GW_TYPE_IMPORT, NULL, property);
  g_autoptr(GtkNumericSorter) sorter = gtk_numeric_sorter_new (expression);

  gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
}

/* A GwImport property of type string. */
static void
set_string_sorter (GtkColumnViewColumn *column,
                   const char          *property)
{
  GtkExpression *expression = gtk_property_expression_new (GW_TYPE_IMPORT, NULL, property);
  g_autoptr(GtkStringSorter) sorter = gtk_string_sorter_new (expression);

  gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
}

/* The summary above the table */

static void
gw_import_pane_update_summary (GwImportPane *self)
{
  guint n_imports = self->imports != NULL ? g_list_model_get_n_items (self->imports) : 0;
  guint64 records = 0;
  guint64 revisions = 0;
  g_autofree char *records_count = NULL;
  g_autofree char *revisions_count = NULL;
  g_autofree char *exports_text = NULL;
  g_autofree char *records_text = NULL;
  g_autofree char *revisions_text = NULL;
  g_autofree char *summary = NULL;
  guint r, v;

  for (guint i = 0; i < n_imports; i++)
    {
      g_autoptr(GwImport) import = g_list_model_get_item (self->imports, i);

      records += gw_import_get_records (import);
      revisions += gw_import_get_revisions (import);
    }

  if (n_imports == 0)
    {
      gtk_label_set_label (self->summary_label, "");
      return;
    }

  r = (guint) MIN (records, G_MAXUINT);
  v = (guint) MIN (revisions, G_MAXUINT);
  records_count = gw_ui_format_count (r);
  revisions_count = gw_ui_format_count (v);
  exports_text = g_strdup_printf (ngettext ("%u export", "%u exports", n_imports), n_imports);
  records_text = g_strdup_printf (ngettext ("%s record", "%s records", r), records_count);
  revisions_text = g_strdup_printf (ngettext ("%s revision", "%s revisions", v), revisions_count);
  /* Translators: the totals above the table of imports, e.g.
   * "3 exports · 12,345 records · 20 revisions". */
  summary = g_strdup_printf (_("%s · %s · %s"), exports_text, records_text, revisions_text);
  gtk_label_set_label (self->summary_label, summary);
}

/* The history of an export cell's import, from the history read last. */
static void
gw_import_pane_fill_history (GwImportPane *self,
                             GtkWidget    *box)
{
  GtkLabel *label = g_object_get_data (G_OBJECT (box), EXPORT_HISTORY_KEY);
  GwImport *import = g_object_get_data (G_OBJECT (box), EXPORT_IMPORT_KEY);
  g_autofree char *text = NULL;

  if (import != NULL && self->history != NULL)
    text = gw_import_history_describe (self->history, import);
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

/* Who revised whom changes with every import and removal, also for the rows
 * that stay: read it again and refill the cells on screen.  Runs before the
 * list rebinds (this handler is connected before the sort model's), after
 * the dataset's tables have changed. */
static void
gw_import_pane_update_history (GwImportPane *self)
{
  GHashTableIter iter;
  gpointer box;

  g_clear_pointer (&self->history, gw_import_history_free);
  if (self->dataset != NULL)
    self->history = gw_import_history_new (self->dataset);

  g_hash_table_iter_init (&iter, self->export_cells);
  while (g_hash_table_iter_next (&iter, &box, NULL))
    gw_import_pane_fill_history (self, box);
}

static void
on_imports_items_changed_cb (GwImportPane *self,
                             guint         position,
                             guint         removed,
                             guint         added,
                             GListModel   *model)
{
  gw_import_pane_update_history (self);
  gw_import_pane_update_summary (self);
}

/* Cells */

static void
on_text_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  GwImportPane             *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
on_number_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    GwImportPane             *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
  gtk_widget_add_css_class (label, "gw-numeric");
  gtk_list_item_set_child (item, label);
}

static void
on_export_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    GwImportPane             *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *file = gtk_label_new (NULL);
  GtkWidget *history = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "gw-export-title");

  gtk_label_set_xalign (GTK_LABEL (file), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (file), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (file, "gw-export-file");
  gtk_widget_add_css_class (file, "gw-subtitle");
  gtk_widget_add_css_class (file, "dim-label");

  /* What it added and revised: a short sentence a line, wrapped. */
  gtk_label_set_xalign (GTK_LABEL (history), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (history), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (history), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_margin_top (history, 2);
  gtk_widget_add_css_class (history, "gw-export-history");
  gtk_widget_add_css_class (history, "gw-subtitle");

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), file);
  gtk_box_append (GTK_BOX (box), history);
  g_object_set_data (G_OBJECT (box), EXPORT_TITLE_KEY, title);
  g_object_set_data (G_OBJECT (box), EXPORT_FILE_KEY, file);
  g_object_set_data (G_OBJECT (box), EXPORT_HISTORY_KEY, history);
  gtk_list_item_set_child (item, box);
}

static void
on_export_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   GwImportPane             *self)
{
  GwImport *import = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkLabel *title = g_object_get_data (G_OBJECT (box), EXPORT_TITLE_KEY);
  GtkLabel *file = g_object_get_data (G_OBJECT (box), EXPORT_FILE_KEY);
  const char *title_text = gw_import_get_title (import);
  g_autofree char *basename = gw_ui_display_basename (gw_import_get_file (import));
  g_autofree char *display_path = g_filename_display_name (gw_import_get_file (import));

  /* The title is optional in exports; the file name always identifies it. */
  gtk_label_set_label (title, title_text != NULL && title_text[0] != '\0' ? title_text : basename);
  {
    g_autofree char *format = gw_import_formats_describe (import);
    g_autofree char *text = format != NULL ? g_strdup_printf ("%s · %s", basename, format) : NULL;

    gtk_label_set_label (file, text != NULL ? text : basename);
  }
  gtk_widget_set_tooltip_text (box, display_path);
  /* a long title is ellipsized: whole in its tooltip, above the path */
  gtk_widget_set_tooltip_text (GTK_WIDGET (title), gtk_label_get_label (title));
  gtk_widget_set_tooltip_text (GTK_WIDGET (file), display_path);

  /* The list item keeps the import while it is bound. */
  g_object_set_data (G_OBJECT (box), EXPORT_IMPORT_KEY, import);
  g_hash_table_add (self->export_cells, box);
  gw_import_pane_fill_history (self, box);
}

static void
on_export_unbind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     GwImportPane             *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);

  g_hash_table_remove (self->export_cells, box);
  g_object_set_data (G_OBJECT (box), EXPORT_IMPORT_KEY, NULL);
}

static void
on_export_teardown_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       GwImportPane             *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);

  if (box != NULL)
    g_hash_table_remove (self->export_cells, box);
}

/* The buttons of a row: keep the original, remove the import. */
static void
on_actions_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     GwImportPane             *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *save = gtk_button_new_from_icon_name ("document-save-as-symbolic");
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_halign (box, GTK_ALIGN_END);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);

  /* The target first: the action takes a string (the id, set in bind). */
  gtk_button_set_has_frame (GTK_BUTTON (save), FALSE);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (save), g_variant_new_string (""));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "win.save-original");
  gtk_widget_add_css_class (save, "gw-save-original");

  gtk_button_set_has_frame (GTK_BUTTON (remove), FALSE);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove), g_variant_new_string (""));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "win.remove-import");
  gtk_widget_add_css_class (remove, "gw-remove-import");

  gtk_box_append (GTK_BOX (box), save);
  gtk_box_append (GTK_BOX (box), remove);
  g_object_set_data (G_OBJECT (box), SAVE_BUTTON_KEY, save);
  g_object_set_data (G_OBJECT (box), REMOVE_BUTTON_KEY, remove);
  gtk_list_item_set_child (item, box);
}

static void
on_actions_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    GwImportPane             *self)
{
  GwImport *import = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *save = g_object_get_data (G_OBJECT (box), SAVE_BUTTON_KEY);
  GtkWidget *remove = g_object_get_data (G_OBJECT (box), REMOVE_BUTTON_KEY);
  g_autofree char *name = gw_import_display_name (import);
  g_autofree char *save_tip = NULL;
  g_autofree char *remove_tip = NULL;

  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (save),
                                          g_variant_new_string (gw_import_get_id (import)));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove),
                                          g_variant_new_string (gw_import_get_id (import)));

  /* Translators: the tooltip of a row's save button: "Save the original
   * file of “Deaths registered in June 2007”…" */
  save_tip = g_strdup_printf (_("Save the original file of “%s”…"), name);
  /* Translators: the tooltip of a row's remove button. */
  remove_tip = g_strdup_printf (_("Remove “%s”…"), name);
  gtk_widget_set_tooltip_text (save, save_tip);
  gtk_widget_set_tooltip_text (remove, remove_tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (save), GTK_ACCESSIBLE_PROPERTY_LABEL, save_tip, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_tip, -1);
}

/* Delete on the selected row: the window asks first. */
static gboolean
remove_selected_binding_cb (GtkWidget *widget,
                            GVariant  *args,
                            gpointer   user_data)
{
  GwImportPane *self = GW_IMPORT_PANE (widget);
  GwImport *import = self->selection != NULL ? gtk_single_selection_get_selected_item (self->selection) : NULL;

  if (import == NULL)
    return FALSE;

  return gtk_widget_activate_action (widget, "win.remove-import", "s", gw_import_get_id (import));
}

static void
on_publisher_bind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      GwImportPane             *self)
{
  GwImport *import = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *publisher = gw_import_get_publisher (import);

  gtk_widget_add_css_class (label, "gw-publisher");
  gtk_label_set_label (GTK_LABEL (label), publisher != NULL ? publisher : "");
  gtk_widget_set_tooltip_text (label, publisher);
}

static void
on_generated_bind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      GwImportPane             *self)
{
  GwImport *import = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  GDateTime *generated = gw_import_get_generated (import);
  g_autofree char *text = NULL;
  g_autofree char *iso = NULL;

  if (generated != NULL)
    {
      text = gw_ui_format_generated (generated);
      iso = gw_import_format_generated (import);
    }

  gtk_widget_add_css_class (label, "gw-generated");
  gtk_label_set_label (GTK_LABEL (label), text != NULL ? text : "");
  /* The exact instant, as the export gave it, for whoever needs it. */
  gtk_widget_set_tooltip_text (label, iso);
}

static void
on_records_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    GwImportPane             *self)
{
  GwImport *import = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = gw_ui_format_count (gw_import_get_records (import));

  gtk_widget_add_css_class (label, "gw-records");
  gtk_label_set_label (GTK_LABEL (label), text);
}

static void
on_revisions_bind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      GwImportPane             *self)
{
  GwImport *import = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = gw_ui_format_count (gw_import_get_revisions (import));

  gtk_widget_add_css_class (label, "gw-revisions");
  gtk_label_set_label (GTK_LABEL (label), text);
}

static void
on_warnings_setup_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      GwImportPane             *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *none = gtk_label_new (_("None"));
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *heading = gtk_label_new (NULL);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *text = gtk_text_view_new ();

  gtk_widget_set_halign (box, GTK_ALIGN_END);

  gtk_label_set_xalign (GTK_LABEL (none), 1.0f);
  gtk_widget_add_css_class (none, "dim-label");

  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (button), FALSE);
  gtk_widget_add_css_class (button, "gw-numeric");
  gtk_widget_add_css_class (button, "gw-warnings");

  gtk_widget_set_margin_top (content, 6);
  gtk_widget_set_margin_bottom (content, 6);
  gtk_widget_set_margin_start (content, 6);
  gtk_widget_set_margin_end (content, 6);

  gtk_label_set_xalign (GTK_LABEL (heading), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "heading");

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  /* min-content-width does not hold with the horizontal policy NEVER. */
  gtk_widget_set_size_request (scrolled, 480, -1);

  /* Read-only text, so a warning can be selected and copied into an email
   * to the publisher (a selectable label would select all on opening). */
  gtk_text_view_set_editable (GTK_TEXT_VIEW (text), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (text), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (text), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_pixels_below_lines (GTK_TEXT_VIEW (text), 4);
  gtk_widget_add_css_class (text, "gw-warnings-text");

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), text);
  gtk_box_append (GTK_BOX (content), heading);
  gtk_box_append (GTK_BOX (content), scrolled);
  gtk_popover_set_child (GTK_POPOVER (popover), content);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);

  gtk_box_append (GTK_BOX (box), none);
  gtk_box_append (GTK_BOX (box), button);

  g_object_set_data (G_OBJECT (box), WARNINGS_NONE_KEY, none);
  g_object_set_data (G_OBJECT (box), WARNINGS_BUTTON_KEY, button);
  g_object_set_data (G_OBJECT (box), WARNINGS_HEADING_KEY, heading);
  g_object_set_data (G_OBJECT (box), WARNINGS_TEXT_KEY, text);
  gtk_list_item_set_child (item, box);
}

static void
on_warnings_bind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     GwImportPane             *self)
{
  GwImport *import = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *none = g_object_get_data (G_OBJECT (box), WARNINGS_NONE_KEY);
  GtkWidget *button = g_object_get_data (G_OBJECT (box), WARNINGS_BUTTON_KEY);
  GtkLabel *heading = g_object_get_data (G_OBJECT (box), WARNINGS_HEADING_KEY);
  GtkTextView *text = g_object_get_data (G_OBJECT (box), WARNINGS_TEXT_KEY);
  guint n_warnings = gw_import_get_n_warnings (import);
  const char * const *warnings = gw_import_get_warnings (import);
  g_autofree char *count = gw_ui_format_count (n_warnings);
  g_autofree char *basename = gw_ui_display_basename (gw_import_get_file (import));
  g_autofree char *heading_text = NULL;
  g_autofree char *tooltip = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  guint n_listed = 0;

  gtk_widget_set_visible (none, n_warnings == 0);
  gtk_widget_set_visible (button, n_warnings > 0);
  if (n_warnings == 0)
    return;

  for (; warnings != NULL && warnings[n_listed] != NULL; n_listed++)
    {
      const char *warning = warnings[n_listed];

      if (n_listed > 0)
        g_string_append_c (body, '\n');

      g_string_append (body, warning);
    }

  /* The model keeps the first warnings only: say how many more there were. */
  if (n_warnings > n_listed)
    {
      g_autofree char *more = gw_ui_format_count (n_warnings - n_listed);

      if (body->len > 0)
        g_string_append (body, "\n\n");
      g_string_append_printf (body,
                              ngettext ("%s more warning is not listed.",
                                        "%s more warnings are not listed.",
                                        n_warnings - n_listed),
                              more);
    }

  heading_text = g_strdup_printf (ngettext ("%s warning in “%s”",
                                            "%s warnings in “%s”",
                                            n_warnings),
                                  count, basename);
  tooltip = g_strdup_printf (ngettext ("Show %s warning", "Show %s warnings", n_warnings),
                             count);

  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), count);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_label_set_label (heading, heading_text);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (text), body->str, (int) body->len);
}

/* GObject */

static void
gw_import_pane_dispose (GObject *object)
{
  GwImportPane *self = (GwImportPane *) object;

  if (self->imports != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->imports);
  g_clear_object (&self->imports);
  g_clear_object (&self->dataset);
  g_clear_object (&self->selection);

  gtk_widget_dispose_template (GTK_WIDGET (self), GW_TYPE_IMPORT_PANE);

  g_clear_pointer (&self->history, gw_import_history_free);

  G_OBJECT_CLASS (gw_import_pane_parent_class)->dispose (object);
}

static void
gw_import_pane_finalize (GObject *object)
{
  GwImportPane *self = (GwImportPane *) object;

  g_clear_pointer (&self->export_cells, g_hash_table_unref);

  G_OBJECT_CLASS (gw_import_pane_parent_class)->finalize (object);
}

static void
gw_import_pane_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GwImportPane *self = GW_IMPORT_PANE (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_import_pane_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GwImportPane *self = GW_IMPORT_PANE (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      gw_import_pane_set_dataset (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_import_pane_class_init (GwImportPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gw_import_pane_dispose;
  object_class->finalize = gw_import_pane_finalize;
  object_class->get_property = gw_import_pane_get_property;
  object_class->set_property = gw_import_pane_set_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL,
                         GW_TYPE_DATASET,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, GW_RESOURCE_PREFIX "ui/gw-import-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, GwImportPane, actions_column);
  gtk_widget_class_bind_template_child (widget_class, GwImportPane, column_view);
  gtk_widget_class_bind_template_child (widget_class, GwImportPane, export_column);
  gtk_widget_class_bind_template_child (widget_class, GwImportPane, generated_column);
  gtk_widget_class_bind_template_child (widget_class, GwImportPane, header_box);
  gtk_widget_class_bind_template_child (widget_class, GwImportPane, publisher_column);
  gtk_widget_class_bind_template_child (widget_class, GwImportPane, records_column);
  gtk_widget_class_bind_template_child (widget_class, GwImportPane, revisions_column);
  gtk_widget_class_bind_template_child (widget_class, GwImportPane, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, GwImportPane, summary_label);
  gtk_widget_class_bind_template_child (widget_class, GwImportPane, warnings_column);
  gtk_widget_class_bind_template_callback (widget_class, on_actions_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_actions_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_export_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_export_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_export_teardown_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_export_unbind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_generated_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_number_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_publisher_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_records_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_revisions_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_text_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_warnings_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_warnings_setup_cb);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, remove_selected_binding_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Delete, 0, remove_selected_binding_cb, NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "gwimportpane");
}

static void
gw_import_pane_init (GwImportPane *self)
{
  GtkLayoutManager *layout;

  self->export_cells = g_hash_table_new (NULL, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);

  /* The export's title falls back to its file name, and the generated
   * GDateTime has no sorter of its own: those two compare in C. */
  set_custom_sorter (self->export_column, sort_by_export);
  set_string_sorter (self->publisher_column, "publisher");
  set_custom_sorter (self->generated_column, sort_by_generated);
  set_numeric_sorter (self->records_column, "records");
  set_numeric_sorter (self->revisions_column, "revisions");
  set_numeric_sorter (self->warnings_column, "n-warnings");
}

/* Public API */

GtkWidget *
gw_import_pane_new (void)
{
  return g_object_new (GW_TYPE_IMPORT_PANE, NULL);
}

GwDataset *
gw_import_pane_get_dataset (GwImportPane *self)
{
  g_return_val_if_fail (GW_IS_IMPORT_PANE (self), NULL);

  return self->dataset;
}

/**
 * gw_import_pane_set_dataset:
 * @dataset: (nullable): the dataset whose imports to list
 *
 * Lists the imports of @dataset, in import order until a column header is
 * clicked.  The pane follows the imports model as imports come and go.
 */
void
gw_import_pane_set_dataset (GwImportPane *self,
                            GwDataset    *dataset)
{
  g_return_if_fail (GW_IS_IMPORT_PANE (self));
  g_return_if_fail (dataset == NULL || GW_IS_DATASET (dataset));

  if (self->dataset == dataset)
    return;

  if (self->imports != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->imports);
  g_clear_object (&self->imports);
  g_clear_object (&self->dataset);
  g_clear_object (&self->selection);

  if (dataset != NULL)
    {
      GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
      GtkSortListModel *sorted;

      self->dataset = g_object_ref (dataset);
      self->imports = g_object_ref (gw_dataset_get_imports (dataset));
      self->items_changed_id =
        g_signal_connect_object (self->imports, "items-changed",
                                 G_CALLBACK (on_imports_items_changed_cb), self,
                                 G_CONNECT_SWAPPED);

      sorted = gtk_sort_list_model_new (g_object_ref (self->imports),
                                        sorter != NULL ? g_object_ref (sorter) : NULL);
      /* One row at a time, for Delete; none at first. */
      self->selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
      gtk_single_selection_set_autoselect (self->selection, FALSE);
      gtk_single_selection_set_can_unselect (self->selection, TRUE);
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
    }
  else
    {
      gtk_column_view_set_model (self->column_view, NULL);
    }

  gw_import_pane_update_history (self);
  gw_import_pane_update_summary (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}
