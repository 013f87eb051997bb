/* gw-ui-text.c: numbers and dates as the window shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gw-config.h"

#include <glib/gi18n.h>

#include "gw-ui-text.h"

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
