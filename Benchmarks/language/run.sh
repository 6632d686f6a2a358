#!/usr/bin/env bash
# Benchmark: (1 - w1*w2)^2 on 200×200 and 1000×1000 grids, Saddle's compiled formula path
# (the one the grid builtin uses) against numpy's vectorized evaluation, in the same run;
# and a 10^6-iteration loop cell and map against CPython's same loop and list comprehension.
# Usage: Benchmarks/language/run.sh   (SADDLE_VENV defaults to .venv)
set -euo pipefail
cd "$(dirname "$0")/../.."
source Benchmarks/support/run-with-peers.sh
run_with_peers LanguageBenchmark Benchmarks/language/numpy_bench.py
awk '
  { t[$1] = $2 }
  END {
    for (i = 0; i < 2; i++) {
      n = (i == 0) ? 200 : 1000
      f = t["saddle_formula_grid_" n]; c = t["saddle_builtin_cell_" n]
      p = t["numpy_formula_" n]; m = t["numpy_with_meshgrid_" n]
      printf "%dx%d grid\n", n, n
      printf "  saddle compiled formula (grid path)  %9.3f ms\n", f * 1000
      printf "  saddle whole cell grid(L, …)          %9.3f ms\n", c * 1000
      printf "  numpy (1 - W1*W2)**2                  %9.3f ms\n", p * 1000
      printf "  numpy linspace+meshgrid+formula       %9.3f ms\n", m * 1000
      printf "  ratio saddle formula / numpy formula  %9.2f  (below 1 = faster than numpy)\n", f / p
      printf "  ratio saddle cell / numpy with grid   %9.2f\n", c / m
    }
    printf "loop of 10^6 iterations: s = s + i\n"
    printf "  saddle for-loop cell                  %9.3f ms\n", t["saddle_loop_1e6"] * 1000
    printf "  CPython for-loop                      %9.3f ms\n", t["python_loop_1e6"] * 1000
    printf "  ratio saddle / CPython                %9.2f\n", t["saddle_loop_1e6"] / t["python_loop_1e6"]
    printf "  stop flag set → loop ended            %9.3f ms\n", t["saddle_loop_interrupt_latency"] * 1000
    printf "map over 10^6 numbers: x * x + 1\n"
    printf "  saddle (1...1000000).map { x in … }   %9.3f ms\n", t["saddle_map_1e6"] * 1000
    printf "  CPython list comprehension            %9.3f ms\n", t["python_map_1e6"] * 1000
    printf "  ratio saddle / CPython                %9.2f\n", t["saddle_map_1e6"] / t["python_map_1e6"]
  }' "$results"
