"""The handoff in real browsers: a person on the web chat, an agent in the console.

The real app is served by waitress on 127.0.0.1 in a thread; Debian's chromium runs
headless through Playwright, one browser context for the person and one for the agent.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from sqlalchemy.orm import Session
from waitress import create_server, wasyncore

from bot import agents, db
from bot.canned import strip_bot_lines
from bot.content import Catalog
from bot.engine import ConversationEngine
from bot.messages import Inbound
from tests.integration.test_console_support import console, plain_settings

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
PASSWORD = "contraseña del navegador"
# The innermost elements that reach past a phone's width, to say what widens a page.
WIDE_ELEMENTS = """Array.from(document.querySelectorAll('body *'))
  .filter(e => e.getBoundingClientRect().right > 390)
  .slice(-5).map(e => e.tagName + '.' + e.className + ': ' + (e.textContent || '').slice(0, 40))"""


@pytest.fixture
def live(db_url: str, catalog: Catalog, engine: ConversationEngine) -> Iterator[str]:
    """The app served by waitress on 127.0.0.1:<free port>; yields the base URL."""
    with console(plain_settings(db_url), catalog, engine, senders={}) as c:
        with c.h.sessions() as s:
            agents.create_agent(s, "ana", PASSWORD, display_name="Ana")
            s.commit()
        with serving(c.h.app) as url:
            yield url


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """``app`` served by waitress on 127.0.0.1:<free port> in a thread: the base URL."""
    server: Any = create_server(app, host="127.0.0.1", port=0, threads=6)
    loop = threading.Thread(target=server.run, name="waitress", daemon=True)
    loop.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        # Close every socket from inside the server's own loop, then stop its workers.
        server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))
        loop.join(10)
        server.task_dispatcher.shutdown()


@pytest.fixture
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()


def person_says(page: Page, text: str) -> None:
    page.fill("textarea#message", text)
    page.click("button#send")


def test_person_and_agent_talk_through_the_console(
    live: str, browser: Browser, catalog: Catalog
) -> None:
    agent_ctx = browser.new_context(viewport={"width": 1280, "height": 800}, locale="es-MX")
    person_ctx = browser.new_context(viewport={"width": 390, "height": 800}, locale="es-MX")
    agent, person = agent_ctx.new_page(), person_ctx.new_page()

    # The agent logs in and watches the (empty) queue.
    agent.goto(f"{live}/console/login")
    agent.fill("#name", "ana")
    agent.fill("#password", PASSWORD)
    agent.click("#login")
    expect(agent.locator("#rows-waiting tr.empty")).to_have_count(1)

    # A person asks for a human on the web chat.
    person.goto(f"{live}/")
    person_says(person, "quiero hablar con alguien")
    expect(person.locator("#transcript li.msg.msg-bot:not(.msg-welcome)").first).to_be_visible()
    asked = time.monotonic()

    # It appears in the agent's queue without reloading, within 2 seconds of the answer.
    row = agent.locator("#rows-waiting tr[data-id]")
    expect(row).to_have_count(1, timeout=5000)
    appeared = time.monotonic() - asked
    assert appeared < 2.5, f"queue showed the conversation after {appeared:.2f} s"
    assert row.locator("td.contact").inner_text().startswith("…")

    # Claim, reply.
    row.locator("a.button").click()
    agent.click("#claim")
    expect(agent.locator(".flash-ok")).to_contain_text("Conversación tomada")
    joined = catalog.message("agent_joined", "es", agent="Ana").strip()
    expect(person.locator("#transcript li.msg-bot").last).to_contain_text(joined, timeout=5000)
    agent.fill("#reply-text", "Hola, soy Ana de la SMEI. ¿En qué te ayudo?")
    agent.click("#reply")
    reply = person.locator("#transcript li.msg.msg-agent")
    expect(reply).to_contain_text("Hola, soy Ana de la SMEI", timeout=5000)
    expect(reply).to_contain_text("Ana")

    # The person answers; the agent's page shows it without reloading.
    person_says(person, "tengo una duda sobre mis papeles")
    expect(agent.locator("#transcript li.m-person .m-text").last).to_have_text(
        "tengo una duda sobre mis papeles", timeout=5000)

    # A canned answer picked in the select fills the reply box in place.
    agent.select_option("#canned-pick", value="bot:contacts:es")
    agent.click("#canned-use")
    expect(agent.locator("#reply-text")).to_have_value(
        strip_bot_lines(catalog.intents["contacts"].answer["es"]))

    # Close: the person is told and asked for a rating; their next message gets the bot.
    agent.on("dialog", lambda dialog: dialog.accept())
    agent.click("#close")
    expect(agent.locator(".flash-ok")).to_contain_text("Conversación cerrada")
    rating = catalog.message("rating_ask", "es").strip()
    expect(person.locator("#transcript li.msg-bot").last).to_contain_text(rating, timeout=5000)
    bots_before = person.locator("#transcript li.msg-bot").count()
    person_says(person, "menu")
    expect(person.locator("#transcript li.msg-bot")).to_have_count(bots_before + 1, timeout=5000)
    expect(person.locator("#transcript li.msg-bot").last).to_contain_text("1 · ")  # buttons
    assert person.locator("#transcript li.msg.msg-agent").count() == 1

    agent_ctx.close()
    person_ctx.close()


def test_console_works_on_a_phone(live: str, browser: Browser, db_url: str,
                                  engine: ConversationEngine) -> None:
    # Someone waiting on a channel with a long unbroken name (what other tests leave in the
    # shared database; a channel added later): the queue and the last hour's counts, which
    # name it, must still fit a phone.
    sa = db.make_engine(db_url)
    with Session(sa) as s:
        engine.handle(s, Inbound("w" * 60, "phone-test", "quiero hablar con un asesor"))
        s.commit()
    sa.dispose()
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                              has_touch=True)
    page = ctx.new_page()
    page.goto(f"{live}/console/login")
    page.fill("#name", "ana")
    page.fill("#password", PASSWORD)
    page.click("#login")
    expect(page.locator("h2").first).to_contain_text("En espera")
    # The heading is there once the page is parsed, maybe before its stylesheet applies (a
    # loaded machine): measure the page as a person sees it, styled.
    page.wait_for_load_state("load")
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(WIDE_ELEMENTS) if width > 390 else []
    assert width <= 390, f"the queue scrolls sideways on a phone ({width}px): {wide}"
    ctx.close()
