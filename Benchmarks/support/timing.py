"""Timing shared by the Python peers of the benchmarks (the twin of Timing.swift)."""
import time


def seconds_per_call(fn, repetitions, batch=1):
    """The fastest of `repetitions` batches of `batch` calls, divided by the batch size: on a
    shared machine, slower runs measure the other load, not the code."""
    fastest = float("inf")
    for _ in range(repetitions):
        start = time.perf_counter()
        for _ in range(batch):
            fn()
        fastest = min(fastest, (time.perf_counter() - start) / batch)
    return fastest
