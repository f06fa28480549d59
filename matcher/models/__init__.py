"""SQLAlchemy 2 typed models; no business logic lives here."""
from matcher.models.account_data import DELETION_SCOPES, AccountDeletion, CompanyLogo
from matcher.models.company import Company, CompanyCode, Need, Offer
from matcher.models.infra import ChangeLog, IdempotentRequest, RateLimitCounter
from matcher.models.interest import INTEREST_STATES, MatchInterest
from matcher.models.mission import Meeting, Mission, MissionParticipant, MissionSchedule
from matcher.models.job import JobRun
from matcher.models.niche import Niche
from matcher.models.notification import DIGEST_FREQUENCIES, OUTBOX_STATES, NotificationPreference, OutboxMail
from matcher.models.user import ROLES, ApiToken, User, UserSession

__all__ = [
    "AccountDeletion", "CompanyLogo", "DELETION_SCOPES",
    "ApiToken", "ChangeLog", "Company", "CompanyCode", "DIGEST_FREQUENCIES", "IdempotentRequest",
    "INTEREST_STATES", "JobRun", "NotificationPreference", "OUTBOX_STATES", "OutboxMail",
    "MatchInterest", "Meeting", "Mission", "MissionParticipant", "MissionSchedule", "Need",
    "Niche", "Offer", "RateLimitCounter", "ROLES", "User", "UserSession",
]
