"""Form size: every text input carries a maxlength taken from the schema that checks it, the page tells the
script the body limit and the words to say, and a post past the limit gets a 413 page that says what happened."""
from __future__ import annotations

import re
from html import unescape

import pytest
from mission_pages import organiser  # noqa: F401  (fixture)
from web_helpers import text_of

from matcher.schemas.company import CompanySchema, NeedSchema
from matcher.schemas.mission import MissionSchema
from matcher.web.field_limits import FIELD_LIMITS, length_max

TEXT_INPUT = re.compile(r"<(input|textarea)\b([^>]*)>", re.S)
NOT_TYPED = {"hidden", "checkbox", "radio", "file", "submit", "button", "number", "date", "time"}


def _unbounded_inputs(html: str) -> list[str]:
    """Inputs and text areas a person types into that have no maxlength."""
    missing = []
    for tag, attributes in TEXT_INPUT.findall(html):
        kind = re.search(r'\btype="([^"]+)"', attributes)
        if tag == "input" and kind and kind.group(1) in NOT_TYPED:
            continue
        if "readonly" in attributes:
            continue
        if not re.search(r'\bmaxlength="\d+"', attributes):
            missing.append(re.search(r'\bname="([^"]+)"', attributes).group(1))
    return missing


def _maxlength(html: str, name: str) -> int:
    found = re.search(rf'<(?:input|textarea)\b[^>]*\bname="{re.escape(name)}"[^>]*\bmaxlength="(\d+)"', html)
    if found is None:
        found = re.search(rf'<(?:input|textarea)\b[^>]*\bmaxlength="(\d+)"[^>]*\bname="{re.escape(name)}"', html)
    return int(found.group(1))


@pytest.mark.parametrize("path", ["/login", "/signup", "/companies", "/niches"])
def test_every_text_input_of_the_public_pages_has_a_maxlength(web, path):
    assert _unbounded_inputs(web.get(path).get_data(as_text=True)) == []


@pytest.mark.parametrize("path", ["/companies/new", "/account"])
def test_every_text_input_of_the_profile_and_account_forms_has_a_maxlength(signed_up, path):
    browser = signed_up("olga@example.by")
    assert _unbounded_inputs(browser.get(path).get_data(as_text=True)) == []


def test_every_text_input_of_the_mission_form_has_a_maxlength(organiser):
    assert _unbounded_inputs(organiser.get("/missions/new").get_data(as_text=True)) == []


def test_the_profile_limits_are_the_schemas_limits(signed_up):
    html = signed_up("olga@example.by").get("/companies/new").get_data(as_text=True)
    fields = CompanySchema().fields
    for name in ("name", "name_en", "city", "tax_id", "website", "email", "phone", "description"):
        assert _maxlength(html, name) == length_max(fields[name]), name
    item = NeedSchema().fields
    assert _maxlength(html, "offers-0-title") == length_max(item["title"])
    assert _maxlength(html, "offers-0-description") == length_max(item["description"])
    # A list typed into one input: as many codes as the schema allows, each with its separator.
    assert _maxlength(html, "offers-0-hs_codes") == FIELD_LIMITS["item.hs_codes"] == 50 * (13 + 2)


def test_the_mission_limits_are_the_schemas_limits(organiser):
    html = organiser.get("/missions/new").get_data(as_text=True)
    fields = MissionSchema().fields
    assert _maxlength(html, "name") == length_max(fields["name"]) == 300
    assert _maxlength(html, "city") == length_max(fields["city"]) == 120


@pytest.mark.parametrize("language, words", [("ru", "не более 2 МБ"), ("en", "at most 2 MB")])
def test_the_page_gives_the_script_the_body_limit_and_the_message_in_the_readers_language(new_web, language, words):
    html = new_web(language).get("/login").get_data(as_text=True)
    body = re.search(r"<body([^>]*)>", html).group(1)
    assert f'data-form-max-bytes="{2 * 1024 * 1024}"' in body
    assert words in unescape(re.search(r'data-form-too-large-text="([^"]*)"', body).group(1))


@pytest.mark.parametrize("language, words", [
    ("ru", "больше 0.5 МБ — столько сайт принимает за один раз, поэтому ничего не сохранено"),
    ("en", "larger than the 0.5 MB the site accepts at once, so nothing was saved"),
])
def test_a_post_past_the_limit_gets_a_413_page_saying_what_happened(new_web, app, monkeypatch, language, words):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 512 * 1024)
    response = new_web(language).client.post("/login", data={"email": "a@b.by", "password": "x" * 600_000},
                                              headers={"Accept-Language": language})
    assert response.status_code == 413
    assert words in text_of(response)
