/* gw-types.c: the contract's spellings of the model's codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gw-types.h"

#include <string.h>

static gboolean
parse_in_table (const char        *text,
                const char *const *table,
                guint              n,
                guint              first,
                guint             *out)
{
  if (text == NULL)
    return FALSE;

  for (guint i = first; i < n; i++)
    {
      if (table[i] != NULL && strcmp (text, table[i]) == 0)
        {
          *out = i;
          return TRUE;
        }
    }

  return FALSE;
}

static const char *const sex_names[GW_N_SEXES] = { "m", "f", "p" };

gboolean
gw_sex_parse (const char *text,
              GwSex      *out)
{
  /* one letter: read for every record */
  if (text == NULL || text[0] == '\0' || text[1] != '\0')
    return FALSE;
  switch (text[0])
    {
    case 'm': *out = GW_SEX_MALE; return TRUE;
    case 'f': *out = GW_SEX_FEMALE; return TRUE;
    case 'p': *out = GW_SEX_PERSONS; return TRUE;
    default:  return FALSE;
    }
}

const char *
gw_sex_to_string (GwSex sex)
{
  g_return_val_if_fail ((guint) sex < GW_N_SEXES, "?");
  return sex_names[sex];
}

static const char *const age_names[GW_N_AGE_BANDS] = {
  "0", "1-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39",
  "40-44", "45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79",
  "80-84", "85-89", "90+", "85+",
};

/* Read for every record of an export: parsed by hand, not by table lookup. */
gboolean
gw_age_band_parse (const char *text,
                   GwAgeBand  *out)
{
  guint a = 0, b = 0;
  const char *p = text;

  if (text == NULL || !g_ascii_isdigit (*p))
    return FALSE;
  if (p[0] == '0')
    {
      if (p[1] != '\0')
        return FALSE;
      *out = GW_AGE_0;
      return TRUE;
    }
  for (; g_ascii_isdigit (*p) && a < 1000; p++)
    a = a * 10 + (guint) (*p - '0');
  if (*p == '+' && p[1] == '\0')
    {
      if (a != 85 && a != 90)
        return FALSE;
      *out = a == 90 ? GW_AGE_90_PLUS : GW_AGE_85_PLUS;
      return TRUE;
    }
  if (*p++ != '-' || !g_ascii_isdigit (*p) || *p == '0')
    return FALSE;
  for (; g_ascii_isdigit (*p) && b < 1000; p++)
    b = b * 10 + (guint) (*p - '0');
  if (*p != '\0')
    return FALSE;
  if (a == 1 && b == 4)
    {
      *out = GW_AGE_1_4;
      return TRUE;
    }
  if (a < 5 || a > 85 || a % 5 != 0 || b != a + 4)
    return FALSE;
  *out = (GwAgeBand) (a / 5 + 1);
  return TRUE;
}

const char *
gw_age_band_to_string (GwAgeBand band)
{
  g_return_val_if_fail ((guint) band < GW_N_AGE_BANDS, "?");
  return age_names[band];
}

guint
gw_age_band_start (GwAgeBand band)
{
  g_return_val_if_fail ((guint) band < GW_N_AGE_BANDS, 0);

  switch ((guint) band)
    {
    case GW_AGE_0:       return 0;
    case GW_AGE_1_4:     return 1;
    case GW_AGE_90_PLUS: return 90;
    case GW_AGE_85_PLUS: return 85;
    default:             return 5 * ((guint) band - 1);
    }
}

guint
gw_age_band_width (GwAgeBand band)
{
  g_return_val_if_fail ((guint) band < GW_N_AGE_BANDS, 0);

  switch ((guint) band)
    {
    case GW_AGE_0:       return 1;
    case GW_AGE_1_4:     return 4;
    case GW_AGE_90_PLUS:
    case GW_AGE_85_PLUS: return 0;
    default:             return 5;
    }
}

gboolean
gw_age_band_is_open (GwAgeBand band)
{
  return band == GW_AGE_90_PLUS || band == GW_AGE_85_PLUS;
}

static const char *const cause_names[GW_N_CAUSES] = {
  NULL, "circulatory", "cancer", "respiratory", "digestive", "external", "other",
};

gboolean
gw_cause_parse (const char *text,
                GwCause    *out)
{
  guint v;

  if (!parse_in_table (text, cause_names, GW_N_CAUSES, 1, &v))
    return FALSE;
  *out = (GwCause) v;
  return TRUE;
}

const char *
gw_cause_to_string (GwCause cause)
{
  g_return_val_if_fail ((guint) cause < GW_N_CAUSES, "?");
  return cause == GW_CAUSE_ALL ? "all" : cause_names[cause];
}

/* "I21" or "I21.4" (one or two digits after the point); the range is
 * every code it stands for, down to two decimals. */
gboolean
gw_icd10_parse_code (const char   *code,
                     GwIcd10Range *out)
{
  guint base, n_dec = 0, dec = 0;

  if (code == NULL || !g_ascii_isupper (code[0])
      || !g_ascii_isdigit (code[1]) || !g_ascii_isdigit (code[2]))
    return FALSE;
  base = (guint) (code[0] - 'A') * 10000 + (guint) ((code[1] - '0') * 10 + (code[2] - '0')) * 100;
  code += 3;
  if (*code == '.')
    {
      code++;
      while (g_ascii_isdigit (*code) && n_dec < 2)
        dec = dec * 10 + (guint) (*code++ - '0'), n_dec++;
      if (n_dec == 0)
        return FALSE;
    }
  if (*code != '\0')
    return FALSE;
  switch (n_dec)
    {
    case 0:
      out->first = base;
      out->last = base + 99;
      break;
    case 1:
      out->first = base + dec * 10;
      out->last = out->first + 9;
      break;
    default:
      out->first = out->last = base + dec;
      break;
    }
  return TRUE;
}

GArray *
gw_icd10_parse_ranges (const char *text)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (GwIcd10Range));
  g_auto(GStrv) words = NULL;

  if (text == NULL)
    return NULL;
  words = g_strsplit_set (text, " \t\n\r", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *dash;
      GwIcd10Range r, last;

      if (words[i][0] == '\0')
        continue;
      dash = strchr (words[i], '-');
      if (dash == NULL)
        {
          if (!gw_icd10_parse_code (words[i], &r))
            return NULL;
        }
      else
        {
          g_autofree char *first = g_strndup (words[i], dash - words[i]);

          if (!gw_icd10_parse_code (first, &r) || !gw_icd10_parse_code (dash + 1, &last)
              || last.last < r.first)
            return NULL;
          r.last = last.last;
        }
      g_array_append_val (ranges, r);
    }
  return g_steal_pointer (&ranges);
}

static const char *const area_type_names[GW_N_AREA_TYPES] = {
  "country", "region", "ua", "la", "pct", "ccg", "icb", "msoa", "lsoa", "other",
};

gboolean
gw_area_type_parse (const char *text,
                    GwAreaType *out)
{
  guint v;

  if (!parse_in_table (text, area_type_names, GW_N_AREA_TYPES, 0, &v))
    return FALSE;
  *out = (GwAreaType) v;
  return TRUE;
}

const char *
gw_area_type_to_string (GwAreaType type)
{
  g_return_val_if_fail ((guint) type < GW_N_AREA_TYPES, "?");
  return area_type_names[type];
}

static const char *const note_names[] = {
  NULL, "suppressed", "unreliable", "not-available",
};

gboolean
gw_note_parse (const char *text,
               GwNote     *out)
{
  guint v;

  if (!parse_in_table (text, note_names, G_N_ELEMENTS (note_names), 1, &v))
    return FALSE;
  *out = (GwNote) v;
  return TRUE;
}

const char *
gw_note_to_string (GwNote note)
{
  g_return_val_if_fail ((guint) note < G_N_ELEMENTS (note_names), "");
  return note == GW_NOTE_NONE ? "" : note_names[note];
}

static const char *const polarity_names[] = {
  NULL, "higher-is-better", "lower-is-better",
};

gboolean
gw_polarity_parse (const char *text,
                   GwPolarity *out)
{
  guint v;

  if (!parse_in_table (text, polarity_names, G_N_ELEMENTS (polarity_names), 1, &v))
    return FALSE;
  *out = (GwPolarity) v;
  return TRUE;
}

const char *
gw_polarity_to_string (GwPolarity polarity)
{
  g_return_val_if_fail ((guint) polarity < G_N_ELEMENTS (polarity_names), "");
  return polarity == GW_POLARITY_NONE ? "" : polarity_names[polarity];
}

const char *
gw_record_kind_to_string (GwRecordKind kind)
{
  static const char *const names[GW_N_RECORD_KINDS] = {
    "deaths", "population", "births", "indicator_values",
  };

  g_return_val_if_fail ((guint) kind < GW_N_RECORD_KINDS, "?");
  return names[kind];
}
