"""Heading accuracy of the classifier on its evaluation phrases, against floors and the two old word→code paths."""
import pytest

from .classifier_report import accuracy, evaluate
from .classifier_set import load, uses_unofficial_words

# Measured (python -m tests.evaluation.classifier_report): dev+holdout top-3 0.998 / top-1 0.903,
# fresh top-3 0.924 / top-1 0.795. Each floor is the figure minus a small margin.
FLOORS = {("written first", 3): 0.97, ("written first", 1): 0.87, ("fresh", 3): 0.89, ("fresh", 1): 0.76}
MARGIN_OVER_OLD_PATHS = 0.45


@pytest.fixture(scope="module")
def results():
    return evaluate()


def test_the_set_is_big_mostly_russian_and_full_of_words_no_official_title_uses():
    phrases = load()
    assert len(phrases) >= 300
    assert sum(p.lang == "ru" for p in phrases) >= len(phrases) / 2
    assert sum(uses_unofficial_words(p) for p in phrases) >= len(phrases) / 3
    assert len({p.text for p in phrases}) == len(phrases)


@pytest.mark.parametrize("subset, k", sorted(FLOORS))
def test_heading_accuracy_stays_above_its_floor(results, subset, k):
    phrases = [p for p in load() if (p.split == "fresh") == (subset == "fresh")]
    assert accuracy(phrases, results["classifier"], k) >= FLOORS[(subset, k)]


def test_the_classifier_beats_the_old_code_lookup_and_a_plain_substring_search_by_a_margin(results):
    phrases = load()
    ours = accuracy(phrases, results["classifier"], 3)
    for old in ("old code_lookup", "substring"):
        assert ours >= accuracy(phrases, results[old], 3) + MARGIN_OVER_OLD_PATHS, old
