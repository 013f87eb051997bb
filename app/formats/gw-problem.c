/* gw-problem.c: one error or warning found in a file, with where
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gw-problem.h"

#include <string.h>

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
 * gw_problem_escape:
 * @text: (nullable): bytes to show, a file name or a message
 * @len: the length of @text in bytes, or -1 when NUL-terminated
 *
 * @text made fit to show on one line of a terminal, a log or a JSON string:
 * valid UTF-8 whatever the bytes (a byte that is not UTF-8 becomes \xNN),
 * and no character that starts a new line or moves the cursor (newline as
 * \n, carriage return \r, tab \t, other C0 controls and DEL \xNN, C1
 * controls and the Unicode line and paragraph separators \uNNNN).  A file
 * named "x\nother.xml:1:1: injected" then cannot forge a line of its own
 * among the errors.
 *
 * Returns: (transfer full): the text
 */
char *
gw_problem_escape (const char *text,
                   gssize      len)
{
  const char *p, *end;
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  if (len < 0)
    len = strlen (text);

  out = g_string_sized_new (len);
  for (p = text, end = text + len; p < end;)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      const char *next;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02X", (guchar) *p);
          p++;
          continue;
        }
      next = g_utf8_next_char (p);
      if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02X", c);
      else if ((c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029)
        g_string_append_printf (out, "\\u%04X", c);
      else
        g_string_append_len (out, p, next - p);
      p = next;
    }

  return g_string_free (out, FALSE);
}

/**
 * gw_problem_format:
 * @problem: a problem
 *
 * Formats the problem the way compilers do, so that editors and people can
 * jump to it: "deaths-2007-06.xml:48:7: message".  The file is shown by its
 * basename; the line is left out when unknown, and so is the column.  The
 * name and the message are escaped (gw_problem_escape()): one problem is one
 * line of valid UTF-8 whatever the file is called.
 *
 * Returns: (transfer full): the text
 */
char *
gw_problem_format (const GwProblem *problem)
{
  g_autofree char *raw_base = NULL;
  g_autofree char *base = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (problem != NULL, NULL);

  message = gw_problem_escape (problem->message, -1);
  if (problem->file == NULL || problem->file[0] == '\0')
    {
      if (problem->line == 0)
        return g_steal_pointer (&message);
      if (problem->column == 0)
        return g_strdup_printf ("%u: %s", problem->line, message);
      return g_strdup_printf ("%u:%u: %s", problem->line, problem->column, message);
    }

  raw_base = g_path_get_basename (problem->file);
  base = gw_problem_escape (raw_base, -1);
  if (problem->line == 0)
    return g_strdup_printf ("%s: %s", base, message);
  if (problem->column == 0)
    return g_strdup_printf ("%s:%u: %s", base, problem->line, message);
  return g_strdup_printf ("%s:%u:%u: %s", base, problem->line, problem->column, message);
}
