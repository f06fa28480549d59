"""An organiser in real Chromium: signs in, creates a mission over forty companies of the demo corridor,
imports a small delegation, opens the match list, schedules 8 slots × 10 tables without a clash,
prints the grid and opens one company's agenda."""
from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from viewports import DESKTOP

pytestmark = pytest.mark.browser

PASSWORD = "correct-horse-42"
ORGANISER = "olga.organiser@belexpo.example.by"
DELEGATION = ("Название;Страна;Регион;Роли;Предложение;ТН ВЭД предложения\r\n"
              "Лесмаш-Борисов;Беларусь;Минская область;поставщик;Харвестеры и форвардеры;8436 80\r\n"
              "Гродно Азот Сервис;Беларусь;Гродненская область;поставщик;Азотные удобрения;3102\r\n")


@pytest.fixture(scope="module")
def demo_companies(live_app):
    """Twenty Belarusian suppliers and twenty Perm buyers of the demo corridor, and an organiser account."""
    from matcher.db import db
    from matcher.services.accounts import get_or_create_user, set_password
    from matcher.services.companies import create_company
    from matcher.services.demo import DEMO_FILE

    corridor = json.loads(DEMO_FILE.read_text(encoding="utf-8"))["companies"]
    sellers = [c for c in corridor if c["country"] == "BY" and c["roles"] == ["supplier"]][:20]
    buyers = [c for c in corridor if c["country"] == "RU" and c["roles"] == ["buyer"]][:20]
    with live_app.app_context():
        for raw in sellers + buyers:
            create_company({k: v for k, v in raw.items() if k != "key"})
        set_password(get_or_create_user(ORGANISER, "organizer"), PASSWORD)
        db.session.commit()
        db.session.remove()
    return len(sellers) + len(buyers)


def _tick_all(page: Page, country: str, role: str) -> None:
    page.select_option("#pick_country", country)
    page.select_option("#pick_role", role)
    page.get_by_role("button", name="Отметить все показанные").click()


def _meetings(page: Page) -> list[dict]:
    return page.evaluate("""() => Array.from(document.querySelectorAll('.schedule-grid tbody tr')).flatMap(
        (row, slot) => Array.from(row.querySelectorAll('td')).map((cell, table) => cell.classList.contains('meeting')
            ? {slot: slot + 1, table: table + 1, supplier: cell.dataset.supplier, buyer: cell.dataset.buyer} : null
        ).filter(Boolean))""")


def test_an_organiser_schedules_forty_companies_and_prints_an_agenda(open_page, demo_companies):
    page = open_page(DESKTOP, locale="ru-RU")
    page.goto("/login")
    page.fill("#f-email", ORGANISER)
    page.fill("#f-password", PASSWORD)
    page.locator("form.stack button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/missions$"))

    # A mission over the corridor's Belarusian suppliers and Perm buyers, ticked with the picker's filters.
    page.get_by_role("link", name="Новая миссия").click()
    page.fill("#f-name", "Белорусская делегация на Пермском форуме")
    page.fill("#f-city", "Пермь")
    page.fill("#f-starts_on", "2027-09-14")
    page.fill("#f-ends_on", "2027-09-15")
    _tick_all(page, "BY", "supplier")
    _tick_all(page, "RU", "buyer")
    ticked = int(page.locator("[data-pick-count]").inner_text())
    assert ticked >= demo_companies
    page.select_option("#pick_country", "")
    page.select_option("#pick_role", "")
    page.fill("#pick_q", "тракторный")  # the live filter hides the others but keeps them ticked
    expect(page.locator("tr[data-pick-row]:visible")).to_have_count(1)
    page.get_by_role("button", name="Сохранить миссию").click()
    expect(page.locator(".flash-success")).to_contain_text("Миссия создана")
    expect(page.locator("h1")).to_have_text("Белорусская делегация на Пермском форуме")
    mission_url = page.url

    # A small delegation file: two companies, imported and listed as participants.
    page.get_by_role("link", name=re.compile("Импорт делегации")).click()
    page.set_input_files("#f-file", {"name": "делегация.csv", "mimeType": "text/csv",
                                     "buffer": DELEGATION.encode("cp1251")})
    page.get_by_role("button", name="Загрузить").click()
    expect(page.locator(".flash-success")).to_contain_text("новых компаний — 2")
    page.goto(mission_url)
    expect(page.locator("table.data-table")).to_contain_text("Лесмаш-Борисов")

    # The match list, with reasons and its files.
    page.get_by_role("link", name=re.compile("Список пар")).click()
    expect(page.locator(".pair").first).to_be_visible()
    expect(page.locator(".pair .reason-name").first).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Скачать XLSX").click()
    assert download.value.suggested_filename.endswith("-match-list-ru.xlsx")

    # Eight slots at ten tables (the form's defaults, on the mission's first day).
    page.goto(mission_url)
    page.get_by_role("link", name=re.compile("Расписание встреч")).click()
    expect(page.locator("#f-slots")).to_have_value("8")
    expect(page.locator("#f-tables")).to_have_value("10")
    expect(page.locator("#f-day")).to_have_value("2027-09-14")
    page.get_by_role("button", name="Составить расписание").click()
    expect(page.locator(".flash-success")).to_contain_text("Новое расписание готово", timeout=60_000)
    expect(page.locator(".schedule-value")).to_contain_text(re.compile(r"достигает \d+ % от лучшего возможного"))
    meetings = _meetings(page)
    assert len(meetings) >= 20
    seats = [(m["slot"], c) for m in meetings for c in (m["supplier"], m["buyer"])]
    assert len(seats) == len(set(seats)), "a company in two meetings of one slot"
    assert len({(m["slot"], m["table"]) for m in meetings}) == len(meetings)
    assert {m["slot"] for m in meetings} <= set(range(1, 9)) and {m["table"] for m in meetings} <= set(range(1, 11))
    expect(page.locator(".schedule-grid thead th")).to_have_count(11)

    # Printed, the grid stands alone: no menu, no forms.
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".schedule-form")).to_be_hidden()
    expect(page.locator(".schedule-grid")).to_be_visible()
    page.emulate_media(media="screen")

    # One company's agenda, from the grid.
    first = page.locator(".schedule-grid td.meeting a.who.supplier").first
    name = first.inner_text()
    first.click()
    expect(page.locator("h1")).to_contain_text(name)
    expect(page.locator(".agenda-meeting").first).to_be_visible()
    expect(page.get_by_role("link", name="Добавить в календарь (.ics)")).to_be_visible()
    with page.expect_download() as calendar:
        page.get_by_role("link", name="Добавить в календарь (.ics)").click()
    assert calendar.value.suggested_filename.endswith(".ics")
