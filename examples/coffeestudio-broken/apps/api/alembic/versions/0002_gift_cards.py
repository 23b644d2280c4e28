"""add gift cards

Written on a branch at the same time as 0002_loyalty: both revise 0001, so the history has
two heads and `alembic upgrade head` fails until a merge revision joins them.

Revision ID: 0002_gift_cards
Revises: 0001
"""

revision = "0002_gift_cards"
down_revision = "0001"


def upgrade():
    pass


def downgrade():
    pass
