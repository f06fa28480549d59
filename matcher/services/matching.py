"""Matching use cases over this worker's index, which follows the database's change log.

Each worker maps the machine's newest index snapshot and replays `change_log` rows past it
(checked at most every MATCH_INDEX_REFRESH_SECONDS), so a profile edited through any worker or
machine reaches every worker's matches within seconds; see matcher.services.match_index.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from matcher.db import db
from matcher.errors import NotFound, ValidationFailed
from matcher.messages import companies as say
from matcher.models import Company, Niche
from matcher.scoring.engine import MatchEngine
from matcher.scoring.model import Item, Match, Niche as NicheProfile, Profile
from matcher.services import runtime
from matcher.services.match_dicts import pairs_of, reasons_of
from matcher.services.shown_matches import RankedMatches

def offer_item(offer) -> Item:
    return Item(id=offer.id, title=offer.title, description=offer.description or "",
                hs_codes=tuple(offer.hs_codes or ()), nace_codes=tuple(offer.nace_codes or ()),
                volume_usd=offer.annual_capacity_usd)


def need_item(need) -> Item:
    return Item(id=need.id, title=need.title, description=need.description or "",
                hs_codes=tuple(need.hs_codes or ()), nace_codes=tuple(need.nace_codes or ()),
                volume_usd=need.annual_volume_usd)


def company_profile(company: Company) -> Profile:
    """The engine's plain view of a stored company."""
    return Profile(
        id=company.id, name=company.name, country=company.country, region=company.region,
        roles=frozenset(company.roles), description=company.description or "",
        languages=tuple(company.languages or ()), certifications=tuple(company.certifications or ()),
        offers=tuple(offer_item(o) for o in company.offers),
        needs=tuple(need_item(n) for n in company.needs),
    )


def niche_profile(niche: Niche) -> NicheProfile:
    item = Item(id=niche.id, title=niche.title, description=niche.description or "",
                hs_codes=tuple(niche.hs_codes or ()), nace_codes=tuple(niche.nace_codes or ()),
                volume_usd=niche.est_annual_volume_usd)
    label = niche.departed_company + (f" ({niche.exit_year})" if niche.exit_year else "")
    return NicheProfile(id=niche.id, item=item, departed_company=label, region=niche.region)


def _load_companies(ids=None) -> list[Company]:
    query = select(Company).options(selectinload(Company.offers), selectinload(Company.needs))
    if ids is not None:
        query = query.where(Company.id.in_(ids))
    return list(db.session.scalars(query))


def match_engine(force_refresh: bool = False) -> MatchEngine:
    """This worker's engine (see matcher.services.match_index): 503 in a request while it loads."""
    return runtime.match_engine(force_refresh)


def _company_summaries(ids: list[int]) -> dict[int, dict]:
    """Summaries of the public companies among `ids` (a private one is nobody's match)."""
    from matcher.services.visibility import public_company_clause

    if not ids:
        return {}
    rows = db.session.execute(
        select(Company.id, Company.name, Company.name_en, Company.country, Company.region, Company.city)
        .where(Company.id.in_(ids), public_company_clause())
    ).all()
    return {r.id: {"id": r.id, "name": r.name, "name_en": r.name_en, "country": r.country,
                   "region": r.region, "city": r.city} for r in rows}


def match_to_dict(match: Match, summary: dict) -> dict:
    return {
        "company": summary,
        "score": round(match.score, 1),
        "reasons": reasons_of(match),
        "pairs": pairs_of(match),
    }


def _with_summaries(matches: list[Match]) -> list[dict]:
    summaries = _company_summaries([m.company_id for m in matches])
    # A company deleted a moment ago may still be in the index, and a private one stays in it
    # (its owner sees their own matches); leave both out.
    return [match_to_dict(m, summaries[m.company_id]) for m in matches if m.company_id in summaries]


def _top_public(find, limit: int) -> list[dict]:
    """The best `limit` public matches: asks the engine for more while private ones fill the list."""
    fetch = limit
    while True:
        matches = find(fetch)
        shown = _with_summaries(matches)
        if len(shown) >= limit or len(matches) < fetch:
            return shown[:limit]
        fetch *= 2


def resolve_side(company: Company, as_role: str | None) -> str:
    """Which side the company looks from: 'buyer' finds suppliers, 'supplier' finds buyers."""
    if as_role is not None:
        if as_role not in ("buyer", "supplier"):
            raise ValidationFailed(say.SIDE_ONE_OF(), {"as": [say.SIDE_CHOICES()]})
        if as_role not in company.roles:
            raise ValidationFailed(say.NOT_IN_ROLE(role=as_role),
                                   {"as": [say.ROLES_ARE(roles=", ".join(company.roles))]})
        return as_role
    return "buyer" if company.is_buyer else "supplier"


def matches_for_company(company_id: int, as_role: str | None = None, limit: int = 20,
                        min_score: float = 0.0, weights: dict | None = None, lang: str = "en",
                        worded: bool = True) -> list[dict]:
    """Ranked partners of a company, best first, each with reasons (details in `lang`: 'en' or
    'ru') and the pairs behind it; with `worded` False, without reasons (a digest shows none)."""
    ranked = ranked_for_company(company_id, as_role, limit, min_score, weights, lang)
    if not worded or ranked.word(ranked.items):
        return ranked.items
    # the index took a change between the two reads: rank once more, every match worded
    return ranked_for_company(company_id, as_role, limit, min_score, weights, lang, all_worded=True).items


def ranked_for_company(company_id: int, as_role: str | None = None, limit: int = 20, min_score: float = 0.0,
                       weights: dict | None = None, lang: str = "en", all_worded: bool = False) -> RankedMatches:
    """matches_for_company's list with no match worded (unless `all_worded`), for the surface to
    pick the ones it shows and word those (RankedMatches.word)."""
    company = db.session.get(Company, company_id)
    if company is None:
        raise NotFound(say.COMPANY_NOT_FOUND(id=company_id))
    side = resolve_side(company, as_role)
    counts: list[int] = []
    # issue 15: cooperation types re-score the engine's list (services/cooperation_matches.py)
    from matcher.services.cooperation_matches import engine_min_score, with_cooperation

    def ask(count: int, which) -> list[Match]:
        def once(engine: MatchEngine, count: int) -> list[Match]:
            finder = engine.suppliers_for_buyer if side == "buyer" else engine.buyers_for_supplier
            return finder(company_id, limit=count, min_score=engine_min_score(min_score), weights=weights, lang=lang,
                          explain=which)

        counts.append(count)
        return _asking_again_when_not_indexed(once)(count)

    items = _top_public(with_cooperation(lambda count: ask(count, None if all_worded else 0), lang, min_score), limit)
    if not all_worded:
        for item in items:
            item["reasons"] = []        # the cooperation reason alone, if any, until the match is worded
    return RankedMatches(items, ask, counts[-1] if counts else 0, lang)


def _asking_again_when_not_indexed(ask):
    """`ask(engine, count)` as `find(count)`: a subject written a moment ago and not yet in this
    worker's index (KeyError) is asked once more of the refreshed engine — which may also have been
    swapped for a newer one meanwhile. Still missing, it is 503 + Retry-After, not a 500: a request
    replays at most a short tail, and a longer one (a bulk import) reaches the index in the
    background a few seconds later."""
    from matcher.services.index_readiness import not_ready

    def find(count: int) -> list[Match]:
        try:
            return ask(match_engine(), count)
        except KeyError:
            pass
        try:
            return ask(match_engine(force_refresh=True), count)
        except KeyError:
            raise not_ready() from None

    return find


def matches_for_niche(niche_id: int, limit: int = 20, min_score: float = 0.0,
                      weights: dict | None = None, side: str = "supplier", lang: str = "en") -> list[dict]:
    """Suppliers able to fill a niche (side='supplier'), or buyers who lost it (side='buyer')."""
    if db.session.get(Niche, niche_id) is None:
        raise NotFound(say.NICHE_NOT_FOUND(id=niche_id))

    def ask(engine: MatchEngine, count: int) -> list[Match]:
        finder = engine.suppliers_for_niche if side == "supplier" else engine.buyers_for_niche
        return finder(niche_id, limit=count, min_score=min_score, weights=weights, lang=lang)

    return _top_public(_asking_again_when_not_indexed(ask), limit)


def score_pairs_among(company_ids, min_score: float = 0.0, weights: dict | None = None,
                      per_company: int | None = None, allow=None, lang: str = "en") -> list[tuple[int, int, Match]]:
    """Every supplier–buyer pair among the companies worth `min_score`, scored in one pass:
    `[(supplier_id, buyer_id, match)]`, best first; see MatchEngine.pairs_among. Companies not in
    the index even after catching up (deleted a moment ago) are left out."""
    ids = list(company_ids)
    engine = match_engine()
    if not all(c in engine for c in ids):         # written a moment ago: catch up once
        engine = match_engine(force_refresh=True)
    ids = [c for c in ids if c in engine]
    try:
        return engine.pairs_among(ids, min_score=min_score, weights=weights, per_company=per_company, allow=allow,
                                  lang=lang)
    except KeyError:                               # removed between the check and the read
        ids = [c for c in ids if c in engine]
        return engine.pairs_among(ids, min_score=min_score, weights=weights, per_company=per_company, allow=allow,
                                  lang=lang)


def score_pair(supplier_id: int, buyer_id: int, weights: dict | None = None, lang: str = "en") -> Match | None:
    """The engine's verdict on one supplier–buyer pair (None when they cannot be paired — also when
    one of them is not in the index even after catching up: deleted, or not replayed yet)."""
    engine = match_engine()
    try:
        return engine.score_pair(supplier_id, buyer_id, weights=weights, lang=lang)
    except KeyError:
        pass
    try:
        return match_engine(force_refresh=True).score_pair(supplier_id, buyer_id, weights=weights, lang=lang)
    except KeyError:
        return None
