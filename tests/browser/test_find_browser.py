"""Canned answers and search in a real browser (issue 15), on a desktop and on a 390 × 844
phone: "/" in the reply box finds and inserts a team answer by keyboard; the search page
finds a conversation by text and by label."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from bot import agents, canned, labels
from bot.content import Catalog
from bot.engine import ConversationEngine
from tests.browser.test_handoff_browser import PASSWORD, browser, serving  # noqa: F401
from tests.integration.test_console_support import Console, console, plain_settings

pytestmark = pytest.mark.browser

HOURS = "Atendemos de lunes a viernes de 9 a 17 h, hora del centro de México."
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def site(db_url: str, catalog: Catalog, engine: ConversationEngine) -> Iterator[
        tuple[str, Console, int]]:
    """The app served on 127.0.0.1 with agent ana, a team answer /horario and a person
    waiting who wrote about a humanitarian visa, labelled "visa": (URL, console, conv id)."""
    with console(plain_settings(db_url), catalog, engine, senders={}) as c:
        conv_id = c.waiting()
        c.person_says(conv_id, "necesito ayuda con mi visa humanitaria")
        with c.h.sessions() as s:
            agents.create_agent(s, "ana", PASSWORD, display_name="Ana")
            canned.create(s, "jefa", "horario", "es", "Horario de la oficina", HOURS)
            labels.add(s, conv_id, "Visa", "jefa")
            s.commit()
        with serving(c.h.app) as url:
            yield url, c, conv_id


def logged_in(browser: Browser, url: str, screen: str) -> Page:  # noqa: F811
    """A new browser window of ``screen`` size with ana logged in."""
    ctx = browser.new_context(viewport=VIEWPORTS[screen], locale="es-MX",
                              is_mobile=screen == "phone", has_touch=screen == "phone")
    page = ctx.new_page()
    page.goto(f"{url}/console/login")
    page.fill("#name", "ana")
    page.fill("#password", PASSWORD)
    page.click("#login")
    expect(page.locator("h2").first).to_be_visible()
    return page


def fits(page: Page, screen: str) -> None:
    """The page does not scroll sideways (measured once its stylesheet applies)."""
    page.wait_for_load_state("load")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= VIEWPORTS[screen]["width"], f"the page scrolls sideways ({width}px)"


@pytest.mark.parametrize("screen", sorted(VIEWPORTS))
def test_slash_search_inserts_a_canned_answer(site: tuple[str, Console, int],
                                              browser: Browser, screen: str) -> None:  # noqa: F811
    url, c, conv_id = site
    page = logged_in(browser, url, screen)
    page.goto(f"{url}/console/c/{conv_id}")
    page.click("#claim")
    expect(page.locator(".flash-ok")).to_contain_text("Conversación tomada")
    box = page.locator("#reply-text")
    box.click()
    box.press_sequentially("Hola. /hor")
    options = page.locator("#canned-list [role=option]")
    expect(options.first).to_contain_text("Horario de la oficina")
    expect(box).to_have_attribute("aria-activedescendant", "canned-opt-0")
    assert page.locator("#canned-list").get_attribute("role") == "listbox"
    expect(page.locator("#canned-status")).to_contain_text("Enter para insertar")
    box.press("Enter")
    expect(box).to_have_value(f"Hola. {HOURS}")
    expect(page.locator("#canned-pop")).to_be_hidden()
    # A bot answer by its Spanish title, picked with the arrows; Escape closes the list.
    box.press_sequentially(" /telefonos")
    expect(options.first).to_contain_text("Teléfonos y contacto de la SMEI")
    box.press("Escape")
    expect(page.locator("#canned-pop")).to_be_hidden()
    expect(box).to_have_value(f"Hola. {HOURS} /telefonos")
    box.press("Backspace")
    expect(options.first).to_be_visible()
    box.press("ArrowDown")
    box.press("ArrowUp")
    box.press("Enter")
    value = box.input_value()
    assert value.startswith(f"Hola. {HOURS} Aquí tienes los datos") and "asesor" not in value
    fits(page, screen)
    page.click("#reply")
    expect(page.locator(".flash-ok")).to_contain_text("Mensaje enviado")
    sent = c.conversation(conv_id).messages[-1]
    assert sent.author == "ana" and HOURS in sent.text and "asesor" not in sent.text
    page.context.close()


@pytest.mark.parametrize("screen", sorted(VIEWPORTS))
def test_search_page_finds_by_text_and_by_label(site: tuple[str, Console, int],
                                                browser: Browser, screen: str) -> None:  # noqa: F811
    url, _c, conv_id = site
    page = logged_in(browser, url, screen)
    page.click("nav >> text=Buscar")
    page.fill("#s-q", "humanitaria")
    page.click("#search-go")
    row = page.locator(f'#results tr[data-conv="{conv_id}"]')
    expect(row).to_be_visible()
    expect(row.locator(".snippet")).to_contain_text("visa humanitaria")
    page.click("text=Limpiar")
    page.fill("#s-etiqueta", "visa")
    page.click("#search-go")
    expect(row).to_be_visible()
    expect(row.locator("a.label")).to_have_text("visa")
    fits(page, screen)
    row.locator("td[data-label=Contacto] a").click()
    expect(page.locator("h1")).to_contain_text("Contacto …")
    expect(page.locator(f'tr[data-conv="{conv_id}"]')).to_be_visible()
    page.context.close()
