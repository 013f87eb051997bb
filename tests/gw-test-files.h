/* gw-test-files.h: files and folders the tests make and remove (GLib only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

/* Removes path and everything below it. */
static inline void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static inline int
gw_test_compare_paths (gconstpointer a,
                       gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

#ifdef GW_SOURCE_SAMPLES_DIR   /* gw-config.h */
/* The bundled samples (GW_SAMPLES_DIR, else the source tree's), in name
 * order, NULL-terminated. */
static inline GPtrArray *
gw_test_sample_paths (void)
{
  const char *dir_path = g_getenv ("GW_SAMPLES_DIR");
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  if (dir_path == NULL)
    dir_path = GW_SOURCE_SAMPLES_DIR;
  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".xml") || g_str_has_suffix (name, ".xml.gz"))
      g_ptr_array_add (paths, g_build_filename (dir_path, name, NULL));
  g_ptr_array_sort (paths, gw_test_compare_paths);
  g_ptr_array_add (paths, NULL);
  return paths;
}
#endif
