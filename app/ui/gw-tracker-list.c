/* gw-tracker-list.c: the tracker table's rows, filtered and sorted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What GtkFilterListModel and GtkSortListModel did, on plain arrays: at
 * 32,844 areas those took 0.2-1 s of a core for each sort, filter or
 * search, evaluating property expressions through GValues and a collation
 * key per name at every sort.  Here a sort reads each item's number once
 * into an array and sorts that (a few ms), a filter is a loop over the
 * items, and each change is one items-changed for the whole list.  The
 * group's item is always first: the reference the areas are read against.
 * Ties keep the tracker's order, whichever way the sort goes.
 */
#include "gw-config.h"

#include <math.h>
#include <string.h>

#include "gw-tracker-list.h"

struct _GwTrackerList
{
  GObject          parent_instance;

  /* owned */
  GPtrArray       *all;       /* GwTrackerItem, the tracker's order */
  GPtrArray       *shown;     /* borrowed from all */
  char            *search;
  char            *sort_key;
  GwTrackerFilter  filter;
  gboolean         descending;
  guint            n_areas;
};

static void gw_tracker_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GwTrackerList, gw_tracker_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, gw_tracker_list_model_init))

/* GListModel */

static GType
gw_tracker_list_get_item_type (GListModel *model)
{
  return GW_TYPE_TRACKER_ITEM;
}

static guint
gw_tracker_list_get_n_items (GListModel *model)
{
  return GW_TRACKER_LIST (model)->shown->len;
}

static gpointer
gw_tracker_list_get_item (GListModel *model,
                          guint       position)
{
  GwTrackerList *self = GW_TRACKER_LIST (model);

  if (position >= self->shown->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->shown, position));
}

static void
gw_tracker_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = gw_tracker_list_get_item_type;
  iface->get_n_items = gw_tracker_list_get_n_items;
  iface->get_item = gw_tracker_list_get_item;
}

/* Sorting */

typedef struct
{
  GwTrackerItem *item;
  const char    *name;    /* folded, when sorting by name */
  double         number;
  guint          index;   /* in the tracker's order */
  gboolean       group;
} SortEntry;

typedef struct
{
  gboolean by_name;
  gboolean descending;
} SortHow;

static int
compare_entries (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const SortEntry *x = a;
  const SortEntry *y = b;
  const SortHow *how = user_data;
  int order = 0;

  if (x->group != y->group)
    return x->group ? -1 : 1;

  if (how->by_name)
    order = strcmp (x->name, y->name);
  else if (x->number < y->number)
    order = -1;
  else if (x->number > y->number)
    order = 1;

  if (how->descending)
    order = -order;
  if (order != 0)
    return order;
  return x->index < y->index ? -1 : (x->index > y->index ? 1 : 0);
}

static void
sort_shown (GwTrackerList *self)
{
  g_autofree SortEntry *entries = NULL;
  guint number_id = 0;
  SortHow how = { FALSE, self->descending };
  guint n = self->shown->len;

  if (self->sort_key == NULL || n < 2)
    return;

  how.by_name = g_str_equal (self->sort_key, "name");
  if (!how.by_name)
    {
      number_id = gw_tracker_item_find_number (self->sort_key);
      if (number_id == 0)
        return;
    }

  entries = g_new (SortEntry, n);
  for (guint i = 0; i < n; i++)
    {
      GwTrackerItem *item = g_ptr_array_index (self->shown, i);

      entries[i].item = item;
      entries[i].index = i;   /* shown is in the tracker's order before the sort */
      entries[i].group = gw_tracker_item_is_group (item);
      entries[i].name = how.by_name ? gw_tracker_item_get_folded_name (item) : NULL;
      entries[i].number = how.by_name ? 0 : gw_tracker_item_get_number (item, number_id);
    }

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_qsort_with_data (entries, n, sizeof (SortEntry), compare_entries, &how);
  G_GNUC_END_IGNORE_DEPRECATIONS

  for (guint i = 0; i < n; i++)
    g_ptr_array_index (self->shown, i) = entries[i].item;
}

static gboolean
item_shown (GwTrackerList *self,
            GwTrackerItem *item)
{
  if (gw_tracker_item_is_group (item))
    return TRUE;
  if (!gw_tracker_item_matches (item, self->filter))
    return FALSE;
  return self->search == NULL || strstr (gw_tracker_item_get_search_text (item), self->search) != NULL;
}

/* Filters and sorts again; one items-changed when what is shown changed. */
static void
update (GwTrackerList *self)
{
  g_autoptr(GPtrArray) before = self->shown;
  gboolean same;

  self->shown = g_ptr_array_sized_new (self->all->len);
  for (guint i = 0; i < self->all->len; i++)
    {
      GwTrackerItem *item = g_ptr_array_index (self->all, i);

      if (item_shown (self, item))
        g_ptr_array_add (self->shown, item);
    }
  sort_shown (self);

  same = before->len == self->shown->len
         && memcmp (before->pdata, self->shown->pdata, before->len * sizeof (gpointer)) == 0;
  if (!same)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, before->len, self->shown->len);
}

/* GObject */

static void
gw_tracker_list_finalize (GObject *object)
{
  GwTrackerList *self = (GwTrackerList *) object;

  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->all, g_ptr_array_unref);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->sort_key, g_free);

  G_OBJECT_CLASS (gw_tracker_list_parent_class)->finalize (object);
}

static void
gw_tracker_list_class_init (GwTrackerListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gw_tracker_list_finalize;
}

static void
gw_tracker_list_init (GwTrackerList *self)
{
  self->all = g_ptr_array_new_with_free_func (g_object_unref);
  self->shown = g_ptr_array_new ();
  self->filter = GW_TRACKER_FILTER_ALL;
}

/* Public API */

GwTrackerList *
gw_tracker_list_new (void)
{
  return g_object_new (GW_TYPE_TRACKER_LIST, NULL);
}

void
gw_tracker_list_set_items (GwTrackerList *self,
                           GPtrArray     *items)
{
  /* The items shown before live until the list has said they are gone. */
  g_autoptr(GPtrArray) before = NULL;

  g_return_if_fail (GW_IS_TRACKER_LIST (self));
  g_return_if_fail (items != NULL);

  before = self->all;
  self->all = g_ptr_array_new_full (items->len, g_object_unref);
  self->n_areas = 0;
  for (guint i = 0; i < items->len; i++)
    {
      GwTrackerItem *item = g_ptr_array_index (items, i);

      g_ptr_array_add (self->all, g_object_ref (item));
      if (!gw_tracker_item_is_group (item))
        self->n_areas++;
    }
  update (self);
}

void
gw_tracker_list_set_filter (GwTrackerList   *self,
                            GwTrackerFilter  filter)
{
  g_return_if_fail (GW_IS_TRACKER_LIST (self));

  if (self->filter == filter)
    return;
  self->filter = filter;
  update (self);
}

void
gw_tracker_list_set_search (GwTrackerList *self,
                            const char    *folded)
{
  g_return_if_fail (GW_IS_TRACKER_LIST (self));

  if (folded != NULL && folded[0] == '\0')
    folded = NULL;
  if (g_strcmp0 (self->search, folded) == 0)
    return;
  g_free (self->search);
  self->search = g_strdup (folded);
  update (self);
}

void
gw_tracker_list_set_sort (GwTrackerList *self,
                          const char    *key,
                          gboolean       descending)
{
  g_return_if_fail (GW_IS_TRACKER_LIST (self));

  if (g_strcmp0 (self->sort_key, key) == 0 && self->descending == descending)
    return;
  g_free (self->sort_key);
  self->sort_key = g_strdup (key);
  self->descending = descending;
  update (self);
}

guint
gw_tracker_list_get_n_shown (GwTrackerList *self)
{
  guint n;

  g_return_val_if_fail (GW_IS_TRACKER_LIST (self), 0);

  n = self->shown->len;
  if (n > 0 && gw_tracker_item_is_group (g_ptr_array_index (self->shown, 0)))
    n--;
  return n;
}

guint
gw_tracker_list_get_n_areas (GwTrackerList *self)
{
  g_return_val_if_fail (GW_IS_TRACKER_LIST (self), 0);

  return self->n_areas;
}
