"""The feedback evaluation's measures: AUC over positive and negative actions, nDCG over graded ones."""
from __future__ import annotations

import math

from matcher.services.feedback import auc, ndcg


def test_auc_is_one_when_every_positive_outscores_every_negative_and_a_half_for_ties():
    assert auc([80.0, 70.0], [10.0, 20.0]) == 1.0
    assert auc([10.0], [80.0]) == 0.0
    assert auc([50.0], [50.0]) == 0.5
    assert auc([50.0], []) is None


def test_ndcg_is_one_for_the_ideal_order_and_lower_when_the_contract_ranks_last():
    assert ndcg([3, 1, 0]) == 1.0
    worse = ndcg([0, 1, 3])
    assert worse < 1.0 and math.isclose(worse, (1 / math.log2(3) + 7 / 2) / (7 + 1 / math.log2(3)))
    assert ndcg([0, 0]) is None
