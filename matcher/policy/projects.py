"""Who may publish, change, propose for and shortlist projects; who records outcomes and reads the dashboard.

- **Publish**: admins and organisers (public bodies' staff) for any buyer company; a company account
  for its own company when that company is a buyer and the account's address is confirmed.
- **Change, close, delete, shortlist, read the proposals**: the owner company's account, organisers, admins.
- **Propose**: a supplier company's account for its own company (not on its own project);
  staff may enter a proposal on a supplier's behalf.
- **Read** an open project and its suggested suppliers: anyone signed in; the public list shows open ones.
- **Outcomes**: either company of the pair records theirs; staff read every outcome.
- **Corridor dashboard**: admins and organisers; the home page shows a public summary.
"""
from __future__ import annotations

from matcher.models import Company, Project, User

STAFF_ROLES = ("admin", "organizer")


def is_staff(user: User | None) -> bool:
    return user is not None and user.role in STAFF_ROLES


def own_company(user: User | None) -> Company | None:
    return user.company if user is not None and user.role == "company" else None


def may_publish_for(user: User | None, company: Company) -> bool:
    if user is None or not company.is_buyer:
        return False
    if is_staff(user):
        return True
    mine = own_company(user)
    return mine is not None and mine.id == company.id and user.email_verified_at is not None


def may_manage(user: User | None, project: Project) -> bool:
    """Change, close, delete, shortlist and read the proposals of `project`."""
    if is_staff(user):
        return True
    mine = own_company(user)
    return mine is not None and mine.id == project.owner_company_id


def may_propose_as(user: User | None, company: Company, project: Project) -> bool:
    if user is None or not company.is_supplier or company.id == project.owner_company_id:
        return False
    if is_staff(user):
        return True
    mine = own_company(user)
    return mine is not None and mine.id == company.id


def may_record_outcome(user: User | None, supplier_id: int, buyer_id: int) -> bool:
    mine = own_company(user)
    return mine is not None and mine.id in (supplier_id, buyer_id)


def may_read_dashboard(user: User | None) -> bool:
    return is_staff(user)
