/* gw-export-reader.c: the reader of Gapwatch export format 1.x
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The format's rules (../shared/docs/export-format.md), on libxml2's SAX2
 * push parser as gw-xml.c hardens it, fed from a GwInput.  SAX2 rather than
 * xmlTextReader: it builds no nodes at all, and attribute values arrive as
 * slices of the parser's buffer, so a record costs no allocation.
 *
 * Everything goes into a GwBatch; the batch is handed over only when the
 * whole file was read without an error.  Keys repeated within the file are
 * found after the read by sorting (gw_batch_finish); only then, and only
 * for those keys, a second pass over the same file finds their lines for the
 * messages.
 */
#include "gw-config.h"
#include "gw-export-reader.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "gw-xml-private.h"

#define MAX_CODE_LEN       64
#define MAX_NAME_LEN       1024

typedef enum
{
  EL_NONE,
  EL_EXPORT,
  EL_AREAS,
  EL_GROUP,
  EL_AREA,
  EL_DEATHS,
  EL_POPULATION,
  EL_BIRTHS,
  EL_INDICATOR,
  EL_C,
  EL_V,
  EL_CAUSES,
  EL_CAUSE,
  N_ELEMENTS_KINDS
} Element;

static const char *const element_names[N_ELEMENTS_KINDS] = {
  NULL, "export", "areas", "group", "area", "deaths", "population", "births", "indicator", "c", "v",
  "causes", "cause",
};

typedef enum
{
  A_OTHER = 0,
  A_AREA,
  A_SEX,
  A_AGE,
  A_N,
  A_CAUSE,
  A_VALUE,
  A_LOWER,
  A_UPPER,
  A_PERIOD,
  A_GROUP,
  A_NOTE,
  A_COUNT,
  A_DENOMINATOR,
  A_BASIS,
  A_ID,
  A_NAME,
  A_CODE,
  A_TYPE,
  A_PARENT,
  A_GROUPS,
  A_IMD_DECILE,
  A_UNIT,
  A_POLARITY,
  A_VERSION,
  A_GENERATED,
  A_PUBLISHER,
  A_TITLE,
  A_DECILE,
  A_ICD10,
  N_ATTRS
} AttrName;

/* the hot ones first: a record's attributes are found in a few compares */
static const char *const attr_names[N_ATTRS] = {
  NULL,
  "area",
  "sex",
  "age",
  "n",
  "cause",
  "value",
  "lower",
  "upper",
  "period",
  "group",
  "note",
  "count",
  "denominator",
  "basis",
  "id",
  "name",
  "code",
  "type",
  "parent",
  "groups",
  "imd-decile",
  "unit",
  "polarity",
  "version",
  "generated",
  "publisher",
  "title",
  "decile",
  "icd10",
};

typedef enum
{
  PASS_READ,          /* fill the batch */
  PASS_LOCATE,        /* find the lines of duplicate keys */
  PASS_UNDECLARED,    /* find the first uses of codes never declared */
} Pass;

/* A reference to check at the end of the file, where it was made. */
typedef struct
{
  char  *value;
  guint  line;
  guint  column;
  gboolean is_group;
  char  *area;        /* the area whose attribute it is */
} Deferred;

/* A cause this export declares, where it does. */
typedef struct
{
  char  *id;
  char  *parent;
  guint  line;
  guint  column;
} CauseDecl;

/* Where a record first used a cause not declared yet. */
typedef struct
{
  guint  line;
  guint  column;
} Position;

typedef struct
{
  GwXml              xml;          /* first: the SAX callbacks' user data is both */

  /* borrowed */
  GwBatch           *batch;
  GPtrArray         *errors;       /* GwProblem */
  GCancellable      *cancellable;

  Pass               pass;
  const xmlChar     *names[N_ELEMENTS_KINDS];   /* interned in ctxt->dict */
  const xmlChar     *anames[N_ATTRS];
  guint              n_errors;
  guint              text_depth;   /* depth whose stray text was reported */
  GPtrArray         *scratch;      /* decoded attribute values of the element */
  GwDataset         *dataset;
  /* Codes used before their declaration: only counted, so a file naming a
   * million undeclared areas costs no more than a valid one.  When some are
   * never declared, a second pass (PASS_UNDECLARED) finds their first uses,
   * and stops at GW_EXPORT_MAX_ERRORS. */
  guint              n_forward;
  guint              n_forward_declared;
  GHashTable        *undeclared;   /* PASS_UNDECLARED: codes reported ("a"/"g" + code) */
  gboolean           reporting_undeclared;

  /* element stack below <export> */
  Element            stack[4];
  guint              depth;        /* elements open, all namespaces */
  guint              skip_depth;   /* > 0: inside a foreign element */

  /* the record set being read */
  GwPeriod           period;
  gint               basis;
  gint               indicator;
  gboolean           set_ok;

  /* causes (export 1.1): declared here, and used before their declaration
   * (id -> Position of the first use; few: the registry holds 255) */
  GArray            *cause_decls;  /* CauseDecl */
  GHashTable        *cause_uses;
  GString           *last_cause;   /* the last cause looked up, and its number */
  gint               last_cause_number;

  /* last area looked up (records come in runs of one area) */
  GString           *last_code;
  gint               last_area;

  GString           *text;         /* value_text() */
  char               short_text[16];
  const xmlChar     *ns_uri;       /* GW_EXPORT_NS as interned in ctxt->dict, once seen */

  GArray            *deferred;     /* Deferred: parents and group memberships */

  /* locate pass */
  GHashTable        *dup_first;    /* (kind << 56 ^ key) -> first line, 0 before seen */
  guint              warnings_foreign;
} Reader;

static void
add_problem (Reader *r, guint line, guint column, const char *message)
{
  if (r->n_errors >= GW_EXPORT_MAX_ERRORS)
    return;
  /* the first pass said everything else already */
  if (r->pass == PASS_UNDECLARED && !r->reporting_undeclared)
    return;
  r->n_errors++;
  if (r->errors != NULL)
    g_ptr_array_add (r->errors, gw_problem_new (r->xml.path, line, column, message));
  if (r->n_errors >= GW_EXPORT_MAX_ERRORS)
    _gw_xml_stop (&r->xml);
}

static void error_at_element (Reader *r, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
error_at_element (Reader *r, const char *format, ...)
{
  g_autofree char *message = NULL;
  guint line, column;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  _gw_xml_element_position (&r->xml, &line, &column);
  add_problem (r, line, column, message);
}

static void
warn (Reader *r, const char *message)
{
  GwProblem problem = { 0 };
  g_autofree char *text = NULL;

  if (r->pass != PASS_READ)
    return;

  /* the same form and escaping as the errors */
  problem.file = (char *) r->xml.path;
  problem.message = (char *) message;
  _gw_xml_element_position (&r->xml, &problem.line, &problem.column);
  text = gw_problem_format (&problem);
  gw_batch_add_warning (r->batch, text);
}

/* Attributes */

typedef struct
{
  const xmlChar *name;
  AttrName       id;
  const xmlChar *value;   /* not NUL-terminated */
  gsize          len;
} Attr;

/* The value as a NUL-terminated string, in a buffer of the reader's that
 * the next call reuses: values of any length, and no allocation once the
 * buffer has grown. */
static const char *
value_text (Reader *r, const Attr *a)
{
  /* a record's sex and age band: no GString call */
  if (a->len < sizeof r->short_text)
    {
      memcpy (r->short_text, a->value, a->len);
      r->short_text[a->len] = '\0';
      return r->short_text;
    }
  g_string_truncate (r->text, 0);
  g_string_append_len (r->text, (const char *) a->value, a->len);
  return r->text->str;
}

/* At most max_chars characters of len bytes of UTF-8 text, cut at a
 * character boundary, with "…" when cut. */
static char *
cut_text (const char *text, gsize len, guint max_chars)
{
  const char *end = NULL, *p = text;
  guint n = 0;

  g_utf8_validate (text, len, &end);
  while (p < end && n < max_chars)
    {
      p = g_utf8_next_char (p);
      n++;
    }
  if (p > end)
    p = end;
  if (p < text + len)
    return g_strdup_printf ("%.*s…", (int) (p - text), text);
  return g_strndup (text, p - text);
}

/* A value for messages: cut to 40 characters. */
static char *
shown_value (const Attr *a)
{
  return cut_text ((const char *) a->value, a->len, 40);
}

static void
bad_value (Reader *r, Element el, const Attr *a, const char *expected)
{
  g_autofree char *v = shown_value (a);

  error_at_element (r, _("<%s>: %s=\"%s\" is not %s"), element_names[el], a->name, v, expected);
}

static void
missing (Reader *r, Element el, const char *attr)
{
  error_at_element (r, _("<%s>: the attribute %s is missing"), element_names[el], attr);
}

/* A non-negative integer: digits only, below 2^53. */
static gboolean
parse_count (const Attr *a, double *out)
{
  guint64 v = 0;

  if (a->len == 0 || a->len > 15)
    return FALSE;
  for (gsize i = 0; i < a->len; i++)
    {
      if (a->value[i] < '0' || a->value[i] > '9')
        return FALSE;
      v = v * 10 + (a->value[i] - '0');
    }
  *out = (double) v;
  return TRUE;
}

/* An XML Schema decimal: optional sign, digits, optional fraction. */
static gboolean
parse_decimal (Reader *r, const Attr *a, gboolean allow_negative, double *out)
{
  const char *buf;
  gsize i = 0, digits = 0;

  if (a->len == 0)
    return FALSE;
  /* a whole number of people, as most populations are */
  if (parse_count (a, out))
    return TRUE;
  buf = value_text (r, a);
  if (buf[0] == '-' || buf[0] == '+')
    {
      if (buf[0] == '-' && !allow_negative)
        return FALSE;
      i++;
    }
  for (; g_ascii_isdigit (buf[i]); i++)
    digits++;
  if (buf[i] == '.')
    for (i++; g_ascii_isdigit (buf[i]); i++)
      digits++;
  if (buf[i] != '\0' || digits == 0)
    return FALSE;
  *out = g_ascii_strtod (buf, NULL);
  if (!allow_negative && *out == 0)
    *out = 0;   /* "-0" was refused above; "+0" is 0 */
  return isfinite (*out);
}

#define attr_is(a, which) ((a)->id == (which))

/* Remembers the area a code stands for: records come in runs of one area. */
static void
cache_area (Reader *r, const Attr *a, gint area)
{
  g_string_truncate (r->last_code, 0);
  g_string_append_len (r->last_code, (const char *) a->value, a->len);
  r->last_area = area;
}

/* Looks up a record's area, caching the last one. */
static gint
lookup_area (Reader *r, const Attr *a)
{
  if (r->last_area >= 0 && a->len == r->last_code->len && memcmp (a->value, r->last_code->str, a->len) == 0)
    return r->last_area;
  if (a->len > MAX_CODE_LEN)
    return -1;
  cache_area (r, a, gw_batch_lookup_area (r->batch, value_text (r, a)));
  return r->last_area;
}

/* The last problem added was a code no import declares. */
static void
mark_unknown_reference (Reader *r)
{
  if (r->errors != NULL && r->errors->len > 0)
    ((GwProblem *) g_ptr_array_index (r->errors, r->errors->len - 1))->kind = GW_PROBLEM_UNKNOWN_REFERENCE;
}

/* A record names an area or group not known yet: it may be declared later
 * in this file (the root's children come in any order), so it gets a number
 * now and check_forward() reports it at the end if it never is. */
/* A code past GW_MAX_AREAS or GW_MAX_GROUPS: key fields cannot hold it, so
 * the read ends here. */
static void
too_many (Reader *r, Element el, const char *attr, const char *value, gboolean is_group)
{
  if (is_group)
    error_at_element (r, _("<%s>: %s=\"%s\" is one group too many: Gapwatch holds at most %u groups, "
                           "counting those of earlier imports"), element_names[el], attr, value, GW_MAX_GROUPS);
  else
    error_at_element (r, _("<%s>: %s=\"%s\" is one area too many: Gapwatch holds at most %u areas, "
                           "counting those of earlier imports"), element_names[el], attr, value, GW_MAX_AREAS);
  _gw_xml_stop (&r->xml);
}

static void
undeclared_error (Reader *r, Element el, const char *code, gboolean is_group)
{
  guint before = r->n_errors;

  error_at_element (r, _("<%s>: %s=\"%s\" is not declared in this export or an earlier import"),
                    element_names[el], is_group ? "group" : "area", code);
  if (r->n_errors > before)
    mark_unknown_reference (r);
}

static gint
forward_reference (Reader *r, Element el, const Attr *a, gboolean is_group)
{
  g_autofree char *code = NULL;
  gint index = -1;

  if (r->pass == PASS_READ && a->len > 0 && a->len <= MAX_CODE_LEN)
    {
      code = g_strndup ((const char *) a->value, a->len);
      index = is_group ? gw_batch_reserve_group (r->batch, code) : gw_batch_reserve_area (r->batch, code);
      if (index < 0)
        {
          too_many (r, el, is_group ? "group" : "area", code, is_group);
          return -1;
        }
    }
  if (index < 0)
    {
      g_autofree char *v = shown_value (a);

      undeclared_error (r, el, v, is_group);
      return -1;
    }

  r->n_forward++;
  if (!is_group)
    cache_area (r, a, index);
  return index;
}

/* PASS_UNDECLARED: a record's code that neither this export nor an earlier
 * import declares is an error where it is first used. */
static void
check_declared (Reader *r, Element el, const Attr *a, gboolean is_group)
{
  const char *code = value_text (r, a);
  g_autofree char *key = NULL;

  if (is_group ? (gw_batch_declares_group (r->batch, code) || gw_dataset_lookup_group (r->dataset, code) >= 0)
               : (gw_batch_declares_area (r->batch, code) || gw_dataset_lookup_area (r->dataset, code) >= 0))
    return;
  key = g_strconcat (is_group ? "g" : "a", code, NULL);
  if (g_hash_table_contains (r->undeclared, key))
    return;
  r->reporting_undeclared = TRUE;
  undeclared_error (r, el, code, is_group);
  r->reporting_undeclared = FALSE;
  g_hash_table_add (r->undeclared, g_steal_pointer (&key));
}

/* The area or group of a record, by its code: known, or used before its
 * declaration (a number now, checked at the end). */
static gint
record_subject (Reader *r, Element el, const Attr *a, gboolean is_group)
{
  gint index = is_group ? gw_batch_lookup_group (r->batch, value_text (r, a)) : lookup_area (r, a);

  if (index < 0)
    return forward_reference (r, el, a, is_group);
  if (r->pass == PASS_UNDECLARED)
    check_declared (r, el, a, is_group);
  return index;
}

/* A declaration of a code some record used before it. */
static void
forward_declared (Reader *r, const char *code, gboolean is_group)
{
  if (is_group ? gw_dataset_lookup_group (r->dataset, code) < 0 : gw_dataset_lookup_area (r->dataset, code) < 0)
    r->n_forward_declared++;
}

static void
unknown_attribute (Reader *r, Element el, const Attr *a)
{
  error_at_element (r, _("<%s>: unknown attribute %s"), element_names[el], a->name);
}

/* Elements */

static void
read_export (Reader *r, const Attr *attrs, guint n)
{
  g_autofree char *id = NULL, *version = NULL;
  g_autofree char *generated_text = NULL, *publisher = NULL, *title = NULL;
  g_autoptr(GDateTime) generated = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  gboolean has_id = FALSE, has_generated = FALSE, has_version = FALSE;

  for (guint i = 0; i < n; i++)
    {
      const Attr *a = &attrs[i];

      if (attr_is (a, A_VERSION))
        {
          const char *dot;

          has_version = TRUE;
          g_free (version);
          version = g_strndup ((const char *) a->value, a->len);
          if ((dot = strchr (version, '.')) == NULL
              || dot == version || strspn (version, "0123456789") != (gsize) (dot - version)
              || dot[1] == '\0' || strspn (dot + 1, "0123456789") != strlen (dot + 1))
            bad_value (r, EL_EXPORT, a, _("a version number (expected 1.x)"));
          else if (dot - version != 1 || version[0] != '1')
            {
              error_at_element (r, _("this is a version %s export; Gapwatch reads 1.x"), version);
              _gw_xml_stop (&r->xml);
              return;
            }
        }
      else if (attr_is (a, A_ID))
        {
          has_id = TRUE;
          if (a->len == 0 || a->len > MAX_CODE_LEN * 2)
            bad_value (r, EL_EXPORT, a, _("an export id (1 to 128 characters)"));
          else
            {
              g_free (id);
              id = g_strndup ((const char *) a->value, a->len);
            }
        }
      else if (attr_is (a, A_GENERATED))
        {
          has_generated = TRUE;
          generated_text = g_strndup ((const char *) a->value, MIN (a->len, 64));
          generated = a->len < 64 ? g_date_time_new_from_iso8601 (generated_text, utc) : NULL;
          if (generated == NULL)
            bad_value (r, EL_EXPORT, a, _("an ISO 8601 date and time (e.g. 2007-07-12T08:30:00Z)"));
        }
      else if (attr_is (a, A_PUBLISHER) && a->len <= MAX_NAME_LEN)
        publisher = g_strndup ((const char *) a->value, a->len);
      else if (attr_is (a, A_TITLE) && a->len <= MAX_NAME_LEN)
        title = g_strndup ((const char *) a->value, a->len);
      else if (attr_is (a, A_PUBLISHER) || attr_is (a, A_TITLE))
        bad_value (r, EL_EXPORT, a, _("a text of at most 1024 characters"));
      else
        unknown_attribute (r, EL_EXPORT, a);
    }

  if (!has_version)
    missing (r, EL_EXPORT, "version");
  if (!has_id)
    missing (r, EL_EXPORT, "id");
  if (!has_generated)
    missing (r, EL_EXPORT, "generated");
  if (r->pass == PASS_READ)
    gw_batch_set_header (r->batch, id != NULL ? id : "", generated, version != NULL ? version : "", publisher, title);
}

static void
defer (Reader *r, const Attr *a, gboolean is_group, const char *area, gsize value_len, const xmlChar *value)
{
  Deferred d = { 0 };

  d.value = g_strndup ((const char *) value, value_len);
  d.is_group = is_group;
  d.area = g_strdup (area);
  _gw_xml_element_position (&r->xml, &d.line, &d.column);
  g_array_append_val (r->deferred, d);
}

static void
read_group (Reader *r, const Attr *attrs, guint n)
{
  g_autofree char *id = NULL, *name = NULL;
  gboolean has_id = FALSE, known_before;

  for (guint i = 0; i < n; i++)
    {
      const Attr *a = &attrs[i];

      if (attr_is (a, A_ID))
        {
          has_id = TRUE;
          if (a->len == 0 || a->len > MAX_CODE_LEN || memchr (a->value, ' ', a->len) != NULL)
            bad_value (r, EL_GROUP, a, _("a group id (1 to 64 characters, no spaces)"));
          else
            id = g_strndup ((const char *) a->value, a->len);
        }
      else if (attr_is (a, A_NAME))
        {
          if (a->len > MAX_NAME_LEN)
            bad_value (r, EL_GROUP, a, _("a name of at most 1024 characters"));
          else
            name = g_strndup ((const char *) a->value, a->len);
        }
      else
        unknown_attribute (r, EL_GROUP, a);
    }
  if (id == NULL)
    {
      if (!has_id)
        missing (r, EL_GROUP, "id");
      return;
    }
  if (r->pass != PASS_READ)
    return;
  known_before = gw_batch_lookup_group (r->batch, id) >= 0;
  if (gw_batch_declare_group (r->batch, id, name) < 0)
    {
      /* a code already known is a duplicate; an unknown one could not be added */
      if (gw_batch_lookup_group (r->batch, id) < 0)
        too_many (r, EL_GROUP, "id", id, TRUE);
      else
        error_at_element (r, _("<group>: id=\"%s\" is declared twice in this export"), id);
    }
  else if (known_before)
    forward_declared (r, id, TRUE);
}

static void
read_area (Reader *r, const Attr *attrs, guint n)
{
  GwAreaDecl decl = { 0 };
  g_autofree char *code = NULL, *name = NULL, *parent = NULL;
  g_auto(GStrv) groups = NULL;
  const Attr *groups_attr = NULL, *parent_attr = NULL;
  gboolean has_type = FALSE, ok = TRUE, known_before;

  decl.type = GW_AREA_OTHER;
  for (guint i = 0; i < n; i++)
    {
      const Attr *a = &attrs[i];

      if (attr_is (a, A_CODE))
        {
          if (a->len == 0 || a->len > MAX_CODE_LEN || memchr (a->value, ' ', a->len) != NULL)
            {
              bad_value (r, EL_AREA, a, _("an area code (1 to 64 characters, no spaces)"));
              ok = FALSE;
            }
          else
            code = g_strndup ((const char *) a->value, a->len);
        }
      else if (attr_is (a, A_NAME))
        {
          if (a->len > MAX_NAME_LEN)
            bad_value (r, EL_AREA, a, _("a name of at most 1024 characters"));
          else
            name = g_strndup ((const char *) a->value, a->len);
        }
      else if (attr_is (a, A_TYPE))
        {
          has_type = TRUE;
          if (!gw_area_type_parse (value_text (r, a), &decl.type))
            {
              bad_value (r, EL_AREA, a, _("an area type (country, region, ua, la, pct, ccg, icb, msoa, lsoa or other)"));
              ok = FALSE;
            }
        }
      else if (attr_is (a, A_PARENT))
        {
          if (a->len == 0 || a->len > MAX_CODE_LEN)
            bad_value (r, EL_AREA, a, _("an area code"));
          else
            {
              parent = g_strndup ((const char *) a->value, a->len);
              parent_attr = a;
            }
        }
      else if (attr_is (a, A_GROUPS))
        {
          g_autofree char *text = g_strndup ((const char *) a->value, a->len);

          groups = g_strsplit_set (g_strstrip (text), " \t\n", -1);
          groups_attr = a;
        }
      else if (attr_is (a, A_IMD_DECILE))
        {
          double d;

          if (!parse_count (a, &d) || d < 1 || d > 10)
            bad_value (r, EL_AREA, a, _("a deprivation decile from 1 to 10"));
          else
            decl.imd_decile = (guint) d;
        }
      else
        unknown_attribute (r, EL_AREA, a);
    }

  if (code == NULL)
    {
      if (ok)
        missing (r, EL_AREA, "code");
      return;
    }
  if (!has_type)
    missing (r, EL_AREA, "type");
  if (r->pass != PASS_READ)
    return;

  known_before = gw_batch_lookup_area (r->batch, code) >= 0;
  decl.code = code;
  decl.name = name;
  decl.parent = parent;
  decl.groups = (const char *const *) groups;
  if (gw_batch_declare_area (r->batch, &decl) < 0)
    {
      /* a code already known is a duplicate; an unknown one could not be added */
      if (gw_batch_lookup_area (r->batch, code) < 0)
        too_many (r, EL_AREA, "code", code, FALSE);
      else
        error_at_element (r, _("<area>: code=\"%s\" is declared twice in this export"), code);
      return;
    }
  if (known_before)
    forward_declared (r, code, FALSE);
  if (parent_attr != NULL)
    defer (r, parent_attr, FALSE, code, parent_attr->len, parent_attr->value);
  for (guint i = 0; groups != NULL && groups[i] != NULL; i++)
    if (groups[i][0] != '\0')
      defer (r, groups_attr, TRUE, code, strlen (groups[i]), (const xmlChar *) groups[i]);
}

/* A cause id of the contract: [a-z0-9-]+. */
static gboolean
is_cause_id (const Attr *a)
{
  if (a->len == 0 || a->len > MAX_CODE_LEN)
    return FALSE;
  for (gsize i = 0; i < a->len; i++)
    if (!(g_ascii_islower (a->value[i]) || g_ascii_isdigit (a->value[i]) || a->value[i] == '-'))
      return FALSE;
  return TRUE;
}

static void
read_cause (Reader *r, const Attr *attrs, guint n)
{
  GwCauseDecl decl = { 0 };
  g_autofree char *id = NULL, *name = NULL, *icd10 = NULL, *parent = NULL;
  gboolean has_id = FALSE, has_name = FALSE;
  guint errors_before = r->n_errors;
  CauseDecl cd = { 0 };
  gint number;

  for (guint i = 0; i < n; i++)
    {
      const Attr *a = &attrs[i];

      if (attr_is (a, A_ID))
        {
          has_id = TRUE;
          if (!is_cause_id (a))
            bad_value (r, EL_CAUSE, a, _("a cause id (1 to 64 lower-case letters, digits and hyphens)"));
          else
            id = g_strndup ((const char *) a->value, a->len);
        }
      else if (attr_is (a, A_NAME))
        {
          has_name = TRUE;
          if (a->len == 0 || a->len > MAX_NAME_LEN)
            bad_value (r, EL_CAUSE, a, _("a name of 1 to 1024 characters"));
          else
            name = g_strndup ((const char *) a->value, a->len);
        }
      else if (attr_is (a, A_ICD10))
        {
          g_autoptr(GArray) ranges = gw_icd10_parse_ranges (value_text (r, a));

          if (ranges == NULL || ranges->len == 0)
            bad_value (r, EL_CAUSE, a, _("ICD-10 codes or ranges, space-separated (e.g. I20-I25 I60-I69)"));
          else
            icd10 = g_strdup (value_text (r, a));
        }
      else if (attr_is (a, A_PARENT))
        {
          if (!is_cause_id (a))
            bad_value (r, EL_CAUSE, a, _("a cause id (1 to 64 lower-case letters, digits and hyphens)"));
          else
            parent = g_strndup ((const char *) a->value, a->len);
        }
      else
        unknown_attribute (r, EL_CAUSE, a);
    }
  if (r->n_errors == errors_before)
    {
      if (!has_id)
        missing (r, EL_CAUSE, "id");
      else if (!has_name)
        missing (r, EL_CAUSE, "name");
    }
  if (r->n_errors != errors_before || r->pass != PASS_READ)
    return;

  decl.id = id;
  decl.name = name;
  decl.icd10 = icd10;
  decl.parent = parent;
  number = gw_batch_declare_cause (r->batch, &decl);
  if (number == -2)
    {
      error_at_element (r, _("<cause>: id=\"%s\" is a built-in cause and needs no declaration"), id);
      return;
    }
  if (number == -1)
    {
      error_at_element (r, _("<cause>: id=\"%s\" is declared twice in this export"), id);
      return;
    }
  if (number < 0)
    {
      error_at_element (r, _("<cause>: id=\"%s\" is one cause too many: Gapwatch holds at most %u causes, "
                             "counting the built-in ones and those of earlier imports"), id, GW_MAX_CAUSES - 1);
      _gw_xml_stop (&r->xml);
      return;
    }
  cd.id = g_steal_pointer (&id);
  cd.parent = g_steal_pointer (&parent);
  _gw_xml_element_position (&r->xml, &cd.line, &cd.column);
  g_array_append_val (r->cause_decls, cd);
}

/* The number of a record's cause: built in, declared in this export (maybe
 * further on: the use is remembered and checked at the end), or by an
 * earlier import.  -1 after an error. */
static gint
record_cause (Reader *r, const Attr *a)
{
  const char *id;
  gint number;

  if (r->last_cause_number >= 0 && a->len == r->last_cause->len
      && memcmp (a->value, r->last_cause->str, a->len) == 0)
    return r->last_cause_number;
  if (!is_cause_id (a))
    {
      bad_value (r, EL_C, a, _("a cause id (a built-in cause or a declared one)"));
      return -1;
    }
  id = value_text (r, a);
  number = gw_batch_lookup_cause (r->batch, id);
  if (number < 0)
    {
      number = gw_batch_reserve_cause (r->batch, id);
      if (number < 0)
        {
          error_at_element (r, _("<c>: cause=\"%s\" is one cause too many: Gapwatch holds at most %u causes, "
                                 "counting the built-in ones and those of earlier imports"), id, GW_MAX_CAUSES - 1);
          _gw_xml_stop (&r->xml);
          return -1;
        }
      if (r->pass == PASS_READ && !g_hash_table_contains (r->cause_uses, id))
        {
          Position *where = g_new (Position, 1);

          _gw_xml_element_position (&r->xml, &where->line, &where->column);
          g_hash_table_insert (r->cause_uses, g_strdup (id), where);
        }
      /* not cached: the next use may come after the declaration */
      return number;
    }
  g_string_truncate (r->last_cause, 0);
  g_string_append_len (r->last_cause, (const char *) a->value, a->len);
  r->last_cause_number = number;
  return number;
}

typedef struct
{
  guint       line;
  guint       column;
  char       *message;
  gboolean    undeclared;   /* a later import may declare it (GW_PROBLEM_UNKNOWN_REFERENCE) */
} CauseProblem;

static int
compare_cause_problems (gconstpointer a, gconstpointer b)
{
  const CauseProblem *x = a, *y = b;

  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  return x->column < y->column ? -1 : x->column > y->column;
}

static void
clear_cause_problem (gpointer data)
{
  g_free (((CauseProblem *) data)->message);
}

/* At the end of the file: every cause a record used is declared, and every
 * declared cause's parent is known and makes no cycle; errors in the
 * order of the file. */
static void
check_causes (Reader *r)
{
  g_autoptr(GArray) problems = g_array_new (FALSE, FALSE, sizeof (CauseProblem));
  GHashTableIter iter;
  gpointer key, value;

  g_array_set_clear_func (problems, clear_cause_problem);
  g_hash_table_iter_init (&iter, r->cause_uses);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!gw_batch_declares_cause (r->batch, key))
      {
        const Position *where = value;
        CauseProblem p = { where->line, where->column, NULL, TRUE };

        p.message = g_strdup_printf (_("<c>: cause=\"%s\" is not a built-in cause or one declared in this "
                                       "export or an earlier import"), (const char *) key);
        g_array_append_val (problems, p);
      }
  for (guint i = 0; i < r->cause_decls->len; i++)
    {
      const CauseDecl *d = &g_array_index (r->cause_decls, CauseDecl, i);
      CauseProblem p = { d->line, d->column, NULL, FALSE };

      switch (gw_batch_check_cause (r->batch, d->id))
        {
        case GW_CAUSE_CHECK_UNKNOWN_PARENT:
          p.message = g_strdup_printf (_("<cause> %s: parent=\"%s\" is not a built-in cause or one declared "
                                         "in this export or an earlier import"), d->id, d->parent);
          break;
        case GW_CAUSE_CHECK_CYCLE:
          p.message = g_strdup_printf (_("<cause> %s: parent=\"%s\" makes a cycle: a cause cannot lie "
                                         "under itself"), d->id, d->parent);
          break;
        case GW_CAUSE_CHECK_OK:
        default:
          break;
        }
      if (p.message != NULL)
        g_array_append_val (problems, p);
    }
  g_array_sort (problems, compare_cause_problems);
  for (guint i = 0; i < problems->len; i++)
    {
      const CauseProblem *p = &g_array_index (problems, CauseProblem, i);

      add_problem (r, p->line, p->column, p->message);
      if (p->undeclared)
        mark_unknown_reference (r);
    }
}

/* <deaths>, <population>, <births>, <indicator>: the attributes of a set */
static void
read_set (Reader *r, Element el, const Attr *attrs, guint n)
{
  gboolean has_period = FALSE;
  g_autofree char *id = NULL, *name = NULL, *unit = NULL;
  GwPolarity polarity = GW_POLARITY_NONE;

  r->set_ok = TRUE;
  r->period = 0;
  r->basis = 0;
  r->indicator = -1;

  for (guint i = 0; i < n; i++)
    {
      const Attr *a = &attrs[i];

      if (el != EL_INDICATOR && attr_is (a, A_PERIOD))
        {
          has_period = TRUE;
          if (!gw_period_parse (value_text (r, a), &r->period))
            {
              bad_value (r, el, a, _("a period (2007, 2007-06, 2007-Q2, 2007/08 or 2003-2005)"));
              r->set_ok = FALSE;
            }
          else if (el == EL_DEATHS && !gw_key_deaths_period_ok (r->period))
            {
              g_autofree char *v = shown_value (a);

              error_at_element (r, _("<deaths>: period=\"%s\" pools more than %u years: Gapwatch keeps deaths "
                                     "pooled over at most %u years"), v, GW_DEATHS_POOLED_MAX_YEARS,
                                GW_DEATHS_POOLED_MAX_YEARS);
              r->set_ok = FALSE;
            }
        }
      else if ((el == EL_DEATHS || el == EL_POPULATION) && attr_is (a, A_BASIS))
        {
          if (a->len == 0)
            bad_value (r, el, a, _("a basis (e.g. registration or mid-year-estimate)"));
          else if (el == EL_DEATHS && r->pass == PASS_READ
                   && (r->basis = gw_batch_intern_basis (r->batch, value_text (r, a))) < 0)
            {
              error_at_element (r, _("<deaths>: too many different bases (at most %d)"), GW_MAX_BASES - 1);
              r->set_ok = FALSE;
            }
          else if (el == EL_DEATHS && r->pass == PASS_LOCATE)
            r->basis = gw_batch_intern_basis (r->batch, value_text (r, a));
        }
      else if (el == EL_INDICATOR && attr_is (a, A_ID))
        {
          if (a->len == 0 || a->len > MAX_CODE_LEN)
            bad_value (r, el, a, _("an indicator id (1 to 64 characters)"));
          else
            id = g_strndup ((const char *) a->value, a->len);
        }
      else if (el == EL_INDICATOR && attr_is (a, A_NAME) && a->len <= MAX_NAME_LEN)
        name = g_strndup ((const char *) a->value, a->len);
      else if (el == EL_INDICATOR && attr_is (a, A_UNIT) && a->len <= MAX_CODE_LEN)
        unit = g_strndup ((const char *) a->value, a->len);
      else if (el == EL_INDICATOR && attr_is (a, A_POLARITY))
        {
          if (!gw_polarity_parse (value_text (r, a), &polarity))
            bad_value (r, el, a, _("a polarity (higher-is-better or lower-is-better)"));
        }
      else if (el == EL_INDICATOR && (attr_is (a, A_NAME) || attr_is (a, A_UNIT)))
        bad_value (r, el, a, _("a text of at most 1024 characters"));
      else
        unknown_attribute (r, el, a);
    }

  if (el == EL_INDICATOR)
    {
      if (id == NULL)
        {
          missing (r, el, "id");
          r->set_ok = FALSE;
        }
      else if ((r->indicator = gw_batch_declare_indicator (r->batch, id, name, unit, polarity)) < 0)
        {
          error_at_element (r, _("<indicator>: too many indicators (at most %d)"), GW_MAX_INDICATORS);
          r->set_ok = FALSE;
        }
    }
  else if (!has_period)
    {
      missing (r, el, "period");
      r->set_ok = FALSE;
    }
}

static void
record (Reader *r, GwRecordKind kind, guint64 key, double value)
{
  if (r->pass == PASS_UNDECLARED)
    return;
  if (r->pass == PASS_READ)
    {
      gw_batch_add_count (r->batch, kind, key, value);
      return;
    }

  /* locate pass: the second sighting of a duplicate key is the error */
  {
    gpointer k = GSIZE_TO_POINTER (((guint64) kind << 56) ^ key);
    gpointer first;

    if (g_hash_table_lookup_extended (r->dup_first, k, NULL, &first))
      {
        guint line, column;

        _gw_xml_element_position (&r->xml, &line, &column);
        if (GPOINTER_TO_UINT (first) == 0)
          g_hash_table_insert (r->dup_first, k, GUINT_TO_POINTER (line));
        else
          {
            g_autofree char *what = gw_batch_describe_key (r->batch, kind, key);

            error_at_element (r, _("duplicate record: %s (first at line %u)"), what, GPOINTER_TO_UINT (first));
          }
      }
  }
}

static void
read_c (Reader *r, Element set, const Attr *attrs, guint n)
{
  gint area = -1;
  GwSex sex = GW_SEX_PERSONS;
  GwAgeBand age = GW_AGE_0;
  GwCause cause = GW_CAUSE_ALL;
  double value = 0;
  gboolean has_sex = FALSE, has_age = FALSE, has_n = FALSE, has_area = FALSE, ok = r->set_ok;
  guint errors_before = r->n_errors;

  for (guint i = 0; i < n; i++)
    {
      const Attr *a = &attrs[i];

      if (attr_is (a, A_AREA))
        {
          has_area = TRUE;
          if ((area = record_subject (r, EL_C, a, FALSE)) < 0)
            ok = FALSE;
        }
      else if (attr_is (a, A_SEX))
        {
          has_sex = TRUE;
          if (!gw_sex_parse (value_text (r, a), &sex))
            {
              bad_value (r, EL_C, a, _("a sex (m, f or p)"));
              ok = FALSE;
            }
        }
      else if (attr_is (a, A_AGE) && set != EL_BIRTHS)
        {
          has_age = TRUE;
          if (!gw_age_band_parse (value_text (r, a), &age))
            {
              bad_value (r, EL_C, a, _("an age band (0, 1-4, 5-9, …, 85-89, 85+ or 90+)"));
              ok = FALSE;
            }
        }
      else if (attr_is (a, A_N))
        {
          has_n = TRUE;
          if (set == EL_POPULATION ? !parse_decimal (r, a, FALSE, &value) : !parse_count (a, &value))
            {
              bad_value (r, EL_C, a, set == EL_POPULATION ? _("a non-negative number")
                                                          : _("a non-negative integer"));
              ok = FALSE;
            }
        }
      else if (attr_is (a, A_CAUSE) && set == EL_DEATHS)
        {
          gint number = record_cause (r, a);

          if (number < 0)
            ok = FALSE;
          else
            cause = (GwCause) number;
        }
      else
        {
          unknown_attribute (r, EL_C, a);
          ok = FALSE;
        }
    }

  if (r->n_errors == errors_before)
    {
      if (!has_area)
        missing (r, EL_C, "area");
      else if (!has_sex && set != EL_BIRTHS)
        missing (r, EL_C, "sex");
      else if (!has_age && set != EL_BIRTHS)
        missing (r, EL_C, "age");
      else if (!has_n)
        missing (r, EL_C, "n");
    }
  if (!ok || r->n_errors != errors_before)
    return;

  switch (set)
    {
    case EL_DEATHS:
      record (r, GW_RECORD_DEATHS, gw_key_deaths (area, sex, cause, r->basis, r->period, age), value);
      break;
    case EL_POPULATION:
      record (r, GW_RECORD_POPULATION, gw_key_population (area, sex, r->period, age), value);
      break;
    case EL_BIRTHS:
      record (r, GW_RECORD_BIRTHS, gw_key_births (area, sex, r->period), value);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
read_v (Reader *r, const Attr *attrs, guint n)
{
  gint subject = -1;
  gboolean is_group = FALSE, has_subject = FALSE, has_sex = FALSE, has_period = FALSE, ok = r->set_ok;
  GwSex sex = GW_SEX_PERSONS;
  GwPeriod period = 0;
  GwNote note = GW_NOTE_NONE;
  double value = NAN, lower = NAN, upper = NAN, count = NAN, denominator = NAN;
  guint decile = 0;
  const Attr *value_attr = NULL;
  guint errors_before = r->n_errors;

  for (guint i = 0; i < n; i++)
    {
      const Attr *a = &attrs[i];

      if (attr_is (a, A_AREA) || attr_is (a, A_GROUP))
        {
          gboolean grp = attr_is (a, A_GROUP);

          if (has_subject)
            {
              error_at_element (r, _("<v>: give area or group, not both"));
              ok = FALSE;
              continue;
            }
          has_subject = TRUE;
          is_group = grp;
          if (!grp)
            {
              if ((subject = record_subject (r, EL_V, a, FALSE)) < 0)
                ok = FALSE;
            }
          else if ((subject = record_subject (r, EL_V, a, TRUE)) < 0)
            ok = FALSE;
        }
      else if (attr_is (a, A_SEX))
        {
          has_sex = TRUE;
          if (!gw_sex_parse (value_text (r, a), &sex))
            {
              bad_value (r, EL_V, a, _("a sex (m, f or p)"));
              ok = FALSE;
            }
        }
      else if (attr_is (a, A_PERIOD))
        {
          has_period = TRUE;
          if (!gw_period_parse (value_text (r, a), &period))
            {
              bad_value (r, EL_V, a, _("a period (2007, 2007-06, 2007-Q2, 2007/08 or 2003-2005)"));
              ok = FALSE;
            }
        }
      else if (attr_is (a, A_VALUE))
        {
          value_attr = a;
          if (a->len > 0 && !parse_decimal (r, a, TRUE, &value))
            {
              bad_value (r, EL_V, a, _("a decimal number"));
              ok = FALSE;
            }
        }
      else if (attr_is (a, A_LOWER) || attr_is (a, A_UPPER))
        {
          double *out = attr_is (a, A_LOWER) ? &lower : &upper;

          if (!parse_decimal (r, a, TRUE, out))
            {
              bad_value (r, EL_V, a, _("a decimal number"));
              ok = FALSE;
            }
        }
      else if (attr_is (a, A_COUNT) || attr_is (a, A_DENOMINATOR))
        {
          double *out = attr_is (a, A_COUNT) ? &count : &denominator;

          if (!parse_decimal (r, a, FALSE, out))
            {
              bad_value (r, EL_V, a, _("a non-negative number"));
              ok = FALSE;
            }
        }
      else if (attr_is (a, A_DECILE))
        {
          double d;

          if (!parse_count (a, &d) || d < 1 || d > GW_N_DECILES)
            {
              bad_value (r, EL_V, a, _("a deprivation decile from 1 to 10"));
              ok = FALSE;
            }
          else
            decile = (guint) d;
        }
      else if (attr_is (a, A_NOTE))
        {
          if (!gw_note_parse (value_text (r, a), &note))
            {
              bad_value (r, EL_V, a, _("a note (suppressed, unreliable or not-available)"));
              ok = FALSE;
            }
        }
      else
        {
          unknown_attribute (r, EL_V, a);
          ok = FALSE;
        }
    }

  if (r->n_errors == errors_before)
    {
      if (!has_subject)
        error_at_element (r, _("<v>: the attribute area or group is missing"));
      else if (!has_sex)
        missing (r, EL_V, "sex");
      else if (!has_period)
        missing (r, EL_V, "period");
      else if (value_attr == NULL)
        missing (r, EL_V, "value");
      else if (value_attr->len == 0 && note == GW_NOTE_NONE)
        error_at_element (r, _("<v>: value=\"\" needs a note (suppressed, unreliable or not-available)"));
      else if (!isnan (value) && !isnan (lower) && lower > value)
        error_at_element (r, _("<v>: lower=\"%g\" is above value=\"%g\""), lower, value);
      else if (!isnan (value) && !isnan (upper) && value > upper)
        error_at_element (r, _("<v>: value=\"%g\" is above upper=\"%g\""), value, upper);
      else if (!isnan (lower) && !isnan (upper) && lower > upper)
        error_at_element (r, _("<v>: lower=\"%g\" is above upper=\"%g\""), lower, upper);
    }
  if (!ok || r->n_errors != errors_before)
    return;

  {
    guint64 key = gw_key_value_decile (r->indicator, is_group, subject, sex, period, decile);

    if (r->pass == PASS_READ)
      {
        gw_batch_add_value (r->batch, key, value, lower, upper, count, denominator, note);
        if (note != GW_NOTE_NONE)
          {
            g_autofree char *what = gw_batch_describe_key (r->batch, GW_RECORD_VALUES, key);
            g_autofree char *text = g_strdup_printf (_("%s: value %s"), what, gw_note_to_string (note));

            warn (r, text);
          }
      }
    else
      record (r, GW_RECORD_VALUES, key, value);
  }
}

/* SAX callbacks */

static Element
element_of (Reader *r, const xmlChar *localname)
{
  for (guint i = 1; i < N_ELEMENTS_KINDS; i++)
    if (r->names[i] == localname)
      return i;
  return EL_NONE;
}

/* Which children each element may have. */
static gboolean
allowed_child (Element parent, Element child)
{
  switch (parent)
    {
    case EL_EXPORT:
      return child == EL_AREAS || child == EL_DEATHS || child == EL_POPULATION
             || child == EL_BIRTHS || child == EL_INDICATOR || child == EL_CAUSES;
    case EL_CAUSES:
      return child == EL_CAUSE;
    case EL_AREAS:
      return child == EL_GROUP || child == EL_AREA;
    case EL_DEATHS:
    case EL_POPULATION:
    case EL_BIRTHS:
      return child == EL_C;
    case EL_INDICATOR:
      return child == EL_V;
    default:
      return FALSE;
    }
}

static void
start_element (Reader         *r,
               const xmlChar  *localname,
               const xmlChar  *prefix,
               const xmlChar  *uri,
               int             nb_attributes,
               const xmlChar **attributes)
{
  Attr attrs[32];
  guint n = 0;
  Element el, parent;
  gboolean ours;

  r->depth++;
  if (r->xml.stopped)
    return;
  if (r->skip_depth > 0)
    {
      r->skip_depth++;
      return;
    }

  /* namespace names are interned in the parser's dictionary: one strcmp */
  if (uri != NULL && uri != r->ns_uri && strcmp ((const char *) uri, GW_EXPORT_NS) == 0)
    r->ns_uri = uri;
  ours = uri != NULL && uri == r->ns_uri;

  if (r->depth == 1)
    {
      r->xml.seen_root = TRUE;
      if (!ours || strcmp ((const char *) localname, "export") != 0)
        {
          if (uri == NULL)
            error_at_element (r, _("the root element is <%s> in no namespace; expected <export> in namespace %s"),
                              localname, GW_EXPORT_NS);
          else
            error_at_element (r, _("the root element is <%s%s%s> in namespace %s; expected <export> in namespace %s"),
                              prefix ? (const char *) prefix : "", prefix ? ":" : "", localname,
                              (const char *) uri, GW_EXPORT_NS);
          _gw_xml_stop (&r->xml);
          return;
        }
    }

  if (!ours)
    {
      /* another namespace: skipped whole, with a warning */
      g_autofree char *text = g_strdup_printf (_("element <%s> in namespace “%s” skipped"),
                                               localname, uri ? (const char *) uri : "");
      if (r->warnings_foreign++ < 20)
        warn (r, text);
      r->skip_depth = 1;
      return;
    }

  el = element_of (r, localname);
  parent = r->depth >= 2 && r->depth - 2 < G_N_ELEMENTS (r->stack) ? r->stack[r->depth - 2] : EL_NONE;
  if (r->depth == 1)
    parent = EL_NONE;

  if (r->depth > G_N_ELEMENTS (r->stack) || el == EL_NONE
      || (r->depth == 1 ? el != EL_EXPORT : !allowed_child (parent, el)))
    {
      if (el == EL_NONE)
        error_at_element (r, _("unknown element <%s>"), localname);
      else if (parent == EL_C || parent == EL_V)
        error_at_element (r, _("<%s> inside <%s>: a record has no children"), localname, element_names[parent]);
      else
        error_at_element (r, _("<%s> is not allowed inside <%s>"), localname,
                          parent != EL_NONE ? element_names[parent] : "?");
      r->skip_depth = 1;
      return;
    }
  r->stack[r->depth - 1] = el;

  for (int i = 0; i < nb_attributes; i++)
    {
      const xmlChar **a = attributes + 5 * i;

      if (a[2] != NULL)
        continue;   /* an attribute in another namespace (xml:lang, ...) */
      if (n == G_N_ELEMENTS (attrs))
        {
          error_at_element (r, _("<%s> has too many attributes"), localname);
          return;
        }
      attrs[n].name = a[0];
      attrs[n].id = A_OTHER;
      /* names are interned in the parser's dictionary: compare pointers */
      for (guint k = 1; k < N_ATTRS; k++)
        if (r->anames[k] == a[0])
          {
            attrs[n].id = k;
            break;
          }
      attrs[n].value = a[3];
      attrs[n].len = a[4] - a[3];
      /* without entity substitution libxml2 hands SAX2 an escaped "&" as
       * "&#38;" (for a tree builder to re-escape): give the character */
      if (memchr (a[3], '&', a[4] - a[3]) != NULL)
        {
          GString *v = g_string_sized_new (a[4] - a[3]);

          for (const xmlChar *p = a[3]; p < a[4]; p++)
            {
              if (*p == '&' && a[4] - p >= 5 && memcmp (p, "&#38;", 5) == 0)
                {
                  g_string_append_c (v, '&');
                  p += 4;
                }
              else
                g_string_append_c (v, (char) *p);
            }
          attrs[n].len = v->len;
          attrs[n].value = (const xmlChar *) v->str;
          g_ptr_array_add (r->scratch, g_string_free (v, FALSE));
        }
      n++;
    }

  switch (el)
    {
    case EL_EXPORT:     read_export (r, attrs, n); break;
    case EL_GROUP:      if (r->pass == PASS_READ) read_group (r, attrs, n); break;
    case EL_AREA:       if (r->pass == PASS_READ) read_area (r, attrs, n); break;
    case EL_DEATHS:
    case EL_POPULATION:
    case EL_BIRTHS:
    case EL_INDICATOR:  read_set (r, el, attrs, n); break;
    case EL_C:          read_c (r, parent, attrs, n); break;
    case EL_V:          read_v (r, attrs, n); break;
    case EL_CAUSE:      if (r->pass == PASS_READ) read_cause (r, attrs, n); break;
    case EL_AREAS:
    case EL_CAUSES:
      if (n > 0)
        unknown_attribute (r, el, &attrs[0]);
      break;
    default:
      break;
    }
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
  Reader *r = data;

  start_element (r, localname, prefix, uri, nb_attributes, attributes);
  if (r->scratch->len > 0)
    g_ptr_array_set_size (r->scratch, 0);
  _gw_xml_halt_if_stopped (&r->xml);
}

static void
on_end_element (void          *data,
                const xmlChar *localname,
                const xmlChar *prefix,
                const xmlChar *uri)
{
  Reader *r = data;

  if (r->skip_depth > 0)
    r->skip_depth--;
  if (r->text_depth == r->depth)
    r->text_depth = 0;
  r->depth--;
}

static void
on_characters (void          *data,
               const xmlChar *ch,
               int            len)
{
  Reader *r = data;
  xmlParserInputPtr in = r->xml.ctxt->input;

  if (r->xml.stopped || r->skip_depth > 0 || r->text_depth == r->depth)
    return;
  for (int i = 0; i < len; i++)
    if (!g_ascii_isspace (ch[i]))
      {
        g_autofree char *text = cut_text ((const char *) ch + i, len - i, 20);
        g_autofree char *message = NULL;
        guint line = in != NULL ? (guint) in->line : 0, column = 0, after = 0;

        /* libxml2 has counted the text's lines already: go back to its
         * first non-blank character; the text is a slice of the input
         * buffer (ASCII fast path), so the column is counted from the start
         * of its line there */
        for (int k = i + 1; k < len; k++)
          if (ch[k] == '\n')
            after++;
        line = line > after ? line - after : 1;
        if (in != NULL && in->base != NULL && ch >= in->base && ch + len <= in->end)
          {
            const xmlChar *pos = ch + i, *q = pos;

            while (q > in->base && q[-1] != '\n')
              q--;
            for (column = 1; q < pos; q++)
              if ((*q & 0xc0) != 0x80)
                column++;
          }

        message = g_strdup_printf (_("unexpected text “%s”: exports hold their data in attributes"),
                                   g_strstrip (text));
        add_problem (r, line, column, message);
        /* one message for one stray text */
        r->text_depth = r->depth;
        _gw_xml_halt_if_stopped (&r->xml);
        return;
      }
}

static void
clear_deferred (gpointer data)
{
  Deferred *d = data;

  g_free (d->value);
  g_free (d->area);
}

static void
clear_cause_decl (gpointer data)
{
  CauseDecl *d = data;

  g_free (d->id);
  g_free (d->parent);
}

static void
check_deferred (Reader *r)
{
  for (guint i = 0; i < r->deferred->len; i++)
    {
      Deferred *d = &g_array_index (r->deferred, Deferred, i);
      g_autofree char *message = NULL;

      if (d->is_group && gw_batch_lookup_group (r->batch, d->value) < 0)
        message = g_strdup_printf (_("<area> %s: groups=\"%s\" names a group that is not declared in this export or an earlier import"),
                                   d->area, d->value);
      else if (!d->is_group && gw_batch_lookup_area (r->batch, d->value) < 0)
        message = g_strdup_printf (_("<area> %s: parent=\"%s\" is not declared in this export or an earlier import"),
                                   d->area, d->value);
      if (message != NULL)
        {
          add_problem (r, d->line, d->column, message);
          mark_unknown_reference (r);
        }
    }
}

/* Cross-record warnings (export-format.md): a deaths count above its
 * population band, and an area and year whose deaths have a band its
 * population has not (85+ against 85-89 and 90+, say).  Population from this
 * export, else from the dataset. */
static void
check_counts (Reader *r, GwDataset *dataset)
{
  const GwTable *deaths = gw_batch_get_table (r->batch, GW_RECORD_DEATHS);
  const GwTable *pops = gw_batch_get_table (r->batch, GW_RECORD_POPULATION);
  const GwTable *known;
  g_autoptr(GHashTable) death_bands = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer key, value;
  guint over = 0, mismatched = 0;
  gpointer run_key = NULL;
  gsize run_mask = 0;
  guint pops_hint = 0, known_hint = 0;   /* deaths come sorted: so do their populations */

  if (gw_table_n_rows (deaths) == 0)
    return;

  gw_dataset_read_lock (dataset);
  known = gw_dataset_get_table (dataset, GW_RECORD_POPULATION);

  for (guint i = 0; i < gw_table_n_rows (deaths); i++)
    {
      const GwCountRow *d = gw_table_row (deaths, i);
      GwKeyFields f;
      guint year;
      guint64 pk;
      const GwCountRow *p;
      gpointer k;

      gw_key_decode (GW_RECORD_DEATHS, gw_row_logical (d->key), &f);
      year = gw_period_first_year (f.period);
      pk = gw_key_population (f.area, f.sex, gw_period_year (year), f.age);
      p = gw_table_lookup_near (pops, pk, &pops_hint);
      if (p == NULL)
        p = gw_table_lookup_near (known, pk, &known_hint);
      if (p != NULL && d->value > p->value)
        {
          g_autofree char *what = gw_batch_describe_key (r->batch, GW_RECORD_DEATHS, gw_row_logical (d->key));
          g_autofree char *text = g_strdup_printf (_("%s: %g deaths, more than the population of the band (%g)"),
                                                   what, d->value, p->value);
          gw_batch_add_warning (r->batch, over++ < 20 ? text : NULL);
        }

      /* rows come in runs of one area and year: hash once per run */
      k = GSIZE_TO_POINTER (((gsize) f.area << 12) | (year - GW_PERIOD_YEAR_MIN));
      if (k != run_key)
        {
          if (run_key != NULL)
            g_hash_table_insert (death_bands, run_key,
                                 GSIZE_TO_POINTER (GPOINTER_TO_SIZE (g_hash_table_lookup (death_bands, run_key))
                                                   | run_mask));
          run_key = k;
          run_mask = 0;
        }
      run_mask |= (gsize) 1 << f.age;
    }
  if (run_key != NULL)
    g_hash_table_insert (death_bands, run_key,
                         GSIZE_TO_POINTER (GPOINTER_TO_SIZE (g_hash_table_lookup (death_bands, run_key))
                                           | run_mask));

  g_hash_table_iter_init (&iter, death_bands);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint area = GPOINTER_TO_SIZE (key) >> 12;
      guint year = (GPOINTER_TO_SIZE (key) & 0xfff) + GW_PERIOD_YEAR_MIN;
      gsize pop_bands = 0;

      for (GwSex sex = GW_SEX_MALE; sex <= GW_SEX_PERSONS; sex++)
        {
          const GwTable *tables[2] = { pops, known };

          for (guint t = 0; t < 2; t++)
            {
              guint start, n = gw_table_range (tables[t],
                                               gw_key_population (area, sex, gw_period_year (year), 0),
                                               gw_key_population (area, sex, gw_period_year (year), GW_N_AGE_BANDS - 1),
                                               &start);

              for (guint j = start; j < start + n; j++)
                {
                  GwKeyFields f;

                  gw_key_decode (GW_RECORD_POPULATION, gw_row_logical (gw_table_row_key (tables[t], j)), &f);
                  pop_bands |= (gsize) 1 << f.age;
                }
            }
        }

      if (pop_bands != 0 && (GPOINTER_TO_SIZE (value) & ~pop_bands) != 0)
        {
          g_autofree char *text = NULL;
          GwKeyFields f = { 0 };

          f.area = area;
          f.period = gw_period_year (year);
          {
            g_autofree char *what = gw_batch_describe_key (r->batch, GW_RECORD_BIRTHS, gw_key_encode (GW_RECORD_BIRTHS, &f));
            /* "area X, sex m, period Y": keep the area part */
            char *comma = strchr (what, ',');
            if (comma != NULL)
              *comma = '\0';
            text = g_strdup_printf (_("%s, %u: the deaths have age bands the population has not"), what, year);
          }
          gw_batch_add_warning (r->batch, mismatched++ < 20 ? text : NULL);
        }
    }

  gw_dataset_read_unlock (dataset);
}

/* Export 1.1 "how cause records add up": in a cell (area, sex, age, period,
 * basis) with an all-cause record, the cause records must not add up to more
 * (a warning; the all-cause count stands). */
static void
check_cause_totals (Reader *r)
{
  const GwTable *deaths = gw_batch_get_table (r->batch, GW_RECORD_DEATHS);
  g_autoptr(GHashTable) sums = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint over = 0;
  guint n = gw_table_n_rows (deaths);
  const guint64 cause_mask = (guint64) (GW_MAX_CAUSES - 1) << GW_KEY_DEATHS_CAUSE_SHIFT;

  for (guint i = 0; i < n; i++)
    {
      guint64 logical = gw_row_logical (gw_table_row_key (deaths, i));
      double *sum;

      if ((logical & cause_mask) == 0)
        continue;
      if (sums == NULL)
        sums = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
      logical &= ~cause_mask;
      sum = g_hash_table_lookup (sums, &logical);
      if (sum == NULL)
        {
          sum = g_new0 (double, 1);
          g_hash_table_insert (sums, g_memdup2 (&logical, sizeof logical), sum);
        }
      *sum += ((const GwCountRow *) gw_table_row (deaths, i))->value;
    }
  if (sums == NULL)
    return;

  g_hash_table_iter_init (&iter, sums);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const GwCountRow *all = gw_table_lookup (deaths, *(const guint64 *) key);
      double sum = *(const double *) value;

      if (all != NULL && sum > all->value)
        {
          g_autofree char *what = gw_batch_describe_key (r->batch, GW_RECORD_DEATHS, *(const guint64 *) key);
          g_autofree char *text = g_strdup_printf (_("%s: the causes add up to %g deaths, more than the %g of "
                                                     "all causes (the all-cause count is kept)"),
                                                   what, sum, all->value);

          gw_batch_add_warning (r->batch, over++ < 20 ? text : NULL);
        }
    }
}

/* The reader's half of the SAX handler; gw-xml.c adds its own. */
static void
on_problem (GwXml *xml, guint line, guint column, const char *message)
{
  add_problem ((Reader *) xml, line, column, message);
}

static void
on_prepare (GwXml *xml)
{
  Reader *r = (Reader *) xml;

  r->ns_uri = NULL;   /* a new parser, a new dictionary */

  for (guint i = 1; i < N_ELEMENTS_KINDS; i++)
    r->names[i] = xmlDictLookup (xml->ctxt->dict, (const xmlChar *) element_names[i], -1);
  for (guint i = 1; i < N_ATTRS; i++)
    r->anames[i] = xmlDictLookup (xml->ctxt->dict, (const xmlChar *) attr_names[i], -1);
}

/* One pass over the file from its start.  Returns FALSE on I/O error or
 * cancellation (error set); contract errors are in r->errors. */
static gboolean
parse_pass (Reader *r, GwInput *input, GError **error)
{
  gboolean ok;

  memset (&r->xml.sax, 0, sizeof r->xml.sax);
  r->xml.sax.startElementNs = on_start_element;
  r->xml.sax.endElementNs = on_end_element;
  r->xml.sax.characters = on_characters;
  r->xml.sax.cdataBlock = on_characters;
  r->xml.problem = on_problem;
  r->xml.prepare = on_prepare;
  r->xml.seen_root = FALSE;
  r->depth = r->skip_depth = r->text_depth = 0;
  r->last_area = -1;
  r->last_cause_number = -1;

  ok = _gw_xml_parse (&r->xml, input, error);
  _gw_xml_clear (&r->xml);
  if (ok && !r->xml.stopped && r->n_errors == 0 && !r->xml.seen_root)
    add_problem (r, 0, 0, _("the file has no XML content"));
  return ok;
}

/* A second pass, only to say where the repeated keys are. */
static void
locate_duplicates (Reader *r, GwInput *input, GArray *dups)
{
  r->pass = PASS_LOCATE;
  r->dup_first = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < dups->len; i++)
    {
      const GwDuplicate *d = &g_array_index (dups, GwDuplicate, i);

      g_hash_table_insert (r->dup_first, GSIZE_TO_POINTER (((guint64) d->kind << 56) ^ d->logical_key),
                           GUINT_TO_POINTER (0));
    }
  if (gw_input_rewind (input, NULL))
    parse_pass (r, input, NULL);
  g_clear_pointer (&r->dup_first, g_hash_table_unref);
  if (r->n_errors == 0)
    add_problem (r, 0, 0, _("the file repeats records"));
}

/* A second pass for the codes records use but nothing declares: each is an
 * error where it is first used, in the order of the file, and the pass ends
 * at GW_EXPORT_MAX_ERRORS.  Nothing is kept for this during the first pass
 * but two counts (a file naming a million undeclared areas kept a million
 * positions: 251 MB). */
static void
locate_undeclared (Reader *r, GwInput *input)
{
  g_autoptr(GHashTable) undeclared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint before = r->n_errors;

  r->pass = PASS_UNDECLARED;
  r->undeclared = undeclared;
  if (gw_input_rewind (input, NULL))
    parse_pass (r, input, NULL);
  r->undeclared = NULL;
  r->pass = PASS_READ;
  /* the input could not be read again: still a refusal a later file may lift */
  if (r->n_errors == before)
    {
      add_problem (r, 0, 0, _("the file uses an area or group it does not declare"));
      mark_unknown_reference (r);
    }
}

struct _GwExportReader
{
  GwReader parent_instance;
};

G_DEFINE_FINAL_TYPE (GwExportReader, gw_export_reader, GW_TYPE_READER)

static guint
gw_export_reader_sniff (const GwHead *head)
{
  if (g_strcmp0 (head->root, "export") == 0 && g_strcmp0 (head->root_ns, GW_EXPORT_NS) == 0)
    return GW_READER_SNIFF_SURE;
  /* XML of no format known: what this reader says about it (the root, the
   * namespace, well-formedness) is the most useful message there is */
  if (head->kind == GW_HEAD_XML)
    return GW_READER_SNIFF_MAYBE;
  return 0;
}

static GwBatch *
gw_export_reader_read (GwReader   *reader,
                       GwDataset  *dataset,
                       GwInput    *input,
                       GPtrArray  *problems,
                       GError    **error)
{
  g_autoptr(GwBatch) batch = gw_batch_new (dataset);
  g_autoptr(GArray) deferred = g_array_new (FALSE, TRUE, sizeof (Deferred));
  g_autoptr(GPtrArray) scratch = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_sized_new (64);
  g_autoptr(GString) last_code = g_string_sized_new (MAX_CODE_LEN + 1);
  g_autoptr(GString) last_cause = g_string_sized_new (MAX_CODE_LEN + 1);
  g_autoptr(GArray) cause_decls = g_array_new (FALSE, TRUE, sizeof (CauseDecl));
  g_autoptr(GHashTable) cause_uses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  Reader r = { 0 };

  g_array_set_clear_func (deferred, clear_deferred);
  r.xml.path = gw_input_get_path (input);
  r.batch = batch;
  r.errors = problems;
  r.pass = PASS_READ;
  r.deferred = deferred;
  r.scratch = scratch;
  r.dataset = dataset;
  r.text = text;
  r.last_code = last_code;
  r.last_cause = last_cause;
  r.cause_decls = cause_decls;
  r.cause_uses = cause_uses;
  g_array_set_clear_func (cause_decls, clear_cause_decl);

  if (!parse_pass (&r, input, error))
    return NULL;

  /* codes used but never declared; not when the read ended early */
  if (r.xml.seen_root && !r.xml.halted && !r.xml.stopped && r.n_forward > r.n_forward_declared)
    locate_undeclared (&r, input);
  if (r.n_errors == 0)
    check_deferred (&r);
  if (r.n_errors == 0 && !r.xml.halted && !r.xml.stopped)
    check_causes (&r);
  if (r.n_errors == 0)
    {
      g_autoptr(GArray) dups = gw_batch_finish (batch);

      if (dups->len > 0)
        locate_duplicates (&r, input, dups);
      else
        {
          check_counts (&r, dataset);
          check_cause_totals (&r);
        }
    }
  return r.n_errors > 0 ? NULL : g_steal_pointer (&batch);
}

static void
gw_export_reader_class_init (GwExportReaderClass *klass)
{
  GwReaderClass *reader_class = GW_READER_CLASS (klass);

  reader_class->sniff = gw_export_reader_sniff;
  reader_class->read = gw_export_reader_read;
}

static void
gw_export_reader_init (GwExportReader *self)
{
}

/**
 * gw_export_reader_new:
 *
 * Returns: (transfer full): the reader of Gapwatch's own exports
 */
GwReader *
gw_export_reader_new (void)
{
  return g_object_new (GW_TYPE_EXPORT_READER, NULL);
}

/**
 * gw_export_read_file:
 * @dataset: what the file may refer to (areas, groups of earlier imports)
 * @path: the file, read as an export whatever it looks like
 * @cancellable: (nullable): gives G_IO_ERROR_CANCELLED
 * @progress: (nullable): bytes on disk read so far
 * @progress_data: for @progress
 * @errors: (nullable): where every problem (GwProblem) of an invalid file goes
 * @error: the first problem, formatted, and how many more there are
 *
 * gw_reader_read_path() with the export reader.
 *
 * Returns: (transfer full) (nullable): the batch, or NULL
 */
GwBatch *
gw_export_read_file (GwDataset      *dataset,
                     const char     *path,
                     GCancellable   *cancellable,
                     GwProgressFunc  progress,
                     gpointer        progress_data,
                     GPtrArray      *errors,
                     GError        **error)
{
  g_autoptr(GwReader) reader = gw_export_reader_new ();

  return gw_reader_read_path (reader, dataset, path, cancellable, progress, progress_data, errors, error);
}
