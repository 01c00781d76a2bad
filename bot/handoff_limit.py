"""Handoffs per person, on every channel: at most ``limit`` new cases a person opens an hour.

Asking for a person, leaving the queue and asking again makes a new case each time: one
Telegram chat or WhatsApp number could fill the staff queue on its own. The count lives on
the contact (a window that starts with its first handoff and lasts an hour), so it holds
across processes and restarts. An urgent case is counted but never refused: someone in danger
always reaches the queue (a contact that abuses that is for staff to mark, ``bot.abuse``).
"""

from __future__ import annotations

import datetime as dt

from bot.models import Contact

__all__ = ["WINDOW", "allow"]

WINDOW = dt.timedelta(hours=1)


def allow(contact: Contact, now: dt.datetime, limit: int, *, urgent: bool) -> bool:
    """Count one new case of ``contact``; False (not counted) when it would be one too many
    this hour and is not urgent."""
    start = contact.handoff_window_at
    if start is None or now - start >= WINDOW:
        contact.handoff_window_at, contact.handoffs_in_window = now, 0
    if contact.handoffs_in_window >= limit and not urgent:
        return False
    contact.handoffs_in_window += 1
    return True
