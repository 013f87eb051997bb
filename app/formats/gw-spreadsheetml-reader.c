/* gw-spreadsheetml-reader.c: the reader of Excel 2003 XML workbooks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Workbook > Worksheet > Table > Row > Cell > Data, in the namespace
 * urn:schemas-microsoft-com:office:spreadsheet whatever its prefix; rows
 * and cells are placed by ss:Index (or the one after the last, past
 * ss:MergeAcross), which must increase (../shared/docs/spreadsheetml.md).
 * A Data element's text is the cell's, its rich-text children's included;
 * a formula's cached result is what is read, never the formula; an Error
 * cell (#N/A) is empty.  The worksheets are looked at in order; the first
 * whose first row is a header gw-rows-private.h reads is read, the others
 * are skipped.  SAX2 on gw-xml.c: no DTD, no entity, nothing but the file.
 */
#include "gw-config.h"
#include "gw-spreadsheetml-reader.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gw-rows-private.h"
#include "gw-xml-private.h"

#define SS_NS         "urn:schemas-microsoft-com:office:spreadsheet"
/* Excel 2007's limits: more is a hostile file, not a worksheet */
#define MAX_ROWS      1048576
#define MAX_COLUMNS   16384

typedef enum
{
  SHEET_LOOKING,    /* before the first row of data */
  SHEET_READING,    /* its header is ours */
  SHEET_SKIPPED,    /* not ours, or after the one read */
} SheetState;

typedef struct
{
  GwXml       xml;            /* first: the SAX callbacks' user data is both */

  GwRows     *rows;
  guint       depth;
  gboolean    done;           /* a worksheet was read */
  SheetState  sheet;
  guint       n_sheets;
  char       *sheet_name;
  char       *first_header;   /* the first row of the first worksheet, for the message */

  /* the row being read */
  gboolean    in_row;
  guint       row;            /* 1-based, 0 before the first */
  guint       row_line;
  guint       row_column;
  guint       column;         /* of the last cell, 0 before the first */
  GPtrArray  *texts;          /* char *, per column; NULL for an empty one */
  GArray     *where;          /* guint line << 32 | column of each cell */
  guint       n_cells;        /* up to the last cell with data */

  /* the cell being read */
  gboolean    in_data;
  gboolean    error_cell;
  guint       data_depth;
  GString    *text;
} Sheet;

static void
problem (Sheet *s, guint line, guint column, const char *message)
{
  _gw_rows_problem (s->rows, line, column, message);
  if (_gw_rows_full (s->rows))
    _gw_xml_stop (&s->xml);
}

static void
problem_here (Sheet *s, const char *message)
{
  guint line, column;

  _gw_xml_element_position (&s->xml, &line, &column);
  problem (s, line, column, message);
}

/* An attribute of the SpreadsheetML namespace, or without one (hand-made
 * files write Index="3"). */
static char *
attribute (int nb_attributes, const xmlChar **attributes, const char *name)
{
  for (int i = 0; i < nb_attributes; i++)
    {
      const xmlChar **a = attributes + 5 * i;

      if (strcmp ((const char *) a[0], name) == 0
          && (a[2] == NULL || strcmp ((const char *) a[2], SS_NS) == 0))
        return g_strndup ((const char *) a[3], a[4] - a[3]);
    }
  return NULL;
}

/* An index attribute: a positive integer up to max; 0 when absent, -1 when
 * bad (reported). */
static gint64
index_attribute (Sheet *s, int nb_attributes, const xmlChar **attributes, const char *name, guint max, const char *element)
{
  g_autofree char *v = attribute (nb_attributes, attributes, name);
  guint64 n;

  if (v == NULL)
    return 0;
  if (!g_ascii_string_to_unsigned (v, 10, 1, max, &n, NULL))
    {
      g_autofree char *message = g_strdup_printf (_("<%s>: ss:%s=\"%s\" is not a number from 1 to %u"),
                                                  element, name, v, max);
      problem_here (s, message);
      return -1;
    }
  return (gint64) n;
}

static void
start_row (Sheet *s, int nb_attributes, const xmlChar **attributes)
{
  gint64 index = index_attribute (s, nb_attributes, attributes, "Index", MAX_ROWS, "Row");

  if (index < 0)
    return;
  if (index > 0 && index <= s->row)
    {
      g_autofree char *message = g_strdup_printf (_("<Row>: ss:Index=\"%u\" does not come after row %u"),
                                                  (guint) index, s->row);
      problem_here (s, message);
      /* where the next cells go is not known: the rest would be noise */
      _gw_xml_stop (&s->xml);
      return;
    }
  s->row = index > 0 ? (guint) index : s->row + 1;
  if (s->row > MAX_ROWS)
    {
      g_autofree char *message = g_strdup_printf (_("the worksheet has more than %u rows"), MAX_ROWS);
      problem_here (s, message);
      _gw_xml_stop (&s->xml);
      return;
    }
  s->in_row = TRUE;
  s->column = 0;
  s->n_cells = 0;
  g_ptr_array_set_size (s->texts, 0);
  g_array_set_size (s->where, 0);
  _gw_xml_element_position (&s->xml, &s->row_line, &s->row_column);
}

static void
start_cell (Sheet *s, int nb_attributes, const xmlChar **attributes)
{
  gint64 index = index_attribute (s, nb_attributes, attributes, "Index", MAX_COLUMNS, "Cell");
  gint64 merge = index_attribute (s, nb_attributes, attributes, "MergeAcross", MAX_COLUMNS, "Cell");
  guint line, column;

  if (index < 0 || merge < 0)
    return;
  if (index > 0 && index <= s->column)
    {
      g_autofree char *message = g_strdup_printf (_("<Cell>: ss:Index=\"%u\" does not come after column %u"),
                                                  (guint) index, s->column);
      problem_here (s, message);
      /* where the next cells go is not known: the rest would be noise */
      _gw_xml_stop (&s->xml);
      return;
    }
  s->column = index > 0 ? (guint) index : s->column + 1;
  if (s->column > MAX_COLUMNS)
    {
      g_autofree char *message = g_strdup_printf (_("the row has more than %u columns"), MAX_COLUMNS);
      problem_here (s, message);
      _gw_xml_stop (&s->xml);
      return;
    }
  _gw_xml_element_position (&s->xml, &line, &column);
  while (s->texts->len < s->column)
    {
      guint64 w = (guint64) s->row_line << 32 | s->row_column;

      g_ptr_array_add (s->texts, NULL);
      g_array_append_val (s->where, w);
    }
  g_array_index (s->where, guint64, s->column - 1) = (guint64) line << 32 | column;
  /* the cells it spans are empty; the next is after them */
  s->column += (guint) merge;
}

static void
start_data (Sheet *s, int nb_attributes, const xmlChar **attributes)
{
  g_autofree char *type = attribute (nb_attributes, attributes, "Type");

  s->in_data = TRUE;
  s->data_depth = s->depth;
  s->error_cell = g_strcmp0 (type, "Error") == 0;
  g_string_truncate (s->text, 0);
}

static void
end_data (Sheet *s)
{
  s->in_data = FALSE;
  if (s->column == 0 || s->column > s->texts->len)
    return;
  g_free (g_ptr_array_index (s->texts, s->column - 1));
  g_ptr_array_index (s->texts, s->column - 1) = s->error_cell ? NULL : g_strdup (s->text->str);
  if (!s->error_cell)
    s->n_cells = s->column;
}

static char *
row_text (Sheet *s)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < s->n_cells && text->len < 200; i++)
    {
      const char *t = g_ptr_array_index (s->texts, i);

      g_string_append (text, i > 0 ? ", " : "");
      g_string_append (text, t != NULL ? t : "");
    }
  if (text->len >= 200)
    g_string_append (text, "…");
  return g_string_free (text, FALSE);
}

static void
end_row (Sheet *s)
{
  g_autoptr(GArray) cells = NULL;

  s->in_row = FALSE;
  if (s->n_cells == 0 || s->sheet == SHEET_SKIPPED || s->xml.stopped)
    return;

  cells = g_array_sized_new (FALSE, FALSE, sizeof (GwCell), s->n_cells);
  for (guint i = 0; i < s->n_cells; i++)
    {
      guint64 w = g_array_index (s->where, guint64, i);
      const char *t = g_ptr_array_index (s->texts, i);
      GwCell c = { t != NULL ? t : "", (guint) (w >> 32), (guint) (w & 0xffffffff) };

      g_array_append_val (cells, c);
    }

  if (s->sheet == SHEET_LOOKING)
    {
      if (s->first_header == NULL)
        s->first_header = row_text (s);
      if (_gw_rows_header (s->rows, (const GwCell *) cells->data, cells->len))
        {
          s->sheet = SHEET_READING;
          if (_gw_rows_n_problems (s->rows) > 0)
            _gw_xml_stop (&s->xml);
        }
      else
        s->sheet = SHEET_SKIPPED;
      return;
    }

  /* rows leave out empty cells at their end: as many as the header has */
  {
    GwCell blank = { "", s->row_line, s->row_column };

    while (cells->len < _gw_rows_n_columns (s->rows))
      g_array_append_val (cells, blank);
  }
  _gw_rows_add (s->rows, (const GwCell *) cells->data, cells->len);
  if (_gw_rows_full (s->rows))
    _gw_xml_stop (&s->xml);
}

static void
on_start_element (void           *data,
                  const xmlChar  *localname,
                  const xmlChar  *prefix,
                  const xmlChar  *uri,
                  int             nb_namespaces,
                  const xmlChar **namespaces,
                  int             nb_attributes,
                  int             nb_defaulted,
                  const xmlChar **attributes)
{
  Sheet *s = data;
  const char *name = (const char *) localname;
  gboolean ss = uri != NULL && strcmp ((const char *) uri, SS_NS) == 0;

  s->depth++;
  if (s->xml.stopped)
    return;
  if (s->depth == 1)
    {
      s->xml.seen_root = TRUE;
      if (!ss || strcmp (name, "Workbook") != 0)
        {
          g_autofree char *message = g_strdup_printf (_("the root element is <%s>; expected <Workbook> in namespace %s"),
                                                      name, SS_NS);
          problem_here (s, message);
          _gw_xml_stop (&s->xml);
        }
      goto out;
    }
  if (s->in_data || !ss)
    goto out;   /* rich text inside a cell, or another namespace */

  if (s->depth == 2 && strcmp (name, "Worksheet") == 0)
    {
      s->n_sheets++;
      s->sheet = s->done ? SHEET_SKIPPED : SHEET_LOOKING;
      s->row = 0;
      g_free (s->sheet_name);
      s->sheet_name = attribute (nb_attributes, attributes, "Name");
    }
  else if (s->depth == 4 && strcmp (name, "Row") == 0 && s->sheet != SHEET_SKIPPED)
    start_row (s, nb_attributes, attributes);
  else if (s->depth == 5 && s->in_row && strcmp (name, "Cell") == 0)
    start_cell (s, nb_attributes, attributes);
  else if (s->depth == 6 && s->in_row && s->column > 0 && strcmp (name, "Data") == 0)
    start_data (s, nb_attributes, attributes);

out:
  _gw_xml_halt_if_stopped (&s->xml);
}

static void
on_end_element (void          *data,
                const xmlChar *localname,
                const xmlChar *prefix,
                const xmlChar *uri)
{
  Sheet *s = data;
  const char *name = (const char *) localname;

  if (!s->xml.stopped)
    {
      if (s->in_data && s->depth == s->data_depth)
        end_data (s);
      else if (s->in_row && s->depth == 4 && strcmp (name, "Row") == 0)
        end_row (s);
      else if (s->depth == 2 && strcmp (name, "Worksheet") == 0 && s->sheet == SHEET_READING)
        s->done = TRUE;
    }
  s->depth--;
  _gw_xml_halt_if_stopped (&s->xml);
}

static void
on_characters (void          *data,
               const xmlChar *ch,
               int            len)
{
  Sheet *s = data;

  if (s->in_data && !s->xml.stopped)
    g_string_append_len (s->text, (const char *) ch, len);
}

static void
on_problem (GwXml *xml, guint line, guint column, const char *message)
{
  problem ((Sheet *) xml, line, column, message);
}

static void
on_prepare (GwXml *xml)
{
}

/* Whether the file starts with spaces, tabs or line breaks and then the
 * XML declaration, as some tools write it (the issue.2157 sample). */
static gboolean
blanks_before_declaration (GwInput *input)
{
  gsize len, i = 0;
  const guchar *p = gw_input_peek (input, &len);

  if (len >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  if (i >= len || !g_ascii_isspace (p[i]))
    return FALSE;
  while (i < len && g_ascii_isspace (p[i]))
    i++;
  return len - i >= 5 && memcmp (p + i, "<?xml", 5) == 0;
}

/* One pass over the file: FALSE on I/O error or cancellation. */
static gboolean
parse (GwRows *rows, GwInput *input, GError **error)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) where = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GString) text = g_string_sized_new (64);
  Sheet s = { 0 };
  gboolean ok;

  s.rows = rows;
  s.texts = texts;
  s.where = where;
  s.text = text;
  s.xml.path = gw_input_get_path (input);
  s.xml.problem = on_problem;
  s.xml.prepare = on_prepare;
  s.xml.sax.startElementNs = on_start_element;
  s.xml.sax.endElementNs = on_end_element;
  s.xml.sax.characters = on_characters;
  s.xml.sax.cdataBlock = on_characters;

  if (blanks_before_declaration (input))
    {
      /* libxml2 would say "XML declaration allowed only at the start of
       * the document", which does not say what to do */
      _gw_rows_problem (rows, 1, 1, _("the file has blanks before its XML declaration (<?xml …?>): Excel opens "
                                      "such files, XML readers do not; delete what is before “<?xml”, or open "
                                      "the file in Excel and save it again as XML Spreadsheet 2003"));
      return TRUE;
    }
  ok = _gw_xml_parse (&s.xml, input, error);
  _gw_xml_clear (&s.xml);
  if (ok && _gw_rows_n_problems (rows) == 0)
    {
      if (!s.xml.seen_root)
        _gw_rows_problem (rows, 0, 0, _("the file has no XML content"));
      else if (!s.done)
        {
          g_autofree char *message = NULL;

          if (s.n_sheets == 0)
            message = g_strdup (_("the workbook has no worksheet"));
          else if (s.first_header == NULL)
            message = g_strdup (_("the workbook's worksheets are empty"));
          else if (s.n_sheets == 1)
            message = g_strdup_printf (_("the worksheet does not start with a header row Gapwatch reads "
                                         "(its first row is “%s”): expected %s"),
                                       s.first_header, _gw_rows_expected ());
          else
            message = g_strdup_printf (ngettext ("none of the %u worksheets starts with a header row Gapwatch reads "
                                                 "(the first one's first row is “%s”): expected %s",
                                                 "none of the %u worksheets starts with a header row Gapwatch reads "
                                                 "(the first one's first row is “%s”): expected %s", s.n_sheets),
                                       s.n_sheets, s.first_header, _gw_rows_expected ());
          _gw_rows_problem (rows, 0, 0, message);
        }
    }
  g_free (s.sheet_name);
  g_free (s.first_header);
  return ok;
}

struct _GwSpreadsheetmlReader
{
  GwReader parent_instance;
};

G_DEFINE_FINAL_TYPE (GwSpreadsheetmlReader, gw_spreadsheetml_reader, GW_TYPE_READER)

static guint
gw_spreadsheetml_reader_sniff (const GwHead *head)
{
  return head->kind == GW_HEAD_SPREADSHEETML ? GW_READER_SNIFF_SURE : 0;
}

static GwBatch *
gw_spreadsheetml_reader_read (GwReader   *reader,
                              GwDataset  *dataset,
                              GwInput    *input,
                              GPtrArray  *problems,
                              GError    **error)
{
  return _gw_rows_read (dataset, input, problems, parse, error);
}

static void
gw_spreadsheetml_reader_class_init (GwSpreadsheetmlReaderClass *klass)
{
  GwReaderClass *reader_class = GW_READER_CLASS (klass);

  reader_class->sniff = gw_spreadsheetml_reader_sniff;
  reader_class->read = gw_spreadsheetml_reader_read;
}

static void
gw_spreadsheetml_reader_init (GwSpreadsheetmlReader *self)
{
}

/**
 * gw_spreadsheetml_reader_new:
 *
 * Returns: (transfer full): the reader of Excel 2003 XML workbooks
 */
GwReader *
gw_spreadsheetml_reader_new (void)
{
  return g_object_new (GW_TYPE_SPREADSHEETML_READER, NULL);
}
