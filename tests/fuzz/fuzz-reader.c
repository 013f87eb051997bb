/* fuzz-reader.c: every export reader, through the one entry the imports use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bytes become a file; gw_reader_read_file() picks the reader by its
 * content (native export, and every reader added to app/formats), reads it
 * into a fresh dataset, and a batch it accepts is committed and removed
 * again.  Refusals are expected; only crashes, sanitizer reports, GLib
 * warnings and leaks are findings.
 */
#include "gw-fuzz.h"

#include <glib/gstdio.h>

#include "formats/gw-problem.h"
#include "formats/gw-reader.h"
#include "model/gw-dataset.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *path = gw_fuzz_write ("input", data, size);
  g_autoptr(GwDataset) dataset = gw_dataset_new ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_problem_free);
  g_autoptr(GError) error = NULL;
  GwBatch *batch;
  GwImport *import;

  batch = gw_reader_read_file (dataset, path, NULL, NULL, NULL, problems, &error);
  g_unlink (path);
  /* a refusal says why */
  g_assert (batch != NULL || problems->len > 0 || error != NULL);
  if (batch == NULL)
    return 0;

  import = gw_dataset_commit (dataset, batch, &error);
  if (import != NULL)
    {
      g_assert (g_list_model_get_n_items (gw_dataset_get_imports (dataset)) == 1);
      gw_dataset_remove_import (dataset, import);
      g_assert (g_list_model_get_n_items (gw_dataset_get_imports (dataset)) == 0);
    }
  return 0;
}
