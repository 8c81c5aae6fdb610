"""Real servers on loopback for the web chapters."""
import json
import urllib.request

import pytest

from interview_book import servers


def hello_wsgi(environ, start_response):
    body = json.dumps({"path": environ["PATH_INFO"]}).encode()
    start_response("200 OK", [("Content-Type", "application/json")])
    return [body]


async def hello_asgi(scope, receive, send):
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    await send({"type": "http.response.start", "status": 201, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": scope["path"].encode()})


def get(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read().decode()


def test_wsgi_app_answers_over_tcp_and_stops():
    with servers.serve_wsgi(hello_wsgi) as base:
        assert base.startswith("http://127.0.0.1:")
        assert get(base + "/orders/7") == (200, '{"path": "/orders/7"}')
    with pytest.raises(OSError):
        get(base + "/")


def test_asgi_app_answers_over_tcp_and_stops():
    with servers.serve_asgi(hello_asgi) as base:
        assert get(base + "/health") == (201, "/health")
    with pytest.raises(OSError):
        get(base + "/")


def test_a_directory_is_served_and_then_stopped(tmp_path):
    (tmp_path / "page.html").write_text("<p>hello</p>")
    with servers.serve_directory(tmp_path) as base:
        assert get(base + "/page.html") == (200, "<p>hello</p>")
    with pytest.raises(OSError):
        get(base + "/page.html")
