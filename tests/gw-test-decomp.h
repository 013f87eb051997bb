/* gw-test-decomp.h: an area's decomposition from the decomp-6 fixture
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the painters', the report's and the window's tests: the pooled
 * 2004-2006 counts of tests/data/decomp/decomp6_pooled.csv (from
 * ../shared/data/fixtures/decomp-6), folded to the six top-level causes
 * (chd into circulatory, lung-cancer into cancer, as the export declares),
 * decomposed against England by gw_decomp_arriaga(), with the deaths to
 * prevent for a relative gap of 1.0% (the fixture's reckon.csv), ready as
 * a GwChartDecompInput.  Their numbers are checked against the fixture in
 * test-decomp.c; here they are the input.
 */
#pragma once

#include <string.h>

#include "render/gw-chart-decomp.h"
#include "gw-test-csv.h"

#define GW_TEST_DECOMP_BANDS  20
#define GW_TEST_DECOMP_CAUSES 6
#define GW_TEST_DECOMP_YEARS  3.0

/* The causes in the columns of decomp6_pooled.csv and the top-level cause
 * each counts under. */
static const struct { const char *column; guint top; } gw_test_decomp_columns[] = {
  { "circulatory", 0 }, { "chd", 0 }, { "cancer", 1 }, { "lung-cancer", 1 },
  { "respiratory", 2 }, { "digestive", 3 }, { "external", 4 }, { "other", 5 },
};
static const char *const gw_test_decomp_cause_ids[GW_TEST_DECOMP_CAUSES] = {
  "circulatory", "cancer", "respiratory", "digestive", "external", "other",
};

typedef struct
{
  double population[GW_TEST_DECOMP_BANDS];
  double deaths[GW_TEST_DECOMP_CAUSES][GW_TEST_DECOMP_BANDS];
  const double *rows[GW_TEST_DECOMP_CAUSES];
  GwDecompPopulation pop;
} GwTestDecompCounts;

typedef struct
{
  GwTestDecompCounts  england[2], area[2];      /* men, women */
  GwDecomp           *decomp[2];
  GwDecompReckoning  *reckoning[2];
  const char         *labels[GW_TEST_DECOMP_CAUSES];
  GwChartDecompInput  input;
} GwTestDecomp;

static inline void
gw_test_decomp_counts (const GwTestCsv    *csv,
                       const char         *area,
                       const char         *sex,
                       GwTestDecompCounts *out)
{
  guint band = 0;

  memset (out, 0, sizeof *out);
  /* the CSV lists each area's and sex's bands in layout order */
  for (guint r = 0; r < gw_test_csv_n_rows (csv); r++)
    {
      if (!g_str_equal (gw_test_csv_get (csv, r, "area_code"), area)
          || !g_str_equal (gw_test_csv_get (csv, r, "sex"), sex))
        continue;
      g_assert_cmpuint (band, <, GW_TEST_DECOMP_BANDS);
      out->population[band] = gw_test_csv_double (csv, r, "population");
      for (guint c = 0; c < G_N_ELEMENTS (gw_test_decomp_columns); c++)
        out->deaths[gw_test_decomp_columns[c].top][band]
          += gw_test_csv_double (csv, r, gw_test_decomp_columns[c].column);
      band++;
    }
  g_assert_cmpuint (band, ==, GW_TEST_DECOMP_BANDS);
  for (guint c = 0; c < GW_TEST_DECOMP_CAUSES; c++)
    out->rows[c] = out->deaths[c];
  out->pop = (GwDecompPopulation) { NULL, out->population, out->rows };
}

/* The decomposition of area (an E081... code of the fixture) for both
 * sexes, named subject. */
static inline GwTestDecomp *
gw_test_decomp_new (const char *area,
                    const char *subject)
{
  g_autoptr(GwTestCsv) csv = gw_test_csv_load ("../decomp/decomp6_pooled.csv");
  static const char *const sexes[2] = { "m", "f" };
  GwTestDecomp *t = g_new0 (GwTestDecomp, 1);

  for (guint c = 0; c < GW_TEST_DECOMP_CAUSES; c++)
    t->labels[c] = gw_chart_cause_label (gw_test_decomp_cause_ids[c]);
  t->input.subject = subject;
  t->input.comparator = "England";
  t->input.period = gw_period_pooled (2004, 2006);
  t->input.n_causes = GW_TEST_DECOMP_CAUSES;
  t->input.cause_labels = t->labels;
  t->input.n_sexes = 2;
  t->input.source = "Source: decomp-6 fixture.";
  for (guint s = 0; s < 2; s++)
    {
      g_autoptr(GError) error = NULL;

      gw_test_decomp_counts (csv, "E92000001", sexes[s], &t->england[s]);
      gw_test_decomp_counts (csv, area, sexes[s], &t->area[s]);
      t->decomp[s] = gw_decomp_arriaga (GW_LIFE_TABLE_LAYOUT_90_PLUS, &t->england[s].pop, &t->area[s].pop,
                                        GW_TEST_DECOMP_BANDS, GW_TEST_DECOMP_CAUSES, &error);
      g_assert_no_error (error);
      t->reckoning[s] = gw_decomp_reckon (GW_LIFE_TABLE_LAYOUT_90_PLUS, &t->england[s].pop, &t->area[s].pop,
                                          GW_TEST_DECOMP_BANDS, GW_TEST_DECOMP_CAUSES,
                                          gw_decomp_needed_value (t->decomp[s]->e0_comparator, 1.0, TRUE),
                                          GW_TEST_DECOMP_YEARS, &error);
      g_assert_no_error (error);
      t->input.sexes[s] = (GwChartDecompSex) { s == 0 ? GW_SEX_MALE : GW_SEX_FEMALE, t->decomp[s], t->reckoning[s] };
    }
  return t;
}

static inline void
gw_test_decomp_free (GwTestDecomp *t)
{
  for (guint s = 0; s < 2; s++)
    {
      g_clear_pointer (&t->decomp[s], gw_decomp_free);
      g_clear_pointer (&t->reckoning[s], gw_decomp_reckoning_free);
    }
  g_free (t);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwTestDecomp, gw_test_decomp_free)
