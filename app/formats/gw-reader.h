/* gw-reader.h: a reader of one format of data export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The extension point of app/formats.  A reader says how sure it is that it
 * reads a file from the file's first bytes (sniff), then reads the file into
 * a GwBatch (read), from a GwInput that already handles opening, gzip,
 * hashing, progress and cancellation.  gw_reader_read_file() picks the
 * reader by content among those listed in gw-reader.c (adding one is one
 * line there); a file none takes is refused with what it looks like.
 */
#pragma once

#include <glib-object.h>

#include "model/gw-batch.h"
#include "model/gw-dataset.h"
#include "gw-formats.h"
#include "gw-input.h"
#include "gw-problem.h"
#include "gw-sniff.h"

G_BEGIN_DECLS

/* What sniff returns: 0 when the reader does not read such a file. */
#define GW_READER_SNIFF_MAYBE  10    /* it could say what is wrong with the file */
#define GW_READER_SNIFF_SURE  100    /* the file says it is this format */

#define GW_TYPE_READER (gw_reader_get_type ())
G_DECLARE_DERIVABLE_TYPE (GwReader, gw_reader, GW, READER, GObject)

struct _GwReaderClass
{
  GObjectClass parent_class;

  /* How sure the reader is that it reads a file starting with head. */
  guint      (*sniff) (const GwHead  *head);
  /* Reads input from its start.  A valid file gives a batch; an invalid one
   * NULL with every problem (GwProblem, at most GW_EXPORT_MAX_ERRORS)
   * appended to problems and error not set; error only for I/O errors and
   * cancellation. */
  GwBatch   *(*read)  (GwReader      *self,
                       GwDataset     *dataset,
                       GwInput       *input,
                       GPtrArray     *problems,
                       GError       **error);

  gpointer padding[8];
};

GwBatch  *gw_reader_read       (GwReader       *self,
                                GwDataset      *dataset,
                                GwInput        *input,
                                GPtrArray      *errors,
                                GError        **error);
GwBatch  *gw_reader_read_path  (GwReader       *self,
                                GwDataset      *dataset,
                                const char     *path,
                                GCancellable   *cancellable,
                                GwProgressFunc  progress,
                                gpointer        progress_data,
                                GPtrArray      *errors,
                                GError        **error);
GwReader *gw_reader_find       (const GwHead   *head);
GwBatch  *gw_reader_read_file  (GwDataset      *dataset,
                                const char     *path,
                                GCancellable   *cancellable,
                                GwProgressFunc  progress,
                                gpointer        progress_data,
                                GPtrArray      *errors,
                                GError        **error);

G_END_DECLS
