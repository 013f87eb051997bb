/* gw-period.h: the periods of the export contract, packed in 20 bits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GwPeriod is (year - 1800) << 11 | kind << 8 | sub, where sub is the month
 * (1-12), the quarter (1-4), or for pooled years the number of years after the
 * first (1-255).  Periods therefore sort by their first year, then by kind.
 * 0 is never a valid period.  Years 1800 to 2311 are representable.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef guint32 GwPeriod;

typedef enum
{
  GW_PERIOD_YEAR      = 1,   /* 2007 */
  GW_PERIOD_MONTH     = 2,   /* 2007-06 */
  GW_PERIOD_QUARTER   = 3,   /* 2007-Q2 */
  GW_PERIOD_FINANCIAL = 4,   /* 2007/08: April 2007 to March 2008 */
  GW_PERIOD_POOLED    = 5,   /* 2003-2005, inclusive */
} GwPeriodKind;
#define GW_N_PERIOD_KINDS 6

#define GW_PERIOD_BITS      20
#define GW_PERIOD_YEAR_MIN  1800
#define GW_PERIOD_YEAR_MAX  2311
/* Longest string gw_period_format() writes, with its NUL. */
#define GW_PERIOD_STRLEN    16

gboolean      gw_period_parse      (const char   *text,
                                    GwPeriod     *out);
/* Writes the contract's spelling into buf (GW_PERIOD_STRLEN bytes); returns buf. */
char         *gw_period_format     (GwPeriod      period,
                                    char         *buf);
GwPeriod      gw_period_year       (guint         year);
GwPeriod      gw_period_month      (guint         year,
                                    guint         month);
GwPeriod      gw_period_quarter    (guint         year,
                                    guint         quarter);
GwPeriod      gw_period_financial  (guint         first_year);
GwPeriod      gw_period_pooled     (guint         first_year,
                                    guint         last_year);
/* Whether period is one the functions above can make (untrusted input:
 * a workspace's stored keys). */
gboolean      gw_period_is_valid   (GwPeriod      period);
GwPeriodKind  gw_period_kind       (GwPeriod      period);
guint         gw_period_first_year (GwPeriod      period);
/* The calendar year in which the period ends. */
guint         gw_period_last_year  (GwPeriod      period);
/* Month 1-12 for a month period, quarter 1-4 for a quarter, else 0. */
guint         gw_period_sub        (GwPeriod      period);
/* Midpoint in decimal years (help/C/method-periods.page): 2003-2005 -> 2004.0,
 * 2007 -> 2007.5, 2007-06 -> 2007.4583 (mid-June). */
double        gw_period_midpoint   (GwPeriod      period);
/* First and last month covered, as year * 12 + (month - 1). */
guint         gw_period_first_month_index (GwPeriod period);
guint         gw_period_last_month_index  (GwPeriod period);
const char   *gw_period_kind_to_string    (GwPeriodKind kind);

G_END_DECLS
