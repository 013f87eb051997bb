/* gw-fuzz-replay.c: a fuzz target's main() when libFuzzer is not linked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fuzz-<target>-replay DIR|FILE...
 *
 * Runs LLVMFuzzerTestOneInput() once on every file given, and on every file
 * of every folder given (sorted by name, so a failure is reproducible), as
 * libFuzzer's StandaloneFuzzTargetMain does; the suite runs it on the
 * target's seed corpus in every build.  A crash fails the test; the input
 * is named on stderr before it runs.  Prints TAP: one line per input.
 */
#include "gw-fuzz.h"

#include <stdio.h>

static guint n_run;

static void
replay_file (const char *path)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = 0;

  if (!g_file_get_contents (path, &data, &size, &error))
    g_error ("cannot read %s: %s", path, error->message);
  g_printerr ("# running %s (%" G_GSIZE_FORMAT " bytes)\n", path, size);
  LLVMFuzzerTestOneInput ((const uint8_t *) data, size);
  printf ("ok %u %s\n", ++n_run, path);
  fflush (stdout);
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
replay_dir (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    g_error ("cannot read the corpus: %s", error->message);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    replay_file (g_ptr_array_index (names, i));
}

int
main (int   argc,
      char *argv[])
{
  if (argc < 2)
    {
      g_printerr ("usage: %s DIR|FILE...\n", argv[0]);
      return 2;
    }
  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        replay_dir (argv[i]);
      else
        replay_file (argv[i]);
    }
  if (n_run == 0)
    g_error ("an empty corpus replays nothing");
  printf ("1..%u\n", n_run);
  return 0;
}
