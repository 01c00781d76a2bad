"""contacts marked as abuse, and handoffs per contact

contacts.abuse_at: staff marked the person; their messages are stored and never answered,
and nothing is queued for them until the mark is lifted. contacts.handoff_window_at and
handoffs_in_window: the new cases a person opened in the last hour (bot.handoff_limit).

Revision ID: 0008
Revises: 0004
Create Date: 2026-12-05 12:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("abuse_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("handoff_window_at", sa.DateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column("handoffs_in_window", sa.Integer(), server_default="0",
                                      nullable=False))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_column("handoffs_in_window")
        batch_op.drop_column("handoff_window_at")
        batch_op.drop_column("abuse_at")
