"""Answers to POSTs close their connection, so the next costly request can reach another worker."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.responses import PlainTextResponse

from intake.connection_spread import ConnectionSpreadMiddleware
from tests.intake.live_server import free_port


def test_the_service_closes_after_a_post_and_keeps_get_connections(client: TestClient) -> None:
    posted = client.post("/api/v1/testimonies", json={"text": ""})
    assert posted.status_code == 422
    assert posted.headers["connection"] == "close"
    assert "connection" not in client.get("/healthz").headers


@pytest.fixture
def uvicorn_url() -> Iterator[tuple[str, int]]:
    """The middleware in front of a tiny app, served by uvicorn as the service is."""
    app = FastAPI()
    app.post("/work")(lambda: PlainTextResponse("done"))
    app.get("/page")(lambda: PlainTextResponse("page"))
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(ConnectionSpreadMiddleware(app), port=port, log_level="error")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    yield ("127.0.0.1", port)
    server.should_exit = True
    thread.join(timeout=10)


def _exchange(sock: socket.socket, request: bytes) -> bytes:
    sock.sendall(request)
    time.sleep(0.2)
    return sock.recv(65536)


def test_uvicorn_drops_the_connection_after_a_post_but_not_after_a_get(
    uvicorn_url: tuple[str, int],
) -> None:
    with socket.create_connection(uvicorn_url, timeout=5) as sock:
        page = _exchange(sock, b"GET /page HTTP/1.1\r\nHost: x\r\n\r\n")
        assert page.startswith(b"HTTP/1.1 200") and page.endswith(b"page")
        work = _exchange(sock, b"POST /work HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
        assert work.startswith(b"HTTP/1.1 200") and b"connection: close" in work.lower()
        assert sock.recv(1) == b""  # closed by the server: the next request needs a new one
