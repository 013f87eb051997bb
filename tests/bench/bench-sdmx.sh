#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# bench-sdmx.sh GAPWATCH_CLI XMLLINT PYTHON3
#
# Writes an SDMX-ML 2.1 structure-specific message of about 70 MB with
# GW_BENCH_OBS observations (default 1,400,000: Eurostat population by
# age, 1,111 areas x 3 sexes x 20 age bands x 21 years, in series by area,
# sex and age) and compares its import (`gapwatch-cli check`) with
# `xmllint --stream` only reading it (issue 16: at most 1.2x): best wall
# time of three runs each, in the same run.  A benchmark reports; it exits
# non-zero only when a command fails.
set -eu

cli=$1
xmllint=$2
python=$3
obs=${GW_BENCH_OBS:-1400000}
runs=3

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
file=$tmp/demo_pjangroup.xml

"$python" - "$file" "$obs" <<'PY'
import random, sys
path, total = sys.argv[1], int(sys.argv[2])
random.seed(16)
ages = ["Y_LT1", "Y1-4"] + [f"Y{a}-{a + 4}" for a in range(5, 90, 5)] + ["Y_GE90"]
years = range(2000, 2021)
with open(path, "w") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<m:StructureSpecificData xmlns:m="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"'
            ' xmlns:s="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific"'
            ' xmlns:c="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common">\n'
            '<m:Header><m:ID>BENCH</m:ID><m:Test>false</m:Test><m:Prepared>2024-03-01T10:00:00Z</m:Prepared>'
            '<m:Sender id="ESTAT"/><m:Structure structureID="STR1" dimensionAtObservation="TIME_PERIOD">'
            '<c:StructureUsage><Ref id="DEMO_PJANGROUP" agencyID="ESTAT" version="1.0"/></c:StructureUsage>'
            '</m:Structure></m:Header>\n<m:DataSet s:structureRef="STR1">\n')
    n = 0
    area = 0
    while n < total:
        for sex in ("M", "F", "T"):
            for age in ages:
                if n >= total:
                    break
                f.write(f'  <Series freq="A" unit="NR" sex="{sex}" age="{age}" geo="E0{6000000 + area}">\n')
                for year in years:
                    if n >= total:
                        break
                    f.write(f'    <Obs TIME_PERIOD="{year}" OBS_VALUE="{random.randint(100, 99999)}"/>\n')
                    n += 1
                f.write('  </Series>\n')
        area += 1
    f.write('</m:DataSet>\n</m:StructureSpecificData>\n')
PY

. "$(dirname "$0")/bench-lib.sh"

echo "SDMX-ML structure-specific message: $obs observations, $(($(stat -c %s "$file") / 1000000)) MB"
run_best "gapwatch-cli check" "$cli" check "$file"
ours=$best_ns
ours_cpu=$best_cpu_ms
run_best "xmllint --stream" "$xmllint" --stream --noout "$file"
theirs=$best_ns
theirs_cpu=$best_cpu_ms
echo "gapwatch-cli check: $(secs $ours) s; xmllint --stream: $(secs $theirs) s;" \
     "ratio $(awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "%.2f", a / b }') (issue 16: at most 1.20)"
echo "CPU time (user + sys): gapwatch-cli check $(secs $((ours_cpu * 1000000))) s; xmllint --stream" \
     "$(secs $((theirs_cpu * 1000000))) s; ratio $(awk -v a="$ours_cpu" -v b="$theirs_cpu" 'BEGIN { printf "%.2f", a / b }')"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
