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

from flask import Flask, Response, current_app, jsonify, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits import parse

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
EXEMPT_BLUEPRINTS = ("telegram", "whatsapp", "sms")  # limited per person, after the signature
EXEMPT_ENDPOINTS = ("healthz", "static")


def init_app(app: Flask, storage_uri: str) -> Limiter:
    """Limit every route of ``app`` per client address; counters in ``storage_uri``."""
    limiter = Limiter(
        get_remote_address, app=app, storage_uri=storage_uri, strategy="moving-window",
        default_limits=[_rate], default_limits_exempt_when=_exempt, headers_enabled=True,
        swallow_errors=True, key_prefix="paisano",
    )
    app.extensions["paisano_limiter"] = limiter
    app.register_error_handler(429, _too_many)
    return limiter


def _rate() -> str:
    return RATES.get(request.endpoint or "", DEFAULT_RATE)


def _exempt() -> bool:
    return request.blueprint in EXEMPT_BLUEPRINTS or request.endpoint in EXEMPT_ENDPOINTS


def _too_many(_exc: Exception) -> tuple[Response, int]:
    """429 as JSON: the web chat page shows the error text."""
    return jsonify(error="too many requests: wait a moment and try again"), 429


def client_would_allow(name: str, rate: str) -> bool:
    """True while this client is under ``rate`` for ``name`` (nothing counted)."""
    limiter: Limiter = current_app.extensions["paisano_limiter"]
    try:
        return bool(limiter.limiter.test(parse(rate), name, get_remote_address()))
    except Exception:  # the shared store is down: let the request through
        log.warning("rate limit store unreachable: %s not checked", name)
        return True


def client_allows(name: str, rate: str) -> bool:
    """Count one ``name`` for this client; False when that goes over ``rate``."""
    limiter: Limiter = current_app.extensions["paisano_limiter"]
    try:
        return bool(limiter.limiter.hit(parse(rate), name, get_remote_address()))
    except Exception:  # the shared store is down: let the request through
        log.warning("rate limit store unreachable: %s not counted", name)
        return True
