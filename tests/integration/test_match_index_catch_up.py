"""A worker's index catches up with the change log whatever happened between two looks at it."""
from __future__ import annotations

from matcher.services import niches
from matcher.services.companies import delete_company
from matcher.services.matching import match_engine, matches_for_company


def test_a_company_created_and_deleted_between_two_refreshes_does_not_break_matches(app, create_company):
    buyer = create_company(name="Пермский станкозавод (тест)", country="RU", region="RU-PER", roles=["buyer"],
                           offers=[], needs=[{"title": "Станки с ЧПУ", "hs_codes": ["8457"]}])
    match_engine(force_refresh=True)  # this worker's index now exists and has seen the buyer
    passing = create_company(name="Однодневка (тест)")
    delete_company(passing.id)
    niche = niches.create_niche({"title": "Станки", "departed_company": "DMG MORI", "region": "RU-PER",
                                 "hs_codes": ["8457"]})
    niches.delete_niche(niche.id)
    match_engine(force_refresh=True)
    assert matches_for_company(buyer.id, lang="ru") == []
