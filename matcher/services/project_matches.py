"""Suppliers suggested for a project (issue 15), scored by the same engine as every match.

A project is not in the match index (it is a call for proposals, not a company's profile), so it is
scored as a niche would be, over a small engine of the suppliers whose codes share a chapter or a
division with the project, or who wrote no codes (all public suppliers when it names none; at most
CANDIDATES); its
cooperation types then re-score each match (matcher/scoring/cooperation.py).
"""
from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from matcher.db import db
from matcher.models import Company, CompanyCode, Offer, Project
from matcher.scoring import cooperation
from matcher.scoring.engine import MatchEngine
from matcher.scoring.model import Item, Niche as NicheProfile
from matcher.services.cooperation_matches import types_of
from matcher.services.matching import _with_summaries, company_profile
from matcher.services.visibility import public_company_clause

CANDIDATES = 400
# The niche feature means "fills the niche a departed firm left": a project is no such niche.
PROJECT_WEIGHTS = {"niche": 0.0}


def _candidate_ids(project: Project) -> list[int]:
    prefixes = [("hs", c[:2]) for c in project.hs_codes or ()] + [("nace", c[:2]) for c in project.nace_codes or ()]
    query = select(Company.id).where(Company.is_supplier.is_(True), public_company_clause(),
                                     Company.id != project.owner_company_id)
    if prefixes:
        # suppliers sharing a chapter or division, and those who wrote no codes at all (words alone must
        # still find them: the engine reads their codes from the text)
        coded = select(CompanyCode.company_id)
        sharing = coded.where(or_(*((CompanyCode.scheme == scheme) & CompanyCode.code.startswith(prefix)
                                    for scheme, prefix in prefixes)))
        query = query.where(Company.id.in_(sharing) | Company.id.not_in(coded))
    return list(db.session.scalars(query.order_by(Company.id).limit(CANDIDATES)))


def project_item(project: Project) -> NicheProfile:
    item = Item(id=project.id, title=project.title, description=project.description or "",
                hs_codes=tuple(project.hs_codes or ()), nace_codes=tuple(project.nace_codes or ()),
                volume_usd=project.budget_max_usd)
    return NicheProfile(id=project.id, item=item, departed_company=project.title, region=project.region)


def suppliers_for_project(project: Project, limit: int = 20, min_score: float = 0.0, lang: str = "en") -> list[dict]:
    ids = _candidate_ids(project)
    if not ids:
        return []
    # Preparing items stems words, and the stemmers are not thread-safe: a classifier warm-up started
    # by a page with the code picker must be over first (as code_lookup's own requests wait for it).
    from matcher.services.code_lookup import _after_warm_up

    _after_warm_up()
    companies = db.session.scalars(select(Company).where(Company.id.in_(ids))
                                   .options(selectinload(Company.offers), selectinload(Company.needs)))
    engine = MatchEngine()
    engine.build([company_profile(c) for c in companies], [project_item(project)])
    found = engine.suppliers_for_niche(project.id, limit=limit * 2, min_score=min_score,
                                       weights=PROJECT_WEIGHTS, lang=lang)
    if project.cooperation_types:
        offers = types_of(Offer, (m.pairs[0].offer_id for m in found if m.pairs))
        found = cooperation.rerank([
            cooperation.adjust_match(m, project.cooperation_types, offers.get(m.pairs[0].offer_id, ()), lang)
            if m.pairs else m for m in found])
    found = [m for m in found if round(m.score, 1) >= min_score and m.score > 0]
    return _with_summaries(found)[:limit]
