/* gw-decomp.h: the life-expectancy gap by age and cause, and deaths to prevent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * help/C/method-decomposition.page.  Two populations with the same life
 * table layout and bands (section 1): the comparator (population 1, e.g.
 * England) and the area (population 2).  Counts are plain arrays in layout
 * order (0, 1-4, 5-9, ..., final band), summed over the period's years;
 * populations are person-years (the sum of the mid-year populations).
 *
 * Arriaga's decomposition of the gap e2_0 - e1_0 (area minus comparator, so
 * negative when the area lives shorter), by band and by band and cause:
 *
 *   GwDecompPopulation england = { deaths, population, by_cause };
 *   GwDecompPopulation area = { ... };
 *   g_autoptr(GwDecomp) d = gw_decomp_arriaga (GW_LIFE_TABLE_LAYOUT_90_PLUS,
 *                                              &england, &area, 20, 6, &error);
 *   gw_decomp_table_get (&d->years, GW_DECOMP_ALL, GW_DECOMP_ALL); // the gap
 *   gw_decomp_table_get (&d->years, 14, 0);     // ages 65-69, cause 0, years
 *
 * Deaths to prevent (the inverse ready reckoner): how many fewer deaths a
 * year, by band and cause, bring the area's e0 up to a needed value:
 *
 *   g_autoptr(GwDecompReckoning) r =
 *     gw_decomp_reckon (layout, &england, &area, 20, 6,
 *                       gw_decomp_needed_value (e0_england, 1.0, TRUE),
 *                       3.0, &error);
 *   r->k; gw_decomp_table_get (&r->deaths, GW_DECOMP_ALL, GW_DECOMP_ALL);
 *
 * And the forward question, what if: the area's e0 with so many fewer deaths
 * a year from a cause at some ages (gw_decomp_what_if()).
 *
 * Causes: index 0 .. n_causes - 1 are the causes given; index n_causes
 * is "other (not specified)",
 * the deaths of a band not covered by the causes given.  Every function is
 * pure and thread-safe.
 */
#pragma once

#include <glib.h>

#include "methods/gw-life-table.h"

G_BEGIN_DECLS

/* A band or cause index meaning "all": the margins of the results. */
#define GW_DECOMP_ALL G_MAXUINT

/* Tolerance of the bisection on k, the share of the excess mortality removed
 * (help/C/method-decomposition.page: "to 1e-9"). */
#define GW_DECOMP_RECKON_TOLERANCE 1e-9

#define GW_DECOMP_ERROR (gw_decomp_error_quark ())

typedef enum
{
  GW_DECOMP_ERROR_INVALID,       /* negative or missing cause deaths, or causes
                                  * adding up to more than all causes */
  GW_DECOMP_ERROR_NO_LIFE_TABLE, /* a population has no life table (the
                                  * section 1 reason is in the message) */
  GW_DECOMP_ERROR_NO_SURVIVORS,  /* no one of the radix reaches a band */
  GW_DECOMP_ERROR_UNREACHABLE,   /* the needed e0 is above what the
                                  * comparator's rates would give */
  GW_DECOMP_ERROR_TOO_MANY,      /* what if: more deaths prevented than
                                  * there are */
} GwDecompError;

/* The counts of one population, arrays of n_bands in layout order. */
typedef struct
{
  const double        *deaths;          /* D_x, all causes; NULL: the sum of the causes */
  const double        *population;      /* P_x, person-years */
  const double *const *deaths_by_cause; /* [n_causes][n_bands] D_{x,c}; NULL when n_causes is 0 */
} GwDecompPopulation;

/* What if: this many fewer deaths a year from a cause at ages first_band
 * to last_band (indices in layout order, inclusive).  cause is an index,
 * n_causes for "not specified", or GW_DECOMP_ALL for every cause. */
typedef struct
{
  guint  cause;
  guint  first_band;
  guint  last_band;
  double deaths;     /* fewer deaths a year, >= 0 */
} GwDecompPrevention;

/* A value for every band and cause with the margins: all ages, all causes
 * and the total.  Read it with gw_decomp_table_get(). */
typedef struct
{
  guint   n_bands;
  guint   n_causes;   /* causes given; cause n_causes is "not specified" */
  double *cells;      /* private: (n_bands + 1) x (n_causes + 2) */
} GwDecompTable;

/* Arriaga's decomposition. */
typedef struct
{
  GwLifeTableLayout layout;
  double            e0_area;        /* e2_0, years */
  double            e0_comparator;  /* e1_0, years */
  GwLifeTable       area;           /* the two life tables of section 1 */
  GwLifeTable       comparator;
  GwDecompTable     years;          /* contributions in years, area minus comparator */
} GwDecomp;

/* Deaths to prevent a year so that the area's e0 reaches needed_value. */
typedef struct
{
  GwLifeTableLayout layout;
  double            needed_value;   /* A*, years */
  double            current_value;  /* the area's e0 now, years */
  double            reached_value;  /* the area's e0 with k of its excess removed */
  double            k;              /* share of the excess removed in every band, 0..1 */
  guint             n_iterations;   /* bisection steps taken */
  GwDecompTable     deaths;         /* deaths to prevent a year */
} GwDecompReckoning;

GQuark              gw_decomp_error_quark          (void);

double              gw_decomp_table_get            (const GwDecompTable      *table,
                                                    guint                     band,
                                                    guint                     cause);

GwDecomp           *gw_decomp_arriaga              (GwLifeTableLayout         layout,
                                                    const GwDecompPopulation *comparator,
                                                    const GwDecompPopulation *area,
                                                    guint                     n_bands,
                                                    guint                     n_causes,
                                                    GError                  **error);
double              gw_decomp_get_share            (const GwDecomp           *decomp,
                                                    guint                     band,
                                                    guint                     cause);
void                gw_decomp_free                 (GwDecomp                 *decomp);

double              gw_decomp_needed_value         (double                    comparator_e0,
                                                    double                    needed_gap,
                                                    gboolean                  relative);
GwDecompReckoning  *gw_decomp_reckon               (GwLifeTableLayout         layout,
                                                    const GwDecompPopulation *comparator,
                                                    const GwDecompPopulation *area,
                                                    guint                     n_bands,
                                                    guint                     n_causes,
                                                    double                    needed_value,
                                                    double                    years,
                                                    GError                  **error);
void                gw_decomp_reckoning_free       (GwDecompReckoning        *reckoning);

gboolean            gw_decomp_what_if              (GwLifeTableLayout         layout,
                                                    const GwDecompPopulation *area,
                                                    guint                     n_bands,
                                                    guint                     n_causes,
                                                    const GwDecompPrevention *preventions,
                                                    gsize                     n_preventions,
                                                    double                    years,
                                                    double                   *e0,
                                                    GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwDecomp, gw_decomp_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwDecompReckoning, gw_decomp_reckoning_free)

G_END_DECLS
