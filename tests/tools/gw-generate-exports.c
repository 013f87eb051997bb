/* gw-generate-exports.c: deterministic synthetic exports for samples and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A developer tool, not installed.  It writes exports in the Gapwatch format
 * 1.0 (../shared/docs/export-format.md) from a small simulation:
 *
 *   --samples DIR     the bundled sample set of data/samples/ (see its README)
 *   --national FILE   one large deaths export for the import benchmark;
 *                     with --with-population also the population, births and
 *                     region and England totals the indicator benchmark needs;
 *                     with --with-causes its deaths by cause (the decomposition
 *                     benchmark)
 *   --lsoa FILE       one LSOA-scale export of deaths and populations with
 *                     IMD deciles and parent districts (--lsoas, --years)
 *   --self-test       simulate the sample world and check it, write nothing
 *
 * Everything is drawn from a fixed seed with our own generator (splitmix64),
 * so the same binary on the same platform writes the same bytes: the committed
 * samples can be checked against a fresh run (tests/tools/check-samples.sh).
 *
 * The numbers are synthetic.  Death rates follow a fixed age schedule scaled
 * each year so that England's life expectancy at birth (Chiang II life table,
 * ../shared/docs/methods.md section 1) is 74.6 years for men and 79.7 for
 * women in 1995-1997, rising 0.3 and 0.2 years a year; each area multiplies
 * the schedule by a hazard ratio that puts the Spearhead Group about 2.0 (men)
 * and 1.4 (women) years below England, with a per-area spread and trend.
 * Counts are Poisson draws around the expected values.
 *
 * Output is data, not user interface: names and titles are English on purpose
 * and are not translated.  Diagnostics are for developers.
 */

#include <glib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>

#define GW_N_BANDS      20
#define GW_N_SEXES      2
#define GW_N_CAUSES     6
#define GW_N_REGIONS    9
#define GW_FIRST_YEAR   1993
#define GW_LAST_YEAR    2007
#define GW_N_YEARS      (GW_LAST_YEAR - GW_FIRST_YEAR + 1)
/* The year published as twelve monthly exports, by cause; the years before
 * come as one yearly export of all-cause deaths. */
#define GW_MONTHLY_YEAR 2007
#define GW_BASE_YEAR    1996          /* centre of the 1995-1997 baseline */
#define GW_SEED         G_GUINT64_CONSTANT (0x6761707761746368)   /* "gapwatch" */
#define GW_Z95          1.959963985

/* Index 0 is England, 1..9 the regions, then the upper-tier areas. */
#define GW_ENGLAND      0
#define GW_FIRST_LA     (1 + GW_N_REGIONS)

static const char * const gw_band_names[GW_N_BANDS] = {
  "0", "1-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39",
  "40-44", "45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79",
  "80-84", "85-89", "90+",
};

/* Width in years; 0 for the open band. */
static const double gw_band_width[GW_N_BANDS] = {
  1, 4, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 0,
};

static const char * const gw_sex_names[GW_N_SEXES] = { "m", "f" };

static const char * const gw_cause_names[GW_N_CAUSES] = {
  "circulatory", "cancer", "respiratory", "digestive", "external", "other",
};

static const char * const gw_month_names[12] = {
  "January", "February", "March", "April", "May", "June", "July",
  "August", "September", "October", "November", "December",
};

typedef struct
{
  const char *code;
  const char *name;
} GwRegionSpec;

/* ONS GSS codes and names of the nine English regions. */
static const GwRegionSpec gw_regions[GW_N_REGIONS] = {
  { "E12000001", "North East" },
  { "E12000002", "North West" },
  { "E12000003", "Yorkshire and The Humber" },
  { "E12000004", "East Midlands" },
  { "E12000005", "West Midlands" },
  { "E12000006", "East of England" },
  { "E12000007", "London" },
  { "E12000008", "South East" },
  { "E12000009", "South West" },
};

typedef struct
{
  const char *code;
  const char *name;
  guint       region;      /* index into gw_regions */
  guint       pop_k;       /* rough mid-2001 population, thousands */
  gboolean    spearhead;
} GwAreaSpec;

/* Upper-tier areas of England with GSS-style codes (E06 unitary, E08
 * metropolitan district, E09 London borough, E10 county).  Populations are
 * only a rough size; the simulation keeps every area between 150,000 and
 * 1.2 million.  The three smallest areas are folded into a neighbour, as
 * the observatories did for small numbers (City of London into Hackney,
 * Isles of Scilly into Cornwall, Rutland into Leicestershire). */
static const GwAreaSpec gw_areas[] = {
  /* North East */
  { "E06000001", "Hartlepool", 0, 90, TRUE },
  { "E06000002", "Middlesbrough", 0, 135, TRUE },
  { "E06000003", "Redcar and Cleveland", 0, 139, TRUE },
  { "E06000004", "Stockton-on-Tees", 0, 178, TRUE },
  { "E06000005", "Darlington", 0, 98, TRUE },
  { "E06000047", "County Durham", 0, 493, TRUE },
  { "E06000057", "Northumberland", 0, 307, TRUE },
  { "E08000021", "Newcastle upon Tyne", 0, 260, TRUE },
  { "E08000022", "North Tyneside", 0, 192, TRUE },
  { "E08000023", "South Tyneside", 0, 152, TRUE },
  { "E08000024", "Sunderland", 0, 281, TRUE },
  { "E08000037", "Gateshead", 0, 191, TRUE },
  /* North West */
  { "E06000006", "Halton", 1, 118, TRUE },
  { "E06000007", "Warrington", 1, 191, FALSE },
  { "E06000008", "Blackburn with Darwen", 1, 138, TRUE },
  { "E06000009", "Blackpool", 1, 142, TRUE },
  { "E06000049", "Cheshire East", 1, 352, FALSE },
  { "E06000050", "Cheshire West and Chester", 1, 321, FALSE },
  { "E08000001", "Bolton", 1, 261, TRUE },
  { "E08000002", "Bury", 1, 181, FALSE },
  { "E08000003", "Manchester", 1, 423, TRUE },
  { "E08000004", "Oldham", 1, 217, TRUE },
  { "E08000005", "Rochdale", 1, 205, TRUE },
  { "E08000006", "Salford", 1, 216, TRUE },
  { "E08000007", "Stockport", 1, 284, FALSE },
  { "E08000008", "Tameside", 1, 213, TRUE },
  { "E08000009", "Trafford", 1, 210, FALSE },
  { "E08000010", "Wigan", 1, 301, TRUE },
  { "E08000011", "Knowsley", 1, 150, TRUE },
  { "E08000012", "Liverpool", 1, 439, TRUE },
  { "E08000013", "St. Helens", 1, 177, TRUE },
  { "E08000014", "Sefton", 1, 283, TRUE },
  { "E08000015", "Wirral", 1, 312, TRUE },
  { "E10000006", "Cumbria", 1, 488, FALSE },
  { "E10000017", "Lancashire", 1, 1135, FALSE },
  /* Yorkshire and The Humber */
  { "E06000010", "Kingston upon Hull, City of", 2, 243, TRUE },
  { "E06000011", "East Riding of Yorkshire", 2, 315, FALSE },
  { "E06000012", "North East Lincolnshire", 2, 158, TRUE },
  { "E06000013", "North Lincolnshire", 2, 153, FALSE },
  { "E06000014", "York", 2, 181, FALSE },
  { "E08000016", "Barnsley", 2, 218, TRUE },
  { "E08000017", "Doncaster", 2, 287, TRUE },
  { "E08000018", "Rotherham", 2, 248, TRUE },
  { "E08000019", "Sheffield", 2, 513, TRUE },
  { "E08000032", "Bradford", 2, 467, TRUE },
  { "E08000033", "Calderdale", 2, 192, FALSE },
  { "E08000034", "Kirklees", 2, 389, FALSE },
  { "E08000035", "Leeds", 2, 715, TRUE },
  { "E08000036", "Wakefield", 2, 315, TRUE },
  { "E10000023", "North Yorkshire", 2, 569, FALSE },
  /* East Midlands */
  { "E06000015", "Derby", 3, 222, TRUE },
  { "E06000016", "Leicester", 3, 280, TRUE },
  { "E06000018", "Nottingham", 3, 267, TRUE },
  { "E10000007", "Derbyshire", 3, 735, FALSE },
  { "E10000018", "Leicestershire", 3, 644, FALSE },
  { "E10000019", "Lincolnshire", 3, 647, FALSE },
  { "E10000021", "Northamptonshire", 3, 630, FALSE },
  { "E10000024", "Nottinghamshire", 3, 748, TRUE },
  /* West Midlands */
  { "E06000019", "Herefordshire, County of", 4, 175, FALSE },
  { "E06000020", "Telford and Wrekin", 4, 158, TRUE },
  { "E06000021", "Stoke-on-Trent", 4, 240, TRUE },
  { "E06000051", "Shropshire", 4, 283, FALSE },
  { "E08000025", "Birmingham", 4, 977, TRUE },
  { "E08000026", "Coventry", 4, 301, TRUE },
  { "E08000027", "Dudley", 4, 305, FALSE },
  { "E08000028", "Sandwell", 4, 282, TRUE },
  { "E08000029", "Solihull", 4, 199, FALSE },
  { "E08000030", "Walsall", 4, 253, TRUE },
  { "E08000031", "Wolverhampton", 4, 236, TRUE },
  { "E10000028", "Staffordshire", 4, 807, FALSE },
  { "E10000031", "Warwickshire", 4, 506, FALSE },
  { "E10000034", "Worcestershire", 4, 543, FALSE },
  /* East of England */
  { "E06000031", "Peterborough", 5, 156, TRUE },
  { "E06000032", "Luton", 5, 184, TRUE },
  { "E06000033", "Southend-on-Sea", 5, 160, FALSE },
  { "E06000034", "Thurrock", 5, 143, TRUE },
  { "E06000055", "Bedford", 5, 148, FALSE },
  { "E06000056", "Central Bedfordshire", 5, 233, FALSE },
  { "E10000003", "Cambridgeshire", 5, 552, FALSE },
  { "E10000012", "Essex", 5, 1310, FALSE },
  { "E10000015", "Hertfordshire", 5, 1034, FALSE },
  { "E10000020", "Norfolk", 5, 797, FALSE },
  { "E10000029", "Suffolk", 5, 669, FALSE },
  /* London */
  { "E09000002", "Barking and Dagenham", 6, 164, TRUE },
  { "E09000003", "Barnet", 6, 314, FALSE },
  { "E09000004", "Bexley", 6, 218, FALSE },
  { "E09000005", "Brent", 6, 263, FALSE },
  { "E09000006", "Bromley", 6, 296, FALSE },
  { "E09000007", "Camden", 6, 198, FALSE },
  { "E09000008", "Croydon", 6, 330, FALSE },
  { "E09000009", "Ealing", 6, 301, FALSE },
  { "E09000010", "Enfield", 6, 274, FALSE },
  { "E09000011", "Greenwich", 6, 214, TRUE },
  { "E09000012", "Hackney and City of London", 6, 210, TRUE },
  { "E09000013", "Hammersmith and Fulham", 6, 165, TRUE },
  { "E09000014", "Haringey", 6, 217, TRUE },
  { "E09000015", "Harrow", 6, 207, FALSE },
  { "E09000016", "Havering", 6, 224, FALSE },
  { "E09000017", "Hillingdon", 6, 243, FALSE },
  { "E09000018", "Hounslow", 6, 212, FALSE },
  { "E09000019", "Islington", 6, 176, TRUE },
  { "E09000020", "Kensington and Chelsea", 6, 159, FALSE },
  { "E09000021", "Kingston upon Thames", 6, 148, FALSE },
  { "E09000022", "Lambeth", 6, 267, TRUE },
  { "E09000023", "Lewisham", 6, 249, TRUE },
  { "E09000024", "Merton", 6, 188, FALSE },
  { "E09000025", "Newham", 6, 244, TRUE },
  { "E09000026", "Redbridge", 6, 239, FALSE },
  { "E09000027", "Richmond upon Thames", 6, 172, FALSE },
  { "E09000028", "Southwark", 6, 245, TRUE },
  { "E09000029", "Sutton", 6, 180, FALSE },
  { "E09000030", "Tower Hamlets", 6, 197, TRUE },
  { "E09000031", "Waltham Forest", 6, 219, TRUE },
  { "E09000032", "Wandsworth", 6, 261, FALSE },
  { "E09000033", "Westminster", 6, 181, FALSE },
  /* South East */
  { "E06000035", "Medway", 7, 250, TRUE },
  { "E06000036", "Bracknell Forest", 7, 110, FALSE },
  { "E06000037", "West Berkshire", 7, 144, FALSE },
  { "E06000038", "Reading", 7, 144, FALSE },
  { "E06000039", "Slough", 7, 119, FALSE },
  { "E06000040", "Windsor and Maidenhead", 7, 133, FALSE },
  { "E06000041", "Wokingham", 7, 150, FALSE },
  { "E06000042", "Milton Keynes", 7, 207, FALSE },
  { "E06000043", "Brighton and Hove", 7, 248, TRUE },
  { "E06000044", "Portsmouth", 7, 187, TRUE },
  { "E06000045", "Southampton", 7, 217, TRUE },
  { "E06000046", "Isle of Wight", 7, 133, FALSE },
  { "E10000002", "Buckinghamshire", 7, 479, FALSE },
  { "E10000011", "East Sussex", 7, 492, FALSE },
  { "E10000014", "Hampshire", 7, 1240, FALSE },
  { "E10000016", "Kent", 7, 1329, FALSE },
  { "E10000025", "Oxfordshire", 7, 605, FALSE },
  { "E10000030", "Surrey", 7, 1059, FALSE },
  { "E10000032", "West Sussex", 7, 754, FALSE },
  /* South West */
  { "E06000022", "Bath and North East Somerset", 8, 169, FALSE },
  { "E06000023", "Bristol, City of", 8, 380, TRUE },
  { "E06000024", "North Somerset", 8, 189, FALSE },
  { "E06000025", "South Gloucestershire", 8, 246, FALSE },
  { "E06000026", "Plymouth", 8, 241, TRUE },
  { "E06000027", "Torbay", 8, 130, TRUE },
  { "E06000028", "Bournemouth", 8, 163, FALSE },
  { "E06000029", "Poole", 8, 138, FALSE },
  { "E06000030", "Swindon", 8, 180, FALSE },
  { "E06000052", "Cornwall and Isles of Scilly", 8, 501, TRUE },
  { "E06000054", "Wiltshire", 8, 433, FALSE },
  { "E10000008", "Devon", 8, 705, FALSE },
  { "E10000009", "Dorset", 8, 391, FALSE },
  { "E10000013", "Gloucestershire", 8, 565, FALSE },
  { "E10000027", "Somerset", 8, 498, FALSE },
};
#define GW_N_LAS G_N_ELEMENTS (gw_areas)
#define GW_N_ALL (GW_FIRST_LA + GW_N_LAS)

/* Death rates per 100,000 of England around 1996 (ages 1 and over; age 0 is
 * modelled as infant mortality per live birth).  Only the shape matters: the
 * level is calibrated to the life expectancy targets below. */
static const double gw_base_rate[GW_N_SEXES][GW_N_BANDS] = {
  { 0, 30, 14, 18, 55, 85, 90, 100, 130, 200, 320, 520, 880, 1500, 2500,
    4100, 6600, 10500, 16500, 27000 },
  { 0, 24, 11, 13, 25, 30, 35, 48, 75, 125, 200, 320, 520, 880, 1450,
    2450, 4100, 7000, 11800, 22000 },
};

/* England's life expectancy at birth in GW_BASE_YEAR and its yearly rise
 * (years), and the Spearhead Group's gap below England in that year. */
static const double gw_e0_base[GW_N_SEXES]  = { 74.6, 79.7 };
static const double gw_e0_rise[GW_N_SEXES]  = { 0.3, 0.2 };
static const double gw_gap_base[GW_N_SEXES] = { 2.0, 1.4 };
/* Hazard ratio per year of gap: about one over the sensitivity of e0 to a
 * proportional change of all rates (life table entropy times e0). */
static const double gw_beta[GW_N_SEXES] = { 1.0 / 11.0, 1.0 / 10.5 };

/* England's age structure around 2001: percent of persons in each band, and
 * the male share of each band. */
static const double gw_age_pct[GW_N_BANDS] = {
  1.15, 4.75, 6.3, 6.45, 6.1, 5.85, 6.5, 7.6, 7.9, 7.0, 6.4, 7.0, 5.7, 4.9,
  4.4, 3.9, 3.3, 2.2, 1.25, 0.55,
};
static const double gw_male_share[GW_N_BANDS] = {
  0.513, 0.513, 0.513, 0.513, 0.512, 0.50, 0.495, 0.495, 0.495, 0.495,
  0.495, 0.495, 0.495, 0.49, 0.475, 0.45, 0.41, 0.36, 0.29, 0.22,
};
/* Log multiplier of a band in a "young" area (tau = 1): students and young
 * families in, older people out. */
static const double gw_age_tilt[GW_N_BANDS] = {
  0.5, 0.5, 0.5, 0.5, 0.2, 0.8, 1.0, 0.8, 0.4, 0.0, -0.2, -0.4, -0.5, -0.6,
  -0.7, -0.8, -0.8, -0.8, -0.8, -0.8,
};
/* Log change of a band's share per year: the population ages. */
static const double gw_age_drift[GW_N_BANDS] = {
  -0.004, -0.004, -0.004, -0.004, -0.002, -0.002, -0.002, 0.004, 0.004,
  0.004, 0.006, 0.006, 0.006, 0.002, 0.002, 0.002, 0.008, 0.008, 0.02, 0.03,
};

/* Share of deaths by cause (circulatory, cancer, respiratory, digestive,
 * external, other) in six age groups: 0, 1-14, 15-34, 35-54, 55-74, 75+. */
static const double gw_cause_share[GW_N_SEXES][6][GW_N_CAUSES] = {
  { { .01, .01, .04, .01, .03, .90 },
    { .05, .22, .07, .02, .30, .34 },
    { .07, .11, .03, .04, .55, .20 },
    { .30, .27, .04, .10, .14, .15 },
    { .38, .36, .10, .05, .02, .09 },
    { .42, .24, .17, .03, .01, .13 } },
  { { .01, .01, .04, .01, .02, .91 },
    { .05, .25, .08, .02, .22, .38 },
    { .08, .24, .04, .05, .33, .26 },
    { .16, .48, .05, .09, .08, .14 },
    { .28, .43, .11, .05, .02, .11 },
    { .43, .17, .18, .04, .01, .17 } },
};

/* Relative deaths by month of registration: more in winter. */
static const double gw_season[12] = {
  1.20, 1.07, 1.04, 0.97, 0.93, 0.88, 0.89, 0.86, 0.88, 0.98, 1.02, 1.08,
};

/* ------------------------------------------------------------------------ */
/* Random numbers: splitmix64, one independent stream per purpose so that a
 * change in one part of the simulation does not reshuffle the others. */

typedef struct
{
  guint64 state;
} GwRng;

static guint64
gw_rng_next (GwRng *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static void
gw_rng_init (GwRng   *rng,
             guint64  seed,
             guint64  stream)
{
  GwRng mix = { stream * G_GUINT64_CONSTANT (0xD1B54A32D192ED03) + 1 };

  rng->state = seed ^ gw_rng_next (&mix);
}

/* Uniform on the open interval (0, 1). */
static double
gw_rng_uniform (GwRng *rng)
{
  return ((double) (gw_rng_next (rng) >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

static double
gw_rng_normal (GwRng  *rng,
               double  mean,
               double  sd)
{
  double u1 = gw_rng_uniform (rng);
  double u2 = gw_rng_uniform (rng);

  return mean + sd * sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

/* A Poisson draw.  Inversion by sequential search for small means; for
 * larger means the transformed rejection method PTRS of Hormann (1993),
 * "The transformed rejection method for generating Poisson random
 * variables", Insurance: Mathematics and Economics 12, 39-45. */
static guint
gw_rng_poisson (GwRng  *rng,
                double  mean)
{
  if (mean <= 0.0)
    return 0;

  if (mean < 30.0)
    {
      double u = gw_rng_uniform (rng);
      double p = exp (-mean);
      double cdf = p;
      guint k = 0;

      /* The cap only guards against rounding in the far tail. */
      while (u > cdf && k < 1000)
        {
          k++;
          p *= mean / k;
          cdf += p;
        }
      return k;
    }
  else
    {
      double slam = sqrt (mean);
      double loglam = log (mean);
      double b = 0.931 + 2.53 * slam;
      double a = -0.059 + 0.02483 * b;
      double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
      double v_r = 0.9277 - 3.6224 / (b - 2.0);

      for (;;)
        {
          double u = gw_rng_uniform (rng) - 0.5;
          double v = gw_rng_uniform (rng);
          double us = 0.5 - fabs (u);
          double k = floor ((2.0 * a / us + b) * u + mean + 0.43);

          if (us >= 0.07 && v <= v_r)
            return (guint) k;
          if (k < 0.0 || (us < 0.013 && v > us))
            continue;
          if (log (v) + log (inv_alpha) - log (a / (us * us) + b)
              <= -mean + k * loglam - lgamma (k + 1.0))
            return (guint) k;
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Life table: Chiang II with a = 0.1 at age 0, the open band L = l / M, and
 * the Chiang variance with the Silcocks final band (methods.md section 1).
 * Returns FALSE when the table cannot be computed (no population, or no
 * deaths in the open band). */

static gboolean
gw_life_expectancy (const double *deaths,
                    const double *pop,
                    double       *e0,
                    double       *se)
{
  double q[GW_N_BANDS], l[GW_N_BANDS + 1], big_l[GW_N_BANDS], e[GW_N_BANDS + 1];
  double t = 0.0, w = 0.0;
  guint last = GW_N_BANDS - 1;

  l[0] = 100000.0;
  for (guint i = 0; i < last; i++)
    {
      double a = i == 0 ? 0.1 : 0.5;
      double n = gw_band_width[i];
      double m;

      if (pop[i] <= 0.0)
        return FALSE;
      m = deaths[i] / pop[i];
      q[i] = n * a * m <= 1.0 ? n * m / (1.0 + n * m * (1.0 - a)) : 1.0;
      l[i + 1] = l[i] * (1.0 - q[i]);
      big_l[i] = n * (l[i + 1] + a * (l[i] - l[i + 1]));
    }
  if (pop[last] <= 0.0 || deaths[last] <= 0.0)
    return FALSE;
  q[last] = 1.0;
  big_l[last] = l[last] / (deaths[last] / pop[last]);
  e[GW_N_BANDS] = 0.0;
  for (guint i = GW_N_BANDS; i-- > 0;)
    {
      t += big_l[i];
      e[i] = l[i] > 0.0 ? t / l[i] : 0.0;
    }

  for (guint i = 0; i < last; i++)
    {
      double a = i == 0 ? 0.1 : 0.5;
      double s2 = deaths[i] > 0.0 ? q[i] * q[i] * (1.0 - q[i]) / deaths[i] : 0.0;
      double f = (1.0 - a) * gw_band_width[i] + e[i + 1];

      w += s2 * l[i] * l[i] * f * f;
    }
  {
    double m = deaths[last] / pop[last];
    double s2 = 4.0 / (deaths[last] * m * m);

    w += (l[last] / 2.0) * (l[last] / 2.0) * s2;
  }

  *e0 = e[0];
  if (se != NULL)
    *se = sqrt (w) / l[0];
  return TRUE;
}

/* Byar's approximation of the 95% confidence limits of a Poisson count
 * (methods.md section 2), for counts of 10 and more. */
static void
gw_byar_limits (double  count,
                double *lower,
                double *upper)
{
  double o1 = count + 1.0;

  *lower = count * pow (1.0 - 1.0 / (9.0 * count) - GW_Z95 / (3.0 * sqrt (count)), 3.0);
  *upper = o1 * pow (1.0 - 1.0 / (9.0 * o1) + GW_Z95 / (3.0 * sqrt (o1)), 3.0);
}

/* ------------------------------------------------------------------------ */
/* Output: plain or gzip-compressed (by the file name), written through a
 * buffer.  Errors are remembered and reported when the file is closed. */

typedef struct
{
  FILE    *fp;
  gzFile   gz;
  GString *buf;
  char    *path;
  gboolean failed;
  guint64  records;
} GwOut;

static gboolean
gw_out_open (GwOut       *out,
             const char  *path,
             GError     **error)
{
  memset (out, 0, sizeof *out);
  out->path = g_strdup (path);
  out->buf = g_string_sized_new (1 << 17);

  /* Level 9 and zlib's default header (no name, no time stamp) keep the
   * compressed bytes the same from run to run. */
  if (g_str_has_suffix (path, ".gz"))
    out->gz = gzopen (path, "wb9");
  else
    out->fp = fopen (path, "wb");

  if (out->gz == NULL && out->fp == NULL)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "Cannot create %s: %s", path, g_strerror (saved));
      g_string_free (out->buf, TRUE);
      g_free (out->path);
      return FALSE;
    }
  return TRUE;
}

static void
gw_out_flush (GwOut *out)
{
  if (out->buf->len == 0)
    return;

  if (out->gz != NULL)
    {
      if (gzwrite (out->gz, out->buf->str, (unsigned) out->buf->len) != (int) out->buf->len)
        out->failed = TRUE;
    }
  else if (fwrite (out->buf->str, 1, out->buf->len, out->fp) != out->buf->len)
    out->failed = TRUE;

  g_string_truncate (out->buf, 0);
}

static void
gw_out_maybe_flush (GwOut *out)
{
  if (out->buf->len >= (1 << 16))
    gw_out_flush (out);
}

static void gw_out_printf (GwOut      *out,
                           const char *format,
                           ...) G_GNUC_PRINTF (2, 3);

static void
gw_out_printf (GwOut      *out,
               const char *format,
               ...)
{
  va_list args;

  va_start (args, format);
  g_string_append_vprintf (out->buf, format, args);
  va_end (args);
  gw_out_maybe_flush (out);
}

/* Appends ` name="value"` with the value escaped for an attribute. */
static void
gw_out_attr (GwOut      *out,
             const char *name,
             const char *value)
{
  g_autofree char *escaped = g_markup_escape_text (value, -1);

  g_string_append_printf (out->buf, " %s=\"%s\"", name, escaped);
}

static gboolean
gw_out_close (GwOut   *out,
              GError **error)
{
  gboolean ok;

  gw_out_flush (out);
  if (out->gz != NULL)
    {
      if (gzclose (out->gz) != Z_OK)
        out->failed = TRUE;
    }
  else if (fclose (out->fp) != 0)
    out->failed = TRUE;

  ok = !out->failed;
  if (!ok)
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO, "Cannot write %s", out->path);
  g_string_free (out->buf, TRUE);
  g_free (out->path);
  return ok;
}

static void
gw_out_begin_export_version (GwOut      *out,
                             const char *version,
                             const char *id,
                             const char *generated,
                             const char *publisher,
                             const char *title)
{
  gw_out_printf (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<!-- Synthetic data made by tests/tools/gw-generate-exports;"
                      " not official statistics. -->\n");
  g_string_append (out->buf, "<export xmlns=\"urn:gapwatch:export:1\"");
  gw_out_attr (out, "version", version);
  gw_out_attr (out, "id", id);
  gw_out_attr (out, "generated", generated);
  gw_out_attr (out, "publisher", publisher);
  gw_out_attr (out, "title", title);
  gw_out_printf (out, ">\n");
}

/* An export of format 1.0: what every file but the deaths by cause is. */
static void
gw_out_begin_export (GwOut      *out,
                     const char *id,
                     const char *generated,
                     const char *publisher,
                     const char *title)
{
  gw_out_begin_export_version (out, "1.0", id, generated, publisher, title);
}

static void
gw_out_end_export (GwOut *out)
{
  gw_out_printf (out, "</export>\n");
}

/* One count record: <c area sex age n [cause]/>. */
static void
gw_out_count (GwOut      *out,
              const char *area,
              guint       sex,
              guint       band,
              guint       n,
              const char *cause)
{
  g_string_append_printf (out->buf, "    <c area=\"%s\" sex=\"%s\" age=\"%s\" n=\"%u\"",
                          area, gw_sex_names[sex], gw_band_names[band], n);
  if (cause != NULL)
    g_string_append_printf (out->buf, " cause=\"%s\"", cause);
  g_string_append (out->buf, "/>\n");
  out->records++;
  gw_out_maybe_flush (out);
}

/* ------------------------------------------------------------------------ */
/* The simulated world of the samples. */

typedef struct
{
  /* Per upper-tier area (index i = 0 .. GW_N_LAS-1). */
  double   dev[GW_N_LAS][GW_N_SEXES];     /* gap to the group level, years */
  double   slope[GW_N_LAS][GW_N_SEXES];   /* change of the gap, years a year */
  double   imr_factor[GW_N_LAS];
  double   tau[GW_N_LAS];                 /* age structure tilt */
  double   growth[GW_N_LAS];              /* population growth a year */
  double   fertility[GW_N_LAS];
  double   size[GW_N_LAS];                /* mid-2001 population */
  guint    imd_decile[GW_N_LAS];

  /* Calibration. */
  double   group_level[GW_N_SEXES];       /* G: spearhead offset, years */
  double   k[GW_N_YEARS][GW_N_SEXES];     /* level of the rate schedule */
  double   imr_scale[GW_N_YEARS];

  /* Expected values, upper-tier areas only. */
  double   births_exp[GW_N_LAS][GW_N_YEARS + 1][GW_N_SEXES];   /* [0] = year before */
  double   lambda[GW_N_LAS][GW_N_YEARS][GW_N_SEXES][GW_N_BANDS];

  /* Counts for every area (England, regions, upper tier). */
  guint    pop[GW_N_ALL][GW_N_YEARS][GW_N_SEXES][GW_N_BANDS];
  guint    births[GW_N_ALL][GW_N_YEARS][GW_N_SEXES];
  guint    deaths[GW_N_ALL][GW_N_YEARS][GW_N_SEXES][GW_N_BANDS];
  guint    monthly[GW_N_ALL][12][GW_N_SEXES][GW_N_BANDS][GW_N_CAUSES];
} GwWorld;

typedef struct
{
  guint area;     /* all-area index */
  guint sex;
  guint band;
  guint cause;
  guint n;        /* the revised count */
} GwRevision;

static const char *
gw_world_code (guint area)
{
  if (area == GW_ENGLAND)
    return "E92000001";
  if (area < GW_FIRST_LA)
    return gw_regions[area - 1].code;
  return gw_areas[area - GW_FIRST_LA].code;
}

/* The all-area index of an upper-tier area's region. */
static guint
gw_world_region_of (guint la)
{
  return 1 + gw_areas[la].region;
}

/* Crude birth rate of England, per person: falls to 2001 then recovers. */
static double
gw_birth_rate (int year)
{
  if (year <= 2001)
    return (13.0 + (11.4 - 13.0) * (year - 1993) / 8.0) / 1000.0;
  return (11.4 + (12.7 - 11.4) * (year - 2001) / 6.0) / 1000.0;
}

/* England's infant mortality, per live birth. */
static double
gw_imr_england (int year)
{
  return (5.9 - 0.08 * (year - 1993)) / 1000.0;
}

static const double gw_imr_sex[GW_N_SEXES] = { 1.12, 0.86 };
static const double gw_male_births = 0.513;

static double
gw_world_total_pop (const GwWorld *w,
                    guint          la,
                    int            year)
{
  return w->size[la] * exp (w->growth[la] * (year - 2001));
}

static double
gw_world_births_expected (const GwWorld *w,
                          guint          la,
                          int            year,
                          guint          sex)
{
  double share = sex == 0 ? gw_male_births : 1.0 - gw_male_births;

  return gw_birth_rate (year) * w->fertility[la] * gw_world_total_pop (w, la, year) * share;
}

static void
gw_world_draw_parameters (GwWorld *w)
{
  GwRng rng;
  double score[GW_N_LAS];
  guint order[GW_N_LAS];

  gw_rng_init (&rng, GW_SEED, 1);
  for (guint i = 0; i < GW_N_LAS; i++)
    {
      const GwAreaSpec *spec = &gw_areas[i];
      gboolean london = spec->region == 6;
      double pop_k;

      /* Spread of the areas around their group, in years of life
       * expectancy; women's gaps follow men's but are narrower. */
      w->dev[i][0] = gw_rng_normal (&rng, 0.0, spec->spearhead ? 0.75 : 0.6);
      w->dev[i][1] = 0.6 * w->dev[i][0] + gw_rng_normal (&rng, 0.0, 0.3);
      /* Spearhead gaps widen in most areas and narrow in some. */
      w->slope[i][0] = spec->spearhead ? gw_rng_normal (&rng, 0.02, 0.04)
                                       : gw_rng_normal (&rng, -0.005, 0.02);
      w->slope[i][1] = spec->spearhead ? gw_rng_normal (&rng, 0.03, 0.04)
                                       : gw_rng_normal (&rng, -0.005, 0.02);
      w->imr_factor[i] = exp ((spec->spearhead ? 0.2 : -0.1) + 0.1 * w->dev[i][0]
                              + gw_rng_normal (&rng, 0.0, 0.08));
      w->tau[i] = london ? gw_rng_normal (&rng, 0.35, 0.1)
                         : gw_rng_normal (&rng, spec->spearhead ? 0.05 : 0.0, 0.12);
      w->growth[i] = gw_rng_normal (&rng, london ? 0.007 : 0.003, 0.003);
      w->fertility[i] = exp (0.6 * w->tau[i] + (spec->spearhead ? 0.05 : 0.0)
                             + gw_rng_normal (&rng, 0.0, 0.05));
      /* Within 150,000 and 1.2 million over all the years, with the
       * growth of at most a few per mille a year. */
      pop_k = spec->pop_k * (1.0 + gw_rng_normal (&rng, 0.0, 0.01));
      w->size[i] = 1000.0 * CLAMP (pop_k, 156.0, 1150.0);
      score[i] = (spec->spearhead ? 2.0 : 0.0) + w->dev[i][0] + gw_rng_normal (&rng, 0.0, 0.5);
      order[i] = i;
    }

  /* IMD deciles by rank of a deprivation score that follows mortality:
   * decile 1 is the most deprived tenth of the upper-tier areas. */
  for (guint i = 1; i < GW_N_LAS; i++)
    for (guint j = i; j > 0 && score[order[j]] > score[order[j - 1]]; j--)
      {
        guint tmp = order[j];

        order[j] = order[j - 1];
        order[j - 1] = tmp;
      }
  for (guint r = 0; r < GW_N_LAS; r++)
    w->imd_decile[order[r]] = 1 + (10 * r) / GW_N_LAS;
}

static void
gw_world_make_population (GwWorld *w)
{
  for (guint i = 0; i < GW_N_LAS; i++)
    {
      for (guint s = 0; s < GW_N_SEXES; s++)
        w->births_exp[i][0][s] = gw_world_births_expected (w, i, GW_FIRST_YEAR - 1, s);

      for (guint y = 0; y < GW_N_YEARS; y++)
        {
          int year = GW_FIRST_YEAR + (int) y;
          double share[GW_N_SEXES][GW_N_BANDS];
          double sum = 0.0;
          double total = gw_world_total_pop (w, i, year);

          for (guint s = 0; s < GW_N_SEXES; s++)
            w->births_exp[i][y + 1][s] = gw_world_births_expected (w, i, year, s);

          for (guint b = 0; b < GW_N_BANDS; b++)
            {
              double f = gw_age_pct[b] * exp (w->tau[i] * gw_age_tilt[b]
                                              + gw_age_drift[b] * (year - 2001));

              share[0][b] = f * gw_male_share[b];
              share[1][b] = f * (1.0 - gw_male_share[b]);
              sum += share[0][b] + share[1][b];
            }
          for (guint s = 0; s < GW_N_SEXES; s++)
            {
              /* Infants at mid-year: about the births of the twelve
               * months before, less those who died. */
              w->pop[GW_FIRST_LA + i][y][s][0] =
                (guint) lround (0.996 * 0.5 * (w->births_exp[i][y][s] + w->births_exp[i][y + 1][s]));
              for (guint b = 1; b < GW_N_BANDS; b++)
                w->pop[GW_FIRST_LA + i][y][s][b] = (guint) lround (total * share[s][b] / sum);
            }
        }
    }
}

/* Expected deaths of upper-tier area i in year index y for sex s, for a
 * schedule level k and a spearhead offset g_level. */
static void
gw_world_expected (const GwWorld *w,
                   guint          i,
                   guint          y,
                   guint          s,
                   double         k,
                   double         g_level,
                   double         imr_scale,
                   double        *lambda)
{
  int year = GW_FIRST_YEAR + (int) y;
  double gap = (gw_areas[i].spearhead ? g_level : 0.0) + w->dev[i][s]
               + w->slope[i][s] * (year - GW_BASE_YEAR);
  double h = exp (gw_beta[s] * gap);

  lambda[0] = gw_imr_england (year) * imr_scale * gw_imr_sex[s] * w->imr_factor[i]
              * w->births_exp[i][y + 1][s];
  for (guint b = 1; b < GW_N_BANDS; b++)
    lambda[b] = w->pop[GW_FIRST_LA + i][y][s][b] * gw_base_rate[s][b] / 1e5 * k * h;
}

/* Expected life expectancy of England (spearheads_only FALSE) or of the
 * Spearhead Group, from pooled expected deaths. */
static double
gw_world_expected_e0 (const GwWorld *w,
                      guint          y,
                      guint          s,
                      double         k,
                      double         g_level,
                      gboolean       spearheads_only)
{
  double deaths[GW_N_BANDS] = { 0 }, pop[GW_N_BANDS] = { 0 };
  double e0 = 0.0;

  for (guint i = 0; i < GW_N_LAS; i++)
    {
      double lambda[GW_N_BANDS];

      if (spearheads_only && !gw_areas[i].spearhead)
        continue;
      gw_world_expected (w, i, y, s, k, g_level, w->imr_scale[y], lambda);
      for (guint b = 0; b < GW_N_BANDS; b++)
        {
          deaths[b] += lambda[b];
          pop[b] += w->pop[GW_FIRST_LA + i][y][s][b];
        }
    }
  if (!gw_life_expectancy (deaths, pop, &e0, NULL))
    g_assert_not_reached ();
  return e0;
}

/* The schedule level k that gives England its target e0 (bisection on
 * log k: e0 falls as k rises). */
static double
gw_world_solve_level (const GwWorld *w,
                      guint          y,
                      guint          s,
                      double         g_level)
{
  double target = gw_e0_base[s] + gw_e0_rise[s] * ((int) (GW_FIRST_YEAR + y) - GW_BASE_YEAR);
  double lo = -3.0, hi = 3.0;

  for (guint it = 0; it < 60; it++)
    {
      double mid = 0.5 * (lo + hi);

      if (gw_world_expected_e0 (w, y, s, exp (mid), g_level, FALSE) > target)
        lo = mid;
      else
        hi = mid;
    }
  return exp (0.5 * (lo + hi));
}

static void
gw_world_calibrate (GwWorld *w)
{
  guint base = GW_BASE_YEAR - GW_FIRST_YEAR;

  /* Infant mortality first: England's expected rate is the target. */
  for (guint y = 0; y < GW_N_YEARS; y++)
    {
      double deaths = 0.0, births = 0.0;

      for (guint i = 0; i < GW_N_LAS; i++)
        for (guint s = 0; s < GW_N_SEXES; s++)
          {
            double lambda[GW_N_BANDS];

            gw_world_expected (w, i, y, s, 1.0, 0.0, 1.0, lambda);
            deaths += lambda[0];
            births += w->births_exp[i][y + 1][s];
          }
      w->imr_scale[y] = gw_imr_england (GW_FIRST_YEAR + (int) y) * births / deaths;
    }

  /* The spearhead offset G that puts the group gw_gap_base below England in
   * the base year, each trial with England recalibrated. */
  for (guint s = 0; s < GW_N_SEXES; s++)
    {
      double lo = 0.0, hi = 8.0;

      for (guint it = 0; it < 40; it++)
        {
          double mid = 0.5 * (lo + hi);
          double k = gw_world_solve_level (w, base, s, mid);
          double gap = gw_world_expected_e0 (w, base, s, k, mid, FALSE)
                       - gw_world_expected_e0 (w, base, s, k, mid, TRUE);

          if (gap < gw_gap_base[s])
            lo = mid;
          else
            hi = mid;
        }
      w->group_level[s] = 0.5 * (lo + hi);
      for (guint y = 0; y < GW_N_YEARS; y++)
        w->k[y][s] = gw_world_solve_level (w, y, s, w->group_level[s]);
    }

  for (guint i = 0; i < GW_N_LAS; i++)
    for (guint y = 0; y < GW_N_YEARS; y++)
      for (guint s = 0; s < GW_N_SEXES; s++)
        gw_world_expected (w, i, y, s, w->k[y][s], w->group_level[s], w->imr_scale[y],
                           w->lambda[i][y][s]);
}

static guint
gw_age_group (guint band)
{
  if (band == 0)
    return 0;
  if (band <= 3)
    return 1;
  if (band <= 7)
    return 2;
  if (band <= 11)
    return 3;
  if (band <= 15)
    return 4;
  return 5;
}

static void
gw_world_draw_counts (GwWorld *w)
{
  GwRng births_rng, deaths_rng, monthly_rng;
  double season_sum = 0.0;
  guint last = GW_N_YEARS - 1;

  g_assert (GW_FIRST_YEAR + last == GW_MONTHLY_YEAR);
  gw_rng_init (&births_rng, GW_SEED, 2);
  gw_rng_init (&deaths_rng, GW_SEED, 3);
  gw_rng_init (&monthly_rng, GW_SEED, 4);
  for (guint m = 0; m < 12; m++)
    season_sum += gw_season[m];

  for (guint i = 0; i < GW_N_LAS; i++)
    {
      guint a = GW_FIRST_LA + i;

      for (guint y = 0; y < GW_N_YEARS; y++)
        for (guint s = 0; s < GW_N_SEXES; s++)
          {
            w->births[a][y][s] = gw_rng_poisson (&births_rng, w->births_exp[i][y + 1][s]);
            if (y == last)
              continue;
            for (guint b = 0; b < GW_N_BANDS; b++)
              w->deaths[a][y][s][b] = gw_rng_poisson (&deaths_rng, w->lambda[i][y][s][b]);
          }

      /* The monthly year: every cause of every band of every month, so
       * that the causes add up to all deaths. */
      for (guint m = 0; m < 12; m++)
        for (guint s = 0; s < GW_N_SEXES; s++)
          for (guint b = 0; b < GW_N_BANDS; b++)
            {
              const double *cause_share = gw_cause_share[s][gw_age_group (b)];
              double cause_sum = 0.0;

              for (guint c = 0; c < GW_N_CAUSES; c++)
                cause_sum += cause_share[c];
              for (guint c = 0; c < GW_N_CAUSES; c++)
                {
                  double mean = w->lambda[i][last][s][b] * gw_season[m] / season_sum
                                * cause_share[c] / cause_sum;
                  guint n = gw_rng_poisson (&monthly_rng, mean);

                  w->monthly[a][m][s][b][c] = n;
                  w->deaths[a][last][s][b] += n;
                }
            }
    }

  /* England and the regions are the sums of their areas: every area
   * belongs to exactly one region. */
  for (guint i = 0; i < GW_N_LAS; i++)
    {
      guint a = GW_FIRST_LA + i;
      guint sums[2] = { GW_ENGLAND, gw_world_region_of (i) };

      for (guint t = 0; t < 2; t++)
        {
          guint r = sums[t];

          for (guint y = 0; y < GW_N_YEARS; y++)
            for (guint s = 0; s < GW_N_SEXES; s++)
              {
                w->births[r][y][s] += w->births[a][y][s];
                for (guint b = 0; b < GW_N_BANDS; b++)
                  {
                    w->pop[r][y][s][b] += w->pop[a][y][s][b];
                    w->deaths[r][y][s][b] += w->deaths[a][y][s][b];
                  }
              }
          for (guint m = 0; m < 12; m++)
            for (guint s = 0; s < GW_N_SEXES; s++)
              for (guint b = 0; b < GW_N_BANDS; b++)
                for (guint c = 0; c < GW_N_CAUSES; c++)
                  w->monthly[r][m][s][b][c] += w->monthly[a][m][s][b][c];
        }
    }
}

static GwWorld *
gw_world_new (void)
{
  GwWorld *w = g_new0 (GwWorld, 1);

  gw_world_draw_parameters (w);
  gw_world_make_population (w);
  gw_world_calibrate (w);
  gw_world_draw_counts (w);
  return w;
}

/* Pooled counts of England (spearheads_only FALSE) or of the Spearhead
 * Group over the years first..last inclusive, for one sex. */
static void
gw_world_pool (const GwWorld *w,
               int            first,
               int            last,
               guint          s,
               gboolean       spearheads_only,
               double        *deaths,
               double        *pop)
{
  memset (deaths, 0, GW_N_BANDS * sizeof (double));
  memset (pop, 0, GW_N_BANDS * sizeof (double));
  for (int year = first; year <= last; year++)
    {
      guint y = (guint) (year - GW_FIRST_YEAR);

      if (!spearheads_only)
        {
          for (guint b = 0; b < GW_N_BANDS; b++)
            {
              deaths[b] += w->deaths[GW_ENGLAND][y][s][b];
              pop[b] += w->pop[GW_ENGLAND][y][s][b];
            }
          continue;
        }
      for (guint i = 0; i < GW_N_LAS; i++)
        if (gw_areas[i].spearhead)
          for (guint b = 0; b < GW_N_BANDS; b++)
            {
              deaths[b] += w->deaths[GW_FIRST_LA + i][y][s][b];
              pop[b] += w->pop[GW_FIRST_LA + i][y][s][b];
            }
    }
}

/* Life expectancy of one upper-tier area (all-area index a) from counts. */
static double
gw_world_area_e0 (const GwWorld *w,
                  guint          a,
                  int            first,
                  int            last,
                  guint          s)
{
  double deaths[GW_N_BANDS] = { 0 }, pop[GW_N_BANDS] = { 0 };
  double e0 = 0.0;

  for (int year = first; year <= last; year++)
    for (guint b = 0; b < GW_N_BANDS; b++)
      {
        deaths[b] += w->deaths[a][year - GW_FIRST_YEAR][s][b];
        pop[b] += w->pop[a][year - GW_FIRST_YEAR][s][b];
      }
  if (!gw_life_expectancy (deaths, pop, &e0, NULL))
    return NAN;
  return e0;
}

/* Infant deaths and live births (persons) of England or the group. */
static void
gw_world_pool_infants (const GwWorld *w,
                       int            first,
                       int            last,
                       gboolean       spearheads_only,
                       double        *deaths,
                       double        *births)
{
  *deaths = 0.0;
  *births = 0.0;
  for (int year = first; year <= last; year++)
    {
      guint y = (guint) (year - GW_FIRST_YEAR);

      for (guint a = 0; a < GW_N_ALL; a++)
        {
          gboolean take = spearheads_only ? (a >= GW_FIRST_LA && gw_areas[a - GW_FIRST_LA].spearhead)
                                          : a == GW_ENGLAND;

          if (!take)
            continue;
          for (guint s = 0; s < GW_N_SEXES; s++)
            {
              *deaths += w->deaths[a][y][s][0];
              *births += w->births[a][y][s];
            }
        }
    }
}

/* ------------------------------------------------------------------------ */
/* The sample files. */

typedef void (*GwWriteFunc) (const GwWorld *w,
                             GwOut         *out,
                             gconstpointer  data);

static gboolean
gw_write_file (const char    *dir,
               const char    *name,
               GwWriteFunc    func,
               const GwWorld *w,
               gconstpointer  data,
               GError       **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GwOut out;
  GStatBuf st;

  if (!gw_out_open (&out, path, error))
    return FALSE;
  func (w, &out, data);
  g_print ("%-34s %8" G_GUINT64_FORMAT " records", name, out.records);
  if (!gw_out_close (&out, error))
    return FALSE;
  if (g_stat (path, &st) == 0)
    g_print (" %9lld bytes\n", (long long) st.st_size);
  else
    g_print ("\n");
  return TRUE;
}

static void
gw_write_areas (const GwWorld *w,
                GwOut         *out,
                gconstpointer  data)
{
  gw_out_begin_export (out, "areas-2007", "2007-01-15T09:00:00Z",
                       "North East Public Health Observatory",
                       "England, regions and upper-tier local authorities, with the Spearhead Group");
  gw_out_printf (out, "  <areas>\n"
                      "    <group id=\"spearhead\" name=\"Spearhead Group\"/>\n"
                      "    <area code=\"E92000001\" name=\"England\" type=\"country\"/>\n");
  for (guint r = 0; r < GW_N_REGIONS; r++)
    {
      g_string_append (out->buf, "    <area");
      gw_out_attr (out, "code", gw_regions[r].code);
      gw_out_attr (out, "name", gw_regions[r].name);
      gw_out_printf (out, " type=\"region\" parent=\"E92000001\"/>\n");
    }
  for (guint i = 0; i < GW_N_LAS; i++)
    {
      const GwAreaSpec *spec = &gw_areas[i];

      g_string_append (out->buf, "    <area");
      gw_out_attr (out, "code", spec->code);
      gw_out_attr (out, "name", spec->name);
      gw_out_attr (out, "type", g_str_has_prefix (spec->code, "E06") ? "ua" : "la");
      gw_out_attr (out, "parent", gw_regions[spec->region].code);
      if (spec->spearhead)
        gw_out_attr (out, "groups", "spearhead");
      gw_out_printf (out, " imd-decile=\"%u\"/>\n", w->imd_decile[i]);
    }
  gw_out_printf (out, "  </areas>\n");
  gw_out_end_export (out);
}

static void
gw_write_population (const GwWorld *w,
                     GwOut         *out,
                     gconstpointer  data)
{
  gw_out_begin_export (out, "population-1993-2007", "2008-08-21T09:30:00Z",
                       "Office for National Statistics",
                       "Mid-year population estimates 1993-2007 by area, sex and age");
  for (guint y = 0; y < GW_N_YEARS; y++)
    {
      gw_out_printf (out, "  <population period=\"%d\" basis=\"mid-year-estimate\">\n",
                     GW_FIRST_YEAR + (int) y);
      for (guint a = 0; a < GW_N_ALL; a++)
        for (guint s = 0; s < GW_N_SEXES; s++)
          for (guint b = 0; b < GW_N_BANDS; b++)
            gw_out_count (out, gw_world_code (a), s, b, w->pop[a][y][s][b], NULL);
      gw_out_printf (out, "  </population>\n");
    }
  gw_out_end_export (out);
}

static void
gw_write_births (const GwWorld *w,
                 GwOut         *out,
                 gconstpointer  data)
{
  gw_out_begin_export (out, "births-1993-2007", "2008-07-16T09:30:00Z",
                       "Office for National Statistics",
                       "Live births 1993-2007 by area of usual residence of the mother");
  for (guint y = 0; y < GW_N_YEARS; y++)
    {
      gw_out_printf (out, "  <births period=\"%d\">\n", GW_FIRST_YEAR + (int) y);
      for (guint a = 0; a < GW_N_ALL; a++)
        {
          const char *code = gw_world_code (a);

          /* Persons (no sex attribute), then boys and girls. */
          g_string_append_printf (out->buf, "    <c area=\"%s\" n=\"%u\"/>\n", code,
                                  w->births[a][y][0] + w->births[a][y][1]);
          for (guint s = 0; s < GW_N_SEXES; s++)
            g_string_append_printf (out->buf, "    <c area=\"%s\" sex=\"%s\" n=\"%u\"/>\n",
                                    code, gw_sex_names[s], w->births[a][y][s]);
          out->records += 3;
          gw_out_maybe_flush (out);
        }
      gw_out_printf (out, "  </births>\n");
    }
  gw_out_end_export (out);
}

static void
gw_write_yearly_deaths (const GwWorld *w,
                        GwOut         *out,
                        gconstpointer  data)
{
  gw_out_begin_export (out, "deaths-1993-2006", "2007-10-31T09:30:00Z",
                       "Office for National Statistics",
                       "Deaths registered 1993-2006 by area, sex and age");
  for (guint y = 0; y + 1 < GW_N_YEARS; y++)
    {
      gw_out_printf (out, "  <deaths period=\"%d\" basis=\"registration\">\n",
                     GW_FIRST_YEAR + (int) y);
      for (guint a = 0; a < GW_N_ALL; a++)
        for (guint s = 0; s < GW_N_SEXES; s++)
          for (guint b = 0; b < GW_N_BANDS; b++)
            gw_out_count (out, gw_world_code (a), s, b, w->deaths[a][y][s][b], NULL);
      gw_out_printf (out, "  </deaths>\n");
    }
  gw_out_end_export (out);
}

typedef struct
{
  guint              month;       /* 0-11 */
  const GwRevision  *revisions;   /* NULL: the first release of the month */
  guint              n_revisions;
} GwMonthly;

/* One month of deaths by cause.  A provider leaves out causes with no
 * deaths; a band with no deaths at all is written as one zero count, so
 * every band of every area is present in every month. */
static void
gw_write_monthly_deaths (const GwWorld *w,
                         GwOut         *out,
                         gconstpointer  data)
{
  const GwMonthly *monthly = data;
  guint m = monthly->month;
  guint next_year = GW_MONTHLY_YEAR + (m == 11 ? 1 : 0);
  guint next_month = m == 11 ? 1 : m + 2;
  g_autofree char *id = NULL;
  g_autofree char *generated = NULL;
  g_autofree char *title = NULL;

  if (monthly->revisions == NULL)
    {
      id = g_strdup_printf ("deaths-%d-%02u", GW_MONTHLY_YEAR, m + 1);
      generated = g_strdup_printf ("%u-%02u-12T08:30:00Z", next_year, next_month);
      title = g_strdup_printf ("Deaths registered in %s %d", gw_month_names[m], GW_MONTHLY_YEAR);
    }
  else
    {
      /* Late registrations and corrections, three months on. */
      id = g_strdup_printf ("deaths-%d-%02u-r1", GW_MONTHLY_YEAR, m + 1);
      generated = g_strdup_printf ("%d-%02u-14T08:30:00Z", GW_MONTHLY_YEAR, m + 4);
      title = g_strdup_printf ("Deaths registered in %s %d (revised)", gw_month_names[m],
                               GW_MONTHLY_YEAR);
    }

  gw_out_begin_export (out, id, generated, "North East Public Health Observatory", title);
  gw_out_printf (out, "  <deaths period=\"%d-%02u\" basis=\"registration\">\n",
                 GW_MONTHLY_YEAR, m + 1);
  if (monthly->revisions != NULL)
    {
      for (guint r = 0; r < monthly->n_revisions; r++)
        {
          const GwRevision *rev = &monthly->revisions[r];

          gw_out_count (out, gw_world_code (rev->area), rev->sex, rev->band, rev->n,
                        gw_cause_names[rev->cause]);
        }
    }
  else
    {
      for (guint a = 0; a < GW_N_ALL; a++)
        for (guint s = 0; s < GW_N_SEXES; s++)
          for (guint b = 0; b < GW_N_BANDS; b++)
            {
              const guint *n = w->monthly[a][m][s][b];
              gboolean any = FALSE;

              for (guint c = 0; c < GW_N_CAUSES; c++)
                if (n[c] > 0)
                  {
                    gw_out_count (out, gw_world_code (a), s, b, n[c], gw_cause_names[c]);
                    any = TRUE;
                  }
              if (!any)
                gw_out_count (out, gw_world_code (a), s, b, 0, "other");
            }
    }
  gw_out_printf (out, "  </deaths>\n");
  gw_out_end_export (out);
}

/* ------------------------------------------------------------------------ */
/* Yearly deaths by cause (export 1.1), so that every sample area's gap can
 * be split by age and cause for 2004-2006: each yearly all-cause count of
 * those years divided between the causes by the shares of gw_cause_share,
 * with two declared sub-causes (coronary heart disease under circulatory,
 * lung cancer under cancer).  The causes of a cell add up to its all-cause
 * count exactly, so nothing is "not specified" and everything computed from
 * all-cause deaths stays as it was. */

#define GW_CAUSE_FIRST_YEAR 2004
#define GW_CAUSE_N_YEARS    3

/* The causes records name: the six built-ins (their own deaths), then the
 * declared sub-causes. */
enum { GW_LEAF_CHD = GW_N_CAUSES, GW_LEAF_LUNG_CANCER, GW_N_LEAVES };

static const char * const gw_leaf_names[GW_N_LEAVES] = {
  "circulatory", "cancer", "respiratory", "digestive", "external", "other", "chd", "lung-cancer",
};
/* Of circulatory deaths, the share from coronary heart disease; of cancer
 * deaths, from lung cancer; men, women. */
static const double gw_chd_share[GW_N_SEXES] = { 0.45, 0.35 };
static const double gw_lung_cancer_share[GW_N_SEXES] = { 0.25, 0.20 };

typedef guint GwCauseCounts[GW_CAUSE_N_YEARS][GW_N_SEXES][GW_N_BANDS][GW_N_LEAVES];

/* Every area's deaths of 2004-2006 by cause: each upper-tier death drawn
 * to a cause (its own stream, so the other files keep their numbers), the
 * regions and England summed from their areas.  [GW_N_ALL] counts. */
static GwCauseCounts *
gw_world_split_causes (const GwWorld *w)
{
  GwCauseCounts *counts = g_new0 (GwCauseCounts, GW_N_ALL);
  GwRng rng;

  gw_rng_init (&rng, GW_SEED, 21);
  for (guint i = 0; i < GW_N_LAS; i++)
    {
      guint a = GW_FIRST_LA + i;
      guint sums[2] = { GW_ENGLAND, gw_world_region_of (i) };

      for (guint y = 0; y < GW_CAUSE_N_YEARS; y++)
        for (guint s = 0; s < GW_N_SEXES; s++)
          for (guint b = 0; b < GW_N_BANDS; b++)
            {
              const double *share = gw_cause_share[s][gw_age_group (b)];
              guint n = w->deaths[a][GW_CAUSE_FIRST_YEAR - GW_FIRST_YEAR + y][s][b];
              double total = 0.0;

              for (guint c = 0; c < GW_N_CAUSES; c++)
                total += share[c];
              for (guint d = 0; d < n; d++)
                {
                  double u = gw_rng_uniform (&rng) * total;
                  guint c = 0;

                  while (c + 1 < GW_N_CAUSES && u >= share[c])
                    u -= share[c++];
                  if (c == 0 && gw_rng_uniform (&rng) < gw_chd_share[s])
                    c = GW_LEAF_CHD;
                  else if (c == 1 && gw_rng_uniform (&rng) < gw_lung_cancer_share[s])
                    c = GW_LEAF_LUNG_CANCER;
                  counts[a][y][s][b][c]++;
                  for (guint t = 0; t < 2; t++)
                    counts[sums[t]][y][s][b][c]++;
                }
            }
    }
  return counts;
}

static void
gw_write_deaths_by_cause (const GwWorld *w,
                          GwOut         *out,
                          gconstpointer  data)
{
  GwCauseCounts *counts = (GwCauseCounts *) data;

  gw_out_begin_export_version (out, "1.1", "deaths-by-cause-2004-2006", "2007-11-20T09:30:00Z",
                               "Office for National Statistics",
                               "Deaths registered 2004-2006 by area, sex, age and underlying cause");
  gw_out_printf (out, "  <causes>\n"
                      "    <cause id=\"chd\" name=\"Coronary heart disease\" icd10=\"I20-I25\" parent=\"circulatory\"/>\n"
                      "    <cause id=\"lung-cancer\" name=\"Lung cancer\" icd10=\"C33-C34\" parent=\"cancer\"/>\n"
                      "  </causes>\n");
  for (guint y = 0; y < GW_CAUSE_N_YEARS; y++)
    {
      gw_out_printf (out, "  <deaths period=\"%d\" basis=\"registration\">\n", GW_CAUSE_FIRST_YEAR + (int) y);
      /* a provider leaves out causes with no deaths */
      for (guint a = 0; a < GW_N_ALL; a++)
        for (guint s = 0; s < GW_N_SEXES; s++)
          for (guint b = 0; b < GW_N_BANDS; b++)
            for (guint c = 0; c < GW_N_LEAVES; c++)
              if (counts[a][y][s][b][c] > 0)
                gw_out_count (out, gw_world_code (a), s, b, counts[a][y][s][b][c], gw_leaf_names[c]);
      gw_out_printf (out, "  </deaths>\n");
    }
  gw_out_end_export (out);
}

/* The revisions of one month: a few late registrations in upper-tier areas,
 * with the region and England totals of the same keys revised to match. */
static GwRevision *
gw_world_make_revisions (const GwWorld *w,
                         guint          m,
                         guint          n_wanted,
                         guint         *n_out)
{
  GArray *revs = g_array_new (FALSE, TRUE, sizeof (GwRevision));
  GwRng rng;
  guint tries = 0;
  int extra[GW_N_ALL][GW_N_SEXES][GW_N_BANDS][GW_N_CAUSES];
  guint n_areas = 0;

  memset (extra, 0, sizeof extra);
  gw_rng_init (&rng, GW_SEED, 5);
  while (n_areas < n_wanted && tries++ < 100000)
    {
      guint i = (guint) (gw_rng_uniform (&rng) * GW_N_LAS);
      guint a = GW_FIRST_LA + i;
      guint s = gw_rng_uniform (&rng) < 0.5 ? 0 : 1;
      guint b = 14 + (guint) (gw_rng_uniform (&rng) * 6);       /* 65-69 .. 90+ */
      guint c = (guint) (gw_rng_uniform (&rng) * GW_N_CAUSES);
      /* Mostly late registrations (more deaths); one in five a correction. */
      int delta = gw_rng_uniform (&rng) < 0.2 ? -1 : 1 + (int) (gw_rng_uniform (&rng) * 3);

      if (w->monthly[a][m][s][b][c] == 0 || extra[a][s][b][c] != 0)
        continue;
      extra[a][s][b][c] = delta;
      extra[GW_ENGLAND][s][b][c] += delta;
      extra[gw_world_region_of (i)][s][b][c] += delta;
      n_areas++;
    }

  for (guint a = 0; a < GW_N_ALL; a++)
    for (guint s = 0; s < GW_N_SEXES; s++)
      for (guint b = 0; b < GW_N_BANDS; b++)
        for (guint c = 0; c < GW_N_CAUSES; c++)
          if (extra[a][s][b][c] != 0)
            {
              GwRevision rev = { a, s, b, c,
                                 (guint) ((int) w->monthly[a][m][s][b][c] + extra[a][s][b][c]) };

              g_array_append_val (revs, rev);
            }

  *n_out = revs->len;
  return (GwRevision *) (void *) g_array_free (revs, FALSE);
}

static void
gw_write_value (GwOut      *out,
                const char *subject_attr,
                const char *subject,
                const char *sex,
                int         first,
                int         last,
                double      value,
                double      lower,
                double      upper,
                const char *extra)
{
  gw_out_printf (out, "    <v %s=\"%s\" sex=\"%s\" period=\"%d-%d\""
                      " value=\"%.2f\" lower=\"%.2f\" upper=\"%.2f\"%s/>\n",
                 subject_attr, subject, sex, first, last, value, lower, upper,
                 extra != NULL ? extra : "");
  out->records++;
}

#define GW_FIRST_PUBLISHED 1995
#define GW_LAST_PUBLISHED  2004   /* first year of the last published period */

static void
gw_write_published (const GwWorld *w,
                    GwOut         *out,
                    gconstpointer  data)
{
  gw_out_begin_export (out, "le-imr-1995-2006", "2007-11-06T09:30:00Z",
                       "Office for National Statistics",
                       "Life expectancy at birth and infant mortality, England and the "
                       "Spearhead Group, 1995-1997 to 2004-2006");

  gw_out_printf (out, "  <indicator id=\"le-birth\" name=\"Life expectancy at birth\""
                      " unit=\"years\" polarity=\"higher-is-better\">\n");
  for (guint subject = 0; subject < 2; subject++)
    for (guint s = 0; s < GW_N_SEXES; s++)
      for (int first = GW_FIRST_PUBLISHED; first <= GW_LAST_PUBLISHED; first++)
        {
          double deaths[GW_N_BANDS], pop[GW_N_BANDS], e0 = 0.0, se = 0.0;

          gw_world_pool (w, first, first + 2, s, subject == 1, deaths, pop);
          if (!gw_life_expectancy (deaths, pop, &e0, &se))
            g_assert_not_reached ();
          gw_write_value (out, subject == 0 ? "area" : "group",
                          subject == 0 ? "E92000001" : "spearhead", gw_sex_names[s],
                          first, first + 2, e0, e0 - GW_Z95 * se, e0 + GW_Z95 * se, NULL);
        }
  gw_out_printf (out, "  </indicator>\n");

  gw_out_printf (out, "  <indicator id=\"imr\" name=\"Infant mortality\""
                      " unit=\"per 1,000 live births\" polarity=\"lower-is-better\">\n");
  for (guint subject = 0; subject < 2; subject++)
    for (int first = GW_FIRST_PUBLISHED; first <= GW_LAST_PUBLISHED; first++)
      {
        double deaths, births, lower, upper;
        g_autofree char *extra = NULL;

        gw_world_pool_infants (w, first, first + 2, subject == 1, &deaths, &births);
        gw_byar_limits (deaths, &lower, &upper);
        extra = g_strdup_printf (" count=\"%.0f\" denominator=\"%.0f\"", deaths, births);
        gw_write_value (out, subject == 0 ? "area" : "group",
                        subject == 0 ? "E92000001" : "spearhead", "p", first, first + 2,
                        1000.0 * deaths / births, 1000.0 * lower / births,
                        1000.0 * upper / births, extra);
      }
  gw_out_printf (out, "  </indicator>\n");
  gw_out_end_export (out);
}

/* ------------------------------------------------------------------------ */
/* Small areas of a few upper-tier areas, for the inequality within an area
 * (the SII, methods.md section 4): LSOAs of about 1,600 people with the
 * deprivation decile of each within its area (1 the most deprived tenth),
 * their yearly populations and deaths.  Each LSOA takes a share of its
 * area's population in every band, and its death rates are the area's
 * shifted by a hazard ratio that falls with the decile, so that life
 * expectancy rises from the most to the least deprived decile by about the
 * area's sii years (men) and 0.75 of it (women), that difference changing
 * by trend years a year.  Drawn from a stream of their own: the other files
 * do not change. */

typedef struct
{
  const char *code;       /* an upper-tier area of gw_areas */
  double      sii;        /* years from the most to the least deprived, men, 2002 */
  double      trend;      /* change a year */
} GwLsoaSpec;

static const GwLsoaSpec gw_lsoa_areas[] = {
  { "E06000001", 11.0, 0.25 },   /* Hartlepool: wide, widening */
  { "E06000002", 12.5, 0.10 },   /* Middlesbrough: wider still */
  { "E06000007", 8.5, -0.30 },   /* Warrington: narrowing */
};

#define GW_LSOA_FIRST_YEAR 2002
#define GW_LSOA_PEOPLE     1600.0
#define GW_LSOA_STREAM     20

static guint
gw_lsoa_area_index (const char *code)
{
  for (guint i = 0; i < GW_N_LAS; i++)
    if (strcmp (gw_areas[i].code, code) == 0)
      return i;
  g_assert_not_reached ();
}

/* Every LSOA of the sample areas: area index, decile, population share. */
typedef struct
{
  guint  la;
  guint  spec;
  guint  number;    /* within its area, from 1 */
  guint  decile;
  double share;
} GwLsoa;

static GArray *
gw_lsoa_make (const GwWorld *w,
              GwRng         *rng)
{
  GArray *lsoas = g_array_new (FALSE, FALSE, sizeof (GwLsoa));

  for (guint k = 0; k < G_N_ELEMENTS (gw_lsoa_areas); k++)
    {
      guint la = gw_lsoa_area_index (gw_lsoa_areas[k].code);
      guint n = (guint) lround (gw_world_total_pop (w, la, 2004) / GW_LSOA_PEOPLE);
      guint first = lsoas->len;
      double sum = 0.0;

      for (guint j = 0; j < n; j++)
        {
          /* deciles in a shuffled order, so that neighbouring numbers
           * are not neighbouring deciles */
          GwLsoa l = { la, k, j + 1, 1 + (j * 7 + k) % 10, exp (gw_rng_normal (rng, 0.0, 0.15)) };

          sum += l.share;
          g_array_append_val (lsoas, l);
        }
      for (guint j = first; j < lsoas->len; j++)
        g_array_index (lsoas, GwLsoa, j).share /= sum;
    }
  return lsoas;
}

static char *
gw_lsoa_code (guint index)
{
  return g_strdup_printf ("E0101%04u", index + 1);
}

static void
gw_write_lsoas (const GwWorld *w,
                GwOut         *out,
                gconstpointer  data)
{
  g_autoptr(GArray) lsoas = NULL;
  GwRng rng;
  int last_year = GW_LAST_YEAR;

  gw_rng_init (&rng, GW_SEED, GW_LSOA_STREAM);
  lsoas = gw_lsoa_make (w, &rng);

  gw_out_begin_export (out, "lsoa-2002-2007", "2008-02-20T09:30:00Z",
                       "North East Public Health Observatory",
                       "Lower layer super output areas of Hartlepool, Middlesbrough and Warrington "
                       "with their deprivation decile within the area: population and deaths 2002-2007");
  gw_out_printf (out, "  <areas>\n");
  for (guint j = 0; j < lsoas->len; j++)
    {
      const GwLsoa *l = &g_array_index (lsoas, GwLsoa, j);
      g_autofree char *code = gw_lsoa_code (j);
      g_autofree char *name = g_strdup_printf ("%s %03u", gw_areas[l->la].name, l->number);

      g_string_append (out->buf, "    <area");
      gw_out_attr (out, "code", code);
      gw_out_attr (out, "name", name);
      gw_out_attr (out, "type", "lsoa");
      gw_out_attr (out, "parent", gw_areas[l->la].code);
      gw_out_printf (out, " imd-decile=\"%u\"/>\n", l->decile);
    }
  gw_out_printf (out, "  </areas>\n");

  for (int year = GW_LSOA_FIRST_YEAR; year <= last_year; year++)
    {
      guint y = (guint) (year - GW_FIRST_YEAR);

      gw_out_printf (out, "  <population period=\"%d\" basis=\"mid-year-estimate\">\n", year);
      for (guint j = 0; j < lsoas->len; j++)
        {
          const GwLsoa *l = &g_array_index (lsoas, GwLsoa, j);
          g_autofree char *code = gw_lsoa_code (j);

          for (guint s = 0; s < GW_N_SEXES; s++)
            for (guint b = 0; b < GW_N_BANDS; b++)
              gw_out_count (out, code, s, b,
                            (guint) lround (w->pop[GW_FIRST_LA + l->la][y][s][b] * l->share), NULL);
        }
      gw_out_printf (out, "  </population>\n");

      gw_out_printf (out, "  <deaths period=\"%d\" basis=\"registration\">\n", year);
      for (guint j = 0; j < lsoas->len; j++)
        {
          const GwLsoa *l = &g_array_index (lsoas, GwLsoa, j);
          const GwLsoaSpec *spec = &gw_lsoa_areas[l->spec];
          g_autofree char *code = gw_lsoa_code (j);

          for (guint s = 0; s < GW_N_SEXES; s++)
            {
              /* years of life expectancy below the area's middle decile */
              double sii = (spec->sii + spec->trend * (year - GW_LSOA_FIRST_YEAR)) * (s == 0 ? 1.0 : 0.75);
              double below = sii * (0.5 - (l->decile - 0.5) / 10.0);
              double h = exp (gw_beta[s] * below);

              for (guint b = 0; b < GW_N_BANDS; b++)
                {
                  double area_pop = w->pop[GW_FIRST_LA + l->la][y][s][b];
                  guint pop = (guint) lround (area_pop * l->share);
                  double mean = area_pop > 0 ? w->lambda[l->la][y][s][b] / area_pop * pop * h : 0.0;

                  /* never more deaths than people in the band */
                  gw_out_count (out, code, s, b, MIN (gw_rng_poisson (&rng, mean), pop), NULL);
                }
            }
        }
      gw_out_printf (out, "  </deaths>\n");
    }
  gw_out_end_export (out);
}

/* A summary of the simulated world for the developer (and the self-test). */
typedef struct
{
  double england_e0[GW_N_SEXES];          /* 1995-1997, from counts */
  double group_gap[GW_N_SEXES];           /* 1995-1997, years */
  double group_gap_late[GW_N_SEXES];      /* 2004-2006, years */
  double imr_england;                     /* 1997-1999, per 1,000 */
  double imr_group;
  guint  widening[GW_N_SEXES];            /* spearheads whose gap widened */
  guint  n_spearheads;
  guint  min_pop, max_pop;                /* upper-tier areas, 2001 */
  double birth_rate;                      /* England 2001, per 1,000 */
  gboolean sums_ok;                       /* England = sum of regions = sum of areas */
} GwWorldSummary;

static void
gw_world_summarize (const GwWorld  *w,
                    GwWorldSummary *sum)
{
  double births = 0.0, pop = 0.0, deaths;
  guint y2001 = 2001 - GW_FIRST_YEAR;

  memset (sum, 0, sizeof *sum);
  sum->min_pop = G_MAXUINT;
  for (guint s = 0; s < GW_N_SEXES; s++)
    {
      double d[GW_N_BANDS], p[GW_N_BANDS], e_eng, e_grp, e_eng2, e_grp2;

      gw_world_pool (w, 1995, 1997, s, FALSE, d, p);
      gw_life_expectancy (d, p, &e_eng, NULL);
      gw_world_pool (w, 1995, 1997, s, TRUE, d, p);
      gw_life_expectancy (d, p, &e_grp, NULL);
      gw_world_pool (w, 2004, 2006, s, FALSE, d, p);
      gw_life_expectancy (d, p, &e_eng2, NULL);
      gw_world_pool (w, 2004, 2006, s, TRUE, d, p);
      gw_life_expectancy (d, p, &e_grp2, NULL);
      sum->england_e0[s] = e_eng;
      sum->group_gap[s] = e_eng - e_grp;
      sum->group_gap_late[s] = e_eng2 - e_grp2;

      for (guint i = 0; i < GW_N_LAS; i++)
        {
          double gap0, gap1;

          if (!gw_areas[i].spearhead)
            continue;
          gap0 = e_eng - gw_world_area_e0 (w, GW_FIRST_LA + i, 1995, 1997, s);
          gap1 = e_eng2 - gw_world_area_e0 (w, GW_FIRST_LA + i, 2004, 2006, s);
          if (gap1 > gap0)
            sum->widening[s]++;
        }
    }
  gw_world_pool_infants (w, 1997, 1999, FALSE, &deaths, &births);
  sum->imr_england = 1000.0 * deaths / births;
  gw_world_pool_infants (w, 1997, 1999, TRUE, &deaths, &births);
  sum->imr_group = 1000.0 * deaths / births;

  for (guint i = 0; i < GW_N_LAS; i++)
    {
      guint total = 0;

      if (gw_areas[i].spearhead)
        sum->n_spearheads++;
      for (guint s = 0; s < GW_N_SEXES; s++)
        for (guint b = 0; b < GW_N_BANDS; b++)
          total += w->pop[GW_FIRST_LA + i][y2001][s][b];
      sum->min_pop = MIN (sum->min_pop, total);
      sum->max_pop = MAX (sum->max_pop, total);
    }
  pop = 0.0;
  for (guint s = 0; s < GW_N_SEXES; s++)
    for (guint b = 0; b < GW_N_BANDS; b++)
      pop += w->pop[GW_ENGLAND][y2001][s][b];
  sum->birth_rate = 1000.0 * (w->births[GW_ENGLAND][y2001][0] + w->births[GW_ENGLAND][y2001][1]) / pop;

  /* The regions must add up to England, record by record. */
  sum->sums_ok = TRUE;
  for (guint y = 0; y < GW_N_YEARS; y++)
    for (guint s = 0; s < GW_N_SEXES; s++)
      {
        guint b_sum = 0;

        for (guint r = 1; r <= GW_N_REGIONS; r++)
          b_sum += w->births[r][y][s];
        if (b_sum != w->births[GW_ENGLAND][y][s])
          sum->sums_ok = FALSE;
        for (guint b = 0; b < GW_N_BANDS; b++)
          {
            guint p_sum = 0, d_sum = 0;

            for (guint r = 1; r <= GW_N_REGIONS; r++)
              {
                p_sum += w->pop[r][y][s][b];
                d_sum += w->deaths[r][y][s][b];
              }
            if (p_sum != w->pop[GW_ENGLAND][y][s][b] || d_sum != w->deaths[GW_ENGLAND][y][s][b])
              sum->sums_ok = FALSE;
          }
      }
}

static void
gw_world_print_summary (const GwWorldSummary *sum)
{
  g_print ("England e0 1995-1997: men %.2f, women %.2f years\n",
           sum->england_e0[0], sum->england_e0[1]);
  g_print ("Spearhead Group gap 1995-1997: men %.2f, women %.2f years;"
           " 2004-2006: men %.2f, women %.2f\n",
           sum->group_gap[0], sum->group_gap[1], sum->group_gap_late[0], sum->group_gap_late[1]);
  g_print ("Spearheads whose gap widened 1995-1997 to 2004-2006: men %u, women %u of %u\n",
           sum->widening[0], sum->widening[1], sum->n_spearheads);
  g_print ("Infant mortality 1997-1999: England %.2f, Spearhead Group %.2f per 1,000 live births\n",
           sum->imr_england, sum->imr_group);
  g_print ("Upper-tier populations 2001: %u to %u; England births 2001: %.1f per 1,000\n",
           sum->min_pop, sum->max_pop, sum->birth_rate);
  g_print ("England = sum of regions: %s\n", sum->sums_ok ? "yes" : "NO");
}

static gboolean
gw_generate_samples (const char  *dir,
                     GError     **error)
{
  g_autofree GwWorld *w = NULL;
  g_autofree GwRevision *revisions = NULL;
  g_autofree GwCauseCounts *causes = NULL;
  GwWorldSummary sum;
  guint n_revisions = 0;
  GwMonthly revised;

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "Cannot create %s: %s", dir, g_strerror (saved));
      return FALSE;
    }

  w = gw_world_new ();

  /* The numbers give the import order: areas first, because the other
   * files use the areas declared in it. */
  if (!gw_write_file (dir, "01-areas.xml", gw_write_areas, w, NULL, error) ||
      !gw_write_file (dir, "02-population-1993-2007.xml.gz", gw_write_population, w, NULL, error) ||
      !gw_write_file (dir, "03-births-1993-2007.xml", gw_write_births, w, NULL, error) ||
      !gw_write_file (dir, "04-deaths-1993-2006.xml.gz", gw_write_yearly_deaths, w, NULL, error))
    return FALSE;
  causes = gw_world_split_causes (w);
  if (!gw_write_file (dir, "04-deaths-by-cause-2004-2006.xml.gz", gw_write_deaths_by_cause, w, causes, error))
    return FALSE;

  for (guint m = 0; m < 12; m++)
    {
      GwMonthly monthly = { m, NULL, 0 };
      g_autofree char *name = g_strdup_printf ("05-deaths-%d-%02u.xml.gz", GW_MONTHLY_YEAR, m + 1);

      if (!gw_write_file (dir, name, gw_write_monthly_deaths, w, &monthly, error))
        return FALSE;
    }

  revisions = gw_world_make_revisions (w, 2, 12, &n_revisions);
  revised = (GwMonthly) { 2, revisions, n_revisions };
  if (!gw_write_file (dir, "06-deaths-2007-03-revised.xml", gw_write_monthly_deaths, w,
                      &revised, error) ||
      !gw_write_file (dir, "07-le-imr-published.xml", gw_write_published, w, NULL, error) ||
      !gw_write_file (dir, "08-lsoa-2002-2007.xml.gz", gw_write_lsoas, w, NULL, error))
    return FALSE;

  gw_world_summarize (w, &sum);
  gw_world_print_summary (&sum);
  return TRUE;
}

/* Checks of the simulated world against the targets of the sample set. */
static int
gw_self_test (void)
{
  g_autofree GwWorld *w = gw_world_new ();
  GwWorldSummary sum;
  int failures = 0;

  gw_world_summarize (w, &sum);
  gw_world_print_summary (&sum);

#define GW_CHECK(cond, ...) \
  G_STMT_START { if (!(cond)) { g_printerr ("FAIL: " __VA_ARGS__); g_printerr ("\n"); failures++; } } G_STMT_END

  GW_CHECK (fabs (sum.england_e0[0] - 74.6) < 0.1, "England e0 men %.3f, expected 74.6", sum.england_e0[0]);
  GW_CHECK (fabs (sum.england_e0[1] - 79.7) < 0.1, "England e0 women %.3f, expected 79.7", sum.england_e0[1]);
  GW_CHECK (fabs (sum.group_gap[0] - 2.0) < 0.15, "group gap men %.3f, expected 2.0", sum.group_gap[0]);
  GW_CHECK (fabs (sum.group_gap[1] - 1.4) < 0.15, "group gap women %.3f, expected 1.4", sum.group_gap[1]);
  GW_CHECK (sum.group_gap_late[0] > sum.group_gap[0], "men's group gap does not widen");
  GW_CHECK (sum.widening[0] > sum.n_spearheads / 2 && sum.widening[0] < sum.n_spearheads,
            "men's gap widened in %u of %u spearheads", sum.widening[0], sum.n_spearheads);
  GW_CHECK (sum.n_spearheads == 70, "%u spearheads", sum.n_spearheads);
  GW_CHECK (fabs (sum.imr_england - 5.5) < 0.3, "England IMR %.2f, expected about 5.5", sum.imr_england);
  GW_CHECK (sum.imr_group > sum.imr_england, "spearhead IMR not above England's");
  GW_CHECK (sum.min_pop >= 140000 && sum.max_pop <= 1300000, "populations %u to %u",
            sum.min_pop, sum.max_pop);
  GW_CHECK (fabs (sum.birth_rate - 12.0) < 1.0, "birth rate %.2f per 1,000", sum.birth_rate);
  GW_CHECK (sum.sums_ok, "regions do not add up to England");

  /* The Poisson generator: mean and variance of draws at a small and a
   * large mean (PTRS branch). */
  {
    const double means[] = { 3.7, 412.5 };

    for (guint t = 0; t < G_N_ELEMENTS (means); t++)
      {
        GwRng rng;
        double s1 = 0.0, s2 = 0.0, mean, var;
        guint n = 200000;

        gw_rng_init (&rng, GW_SEED, 99);
        for (guint i = 0; i < n; i++)
          {
            double x = gw_rng_poisson (&rng, means[t]);

            s1 += x;
            s2 += x * x;
          }
        mean = s1 / n;
        var = s2 / n - mean * mean;
        GW_CHECK (fabs (mean - means[t]) < 4.0 * sqrt (means[t] / n),
                  "Poisson(%g) mean %.4f", means[t], mean);
        GW_CHECK (fabs (var / means[t] - 1.0) < 0.02, "Poisson(%g) variance %.4f", means[t], var);
      }
  }
#undef GW_CHECK

  g_print ("%s\n", failures == 0 ? "self-test passed" : "self-test FAILED");
  return failures == 0 ? 0 : 1;
}

/* ------------------------------------------------------------------------ */
/* The national-scale export for the benchmark: its own areas, then deaths by
 * area, sex and age band for every month.
 *
 * With population (the indicator benchmark) each month also has the regions'
 * and England's deaths, the sums of their districts, so that England is a
 * comparator with counts; after the deaths come the mid-year populations and
 * the live births of every area for every year the months cover.  The deaths
 * are drawn exactly as without population (same stream, same order), so the
 * district records are the same either way. */

/* Writes the region and England totals of one month's (or year's) counts,
 * indexed [region][sex][band], the regions first. */
static void
gw_national_write_totals (GwOut         *out,
                          const guint64  totals[GW_N_REGIONS][GW_N_SEXES][GW_N_BANDS])
{
  for (guint r = 0; r < GW_N_REGIONS; r++)
    for (guint s = 0; s < GW_N_SEXES; s++)
      for (guint b = 0; b < GW_N_BANDS; b++)
        gw_out_count (out, gw_regions[r].code, s, b, (guint) totals[r][s][b], NULL);
  for (guint s = 0; s < GW_N_SEXES; s++)
    for (guint b = 0; b < GW_N_BANDS; b++)
      {
        guint64 sum = 0;

        for (guint r = 0; r < GW_N_REGIONS; r++)
          sum += totals[r][s][b];
        gw_out_count (out, "E92000001", s, b, (guint) sum, NULL);
      }
}

/* Population and births of every year from first_year to last_year.  The
 * deaths were drawn from a constant population (the pop array, by district,
 * sex and band), so the mid-year estimates are that population, rounded, in
 * every year: the rates the indicators find are the rates drawn.  Infants at
 * mid-year are the births of the twelve months before less the few who died,
 * so a year's births are the population at age 0 over 0.996: a crude birth
 * rate of about 11.5 per 1,000 and about 5 infant deaths per 1,000 births. */
static void
gw_national_write_population (GwOut        *out,
                              const double *pop,
                              guint         n_areas,
                              guint         first_year,
                              guint         last_year)
{
  for (guint year = first_year; year <= last_year; year++)
    {
      guint64 totals[GW_N_REGIONS][GW_N_SEXES][GW_N_BANDS];

      memset (totals, 0, sizeof totals);
      gw_out_printf (out, "  <population period=\"%u\" basis=\"mid-year-estimate\">\n", year);
      for (guint i = 0; i < n_areas; i++)
        {
          g_autofree char *code = g_strdup_printf ("E07%06u", i + 1);

          for (guint s = 0; s < GW_N_SEXES; s++)
            for (guint b = 0; b < GW_N_BANDS; b++)
              {
                guint n = (guint) lround (pop[(i * GW_N_SEXES + s) * GW_N_BANDS + b]);

                gw_out_count (out, code, s, b, n, NULL);
                totals[i % GW_N_REGIONS][s][b] += n;
              }
        }
      gw_national_write_totals (out, (const guint64 (*)[GW_N_SEXES][GW_N_BANDS]) totals);
      gw_out_printf (out, "  </population>\n");
    }

  for (guint year = first_year; year <= last_year; year++)
    {
      guint64 region_births[GW_N_REGIONS] = { 0 }, england = 0;

      gw_out_printf (out, "  <births period=\"%u\">\n", year);
      for (guint i = 0; i < n_areas; i++)
        {
          double infants = pop[(i * GW_N_SEXES + 0) * GW_N_BANDS] + pop[(i * GW_N_SEXES + 1) * GW_N_BANDS];
          guint n = (guint) lround (infants / 0.996);

          /* Persons: the sex attribute is left out. */
          g_string_append_printf (out->buf, "    <c area=\"E07%06u\" n=\"%u\"/>\n", i + 1, n);
          out->records++;
          gw_out_maybe_flush (out);
          region_births[i % GW_N_REGIONS] += n;
        }
      for (guint r = 0; r < GW_N_REGIONS; r++)
        {
          g_string_append_printf (out->buf, "    <c area=\"%s\" n=\"%" G_GUINT64_FORMAT "\"/>\n",
                                  gw_regions[r].code, region_births[r]);
          out->records++;
          england += region_births[r];
        }
      g_string_append_printf (out->buf, "    <c area=\"E92000001\" n=\"%" G_GUINT64_FORMAT "\"/>\n",
                              england);
      out->records++;
      gw_out_printf (out, "  </births>\n");
    }
}

/* The areas of England and its regions, for the national-scale exports. */
static void
gw_out_england_and_regions (GwOut *out)
{
  gw_out_printf (out, "    <area code=\"E92000001\" name=\"England\" type=\"country\"/>\n");
  for (guint r = 0; r < GW_N_REGIONS; r++)
    {
      g_string_append (out->buf, "    <area");
      gw_out_attr (out, "code", gw_regions[r].code);
      gw_out_attr (out, "name", gw_regions[r].name);
      gw_out_printf (out, " type=\"region\" parent=\"E92000001\"/>\n");
    }
}

/* A region's deaths of a month by sex, band and cause. */
typedef guint64 GwCauseTotals[GW_N_SEXES][GW_N_BANDS][GW_N_CAUSES];

/* --with-causes: a district's count of a band split between the six causes
 * by the shares of gw_cause_share (each death drawn; a band with no deaths
 * is one "other" zero, so every band is present), added into its region's
 * totals by cause. */
static void
gw_national_write_causes (GwOut      *out,
                          GwRng      *rng,
                          const char *code,
                          guint       sex,
                          guint       band,
                          guint       n,
                          guint64     totals[GW_N_CAUSES])
{
  const double *share = gw_cause_share[sex][gw_age_group (band)];
  guint by_cause[GW_N_CAUSES] = { 0 };
  double total = 0.0;
  gboolean any = FALSE;

  for (guint c = 0; c < GW_N_CAUSES; c++)
    total += share[c];
  for (guint d = 0; d < n; d++)
    {
      double u = gw_rng_uniform (rng) * total;
      guint c = 0;

      while (c + 1 < GW_N_CAUSES && u >= share[c])
        u -= share[c++];
      by_cause[c]++;
    }
  for (guint c = 0; c < GW_N_CAUSES; c++)
    if (by_cause[c] > 0)
      {
        gw_out_count (out, code, sex, band, by_cause[c], gw_cause_names[c]);
        totals[c] += by_cause[c];
        any = TRUE;
      }
  if (!any)
    gw_out_count (out, code, sex, band, 0, "other");
}

/* The regions' and England's deaths by cause, sums of their districts'. */
static void
gw_national_write_cause_totals (GwOut               *out,
                                const GwCauseTotals *totals)
{
  for (guint r = 0; r <= GW_N_REGIONS; r++)
    for (guint s = 0; s < GW_N_SEXES; s++)
      for (guint b = 0; b < GW_N_BANDS; b++)
        for (guint c = 0; c < GW_N_CAUSES; c++)
          {
            guint64 n = 0;

            /* r == GW_N_REGIONS: England */
            for (guint q = 0; q < GW_N_REGIONS; q++)
              if (q == r || r == GW_N_REGIONS)
                n += totals[q][s][b][c];
            gw_out_count (out, r < GW_N_REGIONS ? gw_regions[r].code : "E92000001", s, b, (guint) n,
                          gw_cause_names[c]);
          }
}

static gboolean
gw_generate_national (const char  *path,
                      guint        n_areas,
                      guint        n_months,
                      gboolean     with_population,
                      gboolean     with_causes,
                      GError     **error)
{
  GwRng cause_rng;
  g_autofree GwCauseTotals *cause_totals = g_new (GwCauseTotals, GW_N_REGIONS);
  GwRng rng;
  GwOut out;
  guint first_year = 2008 - (n_months + 11) / 12;
  g_autofree double *pop = g_new (double, (gsize) n_areas * GW_N_SEXES * GW_N_BANDS);
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  double season_sum = 0.0;
  guint last_index = first_year * 12 + n_months - 1;

  for (guint m = 0; m < 12; m++)
    season_sum += gw_season[m];
  gw_rng_init (&rng, GW_SEED, 10);
  gw_rng_init (&cause_rng, GW_SEED, 22);
  if (!gw_out_open (&out, path, error))
    return FALSE;

  id = g_strdup_printf ("national-deaths-%u-01-%u-%02u", first_year, last_index / 12,
                        last_index % 12 + 1);
  if (with_population)
    title = g_strdup_printf ("Deaths registered by district, %u months from January %u,"
                             " with mid-year populations and live births",
                             n_months, first_year);
  else
    title = g_strdup_printf ("Deaths registered by district, %u months from January %u",
                             n_months, first_year);
  gw_out_begin_export (&out, id, "2008-01-15T08:30:00Z", "Office for National Statistics", title);

  gw_out_printf (&out, "  <areas>\n"
                       "    <group id=\"spearhead\" name=\"Spearhead Group\"/>\n");
  gw_out_england_and_regions (&out);
  for (guint i = 0; i < n_areas; i++)
    {
      double size = 60000.0 + 250000.0 * gw_rng_uniform (&rng);

      gw_out_printf (&out, "    <area code=\"E07%06u\" name=\"Synthetic district %03u\""
                           " type=\"la\" parent=\"%s\"%s/>\n",
                     i + 1, i + 1, gw_regions[i % GW_N_REGIONS].code,
                     i % 3 == 0 ? " groups=\"spearhead\"" : "");
      for (guint s = 0; s < GW_N_SEXES; s++)
        for (guint b = 0; b < GW_N_BANDS; b++)
          pop[(i * GW_N_SEXES + s) * GW_N_BANDS + b] =
            size * gw_age_pct[b] / 100.0 * (s == 0 ? gw_male_share[b] : 1.0 - gw_male_share[b]);
    }
  gw_out_printf (&out, "  </areas>\n");

  for (guint t = 0; t < n_months; t++)
    {
      guint index = first_year * 12 + t;
      guint month = index % 12;
      guint64 totals[GW_N_REGIONS][GW_N_SEXES][GW_N_BANDS];

      memset (totals, 0, sizeof totals);
      memset (cause_totals, 0, sizeof (GwCauseTotals) * GW_N_REGIONS);

      gw_out_printf (&out, "  <deaths period=\"%u-%02u\" basis=\"registration\">\n",
                     index / 12, month + 1);
      for (guint i = 0; i < n_areas; i++)
        {
          g_autofree char *code = g_strdup_printf ("E07%06u", i + 1);

          for (guint s = 0; s < GW_N_SEXES; s++)
            for (guint b = 0; b < GW_N_BANDS; b++)
              {
                /* Infant deaths per population at age 0 about 5 per 1,000;
                 * the older bands at a level near England's in 2000. */
                double rate = b == 0 ? 0.005 : 0.9 * gw_base_rate[s][b] / 1e5;
                double mean = pop[(i * GW_N_SEXES + s) * GW_N_BANDS + b] * rate
                              * gw_season[month] / season_sum;
                guint n = gw_rng_poisson (&rng, mean);

                if (with_causes)
                  gw_national_write_causes (&out, &cause_rng, code, s, b, n,
                                            cause_totals[i % GW_N_REGIONS][s][b]);
                else
                  gw_out_count (&out, code, s, b, n, NULL);
                totals[i % GW_N_REGIONS][s][b] += n;
              }
        }
      if (with_population && with_causes)
        gw_national_write_cause_totals (&out, cause_totals);
      else if (with_population)
        gw_national_write_totals (&out, (const guint64 (*)[GW_N_SEXES][GW_N_BANDS]) totals);
      gw_out_printf (&out, "  </deaths>\n");
    }
  if (with_population)
    gw_national_write_population (&out, pop, n_areas, first_year, last_index / 12);
  gw_out_end_export (&out);
  g_printerr ("%s: %" G_GUINT64_FORMAT " records\n", path, out.records);
  return gw_out_close (&out, error);
}

/* ------------------------------------------------------------------------ */
/* The LSOA-scale export (issue 20): England, its regions, n_lsoas / 100.75
 * districts (326 at England's 32,844 LSOAs) and their LSOAs (type lsoa, with
 * a parent district and an IMD decile), then for each year the mid-year
 * population and the registered deaths of every LSOA by sex and age band,
 * followed by England's totals so that England is a comparator with counts.
 * Every LSOA is in the group "lsoas", for a target over every LSOA.
 *
 * Deprivation: each district has a level, each LSOA a score around it; the
 * deciles are local (1 = most deprived), the LSOAs of each district ranked
 * by score into ten groups, as the within-district SII of life expectancy
 * uses them, so that every district has every decile.  Death rates are the
 * national schedule times a hazard ratio falling from 1.35 in decile 1 to
 * 0.72 in decile 10 (about 8 years of life expectancy between them), times
 * a district's level, and falling by 1.5% a year.  An LSOA has 1,000 to 2,600 people (England's
 * 2011 LSOAs: about 1,700 on average). */

#define GW_LSOA_LAST_YEAR 2019

/* Most deprived (highest score) first. */
static int
gw_lsoa_compare_score (gconstpointer a,
                       gconstpointer b,
                       gpointer      data)
{
  const double *score = data;
  double sa = score[*(const guint *) a], sb = score[*(const guint *) b];

  return sa > sb ? -1 : sa < sb ? 1 : (int) *(const guint *) a - (int) *(const guint *) b;
}

static void
gw_lsoa_write_counts (GwOut        *out,
                      const char   *kind,
                      guint         year,
                      const char   *basis,
                      const guint  *counts,
                      guint         n_lsoas)
{
  guint64 england[GW_N_SEXES][GW_N_BANDS];

  memset (england, 0, sizeof england);
  gw_out_printf (out, "  <%s period=\"%u\" basis=\"%s\">\n", kind, year, basis);
  for (guint i = 0; i < n_lsoas; i++)
    {
      char code[16];

      g_snprintf (code, sizeof code, "E01%06u", i + 1);
      for (guint s = 0; s < GW_N_SEXES; s++)
        for (guint b = 0; b < GW_N_BANDS; b++)
          {
            guint n = counts[((gsize) i * GW_N_SEXES + s) * GW_N_BANDS + b];

            gw_out_count (out, code, s, b, n, NULL);
            england[s][b] += n;
          }
    }
  for (guint s = 0; s < GW_N_SEXES; s++)
    for (guint b = 0; b < GW_N_BANDS; b++)
      gw_out_count (out, "E92000001", s, b, (guint) england[s][b], NULL);
  gw_out_printf (out, "  </%s>\n", kind);
}

static gboolean
gw_generate_lsoa (const char  *path,
                  guint        n_lsoas,
                  guint        n_years,
                  GError     **error)
{
  GwRng rng;
  GwOut out;
  guint n_las = MAX (1, (guint) lround (n_lsoas / 100.75));
  guint first_year = GW_LSOA_LAST_YEAR + 1 - n_years;
  g_autofree double *la_level = g_new (double, n_las);
  g_autofree double *score = g_new (double, n_lsoas);
  g_autofree guint *order = g_new (guint, n_lsoas);
  g_autofree guint *decile = g_new (guint, n_lsoas);
  g_autofree double *people = g_new (double, n_lsoas);
  g_autofree guint *counts = g_new (guint, (gsize) n_lsoas * GW_N_SEXES * GW_N_BANDS);
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  guint64 deaths = 0;

  gw_rng_init (&rng, GW_SEED, 20);
  for (guint a = 0; a < n_las; a++)
    la_level[a] = gw_rng_normal (&rng, 0.0, 1.0);
  for (guint i = 0; i < n_lsoas; i++)
    {
      score[i] = 0.8 * la_level[(guint64) i * n_las / n_lsoas] + gw_rng_normal (&rng, 0.0, 0.6);
      people[i] = 1000.0 + 1600.0 * gw_rng_uniform (&rng);
      order[i] = i;
    }
  /* The LSOAs of a district are consecutive: rank each district's apart. */
  for (guint first = 0, a = 0; a < n_las; a++)
    {
      guint end = first;

      while (end < n_lsoas && (guint64) end * n_las / n_lsoas == a)
        end++;
      g_qsort_with_data (order + first, (gint) (end - first), sizeof (guint),
                         gw_lsoa_compare_score, score);
      for (guint r = first; r < end; r++)
        decile[order[r]] = 1 + (guint) (((guint64) 10 * (r - first)) / (end - first));
      first = end;
    }

  if (!gw_out_open (&out, path, error))
    return FALSE;
  id = g_strdup_printf ("lsoa-%u-%u-%u", n_lsoas, first_year, GW_LSOA_LAST_YEAR);
  title = g_strdup_printf ("Deaths and mid-year populations of %u LSOAs, %u-%u",
                           n_lsoas, first_year, GW_LSOA_LAST_YEAR);
  gw_out_begin_export (&out, id, "2020-06-30T09:30:00Z", "Office for National Statistics", title);
  gw_out_printf (&out, "  <areas>\n"
                       "    <group id=\"lsoas\" name=\"Every LSOA\"/>\n");
  gw_out_england_and_regions (&out);
  for (guint a = 0; a < n_las; a++)
    gw_out_printf (&out, "    <area code=\"E07%06u\" name=\"Synthetic district %03u\""
                         " type=\"la\" parent=\"%s\"/>\n",
                   a + 1, a + 1, gw_regions[a % GW_N_REGIONS].code);
  for (guint i = 0; i < n_lsoas; i++)
    gw_out_printf (&out, "    <area code=\"E01%06u\" name=\"Synthetic LSOA %u\" type=\"lsoa\""
                         " parent=\"E07%06u\" imd-decile=\"%u\" groups=\"lsoas\"/>\n",
                   i + 1, i + 1, (guint) ((guint64) i * n_las / n_lsoas) + 1, decile[i]);
  gw_out_printf (&out, "  </areas>\n");

  for (guint y = first_year; y <= GW_LSOA_LAST_YEAR; y++)
    {
      double trend = pow (0.985, (double) y - 2010.0);

      for (guint i = 0; i < n_lsoas; i++)
        for (guint s = 0; s < GW_N_SEXES; s++)
          for (guint b = 0; b < GW_N_BANDS; b++)
            counts[((gsize) i * GW_N_SEXES + s) * GW_N_BANDS + b] =
              (guint) lround (people[i] * gw_age_pct[b] / 100.0
                              * (s == 0 ? gw_male_share[b] : 1.0 - gw_male_share[b]));
      gw_lsoa_write_counts (&out, "population", y, "mid-year-estimate", counts, n_lsoas);

      for (guint i = 0; i < n_lsoas; i++)
        {
          double hr = (1.35 - 0.07 * (decile[i] - 1)) * trend
                      * exp (0.05 * la_level[(guint64) i * n_las / n_lsoas]);

          for (guint s = 0; s < GW_N_SEXES; s++)
            for (guint b = 0; b < GW_N_BANDS; b++)
              {
                gsize k = ((gsize) i * GW_N_SEXES + s) * GW_N_BANDS + b;
                double rate = b == 0 ? 0.004 : 0.9 * gw_base_rate[s][b] / 1e5;
                /* a draw above the few people of an old band is capped:
                 * the reader would warn about it */
                guint n = gw_rng_poisson (&rng, counts[k] * rate * hr);

                counts[k] = MIN (n, counts[k]);
                deaths += counts[k];
              }
        }
      gw_lsoa_write_counts (&out, "deaths", y, "registration", counts, n_lsoas);
    }
  gw_out_end_export (&out);
  g_printerr ("%s: %u districts, %u LSOAs, %u years, %" G_GUINT64_FORMAT " deaths: %"
              G_GUINT64_FORMAT " records\n",
              path, n_las, n_lsoas, n_years, deaths, out.records);
  return gw_out_close (&out, error);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *samples_dir = NULL;
  g_autofree char *national = NULL;
  g_autofree char *lsoa = NULL;
  gboolean self_test = FALSE;
  gboolean with_population = FALSE;
  gboolean with_causes = FALSE;
  int n_areas = 300;
  int n_months = 120;
  int n_lsoas = 32844;
  int n_years = 1;
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) context = NULL;
  const GOptionEntry entries[] = {
    { "samples", 0, 0, G_OPTION_ARG_FILENAME, &samples_dir,
      "Write the sample exports into DIR", "DIR" },
    { "national", 0, 0, G_OPTION_ARG_FILENAME, &national,
      "Write one national-scale deaths export (gzip if the name ends in .gz)", "FILE" },
    { "areas", 0, 0, G_OPTION_ARG_INT, &n_areas, "Areas of the national export (300)", "N" },
    { "months", 0, 0, G_OPTION_ARG_INT, &n_months, "Months of the national export (120)", "M" },
    { "lsoa", 0, 0, G_OPTION_ARG_FILENAME, &lsoa,
      "Write one LSOA-scale export of deaths and populations (gzip if the name ends in .gz)",
      "FILE" },
    { "lsoas", 0, 0, G_OPTION_ARG_INT, &n_lsoas, "LSOAs of the LSOA-scale export (32844)", "N" },
    { "years", 0, 0, G_OPTION_ARG_INT, &n_years,
      "Years of the LSOA-scale export, ending in 2019 (1)", "Y" },
    { "with-population", 0, 0, G_OPTION_ARG_NONE, &with_population,
      "Add region and England totals, mid-year populations and births to the national export",
      NULL },
    { "with-causes", 0, 0, G_OPTION_ARG_NONE, &with_causes,
      "Deaths of the national export by cause (the six built-in causes) instead of all causes",
      NULL },
    { "self-test", 0, 0, G_OPTION_ARG_NONE, &self_test,
      "Check the simulated sample world against its targets", NULL },
    { NULL }
  };

  context = g_option_context_new ("- write synthetic Gapwatch exports");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if ((samples_dir != NULL) + (national != NULL) + (lsoa != NULL) + (self_test != FALSE) != 1)
    {
      g_printerr ("Give exactly one of --samples DIR, --national FILE, --lsoa FILE or --self-test\n");
      return 2;
    }
  if ((with_population || with_causes) && national == NULL)
    {
      g_printerr ("--with-population and --with-causes go with --national FILE\n");
      return 2;
    }
  if (n_areas < 1 || n_areas > 999999 || n_months < 1 || n_months > 12 * 100)
    {
      g_printerr ("--areas must be 1 to 999999 and --months 1 to 1200\n");
      return 2;
    }

  if (n_lsoas < 10 || n_lsoas > 999999 || n_years < 1 || n_years > 100)
    {
      g_printerr ("--lsoas must be 10 to 999999 and --years 1 to 100\n");
      return 2;
    }

  if (self_test)
    return gw_self_test ();
  if (lsoa != NULL && !gw_generate_lsoa (lsoa, (guint) n_lsoas, (guint) n_years, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (samples_dir != NULL && !gw_generate_samples (samples_dir, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (national != NULL && !gw_generate_national (national, (guint) n_areas, (guint) n_months,
                                                 with_population, with_causes, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}
