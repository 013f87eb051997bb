/* bench-hostile.c: how fast hostile files are refused, against xmllint
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-hostile [RECORDS]
 *
 * Writes, in a temporary directory, the hostile inputs issue 17 found slow:
 * an export whose RECORDS records (default 1,000,000) each name an area it
 * never declares, and a record with 50,000 attributes
 * (hostile/selfwritten/generate_large.sh 6 inside a correct root).  Each is
 * read by the export reader in a child process, and by `xmllint --stream
 * --noout` (a bare libxml2 parse) as the baseline measured in the same run;
 * the CPU time and peak memory of both, and their ratio, are printed.
 * Before the fix: 13.0 s and 250 MB for the million undeclared areas, 1.55 s
 * for the attributes.  A benchmark reports: it exits non-zero only when
 * something fails (the file is not refused).
 *
 * Output is for developers and is not translated.
 */
#include <fcntl.h>
#include <malloc.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "formats/gw-export-reader.h"

typedef struct
{
  double cpu;       /* user + system, seconds */
  double wall;
  long   max_rss;   /* KB */
  int    status;
} Run;

#define EXPORT_OPEN \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<export xmlns=\"urn:gapwatch:export:1\" version=\"1.0\" id=\"bench\" generated=\"2007-07-12T08:30:00Z\">\n" \
  "  <areas>\n    <area code=\"E06000002\" name=\"Middlesbrough\" type=\"ua\"/>\n  </areas>\n" \
  "  <deaths period=\"2007-06\" basis=\"registration\">\n"
#define EXPORT_CLOSE "  </deaths>\n</export>\n"

/* Runs child_main (path) or argv in a child; its CPU time and peak memory. */
static Run
run_child (const char  *path,
           const char **argv)
{
  gint64 start = g_get_monotonic_time ();
  struct rusage usage;
  Run run = { 0 };
  pid_t pid = fork ();

  g_assert (pid >= 0);
  if (pid == 0)
    {
      if (argv != NULL)
        {
          int null = open ("/dev/null", O_WRONLY);

          dup2 (null, STDERR_FILENO);
          execv (argv[0], (char **) argv);
          _exit (127);
        }
      else
        {
          g_autoptr(GwDataset) dataset = gw_dataset_new ();
          g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_problem_free);
          GwBatch *batch = gw_export_read_file (dataset, path, NULL, NULL, NULL, problems, NULL);

          /* exit 1: refused, as it must be */
          _exit (batch == NULL && problems->len > 0 ? 1 : 0);
        }
    }
  g_assert (wait4 (pid, &run.status, 0, &usage) == pid);
  run.wall = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  run.cpu = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6
            + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
  run.max_rss = usage.ru_maxrss;
  return run;
}

static gboolean
bench_file (const char *name,
            const char *path)
{
  const char *xmllint[] = { GW_XMLLINT_PATH, "--stream", "--noout", path, NULL };
  Run gw = run_child (path, NULL);
  Run base = run_child (NULL, xmllint);
  gboolean refused = WIFEXITED (gw.status) && WEXITSTATUS (gw.status) == 1;

  g_print ("%-22s gapwatch %7.3f s CPU %7.3f s wall %7ld KB | xmllint --stream %7.3f s CPU %7ld KB | "
           "CPU ratio %.2f%s\n", name, gw.cpu, gw.wall, gw.max_rss, base.cpu, base.max_rss,
           base.cpu > 0 ? gw.cpu / base.cpu : 0.0, refused ? "" : "  NOT REFUSED");
  return refused;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-hostile-XXXXXX", &error);
  g_autofree char *undeclared = NULL, *attributes = NULL;
  g_autoptr(GString) s = NULL;
  guint64 n = 1000000;
  gboolean ok = TRUE;

  if (dir == NULL)
    {
      g_printerr ("bench-hostile: %s\n", error->message);
      return 1;
    }
  if (argc > 1 && !g_ascii_string_to_unsigned (argv[1], 10, 1, GW_MAX_AREAS - 2, &n, &error))
    {
      g_printerr ("bench-hostile: %s\n", error->message);
      return 2;
    }

  /* records naming areas never declared */
  s = g_string_new (EXPORT_OPEN);
  for (guint64 i = 0; i < n; i++)
    g_string_append_printf (s, "    <c area=\"X%07" G_GUINT64_FORMAT "\" sex=\"m\" age=\"0\" n=\"1\"/>\n", i);
  g_string_append (s, EXPORT_CLOSE);
  undeclared = g_build_filename (dir, "undeclared.xml", NULL);
  ok = g_file_set_contents (undeclared, s->str, s->len, &error);

  /* generate_large.sh 6 in a record */
  g_string_assign (s, EXPORT_OPEN "    <c area=\"E06000002\" sex=\"m\" age=\"0\" n=\"1\"");
  for (guint i = 0; i < 50000; i++)
    g_string_append_printf (s, " A%u=\"1\"", i);
  g_string_append (s, "/>\n" EXPORT_CLOSE);
  attributes = g_build_filename (dir, "many_attributes.xml", NULL);
  ok = ok && g_file_set_contents (attributes, s->str, s->len, &error);
  if (!ok)
    {
      g_printerr ("bench-hostile: %s\n", error->message);
      return 1;
    }

  /* a child's peak memory counts what it shares with this process */
  g_string_free (g_steal_pointer (&s), TRUE);
  malloc_trim (0);

  g_print ("%" G_GUINT64_FORMAT " records naming undeclared areas, 50,000 attributes on a record\n", n);
  ok = bench_file ("undeclared areas", undeclared);
  ok = bench_file ("many attributes", attributes) && ok;

  g_unlink (undeclared);
  g_unlink (attributes);
  g_rmdir (dir);
  return ok ? 0 : 1;
}
