"""Wall-clock measurement for the demos."""
from __future__ import annotations

import time
from typing import Callable


def best_of(function: Callable[[], object], repeat: int = 3) -> float:
    """The fastest of ``repeat`` runs of ``function()``, in seconds (the least disturbed by noise)."""
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return min(timings)
