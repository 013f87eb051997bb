/* gw-tracker-view.c: the target tracker's table, its summary strip and search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GwTrackerItem (one per area, the sexes side by side) → GwTrackerList
 * (filtered and sorted on plain arrays: GtkFilterListModel and
 * GtkSortListModel took up to a second a sort at 32,844 areas) →
 * GtkMultiSelection → GtkColumnView.  A click on a column's header sorts
 * the list by that column's property (the column view's sorter says which
 * column leads); the group stays pinned on top, the reference the areas are
 * read against, whatever column is sorted and in which direction.  The
 * filter is the group's row OR (status category AND search text).  Cells
 * are GwTrackerCell: one widget drawing two lines, cheap to bind.
 *
 * The view computes nothing: it shows what the tracker gave.
 */
#include "gw-config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "gw-tracker-view.h"
#include "gw-tracker-view-private.h"
#include "gw-summary-strip.h"
#include "gw-tracker-cell.h"
#include "gw-tracker-list.h"
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

/* The column chooser's words for each measure, in column order. */
static const char *
field_label (FieldKind field)
{
  switch (field)
    {
    /* Translators: the column chooser's list of measures. */
    case FIELD_STATUS:        return C_("column chooser", "Status");
    case FIELD_LATEST_GAP:    return C_("column chooser", "Latest gap");
    case FIELD_PROJECTED_GAP: return C_("column chooser", "Projected gap");
    case FIELD_LATEST_VALUE:  return C_("column chooser", "Latest value");
    case FIELD_COMPARATOR:    return C_("column chooser", "Comparator’s value (England’s)");
    case FIELD_SII:           return C_("column chooser", "Slope index of inequality (when the data has small areas)");
    case N_FIELD_KINDS:
    default:                  g_assert_not_reached ();
    }
}

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
  GtkScrolledWindow  *area_scrolled;
  GtkColumnView      *area_view;
  GtkColumnView      *column_view;
  GtkBox             *columns_box;
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
  GwTrackerList      *list;
  GtkMultiSelection  *selection;
  char               *search;           /* folded, or NULL */
  ColumnSpec         *probed;           /* see sort_column */
  gboolean            syncing_sort;
  gulong              after_paint_id;   /* rows changed, not yet laid out */
  gint64              changed_at;       /* when they changed (monotonic, µs) */
  gboolean            busy;             /* the busy cursor is up until that paint */
  gboolean            last_slow;        /* the last repaint took over BUSY_US */
  guint               busy_rows;        /* rows changed that predict a slow repaint */
  guint               scroll_sync_id;   /* a scroll to copy after this layout */
  gboolean            sync_from_areas;  /* which view scrolled */
  GdkFrameClock      *after_paint_clock;
  gboolean            shown_fields[N_FIELD_KINDS];
  GtkCheckButton     *field_checks[N_FIELD_KINDS];
  GwSettings         *settings;
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
  GtkWidget *cell = gw_tracker_cell_new (0.0f);

  gtk_widget_add_css_class (cell, "gw-area-cell");
  gtk_list_item_set_child (list_item, cell);
}

static void
on_area_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 ColumnSpec               *spec)
{
  GwTrackerItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  gboolean is_group = gw_tracker_item_is_group (item);
  const char *name = gw_tracker_item_get_name (item);

  if (is_group)
    {
      GwTrackerView *self = spec->view;
      g_autofree char *text = g_strdup_printf (ngettext ("The group: %u area", "The group: %u areas",
                                                         self->n_areas),
                                               self->n_areas);

      gw_tracker_cell_set (GW_TRACKER_CELL (cell), name, text, name);
    }
  else
    /* the whole name when the column cuts it */
    gw_tracker_cell_set (GW_TRACKER_CELL (cell), name, gw_tracker_item_get_code (item), name);

  set_group_style (cell, is_group);
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

  /* Rebinding the same status costs nothing: no new icon, no layout. */
  if (g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (image)), icon) != 0)
    {
      if (icon != NULL)
        gtk_image_set_from_icon_name (GTK_IMAGE (image), icon);
      else
        gtk_image_clear (GTK_IMAGE (image));
    }
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
    if (row == NULL || s != row->status)
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
  if (g_strcmp0 (gtk_widget_get_tooltip_text (box), row->reason_text) != 0)
    gtk_widget_set_tooltip_text (box, row->reason_text);
}

/* Two lines: the number, and its 95% interval beneath, smaller. */
static void
on_number_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    ColumnSpec               *spec)
{
  GtkWidget *cell = gw_tracker_cell_new (1.0f);

  gtk_widget_add_css_class (cell, "gw-numeric");
  gtk_list_item_set_child (list_item, cell);
}

/* A number as the table shows it: the number, what is beneath it (the
 * half-width of a symmetric interval, else the limits), the limits alone,
 * and the tooltip.  The cells and Copy Rows both say it so. */
static void
format_number (ColumnSpec         *spec,
               GwTrackerItem      *item,
               const GwTrackerRow *row,
               char              **out_text,
               char              **out_beneath,
               char              **out_interval,
               char              **out_tooltip)
{
  g_autofree char *text = NULL;
  g_autofree char *interval = NULL;
  g_autofree char *period = NULL;
  const char *what = NULL;
  double half = NAN;

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

  if (out_tooltip != NULL && text != NULL)
    {
      if (interval != NULL)
        /* Translators: a tooltip, "2005–2007; 95% confidence interval 73.80–74.84". */
        *out_tooltip = g_strdup_printf (C_("tooltip", "%s; %s %s"), period, what, interval);
      else
        /* Translators: a tooltip when a number has no interval, "2005–2007; no interval". */
        *out_tooltip = g_strdup_printf (C_("tooltip", "%s; no interval"), period);
    }

  if (out_beneath != NULL)
    {
      if (isfinite (half) && interval != NULL)
        {
          /* A gap's and a projection's intervals are symmetric (the
           * estimate -/+ a quantile times its standard error): "±0.67"
           * keeps the column narrow when a limit is negative; the tooltip
           * gives the limits. */
          g_autofree char *number = gw_ui_format_number (half, 2);

          *out_beneath = g_strdup_printf ("±%s", number);
        }
      else
        *out_beneath = g_strdup (interval);
    }

  /* no SII for an area without small areas */
  *out_text = text != NULL ? g_steal_pointer (&text) : g_strdup ("–");
  if (out_interval != NULL)
    *out_interval = g_steal_pointer (&interval);
}

static void
on_number_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   ColumnSpec               *spec)
{
  GwTrackerItem *item = gtk_list_item_get_item (list_item);
  const GwTrackerRow *row = cell_row (spec, list_item);
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  g_autofree char *text = NULL;
  g_autofree char *beneath = NULL;
  g_autofree char *tooltip = NULL;

  set_group_style (cell, gw_tracker_item_is_group (item));

  if (row == NULL)
    {
      gw_tracker_cell_set (GW_TRACKER_CELL (cell), "–", NULL, NULL);
      return;
    }

  format_number (spec, item, row, &text, &beneath, NULL, &tooltip);
  gw_tracker_cell_set (GW_TRACKER_CELL (cell), text, beneath, tooltip);
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
  gboolean sii = self->target != NULL && self->target->measure == GW_TARGET_MEASURE_SII;

  switch ((FieldKind) spec->field)
    {
    /* Translators: column titles of the tracker table; keep the line break
     * where the title is best split in two short lines. */
    case FIELD_STATUS:        measure = C_("column title", "Status"); break;
    case FIELD_LATEST_VALUE:  measure = C_("column title", "Latest\nvalue"); unit = self->value_unit; break;
    case FIELD_COMPARATOR:    measure = self->comparator_name; unit = self->value_unit; break;
    /* an SII target's "gap" is the SII within the area */
    case FIELD_LATEST_GAP:    measure = sii ? C_("column title", "Latest\nSII") : C_("column title", "Latest\ngap"); break;
    case FIELD_PROJECTED_GAP: measure = sii ? C_("column title", "Projected\nSII") : C_("column title", "Projected\ngap"); break;
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

/* Sorting: the column view's sorter knows which column leads and which
 * way (GTK 4.8 does not say); compared on two objects, it asks that
 * column's sorter first, which notes its column, and inverts the answer
 * when descending. */
static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  ColumnSpec *spec = user_data;

  if (spec->view->probed == NULL)
    spec->view->probed = spec;
  return GTK_ORDERING_SMALLER;
}

static ColumnSpec *
sort_column (GwTrackerView *self,
             gboolean      *descending)
{
  GtkColumnView *views[] = { self->column_view, self->area_view };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      GtkOrdering order;

      self->probed = NULL;
      order = gtk_sorter_compare (gtk_column_view_get_sorter (views[i]), self, self->list);
      *descending = order == GTK_ORDERING_LARGER;
      if (self->probed != NULL)
        return self->probed;
    }

  return NULL;
}

/* The list's scroll-to action, not the adjustment: right after the rows
 * changed, the list cannot yet map a scroll value to a row. */
static void scroll_to (GwTrackerView *self,
                       guint          position);

static void
scroll_to_top (GwTrackerView *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    scroll_to (self, 0);
}

/* A sort starts at the top, the group's row in sight (issue 18 point 7). */
static void
on_sorter_changed_cb (GwTrackerView   *self,
                      GtkSorterChange  change,
                      GtkSorter       *sorter)
{
  gboolean descending = FALSE;
  ColumnSpec *spec;
  const char *key = NULL;

  if (self->syncing_sort)
    return;

  /* One sort for both views: a click on one's header clears the other's. */
  self->syncing_sort = TRUE;
  if (sorter == gtk_column_view_get_sorter (self->column_view))
    gtk_column_view_sort_by_column (self->area_view, NULL, GTK_SORT_ASCENDING);
  else
    gtk_column_view_sort_by_column (self->column_view, NULL, GTK_SORT_ASCENDING);
  self->syncing_sort = FALSE;

  spec = sort_column (self, &descending);
  if (spec != NULL)
    key = spec->field < 0 ? "name" : spec->id;
  gw_tracker_list_set_sort (self->list, key, descending);
  scroll_to_top (self);
}

#define NUMBER_COLUMN_WIDTH 76

static void
add_column (GwTrackerView      *self,
            const char         *id,
            GwSex               sex,
            int                 field,
            GtkListItemFactory *factory)
{
  ColumnSpec *spec = g_new0 (ColumnSpec, 1);
  g_autoptr(GtkColumnViewColumn) column = NULL;
  g_autoptr(GtkSorter) sorter = NULL;

  spec->view = self;
  spec->id = g_strdup (id);
  spec->sex = sex;
  spec->field = field;

  column = gtk_column_view_column_new (NULL, factory);
  /* The header clickable, with its arrow; the list does the sorting. */
  sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, spec, NULL));
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_resizable (column, TRUE);
  spec->column = column;
  g_ptr_array_add (self->columns, spec);

  if (field < 0)
    {
      /* Room for "Redcar and Cleveland" (longer names ellipsize, whole in
       * the area view); the status, gap and projection of both sexes fit
       * beside it at 1366 pixels. */
      gtk_column_view_column_set_fixed_width (column, 170);
    }
  else if (field != FIELD_STATUS)
    /* "1.12–1.80" beneath "1.95"; the titles wrap to fit (three lines),
     * wider when a title needs it (gw_tracker_view_update_columns) */
    gtk_column_view_column_set_fixed_width (column, NUMBER_COLUMN_WIDTH);

  /* The area in its own view, pinned at the left. */
  gtk_column_view_append_column (field < 0 ? self->area_view : self->column_view, column);
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
  ColumnSpec *area;

  /* The spec is added by add_column; the factory needs it first. */
  add_column (self, "area", GW_SEX_PERSONS, -1, NULL);
  area = g_ptr_array_index (self->columns, 0);
  area_factory = new_factory (G_CALLBACK (on_area_setup_cb), G_CALLBACK (on_area_bind_cb), area);
  gtk_column_view_column_set_factory (area->column, area_factory);

  for (int field = 0; field < N_FIELD_KINDS; field++)
    for (GwSex sex = GW_SEX_MALE; sex < GW_N_SEXES; sex++)
      {
        g_autofree char *id = g_strdup_printf ("%s-%s", sex_ids[sex], field_ids[field]);
        g_autoptr(GtkListItemFactory) factory = NULL;
        ColumnSpec *spec;

        add_column (self, id, sex, field, NULL);
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

/* A number column at least as wide as its title's longest line: the
 * header does not wrap or ellipsize, it was cut ("Projecte", "value
 * (ye", Welsh "diweddar").  Bold, as the theme sets headers, with the
 * header button's padding and border and room for the sort arrow. */
static int
title_width (GwTrackerView *self,
             const char    *title)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->column_view), title);
  PangoFontDescription *font = pango_font_description_copy (pango_context_get_font_description (pango_layout_get_context (layout)));
  int width;

  pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_get_pixel_size (layout, &width, NULL);
  return width + 2 * 6 + 1 + 16;
}

static void
gw_tracker_view_update_columns (GwTrackerView *self)
{
  guint max_lines = 1;

  for (guint i = 0; i < self->columns->len; i++)
    {
      ColumnSpec *spec = g_ptr_array_index (self->columns, i);
      g_autofree char *title = NULL;

      if (spec->field < 0)
        continue;

      title = column_title (self, spec);
      gtk_column_view_column_set_title (spec->column, title);
      if (spec->field != FIELD_STATUS)
        gtk_column_view_column_set_fixed_width (spec->column,
                                                MAX (NUMBER_COLUMN_WIDTH, title_width (self, title)));
      gtk_column_view_column_set_visible (spec->column,
                                          target_has_sex (self->target, spec->sex)
                                          && self->shown_fields[spec->field]
                                          && (spec->field != FIELD_SII
                                              || (self->has_sii && spec->sex != GW_SEX_PERSONS)));
      if (gtk_column_view_column_get_visible (spec->column))
        {
          guint lines = 1;

          for (const char *c = title; *c != '\0'; c++)
            lines += *c == '\n';
          max_lines = MAX (max_lines, lines);
        }
    }

  /* The headers of the two views as tall as each other, so their rows
   * start level: "Area" on the last line, as "Men" is beside it. */
  {
    ColumnSpec *area = g_ptr_array_index (self->columns, 0);
    g_autoptr(GString) title = g_string_new (NULL);

    for (guint i = 1; i < max_lines; i++)
      g_string_append_c (title, '\n');
    g_string_append (title, _("Area"));
    gtk_column_view_column_set_title (area->column, title->str);
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

/* The column chooser: the measures shown for each sex, kept in the
 * settings' `tracker-columns`. */

static void
save_fields (GwTrackerView *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  if (self->settings == NULL)
    return;
  for (guint f = 0; f < N_FIELD_KINDS; f++)
    if (self->shown_fields[f])
      g_strv_builder_add (builder, field_ids[f]);
  ids = g_strv_builder_end (builder);
  gw_settings_set_tracker_columns (self->settings, (const char * const *) ids);
}

static void
on_field_check_toggled_cb (GtkCheckButton *check,
                           GwTrackerView  *self)
{
  guint field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "gw-field"));
  gboolean active = gtk_check_button_get_active (check);

  if (self->shown_fields[field] == active)
    return;
  self->shown_fields[field] = active;
  gw_tracker_view_update_columns (self);
  save_fields (self);
}

static void
gw_tracker_view_build_chooser (GwTrackerView *self)
{
  for (guint f = 0; f < N_FIELD_KINDS; f++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (field_label (f));

      g_object_set_data (G_OBJECT (check), "gw-field", GUINT_TO_POINTER (f));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), self->shown_fields[f]);
      gtk_widget_add_css_class (check, "gw-column-choice");
      g_signal_connect (check, "toggled", G_CALLBACK (on_field_check_toggled_cb), self);
      gtk_box_append (self->columns_box, check);
      self->field_checks[f] = GTK_CHECK_BUTTON (check);
    }
}

static void
on_settings_columns_changed_cb (GwTrackerView *self)
{
  const char * const *ids = gw_settings_get_tracker_columns (self->settings);

  for (guint f = 0; f < N_FIELD_KINDS; f++)
    self->shown_fields[f] = ids != NULL && g_strv_contains (ids, field_ids[f]);
  for (guint f = 0; f < N_FIELD_KINDS; f++)
    gtk_check_button_set_active (self->field_checks[f], self->shown_fields[f]);
  gw_tracker_view_update_columns (self);
}

/* Tab between the parts, arrows inside them (issue 18 point 3): the
 * table's rows and the strip's parts are one Tab stop each. */

/* Moves the focus to the first widget that takes it after (or before)
 * widget in the window, as Tab would from the end of widget. */
static gboolean
focus_past (GtkWidget        *widget,
            GtkDirectionType  direction)
{
  for (GtkWidget *w = widget; w != NULL && !GTK_IS_ROOT (w); w = gtk_widget_get_parent (w))
    for (GtkWidget *sibling = direction == GTK_DIR_TAB_FORWARD ? gtk_widget_get_next_sibling (w)
                                                               : gtk_widget_get_prev_sibling (w);
         sibling != NULL;
         sibling = direction == GTK_DIR_TAB_FORWARD ? gtk_widget_get_next_sibling (sibling)
                                                    : gtk_widget_get_prev_sibling (sibling))
      if (gtk_widget_get_visible (sibling) && gtk_widget_child_focus (sibling, direction))
        return TRUE;

  return FALSE;
}

static gboolean
is_tab (guint            keyval,
        GdkModifierType  state,
        GtkDirectionType *direction)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  if (keyval == GDK_KEY_ISO_Left_Tab || (keyval == GDK_KEY_Tab && (state & GDK_SHIFT_MASK)))
    *direction = GTK_DIR_TAB_BACKWARD;
  else if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    *direction = GTK_DIR_TAB_FORWARD;
  else
    return FALSE;
  return TRUE;
}

/* In the table, Shift+Tab goes back to the search; in the strip, Tab
 * goes on to it; the other way leaves the view. */
static gboolean
on_tab_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GwTrackerView         *self)
{
  GtkWidget *part = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkDirectionType to_search = part == GTK_WIDGET (self->column_view) ? GTK_DIR_TAB_BACKWARD
                                                                       : GTK_DIR_TAB_FORWARD;
  GtkDirectionType direction;

  if (!is_tab (keyval, state, &direction))
    return FALSE;
  if (direction == to_search)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
      return TRUE;
    }
  /* On to what follows the table (the area's details), or back before
   * the strip. */
  return focus_past (GTK_WIDGET (self), direction);
}

static void
add_tab_keys (GwTrackerView *self,
              GtkWidget     *widget)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  /* Before the rows and buttons, which would move on by one. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_tab_key_pressed_cb), self);
  gtk_widget_add_controller (widget, keys);
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
  guint n_shown = gw_tracker_list_get_n_shown (self->list);
  g_autofree char *text = NULL;

  if (self->rows == NULL)
    text = g_strdup ("");
  else if (n_shown == 0 && self->n_areas > 0)
    {
      const char *search = self->search;
      gboolean searching = search != NULL && *search != '\0';

      /* name only what is set */
      if (searching && self->filter != GW_TRACKER_FILTER_ALL)
        text = g_strdup (_("No area matches the search and the filter"));
      else if (searching)
        text = g_strdup (_("No area matches the search"));
      else
        text = g_strdup (_("No area matches the filter"));
    }
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

  return g_list_model_get_item (G_LIST_MODEL (self->list), gtk_bitset_get_minimum (selected));
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

/* The two views scroll together.  Right after the rows change, a view
 * cannot place a scroll value (it has not measured the new rows): the area
 * view follows the table once the frame is painted. */
static void
copy_scroll (GtkScrolledWindow *from,
             GtkScrolledWindow *to)
{
  double value = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (from));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (to);

  if (gtk_adjustment_get_value (adjustment) != value)
    gtk_adjustment_set_value (adjustment, value);
}

/* A view's scroll moves while GTK lays the window out (a narrower window
 * shows the table's scroll bar and clamps its value): copied there, the
 * other view, already allocated, would need laying out again in the middle
 * of the frame.  So the copy waits for the frame's end. */
static gboolean
sync_scroll_cb (gpointer data)
{
  GwTrackerView *self = data;

  self->scroll_sync_id = 0;
  if (self->after_paint_id != 0)
    return G_SOURCE_REMOVE;
  if (self->sync_from_areas)
    copy_scroll (self->area_scrolled, self->scrolled_window);
  else
    copy_scroll (self->scrolled_window, self->area_scrolled);
  return G_SOURCE_REMOVE;
}

static void
queue_scroll_sync (GwTrackerView *self,
                   gboolean       from_areas)
{
  if (self->after_paint_id != 0)
    return;
  self->sync_from_areas = from_areas;
  if (self->scroll_sync_id == 0)
    /* before the next frame's layout (GDK_PRIORITY_REDRAW is lower): a
     * scroll by the user moves both views in the same frame */
    self->scroll_sync_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, sync_scroll_cb, self, NULL);
}

static void
on_table_scrolled_cb (GwTrackerView *self)
{
  queue_scroll_sync (self, FALSE);
}

static void
on_areas_scrolled_cb (GwTrackerView *self)
{
  queue_scroll_sync (self, TRUE);
}

static void
stop_waiting_for_paint (GwTrackerView *self)
{
  /* (a clock disposed with its window has dropped its handlers) */
  if (self->after_paint_id != 0 && g_signal_handler_is_connected (self->after_paint_clock, self->after_paint_id))
    g_signal_handler_disconnect (self->after_paint_clock, self->after_paint_id);
  self->after_paint_id = 0;
  g_clear_object (&self->after_paint_clock);
}

/* Progress for a sort, filter or search that takes over 200 ms (issue 18
 * point 5).  The time is in the frame after the rows change: GTK lays out
 * and paints the table in one go on the main thread, so a timeout started
 * with the action would fire only when the work is over, and a spinner
 * could not turn.  The cursor can: the display server draws it.  So the
 * busy cursor goes up before that frame when the frame is expected to be
 * slow (many rows changed, or the last repaint was slow on this machine),
 * and down when it has painted; a quick action shows nothing. */
#define BUSY_US (200 * G_TIME_SPAN_MILLISECOND)
/* bench-tracker-view: 5,000 areas (10,000 rows changed by a sort) took
 * 200-370 ms, 150 areas under 100 ms */
#define BUSY_ROWS 4000

static void
set_busy (GwTrackerView *self,
          gboolean       busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), busy ? "progress" : NULL);
  /* now, not when the frame that is about to take the time ends */
  if (busy)
    gdk_display_flush (gtk_widget_get_display (GTK_WIDGET (self)));
}

static void
on_rows_painted_cb (GdkFrameClock *clock,
                    GwTrackerView *self)
{
  stop_waiting_for_paint (self);
  self->last_slow = g_get_monotonic_time () - self->changed_at > BUSY_US;
  set_busy (self, FALSE);
  copy_scroll (self->scrolled_window, self->area_scrolled);
}

static void
on_sorted_items_changed_cb (GwTrackerView *self,
                            guint          position,
                            guint          removed,
                            guint          added,
                            GListModel    *model)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  gw_tracker_view_update_count (self);
  gw_tracker_view_update_selected (self);

  if (clock != NULL && self->after_paint_id == 0)
    {
      self->changed_at = g_get_monotonic_time ();
      self->after_paint_clock = g_object_ref (clock);
      self->after_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_rows_painted_cb), self);
    }
  if (clock != NULL && (removed + added >= self->busy_rows || self->last_slow))
    set_busy (self, TRUE);
}

static guint
find_position (GwTrackerView *self,
               const char    *code)
{
  GListModel *model = G_LIST_MODEL (self->list);
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
  GListModel *model = G_LIST_MODEL (self->list);
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

/* The spinner spins only while on screen: a spinning spinner on a hidden
 * page still animates its style, and the window then lays out and paints
 * every frame with nothing changing (issue 18 point 6). */
static void
on_spinner_map_cb (GtkSpinner *spinner)
{
  gtk_spinner_start (spinner);
}

static void
on_spinner_unmap_cb (GtkSpinner *spinner)
{
  gtk_spinner_stop (spinner);
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
  g_clear_handle_id (&self->scroll_sync_id, g_source_remove);
  stop_waiting_for_paint (self);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  if (self->scrolled_window != NULL)
    g_signal_handlers_disconnect_by_data (gtk_scrolled_window_get_vadjustment (self->scrolled_window), self);
  if (self->area_scrolled != NULL)
    g_signal_handlers_disconnect_by_data (gtk_scrolled_window_get_vadjustment (self->area_scrolled), self);
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
  if (self->area_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->area_view), self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  if (self->area_view != NULL)
    gtk_column_view_set_model (self->area_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), GW_TYPE_TRACKER_VIEW);

  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_pointer (&self->search, g_free);
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
  gtk_widget_class_bind_template_child (widget_class, GwTrackerView, area_scrolled);
  gtk_widget_class_bind_template_child (widget_class, GwTrackerView, area_view);
  gtk_widget_class_bind_template_child (widget_class, GwTrackerView, column_view);
  gtk_widget_class_bind_template_child (widget_class, GwTrackerView, columns_box);
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
  GtkShortcutController *shortcuts;
  GtkShortcut *copy;

  self->busy_rows = BUSY_ROWS;

  gtk_widget_init_template (GTK_WIDGET (self));

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);

  self->columns = g_ptr_array_new_with_free_func (column_spec_free);
  self->unit = g_strdup ("%");
  self->list = gw_tracker_list_new ();

  for (guint f = 0; f < N_FIELD_KINDS; f++)
    self->shown_fields[f] = f != FIELD_COMPARATOR;
  gw_tracker_view_build_columns (self);
  gw_tracker_view_build_chooser (self);
  g_signal_connect_swapped (gtk_column_view_get_sorter (self->column_view), "changed",
                            G_CALLBACK (on_sorter_changed_cb), self);
  g_signal_connect_swapped (gtk_column_view_get_sorter (self->area_view), "changed",
                            G_CALLBACK (on_sorter_changed_cb), self);

  /* Both views show the one selection; they scroll together. */
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_set_model (self->area_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (gtk_scrolled_window_get_vadjustment (self->scrolled_window), "value-changed",
                            G_CALLBACK (on_table_scrolled_cb), self);
  g_signal_connect_swapped (gtk_scrolled_window_get_vadjustment (self->area_scrolled), "value-changed",
                            G_CALLBACK (on_areas_scrolled_cb), self);
  add_tab_keys (self, GTK_WIDGET (self->column_view));
  add_tab_keys (self, GTK_WIDGET (self->summary_box));

  g_signal_connect_swapped (self->selection, "selection-changed",
                            G_CALLBACK (on_selection_changed_cb), self);
  g_signal_connect_swapped (self->list, "items-changed",
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
  g_signal_connect (self->spinner, "map", G_CALLBACK (on_spinner_map_cb), NULL);
  g_signal_connect (self->spinner, "unmap", G_CALLBACK (on_spinner_unmap_cb), NULL);
}

/* Public API */

GtkWidget *
gw_tracker_view_new (void)
{
  return g_object_new (GW_TYPE_TRACKER_VIEW, NULL);
}

/**
 * _gw_tracker_view_set_rows:
 * @rows: (element-type GwTrackerRow): the tracker's rows, group first
 * @target: the target tracked
 * @unit: (nullable): the gaps' unit, "%" when %NULL
 * @value_unit: (nullable): the indicator's short unit, "years"
 * @comparator_name: (nullable): "England"
 * @summary: the counts of the summary strip
 *
 * What gw_tracker_view_set_result() shows, in parts: the benchmark shows
 * rows made at a scale no sample has (tests/bench/bench-tracker-view.c).
 */
void
_gw_tracker_view_set_rows (GwTrackerView          *self,
                           GPtrArray              *rows,
                           const GwTarget         *target,
                           const char             *unit,
                           const char             *value_unit,
                           const char             *comparator_name,
                           const GwTrackerSummary *summary)
{
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GPtrArray) selected_codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GPtrArray) new_items = g_ptr_array_new_with_free_func (g_object_unref);
  GtkAdjustment *vadjustment;
  double scroll;
  guint n_items;

  /* What was selected, by code: the new items are other objects. */
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (guint i = 0; i < gtk_bitset_get_size (selected); i++)
    {
      g_autoptr(GwTrackerItem) item = g_list_model_get_item (G_LIST_MODEL (self->list),
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
  self->value_unit = g_strdup (value_unit);
  g_free (self->comparator_name);
  self->comparator_name = g_strdup (comparator_name);

  self->summary = *summary;
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
  gw_tracker_list_set_items (self->list, new_items);
  /* GtkSearchEntry waits 150 ms for typing to pause.  A table of a few
   * hundred areas filters in about 45 ms, so it searches as she types
   * (issue 18 point 5: under 100 ms); thousands of rows take 100-200 ms a
   * filter, and there the pause saves refiltering at every key. */
  gtk_search_entry_set_search_delay (self->search_entry, self->n_areas <= 1000 ? 30 : 150);

  for (guint i = 0; i < selected_codes->len; i++)
    {
      guint position = find_position (self, g_ptr_array_index (selected_codes, i));

      if (position == GTK_INVALID_LIST_POSITION)
        continue;
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, FALSE);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->toolbar), TRUE);
  gtk_stack_set_visible_child_name (self->stack, "table");
  gw_tracker_view_update_count (self);
  gw_tracker_view_update_selected (self);
  if (vadjustment != NULL)
    gtk_adjustment_set_value (vadjustment, scroll);
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
  g_autoptr(GListModel) items = NULL;

  g_return_if_fail (GW_IS_TRACKER_VIEW (self));
  g_return_if_fail (GW_IS_TRACKER_RESULT (result));

  _gw_tracker_view_set_rows (self,
                             gw_tracker_result_get_rows (result),
                             gw_tracker_result_get_target (result),
                             gw_tracker_result_get_gap_unit (result),
                             gw_tracker_result_get_indicator (result)->short_unit,
                             gw_tracker_result_get_comparator_name (result),
                             gw_tracker_result_get_summary (result));
  items = gw_tracker_list_dup_items (self->list);

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
    gw_tracker_items_fill_sii_async (items, gw_tracker_result_get_dataset (result),
                                     self->sii_gate, self->sii_cancellable, on_sii_filled_cb, weak);
  }
}

void
gw_tracker_view_show_loading (GwTrackerView *self)
{
  g_return_if_fail (GW_IS_TRACKER_VIEW (self));

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

  {
    g_autoptr(GPtrArray) none = g_ptr_array_new ();

    gw_tracker_list_set_items (self->list, none);
  }
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  memset (&self->summary, 0, sizeof self->summary);
  self->n_areas = 0;
  gw_tracker_view_update_strip (self);
  gw_tracker_view_update_count (self);

  gtk_label_set_label (self->message_title, title != NULL ? title : "");
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->toolbar), FALSE);
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

  return G_LIST_MODEL (self->list);
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
      gw_tracker_list_set_filter (self->list, filter);
      scroll_to_top (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
    }
  gw_summary_strip_set_filter (self->strip, filter);
}

const char *
gw_tracker_view_get_search (GwTrackerView *self)
{
  const char *text;

  g_return_val_if_fail (GW_IS_TRACKER_VIEW (self), NULL);

  text = self->search;
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
  if (folded[0] == '\0')
    g_clear_pointer (&folded, g_free);
  if (g_strcmp0 (self->search, folded) != 0)
    {
      g_free (self->search);
      self->search = g_steal_pointer (&folded);
      gw_tracker_list_set_search (self->list, self->search);
      scroll_to_top (self);
    }
}

/* For tests: from how many rows changed the busy cursor goes up, and
 * whether it is up. */
void
_gw_tracker_view_set_busy_rows (GwTrackerView *self,
                                guint          rows)
{
  g_return_if_fail (GW_IS_TRACKER_VIEW (self));

  self->busy_rows = rows;
}

gboolean
_gw_tracker_view_get_busy (GwTrackerView *self)
{
  g_return_val_if_fail (GW_IS_TRACKER_VIEW (self), FALSE);

  return self->busy;
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

  gtk_column_view_sort_by_column (spec->field < 0 ? self->area_view : self->column_view, spec->column, order);
  return TRUE;
}

/* A column title on one line: "Latest gap (%) Men". */
static char *
one_line (const char *title)
{
  g_auto(GStrv) lines = g_strsplit (title, "\n", -1);

  return g_strjoinv (" ", lines);
}

char *
gw_tracker_view_format_selection (GwTrackerView *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GString) out = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  guint n;

  g_return_val_if_fail (GW_IS_TRACKER_VIEW (self), NULL);

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  n = (guint) gtk_bitset_get_size (selected);
  if (n == 0)
    return NULL;

  /* For people, into a spreadsheet or a mail: the columns shown, headers
   * in words, the values as the table shows them, each interval beside its
   * number; one line per area, tab-separated.  Scripts have the CSV
   * export (gw_tracker_view_format_csv), which stays as it is. */
  for (guint i = 1; i < self->columns->len; i++)
    {
      ColumnSpec *spec = g_ptr_array_index (self->columns, i);

      if (gtk_column_view_column_get_visible (spec->column))
        g_ptr_array_add (shown, spec);
    }

  out = g_string_new (NULL);
  /* Translators: the first headers of the rows copied from the table. */
  g_string_append_printf (out, "%s\t%s", C_("copied rows", "Area"), C_("copied rows", "Code"));
  for (guint c = 0; c < shown->len; c++)
    {
      ColumnSpec *spec = g_ptr_array_index (shown, c);
      g_autofree char *title = one_line (gtk_column_view_column_get_title (spec->column));

      g_string_append_printf (out, "\t%s", title);
      if (spec->field != FIELD_STATUS)
        /* Translators: the header of the interval copied beside a number,
         * "Latest gap (%) Men, interval". */
        {
          g_string_append_c (out, '\t');
          g_string_append_printf (out, C_("copied rows", "%s, interval"), title);
        }
    }
  g_string_append_c (out, '\n');

  /* In the order the table shows them. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GwTrackerItem) item = g_list_model_get_item (G_LIST_MODEL (self->list),
                                                             gtk_bitset_get_nth (selected, i));

      g_string_append_printf (out, "%s\t%s", gw_tracker_item_get_name (item), gw_tracker_item_get_code (item));
      for (guint c = 0; c < shown->len; c++)
        {
          ColumnSpec *spec = g_ptr_array_index (shown, c);
          const GwTrackerRow *row = gw_tracker_item_get_row (item, spec->sex);

          if (spec->field == FIELD_STATUS)
            {
              g_string_append_printf (out, "\t%s", row != NULL ? gw_ui_status_label (row->status) : "");
              if (row != NULL && row->certainty == GW_CERTAINTY_UNCERTAIN)
                /* Translators: the certainty copied after a status, "On track · uncertain". */
                g_string_append_printf (out, C_("copied rows", " · %s"), gw_ui_certainty_label (row->certainty));
            }
          else if (row == NULL)
            g_string_append (out, "\t\t");
          else
            {
              g_autofree char *text = NULL;
              g_autofree char *interval = NULL;

              format_number (spec, item, row, &text, NULL, &interval, NULL);
              g_string_append_printf (out, "\t%s\t%s", text, interval != NULL ? interval : "");
            }
        }
      g_string_append_c (out, '\n');
    }

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

/**
 * gw_tracker_view_set_settings:
 * @settings: where the columns chosen are kept (`tracker-columns`)
 *
 * Shows the columns of @settings and keeps the choices made there.
 */
void
gw_tracker_view_set_settings (GwTrackerView *self,
                              GwSettings    *settings)
{
  g_return_if_fail (GW_IS_TRACKER_VIEW (self));
  g_return_if_fail (GW_IS_SETTINGS (settings));

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  g_signal_connect_swapped (settings, "notify::tracker-columns",
                            G_CALLBACK (on_settings_columns_changed_cb), self);
  on_settings_columns_changed_cb (self);
}
