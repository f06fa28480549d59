"""company_logo, account_deletion: a re-encoded logo per company; deletion of an account or company after a grace period

Revision ID: e17web000001
Revises: e13mis000001
Create Date: 2026-12-04 16:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e17web000001'
down_revision = 'e13mis000001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('company_logo',
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('content_type', sa.String(length=40), nullable=False),
    sa.Column('width_px', sa.Integer(), nullable=False),
    sa.Column('height_px', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['company.id'], name=op.f('fk_company_logo_company_id_company'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('company_id', name=op.f('pk_company_logo'))
    )
    op.create_table('account_deletion',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('scope', sa.String(length=10), nullable=False),
    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_account_deletion_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_account_deletion'))
    )
    with op.batch_alter_table('account_deletion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_account_deletion_due_at'), ['due_at'], unique=False)


def downgrade():
    with op.batch_alter_table('account_deletion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_account_deletion_due_at'))
    op.drop_table('account_deletion')
    op.drop_table('company_logo')
