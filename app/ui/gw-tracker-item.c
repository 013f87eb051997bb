/* gw-tracker-item.c: one row of the tracker table, an area or the group
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tracker gives one GwTrackerRow per subject and sex; the table shows
 * one line per subject with the sexes side by side, so an item holds the
 * rows of its subject (borrowed from the tracker's array, which it keeps
 * alive).  Its properties are what the column sorters and the search
 * filter read through GtkPropertyExpression; the cells read the rows.
 * Items never change: a new tracker run makes new items.
 */
#include "gw-config.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#include "gw-tracker-item.h"

struct _GwTrackerItem
{
  GObject             parent_instance;

  /* owned */
  GPtrArray          *rows;          /* the tracker's rows, kept alive */
  char               *search_text;   /* "name code", folded */
  char               *folded_name;

  /* borrowed from rows */
  const GwTrackerRow *by_sex[GW_N_SEXES];
  const GwTrackerRow *first;
  GwTrackerFilter     category;
  gboolean            uncertain;

  /* the SII of men and women: value, lower and upper 95% (NAN: none) */
  double              sii[2][3];
};

G_DEFINE_FINAL_TYPE (GwTrackerItem, gw_tracker_item, G_TYPE_OBJECT)

/* The numbers of a row that have a column, in column order. */
static const struct
{
  const char *name;     /* property name after the sex: "male-latest-gap" */
  gsize       offset;   /* of the double in GwTrackerRow */
} fields[] = {
  { "baseline-gap",       G_STRUCT_OFFSET (GwTrackerRow, baseline_gap) },
  { "latest-gap",         G_STRUCT_OFFSET (GwTrackerRow, latest_gap) },
  { "change",             G_STRUCT_OFFSET (GwTrackerRow, change_since_baseline) },
  { "projected-gap",      G_STRUCT_OFFSET (GwTrackerRow, projected_gap) },
  { "target-gap",         G_STRUCT_OFFSET (GwTrackerRow, target_gap) },
  { "required-narrowing", G_STRUCT_OFFSET (GwTrackerRow, required_narrowing) },
  { "latest-value",       G_STRUCT_OFFSET (GwTrackerRow, latest_value) },
  { "comparator",         G_STRUCT_OFFSET (GwTrackerRow, latest_comparator) },
};
#define N_FIELDS G_N_ELEMENTS (fields)

static const char *const sex_names[GW_N_SEXES] = { "male", "female", "persons" };

enum {
  PROP_0,
  PROP_CODE,
  PROP_NAME,
  PROP_IS_GROUP,
  PROP_SEARCH_TEXT,
  PROP_CATEGORY,
  PROP_MALE_SII,
  PROP_FEMALE_SII,
  PROP_PERSONS_SII,
  /* then per sex: status, then each field */
  PROP_SEX_FIRST,
  N_PROPS = PROP_SEX_FIRST + GW_N_SEXES * (1 + N_FIELDS)
};

static GParamSpec *properties[N_PROPS];

/* Sorting by status ascending puts what needs attention first. */
static int
status_rank (const GwTrackerRow *row)
{
  if (row == NULL)
    return 4;

  switch (row->status)
    {
    case GW_STATUS_OFF_TRACK:         return 0;
    case GW_STATUS_INSUFFICIENT_DATA: return 1;
    case GW_STATUS_ON_TRACK:          return 2;
    case GW_STATUS_NO_GAP:            return 3;
    default:                          return 4;
    }
}

static void
gw_tracker_item_finalize (GObject *object)
{
  GwTrackerItem *self = (GwTrackerItem *) object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->folded_name, g_free);

  G_OBJECT_CLASS (gw_tracker_item_parent_class)->finalize (object);
}

/* A numeric property's value as a double; see gw_tracker_item_get_number. */
static double
item_number (GwTrackerItem *self,
             guint          prop_id)
{
  guint k = prop_id - PROP_SEX_FIRST;
  const GwTrackerRow *row = self->by_sex[k / (1 + N_FIELDS)];
  guint field = k % (1 + N_FIELDS);
  double number;

  if (field == 0)
    return status_rank (row);

  /* A missing number sorts after every number when ascending: NAN
   * would make the order depend on where the sort started. */
  number = row != NULL ? G_STRUCT_MEMBER (double, row, fields[field - 1].offset) : NAN;
  return isnan (number) ? INFINITY : number;
}

static void
gw_tracker_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GwTrackerItem *self = GW_TRACKER_ITEM (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->first->code);
      return;
    case PROP_NAME:
      g_value_set_string (value, self->first->name);
      return;
    case PROP_IS_GROUP:
      g_value_set_boolean (value, self->first->is_group);
      return;
    case PROP_SEARCH_TEXT:
      g_value_set_string (value, self->search_text);
      return;
    case PROP_CATEGORY:
      g_value_set_int (value, self->category);
      return;
    case PROP_MALE_SII:
    case PROP_FEMALE_SII:
    case PROP_PERSONS_SII:
      {
        double sii = prop_id == PROP_PERSONS_SII ? NAN : self->sii[prop_id - PROP_MALE_SII][0];

        /* missing last, as the other numbers */
        g_value_set_double (value, isnan (sii) ? INFINITY : sii);
      }
      return;
    default:
      break;
    }

  if (prop_id >= PROP_SEX_FIRST && prop_id < N_PROPS)
    {
      if ((prop_id - PROP_SEX_FIRST) % (1 + N_FIELDS) == 0)
        g_value_set_int (value, (int) item_number (self, prop_id));
      else
        g_value_set_double (value, item_number (self, prop_id));
      return;
    }

  G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
gw_tracker_item_class_init (GwTrackerItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = gw_tracker_item_finalize;
  object_class->get_property = gw_tracker_item_get_property;

  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_IS_GROUP] = g_param_spec_boolean ("is-group", NULL, NULL, FALSE, flags);
  properties[PROP_SEARCH_TEXT] = g_param_spec_string ("search-text", NULL, NULL, NULL, flags);
  properties[PROP_CATEGORY] = g_param_spec_int ("category", NULL, NULL,
                                                0, GW_TRACKER_N_FILTERS - 1, 0, flags);
  for (guint s = 0; s < GW_N_SEXES; s++)
    properties[PROP_MALE_SII + s] = g_param_spec_double (s == 0 ? "male-sii" : s == 1 ? "female-sii" : "persons-sii",
                                                         NULL, NULL, -INFINITY, INFINITY, INFINITY, flags);

  /* Interned names live as long as the program: the param specs keep
   * pointers to them (G_PARAM_STATIC_NAME). */
  for (guint s = 0; s < GW_N_SEXES; s++)
    for (guint f = 0; f <= N_FIELDS; f++)
      {
        guint id = PROP_SEX_FIRST + s * (1 + N_FIELDS) + f;
        g_autofree char *made = f == 0 ? g_strdup_printf ("%s-status", sex_names[s])
                                       : g_strdup_printf ("%s-%s", sex_names[s], fields[f - 1].name);
        const char *name = g_intern_string (made);

        if (f == 0)
          properties[id] = g_param_spec_int (name, NULL, NULL, 0, 4, 4, flags);
        else
          properties[id] = g_param_spec_double (name, NULL, NULL,
                                                -INFINITY, INFINITY, INFINITY, flags);
      }

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gw_tracker_item_init (GwTrackerItem *self)
{
  for (guint s = 0; s < 2; s++)
    for (guint k = 0; k < 3; k++)
      self->sii[s][k] = NAN;
}

/* The area's summary category, exactly as gw_tracker_summarise counts it. */
static GwTrackerFilter
item_category (GwTrackerItem *self,
               guint          first,
               guint          n)
{
  g_autoptr(GPtrArray) own = g_ptr_array_new ();
  GwTrackerSummary summary;

  if (self->first->is_group)
    return GW_TRACKER_FILTER_ALL;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (own, g_ptr_array_index (self->rows, first + i));
  gw_tracker_summarise (own, &summary);
  self->uncertain = summary.uncertain > 0;

  if (summary.insufficient_data > 0)
    return GW_TRACKER_FILTER_INSUFFICIENT;
  if (summary.both > 0)
    return GW_TRACKER_FILTER_BOTH;
  if (summary.men_only > 0)
    return GW_TRACKER_FILTER_MEN_ONLY;
  if (summary.women_only > 0)
    return GW_TRACKER_FILTER_WOMEN_ONLY;
  return GW_TRACKER_FILTER_NEITHER;
}

/**
 * gw_tracker_item_new:
 * @rows: (element-type GwTrackerRow): rows of gw_tracker_run()
 * @first: the first row of the subject
 * @n: its number of rows (one per sex), at least 1
 *
 * Returns: (transfer full): the table's item for the subject.
 */
GwTrackerItem *
gw_tracker_item_new (GPtrArray *rows,
                     guint      first,
                     guint      n)
{
  GwTrackerItem *self;
  g_autofree char *text = NULL;

  g_return_val_if_fail (rows != NULL, NULL);
  g_return_val_if_fail (n > 0 && first + n <= rows->len, NULL);

  self = g_object_new (GW_TYPE_TRACKER_ITEM, NULL);
  self->rows = g_ptr_array_ref (rows);
  self->first = g_ptr_array_index (rows, first);

  for (guint i = 0; i < n; i++)
    {
      const GwTrackerRow *row = g_ptr_array_index (rows, first + i);

      if (row->sex < GW_N_SEXES)
        self->by_sex[row->sex] = row;
    }

  /* Searching "hartlepool" or "e06000001" finds the same row. */
  text = g_strdup_printf ("%s %s", self->first->name != NULL ? self->first->name : "",
                          self->first->code != NULL ? self->first->code : "");
  self->search_text = g_utf8_casefold (text, -1);
  /* Sorting by name compares these bytes: a collation key per area costs
   * 20 µs, 0.7 s for every LSOA at each sort. */
  self->folded_name = g_utf8_casefold (self->first->name != NULL ? self->first->name : "", -1);
  self->category = item_category (self, first, n);

  return self;
}

gboolean
gw_tracker_item_is_group (GwTrackerItem *self)
{
  g_return_val_if_fail (GW_IS_TRACKER_ITEM (self), FALSE);

  return self->first->is_group;
}

guint
gw_tracker_item_get_subject (GwTrackerItem *self)
{
  g_return_val_if_fail (GW_IS_TRACKER_ITEM (self), 0);

  return self->first->subject;
}

const char *
gw_tracker_item_get_code (GwTrackerItem *self)
{
  g_return_val_if_fail (GW_IS_TRACKER_ITEM (self), NULL);

  return self->first->code;
}

const char *
gw_tracker_item_get_name (GwTrackerItem *self)
{
  g_return_val_if_fail (GW_IS_TRACKER_ITEM (self), NULL);

  return self->first->name;
}

const GwTrackerRow *
gw_tracker_item_get_row (GwTrackerItem *self,
                         GwSex          sex)
{
  g_return_val_if_fail (GW_IS_TRACKER_ITEM (self), NULL);
  g_return_val_if_fail (sex < GW_N_SEXES, NULL);

  return self->by_sex[sex];
}

GwTrackerFilter
gw_tracker_item_get_category (GwTrackerItem *self)
{
  g_return_val_if_fail (GW_IS_TRACKER_ITEM (self), GW_TRACKER_FILTER_ALL);

  return self->category;
}

gboolean
gw_tracker_item_is_uncertain (GwTrackerItem *self)
{
  g_return_val_if_fail (GW_IS_TRACKER_ITEM (self), FALSE);

  return self->uncertain;
}

/**
 * gw_tracker_item_find_number:
 * @name: a numeric property: "male-latest-gap", "female-status", ...
 *
 * Returns: its id for gw_tracker_item_get_number(), or 0 when there is none.
 */
guint
gw_tracker_item_find_number (const char *name)
{
  for (guint id = PROP_SEX_FIRST; id < N_PROPS; id++)
    if (properties[id] != NULL && g_strcmp0 (properties[id]->name, name) == 0)
      return id;
  return 0;
}

/* The property's value without a GValue: a sort reads 32,844 of them. */
double
gw_tracker_item_get_number (GwTrackerItem *self,
                            guint          id)
{
  g_return_val_if_fail (GW_IS_TRACKER_ITEM (self), INFINITY);
  g_return_val_if_fail (id >= PROP_SEX_FIRST && id < N_PROPS, INFINITY);

  return item_number (self, id);
}

const char *
gw_tracker_item_get_search_text (GwTrackerItem *self)
{
  g_return_val_if_fail (GW_IS_TRACKER_ITEM (self), NULL);

  return self->search_text;
}

const char *
gw_tracker_item_get_folded_name (GwTrackerItem *self)
{
  g_return_val_if_fail (GW_IS_TRACKER_ITEM (self), NULL);

  return self->folded_name;
}

gboolean
gw_tracker_item_matches (GwTrackerItem   *self,
                         GwTrackerFilter  filter)
{
  g_return_val_if_fail (GW_IS_TRACKER_ITEM (self), FALSE);

  if (filter == GW_TRACKER_FILTER_ALL)
    return TRUE;
  if (self->first->is_group)
    return FALSE;
  if (filter == GW_TRACKER_FILTER_UNCERTAIN)
    return self->uncertain;
  return self->category == filter;
}

/**
 * gw_tracker_items_from_rows:
 * @rows: (element-type GwTrackerRow): rows of gw_tracker_run(): the group's
 *   first, then each area's, its sexes next to each other
 *
 * Returns: (transfer full): a GListModel of GwTrackerItem, one per subject,
 * in the order of @rows.
 */
GListModel *
gw_tracker_items_from_rows (GPtrArray *rows)
{
  GListStore *store = g_list_store_new (GW_TYPE_TRACKER_ITEM);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint i = 0;

  g_return_val_if_fail (rows != NULL, G_LIST_MODEL (store));

  while (i < rows->len)
    {
      const GwTrackerRow *row = g_ptr_array_index (rows, i);
      guint n = 1;

      /* The group's rows come first, one per sex, then each area's. */
      while (i + n < rows->len)
        {
          const GwTrackerRow *next = g_ptr_array_index (rows, i + n);

          if (next->is_group != row->is_group || next->subject != row->subject)
            break;
          n++;
        }

      g_ptr_array_add (items, gw_tracker_item_new (rows, i, n));
      i += n;
    }

  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  return G_LIST_MODEL (store);
}

/**
 * gw_tracker_item_set_sii:
 * @sex: %GW_SEX_MALE or %GW_SEX_FEMALE
 * @sii: the slope index of inequality within the area, years (NAN: none)
 * @lower: its 95% limits
 * @upper:
 *
 * Sets what the table's SII column shows; notifies "male-sii" or
 * "female-sii" when it changes.
 */
void
gw_tracker_item_set_sii (GwTrackerItem *self,
                         GwSex          sex,
                         double         sii,
                         double         lower,
                         double         upper)
{
  double *to;

  g_return_if_fail (GW_IS_TRACKER_ITEM (self));
  g_return_if_fail (sex == GW_SEX_MALE || sex == GW_SEX_FEMALE);

  to = self->sii[sex - GW_SEX_MALE];
  if ((to[0] == sii || (isnan (to[0]) && isnan (sii))) && (to[1] == lower || isnan (lower)) && (to[2] == upper || isnan (upper)))
    return;
  to[0] = sii;
  to[1] = lower;
  to[2] = upper;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MALE_SII + (sex - GW_SEX_MALE)]);
}

/* The SII of a sex and its 95% limits; NAN when there is none. */
double
gw_tracker_item_get_sii (GwTrackerItem *self,
                         GwSex          sex,
                         double        *lower,
                         double        *upper)
{
  const double *v;

  g_return_val_if_fail (GW_IS_TRACKER_ITEM (self), NAN);

  if (sex != GW_SEX_MALE && sex != GW_SEX_FEMALE)
    {
      if (lower != NULL)
        *lower = NAN;
      if (upper != NULL)
        *upper = NAN;
      return NAN;
    }
  v = self->sii[sex - GW_SEX_MALE];
  if (lower != NULL)
    *lower = v[1];
  if (upper != NULL)
    *upper = v[2];
  return v[0];
}
