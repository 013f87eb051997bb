/* gw-tracker-cell.h: a cell of the tracker table, two lines of text drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GW_TYPE_TRACKER_CELL (gw_tracker_cell_get_type ())
G_DECLARE_FINAL_TYPE (GwTrackerCell, gw_tracker_cell, GW, TRACKER_CELL, GtkWidget)

/* xalign: 0 for text, 1 for numbers. */
GtkWidget  *gw_tracker_cell_new          (float          xalign);
/* Shows text over subtitle (smaller, dimmed); either may be NULL.  The
 * tooltip is given when asked for.  Copies the strings. */
void        gw_tracker_cell_set          (GwTrackerCell *self,
                                          const char    *text,
                                          const char    *subtitle,
                                          const char    *tooltip);
const char *gw_tracker_cell_get_text     (GwTrackerCell *self);
const char *gw_tracker_cell_get_subtitle (GwTrackerCell *self);
const char *gw_tracker_cell_get_tooltip  (GwTrackerCell *self);
float       gw_tracker_cell_get_xalign   (GwTrackerCell *self);
/* The height of every row of the table: two lines of the font, each at
 * least as tall as a 16 px status icon, so the rows of the pinned area
 * column and of the scrolling columns keep in step. */
int         gw_tracker_cell_row_height   (GtkWidget     *widget);

G_END_DECLS
