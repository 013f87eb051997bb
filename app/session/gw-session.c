/* gw-session.c: the dataset, workspace, indicators, targets and result
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gw-config.h"

#include "gw-session.h"
#include "gw-session-import.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

struct _GwSession
{
  GObject           parent_instance;

  /* owned */
  GwDataset        *dataset;
  GwWorkspace      *workspace;
  GwIndicators     *indicators;       /* as last computed, or NULL */
  GwTarget         *target;
  GwTrackerResult  *result;
  GError           *result_error;
  GPtrArray        *stored;           /* GwTarget: the workspace's */
  GPtrArray        *unsaved;          /* GwTarget: kept in memory, no workspace to keep them */
  GCancellable     *compute_cancellable;  /* a computation in a thread runs */
  GCancellable     *result_cancellable;   /* an SII target's result computes in a thread */

  gulong            changed_id;
  gboolean          indicators_stale; /* the dataset changed since they were computed */
  gboolean          result_stale;
  gboolean          threaded;         /* the window: results that take long computed in a thread */
};

G_DEFINE_FINAL_TYPE (GwSession, gw_session, G_TYPE_OBJECT)

G_DEFINE_QUARK (gw-session-error-quark, gw_session_error)

enum
{
  PROP_0,
  PROP_COMPUTING,
  N_PROPS
};

enum
{
  RESULT_CHANGED,
  COMPUTING,
  TARGETS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void load_workspace_targets (GwSession *self);

/* --- the result ----------------------------------------------------------- */

static void
cancel_result_thread (GwSession *self)
{
  if (self->result_cancellable != NULL)
    {
      g_cancellable_cancel (self->result_cancellable);
      g_clear_object (&self->result_cancellable);
    }
}

static void
clear_result (GwSession *self)
{
  cancel_result_thread (self);
  g_clear_object (&self->result);
  g_clear_error (&self->result_error);
}

/* What a result thread reads: its own references, whatever the session does meanwhile. */
typedef struct
{
  GwDataset *dataset;
  GwTarget  *target;
} ResultJob;

static void
result_job_free (ResultJob *job)
{
  g_clear_object (&job->dataset);
  gw_target_free (job->target);
  g_free (job);
}

static void
result_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ResultJob *job = task_data;
  GError *error = NULL;
  GwTrackerResult *result;

  /* an SII target reads only the dataset's counts, no indicators: nothing
   * the main thread frees meanwhile.  The tracker reads the dictionaries
   * (areas, groups) as well as the counts, so the whole run holds the read
   * lock (gw-dataset.h), not only the count reads inside it: an import
   * committed meanwhile waits for it. */
  gw_dataset_read_lock (job->dataset);
  result = gw_tracker_result_new (job->dataset, NULL, job->target, &error);
  gw_dataset_read_unlock (job->dataset);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, g_object_unref);
}

static void
on_result_done_cb (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  GwSession *self = GW_SESSION (source);
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (res));
  GError *error = NULL;
  GwTrackerResult *result = g_task_propagate_pointer (G_TASK (res), &error);

  /* another target, new data, or the session is going away */
  if (g_cancellable_is_cancelled (cancellable) || cancellable != self->result_cancellable)
    {
      g_clear_object (&result);
      g_clear_error (&error);
      return;
    }
  g_clear_object (&self->result_cancellable);
  self->result = result;
  self->result_error = error;
  g_signal_emit (self, signals[RESULT_CHANGED], 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPUTING]);
  g_signal_emit (self, signals[COMPUTING], 0);
}

/* The result on the indicators the session has; emits result-changed.  In
 * the window an SII target's result (an SII per subject, sex and period,
 * each a simulation) is computed in a thread: result-changed is emitted
 * (with no result and no error) now, and again when it is there. */
static void
update_result (GwSession *self)
{
  clear_result (self);
  self->result_stale = FALSE;
  if (self->target != NULL && self->threaded && self->target->measure == GW_TARGET_MEASURE_SII)
    {
      g_autoptr(GTask) task = NULL;
      ResultJob *job = g_new0 (ResultJob, 1);

      job->dataset = g_object_ref (self->dataset);
      job->target = gw_target_copy (self->target);
      self->result_cancellable = g_cancellable_new ();
      task = g_task_new (self, self->result_cancellable, on_result_done_cb, NULL);
      g_task_set_source_tag (task, update_result);
      g_task_set_task_data (task, job, (GDestroyNotify) result_job_free);
      g_task_run_in_thread (task, result_thread);
      g_signal_emit (self, signals[RESULT_CHANGED], 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPUTING]);
      g_signal_emit (self, signals[COMPUTING], 0);
      return;
    }
  if (self->target != NULL)
    self->result = gw_tracker_result_new (self->dataset, self->indicators, self->target,
                                          &self->result_error);
  g_signal_emit (self, signals[RESULT_CHANGED], 0);
}

/* --- the indicators --------------------------------------------------------- */

static void
set_indicators (GwSession *self, GwIndicators *indicators)
{
  GwIndicators *old = self->indicators;

  /* the old ones live until the new result is out: views borrow them */
  self->indicators = indicators;
  self->indicators_stale = FALSE;
  update_result (self);
  g_clear_pointer (&old, gw_indicators_free);
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  /* gw_indicators_compute() holds the dataset's read lock while it reads. */
  g_task_return_pointer (task, gw_indicators_compute (task_data), (GDestroyNotify) gw_indicators_free);
}

static void
on_compute_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GwSession *self = GW_SESSION (source);
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  GwIndicators *indicators = g_task_propagate_pointer (G_TASK (result), NULL);

  /* superseded (another dataset), or the session is going away */
  if (g_cancellable_is_cancelled (cancellable) || cancellable != self->compute_cancellable)
    {
      g_clear_pointer (&indicators, gw_indicators_free);
      return;
    }
  g_clear_object (&self->compute_cancellable);

  /* The dataset changed while this ran: these numbers are already old. */
  if (self->indicators_stale)
    {
      g_clear_pointer (&indicators, gw_indicators_free);
      gw_session_compute_async (self);
      return;
    }

  set_indicators (self, indicators);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPUTING]);
  g_signal_emit (self, signals[COMPUTING], 0);
}

void
gw_session_compute_async (GwSession *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GW_IS_SESSION (self));

  self->threaded = TRUE;
  if (self->compute_cancellable != NULL)
    return;   /* running: it sees indicators_stale when it ends */

  self->indicators_stale = FALSE;
  self->compute_cancellable = g_cancellable_new ();
  /* the task keeps the session alive; dispose cancels it */
  task = g_task_new (self, self->compute_cancellable, on_compute_done_cb, NULL);
  g_task_set_source_tag (task, gw_session_compute_async);
  g_task_set_task_data (task, g_object_ref (self->dataset), g_object_unref);
  g_task_run_in_thread (task, compute_thread);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPUTING]);
  g_signal_emit (self, signals[COMPUTING], 0);
}

gboolean
gw_session_get_computing (GwSession *self)
{
  g_return_val_if_fail (GW_IS_SESSION (self), FALSE);
  return self->compute_cancellable != NULL || self->result_cancellable != NULL;
}

GwIndicators *
gw_session_get_indicators (GwSession *self)
{
  g_return_val_if_fail (GW_IS_SESSION (self), NULL);

  if (self->indicators == NULL || self->indicators_stale)
    {
      /* a thread may be computing the same: let it finish unseen */
      if (self->compute_cancellable != NULL)
        {
          g_cancellable_cancel (self->compute_cancellable);
          g_clear_object (&self->compute_cancellable);
        }
      g_clear_pointer (&self->indicators, gw_indicators_free);
      self->indicators = gw_indicators_compute (self->dataset);
      self->indicators_stale = FALSE;
      self->result_stale = TRUE;
    }
  return self->indicators;
}

GwIndicators *
gw_session_peek_indicators (GwSession *self)
{
  g_return_val_if_fail (GW_IS_SESSION (self), NULL);
  return self->indicators;
}

/* --- the dataset and the workspace ----------------------------------------- */

static void
on_dataset_changed_cb (GwDataset *dataset,
                       GwSession *self)
{
  self->indicators_stale = TRUE;
  self->result_stale = TRUE;
}

static void
disconnect_dataset (GwSession *self)
{
  if (self->dataset != NULL)
    g_clear_signal_handler (&self->changed_id, self->dataset);
}

GwDataset *
gw_session_get_dataset (GwSession *self)
{
  g_return_val_if_fail (GW_IS_SESSION (self), NULL);
  return self->dataset;
}

void
gw_session_set_dataset (GwSession *self,
                        GwDataset *dataset)
{
  g_return_if_fail (GW_IS_SESSION (self));
  g_return_if_fail (GW_IS_DATASET (dataset));

  if (dataset == self->dataset)
    return;
  if (self->compute_cancellable != NULL)
    {
      g_cancellable_cancel (self->compute_cancellable);
      g_clear_object (&self->compute_cancellable);
    }
  disconnect_dataset (self);
  g_set_object (&self->dataset, dataset);
  self->changed_id = g_signal_connect (dataset, "changed", G_CALLBACK (on_dataset_changed_cb), self);
  g_clear_pointer (&self->indicators, gw_indicators_free);
  self->indicators_stale = TRUE;
  clear_result (self);
  self->result_stale = TRUE;
  g_signal_emit (self, signals[RESULT_CHANGED], 0);
}

GwWorkspace *
gw_session_get_workspace (GwSession *self)
{
  g_return_val_if_fail (GW_IS_SESSION (self), NULL);
  return self->workspace;
}

void
gw_session_set_workspace (GwSession   *self,
                          GwWorkspace *workspace)
{
  g_return_if_fail (GW_IS_SESSION (self));
  g_return_if_fail (workspace == NULL || GW_IS_WORKSPACE (workspace));

  if (workspace == self->workspace)
    return;
  g_set_object (&self->workspace, workspace);
  load_workspace_targets (self);
  g_signal_emit (self, signals[TARGETS_CHANGED], 0);
}

gboolean
gw_session_open_workspace (GwSession             *self,
                           const char            *path,
                           GwWorkspaceOpenFlags   flags,
                           GCancellable          *cancellable,
                           GError               **error)
{
  g_autoptr(GwWorkspace) workspace = NULL;
  g_autoptr(GwDataset) dataset = NULL;

  g_return_val_if_fail (GW_IS_SESSION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  workspace = gw_workspace_open (path, flags, error);
  if (workspace == NULL)
    return FALSE;
  /* into a dataset of its own: a damaged workspace changes nothing here */
  dataset = gw_dataset_new ();
  if (!gw_workspace_load (workspace, dataset, cancellable, error))
    return FALSE;

  gw_session_set_workspace (self, workspace);
  gw_session_set_dataset (self, dataset);
  return TRUE;
}

GwImportTask *
gw_session_new_import (GwSession          *self,
                       const char * const *paths)
{
  GwImportTask *task;

  g_return_val_if_fail (GW_IS_SESSION (self), NULL);
  g_return_val_if_fail (paths != NULL, NULL);

  task = gw_import_task_new (self->dataset, paths);
  /* the workspace stores each file first; file-done then sees the outcome */
  if (self->workspace != NULL)
    gw_session_watch_task (self->workspace, task, self->dataset);
  return task;
}

/* --- targets ---------------------------------------------------------------- */

gboolean
gw_session_is_builtin_target (const char *id)
{
  return id != NULL && g_strv_contains (gw_target_builtin_names (), id);
}

static gint
find_target (GPtrArray *targets, const char *id)
{
  for (guint i = 0; targets != NULL && i < targets->len; i++)
    if (g_strcmp0 (((GwTarget *) g_ptr_array_index (targets, i))->name, id) == 0)
      return (gint) i;
  return -1;
}

/* The workspace keeps each target as the tracker's text. */
static gboolean
save_workspace_target (GwWorkspace     *workspace,
                       const GwTarget  *target,
                       GError         **error)
{
  g_autofree char *text = gw_target_serialize (target);

  return gw_workspace_save_target (workspace, target->name, text, error);
}

/* Reads the workspace's targets into self->stored; the ones kept only in
 * memory (saved while no workspace was open, or moved from the settings)
 * are written into it. */
static void
load_workspace_targets (GwSession *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stored = NULL;

  g_clear_pointer (&self->stored, g_ptr_array_unref);
  self->stored = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_target_free);
  if (self->workspace == NULL)
    return;

  stored = gw_workspace_list_targets (self->workspace, &error);
  if (stored == NULL)
    {
      g_warning ("The targets of the workspace cannot be read: %s", error->message);
      return;
    }
  for (guint i = 0; i < stored->len; i++)
    {
      const GwWorkspaceTarget *st = g_ptr_array_index (stored, i);
      g_autoptr(GError) text_error = NULL;
      GwTarget *t;

      /* a shared workspace is untrusted: a target that cannot be read is
       * left out, and said so */
      t = gw_target_deserialize (st->text, &text_error);
      if (t == NULL)
        {
          g_warning ("The target “%s” of the workspace is left out: %s", st->id, text_error->message);
          continue;
        }
      if (g_strcmp0 (t->name, st->id) != 0 || gw_session_is_builtin_target (t->name))
        gw_target_free (t);
      else
        g_ptr_array_add (self->stored, t);
    }

  for (guint i = 0; i < self->unsaved->len;)
    {
      GwTarget *t = g_ptr_array_index (self->unsaved, i);
      g_autoptr(GError) save_error = NULL;

      /* the workspace's own target of that id wins */
      if (find_target (self->stored, t->name) >= 0)
        g_ptr_array_remove_index (self->unsaved, i);
      else if (save_workspace_target (self->workspace, t, &save_error))
        g_ptr_array_add (self->stored, g_ptr_array_steal_index (self->unsaved, i));
      else
        i++;   /* a read-only workspace: kept in memory */
    }
}

GPtrArray *
gw_session_list_targets (GwSession *self)
{
  GPtrArray *targets = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_target_free);

  g_return_val_if_fail (GW_IS_SESSION (self), targets);

  for (const char *const *id = gw_target_builtin_names (); *id != NULL; id++)
    g_ptr_array_add (targets, gw_target_new_builtin (*id));
  for (guint i = 0; i < self->stored->len; i++)
    g_ptr_array_add (targets, gw_target_copy (g_ptr_array_index (self->stored, i)));
  for (guint i = 0; i < self->unsaved->len; i++)
    g_ptr_array_add (targets, gw_target_copy (g_ptr_array_index (self->unsaved, i)));
  return targets;
}

GwTarget *
gw_session_lookup_target (GwSession  *self,
                          const char *id)
{
  gint i;

  g_return_val_if_fail (GW_IS_SESSION (self), NULL);

  if (id == NULL)
    return NULL;
  if (gw_session_is_builtin_target (id))
    return gw_target_new_builtin (id);
  if ((i = find_target (self->stored, id)) >= 0)
    return gw_target_copy (g_ptr_array_index (self->stored, i));
  if ((i = find_target (self->unsaved, id)) >= 0)
    return gw_target_copy (g_ptr_array_index (self->unsaved, i));
  return NULL;
}

char *
gw_session_new_target_id (GwSession *self)
{
  g_return_val_if_fail (GW_IS_SESSION (self), NULL);

  for (guint n = 1;; n++)
    {
      g_autofree char *id = g_strdup_printf ("target-%u", n);

      if (find_target (self->stored, id) < 0 && find_target (self->unsaved, id) < 0)
        return g_steal_pointer (&id);
    }
}

static void
replace_in (GPtrArray *targets, const GwTarget *target)
{
  gint i = find_target (targets, target->name);

  if (i >= 0)
    {
      gw_target_free (targets->pdata[i]);
      targets->pdata[i] = gw_target_copy (target);
    }
  else
    g_ptr_array_add (targets, gw_target_copy (target));
}

gboolean
gw_session_save_target (GwSession       *self,
                        const GwTarget  *target,
                        GError         **error)
{
  g_return_val_if_fail (GW_IS_SESSION (self), FALSE);
  g_return_val_if_fail (target != NULL, FALSE);

  if (target->name == NULL || target->name[0] == '\0' || target->indicator == NULL
      || target->group == NULL || target->baseline == 0 || target->target_period == 0)
    {
      g_set_error (error, GW_SESSION_ERROR, GW_SESSION_ERROR_INVALID,
                   _("A target needs an id, an indicator, a subject, a baseline and a target period"));
      return FALSE;
    }
  if (gw_period_midpoint (target->target_period) <= gw_period_midpoint (target->baseline))
    {
      g_set_error (error, GW_SESSION_ERROR, GW_SESSION_ERROR_INVALID,
                   _("The target period must come after the baseline"));
      return FALSE;
    }
  if (target->reduction < 0 || target->reduction > 1)
    {
      g_set_error (error, GW_SESSION_ERROR, GW_SESSION_ERROR_INVALID,
                   _("The reduction must be between 0%% and 100%%"));
      return FALSE;
    }
  if (gw_session_is_builtin_target (target->name))
    {
      g_set_error (error, GW_SESSION_ERROR, GW_SESSION_ERROR_BUILT_IN,
                   _("“%s” is a built-in target: give yours another id"), target->name);
      return FALSE;
    }

  if (self->workspace != NULL)
    {
      if (!save_workspace_target (self->workspace, target, error))
        return FALSE;
      replace_in (self->stored, target);
    }
  else
    replace_in (self->unsaved, target);

  g_signal_emit (self, signals[TARGETS_CHANGED], 0);
  if (self->target != NULL && g_strcmp0 (self->target->name, target->name) == 0)
    gw_session_set_target (self, target);
  return TRUE;
}

gboolean
gw_session_remove_target (GwSession   *self,
                          const char  *id,
                          GError     **error)
{
  gint i;

  g_return_val_if_fail (GW_IS_SESSION (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (gw_session_is_builtin_target (id))
    {
      g_set_error (error, GW_SESSION_ERROR, GW_SESSION_ERROR_BUILT_IN,
                   _("“%s” is a built-in target and cannot be removed"), id);
      return FALSE;
    }
  if ((i = find_target (self->unsaved, id)) >= 0)
    g_ptr_array_remove_index (self->unsaved, i);
  else if ((i = find_target (self->stored, id)) >= 0)
    {
      if (!gw_workspace_remove_target (self->workspace, id, error))
        return FALSE;
      g_ptr_array_remove_index (self->stored, i);
    }
  else
    {
      g_set_error (error, GW_SESSION_ERROR, GW_SESSION_ERROR_NO_TARGET,
                   _("No target “%s” in the workspace"), id);
      return FALSE;
    }
  g_signal_emit (self, signals[TARGETS_CHANGED], 0);
  return TRUE;
}

const GwTarget *
gw_session_get_target (GwSession *self)
{
  g_return_val_if_fail (GW_IS_SESSION (self), NULL);
  return self->target;
}

void
gw_session_set_target (GwSession      *self,
                       const GwTarget *target)
{
  g_return_if_fail (GW_IS_SESSION (self));

  g_clear_pointer (&self->target, gw_target_free);
  if (target != NULL)
    self->target = gw_target_copy (target);
  /* on the indicators there are; the window computes them in a thread */
  if (self->indicators != NULL || self->target == NULL)
    update_result (self);
  else
    {
      clear_result (self);
      self->result_stale = TRUE;
    }
}

/* --- the result ---------------------------------------------------------- */

GwTrackerResult *
gw_session_get_result (GwSession  *self,
                       GError    **error)
{
  g_return_val_if_fail (GW_IS_SESSION (self), NULL);

  if (self->target == NULL)
    {
      g_set_error (error, GW_SESSION_ERROR, GW_SESSION_ERROR_NO_TARGET, _("No target chosen"));
      return NULL;
    }
  /* an SII target reads the small areas' counts, not the indicators */
  if (self->target->measure != GW_TARGET_MEASURE_SII)
    gw_session_get_indicators (self);
  else if (self->indicators_stale)
    self->result_stale = TRUE;
  if (self->result_stale || (self->result == NULL && self->result_error == NULL))
    {
      /* asked for now: not in a thread */
      gboolean threaded = self->threaded;

      self->threaded = FALSE;
      update_result (self);
      self->threaded = threaded;
    }
  if (self->result == NULL)
    {
      if (error != NULL)
        *error = g_error_copy (self->result_error);
      return NULL;
    }
  return self->result;
}

GwTrackerResult *
gw_session_peek_result (GwSession *self)
{
  g_return_val_if_fail (GW_IS_SESSION (self), NULL);
  return self->result;
}

const GError *
gw_session_get_result_error (GwSession *self)
{
  g_return_val_if_fail (GW_IS_SESSION (self), NULL);
  return self->result_error;
}

/* --- GObject ------------------------------------------------------------- */

static void
gw_session_dispose (GObject *object)
{
  GwSession *self = GW_SESSION (object);

  if (self->compute_cancellable != NULL)
    {
      g_cancellable_cancel (self->compute_cancellable);
      g_clear_object (&self->compute_cancellable);
    }
  disconnect_dataset (self);
  clear_result (self);
  g_clear_object (&self->workspace);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (gw_session_parent_class)->dispose (object);
}

static void
gw_session_finalize (GObject *object)
{
  GwSession *self = GW_SESSION (object);

  g_clear_pointer (&self->indicators, gw_indicators_free);
  g_clear_pointer (&self->target, gw_target_free);
  g_clear_pointer (&self->stored, g_ptr_array_unref);
  g_clear_pointer (&self->unsaved, g_ptr_array_unref);

  G_OBJECT_CLASS (gw_session_parent_class)->finalize (object);
}

static void
gw_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  GwSession *self = GW_SESSION (object);

  switch (prop_id)
    {
    case PROP_COMPUTING:
      g_value_set_boolean (value, gw_session_get_computing (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_session_class_init (GwSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gw_session_dispose;
  object_class->finalize = gw_session_finalize;
  object_class->get_property = gw_session_get_property;

  properties[PROP_COMPUTING] =
    g_param_spec_boolean ("computing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A computation of the indicators started or ended (see "computing"). */
  signals[COMPUTING] = g_signal_new ("computing", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The tracker result is new, or gone (gw_session_get_result_error). */
  /* A target was added, changed or removed, or another workspace's came. */
  signals[TARGETS_CHANGED] = g_signal_new ("targets-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[RESULT_CHANGED] = g_signal_new ("result-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
gw_session_init (GwSession *self)
{
  g_autoptr(GwDataset) dataset = gw_dataset_new ();

  self->indicators_stale = TRUE;
  self->result_stale = TRUE;
  self->stored = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_target_free);
  self->unsaved = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_target_free);
  self->dataset = g_object_ref (dataset);
  self->changed_id = g_signal_connect (dataset, "changed", G_CALLBACK (on_dataset_changed_cb), self);
}

GwSession *
gw_session_new (void)
{
  return g_object_new (GW_TYPE_SESSION, NULL);
}

/* --- why the gap, what it would take ------------------------------------- */

GwGapDecomp *
gw_session_decompose (GwSession      *self,
                      gboolean        is_group,
                      guint           subject,
                      GwSex           sex,
                      GwPeriod        period,
                      gint            comparator,
                      GwGapCauseLevel causes,
                      GError        **error)
{
  GwGapDecompRequest req;

  g_return_val_if_fail (GW_IS_SESSION (self), NULL);

  gw_gap_decomp_request_init (&req, is_group, subject, sex);
  req.period = period;
  req.causes = causes;
  req.comparator = comparator;
  if (comparator < 0 && self->target != NULL && self->target->comparator != NULL)
    req.comparator = gw_dataset_lookup_area (self->dataset, self->target->comparator);
  return gw_gap_decomp_new (self->dataset, &req, error);
}

gboolean
gw_session_get_needed_gap (GwSession         *self,
                           const GwGapDecomp *decomp,
                           double            *needed_gap,
                           gboolean          *relative,
                           GError           **error)
{
  const GwTrackerRow **rows;
  GwTrackerResult *result;
  guint n_rows;

  g_return_val_if_fail (GW_IS_SESSION (self), FALSE);
  g_return_val_if_fail (decomp != NULL && needed_gap != NULL && relative != NULL, FALSE);

  if (self->target != NULL && self->target->measure == GW_TARGET_MEASURE_SII)
    {
      g_set_error (error, GW_SESSION_ERROR, GW_SESSION_ERROR_NO_TARGET,
                   _("Target “%s” is on the SII within each area, not on a gap to a comparator"), self->target->name);
      return FALSE;
    }
  if (self->target != NULL && g_strcmp0 (self->target->indicator, "le-birth") != 0)
    {
      g_set_error (error, GW_SESSION_ERROR, GW_SESSION_ERROR_NO_TARGET,
                   _("Target “%s” is not on life expectancy at birth (le-birth)"), self->target->name);
      return FALSE;
    }
  result = gw_session_get_result (self, error);
  if (result == NULL)
    return FALSE;
  rows = gw_tracker_result_get_subject_rows (result, decomp->request.is_group,
                                             decomp->request.subject, &n_rows);
  for (guint i = 0; i < n_rows; i++)
    if (rows[i]->sex == decomp->request.sex && isfinite (rows[i]->target_gap))
      {
        *needed_gap = rows[i]->target_gap;
        *relative = self->target->gap == GW_GAP_RELATIVE;
        return TRUE;
      }
  g_set_error (error, GW_SESSION_ERROR, GW_SESSION_ERROR_NO_TARGET,
               _("Target “%s” sets no gap for %s (%s)"), self->target->name,
               decomp->subject_code, gw_sex_to_string (decomp->request.sex));
  return FALSE;
}

GwGapReckoning *
gw_session_reckon (GwSession         *self,
                   const GwGapDecomp *decomp,
                   GError           **error)
{
  double needed_gap;
  gboolean relative;

  if (!gw_session_get_needed_gap (self, decomp, &needed_gap, &relative, error))
    return NULL;
  return gw_gap_decomp_reckon (decomp, needed_gap, relative, error);
}

gboolean
gw_session_what_if (GwSession                *self,
                    const GwGapDecomp        *decomp,
                    const GwDecompPrevention *preventions,
                    gsize                     n_preventions,
                    GwSessionWhatIf          *out,
                    GError                  **error)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (!gw_session_get_needed_gap (self, decomp, &out->target_gap, &out->relative, error)
      || !gw_gap_decomp_what_if (decomp, preventions, n_preventions, &out->e0, error))
    return FALSE;
  out->gap = gw_gap_decomp_gap (decomp, out->e0, out->relative);
  out->status = out->gap <= 0.0 ? GW_STATUS_NO_GAP
                : out->gap <= out->target_gap ? GW_STATUS_ON_TRACK : GW_STATUS_OFF_TRACK;
  return TRUE;
}
