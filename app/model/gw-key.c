/* gw-key.c: decoding and encoding record keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gw-key.h"

#include <string.h>

/* The inverse of _gw_key_period_sub_code() for a year's code. */
static GwPeriod
period_from_sub_code (guint32 year, guint32 code)
{
  guint32 kind, sub;

  if (code <= 1)
    kind = code, sub = 0;
  else if (code <= 13)
    kind = GW_PERIOD_MONTH, sub = code - 1;
  else if (code <= 17)
    kind = GW_PERIOD_QUARTER, sub = code - 13;
  else if (code == 18)
    kind = GW_PERIOD_FINANCIAL, sub = 0;
  else if (code <= 18 + 255)
    kind = GW_PERIOD_POOLED, sub = code - 18;
  else
    kind = 6, sub = 0;
  return (year << 11) | (kind << 8) | sub;
}

GwPeriod
_gw_key_deaths_period_decode (guint32 code)
{
  return period_from_sub_code (code >> 5, (code & 31) + 1);
}

GwPeriod
_gw_key_value_period_decode (guint32 code)
{
  return period_from_sub_code (code >> 9, code & 511);
}

gboolean
gw_key_deaths_period_ok (GwPeriod period)
{
  return gw_period_kind (period) != GW_PERIOD_POOLED
         || gw_period_last_year (period) - gw_period_first_year (period) + 1
            <= GW_DEATHS_POOLED_MAX_YEARS;
}

void
gw_key_decode (GwRecordKind  kind,
               guint64       k,
               GwKeyFields  *out)
{
  memset (out, 0, sizeof *out);

  switch (kind)
    {
    case GW_RECORD_DEATHS:
      out->age = GW_KEY_FIELD (k, 0, 5);
      out->period = _gw_key_deaths_period_decode (GW_KEY_FIELD (k, 5, GW_KEY_DEATHS_PERIOD_BITS));
      out->basis = GW_KEY_FIELD (k, 19, 3);
      out->cause = GW_KEY_FIELD (k, GW_KEY_DEATHS_CAUSE_SHIFT, GW_KEY_DEATHS_CAUSE_BITS);
      out->sex = GW_KEY_FIELD (k, 31, 2);
      out->area = GW_KEY_FIELD (k, 33, 20);
      break;
    case GW_RECORD_POPULATION:
      out->age = GW_KEY_FIELD (k, 0, 5);
      out->period = GW_KEY_FIELD (k, 5, 20);
      out->sex = GW_KEY_FIELD (k, 25, 2);
      out->area = GW_KEY_FIELD (k, 27, 20);
      break;
    case GW_RECORD_BIRTHS:
      out->period = GW_KEY_FIELD (k, 0, 20);
      out->sex = GW_KEY_FIELD (k, 20, 2);
      out->area = GW_KEY_FIELD (k, 22, 20);
      break;
    case GW_RECORD_VALUES:
      out->period = _gw_key_value_period_decode (GW_KEY_FIELD (k, 0, 18));
      out->sex = GW_KEY_FIELD (k, 18, 2);
      out->area = GW_KEY_FIELD (k, 20, 20);
      out->is_group = GW_KEY_FIELD (k, 40, 1);
      out->indicator = GW_KEY_FIELD (k, 41, 8);
      out->decile = GW_KEY_FIELD (k, 49, 4);
      break;
    default:
      g_assert_not_reached ();
    }
}

guint64
gw_key_encode (GwRecordKind       kind,
               const GwKeyFields *f)
{
  switch (kind)
    {
    case GW_RECORD_DEATHS:
      return gw_key_deaths (f->area, f->sex, f->cause, f->basis, f->period, f->age);
    case GW_RECORD_POPULATION:
      return gw_key_population (f->area, f->sex, f->period, f->age);
    case GW_RECORD_BIRTHS:
      return gw_key_births (f->area, f->sex, f->period);
    case GW_RECORD_VALUES:
      return gw_key_value_decile (f->indicator, f->is_group, f->area, f->sex, f->period,
                                  f->decile);
    default:
      g_assert_not_reached ();
    }
}
