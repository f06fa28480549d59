"""A match's reasons and pairs as the API, the pages and the exports show them (one place for the shape)."""
from __future__ import annotations

from matcher.scoring.model import Match


def reasons_of(match: Match) -> list[dict]:
    return [{"feature": r.feature, "contribution": round(r.contribution, 1), "detail": r.detail}
            for r in match.reasons]


def pairs_of(match: Match) -> list[dict]:
    return [{"offer_id": p.offer_id, "need_id": p.need_id, "score": round(p.score, 1)} for p in match.pairs]
