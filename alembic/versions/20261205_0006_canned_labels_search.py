"""team canned answers, conversation labels, and the indexes of the console's search

canned_answers: answers admins write for agents, one per code and language.
conversation_labels: short labels staff put on a conversation (deleted with it).
ix_messages_at and ix_conversations_updated: the search reads messages by date and lists
conversations newest first, without reading whole tables.

Revision ID: 0006
Revises: 0004
Create Date: 2026-12-05 12:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "canned_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("lang", sa.String(length=2), nullable=False),
        sa.Column("title", sa.String(length=80), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code", "lang", name="uq_canned_code_lang"),
    )
    op.create_table(
        "conversation_labels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=32), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["conversation_id"], ["conversations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("conversation_id", "label", name="uq_conversation_label"),
    )
    op.create_index("ix_conversation_labels_label", "conversation_labels",
                    ["label", "conversation_id"], unique=False)
    op.create_index("ix_messages_at", "messages", ["at"], unique=False)
    op.create_index("ix_conversations_updated", "conversations", ["updated_at", "id"],
                    unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index("ix_conversations_updated", table_name="conversations")
    op.drop_index("ix_messages_at", table_name="messages")
    op.drop_index("ix_conversation_labels_label", table_name="conversation_labels")
    op.drop_table("conversation_labels")
    op.drop_table("canned_answers")
