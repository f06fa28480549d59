"""SQLAlchemy 2 typed models; no business logic lives here."""
from matcher.models.account_data import DELETION_SCOPES, AccountDeletion, CompanyLogo
from matcher.models.company import Company, CompanyCode, Need, Offer
from matcher.models.infra import ChangeLog, IdempotentRequest, RateLimitCounter
from matcher.models.interest import INTEREST_STATES, MatchInterest
from matcher.models.mission import Meeting, Mission, MissionParticipant, MissionSchedule
from matcher.models.job import JobRun
from matcher.models.mission_participation import (
    MISSION_ROLES, REGISTRATION_STATES, REQUEST_STATES, CompanyMessage, MeetingRequest, MissionParticipationSettings,
    MissionRegistration,
)
from matcher.models.niche import Niche
from matcher.models.notification import DIGEST_FREQUENCIES, OUTBOX_STATES, NotificationPreference, OutboxMail
from matcher.models.user import ROLES, ApiToken, User, UserSession
# issue 15: projects, their proposals, and what came of a pair
from matcher.models.project import PROJECT_INTEREST_STATES, PROJECT_STATES, Project, ProjectInterest  # noqa: E402
from matcher.models.outcome import CONTRACT_STATES, OUTCOME_STATES, Outcome  # noqa: E402

__all__ = [
    "AccountDeletion", "CompanyLogo", "DELETION_SCOPES",
    "ApiToken", "ChangeLog", "Company", "CompanyCode", "CompanyMessage", "DIGEST_FREQUENCIES", "IdempotentRequest",
    "INTEREST_STATES", "JobRun", "NotificationPreference", "OUTBOX_STATES", "OutboxMail",
    "MatchInterest", "Meeting", "MeetingRequest", "Mission", "MissionParticipant", "MissionParticipationSettings",
    "MissionRegistration", "MissionSchedule", "MISSION_ROLES", "Need",
    "Niche", "Offer", "RateLimitCounter", "REGISTRATION_STATES", "REQUEST_STATES", "ROLES", "User", "UserSession",
    "CONTRACT_STATES", "OUTCOME_STATES", "Outcome", "PROJECT_INTEREST_STATES", "PROJECT_STATES", "Project",
    "ProjectInterest",
]
