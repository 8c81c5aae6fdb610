"""Nothing a Jupyter kernel started stays behind when the kernel ends, even when it is killed.

Two kinds of processes can outlive a kernel, and each has one rule:

* Servers started through ``services`` run in their own session (so that ``stop()`` can signal
  the server and every worker it forked as one process group). Each is tied to the kernel with
  Linux's parent-death signal: see ``services``.
* Everything else the notebook starts stays in the kernel's process group: ``multiprocessing``'s
  forkserver and resource tracker, process-pool workers, a ``subprocess.Popen`` child nobody waited
  for. Python stops most of them at a normal exit, but a kernel killed with SIGKILL runs no Python
  at all, and such a child can wait forever. Measured with Python 3.11: three seconds after the
  owner of an open ``ProcessPoolExecutor`` was killed, its workers were still waiting for tasks
  (with the fork, spawn and forkserver start methods alike), and so were the resource tracker and
  the forkserver.

For the second kind, the first ``import interview_book`` in a kernel starts a watchdog: a small
process in its own session that waits (on a pidfd) until the kernel has ended, however it ended,
then sends SIGTERM to what is left of the kernel's process group and, after ``GRACE`` seconds,
SIGKILL. That finishes what Jupyter's own "kill kernel" does (it signals the whole group) for the
cases Jupyter does not handle: the kernel killed from outside (the out-of-memory killer, ``kill
-9``) or leaving children behind at a normal exit.

It runs only when the kernel leads its own session, as every kernel that jupyter_client (Jupyter
Lab, Notebook, nbclient, nbval, Jupyter Book) starts does: there the process group holds just the
kernel and its descendants, never the shell or the tool that launched it. Linux only (pidfd needs
Linux 5.3); elsewhere nothing is started. Root and ordinary users alike: it signals only the
kernel's own processes.

A shutdown or restart also waits less. ipykernel (7.4 here) ends the kernel's children before it
exits, signalling and re-checking with back-off until none is left, but it counts a child that has
died and not been reaped (a zombie) as left: it gives up only after about 29 s of SIGTERM and SIGKILL
rounds. Multiprocessing's resource tracker adds to it: it ignores SIGTERM by design and exits when
the last write end of its pipe closes, and the kernel holds one. Measured with a forkserver pool and
a fork pool open, as chapter 2 can leave them: a shutdown request took 29.3 s; with
``shorten_kernel_shutdown`` the kernel closes its end of the tracker's pipe, reaps its dead children
and leaves them out of the count, and the same shutdown took 0.2 s.
"""
from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time

GRACE = 5.0  # seconds the group gets to exit after SIGTERM before SIGKILL
_watched_pid: int | None = None  # the kernel this process started a watchdog for


def in_a_jupyter_kernel() -> bool:
    if "ipykernel" not in sys.modules:
        return False
    from ipykernel.kernelapp import IPKernelApp

    return IPKernelApp.initialized()


def watch_this_kernel() -> bool:
    """Start the watchdog for this kernel's process group, once; False where it cannot apply."""
    global _watched_pid
    pid = os.getpid()
    if _watched_pid == pid:
        return True
    if not hasattr(os, "pidfd_open") or os.getsid(0) != pid:
        return False
    subprocess.Popen([sys.executable, "-I", __file__, str(pid)], start_new_session=True,
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _watched_pid = pid
    return True


def shorten_kernel_shutdown() -> bool:
    """Make this kernel's shutdown skip dead children (see the module's docstring); False where it cannot."""
    try:
        import psutil
        from ipykernel.kernelapp import IPKernelApp
    except ImportError:
        return False
    kernel = IPKernelApp.instance().kernel
    find_children = getattr(kernel, "_process_children", None)
    if find_children is None or getattr(find_children, "skips_the_dead", False):
        return False

    def living_children() -> list:
        _close_resource_tracker_pipe()
        living = []
        for child in find_children():
            try:
                if child.status() != psutil.STATUS_ZOMBIE:
                    living.append(child)
                elif child.ppid() == os.getpid():
                    child.wait(timeout=0)  # reap it: a zombie ignores every signal
            except (psutil.Error, ChildProcessError):
                pass  # gone meanwhile, or reaped by its owner
        return living

    living_children.skips_the_dead = True
    kernel._process_children = living_children
    return True


def _close_resource_tracker_pipe() -> None:
    """The tracker exits once every process holding its pipe has (its duty: clean up what they leaked)."""
    from multiprocessing import resource_tracker

    tracker = resource_tracker._resource_tracker
    if getattr(tracker, "_fd", None) is not None:
        os.close(tracker._fd)
        tracker._fd = None


def end_group_after(kernel: int) -> None:
    """Wait until process ``kernel`` has ended, then end every process left in its group."""
    try:
        handle = os.pidfd_open(kernel)
    except ProcessLookupError:
        pass  # already gone
    else:
        select.select([handle], [], [])  # readable once the process has exited
        os.close(handle)
    deadline = time.monotonic() + GRACE
    try:
        os.killpg(kernel, signal.SIGTERM)
        while time.monotonic() < deadline:
            time.sleep(0.1)
            os.killpg(kernel, 0)  # raises once the group is empty
        os.killpg(kernel, signal.SIGKILL)
    except ProcessLookupError:
        pass


if __name__ == "__main__":
    end_group_after(int(sys.argv[1]))
