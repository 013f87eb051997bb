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

/* gw-tracker-sii.c: an SII target's series (GW_TARGET_MEASURE_SII). */
typedef struct _GwTrackerSii GwTrackerSii;

GwTrackerSii *_gw_tracker_sii_new    (GwDataset       *dataset,
                                      const GwTarget  *target,
                                      GError         **error);
void          _gw_tracker_sii_free   (GwTrackerSii    *self);
GArray       *_gw_tracker_sii_series (GwDataset       *dataset,
                                      const char      *indicator,
                                      gboolean         is_group,
                                      guint            subject,
                                      GwSex            sex,
                                      gpointer         user_data);
/* Why the last series asked for has no SII at the baseline, or NULL. */
const char   *_gw_tracker_sii_why    (GwTrackerSii    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwTrackerSii, _gw_tracker_sii_free)

G_END_DECLS
