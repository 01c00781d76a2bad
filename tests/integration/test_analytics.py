"""Console analytics, unanswered texts and stale content, on the real database."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import itertools

import pytest
from sqlalchemy.orm import Session

from bot import analytics
from bot.content import Catalog
from bot.engine import ConversationEngine
from bot.models import Contact, Conversation, Message, utcnow
from tests.integration.test_console_support import Console, console, plain_settings

_ids = itertools.count(1)
FUTURE = dt.datetime(2090, 6, 15, 12, 0, tzinfo=dt.UTC)  # clear of rows other tests leave


def _conv(s: Session, channel: str, created: dt.datetime, lang: str = "es",
          **fields: object) -> Conversation:
    contact = Contact(channel=channel, external_id=f"analytics-test-{next(_ids)}", lang=lang)
    conv = Conversation(contact=contact, lang=lang, created_at=created, **fields)
    s.add(conv)
    return conv


def _msg(s: Session, conv: Conversation, text: str, at: dt.datetime, intent: str | None = None,
         direction: str = "in", author: str = "person", missed: bool | None = None) -> None:
    s.add(Message(conversation=conv, direction=direction, author=author, text=text,
                  intent=intent, at=at, missed=missed))


def seed_overview(s: Session, now: dt.datetime) -> None:
    """3 conversations in the window, 2 handed off (waits 5 and 15 min), rated 4 and 5."""
    hour = dt.timedelta(hours=1)
    web = _conv(s, "webchat", now - 3 * hour, rating=4, status="closed")
    helped = _conv(s, "webchat", now - 2 * hour, status="closed", rating=5,
                   waiting_since=now - 2 * hour,
                   assigned_at=now - 2 * hour + dt.timedelta(minutes=5))
    tele = _conv(s, "telegram", now - dt.timedelta(days=1, hours=1), lang="en", status="assigned",
                 waiting_since=now - hour, assigned_at=now - hour + dt.timedelta(minutes=15))
    old = _conv(s, "webchat", now - dt.timedelta(days=40), rating=1, status="closed",
                waiting_since=now - dt.timedelta(days=40),
                assigned_at=now - dt.timedelta(days=40) + hour)
    _msg(s, web, "pasaporte", now - 3 * hour, intent="pasaporte")
    _msg(s, web, "pasaporte otra vez", now - 3 * hour, intent="pasaporte")
    _msg(s, web, "algo raro", now - 3 * hour)
    _msg(s, web, "respuesta", now - 3 * hour, intent="pasaporte", direction="out", author="bot")
    _msg(s, helped, "hablar con alguien", now - 2 * hour, intent="handoff")
    _msg(s, tele, "visa please", now - dt.timedelta(days=1, hours=1), intent="visa")
    _msg(s, old, "viejo", now - dt.timedelta(days=40), intent="viejo")
    s.commit()


def test_overview_figures_from_seeded_rows(session: Session) -> None:
    seed_overview(session, FUTURE)
    data = analytics.overview(session, now=FUTURE)
    assert data.conversations == 3 and data.handoffs == 2
    assert data.handoff_rate == pytest.approx(2 / 3)
    assert data.waits == 2 and data.wait_median == 600 and data.wait_p90 == 900
    assert data.ratings == {1: 0, 2: 0, 3: 0, 4: 1, 5: 1} and data.rating_mean == 4.5
    assert data.top_intents == [("pasaporte", 2), ("handoff", 1), ("visa", 1)]
    today, yesterday = FUTURE.date(), FUTURE.date() - dt.timedelta(days=1)
    assert len(data.by_channel.days) == 30 and data.by_channel.days[-1] == today
    assert data.by_channel.counts["webchat"][-1] == 4
    assert data.by_channel.counts["telegram"][-2:] == (1, 0)
    assert data.by_lang.counts["en"][data.by_lang.days.index(yesterday)] == 1
    assert sum(data.by_lang.counts["es"]) == 4 and data.by_lang.top == 4


def test_percentile_is_nearest_rank() -> None:
    assert analytics.percentile([], 90) is None
    assert analytics.percentile([5.0], 90) == 5.0
    assert analytics.percentile([float(n) for n in range(1, 11)], 90) == 9.0


def test_reports_need_login(c: Console) -> None:
    for path in ("/console/analytics", "/console/unanswered", "/console/unanswered.csv",
                 "/console/content"):
        res = c.client.get(path)
        assert res.status_code == 302 and "/console/login" in res.headers["Location"], path


def test_analytics_page_shows_svg_charts_and_figures(ana: Console) -> None:
    with ana.h.sessions() as s:
        seed_overview(s, utcnow())
    res = ana.client.get("/console/analytics")
    html = res.get_data(as_text=True)
    assert res.status_code == 200
    assert html.count("<svg") == 4 and "<script" not in html.split("</head>")[1]
    assert "style=" not in html
    assert '<dd id="conversations">3</dd>' in html
    assert "2 (66.7%)" in html
    assert '<dd id="wait-median">10 min</dd>' in html and '<dd id="wait-p90">15 min</dd>' in html
    assert "4.5 (2 calificaciones)" in html
    assert "Telegram (1)" in html and "Web (4)" in html
    for nav in ("/console/analytics", "/console/unanswered", "/console/content"):
        assert f'href="{nav}"' in html


def seed_unanswered(s: Session, now: dt.datetime) -> None:
    """Two similar passport questions, one about football, and things to leave out."""
    minute = dt.timedelta(minutes=1)
    conv = _conv(s, "webchat", now - dt.timedelta(hours=3))
    english = _conv(s, "telegram", now - dt.timedelta(hours=3), lang="en")
    _msg(s, conv, "como saco el pasaporte", now - 180 * minute, missed=True)
    _msg(s, conv, "quien gano el partido", now - 120 * minute, missed=True)
    _msg(s, english, "Como saco mi pasaporte?", now - 60 * minute, missed=True)
    _msg(s, conv, "[foto]", now - 10 * minute, missed=True)
    _msg(s, conv, "no entendí", now - 9 * minute, direction="out", author="bot")
    _msg(s, conv, "pasaporte", now - 8 * minute, intent="pasaporte")
    _msg(s, conv, "4", now - 7 * minute, missed=False)  # a menu choice: no intent, no miss
    _msg(s, conv, "quien gano el partido ayer", now - 6 * minute)  # before 0007: not listed
    _msg(s, conv, "como saco el pasaporte viejo", now - dt.timedelta(days=31), missed=True)
    s.commit()


def test_unanswered_groups_similar_texts(session: Session) -> None:
    seed_unanswered(session, FUTURE)
    groups = analytics.unanswered(session, now=FUTURE)
    assert [(g.text, g.count) for g in groups] == [
        ("Como saco mi pasaporte?", 2), ("quien gano el partido", 1)]
    assert groups[0].last_seen == FUTURE - dt.timedelta(minutes=60)
    assert groups[0].examples == ["Como saco mi pasaporte?", "como saco el pasaporte"]
    assert groups[0].languages in (["en", "es"], ["es", "en"]) and groups[1].languages == ["es"]


def test_unanswered_page_and_csv(ana: Console) -> None:
    with ana.h.sessions() as s:
        seed_unanswered(s, utcnow())
    html = ana.client.get("/console/unanswered").get_data(as_text=True)
    assert html.index("Como saco mi pasaporte?") < html.index("quien gano el partido")
    assert "[foto]" not in html and "no entendí" not in html
    res = ana.client.get("/console/unanswered.csv")
    assert res.status_code == 200 and res.mimetype == "text/csv"
    assert res.headers["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(res.get_data(as_text=True))))
    assert rows[0] == ["representative", "count", "last_seen", "languages", "examples"]
    assert [(r[0], r[1]) for r in rows[1:]] == [
        ("Como saco mi pasaporte?", "2"), ("quien gano el partido", "1")]
    assert rows[1][4] == "Como saco mi pasaporte? | como saco el pasaporte"
    assert dt.datetime.fromisoformat(rows[1][2]).tzinfo is not None


def _reviewed(catalog: Catalog, stale_id: str | None) -> Catalog:
    """The catalog with every answer reviewed today, except ``stale_id`` (years ago)."""
    today = dt.date.today()
    intents = {
        key: dataclasses.replace(
            i, reviewed=dt.date(2020, 1, 2) if key == stale_id else today)
        for key, i in catalog.intents.items()
    }
    return dataclasses.replace(catalog, intents=intents)


@pytest.mark.parametrize("stale", [True, False])
def test_content_page_lists_stale_answers(db_url: str, catalog: Catalog, engine: ConversationEngine,
                                          stale: bool) -> None:
    first = next(iter(catalog.intents.values()))
    edited = _reviewed(catalog, first.id if stale else None)
    with console(plain_settings(db_url), edited, engine, senders={}) as con:
        con.add_agent("ana")
        assert con.login(con.client, "ana").status_code == 303
        html = con.client.get("/console/content").get_data(as_text=True)
    if stale:
        assert first.id in html and f"{first.file}:{first.line}" in html
        assert "2 ene 2020" in html and first.source in html and "Todo al día" not in html
    else:
        assert "Todo al día" in html and '<table class="list" id="stale">' not in html


def test_pages_render_without_data(ana: Console) -> None:
    html = ana.client.get("/console/analytics").get_data(as_text=True)
    assert html.count("<svg") == 3 and "sin datos" in html and "sin calificaciones" in html
    assert "None" not in html
    html = ana.client.get("/console/unanswered").get_data(as_text=True)
    assert "Nada pendiente" in html
