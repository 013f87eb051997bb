/* gw-tracker-item.h: one row of the tracker table, an area or the group
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tracker/gw-tracker.h"
#include "gw-worker-gate.h"

G_BEGIN_DECLS

/* Where an area is in the summary (gw_tracker_summarise); the filters of
 * the summary strip.  ALL is no filter.  UNCERTAIN is not a category but a
 * filter across them: the areas with a sex whose certainty is uncertain
 * (GwTrackerSummary.uncertain). */
typedef enum
{
  GW_TRACKER_FILTER_ALL = 0,
  GW_TRACKER_FILTER_BOTH,
  GW_TRACKER_FILTER_MEN_ONLY,
  GW_TRACKER_FILTER_WOMEN_ONLY,
  GW_TRACKER_FILTER_NEITHER,
  GW_TRACKER_FILTER_INSUFFICIENT,
  GW_TRACKER_FILTER_UNCERTAIN,
} GwTrackerFilter;
#define GW_TRACKER_N_FILTERS 7

#define GW_TYPE_TRACKER_ITEM (gw_tracker_item_get_type ())
G_DECLARE_FINAL_TYPE (GwTrackerItem, gw_tracker_item, GW, TRACKER_ITEM, GObject)

/* The item of the subject of rows[first] (the group or an area) made of its
 * n consecutive rows, one per sex.  Keeps a reference to rows. */
GwTrackerItem      *gw_tracker_item_new          (GPtrArray     *rows,
                                                  guint          first,
                                                  guint          n);
gboolean            gw_tracker_item_is_group     (GwTrackerItem *self);
guint               gw_tracker_item_get_subject  (GwTrackerItem *self);
const char         *gw_tracker_item_get_code     (GwTrackerItem *self);
const char         *gw_tracker_item_get_name     (GwTrackerItem *self);
/* The row of a sex, or NULL when the target does not track that sex. */
const GwTrackerRow *gw_tracker_item_get_row      (GwTrackerItem *self,
                                                  GwSex          sex);
/* The area's place in the summary; ALL for the group. */
GwTrackerFilter     gw_tracker_item_get_category (GwTrackerItem *self);
/* Whether the area is counted as uncertain in the summary (a sex whose
 * status is too close to call); FALSE for the group. */
gboolean            gw_tracker_item_is_uncertain (GwTrackerItem *self);
/* Whether the item is shown under filter (the group under none but ALL). */
gboolean            gw_tracker_item_matches      (GwTrackerItem  *self,
                                                  GwTrackerFilter filter);

/* A numeric property ("male-latest-gap", "female-status": the status's
 * rank) read fast: its id (0 when unknown), then its value (INFINITY when
 * missing). */
guint               gw_tracker_item_find_number  (const char    *name);
double              gw_tracker_item_get_number   (GwTrackerItem *self,
                                                  guint          id);
/* "name code", case-folded: what the search looks in. */
const char         *gw_tracker_item_get_search_text (GwTrackerItem *self);
/* The name, case-folded: what sorting by name compares. */
const char         *gw_tracker_item_get_folded_name (GwTrackerItem *self);
/* Splits tracker rows (gw_tracker_run) into items: a GListStore of
 * GwTrackerItem, the group's first. */
GListModel         *gw_tracker_items_from_rows   (GPtrArray     *rows);
/* The SII of life expectancy within the area (the table's SII column),
 * years, with its 95% limits; NAN when there is none. */
void                gw_tracker_item_set_sii      (GwTrackerItem *self,
                                                  GwSex          sex,
                                                  double         sii,
                                                  double         lower,
                                                  double         upper);
double              gw_tracker_item_get_sii      (GwTrackerItem *self,
                                                  GwSex          sex,
                                                  double        *lower,
                                                  double        *upper);

/* Computes the SII of every item of items (a GListModel of GwTrackerItem)
 * from dataset's small areas in a thread (gw-tracker-sii.c), then sets
 * them on the items; finish returns whether any item has one.  The thread
 * opens gate when it no longer holds the dataset. */
void                gw_tracker_items_fill_sii_async  (GListModel          *items,
                                                      GwDataset           *dataset,
                                                      GwWorkerGate        *gate,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean            gw_tracker_items_fill_sii_finish (GAsyncResult        *result,
                                                      GError             **error);

G_END_DECLS
