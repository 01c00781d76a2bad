"""The conversation's state graph, declared in one place.

A turn is: the engine works out the *state* (the conversation's step, or ``waiting`` /
``assigned`` while people handle it) and the *event* (what the message is: an emergency,
a menu number, a yes, an understood intent, a miss...). ``TRANSITIONS`` maps the pair to a
small step function that returns the replies and the next state. Lookup order: exact
``(state, event)``, then ``(state, "*")``, then ``("*", event)``.

Safety first: ``emergency`` is declared for every state, so an emergency is answered at
once whatever is happening (waiting for a person, with an agent, after a miss).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot import compose
from bot.messages import Reply

if TYPE_CHECKING:
    from bot.engine import Turn

__all__ = ["STATES", "TRANSITIONS", "Step", "lookup"]

# Steps of the bot's side of a conversation; ``waiting`` and ``assigned`` come from its status.
STATES = (
    "idle", "menu", "choose_lang", "offered_handoff", "queued", "waiting", "assigned", "rating",
)


@dataclass
class Step:
    """What one turn produced: replies, the next state and what else to do."""

    replies: list[Reply] = field(default_factory=list)
    state: str = "idle"
    intent: str | None = None
    handoff: bool = False  # open a handoff (or raise urgency if ``urgent``)
    urgent: bool = False
    miss: bool = False
    close: bool = False
    erase: bool = False
    leave_queue: bool = False
    lang: str | None = None  # a language the person chose
    rating: int | None = None  # 1-5 after an agent closed the conversation


Handler = Callable[["Turn"], Step]


def emergency(t: Turn) -> Step:
    """Answer with 911 and the contacts at once and open (or raise to) an urgent handoff."""
    intent = t.catalog.intents["emergency"]
    state = t.state if t.state in ("waiting", "assigned") else "queued"
    parts = t.parts if t.parts[:1] == (intent.id,) else (intent.id,)  # with its other topics
    return Step(compose.replies(t.catalog, parts, t.lang), state, intent.id, handoff=True,
                urgent=True)


def media(t: Turn) -> Step:
    """Only text can be read: say so politely, in the person's language."""
    return Step([Reply(t.catalog.message("media_not_supported", t.lang))], t.state)


def answer(t: Turn) -> Step:
    """Answer an understood intent; some intents also open a handoff or change the flow."""
    intent_id = t.intent
    assert intent_id is not None  # noqa: S101 - the event is "intent" only with an intent
    special = _SPECIAL.get(intent_id)
    if special:
        return special(t)
    # The message's composed answer (a safety warning, two topics) when it starts here.
    parts = t.parts if t.parts[:1] == (intent_id,) else (intent_id,)
    step = Step(compose.replies(t.catalog, parts, t.lang), "idle", intent_id)
    intents = [t.catalog.intents[p] for p in parts]
    if any(i.handoff for i in intents):
        step.handoff, step.urgent, step.state = True, any(i.urgent for i in intents), "queued"
    return step


def show_menu(t: Turn) -> Step:
    """The numbered menu; a number sent next picks that topic."""
    return Step([t.menu_reply(t.catalog.intents["menu"].text(t.lang))], "menu", "menu")


def language(t: Turn) -> Step:
    """Switch at once when a language is named, otherwise offer the three languages."""
    if t.requested_lang:
        return set_language(t, t.requested_lang)
    return Step([Reply(t.catalog.intents["language"].text(t.lang))], "choose_lang", "language")


def set_language(t: Turn, lang: str) -> Step:
    """Remember the chosen language and confirm in it."""
    return Step([Reply(t.catalog.message("language_set", lang))], "idle", "language", lang=lang)


def choose_lang(t: Turn) -> Step:
    """A number (1 es, 2 en, 3 ht) or a language name after the language question."""
    picked = t.requested_lang or {1: "es", 2: "en", 3: "ht"}.get(t.choice or 0)
    return set_language(t, picked) if picked else fallback_or_intent(t)


def menu_choice(t: Turn) -> Step:
    """A number picks that topic of the menu, as if the person had asked for it."""
    menu = t.catalog.menu
    if t.choice is None or not 1 <= t.choice <= len(menu):
        return Step([t.menu_reply(t.catalog.message("unknown_choice", t.lang))], "menu")
    t.intent = menu[t.choice - 1]
    return answer(t)


def erase(t: Turn) -> Step:
    """'Delete my data': erase the person and confirm."""
    return Step([Reply(t.catalog.message("erased", t.lang))], "idle", "delete_data", erase=True)


def stop(t: Turn) -> Step:
    """End the conversation politely."""
    intent = t.catalog.intents["stop"]
    return Step([Reply(intent.text(t.lang))], "idle", "stop", close=True)


def miss(t: Turn) -> Step:
    """Not understood: say so honestly; after two misses in a row, offer a person."""
    if t.misses + 1 >= 2:
        return Step([Reply(t.catalog.message("offer_handoff", t.lang))], "offered_handoff",
                    miss=True)
    return Step([t.menu_reply(t.catalog.message("fallback", t.lang), inline=False)], "idle",
                miss=True)


def accept_handoff(t: Turn) -> Step:
    """'Yes' to the offer of a person."""
    intent = t.catalog.intents["human"]
    return Step([Reply(intent.text(t.lang))], "queued", "human", handoff=True)


def decline_handoff(t: Turn) -> Step:
    """'No' to the offer: carry on with the bot."""
    return Step([Reply(t.catalog.message("handoff_declined", t.lang))], "idle")


def fallback_or_intent(t: Turn) -> Step:
    """Anything else: handled as a fresh message to the bot."""
    return answer(t) if t.intent else miss(t)


def rate(t: Turn) -> Step:
    """A 1-5 rating after the agent closed the conversation."""
    if t.choice is None or not 1 <= t.choice <= 5:
        return fallback_or_intent(t)
    return Step([Reply(t.catalog.message("rating_thanks", t.lang))], "idle", rating=t.choice)


def to_people(t: Turn) -> Step:
    """While people handle the case, messages go to them; the bot stays quiet but once."""
    if t.state == "queued":
        return Step([Reply(t.catalog.message("handoff_waiting", t.lang))], "waiting")
    return Step([], t.state)


def leave_queue(t: Turn) -> Step:
    """'menu' / 'cancelar' while waiting: back to the bot, out of the queue."""
    return Step([Reply(t.catalog.message("handoff_left", t.lang))], "idle", leave_queue=True)


_SPECIAL: dict[str, Handler] = {
    "menu": show_menu,
    "language": language,
    "delete_data": erase,
    "stop": stop,
}

TRANSITIONS: dict[tuple[str, str], Handler] = {
    # In every state: emergencies first, the right to erase, and "I can only read text".
    **{(state, "emergency"): emergency for state in STATES},
    **{(state, "delete_data"): erase for state in STATES},
    **{(state, "media"): media for state in STATES},
    ("*", "intent"): answer,
    ("*", "miss"): miss,
    ("*", "choice"): menu_choice,
    ("menu", "choice"): menu_choice,
    ("choose_lang", "*"): choose_lang,
    ("rating", "choice"): rate,
    ("offered_handoff", "yes"): accept_handoff,
    ("offered_handoff", "no"): decline_handoff,
    ("offered_handoff", "*"): fallback_or_intent,
    ("queued", "cancel"): leave_queue,
    ("queued", "*"): to_people,
    ("waiting", "cancel"): leave_queue,
    ("waiting", "*"): to_people,
    ("assigned", "cancel"): leave_queue,
    ("assigned", "*"): to_people,
}


def lookup(state: str, event: str) -> Handler:
    """The step function for ``(state, event)``."""
    for key in ((state, event), (state, "*"), ("*", event)):
        if key in TRANSITIONS:
            return TRANSITIONS[key]
    return fallback_or_intent
