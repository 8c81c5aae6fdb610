"""Unit tests of the demo helpers: environment, workloads, timing and the asyncio trace."""
import asyncio
import os
import re

import pytest

from interview_book import asynctrace, environment, timing, workloads


def test_describe_names_interpreter_cores_and_packages():
    line = environment.describe("pandas", "no-such-package-xyz")
    assert re.search(r"CPython 3\.\d+\.\d+", line)
    assert f"{environment.usable_cores()} usable CPU core(s)" in line
    assert re.search(r"pandas \d+\.\d+", line)
    assert "no-such-package-xyz (not installed)" in line


def test_usable_cores_is_within_what_the_machine_has():
    assert 1 <= environment.usable_cores() <= (os.cpu_count() or 1)


@pytest.mark.parametrize(
    "files, expected",
    [
        ({"cpu.max": "100000 100000\n"}, 1.0),
        ({"cpu.max": "250000 100000\n"}, 2.5),
        ({"cpu.max": "max 100000\n"}, None),
        ({"cpu/cpu.cfs_quota_us": "50000\n", "cpu/cpu.cfs_period_us": "100000\n"}, 0.5),
        ({"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}, None),
        ({"cpu.max": "garbage"}, None),
        ({}, None),
    ],
)
def test_cgroup_quota_is_read_like_a_binder_container(tmp_path, files, expected):
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content)
    assert environment._cgroup_cpu_limit(tmp_path) == expected


def test_workloads_compute_the_right_answers():
    assert workloads.count_primes(100) == 25
    assert workloads.sha256_hex(b"abc").startswith("ba7816bf8f01cfea")
    assert workloads.wait(0) == 0
    assert workloads.noop() is None


def test_spin_returns_the_cpu_time_it_got_inside_its_window():
    import time
    start = time.monotonic() + 0.01
    received = workloads.spin(start, start + 0.05)
    assert time.monotonic() >= start + 0.05
    assert 0 <= received <= 0.05 + 0.02            # never more CPU than the window (one thread)
    assert workloads.spin(0, 0) == pytest.approx(0, abs=0.005)   # a window already over: no spinning


def test_cpu_share_is_between_nothing_and_the_workers_asked_for():
    share = environment.cpu_share(1, seconds=0.05)
    assert 0 <= share <= 1.2                        # one process cannot get more than one core's worth
    with pytest.raises(ValueError):
        environment.cpu_share(0)
    with pytest.raises(ValueError):
        environment.cpu_share(1, seconds=0)


def test_best_of_returns_the_fastest_run():
    durations = iter([0.03, 0.01, 0.02])
    assert timing.best_of(lambda: workloads.wait(next(durations)), repeat=3) == pytest.approx(0.01, abs=0.009)


def test_cpu_seconds_counts_work_but_not_waiting():
    assert timing.cpu_seconds(lambda: workloads.wait(0.05)) < 0.02      # sleeping uses no CPU
    assert timing.cpu_seconds(lambda: sum(range(3_000_000))) > 0.005      # counted work does


def test_trace_splits_a_task_into_running_and_waiting_spans():
    trace = asynctrace.Trace("demo")

    async def job():
        with trace.task("A"):
            workloads.wait(0.02)                        # holds the loop: running
            await trace.wait("A", asyncio.sleep(0.03))  # waiting

    asyncio.run(job())
    spans = trace.spans()
    # running, waiting, then the moment it takes to resume and leave the block
    assert [(s.task, s.state) for s in spans] == [("A", "running"), ("A", "waiting"), ("A", "running")]
    assert spans[2].end - spans[2].start < 0.01
    assert spans[0].end - spans[0].start >= 0.015
    assert spans[1].end - spans[1].start >= 0.025
    assert trace.total() >= 0.045


def test_queued_waits_are_kept_apart_from_io_waits():
    trace = asynctrace.Trace("queue")

    async def job():
        lock = asyncio.Lock()
        with trace.task("A"):
            await trace.wait("A", lock.acquire(), state="queued")
            await trace.wait("A", asyncio.sleep(0.01))

    asyncio.run(job())
    assert [s.state for s in trace.spans() if s.state != "running"] == ["queued", "waiting"]


def test_plot_draws_one_timeline_per_trace():
    import matplotlib

    matplotlib.use("Agg")
    traces = []
    for title in ("one", "two"):
        trace = asynctrace.Trace(title)
        with trace.task("A"):
            pass
        traces.append(trace)
    figure = asynctrace.plot(traces)
    assert [axis.get_title(loc="left").split(":")[0] for axis in figure.axes] == ["one", "two"]
