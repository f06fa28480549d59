"""Who may see what of a company: the one answer the web pages and the JSON API both ask.

The policy, decided once (issue 10, item 6), for every surface:

- **Public** — everything that describes the company as a trading partner: name, country, region,
  city, roles, offers, needs, languages, certifications, website, and the tax id. UNP (Belarus)
  and INN / OGRN (Russia) are public registry data — anyone can look them up in the state
  registers, and a buyer checks a new partner by exactly that number — so hiding them protects
  nothing and only makes the two surfaces disagree. Anonymous visitors see public fields too.
- **Contacts** (email, phone) — private. They are shown to the company's own account, to admins
  and organizers (they arrange the meetings; the API contract gives them every field), and to a
  company account whose own company and this one have both said «interested» (mutual interest).
  Everyone else — anonymous visitors, other company accounts, a one-sided interest — sees none.

Views ask `may_see(viewer, group, company)`; lists (the API's company list, the web's matches
page) ask `contact_access(viewer)` once and then `.allows(company)` per row, so a page of 200
companies costs one query, not 200.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from sqlalchemy import select

from matcher.db import db
from matcher.models import Company, MatchInterest, User
from matcher.policy.roles import STAFF_ROLES  # noqa: F401 - staff see every company's contacts

PUBLIC = "public"
CONTACTS = "contacts"
FIELD_GROUPS: dict[str, tuple[str, ...]] = {CONTACTS: ("email", "phone")}


def is_owner(viewer: User | None, company: Company) -> bool:
    """`company` may be a Company or any row with its `id` and `owner_id` (a page's column select)."""
    return viewer is not None and company.owner_id is not None and company.owner_id == viewer.id


def mutual_partners(company_id: int) -> set[int]:
    """Companies that said «interested» about `company_id` and heard the same back."""
    theirs = select(MatchInterest.company_id).where(
        MatchInterest.partner_id == company_id, MatchInterest.state == "interested")
    mine = select(MatchInterest.partner_id).where(
        MatchInterest.company_id == company_id, MatchInterest.state == "interested")
    return set(db.session.scalars(theirs.intersect(mine)))


@dataclass(frozen=True)
class ContactAccess:
    """What one viewer may see of contacts, worked out once for a whole page of companies."""

    viewer: User | None
    sees_all: bool
    partners: frozenset[int]

    def allows(self, company: Company) -> bool:
        return self.sees_all or is_owner(self.viewer, company) or company.id in self.partners


def contact_access(viewer: User | None,
                   partners_of: Callable[[int], set[int]] = mutual_partners) -> ContactAccess:
    """`partners_of(company_id)`: the companies in mutual interest with it (the database by default)."""
    if viewer is None:
        return ContactAccess(None, False, frozenset())
    if viewer.role in STAFF_ROLES:
        return ContactAccess(viewer, True, frozenset())
    own = viewer.company
    return ContactAccess(viewer, False, frozenset(partners_of(own.id)) if own is not None else frozenset())


def may_see(viewer: User | None, group: str, company: Company,
            partners_of: Callable[[int], set[int]] = mutual_partners) -> bool:
    """May `viewer` (None: an anonymous visitor) see the field group `group` of `company`?"""
    if group == PUBLIC:
        return True
    if group == CONTACTS:
        return contact_access(viewer, partners_of).allows(company)
    raise ValueError(f"unknown field group {group!r}")


def hidden_fields(company: Company, access: ContactAccess) -> tuple[str, ...]:
    """The fields of `company` to leave out for the viewer `access` was made for."""
    return () if access.allows(company) else FIELD_GROUPS[CONTACTS]
