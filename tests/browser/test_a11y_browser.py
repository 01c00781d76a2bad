"""Accessibility and the phone-first console in real Chromium, with axe-core on every page.

axe-core is vendored (tests/browser/vendor/axe.min.js, no CDN) and injected into each page;
pages must have no violation of impact "serious" or "critical", on a desktop and on a
390 × 844 phone. The contexts bypass the pages' CSP only so the test can inject axe.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright
from waitress import create_server, wasyncore

from bot import agents
from bot.content import Catalog
from bot.engine import ConversationEngine
from bot.messages import Inbound
from tests.browser.conftest import CHROMIUM_ARGS, chromium_path
from tests.integration.test_console_support import Console, console, plain_settings

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
PASSWORD = "contraseña del navegador"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
BAD = ("serious", "critical")


class Site:
    """The live server's base URL and the ids of the seeded conversations."""

    def __init__(self, url: str, conv_id: int) -> None:
        self.url, self.conv_id = url, conv_id


def seed(c: Console) -> int:
    """An admin and an agent, a long conversation claimed by the admin, a waiting one, misses."""
    with c.h.sessions() as s:
        agents.create_agent(s, "jefa", PASSWORD, "admin", display_name="Rosa Jiménez")
        agents.create_agent(s, "beto", PASSWORD, "agent", display_name="Beto")
        s.commit()
    pipeline = c.h.helpline.pipeline

    def say(sender: str, text: str) -> Any:
        with c.h.sessions() as s:
            return pipeline.receive(s, Inbound("webchat", sender, text), inline=True)

    for n in range(12):
        say("a11y-long-5550001", f"pregunta número {n}: ¿cómo mando dinero a mi mamá?")
    outcome = say("a11y-long-5550001", "quiero hablar con una persona")
    say("a11y-wait-5550002", "necesito ayuda urgente con una persona")
    say("a11y-miss-5550003", "zorglub pantufla quimera")
    assert outcome is not None and outcome.conversation_id is not None
    return int(outcome.conversation_id)


@pytest.fixture(scope="module")
def site(db_url: str, catalog: Catalog, engine: ConversationEngine) -> Iterator[Site]:
    """The app served by waitress on 127.0.0.1, with sample data."""
    with console(plain_settings(db_url), catalog, engine, senders={}) as c:
        conv_id = seed(c)
        server: Any = create_server(c.h.app, host="127.0.0.1", port=0, threads=6)
        loop = threading.Thread(target=server.run, name="waitress", daemon=True)
        loop.start()
        try:
            yield Site(f"http://127.0.0.1:{server.effective_port}", conv_id)
        finally:
            server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))
            loop.join(10)
            server.task_dispatcher.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def context(browser: Browser, viewport: dict[str, int]) -> BrowserContext:
    phone = viewport == PHONE
    return browser.new_context(viewport=viewport, locale="es-MX", bypass_csp=True,
                               is_mobile=phone, has_touch=phone)


def violations(page: Page) -> list[str]:
    """axe-core's serious and critical violations on the page, one line each."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    return [f"{v['impact']} {v['id']}: {v['help']} at {v['nodes']}"
            for v in found if v["impact"] in BAD]


def test_the_axe_check_finds_what_it_should(browser: Browser) -> None:
    ctx = context(browser, DESKTOP)
    page = ctx.new_page()
    page.set_content('<html><body><main><img src="x.png"><button></button>'
                     '<div tabindex="0" style="height:50px;overflow:auto"><p>' + 'x<br>' * 40
                     + '</p></div></main></body></html>')
    found = " ".join(violations(page))
    assert "image-alt" in found and "button-name" in found and "html-has-lang" in found
    ctx.close()


def log_in(page: Page, base: str, name: str = "jefa") -> None:
    page.goto(f"{base}/console/login")
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    page.click("#login")
    expect(page.locator("h1")).to_have_text("Cola de conversaciones")
    page.wait_for_load_state()  # the page's scripts (shortcuts, live updates) have run


CONSOLE_PAGES = ("/console/", "/console/c/{conv}", "/console/agents", "/console/audit",
                 "/console/analytics", "/console/unanswered", "/console/content",
                 "/console/buscar", "/console/buscar?q=a", "/console/respuestas",
                 "/console/no-existe")
PUBLIC_PAGES = ("/", "/privacidad?lang=es", "/privacidad?lang=en", "/privacidad?lang=ht",
                "/no-existe")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_serious_or_critical_axe_violations_on_any_page(
        site: Site, browser: Browser, viewport: dict[str, int]) -> None:
    ctx = context(browser, viewport)
    page = ctx.new_page()
    report: dict[str, list[str]] = {}
    for path in PUBLIC_PAGES:
        page.goto(site.url + path)
        report[path] = violations(page)
    page.goto(f"{site.url}/console/login")
    report["/console/login"] = violations(page)
    log_in(page, site.url)
    report["/console/ (logged in)"] = violations(page)
    page.goto(f"{site.url}/console/c/{site.conv_id}")
    if page.locator("#claim").count():  # the first viewport claims: the reply form shows
        page.click("#claim")
        expect(page.locator(".flash-ok")).to_be_visible()
        report["/console/c/{conv} after claiming, with a flash"] = violations(page)
    contact = page.get_attribute("#contact-link", "href")
    assert contact
    for path in (*CONSOLE_PAGES, contact):
        page.goto(site.url + path.format(conv=site.conv_id))
        report[path] = violations(page)
    page.goto(f"{site.url}/console/")
    page.keyboard.press("?")
    expect(page.locator("#shortcuts")).to_be_visible()
    report["/console/ with the ? dialog"] = violations(page)
    page.keyboard.press("Escape")
    page.click("text=Salir")
    expect(page.locator(".flash")).to_have_text("Sesión cerrada.")
    report["/console/login after logging out, with a flash"] = violations(page)
    ctx.close()
    bad = {path: found for path, found in report.items() if found}
    assert bad == {}, "\n".join(f"{p}:\n  " + "\n  ".join(f) for p, f in bad.items())


def test_conversation_on_a_phone_opens_at_the_newest_message_by_the_reply_box(
        site: Site, browser: Browser) -> None:
    ctx = context(browser, PHONE)
    page = ctx.new_page()
    log_in(page, site.url, "jefa")
    page.goto(f"{site.url}/console/c/{site.conv_id}")
    if page.locator("#claim").count():
        page.click("#claim")
    page.goto(f"{site.url}/console/c/{site.conv_id}")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 2000, f"the conversation page is {height}px tall on a phone"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # The newest message is on screen, above the reply box, which is on screen too.
    box = page.locator("#reply-text").bounding_box()
    latest = page.locator("#transcript li.m").last.bounding_box()
    assert box is not None and latest is not None
    assert 0 <= box["y"] and box["y"] + box["height"] <= 844, box
    assert 0 <= latest["y"] and latest["y"] + latest["height"] <= box["y"], (latest, box)
    # The oldest message is further up, scrolled out of the history box.
    first = page.locator("#transcript li.m").first.bounding_box()
    scroller = page.locator("#scroller").bounding_box()
    assert first is not None and scroller is not None and first["y"] < scroller["y"]
    # The history can be scrolled with the keyboard: it takes focus and moves with keys.
    page.focus("#scroller")
    before = page.evaluate("document.getElementById('scroller').scrollTop")
    page.keyboard.press("PageUp")
    page.wait_for_function(f"document.getElementById('scroller').scrollTop < {before}")
    ctx.close()


def test_conversation_without_javascript_still_shows_the_newest_message(
        site: Site, browser: Browser) -> None:
    ctx = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = ctx.new_page()
    page.goto(f"{site.url}/console/login")
    page.fill("#name", "jefa")
    page.fill("#password", PASSWORD)
    page.click("#login")
    page.goto(f"{site.url}/console/c/{site.conv_id}")
    latest = page.locator("#transcript li.m").last.bounding_box()
    scroller = page.locator("#scroller").bounding_box()
    assert latest is not None and scroller is not None
    assert latest["y"] + latest["height"] <= scroller["y"] + scroller["height"] + 1
    assert latest["y"] >= scroller["y"]
    ctx.close()


def test_keyboard_shortcuts_and_their_help(site: Site, browser: Browser) -> None:
    ctx = context(browser, DESKTOP)
    page = ctx.new_page()
    log_in(page, site.url, "beto")
    # The first Tab reaches the skip link, which jumps to the content.
    page.keyboard.press("Tab")
    expect(page.locator("a.skip")).to_be_focused()
    # "?" opens the help as a modal dialog; Escape closes it.
    page.keyboard.press("?")
    dialog = page.locator("dialog#shortcuts")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading", name="Atajos de teclado")).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    # Typing in a field never fires a shortcut.
    page.focus("#filters select[name=status]")
    page.keyboard.press("Escape")
    page.locator("#filters select[name=status]").press("?")
    expect(dialog).to_be_hidden()
    page.locator("body").click(position={"x": 5, "y": 400})
    # j moves to the first row's link; Enter opens it; r goes to... only when replying.
    page.keyboard.press("j")
    page.keyboard.press("j")
    row = page.evaluate("document.activeElement.closest('tr').getAttribute('data-id')")
    page.wait_for_timeout(3000)  # the queue redraws itself every 1.2 s: the focus stays
    assert page.evaluate("document.activeElement.closest('tr')?.getAttribute('data-id')") == row
    page.keyboard.press("k")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("Conversación")
    page.wait_for_load_state()  # the shortcuts' script has run
    page.keyboard.press("c")  # claim: sent without a reload, then the page's parts change
    expect(page.locator(".flash-ok")).to_contain_text("Conversación tomada")
    expect(page.locator("#reply-form")).to_be_visible()
    page.keyboard.press("r")
    expect(page.locator("#reply-text")).to_be_focused()
    page.keyboard.type("gq")  # typed into the reply box: no navigation
    expect(page.locator("#reply-text")).to_have_value("gq")
    page.locator("#reply-text").fill("")
    page.locator("h1").click()
    page.keyboard.press("g")
    page.keyboard.press("m")
    page.wait_for_url("**/console/#mine")
    expect(page.locator("#mine")).to_be_focused()
    page.keyboard.press("/")  # the search page, its text field ready
    page.wait_for_url("**/console/buscar")
    expect(page.locator("#s-q")).to_be_focused()
    ctx.close()


def test_console_and_web_chat_have_a_favicon(site: Site, browser: Browser) -> None:
    ctx = context(browser, DESKTOP)
    page = ctx.new_page()
    for path in ("/", "/console/login", "/privacidad?lang=ht", "/no-existe"):
        page.goto(site.url + path)
        href = page.locator("link[rel=icon]").get_attribute("href")
        assert href and href.endswith(".svg")
        res = page.request.get(site.url + href)
        assert res.status == 200 and res.headers["content-type"].startswith("image/svg+xml")
    ctx.close()


def test_web_chat_offline_error_is_fully_visible_on_a_phone(site: Site, browser: Browser) -> None:
    ctx = context(browser, PHONE)
    page = ctx.new_page()
    page.goto(site.url + "/")
    page.fill("#message", "¿cómo mando dinero a mi mamá con la tarjeta?")  # a long answer
    page.click("#send")
    page.locator("li.msg.msg-bot[data-id]").first.wait_for(timeout=10_000)
    page.route("**/webchat/messages", lambda route: route.abort())
    page.fill("#message", "hola")
    page.click("#send")
    bubble = page.locator("li.msg-error").last
    expect(bubble).to_be_visible()
    page.wait_for_timeout(600)  # the status line appears and the transcript settles
    box = bubble.bounding_box()
    shown = page.locator("#scroller").bounding_box()  # the part of the transcript on screen
    composer = page.locator("#composer").bounding_box()
    assert box is not None and shown is not None and composer is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    assert shown["y"] <= box["y"], (box, shown)
    assert box["y"] + box["height"] <= min(shown["y"] + shown["height"], composer["y"]) + 1, (
        box, shown, composer)
    ctx.close()
