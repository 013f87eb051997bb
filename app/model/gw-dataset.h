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

/* A cause of the registry: a built-in (GwCause) or one an export declared. */
typedef struct
{
  char        *id;
  char        *name;
  char        *icd10;        /* as declared: codes and ranges, space-separated; NULL for none */
  GArray      *ranges;       /* GwIcd10Range, parsed from icd10 */
  gint         parent;       /* cause number, -1 for a top-level cause */
  gboolean     builtin;
} GwCauseDef;

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
/* The newest `generated` of the imports (whose rows are current where
 * exports share keys), or NULL when none has one.  (transfer none) */
GDateTime            *gw_dataset_get_newest_generated (GwDataset *self);
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
/* The cause registry.  Cause numbers run from 1 to gw_dataset_n_causes() - 1
 * (0 is all causes, GW_CAUSE_ALL, and has no definition); the built-ins are
 * GwCause's numbers, declared causes follow in the order first declared.  A
 * cause declared again by a later import keeps its number and takes the
 * later import's name, ICD-10 ranges and parent. */
guint                 gw_dataset_n_causes        (GwDataset     *self);
/* NULL for 0 and numbers not in use. */
const GwCauseDef     *gw_dataset_get_cause       (GwDataset     *self,
                                                  guint          cause);
/* The number of a cause by id ("chd"), or -1. */
gint                  gw_dataset_lookup_cause    (GwDataset     *self,
                                                  const char    *id);
/* The number of the first cause with this name, or -1. */
gint                  gw_dataset_lookup_cause_by_name (GwDataset *self,
                                                       const char *name);
/* The parent's number, or -1 for a top-level cause (and for 0). */
gint                  gw_dataset_cause_parent    (GwDataset     *self,
                                                  guint          cause);
/* The top-level ancestor (the cause itself when top-level; 0 for 0). */
guint                 gw_dataset_cause_top       (GwDataset     *self,
                                                  guint          cause);
/* Whether cause is ancestor or lies under it (everything lies under 0). */
gboolean              gw_dataset_cause_is_under  (GwDataset     *self,
                                                  guint          cause,
                                                  guint          ancestor);
/* The numbers (guint) of the causes whose parent is cause, in number order;
 * cause 0 gives the top-level causes. */
GArray               *gw_dataset_cause_children  (GwDataset     *self,
                                                  guint          cause);
/* The ICD-10 ranges of a cause (GwIcd10Range), or NULL. */
const GArray         *gw_dataset_cause_icd10     (GwDataset     *self,
                                                  guint          cause);
/* The most specific cause whose ranges cover an ICD-10 code ("I21.4",
 * "I21", "C34"), or -1 when none does (deaths "other"). */
gint                  gw_dataset_cause_for_icd10 (GwDataset     *self,
                                                  const char    *code);

/* Deaths of one cell (area, sex, basis, period, age) as the export format's
 * "Version 1.1" adds them up. */
typedef struct
{
  double       all_causes;   /* the all-cause record, or the sum of the cause records without one */
  double       causes;       /* the sum of the cause records (each names its most specific cause) */
  double       unspecified;  /* all_causes - causes when positive: "other (not specified)" */
  gboolean     has_all_cause_record;
  guint        n_cause_records;
} GwDeathsCell;

/* FALSE (and out zeroed) when the cell has no record at all. */
gboolean              gw_dataset_deaths_cell     (GwDataset     *self,
                                                  guint          area,
                                                  GwSex          sex,
                                                  guint          basis,
                                                  GwPeriod       period,
                                                  GwAgeBand      age,
                                                  GwDeathsCell  *out);
/* Deaths of a cause in a cell: its own records plus those of the causes
 * under it (cause 0: all_causes of gw_dataset_deaths_cell()). */
double                gw_dataset_deaths_of_cause (GwDataset     *self,
                                                  guint          area,
                                                  GwSex          sex,
                                                  guint          basis,
                                                  GwPeriod       period,
                                                  GwAgeBand      age,
                                                  guint          cause);

/* Published values by deprivation decile (export 1.1 `decile`, Fingertips'
 * deprivation decile categories): out[d - 1] is decile d's current row or
 * NULL.  Returns how many of the ten are there. */
guint                 gw_dataset_get_deciles     (GwDataset          *self,
                                                  guint               indicator,
                                                  gboolean            is_group,
                                                  guint               subject,
                                                  GwSex               sex,
                                                  GwPeriod            period,
                                                  const GwValueRow   *out[GW_N_DECILES]);
/* The periods (GwPeriod, sorted) with at least one decile value of the
 * subject, indicator and sex. */
GArray               *gw_dataset_decile_periods  (GwDataset          *self,
                                                  guint               indicator,
                                                  gboolean            is_group,
                                                  guint               subject,
                                                  GwSex               sex);

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
