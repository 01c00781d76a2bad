"""SMS through Twilio: ``POST /webhooks/sms`` stores the message, answers empty TwiML.

The same as WhatsApp's webhook: verify ``X-Twilio-Signature``, hand the form to the channel
(``bot.channels.twilio.SMS``: opt-out keywords, "MAS"), store it in the inbox and give
Twilio an empty ``<Response/>`` at once; the worker answers through the Messages API.
"""

from __future__ import annotations

from flask import Blueprint, Flask, Response, request
from twilio.twiml.messaging_response import MessagingResponse

from bot.channels import ParseError
from bot.channels.twilio import SMS
from webhooks.context import accepted, twilio_signed

__all__ = ["CHANNEL", "bp", "init_app"]

CHANNEL = SMS
bp = Blueprint("sms", __name__)
EMPTY_TWIML = str(MessagingResponse())  # Twilio itself answers STOP; we never answer inline


def init_app(app: Flask) -> None:
    """Attach the SMS webhook to ``app``."""
    app.register_blueprint(bp)


@bp.post("/webhooks/sms")
@twilio_signed
def webhook() -> Response:
    """One incoming SMS: stored for the worker, acknowledged with no message."""
    try:
        inbounds = CHANNEL.parse(request.form)
    except ParseError as exc:
        return Response(str(exc), 400, mimetype="text/plain")
    if inbounds and not accepted(inbounds):
        return Response("database unavailable, try again", 503, mimetype="text/plain")
    return Response(EMPTY_TWIML, 200, mimetype="text/xml")
