/* gw-gap-decomp.h: why an area's gap is there, and what it would take, from a dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * help/C/method-decomposition.page (methods.md section 5).  The glue between
 * a GwDataset and the pure methods of gw-decomp.h: for an area or a group
 * (its members' counts pooled) and a sex, over a calendar year or pooled
 * years, against a comparator area (England by default):
 *
 *   - the Arriaga decomposition of the gap in life expectancy at birth by
 *     age band, by cause and by band and cause (gw_gap_decomp_new());
 *   - deaths to prevent a year so that the gap comes down to a needed gap
 *     (gw_gap_decomp_reckon());
 *   - what if so many fewer deaths a year from a cause at some ages: the new
 *     life expectancy and gap (gw_gap_decomp_what_if()).
 *
 * Counts are read as the indicator engine reads them (gw-indicators.c): the
 * counted deaths basis (gw_dataset_counted_basis()), a year's deaths from its
 * yearly records or else from all twelve monthly ones, mid-year populations
 * summed over the period's years.  A period's all-cause records give the
 * total of a band when there are any, else the sum of its cause records;
 * deaths not covered by cause records are "other (not specified)".
 *
 * Causes: the decomposition is computed on the most specific causes the
 * records name and then added up to the causes reported (the sum of a
 * cause's own deaths and its descendants', as the export format says):
 * the top-level causes (GW_GAP_CAUSES_TOP), or every cause with deaths
 * (GW_GAP_CAUSES_ALL: a parent then includes its children, so the causes'
 * rows add up to more than the total).  Either way the list ends with
 * "other (not specified)" (id GW_GAP_CAUSE_NOT_SPECIFIED) when some deaths
 * have no cause, and only causes with deaths in the area or the comparator
 * are listed.
 *
 * Usage:
 *
 *   GwGapDecompRequest req;
 *   gw_gap_decomp_request_init (&req, FALSE, area, GW_SEX_MALE);
 *   g_autoptr(GwGapDecomp) d = gw_gap_decomp_new (dataset, &req, &error);
 *   gw_gap_decomp_get (d, GW_DECOMP_ALL, GW_DECOMP_ALL);   // e0 area - e0 comparator
 *   for (guint c = 0; c < d->n_causes; c++)
 *     print (d->causes[c].id, gw_gap_decomp_get (d, GW_DECOMP_ALL, c));
 *   g_autoptr(GwGapReckoning) r = gw_gap_decomp_reckon (d, 1.0, TRUE, &error);
 *   r->k; gw_gap_reckoning_get (r, GW_DECOMP_ALL, GW_DECOMP_ALL);  // deaths a year
 *
 * Everything is computed when asked, nothing is kept from one call to the
 * next: a GwGapDecomp is plain data, read from any thread.
 */
#pragma once

#include "model/gw-dataset.h"
#include "methods/gw-decomp.h"
#include "methods/gw-life-table.h"

G_BEGIN_DECLS

#define GW_GAP_DECOMP_ERROR (gw_gap_decomp_error_quark ())

typedef enum
{
  GW_GAP_DECOMP_ERROR_PERIOD = 1,     /* not a calendar year or pooled years */
  GW_GAP_DECOMP_ERROR_NO_COMPARATOR,  /* no comparator given and no country */
  GW_GAP_DECOMP_ERROR_NO_DATA,        /* the subject or the comparator lacks
                                       * deaths or populations in the period */
} GwGapDecompError;

/* Which causes are reported. */
typedef enum
{
  GW_GAP_CAUSES_TOP = 0,   /* the top-level causes (each with its descendants) */
  GW_GAP_CAUSES_ALL,       /* every cause of the tree with deaths */
} GwGapCauseLevel;

/* The id of the cause of the deaths no cause record covers. */
#define GW_GAP_CAUSE_NOT_SPECIFIED "not-specified"

/* What to decompose.  Initialise with gw_gap_decomp_request_init(). */
typedef struct
{
  gboolean        is_group;
  guint           subject;      /* area or group number */
  GwSex           sex;          /* GW_SEX_MALE or GW_SEX_FEMALE */
  GwPeriod        period;       /* a year or pooled years; 0: the latest three
                                 * years with counts of subject and comparator */
  gint            comparator;   /* area number; -1: the country
                                 * (gw_dataset_get_country()) */
  GwGapCauseLevel causes;
} GwGapDecompRequest;

/* A cause reported. */
typedef struct
{
  char  *id;          /* "circulatory", "chd", GW_GAP_CAUSE_NOT_SPECIFIED */
  char  *name;        /* as the export declares it; "Other (not specified)" translated */
  gint   parent;      /* index of the parent among the causes reported, or -1 */
  guint  depth;       /* 0 for a top-level cause (and "not specified") */
} GwGapCause;

/* The decomposition of one subject and sex against the comparator. */
typedef struct
{
  GwGapDecompRequest request;       /* as given, with period and comparator resolved */
  char              *subject_code;  /* area code or group id */
  char              *subject_name;
  char              *comparator_code;
  char              *comparator_name;
  GwLifeTableLayout  layout;        /* 85+ when either population lacks 85-89 or 90+ */
  guint              n_bands;       /* 19 or 20 */
  GwAgeBand          bands[GW_LIFE_TABLE_MAX_BANDS];
  guint              n_years;       /* years in the period: counts / n_years are a year's */
  double             e0_area;       /* years */
  double             e0_comparator; /* years */
  guint              n_causes;
  GwGapCause        *causes;        /* [n_causes] */
  /* private: the counts (most specific causes) and the contributions */
  gpointer           priv;
} GwGapDecomp;

/* Deaths to prevent a year. */
typedef struct
{
  double needed_gap;     /* percent (relative) or years (absolute) */
  gboolean relative;
  double needed_value;   /* A*, years */
  double current_value;  /* the subject's e0, years */
  double k;              /* share of the excess removed in every band, 0..1;
                          * 0 when the subject already meets the needed gap */
  /* private: deaths a year by band and cause reported */
  guint   n_bands;
  guint   n_causes;
  double *deaths;
} GwGapReckoning;

GQuark              gw_gap_decomp_error_quark   (void);

/* An area's (or group's) request: the latest period, the country, top-level
 * causes. */
void                gw_gap_decomp_request_init  (GwGapDecompRequest       *request,
                                                 gboolean                  is_group,
                                                 guint                     subject,
                                                 GwSex                     sex);

/* The latest pooled 3-year period (2016-2018) each of whose years has deaths
 * and populations of the subject (every member of a group) and of the
 * comparator (-1: the country), or 0.  Takes the dataset's read lock. */
GwPeriod            gw_gap_decomp_latest_period (GwDataset                *dataset,
                                                 gboolean                  is_group,
                                                 guint                     subject,
                                                 gint                      comparator);

/* Reads the counts and decomposes the gap e0(subject) - e0(comparator), in
 * years (negative when the subject lives shorter).  Takes the dataset's
 * read lock.  Errors: GW_GAP_DECOMP_ERROR, or GW_DECOMP_ERROR when a life
 * table cannot be computed (its reason in the message). */
GwGapDecomp        *gw_gap_decomp_new           (GwDataset                *dataset,
                                                 const GwGapDecompRequest *request,
                                                 GError                  **error);
void                gw_gap_decomp_free          (GwGapDecomp              *decomp);

/* Contribution in years of band (index into decomp->bands, or
 * GW_DECOMP_ALL) and cause (index into decomp->causes, or GW_DECOMP_ALL);
 * (ALL, ALL) is e0_area - e0_comparator exactly. */
double              gw_gap_decomp_get           (const GwGapDecomp        *decomp,
                                                 guint                     band,
                                                 guint                     cause);
/* The same as a percentage of the difference (NAN when it is 0). */
double              gw_gap_decomp_get_share     (const GwGapDecomp        *decomp,
                                                 guint                     band,
                                                 guint                     cause);
/* The subject's gap to the comparator as the tracker measures it for a
 * higher-is-better indicator: relative, 100 (C - A) / C percent; absolute,
 * C - A years (positive when the subject lives shorter). */
double              gw_gap_decomp_gap           (const GwGapDecomp        *decomp,
                                                 double                    e0,
                                                 gboolean                  relative);
/* Deaths a year of the subject in band and cause (GW_DECOMP_ALL for all),
 * over the period. */
double              gw_gap_decomp_get_deaths    (const GwGapDecomp        *decomp,
                                                 guint                     band,
                                                 guint                     cause);

/* Deaths to prevent a year so that the subject's gap comes down to
 * needed_gap (percent of the comparator's e0 when relative, else years):
 * section 5's inverse ready reckoner.  GW_DECOMP_ERROR_UNREACHABLE when even
 * the comparator's rates in every band would not do. */
GwGapReckoning     *gw_gap_decomp_reckon        (const GwGapDecomp        *decomp,
                                                 double                    needed_gap,
                                                 gboolean                  relative,
                                                 GError                  **error);
/* Deaths to prevent a year in band and cause (indices as
 * gw_gap_decomp_get(), GW_DECOMP_ALL for all). */
double              gw_gap_reckoning_get        (const GwGapReckoning     *reckoning,
                                                 guint                     band,
                                                 guint                     cause);
void                gw_gap_reckoning_free       (GwGapReckoning           *reckoning);

/* What if: the subject's e0 (years) with preventions[i].deaths fewer deaths
 * a year from cause preventions[i].cause (an index into decomp->causes, or
 * GW_DECOMP_ALL) at bands first_band..last_band (indices into
 * decomp->bands).  A cause with children loses its deaths and theirs in
 * proportion.  GW_DECOMP_ERROR_TOO_MANY when more deaths are prevented than
 * there are. */
gboolean            gw_gap_decomp_what_if       (const GwGapDecomp        *decomp,
                                                 const GwDecompPrevention *preventions,
                                                 gsize                     n_preventions,
                                                 double                   *e0,
                                                 GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwGapDecomp, gw_gap_decomp_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwGapReckoning, gw_gap_reckoning_free)

G_END_DECLS
