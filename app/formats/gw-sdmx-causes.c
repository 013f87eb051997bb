/* gw-sdmx-causes.c: an SDMX-ML message's ICD-10 cause codes onto causes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Publishers give deaths by cause as overlapping ICD-10 groups: Eurostat's
 * hlth_cd_aro has all causes (A-R_V-Y), chapters (I, C00-D48), groups
 * inside them (I20-I25) and groups inside those (I21_I22), each count
 * holding its parts.  Gapwatch's records name the most specific cause and
 * a cause's deaths are its own records plus those under it (export-format.md,
 * "Version 1.1"), so a code's record is its count less the counts of the
 * codes directly inside it in the same cell; the all-cause count stays the
 * total.  The codes present form a tree by containment of their ranges; a
 * code that overlaps another without one holding the other cannot be placed
 * and is skipped (its deaths stay in the code holding both).
 *
 * Each code becomes a cause: the built-in one of its chapter, a cause of the
 * registry with the same ranges, or one declared from the code (its name
 * from the structure's codelist, its ranges from the code, its parent the
 * code holding it or the registry's cause holding it).
 */
#include "gw-config.h"
#include "gw-sdmx-private.h"

#include <string.h>

#include <glib/gi18n.h>

#include "model/gw-key.h"

typedef struct
{
  char     *code;
  char     *icd10;        /* normalised ranges, space-separated; NULL: not ICD-10 */
  GArray   *ranges;       /* GwIcd10Range, merged and sorted */
  guint64   width;
  gboolean  all;          /* all causes */
  gint      builtin;      /* the built-in cause of a chapter code, or -1 */
  gint      parent;       /* the code holding it, or -1 */
  gint      cause;        /* the cause number; -1: skipped */
  const char *skip;       /* why it was skipped */
} Code;

typedef struct
{
  guint    code;
  double   n;
} Entry;

struct _GwSdmxCauses
{
  GPtrArray  *codes;      /* Code * */
  GHashTable *index;      /* code -> index + 1 */
  GHashTable *cells;      /* deaths key with cause 0 -> GArray of Entry */
  gboolean    resolved;
};

/* Eurostat's all-cause and chapter codes (and plain ranges of them). */
static const struct { const char *code; GwCause cause; } chapters[] = {
  { "A-R_V-Y", GW_CAUSE_ALL }, { "A00-Y89", GW_CAUSE_ALL }, { "A00-R99_V01-Y89", GW_CAUSE_ALL },
  { "A00-Y99", GW_CAUSE_ALL }, { "TOTAL", GW_CAUSE_ALL }, { "ALL", GW_CAUSE_ALL }, { "_T", GW_CAUSE_ALL },
  { "I", GW_CAUSE_CIRCULATORY }, { "I00-I99", GW_CAUSE_CIRCULATORY },
  { "C00-D48", GW_CAUSE_CANCER }, { "C00-D49", GW_CAUSE_CANCER }, { "C00-C97", GW_CAUSE_CANCER },
  { "J", GW_CAUSE_RESPIRATORY }, { "J00-J99", GW_CAUSE_RESPIRATORY },
  { "K", GW_CAUSE_DIGESTIVE }, { "K00-K93", GW_CAUSE_DIGESTIVE },
  { "V01-Y89", GW_CAUSE_EXTERNAL }, { "V01-Y98", GW_CAUSE_EXTERNAL }, { "V-Y", GW_CAUSE_EXTERNAL },
};

static void
code_free (gpointer data)
{
  Code *c = data;

  g_free (c->code);
  g_free (c->icd10);
  g_clear_pointer (&c->ranges, g_array_unref);
  g_free (c);
}

GwSdmxCauses *
_gw_sdmx_causes_new (void)
{
  GwSdmxCauses *self = g_new0 (GwSdmxCauses, 1);

  self->codes = g_ptr_array_new_with_free_func (code_free);
  self->index = g_hash_table_new (g_str_hash, g_str_equal);
  self->cells = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  return self;
}

void
_gw_sdmx_causes_free (GwSdmxCauses *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->index);
  g_hash_table_unref (self->cells);
  g_ptr_array_unref (self->codes);
  g_free (self);
}

/* One word of a code as ICD-10 (gw_icd10_parse_ranges()): a chapter letter
 * "I" is I00-I99, a letter range "A-R" A00-R99, a four-character code
 * "B942" B94.2. */
static gboolean
append_word (GString *out, const char *word)
{
  const char *dash = strchr (word, '-');
  gsize n = strlen (word);

  if (n == 0)
    return TRUE;
  if (dash != NULL)
    {
      g_autofree char *first = g_strndup (word, dash - word);
      g_autoptr(GString) a = g_string_new (NULL);
      g_autoptr(GString) b = g_string_new (NULL);

      if (strlen (first) == 1 && strlen (dash + 1) == 1 && g_ascii_isupper (first[0]) && g_ascii_isupper (dash[1]))
        {
          g_string_append_printf (out, "%s%c00-%c99", out->len > 0 ? " " : "", first[0], dash[1]);
          return TRUE;
        }
      if (strchr (dash + 1, '-') != NULL || !append_word (a, first) || !append_word (b, dash + 1)
          || strchr (a->str, '-') != NULL || strchr (b->str, '-') != NULL)
        return FALSE;
      g_string_append_printf (out, "%s%s-%s", out->len > 0 ? " " : "", a->str, b->str);
      return TRUE;
    }
  if (out->len > 0 && out->str[out->len - 1] != '-')
    g_string_append_c (out, ' ');
  if (n == 1 && g_ascii_isupper (word[0]))
    g_string_append_printf (out, "%c00-%c99", word[0], word[0]);
  else if (n == 4 && g_ascii_isupper (word[0]) && strspn (word + 1, "0123456789") == 3)
    g_string_append_printf (out, "%.3s.%c", word, word[3]);
  else
    g_string_append (out, word);
  return TRUE;
}

/* ICD-10 codes and ranges separated by _ (Eurostat: K70_K73-K74), commas
 * or spaces, as a space-separated list; NULL when the text is not one
 * (a remainder such as I_OTH is the rest of a group, not ranges). */
static char *
normalise (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) words = g_strsplit_set (text, "_, ;+", -1);
  g_autoptr(GArray) check = NULL;

  for (guint i = 0; words[i] != NULL; i++)
    if (!append_word (out, words[i]))
      return NULL;
  if (out->len == 0 || (check = gw_icd10_parse_ranges (out->str)) == NULL || check->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static int
compare_ranges (gconstpointer a, gconstpointer b)
{
  const GwIcd10Range *x = a, *y = b;

  return x->first < y->first ? -1 : x->first > y->first;
}

/* Sorted, overlapping and adjacent ranges merged: C33 C34 is C33-C34. */
static GArray *
merged (const GArray *ranges, guint64 *width)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (GwIcd10Range));
  g_autoptr(GArray) sorted = g_array_copy ((GArray *) ranges);

  g_array_sort (sorted, compare_ranges);
  *width = 0;
  for (guint i = 0; i < sorted->len; i++)
    {
      GwIcd10Range r = g_array_index (sorted, GwIcd10Range, i);
      GwIcd10Range *last = out->len > 0 ? &g_array_index (out, GwIcd10Range, out->len - 1) : NULL;

      if (last != NULL && r.first <= last->last + 1)
        last->last = MAX (last->last, r.last);
      else
        g_array_append_val (out, r);
    }
  for (guint i = 0; i < out->len; i++)
    *width += g_array_index (out, GwIcd10Range, i).last - g_array_index (out, GwIcd10Range, i).first + 1;
  return out;
}

/* Whether every range of inner lies in outer (both merged). */
static gboolean
holds (const GArray *outer, const GArray *inner)
{
  for (guint i = 0; i < inner->len; i++)
    {
      const GwIcd10Range *r = &g_array_index (inner, GwIcd10Range, i);
      gboolean in = FALSE;

      for (guint k = 0; k < outer->len && !in; k++)
        {
          const GwIcd10Range *o = &g_array_index (outer, GwIcd10Range, k);

          in = o->first <= r->first && r->last <= o->last;
        }
      if (!in)
        return FALSE;
    }
  return TRUE;
}

static gboolean
meets (const GArray *a, const GArray *b)
{
  for (guint i = 0; i < a->len; i++)
    for (guint k = 0; k < b->len; k++)
      {
        const GwIcd10Range *x = &g_array_index (a, GwIcd10Range, i), *y = &g_array_index (b, GwIcd10Range, k);

        if (x->first <= y->last && y->first <= x->last)
          return TRUE;
      }
  return FALSE;
}

static gboolean
same_ranges (const GArray *a, const GArray *b)
{
  return a->len == b->len && memcmp (a->data, b->data, a->len * sizeof (GwIcd10Range)) == 0;
}

/**
 * _gw_sdmx_causes_code:
 * @code: a cause code of the message
 * @name: (nullable): its name in the structure's codelist
 *
 * Returns: the code's number for _gw_sdmx_causes_add()
 */
guint
_gw_sdmx_causes_code (GwSdmxCauses *self, const char *code, const char *name)
{
  gpointer found = g_hash_table_lookup (self->index, code);
  Code *c;

  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;
  c = g_new0 (Code, 1);
  c->code = g_strdup (code);
  c->builtin = -1;
  c->parent = -1;
  c->cause = -1;
  for (guint i = 0; i < G_N_ELEMENTS (chapters); i++)
    if (strcmp (code, chapters[i].code) == 0)
      {
        c->all = chapters[i].cause == GW_CAUSE_ALL;
        c->builtin = chapters[i].cause;
      }
  if (!c->all)
    {
      c->icd10 = normalise (code);
      /* a code that is no ICD-10 (Nomis's numbers, Eurostat's ACC): its
       * codelist name's parenthesis, "Accidents (V01-X59, Y85, Y86)" */
      if (c->icd10 == NULL && name != NULL && strchr (name, '(') != NULL)
        {
          g_autofree char *inner = g_strdup (strrchr (name, '(') + 1);
          char *close = strchr (inner, ')');

          if (close != NULL)
            *close = '\0';
          c->icd10 = normalise (g_strstrip (inner));
        }
      if (c->icd10 != NULL)
        {
          g_autoptr(GArray) raw = gw_icd10_parse_ranges (c->icd10);

          c->ranges = merged (raw, &c->width);
        }
    }
  g_ptr_array_add (self->codes, c);
  g_hash_table_insert (self->index, c->code, GUINT_TO_POINTER (self->codes->len));
  return self->codes->len - 1;
}

/**
 * _gw_sdmx_causes_add:
 * @cell: the deaths key of the cell, with cause 0
 * @code: from _gw_sdmx_causes_code()
 * @n: the deaths
 * @sum: whether to add to the code's count of the cell (single years of
 *   age into a band) rather than give another (a duplicate)
 */
void
_gw_sdmx_causes_add (GwSdmxCauses *self, guint64 cell, guint code, double n, gboolean sum)
{
  GArray *entries = g_hash_table_lookup (self->cells, GSIZE_TO_POINTER (cell));
  Entry e = { code, n };

  if (entries == NULL)
    {
      entries = g_array_new (FALSE, FALSE, sizeof (Entry));
      g_hash_table_insert (self->cells, GSIZE_TO_POINTER (cell), entries);
    }
  if (sum)
    for (guint i = 0; i < entries->len; i++)
      if (g_array_index (entries, Entry, i).code == code)
        {
          g_array_index (entries, Entry, i).n += n;
          return;
        }
  g_array_append_val (entries, e);
}

static int
compare_wider (gconstpointer a, gconstpointer b, gpointer data)
{
  GPtrArray *codes = data;
  const Code *x = g_ptr_array_index (codes, *(const guint *) a), *y = g_ptr_array_index (codes, *(const guint *) b);

  if (x->width != y->width)
    return x->width > y->width ? -1 : 1;
  return *(const guint *) a < *(const guint *) b ? -1 : 1;
}

/* The registry's cause with exactly these ranges, or -1. */
static gint
registry_same (GwDataset *dataset, const GArray *ranges)
{
  for (guint i = 1; i < gw_dataset_n_causes (dataset); i++)
    {
      const GArray *r = gw_dataset_cause_icd10 (dataset, i);
      guint64 w;
      g_autoptr(GArray) m = NULL;

      if (r == NULL || r->len == 0)
        continue;
      m = merged (r, &w);
      if (same_ranges (m, ranges))
        return (gint) i;
    }
  return -1;
}

static char *
cause_id (const char *code)
{
  g_autoptr(GString) id = g_string_new ("icd10-");

  for (const char *p = code; *p != '\0' && id->len < 60; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (id, g_ascii_tolower (*p));
    else if (id->str[id->len - 1] != '-')
      g_string_append_c (id, '-');
  while (id->str[id->len - 1] == '-')
    g_string_truncate (id, id->len - 1);
  return g_string_free (g_steal_pointer (&id), FALSE);
}

/* The id of the registry's most specific cause holding the code's first
 * range ("parent the chapter containing it"), "other" when none does. */
static char *
registry_parent (GwDataset *dataset, const Code *c)
{
  const GwIcd10Range *r = &g_array_index (c->ranges, GwIcd10Range, 0);
  g_autofree char *first = g_strdup_printf ("%c%02u", 'A' + r->first / 10000, (r->first % 10000) / 100);
  gint cause = gw_dataset_cause_for_icd10 (dataset, first);
  const GwCauseDef *def = cause > 0 ? gw_dataset_get_cause (dataset, (guint) cause) : NULL;

  return g_strdup (def != NULL ? def->id : gw_cause_to_string (GW_CAUSE_OTHER));
}

static void
skip (Code *c, const char *why)
{
  c->cause = -1;
  c->skip = why;
}

/* The codes' tree and causes, widest first so that a code's holders are
 * placed before it. */
static void
resolve (GwSdmxCauses *self, GwBatch *batch, GwDataset *dataset, GwSdmxStructure *structure, const char *dim)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);
  gboolean all_seen = FALSE;

  for (guint i = 0; i < self->codes->len; i++)
    {
      Code *c = g_ptr_array_index (self->codes, i);

      if (c->all)
        {
          if (all_seen)
            skip (c, "same");
          else
            c->cause = GW_CAUSE_ALL;
          all_seen = TRUE;
        }
      else if (c->ranges == NULL)
        skip (c, "unread");
      else
        g_array_append_val (order, i);
    }
  g_array_sort_with_data (order, compare_wider, self->codes);

  for (guint o = 0; o < order->len; o++)
    {
      guint i = g_array_index (order, guint, o);
      Code *c = g_ptr_array_index (self->codes, i);
      guint64 parent_width = G_MAXUINT64;
      gboolean ok = TRUE;

      for (guint k = 0; k < placed->len && ok; k++)
        {
          guint j = g_array_index (placed, guint, k);
          Code *p = g_ptr_array_index (self->codes, j);

          if (same_ranges (p->ranges, c->ranges))
            {
              skip (c, "same");
              ok = FALSE;
            }
          else if (holds (p->ranges, c->ranges))
            {
              if (p->width < parent_width)
                {
                  parent_width = p->width;
                  c->parent = (gint) j;
                }
            }
          else if (meets (p->ranges, c->ranges))
            {
              skip (c, "overlap");
              ok = FALSE;
            }
        }
      if (!ok)
        continue;

      gw_dataset_read_lock (dataset);
      c->cause = c->builtin > 0 ? c->builtin : registry_same (dataset, c->ranges);
      gw_dataset_read_unlock (dataset);
      if (c->cause < 0)
        {
          const char *name = _gw_sdmx_structure_code_name (structure, dim, c->code);
          g_autofree char *id = cause_id (c->code);
          g_autofree char *fallback = g_strdup_printf (_("ICD-10 %s"), c->icd10);
          g_autofree char *parent = NULL;
          GwCauseDecl decl = { id, name != NULL ? name : fallback, c->icd10, NULL };

          if (c->parent >= 0)
            parent = g_strdup (gw_batch_cause_id (batch, ((Code *) g_ptr_array_index (self->codes, c->parent))->cause));
          else
            {
              gw_dataset_read_lock (dataset);
              parent = registry_parent (dataset, c);
              gw_dataset_read_unlock (dataset);
            }
          decl.parent = parent;

          c->cause = gw_batch_declare_cause (batch, &decl);
          if (c->cause == -1)
            c->cause = gw_batch_lookup_cause (batch, id);
          if (c->cause < 0)
            {
              skip (c, "full");
              continue;
            }
        }
      /* two codes onto one cause (C00-D48 and C00-C97 both cancer): the
       * wider holds the other's deaths */
      if (g_hash_table_contains (used, GINT_TO_POINTER (c->cause)))
        {
          skip (c, "same");
          continue;
        }
      g_hash_table_add (used, GINT_TO_POINTER (c->cause));
      g_array_append_val (placed, i);
    }
  self->resolved = TRUE;
}

/* The nearest code holding code that the cell has, or -1. */
static gint
present_parent (GwSdmxCauses *self, const GArray *entries, guint code)
{
  gint p = ((Code *) g_ptr_array_index (self->codes, code))->parent;

  for (; p >= 0; p = ((Code *) g_ptr_array_index (self->codes, p))->parent)
    for (guint i = 0; i < entries->len; i++)
      if (g_array_index (entries, Entry, i).code == (guint) p)
        return p;
  return -1;
}

/**
 * _gw_sdmx_causes_finish:
 * @batch: the records go here
 * @dataset: the registry the codes are matched with
 * @structure: (nullable): names of the codes
 * @dim: the cause dimension, for the codelist
 *
 * Places the codes, declares the causes they need and adds every cell's
 * records: each code's count less what the codes inside it in the cell
 * hold (never below 0: a warning says how often the parts were more).
 */
void
_gw_sdmx_causes_finish (GwSdmxCauses    *self,
                        GwBatch         *batch,
                        GwDataset       *dataset,
                        GwSdmxStructure *structure,
                        const char      *dim)
{
  GHashTableIter iter;
  gpointer key, value;
  guint n_more = 0, n_cells_more = 0;
  g_autoptr(GString) more_codes = g_string_new (NULL);
  g_autoptr(GArray) skipped_obs = g_array_new (TRUE, TRUE, sizeof (guint));

  resolve (self, batch, dataset, structure, dim);
  g_array_set_size (skipped_obs, self->codes->len);

  g_hash_table_iter_init (&iter, self->cells);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint64 cell = GPOINTER_TO_SIZE (key);
      GArray *entries = value;
      double all = -1, tops = 0;

      for (guint i = 0; i < entries->len; i++)
        {
          const Entry *e = &g_array_index (entries, Entry, i);
          const Code *c = g_ptr_array_index (self->codes, e->code);
          double own = e->n;

          if (c->cause < 0)
            {
              g_array_index (skipped_obs, guint, e->code)++;
              continue;
            }
          if (c->all)
            {
              all = e->n;
              gw_batch_add_count (batch, GW_RECORD_DEATHS, cell, e->n);
              continue;
            }
          for (guint k = 0; k < entries->len; k++)
            {
              const Entry *inner = &g_array_index (entries, Entry, k);

              if (k != i && ((const Code *) g_ptr_array_index (self->codes, inner->code))->cause >= 0
                  && present_parent (self, entries, inner->code) == (gint) e->code)
                own -= inner->n;
            }
          if (own < -1e-9)
            {
              if (n_more++ < 3 && strstr (more_codes->str, c->code) == NULL)
                g_string_append_printf (more_codes, "%s%s", more_codes->len > 0 ? ", " : "", c->code);
              own = 0;
            }
          if (present_parent (self, entries, e->code) < 0)
            tops += e->n;
          gw_batch_add_count (batch, GW_RECORD_DEATHS,
                              cell | ((guint64) c->cause << GW_KEY_DEATHS_CAUSE_SHIFT), own);
        }
      if (all >= 0 && tops > all + 1e-9)
        n_cells_more++;
    }

  for (guint i = 0; i < self->codes->len; i++)
    {
      const Code *c = g_ptr_array_index (self->codes, i);
      guint n = g_array_index (skipped_obs, guint, i);
      g_autofree char *text = NULL;

      if (n == 0)
        continue;
      if (g_strcmp0 (c->skip, "unread") == 0)
        text = g_strdup_printf (ngettext ("%u observation of cause %s skipped: not ICD-10 codes Gapwatch can read "
                               "(its deaths stay in the cause holding it)",
                                          "%u observations of cause %s skipped: not ICD-10 codes Gapwatch can read "
                               "(their deaths stay in the cause holding it)", n), n, c->code);
      else if (g_strcmp0 (c->skip, "overlap") == 0)
        text = g_strdup_printf (ngettext ("%u observation of cause %s skipped: it overlaps another cause code of the "
                               "message without holding it or lying in it",
                               "%u observations of cause %s skipped: it overlaps another cause code of the "
                               "message without holding it or lying in it", n), n, c->code);
      else if (g_strcmp0 (c->skip, "same") == 0)
        text = g_strdup_printf (ngettext ("%u observation of cause %s skipped: another code of the message is the same cause",
                               "%u observations of cause %s skipped: another code of the message is the same cause",
                               n), n, c->code);
      else
        text = g_strdup_printf (ngettext ("%u observation of cause %s skipped: Gapwatch holds at most 511 causes",
                                          "%u observations of cause %s skipped: Gapwatch holds at most 511 causes", n),
                                n, c->code);
      gw_batch_add_warning (batch, text);
    }
  if (n_more > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u count of a cause is less than the causes inside it add up to (%s): "
                                                         "its own deaths taken as 0",
                                                         "%u counts of causes are less than the causes inside them add up to (%s): "
                                                         "their own deaths taken as 0", n_more), n_more, more_codes->str);

      gw_batch_add_warning (batch, text);
    }
  if (n_cells_more > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("in %u cell the causes add up to more than all causes",
                                                         "in %u cells the causes add up to more than all causes",
                                                         n_cells_more), n_cells_more);

      gw_batch_add_warning (batch, text);
    }
}

/* The cause a code became, once finished; -1 when skipped. */
gint
_gw_sdmx_causes_number (GwSdmxCauses *self, guint code)
{
  g_return_val_if_fail (self->resolved && code < self->codes->len, -1);
  return ((Code *) g_ptr_array_index (self->codes, code))->cause;
}
