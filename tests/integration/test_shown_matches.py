"""Match lists word only the matches their reader sees, and read exactly as when every match is worded."""
from __future__ import annotations

import pytest
from mail_server import parts
from match_registry import BUYER, add_suppliers, worded  # noqa: F401 (a fixture)

from matcher.db import db
from matcher.services import matching
from matcher.services.accounts import get_or_create_user
from matcher.services.cooperation_matches import engine_min_score, with_cooperation
from matcher.services.shown_matches import RankedMatches
from matcher.settings import SETTINGS

BUYER_EMAIL = "buy@permtimber.example.ru"


@pytest.fixture
def buyer_id(app) -> int:
    """The Perm buyer (its owner's address confirmed) among three dozen suppliers."""
    from matcher.services.companies import create_company

    add_suppliers()
    company = create_company(BUYER, owner=get_or_create_user(BUYER_EMAIL, "company"))
    db.session.commit()
    return company.id


def every_match_worded(company_id: int, limit: int, lang: str = "ru", min_score: float = 0.0) -> list[dict]:
    """The list as it was made before only the shown matches were worded: the engine words all it ranks."""
    engine = matching.match_engine()

    def find(count: int):
        return engine.suppliers_for_buyer(company_id, limit=count, min_score=engine_min_score(min_score), lang=lang)

    return matching._top_public(with_cooperation(find, lang, min_score), limit)


@pytest.mark.parametrize("limit, lang", [(5, "ru"), (20, "en"), (100, "ru")])
def test_a_list_reads_as_when_every_match_is_worded(buyer_id, limit, lang):
    found = matching.matches_for_company(buyer_id, limit=limit, lang=lang)
    assert found == every_match_worded(buyer_id, limit, lang)
    assert len(found) == min(limit, 36) and all(m["reasons"] for m in found)


def test_the_registry_moves_matches_by_cooperation_both_ways(buyer_id):
    found = matching.matches_for_company(buyer_id, limit=100)
    moves = [r["contribution"] for m in found for r in m["reasons"] if r["feature"] == "cooperation"]
    assert moves and min(moves) < 0 < max(moves)


def test_a_list_words_only_the_matches_it_returns(buyer_id, worded):
    found = matching.matches_for_company(buyer_id, limit=5)
    assert sorted(worded) == sorted(m["company"]["id"] for m in found)


def test_the_match_command_words_only_the_partners_it_prints(app, buyer_id, worded):
    result = app.test_cli_runner().invoke(args=["match", str(buyer_id), "--limit", "3"])
    assert result.exit_code == 0, result.output
    assert len(worded) == 3
    assert all(f"[{partner}]" in result.output for partner in worded)


def test_a_digest_words_no_match_and_names_the_same_partners(buyer_id, worded, mailbox):
    from matcher.services.notifications import DIGEST_SIZE, send_due_digests

    assert send_due_digests() == 1
    assert worded == []
    text = parts(mailbox.wait_for(BUYER_EMAIL))[0]
    expected = every_match_worded(buyer_id, DIGEST_SIZE, min_score=SETTINGS.digest_min_score)
    assert len(expected) >= 3 and all(m["company"]["name"] in text for m in expected)


def test_unworded_matches_have_no_reasons_but_the_same_scores_and_pairs(buyer_id, worded):
    found = matching.matches_for_company(buyer_id, limit=20, worded=False)
    assert worded == []
    assert found == [m | {"reasons": []} for m in every_match_worded(buyer_id, 20)]


def test_wording_a_match_whose_score_moved_meanwhile_refuses_and_leaves_it_as_it_was(buyer_id):
    ranked = matching.ranked_for_company(buyer_id, limit=10)
    moved = ranked.items[0]
    moved["score"] += 1.0                   # as if the index took a change between the two reads
    assert ranked.word(ranked.items[:3]) is False
    assert [m["reasons"] for m in ranked.items[:3]] == [[], [], []]


def test_a_list_whose_wording_is_refused_is_ranked_again_with_every_match_worded(buyer_id, monkeypatch):
    monkeypatch.setattr(RankedMatches, "word", lambda self, shown: False)
    assert matching.matches_for_company(buyer_id, limit=10, lang="ru") == every_match_worded(buyer_id, 10, "ru")
