/* gw-mapping-dialog.h: a mapping for an SDMX-ML message that cannot be mapped
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "formats/gw-import-task.h"

G_BEGIN_DECLS

#define GW_TYPE_MAPPING_DIALOG (gw_mapping_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GwMappingDialog, gw_mapping_dialog, GW, MAPPING_DIALOG, GtkWindow)

/* Called with the message's path once a mapping for it is saved. */
typedef void (*GwMappingDialogSaved) (const char *path,
                                      gpointer    user_data);

/* Whether a rejected import is an SDMX-ML message a mapping would read
 * (no area dimension, or a dimension with several values). */
gboolean         gw_mapping_dialog_wanted  (const GwImportResult *result);
/* The dialog for the message at path, or NULL (with error) when the
 * message cannot be read. */
GwMappingDialog *gw_mapping_dialog_new     (GtkWindow            *parent,
                                            const char           *path);
/* Whether the message was read (in a thread) and the choices are offered. */
gboolean         gw_mapping_dialog_is_ready (GwMappingDialog     *self);
void             gw_mapping_dialog_set_saved_func (GwMappingDialog      *self,
                                                   GwMappingDialogSaved  func,
                                                   gpointer              user_data);
/* What Save writes (the key file), for tests. */
char            *gw_mapping_dialog_dup_mapping (GwMappingDialog *self);

G_END_DECLS
