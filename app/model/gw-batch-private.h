/* gw-batch-private.h: what GwDataset reads of a batch when it commits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gw-batch.h"

G_BEGIN_DECLS

typedef struct
{
  char        *code;
  char        *name;
  GwAreaType   type;
  char        *parent;
  GStrv        groups;
  guint        imd_decile;
  guint        index;      /* number in the batch's numbering */
} GwBatchArea;

typedef struct
{
  char        *id;
  char        *name;
  guint        index;
} GwBatchGroup;

typedef struct
{
  char        *id;
  char        *name;
  char        *unit;
  GwPolarity   polarity;
  guint        index;
} GwBatchIndicator;

typedef struct
{
  char        *id;
  char        *name;
  char        *icd10;
  char        *parent;     /* cause id, or NULL */
  guint        index;
} GwBatchCause;

struct _GwBatch
{
  /* snapshot of the dataset's dictionaries */
  GPtrArray   *area_codes;       /* index -> code (owned) */
  GHashTable  *area_index;       /* code -> index + 1 (keys borrowed) */
  GPtrArray   *group_ids;
  GHashTable  *group_index;
  GPtrArray   *bases;            /* index -> name; [0] = NULL */
  GPtrArray   *indicator_ids;
  GHashTable  *indicator_index;
  guint        snap_n_areas;
  guint        snap_n_groups;
  guint        snap_n_bases;
  guint        snap_n_indicators;
  GPtrArray   *cause_ids;        /* number -> id; [0] (all causes) = NULL */
  GHashTable  *cause_index;
  GPtrArray   *cause_parents;    /* number -> parent id or NULL, as the snapshot knew them */
  guint        snap_n_causes;

  /* declared by this export */
  GArray      *areas;            /* GwBatchArea */
  GHashTable  *declared_areas;   /* code -> position in areas + 1 (keys borrowed) */
  GArray      *groups;           /* GwBatchGroup */
  GHashTable  *declared_groups;  /* id -> position in groups + 1 (keys borrowed) */
  GArray      *indicators;       /* GwBatchIndicator */
  GArray      *causes;           /* GwBatchCause */
  GHashTable  *declared_causes;  /* id -> position in causes + 1 (keys borrowed) */

  GwTable     *tables[GW_N_RECORD_KINDS];
  GPtrArray   *warnings;
  guint        n_warnings;
  gboolean     finished;

  char        *path;
  char        *sha256;
  char        *id;
  GDateTime   *generated;
  char        *version;
  char        *publisher;
  char        *title;
  char        *mapping_name;  /* the user's SDMX-ML mapping read by, or NULL */
  char        *mapping_text;
};

/* Renumbers keys whose area, group, basis, indicator or cause numbers changed. */
void _gw_batch_renumber (GwBatch     *batch,
                         const guint *area_map,
                         const guint *group_map,
                         const guint *basis_map,
                         const guint *indicator_map,
                         const guint *cause_map);

/* Shared with GwDataset: the same words for a key wherever it is shown. */
char *_gw_describe_key (GwRecordKind  kind,
                        guint64       logical_key,
                        const char   *subject,
                        const char   *basis,
                        const char   *indicator,
                        const char   *cause);

G_END_DECLS
