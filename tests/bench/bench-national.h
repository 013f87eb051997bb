/* bench-national.h: what the benchmarks on the generator's national export share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Header-only (static inline): each benchmark is one .c file.  Needs
 * GW_GENERATOR_PATH (the generator, from meson).
 */
#pragma once

#include <glib.h>

#include "formats/gw-export-reader.h"
#include "model/gw-dataset.h"

static inline double
bench_seconds_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

static inline guint
bench_env_uint (const char *name,
                guint       fallback)
{
  const char *text = g_getenv (name);
  guint64 v;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, 1000000, &v, NULL))
    return fallback;
  return (guint) v;
}

/* Writes dir/name with `gw-generate-exports --national --areas A --months
 * M --with-population` and the extra arguments (NULL-terminated, may be
 * NULL): GW_BENCH_AREAS (default 300) districts and GW_BENCH_MONTHS
 * (default 156 = 1995-2007, the baselines of both built-in targets).
 * Returns its path, or NULL with error. */
static inline char *
bench_generate_national (const char         *dir,
                         const char         *name,
                         const char * const *extra,
                         GError            **error)
{
  guint areas = bench_env_uint ("GW_BENCH_AREAS", 300);
  guint months = bench_env_uint ("GW_BENCH_MONTHS", 156);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *areas_arg = g_strdup_printf ("%u", areas);
  g_autofree char *months_arg = g_strdup_printf ("%u", months);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *err_text = NULL;
  gint status = 0;
  gint64 start = g_get_monotonic_time ();
  const char *const base[] = {
    GW_GENERATOR_PATH, "--national", path, "--areas", areas_arg, "--months", months_arg,
    "--with-population",
  };

  for (guint i = 0; i < G_N_ELEMENTS (base); i++)
    g_ptr_array_add (argv, (gpointer) base[i]);
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) extra[i]);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, &err_text, &status, error)
      || !g_spawn_check_wait_status (status, error))
    {
      if (err_text != NULL && *err_text != '\0')
        g_printerr ("%s", err_text);
      return NULL;
    }
  g_print ("national export: %u districts x 2 sexes x 20 bands x %u months,"
           " with region and England totals, populations and births\n", areas, months);
  g_print ("generation time: %.3f s\n", bench_seconds_since (start));
  return g_steal_pointer (&path);
}

/* Imports path into a new dataset; NULL on failure. */
static inline GwDataset *
bench_import_file (const char  *path,
                   guint       *n_records,
                   GError     **error)
{
  g_autoptr(GwDataset) dataset = gw_dataset_new ();
  GwBatch *batch;

  /* no list of problems: the error's message names the first one, which is
   * enough for a benchmark */
  batch = gw_export_read_file (dataset, path, NULL, NULL, NULL, NULL, error);
  if (batch == NULL)
    return NULL;
  *n_records = gw_batch_n_records (batch);
  if (gw_dataset_commit (dataset, batch, error) == NULL)
    return NULL;
  return g_steal_pointer (&dataset);
}

/* Imports path runs times, each into a fresh dataset, printing each run's
 * time; returns the last dataset and the best time in *best, or NULL with
 * error. */
static inline GwDataset *
bench_import_best (const char  *path,
                   guint        runs,
                   guint       *n_records,
                   double      *best,
                   GError     **error)
{
  g_autoptr(GwDataset) dataset = NULL;

  *best = G_MAXDOUBLE;
  for (guint run = 1; run <= runs; run++)
    {
      gint64 start = g_get_monotonic_time ();
      double t;

      g_clear_object (&dataset);
      dataset = bench_import_file (path, n_records, error);
      t = bench_seconds_since (start);
      if (dataset == NULL)
        return NULL;
      g_print ("  import run %u: %.3f s\n", run, t);
      *best = MIN (*best, t);
    }
  return g_steal_pointer (&dataset);
}
