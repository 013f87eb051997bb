/* gw-test-result.h: charts and reports of a target, for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The painters and the report take a GwTrackerResult, as the window and the
 * CLI give them; the tests mostly have a dataset, its indicators and a
 * target.  These make the result and what is asked of it in one call.
 */
#pragma once

#include "render/gw-chart.h"
#include "render/gw-report.h"
#include "tracker/gw-tracker-result.h"

static inline GwChart *
gw_test_chart_gap (GwDataset       *dataset,
                   GwIndicators    *indicators,
                   const GwTarget  *target,
                   gboolean         is_group,
                   guint            subject,
                   GError         **error)
{
  g_autoptr(GwTrackerResult) result = gw_tracker_result_new (dataset, indicators, target, error);

  return result != NULL ? gw_chart_new_gap (result, is_group, subject, error) : NULL;
}

static inline GwChart *
gw_test_chart_compare (GwDataset       *dataset,
                       GwIndicators    *indicators,
                       const GwTarget  *target,
                       GwCompareOrder   order,
                       GError         **error)
{
  g_autoptr(GwTrackerResult) result = gw_tracker_result_new (dataset, indicators, target, error);

  return result != NULL ? gw_chart_new_compare (result, order, error) : NULL;
}

static inline GwReport *
gw_test_report (GwDataset       *dataset,
                GwIndicators    *indicators,
                const GwTarget  *target,
                GArray          *areas,
                GError         **error)
{
  g_autoptr(GwTrackerResult) result = gw_tracker_result_new (dataset, indicators, target, error);

  return result != NULL ? gw_report_new (result, indicators, areas, error) : NULL;
}
