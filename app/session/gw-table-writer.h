/* gw-table-writer.h: the one writer of the tables scripts read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tracker's rows and the indicator values are written here, for the CLI
 * and for the window's exports and clipboard alike, so that the same data
 * gives the same bytes wherever it is written:
 *   - numbers always in the C locale, whatever LC_NUMERIC says;
 *   - CSV by RFC 4180 (a field with a comma, quote or line break quoted);
 *     the tracker's numbers with 4 decimals, the indicators' with 12
 *     significant digits, an empty field where there is no value;
 *   - JSON numbers that parse back to exactly the double computed (the
 *     shortest such text), null where there is no value, strings valid
 *     UTF-8 (a byte that is not becomes U+FFFD) and escaped;
 *   - "table": aligned columns for people; "tsv": tab-separated, for the
 *     clipboard of spreadsheets.
 */
#pragma once

#include <gio/gio.h>

#include "methods/gw-gap-decomp.h"
#include "methods/gw-indicators.h"
#include "methods/gw-inequality.h"
#include "tracker/gw-tracker-result.h"

G_BEGIN_DECLS

typedef enum
{
  GW_TABLE_FORMAT_CSV = 0,
  GW_TABLE_FORMAT_JSON,
  GW_TABLE_FORMAT_TABLE,
  GW_TABLE_FORMAT_TSV,
} GwTableFormat;

/* "csv", "json", "table" (the --format option); "tsv" is not offered there. */
gboolean  gw_table_format_parse         (const char             *text,
                                         GwTableFormat          *out);

/* The number as JSON and the C locale write it: the shortest text that
 * strtod() reads back as value; "null" for NAN or an infinity. buf holds
 * G_ASCII_DTOSTR_BUF_SIZE bytes. */
const char *gw_table_format_json_number (double                  value,
                                         char                   *buf);

/* The tracker's rows in the `gapwatch-cli track` contract:
 *   area_code,area_name,sex,baseline_period,baseline_gap,latest_period,
 *   latest_gap,change_since_baseline,target_gap,trajectory_gap,projected_gap,
 *   required_narrowing,status,latest_gap_lower95,latest_gap_upper95,
 *   change_pp,projected_lower95,projected_upper95,certainty,reason
 * (reason: the translated sentence, GwTrackerRow.reason_text).
 * JSON: {"rows": [...], "summary": {...}} when summary is not NULL, else the
 * array of rows; the summary's keys are both, men-only, women-only, neither,
 * insufficient-data and uncertain. */
void      gw_table_write_tracker_rows   (GString                *out,
                                         GPtrArray              *rows,
                                         const GwTrackerSummary *summary,
                                         GwTableFormat           format);
/* The whole result: its rows and summary. */
void      gw_table_write_tracker        (GString                *out,
                                         GwTrackerResult        *result,
                                         GwTableFormat           format);
/* "both=N men-only=N women-only=N neither=N insufficient-data=N\n" */
void      gw_table_write_tracker_summary (GString               *out,
                                          const GwTrackerSummary *summary);

/* Indicator values (indices into gw_indicators_get_value) in the
 * `gapwatch-cli indicators` contract:
 *   indicator,area_code,area_name,sex,period,value,lower95,upper95,lower998,
 *   upper998,source,compared_to_england,note */
void      gw_table_write_indicators     (GString                *out,
                                         GwDataset              *dataset,
                                         GwIndicators           *indicators,
                                         const guint            *indices,
                                         guint                   n_indices,
                                         GwTableFormat           format);

/* SII and RII of life expectancy (GwInequalityValue) in the `gapwatch-cli
 * sii` contract:
 *   indicator,area_code,area_name,sex,period,quantiles,sii,sii_lower95,
 *   sii_upper95,sii_lower998,sii_upper998,rii,rii_lower95,rii_upper95,
 *   rii_lower998,rii_upper998
 * A value without an SII (incomplete deciles) gives its row without
 * numbers. */
void      gw_table_write_sii            (GString                 *out,
                                         GwDataset               *dataset,
                                         const char              *indicator,
                                         const GwInequalityValue *values,
                                         guint                    n_values,
                                         GwTableFormat            format);

/* Decompositions (GwGapDecomp) in the `gapwatch-cli decompose` contract:
 *   area_code,area_name,sex,period,comparator_code,age,cause,contribution,share
 * For each band and then all ages (age "all"): the row of all causes (cause
 * "all"), then each cause's; contribution in years (area minus comparator),
 * share in percent of the difference. */
void      gw_table_write_decompose      (GString                *out,
                                         GPtrArray              *decomps,
                                         GwTableFormat           format);

/* Deaths to prevent (GwGapReckoning, reckonings[i] of decomps[i]) in the
 * `gapwatch-cli reckon` contract:
 *   area_code,area_name,sex,period,needed_gap,needed_value,current_value,k,
 *   age,cause,deaths_to_prevent
 * rows as gw_table_write_decompose(), deaths a year; a subject already
 * meeting the needed gap (k = 0) has only its (all, all) row, 0 deaths. */
void      gw_table_write_reckon         (GString                *out,
                                         GPtrArray              *decomps,
                                         GPtrArray              *reckonings,
                                         GwTableFormat           format);

/* Targets (GwTarget) in the `gapwatch-cli targets list` contract:
 *   id,name,indicator,subject,comparator,gap,baseline,target,reduction,
 *   sexes,method,polarity,built_in,measure
 * reduction in percent; comparator empty for the country (and for an SII
 * target, which has none); polarity empty when the indicator's own is used;
 * measure gap or sii (added last, so the columns before keep their places). */
void      gw_table_write_targets        (GString                *out,
                                         GPtrArray              *targets,
                                         GwTableFormat           format);

/* Writes text to path, or to standard output when path is NULL, and checks
 * that every byte was written (a full disk, a closed pipe): FALSE with error
 * naming what could not be written. */
gboolean  gw_table_write_out            (const GString          *text,
                                         const char             *path,
                                         GError                **error);

/* Width of text in characters (bytes when it is not valid UTF-8). */
guint     gw_table_text_width           (const char             *text);
/* Appends text padded with spaces to width characters; right-aligned when
 * right is TRUE. */
void      gw_table_append_padded        (GString                *out,
                                         const char             *text,
                                         guint                   width,
                                         gboolean                right);

G_END_DECLS
