"""The scheduler's hard rules hold on any input — no app, no database."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matcher.scheduling import (
    Candidate, LockedMeeting, Problem, ScheduleInputError, rule_violations, solve,
)

FAST = {"time_limit_s": 2.0, "stall_rounds": 25}


@st.composite
def problems(draw, max_companies: int = 12, max_slots: int = 5):
    n = draw(st.integers(2, max_companies))
    slots = draw(st.integers(1, max_slots))
    tables = draw(st.integers(1, 4))
    ids = list(range(101, 101 + n))  # ids that are not indices, as in the database
    raw_pairs = draw(st.lists(
        st.tuples(st.sampled_from(ids), st.sampled_from(ids), st.floats(0, 100, allow_nan=False)),
        max_size=3 * n,
    ))
    candidates = tuple(Candidate(s, b, round(w, 1)) for s, b, w in raw_pairs if s != b)
    availability = {
        c: frozenset(draw(st.sets(st.integers(1, slots), max_size=slots)))
        for c in draw(st.sets(st.sampled_from(ids), max_size=n))
    }
    max_meetings = {c: draw(st.integers(0, slots)) for c in draw(st.sets(st.sampled_from(ids), max_size=n))}
    default = draw(st.one_of(st.none(), st.integers(1, slots)))
    locked = _consistent_locks(draw(st.lists(
        st.tuples(st.integers(1, slots), st.integers(1, tables), st.sampled_from(candidates or [None])),
        max_size=4,
    )), availability, max_meetings, default)
    return Problem(slots=slots, tables=tables, candidates=candidates, availability=availability,
                   max_meetings=max_meetings, default_max_meetings=default, locked=locked)


def _consistent_locks(wishes, availability, max_meetings, default) -> tuple[LockedMeeting, ...]:
    """Keep the drawn locks an organiser could actually have pinned together."""
    kept: list[LockedMeeting] = []
    count: dict[int, int] = {}
    for slot, table, cand in wishes:
        if cand is None:
            continue
        people = (cand.supplier_id, cand.buyer_id)
        if any((k.slot, k.table) == (slot, table) for k in kept):
            continue
        if any(k.slot == slot and {k.supplier_id, k.buyer_id} & set(people) for k in kept):
            continue
        if any({k.supplier_id, k.buyer_id} == set(people) for k in kept):
            continue
        if any(c in availability and slot not in availability[c] for c in people):
            continue
        if any(count.get(c, 0) + 1 > max_meetings.get(c, default if default is not None else 99) for c in people):
            continue
        for c in people:
            count[c] = count.get(c, 0) + 1
        kept.append(LockedMeeting(slot, table, cand.supplier_id, cand.buyer_id, cand.score))
    return tuple(kept)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_no_schedule_double_books_a_company_or_table_or_breaks_availability_caps_or_locks(problem):
    schedule = solve(problem, **FAST)
    assert rule_violations(problem, schedule) == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_value_never_exceeds_the_upper_bound_and_adds_up(problem):
    schedule = solve(problem, **FAST)
    assert schedule.total_value <= schedule.upper_bound + 1e-6
    assert schedule.total_value == pytest.approx(sum(m.score for m in schedule.meetings))


@settings(max_examples=100, deadline=None)
@given(problems())
def test_every_candidate_pair_is_either_met_or_listed_as_unscheduled(problem):
    schedule = solve(problem, **FAST)
    met = {frozenset((m.supplier_id, m.buyer_id)) for m in schedule.meetings}
    waiting = {frozenset((c.supplier_id, c.buyer_id)) for c in schedule.unscheduled}
    wanted = {frozenset((c.supplier_id, c.buyer_id)) for c in problem.candidates}
    assert not met & waiting
    assert wanted <= met | waiting
    assert [c.score for c in schedule.unscheduled] == sorted((c.score for c in schedule.unscheduled), reverse=True)


def test_a_company_that_both_sells_and_buys_holds_one_meeting_per_slot():
    # 2 sells to 1 and buys from 3: the two meetings need two different slots.
    problem = Problem(slots=2, tables=5, candidates=(Candidate(2, 1, 90.0), Candidate(3, 2, 80.0)))
    schedule = solve(problem, **FAST)
    assert len(schedule.meetings) == 2
    assert {m.slot for m in schedule.meetings} == {1, 2}


def test_with_one_slot_the_dual_role_company_meets_only_its_best_partner():
    problem = Problem(slots=1, tables=5, candidates=(Candidate(2, 1, 90.0), Candidate(3, 2, 80.0)))
    schedule = solve(problem, **FAST)
    assert [(m.supplier_id, m.buyer_id) for m in schedule.meetings] == [(2, 1)]
    assert [(c.supplier_id, c.buyer_id) for c in schedule.unscheduled] == [(3, 2)]


def test_two_companies_matching_both_ways_meet_once_in_the_better_direction():
    problem = Problem(slots=3, tables=2, candidates=(Candidate(1, 2, 60.0), Candidate(2, 1, 75.0)))
    schedule = solve(problem, **FAST)
    assert [(m.supplier_id, m.buyer_id, m.score) for m in schedule.meetings] == [(2, 1, 75.0)]
    assert schedule.unscheduled == ()


def test_locked_meeting_keeps_its_slot_and_table_even_when_a_better_use_exists():
    problem = Problem(
        slots=1, tables=1,
        candidates=(Candidate(1, 2, 95.0), Candidate(3, 4, 50.0)),
        locked=(LockedMeeting(1, 1, 3, 4, 50.0),),
    )
    schedule = solve(problem, **FAST)
    assert [(m.slot, m.table, m.supplier_id, m.buyer_id, m.locked) for m in schedule.meetings] == [(1, 1, 3, 4, True)]


def test_the_other_meetings_of_a_slot_avoid_the_locked_table():
    problem = Problem(slots=1, tables=3, candidates=(Candidate(1, 2, 95.0), Candidate(5, 6, 70.0)),
                      locked=(LockedMeeting(1, 1, 3, 4, 50.0),))
    schedule = solve(problem, **FAST)
    assert sorted(m.table for m in schedule.meetings) == [1, 2, 3]
    assert next(m for m in schedule.meetings if m.supplier_id == 3).table == 1


def test_absent_company_is_never_scheduled_in_a_slot_it_misses():
    problem = Problem(slots=3, tables=1, candidates=(Candidate(1, 2, 90.0), Candidate(1, 3, 80.0)),
                      availability={2: frozenset({3})})
    schedule = solve(problem, **FAST)
    assert {(m.buyer_id, m.slot) for m in schedule.meetings if m.buyer_id == 2} == {(2, 3)}


def test_cap_on_meetings_is_honoured_for_a_popular_supplier():
    problem = Problem(slots=6, tables=6, candidates=tuple(Candidate(1, b, 90.0 - b) for b in range(2, 8)),
                      max_meetings={1: 2})
    schedule = solve(problem, **FAST)
    assert [m.buyer_id for m in sorted(schedule.meetings, key=lambda m: m.buyer_id)] == [2, 3]


@pytest.mark.parametrize("locked, path", [
    (LockedMeeting(9, 1, 1, 2, 50.0), "locked.0.slot"),
    (LockedMeeting(1, 4, 1, 2, 50.0), "locked.0.table"),
])
def test_locked_meeting_outside_a_smaller_day_is_refused_by_name(locked, path):
    with pytest.raises(ScheduleInputError) as caught:
        solve(Problem(slots=8, tables=3, candidates=(), locked=(locked,)), **FAST)
    assert path in caught.value.errors
    assert "unlock it" in caught.value.errors[path][0]


def test_locked_meetings_that_clash_are_refused():
    clash = (LockedMeeting(1, 1, 1, 2, 50.0), LockedMeeting(1, 2, 1, 3, 40.0))
    with pytest.raises(ScheduleInputError) as caught:
        solve(Problem(slots=2, tables=2, candidates=(), locked=clash), **FAST)
    assert "already has locked meeting 0 in slot 1" in caught.value.errors["locked.1"][0]


def test_locked_meeting_in_a_slot_the_company_misses_is_refused():
    with pytest.raises(ScheduleInputError) as caught:
        solve(Problem(slots=2, tables=2, candidates=(), availability={2: frozenset({2})},
                      locked=(LockedMeeting(1, 1, 1, 2, 50.0),)), **FAST)
    assert "not available in slot 1" in caught.value.errors["locked.0"][0]


@pytest.mark.parametrize("slots, tables, field", [(0, 3, "slots"), (3, 0, "tables")])
def test_a_day_without_slots_or_tables_is_refused(slots, tables, field):
    with pytest.raises(ScheduleInputError) as caught:
        solve(Problem(slots=slots, tables=tables, candidates=()), **FAST)
    assert field in caught.value.errors


def test_empty_mission_gives_an_empty_schedule_with_zero_bound():
    schedule = solve(Problem(slots=4, tables=2, candidates=()), **FAST)
    assert schedule.meetings == () and schedule.total_value == 0 and schedule.upper_bound == 0


def test_progress_is_reported_rising_to_the_end():
    seen: list[tuple[int, int]] = []
    solve(Problem(slots=2, tables=2, candidates=(Candidate(1, 2, 50.0),)), progress=lambda d, t: seen.append((d, t)),
          **FAST)
    assert seen and seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == sorted({d for d, _ in seen})


def test_same_input_gives_the_same_schedule():
    problem = Problem(slots=3, tables=2, candidates=tuple(
        Candidate(s, b, float((s * 7 + b * 13) % 60 + 40)) for s in range(1, 6) for b in range(6, 11)))
    first, second = solve(problem, **FAST), solve(problem, **FAST)
    assert first.meetings == second.meetings
