"""Issue 11ay: right after the crossing warning ("¡Piénsalo bien!"), a what-if about dying on
the way is the risk the warning is about (never condolences nor an urgent case), a what-if
about being caught is answered briefly (never the whole warning again), and a plan given up
gets a kind word and the alternatives (``crossing.after_warning``, the flow's events)."""

from __future__ import annotations

import pytest

from bot import crossing, flow
from bot.content import fold


@pytest.mark.parametrize(("text", "want"), [
    ("y si me muero que le pasa a mi familia", "die_if"),
    ("what if i die out there?", "die_if"),
    ("e si m mouri?", "die_if"),
    ("si m mouri sou wout la kisa k ap rive pitit mwen yo", "die_if"),
    ("y si nos pasa algo en el camino?", "die_if"),
    # ... of the one whose plan it is: "mi hijo se quiere ir" ... "y si se muere?".
    ("y si se muere?", "die_if"),
    ("what if he dies?", "die_if"),
    ("e si li mouri?", "die_if"),
    ("y si me agarran en el camino?", "caught_if"),
    ("what if they catch me?", "caught_if"),
    ("what if i get caught", "caught_if"),
    ("e si yo kenbe m?", "caught_if"),
    ("no te creas, ya no me voy", "dropped"),
    ("just kidding, im not going anymore", "dropped"),
    ("m ap jwe, m pa prale ankò", "dropped"),
    ("lo pensé mejor, me quedo aquí", "dropped"),
    ("ill stay here", "dropped"),
])
def test_answers_to_the_warning(text: str, want: str) -> None:
    assert crossing.after_warning(fold(text)) == want


@pytest.mark.parametrize("text", [
    # A death told, never a what-if: the family's answer (death_accident) stays.
    "mi hermano se murió en el desierto",
    "frè m mouri nan dezè a",
    "my brother died crossing the river",
    # Dying now, or caught already: an emergency, never a what-if.
    "me estoy muriendo de sed en el desierto",
    "m ap mouri, nou pèdi nan dezè a",
    "y si ya lo agarraron?",
    # The plan goes on another way.
    "no me voy con ese, me voy con otro",
    "ya no me voy el lunes, me voy la otra semana",
    "ya tiene quien lo lleve",
    # Staying somewhere over there, or a "won't" about something else: no plan given up.
    "me voy a quedar en houston con mi tio",
    "i ll stay with my uncle in texas",
    "m ap rete kay kouzen m nan Miami",
    "m pa pral di manman m",
    "ya no voy a decirle a mi mama",
    # Hunger said as dying (Kreyòl idiom): no what-if.
    "m mouri grangou",
])
def test_not_answers_to_the_warning(text: str) -> None:
    assert crossing.after_warning(fold(text)) is None


@pytest.mark.parametrize(("state", "event", "handler"), [
    ("idle", "crossing_die_if", flow.crossing_die_if),
    ("offered_handoff", "crossing_die_if", flow.crossing_die_if),
    ("idle", "crossing_caught_if", flow.crossing_caught_if),
    ("offered_handoff", "crossing_dropped", flow.crossing_dropped),
])
def test_the_flow_answers_them(state: str, event: str, handler: flow.Handler) -> None:
    assert flow.lookup(state, event) is handler


@pytest.mark.parametrize(("text", "said"), [
    ("si me muero en estados unidos me pueden traer a mi pueblo?", True),
    ("if i die in the us can my body be sent home?", True), ("e si m mouri?", True),
    ("my brother died in arizona, what if i die too?", False), ("frè m mouri nan dezè a", False),
    ("me estoy muriendo de sed", False), ("mi papa se murio en texas", False),
])
def test_own_death_asked_if(text: str, said: bool) -> None:
    # A what-if about one's own death gets what the state does, never condolences.
    assert crossing.dies_if(fold(text)) is said
