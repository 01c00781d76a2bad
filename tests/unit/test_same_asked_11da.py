"""Issue 11da: a short question right after an answer that asks about help, for someone else or
"too" stays on the topic just answered unless it names another; the contacts are said again as
they are, a deportation's follow-up offers a person, a shelter asked is the transit's "where",
and a death's transfer asked in line gets the topic's own answer."""
from __future__ import annotations

import pytest

from bot import commands, flow
from bot.content import FOLLOWUP_KEYS, Catalog, fold, load_catalog
from tests.turns import turn


@pytest.fixture(scope="module")
def cat() -> Catalog:
    return load_catalog()


@pytest.mark.parametrize(("text", "rest"), [
    ("is there help for him", ""), ("y hay apoyo pa el?", ""), ("eske gen èd pou li?", ""),
    ("y pa mi hermano que esta en chicago?", ""), ("e pou frè m ki nan Tijuana?", ""),
    ("what about for my sister?", ""), ("y para ella tambien", ""),
    ("is that whatsapp too?", "whatsapp"), ("y becas pa el?", "becas"),
    ("hay apoyo para poner un negocio?", "poner negocio"),
    # Nothing that asks the same: the other rules decide.
    ("y becas?", None), ("y para el negocio?", None), ("como mando dinero", None),
])
def test_same_asked(text: str, rest: str | None) -> None:
    assert commands.same_asked(fold(text)) == rest


@pytest.mark.parametrize(("text", "key"), [
    ("eske gen abri", "where"), ("y hay albergue?", "where"), ("is there a shelter?", "where"),
    ("nos ayudan con el traslado?", "transfer"), ("will they help bring the body home?",
                                                  "transfer"),
    ("eske nou ka jwenn èd pou voye kò a?", "transfer"),
])
def test_shelter_and_transfer_keys(text: str, key: str) -> None:
    assert commands.followup_key(fold(text)) == key


def test_content_may_answer_a_transfer(cat: Catalog) -> None:
    assert "transfer" in FOLLOWUP_KEYS
    for lang in ("es", "en", "ht"):
        assert cat.intents["death_accident"].followup("transfer", lang)


@pytest.mark.parametrize(("text", "asked"), [
    ("nos ayudan con el traslado?", True), ("nos ayudan con el traslado", True),
    ("como traemos el cuerpo", True), ("el cuerpo esta en la morgue de tucson", False),
])
def test_asks(text: str, asked: bool) -> None:
    assert commands.asks(fold(text), text) is asked


def test_contacts_follow_up_says_the_contacts_again(cat: Catalog) -> None:
    step = flow.followup(turn(cat, followup_intent="contacts", followup="again", lang="en"))
    assert "wa.me/524733599794" in step.replies[0].text
    assert "don't have that detail" not in step.replies[0].text


def test_returned_follow_up_offers_a_person(cat: Catalog) -> None:
    step = flow.followup(turn(cat, "offered_handoff", followup_intent="returned",
                              followup="again"))
    assert step.state == "offered_handoff" and not step.handoff
    assert "+52 473 359 9794" in step.replies[0].text


def test_other_follow_up_keeps_the_honest_answer(cat: Catalog) -> None:
    step = flow.followup(turn(cat, followup_intent="business_jobs", followup="again"))
    assert step.state == "idle"
    assert step.replies[0].text.startswith("Sobre «")


def test_transfer_asked_in_line_is_answered_place_kept(cat: Catalog) -> None:
    step = flow.to_people(turn(cat, "waiting", status="waiting", intent="death_accident",
                               followup_intent="death_accident", followup="transfer"))
    assert step.state == "waiting" and step.acked
    assert "cada caso" in step.replies[0].text
    assert cat.message("still_in_line", "es").strip() in step.replies[0].text


def test_nothing_answered_in_line_without_a_follow_up(cat: Catalog) -> None:
    step = flow.to_people(turn(cat, "waiting", status="waiting", intent="death_accident",
                               followup_intent="death_accident", ack_due=False))
    assert step.replies == []


def test_urgent_case_gets_no_answer_in_line(cat: Catalog) -> None:
    step = flow.to_people(turn(cat, "waiting", status="waiting", intent="death_accident",
                               followup_intent="death_accident", followup="transfer",
                               urgent=True, ack_due=False))
    assert step.replies == []
