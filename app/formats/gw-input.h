/* gw-input.h: the bytes of one file, for every reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens a file itself (never a URL), refuses anything but a regular file
 * before reading a byte (a FIFO would block for ever), inflates gzip with
 * zlib, hashes the bytes on disk (SHA-256, in a second thread), reports
 * progress in bytes on disk and stops when cancelled.  The first bytes are
 * read at once and kept, so a reader can be chosen by content
 * (gw_input_peek) and then read the file from its start.
 */
#pragma once

#include "gw-formats.h"

G_BEGIN_DECLS

typedef struct _GwInput GwInput;

/* How many bytes gw_input_peek() shows at most. */
#define GW_INPUT_HEAD_SIZE 4096

GwInput      *gw_input_open        (const char      *path,
                                    GCancellable    *cancellable,
                                    GwProgressFunc   progress,
                                    gpointer         progress_data,
                                    GError         **error);
void          gw_input_free        (GwInput         *self);
const char   *gw_input_get_path    (GwInput         *self);
gboolean      gw_input_is_gzip     (GwInput         *self);
const guchar *gw_input_peek        (GwInput         *self,
                                    gsize           *len);
gssize        gw_input_read        (GwInput         *self,
                                    guchar          *buf,
                                    gsize            size,
                                    GError         **error);
void          gw_input_hash_in_caller (GwInput      *self);
gboolean      gw_input_rewind      (GwInput         *self,
                                    GError         **error);
const char   *gw_input_get_sha256  (GwInput         *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwInput, gw_input_free)

G_END_DECLS
