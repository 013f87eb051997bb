/* gw-table.h: a sorted array of records, searched by key
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bulk data is plain structs in one GArray, sorted by the 64-bit row key of
 * gw-key.h (logical key, then import slot).  A national 20-year monthly set is
 * tens of millions of counts, so a count costs 16 bytes and no pointer.
 */
#pragma once

#include "gw-key.h"

G_BEGIN_DECLS

/* deaths, population and births */
typedef struct
{
  guint64 key;      /* gw_row_key (logical, slot) */
  double  value;    /* a count of deaths or births, or a population (person-years) */
} GwCountRow;

/* published indicator values; absent numbers are NAN */
typedef struct
{
  guint64 key;
  double  value;
  double  lower;
  double  upper;
  double  count;
  double  denominator;
  guint8  note;     /* GwNote */
} GwValueRow;

typedef struct _GwTable GwTable;

GwTable        *gw_table_new           (GwRecordKind   kind);
void            gw_table_free          (GwTable       *table);
GwRecordKind    gw_table_get_kind      (const GwTable *table);
gsize           gw_table_row_size      (const GwTable *table);
guint           gw_table_n_rows        (const GwTable *table);
gconstpointer   gw_table_row           (const GwTable *table,
                                        guint          index);
gconstpointer   gw_table_rows          (const GwTable *table);
guint64         gw_table_row_key       (const GwTable *table,
                                        guint          index);
/* Index of the first row whose logical key is >= logical_key. */
guint           gw_table_lower_bound   (const GwTable *table,
                                        guint64        logical_key);
/* The row with this logical key, or NULL.  When several imports' rows share
 * the key (history tables), the first one. */
gconstpointer   gw_table_lookup        (const GwTable *table,
                                        guint64        logical_key);
/* gw_table_lookup() for keys that mostly come in order: *hint is where the
 * last search ended (start with 0), tried before a binary search. */
gconstpointer   gw_table_lookup_near   (const GwTable *table,
                                        guint64        logical_key,
                                        guint         *hint);
/* The rows whose logical keys lie in [first, last]; returns their count and
 * the index of the first in *start. */
guint           gw_table_range         (const GwTable *table,
                                        guint64        first_logical,
                                        guint64        last_logical,
                                        guint         *start);

/* For GwBatch and GwDataset: append, sort, take over. */
void            gw_table_append        (GwTable       *table,
                                        gconstpointer  row);
/* A count row (deaths, population, births) at the end, key and value. */
void            gw_table_append_count  (GwTable       *table,
                                        guint64        key,
                                        double         value);
/* n new rows at the end, not initialised: for loaders that fill rows in
 * bulk.  The pointer is valid until the table next grows. */
gpointer        gw_table_append_rows   (GwTable       *table,
                                        guint          n);
/* Room for n rows in all, so appending up to n moves nothing. */
void            gw_table_reserve       (GwTable       *table,
                                        guint          n);
void            gw_table_sort          (GwTable       *table);
GArray         *gw_table_steal_array   (GwTable       *table);
void            gw_table_set_array     (GwTable       *table,
                                        GArray        *rows);
void            gw_table_clear         (GwTable       *table);

G_END_DECLS
