/* gw-tracker-list.h: the tracker table's rows, filtered and sorted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gw-tracker-item.h"

G_BEGIN_DECLS

#define GW_TYPE_TRACKER_LIST (gw_tracker_list_get_type ())
G_DECLARE_FINAL_TYPE (GwTrackerList, gw_tracker_list, GW, TRACKER_LIST, GObject)

/* A GListModel of GwTrackerItem: the group's first, then the areas of the
 * filter and the search, in the order asked for. */
GwTrackerList *gw_tracker_list_new         (void);
/* Every item (GwTrackerItem), in the tracker's order; a reference is kept. */
void           gw_tracker_list_set_items   (GwTrackerList   *self,
                                            GPtrArray       *items);
void           gw_tracker_list_set_filter  (GwTrackerList   *self,
                                            GwTrackerFilter  filter);
/* folded: case-folded text an area's name or code must contain; NULL or ""
 * for every area. */
void           gw_tracker_list_set_search  (GwTrackerList   *self,
                                            const char      *folded);
/* key: "name", a numeric property of GwTrackerItem ("male-latest-gap",
 * "female-status"), or NULL for the tracker's order. */
void           gw_tracker_list_set_sort    (GwTrackerList   *self,
                                            const char      *key,
                                            gboolean         descending);
/* The areas shown and in all (the group not counted). */
guint          gw_tracker_list_get_n_shown (GwTrackerList   *self);
guint          gw_tracker_list_get_n_areas (GwTrackerList   *self);

G_END_DECLS
