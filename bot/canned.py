"""Canned answers for agents: the team's own (``canned_answers``, written by admins) and the
bot's answers from ``content/`` without their bot-only lines.

A bot answer talks to someone chatting with the assistant: it ends with "escribe «asesor»
para hablar con una persona", "escribe «menu»", "responde con el número"... Content marks
these only by how they are phrased, so a sentence is bot-only when it tells the person to
type a quoted word (escribe / type / ekri "...") or to answer with a number; such sentences
are dropped before an agent sends the answer to someone already with a person. Team answers
may not contain them at all. Functions take a ``session`` and never commit.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.content import LANGS, Catalog
from bot.models import CannedAnswer, utcnow

__all__ = [
    "BODY_MAX",
    "BOT_ACTIONS",
    "CODE_MAX",
    "TITLE_MAX",
    "CannedError",
    "Item",
    "bot_items",
    "bot_only",
    "create",
    "delete",
    "items",
    "pick",
    "search",
    "strip_bot_lines",
    "team_items",
    "team_rows",
    "update",
]

CODE_MAX = 32
TITLE_MAX = 80
BODY_MAX = 2000
SEARCH_LIMIT = 12
_CODE_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_QUOTED = r"[\"“«'‘][^\"”»'’]{1,40}[\"”»'’]"
# "escribe "asesor"", "type "menu"", "ekri "asesor"", "o "asesor" para..." in one sentence.
_TYPE_WORD = re.compile(rf"\b(escribe|escríbe(me|nos)|type|ekri)\b[^.!?\n]*{_QUOTED}",
                        re.IGNORECASE)
# "Responde con el número", "Reply with the number", "Reponn ak nimewo a".
_ANSWER_NUMBER = re.compile(r"\b(responde|contesta|reply|answer|reponn)\b[^.!?\n]*"
                            r"\b(n[uú]mero|number|nimewo)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
# A numbered menu entry: "1 Español", "2) English".
_MENU_LINE = re.compile(r"^\s*\d{1,2}[.)]?\s+\S.{0,40}$")
# Intents whose answer reports what the bot itself just did ("ya avisé al equipo", "borramos
# tus datos", the language menu): false when an agent sends them, so never offered.
BOT_ACTIONS = frozenset({"human", "delete_data", "stop", "language", "menu"})


class CannedError(ValueError):
    """A team answer that cannot be saved; ``field`` names what is wrong."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


@dataclasses.dataclass(frozen=True)
class Item:
    """One answer an agent can insert: a team answer or a bot answer."""

    source: str  # team | bot
    key: str  # the team answer's id, or the intent id
    code: str
    lang: str
    title: str
    body: str

    @property
    def ref(self) -> str:
        """Names this item in a form or a URL: ``team:12`` or ``bot:contacts:es``."""
        return f"team:{self.key}" if self.source == "team" else f"bot:{self.key}:{self.lang}"

    def as_dict(self) -> dict[str, str]:
        """As the console's JSON shows it."""
        return {**dataclasses.asdict(self), "ref": self.ref}


def bot_only(sentence: str) -> bool:
    """True when ``sentence`` only makes sense with the bot (type a word, answer a number)."""
    return bool(_TYPE_WORD.search(sentence) or _ANSWER_NUMBER.search(sentence))


def strip_bot_lines(text: str) -> str:
    """``text`` without its bot-only sentences; lines and paragraphs left empty go too."""
    lines: list[str] = []
    for line in text.strip().splitlines():
        if _MENU_LINE.match(line):
            continue
        kept = [s for s in _SENTENCE_END.split(line) if not bot_only(s)]
        if kept or not line.strip():
            lines.append(" ".join(kept).rstrip())
    joined = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", joined).strip()


def bot_items(catalog: Catalog) -> list[Item]:
    """Every intent's answer in every language, stripped, titled in Spanish by its menu name
    (but the answers that report the bot's own actions, ``BOT_ACTIONS``)."""
    found = []
    for intent in catalog.intents.values():
        if intent.id in BOT_ACTIONS:
            continue
        for lang, answer in intent.answer.items():
            body = strip_bot_lines(answer)
            if body:
                found.append(Item("bot", intent.id, intent.id, lang, intent.menu_title("es"),
                                  body))
    return sorted(found, key=lambda i: (_fold(i.title), i.lang))


def team_rows(session: Session) -> list[CannedAnswer]:
    """Every team answer, by code then language."""
    return list(session.scalars(
        select(CannedAnswer).order_by(CannedAnswer.code, CannedAnswer.lang)))


def team_items(session: Session) -> list[Item]:
    """Every team answer as an item."""
    return [Item("team", str(r.id), r.code, r.lang, r.title, r.body)
            for r in team_rows(session)]


def items(session: Session, catalog: Catalog, lang: str) -> list[Item]:
    """Team answers first, then the bot's; each group in ``lang`` first, then the others."""
    def order(group: list[Item]) -> list[Item]:
        return sorted(group, key=lambda i: i.lang != lang)
    return order(team_items(session)) + order(bot_items(catalog))


def search(found: Sequence[Item], query: str, limit: int = SEARCH_LIMIT) -> list[Item]:
    """Items whose code or title holds ``query`` (no case, no accents), code prefixes first;
    their order otherwise kept (team before bot, the conversation's language first)."""
    q = _fold(query.strip().lstrip("/"))
    if not q:
        return list(found[:limit])
    hits = [i for i in found if q in _fold(i.code) or q in _fold(i.title)]
    hits.sort(key=lambda i: not _fold(i.code).startswith(q))
    return hits[:limit]


def pick(found: Sequence[Item], ref: str) -> Item | None:
    """The item named ``ref`` (see ``Item.ref``), if it is there."""
    return next((i for i in found if i.ref == ref), None)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def _clean(code: str, lang: str, title: str, body: str) -> tuple[str, str, str, str]:
    code = code.strip().lstrip("/").lower()
    title = " ".join(title.split())
    body = body.replace("\r\n", "\n").strip()
    if not _CODE_RE.match(code) or len(code) > CODE_MAX:
        raise CannedError("code", f"El código lleva de 1 a {CODE_MAX} letras sin acento, "
                                  "números, - o _, sin espacios (por ejemplo «horario»).")
    if lang not in LANGS:
        raise CannedError("lang", "Elige el idioma: español, inglés o criollo haitiano.")
    if not title or len(title) > TITLE_MAX:
        raise CannedError("title", f"El título lleva de 1 a {TITLE_MAX} caracteres.")
    if not body or len(body) > BODY_MAX:
        raise CannedError("body", f"El texto lleva de 1 a {BODY_MAX} caracteres.")
    if any(bot_only(s) for line in body.splitlines() for s in _SENTENCE_END.split(line)):
        raise CannedError("body", "Quita las frases que piden escribir una palabra o un número "
                                  "(como «escribe asesor»): quien recibe esta respuesta ya "
                                  "habla con una persona del equipo.")
    return code, lang, title, body


def _taken(session: Session, code: str, lang: str, other_than: int | None = None) -> bool:
    query = select(CannedAnswer.id).where(CannedAnswer.code == code, CannedAnswer.lang == lang)
    if other_than is not None:
        query = query.where(CannedAnswer.id != other_than)
    return session.scalar(query) is not None


def create(session: Session, agent: str, code: str, lang: str, title: str,
           body: str) -> CannedAnswer:
    """A new team answer; CannedError when a field is wrong or the code is taken."""
    code, lang, title, body = _clean(code, lang, title, body)
    if _taken(session, code, lang):
        raise CannedError("code", "Ya hay una respuesta con ese código en ese idioma.")
    row = CannedAnswer(code=code, lang=lang, title=title, body=body, created_by=agent,
                       updated_by=agent)
    session.add(row)
    session.flush()
    return row


def update(session: Session, row: CannedAnswer, agent: str, code: str, lang: str, title: str,
           body: str) -> CannedAnswer:
    """Change a team answer; CannedError as for ``create``."""
    code, lang, title, body = _clean(code, lang, title, body)
    if _taken(session, code, lang, other_than=row.id):
        raise CannedError("code", "Ya hay una respuesta con ese código en ese idioma.")
    row.code, row.lang, row.title, row.body = code, lang, title, body
    row.updated_by, row.updated_at = agent, utcnow()
    session.flush()
    return row


def delete(session: Session, row: CannedAnswer) -> CannedAnswer:
    """Delete a team answer; the deleted row."""
    session.delete(row)
    session.flush()
    return row
