/* gw-fuzz.h: what the fuzz targets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each target is one LLVMFuzzerTestOneInput().  With -Dfuzzing=true and clang
 * it is linked with libFuzzer; in every build it is also linked with
 * gw-fuzz-replay.c, whose main() runs it on every file of its seed corpus, so
 * the suite replays the corpora without fuzzing.
 */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

G_BEGIN_DECLS

int   LLVMFuzzerTestOneInput    (const uint8_t *data,
                                 size_t         size);

/* A private folder for the target's files (made once, removed at exit: each
 * target removes its files after each input).  The
 * first call also makes a critical abort (a broken precondition is a
 * finding) and hides the program's warnings (see gw-fuzz.c). */
const char *gw_fuzz_dir         (void);

/* Writes data to name in gw_fuzz_dir(); the path is newly allocated. */
char       *gw_fuzz_write       (const char    *name,
                                 const uint8_t *data,
                                 size_t         size);

G_END_DECLS
