"""The staff queue under a flood (issue 14 item 1): counts, pages and filters so no urgent
case is hidden, an agent's own conversations always listed, and one audited action that
closes every open case of an abusive contact."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from bot.console.services import FEED_LIMIT
from bot.flood import ABUSE_INTENT
from bot.messages import Inbound, Outcome
from bot.models import AuditLog, Contact, Conversation, Message
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


def receive(c: Console, channel: str, sender: str, text: str) -> Outcome:
    with c.h.sessions() as s:
        return c.h.helpline.pipeline.receive(s, Inbound(channel, sender, text))


def test_a_contact_marked_as_abuse_is_stored_unanswered_until_staff_lift_it(
    ana: Console
) -> None:
    conv = ana.waiting("telegram", sender="888003", text=URGENT)
    contact_id = ana.conversation(conv).contact_id
    token = csrf(ana.client, f"/console/c/{conv}")
    assert ana.client.post(f"/console/contacts/{contact_id}/abuse",
                           data={"csrf_token": token}).status_code == 303
    with ana.h.sessions() as s:
        assert s.get(Contact, contact_id).abuse_at is not None  # type: ignore[union-attr]
        [row] = s.scalars(select(AuditLog).where(AuditLog.action == "abuse")).all()
        assert row.agent == "ana" and f"contact {contact_id}:" in (row.detail or "")
    # Writing again (an emergency, too) opens no case and is answered with nothing...
    again = receive(ana, "telegram", "888003", URGENT)
    assert (again.replies, again.handoff) == ((), False)
    assert conv not in {r["id"] for r in feed(ana)["waiting"]}
    with ana.h.sessions() as s:
        stored = s.scalars(select(Message.intent).join(Conversation)
                           .where(Conversation.contact_id == contact_id)
                           .order_by(Message.id.desc()).limit(1)).one()
        assert stored == ABUSE_INTENT  # ...but stored for staff to read
        assert s.scalar(select(func.count()).select_from(Conversation).where(
            Conversation.contact_id == contact_id, Conversation.status != "closed")) == 0
    # Lifted (a mistake): the bot answers again, and the lift is audited.
    assert ana.client.post(f"/console/contacts/{contact_id}/abuse/lift",
                           data={"csrf_token": token}).status_code == 303
    assert receive(ana, "telegram", "888003", "hola").replies
    with ana.h.sessions() as s:
        assert s.scalar(select(func.count()).select_from(AuditLog)
                        .where(AuditLog.action == "abuse_lifted")) == 1


def test_the_api_marks_and_lifts_a_contact(ana: Console) -> None:
    ana.add_agent("beto")
    auth = {"Authorization": f"Bearer {ana.token('beto')}"}
    conv = ana.waiting("whatsapp", sender="whatsapp:+5214610000009", text=URGENT)
    contact_id = ana.conversation(conv).contact_id
    api = ana.new_client()
    res = api.post(f"/api/v1/contacts/{contact_id}/abuse", headers=auth)
    assert res.status_code == 200 and res.get_json() == {"id": contact_id, "closed": 1}
    assert ana.conversation(conv).status == "closed"
    assert api.delete(f"/api/v1/contacts/{contact_id}/abuse", headers=auth).status_code == 200
    with ana.h.sessions() as s:
        assert s.get(Contact, contact_id).abuse_at is None  # type: ignore[union-attr]
    assert api.post(f"/api/v1/contacts/{'9' * 30}/abuse", headers=auth).status_code == 404
    assert api.post("/api/v1/contacts/999999/abuse", headers=auth).status_code == 404
    assert api.delete("/api/v1/contacts/999999/abuse", headers=auth).status_code == 404
