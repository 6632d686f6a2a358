#!/usr/bin/env bash
# The 3000×3000 product and stop latencies (LinalgBenchmark, release) beside numpy's A @ A.
set -euo pipefail
cd "$(dirname "$0")/../.."
n="${1:-3000}"
swift build -c release --product LinalgBenchmark >&2
"$(swift build -c release --show-bin-path)/LinalgBenchmark" "$n"
python3 - "$n" <<'PY'
import sys, time
import numpy as np
n = int(sys.argv[1])
a = np.random.default_rng(1).random((n, n))
best = min((lambda t: (a @ a, time.perf_counter() - t)[1])(time.perf_counter()) for _ in range(3))
print(f"numpy A @ A {n}×{n}: {best:.3f} s")
PY
