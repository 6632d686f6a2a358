#!/usr/bin/env bash
# Benchmark: critical_study of 100 nets 1-10-10-1 tanh (P = 141; 1,000 full-batch gd epochs in
# Float64, then Levenberg–Marquardt to ‖∇L‖ ≤ 1e-6) on 64 points, target under 30 s; and the
# full Hessian of an 8-32-20-1 tanh MLP (P = 969) on N = 1,000. No peer comparison yet: jax
# and torch are not installed, and the vectorised numpy closed form is not written.
# Usage: Benchmarks/curvature/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product CurvatureBenchmark >/dev/null
bin="$(swift build -c release --show-bin-path 2>/dev/null)/CurvatureBenchmark"
"$bin" | awk '
  /^#/ { print; next }
  { t[$1] = $2 }
  END {
    printf "critical_study, 100 nets P = 141: %.1f s (target < 30 s)\n", t["study_seconds"]
    printf "full Hessian P = 969, N = 1,000:  %.3f s\n", t["hessian_seconds"]
  }'
