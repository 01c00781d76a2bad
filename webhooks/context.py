"""What every channel blueprint needs: the app's services and session, the inbox, and
Twilio's signature check.

Blueprints import these instead of the app factory, so the factory may import them without
a circle (``helpline`` and ``db_session`` come from ``bot.web``, which the console uses too).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from typing import Any, TypeVar, cast

from flask import Response, current_app, request
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from bot.channels import Channel, ParseError
from bot.messages import Inbound
from bot.web import close_session, db_session, helpline

__all__ = ["accepted", "close_session", "db_session", "helpline", "public_url", "twilio_form",
           "twilio_signed"]

log = logging.getLogger(__name__)

F = TypeVar("F", bound=Callable[..., Any])
TWILIO_SIGNATURE = "X-Twilio-Signature"
EMPTY_TWIML = str(MessagingResponse())  # the worker answers; Twilio itself answers STOP


def accepted(inbounds: Sequence[Inbound]) -> bool:
    """Store a verified update for the worker. False only when it could not be stored (the
    channel should retry: answer 503); a repeat counts as accepted."""
    try:
        helpline().pipeline.accept(inbounds)
    except Exception:
        current_app.logger.exception("could not store a %s update", inbounds[0].channel)
        return False
    return True


def twilio_form(channel: Channel) -> Response:
    """A signed Twilio form (WhatsApp, SMS): parsed by ``channel``, stored for the worker and
    acknowledged with an empty TwiML ``<Response/>``; 400 when malformed, 503 when unstored."""
    try:
        inbounds = channel.parse(request.form)
    except ParseError as exc:
        return Response(str(exc), 400, mimetype="text/plain")
    if inbounds and not accepted(inbounds):
        return Response("database unavailable, try again", 503, mimetype="text/plain")
    return Response(EMPTY_TWIML, 200, mimetype="text/xml")


def public_url() -> str:
    """The URL the provider called: PUBLIC_BASE_URL, this path and the query string."""
    query = request.query_string.decode("latin-1")
    url = helpline().settings.public_base_url + request.path
    return f"{url}?{query}" if query else url


def twilio_signed(view: F) -> F:
    """Answer 403 unless ``X-Twilio-Signature`` matches the public URL and the form fields.

    The URL is rebuilt from ``PUBLIC_BASE_URL`` so the check holds behind a proxy that
    terminates TLS."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        signature = request.headers.get(TWILIO_SIGNATURE, "")
        validator = RequestValidator(helpline().settings.twilio_auth_token)
        # request.form only: query parameters are part of the signed URL, not of the fields.
        if not signature or not validator.validate(public_url(), request.form, signature):
            log.warning("%s webhook: missing or wrong signature", request.path)
            return Response("", 403)
        return view(*args, **kwargs)

    return cast(F, wrapper)
