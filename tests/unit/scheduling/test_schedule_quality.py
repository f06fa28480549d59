"""Fairness first, then value close to the bound — no app, no database."""
from __future__ import annotations

import itertools
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.scheduling import Candidate, Problem, rule_violations, solve
from matcher.scheduling.synthetic import synthetic_problem

FAST = {"time_limit_s": 2.0, "stall_rounds": 40}


@st.composite
def hidden_perfect_matchings(draw):
    """n suppliers and n buyers that can all meet at once, hidden among tempting decoys."""
    n = draw(st.integers(1, 8))
    suppliers, buyers = list(range(1, n + 1)), list(range(101, 101 + n))
    order = draw(st.permutations(buyers))
    pairs = {(s, b): draw(st.floats(40, 60)) for s, b in zip(suppliers, order)}
    for s, b in draw(st.lists(st.tuples(st.sampled_from(suppliers), st.sampled_from(buyers)), max_size=3 * n)):
        pairs.setdefault((s, b), draw(st.floats(61, 100)))  # decoys outscore the hidden matching
    slots = draw(st.integers(1, 3))
    caps = {c: draw(st.integers(1, slots)) for c in suppliers + buyers}
    candidates = tuple(Candidate(s, b, round(w, 1)) for (s, b), w in pairs.items())
    return Problem(slots=slots, tables=n, candidates=candidates, max_meetings=caps)


@settings(max_examples=150, deadline=None)
@given(hidden_perfect_matchings())
def test_every_company_with_a_worthwhile_partner_meets_someone_when_capacity_allows(problem):
    schedule = solve(problem, **FAST)
    assert schedule.companies_with_partner == len({c for cand in problem.candidates
                                                   for c in (cand.supplier_id, cand.buyer_id)})
    assert schedule.companies_met == schedule.companies_with_partner
    assert rule_violations(problem, schedule) == []


def test_nobody_gets_a_second_meeting_while_someone_could_have_a_first():
    # One slot, one table each for two stars: value alone would give the 99-point pair both seats.
    problem = Problem(slots=2, tables=1, candidates=(
        Candidate(1, 2, 99.0), Candidate(1, 3, 98.0), Candidate(4, 5, 41.0),
    ))
    schedule = solve(problem, **FAST)
    met = {c for m in schedule.meetings for c in (m.supplier_id, m.buyer_id)}
    assert {4, 5} <= met


@st.composite
def tiny_problems(draw):
    ids = list(range(1, draw(st.integers(2, 5)) + 1))
    slots = draw(st.integers(1, 3))
    raw = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids), st.integers(40, 100)),
                        min_size=1, max_size=6, unique_by=lambda t: frozenset(t[:2])))
    candidates = tuple(Candidate(s, b, float(w)) for s, b, w in raw if s != b)
    availability = {c: frozenset(draw(st.sets(st.integers(1, slots), min_size=1)))
                    for c in draw(st.sets(st.sampled_from(ids)))}
    caps = {c: draw(st.integers(1, slots)) for c in draw(st.sets(st.sampled_from(ids)))}
    return Problem(slots=slots, tables=draw(st.integers(1, 2)), candidates=candidates,
                   availability=availability, max_meetings=caps)


def _brute_force(problem: Problem) -> tuple[float, tuple[int, float]]:
    """(best value, best (companies met, value)) over every assignment of pairs to slots."""
    best_value, best_fair = 0.0, (0, 0.0)
    choices = [None, *range(1, problem.slots + 1)]
    for assignment in itertools.product(choices, repeat=len(problem.candidates)):
        seats, per_slot, count = set(), {}, {}
        ok = True
        for cand, slot in zip(problem.candidates, assignment):
            if slot is None:
                continue
            per_slot[slot] = per_slot.get(slot, 0) + 1
            for c in (cand.supplier_id, cand.buyer_id):
                present = problem.availability.get(c)
                count[c] = count.get(c, 0) + 1
                if (slot, c) in seats or (present is not None and slot not in present) \
                        or count[c] > problem.max_meetings.get(c, problem.slots):
                    ok = False
                seats.add((slot, c))
        if not ok or any(n > problem.tables for n in per_slot.values()):
            continue
        value = sum(c.score for c, s in zip(problem.candidates, assignment) if s is not None)
        best_value = max(best_value, value)
        best_fair = max(best_fair, (len(count), value))
    return best_value, best_fair


@settings(max_examples=120, deadline=None)
@given(tiny_problems())
def test_on_tiny_missions_the_bound_holds_and_the_schedule_is_the_fairest_best(problem):
    best_value, (most_met, value_when_fairest) = _brute_force(problem)
    schedule = solve(problem, **FAST)
    assert schedule.upper_bound >= best_value - 1e-6
    assert schedule.companies_met == most_met
    assert schedule.total_value == pytest.approx(value_when_fairest)


@pytest.mark.parametrize("seed", range(5))
def test_typical_mission_of_forty_companies_reaches_at_least_95_percent_of_the_bound(seed):
    problem = synthetic_problem(40, 8, 10, seed=seed, per_company=12)
    schedule = solve(problem, time_limit_s=5.0)
    assert rule_violations(problem, schedule) == []
    assert schedule.value_ratio >= 0.95
    assert schedule.companies_met == schedule.companies_with_partner


@pytest.mark.parametrize("seed", range(3))
def test_mission_with_plenty_of_tables_and_partial_days_still_reaches_95_percent(seed):
    problem = synthetic_problem(40, 8, 20, seed=seed, per_company=20, partial_availability=0.5, dual_role=0.3)
    schedule = solve(problem, time_limit_s=5.0)
    assert schedule.value_ratio >= 0.95


@pytest.mark.slow
def test_large_mission_stops_at_its_time_limit_with_a_valid_schedule():
    problem = synthetic_problem(400, 16, 60, seed=1)
    started = time.monotonic()
    schedule = solve(problem, time_limit_s=3.0)
    assert time.monotonic() - started < 6.0
    assert rule_violations(problem, schedule) == []
    assert schedule.value_ratio >= 0.9


@settings(max_examples=80, deadline=None)
@given(tiny_problems())
def test_the_heuristic_alone_keeps_every_rule_and_stays_under_the_bound_on_tiny_missions(problem):
    best_value, _ = _brute_force(problem)
    schedule = solve(problem, exact_leaf_limit=0, **FAST)
    assert schedule.stats["solver"] != "exhaustive"
    assert rule_violations(problem, schedule) == []
    assert schedule.total_value <= best_value + 1e-6 <= schedule.upper_bound + 2e-6


def test_a_small_delegation_is_searched_exhaustively_and_a_large_one_is_not():
    small = Problem(slots=3, tables=2, candidates=(Candidate(1, 2, 80.0), Candidate(3, 2, 70.0), Candidate(3, 4, 60.0)))
    assert solve(small, **FAST).stats["solver"] == "exhaustive"
    assert solve(synthetic_problem(40, 8, 10, seed=0, per_company=12), **FAST).stats["solver"] != "exhaustive"
