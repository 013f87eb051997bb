/* bench-util.h: timing, sizes from the environment and the generator, for
 * the benchmarks written in C
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

static inline double
bench_seconds_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

/* A size from the environment, 1 to 10,000,000, else fallback. */
static inline guint
bench_env_uint (const char *name,
                guint       fallback)
{
  const char *text = g_getenv (name);
  guint64 v;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, 10000000, &v, NULL))
    return fallback;
  return (guint) v;
}

/* Runs the generator with argv (NULL-terminated, without the program);
 * its messages (the record counts) in *report. */
static inline gboolean
bench_run_generator (const char *const  *args,
                     char              **report,
                     GError            **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *err_text = NULL;
  gint status = 0;

  g_ptr_array_add (argv, (gpointer) GW_GENERATOR_PATH);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, &err_text, &status, error)
      || !g_spawn_check_wait_status (status, error))
    {
      if (err_text != NULL && *err_text != '\0')
        g_printerr ("%s", err_text);
      return FALSE;
    }
  if (report != NULL)
    *report = g_steal_pointer (&err_text);
  return TRUE;
}
