#!/usr/bin/env bash
# Benchmark (issue 13), all in one run, ratios printed:
# - critical_study of 100 nets 1-10-10-1 tanh (P = 141) and 50 nets 1-30-30-1 tanh (P = 1,021),
#   1,000 full-batch gd epochs in Float64 on 64 points, then toCritical to ‖∇L‖ ≤ 1e-6; targets
#   under 30 s and 120 s; prints how many reached the tolerance and ‖∇L‖ by decade;
# - the full Hessian of an 8-32-20-1 tanh MLP (P = 969, mse) on N = 1,000: Saddle
#   (`hessian(on:)`) against torch.autograd.functional.hessian (2 threads), jax.jit(jax.hessian)
#   (compile excluded) and a vectorised numpy closed form (peers.py); targets ≥ 20× torch and
#   within 2× of numpy;
# - top-5 Hessian eigenvalues of a 784-128-10 tanh net (P = 101,770, cross-entropy, Float64) on
#   2,000 Fashion-MNIST images: Saddle's Lanczos against a torch Lanczos (double-backward HVPs,
#   full reorthogonalisation) with the same number of HVPs; target faster than torch.
# Peers come from TORCH_VENV (default /work/.venv-bench: torch, jax, numpy); a missing one is
# skipped, saying so. The machine may be shared: every number carries the load average.
# Usage: Benchmarks/curvature/run.sh [study] [large] [hessian] [lanczos]   (default: all)
set -euo pipefail
cd "$(dirname "$0")/../.."
venv="${TORCH_VENV:-/work/.venv-bench}"
swift build -c release --product CurvatureBenchmark >/dev/null
bin="$(swift build -c release --show-bin-path 2>/dev/null)/CurvatureBenchmark"
results="$(mktemp)"
trap 'rm -f "$results"' EXIT
"$bin" "$@" >>"$results"
parts="${*:-study large hessian lanczos}"
py() { OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2 "$venv/bin/python" -W ignore Benchmarks/curvature/peers.py "$@" 2>/dev/null; }
if [ -x "$venv/bin/python" ]; then
  if [[ " $parts " == *" hessian "* ]]; then
    for peer in numpy torch jax; do py hessian "$peer" >>"$results" || echo "# $peer failed" >>"$results"; done
  fi
  if [[ " $parts " == *" lanczos "* ]]; then
    steps="$(awk '$1 == "lanczos_steps" { print $2 }' "$results")"
    [ -n "$steps" ] && { py lanczos "$steps" >>"$results" || echo "# torch lanczos failed" >>"$results"; }
  fi
else
  echo "# no python in $venv: peers skipped" >>"$results"
fi
grep '^# ' "$results" || true
awk '
  !/^#/ { t[$1] = $2 }
  END {
    if ("study_seconds" in t)
      printf "critical_study 100 nets P = 141:   %.1f s wall, %.1f s CPU (target < 30 s); %d of %d reached ‖∇L‖ ≤ 1e-6\n", t["study_seconds"], t["study_cpu"], t["study_reached"], t["study_nets"]
    if ("large_seconds" in t)
      printf "critical_study %d nets P = 1,021:   %.1f s wall, %.1f s CPU (target 50 nets < 120 s); %d reached ‖∇L‖ ≤ 1e-6\n", t["large_nets"], t["large_seconds"], t["large_cpu"], t["large_reached"]
    if ("hessian_seconds" in t) {
      s = t["hessian_seconds"]
      printf "full Hessian P = 969, N = 1,000:    saddle %.3f s", s
      if ("numpy_hessian" in t) printf ", numpy closed form %.3f s (%.2f× saddle; target saddle within 2×)", t["numpy_hessian"], t["numpy_hessian"] / s
      if ("torch_hessian" in t) printf ", torch %.3f s (%.1f×; target ≥ 20×)", t["torch_hessian"], t["torch_hessian"] / s
      if ("jax_hessian" in t) printf ", jax jit %.3f s (%.1f×)", t["jax_hessian"], t["jax_hessian"] / s
      printf "\n"
    }
    if ("lanczos_seconds" in t) {
      printf "Lanczos top-5, P = 101,770, %d HVPs: saddle %.2f s", t["lanczos_steps"], t["lanczos_seconds"]
      if ("torch_lanczos" in t) printf ", torch %.2f s (%.2f×; target > 1×)", t["torch_lanczos"], t["torch_lanczos"] / t["lanczos_seconds"]
      printf "\n"
    }
  }' "$results"
