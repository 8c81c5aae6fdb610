"""Measurement for the demos: wall-clock time, and CPU time where other programs must not count."""
from __future__ import annotations

import time
from typing import Callable


def cpu_seconds(function: Callable[[], object]) -> float:
    """CPU seconds all threads of this process spent in one call of ``function()``.

    Unlike wall-clock time it barely moves when other programs keep the cores busy, so a ratio of
    two CPU times holds on a loaded machine; time spent waiting (sleep, I/O) is not counted.
    """
    start = time.process_time()
    function()
    return time.process_time() - start


def best_of(function: Callable[[], object], repeat: int = 3) -> float:
    """The fastest of ``repeat`` runs of ``function()``, in seconds (the least disturbed by noise)."""
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return min(timings)
