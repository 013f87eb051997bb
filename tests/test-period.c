/* test-period.c: periods, age bands and keys of the model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "model/gw-key.h"
#include "model/gw-period.h"
#include "model/gw-types.h"

#include <string.h>

static void
test_period_parse_forms (void)
{
  struct { const char *text; GwPeriodKind kind; guint first, last, sub; double mid; } cases[] = {
    { "2007",      GW_PERIOD_YEAR,      2007, 2007, 0, 2007.5 },
    { "2007-06",   GW_PERIOD_MONTH,     2007, 2007, 6, 2007 + 5.5 / 12 },
    { "2007-Q2",   GW_PERIOD_QUARTER,   2007, 2007, 2, 2007.375 },
    { "2007/08",   GW_PERIOD_FINANCIAL, 2007, 2008, 0, 2007.75 },
    { "1999/00",   GW_PERIOD_FINANCIAL, 1999, 2000, 0, 1999.75 },
    { "2003-2005", GW_PERIOD_POOLED,    2003, 2005, 0, 2004.0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GwPeriod p = 0;
      char buf[GW_PERIOD_STRLEN];

      g_assert_true (gw_period_parse (cases[i].text, &p));
      g_assert_cmpint (gw_period_kind (p), ==, cases[i].kind);
      g_assert_cmpuint (gw_period_first_year (p), ==, cases[i].first);
      g_assert_cmpuint (gw_period_last_year (p), ==, cases[i].last);
      g_assert_cmpuint (gw_period_sub (p), ==, cases[i].sub);
      g_assert_cmpfloat_with_epsilon (gw_period_midpoint (p), cases[i].mid, 1e-12);
      g_assert_cmpstr (gw_period_format (p, buf), ==, cases[i].text);
      g_assert_cmpuint (p, <, 1u << GW_PERIOD_BITS);
    }
}

static void
test_period_parse_rejects (void)
{
  const char *bad[] = {
    "", "07", "20077", "2007-13", "2007-00", "2007-6", "2007-Q5", "2007-Q0",
    "2007/09", "2007/2008", "2005-2003", "2003-2003", "1799", "2312", " 2007",
    "2007 ", "2007-06-01", "abcd", "2007-Q", "+2007",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      GwPeriod p = 0;

      if (gw_period_parse (bad[i], &p))
        g_error ("\"%s\" should not parse as a period", bad[i]);
    }
}

static void
test_period_order_and_months (void)
{
  GwPeriod a, b, c;

  g_assert_true (gw_period_parse ("2006", &a));
  g_assert_true (gw_period_parse ("2007-01", &b));
  g_assert_true (gw_period_parse ("2007-12", &c));
  g_assert_cmpuint (a, <, b);
  g_assert_cmpuint (b, <, c);
  g_assert_cmpuint (gw_period_last_month_index (c) - gw_period_first_month_index (b), ==, 11);
  g_assert_true (gw_period_parse ("2007/08", &a));
  g_assert_cmpuint (gw_period_first_month_index (a), ==, 2007 * 12 + 3);
  g_assert_cmpuint (gw_period_last_month_index (a), ==, 2008 * 12 + 2);
}

static void
test_age_bands (void)
{
  const char *names[] = { "0", "1-4", "5-9", "10-14", "85-89", "90+", "85+" };
  guint starts[] = { 0, 1, 5, 10, 85, 90, 85 };
  guint widths[] = { 1, 4, 5, 5, 5, 0, 0 };
  GwAgeBand band;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (gw_age_band_parse (names[i], &band));
      g_assert_cmpuint (gw_age_band_start (band), ==, starts[i]);
      g_assert_cmpuint (gw_age_band_width (band), ==, widths[i]);
      g_assert_cmpstr (gw_age_band_to_string (band), ==, names[i]);
    }
  g_assert_false (gw_age_band_parse ("85-90", &band));
  g_assert_false (gw_age_band_parse ("1-5", &band));
  g_assert_false (gw_age_band_parse ("95+", &band));
}

static void
test_key_round_trip (void)
{
  GwKeyFields f = { 0 }, g;
  guint64 key;

  f.area = (1u << 20) - 1;
  f.sex = GW_SEX_FEMALE;
  f.cause = GW_CAUSE_OTHER;
  f.basis = 7;
  f.period = gw_period_month (2311, 12);
  f.age = GW_AGE_85_PLUS;
  key = gw_key_encode (GW_RECORD_DEATHS, &f);
  g_assert_cmpuint (key >> (64 - GW_KEY_SLOT_BITS), ==, 0);
  gw_key_decode (GW_RECORD_DEATHS, key, &g);
  g_assert_cmpmem (&f, sizeof f, &g, sizeof g);
  g_assert_cmpuint (gw_row_logical (gw_row_key (key, 2047)), ==, key);
  g_assert_cmpuint (gw_row_slot (gw_row_key (key, 2047)), ==, 2047);

  memset (&f, 0, sizeof f);
  f.indicator = 255;
  f.is_group = TRUE;
  f.area = 12345;
  f.sex = GW_SEX_PERSONS;
  f.period = gw_period_pooled (2003, 2005);
  key = gw_key_encode (GW_RECORD_VALUES, &f);
  gw_key_decode (GW_RECORD_VALUES, key, &g);
  g_assert_cmpmem (&f, sizeof f, &g, sizeof g);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gw/period/parse/forms", test_period_parse_forms);
  g_test_add_func ("/gw/period/parse/rejects", test_period_parse_rejects);
  g_test_add_func ("/gw/period/order/months", test_period_order_and_months);
  g_test_add_func ("/gw/period/age-band/all", test_age_bands);
  g_test_add_func ("/gw/period/key/round-trip", test_key_round_trip);
  return g_test_run ();
}
