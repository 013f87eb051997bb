/* gw-problem.h: one error or warning found in a file, with where
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  GW_PROBLEM_OTHER = 0,
  /* a code that no export imported so far declares: the file may import
   * once the file that declares it has (see GwImportTask) */
  GW_PROBLEM_UNKNOWN_REFERENCE,
} GwProblemKind;

typedef struct
{
  char  *file;      /* the path as given */
  guint  line;      /* 1-based; 0 when not known */
  guint  column;    /* 1-based; 0 when not known */
  char  *message;   /* translated, names the element, the value and what was expected */
  GwProblemKind kind;
} GwProblem;

#define GW_TYPE_PROBLEM (gw_problem_get_type ())
GType       gw_problem_get_type (void) G_GNUC_CONST;
GwProblem  *gw_problem_new      (const char      *file,
                                 guint            line,
                                 guint            column,
                                 const char      *message);
GwProblem  *gw_problem_copy     (const GwProblem *problem);
void        gw_problem_free     (GwProblem       *problem);
/* "deaths-2007-06.xml:48:7: n=\"-3\" is not a non-negative integer" (the
 * file's basename; line and column left out when 0); escaped as below */
char       *gw_problem_format   (const GwProblem *problem);
/* Text (a file name, a message) as one line of valid UTF-8: bytes that are
 * not UTF-8 as \xNN, newlines and other controls as \n, \t, \xNN, \uNNNN */
char       *gw_problem_escape   (const char      *text,
                                 gssize           len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwProblem, gw_problem_free)

G_END_DECLS
