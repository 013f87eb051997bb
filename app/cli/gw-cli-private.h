/* gw-cli-private.h: what the commands of gapwatch-cli share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gapwatch-cli is one dispatcher (gw-cli.c) and one file per command
 * (gw-cli-<command>.c).  To add a command: write its run function, declare it
 * below, add a row to the table in gw-cli.c and the file to meson.build.
 *
 * Contract for scripts: data on stdout, messages on stderr; exit status 0 when
 * everything was valid, 1 when some input was invalid or could not be read,
 * 2 for a usage error.
 */
#pragma once

#include <glib.h>

#include "model/gw-dataset.h"
#include "formats/gw-import-task.h"
#include "session/gw-session.h"
#include "session/gw-table-writer.h"

G_BEGIN_DECLS

typedef enum
{
  GW_CLI_EXIT_OK      = 0,
  GW_CLI_EXIT_INVALID = 1,
  GW_CLI_EXIT_USAGE   = 2,
} GwCliExit;

typedef struct _GwCliCommand GwCliCommand;

/* argv[0] is the program and command ("gapwatch-cli check"); the rest are the
 * command's own arguments.  Returns the exit status (GwCliExit). */
typedef int (*GwCliRunFunc) (const GwCliCommand *command,
                             int                 argc,
                             char              **argv);

struct _GwCliCommand
{
  const char   *name;      /* as typed: "check" */
  const char   *summary;   /* N_(): one line for the command list and --help */
  GwCliRunFunc  run;
};

/* The commands (gw-cli-<name>.c). */
int             gw_cli_check_run          (const GwCliCommand  *command,
                                           int                  argc,
                                           char               **argv);
int             gw_cli_import_run         (const GwCliCommand  *command,
                                           int                  argc,
                                           char               **argv);
int             gw_cli_summary_run        (const GwCliCommand  *command,
                                           int                  argc,
                                           char               **argv);
int             gw_cli_indicators_run     (const GwCliCommand  *command,
                                           int                  argc,
                                           char               **argv);
int             gw_cli_targets_run        (const GwCliCommand  *command,
                                           int                  argc,
                                           char               **argv);
int             gw_cli_track_run          (const GwCliCommand  *command,
                                           int                  argc,
                                           char               **argv);
int             gw_cli_render_run         (const GwCliCommand  *command,
                                           int                  argc,
                                           char               **argv);
int             gw_cli_report_run         (const GwCliCommand  *command,
                                           int                  argc,
                                           char               **argv);
int             gw_cli_decompose_run      (const GwCliCommand  *command,
                                           int                  argc,
                                           char               **argv);
int             gw_cli_reckon_run         (const GwCliCommand  *command,
                                           int                  argc,
                                           char               **argv);
int             gw_cli_sii_run            (const GwCliCommand  *command,
                                           int                  argc,
                                           char               **argv);

/* gw-cli-common.c */

/* A GOptionContext for a command, translated with GETTEXT_PACKAGE.
 * description is untranslated (N_()), or NULL.  Give the files as a
 * G_OPTION_REMAINING entry with arg_description N_("FILE…"): that is what the
 * "Usage:" line shows after [OPTION…]. */
GOptionContext *gw_cli_option_context_new (const GwCliCommand  *command,
                                           const char          *description,
                                           const GOptionEntry  *entries);
/* Parses argv with context.  Returns TRUE to go on; otherwise the usage error
 * has been printed and the command should return GW_CLI_EXIT_USAGE.  --help
 * prints the help on stdout and exits with 0 (GOptionContext does that). */
gboolean        gw_cli_parse_options      (const GwCliCommand  *command,
                                           GOptionContext      *context,
                                           int                  argc,
                                           char               **argv);
/* Prints "gapwatch-cli COMMAND: message" and a hint to --help on stderr.
 * Returns GW_CLI_EXIT_USAGE for `return gw_cli_usage_error (...)`. */
int             gw_cli_usage_error        (const GwCliCommand  *command,
                                           const char          *format,
                                           ...) G_GNUC_PRINTF (2, 3);

/* Called once per file after the import, in the order the files were given,
 * once every error is on stderr. */
typedef void (*GwCliFileDoneFunc) (const GwImportResult *result,
                                   gpointer              user_data);

/* Imports files in the order given into dataset, through GwImportTask (the
 * window's code path).  Shows a one-line progress on stderr when stderr is a
 * terminal; prints the errors of every rejected or unreadable file on stderr
 * as soon as they are final (a file refused for codes a later file may
 * declare is retried by the task, so its errors wait for the end).  Returns
 * the finished task (its results); file_done may be NULL. */
GwImportTask   *gw_cli_import             (GwDataset           *dataset,
                                           const char * const  *files,
                                           GwCliFileDoneFunc    file_done,
                                           gpointer             user_data);
/* The messages to show for a result that is REJECTED, FAILED or CANCELLED, each
 * "FILE:LINE:COL: message" (gw_problem_format) or "FILE: message"; an empty
 * array for the others. */
GPtrArray      *gw_cli_result_messages    (const GwImportResult *result);
/* Whether a result counts as invalid input (exit status 1). */
gboolean        gw_cli_result_failed      (const GwImportResult *result);

/* The --workspace option of every command that reads exports. */
#define GW_CLI_WORKSPACE_OPTION(var) \
  { "workspace", 0, 0, G_OPTION_ARG_FILENAME, &(var), \
    N_("Load the imports of this workspace first (the files given are not stored)"), N_("PATH") }

/* --structure and --mapping of every command that reads files: an SDMX-ML
 * structure message and mappings for every SDMX-ML message read
 * (gw_sdmx_set_options, applied by gw_cli_parse_options). */
extern char  *gw_cli_sdmx_structure;
extern char **gw_cli_sdmx_mappings;
#define GW_CLI_SDMX_OPTIONS \
  { "structure", 0, 0, G_OPTION_ARG_FILENAME, &gw_cli_sdmx_structure, \
    N_("The SDMX-ML structure message of the SDMX-ML files (default: NAME-structure.xml beside each)"), N_("FILE") }, \
  { "mapping", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &gw_cli_sdmx_mappings, \
    N_("How SDMX-ML observations become records: a mapping key file, tried before the built-in ones (may be repeated)"), N_("FILE") }

/* gw-cli-workspace.c: the start of every command that reads exports: a new
 * session holding the workspace's imports and targets (when workspace is not
 * NULL; opened read-only), then the files imported in the order given through
 * gw_cli_import (*task_out: the finished task).  NULL, with the message
 * printed, when the workspace cannot be read. */
GwSession      *gw_cli_load               (const GwCliCommand  *command,
                                           const char          *workspace,
                                           char               **files,
                                           GwCliFileDoneFunc    file_done,
                                           gpointer             user_data,
                                           GwImportTask       **task_out);
/* The target of this id (NULL: le-2010), built-in or the session's
 * workspace's; NULL when there is none, with a usage error printed that
 * lists the known ones (return GW_CLI_EXIT_USAGE). */
GwTarget       *gw_cli_lookup_target      (const GwCliCommand  *command,
                                           GwSession           *session,
                                           const char          *id);
/* --format of the commands that write tables: csv (NULL), json or table;
 * FALSE with the usage error printed (return GW_CLI_EXIT_USAGE). */
gboolean        gw_cli_parse_table_format (const GwCliCommand  *command,
                                           const char          *text,
                                           GwTableFormat       *out);
/* Writes text to path (stdout when NULL) and returns status, or prints what
 * could not be written and returns GW_CLI_EXIT_INVALID. */
int             gw_cli_write_out          (const GwCliCommand  *command,
                                           const GString       *text,
                                           const char          *path,
                                           int                  status);

/* gw-cli-decompose.c: what `decompose` and `reckon` share (`sii` too: the
 * options and the subject) */

/* An area (is_group FALSE) or a group of the dataset. */
typedef struct
{
  gboolean is_group;
  guint    subject;
} GwCliSubject;

/* --sex and --period: FALSE with the usage error printed. */
gboolean        _gw_cli_gap_parse         (const GwCliCommand  *command,
                                           const char          *sex,
                                           const char          *period,
                                           guint               *sexes,
                                           GwPeriod            *period_out);
/* The area (or the group, when group is not NULL) by its code; FALSE with
 * the message printed when there is none. */
gboolean        _gw_cli_lookup_subject    (const GwCliCommand  *command,
                                           GwDataset           *dataset,
                                           const char          *area,
                                           const char          *group,
                                           GwCliSubject        *out);
/* The area or group asked for, or every area with deaths but the comparator
 * and small areas; NULL with the message printed when it is unknown. */
GArray         *_gw_cli_gap_subjects      (const GwCliCommand  *command,
                                           GwDataset           *dataset,
                                           const char          *area,
                                           const char          *group,
                                           gint                 comparator);
/* The decompositions (GwGapDecomp) of the subjects and sexes; a subject
 * without counts is named in one note (an error when it was the only one
 * asked for, *failed set), other errors printed as they come. */
GPtrArray      *_gw_cli_gap_decompose     (const GwCliCommand  *command,
                                           GwSession           *session,
                                           GArray              *subjects,
                                           guint                sexes,
                                           GwPeriod             period,
                                           gint                 comparator,
                                           GwGapCauseLevel      causes,
                                           gboolean            *failed);

G_END_DECLS
