"""Real servers for the demos, each with one lifecycle, and honest stand-ins.

Every server the book uses (Redis, Memcached, ...) is described by a ``Server``: the Debian
binary, the command line that runs it on a given loopback port in a given directory, and the
environment variable naming an existing server. ``connect(server, ...)`` then does the same
thing for all of them:

1. ``$<URL_VARIABLE>`` is set: connect to that server;
2. else the binary is installed: ``start(server)`` runs it as the current user on a free
   127.0.0.1 port in a temporary directory, waits until it answers, and stops it when the kernel
   exits, even when the kernel is killed (see "Tied to the kernel" below);
3. else the stand-in, if the chapter has one, and a description that says so.

Each ``Service`` says in ``description`` which of these it is; the notebooks print it.
``mongo_service()`` has no server here: it uses ``$MONGO_URL`` or mongomock.
A server that refuses to run as root (PostgreSQL) names an unprivileged user in ``run_as``: when
this process is root, as in CI, the server runs as that user and its directory becomes theirs.

Tied to the kernel. Each server runs in its own session, so that ``stop()`` can send SIGTERM, and
after ``STOP_GRACE`` seconds SIGKILL, to the server and every worker it forked as one process
group; ``stop()`` is also registered with ``atexit`` for a normal exit. A kernel killed with
SIGKILL runs no Python, so each server is started through ``setpriv --pdeathsig TERM`` (util-linux,
present on every Debian): Linux sends the server SIGTERM the moment its parent goes, whatever the
cause. Three details make that hold:

* Linux counts the *thread* that forked as the parent: a server started from a worker thread
  gets SIGTERM when that thread ends. ``start()`` therefore forks on the main thread, or else on
  one daemon thread that lives as long as the process.
* The parent-death signal reaches only the process ``setpriv`` becomes, so every server runs in
  the foreground and stops its own children on SIGTERM: redis-server ``--daemonize no``, nginx
  ``daemon off`` (its master stops the workers), PostgreSQL's ``postgres`` itself rather than
  ``pg_ctl`` (its backends exit when the postmaster does), gunicorn's master (it stops its
  workers), and RabbitMQ's start script (it stops the Erlang VM on SIGTERM).
* RabbitMQ's Erlang VM would start a shared ``epmd -daemon`` that detaches and outlives
  everything: ``EPMD`` is started as its companion, in the foreground on its own port, under the
  same rule, and the broker is pointed at it with ``$ERL_EPMD_PORT``.

``tests/test_server_cleanup.py`` starts each server in a real kernel, then shuts the kernel down
or kills it, and checks that every process it started is gone; ``kernel_cleanup`` covers what a
notebook starts without this module (process pools, the forkserver).
"""
from __future__ import annotations

import atexit
import glob
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .servers import free_port

STOP_GRACE = 5.0  # seconds a server gets to exit after SIGTERM before it is killed


@dataclass
class Service:
    client: Any
    description: str
    real: bool
    stop: Callable[[], None] = field(default=lambda: None, repr=False)


def accepts_connections(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


@dataclass(frozen=True)
class Server:
    """How to run one kind of server on loopback."""
    binary: str  # the executable, also the name shown on the page
    package: str  # the package that provides it (Debian's unless `install` says otherwise)
    url_variable: str | None  # names an already running server to use instead
    arguments: Callable[[int, Path], list[str]]  # (port, working directory) -> command-line arguments
    ready: Callable[[int], bool] = accepts_connections  # True once the server on this port answers
    start_timeout: float = 10.0
    environment: Callable[[int, Path], dict[str, str]] = lambda port, workdir: {}  # added to os.environ
    search_path: str | None = None  # where to look for the binary instead of $PATH
    companion: Server | None = None  # started first, stopped last, its port in companion_port_variable
    companion_port_variable: str = ""
    install: str = ""  # how to install the package, when it is not `apt install <package>`
    run_as: str | None = None  # when this process is root: run as this user (else `nobody`), not as root

    def find(self) -> str | None:
        return shutil.which(self.binary, path=self.search_path)

    def user(self) -> tuple[int, int] | None:
        """(uid, gid) to run as: None unless root is starting a server that names ``run_as``."""
        return unprivileged_user(self.run_as) if self.run_as and RUNNING_AS_ROOT else None


@dataclass
class RunningServer:
    server: Server
    process: subprocess.Popen
    port: int
    workdir: Path
    stop: Callable[[], None] = field(repr=False)
    companion: RunningServer | None = None

    def sessions(self) -> list[int]:
        """The process sessions of this server and its companion: each runs in its own."""
        return [self.process.pid, *(self.companion.sessions() if self.companion else [])]


RUNNING_AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0  # CI and some containers


def unprivileged_user(name: str) -> tuple[int, int]:
    """(uid, gid) of the user ``name``, else of ``nobody``."""
    import pwd

    for candidate in (name, "nobody"):
        try:
            entry = pwd.getpwnam(candidate)
        except KeyError:
            continue
        return entry.pw_uid, entry.pw_gid
    raise RuntimeError(f"neither the user {name} nor nobody exists to run the server as")


def as_user(user: tuple[int, int] | None, command: list[str]) -> list[str]:
    """``command`` run as ``user`` (uid, gid) with no supplementary groups; unchanged for None."""
    if user is None:
        return command
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        raise RuntimeError("setpriv (util-linux) is needed to start this server as an unprivileged user")
    return [setpriv, f"--reuid={user[0]}", f"--regid={user[1]}", "--clear-groups", *command]


def _tied_to_this_process(command: list[str], user: tuple[int, int] | None = None) -> list[str]:
    """On Linux, run ``command`` (as ``user``) so that it gets SIGTERM if this process dies, even by SIGKILL.

    setpriv switches the user before it sets the parent-death signal (the kernel clears that
    signal when the credentials change), then execs the command."""
    setpriv = shutil.which("setpriv")  # util-linux; sets the parent-death signal, then execs
    if setpriv is None:
        return as_user(user, command)
    prefix = as_user(user, []) if user else [setpriv]  # one setpriv does both when a user is given
    return [*prefix, "--pdeathsig", "TERM", *command]


_launch_queue: queue.SimpleQueue = queue.SimpleQueue()  # (future, Popen arguments, Popen keywords)
_launcher_lock = threading.Lock()
_launcher: threading.Thread | None = None


def _popen_from_a_lasting_thread(*args, **kwargs) -> subprocess.Popen:
    """``subprocess.Popen`` called from a thread that ends only with the process: the main thread,
    else one daemon launcher thread (the parent-death signal follows the thread that forked)."""
    global _launcher
    if threading.current_thread() is threading.main_thread():
        return subprocess.Popen(*args, **kwargs)
    with _launcher_lock:
        if _launcher is None:
            _launcher = threading.Thread(target=_launch_forever, name="server-launcher", daemon=True)
            _launcher.start()
    started: Future = Future()
    _launch_queue.put((started, args, kwargs))
    return started.result()


def _launch_forever() -> None:
    while True:
        started, args, kwargs = _launch_queue.get()
        try:
            started.set_result(subprocess.Popen(*args, **kwargs))
        except BaseException as error:
            started.set_exception(error)


def start(server: Server, binary: str | None = None) -> RunningServer:
    """Start ``server`` on a free loopback port in a temporary directory; stopped at exit."""
    companion = start(server.companion) if server.companion else None
    try:
        running = _start_alone(server, binary, {server.companion_port_variable: str(companion.port)} if companion else {})
    except BaseException:
        if companion:
            companion.stop()
        raise
    if companion:
        stop_alone = running.stop

        def stop() -> None:
            stop_alone()
            companion.stop()

        running.stop, running.companion = stop, companion
    return running


def _start_alone(server: Server, binary: str | None, extra_environment: dict[str, str]) -> RunningServer:
    workdir = tempfile.TemporaryDirectory(prefix=f"interview-book-{server.binary}-")
    user = server.user()
    if user:
        os.chown(workdir.name, *user)
    port = free_port()
    command = [binary or server.find() or server.binary, *server.arguments(port, Path(workdir.name))]
    environment = {**os.environ, **extra_environment, **server.environment(port, Path(workdir.name))}
    process = _popen_from_a_lasting_thread(_tied_to_this_process(command, user), cwd=workdir.name,
                                           start_new_session=True, env=environment, stdin=subprocess.DEVNULL,
                                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def stop() -> None:
        """Stop the server and everything it started (its process group), then remove its files."""
        if process.poll() is None:
            _signal_group(process, signal.SIGTERM)
            try:
                process.wait(timeout=STOP_GRACE)
            except subprocess.TimeoutExpired:
                _signal_group(process, signal.SIGKILL)
                process.wait()
        _signal_group(process, signal.SIGKILL)  # workers the server left behind, if any
        process.stderr.close()
        workdir.cleanup()
        atexit.unregister(stop)

    atexit.register(stop)
    deadline = time.monotonic() + server.start_timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            message = process.stderr.read().decode(errors="replace").strip() or f"exit code {process.returncode}"
            stop()
            raise RuntimeError(f"{server.binary} exited at start-up: {message}")
        if server.ready(port):
            return RunningServer(server, process, port, Path(workdir.name), stop)
        time.sleep(0.05)
    stop()
    raise RuntimeError(f"{server.binary} did not answer on port {port} within {server.start_timeout} s")


def _signal_group(process: subprocess.Popen, signal_number: int) -> None:
    try:
        os.killpg(process.pid, signal_number)
    except (ProcessLookupError, PermissionError):
        pass


def connect(server: Server, *, from_url: Callable[[str], Any], from_port: Callable[[int], Any],
            version: Callable[[Any], str], stand_in: Callable[[], Service] | None = None,
            close: Callable[[Any], None] = lambda client: None) -> Service:
    """The service for ``server``: the one at its URL variable, else one started here, else the stand-in."""
    url = os.environ.get(server.url_variable)
    if url:
        client = from_url(url)
        return Service(client, f"the server at ${server.url_variable} ({server.binary} {version(client)})",
                       real=True, stop=lambda: close(client))
    binary = server.find()
    if binary:
        running = start(server, binary)
        client = from_port(running.port)

        def stop() -> None:
            close(client)
            running.stop()

        return Service(client, f"a real {server.binary} {version(client)}, started on a free loopback port "
                               "for this session", real=True, stop=stop)
    if stand_in is None:
        raise RuntimeError(f"{server.binary} is not installed ({server.install or 'apt install ' + server.package}) "
                           f"and ${server.url_variable} is not set")
    return stand_in()


REDIS = Server(  # no persistence: the demos' data lives as long as the kernel
    binary="redis-server", package="redis-server", url_variable="REDIS_URL",
    arguments=lambda port, workdir: ["--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                     "--appendonly", "no", "--dir", str(workdir), "--daemonize", "no"],
)


MEMCACHED = Server(
    binary="memcached", package="memcached", url_variable="MEMCACHED_ADDRESS",  # host:port
    arguments=lambda port, workdir: ["-l", "127.0.0.1", "-p", str(port), "-U", "0", "-m", "64",
                                     *(["-u", "root"] if RUNNING_AS_ROOT else [])],  # it refuses root otherwise
)

# Erlang's port mapper, which RabbitMQ registers with. Left to itself RabbitMQ would start a
# shared `epmd -daemon` that outlives everything; this one belongs to its broker.
EPMD = Server(
    binary="epmd", package="erlang-base", url_variable=None,
    arguments=lambda port, workdir: ["-port", str(port), "-address", "127.0.0.1"],
)


def _rabbitmq_environment(port: int, workdir: Path) -> dict[str, str]:
    """Everything RabbitMQ writes goes under ``workdir``; no plugins, logs on standard output."""
    return {
        "HOME": str(workdir),  # the Erlang cookie
        "RABBITMQ_NODENAME": f"book{port}@localhost", "RABBITMQ_NODE_IP_ADDRESS": "127.0.0.1",
        "RABBITMQ_NODE_PORT": str(port), "RABBITMQ_DIST_PORT": str(free_port()),
        "RABBITMQ_MNESIA_BASE": str(workdir / "data"), "RABBITMQ_LOG_BASE": str(workdir / "log"),
        "RABBITMQ_LOGS": "-", "RABBITMQ_PID_FILE": str(workdir / "rabbitmq.pid"),
        "RABBITMQ_CONFIG_FILE": str(workdir / "rabbitmq"), "RABBITMQ_ENABLED_PLUGINS_FILE": str(workdir / "plugins"),
        "RABBITMQ_ALLOW_INPUT": "",  # keep the script's signal handling: SIGTERM stops the broker cleanly
    }


RABBITMQ = Server(
    binary="rabbitmq-server", package="rabbitmq-server", url_variable="RABBITMQ_URL",
    # Debian's /usr/sbin/rabbitmq-server switches to the rabbitmq user; the script it calls does not.
    search_path="/usr/lib/rabbitmq/bin", arguments=lambda port, workdir: [],
    environment=_rabbitmq_environment, start_timeout=45.0,  # an Erlang VM boots in 4-10 s
    companion=EPMD, companion_port_variable="ERL_EPMD_PORT",
)

NGINX_MAIN = """daemon off;
pid nginx.pid;
error_log stderr warn;
worker_processes 1;
{user}
events {{ worker_connections 256; }}
http {{
  access_log off;
  client_body_temp_path tmp/body; proxy_temp_path tmp/proxy; fastcgi_temp_path tmp/fastcgi;
  uwsgi_temp_path tmp/uwsgi; scgi_temp_path tmp/scgi;
{site}
}}
"""


def nginx(site: str) -> Server:
    """nginx with ``site`` inside its ``http`` block; ``LISTEN_PORT`` in ``site`` becomes its port."""

    def arguments(port: int, workdir: Path) -> list[str]:
        (workdir / "tmp").mkdir()
        config = NGINX_MAIN.format(user="user root;" if RUNNING_AS_ROOT else "",
                                   site=site.replace("LISTEN_PORT", str(port)))
        (workdir / "nginx.conf").write_text(config)
        return ["-p", f"{workdir}/", "-c", "nginx.conf", "-e", "stderr"]

    # No URL variable: each demo's gateway needs its own configuration, so it always runs its own nginx.
    return Server(binary="nginx", package="nginx", url_variable=None, arguments=arguments,
                  search_path=os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin"]))


def nginx_version() -> str:
    """The installed nginx's version, such as ``1.22.1``."""
    binary = nginx("").find()
    if binary is None:
        raise RuntimeError("nginx is not installed (apt install nginx)")
    banner = subprocess.run([binary, "-v"], capture_output=True, text=True).stderr   # nginx prints it there
    return banner.strip().rpartition("/")[2]


NGINX_HELLO = nginx("server { listen 127.0.0.1:LISTEN_PORT; location / { return 200 'hello'; } }")

# Every server the book starts; tests/test_services.py runs the lifecycle checks on each one.
# Chapter 7's cloud emulators, installed by `pip install -r requirements.txt` (moto, the GCS
# emulator) and by `npm ci` (Azurite, Microsoft's own Azure Storage emulator).
BESIDE_PYTHON = str(Path(sys.executable).parent)
NODE_BIN = str(Path(__file__).resolve().parents[2] / "node_modules" / ".bin")

MOTO = Server(  # the AWS APIs (S3, EC2, SQS, DynamoDB, IAM, CloudFormation, ...) in one process
    binary="moto_server", package="moto[server]", install="pip install -r requirements.txt",
    url_variable="AWS_ENDPOINT_URL", search_path=BESIDE_PYTHON, start_timeout=30.0,
    arguments=lambda port, workdir: ["-H", "127.0.0.1", "-p", str(port)],
)
AZURITE = Server(  # Azure Blob Storage; its data lives in the temporary directory
    binary="azurite-blob", package="azurite", install="npm ci", url_variable="AZURITE_BLOB_URL",
    search_path=NODE_BIN, start_timeout=30.0,
    arguments=lambda port, workdir: ["--blobHost", "127.0.0.1", "--blobPort", str(port), "--location",
                                     str(workdir), "--silent", "--skipApiVersionCheck", "--loose"],
)
GCS_EMULATOR = Server(  # Google Cloud Storage's JSON API, in memory
    binary="gcp-storage-emulator", package="gcp-storage-emulator", install="pip install -r requirements.txt",
    url_variable="STORAGE_EMULATOR_HOST", search_path=BESIDE_PYTHON, start_timeout=30.0,
    arguments=lambda port, workdir: ["start", "--host", "127.0.0.1", "--port", str(port), "--in-memory"],
)

# PostgreSQL: Debian installs each major version under /usr/lib/postgresql/<major>/bin, outside
# $PATH; the newest comes first in the search path. The cluster is created with initdb in the
# temporary directory at each start (about a second) and thrown away with it.
POSTGRES_BIN = os.pathsep.join(sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True,
                                      key=lambda path: int(Path(path).parent.name) if Path(path).parent.name.isdigit() else 0))
POSTGRES_USER = "postgres"  # the database superuser the demos connect as (trust authentication, loopback only)

# Start-up and speed over durability, for a throw-away demo cluster only, never for data you keep:
# fsync=off and full_page_writes=off can corrupt the cluster on a crash or power cut. Commits stay
# synchronous (cheap once fsync is off): with synchronous_commit=off a just-committed row cannot get
# its hint bits until the WAL is flushed, so an immediate VACUUM would not mark its page all-visible
# and the index-only-scan demo would vary. log_min_messages=fatal keeps the demos' deliberate
# errors (deadlocks, serialization failures) out of the server's log, which nobody reads here.
POSTGRES_SETTINGS = {
    "listen_addresses": "127.0.0.1", "unix_socket_directories": "", "fsync": "off",
    "full_page_writes": "off", "shared_buffers": "32MB",
    "max_connections": "40", "jit": "off", "log_min_messages": "fatal",
}


def _postgres_arguments(port: int, workdir: Path) -> list[str]:
    """initdb a fresh cluster in ``workdir/data`` (as the server's user), then the server's arguments."""
    initdb = shutil.which("initdb", path=POSTGRES_BIN)
    if initdb is None:
        raise RuntimeError("initdb not found next to postgres (apt install postgresql)")
    data = workdir / "data"
    done = subprocess.run(as_user(POSTGRES.user(), [initdb, "--pgdata", str(data), "--username", POSTGRES_USER,
                                                    "--auth", "trust", "--encoding", "UTF8", "--locale", "C",
                                                    "--no-sync", "--no-instructions"]),
                          cwd=workdir, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"initdb failed: {done.stderr.strip() or done.stdout.strip()}")
    settings = [argument for name, value in POSTGRES_SETTINGS.items() for argument in ("-c", f"{name}={value}")]
    return ["-D", str(data), "-p", str(port), *settings]


def postgres_conninfo(port: int) -> str:
    return f"host=127.0.0.1 port={port} user={POSTGRES_USER} dbname=postgres"


def _postgres_ready(port: int) -> bool:
    """True once the server accepts a session (it listens a moment before it can serve one)."""
    import psycopg

    if not accepts_connections(port):
        return False
    try:
        psycopg.connect(postgres_conninfo(port), connect_timeout=2).close()
        return True
    except psycopg.OperationalError:
        return False


POSTGRES = Server(
    binary="postgres", package="postgresql", url_variable="DATABASE_URL", search_path=POSTGRES_BIN,
    arguments=_postgres_arguments, ready=_postgres_ready, start_timeout=30.0,
    run_as="postgres",  # postgres refuses to run as root: Debian's postgres user, else nobody
)

SERVERS = (REDIS, MEMCACHED, EPMD, RABBITMQ, NGINX_HELLO, MOTO, AZURITE, GCS_EMULATOR, POSTGRES)


def redis_service() -> Service:
    import redis

    def stand_in() -> Service:
        import fakeredis

        return Service(fakeredis.FakeRedis(decode_responses=True),
                       "fakeredis, an in-process stand-in: no redis-server was found (apt install redis-server)",
                       real=False)

    return connect(REDIS, from_url=lambda url: redis.Redis.from_url(url, decode_responses=True),
                   from_port=lambda port: redis.Redis(host="127.0.0.1", port=port, decode_responses=True),
                   version=lambda client: client.info("server")["redis_version"],
                   close=lambda client: client.close(), stand_in=stand_in)


def memcached_service() -> Service:
    """A thread-safe pymemcache client for a real Memcached; no stand-in: the demos compare real servers."""
    from pymemcache.client.base import PooledClient

    def client_for(host: str, port: int) -> PooledClient:
        return PooledClient((host, port), connect_timeout=3, timeout=3, max_pool_size=16,
                            default_noreply=False)  # wait for each reply: errors surface, order holds

    def from_address(address: str) -> PooledClient:
        host, _, port = address.rpartition(":")
        return client_for(host or "127.0.0.1", int(port))

    return connect(MEMCACHED, from_url=from_address, from_port=lambda port: client_for("127.0.0.1", port),
                   version=lambda client: client.version().decode(), close=lambda client: client.close())


def rabbitmq_service() -> Service:
    """Connection parameters for a real RabbitMQ; every demo thread opens its own pika connection."""
    import pika

    def version(parameters) -> str:
        connection = pika.BlockingConnection(parameters)
        try:
            version = connection._impl.server_properties["version"]
            return version.decode() if isinstance(version, bytes) else version
        finally:
            connection.close()

    return connect(RABBITMQ, from_url=pika.URLParameters, version=version,
                   from_port=lambda port: pika.ConnectionParameters("127.0.0.1", port, connection_attempts=3))


def postgres_service() -> Service:
    """PostgreSQL: ``client`` is a libpq connection string; each demo opens its own psycopg connections.

    ``$DATABASE_URL`` if set, else Debian's PostgreSQL started here, else SQLite stands in:
    ``real`` is False, ``client`` is None, and the description says what the page cannot show."""
    import psycopg

    def version(conninfo: str) -> str:
        with psycopg.connect(conninfo, connect_timeout=5) as connection:
            return connection.execute("SHOW server_version").fetchone()[0].split()[0]  # "15.14 (Debian ...)"

    def stand_in() -> Service:
        import sqlite3

        return Service(None, f"SQLite {sqlite3.sqlite_version} stands in: no PostgreSQL was found (apt install "
                             "postgresql, or set $DATABASE_URL), so the PostgreSQL-only demos are skipped",
                       real=False)

    return connect(POSTGRES, from_url=lambda url: url, from_port=postgres_conninfo, version=version,
                   stand_in=stand_in)


def mongo_service() -> Service:
    url = os.environ.get("MONGO_URL")
    if url:
        import pymongo

        client = pymongo.MongoClient(url, serverSelectionTimeoutMS=3000)
        version = client.server_info()["version"]
        return Service(client, f"the MongoDB {version} server at $MONGO_URL", real=True, stop=client.close)
    import mongomock

    return Service(mongomock.MongoClient(),
                   "mongomock, the in-memory stand-in for pymongo's API: set MONGO_URL to use a real MongoDB",
                   real=False)


def _endpoint_service(server: Server, scheme_host: Callable[[int], str], version: str) -> Service:
    """A cloud emulator: its client is the endpoint URL that SDKs are pointed at."""
    return connect(server, from_url=lambda url: url, from_port=scheme_host, version=lambda url: version)


def _package_version(name: str) -> str:
    from importlib import metadata

    return metadata.version(name)


def moto_service() -> Service:
    """moto's server mode: AWS APIs on a loopback URL for boto3's `endpoint_url`."""
    return _endpoint_service(MOTO, lambda port: f"http://127.0.0.1:{port}", _package_version("moto"))


def azurite_service() -> Service:
    """Azurite's Blob service; `client` is the blob endpoint of its well-known development account."""
    import json

    version = json.loads((Path(NODE_BIN).parent / "azurite" / "package.json").read_text())["version"]
    return _endpoint_service(AZURITE, lambda port: f"http://127.0.0.1:{port}/devstoreaccount1", version)


def gcs_emulator_service() -> Service:
    """The Cloud Storage emulator; point google-cloud-storage at `client` with $STORAGE_EMULATOR_HOST."""
    return _endpoint_service(GCS_EMULATOR, lambda port: f"http://127.0.0.1:{port}",
                             _package_version("gcp-storage-emulator"))


def redis_server(data_dir: str | Path, *settings: str) -> Server:
    """A redis-server with Redis's own defaults (persistence included), its files in ``data_dir``.

    ``settings`` are extra command-line settings such as ``"--appendonly", "yes"``. The data
    directory outlives each server, so a second server started on it loads what the first left
    on disk: the persistence demos start, ``crash()`` and restart.
    """
    directory = str(data_dir)
    return Server(binary="redis-server", package="redis-server", url_variable=None,
                  arguments=lambda port, workdir: ["--port", str(port), "--bind", "127.0.0.1", "--dir", directory,
                                                   "--daemonize", "no", *settings])


def crash(running: RunningServer) -> None:
    """Kill the server with SIGKILL, as a crash would (no shutdown save), then clean up its work directory."""
    _signal_group(running.process, signal.SIGKILL)
    running.process.wait()
    running.stop()
