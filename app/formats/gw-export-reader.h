/* gw-export-reader.h: the reader of Gapwatch export format 1.x
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads one `.xml` or `.xml.gz` export (the export format (help/C/import.page)) with
 * libxml2's SAX2 push parser, hardened by gw-xml.c, from a GwInput, into a
 * GwBatch.  The first GwReader: the import task finds it by content
 * (gw_reader_read_file).  Thread-safe: call it from a worker thread; commit
 * the batch on the main thread with gw_dataset_commit().
 */
#pragma once

#include "gw-reader.h"

G_BEGIN_DECLS

#define GW_EXPORT_NS "urn:gapwatch:export:1"

#define GW_TYPE_EXPORT_READER (gw_export_reader_get_type ())
G_DECLARE_FINAL_TYPE (GwExportReader, gw_export_reader, GW, EXPORT_READER, GwReader)

GwReader *gw_export_reader_new  (void);

/* Reads path as an export, whatever it looks like (no sniffing); see
 * gw_reader_read_path() for what it returns. */
GwBatch  *gw_export_read_file   (GwDataset      *dataset,
                                 const char     *path,
                                 GCancellable   *cancellable,
                                 GwProgressFunc  progress,
                                 gpointer        progress_data,
                                 GPtrArray      *errors,
                                 GError        **error);

G_END_DECLS
