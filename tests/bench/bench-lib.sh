# SPDX-License-Identifier: GPL-3.0-or-later
#
# bench-lib.sh: sourced by the benchmark scripts, after they set $tmp (a
# directory of their own) and $runs.

now_ns () { date +%s%N; }

# seconds with 3 decimals of a nanosecond difference
secs () { awk -v ns="$1" 'BEGIN { printf "%.3f", ns / 1e9 }'; }

# run_best LABEL COMMAND...: best wall time of $runs runs (ns) in $best_ns,
# largest peak RSS of the runs (KiB) in $peak_kb
run_best () {
  local label=$1
  shift
  best_ns=
  peak_kb=0
  for ((i = 1; i <= runs; i++)); do
    local start end ns kb
    start=$(now_ns)
    if ! /usr/bin/time -f %M -o "$tmp/rss" "$@" > /dev/null 2> "$tmp/stderr"; then
      echo "$label failed:" >&2
      cat "$tmp/stderr" >&2
      exit 1
    fi
    end=$(now_ns)
    ns=$((end - start))
    kb=$(tail -n 1 "$tmp/rss")
    echo "  $label run $i: $(secs $ns) s, peak RSS $((kb / 1024)) MiB"
    if [ -z "$best_ns" ] || [ "$ns" -lt "$best_ns" ]; then best_ns=$ns; fi
    if [ "$kb" -gt "$peak_kb" ]; then peak_kb=$kb; fi
  done
}
