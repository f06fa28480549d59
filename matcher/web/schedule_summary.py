"""What a built schedule means to an organiser: the share of the best possible schedule it reaches, and
which worthwhile pairs were left out and why, in words rather than the solver's value and bound."""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

# Why a worthwhile pair got no meeting, as far as the stored schedule shows it (the solver keeps no reason).
SEATS_FULL = "seats_full"          # every table of every slot is taken
COMPANY_FULL = "company_full"      # one of the two already meets someone in every slot it could use
DISPLACED = "displaced"            # a seat was free for both, but the pair scored less than the meetings kept


@dataclass(frozen=True)
class LeftOut:
    supplier_id: int
    buyer_id: int
    score: float
    reason: str
    busy_company_id: int | None = None  # for COMPANY_FULL: the company with no slot left


@dataclass(frozen=True)
class ScheduleSummary:
    percent_of_best: int        # floor of value / bound: the schedule is at least this share of the best
    meetings: int
    seats: int
    left_out: list[LeftOut]
    reasons: Counter


def summarize(schedule: dict) -> ScheduleSummary:
    params = schedule["params"]
    slots, tables = params["slots"], params["tables"]
    cap = params.get("max_meetings") or slots
    per_company = Counter()
    for meeting in schedule["meetings"]:
        per_company[meeting["supplier_id"]] += 1
        per_company[meeting["buyer_id"]] += 1
    seats = slots * tables
    seats_full = len(schedule["meetings"]) >= seats
    left_out = []
    for pair in schedule["unscheduled"]:
        busy = next((c for c in (pair["supplier_id"], pair["buyer_id"]) if per_company[c] >= cap), None)
        reason = SEATS_FULL if seats_full else COMPANY_FULL if busy is not None else DISPLACED
        left_out.append(LeftOut(pair["supplier_id"], pair["buyer_id"], pair["score"], reason,
                                busy if reason == COMPANY_FULL else None))
    ratio = schedule.get("value_ratio") or 0.0
    return ScheduleSummary(percent_of_best=min(100, math.floor(ratio * 100)), meetings=len(schedule["meetings"]),
                           seats=seats, left_out=left_out, reasons=Counter(p.reason for p in left_out))
