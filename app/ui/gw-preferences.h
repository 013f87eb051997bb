/* gw-preferences.h: the preferences dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gw-settings.h"

G_BEGIN_DECLS

#define GW_TYPE_PREFERENCES (gw_preferences_get_type ())
G_DECLARE_FINAL_TYPE (GwPreferences, gw_preferences, GW, PREFERENCES, GtkWindow)

/* A dialog that changes settings as its controls change. */
GtkWidget *gw_preferences_new (GwSettings *settings);

G_END_DECLS
