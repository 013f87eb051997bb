/* gw-tracker-sii.c: the SII of every row of the tracker table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tracker table's optional SII column (life expectancy at birth across
 * the deprivation deciles of each area, from its published values by decile
 * or its small areas' counts: gw_inequality_compute(), methods.md section
 * 4): every row's SII for men and women is computed in a GTask thread when
 * the table gets new rows, at the default 100,000 simulations and seed, so
 * the column and the area view's "Inequality within the area" give the same
 * figures.  The items are only touched on the main thread, when the task
 * is done.
 */
#include "gw-config.h"

#include <math.h>

#include "methods/gw-inequality.h"
#include "gw-tracker-item.h"
#include "gw-worker-gate.h"

typedef struct
{
  GwDataset *dataset;     /* dropped by the thread when done */
  GwWorkerGate *gate;
  GPtrArray *items;       /* GwTrackerItem, in the model's order */
  gboolean  *is_group;
  guint     *subject;
  double    *values;      /* [item][sex][value, lower, upper] */
} Fill;

static void
fill_free (Fill *fill)
{
  g_clear_object (&fill->dataset);
  g_clear_pointer (&fill->gate, gw_worker_gate_unref);
  g_clear_pointer (&fill->items, g_ptr_array_unref);
  g_free (fill->is_group);
  g_free (fill->subject);
  g_free (fill->values);
  g_free (fill);
}

static void
fill_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  Fill *fill = data;
  g_autoptr(GwInequality) ineq = gw_inequality_new (fill->dataset, 0, NULL);

  for (guint i = 0; i < fill->items->len * 6; i++)
    fill->values[i] = NAN;
  /* no small areas nor published deciles anywhere (ineq NULL): every row
   * without an SII */
  for (guint i = 0; ineq != NULL && i < fill->items->len && !g_cancellable_is_cancelled (cancellable); i++)
    for (guint s = 0; s < 2; s++)
      {
        GwInequalityValue v;
        double *out = fill->values + (i * 2 + s) * 3;

        if (!gw_inequality_compute (ineq, fill->is_group[i], fill->subject[i], GW_SEX_MALE + s, 0, NULL, &v, NULL))
          continue;
        out[0] = v.sii.sii;
        out[1] = v.sii.sii_lower[GW_SII_LEVEL_95];
        out[2] = v.sii.sii_upper[GW_SII_LEVEL_95];
      }
  g_clear_pointer (&ineq, gw_inequality_free);
  g_clear_object (&fill->dataset);
  gw_worker_gate_open (fill->gate);
  g_task_return_boolean (task, TRUE);
}

void
gw_tracker_items_fill_sii_async (GListModel          *items,
                                 GwDataset           *dataset,
                                 GwWorkerGate        *gate,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Fill *fill;
  guint n;

  g_return_if_fail (G_IS_LIST_MODEL (items));
  g_return_if_fail (GW_IS_DATASET (dataset));

  n = g_list_model_get_n_items (items);
  fill = g_new0 (Fill, 1);
  fill->dataset = g_object_ref (dataset);
  fill->gate = gw_worker_gate_ref (gate);
  fill->items = g_ptr_array_new_full (n, g_object_unref);
  fill->is_group = g_new (gboolean, n);
  fill->subject = g_new (guint, n);
  fill->values = g_new (double, (gsize) n * 6);
  for (guint i = 0; i < n; i++)
    {
      GwTrackerItem *item = g_list_model_get_item (items, i);

      fill->is_group[i] = gw_tracker_item_is_group (item);
      fill->subject[i] = gw_tracker_item_get_subject (item);
      g_ptr_array_add (fill->items, item);
    }
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gw_tracker_items_fill_sii_async);
  g_task_set_task_data (task, fill, (GDestroyNotify) fill_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, fill_thread);
}

/**
 * gw_tracker_items_fill_sii_finish:
 * @result: the task
 * @error: %G_IO_ERROR_CANCELLED when it was cancelled (the items are then
 *   left as they were)
 *
 * Sets every item's SII of men and women (NAN where it has none).
 *
 * Returns: whether any item has an SII
 */
gboolean
gw_tracker_items_fill_sii_finish (GAsyncResult  *result,
                                  GError       **error)
{
  Fill *fill;
  gboolean any = FALSE;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  /* new rows came while it ran: these items are not shown any more */
  if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (G_TASK (result)), error))
    return FALSE;
  fill = g_task_get_task_data (G_TASK (result));
  for (guint i = 0; i < fill->items->len; i++)
    for (guint s = 0; s < 2; s++)
      {
        const double *v = fill->values + (i * 2 + s) * 3;

        gw_tracker_item_set_sii (g_ptr_array_index (fill->items, i), GW_SEX_MALE + s, v[0], v[1], v[2]);
        any |= !isnan (v[0]);
      }
  return any;
}
