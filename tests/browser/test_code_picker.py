"""The code picker in real Chromium: type «харвестер», see forestry machines with the word that found them,
add one with a click, save, and find it stored; a query that finds nothing still offers codes."""
from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

pytestmark = pytest.mark.browser

PASSWORD = "correct-horse-42"
FIRST_ANSWER_MS = 30_000  # a fresh server loads the classifier's data once (seconds on a busy machine)


def _signed_up_on_a_new_profile(page: Page, sign_up_newcomer) -> str:
    """A new, confirmed account on its empty profile page; returns its email."""
    email = f"picker-{uuid.uuid4().hex[:8]}@lesmash.example.by"
    sign_up_newcomer(page, email, PASSWORD)
    page.fill("#f-name", f"Лесмаш {email[7:15]}")
    page.locator("input[name=roles][value=supplier]").check()
    page.select_option("#f-country", "BY")
    return email


def test_typing_harvester_offers_forestry_machines_with_the_word_and_a_click_stores_the_code(open_page, sign_up_newcomer, live_app):
    page = open_page()
    email = _signed_up_on_a_new_profile(page, sign_up_newcomer)
    page.fill("#offers-0-title", "Лесная техника")
    page.locator("#offers-0-code_query").press_sequentially("харвестер", delay=40)
    results = page.locator("#offers-0 [data-code-results]")
    expect(results.locator(".picker-heading")).to_contain_text("Коды для «харвестер»", timeout=FIRST_ANSWER_MS)
    forestry = results.locator("button.suggestion", has=page.locator(".code", has_text=re.compile(r"^8436")))
    expect(forestry.first).to_be_visible()
    expect(forestry.first.locator(".why")).to_contain_text("харвестер")
    code = forestry.first.locator(".code").inner_text()
    assert page.locator("#offers-0-hs_codes").input_value() == ""  # nothing is added before the user picks
    forestry.first.click()
    expect(page.locator("#offers-0-hs_codes")).to_have_value(code)
    expect(forestry.first).to_have_class(re.compile(r"\badded\b"))
    page.get_by_role("button", name="Сохранить профиль").click()
    expect(page).to_have_url(re.compile(r"/matches$"))

    from matcher.db import db
    from matcher.models import Company, User

    with live_app.app_context():
        company = db.session.scalar(select(Company).join(User, Company.owner_id == User.id).where(User.email == email))
        assert company.offers[0].hs_codes == [code]


def test_a_query_that_finds_nothing_offers_codes_from_the_title_instead_of_an_empty_box(open_page, sign_up_newcomer):
    page = open_page()
    _signed_up_on_a_new_profile(page, sign_up_newcomer)
    page.fill("#offers-0-title", "Форвардеры для вывозки леса")
    page.locator("#offers-0-code_query").press_sequentially("zzqxj", delay=40)
    results = page.locator("#offers-0 [data-code-results]")
    expect(results.locator(".picker-heading")).to_contain_text("ничего не найдено", timeout=FIRST_ANSWER_MS)
    expect(results.locator("button.suggestion", has=page.locator(".code", has_text=re.compile(r"^8436")))
           .first).to_be_visible()


def test_suggest_from_the_description_in_english_adds_a_code_after_the_ones_typed(open_page, sign_up_newcomer):
    page = open_page(locale="en-GB")
    _signed_up_on_a_new_profile(page, sign_up_newcomer)
    page.fill("#offers-0-title", "Woodworking machines")
    page.fill("#offers-0-description", "Band saws and planers for sawmills")
    page.fill("#offers-0-hs_codes", "4407")
    page.locator("#offers-0").get_by_role("button", name="Suggest from the description").click()
    results = page.locator("#offers-0 [data-code-results]")
    expect(results.locator(".picker-heading")).to_contain_text("Suggested from the title and description",
                                                               timeout=FIRST_ANSWER_MS)
    wood = results.locator("button.suggestion", has=page.locator(".code", has_text=re.compile(r"^8465"))).first
    expect(wood.locator(".why")).to_contain_text("found by:")
    code = wood.locator(".code").inner_text()
    wood.click()
    expect(page.locator("#offers-0-hs_codes")).to_have_value(f"4407, {code}")
