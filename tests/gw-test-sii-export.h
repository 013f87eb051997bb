/* gw-test-sii-export.h: a small export of LSOAs with deprivation deciles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the SII from counts (test-sii-data.c) and `gapwatch-cli sii`
 * (test-cli.c).  Export format 1.1, written as text:
 *
 *   E92000001 England (country) > E12000001 North East (region) >
 *   E06000001 (ua, group g1)  20 LSOAs, two per decile
 *   E06000002 (ua, group g1)  10 LSOAs, one per decile
 *   E06000003 (ua)             9 LSOAs: no decile 7
 *   E06000004 (ua)            10 LSOAs, one per decile; the decile-5 LSOA
 *                             has no deaths for 2018
 *
 * Deaths and populations of every LSOA for men and women, 2015 to 2018, in
 * the 20 bands 0, 1-4, ..., 85-89, 90+: populations from a fixed age
 * profile, deaths from a Gompertz curve higher in the more deprived deciles
 * (so life expectancy rises with the decile).  sii_test_deaths() and
 * sii_test_population() give every count, for the tests to pool by hand.
 */
#pragma once

#include <math.h>

#include <glib.h>

#define SII_TEST_FIRST_YEAR 2015
#define SII_TEST_N_YEARS 4
#define SII_TEST_N_UAS 4
#define SII_TEST_N_BANDS 20

static const char *const sii_test_bands[SII_TEST_N_BANDS] = {
  "0", "1-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49",
  "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+",
};

/* LSOAs of each UA, numbered from 0 in the order declared. */
static const guint sii_test_ua_lsoas[SII_TEST_N_UAS] = { 20, 10, 9, 10 };

static inline guint
sii_test_n_lsoas (void)
{
  guint n = 0;

  for (guint u = 0; u < SII_TEST_N_UAS; u++)
    n += sii_test_ua_lsoas[u];
  return n;
}

/* The UA (0-based) and decile (1..10) of LSOA i. */
static inline guint
sii_test_lsoa_decile (guint i, guint *ua)
{
  guint u = 0, k = i;

  while (k >= sii_test_ua_lsoas[u])
    k -= sii_test_ua_lsoas[u++];
  if (ua != NULL)
    *ua = u;
  if (u == 0)
    return k / 2 + 1;
  if (u == 2)
    return k < 6 ? k + 1 : k + 2;   /* 1..6, 8..10 */
  return k + 1;
}

/* Whether LSOA i has deaths in year (the gap of E06000004). */
static inline gboolean
sii_test_has_deaths (guint i, guint year)
{
  guint ua, decile = sii_test_lsoa_decile (i, &ua);

  return !(ua == 3 && decile == 5 && year == 2018);
}

static inline double
sii_test_population (guint i, guint sex, guint year, guint band)
{
  static const double profile[SII_TEST_N_BANDS] = {
    55, 230, 290, 280, 300, 330, 340, 320, 300, 290, 300, 310, 280, 250, 230, 190, 140, 100, 60, 30,
  };

  /* four times a real LSOA's people: a decile of two LSOAs then has life
   * expectancies with intervals narrower than 20 years */
  return 4 * profile[band] + (i % 7) * 3 + (year - SII_TEST_FIRST_YEAR) * 2 + sex * 4;
}

static inline double
sii_test_deaths (guint i, guint sex, guint year, guint band)
{
  double age = band == 0 ? 0.5 : band == 1 ? 3.0 : 5.0 * (band - 1) + 2.5;
  double deprivation = 1.6 - 0.09 * (sii_test_lsoa_decile (i, NULL) - 1);
  double rate = 0.0012 * exp (0.085 * (age - 40.0)) * deprivation * (sex == 1 ? 0.75 : 1.0);

  if (band == 0)
    rate = 0.004 * deprivation;
  return round (sii_test_population (i, sex, year, band) * rate + (i + year) % 3 * 0.4);
}

static inline void
sii_test_lsoa_code (guint i, char code[16])
{
  g_snprintf (code, 16, "E01%06u", i + 1);
}

typedef double (*SiiTestCountFunc) (guint i, guint sex, guint year, guint band);

/* One year's <population> or <deaths> of every LSOA (deaths only of the
 * LSOAs that have them that year). */
static inline void
sii_test_append_counts (GString *s, const char *element, const char *basis, guint year,
                        SiiTestCountFunc count)
{
  gboolean deaths = count == sii_test_deaths;
  char code[16];

  g_string_append_printf (s, "  <%s period=\"%u\" basis=\"%s\">\n", element, year, basis);
  for (guint i = 0; i < sii_test_n_lsoas (); i++)
    for (guint sex = 0; sex < 2 && (!deaths || sii_test_has_deaths (i, year)); sex++)
      for (guint b = 0; b < SII_TEST_N_BANDS; b++)
        {
          sii_test_lsoa_code (i, code);
          g_string_append_printf (s, "    <c area=\"%s\" sex=\"%s\" age=\"%s\" n=\"%.0f\"/>\n", code,
                                  sex == 0 ? "m" : "f", sii_test_bands[b], count (i, sex, year, b));
        }
  g_string_append_printf (s, "  </%s>\n", element);
}

/* The export as text. */
static inline char *
sii_test_export (void)
{
  GString *s = g_string_new (NULL);
  guint n = sii_test_n_lsoas ();
  char code[16];

  g_string_append (s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.1\" id=\"sii-lsoa\""
                      " generated=\"2019-06-01T00:00:00Z\">\n"
                      "  <areas>\n"
                      "    <group id=\"g1\" name=\"Group one\"/>\n"
                      "    <area code=\"E92000001\" name=\"England\" type=\"country\"/>\n"
                      "    <area code=\"E12000001\" name=\"North East\" type=\"region\" parent=\"E92000001\"/>\n");
  for (guint u = 0; u < SII_TEST_N_UAS; u++)
    g_string_append_printf (s, "    <area code=\"E0600000%u\" name=\"Unitary, %u\" type=\"ua\" parent=\"E12000001\"%s/>\n",
                            u + 1, u + 1, u < 2 ? " groups=\"g1\"" : "");
  for (guint i = 0; i < n; i++)
    {
      guint ua, decile = sii_test_lsoa_decile (i, &ua);

      sii_test_lsoa_code (i, code);
      g_string_append_printf (s, "    <area code=\"%s\" name=\"LSOA %u\" type=\"lsoa\" parent=\"E0600000%u\" imd-decile=\"%u\"/>\n",
                              code, i + 1, ua + 1, decile);
    }
  g_string_append (s, "  </areas>\n");

  for (guint y = SII_TEST_FIRST_YEAR; y < SII_TEST_FIRST_YEAR + SII_TEST_N_YEARS; y++)
    {
      sii_test_append_counts (s, "population", "mid-year-estimate", y, sii_test_population);
      sii_test_append_counts (s, "deaths", "registration", y, sii_test_deaths);
    }
  g_string_append (s, "</export>\n");
  return g_string_free (s, FALSE);
}

/* Writes the export into dir; returns its path. */
static inline char *
sii_test_write_export (const char *dir)
{
  g_autofree char *xml = sii_test_export ();
  char *path = g_build_filename (dir, "sii-lsoa.xml", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, xml, -1, &error));
  g_assert_no_error (error);
  return path;
}
