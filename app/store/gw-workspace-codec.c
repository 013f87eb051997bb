/* gw-workspace-codec.c: records as the workspace keeps them on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The key layout on disk (a record's key packed in 64 bits, see
 * gw-workspace-imports.c for the rows), independent of the model's own
 * packing, so that a change of the model never changes what a stored
 * workspace means.  Schema version 1 made it:
 *
 *   deaths      area(20) sex(2) cause(3) basis(3) period(20) age(5)
 *   population  area(20) sex(2) period(20) age(5)
 *   births      area(20) sex(2) period(20)
 *   values      indicator(8) is_group(1) subject(20) sex(2) period(20)
 *
 * Version 3 only adds fields above those bits: the cause's 6 high bits
 * (53-58; its low 3 stay at 28) and the decile (51-54 of values).  A key of
 * version 1 or 2 is therefore the same key in version 3, and upgrading
 * rewrites no record.
 */
#include "gw-config.h"

#include <string.h>

#include "gw-workspace-private.h"

const char *const _gw_workspace_kind_names[GW_N_RECORD_KINDS] = {
  "deaths", "population", "births", "values",
};

/* Keys on disk (schema version 1) */

guint64
_gw_workspace_disk_key_encode (GwRecordKind       kind,
                 const GwKeyFields *f)
{
  switch (kind)
    {
    case GW_RECORD_DEATHS:
      return ((guint64) (f->cause >> 3) << 53)
             | ((guint64) f->area << 33) | ((guint64) f->sex << 31) | ((guint64) (f->cause & 7) << 28)
             | ((guint64) f->basis << 25) | ((guint64) f->period << 5) | (guint64) f->age;
    case GW_RECORD_POPULATION:
      return ((guint64) f->area << 27) | ((guint64) f->sex << 25) | ((guint64) f->period << 5)
             | (guint64) f->age;
    case GW_RECORD_BIRTHS:
      return ((guint64) f->area << 22) | ((guint64) f->sex << 20) | (guint64) f->period;
    case GW_RECORD_VALUES:
    default:
      return ((guint64) f->decile << 51)
             | ((guint64) f->indicator << 43) | ((guint64) (f->is_group ? 1 : 0) << 42)
             | ((guint64) f->area << 22) | ((guint64) f->sex << 20) | (guint64) f->period;
    }
}

#define BITS(k, shift, n) ((guint) (((k) >> (shift)) & ((G_GUINT64_CONSTANT (1) << (n)) - 1)))

void
_gw_workspace_disk_key_decode (GwRecordKind  kind,
                 guint64       k,
                 GwKeyFields  *f)
{
  memset (f, 0, sizeof *f);
  switch (kind)
    {
    case GW_RECORD_DEATHS:
      f->age = BITS (k, 0, 5);
      f->period = BITS (k, 5, 20);
      f->basis = BITS (k, 25, 3);
      f->cause = BITS (k, 28, 3) | (BITS (k, 53, 6) << 3);
      f->sex = BITS (k, 31, 2);
      f->area = BITS (k, 33, 20);
      break;
    case GW_RECORD_POPULATION:
      f->age = BITS (k, 0, 5);
      f->period = BITS (k, 5, 20);
      f->sex = BITS (k, 25, 2);
      f->area = BITS (k, 27, 20);
      break;
    case GW_RECORD_BIRTHS:
      f->period = BITS (k, 0, 20);
      f->sex = BITS (k, 20, 2);
      f->area = BITS (k, 22, 20);
      break;
    case GW_RECORD_VALUES:
    default:
      f->period = BITS (k, 0, 20);
      f->sex = BITS (k, 20, 2);
      f->area = BITS (k, 22, 20);
      f->is_group = BITS (k, 42, 1);
      f->indicator = BITS (k, 43, 8);
      f->decile = BITS (k, 51, 4);
      break;
    }
}

/* Whether the model packs keys as the disk does: then keys are copied as
 * they are when the numbers need no change. */
gboolean
_gw_workspace_model_layout_is_disk_layout (void)
{
  static gsize checked = 0;
  static gboolean same = FALSE;

  if (g_once_init_enter (&checked))
    {
      const GwKeyFields probes[] = {
        { .area = GW_MAX_AREAS - 1 },
        { .sex = GW_SEX_PERSONS },
        { .cause = GW_MAX_CAUSES - 1 },
        { .decile = GW_N_DECILES },
        { .basis = GW_MAX_BASES - 1 },
        { .period = (1u << GW_PERIOD_BITS) - 1 },
        { .age = GW_N_AGE_BANDS - 1 },
        { .indicator = GW_MAX_INDICATORS - 1 },
        { .is_group = TRUE, .area = 12345 },
        { .area = 54321, .sex = GW_SEX_FEMALE, .cause = 3, .basis = 2, .period = 98765,
          .age = 7, .indicator = 17 },
      };

      same = TRUE;
      for (guint k = 0; k < GW_N_RECORD_KINDS; k++)
        for (gsize p = 0; p < G_N_ELEMENTS (probes); p++)
          {
            GwKeyFields f = probes[p];

            /* only the fields the kind has */
            if (k != GW_RECORD_DEATHS)
              f.cause = f.basis = 0;
            if (k == GW_RECORD_BIRTHS || k == GW_RECORD_VALUES)
              f.age = 0;
            if (k != GW_RECORD_VALUES)
              {
                f.indicator = 0;
                f.is_group = FALSE;
                f.decile = 0;
              }
            if (gw_key_encode (k, &f) != _gw_workspace_disk_key_encode (k, &f))
              same = FALSE;
          }
      g_once_init_leave (&checked, 1);
    }
  return same;
}

