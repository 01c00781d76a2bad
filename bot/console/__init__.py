"""The staff console (``/console``) and the agent API (``/api/v1``), attached by ``init_app``."""

from __future__ import annotations

from flask import Flask

__all__ = ["init_app"]


def init_app(app: Flask) -> None:
    """Register the console pages and the agent API on ``app``."""
    # reports, canned and search add their pages to views.bp: imported before the blueprint
    # is registered
    from bot.console import api, canned, reports, search, views  # noqa: F401

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
