"""change_log.txid: the writing transaction's id (PostgreSQL), so a row committed after a later-numbered one is still replayed

Revision ID: e18chg000001
Revises: e15prj000001
Create Date: 2026-12-04 22:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e18chg000001'
down_revision = 'e15prj000001'
branch_labels = None
depends_on = None


def upgrade():
    # PostgreSQL hands out ids at insert and makes rows visible at commit, so ids can become
    # visible out of order; the transaction id tells a reader which rows may still be in flight.
    # SQLite runs one writer at a time (ids are visible in order): the column stays empty there.
    default = sa.text("(pg_current_xact_id()::text)::bigint") if op.get_bind().dialect.name == "postgresql" else None
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('txid', sa.BigInteger(), nullable=True, server_default=default))
        batch_op.create_index(batch_op.f('ix_change_log_txid'), ['txid'], unique=False)


def downgrade():
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_change_log_txid'))
        batch_op.drop_column('txid')
