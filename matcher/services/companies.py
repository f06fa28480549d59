"""Company use cases: create, read, update with optimistic locking, delete, list and filter."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from matcher.db import db, utcnow
from matcher.errors import Conflict, NotFound, PreconditionFailed, ValidationFailed
from matcher.messages import companies as say
from matcher.messages.input import EXPECTED_OBJECT, NOT_A_JSON_OBJECT
from matcher.models import Company, CompanyCode, Need, Offer, User
from matcher.schemas import load_or_raise
from matcher.schemas.company import CompanyOutSchema, CompanySchema
from matcher.services.changes import record_change
from matcher.services.text import fold
from matcher.services.unit_of_work import unit_of_work, use_case

_ITEM_FIELDS = ("title", "description", "hs_codes", "nace_codes", "cooperation_types")  # + issue 15
UNCONDITIONAL_ATTEMPTS = 3  # saves without a version redo their merge when another save got in first


@dataclass(frozen=True)
class CompanyFilters:
    role: str | None = None
    country: str | None = None
    region: str | None = None
    q: str | None = None
    hs: str | None = None
    nace: str | None = None
    cooperation: str | None = None  # issue 15: offers or needs of this kind of cooperation


def get_company(company_id: int) -> Company:
    company = db.session.get(
        Company, company_id, options=[selectinload(Company.offers), selectinload(Company.needs)]
    )
    if company is None:
        raise NotFound(say.COMPANY_NOT_FOUND(id=company_id))
    return company


def company_to_dict(company: Company) -> dict:
    return CompanyOutSchema().dump(company)


def company_to_input(company: Company) -> dict:
    """The stored company in the shape clients write, so a PATCH can be merged and re-validated."""
    data = {key: value for key, value in company_to_dict(company).items()
            if key in CompanySchema().fields and not CompanySchema().fields[key].dump_only}
    for kind in ("offers", "needs"):
        data[kind] = [{k: v for k, v in item.items() if v is not None or k == "id"} for item in data[kind]]
    return {key: value for key, value in data.items() if value is not None}


def create_company(payload: dict, owner: User | None = None, *, commit: bool = True) -> Company:
    """Validate and store a company. With commit=False it is written inside a savepoint of the
    caller's transaction (a refused row leaves the rest intact) and the caller commits."""
    data = load_or_raise(CompanySchema(), payload)
    company = Company(owner_id=owner.id if owner else None, codes=[], offers=[], needs=[])
    with db.session.no_autoflush:
        _apply(company, data)
    if commit:
        with unit_of_work():
            db.session.add(company)
            _commit_company(company)
        return company
    try:
        with db.session.begin_nested():
            db.session.add(company)
            db.session.flush()
            record_change("company", company.id)
    except IntegrityError as exc:
        raise _conflict_from(exc) from None
    return company


@use_case
def update_company(company_id: int, patch: dict, expected_version: int | None = None) -> Company:
    """Merge `patch` into the stored profile, re-validate the whole, save if nobody wrote meanwhile.

    Without `expected_version` the write is unconditional (last writer wins): a concurrent save
    that got in first is not the caller's precondition failing, so the merge is redone on top of it.
    """
    if expected_version is not None:
        return _update_company_once(company_id, patch, expected_version)
    for _attempt in range(UNCONDITIONAL_ATTEMPTS):
        try:
            return _update_company_once(company_id, patch, None)
        except PreconditionFailed:
            continue
    raise Conflict(say.COMPANY_BUSY())


def _update_company_once(company_id: int, patch: dict, expected_version: int | None) -> Company:
    company = get_company(company_id)
    if expected_version is not None and company.version != expected_version:
        raise PreconditionFailed(say.COMPANY_VERSION(version=company.version, expected=expected_version))
    if not isinstance(patch, dict):
        raise ValidationFailed(NOT_A_JSON_OBJECT(), {"_schema": [EXPECTED_OBJECT()]})
    merged = {**company_to_input(company), **patch}
    data = load_or_raise(CompanySchema(), merged)
    with db.session.no_autoflush:  # one versioned UPDATE per save, not one per lazy load
        _apply(company, data)
        company.updated_at = utcnow()  # forces the versioned UPDATE even when only offers changed
    _commit_company(company)
    return company


@use_case
def delete_company(company_id: int, expected_version: int | None = None) -> None:
    """Delete the company; without `expected_version` a save that got in first does not stop it."""
    if expected_version is not None:
        return _delete_company_once(company_id, expected_version)
    for _attempt in range(UNCONDITIONAL_ATTEMPTS):
        try:
            return _delete_company_once(company_id, None)
        except PreconditionFailed:
            continue
    raise Conflict(say.COMPANY_BUSY())


def _delete_company_once(company_id: int, expected_version: int | None) -> None:
    company = get_company(company_id)
    if expected_version is not None and company.version != expected_version:
        raise PreconditionFailed(say.COMPANY_VERSION_GONE(version=company.version))
    db.session.delete(company)
    record_change("company", company_id)
    _commit_company(company)


def list_companies(filters: CompanyFilters, page: int = 1, per_page: int = 50,
                   viewer_id: int | None = None) -> tuple[list[Company], int]:
    """Public companies (see services/visibility) matching the filters, plus the viewer's own."""
    from matcher.services.visibility import public_company_clause

    shown = public_company_clause()
    query = select(Company).where(or_(shown, Company.owner_id == viewer_id) if viewer_id else shown)
    if filters.role == "supplier":
        query = query.where(Company.is_supplier.is_(True))
    elif filters.role == "buyer":
        query = query.where(Company.is_buyer.is_(True))
    if filters.country:
        query = query.where(Company.country == filters.country.upper())
    if filters.region:
        query = query.where(Company.region == filters.region.upper())
    for scheme, prefix in (("hs", filters.hs), ("nace", filters.nace)):
        if prefix:
            codes = select(CompanyCode.company_id).where(
                CompanyCode.scheme == scheme, CompanyCode.code.like(_like_prefix(prefix))
            )
            query = query.where(Company.id.in_(codes))
    if filters.cooperation:  # issue 15; JSON lists are compared as text, alike on both databases
        from sqlalchemy import String, cast

        from matcher.models import Need, Offer

        kind = f'%"{_escape_like(filters.cooperation)}"%'
        with_kind = [select(model.company_id).where(cast(model.cooperation_types, String).like(kind, escape="\\"))
                     for model in (Offer, Need)]
        query = query.where(Company.id.in_(with_kind[0]) | Company.id.in_(with_kind[1]))
    for word in fold(filters.q).split():
        query = query.where(Company.search_text.like(f"%{_escape_like(word)}%", escape="\\"))
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    rows = db.session.scalars(
        query.order_by(Company.name, Company.id)
        .options(selectinload(Company.offers), selectinload(Company.needs))
        .limit(per_page).offset((page - 1) * per_page)
    ).all()
    return list(rows), total or 0


def companies_by_id(company_ids, *, with_items: bool = False) -> dict[int, Company]:
    """The companies of these ids that exist, by id (with their offers and needs loaded if asked)."""
    ids = list(company_ids)
    if not ids:
        return {}
    query = select(Company).where(Company.id.in_(ids))
    if with_items:
        query = query.options(selectinload(Company.offers), selectinload(Company.needs))
    return {c.id: c for c in db.session.scalars(query)}


def directory_countries() -> list[str]:
    """Countries the directory can filter by: those of stored companies, and always BY and RU."""
    return sorted(set(db.session.scalars(select(Company.country).distinct())) | {"BY", "RU"})


def contact_rows(company_ids) -> list:
    """Id, owner and contacts of these companies, for a page that asks the contact policy per row."""
    ids = list(company_ids)
    if not ids:
        return []
    return db.session.execute(select(Company.id, Company.owner_id, Company.email, Company.phone, Company.website)
                              .where(Company.id.in_(ids))).all()


def partner_codes(company_ids) -> dict[int, dict[str, set[str]]]:
    """Each company's HS and NACE codes, by scheme: {id: {"hs": {...}, "nace": {...}}}."""
    ids = list(company_ids)
    codes: dict[int, dict[str, set[str]]] = {}
    if ids:
        for row in db.session.execute(select(CompanyCode.company_id, CompanyCode.scheme, CompanyCode.code)
                                      .where(CompanyCode.company_id.in_(ids))):
            codes.setdefault(row.company_id, {}).setdefault(row.scheme, set()).add(row.code)
    return codes


def item_titles(offer_ids, need_ids) -> dict[str, dict[int, str]]:
    """Titles of these offers and needs: {"offers": {id: title}, "needs": {id: title}}."""
    offer_ids, need_ids = set(offer_ids), set(need_ids)
    offers = dict(db.session.execute(select(Offer.id, Offer.title).where(Offer.id.in_(offer_ids))).all()) if offer_ids else {}
    needs = dict(db.session.execute(select(Need.id, Need.title).where(Need.id.in_(need_ids))).all()) if need_ids else {}
    return {"offers": offers, "needs": needs}


def find_by_tax_id(tax_id: str) -> Company | None:
    return db.session.scalar(select(Company).where(Company.tax_id == tax_id))


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like_prefix(prefix: str) -> str:
    return _escape_like(prefix.replace(" ", "")) + "%"


def _apply(company: Company, data: dict) -> None:
    for key in ("name", "name_en", "country", "region", "city", "tax_id", "website", "email",
                "phone", "description", "languages", "certifications"):
        setattr(company, key, data.get(key))
    company.description = company.description or ""
    company.is_supplier = "supplier" in data["roles"]
    company.is_buyer = "buyer" in data["roles"]
    _sync_items(company.offers, Offer, data["offers"], "annual_capacity_usd")
    _sync_items(company.needs, Need, data["needs"], "annual_volume_usd")
    company.search_text = fold(" ".join(
        [company.name, company.name_en or "", company.city or "", company.description]
        + [f"{i.title} {i.description}" for i in [*company.offers, *company.needs]]
    ))
    wanted = {("hs", c) for i in [*company.offers, *company.needs] for c in i.hs_codes}
    wanted |= {("nace", c) for i in [*company.offers, *company.needs] for c in i.nace_codes}
    company.codes[:] = [c for c in company.codes if (c.scheme, c.code) in wanted]
    have = {(c.scheme, c.code) for c in company.codes}
    company.codes.extend(CompanyCode(scheme=s, code=c) for s, c in sorted(wanted - have))


def _sync_items(current: list, model, wanted: list[dict], volume_field: str) -> None:
    """Update items that keep their id, add new ones, drop the rest (ids of others are refused)."""
    by_id = {item.id: item for item in current}
    kept = []
    for position, data in enumerate(wanted):
        item = by_id.get(data.get("id")) if data.get("id") is not None else None
        if data.get("id") is not None and item is None:
            field = "offers" if model is Offer else "needs"
            raise ValidationFailed(
                say.FOREIGN_ITEM(), {f"{field}.{position}.id": [say.NO_SUCH_ITEM(kind=field[:-1], id=data["id"])]})
        item = item or model()
        for key in (*_ITEM_FIELDS, volume_field):
            setattr(item, key, data.get(key))
        item.description = item.description or ""
        kept.append(item)
    current[:] = kept


def _commit_company(company: Company) -> None:
    try:
        db.session.flush()
        if company.id is not None and company in db.session:
            record_change("company", company.id)
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise PreconditionFailed(say.COMPANY_CHANGED()) from None
    except IntegrityError as exc:
        db.session.rollback()
        raise _conflict_from(exc) from None


def _conflict_from(exc: IntegrityError) -> Conflict:
    """Name the field a unique constraint protects, so people know what to change."""
    message = str(exc.orig).lower()
    if "tax_id" in message:
        return Conflict(say.TAX_ID_TAKEN(), {"tax_id": [say.TAX_ID_TAKEN_FIELD()]})
    if "owner_id" in message:
        return Conflict(say.OWNER_TAKEN(), {"owner": [say.OWNER_TAKEN_FIELD()]})
    return Conflict(say.WRITE_CONFLICT())
