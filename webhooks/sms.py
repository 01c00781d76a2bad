"""SMS through Twilio: ``POST /webhooks/sms`` stores the message, answers empty TwiML.

The same as WhatsApp's webhook: verify ``X-Twilio-Signature``, hand the form to the channel
(``bot.channels.twilio.SMS``: opt-out keywords, "MAS"), store it in the inbox and give
Twilio an empty ``<Response/>`` at once; the worker answers through the Messages API.
"""

from __future__ import annotations

from flask import Blueprint, Flask, Response

from bot.channels.twilio import SMS
from webhooks.context import twilio_form, twilio_signed

__all__ = ["CHANNEL", "bp", "init_app"]

CHANNEL = SMS
bp = Blueprint("sms", __name__)


def init_app(app: Flask) -> None:
    """Attach the SMS webhook to ``app``."""
    app.register_blueprint(bp)


@bp.post("/webhooks/sms")
@twilio_signed
def webhook() -> Response:
    """One incoming SMS: stored for the worker, acknowledged with no message."""
    return twilio_form(CHANNEL)
