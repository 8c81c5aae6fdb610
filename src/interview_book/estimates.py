"""Back-of-the-envelope estimates for system design: traffic, storage, bandwidth and cache size.

``Estimate`` turns a few stated assumptions (daily active users, requests per user, bytes per
request and per stored item, read/write ratio, retention, peak factor) into the numbers a design
discussion needs, each rounded the way one would say it aloud. ``LATENCIES`` lists the orders of
magnitude every engineer should know (rounded, for 2020s hardware).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

SECONDS_PER_DAY = 86_400
DAYS_PER_YEAR = 365

# Orders of magnitude for mid-2020s servers, rounded: the ratios matter, not the exact figures.
# (The classic 2009 list gave 500 µs for a data-centre round trip; same-zone cloud round trips
# are now typically 100-250 µs, and one core streams memory at about 20 GB/s.)
LATENCIES = (
    ("L1 cache reference", 1e-9),
    ("Main memory reference", 100e-9),
    ("Compress 1 KB with a fast codec (zstd, lz4)", 2e-6),
    ("Read 1 MB sequentially from memory, one core", 50e-6),
    ("Random read from an NVMe SSD", 100e-6),
    ("Read 1 MB sequentially from an NVMe SSD", 200e-6),
    ("Round trip within a data centre", 250e-6),
    ("Redis GET over the network, same data centre", 500e-6),
    ("Indexed PostgreSQL query over the network, hot cache", 1e-3),
    ("Disk seek on a spinning disk", 5e-3),
    ("Read 1 MB sequentially from a spinning disk", 5e-3),
    ("Round trip between continents", 150e-3),
)


def human_bytes(count: float) -> str:
    """1536 -> '1.5 KB' (powers of 1000, as capacity is usually quoted)."""
    for unit in ("B", "KB", "MB", "GB", "TB", "PB"):
        if abs(count) < 1000 or unit == "PB":
            return f"{count:,.0f} {unit}" if unit == "B" else f"{count:,.1f} {unit}"
        count /= 1000
    raise AssertionError("unreachable")


def human_seconds(seconds: float) -> str:
    for unit, size in (("s", 1), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9)):
        if seconds >= size:
            return f"{seconds / size:,.0f} {unit}"
    return f"{seconds / 1e-9:.1f} ns"


def round_up(value: float) -> float:
    """Keep two significant figures, rounding up: estimates should err on the side of capacity."""
    if value <= 0:
        return 0.0
    magnitude = 10 ** (math.floor(math.log10(value)) - 1)
    return math.ceil(value / magnitude) * magnitude


@dataclass(frozen=True)
class Estimate:
    daily_active_users: int
    reads_per_user_per_day: float
    writes_per_user_per_day: float
    bytes_per_read: int  # response size
    bytes_per_write: int  # stored size of one new item
    retention_years: float = 5
    peak_factor: float = 3  # peak traffic over the daily average
    hot_fraction: float = 0.2  # share of one day's reads that a cache should hold

    @property
    def read_qps(self) -> float:
        return self.daily_active_users * self.reads_per_user_per_day / SECONDS_PER_DAY

    @property
    def write_qps(self) -> float:
        return self.daily_active_users * self.writes_per_user_per_day / SECONDS_PER_DAY

    @property
    def peak_read_qps(self) -> float:
        return self.read_qps * self.peak_factor

    @property
    def peak_write_qps(self) -> float:
        return self.write_qps * self.peak_factor

    @property
    def storage_per_day(self) -> float:
        return self.daily_active_users * self.writes_per_user_per_day * self.bytes_per_write

    @property
    def storage_total(self) -> float:
        return self.storage_per_day * DAYS_PER_YEAR * self.retention_years

    @property
    def read_bandwidth(self) -> float:
        """Bytes per second served at peak."""
        return self.peak_read_qps * self.bytes_per_read

    @property
    def cache_size(self) -> float:
        """Memory for the hot share of one day's reads (the 80/20 rule of thumb): an upper bound,
        as if every read were of a different item; skewed traffic reads far fewer distinct ones."""
        return self.daily_active_users * self.reads_per_user_per_day * self.bytes_per_read * self.hot_fraction

    def table(self) -> list[tuple[str, str]]:
        return [
            ("Reads per second (average, peak)", f"{round_up(self.read_qps):,.0f}, {round_up(self.peak_read_qps):,.0f}"),
            ("Writes per second (average, peak)", f"{round_up(self.write_qps):,.0f}, {round_up(self.peak_write_qps):,.0f}"),
            ("New data per day", human_bytes(round_up(self.storage_per_day))),
            (f"Storage for {self.retention_years:g} years", human_bytes(round_up(self.storage_total))),
            ("Read bandwidth at peak", human_bytes(round_up(self.read_bandwidth)) + "/s"),
            ("Cache for the hot set", human_bytes(round_up(self.cache_size))),
        ]
