"""create orders

Revision ID: 0001
Revises:
"""

revision = "0001"
down_revision = None


def upgrade():
    pass


def downgrade():
    pass
