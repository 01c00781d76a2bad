"""Generated requests at every route of the app (console, agent API, web chat, /metrics,
/healthz, /privacidad; the webhooks have test_webhook_fuzz.py): never a 500 (issue 14,
item 12).

An admin is logged in (console) and holds a token (API), and most unsafe requests carry the
right CSRF token, so arbitrary paths, query strings, headers and form or JSON bodies get past
the door and into the views.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.content import Catalog
from bot.engine import ConversationEngine
from tests.integration.test_console_support import Console, console, csrf, plain_settings

FUZZ = settings(
    deadline=None,
    database=None,  # no .hypothesis folder in the project tree
    max_examples=50,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
SKIP = {"/console/logout"}  # would end the session the other requests use


@pytest.fixture(scope="module")
def fz(db_url: str, catalog: Catalog, engine: ConversationEngine) -> Iterator[tuple[Console, str,
       str]]:
    """The console with an admin logged in: (console, CSRF token, API token)."""
    with console(plain_settings(db_url), catalog, engine, senders={}) as con:
        con.add_agent("jefa", role="admin")
        con.add_agent("beto")
        assert con.login(con.client, "jefa").status_code == 303
        for _ in range(3):
            con.waiting()
        token = csrf(con.client)
        try:
            yield con, token, con.token("jefa")
        finally:
            con.h.rows.cleanup()


def routes(con: Console) -> list[tuple[str, str]]:
    """(rule, method) of every route but static files."""
    found = []
    for rule in con.h.app.url_map.iter_rules():
        if rule.endpoint != "static" and not rule.endpoint.endswith(".static") \
                and rule.rule not in SKIP:
            found += [(rule.rule, m) for m in sorted(rule.methods or ()) if m in ("GET", "POST")]
    return sorted(found)


text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
header_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"),
                      max_size=40)
# Numbers as people and attackers type them: "²".isdigit() is true but int("²") fails, and
# 20 digits overflow the database's integers.
odd_numbers = st.sampled_from(["²", "٣", "-1", "1e3", "１", "9" * 20, "0" * 30 + "1"])
numbers = st.one_of(st.integers(0, 12).map(str), st.integers(0, 10**25).map(str), odd_numbers,
                    odd_numbers, odd_numbers)
segments = st.one_of(numbers, numbers, st.sampled_from(
    ["claim", "reply", "note", "transfer", "release", "close", "disable", "enable", "unlock",
     "reset", "messages"]), text.filter(lambda t: t not in ("", ".", "..") and not any(
         c in t for c in "/?#%")))
known = st.sampled_from(["limit", "after", "before", "status", "next", "text", "to", "name",
                         "password", "role", "display_name"])
keys = st.one_of(known, known, known, text)  # mostly the names the views read
values = st.one_of(numbers, numbers, text, st.sampled_from(
    ["waiting", "assigned", "closed", "__queue__", "beto", "jefa", "x" * 2000, "je\x00fa"]))
headers = st.dictionaries(st.sampled_from(
    ["X-CSRF-Token", "Accept", "Content-Type", "Authorization", "Referer", "If-None-Match"]),
    header_text, max_size=3)


@st.composite
def requests(draw: st.DrawFn, rule: str, method: str) -> dict[str, Any]:
    """One request to ``rule``: its path filled in, a query string, headers, a body."""
    path = re.sub(r"<[^>]+>", lambda _m: draw(segments), rule)
    query = urlencode({**draw(st.dictionaries(known, values, max_size=6)),
                       **draw(st.dictionaries(text, values, max_size=2))})
    body: dict[str, Any] = {}
    if method == "POST":
        if draw(st.integers(0, 9)) == 0:  # JSON nested past the parser's depth
            body["data"] = "[" * 5000 + "]" * draw(st.sampled_from([0, 5000]))
            body["content_type"] = "application/json"
        elif draw(st.booleans()):
            body["json"] = draw(st.one_of(st.dictionaries(keys, values, max_size=4), text,
                                          st.lists(values, max_size=3)))
        else:
            body["data"] = dict(draw(st.lists(st.tuples(keys, values), max_size=5)))
    return {"path": path + (f"?{query}" if query else ""), "headers": draw(headers),
            "body": body, "authorized": draw(st.integers(0, 3)) > 0}


def check(fz: tuple[Console, str, str], rule: str, method: str) -> None:
    """Many generated requests to one route; each must get a 2xx, 3xx or 4xx."""
    con, token, api_token = fz
    page = con.client.get("/").get_data(as_text=True)
    webchat_token = page.split('name="csrf-token" content="')[1].split('"')[0]

    @FUZZ
    @given(req=requests(rule, method))
    def one(req: dict[str, Any]) -> None:
        hdrs = dict(req["headers"])
        body = req["body"]
        if req["authorized"]:  # mostly past the door: the right token, the right CSRF token
            if rule.startswith("/webchat"):
                hdrs["X-CSRF-Token"] = webchat_token
            elif rule.startswith("/api/"):
                hdrs["Authorization"] = f"Bearer {api_token}"
            elif isinstance(body.get("data"), dict):
                body["data"]["csrf_token"] = token
            else:
                hdrs["X-CSRF-Token"] = token
        res = con.client.open(req["path"], method=method, headers=hdrs, **body)
        assert res.status_code < 500, (req, res.status_code)
        res.close()

    one()


def test_console_and_api_never_answer_500(fz: tuple[Console, str, str]) -> None:
    table = routes(fz[0])
    assert len(table) > 20 and ("/api/v1/conversations", "GET") in table
    for rule in ("/webchat/messages", "/metrics", "/healthz", "/privacidad", "/"):
        assert (rule, "GET") in table
    for rule, method in table:
        check(fz, rule, method)
