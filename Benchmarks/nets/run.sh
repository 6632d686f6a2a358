#!/usr/bin/env bash
# Benchmark: Fashion-MNIST, MLP 784-128-10 ReLU, SGD momentum (lr 0.05, 0.9), Float32, shuffled;
# ms per epoch at batch 1 (timed on 6,000 examples, scaled), 32, 256 and 60,000 for Saddle
# (`fit`), a vectorised numpy implementation and torch (2 threads), all in this run, with the
# ratios; at batch 60,000 Saddle's GFLOP/s against the same sgemm calls alone; peak RSS of a
# 10-epoch fit at batch 256 beside torch's. numpy comes from SADDLE_VENV (default .venv), torch
# from TORCH_VENV (default /work/.venv-bench); a missing peer is skipped, saying so.
# Usage: Benchmarks/nets/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
venv="${SADDLE_VENV:-.venv}"
torch_venv="${TORCH_VENV:-/work/.venv-bench}"
swift build -c release --product NetsBenchmark >/dev/null
bin="$(swift build -c release --show-bin-path 2>/dev/null)/NetsBenchmark"
results="$(mktemp)"
trap 'rm -f "$results"' EXIT
"$bin" >>"$results"
"$bin" rss >>"$results"
"$venv/bin/python" -W ignore Benchmarks/nets/peers.py numpy >>"$results"
if [ -x "$torch_venv/bin/python" ] && "$torch_venv/bin/python" -c "import torch" 2>/dev/null; then
  OMP_NUM_THREADS=2 "$torch_venv/bin/python" -W ignore Benchmarks/nets/peers.py torch >>"$results"
  OMP_NUM_THREADS=2 "$torch_venv/bin/python" -W ignore Benchmarks/nets/peers.py rss >>"$results"
else
  echo "# torch not found in $torch_venv: skipped" >>"$results"
fi
grep '^# ' "$results" || true
awk '
  !/^#/ { t[$1] = $2 }
  END {
    print "ms per epoch (60,000 examples)      saddle      numpy      torch   numpy/saddle  torch/saddle"
    n = split("1 32 256 60000", b, " ")
    for (k = 1; k <= n; k++) {
      s = t["saddle_" b[k]]; np = t["numpy_" b[k]]; to = t["torch_" b[k]]
      printf "  batch %-6s                 %10.0f %10s %10s", b[k], s * 1e3, (np ? sprintf("%.0f", np * 1e3) : "-"), (to ? sprintf("%.0f", to * 1e3) : "-")
      printf "   %10s   %10s\n", (np ? sprintf("%.2f×", np / s) : "-"), (to ? sprintf("%.2f×", to / s) : "-")
    }
    print "process CPU ms per epoch (all threads; robust to other load on the machine)"
    for (k = 1; k <= n; k++) {
      s = t["cpu_saddle_" b[k]]; np = t["cpu_numpy_" b[k]]; to = t["cpu_torch_" b[k]]
      printf "  batch %-6s                 %10.0f %10s %10s", b[k], s * 1e3, (np ? sprintf("%.0f", np * 1e3) : "-"), (to ? sprintf("%.0f", to * 1e3) : "-")
      printf "   %10s   %10s\n", (np ? sprintf("%.2f×", np / s) : "-"), (to ? sprintf("%.2f×", to / s) : "-")
    }
    print "targets: faster than numpy and torch at every batch size; ≥ 4× torch at batch 1"
    if ("saddle_gflops" in t)
      printf "batch 60,000: %.1f GFLOP/s, bare sgemm of the same shapes %.1f GFLOP/s (%.0f %%; target ≥ 70 %%)\n", t["saddle_gflops"], t["sgemm_gflops"], 100 * t["saddle_gflops"] / t["sgemm_gflops"]
    printf "peak RSS of a 10-epoch fit at batch 256: saddle %.0f MB, torch %s MB\n", t["saddle_rss_mb"], (("torch_rss_mb" in t) ? sprintf("%.0f", t["torch_rss_mb"]) : "-")
  }' "$results"
