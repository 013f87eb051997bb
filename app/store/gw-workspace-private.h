/* gw-workspace-private.h: what the files of the workspace share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gw-workspace.c opens the database, keeps its schema (and migrations),
 * maps SQLite's errors to GwWorkspaceError and holds the targets;
 * gw-workspace-imports.c stores and loads imports.
 */
#pragma once

#include <string.h>

#include <sqlite3.h>

#include "gw-workspace.h"

G_BEGIN_DECLS

struct _GwWorkspace
{
  GObject    parent_instance;

  /* owned */
  sqlite3   *db;
  char      *path;
  char      *backup_path;
  gboolean   read_only;
  gboolean   loading;      /* in gw_workspace_load(): its commits are not stored again */
};

/* Sets error from the connection's last failure (rc is what the call
 * returned): the code from the kind of failure, the message "<what>: <reason>"
 * where reason says it in words a user can act on. */
void          _gw_workspace_set_error     (GwWorkspace  *self,
                                           int           rc,
                                           GError      **error,
                                           const char   *what);
/* The workspace error code for an SQLite result code and errno. */
GwWorkspaceError _gw_workspace_error_code (int           rc,
                                           int           sys_errno);

gboolean      _gw_workspace_exec          (GwWorkspace  *self,
                                           const char   *sql,
                                           GError      **error);
/* NULL with error set when the statement cannot be prepared. */
sqlite3_stmt *_gw_workspace_prepare       (GwWorkspace  *self,
                                           const char   *sql,
                                           GError      **error);
/* BEGIN IMMEDIATE: takes the write lock now (waiting up to the busy timeout),
 * so the transaction cannot fail later because another writer came first. */
gboolean      _gw_workspace_begin         (GwWorkspace  *self,
                                           GError      **error);
gboolean      _gw_workspace_commit        (GwWorkspace  *self,
                                           GError      **error);
/* Rolls back when a transaction is still open (SQLite may have ended it). */
void          _gw_workspace_rollback      (GwWorkspace  *self);
/* Refuses writes on a workspace opened read-only. */
gboolean      _gw_workspace_check_writable (GwWorkspace *self,
                                            GError     **error);

/* Test hook, inside the transaction that stores an import just
 * before COMMIT: when the environment variable GW_WORKSPACE_TEST_STALL_FILE
 * names a file, create it and wait (at most two minutes) until it is
 * deleted, so a test can kill the process or write from another one while
 * the transaction is open. */
void          _gw_workspace_test_stall    (void);

/* gw-workspace-codec.c: records on disk */
#define CHUNK_ROWS        (1u << 20)
#define ORIGINAL_CHUNK    (8u << 20)
#define READ_BLOCK        (1u << 20)
#define COUNT_ROW_BYTES   16
#define VALUE_ROW_BYTES   49

/* "deaths", "population", "births", "values": the kinds as stored */
extern const char *const _gw_workspace_kind_names[GW_N_RECORD_KINDS];

/* A key in the layout of schema version 1, from and to its fields. */
guint64       _gw_workspace_disk_key_encode (GwRecordKind       kind,
                                             const GwKeyFields *f);
void          _gw_workspace_disk_key_decode (GwRecordKind       kind,
                                             guint64            k,
                                             GwKeyFields       *f);
/* Whether the model packs keys as the disk does (keys are then copied). */
gboolean      _gw_workspace_model_layout_is_disk_layout (void);

/* Little-endian numbers of a stored row. */
static inline void
_gw_put_u64 (guint8 *p, guint64 v)
{
  v = GUINT64_TO_LE (v);
  memcpy (p, &v, 8);
}

static inline void
_gw_put_f64 (guint8 *p, double d)
{
  guint64 v;

  memcpy (&v, &d, 8);
  _gw_put_u64 (p, v);
}

static inline guint64
_gw_get_u64 (const guint8 *p)
{
  guint64 v;

  memcpy (&v, p, 8);
  return GUINT64_FROM_LE (v);
}

static inline double
_gw_get_f64 (const guint8 *p)
{
  guint64 v = _gw_get_u64 (p);
  double d;

  memcpy (&d, &v, 8);
  return d;
}

/* gw-workspace-load.c: the loader shares nothing but gw_workspace_load(). */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
