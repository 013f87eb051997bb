/* main.c: the gapwatch executable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gw-config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "formats/gw-export-reader.h"
#include "ui/gw-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GwApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* Run translated from the build tree too, where po/ builds its catalogues. */
  bindtextdomain (GETTEXT_PACKAGE,
                  g_file_test (GW_BUILD_LOCALEDIR, G_FILE_TEST_IS_DIR) ? GW_BUILD_LOCALEDIR : GW_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* libxml2 is initialised once, on the main thread, before any import
   * thread uses it (shared docs, libxml2-notes.md section 4). */
  gw_formats_init ();

  g_set_application_name (_("Gapwatch"));

  app = gw_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
