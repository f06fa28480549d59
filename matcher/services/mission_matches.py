"""A mission's match list: every supplier–buyer pair among its participants worth a meeting.

The mission's sector focus (hs_prefixes, nace_prefixes) is a filter, not a bonus: with a focus,
a pair is listed only when the supplier's offers or the buyer's needs carry a code in it. A bonus
would change scores that must stay comparable with every other match list and add up to their
reasons; a filter keeps the scores as the engine gives them and says plainly why a pair is absent.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from matcher.models import Company, Mission
from matcher.db import db
from matcher.policy import sees_every_participant
from matcher.services import matching
from matcher.services.match_dicts import pairs_of, reasons_of
from matcher.services.missions import company_id_of, load_mission
from matcher.settings import SETTINGS
from matcher.taxonomy import nace


def mission_match_list(mission_id: int, user, min_score: float = SETTINGS.meeting_min_score,
                       per_company: int = SETTINGS.mission_pairs_per_company, lang: str = "en") -> dict:
    """`{"items": [{"supplier", "buyer", "score", "reasons", "pairs"}], "total", …}`, best first.

    At most `per_company` pairs per company, counting both sides for a company that sells and
    buys. A company account sees only the pairs of its own company. Reasons are worded in `lang`."""
    mission = load_mission(mission_id, user)
    items = mission_match_items(mission, min_score=min_score, per_company=per_company, lang=lang)
    if not sees_every_participant(user):
        own = company_id_of(user)
        items = [i for i in items if own in (i["supplier"]["id"], i["buyer"]["id"])]
    return {
        "items": items, "total": len(items), "min_score": min_score, "per_company": per_company,
        "sector_focus": {"hs_prefixes": list(mission.hs_prefixes or []),
                         "nace_prefixes": list(mission.nace_prefixes or []), "applied_as": "filter"},
    }


def mission_match_items(mission: Mission, min_score: float = SETTINGS.meeting_min_score,
                        per_company: int = SETTINGS.mission_pairs_per_company, lang: str = "en") -> list[dict]:
    companies = list(db.session.scalars(
        select(Company).where(Company.id.in_([p.company_id for p in mission.participants]))
        .options(selectinload(Company.offers), selectinload(Company.needs))
    ))
    hs_focus, nace_focus = tuple(mission.hs_prefixes or ()), tuple(mission.nace_prefixes or ())
    by_id = {c.id: c for c in companies}

    def in_focus(supplier_id: int, buyer_id: int) -> bool:
        return pair_in_focus(by_id[supplier_id], by_id[buyer_id], hs_focus, nace_focus)
    # one vectorised pass over every pair; best first, at most per_company pairs per company
    scored = matching.score_pairs_among(list(by_id), min_score=min_score, per_company=per_company,
                                        allow=in_focus if hs_focus or nace_focus else None, lang=lang)
    return [_item(by_id[s], by_id[b], match) for s, b, match in scored]


def pair_in_focus(supplier: Company, buyer: Company, hs_focus, nace_focus) -> bool:
    """True when an offer of the supplier or a need of the buyer carries a code within the focus
    (a broader code such as chapter 84 overlaps a focus on 8436 and counts too)."""
    hs_codes = [c for item in [*supplier.offers, *buyer.needs] for c in item.hs_codes or ()]
    nace_codes = [c for item in [*supplier.offers, *buyer.needs] for c in item.nace_codes or ()]
    if any(code.startswith(p) or p.startswith(code) for code in hs_codes for p in hs_focus):
        return True
    return any(_nace_overlaps(code, p) for code in nace_codes for p in nace_focus)


def _nace_overlaps(code: str, prefix: str) -> bool:
    if code.startswith(prefix) or prefix.startswith(code):
        return True
    return prefix in nace.parents(code)  # a section letter such as «C» heads its divisions


def _summary(company: Company) -> dict:
    return {"id": company.id, "name": company.name, "name_en": company.name_en,
            "country": company.country, "region": company.region}


def _item(supplier: Company, buyer: Company, match) -> dict:
    return {
        "supplier": _summary(supplier),
        "buyer": _summary(buyer),
        "score": round(match.score, 1),
        "reasons": reasons_of(match),
        "pairs": pairs_of(match),
    }
