/* gw-key.h: one 64-bit key per record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A record's key (the export format's "Records, keys and revisions"; see
 * help/C/import.page) is packed
 * into the upper 53 bits of a guint64; the lower GW_KEY_SLOT_BITS hold the
 * slot of the import the row came from.  Sorting rows by the whole guint64
 * therefore sorts by the contract's key first, which puts every age band of one
 * life table, and every period of one series, next to each other:
 *
 *   deaths      area(20) sex(2) cause(3) basis(3) period(20) age(5)
 *   population  area(20) sex(2) period(20) age(5)
 *   births      area(20) sex(2) period(20)
 *   values      indicator(8) is_group(1) subject(20) sex(2) period(20)
 *
 * Area, group, basis and indicator numbers are indexes into the dataset's
 * dictionaries (gw-dataset.h).
 */
#pragma once

#include "gw-period.h"
#include "gw-types.h"

G_BEGIN_DECLS

#define GW_KEY_SLOT_BITS   11
#define GW_KEY_SLOT_MASK   ((G_GUINT64_CONSTANT (1) << GW_KEY_SLOT_BITS) - 1)
#define GW_KEY_MAX_SLOTS   2047          /* slot 0 is never an import */
#define GW_MAX_AREAS       (1u << 20)
#define GW_MAX_GROUPS      (1u << 20)
#define GW_MAX_BASES       8             /* basis 0 means none given */
#define GW_MAX_INDICATORS  256

/* A field of a logical key. */
#define GW_KEY_FIELD(key, shift, bits) \
  ((guint) (((key) >> (shift)) & ((G_GUINT64_CONSTANT (1) << (bits)) - 1)))

static inline guint64
gw_key_deaths (guint area, GwSex sex, GwCause cause, guint basis,
               GwPeriod period, GwAgeBand age)
{
  return ((guint64) area << 33) | ((guint64) sex << 31) | ((guint64) cause << 28)
         | ((guint64) basis << 25) | ((guint64) period << 5) | (guint64) age;
}

static inline guint64
gw_key_population (guint area, GwSex sex, GwPeriod period, GwAgeBand age)
{
  return ((guint64) area << 27) | ((guint64) sex << 25) | ((guint64) period << 5)
         | (guint64) age;
}

static inline guint64
gw_key_births (guint area, GwSex sex, GwPeriod period)
{
  return ((guint64) area << 22) | ((guint64) sex << 20) | (guint64) period;
}

static inline guint64
gw_key_value (guint indicator, gboolean is_group, guint subject, GwSex sex,
              GwPeriod period)
{
  return ((guint64) indicator << 43) | ((guint64) (is_group ? 1 : 0) << 42)
         | ((guint64) subject << 22) | ((guint64) sex << 20) | (guint64) period;
}

/* Decoded form of any key; fields that a kind has not are 0. */
typedef struct
{
  guint     area;        /* area index, or group index when is_group */
  gboolean  is_group;
  GwSex     sex;
  GwCause   cause;
  guint     basis;
  GwPeriod  period;
  GwAgeBand age;
  guint     indicator;
} GwKeyFields;

void     gw_key_decode (GwRecordKind  kind,
                        guint64       logical_key,
                        GwKeyFields  *out);
guint64  gw_key_encode (GwRecordKind       kind,
                        const GwKeyFields *fields);

/* The key with its import slot, and back. */
static inline guint64 gw_row_key (guint64 logical, guint slot) { return (logical << GW_KEY_SLOT_BITS) | slot; }
static inline guint64 gw_row_logical (guint64 row_key) { return row_key >> GW_KEY_SLOT_BITS; }
static inline guint   gw_row_slot (guint64 row_key) { return (guint) (row_key & GW_KEY_SLOT_MASK); }

G_END_DECLS
