"""The staff queue under a flood (issue 14 item 1): counts, pages and filters so no urgent
case is hidden, an agent's own conversations always listed, and one audited action that
closes every open case of an abusive contact."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from bot.console.services import FEED_LIMIT
from bot.models import AuditLog, Contact, Conversation
from tests.integration.test_console_support import Console, csrf

URGENT = "me detuvo la migra ayuda"


@pytest.fixture(autouse=True)
def forget(c: Console) -> Iterator[None]:
    """The database is shared by the whole run: the flood goes when the test ends."""
    yield
    c.h.rows.cleanup()


def feed(c: Console, query: str = "") -> dict:
    res = c.client.get(f"/console/api/feed{query}")
    assert res.status_code == 200
    return res.get_json()


def test_a_flood_of_urgent_web_chats_hides_no_real_case(ana: Console) -> None:
    for n in range(FEED_LIMIT + 30):
        ana.waiting("webchat", sender=f"flood-{n}", text=URGENT)
    real_tg = ana.waiting("telegram", sender="777001", text=URGENT)
    real_wa = ana.waiting("whatsapp", sender="whatsapp:+5214610000001", text=URGENT)
    mine = ana.waiting("webchat", sender="mine-1")
    assert ana.client.post(f"/console/c/{mine}/claim",
                           data={"csrf_token": csrf(ana.client, f"/console/c/{mine}")}
                           ).status_code == 303

    first = feed(ana)
    assert first["counts"]["waiting_urgent"] == FEED_LIMIT + 32
    assert [r["id"] for r in first["mine"]] == [mine]  # always listed
    assert len(first["waiting"]) == FEED_LIMIT and first["more"]
    seen = {r["id"] for r in first["waiting"]}
    page = 2
    while True:
        more = feed(ana, f"?page={page}")
        seen |= {r["id"] for r in more["waiting"]}
        if not more["more"]:
            break
        page += 1
    assert {real_tg, real_wa} <= seen  # paging reaches every case
    only_tg = feed(ana, "?channel=telegram&urgent=1")
    assert [r["id"] for r in only_tg["waiting"]] == [real_tg]
    html = ana.client.get("/console/?channel=whatsapp").get_data(as_text=True)
    assert f'data-id="{real_wa}"' in html and "Última hora" in html


def test_bad_filters_are_400(ana: Console) -> None:
    for query in ("?status=closed", "?channel=fax", "?page=0", "?page=²", "?urgent=yes"):
        assert ana.client.get(f"/console/api/feed{query}").status_code == 400
        assert ana.client.get(f"/console/{query}").status_code == 400


def test_marking_a_contact_as_abuse_closes_all_its_cases_audited(ana: Console) -> None:
    conv = ana.waiting("webchat", sender="abuser-1", text=URGENT)
    with ana.h.sessions() as s:
        contact_id = s.scalar(select(Conversation.contact_id).where(Conversation.id == conv))
    other = ana.waiting("webchat", sender="someone-else", text=URGENT)
    token = csrf(ana.client, f"/console/c/{conv}")
    res = ana.client.post(f"/console/c/{conv}/abuse", data={"csrf_token": token})
    assert res.status_code == 303
    with ana.h.sessions() as s:
        statuses = s.scalars(select(Conversation.status)
                             .where(Conversation.contact_id == contact_id)).all()
        assert statuses and set(statuses) == {"closed"}
        assert s.get(Contact, contact_id).unreachable  # type: ignore[union-attr]
        assert s.get(Conversation, other).status == "waiting"  # type: ignore[union-attr]
        [row] = s.scalars(select(AuditLog).where(AuditLog.action == "abuse")).all()
        assert (row.agent, row.conversation_id) == ("ana", conv)
    assert conv not in {r["id"] for r in feed(ana)["waiting"]}


def test_the_api_marks_abuse_too(ana: Console) -> None:
    ana.add_agent("beto")
    token = ana.token("beto")
    conv = ana.waiting("telegram", sender="888002", text=URGENT)
    res = ana.new_client().post(f"/api/v1/conversations/{conv}/abuse",
                                headers={"Authorization": f"Bearer {token}"})
    assert res.status_code == 200 and res.get_json()["closed"] == 1
    assert ana.new_client().post("/api/v1/conversations/999999/abuse",
                                 headers={"Authorization": f"Bearer {token}"}).status_code == 404
