"""The state graph's rules of issue 10, step by step (no database)."""

from __future__ import annotations

import pytest

from bot import flow
from bot.content import Catalog, load_catalog
from tests.turns import turn


@pytest.fixture(scope="module")
def cat() -> Catalog:
    return load_catalog()


def test_no_state_erases_on_the_request_itself() -> None:
    for state in flow.STATES:
        assert flow.lookup(state, "delete_data") is flow.ask_erase, state
    assert flow.lookup("confirm_erase", "confirm") is flow.erase
    assert flow.lookup("confirm_erase", "no") is flow.cancel_erase


def test_every_state_answers_emergencies_and_stops() -> None:
    for state in flow.STATES:
        assert flow.lookup(state, "emergency") is flow.emergency
        assert flow.lookup(state, "stop") is flow.stop


def test_asking_to_erase_changes_nothing_yet(cat: Catalog) -> None:
    step = flow.ask_erase(turn(cat, intent="delete_data"))
    assert not step.erase and step.state == "confirm_erase"
    assert step.replies[0].text == cat.message("erase_confirm", "es")


def test_cancelled_erasure_goes_back_to_the_queue_when_waiting(cat: Catalog) -> None:
    step = flow.cancel_erase(turn(cat, "confirm_erase", status="waiting"))
    assert step.state == "waiting" and not step.erase


def test_a_second_emergency_gets_a_short_line(cat: Catalog) -> None:
    first = flow.emergency(turn(cat, intent="emergency"))
    assert "911" in first.replies[0].text and first.urgent and first.handoff
    again = flow.emergency(turn(cat, "waiting", intent="emergency", status="waiting",
                                urgent=True))
    assert again.replies[0].text == cat.message("emergency_again", "es")
    assert again.state == "waiting"


def test_stop_while_urgent_silences_but_keeps_the_case(cat: Catalog) -> None:
    step = flow.stop(turn(cat, "waiting", status="waiting", urgent=True))
    assert step.silence and not step.close and not step.leave_queue
    assert step.note and "urgente" in step.note
    assert step.state == "waiting"


def test_stop_while_waiting_closes_and_tells_the_agent(cat: Catalog) -> None:
    step = flow.stop(turn(cat, "assigned", status="assigned"))
    assert step.close and step.note
    assert step.replies[0].text == cat.message("stopped_handoff", "es")


def test_leaving_the_queue_asks_first_and_an_urgent_case_stays(cat: Catalog) -> None:
    assert flow.lookup("waiting", "cancel") is flow.ask_leave
    assert flow.lookup("confirm_leave", "yes") is flow.leave_queue
    normal = flow.leave_queue(turn(cat, "confirm_leave", status="waiting"))
    assert normal.leave_queue and normal.note
    urgent = flow.leave_queue(turn(cat, "confirm_leave", status="waiting", urgent=True))
    assert not urgent.leave_queue and urgent.state == "menu"
    assert urgent.replies[0].menu  # the menu is there to use meanwhile


def test_waiting_messages_are_acknowledged_at_most_once_in_a_while(cat: Catalog) -> None:
    due = flow.to_people(turn(cat, "waiting", status="waiting", ack_due=True))
    assert due.acked and due.replies
    assert flow.to_people(turn(cat, "waiting", status="waiting", ack_due=False)).replies == []
    silenced = turn(cat, "waiting", status="waiting", ack_due=True, silenced=True)
    assert flow.to_people(silenced).replies == []
    assert flow.to_people(turn(cat, "assigned", status="assigned")).replies == []


def test_how_long_adds_the_place_in_line(cat: Catalog) -> None:
    assert flow.lookup("waiting", "how_long") is flow.queue_status
    assert flow.queue_status(turn(cat, "waiting", status="waiting")).queue_info


def test_second_media_offers_a_person(cat: Catalog) -> None:
    first = flow.media(turn(cat))
    assert first.replies[0].text == cat.message("media_not_supported", "es") and first.miss
    second = flow.media(turn(cat, misses=1))
    assert second.state == "offered_handoff"
    assert cat.message("media_offer", "es").strip() in second.replies[0].text


def test_a_photo_after_a_text_not_understood_is_the_first_photo(cat: Catalog) -> None:
    # Issue 10: "after the second one [voice note, photo] it offers a person".
    step = flow.media(turn(cat, misses=1, text_miss_before=True))
    assert [r.text for r in step.replies] == [cat.message("media_not_supported", "es")]
    assert step.state == "idle" and step.miss


def test_bare_words_are_ordinary_messages(cat: Catalog) -> None:
    for state in ("idle", "menu"):
        assert flow.lookup(state, "bare") is flow.noted
    assert flow.lookup("offered_handoff", "no") is flow.decline_handoff
    assert not flow.noted(turn(cat)).close


def test_followup_without_a_fact_says_so_with_the_contacts(cat: Catalog) -> None:
    step = flow.followup(turn(cat, followup="cost", followup_intent="business_jobs"))
    assert step.intent == "business_jobs"
    assert "no tengo ese dato aquí" in step.replies[0].text
    assert "+52 473 359 9794" in step.replies[0].text


def test_followup_with_a_fact_comes_from_content(cat: Catalog) -> None:
    step = flow.followup(turn(cat, followup="where", followup_intent="transit", lang="en"))
    assert step.replies[0].text == cat.intents["transit"].followup("where", "en")
    assert "Casa Galilea" in step.replies[0].text


def test_documents_offer_a_person_and_returned_in_need_opens_one(cat: Catalog) -> None:
    docs = flow.answer(turn(cat, intent="documents"))
    assert docs.state == "offered_handoff" and not docs.handoff
    assert "no lo tramitamos" in docs.replies[0].text
    calm = flow.answer(turn(cat, intent="returned"))
    assert calm.state == "offered_handoff" and not calm.handoff
    need = flow.answer(turn(cat, intent="returned", need_now=True))
    assert need.handoff and not need.urgent


def test_go_ahead_offers_the_language_of_the_one_written_for(cat: Catalog) -> None:
    # "im writing for my grandma, she only speaks spanish": "go ahead", and how to switch to
    # Spanish in its own words; the writer reads the replies, so nothing is switched.
    step = flow.lookup("idle", "go_ahead")(turn(cat, lang="en", for_someone=True, reads="es"))
    assert "go ahead" in step.replies[0].text
    assert 'Para español, escribe "Español"' in step.replies[0].text
    assert step.lang is None and step.state == "idle"


@pytest.mark.parametrize("reads", [None, "ht"])
def test_go_ahead_alone_in_the_language_written(cat: Catalog, reads: str | None) -> None:
    step = flow.go_ahead(turn(cat, lang="ht", reads=reads))
    assert step.replies[0].text == cat.message("go_ahead", "ht").rstrip()
