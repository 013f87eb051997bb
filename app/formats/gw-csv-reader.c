/* gw-csv-reader.c: the reader of CSV tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A hand-written RFC 4180 reader: fields separated by commas, records by
 * CRLF or LF (a lone CR too), a field in double quotes may hold commas, line
 * breaks and doubled quotes.  Debian has one C CSV library, libcsv (3.0.3,
 * last released 2013): it calls back per field but knows no line numbers of
 * fields and does not check UTF-8, which are most of what is needed here,
 * so it is not worth a dependency for this loop.
 *
 * The file streams through a GwInput in chunks (a Fingertips download of a
 * whole profile is hundreds of MB); one record is held at a time.  Every
 * field is checked to be UTF-8 (Excel on Windows saves "CSV" in
 * Windows-1252 unless told "CSV UTF-8": that is refused with what to do).
 */
#include "gw-config.h"
#include "gw-csv-reader.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gw-rows-private.h"

#define CHUNK_SIZE      (256 * 1024)
#define MAX_FIELD_LEN   (1024 * 1024)
#define MAX_FIELDS      4096

typedef enum
{
  S_START,        /* at the start of a field */
  S_UNQUOTED,
  S_QUOTED,
  S_QUOTE_SEEN,   /* a quote inside a quoted field: doubled, or the end */
} State;

typedef struct
{
  GwRows     *rows;
  const char *path;

  State       state;
  guint       line;          /* of the byte being read */
  gboolean    pending_cr;    /* a CR ended a record: a LF right after it belongs to it */
  gboolean    stop;

  /* the record: its fields' bytes, each NUL-terminated, and where each
   * field starts in them and in the file (plain buffers: appending is most
   * of the reading) */
  char       *text;
  gsize       len;
  gsize       cap;
  guint      *starts;
  guint      *lines;
  guint       n_fields;
  guint       cap_fields;
  GArray     *cells;         /* GwCell */
  guint       field_start_line;
  guint       record_line;
} Csv;

static void
problem (Csv *c, guint line, guint column, const char *message)
{
  _gw_rows_problem (c->rows, line, column, message);
  if (_gw_rows_full (c->rows))
    c->stop = TRUE;
}

static inline void
append_bytes (Csv *c, const guchar *p, gsize len)
{
  if (c->len + len > c->cap)
    {
      c->cap = MAX (c->len + len, MAX (4096, c->cap * 2));
      c->text = g_realloc (c->text, c->cap);
    }
  memcpy (c->text + c->len, p, len);
  c->len += len;
}

static void
start_field (Csv *c)
{
  if (c->n_fields == 0)
    c->record_line = c->line;
  if (c->n_fields == c->cap_fields)
    {
      c->cap_fields = MAX (64, c->cap_fields * 2);
      c->starts = g_renew (guint, c->starts, c->cap_fields);
      c->lines = g_renew (guint, c->lines, c->cap_fields);
    }
  c->starts[c->n_fields] = c->len;
  c->lines[c->n_fields] = c->line;
  c->n_fields++;
}

static void
end_field (Csv *c)
{
  append_bytes (c, (const guchar *) "", 1);
  if (c->n_fields > MAX_FIELDS)
    {
      g_autofree char *message = g_strdup_printf (_("the row has more than %u columns"), MAX_FIELDS);

      problem (c, c->record_line, MAX_FIELDS + 1, message);
      c->stop = TRUE;
    }
}

static void
end_record (Csv *c)
{
  guint n = c->n_fields;
  gboolean plain;

  if (n == 0 || c->stop)
    goto done;
  /* ASCII with a NUL only after each field (as good as all records are)
   * needs no UTF-8 check of each field */
  {
    guchar high = 0;
    guint nuls = 0;

    for (gsize i = 0; i < c->len; i++)
      {
        high |= (guchar) c->text[i];
        nuls += c->text[i] == '\0';
      }
    plain = high < 0x80 && nuls == n;
  }
  g_array_set_size (c->cells, n);
  for (guint i = 0; i < n; i++)
    {
      GwCell *cell = &g_array_index (c->cells, GwCell, i);
      guint start = c->starts[i];
      guint end = i + 1 < n ? c->starts[i + 1] - 1 : c->len - 1;

      cell->text = c->text + start;
      cell->line = c->lines[i];
      cell->column = i + 1;
      if (!plain && !g_utf8_validate (cell->text, end - start, NULL))
        {
          problem (c, cell->line, cell->column,
                   _("the text is not UTF-8: save the file as “CSV UTF-8” (Excel) or choose UTF-8 when saving"));
          c->stop = TRUE;
          goto done;
        }
    }

  if (_gw_rows_has_header (c->rows))
    _gw_rows_add (c->rows, (const GwCell *) c->cells->data, n);
  else
    {
      gboolean blank = TRUE;

      for (guint i = 0; i < n && blank; i++)
        blank = g_array_index (c->cells, GwCell, i).text[0] == '\0';
      if (!blank && !_gw_rows_header (c->rows, (const GwCell *) c->cells->data, n))
        {
          g_autofree char *message = g_strdup_printf (_("the first row is not a header Gapwatch reads: expected %s"),
                                                      _gw_rows_expected ());
          problem (c, c->record_line, 0, message);
          c->stop = TRUE;
        }
      else if (!blank && _gw_rows_n_problems (c->rows) > 0)
        c->stop = TRUE;
    }
  if (_gw_rows_full (c->rows))
    c->stop = TRUE;

done:
  c->len = 0;
  c->n_fields = 0;
}

static void
field_too_long (Csv *c)
{
  g_autofree char *message = g_strdup_printf (_("a field longer than %u bytes: is this a CSV file?"), MAX_FIELD_LEN);

  problem (c, c->lines[c->n_fields - 1], c->n_fields, message);
  c->stop = TRUE;
}

/* Appends a run of a field's bytes. */
static inline void
append (Csv *c, const guchar *p, gsize len)
{
  append_bytes (c, p, len);
  if (c->len - c->starts[c->n_fields - 1] > MAX_FIELD_LEN)
    field_too_long (c);
}

/* A line break outside quotes ends the record. */
static const guchar *
line_break (Csv *c, const guchar *p)
{
  end_field (c);
  end_record (c);
  c->line++;
  c->pending_cr = *p == '\r';
  c->state = S_START;
  return p + 1;
}

static void
feed (Csv *c, const guchar *p, const guchar *end)
{
  while (p < end && !c->stop)
    {
      if (c->pending_cr)
        {
          c->pending_cr = FALSE;
          if (*p == '\n')
            {
              p++;
              continue;
            }
        }

      switch (c->state)
        {
        case S_START:
          start_field (c);
          if (*p == '"')
            {
              c->state = S_QUOTED;
              p++;
            }
          else
            c->state = S_UNQUOTED;
          break;

        case S_UNQUOTED:
          {
            const guchar *q = p;

            while (q < end && *q != ',' && *q != '\n' && *q != '\r' && *q != '"')
              q++;
            append (c, p, q - p);
            p = q;
            if (p == end)
              break;
            if (*p == ',')
              {
                end_field (c);
                c->state = S_START;
                p++;
              }
            else if (*p == '"')
              {
                problem (c, c->line, c->n_fields,
                         _("a quote (\") inside a field that does not start with one: "
                           "put the whole field in quotes and double the quote (\"\")"));
                c->stop = TRUE;
              }
            else
              p = line_break (c, p);
          }
          break;

        case S_QUOTED:
          {
            const guchar *q = p;

            while (q < end && *q != '"')
              {
                if (*q == '\n')
                  c->line++;
                q++;
              }
            append (c, p, q - p);
            p = q;
            if (p < end)
              {
                c->state = S_QUOTE_SEEN;
                p++;
              }
          }
          break;

        case S_QUOTE_SEEN:
          if (*p == '"')
            {
              append (c, p, 1);
              c->state = S_QUOTED;
              p++;
            }
          else if (*p == ',')
            {
              end_field (c);
              c->state = S_START;
              p++;
            }
          else if (*p == '\n' || *p == '\r')
            p = line_break (c, p);
          else
            {
              problem (c, c->line, c->n_fields,
                       _("text after the closing quote of a quoted field: a quote inside quotes is written twice (\"\")"));
              c->stop = TRUE;
            }
          break;
        }
    }
}

/* The end of the file: the last record may have no line break. */
static void
finish (Csv *c)
{
  if (c->stop)
    return;
  switch (c->state)
    {
    case S_QUOTED:
      problem (c, c->lines[c->n_fields - 1], c->n_fields,
               _("a quoted field is not closed: the file ends inside its quotes"));
      break;
    case S_UNQUOTED:
    case S_QUOTE_SEEN:
      end_field (c);
      end_record (c);
      break;
    case S_START:
      if (c->n_fields > 0)
        {
          /* "a,b," at the very end: an empty last field */
          start_field (c);
          end_field (c);
          end_record (c);
        }
      break;
    }
}

/* Reads the file through c. */
static gboolean
read_all (Csv *c, GwInput *input, guchar *buf, GError **error)
{
  gboolean first = TRUE;

  for (;;)
    {
      gssize n = gw_input_read (input, buf, CHUNK_SIZE, error);
      const guchar *p = buf;

      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      if (first)
        {
          first = FALSE;
          if (n >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
            p += 3;
          else if (n >= 2 && (memcmp (p, "\xff\xfe", 2) == 0 || memcmp (p, "\xfe\xff", 2) == 0))
            {
              problem (c, 1, 1, _("the file is UTF-16 text (Excel's “Unicode text”): save it as “CSV UTF-8”"));
              return TRUE;
            }
        }
      feed (c, p, buf + n);
      if (c->stop)
        return TRUE;
    }
  finish (c);
  if (!_gw_rows_has_header (c->rows) && _gw_rows_n_problems (c->rows) == 0)
    problem (c, 0, 0, _("the file has no rows"));
  return TRUE;
}

/* One pass over the file. */
static gboolean
parse (GwRows *rows, GwInput *input, GError **error)
{
  g_autofree guchar *buf = g_malloc (CHUNK_SIZE);
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (GwCell));
  Csv c = { 0 };
  gboolean ok;

  c.rows = rows;
  c.path = gw_input_get_path (input);
  c.line = 1;
  c.cells = cells;
  ok = read_all (&c, input, buf, error);
  g_free (c.text);
  g_free (c.starts);
  g_free (c.lines);
  return ok;
}

struct _GwCsvReader
{
  GwReader parent_instance;
};

G_DEFINE_FINAL_TYPE (GwCsvReader, gw_csv_reader, GW_TYPE_READER)

/* The first line names the columns of a table read here: surely ours. */
static gboolean
header_is_ours (const GwHead *head)
{
  const char *p = (const char *) head->data, *end = p + head->len;
  const char *nl = memchr (p, '\n', head->len);
  g_autofree char *line = g_ascii_strdown (p, (nl != NULL ? nl : end) - p);

  return (strstr (line, "indicator id") != NULL && strstr (line, "area code") != NULL)
         || (strstr (line, "area_code") != NULL && strstr (line, "measure") != NULL);
}

static guint
gw_csv_reader_sniff (const GwHead *head)
{
  if (head->kind == GW_HEAD_CSV || head->kind == GW_HEAD_UNKNOWN)
    {
      if (head->len > 0 && header_is_ours (head))
        return GW_READER_SNIFF_SURE;
      /* a CSV of other columns: this reader says what it expected; text
       * in UTF-16 (Excel's "Unicode text"): what to save it as */
      if (head->kind == GW_HEAD_CSV
          || (head->len >= 2 && (memcmp (head->data, "\xff\xfe", 2) == 0 || memcmp (head->data, "\xfe\xff", 2) == 0)))
        return GW_READER_SNIFF_MAYBE;
    }
  return 0;
}

static GwBatch *
gw_csv_reader_read (GwReader   *reader,
                    GwDataset  *dataset,
                    GwInput    *input,
                    GPtrArray  *problems,
                    GError    **error)
{
  return _gw_rows_read (dataset, input, problems, parse, error);
}

static void
gw_csv_reader_class_init (GwCsvReaderClass *klass)
{
  GwReaderClass *reader_class = GW_READER_CLASS (klass);

  reader_class->sniff = gw_csv_reader_sniff;
  reader_class->read = gw_csv_reader_read;
}

static void
gw_csv_reader_init (GwCsvReader *self)
{
}

/**
 * gw_csv_reader_new:
 *
 * Returns: (transfer full): the reader of Fingertips indicator-data CSV
 *   and of CSV in Gapwatch's long columns
 */
GwReader *
gw_csv_reader_new (void)
{
  return g_object_new (GW_TYPE_CSV_READER, NULL);
}
