/* gw-print-operation.h: printing a chart or the board report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GwPrintOperation is a GtkPrintOperation whose draw-page calls the same
 * painters as the screen and the exports (house style 12): gw_chart_render()
 * for one chart fitted on one page, gw_report_draw_page() for the board
 * report.  The print dialog has the page setup in it and a Preview button;
 * the settings a user prints with (printer, copies, paper size, ...) are
 * remembered in g_get_user_config_dir()/gapwatch/print-settings.ini and
 * offered the next time.
 */
#pragma once

#include <gtk/gtk.h>

#include "render/gw-chart.h"
#include "render/gw-report.h"

G_BEGIN_DECLS

#define GW_TYPE_PRINT_OPERATION (gw_print_operation_get_type ())
G_DECLARE_FINAL_TYPE (GwPrintOperation, gw_print_operation, GW, PRINT_OPERATION, GtkPrintOperation)

/* One chart on one page, fitted inside half-inch margins: landscape, but
 * portrait for the all-areas chart.  style gives the palette and font; the
 * rest (dark, theme colours) is for screens and is not printed. */
GwPrintOperation *gw_print_operation_new_for_chart  (GwChart            *chart,
                                                     const GwChartStyle *style);
/* The report, a page per report page, A4 portrait by default; the report
 * is laid out again for the paper chosen. */
GwPrintOperation *gw_print_operation_new_for_report (GwReport           *report);

GwChart          *gw_print_operation_get_chart      (GwPrintOperation   *self);
GwReport         *gw_print_operation_get_report     (GwPrintOperation   *self);

/* Shows the print dialog for parent (GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG)
 * with the remembered settings and returns; printing goes on after it.
 * When the user prints, the settings are saved; an error is shown in a
 * message dialog on parent. */
void              gw_print_operation_run_dialog     (GwPrintOperation   *self,
                                                     GtkWindow          *parent);
/* The same, straight to the print preview. */
void              gw_print_operation_run_preview    (GwPrintOperation   *self,
                                                     GtkWindow          *parent);
/* Writes the pages to path as a PDF without a dialog
 * (GTK_PRINT_OPERATION_ACTION_EXPORT), on the default page setup: A4. */
gboolean          gw_print_operation_export_pdf     (GwPrintOperation   *self,
                                                     const char         *path,
                                                     GError            **error);

/* --- remembered settings -------------------------------------------------- */

/* g_get_user_config_dir()/gapwatch/print-settings.ini */
char             *gw_print_settings_get_path        (void);
/* The remembered print settings (new ones when there are none) and page
 * setup (NULL when there is none). */
void              gw_print_settings_load            (GtkPrintSettings  **settings,
                                                     GtkPageSetup      **page_setup);
gboolean          gw_print_settings_save            (GtkPrintSettings   *settings,
                                                     GtkPageSetup       *page_setup,
                                                     GError            **error);

/* --- what the window calls ------------------------------------------------ */

/* Prints chart with the print dialog on parent. */
void              gw_print_chart                    (GtkWindow          *parent,
                                                     GwChart            *chart,
                                                     const GwChartStyle *style);
/* Makes the board report of a tracker result (every member area) and prints it with
 * the print dialog on parent.  FALSE with error when the report cannot be
 * made (gw_report_new()). */
gboolean          gw_print_report                   (GtkWindow          *parent,
                                                     GwTrackerResult    *result,
                                                     GwIndicators       *indicators,
                                                     GwChartPalette      palette,
                                                     double              confidence_level,
                                                     GError            **error);
/* (confidence_level: 95 or 99.8, the limits the report's charts draw.) */

G_END_DECLS
