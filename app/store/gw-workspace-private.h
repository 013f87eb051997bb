/* gw-workspace-private.h: what the files of the workspace share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gw-workspace.c opens the database, keeps its schema (and migrations),
 * maps SQLite's errors to GwWorkspaceError and holds the targets;
 * gw-workspace-imports.c stores and loads imports.
 */
#pragma once

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
