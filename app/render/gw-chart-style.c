/* gw-chart-style.c: palettes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The colour-blind-safe palette is Okabe and Ito's (Color Universal Design,
 * 2002/2008): eight colours chosen so that people with protanopia,
 * deuteranopia and tritanopia still tell them apart, and which stay distinct
 * in luminance too.  It is the palette most public-health and statistics
 * style guides (and ggplot's colour-blind advice) point to, and it needs no
 * red-green pairing for good and bad.  Off track is vermillion, on track
 * bluish green, which differ in lightness as well as hue.
 *
 * Colour is never the only carrier of meaning: every series and status also
 * has its own marker shape and line dash (in the painters), which is all the
 * greyscale palette has left for black-and-white printing.
 */
#include "gw-config.h"

#include <string.h>

#include "gw-chart-private.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, 1.0 }

/* One row per palette and light/dark, in GwChartRole order from SUBJECT on;
 * the first four roles (text, muted, grid, background) come from the
 * foreground and background. */
#define N_DATA_ROLES (GW_CHART_N_ROLES - GW_CHART_ROLE_SUBJECT)

static const GwChartColour palettes[3][2][N_DATA_ROLES] = {
  [GW_CHART_PALETTE_STANDARD] = {
    /* light: GNOME's palette, darker shades so that lines hold on paper */
    { RGB (0x1a5fb4),   /* subject: blue 5 */
      RGB (0xc64600),   /* group: orange 5 */
      RGB (0x241f31),   /* England: dark 4 */
      RGB (0x813d9c),   /* target: purple 3 */
      RGB (0x77767b),   /* trajectory: grey */
      RGB (0x26a269),   /* on track: green 5 */
      RGB (0xc01c28),   /* off track: red 4 */
      RGB (0x1c71d8),   /* no gap: blue 4 */
      RGB (0x9a9996),   /* insufficient: light 5 */
      RGB (0xc01c28),   /* higher */
      RGB (0x1a5fb4),   /* lower */
      RGB (0x5e5c64),   /* limits */
    },
    /* dark: lighter shades of the same hues */
    { RGB (0x62a0ea), RGB (0xffa348), RGB (0xdeddda), RGB (0xdc8add), RGB (0xc0bfbc),
      RGB (0x57e389), RGB (0xf66151), RGB (0x99c1f1), RGB (0x9a9996),
      RGB (0xf66151), RGB (0x62a0ea), RGB (0xc0bfbc), },
  },
  [GW_CHART_PALETTE_COLOUR_BLIND] = {
    /* Okabe-Ito: blue, orange, black, reddish purple, a neutral grey for
     * the trajectory (sky blue would pass for the subject's blue), bluish
     * green, vermillion, sky blue, grey, vermillion, blue, grey */
    { RGB (0x0072b2), RGB (0xe69f00), RGB (0x000000), RGB (0xcc79a7), RGB (0x777777),
      RGB (0x009e73), RGB (0xd55e00), RGB (0x56b4e9), RGB (0x999999),
      RGB (0xd55e00), RGB (0x0072b2), RGB (0x666666), },
    /* on dark: sky blue for the subject (blue is too dark), white England */
    { RGB (0x56b4e9), RGB (0xe69f00), RGB (0xf0f0f0), RGB (0xcc79a7), RGB (0xaaaaaa),
      RGB (0x009e73), RGB (0xd55e00), RGB (0x56b4e9), RGB (0x999999),
      RGB (0xd55e00), RGB (0x56b4e9), RGB (0xaaaaaa), },
  },
  [GW_CHART_PALETTE_GREYSCALE] = {
    /* a laser printer's greys: black, and greys light enough to tell apart
     * but dark enough to survive a photocopier */
    { RGB (0x000000), RGB (0x555555), RGB (0x000000), RGB (0x000000), RGB (0x777777),
      RGB (0x000000), RGB (0x000000), RGB (0x555555), RGB (0x999999),
      RGB (0x000000), RGB (0x000000), RGB (0x555555), },
    { RGB (0xffffff), RGB (0xaaaaaa), RGB (0xffffff), RGB (0xffffff), RGB (0x888888),
      RGB (0xffffff), RGB (0xffffff), RGB (0xaaaaaa), RGB (0x777777),
      RGB (0xffffff), RGB (0xffffff), RGB (0xaaaaaa), },
  },
};

/* Category fills, in the order causes come (circulatory, cancer,
 * respiratory, digestive, external, other, then declared ones), then the
 * neutral grey of "not specified".  Okabe-Ito's eight without black for
 * the colour-blind palette; GNOME's for the standard one; for greyscale,
 * greys alternating dark and light so that neighbours in a stack differ,
 * the second four hatched (gw_chart_series_hatched). */
static const GwChartColour series_palettes[3][2][GW_CHART_N_SERIES + 1] = {
  [GW_CHART_PALETTE_STANDARD] = {
    { RGB (0xc01c28), RGB (0x1a5fb4), RGB (0x62a0ea), RGB (0xe66100), RGB (0x9141ac),
      RGB (0x26a269), RGB (0xe5a50a), RGB (0x63452c), RGB (0xc0bfbc), },
    { RGB (0xf66151), RGB (0x3584e4), RGB (0x99c1f1), RGB (0xffa348), RGB (0xdc8add),
      RGB (0x57e389), RGB (0xf8e45c), RGB (0xcdab8f), RGB (0x77767b), },
  },
  [GW_CHART_PALETTE_COLOUR_BLIND] = {
    { RGB (0xd55e00), RGB (0x0072b2), RGB (0x56b4e9), RGB (0xe69f00), RGB (0xcc79a7),
      RGB (0x009e73), RGB (0xf0e442), RGB (0x000000), RGB (0xc8c8c8), },
    { RGB (0xd55e00), RGB (0x0072b2), RGB (0x56b4e9), RGB (0xe69f00), RGB (0xcc79a7),
      RGB (0x009e73), RGB (0xf0e442), RGB (0xf0f0f0), RGB (0x777777), },
  },
  [GW_CHART_PALETTE_GREYSCALE] = {
    { RGB (0x303030), RGB (0xb0b0b0), RGB (0x707070), RGB (0xdcdcdc), RGB (0x303030),
      RGB (0xb0b0b0), RGB (0x707070), RGB (0xdcdcdc), RGB (0xf4f4f4), },
    { RGB (0xe0e0e0), RGB (0x808080), RGB (0xb0b0b0), RGB (0x505050), RGB (0xe0e0e0),
      RGB (0x808080), RGB (0xb0b0b0), RGB (0x505050), RGB (0x303030), },
  },
};

void
gw_chart_style_get_series_colour (const GwChartStyle *style,
                                  guint               series,
                                  GwChartColour      *out)
{
  guint palette;

  g_return_if_fail (style != NULL);
  g_return_if_fail (out != NULL);

  palette = style->palette <= GW_CHART_PALETTE_GREYSCALE ? style->palette : 0;
  *out = series_palettes[palette][style->dark ? 1 : 0]
                        [series == GW_CHART_SERIES_NEUTRAL ? GW_CHART_N_SERIES : series % GW_CHART_N_SERIES];
}

gboolean
gw_chart_series_hatched (const GwChartStyle *style,
                         guint               series)
{
  return style->palette == GW_CHART_PALETTE_GREYSCALE && series != GW_CHART_SERIES_NEUTRAL
         && series % GW_CHART_N_SERIES >= GW_CHART_N_SERIES / 2;
}

void
gw_chart_style_init (GwChartStyle   *style,
                     GwChartPalette  palette)
{
  g_return_if_fail (style != NULL);
  g_return_if_fail (palette <= GW_CHART_PALETTE_GREYSCALE);

  memset (style, 0, sizeof *style);
  style->palette = palette;
  style->scale = 1.0;
  style->confidence_level = 95.0;
  style->hide_source = FALSE;
}

gboolean
gw_chart_style_wants_998 (const GwChartStyle *style)
{
  /* the nearer of 95 and 99.8; 0 (a style filled by hand) is 95 */
  return style->confidence_level > (95.0 + 99.8) / 2;
}

void
gw_chart_style_get_colour (const GwChartStyle *style,
                           GwChartRole         role,
                           GwChartColour      *out)
{
  static const GwChartColour light_fg = RGB (0x1e1e1e), dark_fg = RGB (0xf6f5f4);
  static const GwChartColour light_bg = RGB (0xffffff), dark_bg = RGB (0x1e1e1e);
  GwChartColour fg, bg;
  gboolean dark;

  g_return_if_fail (style != NULL);
  g_return_if_fail (role < GW_CHART_N_ROLES);
  g_return_if_fail (out != NULL);

  dark = style->dark;
  fg = style->foreground.alpha > 0 ? style->foreground : (dark ? dark_fg : light_fg);
  fg.alpha = 1.0;
  bg = style->background.alpha > 0 ? style->background : (dark ? dark_bg : light_bg);

  switch (role)
    {
    case GW_CHART_ROLE_FOREGROUND:
      *out = fg;
      return;
    case GW_CHART_ROLE_MUTED:
      /* tick labels and the source line: fainter than text, still well above
       * WCAG's 4.5:1 on both backgrounds */
      *out = fg;
      out->alpha = 0.78;
      return;
    case GW_CHART_ROLE_GRID:
      *out = fg;
      out->alpha = dark ? 0.16 : 0.11;
      return;
    case GW_CHART_ROLE_BACKGROUND:
      *out = bg;
      return;
    default:
      break;
    }

  *out = palettes[style->palette <= GW_CHART_PALETTE_GREYSCALE ? style->palette : 0]
                 [dark ? 1 : 0][role - GW_CHART_ROLE_SUBJECT];
  /* England is drawn in the text colour the window gave, so it stays the
   * most neutral line whatever the theme */
  if (role == GW_CHART_ROLE_COMPARATOR && style->foreground.alpha > 0)
    *out = fg;
}

gboolean
gw_chart_palette_parse (const char     *text,
                        GwChartPalette *out)
{
  static const char *const names[] = { "standard", "colour-blind", "greyscale" };

  g_return_val_if_fail (out != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  /* the other spellings people type */
  if (g_strcmp0 (text, "color-blind") == 0 || g_strcmp0 (text, "okabe-ito") == 0)
    {
      *out = GW_CHART_PALETTE_COLOUR_BLIND;
      return TRUE;
    }
  if (g_strcmp0 (text, "grayscale") == 0)
    {
      *out = GW_CHART_PALETTE_GREYSCALE;
      return TRUE;
    }
  return FALSE;
}
