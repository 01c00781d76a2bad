"""Out of scope whatever the classifier reads: a topic asked about a pet (issue 11ae).

The helpline's subjects are people. "se murio mi perro como lo entierro" is not the death of a
migrant (topic F), "el pasaporte de vacunas de mi perro" is no identity document (R2), "my dog
keeps crossing the road" no crossing plan: the classifier reads the topic's words, and the
honest "no entendí" with the menu is the right answer. A message that also names a person
("mi hijo se murio cuando paseaba al perro") keeps its topic, and emergencies and warnings
are never taken away here (``bot.danger`` decides whether a pet's trouble is danger now).

Words are compared on ``bot.content.fold`` text (lowercase, no accents or punctuation).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection

from intents import Analysis

__all__ = ["about_a_pet", "without_topics"]

# Not "chat" (a cat in Kreyòl, and this chat in every language).
_PET = re.compile(r"\b((gat|gatit|perr|perrit|cachorr)[oa]s?|mascotas?|dogs?|puppy|puppies|cats?"
                  r"|kittens?|chen|pet|pets|bet mwen|veterinari[oa]|vet)\b")
_PERSON = re.compile(
    r"\b(hij[oa]s?|espos[oa]|herman[oa]s?|mama|papa|apa|ama|padre|madre|ti[oa]|prim[oa]s?"
    r"|abuel[oa]s?|sobrin[oa]s?|niet[oa]s?|novi[oa]|amig[oa]s?|suegr[oa]|cunad[oa]|familia"
    r"|persona|gente|migrantes?|paisanos?|son|daughter|kids?|children|husband|wife|brother|sister"
    r"|mom|dad|mother|father|uncle|aunt|cousin|grandma|grandpa|friend|family|people|pitit|mari"
    r"|madanm|fre|manman|kouzen|kouzin|tonton|matant|zanmi|fanmi|moun)\b")


def about_a_pet(folded: str) -> bool:
    """True when the message names a pet and no person (``_PET``, ``_PERSON``)."""
    return bool(_PET.search(folded)) and not _PERSON.search(folded)


def without_topics(analysis: Analysis, topics: Collection[str]) -> Analysis:
    """``analysis`` with the intents ``topics`` taken away: the match becomes no intent
    (out of scope) when it was one of them, and their findings are dropped."""
    match = analysis.match
    if match.intent in topics:
        match = dataclasses.replace(match, intent=None, trigger=None, source="none",
                                    reason=f"{match.reason}; a topic asked about a pet")
    findings = tuple(f for f in analysis.findings if f.intent not in topics)
    return dataclasses.replace(analysis, match=match, findings=findings)
