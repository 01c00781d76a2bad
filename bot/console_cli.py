"""``paisano agent``: console accounts from the server's command line.

    printf '%s\n' "$PASSWORD" | paisano agent add ana --role admin
    paisano agent token ana        # prints a new API token; the old one stops working

Registered by ``bot.cli`` with ``main.add_command(agent)``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import agents, migrations
from bot.config import Settings
from bot.models import Agent

__all__ = ["agent"]


@contextmanager
def _session() -> Iterator[Session]:
    settings = Settings.from_env()  # a ConfigError is printed by the paisano group
    try:
        with migrations.open_session(settings.database_url) as session:
            yield session
    except migrations.SchemaError as exc:
        raise click.ClickException(str(exc)) from None


def _read_password() -> str:
    if sys.stdin.isatty():
        return str(click.prompt("Contraseña", hide_input=True, confirmation_prompt=True))
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


@click.group()
def agent() -> None:
    """Console agents: add them, issue API tokens, list them."""


@agent.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(agents.ROLES), default="agent", show_default=True)
@click.option("--display-name", default=None,
              help="The name people see in chats (default: a neutral word, never NAME).")
def add(name: str, role: str, display_name: str | None) -> None:
    """Add agent NAME (login name: A-Z a-z 0-9 . _ -); the password is read from standard
    input (prompted on a terminal)."""
    password = _read_password()
    with _session() as session:
        try:
            new = agents.create_agent(session, name, password, role, display_name)
        except agents.AccountError as exc:
            raise click.ClickException(str(exc)) from None
        agents.audit(session, "cli", "agent_add", detail=f"agent id {new.id} role {new.role}")
        session.commit()
        click.echo(f"agent {new.name!r} added ({new.role})", err=True)


@agent.command("token")
@click.argument("name")
def token(name: str) -> None:
    """Print a new API token for NAME (only its hash is stored; the old token stops working)."""
    with _session() as session:
        found = agents.agent_by_name(session, name)
        if found is None or not found.active:
            raise click.ClickException(f"no active agent called {name!r}")
        new_token = agents.issue_token(session, found)
        agents.audit(session, "cli", "token_issued", detail=f"agent id {found.id}")
        session.commit()
    click.echo(new_token)


@agent.command("list")
def list_agents() -> None:
    """List agents: name, role, active."""
    with _session() as session:
        for row in session.scalars(select(Agent).order_by(Agent.name)):
            state = "active" if row.active else "disabled"
            click.echo(f"{row.name}\t{row.role}\t{state}\t{'token' if row.token_hash else '-'}")
