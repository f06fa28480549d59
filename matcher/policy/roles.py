"""The roles an account can have, and the questions that depend on the role alone."""
from __future__ import annotations

ROLES = ("admin", "organizer", "company")
STAFF_ROLES = ("admin", "organizer")  # organisers and admins: they run missions and see every company


def is_admin(user) -> bool:
    return user is not None and user.role == "admin"


def is_staff(user) -> bool:
    """Organisers and admins (None, an anonymous visitor, is neither)."""
    return user is not None and user.role in STAFF_ROLES


def may_use_admin_pages(user) -> bool:
    """The outbox, the mail folder and other operator pages: admins only."""
    return is_admin(user)
