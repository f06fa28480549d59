"""SQLAlchemy 2 typed models; no business logic lives here."""
from matcher.models.company import Company, CompanyCode, Need, Offer
from matcher.models.infra import ChangeLog, IdempotentRequest, RateLimitCounter
from matcher.models.interest import INTEREST_STATES, MatchInterest
from matcher.models.mission import Meeting, Mission, MissionParticipant, MissionSchedule
from matcher.models.niche import Niche
from matcher.models.user import ROLES, ApiToken, User, UserSession

__all__ = [
    "ApiToken", "ChangeLog", "Company", "CompanyCode", "IdempotentRequest", "INTEREST_STATES",
    "MatchInterest", "Meeting", "Mission", "MissionParticipant", "MissionSchedule", "Need",
    "Niche", "Offer", "RateLimitCounter", "ROLES", "User", "UserSession",
]
