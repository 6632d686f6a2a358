#!/usr/bin/env bash
# Runs the Raster micro-benchmark and its matplotlib/Agg peer in the same run and prints
# ratios (Saddle time / Agg time; below 1 means Saddle is faster).
# SADDLE_BENCH_BIN=DIR runs DIR/RasterBench instead and builds nothing (to time another build,
# e.g. an older commit's Benchmarks/raster/.build/release, against the same Agg run).
set -euo pipefail
cd "$(dirname "$0")"
VENV="${SADDLE_VENV:-../../.venv}"
BIN="${SADDLE_BENCH_BIN:-}"
if [ -z "$BIN" ]; then
  swift build -c release >/dev/null
  BIN=./.build/release
fi
"$BIN/RasterBench" > /tmp/raster-bench-saddle.jsonl
"$VENV/bin/python" bench_agg.py > /tmp/raster-bench-agg.jsonl
"$VENV/bin/python" - <<'PY'
import json
load = lambda p: {(d["case"], d["size"]): d for d in map(json.loads, open(p))}
ours, agg = load("/tmp/raster-bench-saddle.jsonl"), load("/tmp/raster-bench-agg.jsonl")
print(f"{'case':28} {'size':>10} {'saddle':>10} {'agg':>10} {'ratio':>7}")
for key, d in ours.items():
    field = "bytes" if "bytes" in d else "ms"
    a = agg[key][field]
    print(f"{key[0]:28} {key[1]:>10} {d[field]:>10.2f} {a:>10.2f} {d[field] / a:>7.2f}")
PY
