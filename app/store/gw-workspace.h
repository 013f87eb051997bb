/* gw-workspace.h: the workspace, every import kept on disk between sessions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A workspace is one SQLite file (journal_mode=WAL, foreign_keys=ON, schema
 * version in PRAGMA user_version, application_id 'Gapw').  It keeps, for each
 * import, its header, its own dictionaries (the codes of the areas, groups,
 * deaths bases and indicators it declares or uses), its records as packed
 * little-endian BLOBs, its warnings and the original file (gzip), plus the
 * user's targets.  Opening a workspace rebuilds one GwBatch per stored import
 * and commits them in the original order, so the dataset (revisions,
 * numbering, history) is the one the imports gave, without reading any XML.
 *
 * Every change is one transaction (BEGIN IMMEDIATE … COMMIT): a crash, a kill,
 * a full disk or a read-only location leaves the workspace as it was.  Several
 * programs may open the same workspace; SQLite's locks serialise the writers
 * (busy timeout 5 s by default).
 *
 * A GwWorkspace is used from one thread, the one the dataset lives on.
 */
#pragma once

#include <gio/gio.h>

#include "model/gw-dataset.h"
#include "formats/gw-import-task.h"
#include "tracker/gw-target.h"

G_BEGIN_DECLS

/* The schema version this Gapwatch writes (PRAGMA user_version).  Older
 * workspaces are migrated after a backup copy; newer ones are refused. */
#define GW_WORKSPACE_SCHEMA_VERSION 1

#define GW_WORKSPACE_ERROR (gw_workspace_error_quark ())

typedef enum
{
  GW_WORKSPACE_ERROR_FAILED,         /* anything else; the message has SQLite's words */
  GW_WORKSPACE_ERROR_NOT_FOUND,      /* no workspace at the path (opened without CREATE) */
  GW_WORKSPACE_ERROR_NOT_WORKSPACE,  /* not an SQLite file, or another program's */
  GW_WORKSPACE_ERROR_NEWER,          /* written by a newer Gapwatch: schema version too high */
  GW_WORKSPACE_ERROR_READ_ONLY,      /* the file or its folder cannot be written */
  GW_WORKSPACE_ERROR_FULL,           /* no space left (disk full, quota, file size limit) */
  GW_WORKSPACE_ERROR_BUSY,           /* another program kept it locked past the busy timeout */
  GW_WORKSPACE_ERROR_CORRUPT,        /* the file is damaged */
  GW_WORKSPACE_ERROR_CONFLICT,       /* another export with the same id is stored */
  GW_WORKSPACE_ERROR_CHANGED,        /* the file changed between reading and storing it */
  GW_WORKSPACE_ERROR_NOT_STORED,     /* no such import in the workspace */
  GW_WORKSPACE_ERROR_EXISTS,         /* save as: a file is already there, or it is the workspace itself */
} GwWorkspaceError;

typedef enum
{
  GW_WORKSPACE_OPEN_DEFAULT   = 0,       /* an existing workspace, read and write */
  GW_WORKSPACE_OPEN_CREATE    = 1 << 0,  /* create it (and its folder) when missing */
  GW_WORKSPACE_OPEN_READ_ONLY = 1 << 1,  /* never write (also works in a read-only folder) */
} GwWorkspaceOpenFlags;

/* What happened to one file of gw_workspace_import_files(). */
typedef enum
{
  GW_WORKSPACE_FILE_STORED,          /* imported and stored */
  GW_WORKSPACE_FILE_ALREADY_STORED,  /* the workspace has this file (same SHA-256): nothing changed */
  GW_WORKSPACE_FILE_NOT_STORED,      /* could not be stored (see error); removed from the dataset again */
  GW_WORKSPACE_FILE_NOT_IMPORTED,    /* rejected, unreadable or cancelled: see the import result */
} GwWorkspaceFileStatus;

typedef struct
{
  GwWorkspaceFileStatus  status;
  GError                *error;    /* NOT_STORED: why; ALREADY_STORED: the message to show */
} GwWorkspaceFileResult;

#define GW_TYPE_WORKSPACE (gw_workspace_get_type ())
G_DECLARE_FINAL_TYPE (GwWorkspace, gw_workspace, GW, WORKSPACE, GObject)

GQuark        gw_workspace_error_quark        (void);

/* g_get_user_data_dir()/gapwatch/workspace.gwdb, e.g.
 * ~/.local/share/gapwatch/workspace.gwdb (newly allocated). */
char         *gw_workspace_default_path       (void);

/* Opens the workspace at path.  An older schema is migrated after a backup
 * copy (path + ".v<N>.bak"); a newer one gives GW_WORKSPACE_ERROR_NEWER and
 * the file is left untouched. */
GwWorkspace  *gw_workspace_open               (const char            *path,
                                               GwWorkspaceOpenFlags   flags,
                                               GError               **error);
/* Closes the database (also done when the last reference goes); idempotent. */
void          gw_workspace_close              (GwWorkspace           *self);
const char   *gw_workspace_get_path           (GwWorkspace           *self);
/* Path of the backup made when opening migrated an older schema, or NULL. */
const char   *gw_workspace_get_backup_path    (GwWorkspace           *self);
/* How long a write waits for another program's lock, in milliseconds. */
void          gw_workspace_set_busy_timeout   (GwWorkspace           *self,
                                               guint                  msec);

/* Commits every stored import into dataset, in the order they were imported.
 * Imports the dataset already has (same id and content) are skipped.  On an
 * error the imports before it stay in the dataset. */
gboolean      gw_workspace_load               (GwWorkspace           *self,
                                               GwDataset             *dataset,
                                               GCancellable          *cancellable,
                                               GError               **error);

/* Stores, as each is committed, the files a GwImportTask imports into
 * dataset: connect before the task runs.  A file already in the workspace
 * (same SHA-256) is not stored again.  A file that cannot be stored is removed
 * from dataset again, so the dataset shows what the workspace keeps. */
void          gw_workspace_watch_task         (GwWorkspace           *self,
                                               GwImportTask          *task,
                                               GwDataset             *dataset);
/* After a watched task has run: what happened to its index-th file. */
const GwWorkspaceFileResult *
              gw_workspace_get_file_result    (GwImportTask          *task,
                                               guint                  index);
/* A GwImportTask over paths, watched, run to its end (nested main loop).
 * Returns the finished task (per-file results with gw_import_task_get_result
 * and gw_workspace_get_file_result), or NULL when cancelled. */
GwImportTask *gw_workspace_import_files       (GwWorkspace           *self,
                                               GwDataset             *dataset,
                                               const char * const    *paths,
                                               GCancellable          *cancellable,
                                               GError               **error);
/* Removes an import from the workspace and then from the dataset: what it
 * superseded is current again.  Nothing changes when the workspace cannot. */
gboolean      gw_workspace_remove_import      (GwWorkspace           *self,
                                               GwDataset             *dataset,
                                               GwImport              *import,
                                               GError               **error);
/* Number of stored imports, or -1 with error set. */
gint          gw_workspace_count_imports      (GwWorkspace           *self,
                                               GError               **error);
/* Writes the original file of a stored import (by export id) to dest_path,
 * byte for byte as it was imported. */
gboolean      gw_workspace_save_original      (GwWorkspace           *self,
                                               const char            *export_id,
                                               const char            *dest_path,
                                               GError               **error);

/* Targets: GwTarget (free with gw_target_free), by name. */
GPtrArray    *gw_workspace_load_targets       (GwWorkspace           *self,
                                               GError               **error);
/* Adds or replaces the target of the same name. */
gboolean      gw_workspace_save_target        (GwWorkspace           *self,
                                               const GwTarget        *target,
                                               GError               **error);
gboolean      gw_workspace_remove_target      (GwWorkspace           *self,
                                               const char            *name,
                                               GError               **error);

/* Writes a complete copy of the workspace, as it is at this moment (one
 * read transaction: what another program commits meanwhile is in it
 * entirely or not at all), to a new file at path, with SQLite's online
 * backup; the copy is in WAL mode and passes PRAGMA integrity_check.
 * path must not exist (EXISTS; also when it is this workspace); nothing is
 * left at path on failure.  Works on a read-only workspace too. */
gboolean      gw_workspace_save_as            (GwWorkspace           *self,
                                               const char            *path,
                                               GError               **error);

/* PRAGMA integrity_check and foreign_key_check: TRUE when both find nothing. */
gboolean      gw_workspace_check              (GwWorkspace           *self,
                                               GError               **error);

G_END_DECLS
