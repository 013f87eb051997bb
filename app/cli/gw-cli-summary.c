/* gw-cli-summary.c: `gapwatch-cli summary`, import exports and describe them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The JSON keys are a contract for scripts (see the brief of this command in
 * the README): imports, rejected, counts, areas, areas_by_type, groups,
 * periods.  The text report is for a person and may change.
 */
#include "gw-config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "model/gw-period.h"
#include "gw-cli-private.h"

typedef enum
{
  FORMAT_TEXT,
  FORMAT_JSON,
} SummaryFormat;

/* JSON names of the record kinds, in GwRecordKind order, and the headings
 * of the text report. */
static const struct
{
  GwRecordKind  kind;
  const char   *key;
  const char   *label;
} record_kinds[] = {
  { GW_RECORD_DEATHS,     "deaths",           N_("Deaths") },
  { GW_RECORD_POPULATION, "population",       N_("Population") },
  { GW_RECORD_BIRTHS,     "births",           N_("Births") },
  { GW_RECORD_VALUES,     "indicator_values", N_("Indicator values") },
};

/* What the files left behind: rejected results, and the dataset itself. */
typedef struct
{
  GwDataset    *dataset;
  GwImportTask *task;
} Summary;

typedef struct
{
  GwPeriod first;
  GwPeriod last;
  guint    count;
} PeriodRange;

/* Splits the sorted distinct periods of a kind of record by period kind.
 * Periods sort by first year, then kind, then month, quarter or length, so
 * within one period kind the first and last seen are the earliest and latest. */
static void
collect_ranges (GwDataset    *dataset,
                GwRecordKind  kind,
                PeriodRange   ranges[GW_N_PERIOD_KINDS])
{
  g_autoptr(GArray) periods = gw_dataset_collect_periods (dataset, kind);

  memset (ranges, 0, sizeof (PeriodRange) * GW_N_PERIOD_KINDS);
  if (periods == NULL)
    return;

  for (guint i = 0; i < periods->len; i++)
    {
      GwPeriod period = g_array_index (periods, GwPeriod, i);
      guint pk = gw_period_kind (period);

      if (pk == 0 || pk >= GW_N_PERIOD_KINDS)
        continue;
      if (ranges[pk].count == 0)
        ranges[pk].first = period;
      ranges[pk].last = period;
      ranges[pk].count++;
    }
}

static gboolean
result_is_rejected (const GwImportResult *result)
{
  return gw_cli_result_failed (result);
}

static guint
count_areas_of_type (GwDataset  *dataset,
                     GwAreaType  type)
{
  guint n = 0;

  for (guint i = 0; i < gw_dataset_n_areas (dataset); i++)
    if (gw_dataset_get_area (dataset, i)->type == type)
      n++;
  return n;
}

static guint
count_group_members (GwDataset *dataset,
                     guint      group)
{
  g_autoptr(GArray) members = gw_dataset_group_members (dataset, group);

  return members != NULL ? members->len : 0;
}

/* JSON */

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* A file name as the user gave it is bytes, not text: escaped
 * (gw_problem_escape) so the JSON is valid UTF-8 whatever the name. */
static void
add_file_member (JsonBuilder *builder,
                 const char  *name,
                 const char  *path)
{
  g_autofree char *shown = gw_problem_escape (path, -1);

  add_string_member (builder, name, shown);
}

static void
add_int_member (JsonBuilder *builder,
                const char  *name,
                gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
build_json_imports (JsonBuilder *builder,
                    GwDataset   *dataset)
{
  GListModel *imports = gw_dataset_get_imports (dataset);
  guint n = g_list_model_get_n_items (imports);

  json_builder_set_member_name (builder, "imports");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GwImport) import = g_list_model_get_item (imports, i);
      g_autofree char *generated = gw_import_format_generated (import);

      json_builder_begin_object (builder);
      add_string_member (builder, "id", gw_import_get_id (import));
      add_file_member (builder, "file", gw_import_get_file (import));
      add_string_member (builder, "generated", generated);
      add_int_member (builder, "records", gw_import_get_records (import));
      add_int_member (builder, "revisions", gw_import_get_revisions (import));
      add_int_member (builder, "warnings", gw_import_get_n_warnings (import));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
build_json_rejected (JsonBuilder  *builder,
                     GwImportTask *task)
{
  json_builder_set_member_name (builder, "rejected");
  json_builder_begin_array (builder);
  for (guint i = 0; i < gw_import_task_get_n_results (task); i++)
    {
      const GwImportResult *result = gw_import_task_get_result (task, i);
      g_autoptr(GPtrArray) messages = NULL;

      if (!result_is_rejected (result))
        continue;

      messages = gw_cli_result_messages (result);
      json_builder_begin_object (builder);
      add_file_member (builder, "file", result->path);
      json_builder_set_member_name (builder, "errors");
      json_builder_begin_array (builder);
      for (guint j = 0; j < messages->len; j++)
        json_builder_add_string_value (builder, g_ptr_array_index (messages, j));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
build_json_areas (JsonBuilder *builder,
                  GwDataset   *dataset)
{
  add_int_member (builder, "areas", gw_dataset_n_areas (dataset));

  json_builder_set_member_name (builder, "areas_by_type");
  json_builder_begin_object (builder);
  for (guint type = 0; type < GW_N_AREA_TYPES; type++)
    {
      guint n = count_areas_of_type (dataset, type);

      if (n > 0)
        add_int_member (builder, gw_area_type_to_string (type), n);
    }
  json_builder_end_object (builder);
}

static void
build_json_groups (JsonBuilder *builder,
                   GwDataset   *dataset)
{
  json_builder_set_member_name (builder, "groups");
  json_builder_begin_array (builder);
  for (guint i = 0; i < gw_dataset_n_groups (dataset); i++)
    {
      const GwGroup *group = gw_dataset_get_group (dataset, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "id", group->id);
      add_string_member (builder, "name", group->name);
      add_int_member (builder, "members", count_group_members (dataset, i));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
build_json_periods (JsonBuilder *builder,
                    GwDataset   *dataset)
{
  json_builder_set_member_name (builder, "periods");
  json_builder_begin_object (builder);
  for (gsize k = 0; k < G_N_ELEMENTS (record_kinds); k++)
    {
      PeriodRange ranges[GW_N_PERIOD_KINDS];

      collect_ranges (dataset, record_kinds[k].kind, ranges);

      json_builder_set_member_name (builder, record_kinds[k].key);
      json_builder_begin_object (builder);
      for (guint pk = 1; pk < GW_N_PERIOD_KINDS; pk++)
        {
          char first[GW_PERIOD_STRLEN], last[GW_PERIOD_STRLEN];

          if (ranges[pk].count == 0)
            continue;

          json_builder_set_member_name (builder, gw_period_kind_to_string (pk));
          json_builder_begin_object (builder);
          add_string_member (builder, "first", gw_period_format (ranges[pk].first, first));
          add_string_member (builder, "last", gw_period_format (ranges[pk].last, last));
          add_int_member (builder, "count", ranges[pk].count);
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static char *
summary_to_json (const Summary *summary)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);

  build_json_imports (builder, summary->dataset);
  build_json_rejected (builder, summary->task);

  json_builder_set_member_name (builder, "counts");
  json_builder_begin_object (builder);
  for (gsize k = 0; k < G_N_ELEMENTS (record_kinds); k++)
    add_int_member (builder, record_kinds[k].key,
                    gw_dataset_count (summary->dataset, record_kinds[k].kind));
  json_builder_end_object (builder);

  build_json_areas (builder, summary->dataset);
  build_json_groups (builder, summary->dataset);
  build_json_periods (builder, summary->dataset);

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);

  return json_generator_to_data (generator, NULL);
}

/* Text */

/* A table of strings laid out in aligned columns. */
typedef struct
{
  guint      n_columns;
  gboolean  *right;       /* per column: numbers are right-aligned */
  GPtrArray *cells;       /* n_columns per row, owned strings */
} TextTable;

static void
text_table_init (TextTable      *table,
                 guint           n_columns,
                 const gboolean *right)
{
  table->n_columns = n_columns;
  table->right = g_memdup2 (right, sizeof (gboolean) * n_columns);
  table->cells = g_ptr_array_new_with_free_func (g_free);
}

static void
text_table_clear (TextTable *table)
{
  g_clear_pointer (&table->right, g_free);
  g_clear_pointer (&table->cells, g_ptr_array_unref);
}

/* Appends one row of n_columns strings, which the table takes. */
static void
text_table_add_row (TextTable *table,
                    ...)
{
  va_list args;

  va_start (args, table);
  for (guint i = 0; i < table->n_columns; i++)
    g_ptr_array_add (table->cells, va_arg (args, char *));
  va_end (args);
}

static void
text_table_append (const TextTable *table,
                   GString         *out,
                   const char      *indent)
{
  g_autofree guint *widths = g_new0 (guint, table->n_columns);
  guint n_rows = table->cells->len / table->n_columns;

  for (guint i = 0; i < table->cells->len; i++)
    {
      guint column = i % table->n_columns;

      widths[column] = MAX (widths[column],
                            gw_table_text_width (g_ptr_array_index (table->cells, i)));
    }

  for (guint row = 0; row < n_rows; row++)
    {
      g_autoptr(GString) line = g_string_new (indent);

      for (guint column = 0; column < table->n_columns; column++)
        {
          const char *cell = g_ptr_array_index (table->cells, row * table->n_columns + column);
          gboolean last = column + 1 == table->n_columns;

          if (column > 0)
            g_string_append (line, "  ");
          /* No trailing blanks after a left-aligned last column. */
          gw_table_append_padded (line, cell, last && !table->right[column] ? 0 : widths[column],
                                table->right[column]);
        }
      g_string_append_c (line, '\n');
      g_string_append (out, line->str);
    }
}

static void
append_heading (GString    *out,
                const char *heading)
{
  if (out->len > 0)
    g_string_append_c (out, '\n');
  g_string_append_printf (out, "%s\n", heading);
}

static void
append_text_imports (GString   *out,
                     GwDataset *dataset)
{
  GListModel *imports = gw_dataset_get_imports (dataset);
  guint n = g_list_model_get_n_items (imports);
  const gboolean right[] = { FALSE, FALSE, TRUE, TRUE, TRUE, FALSE };
  TextTable table;

  append_heading (out, _("Imports"));
  if (n == 0)
    {
      g_string_append_printf (out, "  %s\n", _("none"));
      return;
    }

  text_table_init (&table, G_N_ELEMENTS (right), right);
  text_table_add_row (&table,
                      g_strdup (_("ID")), g_strdup (_("Generated")), g_strdup (_("Records")),
                      g_strdup (_("Revisions")), g_strdup (_("Warnings")), g_strdup (_("File")));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GwImport) import = g_list_model_get_item (imports, i);

      text_table_add_row (&table,
                          g_strdup (gw_import_get_id (import)),
                          gw_import_format_generated (import),
                          g_strdup_printf ("%u", gw_import_get_records (import)),
                          g_strdup_printf ("%u", gw_import_get_revisions (import)),
                          g_strdup_printf ("%u", gw_import_get_n_warnings (import)),
                          gw_problem_escape (gw_import_get_file (import), -1));
    }
  text_table_append (&table, out, "  ");
  text_table_clear (&table);
}

static void
append_text_rejected (GString      *out,
                      GwImportTask *task)
{
  const gboolean right[] = { FALSE, FALSE };
  TextTable table;
  guint n = 0;

  text_table_init (&table, G_N_ELEMENTS (right), right);
  for (guint i = 0; i < gw_import_task_get_n_results (task); i++)
    {
      const GwImportResult *result = gw_import_task_get_result (task, i);
      g_autoptr(GPtrArray) messages = NULL;
      char *what;

      if (!result_is_rejected (result))
        continue;

      messages = gw_cli_result_messages (result);
      if (result->kind == GW_IMPORT_RESULT_REJECTED)
        what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors",
                                             messages->len),
                                messages->len);
      else
        what = g_strdup (_("not imported"));

      text_table_add_row (&table, gw_problem_escape (result->path, -1), what);
      n++;
    }

  if (n > 0)
    {
      append_heading (out, _("Rejected (errors on standard error)"));
      text_table_append (&table, out, "  ");
    }
  text_table_clear (&table);
}

static void
append_text_counts (GString   *out,
                    GwDataset *dataset)
{
  const gboolean right[] = { FALSE, TRUE };
  TextTable table;

  append_heading (out, _("Current records"));
  text_table_init (&table, G_N_ELEMENTS (right), right);
  for (gsize k = 0; k < G_N_ELEMENTS (record_kinds); k++)
    text_table_add_row (&table,
                        g_strdup (_(record_kinds[k].label)),
                        g_strdup_printf ("%u", gw_dataset_count (dataset, record_kinds[k].kind)));
  text_table_append (&table, out, "  ");
  text_table_clear (&table);
}

static void
append_text_areas (GString   *out,
                   GwDataset *dataset)
{
  const gboolean right[] = { FALSE, TRUE };
  TextTable table;

  append_heading (out, _("Areas"));
  text_table_init (&table, G_N_ELEMENTS (right), right);
  text_table_add_row (&table, g_strdup (_("all")),
                      g_strdup_printf ("%u", gw_dataset_n_areas (dataset)));
  for (guint type = 0; type < GW_N_AREA_TYPES; type++)
    {
      guint n = count_areas_of_type (dataset, type);

      if (n > 0)
        text_table_add_row (&table, g_strdup (gw_area_type_to_string (type)),
                            g_strdup_printf ("%u", n));
    }
  text_table_append (&table, out, "  ");
  text_table_clear (&table);
}

static void
append_text_groups (GString   *out,
                    GwDataset *dataset)
{
  const gboolean right[] = { FALSE, FALSE, TRUE };
  guint n = gw_dataset_n_groups (dataset);
  TextTable table;

  append_heading (out, _("Groups"));
  if (n == 0)
    {
      g_string_append_printf (out, "  %s\n", _("none"));
      return;
    }

  text_table_init (&table, G_N_ELEMENTS (right), right);
  text_table_add_row (&table, g_strdup (_("ID")), g_strdup (_("Name")), g_strdup (_("Members")));
  for (guint i = 0; i < n; i++)
    {
      const GwGroup *group = gw_dataset_get_group (dataset, i);

      text_table_add_row (&table, g_strdup (group->id), g_strdup (group->name),
                          g_strdup_printf ("%u", count_group_members (dataset, i)));
    }
  text_table_append (&table, out, "  ");
  text_table_clear (&table);
}

static void
append_text_periods (GString   *out,
                     GwDataset *dataset)
{
  const gboolean right[] = { FALSE, FALSE, FALSE, FALSE, TRUE };
  TextTable table;
  guint rows = 0;

  append_heading (out, _("Periods"));
  text_table_init (&table, G_N_ELEMENTS (right), right);
  text_table_add_row (&table, g_strdup (_("Records")), g_strdup (_("Kind")),
                      g_strdup (_("First")), g_strdup (_("Last")), g_strdup (_("Count")));
  for (gsize k = 0; k < G_N_ELEMENTS (record_kinds); k++)
    {
      PeriodRange ranges[GW_N_PERIOD_KINDS];

      collect_ranges (dataset, record_kinds[k].kind, ranges);
      for (guint pk = 1; pk < GW_N_PERIOD_KINDS; pk++)
        {
          char first[GW_PERIOD_STRLEN], last[GW_PERIOD_STRLEN];

          if (ranges[pk].count == 0)
            continue;
          text_table_add_row (&table,
                              g_strdup (_(record_kinds[k].label)),
                              g_strdup (gw_period_kind_to_string (pk)),
                              g_strdup (gw_period_format (ranges[pk].first, first)),
                              g_strdup (gw_period_format (ranges[pk].last, last)),
                              g_strdup_printf ("%u", ranges[pk].count));
          rows++;
        }
    }

  if (rows > 0)
    text_table_append (&table, out, "  ");
  else
    g_string_append_printf (out, "  %s\n", _("none"));
  text_table_clear (&table);
}

static char *
summary_to_text (const Summary *summary)
{
  GString *out = g_string_new (NULL);

  append_text_imports (out, summary->dataset);
  append_text_rejected (out, summary->task);
  append_text_counts (out, summary->dataset);
  append_text_areas (out, summary->dataset);
  append_text_groups (out, summary->dataset);
  append_text_periods (out, summary->dataset);

  return g_string_free (out, FALSE);
}

int
gw_cli_summary_run (const GwCliCommand  *command,
                    int                  argc,
                    char               **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GwSession) session = NULL;
  g_autoptr(GString) text = NULL;
  int status = GW_CLI_EXIT_OK;
  g_autoptr(GwImportTask) task = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) files = NULL;
  g_autofree char *workspace = NULL;
  SummaryFormat format;
  Summary summary;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("Output format: text (default) or json"), N_("FORMAT") },
    GW_CLI_WORKSPACE_OPTION (workspace),
    GW_CLI_SDMX_OPTIONS,
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
    { NULL }
  };

  context = gw_cli_option_context_new (command,
                                       N_("The files are imported in the order given, as the "
                                          "window would import them; a rejected file adds "
                                          "nothing and its errors are printed on standard "
                                          "error, the others still import.\n\n"
                                          "Exit status: 0 when every file imported, 1 when any "
                                          "was rejected or cannot be read, 2 for a usage error."),
                                       entries);
  if (!gw_cli_parse_options (command, context, argc, argv))
    return GW_CLI_EXIT_USAGE;

  if (format_name == NULL || strcmp (format_name, "text") == 0)
    format = FORMAT_TEXT;
  else if (strcmp (format_name, "json") == 0)
    format = FORMAT_JSON;
  else
    return gw_cli_usage_error (command, _("unknown format “%s” (expected text or json)"),
                               format_name);

  if ((files == NULL || files[0] == NULL) && workspace == NULL)
    return gw_cli_usage_error (command, "%s", _("no files given"));

  session = gw_cli_load (command, workspace, files, NULL, NULL, &task);
  if (session == NULL)
    return GW_CLI_EXIT_INVALID;

  summary.dataset = gw_session_get_dataset (session);
  summary.task = task;
  output = format == FORMAT_JSON ? summary_to_json (&summary) : summary_to_text (&summary);
  text = g_string_new (output);
  if (format == FORMAT_JSON)
    g_string_append_c (text, '\n');

  for (guint i = 0; i < gw_import_task_get_n_results (task); i++)
    if (result_is_rejected (gw_import_task_get_result (task, i)))
      status = GW_CLI_EXIT_INVALID;
  return gw_cli_write_out (command, text, NULL, status);
}
