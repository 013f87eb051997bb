#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# check-help.sh HELP_C_DIR [METHODS_MD]
# The help's pages are well-formed XML (with legal.xml included), every
# xref leads to a page, or a section of a page, that exists, and the Methods
# section has a page for each method of the shared methods.md, each with a
# formula (<code>) and a Sources section naming a published source.
set -eu
dir=$1
methods_md=${2:-}
status=0
fail () { echo "FAIL: $*"; status=1; }

ids=$(mktemp)
trap 'rm -f "$ids"' EXIT
for page in "$dir"/*.page; do
  if ! xmllint --noout --xinclude "$page"; then
    fail "$(basename "$page") is not well-formed"; continue
  fi
  id=$(xmllint --xpath 'string(/*[local-name()="page"]/@id)' "$page")
  [ "$id.page" = "$(basename "$page")" ] || fail "$(basename "$page") has the id '$id'"
  echo "$id" >> "$ids"
  xmllint --xpath '//*[local-name()="section"]/@id' "$page" 2>/dev/null |
    sed 's/ id="\([^"]*\)"/\1\n/g' | sed -n "s|^\(..*\)\$|$id#\1|p" >> "$ids"
done

for page in "$dir"/*.page; do
  for xref in $(xmllint --xpath '//*[@xref]/@xref' "$page" 2>/dev/null | sed 's/ xref="\([^"]*\)"/\1\n/g'); do
    if grep -qxF -- "$xref" "$ids"; then
      echo "ok: $(basename "$page") -> $xref"
    else
      fail "$(basename "$page") links to $xref, which does not exist"
    fi
  done
done

# The Methods section: one page per method, each read by a director with
# its formula and its sources.
n=0
for page in "$dir"/method-*.page; do
  n=$((n + 1))
  name=$(basename "$page")
  grep -q '<link type="guide" xref="methods"/>' "$page" || fail "$name is not in the Methods section"
  grep -q '<code>' "$page" || fail "$name gives no formula"
  [ "$(xmllint --xpath 'count(//*[@id="sources"]//*[local-name()="item"])' "$page")" -ge 1 ] ||
    fail "$name names no source"
done
if [ -n "$methods_md" ] && [ -f "$methods_md" ]; then
  want=$(grep -c '^## [0-9]' "$methods_md")
  [ "$n" -eq "$want" ] || fail "$n method pages for the $want methods of $(basename "$methods_md")"
  echo "ok: $n method pages for $want methods"
fi
exit $status
