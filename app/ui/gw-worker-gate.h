/* gw-worker-gate.h: waiting for a worker thread to let go of the dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A widget that computes in a GTask thread (the SII of the area view and
 * of the tracker table) may be disposed of while the thread still runs.
 * The thread drops its reference to the dataset before it opens its gate;
 * dispose cancels the task and waits at the gate, which takes at most one
 * SII's computation (the threads look at the cancellable between two), so
 * that nothing the window shared outlives it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _GwWorkerGate GwWorkerGate;

GwWorkerGate *gw_worker_gate_new   (void);
GwWorkerGate *gw_worker_gate_ref   (GwWorkerGate *gate);
void          gw_worker_gate_unref (GwWorkerGate *gate);
/* The thread: done with what it shared. */
void          gw_worker_gate_open  (GwWorkerGate *gate);
/* Blocks until the gate is open. */
void          gw_worker_gate_wait  (GwWorkerGate *gate);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwWorkerGate, gw_worker_gate_unref)

G_END_DECLS
