"""numpy's vectorized evaluation of (1 - w1*w2)**2 on n×n grids; prints `name seconds` (best of runs)."""
import time

import numpy as np


def best(repetitions, body):
    fastest = float("inf")
    for _ in range(repetitions):
        start = time.perf_counter()
        body()
        fastest = min(fastest, time.perf_counter() - start)
    return fastest


for n in (200, 1000):
    reps = 200 if n == 200 else 30
    axis = np.linspace(-2, 2, n)
    W1, W2 = np.meshgrid(axis, axis)
    formula = best(reps, lambda: (1 - W1 * W2) ** 2)

    def with_grid():
        a = np.linspace(-2, 2, n)
        X, Y = np.meshgrid(a, a)
        return (1 - X * Y) ** 2

    total = best(reps, with_grid)
    print(f"numpy_formula_{n} {formula}")
    print(f"numpy_with_meshgrid_{n} {total}")
