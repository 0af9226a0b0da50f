"""Every response, whatever produced it, carries the security headers and no-store."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from intake.errors import RateLimited
from intake.security_headers import CONTENT_SECURITY_POLICY, HEADERS


class Boom(Exception):
    pass


@pytest.fixture
def raw_client(app: FastAPI) -> TestClient:
    """Returns 500 pages instead of re-raising, like a real server."""

    @app.get("/crash-for-test")
    def crash() -> None:
        raise Boom("Canary-in-a-traceback")

    with TestClient(app, base_url="https://testserver", raise_server_exceptions=False) as client:
        yield client


def assert_secure(response) -> None:
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value, (name, response.request.url)
    csp = response.headers["content-security-policy"]
    assert "unsafe-inline" not in csp and "default-src 'none'" in csp


def test_policy_is_strict() -> None:
    for directive in (
        "default-src 'none'",
        "style-src 'self'",
        "img-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ):
        assert directive in CONTENT_SECURITY_POLICY
    assert "script-src" not in CONTENT_SECURITY_POLICY  # falls back to 'none'


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/", 303),
        ("GET", "/en/", 200),
        ("GET", "/uk/receipt", 200),
        ("GET", "/static/style.css", 200),
        ("GET", "/desk/login", 200),
        ("GET", "/desk/", 303),
        ("GET", "/no/such/page", 404),
        ("GET", "/static/../config.py", 404),
        ("POST", "/en/receipt", 422),  # receipt field missing
        ("POST", "/en/submit", 400),  # not multipart
        ("GET", "/crash-for-test", 500),
        ("GET", "/api/v1/no-such-endpoint", 404),
    ],
)
def test_headers_on_every_kind_of_response(raw_client, method, path, status) -> None:
    response = raw_client.request(method, path, follow_redirects=False)
    assert response.status_code == status
    assert_secure(response)


def test_headers_on_rate_limited_page(raw_client, app: FastAPI, monkeypatch) -> None:
    def refuse(form_token: bytes | None = None) -> None:
        raise RateLimited("slow down")

    monkeypatch.setattr(app.state.services.limiter, "check_global", refuse)
    response = raw_client.post("/en/submit", files={"text": (None, "Some testimony text.")})
    assert response.status_code == 429
    assert_secure(response)


def test_500_page_is_html_and_hides_the_exception(raw_client) -> None:
    response = raw_client.get("/crash-for-test")
    assert response.headers["content-type"].startswith("text/html")
    assert "Canary-in-a-traceback" not in response.text
    assert "Boom" not in response.text


GARBAGE = [
    b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 not http\r\n\r\n",  # a TLS hello
    b"GET /\x00canary HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: x\r\nBad header canary\r\n\r\n",
]


def _raw_exchange(port: int, data: bytes) -> bytes:
    import socket

    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(data)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


def test_malformed_http_gets_the_security_headers_from_the_served_protocol(
    settings, tmp_path
) -> None:
    """uvicorn answers these itself, before the application runs; `serve` gives it a
    protocol class whose 400 carries the same headers and quotes nothing."""
    from tests.intake import live_server

    server = live_server.start(settings, tmp_path / "server.log")
    try:
        server.wait_ready()
        port = int(server.url.rsplit(":", 1)[1])
        answers = [_raw_exchange(port, garbage) for garbage in GARBAGE]
    finally:
        server.stop()
    for answer in answers:
        head, _, body = answer.partition(b"\r\n\r\n")
        status, *lines = head.decode("ascii").split("\r\n")
        headers = {name.lower(): value for name, value in (ln.split(": ", 1) for ln in lines)}
        assert status == "HTTP/1.1 400 Bad Request"
        for name, value in HEADERS.items():
            assert headers.get(name.lower()) == value, name
        assert b"canary" not in answer and body == b"Invalid HTTP request received."
