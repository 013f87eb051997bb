/* gw-tracker-view.h: the target tracker's table, its summary strip and search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tracker/gw-tracker.h"
#include "tracker/gw-tracker-result.h"
#include "gw-settings.h"
#include "gw-tracker-item.h"

G_BEGIN_DECLS

#define GW_TYPE_TRACKER_VIEW (gw_tracker_view_get_type ())
G_DECLARE_FINAL_TYPE (GwTrackerView, gw_tracker_view, GW, TRACKER_VIEW, GtkWidget)

GtkWidget     *gw_tracker_view_new               (void);

/* Shows the rows of gw_tracker_run() for target (kept: a reference to rows
 * and a copy of target).  unit: what the gaps are in, "%" for a relative
 * gap, else the indicator's unit ("years").  The selection, search and
 * status filter stay as they were where they still apply. */
void           gw_tracker_view_set_result        (GwTrackerView   *self,
                                                  GwTrackerResult *result);
/* The columns chosen are read from and kept in settings' `tracker-columns`;
 * without settings the view shows the default columns. */
void           gw_tracker_view_set_settings      (GwTrackerView   *self,
                                                  GwSettings      *settings);
/* Shows a spinner instead of the table (the first computation). */
void           gw_tracker_view_show_loading      (GwTrackerView  *self);
/* Shows why there is no table (no rows are kept). */
void           gw_tracker_view_show_message      (GwTrackerView  *self,
                                                  const char     *title,
                                                  const char     *message);
/* The rows shown, or NULL. */
GPtrArray     *gw_tracker_view_get_rows          (GwTrackerView  *self);
/* The items as the table shows them: filtered and sorted. */
GListModel    *gw_tracker_view_get_model         (GwTrackerView  *self);
GtkColumnView *gw_tracker_view_get_column_view   (GwTrackerView  *self);

/* The item of the first selected row, or NULL ("notify::selected-item"). */
GwTrackerItem *gw_tracker_view_get_selected_item (GwTrackerView  *self);
/* Selects the row of an area code (or group id), clearing the search and
 * the filter when they hide it, and scrolls to it. */
gboolean       gw_tracker_view_select_code       (GwTrackerView  *self,
                                                  const char     *code);

GwTrackerFilter gw_tracker_view_get_filter       (GwTrackerView  *self);
/* Shows only the areas of a summary category (the summary strip's
 * buttons); the group's row always stays, as the reference. */
void           gw_tracker_view_set_filter        (GwTrackerView  *self,
                                                  GwTrackerFilter filter);
const char    *gw_tracker_view_get_search        (GwTrackerView  *self);
/* Shows only the areas whose name or code contains text (any case). */
void           gw_tracker_view_set_search        (GwTrackerView  *self,
                                                  const char     *text);
void           gw_tracker_view_focus_search      (GwTrackerView  *self);
/* Sorts by a column: "area", "male-status", "female-latest-gap", ... (the
 * properties of GwTrackerItem); FALSE when there is no such column shown. */
gboolean       gw_tracker_view_sort_by           (GwTrackerView  *self,
                                                  const char     *column_id,
                                                  GtkSortType     order);

/* The selected rows as tab-separated text with a header line (the CSV
 * columns), one line per area and sex; NULL when nothing is selected. */
char          *gw_tracker_view_format_selection  (GwTrackerView  *self);
/* Puts gw_tracker_view_format_selection() on the clipboard. */
gboolean       gw_tracker_view_copy_selection    (GwTrackerView  *self);
/* Every row, group first, as `gapwatch-cli track` writes its CSV:
 * area_code,area_name,sex,baseline_period,baseline_gap,latest_period,
 * latest_gap,change_since_baseline,target_gap,trajectory_gap,projected_gap,
 * required_narrowing,status; numbers to 4 decimals, empty when missing. */
char          *gw_tracker_view_format_csv        (GwTrackerView  *self);

G_END_DECLS
