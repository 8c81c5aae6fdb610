"""No server, emulator or worker process that a notebook starts outlives its kernel.

For each kind, a real Jupyter kernel starts it with the same package call the chapter makes; the
test records every process the kernel started, then shuts the kernel down normally or kills it
with SIGKILL (no Python clean-up runs then) and waits until every recorded process is gone.
This test process is a "child subreaper" (Linux's PR_SET_CHILD_SUBREAPER) while it runs:
processes orphaned below it, including any that daemonise (fork and detach, like ``epmd
-daemon``), are re-parented to it instead of to init, so nothing the kernel started can slip
out of view.
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from interview_book import cloud, services

SRC = Path(services.__file__).resolve().parents[1]
PR_SET_CHILD_SUBREAPER = 36
GONE_WITHIN = services.STOP_GRACE + 25  # generous: a deadline for polling, not a timing claim


@dataclass(frozen=True)
class Kind:
    """One kind of process a chapter starts: the server it needs, the cell, what must be running."""
    server: services.Server | None  # None: nothing to install (Python's own multiprocessing)
    cell: str  # run in the kernel, as the chapter does
    expected: dict[str, int]  # text in a command line -> at least this many such processes


GUNICORN = services.Server(binary="gunicorn", package="gunicorn", install="pip install -r requirements.txt",
                           url_variable=None, search_path=services.BESIDE_PYTHON, arguments=lambda port, workdir: [])

KINDS = {
    "redis-server": Kind(services.REDIS, "service = services.redis_service(); service.client.set('k', 'v')",
                         {"redis-server": 1}),
    "memcached": Kind(services.MEMCACHED, "service = services.memcached_service()", {"memcached": 1}),
    "rabbitmq-server": Kind(services.RABBITMQ, "broker = services.rabbitmq_service()",  # chapter 9
                            {"beam.smp": 1, "epmd": 1}),
    "nginx": Kind(services.NGINX_HELLO, "gateway = services.start(services.NGINX_HELLO)",  # chapter 9
                  {"nginx: master": 1, "nginx: worker": 1}),
    "postgres": Kind(services.POSTGRES, "import psycopg\npg = services.postgres_service()\n"  # chapter 4
                                        "session = psycopg.connect(pg.client)",  # a backend with an open session
                     {"postgres": 3}),
    "moto_server": Kind(services.MOTO, "aws = cloud.Aws()", {"moto_server": 1}),  # chapter 7
    "azurite-blob": Kind(services.AZURITE, "azure = cloud.Azure()", {"azurite-blob": 1}),
    "gcp-storage-emulator": Kind(services.GCS_EMULATOR, "gcp = cloud.Gcp()", {"gcp-storage-emulator": 1}),
    "functions-framework": Kind(
        cloud.functions_framework_server(Path("main.py"), "hello"),
        "Path('main.py').write_text('def hello(request):\\n    return \"hello\"\\n')\n"
        "function = cloud.serve_function(Path('main.py').resolve(), 'hello')",
        {"functions-framework": 1}),
    "gunicorn": Kind(  # chapter 3 stops its servers in the same cell; a kernel can die before that
        GUNICORN,
        "Path('served.py').write_text('def app(environ, start_response):\\n'\n"
        "                             '    start_response(\"200 OK\", [])\\n    return [b\"hi\"]\\n')\n"
        "server = services.Server(binary='gunicorn', package='gunicorn', url_variable=None,\n"
        "    search_path=services.BESIDE_PYTHON, arguments=lambda port, workdir: [\n"
        "        '--bind', f'127.0.0.1:{port}', '--chdir', str(Path.cwd()), '-k', 'sync', '-w', '2', 'served:app'])\n"
        "running = services.start(server)",
        {"gunicorn": 3}),  # the master and two workers
    # Chapter 2 closes each pool in the cell that opens it; a kernel killed during such a cell leaves
    # the pools open, as here, with the forkserver and the resource tracker that outlive every cell.
    "process pools": Kind(
        None,
        "import concurrent.futures, multiprocessing, os\n"
        "forkserver_pool = concurrent.futures.ProcessPoolExecutor(2, mp_context=multiprocessing.get_context('forkserver'))\n"
        "forked_pool = concurrent.futures.ProcessPoolExecutor(2, mp_context=multiprocessing.get_context('fork'))\n"
        "assert {pool.submit(os.getpid).result(timeout=60) for pool in (forkserver_pool, forked_pool)}",
        {"forkserver": 2, "resource_tracker": 1, "ipykernel_launcher": 1,  # forked workers look like the kernel
         "kernel_cleanup.py": 1}),  # the watchdog that `import interview_book` started
}

SETUP = "from pathlib import Path\nfrom interview_book import cloud, services\n"


def process_table() -> dict[int, tuple[int, str, str]]:
    """pid -> (parent pid, state, start time in clock ticks since boot), from /proc."""
    table = {}
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        table[int(entry)] = (int(fields[1]), fields[0], fields[19])
    return table


def descendants(root: int, table: dict[int, tuple[int, str, str]]) -> set[int]:
    children: dict[int, list[int]] = {}
    for pid, (parent, _, _) in table.items():
        children.setdefault(parent, []).append(pid)
    found, waiting = set(), [root]
    while waiting:
        for child in children.get(waiting.pop(), []):
            if child not in found:
                found.add(child)
                waiting.append(child)
    return found


def command_line(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            return cmdline.read().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""


@pytest.fixture
def subreaper():
    """Make this process the reaper of orphans below it for one test, then undo that."""
    if not sys.platform.startswith("linux"):
        pytest.skip("child subreapers and parent-death signals are Linux features")
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        pytest.skip(f"prctl(PR_SET_CHILD_SUBREAPER) failed: {os.strerror(ctypes.get_errno())}")
    yield
    libc.prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0)


def kernel_environment() -> dict[str, str]:
    """The kernel sees this worktree's package and no URL naming an existing server: it starts its own."""
    url_variables = {server.url_variable for server in services.SERVERS if server.url_variable}
    environment = {key: value for key, value in os.environ.items() if key not in url_variables}
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))
    return environment


def needs(kind: Kind):
    """Skip a kind whose program is missing, except in CI, where .ci/run installs it."""
    server = kind.server
    missing = server is not None and server.find() is None and not os.environ.get("CI")
    install = server and (server.install or f"apt install {server.package}")
    return pytest.mark.skipif(missing, reason=f"{server and server.binary} not installed ({install})")


@pytest.mark.parametrize("ending", ["shut down", "killed"])
@pytest.mark.parametrize("name", [pytest.param(name, marks=needs(kind)) for name, kind in KINDS.items()])
def test_nothing_a_kernel_started_outlives_it(name, ending, subreaper, tmp_path):
    from jupyter_client.manager import KernelManager

    kind = KINDS[name]
    before = descendants(os.getpid(), process_table())
    # "python" in the kernelspec's argv becomes sys.executable, this venv's interpreter.
    manager = KernelManager(kernel_name="python3", shutdown_wait_time=120)  # time for every atexit stop
    manager.start_kernel(cwd=str(tmp_path), env=kernel_environment())
    kernel = manager.provisioner.pid
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=60)
        reply = client.execute_interactive(SETUP + kind.cell, timeout=120)
        assert reply["content"]["status"] == "ok", reply["content"]
        started = wait_for_expected(kernel, kind.expected)
    finally:
        client.stop_channels()
        if ending == "killed":
            os.kill(kernel, signal.SIGKILL)  # no atexit handler runs: only what the kernel arranged beforehand
            manager.provisioner.process.wait()
            manager.cleanup_resources()
        else:
            asked = time.monotonic()
            manager.shutdown_kernel(now=False)
            # ipykernel retries SIGTERM for 14.4 s on a child it cannot end (a zombie, the resource
            # tracker) before its first SIGKILL; kernel_cleanup.shorten_kernel_shutdown spares that.
            assert time.monotonic() - asked < 14, "the kernel waited on children that were already dead"
    survivors = wait_until_gone(started, before)
    try:
        assert not survivors, f"after the kernel was {ending}, these remained: {survivors}"
    finally:
        for pid in survivors:  # leave nothing behind for the next test, even when this one fails
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass


def wait_for_expected(kernel: int, expected: dict[str, int]) -> dict[int, str]:
    """The kernel's descendants (pid -> start time) once ``expected`` are all running (workers may still be forking)."""
    deadline = time.monotonic() + 30
    while True:
        table = process_table()
        started = {pid: table[pid][2] for pid in descendants(kernel, table)}
        lines = [command_line(pid) for pid in started]
        missing = {text: count for text, count in expected.items() if sum(text in line for line in lines) < count}
        if not missing:
            return started
        assert time.monotonic() < deadline, f"not running: {missing}; running: {lines}"
        time.sleep(0.2)


def wait_until_gone(started: dict[int, str], before: set[int]) -> dict[int, str]:
    """Poll until none of ``started`` (pid -> start time) nor any new orphan below us lives; the rest, by command line."""
    deadline = time.monotonic() + GONE_WITHIN
    while True:
        table = process_table()
        adopted = descendants(os.getpid(), table) - before  # orphans re-parented to this subreaper
        alive = {pid for pid, start in started.items() if pid in table and table[pid][2] == start}
        living = {pid for pid in alive | adopted if table[pid][1] not in "ZX"}
        for pid in (alive | adopted) - living:  # zombies we adopted: reap them
            if table[pid][0] == os.getpid():
                try:
                    os.waitpid(pid, os.WNOHANG)
                except ChildProcessError:
                    pass
        if not living or time.monotonic() > deadline:
            return {pid: command_line(pid) for pid in living}
        time.sleep(0.2)


def test_a_server_started_from_a_thread_outlives_that_thread():
    """Linux sends the parent-death signal when the *thread* that forked ends (measured here: a
    ``setpriv --pdeathsig`` child of a worker thread got SIGTERM as the thread ended), so
    ``services`` forks from a thread that lasts as long as the process instead."""
    import threading

    if services.shutil.which("setpriv") is None:
        pytest.skip("setpriv (util-linux) is not installed")
    launched = []

    def start_then_finish():
        launched.append(services._popen_from_a_lasting_thread(["setpriv", "--pdeathsig", "TERM", "sleep", "60"]))
        time.sleep(0.5)  # the thread goes on a moment, as a demo's would: setpriv has set the signal by then

    worker = threading.Thread(target=start_then_finish)
    worker.start()
    worker.join()
    try:
        time.sleep(1)  # time for a parent-death signal to arrive, were one sent
        assert launched[0].poll() is None
    finally:
        launched[0].kill()
        launched[0].wait()


def test_the_watchdog_stays_out_of_a_process_that_does_not_lead_its_own_session(monkeypatch):
    """Outside a session of its own (a shell pipeline, say) the process group is not the kernel's alone."""
    from interview_book import kernel_cleanup

    def refuse(*args, **kwargs):
        raise AssertionError("no watchdog may start here")

    monkeypatch.setattr(kernel_cleanup, "_watched_pid", None)
    monkeypatch.setattr(kernel_cleanup.subprocess, "Popen", refuse)
    monkeypatch.setattr(kernel_cleanup.os, "getsid", lambda pid: os.getpid() + 1)
    assert kernel_cleanup.watch_this_kernel() is False
    assert not kernel_cleanup.in_a_jupyter_kernel()  # pytest is no kernel: importing the package started nothing
