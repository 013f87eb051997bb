/* gw-csv-reader.h: the reader of CSV tables: Fingertips indicator data and
 * Gapwatch's long columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads one `.csv` (or `.csv.gz`) file, RFC 4180, UTF-8 with or without a
 * byte order mark, streamed from a GwInput, into a GwBatch through the row
 * rules of gw-rows-private.h.  Chosen by content by gw_reader_read_file().
 * Errors are FILE:LINE:COL with LINE the line of the file and COL the
 * column's number (the first column is 1), as a spreadsheet counts them.
 */
#pragma once

#include "gw-reader.h"

G_BEGIN_DECLS

#define GW_TYPE_CSV_READER (gw_csv_reader_get_type ())
G_DECLARE_FINAL_TYPE (GwCsvReader, gw_csv_reader, GW, CSV_READER, GwReader)

GwReader *gw_csv_reader_new (void);

G_END_DECLS
