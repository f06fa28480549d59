"""The rules behind a readable match list: bands with a clear cut-off, filters, order, pages, the top reasons."""
from __future__ import annotations

from matcher.web.match_list import MatchFilters, band_of, page_of, read_filters, select_matches, top_reasons

MESSAGES = {key: f"bad {key}" for key in ("show", "sort", "country", "region", "code", "page")}


def _match(company_id: int, score: float, country: str = "BY", region: str = "BY-MI", name: str = "") -> dict:
    return {"company": {"id": company_id, "name": name or f"Company {company_id}", "country": country, "region": region},
            "score": score, "reasons": [], "pairs": []}


def test_a_score_of_fifty_is_good_thirty_is_possible_and_below_is_weak():
    assert [band_of(s) for s in (92, 50, 49.9, 30, 29.9, 10)] == ["good", "good", "possible", "possible", "weak", "weak"]


def test_the_default_list_leaves_the_weak_matches_out_but_counts_them():
    found = [_match(1, 80), _match(2, 40), _match(3, 12)]
    kept, counts = select_matches(found, MatchFilters(), {})
    assert [m["company"]["id"] for m in kept] == [1, 2]
    assert counts == {"good": 1, "possible": 1, "weak": 1}


def test_good_only_keeps_the_matches_of_fifty_and_more():
    kept, _counts = select_matches([_match(1, 80), _match(2, 40)], MatchFilters(band="good"), {})
    assert [m["company"]["id"] for m in kept] == [1]


def test_country_region_and_code_filters_narrow_the_list():
    found = [_match(1, 80, "BY", "BY-MI"), _match(2, 70, "RU", "RU-PER"), _match(3, 60, "RU", "RU-SVE")]
    codes = {2: {"hs": {"845710"}}, 3: {"nace": {"28.41"}}}
    assert [m["company"]["id"] for m in select_matches(found, MatchFilters(country="RU"), codes)[0]] == [2, 3]
    assert [m["company"]["id"] for m in select_matches(found, MatchFilters(region="RU-SVE"), codes)[0]] == [3]
    assert [m["company"]["id"] for m in select_matches(found, MatchFilters(code="8457"), codes)[0]] == [2]
    assert [m["company"]["id"] for m in select_matches(found, MatchFilters(code="28.4"), codes)[0]] == [3]


def test_a_cooperation_type_filter_keeps_the_partners_that_name_that_type():
    found = [_match(1, 80), _match(2, 70)]
    kept, _counts = select_matches(found, MatchFilters(cooperation="contract"), {}, cooperation={2: {"contract"}})
    assert [m["company"]["id"] for m in kept] == [2]


def test_sorting_by_name_ignores_case_and_by_score_puts_the_strongest_first():
    found = [_match(1, 40, name="бета"), _match(2, 90, name="Альфа"), _match(3, 60, name="Гамма")]
    assert [m["company"]["id"] for m in select_matches(found, MatchFilters(sort="name"), {})[0]] == [2, 1, 3]
    assert [m["company"]["id"] for m in select_matches(found, MatchFilters(), {})[0]] == [2, 3, 1]


def test_a_page_past_the_end_shows_the_last_page():
    items, page, pages = page_of(list(range(23)), 9, per_page=10)
    assert (items, page, pages) == ([20, 21, 22], 3, 3)


def test_nonsense_in_the_query_string_is_named_by_field_and_dropped():
    filters = read_filters({"show": "everything", "sort": "random", "code": "<script>", "page": "-1",
                            "country": "ru"}, MESSAGES)
    assert set(filters.errors) == {"show", "sort", "code", "page"}
    assert (filters.band, filters.sort, filters.code, filters.page, filters.country) == ("possible", "score", "", 1, "RU")


def test_a_page_or_code_in_other_digits_than_ascii_is_named_by_field_not_a_crash():
    filters = read_filters({"page": "²", "code": "８４５７"}, MESSAGES)
    assert set(filters.errors) == {"page", "code"}
    assert (filters.page, filters.code) == (1, "")


def test_the_two_strongest_reasons_are_shown_in_the_engines_order_penalties_included():
    reasons = [{"feature": "a", "contribution": 5.0}, {"feature": "b", "contribution": 30.0},
               {"feature": "c", "contribution": -12.0}, {"feature": "d", "contribution": 8.0}]
    assert [r["feature"] for r in top_reasons(reasons)] == ["b", "c"]
