/* gw-gap-decomp.c: the decomposition, deaths to prevent and what-if from a dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads the subject's and the comparator's counts for the period by age band
 * and most specific cause ("leaf": the cause a record names), hands them to
 * gw-decomp.c, and adds the leaves' results up to the causes reported.  Every
 * result is linear in the leaves (a band's contribution is split in
 * proportion to the rate differences, deaths to prevent in proportion to the
 * excess), so a cause's figure is exactly the sum of its leaves'.
 */
#include "gw-gap-decomp.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#define NB GW_N_AGE_BANDS
/* A year's slots while reading: 0 its yearly records, 1..12 its months. */
#define SLOTS_PER_YEAR 13
#define ALL_MONTHS 0xfff
/* Parent chains of declared causes are short; a longer one is a cycle. */
#define MAX_CAUSE_DEPTH 16

enum { COMPARATOR = 0, AREA = 1 };

G_DEFINE_QUARK (gw-gap-decomp-error-quark, gw_gap_decomp_error)

/* --- the cause tree ----------------------------------------------------------
 * Cause numbers are those of the deaths key (gw-key.h): 0 is all causes,
 * 1.. a cause.  Only these functions know where ids, names and parents come
 * from. */

static guint
cause_count (GwDataset *dataset)
{
  return gw_dataset_n_causes (dataset);
}

static const char *
cause_id (GwDataset *dataset, guint number)
{
  const GwCauseDef *def = gw_dataset_get_cause (dataset, number);

  return def != NULL ? def->id : "";
}

static const char *
cause_name (GwDataset *dataset, guint number)
{
  const GwCauseDef *def = gw_dataset_get_cause (dataset, number);

  return def != NULL ? def->name : "";
}

/* The parent's number, or 0 for a top-level cause. */
static guint
cause_parent (GwDataset *dataset, guint number)
{
  gint parent = gw_dataset_cause_parent (dataset, number);

  return parent > 0 ? (guint) parent : 0;
}

/* --- reading ---------------------------------------------------------------- */

/* The period's span and the leaf causes met, shared by every area read. */
typedef struct
{
  GwDataset *dataset;
  guint      basis;        /* the counted deaths basis */
  guint      first_year;
  guint      n_years;
  guint      n_numbers;    /* cause_count () */
  gint      *col_of;       /* [n_numbers]: leaf column of a cause number, or -1 */
  GArray    *leaves;       /* guint cause numbers, in column order */
} Reader;

/* One area or a group's members pooled, one sex, over the period: all-cause
 * deaths, person-years and the leaves' deaths, by GwAgeBand. */
typedef struct
{
  double   deaths[NB];
  double   pop[NB];
  double  *by_leaf;        /* [n_leaves][NB] */
  guint32  deaths_bands;   /* bands with deaths in every year */
  guint32  pop_bands;      /* bands with populations in every year */
} Pooled;

static void
pooled_clear (Pooled *p)
{
  g_clear_pointer (&p->by_leaf, g_free);
}

static guint
area_range (GwDataset *dataset, GwRecordKind kind, guint area, GwSex sex, guint *start)
{
  const GwTable *t = gw_dataset_get_table (dataset, kind);
  guint64 first, next;

  if (kind == GW_RECORD_DEATHS)
    {
      first = gw_key_deaths (area, sex, 0, 0, 0, 0);
      next = gw_key_deaths (area, sex + 1, 0, 0, 0, 0);
    }
  else
    {
      first = gw_key_population (area, sex, 0, 0);
      next = gw_key_population (area, sex + 1, 0, 0);
    }
  return gw_table_range (t, first, next - 1, start);
}

/* The slot of a deaths period within the span, or -1. */
static gint
period_slot (const Reader *r, GwPeriod period)
{
  guint year = gw_period_first_year (period);

  if (year < r->first_year || year >= r->first_year + r->n_years)
    return -1;
  switch (gw_period_kind (period))
    {
    case GW_PERIOD_YEAR:
      return (gint) ((year - r->first_year) * SLOTS_PER_YEAR);
    case GW_PERIOD_MONTH:
      return (gint) ((year - r->first_year) * SLOTS_PER_YEAR + gw_period_sub (period));
    default:
      /* quarters and financial years are not split into calendar years */
      return -1;
    }
}

/* Registers the leaf causes of an area's deaths in the span. */
static void
reader_add_leaves (Reader *r, guint area, GwSex sex)
{
  const GwTable *t = gw_dataset_get_table (r->dataset, GW_RECORD_DEATHS);
  guint start, n = area_range (r->dataset, GW_RECORD_DEATHS, area, sex, &start);
  guint64 run = G_MAXUINT64;

  for (guint i = start; i < start + n; i++)
    {
      guint64 logical = gw_row_logical (gw_table_row_key (t, i));
      GwKeyFields f;

      /* the age is the key's last field: one decode per run of ages */
      if ((logical >> 5) == run)
        continue;
      run = logical >> 5;
      gw_key_decode (GW_RECORD_DEATHS, logical, &f);
      if (f.cause == 0 || f.cause >= r->n_numbers || r->col_of[f.cause] >= 0
          || period_slot (r, f.period) < 0)
        continue;
      r->col_of[f.cause] = (gint) r->leaves->len;
      g_array_append_val (r->leaves, f.cause);
    }
}

/* Adds one area's counts for sex to out.  FALSE when a year of the span
 * lacks its deaths (yearly, or all twelve months) or its populations. */
static gboolean
reader_add_area (const Reader *r, guint area, GwSex sex, Pooled *out)
{
  GwDataset *ds = r->dataset;
  const GwTable *t = gw_dataset_get_table (ds, GW_RECORD_DEATHS);
  guint n_leaves = r->leaves->len;
  guint n_slots = r->n_years * SLOTS_PER_YEAR;
  g_autofree double *all = g_new0 (double, (gsize) n_slots * NB);     /* all-cause records */
  g_autofree double *sum = g_new0 (double, (gsize) n_slots * NB);     /* cause records */
  g_autofree double *leaf = g_new0 (double, (gsize) n_slots * n_leaves * NB);
  g_autofree guint32 *bands = g_new0 (guint32, n_slots);
  g_autofree guint8 *has_all = g_new0 (guint8, n_slots);
  g_autofree guint32 *pop_bands = g_new0 (guint32, r->n_years);
  guint start, n = area_range (ds, GW_RECORD_DEATHS, area, sex, &start);
  guint64 run = G_MAXUINT64;
  gint slot = -1;
  guint cause = 0;
  guint32 deaths_bands = G_MAXUINT32, all_pop_bands = G_MAXUINT32;

  for (guint i = start; i < start + n; i++)
    {
      const GwCountRow *row = gw_table_row (t, i);
      guint64 logical = gw_row_logical (row->key);
      guint age = GW_KEY_FIELD (logical, 0, 5);

      if ((logical >> 5) != run)
        {
          GwKeyFields f;

          run = logical >> 5;
          gw_key_decode (GW_RECORD_DEATHS, logical, &f);
          slot = (f.basis != 0 && f.basis != r->basis) || f.cause >= r->n_numbers
                 ? -1 : period_slot (r, f.period);
          cause = f.cause;
          if (slot >= 0 && cause == 0)
            has_all[slot] = TRUE;
        }
      if (slot < 0 || age >= NB)
        continue;
      bands[slot] |= 1u << age;
      if (cause == 0)
        all[slot * NB + age] += row->value;
      else
        {
          sum[slot * NB + age] += row->value;
          leaf[((gsize) slot * n_leaves + (guint) r->col_of[cause]) * NB + age] += row->value;
        }
    }

  n = area_range (ds, GW_RECORD_POPULATION, area, sex, &start);
  t = gw_dataset_get_table (ds, GW_RECORD_POPULATION);
  for (guint i = start; i < start + n; i++)
    {
      const GwCountRow *row = gw_table_row (t, i);
      GwKeyFields f;
      guint year;

      gw_key_decode (GW_RECORD_POPULATION, gw_row_logical (row->key), &f);
      year = gw_period_first_year (f.period);
      if (gw_period_kind (f.period) != GW_PERIOD_YEAR
          || year < r->first_year || year >= r->first_year + r->n_years)
        continue;
      out->pop[f.age] += row->value;
      pop_bands[year - r->first_year] |= 1u << f.age;
    }

  for (guint y = 0; y < r->n_years; y++)
    {
      guint first = y * SLOTS_PER_YEAR, last = first;
      guint32 year_bands = bands[first];
      guint16 months = 0;

      if (pop_bands[y] == 0)
        return FALSE;
      all_pop_bands &= pop_bands[y];
      if (year_bands == 0)
        {
          for (guint m = 1; m <= 12; m++)
            if (bands[first + m] != 0)
              months |= 1u << (m - 1);
          if (months != ALL_MONTHS)
            return FALSE;
          first += 1;
          last = first + 11;
          year_bands = pop_bands[y];  /* a band absent from every month had no deaths */
          for (guint s = first; s <= last; s++)
            year_bands |= bands[s];
        }
      deaths_bands &= year_bands;

      /* A period's all-cause records give its total (never less than its
       * causes: the export format's rule), else its causes' sum does. */
      for (guint s = first; s <= last; s++)
        for (guint b = 0; b < NB; b++)
          {
            double c = sum[s * NB + b];

            out->deaths[b] += has_all[s] ? MAX (all[s * NB + b], c) : c;
            for (guint l = 0; l < n_leaves; l++)
              out->by_leaf[l * NB + b] += leaf[((gsize) s * n_leaves + l) * NB + b];
          }
    }
  out->deaths_bands &= deaths_bands;
  out->pop_bands &= all_pop_bands;
  return TRUE;
}

/* The subject's areas: the area, or the group's members. */
static GArray *
subject_areas (GwDataset *dataset, gboolean is_group, guint subject)
{
  GArray *areas;

  if (is_group)
    return gw_dataset_group_members (dataset, subject);
  areas = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (areas, subject);
  return areas;
}

static const char *
area_code (GwDataset *dataset, guint area)
{
  return gw_dataset_get_area (dataset, area)->code;
}

/* --- the latest period ------------------------------------------------------ */

/* Sets bit y of years (y from GW_PERIOD_YEAR_MIN) for each year with deaths
 * (yearly or twelve months) and populations of area, either sex. */
static void
area_years (GwDataset *dataset, guint area, guint8 *years)
{
  guint n_years = GW_PERIOD_YEAR_MAX - GW_PERIOD_YEAR_MIN + 1;
  g_autofree guint8 *deaths = g_new0 (guint8, n_years);
  g_autofree guint8 *pop = g_new0 (guint8, n_years);
  g_autofree guint16 *months = g_new0 (guint16, n_years);

  for (GwSex sex = GW_SEX_MALE; sex <= GW_SEX_FEMALE; sex++)
    {
      const GwTable *t = gw_dataset_get_table (dataset, GW_RECORD_DEATHS);
      guint start, n = area_range (dataset, GW_RECORD_DEATHS, area, sex, &start);
      guint64 run = G_MAXUINT64;

      for (guint i = start; i < start + n; i++)
        {
          guint64 logical = gw_row_logical (gw_table_row_key (t, i));
          GwKeyFields f;
          guint y;

          if ((logical >> 5) == run)
            continue;
          run = logical >> 5;
          gw_key_decode (GW_RECORD_DEATHS, logical, &f);
          y = gw_period_first_year (f.period) - GW_PERIOD_YEAR_MIN;
          if (gw_period_kind (f.period) == GW_PERIOD_YEAR)
            deaths[y] = TRUE;
          else if (gw_period_kind (f.period) == GW_PERIOD_MONTH)
            months[y] |= 1u << (gw_period_sub (f.period) - 1);
        }

      t = gw_dataset_get_table (dataset, GW_RECORD_POPULATION);
      n = area_range (dataset, GW_RECORD_POPULATION, area, sex, &start);
      for (guint i = start; i < start + n; i++)
        {
          GwKeyFields f;

          gw_key_decode (GW_RECORD_POPULATION, gw_row_logical (gw_table_row_key (t, i)), &f);
          if (gw_period_kind (f.period) == GW_PERIOD_YEAR)
            pop[gw_period_first_year (f.period) - GW_PERIOD_YEAR_MIN] = TRUE;
        }
    }
  for (guint y = 0; y < n_years; y++)
    years[y] &= (deaths[y] || months[y] == ALL_MONTHS) && pop[y];
}

/**
 * gw_gap_decomp_latest_period:
 * @dataset: the dataset
 * @is_group: whether @subject is a group
 * @subject: area or group number
 * @comparator: area number, or -1 for the country
 *
 * Returns: the latest pooled 3-year period with counts of the subject (every
 *   member) and the comparator in each year, or 0
 */
GwPeriod
gw_gap_decomp_latest_period (GwDataset *dataset,
                             gboolean   is_group,
                             guint      subject,
                             gint       comparator)
{
  guint n_years = GW_PERIOD_YEAR_MAX - GW_PERIOD_YEAR_MIN + 1;
  g_autofree guint8 *years = g_malloc (n_years);
  g_autoptr(GArray) areas = NULL;
  GwPeriod latest = 0;

  g_return_val_if_fail (GW_IS_DATASET (dataset), 0);

  memset (years, 1, n_years);
  gw_dataset_read_lock (dataset);
  if (comparator < 0)
    comparator = gw_dataset_get_country (dataset);
  areas = subject_areas (dataset, is_group, subject);
  if (comparator < 0 || areas->len == 0)
    memset (years, 0, n_years);
  else
    {
      area_years (dataset, (guint) comparator, years);
      for (guint i = 0; i < areas->len; i++)
        area_years (dataset, g_array_index (areas, guint, i), years);
    }
  gw_dataset_read_unlock (dataset);

  for (guint y = n_years; y-- > 2 && latest == 0;)
    if (years[y] && years[y - 1] && years[y - 2])
      latest = gw_period_pooled (GW_PERIOD_YEAR_MIN + y - 2, GW_PERIOD_YEAR_MIN + y);
  return latest;
}

/* --- the decomposition --------------------------------------------------------- */

typedef struct
{
  guint    n_leaves;           /* leaf causes; leaf n_leaves is "not specified" */
  double  *deaths[2];          /* [n_bands] */
  double  *pop[2];             /* [n_bands] */
  double  *by_leaf[2];         /* [n_leaves][n_bands] */
  const double **leaf_rows[2]; /* [n_leaves] into by_leaf */
  guint8  *covers;             /* [n_causes][n_leaves + 1]: the cause reported includes the leaf */
  double  *years;              /* [(n_bands + 1) * (n_causes + 1)] contributions */
  double  *subject_deaths;     /* the same layout, deaths a year of the subject */
} Priv;

static void
priv_free (Priv *p)
{
  for (guint i = 0; i < 2; i++)
    {
      g_free (p->deaths[i]);
      g_free (p->pop[i]);
      g_free (p->by_leaf[i]);
      g_free (p->leaf_rows[i]);
    }
  g_free (p->covers);
  g_free (p->years);
  g_free (p->subject_deaths);
  g_free (p);
}

static gsize
cell (const GwGapDecomp *d, guint band, guint cause)
{
  guint x = band == GW_DECOMP_ALL ? d->n_bands : band;
  guint c = cause == GW_DECOMP_ALL ? d->n_causes : cause;

  return (gsize) x * (d->n_causes + 1) + c;
}

/* Adds up a table over the leaves (n_bands + 1 rows by n_leaves + 2
 * columns, as GwDecompTable) into the causes reported. */
static void
sum_to_causes (const GwGapDecomp *d, const GwDecompTable *leaves, double *out)
{
  Priv *p = d->priv;

  for (guint x = 0; x <= d->n_bands; x++)
    {
      guint band = x == d->n_bands ? GW_DECOMP_ALL : x;

      out[cell (d, band, GW_DECOMP_ALL)] = gw_decomp_table_get (leaves, band, GW_DECOMP_ALL);
      for (guint c = 0; c < d->n_causes; c++)
        {
          double v = 0.0;

          for (guint l = 0; l <= p->n_leaves; l++)
            if (p->covers[c * (p->n_leaves + 1) + l])
              v += gw_decomp_table_get (leaves, band, l);
          out[cell (d, band, c)] = v;
        }
    }
}

/* The chain of a cause number up to its top-level ancestor, top first;
 * returns its length. */
static guint
cause_chain (GwDataset *dataset, guint number, guint chain[MAX_CAUSE_DEPTH])
{
  guint up[MAX_CAUSE_DEPTH], n = 0;

  for (guint c = number; c != 0 && n < MAX_CAUSE_DEPTH; c = cause_parent (dataset, c))
    up[n++] = c;
  for (guint i = 0; i < n; i++)
    chain[i] = up[n - 1 - i];
  return n;
}

static int
compare_chains (gconstpointer a, gconstpointer b)
{
  const guint *x = a, *y = b;

  /* chains padded with 0 after their end: a parent sorts before its children */
  for (guint i = 0; i < MAX_CAUSE_DEPTH; i++)
    if (x[i] != y[i])
      return x[i] < y[i] ? -1 : 1;
  return 0;
}

/* The causes reported: each leaf's top-level ancestor, or every cause on
 * the chains of the leaves (tree order), then "not specified" when some
 * deaths have no cause. */
static void
choose_causes (GwGapDecomp *d, GwDataset *dataset, const GArray *leaves, gboolean not_specified)
{
  Priv *p = d->priv;
  g_autoptr(GArray) chains = g_array_new (FALSE, TRUE, sizeof (guint) * MAX_CAUSE_DEPTH);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  guint n_reported;

  for (guint l = 0; l < leaves->len; l++)
    {
      guint chain[MAX_CAUSE_DEPTH] = { 0 };
      guint depth = cause_chain (dataset, g_array_index (leaves, guint, l), chain);

      for (guint k = 1; k <= depth; k++)
        {
          guint prefix[MAX_CAUSE_DEPTH] = { 0 };

          if (d->request.causes == GW_GAP_CAUSES_TOP && k > 1)
            break;
          memcpy (prefix, chain, k * sizeof (guint));
          if (g_hash_table_contains (seen, GUINT_TO_POINTER (chain[k - 1])))
            continue;
          g_hash_table_add (seen, GUINT_TO_POINTER (chain[k - 1]));
          g_array_append_vals (chains, prefix, 1);
        }
    }
  g_array_sort (chains, compare_chains);

  n_reported = chains->len + (not_specified ? 1 : 0);
  d->n_causes = n_reported;
  d->causes = g_new0 (GwGapCause, MAX (n_reported, 1));
  p->covers = g_new0 (guint8, (gsize) MAX (n_reported, 1) * (p->n_leaves + 1));
  for (guint c = 0; c < chains->len; c++)
    {
      const guint *chain = (const guint *) (chains->data + (gsize) c * sizeof (guint) * MAX_CAUSE_DEPTH);
      guint depth = 0;

      while (depth < MAX_CAUSE_DEPTH && chain[depth] != 0)
        depth++;
      d->causes[c].id = g_strdup (cause_id (dataset, chain[depth - 1]));
      d->causes[c].name = g_strdup (cause_name (dataset, chain[depth - 1]));
      d->causes[c].depth = depth - 1;
      d->causes[c].parent = -1;
      for (guint q = c; q-- > 0;)
        if (d->causes[q].depth == depth - 2
            && memcmp (chains->data + (gsize) q * sizeof (guint) * MAX_CAUSE_DEPTH, chain,
                       (depth - 1) * sizeof (guint)) == 0)
          {
            d->causes[c].parent = (gint) q;
            break;
          }

      /* the leaves whose chain passes through this cause */
      for (guint l = 0; l < leaves->len; l++)
        {
          guint leaf_chain[MAX_CAUSE_DEPTH] = { 0 };
          guint leaf_depth = cause_chain (dataset, g_array_index (leaves, guint, l), leaf_chain);

          if (leaf_depth >= depth && memcmp (leaf_chain, chain, depth * sizeof (guint)) == 0)
            p->covers[c * (p->n_leaves + 1) + l] = TRUE;
        }
    }
  if (not_specified)
    {
      guint c = n_reported - 1;

      d->causes[c].id = g_strdup (GW_GAP_CAUSE_NOT_SPECIFIED);
      d->causes[c].name = g_strdup (_("Other (not specified)"));
      d->causes[c].parent = -1;
      p->covers[c * (p->n_leaves + 1) + p->n_leaves] = TRUE;
    }
}

/* Pooled counts by GwAgeBand into layout order. */
static void
to_layout (GwGapDecomp *d, const Pooled *pooled, guint n_leaves, guint which)
{
  Priv *p = d->priv;

  p->deaths[which] = g_new0 (double, d->n_bands);
  p->pop[which] = g_new0 (double, d->n_bands);
  p->by_leaf[which] = g_new0 (double, (gsize) MAX (n_leaves, 1) * d->n_bands);
  p->leaf_rows[which] = g_new0 (const double *, MAX (n_leaves, 1));
  for (guint j = 0; j < d->n_bands; j++)
    {
      GwAgeBand band = d->bands[j];
      GwAgeBand also[2] = { band, band };
      guint n_also = 1;

      /* the 85+ layout takes 85-89 and 90+ into its open band */
      if (band == GW_AGE_85_PLUS)
        {
          also[0] = GW_AGE_85_89;
          also[1] = GW_AGE_90_PLUS;
          n_also = 2;
        }
      p->deaths[which][j] = pooled->deaths[band];
      p->pop[which][j] = pooled->pop[band];
      for (guint l = 0; l < n_leaves; l++)
        p->by_leaf[which][l * d->n_bands + j] = pooled->by_leaf[l * NB + band];
      if (band == GW_AGE_85_PLUS)
        for (guint k = 0; k < n_also; k++)
          {
            p->deaths[which][j] += pooled->deaths[also[k]];
            p->pop[which][j] += pooled->pop[also[k]];
            for (guint l = 0; l < n_leaves; l++)
              p->by_leaf[which][l * d->n_bands + j] += pooled->by_leaf[l * NB + also[k]];
          }
    }
  for (guint l = 0; l < n_leaves; l++)
    p->leaf_rows[which][l] = &p->by_leaf[which][l * d->n_bands];
}

static GwDecompPopulation
population (const GwGapDecomp *d, guint which)
{
  Priv *p = d->priv;
  GwDecompPopulation pop = {
    p->deaths[which], p->pop[which],
    p->n_leaves > 0 ? (const double *const *) p->leaf_rows[which] : NULL,
  };

  return pop;
}

static void
set_no_data (GError **error, GwDataset *dataset, guint area, GwSex sex, GwPeriod period)
{
  char text[GW_PERIOD_STRLEN];

  g_set_error (error, GW_GAP_DECOMP_ERROR, GW_GAP_DECOMP_ERROR_NO_DATA,
               _("%s (%s) has no deaths or no populations for every year of %s"),
               area_code (dataset, area), gw_sex_to_string (sex),
               gw_period_format (period, text));
}

/* Reads both populations' counts into d; FALSE with error when one is
 * incomplete.  Called with the read lock held. */
static gboolean
read_counts (GwGapDecomp *d, GwDataset *dataset, GError **error)
{
  const GwGapDecompRequest *req = &d->request;
  g_autoptr(GArray) areas = subject_areas (dataset, req->is_group, req->subject);
  g_autofree gint *col_of = NULL;
  Reader r = { 0 };
  Pooled pooled[2] = { 0 };
  guint32 detail = (1u << GW_AGE_85_89) | (1u << GW_AGE_90_PLUS);
  guint32 open85 = 1u << GW_AGE_85_PLUS;
  guint32 deaths_bands, pop_bands;
  gboolean not_specified = FALSE, ok = TRUE;

  if (areas->len == 0)
    {
      set_no_data (error, dataset, req->subject, req->sex, req->period);
      return FALSE;
    }

  r.dataset = dataset;
  r.basis = gw_dataset_counted_basis (dataset);
  r.first_year = gw_period_first_year (req->period);
  r.n_years = gw_period_last_year (req->period) - r.first_year + 1;
  r.n_numbers = cause_count (dataset);
  r.col_of = col_of = g_new (gint, r.n_numbers);
  for (guint i = 0; i < r.n_numbers; i++)
    col_of[i] = -1;
  r.leaves = g_array_new (FALSE, FALSE, sizeof (guint));

  reader_add_leaves (&r, (guint) req->comparator, req->sex);
  for (guint i = 0; i < areas->len; i++)
    reader_add_leaves (&r, g_array_index (areas, guint, i), req->sex);

  for (guint w = 0; w < 2; w++)
    {
      pooled[w].by_leaf = g_new0 (double, (gsize) MAX (r.leaves->len, 1) * NB);
      pooled[w].deaths_bands = pooled[w].pop_bands = G_MAXUINT32;
    }
  if (!reader_add_area (&r, (guint) req->comparator, req->sex, &pooled[COMPARATOR]))
    {
      set_no_data (error, dataset, (guint) req->comparator, req->sex, req->period);
      ok = FALSE;
    }
  for (guint i = 0; ok && i < areas->len; i++)
    if (!reader_add_area (&r, g_array_index (areas, guint, i), req->sex, &pooled[AREA]))
      {
        set_no_data (error, dataset, g_array_index (areas, guint, i), req->sex, req->period);
        ok = FALSE;
      }

  if (ok)
    {
      Priv *p = d->priv;

      /* 90+ when both have 85-89 and 90+ and neither 85+ (as the indicator
       * engine chooses); else 85+, everything from 85 in one band */
      deaths_bands = pooled[0].deaths_bands & pooled[1].deaths_bands;
      pop_bands = pooled[0].pop_bands & pooled[1].pop_bands;
      d->layout = GW_LIFE_TABLE_LAYOUT_85_PLUS;
      if ((deaths_bands & detail) == detail && (pop_bands & detail) == detail
          && !(deaths_bands & open85) && !(pop_bands & open85))
        d->layout = GW_LIFE_TABLE_LAYOUT_90_PLUS;
      d->n_bands = gw_life_table_layout_n_bands (d->layout);
      for (guint j = 0; j < d->n_bands; j++)
        d->bands[j] = gw_life_table_layout_band (d->layout, j);
      d->n_years = r.n_years;

      p->n_leaves = r.leaves->len;
      to_layout (d, &pooled[COMPARATOR], p->n_leaves, COMPARATOR);
      to_layout (d, &pooled[AREA], p->n_leaves, AREA);

      /* "not specified" is reported when a band of either has deaths its
       * causes do not cover */
      for (guint w = 0; w < 2; w++)
        for (guint j = 0; j < d->n_bands; j++)
          {
            double c = 0.0;

            for (guint l = 0; l < p->n_leaves; l++)
              c += p->by_leaf[w][l * d->n_bands + j];
            not_specified |= p->deaths[w][j] > c;
          }
      choose_causes (d, dataset, r.leaves, not_specified);
    }

  for (guint w = 0; w < 2; w++)
    pooled_clear (&pooled[w]);
  g_array_unref (r.leaves);
  return ok;
}

void
gw_gap_decomp_request_init (GwGapDecompRequest *request,
                            gboolean            is_group,
                            guint               subject,
                            GwSex               sex)
{
  g_return_if_fail (request != NULL);

  memset (request, 0, sizeof *request);
  request->is_group = is_group;
  request->subject = subject;
  request->sex = sex;
  request->period = 0;
  request->comparator = -1;
  request->causes = GW_GAP_CAUSES_TOP;
}

/**
 * gw_gap_decomp_new:
 * @dataset: the dataset
 * @request: what to decompose
 * @error: a #GW_GAP_DECOMP_ERROR or #GW_DECOMP_ERROR
 *
 * Returns: (transfer full): the decomposition, or %NULL with @error set
 */
GwGapDecomp *
gw_gap_decomp_new (GwDataset                *dataset,
                   const GwGapDecompRequest *request,
                   GError                  **error)
{
  g_autoptr(GwGapDecomp) d = NULL;
  g_autoptr(GwDecomp) leaves = NULL;
  GwDecompPopulation pops[2];
  gboolean ok;
  Priv *p;

  g_return_val_if_fail (GW_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (request->sex == GW_SEX_MALE || request->sex == GW_SEX_FEMALE, NULL);
  g_return_val_if_fail (request->is_group ? request->subject < gw_dataset_n_groups (dataset)
                                          : request->subject < gw_dataset_n_areas (dataset), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  d = g_new0 (GwGapDecomp, 1);
  d->request = *request;
  d->priv = p = g_new0 (Priv, 1);

  gw_dataset_read_lock (dataset);
  if (d->request.comparator < 0)
    d->request.comparator = gw_dataset_get_country (dataset);
  if (d->request.comparator < 0 || (guint) d->request.comparator >= gw_dataset_n_areas (dataset))
    {
      gw_dataset_read_unlock (dataset);
      g_set_error (error, GW_GAP_DECOMP_ERROR, GW_GAP_DECOMP_ERROR_NO_COMPARATOR,
                   _("No comparator: the exports declare no area of type country"));
      return NULL;
    }
  if (request->is_group)
    {
      d->subject_code = g_strdup (gw_dataset_get_group (dataset, request->subject)->id);
      d->subject_name = g_strdup (gw_dataset_get_group (dataset, request->subject)->name);
    }
  else
    {
      d->subject_code = g_strdup (gw_dataset_get_area (dataset, request->subject)->code);
      d->subject_name = g_strdup (gw_dataset_get_area (dataset, request->subject)->name);
    }
  d->comparator_code = g_strdup (gw_dataset_get_area (dataset, (guint) d->request.comparator)->code);
  d->comparator_name = g_strdup (gw_dataset_get_area (dataset, (guint) d->request.comparator)->name);
  gw_dataset_read_unlock (dataset);

  if (d->request.period == 0
      && (d->request.period = gw_gap_decomp_latest_period (dataset, request->is_group, request->subject,
                                                            d->request.comparator)) == 0)
    {
      g_set_error (error, GW_GAP_DECOMP_ERROR, GW_GAP_DECOMP_ERROR_NO_DATA,
                   _("No three years have deaths and populations of both %s and %s"),
                   d->subject_code, d->comparator_code);
      return NULL;
    }
  if (gw_period_kind (d->request.period) != GW_PERIOD_YEAR
      && gw_period_kind (d->request.period) != GW_PERIOD_POOLED)
    {
      char text[GW_PERIOD_STRLEN];

      g_set_error (error, GW_GAP_DECOMP_ERROR, GW_GAP_DECOMP_ERROR_PERIOD,
                   _("%s is not a calendar year or pooled years (e.g. 2016 or 2016-2018)"),
                   gw_period_format (d->request.period, text));
      return NULL;
    }

  gw_dataset_read_lock (dataset);
  ok = read_counts (d, dataset, error);
  gw_dataset_read_unlock (dataset);
  if (!ok)
    return NULL;

  pops[COMPARATOR] = population (d, COMPARATOR);
  pops[AREA] = population (d, AREA);
  leaves = gw_decomp_arriaga (d->layout, &pops[COMPARATOR], &pops[AREA], d->n_bands,
                              p->n_leaves, error);
  if (leaves == NULL)
    return NULL;
  d->e0_area = leaves->e0_area;
  d->e0_comparator = leaves->e0_comparator;

  p->years = g_new0 (double, (gsize) (d->n_bands + 1) * (d->n_causes + 1));
  sum_to_causes (d, &leaves->years, p->years);

  /* the subject's deaths a year, through the same sums */
  {
    GwDecompTable t = { d->n_bands, p->n_leaves, NULL };
    guint width = p->n_leaves + 2;

    t.cells = g_new0 (double, (gsize) (d->n_bands + 1) * width);
    for (guint x = 0; x < d->n_bands; x++)
      {
        double covered = 0.0;

        for (guint l = 0; l < p->n_leaves; l++)
          {
            double v = p->by_leaf[AREA][l * d->n_bands + x] / d->n_years;

            t.cells[x * width + l] = v;
            t.cells[d->n_bands * width + l] += v;
            covered += v;
          }
        t.cells[x * width + p->n_leaves] = MAX (p->deaths[AREA][x] / d->n_years - covered, 0.0);
        t.cells[d->n_bands * width + p->n_leaves] += t.cells[x * width + p->n_leaves];
        t.cells[x * width + p->n_leaves + 1] = p->deaths[AREA][x] / d->n_years;
        t.cells[d->n_bands * width + p->n_leaves + 1] += p->deaths[AREA][x] / d->n_years;
      }
    p->subject_deaths = g_new0 (double, (gsize) (d->n_bands + 1) * (d->n_causes + 1));
    sum_to_causes (d, &t, p->subject_deaths);
    g_free (t.cells);
  }

  return g_steal_pointer (&d);
}

void
gw_gap_decomp_free (GwGapDecomp *decomp)
{
  if (decomp == NULL)
    return;
  for (guint c = 0; c < decomp->n_causes; c++)
    {
      g_free (decomp->causes[c].id);
      g_free (decomp->causes[c].name);
    }
  g_free (decomp->causes);
  g_free (decomp->subject_code);
  g_free (decomp->subject_name);
  g_free (decomp->comparator_code);
  g_free (decomp->comparator_name);
  if (decomp->priv != NULL)
    priv_free (decomp->priv);
  g_free (decomp);
}

double
gw_gap_decomp_get (const GwGapDecomp *decomp,
                   guint              band,
                   guint              cause)
{
  g_return_val_if_fail (decomp != NULL, NAN);
  g_return_val_if_fail (band < decomp->n_bands || band == GW_DECOMP_ALL, NAN);
  g_return_val_if_fail (cause < decomp->n_causes || cause == GW_DECOMP_ALL, NAN);

  return ((Priv *) decomp->priv)->years[cell (decomp, band, cause)];
}

double
gw_gap_decomp_get_share (const GwGapDecomp *decomp,
                         guint              band,
                         guint              cause)
{
  double gap, value;

  g_return_val_if_fail (decomp != NULL, NAN);

  gap = gw_gap_decomp_get (decomp, GW_DECOMP_ALL, GW_DECOMP_ALL);
  value = gw_gap_decomp_get (decomp, band, cause);
  if (gap == 0.0)
    return NAN;
  /* no contribution is no share, not -0 when the gap is negative */
  return value == 0.0 ? 0.0 : 100.0 * value / gap;
}

double
gw_gap_decomp_gap (const GwGapDecomp *decomp,
                   double             e0,
                   gboolean           relative)
{
  g_return_val_if_fail (decomp != NULL, NAN);

  return relative ? 100.0 * (decomp->e0_comparator - e0) / decomp->e0_comparator
                  : decomp->e0_comparator - e0;
}

double
gw_gap_decomp_get_deaths (const GwGapDecomp *decomp,
                          guint              band,
                          guint              cause)
{
  g_return_val_if_fail (decomp != NULL, NAN);
  g_return_val_if_fail (band < decomp->n_bands || band == GW_DECOMP_ALL, NAN);
  g_return_val_if_fail (cause < decomp->n_causes || cause == GW_DECOMP_ALL, NAN);

  return ((Priv *) decomp->priv)->subject_deaths[cell (decomp, band, cause)];
}

/* --- deaths to prevent, what if ----------------------------------------------- */

/**
 * gw_gap_decomp_reckon:
 * @decomp: a decomposition
 * @needed_gap: the gap to reach, percent of the comparator's e0 when
 *   @relative, else years
 * @relative: whether the gap is relative
 * @error: a #GW_DECOMP_ERROR
 *
 * Returns: (transfer full): deaths to prevent a year, or %NULL with @error
 */
GwGapReckoning *
gw_gap_decomp_reckon (const GwGapDecomp *decomp,
                      double             needed_gap,
                      gboolean           relative,
                      GError           **error)
{
  g_autoptr(GwDecompReckoning) leaves = NULL;
  g_autoptr(GwGapReckoning) r = NULL;
  GwDecompPopulation pops[2];

  g_return_val_if_fail (decomp != NULL, NULL);
  g_return_val_if_fail (isfinite (needed_gap), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  pops[COMPARATOR] = population (decomp, COMPARATOR);
  pops[AREA] = population (decomp, AREA);
  leaves = gw_decomp_reckon (decomp->layout, &pops[COMPARATOR], &pops[AREA], decomp->n_bands,
                             ((Priv *) decomp->priv)->n_leaves,
                             gw_decomp_needed_value (decomp->e0_comparator, needed_gap, relative),
                             decomp->n_years, error);
  if (leaves == NULL)
    return NULL;

  r = g_new0 (GwGapReckoning, 1);
  r->needed_gap = needed_gap;
  r->relative = relative;
  r->needed_value = leaves->needed_value;
  r->current_value = leaves->current_value;
  r->k = leaves->k;
  r->n_bands = decomp->n_bands;
  r->n_causes = decomp->n_causes;
  r->deaths = g_new0 (double, (gsize) (decomp->n_bands + 1) * (decomp->n_causes + 1));
  sum_to_causes (decomp, &leaves->deaths, r->deaths);
  return g_steal_pointer (&r);
}

double
gw_gap_reckoning_get (const GwGapReckoning *reckoning,
                      guint                 band,
                      guint                 cause)
{
  guint x, c;

  g_return_val_if_fail (reckoning != NULL, NAN);
  g_return_val_if_fail (band < reckoning->n_bands || band == GW_DECOMP_ALL, NAN);
  g_return_val_if_fail (cause < reckoning->n_causes || cause == GW_DECOMP_ALL, NAN);

  x = band == GW_DECOMP_ALL ? reckoning->n_bands : band;
  c = cause == GW_DECOMP_ALL ? reckoning->n_causes : cause;
  return reckoning->deaths[(gsize) x * (reckoning->n_causes + 1) + c];
}

void
gw_gap_reckoning_free (GwGapReckoning *reckoning)
{
  if (reckoning == NULL)
    return;
  g_free (reckoning->deaths);
  g_free (reckoning);
}

/* The subject's deaths of leaf l (n_leaves: not specified) in bands
 * first..last over the period. */
static double
leaf_deaths (const GwGapDecomp *d, guint l, guint first, guint last)
{
  Priv *p = d->priv;
  double v = 0.0;

  for (guint x = first; x <= last; x++)
    {
      double covered = 0.0;

      for (guint k = 0; k < p->n_leaves; k++)
        covered += p->by_leaf[AREA][k * d->n_bands + x];
      v += l < p->n_leaves ? p->by_leaf[AREA][l * d->n_bands + x]
                           : MAX (p->deaths[AREA][x] - covered, 0.0);
    }
  return v;
}

/**
 * gw_gap_decomp_what_if:
 * @decomp: a decomposition
 * @preventions: deaths prevented a year, by cause reported and bands
 * @n_preventions: their number
 * @e0: (out): the subject's life expectancy at birth then, years
 * @error: a #GW_DECOMP_ERROR
 *
 * Returns: whether @e0 was computed
 */
gboolean
gw_gap_decomp_what_if (const GwGapDecomp        *decomp,
                       const GwDecompPrevention *preventions,
                       gsize                     n_preventions,
                       double                   *e0,
                       GError                  **error)
{
  Priv *p;
  g_autoptr(GArray) leaf_prev = g_array_new (FALSE, FALSE, sizeof (GwDecompPrevention));
  GwDecompPopulation area;

  g_return_val_if_fail (decomp != NULL, FALSE);
  g_return_val_if_fail (preventions != NULL || n_preventions == 0, FALSE);
  g_return_val_if_fail (e0 != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  p = decomp->priv;
  for (gsize i = 0; i < n_preventions; i++)
    {
      const GwDecompPrevention *prev = &preventions[i];
      double total = 0.0;
      guint n_covered = 0, last_leaf = 0;

      g_return_val_if_fail (prev->cause < decomp->n_causes || prev->cause == GW_DECOMP_ALL, FALSE);
      g_return_val_if_fail (prev->first_band <= prev->last_band && prev->last_band < decomp->n_bands, FALSE);

      if (prev->cause == GW_DECOMP_ALL)
        {
          g_array_append_val (leaf_prev, *prev);
          continue;
        }
      /* a cause with several leaves loses each in proportion to its deaths */
      for (guint l = 0; l <= p->n_leaves; l++)
        if (p->covers[prev->cause * (p->n_leaves + 1) + l])
          {
            total += leaf_deaths (decomp, l, prev->first_band, prev->last_band);
            n_covered++;
            last_leaf = l;
          }
      for (guint l = 0; l <= p->n_leaves; l++)
        if (p->covers[prev->cause * (p->n_leaves + 1) + l])
          {
            GwDecompPrevention one = *prev;

            one.cause = l;
            if (total > 0.0)
              one.deaths = prev->deaths * leaf_deaths (decomp, l, prev->first_band, prev->last_band) / total;
            else if (l != last_leaf || n_covered == 0)
              continue;
            g_array_append_val (leaf_prev, one);
          }
    }

  area = population (decomp, AREA);
  return gw_decomp_what_if (decomp->layout, &area, decomp->n_bands, p->n_leaves,
                            (const GwDecompPrevention *) leaf_prev->data, leaf_prev->len,
                            decomp->n_years, e0, error);
}
