/* gw-workspace-imports.c: storing imports and loading them back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Storing.  When an import is committed into a dataset a GwWorkspaceSink
 * watches (GwDataset::import-committed), the import's rows are
 * the rows of its slot in the dataset's current and history tables.  Their
 * keys use the dataset's numbers for areas, groups, bases and indicators; the
 * workspace keeps those numbers together with what they stand for (the
 * import's own dictionaries: code, and the attributes it declared), so on
 * loading every number is looked up again by code and a key never depends on
 * the numbering of the dataset it is loaded into.
 *
 * Which areas, groups and indicators an export declared is not kept by the
 * dataset; comparing its dictionaries before and after each commit tells
 * (new entries and changed attributes).  A declaration that changed nothing
 * at the time is not kept; replaying in order gives the same dictionaries.
 * Entries the records use but another import declared are kept with their
 * attributes too, and declared again on loading only when no import loaded
 * before declares them (their import was removed).
 *
 * Records on disk, per kind, in chunks of up to 2^20 rows, little-endian:
 *   deaths, population, births   16 bytes: key u64, value f64
 *   values                       49 bytes: key u64, value, lower, upper,
 *                                count, denominator f64 (NaN: absent), note u8
 * The key's bit layout is the one of gw-key.h when schema version 1 was made
 * (_gw_workspace_disk_key_encode below); a different layout in the model is converted.
 *
 * Loading is gw-workspace-load.c; the key layout on disk gw-workspace-codec.c.
 */
#include "gw-config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "gw-workspace-private.h"

/* Dictionary snapshots: what the dataset knew before a commit */

typedef struct
{
  GPtrArray *areas;        /* char *: signature of each area */
  GPtrArray *groups;       /* char *: name */
  GPtrArray *indicators;   /* char *: signature */
  GPtrArray *causes;       /* char *: signature; [0] (all causes) NULL */
  guint      n_bases;
} Snapshot;

static char *
area_signature (const GwArea *a)
{
  GString *s = g_string_new (a->name);

  g_string_append_printf (s, "\x1f%d\x1f%d\x1f%u", (int) a->type, a->parent, a->imd_decile);
  for (guint i = 0; a->groups != NULL && i < a->groups->len; i++)
    g_string_append_printf (s, "\x1f%u", g_array_index (a->groups, guint, i));
  return g_string_free (s, FALSE);
}

static char *
indicator_signature (const GwIndicatorDef *d)
{
  return g_strdup_printf ("%s\x1f%s\x1f%d", d->name != NULL ? d->name : "",
                          d->unit != NULL ? d->unit : "\x1e", (int) d->polarity);
}

static char *
cause_signature (GwDataset *dataset, guint cause)
{
  const GwCauseDef *c = gw_dataset_get_cause (dataset, cause);

  return c == NULL ? NULL
                   : g_strdup_printf ("%s\x1f%s\x1f%d", c->name, c->icd10 != NULL ? c->icd10 : "\x1e", c->parent);
}

static void
snapshot_free (Snapshot *snap)
{
  if (snap == NULL)
    return;
  g_ptr_array_unref (snap->areas);
  g_ptr_array_unref (snap->groups);
  g_ptr_array_unref (snap->indicators);
  g_ptr_array_unref (snap->causes);
  g_free (snap);
}

static Snapshot *
snapshot_new (GwDataset *dataset)
{
  Snapshot *snap = g_new0 (Snapshot, 1);
  guint n;

  n = gw_dataset_n_areas (dataset);
  snap->areas = g_ptr_array_new_full (n, g_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (snap->areas, area_signature (gw_dataset_get_area (dataset, i)));
  n = gw_dataset_n_groups (dataset);
  snap->groups = g_ptr_array_new_full (n, g_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (snap->groups, g_strdup (gw_dataset_get_group (dataset, i)->name));
  n = gw_dataset_n_indicators (dataset);
  snap->indicators = g_ptr_array_new_full (n, g_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (snap->indicators, indicator_signature (gw_dataset_get_indicator (dataset, i)));
  n = gw_dataset_n_causes (dataset);
  snap->causes = g_ptr_array_new_full (n, g_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (snap->causes, cause_signature (dataset, i));
  snap->n_bases = gw_dataset_n_bases (dataset);
  return snap;
}

/* The import's rows and the dictionary entries to keep */

typedef struct
{
  GArray  *rows[GW_N_RECORD_KINDS];   /* GwCountRow / GwValueRow, logical keys, sorted */
  guint8  *areas;                     /* per dataset area: KEEP_* flags */
  guint8  *groups;
  guint8  *indicators;
  guint8   bases[GW_MAX_BASES];
  guint8   causes[GW_MAX_CAUSES];
  guint    n_areas, n_groups, n_indicators, n_bases, n_causes;
} Content;

enum
{
  KEEP_USED     = 1 << 0,  /* the records, or a declaration, refer to it */
  KEEP_DECLARED = 1 << 1,  /* this import declared it */
};

static void
content_clear (Content *c)
{
  for (guint k = 0; k < GW_N_RECORD_KINDS; k++)
    g_clear_pointer (&c->rows[k], g_array_unref);
  g_clear_pointer (&c->areas, g_free);
  g_clear_pointer (&c->groups, g_free);
  g_clear_pointer (&c->indicators, g_free);
}

/* Appends the rows of slot from table to out, keys made logical. */
static void
take_slot_rows (const GwTable *table,
                guint          slot,
                GArray        *out)
{
  gsize size = gw_table_row_size (table);
  const guint8 *rows = gw_table_rows (table);
  guint n = gw_table_n_rows (table);

  for (guint i = 0; i < n; i++)
    {
      const guint8 *row = rows + (gsize) i * size;
      guint64 key;

      memcpy (&key, row, 8);
      if (gw_row_slot (key) != slot)
        continue;
      g_array_append_vals (out, row, 1);
      key = gw_row_logical (key);
      memcpy (out->data + (gsize) (out->len - 1) * size, &key, 8);
    }
}

/* Merges two arrays sorted by their leading guint64 key. */
static GArray *
merge_sorted (GArray *a,
              GArray *b)
{
  gsize size = g_array_get_element_size (a);
  GArray *out = g_array_sized_new (FALSE, FALSE, size, a->len + b->len);
  guint i = 0, j = 0;

  while (i < a->len || j < b->len)
    {
      guint64 ka = G_MAXUINT64, kb = G_MAXUINT64;

      if (i < a->len)
        memcpy (&ka, a->data + (gsize) i * size, 8);
      if (j < b->len)
        memcpy (&kb, b->data + (gsize) j * size, 8);
      if (j >= b->len || (i < a->len && ka <= kb))
        g_array_append_vals (out, a->data + (gsize) i++ * size, 1);
      else
        g_array_append_vals (out, b->data + (gsize) j++ * size, 1);
    }
  return out;
}

static void
collect_content (GwDataset      *dataset,
                 GwImport       *import,
                 const Snapshot *snap,
                 Content        *c)
{
  guint slot = gw_import_get_slot (import);

  c->n_areas = gw_dataset_n_areas (dataset);
  c->n_groups = gw_dataset_n_groups (dataset);
  c->n_indicators = gw_dataset_n_indicators (dataset);
  c->n_bases = MIN (gw_dataset_n_bases (dataset), GW_MAX_BASES);
  c->areas = g_malloc0 (MAX (c->n_areas, 1));
  c->groups = g_malloc0 (MAX (c->n_groups, 1));
  c->indicators = g_malloc0 (MAX (c->n_indicators, 1));
  memset (c->bases, 0, sizeof c->bases);
  c->n_causes = MIN (gw_dataset_n_causes (dataset), GW_MAX_CAUSES);
  memset (c->causes, 0, sizeof c->causes);

  for (guint k = 0; k < GW_N_RECORD_KINDS; k++)
    {
      const GwTable *cur = gw_dataset_get_table (dataset, k);
      const GwTable *hist = gw_dataset_get_history (dataset, k);
      gsize size = gw_table_row_size (cur);
      g_autoptr(GArray) from_cur = g_array_new (FALSE, FALSE, size);
      g_autoptr(GArray) from_hist = g_array_new (FALSE, FALSE, size);

      take_slot_rows (cur, slot, from_cur);
      take_slot_rows (hist, slot, from_hist);
      c->rows[k] = from_hist->len == 0 ? g_steal_pointer (&from_cur)
                                       : merge_sorted (from_cur, from_hist);

      for (guint i = 0; i < c->rows[k]->len; i++)
        {
          guint64 key;
          GwKeyFields f;

          memcpy (&key, c->rows[k]->data + (gsize) i * size, 8);
          gw_key_decode (k, key, &f);
          if (k == GW_RECORD_VALUES)
            {
              if (f.indicator < c->n_indicators)
                c->indicators[f.indicator] |= KEEP_USED;
              if (f.is_group && f.area < c->n_groups)
                c->groups[f.area] |= KEEP_USED;
            }
          if (!f.is_group && f.area < c->n_areas)
            c->areas[f.area] |= KEEP_USED;
          if (f.basis > 0 && f.basis < GW_MAX_BASES)
            c->bases[f.basis] |= KEEP_USED;
          if (f.cause >= GW_N_CAUSES && f.cause < GW_MAX_CAUSES)
            c->causes[f.cause] |= KEEP_USED;
        }
    }

  /* Declared: new since the snapshot, or changed by this commit. */
  for (guint i = 0; i < c->n_areas; i++)
    {
      const GwArea *a = gw_dataset_get_area (dataset, i);
      g_autofree char *sig = NULL;

      if (i < snap->areas->len)
        {
          sig = area_signature (a);
          if (strcmp (sig, g_ptr_array_index (snap->areas, i)) == 0)
            continue;
        }
      c->areas[i] |= KEEP_DECLARED;
      /* a declaration names its parent and groups: keep them too */
      if (a->parent >= 0 && (guint) a->parent < c->n_areas)
        c->areas[a->parent] |= KEEP_USED;
      for (guint j = 0; a->groups != NULL && j < a->groups->len; j++)
        if (g_array_index (a->groups, guint, j) < c->n_groups)
          c->groups[g_array_index (a->groups, guint, j)] |= KEEP_USED;
    }
  for (guint i = 0; i < c->n_groups; i++)
    if (i >= snap->groups->len
        || g_strcmp0 (gw_dataset_get_group (dataset, i)->name, g_ptr_array_index (snap->groups, i)) != 0)
      c->groups[i] |= KEEP_DECLARED;
  for (guint i = 0; i < c->n_indicators; i++)
    {
      g_autofree char *sig = NULL;

      if (i < snap->indicators->len)
        {
          sig = indicator_signature (gw_dataset_get_indicator (dataset, i));
          if (strcmp (sig, g_ptr_array_index (snap->indicators, i)) == 0)
            continue;
        }
      c->indicators[i] |= KEEP_DECLARED;
    }
  /* Causes beyond the built-ins, with the ancestors a kept one names. */
  for (guint i = GW_N_CAUSES; i < c->n_causes; i++)
    {
      g_autofree char *sig = cause_signature (dataset, i);

      if (i >= snap->causes->len || g_strcmp0 (sig, g_ptr_array_index (snap->causes, i)) != 0)
        c->causes[i] |= KEEP_DECLARED;
    }
  for (guint i = c->n_causes; i-- > GW_N_CAUSES;)
    for (gint p = c->causes[i] != 0 ? gw_dataset_cause_parent (dataset, i) : -1;
         p >= GW_N_CAUSES && c->causes[p] == 0; p = gw_dataset_cause_parent (dataset, p))
      c->causes[p] |= KEEP_USED;
  /* A basis new with this import keeps its number even without records. */
  for (guint i = MAX (snap->n_bases, 1); i < c->n_bases; i++)
    c->bases[i] |= KEEP_DECLARED;
}

/* Writing */

typedef struct
{
  GwWorkspace  *self;
  sqlite3_int64 id;
  const char   *what;     /* for messages: "<file> was not stored in the workspace <path>" */
} Writer;

static gboolean
step_done (Writer        *w,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      _gw_workspace_set_error (w->self, rc, error, w->what);
      return FALSE;
    }
  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

static gboolean
write_dictionaries (Writer        *w,
                    GwDataset     *dataset,
                    const Content *c,
                    GError       **error)
{
  g_autoptr(sqlite3_stmt) groups = NULL;
  g_autoptr(sqlite3_stmt) areas = NULL;
  g_autoptr(sqlite3_stmt) bases = NULL;
  g_autoptr(sqlite3_stmt) indicators = NULL;
  g_autoptr(sqlite3_stmt) causes = NULL;

  groups = _gw_workspace_prepare (w->self, "INSERT INTO import_groups (import_id, number, group_id,"
                                  " declared, name) VALUES (?, ?, ?, ?, ?)", error);
  areas = groups == NULL ? NULL
        : _gw_workspace_prepare (w->self, "INSERT INTO import_areas (import_id, number, code, declared,"
                                 " name, type, parent, groups, imd_decile) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                 error);
  bases = areas == NULL ? NULL
        : _gw_workspace_prepare (w->self, "INSERT INTO import_bases (import_id, number, name)"
                                 " VALUES (?, ?, ?)", error);
  indicators = bases == NULL ? NULL
             : _gw_workspace_prepare (w->self, "INSERT INTO import_indicators (import_id, number,"
                                      " indicator_id, declared, name, unit, polarity)"
                                      " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  causes = indicators == NULL ? NULL
         : _gw_workspace_prepare (w->self, "INSERT INTO import_causes (import_id, number, cause_id,"
                                  " declared, name, icd10, parent) VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (causes == NULL)
    return FALSE;

  for (guint i = 0; i < c->n_groups; i++)
    {
      const GwGroup *g;

      if (c->groups[i] == 0)
        continue;
      g = gw_dataset_get_group (dataset, i);
      sqlite3_bind_int64 (groups, 1, w->id);
      sqlite3_bind_int64 (groups, 2, i);
      bind_text (groups, 3, g->id);
      sqlite3_bind_int (groups, 4, (c->groups[i] & KEEP_DECLARED) != 0);
      bind_text (groups, 5, g->name);
      if (!step_done (w, groups, error))
        return FALSE;
    }

  for (guint i = 0; i < c->n_areas; i++)
    {
      const GwArea *a;
      g_autoptr(GString) ids = NULL;

      if (c->areas[i] == 0)
        continue;
      a = gw_dataset_get_area (dataset, i);
      for (guint j = 0; a->groups != NULL && j < a->groups->len; j++)
        {
          guint g = g_array_index (a->groups, guint, j);

          if (g >= gw_dataset_n_groups (dataset))
            continue;
          if (ids == NULL)
            ids = g_string_new (NULL);
          else
            g_string_append_c (ids, ' ');
          g_string_append (ids, gw_dataset_get_group (dataset, g)->id);
        }
      sqlite3_bind_int64 (areas, 1, w->id);
      sqlite3_bind_int64 (areas, 2, i);
      bind_text (areas, 3, a->code);
      sqlite3_bind_int (areas, 4, (c->areas[i] & KEEP_DECLARED) != 0);
      bind_text (areas, 5, a->name);
      bind_text (areas, 6, gw_area_type_to_string (a->type));
      bind_text (areas, 7, a->parent >= 0 && (guint) a->parent < gw_dataset_n_areas (dataset)
                           ? gw_dataset_get_area (dataset, a->parent)->code : NULL);
      bind_text (areas, 8, ids != NULL ? ids->str : NULL);
      sqlite3_bind_int (areas, 9, (int) a->imd_decile);
      if (!step_done (w, areas, error))
        return FALSE;
    }

  for (guint i = 1; i < c->n_bases; i++)
    {
      if (c->bases[i] == 0)
        continue;
      sqlite3_bind_int64 (bases, 1, w->id);
      sqlite3_bind_int64 (bases, 2, i);
      bind_text (bases, 3, gw_dataset_get_basis (dataset, i));
      if (!step_done (w, bases, error))
        return FALSE;
    }

  for (guint i = 0; i < c->n_indicators; i++)
    {
      const GwIndicatorDef *d;

      if (c->indicators[i] == 0)
        continue;
      d = gw_dataset_get_indicator (dataset, i);
      sqlite3_bind_int64 (indicators, 1, w->id);
      sqlite3_bind_int64 (indicators, 2, i);
      bind_text (indicators, 3, d->id);
      sqlite3_bind_int (indicators, 4, (c->indicators[i] & KEEP_DECLARED) != 0);
      bind_text (indicators, 5, d->name);
      bind_text (indicators, 6, d->unit);
      bind_text (indicators, 7, gw_polarity_to_string (d->polarity));
      if (!step_done (w, indicators, error))
        return FALSE;
    }

  for (guint i = GW_N_CAUSES; i < c->n_causes; i++)
    {
      const GwCauseDef *d;
      gint parent;

      if (c->causes[i] == 0)
        continue;
      d = gw_dataset_get_cause (dataset, i);
      parent = d->parent;
      sqlite3_bind_int64 (causes, 1, w->id);
      sqlite3_bind_int64 (causes, 2, i);
      bind_text (causes, 3, d->id);
      sqlite3_bind_int (causes, 4, (c->causes[i] & KEEP_DECLARED) != 0);
      bind_text (causes, 5, d->name);
      bind_text (causes, 6, d->icd10);
      bind_text (causes, 7, parent > 0 ? gw_dataset_get_cause (dataset, parent)->id : NULL);
      if (!step_done (w, causes, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_records (Writer         *w,
               const Content  *c,
               GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean same_layout = _gw_workspace_model_layout_is_disk_layout ();

  stmt = _gw_workspace_prepare (w->self, "INSERT INTO import_records (import_id, kind, chunk, n_rows,"
                                " data) VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  for (guint k = 0; k < GW_N_RECORD_KINDS; k++)
    {
      GArray *rows = c->rows[k];
      gsize row_bytes = k == GW_RECORD_VALUES ? VALUE_ROW_BYTES : COUNT_ROW_BYTES;
      g_autofree guint8 *buf = NULL;

      if (rows->len == 0)
        continue;
      buf = g_malloc ((gsize) MIN (rows->len, CHUNK_ROWS) * row_bytes);

      for (guint start = 0, chunk = 0; start < rows->len; start += CHUNK_ROWS, chunk++)
        {
          guint n = MIN (rows->len - start, CHUNK_ROWS);
          guint8 *p = buf;

          for (guint i = start; i < start + n; i++, p += row_bytes)
            {
              guint64 key;

              if (k == GW_RECORD_VALUES)
                {
                  const GwValueRow *r = &g_array_index (rows, GwValueRow, i);

                  key = r->key;
                  _gw_put_f64 (p + 8, r->value);
                  _gw_put_f64 (p + 16, r->lower);
                  _gw_put_f64 (p + 24, r->upper);
                  _gw_put_f64 (p + 32, r->count);
                  _gw_put_f64 (p + 40, r->denominator);
                  p[48] = r->note;
                }
              else
                {
                  const GwCountRow *r = &g_array_index (rows, GwCountRow, i);

                  key = r->key;
                  _gw_put_f64 (p + 8, r->value);
                }
              if (!same_layout)
                {
                  GwKeyFields f;

                  gw_key_decode (k, key, &f);
                  key = _gw_workspace_disk_key_encode (k, &f);
                }
              _gw_put_u64 (p, key);
            }

          sqlite3_bind_int64 (stmt, 1, w->id);
          sqlite3_bind_text (stmt, 2, _gw_workspace_kind_names[k], -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, 3, (int) chunk);
          sqlite3_bind_int64 (stmt, 4, n);
          sqlite3_bind_blob64 (stmt, 5, buf, (sqlite3_uint64) n * row_bytes, SQLITE_STATIC);
          if (!step_done (w, stmt, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
write_warnings (Writer    *w,
                GwImport  *import,
                GError   **error)
{
  const char *const *warnings = gw_import_get_warnings (import);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (warnings == NULL || warnings[0] == NULL)
    return TRUE;
  stmt = _gw_workspace_prepare (w->self, "INSERT INTO import_warnings (import_id, number, message)"
                                " VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; warnings[i] != NULL; i++)
    {
      sqlite3_bind_int64 (stmt, 1, w->id);
      sqlite3_bind_int64 (stmt, 2, i);
      bind_text (stmt, 3, warnings[i]);
      if (!step_done (w, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* The user's SDMX-ML mapping the import was read by. */
static gboolean
write_mapping (Writer    *w,
               GwImport  *import,
               GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (gw_import_get_mapping_text (import) == NULL)
    return TRUE;
  stmt = _gw_workspace_prepare (w->self, "INSERT INTO import_mappings (import_id, name, text) VALUES (?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, w->id);
  bind_text (stmt, 2, gw_import_get_mapping_name (import));
  bind_text (stmt, 3, gw_import_get_mapping_text (import));
  return step_done (w, stmt, error);
}

/* The original file, gzip (as it was when it was gzip already), in chunks. */
typedef struct
{
  Writer       *w;
  sqlite3_stmt *stmt;
  guint8       *buf;
  gsize         len;
  guint         chunk;
} OriginalSink;

static gboolean
sink_flush (OriginalSink  *sink,
            GError       **error)
{
  if (sink->len == 0)
    return TRUE;
  sqlite3_bind_int64 (sink->stmt, 1, sink->w->id);
  sqlite3_bind_int (sink->stmt, 2, (int) sink->chunk++);
  sqlite3_bind_blob64 (sink->stmt, 3, sink->buf, sink->len, SQLITE_STATIC);
  sink->len = 0;
  return step_done (sink->w, sink->stmt, error);
}

static gboolean
sink_write (OriginalSink  *sink,
            const guint8  *data,
            gsize          len,
            GError       **error)
{
  while (len > 0)
    {
      gsize n = MIN (len, ORIGINAL_CHUNK - sink->len);

      memcpy (sink->buf + sink->len, data, n);
      sink->len += n;
      data += n;
      len -= n;
      if (sink->len == ORIGINAL_CHUNK && !sink_flush (sink, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_original (Writer      *w,
                const char  *path,
                const char  *sha256,
                gint64      *size_out,
                gboolean    *gzip_out,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *in = g_malloc (READ_BLOCK);
  g_autofree guint8 *zout = g_malloc (READ_BLOCK);
  g_autofree guint8 *chunk = g_malloc (ORIGINAL_CHUNK);
  OriginalSink sink = { 0 };
  z_stream z = { 0 };
  gboolean z_open = FALSE, first = TRUE, gzip = FALSE, ok = FALSE;
  gint64 total = 0;
  int fd;

  stmt = _gw_workspace_prepare (w->self, "INSERT INTO import_original (import_id, chunk, data)"
                                " VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sink.w = w;
  sink.stmt = stmt;
  sink.buf = chunk;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_CHANGED,
                   _("%s: the file cannot be read again to keep a copy: %s"), w->what,
                   g_strerror (saved));
      return FALSE;
    }

  for (;;)
    {
      gssize n;

      do
        n = read (fd, in, READ_BLOCK);
      while (n < 0 && errno == EINTR);
      if (n < 0)
        {
          int saved = errno;

          g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_CHANGED,
                       _("%s: the file cannot be read again to keep a copy: %s"), w->what,
                       g_strerror (saved));
          goto out;
        }
      if (first)
        {
          /* RFC 1952 magic: a gzip file is kept as it is */
          gzip = n >= 2 && in[0] == 0x1f && in[1] == 0x8b;
          if (!gzip)
            {
              /* windowBits 15 + 16: a gzip wrapper rather than zlib's.  The
               * fastest level: storing runs on the main thread, and level 6
               * takes 0.5 s more on a 71 MiB export to save 6% of the file. */
              if (deflateInit2 (&z, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8,
                                Z_DEFAULT_STRATEGY) != Z_OK)
                {
                  g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_FAILED,
                               _("%s: cannot compress the file (out of memory)"), w->what);
                  goto out;
                }
              z_open = TRUE;
            }
          first = FALSE;
        }
      g_checksum_update (sha, in, n);
      total += n;

      if (gzip)
        {
          if (!sink_write (&sink, in, n, error))
            goto out;
        }
      else
        {
          int flush = n == 0 ? Z_FINISH : Z_NO_FLUSH;
          int ret;

          z.next_in = in;
          z.avail_in = (uInt) n;
          do
            {
              z.next_out = zout;
              z.avail_out = READ_BLOCK;
              ret = deflate (&z, flush);
              if (ret == Z_STREAM_ERROR)
                {
                  g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_FAILED,
                               _("%s: cannot compress the file"), w->what);
                  goto out;
                }
              if (!sink_write (&sink, zout, READ_BLOCK - z.avail_out, error))
                goto out;
            }
          /* the whole output of this input, and at the end the trailer */
          while (z.avail_out == 0 || (flush == Z_FINISH && ret != Z_STREAM_END));
        }
      if (n == 0)
        break;
    }

  if (!sink_flush (&sink, error))
    goto out;

  /* The dataset holds what the reader saw; keep only that very file. */
  if (g_strcmp0 (g_checksum_get_string (sha), sha256) != 0)
    {
      g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_CHANGED,
                   _("%s: the file changed while it was imported; import it again"), w->what);
      goto out;
    }

  *size_out = total;
  *gzip_out = gzip;
  ok = TRUE;

out:
  if (z_open)
    deflateEnd (&z);
  close (fd);
  return ok;
}

static gboolean
has_sha256 (GwWorkspace  *self,
            const char   *sha256,
            gboolean     *found,
            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = _gw_workspace_prepare (self, "SELECT 1 FROM imports WHERE sha256 = ?",
                                                         error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, sha256);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      g_autofree char *what = g_strdup_printf (_("Cannot read the workspace %s"), self->path);
      _gw_workspace_set_error (self, rc, error, what);
      return FALSE;
    }
  *found = rc == SQLITE_ROW;
  return TRUE;
}

/* Stores a committed import in one transaction. */
static gboolean
store_import (GwWorkspace     *self,
              GwDataset       *dataset,
              GwImport        *import,
              const Snapshot  *snap,
              gboolean        *already,
              GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *imported_at = g_date_time_format_iso8601 (now);
  g_autofree char *generated = NULL;
  g_autofree char *what = NULL;
  const char *file = gw_import_get_file (import);
  const char *sha256 = gw_import_get_sha256 (import);
  Content content = { 0 };
  Writer w = { 0 };
  gint64 size = 0;
  gboolean gzip = FALSE, found = FALSE;
  int rc;

  *already = FALSE;
  what = g_strdup_printf (_("%s was not stored in the workspace %s"),
                          gw_import_get_basename (import), self->path);
  w.self = self;
  w.what = what;

  if (!_gw_workspace_check_writable (self, error))
    return FALSE;
  rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _gw_workspace_set_error (self, rc, error, what);
      return FALSE;
    }

  if (!has_sha256 (self, sha256, &found, error))
    goto fail;
  if (found)
    {
      _gw_workspace_rollback (self);
      *already = TRUE;
      return TRUE;
    }

  stmt = _gw_workspace_prepare (self, "SELECT file_name FROM imports WHERE export_id = ?", error);
  if (stmt == NULL)
    goto fail;
  bind_text (stmt, 1, gw_import_get_id (import));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_CONFLICT,
                   _("%s: the workspace has another export with the id “%s” (from %s); "
                     "a revised export needs an id of its own"),
                   what, gw_import_get_id (import), (const char *) sqlite3_column_text (stmt, 0));
      goto fail;
    }
  if (rc != SQLITE_DONE)
    {
      _gw_workspace_set_error (self, rc, error, what);
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = _gw_workspace_prepare (self,
                                "INSERT INTO imports (export_id, file, file_name, sha256, generated,"
                                "  version, publisher, title, imported_at, n_deaths, n_population,"
                                "  n_births, n_values, revisions, n_warnings, original_size, original_gzip)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)", error);
  if (stmt == NULL)
    goto fail;
  if (gw_import_get_generated (import) != NULL)
    generated = g_date_time_format_iso8601 (gw_import_get_generated (import));
  bind_text (stmt, 1, gw_import_get_id (import));
  bind_text (stmt, 2, file != NULL ? file : gw_import_get_basename (import));
  bind_text (stmt, 3, gw_import_get_basename (import));
  bind_text (stmt, 4, sha256);
  bind_text (stmt, 5, generated);
  bind_text (stmt, 6, gw_import_get_version (import));
  bind_text (stmt, 7, gw_import_get_publisher (import));
  bind_text (stmt, 8, gw_import_get_title (import));
  bind_text (stmt, 9, imported_at);
  for (guint k = 0; k < GW_N_RECORD_KINDS; k++)
    sqlite3_bind_int64 (stmt, 10 + k, gw_import_get_records_of_kind (import, k));
  sqlite3_bind_int64 (stmt, 14, gw_import_get_revisions (import));
  sqlite3_bind_int64 (stmt, 15, gw_import_get_n_warnings (import));
  if (!step_done (&w, stmt, error))
    goto fail;
  w.id = sqlite3_last_insert_rowid (self->db);

  collect_content (dataset, import, snap, &content);
  if (!write_dictionaries (&w, dataset, &content, error)
      || !write_records (&w, &content, error)
      || !write_warnings (&w, import, error)
      || !write_mapping (&w, import, error))
    goto fail;
  content_clear (&content);

  if (!write_original (&w, file, sha256, &size, &gzip, error))
    goto fail;

  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = _gw_workspace_prepare (self, "UPDATE imports SET original_size = ?, original_gzip = ? WHERE id = ?",
                                error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, size);
  sqlite3_bind_int (stmt, 2, gzip);
  sqlite3_bind_int64 (stmt, 3, w.id);
  if (!step_done (&w, stmt, error))
    goto fail;
  g_clear_pointer (&stmt, sqlite3_finalize);

  _gw_workspace_test_stall ();

  rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _gw_workspace_set_error (self, rc, error, what);
      goto fail;
    }
  return TRUE;

fail:
  content_clear (&content);
  g_clear_pointer (&stmt, sqlite3_finalize);
  _gw_workspace_rollback (self);
  return FALSE;
}

/* The sink: storing what is committed into a dataset */

struct _GwWorkspaceSink
{
  GwWorkspace *workspace;
  GwDataset   *dataset;
  Snapshot    *snapshot;   /* the dictionaries after the last change */
  GHashTable  *results;    /* GwImport * (ref) -> GwWorkspaceFileResult * */
  gulong       committed_id;
  gulong       changed_id;
};

static void
file_result_free (gpointer data)
{
  GwWorkspaceFileResult *r = data;

  g_clear_error (&r->error);
  g_free (r);
}

static void
on_dataset_import_committed_cb (GwDataset *dataset,
                                GwImport  *import,
                                gpointer   user_data)
{
  GwWorkspaceSink *sink = user_data;
  GwWorkspaceFileResult *fr;
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;

  /* gw_workspace_load() committing what the workspace has already */
  if (sink->workspace->loading)
    return;

  fr = g_new0 (GwWorkspaceFileResult, 1);
  if (!store_import (sink->workspace, dataset, import, sink->snapshot, &found, &error))
    {
      fr->status = GW_WORKSPACE_FILE_NOT_STORED;
      fr->error = g_steal_pointer (&error);
    }
  else if (found)
    {
      fr->status = GW_WORKSPACE_FILE_ALREADY_STORED;
      fr->error = g_error_new (GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_FAILED,
                               _("%s is already in the workspace: nothing changed"),
                               gw_import_get_basename (import));
    }
  else
    fr->status = GW_WORKSPACE_FILE_STORED;
  g_hash_table_replace (sink->results, g_object_ref (import), fr);
}

/* After every commit and removal: the "before" of the next commit. */
static void
on_dataset_changed_cb (GwDataset *dataset,
                       gpointer   user_data)
{
  GwWorkspaceSink *sink = user_data;

  snapshot_free (sink->snapshot);
  sink->snapshot = snapshot_new (dataset);
}

/**
 * gw_workspace_sink_new:
 * @self: a workspace open for writing
 * @dataset: the dataset imports are committed into
 *
 * Each import committed into @dataset while the sink lives is stored in
 * the workspace at once, in its own transaction, from the dataset's
 * ::import-committed handler.  Declarations are told from the dataset's
 * dictionaries before and after each commit.
 *
 * Returns: (transfer full): the sink; gw_workspace_sink_free() stops it
 */
GwWorkspaceSink *
gw_workspace_sink_new (GwWorkspace *self,
                       GwDataset   *dataset)
{
  GwWorkspaceSink *sink;

  g_return_val_if_fail (GW_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (GW_IS_DATASET (dataset), NULL);

  sink = g_new0 (GwWorkspaceSink, 1);
  sink->workspace = g_object_ref (self);
  sink->dataset = g_object_ref (dataset);
  sink->snapshot = snapshot_new (dataset);
  sink->results = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref, file_result_free);
  sink->committed_id = g_signal_connect (dataset, "import-committed",
                                         G_CALLBACK (on_dataset_import_committed_cb), sink);
  sink->changed_id = g_signal_connect (dataset, "changed", G_CALLBACK (on_dataset_changed_cb), sink);
  return sink;
}

void
gw_workspace_sink_free (GwWorkspaceSink *sink)
{
  if (sink == NULL)
    return;
  g_clear_signal_handler (&sink->committed_id, sink->dataset);
  g_clear_signal_handler (&sink->changed_id, sink->dataset);
  g_clear_object (&sink->workspace);
  g_clear_object (&sink->dataset);
  snapshot_free (sink->snapshot);
  g_hash_table_unref (sink->results);
  g_free (sink);
}

/**
 * gw_workspace_sink_get_result:
 * @sink: a sink
 * @import: an import committed while the sink lived
 *
 * Returns: (nullable): what the workspace did with it, or NULL when the
 *   sink did not see it
 */
const GwWorkspaceFileResult *
gw_workspace_sink_get_result (GwWorkspaceSink *sink,
                              GwImport        *import)
{
  g_return_val_if_fail (sink != NULL, NULL);
  g_return_val_if_fail (GW_IS_IMPORT (import), NULL);

  return g_hash_table_lookup (sink->results, import);
}

/**
 * gw_workspace_has_file:
 * @self: an open workspace
 * @sha256: the SHA-256 of a file's bytes, lower-case hex
 * @found: (out): whether a stored import is that file
 * @error: why the workspace cannot be read
 *
 * Returns: TRUE when @found was set
 */
gboolean
gw_workspace_has_file (GwWorkspace  *self,
                       const char   *sha256,
                       gboolean     *found,
                       GError      **error)
{
  g_return_val_if_fail (GW_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (sha256 != NULL && found != NULL, FALSE);

  if (self->db == NULL)
    return _gw_workspace_check_writable (self, error);
  return has_sha256 (self, sha256, found, error);
}

gboolean
gw_workspace_remove_import (GwWorkspace  *self,
                            GwDataset    *dataset,
                            GwImport     *import,
                            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *what = NULL;
  int rc;

  g_return_val_if_fail (GW_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (GW_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (GW_IS_IMPORT (import), FALSE);

  what = g_strdup_printf (_("%s was not removed from the workspace %s"),
                          gw_import_get_basename (import), self->path);
  if (!_gw_workspace_begin (self, error))
    return FALSE;
  stmt = _gw_workspace_prepare (self, "DELETE FROM imports WHERE export_id = ? AND sha256 = ?", error);
  if (stmt == NULL)
    goto fail;
  bind_text (stmt, 1, gw_import_get_id (import));
  bind_text (stmt, 2, gw_import_get_sha256 (import));
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _gw_workspace_set_error (self, rc, error, what);
      goto fail;
    }
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_NOT_STORED,
                   _("%s is not in the workspace %s"), gw_import_get_basename (import), self->path);
      goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!_gw_workspace_commit (self, error))
    goto fail;

  /* Give the freed pages back to the file system; failing here loses
   * nothing, the pages are reused by the next import. */
  sqlite3_exec (self->db, "PRAGMA incremental_vacuum", NULL, NULL, NULL);

  gw_dataset_remove_import (dataset, import);
  return TRUE;

fail:
  g_clear_pointer (&stmt, sqlite3_finalize);
  _gw_workspace_rollback (self);
  return FALSE;
}

/**
 * gw_workspace_count_imports:
 * @self: an open workspace
 * @error: why it cannot be read
 *
 * Returns: the number of stored imports, or -1
 */
gint
gw_workspace_count_imports (GwWorkspace  *self,
                            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (GW_IS_WORKSPACE (self), -1);

  if (self->db == NULL)
    {
      _gw_workspace_check_writable (self, error);
      return -1;
    }
  stmt = _gw_workspace_prepare (self, "SELECT count(*) FROM imports", error);
  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      g_autofree char *what = g_strdup_printf (_("Cannot read the workspace %s"), self->path);
      _gw_workspace_set_error (self, rc, error, what);
      return -1;
    }
  return sqlite3_column_int (stmt, 0);
}

/**
 * gw_workspace_save_original:
 * @self: an open workspace
 * @export_id: the id of a stored import
 * @dest_path: where to write the file (replaced when it exists)
 * @error: NOT_STORED, or why it cannot be written
 *
 * Writes the file the import was read from, byte for byte (its SHA-256 is
 * the import's).
 *
 * Returns: TRUE when written
 */
gboolean
gw_workspace_save_original (GwWorkspace  *self,
                            const char   *export_id,
                            const char   *dest_path,
                            GError      **error)
{
  g_autoptr(sqlite3_stmt) head = NULL;
  g_autoptr(sqlite3_stmt) chunks = NULL;
  g_autoptr(GFile) dest = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autofree guint8 *zout = NULL;
  g_autofree char *what = NULL;
  sqlite3_int64 id;
  gboolean gzip;
  z_stream z = { 0 };
  gboolean z_open = FALSE, ok = FALSE;
  int rc;

  g_return_val_if_fail (GW_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (export_id != NULL && dest_path != NULL, FALSE);

  if (self->db == NULL)
    return _gw_workspace_check_writable (self, error);

  what = g_strdup_printf (_("Cannot read the workspace %s"), self->path);
  head = _gw_workspace_prepare (self, "SELECT id, original_gzip FROM imports WHERE export_id = ?", error);
  if (head == NULL)
    return FALSE;
  bind_text (head, 1, export_id);
  rc = sqlite3_step (head);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_NOT_STORED,
                   _("The workspace %s has no export “%s”"), self->path, export_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _gw_workspace_set_error (self, rc, error, what);
      return FALSE;
    }
  id = sqlite3_column_int64 (head, 0);
  gzip = sqlite3_column_int (head, 1) != 0;

  chunks = _gw_workspace_prepare (self, "SELECT data FROM import_original WHERE import_id = ? ORDER BY chunk",
                                  error);
  if (chunks == NULL)
    return FALSE;
  sqlite3_bind_int64 (chunks, 1, id);

  dest = g_file_new_for_path (dest_path);
  out = g_file_replace (dest, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (out == NULL)
    return FALSE;
  if (!gzip)
    {
      if (inflateInit2 (&z, 15 + 16) != Z_OK)
        {
          g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_FAILED, "%s", what);
          goto out;
        }
      z_open = TRUE;
      zout = g_malloc (READ_BLOCK);
    }

  while ((rc = sqlite3_step (chunks)) == SQLITE_ROW)
    {
      const guint8 *data = sqlite3_column_blob (chunks, 0);
      gsize bytes = (gsize) sqlite3_column_bytes (chunks, 0);

      if (gzip)
        {
          if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), data, bytes, NULL, NULL, error))
            goto out;
          continue;
        }
      z.next_in = (Bytef *) data;
      z.avail_in = (uInt) bytes;
      /* output may still be pending when the input is used up */
      while (z.avail_in > 0 || z.avail_out == 0)
        {
          int ret;

          z.next_out = zout;
          z.avail_out = READ_BLOCK;
          ret = inflate (&z, Z_NO_FLUSH);
          if (ret != Z_OK && ret != Z_STREAM_END && ret != Z_BUF_ERROR)
            {
              g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_CORRUPT,
                           _("%s: the stored copy of “%s” is damaged"), what, export_id);
              goto out;
            }
          if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), zout, READ_BLOCK - z.avail_out,
                                          NULL, NULL, error))
            goto out;
          if (ret == Z_STREAM_END)
            break;
        }
    }
  if (rc != SQLITE_DONE)
    {
      _gw_workspace_set_error (self, rc, error, what);
      goto out;
    }
  ok = g_output_stream_close (G_OUTPUT_STREAM (out), NULL, error);

out:
  if (z_open)
    inflateEnd (&z);
  if (!ok)
    {
      g_autoptr(GCancellable) cancel = g_cancellable_new ();

      /* a cancelled close leaves the destination as it was */
      g_cancellable_cancel (cancel);
      g_output_stream_close (G_OUTPUT_STREAM (out), cancel, NULL);
    }
  return ok;
}
