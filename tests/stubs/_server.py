"""Shared plumbing for the stub API servers: a threaded HTTP/1.1 server on 127.0.0.1.

Each stub subclasses :class:`StubServer` and implements :meth:`StubServer.handle`, which
turns a parsed :class:`StubRequest` into a ``(status, json_body)`` pair. Connections are
kept alive like the real APIs, and ``stop()`` closes them so no handler thread outlives it.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
import logging
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import parse_qsl, urlsplit

__all__ = ["RecordedCall", "StubRequest", "StubServer"]

logger = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class RecordedCall:
    """One request a stub received: API method, decoded parameters, the status answered and
    when it arrived (``time.time()``, so benchmarks in other processes can compare)."""

    method: str
    params: dict[str, Any]
    status: int
    at: float = dataclasses.field(default=0.0, compare=False)


@dataclasses.dataclass(frozen=True)
class StubRequest:
    """A parsed HTTP request handed to :meth:`StubServer.handle`."""

    verb: str
    path: str
    query: dict[str, str]
    form: dict[str, Any]
    headers: dict[str, str]

    def basic_auth(self) -> tuple[str, str] | None:
        """Return the (user, password) of an HTTP basic Authorization header, if any."""
        header = self.headers.get("authorization", "")
        scheme, _, encoded = header.partition(" ")
        if scheme.lower() != "basic":
            return None
        try:
            user, _, password = base64.b64decode(encoded).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None
        return user, password


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as clients pool connections
    disable_nagle_algorithm = True  # headers and body are separate writes: avoid 40 ms stalls
    server: _HTTPServer

    def setup(self) -> None:
        super().setup()
        self.server.track(self.connection, add=True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.track(self.connection, add=False)

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("%s %s", self.address_string(), format % args)

    def _dispatch(self) -> None:
        split = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        form: dict[str, Any] = {}
        status: int
        body: Any
        try:
            if content_type == "application/json" and raw:
                decoded = json.loads(raw)
                form = decoded if isinstance(decoded, dict) else {}
            elif raw:
                form = dict(parse_qsl(raw.decode(), keep_blank_values=True))
        except (ValueError, UnicodeDecodeError):
            status, body = 400, {"error": "unparseable body"}
        else:
            request = StubRequest(
                verb=self.command,
                path=split.path,
                query=dict(parse_qsl(split.query, keep_blank_values=True)),
                form=form,
                headers={key.lower(): value for key, value in self.headers.items()},
            )
            try:
                status, body = self.server.stub.handle(request)
            except Exception:
                logger.exception("stub handler failed")
                status, body = 500, {"error": "stub handler failed"}
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    # A real API accepts many connections at once; the standard library's backlog of 5
    # refused some of the worker's send threads, which then had to retry.
    request_queue_size = 128
    block_on_close = False  # stop() closes the connections itself, then joins

    def __init__(self, stub: StubServer) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.stub = stub
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()

    def track(self, connection: socket.socket, *, add: bool) -> None:
        """Remember or forget an open client connection."""
        with self._connections_lock:
            if add:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)

    def close_connections(self) -> None:
        """Shut every open connection down so idle keep-alive handlers return."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class StubServer:
    """Base class: runs ``handle`` behind a threaded HTTP server bound to 127.0.0.1:0."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._calls: list[RecordedCall] = []
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        """The TCP port the server listens on (only while started)."""
        if self._httpd is None:
            raise RuntimeError("stub server is not running")
        return int(self._httpd.server_address[1])

    @property
    def root_url(self) -> str:
        """``http://127.0.0.1:<port>``."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Bind and serve in a background thread."""
        if self._httpd is not None:
            raise RuntimeError("stub server already started")
        self._httpd = _HTTPServer(self)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"{type(self).__name__}-server",
            daemon=True,
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop serving, close client connections and the listening socket; idempotent."""
        httpd, thread = self._httpd, self._thread
        if httpd is None or thread is None:
            return
        httpd.shutdown()
        thread.join()
        httpd.close_connections()
        httpd.server_close()
        self._httpd = self._thread = None

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def open_connections(self) -> int:
        """How many client connections are open now."""
        httpd = self._httpd
        if httpd is None:
            return 0
        with httpd._connections_lock:
            return len(httpd._connections)

    def close_connections(self) -> None:
        """Shut every client connection down, as a server drops idle keep-alive ones."""
        if self._httpd is not None:
            self._httpd.close_connections()

    def handle(self, request: StubRequest) -> tuple[int, Any]:
        """Answer one request with ``(http_status, json_body)``."""
        raise NotImplementedError

    def record(self, method: str, params: dict[str, Any], status: int) -> None:
        """Store a call for later inspection."""
        with self._lock:
            self._calls.append(RecordedCall(method, dict(params), status, time.time()))

    def all_calls(self) -> list[RecordedCall]:
        """Every recorded call, oldest first."""
        with self._lock:
            return list(self._calls)

    def clear_calls(self) -> None:
        """Forget the recorded calls."""
        with self._lock:
            self._calls.clear()
