"""initial schema

Revision ID: 27110ad0b165
Revises: 
Create Date: 2026-11-27 04:59:09.255889

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '27110ad0b165'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('change_log',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('entity', sa.String(length=16), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_log'))
    )
    op.create_table('niche',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('departed_company', sa.String(length=200), nullable=False),
    sa.Column('departed_country', sa.String(length=2), nullable=True),
    sa.Column('exit_year', sa.Integer(), nullable=True),
    sa.Column('region', sa.String(length=6), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('hs_codes', sa.JSON(), nullable=False),
    sa.Column('nace_codes', sa.JSON(), nullable=False),
    sa.Column('est_annual_volume_usd', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_niche'))
    )
    with op.batch_alter_table('niche', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_niche_region'), ['region'], unique=False)

    op.create_table('user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=True),
    sa.Column('role', sa.String(length=12), nullable=False),
    sa.Column('locale', sa.String(length=5), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user')),
    sa.UniqueConstraint('email', name=op.f('uq_user_email'))
    )
    op.create_table('api_token',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('prefix', sa.String(length=12), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_api_token_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_token')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_token_token_hash'))
    )
    with op.batch_alter_table('api_token', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_token_user_id'), ['user_id'], unique=False)

    op.create_table('company',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('region', sa.String(length=6), nullable=True),
    sa.Column('city', sa.String(length=120), nullable=True),
    sa.Column('is_supplier', sa.Boolean(), nullable=False),
    sa.Column('is_buyer', sa.Boolean(), nullable=False),
    sa.Column('tax_id', sa.String(length=20), nullable=True),
    sa.Column('website', sa.String(length=300), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('certifications', sa.JSON(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['user.id'], name=op.f('fk_company_owner_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_company')),
    sa.UniqueConstraint('owner_id', name=op.f('uq_company_owner_id')),
    sa.UniqueConstraint('tax_id', name=op.f('uq_company_tax_id'))
    )
    with op.batch_alter_table('company', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_company_country'), ['country'], unique=False)
        batch_op.create_index(batch_op.f('ix_company_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_company_region'), ['region'], unique=False)

    op.create_table('idempotent_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('method', sa.String(length=8), nullable=False),
    sa.Column('path', sa.String(length=300), nullable=False),
    sa.Column('request_hash', sa.String(length=64), nullable=False),
    sa.Column('status_code', sa.Integer(), nullable=True),
    sa.Column('response_body', sa.Text(), nullable=True),
    sa.Column('location', sa.String(length=300), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_idempotent_request_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_idempotent_request')),
    sa.UniqueConstraint('user_id', 'key', name=op.f('uq_idempotent_request_user_id_key'))
    )
    op.create_table('mission',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('city', sa.String(length=120), nullable=True),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('hs_prefixes', sa.JSON(), nullable=False),
    sa.Column('nace_prefixes', sa.JSON(), nullable=False),
    sa.Column('organizer_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organizer_id'], ['user.id'], name=op.f('fk_mission_organizer_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mission'))
    )
    op.create_table('user_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_user_session_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_session')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_user_session_token_hash'))
    )
    with op.batch_alter_table('user_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_session_user_id'), ['user_id'], unique=False)

    op.create_table('company_code',
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('scheme', sa.String(length=4), nullable=False),
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['company.id'], name=op.f('fk_company_code_company_id_company'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('company_id', 'scheme', 'code', name=op.f('pk_company_code'))
    )
    with op.batch_alter_table('company_code', schema=None) as batch_op:
        batch_op.create_index('ix_company_code_scheme_code', ['scheme', 'code'], unique=False)

    op.create_table('match_interest',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['company.id'], name=op.f('fk_match_interest_company_id_company'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['partner_id'], ['company.id'], name=op.f('fk_match_interest_partner_id_company'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_match_interest')),
    sa.UniqueConstraint('company_id', 'partner_id', name=op.f('uq_match_interest_company_id_partner_id'))
    )
    with op.batch_alter_table('match_interest', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_match_interest_company_id'), ['company_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_match_interest_partner_id'), ['partner_id'], unique=False)

    op.create_table('mission_participant',
    sa.Column('mission_id', sa.Integer(), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('available_slots', sa.JSON(), nullable=True),
    sa.Column('max_meetings', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['company_id'], ['company.id'], name=op.f('fk_mission_participant_company_id_company'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['mission_id'], ['mission.id'], name=op.f('fk_mission_participant_mission_id_mission'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('mission_id', 'company_id', name=op.f('pk_mission_participant'))
    )
    op.create_table('mission_schedule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mission_id', sa.Integer(), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('total_value', sa.Float(), nullable=False),
    sa.Column('upper_bound', sa.Float(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['mission_id'], ['mission.id'], name=op.f('fk_mission_schedule_mission_id_mission'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mission_schedule'))
    )
    with op.batch_alter_table('mission_schedule', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mission_schedule_mission_id'), ['mission_id'], unique=False)

    op.create_table('need',
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('annual_volume_usd', sa.BigInteger(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('hs_codes', sa.JSON(), nullable=False),
    sa.Column('nace_codes', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['company.id'], name=op.f('fk_need_company_id_company'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_need'))
    )
    with op.batch_alter_table('need', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_need_company_id'), ['company_id'], unique=False)

    op.create_table('offer',
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('annual_capacity_usd', sa.BigInteger(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('hs_codes', sa.JSON(), nullable=False),
    sa.Column('nace_codes', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['company.id'], name=op.f('fk_offer_company_id_company'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_offer'))
    )
    with op.batch_alter_table('offer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_offer_company_id'), ['company_id'], unique=False)

    op.create_table('meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('schedule_id', sa.Integer(), nullable=False),
    sa.Column('slot', sa.Integer(), nullable=False),
    sa.Column('table_no', sa.Integer(), nullable=False),
    sa.Column('supplier_id', sa.Integer(), nullable=False),
    sa.Column('buyer_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('locked', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['buyer_id'], ['company.id'], name=op.f('fk_meeting_buyer_id_company'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['schedule_id'], ['mission_schedule.id'], name=op.f('fk_meeting_schedule_id_mission_schedule'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['supplier_id'], ['company.id'], name=op.f('fk_meeting_supplier_id_company'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting')),
    sa.UniqueConstraint('schedule_id', 'slot', 'buyer_id', name=op.f('uq_meeting_schedule_id_slot_buyer_id')),
    sa.UniqueConstraint('schedule_id', 'slot', 'supplier_id', name=op.f('uq_meeting_schedule_id_slot_supplier_id')),
    sa.UniqueConstraint('schedule_id', 'slot', 'table_no', name=op.f('uq_meeting_schedule_id_slot_table_no'))
    )


def downgrade():
    op.drop_table('meeting')
    with op.batch_alter_table('offer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_offer_company_id'))

    op.drop_table('offer')
    with op.batch_alter_table('need', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_need_company_id'))

    op.drop_table('need')
    with op.batch_alter_table('mission_schedule', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mission_schedule_mission_id'))

    op.drop_table('mission_schedule')
    op.drop_table('mission_participant')
    with op.batch_alter_table('match_interest', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_match_interest_partner_id'))
        batch_op.drop_index(batch_op.f('ix_match_interest_company_id'))

    op.drop_table('match_interest')
    with op.batch_alter_table('company_code', schema=None) as batch_op:
        batch_op.drop_index('ix_company_code_scheme_code')

    op.drop_table('company_code')
    with op.batch_alter_table('user_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_session_user_id'))

    op.drop_table('user_session')
    op.drop_table('mission')
    op.drop_table('idempotent_request')
    with op.batch_alter_table('company', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_company_region'))
        batch_op.drop_index(batch_op.f('ix_company_name'))
        batch_op.drop_index(batch_op.f('ix_company_country'))

    op.drop_table('company')
    with op.batch_alter_table('api_token', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_token_user_id'))

    op.drop_table('api_token')
    op.drop_table('user')
    with op.batch_alter_table('niche', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_niche_region'))

    op.drop_table('niche')
    op.drop_table('change_log')
