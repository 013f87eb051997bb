/* gw-sdmx-reader.c: the reader of SDMX-ML data messages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SDMX-ML 2.0 GenericData, CompactData and MessageGroup; 2.1 GenericData,
 * StructureSpecificData and their time-series forms; time series, flat
 * (AllDimensions) and cross-sectional, with explicit measures
 * (../shared/docs/sdmx.md).  One pass of SAX2 on gw-xml.c: every
 * observation's components are the data set's, its group's, its series'
 * and its own, the innermost winning; they become a record through a
 * mapping (gw-sdmx-mapping.c): which dimension is the area, time, sex, age,
 * cause and measure, what the measure is.  Any other dimension must hold one
 * value in the file, or the mapping keeps one; otherwise the file is refused
 * naming the dimension and its values.  A structure message, when there is
 * one, says which components are dimensions and gives the names of areas.
 *
 * The message's ID is the import's id and its Prepared date its date, so a
 * later message revises an earlier one as in the native format.
 */
#include "gw-config.h"
#include "gw-sdmx-reader.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "model/gw-key.h"
#include "gw-number-private.h"
#include "gw-rows-private.h"
#include "gw-sdmx-private.h"
#include "gw-xml-private.h"

#define MAX_SHOWN    12      /* values of a dimension named in a message */
#define MAX_CODE_LEN 64

typedef enum
{
  CLS_DIM = 0,            /* a dimension of no role */
  CLS_ROLE,               /* + role */
  CLS_VALUE = CLS_ROLE + GW_SDMX_N_ROLES,
  CLS_STATUS,
  CLS_CONF,
  CLS_UNIT_MULT,
  CLS_TITLE,
  CLS_LOWER,              /* a value's 95% limits and denominator */
  CLS_UPPER,
  CLS_DENOMINATOR,
  CLS_ATTR,               /* an attribute of no use here */
} Cls;

typedef struct
{
  const xmlChar *name;    /* interned */
  GString       *value;
  guint          cls;
} Comp;

/* What an observation's components say. */
typedef struct
{
  GString  *role[GW_SDMX_N_ROLES];
  const xmlChar *role_name[GW_SDMX_N_ROLES];
  GString  *value, *status, *conf, *unit_mult, *title;
  GString  *lower, *upper, *denominator;
  gboolean  has_value;    /* an ObsValue or OBS_VALUE was there */
  gboolean  skip;         /* a dimension the mapping fixes has another value */
} Snap;

/* A dimension of no role: its values. */
typedef struct
{
  char      *name;
  char      *fixed;       /* the mapping's value, or NULL */
  GPtrArray *values;      /* distinct values, at most MAX_SHOWN */
  guint      n_values;
  guint      n_kept;
  guint      line, column;/* where its second value is */
} Other;

typedef struct
{
  GPtrArray *names;       /* interned */
  GPtrArray *values;
  GArray    *is_key;      /* gboolean; SS groups: compared when the series has it */
} Group;

typedef enum { T_DEATHS, T_POPULATION, T_BIRTHS, T_VALUE, T_SKIP } TargetKind;

typedef struct
{
  TargetKind kind;
  gint       indicator;   /* T_VALUE */
  gboolean   all_ages;    /* deaths or population with no age: a value */
} Target;

typedef enum { AGE_BAND, AGE_SINGLE, AGE_TOTAL, AGE_NONE } AgeKind;

typedef struct
{
  GwXml            xml;           /* first: the SAX user data is both */

  GwBatch         *batch;
  GwDataset       *dataset;
  GPtrArray       *problems;
  const char      *path;
  GwSdmxStructure *structure;
  GwSdmxMapping   *mapping;
  guint            n_problems;
  gboolean         locating;
  gboolean         describing;    /* gw_sdmx_layout_read(): every dimension's values */
  GHashTable      *dup_first;     /* (kind << 56 ^ key) -> first line */

  /* the message */
  guint            depth;
  int              version;       /* 20 or 21 */
  char            *root;
  gboolean         seen_data;     /* a DataSet */
  char            *id, *prepared, *sender, *dataflow, *dsd, *dataset_id, *key_family;
  char            *dim_at_obs;
  gboolean         explicit_measures;
  gboolean         deletes;
  GString         *footer;
  guint            footer_line, footer_column;
  gboolean         in_header, in_footer, in_structure_usage;
  GString         *text;
  char           **text_into;     /* where the element's text goes, or NULL */
  gboolean         mapping_chosen;

  /* the data set */
  guint            ds_depth;
  gboolean         generic;
  GPtrArray       *comps;         /* Comp *, pooled */
  guint            n_comps;
  guint            n_dataset, n_series;
  GPtrArray       *groups;        /* Group * */
  Group           *group;         /* being read */
  gboolean         in_series, in_obs, series_ready;
  guint            block;         /* generic: 1 key, 2 attributes */
  Snap             series;
  guint            obs_line, obs_column;
  GHashTable      *classes;       /* interned name -> class + 1 */
  GHashTable      *others;        /* name -> Other */
  gboolean         varying;
  gboolean         no_area_said;

  /* interned names */
  const xmlChar   *n_obs_el, *n_series_el, *n_value, *n_obs_value, *n_obs_value_id, *n_type;
  char            *time_text, *footer_text, *action_text, *urn;

  /* lookups of the last observation: values come in runs */
  GString         *last[GW_SDMX_N_ROLES];
  gint             last_area;
  GwPeriod         last_period;
  GwSex            last_sex;
  AgeKind          last_age_kind;
  GwAgeBand        last_age;
  gint             last_cause;
  gint             last_decile;
  Target           last_target;
  Target          *plain_target;  /* of observations with no measure code */
  const xmlChar   *cls_name[8];   /* the last classes looked up */
  guint            cls_value[8];
  GString         *last_unit_mult;
  double           last_mult;
  gboolean         last_valid[GW_SDMX_N_ROLES];
  /* which series' value the lookup of last[] was of (series_serial), or
   * 0: an observation's own */
  guint            last_serial[GW_SDMX_N_ROLES];
  guint            series_serial; /* one more at each series' first observation */

  GHashTable      *areas;         /* code -> index + 1 */
  GHashTable      *targets;       /* measure code -> Target * */
  GHashTable      *sums;          /* (kind << 56 ^ key) -> double *: single years of age */
  GHashTable      *skipped;       /* reason -> count */
  GwSdmxCauses    *causes;        /* deaths by cause code, placed at the end */
  char            *cause_dim;
  guint            count_obs;
  guint            n_missing_counts, n_provisional, n_estimated;
} Sdmx;

static const char *const role_names[GW_SDMX_N_ROLES][6] = {
  { "REF_AREA", "GEO", "geo", "GEOGRAPHY", "COUNTRY", NULL },
  { "TIME_PERIOD", "TIME", "Time", NULL },
  { "SEX", "sex", "GENDER", NULL },
  { "AGE", "age", "C_AGE", NULL },
  { "ICD10", "icd10", "CAUSE", "CAUSE_OF_DEATH", NULL },
  { NULL },
  { "IMD_DECILE", "DECILE", "decile", "imd_decile", "DEPRIVATION_DECILE", NULL },
};

/* Attributes giving an indicator value's 95% limits and denominator (the
 * population of a decile, which its SII needs). */
static const char *const limit_names[3][5] = {
  { "LOWER_CI", "CI_LOWER", "LOWER_CI_95", "OBS_LOWER", NULL },
  { "UPPER_CI", "CI_UPPER", "UPPER_CI_95", "OBS_UPPER", NULL },
  { "DENOMINATOR", "OBS_DENOMINATOR", "DENOM", NULL },
};

/* Attributes of the SDMX cross-domain concepts and of the publishers read
 * (ECB, BIS, Eurostat, ONS): without a structure message, an unqualified
 * XML attribute of a structure-specific series is a dimension unless it is
 * one of these. */
static const char *const known_attributes[] = {
  "OBS_STATUS", "OBS_CONF", "OBS_FLAG", "CONF_STATUS", "CONF_STATUS_OBS", "OBS_COM", "OBS_PRE_BREAK",
  "UNIT_MEASURE", "UNIT_MULT", "DECIMALS", "TITLE", "TITLE_COMPL", "COLL_METHOD", "TIME_FORMAT",
  "COMMENT", "COMMENT_OBS", "COMMENT_TS", "SOURCE_AGENCY", "SOURCE_PUB", "COMPILATION", "BREAKS",
  "AVAILABILITY", "COLLECTION", "UNIT", "BIS_UNIT", "REPORTING_YEAR_START_DAY", "DOM_SER_IDS",
  "NAT_TITLE", "PUBL_ECB", "PUBL_MU", "PUBL_PUBLIC", "UNIT_INDEX_BASE", "TIME_PER_COLLECT",
  "EMBARGO_TIME", "DATA_COMP", "SERIES_NOTE", "OBS_NOTE", "BASE_PER", "UNIT_MEAS", "OBS_EDP_WBB",
  "GEOGRAPHY_NAME", "GEOGRAPHY_TYPE", "GENDER_NAME", "C_AGE_NAME", "MEASURES_NAME", "RECORD_OFFSET",
  "RECORD_COUNT", "OBS_ROUND", "obs_status", "conf_status",
};

/* Problems */

static void
problem_at (Sdmx *s, guint line, guint column, const char *message)
{
  if (s->n_problems >= GW_EXPORT_MAX_ERRORS)
    return;
  s->n_problems++;
  if (s->problems != NULL)
    g_ptr_array_add (s->problems, gw_problem_new (s->path, line, column, message));
  if (s->n_problems >= GW_EXPORT_MAX_ERRORS)
    _gw_xml_stop (&s->xml);
}

static void obs_problem (Sdmx *s, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* A problem of the observation being read, at its start tag. */
static void
obs_problem (Sdmx *s, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (s->locating)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (s->obs_line == 0)
    _gw_xml_element_position (&s->xml, &s->obs_line, &s->obs_column);
  problem_at (s, s->obs_line, s->obs_column, message);
}

static void
problem_here (Sdmx *s, const char *message)
{
  guint line, column;

  _gw_xml_element_position (&s->xml, &line, &column);
  problem_at (s, line, column, message);
}

static void
count_skipped (Sdmx *s, const char *reason)
{
  gpointer v;

  if (s->locating)
    return;
  v = g_hash_table_lookup (s->skipped, reason);
  g_hash_table_replace (s->skipped, g_strdup (reason), GUINT_TO_POINTER (GPOINTER_TO_UINT (v) + 1));
}

/* A value for messages: at most 40 characters. */
static char *
shown (const char *text)
{
  if (g_utf8_strlen (text, -1) <= 40)
    return g_strdup (text);
  return g_strdup_printf ("%.*s…", (int) (g_utf8_offset_to_pointer (text, 40) - text), text);
}

/* Components */

static gboolean
is_known_attribute (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_attributes); i++)
    if (strcmp (name, known_attributes[i]) == 0)
      return TRUE;
  return FALSE;
}

/* What a component is, once per name: a role's dimension, an attribute
 * read here, another dimension or another attribute.  is_dim: -1 when the
 * message does not say (structure-specific, compact). */
static guint
limit_class (const char *name)
{
  for (guint l = 0; l < G_N_ELEMENTS (limit_names); l++)
    for (guint k = 0; limit_names[l][k] != NULL; k++)
      if (strcmp (name, limit_names[l][k]) == 0)
        return CLS_LOWER + l;
  return CLS_ATTR;
}

static guint
classify (Sdmx *s, const xmlChar *iname, int is_dim)
{
  const char *name = (const char *) iname;
  guint slot = (guint) (GPOINTER_TO_SIZE (iname) >> 4) & 7;
  gpointer cached;
  guint cls;

  if (is_dim < 0 && s->cls_name[slot] == iname)
    return s->cls_value[slot];
  cached = g_hash_table_lookup (s->classes, iname);
  /* the cache is for the unsaid case; the generic format says */
  if (cached != NULL && is_dim < 0)
    {
      s->cls_name[slot] = iname;
      s->cls_value[slot] = GPOINTER_TO_UINT (cached) - 1;
      return s->cls_value[slot];
    }

  for (guint r = 0; r < GW_SDMX_N_ROLES; r++)
    {
      const char *mapped = s->mapping != NULL ? s->mapping->dims[r] : NULL;

      if (mapped != NULL ? strcmp (name, mapped) == 0 : FALSE)
        return CLS_ROLE + r;
    }
  if (s->explicit_measures && s->dim_at_obs != NULL && strcmp (name, s->dim_at_obs) == 0
      && (s->mapping == NULL || s->mapping->dims[GW_SDMX_ROLE_MEASURE] == NULL))
    cls = CLS_ROLE + GW_SDMX_ROLE_MEASURE;
  else if (strcmp (name, "OBS_VALUE") == 0)
    cls = CLS_VALUE;
  else if (strcmp (name, "OBS_STATUS") == 0 || strcmp (name, "OBS_FLAG") == 0 || strcmp (name, "obs_status") == 0)
    cls = CLS_STATUS;
  else if (strcmp (name, "CONF_STATUS") == 0 || strcmp (name, "CONF_STATUS_OBS") == 0 || strcmp (name, "OBS_CONF") == 0
           || strcmp (name, "conf_status") == 0)
    cls = CLS_CONF;
  else if (strcmp (name, "UNIT_MULT") == 0)
    cls = CLS_UNIT_MULT;
  else if (strcmp (name, "TITLE") == 0 || strcmp (name, "TITLE_COMPL") == 0)
    cls = CLS_TITLE;
  else if ((cls = limit_class (name)) != CLS_ATTR)
    ;
  else
    {
      cls = G_MAXUINT;
      for (guint r = 0; r < GW_SDMX_N_ROLES && cls == G_MAXUINT; r++)
        {
          if (s->mapping != NULL && s->mapping->dims[r] != NULL)
            continue;
          for (guint k = 0; role_names[r][k] != NULL; k++)
            if (strcmp (name, role_names[r][k]) == 0)
              {
                cls = CLS_ROLE + r;
                break;
              }
        }
      if (cls == G_MAXUINT)
        {
          gboolean dim;

          if (s->mapping != NULL && g_hash_table_contains (s->mapping->ignored, name))
            dim = FALSE;
          else if (is_dim >= 0)
            dim = is_dim;
          else if (s->structure != NULL)
            dim = g_hash_table_contains (s->structure->dimensions, name);
          else
            dim = !is_known_attribute (name);
          cls = dim ? CLS_DIM : CLS_ATTR;
        }
    }
  if (s->describing && cls >= CLS_ROLE && cls < CLS_VALUE && cls != CLS_ROLE + GW_SDMX_ROLE_TIME)
    cls = CLS_DIM;
  if (is_dim < 0)
    g_hash_table_insert (s->classes, (gpointer) iname, GUINT_TO_POINTER (cls + 1));
  return cls;
}

static void
add_comp (Sdmx *s, const xmlChar *iname, const char *value, gsize len, int is_dim)
{
  Comp *c;

  if (s->n_comps == s->comps->len)
    {
      c = g_new0 (Comp, 1);
      c->value = g_string_sized_new (16);
      g_ptr_array_add (s->comps, c);
    }
  c = g_ptr_array_index (s->comps, s->n_comps++);
  c->name = iname;
  /* per attribute of every observation: a copy, no more */
  if (c->value->allocated_len <= len)
    g_string_set_size (c->value, len);
  memcpy (c->value->str, value, len);
  c->value->str[len] = '\0';
  c->value->len = len;
  c->cls = classify (s, iname, is_dim);
}

static const xmlChar *
intern (Sdmx *s, const char *name)
{
  return xmlDictLookup (s->xml.ctxt->dict, (const xmlChar *) name, -1);
}

/* Others: a dimension of no role must keep one value */

static gboolean
check_other (Sdmx *s, const Comp *c)
{
  Other *o = g_hash_table_lookup (s->others, c->name);
  const char *v = c->value->str;

  if (o == NULL)
    {
      const char *fixed = s->mapping != NULL ? g_hash_table_lookup (s->mapping->fixed, c->name) : NULL;

      o = g_new0 (Other, 1);
      o->name = g_strdup ((const char *) c->name);
      o->fixed = g_strdup (fixed);
      o->values = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (s->others, (gpointer) c->name, o);
    }
  if (o->values->len == 0 || strcmp (g_ptr_array_index (o->values, 0), v) != 0)
    {
      gboolean seen = FALSE;

      for (guint i = 1; i < o->values->len && !seen; i++)
        seen = strcmp (g_ptr_array_index (o->values, i), v) == 0;
      if (!seen)
        {
          o->n_values++;
          if (o->values->len < MAX_SHOWN)
            g_ptr_array_add (o->values, g_strdup (v));
          if (o->n_values == 2 && o->fixed == NULL)
            {
              if (s->obs_line == 0)
                _gw_xml_element_position (&s->xml, &s->obs_line, &s->obs_column);
              o->line = s->obs_line;
              o->column = s->obs_column;
              s->varying = TRUE;
            }
        }
    }
  if (o->fixed != NULL && strcmp (o->fixed, v) != 0)
    return FALSE;
  o->n_kept++;
  return TRUE;
}

/* The components from..to (innermost last) into snap; what a later one
 * says wins. */
static void
evaluate (Sdmx *s, guint from, guint to, Snap *snap)
{
  for (guint i = from; i < to; i++)
    {
      Comp *c = g_ptr_array_index (s->comps, i);

      if (c->cls >= CLS_ROLE && c->cls < CLS_VALUE)
        {
          snap->role[c->cls - CLS_ROLE] = c->value;
          snap->role_name[c->cls - CLS_ROLE] = c->name;
        }
      else if (c->cls == CLS_VALUE)
        {
          snap->value = c->value;
          snap->has_value = TRUE;
        }
      else if (c->cls == CLS_STATUS)
        snap->status = c->value;
      else if (c->cls == CLS_CONF)
        snap->conf = c->value;
      else if (c->cls == CLS_UNIT_MULT)
        snap->unit_mult = c->value;
      else if (c->cls == CLS_TITLE)
        snap->title = c->value;
      else if (c->cls == CLS_LOWER)
        snap->lower = c->value;
      else if (c->cls == CLS_UPPER)
        snap->upper = c->value;
      else if (c->cls == CLS_DENOMINATOR)
        snap->denominator = c->value;
      else if (c->cls == CLS_DIM && !check_other (s, c))
        snap->skip = TRUE;
    }
}

/* Codes */

static gboolean
parse_sex (Sdmx *s, const char *code, GwSex *out)
{
  static const struct { const char *code; GwSex sex; } codes[] = {
    { "M", GW_SEX_MALE }, { "F", GW_SEX_FEMALE }, { "T", GW_SEX_PERSONS }, { "_T", GW_SEX_PERSONS },
    { "1", GW_SEX_MALE }, { "2", GW_SEX_FEMALE }, { "0", GW_SEX_PERSONS }, { "9", GW_SEX_PERSONS },
    { "m", GW_SEX_MALE }, { "f", GW_SEX_FEMALE }, { "p", GW_SEX_PERSONS }, { "t", GW_SEX_PERSONS },
    { "SA", GW_SEX_PERSONS },
  };
  const char *dim = s->mapping != NULL && s->mapping->dims[GW_SDMX_ROLE_SEX] != NULL ? s->mapping->dims[GW_SDMX_ROLE_SEX] : "SEX";
  const char *name;

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (strcmp (code, codes[i].code) == 0)
      {
        *out = codes[i].sex;
        return TRUE;
      }
  /* a publisher's own code: its name in the structure */
  name = _gw_sdmx_structure_code_name (s->structure, dim, code);
  if (name != NULL)
    {
      g_autofree char *l = g_ascii_strdown (name, -1);

      if (g_str_has_prefix (l, "male") || g_str_has_prefix (l, "men"))
        *out = GW_SEX_MALE;
      else if (g_str_has_prefix (l, "female") || g_str_has_prefix (l, "women"))
        *out = GW_SEX_FEMALE;
      else if (g_str_has_prefix (l, "total") || g_str_has_prefix (l, "all") || g_str_has_prefix (l, "persons"))
        *out = GW_SEX_PERSONS;
      else
        return FALSE;
      return TRUE;
    }
  return FALSE;
}

static gboolean
read_number (const char **p, guint *out)
{
  guint v = 0, n = 0;

  while (g_ascii_isdigit (**p) && n < 4)
    {
      v = v * 10 + (**p - '0');
      (*p)++;
      n++;
    }
  *out = v;
  return n > 0 && !g_ascii_isdigit (**p);
}

static gboolean
band_of (guint first, guint last, gboolean open, GwAgeBand *band)
{
  g_autofree char *t = open ? g_strdup_printf ("%u+", first)
                            : first == last ? g_strdup_printf ("%u", first) : g_strdup_printf ("%u-%u", first, last);

  return gw_age_band_parse (t, band);
}

/* Eurostat's age codes (Y_LT1, Y1-4, Y5-9, Y_GE85, Y42, TOTAL, UNK), the
 * export format's bands, and Nomis's names ("Aged 0 - 4", "Aged 85+"). */
static AgeKind
parse_age (const char *code, GwAgeBand *band, guint *single)
{
  const char *p = code;
  guint a, b;

  if (strcmp (code, "TOTAL") == 0 || strcmp (code, "_T") == 0 || strcmp (code, "T") == 0
      || g_ascii_strncasecmp (code, "all ages", 8) == 0)
    return AGE_TOTAL;
  if (strcmp (code, "Y_LT1") == 0 || g_ascii_strcasecmp (code, "under 1") == 0)
    {
      *band = GW_AGE_0;
      return AGE_BAND;
    }
  if (gw_age_band_parse (code, band))
    return AGE_BAND;
  if (g_ascii_strncasecmp (p, "aged ", 5) == 0)
    p += 5;
  else if (g_ascii_strncasecmp (p, "age ", 4) == 0)
    p += 4;
  else if (*p == 'Y')
    p++;
  if (strncmp (p, "_GE", 3) == 0 || strncmp (p, "GE", 2) == 0)
    {
      p += *p == '_' ? 3 : 2;
      return read_number (&p, &a) && *p == '\0' && band_of (a, 0, TRUE, band) ? AGE_BAND : AGE_NONE;
    }
  if (!read_number (&p, &a))
    return AGE_NONE;
  while (*p == ' ')
    p++;
  if (*p == '\0')
    {
      *single = a;
      return AGE_SINGLE;
    }
  if (*p == '+' && p[1] == '\0')
    return band_of (a, 0, TRUE, band) ? AGE_BAND : AGE_NONE;
  if (g_ascii_strcasecmp (p, "and over") == 0)
    return band_of (a, 0, TRUE, band) ? AGE_BAND : AGE_NONE;
  if (*p == '-' || g_ascii_strncasecmp (p, "to", 2) == 0)
    {
      p += *p == '-' ? 1 : 2;
      while (*p == ' ')
        p++;
      if (read_number (&p, &b) && *p == '\0')
        {
          if (a == b)
            {
              *single = a;
              return AGE_SINGLE;
            }
          return band_of (a, b, FALSE, band) ? AGE_BAND : AGE_NONE;
        }
    }
  return AGE_NONE;
}

static GwAgeBand
band_of_single (guint age)
{
  if (age == 0)
    return GW_AGE_0;
  if (age < 5)
    return GW_AGE_1_4;
  if (age >= 85)
    return GW_AGE_85_PLUS;
  return (GwAgeBand) (age / 5 + 1);
}

/* A deprivation decile code: 1 (most deprived) to 10, as a number ("3",
 * "D3", "DEC03") or by its codelist name ("Second most deprived decile");
 * a total (_T, TOTAL) is the area's own value, 0; -1 when neither. */
static gint
parse_decile (Sdmx *s, const char *code)
{
  static const char *const totals[] = { "_T", "T", "TOTAL", "ALL", "_Z", "0" };
  const char *dim = s->mapping != NULL && s->mapping->dims[GW_SDMX_ROLE_DECILE] != NULL
                    ? s->mapping->dims[GW_SDMX_ROLE_DECILE] : "IMD_DECILE";
  const char *digits = code, *name;
  guint64 n;

  for (guint i = 0; i < G_N_ELEMENTS (totals); i++)
    if (g_ascii_strcasecmp (code, totals[i]) == 0)
      return 0;
  while (g_ascii_isalpha (*digits) || *digits == '_')
    digits++;
  if (*digits != '\0' && g_ascii_string_to_unsigned (digits, 10, 1, GW_N_DECILES, &n, NULL))
    return (gint) n;
  name = _gw_sdmx_structure_code_name (s->structure, dim, code);
  if (name != NULL && (n = _gw_decile_of_text (name)) > 0)
    return (gint) n;
  return -1;
}

/* SDMX time periods (sdmx.md §5): 2007, 2007-06, 2007-Q2, 2007-M06,
 * 2007-A1, 2007-01-01/P3Y (pooled), 2007-04-01/P1Y (financial), and the
 * lenient 2005-2007 and 2007/08. */
static gboolean
parse_time (const char *t, GwPeriod *out)
{
  guint y, m, n;
  char c;

  /* years first: most observations are a year's */
  if (g_ascii_isdigit (t[0]) && g_ascii_isdigit (t[1]) && g_ascii_isdigit (t[2]) && g_ascii_isdigit (t[3]) && t[4] == '\0')
    return (*out = gw_period_year ((t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0'))) != 0;
  if (strlen (t) == 8 && sscanf (t, "%4u-M%2u", &y, &m) == 2)
    return (*out = gw_period_month (y, m)) != 0;
  if (strlen (t) == 7 && sscanf (t, "%4u-A%1u", &y, &m) == 2 && m == 1)
    return (*out = gw_period_year (y)) != 0;
  if (strlen (t) == 7 && sscanf (t, "%4u-%c%1u", &y, &c, &m) == 3 && c == 'Q')
    return (*out = gw_period_quarter (y, m)) != 0;
  if (strchr (t, 'P') != NULL && sscanf (t, "%4u-%2u-01/P%uY", &y, &m, &n) == 3 && n >= 1 && n <= 20)
    {
      g_autofree char *check = g_strdup_printf ("%04u-%02u-01/P%uY", y, m, n);

      if (strcmp (check, t) != 0)
        return FALSE;
      if (m == 1)
        return (*out = n == 1 ? gw_period_year (y) : gw_period_pooled (y, y + n - 1)) != 0;
      if (m == 4 && n == 1)
        return (*out = gw_period_financial (y)) != 0;
      return FALSE;
    }
  return gw_period_parse (t, out);
}

/* A value: a decimal number in the C locale; "", NaN and absent are none. */
static gboolean
parse_value (const char *text, double *out, gboolean *missing)
{
  char *end;

  *missing = FALSE;
  if (*text == '\0' || ((*text == 'N' || *text == 'n')
                         && (strcmp (text, "NaN") == 0 || strcmp (text, "nan") == 0 || strcmp (text, "NA") == 0)))
    {
      *missing = TRUE;
      return TRUE;
    }
  /* counts first: digits only, below 2^53 */
  {
    guint64 v = 0;
    const char *p = text;

    for (; g_ascii_isdigit (*p) && p - text < 15; p++)
      v = v * 10 + (guint64) (*p - '0');
    if (*p == '\0')
      {
        *out = (double) v;
        return TRUE;
      }
  }
  if (_gw_decimal_fast (text, strlen (text), out))
    return TRUE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && *p != '.' && *p != '-' && *p != '+' && *p != 'e' && *p != 'E')
      return FALSE;
  *out = g_ascii_strtod (text, &end);
  return *end == '\0' && end != text && isfinite (*out);
}

/* A limit or denominator attribute: NAN when absent or empty. */
static gboolean
parse_optional (const GString *text, double *out)
{
  gboolean missing;

  *out = NAN;
  if (text == NULL || text->len == 0)
    return TRUE;
  return parse_value (text->str, out, &missing);
}

/* OBS_STATUS and CONF_STATUS onto a value's note (sdmx.md §6): confidential
 * is suppressed; missing, not available is not-available; low reliability
 * is unreliable; provisional and estimated values are kept as they are,
 * counted in a warning. */
static GwNote
note_of (Sdmx *s, const GString *status, const GString *conf)
{
  if (conf != NULL && (strcmp (conf->str, "C") == 0 || strcmp (conf->str, "N") == 0 || strcmp (conf->str, "S") == 0))
    return GW_NOTE_SUPPRESSED;
  if (status == NULL)
    return GW_NOTE_NONE;
  switch (status->str[0])
    {
    case 'c': case 'C': case 'Q':
      return GW_NOTE_SUPPRESSED;
    case 'M': case 'm': case 'L': case 'H': case 'z': case 'O':
      return GW_NOTE_NOT_AVAILABLE;
    case 'n':
      return strcmp (status->str, "na") == 0 ? GW_NOTE_NOT_AVAILABLE : GW_NOTE_NONE;
    case 'U': case 'u':
      return GW_NOTE_UNRELIABLE;
    case 'P': case 'p':
      if (!s->locating)
        s->n_provisional++;
      return GW_NOTE_NONE;
    case 'E': case 'e':
      if (!s->locating)
        s->n_estimated++;
      return GW_NOTE_NONE;
    default:
      return GW_NOTE_NONE;
    }
}

/* Areas */

static GwAreaType
area_type_of (const char *code)
{
  static const struct { const char *prefix; GwAreaType type; } ons[] = {
    { "E92", GW_AREA_COUNTRY }, { "E12", GW_AREA_REGION }, { "E06", GW_AREA_UA }, { "E10", GW_AREA_UA },
    { "E07", GW_AREA_LA }, { "E08", GW_AREA_UA }, { "E09", GW_AREA_UA }, { "E38", GW_AREA_CCG },
    { "E54", GW_AREA_ICB }, { "E01", GW_AREA_LSOA }, { "E02", GW_AREA_MSOA }, { "W92", GW_AREA_COUNTRY },
    { "W06", GW_AREA_UA }, { "K04", GW_AREA_COUNTRY }, { "K02", GW_AREA_COUNTRY }, { "E16", GW_AREA_PCT },
  };
  gsize n = strlen (code);

  for (guint i = 0; i < G_N_ELEMENTS (ons); i++)
    if (n == 9 && g_str_has_prefix (code, ons[i].prefix))
      return ons[i].type;
  /* Eurostat: countries in two letters, NUTS regions in three to five */
  if (n == 2 && g_ascii_isupper (code[0]) && g_ascii_isupper (code[1]))
    return GW_AREA_COUNTRY;
  if (n >= 3 && n <= 5 && g_ascii_isupper (code[0]) && g_ascii_isupper (code[1]))
    return GW_AREA_REGION;
  return GW_AREA_OTHER;
}

static gint
area_of (Sdmx *s, const char *code)
{
  gpointer v = g_hash_table_lookup (s->areas, code);
  gsize n = strlen (code);
  gint index;

  if (v != NULL)
    return GPOINTER_TO_INT (v) - 1;
  if (n == 0 || n > MAX_CODE_LEN || strpbrk (code, " \t") != NULL)
    {
      g_autofree char *v2 = shown (code);

      obs_problem (s, _("area “%s” is not an area code (1 to 64 characters, no spaces)"), v2);
      return -1;
    }
  index = gw_batch_lookup_area (s->batch, code);
  if (index < 0)
    index = gw_batch_reserve_area (s->batch, code);
  if (index < 0)
    {
      obs_problem (s, _("Area “%s” is one area too many: Gapwatch holds at most %u areas, "
                        "counting those of earlier imports"), code, GW_MAX_AREAS);
      return -1;
    }
  g_hash_table_insert (s->areas, g_strdup (code), GINT_TO_POINTER (index + 1));
  return index;
}

/* Measures */

static char *
id_of (const char *text)
{
  GString *id = g_string_new (NULL);

  for (const char *p = text; *p != '\0' && id->len < 56; p++)
    {
      char c = g_ascii_tolower (*p);

      if (g_ascii_isalnum (c))
        g_string_append_c (id, c);
      else if (id->len > 0 && id->str[id->len - 1] != '-')
        g_string_append_c (id, '-');
    }
  while (id->len > 0 && id->str[id->len - 1] == '-')
    g_string_truncate (id, id->len - 1);
  return g_string_free (id, FALSE);
}

static const char *
dataflow_of (Sdmx *s)
{
  if (s->dataflow != NULL)
    return s->dataflow;
  if (s->dataset_id != NULL)
    return s->dataset_id;
  if (s->dsd != NULL)
    return s->dsd;
  if (s->key_family != NULL)
    return g_str_has_prefix (s->key_family, "DSD_") ? s->key_family + 4 : s->key_family;
  return NULL;
}

static Target *
target_of (Sdmx *s, const char *code, const Snap *snap)
{
  Target *t = g_hash_table_lookup (s->targets, code != NULL ? code : "");
  const char *what = NULL;

  if (t != NULL)
    return t;
  t = g_new0 (Target, 1);
  if (s->mapping != NULL && code != NULL)
    {
      what = g_hash_table_lookup (s->mapping->measures, code);
      if (what == NULL)
        what = g_hash_table_lookup (s->mapping->measures, "*");
    }
  if (what == NULL && s->mapping != NULL)
    what = s->mapping->measure;

  if (g_strcmp0 (what, "skip") == 0)
    t->kind = T_SKIP;
  else if (g_strcmp0 (what, "deaths") == 0)
    t->kind = T_DEATHS;
  else if (g_strcmp0 (what, "population") == 0)
    t->kind = T_POPULATION;
  else if (g_strcmp0 (what, "births") == 0)
    t->kind = T_BIRTHS;
  else
    {
      g_autofree char *id = NULL, *name = NULL;
      const char *unit = s->mapping != NULL ? s->mapping->unit : NULL;
      GwPolarity polarity = s->mapping != NULL ? s->mapping->polarity : GW_POLARITY_NONE;
      const char *flow = dataflow_of (s);

      t->kind = T_VALUE;
      if (what != NULL)
        id = g_strdup (what);
      else
        {
          /* a published indicator named from the dataflow (and its measure) */
          g_autofree char *joined = g_strjoin ("-", "sdmx", flow != NULL ? flow : "data", code, NULL);

          id = id_of (joined);
        }
      if (strcmp (id, "le-birth") != 0 && strcmp (id, "le-65") != 0 && strcmp (id, "imr") != 0)
        {
          const char *measure_dim = s->mapping != NULL && s->mapping->dims[GW_SDMX_ROLE_MEASURE] != NULL
                                    ? s->mapping->dims[GW_SDMX_ROLE_MEASURE] : s->dim_at_obs;
          const char *code_name = code != NULL && measure_dim != NULL
                                  ? _gw_sdmx_structure_code_name (s->structure, measure_dim, code) : NULL;
          const char *flow_name = s->structure != NULL && flow != NULL ? g_hash_table_lookup (s->structure->names, flow) : NULL;

          if (s->mapping != NULL && s->mapping->indicator_name != NULL && code == NULL)
            name = g_strdup (s->mapping->indicator_name);
          else if (code_name == NULL && code != NULL && s->structure != NULL)
            {
              /* explicit measures are concepts */
              GHashTableIter iter;
              gpointer list;

              g_hash_table_iter_init (&iter, s->structure->codelists);
              while (code_name == NULL && g_hash_table_iter_next (&iter, NULL, &list))
                code_name = g_hash_table_lookup (list, code);
            }
          if (name == NULL && code_name != NULL)
            name = g_strdup (code_name);
          else if (name == NULL && flow_name != NULL)
            name = code != NULL ? g_strdup_printf ("%s: %s", flow_name, code) : g_strdup (flow_name);
          else if (name == NULL && snap->title != NULL && code == NULL)
            name = g_strdup (snap->title->str);
          else if (name == NULL)
            name = g_strdup (id);
        }
      t->indicator = gw_batch_declare_indicator (s->batch, id, name, unit, polarity);
      if (t->indicator < 0)
        {
          obs_problem (s, _("Indicator %s is one indicator too many: Gapwatch holds at most %d"), id, GW_MAX_INDICATORS);
          g_free (t);
          return NULL;
        }
    }
  g_hash_table_insert (s->targets, g_strdup (code != NULL ? code : ""), t);
  return t;
}

/* Records */

static void
locate (Sdmx *s, GwRecordKind kind, guint64 key)
{
  gpointer k = GSIZE_TO_POINTER (((guint64) kind << 56) ^ key);
  gpointer first;

  if (!g_hash_table_lookup_extended (s->dup_first, k, NULL, &first))
    return;
  if (s->obs_line == 0)
    _gw_xml_element_position (&s->xml, &s->obs_line, &s->obs_column);
  if (GPOINTER_TO_UINT (first) == 0)
    g_hash_table_insert (s->dup_first, k, GUINT_TO_POINTER (s->obs_line));
  else
    {
      g_autofree char *what = gw_batch_describe_key (s->batch, kind, key);
      g_autofree char *message = g_strdup_printf (_("duplicate observation: %s (first at line %u)"),
                                                  what, GPOINTER_TO_UINT (first));

      problem_at (s, s->obs_line, s->obs_column, message);
    }
}

static void
add_count (Sdmx *s, GwRecordKind kind, guint64 key, double n, gboolean sum)
{
  if (s->locating)
    {
      if (!sum)
        locate (s, kind, key);
      return;
    }
  if (sum)
    {
      gpointer k = GSIZE_TO_POINTER (((guint64) kind << 56) ^ key);
      double *total = g_hash_table_lookup (s->sums, k);

      if (total == NULL)
        {
          total = g_new0 (double, 1);
          g_hash_table_insert (s->sums, k, total);
        }
      *total += n;
      return;
    }
  gw_batch_add_count (s->batch, kind, key, n);
}

static gboolean
same (GString **last, const GString *now)
{
  if (*last != NULL && (*last)->len == now->len && memcmp ((*last)->str, now->str, now->len) == 0)
    return TRUE;
  if (*last == NULL)
    *last = g_string_new (NULL);
  g_string_truncate (*last, 0);
  g_string_append_len (*last, now->str, now->len);
  return FALSE;
}

/* same() for role r of observation o in series: at once when the value is
 * the series' and the last lookup was of this series' (most dimensions of
 * an observation are its series'); else by comparing, and keeping, the text. */
static inline gboolean
same_role (Sdmx *s, const Snap *series, const Snap *o, GwSdmxRole r)
{
  const GString *now = o->role[r];
  gboolean of_series = now != NULL && now == series->role[r];

  if (of_series && s->last_serial[r] == s->series_serial)
    return TRUE;
  s->last_serial[r] = of_series ? s->series_serial : 0;
  return same (&s->last[r], now);
}

/* A time period of four digits, the year (most observations'): its
 * period without the lookup in parse_time(); FALSE for anything else. */
static inline gboolean
year_of (const GString *t, GwPeriod *out)
{
  const char *p = t->str;

  if (t->len != 4 || !g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]) || !g_ascii_isdigit (p[2])
      || !g_ascii_isdigit (p[3]))
    return FALSE;
  *out = gw_period_year ((p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0'));
  return *out != 0;
}

static void
no_role (Sdmx *s, const char *what, const char *names)
{
  g_autoptr(GString) dims = g_string_new (NULL);

  if (s->no_area_said)
    return;
  s->no_area_said = TRUE;
  for (guint i = 0; i < s->n_comps; i++)
    {
      Comp *c = g_ptr_array_index (s->comps, i);

      if (c->cls == CLS_DIM || (c->cls >= CLS_ROLE && c->cls < CLS_VALUE))
        g_string_append_printf (dims, "%s%s", dims->len > 0 ? ", " : "", (const char *) c->name);
    }
  /* TRANSLATORS: "the observations have no area dimension (REF_AREA, GEO, ...); their dimensions are FREQ, CURRENCY" */
  obs_problem (s, _("the observations have no %s dimension (%s); their dimensions are %s: Gapwatch reads data "
                    "by area and period (a mapping can name the dimension: %s=…)"),
               what, names, dims->len > 0 ? dims->str : "—", what);
  _gw_xml_stop (&s->xml);
}

static gboolean
role_as_other (Sdmx *s, const Snap *o, GwSdmxRole role, gboolean other)
{
  Comp c = { o->role_name[role], o->role[role], CLS_DIM };

  if (!other || o->role[role] == NULL)
    return TRUE;
  if (!check_other (s, &c))
    return FALSE;
  return !s->varying;
}

static void
emit (Sdmx *s, const Snap *series)
{
  Snap o = *series;
  const GString *measure;
  Target *t;
  GwPeriod period;
  GwSex sex = GW_SEX_PERSONS;
  gint area;
  double value = NAN, mult = 1;
  gboolean missing = TRUE;
  GwNote note;
  AgeKind age_kind = AGE_TOTAL;
  GwAgeBand age = GW_AGE_0;
  guint single = 0;
  gint cause = GW_CAUSE_ALL;

  if (s->xml.stopped)
    return;
  o.skip = FALSE;
  evaluate (s, s->n_series, s->n_comps, &o);
  if (!s->locating)
    s->count_obs++;
  if (s->describing)
    return;
  if (series->skip || o.skip || s->varying)
    return;

  if (o.role[GW_SDMX_ROLE_AREA] == NULL)
    {
      no_role (s, "area", "REF_AREA, GEO, geo, GEOGRAPHY, COUNTRY");
      return;
    }
  if (o.role[GW_SDMX_ROLE_TIME] == NULL)
    {
      no_role (s, "time", "TIME_PERIOD, TIME, Time");
      return;
    }

  /* the measure first: it may skip the observation */
  measure = o.role[GW_SDMX_ROLE_MEASURE];
  if (measure == NULL && s->plain_target != NULL)
    t = s->plain_target;
  else if (measure != NULL && same_role (s, series, &o, GW_SDMX_ROLE_MEASURE) && s->last_valid[GW_SDMX_ROLE_MEASURE])
    t = &s->last_target;
  else
    {
      t = target_of (s, measure != NULL ? measure->str : NULL, &o);
      if (t == NULL)
        return;
      s->last_target = *t;
      s->last_valid[GW_SDMX_ROLE_MEASURE] = measure != NULL;
      if (measure == NULL)
        s->plain_target = t;
    }
  if (t->kind == T_SKIP)
    {
      count_skipped (s, measure != NULL ? measure->str : "");
      return;
    }

  /* area */
  if (same_role (s, series, &o, GW_SDMX_ROLE_AREA) && s->last_valid[GW_SDMX_ROLE_AREA])
    area = s->last_area;
  else
    {
      area = area_of (s, o.role[GW_SDMX_ROLE_AREA]->str);
      s->last_area = area;
      s->last_valid[GW_SDMX_ROLE_AREA] = area >= 0;
      if (area < 0)
        return;
    }

  /* period */
  if (year_of (o.role[GW_SDMX_ROLE_TIME], &period))
    ;
  else if (same_role (s, series, &o, GW_SDMX_ROLE_TIME) && s->last_valid[GW_SDMX_ROLE_TIME])
    period = s->last_period;
  else
    {
      s->last_valid[GW_SDMX_ROLE_TIME] = FALSE;
      if (!parse_time (o.role[GW_SDMX_ROLE_TIME]->str, &period))
        {
          g_autofree char *v = shown (o.role[GW_SDMX_ROLE_TIME]->str);

          obs_problem (s, _("time period “%s” is not one Gapwatch holds (a year 2007, month 2007-06 or 2007-M06, "
                            "quarter 2007-Q2, financial year 2007-04-01/P1Y or pooled years 2005-01-01/P3Y)"), v);
          return;
        }
      s->last_period = period;
      s->last_valid[GW_SDMX_ROLE_TIME] = TRUE;
    }

  /* sex */
  if (o.role[GW_SDMX_ROLE_SEX] != NULL)
    {
      if (same_role (s, series, &o, GW_SDMX_ROLE_SEX) && s->last_valid[GW_SDMX_ROLE_SEX])
        sex = s->last_sex;
      else
        {
          s->last_valid[GW_SDMX_ROLE_SEX] = FALSE;
          if (!parse_sex (s, o.role[GW_SDMX_ROLE_SEX]->str, &sex))
            {
              g_autofree char *v = shown (o.role[GW_SDMX_ROLE_SEX]->str);

              obs_problem (s, _("sex “%s” is not one Gapwatch knows (M, F, T; 1, 2, 0 or 9; m, f, p)"), v);
              return;
            }
          s->last_sex = sex;
          s->last_valid[GW_SDMX_ROLE_SEX] = TRUE;
        }
    }

  /* value, its multiplier and its status */
  if (o.value != NULL && !parse_value (o.value->str, &value, &missing))
    {
      g_autofree char *v = shown (o.value->str);

      obs_problem (s, _("OBS_VALUE “%s” is not a number"), v);
      return;
    }
  if (o.unit_mult != NULL && o.unit_mult->len > 0)
    {
      if (same (&s->last_unit_mult, o.unit_mult))
        mult = s->last_mult;
      else
        {
          gint64 m;

          if (!g_ascii_string_to_signed (o.unit_mult->str, 10, -15, 15, &m, NULL))
            {
              g_autofree char *v = shown (o.unit_mult->str);

              g_string_truncate (s->last_unit_mult, 0);
              obs_problem (s, _("UNIT_MULT “%s” is not a power of ten from -15 to 15"), v);
              return;
            }
          s->last_mult = mult = pow (10, (double) m);
        }
      value *= mult;
    }
  note = note_of (s, o.status, o.conf);
  if (missing && o.status == NULL && o.conf == NULL)
    {
      obs_problem (s, _("the observation has no value and no OBS_STATUS saying why"));
      return;
    }

  /* an age or cause that says nothing of this measure must hold one value */
  if (!role_as_other (s, &o, GW_SDMX_ROLE_CAUSE, t->kind != T_DEATHS)
      || !role_as_other (s, &o, GW_SDMX_ROLE_AGE, t->kind == T_VALUE || t->kind == T_BIRTHS)
      || !role_as_other (s, &o, GW_SDMX_ROLE_DECILE, t->kind != T_VALUE))
    return;

  if (t->kind == T_VALUE)
    {
      double lower = NAN, upper = NAN, denominator = NAN;
      gint decile = 0;
      guint64 key;

      if (o.role[GW_SDMX_ROLE_DECILE] != NULL)
        {
          if (same_role (s, series, &o, GW_SDMX_ROLE_DECILE) && s->last_valid[GW_SDMX_ROLE_DECILE])
            decile = s->last_decile;
          else
            {
              s->last_valid[GW_SDMX_ROLE_DECILE] = FALSE;
              decile = parse_decile (s, o.role[GW_SDMX_ROLE_DECILE]->str);
              if (decile < 0)
                {
                  g_autofree char *v = shown (o.role[GW_SDMX_ROLE_DECILE]->str);

                  obs_problem (s, _("deprivation decile “%s” is not one Gapwatch knows (1 to 10, D1 to D10, "
                                    "or a total such as _T)"), v);
                  return;
                }
              s->last_decile = decile;
              s->last_valid[GW_SDMX_ROLE_DECILE] = TRUE;
            }
        }
      const GString *extra[] = { o.lower, o.upper, o.denominator };
      double *extra_out[] = { &lower, &upper, &denominator };

      for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
        if (!parse_optional (extra[i], extra_out[i]))
          {
            g_autofree char *v = shown (extra[i]->str);

            obs_problem (s, _("the value's limit or denominator “%s” is not a number"), v);
            return;
          }
      lower *= mult;
      upper *= mult;

      if (missing && note == GW_NOTE_NONE)
        note = GW_NOTE_NOT_AVAILABLE;
      /* a value with a "missing" status (the Eurostat sample's Greek
       * deaths of 2009) is still the value given */
      if (!missing && note == GW_NOTE_NOT_AVAILABLE)
        note = GW_NOTE_NONE;
      key = gw_key_value_decile (t->indicator, FALSE, area, sex, period, (guint) decile);
      if (s->locating)
        locate (s, GW_RECORD_VALUES, key);
      else
        gw_batch_add_value (s->batch, key, missing ? NAN : value, missing ? NAN : lower, missing ? NAN : upper,
                            NAN, denominator, note);
      return;
    }

  if (missing)
    {
      if (!s->locating)
        s->n_missing_counts++;
      return;
    }
  if (value < 0 || (t->kind != T_POPULATION && fabs (value - round (value)) > 1e-6))
    {
      g_autofree char *v = shown (o.value->str);

      obs_problem (s, t->kind == T_POPULATION ? _("OBS_VALUE “%s” is not a non-negative number")
                                              : _("OBS_VALUE “%s” is not a non-negative integer"), v);
      return;
    }
  if (t->kind != T_POPULATION)
    value = round (value);

  if (t->kind == T_BIRTHS)
    {
      add_count (s, GW_RECORD_BIRTHS, gw_key_births (area, sex, period), value, FALSE);
      return;
    }

  /* deaths and population: by age band (and cause) */
  if (o.role[GW_SDMX_ROLE_AGE] != NULL)
    {
      if (same_role (s, series, &o, GW_SDMX_ROLE_AGE) && s->last_valid[GW_SDMX_ROLE_AGE])
        {
          age_kind = s->last_age_kind;
          age = s->last_age;
        }
      else
        {
          const char *code = o.role[GW_SDMX_ROLE_AGE]->str;
          const char *dim = s->mapping != NULL && s->mapping->dims[GW_SDMX_ROLE_AGE] != NULL ? s->mapping->dims[GW_SDMX_ROLE_AGE] : "C_AGE";
          const char *name = NULL;

          age_kind = parse_age (code, &age, &single);
          if (age_kind == AGE_NONE && (name = _gw_sdmx_structure_code_name (s->structure, dim, code)) != NULL)
            age_kind = parse_age (name, &age, &single);
          if (age_kind == AGE_SINGLE)
            age = band_of_single (single);
          s->last_age_kind = age_kind;
          s->last_age = age;
          s->last_valid[GW_SDMX_ROLE_AGE] = TRUE;
        }
      if (age_kind == AGE_NONE || age_kind == AGE_TOTAL)
        {
          g_autofree char *reason = g_strdup_printf ("age %s", o.role[GW_SDMX_ROLE_AGE]->str);

          /* all ages is the sum of the bands; a broad or unknown age is in no band */
          count_skipped (s, reason);
          return;
        }
    }
  if (o.role[GW_SDMX_ROLE_AGE] == NULL)
    {
      /* a count of all ages (Eurostat's DEATHST) has no band: a value */
      g_autofree char *id = g_strdup (t->kind == T_DEATHS ? "deaths-all-ages" : "population-all-ages");
      gint ind = gw_batch_declare_indicator (s->batch, id, t->kind == T_DEATHS ? _("Deaths, all ages") : _("Population, all ages"),
                                             t->kind == T_DEATHS ? _("deaths") : _("people"), GW_POLARITY_NONE);
      guint64 key;

      if (ind < 0)
        {
          obs_problem (s, _("Indicator %s is one indicator too many: Gapwatch holds at most %d"), id, GW_MAX_INDICATORS);
          return;
        }
      key = gw_key_value (ind, FALSE, area, sex, period);
      if (s->locating)
        locate (s, GW_RECORD_VALUES, key);
      else
        gw_batch_add_value (s->batch, key, value, NAN, NAN, NAN, NAN, note == GW_NOTE_NOT_AVAILABLE ? GW_NOTE_NONE : note);
      return;
    }

  if (t->kind == T_DEATHS)
    {
      if (o.role[GW_SDMX_ROLE_CAUSE] != NULL)
        {
          guint64 cell = gw_key_deaths (area, sex, GW_CAUSE_ALL, 0, period, age);

          /* the codes hold one another: counted by cell and code, made
           * records once every code is known (gw-sdmx-causes.c) */
          if (same_role (s, series, &o, GW_SDMX_ROLE_CAUSE) && s->last_valid[GW_SDMX_ROLE_CAUSE])
            cause = s->last_cause;
          else
            {
              const char *dim = (const char *) o.role_name[GW_SDMX_ROLE_CAUSE];
              const char *code = o.role[GW_SDMX_ROLE_CAUSE]->str;

              if (s->cause_dim == NULL)
                s->cause_dim = g_strdup (dim);
              cause = (gint) _gw_sdmx_causes_code (s->causes, code, _gw_sdmx_structure_code_name (s->structure, dim, code));
              s->last_cause = cause;
              s->last_valid[GW_SDMX_ROLE_CAUSE] = TRUE;
            }
          if (!s->locating)
            _gw_sdmx_causes_add (s->causes, cell, (guint) cause, value, age_kind == AGE_SINGLE);
          else if ((cause = _gw_sdmx_causes_number (s->causes, (guint) cause)) >= 0 && age_kind != AGE_SINGLE)
            locate (s, GW_RECORD_DEATHS, cell | ((guint64) cause << GW_KEY_DEATHS_CAUSE_SHIFT));
          return;
        }
      add_count (s, GW_RECORD_DEATHS, gw_key_deaths (area, sex, cause, 0, period, age), value, age_kind == AGE_SINGLE);
    }
  else
    add_count (s, GW_RECORD_POPULATION, gw_key_population (area, sex, period, age), value, age_kind == AGE_SINGLE);
}

/* The series' components are complete at its first observation (SeriesKey
 * and Attributes come first): its groups' are added, and what they say is
 * worked out once for all its observations. */
static void
series_ready (Sdmx *s)
{
  guint n = s->n_comps;

  for (guint g = 0; g < s->groups->len; g++)
    {
      Group *group = g_ptr_array_index (s->groups, g);
      gboolean match = TRUE;

      for (guint i = 0; i < group->names->len && match; i++)
        {
          const xmlChar *name = g_ptr_array_index (group->names, i);
          gboolean key = g_array_index (group->is_key, gboolean, i), found = FALSE;

          for (guint k = s->n_dataset; k < n && !found; k++)
            {
              Comp *c = g_ptr_array_index (s->comps, k);

              if (c->name == name)
                {
                  found = TRUE;
                  match = strcmp (c->value->str, g_ptr_array_index (group->values, i)) == 0;
                }
            }
          if (key && !found)
            match = FALSE;
        }
      if (!match)
        continue;
      for (guint i = 0; i < group->names->len; i++)
        {
          const xmlChar *name = g_ptr_array_index (group->names, i);
          const char *v = g_ptr_array_index (group->values, i);
          gboolean found = FALSE;

          for (guint k = 0; k < n && !found; k++)
            found = ((Comp *) g_ptr_array_index (s->comps, k))->name == name;
          if (!found)
            add_comp (s, name, v, strlen (v), -1);
        }
    }
  /* group attributes are outer: before the series' own */
  s->n_series = s->n_comps;
  s->series_serial++;
  memset (&s->series, 0, sizeof s->series);
  evaluate (s, 0, s->n_series, &s->series);
  s->series_ready = TRUE;
}

static void
group_free (gpointer data)
{
  Group *g = data;

  g_ptr_array_unref (g->names);
  g_ptr_array_unref (g->values);
  g_array_unref (g->is_key);
  g_free (g);
}

static void
group_add (Group *g, const xmlChar *name, const char *value, gsize len, gboolean key)
{
  g_ptr_array_add (g->names, (gpointer) name);
  g_ptr_array_add (g->values, g_strndup (value, len));
  g_array_append_val (g->is_key, key);
}

/* The mapping, once the header said which dataflow this is. */
static void
choose_mapping (Sdmx *s)
{
  const char *ids[6];
  guint n = 0;

  if (s->mapping_chosen)
    return;
  s->mapping_chosen = TRUE;
  if (s->describing)
    return;
  if (s->dataflow != NULL)
    ids[n++] = s->dataflow;
  if (s->dataset_id != NULL)
    ids[n++] = s->dataset_id;
  if (s->dsd != NULL)
    ids[n++] = s->dsd;
  if (s->key_family != NULL)
    {
      ids[n++] = s->key_family;
      if (g_str_has_prefix (s->key_family, "DSD_"))
        ids[n++] = s->key_family + 4;
    }
  ids[n] = NULL;
  s->mapping = _gw_sdmx_mapping_find (ids);
}

static gboolean
is_sdmx_ns (const xmlChar *uri, gboolean *v20, gboolean *v30)
{
  const char *u = (const char *) uri;

  if (u == NULL)
    return FALSE;
  *v20 = strstr (u, "schemas/v2_0/") != NULL;
  *v30 = strstr (u, "schemas/v3_0/") != NULL;
  return g_str_has_prefix (u, "http://www.sdmx.org/resources/sdmxml/schemas/")
         || g_str_has_prefix (u, "http://www.SDMX.org/resources/SDMXML/schemas/");
}

static gboolean
is_generic_ns (const xmlChar *uri)
{
  return uri != NULL && (g_str_has_suffix ((const char *) uri, "/data/generic")
                         || g_str_has_suffix ((const char *) uri, "v2_0/generic"));
}

static void
start_root (Sdmx *s, const char *name, const xmlChar *uri)
{
  gboolean v20 = FALSE, v30 = FALSE;

  s->xml.seen_root = TRUE;
  g_free (s->root);   /* again when the second pass locates repeats */
  s->root = g_strdup (name);
  if (!is_sdmx_ns (uri, &v20, &v30))
    {
      g_autofree char *message = g_strdup_printf (_("the root element is <%s>; expected an SDMX-ML data message "
                                                    "(GenericData, StructureSpecificData, CompactData or MessageGroup)"), name);
      problem_here (s, message);
      _gw_xml_stop (&s->xml);
      return;
    }
  s->version = v20 ? 20 : 21;
  if (v30)
    {
      problem_here (s, _("the message is SDMX-ML 3.0, which Gapwatch does not read yet: ask the publisher for SDMX-ML 2.1"));
      _gw_xml_stop (&s->xml);
    }
  else if (strcmp (name, "Structure") == 0)
    {
      problem_here (s, _("the file is an SDMX-ML structure message (codelists and dimensions, no observations): "
                         "give it beside its data message, named as the data with -structure.xml, "
                         "or with --structure FILE"));
      _gw_xml_stop (&s->xml);
    }
  else if (strcmp (name, "GenericData") != 0 && strcmp (name, "GenericTimeSeriesData") != 0
           && strcmp (name, "StructureSpecificData") != 0 && strcmp (name, "StructureSpecificTimeSeriesData") != 0
           && strcmp (name, "CompactData") != 0 && strcmp (name, "MessageGroup") != 0)
    {
      g_autofree char *message = g_strdup_printf (_("the file is an SDMX-ML %s message, which holds no observations "
                                                    "Gapwatch reads (it reads GenericData, StructureSpecificData, "
                                                    "CompactData and MessageGroup)"), name);
      problem_here (s, message);
      _gw_xml_stop (&s->xml);
    }
}

static void
start_dataset (Sdmx *s, int n, const xmlChar **a)
{
  g_autofree char *action = _gw_sdmx_attr (n, a, "action");

  choose_mapping (s);
  s->seen_data = TRUE;
  s->ds_depth = s->depth;
  s->n_comps = s->n_dataset = s->n_series = 0;
  g_ptr_array_set_size (s->groups, 0);
  s->generic = FALSE;
  if (g_strcmp0 (action, "Delete") == 0 || s->deletes)
    {
      problem_here (s, _("the message deletes observations (action “Delete”): Gapwatch imports data and deletes "
                         "none; remove the import that brought them instead"));
      _gw_xml_stop (&s->xml);
      return;
    }
  /* structure-specific data set attributes: the unqualified ones that are
   * no set attribute of the schema */
  for (int i = 0; i < n; i++)
    {
      const char *name = (const char *) a[5 * i];
      static const char *const set_attrs[] = {
        "structureRef", "setID", "action", "reportingBeginDate", "reportingEndDate", "validFromDate",
        "validToDate", "publicationYear", "publicationPeriod", "dataScope", "keyFamilyURI", "datasetID",
      };
      gboolean skip = a[5 * i + 2] != NULL;

      for (guint k = 0; k < G_N_ELEMENTS (set_attrs) && !skip; k++)
        skip = strcmp (name, set_attrs[k]) == 0;
      if (!skip)
        add_comp (s, a[5 * i], (const char *) a[5 * i + 3], a[5 * i + 4] - a[5 * i + 3], -1);
    }
  s->n_dataset = s->n_series = s->n_comps;
}

/* The unqualified attributes of a structure-specific or compact element
 * (xsi:type's measure aside) as components. */
static void
add_unqualified (Sdmx *s, int n, const xmlChar **a)
{
  for (int i = 0; i < n; i++)
    {
      if (a[5 * i + 2] != NULL)
        {
          /* explicit measures: xsi:type="demo:LEXPNSIT" */
          if (a[5 * i] == s->n_type && s->explicit_measures && s->dim_at_obs != NULL && s->in_obs)
            {
              const char *v = (const char *) a[5 * i + 3], *end = (const char *) a[5 * i + 4];
              const char *colon = memchr (v, ':', end - v);

              if (colon != NULL)
                v = colon + 1;
              add_comp (s, intern (s, s->dim_at_obs), v, end - v, TRUE);
            }
          continue;
        }
      add_comp (s, a[5 * i], (const char *) a[5 * i + 3], a[5 * i + 4] - a[5 * i + 3], -1);
    }
}

static void
start_in_dataset (Sdmx *s, const xmlChar *localname, const xmlChar *uri, int n, const xmlChar **a)
{
  const char *name = (const char *) localname;
  guint rel = s->depth - s->ds_depth;

  if (rel == 1 && is_generic_ns (uri))
    s->generic = TRUE;

  if (!s->generic)
    {
      if (rel == 1 && localname == s->n_series_el)
        {
          s->in_series = TRUE;
          s->series_ready = FALSE;
          s->n_comps = s->n_dataset;
          add_unqualified (s, n, a);
        }
      else if ((rel == 2 && s->in_series && localname == s->n_obs_el) || (rel == 1 && localname == s->n_obs_el))
        {
          if (rel == 1)
            {
              /* flat: every observation its whole key */
              s->n_comps = s->n_dataset;
              s->series_ready = FALSE;
            }
          if (!s->series_ready)
            series_ready (s);
          s->in_obs = TRUE;
          s->obs_line = 0;
          s->n_comps = s->n_series;
          add_unqualified (s, n, a);
          emit (s, &s->series);
          s->in_obs = FALSE;
          if (rel == 1)
            s->series_ready = FALSE;
        }
      else if (rel == 1)
        {
          /* a group (Group type=…, or 2.0's SiblingGroup): its attributes
           * go to the series that agree with it */
          Group *g = g_new0 (Group, 1);

          g->names = g_ptr_array_new ();
          g->values = g_ptr_array_new_with_free_func (g_free);
          g->is_key = g_array_new (FALSE, FALSE, sizeof (gboolean));
          for (int i = 0; i < n; i++)
            if (a[5 * i + 2] == NULL && strcmp ((const char *) a[5 * i], "type") != 0)
              group_add (g, a[5 * i], (const char *) a[5 * i + 3], a[5 * i + 4] - a[5 * i + 3], FALSE);
          g_ptr_array_add (s->groups, g);
        }
      return;
    }

  /* generic */
  if (localname == s->n_value)
    {
      g_autofree char *id = _gw_sdmx_attr (n, a, "id");
      g_autofree char *value = _gw_sdmx_attr (n, a, "value");

      if (id == NULL)
        id = _gw_sdmx_attr (n, a, "concept");   /* 2.0 */
      if (id == NULL || value == NULL)
        {
          problem_here (s, _("<Value> needs an id (or concept) and a value"));
          return;
        }
      if (s->group != NULL)
        group_add (s->group, intern (s, id), value, strlen (value), s->block == 1);
      else
        add_comp (s, intern (s, id), value, strlen (value), s->block == 1);
    }
  else if (strcmp (name, "SeriesKey") == 0 || strcmp (name, "ObsKey") == 0 || strcmp (name, "GroupKey") == 0)
    s->block = 1;
  else if (strcmp (name, "Attributes") == 0)
    s->block = 2;
  else if (rel == 1 && localname == s->n_series_el)
    {
      s->in_series = TRUE;
      s->series_ready = FALSE;
      s->n_comps = s->n_dataset;
    }
  else if (localname == s->n_obs_el)
    {
      if (!s->in_series)
        {
          s->n_comps = s->n_dataset;
          s->series_ready = FALSE;
        }
      if (!s->series_ready)
        series_ready (s);
      s->in_obs = TRUE;
      s->n_comps = s->n_series;
      _gw_xml_element_position (&s->xml, &s->obs_line, &s->obs_column);
    }
  else if (strcmp (name, "ObsDimension") == 0)
    {
      g_autofree char *id = _gw_sdmx_attr (n, a, "id");
      g_autofree char *value = _gw_sdmx_attr (n, a, "value");

      if (value != NULL)
        add_comp (s, intern (s, id != NULL ? id : s->dim_at_obs != NULL ? s->dim_at_obs : "TIME_PERIOD"),
                  value, strlen (value), TRUE);
    }
  else if (localname == s->n_obs_value)
    {
      g_autofree char *value = _gw_sdmx_attr (n, a, "value");

      add_comp (s, s->n_obs_value_id, value != NULL ? value : "", value != NULL ? strlen (value) : 0, FALSE);
    }
  else if (strcmp (name, "Time") == 0)
    {
      g_string_truncate (s->text, 0);
      s->text_into = &s->time_text;
    }
  else if (strcmp (name, "Group") == 0)
    {
      Group *g = g_new0 (Group, 1);

      g->names = g_ptr_array_new ();
      g->values = g_ptr_array_new_with_free_func (g_free);
      g->is_key = g_array_new (FALSE, FALSE, sizeof (gboolean));
      g_ptr_array_add (s->groups, g);
      s->group = g;
    }
  else if (strcmp (name, "KeyFamilyRef") == 0)
    {
      g_string_truncate (s->text, 0);
      s->text_into = &s->key_family;
    }
}

static void
end_in_dataset (Sdmx *s, const xmlChar *localname)
{
  const char *name = (const char *) localname;

  if (!s->generic)
    {
      if (localname == s->n_series_el)
        s->in_series = FALSE;
      return;
    }
  if (strcmp (name, "SeriesKey") == 0 || strcmp (name, "ObsKey") == 0 || strcmp (name, "GroupKey") == 0
      || strcmp (name, "Attributes") == 0)
    s->block = 0;
  else if (strcmp (name, "Group") == 0)
    s->group = NULL;
  else if (localname == s->n_obs_el && s->in_obs)
    {
      emit (s, &s->series);
      s->in_obs = FALSE;
      if (!s->in_series)
        s->series_ready = FALSE;
    }
  else if (localname == s->n_series_el)
    s->in_series = FALSE;
  else if (strcmp (name, "Time") == 0 && s->time_text != NULL)
    {
      add_comp (s, intern (s, "TIME_PERIOD"), s->time_text, strlen (s->time_text), TRUE);
      g_clear_pointer (&s->time_text, g_free);
    }
}

static void
start_header (Sdmx *s, const char *name, int n, const xmlChar **a)
{
  char **into = NULL;

  if (strcmp (name, "ID") == 0 && s->depth == 3)
    into = &s->id;
  else if (strcmp (name, "Prepared") == 0 && s->depth == 3)
    into = &s->prepared;
  else if (strcmp (name, "DataSetID") == 0 && s->depth == 3)
    into = &s->dataset_id;
  else if (strcmp (name, "KeyFamilyRef") == 0 && s->depth == 3)
    into = &s->key_family;
  else if (strcmp (name, "DataSetAction") == 0 && s->depth == 3)
    into = &s->action_text;
  else if (strcmp (name, "Sender") == 0 && s->depth == 3 && s->sender == NULL)
    s->sender = _gw_sdmx_attr (n, a, "id");
  else if (strcmp (name, "Structure") == 0 && s->depth == 3)
    {
      g_autofree char *explicit = _gw_sdmx_attr (n, a, "explicitMeasures");

      g_free (s->dim_at_obs);
      s->dim_at_obs = _gw_sdmx_attr (n, a, "dimensionAtObservation");
      s->explicit_measures = g_strcmp0 (explicit, "true") == 0;
    }
  else if (strcmp (name, "StructureUsage") == 0)
    s->in_structure_usage = TRUE;
  else if (strcmp (name, "Ref") == 0 && s->depth == 5)
    {
      char *id = _gw_sdmx_attr (n, a, "id");

      if (s->in_structure_usage && s->dataflow == NULL)
        s->dataflow = id;
      else if (!s->in_structure_usage && s->dsd == NULL)
        s->dsd = id;
      else
        g_free (id);
    }
  else if (strcmp (name, "URN") == 0 && s->depth == 5)
    into = &s->urn;
  if (into != NULL)
    {
      g_string_truncate (s->text, 0);
      s->text_into = into;
    }
}

static void
on_start (void *data, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
          int nb_ns, const xmlChar **ns, int n, int nb_defaulted, const xmlChar **a)
{
  Sdmx *s = data;
  const char *name = (const char *) localname;

  s->depth++;
  if (s->xml.stopped)
    goto out;
  if (s->depth == 1)
    start_root (s, name, uri);
  else if (s->seen_data && s->depth > s->ds_depth && s->ds_depth > 0)
    start_in_dataset (s, localname, uri, n, a);
  else if (s->depth == 2 && strcmp (name, "Header") == 0)
    s->in_header = TRUE;
  else if (s->in_header)
    start_header (s, name, n, a);
  else if (s->depth == 2 && strcmp (name, "DataSet") == 0)
    start_dataset (s, n, a);
  else if (s->depth == 2 && strcmp (name, "Footer") == 0)
    {
      s->in_footer = TRUE;
      _gw_xml_element_position (&s->xml, &s->footer_line, &s->footer_column);
    }
  else if (s->in_footer && strcmp (name, "Message") == 0)
    {
      g_autofree char *code = _gw_sdmx_attr (n, a, "code");

      if (code != NULL)
        g_string_append_printf (s->footer, "%s(%s) ", s->footer->len > 0 ? "; " : "", code);
    }
  else if (s->in_footer && strcmp (name, "Text") == 0)
    {
      g_string_truncate (s->text, 0);
      s->text_into = &s->footer_text;
    }
out:
  _gw_xml_halt_if_stopped (&s->xml);
}

static void
on_end (void *data, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
  Sdmx *s = data;
  const char *name = (const char *) localname;

  if (s->text_into != NULL)
    {
      g_free (*s->text_into);
      *s->text_into = g_strstrip (g_strdup (s->text->str));
      s->text_into = NULL;
      if (s->footer_text != NULL)
        {
          g_string_append_printf (s->footer, "%s%s", s->footer->len > 0 && s->footer->str[s->footer->len - 1] != ' ' ? " " : "",
                                  s->footer_text);
          g_clear_pointer (&s->footer_text, g_free);
        }
      if (s->action_text != NULL)
        {
          s->deletes |= strcmp (s->action_text, "Delete") == 0;
          g_clear_pointer (&s->action_text, g_free);
        }
      if (s->urn != NULL)
        {
          /* urn:…DataStructure=ECB:ECB_EXR1(1.0) */
          const char *colon = strrchr (s->urn, ':'), *paren = strchr (s->urn, '(');

          if (s->dsd == NULL && colon != NULL && paren != NULL && paren > colon)
            s->dsd = g_strndup (colon + 1, paren - colon - 1);
          g_clear_pointer (&s->urn, g_free);
        }
    }
  if (!s->xml.stopped)
    {
      if (s->seen_data && s->ds_depth > 0 && s->depth > s->ds_depth)
        end_in_dataset (s, localname);
      else if (s->ds_depth > 0 && s->depth == s->ds_depth)
        s->ds_depth = 0;
      else if (s->in_header && s->depth == 2)
        {
          s->in_header = FALSE;
          choose_mapping (s);
        }
      else if (s->in_header && strcmp (name, "StructureUsage") == 0)
        s->in_structure_usage = FALSE;
      else if (s->in_footer && s->depth == 2)
        s->in_footer = FALSE;
    }
  s->depth--;
  _gw_xml_halt_if_stopped (&s->xml);
}

static void
on_text (void *data, const xmlChar *ch, int len)
{
  Sdmx *s = data;

  if (s->text_into != NULL && s->text->len < 65536)
    g_string_append_len (s->text, (const char *) ch, len);
}

static void
on_problem (GwXml *xml, guint line, guint column, const char *message)
{
  problem_at ((Sdmx *) xml, line, column, message);
}

static void
on_prepare (GwXml *xml)
{
  Sdmx *s = (Sdmx *) xml;

  s->n_obs_el = intern (s, "Obs");
  s->n_series_el = intern (s, "Series");
  s->n_value = intern (s, "Value");
  s->n_obs_value = intern (s, "ObsValue");
  s->n_obs_value_id = intern (s, "OBS_VALUE");
  s->n_type = intern (s, "type");
}

/* One pass over the file: FALSE on an I/O error or cancellation. */
static gboolean
parse_pass (Sdmx *s, GwInput *input, GError **error)
{
  gboolean ok;

  memset (&s->xml, 0, sizeof s->xml);
  s->xml.path = s->path;
  s->xml.problem = on_problem;
  s->xml.prepare = on_prepare;
  s->xml.sax.startElementNs = on_start;
  s->xml.sax.endElementNs = on_end;
  s->xml.sax.characters = on_text;
  s->xml.sax.cdataBlock = on_text;
  s->depth = 0;
  s->ds_depth = 0;
  s->n_comps = s->n_dataset = s->n_series = 0;
  s->in_header = s->in_footer = s->in_series = s->in_obs = s->in_structure_usage = FALSE;
  s->text_into = NULL;
  /* interned names differ from one parser to the next */
  g_hash_table_remove_all (s->classes);
  memset (s->cls_name, 0, sizeof s->cls_name);
  g_hash_table_remove_all (s->others);
  g_ptr_array_set_size (s->groups, 0);
  for (guint r = 0; r < GW_SDMX_N_ROLES; r++)
    {
      s->last_valid[r] = FALSE;
      s->last_serial[r] = 0;
    }
  ok = _gw_xml_parse (&s->xml, input, error);
  _gw_xml_clear (&s->xml);
  return ok;
}

static int
compare_others (gconstpointer a, gconstpointer b)
{
  const Other *x = *(const Other **) a, *y = *(const Other **) b;

  return strcmp (x->name, y->name);
}

static char *
values_text (const Other *o)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < o->values->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", (const char *) g_ptr_array_index (o->values, i));
  if (o->n_values > o->values->len)
    g_string_append (text, ", …");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* After the pass: the message's own refusals (no data set, a footer, a
 * dimension with several values). */
static void
check_message (Sdmx *s)
{
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  if (!s->xml.seen_root)
    {
      problem_at (s, 0, 0, _("the file has no XML content"));
      return;
    }
  if (!s->seen_data)
    {
      if (s->footer->len > 0)
        {
          g_autofree char *message = g_strdup_printf (_("the message holds no data set, only its sender's note: %s"),
                                                      s->footer->str);

          problem_at (s, s->footer_line, s->footer_column, message);
        }
      else
        problem_at (s, 0, 0, _("the message holds no data set"));
      return;
    }
  g_hash_table_iter_init (&iter, s->others);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (others, value);
  g_ptr_array_sort (others, compare_others);
  for (guint i = 0; i < others->len; i++)
    {
      const Other *o = g_ptr_array_index (others, i);
      g_autofree char *values = values_text (o);

      if (o->fixed == NULL && o->n_values > 1)
        {
          g_autofree char *message =
            g_strdup_printf (_("dimension %s has %u values (%s) and Gapwatch keeps one: give a mapping that "
                               "chooses one ([Fixed] %s=%s) or download one %s only"),
                             o->name, o->n_values, values, o->name, (const char *) g_ptr_array_index (o->values, 0), o->name);

          problem_at (s, o->line, o->column, message);
        }
      else if (o->fixed != NULL && o->n_kept == 0)
        {
          g_autofree char *message =
            g_strdup_printf (_("the mapping “%s” keeps %s=%s, but the file's %s is %s"),
                             s->mapping->name, o->name, o->fixed, o->name, values);

          problem_at (s, 0, 0, message);
        }
    }
}

static void
declare_areas (Sdmx *s)
{
  GHashTableIter iter;
  gpointer key;
  const char *dim = s->mapping != NULL && s->mapping->dims[GW_SDMX_ROLE_AREA] != NULL ? s->mapping->dims[GW_SDMX_ROLE_AREA] : NULL;

  g_hash_table_iter_init (&iter, s->areas);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      GwAreaDecl decl = { 0 };
      const char *name = NULL;

      if (gw_batch_lookup_area (s->batch, key) >= 0 && !gw_batch_declares_area (s->batch, key)
          && gw_dataset_lookup_area (s->dataset, key) >= 0)
        continue;   /* an earlier import's area keeps what it said */
      for (guint r = 0; name == NULL && role_names[GW_SDMX_ROLE_AREA][r] != NULL; r++)
        name = _gw_sdmx_structure_code_name (s->structure, dim != NULL ? dim : role_names[GW_SDMX_ROLE_AREA][r], key);
      decl.code = key;
      decl.name = name;
      decl.type = area_type_of (key);
      gw_batch_declare_area (s->batch, &decl);
    }
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
add_warnings (Sdmx *s)
{
  GHashTableIter iter;
  gpointer key, value;
  g_autoptr(GPtrArray) reasons = g_ptr_array_new ();

  g_hash_table_iter_init (&iter, s->skipped);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (reasons, key);
  g_ptr_array_sort (reasons, compare_strings);
  for (guint i = 0; i < reasons->len; i++)
    {
      const char *reason = g_ptr_array_index (reasons, i);
      guint n;
      g_autofree char *text = NULL;

      value = g_hash_table_lookup (s->skipped, reason);
      n = GPOINTER_TO_UINT (value);
      if (g_str_has_prefix (reason, "age "))
        text = g_strdup_printf (ngettext ("%u observation of %s skipped: it is in no age band Gapwatch holds (or is their total)",
                                          "%u observations of %s skipped: they are in no age band Gapwatch holds (or are their total)", n),
                                n, reason);
      else
        text = g_strdup_printf (ngettext ("%u observation of measure %s skipped, as the mapping says",
                                          "%u observations of measure %s skipped, as the mapping says", n), n, reason);
      gw_batch_add_warning (s->batch, text);
    }
  if (s->n_missing_counts > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u count with no value (missing or confidential) skipped",
                                                         "%u counts with no value (missing or confidential) skipped",
                                                         s->n_missing_counts), s->n_missing_counts);

      gw_batch_add_warning (s->batch, text);
    }
  if (s->n_provisional > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u observation is provisional (OBS_STATUS P)",
                                                         "%u observations are provisional (OBS_STATUS P)",
                                                         s->n_provisional), s->n_provisional);

      gw_batch_add_warning (s->batch, text);
    }
  if (s->n_estimated > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u observation is estimated (OBS_STATUS E)",
                                                         "%u observations are estimated (OBS_STATUS E)",
                                                         s->n_estimated), s->n_estimated);

      gw_batch_add_warning (s->batch, text);
    }
}

static GDateTime *
prepared_date (Sdmx *s)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  GDateTime *d = NULL;
  GStatBuf st;

  if (s->prepared != NULL)
    {
      d = g_date_time_new_from_iso8601 (s->prepared, utc);
      if (d == NULL && strlen (s->prepared) == 10)
        {
          g_autofree char *t = g_strconcat (s->prepared, "T00:00:00", NULL);

          d = g_date_time_new_from_iso8601 (t, utc);
        }
    }
  if (d != NULL)
    return d;
  /* no Prepared (2.0 allows it): as new as the file */
  if (g_stat (s->path, &st) == 0)
    return g_date_time_new_from_unix_utc (st.st_mtime);
  return g_date_time_new_now_utc ();
}

static void
set_header (Sdmx *s, GwInput *input)
{
  g_autoptr(GDateTime) generated = prepared_date (s);
  g_autofree char *id = NULL, *version = NULL, *title = NULL;
  const char *flow = dataflow_of (s);
  const char *sha = gw_input_get_sha256 (input);
  const char *flow_name = s->structure != NULL && flow != NULL ? g_hash_table_lookup (s->structure->names, flow) : NULL;

  id = s->id != NULL && s->id[0] != '\0' ? g_strdup (s->id) : g_strdup_printf ("sdmx-%.16s", sha != NULL ? sha : "");
  version = g_strdup_printf ("SDMX-ML %s %s", s->version == 20 ? "2.0" : "2.1", s->root);
  /* the import list shows the title: the dataflow and the mapping used */
  if (s->mapping != NULL)
    title = g_strdup_printf (_("%s (mapping: %s)"), flow_name != NULL ? flow_name : flow != NULL ? flow : "SDMX-ML",
                             s->mapping->name);
  else
    title = g_strdup (flow_name != NULL ? flow_name : flow != NULL ? flow : "SDMX-ML");
  gw_batch_set_header (s->batch, id, generated, version, s->sender, title);
  /* a user's mapping goes with the import into the workspace */
  if (s->mapping != NULL && gw_sdmx_mapping_get_text (s->mapping) != NULL)
    gw_batch_set_mapping (s->batch, s->mapping->name, gw_sdmx_mapping_get_text (s->mapping));
}

static void
flush_sums (Sdmx *s)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, s->sums);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint64 k = GPOINTER_TO_SIZE (key);
      GwRecordKind kind = (GwRecordKind) (k >> 56);

      gw_batch_add_count (s->batch, kind, k ^ ((guint64) kind << 56), *(double *) value);
    }
}

static void
other_free (gpointer data)
{
  Other *o = data;

  g_free (o->name);
  g_free (o->fixed);
  g_ptr_array_unref (o->values);
  g_free (o);
}

static void
comp_free (gpointer data)
{
  Comp *c = data;

  g_string_free (c->value, TRUE);
  g_free (c);
}

static void
sdmx_clear (Sdmx *s)
{
  g_clear_pointer (&s->batch, gw_batch_free);
  g_clear_pointer (&s->structure, _gw_sdmx_structure_free);
  g_clear_pointer (&s->mapping, gw_sdmx_mapping_free);
  g_clear_pointer (&s->dup_first, g_hash_table_unref);
  g_free (s->root);
  g_free (s->id);
  g_free (s->prepared);
  g_free (s->sender);
  g_free (s->dataflow);
  g_free (s->dsd);
  g_free (s->dataset_id);
  g_free (s->key_family);
  g_free (s->dim_at_obs);
  g_free (s->time_text);
  g_free (s->footer_text);
  g_free (s->action_text);
  g_free (s->urn);
  g_string_free (s->footer, TRUE);
  g_string_free (s->text, TRUE);
  g_ptr_array_unref (s->comps);
  g_ptr_array_unref (s->groups);
  g_hash_table_unref (s->classes);
  g_hash_table_unref (s->others);
  g_hash_table_unref (s->areas);
  g_hash_table_unref (s->targets);
  g_hash_table_unref (s->sums);
  g_hash_table_unref (s->skipped);
  g_clear_pointer (&s->causes, _gw_sdmx_causes_free);
  g_free (s->cause_dim);
  for (guint r = 0; r < GW_SDMX_N_ROLES; r++)
    if (s->last[r] != NULL)
      g_string_free (s->last[r], TRUE);
  if (s->last_unit_mult != NULL)
    g_string_free (s->last_unit_mult, TRUE);
}

static void
sdmx_init (Sdmx *s, GwDataset *dataset, GwInput *input, GPtrArray *problems)
{
  s->dataset = dataset;
  s->problems = problems;
  s->path = gw_input_get_path (input);
  s->batch = gw_batch_new (dataset);
  s->footer = g_string_new (NULL);
  s->text = g_string_new (NULL);
  s->comps = g_ptr_array_new_with_free_func (comp_free);
  s->groups = g_ptr_array_new_with_free_func (group_free);
  s->classes = g_hash_table_new (NULL, NULL);
  s->others = g_hash_table_new_full (NULL, NULL, NULL, other_free);
  s->areas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s->targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  s->sums = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  s->skipped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s->causes = _gw_sdmx_causes_new ();
}

static GwBatch *
read_message (GwDataset *dataset, GwInput *input, GPtrArray *problems, GError **error)
{
  Sdmx s = { 0 };
  GwBatch *batch = NULL;
  GError *local = NULL;
  g_autoptr(GArray) dups = NULL;

  sdmx_init (&s, dataset, input, problems);
  s.structure = _gw_sdmx_structure_for (s.path, &local);
  if (local != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("its structure message cannot be read: %s"), local->message);

      g_clear_error (&local);
      problem_at (&s, 0, 0, message);
      goto out;
    }

  if (!parse_pass (&s, input, error))
    goto out;
  if (s.n_problems == 0)
    check_message (&s);
  if (s.n_problems > 0)
    goto out;

  _gw_sdmx_causes_finish (s.causes, s.batch, dataset, s.structure, s.cause_dim);
  flush_sums (&s);
  declare_areas (&s);
  add_warnings (&s);
  set_header (&s, input);
  dups = gw_batch_finish (s.batch);
  if (dups->len == 0)
    {
      batch = g_steal_pointer (&s.batch);
      goto out;
    }

  /* a second pass only to say where the repeated observations are */
  s.dup_first = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < dups->len; i++)
    {
      const GwDuplicate *d = &g_array_index (dups, GwDuplicate, i);

      g_hash_table_insert (s.dup_first, GSIZE_TO_POINTER (((guint64) d->kind << 56) ^ d->logical_key), GUINT_TO_POINTER (0));
    }
  s.locating = TRUE;
  g_clear_pointer (&s.mapping, gw_sdmx_mapping_free);
  s.mapping_chosen = FALSE;
  g_clear_pointer (&s.dataflow, g_free);
  g_clear_pointer (&s.dsd, g_free);
  g_clear_pointer (&s.dataset_id, g_free);
  g_clear_pointer (&s.key_family, g_free);
  g_hash_table_remove_all (s.targets);
  s.plain_target = NULL;
  s.seen_data = FALSE;
  if (gw_input_rewind (input, NULL) && !parse_pass (&s, input, error))
    goto out;
  if (s.n_problems == 0)
    problem_at (&s, 0, 0, _("the message repeats observations (single years of age summed into a band "
                            "that the file also gives?)"));

out:
  sdmx_clear (&s);
  return batch;
}

static int
compare_dimensions (gconstpointer a, gconstpointer b)
{
  const GwSdmxDimension *x = *(const GwSdmxDimension **) a, *y = *(const GwSdmxDimension **) b;

  return strcmp (x->name, y->name);
}

static void
dimension_free (gpointer data)
{
  GwSdmxDimension *d = data;

  g_free (d->name);
  g_strfreev (d->values);
  g_free (d);
}

void
gw_sdmx_layout_free (GwSdmxLayout *layout)
{
  if (layout == NULL)
    return;
  g_free (layout->dataflow);
  g_ptr_array_unref (layout->dimensions);
  g_free (layout);
}

/**
 * gw_sdmx_layout_read:
 * @path: an SDMX-ML data message
 * @error: GW_EXPORT_ERROR (the file cannot be read, or is no such message)
 *
 * What a mapping for the message chooses from: its dataflow and the values
 * of each of its dimensions (the time aside), at most 12 shown each, read
 * with no mapping.  The window offers a mapping from it when a message
 * cannot be mapped.
 *
 * Returns: (transfer full) (nullable): the layout
 */
GwSdmxLayout *
gw_sdmx_layout_read (const char *path, GError **error)
{
  return gw_sdmx_layout_read_full (path, NULL, NULL, NULL, error);
}

/**
 * gw_sdmx_layout_read_full:
 * @path: an SDMX-ML data message
 * @cancellable: (nullable): stops the read (G_IO_ERROR_CANCELLED)
 * @progress: (nullable): bytes read so far, called from the reading thread
 * @progress_data: for @progress
 * @error: as gw_sdmx_layout_read()
 *
 * Returns: (transfer full) (nullable): the layout
 */
GwSdmxLayout *
gw_sdmx_layout_read_full (const char     *path,
                          GCancellable   *cancellable,
                          GwProgressFunc  progress,
                          gpointer        progress_data,
                          GError        **error)
{
  g_autoptr(GwDataset) dataset = gw_dataset_new ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_problem_free);
  g_autoptr(GwInput) input = NULL;
  GwSdmxLayout *layout;
  GHashTableIter iter;
  gpointer value;
  Sdmx s = { 0 };
  const char *flow;

  g_return_val_if_fail (path != NULL, NULL);

  gw_formats_init ();
  input = gw_input_open (path, cancellable, progress, progress_data, error);
  if (input == NULL)
    return NULL;
  sdmx_init (&s, dataset, input, problems);
  s.describing = TRUE;
  if (!parse_pass (&s, input, error))
    {
      sdmx_clear (&s);
      return NULL;
    }
  if (problems->len > 0 || !s.seen_data)
    {
      g_autofree char *first = problems->len > 0 ? gw_problem_format (g_ptr_array_index (problems, 0))
                                                 : g_strdup (_("the message holds no data set"));

      g_set_error_literal (error, GW_EXPORT_ERROR, GW_EXPORT_ERROR_INVALID, first);
      sdmx_clear (&s);
      return NULL;
    }
  layout = g_new0 (GwSdmxLayout, 1);
  flow = dataflow_of (&s);
  layout->dataflow = g_strdup (flow);
  layout->dimensions = g_ptr_array_new_with_free_func (dimension_free);
  g_hash_table_iter_init (&iter, s.others);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const Other *o = value;
      GwSdmxDimension *d = g_new0 (GwSdmxDimension, 1);

      d->name = g_strdup (o->name);
      d->n_values = o->n_values;
      d->values = g_new0 (char *, o->values->len + 1);
      for (guint i = 0; i < o->values->len; i++)
        d->values[i] = g_strdup (g_ptr_array_index (o->values, i));
      g_ptr_array_add (layout->dimensions, d);
    }
  g_ptr_array_sort (layout->dimensions, compare_dimensions);
  sdmx_clear (&s);
  return layout;
}

struct _GwSdmxReader
{
  GwReader parent_instance;
};

G_DEFINE_FINAL_TYPE (GwSdmxReader, gw_sdmx_reader, GW_TYPE_READER)

static guint
gw_sdmx_reader_sniff (const GwHead *head)
{
  return head->kind == GW_HEAD_SDMX ? GW_READER_SNIFF_SURE : 0;
}

static GwBatch *
gw_sdmx_reader_read (GwReader   *reader,
                     GwDataset  *dataset,
                     GwInput    *input,
                     GPtrArray  *problems,
                     GError    **error)
{
  return read_message (dataset, input, problems, error);
}

static void
gw_sdmx_reader_class_init (GwSdmxReaderClass *klass)
{
  GwReaderClass *reader_class = GW_READER_CLASS (klass);

  reader_class->sniff = gw_sdmx_reader_sniff;
  reader_class->read = gw_sdmx_reader_read;
}

static void
gw_sdmx_reader_init (GwSdmxReader *self)
{
}

/**
 * gw_sdmx_reader_new:
 *
 * Returns: (transfer full): the reader of SDMX-ML data messages
 */
GwReader *
gw_sdmx_reader_new (void)
{
  return g_object_new (GW_TYPE_SDMX_READER, NULL);
}
