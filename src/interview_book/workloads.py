"""Small workloads for the concurrency demos.

They live in an importable module, not in notebook cells, so that worker processes started with
``spawn`` or ``forkserver`` (the default on macOS, Windows and, from Python 3.14, Linux) can
find them by name.
"""
from __future__ import annotations

import hashlib
import time


def count_primes(limit: int) -> int:
    """CPU-bound pure Python: count primes below ``limit`` by trial division."""
    count = 0
    for candidate in range(2, limit):
        divisor = 2
        while divisor * divisor <= candidate:
            if candidate % divisor == 0:
                break
            divisor += 1
        else:
            count += 1
    return count


def sha256_hex(data: bytes) -> str:
    """CPU-bound work in C: hashlib releases the GIL while hashing buffers over 2 KiB."""
    return hashlib.sha256(data).hexdigest()


def wait(seconds: float) -> float:
    """I/O-bound stand-in: blocks in a system call, as a socket read or a database query would."""
    time.sleep(seconds)
    return seconds


def noop() -> None:
    """Does nothing: used to measure the bare cost of starting a worker process."""


def spin(start_at: float, stop_at: float) -> float:
    """Busy-loop from ``start_at`` to ``stop_at`` (``time.monotonic()`` values, shared by all
    processes on the machine) and return the CPU seconds this process really got in that window."""
    while time.monotonic() < start_at:
        time.sleep(0.001)
    cpu_before = time.process_time()
    while time.monotonic() < stop_at:
        pass
    return time.process_time() - cpu_before
