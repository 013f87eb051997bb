/* gw-batch.h: the staged content of one export, not yet in the dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A reader fills a batch while it parses (in a worker thread); the dataset
 * takes it whole with gw_dataset_commit() on the main thread, or it is freed and
 * nothing changes.  That is how an import is all or nothing.
 *
 * gw_batch_new() snapshots the dataset's dictionaries (areas, groups, bases,
 * indicators), so the batch can resolve codes without touching the dataset
 * from the worker thread.  Names declared by the export get numbers after the
 * snapshot's; if another import commits first, gw_dataset_commit() renumbers.
 */
#pragma once

#include <gio/gio.h>

#include "gw-table.h"

G_BEGIN_DECLS

typedef struct
{
  const char  *code;
  const char  *name;
  GwAreaType   type;
  const char  *parent;        /* area code, or NULL */
  const char  *const *groups; /* group ids, or NULL */
  guint        imd_decile;    /* 1-10, 0 when not given */
} GwAreaDecl;

typedef struct
{
  const char  *id;
  const char  *name;
  const char  *icd10;         /* codes and ranges, space-separated, or NULL */
  const char  *parent;        /* cause id, or NULL */
} GwCauseDecl;

/* What gw_batch_check_cause() finds of a cause this export declares. */
typedef enum
{
  GW_CAUSE_CHECK_OK = 0,
  GW_CAUSE_CHECK_UNKNOWN_PARENT,   /* parent neither built in nor declared */
  GW_CAUSE_CHECK_CYCLE,            /* the cause is its own ancestor */
} GwCauseCheck;

typedef struct
{
  GwRecordKind kind;
  guint64      logical_key;
} GwDuplicate;

GwBatch        *gw_batch_new                 (GwDataset          *dataset);
void            gw_batch_free                (GwBatch            *batch);

void            gw_batch_set_source          (GwBatch            *batch,
                                              const char         *path,
                                              const char         *sha256);
void            gw_batch_set_header          (GwBatch            *batch,
                                              const char         *id,
                                              GDateTime          *generated,
                                              const char         *version,
                                              const char         *publisher,
                                              const char         *title);
/* The user's SDMX-ML mapping the export was read by (name and key file). */
void            gw_batch_set_mapping         (GwBatch            *batch,
                                              const char         *name,
                                              const char         *text);

/* Returns the group's number, or -1 when this export declared it already. */
gint            gw_batch_declare_group       (GwBatch            *batch,
                                              const char         *id,
                                              const char         *name);
/* Returns the area's number, or -1 when this export declared it already.
 * An area known from an earlier import keeps its number. */
gint            gw_batch_declare_area        (GwBatch            *batch,
                                              const GwAreaDecl   *decl);
/* A number for an area or group code this export uses before it declares
 * it (the root's children come in any order); the reader checks at the end
 * that it was declared.  -1 when the dictionary is full. */
gint            gw_batch_reserve_area        (GwBatch            *batch,
                                              const char         *code);
gint            gw_batch_reserve_group       (GwBatch            *batch,
                                              const char         *id);
/* Numbers of areas and groups declared in this export or imported before, or -1. */
gint            gw_batch_lookup_area         (GwBatch            *batch,
                                              const char         *code);
gint            gw_batch_lookup_group        (GwBatch            *batch,
                                              const char         *id);
/* Whether this export declares the area (not only an earlier import). */
gboolean        gw_batch_declares_area       (GwBatch            *batch,
                                              const char         *code);
/* Whether this export declares the group (not only an earlier import). */
gboolean        gw_batch_declares_group      (GwBatch            *batch,
                                              const char         *id);
/* Number of a deaths basis ("registration"); -1 when more than
 * GW_MAX_BASES - 1 different bases are in use.  NULL gives 0. */
gint            gw_batch_intern_basis        (GwBatch            *batch,
                                              const char         *basis);
/* Number of an indicator; the same id again gives the same number.
 * -1 when GW_MAX_INDICATORS are in use. */
gint            gw_batch_declare_indicator   (GwBatch            *batch,
                                              const char         *id,
                                              const char         *name,
                                              const char         *unit,
                                              GwPolarity          polarity);

/* Returns the cause's number, or -1 when this export declared it already,
 * -2 when the id is a built-in cause, -3 when the registry is full.  A
 * cause known from an earlier import keeps its number.  icd10 must be valid
 * (gw_icd10_parse_ranges()). */
gint            gw_batch_declare_cause       (GwBatch            *batch,
                                              const GwCauseDecl  *decl);
/* A number for a cause id a record uses before this export declares it;
 * the reader checks at the end that it was declared
 * (gw_batch_declares_cause()).  -1 when the registry is full. */
gint            gw_batch_reserve_cause       (GwBatch            *batch,
                                              const char         *id);
/* The number of a built-in cause, one declared in this export or imported
 * before, or -1. */
gint            gw_batch_lookup_cause        (GwBatch            *batch,
                                              const char         *id);
gboolean        gw_batch_declares_cause      (GwBatch            *batch,
                                              const char         *id);
/* After every declaration: the parent of a cause this export declares is
 * known and leads to no cycle. */
GwCauseCheck    gw_batch_check_cause         (GwBatch            *batch,
                                              const char         *id);
/* The cause a number stands for in this batch ("chd"), or NULL. */
const char     *gw_batch_cause_id            (GwBatch            *batch,
                                              guint               cause);

void            gw_batch_add_count           (GwBatch            *batch,
                                              GwRecordKind        kind,
                                              guint64             logical_key,
                                              double              value);
void            gw_batch_add_value           (GwBatch            *batch,
                                              guint64             logical_key,
                                              double              value,
                                              double              lower,
                                              double              upper,
                                              double              count,
                                              double              denominator,
                                              GwNote              note);
/* n new rows of kind at the end of the batch, not initialised, for a
 * loader that fills rows in bulk (GwCountRow, or GwValueRow for
 * GW_RECORD_VALUES), each key gw_row_key (logical_key, 0).  The pointer is
 * valid until rows are next added. */
gpointer        gw_batch_add_rows            (GwBatch            *batch,
                                              GwRecordKind        kind,
                                              guint               n);
/* Room for n rows of kind in all, when the loader knows how many come. */
void            gw_batch_reserve             (GwBatch            *batch,
                                              GwRecordKind        kind,
                                              guint               n);
/* message NULL: a warning counted whose text is not kept */
void            gw_batch_add_warning         (GwBatch            *batch,
                                              const char         *message);
/* n more warnings counted whose texts are not kept */
void            gw_batch_count_warnings      (GwBatch            *batch,
                                              guint               n);

/* Sorts the staged rows and returns the keys that occur more than once in
 * this export (empty array when none).  Call once, after the last row. */
GArray         *gw_batch_finish              (GwBatch            *batch);
/* After gw_batch_finish(): a staged row by logical key, or NULL. */
gconstpointer   gw_batch_lookup              (GwBatch            *batch,
                                              GwRecordKind        kind,
                                              guint64             logical_key);
const GwTable  *gw_batch_get_table           (GwBatch            *batch,
                                              GwRecordKind        kind);

guint           gw_batch_n_records           (GwBatch            *batch);
guint           gw_batch_n_warnings          (GwBatch            *batch);
const char     *gw_batch_get_id              (GwBatch            *batch);
/* Describes a key for messages: "area E06000002, sex m, age 0-4, period 2007-06". */
char           *gw_batch_describe_key        (GwBatch            *batch,
                                              GwRecordKind        kind,
                                              guint64             logical_key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwBatch, gw_batch_free)

G_END_DECLS
