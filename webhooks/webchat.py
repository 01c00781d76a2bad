"""Web chat: ``GET /`` serves the page, ``/webchat/messages`` talks to the same engine.

Each browser is one person: a random id kept in the signed session cookie. Replies come
back in the response; later ones (an agent) are read by polling ``GET /webchat/messages``,
which also gives the place in line while the person waits and whether the agent is typing.
"""

from __future__ import annotations

import hmac
import logging
import secrets
from typing import Any

from flask import Blueprint, Flask, Response, g, jsonify, render_template, request, session
from flask_compress import Compress
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot import live, waitlist
from bot.agents import display_names
from bot.channels.webchat import WEBCHAT
from bot.console.services import MAX_MESSAGE_ID, int_arg
from bot.content import LANGS
from bot.messages import Inbound
from bot.models import Contact, Conversation, Message
from webhooks.context import db_session, helpline
from webhooks.limits import client_allows, client_would_allow

__all__ = ["CHANNEL", "bp", "init_app", "menu_header"]

log = logging.getLogger(__name__)

CHANNEL = WEBCHAT
bp = Blueprint("webchat", __name__)
MAX_TEXT = CHANNEL.max_inbound


# Compressed: the page and the static files only. Both carry no reflected input, so a
# compressed secret (the CSRF token) cannot be guessed by its length (BREACH); JSON answers
# are small and carry what people write.
COMPRESSED_ENDPOINTS = frozenset({"webchat.page", "static"})


def init_app(app: Flask) -> None:
    """Attach the web chat to ``app``, its page and static files gzip-compressed."""
    app.register_blueprint(bp)
    app.config["COMPRESS_REGISTER"] = False
    compress = Compress(app)

    @app.after_request
    def _compress(response: Response) -> Response:
        # 200 only: a 206 (Range) part must not be compressed as if it were the file.
        if request.endpoint not in COMPRESSED_ENDPOINTS or response.status_code != 200:
            return response
        # Static files are streamed from disk; flask-compress's stream path leaves gzip
        # out and never closes the file. They are small: read them whole (closed with
        # the response) and compress them like the page.
        response.direct_passthrough = False
        response.make_sequence()
        return compress.after_request(response)


def _ids() -> tuple[str, str]:
    if "webchat_id" not in session:
        session["webchat_id"] = secrets.token_urlsafe(16)
        session["csrf"] = secrets.token_urlsafe(16)
    return session["webchat_id"], session["csrf"]


@bp.get("/")
def page() -> str:
    """The chat page."""
    _, csrf = _ids()
    lang = request.args.get("lang") or request.accept_languages.best_match(LANGS) or "es"
    settings = helpline().settings
    # An absolute link (PUBLIC_BASE_URL when set); ours follows the page's language.
    base = settings.public_base_url or request.url_root.rstrip("/")
    return render_template("webchat.html", lang=lang, csrf_token=csrf,
                           privacy_url=settings.privacy_url,
                           privacy_base=f"{base}/privacidad")


def _error(message: str, status: int) -> tuple[Any, int]:
    return jsonify(error=message), status


@bp.post("/webchat/messages")
def post_message() -> tuple[Any, int]:
    """One message from the browser; the bot's replies in the response."""
    person, csrf = _ids()
    # Bytes: compare_digest refuses a str with non-ASCII characters (a header "\xe9").
    given = request.headers.get("X-CSRF-Token", "").encode("utf-8", "surrogateescape")
    if not hmac.compare_digest(given, csrf.encode()):
        return _error("missing or wrong X-CSRF-Token: reload the page", 403)
    data = request.get_json(silent=True)
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        return _error('expected JSON {"text": "..."}', 400)
    text = data["text"].strip()
    if not text or len(text) > MAX_TEXT:
        return _error(f"text must have 1 to {MAX_TEXT} characters", 400)
    # "lang": a language the person just picked (sticks); "ui_lang": the page's language,
    # only a first guess: what the person writes decides.
    lang, ui_lang = data.get("lang"), data.get("ui_lang")
    hint = lang if lang in LANGS else None
    guess = ui_lang if ui_lang in LANGS else None
    s = db_session()
    refused = _over_client_limits(s, person)
    if refused is not None:
        return refused
    inbound = Inbound(CHANNEL.name, person, text, lang_hint=hint, ui_lang=guess)
    outcome = helpline().pipeline.receive(s, inbound, inline=True)
    if outcome.handoff and not g.webchat_with_people:  # this message opened a handoff
        client_allows("webchat-handoff", _per_hour(helpline().settings.handoffs_per_hour))
    replies: list[dict[str, Any]] = []
    if outcome.conversation_id is not None and outcome.replies:
        # The turn's replies follow the person's message; anything later (an agent who
        # joined at once: AUTO_ASSIGN) comes with the next poll.
        asked = (select(func.max(Message.id))
                 .where(Message.conversation_id == outcome.conversation_id,
                        Message.direction == "in").scalar_subquery())
        rows = s.scalars(
            select(Message).where(Message.conversation_id == outcome.conversation_id,
                                  Message.direction == "out", Message.id > asked)
            .order_by(Message.id).limit(len(outcome.replies))
        ).all()
        replies = _messages(s, list(rows))
    else:
        replies = [{"id": None, "text": r.text, "author": "bot"} for r in outcome.replies]
    menu: tuple[tuple[int, str], ...] = ()
    for item, reply in zip(replies, outcome.replies, strict=False):
        if reply.menu and not menu:
            menu = reply.menu
            # The browser puts the buttons under this reply, the list left out.
            item["text"], item["menu"] = menu_header(item["text"], menu), True
    return jsonify(
        replies=replies, menu=[{"n": n, "title": t} for n, t in menu],
        handoff=outcome.handoff, lang=outcome.lang,
    ), 200


def menu_header(text: str, menu: tuple[tuple[int, str], ...]) -> str:
    """``text`` without the written-out menu: the web chat shows the choices as buttons.

    Text channels need the list "1. Emergencias" ... and its footer; here the buttons carry
    the numbers, and the list twice made a menu 1,330 px tall on a phone."""
    first = f"1. {menu[0][1]}" if menu and menu[0][0] == 1 else None
    lines = text.split("\n")
    if first is None or first not in lines:
        return text
    return "\n".join(lines[:lines.index(first)]).rstrip() or text


def _per_hour(n: int) -> str:
    return f"{n}/hour"


def _over_client_limits(s: Session, person: str) -> tuple[Any, int] | None:
    """429 when this client address has started too many web chats or handoffs this hour.

    Cookies are free: without these limits one address makes hundreds of "people", each an
    urgent case in the staff queue. A person already with staff is never stopped here."""
    settings = helpline().settings
    found = s.execute(
        select(Contact.id, Conversation.status)
        .outerjoin(Conversation, Conversation.contact_id == Contact.id)
        .where(Contact.channel == CHANNEL.name, Contact.external_id == person)
        .order_by(Conversation.id.desc()).limit(1)).first()
    g.webchat_with_people = found is not None and found[1] in ("waiting", "assigned")
    if g.webchat_with_people:
        return None
    if found is None and not client_allows("webchat-new", _per_hour(settings.webchat_new_per_hour)):
        log.warning("web chat: too many new people from one address")
        return _error("too many new chats from this address: try again later", 429)
    if not client_would_allow("webchat-handoff", _per_hour(settings.handoffs_per_hour)):
        log.warning("web chat: too many handoffs from one address")
        return _error("too many requests for a person from this address: try again later", 429)
    return None


@bp.get("/webchat/messages")
def poll() -> tuple[Any, int]:
    """The conversation after message ``after`` (agents' replies arrive this way)."""
    person, _ = _ids()
    after = int_arg(request.args.get("after", "0"), MAX_MESSAGE_ID)
    if after is None:
        return _error("after must be a message id", 400)
    s = db_session()
    rows = s.scalars(
        select(Message).join(Conversation).join(Contact)
        .where(Contact.channel == CHANNEL.name, Contact.external_id == person,
               Message.direction.in_(("in", "out")), Message.id > after)
        .order_by(Message.id).limit(100)
    ).all()
    return jsonify(messages=_messages(s, list(rows)), **_waiting_state(s, person)), 200


def _waiting_state(s: Session, person: str) -> dict[str, Any]:
    """While people handle the case: the place in line (waiting) or whether the agent is
    typing (assigned). The browser updates its line only when the place changes."""
    conv = s.scalars(
        select(Conversation).join(Contact)
        .where(Contact.channel == CHANNEL.name, Contact.external_id == person)
        .order_by(Conversation.id.desc()).limit(1)).first()
    if conv is None or not conv.with_people:
        return {"with_people": False, "position": None, "typing": False}
    place = waitlist.position(s, conv) if conv.status == "waiting" else None
    return {"with_people": True, "position": place, "typing": live.typing(conv)}


def _messages(s: Session, rows: list[Message]) -> list[dict[str, Any]]:
    """Messages for the browser: an agent is named by display name, never by login name."""
    shown = display_names(s, {m.author for m in rows if m.author not in ("bot", "person")})
    out: list[dict[str, Any]] = []
    for m in rows:
        author = m.author if m.author in ("bot", "person") else "agent"
        item: dict[str, Any] = {"id": m.id, "text": m.text, "author": author}
        if author == "agent" and m.author in shown:
            item["agent"] = shown[m.author]
        out.append(item)
    return out
