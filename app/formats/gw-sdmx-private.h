/* gw-sdmx-private.h: what the SDMX-ML reader, its mappings and its structure
 * messages share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to app/formats.
 */
#pragma once

#include "model/gw-batch.h"
#include "model/gw-dataset.h"
#include "gw-input.h"
#include "gw-xml-private.h"
#include "gw-sdmx-mapping.h"

G_BEGIN_DECLS

struct _GwSdmxMapping
{
  char        *name;
  char        *path;          /* NULL: built in, or from a workspace */
  char        *text;          /* the key file as read */
  gboolean     builtin;
  char       **dataflows;     /* ids it is for, compared without case; NULL: any message */
  char        *dims[GW_SDMX_N_ROLES];   /* the dimension of each role; NULL: the usual names */
  char        *measure;       /* what every observation is when no measure code says */
  char        *indicator_name;
  char        *unit;
  GwPolarity   polarity;
  GHashTable  *measures;      /* measure code -> deaths, population, births, skip or an indicator id */
  GHashTable  *fixed;         /* dimension -> the value kept */
  GHashTable  *ignored;       /* ids that are attributes, not dimensions */
};

/* A structure message: the dimensions and attributes of its data
 * structures and the codes' names of its codelists. */
typedef struct
{
  GHashTable  *dimensions;    /* id -> codelist id ("" when none) */
  GHashTable  *attributes;    /* id set */
  GHashTable  *codelists;     /* codelist id -> (code -> name) */
  GHashTable  *names;         /* dataflow or structure id -> name */
  char        *path;
} GwSdmxStructure;

GwSdmxStructure *_gw_sdmx_structure_load   (const char       *path,
                                            GError          **error);
void             _gw_sdmx_structure_free   (GwSdmxStructure  *structure);
/* The name of a code of a dimension, or NULL. */
const char      *_gw_sdmx_structure_code_name (GwSdmxStructure *structure,
                                               const char      *dimension,
                                               const char      *code);

/* The structure to use for a data message at path: the one given to
 * gw_sdmx_set_options(), else path's *-structure.xml beside it; NULL when
 * none (error unset) or when it cannot be read (error set). */
GwSdmxStructure *_gw_sdmx_structure_for    (const char       *path,
                                            GError          **error);

/* The mapping for a message whose dataflow (or data set or key family)
 * ids are ids: the first of the --mapping files, the user's folder and the
 * built-in profiles that names one of them; then a --mapping file for any
 * message; else NULL.  Owned by the caller (a copy). */
GwSdmxMapping   *_gw_sdmx_mapping_find     (const char *const *ids);
/* The structure given to gw_sdmx_set_options(), or NULL. */
char            *_gw_sdmx_option_structure (void);

/* Deaths by ICD-10 cause code onto causes (gw-sdmx-causes.c): codes are
 * numbered as met, counts kept by cell and code, and at the end each code
 * placed among the others, its cause found or declared, and its records
 * added: its count less that of the codes inside it. */
typedef struct _GwSdmxCauses GwSdmxCauses;

GwSdmxCauses    *_gw_sdmx_causes_new       (void);
void             _gw_sdmx_causes_free      (GwSdmxCauses    *self);
guint            _gw_sdmx_causes_code      (GwSdmxCauses    *self,
                                            const char      *code,
                                            const char      *name);
void             _gw_sdmx_causes_add       (GwSdmxCauses    *self,
                                            guint64          cell,
                                            guint            code,
                                            double           n,
                                            gboolean         sum);
void             _gw_sdmx_causes_finish    (GwSdmxCauses    *self,
                                            GwBatch         *batch,
                                            GwDataset       *dataset,
                                            GwSdmxStructure *structure,
                                            const char      *dim);
gint             _gw_sdmx_causes_number    (GwSdmxCauses    *self,
                                            guint            code);

char            *_gw_sdmx_attr             (int               n,
                                            const xmlChar   **attributes,
                                            const char       *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwSdmxStructure, _gw_sdmx_structure_free)

G_END_DECLS
