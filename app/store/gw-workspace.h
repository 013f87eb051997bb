/* gw-workspace.h: the workspace, every import kept on disk between sessions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A workspace is one SQLite file (journal_mode=WAL, foreign_keys=ON, schema
 * version in PRAGMA user_version, application_id 'Gapw').  It keeps, for each
 * import, its header, its own dictionaries (the codes of the areas, groups,
 * deaths bases and indicators it declares or uses), its records as packed
 * little-endian BLOBs, its warnings and the original file (gzip), plus the
 * user's targets as opaque texts (app/tracker writes and reads them).  Opening a workspace rebuilds one GwBatch per stored import
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

G_BEGIN_DECLS

/* The schema version this Gapwatch writes (PRAGMA user_version).  Older
 * workspaces are migrated after a backup copy; newer ones are refused. */
#define GW_WORKSPACE_SCHEMA_VERSION 4

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

/* What happened to one file an import task imported into a workspace's
 * dataset (GwWorkspaceSink; app/session runs the task). */
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
 * Imports the dataset already has (same id and content) are skipped.  Every
 * record, name and count is checked as it is read (a workspace may come from
 * anyone): an import that fails gives CORRUPT, "… the workspace is damaged:
 * …" naming it, and nothing of it enters the dataset; the others load.
 * A damaged SDMX-ML mapping kept with an import is CORRUPT too, naming the
 * mapping, but costs the import only its mapping: the import loads.
 * Loading never writes to the file. */
gboolean      gw_workspace_load               (GwWorkspace           *self,
                                               GwDataset             *dataset,
                                               GCancellable          *cancellable,
                                               GError               **error);

/* Stores each import committed into dataset (GwDataset::import-committed)
 * while the sink lives, each in its own transaction.  A file already in the
 * workspace (same SHA-256) is not stored again.  The sink does not remove
 * an import it could not store: the caller does, after the commit returned
 * (gw_workspace_sink_get_result() says NOT_STORED), so the dataset shows
 * what the workspace keeps.  Imports gw_workspace_load() commits are not
 * stored again.  Nothing else may commit into dataset while it lives. */
typedef struct _GwWorkspaceSink GwWorkspaceSink;

GwWorkspaceSink *
              gw_workspace_sink_new           (GwWorkspace           *self,
                                               GwDataset             *dataset);
void          gw_workspace_sink_free          (GwWorkspaceSink       *sink);
/* What the sink did with an import committed while it lived: STORED,
 * ALREADY_STORED or NOT_STORED (with error); NULL when it saw no such import. */
const GwWorkspaceFileResult *
              gw_workspace_sink_get_result    (GwWorkspaceSink       *sink,
                                               GwImport              *import);
/* Whether the workspace keeps a file with this SHA-256 (hex). */
gboolean      gw_workspace_has_file           (GwWorkspace           *self,
                                               const char            *sha256,
                                               gboolean              *found,
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

/* Targets, kept as opaque texts by id (the tracker serialises them:
 * gw_target_serialize() and gw_target_deserialize()). */
typedef struct
{
  char *id;
  char *text;
} GwWorkspaceTarget;

void          gw_workspace_target_free        (GwWorkspaceTarget     *target);
/* (element-type GwWorkspaceTarget), by id; NULL on error. */
GPtrArray    *gw_workspace_list_targets       (GwWorkspace           *self,
                                               GError               **error);
/* Adds or replaces the target of the same id. */
gboolean      gw_workspace_save_target        (GwWorkspace           *self,
                                               const char            *id,
                                               const char            *text,
                                               GError               **error);
gboolean      gw_workspace_remove_target      (GwWorkspace           *self,
                                               const char            *id,
                                               GError               **error);

/* Removes a workspace file and what SQLite keeps beside it (-wal, -shm,
 * -journal): before a file is replaced.  Nothing there is no error. */
gboolean      gw_workspace_delete             (const char            *path,
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwWorkspaceSink, gw_workspace_sink_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwWorkspaceTarget, gw_workspace_target_free)

G_END_DECLS
