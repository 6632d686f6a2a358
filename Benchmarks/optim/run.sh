#!/usr/bin/env bash
# Benchmark: 10,000 steps of gd and of momentum on (1 - w1*w2)^2, Saddle (whole cells: the
# forward-mode tape and the allocation-free loop) against numpy, torch (autograd) and jax (jit)
# in the same run; and one optimizer step (momentum, Adam) on 100,000 float32 parameters
# (OptimizerState<Float>) against numpy's in-place array operations. A peer that is not
# installed is skipped, saying so.
# Usage: Benchmarks/optim/run.sh   (SADDLE_VENV defaults to .venv)
set -euo pipefail
cd "$(dirname "$0")/../.."
source Benchmarks/support/run-with-peers.sh
run_with_peers OptimBenchmark Benchmarks/optim/peers.py
grep '^# ' "$results" || true
awk '
  !/^#/ { t[$1] = $2 }
  function row(label, key) {
    if (key in t) printf "  %-40s %12.3f ms\n", label, t[key] * 1e3
    else printf "  %-40s %15s\n", label, "skipped"
  }
  function ratio(label, a, b, target) {
    if ((a in t) && (b in t)) printf "  %-40s %12.2f×  %s\n", label, t[b] / t[a], target
  }
  END {
    split("gd momentum", names, " ")
    for (k = 1; k <= 2; k++) {
      n = names[k]
      print "10,000 steps of " n " on (1 - w1*w2)^2"
      row("saddle (whole cell)", "saddle_" n)
      row("numpy (Python loop)", "numpy_" n)
      row("torch (autograd, Python loop)", "torch_" n)
      row("jax (jit, lax.fori_loop)", "jax_" n)
      row("jax (jit, lax.scan keeping iterates)", "jaxscan_" n)
      ratio("speed-up over numpy", "saddle_" n, "numpy_" n, "(target ≥ 50)")
      ratio("speed-up over torch", "saddle_" n, "torch_" n, "")
      ratio("speed-up over jax (jit)", "saddle_" n, "jax_" n, "(target ≥ 0.33, within 3×)")
      ratio("speed-up over jax (scan, iterates kept)", "saddle_" n, "jaxscan_" n, "")
      print ""
    }
    split("momentum adam", steps, " ")
    for (k = 1; k <= 2; k++) {
      n = steps[k]
      print "one " n " step on 100,000 float32 parameters"
      row("saddle (OptimizerState<Float>)", "saddle_step_" n)
      row("numpy (in-place array operations)", "numpy_step_" n)
      ratio("speed-up over numpy", "saddle_step_" n, "numpy_step_" n, "")
      print ""
    }
  }' "$results"
