"""The servers the demos start: one lifecycle for all of them (start on a free loopback port,
answer, stop, report a failed start), the URL override, the stand-ins. That none outlives its
kernel is checked in tests/test_server_cleanup.py."""
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time

import pytest

from interview_book import services


def session_members(session: int) -> list[int]:
    """Live processes in a session: a server runs in its own, with everything it started."""
    members = []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if fields[0] != "Z" and int(fields[3]) == session:
            members.append(int(entry))
    return members


def needs(server: services.Server):
    """Skip when the server's binary is missing, except in CI, where .ci/run installs it."""
    missing = server.find() is None and not os.environ.get("CI")
    install = server.install or f"apt install {server.package}"
    return pytest.mark.skipif(missing, reason=f"{server.binary} not installed ({install})")


EVERY_SERVER = [pytest.param(server, id=server.binary, marks=needs(server)) for server in services.SERVERS]


@pytest.mark.parametrize("server", EVERY_SERVER)
def test_a_server_starts_on_loopback_answers_and_stops_without_a_trace(server):
    running = services.start(server)
    assert running.process.poll() is None and server.ready(running.port)
    assert running.workdir.is_dir()
    assert all(session_members(session) for session in running.sessions())
    running.stop()
    assert not services.accepts_connections(running.port)
    assert not running.workdir.exists()
    assert [session_members(session) for session in running.sessions()] == [[]] * len(running.sessions())


def test_a_failing_start_is_reported_with_the_servers_own_message(tmp_path):
    broken = tmp_path / "broken-server"
    broken.write_text("#!/bin/sh\necho 'bad config' >&2\nexit 1\n")
    broken.chmod(0o755)
    with pytest.raises(RuntimeError, match="bad config"):
        services.start(services.REDIS, str(broken))


def test_a_server_that_never_answers_is_stopped_and_reported(tmp_path):
    silent = services.Server(binary="sleep", package="coreutils", url_variable="UNUSED_URL",
                             arguments=lambda port, workdir: ["60"], start_timeout=0.5)
    with pytest.raises(RuntimeError, match="did not answer"):
        services.start(silent)


@needs(services.REDIS)
def test_the_redis_service_uses_a_real_server_and_stops_it(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    service = services.redis_service()
    assert service.real and "real redis-server" in service.description
    service.client.set("greeting", "hello")
    assert service.client.get("greeting") == "hello"
    port = service.client.connection_pool.connection_kwargs["port"]
    service.stop()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=0.5)


@needs(services.MEMCACHED)
def test_the_memcached_service_uses_a_real_server_or_the_address_given(monkeypatch):
    monkeypatch.delenv("MEMCACHED_ADDRESS", raising=False)
    service = services.memcached_service()
    assert service.real and "real memcached" in service.description
    service.client.set("greeting", b"hello")
    assert service.client.get("greeting") == b"hello"
    monkeypatch.setenv("MEMCACHED_ADDRESS", f"127.0.0.1:{service.client.server[1]}")
    second = services.memcached_service()
    assert "$MEMCACHED_ADDRESS" in second.description and second.client.get("greeting") == b"hello"
    second.stop()
    service.stop()


def test_redis_url_wins_over_starting_a_server(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:1/0")  # nothing listens on port 1
    import redis

    with pytest.raises(redis.exceptions.ConnectionError):
        services.redis_service()


def test_without_a_binary_the_stand_in_says_so(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.setattr(services.shutil, "which", lambda *args, **kwargs: None)
    service = services.redis_service()
    assert not service.real and "fakeredis" in service.description
    assert service.client.incr("hits") == 1


def test_without_a_binary_or_a_stand_in_the_message_names_the_package(monkeypatch):
    monkeypatch.setattr(services.shutil, "which", lambda *args, **kwargs: None)
    with pytest.raises(RuntimeError, match="apt install redis-server"):
        services.connect(services.REDIS, from_url=str, from_port=str, version=str)


def test_mongo_stand_in_unless_a_url_is_given(monkeypatch):
    monkeypatch.delenv("MONGO_URL", raising=False)
    service = services.mongo_service()
    assert not service.real and "mongomock" in service.description
    collection = service.client.shop.orders
    collection.insert_one({"_id": 1, "total": 5})
    assert collection.find_one({"total": {"$gt": 1}})["_id"] == 1


@needs(services.NGINX_HELLO)
def test_the_nginx_version_is_read_from_the_binary():
    assert re.fullmatch(r"\d+\.\d+\.\d+", services.nginx_version())


@needs(services.MOTO)
def test_moto_answers_boto3_over_http_and_stops():
    import boto3

    service = services.moto_service()
    try:
        s3 = boto3.client("s3", endpoint_url=service.client, region_name="eu-west-1",
                          aws_access_key_id="testing", aws_secret_access_key="testing")
        s3.create_bucket(Bucket="book-test", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
        s3.put_object(Bucket="book-test", Key="hello.txt", Body=b"hello")
        assert s3.get_object(Bucket="book-test", Key="hello.txt")["Body"].read() == b"hello"
        assert service.real and "moto_server" in service.description
    finally:
        service.stop()


@needs(services.AZURITE)
def test_azurite_stores_a_blob_and_stops():
    from azure.storage.blob import BlobServiceClient

    service = services.azurite_service()
    try:
        key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
        blobs = BlobServiceClient(service.client, credential={"account_name": "devstoreaccount1", "account_key": key})
        blobs.create_container("book-test").upload_blob("hello.txt", b"hello")
        assert blobs.get_blob_client("book-test", "hello.txt").download_blob().readall() == b"hello"
    finally:
        service.stop()


@needs(services.GCS_EMULATOR)
def test_the_gcs_emulator_stores_an_object_and_stops(monkeypatch):
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import storage

    service = services.gcs_emulator_service()
    try:
        monkeypatch.setenv("STORAGE_EMULATOR_HOST", service.client)
        client = storage.Client(project="book-test", credentials=AnonymousCredentials())
        client.create_bucket("book-test").blob("hello.txt").upload_from_string("hello")
        assert client.bucket("book-test").blob("hello.txt").download_as_bytes() == b"hello"
    finally:
        service.stop()


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server")
def test_a_redis_data_directory_outlives_a_crashed_server(tmp_path):
    import redis

    first = services.start(services.redis_server(tmp_path, "--appendonly", "yes", "--appendfsync", "always"))
    client = redis.Redis(port=first.port, decode_responses=True)
    assert client.config_get("save")["save"] != ""  # Redis's own snapshot rules, not the chapter's "--save ''"
    client.set("kept", "yes")
    client.close()
    services.crash(first)
    assert first.process.returncode == -signal.SIGKILL
    second = services.start(services.redis_server(tmp_path, "--appendonly", "yes"))
    try:
        assert redis.Redis(port=second.port, decode_responses=True).get("kept") == "yes"
    finally:
        second.stop()


# PostgreSQL: initdb in the temporary directory, run as an unprivileged user when root, or SQLite.
def processes_under(directory) -> set[int]:
    """Processes whose working directory is ``directory`` or below (postgres's children call setsid)."""
    found = set()
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            if os.readlink(f"/proc/{entry}/cwd").startswith(str(directory)):
                found.add(int(entry))
        except OSError:
            continue
    return found


def process_uid(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        return int(next(line for line in status if line.startswith("Uid:")).split()[1])


@needs(services.POSTGRES)
def test_postgres_starts_as_an_unprivileged_user_answers_queries_and_stops(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    import psycopg

    service = services.postgres_service()
    assert service.real and re.fullmatch(r"a real postgres \d+\.\d+, started on a free loopback port for this session",
                                         service.description)
    with psycopg.connect(service.client, autocommit=True) as connection:
        connection.execute("CREATE TABLE t (id int PRIMARY KEY, name text)")
        connection.execute("INSERT INTO t VALUES (%s, %s), (%s, %s)", (1, "a", 2, "b"))
        assert connection.execute("SELECT name FROM t ORDER BY id").fetchall() == [("a",), ("b",)]
        backend = connection.execute("SELECT pg_backend_pid()").fetchone()[0]
        directory = connection.execute("SHOW data_directory").fetchone()[0]
        # While the connection is open: its backend exits when it closes.
        assert process_uid(backend) != 0                  # postgres refuses root; run_as made it someone else
    assert processes_under(directory)
    port = int(service.client.split("port=")[1].split()[0])
    service.stop()
    assert not services.accepts_connections(port)
    assert not os.path.exists(directory)
    deadline = time.monotonic() + 10
    while processes_under(directory) and time.monotonic() < deadline:   # children notice the postmaster is gone
        time.sleep(0.1)
    assert not processes_under(directory)


@pytest.mark.skipif(not services.RUNNING_AS_ROOT, reason="this run is already the unprivileged path")
@needs(services.POSTGRES)
def test_postgres_as_an_ordinary_user_runs_as_that_user(tmp_path):
    """The non-root path: no user switch, the server runs as whoever starts it (here: nobody)."""
    import psycopg

    uid, gid = services.unprivileged_user("nobody")
    script = ("import os, psycopg\nfrom interview_book import services\n"
              "assert services.POSTGRES.user() is None\n"
              "service = services.postgres_service()\n"
              "with psycopg.connect(service.client) as c:\n"
              "    print(c.execute('SELECT 6 * 7').fetchone()[0], c.execute('SELECT pg_backend_pid()').fetchone()[0])\n"
              "service.stop()\n")
    path = os.pathsep.join([str(services.Path(services.__file__).parents[1]),
                            str(services.Path(psycopg.__file__).parents[1])])
    environment = {"PATH": os.environ["PATH"], "PYTHONPATH": path}

    def as_nobody(python, code):
        return subprocess.run(services.as_user((uid, gid), [python, "-c", code]), capture_output=True, text=True,
                              cwd=tmp_path.parent, env=environment)

    # The venv, or the checkout itself, may live where nobody cannot read (a clone under /root, mode 700).
    usable = [python for python in (sys.executable, "/usr/bin/python3")
              if as_nobody(python, "import psycopg, interview_book.services").returncode == 0]
    if not usable:
        pytest.skip(f"the user nobody cannot import psycopg and the book's package from {path}")
    done = as_nobody(usable[0], script)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[0] == "42"


def test_database_url_wins_over_starting_postgres(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://postgres@127.0.0.1:1/postgres?connect_timeout=2")
    import psycopg

    with pytest.raises(psycopg.OperationalError):
        services.postgres_service()


def test_without_postgres_sqlite_stands_in_and_says_so(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(services.shutil, "which", lambda *args, **kwargs: None)
    service = services.postgres_service()
    assert not service.real and service.client is None
    assert "SQLite" in service.description and "apt install postgresql" in service.description
    assert "skipped" in service.description
