/* gw-sdmx-structure.c: an SDMX-ML structure message, for the data reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a data message needs from its structure (../shared/docs/sdmx.md
 * §4): which components of a data structure are dimensions (Dimension,
 * MeasureDimension, TimeDimension) and which attributes, the codelist of
 * each (Enumeration/Ref), and the names of codes (Codelist/Code/Name) and
 * concepts (ConceptScheme/Concept/Name: a measure dimension's codes), in
 * English when the name is given in several languages.  2.1 and 2.0
 * (KeyFamily, codelist= attributes) alike; the same hardened parser as the
 * data (gw-xml.c).
 */
#include "gw-config.h"
#include "gw-sdmx-private.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gw-xml-private.h"

typedef struct
{
  GwXml            xml;
  GwSdmxStructure *s;
  GString         *errors;
  guint            depth;

  GHashTable      *list;          /* borrowed: the codelist being read */
  guint            list_depth;
  char            *code;          /* the code or concept being read */
  guint            code_depth;
  char            *named;         /* the dataflow or structure being read */
  guint            named_depth;
  gboolean         in_name;
  gboolean         name_en;
  GString         *text;

  gboolean         in_component;
  gboolean         is_attribute;
  guint            component_depth;
  char            *component;     /* its id */
  char            *concept;       /* its concept's id, when it has no id */
  char            *codelist;
  guint            ref_kind;      /* 1 in ConceptIdentity, 2 in Enumeration */
  gboolean         in_urn;
} Parse;

/* An attribute's value by local name, whatever its namespace (SAX2's five
 * pointers per attribute), or NULL. */
char *
_gw_sdmx_attr (int n, const xmlChar **a, const char *name)
{
  for (int i = 0; i < n; i++)
    if (strcmp ((const char *) a[5 * i], name) == 0)
      return g_strndup ((const char *) a[5 * i + 3], a[5 * i + 4] - a[5 * i + 3]);
  return NULL;
}

static void
on_start (void *data, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
          int nb_ns, const xmlChar **ns, int n, int nb_defaulted, const xmlChar **a)
{
  Parse *p = data;
  const char *name = (const char *) localname;

  p->depth++;
  if (p->xml.stopped)
    goto out;
  if (p->depth == 1)
    p->xml.seen_root = TRUE;

  if (strcmp (name, "Codelist") == 0 || strcmp (name, "CodeList") == 0 || strcmp (name, "ConceptScheme") == 0)
    {
      g_autofree char *id = _gw_sdmx_attr (n, a, "id");

      if (id != NULL)
        {
          p->list = g_hash_table_lookup (p->s->codelists, id);
          if (p->list == NULL)
            {
              p->list = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
              g_hash_table_insert (p->s->codelists, g_strdup (id), p->list);
            }
          p->list_depth = p->depth;
        }
    }
  else if (p->list != NULL && (strcmp (name, "Code") == 0 || strcmp (name, "Concept") == 0))
    {
      g_free (p->code);
      p->code = _gw_sdmx_attr (n, a, "id");
      if (p->code == NULL)
        p->code = _gw_sdmx_attr (n, a, "value");   /* 2.0 */
      p->code_depth = p->depth;
    }
  else if (strcmp (name, "Dataflow") == 0 || strcmp (name, "DataStructure") == 0 || strcmp (name, "KeyFamily") == 0)
    {
      g_free (p->named);
      p->named = _gw_sdmx_attr (n, a, "id");
      p->named_depth = p->depth;
    }
  else if (strcmp (name, "Name") == 0 || strcmp (name, "Description") == 0)
    {
      g_autofree char *lang = _gw_sdmx_attr (n, a, "lang");

      if (strcmp (name, "Name") == 0 && ((p->code != NULL && p->depth == p->code_depth + 1)
                                         || (p->named != NULL && p->depth == p->named_depth + 1)))
        {
          p->in_name = TRUE;
          p->name_en = lang == NULL || g_str_has_prefix (lang, "en");
          g_string_truncate (p->text, 0);
        }
    }
  else if (strcmp (name, "Dimension") == 0 || strcmp (name, "MeasureDimension") == 0
           || strcmp (name, "TimeDimension") == 0 || strcmp (name, "Attribute") == 0)
    {
      p->in_component = TRUE;
      p->is_attribute = name[0] == 'A';
      p->component_depth = p->depth;
      g_free (p->component);
      g_free (p->concept);
      g_free (p->codelist);
      p->component = _gw_sdmx_attr (n, a, "id");
      p->concept = _gw_sdmx_attr (n, a, "concept");     /* 2.0 */
      p->codelist = _gw_sdmx_attr (n, a, "codelist");   /* 2.0 */
    }
  else if (p->in_component && strcmp (name, "ConceptIdentity") == 0)
    p->ref_kind = 1;
  else if (p->in_component && strcmp (name, "Enumeration") == 0)
    p->ref_kind = 2;
  else if (p->in_component && strcmp (name, "URN") == 0 && p->ref_kind != 0)
    {
      p->in_urn = TRUE;
      g_string_truncate (p->text, 0);
    }
  else if (p->in_component && strcmp (name, "Ref") == 0 && p->ref_kind != 0)
    {
      char *id = _gw_sdmx_attr (n, a, "id");

      if (p->ref_kind == 1 && p->concept == NULL)
        p->concept = id;
      else if (p->ref_kind == 2 && p->codelist == NULL)
        p->codelist = id;
      else
        g_free (id);
    }
out:
  _gw_xml_halt_if_stopped (&p->xml);
}

static void
on_end (void *data, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
  Parse *p = data;
  const char *name = (const char *) localname;

  if (p->in_urn)
    {
      /* urn:sdmx:org.sdmx.infomodel.codelist.Codelist=ISO:CL_CURRENCY(1.0) */
      const char *colon = strrchr (p->text->str, ':'), *paren = strchr (p->text->str, '(');
      char *id = colon != NULL && paren != NULL && paren > colon ? g_strndup (colon + 1, paren - colon - 1) : NULL;

      p->in_urn = FALSE;
      if (id != NULL && p->ref_kind == 1 && p->concept == NULL)
        p->concept = id;
      else if (id != NULL && p->ref_kind == 2 && p->codelist == NULL)
        p->codelist = id;
      else
        g_free (id);
    }
  else if (p->in_name && strcmp (name, "Name") == 0)
    {
      char *text = g_strstrip (g_strdup (p->text->str));

      p->in_name = FALSE;
      if (p->code != NULL && p->depth == p->code_depth + 1)
        {
          if (p->name_en || !g_hash_table_contains (p->list, p->code))
            g_hash_table_insert (p->list, g_strdup (p->code), g_strdup (text));
        }
      else if (p->named != NULL && (p->name_en || !g_hash_table_contains (p->s->names, p->named)))
        g_hash_table_insert (p->s->names, g_strdup (p->named), g_strdup (text));
      g_free (text);
    }
  else if (p->in_component && p->depth == p->component_depth)
    {
      const char *id = p->component != NULL ? p->component : p->concept;

      p->in_component = FALSE;
      if (id != NULL)
        {
          if (p->is_attribute)
            g_hash_table_add (p->s->attributes, g_strdup (id));
          else
            g_hash_table_insert (p->s->dimensions, g_strdup (id), g_strdup (p->codelist != NULL ? p->codelist : ""));
        }
    }
  else if (p->in_component && (strcmp (name, "ConceptIdentity") == 0 || strcmp (name, "Enumeration") == 0))
    p->ref_kind = 0;
  else if (p->code != NULL && p->depth == p->code_depth)
    g_clear_pointer (&p->code, g_free);
  else if (p->named != NULL && p->depth == p->named_depth)
    g_clear_pointer (&p->named, g_free);
  else if (p->list != NULL && p->depth == p->list_depth)
    p->list = NULL;
  p->depth--;
  _gw_xml_halt_if_stopped (&p->xml);
}

static void
on_text (void *data, const xmlChar *ch, int len)
{
  Parse *p = data;

  if ((p->in_name || p->in_urn) && p->text->len < 4096)
    g_string_append_len (p->text, (const char *) ch, len);
}

static void
on_problem (GwXml *xml, guint line, guint column, const char *message)
{
  Parse *p = (Parse *) xml;

  if (p->errors->len == 0)
    g_string_printf (p->errors, "%u:%u: %s", line, column, message);
  _gw_xml_stop (xml);
}

static void
on_prepare (GwXml *xml)
{
}

void
_gw_sdmx_structure_free (GwSdmxStructure *s)
{
  if (s == NULL)
    return;
  g_hash_table_unref (s->dimensions);
  g_hash_table_unref (s->attributes);
  g_hash_table_unref (s->codelists);
  g_hash_table_unref (s->names);
  g_free (s->path);
  g_free (s);
}

/* Reads a structure message: GW_EXPORT_ERROR_INVALID with the file, line
 * and column of its first error, or when it declares no dimension. */
GwSdmxStructure *
_gw_sdmx_structure_load (const char *path, GError **error)
{
  g_autoptr(GwSdmxStructure) s = g_new0 (GwSdmxStructure, 1);
  g_autoptr(GwInput) input = NULL;
  g_autoptr(GString) errors = g_string_new (NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *base = g_path_get_basename (path);
  Parse p = { 0 };
  gboolean ok;

  s->path = g_strdup (path);
  s->dimensions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  s->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s->codelists = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
  s->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  gw_formats_init ();
  input = gw_input_open (path, NULL, NULL, NULL, error);
  if (input == NULL)
    return NULL;
  p.s = s;
  p.errors = errors;
  p.text = text;
  p.xml.path = path;
  p.xml.problem = on_problem;
  p.xml.prepare = on_prepare;
  p.xml.sax.startElementNs = on_start;
  p.xml.sax.endElementNs = on_end;
  p.xml.sax.characters = on_text;
  ok = _gw_xml_parse (&p.xml, input, error);
  _gw_xml_clear (&p.xml);
  g_free (p.code);
  g_free (p.named);
  g_free (p.component);
  g_free (p.concept);
  g_free (p.codelist);
  if (!ok)
    return NULL;
  if (errors->len > 0)
    {
      g_set_error (error, GW_EXPORT_ERROR, GW_EXPORT_ERROR_INVALID, "%s:%s", base, errors->str);
      return NULL;
    }
  if (g_hash_table_size (s->dimensions) == 0)
    {
      g_set_error (error, GW_EXPORT_ERROR, GW_EXPORT_ERROR_INVALID,
                   _("%s: not an SDMX-ML structure message: it declares no dimension"), base);
      return NULL;
    }
  return g_steal_pointer (&s);
}

const char *
_gw_sdmx_structure_code_name (GwSdmxStructure *s, const char *dimension, const char *code)
{
  const char *list_id;
  GHashTable *list;

  if (s == NULL)
    return NULL;
  list_id = g_hash_table_lookup (s->dimensions, dimension);
  if (list_id == NULL || *list_id == '\0')
    return NULL;
  list = g_hash_table_lookup (s->codelists, list_id);
  return list != NULL ? g_hash_table_lookup (list, code) : NULL;
}

GwSdmxStructure *
_gw_sdmx_structure_for (const char *path, GError **error)
{
  g_autofree char *given = _gw_sdmx_option_structure ();
  g_autofree char *beside = NULL;
  const char *dot;

  if (given != NULL)
    return _gw_sdmx_structure_load (given, error);
  /* ESTAT_demography-xs.xml beside ESTAT_demography-structure.xml: the
   * name up to its last '-' or '_' before the extension */
  dot = strrchr (path, '.');
  if (g_str_has_suffix (path, ".gz"))
    {
      for (dot = path + strlen (path) - 3; dot > path && *--dot != '.';)
        ;
    }
  if (dot == NULL || dot <= path)
    return NULL;
  for (const char *c = dot; c > path && c[-1] != '/'; c--)
    if (c[-1] == '-' || c[-1] == '_')
      {
        g_autofree char *stem = g_strndup (path, c - 1 - path);

        beside = g_strconcat (stem, "-structure.xml", NULL);
        if (strcmp (beside, path) != 0 && g_file_test (beside, G_FILE_TEST_IS_REGULAR))
          return _gw_sdmx_structure_load (beside, error);
        g_clear_pointer (&beside, g_free);
      }
  {
    g_autofree char *stem = g_strndup (path, dot - path);

    beside = g_strconcat (stem, "-structure.xml", NULL);
    if (g_file_test (beside, G_FILE_TEST_IS_REGULAR))
      return _gw_sdmx_structure_load (beside, error);
  }
  return NULL;
}
