/* gw-settings.h: the application's GSettings, as properties views bind to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

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

G_END_DECLS
