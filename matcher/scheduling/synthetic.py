"""Synthetic missions for tests and benchmarks: companies in sectors, scores that cluster like real ones."""
from __future__ import annotations

import random

from matcher.scheduling.model import Candidate, Problem
from matcher.settings import SETTINGS

SECTORS = 6


def synthetic_problem(companies: int, slots: int, tables: int, seed: int = 0,
                      per_company: int = SETTINGS.mission_pairs_per_company,
                      min_score: float = SETTINGS.meeting_min_score, partial_availability: float = 0.2,
                      dual_role: float = 0.1) -> Problem:
    """A mission like the corridor's: suppliers and buyers (a few both), popular suppliers,
    some people present only part of the day, candidates capped per company as the match list is."""
    rng = random.Random(seed)
    ids = list(range(1, companies + 1))
    role = {}
    for company_id in ids:
        draw = rng.random()
        role[company_id] = "both" if draw < dual_role else ("supplier" if draw < (1 + dual_role) / 2 else "buyer")
    sector = {c: rng.randrange(SECTORS) for c in ids}
    appeal = {c: rng.gauss(0, 8) for c in ids}
    suppliers = [c for c in ids if role[c] in ("supplier", "both")]
    buyers = [c for c in ids if role[c] in ("buyer", "both")]
    scored = []
    for s in suppliers:
        for b in buyers:
            if s == b:
                continue
            gap = min((sector[s] - sector[b]) % SECTORS, (sector[b] - sector[s]) % SECTORS)
            score = 78 - 22 * gap + appeal[s] + rng.gauss(0, 9)
            if score >= min_score:
                scored.append(Candidate(s, b, round(min(score, 100.0), 1)))
    scored.sort(key=lambda c: -c.score)
    count = dict.fromkeys(ids, 0)
    candidates = []
    for cand in scored:  # the match list's rule: best first, at most per_company for each side
        if count[cand.supplier_id] < per_company and count[cand.buyer_id] < per_company:
            candidates.append(cand)
            count[cand.supplier_id] += 1
            count[cand.buyer_id] += 1
    availability = {}
    for company_id in ids:
        if rng.random() < partial_availability:
            size = rng.randint(max(1, slots // 2), slots)
            availability[company_id] = frozenset(rng.sample(range(1, slots + 1), size))
    return Problem(slots=slots, tables=tables, candidates=tuple(candidates), availability=availability)
