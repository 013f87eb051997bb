# SPDX-License-Identifier: GPL-3.0-or-later
#
# bench-lib.sh: sourced by the benchmark scripts, after they set $tmp (a
# directory of their own) and $runs.

now_ns () { date +%s%N; }

# seconds with 3 decimals of a nanosecond difference
secs () { awk -v ns="$1" 'BEGIN { printf "%.3f", ns / 1e9 }'; }

# run_best LABEL COMMAND...: best wall time of $runs runs (ns) in $best_ns,
# least CPU time (user + sys, ms) in $best_cpu_ms, largest peak RSS of the
# runs (KiB) in $peak_kb.  On a loaded machine the wall time says more of
# the load than of the program; CPU time much less so.
run_best () {
  local label=$1
  shift
  best_ns=
  best_cpu_ms=
  peak_kb=0
  for ((i = 1; i <= runs; i++)); do
    local start end ns kb cpu_ms
    start=$(now_ns)
    if ! /usr/bin/time -f '%M %U %S' -o "$tmp/rss" "$@" > /dev/null 2> "$tmp/stderr"; then
      echo "$label failed:" >&2
      cat "$tmp/stderr" >&2
      exit 1
    fi
    end=$(now_ns)
    ns=$((end - start))
    read -r kb cpu_ms < <(tail -n 1 "$tmp/rss" | awk '{ printf "%d %d\n", $1, ($2 + $3) * 1000 + 0.5 }')
    echo "  $label run $i: $(secs $ns) s, CPU $(secs $((cpu_ms * 1000000))) s, peak RSS $((kb / 1024)) MiB"
    if [ -z "$best_ns" ] || [ "$ns" -lt "$best_ns" ]; then best_ns=$ns; fi
    if [ -z "$best_cpu_ms" ] || [ "$cpu_ms" -lt "$best_cpu_ms" ]; then best_cpu_ms=$cpu_ms; fi
    if [ "$kb" -gt "$peak_kb" ]; then peak_kb=$kb; fi
  done
}
