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

G_END_DECLS
