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

/* Progress in bytes of the file on disk (compressed bytes for .xml.gz). */
typedef void (*GwProgressFunc) (guint64  done,
                                guint64  total,
                                gpointer user_data);

GQuark    gw_export_error_quark (void);

/* Initialises libxml2 once (libxml2 2.9: xmlInitParser before any thread).  Call it from main()
 * before any thread reads a file; the readers call it too. */
void      gw_formats_init       (void);

G_END_DECLS
