/* bench-workspace.c: opening a workspace against importing the XML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-workspace [FILE]
 *
 * Without FILE, writes the national-scale deaths export with the generator
 * (gw-generate-exports --national: GW_BENCH_AREAS districts, default 300, and
 * GW_BENCH_MONTHS months, default 120).  Then:
 *   xml import      gw_export_read_file + gw_dataset_commit into a fresh
 *                   dataset (best of three)
 *   store           gw_session_import_files into a fresh dataset and a new
 *                   workspace: the same read, then one transaction with the
 *                   records and a gzip copy of the file
 *   workspace open  gw_workspace_open + gw_workspace_load into a fresh
 *                   dataset (best of three); the dataset is checked against
 *                   the imported one (row counts and a checksum of every row)
 * and prints the figures with workspace-open-vs-xml-import ratio (the goal is
 * at most 0.2: opening at least five times faster than reading the XML).
 * A benchmark reports: it exits non-zero only when something fails.
 *
 * Output is for developers and is not translated.
 */
#include "gw-config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>

#include "formats/gw-export-reader.h"
#include "model/gw-dataset.h"
#include "session/gw-session-import.h"
#include "store/gw-workspace.h"

#define GW_BENCH_RUNS 3

static double
seconds_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *text = g_getenv (name);
  guint64 v;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, 1000000, &v, NULL))
    return fallback;
  return (guint) v;
}

static char *
generate (const char  *dir,
          GError     **error)
{
  guint areas = env_uint ("GW_BENCH_AREAS", 300);
  guint months = env_uint ("GW_BENCH_MONTHS", 120);
  g_autofree char *path = g_build_filename (dir, "national.xml", NULL);
  g_autofree char *areas_arg = g_strdup_printf ("%u", areas);
  g_autofree char *months_arg = g_strdup_printf ("%u", months);
  const char *argv[] = {
    GW_GENERATOR_PATH, "--national", path, "--areas", areas_arg, "--months", months_arg, NULL,
  };
  g_autofree char *err_text = NULL;
  gint status = 0;
  gint64 start = g_get_monotonic_time ();

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, &err_text, &status, error)
      || !g_spawn_check_wait_status (status, error))
    {
      if (err_text != NULL && *err_text != '\0')
        g_printerr ("%s", err_text);
      return NULL;
    }
  g_print ("national export: %u districts x 2 sexes x 20 bands x %u months\n", areas, months);
  g_print ("generation time: %.3f s\n", seconds_since (start));
  return g_steal_pointer (&path);
}

static GwDataset *
import_xml (const char  *path,
            GError     **error)
{
  g_autoptr(GwDataset) dataset = gw_dataset_new ();
  GwBatch *batch = gw_export_read_file (dataset, path, NULL, NULL, NULL, NULL, error);

  if (batch == NULL || gw_dataset_commit (dataset, batch, error) == NULL)
    return NULL;
  return g_steal_pointer (&dataset);
}

/* FNV-1a over every current and history row's key and value bits. */
static guint64
dataset_checksum (GwDataset *dataset)
{
  guint64 h = G_GUINT64_CONSTANT (14695981039346656037);

  for (guint k = 0; k < GW_N_RECORD_KINDS; k++)
    for (guint t = 0; t < 2; t++)
      {
        const GwTable *table = t == 0 ? gw_dataset_get_table (dataset, k) : gw_dataset_get_history (dataset, k);

        for (guint i = 0; i < gw_table_n_rows (table); i++)
          {
            const guint64 *row = gw_table_row (table, i);

            /* key and first value: both row kinds start with them */
            for (guint w = 0; w < 2; w++)
              {
                h ^= row[w];
                h *= G_GUINT64_CONSTANT (1099511628211);
              }
          }
      }
  return h;
}

static guint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (guint64) st.st_size : 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmpdir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *ws_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GwDataset) imported = NULL;
  g_autoptr(GwDataset) loaded = NULL;
  double xml_best = INFINITY, open_best = INFINITY, store_time;
  guint64 records;

  gw_formats_init ();

  if (argc > 2)
    {
      g_printerr ("usage: %s [FILE]\n", argv[0]);
      return 2;
    }
  tmpdir = g_dir_make_tmp ("gw-bench-workspace-XXXXXX", &error);
  if (tmpdir == NULL)
    {
      g_printerr ("cannot make a folder: %s\n", error->message);
      return 1;
    }
  if (argc == 2)
    path = g_strdup (argv[1]);
  else if ((path = generate (tmpdir, &error)) == NULL)
    {
      g_printerr ("cannot generate the export: %s\n", error->message);
      return 1;
    }
  g_print ("file size: %" G_GUINT64_FORMAT " bytes (%.1f MiB)\n", file_size (path),
           (double) file_size (path) / 1048576.0);

  for (guint run = 1; run <= GW_BENCH_RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();
      double t;

      g_clear_object (&imported);
      imported = import_xml (path, &error);
      t = seconds_since (start);
      if (imported == NULL)
        {
          g_printerr ("import failed: %s\n", error->message);
          return 1;
        }
      g_print ("  xml import run %u: %.3f s\n", run, t);
      xml_best = MIN (xml_best, t);
    }
  records = 0;
  for (guint k = 0; k < GW_N_RECORD_KINDS; k++)
    records += gw_dataset_count (imported, k);
  g_print ("records: %" G_GUINT64_FORMAT "\n", records);

  /* Store: the same import through the workspace, into a new file. */
  ws_path = g_build_filename (tmpdir, "workspace.gwdb", NULL);
  {
    g_autoptr(GwWorkspace) workspace = NULL;
    g_autoptr(GwDataset) dataset = gw_dataset_new ();
    g_autoptr(GwImportTask) task = NULL;
    const char *paths[] = { path, NULL };
    const GwWorkspaceFileResult *result;
    gint64 start = g_get_monotonic_time ();

    workspace = gw_workspace_open (ws_path, GW_WORKSPACE_OPEN_CREATE, &error);
    if (workspace != NULL)
      task = gw_session_import_files (workspace, dataset, paths, NULL, &error);
    store_time = seconds_since (start);
    if (task == NULL)
      {
        g_printerr ("store failed: %s\n", error->message);
        return 1;
      }
    result = gw_session_get_file_result (task, 0);
    if (result == NULL || result->status != GW_WORKSPACE_FILE_STORED)
      {
        g_printerr ("store failed: %s\n", result != NULL && result->error != NULL
                                           ? result->error->message : "not imported");
        return 1;
      }
  }
  g_print ("store time, xml import + workspace transaction: %.3f s\n", store_time);
  g_print ("workspace size: %" G_GUINT64_FORMAT " bytes (%.1f MiB)\n", file_size (ws_path),
           (double) file_size (ws_path) / 1048576.0);

  for (guint run = 1; run <= GW_BENCH_RUNS; run++)
    {
      g_autoptr(GwWorkspace) workspace = NULL;
      gint64 start = g_get_monotonic_time ();
      double t;

      g_clear_object (&loaded);
      loaded = gw_dataset_new ();
      workspace = gw_workspace_open (ws_path, GW_WORKSPACE_OPEN_DEFAULT, &error);
      if (workspace == NULL || !gw_workspace_load (workspace, loaded, NULL, &error))
        {
          g_printerr ("open failed: %s\n", error->message);
          return 1;
        }
      t = seconds_since (start);
      g_print ("  workspace open run %u: %.3f s\n", run, t);
      open_best = MIN (open_best, t);
    }

  for (guint k = 0; k < GW_N_RECORD_KINDS; k++)
    if (gw_dataset_count (loaded, k) != gw_dataset_count (imported, k))
      {
        g_printerr ("the opened workspace has %u %s rows, the import %u\n", gw_dataset_count (loaded, k),
                    gw_record_kind_to_string (k), gw_dataset_count (imported, k));
        return 1;
      }
  if (dataset_checksum (loaded) != dataset_checksum (imported))
    {
      g_printerr ("the opened workspace's rows differ from the import's\n");
      return 1;
    }
  g_print ("opened dataset: same %" G_GUINT64_FORMAT " rows as the import (checksum %016" G_GINT64_MODIFIER "x)\n",
           records, dataset_checksum (loaded));

  g_print ("xml import time, read + commit (best of %d): %.3f s\n", GW_BENCH_RUNS, xml_best);
  g_print ("workspace open time, open + load (best of %d): %.3f s\n", GW_BENCH_RUNS, open_best);
  g_print ("workspace-open-vs-xml-import ratio: %.3f (goal: at most 0.2)\n", open_best / xml_best);

  {
    g_autofree char *wal = g_strconcat (ws_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (ws_path, "-shm", NULL);

    g_clear_object (&loaded);
    g_unlink (ws_path);
    g_unlink (wal);
    g_unlink (shm);
    if (argc < 2)
      g_unlink (path);
    g_rmdir (tmpdir);
  }
  return 0;
}
