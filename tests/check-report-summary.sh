#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# check-report-summary.sh GAPWATCH_CLI TRACKER70_DIR SAMPLES_DIR
# The board summary (gapwatch-cli report --summary) of the 70-area fixture
# (its README: le-a.xml of 1 March 2007, le-b-revision.xml of 1 May 2007
# revising three areas), read back with pdftotext and pdfinfo: at most two
# pages; the counts of each status and sex equal `gapwatch-cli track`'s
# rows, and the by-area counts its --summary line; the area furthest off
# track named first with the tracker's reason; the areas whose status the
# revision changed, before and now, and none with one export; the
# headings tagged; and the samples' summary also on two pages, the areas
# that could be tracked only with the newest export counted.
set -eu
cli=$1 fixture=$2 samples=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8 LANGUAGE=C

status=0
check () {
  if [ "$2" = "$3" ]; then echo "ok: $1: $2"; else echo "FAIL: $1: got '$2', want '$3'"; status=1; fi
}
pages () { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }
# The PDF's words in the order drawn (a table row by row) on one line,
# spaces squeezed.
words () { pdftotext -raw -enc UTF-8 "$1" - | tr '\n\f' '  ' | tr -s ' '; }
has () {
  if printf '%s' "$2" | grep -q -F -- "$3"; then echo "ok: $1"; else echo "FAIL: $1: no '$3'"; status=1; fi
}

a=$fixture/le-a.xml b=$fixture/le-b-revision.xml
"$cli" report --summary --out "$tmp/both.pdf" "$a" "$b"
"$cli" track --format csv "$a" "$b" > "$tmp/track.csv"
text=$(words "$tmp/both.pdf")
check "pages" "$(pages "$tmp/both.pdf")" 2
check "tagged" "$(pdfinfo "$tmp/both.pdf" | sed -n 's/^Tagged: *//p')" yes

# The counts table: a line per status, for men then women the areas, the
# clear and the uncertain (the members' rows of track's csv: not the group's).
for st in on-track off-track no-gap insufficient-data; do
  want=$(awk -F, -v st="$st" 'NR > 1 && $1 != "spearhead" && $13 == st {
      n[$3]++; c[$3, $19]++ }
    END { printf "%d %d %d %d %d %d", n["m"], c["m", "clear"], c["m", "uncertain"],
                                      n["f"], c["f", "clear"], c["f", "uncertain"] }' "$tmp/track.csv")
  case $st in
    on-track) label="On track" ;;
    off-track) label="Off track" ;;
    no-gap) label="No gap at baseline" ;;
    *) label="Insufficient data" ;;
  esac
  has "counts of $st ($want)" "$text" "$label $want"
done
summary=$("$cli" track --summary "$a" "$b")
check "track --summary (the fixture's)" "$summary" "$(cat "$fixture/summary.txt")"
by_area=$(echo "$summary" | sed 's/both=\([0-9]*\) men-only=\([0-9]*\) women-only=\([0-9]*\) neither=\([0-9]*\) insufficient-data=\([0-9]*\)/By area: \1 on track (or with no gap) for men and for women, \2 for men only, \3 for women only and \4 for neither; \5 with too little data./')
has "by-area counts" "$text" "$by_area"

# The furthest off track first: the member with the largest projected gap
# beyond its target (track's columns 11 and 9), with its reason.
first=$(awk -F, 'NR > 1 && $1 != "spearhead" && $13 == "off-track" { d = $11 - $9; if (d > best) { best = d; name = $2 } }
  END { print name }' "$tmp/track.csv")
check "furthest off" "$first" "Spearhead area 02"
reason=$(awk -F, -v n="$first" '$2 == n && $3 == "m" { r = $20; sub(/^off track: the/, "The", r); print r }' "$tmp/track.csv")
has "furthest off first, with its reason" "$text" "the furthest off first Area Sex Why $first Men $reason"
# 57 of the 70 areas are off track for men or women; what does not fit is counted.
off=$(awk -F, 'NR > 1 && $1 != "spearhead" && $13 == "off-track" { print $1 }' "$tmp/track.csv" | sort -u | wc -l)
has "areas off track" "$text" "Off track: $off of the 70 areas"
# the areas listed after the heading, each once (its first sex's row)
shown=$(printf '%s' "${text#*the furthest off first}" | grep -o -E 'Spearhead area [0-9]+ (Men|Women)' | wc -l)
has "the rest counted ($shown shown)" "$text" "and $((off - shown)) more areas off track — see the full report"

# The revision changed three areas' status (track on le-a.xml alone).
"$cli" track --format csv "$a" > "$tmp/track-a.csv"
changes=$(join -t, <(awk -F, 'NR > 1 { print $2 "/" $3 "," $13 }' "$tmp/track-a.csv" | sort) \
                   <(awk -F, 'NR > 1 { print $2 "/" $3 "," $13 }' "$tmp/track.csv" | sort) |
          awk -F, '$2 != $3' | wc -l)
check "changes between the exports (track)" "$changes" 4
has "changes heading" "$text" "Changes since the export of 1 March 2007 Area Sex Before Now"
has "went off track, first" "$text" "Spearhead area 31 Men on track · uncertain off track Spearhead area 31 Women on track · uncertain off track Spearhead area 39 Women on track · uncertain off track"
has "came back on track" "$text" "Spearhead area 14 Women off track · uncertain on track"

# In either order the same; with one export nothing to compare with.
"$cli" report --summary --out "$tmp/ba.pdf" "$b" "$a"
if [ "$(words "$tmp/ba.pdf" | sed 's/produced [0-9]* [A-Za-z]* [0-9]*//g')" = \
     "$(printf '%s' "$text" | sed 's/produced [0-9]* [A-Za-z]* [0-9]*//g')" ]; then
  echo "ok: the same summary with the exports in either order"
else
  echo "FAIL: the summary differs with the exports in the other order"; status=1
fi
"$cli" report --summary --out "$tmp/a.pdf" "$a"
has "one export" "$(words "$tmp/a.pdf")" "Changes since the last export No earlier export to compare with."

# Headings: the target as H1, the sections as H2.  (The last, "Off track…",
# is left out: poppler's structure text stops at cairo's "ff" ligature.)
pdfinfo -struct-text "$tmp/both.pdf" > "$tmp/struct"
h=$(awk '$1 == "H1" || $1 == "H2" { t = $1; getline; gsub(/^ *"|"$/, ""); printf "%s %s|", t, $0 }' "$tmp/struct")
check "headings" "$(printf '%s' "$h" | cut -d'|' -f1-4)|$(printf '%s' "$h" | awk -F'|' '{ print NF - 1 }')" \
  "H1 2010 life expectancy target|H2 The Spearhead Group|H2 The 70 member areas|H2 Changes since the export of 1 March 2007|5"

# --summary is not for a choice of area pages.
if "$cli" report --summary --areas E80090000 --out "$tmp/x.pdf" "$a" 2> "$tmp/err"; then
  echo "FAIL: --summary --areas accepted"; status=1
else
  has "--summary --areas refused" "$(cat "$tmp/err")" "give --summary or --areas, not both"
fi

# The samples: two pages as well.
# shellcheck disable=SC2046
"$cli" report --summary --out "$tmp/samples.pdf" $(ls "$samples"/*.xml* | sort)
check "samples: pages" "$(pages "$tmp/samples.pdf")" 2
# Before the newest export (its populations) no area could be tracked: the
# changes say so in a line, not a line an area.
has "samples: areas tracked only now" "$(words "$tmp/samples.pdf")" \
  "Changes since the export of 16 July 2008 No area changed status. 70 areas had too little data to track before and have a status now (not listed)."
exit $status
