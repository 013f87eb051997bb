/* gw-workspace-load.c: loading a workspace's imports back into a dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loading rebuilds one GwBatch per import with the batch API and commits them
 * in the order they were imported, so revisions and numbering come out as
 * they were.  A workspace is untrusted input (it is shared like an export):
 * every key is decoded and checked against the model's ranges and the
 * import's own dictionaries, every value, chunk size, count and text before
 * the batch is committed (check_row).  Records chunks are read with
 * sqlite3_blob_read, count rows straight into the batch: that and adding
 * rows in bulk keep opening at about a tenth of reading the XML.
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

/* Loading */

typedef struct
{
  GwWorkspace  *self;
  GwDataset    *dataset;
  sqlite3_stmt *groups;
  sqlite3_stmt *areas;
  sqlite3_stmt *bases;
  sqlite3_stmt *indicators;
  sqlite3_stmt *causes;
  sqlite3_stmt *records;
  sqlite3_stmt *warnings;
  sqlite3_blob *blob;        /* reopened for each records chunk */
  guint8       *scratch;     /* a values chunk as stored */
  gsize         scratch_size;
  const char   *what;
} Loader;

enum { MAP_AREAS, MAP_GROUPS, MAP_BASES, MAP_INDICATORS, MAP_CAUSES, N_MAPS };

/* number -> batch number; G_MAXUINT: not in the dictionary */
typedef struct
{
  guint   *map;
  guint    len;
  gboolean identity;
} NumberMap;

static void
number_map_set (NumberMap *m,
                guint      number,
                guint      value)
{
  if (number >= m->len)
    {
      guint len = MAX (number + 1, m->len * 2);

      m->map = g_renew (guint, m->map, len);
      for (guint i = m->len; i < len; i++)
        m->map[i] = G_MAXUINT;
      m->len = len;
    }
  m->map[number] = value;
  if (number != value)
    m->identity = FALSE;
}

static inline guint
number_map_get (const NumberMap *m,
                guint            number)
{
  return number < m->len ? m->map[number] : G_MAXUINT;
}

static gboolean
corrupt (Loader      *l,
         const char  *detail,
         GError     **error)
{
  g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_CORRUPT,
               _("%s: the workspace is damaged: %s"), l->what, detail);
  return FALSE;
}

static gboolean
corrupt_printf (Loader      *l,
                GError     **error,
                const char  *format,
                ...) G_GNUC_PRINTF (3, 4);

static gboolean
corrupt_printf (Loader      *l,
                GError     **error,
                const char  *format,
                ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  return corrupt (l, detail, error);
}

/* A text column, which must be NULL or UTF-8 (names go into messages,
 * labels and JSON).  *out is NULL for NULL. */
static gboolean
column_utf8 (Loader        *l,
             sqlite3_stmt  *stmt,
             int            column,
             const char    *field,
             const char   **out,
             GError       **error)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  *out = text;
  if (text != NULL && !g_utf8_validate (text, sqlite3_column_bytes (stmt, column), NULL))
    return corrupt_printf (l, error, _("%s is not valid UTF-8"), field);
  return TRUE;
}

static gboolean
step_error (Loader  *l,
            int      rc,
            GError **error)
{
  _gw_workspace_set_error (l->self, rc, error, l->what);
  return FALSE;
}

static gboolean
full (Loader      *l,
      const char  *which,
      GError     **error)
{
  g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_FAILED,
               _("%s: the dataset holds the most %s it can"), l->what, which);
  return FALSE;
}

static gboolean
load_groups (Loader        *l,
             sqlite3_int64  id,
             GwBatch       *batch,
             NumberMap     *map,
             GError       **error)
{
  sqlite3_stmt *stmt = l->groups;
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 number = sqlite3_column_int64 (stmt, 0);
      const char *gid, *name;
      gboolean declared = sqlite3_column_int (stmt, 2) != 0;
      gint index = -1;

      if (!column_utf8 (l, stmt, 1, "import_groups.group_id", &gid, error)
          || !column_utf8 (l, stmt, 3, "import_groups.name", &name, error))
        return FALSE;
      if (gid == NULL || number < 0 || number >= GW_MAX_GROUPS)
        return corrupt (l, "import_groups", error);
      if (!declared)
        index = gw_batch_lookup_group (batch, gid);
      /* a group another import declared comes back when that one was removed */
      if (index < 0)
        index = gw_batch_declare_group (batch, gid, name);
      if (index < 0)
        index = gw_batch_lookup_group (batch, gid);
      if (index < 0)
        return full (l, _("groups"), error);
      number_map_set (map, number, (guint) index);
    }
  return rc == SQLITE_DONE || step_error (l, rc, error);
}

static gboolean
load_areas (Loader        *l,
            sqlite3_int64  id,
            GwBatch       *batch,
            NumberMap     *map,
            GError       **error)
{
  sqlite3_stmt *stmt = l->areas;
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 number = sqlite3_column_int64 (stmt, 0);
      gint64 decile = sqlite3_column_int64 (stmt, 7);
      const char *code, *name, *parent, *groups;
      gboolean declared = sqlite3_column_int (stmt, 2) != 0;
      gint index = -1;

      if (!column_utf8 (l, stmt, 1, "import_areas.code", &code, error)
          || !column_utf8 (l, stmt, 3, "import_areas.name", &name, error)
          || !column_utf8 (l, stmt, 5, "import_areas.parent", &parent, error)
          || !column_utf8 (l, stmt, 6, "import_areas.groups", &groups, error))
        return FALSE;
      if (code == NULL || number < 0 || number >= GW_MAX_AREAS)
        return corrupt (l, "import_areas", error);
      if (decile < 0 || decile > 10)
        return corrupt (l, "import_areas.imd_decile", error);
      if (!declared)
        index = gw_batch_lookup_area (batch, code);
      if (index < 0)
        {
          g_auto(GStrv) ids = groups != NULL && *groups != '\0' ? g_strsplit (groups, " ", -1) : NULL;
          GwAreaDecl decl = { 0 };
          GwAreaType type = GW_AREA_OTHER;

          if (!gw_area_type_parse ((const char *) sqlite3_column_text (stmt, 4), &type))
            return corrupt (l, "import_areas.type", error);
          decl.code = code;
          decl.name = name;
          decl.type = type;
          decl.parent = parent;
          decl.groups = (const char *const *) ids;
          decl.imd_decile = (guint) decile;
          index = gw_batch_declare_area (batch, &decl);
        }
      if (index < 0)
        index = gw_batch_lookup_area (batch, code);
      if (index < 0)
        return full (l, _("areas"), error);
      number_map_set (map, number, (guint) index);
    }
  return rc == SQLITE_DONE || step_error (l, rc, error);
}

static gboolean
load_bases (Loader        *l,
            sqlite3_int64  id,
            GwBatch       *batch,
            NumberMap     *map,
            GError       **error)
{
  sqlite3_stmt *stmt = l->bases;
  int rc;

  number_map_set (map, 0, 0);
  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 number = sqlite3_column_int64 (stmt, 0);
      const char *name;
      gint index;

      if (!column_utf8 (l, stmt, 1, "import_bases.name", &name, error))
        return FALSE;
      if (name == NULL || number <= 0 || number >= GW_MAX_BASES)
        return corrupt (l, "import_bases", error);
      index = gw_batch_intern_basis (batch, name);
      if (index < 0)
        return full (l, _("deaths bases"), error);
      number_map_set (map, number, (guint) index);
    }
  return rc == SQLITE_DONE || step_error (l, rc, error);
}

static gboolean
load_indicators (Loader        *l,
                 sqlite3_int64  id,
                 GwBatch       *batch,
                 NumberMap     *map,
                 GError       **error)
{
  sqlite3_stmt *stmt = l->indicators;
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 number = sqlite3_column_int64 (stmt, 0);
      const char *iid, *name, *unit, *polarity_text;
      gboolean declared = sqlite3_column_int (stmt, 2) != 0;
      GwPolarity polarity = GW_POLARITY_NONE;
      gint index;

      if (!column_utf8 (l, stmt, 1, "import_indicators.indicator_id", &iid, error)
          || !column_utf8 (l, stmt, 3, "import_indicators.name", &name, error)
          || !column_utf8 (l, stmt, 4, "import_indicators.unit", &unit, error)
          || !column_utf8 (l, stmt, 5, "import_indicators.polarity", &polarity_text, error))
        return FALSE;
      if (iid == NULL || number < 0 || number >= GW_MAX_INDICATORS)
        return corrupt (l, "import_indicators", error);
      /* "" is none */
      if (polarity_text != NULL && *polarity_text != '\0' && !gw_polarity_parse (polarity_text, &polarity))
        return corrupt (l, "import_indicators.polarity", error);
      /* Declaring with no name, unit or polarity changes nothing: that is
       * how a batch numbers an indicator another import declared. */
      if (declared || gw_dataset_lookup_indicator (l->dataset, iid) < 0)
        index = gw_batch_declare_indicator (batch, iid, name, unit, polarity);
      else
        index = gw_batch_declare_indicator (batch, iid, NULL, NULL, GW_POLARITY_NONE);
      if (index < 0)
        return full (l, _("indicators"), error);
      number_map_set (map, number, (guint) index);
    }
  return rc == SQLITE_DONE || step_error (l, rc, error);
}

/* The causes beyond the built-ins (whose numbers are fixed) that the
 * import declares or its records use; after them, every declared cause's
 * parent must be known and make no cycle, as the reader checks. */
static gboolean
load_causes (Loader        *l,
             sqlite3_int64  id,
             GwBatch       *batch,
             NumberMap     *map,
             GError       **error)
{
  sqlite3_stmt *stmt = l->causes;
  g_autoptr(GPtrArray) declared_ids = g_ptr_array_new_with_free_func (g_free);
  int rc;

  for (guint i = 0; i < GW_N_CAUSES; i++)
    number_map_set (map, i, i);
  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 number = sqlite3_column_int64 (stmt, 0);
      const char *cid, *name, *icd10, *parent;
      gboolean declared = sqlite3_column_int (stmt, 2) != 0;
      g_autoptr(GArray) ranges = NULL;
      gint known, index = -1;

      if (!column_utf8 (l, stmt, 1, "import_causes.cause_id", &cid, error)
          || !column_utf8 (l, stmt, 3, "import_causes.name", &name, error)
          || !column_utf8 (l, stmt, 4, "import_causes.icd10", &icd10, error)
          || !column_utf8 (l, stmt, 5, "import_causes.parent", &parent, error))
        return FALSE;
      if (cid == NULL || *cid == '\0' || strspn (cid, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen (cid)
          || number < GW_N_CAUSES || number >= GW_MAX_CAUSES)
        return corrupt (l, "import_causes", error);
      known = gw_dataset_lookup_cause (l->dataset, cid);
      if (known > 0 && known < GW_N_CAUSES)
        return corrupt (l, "import_causes.cause_id", error);
      if (icd10 != NULL && ((ranges = gw_icd10_parse_ranges (icd10)) == NULL || ranges->len == 0))
        return corrupt (l, "import_causes.icd10", error);
      if (parent != NULL && (*parent == '\0' || strcmp (parent, cid) == 0))
        return corrupt (l, "import_causes.parent", error);
      /* a cause another import declared comes back when that one was removed */
      if (!declared && known >= 0)
        index = gw_batch_reserve_cause (batch, cid);
      else
        {
          GwCauseDecl decl = { cid, name != NULL ? name : cid, icd10, parent };

          index = gw_batch_declare_cause (batch, &decl);
          if (index == -1)
            return corrupt (l, "import_causes: a cause is stored twice", error);
          g_ptr_array_add (declared_ids, g_strdup (cid));
        }
      if (index < 0)
        return full (l, _("causes"), error);
      number_map_set (map, number, (guint) index);
    }
  if (rc != SQLITE_DONE)
    return step_error (l, rc, error);
  for (guint i = 0; i < declared_ids->len; i++)
    if (gw_batch_check_cause (batch, g_ptr_array_index (declared_ids, i)) != GW_CAUSE_CHECK_OK)
      return corrupt (l, "import_causes.parent", error);
  return TRUE;
}

static gboolean
kind_from_name (const char   *name,
                GwRecordKind *kind)
{
  for (guint k = 0; k < GW_N_RECORD_KINDS; k++)
    if (g_strcmp0 (name, _gw_workspace_kind_names[k]) == 0)
      {
        *kind = k;
        return TRUE;
      }
  return FALSE;
}

/* What is wrong with a stored record, if anything. */
typedef enum
{
  ROW_OK,
  ROW_BAD_KEY,        /* bits set beyond the kind's fields */
  ROW_BAD_AREA,
  ROW_BAD_GROUP,
  ROW_BAD_SEX,
  ROW_BAD_AGE,
  ROW_BAD_CAUSE,
  ROW_BAD_BASIS,
  ROW_BAD_PERIOD,
  ROW_BAD_INDICATOR,
  ROW_BAD_DECILE,
  ROW_BAD_VALUE,
} RowProblem;

/* Bits of each kind's key on disk (_gw_workspace_disk_key_encode): deaths, population,
 * births, values. */
static const guint disk_key_bits[GW_N_RECORD_KINDS] = { 59, 47, 42, 55 };

/* NaN (absent) or finite. */
static inline gboolean
finite_or_nan (double d)
{
  return isnan (d) || isfinite (d);
}

/* Decodes the key of a stored row and checks every field against the
 * model's ranges and the import's own dictionaries (maps), and the values
 * against what a reader accepts: a workspace is untrusted input, and the
 * methods index arrays with these numbers.  f gets the fields numbered for
 * the batch. */
static inline RowProblem
check_row (GwRecordKind     kind,
           const guint8    *data,
           const NumberMap  maps[N_MAPS],
           GwKeyFields     *f)
{
  guint64 key = _gw_get_u64 (data);
  guint number;

  if (key >> disk_key_bits[kind] != 0)
    return ROW_BAD_KEY;
  _gw_workspace_disk_key_decode (kind, key, f);
  if (f->sex > GW_SEX_PERSONS)
    return ROW_BAD_SEX;
  if (!gw_period_is_valid (f->period))
    return ROW_BAD_PERIOD;
  number = number_map_get (&maps[f->is_group ? MAP_GROUPS : MAP_AREAS], f->area);
  if (number == G_MAXUINT)
    return f->is_group ? ROW_BAD_GROUP : ROW_BAD_AREA;
  f->area = number;

  if (kind == GW_RECORD_VALUES)
    {
      double count = _gw_get_f64 (data + 32), denominator = _gw_get_f64 (data + 40);

      number = number_map_get (&maps[MAP_INDICATORS], f->indicator);
      if (number == G_MAXUINT)
        return ROW_BAD_INDICATOR;
      f->indicator = number;
      if (f->decile > GW_N_DECILES)
        return ROW_BAD_DECILE;
      if (!finite_or_nan (_gw_get_f64 (data + 8)) || !finite_or_nan (_gw_get_f64 (data + 16))
          || !finite_or_nan (_gw_get_f64 (data + 24))
          || !finite_or_nan (count) || count < 0 || !finite_or_nan (denominator) || denominator < 0
          || data[48] > GW_NOTE_NOT_AVAILABLE)
        return ROW_BAD_VALUE;
      return ROW_OK;
    }

  if (kind != GW_RECORD_BIRTHS && f->age >= GW_N_AGE_BANDS)
    return ROW_BAD_AGE;
  if (kind == GW_RECORD_DEATHS)
    {
      number = number_map_get (&maps[MAP_CAUSES], f->cause);
      if (number == G_MAXUINT)
        return ROW_BAD_CAUSE;
      f->cause = number;
      /* the model holds deaths pooled over at most so many years */
      if (!gw_key_deaths_period_ok (f->period))
        return ROW_BAD_PERIOD;
      number = number_map_get (&maps[MAP_BASES], f->basis);
      if (number == G_MAXUINT)
        return ROW_BAD_BASIS;
      f->basis = number;
    }
  {
    double value = _gw_get_f64 (data + 8);

    /* counts: what a reader accepts, a non-negative number */
    if (!isfinite (value) || value < 0)
      return ROW_BAD_VALUE;
  }
  return ROW_OK;
}

static gboolean
bad_row (Loader        *l,
         GwRecordKind   kind,
         gint64         row,
         RowProblem     problem,
         const guint8  *data,
         GError       **error)
{
  const char *field;
  guint number = 0;
  GwKeyFields f;

  _gw_workspace_disk_key_decode (kind, _gw_get_u64 (data), &f);
  switch (problem)
    {
    case ROW_BAD_AREA:      field = "area"; number = f.area; break;
    case ROW_BAD_GROUP:     field = "group"; number = f.area; break;
    case ROW_BAD_SEX:       field = "sex"; number = f.sex; break;
    case ROW_BAD_AGE:       field = "age"; number = f.age; break;
    case ROW_BAD_CAUSE:     field = "cause"; number = f.cause; break;
    case ROW_BAD_BASIS:     field = "basis"; number = f.basis; break;
    case ROW_BAD_PERIOD:    field = "period"; number = f.period; break;
    case ROW_BAD_INDICATOR: field = "indicator"; number = f.indicator; break;
    case ROW_BAD_DECILE:    field = "decile"; number = f.decile; break;
    case ROW_BAD_VALUE:
      return corrupt_printf (l, error, _("%s record %" PRId64 " has a value no export can give"),
                             _gw_workspace_kind_names[kind], row + 1);
    case ROW_BAD_KEY:
    case ROW_OK:
    default:
      return corrupt_printf (l, error, _("%s record %" PRId64 " has a key no export can give"),
                             _gw_workspace_kind_names[kind], row + 1);
    }
  /* Translators: "deaths record 3 has area 1048575, which is out of range" */
  return corrupt_printf (l, error, _("%s record %" PRId64 " has %s %u, which is out of range"),
                         _gw_workspace_kind_names[kind], row + 1, field, number);
}

/* A count row on disk (key u64, value f64, little-endian) has the size of
 * a GwCountRow: it is read straight into the batch and converted in place. */
G_STATIC_ASSERT (sizeof (GwCountRow) == COUNT_ROW_BYTES);

/* Reads the BLOB of a records chunk into buf, with SQLite's incremental
 * I/O: no copy of up to 49 MiB allocated per chunk and freed again. */
static gboolean
read_chunk (Loader         *l,
            sqlite3_int64   rowid,
            guint8         *buf,
            gint64          bytes,
            GError        **error)
{
  int rc;

  if (l->blob == NULL)
    rc = sqlite3_blob_open (l->self->db, "main", "import_records", "data", rowid, 0, &l->blob);
  else
    rc = sqlite3_blob_reopen (l->blob, rowid);
  if (rc == SQLITE_OK && sqlite3_blob_bytes (l->blob) != bytes)
    return corrupt (l, "import_records.data", error);
  if (rc == SQLITE_OK && bytes > 0)
    rc = sqlite3_blob_read (l->blob, buf, (int) bytes, 0);
  if (rc != SQLITE_OK)
    return step_error (l, rc, error);
  return TRUE;
}

static gboolean
load_records (Loader          *l,
              sqlite3_int64    id,
              GwBatch         *batch,
              const NumberMap  maps[N_MAPS],
              const gint64     expected[GW_N_RECORD_KINDS],
              GError         **error)
{
  gint64 counts[GW_N_RECORD_KINDS] = { 0 };
  sqlite3_stmt *stmt = l->records;
  /* keys copied as they are when checked and nothing is renumbered */
  gboolean direct = _gw_workspace_model_layout_is_disk_layout ()
                    && maps[MAP_AREAS].identity && maps[MAP_GROUPS].identity
                    && maps[MAP_BASES].identity && maps[MAP_INDICATORS].identity
                    && maps[MAP_CAUSES].identity;
  int rc;

  /* Room for the rows the import says it has (untrusted: at most 16 chunks'
   * worth ahead), so the tables do not grow by copying. */
  for (guint k = 0; k < GW_N_RECORD_KINDS; k++)
    if (expected[k] > 0)
      gw_batch_reserve (batch, k, (guint) MIN (expected[k], 16 * (gint64) CHUNK_ROWS));

  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GwRecordKind kind;
      gint64 n_rows = sqlite3_column_int64 (stmt, 1);
      sqlite3_int64 rowid = sqlite3_column_int64 (stmt, 2);
      gint64 bytes = sqlite3_column_int64 (stmt, 3);
      gint64 row_bytes;

      if (!kind_from_name ((const char *) sqlite3_column_text (stmt, 0), &kind))
        return corrupt (l, "import_records.kind", error);
      if (sqlite3_column_type (stmt, 3) != SQLITE_INTEGER)
        return corrupt (l, "import_records.data", error);
      row_bytes = kind == GW_RECORD_VALUES ? VALUE_ROW_BYTES : COUNT_ROW_BYTES;
      if (n_rows < 0 || n_rows > CHUNK_ROWS || n_rows * row_bytes != bytes)
        return corrupt_printf (l, error, _("a chunk of %s records holds %" PRId64 " bytes for %" PRId64 " records"),
                               _gw_workspace_kind_names[kind], bytes, n_rows);
      if (n_rows == 0)
        continue;

      if (kind != GW_RECORD_VALUES)
        {
          /* read into the batch's rows, then each converted in place */
          guint8 *data = gw_batch_add_rows (batch, kind, (guint) n_rows);

          if (!read_chunk (l, rowid, data, bytes, error))
            return FALSE;
          for (gint64 i = 0; i < n_rows; i++, data += COUNT_ROW_BYTES)
            {
              GwKeyFields f;
              RowProblem problem = check_row (kind, data, maps, &f);
              GwCountRow row;

              if (G_UNLIKELY (problem != ROW_OK))
                return bad_row (l, kind, counts[kind] + i, problem, data, error);
              row.key = gw_row_key (direct ? _gw_get_u64 (data) : gw_key_encode (kind, &f), 0);
              row.value = _gw_get_f64 (data + 8);
              memcpy (data, &row, sizeof row);
            }
        }
      else
        {
          const guint8 *data;
          GwValueRow *rows;

          if (l->scratch_size < (gsize) bytes)
            {
              g_free (l->scratch);
              l->scratch = g_malloc ((gsize) bytes);
              l->scratch_size = (gsize) bytes;
            }
          if (!read_chunk (l, rowid, l->scratch, bytes, error))
            return FALSE;
          data = l->scratch;
          rows = gw_batch_add_rows (batch, kind, (guint) n_rows);
          for (gint64 i = 0; i < n_rows; i++, data += VALUE_ROW_BYTES)
            {
              GwKeyFields f;
              RowProblem problem = check_row (kind, data, maps, &f);
              GwValueRow *row = &rows[i];

              if (G_UNLIKELY (problem != ROW_OK))
                return bad_row (l, kind, counts[kind] + i, problem, data, error);
              memset (row, 0, sizeof *row);
              row->key = gw_row_key (direct ? _gw_get_u64 (data) : gw_key_encode (kind, &f), 0);
              row->value = _gw_get_f64 (data + 8);
              row->lower = _gw_get_f64 (data + 16);
              row->upper = _gw_get_f64 (data + 24);
              row->count = _gw_get_f64 (data + 32);
              row->denominator = _gw_get_f64 (data + 40);
              row->note = (GwNote) data[48];
            }
        }
      counts[kind] += n_rows;
    }
  if (rc != SQLITE_DONE)
    return step_error (l, rc, error);
  for (guint k = 0; k < GW_N_RECORD_KINDS; k++)
    if (counts[k] != expected[k])
      return corrupt (l, "import_records: rows missing", error);
  return TRUE;
}

static gboolean
load_warnings (Loader        *l,
               sqlite3_int64  id,
               GwBatch       *batch,
               guint          n_warnings,
               GError       **error)
{
  sqlite3_stmt *stmt = l->warnings;
  guint n = 0;
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *message;

      if (!column_utf8 (l, stmt, 0, "import_warnings.message", &message, error))
        return FALSE;
      gw_batch_add_warning (batch, message);
      n++;
    }
  if (rc != SQLITE_DONE)
    return step_error (l, rc, error);
  if (n > n_warnings)
    return corrupt (l, "imports.n_warnings", error);
  /* the warnings counted whose texts were not kept */
  gw_batch_count_warnings (batch, n_warnings - n);
  return TRUE;
}

/* The mapping an import was read by, read as untrusted: UTF-8, at most
 * 64 KiB, a key file with a [Mapping] group (what it says is checked where
 * it is used, gw_sdmx_set_workspace_mappings()).  A bad one is left out of
 * the import, which loads all the same, and is the error. */
#define GW_WORKSPACE_MAX_MAPPING 65536

static gboolean
load_mapping (Loader        *l,
              sqlite3_int64  id,
              GwBatch       *batch,
              GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) local = NULL;
  const char *name, *text;
  g_autofree char *shown = NULL;
  int rc;

  stmt = _gw_workspace_prepare (l->self, "SELECT name, text FROM import_mappings WHERE import_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return step_error (l, rc, error);
  shown = g_utf8_make_valid ((const char *) sqlite3_column_text (stmt, 0) != NULL
                             ? (const char *) sqlite3_column_text (stmt, 0) : "?", -1);
  if (!column_utf8 (l, stmt, 0, "import_mappings.name", &name, error)
      || !column_utf8 (l, stmt, 1, "import_mappings.text", &text, error))
    return FALSE;
  if (name == NULL || text == NULL)
    return corrupt (l, "import_mappings", error);
  if (sqlite3_column_bytes (stmt, 1) > GW_WORKSPACE_MAX_MAPPING)
    return corrupt_printf (l, error, _("its mapping “%s” is longer than %d bytes"), shown, GW_WORKSPACE_MAX_MAPPING);
  if (!g_key_file_load_from_data (kf, text, -1, G_KEY_FILE_NONE, &local))
    return corrupt_printf (l, error, _("its mapping “%s” is not a key file: %s"), shown, local->message);
  if (!g_key_file_has_group (kf, "Mapping"))
    return corrupt_printf (l, error, _("its mapping “%s” has no [Mapping] group"), shown);
  gw_batch_set_mapping (batch, name, text);
  return TRUE;
}

/* Builds the batch of one stored import (the row of stmt) and commits it. */
static gboolean
load_import (Loader        *l,
             sqlite3_stmt  *row,
             GError       **error)
{
  sqlite3_int64 id = sqlite3_column_int64 (row, 0);
  const char *export_id = (const char *) sqlite3_column_text (row, 1);
  const char *file, *sha256, *generated_text, *version, *publisher, *title;
  gint64 n_warnings = sqlite3_column_int64 (row, 8);
  g_autofree char *shown_id = NULL;
  gint64 expected[GW_N_RECORD_KINDS];
  g_autoptr(GDateTime) generated = NULL;
  g_autoptr(GwBatch) batch = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *what = NULL;
  g_autoptr(GError) mapping_error = NULL;
  GwImport *existing;
  NumberMap maps[N_MAPS] = {
    { NULL, 0, TRUE }, { NULL, 0, TRUE }, { NULL, 0, TRUE }, { NULL, 0, TRUE }, { NULL, 0, TRUE },
  };
  gboolean ok = FALSE;

  /* the message names the import even when its id is not UTF-8 */
  shown_id = export_id != NULL ? g_utf8_make_valid (export_id, -1) : g_strdup ("?");
  what = g_strdup_printf (_("Cannot load %s from the workspace %s"), shown_id, l->self->path);
  l->what = what;
  if (!column_utf8 (l, row, 1, "imports.export_id", &export_id, error)
      || !column_utf8 (l, row, 2, "imports.file", &file, error)
      || !column_utf8 (l, row, 3, "imports.sha256", &sha256, error)
      || !column_utf8 (l, row, 4, "imports.generated", &generated_text, error)
      || !column_utf8 (l, row, 5, "imports.version", &version, error)
      || !column_utf8 (l, row, 6, "imports.publisher", &publisher, error)
      || !column_utf8 (l, row, 7, "imports.title", &title, error))
    return FALSE;
  if (export_id == NULL || sha256 == NULL)
    return corrupt (l, "imports", error);
  if (n_warnings < 0 || n_warnings > G_MAXUINT)
    return corrupt (l, "imports.n_warnings", error);
  for (guint k = 0; k < GW_N_RECORD_KINDS; k++)
    expected[k] = sqlite3_column_int64 (row, 9 + k);

  existing = gw_dataset_find_import (l->dataset, export_id);
  if (existing != NULL)
    {
      if (g_strcmp0 (gw_import_get_sha256 (existing), sha256) == 0)
        return TRUE;
      g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_CONFLICT,
                   _("%s: the dataset has another export with this id, from %s"), what,
                   gw_import_get_basename (existing));
      return FALSE;
    }

  if (generated_text != NULL)
    {
      generated = g_date_time_new_from_iso8601 (generated_text, NULL);
      if (generated == NULL)
        return corrupt (l, "imports.generated", error);
    }

  batch = gw_batch_new (l->dataset);
  gw_batch_set_header (batch, export_id, generated, version, publisher, title);
  gw_batch_set_source (batch, file, sha256);

  /* groups before areas: an area's declaration names its groups */
  if (load_groups (l, id, batch, &maps[1], error)
      && load_areas (l, id, batch, &maps[0], error)
      && load_bases (l, id, batch, &maps[2], error)
      && load_indicators (l, id, batch, &maps[MAP_INDICATORS], error)
      && load_causes (l, id, batch, &maps[MAP_CAUSES], error)
      && load_records (l, id, batch, maps, expected, error)
      && load_warnings (l, id, batch, (guint) n_warnings, error))
    ok = TRUE;
  /* a bad mapping costs the import nothing but its mapping */
  if (ok)
    load_mapping (l, id, batch, &mapping_error);
  if (ok)
    {
      /* An export never has one key twice; the dataset counts on it. */
      g_autoptr(GArray) dups = gw_batch_finish (batch);

      if (dups->len > 0)
        ok = corrupt_printf (l, error, _("a %s record is stored twice"),
                             _gw_workspace_kind_names[g_array_index (dups, GwDuplicate, 0).kind]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (maps); i++)
    g_free (maps[i].map);
  if (!ok)
    return FALSE;

  if (gw_dataset_commit (l->dataset, g_steal_pointer (&batch), &local) == NULL)
    {
      g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_FAILED, "%s: %s", what, local->message);
      return FALSE;
    }
  if (mapping_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&mapping_error));
      return FALSE;
    }
  return TRUE;
}

/**
 * gw_workspace_load:
 * @self: an open workspace
 * @dataset: the dataset to fill (usually new)
 * @cancellable: (nullable): checked between imports
 * @error: why an import could not be loaded
 *
 * Commits every stored import into @dataset in the order they were imported,
 * from the stored records (no file is read).  An import that cannot be
 * loaded is skipped and the others are loaded; @error then tells about the
 * first.
 *
 * Returns: TRUE when every import was loaded
 */
gboolean
gw_workspace_load (GwWorkspace   *self,
                   GwDataset     *dataset,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(sqlite3_stmt) imports = NULL;
  g_autoptr(GError) first = NULL;
  g_autofree char *what = NULL;
  Loader l = { 0 };
  guint n_failed = 0;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (GW_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (GW_IS_DATASET (dataset), FALSE);

  if (self->db == NULL)
    return _gw_workspace_check_writable (self, error);

  what = g_strdup_printf (_("Cannot read the workspace %s"), self->path);
  l.self = self;
  l.dataset = dataset;
  l.what = what;

  /* One read transaction: a snapshot, whatever another program writes meanwhile. */
  if (!_gw_workspace_exec (self, "BEGIN", error))
    return FALSE;

  imports = _gw_workspace_prepare (self, "SELECT id, export_id, file, sha256, generated, version,"
                                   " publisher, title, n_warnings, n_deaths, n_population, n_births, n_values"
                                   " FROM imports ORDER BY id", error);
  if (imports == NULL
      || (l.groups = _gw_workspace_prepare (self, "SELECT number, group_id, declared, name FROM import_groups"
                                            " WHERE import_id = ? ORDER BY number", error)) == NULL
      || (l.areas = _gw_workspace_prepare (self, "SELECT number, code, declared, name, type, parent, groups,"
                                           " imd_decile FROM import_areas WHERE import_id = ? ORDER BY number",
                                           error)) == NULL
      || (l.bases = _gw_workspace_prepare (self, "SELECT number, name FROM import_bases WHERE import_id = ?"
                                           " ORDER BY number", error)) == NULL
      || (l.indicators = _gw_workspace_prepare (self, "SELECT number, indicator_id, declared, name, unit,"
                                                " polarity FROM import_indicators WHERE import_id = ?"
                                                " ORDER BY number", error)) == NULL
      /* length(data) reads no BLOB: read_chunk does */
      || (l.causes = _gw_workspace_prepare (self, "SELECT number, cause_id, declared, name, icd10, parent"
                                            " FROM import_causes WHERE import_id = ? ORDER BY number",
                                            error)) == NULL
      || (l.records = _gw_workspace_prepare (self, "SELECT kind, n_rows, rowid, length(data) FROM import_records"
                                             " WHERE import_id = ? ORDER BY kind, chunk", error)) == NULL
      || (l.warnings = _gw_workspace_prepare (self, "SELECT message FROM import_warnings"
                                              " WHERE import_id = ? ORDER BY number", error)) == NULL)
    goto out;

  self->loading = TRUE;
  while ((rc = sqlite3_step (imports)) == SQLITE_ROW)
    {
      g_autoptr(GError) local = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      if (!load_import (&l, imports, &local))
        {
          n_failed++;
          if (first == NULL)
            first = g_steal_pointer (&local);
        }
    }
  if (rc != SQLITE_DONE)
    {
      _gw_workspace_set_error (self, rc, error, what);
      goto out;
    }

  if (first != NULL)
    {
      if (n_failed > 1)
        g_prefix_error (&first, g_dngettext (GETTEXT_PACKAGE, "%u import was not loaded: ",
                                             "%u imports were not loaded: ", n_failed), n_failed);
      g_propagate_error (error, g_steal_pointer (&first));
      goto out;
    }
  ok = TRUE;

out:
  self->loading = FALSE;
  g_clear_pointer (&l.groups, sqlite3_finalize);
  g_clear_pointer (&l.areas, sqlite3_finalize);
  g_clear_pointer (&l.bases, sqlite3_finalize);
  g_clear_pointer (&l.indicators, sqlite3_finalize);
  g_clear_pointer (&l.causes, sqlite3_finalize);
  g_clear_pointer (&l.records, sqlite3_finalize);
  g_clear_pointer (&l.blob, sqlite3_blob_close);
  g_clear_pointer (&l.scratch, g_free);
  g_clear_pointer (&l.warnings, sqlite3_finalize);
  g_clear_pointer (&imports, sqlite3_finalize);
  if (self->db != NULL && !sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  return ok;
}

/* Removing and counting */

/**
 * gw_workspace_remove_import:
 * @self: a workspace open for writing
 * @dataset: the dataset that has @import
 * @import: an import loaded from or stored in the workspace
 * @error: NOT_STORED when the workspace does not have it; READ_ONLY, BUSY, ...
 *
 * Deletes the import from the workspace (one transaction), then removes it
 * from @dataset, where what it superseded is current again; on the next
 * load it is not there and what it superseded is current.
 *
 * Returns: TRUE when removed from both
 */
