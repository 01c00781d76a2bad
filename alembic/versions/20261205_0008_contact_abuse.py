"""contacts marked as abuse: contacts.abuse_at (staff marked the person; their messages are
stored and never answered, and nothing is queued for them until the mark is lifted)

Revision ID: 0008
Revises: 0004
Create Date: 2026-12-05 12:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("abuse_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_column("abuse_at")
