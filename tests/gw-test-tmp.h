/* gw-test-tmp.h: a temporary directory and the files a test writes in it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Header-only (static inline) because tests/meson.build builds each test
 * from its one .c file.  Everything written is removed with the directory,
 * and the directory must then be empty: a test that leaves a file fails.
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <zlib.h>

typedef struct
{
  char      *dir;
  GPtrArray *files;
} GwTestTmp;

static inline GwTestTmp *
gw_test_tmp_new (void)
{
  g_autoptr(GError) error = NULL;
  GwTestTmp *tmp = g_new0 (GwTestTmp, 1);

  tmp->dir = g_dir_make_tmp ("gw-test-XXXXXX", &error);
  g_assert_no_error (error);
  tmp->files = g_ptr_array_new_with_free_func (g_free);
  return tmp;
}

static inline void
gw_test_tmp_free (GwTestTmp *tmp)
{
  for (guint i = 0; i < tmp->files->len; i++)
    g_unlink (g_ptr_array_index (tmp->files, i));
  g_assert_cmpint (g_rmdir (tmp->dir), ==, 0);
  g_ptr_array_unref (tmp->files);
  g_free (tmp->dir);
  g_free (tmp);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwTestTmp, gw_test_tmp_free)

/* A path in the directory, removed with it; owned by tmp. */
static inline const char *
gw_test_tmp_path (GwTestTmp  *tmp,
                  const char *name)
{
  char *path = g_build_filename (tmp->dir, name, NULL);

  g_ptr_array_add (tmp->files, path);
  return path;
}

/* Writes len bytes of data (-1: a string); returns a path owned by tmp. */
static inline const char *
gw_test_tmp_write (GwTestTmp  *tmp,
                   const char *name,
                   const char *data,
                   gssize      len)
{
  g_autoptr(GError) error = NULL;
  const char *path = gw_test_tmp_path (tmp, name);

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  return path;
}

/* Writes data gzip-compressed with zlib's own writer. */
static inline const char *
gw_test_tmp_write_gzip (GwTestTmp  *tmp,
                        const char *name,
                        const char *data,
                        gsize       len)
{
  const char *path = gw_test_tmp_path (tmp, name);
  gzFile gz = gzopen (path, "wb9");

  g_assert_nonnull (gz);
  g_assert_cmpint (gzwrite (gz, data, (unsigned) len), ==, (int) len);
  g_assert_cmpint (gzclose (gz), ==, Z_OK);
  return path;
}
