/* gw-period.c: parsing, formatting and arithmetic of periods
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gw-period.h"

#include <stdio.h>
#include <string.h>

#define YEAR_SHIFT 11
#define KIND_SHIFT 8

static GwPeriod
make (guint year, GwPeriodKind kind, guint sub)
{
  if (year < GW_PERIOD_YEAR_MIN || year > GW_PERIOD_YEAR_MAX || sub > 255)
    return 0;
  return ((year - GW_PERIOD_YEAR_MIN) << YEAR_SHIFT) | ((guint) kind << KIND_SHIFT) | sub;
}

GwPeriod gw_period_year (guint year) { return make (year, GW_PERIOD_YEAR, 0); }

GwPeriod
gw_period_month (guint year, guint month)
{
  return month >= 1 && month <= 12 ? make (year, GW_PERIOD_MONTH, month) : 0;
}

GwPeriod
gw_period_quarter (guint year, guint quarter)
{
  return quarter >= 1 && quarter <= 4 ? make (year, GW_PERIOD_QUARTER, quarter) : 0;
}

GwPeriod gw_period_financial (guint first_year) { return make (first_year, GW_PERIOD_FINANCIAL, 0); }

GwPeriod
gw_period_pooled (guint first_year, guint last_year)
{
  if (last_year <= first_year || last_year - first_year > 255)
    return 0;
  return make (first_year, GW_PERIOD_POOLED, last_year - first_year);
}

gboolean
gw_period_is_valid (GwPeriod period)
{
  guint sub = period & 0xff;

  /* every year offset in the 9 bits above the kind is 1800 to 2311 */
  if (period >> GW_PERIOD_BITS != 0)
    return FALSE;
  switch ((period >> KIND_SHIFT) & 7)
    {
    case GW_PERIOD_YEAR:
    case GW_PERIOD_FINANCIAL:
      return sub == 0;
    case GW_PERIOD_MONTH:
      return sub >= 1 && sub <= 12;
    case GW_PERIOD_QUARTER:
      return sub >= 1 && sub <= 4;
    case GW_PERIOD_POOLED:
      return sub >= 1;
    default:
      return FALSE;
    }
}

GwPeriodKind
gw_period_kind (GwPeriod period)
{
  return (GwPeriodKind) ((period >> KIND_SHIFT) & 7);
}

guint
gw_period_first_year (GwPeriod period)
{
  return (period >> YEAR_SHIFT) + GW_PERIOD_YEAR_MIN;
}

guint
gw_period_sub (GwPeriod period)
{
  GwPeriodKind kind = gw_period_kind (period);

  return kind == GW_PERIOD_MONTH || kind == GW_PERIOD_QUARTER ? (period & 0xff) : 0;
}

guint
gw_period_last_year (GwPeriod period)
{
  guint first = gw_period_first_year (period);

  switch (gw_period_kind (period))
    {
    case GW_PERIOD_FINANCIAL: return first + 1;
    case GW_PERIOD_POOLED:    return first + (period & 0xff);
    default:                  return first;
    }
}

/* Exactly n ASCII digits at p. */
static gboolean
digits (const char *p, guint n, guint *out)
{
  guint v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (p[i] < '0' || p[i] > '9')
        return FALSE;
      v = v * 10 + (guint) (p[i] - '0');
    }
  *out = v;
  return TRUE;
}

gboolean
gw_period_parse (const char *text,
                 GwPeriod   *out)
{
  guint year, a;
  gsize len;
  GwPeriod p = 0;

  if (text == NULL)
    return FALSE;
  len = strlen (text);
  if (len < 4 || !digits (text, 4, &year))
    return FALSE;

  if (len == 4)
    p = gw_period_year (year);
  else if (len == 7 && text[4] == '-' && digits (text + 5, 2, &a))
    p = gw_period_month (year, a);
  else if (len == 7 && text[4] == '-' && text[5] == 'Q' && digits (text + 6, 1, &a))
    p = gw_period_quarter (year, a);
  else if (len == 7 && text[4] == '/' && digits (text + 5, 2, &a))
    p = a == (year + 1) % 100 ? gw_period_financial (year) : 0;
  else if (len == 9 && text[4] == '-' && digits (text + 5, 4, &a))
    p = gw_period_pooled (year, a);

  if (p == 0)
    return FALSE;
  *out = p;
  return TRUE;
}

char *
gw_period_format (GwPeriod  period,
                  char     *buf)
{
  guint y = gw_period_first_year (period);

  switch (gw_period_kind (period))
    {
    case GW_PERIOD_YEAR:
      g_snprintf (buf, GW_PERIOD_STRLEN, "%04u", y);
      break;
    case GW_PERIOD_MONTH:
      g_snprintf (buf, GW_PERIOD_STRLEN, "%04u-%02u", y, period & 0xff);
      break;
    case GW_PERIOD_QUARTER:
      g_snprintf (buf, GW_PERIOD_STRLEN, "%04u-Q%u", y, period & 0xff);
      break;
    case GW_PERIOD_FINANCIAL:
      g_snprintf (buf, GW_PERIOD_STRLEN, "%04u/%02u", y, (y + 1) % 100);
      break;
    case GW_PERIOD_POOLED:
      g_snprintf (buf, GW_PERIOD_STRLEN, "%04u-%04u", y, gw_period_last_year (period));
      break;
    default:
      g_strlcpy (buf, "?", GW_PERIOD_STRLEN);
      break;
    }
  return buf;
}

double
gw_period_midpoint (GwPeriod period)
{
  double y = gw_period_first_year (period);

  switch (gw_period_kind (period))
    {
    case GW_PERIOD_YEAR:      return y + 0.5;
    case GW_PERIOD_MONTH:     return y + ((period & 0xff) - 0.5) / 12.0;
    case GW_PERIOD_QUARTER:   return y + ((period & 0xff) - 0.5) / 4.0;
    case GW_PERIOD_FINANCIAL: return y + 0.75;
    /* help/C/method-periods.page: 2003-2005 -> 2004.0, the middle year's start */
    case GW_PERIOD_POOLED:    return (y + gw_period_last_year (period)) / 2.0;
    default:                  return y;
    }
}

guint
gw_period_first_month_index (GwPeriod period)
{
  guint y = gw_period_first_year (period);

  switch (gw_period_kind (period))
    {
    case GW_PERIOD_MONTH:     return y * 12 + (period & 0xff) - 1;
    case GW_PERIOD_QUARTER:   return y * 12 + ((period & 0xff) - 1) * 3;
    case GW_PERIOD_FINANCIAL: return y * 12 + 3;
    default:                  return y * 12;
    }
}

guint
gw_period_last_month_index (GwPeriod period)
{
  guint y = gw_period_first_year (period);

  switch (gw_period_kind (period))
    {
    case GW_PERIOD_MONTH:     return y * 12 + (period & 0xff) - 1;
    case GW_PERIOD_QUARTER:   return y * 12 + (period & 0xff) * 3 - 1;
    case GW_PERIOD_FINANCIAL: return (y + 1) * 12 + 2;
    default:                  return gw_period_last_year (period) * 12 + 11;
    }
}

const char *
gw_period_kind_to_string (GwPeriodKind kind)
{
  switch (kind)
    {
    case GW_PERIOD_YEAR:      return "year";
    case GW_PERIOD_MONTH:     return "month";
    case GW_PERIOD_QUARTER:   return "quarter";
    case GW_PERIOD_FINANCIAL: return "financial-year";
    case GW_PERIOD_POOLED:    return "pooled";
    default:                  return "unknown";
    }
}
