"""The conversation's state graph, declared in one place.

A turn is: the engine works out the *state* (the conversation's step, or ``waiting`` /
``assigned`` while people handle it) and the *event* (what the message is: an emergency,
a menu number, a yes, an understood intent, a miss...). ``TRANSITIONS`` maps the pair to a
small step function that returns the replies and the next state. Lookup order: exact
``(state, event)``, then ``(state, "*")``, then ``("*", event)``.

Safety first: ``emergency`` is declared for every state, so an emergency is answered at
once whatever is happening (waiting for a person, with an agent, after a miss).

Nothing destructive is fired by a keyword: erasure asks first (``confirm_erase``), leaving
the queue asks first (``confirm_leave``), and an urgent case never leaves the queue without
an agent closing it. Which messages are commands at all is decided in ``bot.commands``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field

from bot import compose
from bot.content import Catalog
from bot.messages import Reply

__all__ = ["STATES", "TRANSITIONS", "Step", "Turn", "answers_plainly", "lookup"]

# Steps of the bot's side of a conversation; ``waiting`` and ``assigned`` come from its status.
STATES = (
    "idle", "menu", "choose_lang", "offered_handoff", "confirm_erase", "confirm_leave",
    "queued", "waiting", "assigned", "rating",
)
# States in which people (not the bot) handle the conversation.
PEOPLE_STATES = ("queued", "waiting", "assigned")
# Topics understood but not handled here: say so, give the contacts and offer a person.
OFFER_PERSON = ("documents", "cannot_do")
# Topics the bot answers while a person waits in line: the state's facts, the honest "not
# handled here" of documents, people returned and US law; never the conversation's own
# commands, a person, an emergency (its own step) or "this chat cannot do that".
IN_LINE_TOPICS = frozenset("ABCDEFGHIJKLMN") | {"R2", "R3", "S"}


@dataclass
class Turn:
    """Everything a step function may look at for one message."""

    catalog: Catalog
    lang: str
    state: str
    intent: str | None
    choice: int | None
    requested_lang: str | None
    misses: int
    status: str = "bot"  # bot | waiting | assigned
    urgent: bool = False
    silenced: bool = False
    ack_due: bool = True  # no "we got your message" in the last few minutes
    need_now: bool = False  # stranded now: no money, no phone, nowhere to go
    no_money: bool = False  # no money, or none sent (``bot.danger.broke``, ``hardship``)
    need_of: str = "money"  # money, food or bills (``bot.danger.need_of``)
    followup: str | None = None  # cost | papers | hours | family | food | where | transfer | aid
    followup_intent: str | None = None
    text_miss_before: bool = False  # the miss just before was a text, not a photo or a voice
    answered_lang: str | None = None  # the language of the answers before this message
    sure: bool = False  # the intent was read with little doubt (``IN_LINE_P``)
    for_someone: bool = False  # only says who it is written for (``commands.writes_for``)
    reads: str | None = None  # the one language that person reads (``commands.reads_only``)
    greeted: bool = False  # the greeting was answered a short while ago in this conversation
    support_unnamed: bool = False  # a kind of support the sources never name ("¿hay apoyo
    # para viudas?", ``bot.scope.unnamed_support``)
    team_hours: str | None = None  # the hours the team answers, in words, when the message
    # asks the office's hours (``bot.commands.office_hours``); else None

    @property
    def with_people(self) -> bool:
        """True while the conversation waits for or is with a person."""
        return self.status in ("waiting", "assigned")

    @property
    def base(self) -> str:
        """The state to go back to when a question is cancelled or answered."""
        return self.status if self.with_people else "idle"
    parts: tuple[str, ...] = ()  # the composed answer's intents, ``intent`` first

    def menu_reply(self, header: str, *, inline: bool = True) -> Reply:
        """``header`` plus the numbered menu (written out, and as buttons for channels)."""
        items = tuple(
            (n, self.catalog.intents[i].menu_title(self.lang))
            for n, i in enumerate(self.catalog.menu, 1)
        )
        if not inline:
            return Reply(header, items)
        lines = [header.rstrip(), ""] + [f"{n}. {title}" for n, title in items]
        lines += ["", self.catalog.message("menu_footer", self.lang)]
        return Reply("\n".join(lines), items)


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
    silence: bool = False  # the person asked for no more messages; the case stays open
    note: str | None = None  # an internal note for the agents (never sent to the person)
    queue_info: bool = False  # add the place in line and the estimated wait
    acked: bool = False  # a "we got your message" was sent while waiting
    parts: tuple[str, ...] = ()  # a composed answer's intents, one reply each, in order


Handler = Callable[[Turn], Step]


def _say(t: Turn, key: str, **values: object) -> Reply:
    return Reply(t.catalog.message(key, t.lang, **values))


def emergency(t: Turn) -> Step:
    """Answer with 911 and the contacts (and the message's other topics, issue 11) at once and
    open (or raise to) an urgent handoff; a case already urgent gets a short "we are still
    with you", not the whole block again."""
    intent = t.catalog.intents["emergency"]
    state = t.state if t.state in PEOPLE_STATES else "queued"
    parts = _parts(t, intent.id)  # with its other topics
    if t.urgent and t.with_people:
        # One short line (issue 10): the team already has the case and the person got the
        # whole answer, its other topics included, the first time; a person in danger needs
        # no long text now.
        return Step([_say(t, "emergency_again")], t.base, intent.id, handoff=True, urgent=True)
    return Step(compose.replies(t.catalog, parts, t.lang), state, intent.id, handoff=True,
                urgent=True, parts=parts)


def media(t: Turn) -> Step:
    """Only text can be read: say so politely; the second time, offer a person."""
    if t.with_people and t.state in PEOPLE_STATES:
        replies = [] if t.silenced else [_say(t, "media_not_supported")]
        return Step(replies, t.state)
    if t.misses + 1 >= 2 and not t.text_miss_before:  # the second photo or voice note
        text = t.catalog.message("media_not_supported", t.lang).rstrip()
        text += "\n\n" + t.catalog.message("media_offer", t.lang)
        return Step([Reply(text)], "offered_handoff", miss=True)
    return Step([_say(t, "media_not_supported")], t.base, miss=True)


def _parts(t: Turn, intent_id: str) -> tuple[str, ...]:
    """The message's composed answer (a safety warning, two topics) when it starts with
    ``intent_id``; otherwise that intent alone (a menu number, a follow-up...)."""
    return t.parts if t.parts[:1] == (intent_id,) else (intent_id,)


def answer(t: Turn) -> Step:
    """Answer an understood intent; some intents also open a handoff or change the flow."""
    intent_id = t.intent
    assert intent_id is not None  # noqa: S101 - the event is "intent" only with an intent
    if t.parts in compose.COMMAND_PAIRS and intent_id in t.parts:
        return command_pair(t)
    if intent_id == "thanks" and t.parts[:1] == ("thanks",) and len(t.parts) > 1:
        return _thanks_then(t)
    if "menu" in t.parts and len(t.parts) > 1 and t.parts[:1] in (("menu",), (intent_id,)):
        return _with_menu(t)
    if intent_id == "language" and t.parts[:1] == ("language",) and len(t.parts) > 1 \
            and t.requested_lang:
        return _language_then(t, t.requested_lang)
    if t.parts[-1:] == ("language",) and t.parts[:1] == (intent_id,) and len(t.parts) > 1 \
            and t.requested_lang:
        return _then_language(t, t.requested_lang)
    if t.parts[-1:] == ("delete_data",) and len(t.parts) > 1 and t.parts[:1] == (intent_id,):
        return _then_erase(t)
    special = _SPECIAL.get(intent_id)
    if special:
        return special(t)
    parts = _parts(t, intent_id)
    step = Step(compose.replies(t.catalog, parts, t.lang), "idle", intent_id, parts=parts)
    if t.team_hours and "contacts" in parts:
        # The office's hours asked: when the team answers here, after the contacts (issue 11db).
        step.replies.insert(parts.index("contacts") + 1,
                            _say(t, "team_hours", hours=t.team_hours))
    intents = [t.catalog.intents[p] for p in parts]
    if any(i.handoff for i in intents):
        step.handoff, step.urgent, step.state = True, any(i.urgent for i in intents), "queued"
    elif any(p in OFFER_PERSON for p in parts):  # a second topic the office does not handle
        _offer_person_after(t, step)
    elif intent_id == "transit" and t.need_now:
        # "nou pa gen kote pou n dòmi", "we have nowhere to sleep": passing through and stranded
        # now; the answer, and a person offered at once (a "wi tanpri" next is a yes).
        _offer_person_after(t, step)
    return step


def _first_then(t: Turn, first: Reply, lang: str | None = None) -> Step:
    """``first``, then the question's own answer (its handoff, its offer of a person; the
    topic is the one remembered for follow-ups), in ``lang`` when one was chosen."""
    rest = dataclasses.replace(t, intent=t.parts[1], parts=t.parts[1:], lang=lang or t.lang)
    step = answer(rest)
    step.replies.insert(0, first)
    step.parts = t.parts
    if lang:
        step.lang = lang
    return step


def _thanks_then(t: Turn) -> Step:
    """Thanks and a question in one message: "de nada" (the first paragraph of the thanks
    answer: its "cuídate mucho" and 'escribe "asesor"' are for the end of a talk), then the
    question's own answer."""
    return _first_then(t, Reply(thanks_first(t.catalog.intents["thanks"].text(t.lang))))


def thanks_first(text: str) -> str:
    """The "de nada" that comes before a question's answer: the thanks answer's first
    paragraph."""
    return text.split("\n\n", 1)[0].rstrip()


def _language_then(t: Turn, lang: str) -> Step:
    """A language asked for beside a question: the switch confirmed, then the question's own
    answer, both in that language."""
    return _first_then(t, Reply(t.catalog.message("language_set", lang)), lang)


def _then_erase(t: Turn) -> Step:
    """Questions and the erasure asked in one message (``bot.compose.erase_after``): the
    answers, then "¿borramos tus datos?", which waits for a yes; when an answer already waits
    for one (the offer of a person), the erasure is left for another message."""
    rest = dataclasses.replace(t, parts=t.parts[:-1])
    step = answer(rest)
    if step.state == "idle" and not step.handoff:
        _then_ask_erase(t, step)
        step.parts = t.parts
    return step


def _then_language(t: Turn, lang: str) -> Step:
    """A language asked for after a question ("...what do I do? Please answer in english"): the
    question's own answer in that language (its offer of a person still waits for the yes),
    then the switch confirmed."""
    rest = dataclasses.replace(t, parts=t.parts[:-1], lang=lang)
    step = answer(rest)
    step.replies.append(Reply(t.catalog.message("language_set", lang)))
    step.parts, step.lang = t.parts, lang
    return step


def _with_menu(t: Turn) -> Step:
    """A question and the menu asked in one message: the question's own answer and the numbered
    menu, in the order asked; a number sent next picks a topic (unless the answer opened a
    handoff or asks something)."""
    topics = tuple(p for p in t.parts if p != "menu")
    step = answer(dataclasses.replace(t, intent=topics[0], parts=topics))
    menu = t.menu_reply(t.catalog.intents["menu"].text(t.lang))
    if t.parts[0] == "menu":
        step.replies.insert(0, menu)
    else:
        step.replies.append(menu)
    if step.state == "idle":
        step.state = "menu"
    step.parts = t.parts
    return step


def command_pair(t: Turn) -> Step:
    """Two commands asked in one breath (``bot.compose.COMMAND_PAIRS``), both answered in the
    pair's order: a language switch first, then the rest in that language; the privacy notice,
    a person or "¿eres robot?" before "¿borramos tus datos?", which still waits for a yes (the
    stop + erasure pair is answered by ``stop``)."""
    step = Step([], "idle", t.parts[0], parts=t.parts)
    if "language" in t.parts and t.requested_lang:
        # Every part in the language asked for, wherever it was asked ("m bezwen yon moun ki
        # pale kreyòl": the person first, in Kreyòl).
        t.lang = step.lang = t.requested_lang
    for part in t.parts:
        if part == "language" and t.requested_lang:
            step.replies.append(_say(t, "language_set"))
        elif part == "menu":
            step.replies.append(t.menu_reply(t.catalog.intents["menu"].text(t.lang)))
            step.intent, step.state = "menu", "menu"
        elif part == "delete_data":
            _then_ask_erase(t, step)
        else:  # privacy, "¿eres robot?", a person
            step.replies.append(Reply(t.catalog.intents[part].text(t.lang)))
            if part == "human":
                step.intent, step.handoff, step.state = "human", True, "queued"
    return step


def _then_ask_erase(t: Turn, step: Step) -> None:
    """End the turn with "¿borramos tus datos?": only a confirming next message erases."""
    step.replies.append(_say(t, "erase_confirm"))
    step.state = "confirm_erase"


def _offer_person_after(t: Turn, step: Step) -> None:
    """End the last bubble with "¿quieres una persona?" and wait for the yes or no."""
    last = step.replies[-1]
    text = last.text.rstrip() + "\n\n" + t.catalog.message("offer_person", t.lang)
    step.replies[-1] = Reply(text, last.menu)
    step.state = "offered_handoff"


def offer_person(t: Turn) -> Step:
    """Understood but not handled here: the honest answer (and the other topic asked, if
    any), the contacts and "¿una persona?" last, as the question to answer."""
    intent = t.catalog.intents[t.intent or ""]
    parts = _parts(t, intent.id)
    # Support the sources never name gets its own honest words, not the list of tasks this
    # chat cannot do ("prestar dinero, ir a recoger a alguien...").
    replies = [_say(t, "support_unnamed")] if t.support_unnamed and parts == ("cannot_do",) \
        else compose.replies(t.catalog, parts, t.lang)
    step = Step(replies, "offered_handoff", intent.id, parts=parts)
    if any(t.catalog.intents[p].handoff for p in parts):
        # A person asked for beside it ("q apoyos hay y con quien hablo"): queued now, not
        # "¿quieres una persona?" after "ya le avisé al equipo" (issue 11ad).
        step.handoff, step.state = True, "queued"
    else:
        _offer_person_after(t, step)
    return step


def crossing_die_if(t: Turn) -> Step:
    """"y si me muero?" right after the crossing warning: the risk the warning is about, the
    alternatives and the contacts, and a person offered; never condolences nor an urgent case."""
    step = Step([_say(t, "crossing_die_if")], "idle", "safety_crossing")
    _offer_person_after(t, step)
    return step


def crossing_caught_if(t: Turn) -> Step:
    """"y si me agarran en el camino?" right after the warning: no US-law advice, the warning's
    key line and the contacts, briefly (never the whole warning again)."""
    return Step([_say(t, "crossing_caught_if")], "idle", "safety_crossing")


def death_if(t: Turn) -> Step:
    """"if i die in the us can my body be sent home?", "e si m mouri?": what the state does when
    something happens to a migrant, without condolences for a death that did not happen, and a
    person offered (not the queue a death told opens)."""
    step = Step([_say(t, "death_if")], "idle", "death_accident")
    _offer_person_after(t, step)
    return step


def crossing_dropped(t: Turn) -> Step:
    """"ya no me voy" right after the warning: a kind word and the alternatives here (business
    and jobs, the topic a follow-up then asks about)."""
    return Step([_say(t, "crossing_dropped")], "idle", "business_jobs")


def fraud_real_if(t: Turn) -> Step:
    """"y si es real?", "y si no pago hasta llegar?" right after the fraud warning: this chat
    cannot check an offer, what the sources say of such offers, no money or data before talking
    it over, the contacts, and a person offered; never an urgent case."""
    step = Step([_say(t, "fraud_real_if")], "idle", "fraud_offer")
    _offer_person_after(t, step)
    return step


def fraud_paid(t: Turn) -> Step:
    """"ya pagué" right after the fraud warning: money lost to a possible fraud, a case a person
    should see: no more money or data, the contacts, and a person offered, or queued at once
    when they sound in need now (as ``returned``); never urgent (danger told never reaches here:
    ``crossing.after_fraud_warning``)."""
    step = Step([_say(t, "fraud_paid")], "idle", "fraud_offer")
    if t.need_now:
        step.handoff, step.state = True, "queued"
    else:
        _offer_person_after(t, step)
    return step


def fraud_dropped(t: Turn) -> Step:
    """"ya no lo voy a hacer" right after the fraud warning: a kind word, the contacts for the
    next offer and the alternatives here (business and jobs, the topic a follow-up asks about)."""
    return Step([_say(t, "fraud_dropped")], "idle", "business_jobs")


def returned(t: Turn) -> Step:
    """Just deported or returned: the contacts, and a person at once when they sound in need
    now (no money, no phone, nowhere to go), otherwise the offer of one."""
    if not t.need_now:
        return offer_person(t)
    parts = _parts(t, "returned")
    return Step(compose.replies(t.catalog, parts, t.lang), "queued", "returned", handoff=True,
                parts=parts)


def followup(t: Turn) -> Step:
    """A short follow-up ("¿y cuánto cuesta?") about the topic just answered: its own answer
    from ``followups:`` in content, or an honest "no tengo ese dato aquí" with the contacts.
    The contacts and the safety warning are what was asked: said again as they are ("is that
    whatsapp too?" after the phone number). After a worry a person is there for
    (``PERSON_AFTER``: "is there help for him" after a deportation) the person is offered
    again, to answer yes or no (issue 11da)."""
    intent = t.catalog.intents[t.followup_intent or ""]
    text = intent.followup(t.followup or "", t.lang)
    if text is None and t.team_hours and intent.id == "contacts":
        # "¿y a qué hora abren?" right after the contacts: when the team answers here.
        return Step([_say(t, "team_hours", hours=t.team_hours)], "idle", intent.id)
    if text is None and intent.topic in ASKED_AGAIN_AS_IS:
        return Step(compose.replies(t.catalog, (intent.id,), t.lang), "idle", intent.id)
    if text is None:
        key = "followup_unknown_person" if intent.id in PERSON_AFTER else "followup_unknown"
        text = t.catalog.message(key, t.lang, topic=f"«{intent.menu_title(t.lang)}»")
        if intent.id in PERSON_AFTER:
            return Step([Reply(text)], "offered_handoff", intent.id)
    return Step([Reply(text)], "idle", intent.id)


def show_menu(t: Turn) -> Step:
    """The numbered menu; a number sent next picks that topic."""
    return Step([t.menu_reply(t.catalog.intents["menu"].text(t.lang))], "menu", "menu")


def language(t: Turn) -> Step:
    """Switch at once when a language is named, otherwise offer the three languages."""
    if t.requested_lang:
        return set_language(t, t.requested_lang)
    return Step([Reply(t.catalog.intents["language"].text(t.lang))], "choose_lang", "language")


def set_language(t: Turn, lang: str) -> Step:
    """Remember the chosen language and confirm in it; the topic just answered in another
    language ("¿qué es la doble nacionalidad?", then "sorry, in english") is answered again in
    the chosen one, when it has an answer there."""
    done = Reply(t.catalog.message("language_set", lang))
    last = t.catalog.intents.get(t.followup_intent or "")
    if last is not None and lang != t.answered_lang and lang in last.answer \
            and not last.handoff:
        return _first_then(dataclasses.replace(t, parts=("language", last.id)), done, lang)
    return Step([done], "idle", "language", lang=lang)


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


def ask_erase(t: Turn) -> Step:
    """'Delete my data': ask once; only a confirming next message erases. Waiting for a person
    or talking with one, the question says that the case goes too (erasure deletes it)."""
    ask = t.catalog.message("erase_confirm", t.lang)
    if t.with_people:
        ask = f"{ask.rstrip()}\n\n{t.catalog.message('erase_line', t.lang)}"
    return Step([Reply(ask)], "confirm_erase", "delete_data")


def ask_erase_one(t: Turn) -> Step:
    """"Borra esa foto": one message cannot be deleted, said first; then the whole erasure is
    asked as ever (nothing erased without a confirmation)."""
    step = ask_erase(t)
    step.replies.insert(0, _say(t, "erase_one"))
    return step


def erase(t: Turn) -> Step:
    """The erasure was confirmed: erase the person and say so."""
    return Step([_say(t, "erased")], "idle", "delete_data", erase=True)


def cancel_erase(t: Turn) -> Step:
    """'No' to "¿borramos tus datos?": nothing is erased."""
    return Step([_say(t, "erase_cancelled")], t.base)


def stop(t: Turn) -> Step:
    """An explicit stop: end politely. While people handle the case the handoff closes and
    the agent is told; an urgent case stays open for an agent, marked as silenced."""
    if t.with_people and t.urgent:
        return Step([_say(t, "stopped_urgent")], t.base, "stop", silence=True,
                    note="La persona pidió no recibir más mensajes. El caso es urgente: sigue "
                         "abierto; el asistente ya no le escribe.")
    if t.with_people:
        return Step([_say(t, "stopped_handoff")], "idle", "stop", close=True,
                    note="La persona pidió terminar y no recibir más mensajes: la "
                         "conversación se cerró.")
    intent = t.catalog.intents["stop"]
    return Step([Reply(intent.text(t.lang))], "idle", "stop", close=True)


def someone_else(t: Turn) -> Step:
    """An erasure or a stop asked for someone else: this chat can do it only for itself. Say
    so, and how that person can ask; nothing is erased or silenced."""
    return Step([_say(t, "someone_else")], t.base)


def _only_say(key: str) -> Handler:
    """A step that says the message ``key`` and changes nothing else: "bien, ¿y tú?" after the
    greeting (``small_talk``), a what-if about erasure (``erase_if``: what erasing would do,
    nothing erased)."""
    def step(t: Turn) -> Step:
        return Step([_say(t, key)], t.base)
    return step


def go_ahead(t: Turn) -> Step:
    """"Tengo una pregunta", "le escribo por mi abuelita": "dime", never a miss. When the person
    written for reads only another language of this chat ("she only speaks spanish"), how to
    switch to it, in its words; the writer reads the replies, so nothing is switched."""
    text = t.catalog.message("go_ahead", t.lang).rstrip()
    if t.reads and t.reads != t.lang:
        text += "\n" + t.catalog.message("language_offer", t.reads).rstrip()
    return Step([Reply(text)], t.base)


def less(t: Turn) -> Step:
    """Less of one thing ("stop sending me the menu"): nothing is silenced; say so, and how to
    stop every message."""
    return Step([_say(t, "less_messages")], t.base)


def stop_and_ask_erase(t: Turn) -> Step:
    """"Stop, and delete my data": the stop, then "¿borramos tus datos?". The conversation
    stays open for that answer only (nothing is erased without it): a handoff is left
    instead of closed, and a day without messages closes it as usual."""
    step = stop(t)
    if step.close:
        step.close, step.leave_queue = False, t.with_people
    step.parts = t.parts
    _then_ask_erase(t, step)
    return step


def despair(t: Turn) -> Step:
    """"Ya no puedo más", said alone: a kind word, a person offered, and 911 if life is in
    danger. Waiting for a person, the case is made urgent (``despair_in_line``)."""
    return Step([_say(t, "despair")], "offered_handoff")


def despair_in_line(t: Turn) -> Step:
    """Despair said while waiting for a person: the kind word and the 911 line, and the case
    made urgent, so a person reads it first (issue 11av). A helpline treats "ya no puedo más"
    as a warning sign to be checked by a person soon, not as one more message in line: the
    cost of a case seen first that did not need it is small, a wait that was too long is not.
    Talking with a person already, it goes to them as any message."""
    if t.state == "assigned":
        return to_people(t)
    replies = [] if t.silenced else [_say(t, "despair_in_line")]
    return Step(replies, "waiting", handoff=True, urgent=True, acked=True,
                note="La persona expresó desesperación (p. ej. \"ya no puedo más\") mientras "
                     "esperaba: el caso se marcó como urgente para revisarlo pronto.")


def meanwhile(t: Turn) -> Step:
    """"¿Y mientras qué hago?" while waiting for a person: 911 if in danger now, a person will
    write here, the office's contacts (issue 11av). Talking with a person, it is theirs."""
    if t.state == "assigned" or t.silenced:
        return to_people(t)
    return Step([_say(t, "meanwhile")], "waiting", acked=True)


def speaks(t: Turn) -> Step:
    """"Do you guys speak spanish?": yes, this chat answers in Spanish, English and Kreyòl, said
    in the language asked about, which the chat goes on in (as a person there would)."""
    lang = t.requested_lang or t.lang
    text = t.catalog.message("languages_spoken", lang).rstrip()
    text += "\n\n" + t.catalog.message("language_set", lang).rstrip()
    return Step([Reply(text)], "idle", "language", lang=lang)


def greeting_again(t: Turn) -> Step:
    """A greeting alone soon after the greeting's answer ("hola" ... "hola?"): a short "aquí
    estoy" with the menu, a person and 911, not the whole introduction again."""
    return Step([_say(t, "greeting_again")], t.base, "greeting")


def call_me(t: Turn) -> Step:
    """"Llámenme", "call me back", "rele m souple": this chat cannot place calls, said so; the
    person is put in line (as for "asesor") and given the number to call themselves. Already in
    line, the same without a second place; talking with a person, it is theirs to answer. The
    contacts answer comes first when the message asked for them too."""
    if t.state == "assigned" or t.silenced:
        return to_people(t)
    replies = [Reply(t.catalog.intents["contacts"].text(t.lang))] if "contacts" in t.parts else []
    if t.with_people:
        replies.append(_say(t, "call_me_in_line"))
        return Step(replies, "waiting", "human", acked=True, parts=t.parts)
    replies.append(_say(t, "call_me"))
    return Step(replies, "queued", "human", handoff=True, parts=t.parts)


def noted(t: Turn) -> Step:
    """A bare "no", "ya", "ok" with no question pending: an ordinary message, never a command."""
    return Step([_say(t, "ok_noted")], t.base)


# Topics asked again right after their answer that are said again as they are: the contacts
# and the safety warning are what was asked (``followup``; the engine reads them so too).
ASKED_AGAIN_AS_IS = frozenset({"A", "B"})
# Worries a person is there for: a message not understood right after one of these answers
# ("y qué le digo, no me hace caso" after ¡Piénsalo bien!) is offered a person at once.
PERSON_AFTER = frozenset({"safety_crossing", "fraud_offer", "returned", "legal_us",
                          "documents", "cannot_do"})


def miss(t: Turn) -> Step:
    """Not understood: say so honestly; after two misses in a row, or right after a worry a
    person is there for (``PERSON_AFTER``), offer a person. No money now ("no tengo dinero
    ahorita no", "m pa gen kòb") and nothing else understood: no "no entendí" but what this
    chat cannot do, the contacts, the 911 line and a person offered at once (``need_now``;
    issue 11ba), in words that fit what is missing: food, a bill or money (issue 11dd)."""
    if t.no_money:
        key = {"food": "need_food", "bills": "need_bills"}.get(t.need_of, "need_now")
        return Step([_say(t, key)], "offered_handoff")
    if t.misses + 1 >= 2 or t.followup_intent in PERSON_AFTER:
        key = "offer_handoff" if t.misses + 1 >= 2 else "person_after_topic"
        return Step([Reply(t.catalog.message(key, t.lang))], "offered_handoff", miss=True)
    return Step([t.menu_reply(t.catalog.message("fallback", t.lang), inline=False)], "idle",
                miss=True)


def unhelpful(t: Turn) -> Step:
    """"No me sirvió tu respuesta", "that doesnt help": sorry, this is all there is here, and a
    person offered (never the menu again, nor "no entendí")."""
    return Step([_say(t, "unhelpful")], "offered_handoff")


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
    """While people handle the case, messages go to them; while waiting the bot acknowledges
    at most once every few minutes (never after the person asked for silence). A topic asked
    while waiting ("¿me pasa el número otra vez?") is answered at once, without the offer of a
    person, and the place in line kept: the wait for a person can last a weekend ("english
    please" is confirmed in English). Only a question read with little doubt ("es sobre mi hijo
    que está allá" is for the team); not in an urgent case (what a person in danger writes next
    is for the team: "estoy en la central de autobuses"), nor the topic just answered again (the
    details of a death told go to the team, not the same text twice) unless a question asks
    what the topic's own follow-up answers ("¿nos ayudan con el traslado?")."""
    waiting = t.state != "assigned" and not t.silenced
    if waiting and t.intent == "language" and t.requested_lang:
        # "english please" while waiting: said so in that language, the place in line kept.
        lang = t.requested_lang
        done = t.catalog.message("language_set", lang).rstrip()
        still = t.catalog.message("still_in_line", lang)
        return Step([Reply(done + "\n\n" + still)], "waiting", "language", acked=True, lang=lang)
    if waiting and not t.urgent and t.followup and t.intent in (None, t.followup_intent):
        # "¿nos ayudan con el traslado?" after a death told: the topic's own answer to it
        # (``followups:``), the place in line kept; the details told stay for the team.
        intent = t.catalog.intents[t.followup_intent or ""]
        text = compose.in_line(intent.followup(t.followup, t.lang) or "")
        still = t.catalog.message("still_in_line", t.lang)
        return Step([Reply(text + "\n\n" + still)], "waiting", intent.id, acked=True)
    parts = _parts(t, t.intent or "")
    if waiting and t.sure and not t.urgent and t.intent not in (None, t.followup_intent) and all(
            t.catalog.intents[p].topic in IN_LINE_TOPICS for p in parts):
        replies = [Reply(compose.in_line(r.text))
                   for r in compose.replies(t.catalog, parts, t.lang)]
        still = t.catalog.message("still_in_line", t.lang)
        replies[-1] = Reply(replies[-1].text + "\n\n" + still)
        return Step(replies, "waiting", t.intent, acked=True, parts=parts)
    if waiting and t.intent == "human" and not t.urgent:
        # "sí quiero hablar con alguien" said again in line: the place in line, every time.
        return Step([], "waiting", "human", queue_info=True, acked=True)
    if waiting and t.ack_due:
        return Step([_say(t, "handoff_waiting")], "waiting", acked=True)
    return Step([], "waiting" if t.state == "queued" else t.state)


def queue_status(t: Turn) -> Step:
    """"¿Cuánto falta?" while waiting: the place in line and the estimated wait."""
    if t.state == "assigned":
        return to_people(t)
    return Step([], "waiting", queue_info=True, acked=True)


def ask_leave(t: Turn) -> Step:
    """'menu' / 'salir' / 'cancelar' while people handle the case: ask before leaving."""
    return Step([_say(t, "leave_confirm")], "confirm_leave")


def scare_over(t: Turn) -> Step:
    """"Ya apareció, está bien" while an urgent case waits: the agent is told in a note, and
    the person is asked before leaving the line (an urgent case stays open either way)."""
    return Step([_say(t, "scare_over")], "confirm_leave",
                note="La persona dice que el peligro ya pasó (ya apareció o ya está bien).")


def leave_queue(t: Turn) -> Step:
    """'Yes' to "¿Ya no necesitas hablar con una persona?": back to the bot, out of the queue;
    an urgent case stays open for an agent and the person may use the menu meanwhile."""
    if t.urgent:
        return Step([t.menu_reply(t.catalog.message("urgent_stays", t.lang))], "menu", "menu")
    return Step([_say(t, "handoff_left")], "idle", leave_queue=True,
                note="La persona dijo que ya no necesita hablar con alguien y salió de la fila.")


def stay_in_queue(t: Turn) -> Step:
    """'No' to "¿Ya no necesitas hablar con una persona?": still in line."""
    return Step([_say(t, "leave_stay")], t.base, acked=True)


_SPECIAL: dict[str, Handler] = {
    "menu": show_menu,
    "language": language,
    "delete_data": ask_erase,
    "stop": stop,
    "returned": returned,
    **{intent: offer_person for intent in OFFER_PERSON},
}

TRANSITIONS: dict[tuple[str, str], Handler] = {
    # In every state: emergencies first, the right to erase (asked first), an explicit stop,
    # "I can only read text", follow-ups and bare answers.
    **{(state, "emergency"): emergency for state in STATES},
    **{(state, "delete_data"): ask_erase for state in STATES},
    **{(state, "stop"): stop for state in STATES},
    **{(state, "stop_erase"): stop_and_ask_erase for state in STATES},
    **{(state, "someone_else"): someone_else for state in STATES},
    **{(state, "less"): less for state in STATES},
    ("*", "small_talk"): _only_say("small_talk"),
    ("*", "greeting_again"): greeting_again,
    **{(state, "call_me"): call_me for state in STATES},
    ("*", "go_ahead"): go_ahead,
    **{(state, "erase_if"): _only_say("erase_if") for state in STATES},
    **{(state, "erase_later"): _only_say("erase_later") for state in STATES},
    **{(state, "erase_one"): ask_erase_one for state in STATES},
    **{(state, "media"): media for state in STATES},
    ("*", "intent"): answer,
    ("*", "miss"): miss,
    ("*", "choice"): menu_choice,
    ("*", "followup"): followup,
    ("*", "bare"): noted,
    ("*", "despair"): despair,
    ("*", "unhelpful"): unhelpful,
    ("*", "yes"): noted,
    ("*", "no"): noted,
    ("menu", "choice"): menu_choice,
    ("choose_lang", "bare"): noted,
    ("choose_lang", "*"): choose_lang,
    ("rating", "choice"): rate,
    ("offered_handoff", "yes"): accept_handoff,
    ("offered_handoff", "no"): decline_handoff,
    ("offered_handoff", "followup"): followup,
    **{(state, event): handler for state in ("*", "offered_handoff")
       for event, handler in (("crossing_die_if", crossing_die_if),
                              ("crossing_caught_if", crossing_caught_if),
                              ("crossing_dropped", crossing_dropped),
                              ("death_if", death_if), ("fraud_real_if", fraud_real_if),
                              ("fraud_paid", fraud_paid), ("fraud_dropped", fraud_dropped))},
    ("offered_handoff", "bare"): noted,
    ("offered_handoff", "*"): fallback_or_intent,
    ("confirm_erase", "confirm"): erase,
    ("confirm_erase", "no"): cancel_erase,
    ("confirm_leave", "yes"): leave_queue,
    ("confirm_leave", "no"): stay_in_queue,
    **{(state, "speaks"): speaks for state in STATES if state not in PEOPLE_STATES},
    **{(state, "cancel"): ask_leave for state in PEOPLE_STATES},
    **{(state, "despair"): despair_in_line for state in PEOPLE_STATES},
    **{(state, "meanwhile"): meanwhile for state in PEOPLE_STATES},
    **{(state, "scare_over"): scare_over for state in PEOPLE_STATES},
    **{(state, "how_long"): queue_status for state in PEOPLE_STATES},
    **{(state, "*"): to_people for state in PEOPLE_STATES},
}


def answers_plainly(intent_id: str) -> bool:
    """True when ``intent_id`` is answered with its text alone (no flow of its own: no menu,
    no question asked back such as the offer of a person to someone just returned)."""
    return intent_id not in _SPECIAL


def lookup(state: str, event: str) -> Handler:
    """The step function for ``(state, event)``."""
    for key in ((state, event), (state, "*"), ("*", event)):
        if key in TRANSITIONS:
            return TRANSITIONS[key]
    return fallback_or_intent
