"""Console pages to find things: the search page, a contact's past conversations, and the
labels agents put on conversations.

Reading search results and a contact's history is audited like reading a conversation:
one ``search_read`` row per conversation listed, one ``contact_read`` row per contact view
(ids only: the audit log never holds what was typed in the search box). Everything stays
within the retention period.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from flask import abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response as BaseResponse

from bot import agents, channels, labels, privacy, search
from bot.console import auth
from bot.console.services import MAX_ID, topic_title
from bot.console.views import CONV, bp
from bot.content import LANGS
from bot.handoff import NotFound
from bot.handoff import get as get_conversation
from bot.messages import mask
from bot.models import Agent, Conversation
from bot.web import db_session, helpline

__all__ = ["contact_page", "label_add", "label_remove", "search_page"]

STATUS_NAMES = {"bot": "Con el asistente", "waiting": "En espera", "assigned": "Atendida",
                "closed": "Cerrada"}


def _oldest() -> dt.datetime:
    """The retention cutoff: nothing older is read (the purge deletes it anyway)."""
    return privacy.cutoff(helpline().settings.retention_days)


def _tz() -> ZoneInfo:
    return ZoneInfo(helpline().settings.office_hours.tz)


def _rows(convs: list[Conversation], found_labels: dict[int, list[str]],
          snippets: dict[int, str]) -> list[dict[str, Any]]:
    catalog = helpline().catalog
    return [{"conv": c, "contact": mask(c.contact.external_id), "topic": topic_title(catalog, c),
             "labels": found_labels.get(c.id, []), "snippet": snippets.get(c.id)}
            for c in convs]


@bp.get("/buscar")
@auth.login_required
def search_page() -> Any:
    """Search conversations: text, contact, topic, dates, status, channel, language, urgency,
    agent, label. Without any of them, only the form."""
    s = db_session()
    catalog = helpline().catalog
    error, rows, more = None, None, False
    try:
        q = search.Query.from_args(request.args, catalog)
    except search.SearchError as exc:
        q, error = search.Query(), str(exc)
    if error is None and q.used():
        agent = auth.current_agent()
        convs, more = search.find(s, q, oldest=_oldest(), tz=_tz())
        ids = [c.id for c in convs]
        rows = _rows(convs, labels.for_conversations(s, ids),
                     search.snippet(s, q, ids, oldest=_oldest(), tz=_tz()))
        count = "1 resultado" if len(ids) == 1 else f"{len(ids)} resultados"
        agents.audit(s, agent.name, "search",
                     detail=f"búsqueda por {', '.join(q.used())}: {count}")
        for conv_id in ids:
            agents.audit(s, agent.name, "search_read", conversation_id=conv_id)
        s.commit()
    intents = sorted(((i.id, i.menu_title("es")) for i in catalog.intents.values()
                      if i.topic != "R"), key=lambda x: x[1].lower())
    page = render_template(
        "console/search.html", q=q, rows=rows, more=more, error=error, args=request.args,
        intents=intents, statuses=STATUS_NAMES, langs=LANGS, channel_list=channels.people(),
        agent_names=s.scalars(select(Agent.name).order_by(Agent.name)).all(),
        known_labels=labels.known(s))
    return page, 400 if error else 200


@bp.get(f"/contacto/<int(max={MAX_ID}):contact_id>")
@auth.login_required
def contact_page(contact_id: int) -> str:
    """One person's past conversations (within retention), their number masked."""
    s = db_session()
    contact, convs = search.contact_history(s, contact_id, _oldest())
    if contact is None:
        abort(404)
    agents.audit(s, auth.current_agent().name, "contact_read", detail=f"contacto {contact_id}")
    s.commit()
    rows = _rows(convs, labels.for_conversations(s, [c.id for c in convs]), {})
    return render_template("console/contact.html", contact=contact,
                           masked=mask(contact.external_id), rows=rows, statuses=STATUS_NAMES,
                           retention=helpline().settings.retention_days)


def _labelled(conv_id: int, action: str) -> BaseResponse:
    s = db_session()
    agent = auth.current_agent()
    try:
        get_conversation(s, conv_id)
    except NotFound:
        abort(404)
    text = request.form.get("etiqueta", "")
    try:
        if action == "label_add":
            label, done = labels.add(s, conv_id, text, agent.name)
        else:
            label, done = text, labels.remove(s, conv_id, text)
    except labels.LabelError as exc:
        s.rollback()
        flash(str(exc), "error")
    else:
        if done:
            agents.audit(s, agent.name, action, conversation_id=conv_id,
                         detail=f"etiqueta {labels.normalise(label)}")
            s.commit()
            flash("Etiqueta agregada." if action == "label_add" else "Etiqueta quitada.", "ok")
        else:
            flash("La conversación ya tenía esa etiqueta." if action == "label_add"
                  else "La conversación no tenía esa etiqueta.", "info")
    return redirect(url_for("console.conversation", conv_id=conv_id) + "#etiquetas", 303)


@bp.post(f"/c/{CONV}/etiquetas")
@auth.login_required
def label_add(conv_id: int) -> BaseResponse:
    """Put a label on the conversation (audited)."""
    return _labelled(conv_id, "label_add")


@bp.post(f"/c/{CONV}/etiquetas/quitar")
@auth.login_required
def label_remove(conv_id: int) -> BaseResponse:
    """Take a label off the conversation (audited)."""
    return _labelled(conv_id, "label_remove")
