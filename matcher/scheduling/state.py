"""The scheduler's working state: who meets whom in which slot, with undo and Kempe-chain repair."""
from __future__ import annotations

from dataclasses import dataclass

from matcher.scheduling.model import Candidate, Problem

# One more company with a meeting outweighs any value a single move can trade (scores ≤ 100).
COVER_BONUS = 10_000.0


@dataclass
class Instance:
    """The problem in array form: companies and pairs by index, slots from 0."""

    slots: int
    tables: int
    company_ids: list[int]
    pu: list[int]                 # pair -> company index (supplier side)
    pv: list[int]                 # pair -> company index (buyer side)
    weight: list[float]
    candidate: list[Candidate]    # pair -> the direction kept (best score of the two)
    locked_at: list[tuple[int, int] | None]   # pair -> (slot, table) from 0 when locked
    avail: list[list[bool]]       # company -> slot -> present
    cap: list[int]                # company -> meetings it can hold at most
    usable: list[bool]            # pair -> has a common slot and both caps ≥ 1
    adj: list[list[int]]          # company -> its usable pairs, best first

    @classmethod
    def build(cls, problem: Problem) -> Instance:
        index: dict[int, int] = {}

        def company(company_id: int) -> int:
            return index.setdefault(company_id, len(index))

        best: dict[frozenset, Candidate] = {}
        locked: dict[frozenset, tuple[int, int, Candidate]] = {}
        for meeting in problem.locked:
            key = frozenset((meeting.supplier_id, meeting.buyer_id))
            locked[key] = (meeting.slot - 1, meeting.table - 1,
                           Candidate(meeting.supplier_id, meeting.buyer_id, float(meeting.score)))
        # Two dual-role companies may match both ways; they still meet once, in the better direction.
        for cand in problem.candidates:
            key = frozenset((cand.supplier_id, cand.buyer_id))
            if key not in best or cand.score > best[key].score:
                best[key] = cand
        pairs: list[tuple[Candidate, tuple[int, int] | None]] = [
            (cand, None) for key, cand in best.items() if key not in locked
        ]
        pairs += [(cand, (slot, table)) for slot, table, cand in locked.values()]
        pairs.sort(key=lambda item: (item[1] is None, -item[0].score, item[0].supplier_id, item[0].buyer_id))
        pu = [company(c.supplier_id) for c, _ in pairs]
        pv = [company(c.buyer_id) for c, _ in pairs]
        ids = list(index)
        slots = problem.slots
        avail = []
        cap = []
        for company_id in ids:
            present = problem.availability.get(company_id)
            row = [True] * slots if present is None else [s + 1 in present for s in range(slots)]
            avail.append(row)
            limit = problem.max_meetings.get(company_id)
            if limit is None:
                limit = problem.default_max_meetings if problem.default_max_meetings is not None else slots
            cap.append(min(limit, sum(row)))
        usable = [
            cap[u] > 0 and cap[v] > 0 and any(a and b for a, b in zip(avail[u], avail[v]))
            for u, v in zip(pu, pv)
        ]
        adj: list[list[int]] = [[] for _ in ids]
        for p, ok in enumerate(usable):
            if ok:
                adj[pu[p]].append(p)
                adj[pv[p]].append(p)
        return cls(slots, problem.tables, ids, pu, pv, [float(c.score) for c, _ in pairs],
                   [c for c, _ in pairs], [at for _, at in pairs], avail, cap, usable, adj)


class State:
    """A partial schedule. Every change goes through _place/_remove so it can be rolled back."""

    def __init__(self, inst: Instance):
        self.inst = inst
        n, slots = len(inst.company_ids), inst.slots
        self.busy = [[-1] * slots for _ in range(n)]
        self.slot_of = [-1] * len(inst.pu)
        self.in_slot: list[set[int]] = [set() for _ in range(slots)]
        self.deg = [0] * n
        self.value = 0.0
        self.covered = 0
        self.journal: list[tuple[int, int, bool]] = []

    @property
    def objective(self) -> float:
        return self.covered * COVER_BONUS + self.value

    # -- elementary changes -------------------------------------------------------------
    def _place(self, p: int, s: int) -> None:
        inst = self.inst
        u, v = inst.pu[p], inst.pv[p]
        self.busy[u][s] = p
        self.busy[v][s] = p
        self.slot_of[p] = s
        self.in_slot[s].add(p)
        for c in (u, v):
            self.deg[c] += 1
            if self.deg[c] == 1:
                self.covered += 1
        self.value += inst.weight[p]
        self.journal.append((p, s, True))

    def _remove(self, p: int) -> None:
        inst = self.inst
        s = self.slot_of[p]
        u, v = inst.pu[p], inst.pv[p]
        self.busy[u][s] = -1
        self.busy[v][s] = -1
        self.slot_of[p] = -1
        self.in_slot[s].discard(p)
        for c in (u, v):
            self.deg[c] -= 1
            if self.deg[c] == 0:
                self.covered -= 1
        self.value -= inst.weight[p]
        self.journal.append((p, s, False))

    def mark(self) -> int:
        return len(self.journal)

    def rollback(self, mark: int) -> None:
        while len(self.journal) > mark:
            p, s, placed = self.journal.pop()
            if placed:
                self._remove(p)
            else:
                self._place(p, s)
            self.journal.pop()  # the inverse just journaled itself

    # -- placing one pair ---------------------------------------------------------------
    def has_room(self, p: int) -> bool:
        inst = self.inst
        return self.deg[inst.pu[p]] < inst.cap[inst.pu[p]] and self.deg[inst.pv[p]] < inst.cap[inst.pv[p]]

    def try_place(self, p: int, kempe: bool = True) -> bool:
        """Put an unscheduled pair in a slot, recolouring one alternating chain if need be."""
        if self.slot_of[p] >= 0 or not self.inst.usable[p] or not self.has_room(p):
            return False
        inst = self.inst
        u, v = inst.pu[p], inst.pv[p]
        au, av, bu, bv = inst.avail[u], inst.avail[v], self.busy[u], self.busy[v]
        best_slot, best_load = -1, inst.tables
        for s in range(inst.slots):
            if au[s] and av[s] and bu[s] < 0 and bv[s] < 0 and len(self.in_slot[s]) < best_load:
                best_slot, best_load = s, len(self.in_slot[s])
        if best_slot >= 0:
            self._place(p, best_slot)
            return True
        return kempe and self._place_by_kempe_chain(p)

    def _place_by_kempe_chain(self, p: int) -> bool:
        """x is free in slot a where y is busy; y is free in slot b. Swapping a and b along
        y's a/b-alternating chain frees y in a, as in König's edge-colouring proof."""
        inst = self.inst
        tables = inst.tables
        u, v = inst.pu[p], inst.pv[p]
        for x, y in ((u, v), (v, u)):
            ax, ay, bx, by = inst.avail[x], inst.avail[y], self.busy[x], self.busy[y]
            for a in range(inst.slots):
                if not (ax[a] and ay[a]) or bx[a] >= 0 or by[a] < 0:
                    continue
                for b in range(inst.slots):
                    if b == a or not ay[b] or by[b] >= 0:
                        continue
                    chain = self._chain(y, a, b, x)
                    if chain is None:
                        continue
                    odd = len(chain) % 2 == 1
                    # An odd chain moves one meeting from a to b; an even one leaves counts as they are.
                    if (odd and len(self.in_slot[b]) >= tables) or (not odd and len(self.in_slot[a]) >= tables):
                        continue
                    old = [self.slot_of[q] for q in chain]
                    for q in chain:
                        self._remove(q)
                    for q, s in zip(chain, old):
                        self._place(q, b if s == a else a)
                    self._place(p, a)
                    return True
        return False

    def _chain(self, start: int, a: int, b: int, forbid: int, limit: int = 60) -> list[int] | None:
        inst = self.inst
        chain: list[int] = []
        cur, colour, other = start, a, b
        while True:
            q = self.busy[cur][colour]
            if q < 0:
                return chain
            nxt = inst.pu[q] + inst.pv[q] - cur
            if inst.locked_at[q] is not None or nxt == forbid or len(chain) >= limit:
                return None
            if not (inst.avail[cur][other] and inst.avail[nxt][other]):
                return None
            chain.append(q)
            cur, colour, other = nxt, other, colour
