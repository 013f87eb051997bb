/* bench-groups.c: declaring many groups in one batch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-groups [N]
 *
 * Declares N groups (default 200,000) in one batch, as an export with that
 * many <group> elements does, then commits it, and prints the times.  Issue
 * 17 measured 17 s of CPU for 100,000 and 78 s for 200,000 when each
 * declaration scanned the ones before it; with a hash it is linear.
 * A benchmark reports: it exits non-zero only when something fails.
 *
 * Output is for developers and is not translated.
 */
#include <glib.h>

#include "model/gw-dataset.h"

static double
seconds_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GwDataset) dataset = gw_dataset_new ();
  g_autoptr(GDateTime) generated = g_date_time_new_utc (2007, 7, 12, 8, 30, 0);
  g_autoptr(GError) error = NULL;
  guint64 n = 200000;
  GwBatch *batch;
  gint64 start;

  if (argc > 1 && !g_ascii_string_to_unsigned (argv[1], 10, 1, GW_MAX_GROUPS, &n, &error))
    {
      g_printerr ("bench-groups: %s\n", error->message);
      return 2;
    }

  batch = gw_batch_new (dataset);
  gw_batch_set_source (batch, "groups.xml", "0");
  gw_batch_set_header (batch, "groups", generated, "1.0", NULL, NULL);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      char id[32], name[32];

      g_snprintf (id, sizeof id, "g%u", i);
      g_snprintf (name, sizeof name, "Group %u", i);
      if (gw_batch_declare_group (batch, id, name) != (gint) i)
        {
          g_printerr ("bench-groups: group %u was not declared\n", i);
          return 1;
        }
    }
  g_print ("declare %" G_GUINT64_FORMAT " groups: %.3f s\n", n, seconds_since (start));

  start = g_get_monotonic_time ();
  if (gw_dataset_commit (dataset, batch, &error) == NULL)
    {
      g_printerr ("bench-groups: %s\n", error->message);
      return 1;
    }
  g_print ("commit: %.3f s (%u groups in the dataset)\n", seconds_since (start),
           gw_dataset_n_groups (dataset));
  return 0;
}
