"""The senders' HTTP: a keep-alive ``urllib3`` pool per sending thread, to one API host.

The worker sends on a pool of threads. A client library's request path cost more CPU than
the engine's whole understanding of a message (python-telegram-bot's async stack 1.7 ms a
send); one form POST through ``urllib3`` (the pool under ``requests``) costs a fraction of
it and keeps what a deployment expects of an HTTP client: keep-alive connections (one the
server closed while idle is replaced before it is written to), TLS verification, and
``HTTPS_PROXY`` / ``NO_PROXY`` read from the environment as ``requests`` reads them. Each
thread owns its pool: a connection shared by the send threads once lost a read (EBADF)
after the server had answered, and that reply went out twice. A failed POST is never
retried here: the outbox decides, so no reply goes out twice.
"""

from __future__ import annotations

import threading
import urllib.request
from urllib.parse import urlsplit

import urllib3

__all__ = ["KeepAlive"]


class KeepAlive:
    """POSTs to one scheme and host (``base_url``), over a pool per calling thread."""

    def __init__(self, base_url: str, timeout: float) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("an http:// or https:// URL is needed")
        self.path = parts.path  # the URL's own path: the caller's paths go after it
        self._origin = f"{parts.scheme}://{parts.netloc}"
        proxy = urllib.request.getproxies().get(parts.scheme)
        self._proxy = None if not proxy or urllib.request.proxy_bypass(parts.hostname) else proxy
        self._timeout = timeout
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: set[urllib3.PoolManager] = set()
        self._closed = False

    def post(self, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        """POST ``body`` to ``path``: the status and body of the answer. Raises
        ``TimeoutError`` when the server did not answer in time and ``OSError`` for any other
        failed exchange (never with the URL, which may hold a token)."""
        pool = self._pool()
        try:
            response = pool.request("POST", self._origin + path, body=body, headers=headers,
                                    timeout=self._timeout, retries=False, redirect=False)
            return response.status, response.data
        except urllib3.exceptions.TimeoutError:
            raise TimeoutError(f"no answer within {self._timeout} s") from None
        except urllib3.exceptions.HTTPError as exc:
            raise OSError(type(exc).__name__) from None

    def close(self) -> None:
        """Close every thread's pool; later calls raise RuntimeError. Idempotent."""
        with self._lock:
            self._closed = True
            pools, self._open = self._open, set()
        for pool in pools:
            pool.clear()

    def _pool(self) -> urllib3.PoolManager:
        pool: urllib3.PoolManager | None = getattr(self._local, "pool", None)
        if pool is None:
            with self._lock:
                if self._closed:
                    raise RuntimeError("the sender is closed")
                pool = (urllib3.ProxyManager(self._proxy, maxsize=1) if self._proxy
                        else urllib3.PoolManager(maxsize=1))
                self._open.add(pool)
            self._local.pool = pool
        return pool
