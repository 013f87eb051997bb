/* gw-tracker.h: gaps, trajectories, projections and status of a target
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * methods.md section 7.  For the subject group and each member area, and each
 * sex of the target: the gap to the comparator at every period of the
 * baseline's kind, the baseline and target gaps, the straight trajectory
 * between them, the projected gap at the target period, and the status.
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
  double          change_since_baseline;   /* percent: 100 (GL / G0 - 1) */
  double          target_gap;              /* (1 - reduction) G0 */
  double          trajectory_gap;          /* the trajectory at the latest period */
  double          projected_gap;           /* at the target period */
  double          required_narrowing;      /* percent: 100 (GL - GT) / GL, or 0 */
  GwTargetStatus  status;
  GArray         *points;           /* GwGapPoint: every period of the baseline's kind with both values */
  guint           n_window_points;  /* of which between baseline and target period */
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
 * neither / insufficient data.  A persons-only target counts an on-track area
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
/* The trajectory's gap at time t (decimal years). */
double        gw_tracker_trajectory_at  (const GwTrackerRow *row,
                                         const GwTarget     *target,
                                         double              t);

G_END_DECLS
