/* gw-indicator-info.c: the registry of indicators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gw-config.h"

#include "gw-indicator-info.h"

#include <glib/gi18n.h>
#include <string.h>

static const struct
{
  const char         *id;
  const char         *name;
  const char         *short_name;
  const char         *unit;
  const char         *short_unit;
  GwPolarity          polarity;
  guint               decimals;
  GwIndicatorCompute  compute;
  guint               start_age;
} builtins[] = {
  { "le-birth", N_("Life expectancy at birth"), N_("Life expectancy"), N_("years"), N_("years"),
    GW_POLARITY_HIGHER_IS_BETTER, 2, GW_INDICATOR_COMPUTE_LIFE_EXPECTANCY, 0 },
  { "le-65", N_("Life expectancy at 65"), N_("Life expectancy at 65"), N_("years"), N_("years"),
    GW_POLARITY_HIGHER_IS_BETTER, 2, GW_INDICATOR_COMPUTE_LIFE_EXPECTANCY, 65 },
  { "imr", N_("Infant mortality"), N_("Infant mortality"), N_("per 1,000 live births"), N_("per 1,000"),
    GW_POLARITY_LOWER_IS_BETTER, 2, GW_INDICATOR_COMPUTE_INFANT_MORTALITY, 0 },
  { "aaacm", N_("All-age all-cause mortality"), N_("All-cause mortality"), N_("per 100,000, age-standardised"),
    N_("per 100,000"), GW_POLARITY_LOWER_IS_BETTER, 1, GW_INDICATOR_COMPUTE_STANDARDISED_RATE, 0 },
};

static const char *const builtin_ids[] = { "le-birth", "le-65", "imr", "aaacm", NULL };

G_STATIC_ASSERT (G_N_ELEMENTS (builtin_ids) == G_N_ELEMENTS (builtins) + 1);

const char *const *
gw_indicator_info_builtin_ids (void)
{
  return builtin_ids;
}

gint
gw_indicator_info_builtin_index (const char *id)
{
  if (id == NULL)
    return -1;
  for (guint i = 0; i < G_N_ELEMENTS (builtins); i++)
    if (strcmp (builtins[i].id, id) == 0)
      return (gint) i;
  return -1;
}

gboolean
gw_indicator_info_lookup (GwDataset       *dataset,
                          const char      *id,
                          GwIndicatorInfo *out)
{
  gint b, def;

  g_return_val_if_fail (dataset == NULL || GW_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  out->id = out->name = out->short_name = id;
  out->unit = out->short_unit = "";
  out->decimals = 2;
  out->compute = GW_INDICATOR_COMPUTE_PUBLISHED;
  if (id == NULL)
    return FALSE;

  b = gw_indicator_info_builtin_index (id);
  if (b >= 0)
    {
      out->id = builtins[b].id;
      out->name = _(builtins[b].name);
      out->short_name = _(builtins[b].short_name);
      out->unit = _(builtins[b].unit);
      out->short_unit = _(builtins[b].short_unit);
      out->polarity = builtins[b].polarity;
      out->decimals = builtins[b].decimals;
      out->compute = builtins[b].compute;
      out->start_age = builtins[b].start_age;
      return TRUE;
    }

  def = dataset != NULL ? gw_dataset_lookup_indicator (dataset, id) : -1;
  if (def < 0)
    return FALSE;

  {
    const GwIndicatorDef *d = gw_dataset_get_indicator (dataset, def);

    out->id = d->id;
    if (d->name != NULL && d->name[0] != '\0')
      out->name = out->short_name = d->name;
    if (d->unit != NULL)
      out->unit = out->short_unit = d->unit;
    out->polarity = d->polarity;
  }
  return TRUE;
}

GwPolarity
gw_indicator_info_polarity (GwDataset  *dataset,
                            const char *id)
{
  GwIndicatorInfo info;

  gw_indicator_info_lookup (dataset, id, &info);
  return info.polarity;
}
