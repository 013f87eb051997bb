/* gw-ui-text.h: numbers, dates and words as the window shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "model/gw-period.h"
#include "model/gw-types.h"
#include "tracker/gw-target.h"
#include "tracker/gw-tracker.h"

G_BEGIN_DECLS

/* A count with the locale's thousands separators: "12,345" in en_GB. */
char       *gw_ui_format_count       (guint          count);
/* The date of an export's `generated` time in local time, "12 July 2007". */
char       *gw_ui_format_generated   (GDateTime     *generated);
/* The file name of a path, for messages. */
char       *gw_ui_display_basename   (const char    *path);

/* A number with digits decimals in the locale's notation, or an en dash
 * when value is NAN. */
char       *gw_ui_format_number      (double         value,
                                      guint          digits);
/* A signed change, "+1.6" or "−14.2" (a real minus sign); en dash for NAN. */
char       *gw_ui_format_signed      (double         value,
                                      guint          digits);
/* "1995–1997" (an en dash between the years of a pooled period), "2007",
 * "2007-06"; "" for 0. */
char       *gw_ui_format_period      (GwPeriod       period);

/* "On track", "Off track", "No gap", "Insufficient data". */
const char *gw_ui_status_label       (GwTargetStatus status);
/* The same in a sentence: "on track". */
const char *gw_ui_status_phrase      (GwTargetStatus status);
/* A symbolic icon that goes with the word (never alone). */
const char *gw_ui_status_icon        (GwTargetStatus status);
/* The CSS class of a status: "gw-on-track", ... */
const char *gw_ui_status_css_class   (GwTargetStatus status);
/* Beside a status: "uncertain" (too close to call), "clear", or "" when
 * unknown (no interval: nothing is said). */
const char *gw_ui_certainty_label    (GwCertainty    certainty);
/* A symbolic icon for an uncertain status, NULL for the others. */
const char *gw_ui_certainty_icon     (GwCertainty    certainty);
/* "On track · uncertain", or the status's label alone when the certainty
 * is not uncertain. */
char       *gw_ui_format_verdict     (GwTargetStatus status,
                                      GwCertainty    certainty);
/* A 95% interval, "73.80–74.84" (an en dash; a real minus sign before a
 * negative limit: "−1.20 to 3.40"); NULL when a limit is NAN. */
char       *gw_ui_format_interval    (double         lower,
                                      double         upper,
                                      guint          digits);
/* "Men", "Women", "Persons". */
const char *gw_ui_sex_label          (GwSex          sex);
/* In a sentence: "men", "women", "persons". */
const char *gw_ui_sex_phrase         (GwSex          sex);
/* "Life expectancy at birth" for "le-birth"; NULL for an indicator the
 * application does not compute itself. */
const char *gw_ui_indicator_name     (const char    *id);
/* The unit of an indicator the application computes: "years", "per 1,000
 * live births"; NULL for others (their exports give it). */
const char *gw_ui_indicator_unit     (const char    *id);
/* The same, short, for column titles: "years", "per 1,000". */
const char *gw_ui_indicator_short_unit (const char  *id);
/* A value with its unit: "3.39%" for "%", else "2.01 years". */
char       *gw_ui_format_with_unit   (double         value,
                                      guint          digits,
                                      const char    *unit);
/* "Linear trend", "Latest gap", "Holt smoothing". */
const char *gw_ui_projection_label   (GwProjection   method);
/* The same inside a sentence: "linear trend", "Holt’s exponential smoothing". */
const char *gw_ui_projection_phrase  (GwProjection   method);
/* "Relative (% of England)", "Absolute". */
const char *gw_ui_gap_measure_label  (GwGapMeasure   gap);

/* "2010 life expectancy target - report.pdf": a save dialog's suggestion. */
char       *gw_ui_file_name          (const char    *title,
                                      const char    *what,
                                      const char    *extension);

G_END_DECLS
