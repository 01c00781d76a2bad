"""Issue 11dd: a child not eaten since a while ("mi niño no ha comido desde ayer", "my kid
hasn't eaten since yesterday", "pitit mwen pa manje depi yè") is a need, not an emergency: the
need answer in the words of food (``need_food``); on the way ("vamos de paso", a place of
Guanajuato, a country left) the answer for migrants in transit; a child ill, not waking or not
breathing stays an emergency; a child who "no quiere comer sus verduras" is no hunger told. The
need answer speaks of what is missing: food, a bill or money (``danger.need_of``)."""

from __future__ import annotations

import pytest

from bot import danger, flow, scope
from bot.content import Catalog, fold
from bot.engine import ConversationEngine

CHILD_NOT_EATEN = [
    "mi niño no ha comido desde ayer", "mis hijos no han comido desde ayer",
    "mi hija no ha comido nada desde ayer", "los niños no han comido desde ayer",
    "my kid hasn't eaten since yesterday", "my son hasn't eaten in 2 days",
    "my kids haven't eaten since yesterday", "pitit mwen pa manje depi ye",
    "pitit mwen yo pa manje depi 2 jou", "timoun yo pa manje depi ye",
]


@pytest.mark.parametrize("text", CHILD_NOT_EATEN)
def test_a_child_not_eaten_is_a_hardship(text: str) -> None:
    assert danger.child_not_eaten(fold(text))
    assert danger.hardship_only(fold(text))
    assert danger.need_of(fold(text)) == "food"


@pytest.mark.parametrize("text", CHILD_NOT_EATEN)
def test_a_child_not_eaten_answers_no_topic(engine: ConversationEngine, text: str) -> None:
    # No topic answers it: the person in need gets ``need_food`` (bot.flow.miss).
    assert engine.understand(text).parts == ()


@pytest.mark.parametrize("text", [
    "mi niño no quiere comer y tiene calentura y no despierta",
    "mi niño no ha comido desde ayer y tiene calentura",
    "my kid hasn't eaten since yesterday and he is unconscious",
    "my baby hasn't eaten since yesterday and won't wake up",
    "pitit mwen pa manje depi ye li pa respire", "pitit mwen pa manje depi ye li gen lafyev",
])
def test_a_child_ill_stays_an_emergency(engine: ConversationEngine, text: str) -> None:
    assert not danger.child_not_eaten(fold(text))
    assert engine.understand(text).parts[:1] == ("emergency",)


@pytest.mark.parametrize("text", [
    "mi hijo no quiere comer sus verduras", "my son doesn't want to eat his vegetables",
    "my kid is a picky eater", "me muero de hambre jaja", "mi niño no quiere comer",
])
def test_no_hunger_told(text: str) -> None:
    assert not danger.hardship(fold(text))


@pytest.mark.parametrize("text", [
    "mi niño no ha comido desde ayer, vamos de paso a tijuana",
    "somos de honduras, mi niño no ha comido desde ayer",
    "estamos en celaya, mi hijo no ha comido desde ayer",
    "pitit mwen pa manje depi ye, nou nan Leon",
    "we are from haiti, my kid hasn't eaten since yesterday",
])
def test_on_the_way_is_transit(engine: ConversationEngine, text: str) -> None:
    assert engine.understand(text).parts == ("transit",)


@pytest.mark.parametrize("text", ["pitit mwen pa manje depi ye", "mi hijo no ha comido desde ayer",
                                  "mi hijo no ha comido desde ayer, vivimos en leon"])
def test_not_on_the_way(text: str) -> None:
    assert not scope.on_the_way(fold(text))


@pytest.mark.parametrize(("text", "of"), [
    ("no tengo nada que comer", "food"), ("my kids are hungry", "food"),
    ("i can't pay rent and my kids are hungry", "food"), ("nos cortaron la luz", "bills"),
    ("i can't pay my bills", "bills"), ("no tengo dinero", "money"),
    ("mari m pa voye kob anko", "money"),
])
def test_need_of(text: str, of: str) -> None:
    assert danger.need_of(fold(text)) == of


@pytest.mark.parametrize("lang", ["es", "en", "ht"])
@pytest.mark.parametrize(("of", "key"), [("food", "need_food"), ("bills", "need_bills"),
                                         ("money", "need_now")])
def test_the_need_answer_fits(catalog: Catalog, lang: str, of: str, key: str) -> None:
    turn = flow.Turn(catalog=catalog, lang=lang, state="idle", intent=None, choice=None,
                     requested_lang=None, misses=0, no_money=True, need_of=of)
    step = flow.miss(turn)
    assert step.replies[0].text == catalog.message(key, lang)
    assert step.state == "offered_handoff" and not step.handoff and not step.urgent
