"""Two newcomers in real Chromium: a Belarusian supplier and a Perm buyer sign up, describe themselves,
find each other in their matches, both press «interested» and then see each other's contacts."""
from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import Page, expect
from mail_server import link_in
from stdnum.by import unp

from viewports import DESKTOP, PHONE

pytestmark = pytest.mark.browser

PASSWORD = "correct-horse-42"


def _unique_unp() -> str:
    """A valid Belarusian UNP nobody else in this run has (tax ids are unique)."""
    while True:
        body = f"1{uuid.uuid4().int % 10**7:07d}"
        try:
            candidate = body + str(unp.calc_check_digit(body))
        except unp.InvalidChecksum:  # some bodies have no valid check digit
            continue
        if unp.is_valid(candidate):
            return candidate


def _sign_up(page: Page, email: str, button: str, mailbox, subject: str) -> None:
    """Sign up, open the confirmation link that reached the SMTP server (in the page's language),
    log in: the newcomer lands on the profile form with the address confirmed."""
    page.goto("/")
    page.get_by_role("link", name=button).first.click()
    page.fill("#f-email", email)
    page.fill("#f-password", PASSWORD)
    page.fill("#f-password_repeat", PASSWORD)
    page.locator("form.stack button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/signup/sent$"))
    message = mailbox.wait_for(email)
    assert message["Subject"] == subject
    page.goto(link_in(message, "/verify-email/"))
    expect(page).to_have_url(re.compile(r"/login$"))
    page.fill("#f-email", email)
    page.fill("#f-password", PASSWORD)
    page.locator("form.stack button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/companies/new$"))


def _supplier_profile(page: Page, name: str, email: str) -> None:
    page.fill("#f-name", name)
    page.get_by_label("Поставщик — мы продаём").check()
    page.select_option("#f-country", "BY")
    expect(page.locator("#f-region option[value='BY-MI']")).to_have_count(1)  # the script loaded Belarus's regions
    page.select_option("#f-region", "BY-MI")
    page.fill("#f-city", "Борисов")
    # The tax id is checked while typing: a wrong check digit is named at once, the right one confirmed.
    page.fill("#f-tax_id", "100582334")
    expect(page.locator("#f-tax_id-live")).to_contain_text("Неверный УНП")
    page.fill("#f-tax_id", _unique_unp())
    expect(page.locator("#f-tax_id-live")).to_contain_text("✓")
    page.fill("#f-email", email)
    page.fill("#f-phone", "+375 17 000-00-00")
    page.fill("#f-languages", "ru, en")
    page.fill("#offers-0-title", "Харвестеры и форвардеры для лесозаготовки")
    page.fill("#offers-0-description", "Колёсные лесные машины с сервисом в Пермском крае")
    # The code picker searches in Russian; a click adds the code to the offer.
    page.fill("#offers-0-code_query", "лесного хозяйства")
    page.locator("#offers-0 [data-code-results] button").first.wait_for()
    page.locator("#offers-0 [data-code-results] button", has_text="28.30").first.click()
    expect(page.locator("#offers-0-nace_codes")).to_have_value("28.30")
    page.get_by_role("button", name="Сохранить профиль").click()
    expect(page).to_have_url(re.compile(r"/matches$"))


def _buyer_profile(page: Page, name: str, email: str) -> None:
    page.fill("#f-name", name)
    page.get_by_label("Buyer — we purchase").check()
    page.select_option("#f-country", "RU")
    expect(page.locator("#f-region option[value='RU-PER']")).to_have_count(1)
    page.select_option("#f-region", "RU-PER")
    page.fill("#f-city", "Perm")
    page.fill("#f-email", email)
    page.fill("#f-phone", "+7 342 200-00-00")
    page.fill("#f-languages", "en, ru")
    page.fill("#needs-0-title", "Forest harvesters")
    page.fill("#needs-0-description", "Wheeled harvesters and forwarders for our logging sites")
    page.get_by_role("button", name="Save profile").click()
    expect(page).to_have_url(re.compile(r"/matches$"))


def _partner_card(page: Page, name: str):
    return page.locator("li.match", has=page.get_by_role("link", name=name))


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_supplier_and_a_buyer_sign_up_find_each_other_and_exchange_contacts(open_page, viewport, mailbox):
    run = uuid.uuid4().hex[:6]
    supplier_name, buyer_name = f"Лесмаш {run}", f"Perm Timber {run}"
    supplier_email, buyer_email = f"sales-{run}@lesmash.example.by", f"buy-{run}@permtimber.example.ru"

    supplier = open_page(viewport, locale="ru-RU")
    _sign_up(supplier, f"olga-{run}@lesmash.example.by", "Зарегистрировать компанию", mailbox,
             "Подтвердите адрес электронной почты")
    expect(supplier.locator("html")).to_have_attribute("lang", "ru")
    _supplier_profile(supplier, supplier_name, supplier_email)

    buyer = open_page(viewport, locale="ru-RU")
    buyer.goto("/")
    buyer.get_by_role("button", name="EN").click()  # the visible switcher
    expect(buyer.locator("html")).to_have_attribute("lang", "en")
    _sign_up(buyer, f"ivan-{run}@permtimber.example.ru", "Register your company", mailbox, "Confirm your email address")
    _buyer_profile(buyer, buyer_name, buyer_email)

    # The buyer sees the supplier ranked, with reasons and the offer–need pair; contacts still closed.
    card = _partner_card(buyer, supplier_name)
    expect(card).to_be_visible()
    expect(card.locator(".reason-name").first).to_be_visible()
    expect(card).to_contain_text("Харвестеры и форвардеры для лесозаготовки")
    expect(card).to_contain_text("Forest harvesters")
    expect(card).not_to_contain_text(supplier_email)
    card.get_by_role("button", name="Interested").click()
    expect(_partner_card(buyer, supplier_name)).to_contain_text("You are interested")
    expect(_partner_card(buyer, supplier_name)).not_to_contain_text(supplier_email)

    # The supplier sees the buyer, who is interested already; pressing «Интересно» opens both contacts.
    supplier.goto("/matches")
    card = _partner_card(supplier, buyer_name)
    expect(card).to_contain_text("Интересуется вами")
    expect(card.locator(".reason-name").first).to_be_visible()
    card.get_by_role("button", name="Интересно").click()
    expect(_partner_card(supplier, buyer_name)).to_contain_text(buyer_email)
    expect(_partner_card(supplier, buyer_name)).to_contain_text("+7 342 200-00-00")

    buyer.reload()
    expect(_partner_card(buyer, supplier_name)).to_contain_text(supplier_email)
    expect(_partner_card(buyer, supplier_name)).to_contain_text("Mutual interest")

    if viewport is PHONE:
        # Nothing on the matches page is wider than the phone's screen.
        overflow = buyer.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
