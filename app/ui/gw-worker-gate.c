/* gw-worker-gate.c: waiting for a worker thread to let go of the dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gw-config.h"

#include "gw-worker-gate.h"

struct _GwWorkerGate
{
  GMutex   lock;
  GCond    cond;
  gboolean open;
};

static void
gate_clear (gpointer data)
{
  GwWorkerGate *gate = data;

  g_mutex_clear (&gate->lock);
  g_cond_clear (&gate->cond);
}

GwWorkerGate *
gw_worker_gate_new (void)
{
  GwWorkerGate *gate = g_atomic_rc_box_new0 (GwWorkerGate);

  g_mutex_init (&gate->lock);
  g_cond_init (&gate->cond);
  return gate;
}

GwWorkerGate *
gw_worker_gate_ref (GwWorkerGate *gate)
{
  return g_atomic_rc_box_acquire (gate);
}

void
gw_worker_gate_unref (GwWorkerGate *gate)
{
  g_atomic_rc_box_release_full (gate, gate_clear);
}

void
gw_worker_gate_open (GwWorkerGate *gate)
{
  g_mutex_lock (&gate->lock);
  gate->open = TRUE;
  g_cond_broadcast (&gate->cond);
  g_mutex_unlock (&gate->lock);
}

void
gw_worker_gate_wait (GwWorkerGate *gate)
{
  g_mutex_lock (&gate->lock);
  while (!gate->open)
    g_cond_wait (&gate->cond, &gate->lock);
  g_mutex_unlock (&gate->lock);
}
