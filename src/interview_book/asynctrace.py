"""Record when asyncio tasks run and wait, and draw the result as a timeline.

Wrap a task's body in ``trace.task(name)`` and each await you want to see in
``await trace.wait(name, awaitable)`` (``state="queued"`` for waiting on a lock or semaphore
rather than on I/O). Time inside the task but outside a wait is time the task held the event
loop (running Python code, or blocking it).
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Awaitable, TypeVar

T = TypeVar("T")


@dataclass
class Span:
    task: str
    state: str  # "running", "waiting" (I/O or a timer) or "queued" (a lock or semaphore)
    start: float  # seconds since the trace began
    end: float


@dataclass
class Trace:
    title: str
    began: float = field(default_factory=time.perf_counter)
    lifetimes: dict[str, list[float]] = field(default_factory=dict)
    waits: list[Span] = field(default_factory=list)

    def now(self) -> float:
        return time.perf_counter() - self.began

    @contextmanager
    def task(self, name: str):
        self.lifetimes[name] = [self.now(), float("nan")]
        try:
            yield
        finally:
            self.lifetimes[name][1] = self.now()

    async def wait(self, name: str, awaitable: Awaitable[T], state: str = "waiting") -> T:
        start = self.now()
        try:
            return await awaitable
        finally:
            self.waits.append(Span(name, state, start, self.now()))

    def spans(self) -> list[Span]:
        """Every task's life cut into running and waiting spans, ordered by task start."""
        result = []
        for name, (born, died) in sorted(self.lifetimes.items(), key=lambda item: item[1][0]):
            cursor = born
            for wait in sorted((w for w in self.waits if w.task == name), key=lambda w: w.start):
                if wait.start > cursor:
                    result.append(Span(name, "running", cursor, wait.start))
                result.append(wait)
                cursor = wait.end
            if died > cursor:
                result.append(Span(name, "running", cursor, died))
        return result

    def total(self) -> float:
        """Seconds from the first task's start to the last task's end."""
        lifetimes = list(self.lifetimes.values())
        return max(end for _, end in lifetimes) - min(start for start, _ in lifetimes)


def plot(traces: list[Trace]):
    """One timeline per trace, stacked, sharing the time axis; returns the matplotlib figure."""
    import matplotlib.pyplot as plt

    styles = {  # state: (colour, hatch, legend label)
        "running": ("#c2410c", None, "running (holds the event loop)"),
        "waiting": ("#93c5fd", "//", "waiting (awaiting I/O or a timer)"),
        "queued": ("#e5e7eb", "..", "queued (awaiting a semaphore or lock)"),
    }
    heights = [max(1, len(t.lifetimes)) for t in traces]
    figure, axes = plt.subplots(
        len(traces), 1, sharex=True, figsize=(8, 0.45 * sum(heights) + 1.2 * len(traces)),
        gridspec_kw={"height_ratios": heights}, squeeze=False,
    )
    drawn = set()
    for axis, trace in zip(axes[:, 0], traces, strict=True):
        spans = trace.spans()
        names = list(dict.fromkeys(span.task for span in spans))
        for span in spans:
            drawn.add(span.state)
            row = names.index(span.task)
            colour, hatch, _ = styles[span.state]
            axis.barh(row, (span.end - span.start) * 1000, left=span.start * 1000,
                      color=colour, edgecolor="#1f2937", linewidth=0.5, hatch=hatch)
        axis.set_yticks(range(len(names)), names)
        axis.invert_yaxis()
        axis.set_title(f"{trace.title}: {trace.total() * 1000:.0f} ms in all", loc="left", fontsize=10)
    axes[-1, 0].set_xlabel("time since the trace began (ms)")
    present = [state for state in styles if state in drawn]
    handles = [plt.Rectangle((0, 0), 1, 1, facecolor=styles[state][0], hatch=styles[state][1], edgecolor="#1f2937")
               for state in present]
    figure.legend(handles, [styles[state][2] for state in present],
                  loc="lower center", ncol=len(present), frameon=False, bbox_to_anchor=(0.5, -0.02), fontsize=9)
    figure.tight_layout(rect=(0, 0.05, 1, 1))
    return figure
