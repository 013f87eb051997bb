/* gw-import-pane.h: the table of imported exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/gw-dataset.h"

G_BEGIN_DECLS

#define GW_TYPE_IMPORT_PANE (gw_import_pane_get_type ())
G_DECLARE_FINAL_TYPE (GwImportPane, gw_import_pane, GW, IMPORT_PANE, GtkWidget)

GtkWidget *gw_import_pane_new         (void);
GwDataset *gw_import_pane_get_dataset (GwImportPane *self);
/* Shows the imports of dataset (NULL for none). */
void       gw_import_pane_set_dataset (GwImportPane *self,
                                       GwDataset    *dataset);

G_END_DECLS
