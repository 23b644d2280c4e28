"""add loyalty points to orders

Revision ID: 0002_loyalty
Revises: 0001
"""

revision = "0002_loyalty"
down_revision = "0001"


def upgrade():
    pass


def downgrade():
    pass
