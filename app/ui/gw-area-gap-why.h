/* gw-area-gap-why.h: "Why the gap" and "What it would take" for an area
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "render/gw-chart.h"
#include "session/gw-session.h"
#include "gw-tracker-item.h"

G_BEGIN_DECLS

#define GW_TYPE_AREA_GAP_WHY (gw_area_gap_why_get_type ())
G_DECLARE_FINAL_TYPE (GwAreaGapWhy, gw_area_gap_why, GW, AREA_GAP_WHY, GtkWidget)

GtkWidget  *gw_area_gap_why_new           (void);
/* The session whose dataset and target the sections are computed on. */
void        gw_area_gap_why_set_session   (GwAreaGapWhy  *self,
                                           GwSession     *session);
/* Shows the item's decomposition and deaths to prevent (NULL: hides the
 * sections), computed in a thread; call again when the session's result
 * changes. */
void        gw_area_gap_why_set_item      (GwAreaGapWhy  *self,
                                           GwTrackerItem *item);
/* "standard", "colour-blind" or "greyscale": the charts' colours. */
void        gw_area_gap_why_set_palette   (GwAreaGapWhy  *self,
                                           GwChartPalette palette);
/* What if: fewer deaths a year from cause (an index of the sex's causes or
 * GW_DECOMP_ALL) at bands first to last, for sex_index (0: the first sex
 * shown), as the editor would set them; returns the result line shown. */
const char *gw_area_gap_why_what_if       (GwAreaGapWhy  *self,
                                           guint          sex_index,
                                           guint          cause,
                                           guint          first_band,
                                           guint          last_band,
                                           double         deaths);
/* Whether the sections are being computed (in a thread). */
gboolean    gw_area_gap_why_get_computing (GwAreaGapWhy  *self);
/* The sentences shown, for tests. */
const char *gw_area_gap_why_get_why_text  (GwAreaGapWhy  *self);
const char *gw_area_gap_why_get_take_text (GwAreaGapWhy  *self);
/* The scarf (0) and age-cause (1) chart views. */
GtkWidget  *gw_area_gap_why_get_chart     (GwAreaGapWhy  *self,
                                           guint          index);

G_END_DECLS
