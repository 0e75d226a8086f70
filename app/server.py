"""The HTTP server's own errors in the archive's error shape.

A request the HTTP parser cannot take (a request line or headers over h11's limit — a
request of ~100 KB, say — or plain garbage) never reaches the app: uvicorn answers it
itself with a plain-text 400. :class:`ArchiveH11Protocol` answers it in the one JSON shape
of :mod:`app.errors`, with the security headers, so no client ever meets a second format.
"""

from __future__ import annotations

import json

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from app.security import HEADERS

#: The body of every request the parser refused.
REFUSED = {"error": {"status": 400, "message": "请求无法解析，或请求行与请求头过大。"}}


class ArchiveH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, answering unparseable requests as :mod:`app.errors` would."""

    def send_400_response(self, msg: str) -> None:
        body = json.dumps(REFUSED, ensure_ascii=False).encode("utf-8")
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode("ascii")),
            (b"connection", b"close"),
            *HEADERS,
        ]
        for event in (h11.Response(status_code=400, headers=headers, reason=b"Bad Request"), h11.Data(data=body),
                      h11.EndOfMessage()):
            self.transport.write(self.conn.send(event))
        self.transport.close()
