/* gw-number-private.h: decimal numbers read fast, for the readers of app/formats
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The common decimal: an optional sign, then at most 15 digits with at most
 * one point, nothing else (no exponent), in p[0, len).  The digits make an
 * integer below 2^53 and the point a power of ten up to 10^15: both are
 * doubles exactly, and IEEE division rounds their quotient correctly, so
 * the result is bit for bit strtod's (Clinger's fast path) without its
 * cost, which was the largest single cost of reading a Fingertips CSV.
 * FALSE, and *out untouched, for anything else: strtod is then the judge. */
static inline gboolean
_gw_decimal_fast (const char *p, gsize len, double *out)
{
  static const double tens[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
  };
  const char *end = p + len;
  gboolean negative = FALSE, point = FALSE;
  guint64 mantissa = 0;
  guint digits = 0, decimals = 0;
  double v;

  if (p < end && (*p == '-' || *p == '+'))
    negative = *p++ == '-';
  for (; p < end; p++)
    {
      if (*p >= '0' && *p <= '9')
        {
          if (++digits > 15)
            return FALSE;
          mantissa = mantissa * 10 + (guint64) (*p - '0');
          decimals += point;
        }
      else if (*p == '.' && !point)
        point = TRUE;
      else
        return FALSE;
    }
  if (digits == 0)
    return FALSE;
  v = (double) mantissa / tens[decimals];
  *out = negative ? -v : v;
  return TRUE;
}

G_END_DECLS
