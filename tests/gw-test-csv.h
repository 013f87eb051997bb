/* gw-test-csv.h: a small CSV reader for the method tests' reference data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Header-only (static inline) because tests/meson.build builds each test
 * from its one .c file.  Reads tests/data/methods/<name> via G_TEST_SRCDIR:
 * a header line, then records of comma-separated fields; fields may be
 * double-quoted (a quoted field may hold commas, "" is a quote).  "NA" is
 * R's missing value and reads as NAN.  Any malformed input fails the test.
 */
#pragma once

#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct
{
  GStrv      header;
  GPtrArray *rows;     /* of GStrv, each as long as header */
} GwTestCsv;

static inline GStrv
gw_test_csv_split_line (const char *line)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GString) field = g_string_new (NULL);
  gboolean quoted = FALSE;
  const char *p = line;

  for (;; p++)
    {
      if (quoted)
        {
          g_assert_true (*p != '\0');      /* unterminated quote */
          if (*p == '"' && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p++;
            }
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, *p);
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == ',' || *p == '\0')
        {
          g_strv_builder_add (builder, field->str);
          g_string_truncate (field, 0);
          if (*p == '\0')
            break;
        }
      else if (*p != '\r')
        g_string_append_c (field, *p);
    }

  return g_strv_builder_end (builder);
}

static inline void
gw_test_csv_free (GwTestCsv *csv)
{
  g_strfreev (csv->header);
  g_ptr_array_unref (csv->rows);
  g_free (csv);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwTestCsv, gw_test_csv_free)

static inline GwTestCsv *
gw_test_csv_load (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "methods", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GwTestCsv *csv;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (contents, "\n", -1);
  g_assert_nonnull (lines[0]);

  csv = g_new0 (GwTestCsv, 1);
  csv->header = gw_test_csv_split_line (lines[0]);
  csv->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      GStrv fields;

      if (lines[i][0] == '\0' || g_str_equal (lines[i], "\r"))
        continue;
      fields = gw_test_csv_split_line (lines[i]);
      g_assert_cmpuint (g_strv_length (fields), ==, g_strv_length (csv->header));
      g_ptr_array_add (csv->rows, fields);
    }

  return csv;
}

static inline guint
gw_test_csv_n_rows (const GwTestCsv *csv)
{
  return csv->rows->len;
}

/* Index of the column called @name; the test fails if there is none. */
static inline guint
gw_test_csv_column (const GwTestCsv *csv,
                    const char      *name)
{
  for (guint i = 0; csv->header[i] != NULL; i++)
    if (g_str_equal (csv->header[i], name))
      return i;
  g_error ("no column %s", name);
  return 0;
}

static inline const char *
gw_test_csv_get (const GwTestCsv *csv,
                 guint            row,
                 const char      *column)
{
  GStrv fields;

  g_assert_cmpuint (row, <, csv->rows->len);
  fields = g_ptr_array_index (csv->rows, row);
  return fields[gw_test_csv_column (csv, column)];
}

/* The number in @column of @row; NAN for "NA".  Anything else that is not
 * a number fails the test. */
static inline double
gw_test_csv_double (const GwTestCsv *csv,
                    guint            row,
                    const char      *column)
{
  const char *text = gw_test_csv_get (csv, row, column);
  char *end = NULL;
  double v;

  if (g_str_equal (text, "NA"))
    return NAN;
  v = g_ascii_strtod (text, &end);
  g_assert_true (end != text && *end == '\0');
  return v;
}

/* Reports a failed closeness check like GLib's own assertions do. */
static inline void
gw_test_close_failed (const char *file,
                      int         line,
                      const char *func,
                      const char *expr,
                      double      actual,
                      double      expected,
                      double      tol)
{
  g_autofree char *msg = NULL;

  if (isnan (expected))
    msg = g_strdup_printf ("%s = %.17g, expected NA", expr, actual);
  else
    msg = g_strdup_printf ("%s = %.17g, expected %.17g (tolerance %g, error %.3g)",
                           expr, actual, expected, tol, actual - expected);
  g_assertion_message (G_LOG_DOMAIN, file, line, func, msg);
}

static inline gboolean
gw_test_close (double actual,
               double expected,
               double abs_tol,
               double rel_tol)
{
  if (isnan (expected))
    return isnan (actual);
  return fabs (actual - expected) <= abs_tol + rel_tol * fabs (expected);
}

/* Asserts |actual - expected| <= tol (absolute).  An expected NAN (R's NA)
 * requires a NAN. */
#define gw_assert_close(actual, expected, tol)                               \
  G_STMT_START {                                                             \
    double gw_a_ = (actual), gw_e_ = (expected), gw_t_ = (tol);              \
    if (!gw_test_close (gw_a_, gw_e_, gw_t_, 0.0))                           \
      gw_test_close_failed (__FILE__, __LINE__, G_STRFUNC, #actual,          \
                            gw_a_, gw_e_, gw_t_);                            \
  } G_STMT_END

/* Asserts |actual - expected| <= tol |expected| (relative). */
#define gw_assert_close_rel(actual, expected, tol)                           \
  G_STMT_START {                                                             \
    double gw_a_ = (actual), gw_e_ = (expected), gw_t_ = (tol);              \
    if (!gw_test_close (gw_a_, gw_e_, 0.0, gw_t_))                           \
      gw_test_close_failed (__FILE__, __LINE__, G_STRFUNC, #actual,          \
                            gw_a_, gw_e_, gw_t_);                            \
  } G_STMT_END
