/* main.c: the gapwatch executable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gw-config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "formats/gw-export-reader.h"
#include "ui/gw-application.h"

/* GSettings aborts the process on a missing schema; say what is wrong
 * instead.  An uninstalled binary uses the schema compiled into its build
 * tree (data/meson.build) unless GSETTINGS_SCHEMA_DIR names another. */
static gboolean
gw_main_find_schema (void)
{
  const char *build_schemadir = _gw_uninstalled_dir ("schemadir");
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;

  if (build_schemadir[0] != '\0' && g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", build_schemadir, TRUE);

  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, GW_APP_ID, TRUE);
  if (schema != NULL)
    return TRUE;

  /* Translators: %s is the settings schema id, io.github.gapwatch.Gapwatch. */
  g_printerr (_("gapwatch: the settings schema %s is not installed; "
                "run glib-compile-schemas on its folder or set GSETTINGS_SCHEMA_DIR\n"),
              GW_APP_ID);
  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GwApplication) app = NULL;
  const char *localedir = GW_LOCALEDIR;

  setlocale (LC_ALL, "");
  /* Run translated from the build tree too, where po/ builds its catalogues. */
  if (g_file_test (GW_BUILD_LOCALEDIR, G_FILE_TEST_IS_DIR))
    localedir = GW_BUILD_LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* libxml2 is initialised once, on the main thread, before any import
   * thread uses it (libxml2 2.9: xmlInitParser before any thread, see its threads documentation). */
  gw_formats_init ();

  g_set_application_name (_("Gapwatch"));

  if (!gw_main_find_schema ())
    return 1;

  app = gw_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
