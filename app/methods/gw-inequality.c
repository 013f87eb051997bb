/* gw-inequality.c: the SII from published values by decile, or from small
 * areas' counts pooled by IMD decile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Published values win over counts (gw_inequality_compute()), as they do
 * for every indicator (export-format.md: published indicator values win
 * over values Gapwatch computes from counts): they are the official figure
 * a director compares with (PHOF 0.2iii on Fingertips), and when both come
 * from the same data they give the same SII (tests/test-cli.c).
 *
 * gw_inequality_new() reads the counts of the period once: for every small
 * area and sex, deaths and populations by age band summed over the period's
 * years (a national set has some 33,000 LSOAs, so only the period's years
 * are kept, not a cell per year as the indicator engine keeps).  Each SII
 * then only adds up its small areas' arrays by decile.
 */
#include "gw-inequality.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#define NB GW_N_AGE_BANDS
/* An SII is given for men and for women. */
#define N_SII_SEXES 2
#define ALL_MONTHS 0xfff
/* Parent chains are short (LSOA, MSOA, district, region, country); a longer
 * one is a cycle the exports should not have. */
#define MAX_PARENT_DEPTH 16

typedef struct
{
  guint      area;       /* dataset area number */
  guint      decile;     /* 1..10 */
  GwAreaType type;       /* LSOA or MSOA */
} SmallArea;

/* One small area and sex over the whole period. */
typedef struct
{
  double   deaths[NB];
  double   pop[NB];
  guint32  deaths_bands;   /* bands with deaths records in every year */
  guint32  pop_bands;      /* bands with populations in every year */
  gboolean complete;       /* deaths and populations in every year */
} Counts;

/* One year of a small area and sex, while the tables are read. */
typedef struct
{
  guint32  deaths_bands;   /* yearly deaths records */
  guint32  pop_bands;
  guint16  month_mask;     /* months with monthly deaths records */
  double  *month_deaths;   /* NB: the months summed, or NULL */
} Year;

struct _GwInequality
{
  GwDataset *dataset;        /* owned */
  GwPeriod   period;         /* of the counts */
  gboolean   latest;         /* asked for 0: each subject's latest period */
  guint      first_year;
  guint      n_years;
  GArray    *small;          /* SmallArea, in area order */
  gint      *small_of_area;  /* per dataset area: its index in small, or -1 */
  GPtrArray *below;          /* per dataset area: GArray of small indexes, or NULL */
  Counts    *counts;         /* [small][sex] */
};

G_DEFINE_QUARK (gw-inequality-error-quark, gw_inequality_error)

static gboolean
is_small_area (const GwArea *a)
{
  return (a->type == GW_AREA_LSOA || a->type == GW_AREA_MSOA)
         && a->imd_decile >= 1 && a->imd_decile <= GW_INEQUALITY_N_DECILES
         && a->parent >= 0;
}

/* The rows of one area in a deaths or population table (keys start with the
 * area: gw-key.h). */
static guint
area_rows (GwDataset *dataset, GwRecordKind kind, guint area, guint *start)
{
  const GwTable *t = gw_dataset_get_table (dataset, kind);
  guint64 first, next;

  if (kind == GW_RECORD_DEATHS)
    {
      first = gw_key_deaths (area, 0, 0, 0, 0, 0);
      next = gw_key_deaths (area + 1, 0, 0, 0, 0, 0);
    }
  else
    {
      first = gw_key_population (area, 0, 0, 0);
      next = gw_key_population (area + 1, 0, 0, 0);
    }
  return gw_table_range (t, first, next - 1, start);
}

static const GwCountRow *
count_row (GwDataset *dataset, GwRecordKind kind, guint index)
{
  return gw_table_row (gw_dataset_get_table (dataset, kind), index);
}

/* Which years have deaths (yearly, or all twelve months) and populations of
 * small areas: has_year[y - GW_PERIOD_YEAR_MIN].  Takes the read lock. */
static guint8 *
small_area_years (GwDataset *dataset)
{
  guint n_years = GW_PERIOD_YEAR_MAX - GW_PERIOD_YEAR_MIN + 1;
  g_autofree guint8 *has_deaths = g_new0 (guint8, n_years);
  g_autofree guint8 *has_pop = g_new0 (guint8, n_years);
  g_autofree guint16 *months = g_new0 (guint16, n_years);
  guint8 *has_year = g_new0 (guint8, n_years);

  gw_dataset_read_lock (dataset);
  for (guint a = 0; a < gw_dataset_n_areas (dataset); a++)
    {
      guint start, n;
      GwPeriod last = 0;

      if (!is_small_area (gw_dataset_get_area (dataset, a)))
        continue;
      n = area_rows (dataset, GW_RECORD_DEATHS, a, &start);
      for (guint i = start; i < start + n; i++)
        {
          GwKeyFields f;

          gw_key_decode (GW_RECORD_DEATHS, gw_row_logical (count_row (dataset, GW_RECORD_DEATHS, i)->key), &f);
          if (f.period == last)
            continue;
          last = f.period;
          if (gw_period_kind (f.period) == GW_PERIOD_YEAR)
            has_deaths[gw_period_first_year (f.period) - GW_PERIOD_YEAR_MIN] = TRUE;
          else if (gw_period_kind (f.period) == GW_PERIOD_MONTH)
            months[gw_period_first_year (f.period) - GW_PERIOD_YEAR_MIN] |= 1u << (gw_period_sub (f.period) - 1);
        }
      n = area_rows (dataset, GW_RECORD_POPULATION, a, &start);
      for (guint i = start; i < start + n; i++)
        {
          GwKeyFields f;

          gw_key_decode (GW_RECORD_POPULATION, gw_row_logical (count_row (dataset, GW_RECORD_POPULATION, i)->key), &f);
          if (gw_period_kind (f.period) == GW_PERIOD_YEAR)
            has_pop[gw_period_first_year (f.period) - GW_PERIOD_YEAR_MIN] = TRUE;
        }
    }
  gw_dataset_read_unlock (dataset);

  for (guint y = 0; y < n_years; y++)
    has_year[y] = (has_deaths[y] || months[y] == ALL_MONTHS) && has_pop[y];
  return has_year;
}

/* The periods of span years each of whose years has small areas' counts, in
 * order (rolling: 2002-2004, 2003-2005, ...). */
static GArray *
list_periods (GwDataset *dataset, guint span)
{
  guint n_years = GW_PERIOD_YEAR_MAX - GW_PERIOD_YEAR_MIN + 1;
  g_autofree guint8 *has_year = small_area_years (dataset);
  GArray *periods = g_array_new (FALSE, FALSE, sizeof (GwPeriod));

  for (guint y = 0; y + span <= n_years; y++)
    {
      gboolean all = TRUE;
      GwPeriod period;

      for (guint k = y; k < y + span; k++)
        all &= has_year[k];
      if (!all)
        continue;
      period = span == 1 ? gw_period_year (GW_PERIOD_YEAR_MIN + y)
                         : gw_period_pooled (GW_PERIOD_YEAR_MIN + y, GW_PERIOD_YEAR_MIN + y + span - 1);
      g_array_append_val (periods, period);
    }
  return periods;
}

/**
 * gw_inequality_latest_period:
 * @dataset: the dataset
 *
 * The latest pooled 3-year period (2016-2018) each of whose years has
 * deaths (yearly, or all twelve months) and populations of small areas: the
 * default period of the SII, as the published one is pooled over three
 * years.  Takes the dataset's read lock.
 *
 * Returns: the period, or 0 when there is none
 */
GwPeriod
gw_inequality_latest_period (GwDataset *dataset)
{
  g_autoptr(GArray) periods = NULL;

  g_return_val_if_fail (GW_IS_DATASET (dataset), 0);

  periods = list_periods (dataset, 3);
  return periods->len > 0 ? g_array_index (periods, GwPeriod, periods->len - 1) : 0;
}


/* --- published values by decile --------------------------------------------- */

/* The indicators whose deciles give an SII of life expectancy. */
static const char *const le_indicators[] = { "le-birth", "le-65" };

static const char *
indicator_of_age (guint start_age)
{
  return start_age == 65 ? le_indicators[1] : le_indicators[0];
}

/* Whether a is an earlier period than b: by last year, so that 2016-2018
 * is before 2017 and 2017-2019. */
static gboolean
period_before (GwPeriod a, GwPeriod b)
{
  return gw_period_last_year (a) < gw_period_last_year (b)
         || (gw_period_last_year (a) == gw_period_last_year (b) && gw_period_first_year (a) > gw_period_first_year (b));
}

typedef void (*DecileFunc) (const GwKeyFields *f, gpointer data);

/* Calls func on the key of every published decile value of le-birth and
 * le-65.  The decile is the highest field of a value's key (gw-key.h): the
 * rows of one decile and indicator are one range.  Call with the read lock. */
static void
foreach_published (GwDataset *dataset, DecileFunc func, gpointer data)
{
  const GwTable *t = gw_dataset_get_table (dataset, GW_RECORD_VALUES);

  for (guint k = 0; k < G_N_ELEMENTS (le_indicators); k++)
    {
      gint ind = gw_dataset_lookup_indicator (dataset, le_indicators[k]);

      for (guint d = 1; ind >= 0 && d <= GW_INEQUALITY_N_DECILES; d++)
        {
          guint start, n;

          n = gw_table_range (t, gw_key_value_decile ((guint) ind, FALSE, 0, 0, 0, d),
                              gw_key_value_decile ((guint) ind + 1, FALSE, 0, 0, 0, d) - 1, &start);
          for (guint i = start; i < start + n; i++)
            {
              GwKeyFields f;

              gw_key_decode (GW_RECORD_VALUES, gw_row_logical (gw_table_row_key (t, i)), &f);
              func (&f, data);
            }
        }
    }
}

static void
latest_of (const GwKeyFields *f, gpointer data)
{
  GwPeriod *latest = data;

  if (*latest == 0 || period_before (*latest, f->period))
    *latest = f->period;
}

/* The latest period with a published decile of life expectancy, or 0. */
static GwPeriod
latest_published_period (GwDataset *dataset)
{
  GwPeriod latest = 0;

  gw_dataset_read_lock (dataset);
  foreach_published (dataset, latest_of, &latest);
  gw_dataset_read_unlock (dataset);
  return latest;
}

/* Adds a published decile's period of the span wanted (years or pooled). */
typedef struct
{
  guint       span;
  GHashTable *periods;
} SpanPeriods;

static void
add_span_period (const GwKeyFields *f, gpointer data)
{
  SpanPeriods *sp = data;

  if ((gw_period_kind (f->period) == GW_PERIOD_YEAR || gw_period_kind (f->period) == GW_PERIOD_POOLED)
      && gw_period_last_year (f->period) - gw_period_first_year (f->period) + 1 == sp->span)
    g_hash_table_add (sp->periods, GUINT_TO_POINTER (f->period));
}

static int
compare_periods (gconstpointer a, gconstpointer b)
{
  GwPeriod pa = *(const GwPeriod *) a, pb = *(const GwPeriod *) b;

  return period_before (pa, pb) ? -1 : period_before (pb, pa) ? 1 : 0;
}

/**
 * gw_inequality_list_periods:
 * @dataset: the dataset
 * @span: years in a period: 1 for calendar years, 3 for 2016-2018 ...
 *
 * Every period of @span years (rolling: 2002-2004, 2003-2005, ...) each of
 * whose years has deaths and populations of small areas, as
 * gw_inequality_latest_period() judges them, and every period of @span
 * years with life expectancy published by decile: the SII's series over
 * time (an SII target's).  Takes the dataset's read lock.
 *
 * Returns: (transfer full) (element-type GwPeriod): the periods, in order
 */
GArray *
gw_inequality_list_periods (GwDataset *dataset,
                            guint      span)
{
  g_autoptr(GHashTable) periods = g_hash_table_new (NULL, NULL);
  SpanPeriods sp = { span, periods };
  GArray *list;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (GW_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (span >= 1 && span <= GW_PERIOD_YEAR_MAX - GW_PERIOD_YEAR_MIN + 1, NULL);

  list = list_periods (dataset, span);
  for (guint i = 0; i < list->len; i++)
    g_hash_table_add (periods, GUINT_TO_POINTER (g_array_index (list, GwPeriod, i)));
  gw_dataset_read_lock (dataset);
  foreach_published (dataset, add_span_period, &sp);
  gw_dataset_read_unlock (dataset);

  g_array_set_size (list, 0);
  g_hash_table_iter_init (&iter, periods);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      GwPeriod period = GPOINTER_TO_UINT (key);

      g_array_append_val (list, period);
    }
  g_array_sort (list, compare_periods);
  return list;
}

/* The deciles of an indicator published for a subject, sex and period as
 * SII quantiles (NAN where there is none); returns how many there are. */
static guint
published_quantiles (GwDataset *dataset, const char *indicator, gboolean is_group, guint subject,
                     GwSex sex, GwPeriod period, GwSiiQuantile q[GW_INEQUALITY_N_DECILES])
{
  const GwValueRow *rows[GW_N_DECILES] = { NULL };
  gint ind = gw_dataset_lookup_indicator (dataset, indicator);
  guint n = 0;

  if (ind >= 0)
    gw_dataset_get_deciles (dataset, ind, is_group, subject, sex, period, rows);
  for (guint d = 0; d < GW_INEQUALITY_N_DECILES; d++)
    {
      if (rows[d] == NULL || isnan (rows[d]->value))
        {
          q[d] = (GwSiiQuantile) { NAN, NAN, NAN, NAN, NAN };
          continue;
        }
      q[d] = (GwSiiQuantile) { rows[d]->denominator, rows[d]->value, NAN, rows[d]->lower, rows[d]->upper };
      n++;
    }
  return n;
}

/* The latest period in which the subject and sex have published values
 * of the indicator: all ten deciles when complete, else any; 0 if none.
 * Takes the read lock. */
static GwPeriod
subject_published_period (GwDataset *dataset, const char *indicator, gboolean is_group, guint subject,
                          GwSex sex, gboolean complete)
{
  gint ind;
  GwPeriod latest = 0;

  gw_dataset_read_lock (dataset);
  ind = gw_dataset_lookup_indicator (dataset, indicator);
  if (ind >= 0)
    {
      g_autoptr(GArray) periods = gw_dataset_decile_periods (dataset, ind, is_group, subject, sex);

      for (guint i = 0; i < periods->len; i++)
        {
          GwPeriod p = g_array_index (periods, GwPeriod, i);
          GwSiiQuantile q[GW_INEQUALITY_N_DECILES];

          if ((latest == 0 || period_before (latest, p))
              && (!complete || published_quantiles (dataset, indicator, is_group, subject, sex, p, q)
                               == GW_INEQUALITY_N_DECILES))
            latest = p;
        }
    }
  gw_dataset_read_unlock (dataset);
  return latest;
}

/* --- reading ---------------------------------------------------------------- */

/* Adds small to below[area], once (a cycle of parents could come back). */
static void
add_below (GwInequality *self, guint area, guint small)
{
  GArray *list = g_ptr_array_index (self->below, area);

  if (list == NULL)
    {
      list = g_array_new (FALSE, FALSE, sizeof (guint));
      g_ptr_array_index (self->below, area) = list;
    }
  if (list->len == 0 || g_array_index (list, guint, list->len - 1) != small)
    g_array_append_val (list, small);
}

/* Most areas have no small areas below them: their slot stays NULL. */
static void
free_below (gpointer list)
{
  if (list != NULL)
    g_array_unref (list);
}

static void
find_small_areas (GwInequality *self)
{
  GwDataset *ds = self->dataset;
  guint n_areas = gw_dataset_n_areas (ds);
  gint country = gw_dataset_get_country (ds);

  self->small = g_array_new (FALSE, FALSE, sizeof (SmallArea));
  self->small_of_area = g_new (gint, MAX (n_areas, 1));
  self->below = g_ptr_array_new_full (n_areas, free_below);
  g_ptr_array_set_size (self->below, n_areas);

  for (guint a = 0; a < n_areas; a++)
    {
      const GwArea *area = gw_dataset_get_area (ds, a);

      self->small_of_area[a] = -1;
      if (is_small_area (area))
        {
          SmallArea s = { a, area->imd_decile, area->type };

          self->small_of_area[a] = (gint) self->small->len;
          g_array_append_val (self->small, s);
        }
    }

  for (guint i = 0; i < self->small->len; i++)
    {
      const SmallArea *s = &g_array_index (self->small, SmallArea, i);
      gint p = gw_dataset_get_area (ds, s->area)->parent;
      gboolean in_country = FALSE;

      for (guint depth = 0; p >= 0 && depth < MAX_PARENT_DEPTH; depth++)
        {
          const GwArea *parent = gw_dataset_get_area (ds, (guint) p);

          add_below (self, (guint) p, i);
          in_country |= parent->type == GW_AREA_COUNTRY;
          p = parent->parent;
        }
      /* England has every small area, also those of districts declared
       * without their region */
      if (!in_country && country >= 0)
        add_below (self, (guint) country, i);
    }
}

static Year *
year_at (GwInequality *self, Year *years, guint small, guint sex, guint year)
{
  return &years[((gsize) small * N_SII_SEXES + sex) * self->n_years + (year - self->first_year)];
}

static Counts *
counts_at (GwInequality *self, guint small, guint sex)
{
  return &self->counts[(gsize) small * N_SII_SEXES + sex];
}

/* Where a run of deaths rows (one area, sex, cause, basis and period: its
 * ages) is added, or NULL to leave it out.  all_cause holds the periods of
 * this area and sex with all-cause rows: cause rows of those periods would
 * count twice. */
static double *
deaths_target (GwInequality *self, Year *years, guint small, guint basis,
               GHashTable *all_cause, const GwKeyFields *f, guint32 **bands)
{
  guint year = gw_period_first_year (f->period);
  Year *y;

  *bands = NULL;
  if (f->sex >= N_SII_SEXES || (f->basis != 0 && f->basis != basis))
    return NULL;
  if (f->cause == GW_CAUSE_ALL)
    g_hash_table_add (all_cause, GUINT_TO_POINTER (f->period));
  else if (g_hash_table_contains (all_cause, GUINT_TO_POINTER (f->period)))
    return NULL;
  if (year < self->first_year || year >= self->first_year + self->n_years)
    return NULL;

  y = year_at (self, years, small, f->sex, year);
  switch (gw_period_kind (f->period))
    {
    case GW_PERIOD_YEAR:
      *bands = &y->deaths_bands;
      return counts_at (self, small, f->sex)->deaths;
    case GW_PERIOD_MONTH:
      if (y->month_deaths == NULL)
        y->month_deaths = g_new0 (double, NB);
      y->month_mask |= 1u << (gw_period_sub (f->period) - 1);
      return y->month_deaths;
    default:
      /* quarters and financial years are not split into calendar years */
      return NULL;
    }
}

static void
read_deaths (GwInequality *self, Year *years)
{
  GwDataset *ds = self->dataset;
  guint basis = gw_dataset_counted_basis (ds);
  g_autoptr(GHashTable) all_cause = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < self->small->len; i++)
    {
      guint area = g_array_index (self->small, SmallArea, i).area;
      guint start, n = area_rows (ds, GW_RECORD_DEATHS, area, &start);
      guint64 run = G_MAXUINT64;
      guint sex = G_MAXUINT;
      double *target = NULL;
      guint32 *bands = NULL;

      /* rows sort by area, sex, cause, basis, period, age: decide once per
       * run of ages */
      for (guint r = start; r < start + n; r++)
        {
          const GwCountRow *row = count_row (ds, GW_RECORD_DEATHS, r);
          guint64 logical = gw_row_logical (row->key);
          guint age = GW_KEY_FIELD (logical, 0, 5);

          if ((logical >> 5) != run)
            {
              GwKeyFields f;

              run = logical >> 5;
              gw_key_decode (GW_RECORD_DEATHS, logical, &f);
              if (f.sex != sex)
                {
                  g_hash_table_remove_all (all_cause);
                  sex = f.sex;
                }
              target = deaths_target (self, years, i, basis, all_cause, &f, &bands);
            }
          if (target == NULL)
            continue;
          target[age] += row->value;
          if (bands != NULL)
            *bands |= 1u << age;
        }
    }
}

static void
read_populations (GwInequality *self, Year *years)
{
  GwDataset *ds = self->dataset;

  for (guint i = 0; i < self->small->len; i++)
    {
      guint area = g_array_index (self->small, SmallArea, i).area;
      guint start, n = area_rows (ds, GW_RECORD_POPULATION, area, &start);

      for (guint r = start; r < start + n; r++)
        {
          const GwCountRow *row = count_row (ds, GW_RECORD_POPULATION, r);
          GwKeyFields f;
          guint year;

          gw_key_decode (GW_RECORD_POPULATION, gw_row_logical (row->key), &f);
          year = gw_period_first_year (f.period);
          if (f.sex >= N_SII_SEXES || gw_period_kind (f.period) != GW_PERIOD_YEAR
              || year < self->first_year || year >= self->first_year + self->n_years)
            continue;
          counts_at (self, i, f.sex)->pop[f.age] += row->value;
          year_at (self, years, i, f.sex, year)->pop_bands |= 1u << f.age;
        }
    }
}

/* A year without yearly deaths takes its twelve months; a small area and
 * sex is complete when every year has deaths and populations. */
static void
finish_counts (GwInequality *self, Year *years)
{
  for (guint i = 0; i < self->small->len; i++)
    for (guint sex = 0; sex < N_SII_SEXES; sex++)
      {
        Counts *c = counts_at (self, i, sex);

        c->complete = TRUE;
        c->deaths_bands = c->pop_bands = G_MAXUINT32;
        for (guint year = self->first_year; year < self->first_year + self->n_years; year++)
          {
            Year *y = year_at (self, years, i, sex, year);
            guint32 deaths_bands = y->deaths_bands;

            if (deaths_bands == 0 && y->month_mask == ALL_MONTHS)
              {
                for (guint b = 0; b < NB; b++)
                  {
                    c->deaths[b] += y->month_deaths[b];
                    if (y->month_deaths[b] != 0)
                      deaths_bands |= 1u << b;
                  }
                /* a band absent from every month had no deaths */
                deaths_bands |= y->pop_bands;
              }
            c->complete &= deaths_bands != 0 && y->pop_bands != 0;
            c->deaths_bands &= deaths_bands;
            c->pop_bands &= y->pop_bands;
            g_clear_pointer (&y->month_deaths, g_free);
          }
      }
}

/**
 * gw_inequality_new:
 * @dataset: the dataset
 * @period: a calendar year or pooled years (2016-2018); 0 for
 *   gw_inequality_latest_period()
 * @error: a #GW_INEQUALITY_ERROR
 *
 * Reads the deaths and populations of every small area (lsoa or msoa with an
 * imd-decile and a parent) for @period, by sex and age band.  With @period
 * 0 every subject's SII is of its latest period (gw_inequality_compute()):
 * the counts are read for gw_inequality_latest_period(), or, when no small
 * areas have counts, for the latest period with life expectancy published
 * by decile; %GW_INEQUALITY_ERROR_NO_DATA when there is neither.  Takes the
 * dataset's read lock while it reads.  It keeps a reference to the dataset
 * and reads its groups again in gw_inequality_compute(): use it while the
 * dataset is unchanged.
 *
 * Returns: (transfer full): the counts, or %NULL with @error set
 */
GwInequality *
gw_inequality_new (GwDataset  *dataset,
                   GwPeriod    period,
                   GError    **error)
{
  g_autoptr(GwInequality) self = NULL;
  g_autofree Year *years = NULL;
  gboolean latest = period == 0;

  g_return_val_if_fail (GW_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* without counts, the counts' period is the published one: its counts are
   * read, and found missing */
  if (latest && (period = gw_inequality_latest_period (dataset)) == 0
      && (period = latest_published_period (dataset)) == 0)
    {
      g_set_error (error, GW_INEQUALITY_ERROR, GW_INEQUALITY_ERROR_NO_DATA,
                   _("No three years have deaths and populations of small areas (lsoa or msoa with an imd-decile), "
                     "and no life expectancy is published by deprivation decile"));
      return NULL;
    }
  if (gw_period_kind (period) != GW_PERIOD_YEAR && gw_period_kind (period) != GW_PERIOD_POOLED)
    {
      char text[GW_PERIOD_STRLEN];

      g_set_error (error, GW_INEQUALITY_ERROR, GW_INEQUALITY_ERROR_PERIOD,
                   _("%s is not a calendar year or pooled years (e.g. 2016 or 2016-2018)"),
                   gw_period_format (period, text));
      return NULL;
    }

  self = g_new0 (GwInequality, 1);
  self->dataset = g_object_ref (dataset);
  self->period = period;
  self->latest = latest;
  self->first_year = gw_period_first_year (period);
  self->n_years = gw_period_last_year (period) - self->first_year + 1;

  gw_dataset_read_lock (dataset);
  find_small_areas (self);
  self->counts = g_new0 (Counts, (gsize) MAX (self->small->len, 1) * N_SII_SEXES);
  years = g_new0 (Year, (gsize) MAX (self->small->len, 1) * N_SII_SEXES * self->n_years);
  read_deaths (self, years);
  read_populations (self, years);
  finish_counts (self, years);
  gw_dataset_read_unlock (dataset);

  return g_steal_pointer (&self);
}

void
gw_inequality_free (GwInequality *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->small, g_array_unref);
  g_clear_pointer (&self->below, g_ptr_array_unref);
  g_free (self->small_of_area);
  g_free (self->counts);
  g_clear_object (&self->dataset);
  g_free (self);
}

/* The period of the counts (each value has its own period). */
GwPeriod
gw_inequality_get_period (GwInequality *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->period;
}

/* --- subjects ---------------------------------------------------------------- */

static int
compare_guint (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* A region and its districts may both be members of a group: each small
 * area counts once. */
static void
add_unseen (GArray *list, guint8 *seen, guint small)
{
  if (seen[small])
    return;
  seen[small] = TRUE;
  g_array_append_val (list, small);
}

/* The small areas of an area or group (indexes into self->small, sorted),
 * of one type: LSOAs when there are any, else MSOAs. */
static GArray *
subject_small_areas (GwInequality *self, gboolean is_group, guint subject, GwAreaType *type)
{
  GArray *list = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean any_lsoa = FALSE;
  guint kept = 0;

  if (!is_group)
    {
      GArray *below = subject < self->below->len ? g_ptr_array_index (self->below, subject) : NULL;

      if (below != NULL)
        g_array_append_vals (list, below->data, below->len);
    }
  else
    {
      g_autoptr(GArray) members = gw_dataset_group_members (self->dataset, subject);
      g_autofree guint8 *seen = g_new0 (guint8, MAX (self->small->len, 1));

      for (guint m = 0; m < members->len; m++)
        {
          guint area = g_array_index (members, guint, m);
          GArray *below = g_ptr_array_index (self->below, area);

          if (self->small_of_area[area] >= 0)
            add_unseen (list, seen, (guint) self->small_of_area[area]);
          for (guint k = 0; below != NULL && k < below->len; k++)
            add_unseen (list, seen, g_array_index (below, guint, k));
        }
      g_array_sort (list, compare_guint);
    }

  for (guint k = 0; k < list->len; k++)
    any_lsoa |= g_array_index (self->small, SmallArea, g_array_index (list, guint, k)).type == GW_AREA_LSOA;
  *type = any_lsoa ? GW_AREA_LSOA : GW_AREA_MSOA;
  for (guint k = 0; k < list->len; k++)
    if (g_array_index (self->small, SmallArea, g_array_index (list, guint, k)).type == *type)
      g_array_index (list, guint, kept++) = g_array_index (list, guint, k);
  g_array_set_size (list, kept);
  return list;
}

typedef struct
{
  GwInequality *self;
  guint8       *areas;   /* per area: has published deciles */
  guint8       *groups;
} Marks;

static void
mark_subject (const GwKeyFields *f, gpointer data)
{
  Marks *m = data;
  guint n = f->is_group ? gw_dataset_n_groups (m->self->dataset) : gw_dataset_n_areas (m->self->dataset);

  if (f->area < n && (m->self->latest || f->period == m->self->period))
    (f->is_group ? m->groups : m->areas)[f->area] = TRUE;
}

/**
 * gw_inequality_list_subjects:
 * @self: the counts
 *
 * The subjects an SII can be asked of: every area with small areas below it
 * (itself not a small area: an MSOA is not a parent area here) or with
 * life expectancy published by decile (in the period, or in any period when
 * each subject has its latest), in area order, then every group with
 * either, in group order.
 *
 * Returns: (transfer full) (element-type GwInequalitySubject): the subjects
 */
GArray *
gw_inequality_list_subjects (GwInequality *self)
{
  GArray *subjects = g_array_new (FALSE, FALSE, sizeof (GwInequalitySubject));
  g_autofree guint8 *areas = NULL, *groups = NULL;
  Marks marks;

  g_return_val_if_fail (self != NULL, subjects);

  areas = g_new0 (guint8, MAX (self->below->len, 1));
  groups = g_new0 (guint8, MAX (gw_dataset_n_groups (self->dataset), 1));
  marks = (Marks) { self, areas, groups };
  gw_dataset_read_lock (self->dataset);
  foreach_published (self->dataset, mark_subject, &marks);
  gw_dataset_read_unlock (self->dataset);

  for (guint a = 0; a < self->below->len; a++)
    {
      GwAreaType type = gw_dataset_get_area (self->dataset, a)->type;

      if (areas[a] || (g_ptr_array_index (self->below, a) != NULL && type != GW_AREA_LSOA && type != GW_AREA_MSOA))
        g_array_append_val (subjects, ((GwInequalitySubject) { FALSE, a }));
    }
  for (guint g = 0; g < gw_dataset_n_groups (self->dataset); g++)
    {
      GwAreaType type;
      g_autoptr(GArray) list = subject_small_areas (self, TRUE, g, &type);

      if (groups[g] || list->len > 0)
        g_array_append_val (subjects, ((GwInequalitySubject) { TRUE, g }));
    }
  return subjects;
}

/* --- the SII ----------------------------------------------------------------- */

/* The pooled counts of the ten deciles as life-table input: 90+ when every
 * small area has 85-89 and 90+ and none 85+ (as the indicator engine
 * chooses); else 85+, everything from 85 in one band. */
static GwLifeTableLayout
decile_arrays (guint32 deaths_bands, guint32 pop_bands,
               double deaths[GW_INEQUALITY_N_DECILES][NB], double pop[GW_INEQUALITY_N_DECILES][NB],
               double *out_deaths, double *out_pop)
{
  guint32 detail = (1u << GW_AGE_85_89) | (1u << GW_AGE_90_PLUS);
  guint32 open85 = 1u << GW_AGE_85_PLUS;
  GwLifeTableLayout layout = GW_LIFE_TABLE_LAYOUT_85_PLUS;
  guint n_bands;

  if ((deaths_bands & detail) == detail && (pop_bands & detail) == detail
      && !(deaths_bands & open85) && !(pop_bands & open85))
    layout = GW_LIFE_TABLE_LAYOUT_90_PLUS;
  n_bands = gw_life_table_layout_n_bands (layout);

  for (guint q = 0; q < GW_INEQUALITY_N_DECILES; q++)
    for (guint j = 0; j < n_bands; j++)
      {
        GwAgeBand band = gw_life_table_layout_band (layout, j);
        double d = deaths[q][band], p = pop[q][band];

        if (band == GW_AGE_85_PLUS)
          {
            d += deaths[q][GW_AGE_85_89] + deaths[q][GW_AGE_90_PLUS];
            p += pop[q][GW_AGE_85_89] + pop[q][GW_AGE_90_PLUS];
          }
        out_deaths[q * n_bands + j] = d;
        out_pop[q * n_bands + j] = p;
      }
  return layout;
}

/* An empty value of the subject: no SII yet. */
static void
value_init (GwInequalityValue *value,
            gboolean           is_group,
            guint              subject,
            GwSex              sex,
            GwPeriod           period,
            guint              start_age)
{
  memset (value, 0, sizeof *value);
  value->is_group = is_group;
  value->subject = subject;
  value->sex = sex;
  value->period = period;
  value->start_age = start_age;
}

static void
set_incomplete_error (GwInequalityValue *value, GError **error)
{
  g_autoptr(GString) list = g_string_new (NULL);
  char period[GW_PERIOD_STRLEN];
  guint n_missing = 0;

  for (guint q = 0; q < GW_INEQUALITY_N_DECILES; q++)
    if (value->missing_deciles & (1u << q))
      {
        g_string_append_printf (list, "%s%u", list->len > 0 ? ", " : "", q + 1);
        n_missing++;
      }
  if (value->source == GW_INEQUALITY_SOURCE_PUBLISHED)
    g_set_error (error, GW_INEQUALITY_ERROR, GW_INEQUALITY_ERROR_INCOMPLETE_DECILES,
                 g_dngettext (GETTEXT_PACKAGE,
                              "Decile %s has no published value for %s",
                              "Deciles %s have no published value for %s",
                              n_missing),
                 list->str, gw_period_format (value->period, period));
  else
    g_set_error (error, GW_INEQUALITY_ERROR, GW_INEQUALITY_ERROR_INCOMPLETE_DECILES,
                 g_dngettext (GETTEXT_PACKAGE,
                              "Decile %s has no small areas with deaths and populations for %s",
                              "Deciles %s have no small areas with deaths and populations for %s",
                              n_missing),
                 list->str, gw_period_format (value->period, period));
}

/* The SII of the subject's small areas' counts (gw_inequality_compute()). */
static gboolean
compute_counts (GwInequality       *self,
                gboolean            is_group,
                guint               subject,
                GwSex               sex,
                guint               start_age,
                const GwSiiOptions *options,
                GwInequalityValue  *value,
                GError            **error)
{
  double deaths[GW_INEQUALITY_N_DECILES][NB] = { { 0 } }, pop[GW_INEQUALITY_N_DECILES][NB] = { { 0 } };
  double d[GW_INEQUALITY_N_DECILES * GW_LIFE_TABLE_MAX_BANDS], p[GW_INEQUALITY_N_DECILES * GW_LIFE_TABLE_MAX_BANDS];
  guint n_in[GW_INEQUALITY_N_DECILES] = { 0 };
  guint32 deaths_bands = G_MAXUINT32, pop_bands = G_MAXUINT32;
  g_autoptr(GArray) list = NULL;

  value_init (value, is_group, subject, sex, self->period, start_age);

  list = subject_small_areas (self, is_group, subject, &value->small_area_type);
  value->n_small_areas = list->len;
  for (guint k = 0; k < list->len; k++)
    {
      guint i = g_array_index (list, guint, k);
      guint q = g_array_index (self->small, SmallArea, i).decile - 1;
      const Counts *c = counts_at (self, i, sex);

      n_in[q]++;
      if (!c->complete)
        {
          value->missing_deciles |= 1u << q;
          continue;
        }
      for (guint b = 0; b < NB; b++)
        {
          deaths[q][b] += c->deaths[b];
          pop[q][b] += c->pop[b];
        }
      deaths_bands &= c->deaths_bands;
      pop_bands &= c->pop_bands;
    }
  for (guint q = 0; q < GW_INEQUALITY_N_DECILES; q++)
    {
      if (n_in[q] == 0)
        value->missing_deciles |= 1u << q;
      if (!(value->missing_deciles & (1u << q)))
        value->n_deciles++;
    }
  if (value->missing_deciles != 0)
    {
      set_incomplete_error (value, error);
      return FALSE;
    }

  value->layout = decile_arrays (deaths_bands, pop_bands, deaths, pop, d, p);
  value->has_value = gw_sii_life_expectancy (value->layout, d, p, GW_INEQUALITY_N_DECILES, start_age,
                                             options, value->deciles, &value->sii, error);
  return value->has_value;
}

/**
 * gw_inequality_compute_published:
 * @dataset: the dataset
 * @indicator: an indicator id, e.g. "le-birth"
 * @is_group: whether @subject is a group
 * @subject: area or group number
 * @sex: %GW_SEX_MALE or %GW_SEX_FEMALE
 * @period: the period of the values
 * @options: (nullable): simulation options, %NULL for the defaults
 * @value: (out caller-allocates): the SII and the deciles
 * @error: %GW_INEQUALITY_ERROR_INCOMPLETE_DECILES when a decile has no
 *   published value, or a #GW_SII_ERROR
 *
 * The same SII as gw_inequality_compute() from values published by decile
 * instead of counts (methods.md section 4: the SE of a value given with its
 * 95% limits only is (upper - lower) / (2 x 1.959964); the population is the
 * decile's denominator).  Takes the dataset's read lock.
 *
 * Returns: %TRUE when @value has an SII
 */
gboolean
gw_inequality_compute_published (GwDataset          *dataset,
                                 const char         *indicator,
                                 gboolean            is_group,
                                 guint               subject,
                                 GwSex               sex,
                                 GwPeriod            period,
                                 const GwSiiOptions *options,
                                 GwInequalityValue  *value,
                                 GError            **error)
{
  GwSiiQuantile q[GW_INEQUALITY_N_DECILES];

  g_return_val_if_fail (GW_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (indicator != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  value_init (value, is_group, subject, sex, period, g_strcmp0 (indicator, "le-65") == 0 ? 65 : 0);
  value->source = GW_INEQUALITY_SOURCE_PUBLISHED;

  gw_dataset_read_lock (dataset);
  value->n_published = value->n_deciles = published_quantiles (dataset, indicator, is_group, subject, sex,
                                                               period, q);
  gw_dataset_read_unlock (dataset);
  for (guint d = 0; d < GW_INEQUALITY_N_DECILES; d++)
    if (isnan (q[d].value))
      value->missing_deciles |= 1u << d;
  memcpy (value->deciles, q, sizeof q);
  if (value->missing_deciles != 0)
    {
      set_incomplete_error (value, error);
      return FALSE;
    }
  value->has_value = gw_sii_compute (q, GW_INEQUALITY_N_DECILES, options, &value->sii, error);
  return value->has_value;
}

/**
 * gw_inequality_compute:
 * @self: the counts of a period
 * @is_group: whether @subject is a group
 * @subject: area or group number
 * @sex: %GW_SEX_MALE or %GW_SEX_FEMALE
 * @start_age: 0 for life expectancy at birth (le-birth), 65 (le-65)
 * @options: (nullable): simulation options, %NULL for the defaults
 *   (100,000 repetitions, seed 1)
 * @value: (out caller-allocates): the SII, the deciles, their source and
 *   what was pooled; filled also when there is no value (has_value %FALSE)
 * @error: a #GW_INEQUALITY_ERROR (a decile without counts or without a
 *   published value, by the value's source) or a #GW_SII_ERROR (a decile
 *   without life expectancy, limits or population)
 *
 * The one entry point of the SII: the SII and RII of life expectancy at
 * @start_age across the IMD deciles of the subject, in years, with 95% and
 * 99.8% limits, from either input:
 *
 * - published: the values of le-birth (le-65 at 65) published for all ten
 *   deciles (gw_inequality_compute_published()); they win over the counts
 *   (see the top of this file), also when they cannot give an SII (limits
 *   or a denominator missing: the data says the figure is not known);
 * - counts: each decile's deaths and person-years summed over the subject's
 *   small areas (as gw_sii_pool_small_areas() does), then
 *   gw_sii_life_expectancy(); every decile must have small areas, each with
 *   counts for every year.
 *
 * The period is that of @self; when @self was made for the latest (period
 * 0), a subject's published deciles are of its latest period with all ten,
 * and they win when that period ends no earlier than the counts' (else the
 * counts', and those published deciles again when the counts give nothing).
 * Without an SII, the value and @error speak of the input the subject has:
 * published deciles when it has no small areas or more deciles published
 * than with counts.
 *
 * Returns: %TRUE when @value has an SII
 */
gboolean
gw_inequality_compute (GwInequality       *self,
                       gboolean            is_group,
                       guint               subject,
                       GwSex               sex,
                       guint               start_age,
                       const GwSiiOptions *options,
                       GwInequalityValue  *value,
                       GError            **error)
{
  const char *indicator = indicator_of_age (start_age);
  g_autoptr(GError) counts_error = NULL;
  GwSiiQuantile q[GW_INEQUALITY_N_DECILES];
  GwPeriod published = 0, partial;
  guint n_partial;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (sex == GW_SEX_MALE || sex == GW_SEX_FEMALE, FALSE);
  g_return_val_if_fail (is_group ? subject < gw_dataset_n_groups (self->dataset)
                                 : subject < self->below->len, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* the period of a complete set of published deciles, if any */
  if (self->latest)
    published = subject_published_period (self->dataset, indicator, is_group, subject, sex, TRUE);
  else
    {
      gw_dataset_read_lock (self->dataset);
      if (published_quantiles (self->dataset, indicator, is_group, subject, sex, self->period, q)
          == GW_INEQUALITY_N_DECILES)
        published = self->period;
      gw_dataset_read_unlock (self->dataset);
    }

  /* published values win over the counts of the same period, and a later
   * published period over earlier counts (the latest is asked for) */
  if (published != 0 && !period_before (published, self->period))
    return gw_inequality_compute_published (self->dataset, indicator, is_group, subject, sex, published,
                                            options, value, error);
  if (compute_counts (self, is_group, subject, sex, start_age, options, value, &counts_error))
    return TRUE;
  /* an earlier published period is better than no SII at all */
  if (published != 0)
    return gw_inequality_compute_published (self->dataset, indicator, is_group, subject, sex, published,
                                            options, value, error);

  /* No SII: say why in terms of the input the subject has.  Published
   * deciles speak when there are no small areas, or when more deciles are
   * published than have counts. */
  partial = self->period;
  if (self->latest)
    {
      GwPeriod any = subject_published_period (self->dataset, indicator, is_group, subject, sex, FALSE);

      if (any != 0 && (value->n_small_areas == 0 || !period_before (any, self->period)))
        partial = any;
    }
  gw_dataset_read_lock (self->dataset);
  n_partial = published_quantiles (self->dataset, indicator, is_group, subject, sex, partial, q);
  gw_dataset_read_unlock (self->dataset);
  if (n_partial > 0 && (value->n_small_areas == 0 || n_partial > value->n_deciles))
    /* fewer than ten deciles: no value, and the published message */
    return gw_inequality_compute_published (self->dataset, indicator, is_group, subject, sex, partial,
                                            options, value, error);
  if (partial == self->period)
    value->n_published = n_partial;
  g_propagate_error (error, g_steal_pointer (&counts_error));
  return FALSE;
}
