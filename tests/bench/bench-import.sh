#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# bench-import.sh GENERATOR GAPWATCH_CLI XMLLINT
#
# Generates a national-scale deaths export (GW_BENCH_AREAS areas, default 300,
# x 2 sexes x 20 age bands x GW_BENCH_MONTHS months, default 120: 1.44 million
# records), then an LSOA-scale export (GW_BENCH_SMALL_AREAS LSOAs, default
# 32,844, x 2 sexes x 20 age bands x GW_BENCH_YEARS years, default 2, of
# deaths and populations: 5.3 million records, 280 MB), and compares each
# import (`gapwatch-cli summary FILE`) with a bare streaming parse (`xmllint
# --stream --noout FILE`): best wall time of three runs each, and peak
# resident memory (GNU time %M).  Goals (issue 20): 0.8x xmllint's time,
# peak memory 0.4x the file.  A benchmark reports; it
# exits non-zero only when a command fails.
set -eu

gen=$1
cli=$2
xmllint=$3
areas=${GW_BENCH_AREAS:-300}
months=${GW_BENCH_MONTHS:-120}
lsoas=${GW_BENCH_SMALL_AREAS:-32844}
years=${GW_BENCH_YEARS:-2}
runs=3

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
file=$tmp/national.xml

. "$(dirname "$0")/bench-lib.sh"

# compare FILE RECORDS: xmllint against the import, the ratios printed
compare () {
  local file=$1 records=$2 size xml_ns xml_kb imp_ns imp_kb

  size=$(stat -c %s "$file")
  echo "file size: $size bytes ($(awk -v b="$size" 'BEGIN { printf "%.1f", b / 1048576 }') MiB)"
  echo "records: $records"

  # Warm the page cache so that neither tool pays for the first read.
  cat "$file" > /dev/null

  run_best xmllint "$xmllint" --stream --noout "$file"
  xml_ns=$best_ns
  xml_kb=$peak_kb

  run_best import "$cli" summary "$file"
  imp_ns=$best_ns
  imp_kb=$peak_kb

  echo "xmllint --stream time (best of $runs): $(secs $xml_ns) s"
  echo "import time, gapwatch-cli summary (best of $runs): $(secs $imp_ns) s"
  echo "import-vs-xmllint ratio: $(awk -v a="$imp_ns" -v b="$xml_ns" 'BEGIN { printf "%.2f", a / b }') (goal: 0.80 at most)"
  echo "import records per second: $(awk -v r="$records" -v ns="$imp_ns" 'BEGIN { printf "%.0f", r / (ns / 1e9) }')"
  echo "xmllint peak RSS: $(awk -v k="$xml_kb" 'BEGIN { printf "%.1f", k / 1024 }') MiB"
  echo "import peak RSS: $(awk -v k="$imp_kb" 'BEGIN { printf "%.1f", k / 1024 }') MiB"
  echo "import peak RSS / file size: $(awk -v k="$imp_kb" -v b="$size" 'BEGIN { printf "%.2f", k * 1024 / b }') (goal: 0.40 at most)"
}

start=$(now_ns)
"$gen" --national "$file" --areas "$areas" --months "$months" 2> "$tmp/gen.log"
end=$(now_ns)
echo "national export: $areas areas x 2 sexes x 20 bands x $months months"
echo "generation time: $(secs $((end - start))) s"
compare "$file" "$(sed -n 's/.*: \([0-9]*\) records$/\1/p' "$tmp/gen.log")"
rm -f "$file"

# The LSOA-scale export: deaths and populations of every LSOA with its
# decile and district (England's 32,844 for GW_BENCH_SMALL_AREAS; full
# scale is GW_BENCH_YEARS=20, 2.5 GB).
file=$tmp/lsoa.xml
start=$(now_ns)
"$gen" --lsoa "$file" --lsoas "$lsoas" --years "$years" 2> "$tmp/gen.log"
end=$(now_ns)
echo
echo "LSOA-scale export: $lsoas LSOAs x 2 sexes x 20 bands x $years years, deaths and populations"
echo "generation time: $(secs $((end - start))) s"
compare "$file" "$(sed -n 's/.*: \([0-9]*\) records$/\1/p' "$tmp/gen.log")"
exit 0
