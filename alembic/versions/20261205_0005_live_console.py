"""live console: what agents have read, who is typing, and a cheap "anything changed?"

conversations gains seen_in_id (the last message of the person an agent handling the
conversation has seen: unread = the person's messages after it), agent_typing_at (the
holder's reply box reported typing; the web chat shows it for a few seconds) and an index
on updated_at, so the console's feed answers "nothing changed" from two index lookups.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 12:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            "seen_in_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True))
        batch_op.add_column(sa.Column("agent_typing_at", sa.DateTime(timezone=True),
                                      nullable=True))
        batch_op.create_index(batch_op.f("ix_conversations_updated_at"), ["updated_at"],
                              unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conversations_updated_at"))
        batch_op.drop_column("agent_typing_at")
        batch_op.drop_column("seen_in_id")
