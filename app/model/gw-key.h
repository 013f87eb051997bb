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
 *   deaths      area(20) sex(2) cause(9) basis(3) period(14) age(5)
 *   population  area(20) sex(2) period(20) age(5)
 *   births      area(20) sex(2) period(20)
 *   values      decile(4) indicator(8) is_group(1) subject(20) sex(2) period(18)
 *
 * Area, group, basis, cause and indicator numbers are indexes into the
 * dataset's dictionaries (gw-dataset.h).
 *
 * Causes (export 1.1 declares them) need 9 bits where 1.0's six needed 3
 * (511 causes: the six built-ins and up to 505 declared), and a record must
 * stay 16 bytes (a national deaths set is tens of millions of rows), so the
 * deaths key holds its period in 14 bits: the year (9 bits, as GwPeriod)
 * and one of 32 codes for the rest (the year, 12 months, 4 quarters, the
 * financial year, and pooled periods of 2 to GW_DEATHS_POOLED_MAX_YEARS
 * years).  Deaths pooled over more years are
 * refused by the readers (gw_key_deaths_period_ok()).  Values hold their
 * period in 18 bits without loss (all 273 kind and sub codes of a year), which
 * leaves room for the decile; the decile is the highest field so that
 * ordinary values (decile 0) come first and sort exactly as before.  Both
 * period codes are monotonic: a range of periods is still a range of keys.
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
/* Cause numbers 0 (all causes) to 511: the built-ins (GwCause) then the
 * declared ones, in the dataset's cause registry. */
#define GW_MAX_CAUSES      512
#define GW_KEY_DEATHS_CAUSE_SHIFT 22
#define GW_KEY_DEATHS_CAUSE_BITS  9
#define GW_KEY_DEATHS_PERIOD_BITS 14
#define GW_DEATHS_POOLED_MAX_YEARS 15
/* Deciles 1 (most deprived) to 10 on values; 0 is no decile. */
#define GW_N_DECILES       10

/* The period codes of the keys; monotonic, so any guint32 (a range's bound
 * too) gives a code, and valid periods give distinct codes (deaths: those
 * gw_key_deaths_period_ok() accepts).  The year is GwPeriod's (bits 11 up),
 * the rest one code of the year: kind then sub, in GwPeriod's order. */
static inline guint32
_gw_key_period_sub_code (GwPeriod period, guint32 pooled_max)
{
  guint32 sub = period & 0xff;

  switch ((period >> 8) & 7)
    {
    case 0: return 0;
    case 1: return 1;                                       /* year */
    case 2: return 1 + CLAMP (sub, 1, 12);                  /* month: 2-13 */
    case 3: return 13 + CLAMP (sub, 1, 4);                  /* quarter: 14-17 */
    case 4: return 18;                                      /* financial */
    case 5: return 18 + CLAMP (sub, 1, pooled_max);         /* pooled */
    default: return 19 + pooled_max;
    }
}

/* 9 bits of year, 5 of the rest: code 0 is the year (and the invalid kind
 * 0, which only a range's lower bound uses), pooled 2 to 15 years 18-31. */
static inline guint32
_gw_key_deaths_period_code (GwPeriod period)
{
  guint32 year = period >> 11;

  if (year > 511)
    return (511u << 5) | 31;
  return (year << 5) | MIN (31, MAX (_gw_key_period_sub_code (period, 14), 1) - 1);
}

/* 9 bits of year, 9 of the rest (0-274): no valid period is lost. */
static inline guint32
_gw_key_value_period_code (GwPeriod period)
{
  guint32 year = period >> 11;

  if (year > 511)
    return (511u << 9) | 511;
  return (year << 9) | _gw_key_period_sub_code (period, 255);
}

GwPeriod _gw_key_deaths_period_decode (guint32 code);
GwPeriod _gw_key_value_period_decode (guint32 code);

/* Whether a deaths record can have this period: not pooled over more than
 * GW_DEATHS_POOLED_MAX_YEARS years. */
gboolean gw_key_deaths_period_ok (GwPeriod period);

/* A field of a logical key. */
#define GW_KEY_FIELD(key, shift, bits) \
  ((guint) (((key) >> (shift)) & ((G_GUINT64_CONSTANT (1) << (bits)) - 1)))

/* cause: a cause number of the dataset's registry (GwCause for the
 * built-ins), 0 for all causes. */
static inline guint64
gw_key_deaths (guint area, GwSex sex, GwCause cause, guint basis,
               GwPeriod period, GwAgeBand age)
{
  return ((guint64) area << 33) | ((guint64) sex << 31)
         | ((guint64) (cause & (GW_MAX_CAUSES - 1)) << GW_KEY_DEATHS_CAUSE_SHIFT)
         | ((guint64) basis << 19) | ((guint64) _gw_key_deaths_period_code (period) << 5)
         | (guint64) age;
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

/* A value of a decile (1-10) of the subject; decile 0 is the subject's own
 * value, as gw_key_value() gives. */
static inline guint64
gw_key_value_decile (guint indicator, gboolean is_group, guint subject, GwSex sex,
                     GwPeriod period, guint decile)
{
  return ((guint64) decile << 49) | ((guint64) indicator << 41)
         | ((guint64) (is_group ? 1 : 0) << 40) | ((guint64) subject << 20)
         | ((guint64) sex << 18) | (guint64) _gw_key_value_period_code (period);
}

static inline guint64
gw_key_value (guint indicator, gboolean is_group, guint subject, GwSex sex,
              GwPeriod period)
{
  return gw_key_value_decile (indicator, is_group, subject, sex, period, 0);
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
  guint     decile;      /* values: 1-10, 0 for none */
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
