"""Local search on a schedule: ejection moves, then iterated perturb-and-repair rounds."""
from __future__ import annotations

import random
import time
from typing import Callable

from matcher.scheduling.construct import open_pairs
from matcher.scheduling.state import State


def improve(state: State, deadline: float, tick: Callable[[float], None]) -> int:
    """Ejection search: put an unscheduled pair in, pushing out what blocks it, if that pays."""
    passes = 0
    started = time.monotonic()
    span = max(deadline - started, 1e-6)
    improved = True
    while improved and time.monotonic() < deadline:
        improved = False
        passes += 1
        for p in _by_priority(state):
            if state.slot_of[p] >= 0:
                continue
            if state.try_place(p) or _eject_and_insert(state, p):
                improved = True
            if time.monotonic() >= deadline:
                break
        tick(min(1.0, (time.monotonic() - started) / span))
    tick(1.0)
    return passes


def perturb_and_repair(state: State, prices, deadline: float, stall_rounds: int,
                       tick: Callable[[float], None], seed: int = 0,
                       good_enough: float = float("inf")) -> int:
    """Iterated local search: pull out a few meetings (part of a slot, or two companies' days),
    refill around the gap, keep the change unless it lowers the objective. Stops after
    `stall_rounds` rounds without a gain, once the value is `good_enough`, or at the deadline."""
    inst = state.inst
    rng = random.Random(seed)
    lam = prices[0]
    rank = {p: -(inst.weight[p] - lam[inst.pu[p]] - lam[inst.pv[p]]) for p in range(len(inst.pu))}
    movable = [p for p in range(len(inst.pu)) if inst.usable[p] and inst.locked_at[p] is None]
    if not movable:
        return 0
    started, rounds, stalled = time.monotonic(), 0, 0
    span = max(deadline - started, 1e-6)
    while stalled < stall_rounds and state.value < good_enough and time.monotonic() < deadline:
        rounds += 1
        state.journal.clear()
        before = state.objective
        victims = _victims(state, rng)
        if not victims:
            stalled += 1
            continue
        for q in victims:
            state._remove(q)
        touched = {c for q in victims for c in (inst.pu[q], inst.pv[q])}
        nearby = sorted({r for c in touched for r in inst.adj[c] if state.slot_of[r] < 0},
                        key=lambda r: (-(state.deg[inst.pu[r]] == 0) - (state.deg[inst.pv[r]] == 0),
                                       rank[r] + rng.random() * 5))
        for r in nearby:
            state.try_place(r)
        for r in nearby:
            if state.slot_of[r] < 0 and not state.try_place(r):
                _eject_and_insert(state, r)
        if state.objective < before - 1e-9:
            state.rollback(0)
            stalled += 1
        else:
            stalled = 0 if state.objective > before + 1e-9 else stalled + 1
        if rounds % 20 == 0:
            tick(min(1.0, (time.monotonic() - started) / span))
    state.journal.clear()
    tick(1.0)
    return rounds


def _victims(state: State, rng: random.Random) -> list[int]:
    inst = state.inst
    if rng.random() < 0.5:
        s = rng.randrange(inst.slots)
        pool = [q for q in state.in_slot[s] if inst.locked_at[q] is None]
        return rng.sample(pool, max(1, len(pool) // 4)) if pool else []
    met = [c for c in range(len(inst.company_ids)) if state.deg[c] > 0]
    if not met:
        return []
    chosen = rng.sample(met, min(2, len(met)))
    return sorted({state.busy[c][s] for c in chosen for s in range(inst.slots)
                   if state.busy[c][s] >= 0 and inst.locked_at[state.busy[c][s]] is None})


def _by_priority(state: State) -> list[int]:
    """Pairs that would meet a company with no meeting yet come first, then the best scores."""
    inst = state.inst
    deg = state.deg
    return sorted(open_pairs(state),
                  key=lambda p: (-(deg[inst.pu[p]] == 0) - (deg[inst.pv[p]] == 0), -inst.weight[p]))


def _eject_and_insert(state: State, p: int, tries: int = 2) -> bool:
    inst = state.inst
    u, v = inst.pu[p], inst.pv[p]
    options = []
    for s in range(inst.slots):
        if not (inst.avail[u][s] and inst.avail[v][s]):
            continue
        out = _blockers(state, p, s)
        if out is None:
            continue
        loss = sum(inst.weight[q] for q in out)
        options.append((loss, s, out))
    options.sort(key=lambda o: o[0])
    before = state.objective
    for loss, s, out in options[:tries]:
        if loss >= inst.weight[p] and state.deg[u] > 0 and state.deg[v] > 0:
            break  # pushing out this much can only pay back through re-insertions; not worth a try
        mark = state.mark()
        for q in out:
            state._remove(q)
        state._place(p, s)
        for q in out:
            state.try_place(q)
        _recover_lost_companies(state, out)
        if state.objective > before + 1e-9:
            return True
        state.rollback(mark)
    return False


def _blockers(state: State, p: int, s: int) -> list[int] | None:
    """Meetings that must leave for p to take slot s (None when a locked one would have to)."""
    inst = state.inst
    u, v = inst.pu[p], inst.pv[p]
    out: list[int] = []
    for c in (u, v):
        q = state.busy[c][s]
        if q >= 0 and q not in out:
            if inst.locked_at[q] is not None:
                return None
            out.append(q)
    for c in (u, v):
        if state.deg[c] - sum(1 for q in out if c in (inst.pu[q], inst.pv[q])) >= inst.cap[c]:
            q = _cheapest(state, [state.busy[c][t] for t in range(inst.slots) if state.busy[c][t] >= 0], out)
            if q is None:
                return None
            out.append(q)
    if len(state.in_slot[s]) - sum(1 for q in out if state.slot_of[q] == s) >= inst.tables:
        q = _cheapest(state, list(state.in_slot[s]), out)
        if q is None:
            return None
        out.append(q)
    return out


def _cheapest(state: State, pairs: list[int], taken: list[int]) -> int | None:
    inst = state.inst
    options = [q for q in pairs if inst.locked_at[q] is None and q not in taken]
    return min(options, key=lambda q: inst.weight[q]) if options else None


def _recover_lost_companies(state: State, ejected: list[int], tries: int = 6) -> None:
    """Companies that lost a meeting try their other pairs, best first: together with the
    ejection this is an alternating path of length three, the next step of a b-matching search."""
    inst = state.inst
    touched = sorted({c for q in ejected for c in (inst.pu[q], inst.pv[q])}, key=lambda c: state.deg[c])
    for c in touched:
        attempts = 0
        for r in inst.adj[c]:
            if state.deg[c] >= inst.cap[c] or attempts >= tries:
                break
            if state.slot_of[r] < 0:
                attempts += 1
                state.try_place(r)
