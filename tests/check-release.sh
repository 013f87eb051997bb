#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# check-release.sh VERSION SOURCE_ROOT
# The release named everywhere is the project's version: NEWS's first entry,
# the metainfo's newest release (same date), and the man pages' headers.
set -eu
version=$1 top=$2
status=0
check () {
  if [ "$2" = "$3" ]; then echo "ok: $1: $2"; else echo "FAIL: $1: '$2', the project is '$3'"; status=1; fi
}

news=$(sed -n '1s/^Gapwatch \([^ ]*\) (\(.*\))$/\1 \2/p' "$top/NEWS")
metainfo=$(sed -n 's/^ *<release version="\([^"]*\)" date="\([^"]*\)".*/\1 \2/p' \
  "$top/data/io.github.gapwatch.Gapwatch.metainfo.xml.in" | head -n 1)
check "NEWS" "${news% *}" "$version"
check "metainfo" "${metainfo% *}" "$version"
check "the date of NEWS and metainfo" "${news#* }" "${metainfo#* }"
for page in "$top"/man/*.1; do
  check "$(basename "$page")" "$(sed -n 's/^\.TH .* "Gapwatch \([^"]*\)" .*/\1/p' "$page")" "$version"
done
exit $status
