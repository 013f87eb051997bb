/* gw-cli-render.c: `gapwatch-cli render`, a chart to PNG, SVG or PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   gapwatch-cli render --chart trend|gap|compare|funnel|scarf|age-cause|gradient [--area CODE]
 *     [--sex m|f|p] [--target NAME] [--indicator ID] [--period PERIOD]
 *     [--rank change|gap] [--palette NAME] [--dark] [--width N] [--height N]
 *     [--dpi N] --out FILE.png|FILE.svg|FILE.pdf FILE...
 *
 * The same painter as the window's (app/render).  Width and height are
 * pixels for PNG (text sized for --dpi, 96 by default) and points for SVG
 * and PDF.  Writes nothing on stdout; exit 0 when everything was valid, 1
 * when an export was invalid or the chart could not be made or written, 2
 * for a usage error.
 */
#include "gw-config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "render/gw-chart.h"
#include "render/gw-chart-decomp.h"
#include "tracker/gw-tracker.h"
#include "gw-cli-private.h"

/* Defaults: a screen-sized PNG, an A4 page for SVG and PDF; the all-areas
 * chart is a portrait page (70 rows). */
#define DEFAULT_PNG_W      1200
#define DEFAULT_PNG_H       800
#define DEFAULT_PNG_TALL_W  794    /* A4 at 96 dpi */
#define DEFAULT_PNG_TALL_H 1123
#define A4_LONG_PT          842
#define A4_SHORT_PT         595

#define MIN_SIZE  16
#define MAX_SIZE  20000

/* --width or --height: text NULL (not given) takes fallback */
static gboolean
parse_size (const char *text,
            int         fallback,
            int        *out)
{
  guint64 value;

  if (text == NULL)
    {
      *out = fallback;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (text, 10, MIN_SIZE, MAX_SIZE, &value, NULL))
    return FALSE;
  *out = (int) value;
  return TRUE;
}

static gboolean
parse_chart (const char  *text,
             GwChartKind *out)
{
  /* in GwChartKind order */
  static const char *const names[] = { "trend", "gap", "compare", "funnel", "scarf", "age-cause", "gradient" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

/* The scarf or the age-cause chart of the target's sexes (one when --sex
 * said so), decomposed against the target's comparator. */
static GwChart *
decomp_chart (GwSession       *session,
              const GwTarget  *target,
              GwChartKind      kind,
              gboolean         is_group,
              guint            subject,
              GwPeriod         period,
              GError         **error)
{
  g_autoptr(GwGapDecomp) men = NULL;
  g_autoptr(GwGapDecomp) women = NULL;
  GwGapDecomp **decomps[2] = { &men, &women };
  static const GwSex sexes[2] = { GW_SEX_MALE, GW_SEX_FEMALE };
  GwChartDecompInput input = { 0 };

  gw_session_set_target (session, target);
  for (guint i = 0; i < G_N_ELEMENTS (sexes); i++)
    {
      if (!(target->sexes & (1u << sexes[i])))
        continue;
      *decomps[i] = gw_session_decompose (session, is_group, subject, sexes[i], period, -1,
                                          GW_GAP_CAUSES_TOP, error);
      if (*decomps[i] == NULL)
        return NULL;
      input.sexes[input.n_sexes++].decomp = *decomps[i];
    }
  if (input.n_sexes == 0)
    {
      g_set_error (error, GW_CHART_ERROR, GW_CHART_ERROR_NO_DATA,
                   _("the target %s is tracked for neither men nor women: life expectancy is decomposed by sex"),
                   target->name);
      return NULL;
    }
  input.dataset = gw_session_get_dataset (session);
  return kind == GW_CHART_SCARF ? gw_chart_new_scarf (&input, error) : gw_chart_new_age_cause (&input, error);
}

/* The SII of a subject for men and women (or the sexes asked) at the
 * default repetitions, drawn. */
static GwChart *
gradient_chart (GwDataset  *dataset,
                gboolean    is_group,
                guint       subject,
                guint       sexes,
                GwPeriod    period,
                GError    **error)
{
  g_autoptr(GwInequality) ineq = gw_inequality_new (dataset, period, error);
  GwInequalityValue values[2];
  guint n = 0;

  if (ineq == NULL)
    return NULL;
  for (GwSex sex = GW_SEX_MALE; sex <= GW_SEX_FEMALE; sex++)
    {
      g_autoptr(GError) local = NULL;

      if (sexes != 0 && !(sexes & (1u << sex)))
        continue;
      /* no SII (a decile missing) still draws the deciles there are */
      gw_inequality_compute (ineq, is_group, subject, sex, 0, NULL, &values[n], &local);
      n++;
    }
  if (n == 0)
    {
      g_set_error (error, GW_CHART_ERROR, GW_CHART_ERROR_NO_DATA, _("A gradient is drawn for men or women (--sex m or f)"));
      return NULL;
    }
  return gw_chart_new_gradient (dataset, values, n, error);
}

int
gw_cli_render_run (const GwCliCommand  *command,
                   int                  argc,
                   char               **argv)
{
  g_autofree char *chart_name = NULL, *area = NULL, *sex_text = NULL, *target_name = NULL;
  g_autofree char *indicator = NULL, *period_text = NULL, *rank = NULL, *palette = NULL;
  g_autofree char *out = NULL;
  g_autofree char *width_text = NULL, *height_text = NULL;
  gboolean dark = FALSE;
  int width, height;
  double dpi = 96;
  g_auto(GStrv) files = NULL;
  g_autofree char *workspace = NULL;
  const GOptionEntry entries[] = {
    { "chart", 0, 0, G_OPTION_ARG_STRING, &chart_name, N_("Chart: trend, gap, compare, funnel, scarf, age-cause or gradient"), N_("KIND") },
    { "area", 0, 0, G_OPTION_ARG_STRING, &area, N_("Area code or group id (trend, gap, scarf, age-cause, gradient; default: the target’s group)"), N_("CODE") },
    { "sex", 0, 0, G_OPTION_ARG_STRING, &sex_text, N_("Only one sex: m, f or p"), N_("SEX") },
    { "target", 0, 0, G_OPTION_ARG_STRING, &target_name, N_("Target: le-2010 (default), imr-2010 or one of the workspace’s (see “targets list”)"), N_("ID") },
    { "indicator", 0, 0, G_OPTION_ARG_STRING, &indicator, N_("Indicator of a trend (default: the target’s)"), N_("ID") },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period_text, N_("Period of a funnel plot, scarf, age-cause chart or gradient (default: the latest 3-year period)"), N_("PERIOD") },
    { "rank", 0, 0, G_OPTION_ARG_STRING, &rank, N_("Order of the compare chart: change (default) or gap"), N_("ORDER") },
    { "palette", 0, 0, G_OPTION_ARG_STRING, &palette, N_("Colours: standard (default), colour-blind or greyscale"), N_("NAME") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, N_("Light on a dark background"), NULL },
    { "width", 0, 0, G_OPTION_ARG_STRING, &width_text, N_("Width: pixels for PNG, points for SVG and PDF"), N_("N") },
    { "height", 0, 0, G_OPTION_ARG_STRING, &height_text, N_("Height: pixels for PNG, points for SVG and PDF"), N_("N") },
    { "dpi", 0, 0, G_OPTION_ARG_DOUBLE, &dpi, N_("PNG only: pixels per inch, which sizes the text (default 96)"), N_("N") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("The file to write: .png, .svg or .pdf"), N_("FILE") },
    GW_CLI_WORKSPACE_OPTION (workspace),
    GW_CLI_SDMX_OPTIONS,
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = gw_cli_option_context_new (
    command, N_("Draws a chart of the exports given (imported in that order): an indicator’s trend "
                "(trend), a target’s gap with its trajectory and projection (gap), every area of the "
                "target’s group ranked (compare), a funnel plot of infant mortality (funnel), why the gap in "
                "life expectancy is there: the years of the gap by cause (scarf) or by age and cause "
                "(age-cause), or life expectancy by deprivation decile within an area with its slope index of "
                "inequality (gradient)."),
    entries);
  g_autoptr(GwSession) session = NULL;
  g_autoptr(GwImportTask) task = NULL;
  g_autoptr(GwTarget) target = NULL;
  GwDataset *dataset;
  GwIndicators *indicators;
  GwTrackerResult *result = NULL;
  g_autoptr(GwChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lower_out = NULL;
  GwChartKind kind;
  GwChartStyle style;
  GwChartPalette pal = GW_CHART_PALETTE_STANDARD;
  GwCompareOrder order = GW_COMPARE_BY_CHANGE;
  GwPeriod period = 0;
  GwSex sex = GW_SEX_PERSONS;
  gboolean one_sex = FALSE, png, tall, failed, ok;
  gboolean is_group = TRUE;
  guint subject = 0;

  if (!gw_cli_parse_options (command, context, argc, argv))
    return GW_CLI_EXIT_USAGE;
  if (chart_name == NULL)
    return gw_cli_usage_error (command, _("--chart is required (trend, gap, compare, funnel, scarf, age-cause or gradient)"));
  if (!parse_chart (chart_name, &kind))
    return gw_cli_usage_error (command,
                               _("--chart must be trend, gap, compare, funnel, scarf, age-cause or gradient, not “%s”"),
                               chart_name);
  if (out == NULL)
    return gw_cli_usage_error (command, _("--out is required"));
  lower_out = g_ascii_strdown (out, -1);
  png = g_str_has_suffix (lower_out, ".png");
  if (!png && !g_str_has_suffix (lower_out, ".svg") && !g_str_has_suffix (lower_out, ".pdf"))
    return gw_cli_usage_error (command, _("--out must end in .png, .svg or .pdf"));
  if ((files == NULL || files[0] == NULL) && workspace == NULL)
    return gw_cli_usage_error (command, _("no files given"));
  if (sex_text != NULL)
    {
      if (!gw_sex_parse (sex_text, &sex))
        return gw_cli_usage_error (command, _("--sex must be m, f or p, not “%s”"), sex_text);
      one_sex = TRUE;
    }
  if (palette != NULL && !gw_chart_palette_parse (palette, &pal))
    return gw_cli_usage_error (command, _("--palette must be standard, colour-blind or greyscale, not “%s”"), palette);
  if (rank != NULL)
    {
      if (g_strcmp0 (rank, "change") == 0)
        order = GW_COMPARE_BY_CHANGE;
      else if (g_strcmp0 (rank, "gap") == 0)
        order = GW_COMPARE_BY_GAP;
      else
        return gw_cli_usage_error (command, _("--rank must be change or gap, not “%s”"), rank);
    }
  if (period_text != NULL && !gw_period_parse (period_text, &period))
    return gw_cli_usage_error (command, _("--period “%s” is not a period (e.g. 2005-2007)"), period_text);
  /* sizes: pixels for PNG, points for the page formats; only an absent
   * option takes the default, so "--width 0" is an error, not the default */
  tall = kind == GW_CHART_COMPARE;
  if (!parse_size (width_text, png ? (tall ? DEFAULT_PNG_TALL_W : DEFAULT_PNG_W) : (tall ? A4_SHORT_PT : A4_LONG_PT), &width))
    return gw_cli_usage_error (command, _("--width must be a whole number from %d to %d, not “%s”"),
                               MIN_SIZE, MAX_SIZE, width_text);
  if (!parse_size (height_text, png ? (tall ? DEFAULT_PNG_TALL_H : DEFAULT_PNG_H) : (tall ? A4_LONG_PT : A4_SHORT_PT), &height))
    return gw_cli_usage_error (command, _("--height must be a whole number from %d to %d, not “%s”"),
                               MIN_SIZE, MAX_SIZE, height_text);
  /* memory and time grow with the pixels: 4 bytes each, drawn and then
   * compressed */
  if (png && (gint64) width * height > GW_CHART_MAX_PNG_PIXELS)
    return gw_cli_usage_error (command, _("a PNG of %d × %d pixels is too large: at most %d megapixels "
                                          "(--width times --height); use SVG or PDF for larger charts"),
                               width, height, GW_CHART_MAX_PNG_PIXELS / 1000000);
  if (!(dpi >= 24 && dpi <= 2400))
    return gw_cli_usage_error (command, _("--dpi must be from 24 to 2400"));

  session = gw_cli_load (command, workspace, files, NULL, NULL, &task);
  if (session == NULL)
    return GW_CLI_EXIT_INVALID;
  failed = gw_import_task_get_n_failed (task) > 0;
  dataset = gw_session_get_dataset (session);
  indicators = gw_session_get_indicators (session);

  target = gw_cli_lookup_target (command, session, target_name);
  if (target == NULL)
    return GW_CLI_EXIT_USAGE;
  if (one_sex && kind != GW_CHART_TREND && kind != GW_CHART_FUNNEL && kind != GW_CHART_GRADIENT)
    {
      if (!(target->sexes & (1u << sex)))
        return gw_cli_usage_error (command, _("the target %s is not tracked for --sex %s"), target->name, sex_text);
      target->sexes = 1u << sex;
    }

  /* the subject: an area code or a group id, by default the target's group */
  if (kind != GW_CHART_COMPARE && kind != GW_CHART_FUNNEL)
    {
      const char *code = area != NULL ? area : target->group;
      gint a = gw_dataset_lookup_area (dataset, code);
      gint g = gw_dataset_lookup_group (dataset, code);

      if (a >= 0)
        {
          is_group = FALSE;
          subject = a;
        }
      else if (g >= 0)
        {
          is_group = TRUE;
          subject = g;
        }
      else
        {
          g_printerr ("gapwatch-cli render: %s\n",
                      area != NULL ? _("no area or group with that code in the exports")
                                   : _("the target’s group is not in the exports"));
          return GW_CLI_EXIT_INVALID;
        }
    }

  switch (kind)
    {
    case GW_CHART_TREND:
      chart = gw_chart_new_trend (dataset, indicators, indicator != NULL ? indicator : target->indicator,
                                  is_group, subject, one_sex ? 1u << sex : 0, &error);
      break;
    case GW_CHART_GAP:
    case GW_CHART_COMPARE:
      gw_session_set_target (session, target);
      result = gw_session_get_result (session, &error);
      if (result == NULL)
        break;
      chart = kind == GW_CHART_GAP ? gw_chart_new_gap (result, is_group, subject, &error)
                                   : gw_chart_new_compare (result, order, &error);
      break;
    case GW_CHART_SCARF:
    case GW_CHART_AGE_CAUSE:
      chart = decomp_chart (session, target, kind, is_group, subject, period, &error);
      break;
    case GW_CHART_GRADIENT:
      chart = gradient_chart (dataset, is_group, subject, one_sex ? 1u << sex : 0, period, &error);
      break;
    case GW_CHART_FUNNEL:
    default:
      chart = gw_chart_new_funnel (dataset, indicators, period, &error);
      break;
    }
  if (chart == NULL)
    {
      g_printerr ("gapwatch-cli render: %s\n", error->message);
      return GW_CLI_EXIT_INVALID;
    }

  gw_chart_style_init (&style, pal);
  style.dark = dark;
  /* a PNG's text at --dpi: 96 dpi makes a point 4/3 of a pixel, as a screen */
  style.scale = png ? dpi / 72.0 : 1.0;
  ok = gw_chart_export (chart, &style, out, width, height, &error);
  /* the process ends here: give the font caches back (leak checkers) */
  gw_chart_release_fonts ();
  if (!ok)
    {
      g_printerr ("gapwatch-cli render: %s\n", error->message);
      return GW_CLI_EXIT_INVALID;
    }

  return failed ? GW_CLI_EXIT_INVALID : GW_CLI_EXIT_OK;
}
