"""Keyboard only, on a phone-sized and a laptop-sized screen: sign up, describe the company, open the
matches and say «interested» — every focused control is on screen and not hidden under the sticky header
or the sticky Save bar."""
from __future__ import annotations

import re
import uuid

import pytest
from mail_server import link_in
from playwright.sync_api import Page, expect

from site_tour import seed_tour
from viewports import DESKTOP, PHONE

pytestmark = pytest.mark.browser

PASSWORD = "correct-horse-42"
MAX_TAB_STOPS = 250

_FOCUS_IS_VISIBLE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'nothing has focus';
    const box = el.getBoundingClientRect();
    const x = Math.min(Math.max(box.left + box.width / 2, 0), window.innerWidth - 1);
    const y = Math.min(Math.max(box.top + box.height / 2, 0), window.innerHeight - 1);
    if (box.bottom < 0 || box.top > window.innerHeight) return 'off screen: ' + el.outerHTML.slice(0, 120);
    const top = document.elementFromPoint(x, y);
    if (top && (top === el || el.contains(top) || top.contains(el) || (el.labels && [...el.labels].some(l => l.contains(top)))))
        return '';
    return 'covered by ' + (top ? top.outerHTML.slice(0, 80) : 'nothing') + ': ' + el.outerHTML.slice(0, 120);
}"""


def tab_to(page: Page, selector: str, hidden: list[str]) -> None:
    """Press Tab until `selector` has focus; every stop on the way must be visible (else it is noted)."""
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        problem = page.evaluate(_FOCUS_IS_VISIBLE)
        if problem and "nothing has focus" not in problem:
            hidden.append(f"{page.url}: {problem}")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} was never reached with Tab on {page.url}")


def type_into(page: Page, selector: str, text: str, hidden: list[str]) -> None:
    tab_to(page, selector, hidden)
    page.keyboard.type(text)


@pytest.fixture(scope="module")
def corridor(live_app):
    return seed_tour(live_app)


@pytest.mark.parametrize("size_name, viewport", [("phone", PHONE), ("desktop", DESKTOP)])
def test_a_buyer_signs_up_describes_itself_and_shows_interest_with_the_keyboard_alone(open_page, corridor, mailbox,
                                                                                       size_name, viewport):
    page = open_page(viewport, locale="ru-RU")
    hidden: list[str] = []
    email = f"kbd-{size_name}-{uuid.uuid4().hex[:8]}@syr.example.ru"
    page.goto("/")
    tab_to(page, "a.nav-cta", hidden)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/signup$"))
    type_into(page, "#f-email", email, hidden)
    type_into(page, "#f-password", PASSWORD, hidden)
    type_into(page, "#f-password_repeat", PASSWORD, hidden)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/signup/sent$"))
    page.goto(link_in(mailbox.wait_for(email), "/verify-email/"))  # the link arrives by mail
    expect(page).to_have_url(re.compile(r"/login$"))
    type_into(page, "#f-email", email, hidden)
    type_into(page, "#f-password", PASSWORD, hidden)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/companies/new$"))

    type_into(page, "#f-name", "Пермский сырный дом", hidden)
    tab_to(page, "input[name=roles][value=buyer]", hidden)
    page.keyboard.press("Space")
    tab_to(page, "#f-country", hidden)
    page.keyboard.press("ArrowDown")  # the corridor's countries come first: Belarus, then Russia
    page.keyboard.press("ArrowDown")
    expect(page.locator("#f-country")).to_have_value("RU")
    type_into(page, "#f-city", "Пермь", hidden)
    type_into(page, "#needs-0-title", "Сыры твёрдые для сети магазинов", hidden)
    type_into(page, "#needs-0-description", "Сыры твёрдые и полутвёрдые, поставки каждую неделю", hidden)
    type_into(page, "#needs-0-hs_codes", "040690", hidden)
    tab_to(page, ".form-actions button[value=save]", hidden)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/matches$"))

    tab_to(page, ".match-list .interest button[value=interested]", hidden)
    partner = page.evaluate("() => document.activeElement.closest('li.match').id")
    page.keyboard.press("Enter")
    expect(page.locator(".flash")).to_be_visible()
    expect(page.locator(f"#{partner} .badge-me")).to_be_visible()
    assert not hidden, "focus was hidden:\n" + "\n".join(hidden)
