"""Who may change a company and who may read its matches and interest list (the API asks; the web can too)."""
from __future__ import annotations

from matcher.policy.contacts import STAFF_ROLES, is_owner


def may_edit_company(user, company) -> bool:
    """Admins change any company; a company account only its own; organisers read but never write."""
    return user.role == "admin" or (user.role == "company" and is_owner(user, company))


def may_read_matches(user, company) -> bool:
    """Admins and organisers read every company's matches; a company account only its own company's."""
    return user.role in STAFF_ROLES or is_owner(user, company)
