/* gw-sniff.h: what the first bytes of a file look like
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Readers are chosen by content, not by name: the first bytes (inflated when
 * gzip) are looked at once here, and each reader's sniff reads the result.
 * A file no reader takes is refused with what it looks like.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  GW_HEAD_EMPTY,          /* no bytes at all */
  GW_HEAD_UNKNOWN,        /* none of the below */
  GW_HEAD_XML,            /* XML of no format below */
  GW_HEAD_CSV,            /* text in lines with the same number of separators */
  GW_HEAD_XLSX,           /* a zip archive, as Excel workbooks are */
  GW_HEAD_SDMX,           /* an SDMX-ML message */
  GW_HEAD_SPREADSHEETML,  /* an Excel 2003 XML workbook */
  GW_HEAD_HTML,
} GwHeadKind;

typedef struct
{
  const guchar *data;     /* borrowed */
  gsize         len;
  gboolean      gzip;     /* data was inflated */
  GwHeadKind    kind;
  /* XML (whatever kind): the first element's local name, and its namespace
   * URI when declared in the part of the start tag the bytes hold */
  char         *root;
  char         *root_ns;
} GwHead;

void         gw_head_init     (GwHead       *head,
                               const guchar *data,
                               gsize         len,
                               gboolean      gzip);
void         gw_head_clear    (GwHead       *head);
const char  *gw_head_describe (const GwHead *head);

G_END_DECLS
