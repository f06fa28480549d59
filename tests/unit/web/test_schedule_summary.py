"""An organiser reads a schedule as a share of the best possible one, with the reason each pair was left out."""
from __future__ import annotations

from matcher.web.schedule_summary import COMPANY_FULL, DISPLACED, SEATS_FULL, summarize


def _schedule(meetings, unscheduled, slots=2, tables=1, ratio=0.9731, max_meetings=None):
    return {"params": {"slots": slots, "tables": tables, "max_meetings": max_meetings},
            "meetings": [{"supplier_id": s, "buyer_id": b} for s, b in meetings],
            "unscheduled": [{"supplier_id": s, "buyer_id": b, "score": 40.0} for s, b in unscheduled],
            "value_ratio": ratio}


def test_the_share_of_the_best_schedule_is_rounded_down_never_up():
    assert summarize(_schedule([], [], ratio=0.9999)).percent_of_best == 99


def test_pairs_left_out_when_every_seat_is_taken_say_so():
    summary = summarize(_schedule([(1, 2), (3, 4)], [(5, 6)]))
    assert [p.reason for p in summary.left_out] == [SEATS_FULL] and summary.reasons[SEATS_FULL] == 1


def test_a_pair_whose_company_has_no_slot_left_names_that_company():
    summary = summarize(_schedule([(1, 2), (1, 4)], [(1, 6)], tables=3))
    assert summary.left_out[0].reason == COMPANY_FULL and summary.left_out[0].busy_company_id == 1


def test_a_pair_with_free_seats_and_free_companies_lost_to_a_stronger_meeting():
    summary = summarize(_schedule([(1, 2)], [(3, 4)], tables=3))
    assert summary.left_out[0].reason == DISPLACED
