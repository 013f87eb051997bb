/* gw-session.h: what the window and every CLI command drive
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GwSession owns the dataset, the open workspace (if any), the indicators
 * computed from the dataset, the targets (the built-ins and those the
 * workspace keeps) and the tracker result of the selected target.  The
 * window shows what the session decides; the CLI asks it synchronously.
 *
 * The indicators are computed again whenever the dataset changes: in a
 * thread by gw_session_compute_async() (the window), or on first use by
 * gw_session_get_indicators() (the CLI).  "computing" is emitted when a
 * computation starts and ends (the "computing" property), "result-changed"
 * when the tracker result is new (or gone: NULL, with the error in
 * gw_session_get_result_error()), "targets-changed" when a target was
 * added, changed or removed.
 *
 * Once gw_session_compute_async() was called (the window), the result of an
 * SII target (GW_TARGET_MEASURE_SII: an SII per subject, sex and period,
 * each a simulation) is computed in a thread too: "result-changed" comes
 * first with no result and no error while "computing" is TRUE, then again
 * with the result.  gw_session_get_result() always computes at once.
 *
 * A session is used from one thread, the one its dataset lives on.
 */
#pragma once

#include <gio/gio.h>

#include "model/gw-dataset.h"
#include "methods/gw-gap-decomp.h"
#include "methods/gw-indicators.h"
#include "tracker/gw-target.h"
#include "tracker/gw-tracker-result.h"
#include "store/gw-workspace.h"
#include "formats/gw-import-task.h"

G_BEGIN_DECLS

#define GW_SESSION_ERROR (gw_session_error_quark ())

typedef enum
{
  GW_SESSION_ERROR_NO_TARGET,       /* no target of that id */
  GW_SESSION_ERROR_BUILT_IN,        /* a built-in target cannot be replaced or removed */
  GW_SESSION_ERROR_NO_WORKSPACE,    /* targets are kept in a workspace: none is open */
  GW_SESSION_ERROR_INVALID,         /* the target is not complete or not valid */
} GwSessionError;

#define GW_TYPE_SESSION (gw_session_get_type ())
G_DECLARE_FINAL_TYPE (GwSession, gw_session, GW, SESSION, GObject)

GQuark            gw_session_error_quark      (void);

/* A session over a new, empty dataset and no workspace. */
GwSession        *gw_session_new              (void);

GwDataset        *gw_session_get_dataset      (GwSession      *self);
/* Replaces the dataset (another workspace was opened): the indicators and the
 * result are computed again. */
void              gw_session_set_dataset      (GwSession      *self,
                                               GwDataset      *dataset);

/* The workspace, or NULL.  Setting it does not load it (see
 * gw_session_open_workspace); the targets are read from it. */
GwWorkspace      *gw_session_get_workspace    (GwSession      *self);
void              gw_session_set_workspace    (GwSession      *self,
                                               GwWorkspace    *workspace);
/* Opens the workspace at path with flags and loads its imports into the
 * dataset.  Nothing changes on failure. */
gboolean          gw_session_open_workspace   (GwSession             *self,
                                               const char            *path,
                                               GwWorkspaceOpenFlags   flags,
                                               GCancellable          *cancellable,
                                               GError               **error);

/* An import of paths into the session's dataset, stored in its workspace
 * (when one is set) as each file is committed: connect to the task's
 * signals, then run it.  A file the workspace cannot store is removed from
 * the dataset again (gw_session_get_file_result() says why). */
GwImportTask     *gw_session_new_import       (GwSession            *self,
                                               const char * const   *paths);

/* The indicators of the dataset as it is now, computed here when they are
 * not yet (or no longer) current. */
GwIndicators     *gw_session_get_indicators   (GwSession      *self);
/* The indicators as last computed, current or not, or NULL: what the window
 * shows while the next computation runs. */
GwIndicators     *gw_session_peek_indicators  (GwSession      *self);
/* Computes the indicators (and then the result) in a thread, once the
 * dataset changed; a change during it starts another when it ends. */
void              gw_session_compute_async    (GwSession      *self);
gboolean          gw_session_get_computing    (GwSession      *self);

/* The targets: the built-ins, then the workspace's by id.  (transfer full)
 * (element-type GwTarget) */
GPtrArray        *gw_session_list_targets     (GwSession      *self);
/* A copy of the target of this id (built-in or the workspace's), or NULL. */
GwTarget         *gw_session_lookup_target    (GwSession      *self,
                                               const char     *id);
/* Adds or replaces a target in the workspace (in memory while none is open:
 * it is written into the next workspace set); refuses the built-ins' ids.
 * "targets-changed" is emitted. */
gboolean          gw_session_save_target      (GwSession      *self,
                                               const GwTarget *target,
                                               GError        **error);
gboolean          gw_session_remove_target    (GwSession      *self,
                                               const char     *id,
                                               GError        **error);
gboolean          gw_session_is_builtin_target (const char    *id);
/* An id no target has yet: "target-1", "target-2", ... */
char             *gw_session_new_target_id    (GwSession      *self);

/* The target tracked (a copy is kept), or NULL. */
const GwTarget   *gw_session_get_target       (GwSession      *self);
void              gw_session_set_target       (GwSession      *self,
                                               const GwTarget *target);

/* The result of the target on the current indicators, computed here when it
 * is not yet (the CLI); NULL with error when the target cannot be tracked on
 * this data, or when there is no target. */
GwTrackerResult  *gw_session_get_result       (GwSession      *self,
                                               GError        **error);
/* The result as last computed, or NULL (the window, while computing). */
GwTrackerResult  *gw_session_peek_result      (GwSession      *self);
const GError     *gw_session_get_result_error (GwSession      *self);

/* Why the gap, and what it would take (gw-gap-decomp.h), on the session's
 * dataset.  The comparator -1 is the target's (gw_session_get_target()),
 * else the country. */
GwGapDecomp      *gw_session_decompose        (GwSession      *self,
                                               gboolean        is_group,
                                               guint           subject,
                                               GwSex           sex,
                                               GwPeriod        period,
                                               gint            comparator,
                                               GwGapCauseLevel causes,
                                               GError        **error);
/* The target gap the session's target sets the decomposition's subject and
 * sex (its tracker row's target_gap; relative when the target's gap is):
 * GW_SESSION_ERROR_NO_TARGET when there is no target, it is not on
 * le-birth, or it does not track that subject and sex. */
gboolean          gw_session_get_needed_gap   (GwSession         *self,
                                               const GwGapDecomp *decomp,
                                               double            *needed_gap,
                                               gboolean          *relative,
                                               GError           **error);
/* Deaths to prevent a year for the target's gap (gw_session_get_needed_gap). */
GwGapReckoning   *gw_session_reckon           (GwSession         *self,
                                               const GwGapDecomp *decomp,
                                               GError           **error);

/* What if (gw_gap_decomp_what_if()), measured against the target. */
typedef struct
{
  double         e0;          /* the subject's life expectancy, years */
  double         gap;         /* its gap to the comparator, in the target's measure */
  double         target_gap;  /* the target's gap for the subject and sex */
  gboolean       relative;    /* gaps in percent (else years) */
  GwTargetStatus status;      /* NO_GAP when gap <= 0, ON_TRACK when gap <=
                               * target_gap, else OFF_TRACK: the latest-gap
                               * rule, no projection */
} GwSessionWhatIf;

gboolean          gw_session_what_if          (GwSession                *self,
                                               const GwGapDecomp        *decomp,
                                               const GwDecompPrevention *preventions,
                                               gsize                     n_preventions,
                                               GwSessionWhatIf          *out,
                                               GError                  **error);

/* The board summary's "changed since the last export" (gw-session-earlier.c):
 * the files of the exports generated before the newest generation (NULL, no
 * error, when there are none), taken out of the workspace into *tmpdir
 * where stored; main thread.  Free with gw_session_earlier_files_free(). */
char            **gw_session_earlier_files    (GwSession        *self,
                                               char            **tmpdir,
                                               GError          **error);
void              gw_session_earlier_files_free (char          **paths,
                                                 char           *tmpdir);
/* target tracked on paths alone, imported into a dataset of their own; any
 * thread. */
GwTrackerResult  *gw_session_track_files      (const char * const *paths,
                                               const GwTarget   *target,
                                               GCancellable     *cancellable,
                                               GError          **error);

G_END_DECLS
