/* gw-summary-strip.h: the tracker's counts of areas, as filter buttons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "All 70 areas | 11 of 70 on track for both · 14 men only · 15 women only ·
 * 30 neither | 9 uncertain": each part is a toggle button; pressing one sets "filter"
 * (pressing it again goes back to all).  The counts are a tracker result's
 * summary (gw_tracker_result_get_summary), never counted again here.
 */
#pragma once

#include <gtk/gtk.h>

#include "tracker/gw-tracker.h"
#include "gw-tracker-item.h"

G_BEGIN_DECLS

#define GW_TYPE_SUMMARY_STRIP (gw_summary_strip_get_type ())
G_DECLARE_FINAL_TYPE (GwSummaryStrip, gw_summary_strip, GW, SUMMARY_STRIP, GtkWidget)

GtkWidget       *gw_summary_strip_new          (void);
/* Shows summary of n_areas member areas; single: the target tracks persons
 * (or one sex), so "men only" and "women only" are hidden. */
void             gw_summary_strip_set_summary  (GwSummaryStrip          *self,
                                                const GwTrackerSummary  *summary,
                                                guint                    n_areas,
                                                gboolean                 single);
GwTrackerFilter  gw_summary_strip_get_filter   (GwSummaryStrip          *self);
void             gw_summary_strip_set_filter   (GwSummaryStrip          *self,
                                                GwTrackerFilter          filter);
/* Whether the part of filter is shown (men only is not, for persons). */
gboolean         gw_summary_strip_has_filter   (GwSummaryStrip          *self,
                                                GwTrackerFilter          filter);

G_END_DECLS
