"""An oversize paste in real Chromium: maxlength holds each field to the schema's limit, and a form that is
still larger than the server takes is stopped before it leaves, with a message in the page's language and
every character typed still in its field (no 413 page, no lost work)."""
from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PASSWORD = "correct-horse-42"
BODY_LIMIT_BYTES = 48 * 1024  # far below the default 2 MB, so that one long description passes it
DESCRIPTION = "Лесозаготовительная техника с сервисом в Пермском крае. " * 160  # 9,120 Cyrillic characters


@pytest.fixture
def small_body_limit(live_app, monkeypatch):
    monkeypatch.setitem(live_app.config, "MAX_CONTENT_LENGTH", BODY_LIMIT_BYTES)


def _signed_up(open_page, sign_up_newcomer, locale: str = "ru-RU"):
    page = open_page(locale=locale)
    sign_up_newcomer(page, f"paste-{uuid.uuid4().hex[:8]}@example.by", PASSWORD)
    return page


def _paste(page, selector: str, text: str) -> None:
    """Put `text` into the field the way a paste does (insertText honours maxlength)."""
    page.focus(selector)
    page.keyboard.insert_text(text)


def test_a_paste_longer_than_the_schema_allows_is_cut_at_the_fields_maxlength(open_page, sign_up_newcomer):
    page = _signed_up(open_page, sign_up_newcomer)
    _paste(page, "#f-name", "Я" * 500)
    assert len(page.input_value("#f-name")) == 200


def test_an_oversize_form_is_stopped_in_the_browser_with_the_text_still_in_the_field(open_page, sign_up_newcomer, small_body_limit):
    page = _signed_up(open_page, sign_up_newcomer)
    page.fill("#f-name", "Лесмаш (тест)")
    page.get_by_label("Поставщик — мы продаём").check()
    _paste(page, "#f-description", DESCRIPTION)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.method) if request.method == "POST" else None)
    page.locator("button.button-primary[name=action][value=save]").click()
    alert = page.locator("[data-form-too-large]")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("В форме больше данных, чем можно отправить за один раз")
    expect(alert).to_contain_text("0.0469 МБ")
    assert requests == []  # nothing left the browser, so no 413 page and nothing for Back to lose
    expect(page).to_have_url(re.compile(r"/companies/new$"))
    assert page.input_value("#f-description") == DESCRIPTION
    assert page.input_value("#f-name") == "Лесмаш (тест)"
    expect(page.locator("#f-description")).to_be_focused()


def test_the_message_is_in_english_on_english_pages(open_page, sign_up_newcomer, small_body_limit):
    page = _signed_up(open_page, sign_up_newcomer, locale="en-GB")
    page.fill("#f-name", "Lesmash (test)")
    _paste(page, "#f-description", DESCRIPTION)
    page.locator("button.button-primary[name=action][value=save]").click()
    expect(page.locator("[data-form-too-large]")).to_contain_text("This form holds more than can be sent at once")
    assert page.input_value("#f-description") == DESCRIPTION
