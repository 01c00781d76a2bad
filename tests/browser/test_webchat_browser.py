"""A person opens the web chat in Chromium, asks a question and reads the answer."""

from __future__ import annotations

import time
from typing import Any

import pytest

from bot.content import Catalog

pytestmark = pytest.mark.browser


def test_person_asks_and_reads_the_answer(live_server: str, browser: Any, catalog: Catalog) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="es-MX")
    page.goto(live_server + "/")
    assert page.locator("html").get_attribute("lang") == "es"
    page.fill("#message", "como le hago pa mandar dinero con la tarjeta isseg")
    page.click("#send")
    bot = page.locator("li.msg.msg-bot[data-id] .msg-text").first
    bot.wait_for(timeout=10_000)
    expected = catalog.intents["remittances"].text("es")
    assert bot.inner_text().strip() == expected.strip()
    page.fill("#message", "menu")
    page.keyboard.press("Enter")
    option = page.locator("button.menu-option[data-n='3']")
    option.wait_for(timeout=10_000)
    option.click()
    crossing = catalog.intents["safety_crossing"].text("es").strip()
    page.locator(".msg-text", has_text=crossing.splitlines()[0]).first.wait_for(timeout=10_000)


def test_numbers_and_links_can_be_tapped_and_nothing_else_is_a_link(
    live_server: str, browser: Any
) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="es-MX")
    page.goto(live_server + "/")
    privacy = page.locator("#privacy-link")
    assert privacy.get_attribute("href") == live_server + "/privacidad?lang=es"
    page.fill("#message", "<a href='javascript:alert(1)'>x</a> cual es el telefono de la smei")
    page.click("#send")
    page.locator("li.msg.msg-bot[data-id] a[href='tel:+524733599794']").first.wait_for(
        timeout=10_000)
    hrefs = page.eval_on_selector_all("#messages a", "as => as.map(a => a.getAttribute('href'))")
    assert "https://wa.me/524733599794" in hrefs
    assert all(h.startswith(("https://", "tel:+52")) or "/privacidad" in h for h in hrefs), hrefs
    assert page.locator("#messages script, #messages a[href^='javascript']").count() == 0


def test_the_page_follows_the_language_the_person_writes(live_server: str, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="es-MX")
    page.goto(live_server + "/")
    page.fill("#message", "hi, how can I send money to my mom in Mexico?")
    page.click("#send")
    page.locator("li.msg.msg-bot[data-id]").first.wait_for(timeout=10_000)
    page.wait_for_function("document.documentElement.lang === 'en'", timeout=10_000)
    assert page.locator("#privacy-link").get_attribute("href").endswith("/privacidad?lang=en")


def test_menu_is_shown_once_as_numbered_buttons_compact_on_a_phone(
    live_server: str, browser: Any, catalog: Catalog
) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="es-MX")
    page.goto(live_server + "/")
    page.fill("#message", "menu")
    page.click("#send")
    options = page.locator(".menu button.menu-option")
    options.first.wait_for(timeout=10_000)
    titles = [catalog.intents[i].menu_title("es") for i in catalog.menu]
    assert options.count() == len(titles)
    assert options.nth(0).inner_text() == f"1 · {titles[0]}"
    shown = page.locator("#messages").inner_text()
    assert f"1. {titles[0]}" not in shown and f"{len(titles)}. {titles[-1]}" not in shown
    assert shown.count(titles[-1]) == 1  # the list is not written out next to the buttons
    menu_li = page.locator("li.msg-bot:has(.menu)")
    assert menu_li.locator(".msg-text").inner_text().strip() == \
        catalog.intents["menu"].text("es").strip()  # under its own reply, not the notice
    box = menu_li.bounding_box()
    assert box is not None and box["height"] < 700, box  # was about 1,330 px


POLLS = "/webchat/messages?after="


def _step(page: Any, inflight: list[int]) -> None:
    """Moves the page's fake clock on 500 ms, then lets any poll it started finish."""
    page.clock.run_for(500)
    deadline = time.monotonic() + 5
    while inflight[0] and time.monotonic() < deadline:
        page.evaluate("0")  # lets Playwright deliver the finished requests


def test_polls_fast_after_a_message_then_every_10_s_and_never_while_hidden(
    live_server: str, browser: Any
) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="es-MX")
    times: list[int] = []
    inflight = [0]

    def started(req: Any) -> None:
        if POLLS in req.url:
            inflight[0] += 1
            times.append(now[0])

    def ended(req: Any) -> None:
        if POLLS in req.url:
            inflight[0] -= 1

    now = [0]
    page.on("request", started)
    page.on("requestfinished", ended)
    page.on("requestfailed", ended)
    page.clock.install(time=0)
    page.goto(live_server + "/")
    # The schedule, a pure function: hidden -> none; errors -> 10 s; waiting for a person
    # or within 30 s of a message -> 2 s; idle -> doubling up to 10 s.
    checks = page.evaluate("""() => {
      const d = window.PaisanoWebchat.pollDelay;
      return [d({hidden: true, errors: 0, waiting: true, idleMs: 0, last: 2000}),
              d({hidden: false, errors: 1, waiting: false, idleMs: 0, last: 2000}),
              d({hidden: false, errors: 0, waiting: true, idleMs: 9e9, last: 10000}),
              d({hidden: false, errors: 0, waiting: false, idleMs: 1000, last: 2000}),
              d({hidden: false, errors: 0, waiting: false, idleMs: 9e9, last: 2000}),
              d({hidden: false, errors: 0, waiting: false, idleMs: 9e9, last: 8000})];
    }""")
    assert checks == [-1, 10000, 2000, 2000, 4000, 10000]

    def run(ms: int) -> None:
        for _ in range(ms // 500):
            now[0] += 500
            _step(page, inflight)

    run(120_000)  # two idle minutes
    idle = [t for t in times if 60_000 <= t < 120_000]
    assert 4 <= len(idle) <= 6, times  # one request every 10 s, not 25 a minute

    page.fill("#message", "hola")
    page.click("#send")
    page.locator("li.msg.msg-bot[data-id]").first.wait_for(timeout=10_000)
    start, before = now[0], len(times)
    run(10_000)
    assert len(times) - before >= 4, times[before:]  # fast right after a message
    run(110_000)
    late = [t for t in times if t >= start + 60_000]
    assert len(late) <= 6, late  # and back to every 10 s

    page.evaluate("""() => {
      Object.defineProperty(document, 'hidden', {configurable: true, get: () => true});
      document.dispatchEvent(new Event('visibilitychange'));
    }""")
    run(2_000)
    before = len(times)
    run(60_000)
    assert len(times) == before  # a hidden tab does not poll
    page.evaluate("""() => {
      Object.defineProperty(document, 'hidden', {configurable: true, get: () => false});
      document.dispatchEvent(new Event('visibilitychange'));
    }""")
    run(500)
    assert len(times) == before + 1  # shown again: one poll at once
