/* gw-sdmx-mapping.h: how an SDMX-ML message's observations become records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A mapping is a small GLib key file (README.md, "SDMX-ML mappings"): which
 * dataflows it is for, which dimension gives the area, time, sex, age, cause
 * and measure, what each measure code becomes (deaths, population, births,
 * or an indicator id), and the value kept of a dimension that has several.
 * The built-in profiles (Eurostat, ONS/Nomis) are mappings written the same
 * way; a user's are read from ~/.config/gapwatch/mappings/ and from the
 * files given to gw_sdmx_set_options() (gapwatch-cli --mapping).
 */
#pragma once

#include <glib.h>

#include "model/gw-types.h"

G_BEGIN_DECLS

typedef enum
{
  GW_SDMX_ROLE_AREA,
  GW_SDMX_ROLE_TIME,
  GW_SDMX_ROLE_SEX,
  GW_SDMX_ROLE_AGE,
  GW_SDMX_ROLE_CAUSE,
  GW_SDMX_ROLE_MEASURE,
  GW_SDMX_ROLE_DECILE,      /* deprivation decile of an indicator's values */
  GW_SDMX_N_ROLES,
} GwSdmxRole;

typedef struct _GwSdmxMapping GwSdmxMapping;

GwSdmxMapping *gw_sdmx_mapping_load          (const char          *path,
                                              GError             **error);
GwSdmxMapping *gw_sdmx_mapping_load_data     (const char          *data,
                                              const char          *name,
                                              GError             **error);
void           gw_sdmx_mapping_free          (GwSdmxMapping       *mapping);
/* Its name, as the import list shows it: the key file's name= or its file name. */
const char    *gw_sdmx_mapping_get_name      (const GwSdmxMapping *mapping);
/* NULL for a built-in profile. */
const char    *gw_sdmx_mapping_get_path      (const GwSdmxMapping *mapping);
/* The key file as read; NULL for a built-in profile. */
const char    *gw_sdmx_mapping_get_text      (const GwSdmxMapping *mapping);
/* The key file of a mapping for one dataflow: the area dimension and the
 * value kept of each other dimension (dims and values NULL-terminated, of the
 * same length); what the window writes when a file cannot be mapped. */
char          *gw_sdmx_mapping_write         (const char          *dataflow,
                                              const char          *area,
                                              const char          *measure,
                                              const char *const   *dims,
                                              const char *const   *values);

/* For every later read of an SDMX-ML message in this process: a structure
 * message (NULL: a *-structure.xml beside the data, if any) and mapping files
 * tried before the user's folder and the built-in profiles.  Each mapping is
 * loaded here; an unreadable one is the error.  Set it before reading, from
 * the thread that reads (gapwatch-cli) or once at start (the window). */
gboolean       gw_sdmx_set_options           (const char          *structure,
                                              const char *const   *mappings,
                                              GError             **error);
gboolean       gw_sdmx_set_workspace_mappings (const char *const *names,
                                               const char *const *texts,
                                               GError            **error);
/* The folder of the user's mappings: ~/.config/gapwatch/mappings. */
char          *gw_sdmx_user_mapping_dir      (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwSdmxMapping, gw_sdmx_mapping_free)

G_END_DECLS
