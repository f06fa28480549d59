"""Benchmark of the meeting scheduler (matcher.scheduling) on synthetic missions.

    PYTHONPATH=. .venv/bin/python bench/schedule_bench.py [--quick] [--seeds 3] [--time-limit 55]

For 40 companies × 8 slots and 400 companies × 16 slots, with tables for a quarter and for half
of the companies (a fifth of the people present only part of the day, a tenth both selling and
buying, candidates capped at 10 per company as the match list is), plus a stress case (30 pairs
per company, half the people part-day), prints per seed the time, the value, the upper bound,
value/bound, and whether every company with a worthwhile partner got a meeting. Last line, worst
seed of each size: BENCH s40x8x10=<seconds> r40x8x10=<value/bound> …
"""
from __future__ import annotations

import argparse
import os
import platform
import time

from matcher.scheduling import rule_violations, solve
from matcher.scheduling.synthetic import synthetic_problem

# (companies, slots, tables, candidates per company, share present only part of the day): tables for
# a quarter of the people bind the day; for half, the people do. The last is a stress case.
SIZES = ((40, 8, 10, 10, 0.2), (40, 8, 20, 10, 0.2), (400, 16, 100, 10, 0.2), (400, 16, 200, 10, 0.2),
         (400, 16, 200, 30, 0.5))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one seed, 20 s limit for the large mission")
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--time-limit", type=float, default=55.0, help="seconds per solve")
    args = parser.parse_args()
    seeds = 1 if args.quick else args.seeds
    print(f"python {platform.python_version()} on {os.cpu_count()} cores; time limit {args.time_limit:.0f} s")
    summary = []
    for companies, slots, tables, per_company, partial in SIZES if not args.quick else SIZES[:4]:
        limit = min(args.time_limit, 20.0) if args.quick and companies > 100 else args.time_limit
        worst_time, worst_ratio = 0.0, 1.0
        for seed in range(seeds):
            problem = synthetic_problem(companies, slots, tables, seed=seed, per_company=per_company,
                                        partial_availability=partial)
            started = time.perf_counter()
            schedule = solve(problem, time_limit_s=limit)
            elapsed = time.perf_counter() - started
            broken = rule_violations(problem, schedule)
            worst_time, worst_ratio = max(worst_time, elapsed), min(worst_ratio, schedule.value_ratio)
            print(f"{companies:>4} companies × {slots:>2} slots, {tables:>3} tables, ≤{per_company} pairs/company, "
                  f"{partial:.0%} part-day, seed {seed}: "
                  f"{len(problem.candidates):>5} pairs, {len(schedule.meetings):>5} meetings, "
                  f"{elapsed:6.2f} s, value {schedule.total_value:10.1f} / bound {schedule.upper_bound:10.1f} "
                  f"= {schedule.value_ratio:.4f}, met {schedule.companies_met}/{schedule.companies_with_partner}"
                  f"{'' if not broken else '  RULES BROKEN: ' + '; '.join(broken[:3])}")
        summary.append((f"{companies}x{slots}x{tables}" + (f"p{per_company}" if per_company != 10 else ""),
                        worst_time, worst_ratio))
    print("BENCH " + " ".join(f"s{size}={t:.2f} r{size}={r:.4f}" for size, t, r in summary))


if __name__ == "__main__":
    main()
