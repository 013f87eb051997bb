/* gw-export-reader.h: the streaming reader of Gapwatch export format 1.x
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads one `.xml` or `.xml.gz` export (../shared/docs/export-format.md) with
 * libxml2's xmlTextReader on a file descriptor it opened itself, with
 * XML_PARSE_NONET only (../shared/docs/libxml2-notes.md), into a GwBatch.
 * Thread-safe: call it from a worker thread; commit the batch on the main
 * thread with gw_dataset_commit().
 */
#pragma once

#include <gio/gio.h>

#include "model/gw-batch.h"
#include "model/gw-dataset.h"
#include "gw-problem.h"

G_BEGIN_DECLS

#define GW_EXPORT_ERROR (gw_export_error_quark ())

typedef enum
{
  GW_EXPORT_ERROR_INVALID,    /* the file breaks the contract: see the problems */
  GW_EXPORT_ERROR_IO,         /* cannot be opened or read */
} GwExportError;

/* Most errors collected from one file before the reader stops. */
#define GW_EXPORT_MAX_ERRORS 100

/* Progress in bytes of the file on disk (compressed bytes for .xml.gz). */
typedef void (*GwProgressFunc) (guint64  done,
                                guint64  total,
                                gpointer user_data);

GQuark    gw_export_error_quark (void);

/* Initialises libxml2 once (libxml2-notes.md section 4).  Call it from main()
 * before any thread reads a file; gw_export_read_file calls it too. */
void      gw_formats_init       (void);

/* Reads path into a new batch.  On failure returns NULL, sets error (its
 * message is the first problem, formatted, plus how many more there are), and
 * when the file was invalid appends every problem (GwProblem, at most
 * GW_EXPORT_MAX_ERRORS) to errors.  Warnings of a valid file are in the batch.
 * Cancelling gives G_IO_ERROR_CANCELLED. */
GwBatch  *gw_export_read_file   (GwDataset      *dataset,
                                 const char     *path,
                                 GCancellable   *cancellable,
                                 GwProgressFunc  progress,
                                 gpointer        progress_data,
                                 GPtrArray      *errors,
                                 GError        **error);

G_END_DECLS
