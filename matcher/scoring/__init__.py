"""Partner matching: offers × needs × niches scored by a table of small explainable features."""
from matcher.scoring.engine import MatchEngine
from matcher.scoring.model import Item, Match, Niche, PairScore, Profile, Reason
from matcher.scoring.registry import DEFAULT_WEIGHTS
from matcher.scoring.weights import UnknownWeightError

__all__ = ["MatchEngine", "Item", "Profile", "Niche", "Reason", "PairScore", "Match", "DEFAULT_WEIGHTS",
           "UnknownWeightError"]
