/* gw-fuzz.c: the fuzz targets' private folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gw-fuzz.h"

#include <glib/gstdio.h>
#include <stdlib.h>

static char *fuzz_dir;

/* Each target removes its files after each input. */
static void
remove_fuzz_dir (void)
{
  g_rmdir (fuzz_dir);
}

/* The program's own warnings (a damaged target left out of a workspace, say)
 * are what it should say about such input: shown only with GW_FUZZ_VERBOSE
 * set, since every other input would print them. */
static GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  if ((level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL)) != 0)
    {
      /* abort() rather than GLib's breakpoint trap: libFuzzer and ASan catch
       * SIGABRT, print the stack and keep the input */
      g_log_writer_default (level, fields, n_fields, user_data);
      abort ();
    }
  if (g_getenv ("GW_FUZZ_VERBOSE") == NULL)
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

const char *
gw_fuzz_dir (void)
{
  g_autoptr(GError) error = NULL;

  if (fuzz_dir != NULL)
    return fuzz_dir;

  /* a critical is a broken precondition: a finding; a warning is not (this
   * overrides G_DEBUG=fatal-warnings of the test environment) */
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL);
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
  fuzz_dir = g_dir_make_tmp ("gw-fuzz-XXXXXX", &error);
  if (fuzz_dir == NULL)
    g_error ("no folder for the fuzz target: %s", error->message);
  atexit (remove_fuzz_dir);
  return fuzz_dir;
}

char *
gw_fuzz_write (const char    *name,
               const uint8_t *data,
               size_t         size)
{
  g_autofree char *path = g_build_filename (gw_fuzz_dir (), name, NULL);
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, (const char *) data, (gssize) size, &error))
    g_error ("cannot write the fuzz input: %s", error->message);
  return g_steal_pointer (&path);
}
