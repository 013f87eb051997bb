/* gw-workspace.c: opening a workspace, its schema, errors and targets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The schema, version 4 (PRAGMA user_version; application_id 'Gapw'):
 *
 *   imports            one row per stored import, id = import order
 *   import_original    the original file, gzip, in chunks of up to 8 MiB
 *   import_groups      the import's dictionaries: every group, area, deaths
 *   import_areas         basis and indicator its records use or it declares,
 *   import_bases         with the number its keys give it (see
 *   import_indicators    gw-workspace-imports.c); declared = 1 when the
 *   import_causes        export declares it (causes: version 3)
 *   import_records     the rows of each kind as packed little-endian BLOBs
 *                      of up to 2^20 rows
 *   import_warnings    the warnings' texts that were kept (at most 100)
 *   import_mappings    the user's SDMX-ML mapping an import was read by: its
 *                      name and key file (version 4)
 *   targets            the user's targets: id and the tracker's text of each
 *                      (version 1: one column per field)
 *
 * Version 3 keeps declared causes (import_causes) and deciles of values; its
 * keys only add bits to version 2's (gw-workspace-codec.c), so upgrading
 * adds the table and rewrites no record.  Version 4 adds import_mappings
 * the same way.
 *
 * Every import-owned table refers to imports (ON DELETE CASCADE), so removing
 * an import is one DELETE.  Version 0 is the layout of the development
 * snapshots that kept only targets (table gw_targets); migrating makes a
 * backup copy first.  The store knows no target: app/tracker writes and
 * reads their texts.
 */
#include "gw-config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "gw-workspace-private.h"

/* 'Gapw': tells a Gapwatch workspace from any other SQLite file. */
#define GW_WORKSPACE_APPLICATION_ID 0x47617077
#define GW_WORKSPACE_BUSY_TIMEOUT_MS 5000
/* Big records BLOBs read faster with big pages. */
#define GW_WORKSPACE_PAGE_SIZE 16384

G_DEFINE_FINAL_TYPE (GwWorkspace, gw_workspace, G_TYPE_OBJECT)

G_DEFINE_QUARK (gw-workspace-error-quark, gw_workspace_error)

/* The tables of imports, the same in versions 1 and 2. */
static const char schema_imports[] =
  "CREATE TABLE imports ("
  "  id            INTEGER PRIMARY KEY,"
  "  export_id     TEXT NOT NULL UNIQUE,"
  "  file          TEXT NOT NULL,"            /* the path as given at import */
  "  file_name     TEXT NOT NULL,"            /* its basename */
  "  sha256        TEXT NOT NULL,"            /* of the file's bytes */
  "  generated     TEXT,"                     /* ISO 8601 with offset */
  "  version       TEXT,"
  "  publisher     TEXT,"
  "  title         TEXT,"
  "  imported_at   TEXT NOT NULL,"            /* ISO 8601 UTC */
  "  n_deaths      INTEGER NOT NULL,"
  "  n_population  INTEGER NOT NULL,"
  "  n_births      INTEGER NOT NULL,"
  "  n_values      INTEGER NOT NULL,"
  "  revisions     INTEGER NOT NULL,"
  "  n_warnings    INTEGER NOT NULL,"
  "  original_size INTEGER NOT NULL,"         /* bytes of the file */
  "  original_gzip INTEGER NOT NULL"          /* 1: the file was gzip, kept as it was */
  ");"
  "CREATE INDEX imports_sha256 ON imports (sha256);"
  "CREATE TABLE import_original ("
  "  import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,"
  "  chunk     INTEGER NOT NULL,"
  "  data      BLOB NOT NULL,"
  "  PRIMARY KEY (import_id, chunk)"
  ");"
  "CREATE TABLE import_groups ("
  "  import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,"
  "  number    INTEGER NOT NULL,"
  "  group_id  TEXT NOT NULL,"
  "  declared  INTEGER NOT NULL,"
  "  name      TEXT,"
  "  PRIMARY KEY (import_id, number)"
  ") WITHOUT ROWID;"
  "CREATE TABLE import_areas ("
  "  import_id  INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,"
  "  number     INTEGER NOT NULL,"
  "  code       TEXT NOT NULL,"
  "  declared   INTEGER NOT NULL,"
  "  name       TEXT,"
  "  type       TEXT NOT NULL,"
  "  parent     TEXT,"                        /* area code */
  "  groups     TEXT,"                        /* group ids, space-separated */
  "  imd_decile INTEGER NOT NULL,"            /* 0: not given */
  "  PRIMARY KEY (import_id, number)"
  ") WITHOUT ROWID;"
  "CREATE TABLE import_bases ("
  "  import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,"
  "  number    INTEGER NOT NULL,"
  "  name      TEXT NOT NULL,"
  "  PRIMARY KEY (import_id, number)"
  ") WITHOUT ROWID;"
  "CREATE TABLE import_indicators ("
  "  import_id    INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,"
  "  number       INTEGER NOT NULL,"
  "  indicator_id TEXT NOT NULL,"
  "  declared     INTEGER NOT NULL,"
  "  name         TEXT,"
  "  unit         TEXT,"
  "  polarity     TEXT NOT NULL,"
  "  PRIMARY KEY (import_id, number)"
  ") WITHOUT ROWID;"
  "CREATE TABLE import_records ("
  "  import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,"
  "  kind      TEXT NOT NULL CHECK (kind IN ('deaths', 'population', 'births', 'values')),"
  "  chunk     INTEGER NOT NULL,"
  "  n_rows    INTEGER NOT NULL,"
  "  data      BLOB NOT NULL,"
  "  PRIMARY KEY (import_id, kind, chunk)"
  ");"
  "CREATE TABLE import_warnings ("
  "  import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,"
  "  number    INTEGER NOT NULL,"
  "  message   TEXT NOT NULL,"
  "  PRIMARY KEY (import_id, number)"
  ") WITHOUT ROWID;";

/* Version 3: the causes an import declares or its records use, beyond the
 * built-in ones (whose numbers are fixed: GwCause). */
static const char schema_causes[] =
  "CREATE TABLE IF NOT EXISTS import_causes ("
  "  import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,"
  "  number    INTEGER NOT NULL,"
  "  cause_id  TEXT NOT NULL,"
  "  declared  INTEGER NOT NULL,"
  "  name      TEXT,"
  "  icd10     TEXT,"                         /* codes and ranges, space-separated */
  "  parent    TEXT,"                         /* cause id */
  "  PRIMARY KEY (import_id, number)"
  ") WITHOUT ROWID;";

/* Version 4: the user's SDMX-ML mapping an import was read by, so that a
 * workspace opened elsewhere reads similar files the same way. */
static const char schema_mappings[] =
  "CREATE TABLE IF NOT EXISTS import_mappings ("
  "  import_id INTEGER PRIMARY KEY REFERENCES imports (id) ON DELETE CASCADE,"
  "  name      TEXT NOT NULL,"
  "  text      TEXT NOT NULL"                 /* the key file (gw-sdmx-mapping.c) */
  ");";

/* Version 1 kept each target field in a column; version 2 keeps the
 * tracker's text of each, so the store needs not know what a target is. */
static const char targets_v1[] =
  "CREATE TABLE targets ("
  "  name          TEXT PRIMARY KEY,"
  "  title         TEXT,"
  "  indicator     TEXT,"
  "  group_id      TEXT,"
  "  comparator    TEXT,"                     /* area code; NULL: the country */
  "  gap           TEXT NOT NULL,"            /* relative, absolute */
  "  baseline      TEXT,"                     /* period, as in exports */
  "  target_period TEXT,"
  "  reduction     REAL NOT NULL,"            /* fraction: 0.10 */
  "  sexes         INTEGER NOT NULL,"         /* bit mask of 1 << GwSex */
  "  method        TEXT NOT NULL,"            /* linear, latest, holt */
  "  polarity      TEXT NOT NULL,"            /* none: the indicator's */
  "  saved_at      TEXT NOT NULL"
  ") WITHOUT ROWID;";

static const char targets_v2[] =
  "CREATE TABLE targets ("
  "  id       TEXT PRIMARY KEY,"
  "  text     TEXT NOT NULL,"                 /* gw_target_serialize() */
  "  saved_at TEXT NOT NULL"                  /* ISO 8601 UTC */
  ") WITHOUT ROWID;";

/* Errors */

GwWorkspaceError
_gw_workspace_error_code (int rc,
                          int sys_errno)
{
  switch (rc & 0xff)
    {
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return GW_WORKSPACE_ERROR_READ_ONLY;
    case SQLITE_FULL:
      return GW_WORKSPACE_ERROR_FULL;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return GW_WORKSPACE_ERROR_BUSY;
    case SQLITE_CORRUPT:
      return GW_WORKSPACE_ERROR_CORRUPT;
    case SQLITE_NOTADB:
      return GW_WORKSPACE_ERROR_NOT_WORKSPACE;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      /* SQLite reports a write cut short by a file size limit (EFBIG) or a
       * full quota as an I/O error; they are a full disk to the user. */
      if (sys_errno == ENOSPC || sys_errno == EFBIG || sys_errno == EDQUOT)
        return GW_WORKSPACE_ERROR_FULL;
      if (sys_errno == EACCES || sys_errno == EPERM || sys_errno == EROFS)
        return GW_WORKSPACE_ERROR_READ_ONLY;
      return GW_WORKSPACE_ERROR_FAILED;
    default:
      return GW_WORKSPACE_ERROR_FAILED;
    }
}

static const char *
error_reason (GwWorkspaceError  code,
              sqlite3          *db,
              int               rc)
{
  switch (code)
    {
    case GW_WORKSPACE_ERROR_READ_ONLY:
      return _("the file or its folder is read-only");
    case GW_WORKSPACE_ERROR_FULL:
      return _("there is no space left on the disk");
    case GW_WORKSPACE_ERROR_BUSY:
      return _("another program is writing to the workspace; try again when it has finished");
    case GW_WORKSPACE_ERROR_CORRUPT:
      return _("the file is damaged");
    case GW_WORKSPACE_ERROR_NOT_WORKSPACE:
      return _("the file is not a Gapwatch workspace");
    default:
      return db != NULL && sqlite3_errcode (db) == rc ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
    }
}

void
_gw_workspace_set_error (GwWorkspace  *self,
                         int           rc,
                         GError      **error,
                         const char   *what)
{
  sqlite3 *db = self != NULL ? self->db : NULL;
  int sys_errno = db != NULL ? sqlite3_system_errno (db) : 0;
  GwWorkspaceError code = _gw_workspace_error_code (rc, sys_errno);

  g_set_error (error, GW_WORKSPACE_ERROR, code, "%s: %s", what, error_reason (code, db, rc));
}

/* Statements */

gboolean
_gw_workspace_exec (GwWorkspace  *self,
                    const char   *sql,
                    GError      **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      g_autofree char *what = g_strdup_printf (_("Cannot use the workspace %s"), self->path);

      _gw_workspace_set_error (self, rc, error, what);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
_gw_workspace_prepare (GwWorkspace  *self,
                       const char   *sql,
                       GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      g_autofree char *what = g_strdup_printf (_("Cannot read the workspace %s"), self->path);

      _gw_workspace_set_error (self, rc, error, what);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

gboolean
_gw_workspace_begin (GwWorkspace  *self,
                     GError      **error)
{
  return _gw_workspace_check_writable (self, error)
         && _gw_workspace_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
_gw_workspace_commit (GwWorkspace  *self,
                      GError      **error)
{
  return _gw_workspace_exec (self, "COMMIT", error);
}

void
_gw_workspace_rollback (GwWorkspace *self)
{
  if (self->db != NULL && !sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
_gw_workspace_check_writable (GwWorkspace  *self,
                              GError      **error)
{
  if (self->db == NULL)
    {
      g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_FAILED,
                   _("The workspace %s is closed"), self->path);
      return FALSE;
    }
  if (self->read_only)
    {
      g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_READ_ONLY,
                   _("The workspace %s is open read-only"), self->path);
      return FALSE;
    }
  return TRUE;
}

void
_gw_workspace_test_stall (void)
{
  const char *path = g_getenv ("GW_WORKSPACE_TEST_STALL_FILE");
  gint64 until;

  if (path == NULL || *path == '\0')
    return;
  if (!g_file_set_contents (path, "", 0, NULL))
    return;
  until = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  while (g_file_test (path, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < until)
    g_usleep (10 * 1000);
}

/* One integer of a pragma or query, or -1 with error set. */
static gint64
query_int (GwWorkspace  *self,
           const char   *sql,
           int          *rc_out,
           GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  gint64 value = -1;

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          value = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
      else if (rc == SQLITE_DONE)
        {
          value = 0;
          rc = SQLITE_OK;
        }
    }
  if (rc_out != NULL)
    *rc_out = rc;
  if (rc != SQLITE_OK)
    {
      g_autofree char *what = g_strdup_printf (_("Cannot open the workspace %s"), self->path);

      _gw_workspace_set_error (self, rc, error, what);
      return -1;
    }
  return value;
}

/* Schema and migrations */

static gboolean
set_pragmas (GwWorkspace  *self,
             GError      **error)
{
  g_autofree char *pragmas = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                                              GW_WORKSPACE_APPLICATION_ID,
                                              GW_WORKSPACE_SCHEMA_VERSION);

  return _gw_workspace_exec (self, pragmas, error);
}

static gboolean
create_schema (GwWorkspace  *self,
               GError      **error)
{
  return _gw_workspace_exec (self, schema_imports, error)
         && _gw_workspace_exec (self, schema_causes, error)
         && _gw_workspace_exec (self, schema_mappings, error)
         && _gw_workspace_exec (self, targets_v2, error)
         && set_pragmas (self, error);
}

/* Version 0 kept targets only: gw_targets (name, indicator, group_id,
 * baseline, target_period, reduction).  Version 1 keeps them in targets
 * with every field; the others get a new target's defaults (relative gap,
 * men and women, linear projection, the indicator's polarity). */
static gboolean
migrate_0_to_1 (GwWorkspace  *self,
                GError      **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);
  g_autofree char *copy = NULL;

  copy = g_strdup_printf ("INSERT INTO targets (name, title, indicator, group_id, comparator, gap,"
                          "  baseline, target_period, reduction, sexes, method, polarity, saved_at)"
                          " SELECT name, NULL, indicator, group_id, NULL, 'relative', baseline, target_period,"
                          "  COALESCE (reduction, 0.1), %u, 'linear', '', '%s' FROM gw_targets;"
                          "DROP TABLE gw_targets;",
                          (1u << GW_SEX_MALE) | (1u << GW_SEX_FEMALE), stamp);
  return _gw_workspace_exec (self, schema_imports, error)
         && _gw_workspace_exec (self, targets_v1, error)
         && _gw_workspace_exec (self, copy, error);
}

/* Writes a version-1 targets row as the tracker's text (gw-target.c,
 * gw_target_serialize: a GKeyFile, group [Target], Version=1; a NULL field
 * has no key): the one place the store writes that format. */
static char *
target_text_from_v1 (sqlite3_stmt *row)
{
  static const struct { int column; const char *key; } strings[] = {
    { 0, "Name" }, { 1, "Title" }, { 2, "Indicator" }, { 3, "Group" }, { 4, "Comparator" },
    { 5, "Gap" }, { 6, "Baseline" }, { 7, "TargetPeriod" }, { 10, "Method" }, { 11, "Polarity" },
  };
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  const char *sexes[4];
  gsize n_sexes = 0;
  guint mask = (guint) sqlite3_column_int64 (row, 9);

  g_key_file_set_integer (kf, "Target", "Version", 1);
  for (gsize i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      const char *text = (const char *) sqlite3_column_text (row, strings[i].column);

      /* bytes a v1 file held that are not UTF-8 would make the text unreadable */
      if (text != NULL && *text != '\0' && g_utf8_validate (text, -1, NULL))
        g_key_file_set_string (kf, "Target", strings[i].key, text);
    }
  g_key_file_set_string (kf, "Target", "Reduction",
                         g_ascii_formatd (number, sizeof number, "%.17g", sqlite3_column_double (row, 8)));
  for (guint sex = GW_SEX_MALE; sex <= GW_SEX_PERSONS; sex++)
    if (mask & (1u << sex))
      sexes[n_sexes++] = gw_sex_to_string (sex);
  sexes[n_sexes] = NULL;
  g_key_file_set_string_list (kf, "Target", "Sexes", sexes, n_sexes);
  return g_key_file_to_data (kf, NULL, NULL);
}

/* Version 2 keeps each target as the tracker's text (id, text). */
static gboolean
migrate_1_to_2 (GwWorkspace  *self,
                GError      **error)
{
  g_autoptr(sqlite3_stmt) rows = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  int rc;

  if (!_gw_workspace_exec (self, "ALTER TABLE targets RENAME TO targets_v1", error)
      || !_gw_workspace_exec (self, targets_v2, error))
    return FALSE;
  rows = _gw_workspace_prepare (self, "SELECT name, title, indicator, group_id, comparator, gap, baseline,"
                                "  target_period, reduction, sexes, method, polarity, saved_at"
                                " FROM targets_v1", error);
  insert = rows == NULL ? NULL
         : _gw_workspace_prepare (self, "INSERT INTO targets (id, text, saved_at) VALUES (?, ?, ?)", error);
  if (insert == NULL)
    return FALSE;
  while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
    {
      g_autofree char *text = target_text_from_v1 (rows);

      sqlite3_bind_value (insert, 1, sqlite3_column_value (rows, 0));
      sqlite3_bind_text (insert, 2, text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_value (insert, 3, sqlite3_column_value (rows, 12));
      rc = sqlite3_step (insert);
      sqlite3_reset (insert);
      if (rc != SQLITE_DONE)
        break;
    }
  if (rc != SQLITE_DONE)
    {
      g_autofree char *what = g_strdup_printf (_("Cannot upgrade the workspace %s"), self->path);

      _gw_workspace_set_error (self, rc, error, what);
      return FALSE;
    }
  g_clear_pointer (&rows, sqlite3_finalize);
  g_clear_pointer (&insert, sqlite3_finalize);
  return _gw_workspace_exec (self, "DROP TABLE targets_v1", error) && set_pragmas (self, error);
}

/* Version 3 adds the causes table; the records stay as they are. */
static gboolean
migrate_2_to_3 (GwWorkspace  *self,
                GError      **error)
{
  return _gw_workspace_exec (self, schema_causes, error) && set_pragmas (self, error);
}

/* Version 4 adds the mappings table; the records stay as they are. */
static gboolean
migrate_3_to_4 (GwWorkspace  *self,
                GError      **error)
{
  return _gw_workspace_exec (self, schema_mappings, error) && set_pragmas (self, error);
}

typedef gboolean (*GwMigration) (GwWorkspace *self, GError **error);

/* migrations[v] takes a workspace from schema version v to v + 1. */
static const GwMigration migrations[GW_WORKSPACE_SCHEMA_VERSION] = {
  migrate_0_to_1,
  migrate_1_to_2,
  migrate_2_to_3,
  migrate_3_to_4,
};

/* Whether the file holds tables at all (a new file holds none). */
static gint64
count_tables (GwWorkspace  *self,
              GError      **error)
{
  return query_int (self, "SELECT count(*) FROM sqlite_master WHERE type = 'table'", NULL, error);
}

/* The schema version of a file, telling version 0 (gw_targets) from a new
 * empty file (-2) and from another program's database (-3). */
static gint64 schema_version_read (GwWorkspace *self, GError **error);

/* Read in one transaction: another program creating the same new file
 * between two of the reads would otherwise make it look foreign. */
static gint64
schema_version (GwWorkspace  *self,
                GError      **error)
{
  gboolean own = sqlite3_get_autocommit (self->db) != 0;
  gint64 version;

  if (own && !_gw_workspace_exec (self, "BEGIN", error))
    return -1;
  version = schema_version_read (self, error);
  if (own)
    _gw_workspace_exec (self, "COMMIT", NULL);
  return version;
}

static gint64
schema_version_read (GwWorkspace  *self,
                     GError      **error)
{
  gint64 app_id, version, tables;
  int rc;

  /* Both are signed 32-bit numbers in the file's header: -1 there is a value
   * (no Gapwatch writes it), not an error, so tell them apart by rc. */
  app_id = query_int (self, "PRAGMA application_id", &rc, error);
  if (rc != SQLITE_OK)
    return -1;
  version = query_int (self, "PRAGMA user_version", &rc, error);
  if (rc != SQLITE_OK)
    return -1;
  if (app_id < 0 || version < 0)
    return -3;
  if (app_id == GW_WORKSPACE_APPLICATION_ID)
    return version;
  if (app_id != 0 || version != 0)
    return -3;
  tables = count_tables (self, error);
  if (tables < 0)
    return -1;
  if (tables == 0)
    return -2;
  tables = query_int (self, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'gw_targets'",
                      NULL, error);
  if (tables < 0)
    return -1;
  return tables == 1 ? 0 : -3;
}

/* Copies the whole database to a new file next to it, before a migration. */
static gboolean
backup (GwWorkspace  *self,
        gint64        version,
        GError      **error)
{
  g_autofree char *path = g_strdup_printf ("%s.v%" G_GINT64_FORMAT ".bak", self->path, version);
  sqlite3 *dest = NULL;
  sqlite3_backup *b;
  int rc;

  for (guint n = 1; g_file_test (path, G_FILE_TEST_EXISTS); n++)
    {
      g_free (path);
      path = g_strdup_printf ("%s.v%" G_GINT64_FORMAT ".%u.bak", self->path, version, n);
    }

  rc = sqlite3_open_v2 (path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      b = sqlite3_backup_init (dest, "main", self->db, "main");
      if (b == NULL)
        rc = sqlite3_errcode (dest);
      else
        {
          rc = sqlite3_backup_step (b, -1);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
          sqlite3_backup_finish (b);
          if (rc == SQLITE_OK)
            rc = sqlite3_errcode (dest);
        }
    }
  if (rc != SQLITE_OK)
    {
      int sys_errno = dest != NULL ? sqlite3_system_errno (dest) : 0;
      GwWorkspaceError code = _gw_workspace_error_code (rc, sys_errno);

      g_set_error (error, GW_WORKSPACE_ERROR, code,
                   _("Cannot open the workspace %s: it needs upgrading from version %d, "
                     "and its backup copy %s cannot be written: %s"),
                   self->path, (int) version, path, error_reason (code, dest, rc));
      sqlite3_close (dest);
      g_unlink (path);
      return FALSE;
    }
  sqlite3_close (dest);
  self->backup_path = g_steal_pointer (&path);
  return TRUE;
}

/* Creates the schema of a new file, or migrates an older one, in one
 * transaction, checking the version again under the write lock: another
 * program may have done it meanwhile. */
static gboolean
upgrade (GwWorkspace  *self,
         GError      **error)
{
  gint64 version;

  if (!_gw_workspace_begin (self, error))
    return FALSE;

  version = schema_version (self, error);
  if (version > GW_WORKSPACE_SCHEMA_VERSION)
    {
      g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_NEWER,
                   _("Cannot open the workspace %s: it was written by a newer Gapwatch "
                     "(workspace version %d; this version reads up to version %d). "
                     "Update Gapwatch to open it; the file was not changed."),
                   self->path, (int) version, GW_WORKSPACE_SCHEMA_VERSION);
      goto fail;
    }
  if (version == -2)
    {
      if (!create_schema (self, error))
        goto fail;
    }
  else if (version >= 0 && version < GW_WORKSPACE_SCHEMA_VERSION)
    {
      for (gint64 v = version; v < GW_WORKSPACE_SCHEMA_VERSION; v++)
        if (!migrations[v] (self, error))
          goto fail;
      if (!_gw_workspace_exec (self, "PRAGMA user_version = " G_STRINGIFY (GW_WORKSPACE_SCHEMA_VERSION), error))
        goto fail;
    }
  else if (version < 0)
    goto fail;

  if (!_gw_workspace_commit (self, error))
    goto fail;
  return TRUE;

fail:
  if (error != NULL && *error == NULL)
    g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_NOT_WORKSPACE,
                 _("Cannot open %s: the file is not a Gapwatch workspace"), self->path);
  _gw_workspace_rollback (self);
  return FALSE;
}

/* For a read-only folder: SQLite cannot create the -shm file a WAL database
 * needs, so read the file as immutable (nothing can write it there). */
static int
reopen_immutable (GwWorkspace *self)
{
  g_autofree char *escaped = g_uri_escape_string (self->path, "/", FALSE);
  g_autofree char *uri = g_strdup_printf ("file:%s?immutable=1", escaped);

  sqlite3_close (self->db);
  self->db = NULL;
  return sqlite3_open_v2 (uri, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
}

static gboolean
setup (GwWorkspace           *self,
       GwWorkspaceOpenFlags   flags,
       GError               **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *wal_path = g_strconcat (self->path, "-wal", NULL);
  gint64 version;

  version = schema_version (self, &local);
  if (version == -1 && self->read_only
      && !g_error_matches (local, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_NOT_WORKSPACE)
      && !g_file_test (wal_path, G_FILE_TEST_EXISTS))
    {
      int rc;

      g_clear_error (&local);
      rc = reopen_immutable (self);
      if (rc != SQLITE_OK)
        {
          g_autofree char *what = g_strdup_printf (_("Cannot open the workspace %s"), self->path);
          _gw_workspace_set_error (self, rc, error, what);
          return FALSE;
        }
      version = schema_version (self, &local);
    }
  if (version == -1)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (version == -3)
    {
      g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_NOT_WORKSPACE,
                   _("Cannot open %s: the file is not a Gapwatch workspace"), self->path);
      return FALSE;
    }
  if (version > GW_WORKSPACE_SCHEMA_VERSION)
    {
      g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_NEWER,
                   _("Cannot open the workspace %s: it was written by a newer Gapwatch "
                     "(workspace version %d; this version reads up to version %d). "
                     "Update Gapwatch to open it; the file was not changed."),
                   self->path, (int) version, GW_WORKSPACE_SCHEMA_VERSION);
      return FALSE;
    }

  if (self->read_only)
    {
      if (version == -2)
        {
          g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_NOT_WORKSPACE,
                       _("Cannot open %s: the file is empty, not a Gapwatch workspace"), self->path);
          return FALSE;
        }
      if (version < GW_WORKSPACE_SCHEMA_VERSION)
        {
          g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_READ_ONLY,
                       _("Cannot open the workspace %s read-only: it needs upgrading from version %d "
                         "to %d; open it once where it can be written"),
                       self->path, (int) version, GW_WORKSPACE_SCHEMA_VERSION);
          return FALSE;
        }
      return _gw_workspace_exec (self, "PRAGMA foreign_keys = ON", error);
    }

  if (version >= 0 && version < GW_WORKSPACE_SCHEMA_VERSION && !backup (self, version, error))
    return FALSE;

  /* Page size and auto-vacuum only take effect before the first table, and
   * the page size not at all once the file is in WAL mode. */
  if (version == -2
      && !_gw_workspace_exec (self,
                              "PRAGMA page_size = " G_STRINGIFY (GW_WORKSPACE_PAGE_SIZE) ";"
                              "PRAGMA auto_vacuum = INCREMENTAL;", error))
    return FALSE;

  {
    g_autoptr(sqlite3_stmt) stmt = _gw_workspace_prepare (self, "PRAGMA journal_mode = WAL", error);
    int rc;

    if (stmt == NULL)
      return FALSE;
    rc = sqlite3_step (stmt);
    if (rc != SQLITE_ROW)
      {
        g_autofree char *what = g_strdup_printf (_("Cannot open the workspace %s"), self->path);
        _gw_workspace_set_error (self, rc, error, what);
        return FALSE;
      }
    if (g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") != 0)
      {
        g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_FAILED,
                     _("Cannot open the workspace %s: its journal cannot be switched to WAL"),
                     self->path);
        return FALSE;
      }
  }

  /* A large import leaves a large -wal file; keep at most 64 MiB of it. */
  if (!_gw_workspace_exec (self, "PRAGMA foreign_keys = ON; PRAGMA journal_size_limit = 67108864;", error))
    return FALSE;

  if (version != GW_WORKSPACE_SCHEMA_VERSION && !upgrade (self, error))
    return FALSE;

  return TRUE;
}

/* Object */

static void
gw_workspace_finalize (GObject *object)
{
  GwWorkspace *self = GW_WORKSPACE (object);

  gw_workspace_close (self);
  g_free (self->path);
  g_free (self->backup_path);

  G_OBJECT_CLASS (gw_workspace_parent_class)->finalize (object);
}

static void
gw_workspace_class_init (GwWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gw_workspace_finalize;
}

static void
gw_workspace_init (GwWorkspace *self)
{
}

/* Public API */

char *
gw_workspace_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "gapwatch", "workspace.gwdb", NULL);
}

static GwWorkspaceError
errno_code (int saved)
{
  if (saved == ENOSPC || saved == EDQUOT || saved == EFBIG)
    return GW_WORKSPACE_ERROR_FULL;
  if (saved == EACCES || saved == EPERM || saved == EROFS)
    return GW_WORKSPACE_ERROR_READ_ONLY;
  return GW_WORKSPACE_ERROR_FAILED;
}

/* A folder, a device or a FIFO is refused before SQLite opens it: SQLite
 * would say only "disk I/O error", and opening a FIFO would wait for a
 * writer forever.  stat() opens nothing.  A missing file is for the caller. */
static gboolean
check_regular_file (const char  *path,
                    GError     **error)
{
  GStatBuf st;
  const char *what;
  g_autofree char *display = NULL;

  if (g_stat (path, &st) != 0 || S_ISREG (st.st_mode))
    return TRUE;
  if (S_ISDIR (st.st_mode))
    what = _("it is a folder");
  else if (S_ISFIFO (st.st_mode))
    what = _("it is a named pipe (FIFO)");
  else if (S_ISCHR (st.st_mode) || S_ISBLK (st.st_mode))
    what = _("it is a device");
  else
    what = _("it is a special file");
  display = g_filename_display_name (path);
  g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_NOT_WORKSPACE,
               _("Cannot open the workspace %s: %s, not a workspace file"), display, what);
  return FALSE;
}

/**
 * gw_workspace_open:
 * @path: the workspace file (conventionally *.gwdb)
 * @flags: whether to create it, whether to write
 * @error: NOT_FOUND, NOT_WORKSPACE, NEWER, READ_ONLY, FULL, BUSY, CORRUPT
 *
 * Returns: (transfer full): the open workspace, or NULL
 */
GwWorkspace *
gw_workspace_open (const char            *path,
                   GwWorkspaceOpenFlags   flags,
                   GError               **error)
{
  g_autoptr(GwWorkspace) self = NULL;
  gboolean read_only = (flags & GW_WORKSPACE_OPEN_READ_ONLY) != 0;
  int sql_flags, rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_regular_file (path, error))
    return NULL;
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (read_only || !(flags & GW_WORKSPACE_OPEN_CREATE))
        {
          g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_NOT_FOUND,
                       _("There is no workspace at %s"), path);
          return NULL;
        }
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;

          g_set_error (error, GW_WORKSPACE_ERROR, errno_code (saved),
                       _("Cannot create the workspace %s: cannot create the folder %s: %s"),
                       path, dir, g_strerror (saved));
          return NULL;
        }
    }

  self = g_object_new (GW_TYPE_WORKSPACE, NULL);
  self->path = g_strdup (path);
  self->read_only = read_only;

  sql_flags = read_only ? SQLITE_OPEN_READONLY
                        : SQLITE_OPEN_READWRITE | ((flags & GW_WORKSPACE_OPEN_CREATE) ? SQLITE_OPEN_CREATE : 0);
  rc = sqlite3_open_v2 (path, &self->db, sql_flags, NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *what = g_strdup_printf (_("Cannot open the workspace %s"), path);

      /* Creating in a folder that cannot be written: SQLite says only
       * "unable to open", so ask the folder. */
      if (!read_only && g_access (path, F_OK) != 0)
        {
          g_autofree char *dir = g_path_get_dirname (path);

          if (g_access (dir, W_OK) != 0)
            {
              int saved = errno;

              g_set_error (error, GW_WORKSPACE_ERROR, errno_code (saved),
                           _("Cannot create the workspace %s: %s"), path,
                           errno_code (saved) == GW_WORKSPACE_ERROR_READ_ONLY
                           ? _("the folder is read-only") : g_strerror (saved));
              return NULL;
            }
        }
      _gw_workspace_set_error (self, rc, error, what);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, GW_WORKSPACE_BUSY_TIMEOUT_MS);

  if (!setup (self, flags, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * gw_workspace_close:
 * @self: a workspace
 *
 * Closes the database; later calls fail with "is closed".  Idempotent.
 */
void
gw_workspace_close (GwWorkspace *self)
{
  g_return_if_fail (GW_IS_WORKSPACE (self));

  if (self->db == NULL)
    return;
  _gw_workspace_rollback (self);
  /* sqlite3_close_v2: statements a caller forgot do not keep it open. */
  sqlite3_close_v2 (self->db);
  self->db = NULL;
}

const char *
gw_workspace_get_path (GwWorkspace *self)
{
  g_return_val_if_fail (GW_IS_WORKSPACE (self), NULL);
  return self->path;
}

const char *
gw_workspace_get_backup_path (GwWorkspace *self)
{
  g_return_val_if_fail (GW_IS_WORKSPACE (self), NULL);
  return self->backup_path;
}

/**
 * gw_workspace_set_busy_timeout:
 * @self: a workspace
 * @msec: milliseconds a write waits for another program's lock (default 5000)
 */
void
gw_workspace_set_busy_timeout (GwWorkspace *self,
                               guint        msec)
{
  g_return_if_fail (GW_IS_WORKSPACE (self));
  if (self->db != NULL)
    sqlite3_busy_timeout (self->db, (int) MIN (msec, (guint) G_MAXINT));
}

/**
 * gw_workspace_check:
 * @self: a workspace
 * @error: CORRUPT with what the checks found
 *
 * Runs PRAGMA integrity_check and PRAGMA foreign_key_check.
 *
 * Returns: TRUE when the file is sound
 */
gboolean
gw_workspace_check (GwWorkspace  *self,
                    GError      **error)
{
  g_autoptr(sqlite3_stmt) integrity = NULL;
  g_autoptr(sqlite3_stmt) keys = NULL;
  const char *result;
  int rc;

  g_return_val_if_fail (GW_IS_WORKSPACE (self), FALSE);

  if (self->db == NULL)
    return _gw_workspace_check_writable (self, error);

  integrity = _gw_workspace_prepare (self, "PRAGMA integrity_check", error);
  if (integrity == NULL)
    return FALSE;
  rc = sqlite3_step (integrity);
  if (rc != SQLITE_ROW)
    {
      g_autofree char *what = g_strdup_printf (_("Cannot check the workspace %s"), self->path);
      _gw_workspace_set_error (self, rc, error, what);
      return FALSE;
    }
  result = (const char *) sqlite3_column_text (integrity, 0);
  if (g_strcmp0 (result, "ok") != 0)
    {
      g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_CORRUPT,
                   _("The workspace %s is damaged: %s"), self->path, result);
      return FALSE;
    }

  keys = _gw_workspace_prepare (self, "PRAGMA foreign_key_check", error);
  if (keys == NULL)
    return FALSE;
  rc = sqlite3_step (keys);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_CORRUPT,
                   _("The workspace %s is damaged: table %s refers to a missing row"),
                   self->path, (const char *) sqlite3_column_text (keys, 0));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      g_autofree char *what = g_strdup_printf (_("Cannot check the workspace %s"), self->path);
      _gw_workspace_set_error (self, rc, error, what);
      return FALSE;
    }
  return TRUE;
}

/* Deleting */

/**
 * gw_workspace_delete:
 * @path: a workspace file
 * @error: why it (or what SQLite keeps beside it) cannot be removed
 *
 * Removes the workspace file and the files SQLite keeps beside it (-wal,
 * -shm, -journal), as before a file is replaced by a new workspace or a
 * copy.  Nothing there is not an error.  Close every GwWorkspace open on
 * @path first.
 *
 * Returns: TRUE when nothing of the workspace is left at @path
 */
gboolean
gw_workspace_delete (const char  *path,
                     GError     **error)
{
  const char *suffixes[] = { "-wal", "-shm", "-journal" };
  GStatBuf st;

  g_return_val_if_fail (path != NULL && *path != '\0', FALSE);

  if (g_lstat (path, &st) == 0 && S_ISDIR (st.st_mode))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_NOT_WORKSPACE,
                   _("Cannot delete the workspace %s: it is a folder"), display);
      return FALSE;
    }
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, GW_WORKSPACE_ERROR, errno_code (saved),
                   _("Cannot delete the workspace %s: %s"), display,
                   errno_code (saved) == GW_WORKSPACE_ERROR_READ_ONLY
                   ? _("the file or its folder is read-only") : g_strerror (saved));
      return FALSE;
    }
  /* Left behind they would be taken for the next file of that name's own. */
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (side) != 0 && errno != ENOENT)
        {
          int saved = errno;
          g_autofree char *display = g_filename_display_name (side);

          g_set_error (error, GW_WORKSPACE_ERROR, errno_code (saved),
                       _("Cannot delete the workspace %s: %s"), display, g_strerror (saved));
          return FALSE;
        }
    }
  return TRUE;
}

/* Save as */

/* Whether path names the workspace's own file, by name or (through a link
 * or another spelling) by device and inode. */
static gboolean
is_own_file (GwWorkspace *self,
             const char  *path)
{
  g_autofree char *a = g_canonicalize_filename (self->path, NULL);
  g_autofree char *b = g_canonicalize_filename (path, NULL);
  GStatBuf own, other;

  if (g_strcmp0 (a, b) == 0)
    return TRUE;
  return g_stat (self->path, &own) == 0 && g_stat (path, &other) == 0
         && own.st_dev == other.st_dev && own.st_ino == other.st_ino;
}

/* Sets error from a failure on the copy's connection dest. */
static void
set_copy_error (GwWorkspace  *self,
                const char   *path,
                sqlite3      *dest,
                int           rc,
                GError      **error)
{
  int sys_errno = dest != NULL ? sqlite3_system_errno (dest) : 0;
  GwWorkspaceError code = _gw_workspace_error_code (rc, sys_errno);

  /* A failure reading the workspace itself is on its own connection. */
  if (code == GW_WORKSPACE_ERROR_FAILED && sys_errno == 0 && self->db != NULL
      && sqlite3_errcode (self->db) == rc)
    {
      code = _gw_workspace_error_code (rc, sqlite3_system_errno (self->db));
      dest = self->db;
    }
  g_set_error (error, GW_WORKSPACE_ERROR, code,
               _("Cannot save a copy of the workspace %s as %s: %s"),
               self->path, path, error_reason (code, dest, rc));
}

/* The single text row of a pragma on db, or NULL with *rc_out set. */
static char *
pragma_text (sqlite3    *db,
             const char *sql,
             int        *rc_out)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  char *text = NULL;

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          rc = SQLITE_OK;
        }
    }
  *rc_out = rc;
  return text;
}

/**
 * gw_workspace_save_as:
 * @self: an open workspace (read-only is enough)
 * @path: the copy; nothing may be there yet, and its folder must exist
 * @error: EXISTS when path exists or is this workspace; READ_ONLY, FULL,
 *   BUSY, CORRUPT, FAILED as for the other writes, with the reason in words
 *
 * Copies every page of the workspace into a new file with SQLite's online
 * backup (sqlite3_backup_step (-1): one read transaction, so the copy is one
 * consistent state even while another program writes), then switches the
 * copy to WAL mode and runs PRAGMA integrity_check on it.  On any failure
 * the partial copy is removed.  The workspace itself is not changed.
 *
 * Returns: TRUE when the copy is complete and sound
 */
gboolean
gw_workspace_save_as (GwWorkspace  *self,
                      const char   *path,
                      GError      **error)
{
  sqlite3 *dest = NULL;
  sqlite3_backup *backup_job;
  g_autofree char *mode = NULL;
  g_autofree char *integrity = NULL;
  int fd, rc;

  g_return_val_if_fail (GW_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (path != NULL && *path != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->db == NULL)
    {
      g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_FAILED,
                   _("The workspace %s is closed"), self->path);
      return FALSE;
    }
  if (is_own_file (self, path))
    {
      g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_EXISTS,
                   _("Cannot save a copy of the workspace %s as %s: that is the workspace itself"),
                   self->path, path);
      return FALSE;
    }

  /* O_EXCL: a file that appears after a check is never overwritten. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved = errno;

      if (saved == EEXIST)
        g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_EXISTS,
                     _("Cannot save a copy of the workspace %s as %s: a file of that name already exists"),
                     self->path, path);
      else
        g_set_error (error, GW_WORKSPACE_ERROR, errno_code (saved),
                     _("Cannot save a copy of the workspace %s as %s: %s"), self->path, path,
                     errno_code (saved) == GW_WORKSPACE_ERROR_READ_ONLY
                     ? _("the folder is read-only")
                     : errno_code (saved) == GW_WORKSPACE_ERROR_FULL
                     ? _("there is no space left on the disk") : g_strerror (saved));
      return FALSE;
    }
  close (fd);
  {
    /* Left by a database of that name that was deleted without them: they
     * are no one's, and would be taken for the copy's own. */
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_autofree char *journal = g_strconcat (path, "-journal", NULL);

    g_unlink (wal);
    g_unlink (shm);
    g_unlink (journal);
  }

  rc = sqlite3_open_v2 (path, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    goto fail;
  sqlite3_extended_result_codes (dest, 1);

  backup_job = sqlite3_backup_init (dest, "main", self->db, "main");
  if (backup_job == NULL)
    {
      rc = sqlite3_errcode (dest);
      goto fail;
    }
  rc = sqlite3_backup_step (backup_job, -1);
  /* finish gives the error of the step, if any, and releases the locks. */
  {
    int finish_rc = sqlite3_backup_finish (backup_job);

    if (rc == SQLITE_DONE)
      rc = finish_rc;
    else if (rc == SQLITE_OK)
      rc = SQLITE_ERROR;  /* step (-1) copies everything or fails */
  }
  if (rc != SQLITE_OK)
    goto fail;

  /* Check the copy as another program will find it: opened afresh. */
  rc = sqlite3_close (dest);
  if (rc != SQLITE_OK)
    goto fail;
  dest = NULL;
  rc = sqlite3_open_v2 (path, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    goto fail;
  sqlite3_extended_result_codes (dest, 1);

  mode = pragma_text (dest, "PRAGMA journal_mode = WAL", &rc);
  if (rc != SQLITE_OK)
    goto fail;
  if (g_ascii_strcasecmp (mode != NULL ? mode : "", "wal") != 0)
    {
      g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_FAILED,
                   _("Cannot save a copy of the workspace %s as %s: its journal cannot be switched to WAL"),
                   self->path, path);
      goto fail_set;
    }
  integrity = pragma_text (dest, "PRAGMA integrity_check", &rc);
  if (rc != SQLITE_OK)
    goto fail;
  if (g_strcmp0 (integrity, "ok") != 0)
    {
      g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_CORRUPT,
                   _("Cannot save a copy of the workspace %s as %s: the copy is damaged: %s"),
                   self->path, path, integrity != NULL ? integrity : "");
      goto fail_set;
    }

  /* Closing the last connection checkpoints the WAL into the file, so the
   * copy is one file that can be sent as it is. */
  rc = sqlite3_close (dest);
  if (rc != SQLITE_OK)
    goto fail;
  return TRUE;

fail:
  set_copy_error (self, path, dest, rc, error);
fail_set:
  sqlite3_close (dest);
  /* a copy that was not completed */
  gw_workspace_delete (path, NULL);
  return FALSE;
}

/* Targets */

void
gw_workspace_target_free (GwWorkspaceTarget *target)
{
  if (target == NULL)
    return;
  g_free (target->id);
  g_free (target->text);
  g_free (target);
}

/**
 * gw_workspace_list_targets:
 * @self: a workspace
 * @error: why they cannot be read
 *
 * The texts are as saved: untrusted, for gw_target_deserialize() to check.
 *
 * Returns: (transfer container) (element-type GwWorkspaceTarget): the saved
 *   targets, by id; NULL on error
 */
GPtrArray *
gw_workspace_list_targets (GwWorkspace  *self,
                           GError      **error)
{
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (GW_IS_WORKSPACE (self), NULL);

  if (self->db == NULL)
    {
      _gw_workspace_check_writable (self, error);
      return NULL;
    }

  stmt = _gw_workspace_prepare (self, "SELECT id, text FROM targets ORDER BY id", error);
  if (stmt == NULL)
    return NULL;

  targets = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_workspace_target_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GwWorkspaceTarget *t = g_new0 (GwWorkspaceTarget, 1);

      t->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      t->text = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      g_ptr_array_add (targets, t);
      if (t->id == NULL || t->text == NULL)
        {
          g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_CORRUPT,
                       _("Cannot read the targets of the workspace %s: the workspace is damaged: "
                         "a target without id or text"), self->path);
          return NULL;
        }
    }
  if (rc != SQLITE_DONE)
    {
      g_autofree char *what = g_strdup_printf (_("Cannot read the targets of the workspace %s"), self->path);
      _gw_workspace_set_error (self, rc, error, what);
      return NULL;
    }
  return g_steal_pointer (&targets);
}

/**
 * gw_workspace_save_target:
 * @self: a workspace
 * @id: the target's id; one of the same id is replaced
 * @text: the target as text (gw_target_serialize())
 * @error: READ_ONLY, FULL, BUSY, ...: nothing was changed
 *
 * Returns: TRUE when saved
 */
gboolean
gw_workspace_save_target (GwWorkspace  *self,
                          const char   *id,
                          const char   *text,
                          GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);
  int rc;

  g_return_val_if_fail (GW_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (id != NULL && text != NULL, FALSE);

  if (!_gw_workspace_check_writable (self, error))
    return FALSE;

  stmt = _gw_workspace_prepare (self, "INSERT OR REPLACE INTO targets (id, text, saved_at) VALUES (?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, stamp, -1, SQLITE_TRANSIENT);

  /* One statement is its own transaction. */
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      g_autofree char *what = g_strdup_printf (_("The target “%s” was not saved in the workspace %s"),
                                               id, self->path);
      _gw_workspace_set_error (self, rc, error, what);
      return FALSE;
    }
  return TRUE;
}

/**
 * gw_workspace_remove_target:
 * @self: a workspace
 * @id: the target's id
 * @error: NOT_STORED when there is none of that id; or why not
 *
 * Returns: TRUE when removed
 */
gboolean
gw_workspace_remove_target (GwWorkspace  *self,
                            const char   *id,
                            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (GW_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!_gw_workspace_check_writable (self, error))
    return FALSE;
  stmt = _gw_workspace_prepare (self, "DELETE FROM targets WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      g_autofree char *what = g_strdup_printf (_("The target “%s” was not removed from the workspace %s"),
                                               id, self->path);
      _gw_workspace_set_error (self, rc, error, what);
      return FALSE;
    }
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, GW_WORKSPACE_ERROR, GW_WORKSPACE_ERROR_NOT_STORED,
                   _("The workspace %s has no target “%s”"), self->path, id);
      return FALSE;
    }
  return TRUE;
}
