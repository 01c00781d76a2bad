"""WhatsApp through Twilio: ``POST /webhooks/whatsapp`` stores the message, answers TwiML.

Verify ``X-Twilio-Signature``, hand the form to the channel (``bot.channels.twilio``), store
the message in the inbox and give Twilio an empty ``<Response/>`` at once; the worker answers
it and sends the replies through the Messages API, as it sends every later message.
"""

from __future__ import annotations

from flask import Blueprint, Flask, Response, request
from twilio.twiml.messaging_response import MessagingResponse

from bot.channels import ParseError
from bot.channels.twilio import WHATSAPP
from webhooks.context import accepted, twilio_signed

__all__ = ["CHANNEL", "bp", "init_app"]

CHANNEL = WHATSAPP
bp = Blueprint("whatsapp", __name__)
EMPTY_TWIML = str(MessagingResponse())  # nothing to say in the response itself


def init_app(app: Flask) -> None:
    """Attach the WhatsApp webhook to ``app``."""
    app.register_blueprint(bp)


@bp.post("/webhooks/whatsapp")
@twilio_signed
def webhook() -> Response:
    """One incoming WhatsApp message: stored for the worker, acknowledged with no message."""
    try:
        inbounds = CHANNEL.parse(request.form)
    except ParseError as exc:
        return Response(str(exc), 400, mimetype="text/plain")
    if inbounds and not accepted(inbounds):
        return Response("database unavailable, try again", 503, mimetype="text/plain")
    return Response(EMPTY_TWIML, 200, mimetype="text/xml")
