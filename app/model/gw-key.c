/* gw-key.c: decoding and encoding record keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gw-key.h"

#include <string.h>

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
      out->period = GW_KEY_FIELD (k, 5, 20);
      out->basis = GW_KEY_FIELD (k, 25, 3);
      out->cause = GW_KEY_FIELD (k, 28, 3);
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
      out->period = GW_KEY_FIELD (k, 0, 20);
      out->sex = GW_KEY_FIELD (k, 20, 2);
      out->area = GW_KEY_FIELD (k, 22, 20);
      out->is_group = GW_KEY_FIELD (k, 42, 1);
      out->indicator = GW_KEY_FIELD (k, 43, 8);
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
      return gw_key_value (f->indicator, f->is_group, f->area, f->sex, f->period);
    default:
      g_assert_not_reached ();
    }
}
