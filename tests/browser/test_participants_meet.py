"""Two companies in real Chromium register for a mission, one asks the other for a meeting, the other accepts,
the organiser approves them and builds the schedule, and both find the meeting in their agendas and .ics files."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from viewports import DESKTOP

pytestmark = pytest.mark.browser

PASSWORD = "correct-horse-42"
ORGANISER = "irina.organiser@forestforum.example.ru"
SUPPLIER = ("sales@lesmash.example.by", "Лесмаш-Борисов", "Lesmash Borisov")
BUYER = ("buy@solikamsk-timber.example.ru", "Соликамский ЛПК", "Solikamsk Timber")


@pytest.fixture(scope="module")
def forum(live_app):
    """A mission open for registration (with approval, 4 slots), its organiser, and two company accounts:
    a Belarusian maker of forwarders and a Perm logging company that needs them."""
    from matcher.db import db
    from matcher.services.accounts import get_or_create_user, set_password
    from matcher.services.companies import create_company
    from matcher.services.mission_registrations import update_settings
    from matcher.services.missions import create_mission

    with live_app.app_context():
        organiser = get_or_create_user(ORGANISER, "organizer")
        set_password(organiser, PASSWORD)
        people = {}
        for email, name, name_en in (SUPPLIER, BUYER):
            people[email] = get_or_create_user(email, "company")
            set_password(people[email], PASSWORD)
        db.session.commit()
        create_company({"name": SUPPLIER[1], "name_en": SUPPLIER[2], "country": "BY", "region": "BY-MI",
                        "roles": ["supplier"], "offers": [{"title": "Форвардеры для вывозки леса",
                                                           "hs_codes": ["843680"]}]}, owner=people[SUPPLIER[0]])
        create_company({"name": BUYER[1], "name_en": BUYER[2], "country": "RU", "region": "RU-PER",
                        "roles": ["buyer"], "needs": [{"title": "Форвардеры и харвестеры",
                                                       "hs_codes": ["843680"]}]}, owner=people[BUYER[0]])
        mission = create_mission({"name": "Всероссийский лесной форум", "city": "Пермь", "starts_on": "2027-09-14"},
                                 organiser)
        update_settings(mission["id"], {"is_open": True, "needs_approval": True, "slots": 4}, organiser)
        db.session.remove()
    return mission["id"]


def log_in(page: Page, email: str) -> None:
    page.goto("/login")
    page.fill("#f-email", email)
    page.fill("#f-password", PASSWORD)
    # A company lands on its matches: the first page after new profiles may wait for the index to catch up.
    with page.expect_navigation(timeout=60_000):
        page.locator("form.stack button[type=submit]").click(no_wait_after=True)
    expect(page.locator(".logout-form")).to_be_visible(timeout=60_000)


def register(page: Page, role: str) -> None:
    page.locator(".main-nav").get_by_role("link", name="My missions").click()
    page.locator("#open-missions").get_by_role("link", name="Register").click()
    page.get_by_label(role).check()
    page.locator("form.stack").get_by_role("button", name="Register").click()
    expect(page.locator(".flash-success")).to_contain_text("You are registered")


def test_two_companies_register_ask_accept_and_meet_in_their_agendas(open_page, forum, tmp_path: Path):
    supplier, buyer, organiser = (open_page(DESKTOP, locale="en-US") for _ in range(3))
    log_in(supplier, SUPPLIER[0])
    register(supplier, "supplier")
    log_in(buyer, BUYER[0])
    register(buyer, "buyer")

    # The organiser approves both; the menu shows it no company pages.
    log_in(organiser, ORGANISER)
    expect(organiser.locator(".main-nav")).not_to_contain_text("My matches")
    organiser.goto(f"/missions/{forum}")
    organiser.get_by_role("link", name=re.compile("Registration")).click()
    for _ in range(2):
        organiser.locator("#registrations").get_by_role("button", name="Approve").first.click()
        expect(organiser.locator(".flash-success")).to_contain_text("approved")
    expect(organiser.locator("#registrations")).not_to_contain_text("awaiting approval")

    # The supplier asks the buyer, suggested by the engine, for a meeting.
    supplier.locator(".main-nav").get_by_role("link", name="My missions").click()
    supplier.get_by_role("link", name="Partners and requests").click()
    suggestion = supplier.locator("#suggested-partners li", has_text=BUYER[2])
    suggestion.get_by_label("A short note (optional)").fill("Привезём форвардер на стенд")
    suggestion.get_by_role("button", name="Ask for a meeting").click()
    expect(supplier.locator(".flash-success")).to_contain_text("meeting request is sent")
    expect(supplier.locator("#requests-sent")).to_contain_text("requested")

    # The buyer accepts it.
    buyer.locator(".main-nav").get_by_role("link", name="My missions").click()
    buyer.get_by_role("link", name="Partners and requests").click()
    expect(buyer.locator("#requests-received")).to_contain_text("Привезём форвардер на стенд")
    buyer.locator("#requests-received").get_by_role("button", name="Accept").click()
    expect(buyer.locator("#requests-received")).to_contain_text("accepted")

    # The organiser builds the schedule: the accepted request is in it.
    organiser.goto(f"/missions/{forum}/schedule")
    organiser.fill("#f-slots", "4")
    organiser.fill("#f-tables", "2")
    organiser.get_by_role("button", name="Build the schedule").click()
    expect(organiser.locator(".flash-success")).to_contain_text("1 meetings", timeout=60_000)
    organiser.goto(f"/missions/{forum}/overview")
    expect(organiser.locator("[data-count=accepted]")).to_have_text("1")

    # Both see the meeting, as «scheduled», in their agendas and their calendar files.
    for page, partner in ((supplier, BUYER[2]), (buyer, SUPPLIER[2])):
        page.reload()
        expect(page.locator(".meeting-request").first).to_contain_text("scheduled")
        page.locator(".main-nav").get_by_role("link", name="My missions").click()
        page.get_by_role("link", name="My agenda").click()
        expect(page.locator(".agenda-meeting")).to_have_count(1)
        expect(page.locator(".agenda-meeting")).to_contain_text(partner)
        with page.expect_download() as calendar:
            page.get_by_role("link", name="Add to calendar (.ics)").click()
        saved = tmp_path / calendar.value.suggested_filename
        calendar.value.save_as(saved)
        text = saved.read_text(encoding="utf-8").replace("\r\n ", "")
        assert text.count("BEGIN:VEVENT") == 1 and f"SUMMARY:Meeting: {partner}" in text
