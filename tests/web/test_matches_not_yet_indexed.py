"""A company saved while this worker's index cannot catch up in the request (a bulk tail being
applied in the background) gets «retry in a few seconds», not a server error."""
from __future__ import annotations

import pytest
from match_registry import BUYER

from matcher.db import db
from matcher.errors import Unavailable
from matcher.scoring.engine import MatchEngine
from matcher.services import matching
from matcher.services.accounts import get_or_create_user

EMAIL = "buy@permtimber.example.ru"


@pytest.fixture
def index_behind(monkeypatch) -> MatchEngine:
    """This worker's index, even when asked to refresh, from before any company was saved (as when
    the tail past it is longer than a request may replay: match_index.INLINE_REPLAY_LIMIT)."""
    stale = MatchEngine()
    stale.build([], [])
    monkeypatch.setattr(matching, "match_engine", lambda force_refresh=False: stale)
    return stale


def _saved_buyer() -> int:
    from matcher.services.companies import create_company

    company = create_company(BUYER, owner=get_or_create_user(EMAIL, "company"))
    db.session.commit()
    return company.id


def test_my_matches_of_a_company_the_index_has_not_reached_asks_to_retry_shortly(signed_up, index_behind):
    browser = signed_up(EMAIL)
    _saved_buyer()

    response = browser.get("/matches")

    assert response.status_code == 503
    assert response.headers["Retry-After"]


def test_a_list_of_a_company_the_refreshed_index_still_lacks_is_unavailable_for_now(app, index_behind):
    company_id = _saved_buyer()

    with pytest.raises(Unavailable) as refused:
        matching.matches_for_company(company_id)

    assert refused.value.headers["Retry-After"]
