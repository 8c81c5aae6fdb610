"""Database services for the demos: a real Redis and a MongoDB client, with honest stand-ins.

``redis_service()`` connects to ``$REDIS_URL`` if set; otherwise it starts ``redis-server`` on a
free 127.0.0.1 port in a temporary directory (no persistence) and stops it when the kernel
exits; without a ``redis-server`` binary it falls back to fakeredis, an in-process stand-in.
``mongo_service()`` connects to ``$MONGO_URL`` if set, else uses mongomock, the in-memory
stand-in for pymongo's API. Each service says which of these it is in ``description``.
"""
from __future__ import annotations

import atexit
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from .servers import free_port


@dataclass
class Service:
    client: Any
    description: str
    real: bool
    stop: Callable[[], None] = field(default=lambda: None, repr=False)


def _tied_to_this_process(command: list[str]) -> list[str]:
    """On Linux, run ``command`` so that it gets SIGTERM if this process dies, even by SIGKILL."""
    setpriv = shutil.which("setpriv")  # util-linux; sets the parent-death signal, then execs
    return [setpriv, "--pdeathsig", "TERM", *command] if setpriv else command


def start_redis_server(binary: str, timeout: float = 10.0) -> tuple[subprocess.Popen, int, Callable[[], None]]:
    """Start ``redis-server`` on a free loopback port in a temporary directory; returns (process, port, stop)."""
    workdir = tempfile.TemporaryDirectory(prefix="interview-book-redis-")
    port = free_port()
    process = subprocess.Popen(
        _tied_to_this_process([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                               "--appendonly", "no", "--dir", workdir.name, "--daemonize", "no"]),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )

    def stop() -> None:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        workdir.cleanup()

    atexit.register(stop)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            stop()
            raise RuntimeError(f"redis-server exited at start-up: {process.stderr.read().decode().strip()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process, port, stop
        except OSError:
            time.sleep(0.05)
    stop()
    raise RuntimeError(f"redis-server did not accept connections on port {port} within {timeout} s")


def redis_service() -> Service:
    import redis

    url = os.environ.get("REDIS_URL")
    if url:
        client = redis.Redis.from_url(url, decode_responses=True)
        version = client.info("server")["redis_version"]
        return Service(client, f"the Redis {version} server at $REDIS_URL", real=True)
    binary = shutil.which("redis-server")
    if binary:
        _process, port, stop_server = start_redis_server(binary)
        client = redis.Redis(host="127.0.0.1", port=port, decode_responses=True)
        version = client.info("server")["redis_version"]

        def stop() -> None:
            client.close()
            stop_server()

        return Service(client, f"a real redis-server {version}, started on a free loopback port for this session",
                       real=True, stop=stop)
    import fakeredis

    return Service(fakeredis.FakeRedis(decode_responses=True),
                   "fakeredis, an in-process stand-in: no redis-server was found (apt install redis-server)",
                   real=False)


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
