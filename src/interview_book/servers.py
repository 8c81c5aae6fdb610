"""Run a web application, or a folder of files, on a real server on 127.0.0.1 for a ``with`` block.

``serve_wsgi(app)`` uses wsgiref's threaded server from the standard library (any WSGI app:
Flask, Django); ``serve_asgi(app)`` uses uvicorn (any ASGI app: FastAPI, Starlette, Django's
ASGI handler). Both pick a free port, wait until it accepts connections, yield the base URL,
and stop the server on exit, so requests in between travel over real TCP and HTTP.
``serve_directory(path)`` serves static files (the built book, for its browser test and benchmark).
"""
from __future__ import annotations

import functools
import http.server
import socket
import threading
import time
from contextlib import contextmanager
from socketserver import ThreadingMixIn
from pathlib import Path
from typing import Iterator
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # keep notebook output free of access logs
        pass


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_listening(port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.02)
    raise RuntimeError(f"the server did not accept connections on port {port} within {timeout} s")


# How often a socketserver loop checks for shutdown: the default 0.5 s made every stop wait that long.
SHUTDOWN_POLL = 0.05


@contextmanager
def serve_wsgi(app, timeout: float = 5.0) -> Iterator[str]:
    """Serve a WSGI application; yields its base URL, e.g. ``http://127.0.0.1:53121``."""
    server = make_server("127.0.0.1", 0, app, server_class=_ThreadingWSGIServer, handler_class=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, args=(SHUTDOWN_POLL,), name="wsgi-server", daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        _wait_until_listening(port, timeout)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout)


@contextmanager
def serve_asgi(app, timeout: float = 5.0) -> Iterator[str]:
    """Serve an ASGI application with uvicorn in a background thread; yields its base URL."""
    import uvicorn

    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="auto")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="asgi-server", daemon=True)
    thread.start()
    try:
        _wait_until_listening(port, timeout)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout)


class _QuietFileHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, requested: list[str] | None = None, **kwargs):
        self.requested = requested
        super().__init__(*args, **kwargs)

    def log_message(self, format, *args):
        pass

    def send_head(self):
        if self.requested is not None:
            self.requested.append(self.path)
        return super().send_head()


@contextmanager
def serve_directory(directory: Path, requested: list[str] | None = None) -> Iterator[str]:
    """Serve the files under ``directory``; yields the base URL. Each requested path is appended
    to ``requested`` if given, whoever asked for it (a page, a worker)."""
    handler = functools.partial(_QuietFileHandler, directory=str(directory), requested=requested)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(SHUTDOWN_POLL,), name="file-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
