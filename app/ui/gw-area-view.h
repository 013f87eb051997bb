/* gw-area-view.h: the figures and charts of the area selected in the table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "methods/gw-indicators.h"
#include "tracker/gw-tracker-result.h"
#include "session/gw-session.h"
#include "gw-tracker-item.h"

G_BEGIN_DECLS

#define GW_TYPE_AREA_VIEW (gw_area_view_get_type ())
G_DECLARE_FINAL_TYPE (GwAreaView, gw_area_view, GW, AREA_VIEW, GtkWidget)

GtkWidget     *gw_area_view_new                  (void);
/* What the figures and charts are made from.  indicators is borrowed: call
 * again (or with NULL) before freeing it.  unit: the unit of the gaps. */
void           gw_area_view_set_data             (GwAreaView      *self,
                                                  GwTrackerResult *result,
                                                  GwIndicators    *indicators);
/* The session the decomposition sections ask (gw-area-gap-why.h). */
void           gw_area_view_set_session          (GwAreaView      *self,
                                                  GwSession       *session);
/* Shows an item of the tracker table (NULL: a hint to select one). */
void           gw_area_view_set_item             (GwAreaView     *self,
                                                  GwTrackerItem  *item);
GwTrackerItem *gw_area_view_get_item             (GwAreaView     *self);
/* The heading: the area's name, "" when none is shown. */
const char    *gw_area_view_get_title            (GwAreaView     *self);
/* "standard", "colour-blind" or "greyscale": the charts' colours. */
const char    *gw_area_view_get_palette          (GwAreaView     *self);
void           gw_area_view_set_palette          (GwAreaView     *self,
                                                  const char     *palette);
/* 95 or 99.8: the level of the confidence intervals in the figures. */
double         gw_area_view_get_confidence_level (GwAreaView     *self);
void           gw_area_view_set_confidence_level (GwAreaView     *self,
                                                  double          level);
/* The chart widgets shown (GwChartView), none when the build has no
 * charts. */
guint          gw_area_view_get_n_charts         (GwAreaView     *self);
GtkWidget     *gw_area_view_get_chart            (GwAreaView     *self,
                                                  guint           index);
/* The "Inequality within the area" section (a GwAreaInequality). */
GtkWidget     *gw_area_view_get_inequality       (GwAreaView     *self);

G_END_DECLS
