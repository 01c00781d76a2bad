"""conversations: silence asked for, last acknowledgement, topic of follow-ups

A person may ask for no more messages while an urgent case stays open for an agent
(``silenced``); messages while waiting are acknowledged at most once every few minutes
(``acked_at``); short follow-up questions stay on the last topic answered for two turns
(``followup_intent``, ``followup_left``).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    # SQLite rebuilds the table: keep AUTOINCREMENT (ids are never reused after an erasure).
    with op.batch_alter_table("conversations", schema=None,
                              table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.add_column(sa.Column("silenced", sa.Boolean(), server_default=sa.false(),
                                      nullable=False))
        batch_op.add_column(sa.Column("acked_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("followup_intent", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("followup_left", sa.Integer(), server_default="0",
                                      nullable=False))


def downgrade() -> None:
    """Downgrade schema."""
    # SQLite rebuilds the table: keep AUTOINCREMENT (ids are never reused after an erasure).
    with op.batch_alter_table("conversations", schema=None,
                              table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.drop_column("followup_left")
        batch_op.drop_column("followup_intent")
        batch_op.drop_column("acked_at")
        batch_op.drop_column("silenced")
