#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# check-report-tags.sh GAPWATCH_CLI SAMPLES_DIR
# The board report PDF is tagged, as published board papers must be
# accessible: pdfinfo reads "Tagged: yes", one Document of one section per
# page, the heading outline (the target as H1, the front page's sections,
# each area and its why-the-gap and inequality pages as H2, the why page's
# parts as H3), a table structure with heading cells, two figures per area
# page, a link back to the front page on every other page, and a named
# destination for the front page and each area.  The pages: front,
# comparison, then each area's figures, why the gap and inequality within
# (both samples' areas have small areas), and the group's why the gap.
set -eu
cli=$1 samples=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C LANGUAGE=C

# shellcheck disable=SC2046
"$cli" report --areas E06000001,E06000002 --out "$tmp/report.pdf" $(ls "$samples"/*.xml* | sort)
pdfinfo "$tmp/report.pdf" > "$tmp/info"
pdfinfo -struct-text "$tmp/report.pdf" > "$tmp/struct" 2> "$tmp/struct-warnings"
pdfinfo -dests "$tmp/report.pdf" > "$tmp/dests"

status=0
check () {
  if [ "$2" = "$3" ]; then echo "ok: $1: $2"; else echo "FAIL: $1: got '$2', want '$3'"; status=1; fi
}
count () { grep -c -E "$1" "$tmp/struct" || true; }
# The text of every element of a type, one line each.
texts () { awk -v tag="$1" '$1 == tag { getline; gsub(/^ *"|"$/, ""); print }' "$tmp/struct" | tr '\n' '|'; }

pages=$(sed -n 's/^Pages: *//p' "$tmp/info")
check "Tagged" "$(sed -n 's/^Tagged: *//p' "$tmp/info")" yes
check "structure warnings" "$(cat "$tmp/struct-warnings")" ""
check "root" "$(head -n 1 "$tmp/struct")" Document
check "sections (one per page)" "$(count '^  Sect$')" "$pages"
check "H1" "$(texts H1)" "2010 life expectancy target|"
check "H2" "$(texts H2)" "The Spearhead Group|The 70 member areas|Data used|Hartlepool|Hartlepool: why the gap|Hartlepool: inequality within the area|Middlesbrough|Middlesbrough: why the gap|Middlesbrough: inequality within the area|Spearhead Group as a whole: why the gap|"
check "H3" "$(texts H3)" "Why the gap|What it would take|Why the gap|What it would take|Why the gap|What it would take|"
check "pages" "$pages" 9
check "heading cells of the first table" \
  "$(awk '/Table/ { on = 1 } on && $1 == "TH" { getline; gsub(/^ *"|"$/, ""); printf "%s|", $0 } on && $1 == "TD" { exit }' "$tmp/struct" | cut -d'|' -f1)" Sex
check "figures on the area pages" "$(awk '/^  Sect$/ { page++ } $1 == "Figure" && (page == 3 || page == 6) { n++ } END { print n + 0 }' "$tmp/struct")" 4
check "links back to the front page" "$(count '^ *Link')" "$((pages - 1))"
check "destination of the front page" "$(awk '$NF == "\"summary\"" { print $1 }' "$tmp/dests")" 1
check "destination of Hartlepool" "$(awk '$NF == "\"area-E06000001\"" { print $1 }' "$tmp/dests")" 3
check "destination of Middlesbrough" "$(awk '$NF == "\"area-E06000002\"" { print $1 }' "$tmp/dests")" 6
exit $status
