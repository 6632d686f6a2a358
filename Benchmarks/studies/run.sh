#!/usr/bin/env bash
# Benchmark: the lecture's batch study on Fashion-MNIST as batch_study runs it (784-128-10
# relu, momentum lr 0.05 λ 0.9, batches 16…4096, 10 epochs, 3 seeds, λmax on 500 examples).
# Usage: Benchmarks/studies/run.sh [train] [test] [epochs] [seeds] [sharpness examples] [1: sb_lb]
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product StudiesBenchmark >/dev/null
"$(swift build -c release --show-bin-path 2>/dev/null)/StudiesBenchmark" "$@"
