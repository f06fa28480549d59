"""Niche use cases: the catalogue of markets left by departed firms."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm.exc import StaleDataError

from matcher.db import db, utcnow
from matcher.errors import Conflict, NotFound, PreconditionFailed, ValidationFailed
from matcher.messages import companies as say
from matcher.messages.input import EXPECTED_OBJECT, NOT_A_JSON_OBJECT
from matcher.models import Niche
from matcher.schemas import load_or_raise
from matcher.schemas.niche import NicheOutSchema, NicheSchema
from matcher.services.changes import record_change
from matcher.text_safety import clean_text

_FIELDS = ("title", "departed_company", "departed_country", "exit_year", "region", "description",
           "hs_codes", "nace_codes", "est_annual_volume_usd")
UNCONDITIONAL_ATTEMPTS = 3  # saves without a version redo their merge when another save got in first


def get_niche(niche_id: int) -> Niche:
    niche = db.session.get(Niche, niche_id)
    if niche is None:
        raise NotFound(say.NICHE_NOT_FOUND(id=niche_id))
    return niche


def niche_to_dict(niche: Niche) -> dict:
    return NicheOutSchema().dump(niche)


def create_niche(payload: dict, english: dict | None = None) -> Niche:
    """A new niche; `english` may give its texts for English pages (title_en, description_en)."""
    data = load_or_raise(NicheSchema(), payload)
    niche = Niche(**{key: data.get(key) for key in _FIELDS}, **english_texts(english))
    db.session.add(niche)
    db.session.flush()
    record_change("niche", niche.id)
    db.session.commit()
    return niche


def english_texts(english: dict | None) -> dict:
    """title_en / description_en as the model stores them (blank is none: the Russian text is shown)."""
    english = english or {}
    return {key: clean_text(str(english.get(key) or "")).strip() or None for key in ("title_en", "description_en")}


def update_niche(niche_id: int, patch: dict, expected_version: int | None = None) -> Niche:
    """Merge `patch` into the niche; without `expected_version` a save that got in first is redone on top."""
    return _unless_raced(_update_niche_once, niche_id, patch, expected_version=expected_version)


def delete_niche(niche_id: int, expected_version: int | None = None) -> None:
    _unless_raced(_delete_niche_once, niche_id, expected_version=expected_version)


def _unless_raced(write, *args, expected_version: int | None):
    """Run a versioned write; an unconditional one is redone when another save got in first."""
    if expected_version is not None:
        return write(*args, expected_version)
    for _attempt in range(UNCONDITIONAL_ATTEMPTS):
        try:
            return write(*args, None)
        except PreconditionFailed:
            continue
    raise Conflict(say.NICHE_BUSY())


def _update_niche_once(niche_id: int, patch: dict, expected_version: int | None) -> Niche:
    niche = get_niche(niche_id)
    if expected_version is not None and niche.version != expected_version:
        raise PreconditionFailed(say.NICHE_VERSION(version=niche.version))
    if not isinstance(patch, dict):
        raise ValidationFailed(NOT_A_JSON_OBJECT(), {"_schema": [EXPECTED_OBJECT()]})
    current = {k: v for k, v in niche_to_dict(niche).items() if k in _FIELDS and v is not None}
    data = load_or_raise(NicheSchema(), {**current, **patch})
    for key in _FIELDS:
        setattr(niche, key, data.get(key))
    niche.updated_at = utcnow()
    record_change("niche", niche.id)
    _commit_versioned()
    return niche


def _delete_niche_once(niche_id: int, expected_version: int | None) -> None:
    niche = get_niche(niche_id)
    if expected_version is not None and niche.version != expected_version:
        raise PreconditionFailed(say.NICHE_VERSION(version=niche.version))
    db.session.delete(niche)
    record_change("niche", niche_id)
    _commit_versioned()


def _commit_versioned() -> None:
    try:
        db.session.commit()
    except StaleDataError:  # the versioned UPDATE or DELETE found another version: someone saved first
        db.session.rollback()
        raise PreconditionFailed(say.NICHE_CHANGED()) from None


def list_niches(page: int = 1, per_page: int = 50, region: str | None = None) -> tuple[list[Niche], int]:
    query = select(Niche)
    if region:
        query = query.where(Niche.region == region.upper())
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    rows = db.session.scalars(query.order_by(Niche.id).limit(per_page).offset((page - 1) * per_page)).all()
    return list(rows), total or 0
