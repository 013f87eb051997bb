/* gw-tracker-view-private.h: the tracker table's parts, for its benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gw-tracker-view.h"

G_BEGIN_DECLS

/* gw_tracker_view_set_result() in parts, for rows made without a dataset
 * (the benchmark's national scale); rows is kept, the rest copied. */
void _gw_tracker_view_set_rows (GwTrackerView          *self,
                                GPtrArray              *rows,
                                const GwTarget         *target,
                                const char             *unit,
                                const char             *value_unit,
                                const char             *comparator_name,
                                const GwTrackerSummary *summary);
/* The busy cursor goes up when a sort, filter or search changes at least
 * rows rows (or the last repaint was slow), and down once the table has
 * painted; for tests, which cannot wait for a slow machine. */
void     _gw_tracker_view_set_busy_rows (GwTrackerView *self,
                                         guint          rows);
gboolean _gw_tracker_view_get_busy      (GwTrackerView *self);

G_END_DECLS
