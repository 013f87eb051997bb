/* gw-application.h: the Gapwatch GtkApplication
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/gw-dataset.h"
#include "gw-settings.h"

G_BEGIN_DECLS

#define GW_TYPE_APPLICATION (gw_application_get_type ())
G_DECLARE_FINAL_TYPE (GwApplication, gw_application, GW, APPLICATION, GtkApplication)

GwApplication *gw_application_new          (void);
/* The dataset a new window shows until its workspace is loaded (the window
 * then shows the workspace's own: gw_window_get_dataset()). */
GwDataset     *gw_application_get_dataset  (GwApplication *self);
GwSettings    *gw_application_get_settings (GwApplication *self);
/* What F1 and Help open: help:io.github.gapwatch.Gapwatch, the HTML help,
 * or NULL when neither is installed. */
char          *gw_application_dup_help_uri (GwApplication *self);

G_END_DECLS
