#!/usr/bin/env python3
"""matplotlib (Agg) timings for the five reference figures, in the format PlotBenchmark
prints: `name scale best_ms png_bytes`. Warm: each figure is rendered once before timing;
each timed run builds the figure and saves it to PNG bytes in memory."""
import io
import os
import sys
import time

# The reference figures' script lives in shared/ beside the repository (SADDLE_SHARED overrides).
SHARED = os.environ.get("SADDLE_SHARED", os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared"))
sys.path.insert(0, os.path.join(SHARED, "reference", "plots"))
import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib_figures as mf  # noqa: E402


def render(key, scale):
    fig = mf.FIGS[key](100 * scale)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getvalue()


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    for key in "abcde":
        for scale in (1, 2):
            render(key, scale)
            best, size = float("inf"), 0
            for _ in range(n):
                t0 = time.perf_counter()
                size = len(render(key, scale))
                best = min(best, (time.perf_counter() - t0) * 1000)
            print(f"{mf.NAMES[key]} {scale}x {best:.2f} {size}")


if __name__ == "__main__":
    main()
