/* gw-area-inequality.h: inequality within the area, in the area view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/gw-dataset.h"
#include "render/gw-chart.h"

G_BEGIN_DECLS

#define GW_TYPE_AREA_INEQUALITY (gw_area_inequality_get_type ())
G_DECLARE_FINAL_TYPE (GwAreaInequality, gw_area_inequality, GW, AREA_INEQUALITY, GtkWidget)

GtkWidget *gw_area_inequality_new          (void);
/* Computes the SII of life expectancy at birth of an area or group of
 * dataset (the latest pooled period with small areas' counts, 100,000
 * repetitions) in a thread, then shows it; hidden when the subject has no
 * small areas.  dataset NULL: nothing. */
void       gw_area_inequality_set_subject  (GwAreaInequality *self,
                                            GwDataset        *dataset,
                                            gboolean          is_group,
                                            guint             subject);
void       gw_area_inequality_set_palette  (GwAreaInequality *self,
                                            GwChartPalette    palette);
/* TRUE while the SII is being computed ("busy" notifies). */
gboolean   gw_area_inequality_get_busy     (GwAreaInequality *self);
/* The figure shown for sex (men, women): "11.9 (9.9 to 13.8)" for the SII
 * in years, or the RII when rii; "" when there is none. */
const char *gw_area_inequality_get_figure  (GwAreaInequality *self,
                                            GwSex             sex,
                                            gboolean          rii);
/* The gradient chart's view (a GwChartView). */
GtkWidget *gw_area_inequality_get_chart    (GwAreaInequality *self);

G_END_DECLS
