# SPDX-License-Identifier: GPL-3.0-or-later
"""The charts of bench-render.c, drawn with matplotlib for comparison.

bench-render-matplotlib.py DATA OUTDIR RUNS

DATA is the JSON bench-render writes: the numbers Gapwatch's compare chart
(every member area of the group, ranked, two panels) and trend chart (an
area, its group and England over twenty years, two panels) drew, with their
titles, colours and pixel sizes.  Each chart is drawn RUNS times with the Agg
backend at the same size and resolution, with the same elements: zebra rows,
grid, area names, baseline rings, lines to the latest gap, status markers,
target ticks, England's line, axes on top and bottom (compare); the 95% band,
whiskers, dashed lines, hollow markers, period labels (trend); title,
subtitle, legend and source line on both.

Only building the figure and drawing it is timed, never Python's start-up,
the imports or reading DATA.  Two timings per chart, each the median of RUNS:
"draw" (build the figure, render it on the Agg canvas) and "png" (build it,
savefig to a PNG file).  Prints them as "RESULT <chart> <draw|png> <seconds>"
lines for bench-render, and the last figures are left in OUTDIR as
matplotlib-compare.png and matplotlib-trend.png.

This is a developer benchmark; its output is not translated.
"""

import json
import math
import os
import statistics
import sys
import time

import matplotlib

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from matplotlib.ticker import (FixedLocator, FuncFormatter, MaxNLocator,  # noqa: E402
                               MultipleLocator)

# Text sizes in points, as Gapwatch's painters use them.
PT_TITLE = 13.0
PT_SUBTITLE = 9.0
PT_PANEL = 9.0
PT_AXIS = 8.0
PT_TICK = 7.5
PT_LEGEND = 8.0
PT_NOTE = 7.5
PT_FOOTER = 7.0
PT_MIN = 6.0

# The light style's text colour and its fainter uses (gw-chart-style.c).
GRID = (0.118, 0.118, 0.118, 0.11)
ZEBRA = (0.118, 0.118, 0.118, 0.11 * 0.45)
MUTED = (0.118, 0.118, 0.118, 0.78)

# GwTargetStatus: on track, off track, no gap, insufficient data.
STATUS_WORDS = ["on track", "off track", "no gap at baseline", "insufficient data"]
STATUS_MARKERS = ["o", "^", "s", "x"]
STATUS_ROLES = ["on_track", "off_track", "no_gap", "insufficient"]


def new_figure(chart):
    dpi = chart["dpi"]
    fig = Figure(figsize=(chart["width"] / dpi, chart["height"] / dpi), dpi=dpi,
                 facecolor="white")
    FigureCanvasAgg(fig)
    return fig


def frame(fig, chart, handles, legend_cols):
    """Title, subtitle, legend on top and the source line at the bottom."""
    fg = chart["colours"]["foreground"]
    fig.text(0.015, 1 - points_to_figure(fig, 12), chart["title"], fontsize=PT_TITLE,
             fontweight="bold", color=fg, va="top", ha="left")
    fig.text(0.015, 1 - points_to_figure(fig, 31), chart["subtitle"], fontsize=PT_SUBTITLE,
             color=MUTED, va="top", ha="left")
    fig.legend(handles=handles, loc="upper left", ncol=legend_cols, fontsize=PT_LEGEND,
               frameon=False, borderaxespad=0, handlelength=1.8, columnspacing=1.5,
               bbox_to_anchor=(0.012, 1 - points_to_figure(fig, 46)))
    fig.text(0.015, points_to_figure(fig, 10), chart["source"], fontsize=PT_FOOTER, color=MUTED,
             va="bottom", ha="left")


def percent(value, _pos):
    return f"{value:g}%".replace("-", "\u2212")


def nice_step(lo, hi, max_ticks):
    """1, 2, 2.5 or 5 times a power of ten, at most max_ticks intervals."""
    raw = (hi - lo) / max_ticks
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if m * power >= raw:
            return m * power
    return 10 * power


def points_to_figure(fig, pt):
    """A height in points as a fraction of the figure's."""
    return pt / (fig.get_figheight() * 72)


def draw_compare(chart):
    colours = chart["colours"]
    fig = new_figure(chart)
    grid = fig.add_gridspec(1, len(chart["panels"]), left=0.12, right=0.98,
                            top=1 - points_to_figure(fig, 120), bottom=points_to_figure(fig, 52),
                            wspace=0.38)
    # ticks at a nice step, the range widened to them, as Gapwatch's axis
    step = nice_step(chart["x_lo"], chart["x_hi"], 8)
    x_lo = math.floor(chart["x_lo"] / step - 1e-9) * step
    x_hi = math.ceil(chart["x_hi"] / step + 1e-9) * step
    counts = [0, 0, 0, 0]

    for i, panel in enumerate(chart["panels"]):
        rows = panel["rows"]
        n = len(rows)
        ax = fig.add_subplot(grid[0, i])
        ys = list(range(n))
        c = panel["counts"]
        summary = f"{c[0]} on track, {c[1]} off track"
        if c[2]:
            summary += f", {c[2]} no gap"
        if c[3]:
            summary += f", {c[3]} insufficient data"
        for k in range(4):
            counts[k] += c[k]
        # the sex and the statuses counted, above the top axis' labels
        ax.annotate(panel["title"], xy=(0, 1), xycoords="axes fraction", xytext=(-60, 36),
                    textcoords="offset points", fontsize=PT_PANEL, fontweight="bold",
                    color=colours["foreground"], va="bottom", ha="left")
        ax.annotate(summary, xy=(0, 1), xycoords="axes fraction", xytext=(-60, 24),
                    textcoords="offset points", fontsize=PT_NOTE,
                    color=colours["foreground"], va="bottom", ha="left")

        # zebra bands, the grid and England's zero line
        odd = ys[1::2]
        ax.barh(odd, [x_hi - x_lo] * len(odd), left=x_lo, height=1.0, color=ZEBRA, linewidth=0)
        ax.grid(axis="x", color=GRID[:3], alpha=GRID[3], linewidth=0.75)
        ax.set_axisbelow(True)
        if x_lo <= 0 <= x_hi:
            ax.axvline(0, color=colours["comparator"], linewidth=1.1)

        # rows: baseline ring, line to the latest gap, status marker, target tick
        row_pt = ax.bbox.height / fig.dpi * 72 / n
        mk = min(row_pt * 0.78, 6.5)
        both = [(y, r["baseline"], r["latest"]) for y, r in zip(ys, rows)
                if r["baseline"] is not None and r["latest"] is not None]
        ax.hlines([b[0] for b in both], [b[1] for b in both], [b[2] for b in both],
                  color=MUTED, linewidth=0.9)
        tick = [(y, r["target"]) for y, r in zip(ys, rows)
                if r["target"] is not None and r["status"] != 2]
        ax.vlines([t[1] for t in tick], [t[0] - 0.4 for t in tick], [t[0] + 0.4 for t in tick],
                  color=colours["target"], linewidth=1.4)
        ring = [(y, r["baseline"]) for y, r in zip(ys, rows) if r["baseline"] is not None]
        ax.scatter([r[1] for r in ring], [r[0] for r in ring], s=(mk * 0.6) ** 2,
                   facecolors="white", edgecolors=MUTED, linewidths=0.8, zorder=3)
        for status in range(4):
            pts = [(y, r["latest"]) for y, r in zip(ys, rows)
                   if r["status"] == status and r["latest"] is not None]
            if not pts:
                continue
            colour = colours[STATUS_ROLES[status]]
            filled = status != 2
            ax.scatter([p[1] for p in pts], [p[0] for p in pts], s=mk ** 2,
                       marker=STATUS_MARKERS[status],
                       facecolors=colour if filled or status == 3 else "white",
                       edgecolors=colour, linewidths=0.9, zorder=4)

        # names: 6 to 8 points, every stride-th when the rows are shorter
        font_pt = min(max(row_pt * 0.78, PT_MIN), 8.0)
        stride = 1
        while stride * row_pt < font_pt * 1.12 and stride < n:
            stride += 1
        ax.set_yticks(ys[::stride], [r["name"] for r in rows[::stride]], fontsize=font_pt)
        ax.tick_params(axis="y", length=0, pad=5)
        ax.set_ylim(n - 0.5, -0.5)
        ax.set_xlim(x_lo, x_hi)
        ax.xaxis.set_major_locator(MultipleLocator(step))
        ax.xaxis.set_major_formatter(FuncFormatter(percent))
        ax.tick_params(axis="x", labelsize=PT_TICK, labelcolor=MUTED, top=True, labeltop=n > 25,
                       length=0)
        ax.set_xlabel(chart["x_title"], fontsize=PT_AXIS, color=colours["foreground"])
        for spine in ax.spines.values():
            spine.set_visible(False)

    handles = []
    for status in range(4):
        if counts[status]:
            colour = colours[STATUS_ROLES[status]]
            handles.append(Line2D([], [], linestyle="none", marker=STATUS_MARKERS[status],
                                  markersize=6, color=colour,
                                  markerfacecolor="white" if status == 2 else colour,
                                  label=STATUS_WORDS[status]))
    handles.append(Line2D([], [], color=MUTED, linewidth=0.9, marker="o", markersize=4,
                          markerfacecolor="white", markevery=[0],
                          label="from the baseline gap (ring) to the latest (marker)"))
    handles.append(Line2D([], [], linestyle="none", marker="|", markersize=8,
                          markeredgewidth=1.4, color=colours["target"],
                          label="the area\u2019s target gap"))
    frame(fig, chart, handles, len(handles))
    return fig


SERIES_STYLE = {
    # marker, dash, band
    "subject": ("o", "-", True),
    "group": ("s", "--", False),
    "comparator": ("D", "-.", False),
}


def draw_trend(chart):
    colours = chart["colours"]
    fig = new_figure(chart)
    grid = fig.add_gridspec(1, len(chart["panels"]), left=0.055, right=0.985,
                            top=1 - points_to_figure(fig, 92), bottom=points_to_figure(fig, 62),
                            wspace=0.12)
    ticks = chart["ticks"]
    tick_t = [t[0] for t in ticks]
    tick_labels = [t[1] for t in ticks]
    x_lo, x_hi = tick_t[0] - 0.6, tick_t[-1] + 0.6
    spacing_pt = None

    for i, panel in enumerate(chart["panels"]):
        ax = fig.add_subplot(grid[0, i])
        if spacing_pt is None:
            width_pt = ax.bbox.width / fig.dpi * 72
            spacing_pt = width_pt * (tick_t[1] - tick_t[0]) / (x_hi - x_lo) if len(ticks) > 1 else 20
            # every stride-th period labelled, level, as many as fit
            label_pt = max(len(label) for label in tick_labels) * PT_TICK * 0.6
            stride = max(1, math.ceil(label_pt * 1.3 / spacing_pt))
            shown = [label if k % stride == 0 else "" for k, label in enumerate(tick_labels)]
        size = min(max(spacing_pt * 0.7, 3.0), 6.5)
        # the group and England under the subject
        for series in reversed(panel["series"]):
            role = series["role"]
            marker, dash, band = SERIES_STYLE[role]
            colour = colours[role]
            pts = series["points"]
            t = [p["t"] for p in pts]
            v = [p["value"] for p in pts]
            ci = [p for p in pts if p["lower"] is not None and p["upper"] is not None]
            if band:
                fixed = [p for p in ci if not p["rolling"]]
                ax.fill_between([p["t"] for p in fixed], [p["lower"] for p in fixed],
                                [p["upper"] for p in fixed], color=colour, alpha=0.16,
                                linewidth=0)
            else:
                ax.errorbar([p["t"] for p in ci], [p["value"] for p in ci],
                            yerr=[[p["value"] - p["lower"] for p in ci],
                                  [p["upper"] - p["value"] for p in ci]],
                            fmt="none", ecolor=colour, elinewidth=0.9, capsize=2, capthick=0.9)
            ax.plot(t, v, color=colour, linestyle=dash, linewidth=1.8 if band else 1.4)
            ms = size if band else size * 0.85
            filled = [p for p in pts if p["published"]]
            hollow = [p for p in pts if not p["published"]]
            if filled:
                ax.plot([p["t"] for p in filled], [p["value"] for p in filled], linestyle="none",
                        marker=marker, markersize=ms, color=colour)
            if hollow:
                ax.plot([p["t"] for p in hollow], [p["value"] for p in hollow], linestyle="none",
                        marker=marker, markersize=ms, color=colour, markerfacecolor="white",
                        markeredgewidth=1.0)
        ax.set_title(panel["title"], loc="left", fontsize=PT_PANEL, fontweight="bold",
                     color=colours["foreground"])
        ax.set_xlim(x_lo, x_hi)
        ax.xaxis.set_major_locator(FixedLocator(tick_t))
        ax.set_xticklabels(shown)
        ax.tick_params(labelsize=PT_TICK, labelcolor=MUTED, length=3, color=GRID)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=8, steps=[1, 2, 2.5, 5, 10]))
        ax.grid(axis="y", color=GRID[:3], alpha=GRID[3], linewidth=0.75)
        ax.set_axisbelow(True)
        ax.set_xlabel(chart["x_title"], fontsize=PT_AXIS, color=colours["foreground"])
        ax.set_ylabel(chart["y_title"], fontsize=PT_AXIS, color=colours["foreground"])
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)

    names = {s["role"]: s["name"] for s in chart["panels"][0]["series"]}
    handles = []
    for role in ("subject", "group", "comparator"):
        if role in names:
            marker, dash, band = SERIES_STYLE[role]
            handles.append(Line2D([], [], color=colours[role], linestyle=dash,
                                  linewidth=1.8 if band else 1.4, marker=marker, markersize=5,
                                  label=names[role]))
    handles.append(Patch(color=colours["subject"], alpha=0.16, label="95% confidence interval"))
    handles.append(Line2D([], [], linestyle="none", marker="o", markersize=5,
                          color=colours["foreground"], markerfacecolor="white",
                          label="computed from counts"))
    frame(fig, chart, handles, 5)
    return fig


def time_runs(draw, chart, runs, path):
    """Median seconds of building and drawing the figure, and of building it
    and writing it as a PNG file."""
    draw_times, png_times = [], []
    for _ in range(runs):
        start = time.perf_counter()
        fig = draw(chart)
        fig.canvas.draw()
        draw_times.append(time.perf_counter() - start)
    for _ in range(runs):
        start = time.perf_counter()
        fig = draw(chart)
        fig.savefig(path, dpi=chart["dpi"], facecolor="white")
        png_times.append(time.perf_counter() - start)
    return statistics.median(draw_times), statistics.median(png_times)


def main(argv):
    if len(argv) != 4:
        print(f"usage: {argv[0]} DATA OUTDIR RUNS", file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        data = json.load(f)
    outdir = argv[2]
    runs = max(int(argv[3]), 1)

    print(f"matplotlib {matplotlib.__version__}, backend {matplotlib.get_backend()}")
    for name, draw in (("compare", draw_compare), ("trend", draw_trend)):
        path = os.path.join(outdir, f"matplotlib-{name}.png")
        draw_s, png_s = time_runs(draw, data[name], runs, path)
        if not (math.isfinite(draw_s) and math.isfinite(png_s)):
            return 1
        print(f"RESULT {name} draw {draw_s:.6f}")
        print(f"RESULT {name} png {png_s:.6f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
