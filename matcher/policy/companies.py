"""Who may see, change and read the matches of a company (contacts and tax ids: policy.contacts)."""
from __future__ import annotations

from matcher.policy.contacts import PUBLIC, is_owner, may_see
from matcher.policy.roles import is_admin, is_staff


def is_public(company, leaving: bool = False) -> bool:
    """A company is listed once its owner confirmed their address (or when nobody owns it), and no
    longer once the owner asked for their account or company to be deleted (`leaving`)."""
    owner = company.owner
    return owner is None or (owner.email_verified_at is not None and not leaving)


def may_view_company(user, company, leaving: bool = False) -> bool:
    """Public companies to anyone; one not yet confirmed, or being deleted, only to its owner and admins."""
    return is_public(company, leaving) or is_admin(user) or is_owner(user, company)


def may_edit_company(user, company) -> bool:
    """Admins change any company, a company account only its own; organisers read but never write."""
    return is_admin(user) or (user is not None and user.role == "company" and is_owner(user, company))


def may_read_matches(user, company) -> bool:
    """Organisers and admins read every company's matches; a company account only its own."""
    return is_staff(user) or is_owner(user, company)


def may_see_tax_id(user, company) -> bool:
    """Tax ids (UNP, INN, OGRN) are public registry data: everyone sees them (see policy.contacts)."""
    return may_see(user, PUBLIC, company)
