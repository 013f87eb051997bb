/* gw-sii-writer.c: the SII rows as CSV, JSON or an aligned table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gw-sii-writer.h"

#include <math.h>
#include <string.h>

static const char *const sii_columns[] = {
  "indicator", "area_code", "area_name", "sex", "period", "quantiles",
  "sii", "sii_lower95", "sii_upper95", "sii_lower998", "sii_upper998",
  "rii", "rii_lower95", "rii_upper95", "rii_lower998", "rii_upper998",
};
#define N_COLUMNS G_N_ELEMENTS (sii_columns)
/* Columns before this one are text, from it on numbers. */
#define FIRST_NUMBER 5

/* One row: its text columns, and its numbers (NAN: none). */
typedef struct
{
  const char *text[FIRST_NUMBER];
  char        period[GW_PERIOD_STRLEN];
  double      number[N_COLUMNS - FIRST_NUMBER];
} Row;

static void
fill_row (Row *row, GwDataset *dataset, const char *indicator, const GwInequalityValue *v)
{
  const GwSiiResult *r = &v->sii;
  const double limits[] = {
    r->sii, r->sii_lower[GW_SII_LEVEL_95], r->sii_upper[GW_SII_LEVEL_95],
    r->sii_lower[GW_SII_LEVEL_998], r->sii_upper[GW_SII_LEVEL_998],
    r->rii, r->rii_lower[GW_SII_LEVEL_95], r->rii_upper[GW_SII_LEVEL_95],
    r->rii_lower[GW_SII_LEVEL_998], r->rii_upper[GW_SII_LEVEL_998],
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (limits) + 1 == N_COLUMNS - FIRST_NUMBER);

  row->text[0] = indicator;
  if (v->is_group)
    {
      const GwGroup *group = gw_dataset_get_group (dataset, v->subject);

      row->text[1] = group->id;
      row->text[2] = group->name;
    }
  else
    {
      const GwArea *area = gw_dataset_get_area (dataset, v->subject);

      row->text[1] = area->code;
      row->text[2] = area->name;
    }
  if (row->text[2] == NULL)
    row->text[2] = "";
  row->text[3] = gw_sex_to_string (v->sex);
  row->text[4] = gw_period_format (v->period, row->period);
  row->number[0] = v->n_deciles;
  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    row->number[i + 1] = v->has_value ? limits[i] : NAN;
}

/* The text of column c as CSV and the aligned table show it. */
static char *
column_text (const Row *row, guint c)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double x;

  if (c < FIRST_NUMBER)
    return g_strdup (row->text[c]);
  x = row->number[c - FIRST_NUMBER];
  return g_strdup (isfinite (x) ? g_ascii_formatd (buf, sizeof buf, "%.12g", x) : "");
}

/* RFC 4180: a field with a comma, a quote or a line break is quoted, its
 * quotes doubled. */
static void
append_csv (GString *out, const char *text)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *doubled = NULL;

  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  parts = g_strsplit (text, "\"", -1);
  doubled = g_strjoinv ("\"\"", parts);
  g_string_append_printf (out, "\"%s\"", doubled);
}

/* A JSON string: valid UTF-8 (U+FFFD for a stray byte), quotes, backslashes
 * and control characters escaped. */
static void
append_json_text (GString *out, const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) valid; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if (*p < 0x20 || *p == 0x7f)
        g_string_append_printf (out, "\\u%04x", *p);
      else
        g_string_append_c (out, (char) *p);
    }
  g_string_append_c (out, '"');
}

static void
write_csv (GString *out, const Row *rows, guint n_rows)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    g_string_append_printf (out, "%s%s", sii_columns[c], c + 1 < N_COLUMNS ? "," : "\n");
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < N_COLUMNS; c++)
      {
        g_autofree char *text = column_text (&rows[r], c);

        append_csv (out, text);
        g_string_append_c (out, c + 1 < N_COLUMNS ? ',' : '\n');
      }
}

static void
write_json (GString *out, const Row *rows, guint n_rows)
{
  g_string_append (out, n_rows > 0 ? "[\n" : "[]\n");
  for (guint r = 0; r < n_rows; r++)
    {
      g_string_append (out, "  {\n");
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          g_string_append_printf (out, "    \"%s\" : ", sii_columns[c]);
          if (c < FIRST_NUMBER)
            append_json_text (out, rows[r].text[c]);
          else
            {
              char buf[G_ASCII_DTOSTR_BUF_SIZE];

              /* quantiles is a count: 10, not the shortest double "1e+01" */
              if (c == FIRST_NUMBER)
                g_string_append_printf (out, "%u", (guint) rows[r].number[0]);
              else
                g_string_append (out, gw_table_format_json_number (rows[r].number[c - FIRST_NUMBER], buf));
            }
          g_string_append (out, c + 1 < N_COLUMNS ? ",\n" : "\n");
        }
      g_string_append (out, r + 1 < n_rows ? "  },\n" : "  }\n]\n");
    }
}

/* Columns as wide as their widest cell, two spaces apart; numbers
 * right-aligned. */
static void
write_aligned (GString *out, const Row *rows, guint n_rows)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  guint width[N_COLUMNS];

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      g_ptr_array_add (texts, g_strdup (sii_columns[c]));
      width[c] = gw_table_text_width (sii_columns[c]);
    }
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < N_COLUMNS; c++)
      {
        char *text = column_text (&rows[r], c);

        width[c] = MAX (width[c], gw_table_text_width (text));
        g_ptr_array_add (texts, text);
      }
  for (guint i = 0; i < texts->len; i++)
    {
      guint c = i % N_COLUMNS;

      gw_table_append_padded (out, g_ptr_array_index (texts, i), width[c], c >= FIRST_NUMBER);
      g_string_append (out, c + 1 < N_COLUMNS ? "  " : "\n");
    }
}

/**
 * gw_table_write_sii:
 * @out: where the text is appended
 * @dataset: the dataset the values are of (areas' codes and names, groups)
 * @indicator: the indicator id of the values ("le-birth", "le-65")
 * @values: (array length=n_values): the rows, in order
 * @n_values: their number
 * @format: CSV, JSON or the aligned table (TSV is written as CSV)
 *
 * The SII table of `gapwatch-cli sii` (see the header for its columns).  A
 * value without an SII gives a row with its subject, sex, period and
 * deciles with counts, and no numbers.
 */
void
gw_table_write_sii (GString                 *out,
                    GwDataset               *dataset,
                    const char              *indicator,
                    const GwInequalityValue *values,
                    guint                    n_values,
                    GwTableFormat            format)
{
  g_autofree Row *rows = NULL;

  g_return_if_fail (out != NULL);
  g_return_if_fail (GW_IS_DATASET (dataset));
  g_return_if_fail (indicator != NULL);
  g_return_if_fail (n_values == 0 || values != NULL);

  rows = g_new0 (Row, MAX (n_values, 1));
  for (guint i = 0; i < n_values; i++)
    fill_row (&rows[i], dataset, indicator, &values[i]);

  switch (format)
    {
    case GW_TABLE_FORMAT_JSON:
      write_json (out, rows, n_values);
      break;
    case GW_TABLE_FORMAT_TABLE:
      write_aligned (out, rows, n_values);
      break;
    case GW_TABLE_FORMAT_CSV:
    case GW_TABLE_FORMAT_TSV:
    default:
      write_csv (out, rows, n_values);
      break;
    }
}
