#!/usr/bin/env bash
# Benchmark: the exact Hessian of Rosenbrock at (-1.2, 1) and critical_points of Himmelblau
# in [-5, 5]², Saddle (forward-mode hyper-duals over compiled formula trees) against jax (jit)
# and torch in the same run. A peer that is not installed is skipped, saying so.
# Usage: Benchmarks/calculus/run.sh   (SADDLE_VENV defaults to .venv)
set -euo pipefail
cd "$(dirname "$0")/../.."
source Benchmarks/support/run-with-peers.sh
run_with_peers CalculusBenchmark Benchmarks/calculus/peers.py
grep '^# ' "$results" || true
awk '
  !/^#/ { t[$1] = $2 }
  function row(label, key, ms) {
    if ((key in t) && ms) printf "  %-44s %12.3f ms\n", label, t[key] * 1e3
    else if (key in t) printf "  %-44s %12.3f µs\n", label, t[key] * 1e6
    else printf "  %-44s %15s\n", label, "skipped"
  }
  function ratio(label, a, b, target) {
    if ((a in t) && (b in t)) printf "  %-44s %12.1f×  %s\n", label, t[b] / t[a], target
  }
  END {
    print "Hessian of Rosenbrock at (-1.2, 1), per call"
    row("saddle (formula over hyper-duals)", "saddle_hessian_rosenbrock")
    row("saddle whole cell hessian(R, at: …)", "saddle_hessian_cell")
    row("jax.jit(jax.hessian(f))", "jax_hessian_rosenbrock")
    row("torch.autograd.functional.hessian", "torch_hessian_rosenbrock")
    ratio("speed-up over jax (jit)", "saddle_hessian_rosenbrock", "jax_hessian_rosenbrock", "(target ≥ 1)")
    ratio("speed-up over torch", "saddle_hessian_rosenbrock", "torch_hessian_rosenbrock", "(target ≥ 10)")
    print ""
    print "critical_points of Himmelblau in [-5, 5]², 144 starts, per call"
    row("saddle (damped Newton, classified)", "saddle_critical_points_himmelblau", 1)
    row("saddle whole cell critical_points(H, …)", "saddle_critical_points_cell", 1)
    row("jax (jit, vmap over starts)", "jax_critical_points_himmelblau", 1)
    row("torch (torch.func vmap over starts)", "torch_critical_points_himmelblau", 1)
    ratio("speed-up over jax (jit)", "saddle_critical_points_himmelblau", "jax_critical_points_himmelblau", "")
    ratio("speed-up over torch", "saddle_critical_points_himmelblau", "torch_critical_points_himmelblau", "")
    printf "  points found: saddle %s, jax %s, torch %s (expected 9)\n", t["saddle_critical_points_found"],
      ("jax_critical_points_found" in t) ? t["jax_critical_points_found"] : "-",
      ("torch_critical_points_found" in t) ? t["torch_critical_points_found"] : "-"
    if (t["saddle_critical_points_himmelblau"] < 0.05) print "  saddle under the 50 ms target"
    else print "  saddle OVER the 50 ms target"
  }' "$results"
