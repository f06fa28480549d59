"""My matches words only the partners on the page, and the page reads as when every match is worded."""
from __future__ import annotations

import re

import pytest
from match_registry import BUYER, SUPPLIERS, add_suppliers, worded  # noqa: F401 (a fixture)

from matcher.db import db
from matcher.services import matching
from matcher.services.accounts import get_or_create_user
from matcher.services.shown_matches import RankedMatches
from matcher.web.match_list import PER_PAGE

EMAIL = "buy@permtimber.example.ru"
PAGES = ["/matches", "/matches?page=2", "/matches?show=all&page=4", "/matches?show=all&sort=name&page=2",
         "/matches?cooperation=supply", "/matches?country=BY&show=all", "/matches?code=8436&sort=place",
         "/matches?hidden=1&show=good"]


@pytest.fixture
def buyer(signed_up):
    """A browser signed in as the Perm buyer, among three dozen suppliers."""
    from matcher.services.companies import create_company

    browser = signed_up(EMAIL)
    add_suppliers()
    create_company(BUYER, owner=get_or_create_user(EMAIL, "company"))
    db.session.commit()
    return browser


def _list_of(response) -> str:
    """The page's match list, without the per-request CSRF tokens."""
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    return re.sub(r'name="csrf_token" value="[^"]*"', "", html[html.index("<main"):])


def _partners_on(response) -> list[int]:
    return [int(n) for n in re.findall(r'<li class="card match[^"]*" id="partner-(\d+)"', response.get_data(as_text=True))]


def test_each_page_reads_as_when_every_match_is_worded(buyer, monkeypatch):
    pages = {url: _list_of(buyer.get(url)) for url in PAGES}
    # as before: one ranking with every match worded, nothing worded afterwards
    ranked = matching.ranked_for_company
    monkeypatch.setattr(matching, "ranked_for_company", lambda *args, **kw: ranked(*args, **kw, all_worded=True))
    monkeypatch.setattr(RankedMatches, "word", lambda self, shown: True)
    for url, html in pages.items():
        assert _list_of(buyer.get(url)) == html, url
        assert html.count('id="partner-') == html.count("<summary>почему?") > 0, url


def test_a_page_words_only_the_partners_it_shows(buyer, worded):
    for url in ("/matches", "/matches?show=all&page=3"):
        worded.clear()
        page = buyer.get(url)
        assert sorted(worded) == sorted(_partners_on(page)) and len(worded) == PER_PAGE, url
    assert SUPPLIERS > 3 * PER_PAGE


def test_hidden_partners_are_neither_shown_nor_worded(buyer, worded):
    first = _partners_on(buyer.get("/matches?show=all"))
    buyer.post(f"/matches/{first[0]}/interest", {"state": "not_relevant"})
    worded.clear()
    page = buyer.get("/matches?show=all")
    assert first[0] not in _partners_on(page) and first[0] not in worded
    assert sorted(worded) == sorted(_partners_on(page))


def test_a_page_whose_wording_is_refused_reads_the_same_from_a_fully_worded_ranking(buyer, monkeypatch, worded):
    expected = {url: _list_of(buyer.get(url)) for url in PAGES[:3]}
    monkeypatch.setattr(RankedMatches, "word", lambda self, shown: False)   # as if the index moved meanwhile
    for url, html in expected.items():
        worded.clear()
        assert _list_of(buyer.get(url)) == html, url
        assert len(worded) == SUPPLIERS      # the fallback words every match
