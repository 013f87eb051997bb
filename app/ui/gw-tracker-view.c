/* gw-tracker-view.c: the target tracker's table, its summary strip and search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * House style 8: a GListStore of GwTrackerItem (one per area, the sexes side
 * by side) → GtkFilterListModel → GtkSortListModel → GtkMultiSelection →
 * GtkColumnView.  Each column sorts with a GtkNumericSorter or
 * GtkStringSorter on an item property.  The sort model's sorter is a
 * GtkMultiSorter whose first sorter ranks the group's row first, then the
 * column view's own: so the group stays pinned on top, the reference the
 * areas are read against, whatever column is sorted and in which direction.
 * The filter is the group's row OR (status category AND search text).
 *
 * The view computes nothing: it shows what the tracker gave.
 */
#include "gw-config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "gw-tracker-view.h"
#include "gw-summary-strip.h"
#include "session/gw-table-writer.h"
#include "gw-ui-text.h"

/* The measures of a sex that have a column, in column order (the same order
 * as the properties of GwTrackerItem). */
typedef enum
{
  FIELD_STATUS = 0,          /* with its certainty */
  FIELD_LATEST_GAP,          /* the gap, its 95% interval beneath */
  FIELD_PROJECTED_GAP,       /* at the target period, its prediction interval beneath */
  FIELD_LATEST_VALUE,        /* the area's value, its 95% interval beneath */
  FIELD_COMPARATOR,          /* England's, the same */
  FIELD_SII,                 /* the SII within the area (gw-tracker-sii.c), its interval
                              * beneath; shown when some row has one */
  N_FIELD_KINDS
} FieldKind;

/* The baseline and target gaps, the change and the required narrowing are
 * in the area view beside the table.  The verdict first: beside the area's
 * name at 1366 pixels, with no sideways scrolling, are each sex's status,
 * gap and projection; the values the gap is made of come after them. */
static const char *const field_ids[N_FIELD_KINDS] = {
  "status", "latest-gap", "projected-gap", "latest-value", "comparator", "sii",
};

static const char *const sex_ids[GW_N_SEXES] = { "male", "female", "persons" };

typedef struct
{
  GwTrackerView       *view;      /* borrowed: the view owns the spec */
  GtkColumnViewColumn *column;    /* borrowed: the column view owns it */
  char                *id;
  GwSex                sex;       /* unused for the area column */
  int                  field;     /* FieldKind, or -1 for the area column */
} ColumnSpec;

struct _GwTrackerView
{
  GtkWidget           parent_instance;

  /* template widgets */
  GtkColumnView      *column_view;
  GtkLabel           *count_label;
  GtkLabel           *message_label;
  GtkLabel           *message_title;
  GtkScrolledWindow  *scrolled_window;
  GtkSearchEntry     *search_entry;
  GtkSpinner         *spinner;
  GtkStack           *stack;
  GtkBox             *summary_box;
  GtkBox             *toolbar;

  /* owned */
  GListStore         *items;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GtkMultiSelection  *selection;
  GtkCustomFilter    *status_filter;
  GtkStringFilter    *search_filter;
  GPtrArray          *columns;          /* ColumnSpec */
  GPtrArray          *rows;             /* GwTrackerRow, or NULL */
  GwTarget           *target;
  char               *unit;
  char               *value_unit;       /* the indicator's, short: "years" */
  char               *comparator_name;  /* "England" */
  GwTrackerItem      *selected;
  GwTrackerFilter     filter;
  GwTrackerSummary    summary;
  guint               n_areas;
  GCancellable       *sii_cancellable;  /* the SII column's computation */
  GwWorkerGate       *sii_gate;         /* its thread's */
  gboolean            has_sii;          /* some row has an SII: its column shows */

  /* borrowed: child of summary_box */
  GwSummaryStrip     *strip;
};

G_DEFINE_FINAL_TYPE (GwTrackerView, gw_tracker_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED_ITEM,
  PROP_FILTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


static void
column_spec_free (gpointer data)
{
  ColumnSpec *spec = data;

  g_free (spec->id);
  g_free (spec);
}

static gboolean
target_has_sex (const GwTarget *target,
                GwSex           sex)
{
  return target != NULL && (target->sexes & (1u << sex)) != 0;
}

static gboolean
target_is_single_sex (const GwTarget *target)
{
  return target != NULL
         && !(target_has_sex (target, GW_SEX_MALE) && target_has_sex (target, GW_SEX_FEMALE));
}

/* Cells */

static const GwTrackerRow *
cell_row (ColumnSpec  *spec,
          GtkListItem *list_item)
{
  GwTrackerItem *item = gtk_list_item_get_item (list_item);

  return item != NULL ? gw_tracker_item_get_row (item, spec->sex) : NULL;
}

static void
set_group_style (GtkWidget *widget,
                 gboolean   is_group)
{
  if (is_group)
    gtk_widget_add_css_class (widget, "gw-group-cell");
  else
    gtk_widget_remove_css_class (widget, "gw-group-cell");
}

static void
on_area_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  ColumnSpec               *spec)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *code = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "gw-area-name");

  gtk_label_set_xalign (GTK_LABEL (code), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (code), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (code, "gw-area-code");
  gtk_widget_add_css_class (code, "gw-subtitle");
  gtk_widget_add_css_class (code, "dim-label");

  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), code);
  gtk_list_item_set_child (list_item, box);
}

static void
on_area_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 ColumnSpec               *spec)
{
  GwTrackerItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *code = gtk_widget_get_next_sibling (name);
  gboolean is_group = gw_tracker_item_is_group (item);

  gtk_label_set_label (GTK_LABEL (name), gw_tracker_item_get_name (item));
  if (is_group)
    {
      GwTrackerView *self = spec->view;
      g_autofree char *text = g_strdup_printf (ngettext ("The group: %u area", "The group: %u areas",
                                                         self->n_areas),
                                               self->n_areas);

      gtk_label_set_label (GTK_LABEL (code), text);
    }
  else
    gtk_label_set_label (GTK_LABEL (code), gw_tracker_item_get_code (item));

  set_group_style (box, is_group);
}

static GtkWidget *
status_line (const char *css_class)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *image = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);

  /* The word says it; the icon only helps the eye. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "",
                                  -1);
  g_object_set (image, "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_widget_add_css_class (box, css_class);
  gtk_widget_add_css_class (label, "gw-status-label");
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static void
set_status_line (GtkWidget  *box,
                 const char *icon,
                 const char *text)
{
  GtkWidget *image = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (image);

  if (icon != NULL)
    gtk_image_set_from_icon_name (GTK_IMAGE (image), icon);
  else
    gtk_image_clear (GTK_IMAGE (image));
  gtk_label_set_label (GTK_LABEL (label), text);
}

/* Two lines: the status with its icon, then, when the status is too close
 * to call, "uncertain" with an icon of its own: never the colour alone. */
static void
on_status_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    ColumnSpec               *spec)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *certainty = status_line ("gw-certainty-cell");

  gtk_widget_add_css_class (box, "gw-status-cell");
  gtk_widget_add_css_class (certainty, "gw-uncertain");
  gtk_widget_add_css_class (certainty, "gw-subtitle");
  gtk_box_append (GTK_BOX (box), status_line ("gw-status-line"));
  gtk_box_append (GTK_BOX (box), certainty);
  gtk_list_item_set_child (list_item, box);
}

static void
on_status_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   ColumnSpec               *spec)
{
  GwTrackerItem *item = gtk_list_item_get_item (list_item);
  const GwTrackerRow *row = cell_row (spec, list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *status = gtk_widget_get_first_child (box);
  GtkWidget *certainty = gtk_widget_get_next_sibling (status);
  gboolean uncertain;

  for (GwTargetStatus s = GW_STATUS_ON_TRACK; s <= GW_STATUS_INSUFFICIENT_DATA; s++)
    gtk_widget_remove_css_class (box, gw_ui_status_css_class (s));

  if (row == NULL)
    {
      set_status_line (status, NULL, "–");
      gtk_widget_set_visible (certainty, FALSE);
      gtk_widget_set_tooltip_text (box, NULL);
      return;
    }

  uncertain = row->certainty == GW_CERTAINTY_UNCERTAIN;
  set_status_line (status, gw_ui_status_icon (row->status), gw_ui_status_label (row->status));
  set_status_line (certainty, gw_ui_certainty_icon (row->certainty), gw_ui_certainty_label (row->certainty));
  gtk_widget_set_visible (certainty, uncertain);
  gtk_widget_add_css_class (box, gw_ui_status_css_class (row->status));
  set_group_style (box, gw_tracker_item_is_group (item));

  /* Why, in the tracker's words (the area view says it first, too). */
  gtk_widget_set_tooltip_text (box, row->reason_text);
}

/* Two lines: the number, and its 95% interval beneath, smaller. */
static void
on_number_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    ColumnSpec               *spec)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *interval = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
  gtk_widget_add_css_class (label, "gw-numeric");
  gtk_label_set_xalign (GTK_LABEL (interval), 1.0f);
  gtk_widget_add_css_class (interval, "gw-numeric");
  gtk_widget_add_css_class (interval, "gw-subtitle");
  gtk_widget_add_css_class (interval, "gw-interval");
  gtk_widget_add_css_class (interval, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), interval);
  gtk_list_item_set_child (list_item, box);
}

static void
on_number_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   ColumnSpec               *spec)
{
  GwTrackerItem *item = gtk_list_item_get_item (list_item);
  const GwTrackerRow *row = cell_row (spec, list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *label = gtk_widget_get_first_child (box);
  GtkWidget *interval_label = gtk_widget_get_next_sibling (label);
  g_autofree char *text = NULL;
  g_autofree char *interval = NULL;
  g_autofree char *period = NULL;
  g_autofree char *tooltip = NULL;
  const char *what = NULL;
  double half = NAN;

  set_group_style (box, gw_tracker_item_is_group (item));

  if (row == NULL)
    {
      gtk_label_set_label (GTK_LABEL (label), "–");
      gtk_label_set_label (GTK_LABEL (interval_label), "");
      gtk_widget_set_tooltip_text (box, NULL);
      return;
    }

  switch ((FieldKind) spec->field)
    {
    case FIELD_LATEST_VALUE:
      text = gw_ui_format_number (row->latest_value, 2);
      interval = gw_ui_format_interval (row->latest_value_lower95, row->latest_value_upper95, 2);
      period = gw_ui_format_period (row->latest_period);
      /* xgettext:no-c-format */
      what = _("95% confidence interval");
      break;
    case FIELD_COMPARATOR:
      text = gw_ui_format_number (row->latest_comparator, 2);
      interval = gw_ui_format_interval (row->latest_comparator_lower95, row->latest_comparator_upper95, 2);
      period = gw_ui_format_period (row->latest_period);
      /* xgettext:no-c-format */
      what = _("95% confidence interval");
      break;
    case FIELD_LATEST_GAP:
      text = gw_ui_format_number (row->latest_gap, 2);
      interval = gw_ui_format_interval (row->latest_gap_lower95, row->latest_gap_upper95, 2);
      half = (row->latest_gap_upper95 - row->latest_gap_lower95) / 2;
      period = gw_ui_format_period (row->latest_period);
      /* xgettext:no-c-format */
      what = _("95% confidence interval");
      break;
    case FIELD_PROJECTED_GAP:
      text = gw_ui_format_number (row->projected_gap, 2);
      interval = gw_ui_format_interval (row->projected_lower95, row->projected_upper95, 2);
      half = (row->projected_upper95 - row->projected_lower95) / 2;
      period = gw_ui_format_period (spec->view->target != NULL ? spec->view->target->target_period : 0);
      /* xgettext:no-c-format */
      what = _("95% prediction interval");
      break;
    case FIELD_SII:
      {
        double lower, upper, sii = gw_tracker_item_get_sii (item, spec->sex, &lower, &upper);

        if (isnan (sii))
          break;
        text = gw_ui_format_number (sii, 1);
        interval = gw_ui_format_interval (lower, upper, 1);
        period = g_strdup (_("Life expectancy at birth by deprivation decile within the area"));
        /* xgettext:no-c-format */
        what = _("95% confidence interval");
      }
      break;
    case FIELD_STATUS:
    case N_FIELD_KINDS:
    default:
      g_assert_not_reached ();
    }

  if (text == NULL)
    {
      gtk_label_set_label (GTK_LABEL (label), "–");
      gtk_label_set_label (GTK_LABEL (interval_label), "");
      gtk_widget_set_tooltip_text (box, NULL);
      return;
    }
  gtk_label_set_label (GTK_LABEL (label), text);
  if (isfinite (half) && interval != NULL)
    {
      /* A gap's and a projection's intervals are symmetric (the estimate
       * -/+ a quantile times its standard error): "±0.67" keeps the column
       * narrow when a limit is negative; the tooltip gives the limits. */
      g_autofree char *number = gw_ui_format_number (half, 2);
      g_autofree char *plus_minus = g_strdup_printf ("±%s", number);

      gtk_label_set_label (GTK_LABEL (interval_label), plus_minus);
    }
  else
    gtk_label_set_label (GTK_LABEL (interval_label), interval != NULL ? interval : "");
  if (interval != NULL)
    /* Translators: a tooltip, "2005–2007; 95% confidence interval 73.80–74.84". */
    tooltip = g_strdup_printf (C_("tooltip", "%s; %s %s"), period, what, interval);
  else
    /* Translators: a tooltip when a number has no interval, "2005–2007; no interval". */
    tooltip = g_strdup_printf (C_("tooltip", "%s; no interval"), period);
  gtk_widget_set_tooltip_text (box, tooltip);
}

static void
on_sii_notify_cb (GwTrackerItem *item,
                  GParamSpec    *pspec,
                  GtkListItem   *list_item)
{
  ColumnSpec *spec = g_object_get_data (G_OBJECT (list_item), "gw-spec");

  on_number_bind_cb (NULL, list_item, spec);
}

static void
on_sii_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                ColumnSpec               *spec)
{
  GwTrackerItem *item = gtk_list_item_get_item (list_item);
  g_autofree char *signal = g_strdup_printf ("notify::%s-sii", sex_ids[spec->sex]);

  g_object_set_data (G_OBJECT (list_item), "gw-spec", spec);
  g_signal_connect_object (item, signal, G_CALLBACK (on_sii_notify_cb), list_item, 0);
  on_number_bind_cb (factory, list_item, spec);
}

static void
on_sii_unbind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  ColumnSpec               *spec)
{
  GwTrackerItem *item = gtk_list_item_get_item (list_item);

  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, on_sii_notify_cb, list_item);
}

/* Columns */

/* Three lines: the measure on two, then its unit and whose: "Latest
 * gap\n(%) men"; short lines keep the fourteen number columns narrow
 * (GTK 4.8 has no column groups to say "Men" once). */
static char *
column_title (GwTrackerView *self,
              ColumnSpec    *spec)
{
  const char *measure = NULL;
  const char *unit = self->unit != NULL ? self->unit : "%";

  switch ((FieldKind) spec->field)
    {
    /* Translators: column titles of the tracker table; keep the line break
     * where the title is best split in two short lines. */
    case FIELD_STATUS:        measure = C_("column title", "Status"); break;
    case FIELD_LATEST_VALUE:  measure = C_("column title", "Latest\nvalue"); unit = self->value_unit; break;
    case FIELD_COMPARATOR:    measure = self->comparator_name; unit = self->value_unit; break;
    case FIELD_LATEST_GAP:    measure = C_("column title", "Latest\ngap"); break;
    case FIELD_PROJECTED_GAP: measure = C_("column title", "Projected\ngap"); break;
    case FIELD_SII:           measure = C_("column title", "SII"); unit = C_("column title", "years"); break;
    case N_FIELD_KINDS:
    default:                  g_assert_not_reached ();
    }

  if (measure == NULL)
    measure = C_("column title", "Comparator");
  if (spec->field == FIELD_STATUS || unit == NULL || unit[0] == '\0')
    /* Translators: the title of a status column, "Status\nMen"; or of a
     * number without a unit. */
    return g_strdup_printf (C_("column title", "%s\n%s"), measure, gw_ui_sex_label (spec->sex));

  /* Translators: a column title: the measure (two lines), its unit and
   * whose: "Latest\ngap (%)\nMen". */
  return g_strdup_printf (C_("column title", "%s (%s)\n%s"), measure, unit, gw_ui_sex_label (spec->sex));
}

static void
add_column (GwTrackerView      *self,
            const char         *id,
            GwSex               sex,
            int                 field,
            GtkListItemFactory *factory,
            GtkSorter          *sorter)
{
  ColumnSpec *spec = g_new0 (ColumnSpec, 1);
  g_autoptr(GtkColumnViewColumn) column = NULL;

  spec->view = self;
  spec->id = g_strdup (id);
  spec->sex = sex;
  spec->field = field;

  column = gtk_column_view_column_new (NULL, factory);
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_resizable (column, TRUE);
  spec->column = column;
  g_ptr_array_add (self->columns, spec);

  if (field < 0)
    {
      gtk_column_view_column_set_title (column, _("Area"));
      /* Room for "Redcar and Cleveland" (longer names ellipsize, whole in
       * the area view); the status, gap and projection of both sexes fit
       * beside it at 1366 pixels. */
      gtk_column_view_column_set_fixed_width (column, 146);
    }
  else if (field != FIELD_STATUS)
    /* "1.12–1.80" beneath "1.95"; the titles wrap to fit (three lines) */
    gtk_column_view_column_set_fixed_width (column, 76);

  gtk_column_view_append_column (self->column_view, column);
}

static GtkListItemFactory *
new_factory (GCallback  setup,
             GCallback  bind,
             gpointer   data)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, data);
  g_signal_connect (factory, "bind", bind, data);
  return factory;
}

/* Every column, once; set_rows shows those of the target's sexes.  Built
 * in code rather than in the template: 1 + 3 sexes × 7 measures, all alike. */
static void
gw_tracker_view_build_columns (GwTrackerView *self)
{
  g_autoptr(GtkListItemFactory) area_factory = NULL;
  g_autoptr(GtkSorter) area_sorter = NULL;
  ColumnSpec *area;

  area_sorter = GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (GW_TYPE_TRACKER_ITEM,
                                                                                NULL, "name")));
  /* The spec is added by add_column; the factory needs it first. */
  add_column (self, "area", GW_SEX_PERSONS, -1, NULL, area_sorter);
  area = g_ptr_array_index (self->columns, 0);
  area_factory = new_factory (G_CALLBACK (on_area_setup_cb), G_CALLBACK (on_area_bind_cb), area);
  gtk_column_view_column_set_factory (area->column, area_factory);

  for (int field = 0; field < N_FIELD_KINDS; field++)
    for (GwSex sex = GW_SEX_MALE; sex < GW_N_SEXES; sex++)
      {
        g_autofree char *id = g_strdup_printf ("%s-%s", sex_ids[sex], field_ids[field]);
        g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (GW_TYPE_TRACKER_ITEM,
                                                                                                          NULL, id)));
        g_autoptr(GtkListItemFactory) factory = NULL;
        ColumnSpec *spec;

        add_column (self, id, sex, field, NULL, sorter);
        spec = g_ptr_array_index (self->columns, self->columns->len - 1);
        if (field == FIELD_STATUS)
          factory = new_factory (G_CALLBACK (on_status_setup_cb), G_CALLBACK (on_status_bind_cb), spec);
        else if (field == FIELD_SII)
          {
            /* the SIIs come after the rows: a cell follows its item */
            factory = new_factory (G_CALLBACK (on_number_setup_cb), G_CALLBACK (on_sii_bind_cb), spec);
            g_signal_connect (factory, "unbind", G_CALLBACK (on_sii_unbind_cb), spec);
          }
        else
          factory = new_factory (G_CALLBACK (on_number_setup_cb), G_CALLBACK (on_number_bind_cb), spec);
        gtk_column_view_column_set_factory (spec->column, factory);
      }
}

static void
gw_tracker_view_update_columns (GwTrackerView *self)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      ColumnSpec *spec = g_ptr_array_index (self->columns, i);
      g_autofree char *title = NULL;

      if (spec->field < 0)
        continue;

      title = column_title (self, spec);
      gtk_column_view_column_set_title (spec->column, title);
      gtk_column_view_column_set_visible (spec->column, target_has_sex (self->target, spec->sex)
                                          && (spec->field != FIELD_SII || (self->has_sii && spec->sex != GW_SEX_PERSONS)));
    }
}

static ColumnSpec *
find_column (GwTrackerView *self,
             const char    *id)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      ColumnSpec *spec = g_ptr_array_index (self->columns, i);

      if (g_strcmp0 (spec->id, id) == 0)
        return spec;
    }

  return NULL;
}

static void
on_sii_filled_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(GwTrackerView) self = g_weak_ref_get (weak);
  g_autoptr(GError) error = NULL;
  gboolean any = gw_tracker_items_fill_sii_finish (result, &error);

  g_weak_ref_clear (weak);
  g_free (weak);
  /* gone, or new rows took over */
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->sii_cancellable);
  self->has_sii = any;
  gw_tracker_view_update_columns (self);
}

/* Sorting and filtering */

static int
pin_group_first (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  gboolean ga = gw_tracker_item_is_group (GW_TRACKER_ITEM ((gpointer) a));
  gboolean gb = gw_tracker_item_is_group (GW_TRACKER_ITEM ((gpointer) b));

  return ga == gb ? GTK_ORDERING_EQUAL : (ga ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER);
}

static gboolean
status_filter_func (gpointer item,
                    gpointer user_data)
{
  GwTrackerView *self = user_data;

  return gw_tracker_item_matches (GW_TRACKER_ITEM (item), self->filter);
}

/* The summary strip (gw-summary-strip.c) */

static void
on_strip_filter_changed_cb (GwTrackerView  *self,
                            GParamSpec     *pspec,
                            GwSummaryStrip *strip)
{
  gw_tracker_view_set_filter (self, gw_summary_strip_get_filter (strip));
}

static void
gw_tracker_view_update_strip (GwTrackerView *self)
{
  gw_summary_strip_set_summary (self->strip, &self->summary, self->n_areas,
                                target_is_single_sex (self->target));
}

/* The count under the table */

static void
gw_tracker_view_update_count (GwTrackerView *self)
{
  GListModel *model = G_LIST_MODEL (self->sorted);
  guint n = g_list_model_get_n_items (model);
  guint n_shown = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GwTrackerItem) item = g_list_model_get_item (model, i);

      if (!gw_tracker_item_is_group (item))
        n_shown++;
    }

  if (self->rows == NULL)
    text = g_strdup ("");
  else if (n_shown == 0 && self->n_areas > 0)
    text = g_strdup (_("No area matches the search and the filter"));
  else if (n_shown == self->n_areas)
    text = g_strdup_printf (ngettext ("%u area", "%u areas", self->n_areas), self->n_areas);
  else
    /* Translators: under the table, "Showing 14 of 70 areas". */
    text = g_strdup_printf (ngettext ("Showing %u of %u area", "Showing %u of %u areas", self->n_areas),
                            n_shown, self->n_areas);

  gtk_label_set_label (self->count_label, text);
}

/* Selection */

static GwTrackerItem *
first_selected (GwTrackerView *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  if (gtk_bitset_is_empty (selected))
    return NULL;

  return g_list_model_get_item (G_LIST_MODEL (self->sorted), gtk_bitset_get_minimum (selected));
}

static void
gw_tracker_view_update_selected (GwTrackerView *self)
{
  g_autoptr(GwTrackerItem) item = first_selected (self);

  if (item == self->selected)
    return;

  g_set_object (&self->selected, item);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ITEM]);
}

static void
on_selection_changed_cb (GwTrackerView     *self,
                         guint              position,
                         guint              n_items,
                         GtkSelectionModel *model)
{
  gw_tracker_view_update_selected (self);
}

static void
on_sorted_items_changed_cb (GwTrackerView *self,
                            guint          position,
                            guint          removed,
                            guint          added,
                            GListModel    *model)
{
  gw_tracker_view_update_count (self);
  gw_tracker_view_update_selected (self);
}

static guint
find_position (GwTrackerView *self,
               const char    *code)
{
  GListModel *model = G_LIST_MODEL (self->sorted);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GwTrackerItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gw_tracker_item_get_code (item), code) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* The column view's list, which has the scroll-to action GTK 4.8 does not
 * give the column view itself. */
static GtkWidget *
inner_list (GwTrackerView *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;

  return NULL;
}

static void
scroll_to (GwTrackerView *self,
           guint          position)
{
  GtkWidget *list = inner_list (self);

  if (list != NULL && gtk_widget_get_mapped (list))
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);
}

/* Search */

static void
on_search_entry_search_changed_cb (GwTrackerView *self)
{
  gw_tracker_view_set_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_search_entry_stop_search_cb (GwTrackerView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gw_tracker_view_set_search (self, "");
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/* Enter in the search selects the first area found and goes to the table. */
static void
on_search_entry_activate_cb (GwTrackerView *self)
{
  GListModel *model = G_LIST_MODEL (self->sorted);
  guint n = g_list_model_get_n_items (model);

  gw_tracker_view_set_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GwTrackerItem) item = g_list_model_get_item (model, i);

      if (!gw_tracker_item_is_group (item))
        {
          gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), i, TRUE);
          gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
          scroll_to (self, i);
          return;
        }
    }
}

/* Ctrl+C in the table */

static gboolean
copy_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  return gw_tracker_view_copy_selection (GW_TRACKER_VIEW (user_data));
}

/* GObject */

static void
gw_tracker_view_dispose (GObject *object)
{
  GwTrackerView *self = (GwTrackerView *) object;

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->sorted != NULL)
    g_signal_handlers_disconnect_by_data (self->sorted, self);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), GW_TYPE_TRACKER_VIEW);

  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->items);
  g_clear_object (&self->status_filter);
  g_clear_object (&self->search_filter);
  g_clear_object (&self->selected);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->target, gw_target_free);
  g_clear_pointer (&self->unit, g_free);
  g_clear_pointer (&self->value_unit, g_free);
  g_clear_pointer (&self->comparator_name, g_free);
  if (self->sii_cancellable != NULL)
    g_cancellable_cancel (self->sii_cancellable);
  g_clear_object (&self->sii_cancellable);
  /* the window's dataset must not outlive the window in the thread */
  if (self->sii_gate != NULL)
    gw_worker_gate_wait (self->sii_gate);
  g_clear_pointer (&self->sii_gate, gw_worker_gate_unref);

  G_OBJECT_CLASS (gw_tracker_view_parent_class)->dispose (object);
}

static void
gw_tracker_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GwTrackerView *self = GW_TRACKER_VIEW (object);

  switch (prop_id)
    {
    case PROP_SELECTED_ITEM:
      g_value_set_object (value, self->selected);
      break;
    case PROP_FILTER:
      g_value_set_int (value, self->filter);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_tracker_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  GwTrackerView *self = GW_TRACKER_VIEW (object);

  switch (prop_id)
    {
    case PROP_FILTER:
      gw_tracker_view_set_filter (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_tracker_view_class_init (GwTrackerViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gw_tracker_view_dispose;
  object_class->get_property = gw_tracker_view_get_property;
  object_class->set_property = gw_tracker_view_set_property;

  properties[PROP_SELECTED_ITEM] =
    g_param_spec_object ("selected-item", NULL, NULL,
                         GW_TYPE_TRACKER_ITEM,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FILTER] =
    g_param_spec_int ("filter", NULL, NULL,
                      0, GW_TRACKER_N_FILTERS - 1, GW_TRACKER_FILTER_ALL,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, GW_RESOURCE_PREFIX "ui/gw-tracker-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GwTrackerView, column_view);
  gtk_widget_class_bind_template_child (widget_class, GwTrackerView, count_label);
  gtk_widget_class_bind_template_child (widget_class, GwTrackerView, message_label);
  gtk_widget_class_bind_template_child (widget_class, GwTrackerView, message_title);
  gtk_widget_class_bind_template_child (widget_class, GwTrackerView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, GwTrackerView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GwTrackerView, spinner);
  gtk_widget_class_bind_template_child (widget_class, GwTrackerView, stack);
  gtk_widget_class_bind_template_child (widget_class, GwTrackerView, summary_box);
  gtk_widget_class_bind_template_child (widget_class, GwTrackerView, toolbar);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "gwtrackerview");
}

static void
gw_tracker_view_init (GwTrackerView *self)
{
  GtkLayoutManager *layout;
  g_autoptr(GtkSorter) pin = NULL;
  GtkMultiSorter *sorter;
  GtkEveryFilter *every;
  GtkAnyFilter *any;
  GtkShortcutController *shortcuts;
  GtkShortcut *copy;

  gtk_widget_init_template (GTK_WIDGET (self));

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);

  self->columns = g_ptr_array_new_with_free_func (column_spec_free);
  self->unit = g_strdup ("%");
  self->items = g_list_store_new (GW_TYPE_TRACKER_ITEM);

  /* The group's row OR (the status filter AND the search). */
  self->status_filter = gtk_custom_filter_new (status_filter_func, self, NULL);
  self->search_filter = gtk_string_filter_new (gtk_property_expression_new (GW_TYPE_TRACKER_ITEM,
                                                                            NULL, "search-text"));
  gtk_string_filter_set_ignore_case (self->search_filter, TRUE);
  gtk_string_filter_set_match_mode (self->search_filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  every = gtk_every_filter_new ();
  gtk_multi_filter_append (GTK_MULTI_FILTER (every), g_object_ref (GTK_FILTER (self->status_filter)));
  gtk_multi_filter_append (GTK_MULTI_FILTER (every), g_object_ref (GTK_FILTER (self->search_filter)));
  any = gtk_any_filter_new ();
  gtk_multi_filter_append (GTK_MULTI_FILTER (any),
                           GTK_FILTER (gtk_bool_filter_new (gtk_property_expression_new (GW_TYPE_TRACKER_ITEM,
                                                                                         NULL, "is-group"))));
  gtk_multi_filter_append (GTK_MULTI_FILTER (any), GTK_FILTER (every));
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->items)), GTK_FILTER (any));

  gw_tracker_view_build_columns (self);

  /* The group first, then the column the user sorts by. */
  pin = GTK_SORTER (gtk_custom_sorter_new (pin_group_first, NULL, NULL));
  sorter = gtk_multi_sorter_new ();
  gtk_multi_sorter_append (sorter, g_steal_pointer (&pin));
  gtk_multi_sorter_append (sorter, g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)), GTK_SORTER (sorter));
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_swapped (self->selection, "selection-changed",
                            G_CALLBACK (on_selection_changed_cb), self);
  g_signal_connect_swapped (self->sorted, "items-changed",
                            G_CALLBACK (on_sorted_items_changed_cb), self);

  /* Ctrl+C copies the selected rows while the table has the focus; in the
   * search entry it still copies the entry's text. */
  shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  copy = gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>c"),
                           gtk_callback_action_new (copy_shortcut_cb, self, NULL));
  gtk_shortcut_controller_add_shortcut (shortcuts, copy);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (shortcuts));

  self->strip = GW_SUMMARY_STRIP (gw_summary_strip_new ());
  gtk_box_append (self->summary_box, GTK_WIDGET (self->strip));
  g_signal_connect_object (self->strip, "notify::filter", G_CALLBACK (on_strip_filter_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gw_tracker_view_update_columns (self);
  gw_tracker_view_update_strip (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->toolbar), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "loading");
}

/* Public API */

GtkWidget *
gw_tracker_view_new (void)
{
  return g_object_new (GW_TYPE_TRACKER_VIEW, NULL);
}

/**
 * gw_tracker_view_set_result:
 * @result: the tracker result to show: its rows, target, gap unit and
 *   summary (the strip's counts are the result's)
 *
 * Shows @result.  The rows selected before stay selected when their area is
 * still there.
 */
void
gw_tracker_view_set_result (GwTrackerView   *self,
                            GwTrackerResult *result)
{
  GPtrArray *rows;
  const GwTarget *target;
  const char *unit;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GPtrArray) selected_codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GPtrArray) new_items = g_ptr_array_new_with_free_func (g_object_unref);
  GtkAdjustment *vadjustment;
  double scroll;
  guint n_items;

  g_return_if_fail (GW_IS_TRACKER_VIEW (self));
  g_return_if_fail (GW_IS_TRACKER_RESULT (result));

  rows = gw_tracker_result_get_rows (result);
  target = gw_tracker_result_get_target (result);
  unit = gw_tracker_result_get_gap_unit (result);

  /* What was selected, by code: the new items are other objects. */
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (guint i = 0; i < gtk_bitset_get_size (selected); i++)
    {
      g_autoptr(GwTrackerItem) item = g_list_model_get_item (G_LIST_MODEL (self->sorted),
                                                             gtk_bitset_get_nth (selected, i));

      g_ptr_array_add (selected_codes, g_strdup (gw_tracker_item_get_code (item)));
    }

  g_ptr_array_ref (rows);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = rows;
  g_clear_pointer (&self->target, gw_target_free);
  self->target = gw_target_copy (target);
  g_free (self->unit);
  self->unit = g_strdup (unit != NULL ? unit : "%");
  g_free (self->value_unit);
  self->value_unit = g_strdup (gw_tracker_result_get_indicator (result)->short_unit);
  g_free (self->comparator_name);
  self->comparator_name = g_strdup (gw_tracker_result_get_comparator_name (result));

  self->summary = *gw_tracker_result_get_summary (result);
  items = gw_tracker_items_from_rows (rows);
  n_items = g_list_model_get_n_items (items);
  self->n_areas = 0;
  for (guint i = 0; i < n_items; i++)
    {
      GwTrackerItem *item = g_list_model_get_item (items, i);

      if (!gw_tracker_item_is_group (item))
        self->n_areas++;
      g_ptr_array_add (new_items, item);
    }

  gw_tracker_view_update_columns (self);
  gw_tracker_view_update_strip (self);
  /* A part of the strip that is gone (men only, for a persons target). */
  if (!gw_summary_strip_has_filter (self->strip, self->filter))
    gw_tracker_view_set_filter (self, GW_TRACKER_FILTER_ALL);

  /* New data for the same table: the rows stay where the user had them. */
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
  scroll = vadjustment != NULL ? gtk_adjustment_get_value (vadjustment) : 0.0;
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       new_items->pdata, new_items->len);

  for (guint i = 0; i < selected_codes->len; i++)
    {
      guint position = find_position (self, g_ptr_array_index (selected_codes, i));

      if (position == GTK_INVALID_LIST_POSITION)
        continue;
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, FALSE);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->toolbar), TRUE);
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "table");
  gw_tracker_view_update_count (self);
  gw_tracker_view_update_selected (self);
  if (vadjustment != NULL)
    gtk_adjustment_set_value (vadjustment, scroll);

  if (self->sii_cancellable != NULL)
    g_cancellable_cancel (self->sii_cancellable);
  g_set_object (&self->sii_cancellable, g_cancellable_new ());
  g_object_unref (self->sii_cancellable);
  {
    /* a weak reference: the view may go before the thread ends */
    GWeakRef *weak = g_new0 (GWeakRef, 1);

    g_weak_ref_init (weak, self);
    /* the last one was cancelled: it ends within one SII */
    if (self->sii_gate != NULL)
      gw_worker_gate_wait (self->sii_gate);
    g_clear_pointer (&self->sii_gate, gw_worker_gate_unref);
    self->sii_gate = gw_worker_gate_new ();
    gw_tracker_items_fill_sii_async (G_LIST_MODEL (self->items), gw_tracker_result_get_dataset (result),
                                     self->sii_gate, self->sii_cancellable, on_sii_filled_cb, weak);
  }
}

void
gw_tracker_view_show_loading (GwTrackerView *self)
{
  g_return_if_fail (GW_IS_TRACKER_VIEW (self));

  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");
}

/**
 * gw_tracker_view_show_message:
 * @title: what is wrong, short
 * @message: what to do about it
 *
 * Shows @title and @message instead of the table, and forgets the rows.
 */
void
gw_tracker_view_show_message (GwTrackerView *self,
                              const char    *title,
                              const char    *message)
{
  g_return_if_fail (GW_IS_TRACKER_VIEW (self));

  g_list_store_remove_all (self->items);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  memset (&self->summary, 0, sizeof self->summary);
  self->n_areas = 0;
  gw_tracker_view_update_strip (self);
  gw_tracker_view_update_count (self);

  gtk_label_set_label (self->message_title, title != NULL ? title : "");
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->toolbar), FALSE);
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "message");
}

GPtrArray *
gw_tracker_view_get_rows (GwTrackerView *self)
{
  g_return_val_if_fail (GW_IS_TRACKER_VIEW (self), NULL);

  return self->rows;
}

GListModel *
gw_tracker_view_get_model (GwTrackerView *self)
{
  g_return_val_if_fail (GW_IS_TRACKER_VIEW (self), NULL);

  return G_LIST_MODEL (self->sorted);
}

GtkColumnView *
gw_tracker_view_get_column_view (GwTrackerView *self)
{
  g_return_val_if_fail (GW_IS_TRACKER_VIEW (self), NULL);

  return self->column_view;
}

GwTrackerItem *
gw_tracker_view_get_selected_item (GwTrackerView *self)
{
  g_return_val_if_fail (GW_IS_TRACKER_VIEW (self), NULL);

  return self->selected;
}

/**
 * gw_tracker_view_select_code:
 * @code: an area code, or the group's id
 *
 * Selects that row alone and scrolls to it; the search and the status
 * filter are cleared when they hide it.
 *
 * Returns: %FALSE when no row has @code.
 */
gboolean
gw_tracker_view_select_code (GwTrackerView *self,
                             const char    *code)
{
  guint position;

  g_return_val_if_fail (GW_IS_TRACKER_VIEW (self), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  position = find_position (self, code);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      gw_tracker_view_set_filter (self, GW_TRACKER_FILTER_ALL);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gw_tracker_view_set_search (self, "");
      position = find_position (self, code);
    }
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  scroll_to (self, position);
  return TRUE;
}

GwTrackerFilter
gw_tracker_view_get_filter (GwTrackerView *self)
{
  g_return_val_if_fail (GW_IS_TRACKER_VIEW (self), GW_TRACKER_FILTER_ALL);

  return self->filter;
}

void
gw_tracker_view_set_filter (GwTrackerView   *self,
                            GwTrackerFilter  filter)
{
  g_return_if_fail (GW_IS_TRACKER_VIEW (self));
  g_return_if_fail (filter < GW_TRACKER_N_FILTERS);

  if (self->filter != filter)
    {
      self->filter = filter;
      gtk_filter_changed (GTK_FILTER (self->status_filter), GTK_FILTER_CHANGE_DIFFERENT);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
    }
  gw_summary_strip_set_filter (self->strip, filter);
}

const char *
gw_tracker_view_get_search (GwTrackerView *self)
{
  const char *text;

  g_return_val_if_fail (GW_IS_TRACKER_VIEW (self), NULL);

  text = gtk_string_filter_get_search (self->search_filter);
  return text != NULL ? text : "";
}

/**
 * gw_tracker_view_set_search:
 * @text: (nullable): part of an area's name or code; empty for all
 *
 * Filters at once (the entry waits for typing to pause), and puts @text in
 * the search entry.
 */
void
gw_tracker_view_set_search (GwTrackerView *self,
                            const char    *text)
{
  g_autofree char *folded = NULL;

  g_return_if_fail (GW_IS_TRACKER_VIEW (self));

  if (text == NULL)
    text = "";

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);

  folded = g_utf8_casefold (g_strstrip (g_strdup (text)), -1);
  if (g_strcmp0 (gtk_string_filter_get_search (self->search_filter), folded) != 0)
    gtk_string_filter_set_search (self->search_filter, folded[0] != '\0' ? folded : NULL);
}

void
gw_tracker_view_focus_search (GwTrackerView *self)
{
  g_return_if_fail (GW_IS_TRACKER_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/**
 * gw_tracker_view_sort_by:
 * @column_id: "area", or a sex and a measure: "male-latest-gap",
 *   "female-status", "persons-required-narrowing", ...
 * @order: ascending or descending
 *
 * Sorts as a click on the column's header does.  The group stays first.
 *
 * Returns: %FALSE when the column is unknown or not shown.
 */
gboolean
gw_tracker_view_sort_by (GwTrackerView *self,
                         const char    *column_id,
                         GtkSortType    order)
{
  ColumnSpec *spec;

  g_return_val_if_fail (GW_IS_TRACKER_VIEW (self), FALSE);
  g_return_val_if_fail (column_id != NULL, FALSE);

  spec = find_column (self, column_id);
  if (spec == NULL || !gtk_column_view_column_get_visible (spec->column))
    return FALSE;

  gtk_column_view_sort_by_column (self->column_view, spec->column, order);
  return TRUE;
}

char *
gw_tracker_view_format_selection (GwTrackerView *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) out = NULL;
  guint n;

  g_return_val_if_fail (GW_IS_TRACKER_VIEW (self), NULL);

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  n = (guint) gtk_bitset_get_size (selected);
  if (n == 0)
    return NULL;

  /* In the order the table shows them; the columns of `gapwatch-cli track`,
   * tab-separated for spreadsheets. */
  rows = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GwTrackerItem) item = g_list_model_get_item (G_LIST_MODEL (self->sorted),
                                                             gtk_bitset_get_nth (selected, i));

      for (GwSex sex = GW_SEX_MALE; sex < GW_N_SEXES; sex++)
        {
          const GwTrackerRow *row = gw_tracker_item_get_row (item, sex);

          if (row != NULL)
            g_ptr_array_add (rows, (gpointer) row);
        }
    }

  out = g_string_new (NULL);
  gw_table_write_tracker_rows (out, rows, NULL, GW_TABLE_FORMAT_TSV);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
gw_tracker_view_copy_selection (GwTrackerView *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (GW_IS_TRACKER_VIEW (self), FALSE);

  text = gw_tracker_view_format_selection (self);
  if (text == NULL)
    return FALSE;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  return TRUE;
}

char *
gw_tracker_view_format_csv (GwTrackerView *self)
{
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (GW_IS_TRACKER_VIEW (self), NULL);

  if (self->rows == NULL)
    return NULL;

  /* the one writer of `gapwatch-cli track --format csv`: the same bytes */
  out = g_string_new (NULL);
  gw_table_write_tracker_rows (out, self->rows, NULL, GW_TABLE_FORMAT_CSV);
  return g_string_free (g_steal_pointer (&out), FALSE);
}
