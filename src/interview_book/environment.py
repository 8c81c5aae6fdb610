"""What a notebook's outputs were produced with, stated at run time."""
from __future__ import annotations

import os
import platform
import sys
import sysconfig
import time
from importlib import metadata
from pathlib import Path


def _cgroup_cpu_limit(root: Path = Path("/sys/fs/cgroup")) -> float | None:
    """CPUs allowed by a container's cgroup quota (as on Binder), or None when unlimited."""
    v2 = root / "cpu.max"
    v1_quota, v1_period = root / "cpu" / "cpu.cfs_quota_us", root / "cpu" / "cpu.cfs_period_us"
    try:
        if v2.exists():
            quota, period = v2.read_text().split()[:2]
            return None if quota == "max" else int(quota) / int(period)
        if v1_quota.exists() and v1_period.exists():
            quota = int(v1_quota.read_text())
            return None if quota <= 0 else quota / int(v1_period.read_text())
    except (OSError, ValueError):
        return None
    return None


def usable_cores() -> int:
    """Cores this process may really use: the CPU affinity mask, capped by a cgroup quota."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13+
        cores = os.process_cpu_count() or 1
    elif hasattr(os, "sched_getaffinity"):
        cores = len(os.sched_getaffinity(0))
    else:
        cores = os.cpu_count() or 1
    limit = _cgroup_cpu_limit()
    if limit is not None:
        cores = min(cores, max(1, int(limit)))
    return cores


def cpu_share(workers: int | None = None, seconds: float = 0.2) -> float:
    """Cores' worth of CPU that ``workers`` busy processes get right now, over ``seconds``.

    The processes are started first, then all spin over the same window, and the CPU time each
    really received is summed and divided by the window. On an idle machine this is close to
    ``min(workers, cores)``; when other programs keep the cores busy it drops, which tells a
    benchmark that a parallel speed-up cannot show up at the moment.
    """
    from concurrent.futures import ProcessPoolExecutor  # imported here: most callers never need it

    from . import workloads

    workers = usable_cores() if workers is None else workers
    if workers < 1 or seconds <= 0:
        raise ValueError("workers must be at least 1 and seconds positive")
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # Occupy every worker at once so that all of them are started before the window opens.
        list(pool.map(workloads.wait, [0.05] * workers))
        start_at = time.monotonic() + 0.05
        received = list(pool.map(workloads.spin, [start_at] * workers, [start_at + seconds] * workers))
    return sum(received) / seconds


def gil_enabled() -> bool:
    """True unless this is a free-threaded build running with the GIL switched off."""
    check = getattr(sys, "_is_gil_enabled", None)  # exists from Python 3.13
    return True if check is None else check()


def free_threaded_build() -> bool:
    """True for a CPython built with ``--disable-gil`` (PEP 703), whatever its run-time setting."""
    return bool(sysconfig.get_config_var("Py_GIL_DISABLED"))


def describe(*packages: str) -> str:
    """One line naming the interpreter, platform, cores and the given packages' versions."""
    versions = []
    for name in packages:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    build = "free-threaded build" if free_threaded_build() else "standard build"
    return (
        f"Outputs produced with {platform.python_implementation()} {platform.python_version()} "
        f"({build}, GIL {'enabled' if gil_enabled() else 'disabled'}) on {platform.system()} "
        f"{platform.machine()}, {usable_cores()} usable CPU core(s) (os.cpu_count() = {os.cpu_count()})"
        + (f"; {', '.join(versions)}." if versions else ".")
    )
