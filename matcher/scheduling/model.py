"""The scheduler's input and output records, and the checks that make an input well-formed."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from matcher.messages import scheduling as say


class ScheduleInputError(ValueError):
    """An input the scheduler cannot honour; `errors` maps field paths to messages."""

    def __init__(self, detail: str, errors: dict[str, list[str]]):
        super().__init__(detail)
        self.detail = detail
        self.errors = errors


@dataclass(frozen=True, slots=True)
class Candidate:
    """A supplier–buyer pair worth a meeting, with its match score (0..100)."""

    supplier_id: int
    buyer_id: int
    score: float


@dataclass(frozen=True, slots=True)
class LockedMeeting:
    """A meeting the organiser pinned: it keeps its slot and table on every re-scheduling."""

    slot: int
    table: int
    supplier_id: int
    buyer_id: int
    score: float


@dataclass(frozen=True)
class Problem:
    """Slots are numbered 1..slots and tables 1..tables, as people count them."""

    slots: int
    tables: int
    candidates: tuple[Candidate, ...]
    # company id -> the slots it can attend; a company not listed attends every slot
    availability: Mapping[int, frozenset[int]] = field(default_factory=dict)
    # company id -> most meetings it wants; a company not listed takes default_max_meetings
    max_meetings: Mapping[int, int] = field(default_factory=dict)
    default_max_meetings: int | None = None
    locked: tuple[LockedMeeting, ...] = ()


@dataclass(frozen=True, slots=True)
class Placement:
    slot: int
    table: int
    supplier_id: int
    buyer_id: int
    score: float
    locked: bool = False


@dataclass(frozen=True)
class Schedule:
    meetings: tuple[Placement, ...]         # by slot, then table
    unscheduled: tuple[Candidate, ...]      # best first
    total_value: float                      # sum of the scores of the meetings held
    upper_bound: float                      # no schedule of this input can hold more value
    companies_met: int                      # companies with at least one meeting
    companies_with_partner: int             # companies that have a candidate they can meet
    stats: dict = field(default_factory=dict)

    @property
    def value_ratio(self) -> float:
        return self.total_value / self.upper_bound if self.upper_bound > 0 else 1.0


def check_problem(problem: Problem) -> None:
    """Raise ScheduleInputError naming every field that breaks a rule the schedule must keep."""
    errors: dict[str, list[str]] = {}

    def add(path: str, message: str) -> None:
        errors.setdefault(path, []).append(message)

    if not isinstance(problem.slots, int) or problem.slots < 1:
        add("slots", say.ONE_SLOT_NEEDED())
    if not isinstance(problem.tables, int) or problem.tables < 1:
        add("tables", say.ONE_TABLE_NEEDED())
    if problem.default_max_meetings is not None and problem.default_max_meetings < 0:
        add("max_meetings", say.CAP_NEGATIVE())
    for company_id, cap in problem.max_meetings.items():
        if cap is not None and cap < 0:
            add(f"participants.{company_id}.max_meetings", say.CAP_NEGATIVE())
    if errors:
        raise ScheduleInputError(say.SIZE_INVALID(), errors)
    for company_id, slots in problem.availability.items():
        outside = sorted(s for s in slots if not 1 <= s <= problem.slots)
        if outside:
            add(f"participants.{company_id}.available_slots", say.SLOTS_OUTSIDE(outside=outside, slots=problem.slots))
    for index, cand in enumerate(problem.candidates):
        if cand.supplier_id == cand.buyer_id:
            add(f"candidates.{index}", say.MEETS_ITSELF())
        if not cand.score >= 0:
            add(f"candidates.{index}.score", say.SCORE_NEGATIVE())
    _check_locked(problem, add)
    if errors:
        raise ScheduleInputError(say.INPUT_BREAKS_RULE(fields=", ".join(sorted(errors))), errors)


def _check_locked(problem: Problem, add) -> None:
    tables_used: dict[tuple[int, int], int] = {}
    people_used: dict[tuple[int, int], int] = {}
    pairs_seen: dict[frozenset, int] = {}
    count: dict[int, int] = {}
    for index, meeting in enumerate(problem.locked):
        path = f"locked.{index}"
        if not 1 <= meeting.slot <= problem.slots:
            add(f"{path}.slot", say.LOCKED_SLOT_OUTSIDE(slot=meeting.slot, slots=problem.slots))
        if not 1 <= meeting.table <= problem.tables:
            add(f"{path}.table", say.LOCKED_TABLE_OUTSIDE(table=meeting.table, tables=problem.tables))
        if meeting.supplier_id == meeting.buyer_id:
            add(path, say.MEETS_ITSELF())
        other = tables_used.setdefault((meeting.slot, meeting.table), index)
        if other != index:
            add(f"{path}.table", say.LOCKED_TABLE_TAKEN(table=meeting.table, slot=meeting.slot, other=other))
        pair = frozenset((meeting.supplier_id, meeting.buyer_id))
        if pairs_seen.setdefault(pair, index) != index:
            add(path, say.LOCKED_PAIR_TWICE(other=pairs_seen[pair]))
        for company_id in pair:
            first = people_used.setdefault((meeting.slot, company_id), index)
            if first != index:
                add(path, say.LOCKED_PERSON_TWICE(company_id=company_id, other=first, slot=meeting.slot))
            available = problem.availability.get(company_id)
            if available is not None and meeting.slot not in available:
                add(path, say.LOCKED_UNAVAILABLE(company_id=company_id, slot=meeting.slot))
            count[company_id] = count.get(company_id, 0) + 1
    for company_id, n in count.items():
        cap = problem.max_meetings.get(company_id, problem.default_max_meetings)
        if cap is not None and n > cap:
            add(f"participants.{company_id}.max_meetings", say.LOCKED_OVER_CAP(company_id=company_id, count=n, cap=cap))
