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

G_END_DECLS
