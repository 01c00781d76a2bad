"""The staff console at ``/console``: login, the live queue, conversations, admin pages.

Server-rendered pages with plain forms (every action works without JavaScript); small
local scripts poll the JSON endpoints under ``/console/api/`` to show new conversations and
messages without reloading. Every page is in Spanish.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response as BaseResponse

from bot import abuse, agents, canned, channels, handoff, labels, presence
from bot.console import auth, live, names
from bot.console.services import (
    MAX_ID,
    MAX_MESSAGE_ID,
    Filters,
    feed,
    finish,
    int_arg,
    messages_json,
    topic_title,
)
from bot.handoff import (
    Conflict,
    Done,
    Forbidden,
    HandoffError,
    Invalid,
    NotFound,
    Unavailable,
)
from bot.messages import mask
from bot.models import Agent, AuditLog
from bot.web import db_session, helpline

__all__ = ["bp"]

log = logging.getLogger(__name__)

bp = Blueprint(
    "console", __name__, url_prefix="/console", template_folder="templates",
    static_folder="static", static_url_path="/static",
)

POLL_MS = 600  # a person's new message shows within a second (idle polls are 304s)
CONV = f"<int(max={MAX_ID}):conv_id>"  # a larger id is a 404, not a database overflow
CONTACT = f"<int(max={MAX_ID}):contact_id>"
LOGIN_REFUSED = ("Nombre o contraseña incorrectos. Después de varios intentos fallidos hay "
                 "que esperar un poco más antes de cada nuevo intento.")
AUDIT_PAGE = 100
AGENT_ACTIONS = ("disable", "enable", "unlock", "reset", "display")  # audited as agent_<action>
LANG_NAMES = {"es": "Español", "en": "Inglés", "ht": "Criollo haitiano"}
ROLE_NAMES = {"agent": "Agente", "admin": "Administrador"}
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")

View = Callable[..., Any]


# --- request plumbing ----------------------------------------------------------------------


@bp.before_request
def _before() -> None:
    auth.check_csrf()
    auth.load_agent(db_session(), helpline().settings)


@bp.after_request
def _headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if request.endpoint != "console.static":
        response.headers["Cache-Control"] = "no-store"
    return response


@bp.context_processor
def _context() -> dict[str, Any]:
    return {
        "csrf_token": auth.csrf_token,
        "agent": g.get("agent"),
        "channel_names": channels.labels(),
        "lang_names": LANG_NAMES,
        "role_names": ROLE_NAMES,
        "poll_ms": POLL_MS,
    }


def _tz() -> ZoneInfo:
    return ZoneInfo(helpline().settings.office_hours.tz)


@bp.app_template_filter("console_time")
def _local_time(value: dt.datetime | None) -> str:
    """A timestamp in the office's time zone, e.g. '5 dic 2026, 14:03'."""
    return names.date_time(value, _tz())


@bp.app_template_global("intent_name")
def _intent_name(intent_id: str | None) -> str:
    """The Spanish name of an intent, from the catalog's titles."""
    return names.intent_name(helpline().catalog, intent_id)


def agent_labels(session: Session, everyone: Sequence[Agent] | None = None) -> dict[str, str]:
    """Each agent's login name -> how the console shows them: "Ana López (ana)"
    (``everyone``: the agents when the caller has them already)."""
    if everyone is None:
        everyone = session.scalars(select(Agent)).all()
    return {a.name: names.agent_label(a.name, a.display_name) for a in everyone}


@bp.app_template_filter("console_ago")
def _ago(seconds: int | None) -> str:
    """A duration in words: '45 s', '3 min', '2 h 5 min'."""
    if seconds is None:
        return "—"
    if seconds < 60:
        return f"{max(seconds, 0)} s"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60} min"


for _name, _fn in (("number", names.number), ("percent", names.percent),
                   ("count", names.count), ("day", names.day),
                   ("action_name", names.action_name)):
    bp.add_app_template_filter(_fn, _name)


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/console") and not target.startswith("//") and (
            "\\" not in target):
        return target
    return url_for("console.queue")


# --- login --------------------------------------------------------------------------------


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    """The login form. Failed tries make the next ones wait longer (per account and per
    client); every refusal reads the same, whether the name exists or not."""
    if g.get("agent") is not None:
        return redirect(url_for("console.queue"))
    status = 200
    if request.method == "POST":
        name = request.form.get("name", "").strip()[:agents.NAME_MAX]
        password = request.form.get("password", "")
        s = db_session()
        s.commit()  # end load_agent's read: authenticate holds no transaction while hashing
        result = agents.authenticate(s, name, password, client=request.remote_addr or "")
        if result.ok and result.agent is not None:
            agent = result.agent
            agents.audit(s, agent.name, "login")
            auth.log_in(s, agent)
            s.commit()
            return redirect(_safe_next(request.args.get("next")), 303)
        known = result.reason not in ("unknown", "waiting")
        agents.audit(s, name if known else "-", f"login_{result.reason}",
                     detail=None if known else "name not checked")
        s.commit()
        flash(LOGIN_REFUSED, "error")
        status = 401
    return render_template("console/login.html"), status


@bp.post("/logout")
@auth.login_required
def logout() -> BaseResponse:
    """End the session."""
    s = db_session()
    agents.audit(s, auth.current_agent().name, "logout")
    auth.log_out(s)
    s.commit()
    flash("Sesión cerrada.", "info")
    return redirect(url_for("console.login"), 303)


# --- queue --------------------------------------------------------------------------------


@bp.get("/")
@auth.login_required
def queue() -> Any:
    """The queue: urgent first, then oldest first, a page at a time, filtered by status,
    channel or urgency (query string); updated live by queue.js."""
    filters = Filters.from_args(request.args, channels.people())
    if filters is None:
        return "status, channel, urgent or page not valid", 400
    s = db_session()
    data = feed(s, helpline().catalog, auth.current_agent().name, filters)
    return render_template("console/queue.html", feed=data, hour=abuse.last_hour(s),
                           filter_channels=channels.people(), agent_names=agent_labels(s))


@bp.get("/api/feed")
@auth.login_required
def api_feed() -> Any:
    """The live queue as JSON (polled by queue.js), with the same query string as the page."""
    filters = Filters.from_args(request.args, channels.people())
    if filters is None:
        return jsonify(error="status, channel, urgent or page not valid"), 400
    name = auth.current_agent().name
    return live.conditional(name, lambda: feed(db_session(), helpline().catalog, name, filters))


@bp.post(f"/c/{CONV}/abuse")
@auth.login_required
def mark_abuse(conv_id: int) -> BaseResponse:
    """Mark the conversation's contact as abuse: every open case of it closed, audited."""
    s = db_session()
    closed = abuse.mark_abuse(s, conv_id, auth.current_agent().name)
    return _marked(closed)


@bp.post(f"/contacts/{CONTACT}/abuse")
@auth.login_required
def mark_contact_abuse(contact_id: int) -> BaseResponse:
    """Mark a contact as abuse: every open case of it closed, its messages unanswered, audited."""
    return _marked(abuse.mark_contact(db_session(), contact_id, auth.current_agent().name))


@bp.post(f"/contacts/{CONTACT}/abuse/lift")
@auth.login_required
def lift_contact_abuse(contact_id: int) -> BaseResponse:
    """Lift a contact's abuse mark: the bot answers them again, audited."""
    s = db_session()
    if not abuse.unmark_contact(s, contact_id, auth.current_agent().name):
        abort(404)
    s.commit()
    flash("Marca de abuso retirada: el asistente vuelve a responder a este contacto.", "ok")
    return redirect(request.referrer or url_for("console.queue"), 303)


def _marked(closed: int | None) -> BaseResponse:
    """Commit a mark as abuse (404 when there was nothing to mark) and say what it closed."""
    if closed is None:
        abort(404)
    db_session().commit()
    flash("Contacto marcado como abuso: "
          f"{names.count(closed, 'conversación cerrada', 'conversaciones cerradas')}.", "ok")
    return redirect(url_for("console.queue"), 303)


# --- one conversation ---------------------------------------------------------------------


@bp.get(f"/c/{CONV}")
@auth.login_required
def conversation(conv_id: int) -> str:
    """One conversation: history, actions, reply box with canned answers, notes."""
    s = db_session()
    agent = auth.current_agent()
    try:
        conv = handoff.get(s, conv_id)
    except NotFound:
        abort(404)
    messages = messages_json(s, conv.id)
    agents.audit(s, agent.name, "read", conversation_id=conv.id)
    s.commit()
    live.mark_seen(conv, None)
    mine = conv.status == "assigned" and (conv.assigned_to == agent.name or agent.role == "admin")
    choices = canned.items(s, helpline().catalog, conv.lang) if mine else []
    chosen = canned.pick(choices, request.args.get("respuesta", ""))
    others = [m for m in presence.team(s) if m.available and m.name != conv.assigned_to]
    return render_template(
        "console/conversation.html",
        conv=conv,
        contact=mask(conv.contact.external_id),
        topic=topic_title(helpline().catalog, conv),
        messages=messages,
        last_id=messages[-1]["id"] if messages else 0,
        can_reply=mine,
        window_closed=handoff.window_closed(conv),
        canned=choices,
        prefill=chosen.body if chosen else "",
        labels=labels.for_conversations(s, [conv.id])[conv.id],
        transfer_to=others,
        agent_names=agent_labels(s),
        intent_names=names.intent_names(helpline().catalog),
    )


@bp.get(f"/api/c/{CONV}")
@auth.login_required
def api_conversation(conv_id: int) -> Any:
    """New messages (``after`` an id) and the status, polled by conversation.js."""
    after = int_arg(request.args.get("after", "0"), MAX_MESSAGE_ID)
    if after is None:
        return jsonify(error="after must be a message id"), 400
    s = db_session()
    try:
        conv = handoff.get(s, conv_id)
    except NotFound:
        return jsonify(error="not found"), 404
    messages = messages_json(s, conv.id, after=after)
    body = {"id": conv.id, "status": conv.status, "assigned_to": conv.assigned_to,
            "urgent": conv.urgent, "window_closed": handoff.window_closed(conv),
            "messages": messages}
    if messages:  # shown on the agent's open page: seen
        live.mark_seen(conv, messages[-1]["id"])
    return jsonify(body)


@bp.post(f"/api/c/{CONV}/typing")
@auth.login_required
def api_typing(conv_id: int) -> Any:
    """The holder's reply box reports typing, at most every few seconds (live.js)."""
    return live.report_typing(conv_id)


_ERRORS: dict[str, dict[type[HandoffError], str]] = {
    "claim": {Conflict: "Otra persona ya tomó esta conversación (o ya no está en espera)."},
    "default": {
        Conflict: "La conversación ya no está en un estado que permita esta acción: "
                  "tómala primero o recarga la página.",
        Forbidden: "Esta conversación la atiende otra persona.",
        Invalid: "Revisa el texto o el agente elegido.",
        Unavailable: "Esa persona no está disponible (desconectada o bloqueada): elige a "
                     "alguien en línea o ausente.",
        NotFound: "Esa conversación no existe.",
    },
}
HELD = ("Han pasado más de 24 horas desde el último mensaje de la persona en WhatsApp: el "
        "mensaje quedó retenido y se le envió la plantilla para reabrir la conversación. "
        "Saldrá cuando responda.")
_DONE = {
    "claim": "Conversación tomada. La persona ya sabe que estás con ella.",
    "reply": "Mensaje enviado.",
    "note": "Nota interna guardada (la persona no la ve).",
    "transfer": "Conversación transferida.",
    "release": "Conversación devuelta a la cola.",
    "close": "Conversación cerrada. Se pidió a la persona que califique la atención.",
}


def _act(action: str, conv_id: int, do: Callable[[Session, Agent], Done]) -> BaseResponse:
    """Run one handoff action, commit, wake the sender; flash the result in Spanish."""
    s = db_session()
    agent = auth.current_agent()
    s.commit()  # end the read-only login check: the action starts a fresh transaction
    try:
        done = do(s, agent)
    except HandoffError as exc:
        s.rollback()
        message = (_ERRORS.get(action, {}).get(type(exc))
                   or _ERRORS["default"].get(type(exc), "No se pudo."))
        log.info("console %s conv=%s refused: %s", action, conv_id, type(exc).__name__)
        if live.json_wanted():
            refused = jsonify(ok=False, message=message)
            refused.status_code = exc.status
            return refused
        flash(message, "error")
        if isinstance(exc, NotFound) or action == "claim":
            return redirect(url_for("console.queue"), 303)
        return redirect(url_for("console.conversation", conv_id=conv_id), 303)
    finish(s, helpline(), done)
    if live.json_wanted():
        return jsonify(ok=True, message=_DONE[action], status=done.conversation.status,
                       warning=HELD if done.held else None)
    flash(_DONE[action], "ok")
    if done.held:
        flash(HELD, "warning")
    if action in ("release", "transfer", "close"):
        return redirect(url_for("console.queue"), 303)
    return redirect(url_for("console.conversation", conv_id=conv_id) + "#history", 303)


@bp.post(f"/c/{CONV}/claim")
@auth.login_required
def claim(conv_id: int) -> BaseResponse:
    """Take the conversation (atomic: if two agents click, one wins)."""
    return _act("claim", conv_id,
                lambda s, a: handoff.claim(s, helpline().catalog, conv_id, a))


@bp.post(f"/c/{CONV}/reply")
@auth.login_required
def reply(conv_id: int) -> BaseResponse:
    """Send a reply to the person."""
    text = request.form.get("text", "")
    return _act("reply", conv_id, lambda s, a: handoff.reply(s, conv_id, a, text))


@bp.post(f"/c/{CONV}/note")
@auth.login_required
def note(conv_id: int) -> BaseResponse:
    """Add an internal note."""
    text = request.form.get("text", "")
    return _act("note", conv_id, lambda s, a: handoff.note(s, conv_id, a, text))


@bp.post(f"/c/{CONV}/transfer")
@auth.login_required
def transfer(conv_id: int) -> BaseResponse:
    """Give the conversation to another agent, or back to the queue."""
    to = request.form.get("to", "")
    if to == "__queue__":
        return _act("release", conv_id, lambda s, a: handoff.release(s, conv_id, a))
    return _act("transfer", conv_id,
                lambda s, a: handoff.transfer(s, helpline().catalog, conv_id, a, to))


@bp.post(f"/c/{CONV}/release")
@auth.login_required
def release(conv_id: int) -> BaseResponse:
    """Put the conversation back in the queue."""
    return _act("release", conv_id, lambda s, a: handoff.release(s, conv_id, a))


@bp.post(f"/c/{CONV}/close")
@auth.login_required
def close(conv_id: int) -> BaseResponse:
    """Close the conversation and ask the person for a rating."""
    return _act("close", conv_id,
                lambda s, a: handoff.close(s, helpline().catalog, conv_id, a))


# --- admin: agents and the audit log ------------------------------------------------------


@bp.get("/agents")
@auth.admin_required
def agents_page() -> str:
    """Every agent account, with forms to add, disable, enable, unlock and reset."""
    s = db_session()
    rows = s.scalars(select(Agent).order_by(Agent.name)).all()
    blocked = {a.id: agents.blocked_until(s, a.name) for a in rows}
    team = {m.name: m for m in presence.team(s)}
    return render_template("console/agents.html", agents=rows, blocked=blocked, team=team,
                           roles=agents.ROLES, min_password=agents.MIN_PASSWORD,
                           max_password=agents.MAX_PASSWORD)


@bp.post("/agents")
@auth.admin_required
def agent_add() -> BaseResponse:
    """Add an agent."""
    s = db_session()
    admin = auth.current_agent()
    try:
        new = agents.create_agent(s, request.form.get("name", ""),
                                  request.form.get("password", ""),
                                  request.form.get("role", "agent"),
                                  request.form.get("display_name"))
    except agents.AccountError as exc:
        s.rollback()
        flash(_account_error(exc), "error")
        return redirect(url_for("console.agents_page"), 303)
    agents.audit(s, admin.name, "agent_add", detail=f"agent id {new.id} role {new.role}")
    s.commit()
    flash(f"Agente «{new.name}» creado.", "ok")
    return redirect(url_for("console.agents_page"), 303)


def _account_error(exc: agents.AccountError) -> str:
    text = str(exc)
    if "already exists" in text:
        return "Ya existe un agente con ese nombre."
    if "password" in text:
        return (f"La contraseña debe tener de {names.number(agents.MIN_PASSWORD)} a "
                f"{names.number(agents.MAX_PASSWORD)} caracteres.")
    if "role" in text:
        return "Rol no válido."
    if "display name" in text:
        return ("Nombre visible no válido: usa letras, espacios, puntos, apóstrofos o - "
                "(máx. 64).")
    return ("Nombre de usuario no válido: usa solo letras sin acento (a-z), números, puntos, "
            "_ o - (máx. 64, sin espacios).")


@bp.post(f"/agents/<int(max={MAX_ID}):agent_id>/<action>")
@auth.admin_required
def agent_action(agent_id: int, action: str) -> BaseResponse:
    """Disable, enable, unlock, reset the password of an agent or change their display name."""
    s = db_session()
    admin = auth.current_agent()
    target = s.get(Agent, agent_id)
    if target is None or action not in AGENT_ACTIONS:
        abort(404)
    back = redirect(url_for("console.agents_page"), 303)
    if action == "disable":
        if target.id == admin.id:
            flash("No puedes desactivar tu propia cuenta.", "error")
            return back
        agents.set_active(s, target, False)
        message = f"«{target.name}» desactivado: ya no puede entrar ni usar la API."
    elif action == "enable":
        agents.set_active(s, target, True)
        message = f"«{target.name}» activado."
    elif action == "unlock":
        agents.unlock(s, target.name)
        message = f"«{target.name}» desbloqueado."
    elif action == "display":
        try:
            agents.set_display_name(target, request.form.get("display_name"))
        except agents.AccountError as exc:
            s.rollback()
            flash(_account_error(exc), "error")
            return back
        shown = target.display_name or "Una persona"
        message = f"Las personas verán a «{target.name}» como «{shown}»."
    else:
        try:
            agents.reset_password(s, target, request.form.get("password", ""))
        except agents.AccountError as exc:
            s.rollback()
            flash(_account_error(exc), "error")
            return back
        message = f"Contraseña de «{target.name}» cambiada; sus sesiones abiertas terminaron."
    agents.audit(s, admin.name, f"agent_{action}", detail=f"agent id {target.id}")
    if target.id == admin.id and action == "reset":
        auth.log_in(s, target)  # keep the admin who reset their own password logged in
    s.commit()
    flash(message, "ok")
    return back


@bp.get("/audit")
@auth.admin_required
def audit_page() -> str:
    """The audit log, newest first, ``AUDIT_PAGE`` rows a page (``?before=ID``)."""
    before = int_arg(request.args.get("before", ""), MAX_ID)
    if before is None and request.args.get("before"):
        abort(400, description="before must be an audit row id")
    query = select(AuditLog).order_by(AuditLog.id.desc()).limit(AUDIT_PAGE)
    if before is not None:
        query = query.where(AuditLog.id < before)
    s = db_session()
    rows = s.scalars(query).all()
    older = rows[-1].id if len(rows) == AUDIT_PAGE else None
    everyone = s.scalars(select(Agent)).all()
    labels = agent_labels(s, everyone)
    by_id = {a.id: labels[a.name] for a in everyone}
    details = [names.audit_detail(r.detail, by_id) for r in rows]
    return render_template("console/audit.html", rows=zip(rows, details, strict=True),
                           older=older, agent_names=labels)
