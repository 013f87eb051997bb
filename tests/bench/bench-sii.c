/* bench-sii.c: the SII of life expectancy for every area and sex
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-sii
 *
 * GW_BENCH_AREAS areas (default 150) x 2 sexes, each with ten deprivation
 * deciles of counts in 20 age bands (synthetic: a Gompertz mortality
 * curve, higher in the more deprived deciles, populations of a district's
 * deciles, from a fixed seed).  Each the best wall time of three runs:
 *
 *   life tables   the ten life tables of every SII (gw_life_table_compute_arrays):
 *                 the baseline, the work of the values themselves
 *   sii           gw_sii_life_expectancy at 100,000 repetitions, default
 *                 options (joint draws of the two coefficients, all processors)
 *   sii 1 thread  the same on one thread
 *   sii each      drawing every decile and refitting, as phe_sii does
 *   issue goal    722 SIIs (361 areas x 2 sexes) at 10,000 repetitions
 *                 (issue 15: under 0.4 s on 2 cores; phe_sii about 40 s)
 *
 * and the draw rate of the normal generator (xoshiro256** + ziggurat)
 * against Box-Muller on GLib's g_rand_double (Mersenne Twister) in the same
 * run.  A benchmark reports: it exits non-zero only when something fails.
 *
 * Output is for developers and is not translated.
 */
#include <glib.h>
#include <math.h>
#include <stdlib.h>

#include "methods/gw-life-table.h"
#include "methods/gw-sii.h"
#include "methods/gw-sii-private.h"

#define RUNS 3
#define N_BANDS 20
#define N_DECILES 10

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

/* Counts of @n_sii SIIs: deaths and population, [sii][decile][band]. */
static void
make_counts (guint    n_sii,
             double **deaths,
             double **population)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);
  gsize n = (gsize) n_sii * N_DECILES * N_BANDS;

  *deaths = g_new (double, n);
  *population = g_new (double, n);
  for (guint s = 0; s < n_sii; s++)
    {
      double area_level = g_rand_double_range (rand, 0.8, 1.3);
      double female = (s % 2) ? 0.75 : 1.0;

      for (guint q = 0; q < N_DECILES; q++)
        {
          double gradient = 1.6 - 0.07 * q;
          double people = g_rand_double_range (rand, 8000.0, 30000.0);

          for (guint b = 0; b < N_BANDS; b++)
            {
              double age = b == 0 ? 0.5 : b == 1 ? 3.0 : 5.0 * (b - 1) + 2.5;
              double width = b == 0 ? 1.0 : b == 1 ? 4.0 : 5.0;
              /* person-years of a 3-year period, fewer at the oldest ages */
              double pop = 3.0 * people * width / 90.0 * (age < 70 ? 1.0 : exp (-(age - 70) / 12.0));
              double m = 3e-5 * exp (0.09 * age) * gradient * area_level * female;
              gsize k = ((gsize) s * N_DECILES + q) * N_BANDS + b;

              if (b == 0)
                m = 0.004 * gradient;
              (*population)[k] = round (pop);
              (*deaths)[k] = MAX (1.0, round (m * pop));
            }
        }
    }
}

typedef struct
{
  const char *name;
  guint       repetitions;
  guint       n_threads;
  gboolean    each;
} Variant;

/* Best of RUNS wall times of every SII of the counts; NAN on failure. */
static double
time_sii (guint         n_sii,
          const double *deaths,
          const double *population,
          const Variant *variant,
          double       *sum_sii)
{
  double best = INFINITY;

  for (guint run = 0; run < RUNS; run++)
    {
      GwSiiOptions options;
      gint64 start;
      double t, sum = 0.0;

      gw_sii_options_init (&options);
      options.repetitions = variant->repetitions;
      options.n_threads = variant->n_threads;
      options.draw_each_quantile = variant->each;

      start = g_get_monotonic_time ();
      for (guint s = 0; s < n_sii; s++)
        {
          g_autoptr(GError) error = NULL;
          GwSiiResult result;
          gsize off = (gsize) s * N_DECILES * N_BANDS;

          if (!gw_sii_life_expectancy (GW_LIFE_TABLE_LAYOUT_90_PLUS, deaths + off, population + off,
                                       N_DECILES, 0, &options, NULL, &result, &error))
            {
              g_printerr ("SII %u failed: %s\n", s, error->message);
              return NAN;
            }
          sum += result.sii;
        }
      t = seconds_since (start);
      best = MIN (best, t);
      *sum_sii = sum;
    }
  return best;
}

static double
time_life_tables (guint         n_sii,
                  const double *deaths,
                  const double *population)
{
  double best = INFINITY;
  GwLifeTable table;

  for (guint run = 0; run < RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();

      for (guint k = 0; k < n_sii * N_DECILES; k++)
        if (!gw_life_table_compute_arrays (GW_LIFE_TABLE_LAYOUT_90_PLUS,
                                           deaths + (gsize) k * N_BANDS,
                                           population + (gsize) k * N_BANDS, N_BANDS,
                                           GW_Z_95, GW_Z_998, &table, NULL))
          return NAN;
      best = MIN (best, seconds_since (start));
    }
  return best;
}

/* Normal variates per second: ours, and Box-Muller on g_rand_double. */
static void
time_generators (double *ours,
                 double *box_muller)
{
  const gsize n = 10000000;
  g_autofree double *out = g_new (double, n);
  double best_ours = INFINITY, best_bm = INFINITY, sink = 0.0;

  for (guint run = 0; run < RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GRand) rand = NULL;

      _gw_sii_fill_normal (1, run, out, n);
      best_ours = MIN (best_ours, seconds_since (start));
      sink += out[n - 1];

      rand = g_rand_new_with_seed (1);
      start = g_get_monotonic_time ();
      for (gsize i = 0; i + 1 < n; i += 2)
        {
          double u1 = 1.0 - g_rand_double (rand);
          double u2 = g_rand_double (rand);
          double r = sqrt (-2.0 * log (u1));

          out[i] = r * cos (2.0 * G_PI * u2);
          out[i + 1] = r * sin (2.0 * G_PI * u2);
        }
      best_bm = MIN (best_bm, seconds_since (start));
      sink += out[n - 1];
    }
  *ours = n / best_ours;
  *box_muller = n / best_bm;
  if (sink == 12345.678)
    g_print ("\n");
}

/* Other work on the machine makes the thread figures meaningless: say how
 * much there was. */
static void
print_load (void)
{
  g_autofree char *text = NULL;

  if (g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    g_print ("load average (1, 5, 15 min, runnable/threads, last pid): %s", text);
}

int
main (int   argc,
      char *argv[])
{
  const char *env = g_getenv ("GW_BENCH_AREAS");
  guint areas = env != NULL ? (guint) strtoul (env, NULL, 10) : 150;
  guint n_sii = 2 * areas;
  guint goal_sii = 722;
  g_autofree double *deaths = NULL;
  g_autofree double *population = NULL;
  g_autofree double *goal_deaths = NULL;
  g_autofree double *goal_population = NULL;
  const Variant variants[] = {
    { "sii (joint draws, all processors)", 100000, 0, FALSE },
    { "sii (joint draws, 1 thread)", 100000, 1, FALSE },
    { "sii (every decile drawn, all processors)", 100000, 0, TRUE },
    { "sii (every decile drawn, 1 thread)", 100000, 1, TRUE },
  };
  double life_tables, ours, box_muller, sum = 0.0;

  if (areas == 0)
    {
      g_printerr ("GW_BENCH_AREAS must be a positive number\n");
      return 1;
    }

  make_counts (n_sii, &deaths, &population);
  g_print ("%u areas x 2 sexes = %u SIIs of life expectancy at birth, %d deciles x %d bands;"
           " %u processors\n", areas, n_sii, N_DECILES, N_BANDS, g_get_num_processors ());
  print_load ();

  life_tables = time_life_tables (n_sii, deaths, population);
  if (isnan (life_tables))
    return 1;
  g_print ("life tables (%u, best of %d): %.4f s, %.2f us per SII's ten\n",
           n_sii * N_DECILES, RUNS, life_tables, life_tables / n_sii * 1e6);

  for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
    {
      double t = time_sii (n_sii, deaths, population, &variants[v], &sum);
      /* draws: 2 per repetition jointly, else one per decile */
      double draws = (double) n_sii * variants[v].repetitions * (variants[v].each ? N_DECILES : 2);

      if (isnan (t))
        return 1;
      g_print ("%s at %u repetitions (best of %d): %.3f s, %.3f ms per SII,"
               " %.1f M normal draws/s, %.1fx the life tables; mean SII %.3f years\n",
               variants[v].name, variants[v].repetitions, RUNS, t, t / n_sii * 1e3,
               draws / t / 1e6, t / life_tables, sum / n_sii);
    }

  /* issue 15's goal */
  make_counts (goal_sii, &goal_deaths, &goal_population);
  {
    const Variant goal = { "issue goal", 10000, 0, FALSE };
    const Variant goal_1 = { "issue goal, 1 thread", 10000, 1, FALSE };
    const Variant goal_each = { "issue goal, every decile drawn", 10000, 0, TRUE };
    double t = time_sii (goal_sii, goal_deaths, goal_population, &goal, &sum);
    double t_1 = time_sii (goal_sii, goal_deaths, goal_population, &goal_1, &sum);
    double t_each = time_sii (goal_sii, goal_deaths, goal_population, &goal_each, &sum);

    if (isnan (t) || isnan (t_1) || isnan (t_each))
      return 1;
    g_print ("issue goal on 1 thread: %.3f s\n", t_1);
    g_print ("issue goal: %u SIIs at 10,000 repetitions (best of %d): %.3f s joint draws,"
             " %.3f s every decile drawn (goal 0.4 s: %.1fx / %.1fx under it;"
             " phe_sii about 40 s: %.0fx / %.0fx faster)\n",
             goal_sii, RUNS, t, t_each, 0.4 / t, 0.4 / t_each, 40.0 / t, 40.0 / t_each);
  }

  print_load ();
  time_generators (&ours, &box_muller);
  g_print ("normal generator, one thread: xoshiro256** + ziggurat %.1f M/s,"
           " Box-Muller on g_rand_double %.1f M/s: %.1fx\n",
           ours / 1e6, box_muller / 1e6, ours / box_muller);
  return 0;
}
