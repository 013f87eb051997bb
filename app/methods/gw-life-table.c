/* gw-life-table.c: abridged life table, life expectancy and its limits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sources: Chiang CL, The Life Table and its Construction (1968), method II;
 * Silcocks PBS, Jenner DA, Reza R, JECH 2001;55:38-43 for the variance of
 * the open band; PHEindicatormethods phe_life_expectancy (UKHSA v2.1.0) for
 * the checks and the suppression of wide intervals.  The formulas are those
 * of help/C/method-life-expectancy.page.
 */
#include "gw-life-table.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

G_DEFINE_QUARK (gw-life-table-error-quark, gw_life_table_error)

/* Bands of the two layouts in table order. */
static const GwAgeBand layout_90_plus[20] = {
  GW_AGE_0, GW_AGE_1_4, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
  17, GW_AGE_85_89, GW_AGE_90_PLUS,
};

static const GwAgeBand layout_85_plus[19] = {
  GW_AGE_0, GW_AGE_1_4, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
  17, GW_AGE_85_PLUS,
};

/* a_i: the fraction of the band lived by those who die in it. 0.1 in the
 * first year of life, where deaths crowd into the first weeks. */
#define A_INFANT 0.1
#define A_OTHER  0.5

/**
 * gw_life_table_layout_n_bands:
 * @layout: a layout
 *
 * Returns: 20 for the 90+ layout, 19 for the 85+ layout
 */
guint
gw_life_table_layout_n_bands (GwLifeTableLayout layout)
{
  g_return_val_if_fail (layout == GW_LIFE_TABLE_LAYOUT_90_PLUS ||
                        layout == GW_LIFE_TABLE_LAYOUT_85_PLUS, 0);

  return layout == GW_LIFE_TABLE_LAYOUT_90_PLUS ? G_N_ELEMENTS (layout_90_plus)
                                                : G_N_ELEMENTS (layout_85_plus);
}

/**
 * gw_life_table_layout_band:
 * @layout: a layout
 * @index: row of the table, 0 for age 0
 *
 * Returns: the age band of that row
 */
GwAgeBand
gw_life_table_layout_band (GwLifeTableLayout layout,
                           guint             index)
{
  g_return_val_if_fail (index < gw_life_table_layout_n_bands (layout), GW_AGE_0);

  return layout == GW_LIFE_TABLE_LAYOUT_90_PLUS ? layout_90_plus[index]
                                                : layout_85_plus[index];
}

/**
 * gw_life_table_layout_final_start_age:
 * @layout: a layout
 *
 * Returns: the start age of the open band in years, 90 or 85
 */
guint
gw_life_table_layout_final_start_age (GwLifeTableLayout layout)
{
  g_return_val_if_fail (layout == GW_LIFE_TABLE_LAYOUT_90_PLUS ||
                        layout == GW_LIFE_TABLE_LAYOUT_85_PLUS, 0);

  return layout == GW_LIFE_TABLE_LAYOUT_90_PLUS ? 90 : 85;
}

/* Row of @band in @layout, or -1. */
static int
layout_index (GwLifeTableLayout layout,
              GwAgeBand         band)
{
  guint n = gw_life_table_layout_n_bands (layout);

  for (guint i = 0; i < n; i++)
    if (gw_life_table_layout_band (layout, i) == band)
      return (int) i;
  return -1;
}

static const char *const suppression_names[GW_N_LIFE_TABLE_SUPPRESSIONS] = {
  "ok",
  "negative-deaths",
  "nonpositive-population",
  "band-outside-layout",
  "band-duplicated",
  "band-missing",
  "deaths-exceed-population",
  "small-population",
  "no-open-band-deaths",
};

static const char *const suppression_messages[GW_N_LIFE_TABLE_SUPPRESSIONS] = {
  N_("Life expectancy was calculated"),
  N_("Some age bands have negative deaths"),
  N_("Some age bands have a population of zero or less"),
  N_("Some age bands do not belong to the life table's age bands"),
  N_("Some age bands are given more than once"),
  N_("Some age bands are missing"),
  N_("Some age bands have more deaths than population"),
  N_("The total population is 5,000 or less, too small for a life table"),
  N_("There are no deaths in the final, open age band"),
};

/**
 * gw_life_table_suppression_to_string:
 * @suppression: a reason
 *
 * Returns: an untranslated keyword such as "band-missing", for logs and the
 *   command line
 */
const char *
gw_life_table_suppression_to_string (GwLifeTableSuppression suppression)
{
  g_return_val_if_fail ((guint) suppression < GW_N_LIFE_TABLE_SUPPRESSIONS, "?");
  return suppression_names[suppression];
}

/**
 * gw_life_table_suppression_get_message:
 * @suppression: a reason
 *
 * Returns: the translated explanation shown in place of a suppressed value
 */
const char *
gw_life_table_suppression_get_message (GwLifeTableSuppression suppression)
{
  g_return_val_if_fail ((guint) suppression < GW_N_LIFE_TABLE_SUPPRESSIONS, "?");
  return _(suppression_messages[suppression]);
}

static gboolean
suppress (GwLifeTable             *table,
          GwLifeTableSuppression   reason,
          GError                 **error)
{
  table->suppression = reason;
  table->n_rows = 0;
  g_set_error_literal (error, GW_LIFE_TABLE_ERROR, reason,
                       gw_life_table_suppression_get_message (reason));
  return FALSE;
}

/* The checks of help/C/method-life-expectancy.page, in the package's order.  Fills
 * table->rows[] with the band, deaths and population of each row. */
static GwLifeTableSuppression
check_and_place (GwLifeTableLayout       layout,
                 const GwLifeTableInput *input,
                 gsize                   n_input,
                 GwLifeTable            *table)
{
  guint n = gw_life_table_layout_n_bands (layout);
  guint count[GW_LIFE_TABLE_MAX_BANDS] = { 0 };
  double total_population = 0.0;
  gboolean outside = FALSE, duplicated = FALSE;

  for (gsize i = 0; i < n_input; i++)
    if (input[i].deaths < 0.0)
      return GW_LIFE_TABLE_NEGATIVE_DEATHS;

  for (gsize i = 0; i < n_input; i++)
    if (input[i].population <= 0.0)
      return GW_LIFE_TABLE_NONPOSITIVE_POPULATION;

  for (gsize i = 0; i < n_input; i++)
    {
      int row = layout_index (layout, input[i].band);

      if (row < 0)
        {
          outside = TRUE;
          continue;
        }
      /* A band without a number is as good as absent. */
      if (isnan (input[i].deaths) || isnan (input[i].population))
        continue;
      if (count[row]++ > 0)
        duplicated = TRUE;
      table->rows[row].deaths = input[i].deaths;
      table->rows[row].population = input[i].population;
    }
  if (outside)
    return GW_LIFE_TABLE_BAND_OUTSIDE_LAYOUT;
  if (duplicated)
    return GW_LIFE_TABLE_BAND_DUPLICATED;
  for (guint row = 0; row < n; row++)
    if (count[row] == 0)
      return GW_LIFE_TABLE_BAND_MISSING;

  for (guint row = 0; row < n; row++)
    if (table->rows[row].deaths > table->rows[row].population)
      return GW_LIFE_TABLE_DEATHS_EXCEED_POPULATION;

  for (guint row = 0; row < n; row++)
    total_population += table->rows[row].population;
  if (total_population <= GW_LIFE_TABLE_MIN_POPULATION)
    return GW_LIFE_TABLE_SMALL_POPULATION;

  /* The open band's L = l / M needs M > 0. */
  if (table->rows[n - 1].deaths == 0.0)
    return GW_LIFE_TABLE_NO_OPEN_BAND_DEATHS;

  return GW_LIFE_TABLE_OK;
}

/**
 * gw_life_table_compute:
 * @layout: the 90+ (20 bands) or 85+ (19 bands) layout
 * @input: (array length=n_input): deaths and population per band, in any
 *   order; each band of @layout exactly once
 * @n_input: number of input rows
 * @z95: z of the "95%" limits: %GW_Z_95 (1.959963984540054, the exact
 *   quantile, as Fingertips and the package's R code) or 1.96 (as the
 *   package's own expected answers)
 * @z998: z of the "99.8%" limits, normally %GW_Z_998 (3.090232306167813)
 * @table: (out caller-allocates): the life table
 * @error: a %GW_LIFE_TABLE_ERROR whose code is the #GwLifeTableSuppression
 *   and whose message is its translated explanation
 *
 * Builds the abridged life table (Chiang II, Silcocks final band) and the
 * life expectancy at each band's start age with its standard error and
 * 95% and 99.8% limits, all in years (help/C/method-life-expectancy.page):
 *
 *   a = 0.1 at age 0, else 0.5;  M = D / P;
 *   q = n M / (1 + n M (1 - a)) if n a M <= 1, else 1;  open band q = 1;
 *   l_0 = 100000, l_{i+1} = l_i (1 - q_i), d = l_i - l_{i+1};
 *   L = n (l_{i+1} + a d), open band L = l / M;  T_i = sum_{j>=i} L_j;
 *   e = T / l;  s2 = q^2 (1 - q) / D (0 when d = 0), open band 4 / (D M^2);
 *   W = s2 l^2 ((1 - a) n + e_{i+1})^2, open band (l/2)^2 s2;
 *   SE_i = sqrt(sum_{j>=i} W_j) / l_i;  limits e -/+ z SE.
 *
 * When the 95% interval at an age is wider than 20 years
 * (%GW_Z_95 x SE > 10, with the exact z whatever @z95 is, as the package
 * does) that age's value is NAN and wide_ci is set; its limits are kept.
 * At an age no one of the radix reaches (l = 0, only when a band's q is 1)
 * e, its limits and value are NAN.
 *
 * Returns: %TRUE when computed; %FALSE when the whole area and period has
 *   no value, with table->suppression giving the reason
 */
gboolean
gw_life_table_compute (GwLifeTableLayout       layout,
                       const GwLifeTableInput *input,
                       gsize                   n_input,
                       double                  z95,
                       double                  z998,
                       GwLifeTable            *table,
                       GError                **error)
{
  GwLifeTableSuppression reason;
  double e_next, w_sum, pops_sum, deaths_sum;
  guint n;

  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (layout == GW_LIFE_TABLE_LAYOUT_90_PLUS ||
                        layout == GW_LIFE_TABLE_LAYOUT_85_PLUS, FALSE);
  g_return_val_if_fail (input != NULL || n_input == 0, FALSE);
  g_return_val_if_fail (z95 > 0.0 && z998 > 0.0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (table, 0, sizeof *table);
  table->layout = layout;
  table->final_start_age = gw_life_table_layout_final_start_age (layout);
  table->z95 = z95;
  table->z998 = z998;
  n = gw_life_table_layout_n_bands (layout);

  reason = check_and_place (layout, input, n_input, table);
  if (reason != GW_LIFE_TABLE_OK)
    return suppress (table, reason, error);

  table->n_rows = n;

  /* Forward: probabilities of dying and survivors. */
  for (guint i = 0; i < n; i++)
    {
      GwLifeTableRow *row = &table->rows[i];
      gboolean open = i == n - 1;

      row->band = gw_life_table_layout_band (layout, i);
      row->start_age = gw_age_band_start (row->band);
      row->width = gw_age_band_width (row->band);
      row->a = row->start_age == 0 ? A_INFANT : A_OTHER;
      row->m = row->deaths / row->population;
      row->l = i == 0 ? GW_LIFE_TABLE_RADIX : table->rows[i - 1].l - table->rows[i - 1].d;

      if (open)
        row->q = 1.0;
      else if (row->width * row->a * row->m <= 1.0)
        row->q = row->width * row->m / (1.0 + row->width * row->m * (1.0 - row->a));
      else
        row->q = 1.0;
      row->d = open ? row->l : row->l * row->q;
    }

  /* Person-years lived in each band. */
  for (guint i = 0; i < n; i++)
    {
      GwLifeTableRow *row = &table->rows[i];

      if (i == n - 1)
        row->big_l = row->l / row->m;
      else
        row->big_l = row->width * (table->rows[i + 1].l + row->a * row->d);
    }

  /* Backward: T, e, the variance terms and their cumulative sums.  e_next
   * follows the package in taking e = 0 where l = 0, so that a band with
   * q = 1 adds nothing rather than NAN to the variances below it. */
  e_next = 0.0;
  w_sum = 0.0;
  pops_sum = 0.0;
  deaths_sum = 0.0;
  for (guint k = n; k-- > 0;)
    {
      GwLifeTableRow *row = &table->rows[k];
      gboolean open = k == n - 1;
      double s2, w, e_calc;

      row->t = row->big_l + (open ? 0.0 : table->rows[k + 1].t);
      e_calc = row->l > 0.0 ? row->t / row->l : 0.0;

      if (open)
        {
          s2 = 4.0 / (row->deaths * row->m * row->m);
          w = (row->l / 2.0) * (row->l / 2.0) * s2;
        }
      else
        {
          double f = (1.0 - row->a) * row->width + e_next;

          s2 = row->d == 0.0 ? 0.0 : row->q * row->q * (1.0 - row->q) / row->deaths;
          w = s2 * row->l * row->l * f * f;
        }
      w_sum += w;
      e_next = e_calc;

      pops_sum += row->population;
      deaths_sum += row->deaths;
      row->pops_used = pops_sum;
      row->deaths_used = deaths_sum;

      if (row->l > 0.0)
        {
          row->e = e_calc;
          row->se = sqrt (w_sum) / row->l;
          row->lower95 = row->e - z95 * row->se;
          row->upper95 = row->e + z95 * row->se;
          row->lower998 = row->e - z998 * row->se;
          row->upper998 = row->e + z998 * row->se;
          row->wide_ci = GW_Z_95 * row->se > GW_LIFE_TABLE_MAX_CI_WIDTH / 2.0;
          row->value = row->wide_ci ? NAN : row->e;
        }
      else
        {
          row->e = row->se = row->value = NAN;
          row->lower95 = row->upper95 = row->lower998 = row->upper998 = NAN;
          row->wide_ci = FALSE;
        }
    }

  table->suppression = GW_LIFE_TABLE_OK;
  return TRUE;
}

/**
 * gw_life_table_compute_arrays:
 * @layout: the 90+ (20 bands) or 85+ (19 bands) layout
 * @deaths: (array length=n_bands): deaths per band in table order
 *   (0, 1-4, 5-9, ...); NAN for a band without a number
 * @population: (array length=n_bands): person-years per band, same order
 * @n_bands: length of the arrays; fewer than the layout's bands is a
 *   missing band, more is a band outside the layout
 * @z95: z of the 95% limits (see gw_life_table_compute())
 * @z998: z of the 99.8% limits
 * @table: (out caller-allocates): the life table
 * @error: as gw_life_table_compute()
 *
 * gw_life_table_compute() for plain arrays of 19 or 20 bands.
 *
 * Returns: %TRUE when computed, %FALSE when suppressed
 */
gboolean
gw_life_table_compute_arrays (GwLifeTableLayout  layout,
                              const double      *deaths,
                              const double      *population,
                              gsize              n_bands,
                              double             z95,
                              double             z998,
                              GwLifeTable       *table,
                              GError           **error)
{
  GwLifeTableInput input[GW_LIFE_TABLE_MAX_BANDS + 1];
  guint n = gw_life_table_layout_n_bands (layout);
  gsize n_input = MIN (n_bands, (gsize) n);

  g_return_val_if_fail (n > 0, FALSE);
  g_return_val_if_fail ((deaths != NULL && population != NULL) || n_bands == 0, FALSE);

  for (gsize i = 0; i < n_input; i++)
    {
      input[i].band = gw_life_table_layout_band (layout, i);
      input[i].deaths = deaths[i];
      input[i].population = population[i];
    }
  /* One extra row with a band of no layout stands for all surplus ones. */
  if (n_bands > n)
    {
      input[n_input].band = layout == GW_LIFE_TABLE_LAYOUT_90_PLUS ? GW_AGE_85_PLUS
                                                                    : GW_AGE_90_PLUS;
      input[n_input].deaths = deaths[n_input];
      input[n_input].population = population[n_input];
      n_input++;
    }

  return gw_life_table_compute (layout, input, n_input, z95, z998, table, error);
}

/**
 * gw_life_table_get_row_at_age:
 * @table: a computed table
 * @start_age: a band's start age in years
 *
 * Returns: (nullable): the row of the band starting at @start_age, or
 *   %NULL when there is none (or the table was suppressed)
 */
const GwLifeTableRow *
gw_life_table_get_row_at_age (const GwLifeTable *table,
                              guint              start_age)
{
  g_return_val_if_fail (table != NULL, NULL);

  for (guint i = 0; i < table->n_rows; i++)
    if (table->rows[i].start_age == start_age)
      return &table->rows[i];
  return NULL;
}
