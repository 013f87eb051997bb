/* gw-sii-private.h: the SII's normal generator, for its benchmark and tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Fills @out with @n standard normal variates of stream @stream of @seed:
 * the generator the SII's simulation uses (xoshiro256** + ziggurat). */
void  _gw_sii_fill_normal  (guint64  seed,
                            guint64  stream,
                            double  *out,
                            gsize    n);

/* Places the order statistics @k[0] < ... < @k[n_k - 1] (0-based) of
 * v[0..n) at v[k[i]], as a full sort would; fastest when they lie in the
 * tails (the limits). */
void  _gw_sii_select       (double      *v,
                            gsize        n,
                            const gsize *k,
                            guint        n_k);

G_END_DECLS
