/* gw-import-task.c: import several files off the main thread, in order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One outer GTask spans the whole run; each file gets a GTask of its own whose
 * worker thread only reads (gw_reader_read_file, which picks the reader by
 * content, into a GwBatch).  Committing happens back on the main context, in
 * the per-file completion callback, and only then is the next file started:
 * a file may use areas declared by the files before it, so reading them in
 * parallel would change the meaning.
 */
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "gw-reader.h"
#include "gw-import-task.h"

/* At most this many "progress" emissions per second (50 ms apart). */
#define GW_PROGRESS_INTERVAL_US (G_USEC_PER_SEC / 20)

/* What one file's worker thread needs and produces. */
typedef struct
{
  GwImportTask *self;      /* borrowed: the GTask's source object keeps it */
  GwDataset    *dataset;   /* owned */
  char         *path;
  guint         index;
  GPtrArray    *errors;    /* GwProblem, filled by the reader */
} GwFileJob;

struct _GwImportTask
{
  GObject       parent_instance;

  /* owned */
  GwDataset    *dataset;
  GStrv         paths;
  GArray       *results;       /* GwImportResult, sized for every path up front */
  double       *weights;       /* per file: its bytes (g_stat at start), or 1 each when all are empty */
  double        total_weight;
  GTask        *task;          /* the outer task while running */
  GCancellable *cancellable;
  GMainContext *context;       /* where the task was started; signals go there */

  /* main context only */
  guint         n_files;
  guint         current;       /* index of the file being read */
  double        done_weight;   /* weight of the files before current */
  double        last_fraction; /* so the fractions emitted never go down */
  gboolean      started;
  gboolean      cancelled;
  /* files rejected only for codes a later file declares are read again */
  GArray       *retry;         /* guint indexes of this round */
  guint         retry_pos;
  gboolean      retrying;
  guint         imported_in_round;

  /* shared with the worker threads, under progress_lock */
  GMutex        progress_lock;
  guint         progress_index;
  guint64       progress_done;
  guint64       progress_total;
  gint64        progress_last_us;
  GSource      *progress_source; /* pending idle, or NULL */
};

G_DEFINE_FINAL_TYPE (GwImportTask, gw_import_task, G_TYPE_OBJECT)

enum
{
  PROGRESS,
  FILE_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_file (GwImportTask *self);

static void
gw_file_job_free (GwFileJob *job)
{
  g_clear_object (&job->dataset);
  g_free (job->path);
  g_clear_pointer (&job->errors, g_ptr_array_unref);
  g_free (job);
}

static void
gw_import_result_clear (gpointer data)
{
  GwImportResult *result = data;

  g_clear_pointer (&result->path, g_free);
  g_clear_object (&result->import);
  g_clear_pointer (&result->errors, g_ptr_array_unref);
  g_clear_error (&result->error);
}

static void
emit_progress (GwImportTask *self,
               double        fraction,
               const char   *path)
{
  fraction = CLAMP (fraction, 0.0, 1.0);
  /* A late idle from a file that has finished could carry an older value. */
  if (fraction < self->last_fraction)
    return;
  self->last_fraction = fraction;
  g_signal_emit (self, signals[PROGRESS], 0, fraction, path);
}

/* Main context: emits the latest progress the worker reported. */
static gboolean
progress_idle_cb (gpointer user_data)
{
  GwImportTask *self = user_data;
  guint index;
  guint64 done, total;
  double within;

  g_mutex_lock (&self->progress_lock);
  index = self->progress_index;
  done = self->progress_done;
  total = self->progress_total;
  g_clear_pointer (&self->progress_source, g_source_unref);
  g_mutex_unlock (&self->progress_lock);

  /* The completion of a file emits its own final fraction. */
  if (self->task == NULL || index != self->current)
    return G_SOURCE_REMOVE;

  within = total > 0 ? (double) MIN (done, total) / (double) total : 0.0;
  emit_progress (self,
                 (self->done_weight + within * self->weights[index]) / self->total_weight,
                 self->paths[index]);

  return G_SOURCE_REMOVE;
}

/* Worker thread: keep the latest value, and wake the main context at most
 * every GW_PROGRESS_INTERVAL_US so a fast reader does not flood it. */
static void
progress_cb (guint64  done,
             guint64  total,
             gpointer user_data)
{
  GwFileJob *job = user_data;
  GwImportTask *self = job->self;
  gint64 now = g_get_monotonic_time ();

  g_mutex_lock (&self->progress_lock);
  self->progress_index = job->index;
  self->progress_done = done;
  self->progress_total = total;
  if (self->progress_source == NULL &&
      now - self->progress_last_us >= GW_PROGRESS_INTERVAL_US)
    {
      /* An explicit idle, not g_main_context_invoke(): that could run the
       * callback right here in the worker when the context is free. */
      self->progress_last_us = now;
      self->progress_source = g_idle_source_new ();
      g_source_set_priority (self->progress_source, G_PRIORITY_DEFAULT);
      g_source_set_callback (self->progress_source, progress_idle_cb,
                             g_object_ref (self), g_object_unref);
      g_source_set_static_name (self->progress_source, "[gapwatch] import progress");
      g_source_attach (self->progress_source, self->context);
    }
  g_mutex_unlock (&self->progress_lock);
}

static void
read_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GwFileJob *job = task_data;
  GError *error = NULL;
  GwBatch *batch;

  batch = gw_reader_read_file (job->dataset, job->path, cancellable,
                               progress_cb, job, job->errors, &error);
  if (batch == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, batch, (GDestroyNotify) gw_batch_free);
}

static void
cancel_pending_progress (GwImportTask *self)
{
  g_mutex_lock (&self->progress_lock);
  if (self->progress_source != NULL)
    {
      g_source_destroy (self->progress_source);
      g_clear_pointer (&self->progress_source, g_source_unref);
    }
  g_mutex_unlock (&self->progress_lock);
}

static void
finish (GwImportTask *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  /* A pending idle holds a reference on self and lives in the context. */
  cancel_pending_progress (self);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->context, g_main_context_unref);

  if (self->cancelled)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "%s", _("The import was cancelled"));
  else
    g_task_return_boolean (task, TRUE);
}

/* Stores the result of the current file (taking the result's fields), tells
 * the listeners, and moves on. */
static void
store_result (GwImportTask   *self,
              GwImportResult *result)
{
  guint index = self->results->len;

  if (result->kind == GW_IMPORT_RESULT_IMPORTED)
    self->imported_in_round++;
  if (self->retrying)
    {
      /* a file read again: its new result replaces the first */
      index = self->current;
      gw_import_result_clear (&g_array_index (self->results, GwImportResult, index));
      g_array_index (self->results, GwImportResult, index) = *result;
    }
  else
    g_array_append_vals (self->results, result, 1);
  *result = (GwImportResult) { 0, };
  g_signal_emit (self, signals[FILE_DONE], 0, index);
}

/* Whether a result was refused only because it names areas or groups that
 * no file imported before it declares. */
static gboolean
rejected_for_references (const GwImportResult *result)
{
  if (result->kind != GW_IMPORT_RESULT_REJECTED || result->errors == NULL || result->errors->len == 0)
    return FALSE;
  for (guint i = 0; i < result->errors->len; i++)
    if (((const GwProblem *) g_ptr_array_index (result->errors, i))->kind != GW_PROBLEM_UNKNOWN_REFERENCE)
      return FALSE;
  return TRUE;
}

/* Files given in any order still import: after a round in which something
 * was imported, the files refused for unknown codes are read once more. */
static gboolean
plan_retry (GwImportTask *self)
{
  if (self->imported_in_round == 0)
    return FALSE;
  self->imported_in_round = 0;
  g_array_set_size (self->retry, 0);
  for (guint i = 0; i < self->results->len; i++)
    if (rejected_for_references (&g_array_index (self->results, GwImportResult, i)))
      g_array_append_val (self->retry, i);
  self->retry_pos = 0;
  return self->retry->len > 0;
}

static void
cancel_remaining (GwImportTask *self)
{
  self->cancelled = TRUE;
  while (self->results->len < self->n_files)
    {
      const char *path = self->paths[self->results->len];
      g_autofree char *base = g_path_get_basename (path);
      GwImportResult result = { 0, };

      result.path = g_strdup (path);
      result.kind = GW_IMPORT_RESULT_CANCELLED;
      result.error = g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                  _("%s: not imported, the import was cancelled"), base);
      store_result (self, &result);
    }
}

static void
next_file (GwImportTask *self)
{
  if (self->retrying)
    {
      if (self->cancellable != NULL && g_cancellable_is_cancelled (self->cancellable))
        {
          finish (self);
          return;
        }
      if (self->retry_pos >= self->retry->len && !plan_retry (self))
        {
          finish (self);
          return;
        }
      self->current = g_array_index (self->retry, guint, self->retry_pos++);
      start_file (self);
      return;
    }

  self->done_weight += self->weights[self->current];
  self->current++;

  /* A "file-done" handler may have cancelled. */
  if (self->current < self->n_files && self->cancellable != NULL &&
      g_cancellable_is_cancelled (self->cancellable))
    cancel_remaining (self);

  if (self->results->len < self->n_files)
    start_file (self);
  else if (!self->cancelled && plan_retry (self))
    {
      self->retrying = TRUE;
      self->current = g_array_index (self->retry, guint, self->retry_pos++);
      start_file (self);
    }
  else
    finish (self);
}

/* Main context: one file has been read (or not); commit it. */
static void
file_read_cb (GObject      *source_object,
              GAsyncResult *res,
              gpointer      user_data)
{
  GwImportTask *self = GW_IMPORT_TASK (source_object);
  GwFileJob *job = g_task_get_task_data (G_TASK (res));
  g_autoptr(GError) error = NULL;
  GwImportResult result = { 0, };
  GwBatch *batch;

  g_assert (job->index == self->current);

  result.path = g_strdup (job->path);
  batch = g_task_propagate_pointer (G_TASK (res), &error);

  if (batch != NULL)
    {
      /* The commit consumes the batch, so look up an earlier import with the
       * same id now: it is what an unchanged file refers to. */
      GwImport *existing = gw_dataset_find_import (self->dataset, gw_batch_get_id (batch));
      g_autoptr(GwImport) existing_ref = existing != NULL ? g_object_ref (existing) : NULL;
      GwImport *import = gw_dataset_commit (self->dataset, batch, &error);

      if (import != NULL)
        {
          result.kind = GW_IMPORT_RESULT_IMPORTED;
          result.import = g_object_ref (import);
        }
      else if (g_error_matches (error, GW_DATASET_ERROR, GW_DATASET_ERROR_ALREADY_IMPORTED))
        {
          result.kind = GW_IMPORT_RESULT_UNCHANGED;
          result.import = g_steal_pointer (&existing_ref);
          result.error = g_steal_pointer (&error);
        }
      else
        {
          result.kind = GW_IMPORT_RESULT_FAILED;
          result.error = g_steal_pointer (&error);
        }
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      result.kind = GW_IMPORT_RESULT_CANCELLED;
      result.error = g_steal_pointer (&error);
      self->cancelled = TRUE;
    }
  else if (g_error_matches (error, GW_EXPORT_ERROR, GW_EXPORT_ERROR_INVALID))
    {
      result.kind = GW_IMPORT_RESULT_REJECTED;
      result.errors = g_steal_pointer (&job->errors);
      result.error = g_steal_pointer (&error);
    }
  else
    {
      result.kind = GW_IMPORT_RESULT_FAILED;
      result.error = g_steal_pointer (&error);
    }

  /* The last idle of this file is dropped; give its end instead, so the run
   * reaches 1.0 exactly (the last file's end is total_weight / total_weight). */
  if (result.kind != GW_IMPORT_RESULT_CANCELLED && !self->retrying)
    emit_progress (self,
                   (self->done_weight + self->weights[self->current]) / self->total_weight,
                   self->paths[self->current]);

  store_result (self, &result);

  if (self->cancelled)
    {
      self->current++;
      cancel_remaining (self);
      finish (self);
      return;
    }

  next_file (self);
}

static void
start_file (GwImportTask *self)
{
  g_autoptr(GTask) task = NULL;
  GwFileJob *job;

  g_assert (self->current < self->n_files);

  job = g_new0 (GwFileJob, 1);
  job->self = self;
  job->dataset = g_object_ref (self->dataset);
  job->path = g_strdup (self->paths[self->current]);
  job->index = self->current;
  job->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_problem_free);

  /* The per-file callback must come back to the context the run started on,
   * whatever context is thread-default while a callback runs. */
  g_main_context_push_thread_default (self->context);
  task = g_task_new (self, self->cancellable, file_read_cb, NULL);
  g_main_context_pop_thread_default (self->context);

  g_task_set_source_tag (task, start_file);
  g_task_set_name (task, "[gapwatch] read export");
  g_task_set_task_data (task, job, (GDestroyNotify) gw_file_job_free);
  g_task_run_in_thread (task, read_file_thread);
}

static void
gw_import_task_dispose (GObject *object)
{
  GwImportTask *self = GW_IMPORT_TASK (object);

  cancel_pending_progress (self);

  G_OBJECT_CLASS (gw_import_task_parent_class)->dispose (object);
}

static void
gw_import_task_finalize (GObject *object)
{
  GwImportTask *self = GW_IMPORT_TASK (object);

  g_clear_object (&self->dataset);
  g_clear_pointer (&self->paths, g_strfreev);
  g_clear_pointer (&self->results, g_array_unref);
  g_clear_pointer (&self->retry, g_array_unref);
  g_clear_pointer (&self->weights, g_free);
  g_clear_object (&self->task);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->progress_lock);

  G_OBJECT_CLASS (gw_import_task_parent_class)->finalize (object);
}

static void
gw_import_task_class_init (GwImportTaskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gw_import_task_dispose;
  object_class->finalize = gw_import_task_finalize;

  /**
   * GwImportTask::progress:
   * @self: the task
   * @fraction: 0..1, over all files, by their size in bytes at the start
   * @path: the file being read
   *
   * Emitted on the main context the task was started on, at most about
   * 20 times a second, with fractions that never decrease.
   */
  signals[PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_STRING);

  /**
   * GwImportTask::file-done:
   * @self: the task
   * @index: the result just stored (gw_import_task_get_result())
   */
  signals[FILE_DONE] =
    g_signal_new ("file-done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL,
                  g_cclosure_marshal_VOID__UINT,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
gw_import_task_init (GwImportTask *self)
{
  g_mutex_init (&self->progress_lock);
  self->retry = g_array_new (FALSE, FALSE, sizeof (guint));
}

/**
 * gw_import_task_new:
 * @dataset: the dataset to import into
 * @paths: (array zero-terminated=1): the files, imported in this order
 *
 * Returns: (transfer full): a task that has not started; the paths are copied
 */
GwImportTask *
gw_import_task_new (GwDataset         *dataset,
                    const char * const *paths)
{
  GwImportTask *self;

  g_return_val_if_fail (GW_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (paths != NULL, NULL);

  self = g_object_new (GW_TYPE_IMPORT_TASK, NULL);
  self->dataset = g_object_ref (dataset);
  self->paths = g_strdupv ((char **) paths);
  self->n_files = g_strv_length (self->paths);
  /* Sized up front: result pointers handed out stay valid during the run. */
  self->results = g_array_sized_new (FALSE, TRUE, sizeof (GwImportResult), MAX (self->n_files, 1));
  g_array_set_clear_func (self->results, gw_import_result_clear);

  return self;
}

/**
 * gw_import_task_run_async:
 * @self: a task that has not been started
 * @cancellable: (nullable): cancels the file being read and every later one
 * @callback: called on the current thread-default main context when all files are done
 * @user_data: for @callback
 *
 * Reads each file in a worker thread and commits it on the current
 * thread-default main context before the next one is read.  Starting a task
 * twice is a programmer error.
 */
void
gw_import_task_run_async (GwImportTask        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  guint64 total_bytes = 0;

  g_return_if_fail (GW_IS_IMPORT_TASK (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (!self->started);

  self->started = TRUE;
  self->context = g_main_context_ref_thread_default ();
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, gw_import_task_run_async);
  g_task_set_name (self->task, "[gapwatch] import");
  /* Whether the run was cancelled is decided by the files: a cancel after the
   * last commit does not undo the imports, so must not report a cancel. */
  g_task_set_check_cancellable (self->task, FALSE);

  /* Progress is by bytes; a file that cannot be stat'd weighs nothing (it
   * will fail at once).  When nothing has a size, every file weighs one. */
  self->weights = g_new0 (double, MAX (self->n_files, 1));
  for (guint i = 0; i < self->n_files; i++)
    {
      GStatBuf st;

      if (g_stat (self->paths[i], &st) == 0 && st.st_size > 0)
        {
          self->weights[i] = (double) st.st_size;
          total_bytes += (guint64) st.st_size;
        }
    }
  if (total_bytes == 0)
    for (guint i = 0; i < self->n_files; i++)
      self->weights[i] = 1.0;
  self->total_weight = 0.0;
  for (guint i = 0; i < self->n_files; i++)
    self->total_weight += self->weights[i];
  if (self->total_weight <= 0.0)
    self->total_weight = 1.0;

  if (self->n_files == 0)
    {
      finish (self);
      return;
    }

  if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
    {
      cancel_remaining (self);
      finish (self);
      return;
    }

  start_file (self);
}

/**
 * gw_import_task_run_finish:
 * @self: the task
 * @result: the result given to the callback
 * @error: set to G_IO_ERROR_CANCELLED when the run was cancelled
 *
 * Returns: FALSE only when cancelled; rejected and failed files are in the
 *   results, not an error of the run
 */
gboolean
gw_import_task_run_finish (GwImportTask  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (GW_IS_IMPORT_TASK (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gw_import_task_run_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} GwRunSync;

static void
run_sync_cb (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GwRunSync *sync = user_data;

  sync->result = g_object_ref (result);
  g_main_loop_quit (sync->loop);
}

/**
 * gw_import_task_run:
 * @self: a task that has not been started
 * @cancellable: (nullable): as for gw_import_task_run_async()
 * @error: as for gw_import_task_run_finish()
 *
 * Runs the task to its end on a private main context, pushed as the
 * thread-default one meanwhile, so it can be called from main() of a program
 * without a main loop.  Signals are emitted on this thread.
 *
 * Returns: FALSE only when cancelled
 */
gboolean
gw_import_task_run (GwImportTask  *self,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  GwRunSync sync = { NULL, NULL };
  gboolean ok;

  g_return_val_if_fail (GW_IS_IMPORT_TASK (self), FALSE);
  g_return_val_if_fail (!self->started, FALSE);

  context = g_main_context_new ();
  loop = g_main_loop_new (context, FALSE);
  sync.loop = loop;

  g_main_context_push_thread_default (context);
  gw_import_task_run_async (self, cancellable, run_sync_cb, &sync);
  while (sync.result == NULL)
    g_main_loop_run (loop);
  ok = gw_import_task_run_finish (self, sync.result, error);
  g_clear_object (&sync.result);
  g_main_context_pop_thread_default (context);

  return ok;
}

/**
 * gw_import_task_get_n_results:
 * @self: the task
 *
 * Returns: how many files have a result so far (all of them once finished)
 */
guint
gw_import_task_get_n_results (GwImportTask *self)
{
  g_return_val_if_fail (GW_IS_IMPORT_TASK (self), 0);

  return self->results->len;
}

/**
 * gw_import_task_get_result:
 * @self: the task
 * @index: less than gw_import_task_get_n_results()
 *
 * Returns: (transfer none): the result of the @index-th file, owned by the task
 */
const GwImportResult *
gw_import_task_get_result (GwImportTask *self,
                           guint         index)
{
  g_return_val_if_fail (GW_IS_IMPORT_TASK (self), NULL);
  g_return_val_if_fail (index < self->results->len, NULL);

  return &g_array_index (self->results, GwImportResult, index);
}

/**
 * gw_import_task_get_n_failed:
 * @self: the task
 *
 * Returns: the number of files so far whose result is REJECTED or FAILED
 */
guint
gw_import_task_get_n_failed (GwImportTask *self)
{
  guint n = 0;

  g_return_val_if_fail (GW_IS_IMPORT_TASK (self), 0);

  for (guint i = 0; i < self->results->len; i++)
    {
      const GwImportResult *result = &g_array_index (self->results, GwImportResult, i);

      if (result->kind == GW_IMPORT_RESULT_REJECTED || result->kind == GW_IMPORT_RESULT_FAILED)
        n++;
    }
  return n;
}
