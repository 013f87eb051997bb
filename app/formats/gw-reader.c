/* gw-reader.c: a reader of one format of data export, and the list of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gw-config.h"
#include "gw-reader.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gw-csv-reader.h"
#include "gw-export-reader.h"
#include "gw-sdmx-reader.h"
#include "gw-spreadsheetml-reader.h"

G_DEFINE_QUARK (gw-export-error-quark, gw_export_error)

/* Every reader, asked in this order; the surest wins.  A new format is one
 * line here (its get_type). */
static GType (*const reader_types[]) (void) = {
  gw_export_reader_get_type,
  gw_csv_reader_get_type,
  gw_spreadsheetml_reader_get_type,
  gw_sdmx_reader_get_type,
};

G_DEFINE_ABSTRACT_TYPE (GwReader, gw_reader, G_TYPE_OBJECT)

static void
gw_reader_class_init (GwReaderClass *klass)
{
}

static void
gw_reader_init (GwReader *self)
{
}

static int
compare_problems (gconstpointer a, gconstpointer b)
{
  const GwProblem *x = *(const GwProblem **) a, *y = *(const GwProblem **) b;

  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  return x->column < y->column ? -1 : x->column > y->column;
}

/* The error of an invalid file: its first problem (in the order of the
 * file, whatever order they were found in) and how many more there are. */
static void
set_invalid (GPtrArray *problems, GError **error)
{
  g_autofree char *first = NULL;
  guint n = problems->len;

  g_ptr_array_sort (problems, compare_problems);
  first = gw_problem_format (g_ptr_array_index (problems, 0));
  if (n >= GW_EXPORT_MAX_ERRORS)
    g_set_error (error, GW_EXPORT_ERROR, GW_EXPORT_ERROR_INVALID,
                 _("%s (and at least %u more errors: Gapwatch stops reading a file at %u)"),
                 first, n - 1, GW_EXPORT_MAX_ERRORS);
  else if (n > 1)
    g_set_error (error, GW_EXPORT_ERROR, GW_EXPORT_ERROR_INVALID,
                 ngettext ("%s (and %u more error)", "%s (and %u more errors)", n - 1), first, n - 1);
  else
    g_set_error_literal (error, GW_EXPORT_ERROR, GW_EXPORT_ERROR_INVALID, first);
}

/* An error of the file as a whole (cannot be opened, corrupt gzip): named
 * with the file, and a problem at no position when it is the file's fault. */
static void
fail_file (const char *path, GError *local, GPtrArray *errors, GError **error)
{
  if (local->domain == GW_EXPORT_ERROR)
    {
      g_autofree char *base = g_path_get_basename (path);

      if (errors != NULL)
        g_ptr_array_add (errors, gw_problem_new (path, 0, 0, local->message));
      g_prefix_error (&local, "%s: ", base);
    }
  g_propagate_error (error, local);
}

/**
 * gw_reader_read:
 * @self: a reader
 * @dataset: what the file may refer to (areas and groups of earlier imports)
 * @input: the file, read from its start
 * @errors: (nullable): where every problem (GwProblem) of an invalid file goes
 * @error: GW_EXPORT_ERROR_INVALID with the first problem, formatted, and how
 *   many more there are; GW_EXPORT_ERROR_IO or G_IO_ERROR_CANCELLED
 *
 * Reads a whole file.  Warnings of a valid file are in the batch, with the
 * file's path and SHA-256.
 *
 * Returns: (transfer full) (nullable): the batch, or NULL
 */
GwBatch *
gw_reader_read (GwReader   *self,
                GwDataset  *dataset,
                GwInput    *input,
                GPtrArray  *errors,
                GError    **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_problem_free);
  GError *local = NULL;
  GwBatch *batch;

  g_return_val_if_fail (GW_IS_READER (self), NULL);
  g_return_val_if_fail (GW_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (input != NULL, NULL);

  batch = GW_READER_GET_CLASS (self)->read (self, dataset, input, problems, &local);
  if (local != NULL)
    {
      g_clear_pointer (&batch, gw_batch_free);
      fail_file (gw_input_get_path (input), local, errors, error);
      return NULL;
    }
  if (batch == NULL || problems->len > 0)
    {
      g_clear_pointer (&batch, gw_batch_free);
      if (problems->len == 0)
        g_ptr_array_add (problems, gw_problem_new (gw_input_get_path (input), 0, 0, _("not an export Gapwatch reads")));
      set_invalid (problems, error);
      if (errors != NULL)
        for (guint i = 0; i < problems->len; i++)
          g_ptr_array_add (errors, gw_problem_copy (g_ptr_array_index (problems, i)));
      return NULL;
    }
  gw_batch_set_source (batch, gw_input_get_path (input), gw_input_get_sha256 (input));
  return batch;
}

static GwInput *
open_input (const char      *path,
            GCancellable    *cancellable,
            GwProgressFunc   progress,
            gpointer         progress_data,
            GPtrArray       *errors,
            GError         **error)
{
  GError *local = NULL;
  GwInput *input;

  gw_formats_init ();
  input = gw_input_open (path, cancellable, progress, progress_data, &local);
  if (input == NULL)
    fail_file (path, local, errors, error);
  return input;
}

/**
 * gw_reader_read_path:
 * @self: a reader
 * @dataset: as for gw_reader_read()
 * @path: the file, read with @self whatever it looks like
 * @cancellable: (nullable): gives G_IO_ERROR_CANCELLED
 * @progress: (nullable): bytes on disk read so far, from the reading thread
 * @progress_data: for @progress
 * @errors: (nullable): as for gw_reader_read()
 * @error: as for gw_reader_read()
 *
 * Returns: (transfer full) (nullable): the batch, or NULL
 */
GwBatch *
gw_reader_read_path (GwReader       *self,
                     GwDataset      *dataset,
                     const char     *path,
                     GCancellable   *cancellable,
                     GwProgressFunc  progress,
                     gpointer        progress_data,
                     GPtrArray      *errors,
                     GError        **error)
{
  g_autoptr(GwInput) input = NULL;

  g_return_val_if_fail (GW_IS_READER (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  input = open_input (path, cancellable, progress, progress_data, errors, error);
  return input != NULL ? gw_reader_read (self, dataset, input, errors, error) : NULL;
}

/**
 * gw_reader_find:
 * @head: the first bytes of a file
 *
 * Returns: (transfer full) (nullable): the reader surest to read the file,
 *   or NULL when none does
 */
GwReader *
gw_reader_find (const GwHead *head)
{
  GType best = G_TYPE_INVALID;
  guint best_score = 0;

  g_return_val_if_fail (head != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (reader_types); i++)
    {
      GType type = reader_types[i] ();
      GwReaderClass *klass = g_type_class_ref (type);
      guint score = klass->sniff (head);

      g_type_class_unref (klass);
      if (score > best_score)
        {
          best = type;
          best_score = score;
        }
    }
  return best != G_TYPE_INVALID ? g_object_new (best, NULL) : NULL;
}

/**
 * gw_reader_read_file:
 * @dataset: as for gw_reader_read()
 * @path: the file
 * @cancellable: (nullable): gives G_IO_ERROR_CANCELLED
 * @progress: (nullable): bytes on disk read so far, from the reading thread
 * @progress_data: for @progress
 * @errors: (nullable): as for gw_reader_read()
 * @error: as for gw_reader_read(); a file no reader takes is
 *   GW_EXPORT_ERROR_INVALID, with what it looks like
 *
 * Reads a file with the reader its first bytes call for.
 *
 * Returns: (transfer full) (nullable): the batch, or NULL
 */
GwBatch *
gw_reader_read_file (GwDataset      *dataset,
                     const char     *path,
                     GCancellable   *cancellable,
                     GwProgressFunc  progress,
                     gpointer        progress_data,
                     GPtrArray      *errors,
                     GError        **error)
{
  g_autoptr(GwInput) input = NULL;
  g_autoptr(GwReader) reader = NULL;
  GwHead head;
  const guchar *data;
  gsize len;

  g_return_val_if_fail (GW_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  input = open_input (path, cancellable, progress, progress_data, errors, error);
  if (input == NULL)
    return NULL;
  data = gw_input_peek (input, &len);
  gw_head_init (&head, data, len, gw_input_is_gzip (input));
  reader = gw_reader_find (&head);
  if (reader == NULL)
    {
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_problem_free);

      g_ptr_array_add (problems, gw_problem_new (path, 0, 0, gw_head_describe (&head)));
      gw_head_clear (&head);
      set_invalid (problems, error);
      if (errors != NULL)
        g_ptr_array_add (errors, gw_problem_copy (g_ptr_array_index (problems, 0)));
      return NULL;
    }
  gw_head_clear (&head);
  return gw_reader_read (reader, dataset, input, errors, error);
}
