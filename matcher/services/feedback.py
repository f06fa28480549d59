"""Feedback for ranking (issue 15): what users did with suggested partners, as labels, and how well
today's scores rank it.

Labels, strongest last: not relevant (0) and an outcome of no contact (0) are negatives; «interested»
(1), a meeting held (2), talks (2), a signed contract or deliveries (3) are positives. Each label is a
supplier–buyer pair seen from the company that acted; a pair keeps its strongest label per actor.
`evaluate` scores each labelled pair with today's engine and reports the AUC (does a positive
outscore a negative?) and the mean nDCG of each actor's labelled partners ranked by score, so the
weights can later be refitted on real behaviour.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import select

from matcher.db import db
from matcher.models import CONTRACT_STATES, Company, MatchInterest, Meeting, MissionSchedule, Outcome
from matcher.services.outcomes import latest_schedule_ids

GAINS = {"not_relevant": 0, "no_contact": 0, "interested": 1, "meeting": 2, "talks": 2, "contract": 3}


@dataclass(frozen=True)
class Label:
    actor_id: int       # the company that acted (for meetings and outcomes: each side)
    supplier_id: int
    buyer_id: int
    kind: str           # a key of GAINS

    @property
    def gain(self) -> int:
        return GAINS[self.kind]


def auc(positives: list[float], negatives: list[float]) -> float | None:
    """P(a positive outscores a negative), ties half; None without both kinds."""
    if not positives or not negatives:
        return None
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def ndcg(gains_in_score_order: list[int]) -> float | None:
    """nDCG of graded gains listed in the order the scores rank them; None when nothing is relevant."""
    def dcg(gains):
        return sum((2 ** g - 1) / math.log2(rank + 2) for rank, g in enumerate(gains))

    ideal = dcg(sorted(gains_in_score_order, reverse=True))
    return dcg(gains_in_score_order) / ideal if ideal > 0 else None


def collect_labels() -> list[Label]:
    roles = {r.id: (r.is_supplier, r.is_buyer) for r in db.session.execute(
        select(Company.id, Company.is_supplier, Company.is_buyer))}
    best: dict[tuple[int, int, int], Label] = {}

    def add(actor: int, supplier: int, buyer: int, kind: str) -> None:
        key = (actor, supplier, buyer)
        if key not in best or GAINS[kind] > best[key].gain:
            best[key] = Label(actor, supplier, buyer, kind)

    for r in db.session.execute(select(MatchInterest.company_id, MatchInterest.partner_id, MatchInterest.state)):
        actor, partner = r.company_id, r.partner_id
        if actor not in roles or partner not in roles:
            continue
        supplier, buyer = (partner, actor) if roles[actor][1] and roles[partner][0] else (actor, partner)
        add(actor, supplier, buyer, r.state)
    for r in db.session.execute(select(Meeting.supplier_id, Meeting.buyer_id)
                                .where(Meeting.schedule_id.in_(select(MissionSchedule.id)
                                                               .where(MissionSchedule.id.in_(latest_schedule_ids()))))):
        add(r.buyer_id, r.supplier_id, r.buyer_id, "meeting")
        add(r.supplier_id, r.supplier_id, r.buyer_id, "meeting")
    for o in db.session.scalars(select(Outcome)):
        kind = "contract" if o.state in CONTRACT_STATES else o.state
        add(o.buyer_id, o.supplier_id, o.buyer_id, kind)
        add(o.supplier_id, o.supplier_id, o.buyer_id, kind)
    return sorted(best.values(), key=lambda lb: (lb.actor_id, lb.supplier_id, lb.buyer_id))


def evaluate(score_pair=None) -> dict:
    """Labels scored with today's engine: counts, AUC and mean nDCG over the actors."""
    if score_pair is None:
        from matcher.services.matching import score_pair as engine_pair

        from matcher.services.cooperation_matches import adjusted

        def score_pair(supplier_id: int, buyer_id: int) -> float:
            """Today's score as users see it: the engine's, moved by the kinds of cooperation."""
            try:
                match = engine_pair(supplier_id, buyer_id)
            except KeyError:        # not in the index (deleted, or no longer a supplier / buyer)
                return 0.0
            return adjusted([match])[0].score if match is not None else 0.0

    labels = collect_labels()
    scores = {(lb.supplier_id, lb.buyer_id): None for lb in labels}
    for pair in scores:
        scores[pair] = score_pair(*pair)
    positives = [scores[(lb.supplier_id, lb.buyer_id)] for lb in labels if lb.gain > 0]
    negatives = [scores[(lb.supplier_id, lb.buyer_id)] for lb in labels if lb.gain == 0]
    by_actor: dict[int, list[Label]] = {}
    for lb in labels:
        by_actor.setdefault(lb.actor_id, []).append(lb)
    per_actor = []
    for actor_labels in by_actor.values():
        if len(actor_labels) < 2:
            continue      # one labelled partner ranks perfectly whatever the score: it says nothing
        ranked = sorted(actor_labels, key=lambda lb: (-scores[(lb.supplier_id, lb.buyer_id)], lb.supplier_id,
                                                       lb.buyer_id))
        value = ndcg([lb.gain for lb in ranked])
        if value is not None:
            per_actor.append(value)
    area = auc(positives, negatives)
    return {
        "labels": len(labels),
        "positives": len(positives),
        "negatives": len(negatives),
        "by_kind": {kind: sum(1 for lb in labels if lb.kind == kind) for kind in GAINS},
        "auc": None if area is None else round(area, 4),
        "ndcg": round(sum(per_actor) / len(per_actor), 4) if per_actor else None,
        "actors_ranked": len(per_actor),
    }
