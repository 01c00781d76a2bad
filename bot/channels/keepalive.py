"""One keep-alive HTTP connection per thread to one API host, with the standard library.

The worker sends on a pool of threads. A client library's request path costs more CPU than
the engine's whole understanding of a message (python-telegram-bot's async stack 1.7 ms a
send); a plain ``http.client`` request costs a fraction of it. Each thread owns its
connection: a connection shared by the send threads once lost a read (EBADF) after the
server had answered, and that reply went out twice.
"""

from __future__ import annotations

import http.client
import select
import socket
import ssl
import threading
from urllib.parse import urlsplit

__all__ = ["KeepAlive"]


class KeepAlive:
    """POSTs to one scheme and host (``base_url``), over a connection per calling thread."""

    def __init__(self, base_url: str, timeout: float) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("an http:// or https:// URL is needed")
        self.path = parts.path  # the URL's own path: the caller's paths go after it
        self._host, self._port = parts.hostname, parts.port
        self._timeout = timeout
        self._tls = ssl.create_default_context() if parts.scheme == "https" else None
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: set[http.client.HTTPConnection] = set()
        self._closed = False

    def post(self, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        """POST ``body`` to ``path``: the status and body of the answer. Raises OSError
        (``TimeoutError`` among them) or ``http.client.HTTPException`` when the exchange
        failed; the connection is then dropped, and the next call opens a new one."""
        conn = self._connection()
        try:
            conn.request("POST", path, body=body, headers=headers)
            response = conn.getresponse()
            return response.status, response.read()
        except BaseException:
            self._drop(conn)
            raise

    def close(self) -> None:
        """Close every thread's connection; later calls raise RuntimeError. Idempotent."""
        with self._lock:
            self._closed = True
            conns, self._open = self._open, set()
        for conn in conns:
            conn.close()

    def _connection(self) -> http.client.HTTPConnection:
        conn: http.client.HTTPConnection | None = getattr(self._local, "conn", None)
        if conn is not None and conn.sock is not None and _readable(conn.sock):
            # Nothing was asked on it: the server closed it while it was idle. A request
            # written to it would be lost; a new connection is opened below instead.
            self._drop(conn)
            conn = None
        if conn is None:
            with self._lock:
                if self._closed:
                    raise RuntimeError("the sender is closed")
                if self._tls is not None:
                    conn = http.client.HTTPSConnection(self._host, self._port,
                                                       timeout=self._timeout, context=self._tls)
                else:
                    conn = http.client.HTTPConnection(self._host, self._port,
                                                      timeout=self._timeout)
                self._open.add(conn)
            self._local.conn = conn
        return conn

    def _drop(self, conn: http.client.HTTPConnection) -> None:
        conn.close()
        with self._lock:
            self._open.discard(conn)
        if getattr(self._local, "conn", None) is conn:
            self._local.conn = None


def _readable(sock: socket.socket) -> bool:
    """Whether an idle connection has something to read: the server's end of it (EOF)."""
    poller = select.poll()
    poller.register(sock, select.POLLIN)
    return bool(poller.poll(0))
