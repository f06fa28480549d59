"""user.email_verified_at: accounts confirm their address before their company is shown

Revision ID: c12acc000001
Revises: b10acc000001
Create Date: 2026-12-04 12:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c12acc000001'
down_revision = 'b10acc000001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_verified_at', sa.DateTime(timezone=True), nullable=True))
    # Accounts made before verification existed were never asked to confirm; hiding their
    # companies on upgrade would punish them for it, so they count as verified when created.
    user = sa.table('user', sa.column('created_at', sa.DateTime(timezone=True)),
                    sa.column('email_verified_at', sa.DateTime(timezone=True)))
    op.execute(user.update().values(email_verified_at=user.c.created_at))


def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('email_verified_at')
