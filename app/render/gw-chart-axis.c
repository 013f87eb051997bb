/* gw-chart-axis.c: value -> 0..1 -> device, nice ticks, numbers and periods
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gw-config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "gw-chart-private.h"

double
gw_axis_fraction (const GwAxis *axis,
                  double        value)
{
  g_assert (axis != NULL);

  if (axis->hi == axis->lo)
    return 0.5;
  return (value - axis->lo) / (axis->hi - axis->lo);
}

double
gw_axis_map (const GwAxis *axis,
             double        value)
{
  return axis->d0 + (axis->d1 - axis->d0) * gw_axis_fraction (axis, value);
}

double
gw_axis_nice_step (double lo,
                   double hi,
                   guint  max_ticks)
{
  double range = hi - lo, raw, mag, norm;

  if (max_ticks < 1)
    max_ticks = 1;
  if (!(range > 0) || !isfinite (range))
    range = fabs (hi) > 0 ? fabs (hi) : 1.0;
  raw = range / max_ticks;
  mag = pow (10.0, floor (log10 (raw)));
  norm = raw / mag;
  /* 1, 2, 2.5, 5: the steps people read without arithmetic */
  if (norm <= 1.0)
    return mag;
  if (norm <= 2.0)
    return 2 * mag;
  if (norm <= 2.5)
    return 2.5 * mag;
  if (norm <= 5.0)
    return 5 * mag;
  return 10 * mag;
}

static int
step_decimals (double step)
{
  int d = 0;

  /* the fewest decimals that write every multiple of step exactly */
  while (d < 6 && fabs (step * pow (10, d) - round (step * pow (10, d))) > 1e-6 * step * pow (10, d))
    d++;
  return d;
}

static void
clear_tick (gpointer p)
{
  g_free (((GwTick *) p)->label);
}

GArray *
gw_ticks_new (void)
{
  GArray *ticks = g_array_new (FALSE, TRUE, sizeof (GwTick));

  g_array_set_clear_func (ticks, clear_tick);
  return ticks;
}

GArray *
gw_axis_ticks (double     *lo,
               double     *hi,
               double      step,
               gboolean    expand,
               const char *suffix)
{
  GArray *ticks = gw_ticks_new ();
  int decimals = step_decimals (step);
  double first, last;

  if (expand)
    {
      *lo = floor (*lo / step + 1e-9) * step;
      *hi = ceil (*hi / step - 1e-9) * step;
      if (*hi <= *lo)
        *hi = *lo + step;
    }
  first = ceil (*lo / step - 1e-9);
  last = floor (*hi / step + 1e-9);
  for (double k = first; k <= last && ticks->len < 200; k++)
    {
      GwTick t;
      g_autofree char *n = NULL;

      t.value = k * step;
      if (fabs (t.value) < step * 1e-9)
        t.value = 0;
      n = gw_chart_format_number (t.value, decimals, TRUE);
      t.label = suffix != NULL ? g_strconcat (n, suffix, NULL) : g_steal_pointer (&n);
      g_array_append_val (ticks, t);
    }
  return ticks;
}

char *
gw_chart_format_number (double   value,
                        int      decimals,
                        gboolean group)
{
  g_autofree char *digits = NULL;
  const struct lconv *lc;
  const char *sep;
  GString *out;
  const char *p, *dot;
  gsize int_len;

  if (isnan (value))
    return g_strdup ("–");
  /* "-0.0" would print for tiny negatives */
  if (fabs (value) < 0.5 * pow (10, -decimals))
    value = 0;
  digits = g_strdup_printf ("%.*f", decimals, fabs (value));

  out = g_string_new (NULL);
  if (value < 0)
    g_string_append (out, "−");   /* U+2212: a minus, not a hyphen, as in print */

  lc = localeconv ();
  sep = group && lc->thousands_sep != NULL ? lc->thousands_sep : "";
  /* the digits before the locale's decimal point: the first non-digit */
  for (p = digits; *p >= '0' && *p <= '9'; p++)
    ;
  dot = p;
  int_len = dot - digits;
  for (gsize i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0)
        g_string_append (out, sep);
      g_string_append_c (out, digits[i]);
    }
  g_string_append (out, dot);
  return g_string_free (out, FALSE);
}

char *
gw_chart_format_period_short (GwPeriod period)
{
  char buf[GW_PERIOD_STRLEN];

  if (gw_period_kind (period) == GW_PERIOD_POOLED)
    {
      guint a = gw_period_first_year (period), b = gw_period_last_year (period);

      /* "1995–97", "1999–01": an en dash and the last year's two digits, as
       * ONS prints pooled periods on axes */
      if (b - a < 100)
        return g_strdup_printf ("%u–%02u", a, b % 100);
      return g_strdup_printf ("%u–%u", a, b);
    }
  return g_strdup (gw_period_format (period, buf));
}

char *
gw_chart_format_period (GwPeriod period)
{
  char buf[GW_PERIOD_STRLEN];

  if (gw_period_kind (period) == GW_PERIOD_POOLED)
    return g_strdup_printf ("%u–%u", gw_period_first_year (period), gw_period_last_year (period));
  return g_strdup (gw_period_format (period, buf));
}

/* A word joiner (U+2060) after the dash of a range of years, which Pango
 * then never breaks: a narrow area view wrapped "Latest gap, 2005–" above
 * "2007", and the gap chart's subtitle "… by 2009–" above "2011", which
 * read as two things.  (Pango's allow-breaks attribute still broke there.) */
char *
gw_chart_join_ranges (const char *text)
{
  g_autoptr(GString) joined = g_string_new (NULL);

  for (const char *c = text; *c != '\0'; c = g_utf8_next_char (c))
    {
      gunichar ch = g_utf8_get_char (c);

      g_string_append_unichar (joined, ch);
      if (ch == 0x2013 && c > text && g_ascii_isdigit (c[-1]) && g_ascii_isdigit (c[strlen ("–")]))
        g_string_append_unichar (joined, 0x2060);
    }
  return g_string_free (g_steal_pointer (&joined), FALSE);
}
