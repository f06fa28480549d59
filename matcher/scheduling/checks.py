"""The hard rules of a schedule, checked independently of how it was built."""
from __future__ import annotations

from collections import Counter

from matcher.scheduling.model import Problem, Schedule


def rule_violations(problem: Problem, schedule: Schedule) -> list[str]:
    """Every broken hard rule, in words; an empty list means the schedule may be published."""
    found: list[str] = []
    seats: dict[tuple[int, int], tuple[int, int]] = {}
    tables: dict[tuple[int, int], tuple[int, int]] = {}
    pairs: Counter = Counter()
    meetings_of: Counter = Counter()
    known = {frozenset((c.supplier_id, c.buyer_id)) for c in problem.candidates}
    known |= {frozenset((m.supplier_id, m.buyer_id)) for m in problem.locked}
    for m in schedule.meetings:
        who = (m.supplier_id, m.buyer_id)
        if not 1 <= m.slot <= problem.slots:
            found.append(f"meeting {who} is in slot {m.slot}, outside 1..{problem.slots}")
        if not 1 <= m.table <= problem.tables:
            found.append(f"meeting {who} is at table {m.table}, outside 1..{problem.tables}")
        if (m.slot, m.table) in tables:
            found.append(f"table {m.table} holds {tables[(m.slot, m.table)]} and {who} in slot {m.slot}")
        tables[(m.slot, m.table)] = who
        if m.supplier_id == m.buyer_id:
            found.append(f"company {m.supplier_id} meets itself")
        for company_id in set(who):
            if (m.slot, company_id) in seats:
                found.append(f"company {company_id} is in {seats[(m.slot, company_id)]} and {who} in slot {m.slot}")
            seats[(m.slot, company_id)] = who
            present = problem.availability.get(company_id)
            if present is not None and m.slot not in present:
                found.append(f"company {company_id} meets in slot {m.slot} but is not there then")
            meetings_of[company_id] += 1
        pair = frozenset(who)
        pairs[pair] += 1
        if pair not in known:
            found.append(f"meeting {who} is neither a candidate nor a locked meeting")
    found += [f"companies {sorted(pair)} meet {n} times" for pair, n in pairs.items() if n > 1]
    for company_id, n in meetings_of.items():
        cap = problem.max_meetings.get(company_id, problem.default_max_meetings)
        if cap is not None and n > cap:
            found.append(f"company {company_id} has {n} meetings, above its cap of {cap}")
    placed = {(m.slot, m.table, m.supplier_id, m.buyer_id) for m in schedule.meetings}
    for lock in problem.locked:
        if (lock.slot, lock.table, lock.supplier_id, lock.buyer_id) not in placed:
            found.append(f"locked meeting {(lock.supplier_id, lock.buyer_id)} left slot {lock.slot} table {lock.table}")
    if schedule.total_value > schedule.upper_bound + 1e-6:
        found.append(f"value {schedule.total_value} exceeds the bound {schedule.upper_bound}")
    return found
