"""messages.missed: the person's message the bot did not understand (a fallback turn)

"Sin respuesta" lists only these: not menu numbers, ratings, commands, nor what people
write while they wait for or talk with an agent (all of which have no intent either).
Rows written before this revision stay NULL and are not listed.

Revision ID: 0007
Revises: 0004
Create Date: 2026-12-05 12:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("missed", sa.Boolean(), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_column("missed")
