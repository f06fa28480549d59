"""project, project_interest, outcome; cooperation_types on offers and needs (issue 15)

Revision ID: e15prj000001
Revises: e17web000001
Create Date: 2026-12-04 15:40:25.040672

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e15prj000001'
down_revision = 'e17web000001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('outcome',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('supplier_id', sa.Integer(), nullable=False),
    sa.Column('buyer_id', sa.Integer(), nullable=False),
    sa.Column('mission_id', sa.Integer(), nullable=True),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('contract_value_usd', sa.BigInteger(), nullable=True),
    sa.Column('contract_year', sa.Integer(), nullable=True),
    sa.Column('contract_month', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('recorded_by_company_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['buyer_id'], ['company.id'], name=op.f('fk_outcome_buyer_id_company'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['mission_id'], ['mission.id'], name=op.f('fk_outcome_mission_id_mission'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['recorded_by_company_id'], ['company.id'], name=op.f('fk_outcome_recorded_by_company_id_company'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['supplier_id'], ['company.id'], name=op.f('fk_outcome_supplier_id_company'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outcome')),
    sa.UniqueConstraint('supplier_id', 'buyer_id', name=op.f('uq_outcome_supplier_id_buyer_id'))
    )
    with op.batch_alter_table('outcome', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outcome_buyer_id'), ['buyer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_outcome_mission_id'), ['mission_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_outcome_supplier_id'), ['supplier_id'], unique=False)

    op.create_table('project',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_company_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('sector', sa.String(length=24), nullable=False),
    sa.Column('region', sa.String(length=6), nullable=True),
    sa.Column('budget_min_usd', sa.BigInteger(), nullable=True),
    sa.Column('budget_max_usd', sa.BigInteger(), nullable=True),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('hs_codes', sa.JSON(), nullable=False),
    sa.Column('nace_codes', sa.JSON(), nullable=False),
    sa.Column('cooperation_types', sa.JSON(), nullable=False),
    sa.Column('document_links', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_project_created_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['owner_company_id'], ['company.id'], name=op.f('fk_project_owner_company_id_company'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project'))
    )
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_deadline'), ['deadline'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_owner_company_id'), ['owner_company_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_region'), ['region'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_sector'), ['sector'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_status'), ['status'], unique=False)

    op.create_table('project_interest',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('proposal', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['company.id'], name=op.f('fk_project_interest_company_id_company'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_project_interest_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_interest')),
    sa.UniqueConstraint('project_id', 'company_id', name=op.f('uq_project_interest_project_id_company_id'))
    )
    with op.batch_alter_table('project_interest', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_interest_company_id'), ['company_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_interest_project_id'), ['project_id'], unique=False)

    with op.batch_alter_table('need', schema=None) as batch_op:
        # existing rows get no types: they score exactly as before
        batch_op.add_column(sa.Column('cooperation_types', sa.JSON(), nullable=False, server_default='[]'))

    with op.batch_alter_table('offer', schema=None) as batch_op:
        # existing rows get no types: they score exactly as before
        batch_op.add_column(sa.Column('cooperation_types', sa.JSON(), nullable=False, server_default='[]'))



def downgrade():
    with op.batch_alter_table('offer', schema=None) as batch_op:
        batch_op.drop_column('cooperation_types')

    with op.batch_alter_table('need', schema=None) as batch_op:
        batch_op.drop_column('cooperation_types')

    with op.batch_alter_table('project_interest', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_interest_project_id'))
        batch_op.drop_index(batch_op.f('ix_project_interest_company_id'))

    op.drop_table('project_interest')
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_status'))
        batch_op.drop_index(batch_op.f('ix_project_sector'))
        batch_op.drop_index(batch_op.f('ix_project_region'))
        batch_op.drop_index(batch_op.f('ix_project_owner_company_id'))
        batch_op.drop_index(batch_op.f('ix_project_deadline'))

    op.drop_table('project')
    with op.batch_alter_table('outcome', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outcome_supplier_id'))
        batch_op.drop_index(batch_op.f('ix_outcome_mission_id'))
        batch_op.drop_index(batch_op.f('ix_outcome_buyer_id'))

    op.drop_table('outcome')
