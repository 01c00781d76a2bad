"""The Flask app factory: settings, then the helpline services, then one blueprint a channel.

The channel blueprints are found, not listed: every module of this package with a
``CHANNEL`` (a ``bot.channels`` entry) is a channel's webhook, attached when that channel is
on.
"""

from __future__ import annotations

import importlib
import logging
import os
import pkgutil
import secrets
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Response, current_app, render_template, request
from sqlalchemy import text

from bot import console, metrics
from bot.config import Settings
from bot.content import LANGS
from bot.runtime import Helpline
from webhooks import errors, limits
from webhooks.context import close_session, helpline

__all__ = ["create_app", "webhook_modules"]

log = logging.getLogger(__name__)

MAX_BODY = 1024 * 1024
# Every page is local scripts and styles only; nobody may frame it (clickjacking a person
# or an agent). The console sets the same policy itself.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; "
        "form-action 'self'; base-uri 'none'"),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
HSTS = "max-age=31536000"
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app; ``test_config`` may carry ``SETTINGS`` and a prebuilt ``HELPLINE``."""
    app = Flask(__name__, instance_relative_config=True)
    config = dict(test_config or {})
    settings: Settings = config.pop("SETTINGS", None) or Settings.from_env()
    app.config.from_mapping(
        MAX_CONTENT_LENGTH=MAX_BODY,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.public_base_url.startswith("https://"),
        SECRET_KEY=settings.secret_key or _instance_secret(Path(app.instance_path)),
    )
    app.config.update(config)
    https = settings.public_base_url.startswith("https://")
    if settings.public_base_url and not https and (
            urlsplit(settings.public_base_url).hostname not in LOCAL_HOSTS):
        log.warning("PUBLIC_BASE_URL is http://, not https://: session cookies are sent "
                    "without Secure and can be read on the network; use https")

    @app.after_request
    def _security_headers(response: Response) -> Response:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if https:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        return response

    app.extensions["helpline"] = config.get("HELPLINE") or Helpline.build(settings)

    for module in webhook_modules():
        if module.CHANNEL.enabled(settings):
            module.init_app(app)
    console.init_app(app)
    metrics.init_app(app)
    limits.init_app(app, settings.ratelimit_storage_uri)

    errors.init_app(app)
    app.teardown_appcontext(close_session)
    app.register_error_handler(RecursionError, _too_deep)
    app.add_url_rule("/healthz", "healthz", healthz)
    app.add_url_rule("/privacidad", "privacy", privacy)
    return app


def _too_deep(_exc: RecursionError) -> tuple[str, int]:
    """Thousands of nested brackets: the JSON parser gives up, the sender gets a 400."""
    return "JSON nested too deeply\n", 400


def webhook_modules() -> Iterator[ModuleType]:
    """The channel blueprint modules of this package (those that declare a ``CHANNEL``)."""
    package = importlib.import_module(__package__ or "webhooks")
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        if hasattr(module, "CHANNEL") and hasattr(module, "init_app"):
            yield module


def _instance_secret(folder: Path) -> str:
    """A secret kept in the instance folder, so every worker on this machine shares it.

    Several processes may start at once: each writes a whole key to a file of its own and
    links it into place; ``os.link`` fails if the name exists, so the first one wins and
    nobody ever reads a half-written (or empty) key.
    """
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "secret_key"
    if not path.exists():
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".secret_key.")  # mode 0600
        try:
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_hex(32))
                fh.flush()
                os.fsync(fh.fileno())
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass  # another process got there first: use its key
        finally:
            os.unlink(tmp)
    return path.read_text().strip()


def healthz() -> tuple[dict[str, str], int]:
    """200 when the database answers, 503 otherwise (never waiting for a writer)."""
    try:
        with helpline().reads() as session:
            session.execute(text("SELECT 1"))
    except Exception:
        current_app.logger.exception("health check: database unreachable")
        return {"status": "database unreachable"}, 503
    return {"status": "ok"}, 200


def privacy() -> str:
    """The full privacy notice ("aviso de privacidad") in the person's language (?lang=)."""
    lang = request.args.get("lang")
    return render_template("privacy.html", retention_days=helpline().settings.retention_days,
                           lang=lang if lang in LANGS else "es")
