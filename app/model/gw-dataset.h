/* gw-dataset.h: everything imported, as one dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dataset holds dictionaries (areas, groups, deaths bases, indicators), the
 * list of imports, and for each record kind two tables: the current rows (one
 * per key: the row of the export with the latest `generated`) and the history
 * (every row another export superseded).  Removing an import puts back what it
 * superseded.  See the export format (help/C/import.page), "Records, keys and revisions".
 *
 * It is changed only on the main thread.  Worker threads may read it between
 * gw_dataset_read_lock() and gw_dataset_read_unlock().
 */
#pragma once

#include <gio/gio.h>

#include "gw-batch.h"
#include "gw-import.h"
#include "gw-table.h"

G_BEGIN_DECLS

#define GW_DATASET_ERROR (gw_dataset_error_quark ())

typedef enum
{
  GW_DATASET_ERROR_ALREADY_IMPORTED,   /* same id and same content: nothing to do */
  GW_DATASET_ERROR_ID_CONFLICT,        /* same id, different content */
  GW_DATASET_ERROR_FULL,               /* no import slot, or a dictionary is full */
} GwDatasetError;

typedef struct
{
  char        *code;
  char        *name;
  GwAreaType   type;
  gint         parent;       /* area number, -1 for none */
  GArray      *groups;       /* guint group numbers */
  guint        imd_decile;   /* 0 = not given */
} GwArea;

typedef struct
{
  char        *id;
  char        *name;
} GwGroup;

typedef struct
{
  char        *id;
  char        *name;
  char        *unit;
  GwPolarity   polarity;
} GwIndicatorDef;

#define GW_TYPE_DATASET (gw_dataset_get_type ())
G_DECLARE_FINAL_TYPE (GwDataset, gw_dataset, GW, DATASET, GObject)

GQuark                gw_dataset_error_quark     (void);
GwDataset            *gw_dataset_new             (void);

/* Takes the batch (always, also on error).  On success the import is added
 * to the imports model, "import-committed" (GwImport *) and then "changed"
 * are emitted, and the new import returned. */
GwImport             *gw_dataset_commit          (GwDataset     *self,
                                                  GwBatch       *batch,
                                                  GError       **error);
/* Removes an import; what it superseded is current again. */
void                  gw_dataset_remove_import   (GwDataset     *self,
                                                  GwImport      *import);
/* A GListModel of GwImport, in import order. */
GListModel           *gw_dataset_get_imports     (GwDataset     *self);
GwImport             *gw_dataset_find_import     (GwDataset     *self,
                                                  const char    *id);
GwImport             *gw_dataset_get_import_for_slot (GwDataset *self,
                                                      guint      slot);

guint                 gw_dataset_n_areas         (GwDataset     *self);
const GwArea         *gw_dataset_get_area        (GwDataset     *self,
                                                  guint          index);
gint                  gw_dataset_lookup_area     (GwDataset     *self,
                                                  const char    *code);
guint                 gw_dataset_n_groups        (GwDataset     *self);
const GwGroup        *gw_dataset_get_group       (GwDataset     *self,
                                                  guint          index);
gint                  gw_dataset_lookup_group    (GwDataset     *self,
                                                  const char    *id);
/* Area numbers of the group's members, in area order. */
GArray               *gw_dataset_group_members   (GwDataset     *self,
                                                  guint          group);
guint                 gw_dataset_n_bases         (GwDataset     *self);
const char           *gw_dataset_get_basis       (GwDataset     *self,
                                                  guint          index);
/* The deaths basis the indicators count: "registration" when an export
 * declares it, else the first declared, else 0 (none declared). */
guint                 gw_dataset_counted_basis   (GwDataset          *self);
guint                 gw_dataset_n_indicators    (GwDataset     *self);
const GwIndicatorDef *gw_dataset_get_indicator   (GwDataset     *self,
                                                  guint          index);
gint                  gw_dataset_lookup_indicator (GwDataset    *self,
                                                   const char   *id);
/* The comparator: the first area of type country, or -1. */
gint                  gw_dataset_get_country     (GwDataset     *self);

/* Current rows (GwCountRow, or GwValueRow for GW_RECORD_VALUES). */
const GwTable        *gw_dataset_get_table       (GwDataset     *self,
                                                  GwRecordKind   kind);
/* Superseded rows, for the revision history. */
const GwTable        *gw_dataset_get_history     (GwDataset     *self,
                                                  GwRecordKind   kind);
guint                 gw_dataset_count           (GwDataset     *self,
                                                  GwRecordKind   kind);
/* The distinct periods of a kind's current rows, sorted (GwPeriod). */
GArray               *gw_dataset_collect_periods (GwDataset     *self,
                                                  GwRecordKind   kind);
/* Human description of a key, as gw_batch_describe_key(). */
char                 *gw_dataset_describe_key    (GwDataset     *self,
                                                  GwRecordKind   kind,
                                                  guint64        logical_key);

void                  gw_dataset_read_lock       (GwDataset     *self);
void                  gw_dataset_read_unlock     (GwDataset     *self);

G_END_DECLS
