/* gw-sniff.c: what the first bytes of a file look like
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not a parser: a look at the prolog and the first start tag, enough to tell
 * an export from the other files people have at hand (CSV and xlsx from a
 * spreadsheet, SDMX-ML and Excel 2003 XML from statistics sites, an HTML
 * page saved instead of the file it linked to).  UTF-16 is looked at through
 * its ASCII characters.
 */
#include "gw-config.h"
#include "gw-sniff.h"

#include <string.h>

#include <glib/gi18n.h>

#define SPREADSHEETML_NS "urn:schemas-microsoft-com:office:spreadsheet"

/* The ASCII characters of the bytes, whatever their encoding: UTF-16 (by
 * its BOM, or "<?" as two 16-bit units) one character a unit, others as
 * they are; a BOM is left out. */
static GString *
ascii_view (const guchar *p, gsize len)
{
  GString *view = g_string_sized_new (len);
  gint utf16 = 0;   /* 1 little-endian, 2 big-endian */

  if (len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
    p += 3, len -= 3;
  else if (len >= 2 && p[0] == 0xff && p[1] == 0xfe)
    p += 2, len -= 2, utf16 = 1;
  else if (len >= 2 && p[0] == 0xfe && p[1] == 0xff)
    p += 2, len -= 2, utf16 = 2;
  else if (len >= 4 && p[0] == '<' && p[1] == 0 && p[2] != 0 && p[3] == 0)
    utf16 = 1;
  else if (len >= 4 && p[0] == 0 && p[1] == '<' && p[2] == 0 && p[3] != 0)
    utf16 = 2;

  if (utf16 == 0)
    {
      g_string_append_len (view, (const char *) p, len);
      return view;
    }
  for (gsize i = 0; i + 1 < len; i += 2)
    {
      guint unit = utf16 == 1 ? p[i] | p[i + 1] << 8 : p[i] << 8 | p[i + 1];

      g_string_append_c (view, unit > 0 && unit < 0x80 ? (char) unit : '?');
    }
  return view;
}

static const char *
skip_space (const char *p, const char *end)
{
  while (p < end && g_ascii_isspace (*p))
    p++;
  return p;
}

static gboolean
has_prefix_nocase (const char *p, const char *end, const char *prefix)
{
  gsize n = strlen (prefix);

  return (gsize) (end - p) >= n && g_ascii_strncasecmp (p, prefix, n) == 0;
}

/* The end of what starts at p and ends with close, or NULL. */
static const char *
after (const char *p, const char *end, const char *close)
{
  gsize n = strlen (close);

  for (; p + n <= end; p++)
    if (memcmp (p, close, n) == 0)
      return p + n;
  return NULL;
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-' || c == '.' || c == ':' || (guchar) c >= 0x80;
}

/* The attributes of the root's start tag, as far as the bytes go: finds the
 * namespace of its prefix (the default namespace when none). */
static char *
root_namespace (const char *p, const char *end, const char *prefix)
{
  g_autofree char *wanted = prefix != NULL ? g_strconcat ("xmlns:", prefix, NULL) : g_strdup ("xmlns");

  for (;;)
    {
      const char *name, *value;
      gsize name_len;
      char quote;

      p = skip_space (p, end);
      if (p >= end || *p == '>' || *p == '/')
        return NULL;
      for (name = p; p < end && is_name_char (*p); p++)
        ;
      name_len = p - name;
      p = skip_space (p, end);
      if (name_len == 0 || p >= end || *p != '=')
        return NULL;
      p = skip_space (p + 1, end);
      if (p >= end || (*p != '"' && *p != '\''))
        return NULL;
      quote = *p++;
      for (value = p; p < end && *p != quote; p++)
        ;
      if (p >= end)
        return NULL;
      if (name_len == strlen (wanted) && memcmp (name, wanted, name_len) == 0)
        return g_strndup (value, p - value);
      p++;
    }
}

/* The end of a <!DOCTYPE ...>, past an internal subset in brackets. */
static const char *
after_doctype (const char *p, const char *end)
{
  guint depth = 0;

  for (; p < end; p++)
    if (*p == '[')
      depth++;
    else if (*p == ']' && depth > 0)
      depth--;
    else if (*p == '>' && depth == 0)
      return p + 1;
  return NULL;
}

/* Reads the prolog and the first start tag, as far as the bytes go.  FALSE
 * when the bytes do not start like XML (or HTML). */
static gboolean
scan_markup (GwHead *head, const char *p, const char *end, gboolean *excel_pi, gboolean *html)
{
  p = skip_space (p, end);
  if (p >= end || *p != '<')
    return FALSE;
  while (p < end && *p == '<')
    {
      const char *next;

      if (has_prefix_nocase (p, end, "<?"))
        {
          next = after (p, end, "?>");
          if (has_prefix_nocase (p, end, "<?mso-application") && next != NULL
              && g_strstr_len (p, next - p, "Excel.Sheet") != NULL)
            *excel_pi = TRUE;
        }
      else if (has_prefix_nocase (p, end, "<!--"))
        next = after (p, end, "-->");
      else if (has_prefix_nocase (p, end, "<!DOCTYPE"))
        {
          *html |= has_prefix_nocase (skip_space (p + 9, end), end, "html");
          next = after_doctype (p, end);
        }
      else
        {
          const char *name = p + 1, *colon = NULL;
          g_autofree char *prefix = NULL;

          for (p = name; p < end && is_name_char (*p); p++)
            if (*p == ':')
              colon = p;
          if (p == name)
            return TRUE;
          if (colon != NULL)
            prefix = g_strndup (name, colon - name);
          head->root = g_strndup (colon != NULL ? colon + 1 : name, p - (colon != NULL ? colon + 1 : name));
          head->root_ns = root_namespace (p, end, prefix);
          return TRUE;
        }
      if (next == NULL)
        break;
      p = skip_space (next, end);
    }
  return TRUE;
}

static gboolean
is_sdmx (const GwHead *head)
{
  static const char *const roots[] = {
    "GenericData", "CompactData", "UtilityData", "CrossSectionalData", "StructureSpecificData",
    "GenericTimeSeriesData", "StructureSpecificTimeSeriesData", "MessageGroup", "Structure",
    "GenericMetadata", "StructureSpecificMetadata", "RegistryInterface",
  };
  g_autofree char *ns = NULL;

  if (head->root == NULL || head->root_ns == NULL)
    return FALSE;
  ns = g_ascii_strdown (head->root_ns, -1);
  if (strstr (ns, "sdmx") == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (roots); i++)
    if (strcmp (head->root, roots[i]) == 0)
      return TRUE;
  return FALSE;
}

/* How many times sep occurs outside quotes in a line. */
static guint
count_separators (const char *line, const char *end, char sep)
{
  gboolean quoted = FALSE;
  guint n = 0;

  for (; line < end; line++)
    if (*line == '"')
      quoted = !quoted;
    else if (*line == sep && !quoted)
      n++;
  return n;
}

/* Text (no control characters but tab and line ends) whose first lines have
 * the same number, at least one, of commas, semicolons or tabs. */
static gboolean
looks_like_csv (const char *text, gsize len, gboolean whole)
{
  static const char seps[] = { ',', ';', '\t' };
  const char *lines[6], *end = text + len;
  guint n_lines = 0;

  for (gsize i = 0; i < len; i++)
    if ((guchar) text[i] < 0x20 && text[i] != '\t' && text[i] != '\r' && text[i] != '\n')
      return FALSE;
  /* the complete lines, the last one too when the bytes are the whole file */
  lines[n_lines++] = text;
  for (const char *p = text; p < end && n_lines < G_N_ELEMENTS (lines); p++)
    if (*p == '\n')
      lines[n_lines++] = p + 1;
  if (whole && lines[n_lines - 1] < end && n_lines < G_N_ELEMENTS (lines))
    lines[n_lines++] = end + 1;
  if (n_lines < 2)
    return FALSE;

  for (guint s = 0; s < G_N_ELEMENTS (seps); s++)
    {
      guint first = count_separators (lines[0], lines[1] - 1, seps[s]);
      gboolean same = first > 0;

      for (guint l = 1; same && l + 1 < n_lines; l++)
        if (lines[l + 1] - 1 > lines[l] && count_separators (lines[l], lines[l + 1] - 1, seps[s]) != first)
          same = FALSE;
      if (same)
        return TRUE;
    }
  return FALSE;
}

static GwHeadKind
markup_kind (const GwHead *head, gboolean excel_pi, gboolean html)
{
  if (html || (head->root != NULL && (g_ascii_strcasecmp (head->root, "html") == 0
                                      || g_ascii_strcasecmp (head->root, "head") == 0
                                      || g_ascii_strcasecmp (head->root, "body") == 0)))
    return GW_HEAD_HTML;
  if (excel_pi || (g_strcmp0 (head->root, "Workbook") == 0 && g_strcmp0 (head->root_ns, SPREADSHEETML_NS) == 0))
    return GW_HEAD_SPREADSHEETML;
  if (is_sdmx (head))
    return GW_HEAD_SDMX;
  return GW_HEAD_XML;
}

/**
 * gw_head_init:
 * @head: to fill
 * @data: the first bytes of a file (gw_input_peek())
 * @len: how many
 * @gzip: whether they were inflated
 *
 * Looks at the bytes once for every reader.
 */
void
gw_head_init (GwHead       *head,
              const guchar *data,
              gsize         len,
              gboolean      gzip)
{
  g_autoptr(GString) view = NULL;
  gboolean excel_pi = FALSE, html = FALSE;

  memset (head, 0, sizeof *head);
  head->data = data;
  head->len = len;
  head->gzip = gzip;

  if (len == 0)
    {
      head->kind = GW_HEAD_EMPTY;
      return;
    }
  if (len >= 4 && memcmp (data, "PK\x03\x04", 4) == 0)
    {
      head->kind = GW_HEAD_XLSX;
      return;
    }
  view = ascii_view (data, len);
  /* a byte order mark and nothing else is still text the XML reader
   * explains best */
  if (scan_markup (head, view->str, view->str + view->len, &excel_pi, &html))
    head->kind = markup_kind (head, excel_pi, html);
  else if (looks_like_csv (view->str, view->len, len < 4096))
    head->kind = GW_HEAD_CSV;
  else
    head->kind = GW_HEAD_UNKNOWN;
}

void
gw_head_clear (GwHead *head)
{
  g_clear_pointer (&head->root, g_free);
  g_clear_pointer (&head->root_ns, g_free);
}

/**
 * gw_head_describe:
 * @head: a head no reader takes
 *
 * Returns: why the file is refused: what it looks like, translated
 */
const char *
gw_head_describe (const GwHead *head)
{
  switch (head->kind)
    {
    case GW_HEAD_EMPTY:
      return _("the file is empty");
    case GW_HEAD_CSV:
      return _("looks like a CSV file, not an export Gapwatch reads");
    case GW_HEAD_XLSX:
      return _("looks like an Excel workbook (xlsx), not an export Gapwatch reads");
    case GW_HEAD_SDMX:
      return _("looks like an SDMX-ML message, not an export Gapwatch reads");
    case GW_HEAD_SPREADSHEETML:
      return _("looks like an Excel 2003 XML workbook, not an export Gapwatch reads");
    case GW_HEAD_HTML:
      return _("looks like an HTML page, not an export Gapwatch reads");
    case GW_HEAD_XML:
    case GW_HEAD_UNKNOWN:
    default:
      return _("not an export Gapwatch reads");
    }
}
