"""Console pages for canned answers: admins write the team's answers (audited); every agent
reads them, and the reply box searches them (``/`` in the box, ``canned.js``) through
``/console/api/canned``. Team answers come first, then the bot's own without their
bot-only lines (``bot.canned``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response as BaseResponse

from bot import agents, canned
from bot.console import auth
from bot.console.services import MAX_ID
from bot.console.views import bp
from bot.content import LANGS
from bot.models import CannedAnswer
from bot.web import db_session, helpline

__all__ = ["canned_add", "canned_api", "canned_delete", "canned_edit", "canned_page"]

ID = f"<int(max={MAX_ID}):canned_id>"


@bp.get("/respuestas")
@auth.login_required
def canned_page() -> str:
    """The team's canned answers; admins get forms to add, change and delete them."""
    rows = canned.team_rows(db_session())
    return render_template("console/canned.html", rows=rows, langs=LANGS,
                           code_max=canned.CODE_MAX, title_max=canned.TITLE_MAX,
                           body_max=canned.BODY_MAX)


def _form() -> tuple[str, str, str, str]:
    form = request.form
    return (form.get("code", ""), form.get("lang", ""), form.get("title", ""),
            form.get("body", ""))


def _back() -> BaseResponse:
    return redirect(url_for("console.canned_page"), 303)


def _save(action: str, done: str,
          write: Callable[[Session, str, tuple[str, str, str, str]], CannedAnswer]) -> BaseResponse:
    """Write (or delete) a team answer from the form; audit it, or flash what is wrong."""
    s = db_session()
    admin = auth.current_agent()
    try:
        row = write(s, admin.name, _form())
    except canned.CannedError as exc:
        s.rollback()
        flash(str(exc), "error")
        return _back()
    code = row.code  # read before the commit: a deleted row cannot be read after it
    agents.audit(s, admin.name, action, detail=f"respuesta {row.id} /{code} {row.lang}")
    s.commit()
    flash(f"Respuesta «/{code}» {done}.", "ok")
    return _back()


@bp.post("/respuestas")
@auth.admin_required
def canned_add() -> BaseResponse:
    """Add a team answer."""
    return _save("canned_add", "guardada", lambda s, name, form: canned.create(s, name, *form))


def _row(canned_id: int) -> CannedAnswer:
    row = db_session().get(CannedAnswer, canned_id)
    if row is None:
        abort(404)
    return row


@bp.post(f"/respuestas/{ID}")
@auth.admin_required
def canned_edit(canned_id: int) -> BaseResponse:
    """Change a team answer."""
    row = _row(canned_id)
    return _save("canned_edit", "actualizada",
                 lambda s, name, form: canned.update(s, row, name, *form))


@bp.post(f"/respuestas/{ID}/borrar")
@auth.admin_required
def canned_delete(canned_id: int) -> BaseResponse:
    """Delete a team answer."""
    row = _row(canned_id)
    return _save("canned_delete", "borrada", lambda s, _name, _form: canned.delete(s, row))


@bp.get("/api/canned")
@auth.login_required
def canned_api() -> Any:
    """Answers whose code or title holds ``q``, ``lang`` first (the reply box's ``/``
    search); or the one named by ``ref``."""
    lang = request.args.get("lang", "es")
    query = request.args.get("q", "")
    if lang not in LANGS or len(query) > 80:
        return jsonify(error="lang or q not valid"), 400
    found = canned.items(db_session(), helpline().catalog, lang)
    ref = request.args.get("ref")
    if ref is not None:
        item = canned.pick(found, ref)
        return jsonify(items=[item.as_dict()] if item else [])
    return jsonify(items=[i.as_dict() for i in canned.search(found, query)])
