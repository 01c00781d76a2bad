"""inbox: webhooks store the update and answer at once; the worker answers it later

inbound_events gains the pending message (address, payload, cleared once processed), its
status, attempts and next attempt. Rows already there were processed when they came in:
they become ``done``.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 15:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("inbound_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("status", sa.String(length=12), server_default="done",
                                      nullable=False))
        batch_op.add_column(sa.Column("address", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("payload", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("attempts", sa.Integer(), server_default="0",
                                      nullable=False))
        batch_op.add_column(sa.Column("next_attempt_at", sa.DateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column("last_error", sa.String(length=200), nullable=True))
        batch_op.create_index("ix_inbound_events_pending", ["id"], unique=False,
                              postgresql_where=sa.text("status = 'pending'"),
                              sqlite_where=sa.text("status = 'pending'"))
        batch_op.create_index("ix_inbound_events_address", ["channel", "address"],
                              unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("inbound_events", schema=None) as batch_op:
        batch_op.drop_index("ix_inbound_events_address")
        batch_op.drop_index("ix_inbound_events_pending")
        for column in ("last_error", "next_attempt_at", "attempts", "payload", "address",
                       "status"):
            batch_op.drop_column(column)
