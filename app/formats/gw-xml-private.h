/* gw-xml-private.h: libxml2, hardened, for the XML readers of app/formats
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to app/formats (nothing else includes libxml2).  A reader embeds a
 * GwXml as the first member of its state, fills in path, problem, prepare and
 * its element and text callbacks in sax, and calls _gw_xml_parse(): the SAX2
 * push parser is then fed from a GwInput with XML_PARSE_NONET only, a
 * <!DOCTYPE>, an entity reference or an encoding outside the few a person
 * saves a file in is refused, and every error libxml2 reports, through
 * whichever of its channels, becomes one problem of the file with a line and
 * a column; nothing reaches stderr.
 */
#pragma once

#include <libxml/parser.h>

#include "gw-input.h"

G_BEGIN_DECLS

typedef struct _GwXml GwXml;

#define GW_XML_NAME_SHOWN 64

struct _GwXml
{
  /* set by the reader */
  const char        *path;
  /* every problem the parser or this layer finds (the reader stops at the
   * first of them: see _gw_xml_stop) */
  void             (*problem) (GwXml       *xml,
                               guint        line,
                               guint        column,
                               const char  *message);
  /* once the context exists, before any callback: intern names in ctxt->dict */
  void             (*prepare) (GwXml       *xml);
  xmlSAXHandler      sax;          /* the reader's startElementNs, endElementNs, characters, cdataBlock */
  gboolean           seen_root;    /* the reader sets it at the root's start tag */

  /* owned by _gw_xml_parse */
  xmlParserCtxtPtr   ctxt;
  gboolean           stopped;
  gboolean           halted;
  gboolean           at_end;       /* the input is all read: an error now is a cut-short file */
  char              *bad_encoding; /* an input conversion failed: from this encoding */
  /* the start-tag guard (gw-xml.c, guard_attributes) */
  guint              scan_state;
  guchar             scan_quote;
  guint              scan_match;   /* bytes of a comment's, PI's or CDATA's end matched */
  guint              scan_attrs;   /* attributes of the start tag being scanned */
  char               attr_name[6]; /* the first bytes of the attribute's name */
  guint              attr_name_len;
  gboolean           in_attr_name;
  guint              scan_line, scan_column, tag_line, tag_column;
  char               tag_name[GW_XML_NAME_SHOWN + 1];
  guint              tag_name_len;
  char              *refusal;      /* the guard refused a tag: what it says, where */
  guint              refusal_line, refusal_column;
  guint              bad_line;     /* where the parser was then */
  guint              bad_column;
};

void      _gw_xml_stop             (GwXml      *xml);
void      _gw_xml_halt_if_stopped  (GwXml      *xml);
void      _gw_xml_element_position (GwXml      *xml,
                                    guint      *line,
                                    guint      *column);
gboolean  _gw_xml_parse            (GwXml      *xml,
                                    GwInput    *input,
                                    GError    **error);
void      _gw_xml_clear            (GwXml      *xml);

G_END_DECLS
