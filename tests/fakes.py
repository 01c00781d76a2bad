"""Test doubles that are not servers: the in-memory sender."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from bot.senders import SendResult

__all__ = ["FakeSender", "GatedSender"]



class FakeSender:
    """In-memory sender for tests: records what was sent and fails on request. Thread-safe.

    Texts are recorded whole (no splitting); a failed attempt is not added to ``sent``.
    """

    def __init__(self, channel: str = "telegram") -> None:
        self.channel = channel
        self.sent: list[tuple[str, str]] = []
        self.buttons: list[list[tuple[str, str]] | None] = []
        self.templates: list[tuple[str, str, dict[str, Any] | None]] = []
        self.attempts = 0
        self.closed = False
        self._failures: deque[SendResult] = deque()
        self._lock = threading.Lock()
        self._counter = 0

    def fail_next(self, n: int = 1, result: SendResult | None = None) -> None:
        """Make the next ``n`` sends return ``result`` (default: a retry)."""
        if result is None:
            result = SendResult("retry", reason="fake failure")
        if result.ok:
            raise ValueError("a failure result cannot have status 'sent'")
        with self._lock:
            self._failures.extend([result] * n)

    def send(
        self, to: str, text: str, *, buttons: list[tuple[str, str]] | None = None
    ) -> SendResult:
        """Record ``text`` for ``to`` unless a failure is queued."""
        with self._lock:
            return self._attempt(lambda: self._record_message(to, text, buttons))

    def send_template(
        self, to: str, content_sid: str, variables: dict[str, Any] | None = None
    ) -> SendResult:
        """Record a template send unless a failure is queued."""
        with self._lock:
            return self._attempt(
                lambda: self.templates.append(
                    (to, content_sid, dict(variables) if variables is not None else None)
                )
            )

    def close(self) -> None:
        """Mark the fake closed; later sends raise like the real senders."""
        self.closed = True

    def _attempt(self, record: Any) -> SendResult:
        if self.closed:
            raise RuntimeError("FakeSender is closed")
        self.attempts += 1
        if self._failures:
            return self._failures.popleft()
        record()
        self._counter += 1
        return SendResult("sent", external_id=f"fake-{self.channel}-{self._counter}")

    def _record_message(self, to: str, text: str, buttons: list[tuple[str, str]] | None) -> None:
        self.sent.append((to, text))
        self.buttons.append(list(buttons) if buttons is not None else None)


class GatedSender(FakeSender):
    """A fake whose sends wait until the test sets ``go`` (``started`` says one is waiting)."""

    def __init__(self) -> None:
        super().__init__("telegram")
        self.started = threading.Event()
        self.go = threading.Event()

    def send(self, to: str, text: str, *,
             buttons: list[tuple[str, str]] | None = None) -> SendResult:
        self.started.set()
        self.go.wait(30)
        return super().send(to, text, buttons=buttons)


def wait_for(check: Callable[[], bool], seconds: float = 30) -> bool:
    """Poll ``check`` until it holds (True) or ``seconds`` pass (False)."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True
