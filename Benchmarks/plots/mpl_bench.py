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


def large_figure(key, n, dpi):
    """The cases of LargeFigures.swift: the same formulas, styled as Saddle's builtins."""
    import numpy as np

    i = np.arange(n, dtype=float)
    fig, ax = plt.subplots(figsize=(6.4, 4.8), dpi=dpi)
    if key == "line_1e6":
        x = i / n
        ax.plot(x, np.sin(40 * np.pi * x) + 0.3 * np.sin(7919.3 * i))
    else:
        a, b = 0.7548776662466927, 0.5698402909980532
        ax.scatter(np.fmod(0.5 + a * i, 1), np.fmod(0.5 + b * i, 1), s=36, alpha=0.8, edgecolors="k", linewidths=0.5)
    return fig


def large(reps, n):
    """`mpl_bench.py large N POINTS`: render + savefig to PNG bytes, best of N (data built outside)."""
    for key in ("line_1e6", "scatter_1e6"):
        for scale in (1, 2):
            best, size = float("inf"), 0
            for _ in range(reps):
                fig = large_figure(key, n, 100 * scale)
                buf = io.BytesIO()
                t0 = time.perf_counter()
                fig.savefig(buf, format="png")
                best = min(best, (time.perf_counter() - t0) * 1000)
                size = len(buf.getvalue())
                plt.close(fig)
            print(f"{key} {scale}x {best:.2f} {size}")


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "large":
        large(int(sys.argv[2]) if len(sys.argv) > 2 else 3, int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000)
        return
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
