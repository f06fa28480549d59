"""The web profile form goes through the same text cleaning as the API, with its message in Russian."""
from __future__ import annotations

from sqlalchemy import func, select
from web_helpers import field_error

from matcher.db import db
from matcher.models import Company


def test_a_name_of_only_invisible_characters_is_refused_next_to_the_name_in_russian(signed_up):
    browser = signed_up("olga@example.by")
    response = browser.create_profile(name="\u200b\u202e\u2060")
    assert response.status_code == 422
    assert "Здесь только невидимые или управляющие символы" in field_error(response, "f-name")
    assert db.session.scalar(select(func.count()).select_from(Company)) == 0


def test_the_same_message_reads_in_english_on_english_pages(signed_up):
    browser = signed_up("olga@example.by", language="en")
    response = browser.create_profile(name="\ufeff")
    assert "Only invisible or control characters were typed here" in field_error(response, "f-name")


def test_a_name_typed_with_a_right_to_left_override_is_saved_without_it(signed_up):
    browser = signed_up("olga@example.by")
    assert browser.create_profile(name="Лесмаш\u202e (тест)").status_code == 302
    assert db.session.scalar(select(Company.name)) == "Лесмаш (тест)"
