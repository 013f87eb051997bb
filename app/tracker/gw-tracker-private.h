/* gw-tracker-private.h: what the tracker's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gw-tracker.h"

G_BEGIN_DECLS

/* Checks target against dataset and resolves its subject group (the area's number
 * for an area subject), its
 * comparator (the target's area, else the area of type country) and its
 * polarity (the target's, else the indicator registry's). */
gboolean _gw_tracker_resolve (GwDataset       *dataset,
                              const GwTarget  *target,
                              gint            *group_out,
                              gint            *comparator_out,
                              GwPolarity      *polarity_out,
                              GError         **error);

G_END_DECLS
