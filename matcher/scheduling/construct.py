"""Three ways to start a schedule: coverage first, value first, and by the LP's dual prices."""
from __future__ import annotations

import sys

from matcher.scheduling.state import Instance, State


def place_locked(state: State) -> None:
    for p, at in enumerate(state.inst.locked_at):
        if at is not None:
            state._place(p, at[0])


def open_pairs(state: State) -> list[int]:
    inst = state.inst
    return [p for p in range(len(inst.pu)) if inst.usable[p] and state.slot_of[p] < 0]


def value_first(state: State) -> None:
    for p in open_pairs(state):  # pairs are stored best first
        state.try_place(p)


def price_guided(state: State, prices: tuple[list[float], float]) -> None:
    """Pairs by weight less the dual prices of their two companies: the LP's own preference."""
    inst = state.inst
    lam, _ = prices
    for p in sorted(open_pairs(state), key=lambda q: -(inst.weight[q] - lam[inst.pu[q]] - lam[inst.pv[q]])):
        state.try_place(p)


def coverage_first(state: State) -> None:
    """A matching that meets as many uncovered companies as possible, then the rest by value."""
    inst = state.inst
    n = len(inst.company_ids)
    mate = [-1] * n      # pair index matching the company, in the plan
    planned = [state.deg[c] for c in range(n)]
    order = sorted((c for c in range(n) if inst.adj[c] and state.deg[c] == 0), key=lambda c: len(inst.adj[c]))
    free = set(order)
    for x in order:
        if mate[x] >= 0:
            continue
        options = [p for p in inst.adj[x] if other_company(inst, p, x) in free and mate[other_company(inst, p, x)] < 0]
        if options:
            p = max(options, key=lambda q: (inst.weight[q], -len(inst.adj[other_company(inst, q, x)])))
            mate[x] = mate[other_company(inst, p, x)] = p
    limit = sys.getrecursionlimit() - 100
    for x in order:
        if mate[x] < 0:
            _augment(inst, x, mate, free, set(), 0, min(limit, 400))
    plan = sorted({mate[c] for c in order if mate[c] >= 0}, key=lambda p: -inst.weight[p])
    for p in plan:
        planned[inst.pu[p]] += 1
        planned[inst.pv[p]] += 1
    # Companies still alone join a partner that has a seat to spare.
    for x in order:
        if mate[x] >= 0:
            continue
        for p in inst.adj[x]:
            y = other_company(inst, p, x)
            if planned[y] < inst.cap[y]:
                plan.append(p)
                planned[x] += 1
                planned[y] += 1
                mate[x] = p
                break
    for p in plan:
        state.try_place(p)
    value_first(state)


def _augment(inst: Instance, x: int, mate: list[int], free: set[int], seen: set[int], depth: int,
             limit: int) -> bool:
    """Kuhn's augmenting path from unmatched x (exact on bipartite graphs; blossoms are skipped)."""
    if depth > limit:
        return False
    seen.add(x)
    for p in inst.adj[x]:
        y = other_company(inst, p, x)
        if y in seen or y not in free:
            continue
        seen.add(y)
        if mate[y] < 0:
            mate[x] = mate[y] = p
            return True
        held = mate[y]
        z = other_company(inst, held, y)
        if z in seen:
            continue
        mate[y] = mate[z] = -1
        if _augment(inst, z, mate, free, seen, depth + 1, limit):
            mate[x] = mate[y] = p
            return True
        mate[y] = mate[z] = held
    return False


def other_company(inst: Instance, p: int, c: int) -> int:
    return inst.pu[p] + inst.pv[p] - c
