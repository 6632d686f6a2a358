"""numpy's vectorized evaluation of (1 - w1*w2)**2 on n×n grids, and CPython's plain loop and
list comprehension over 10**6 numbers (the peers of Saddle's loop cell); prints `name seconds`
(best of runs)."""
import numpy as np
from timing import seconds_per_call


for n in (200, 1000):
    reps = 200 if n == 200 else 30
    axis = np.linspace(-2, 2, n)
    W1, W2 = np.meshgrid(axis, axis)
    formula = seconds_per_call(lambda: (1 - W1 * W2) ** 2, reps)

    def with_grid():
        a = np.linspace(-2, 2, n)
        X, Y = np.meshgrid(a, a)
        return (1 - X * Y) ** 2

    total = seconds_per_call(with_grid, reps)
    print(f"numpy_formula_{n} {formula}")
    print(f"numpy_with_meshgrid_{n} {total}")


def loop():
    s = 0
    for i in range(1, 1000001):
        s = s + i
    return s


print(f"python_loop_1e6 {seconds_per_call(loop, 5)}")
print(f"python_map_1e6 {seconds_per_call(lambda: [x * x + 1 for x in range(1, 1000001)], 5)}")
