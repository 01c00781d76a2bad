"""Agents never miss a message, in real browsers (issue 15), on a desktop and a phone:
unread counts and previews in the queue, a reply and a claim sent without reloading, the
person's new message showing up in the open conversation, and "… está escribiendo" plus
the place in line in the web chat. Only generous waits for things to appear, no timings."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.test_handoff_browser import PASSWORD, browser, live  # noqa: F401

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
WAIT = 10_000  # ms: generous, only for things to appear


def person_says(page: Page, text: str) -> None:
    page.fill("textarea#message", text)
    page.click("button#send")


def log_in(page: Page, base: str) -> None:
    page.goto(f"{base}/console/login")
    page.fill("#name", "ana")
    page.fill("#password", PASSWORD)
    page.click("#login")


def claimed_chat(base: str, chromium: Browser, agent_size: Any, person_size: Any,
                 lang: str = "es") -> tuple[Page, Page]:
    """An agent (logged in) and a person (on the web chat, in ``lang``) whose request for
    a person the agent has opened and claimed: (agent page, person page)."""
    agent = chromium.new_context(viewport=agent_size, locale="es-MX").new_page()
    person = chromium.new_context(viewport=person_size, locale=lang).new_page()
    log_in(agent, base)
    person.goto(f"{base}/?lang={lang}")
    person.click(f"#lang-{lang}")
    person_says(person, {"es": "quiero hablar con una persona",
                         "ht": "mwen vle pale ak yon moun"}[lang])
    row = agent.locator("#rows-waiting tr[data-id]")
    expect(row).to_have_count(1, timeout=WAIT)
    row.locator("a.button").click()
    agent.click("#claim")
    expect(agent.locator("#reply-text")).to_be_visible(timeout=WAIT)
    return agent, person


def mark(page: Page) -> None:
    """A flag on the page's window: still there later means the page was not reloaded."""
    page.evaluate("() => { window.__sameDocument = 'yes'; }")


def same_document(page: Page) -> bool:
    return bool(page.evaluate("() => window.__sameDocument === 'yes'"))


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_unread_preview_reply_and_new_messages_without_reload(
        live: str, browser: Browser, viewport: str) -> None:  # noqa: F811
    size: Any = VIEWPORTS[viewport]
    agent = browser.new_context(viewport=size, locale="es-MX").new_page()
    person = browser.new_context(viewport=size, locale="es-MX").new_page()
    log_in(agent, live)
    expect(agent.locator("#rows-waiting tr.empty")).to_have_count(1, timeout=WAIT)
    expect(agent.locator("#team-list")).to_contain_text("ana · en línea")
    mark(agent)

    # Someone asks for a person, then writes again while waiting: the queue counts both.
    person.goto(f"{live}/")
    person_says(person, "quiero hablar con una persona")
    expect(person.locator("#status")).to_contain_text("Tu lugar en la fila: 1", timeout=WAIT)
    row = agent.locator("#rows-waiting tr[data-id]")
    expect(row.locator(".badge-unread")).to_have_text("1 sin leer", timeout=WAIT)
    person_says(person, "mi teléfono es 477 555 1234, es sobre mi hermano")
    expect(row.locator(".badge-unread")).to_have_text("2 sin leer", timeout=WAIT)
    expect(row.locator(".preview")).to_have_text(
        "mi teléfono es [número], es sobre mi hermano", timeout=WAIT)
    expect(row.locator("td[data-label=Idioma]")).to_have_text("Español")  # drawn by queue.js
    assert same_document(agent)

    # Open it (a link, a new page), then claim and reply without reloading.
    row.locator("a.button").click()
    expect(agent.locator("#claim")).to_be_visible(timeout=WAIT)
    mark(agent)
    agent.click("#claim")
    expect(agent.locator("#live-result")).to_contain_text("Conversación tomada", timeout=WAIT)
    expect(agent.locator("#reply-text")).to_be_visible(timeout=WAIT)
    agent.fill("#reply-text", "Hola, soy Ana. Cuéntame de tu hermano.")
    agent.click("#reply")
    expect(agent.locator("#live-result")).to_contain_text("Mensaje enviado", timeout=WAIT)
    expect(agent.locator("#transcript li.m-agent .m-text").last).to_have_text(
        "Hola, soy Ana. Cuéntame de tu hermano.", timeout=WAIT)
    assert agent.input_value("#reply-text") == ""
    expect(person.locator("#transcript li.msg-agent").last).to_contain_text(
        "Cuéntame de tu hermano", timeout=WAIT)

    # The person's next message shows up in the open conversation, still the same page.
    person_says(person, "se lo llevaron en Celaya")
    expect(agent.locator("#transcript li.m-person .m-text").last).to_have_text(
        "se lo llevaron en Celaya", timeout=WAIT)
    assert same_document(agent)


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_the_web_chat_shows_that_the_agent_is_typing(
        live: str, browser: Browser, viewport: str) -> None:  # noqa: F811
    agent, person = claimed_chat(live, browser, VIEWPORTS[viewport], VIEWPORTS[viewport])
    typing = person.locator("#agent-typing")
    expect(typing).to_be_hidden()
    agent.locator("#reply-text").press_sequentially("Hola, ya estoy", delay=20)
    expect(typing).to_be_visible(timeout=WAIT)
    expect(typing).to_have_text("Una persona del equipo está escribiendo…")
    # The reply arrives and the sign goes away.
    agent.click("#reply")
    expect(person.locator("#transcript li.msg-agent").last).to_contain_text(
        "Hola, ya estoy", timeout=WAIT)
    expect(typing).to_be_hidden(timeout=WAIT)


def test_the_typing_sign_speaks_the_persons_language(
        live: str, browser: Browser) -> None:  # noqa: F811
    agent, person = claimed_chat(live, browser, VIEWPORTS["desktop"], VIEWPORTS["phone"], "ht")
    agent.locator("#reply-text").press_sequentially("Bonjou", delay=20)
    expect(person.locator("#agent-typing")).to_have_text("Yon moun nan ekip la ap ekri…",
                                                         timeout=WAIT)


def test_alerts_are_off_until_the_agent_turns_them_on(
        live: str, browser: Browser) -> None:  # noqa: F811
    ctx = browser.new_context(viewport=VIEWPORTS["phone"], locale="es-MX")
    agent = ctx.new_page()
    log_in(agent, live)
    button = agent.locator("#alerts")
    expect(button).to_have_text("Activar avisos", timeout=WAIT)
    assert agent.evaluate("() => Notification.permission") == "default"  # never asked alone
    ctx.grant_permissions(["notifications"])
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    agent.reload()
    expect(agent.locator("#alerts")).to_have_text("Avisos activados", timeout=WAIT)


def test_a_hidden_web_chat_tab_says_an_agent_answered(
        live: str, browser: Browser) -> None:  # noqa: F811
    agent, person = claimed_chat(live, browser, VIEWPORTS["desktop"], VIEWPORTS["phone"])
    # While people handle the case a hidden tab still polls, slowly; otherwise never.
    delays = person.evaluate("""() => {
      const d = window.PaisanoWebchat.pollDelay;
      return [d({hidden: true, people: true, errors: 0, waiting: false, idleMs: 0, last: 2000}),
              d({hidden: true, people: false, errors: 0, waiting: false, idleMs: 0, last: 2000})];
    }""")
    assert delays == [10000, -1]
    title = person.title()
    person.evaluate("""() => {
      Object.defineProperty(document, 'hidden', {configurable: true, get: () => true});
      document.dispatchEvent(new Event('visibilitychange'));
    }""")
    agent.fill("#reply-text", "Hola, ya revisé tu caso.")
    agent.click("#reply")
    expect(person).to_have_title("(1) Nueva respuesta · " + title, timeout=20_000)
    person.evaluate("""() => {
      Object.defineProperty(document, 'hidden', {configurable: true, get: () => false});
      document.dispatchEvent(new Event('visibilitychange'));
    }""")
    expect(person).to_have_title(title)


def test_alerts_ring_on_a_conversation_page_too(live: str, browser: Browser) -> None:  # noqa: F811
    agent, _person = claimed_chat(live, browser, VIEWPORTS["desktop"], VIEWPORTS["phone"])
    # Alerts on (as the queue's button leaves them), browser notifications recorded.
    agent.context.add_init_script("""
      window.__notes = [];
      window.Notification = function (title) { window.__notes.push(title); };
      window.Notification.permission = 'granted';
    """)
    agent.evaluate("() => localStorage.setItem('paisano.console.alerts', '1')")
    with agent.expect_response(lambda r: "/console/api/feed" in r.url, timeout=WAIT):
        agent.reload()  # the page reads the feed once: what is waiting now rings nothing
    assert agent.evaluate("() => window.__notes") == []
    other = browser.new_context(viewport=VIEWPORTS["phone"], locale="es-MX").new_page()
    other.goto(f"{live}/")
    person_says(other, "me detuvo la migra, ayuda")
    agent.wait_for_function("() => window.__notes.includes('Caso urgente nuevo')", timeout=WAIT)
    expect(agent.locator("h1")).to_contain_text("Conversación")  # still on the same page
