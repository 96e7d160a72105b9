"""Shared timing helpers: best-of-N wall time, so that noise inflates neither side."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The fastest of `runs` timings of `work`, in seconds."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def report(name: str, value: float, unit: str, *, baseline: float | None = None,
           target: str = "") -> None:
    """One line: the figure, its ratio to the baseline measured in the same run, the target."""
    ratio = f"  ratio {value / baseline:6.2f}x baseline" if baseline else ""
    aim = f"  (target: {target})" if target else ""
    print(f"{name:<48} {value:10.3f} {unit:<6}{ratio}{aim}")
