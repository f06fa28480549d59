"""Partner matching: offers × needs × niches scored by a table of small explainable features."""
from matcher.scoring.engine import MatchEngine
from matcher.scoring.model import Item, Match, Niche, PairScore, Profile, Reason
from matcher.scoring.weights import DEFAULT_WEIGHTS, UnknownWeightError

__all__ = ["MatchEngine", "Item", "Profile", "Niche", "Reason", "PairScore", "Match", "DEFAULT_WEIGHTS",
           "UnknownWeightError"]
