"""Niche use cases: the catalogue of markets left by departed firms."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm.exc import StaleDataError

from matcher.db import db, utcnow
from matcher.errors import NotFound, PreconditionFailed
from matcher.models import Niche
from matcher.schemas import load_or_raise
from matcher.schemas.niche import NicheOutSchema, NicheSchema
from matcher.services.changes import record_change

_FIELDS = ("title", "departed_company", "departed_country", "exit_year", "region", "description",
           "hs_codes", "nace_codes", "est_annual_volume_usd")


def get_niche(niche_id: int) -> Niche:
    niche = db.session.get(Niche, niche_id)
    if niche is None:
        raise NotFound(f"No niche with id {niche_id}")
    return niche


def niche_to_dict(niche: Niche) -> dict:
    return NicheOutSchema().dump(niche)


def create_niche(payload: dict) -> Niche:
    data = load_or_raise(NicheSchema(), payload)
    niche = Niche(**{key: data.get(key) for key in _FIELDS})
    db.session.add(niche)
    db.session.flush()
    record_change("niche", niche.id)
    db.session.commit()
    return niche


def update_niche(niche_id: int, patch: dict, expected_version: int | None = None) -> Niche:
    niche = get_niche(niche_id)
    if expected_version is not None and niche.version != expected_version:
        raise PreconditionFailed(f"The niche changed since you read it (version {niche.version})")
    current = {k: v for k, v in niche_to_dict(niche).items() if k in _FIELDS and v is not None}
    data = load_or_raise(NicheSchema(), {**current, **(patch if isinstance(patch, dict) else {"_": patch})})
    for key in _FIELDS:
        setattr(niche, key, data.get(key))
    niche.updated_at = utcnow()
    record_change("niche", niche.id)
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise PreconditionFailed("The niche was changed by someone else meanwhile") from None
    return niche


def delete_niche(niche_id: int, expected_version: int | None = None) -> None:
    niche = get_niche(niche_id)
    if expected_version is not None and niche.version != expected_version:
        raise PreconditionFailed(f"The niche changed since you read it (version {niche.version})")
    db.session.delete(niche)
    record_change("niche", niche_id)
    db.session.commit()


def list_niches(page: int = 1, per_page: int = 50, region: str | None = None) -> tuple[list[Niche], int]:
    query = select(Niche)
    if region:
        query = query.where(Niche.region == region.upper())
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    rows = db.session.scalars(query.order_by(Niche.id).limit(per_page).offset((page - 1) * per_page)).all()
    return list(rows), total or 0
