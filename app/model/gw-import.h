/* gw-import.h: one imported export and where it came from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gw-types.h"

G_BEGIN_DECLS

#define GW_TYPE_IMPORT (gw_import_get_type ())
G_DECLARE_FINAL_TYPE (GwImport, gw_import, GW, IMPORT, GObject)

const char   *gw_import_get_id          (GwImport     *self);
/* The path of the file as given when it was imported. */
const char   *gw_import_get_file        (GwImport     *self);
const char   *gw_import_get_basename    (GwImport     *self);
const char   *gw_import_get_publisher   (GwImport     *self);
const char   *gw_import_get_title       (GwImport     *self);
const char   *gw_import_get_version     (GwImport     *self);
GDateTime    *gw_import_get_generated   (GwImport     *self);
/* ISO 8601 UTC, "2007-07-12T08:30:00Z" */
char         *gw_import_format_generated (GwImport    *self);
const char   *gw_import_get_sha256      (GwImport     *self);
/* Records in the export, all kinds. */
guint         gw_import_get_records     (GwImport     *self);
guint         gw_import_get_records_of_kind (GwImport *self,
                                             GwRecordKind kind);
/* Records whose key an earlier-imported export already had with another value. */
guint         gw_import_get_revisions   (GwImport     *self);
guint         gw_import_get_n_warnings  (GwImport     *self);
/* The first warnings' texts (at most 100 are kept). */
const char *const *gw_import_get_warnings (GwImport   *self);
guint         gw_import_get_slot        (GwImport     *self);
/* The user's SDMX-ML mapping the import was read by (its name and key
 * file), NULL for any other import. */
const char   *gw_import_get_mapping_name (GwImport    *self);
const char   *gw_import_get_mapping_text (GwImport    *self);

/* For GwDataset. */
GwImport     *_gw_import_new            (guint         slot,
                                         const char   *id,
                                         const char   *file,
                                         const char   *sha256,
                                         GDateTime    *generated,
                                         const char   *version,
                                         const char   *publisher,
                                         const char   *title,
                                         const guint   records[GW_N_RECORD_KINDS],
                                         guint         n_warnings,
                                         GPtrArray    *warnings);
void          _gw_import_set_revisions  (GwImport     *self,
                                         guint         revisions);
void          _gw_import_set_mapping    (GwImport     *self,
                                         const char   *name,
                                         const char   *text);

G_END_DECLS
