/* gw-import-history.h: what each import added, and whose values it revised
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read from the dataset's history tables: every superseded row is a version
 * of a key some other import replaced.  The versions of one key, ordered as
 * the dataset orders them (the later `generated`, then the later import),
 * say who revised whom: each version revised the one before it, when their
 * values differ.
 */
#pragma once

#include <glib.h>

#include "model/gw-dataset.h"

G_BEGIN_DECLS

typedef struct
{
  GwImport *import;   /* the other import (borrowed from the dataset) */
  guint     n;        /* values that differ */
} GwImportRevision;

typedef struct _GwImportHistory GwImportHistory;

/* Reads the dataset as it is now (main thread). */
GwImportHistory *gw_import_history_new            (GwDataset       *dataset);
void             gw_import_history_free           (GwImportHistory *self);
/* The earlier imports whose values import replaced with different ones, in
 * import order (GwImportRevision), or NULL when none. */
GArray          *gw_import_history_get_revised    (GwImportHistory *self,
                                                   GwImport        *import);
/* The later imports that replaced values of import, or NULL when none. */
GArray          *gw_import_history_get_revised_by (GwImportHistory *self,
                                                   GwImport        *import);
/* Values of other imports that import replaced with different ones (the
 * values that go back when it is removed). */
guint            gw_import_history_count_revised  (GwImportHistory *self,
                                                   GwImport        *import);
/* "Added 1,140 death counts." then, a line each, "Revised 36 values of
 * “Deaths registered in March 2007”." and "36 of its values were revised by
 * “…”." (newly allocated, translated). */
char            *gw_import_history_describe       (GwImportHistory *self,
                                                   GwImport        *import);
/* The name the user knows an import by: its title, or its file's name. */
char            *gw_import_display_name           (GwImport        *import);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwImportHistory, gw_import_history_free)

G_END_DECLS
