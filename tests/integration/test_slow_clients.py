"""``paisano serve``'s waitress settings against slow clients (issue 14 item 4): many sockets
trickling a request a byte at a time do not keep an honest request from being answered.

Loopback only, bounded: SLOW sockets, each closed by the test within a few seconds.
"""

from __future__ import annotations

import socket
import threading
import time

import pytest
import requests
from flask import Flask

from bot.cli import WAITRESS_OPTIONS, make_server

SLOW = 150  # more than waitress's default of 100 connections
TRICKLE = b"GET /healthz HTTP/1.1\r\nHost: x\r\n"


@pytest.mark.slow
def test_an_honest_request_is_answered_while_many_clients_trickle(app: Flask) -> None:
    assert WAITRESS_OPTIONS["connection_limit"] > SLOW
    server = make_server(app, "127.0.0.1", 0, 4)
    port = server.effective_port
    runner = threading.Thread(target=server.run, daemon=True)
    runner.start()
    slow: list[socket.socket] = []
    try:
        for _ in range(SLOW):
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            sock.sendall(TRICKLE[:1])
            slow.append(sock)
        for i in range(1, 4):  # keep them trickling, as the attack did
            for sock in slow:
                sock.sendall(TRICKLE[i:i + 1])
            time.sleep(0.2)
        res = requests.get(f"http://127.0.0.1:{port}/healthz", timeout=10)
        assert res.status_code == 200
    finally:
        for sock in slow:
            sock.close()
        server.close()
        runner.join(timeout=10)
