"""WhatsApp through Twilio: ``POST /webhooks/whatsapp`` stores the message, answers TwiML.

Twilio signs each request with ``X-Twilio-Signature`` over the URL it called and the form
fields; the URL is rebuilt from ``PUBLIC_BASE_URL`` so the check holds behind a proxy that
terminates TLS. The message goes to the inbox and Twilio gets an empty ``<Response/>`` at
once; the worker answers it and sends the replies through the Messages API (split at 1,600
characters), as it sends every later message (agents, retries).
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable
from typing import Any, TypeVar, cast

from flask import Blueprint, Flask, Response, request
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse
from werkzeug.datastructures import MultiDict

from bot.messages import Inbound
from webhooks.app import accepted, helpline

__all__ = ["BadForm", "bp", "init_app", "to_inbound", "twilio_signed"]

log = logging.getLogger(__name__)

bp = Blueprint("whatsapp", __name__)

CHANNEL = "whatsapp"
SIGNATURE_HEADER = "X-Twilio-Signature"
EMPTY_TWIML = str(MessagingResponse())  # nothing to say in the response itself
_ADDRESS = re.compile(r"whatsapp:\+[0-9]{6,16}")
_SID = re.compile(r"[A-Za-z0-9]{2,64}")

F = TypeVar("F", bound=Callable[..., Any])


class BadForm(ValueError):
    """A signed request that is not an incoming WhatsApp message; the message says why."""


def init_app(app: Flask) -> None:
    """Attach the WhatsApp webhook to ``app``."""
    app.register_blueprint(bp)


def public_url() -> str:
    """The URL Twilio called: PUBLIC_BASE_URL, this path and the query string."""
    query = request.query_string.decode("latin-1")
    url = helpline().settings.public_base_url + request.path
    return f"{url}?{query}" if query else url


def twilio_signed(view: F) -> F:
    """Answer 403 unless ``X-Twilio-Signature`` matches the public URL and the form fields."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        signature = request.headers.get(SIGNATURE_HEADER, "")
        validator = RequestValidator(helpline().settings.twilio_auth_token)
        # request.form only: query parameters are part of the signed URL, not of the fields.
        if not signature or not validator.validate(public_url(), request.form, signature):
            log.warning("whatsapp webhook: missing or wrong signature")
            return Response("", 403)
        return view(*args, **kwargs)

    return cast(F, wrapper)


@bp.post("/webhooks/whatsapp")
@twilio_signed
def webhook() -> Response:
    """One incoming WhatsApp message: stored for the worker, acknowledged with no message."""
    try:
        inbound = to_inbound(request.form)
    except BadForm as exc:
        return Response(str(exc), 400, mimetype="text/plain")
    if inbound is not None and not accepted([inbound]):
        return Response("database unavailable, try again", 503, mimetype="text/plain")
    return Response(EMPTY_TWIML, 200, mimetype="text/xml")


def to_inbound(form: MultiDict[str, str]) -> Inbound | None:
    """The inbound message a Twilio form carries; None for status callbacks."""
    if "MessageStatus" in form:  # a delivery report sent to this URL by mistake
        return None
    sender, sid = form.get("From", ""), form.get("MessageSid", "")
    if not _ADDRESS.fullmatch(sender):
        raise BadForm("From must be a WhatsApp address like whatsapp:+5214771234567")
    if not _SID.fullmatch(sid):
        raise BadForm("MessageSid is missing or malformed")
    body = form.get("Body", "")
    if form.get("Latitude") or form.get("Longitude"):
        return Inbound(CHANNEL, sender, None, kind="location", external_id=sid)
    media = form.get("NumMedia", "0").strip()
    if (media.isdigit() and int(media) > 0) or not body.strip():
        return Inbound(CHANNEL, sender, body.strip() or None, kind="media", external_id=sid)
    return Inbound(CHANNEL, sender, body, external_id=sid)
