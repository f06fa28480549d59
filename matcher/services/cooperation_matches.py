"""Cooperation types in the match lists (issue 15): the engine ranks, this re-scores by kind of deal.

Candidate retrieval and product scoring stay in the index; the cooperation feature
(matcher/scoring/cooperation.py) is applied to the best pair of each match, with the types read
from the database in one query per side. A list is asked for with some room, so a match that a
mismatch pushes down makes way for the next one.
"""
from __future__ import annotations

from sqlalchemy import select

from matcher.db import db
from matcher.models import Need, Offer
from matcher.scoring import cooperation
from matcher.scoring.model import Match

ROOM = 2  # ask the engine for this many times the matches wanted, to re-rank among them


def types_of(model, ids) -> dict[int, list[str]]:
    ids = sorted(set(ids))
    if not ids:
        return {}
    rows = db.session.execute(select(model.id, model.cooperation_types).where(model.id.in_(ids))).all()
    return {r.id: list(r.cooperation_types or ()) for r in rows}


def company_types(company_ids) -> dict[int, set[str]]:
    """The cooperation types each company names on any of its offers or needs (the match list's filter)."""
    ids = sorted(set(company_ids))
    found: dict[int, set[str]] = {}
    for model in (Offer, Need):
        if ids:
            for company_id, kinds in db.session.execute(
                    select(model.company_id, model.cooperation_types).where(model.company_id.in_(ids))):
                found.setdefault(company_id, set()).update(kinds or ())
    return found


def adjusted(matches: list[Match], lang: str = "en") -> list[Match]:
    """Each match moved by the cooperation kinds of its best pair, best first again."""
    firsts = [m.pairs[0] for m in matches if m.pairs]
    offers = types_of(Offer, (p.offer_id for p in firsts))
    needs = types_of(Need, (p.need_id for p in firsts))
    if not any(offers.values()) or not any(needs.values()):
        return matches          # nobody on one side named a kind: the engine's order stands
    out = []
    for match in matches:
        if match.pairs:
            pair = match.pairs[0]
            match = cooperation.adjust_match(match, needs.get(pair.need_id, ()), offers.get(pair.offer_id, ()), lang)
        out.append(match)
    return cooperation.rerank(out)


def engine_min_score(min_score: float) -> float:
    """The floor to ask the engine for, so that a list can keep every match scoring `min_score`
    after the cooperation feature: a shared kind lifts a match by up to BONUS_POINTS."""
    return max(0.0, min_score - cooperation.BONUS_POINTS) if min_score > 0 else min_score


def with_cooperation(find, lang: str = "en", min_score: float = 0.0):
    """`find(count)` that asks for more, applies the cooperation feature and keeps `count`, less
    the matches it leaves below `min_score` (or at nothing). `find` asks the engine with
    engine_min_score(min_score), so that those it lifts to `min_score` are among them."""

    def find_adjusted(count: int) -> list[Match]:
        found = find(count * ROOM)
        kept = [m for m in adjusted(found, lang) if round(m.score, 1) >= min_score and round(m.score, 1) > 0]
        return kept[:count] if len(found) >= count * ROOM else kept

    return find_adjusted
