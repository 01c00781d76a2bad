"""A live helpline server (waitress in a thread) and headless Debian Chromium via Playwright."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from waitress.server import create_server

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def chromium_path() -> str:
    """Debian's chromium; the test command installs it."""
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail("chromium is not installed: run the README's test command (bash tests/run.sh)")
    return path


@pytest.fixture
def live_server(tmp_path: Path, engine: object) -> Iterator[str]:
    """The real app on 127.0.0.1 with a fresh SQLite file; yields its base URL."""
    from bot.config import Settings
    from bot.runtime import Helpline
    from webhooks.app import create_app

    settings = Settings(database_url=f"sqlite:///{tmp_path / 'live.db'}", secret_key="browser")
    helpline = Helpline.build(settings, engine=engine, senders={})  # type: ignore[arg-type]
    app = create_app({"SETTINGS": settings, "HELPLINE": helpline})
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"  # type: ignore[union-attr]
    server.close()
    thread.join(5)
    helpline.close()


@pytest.fixture
def browser() -> Iterator[object]:
    """A headless Chromium browser."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield b
        b.close()
