"""Every surface says a rule in its reader's language by code: forms of each area, the schedule's 503,
the reasons of a mission's match list, agendas and files, and niche texts on English pages."""
from __future__ import annotations

import csv
import io
import re

from mission_pages import (  # noqa: F401  (fixtures)
    SCHEDULE_FORM, corridor, mission, organiser, organiser_en, scheduled,
)
from flask_babel import force_locale
from openpyxl import load_workbook
from web_helpers import field_error, text_of

from matcher.errors import Unavailable
from matcher.messages import codes, input as fields, say_in, scheduling
from matcher.messages.scheduling import SCORING_TOO_SLOW
from matcher.services.niches import create_niche
from matcher.web.i18n import localize

ENGLISH_REASON_WORDS = re.compile(r"\b(supplier →|buyer\b|within|same heading|forestry machine|shared)")
RUSSIAN = re.compile(r"[а-яё]", re.I)


def _ru(message) -> str:
    text = say_in(message, "ru")
    assert RUSSIAN.search(text), text  # the expectation itself is Russian, not English passed through
    return text


def test_a_russian_profile_form_says_taxonomy_and_field_rules_in_russian(signed_up):
    browser = signed_up("olga@example.by")
    response = browser.create_profile(**{"website": "lesmash", "email": "x@", "tax_id": "123",
                                         "offers-0-hs_codes": "8499, 84x"})
    assert response.status_code == 422
    assert field_error(response, "f-website") == _ru(fields.NOT_URL())
    assert field_error(response, "f-email") == _ru(fields.NOT_EMAIL())
    assert field_error(response, "f-tax_id") == _ru(codes.UNP_INVALID(reason="…"))
    hs_errors = field_error(response, "offers-0-hs_codes")
    assert _ru(codes.HS_UNKNOWN(value="8499")) in hs_errors and _ru(codes.HS_MALFORMED(value="84x")) in hs_errors


def test_a_russian_mission_form_says_its_rules_in_russian(organiser, corridor):
    form = {"action": "save", "name": "Форум", "city": "Пермь", "starts_on": "2027-09-15", "ends_on": "2027-09-14",
            "focus-hs_codes": "", "focus-nace_codes": "", "company_ids": []}
    backwards = organiser.post("/missions/new", form, page="/missions/new")
    assert backwards.status_code == 422
    assert field_error(backwards, "f-ends_on") == _ru(fields.MISSION_ENDS_BEFORE_START(ends="", starts=""))
    unknown = organiser.post("/missions/new", {**form, "ends_on": "", "focus-nace_codes": "99.99"},
                             page="/missions/new")
    assert field_error(unknown, "focus-nace_codes") == _ru(codes.NACE_UNKNOWN(value="99.99"))


def test_a_russian_schedule_form_says_the_scheduler_rules_in_russian(organiser, mission):
    url = f"/missions/{mission['id']}/schedule"
    response = organiser.post(url, {**SCHEDULE_FORM, "slots": "0", "tables": "два", "day": "2027-10-01"}, page=url)
    assert response.status_code == 422
    assert field_error(response, "f-slots") == _ru(fields.IN_RANGE(min=1, max=48))
    assert field_error(response, "f-tables") == _ru(fields.NOT_INTEGER())
    outside = organiser.post(url, {**SCHEDULE_FORM, "day": "2027-10-01"}, page=url)
    assert field_error(outside, "f-day") == _ru(scheduling.DAY_OUTSIDE_DATES(value="2027-10-01", span=""))


def test_the_schedule_too_big_503_reads_in_the_pages_language(app):
    refused = Unavailable(SCORING_TOO_SLOW(seconds=47.2, mission_id=7))
    assert str(refused.detail).startswith("Scoring the pairs of this mission took 47 s")  # the API's English
    with app.test_request_context("/missions/7/schedule"), force_locale("ru"):
        russian = localize(refused.detail)
    assert russian.startswith("Оценка пар этой миссии заняла 47 с") and "flask mission schedule 7" in russian
    with app.test_request_context("/missions/7/schedule"), force_locale("en"):
        assert "within one page request" in localize(refused.detail)


def test_a_russian_match_list_page_and_its_files_word_the_reasons_in_russian(organiser, organiser_en, mission):
    page = text_of(organiser.get(f"/missions/{mission['id']}/match-list?min_score=0"))
    assert "поставщик BY-HM → покупатель RU-PER" in page and "BY-HM supplier → RU-PER buyer" not in page
    rows = list(csv.reader(io.StringIO(organiser.get(f"/missions/{mission['id']}/match-list.csv?min_score=0")
                                       .get_data().decode("utf-8-sig")), delimiter=";"))
    why = rows[0].index("Почему")
    assert all("покупатель" in row[why] and not ENGLISH_REASON_WORDS.search(row[why]) for row in rows[1:])
    english = load_workbook(io.BytesIO(organiser_en.get(f"/missions/{mission['id']}/match-list.xlsx?min_score=0")
                                       .get_data())).active
    assert any("supplier → RU-PER buyer" in str(row[8].value) for row in english.iter_rows(min_row=2))


def test_a_russian_agenda_and_its_calendar_word_the_reasons_in_russian(organiser, organiser_en, scheduled, corridor):
    amkodor = corridor[0][0]
    page = text_of(organiser.get(f"/missions/{scheduled['id']}/agenda/{amkodor.id}"))
    assert "коды ТН ВЭД" in page or "ТН ВЭД" in page
    assert not re.search(r"forestry machine|\bwithin\b|supplier →", page)
    calendar = organiser.get(f"/missions/{scheduled['id']}/agenda/{amkodor.id}.ics").get_data().replace(b"\r\n ", b"")
    reasons = [line for line in calendar.decode().split("\\n") if line.startswith("• ")]
    assert reasons and not any(ENGLISH_REASON_WORDS.search(line) for line in reasons)
    english = organiser_en.get(f"/missions/{scheduled['id']}/agenda/{amkodor.id}.ics").get_data().decode()
    assert "Match score:" in english and "Оценка совпадения" not in english


def test_a_niche_shows_its_english_texts_on_english_pages_and_russian_ones_otherwise(web):
    niche = create_niche({"title": "Лесозаготовительная техника", "departed_company": "Ponsse",
                          "departed_country": "FI", "region": "RU-PER", "description": "Нужны харвестеры.",
                          "hs_codes": ["843680"]},
                         {"title_en": "Forestry machines", "description_en": "Harvesters are needed."})
    english = text_of(web.get(f"/niches/{niche.id}", headers={"Accept-Language": "en"}))
    assert "Forestry machines" in english and "Harvesters are needed." in english
    assert "Лесозаготовительная техника" not in english
    russian = text_of(web.get(f"/niches/{niche.id}", headers={"Accept-Language": "ru"}))
    assert "Лесозаготовительная техника" in russian and "Forestry machines" not in russian
    listing = text_of(web.get("/niches", headers={"Accept-Language": "en"}))
    assert "Forestry machines" in listing
