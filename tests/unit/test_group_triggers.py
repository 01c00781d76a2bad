"""Word-group triggers: every group's word within a span of tokens, any order (issue 11)."""

from __future__ import annotations

import pytest

from intents.normalize import normalize
from intents.triggers import GROUP_SPAN, TriggerSet, parse_groups

HELD = "lo tienen|encerrad*|no lo sueltan + piden dinero|rescate|paguemos"


@pytest.fixture(scope="module")
def triggers() -> TriggerSet:
    return TriggerSet({"emergency": [HELD], "safety_crossing": ["de mojado"]}, normalize)


def found(triggers: TriggerSet, text: str) -> list[str]:
    return [hit.intent for hit in triggers.find(normalize(text).split())]


def test_groups_are_parsed_with_phrases_and_stems() -> None:
    assert parse_groups(HELD, normalize) == (
        (("lo", "tienen"), ("encerrad*",), ("no", "lo", "sueltan")),
        (("piden", "dinero"), ("rescate",), ("paguemos",)),
    )


@pytest.mark.parametrize("text", [
    "a mi hermano lo tienen en una casa y piden dinero",
    "piden rescate, dicen que lo tienen",            # any order
    "estan encerrados en una bodega hasta que paguemos",  # a stem
    "ya NO LO SUELTAN, piden dinero!!",
])
def test_every_group_present_fires(triggers: TriggerSet, text: str) -> None:
    assert found(triggers, text) == ["emergency"]


@pytest.mark.parametrize("text", [
    "lo tienen en la farmacia?",                      # one group only
    "me tienen que pagar el dinero",                 # "me tienen" is not "lo tienen"
    "piden dinero por la tarjeta",
])
def test_a_missing_group_does_not_fire(triggers: TriggerSet, text: str) -> None:
    assert found(triggers, text) == []


def test_groups_too_far_apart_do_not_fire(triggers: TriggerSet) -> None:
    filler = " ".join(["bla"] * GROUP_SPAN)
    assert found(triggers, f"lo tienen {filler} piden dinero") == []
    assert found(triggers, f"lo tienen {' '.join(['bla'] * (GROUP_SPAN - 3))} piden dinero") == [
        "emergency"
    ]


def test_a_phrase_in_a_group_counts_from_its_last_word_too(triggers: TriggerSet) -> None:
    # "el señor que nos va a llevar dice que son 3 dias en el monte": the span is measured
    # from the end of "nos va a llevar" as well as from its start.
    filler = " ".join(["bla"] * (GROUP_SPAN - 2))
    assert found(triggers, f"no lo sueltan {filler} rescate") == ["emergency"]


def test_group_words_join_the_vocabulary_and_the_count(triggers: TriggerSet) -> None:
    assert {"tienen", "sueltan", "rescate", "mojado"} <= triggers.words
    assert not any(word.endswith("*") for word in triggers.words)
    assert len(triggers) == 2


def test_triggers_are_found_whichever_group_is_rare() -> None:
    """A group trigger is looked for through the key words of one of its groups: one made of
    stems alone, or one whose first group holds only common words, still fires."""
    triggers = TriggerSet({"emergency": ["amenaz* + matar*", "si no + volvemos a ver"]}, normalize)
    assert found(triggers, "me amenazaron con matarme") == ["emergency"]
    assert found(triggers, "dicen que si no pagan no lo volvemos a ver") == ["emergency"]
    assert found(triggers, "si no puedes hoy, nos vemos mañana") == []
    assert found(triggers, "me amenazaron con una multa") == []
