#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# bench-import.sh GENERATOR GAPWATCH_CLI XMLLINT
#
# Generates a national-scale deaths export (GW_BENCH_AREAS areas, default 300,
# x 2 sexes x 20 age bands x GW_BENCH_MONTHS months, default 120: 1.44 million
# records) and compares the import (`gapwatch-cli summary FILE`) with a bare
# streaming parse (`xmllint --stream --noout FILE`): best wall time of three
# runs each, and peak resident memory (GNU time %M).  A benchmark reports; it
# exits non-zero only when a command fails.
set -eu

gen=$1
cli=$2
xmllint=$3
areas=${GW_BENCH_AREAS:-300}
months=${GW_BENCH_MONTHS:-120}
runs=3

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
file=$tmp/national.xml

. "$(dirname "$0")/bench-lib.sh"

start=$(now_ns)
"$gen" --national "$file" --areas "$areas" --months "$months" 2> "$tmp/gen.log"
end=$(now_ns)
size=$(stat -c %s "$file")
records=$(sed -n 's/.*: \([0-9]*\) records$/\1/p' "$tmp/gen.log")

echo "national export: $areas areas x 2 sexes x 20 bands x $months months"
echo "records: $records"
echo "file size: $size bytes ($(awk -v b="$size" 'BEGIN { printf "%.1f", b / 1048576 }') MiB)"
echo "generation time: $(secs $((end - start))) s"

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
echo "import-vs-xmllint ratio: $(awk -v a="$imp_ns" -v b="$xml_ns" 'BEGIN { printf "%.2f", a / b }')"
echo "import records per second: $(awk -v r="$records" -v ns="$imp_ns" 'BEGIN { printf "%.0f", r / (ns / 1e9) }')"
echo "xmllint peak RSS: $(awk -v k="$xml_kb" 'BEGIN { printf "%.1f", k / 1024 }') MiB"
echo "import peak RSS: $(awk -v k="$imp_kb" 'BEGIN { printf "%.1f", k / 1024 }') MiB"
echo "import peak RSS / file size: $(awk -v k="$imp_kb" -v b="$size" 'BEGIN { printf "%.2f", k * 1024 / b }')"
exit 0
