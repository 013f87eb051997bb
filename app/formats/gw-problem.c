/* gw-problem.c: one error or warning found in a file, with where
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gw-problem.h"

G_DEFINE_BOXED_TYPE (GwProblem, gw_problem, gw_problem_copy, gw_problem_free)

/**
 * gw_problem_new:
 * @file: the path of the file as the user gave it
 * @line: 1-based line, or 0 when not known
 * @column: 1-based column (in characters), or 0 when not known
 * @message: the translated message
 *
 * Returns: (transfer full): a new problem
 */
GwProblem *
gw_problem_new (const char *file,
                guint       line,
                guint       column,
                const char *message)
{
  GwProblem *problem;

  g_return_val_if_fail (message != NULL, NULL);

  problem = g_new0 (GwProblem, 1);
  problem->file = g_strdup (file);
  problem->line = line;
  problem->column = column;
  problem->message = g_strdup (message);

  return problem;
}

GwProblem *
gw_problem_copy (const GwProblem *problem)
{
  g_return_val_if_fail (problem != NULL, NULL);


  GwProblem *copy = gw_problem_new (problem->file, problem->line, problem->column,
                                    problem->message);

  copy->kind = problem->kind;
  return copy;
}

void
gw_problem_free (GwProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->file);
  g_free (problem->message);
  g_free (problem);
}

/**
 * gw_problem_format:
 * @problem: a problem
 *
 * Formats the problem the way compilers do, so that editors and people can
 * jump to it: "deaths-2007-06.xml:48:7: message".  The file is shown by its
 * basename; the line is left out when unknown, and so is the column.
 *
 * Returns: (transfer full): the text
 */
char *
gw_problem_format (const GwProblem *problem)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (problem != NULL, NULL);

  if (problem->file == NULL || problem->file[0] == '\0')
    {
      if (problem->line == 0)
        return g_strdup (problem->message);
      if (problem->column == 0)
        return g_strdup_printf ("%u: %s", problem->line, problem->message);
      return g_strdup_printf ("%u:%u: %s", problem->line, problem->column,
                              problem->message);
    }

  base = g_path_get_basename (problem->file);
  if (problem->line == 0)
    return g_strdup_printf ("%s: %s", base, problem->message);
  if (problem->column == 0)
    return g_strdup_printf ("%s:%u: %s", base, problem->line, problem->message);
  return g_strdup_printf ("%s:%u:%u: %s", base, problem->line, problem->column,
                          problem->message);
}
