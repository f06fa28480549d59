"""Cooperation types as a feature: agreement lifts a fitting match, a mismatch lowers it, no types change nothing."""
from __future__ import annotations

from matcher.scoring.cooperation import (
    adjust_match, cooperation_detail, cooperation_fit, cooperation_points, rerank,
)
from matcher.scoring.model import Match, PairScore, Reason


def _match(company_id: int, score: float) -> Match:
    return Match(company_id, score, (Reason("text", score, "…"),), (PairScore(1, 2, score),))


def test_a_match_whose_sides_name_no_kind_scores_exactly_as_before():
    match = _match(7, 63.4)
    assert adjust_match(match, [], ["training"]) is match
    assert adjust_match(match, ["supply"], []) is match
    assert cooperation_fit((), ()) is None


def test_a_training_need_is_lifted_by_a_training_offer_and_the_reasons_still_add_up():
    adjusted = adjust_match(_match(7, 60.0), ["training"], ["training", "supply"])
    assert adjusted.score == 68.0
    assert round(sum(r.contribution for r in adjusted.reasons), 1) == adjusted.score
    assert adjusted.reasons[-1].feature == "cooperation" or any(r.feature == "cooperation" for r in adjusted.reasons)
    assert adjusted.pairs[0].score == 68.0


def test_a_joint_venture_seeker_meets_a_joint_venture_seeker_but_not_a_plain_buyer_of_goods():
    assert cooperation_fit(["joint_venture"], ["joint_venture"]) == 1.0
    assert cooperation_fit(["joint_venture"], ["licensing"]) == 0.5
    assert cooperation_fit(["joint_venture"], ["training"]) == 0.0
    lowered = adjust_match(_match(7, 40.0), ["joint_venture"], ["training"])
    assert lowered.score == 30.0 and lowered.reasons[-1].contribution == -10.0


def test_the_bonus_is_gated_by_product_fit_and_never_passes_100_nor_the_penalty_below_0():
    assert cooperation_points(10.0, ["supply"], ["supply"]) < cooperation_points(60.0, ["supply"], ["supply"])
    assert cooperation_points(97.0, ["supply"], ["supply"]) == 3.0
    assert cooperation_points(4.0, ["supply"], ["training"]) == -4.0


def test_reasons_name_the_kinds_in_the_readers_language():
    assert cooperation_detail(["training"], ["training"], "en") == "both seek training"
    assert cooperation_detail(["training"], ["training"], "ru") == "обе стороны ищут: обучение"
    assert "совместное предприятие" in cooperation_detail(["joint_venture"], ["training"], "ru")


def test_rerank_puts_the_lifted_match_first_and_breaks_ties_by_company():
    a, b = _match(1, 50.0), adjust_match(_match(2, 46.0), ["supply"], ["supply"])
    assert [m.company_id for m in rerank([a, b])] == [2, 1]
    assert [m.company_id for m in rerank([_match(3, 50.0), _match(1, 50.0)])] == [1, 3]
