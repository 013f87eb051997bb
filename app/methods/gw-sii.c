/* gw-sii.c: slope and relative index of inequality (SII, RII)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sources: PHEindicatormethods phe_sii (UKHSA v2.1.0; R/SII_function.R and
 * R/utils.R FindXValues, SimulationFunc), after Low A, Low A, "Measuring
 * the gap: quantifying and comparing local health inequalities", J Public
 * Health 2004;26:388-95.  The formulas are those of
 * help/C/method-sii.page.
 *
 * The simulation draws normal variates with the ziggurat of Marsaglia G,
 * Tsang WW, "The Ziggurat Method for Generating Random Variables", J Stat
 * Softw 2000;5(8), 256 layers, with Doornik's correction (JA Doornik, "An
 * Improved Ziggurat Method to Generate Normal Random Samples", 2005): the
 * layer and the abscissa come from disjoint bits of one 64-bit word, so
 * they are independent.  Why the ziggurat: 98.8% of draws cost one 64-bit
 * random number, a table lookup, a multiply and a compare, where
 * Box-Muller needs a log, a square root and a sine or cosine per variate.
 * The bits come from xoshiro256** (Blackman D, Vigna S, "Scrambled Linear
 * Pseudorandom Number Generators", ACM TOMS 2021;47(4):36): every output bit
 * passes BigCrush, unlike xoshiro256+'s low bits, which the layer index
 * uses.  Each block of BLOCK_REPS repetitions has its own stream, seeded by
 * splitmix64 (Steele GL, Lea D, Flood CH, "Fast splittable pseudorandom
 * number generators", OOPSLA 2014) from (seed, block): the result does not
 * depend on which thread ran which block.
 */
#include "gw-sii.h"
#include "gw-sii-private.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "methods/gw-ci.h"

G_DEFINE_QUARK (gw-sii-error-quark, gw_sii_error)

/* Repetitions per random stream: the unit of work of a thread.  Fixed, so
 * that the draws of repetition r never depend on the thread count. */
#define BLOCK_REPS 4096

#define MAX_THREADS 8

/* --- xoshiro256** and splitmix64 ---------------------------------------- */

typedef struct
{
  guint64 s[4];
} Rng;

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

static inline guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static inline guint64
rng_next (Rng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/* Uniform in [0, 1), 53 bits. */
static inline double
rng_uniform (Rng *rng)
{
  return (double) (rng_next (rng) >> 11) * 0x1.0p-53;
}

/* Stream @stream of @seed.  The seed is hashed first so that nearby seeds
 * and nearby streams give unrelated states. */
static void
rng_init (Rng     *rng,
          guint64  seed,
          guint64  stream)
{
  guint64 sm = seed;
  guint64 h = splitmix64 (&sm);

  sm = h ^ (stream * G_GUINT64_CONSTANT (0xd1b54a32d192ed03));
  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&sm);
}

/* --- the ziggurat -------------------------------------------------------- */

/* Marsaglia & Tsang's 256-layer constants: the start of the tail and the
 * area of each layer. */
#define ZIG_R 3.6541528853610088
#define ZIG_V 4.92867323399e-3

static double zig_x[257];  /* right edge of layer i; zig_x[0] the base's virtual width */
static double zig_f[257];  /* exp (-x^2 / 2) at zig_x[i] */

static void
zig_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      double f = exp (-0.5 * ZIG_R * ZIG_R);

      zig_x[0] = ZIG_V / f;
      zig_x[1] = ZIG_R;
      for (guint i = 1; i < 255; i++)
        zig_x[i + 1] = sqrt (-2.0 * log (ZIG_V / zig_x[i] + exp (-0.5 * zig_x[i] * zig_x[i])));
      zig_x[256] = 0.0;
      for (guint i = 0; i < 257; i++)
        zig_f[i] = exp (-0.5 * zig_x[i] * zig_x[i]);
      g_once_init_leave (&done, 1);
    }
}

G_ALWAYS_INLINE static inline double
rng_normal (Rng *rng)
{
  for (;;)
    {
      guint64 r = rng_next (rng);
      guint i = (guint) (r & 0xff);
      /* bits 11..63: a uniform in [-1, 1), independent of the layer's bits */
      double u = 2.0 * ((double) (r >> 11) * 0x1.0p-53) - 1.0;
      double x = u * zig_x[i];

      if (fabs (x) < zig_x[i + 1])
        return x;

      if (i == 0)
        {
          /* the tail beyond R (Marsaglia 1964) */
          double a, b;

          do
            {
              a = -log (1.0 - rng_uniform (rng)) / ZIG_R;
              b = -log (1.0 - rng_uniform (rng));
            }
          while (b + b < a * a);
          return u < 0.0 ? -(ZIG_R + a) : ZIG_R + a;
        }

      /* the wedge between the layer's rectangle and the curve */
      if (zig_f[i] + rng_uniform (rng) * (zig_f[i + 1] - zig_f[i]) < exp (-0.5 * x * x))
        return x;
    }
}

void
_gw_sii_fill_normal (guint64  seed,
                     guint64  stream,
                     double  *out,
                     gsize    n)
{
  Rng rng;

  zig_init ();
  rng_init (&rng, seed, stream);
  for (gsize i = 0; i < n; i++)
    out[i] = rng_normal (&rng);
}

/* --- order statistics ---------------------------------------------------- */

/* Puts the k-th smallest of v[lo..hi) at v[k], smaller before, larger after
 * (Hoare's FIND with a median of three).  A full sort of 100,000 draws
 * costs more than drawing them. */
static void
select_kth (double *v,
            gsize   lo,
            gsize   hi,
            gsize   k)
{
  while (hi - lo > 2)
    {
      gsize mid = lo + (hi - lo) / 2;
      double a = v[lo], b = v[mid], c = v[hi - 1];
      double pivot = a < b ? (b < c ? b : (a < c ? c : a))
                           : (a < c ? a : (b < c ? c : b));
      gsize i = lo, j = hi - 1;

      for (;;)
        {
          while (v[i] < pivot)
            i++;
          while (v[j] > pivot)
            j--;
          if (i >= j)
            break;
          double t = v[i];
          v[i] = v[j];
          v[j] = t;
          i++;
          j--;
        }
      /* v[lo..j] <= pivot <= v[j+1..hi) */
      if (k <= j)
        hi = j + 1;
      else
        lo = j + 1;
    }
  if (hi - lo == 2 && v[lo] > v[lo + 1])
    {
      double t = v[lo];
      v[lo] = v[lo + 1];
      v[lo + 1] = t;
    }
}

/* Places the order statistics @k[0] < ... < @k[n_k - 1] (0-based) of
 * v[lo..hi): the middle one first, then each side on its own part. */
static void
select_many (double      *v,
             gsize        lo,
             gsize        hi,
             const gsize *k,
             guint        n_k)
{
  guint m;

  if (n_k == 0)
    return;
  m = n_k / 2;
  select_kth (v, lo, hi, k[m]);
  select_many (v, lo, k[m], k, m);
  select_many (v, k[m] + 1, hi, k + m + 1, n_k - m - 1);
}

#define SAMPLE_SIZE 1024

/* The order statistics @k[0] < ... < @k[n_k - 1] of v[0..n), as
 * select_many() but in about one pass when they lie in the tails, as
 * limits do: thresholds from a sample of the draws (iid, so every 1/m-th
 * one is a random sample) with a margin of 5 binomial sds, one pass moving
 * what lies below the lower one to the front and above the upper one to
 * the back, then selection within those two short runs.  When a run turns
 * out too short for its positions (a margin of 5 sds makes that rare, ties
 * can), the whole array is selected instead: the result is the same. */
void
_gw_sii_select (double      *v,
                gsize        n,
                const gsize *k,
                guint        n_k)
{
  double sample[SAMPLE_SIZE];
  gsize m = MIN (n, SAMPLE_SIZE);
  guint n_low = 0;
  double t_lo = -INFINITY, t_hi = INFINITY;
  gsize lo = 0, i = 0, hi = n;

  if (n < 4 * SAMPLE_SIZE)
    {
      select_many (v, 0, n, k, n_k);
      return;
    }
  while (n_low < n_k && k[n_low] < n / 2)
    n_low++;

  for (gsize j = 0; j < m; j++)
    sample[j] = v[j * (n / m)];

  /* sample index above which fewer than (k + 1) / n of the draws lie, with
   * its margin; no threshold when the margin reaches the middle */
  if (n_low > 0)
    {
      double p = (double) (k[n_low - 1] + 1) / n;
      double j = ceil (m * p + 5.0 * sqrt (m * p * (1.0 - p))) + 2.0;

      if (j >= m / 2)
        {
          select_many (v, 0, n, k, n_k);
          return;
        }
      select_kth (sample, 0, m, (gsize) j);
      t_lo = sample[(gsize) j];
    }
  if (n_low < n_k)
    {
      double p = (double) (n - k[n_low]) / n;
      double j = ceil (m * p + 5.0 * sqrt (m * p * (1.0 - p))) + 2.0;

      if (j >= m / 2)
        {
          select_many (v, 0, n, k, n_k);
          return;
        }
      select_kth (sample, 0, m, m - 1 - (gsize) j);
      t_hi = sample[m - 1 - (gsize) j];
    }

  /* three-way partition: v[0..lo) <= t_lo, v[hi..n) >= t_hi, the rest between */
  while (i < hi)
    {
      double x = v[i];

      if (x <= t_lo)
        {
          v[i++] = v[lo];
          v[lo++] = x;
        }
      else if (x >= t_hi)
        {
          v[i] = v[--hi];
          v[hi] = x;
        }
      else
        i++;
    }

  if ((n_low > 0 && lo <= k[n_low - 1]) || (n_low < n_k && hi > k[n_low]))
    {
      select_many (v, 0, n, k, n_k);
      return;
    }
  select_many (v, 0, lo, k, n_low);
  select_many (v, hi, n, k + n_low, n_k - n_low);
}

/* phe_sii's 1-based positions of the limits at level @c among @r sorted
 * draws: round (r (1 - c) / 2) and round (r (1 + c) / 2), R's round()
 * (halves to even, as nearbyint in the default rounding mode). */
static void
limit_positions (guint   r,
                 double  c,
                 gsize  *lower,
                 gsize  *upper)
{
  double cv = c + (1.0 - c) / 2.0;
  double lo = nearbyint (r * (1.0 - cv));
  double hi = nearbyint (r * cv);

  *lower = (gsize) CLAMP (lo, 1.0, (double) r) - 1;
  *upper = (gsize) CLAMP (hi, 1.0, (double) r) - 1;
}

/* --- the simulation ------------------------------------------------------ */

typedef struct
{
  guint          n;               /* quantiles */
  GwSiiValueType value_type;
  gboolean       transform;
  double         multiplier;
  guint          repetitions;
  guint64        seed;
  gboolean       bivariate;
  /* per quantile: the mean and SE of the draws (on the drawing scale) and
   * the weights giving beta0 = sum w0 y, beta1 = sum w1 y */
  double         mean[GW_SII_MAX_QUANTILES];
  double         se[GW_SII_MAX_QUANTILES];
  double         w0[GW_SII_MAX_QUANTILES];
  double         w1[GW_SII_MAX_QUANTILES];
  /* bivariate: (beta0, beta1) = (m0, m1) + L z, L lower triangular */
  double         m0, m1, l00, l10, l11;
} Sim;

/* One SII's simulation, shared by the calling thread and pool threads.
 * Reference-counted: a pool thread may start after the caller has
 * returned, find no block left, and only then let go. */
typedef struct
{
  const Sim *sim;
  double    *sii;      /* R draws of the SII (transform: of beta1, unscaled) */
  double    *rii;      /* R draws of the RII; NULL with transform */
  guint      n_blocks;
  gint       next_block;  /* atomic: the next block to claim */
  GMutex     mutex;
  GCond      cond;
  guint      done;        /* blocks finished, under mutex */
} SimJob;

static inline double
back_transform (GwSiiValueType type,
                double         y)
{
  switch (type)
    {
    case GW_SII_VALUE_RATE:
      return exp (y);
    case GW_SII_VALUE_PROPORTION:
      return 1.0 / (1.0 + exp (-y));
    case GW_SII_VALUE_OTHER:
    default:
      return y;
    }
}

static void
simulate_block (const Sim *sim,
                guint      block,
                double    *sii,
                double    *rii)
{
  guint start = block * BLOCK_REPS;
  guint n = MIN (BLOCK_REPS, sim->repetitions - start);
  gboolean back = !sim->transform && sim->value_type != GW_SII_VALUE_OTHER;
  Rng rng;

  rng_init (&rng, sim->seed, block);

  for (guint r = 0; r < n; r++)
    {
      double b0, b1;

      if (sim->bivariate)
        {
          double z0 = rng_normal (&rng);
          double z1 = rng_normal (&rng);

          b0 = sim->m0 + sim->l00 * z0;
          b1 = sim->m1 + sim->l10 * z0 + sim->l11 * z1;
        }
      else
        {
          b0 = 0.0;
          b1 = 0.0;
          for (guint q = 0; q < sim->n; q++)
            {
              double y = sim->mean[q] + sim->se[q] * rng_normal (&rng);

              if (back)
                y = back_transform (sim->value_type, y);
              b0 += sim->w0[q] * y;
              b1 += sim->w1[q] * y;
            }
        }

      if (sim->transform)
        sii[start + r] = b1;
      else
        {
          double ratio = (b0 + b1) / b0;

          sii[start + r] = b1 * sim->multiplier;
          rii[start + r] = sim->multiplier < 0.0 ? 1.0 / ratio : ratio;
        }
    }
}

/* Runs blocks until none is left.  A block's draws depend only on the
 * seed and the block, so who runs it does not matter. */
static void
run_blocks (SimJob *job)
{
  guint block, n = 0;

  while ((block = (guint) g_atomic_int_add (&job->next_block, 1)) < job->n_blocks)
    {
      simulate_block (job->sim, block, job->sii, job->rii);
      n++;
    }
  if (n > 0)
    {
      g_mutex_lock (&job->mutex);
      job->done += n;
      if (job->done == job->n_blocks)
        g_cond_signal (&job->cond);
      g_mutex_unlock (&job->mutex);
    }
}

static void
sim_job_clear (gpointer data)
{
  SimJob *job = data;

  g_mutex_clear (&job->mutex);
  g_cond_clear (&job->cond);
}

static void
pool_run (gpointer data,
          gpointer user_data)
{
  run_blocks (data);
  g_atomic_rc_box_release_full (data, sim_job_clear);
}

/* Threads kept between SIIs: starting two threads per SII cost more than
 * an SII of 10,000 repetitions. */
static GThreadPool *
get_pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (pool_run, NULL, MAX_THREADS - 1, FALSE, NULL));
  return pool;
}

static void
simulate (const Sim *sim,
          guint      n_threads,
          double    *sii,
          double    *rii)
{
  SimJob *job = g_atomic_rc_box_new0 (SimJob);
  guint n_workers;

  job->sim = sim;
  job->sii = sii;
  job->rii = rii;
  job->n_blocks = (sim->repetitions + BLOCK_REPS - 1) / BLOCK_REPS;
  g_mutex_init (&job->mutex);
  g_cond_init (&job->cond);

  if (n_threads == 0)
    n_threads = g_get_num_processors ();
  n_workers = CLAMP (n_threads, 1, MAX_THREADS);
  n_workers = MIN (n_workers, job->n_blocks);

  /* this thread is one of the workers */
  for (guint i = 1; i < n_workers; i++)
    {
      g_atomic_rc_box_acquire (job);
      if (!g_thread_pool_push (get_pool (), job, NULL))
        g_atomic_rc_box_release_full (job, sim_job_clear);
    }
  run_blocks (job);

  g_mutex_lock (&job->mutex);
  while (job->done < job->n_blocks)
    g_cond_wait (&job->cond, &job->mutex);
  g_mutex_unlock (&job->mutex);
  g_atomic_rc_box_release_full (job, sim_job_clear);
}

/* Scratch for the draws, kept per calling thread: fresh pages for 1.6 MB
 * of draws at every call cost a third of the time in page faults. */
#define SCRATCH_MAX (2 * (gsize) 200000)

typedef struct
{
  gsize  size;
  double data[];
} Scratch;

static GPrivate scratch_key = G_PRIVATE_INIT (g_free);

/* @n doubles: the thread's scratch when it is small enough to keep, else
 * a new block handed to @owned. */
static double *
draws_buffer (gsize    n,
              double **owned)
{
  Scratch *scratch = g_private_get (&scratch_key);

  if (n > SCRATCH_MAX)
    return *owned = g_new (double, n);
  if (scratch == NULL || scratch->size < n)
    {
      scratch = g_malloc (sizeof (Scratch) + n * sizeof (double));
      scratch->size = n;
      g_private_replace (&scratch_key, scratch);
    }
  return scratch->data;
}

/* --- checks -------------------------------------------------------------- */

static gboolean
check_options (const GwSiiOptions  *options,
               GError             **error)
{
  if (options->repetitions < GW_SII_MIN_REPETITIONS)
    {
      g_set_error (error, GW_SII_ERROR, GW_SII_ERROR_OPTIONS,
                   _("At least 1,000 repetitions are needed; %u were asked for"),
                   options->repetitions);
      return FALSE;
    }
  for (guint l = 0; l < GW_SII_N_LEVELS; l++)
    if (!(options->levels[l] > 0.0 && options->levels[l] < 1.0))
      {
        g_set_error_literal (error, GW_SII_ERROR, GW_SII_ERROR_OPTIONS,
                             _("Confidence levels must lie between 0 and 1"));
        return FALSE;
      }
  if (!isfinite (options->multiplier) || options->multiplier == 0.0)
    {
      g_set_error_literal (error, GW_SII_ERROR, GW_SII_ERROR_OPTIONS,
                           _("The multiplier must be a number other than zero"));
      return FALSE;
    }
  if (options->transform && options->value_type == GW_SII_VALUE_OTHER)
    {
      g_set_error_literal (error, GW_SII_ERROR, GW_SII_ERROR_OPTIONS,
                           _("Only rates and proportions can be transformed"));
      return FALSE;
    }
  return TRUE;
}

/* Whether @y can be put on the drawing scale of @type. */
static gboolean
in_range (GwSiiValueType type,
          double         y)
{
  switch (type)
    {
    case GW_SII_VALUE_RATE:
      return y > 0.0;
    case GW_SII_VALUE_PROPORTION:
      return y > 0.0 && y < 1.0;
    case GW_SII_VALUE_OTHER:
    default:
      return isfinite (y);
    }
}

/* @y on the drawing scale of @type: log for a rate, logit for a proportion. */
static double
transform_value (GwSiiValueType type,
                 double         y)
{
  switch (type)
    {
    case GW_SII_VALUE_RATE:
      return log (y);
    case GW_SII_VALUE_PROPORTION:
      return log (y / (1.0 - y));
    case GW_SII_VALUE_OTHER:
    default:
      return y;
    }
}

static gboolean
refuse_value (guint            q,
              GwSiiValueType   type,
              GError         **error)
{
  switch (type)
    {
    case GW_SII_VALUE_RATE:
      g_set_error (error, GW_SII_ERROR, GW_SII_ERROR_VALUE,
                   _("Quantile %u has a rate or limit of zero or less, which has no logarithm"), q + 1);
      break;
    case GW_SII_VALUE_PROPORTION:
      g_set_error (error, GW_SII_ERROR, GW_SII_ERROR_VALUE,
                   _("Quantile %u has a proportion or limit outside 0 to 1"), q + 1);
      break;
    case GW_SII_VALUE_OTHER:
    default:
      g_set_error (error, GW_SII_ERROR, GW_SII_ERROR_VALUE,
                   _("Quantile %u has no value"), q + 1);
      break;
    }
  return FALSE;
}

static gboolean
check_count (guint    n,
             GError **error)
{
  if (n < GW_SII_MIN_QUANTILES || n > GW_SII_MAX_QUANTILES)
    {
      g_set_error (error, GW_SII_ERROR, GW_SII_ERROR_QUANTILES,
                   _("An SII needs 5 to 100 quantiles with values; %u were given"), n);
      return FALSE;
    }
  return TRUE;
}

/* The checks of help/C/method-sii.page, each kind over every quantile before
 * the next (phe_sii's order: populations, values, standard errors).  Fills
 * sim->mean and sim->se on the drawing scale. */
static gboolean
check_quantiles (const GwSiiQuantile  *quantiles,
                 guint                 n,
                 GwSiiValueType        type,
                 Sim                  *sim,
                 GError              **error)
{
  if (!check_count (n, error))
    return FALSE;

  for (guint q = 0; q < n; q++)
    if (!(quantiles[q].population > 0.0) || !isfinite (quantiles[q].population))
      {
        g_set_error (error, GW_SII_ERROR, GW_SII_ERROR_POPULATION,
                     _("Quantile %u has a population of zero or less, or none"), q + 1);
        return FALSE;
      }

  for (guint q = 0; q < n; q++)
    {
      if (isnan (quantiles[q].value))
        return refuse_value (q, GW_SII_VALUE_OTHER, error);
      if (!in_range (type, quantiles[q].value))
        return refuse_value (q, type, error);
    }

  for (guint q = 0; q < n; q++)
    {
      const GwSiiQuantile *in = &quantiles[q];
      double se = in->se;

      if (isnan (se))
        {
          if (isnan (in->lower95) || isnan (in->upper95))
            {
              g_set_error (error, GW_SII_ERROR, GW_SII_ERROR_STANDARD_ERROR,
                           _("Quantile %u has neither a standard error nor both 95%% limits"), q + 1);
              return FALSE;
            }
          if (!in_range (type, in->lower95) || !in_range (type, in->upper95))
            return refuse_value (q, type, error);
          if (in->lower95 > in->upper95)
            {
              g_set_error (error, GW_SII_ERROR, GW_SII_ERROR_STANDARD_ERROR,
                           _("Quantile %u has its lower 95%% limit above its upper one"), q + 1);
              return FALSE;
            }
          /* phe_sii: (upper - lower) / z / 2 on the drawing scale, z of 95% */
          se = (transform_value (type, in->upper95) - transform_value (type, in->lower95))
               / GW_Z_95 / 2.0;
        }
      else if (se < 0.0 || !isfinite (se))
        {
          g_set_error (error, GW_SII_ERROR, GW_SII_ERROR_STANDARD_ERROR,
                       _("Quantile %u has a negative standard error"), q + 1);
          return FALSE;
        }
      sim->mean[q] = transform_value (type, in->value);
      sim->se[q] = se;
    }

  return TRUE;
}

/* --- the fit ------------------------------------------------------------ */

/* The normal equations of the fit: X = [sqrt a, b sqrt a], so X'X =
 * [[sum a, sum a b], [sum a b, sum a b^2]] with sum a = 1, and
 * beta_k = sum_q w_kq y_q with w = (X'X)^-1 X' diag (sqrt a). */
static void
fit_weights (const GwSiiQuantile *quantiles,
             Sim                 *sim)
{
  double population[GW_SII_MAX_QUANTILES], rank[GW_SII_MAX_QUANTILES];
  double total = 0.0, s01 = 0.0, s11 = 0.0, det;

  for (guint q = 0; q < sim->n; q++)
    {
      population[q] = quantiles[q].population;
      total += population[q];
    }
  gw_sii_ranks (population, sim->n, rank);
  for (guint q = 0; q < sim->n; q++)
    {
      double a = population[q] / total;

      s01 += a * rank[q];
      s11 += a * rank[q] * rank[q];
    }
  det = s11 - s01 * s01;
  for (guint q = 0; q < sim->n; q++)
    {
      double a = population[q] / total;

      sim->w0[q] = a * (s11 - s01 * rank[q]) / det;
      sim->w1[q] = a * (rank[q] - s01) / det;
    }
}

/* SII, RII and intercept from the fitted (@b0, @b1), as phe_sii reports
 * them: untransformed, the slope x multiplier; transformed, the difference
 * of the back-transformed ends of the line. */
static void
point_values (const Sim   *sim,
              double       b0,
              double       b1,
              GwSiiResult *result)
{
  double mult = sim->multiplier;

  if (!sim->transform)
    {
      result->sii = mult * b1;
      result->rii = (b0 + b1) / b0;
      if (mult < 0.0)
        result->rii = 1.0 / result->rii;
      result->intercept = b0;
    }
  else
    {
      double g0 = back_transform (sim->value_type, b0);
      double g1 = back_transform (sim->value_type, b0 + b1);

      result->sii = (g1 - g0) * mult;
      result->rii = mult < 0.0 ? g0 / g1 : g1 / g0;
      result->intercept = g0 * fabs (mult);
    }
}

/* When the fit is linear in the draws, (beta0, beta1) is exactly normal
 * with mean (b0, b1) and covariance W diag (SE^2) W': two draws per
 * repetition in place of Q, the same distribution.  Its Cholesky factor. */
static void
joint_distribution (Sim    *sim,
                    double  b0,
                    double  b1)
{
  double c00 = 0.0, c01 = 0.0, c11 = 0.0;

  for (guint q = 0; q < sim->n; q++)
    {
      double v = sim->se[q] * sim->se[q];

      c00 += sim->w0[q] * sim->w0[q] * v;
      c01 += sim->w0[q] * sim->w1[q] * v;
      c11 += sim->w1[q] * sim->w1[q] * v;
    }
  sim->m0 = b0;
  sim->m1 = b1;
  sim->l00 = sqrt (c00);
  sim->l10 = sim->l00 > 0.0 ? c01 / sim->l00 : 0.0;
  sim->l11 = sqrt (MAX (0.0, c11 - sim->l10 * sim->l10));
}

/* The limits of @result->levels from the draws (reordered in place). */
static void
limits_from_draws (const Sim   *sim,
                   double       b0,
                   double       b1,
                   double      *sii_draws,
                   double      *rii_draws,
                   GwSiiResult *result)
{
  gsize positions[2 * GW_SII_N_LEVELS], sorted[2 * GW_SII_N_LEVELS];
  guint n_sorted = 0;
  double mult = sim->multiplier;

  /* the order statistics every level needs, ascending and distinct */
  for (guint l = 0; l < GW_SII_N_LEVELS; l++)
    limit_positions (sim->repetitions, result->levels[l],
                     &positions[2 * l], &positions[2 * l + 1]);
  for (guint i = 0; i < 2 * GW_SII_N_LEVELS; i++)
    {
      guint j = n_sorted;

      while (j > 0 && sorted[j - 1] > positions[i])
        j--;
      if (j > 0 && sorted[j - 1] == positions[i])
        continue;
      memmove (&sorted[j + 1], &sorted[j], (n_sorted - j) * sizeof (gsize));
      sorted[j] = positions[i];
      n_sorted++;
    }

  _gw_sii_select (sii_draws, sim->repetitions, sorted, n_sorted);
  if (rii_draws != NULL)
    _gw_sii_select (rii_draws, sim->repetitions, sorted, n_sorted);

  for (guint l = 0; l < GW_SII_N_LEVELS; l++)
    {
      gsize lo = positions[2 * l], hi = positions[2 * l + 1];

      if (!sim->transform)
        {
          result->sii_lower[l] = sii_draws[lo];
          result->sii_upper[l] = sii_draws[hi];
          result->rii_lower[l] = rii_draws[lo];
          result->rii_upper[l] = rii_draws[hi];
        }
      else
        {
          /* phe_sii: a line through the fitted middle (x = 1/2) with the
           * limiting slope, its ends back-transformed */
          double half = b0 + b1 / 2.0;
          double sl = sii_draws[lo], su = sii_draws[hi];
          double gl0 = back_transform (sim->value_type, half - sl / 2.0);
          double gl1 = back_transform (sim->value_type, half + sl / 2.0);
          double gu0 = back_transform (sim->value_type, half - su / 2.0);
          double gu1 = back_transform (sim->value_type, half + su / 2.0);

          if (mult < 0.0)
            {
              result->sii_lower[l] = (gu1 - gu0) * mult;
              result->sii_upper[l] = (gl1 - gl0) * mult;
              result->rii_lower[l] = gu0 / gu1;
              result->rii_upper[l] = gl0 / gl1;
            }
          else
            {
              result->sii_lower[l] = (gl1 - gl0) * mult;
              result->sii_upper[l] = (gu1 - gu0) * mult;
              result->rii_lower[l] = gl1 / gl0;
              result->rii_upper[l] = gu1 / gu0;
            }
        }
    }
}

/* --- public API ---------------------------------------------------------- */

/**
 * gw_sii_options_init:
 * @options: (out caller-allocates): options to set
 *
 * Sets @options to phe_sii's defaults: values of type other (e.g. life
 * expectancy), no transform, multiplier 1, 100,000 repetitions, seed 1,
 * limits at 95% and 99.8%, one thread per processor.
 */
void
gw_sii_options_init (GwSiiOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->value_type = GW_SII_VALUE_OTHER;
  options->transform = FALSE;
  options->multiplier = 1.0;
  options->repetitions = GW_SII_DEFAULT_REPETITIONS;
  options->seed = GW_SII_DEFAULT_SEED;
  options->levels[GW_SII_LEVEL_95] = 0.95;
  options->levels[GW_SII_LEVEL_998] = 0.998;
  options->n_threads = 0;
  options->draw_each_quantile = FALSE;
}

/**
 * gw_sii_ranks:
 * @population: (array length=n_quantiles): P_q of each quantile, q = 1 first
 * @n_quantiles: Q
 * @rank: (out caller-allocates) (array length=n_quantiles): b_q
 *
 * The relative rank of the middle of each quantile in the population,
 * b_q = sum_{r<q} a_r + a_q / 2 with a_q = P_q / sum P (phe_sii's
 * FindXValues): the x of the gradient chart, 0 = the most deprived end.
 */
void
gw_sii_ranks (const double *population,
              guint         n_quantiles,
              double       *rank)
{
  double total = 0.0, cumulative = 0.0;

  g_return_if_fail (population != NULL || n_quantiles == 0);
  g_return_if_fail (rank != NULL || n_quantiles == 0);

  for (guint q = 0; q < n_quantiles; q++)
    total += population[q];
  for (guint q = 0; q < n_quantiles; q++)
    {
      double a = population[q] / total;

      rank[q] = cumulative + a / 2.0;
      cumulative += a;
    }
}

/**
 * gw_sii_compute:
 * @quantiles: (array length=n_quantiles): the quantiles, q = 1 (the most
 *   deprived) first
 * @n_quantiles: Q, 5 to 100
 * @options: (nullable): options, or %NULL for gw_sii_options_init()'s
 * @result: (out caller-allocates): the SII, RII and their limits
 * @error: a #GW_SII_ERROR when there is no value
 *
 * The slope index of inequality (the modelled difference between the least
 * and the most deprived ends, in the values' unit x multiplier) and the
 * relative index (their ratio) by weighted least squares without intercept
 * of y_q sqrt(a_q) on sqrt(a_q) and b_q sqrt(a_q) (gw_sii_ranks()), with
 * limits from @options->repetitions simulated refits (help/C/method-sii.page,
 * phe_sii).  The point values are exact; the limits are Monte Carlo, the
 * same for the same seed whatever the thread count.
 *
 * Returns: %TRUE with @result filled, %FALSE with @error set
 */
gboolean
gw_sii_compute (const GwSiiQuantile  *quantiles,
                guint                 n_quantiles,
                const GwSiiOptions   *options,
                GwSiiResult          *result,
                GError              **error)
{
  GwSiiOptions defaults;
  g_autofree Sim *sim = NULL;
  g_autofree double *owned = NULL;
  double *sii_draws, *rii_draws = NULL;
  double b0 = 0.0, b1 = 0.0;

  g_return_val_if_fail (quantiles != NULL || n_quantiles == 0, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    {
      gw_sii_options_init (&defaults);
      options = &defaults;
    }
  memset (result, 0, sizeof *result);
  if (!check_options (options, error))
    return FALSE;

  sim = g_new0 (Sim, 1);
  if (!check_quantiles (quantiles, n_quantiles, options->value_type, sim, error))
    return FALSE;

  sim->n = n_quantiles;
  sim->value_type = options->value_type;
  sim->transform = options->transform;
  sim->multiplier = options->multiplier;
  sim->repetitions = options->repetitions;
  sim->seed = options->seed;
  fit_weights (quantiles, sim);

  /* The point fit: on the values' own scale, or on the drawing scale when
   * transformed (sim->mean is already there). */
  for (guint q = 0; q < n_quantiles; q++)
    {
      double y = options->transform ? sim->mean[q] : quantiles[q].value;

      b0 += sim->w0[q] * y;
      b1 += sim->w1[q] * y;
    }

  result->n_quantiles = n_quantiles;
  result->repetitions = options->repetitions;
  result->seed = options->seed;
  for (guint l = 0; l < GW_SII_N_LEVELS; l++)
    result->levels[l] = options->levels[l];
  point_values (sim, b0, b1, result);

  sim->bivariate = !options->draw_each_quantile &&
                   (options->transform || options->value_type == GW_SII_VALUE_OTHER);
  if (sim->bivariate)
    joint_distribution (sim, b0, b1);

  zig_init ();
  sii_draws = draws_buffer (2 * (gsize) options->repetitions, &owned);
  if (!options->transform)
    rii_draws = sii_draws + options->repetitions;
  simulate (sim, options->n_threads, sii_draws, rii_draws);
  limits_from_draws (sim, b0, b1, sii_draws, rii_draws, result);

  return TRUE;
}

/**
 * gw_sii_pool_small_areas:
 * @area_quantile: (array length=n_areas): the quantile (1..@n_quantiles,
 *   e.g. the IMD decile) of each small area; 0 for none (left out)
 * @deaths: (array): deaths of small area i in band j at [i * n_bands + j]
 * @population: (array): person-years, laid out as @deaths
 * @n_areas: small areas (LSOAs or MSOAs of the parent area or group)
 * @n_bands: age bands of the life table layout
 * @n_quantiles: Q
 * @pooled_deaths: (out caller-allocates): Q x @n_bands, summed by quantile
 * @pooled_population: (out caller-allocates): likewise
 *
 * Pools the counts of small areas by their deprivation quantile: the input
 * of a life table per quantile (gw_sii_life_expectancy()).  Counts, never
 * the areas' own values, are summed.
 */
void
gw_sii_pool_small_areas (const guint  *area_quantile,
                         const double *deaths,
                         const double *population,
                         guint         n_areas,
                         guint         n_bands,
                         guint         n_quantiles,
                         double       *pooled_deaths,
                         double       *pooled_population)
{
  g_return_if_fail (n_areas == 0 || (area_quantile != NULL && deaths != NULL && population != NULL));
  g_return_if_fail (pooled_deaths != NULL && pooled_population != NULL);

  memset (pooled_deaths, 0, sizeof (double) * n_quantiles * n_bands);
  memset (pooled_population, 0, sizeof (double) * n_quantiles * n_bands);
  for (guint i = 0; i < n_areas; i++)
    {
      guint q = area_quantile[i];

      if (q == 0 || q > n_quantiles)
        continue;
      for (guint j = 0; j < n_bands; j++)
        {
          pooled_deaths[(q - 1) * n_bands + j] += deaths[(gsize) i * n_bands + j];
          pooled_population[(q - 1) * n_bands + j] += population[(gsize) i * n_bands + j];
        }
    }
}

/**
 * gw_sii_life_expectancy:
 * @layout: the age bands of the counts
 * @deaths: (array): deaths of quantile q (q = 1 the most deprived) in band j
 *   of @layout at [(q - 1) * n_bands + j], e.g. from gw_sii_pool_small_areas()
 * @population: (array): person-years, laid out as @deaths
 * @n_quantiles: Q, 5 to 100
 * @start_age: age of the life expectancy in years, 0 for at birth; a start
 *   age of a band of @layout
 * @options: (nullable): options, or %NULL for the defaults
 * @quantiles: (out caller-allocates) (array length=n_quantiles) (nullable):
 *   each quantile's life expectancy, SE and population (the gradient chart)
 * @result: (out caller-allocates): the SII of life expectancy in years
 * @error: a #GW_SII_ERROR when there is no value
 *
 * The SII and RII of life expectancy at @start_age: a life table per
 * quantile from its counts (help/C/method-life-expectancy.page), its e and SE, the
 * quantile's total person-years as weight, then gw_sii_compute().  A
 * quantile without a life expectancy (its table suppressed, or its 95%
 * interval wider than 20 years) leaves the area without an SII.
 *
 * Returns: %TRUE with @result filled, %FALSE with @error set
 */
gboolean
gw_sii_life_expectancy (GwLifeTableLayout    layout,
                        const double        *deaths,
                        const double        *population,
                        guint                n_quantiles,
                        guint                start_age,
                        const GwSiiOptions  *options,
                        GwSiiQuantile       *quantiles,
                        GwSiiResult         *result,
                        GError             **error)
{
  guint n_bands = gw_life_table_layout_n_bands (layout);
  GwSiiQuantile local[GW_SII_MAX_QUANTILES];
  GwSiiQuantile *out = quantiles != NULL ? quantiles : local;
  g_autofree GwLifeTable *table = g_new0 (GwLifeTable, 1);

  g_return_val_if_fail (n_quantiles == 0 || (deaths != NULL && population != NULL), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (result, 0, sizeof *result);
  if (!check_count (n_quantiles, error))
    return FALSE;

  for (guint q = 0; q < n_quantiles; q++)
    {
      g_autoptr(GError) local_error = NULL;
      const GwLifeTableRow *row;
      double total = 0.0;

      if (!gw_life_table_compute_arrays (layout, deaths + (gsize) q * n_bands,
                                         population + (gsize) q * n_bands, n_bands,
                                         GW_Z_95, GW_Z_998, table, &local_error))
        {
          g_set_error (error, GW_SII_ERROR, GW_SII_ERROR_LIFE_TABLE,
                       _("Quantile %u has no life expectancy: %s"), q + 1,
                       local_error->message);
          return FALSE;
        }
      row = gw_life_table_get_row_at_age (table, start_age);
      if (row == NULL)
        {
          g_set_error (error, GW_SII_ERROR, GW_SII_ERROR_OPTIONS,
                       _("No age band of the life table starts at %u"), start_age);
          return FALSE;
        }
      if (isnan (row->value))
        {
          g_set_error (error, GW_SII_ERROR, GW_SII_ERROR_LIFE_TABLE,
                       _("Quantile %u has no life expectancy: its 95%% interval is wider than 20 years"),
                       q + 1);
          return FALSE;
        }
      for (guint j = 0; j < n_bands; j++)
        total += population[(gsize) q * n_bands + j];
      out[q] = (GwSiiQuantile) {
        .population = total,
        .value = row->value,
        .se = row->se,
        .lower95 = row->lower95,
        .upper95 = row->upper95,
      };
    }

  return gw_sii_compute (out, n_quantiles, options, result, error);
}
