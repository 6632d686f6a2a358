#!/usr/bin/env bash
# Instructions per call of the four Saddle measurements, counted by callgrind (repeatable
# whatever the machine's load, unlike wall-clock times): runs a CalculusBenchmark binary once
# under valgrind and divides the inclusive count of each measurement's closure in main.swift
# by its number of calls (batch × repetitions there). Works on any build whose main.swift has
# the same four closures in the same order, e.g. an older commit's.
# Usage: Benchmarks/calculus/instructions.sh [BINARY]   (default: this tree's release build)
set -euo pipefail
cd "$(dirname "$0")/../.."
bin="${1:-}"
if [ -z "$bin" ]; then
  swift build -c release --product CalculusBenchmark >/dev/null
  bin="$(swift build -c release --show-bin-path)/CalculusBenchmark"
fi
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
valgrind --tool=callgrind --dump-instr=no --callgrind-out-file="$out" "$bin" >/dev/null 2>&1
# Closures U0…U3 of main.swift, in order, and their calls (batch × repetitions). A closure
# can be listed more than once (split by source file); its whole count is the largest.
callgrind_annotate --inclusive=yes --threshold=100 --auto=no "$out" 2>/dev/null |
  grep -E 'main.swift:\$s17CalculusBenchmarkyy' | awk '
    function keep(name, count) { if (count > v[name]) v[name] = count }
    { gsub(",", "", $1) }
    /U0_/ { keep("saddle_hessian_rosenbrock", $1 / 700000) }
    /U1_/ { keep("saddle_hessian_cell", $1 / 10000) }
    /U2_/ { keep("saddle_critical_points_himmelblau", $1 / 25) }
    /U3_/ { keep("saddle_critical_points_cell", $1 / 9) }
    END {
      n = split("saddle_hessian_rosenbrock saddle_hessian_cell saddle_critical_points_himmelblau saddle_critical_points_cell", k, " ")
      for (i = 1; i <= n; i++) printf "%-36s %14.0f instructions per call\n", k[i], v[k[i]]
    }'
