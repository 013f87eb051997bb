/* gw-indicator-info.h: the one registry of indicators every layer reads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The four indicators Gapwatch computes from counts (life expectancy at birth
 * and at 65, infant mortality, all-age all-cause mortality) are described
 * here once: id, names, unit, polarity, decimals and how they are computed.
 * An indicator an export only publishes joins the registry through
 * gw_indicator_info_lookup() with the name, unit and polarity its export
 * declares.  Charts, the tracker, the report, the window and the CLI all ask
 * here; nothing else lists indicators.
 */
#pragma once

#include "model/gw-dataset.h"

G_BEGIN_DECLS

/* How an indicator's values come to be. */
typedef enum
{
  GW_INDICATOR_COMPUTE_LIFE_EXPECTANCY = 0,  /* Chiang II life table from start_age */
  GW_INDICATOR_COMPUTE_INFANT_MORTALITY,     /* deaths under 1 per 1,000 live births */
  GW_INDICATOR_COMPUTE_STANDARDISED_RATE,    /* directly standardised rate, ESP2013, per 100,000 */
  GW_INDICATOR_COMPUTE_PUBLISHED,            /* only as published in exports */
} GwIndicatorCompute;

/* The strings are borrowed: translated built-in texts (static), or the
 * dataset's own declaration (as long as the dataset lives). */
typedef struct
{
  const char         *id;          /* "le-birth" */
  const char         *name;        /* translated: "Life expectancy at birth" */
  const char         *short_name;  /* translated: "Life expectancy" */
  const char         *unit;        /* translated: "years", "per 1,000 live births"; "" when unknown */
  const char         *short_unit;  /* translated, for narrow places: "per 1,000" */
  GwPolarity          polarity;    /* NONE when an export did not declare it */
  guint               decimals;    /* decimals to show a value with */
  GwIndicatorCompute  compute;
  guint               start_age;   /* life expectancy: 0 or 65 */
} GwIndicatorInfo;

/* The built-in ids, in the engine's order: le-birth, le-65, imr, aaacm. */
const char *const *gw_indicator_info_builtin_ids (void);
/* Index of a built-in id, or -1. */
gint               gw_indicator_info_builtin_index (const char *id);

/* Fills out with the registry's entry for id: a built-in, else the indicator
 * an export of dataset (may be NULL) declares, with its name, unit and
 * polarity.  FALSE (out zeroed, its id and name set to id, unit "") when id is
 * neither. */
gboolean           gw_indicator_info_lookup  (GwDataset              *dataset,
                                              const char             *id,
                                              GwIndicatorInfo        *out);

/* The polarity of id: the built-in's, else the one its export declares, else
 * NONE (the caller must then say it does not know, not guess). */
GwPolarity         gw_indicator_info_polarity (GwDataset             *dataset,
                                               const char            *id);

G_END_DECLS
