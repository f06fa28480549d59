"""Which companies others may see: the one rule every list, page, match and picker applies.

A company is public when nobody owns it (entered by staff or an import) or when its owner has
confirmed their email address and has not asked for it to be deleted (the grace period before a
deletion). Otherwise the owner and admins see it; everyone else — the directory, company pages, other companies' matches, API lists and matches, mission pickers and
notifications — behaves as if it did not exist.
"""
from __future__ import annotations

from sqlalchemy import exists, or_, select

from matcher.db import db
from matcher.models import AccountDeletion, Company, User
from matcher.policy import companies as company_policy


def public_company_clause():
    """SQL condition on Company: true for companies shown to others."""
    return or_(
        Company.owner_id.is_(None),
        exists().where(User.id == Company.owner_id, User.email_verified_at.is_not(None),
                       ~exists().where(AccountDeletion.user_id == User.id)),
    )


# The rule for one company is matcher.policy's; this module supplies what it needs from the database
# (is the owner leaving?) and applies it to queries.
def _leaving(company) -> bool:
    return company.owner_id is not None and db.session.get(AccountDeletion, company.owner_id) is not None


def is_public(company) -> bool:
    return company_policy.is_public(company, _leaving(company))


def can_view(user, company) -> bool:
    return company_policy.may_view_company(user, company, _leaving(company))


def public_ids(company_ids) -> set[int]:
    """The public ones among these company ids."""
    ids = list(company_ids)
    if not ids:
        return set()
    return set(db.session.scalars(select(Company.id).where(Company.id.in_(ids), public_company_clause())))
