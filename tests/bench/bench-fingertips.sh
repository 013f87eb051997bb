#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# bench-fingertips.sh GAPWATCH_CLI PYTHON3
#
# Writes a Fingertips indicator-data CSV of about 70 MB (GW_BENCH_ROWS rows,
# default 240,000: 20 indicators x 1,200 areas x 5 periods x 2 sexes, the
# site's 27 columns, CRLF) and compares its import (`gapwatch-cli check`)
# with Python's csv module only splitting it into rows (issue 16: at most
# 0.5x): best wall time of three runs each, in the same run.  A benchmark
# reports; it exits non-zero only when a command fails.
set -eu

cli=$1
python=$2
rows=${GW_BENCH_ROWS:-240000}
runs=3

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
file=$tmp/fingertips.csv

"$python" - "$file" "$rows" <<'PY'
import random, sys
path, rows = sys.argv[1], int(sys.argv[2])
random.seed(16)
with open(path, "w", newline="") as f:
    f.write("Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,"
            "Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,"
            "Lower CI 99.8 limit,Upper CI 99.8 limit,Count,Denominator,Value note,Recent Trend,"
            "Compared to England value or percentiles,Compared to percentiles,Time period Sortable,"
            "New data,Compared to goal,Time period range\r\n")
    n = 0
    for ind in range(256):
        for area in range(1200):
            for year in range(2010, 2015):
                for sex in ("Male", "Female"):
                    if n == rows:
                        sys.exit(0)
                    v = random.uniform(10, 90)
                    f.write(f'{90000 + ind},"Indicator {ind}: rate per 100,000",E12000001,'
                            f'North East region (statistical),E0{6000000 + area},"Area {area}, somewhere",'
                            f'Counties & UAs (from Apr 2021),{sex},All ages,,,{year} - {(year + 2) % 100:02d},'
                            f'{v:.6f},{v - 1:.6f},{v + 1:.6f},{v - 2:.6f},{v + 2:.6f},{int(v * 10)},'
                            f'{int(v * 1000)},,Cannot be calculated,Similar,Not compared,{year}0000,,,3y\r\n')
                    n += 1
PY

. "$(dirname "$0")/bench-lib.sh"

echo "Fingertips CSV: $rows rows, $(($(stat -c %s "$file") / 1000000)) MB"
run_best "gapwatch-cli check" "$cli" check "$file"
ours=$best_ns
ours_cpu=$best_cpu_ms
run_best "python3 csv.reader" "$python" -c "import csv, sys; sum(1 for _ in csv.reader(open(sys.argv[1])))" "$file"
theirs=$best_ns
theirs_cpu=$best_cpu_ms
echo "gapwatch-cli check: $(secs $ours) s; Python csv.reader: $(secs $theirs) s;" \
     "ratio $(awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "%.2f", a / b }') (issue 16: at most 0.50)"
echo "CPU time (user + sys): gapwatch-cli check $(secs $((ours_cpu * 1000000))) s; Python csv.reader" \
     "$(secs $((theirs_cpu * 1000000))) s; ratio $(awk -v a="$ours_cpu" -v b="$theirs_cpu" 'BEGIN { printf "%.2f", a / b }')"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
