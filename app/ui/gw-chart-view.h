/* gw-chart-view.h: a chart of app/render on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "render/gw-chart.h"

G_BEGIN_DECLS

#define GW_TYPE_CHART_VIEW (gw_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (GwChartView, gw_chart_view, GW, CHART_VIEW, GtkWidget)

GtkWidget      *gw_chart_view_new         (void);
GwChart        *gw_chart_view_get_chart   (GwChartView    *self);
/* Shows chart (NULL: nothing); its description becomes the widget's
 * accessible description. */
void            gw_chart_view_set_chart   (GwChartView    *self,
                                           GwChart        *chart);
GwChartPalette  gw_chart_view_get_palette (GwChartView    *self);
void            gw_chart_view_set_palette (GwChartView    *self,
                                           GwChartPalette  palette);
/* The confidence level of the limits drawn, in percent (95 or 99.8). */
double          gw_chart_view_get_confidence_level (GwChartView *self);
void            gw_chart_view_set_confidence_level (GwChartView *self,
                                                    double       level);
/* The style the next snapshot paints with: the palette, the theme's text
 * colour and font, dark or light, and the confidence level. */
void            gw_chart_view_get_style   (GwChartView    *self,
                                           GwChartStyle   *style);

G_END_DECLS
