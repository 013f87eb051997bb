/* gw-decomp.c: the life-expectancy gap by age and cause, and deaths to prevent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sources: Arriaga EE, Measuring and explaining the change in life
 * expectancies, Demography 1984;21:83-96 (by age); Preston SH, Heuveline P,
 * Guillot M, Demography (2001), box 4.3 (the split of an age's contribution
 * by cause); the inverse ready reckoner is Gapwatch's own.  The formulas are
 * those of help/C/method-decomposition.page; the life tables are
 * gw-life-table.c's (section 1).
 */
#include "gw-decomp.h"

#include <math.h>

#include <glib/gi18n.h>

G_DEFINE_QUARK (gw-decomp-error-quark, gw_decomp_error)

/* Cause counts are compared with all-cause counts to this relative
 * tolerance, so that pooled or scaled (non-integer) counts that add up only
 * to rounding are not refused. */
#define CAUSE_SUM_TOLERANCE 1e-9

/* Upper bound of the bisection steps, a guard only: the bracket halves every
 * step, so 30 steps reach the 1e-9 tolerance. */
#define RECKON_MAX_ITERATIONS 60

enum { COMPARATOR = 0, AREA = 1 };

/* The two populations' counts made whole: all-cause deaths (given, or the
 * sum of the causes), rates and life tables, and the rate difference
 * m2 - m1 of every band and cause (cause n_causes: "not specified"). */
typedef struct
{
  GwLifeTableLayout layout;
  guint             n_bands;
  guint             n_causes;
  const double     *population[2];
  double           *deaths[2];      /* [n_bands] */
  double           *m[2];           /* [n_bands], D / P */
  double           *cause_excess;   /* [n_bands][n_causes + 1], m2_{x,c} - m1_{x,c} */
  GwLifeTable       table[2];
} Counts;

static void
counts_clear (Counts *counts)
{
  for (guint p = 0; p < 2; p++)
    {
      g_clear_pointer (&counts->deaths[p], g_free);
      g_clear_pointer (&counts->m[p], g_free);
    }
  g_clear_pointer (&counts->cause_excess, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Counts, counts_clear)

/* A table's cells: (n_bands + 1) rows by (n_causes + 2) columns; the last
 * row is all ages, the last column all causes, column n_causes is "not
 * specified". */
static void
table_init (GwDecompTable *table,
            guint          n_bands,
            guint          n_causes)
{
  table->n_bands = n_bands;
  table->n_causes = n_causes;
  table->cells = g_new0 (double, (gsize) (n_bands + 1) * (n_causes + 2));
}

static double *
table_cell (const GwDecompTable *table,
            guint                band,
            guint                cause)
{
  guint row = band == GW_DECOMP_ALL ? table->n_bands : band;
  guint column = cause == GW_DECOMP_ALL ? table->n_causes + 1 : cause;

  g_assert (row <= table->n_bands && column <= table->n_causes + 1);
  return &table->cells[(gsize) row * (table->n_causes + 2) + column];
}

/* Adds each band-and-cause cell into its cause's all-age margin, and each
 * band's all-cause value (set by the caller: for Arriaga it is D_x, which
 * its causes only add up to) into the total. */
static void
table_sum_margins (GwDecompTable *table)
{
  for (guint x = 0; x < table->n_bands; x++)
    {
      for (guint c = 0; c <= table->n_causes; c++)
        *table_cell (table, GW_DECOMP_ALL, c) += *table_cell (table, x, c);
      *table_cell (table, GW_DECOMP_ALL, GW_DECOMP_ALL) += *table_cell (table, x, GW_DECOMP_ALL);
    }
}

static const char *
band_name (GwLifeTableLayout layout,
           guint             x)
{
  return gw_age_band_to_string (gw_life_table_layout_band (layout, x));
}

/* All-cause deaths of population @p from its input, checking the causes
 * against them. */
static gboolean
counts_take_deaths (Counts                   *counts,
                    guint                     p,
                    const GwDecompPopulation *input,
                    GError                  **error)
{
  counts->deaths[p] = g_new0 (double, counts->n_bands);

  for (guint x = 0; x < counts->n_bands; x++)
    {
      double sum = 0.0;

      for (guint c = 0; c < counts->n_causes; c++)
        {
          double d = input->deaths_by_cause[c][x];

          /* !(d >= 0) also catches NAN. */
          if (!(d >= 0.0))
            {
              g_set_error (error, GW_DECOMP_ERROR, GW_DECOMP_ERROR_INVALID,
                           p == AREA ? _("The area’s deaths from a cause at ages %s are missing or negative")
                                     : _("The comparator’s deaths from a cause at ages %s are missing or negative"),
                           band_name (counts->layout, x));
              return FALSE;
            }
          sum += d;
        }

      if (input->deaths == NULL)
        counts->deaths[p][x] = sum;
      else if (sum > input->deaths[x] * (1.0 + CAUSE_SUM_TOLERANCE) + CAUSE_SUM_TOLERANCE)
        {
          g_set_error (error, GW_DECOMP_ERROR, GW_DECOMP_ERROR_INVALID,
                       p == AREA ? _("The area’s deaths by cause at ages %s add up to more than its deaths from all causes")
                                 : _("The comparator’s deaths by cause at ages %s add up to more than its deaths from all causes"),
                       band_name (counts->layout, x));
          return FALSE;
        }
      else
        counts->deaths[p][x] = input->deaths[x];
    }

  return TRUE;
}

/* The counts must have the layout's bands. */
static gboolean
check_n_bands (GwLifeTableLayout   layout,
               guint               n_bands,
               GError            **error)
{
  guint n_layout = gw_life_table_layout_n_bands (layout);

  if (n_bands == n_layout)
    return TRUE;
  g_set_error (error, GW_DECOMP_ERROR, GW_DECOMP_ERROR_INVALID,
               _("The counts have %u age bands where the life table has %u"),
               n_bands, n_layout);
  return FALSE;
}

/* The section 1 life table of population @p, its refusal named after it. */
static gboolean
population_life_table (GwLifeTableLayout   layout,
                       guint               p,
                       const double       *deaths,
                       const double       *population,
                       guint               n_bands,
                       GwLifeTable        *table,
                       GError            **error)
{
  g_autoptr(GError) table_error = NULL;

  if (gw_life_table_compute_arrays (layout, deaths, population, n_bands,
                                    GW_Z_95, GW_Z_998, table, &table_error))
    return TRUE;
  g_set_error (error, GW_DECOMP_ERROR, GW_DECOMP_ERROR_NO_LIFE_TABLE,
               p == AREA ? _("The area has no life expectancy: %s")
                         : _("The comparator has no life expectancy: %s"),
               table_error->message);
  return FALSE;
}

/* Checks and completes the counts of both populations and builds their life
 * tables (section 1). */
static gboolean
counts_init (Counts                   *counts,
             GwLifeTableLayout         layout,
             const GwDecompPopulation *comparator,
             const GwDecompPopulation *area,
             guint                     n_bands,
             guint                     n_causes,
             GError                  **error)
{
  const GwDecompPopulation *input[2] = { comparator, area };

  counts->layout = layout;
  counts->n_bands = n_bands;
  counts->n_causes = n_causes;

  if (!check_n_bands (layout, n_bands, error))
    return FALSE;

  for (guint p = 0; p < 2; p++)
    {
      counts->population[p] = input[p]->population;
      if (!counts_take_deaths (counts, p, input[p], error) ||
          !population_life_table (layout, p, counts->deaths[p], counts->population[p], n_bands,
                                  &counts->table[p], error))
        return FALSE;

      counts->m[p] = g_new (double, n_bands);
      for (guint x = 0; x < n_bands; x++)
        counts->m[p][x] = counts->table[p].rows[x].m;
    }

  /* Rate differences by cause; "not specified" takes what the causes given
   * leave of each band's deaths (never below 0: that is only rounding, the
   * checks above refused more). */
  counts->cause_excess = g_new0 (double, (gsize) n_bands * (n_causes + 1));
  for (guint x = 0; x < n_bands; x++)
    {
      double rest[2];

      for (guint p = 0; p < 2; p++)
        rest[p] = counts->deaths[p][x];
      for (guint c = 0; c < n_causes; c++)
        {
          double d1 = comparator->deaths_by_cause[c][x];
          double d2 = area->deaths_by_cause[c][x];

          counts->cause_excess[x * (n_causes + 1) + c] =
            d2 / counts->population[AREA][x] - d1 / counts->population[COMPARATOR][x];
          rest[COMPARATOR] -= d1;
          rest[AREA] -= d2;
        }
      counts->cause_excess[x * (n_causes + 1) + n_causes] =
        MAX (rest[AREA], 0.0) / counts->population[AREA][x] -
        MAX (rest[COMPARATOR], 0.0) / counts->population[COMPARATOR][x];
    }

  return TRUE;
}

/* The area's e0 when its rates are m2 - k (m2 - m1) in every band where m2
 * is above m1 (section 5), from a section 1 life table. */
static gboolean
reckon_e0 (const Counts *counts,
           double        k,
           double       *e0,
           GError      **error)
{
  g_autofree double *deaths = g_new (double, counts->n_bands);
  GwLifeTable table;

  for (guint x = 0; x < counts->n_bands; x++)
    {
      double excess = MAX (counts->m[AREA][x] - counts->m[COMPARATOR][x], 0.0);

      deaths[x] = (counts->m[AREA][x] - k * excess) * counts->population[AREA][x];
    }

  /* Cannot fail when the area's own table did not: rates only come down,
   * and never below the comparator's, whose open band has deaths. */
  if (!population_life_table (counts->layout, AREA, deaths, counts->population[AREA],
                              counts->n_bands, &table, error))
    return FALSE;

  *e0 = table.rows[0].e;
  return TRUE;
}

/**
 * gw_decomp_arriaga:
 * @layout: the life table layout of both populations (90+ or 85+)
 * @comparator: counts of population 1, e.g. England
 * @area: counts of population 2, the area
 * @n_bands: length of every array, the layout's number of bands
 * @n_causes: number of causes in each population's deaths_by_cause (0 for
 *   a decomposition by age alone)
 * @error: a %GW_DECOMP_ERROR
 *
 * Arriaga's decomposition of the area's life expectancy at birth minus the
 * comparator's (help/C/method-decomposition.page), both from section 1 life tables of
 * the same bands:
 *
 *   direct_x   = (l1_x / l1_0) (L2_x / l2_x - L1_x / l1_x)
 *   indirect_x = (T2_{x+n} / l1_0) (l1_x / l2_x - l1_{x+n} / l2_{x+n}),
 *                0 for the open band
 *   D_x        = direct_x + indirect_x, in years
 *
 * The D_x add up to e2_0 - e1_0 (to rounding, ~1e-12 years).  A band's
 * contribution is split by cause in proportion to the cause's rate
 * difference: D_{x,c} = D_x (m2_{x,c} - m1_{x,c}) / (m2_x - m1_x), m =
 * deaths / population of the band; a band with m2_x = m1_x gives 0 to every
 * cause.  Deaths of a band not covered by the causes given form the cause
 * "not specified" (index @n_causes), so the causes of a band add up to its
 * D_x.  Cause counts may add up to less than the all-cause deaths, never
 * more.
 *
 * Returns: (transfer full): the decomposition, or %NULL with @error set when
 *   the counts are refused or either population has no life table
 */
GwDecomp *
gw_decomp_arriaga (GwLifeTableLayout         layout,
                   const GwDecompPopulation *comparator,
                   const GwDecompPopulation *area,
                   guint                     n_bands,
                   guint                     n_causes,
                   GError                  **error)
{
  g_auto(Counts) counts = { 0 };
  g_autoptr(GwDecomp) decomp = NULL;
  const GwLifeTable *t1, *t2;

  g_return_val_if_fail (comparator != NULL && area != NULL, NULL);
  g_return_val_if_fail (comparator->population != NULL && area->population != NULL, NULL);
  g_return_val_if_fail (n_causes == 0 || (comparator->deaths_by_cause != NULL &&
                                          area->deaths_by_cause != NULL), NULL);
  g_return_val_if_fail (n_causes > 0 || (comparator->deaths != NULL && area->deaths != NULL), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!counts_init (&counts, layout, comparator, area, n_bands, n_causes, error))
    return NULL;

  t1 = &counts.table[COMPARATOR];
  t2 = &counts.table[AREA];
  /* l is non-increasing, so survivors to the open band mean survivors to
   * every band: no division by zero below. */
  for (guint p = 0; p < 2; p++)
    if (!(counts.table[p].rows[n_bands - 1].l > 0.0))
      {
        g_set_error_literal (error, GW_DECOMP_ERROR, GW_DECOMP_ERROR_NO_SURVIVORS,
                             p == AREA ? _("No one reaches the final age band of the area’s life table")
                                       : _("No one reaches the final age band of the comparator’s life table"));
        return NULL;
      }

  decomp = g_new0 (GwDecomp, 1);
  decomp->layout = layout;
  decomp->area = *t2;
  decomp->comparator = *t1;
  decomp->e0_area = t2->rows[0].e;
  decomp->e0_comparator = t1->rows[0].e;
  table_init (&decomp->years, n_bands, n_causes);

  for (guint x = 0; x < n_bands; x++)
    {
      const GwLifeTableRow *r1 = &t1->rows[x], *r2 = &t2->rows[x];
      double radix = t1->rows[0].l;
      double direct = (r1->l / radix) * (r2->big_l / r2->l - r1->big_l / r1->l);
      double indirect = 0.0;
      double contribution, dm;

      if (x + 1 < n_bands)
        {
          const GwLifeTableRow *n1 = &t1->rows[x + 1], *n2 = &t2->rows[x + 1];

          indirect = (n2->t / radix) * (r1->l / r2->l - n1->l / n2->l);
        }
      contribution = direct + indirect;
      *table_cell (&decomp->years, x, GW_DECOMP_ALL) = contribution;

      dm = counts.m[AREA][x] - counts.m[COMPARATOR][x];
      for (guint c = 0; c <= n_causes; c++)
        *table_cell (&decomp->years, x, c) =
          dm == 0.0 ? 0.0 : contribution * counts.cause_excess[x * (n_causes + 1) + c] / dm;
    }
  table_sum_margins (&decomp->years);

  return g_steal_pointer (&decomp);
}

/**
 * gw_decomp_table_get:
 * @table: the contributions of a #GwDecomp or the deaths of a
 *   #GwDecompReckoning
 * @band: a band's index in layout order, or %GW_DECOMP_ALL for all ages
 * @cause: a cause's index, @table->n_causes for "not specified", or
 *   %GW_DECOMP_ALL for all causes
 *
 * Returns: the value of the band and cause: a contribution in years (area
 *   minus comparator: negative when it shortens the area's life
 *   expectancy), or deaths to prevent a year (not rounded);
 *   (%GW_DECOMP_ALL, %GW_DECOMP_ALL) is the whole gap, or all the deaths
 */
double
gw_decomp_table_get (const GwDecompTable *table,
                     guint                band,
                     guint                cause)
{
  g_return_val_if_fail (table != NULL && table->cells != NULL, NAN);
  g_return_val_if_fail (band < table->n_bands || band == GW_DECOMP_ALL, NAN);
  g_return_val_if_fail (cause <= table->n_causes || cause == GW_DECOMP_ALL, NAN);

  return *table_cell (table, band, cause);
}

/**
 * gw_decomp_get_share:
 * @decomp: a decomposition
 * @band: as gw_decomp_table_get()
 * @cause: as gw_decomp_table_get()
 *
 * Returns: the contribution as a percentage of the whole gap (the shares of
 *   the bands add up to 100), or NAN when there is no gap
 */
double
gw_decomp_get_share (const GwDecomp *decomp,
                     guint           band,
                     guint           cause)
{
  double gap;

  g_return_val_if_fail (decomp != NULL, NAN);

  gap = gw_decomp_table_get (&decomp->years, GW_DECOMP_ALL, GW_DECOMP_ALL);
  if (gap == 0.0)
    return NAN;
  return 100.0 * gw_decomp_table_get (&decomp->years, band, cause) / gap;
}

/**
 * gw_decomp_free:
 * @decomp: (nullable): a decomposition
 */
void
gw_decomp_free (GwDecomp *decomp)
{
  if (decomp == NULL)
    return;
  g_free (decomp->years.cells);
  g_free (decomp);
}

/**
 * gw_decomp_needed_value:
 * @comparator_e0: the comparator's life expectancy C, years
 * @needed_gap: the gap to reach: percent of C when @relative, else years
 * @relative: whether @needed_gap is relative
 *
 * Returns: the area's life expectancy that meets the gap
 *   (help/C/method-decomposition.page): A* = C (1 - GT / 100) for a relative gap, C - GT for an
 *   absolute one, in years
 */
double
gw_decomp_needed_value (double   comparator_e0,
                        double   needed_gap,
                        gboolean relative)
{
  return relative ? comparator_e0 * (1.0 - needed_gap / 100.0)
                  : comparator_e0 - needed_gap;
}

/**
 * gw_decomp_reckon:
 * @layout: the life table layout of both populations
 * @comparator: counts of population 1, e.g. England
 * @area: counts of the area
 * @n_bands: length of every array, the layout's number of bands
 * @n_causes: number of causes in each population's deaths_by_cause
 * @needed_value: the area's life expectancy at birth to reach, A*, years
 *   (see gw_decomp_needed_value())
 * @years: years in the period of the counts (3 for a pooled 3-year period):
 *   deaths are reported a year
 * @error: a %GW_DECOMP_ERROR
 *
 * The inverse ready reckoner (help/C/method-decomposition.page): lower the area's rates
 * towards the comparator's in every band where they are higher,
 * m'_x = m2_x - k (m2_x - m1_x), with the same k in every band, and find k
 * in [0, 1] by bisection until the bracket is at most
 * %GW_DECOMP_RECKON_TOLERANCE wide (k is its middle) so that the area's e0
 * from m' (a section 1 life table on the area's populations) equals
 * @needed_value.  Deaths to prevent a year in band x = k (m2_x - m1_x) P2_x /
 * @years; by cause, in proportion to each cause's excess m2_{x,c} - m1_{x,c},
 * causes with no excess getting none ("not specified" as in
 * gw_decomp_arriaga()).
 *
 * An area whose e0 already reaches @needed_value gets k = 0 and no deaths.
 *
 * Returns: (transfer full): the deaths to prevent, or %NULL with @error set:
 *   %GW_DECOMP_ERROR_UNREACHABLE when even k = 1 (the comparator's rates
 *   wherever the area's are higher) falls short of @needed_value, or as
 *   gw_decomp_arriaga()
 */
GwDecompReckoning *
gw_decomp_reckon (GwLifeTableLayout         layout,
                  const GwDecompPopulation *comparator,
                  const GwDecompPopulation *area,
                  guint                     n_bands,
                  guint                     n_causes,
                  double                    needed_value,
                  double                    years,
                  GError                  **error)
{
  g_auto(Counts) counts = { 0 };
  g_autoptr(GwDecompReckoning) reckoning = NULL;
  double lo = 0.0, hi = 1.0, e_max;

  g_return_val_if_fail (comparator != NULL && area != NULL, NULL);
  g_return_val_if_fail (comparator->population != NULL && area->population != NULL, NULL);
  g_return_val_if_fail (n_causes == 0 || (comparator->deaths_by_cause != NULL &&
                                          area->deaths_by_cause != NULL), NULL);
  g_return_val_if_fail (n_causes > 0 || (comparator->deaths != NULL && area->deaths != NULL), NULL);
  g_return_val_if_fail (isfinite (needed_value), NULL);
  g_return_val_if_fail (years > 0.0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!counts_init (&counts, layout, comparator, area, n_bands, n_causes, error))
    return NULL;

  reckoning = g_new0 (GwDecompReckoning, 1);
  reckoning->layout = layout;
  reckoning->needed_value = needed_value;
  reckoning->current_value = counts.table[AREA].rows[0].e;
  reckoning->reached_value = reckoning->current_value;
  table_init (&reckoning->deaths, n_bands, n_causes);

  if (reckoning->current_value >= needed_value)
    return g_steal_pointer (&reckoning);

  if (!reckon_e0 (&counts, 1.0, &e_max, error))
    return NULL;
  if (e_max < needed_value)
    {
      g_set_error (error, GW_DECOMP_ERROR, GW_DECOMP_ERROR_UNREACHABLE,
                   _("A life expectancy of %.2f years is out of reach: with the comparator’s death rates "
                     "in every age band where the area’s are higher, it would be %.2f years"),
                   needed_value, e_max);
      return NULL;
    }

  /* e0 rises with k, so keep e0(lo) < A* <= e0(hi). */
  while (hi - lo > GW_DECOMP_RECKON_TOLERANCE &&
         reckoning->n_iterations < RECKON_MAX_ITERATIONS)
    {
      double mid = 0.5 * (lo + hi), e0;

      if (!reckon_e0 (&counts, mid, &e0, error))
        return NULL;
      if (e0 < needed_value)
        lo = mid;
      else
        hi = mid;
      reckoning->n_iterations++;
    }
  reckoning->k = 0.5 * (lo + hi);
  if (!reckon_e0 (&counts, reckoning->k, &reckoning->reached_value, error))
    return NULL;

  for (guint x = 0; x < n_bands; x++)
    {
      double excess = counts.m[AREA][x] - counts.m[COMPARATOR][x];
      const double *cause_excess = &counts.cause_excess[x * (n_causes + 1)];
      double deaths, positive = 0.0;

      if (excess <= 0.0)
        continue;
      deaths = reckoning->k * excess * counts.population[AREA][x] / years;
      *table_cell (&reckoning->deaths, x, GW_DECOMP_ALL) = deaths;

      for (guint c = 0; c <= n_causes; c++)
        positive += MAX (cause_excess[c], 0.0);
      /* positive >= excess > 0: the causes' differences add up to the band's. */
      for (guint c = 0; c <= n_causes; c++)
        *table_cell (&reckoning->deaths, x, c) = deaths * MAX (cause_excess[c], 0.0) / positive;
    }
  table_sum_margins (&reckoning->deaths);

  return g_steal_pointer (&reckoning);
}

/**
 * gw_decomp_reckoning_free:
 * @reckoning: (nullable): deaths to prevent
 */
void
gw_decomp_reckoning_free (GwDecompReckoning *reckoning)
{
  if (reckoning == NULL)
    return;
  g_free (reckoning->deaths.cells);
  g_free (reckoning);
}

/**
 * gw_decomp_what_if:
 * @layout: the life table layout of the area's counts
 * @area: counts of the area
 * @n_bands: length of every array, the layout's number of bands
 * @n_causes: number of causes in the area's deaths_by_cause
 * @preventions: (array length=n_preventions): fewer deaths a year by cause
 *   and age range
 * @n_preventions: number of preventions
 * @years: years in the period of the counts (3 for a pooled 3-year period)
 * @e0: (out): the area's life expectancy at birth with those deaths
 *   prevented, years
 * @error: a %GW_DECOMP_ERROR
 *
 * The forward question of the deaths to prevent (issue 14's "what if"): the
 * deaths of each prevention come off the area's deaths of that cause in the
 * bands of its range, spread in proportion to them (the deaths left by the
 * preventions before it), so every band keeps its share; then e0 is the
 * section 1 life table's on the area's populations.  Deaths to prevent
 * from gw_decomp_reckon(), given back band by band and cause by cause, give
 * its reached_value.  The new gap is the caller's: the comparator's e0 does
 * not change.
 *
 * Returns: %TRUE with @e0 set; %FALSE with %GW_DECOMP_ERROR_TOO_MANY when a
 *   prevention asks for more deaths than are left in its cause and range,
 *   or as gw_decomp_arriaga() when the counts have no life table
 */
gboolean
gw_decomp_what_if (GwLifeTableLayout         layout,
                   const GwDecompPopulation *area,
                   guint                     n_bands,
                   guint                     n_causes,
                   const GwDecompPrevention *preventions,
                   gsize                     n_preventions,
                   double                    years,
                   double                   *e0,
                   GError                  **error)
{
  g_auto(Counts) counts = { 0 };
  g_autofree double *left = NULL;  /* [n_bands][n_causes + 1] deaths in the period */
  g_autofree double *deaths = NULL;
  guint width = n_causes + 1;
  GwLifeTable table;

  g_return_val_if_fail (area != NULL && area->population != NULL, FALSE);
  g_return_val_if_fail (n_causes == 0 || area->deaths_by_cause != NULL, FALSE);
  g_return_val_if_fail (n_causes > 0 || area->deaths != NULL, FALSE);
  g_return_val_if_fail (preventions != NULL || n_preventions == 0, FALSE);
  g_return_val_if_fail (years > 0.0, FALSE);
  g_return_val_if_fail (e0 != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  for (gsize i = 0; i < n_preventions; i++)
    {
      g_return_val_if_fail (preventions[i].cause <= n_causes || preventions[i].cause == GW_DECOMP_ALL, FALSE);
      g_return_val_if_fail (preventions[i].first_band <= preventions[i].last_band, FALSE);
      g_return_val_if_fail (preventions[i].last_band < n_bands, FALSE);
      g_return_val_if_fail (preventions[i].deaths >= 0.0, FALSE);
    }

  counts.layout = layout;
  counts.n_bands = n_bands;
  counts.n_causes = n_causes;
  if (!check_n_bands (layout, n_bands, error) ||
      !counts_take_deaths (&counts, AREA, area, error))
    return FALSE;

  left = g_new (double, (gsize) n_bands * width);
  for (guint x = 0; x < n_bands; x++)
    {
      double rest = counts.deaths[AREA][x];

      for (guint c = 0; c < n_causes; c++)
        {
          left[x * width + c] = area->deaths_by_cause[c][x];
          rest -= area->deaths_by_cause[c][x];
        }
      left[x * width + n_causes] = MAX (rest, 0.0);
    }

  for (gsize i = 0; i < n_preventions; i++)
    {
      const GwDecompPrevention *prevention = &preventions[i];
      double available = 0.0, fewer = prevention->deaths * years;

      for (guint x = prevention->first_band; x <= prevention->last_band; x++)
        for (guint c = 0; c < width; c++)
          if (prevention->cause == GW_DECOMP_ALL || prevention->cause == c)
            available += left[x * width + c];

      /* Rounding of a request made from these very counts is not "too
       * many": allow the cause check's relative tolerance. */
      if (fewer > available * (1.0 + CAUSE_SUM_TOLERANCE) + CAUSE_SUM_TOLERANCE)
        {
          g_set_error (error, GW_DECOMP_ERROR, GW_DECOMP_ERROR_TOO_MANY,
                       _("%.1f fewer deaths a year at ages %s to %s is more than the area has there (%.1f a year)"),
                       prevention->deaths, band_name (layout, prevention->first_band),
                       band_name (layout, prevention->last_band), available / years);
          return FALSE;
        }
      if (available <= 0.0)
        continue;

      for (guint x = prevention->first_band; x <= prevention->last_band; x++)
        for (guint c = 0; c < width; c++)
          if (prevention->cause == GW_DECOMP_ALL || prevention->cause == c)
            left[x * width + c] = MAX (left[x * width + c] * (1.0 - fewer / available), 0.0);
    }

  deaths = g_new0 (double, n_bands);
  for (guint x = 0; x < n_bands; x++)
    for (guint c = 0; c < width; c++)
      deaths[x] += left[x * width + c];

  if (!population_life_table (layout, AREA, deaths, area->population, n_bands, &table, error))
    return FALSE;

  *e0 = table.rows[0].e;
  return TRUE;
}
