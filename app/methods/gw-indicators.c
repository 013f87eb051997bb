/* gw-indicators.c: indicators computed from a dataset's counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pass over each record table accumulates the counts into dense cells,
 * one per subject (area or group), sex and calendar year, with the monthly
 * deaths kept for the years that have them.  The tables are sorted by area,
 * sex, cause, basis, period and age (gw-key.h), so the pass is sequential.
 * Then every period's life table, rate and DSR is computed from the cells.
 */
#include "gw-indicators.h"
#include "gw-indicator-info.h"
#include "gw-life-table.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#define NB GW_N_AGE_BANDS
#define ROLLING_MONTHS 36

enum { IND_LE_BIRTH, IND_LE_65, IND_IMR, IND_AACM, N_BUILTIN };

typedef struct
{
  double   deaths[NB];        /* from yearly records */
  double   pop[NB];
  double   births;
  double (*months)[NB];       /* monthly deaths, [12][NB], or NULL */
  guint32  deaths_bands;      /* bit per band with a yearly deaths record */
  guint32  pop_bands;
  guint16  month_mask;        /* months with a monthly deaths record */
  guint16  births_month_mask;
  double   births_months;
  gboolean has_births;
  /* the twelve months summed once (cache_month_sum), for year_deaths */
  double   month_sum[NB];
  guint32  month_sum_bands;
  gboolean has_month_sum;
} Cell;

struct _GwIndicators
{
  gatomicrefcount ref_count;   /* a report written in a thread keeps them (gw_indicators_ref) */
  GPtrArray  *ids;             /* char*, NULL-terminated view in ids_view */
  GArray     *polarity;        /* GwPolarity per indicator */
  GArray     *values;          /* GwIndicatorValue */

  /* while computing */
  GwDataset  *dataset;
  guint       n_areas;
  guint       n_subjects;      /* areas, then groups */
  guint       y0, n_years;
  Cell       *cells;           /* [subject][sex][year] */
  guint       latest_month;    /* month index of the latest monthly deaths, 0 for none */
};

static inline Cell *
cell_at (GwIndicators *self, guint subject, GwSex sex, guint year)
{
  return &self->cells[((gsize) subject * GW_N_SEXES + sex) * self->n_years + (year - self->y0)];
}

const char *
gw_value_source_to_string (GwValueSource source)
{
  switch (source)
    {
    case GW_SOURCE_PUBLISHED:   return "published";
    case GW_SOURCE_PROVISIONAL: return "provisional";
    default:                    return "computed";
    }
}

/* Notes that are not life-table suppressions. */
static const struct { const char *code; const char *message; } notes[] = {
  { "suppressed", N_("suppressed by the publisher") },
  { "unreliable", N_("marked unreliable by the publisher") },
  { "not-available", N_("not available from the publisher") },
  /* xgettext:no-c-format */
  { "wide-ci", N_("95% confidence interval wider than 20 years; limits shown") },
  { "no-births", N_("no live births in the period") },
  { "too-few-deaths", N_("fewer than 10 deaths: no directly standardised rate") },
  { "incomplete-group", N_("not every member area has counts for the period") },
  { "pro-rated", N_("provisional: months without monthly counts pro-rated from yearly counts") },
};

const char *
gw_indicator_note_get_message (const char *note)
{
  if (note == NULL)
    return "";
  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    if (strcmp (notes[i].code, note) == 0)
      return _(notes[i].message);
  for (guint s = 1; s < GW_N_LIFE_TABLE_SUPPRESSIONS; s++)
    if (strcmp (gw_life_table_suppression_to_string (s), note) == 0)
      return gw_life_table_suppression_get_message (s);
  return note;
}

char *
gw_indicator_value_format_period (const GwIndicatorValue *v,
                                  char                   *buf)
{
  char a[GW_PERIOD_STRLEN];

  if (!v->rolling)
    return gw_period_format (v->period, buf);

  {
    guint last = gw_period_first_month_index (v->period);
    guint first = last - (ROLLING_MONTHS - 1);

    g_snprintf (buf, 32, "%04u-%02u/%s", first / 12, first % 12 + 1, gw_period_format (v->period, a));
  }
  return buf;
}

/* Accumulation */

static void
find_years (GwIndicators *self)
{
  guint lo = G_MAXUINT, hi = 0;

  for (GwRecordKind k = GW_RECORD_DEATHS; k <= GW_RECORD_BIRTHS; k++)
    {
      const GwTable *t = gw_dataset_get_table (self->dataset, k);
      const guint8 *rows = gw_table_rows (t);
      gsize size = gw_table_row_size (t);
      guint n = gw_table_n_rows (t);
      guint shift = k == GW_RECORD_BIRTHS ? 0 : 5;
      /* deaths keys hold a code of the period (gw-key.h): decoded on change */
      guint bits = k == GW_RECORD_DEATHS ? GW_KEY_DEATHS_PERIOD_BITS : GW_PERIOD_BITS;
      guint32 last = G_MAXUINT32;

      for (guint i = 0; i < n; i++)
        {
          guint32 code = GW_KEY_FIELD (gw_row_logical (*(const guint64 *) (rows + i * size)), shift, bits);
          GwPeriod period;

          if (code == last)
            continue;
          last = code;
          period = k == GW_RECORD_DEATHS ? _gw_key_deaths_period_decode (code) : code;
          lo = MIN (lo, gw_period_first_year (period));
          hi = MAX (hi, gw_period_last_year (period));
        }
    }
  if (lo > hi)
    lo = hi = 2000;
  self->y0 = lo;
  self->n_years = hi - lo + 1;
}

static void
accumulate_deaths (GwIndicators *self)
{
  const GwTable *t = gw_dataset_get_table (self->dataset, GW_RECORD_DEATHS);
  guint basis = gw_dataset_counted_basis (self->dataset);
  /* periods with all-cause rows for the current (area, sex): cause rows of
   * those periods are not added again */
  g_autoptr(GHashTable) all_cause = g_hash_table_new (NULL, NULL);
  guint cur_area = G_MAXUINT, cur_sex = G_MAXUINT;
  const guint8 *rows = gw_table_rows (t);
  gsize size = gw_table_row_size (t);
  guint n = gw_table_n_rows (t);
  /* the rows of one (area, sex, cause, basis, period) are consecutive, one
   * per age: decode and decide once per run, then add each age */
  guint64 run = G_MAXUINT64;
  double *target = NULL;
  guint32 *age_bands = NULL;

  for (guint i = 0; i < n; i++)
    {
      const GwCountRow *row = (const GwCountRow *) (rows + i * size);
      guint64 logical = gw_row_logical (row->key);
      guint age = GW_KEY_FIELD (logical, 0, 5);

      if ((logical >> 5) != run)
        {
          GwKeyFields f;
          Cell *c;

          run = logical >> 5;
          target = NULL;
          age_bands = NULL;
          gw_key_decode (GW_RECORD_DEATHS, logical, &f);
          if (f.basis != 0 && f.basis != basis)
            continue;
          if (f.area != cur_area || f.sex != cur_sex)
            {
              g_hash_table_remove_all (all_cause);
              cur_area = f.area;
              cur_sex = f.sex;
            }
          if (f.cause == GW_CAUSE_ALL)
            g_hash_table_add (all_cause, GUINT_TO_POINTER (f.period));
          else if (g_hash_table_contains (all_cause, GUINT_TO_POINTER (f.period)))
            continue;

          c = cell_at (self, f.area, f.sex, gw_period_first_year (f.period));
          switch (gw_period_kind (f.period))
            {
            case GW_PERIOD_YEAR:
              target = c->deaths;
              age_bands = &c->deaths_bands;
              break;
            case GW_PERIOD_MONTH:
              {
                guint m = gw_period_sub (f.period) - 1;

                if (c->months == NULL)
                  c->months = g_malloc0 (sizeof (double[12][NB]));
                target = c->months[m];
                c->month_mask |= 1u << m;
                self->latest_month = MAX (self->latest_month, gw_period_first_month_index (f.period));
              }
              break;
            default:
              /* quarters, financial years and pooled deaths are not split into
               * calendar years: left out of the computed indicators */
              break;
            }
        }
      if (target != NULL)
        {
          target[age] += row->value;
          if (age_bands != NULL)
            *age_bands |= 1u << age;
        }
    }
}

static void
accumulate_population_births (GwIndicators *self)
{
  const GwTable *t = gw_dataset_get_table (self->dataset, GW_RECORD_POPULATION);
  const guint8 *rows = gw_table_rows (t);
  gsize size = gw_table_row_size (t);

  for (guint i = 0; i < gw_table_n_rows (t); i++)
    {
      const GwCountRow *row = (const GwCountRow *) (rows + i * size);
      GwKeyFields f;
      Cell *c;

      gw_key_decode (GW_RECORD_POPULATION, gw_row_logical (row->key), &f);
      if (gw_period_kind (f.period) != GW_PERIOD_YEAR)
        continue;
      c = cell_at (self, f.area, f.sex, gw_period_first_year (f.period));
      c->pop[f.age] += row->value;
      c->pop_bands |= 1u << f.age;
    }

  t = gw_dataset_get_table (self->dataset, GW_RECORD_BIRTHS);
  for (guint i = 0; i < gw_table_n_rows (t); i++)
    {
      const GwCountRow *row = gw_table_row (t, i);
      GwKeyFields f;
      Cell *c;

      gw_key_decode (GW_RECORD_BIRTHS, gw_row_logical (row->key), &f);
      c = cell_at (self, f.area, f.sex, gw_period_first_year (f.period));
      if (gw_period_kind (f.period) == GW_PERIOD_YEAR)
        {
          c->births += row->value;
          c->has_births = TRUE;
        }
      else if (gw_period_kind (f.period) == GW_PERIOD_MONTH)
        {
          c->births_months += row->value;
          c->births_month_mask |= 1u << (gw_period_sub (f.period) - 1);
        }
    }
}

/* A year's deaths: yearly records, else twelve months of monthly ones. */
static gboolean
year_deaths (const Cell *c, double out[NB], guint32 *bands)
{
  if (c->deaths_bands != 0)
    {
      memcpy (out, c->deaths, sizeof (double[NB]));
      *bands = c->deaths_bands;
      return TRUE;
    }
  if (c->has_month_sum)
    {
      memcpy (out, c->month_sum, sizeof (double[NB]));
      *bands = c->month_sum_bands;
      return TRUE;
    }
  if (c->month_mask == 0xfff)
    {
      memset (out, 0, sizeof (double[NB]));
      *bands = 0;
      for (guint m = 0; m < 12; m++)
        for (guint b = 0; b < NB; b++)
          {
            out[b] += c->months[m][b];
            if (c->months[m][b] != 0)
              *bands |= 1u << b;
          }
      /* a band absent from every month is a band with no deaths */
      *bands |= c->pop_bands;
      return TRUE;
    }
  return FALSE;
}

/* Sums a complete monthly year once: year_deaths is called for every
 * period that pools the year. */
static void
cache_month_sum (Cell *c)
{
  c->has_month_sum = FALSE;
  if (c->deaths_bands == 0 && c->month_mask == 0xfff)
    c->has_month_sum = year_deaths (c, c->month_sum, &c->month_sum_bands);
}

static void
complete_year_births (Cell *c)
{
  if (!c->has_births && c->births_month_mask == 0xfff)
    {
      c->births = c->births_months;
      c->has_births = TRUE;
    }
}

/* Persons from men and women where the exports give no persons counts. */
static void
derive_persons (GwIndicators *self, guint subject, guint year)
{
  Cell *m = cell_at (self, subject, GW_SEX_MALE, year);
  Cell *f = cell_at (self, subject, GW_SEX_FEMALE, year);
  Cell *p = cell_at (self, subject, GW_SEX_PERSONS, year);
  double dm[NB], df[NB];
  guint32 bm, bf;

  if (p->deaths_bands == 0 && p->month_mask == 0 && year_deaths (m, dm, &bm) && year_deaths (f, df, &bf))
    {
      for (guint b = 0; b < NB; b++)
        p->deaths[b] = dm[b] + df[b];
      p->deaths_bands = bm & bf;
    }
  if (p->month_mask == 0 && p->deaths_bands == 0 && m->months != NULL && f->months != NULL)
    {
      p->months = g_malloc0 (sizeof (double[12][NB]));
      for (guint k = 0; k < 12; k++)
        for (guint b = 0; b < NB; b++)
          p->months[k][b] = m->months[k][b] + f->months[k][b];
      p->month_mask = m->month_mask & f->month_mask;
    }
  if (p->pop_bands == 0 && m->pop_bands != 0 && f->pop_bands != 0)
    {
      for (guint b = 0; b < NB; b++)
        p->pop[b] = m->pop[b] + f->pop[b];
      p->pop_bands = m->pop_bands & f->pop_bands;
    }
  complete_year_births (m);
  complete_year_births (f);
  complete_year_births (p);
  cache_month_sum (p);
  if (!p->has_births && m->has_births && f->has_births)
    {
      p->births = m->births + f->births;
      p->has_births = TRUE;
    }
}

/* A group's cell is the sum of its members', when every member has the
 * counts (else the group has none for that year and sex). */
static void
sum_group (GwIndicators *self, guint group, GArray *members, GwSex sex, guint year)
{
  Cell *g = cell_at (self, self->n_areas + group, sex, year);
  gboolean deaths_ok = TRUE, pop_ok = TRUE, births_ok = TRUE, months_ok = TRUE;
  guint16 month_mask = 0xfff;

  if (members->len == 0)
    return;

  for (guint i = 0; i < members->len; i++)
    {
      const Cell *c = cell_at (self, g_array_index (members, guint, i), sex, year);
      double d[NB];
      guint32 bands;

      deaths_ok &= year_deaths (c, d, &bands);
      pop_ok &= c->pop_bands != 0;
      births_ok &= c->has_births;
      months_ok &= c->months != NULL;
      if (c->months != NULL)
        month_mask &= c->month_mask;
    }

  for (guint i = 0; i < members->len; i++)
    {
      const Cell *c = cell_at (self, g_array_index (members, guint, i), sex, year);
      double d[NB];
      guint32 bands;

      if (deaths_ok && year_deaths (c, d, &bands))
        {
          for (guint b = 0; b < NB; b++)
            g->deaths[b] += d[b];
          g->deaths_bands = i == 0 ? bands : (g->deaths_bands & bands);
        }
      if (pop_ok)
        {
          for (guint b = 0; b < NB; b++)
            g->pop[b] += c->pop[b];
          g->pop_bands = i == 0 ? c->pop_bands : (g->pop_bands & c->pop_bands);
        }
      if (births_ok)
        g->births += c->births;
      if (months_ok && month_mask != 0)
        {
          if (g->months == NULL)
            g->months = g_malloc0 (sizeof (double[12][NB]));
          for (guint k = 0; k < 12; k++)
            for (guint b = 0; b < NB; b++)
              g->months[k][b] += c->months[k][b];
        }
    }
  g->has_births = births_ok;
  if (months_ok)
    g->month_mask = month_mask;
  cache_month_sum (g);
}

/* Computation of one period */

typedef struct
{
  double   deaths[NB];
  double   pop[NB];
  guint32  deaths_bands;
  guint32  pop_bands;
  double   births;
  gboolean has_births;
  gboolean complete;       /* deaths and populations for every year */
  gboolean pro_rated;
} Pooled;

static void
add_value (GwIndicators *self, GwIndicatorValue *v)
{
  g_array_append_vals (self->values, v, 1);
}

static void
init_value (GwIndicatorValue *v, guint indicator, gboolean is_group, guint subject,
            GwSex sex, GwPeriod period, gboolean rolling)
{
  memset (v, 0, sizeof *v);
  v->indicator = indicator;
  v->is_group = is_group;
  v->subject = subject;
  v->sex = sex;
  v->period = period;
  v->rolling = rolling;
  v->value = v->lower95 = v->upper95 = v->lower998 = v->upper998 = NAN;
  v->count = v->denominator = NAN;
  v->source = rolling ? GW_SOURCE_PROVISIONAL : GW_SOURCE_COMPUTED;
}

/* The life-table layout of pooled counts: 90+ when deaths and populations
 * both have 85-89 and 90+ and no 85+; else everything from 85 collapsed. */
static GwLifeTableLayout
choose_layout (Pooled *p)
{
  guint32 detail = (1u << GW_AGE_85_89) | (1u << GW_AGE_90_PLUS);
  guint32 open85 = 1u << GW_AGE_85_PLUS;

  if ((p->deaths_bands & detail) == detail && (p->pop_bands & detail) == detail
      && !(p->deaths_bands & open85) && !(p->pop_bands & open85))
    return GW_LIFE_TABLE_LAYOUT_90_PLUS;

  if ((p->pop_bands & (detail | open85)) != 0)
    {
      p->deaths[GW_AGE_85_PLUS] += p->deaths[GW_AGE_85_89] + p->deaths[GW_AGE_90_PLUS];
      p->pop[GW_AGE_85_PLUS] += p->pop[GW_AGE_85_89] + p->pop[GW_AGE_90_PLUS];
      p->deaths[GW_AGE_85_89] = p->deaths[GW_AGE_90_PLUS] = 0;
      p->pop[GW_AGE_85_89] = p->pop[GW_AGE_90_PLUS] = 0;
      if (p->pop_bands & (detail | open85))
        p->pop_bands |= open85;
      p->deaths_bands |= open85;
    }
  return GW_LIFE_TABLE_LAYOUT_85_PLUS;
}

/* Where the values of one subject, sex and period go, and what they are of:
 * the pooled counts, as life-table input in the chosen layout. */
typedef struct
{
  GArray            *out;         /* GwIndicatorValue */
  gboolean           is_group;
  guint              subject;
  GwSex              sex;
  GwPeriod           period;
  gboolean           rolling;
  const Pooled      *p;
  GwLifeTableLayout  layout;
  GwLifeTableInput   input[GW_LIFE_TABLE_MAX_BANDS];
  guint              n_input;     /* bands with a population */
  guint              n_bands;     /* bands of the layout */
  double             total_deaths;
  double             total_pop;
} PeriodCounts;

static void
start_value (const PeriodCounts *pc, GwIndicatorValue *v, guint indicator)
{
  init_value (v, indicator, pc->is_group, pc->subject, pc->sex, pc->period, pc->rolling);
}

/* Life expectancy at birth and at 65: Chiang II with Silcocks' final band
 * (help/C/method-life-expectancy.page; Public Health England, PHEindicatormethods). */
static void
compute_life_expectancy (const PeriodCounts *pc)
{
  g_autoptr(GError) error = NULL;
  GwLifeTable table;
  gboolean ok;

  ok = gw_life_table_compute (pc->layout, pc->input, pc->n_input, GW_Z_95, GW_Z_998, &table, &error);
  for (guint k = 0; k < 2; k++)
    {
      const GwLifeTableRow *row;
      GwIndicatorValue v;

      start_value (pc, &v, k == 0 ? IND_LE_BIRTH : IND_LE_65);
      v.final_start_age = gw_life_table_layout_final_start_age (pc->layout);
      v.count = pc->total_deaths;
      v.denominator = pc->total_pop;
      if (pc->p->pro_rated)
        v.note = "pro-rated";
      if (!ok)
        v.note = gw_life_table_suppression_to_string (table.suppression);
      else if ((row = gw_life_table_get_row_at_age (&table, k == 0 ? 0 : 65)) != NULL)
        {
          v.value = row->value;
          v.lower95 = row->lower95;
          v.upper95 = row->upper95;
          v.lower998 = row->lower998;
          v.upper998 = row->upper998;
          if (row->wide_ci)
            v.note = "wide-ci";
        }
      g_array_append_val (pc->out, v);
    }
}

/* Infant mortality per 1,000 live births, exact Poisson limits (Byar). */
static void
compute_infant_mortality (const PeriodCounts *pc)
{
  GwEstimate e95, e998;
  GwIndicatorValue v;

  if (!pc->p->has_births)
    return;
  start_value (pc, &v, IND_IMR);
  v.count = pc->p->deaths[GW_AGE_0];
  v.denominator = pc->p->births;
  if (pc->p->pro_rated)
    v.note = "pro-rated";
  if (pc->p->births > 0
      && gw_crude_rate (v.count, v.denominator, 1000.0, 0.95, &e95, NULL)
      && gw_crude_rate (v.count, v.denominator, 1000.0, 0.998, &e998, NULL))
    {
      v.value = e95.value;
      v.lower95 = e95.lower;
      v.upper95 = e95.upper;
      v.lower998 = e998.lower;
      v.upper998 = e998.upper;
    }
  else
    v.note = "no-births";
  g_array_append_val (pc->out, v);
}

/* All-age all-cause mortality: the directly standardised rate per 100,000
 * on the European Standard Population 2013, Dobson's limits. */
static void
compute_standardised_rate (const PeriodCounts *pc)
{
  double obs[GW_LIFE_TABLE_MAX_BANDS], pops[GW_LIFE_TABLE_MAX_BANDS], w[GW_LIFE_TABLE_MAX_BANDS];
  GwEstimate e95, e998;
  GwIndicatorValue v;

  for (guint i = 0; i < pc->n_input; i++)
    {
      obs[i] = pc->input[i].deaths;
      pops[i] = pc->input[i].population;
      w[i] = gw_esp2013_weight (pc->input[i].band);
    }
  start_value (pc, &v, IND_AACM);
  v.count = pc->total_deaths;
  v.denominator = pc->total_pop;
  if (pc->n_input != pc->n_bands)
    v.note = gw_life_table_suppression_to_string (GW_LIFE_TABLE_BAND_MISSING);
  else if (pc->total_deaths < 10)
    v.note = "too-few-deaths";
  else if (gw_dsr (obs, pops, w, pc->n_input, 100000.0, 0.95, &e95, NULL)
           && gw_dsr (obs, pops, w, pc->n_input, 100000.0, 0.998, &e998, NULL))
    {
      v.value = e95.value;
      v.lower95 = e95.lower;
      v.upper95 = e95.upper;
      v.lower998 = e998.lower;
      v.upper998 = e998.upper;
      if (pc->p->pro_rated)
        v.note = "pro-rated";
    }
  else
    v.note = gw_life_table_suppression_to_string (GW_LIFE_TABLE_NONPOSITIVE_POPULATION);
  g_array_append_val (pc->out, v);
}

/* Every built-in indicator of one subject, sex and period from its pooled
 * counts, appended to out. */
static void
compute_period (GArray *out, gboolean is_group, guint subject, GwSex sex,
                GwPeriod period, gboolean rolling, const Pooled *p)
{
  PeriodCounts pc = { out, is_group, subject, sex, period, rolling, p, choose_layout ((Pooled *) p), };

  pc.n_bands = gw_life_table_layout_n_bands (pc.layout);
  for (guint i = 0; i < pc.n_bands; i++)
    {
      GwAgeBand band = gw_life_table_layout_band (pc.layout, i);

      /* a band without population is missing; one without deaths had none */
      if (!(p->pop_bands & (1u << band)))
        continue;
      pc.input[pc.n_input].band = band;
      pc.input[pc.n_input].deaths = p->deaths[band];
      pc.input[pc.n_input].population = p->pop[band];
      pc.total_deaths += p->deaths[band];
      pc.total_pop += p->pop[band];
      pc.n_input++;
    }

  compute_life_expectancy (&pc);
  compute_infant_mortality (&pc);
  compute_standardised_rate (&pc);
}

/* Sums the years first..last of a subject and sex. */
static gboolean
pool_years (GwIndicators *self, guint subject, GwSex sex, guint first, guint last, Pooled *p)
{
  memset (p, 0, sizeof *p);
  p->deaths_bands = p->pop_bands = G_MAXUINT32;
  p->has_births = TRUE;

  for (guint y = first; y <= last; y++)
    {
      const Cell *c = cell_at (self, subject, sex, y);
      double d[NB];
      guint32 bands;

      if (!year_deaths (c, d, &bands) || c->pop_bands == 0)
        return FALSE;
      for (guint b = 0; b < NB; b++)
        {
          p->deaths[b] += d[b];
          p->pop[b] += c->pop[b];
        }
      p->deaths_bands &= bands;
      p->pop_bands &= c->pop_bands;
      p->births += c->births;
      p->has_births &= c->has_births;
    }
  return TRUE;
}

/* The 36 months to the latest month with deaths.  A month of a year with
 * only yearly deaths gets a twelfth of them (said in the note); a year
 * without population takes the latest earlier one. */
static gboolean
pool_rolling (GwIndicators *self, guint subject, GwSex sex, Pooled *p)
{
  guint last = self->latest_month, first;
  const Cell *pop_cell = NULL;

  if (last == 0 || last < ROLLING_MONTHS)
    return FALSE;
  first = last - (ROLLING_MONTHS - 1);
  memset (p, 0, sizeof *p);
  p->has_births = TRUE;

  for (guint mi = first; mi <= last; mi++)
    {
      guint y = mi / 12, m = mi % 12;
      const Cell *c;

      if (y < self->y0 || y >= self->y0 + self->n_years)
        return FALSE;
      c = cell_at (self, subject, sex, y);
      if (c->months != NULL && (c->month_mask & (1u << m)))
        for (guint b = 0; b < NB; b++)
          p->deaths[b] += c->months[m][b];
      else if (c->deaths_bands != 0)
        {
          for (guint b = 0; b < NB; b++)
            p->deaths[b] += c->deaths[b] / 12.0;
          /* a whole year of twelfths is the year itself: only a year cut by
           * the window is an estimate */
          if (mi == first ? m != 0 : (mi == last && m != 11))
            p->pro_rated = TRUE;
        }
      else
        return FALSE;
      p->deaths_bands |= c->deaths_bands | c->pop_bands;

      if (c->pop_bands != 0)
        pop_cell = c;
      else if (pop_cell == NULL)
        {
          /* carry forward from the latest earlier year with a population */
          for (guint yy = y; yy > self->y0 && pop_cell == NULL; yy--)
            if (cell_at (self, subject, sex, yy - 1)->pop_bands != 0)
              pop_cell = cell_at (self, subject, sex, yy - 1);
          if (pop_cell == NULL)
            return FALSE;
        }
      for (guint b = 0; b < NB; b++)
        p->pop[b] += pop_cell->pop[b] / 12.0;
      p->pop_bands = pop_cell->pop_bands;

      if (c->has_births)
        p->births += c->births / 12.0;
      else
        p->has_births = FALSE;
    }
  return TRUE;
}

static void
compute_subject (GwIndicators *self, GArray *out, gboolean is_group, guint subject)
{
  guint s = is_group ? self->n_areas + subject : subject;

  for (GwSex sex = GW_SEX_MALE; sex <= GW_SEX_PERSONS; sex++)
    {
      Pooled p;

      for (guint y = self->y0; y < self->y0 + self->n_years; y++)
        if (pool_years (self, s, sex, y, y, &p))
          compute_period (out, is_group, subject, sex, gw_period_year (y), FALSE, &p);
      for (guint y = self->y0; y + 2 < self->y0 + self->n_years; y++)
        if (pool_years (self, s, sex, y, y + 2, &p))
          compute_period (out, is_group, subject, sex, gw_period_pooled (y, y + 2), FALSE, &p);
      if (pool_rolling (self, s, sex, &p))
        compute_period (out, is_group, subject, sex,
                        gw_period_month (self->latest_month / 12, self->latest_month % 12 + 1),
                        TRUE, &p);
    }
}

/* The subjects first..last-1 (areas, then groups) of one worker. */
typedef struct
{
  GwIndicators *self;
  guint         first;
  guint         last;
  GArray       *out;
} Worker;

static gpointer
worker_run (gpointer data)
{
  Worker *w = data;

  for (guint s = w->first; s < w->last; s++)
    {
      gboolean is_group = s >= w->self->n_areas;

      compute_subject (w->self, w->out, is_group, is_group ? s - w->self->n_areas : s);
    }
  return NULL;
}

/* Every subject's values, on as many threads as there are processors (at
 * most 8).  The cells are only read here, each worker appends to its own
 * array, and the arrays are joined in subject order: the same values in the
 * same order whatever the number of threads. */
static void
compute_subjects (GwIndicators *self)
{
  guint n_threads = CLAMP (g_get_num_processors (), 1, 8);
  Worker workers[8];
  GThread *threads[8] = { NULL, };

  /* a thread costs more than a few subjects take */
  if (self->n_subjects < 64)
    n_threads = 1;
  for (guint k = 0; k < n_threads; k++)
    {
      workers[k].self = self;
      workers[k].first = (guint) ((guint64) self->n_subjects * k / n_threads);
      workers[k].last = (guint) ((guint64) self->n_subjects * (k + 1) / n_threads);
      workers[k].out = k == 0 ? self->values : g_array_new (FALSE, FALSE, sizeof (GwIndicatorValue));
      if (k > 0)
        threads[k] = g_thread_new ("gw-indicators", worker_run, &workers[k]);
    }
  worker_run (&workers[0]);
  for (guint k = 1; k < n_threads; k++)
    {
      g_thread_join (threads[k]);
      g_array_append_vals (self->values, workers[k].out->data, workers[k].out->len);
      g_array_unref (workers[k].out);
    }
}

/* Published values */

static void
add_published (GwIndicators *self)
{
  const GwTable *t = gw_dataset_get_table (self->dataset, GW_RECORD_VALUES);

  for (guint i = 0; i < gw_table_n_rows (t); i++)
    {
      const GwValueRow *row = gw_table_row (t, i);
      const GwIndicatorDef *def;
      GwKeyFields f;
      GwIndicatorValue v;
      gint ind = -1;

      gw_key_decode (GW_RECORD_VALUES, gw_row_logical (row->key), &f);
      /* values by decile sort after every subject's own (gw-key.h) and are
       * not the subject's value */
      if (f.decile != 0)
        break;
      def = gw_dataset_get_indicator (self->dataset, f.indicator);
      for (guint k = 0; k < self->ids->len; k++)
        if (g_strcmp0 (g_ptr_array_index (self->ids, k), def->id) == 0)
          ind = k;
      if (ind < 0)
        {
          GwPolarity pol = def->polarity;

          ind = self->ids->len;
          g_ptr_array_add (self->ids, g_strdup (def->id));
          g_array_append_val (self->polarity, pol);
        }

      init_value (&v, ind, f.is_group, f.area, f.sex, f.period, FALSE);
      v.source = GW_SOURCE_PUBLISHED;
      v.value = row->value;
      v.lower95 = row->lower;
      v.upper95 = row->upper;
      v.count = row->count;
      v.denominator = row->denominator;
      if (row->note != GW_NOTE_NONE)
        v.note = gw_note_to_string (row->note);
      add_value (self, &v);
    }
}

static int
compare_values (gconstpointer a, gconstpointer b)
{
  const GwIndicatorValue *x = a, *y = b;

#define CMP(f) if (x->f != y->f) return x->f < y->f ? -1 : 1
  CMP (indicator);
  CMP (is_group);
  CMP (subject);
  CMP (sex);
  CMP (rolling);
  CMP (period);
  /* published first, so the dedup below keeps it */
  CMP (source);
#undef CMP
  return 0;
}

/* Published wins: of the values with the same key, keep the first. */
static void
sort_and_resolve (GwIndicators *self)
{
  guint w = 0;

  g_array_sort (self->values, compare_values);
  for (guint i = 0; i < self->values->len; i++)
    {
      GwIndicatorValue *v = &g_array_index (self->values, GwIndicatorValue, i);

      if (w > 0)
        {
          GwIndicatorValue *prev = &g_array_index (self->values, GwIndicatorValue, w - 1);

          if (prev->indicator == v->indicator && prev->is_group == v->is_group
              && prev->subject == v->subject && prev->sex == v->sex
              && prev->rolling == v->rolling && prev->period == v->period)
            continue;
        }
      if (w != i)
        g_array_index (self->values, GwIndicatorValue, w) = *v;
      w++;
    }
  g_array_set_size (self->values, w);
}

static void
compare_with_england (GwIndicators *self)
{
  gint england = gw_dataset_get_country (self->dataset);

  if (england < 0)
    return;

  for (guint i = 0; i < self->values->len; i++)
    {
      GwIndicatorValue *v = &g_array_index (self->values, GwIndicatorValue, i);
      guint start, n;

      if (isnan (v->value) || isnan (v->lower95) || isnan (v->upper95)
          || (!v->is_group && v->subject == (guint) england))
        continue;
      n = gw_indicators_series (self, v->indicator, FALSE, england, v->sex, &start);
      for (guint k = start; k < start + n; k++)
        {
          const GwIndicatorValue *e = &g_array_index (self->values, GwIndicatorValue, k);

          if (e->period == v->period && e->rolling == v->rolling && !isnan (e->value))
            {
              v->compared = gw_compare_with_benchmark (e->value, v->lower95, v->upper95,
                                                       gw_indicators_get_polarity (self, v->indicator));
              break;
            }
        }
    }
}

GwIndicators *
gw_indicators_compute (GwDataset *dataset)
{
  GwIndicators *self;
  guint n_groups;

  g_return_val_if_fail (GW_IS_DATASET (dataset), NULL);

  self = g_new0 (GwIndicators, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->ids = g_ptr_array_new_with_free_func (g_free);
  self->polarity = g_array_new (FALSE, FALSE, sizeof (GwPolarity));
  /* the built-ins, in the registry's order (the IND_* numbers) */
  for (guint i = 0; i < N_BUILTIN; i++)
    {
      const char *id = gw_indicator_info_builtin_ids ()[i];
      GwPolarity pol = gw_indicator_info_polarity (NULL, id);

      g_ptr_array_add (self->ids, g_strdup (id));
      g_array_append_val (self->polarity, pol);
    }
  self->values = g_array_new (FALSE, FALSE, sizeof (GwIndicatorValue));
  self->dataset = dataset;

  gw_dataset_read_lock (dataset);

  self->n_areas = gw_dataset_n_areas (dataset);
  n_groups = gw_dataset_n_groups (dataset);
  self->n_subjects = self->n_areas + n_groups;
  find_years (self);
  self->cells = g_new0 (Cell, (gsize) MAX (self->n_subjects, 1) * GW_N_SEXES * self->n_years);

  accumulate_deaths (self);
  accumulate_population_births (self);
  for (gsize i = 0; i < (gsize) self->n_areas * GW_N_SEXES * self->n_years; i++)
    cache_month_sum (&self->cells[i]);
  for (guint a = 0; a < self->n_areas; a++)
    for (guint y = self->y0; y < self->y0 + self->n_years; y++)
      derive_persons (self, a, y);
  for (guint g = 0; g < n_groups; g++)
    {
      g_autoptr(GArray) members = gw_dataset_group_members (dataset, g);

      for (guint y = self->y0; y < self->y0 + self->n_years; y++)
        for (GwSex sex = GW_SEX_MALE; sex <= GW_SEX_PERSONS; sex++)
          sum_group (self, g, members, sex, y);
    }

  compute_subjects (self);

  /* published values, for the built-in and every other indicator: indicator
   * ids of the dataset are matched by name */
  add_published (self);

  gw_dataset_read_unlock (dataset);

  for (gsize i = 0; i < (gsize) self->n_subjects * GW_N_SEXES * self->n_years; i++)
    g_free (self->cells[i].months);
  g_clear_pointer (&self->cells, g_free);

  sort_and_resolve (self);
  compare_with_england (self);
  g_ptr_array_add (self->ids, NULL);
  g_ptr_array_set_size (self->ids, self->ids->len - 1);
  self->dataset = NULL;
  return self;
}

/* Values are never changed once computed, so a thread may read them while
 * the session replaces its own (gw_indicators_free of its reference). */
GwIndicators *
gw_indicators_ref (GwIndicators *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
gw_indicators_free (GwIndicators *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_ptr_array_unref (self->ids);
  g_array_unref (self->polarity);
  g_array_unref (self->values);
  g_free (self);
}

const char *const *
gw_indicators_get_ids (GwIndicators *self)
{
  /* pdata is NULL-terminated since gw_indicators_compute(), and ids never
   * change after it: a pure read, safe beside a thread reading them */
  return (const char *const *) self->ids->pdata;
}

gint
gw_indicators_lookup_id (GwIndicators *self,
                         const char   *id)
{
  for (guint i = 0; i < self->ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->ids, i), id) == 0)
      return i;
  return -1;
}

GwPolarity
gw_indicators_get_polarity (GwIndicators *self,
                            guint         indicator)
{
  g_return_val_if_fail (indicator < self->polarity->len, GW_POLARITY_NONE);
  return g_array_index (self->polarity, GwPolarity, indicator);
}

guint
gw_indicators_n_values (GwIndicators *self)
{
  return self->values->len;
}

const GwIndicatorValue *
gw_indicators_get_value (GwIndicators *self,
                         guint         index)
{
  g_return_val_if_fail (index < self->values->len, NULL);
  return &g_array_index (self->values, GwIndicatorValue, index);
}

guint
gw_indicators_series (GwIndicators *self,
                      guint         indicator,
                      gboolean      is_group,
                      guint         subject,
                      GwSex         sex,
                      guint        *start)
{
  GwIndicatorValue key = { 0 };
  guint lo = 0, hi = self->values->len, first;

  key.indicator = indicator;
  key.is_group = is_group;
  key.subject = subject;
  key.sex = sex;

  /* lower bound of (indicator, is_group, subject, sex) */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const GwIndicatorValue *v = &g_array_index (self->values, GwIndicatorValue, mid);
      int c = v->indicator != key.indicator ? (v->indicator < key.indicator ? -1 : 1)
            : v->is_group != key.is_group ? (v->is_group < key.is_group ? -1 : 1)
            : v->subject != key.subject ? (v->subject < key.subject ? -1 : 1)
            : v->sex != key.sex ? (v->sex < key.sex ? -1 : 1) : 0;

      if (c < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  first = lo;
  while (lo < self->values->len)
    {
      const GwIndicatorValue *v = &g_array_index (self->values, GwIndicatorValue, lo);

      if (v->indicator != indicator || v->is_group != is_group || v->subject != subject || v->sex != sex)
        break;
      lo++;
    }
  *start = first;
  return lo - first;
}
