"""One settings object: each threshold and language rule declared once, and every surface reads it."""
import re
from pathlib import Path

import pytest
from werkzeug.datastructures import LanguageAccept

from matcher.settings import SETTINGS, Settings

MATCHER = Path(__file__).resolve().parents[3] / "matcher"


def accept(header: str) -> LanguageAccept:
    from werkzeug.http import parse_accept_header
    return parse_accept_header(header, LanguageAccept)


def test_an_explicit_language_wins_then_accept_language_then_the_default():
    assert SETTINGS.choose_language("en", accept("ru")) == "en"
    assert SETTINGS.choose_language(None, accept("en-GB,en;q=0.9")) == "en"
    assert SETTINGS.choose_language("de", accept("fr")) == "ru"
    assert SETTINGS.choose_language(None, None) == "ru"


def test_the_api_reasons_default_to_english_and_prefer_it_when_a_client_accepts_anything():
    assert SETTINGS.choose_language(accept=accept(""), fallback=SETTINGS.api_reasons_language) == "en"
    assert SETTINGS.choose_language(accept=accept("*"), fallback=SETTINGS.api_reasons_language) == "en"
    assert SETTINGS.choose_language(accept=accept("*")) == "ru"
    assert SETTINGS.choose_language(accept=accept("ru-RU"), fallback=SETTINGS.api_reasons_language) == "ru"


def test_a_company_is_written_to_in_russian_unless_it_works_in_english_only():
    assert SETTINGS.language_spoken_by(["en", "ru"]) == "ru"
    assert SETTINGS.language_spoken_by(["en"]) == "en"
    assert SETTINGS.language_spoken_by(["be"]) == "ru"
    assert SETTINGS.language_spoken_by(None) == "ru"


def test_settings_refuse_a_default_language_they_do_not_offer_and_a_threshold_off_the_score_scale():
    with pytest.raises(ValueError):
        Settings(languages=("ru",), api_reasons_language="en")
    with pytest.raises(ValueError):
        Settings(meeting_min_score=140.0)


def test_the_mission_threshold_and_pairs_per_company_are_written_only_in_the_settings():
    written = re.compile(r"(min_score|min-score|per_company|per-company)\W[^\n]*?(default=|= *)\"?(40(\.0)?|10)\b")
    found = [f"{path.relative_to(MATCHER)}:{n}" for path in MATCHER.rglob("*.py") if path.name != "settings.py"
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if written.search(line)]
    assert found == []
