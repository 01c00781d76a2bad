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
