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


def public_company_clause():
    """SQL condition on Company: true for companies shown to others."""
    return or_(
        Company.owner_id.is_(None),
        exists().where(User.id == Company.owner_id, User.email_verified_at.is_not(None),
                       ~exists().where(AccountDeletion.user_id == User.id)),
    )


def is_public(company: Company) -> bool:
    owner = company.owner
    if owner is None:
        return True
    return owner.email_verified_at is not None and db.session.get(AccountDeletion, owner.id) is None


def can_view(user: User | None, company: Company) -> bool:
    """Public companies to anyone; a private one only to its owner and admins."""
    if is_public(company):
        return True
    return user is not None and (user.role == "admin" or company.owner_id == user.id)


def public_ids(company_ids) -> set[int]:
    """The public ones among these company ids."""
    ids = list(company_ids)
    if not ids:
        return set()
    return set(db.session.scalars(select(Company.id).where(Company.id.in_(ids), public_company_clause())))
