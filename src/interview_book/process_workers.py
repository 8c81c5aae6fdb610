"""Functions that run inside worker processes in chapter 2's demos of process communication.

Under ``spawn`` and ``forkserver`` (the default on Linux from Python 3.14) a child process gets
its target by name: it imports the module and looks the function up. A function defined in a
notebook cell lives in the kernel's ``__main__``, which a child cannot import, so the targets live
here. Every function is small enough to read at a glance; the demos count what crosses the
process boundary rather than timing it.
"""
from __future__ import annotations

import os
from multiprocessing import shared_memory


def square(number: int) -> int:
    """A task far too small to be worth a trip to another process."""
    return number * number


def die(exit_code: int = 1) -> None:
    """End this worker process at once, as the OOM killer or a segfault in C code would.

    ``os._exit`` skips exception handling, ``finally`` blocks and ``atexit``: the process is simply
    gone, so no exception can be pickled back to the parent.
    """
    os._exit(exit_code)


def serve_squares(inbox, outbox) -> None:
    """Read numbers from ``inbox`` and put their squares on ``outbox``, until a ``None`` arrives."""
    while (number := inbox.get()) is not None:
        outbox.put(number * number)


def echo_doubled(connection) -> None:
    """Answer each value received on a ``Pipe`` end with twice the value, until ``None``."""
    while (value := connection.recv()) is not None:
        connection.send(value * 2)
    connection.close()


def fill_squares(name: str, start: int, stop: int) -> int:
    """Write ``i * i`` for ``start <= i < stop`` into a shared block of 8-byte signed integers.

    The block is found by ``name``: only that short string travels to the worker, the data stays
    where it is. Returns how many slots were written.
    """
    block = shared_memory.SharedMemory(name=name)
    view = block.buf.cast("q")  # the same bytes seen as int64, no copy
    try:
        for index in range(start, stop):
            view[index] = index * index
        return stop - start
    finally:
        view.release()  # a live view would make close() raise BufferError
        block.close()  # detach this process; the creator unlinks the block


def size_of(box: "CountPickles") -> int:
    """Length of the value inside ``box``: the worker had to receive all of it to answer."""
    return len(box.value)


class CountPickles:
    """Wraps a value and counts, in the sending process, how often it is pickled.

    Each pickling is one copy of the value written into a pipe to a worker, so the count is the
    number of times the value crossed the process boundary. Calling the wrapper calls the value,
    so a wrapped function can be handed to an executor.
    """

    def __init__(self, value):
        self.value = value
        self.times = 0

    def __reduce__(self):
        self.times += 1
        return (CountPickles, (self.value,))

    def __call__(self, *args, **kwargs):
        return self.value(*args, **kwargs)
