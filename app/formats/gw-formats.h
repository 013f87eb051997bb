/* gw-formats.h: what every reader of app/formats shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The error domain of reading a file (whatever its format), the progress
 * callback, and the one-time initialisation of libxml2.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The domain of every reader's errors: "export" as in a publisher's data
 * export, whatever its format. */
#define GW_EXPORT_ERROR (gw_export_error_quark ())

typedef enum
{
  GW_EXPORT_ERROR_INVALID,    /* the file breaks its format's rules, or no reader takes it: see the problems */
  GW_EXPORT_ERROR_IO,         /* cannot be opened or read, or is not a regular file */
} GwExportError;

/* Most errors collected from one file before a reader stops. */
#define GW_EXPORT_MAX_ERRORS 100

/* Most attributes of one XML start tag.  libxml2 2.9 checks a start tag's
 * attributes for duplicates pairwise before any callback sees them: 50,000
 * took 1.2 s of CPU.  A tag with more is refused from the bytes, before the
 * parser gets it; no element of any format read has more than a few dozen. */
#define GW_XML_MAX_ATTRIBUTES 1000

/* Progress in bytes of the file on disk (compressed bytes for .xml.gz). */
typedef void (*GwProgressFunc) (guint64  done,
                                guint64  total,
                                gpointer user_data);

GQuark    gw_export_error_quark (void);

/* Initialises libxml2 once (libxml2 2.9: xmlInitParser before any thread).  Call it from main()
 * before any thread reads a file; the readers call it too. */
void      gw_formats_init       (void);

G_END_DECLS
