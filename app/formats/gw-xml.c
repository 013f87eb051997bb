/* gw-xml.c: libxml2, hardened, for the XML readers of app/formats
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libxml2's SAX2 push parser, fed from a GwInput (a file descriptor opened
 * here, so no URL and no other file is ever opened), with XML_PARSE_NONET
 * only: no entity substitution, no DTD loading, no XInclude, and libxml2's
 * default limits kept (no XML_PARSE_HUGE).  libxml2 2.9.14, as Debian 12 has it.
 *
 * libxml2 reports errors through three channels: the structured handler of
 * the parser context (well-formedness, limits), the thread's structured
 * handler (encoding conversion and I/O errors, raised without a context),
 * and the thread's generic handler (printf-style, "xmlParseChunk: encoder
 * error"); and sometimes it only stops, returning non-zero from
 * xmlParseChunk.  All four are caught here, so a file is never read in part
 * and nothing of libxml2's is printed.
 */
#include "gw-config.h"
#include "gw-xml-private.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>

#define CHUNK_SIZE (256 * 1024)

void
gw_formats_init (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      /* libxml2 2.9 (xmlInitParser before threads): once, before any thread uses libxml2;
       * xmlCleanupParser is never called. */
      xmlInitParser ();
      g_once_init_leave (&once, 1);
    }
}

/* Ends the read.  Only a flag here: xmlStopParser frees the input buffer
 * that the current callback's attribute values still point into (and that
 * an encoding conversion may be filling), so it is called by
 * _gw_xml_halt_if_stopped() from a SAX callback done with them. */
void
_gw_xml_stop (GwXml *xml)
{
  xml->stopped = TRUE;
}

void
_gw_xml_halt_if_stopped (GwXml *xml)
{
  if (xml->stopped && !xml->halted && xml->ctxt != NULL)
    {
      xml->halted = TRUE;
      xmlStopParser (xml->ctxt);
    }
}

/* Line and column of the '<' of the element whose start tag was just parsed:
 * libxml2 stands after its '>', and the tag is still in the buffer. */
void
_gw_xml_element_position (GwXml *xml, guint *line, guint *column)
{
  xmlParserInputPtr in = xml->ctxt != NULL ? xml->ctxt->input : NULL;
  const xmlChar *p, *lt;
  guint newlines = 0, col = 0;

  *line = in != NULL ? (guint) in->line : 0;
  *column = in != NULL ? (guint) in->col : 0;
  if (in == NULL || in->cur == NULL || in->base == NULL)
    return;

  for (lt = in->cur; lt > in->base && *lt != '<'; lt--)
    if (*lt == '\n')
      newlines++;
  if (*lt != '<')
    return;

  if (newlines == 0)
    {
      /* count characters, not bytes, between '<' and cur */
      guint chars = 0;

      for (p = lt; p < in->cur; p++)
        if ((*p & 0xc0) != 0x80)
          chars++;
      *column = in->col > (int) chars ? (guint) in->col - chars : 1;
      return;
    }

  *line = in->line > (int) newlines ? (guint) in->line - newlines : 1;
  for (p = lt; p > in->base && p[-1] != '\n'; p--)
    ;
  for (; p <= lt; p++)
    if ((*p & 0xc0) != 0x80)
      col++;
  *column = col;
}

static void
report (GwXml *xml, guint line, guint column, const char *message)
{
  xml->problem (xml, line, column, message);
}

/* An input conversion failed: libxml2 says so without a position, and
 * reading stops at the end of what did convert.  Where the bad bytes are is
 * found after the parse (locate_bad_bytes). */
static void
note_bad_encoding (GwXml *xml)
{
  const char *name = NULL;

  if (xml->ctxt != NULL && xml->ctxt->input != NULL)
    {
      xmlParserInputPtr in = xml->ctxt->input;

      if (in->buf != NULL && in->buf->encoder != NULL)
        name = in->buf->encoder->name;
      xml->bad_line = (guint) MAX (in->line, 0);
      xml->bad_column = (guint) MAX (in->col, 0);
    }
  if (name == NULL && xml->ctxt != NULL && xml->ctxt->encoding != NULL)
    name = (const char *) xml->ctxt->encoding;
  xml->bad_encoding = g_strdup (name != NULL ? name : "UTF-8");
}

static char *
describe_xml_error (xmlErrorPtr err)
{
  g_autofree char *text = NULL;
  const char *message;

  switch (err->code)
    {
    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_ENCODING:
      return g_strdup (_("the file is not valid UTF-8 (or the encoding it declares): save it as UTF-8"));
    case XML_ERR_DOCUMENT_EMPTY:
      return g_strdup (_("the file has no XML content"));
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
      text = g_strdup_printf (_("entity reference %s: exports use no entities (write the character itself)"),
                              err->str1 != NULL ? err->str1 : "");
      message = text;
      break;
    case XML_ERR_UNSUPPORTED_ENCODING:
      text = g_strdup_printf (_("unsupported encoding %s: save the file as UTF-8"),
                              err->str1 != NULL ? err->str1 : "");
      message = text;
      break;
    default:
      text = g_strstrip (g_strdup (err->message != NULL ? err->message : _("not well-formed XML")));
      message = text;
      break;
    }
  return g_strdup_printf (_("not well-formed XML: %s"), message);
}

/* An error met once the whole file is read: the file stops short (a copy
 * cut off, a download interrupted).  Say so in words rather than in the
 * parser's grammar ("AttValue: ' expected").  NULL for other errors. */
static char *
describe_cut_short (GwXml       *xml,
                    xmlErrorPtr  err)
{
  /* libxml2's push parser calls an unclosed root at the end "extra content
   * at the end of the document": elements still open say what it is */
  if (err->code == XML_ERR_DOCUMENT_END && xml->ctxt != NULL && xml->ctxt->nameNr > 0)
    return g_strdup (_("the file ends before its last element is closed: it may have been cut short"));
  switch (err->code)
    {
    case XML_ERR_ATTRIBUTE_NOT_STARTED:
    case XML_ERR_ATTRIBUTE_NOT_FINISHED:
    case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
    case XML_ERR_LITERAL_NOT_FINISHED:
      return g_strdup (_("the file ends in the middle of an attribute: it may have been cut short"));
    case XML_ERR_GT_REQUIRED:
    case XML_ERR_NAME_REQUIRED:
    case XML_ERR_LTSLASH_REQUIRED:
    case XML_ERR_SPACE_REQUIRED:
      return g_strdup (_("the file ends in the middle of a tag: it may have been cut short"));
    case XML_ERR_TAG_NOT_FINISHED:
    case XML_ERR_COMMENT_NOT_FINISHED:
    case XML_ERR_CDATA_NOT_FINISHED:
    case XML_ERR_PI_NOT_FINISHED:
      return g_strdup (_("the file ends before its last element is closed: it may have been cut short"));
    default:
      return NULL;
    }
}

/* libxml2's errors, from the parser context and from the thread's handler.
 * Only the first is kept (later ones follow from it) and the read ends
 * there. */
static void
on_xml_error (void *data, xmlErrorPtr err)
{
  GwXml *xml = data;
  g_autofree char *message = NULL;

  if (xml->stopped || err == NULL || err->level < XML_ERR_ERROR)
    return;

  if (err->domain == XML_FROM_I18N || (err->domain == XML_FROM_IO && err->code == XML_IO_ENCODER))
    {
      note_bad_encoding (xml);
      _gw_xml_stop (xml);
      return;
    }
  /* "Extra content at the end of the document" before any element: a
   * declaration, comments or processing instructions only */
  if (err->code == XML_ERR_DOCUMENT_END && !xml->seen_root)
    message = g_strdup (_("the file has no root element (only an XML declaration, comments or processing instructions)"));
  /* a character that is not one in a file that is not UTF-8 (a lone low
   * surrogate in UTF-16): name its encoding */
  else if ((err->code == XML_ERR_INVALID_CHAR || err->code == XML_ERR_INVALID_ENCODING)
           && xml->ctxt != NULL && xml->ctxt->input != NULL && xml->ctxt->input->buf != NULL
           && xml->ctxt->input->buf->encoder != NULL)
    message = g_strdup_printf (_("the file is not valid %s, the encoding it declares: save it as UTF-8"),
                               xml->ctxt->input->buf->encoder->name);
  else if (xml->at_end && (message = describe_cut_short (xml, err)) != NULL)
    ;
  else
    message = describe_xml_error (err);
  report (xml, err->line > 0 ? (guint) err->line : 0, err->int2 > 0 ? (guint) err->int2 : 0, message);
  _gw_xml_stop (xml);
}

/* The thread's generic handler: libxml2 prints with it when it has nothing
 * better ("xmlParseChunk: encoder error"); what it says is known from the
 * other channels or from xmlParseChunk's return value. */
static void
on_generic_error (void *data, const char *format, ...)
{
}

static void
on_internal_subset (void          *data,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  GwXml *xml = data;
  guint line, column;

  /* the export format (help/C/import.page): always an error; nothing of a DTD is ever loaded.
   * The '<' of <!DOCTYPE is still in the buffer: report where it starts. */
  _gw_xml_element_position (xml, &line, &column);
  report (xml, line, column, _("the file has a <!DOCTYPE>: exports never need one, and Gapwatch loads no DTD or entity"));
  _gw_xml_stop (xml);
  _gw_xml_halt_if_stopped (xml);
}

static void
on_reference (void          *data,
              const xmlChar *name)
{
  GwXml *xml = data;
  g_autofree char *message = g_strdup_printf (_("entity reference &%s;: exports use no entities"), name);

  report (xml, xml->ctxt->input ? (guint) xml->ctxt->input->line : 0, 0, message);
  _gw_xml_stop (xml);
  _gw_xml_halt_if_stopped (xml);
}

/* Encodings a person may really have saved an export in; anything else
 * (UTF-7 above all, a known evasion) is refused. */
static gboolean
encoding_allowed (const char *name)
{
  static const char *const allowed[] = {
    "UTF-8", "UTF8", "UTF-16", "UTF-16LE", "UTF-16BE", "ISO-8859-1", "ISO8859-1", "LATIN1",
    "ISO-LATIN-1", "WINDOWS-1252", "CP1252", "US-ASCII", "ASCII",
  };

  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    if (g_ascii_strcasecmp (name, allowed[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
on_start_document (void *data)
{
  GwXml *xml = data;
  const char *enc = (const char *) xml->ctxt->encoding;

  if (enc == NULL && xml->ctxt->input != NULL)
    enc = (const char *) xml->ctxt->input->encoding;
  if (enc != NULL && !encoding_allowed (enc))
    {
      g_autofree char *message = g_strdup_printf (_("the file declares the encoding %s: Gapwatch reads UTF-8, UTF-16, "
                                                    "ISO-8859-1 and Windows-1252; save it as UTF-8"), enc);
      report (xml, 1, 1, message);
      _gw_xml_stop (xml);
      _gw_xml_halt_if_stopped (xml);
    }
}

/* Where the first bytes that do not convert from encoding are, counted in
 * characters as libxml2 counts them.  Only on the error path: the file is
 * read again from its start. */
typedef struct
{
  guint  line;
  guint  column;
  guchar bytes[2];
  gsize  n_bytes;
} BadBytes;

static void
count_text (const char *text, gsize len, BadBytes *at)
{
  for (gsize i = 0; i < len; i++)
    if (text[i] == '\n')
      {
        at->line++;
        at->column = 1;
      }
    else if ((text[i] & 0xc0) != 0x80)
      at->column++;
}

static gsize
bom_length (const guchar *p, gsize len, const char *encoding)
{
  if (g_ascii_strncasecmp (encoding, "UTF-16", 6) == 0 && len >= 2
      && ((p[0] == 0xff && p[1] == 0xfe) || (p[0] == 0xfe && p[1] == 0xff)))
    return 2;
  if (g_ascii_strncasecmp (encoding, "UTF-8", 5) == 0 && len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
    return 3;
  return 0;
}

static gboolean
locate_bad_bytes (GwInput *input, const char *encoding, BadBytes *at)
{
  g_autofree guchar *buf = g_malloc (CHUNK_SIZE);
  g_autofree char *out = g_malloc (CHUNK_SIZE * 4);
  GIConv cd = g_iconv_open ("UTF-8", encoding);
  gsize have = 0, skip;
  gboolean found = FALSE, first = TRUE;

  if (cd == (GIConv) -1 || !gw_input_rewind (input, NULL))
    {
      if (cd != (GIConv) -1)
        g_iconv_close (cd);
      return FALSE;
    }
  at->line = at->column = 1;
  for (;;)
    {
      gssize n = gw_input_read (input, buf + have, CHUNK_SIZE - have, NULL);
      char *in, *o = out;
      gsize in_left, out_left = CHUNK_SIZE * 4;

      if (n < 0)
        break;
      have += n;
      skip = first ? bom_length (buf, have, encoding) : 0;
      first = FALSE;
      in = (char *) buf + skip;
      in_left = have - skip;
      if (g_iconv (cd, &in, &in_left, &o, &out_left) == (gsize) -1 && (errno == EILSEQ || (errno == EINVAL && n == 0)))
        {
          count_text (out, o - out, at);
          at->n_bytes = MIN (in_left, sizeof at->bytes);
          memcpy (at->bytes, in, at->n_bytes);
          found = TRUE;
          break;
        }
      count_text (out, o - out, at);
      memmove (buf, in, in_left);
      have = in_left;
      if (n == 0)
        break;
    }
  g_iconv_close (cd);
  return found;
}

static char *
describe_bad_bytes (const char *encoding, const BadBytes *at)
{
  if (at->n_bytes == 2 && g_ascii_strncasecmp (encoding, "UTF-16", 6) == 0)
    {
      gboolean be = g_ascii_strcasecmp (encoding, "UTF-16BE") == 0;
      guint unit = be ? (at->bytes[0] << 8 | at->bytes[1]) : (at->bytes[1] << 8 | at->bytes[0]);

      if (unit >= 0xd800 && unit <= 0xdfff)
        return g_strdup_printf (_("U+%04X is half of a UTF-16 character (a lone surrogate): save the file as UTF-8"), unit);
    }
  if (at->n_bytes > 0)
    return g_strdup_printf (_("byte 0x%02X is not a character in %s, the encoding of the file: save it as UTF-8"),
                            at->bytes[0], encoding);
  return g_strdup_printf (_("the file is not valid %s, the encoding it declares: save it as UTF-8"), encoding);
}

static void
report_bad_encoding (GwXml *xml, GwInput *input)
{
  BadBytes at = { 0 };
  g_autofree char *message = NULL;

  if (!locate_bad_bytes (input, xml->bad_encoding, &at))
    {
      /* iconv reads it where libxml2 did not: say where the parser was */
      at.line = xml->bad_line;
      at.column = xml->bad_column;
      at.n_bytes = 0;
    }
  message = describe_bad_bytes (xml->bad_encoding, &at);
  report (xml, at.line, at.column, message);
}

/* libxml2 stopped with no error through any handler. */
static void
report_silent_stop (GwXml *xml, int code)
{
  xmlParserInputPtr in = xml->ctxt != NULL ? xml->ctxt->input : NULL;
  g_autofree char *message = g_strdup_printf (_("not well-formed XML: the parser stopped here (libxml2 error %d)"), code);

  report (xml, in != NULL ? (guint) MAX (in->line, 0) : 0, in != NULL ? (guint) MAX (in->col, 0) : 0, message);
  _gw_xml_stop (xml);
}

enum
{
  SCAN_TEXT,      /* character data */
  SCAN_OPEN,      /* after '<' */
  SCAN_BANG,      /* after "<!" */
  SCAN_NAME,      /* a start tag's name */
  SCAN_TAG,       /* inside a start or end tag, outside values */
  SCAN_VALUE,     /* inside a quoted attribute value */
  SCAN_COMMENT,   /* until "-->" */
  SCAN_CDATA,     /* until "]]>" */
  SCAN_PI,        /* until "?>" */
  SCAN_DECL,      /* <!DOCTYPE ...>, until '>' */
};

/* Follows the end of a comment ("-->"), CDATA section ("]]>") or processing
 * instruction ("?>"): k bytes x, then '>'.  TRUE at the '>'. */
static inline gboolean
scan_end (guint *match, guchar c, guint state)
{
  guchar x = state == SCAN_COMMENT ? '-' : state == SCAN_CDATA ? ']' : '?';
  guint k = state == SCAN_PI ? 1 : 2;

  if (c == x)
    *match = MIN (*match + 1, k);
  else if (c == '>' && *match == k)
    return TRUE;
  else
    *match = 0;
  return FALSE;
}

/* UTF-8 characters in len bytes (continuation bytes not counted). */
static inline guint
utf8_chars (const guchar *p, gsize len)
{
  guint n = 0;

  for (gsize i = 0; i < len; i++)
    n += (p[i] & 0xc0) != 0x80;
  return n;
}

/* Counts the line breaks in buf[from, to) into line, and sets line_start
 * to the index in buf where the last of them ends. */
static inline void
count_lines (const guchar *buf, gsize from, gsize to, guint *line, gssize *line_start)
{
  const guchar *p = buf + from, *end = buf + to, *nl;

  while (p < end && (nl = memchr (p, '\n', end - p)) != NULL)
    {
      (*line)++;
      *line_start = nl + 1 - buf;
      p = nl + 1;
    }
}

/* Bytes that end a name in a start tag (NAME_END: the element's;
 * ATTR_NAME_END: an attribute's, which a quote or '=' ends too). */
enum
{
  NAME_END = 1 << 0,
  ATTR_NAME_END = 1 << 1,
};

static const guint8 name_ends[256] = {
  ['>'] = NAME_END | ATTR_NAME_END, [' '] = NAME_END | ATTR_NAME_END, ['\t'] = NAME_END | ATTR_NAME_END,
  ['\r'] = NAME_END | ATTR_NAME_END, ['\n'] = NAME_END | ATTR_NAME_END, ['/'] = NAME_END | ATTR_NAME_END,
  ['"'] = ATTR_NAME_END, ['\''] = ATTR_NAME_END, ['='] = ATTR_NAME_END,
};

/* values and text up to this long are scanned byte by byte, longer ones by memchr */
#define SHORT_VALUE 24
#define SHORT_TEXT  24

/* The index of the first byte from i on that ends a name (of kind ends), or n.
 * Every byte that ends one is below '?', and most names' bytes are letters
 * and '_': eight bytes at a time go by while none of them is below '?'. */
static inline gsize
skip_name (const guchar *buf, gsize i, gsize n, guint8 ends)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);

  while (i + 8 <= n)
    {
      guint64 x;

      memcpy (&x, buf + i, 8);
      /* a byte below 0x3f among the eight (exact for bounds up to 0x80) */
      if (((x - ones * 0x3f) & ~x & ones * 0x80) != 0)
        break;
      i += 8;
    }
  while (i < n && (name_ends[buf[i]] & ends) == 0)
    i++;
  return i;
}

/* Follows the bytes about to be fed, just well enough to count the quoted
 * values of each start tag (a quote outside a value opens one); FALSE, with
 * the problem in xml->refusal, when a tag has more than GW_XML_MAX_ATTRIBUTES.
 * It runs in the reading thread (see feed), ahead of the parser.
 * Positions are counted in UTF-8 characters, as libxml2 gives them.
 *
 * Every byte of every file passes here, so it must cost little beside
 * libxml2: text and values are skipped with memchr, line breaks counted
 * with memchr, and a column is worked out only where a tag starts (from
 * the start of its line); the state lives in locals for the loop (buf is
 * bytes, which may alias anything: stores through xml would be reloaded at
 * every byte). */
static gboolean
guard_attributes (GwXml *xml, const guchar *buf, gsize n)
{
  guint state = xml->scan_state, match = xml->scan_match, attrs = xml->scan_attrs;
  guint line = xml->scan_line;
  guint tag_line = xml->tag_line, tag_column = xml->tag_column;
  guint name_len = xml->attr_name_len, tag_name_len = xml->tag_name_len;
  gboolean in_name = xml->in_attr_name;
  guchar quote = xml->scan_quote;
  char attr_name[sizeof xml->attr_name];
  /* where the current line starts in buf; -1: in an earlier chunk, whose
   * characters on this line are xml->scan_column */
  gssize line_start = -1;
  /* the characters of the current line before buf[counted]: a tag's column
   * is counted on from the last tag's, so a file on one line stays linear */
  gsize counted = 0;
  guint counted_chars = xml->scan_column;
  gboolean ok = TRUE;
  gsize i = 0;

  memcpy (attr_name, xml->attr_name, sizeof attr_name);

  while (i < n)
    {
      guchar c;

      if (state == SCAN_TEXT)
        {
          gsize at = i, near = MIN (n, i + SHORT_TEXT);

          /* the text between two tags is mostly a line break and an
           * indentation: looked through here, memchr for longer text */
          while (at < near && buf[at] != '<')
            {
              if (buf[at] == '\n')
                {
                  line++;
                  line_start = at + 1;
                }
              at++;
            }
          if (at == near && at < n)
            {
              const guchar *lt = memchr (buf + at, '<', n - at);
              gsize stop = lt != NULL ? (gsize) (lt - buf) : n;

              count_lines (buf, at, stop, &line, &line_start);
              at = stop;
            }
          if (at >= n)
            break;
          state = SCAN_OPEN;
          tag_line = line;
          if (line_start >= 0 && (gsize) line_start > counted)
            {
              counted = line_start;
              counted_chars = 0;
            }
          counted_chars += utf8_chars (buf + counted, at - counted);
          counted = at;
          tag_column = counted_chars + 1;
          i = at + 1;
          continue;
        }

      c = buf[i];
      if (c == '\n')
        {
          line++;
          line_start = i + 1;
        }

      switch (state)
        {
        case SCAN_OPEN:
          attrs = 0;
          tag_name_len = 0;
          name_len = 0;
          in_name = FALSE;
          match = 0;
          if (c == '!')
            state = SCAN_BANG;
          else if (c == '?')
            state = SCAN_PI;
          else if (c == '/')
            state = SCAN_TAG;
          else
            {
              state = SCAN_NAME;
              xml->tag_name[tag_name_len++] = (char) c;
            }
          break;
        case SCAN_BANG:
          state = c == '-' ? SCAN_COMMENT : c == '[' ? SCAN_CDATA : SCAN_DECL;
          break;
        case SCAN_NAME:
          if (c == '>')
            state = SCAN_TEXT;
          else if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '/')
            state = SCAN_TAG;
          else
            {
              /* the rest of the name at once: a name has no line break */
              gsize end = skip_name (buf, i, n, NAME_END);
              gsize keep = MIN (end - i, (gsize) (GW_XML_NAME_SHOWN - tag_name_len));

              memcpy (xml->tag_name + tag_name_len, buf + i, keep);
              tag_name_len += keep;
              i = end;
              continue;
            }
          break;
        case SCAN_TAG:
          if (c == '>')
            state = SCAN_TEXT;
          else if (c == '"' || c == '\'')
            {
              state = SCAN_VALUE;
              quote = c;
              in_name = FALSE;
              /* namespace declarations are not attributes, and libxml2
               * checks them apart, fast (20,000: 0.07 s) */
              if (name_len >= 5 && memcmp (attr_name, "xmlns", 5) == 0
                  && (name_len == 5 || attr_name[5] == ':'))
                break;
              if (++attrs > GW_XML_MAX_ATTRIBUTES)
                {
                  g_autofree char *name = g_utf8_make_valid (xml->tag_name, tag_name_len);

                  /* reported by the parsing thread, when it gets here */
                  g_free (xml->refusal);
                  xml->refusal = g_strdup_printf (_("<%s> has more than %u attributes"),
                                                  name, GW_XML_MAX_ATTRIBUTES);
                  xml->refusal_line = tag_line;
                  xml->refusal_column = tag_column;
                  ok = FALSE;
                  goto out;
                }
            }
          else if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '=' || c == '/')
            in_name = FALSE;
          else
            {
              /* the rest of the name at once; only its first bytes are kept */
              gsize end = skip_name (buf, i, n, ATTR_NAME_END);
              gsize keep;

              if (!in_name)
                {
                  in_name = TRUE;
                  name_len = 0;
                }
              /* only whether it is xmlns matters: a name that does not
               * start with x needs no more than its first byte */
              if (name_len == 0 && buf[i] != 'x')
                attr_name[name_len++] = (char) buf[i];
              else
                {
                  keep = MIN (end - i, sizeof attr_name - name_len);
                  memcpy (attr_name + name_len, buf + i, keep);
                  name_len += keep;
                }
              i = end;
              /* and its '=' (which only ends the name) */
              if (i < n && buf[i] == '=')
                {
                  in_name = FALSE;
                  i++;
                }
              continue;
            }
          break;
        case SCAN_VALUE:
          if (c == quote)
            {
              state = SCAN_TAG;
              break;
            }
          /* the rest of the value up to its closing quote at once (the bulk
           * of a record); the quote itself is the next byte the loop sees.
           * Most values are a few bytes: a loop here costs less than the
           * two memchr calls, which take over for a long one. */
          {
            gsize stop = i + 1, near = MIN (n, i + 1 + SHORT_VALUE);
            const guchar *end;

            while (stop < near && buf[stop] != quote && buf[stop] != '\n')
              stop++;
            if (stop < near && buf[stop] == quote)
              {
                /* the closing quote, and a space after it, as the loop
                 * would take them: back among the attributes */
                state = SCAN_TAG;
                i = stop + 1;
                if (i < n && buf[i] == ' ')
                  i++;
                continue;
              }
            end = stop < n ? memchr (buf + stop, quote, n - stop) : NULL;
            count_lines (buf, stop, end != NULL ? (gsize) (end - buf) : n, &line, &line_start);
            i = end != NULL ? (gsize) (end - buf) : n;
            continue;
          }
        case SCAN_COMMENT:
        case SCAN_CDATA:
        case SCAN_PI:
          if (scan_end (&match, c, state))
            state = SCAN_TEXT;
          break;
        case SCAN_DECL:
        default:
          if (c == '>')
            state = SCAN_TEXT;
          break;
        }
      i++;
    }

out:
  /* the characters of the last line so far, for the next chunk */
  xml->scan_column = line_start >= 0 ? utf8_chars (buf + line_start, n - (gsize) line_start)
                                     : xml->scan_column + utf8_chars (buf, n);
  xml->scan_state = state;
  xml->scan_match = match;
  xml->scan_attrs = attrs;
  xml->scan_line = line;
  xml->tag_line = tag_line;
  xml->tag_column = tag_column;
  xml->attr_name_len = name_len;
  xml->tag_name_len = tag_name_len;
  xml->in_attr_name = in_name;
  xml->scan_quote = quote;
  memcpy (xml->attr_name, attr_name, sizeof attr_name);
  return ok;
}

static gboolean
create_context (GwXml *xml, GwInput *input, guchar *buf, GError **error)
{
  gsize head_len = 0;

  /* the first bytes let libxml2 see a BOM or UTF-16 */
  while (head_len < 4)
    {
      gssize n = gw_input_read (input, buf + head_len, 4 - head_len, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      head_len += n;
    }
  if (head_len == 0)
    {
      report (xml, 0, 0, _("the file is empty"));
      _gw_xml_stop (xml);
      return TRUE;
    }

  xml->scan_state = SCAN_TEXT;
  xml->scan_line = 1;
  xml->scan_column = 0;
  guard_attributes (xml, buf, head_len);
  xml->ctxt = xmlCreatePushParserCtxt (&xml->sax, xml, (const char *) buf, head_len, xml->path);
  if (xml->ctxt == NULL)
    {
      g_set_error (error, GW_EXPORT_ERROR, GW_EXPORT_ERROR_IO, _("cannot start the XML parser"));
      return FALSE;
    }
  /* no network, ever: XML_PARSE_NONET only */
  xmlCtxtUseOptions (xml->ctxt, XML_PARSE_NONET);
  if (xml->prepare != NULL)
    xml->prepare (xml);
  return TRUE;
}

/* Reading and parsing overlap: a thread reads each chunk (and hashes it,
 * in gw-input.c) and runs the attribute guard over it, while this one
 * parses the chunk before.  Chunks go round between two queues, so at most
 * N_CHUNKS are read ahead and nothing is allocated per chunk.  A chunk the
 * guard refused is never fed: the parser reports the refusal when it gets
 * there, after the problems of the chunks before, as when one thread did
 * both. */
#define N_CHUNKS 4

typedef struct
{
  guchar  *buf;
  gssize   n;           /* bytes read; 0 at the end, -1 on error */
  gboolean refused;     /* by the guard: xml->refusal says why */
  GError  *error;
} Chunk;

typedef struct
{
  GwXml       *xml;
  GwInput     *input;
  GAsyncQueue *full;    /* Chunk*, read, for the parser */
  GAsyncQueue *empty;   /* Chunk*, parsed, for the reader */
  gint         done;    /* the parser wants no more */
  Chunk        chunks[N_CHUNKS];
} Pipe;

static gpointer
read_ahead_thread (gpointer data)
{
  Pipe *pipe = data;

  for (;;)
    {
      Chunk *c = g_async_queue_pop (pipe->empty);

      if (g_atomic_int_get (&pipe->done))
        break;
      c->n = gw_input_read (pipe->input, c->buf, CHUNK_SIZE, &c->error);
      c->refused = c->n > 0 && !guard_attributes (pipe->xml, c->buf, c->n);
      g_async_queue_push (pipe->full, c);
      if (c->n <= 0 || c->refused)
        break;
    }
  return NULL;
}

/* Feeds the whole input; returns xmlParseChunk's last result. */
static gboolean
feed (GwXml *xml, GwInput *input, int *rc, GError **error)
{
  Pipe pipe = { xml, input, g_async_queue_new (), g_async_queue_new (), 0 };
  GThread *thread;
  gboolean ok = TRUE;

  for (guint i = 0; i < N_CHUNKS; i++)
    {
      pipe.chunks[i].buf = g_malloc (CHUNK_SIZE);
      g_async_queue_push (pipe.empty, &pipe.chunks[i]);
    }
  /* the reading thread hashes too: one thread beside the parser, not two */
  gw_input_hash_in_caller (input);
  thread = g_thread_new ("gw-xml-read", read_ahead_thread, &pipe);

  *rc = 0;
  while (!xml->stopped)
    {
      Chunk *c = g_async_queue_pop (pipe.full);
      gboolean last;

      if (c->n < 0)
        {
          g_propagate_error (error, g_steal_pointer (&c->error));
          ok = FALSE;
          break;
        }
      if (c->refused)
        {
          report (xml, xml->refusal_line, xml->refusal_column, xml->refusal);
          _gw_xml_stop (xml);
          break;
        }
      xml->at_end = c->n == 0;
      *rc = xmlParseChunk (xml->ctxt, (const char *) c->buf, (int) c->n, c->n == 0);
      last = *rc != 0 || c->n == 0;
      g_async_queue_push (pipe.empty, c);
      if (last)
        break;
    }

  /* the reader waits for an empty chunk, or has ended: wake it to end */
  g_atomic_int_set (&pipe.done, 1);
  g_async_queue_push (pipe.empty, &pipe.chunks[0]);
  g_thread_join (thread);
  for (guint i = 0; i < N_CHUNKS; i++)
    {
      g_free (pipe.chunks[i].buf);
      g_clear_error (&pipe.chunks[i].error);
    }
  g_async_queue_unref (pipe.full);
  g_async_queue_unref (pipe.empty);
  g_clear_pointer (&xml->refusal, g_free);
  return ok;
}

/**
 * _gw_xml_parse:
 * @xml: the reader's parser state: path, problem, sax set
 * @input: read from its start
 * @error: I/O errors and cancellation only; what is wrong with the file goes
 *   to xml->problem
 *
 * Returns: FALSE on an I/O error or cancellation
 */
gboolean
_gw_xml_parse (GwXml    *xml,
               GwInput  *input,
               GError  **error)
{
  guchar head[4];
  xmlStructuredErrorFunc saved_serror = xmlStructuredError;
  void *saved_serror_data = xmlStructuredErrorContext;
  xmlGenericErrorFunc saved_generic = xmlGenericError;
  void *saved_generic_data = xmlGenericErrorContext;
  gboolean ok;
  int rc = 0;

  g_assert (xml->problem != NULL && xml->ctxt == NULL);

  gw_formats_init ();
  xml->sax.initialized = XML_SAX2_MAGIC;
  xml->sax.internalSubset = on_internal_subset;
  xml->sax.reference = on_reference;
  xml->sax.startDocument = on_start_document;
  xml->sax.serror = on_xml_error;
  xml->stopped = xml->halted = FALSE;
  g_clear_pointer (&xml->bad_encoding, g_free);

  /* the thread's handlers, for errors raised without the context; these
   * globals are per thread in libxml2, so other readers are not affected */
  xmlSetStructuredErrorFunc (xml, on_xml_error);
  xmlSetGenericErrorFunc (xml, on_generic_error);
  ok = create_context (xml, input, head, error) && (xml->ctxt == NULL || feed (xml, input, &rc, error));
  xmlSetStructuredErrorFunc (saved_serror_data, saved_serror);
  xmlSetGenericErrorFunc (saved_generic_data, saved_generic);

  if (!ok)
    return FALSE;
  if (xml->bad_encoding != NULL)
    report_bad_encoding (xml, input);
  else if (rc != 0 && !xml->stopped)
    report_silent_stop (xml, rc);
  return TRUE;
}

/* Frees the parser; the reader's fields stay. */
void
_gw_xml_clear (GwXml *xml)
{
  g_clear_pointer (&xml->ctxt, xmlFreeParserCtxt);
  g_clear_pointer (&xml->bad_encoding, g_free);
}
