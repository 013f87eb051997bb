/* gw-cli-rows.c: rows of text fields as CSV or as an aligned table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gw-config.h"

#include <string.h>

#include "gw-cli-private.h"

/* RFC 4180: quote a field that holds a comma, a quote or a line break. */
static void
append_csv_field (GString *out, const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_csv_line (GString *out, const char *const *fields, guint n_columns)
{
  for (guint c = 0; c < n_columns; c++)
    {
      if (c)
        g_string_append_c (out, ',');
      append_csv_field (out, fields[c]);
    }
  g_string_append_c (out, '\n');
}

void
gw_cli_write_csv (GString            *out,
                  const char * const *columns,
                  guint               n_columns,
                  GPtrArray          *rows)
{
  append_csv_line (out, columns, n_columns);
  for (guint i = 0; i < rows->len; i++)
    append_csv_line (out, g_ptr_array_index (rows, i), n_columns);
}

static void
append_table_line (GString *out, const char *const *fields, const guint *width,
                   const gboolean *right, guint n_columns)
{
  for (guint c = 0; c < n_columns; c++)
    {
      /* no trailing blanks after a left-aligned last column */
      if (c + 1 == n_columns && !right[c])
        g_string_append (out, fields[c]);
      else
        gw_cli_append_padded (out, fields[c], width[c], right[c]);
      g_string_append (out, c + 1 < n_columns ? "  " : "\n");
    }
}

void
gw_cli_write_table (GString            *out,
                    const char * const *columns,
                    const gboolean     *right,
                    guint               n_columns,
                    GPtrArray          *rows)
{
  g_autofree guint *width = g_new0 (guint, n_columns);

  for (guint c = 0; c < n_columns; c++)
    width[c] = gw_cli_text_width (columns[c]);
  for (guint i = 0; i < rows->len; i++)
    for (guint c = 0; c < n_columns; c++)
      width[c] = MAX (width[c], gw_cli_text_width (((char **) g_ptr_array_index (rows, i))[c]));

  append_table_line (out, columns, width, right, n_columns);
  for (guint i = 0; i < rows->len; i++)
    append_table_line (out, g_ptr_array_index (rows, i), width, right, n_columns);
}
