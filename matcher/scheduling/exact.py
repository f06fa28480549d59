"""Exhaustive search for small missions: the schedule that meets the most companies, then holds the most value."""
from __future__ import annotations

from matcher.scheduling.state import State

# Search trees up to this many leaves ((slots + 1) ** open pairs) are walked in full; pruning
# keeps the real count far lower, so a small delegation is solved exactly in well under a second.
EXACT_LEAF_LIMIT = 200_000
_EPS = 1e-9


def open_pairs(state: State) -> list[int]:
    inst = state.inst
    return [p for p in range(len(inst.pu)) if inst.usable[p] and state.slot_of[p] < 0]


def small_enough(state: State, leaf_limit: int = EXACT_LEAF_LIMIT) -> bool:
    pairs = len(open_pairs(state))
    return (state.inst.slots + 1) ** pairs <= leaf_limit


def solve_exactly(state: State) -> None:
    """Extend `state` (locked meetings already placed) to the lexicographically best schedule:
    most companies with a meeting first, most total score second. Rules as in State.try_place."""
    inst = state.inst
    pairs = sorted(open_pairs(state), key=lambda p: -inst.weight[p])
    value_left = [0.0] * (len(pairs) + 1)
    for i in range(len(pairs) - 1, -1, -1):
        value_left[i] = value_left[i + 1] + inst.weight[pairs[i]]
    best_key = (state.covered, state.value)
    best_plan: list[tuple[int, int]] = []

    def could_still_beat(i: int) -> bool:
        uncovered = {c for p in pairs[i:] for c in (inst.pu[p], inst.pv[p]) if state.deg[c] == 0}
        most_covered = state.covered + len(uncovered)
        if most_covered != best_key[0]:
            return most_covered > best_key[0]
        return state.value + value_left[i] > best_key[1] + _EPS

    def walk(i: int) -> None:
        nonlocal best_key, best_plan
        key = (state.covered, state.value)
        if key[0] > best_key[0] or (key[0] == best_key[0] and key[1] > best_key[1] + _EPS):
            best_key = key
            best_plan = [(p, state.slot_of[p]) for p in pairs if state.slot_of[p] >= 0]
        if i == len(pairs) or not could_still_beat(i):
            return
        p = pairs[i]
        if state.has_room(p):
            u, v = inst.pu[p], inst.pv[p]
            for s in range(inst.slots):
                if (inst.avail[u][s] and inst.avail[v][s] and state.busy[u][s] < 0 and state.busy[v][s] < 0
                        and len(state.in_slot[s]) < inst.tables):
                    mark = state.mark()
                    state._place(p, s)
                    walk(i + 1)
                    state.rollback(mark)
        walk(i + 1)

    walk(0)
    for p, s in best_plan:
        state._place(p, s)
