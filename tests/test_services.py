"""The database services: a real redis-server that never outlives its owner, and the stand-ins."""
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from interview_book import services

HAS_REDIS = shutil.which("redis-server") is not None
needs_redis = pytest.mark.skipif(not HAS_REDIS and not os.environ.get("CI"), reason="redis-server not installed")


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


@needs_redis
def test_a_real_server_is_started_used_and_stopped(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    service = services.redis_service()
    assert service.real and "real redis-server" in service.description
    service.client.set("greeting", "hello")
    assert service.client.get("greeting") == "hello"
    port = service.client.connection_pool.connection_kwargs["port"]
    service.stop()
    with pytest.raises(OSError):
        __import__("socket").create_connection(("127.0.0.1", port), timeout=0.5)


@needs_redis
def test_the_server_dies_with_a_killed_kernel():
    script = (
        "import os, sys, time\n"
        "from interview_book import services\n"
        "service = services.redis_service()\n"
        "print(service.client.info('server')['process_id'], flush=True)\n"
        "time.sleep(60)\n"
    )
    owner = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "REDIS_URL": ""})
    server_pid = int(owner.stdout.readline())
    assert alive(server_pid)
    owner.send_signal(signal.SIGKILL)  # no atexit handlers run: only the parent-death signal helps
    owner.wait()
    deadline = time.monotonic() + 10
    while alive(server_pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(server_pid)


def test_redis_url_wins_over_starting_a_server(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:1/0")  # nothing listens on port 1
    import redis

    with pytest.raises(redis.exceptions.ConnectionError):
        services.redis_service()


def test_without_a_binary_the_stand_in_says_so(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.setattr(services.shutil, "which", lambda name: None)
    service = services.redis_service()
    assert not service.real and "fakeredis" in service.description
    assert service.client.incr("hits") == 1


def test_a_failing_server_start_is_reported(tmp_path):
    broken = tmp_path / "redis-server"
    broken.write_text("#!/bin/sh\necho 'bad config' >&2\nexit 1\n")
    broken.chmod(0o755)
    with pytest.raises(RuntimeError, match="bad config"):
        services.start_redis_server(str(broken))


def test_mongo_stand_in_unless_a_url_is_given(monkeypatch):
    monkeypatch.delenv("MONGO_URL", raising=False)
    service = services.mongo_service()
    assert not service.real and "mongomock" in service.description
    collection = service.client.shop.orders
    collection.insert_one({"_id": 1, "total": 5})
    assert collection.find_one({"total": {"$gt": 1}})["_id"] == 1
