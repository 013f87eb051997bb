/* gw-table-writer.c: the tracker's and the indicators' tables as text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gw-config.h"

#include "gw-table-writer.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

/* How a column's numbers are written in CSV and the aligned table. */
typedef enum
{
  COLUMN_TEXT = 0,
  COLUMN_FIXED4,      /* "%.4f": the tracker's gaps and percentages */
  COLUMN_SIG12,       /* "%.12g": the indicators' values and limits */
} ColumnKind;

typedef struct
{
  const char *name;
  ColumnKind  kind;
} Column;

/* One cell: text for a text column, a number (NAN: none) for the others. */
typedef struct
{
  char   *text;
  double  number;
} Cell;

typedef struct
{
  const Column *columns;
  guint         n_columns;
  GArray       *cells;        /* Cell, n_columns per row */
} Table;

static void
cell_clear (gpointer data)
{
  g_free (((Cell *) data)->text);
}

static void
table_init (Table *t, const Column *columns, guint n_columns)
{
  t->columns = columns;
  t->n_columns = n_columns;
  t->cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  g_array_set_clear_func (t->cells, cell_clear);
}

static void
table_clear (Table *t)
{
  g_clear_pointer (&t->cells, g_array_unref);
}

static guint
table_n_rows (const Table *t)
{
  return t->cells->len / t->n_columns;
}

static Cell *
table_cell (const Table *t, guint row, guint column)
{
  return &g_array_index (t->cells, Cell, row * t->n_columns + column);
}

/* Appends a row; the caller fills its cells. */
static Cell *
table_add_row (Table *t)
{
  guint first = t->cells->len;

  g_array_set_size (t->cells, first + t->n_columns);
  for (guint c = 0; c < t->n_columns; c++)
    g_array_index (t->cells, Cell, first + c).number = NAN;
  return &g_array_index (t->cells, Cell, first);
}

/* The cell as CSV and the table show it (C locale, empty when none). */
static char *
cell_text (const Column *column, const Cell *cell)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  switch (column->kind)
    {
    case COLUMN_FIXED4:
      return isfinite (cell->number) ? g_strdup (g_ascii_formatd (buf, sizeof buf, "%.4f", cell->number))
                                     : g_strdup ("");
    case COLUMN_SIG12:
      return isfinite (cell->number) ? g_strdup (g_ascii_formatd (buf, sizeof buf, "%.12g", cell->number))
                                     : g_strdup ("");
    case COLUMN_TEXT:
    default:
      return g_strdup (cell->text != NULL ? cell->text : "");
    }
}

/* --- CSV, TSV and the aligned table ------------------------------------- */

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
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_delimited_field (GString *out, const char *text, GwTableFormat format)
{
  if (format == GW_TABLE_FORMAT_TSV)
    {
      /* a tab or line break inside a field would shift the columns */
      g_autofree char *clean = g_strdup (text);

      g_strdelimit (clean, "\t\r\n", ' ');
      g_string_append (out, clean);
    }
  else
    append_csv_field (out, text);
}

static void
write_delimited (GString *out, const Table *t, GwTableFormat format)
{
  char sep = format == GW_TABLE_FORMAT_TSV ? '\t' : ',';

  for (guint c = 0; c < t->n_columns; c++)
    {
      if (c > 0)
        g_string_append_c (out, sep);
      append_delimited_field (out, t->columns[c].name, format);
    }
  g_string_append_c (out, '\n');

  for (guint r = 0; r < table_n_rows (t); r++)
    {
      for (guint c = 0; c < t->n_columns; c++)
        {
          g_autofree char *text = cell_text (&t->columns[c], table_cell (t, r, c));

          if (c > 0)
            g_string_append_c (out, sep);
          append_delimited_field (out, text, format);
        }
      g_string_append_c (out, '\n');
    }
}

guint
gw_table_text_width (const char *text)
{
  if (text == NULL)
    return 0;
  if (!g_utf8_validate (text, -1, NULL))
    return (guint) strlen (text);
  return (guint) g_utf8_strlen (text, -1);
}

void
gw_table_append_padded (GString    *out,
                        const char *text,
                        guint       width,
                        gboolean    right)
{
  guint len;

  g_return_if_fail (out != NULL);

  if (text == NULL)
    text = "";
  len = gw_table_text_width (text);
  if (!right)
    g_string_append (out, text);
  for (guint i = len; i < width; i++)
    g_string_append_c (out, ' ');
  if (right)
    g_string_append (out, text);
}

static void
append_table_line (GString *out, const Table *t, char **fields, const guint *width)
{
  for (guint c = 0; c < t->n_columns; c++)
    {
      gboolean right = t->columns[c].kind != COLUMN_TEXT;

      /* no trailing blanks after a left-aligned last column */
      if (c + 1 == t->n_columns && !right)
        g_string_append (out, fields[c]);
      else
        gw_table_append_padded (out, fields[c], width[c], right);
      g_string_append (out, c + 1 < t->n_columns ? "  " : "\n");
    }
}

static void
write_aligned (GString *out, const Table *t)
{
  guint n_rows = table_n_rows (t);
  g_autofree guint *width = g_new0 (guint, t->n_columns);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char **header = g_new0 (char *, t->n_columns);

  for (guint c = 0; c < t->n_columns; c++)
    {
      header[c] = (char *) t->columns[c].name;
      width[c] = gw_table_text_width (header[c]);
    }
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < t->n_columns; c++)
      {
        char *text = cell_text (&t->columns[c], table_cell (t, r, c));

        width[c] = MAX (width[c], gw_table_text_width (text));
        g_ptr_array_add (texts, text);
      }

  append_table_line (out, t, header, width);
  for (guint r = 0; r < n_rows; r++)
    append_table_line (out, t, (char **) texts->pdata + (gsize) r * t->n_columns, width);
}

/* --- JSON ----------------------------------------------------------------- */

const char *
gw_table_format_json_number (double  value,
                             char   *buf)
{
  g_return_val_if_fail (buf != NULL, NULL);

  if (!isfinite (value))
    return strcpy (buf, "null");
  /* The shortest of %.1g … %.17g that reads back as the same double: 17
   * significant digits always do (IEEE 754 binary64). */
  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  return buf;
}

static void
append_json_string (GString *out, const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);

  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) valid; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*p < 0x20 || *p == 0x7f)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_indent (GString *out, guint indent)
{
  for (guint i = 0; i < indent; i++)
    g_string_append (out, "  ");
}

/* The rows as a JSON array of objects, pretty-printed at indent. */
static void
write_json_rows (GString *out, const Table *t, guint indent)
{
  guint n_rows = table_n_rows (t);

  if (n_rows == 0)
    {
      g_string_append (out, "[]");
      return;
    }
  g_string_append (out, "[\n");
  for (guint r = 0; r < n_rows; r++)
    {
      append_indent (out, indent + 1);
      g_string_append (out, "{\n");
      for (guint c = 0; c < t->n_columns; c++)
        {
          const Cell *cell = table_cell (t, r, c);

          append_indent (out, indent + 2);
          append_json_string (out, t->columns[c].name);
          g_string_append (out, " : ");
          if (t->columns[c].kind != COLUMN_TEXT)
            {
              char buf[G_ASCII_DTOSTR_BUF_SIZE];

              g_string_append (out, gw_table_format_json_number (cell->number, buf));
            }
          else if (cell->text == NULL || cell->text[0] == '\0')
            g_string_append (out, "null");
          else
            append_json_string (out, cell->text);
          g_string_append (out, c + 1 < t->n_columns ? ",\n" : "\n");
        }
      append_indent (out, indent + 1);
      g_string_append (out, r + 1 < n_rows ? "},\n" : "}\n");
    }
  append_indent (out, indent);
  g_string_append_c (out, ']');
}

static void
write_table (GString *out, const Table *t, GwTableFormat format)
{
  switch (format)
    {
    case GW_TABLE_FORMAT_JSON:
      write_json_rows (out, t, 0);
      g_string_append_c (out, '\n');
      break;
    case GW_TABLE_FORMAT_TABLE:
      write_aligned (out, t);
      break;
    case GW_TABLE_FORMAT_CSV:
    case GW_TABLE_FORMAT_TSV:
    default:
      write_delimited (out, t, format);
      break;
    }
}

gboolean
gw_table_format_parse (const char    *text,
                       GwTableFormat *out)
{
  if (text == NULL || g_strcmp0 (text, "csv") == 0)
    *out = GW_TABLE_FORMAT_CSV;
  else if (g_strcmp0 (text, "json") == 0)
    *out = GW_TABLE_FORMAT_JSON;
  else if (g_strcmp0 (text, "table") == 0)
    *out = GW_TABLE_FORMAT_TABLE;
  else
    return FALSE;
  return TRUE;
}

/* --- the tracker ---------------------------------------------------------- */

static const Column tracker_columns[] = {
  { "area_code", COLUMN_TEXT }, { "area_name", COLUMN_TEXT }, { "sex", COLUMN_TEXT },
  { "baseline_period", COLUMN_TEXT }, { "baseline_gap", COLUMN_FIXED4 },
  { "latest_period", COLUMN_TEXT }, { "latest_gap", COLUMN_FIXED4 },
  { "change_since_baseline", COLUMN_FIXED4 }, { "target_gap", COLUMN_FIXED4 },
  { "trajectory_gap", COLUMN_FIXED4 }, { "projected_gap", COLUMN_FIXED4 },
  { "required_narrowing", COLUMN_FIXED4 }, { "status", COLUMN_TEXT },
  /* issue 13, appended so that scripts reading the first 13 keep working */
  { "latest_gap_lower95", COLUMN_FIXED4 }, { "latest_gap_upper95", COLUMN_FIXED4 },
  { "change_pp", COLUMN_FIXED4 }, { "projected_lower95", COLUMN_FIXED4 },
  { "projected_upper95", COLUMN_FIXED4 }, { "certainty", COLUMN_TEXT },
  { "reason", COLUMN_TEXT },
};

static char *
period_text (GwPeriod period)
{
  char buf[GW_PERIOD_STRLEN];

  return period == 0 ? g_strdup ("") : g_strdup (gw_period_format (period, buf));
}

static void
tracker_table (Table *t, GPtrArray *rows)
{
  table_init (t, tracker_columns, G_N_ELEMENTS (tracker_columns));
  for (guint i = 0; i < rows->len; i++)
    {
      const GwTrackerRow *r = g_ptr_array_index (rows, i);
      Cell *c = table_add_row (t);

      c[0].text = g_strdup (r->code != NULL ? r->code : "");
      c[1].text = g_strdup (r->name != NULL ? r->name : "");
      c[2].text = g_strdup (gw_sex_to_string (r->sex));
      c[3].text = period_text (r->baseline_period);
      c[4].number = r->baseline_gap;
      c[5].text = period_text (r->latest_period);
      c[6].number = r->latest_gap;
      c[7].number = r->change_since_baseline;
      c[8].number = r->target_gap;
      c[9].number = r->trajectory_gap;
      c[10].number = r->projected_gap;
      c[11].number = r->required_narrowing;
      c[12].text = g_strdup (gw_target_status_to_string (r->status));
      c[13].number = r->latest_gap_lower95;
      c[14].number = r->latest_gap_upper95;
      c[15].number = r->change_pp;
      c[16].number = r->projected_lower95;
      c[17].number = r->projected_upper95;
      c[18].text = g_strdup (gw_certainty_to_string (r->certainty));
      c[19].text = g_strdup (r->reason_text != NULL ? r->reason_text : "");
    }
}

static void
append_json_summary (GString *out, const GwTrackerSummary *s, guint indent)
{
  const struct { const char *name; guint value; } parts[] = {
    { "both", s->both }, { "men-only", s->men_only }, { "women-only", s->women_only },
    { "neither", s->neither }, { "insufficient-data", s->insufficient_data },
    { "uncertain", s->uncertain },
  };

  g_string_append (out, "{\n");
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      append_indent (out, indent + 1);
      g_string_append_printf (out, "\"%s\" : %u%s\n", parts[i].name, parts[i].value,
                              i + 1 < G_N_ELEMENTS (parts) ? "," : "");
    }
  append_indent (out, indent);
  g_string_append_c (out, '}');
}

void
gw_table_write_tracker_rows (GString                *out,
                             GPtrArray              *rows,
                             const GwTrackerSummary *summary,
                             GwTableFormat           format)
{
  Table t;

  g_return_if_fail (out != NULL);
  g_return_if_fail (rows != NULL);

  tracker_table (&t, rows);
  if (format == GW_TABLE_FORMAT_JSON && summary != NULL)
    {
      g_string_append (out, "{\n  \"rows\" : ");
      write_json_rows (out, &t, 1);
      g_string_append (out, ",\n  \"summary\" : ");
      append_json_summary (out, summary, 1);
      g_string_append (out, "\n}\n");
    }
  else
    write_table (out, &t, format);
  table_clear (&t);
}

void
gw_table_write_tracker (GString         *out,
                        GwTrackerResult *result,
                        GwTableFormat    format)
{
  g_return_if_fail (GW_IS_TRACKER_RESULT (result));

  gw_table_write_tracker_rows (out, gw_tracker_result_get_rows (result),
                               gw_tracker_result_get_summary (result), format);
}

void
gw_table_write_tracker_summary (GString                *out,
                                const GwTrackerSummary *s)
{
  g_return_if_fail (out != NULL && s != NULL);

  g_string_append_printf (out, "both=%u men-only=%u women-only=%u neither=%u insufficient-data=%u\n",
                          s->both, s->men_only, s->women_only, s->neither, s->insufficient_data);
}

/* --- the indicators ------------------------------------------------------- */

static const Column indicator_columns[] = {
  { "indicator", COLUMN_TEXT }, { "area_code", COLUMN_TEXT }, { "area_name", COLUMN_TEXT },
  { "sex", COLUMN_TEXT }, { "period", COLUMN_TEXT }, { "value", COLUMN_SIG12 },
  { "lower95", COLUMN_SIG12 }, { "upper95", COLUMN_SIG12 }, { "lower998", COLUMN_SIG12 },
  { "upper998", COLUMN_SIG12 }, { "source", COLUMN_TEXT }, { "compared_to_england", COLUMN_TEXT },
  { "note", COLUMN_TEXT },
};

void
gw_table_write_indicators (GString      *out,
                           GwDataset    *dataset,
                           GwIndicators *indicators,
                           const guint  *indices,
                           guint         n_indices,
                           GwTableFormat format)
{
  Table t;

  g_return_if_fail (out != NULL);
  g_return_if_fail (GW_IS_DATASET (dataset));
  g_return_if_fail (indicators != NULL);

  table_init (&t, indicator_columns, G_N_ELEMENTS (indicator_columns));
  for (guint i = 0; i < n_indices; i++)
    {
      const GwIndicatorValue *v = gw_indicators_get_value (indicators, indices[i]);
      Cell *c = table_add_row (&t);
      char period[32];

      c[0].text = g_strdup (gw_indicators_get_ids (indicators)[v->indicator]);
      if (v->is_group)
        {
          c[1].text = g_strdup (gw_dataset_get_group (dataset, v->subject)->id);
          c[2].text = g_strdup (gw_dataset_get_group (dataset, v->subject)->name);
        }
      else
        {
          c[1].text = g_strdup (gw_dataset_get_area (dataset, v->subject)->code);
          c[2].text = g_strdup (gw_dataset_get_area (dataset, v->subject)->name);
        }
      c[3].text = g_strdup (gw_sex_to_string (v->sex));
      c[4].text = g_strdup (gw_indicator_value_format_period (v, period));
      c[5].number = v->value;
      c[6].number = v->lower95;
      c[7].number = v->upper95;
      c[8].number = v->lower998;
      c[9].number = v->upper998;
      c[10].text = g_strdup (gw_value_source_to_string (v->source));
      c[11].text = g_strdup (gw_comparison_to_string (v->compared));
      c[12].text = g_strdup (v->note != NULL ? v->note : "");
    }
  write_table (out, &t, format);
  table_clear (&t);
}

/* --- the SII ----------------------------------------------------------------- */

static const Column sii_columns[] = {
  { "indicator", COLUMN_TEXT }, { "area_code", COLUMN_TEXT }, { "area_name", COLUMN_TEXT },
  { "sex", COLUMN_TEXT }, { "period", COLUMN_TEXT }, { "quantiles", COLUMN_SIG12 },
  { "sii", COLUMN_SIG12 }, { "sii_lower95", COLUMN_SIG12 }, { "sii_upper95", COLUMN_SIG12 },
  { "sii_lower998", COLUMN_SIG12 }, { "sii_upper998", COLUMN_SIG12 },
  { "rii", COLUMN_SIG12 }, { "rii_lower95", COLUMN_SIG12 }, { "rii_upper95", COLUMN_SIG12 },
  { "rii_lower998", COLUMN_SIG12 }, { "rii_upper998", COLUMN_SIG12 },
};

void
gw_table_write_sii (GString                 *out,
                    GwDataset               *dataset,
                    const char              *indicator,
                    const GwInequalityValue *values,
                    guint                    n_values,
                    GwTableFormat            format)
{
  Table t;

  g_return_if_fail (out != NULL);
  g_return_if_fail (GW_IS_DATASET (dataset));
  g_return_if_fail (indicator != NULL);
  g_return_if_fail (n_values == 0 || values != NULL);

  table_init (&t, sii_columns, G_N_ELEMENTS (sii_columns));
  for (guint i = 0; i < n_values; i++)
    {
      const GwInequalityValue *v = &values[i];
      const GwSiiResult *r = &v->sii;
      const double numbers[] = {
        r->sii, r->sii_lower[GW_SII_LEVEL_95], r->sii_upper[GW_SII_LEVEL_95],
        r->sii_lower[GW_SII_LEVEL_998], r->sii_upper[GW_SII_LEVEL_998],
        r->rii, r->rii_lower[GW_SII_LEVEL_95], r->rii_upper[GW_SII_LEVEL_95],
        r->rii_lower[GW_SII_LEVEL_998], r->rii_upper[GW_SII_LEVEL_998],
      };
      Cell *c = table_add_row (&t);
      const char *code, *name;

      G_STATIC_ASSERT (G_N_ELEMENTS (numbers) + 6 == G_N_ELEMENTS (sii_columns));
      if (v->is_group)
        {
          code = gw_dataset_get_group (dataset, v->subject)->id;
          name = gw_dataset_get_group (dataset, v->subject)->name;
        }
      else
        {
          code = gw_dataset_get_area (dataset, v->subject)->code;
          name = gw_dataset_get_area (dataset, v->subject)->name;
        }
      c[0].text = g_strdup (indicator);
      c[1].text = g_strdup (code);
      c[2].text = g_strdup (name != NULL ? name : "");
      c[3].text = g_strdup (gw_sex_to_string (v->sex));
      c[4].text = period_text (v->period);
      c[5].number = v->n_deciles;
      /* a subject without every decile: its row, without numbers */
      for (guint k = 0; k < G_N_ELEMENTS (numbers); k++)
        c[6 + k].number = v->has_value ? numbers[k] : NAN;
    }
  write_table (out, &t, format);
  table_clear (&t);
}

/* --- targets ------------------------------------------------------------- */

static const Column target_columns[] = {
  { "id", COLUMN_TEXT }, { "name", COLUMN_TEXT }, { "indicator", COLUMN_TEXT },
  { "subject", COLUMN_TEXT }, { "comparator", COLUMN_TEXT }, { "gap", COLUMN_TEXT },
  { "baseline", COLUMN_TEXT }, { "target", COLUMN_TEXT }, { "reduction", COLUMN_SIG12 },
  { "sexes", COLUMN_TEXT }, { "method", COLUMN_TEXT }, { "polarity", COLUMN_TEXT },
  { "built_in", COLUMN_TEXT }, { "measure", COLUMN_TEXT },
};

static char *
sexes_text (guint sexes)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (GwSex sex = GW_SEX_MALE; sex < GW_N_SEXES; sex++)
    if (sexes & (1u << sex))
      g_string_append_printf (text, "%s%s", text->len > 0 ? "," : "", gw_sex_to_string (sex));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
gw_table_write_targets (GString       *out,
                        GPtrArray     *targets,
                        GwTableFormat  format)
{
  Table t;

  g_return_if_fail (out != NULL);
  g_return_if_fail (targets != NULL);

  table_init (&t, target_columns, G_N_ELEMENTS (target_columns));
  for (guint i = 0; i < targets->len; i++)
    {
      const GwTarget *target = g_ptr_array_index (targets, i);
      Cell *c = table_add_row (&t);

      c[0].text = g_strdup (target->name);
      c[1].text = g_strdup (target->title != NULL ? target->title : "");
      c[2].text = g_strdup (target->indicator);
      c[3].text = gw_target_subject_to_string (target);
      c[4].text = g_strdup (target->comparator != NULL ? target->comparator : "");
      c[5].text = g_strdup (gw_gap_measure_to_string (target->gap));
      c[6].text = period_text (target->baseline);
      c[7].text = period_text (target->target_period);
      c[8].number = 100.0 * target->reduction;
      c[9].text = sexes_text (target->sexes);
      c[10].text = g_strdup (gw_projection_to_string (target->method));
      c[11].text = g_strdup (target->polarity != GW_POLARITY_NONE ? gw_polarity_to_string (target->polarity) : "");
      c[12].text = g_strdup (g_strv_contains (gw_target_builtin_names (), target->name) ? "yes" : "no");
      c[13].text = g_strdup (gw_target_measure_to_string (target->measure));
    }
  write_table (out, &t, format);
  table_clear (&t);
}

/* --- output --------------------------------------------------------------- */

gboolean
gw_table_write_out (const GString  *text,
                    const char     *path,
                    GError        **error)
{
  g_return_val_if_fail (text != NULL, FALSE);

  if (path != NULL)
    return g_file_set_contents (path, text->str, (gssize) text->len, error);

  /* stdout: every byte, then the flush, then the stream's error flag: a full
   * disk (> /dev/full) shows only at the flush */
  errno = 0;
  if (fwrite (text->str, 1, text->len, stdout) != text->len || fflush (stdout) != 0
      || ferror (stdout))
    {
      int saved = errno != 0 ? errno : EIO;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("could not write to standard output: %s"), g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* --- decompose, reckon -------------------------------------------------------- */

static const Column decompose_columns[] = {
  { "area_code", COLUMN_TEXT }, { "area_name", COLUMN_TEXT }, { "sex", COLUMN_TEXT },
  { "period", COLUMN_TEXT }, { "comparator_code", COLUMN_TEXT }, { "age", COLUMN_TEXT },
  { "cause", COLUMN_TEXT }, { "contribution", COLUMN_SIG12 }, { "share", COLUMN_SIG12 },
};

static const Column reckon_columns[] = {
  { "area_code", COLUMN_TEXT }, { "area_name", COLUMN_TEXT }, { "sex", COLUMN_TEXT },
  { "period", COLUMN_TEXT }, { "needed_gap", COLUMN_SIG12 }, { "needed_value", COLUMN_SIG12 },
  { "current_value", COLUMN_SIG12 }, { "k", COLUMN_SIG12 }, { "age", COLUMN_TEXT },
  { "cause", COLUMN_TEXT }, { "deaths_to_prevent", COLUMN_SIG12 },
};

/* The first four columns of both, then the band's and cause's names at
 * age_column; returns the row. */
static Cell *
gap_row (Table *t, const GwGapDecomp *d, guint age_column, guint band, guint cause)
{
  Cell *c = table_add_row (t);

  c[0].text = g_strdup (d->subject_code);
  c[1].text = g_strdup (d->subject_name != NULL ? d->subject_name : "");
  c[2].text = g_strdup (gw_sex_to_string (d->request.sex));
  c[3].text = period_text (d->request.period);
  c[age_column].text = g_strdup (band == GW_DECOMP_ALL ? "all" : gw_age_band_to_string (d->bands[band]));
  c[age_column + 1].text = g_strdup (cause == GW_DECOMP_ALL ? "all" : d->causes[cause].id);
  return c;
}

void
gw_table_write_decompose (GString       *out,
                          GPtrArray     *decomps,
                          GwTableFormat  format)
{
  Table t;

  g_return_if_fail (out != NULL && decomps != NULL);

  table_init (&t, decompose_columns, G_N_ELEMENTS (decompose_columns));
  for (guint i = 0; i < decomps->len; i++)
    {
      const GwGapDecomp *d = g_ptr_array_index (decomps, i);

      for (guint x = 0; x <= d->n_bands; x++)
        for (guint c = 0; c <= d->n_causes; c++)
          {
            guint band = x == d->n_bands ? GW_DECOMP_ALL : x;
            guint cause = c == 0 ? GW_DECOMP_ALL : c - 1;
            Cell *row = gap_row (&t, d, 5, band, cause);

            row[4].text = g_strdup (d->comparator_code);
            row[7].number = gw_gap_decomp_get (d, band, cause);
            row[8].number = gw_gap_decomp_get_share (d, band, cause);
          }
    }
  write_table (out, &t, format);
  table_clear (&t);
}

void
gw_table_write_reckon (GString       *out,
                       GPtrArray     *decomps,
                       GPtrArray     *reckonings,
                       GwTableFormat  format)
{
  Table t;

  g_return_if_fail (out != NULL && decomps != NULL && reckonings != NULL);
  g_return_if_fail (decomps->len == reckonings->len);

  table_init (&t, reckon_columns, G_N_ELEMENTS (reckon_columns));
  for (guint i = 0; i < decomps->len; i++)
    {
      const GwGapDecomp *d = g_ptr_array_index (decomps, i);
      const GwGapReckoning *r = g_ptr_array_index (reckonings, i);

      for (guint x = 0; x <= d->n_bands; x++)
        for (guint c = 0; c <= d->n_causes; c++)
          {
            guint band = x == d->n_bands ? GW_DECOMP_ALL : x;
            guint cause = c == 0 ? GW_DECOMP_ALL : c - 1;
            Cell *row;

            /* nothing to prevent: the total alone says so */
            if (r->k == 0.0 && (band != GW_DECOMP_ALL || cause != GW_DECOMP_ALL))
              continue;
            row = gap_row (&t, d, 8, band, cause);
            row[4].number = r->needed_gap;
            row[5].number = r->needed_value;
            row[6].number = r->current_value;
            row[7].number = r->k;
            row[10].number = gw_gap_reckoning_get (r, band, cause);
          }
    }
  write_table (out, &t, format);
  table_clear (&t);
}
