/* gw-tracker.h: gaps, trajectories, projections and status of a target
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * help/C/method-target.page.  For the subject group and each member area, and each
 * sex of the target: the gap to the comparator at every period of the
 * baseline's kind, the baseline and target gaps, the straight trajectory
 * between them, the projected gap at the target period, and the status;
 * with issue 13 also each gap's standard error and 95% limits, the
 * projection's 95% interval, the certainty beside the status, the change in
 * percentage points and the reason in words (GwTrackerRow).
 */
#pragma once

#include "model/gw-dataset.h"
#include "methods/gw-indicators.h"
#include "gw-target.h"

G_BEGIN_DECLS

#define GW_TRACKER_ERROR (gw_tracker_error_quark ())

typedef enum
{
  GW_TRACKER_ERROR_NO_GROUP,
  GW_TRACKER_ERROR_NO_COMPARATOR,
  GW_TRACKER_ERROR_NO_INDICATOR,
  GW_TRACKER_ERROR_INVALID,
} GwTrackerError;

typedef enum
{
  GW_STATUS_ON_TRACK = 0,
  GW_STATUS_OFF_TRACK,
  GW_STATUS_NO_GAP,
  GW_STATUS_INSUFFICIENT_DATA,
} GwTargetStatus;

/* How far to trust the status (help/C/method-target.page): the status keeps DH's
 * rule on the point projection, so counts stay comparable with DH's; the
 * certainty says whether the threshold the status compared with (the target
 * gap; for the `latest` method the trajectory at the latest period) lies
 * outside the 95% interval of the projection (clear), inside it
 * (uncertain: too close to call), or there is no interval (unknown). */
typedef enum
{
  GW_CERTAINTY_UNKNOWN = 0,
  GW_CERTAINTY_CLEAR,
  GW_CERTAINTY_UNCERTAIN,
} GwCertainty;

/* Why a row has its status: a stable code for scripts and tests, beside the
 * translated sentence (GwTrackerRow.reason_text). */
typedef enum
{
  GW_REASON_NO_BASELINE = 0,     /* "no-baseline": no gap at the baseline period */
  GW_REASON_TOO_FEW_POINTS,      /* "too-few-points": fewer than 3 periods to project from */
  GW_REASON_NO_GAP,              /* "no-gap": no worse than the comparator at baseline, projected to stay so */
  GW_REASON_GAP_OPENED,          /* "gap-opened": no worse at baseline, worse at the latest period */
  GW_REASON_GAP_PROJECTED,       /* "gap-projected": still no worse, but the trend projects a gap */
  GW_REASON_ON_TRACK,            /* "on-track": the projection meets the target */
  GW_REASON_MEETS_BUT_TREND,     /* "meets-target-but-trend": the latest gap meets the target, the projection does not */
  GW_REASON_OFF_TRACK,           /* "off-track": the projection misses the target */
} GwTrackerReason;

typedef struct
{
  GwPeriod      period;
  double        value;       /* NAN when suppressed */
  double        lower;       /* 95% limits, NAN when not known */
  double        upper;
  GwValueSource source;
} GwSeriesPoint;

/* Gives the values of an indicator for one subject and sex, sorted by period
 * (GwSeriesPoint), or NULL when there are none. */
typedef GArray *(*GwSeriesFunc) (GwDataset  *dataset,
                                 const char *indicator,
                                 gboolean    is_group,
                                 guint       subject,
                                 GwSex       sex,
                                 gpointer    user_data);

typedef struct
{
  GwPeriod period;
  double   t;                /* midpoint, decimal years */
  double   gap;              /* percent or the indicator's unit */
  double   value;            /* the subject's value */
  double   comparator;       /* the comparator's value */
  /* The gap's standard error and 95% limits (gap -/+ 1.959964 se), from the
   * standard errors of value and comparator taken as independent; each
   * standard error is (upper95 - lower95) / (2 x 1.959964) of the value's
   * limits (published, or from the life table or Byar/exact limits when
   * computed).  NAN when either value has no limits (help/C/method-target.page). */
  double   gap_se;
  double   gap_lower95;
  double   gap_upper95;
  double   value_lower95;    /* the subject's value's 95% limits, NAN when not known */
  double   value_upper95;
  double   comparator_lower95;  /* the comparator's value's 95% limits, NAN when not known */
  double   comparator_upper95;
} GwGapPoint;

typedef struct
{
  gboolean        is_group;
  guint           subject;          /* area or group number */
  char           *code;             /* area code, or the group id */
  char           *name;
  GwSex           sex;
  GwPeriod        baseline_period;  /* 0 when the baseline has no gap */
  double          baseline_gap;     /* NAN when missing, as every number below */
  GwPeriod        latest_period;
  double          latest_gap;
  /* percent: 100 (GL / G0 - 1), only when G0 > 0 (NAN otherwise: a change
   * relative to no gap means nothing) */
  double          change_since_baseline;
  double          target_gap;              /* (1 - reduction) G0 when G0 > 0, else 0: stay no worse than the comparator */
  double          trajectory_gap;          /* the trajectory at the latest period */
  double          projected_gap;           /* at the target period (GL for the `latest` method) */
  /* percent: 100 (GL - GT) / GL when GL > GT and GL > 0, else 0 (100 when a
   * gap opened from none); NAN without a baseline */
  double          required_narrowing;
  GwTargetStatus  status;

  /* --- the verdict's uncertainty and reason (help/C/method-target.page) --- */
  /* The latest gap's 95% limits and standard error (see GwGapPoint), in the
   * gap's unit; NAN when a value has no limits. */
  double          latest_gap_se;
  double          latest_gap_lower95;
  double          latest_gap_upper95;
  double          baseline_gap_lower95;    /* the baseline gap's 95% limits, NAN when unknown */
  double          baseline_gap_upper95;
  /* The subject's and the comparator's values at the latest period, with
   * their 95% limits (the indicator's unit; NAN when not known), for the
   * table's "value (interval)" columns. */
  double          latest_value;
  double          latest_value_lower95;
  double          latest_value_upper95;
  double          latest_comparator;
  double          latest_comparator_lower95;
  double          latest_comparator_upper95;
  /* Change since baseline in percentage points (the gap's unit): GL - G0,
   * whatever the sign of G0.  NAN without a baseline or latest gap. */
  double          change_pp;
  /* The projection's 95% interval at the target period: for `linear` the
   * OLS prediction interval GP -/+ t(n-2, 0.975) s sqrt (1 + 1/n + (tT -
   * mean t)^2 / Sxx); for `holt` the ETS(A,A,N) interval; for `latest` the
   * latest gap's 95% limits.  NAN when there is none (fewer than 3 points,
   * every point on the line, or no standard errors for `latest`). */
  double          projected_lower95;
  double          projected_upper95;
  GwCertainty     certainty;               /* beside the status; UNKNOWN without an interval */
  GwTrackerReason reason;                  /* the stable code of reason_text */
  /* The reason in words, translated when the row was computed, numbers in
   * the C locale: e.g. "the gap has opened: …", "off track: the latest gap
   * (-0.8% in 2004-2006) already meets the target, but the trend …", with
   * "too close to call: …" added when the certainty is uncertain. */
  char           *reason_text;
  GArray         *points;           /* GwGapPoint: every period of the baseline's kind with both values */
  guint           n_window_points;  /* of which between baseline and target period */
  gboolean        target_observed;  /* the target period has a value: the status is judged
                                     * on that observed gap (projected_gap is it), not on a
                                     * projection */
  double          fit_intercept;    /* the projection's line gap = a + b t (linear, holt) */
  double          fit_slope;
} GwTrackerRow;

typedef struct
{
  guint both;
  guint men_only;
  guint women_only;
  guint neither;
  guint insufficient_data;
  /* Of the areas counted above (insufficient data aside), how many have a
   * sex whose certainty is uncertain, in all and by count. */
  guint uncertain;
  guint both_uncertain;
  guint men_only_uncertain;
  guint women_only_uncertain;
  guint neither_uncertain;
} GwTrackerSummary;

GQuark        gw_tracker_error_quark    (void);

/* Runs the target; returns GwTrackerRow*, the group's rows first (one per
 * sex), then each member area's in area order.  series NULL: published
 * values only (gw_tracker_published_series). */
GPtrArray    *gw_tracker_run            (GwDataset       *dataset,
                                         const GwTarget  *target,
                                         GwSeriesFunc     series,
                                         gpointer         series_data,
                                         GError         **error);
/* The member areas by sexes: both on track (or no gap) / men only / women only /
 * neither / insufficient data, and of each how many have a sex whose
 * certainty is uncertain.  A persons-only target counts an on-track area
 * under both. */
void          gw_tracker_summarise      (GPtrArray       *rows,
                                         GwTrackerSummary *out);
GArray       *gw_tracker_published_series (GwDataset  *dataset,
                                           const char *indicator,
                                           gboolean    is_group,
                                           guint       subject,
                                           GwSex       sex,
                                           gpointer    user_data);
/* The values of the indicator engine (published where published, computed
 * elsewhere); user_data is a GwIndicators of the same dataset. */
GArray       *gw_tracker_indicators_series (GwDataset  *dataset,
                                            const char *indicator,
                                            gboolean    is_group,
                                            guint       subject,
                                            GwSex       sex,
                                            gpointer    user_data);
const char   *gw_target_status_to_string (GwTargetStatus status);
/* "clear", "uncertain", "unknown" */
const char   *gw_certainty_to_string    (GwCertainty     certainty);
/* The stable code of a reason, e.g. "gap-opened" (see GwTrackerReason). */
const char   *gw_tracker_reason_to_string (GwTrackerReason reason);
/* Half the width of the 95% prediction interval of the least-squares line
 * through points (gap on t) at time t: t(n-2, 0.975) s sqrt (1 + 1/n +
 * (t - mean t)^2 / Sxx), s the residual standard error on n - 2 degrees of
 * freedom (help/C/method-target.page).  NAN when n < 3 or every point lies on the
 * line. */
double        gw_tracker_linear_interval_halfwidth (const GwGapPoint *points,
                                                    guint             n,
                                                    double            t);
/* Half the width of the 95% interval of Holt's forecast h steps ahead, by
 * the ETS(A,A,N) formula (Hyndman & Athanasopoulos, FPP, table 8.8):
 * 1.959964 sigma sqrt (1 + (h - 1) (alpha^2 + alpha b h + b^2 h (2h - 1) / 6))
 * with b = alpha x beta, beta Holt's trend constant; sigma the root mean
 * squared one-step error (the n - 2 forecasts after the initial trend).
 * NAN when sigma is 0 or unknown, or h < 1. */
double        gw_tracker_holt_interval_halfwidth   (double            sigma,
                                                    double            alpha,
                                                    double            beta,
                                                    double            h);
/* The trajectory's gap at time t (decimal years). */
double        gw_tracker_trajectory_at  (const GwTrackerRow *row,
                                         const GwTarget     *target,
                                         double              t);

G_END_DECLS
