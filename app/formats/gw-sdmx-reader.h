/* gw-sdmx-reader.h: the reader of SDMX-ML data messages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SDMX-ML 2.0 and 2.1 data messages (generic, compact, structure-specific;
 * time series, flat and cross-sectional) into a GwBatch through a mapping
 * (gw-sdmx-mapping.h).  Chosen by content by gw_reader_read_file().
 * Errors are FILE:LINE:COL of the observation (or element) at fault.
 */
#pragma once

#include "gw-reader.h"

G_BEGIN_DECLS

#define GW_TYPE_SDMX_READER (gw_sdmx_reader_get_type ())
G_DECLARE_FINAL_TYPE (GwSdmxReader, gw_sdmx_reader, GW, SDMX_READER, GwReader)

GwReader *gw_sdmx_reader_new (void);

/* A dimension of a message and its values. */
typedef struct
{
  char   *name;
  GStrv   values;       /* the first 12 */
  guint   n_values;     /* all of them */
} GwSdmxDimension;

typedef struct
{
  char      *dataflow;    /* or NULL */
  GPtrArray *dimensions;  /* GwSdmxDimension *, by name; the time aside */
} GwSdmxLayout;

GwSdmxLayout *gw_sdmx_layout_read (const char   *path,
                                   GError      **error);
/* The same, cancellable (G_IO_ERROR_CANCELLED), with progress in bytes:
 * for a thread (the mapping dialog reads a big message in one). */
GwSdmxLayout *gw_sdmx_layout_read_full (const char      *path,
                                        GCancellable    *cancellable,
                                        GwProgressFunc   progress,
                                        gpointer         progress_data,
                                        GError         **error);
void          gw_sdmx_layout_free (GwSdmxLayout *layout);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwSdmxLayout, gw_sdmx_layout_free)

G_END_DECLS
