"""The meeting scheduler of trade missions: pure Python, imports neither flask nor sqlalchemy."""
from matcher.scheduling.checks import rule_violations
from matcher.scheduling.model import (
    Candidate, LockedMeeting, Placement, Problem, Schedule, ScheduleInputError, check_problem,
)
from matcher.scheduling.solver import PROGRESS_STEPS, solve

__all__ = [
    "Candidate", "LockedMeeting", "PROGRESS_STEPS", "Placement", "Problem", "Schedule",
    "ScheduleInputError", "check_problem", "rule_violations", "solve",
]
