/* gw-import-formats.c: the formats the window imports, for its chooser and
 * its import list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Files are read by content whatever their name (app/formats gw-reader.c);
 * the filters only help find them.  Each format's patterns in both cases,
 * and gzip-compressed too.
 */
#include "gw-config.h"
#include "gw-import-formats.h"

#include <string.h>

#include <glib/gi18n.h>

static void
add_patterns (GtkFileFilter *filter, const char *const *extensions)
{
  for (guint i = 0; extensions[i] != NULL; i++)
    {
      g_autofree char *lower = g_strconcat ("*.", extensions[i], NULL);
      g_autofree char *upper = g_ascii_strup (lower, -1);
      g_autofree char *gz = g_strconcat (lower, ".gz", NULL);
      g_autofree char *gz_upper = g_ascii_strup (gz, -1);

      gtk_file_filter_add_pattern (filter, lower);
      gtk_file_filter_add_pattern (filter, upper);
      gtk_file_filter_add_pattern (filter, gz);
      gtk_file_filter_add_pattern (filter, gz_upper);
    }
}

static GtkFileFilter *
filter_new (const char *name, const char *const *extensions)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  add_patterns (filter, extensions);
  return filter;
}

/**
 * gw_import_formats_add_filters:
 * @chooser: the import dialog
 *
 * Adds the filters of every format read, "All supported files" selected.
 */
void
gw_import_formats_add_filters (GtkFileChooser *chooser)
{
  static const char *const xml[] = { "xml", NULL };
  static const char *const csv[] = { "csv", NULL };
  static const char *const supported[] = { "xml", "csv", NULL };
  g_autoptr(GtkFileFilter) all_supported = filter_new (_("All supported files"), supported);
  g_autoptr(GtkFileFilter) exports = filter_new (_("Gapwatch exports (*.xml, *.xml.gz)"), xml);
  g_autoptr(GtkFileFilter) sdmx = filter_new (_("SDMX-ML messages (*.xml)"), xml);
  g_autoptr(GtkFileFilter) fingertips = filter_new (_("Fingertips indicator data (*.csv)"), csv);
  g_autoptr(GtkFileFilter) excel = filter_new (_("Excel 2003 XML workbooks (*.xml)"), xml);
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  g_return_if_fail (GTK_IS_FILE_CHOOSER (chooser));

  /* what a type sniffer says, where the platform's chooser uses it */
  gtk_file_filter_add_mime_type (fingertips, "text/csv");
  gtk_file_filter_add_mime_type (all_supported, "text/csv");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  gtk_file_chooser_add_filter (chooser, all_supported);
  gtk_file_chooser_add_filter (chooser, exports);
  gtk_file_chooser_add_filter (chooser, sdmx);
  gtk_file_chooser_add_filter (chooser, fingertips);
  gtk_file_chooser_add_filter (chooser, excel);
  gtk_file_chooser_add_filter (chooser, all);
  gtk_file_chooser_set_filter (chooser, all_supported);
}

/**
 * gw_import_formats_describe:
 * @import: an import
 *
 * Returns: (transfer full) (nullable): its format, for the import list
 */
char *
gw_import_formats_describe (GwImport *import)
{
  const char *version = gw_import_get_version (import);
  const char *id = gw_import_get_id (import);

  g_return_val_if_fail (import != NULL, NULL);

  if (version != NULL && g_str_has_prefix (version, "SDMX-ML "))
    return g_strdup (version);
  if (id != NULL && g_str_has_prefix (id, "fingertips-"))
    return g_strdup (_("Fingertips indicator data"));
  if (id != NULL && g_str_has_prefix (id, "table-"))
    return g_strdup (_("Table of long columns"));
  return NULL;
}
