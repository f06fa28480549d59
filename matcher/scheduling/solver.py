"""Build a meeting schedule: everyone with a worthwhile partner meets someone, then the most value.

Three starts (coverage first, value first, LP-price order) are each improved by ejection moves;
the best by (companies met, value) then goes through perturb-and-repair rounds until they stop
paying or time is up. An upper bound is computed last. See docs/scheduling.md for the reasoning.
"""
from __future__ import annotations

import time
from typing import Callable

from matcher.scheduling.bound import lagrangian_bound, seat_prices
from matcher.scheduling.construct import coverage_first, place_locked, price_guided, value_first
from matcher.scheduling.exact import EXACT_LEAF_LIMIT, small_enough, solve_exactly
from matcher.scheduling.model import Candidate, Placement, Problem, Schedule, check_problem
from matcher.scheduling.search import improve, perturb_and_repair
from matcher.scheduling.state import Instance, State

Progress = Callable[[int, int], None]
PROGRESS_STEPS = 100


def solve(problem: Problem, time_limit_s: float = 20.0, progress: Progress | None = None,
          stall_rounds: int = 300, gap_tolerance: float = 5e-4, seed: int = 0,
          exact_leaf_limit: int = EXACT_LEAF_LIMIT) -> Schedule:
    """The best schedule found within the time limit, with an upper bound on any schedule's value.

    The search stops early once `stall_rounds` perturbation rounds in a row found nothing better,
    or once the value is within `gap_tolerance` of the bound, so small missions take well under
    a second whatever the limit. `progress(done, total)` is
    called as the work advances (total is PROGRESS_STEPS), e.g. to drive a progress bar.
    Missions small enough (see exact.py) are searched exhaustively instead: the heuristic can miss
    the fairest best by a meeting on awkward small inputs, and there an exact answer is cheap."""
    check_problem(problem)
    started = time.monotonic()
    report = _ProgressReporter(progress)
    inst = Instance.build(problem)
    report(2)
    exact = State(inst)
    place_locked(exact)
    if small_enough(exact, exact_leaf_limit):
        return _solve_small(inst, exact, started, report)
    # The bound is computed after the search, within the limit: keep a tenth of the time for it.
    search_until = started + max(time_limit_s, 0.1) * 0.9
    capacity = _day_capacity(inst)
    edges = [(inst.pu[p], inst.pv[p], inst.weight[p]) for p in range(len(inst.pu)) if inst.usable[p]]
    prices = seat_prices(len(inst.company_ids), edges, inst.cap, capacity)
    starts = (coverage_first, value_first, lambda state: price_guided(state, prices))
    best: State | None = None
    passes = 0
    for number, build in enumerate(starts):
        state = State(inst)
        place_locked(state)
        build(state)
        deadline = started + (search_until - started) * (number + 1) / (2 * len(starts))
        passes += improve(state, deadline, lambda f, n=number: report(5 + int(10 * (n + f))))
        if best is None or (state.covered, state.value) > (best.covered, best.value):
            best = state
    bound = lagrangian_bound(len(inst.company_ids), edges, inst.cap, capacity, target=best.value)
    start_value = best.value
    rounds = perturb_and_repair(best, prices, search_until, stall_rounds,
                                lambda f: report(35 + int(60 * f)), seed, good_enough=bound * (1 - gap_tolerance))
    if best.value > start_value:  # a better target lets the subgradient close in further
        bound = min(bound, lagrangian_bound(len(inst.company_ids), edges, inst.cap, capacity, target=best.value))
    report(PROGRESS_STEPS)
    return _result(inst, best, bound, {
        "solver": "greedy+kempe-chains+ejection+perturbation",
        "elapsed_s": round(time.monotonic() - started, 3),
        "improvement_passes": passes,
        "perturbation_rounds": rounds,
        "time_limit_reached": time.monotonic() >= search_until,
    })


def _solve_small(inst: Instance, state: State, started: float, report) -> Schedule:
    solve_exactly(state)
    capacity = _day_capacity(inst)
    edges = [(inst.pu[p], inst.pv[p], inst.weight[p]) for p in range(len(inst.pu)) if inst.usable[p]]
    bound = lagrangian_bound(len(inst.company_ids), edges, inst.cap, capacity, target=state.value)
    report(PROGRESS_STEPS)
    return _result(inst, state, bound, {
        "solver": "exhaustive", "elapsed_s": round(time.monotonic() - started, 3),
        "improvement_passes": 0, "perturbation_rounds": 0, "time_limit_reached": False,
    })


class _ProgressReporter:
    def __init__(self, progress: Progress | None):
        self.progress, self.done = progress, 0

    def __call__(self, done: int) -> None:
        done = min(max(done, self.done), PROGRESS_STEPS)
        if self.progress is not None and done > self.done:
            self.progress(done, PROGRESS_STEPS)
        self.done = done


def _day_capacity(inst: Instance) -> int:
    """Meetings the day can hold: per slot, the tables, or half the people present if fewer."""
    active = [c for c in range(len(inst.company_ids)) if inst.adj[c]]
    return sum(min(inst.tables, sum(inst.avail[c][s] for c in active) // 2) for s in range(inst.slots))


def _result(inst: Instance, state: State, bound: float, stats: dict) -> Schedule:
    meetings: list[Placement] = []
    for s in range(inst.slots):
        pairs = sorted(state.in_slot[s], key=lambda p: (inst.locked_at[p] is None, -inst.weight[p], p))
        taken = {inst.locked_at[p][1] for p in pairs if inst.locked_at[p] is not None}
        free_tables = (t for t in range(inst.tables) if t not in taken)
        for p in pairs:
            table = inst.locked_at[p][1] if inst.locked_at[p] is not None else next(free_tables)
            cand = inst.candidate[p]
            meetings.append(Placement(s + 1, table + 1, cand.supplier_id, cand.buyer_id, cand.score,
                                      inst.locked_at[p] is not None))
    meetings.sort(key=lambda m: (m.slot, m.table))
    unscheduled: list[Candidate] = sorted(
        (inst.candidate[p] for p in range(len(inst.pu)) if state.slot_of[p] < 0),
        key=lambda c: (-c.score, c.supplier_id, c.buyer_id),
    )
    value = sum(m.score for m in meetings)
    return Schedule(
        meetings=tuple(meetings), unscheduled=tuple(unscheduled), total_value=value,
        upper_bound=max(bound, value), companies_met=state.covered,
        companies_with_partner=sum(1 for adj in inst.adj if adj), stats=stats,
    )
