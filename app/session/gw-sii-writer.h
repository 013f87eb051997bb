/* gw-sii-writer.h: the table of `gapwatch-cli sii`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SII rows written by the rules of the one table writer
 * (gw-table-writer.h): numbers in the C locale whatever LC_NUMERIC says,
 * CSV by RFC 4180 with 12 significant digits and an empty field where there
 * is no value, JSON numbers that read back as exactly the computed double
 * (gw_table_format_json_number) and null where there is none, "table" in
 * aligned columns.  The columns, a contract for scripts:
 *
 *   indicator,area_code,area_name,sex,period,quantiles,sii,sii_lower95,
 *   sii_upper95,sii_lower998,sii_upper998,rii,rii_lower95,rii_upper95,
 *   rii_lower998,rii_upper998
 *
 * quantiles is the number of deciles with counts (10 when there is an SII).
 */
#pragma once

#include <glib.h>

#include "model/gw-dataset.h"
#include "methods/gw-inequality.h"
#include "session/gw-table-writer.h"

G_BEGIN_DECLS

void  gw_table_write_sii  (GString                 *out,
                           GwDataset               *dataset,
                           const char              *indicator,
                           const GwInequalityValue *values,
                           guint                    n_values,
                           GwTableFormat            format);

G_END_DECLS
