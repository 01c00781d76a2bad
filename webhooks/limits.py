"""HTTP rate limits per client address (Flask-Limiter), and the web chat's limits per client
on new people and on handoffs.

Counters live in ``RATELIMIT_STORAGE_URI``: ``memory://`` (the default: one process, no
server) or a shared store such as ``redis://127.0.0.1:6379/0`` when several processes serve
the app. If the store cannot be reached the request goes through (``swallow_errors``): a
limit must never take the helpline down.

The channel webhooks are not limited by address: Telegram and Twilio post from a few
addresses for everybody; their limit is per person (``bot.flood``), after the signature.
Behind a reverse proxy, the client address is the proxy's unless the proxy passes it on
(see the README: ``X-Forwarded-For`` with ``--trusted-proxy``).
"""

from __future__ import annotations

import logging
import threading

from flask import Flask, Response, current_app, jsonify, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits import parse
from limits.storage import MemoryStorage

__all__ = ["RATES", "client_allows", "client_would_allow", "init_app"]

log = logging.getLogger(__name__)

# Per client address and route. A shelter's wifi puts many people behind one address, so
# the web chat's limits leave room for a room full of people writing at once.
RATES = {
    "webchat.post_message": "120/minute",
    "webchat.poll": "600/minute",
    "webchat.page": "120/minute",
    "metrics.metrics": "60/minute",
    # The console's live updates: each open console tab polls about 100 times a minute,
    # and an office puts the whole team behind one address (20 agents, two tabs each:
    # 4,000). An unchanged feed is an empty 304 after one statement (bot.live).
    "console.api_feed": "6000/minute",
    "console.api_conversation": "6000/minute",
    "console.api_typing": "1200/minute",
}
DEFAULT_RATE = "300/minute"
SAFE_MEMORY_SCHEME = "paisano-memory"  # memory://, see ThreadSafeMemoryStorage
EXEMPT_BLUEPRINTS = ("telegram", "whatsapp", "sms")  # limited per person, after the signature
EXEMPT_ENDPOINTS = ("healthz", "static")


def init_app(app: Flask, storage_uri: str) -> Limiter:
    """Limit every route of ``app`` per client address; counters in ``storage_uri``."""
    limiter = Limiter(
        get_remote_address, app=app, storage_uri=_safe_uri(storage_uri), strategy="moving-window",
        default_limits=[_rate], headers_enabled=True, swallow_errors=True, key_prefix="paisano",
    )
    # Every limit here is a default one: a request filter exempts a route from all of them
    # before Flask-Limiter resolves any (about 240 Python calls a webhook request otherwise).
    limiter.request_filter(_exempt)
    app.extensions["paisano_limiter"] = limiter
    app.register_error_handler(429, _too_many)
    return limiter


class ThreadSafeMemoryStorage(MemoryStorage):
    """``memory://`` with its expiry timer (re)started under a lock.

    limits 5.8.0 restarts the timer unlocked: two request threads at once may both replace
    it and start the same one twice ("RuntimeError: threads can only be started once"),
    which Flask-Limiter swallows, so that request goes unlimited and a traceback is logged.
    Fixed upstream in alisaifee/limits PR #352: drop this class once a limits release after
    5.8.0 ships the fix.
    """

    STORAGE_SCHEME = [SAFE_MEMORY_SCHEME]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options: str
                 ) -> None:
        self._timer_lock = threading.Lock()
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    def _MemoryStorage__schedule_expiry(self) -> None:  # noqa: N802 - overrides the private one
        with self._timer_lock:
            if not self.timer.is_alive():
                self.timer = threading.Timer(
                    0.01, self._MemoryStorage__expire_events)  # type: ignore[attr-defined]
                self.timer.start()


def _safe_uri(storage_uri: str) -> str:
    """``storage_uri`` as given, except ``memory://`` goes to ``ThreadSafeMemoryStorage``."""
    if storage_uri.startswith("memory://"):
        return SAFE_MEMORY_SCHEME + storage_uri.removeprefix("memory")
    return storage_uri


def _rate() -> str:
    return RATES.get(request.endpoint or "", DEFAULT_RATE)


def _exempt() -> bool:
    return request.blueprint in EXEMPT_BLUEPRINTS or request.endpoint in EXEMPT_ENDPOINTS


def _too_many(_exc: Exception) -> tuple[Response, int]:
    """429 as JSON: the web chat page shows the error text."""
    return jsonify(error="too many requests: wait a moment and try again"), 429


def client_would_allow(name: str, rate: str) -> bool:
    """True while this client is under ``rate`` for ``name`` (nothing counted)."""
    return _ask(name, rate, count=False)


def client_allows(name: str, rate: str) -> bool:
    """Count one ``name`` for this client; False when that goes over ``rate``."""
    return _ask(name, rate, count=True)


def _ask(name: str, rate: str, *, count: bool) -> bool:
    limiter: Limiter = current_app.extensions["paisano_limiter"]
    ask = limiter.limiter.hit if count else limiter.limiter.test
    try:
        return bool(ask(parse(rate), name, get_remote_address()))
    except Exception:  # the shared store is down: let the request through
        log.warning("rate limit store unreachable: %s not %s", name,
                    "counted" if count else "checked")
        return True
