"""Headers every page carries, the cookie warning, the shared secret key, the webhook secret
(issue 14, items 15 and 16)."""

from __future__ import annotations

import logging
import multiprocessing
import traceback
from pathlib import Path
from typing import Any

import pytest

from bot.config import ConfigError, Settings
from bot.content import Catalog
from bot.engine import ConversationEngine
from tests.integration.webhook_support import harness
from webhooks.app import _instance_secret

PAGES = ["/", "/privacidad", "/console/login", "/healthz"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_a_csp_and_cannot_be_framed(
        db_url: str, catalog: Catalog, engine: ConversationEngine, path: str) -> None:
    settings = Settings(database_url=db_url, secret_key="k", public_base_url="https://h.org")
    with harness(settings, catalog, engine, senders={}) as h:
        res = h.client.get(path)
    assert res.status_code == 200
    csp = res.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert res.headers["X-Frame-Options"] == "DENY"
    assert res.headers["X-Content-Type-Options"] == "nosniff"
    assert res.headers["Referrer-Policy"] == "same-origin"
    assert res.headers["Strict-Transport-Security"].startswith("max-age=")


def test_the_privacy_page_needs_no_inline_style(
        db_url: str, catalog: Catalog, engine: ConversationEngine) -> None:
    with harness(Settings(database_url=db_url, secret_key="k"), catalog, engine,
                 senders={}) as h:
        html = h.client.get("/privacidad").get_data(as_text=True)
        assert "Strict-Transport-Security" not in h.client.get("/").headers  # plain http
    assert "style=" not in html and "<script>" not in html


def test_a_plain_http_public_address_is_warned_about(
        db_url: str, catalog: Catalog, engine: ConversationEngine,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="webhooks.app")
    for base in ("http://127.0.0.1:8080", "https://h.org"):
        with harness(Settings(database_url=db_url, secret_key="k", public_base_url=base),
                     catalog, engine, senders={}):
            pass
    assert not [r for r in caplog.records if "Secure" in r.getMessage()]
    with harness(Settings(database_url=db_url, secret_key="k",
                          public_base_url="http://helpline.example.org"),
                 catalog, engine, senders={}):
        pass
    assert [r for r in caplog.records if "PUBLIC_BASE_URL" in r.getMessage()
            and r.levelno == logging.WARNING]


def _read_key(folder: str, barrier: Any, out: Any) -> None:
    barrier.wait()
    try:
        out.put(_instance_secret(Path(folder)))
    except Exception:  # the test reports what went wrong in the child
        out.put("error: " + traceback.format_exc(limit=1))


def test_processes_starting_at_once_share_one_whole_secret_key(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    for round_ in range(15):
        folder = tmp_path / f"instance{round_}"
        barrier, out = ctx.Barrier(6), ctx.Queue()
        procs = [ctx.Process(target=_read_key, args=(str(folder), barrier, out))
                 for _ in range(6)]
        for p in procs:
            p.start()
        keys = [out.get(timeout=30) for _ in procs]
        for p in procs:
            p.join()
        assert len(set(keys)) == 1 and len(keys[0]) == 64, keys
        assert [p.name for p in folder.iterdir()] == ["secret_key"]  # no temporary left


@pytest.mark.parametrize("secret", ["s", "x" * 15, "abcdefghijklmnó1", "x" * 257])
def test_a_short_telegram_webhook_secret_is_refused(secret: str) -> None:
    env = {"TELEGRAM_BOT_TOKEN": "1:x", "TELEGRAM_WEBHOOK_SECRET": secret,
           "PUBLIC_BASE_URL": "https://h.org"}
    with pytest.raises(ConfigError, match="TELEGRAM_WEBHOOK_SECRET"):
        Settings.from_env(env)
    env["TELEGRAM_WEBHOOK_SECRET"] = "a" * 16
    assert Settings.from_env(env).telegram_webhook_secret == "a" * 16
