"""Project use cases (issue 15): publish, change, close, suggest suppliers, proposals and the shortlist.

A project is a buyer's (or a public body's) call: a housing block, a school, a sawmill line. Suppliers
propose with a short text; the owner shortlists. Contacts follow the one mutual-interest rule: a
proposal is the supplier's «interested» in the owner, a shortlist the owner's «interested» back, so
both then see each other's contacts exactly as for matches. A project past its deadline is closed:
every read treats it so, and `close_expired` writes it down.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from matcher.db import db, utcnow
from matcher.errors import Conflict, Forbidden, NotFound, PreconditionFailed, ValidationFailed
from matcher.messages import projects as M
from matcher.models import Company, MatchInterest, Project, ProjectInterest, User
from matcher.policy import projects as policy
from matcher.schemas import load_or_raise
from matcher.schemas.project import ProjectInterestOutSchema, ProjectInterestSchema, ProjectOutSchema, ProjectSchema

_FIELDS = ("title", "description", "sector", "region", "budget_min_usd", "budget_max_usd", "deadline",
           "hs_codes", "nace_codes", "cooperation_types", "document_links", "status")


def today() -> date:
    return utcnow().date()


def is_open(project: Project, on: date | None = None) -> bool:
    on = on or today()
    return project.status == "open" and (project.deadline is None or project.deadline >= on)


def project_to_dict(project: Project) -> dict:
    data = ProjectOutSchema().dump(project)
    data["status"] = "open" if is_open(project) else "closed"
    data["proposals"] = len(project.interests)
    return data


def proposal_to_dict(row: ProjectInterest) -> dict:
    """A proposal as the API answers it: who proposed what, and the owner's decision."""
    return ProjectInterestOutSchema().dump(row)


def get_project(project_id: int) -> Project:
    project = db.session.get(Project, project_id)
    if project is None:
        raise NotFound(M.PROJECT_NOT_FOUND(project_id=project_id))
    return project


def _open_clause(on: date):
    return (Project.status == "open") & or_(Project.deadline.is_(None), Project.deadline >= on)


def list_projects(page: int = 1, per_page: int = 50, status: str | None = None, sector: str | None = None,
                  region: str | None = None, cooperation: str | None = None,
                  owner_company_id: int | None = None) -> tuple[list[Project], int]:
    query = select(Project)
    on = today()
    if status == "open":
        query = query.where(_open_clause(on))
    elif status == "closed":
        query = query.where(~_open_clause(on))
    if sector:
        query = query.where(Project.sector == sector)
    if region:
        query = query.where(Project.region == region.upper())
    if owner_company_id:
        query = query.where(Project.owner_company_id == owner_company_id)
    rows = list(db.session.scalars(query.order_by(Project.deadline.is_(None), Project.deadline, Project.id)))
    if cooperation:  # a JSON list: filtered here, alike on both databases
        rows = [p for p in rows if cooperation in (p.cooperation_types or ())]
    return rows[(page - 1) * per_page: page * per_page], len(rows)


def _owner_for(user: User, owner_company_id: int | None) -> Company:
    """The publishing company: a company account's own (which must buy), or the buyer staff name."""
    if not policy.is_staff(user):
        own = policy.own_company(user)
        if own is None or not policy.may_publish_for(user, own):
            raise Forbidden(M.PROJECT_NEEDS_BUYER())
        if owner_company_id not in (None, own.id):
            raise Forbidden(M.PROJECT_NEEDS_BUYER())
        return own
    if owner_company_id is None:
        raise ValidationFailed(M.PROJECT_OWNER_REQUIRED(), {"owner_company_id": [M.PROJECT_OWNER_REQUIRED()]})
    company = db.session.get(Company, owner_company_id)
    if company is None or not company.is_buyer:
        raise ValidationFailed(M.PROJECT_OWNER_NOT_BUYER(company_id=owner_company_id),
                               {"owner_company_id": [M.PROJECT_OWNER_NOT_BUYER(company_id=owner_company_id)]})
    return company


def _load(payload) -> dict:
    try:
        return load_or_raise(ProjectSchema(), payload)
    except ValidationFailed as exc:
        raise ValidationFailed(M.PROJECT_FIELDS_INVALID(fields=", ".join(sorted(exc.errors))), exc.errors) from None


def create_project(user: User, payload: dict) -> Project:
    data = _load(payload)
    owner = _owner_for(user, data.get("owner_company_id"))
    project = Project(owner_company_id=owner.id, created_by_id=user.id, **{k: data.get(k) for k in _FIELDS})
    db.session.add(project)
    db.session.commit()
    return project


def update_project(user: User, project_id: int, patch: dict, expected_version: int | None = None) -> Project:
    project = get_project(project_id)
    if not policy.may_manage(user, project):
        raise Forbidden(M.PROJECT_EDIT_FORBIDDEN())
    if expected_version is not None and project.version != expected_version:
        raise PreconditionFailed(M.PROJECT_CHANGED(version=project.version))
    if not isinstance(patch, dict):
        raise ValidationFailed("The body must be a JSON object", {"_schema": ["expected a JSON object"]})
    if "owner_company_id" in patch and patch["owner_company_id"] != project.owner_company_id:
        raise ValidationFailed(M.PROJECT_FIELDS_INVALID(fields="owner_company_id"),
                               {"owner_company_id": ["a project keeps the company that published it"]})
    current = ProjectSchema().dump(project)
    current = {k: v for k, v in current.items() if k in _FIELDS and v is not None}
    data = _load({**current, **patch})
    for key in _FIELDS:
        setattr(project, key, data.get(key))
    project.updated_at = utcnow()
    _commit_versioned()
    return project


def delete_project(user: User, project_id: int, expected_version: int | None = None) -> None:
    project = get_project(project_id)
    if not policy.may_manage(user, project):
        raise Forbidden(M.PROJECT_EDIT_FORBIDDEN())
    if expected_version is not None and project.version != expected_version:
        raise PreconditionFailed(M.PROJECT_CHANGED(version=project.version))
    db.session.delete(project)
    _commit_versioned()


def _commit_versioned() -> None:
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise PreconditionFailed("The project was changed by someone else meanwhile; reload and retry") from None


def close_expired(on: date | None = None) -> int:
    """Write down the closing of every open project past its deadline; how many were closed."""
    on = on or today()
    rows = list(db.session.scalars(select(Project).where(Project.status == "open", Project.deadline < on)))
    for project in rows:
        project.status = "closed"
    db.session.commit()
    return len(rows)


def _say(company_id: int, partner_id: int, state: str) -> None:
    """The company's opinion of the partner, in this transaction (the caller commits)."""
    row = db.session.scalar(select(MatchInterest).where(
        MatchInterest.company_id == company_id, MatchInterest.partner_id == partner_id))
    if row is None:
        db.session.add(MatchInterest(company_id=company_id, partner_id=partner_id, state=state))
    else:
        row.state, row.updated_at = state, utcnow()


def express_interest(user: User, project_id: int, payload: dict) -> tuple[ProjectInterest, bool]:
    """A supplier's proposal, or (from the owner) a shortlist / decline. Returns (row, created)."""
    project = get_project(project_id)
    data = load_or_raise(ProjectInterestSchema(), payload)
    if data.get("status") in ("shortlisted", "declined") or (policy.may_manage(user, project)
                                                              and data.get("status") is not None):
        return _decide(user, project, data), False
    company_id = data.get("company_id") or getattr(policy.own_company(user), "id", None)
    company = db.session.get(Company, company_id) if company_id else None
    if company is None or not company.is_supplier:
        raise Forbidden(M.INTEREST_NEEDS_SUPPLIER())
    if company.id == project.owner_company_id:
        raise ValidationFailed(M.INTEREST_OWN_PROJECT(), {"company_id": [M.INTEREST_OWN_PROJECT()]})
    if not policy.may_propose_as(user, company, project):
        raise Forbidden(M.INTEREST_NEEDS_SUPPLIER())
    if not is_open(project):
        raise Conflict(M.PROJECT_CLOSED())
    row = db.session.scalar(select(ProjectInterest).where(
        ProjectInterest.project_id == project.id, ProjectInterest.company_id == company.id))
    created = row is None
    if created:
        row = ProjectInterest(project_id=project.id, company_id=company.id, proposal=data["proposal"])
        db.session.add(row)
    else:
        row.proposal, row.updated_at = data["proposal"], utcnow()
    _say(company.id, project.owner_company_id, "interested")
    try:
        db.session.commit()
    except IntegrityError:  # the same proposal sent twice at once
        db.session.rollback()
        raise Conflict("The proposal is being saved by another request; retry") from None
    return row, created


def _decide(user: User, project: Project, data: dict) -> ProjectInterest:
    if not policy.may_manage(user, project):
        raise Forbidden(M.PROJECT_EDIT_FORBIDDEN())
    status = data.get("status")
    if status not in ("shortlisted", "declined", "submitted"):
        raise ValidationFailed(M.SHORTLIST_STATE(choices="shortlisted, declined"),
                               {"status": [M.SHORTLIST_STATE(choices="shortlisted, declined")]})
    row = db.session.scalar(select(ProjectInterest).where(
        ProjectInterest.project_id == project.id, ProjectInterest.company_id == data.get("company_id")))
    if row is None:
        raise ValidationFailed(M.INTEREST_NOT_FOUND(company_id=data.get("company_id")),
                               {"company_id": [M.INTEREST_NOT_FOUND(company_id=data.get("company_id"))]})
    row.status, row.updated_at = status, utcnow()
    if status == "shortlisted":
        _say(project.owner_company_id, row.company_id, "interested")
    elif status == "declined":
        _say(project.owner_company_id, row.company_id, "not_relevant")
    db.session.commit()
    return row


def proposals(user: User, project_id: int) -> list[ProjectInterest]:
    """The proposals of a project: all for its manager, the viewer's own company's otherwise."""
    project = get_project(project_id)
    if policy.may_manage(user, project):
        return list(project.interests)
    own = policy.own_company(user)
    return [row for row in project.interests if own is not None and row.company_id == own.id]


def proposal_count(project_id: int) -> int:
    return db.session.scalar(select(func.count()).where(ProjectInterest.project_id == project_id)) or 0
