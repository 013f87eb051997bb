/* gw-ui-text.h: numbers and dates as the window shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A count with the locale's thousands separators: "12,345" in en_GB. */
char *gw_ui_format_count     (guint       count);
/* The date of an export's `generated` time in local time, "12 July 2007". */
char *gw_ui_format_generated (GDateTime  *generated);
/* The file name of a path, for messages. */
char *gw_ui_display_basename (const char *path);

G_END_DECLS
