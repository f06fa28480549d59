"""Hostile numbers, redirect targets, search text and cookies on the web: a page or a form again, never a 5xx,
and nothing half written."""
from __future__ import annotations

import pytest
from mission_pages import corridor, firm, mission, organiser  # noqa: F401  (fixtures)
from sqlalchemy import func, select
from web_helpers import input_value, profile_form, text_of

from matcher.db import db
from matcher.models import Company, MatchInterest, Mission, User
from matcher.web.params import clamped_decimal, clamped_number, page_number, row_id, search_text, whole_number

UNICODE_DIGITS = ["²", "٣", "৩", "１"]  # superscript two, Arabic-Indic, Bengali and fullwidth digits
CRLF_TARGET = "/companies\r\nSet-Cookie: planted=1"


# -- the one parser -------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [*UNICODE_DIGITS, "", " ", "-1", "+1", "1.0", "1e3", "0x10", "1_000", None])
def test_whole_number_takes_only_ascii_digits(text):
    assert whole_number(text) is None


def test_whole_number_reads_ascii_digits_within_bounds_and_falls_back_outside():
    assert whole_number(" 42 ") == 42
    assert whole_number("7", minimum=1, maximum=5, default=3) == 3
    assert whole_number("9" * 400) is None  # no int() of a huge string at all
    assert row_id("2147483647") == 2147483647 and row_id("2147483648") is None and row_id("0") is None
    assert page_number("²") == 1 and page_number("100000") == 1 and page_number("3") == 3


def test_clamped_numbers_bring_values_within_bounds_and_refuse_special_floats():
    assert clamped_number("1000", minimum=1, maximum=100, default=10) == 100
    assert clamped_number("²", minimum=1, maximum=100, default=10) == 10
    assert clamped_decimal("55,5", minimum=0, maximum=100, default=40) == 55.5
    for text in ("nan", "inf", "1e9", "²", "٣٣"):
        assert clamped_decimal(text, minimum=0, maximum=100, default=40) == 40


def test_search_text_drops_control_characters():
    assert search_text("Перм\x00ь\r\n", 200) == "Пермь"


# -- query strings --------------------------------------------------------------------------------

@pytest.mark.parametrize("digit", UNICODE_DIGITS)
@pytest.mark.parametrize("path", ["/companies", "/niches", "/missions"])
def test_unicode_digits_as_a_page_number_show_the_first_page(organiser, path, digit):
    response = organiser.get(f"{path}?page={digit}")
    assert response.status_code == 200


@pytest.mark.parametrize("query", ["per_company=²", "per_company=99999999999999999999999",
                                   "min_score=nan", "min_score=²", "min_score=inf"])
def test_special_numbers_in_the_match_list_query_are_refused_naming_the_field_as_the_api_does(
        organiser, mission, query):
    response = organiser.get(f"/missions/{mission['id']}/match-list?{query}")
    assert response.status_code == 422
    assert f'id="{query.split("=")[0]}-error"' in response.get_data(as_text=True)


def test_a_digit_of_another_script_in_the_match_list_query_reads_as_that_number_as_in_the_api(organiser, mission):
    response = organiser.get(f"/missions/{mission['id']}/match-list?per_company=٣")
    assert response.status_code == 200
    assert 'name="per_company" type="number" min="1" max="100" value="3"' in response.get_data(as_text=True)


def test_a_nul_in_the_picker_search_re_shows_the_mission_form(organiser, corridor):
    response = organiser.get("/missions/new?pick_q=%D0%90%00&pick_country=B%00")
    assert response.status_code == 200
    failed = organiser.post("/missions/new", {"action": "save", "name": "", "pick_q": "Перм\x00ь"}, page="/missions/new")
    assert failed.status_code == 422
    assert db.session.scalar(select(func.count()).select_from(Mission)) == 0


# -- forms ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("company_id", ["²", "٣", "9223372036854775808", "2147483648", "0"])
def test_an_id_no_company_can_have_in_the_mission_form_is_dropped_not_a_500(organiser, corridor, company_id):
    suppliers, _buyers = corridor
    response = organiser.post("/missions/new", {"action": "save", "name": "Форум в Перми",
                                                "company_ids": [company_id, str(suppliers[0].id)]},
                              page="/missions/new")
    assert response.status_code == 302, text_of(response)[:2000]
    stored = db.session.scalar(select(Mission))
    assert [p.company_id for p in stored.participants] == [suppliers[0].id]


def _profile(signed_up):
    browser = signed_up("olga@example.by")
    assert browser.create_profile().status_code == 302
    company_id = db.session.scalar(select(Company.id))
    page = browser.get(f"/companies/{company_id}/edit")
    return browser, company_id, input_value(page, "version"), input_value(page, "offers-0-id")


@pytest.mark.parametrize("digit", ["²", "٣"])
def test_unicode_digits_in_the_profile_volume_are_refused_next_to_the_volume(signed_up, digit):
    browser, company_id, version, offer_id = _profile(signed_up)
    response = browser.post(f"/companies/{company_id}/edit",
                            profile_form(version=version, **{"offers-0-id": offer_id, "offers-0-volume": digit}))
    assert response.status_code == 422
    assert input_value(response, "offers-0-volume") == digit
    db.session.expire_all()
    assert db.session.get(Company, company_id).version == int(version)


@pytest.mark.parametrize("digit", ["²", "٣", "99999999999999999999999"])
def test_unicode_digits_as_the_profile_version_are_a_stale_save_not_a_500(signed_up, digit):
    browser, company_id, version, offer_id = _profile(signed_up)
    response = browser.post(f"/companies/{company_id}/edit",
                            profile_form(version=digit, city="Пинск", **{"offers-0-id": offer_id}))
    assert response.status_code == 409
    assert input_value(response, "city") == "Пинск"


@pytest.mark.parametrize("digit", ["²", "99999999999999999999999"])
def test_an_offer_id_that_names_no_item_saves_the_offer_as_a_new_one(signed_up, digit):
    browser, company_id, version, _offer_id = _profile(signed_up)
    response = browser.post(f"/companies/{company_id}/edit",
                            profile_form(version=version, **{"offers-0-id": digit, "offers-0-title": "Форвардеры"}))
    assert response.status_code == 302
    db.session.expire_all()
    assert [o.title for o in db.session.get(Company, company_id).offers] == ["Форвардеры"]


@pytest.mark.parametrize("action", ["remove:offers:²", "codes:offers:²", "remove:offers:٣"])
def test_unicode_digits_in_a_profile_button_re_show_the_form_unsaved(signed_up, action):
    browser, company_id, version, offer_id = _profile(signed_up)
    response = browser.post(f"/companies/{company_id}/edit",
                            profile_form(version=version, action=action, **{"offers-0-id": offer_id}))
    assert response.status_code == 200
    db.session.expire_all()
    assert db.session.get(Company, company_id).version == int(version)


# -- redirect targets -----------------------------------------------------------------------------

@pytest.mark.parametrize("target", [CRLF_TARGET, "/companies\nX: y", "/companies\x00", "/companies\x85"])
def test_a_login_with_control_characters_in_next_goes_to_the_usual_page(organiser, new_web, target):
    browser = new_web()
    response = browser.post("/login", {"email": "org@example.org", "password": "correct-horse-42", "next": target})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/missions")
    assert "planted" not in str(response.headers)
    assert browser.get("/missions").status_code == 200


def test_a_locale_switch_with_cr_lf_in_next_goes_home_in_the_chosen_language(organiser):
    response = organiser.post("/locale", {"locale": "en", "next": CRLF_TARGET})
    assert response.status_code == 302 and response.headers["Location"].endswith("/")
    assert "planted" not in str(response.headers)
    assert db.session.scalar(select(User.locale).where(User.email == "org@example.org")) == "en"


def test_an_interest_with_cr_lf_in_next_is_recorded_and_goes_back_to_the_matches(firm, corridor):
    suppliers, buyers = corridor
    response = firm.post(f"/matches/{buyers[0].id}/interest", {"state": "interested", "next": CRLF_TARGET},
                         page="/matches")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/matches#partner-{buyers[0].id}")
    assert db.session.scalar(select(func.count()).select_from(MatchInterest)) == 1


# -- the language cookie --------------------------------------------------------------------------

@pytest.mark.parametrize("cookie", ["ru-RU-x-long", "en" * 40, "x\u0000y"])
def test_a_language_cookie_we_do_not_offer_is_ignored_at_signup_and_not_stored(new_web, cookie):
    browser = new_web()
    browser.set_cookie("matcher_locale", cookie)
    assert browser.sign_up("new@example.by").status_code == 302
    assert db.session.scalar(select(User.locale).where(User.email == "new@example.by")) in (None, "ru")
    assert browser.log_in("new@example.by").status_code == 302  # sign-up no longer signs in: confirm first
    assert browser.get("/companies/new").status_code == 200


def test_a_volume_with_no_break_spaces_between_ascii_digits_is_read(signed_up):
    browser, company_id, version, offer_id = _profile(signed_up)
    response = browser.post(f"/companies/{company_id}/edit",
                            profile_form(version=version, **{"offers-0-id": offer_id, "offers-0-volume": "3\u00a0000"}))
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Company, company_id).offers[0].annual_capacity_usd == 3000
