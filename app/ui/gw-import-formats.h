/* gw-import-formats.h: the formats the window imports, for its chooser and
 * its import list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/gw-import.h"

G_BEGIN_DECLS

/* The chooser's filters: every supported file (the default), Gapwatch
 * exports, SDMX-ML, Fingertips CSV, Excel 2003 XML, and all files. */
void   gw_import_formats_add_filters (GtkFileChooser *chooser);
/* The format of an import for the list ("SDMX-ML 2.1 StructureSpecificData",
 * "Fingertips CSV"), or NULL for a Gapwatch export. */
char  *gw_import_formats_describe    (GwImport       *import);

G_END_DECLS
