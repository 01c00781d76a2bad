"""WhatsApp through Twilio: ``POST /webhooks/whatsapp`` stores the message, answers TwiML.

Verify ``X-Twilio-Signature``, hand the form to the channel (``bot.channels.twilio``), store
the message in the inbox and give Twilio an empty ``<Response/>`` at once; the worker answers
it and sends the replies through the Messages API, as it sends every later message.
"""

from __future__ import annotations

from flask import Blueprint, Flask, Response

from bot.channels.twilio import WHATSAPP
from webhooks.context import twilio_form, twilio_signed

__all__ = ["CHANNEL", "bp", "init_app"]

CHANNEL = WHATSAPP
bp = Blueprint("whatsapp", __name__)


def init_app(app: Flask) -> None:
    """Attach the WhatsApp webhook to ``app``."""
    app.register_blueprint(bp)


@bp.post("/webhooks/whatsapp")
@twilio_signed
def webhook() -> Response:
    """One incoming WhatsApp message: stored for the worker, acknowledged with no message."""
    return twilio_form(CHANNEL)
