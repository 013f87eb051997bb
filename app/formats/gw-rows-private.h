/* gw-rows-private.h: table rows (CSV, a worksheet) into a GwBatch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to app/formats.  The CSV and the SpreadsheetML readers only cut
 * their file into rows of text cells; this turns the rows into records, the
 * same for both.  Two layouts are read, told apart by the header row:
 *
 *   Fingertips indicator data ("Indicator ID", "Area Code", "Time period",
 *   "Value", ... : the web download, old and new columns), and
 *   Gapwatch's long columns (area_code, area_name, sex, age, period,
 *   measure, value, ...: see README.md).
 *
 * Columns are found by their header name; others are ignored.  A row's
 * problems go to the reader's problem list with the row's line and the
 * cell's column, as the caller gives them.
 */
#pragma once

#include "model/gw-batch.h"
#include "model/gw-dataset.h"
#include "gw-input.h"
#include "gw-problem.h"

G_BEGIN_DECLS

typedef struct _GwRows GwRows;

/* One cell of a row: NUL-terminated UTF-8 text (the caller validated it),
 * and where it is for messages. */
typedef struct
{
  const char *text;
  guint       line;
  guint       column;
} GwCell;

/* The decile (1 = most deprived) a deprivation decile's name says ("Most
 * deprived decile", "Second least deprived decile", "Decile 3", "1 - most
 * deprived"), 0 when it says none; shared with the SDMX-ML reader. */
guint      _gw_decile_of_text    (const char    *text);

GwRows    *_gw_rows_new          (GwDataset     *dataset,
                                  const char    *path,
                                  GPtrArray     *problems);
void       _gw_rows_free         (GwRows        *rows);
/* Whether cells name the columns of a layout read here (no problem added
 * when not).  A header of a known layout that lacks a column it needs is a
 * problem, and TRUE. */
gboolean   _gw_rows_header       (GwRows        *rows,
                                  const GwCell  *cells,
                                  guint          n);
/* What a header of neither layout is told, for the reader's message. */
const char *_gw_rows_expected    (void);
void       _gw_rows_add          (GwRows        *rows,
                                  const GwCell  *cells,
                                  guint          n);
/* A problem of the file's own (a quote, an encoding), counted with the rows'. */
void       _gw_rows_problem      (GwRows        *rows,
                                  guint          line,
                                  guint          column,
                                  const char    *message);
/* Whether GW_EXPORT_MAX_ERRORS problems were found: the reader stops. */
gboolean   _gw_rows_full         (GwRows        *rows);
guint      _gw_rows_n_problems   (GwRows        *rows);
/* How many columns the header has. */
guint      _gw_rows_n_columns    (GwRows        *rows);
/* Whether a header of a known layout was seen. */
gboolean   _gw_rows_has_header   (GwRows        *rows);
/* After the last row: declares the areas, sets the header (the id from the
 * file's SHA-256, generated from its modification time) and looks for
 * repeated keys.  When some are repeated, returns TRUE in *reread: the
 * caller reads the file again through _gw_rows_add (rewound, with
 * _gw_rows_locate set) so that their rows are named. */
GwBatch   *_gw_rows_finish       (GwRows        *rows,
                                  GwInput       *input,
                                  gboolean      *reread);
void       _gw_rows_locate       (GwRows        *rows);
/* After the locating pass. */
void       _gw_rows_located      (GwRows        *rows);

/* One pass of a reader over its file, from the start, into rows: FALSE on
 * an I/O error or cancellation. */
typedef gboolean (*GwRowsParse) (GwRows   *rows,
                                 GwInput  *input,
                                 GError  **error);

/* A reader's read: parse once, and again to name repeated records. */
GwBatch   *_gw_rows_read         (GwDataset     *dataset,
                                  GwInput       *input,
                                  GPtrArray     *problems,
                                  GwRowsParse    parse,
                                  GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwRows, _gw_rows_free)

G_END_DECLS
