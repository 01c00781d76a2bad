"""A person opens the web chat in Chromium, asks a question and reads the answer."""

from __future__ import annotations

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
