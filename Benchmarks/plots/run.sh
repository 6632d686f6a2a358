#!/usr/bin/env bash
# Saddle's figures against matplotlib (Agg) on the five reference figures, in one run:
# warm render+encode time and PNG bytes at 1× and 2×, whole-process time for one figure,
# peak memory at 2×, and the 10⁶-point line and scatter (LargeFigures.swift).
# Prints ratios Saddle / matplotlib (lower is better).
# SADDLE_BENCH_BIN=DIR runs DIR/PlotBenchmark and DIR/saddle instead and builds nothing (to time
# another build, e.g. an older commit's worktree's .build/release, against the same matplotlib).
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV="${SADDLE_VENV:-.venv}"
N="${1:-5}"
BIN="${SADDLE_BENCH_BIN:-}"
if [ -z "$BIN" ]; then
  swift build -c release --product PlotBenchmark >/dev/null
  swift build -c release --product saddle >/dev/null
  BIN=.build/release
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

"$VENV/bin/python" Benchmarks/plots/mpl_bench.py "$N" >"$TMP/mpl.txt"
"$BIN/PlotBenchmark" time "$N" >"$TMP/ours.txt"

# Prints Saddle's and matplotlib's `name scale ms bytes` lines side by side with the ratios.
# Usage: compare OURS MPL
compare() {
  printf '%-16s %-3s %9s %9s %6s %9s %9s %6s\n' figure sc saddle_ms mpl_ms ratio saddle_B mpl_B ratio
  paste "$1" "$2" | while read -r name sc ms bytes _ _ mms mbytes; do
    printf '%-16s %-3s %9.2f %9.2f %6.2f %9d %9d %6.2f\n' "$name" "$sc" "$ms" "$mms" \
      "$(echo "$ms / $mms" | bc -l)" "$bytes" "$mbytes" "$(echo "$bytes / $mbytes" | bc -l)"
  done
}

echo "warm render + PNG encode (best of $N), Saddle vs matplotlib"
compare "$TMP/ours.txt" "$TMP/mpl.txt"

echo
echo "large data: 10⁶-point line and 10⁶-marker scatter, render + PNG encode (best of 3), Saddle vs matplotlib"
if "$BIN/PlotBenchmark" large 3 >"$TMP/ours_large.txt" 2>/dev/null && ! grep -q '^usage' "$TMP/ours_large.txt"; then
  "$VENV/bin/python" Benchmarks/plots/mpl_bench.py large 3 >"$TMP/mpl_large.txt"
  compare "$TMP/ours_large.txt" "$TMP/mpl_large.txt"
else
  echo "  skipped: this PlotBenchmark has no 'large' mode (a build from before it)"
fi

echo
echo "whole process, one figure to a file (a_contour, 1×)"
/usr/bin/time -f '%e s, %M KB peak' "$BIN/PlotBenchmark" one a "$TMP/a.png" 2>&1 | sed 's/^/  PlotBenchmark: /'
printf 'L(w1, w2) = (1 - w1*w2)^2\nsave(surface(L, w1: -2...2, w2: -2...2), "%s/s.png")\n' "$TMP" >"$TMP/cell.txt"
/usr/bin/time -f '%e s, %M KB peak' "$BIN/saddle" repl <"$TMP/cell.txt" 2>&1 >/dev/null | sed 's/^/  saddle repl (surface cell): /'
/usr/bin/time -f '%e s, %M KB peak' "$VENV/bin/python" /work/shared/reference/plots/matplotlib_figures.py a 1 "$TMP/m.png" 2>&1 |
  sed 's/^/  python matplotlib_figures.py a 1: /'

echo
echo "peak memory at 2× (whole process)"
for k in a b c d e; do
  /usr/bin/time -f "  $k: %M KB" "$BIN/PlotBenchmark" one "$k" "$TMP/$k.png" 2 2>&1
done
