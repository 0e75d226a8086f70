"""app/server.py: a request the HTTP parser refuses (~100 KB and more, or garbage) gets the
archive's JSON error shape with the security headers from a real ``devzone serve``."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from app.config import Settings

DEVZONE = [sys.executable, "-c", "from ingest.launch import main; main()"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def raw(port: int, request: bytes) -> tuple[str, dict[str, str], bytes]:
    """Sends ``request`` as it is, in 16 KB pieces as a network delivers a big request (the
    parser's limit applies to what it holds unparsed); (status line, headers, body)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        try:
            for start in range(0, len(request), 16_384):
                connection.sendall(request[start : start + 16_384])
                time.sleep(0.01)
        except (ConnectionResetError, BrokenPipeError):
            pass  # the server may answer and close before it has read everything
        data = b""
        while chunk := connection.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status, *lines = head.decode("latin-1").split("\r\n")
    return status, {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines)}, body


@pytest.fixture(scope="module")
def port(sample_settings: Settings) -> Iterator[int]:
    chosen = free_port()
    # Read-only: the session's archive is shared with other tests (and may be on PostgreSQL).
    env = {**os.environ, "DEVZONE_READ_ONLY": "1", "DEVZONE_DATABASE_URL": sample_settings.database_url}
    server = subprocess.Popen([*DEVZONE, "serve", "--data-dir", str(sample_settings.data_dir), "--port", str(chosen)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if raw(chosen, b"GET /api/zones HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")[0].endswith("200 OK"):
                    break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "the server did not come up"
                time.sleep(0.2)
        yield chosen
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.parametrize("request_bytes", [
    b"GET /api/search?q=" + b"a" * 200_000 + b" HTTP/1.1\r\nHost: t\r\n\r\n",
    b"GET /search HTTP/1.1\r\nHost: t\r\nX-Padding: " + b"y" * 120_000 + b"\r\n\r\n",
    b"NOT HTTP AT ALL\r\n\r\n",
], ids=["long-query", "big-header", "garbage"])
def test_refused_requests_get_the_json_error_shape(port: int, request_bytes: bytes) -> None:
    status, headers, body = raw(port, request_bytes)
    assert status.startswith("HTTP/1.1 400")
    assert headers["content-type"] == "application/json"
    assert json.loads(body)["error"]["status"] == 400
    assert "content-security-policy" in headers and headers["x-content-type-options"] == "nosniff"
