/* gw-rows.c: table rows (CSV, a worksheet) into a GwBatch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fingertips (https://fingertips.phe.org.uk, OHID) publishes one row per
 * value: the indicator, the area with its type and parent, sex, age, an
 * optional category (deprivation decile, ethnic group...), the period
 * ("2018 - 20"), the value with its 95% and 99.8% limits, count,
 * denominator and a value note.  The model keeps one value per indicator,
 * area or group, sex, period and decile (export-format.md), so rows of a
 * deprivation decile category become values of that decile, rows of other
 * categories (ethnic groups...) are skipped (counted in a warning), and an
 * indicator must keep one age.
 */
#include "gw-config.h"
#include "gw-rows-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "model/gw-key.h"
#include "gw-number-private.h"

#define MAX_CODE_LEN  64
#define MAX_NAME_LEN  1024

typedef enum
{
  F_NONE = 0,
  /* Fingertips */
  F_IND_ID, F_IND_NAME, F_PARENT_CODE, F_PARENT_NAME, F_AREA_CODE, F_AREA_NAME,
  F_AREA_TYPE, F_SEX, F_AGE, F_CATEGORY_TYPE, F_CATEGORY, F_PERIOD, F_VALUE,
  F_LOWER, F_UPPER, F_COUNT, F_DENOMINATOR, F_NOTE,
  /* long columns only */
  F_MEASURE, F_CAUSE,
  N_FIELDS
} Field;

typedef enum
{
  LAYOUT_NONE,
  LAYOUT_FINGERTIPS,
  LAYOUT_LONG,
} Layout;

typedef struct
{
  const char *name;
  Field       field;
} ColumnName;

/* Fingertips' headers, old and new downloads ("Lower CI limit" before the
 * 99.8% limits were added); compared without case. */
static const ColumnName fingertips_columns[] = {
  { "Indicator ID", F_IND_ID }, { "Indicator Name", F_IND_NAME },
  { "Parent Code", F_PARENT_CODE }, { "Parent Name", F_PARENT_NAME },
  { "Area Code", F_AREA_CODE }, { "Area Name", F_AREA_NAME }, { "Area Type", F_AREA_TYPE },
  { "Sex", F_SEX }, { "Age", F_AGE }, { "Category Type", F_CATEGORY_TYPE }, { "Category", F_CATEGORY },
  { "Time period", F_PERIOD }, { "Value", F_VALUE },
  { "Lower CI 95.0 limit", F_LOWER }, { "Upper CI 95.0 limit", F_UPPER },
  { "Lower CI limit", F_LOWER }, { "Upper CI limit", F_UPPER },
  { "Count", F_COUNT }, { "Denominator", F_DENOMINATOR }, { "Value note", F_NOTE },
};

static const ColumnName long_columns[] = {
  { "area_code", F_AREA_CODE }, { "area_name", F_AREA_NAME }, { "area_type", F_AREA_TYPE },
  { "parent_code", F_PARENT_CODE }, { "sex", F_SEX }, { "age", F_AGE }, { "period", F_PERIOD },
  { "measure", F_MEASURE }, { "value", F_VALUE }, { "lower", F_LOWER }, { "upper", F_UPPER },
  { "count", F_COUNT }, { "denominator", F_DENOMINATOR }, { "note", F_NOTE }, { "cause", F_CAUSE },
};

static const Field fingertips_required[] = { F_IND_ID, F_IND_NAME, F_AREA_CODE, F_SEX, F_PERIOD, F_VALUE };
static const Field long_required[] = { F_AREA_CODE, F_SEX, F_PERIOD, F_MEASURE, F_VALUE };

/* An area the file names: in a row, or as a row's parent. */
typedef struct
{
  gint        index;
  gboolean    known;      /* from an earlier import: not declared again */
  gboolean    seen_row;   /* its own row gave name and type */
  char       *name;
  GwAreaType  type;
  char       *parent;
} AreaInfo;

static void
area_info_free (gpointer data)
{
  AreaInfo *a = data;

  g_free (a->name);
  g_free (a->parent);
  g_free (a);
}

/* A Fingertips indicator, by ID and name. */
typedef struct
{
  gint   index;
  char  *age;             /* the age of its first row */
} IndicatorInfo;

static void
indicator_info_free (gpointer data)
{
  IndicatorInfo *i = data;

  g_free (i->age);
  g_free (i);
}

struct _GwRows
{
  /* borrowed */
  GwDataset  *dataset;
  GPtrArray  *problems;
  const char *path;

  /* owned */
  GwBatch    *batch;
  Layout      layout;
  gint        column_of[N_FIELDS];    /* cell index, -1 when absent */
  guint       n_columns;
  GHashTable *areas;                  /* code -> AreaInfo */
  GHashTable *indicators;             /* "id\x1fname" -> IndicatorInfo */
  GHashTable *skipped;                /* category type -> count */
  guint       n_problems;
  gboolean    locating;
  GHashTable *dup_first;              /* (kind << 56 ^ key) -> first line, 0 before seen */

  /* the last lookups: rows come in runs of one indicator and area */
  char       *last_code;
  gint        last_subject;
  gboolean    last_is_group;
  char       *last_ind;
  IndicatorInfo *last_info;
};

void
_gw_rows_problem (GwRows *rows, guint line, guint column, const char *message)
{
  if (rows->n_problems >= GW_EXPORT_MAX_ERRORS)
    return;
  rows->n_problems++;
  if (rows->problems != NULL)
    g_ptr_array_add (rows->problems, gw_problem_new (rows->path, line, column, message));
}

static void cell_problem (GwRows *rows, const GwCell *cell, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
cell_problem (GwRows *rows, const GwCell *cell, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  _gw_rows_problem (rows, cell->line, cell->column, message);
}

/* A cell's text for messages: at most 40 characters. */
static char *
shown (const char *text)
{
  glong n = g_utf8_strlen (text, -1);

  if (n <= 40)
    return g_strdup (text);
  return g_strdup_printf ("%.*s…", (int) (g_utf8_offset_to_pointer (text, 40) - text), text);
}

static void
bad_cell (GwRows *rows, const GwCell *cell, const char *column, const char *expected)
{
  g_autofree char *v = shown (cell->text);

  /* TRANSLATORS: "Value “abc” is not a number"; the first %s is a column's name */
  cell_problem (rows, cell, _("%s “%s” is not %s"), column, v, expected);
}

GwRows *
_gw_rows_new (GwDataset *dataset, const char *path, GPtrArray *problems)
{
  GwRows *rows = g_new0 (GwRows, 1);

  rows->dataset = dataset;
  rows->path = path;
  rows->problems = problems;
  rows->batch = gw_batch_new (dataset);
  rows->areas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, area_info_free);
  rows->indicators = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, indicator_info_free);
  rows->skipped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  rows->last_subject = -1;
  for (guint i = 0; i < N_FIELDS; i++)
    rows->column_of[i] = -1;
  return rows;
}

void
_gw_rows_free (GwRows *rows)
{
  if (rows == NULL)
    return;
  g_clear_pointer (&rows->batch, gw_batch_free);
  g_hash_table_unref (rows->areas);
  g_hash_table_unref (rows->indicators);
  g_hash_table_unref (rows->skipped);
  g_clear_pointer (&rows->dup_first, g_hash_table_unref);
  g_free (rows->last_code);
  g_free (rows->last_ind);
  g_free (rows);
}

gboolean
_gw_rows_full (GwRows *rows)
{
  return rows->n_problems >= GW_EXPORT_MAX_ERRORS;
}

guint
_gw_rows_n_problems (GwRows *rows)
{
  return rows->n_problems;
}

guint
_gw_rows_n_columns (GwRows *rows)
{
  return rows->n_columns;
}

gboolean
_gw_rows_has_header (GwRows *rows)
{
  return rows->layout != LAYOUT_NONE;
}

const char *
_gw_rows_expected (void)
{
  return _("a Fingertips indicator-data table (columns Indicator ID, Indicator Name, Area Code, Sex, "
           "Time period, Value, …) or Gapwatch's long columns (area_code, sex, period, measure, value, …)");
}

/* Header */

static gboolean
map_columns (GwRows *rows, const GwCell *cells, guint n, const ColumnName *names, guint n_names)
{
  guint found = 0;

  for (guint i = 0; i < N_FIELDS; i++)
    rows->column_of[i] = -1;
  for (guint c = 0; c < n; c++)
    {
      g_autofree char *name = g_strstrip (g_strdup (cells[c].text));

      for (guint k = 0; k < n_names; k++)
        if (g_ascii_strcasecmp (name, names[k].name) == 0 && rows->column_of[names[k].field] < 0)
          {
            rows->column_of[names[k].field] = c;
            found++;
            break;
          }
    }
  return found > 0;
}

static const char *
field_name (Layout layout, Field field)
{
  const ColumnName *names = layout == LAYOUT_FINGERTIPS ? fingertips_columns : long_columns;
  guint n = layout == LAYOUT_FINGERTIPS ? G_N_ELEMENTS (fingertips_columns) : G_N_ELEMENTS (long_columns);

  for (guint k = 0; k < n; k++)
    if (names[k].field == field)
      return names[k].name;
  return "?";
}

gboolean
_gw_rows_header (GwRows *rows, const GwCell *cells, guint n)
{
  const Field *required;
  guint n_required;
  gboolean fingertips = FALSE, is_long = FALSE;

  g_return_val_if_fail (n > 0, FALSE);

  /* the layout by the columns that only it has */
  map_columns (rows, cells, n, fingertips_columns, G_N_ELEMENTS (fingertips_columns));
  fingertips = rows->column_of[F_IND_ID] >= 0 || (rows->column_of[F_AREA_CODE] >= 0 && rows->column_of[F_PERIOD] >= 0);
  if (!fingertips)
    {
      map_columns (rows, cells, n, long_columns, G_N_ELEMENTS (long_columns));
      is_long = rows->column_of[F_AREA_CODE] >= 0 && (rows->column_of[F_MEASURE] >= 0 || rows->column_of[F_PERIOD] >= 0);
    }
  if (!fingertips && !is_long)
    return FALSE;

  rows->layout = fingertips ? LAYOUT_FINGERTIPS : LAYOUT_LONG;
  rows->n_columns = n;
  required = fingertips ? fingertips_required : long_required;
  n_required = fingertips ? G_N_ELEMENTS (fingertips_required) : G_N_ELEMENTS (long_required);
  for (guint i = 0; i < n_required; i++)
    if (rows->column_of[required[i]] < 0)
      {
        GwCell where = { "", cells[0].line, 0 };

        cell_problem (rows, &where, fingertips ? _("the header has no column “%s”: a Fingertips indicator-data table needs it")
                                               : _("the header has no column “%s”: Gapwatch's long columns need it"),
                      field_name (rows->layout, required[i]));
      }
  return TRUE;
}

/* Cells */

static const GwCell *
cell (GwRows *rows, const GwCell *cells, Field field)
{
  gint c = rows->column_of[field];

  return c >= 0 ? &cells[c] : NULL;
}

/* A column the header was checked to have. */
static const GwCell *
required (GwRows *rows, const GwCell *cells, Field field)
{
  const GwCell *c = cell (rows, cells, field);

  g_assert (c != NULL);
  return c;
}

static gboolean
is_blank (const GwCell *c)
{
  const char *p;

  if (c == NULL)
    return TRUE;
  for (p = c->text; *p == ' ' || *p == '\t'; p++)
    ;
  return *p == '\0';
}

/* The text without spaces and tabs around it: where it starts and how
 * long it is (no copy: this is per cell of every row). */
static const char *
trim (const char *text, gsize *len)
{
  gsize n;

  while (*text == ' ' || *text == '\t')
    text++;
  n = strlen (text);
  while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t'))
    n--;
  *len = n;
  return text;
}

static gboolean
equal_nocase (const char *text, gsize len, const char *word)
{
  return strlen (word) == len && g_ascii_strncasecmp (text, word, len) == 0;
}

/* A decimal number, as spreadsheets write them: sign, digits, fraction,
 * exponent; spaces around it allowed. */
static gboolean
parse_number (const char *text, double *out)
{
  char buf[64];
  const char *p = text;
  char *end;
  gsize len;

  while (*p == ' ' || *p == '\t')
    p++;
  len = strlen (p);
  while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
    len--;
  if (len == 0 || len >= sizeof buf)
    return FALSE;
  if (_gw_decimal_fast (p, len, out))
    return TRUE;
  memcpy (buf, p, len);
  buf[len] = '\0';
  /* strtod would take "inf", "nan" and hex */
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (buf[i]) && buf[i] != '.' && buf[i] != '-' && buf[i] != '+' && buf[i] != 'e' && buf[i] != 'E')
      return FALSE;
  *out = g_ascii_strtod (buf, &end);
  return end == buf + len && isfinite (*out);
}

/* "Male", "Female", "Persons" (Fingertips), or the contract's m, f, p. */
static gboolean
parse_sex (const char *text, GwSex *out)
{
  gsize n;
  const char *t = trim (text, &n);

  if (equal_nocase (t, n, "male") || equal_nocase (t, n, "males") || (n == 1 && *t == 'm'))
    *out = GW_SEX_MALE;
  else if (equal_nocase (t, n, "female") || equal_nocase (t, n, "females") || (n == 1 && *t == 'f'))
    *out = GW_SEX_FEMALE;
  else if (equal_nocase (t, n, "persons") || equal_nocase (t, n, "all") || (n == 1 && *t == 'p'))
    *out = GW_SEX_PERSONS;
  else
    return FALSE;
  return TRUE;
}

static gboolean
read_year (const char **p, guint digits, guint *out)
{
  guint v = 0;

  for (guint i = 0; i < digits; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + ((*p)[i] - '0');
    }
  if (g_ascii_isdigit ((*p)[digits]))
    return FALSE;
  *p += digits;
  *out = v;
  return TRUE;
}

static const char *
skip_spaces (const char *p)
{
  while (*p == ' ')
    p++;
  return p;
}

/* Fingertips' periods: "2018", "2016 - 18" (pooled, inclusive), "2018/19"
 * (financial), "2019 Q2", and the contract's spellings. */
static gboolean
parse_period (const char *text, GwPeriod *out)
{
  const char *p = skip_spaces (text);
  guint first, last;

  if (!read_year (&p, 4, &first) || first < GW_PERIOD_YEAR_MIN || first > GW_PERIOD_YEAR_MAX)
    return FALSE;
  p = skip_spaces (p);
  if (*p == '\0')
    return (*out = gw_period_year (first)) != 0;
  if (*p == '-' && p[1] == ' ')
    {
      /* "2016 - 18" or "2016 - 2018" */
      p = skip_spaces (p + 1);
      if (read_year (&p, 2, &last))
        {
          /* "1999 - 01" crosses a century; "2018 - 17" is no period
           * (Fingertips pools at most a few years) */
          last += first / 100 * 100;
          if (last <= first)
            last += 100;
          if (last - first > 20)
            return FALSE;
        }
      else if (!read_year (&p, 4, &last))
        return FALSE;
      if (*skip_spaces (p) != '\0' || last <= first || last > GW_PERIOD_YEAR_MAX)
        return FALSE;
      return (*out = gw_period_pooled (first, last)) != 0;
    }
  if (*p == '/')
    {
      p++;
      if (!read_year (&p, 2, &last) || *skip_spaces (p) != '\0' || last != (first + 1) % 100)
        return FALSE;
      return (*out = gw_period_financial (first)) != 0;
    }
  if (*p == 'Q' && p[1] >= '1' && p[1] <= '4' && *skip_spaces (p + 2) == '\0')
    return (*out = gw_period_quarter (first, p[1] - '0')) != 0;
  {
    g_autofree char *t = g_strstrip (g_strdup (text));

    return gw_period_parse (t, out);
  }
}

/* Fingertips' area types ("Counties & UAs (from Apr 2021)", "Sub-ICB,
 * former CCGs"...) onto the contract's; the long columns use the
 * contract's spelling. */
static GwAreaType
fingertips_area_type (const char *text)
{
  g_autofree char *t = g_ascii_strdown (text, -1);

  if (strstr (t, "england") != NULL || strstr (t, "country") != NULL)
    return GW_AREA_COUNTRY;
  if (strstr (t, "region") != NULL)
    return GW_AREA_REGION;
  if (strstr (t, "msoa") != NULL)
    return GW_AREA_MSOA;
  if (strstr (t, "lsoa") != NULL)
    return GW_AREA_LSOA;
  if (strstr (t, "ccg") != NULL || strstr (t, "sub-icb") != NULL)
    return GW_AREA_CCG;
  if (strstr (t, "icb") != NULL)
    return GW_AREA_ICB;
  if (strstr (t, "pct") != NULL || strstr (t, "primary care trust") != NULL)
    return GW_AREA_PCT;
  if (strstr (t, "upper tier") != NULL || strstr (t, "count") != NULL || strstr (t, "unitary") != NULL)
    return GW_AREA_UA;
  if (strstr (t, "lower tier") != NULL || strstr (t, "district") != NULL)
    return GW_AREA_LA;
  return GW_AREA_OTHER;
}

static gboolean
valid_code (const char *code)
{
  gsize len = strlen (code);

  return len > 0 && len <= MAX_CODE_LEN && strpbrk (code, " \t") == NULL;
}

/* Areas */

static AreaInfo *
area_of (GwRows *rows, const char *code)
{
  AreaInfo *a = g_hash_table_lookup (rows->areas, code);
  gint index;

  if (a != NULL)
    return a;
  /* an area an earlier import declared keeps what that import said of it
   * (its groups, its decile): Fingertips says less */
  index = gw_batch_lookup_area (rows->batch, code);
  a = g_new0 (AreaInfo, 1);
  a->known = index >= 0;
  a->index = index >= 0 ? index : gw_batch_reserve_area (rows->batch, code);
  a->type = GW_AREA_OTHER;
  if (a->index < 0)
    {
      area_info_free (a);
      return NULL;
    }
  g_hash_table_insert (rows->areas, g_strdup (code), a);
  return a;
}

/* The subject of a row: its area, or a group an earlier import declared
 * when the code is a group's id (Fingertips has no groups; the long columns
 * and a hand-made table may give a group's published value this way). */
static gboolean
subject_of (GwRows *rows, const GwCell *cells, gint *subject, gboolean *is_group)
{
  const GwCell *code_cell = required (rows, cells, F_AREA_CODE);
  g_autofree char *code = NULL;
  AreaInfo *a;
  gsize len;
  const char *t = trim (code_cell->text, &len);

  if (rows->last_code != NULL && strlen (rows->last_code) == len && memcmp (t, rows->last_code, len) == 0)
    {
      *subject = rows->last_subject;
      *is_group = rows->last_is_group;
      return TRUE;
    }
  code = g_strndup (t, len);
  if (!valid_code (code))
    {
      bad_cell (rows, code_cell, field_name (rows->layout, F_AREA_CODE), _("an area code (1 to 64 characters, no spaces)"));
      return FALSE;
    }
  if (!g_hash_table_contains (rows->areas, code) && gw_batch_lookup_area (rows->batch, code) < 0
      && gw_batch_lookup_group (rows->batch, code) >= 0)
    {
      *subject = gw_batch_lookup_group (rows->batch, code);
      *is_group = TRUE;
    }
  else
    {
      const GwCell *name = cell (rows, cells, F_AREA_NAME), *type = cell (rows, cells, F_AREA_TYPE);
      const GwCell *parent = cell (rows, cells, F_PARENT_CODE), *parent_name = cell (rows, cells, F_PARENT_NAME);

      a = area_of (rows, code);
      if (a == NULL)
        {
          cell_problem (rows, code_cell, _("Area “%s” is one area too many: Gapwatch holds at most %u areas, "
                                           "counting those of earlier imports"), code, GW_MAX_AREAS);
          return FALSE;
        }
      if (!a->known && !a->seen_row && !rows->locating)
        {
          a->seen_row = TRUE;
          if (!is_blank (name))
            {
              g_free (a->name);
              a->name = g_utf8_substring (name->text, 0, MIN (g_utf8_strlen (name->text, -1), MAX_NAME_LEN));
            }
          if (!is_blank (type))
            {
              if (rows->layout == LAYOUT_FINGERTIPS)
                a->type = fingertips_area_type (type->text);
              else if (!gw_area_type_parse (type->text, &a->type))
                {
                  bad_cell (rows, type, "area_type", _("an area type (country, region, ua, la, pct, ccg, icb, msoa, lsoa or other)"));
                  return FALSE;
                }
            }
          if (!is_blank (parent))
            {
              g_autofree char *pcode = g_strstrip (g_strdup (parent->text));
              AreaInfo *p;

              if (!valid_code (pcode) || strcmp (pcode, code) == 0)
                {
                  bad_cell (rows, parent, field_name (rows->layout, F_PARENT_CODE), _("the code of another area"));
                  return FALSE;
                }
              p = area_of (rows, pcode);
              if (p == NULL)
                {
                  cell_problem (rows, parent, _("Area “%s” is one area too many: Gapwatch holds at most %u areas, "
                                                "counting those of earlier imports"), pcode, GW_MAX_AREAS);
                  return FALSE;
                }
              a = g_hash_table_lookup (rows->areas, code);   /* the table may have grown */
              a->parent = g_strdup (pcode);
              if (!p->known && !p->seen_row && p->name == NULL && !is_blank (parent_name))
                {
                  g_autofree char *lower = g_ascii_strdown (parent_name->text, -1);

                  p->name = g_utf8_substring (parent_name->text, 0, MIN (g_utf8_strlen (parent_name->text, -1), MAX_NAME_LEN));
                  /* Fingertips names a region parent "North East region" */
                  if (strstr (lower, "region") != NULL)
                    p->type = GW_AREA_REGION;
                  else if (strcmp (lower, "england") == 0)
                    p->type = GW_AREA_COUNTRY;
                }
            }
        }
      *subject = a->index;
      *is_group = FALSE;
    }
  g_free (rows->last_code);
  rows->last_code = g_steal_pointer (&code);
  rows->last_subject = *subject;
  rows->last_is_group = *is_group;
  return TRUE;
}

/* Indicators */

typedef struct
{
  const char *fingertips_id;
  const char *name;          /* Fingertips' name, compared without case */
  const char *id;
  const char *our_name;
  const char *unit;
  GwPolarity  polarity;
} Builtin;

/* The indicators Gapwatch computes itself (app/methods gw-indicator-info.c),
 * by Fingertips ID and name: published values of theirs win over computed
 * ones only when they carry the built-in id. */
static const Builtin builtins[] = {
  { "90366", "Life expectancy at birth", "le-birth", N_("Life expectancy at birth"), N_("years"),
    GW_POLARITY_HIGHER_IS_BETTER },
  { "92196", "Infant mortality rate", "imr", N_("Infant mortality"), N_("per 1,000 live births"),
    GW_POLARITY_LOWER_IS_BETTER },
};

/* Which built-in a Fingertips indicator is: its ID with a name that agrees,
 * or exactly the name (IDs change between profiles). */
static const Builtin *
builtin_of (const char *id, const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (builtins); i++)
    {
      gsize n = strlen (builtins[i].name);

      if ((strcmp (id, builtins[i].fingertips_id) == 0 && g_ascii_strncasecmp (name, builtins[i].name, n) == 0)
          || g_ascii_strcasecmp (name, builtins[i].name) == 0)
        return &builtins[i];
    }
  return NULL;
}

static IndicatorInfo *
fingertips_indicator (GwRows *rows, const GwCell *cells)
{
  const GwCell *id_cell = required (rows, cells, F_IND_ID), *name_cell = required (rows, cells, F_IND_NAME);
  g_autofree char *id = NULL, *name = NULL, *key = NULL;
  IndicatorInfo *info;
  const Builtin *b;
  gint index;
  gsize id_len, name_len;
  const char *id_text = trim (id_cell->text, &id_len), *name_text = trim (name_cell->text, &name_len);

  /* rows come in runs of one indicator: compare before copying */
  if (rows->last_ind != NULL && strlen (rows->last_ind) == id_len + 1 + name_len
      && memcmp (rows->last_ind, id_text, id_len) == 0 && rows->last_ind[id_len] == '\x1f'
      && memcmp (rows->last_ind + id_len + 1, name_text, name_len) == 0)
    return rows->last_info;
  id = g_strndup (id_text, id_len);
  name = g_strndup (name_text, name_len);
  key = g_strconcat (id, "\x1f", name, NULL);
  info = g_hash_table_lookup (rows->indicators, key);
  if (info == NULL)
    {
      if (id[0] == '\0' || strlen (id) > 40 || strspn (id, "0123456789") != strlen (id))
        {
          bad_cell (rows, id_cell, "Indicator ID", _("a Fingertips indicator ID (a number)"));
          return NULL;
        }
      if (strlen (name) > MAX_NAME_LEN)
        {
          bad_cell (rows, name_cell, "Indicator Name", _("a name of at most 1024 characters"));
          return NULL;
        }
      b = builtin_of (id, name);
      if (b != NULL)
        index = gw_batch_declare_indicator (rows->batch, b->id, _(b->our_name), _(b->unit), b->polarity);
      else
        {
          g_autofree char *our_id = g_strconcat ("fingertips-", id, NULL);

          index = gw_batch_declare_indicator (rows->batch, our_id, name[0] != '\0' ? name : our_id, NULL,
                                              GW_POLARITY_NONE);
        }
      if (index < 0)
        {
          cell_problem (rows, id_cell, _("Indicator %s is one indicator too many: Gapwatch holds at most %d"),
                        id, GW_MAX_INDICATORS);
          return NULL;
        }
      info = g_new0 (IndicatorInfo, 1);
      info->index = index;
      g_hash_table_insert (rows->indicators, g_strdup (key), info);
    }
  g_free (rows->last_ind);
  rows->last_ind = g_steal_pointer (&key);
  rows->last_info = info;
  return info;
}

/* The long columns' measure: a built-in or published indicator id. */
static IndicatorInfo *
long_indicator (GwRows *rows, const GwCell *measure, const char *id)
{
  IndicatorInfo *info = g_hash_table_lookup (rows->indicators, id);
  gint index;

  if (info != NULL)
    return info;
  if (strlen (id) > MAX_CODE_LEN || strspn (id, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen (id))
    {
      bad_cell (rows, measure, "measure", _("deaths, population, births or an indicator id (lower-case letters, digits and -)"));
      return NULL;
    }
  index = -1;
  for (guint i = 0; i < G_N_ELEMENTS (builtins); i++)
    if (strcmp (id, builtins[i].id) == 0)
      index = gw_batch_declare_indicator (rows->batch, id, _(builtins[i].our_name), _(builtins[i].unit),
                                          builtins[i].polarity);
  if (index < 0)
    index = gw_batch_declare_indicator (rows->batch, id, NULL, NULL, GW_POLARITY_NONE);
  if (index < 0)
    {
      cell_problem (rows, measure, _("Indicator %s is one indicator too many: Gapwatch holds at most %d"),
                    id, GW_MAX_INDICATORS);
      return NULL;
    }
  info = g_new0 (IndicatorInfo, 1);
  info->index = index;
  g_hash_table_insert (rows->indicators, g_strdup (id), info);
  return info;
}

/* Records */

static void
record (GwRows *rows, GwRecordKind kind, guint64 key, guint line, guint column)
{
  gpointer k = GSIZE_TO_POINTER (((guint64) kind << 56) ^ key);
  gpointer first;

  if (!g_hash_table_lookup_extended (rows->dup_first, k, NULL, &first))
    return;
  if (GPOINTER_TO_UINT (first) == 0)
    g_hash_table_insert (rows->dup_first, k, GUINT_TO_POINTER (line));
  else
    {
      g_autofree char *what = gw_batch_describe_key (rows->batch, kind, key);
      GwCell where = { "", line, column };

      cell_problem (rows, &where, _("duplicate record: %s (first at line %u)"), what, GPOINTER_TO_UINT (first));
    }
}

/* Value note texts of Fingertips ("Value suppressed for disclosure control
 * due to small count", "Value not published for data quality reasons",
 * "There is a data quality issue with this value") onto the contract's
 * notes; other notes (how a value was aggregated) are not a note on its
 * quality and are left out. */
static GwNote
fingertips_note (const char *text, gboolean has_value)
{
  g_autofree char *t = g_ascii_strdown (text, -1);

  if (!has_value)
    return strstr (t, "suppress") != NULL ? GW_NOTE_SUPPRESSED : GW_NOTE_NOT_AVAILABLE;
  if (strstr (t, "quality") != NULL || strstr (t, "unreliable") != NULL || strstr (t, "caution") != NULL)
    return GW_NOTE_UNRELIABLE;
  return GW_NOTE_NONE;
}

static gboolean
optional_number (GwRows *rows, const GwCell *c, Field field, gboolean negative_ok, double *out)
{
  *out = NAN;
  if (is_blank (c))
    return TRUE;
  if (!parse_number (c->text, out) || (!negative_ok && *out < 0))
    {
      bad_cell (rows, c, field_name (rows->layout, field), negative_ok ? _("a number") : _("a non-negative number"));
      return FALSE;
    }
  return TRUE;
}

static void
add_value (GwRows *rows, const GwCell *cells, gint indicator, gint subject, gboolean is_group,
           GwSex sex, GwPeriod period, guint decile, const GwCell *value_cell)
{
  const GwCell *note_cell = cell (rows, cells, F_NOTE);
  double value, lower, upper, count, denominator;
  GwNote note = GW_NOTE_NONE;
  guint64 key;
  gboolean ok = TRUE;

  ok &= optional_number (rows, value_cell, F_VALUE, TRUE, &value);
  ok &= optional_number (rows, cell (rows, cells, F_LOWER), F_LOWER, TRUE, &lower);
  ok &= optional_number (rows, cell (rows, cells, F_UPPER), F_UPPER, TRUE, &upper);
  ok &= optional_number (rows, cell (rows, cells, F_COUNT), F_COUNT, FALSE, &count);
  ok &= optional_number (rows, cell (rows, cells, F_DENOMINATOR), F_DENOMINATOR, FALSE, &denominator);
  if (!ok)
    return;
  if (!is_blank (note_cell))
    {
      if (rows->layout == LAYOUT_FINGERTIPS)
        note = fingertips_note (note_cell->text, !isnan (value));
      else if (!gw_note_parse (note_cell->text, &note))
        {
          bad_cell (rows, note_cell, "note", _("a note (suppressed, unreliable or not-available)"));
          return;
        }
    }
  if (isnan (value) && note == GW_NOTE_NONE)
    {
      cell_problem (rows, value_cell, _("%s is empty and the row has no note saying why (suppressed, not available)"),
                    field_name (rows->layout, F_VALUE));
      return;
    }
  if (!isnan (value) && !isnan (lower) && lower > value)
    {
      cell_problem (rows, cell (rows, cells, F_LOWER), _("the lower limit %g is above the value %g"), lower, value);
      return;
    }
  if (!isnan (value) && !isnan (upper) && value > upper)
    {
      cell_problem (rows, cell (rows, cells, F_UPPER), _("the value %g is above the upper limit %g"), value, upper);
      return;
    }
  if (!isnan (lower) && !isnan (upper) && lower > upper)
    {
      cell_problem (rows, cell (rows, cells, F_UPPER), _("the lower limit %g is above the upper limit %g"), lower, upper);
      return;
    }

  key = gw_key_value_decile (indicator, is_group, subject, sex, period, decile);
  if (rows->locating)
    {
      record (rows, GW_RECORD_VALUES, key, value_cell->line, value_cell->column);
      return;
    }
  gw_batch_add_value (rows->batch, key, value, lower, upper, count, denominator, note);
  if (note != GW_NOTE_NONE)
    {
      g_autofree char *base = g_path_get_basename (rows->path);
      g_autofree char *what = gw_batch_describe_key (rows->batch, GW_RECORD_VALUES, key);
      g_autofree char *text = g_strdup_printf (_("%s: value %s"), what, gw_note_to_string (note));
      g_autofree char *warning = g_strdup_printf ("%s:%u:%u: %s", base, value_cell->line, value_cell->column, text);

      gw_batch_add_warning (rows->batch, warning);
    }
}

static void
add_count (GwRows *rows, const GwCell *cells, GwRecordKind kind, gint area, GwSex sex, GwPeriod period,
           const GwCell *value_cell)
{
  const GwCell *age_cell = cell (rows, cells, F_AGE), *cause_cell = cell (rows, cells, F_CAUSE);
  GwAgeBand age = GW_AGE_0;
  GwCause cause = GW_CAUSE_ALL;
  double n;
  guint64 key;

  if (kind != GW_RECORD_BIRTHS)
    {
      g_autofree char *t = is_blank (age_cell) ? g_strdup ("") : g_strstrip (g_strdup (age_cell->text));

      if (!gw_age_band_parse (t, &age))
        {
          if (age_cell == NULL)
            cell_problem (rows, value_cell, _("deaths and population need an age column"));
          else
            bad_cell (rows, age_cell, "age", _("an age band (0, 1-4, 5-9, …, 85-89, 85+ or 90+)"));
          return;
        }
    }
  if (kind == GW_RECORD_DEATHS && !is_blank (cause_cell))
    {
      g_autofree char *t = g_strstrip (g_strdup (cause_cell->text));

      gint number = gw_batch_lookup_cause (rows->batch, t);

      if (number <= 0)
        {
          bad_cell (rows, cause_cell, "cause", _("a cause (circulatory, cancer, respiratory, digestive, external, "
                                                 "other or one an earlier import declared)"));
          return;
        }
      cause = (GwCause) number;
    }
  if (!parse_number (value_cell->text, &n) || n < 0 || (kind != GW_RECORD_POPULATION && n != floor (n)))
    {
      bad_cell (rows, value_cell, "value", kind == GW_RECORD_POPULATION ? _("a non-negative number")
                                                                        : _("a non-negative integer"));
      return;
    }
  switch (kind)
    {
    case GW_RECORD_DEATHS:
      key = gw_key_deaths (area, sex, cause, 0, period, age);
      break;
    case GW_RECORD_POPULATION:
      key = gw_key_population (area, sex, period, age);
      break;
    default:
      key = gw_key_births (area, sex, period);
      break;
    }
  if (rows->locating)
    record (rows, kind, key, value_cell->line, value_cell->column);
  else
    gw_batch_add_count (rows->batch, kind, key, n);
}

static gboolean
all_blank (const GwCell *cells, guint n)
{
  for (guint i = 0; i < n; i++)
    if (!is_blank (&cells[i]))
      return FALSE;
  return TRUE;
}

/* Whether a Fingertips category type is a deprivation decile one ("County &
 * UA deprivation deciles in England (IMD2019, 4/21 geography)"). */
static gboolean
is_decile_type (const char *type)
{
  g_autofree char *lower = g_ascii_strdown (type, -1);

  return strstr (lower, "deprivation decile") != NULL;
}

/* The decile (1 = most deprived) a deprivation decile category's text
 * names, 0 when it names none.  Fingertips words them "Most deprived
 * decile (IMD2019)", "Second most deprived decile", "Third more deprived
 * decile" ... "Fifth more", "Fifth less" ... "Second least deprived
 * decile", "Least deprived decile"; other publishers give numbers ("1 -
 * most deprived", "Decile 10").  The parenthesised edition ("(IMD2019)") is
 * not a number of the category. */
guint
_gw_decile_of_text (const char *text)
{
  static const char *const ordinals[] = { "first", "second", "third", "fourth", "fifth" };
  g_autofree char *lower = NULL;
  g_auto(GStrv) words = NULL;
  guint ordinal = 0, number = 0;
  gboolean more = FALSE, less = FALSE;
  char *open;

  lower = g_ascii_strdown (text, -1);
  while ((open = strchr (lower, '(')) != NULL)
    {
      char *close = strchr (open, ')');

      if (close == NULL)
        *open = '\0';
      else
        memmove (open, close + 1, strlen (close + 1) + 1);
    }
  words = g_strsplit_set (lower, " \t-_,;:/", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *w = words[i];

      for (guint k = 0; k < G_N_ELEMENTS (ordinals); k++)
        if (strcmp (w, ordinals[k]) == 0)
          ordinal = k + 1;
      if (strcmp (w, "most") == 0 || strcmp (w, "more") == 0)
        more = TRUE;
      else if (strcmp (w, "least") == 0 || strcmp (w, "less") == 0)
        less = TRUE;
      else if (*w != '\0' && strspn (w, "0123456789") == strlen (w) && strlen (w) <= 2)
        number = (guint) atoi (w);
    }
  if (number >= 1 && number <= GW_N_DECILES)
    return number;
  if (more == less)
    return 0;
  if (ordinal == 0)
    ordinal = 1;
  return more ? ordinal : GW_N_DECILES + 1 - ordinal;
}

static guint
category_decile (const char *type, const GwCell *category)
{
  if (!is_decile_type (type) || is_blank (category))
    return 0;
  return _gw_decile_of_text (category->text);
}

void
_gw_rows_add (GwRows *rows, const GwCell *cells, guint n)
{
  const GwCell *sex_cell, *period_cell, *value_cell, *category;
  guint decile = 0;
  GwSex sex = GW_SEX_PERSONS;
  GwPeriod period = 0;
  gint subject;
  gboolean is_group;
  guint before = rows->n_problems;

  g_return_if_fail (rows->layout != LAYOUT_NONE);

  if (all_blank (cells, n))
    return;
  if (n != rows->n_columns)
    {
      GwCell where = { "", cells[0].line, 0 };

      cell_problem (rows, &where, ngettext ("the row has %u cell; the header has %u", "the row has %u cells; the header has %u", n),
                    n, rows->n_columns);
      return;
    }

  /* a breakdown the model cannot hold: counted, and said at the end */
  category = cell (rows, cells, F_CATEGORY_TYPE);
  if (!is_blank (category) && rows->layout == LAYOUT_FINGERTIPS
      && (decile = category_decile (category->text, cell (rows, cells, F_CATEGORY))) > 0)
    category = NULL;
  if (!is_blank (category))
    {
      if (!rows->locating)
        {
          gpointer k, v;
          g_autofree char *t = g_strstrip (g_strdup (category->text));

          if (g_hash_table_lookup_extended (rows->skipped, t, &k, &v))
            g_hash_table_insert (rows->skipped, g_strdup (t), GUINT_TO_POINTER (GPOINTER_TO_UINT (v) + 1));
          else
            g_hash_table_insert (rows->skipped, g_steal_pointer (&t), GUINT_TO_POINTER (1));
        }
      return;
    }

  sex_cell = required (rows, cells, F_SEX);
  period_cell = required (rows, cells, F_PERIOD);
  value_cell = required (rows, cells, F_VALUE);
  if (!parse_sex (sex_cell->text, &sex))
    bad_cell (rows, sex_cell, field_name (rows->layout, F_SEX), _("a sex (Male, Female or Persons; m, f or p)"));
  if (!parse_period (period_cell->text, &period))
    bad_cell (rows, period_cell, field_name (rows->layout, F_PERIOD),
              _("a period (2018, 2016 - 18, 2018/19, 2019 Q2, 2007-06 or 2003-2005)"));
  if (!subject_of (rows, cells, &subject, &is_group) || rows->n_problems != before)
    return;

  if (rows->layout == LAYOUT_FINGERTIPS)
    {
      IndicatorInfo *info = fingertips_indicator (rows, cells);
      const GwCell *age_cell = cell (rows, cells, F_AGE);

      if (info == NULL)
        return;
      if (age_cell != NULL && !rows->locating)
        {
          if (info->age == NULL)
            info->age = g_strdup (age_cell->text);
          else if (strcmp (info->age, age_cell->text) != 0)
            {
              g_autofree char *v = shown (age_cell->text);

              cell_problem (rows, age_cell, _("Age “%s” differs from “%s” of the indicator's earlier rows: "
                                              "Gapwatch holds one age for each indicator"), v, info->age);
              return;
            }
        }
      add_value (rows, cells, info->index, subject, is_group, sex, period, decile, value_cell);
    }
  else
    {
      const GwCell *measure = required (rows, cells, F_MEASURE);
      g_autofree char *m = g_strstrip (g_strdup (measure->text));

      if (strcmp (m, "deaths") == 0 || strcmp (m, "population") == 0 || strcmp (m, "births") == 0)
        {
          if (is_group)
            {
              cell_problem (rows, cell (rows, cells, F_AREA_CODE), _("%s of a group: counts are for areas"), m);
              return;
            }
          add_count (rows, cells, m[0] == 'd' ? GW_RECORD_DEATHS : m[0] == 'p' ? GW_RECORD_POPULATION : GW_RECORD_BIRTHS,
                     subject, sex, period, value_cell);
        }
      else
        {
          IndicatorInfo *info = long_indicator (rows, measure, m);

          if (info != NULL)
            add_value (rows, cells, info->index, subject, is_group, sex, period, 0, value_cell);
        }
    }
}

/* The end */

static void
declare_areas (GwRows *rows)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, rows->areas);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      AreaInfo *a = value;
      GwAreaDecl decl = { 0 };

      if (a->known)
        continue;
      decl.code = key;
      decl.name = a->name;
      decl.type = a->type;
      decl.parent = a->parent;
      gw_batch_declare_area (rows->batch, &decl);
    }
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static void
warn_skipped (GwRows *rows)
{
  g_autoptr(GPtrArray) types = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, rows->skipped);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (types, key);
  g_ptr_array_sort (types, compare_strings);
  for (guint i = 0; i < types->len; i++)
    {
      const char *type = g_ptr_array_index (types, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (rows->skipped, type));
      g_autofree char *lower = g_ascii_strdown (type, -1);
      g_autofree char *text = NULL;

      if (strstr (lower, "deprivation decile") != NULL)
        text = g_strdup_printf (ngettext ("%u row of category “%s” skipped: its Category is not a decile Gapwatch recognises",
                                          "%u rows of category “%s” skipped: their Category is not a decile Gapwatch recognises", n),
                                n, type);
      else
        text = g_strdup_printf (ngettext ("%u row of category “%s” skipped: Gapwatch holds no values by category",
                                          "%u rows of category “%s” skipped: Gapwatch holds no values by category", n),
                                n, type);
      gw_batch_add_warning (rows->batch, text);
    }
}

GwBatch *
_gw_rows_finish (GwRows *rows, GwInput *input, gboolean *reread)
{
  g_autoptr(GArray) dups = NULL;
  g_autoptr(GDateTime) generated = NULL;
  g_autofree char *id = NULL, *base = NULL;
  const char *sha = gw_input_get_sha256 (input);
  GStatBuf st;

  *reread = FALSE;
  if (rows->n_problems > 0)
    return NULL;

  declare_areas (rows);
  warn_skipped (rows);

  /* A table says neither who made it nor when: the id is its content's
   * (the same download twice changes nothing), and it is as new as the
   * file (when it was downloaded), so a later download revises. */
  base = g_path_get_basename (rows->path);
  id = g_strdup_printf ("%s-%.16s", rows->layout == LAYOUT_FINGERTIPS ? "fingertips" : "table",
                        sha != NULL ? sha : base);
  if (g_stat (rows->path, &st) == 0)
    generated = g_date_time_new_from_unix_utc (st.st_mtime);
  else
    generated = g_date_time_new_now_utc ();
  gw_batch_set_header (rows->batch, id, generated, "", rows->layout == LAYOUT_FINGERTIPS ? "Fingertips" : NULL, base);

  dups = gw_batch_finish (rows->batch);
  if (dups->len > 0)
    {
      rows->dup_first = g_hash_table_new (NULL, NULL);
      for (guint i = 0; i < dups->len; i++)
        {
          const GwDuplicate *d = &g_array_index (dups, GwDuplicate, i);

          g_hash_table_insert (rows->dup_first, GSIZE_TO_POINTER (((guint64) d->kind << 56) ^ d->logical_key),
                               GUINT_TO_POINTER (0));
        }
      *reread = TRUE;
      return NULL;
    }
  return g_steal_pointer (&rows->batch);
}

void
_gw_rows_locate (GwRows *rows)
{
  rows->locating = TRUE;
  rows->layout = LAYOUT_NONE;   /* the header is read again */
  g_clear_pointer (&rows->last_code, g_free);
  g_clear_pointer (&rows->last_ind, g_free);
}

void
_gw_rows_located (GwRows *rows)
{
  if (rows->n_problems == 0)
    _gw_rows_problem (rows, 0, 0, _("the file repeats records"));
}

GwBatch *
_gw_rows_read (GwDataset    *dataset,
               GwInput      *input,
               GPtrArray    *problems,
               GwRowsParse   parse,
               GError      **error)
{
  g_autoptr(GwRows) rows = _gw_rows_new (dataset, gw_input_get_path (input), problems);
  GwBatch *batch;
  gboolean reread;

  if (!parse (rows, input, error))
    return NULL;
  batch = _gw_rows_finish (rows, input, &reread);
  if (reread)
    {
      /* only to say where the repeated records are */
      _gw_rows_locate (rows);
      if (gw_input_rewind (input, NULL) && !parse (rows, input, error))
        return NULL;
      _gw_rows_located (rows);
    }
  return batch;
}
