/* gw-ui-text.c: numbers, dates and words as the window shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gw-config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "gw-ui-text.h"
#include "methods/gw-indicator-info.h"

/**
 * gw_ui_format_count:
 * @count: a number of records, revisions or warnings
 *
 * Returns: (transfer full): @count grouped by the locale's LC_NUMERIC
 * thousands separator (none in the C locale).
 */
char *
gw_ui_format_count (guint count)
{
  return g_strdup_printf ("%'u", count);
}

/**
 * gw_ui_format_generated:
 * @generated: an instant, any time zone
 *
 * Returns: (transfer full): its date in the local time zone, in the
 * translation's long date format.
 */
char *
gw_ui_format_generated (GDateTime *generated)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (generated != NULL, NULL);

  local = g_date_time_to_local (generated);
  /* Translators: the date an export was generated, as g_date_time_format()
   * takes it; "%-d %B %Y" gives "12 July 2007". */
  return g_date_time_format (local, C_("generated date", "%-d %B %Y"));
}

/**
 * gw_ui_display_basename:
 * @path: a path in the file system's encoding
 *
 * Returns: (transfer full): the last part of @path in UTF-8, for messages.
 */
char *
gw_ui_display_basename (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_filename_display_basename (path);
}

/**
 * gw_ui_format_number:
 * @value: a number, or NAN for none
 * @digits: decimals to show
 *
 * Returns: (transfer full): @value in the locale's notation, or "–" (an en
 * dash) when there is no value.
 */
char *
gw_ui_format_number (double value,
                     guint  digits)
{
  if (isnan (value))
    return g_strdup ("–");

  /* -0.00 reads as an error. */
  if (fabs (value) < 0.5 * pow (10.0, -(double) digits))
    value = 0.0;

  return g_strdup_printf ("%.*f", (int) digits, value);
}

/**
 * gw_ui_format_signed:
 * @value: a change, or NAN for none
 * @digits: decimals to show
 *
 * Returns: (transfer full): "+1.6", "−14.2" (U+2212 MINUS SIGN) or "0.0";
 * "–" when there is no value.
 */
char *
gw_ui_format_signed (double value,
                     guint  digits)
{
  g_autofree char *magnitude = NULL;

  if (isnan (value))
    return g_strdup ("–");

  magnitude = gw_ui_format_number (fabs (value), digits);
  if (fabs (value) < 0.5 * pow (10.0, -(double) digits))
    return g_steal_pointer (&magnitude);

  return g_strdup_printf ("%s%s", value < 0 ? "−" : "+", magnitude);
}

/**
 * gw_ui_format_period:
 * @period: a period, or 0
 *
 * Returns: (transfer full): the period for display: a pooled period with an
 * en dash, "1995–1997"; others in the contract's spelling; "" for 0.
 */
char *
gw_ui_format_period (GwPeriod period)
{
  char buf[GW_PERIOD_STRLEN];

  if (period == 0)
    return g_strdup ("");

  if (gw_period_kind (period) == GW_PERIOD_POOLED)
    return g_strdup_printf ("%u–%u", gw_period_first_year (period), gw_period_last_year (period));

  return g_strdup (gw_period_format (period, buf));
}

const char *
gw_ui_status_label (GwTargetStatus status)
{
  switch (status)
    {
    case GW_STATUS_ON_TRACK:          return _("On track");
    case GW_STATUS_OFF_TRACK:         return _("Off track");
    case GW_STATUS_NO_GAP:            return _("No gap");
    case GW_STATUS_INSUFFICIENT_DATA: return _("Insufficient data");
    default:                          return "";
    }
}

const char *
gw_ui_status_phrase (GwTargetStatus status)
{
  switch (status)
    {
    /* Translators: in a sentence, "Hartlepool (men): on track → off track". */
    case GW_STATUS_ON_TRACK:          return C_("status in a sentence", "on track");
    case GW_STATUS_OFF_TRACK:         return C_("status in a sentence", "off track");
    case GW_STATUS_NO_GAP:            return C_("status in a sentence", "no gap");
    case GW_STATUS_INSUFFICIENT_DATA: return C_("status in a sentence", "insufficient data");
    default:                          return "";
    }
}

const char *
gw_ui_status_icon (GwTargetStatus status)
{
  /* Our own icons (resources/icons), so they are there whatever the theme. */
  switch (status)
    {
    case GW_STATUS_ON_TRACK:          return "gw-on-track-symbolic";
    case GW_STATUS_OFF_TRACK:         return "gw-off-track-symbolic";
    case GW_STATUS_NO_GAP:            return "gw-no-gap-symbolic";
    case GW_STATUS_INSUFFICIENT_DATA: return "gw-insufficient-symbolic";
    default:                          return NULL;
    }
}

const char *
gw_ui_certainty_label (GwCertainty certainty)
{
  switch (certainty)
    {
    /* Translators: beside a status, "On track · uncertain": the target lies
     * inside the projection's 95% interval, too close to call. */
    case GW_CERTAINTY_UNCERTAIN: return C_("certainty", "uncertain");
    /* Translators: a status whose target lies outside the projection's 95% interval. */
    case GW_CERTAINTY_CLEAR:     return C_("certainty", "clear");
    case GW_CERTAINTY_UNKNOWN:
    default:                     return "";
    }
}

const char *
gw_ui_certainty_icon (GwCertainty certainty)
{
  return certainty == GW_CERTAINTY_UNCERTAIN ? "gw-uncertain-symbolic" : NULL;
}

char *
gw_ui_format_verdict (GwTargetStatus status,
                      GwCertainty    certainty)
{
  if (certainty != GW_CERTAINTY_UNCERTAIN)
    return g_strdup (gw_ui_status_label (status));

  /* Translators: a status and its certainty, "On track · uncertain". */
  return g_strdup_printf (C_("status and certainty", "%s · %s"), gw_ui_status_label (status),
                          gw_ui_certainty_label (certainty));
}

/**
 * gw_ui_format_interval:
 *
 * Returns: (transfer full) (nullable): "73.80–74.84"; "−1.20 to 3.40" when
 * a limit is negative (an en dash beside a minus sign reads as one); NULL
 * when either limit is NAN.
 */
char *
gw_ui_format_interval (double lower,
                       double upper,
                       guint  digits)
{
  g_autofree char *low = NULL, *high = NULL;

  if (isnan (lower) || isnan (upper))
    return NULL;

  low = gw_ui_format_number (lower, digits);
  high = gw_ui_format_number (upper, digits);
  if (lower < 0 || upper < 0)
    /* Translators: the limits of an interval, "−1.20 to 3.40". */
    return g_strdup_printf (_("%s to %s"), low, high);
  return g_strdup_printf ("%s–%s", low, high);
}

const char *
gw_ui_status_css_class (GwTargetStatus status)
{
  switch (status)
    {
    case GW_STATUS_ON_TRACK:          return "gw-on-track";
    case GW_STATUS_OFF_TRACK:         return "gw-off-track";
    case GW_STATUS_NO_GAP:            return "gw-no-gap";
    case GW_STATUS_INSUFFICIENT_DATA: return "gw-insufficient";
    default:                          return "gw-unknown";
    }
}

const char *
gw_ui_sex_label (GwSex sex)
{
  switch (sex)
    {
    case GW_SEX_MALE:   return _("Men");
    case GW_SEX_FEMALE: return _("Women");
    default:            return _("Persons");
    }
}

const char *
gw_ui_sex_phrase (GwSex sex)
{
  switch (sex)
    {
    /* Translators: in a sentence, "Hartlepool (men)". */
    case GW_SEX_MALE:   return C_("sex in a sentence", "men");
    case GW_SEX_FEMALE: return C_("sex in a sentence", "women");
    default:            return C_("sex in a sentence", "persons");
    }
}

const char *
gw_ui_indicator_name (const char *id)
{
  GwIndicatorInfo info;

  return gw_indicator_info_lookup (NULL, id, &info) ? info.name : NULL;
}

const char *
gw_ui_projection_label (GwProjection method)
{
  switch (method)
    {
    case GW_PROJECTION_LATEST: return _("Latest gap against the trajectory");
    case GW_PROJECTION_HOLT:   return _("Holt’s exponential smoothing");
    default:                   return _("Linear trend");
    }
}

/* The method inside a sentence ("…; projection: linear trend)"): its own
 * string, as lower-casing the label would also lower-case a name (Holt). */
const char *
gw_ui_projection_phrase (GwProjection method)
{
  switch (method)
    {
    case GW_PROJECTION_LATEST: return C_("projection in a sentence", "latest gap against the trajectory");
    case GW_PROJECTION_HOLT:   return C_("projection in a sentence", "Holt’s exponential smoothing");
    default:                   return C_("projection in a sentence", "linear trend");
    }
}

const char *
gw_ui_gap_measure_label (GwGapMeasure gap)
{
  return gap == GW_GAP_ABSOLUTE ? _("Absolute (indicator’s unit)") : _("Relative (% of the comparator)");
}

const char *
gw_ui_indicator_unit (const char *id)
{
  GwIndicatorInfo info;

  return gw_indicator_info_lookup (NULL, id, &info) ? info.unit : NULL;
}

const char *
gw_ui_indicator_short_unit (const char *id)
{
  GwIndicatorInfo info;

  return gw_indicator_info_lookup (NULL, id, &info) ? info.short_unit : NULL;
}

/**
 * gw_ui_format_with_unit:
 * @value: a number, or NAN
 * @digits: decimals to show
 * @unit: (nullable): "%", or a unit written after a space
 *
 * Returns: (transfer full): "3.39%", "2.01 years", or "–" for NAN.
 */
char *
gw_ui_format_with_unit (double      value,
                        guint       digits,
                        const char *unit)
{
  g_autofree char *number = gw_ui_format_number (value, digits);

  if (isnan (value) || unit == NULL || unit[0] == '\0')
    return g_steal_pointer (&number);
  if (g_strcmp0 (unit, "%") == 0)
    /* Translators: a percentage, "3.39%"; use your language's spacing. */
    return g_strdup_printf (_("%s%%"), number);

  return g_strdup_printf ("%s %s", number, unit);
}

/**
 * gw_ui_file_name:
 * @title: a target's or a report's name, "2010 life expectancy target"
 * @what: (nullable): what the file is, "report"
 * @extension: "pdf"
 *
 * A file name a save dialog suggests, "2010 life expectancy target -
 * report.pdf": the title with the characters no file name may have
 * (slash, backslash, colon) made dashes.
 */
char *
gw_ui_file_name (const char *title,
                 const char *what,
                 const char *extension)
{
  g_autofree char *clean = g_strdup (title != NULL && *title != '\0' ? title : "gapwatch");

  g_strdelimit (clean, "/\\:", '-');
  if (what == NULL)
    return g_strdup_printf ("%s.%s", clean, extension);
  /* Translators: a suggested file name, "2010 life expectancy target - report.pdf":
   * the target, what the file is, its extension. */
  return g_strdup_printf (_("%s - %s.%s"), clean, what, extension);
}
