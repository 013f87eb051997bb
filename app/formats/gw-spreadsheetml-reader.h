/* gw-spreadsheetml-reader.h: the reader of Excel 2003 XML workbooks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads the first worksheet of a SpreadsheetML 2003 workbook
 * (../shared/docs/spreadsheetml.md) whose first row names the columns of a
 * Fingertips indicator-data table or Gapwatch's long columns, streamed with
 * libxml2's SAX2 parser as gw-xml.c hardens it; its rows become records as
 * a CSV's do (gw-rows-private.h).  Errors are FILE:LINE:COL of the XML.
 */
#pragma once

#include "gw-reader.h"

G_BEGIN_DECLS

#define GW_TYPE_SPREADSHEETML_READER (gw_spreadsheetml_reader_get_type ())
G_DECLARE_FINAL_TYPE (GwSpreadsheetmlReader, gw_spreadsheetml_reader, GW, SPREADSHEETML_READER, GwReader)

GwReader *gw_spreadsheetml_reader_new (void);

G_END_DECLS
