"""Take the README's screenshots: the console's queue and a conversation, the web chat on a phone.

Run by hand (not a test), from the repository root:

    .venv/bin/python -m tests.browser.screenshots            # writes docs/screenshots/*.png

It starts the real app (waitress, a throwaway SQLite database) with sample people and
agents, drives Debian's chromium through Playwright and writes queue.png and
conversation.png (1280 × 800) and webchat-phone.png (390 × 844). Sample texts only: no
real person, no fact beyond the content catalog's own answers.
"""

from __future__ import annotations

import argparse
import tempfile
import threading
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, sync_playwright
from waitress import create_server, wasyncore

from bot import agents, handoff
from bot.config import Settings
from bot.messages import Inbound
from bot.runtime import Helpline
from tests.browser.conftest import CHROMIUM_ARGS, chromium_path
from webhooks.app import create_app

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "capturas de pantalla"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
TZ = "America/Mexico_City"  # the office's clock, as agents see it
# (channel, sender, what the person writes); the last text of each asks for a person.
PEOPLE = [
    ("webchat", "shots-web-1", ["hola, ¿cómo mando dinero a mi mamá con la tarjeta?",
                                "sí, pero tengo otra duda", "quiero hablar con una persona"]),
    ("telegram", "5214731000001", ["me quieren cobrar por una visa de trabajo, ¿es real?",
                                   "necesito hablar con alguien"]),
    ("whatsapp", "+5214731000002", ["mi hermano tuvo un accidente en Texas, ¿qué hago?"]),
    ("sms", "+5214731000003", ["quiero hablar con un asesor"]),
    ("webchat", "shots-web-2", ["estoy en peligro, me persiguen"]),
]


def seed(helpline: Helpline) -> int:
    """Agents, people waiting and one conversation in progress; its id."""
    with helpline.sessions() as s:
        rosa = agents.create_agent(s, "rosa", PASSWORD, "admin", display_name="Rosa Jiménez")
        luis = agents.create_agent(s, "luis", PASSWORD, "agent", display_name="Luis Ramírez")
        s.commit()
    conv_ids = []
    for channel, sender, texts in PEOPLE:
        for text in texts:
            with helpline.sessions() as s:
                outcome = helpline.pipeline.receive(s, Inbound(channel, sender, text),
                                                    inline=channel == "webchat")
        assert outcome is not None and outcome.conversation_id is not None
        conv_ids.append(outcome.conversation_id)
    with helpline.sessions() as s:
        handoff.claim(s, helpline.catalog, conv_ids[0], rosa)
        handoff.reply(s, conv_ids[0], rosa, "Hola, soy Rosa de la SMEI. Con gusto te ayudo. "
                      "¿Qué duda tienes sobre el envío?")
        s.commit()
        handoff.claim(s, helpline.catalog, conv_ids[3], luis)
        s.commit()
    with helpline.sessions() as s:
        helpline.pipeline.receive(s, Inbound("webchat", "shots-web-1",
                                             "¿Cuánto tarda en llegar el dinero?"), inline=True)
    return conv_ids[0]


def log_in(page: Page, base: str) -> None:
    page.goto(f"{base}/console/login")
    page.fill("#name", "rosa")
    page.fill("#password", PASSWORD)
    page.click("#login")
    page.wait_for_selector("h1")


def shoot(base: str, conv_id: int, out: Path) -> None:
    """Write the three screenshots into ``out``."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        desk = browser.new_context(viewport=DESKTOP, locale="es-MX", timezone_id=TZ)
        page = desk.new_page()
        log_in(page, base)
        page.wait_for_timeout(500)
        page.screenshot(path=str(out / "queue.png"))
        page.goto(f"{base}/console/c/{conv_id}")
        page.wait_for_timeout(500)
        page.screenshot(path=str(out / "conversation.png"))
        desk.close()
        phone = browser.new_context(viewport=PHONE, locale="es-MX", timezone_id=TZ, is_mobile=True,
                                    has_touch=True, device_scale_factor=2)
        page = phone.new_page()
        page.goto(f"{base}/")
        page.fill("#message", "¿cómo saco la tarjeta para mandar dinero?")
        page.click("#send")
        page.wait_for_selector("li.msg.msg-bot[data-id]")
        page.wait_for_timeout(800)
        page.screenshot(path=str(out / "webchat-phone.png"))
        phone.close()
        browser.close()


def main() -> None:
    """Start a server with sample data, take the screenshots, stop it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--serve", type=int, metavar="PORT",
                        help="only serve the sample data on PORT until Ctrl-C (no screenshots)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(database_url=f"sqlite:///{tmp}/screenshots.db",
                            secret_key="screenshots")
        helpline = Helpline.build(settings, senders={})
        app = create_app({"SETTINGS": settings, "HELPLINE": helpline})
        conv_id = seed(helpline)
        server: Any = create_server(app, host="127.0.0.1", port=args.serve or 0, threads=4)
        loop = threading.Thread(target=server.run, daemon=True)
        loop.start()
        base = f"http://127.0.0.1:{server.effective_port}"
        try:
            if args.serve:
                print(f"{base}/console/ (rosa / {PASSWORD}), conversation {conv_id}", flush=True)
                loop.join()
                return
            shoot(base, conv_id, args.out)
        finally:
            server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))
            loop.join(10)
            server.task_dispatcher.shutdown()
            helpline.close()
    for name in ("queue.png", "conversation.png", "webchat-phone.png"):
        print(args.out / name)


if __name__ == "__main__":
    main()
