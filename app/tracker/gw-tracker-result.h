/* gw-tracker-result.h: one target tracked over one dataset, computed once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GwTrackerResult is everything the window's table, the charts, the area
 * view, the board report and the CLI's writers show about a target: the
 * target, its resolved subject group, comparator, polarity and units, the
 * rows (group first, then each member's sexes side by side; each row with
 * its verdict: status, certainty, intervals and reason, see GwTrackerRow)
 * and the summary counts (with how many areas are uncertain).  It is computed once (gw_tracker_result_new) and then only read,
 * from any thread; every count shown anywhere comes from it.
 */
#pragma once

#include "methods/gw-indicator-info.h"
#include "gw-tracker.h"

G_BEGIN_DECLS

#define GW_TYPE_TRACKER_RESULT (gw_tracker_result_get_type ())
G_DECLARE_FINAL_TYPE (GwTrackerResult, gw_tracker_result, GW, TRACKER_RESULT, GObject)

/* Tracks target over dataset on indicators' values (published where an
 * export has them, computed from the counts otherwise; indicators may be
 * NULL for published values only).  The result keeps a reference to dataset;
 * indicators is only read here. */
GwTrackerResult        *gw_tracker_result_new            (GwDataset        *dataset,
                                                          GwIndicators     *indicators,
                                                          const GwTarget   *target,
                                                          GError          **error);

GwDataset              *gw_tracker_result_get_dataset    (GwTrackerResult  *self);
const GwTarget         *gw_tracker_result_get_target     (GwTrackerResult  *self);
/* The indicator, from the registry (name, unit, decimals). */
const GwIndicatorInfo  *gw_tracker_result_get_indicator  (GwTrackerResult  *self);
GwPolarity              gw_tracker_result_get_polarity   (GwTrackerResult  *self);
/* The subject group's number in the dataset (the area's for a target of one
 * area: see the target's subject). */
guint                   gw_tracker_result_get_group      (GwTrackerResult  *self);
/* The subject's name: the group's, or the area's. */
const char             *gw_tracker_result_get_subject_name (GwTrackerResult *self);
/* The member areas tracked, in area order (area numbers, guint). */
GArray                 *gw_tracker_result_get_members    (GwTrackerResult  *self);
/* The comparator's area number, code and name ("England").  An SII target
 * (GW_TARGET_MEASURE_SII) compares with nothing: the country's, when there
 * is one, else G_MAXUINT and "" (its "gap" is the SII itself, in years, and
 * its target's gap is absolute). */
guint                   gw_tracker_result_get_comparator (GwTrackerResult  *self);
const char             *gw_tracker_result_get_comparator_code (GwTrackerResult *self);
const char             *gw_tracker_result_get_comparator_name (GwTrackerResult *self);
/* The unit of every gap: "%" for a relative gap, else the indicator's unit. */
const char             *gw_tracker_result_get_gap_unit   (GwTrackerResult  *self);
/* (element-type GwTrackerRow) (transfer none) */
GPtrArray              *gw_tracker_result_get_rows       (GwTrackerResult  *self);
const GwTrackerSummary *gw_tracker_result_get_summary    (GwTrackerResult  *self);
/* The rows of one subject (area or group), in sex order; n_out rows. */
const GwTrackerRow    **gw_tracker_result_get_subject_rows (GwTrackerResult *self,
                                                            gboolean         is_group,
                                                            guint            subject,
                                                            guint           *n_out);
/* Whether area is a member of the subject group (has rows). */
gboolean                gw_tracker_result_has_member     (GwTrackerResult  *self,
                                                          guint             area);

G_END_DECLS
