/* gw-settings.h: the application's GSettings, as properties views bind to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tracker/gw-target.h"

G_BEGIN_DECLS

#define GW_TYPE_SETTINGS (gw_settings_get_type ())
G_DECLARE_FINAL_TYPE (GwSettings, gw_settings, GW, SETTINGS, GObject)

GwSettings *gw_settings_new                    (void);

/* The window size in application pixels, and whether it was maximized. */
int         gw_settings_get_window_width       (GwSettings *self);
int         gw_settings_get_window_height      (GwSettings *self);
gboolean    gw_settings_get_window_maximized   (GwSettings *self);
void        gw_settings_save_window_state      (GwSettings *self,
                                                int         width,
                                                int         height,
                                                gboolean    maximized);

/* The folder exports were last imported from, or NULL when not known. */
GFile      *gw_settings_dup_last_import_folder (GwSettings *self);
void        gw_settings_set_last_import_folder (GwSettings *self,
                                                GFile      *folder);

/* Where a save dialog of kind ("report", "chart", "csv", "print") opens:
 * the last folder used for it, else Documents. */
GFile      *gw_settings_dup_export_folder      (GwSettings *self,
                                                const char *kind);
void        gw_settings_set_export_folder      (GwSettings *self,
                                                const char *kind,
                                                GFile      *folder);
/* How many workspaces the Recent Workspaces menu lists. */
#define GW_SETTINGS_MAX_RECENT_WORKSPACES 8

/* The workspace open last, or NULL for the default one. */
char       *gw_settings_dup_last_workspace     (GwSettings *self);
void        gw_settings_set_last_workspace     (GwSettings *self,
                                                const char *path);
/* The workspaces opened most recently that still exist, the most recent
 * first ("notify::recent-workspaces" when the list changes). */
GStrv       gw_settings_dup_recent_workspaces  (GwSettings *self);
/* Puts path first in the recent workspaces. */
void        gw_settings_add_recent_workspace   (GwSettings *self,
                                                const char *path);

/* "standard", "colour-blind" or "greyscale" (gw_chart_palette_parse). */
const char *gw_settings_get_palette            (GwSettings *self);
void        gw_settings_set_palette            (GwSettings *self,
                                                const char *palette);
/* The confidence level of the intervals shown: 95 or 99.8 (percent). */
double      gw_settings_get_confidence_level   (GwSettings *self);
void        gw_settings_set_confidence_level   (GwSettings *self,
                                                double      level);
/* The measures the tracker table shows for each sex: "status",
 * "latest-value", "comparator", "latest-gap", "projected-gap"
 * ("notify::tracker-columns"). */
const char * const *gw_settings_get_tracker_columns (GwSettings         *self);
void        gw_settings_set_tracker_columns    (GwSettings         *self,
                                                const char * const *columns);
/* The name of the target a new window tracks. */
const char *gw_settings_get_default_target     (GwSettings *self);
void        gw_settings_set_default_target     (GwSettings *self,
                                                const char *name);

/* The edited targets earlier versions kept in the key `targets`, which is
 * emptied: they move into the workspace (GwSession). */
GPtrArray  *gw_settings_take_targets           (GwSettings *self);

G_END_DECLS
