"""Cooperation types (issue 15): what kind of deal an offer or a need is about, and how well two agree."""
# The types follow the EEN partnering profiles: supply, contract manufacturing / subcontracting,
# dealership / distribution, joint venture / localisation, training and education, construction and
# engineering services, technology / licensing. An item may name several; one that names none is
# "any kind" and scores exactly as before this feature existed (no points, no penalty).
#
# This is one feature in the shape of the others — `(need types, offer types) -> (score, detail)` —
# applied to an already explained `Match` by `adjust_match`, so the lead can move it into the
# feature registry without changing what it decides. Pure Python: no Flask, no SQLAlchemy.
from __future__ import annotations

from dataclasses import replace

from matcher.scoring.model import Match, Reason

TYPES = ("supply", "contract_manufacturing", "distribution", "joint_venture", "training", "construction",
         "licensing")
FEATURE = "cooperation"

# Kinds that are not the same but do meet: a dealer sources from a supplier, a subcontractor supplies,
# a licence is often how a joint venture localises. Everything else that differs is a mismatch.
RELATED = {frozenset(("supply", "distribution")): 0.5, frozenset(("supply", "contract_manufacturing")): 0.5,
           frozenset(("joint_venture", "licensing")): 0.5, frozenset(("joint_venture", "contract_manufacturing")): 0.4}

BONUS_POINTS = 8.0        # the most a full agreement adds to a match
MISMATCH_POINTS = -10.0   # both sides declared kinds and none meets: a JV seeker is not a buyer of goods
# Like the other context features, the bonus only counts in full for a pair whose product already
# fits: the same kind of deal about different things is no reason to meet.
GATE_SCORE = 50.0

NAMES = {
    "en": {"supply": "supply", "contract_manufacturing": "contract manufacturing", "distribution": "distribution",
           "joint_venture": "joint venture", "training": "training", "construction": "construction services",
           "licensing": "licensing"},
    "ru": {"supply": "поставки", "contract_manufacturing": "контрактное производство",
           "distribution": "дилерство", "joint_venture": "совместное предприятие", "training": "обучение",
           "construction": "строительные услуги", "licensing": "лицензирование"},
}
_DETAIL = {
    "en": {"same": "both seek {kinds}", "related": "{need} meets {offer}",
           "mismatch": "need seeks {need}, offer is {offer}"},
    "ru": {"same": "обе стороны ищут: {kinds}", "related": "{need} сочетается с {offer}",
           "mismatch": "потребность — {need}, предложение — {offer}"},
}


def unknown_types(values) -> list[str]:
    """The values that are not cooperation types (for validation messages)."""
    return [v for v in values if v not in TYPES]


def cooperation_fit(need_types, offer_types) -> float | None:
    """1 for a shared kind, a part for related kinds, 0 for none; None when a side named no kind."""
    need, offer = set(need_types or ()), set(offer_types or ())
    if not need or not offer:
        return None
    if need & offer:
        return 1.0
    return max((RELATED.get(frozenset((a, b)), 0.0) for a in need for b in offer), default=0.0)


def cooperation_detail(need_types, offer_types, lang: str = "en") -> str:
    names, words = NAMES.get(lang, NAMES["en"]), _DETAIL.get(lang, _DETAIL["en"])
    need, offer = [t for t in TYPES if t in set(need_types)], [t for t in TYPES if t in set(offer_types)]
    shared = [t for t in need if t in offer]
    if shared:
        return words["same"].format(kinds=", ".join(names[t] for t in shared))
    said = {"need": ", ".join(names[t] for t in need), "offer": ", ".join(names[t] for t in offer)}
    return words["related" if cooperation_fit(need, offer) else "mismatch"].format(**said)


def cooperation_points(score: float, need_types, offer_types) -> float:
    """Points the feature adds to (or takes from) a match scoring `score`; 0 when a side named no kind."""
    fit = cooperation_fit(need_types, offer_types)
    if fit is None:
        return 0.0
    if fit == 0.0:
        return max(MISMATCH_POINTS, -score)
    gained = BONUS_POINTS * fit * min(1.0, score / GATE_SCORE)
    return min(gained, 100.0 - score)


def adjust_match(match: Match, need_types, offer_types, lang: str = "en") -> Match:
    """`match` with the cooperation reason added and its score moved by it; unchanged when a side
    named no kind. The reasons still add up to the score (both in tenths of a point)."""
    points = round(cooperation_points(match.score, need_types, offer_types), 1)
    if points == 0.0:
        return match
    score = round(match.score + points, 1)
    reason = Reason(FEATURE, points, cooperation_detail(need_types, offer_types, lang))
    reasons = tuple(sorted((*match.reasons, reason), key=lambda r: (-r.contribution, r.feature)))
    pairs = match.pairs[:1] and (replace(match.pairs[0], score=score), *match.pairs[1:])
    return Match(match.company_id, score, reasons, tuple(pairs))


def rerank(matches: list[Match]) -> list[Match]:
    """Best first again after adjusting (ties by company id, as the engine orders them)."""
    return sorted(matches, key=lambda m: (-round(m.score, 1), m.company_id))
