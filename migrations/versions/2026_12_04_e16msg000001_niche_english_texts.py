"""niche.title_en, niche.description_en: a niche's texts for English pages (Russian stays in title/description)

Revision ID: e16msg000001
Revises: c12job000001
Create Date: 2026-12-04 16:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e16msg000001'
down_revision = 'c12job000001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('niche') as batch_op:
        batch_op.add_column(sa.Column('title_en', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('description_en', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('niche') as batch_op:
        batch_op.drop_column('description_en')
        batch_op.drop_column('title_en')
