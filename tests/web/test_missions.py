"""Mission pages for organisers: the list, creating and editing a mission over many companies, the overview."""
from __future__ import annotations

import re

import pytest
from mission_pages import (  # noqa: F401  (fixtures)
    corridor, firm, mission, organiser, organiser_en, other_organiser, signed_in,
)
from sqlalchemy import func, select
from web_helpers import field_error, input_value, text_of

from matcher.db import db
from matcher.models import Company, Mission
from matcher.services.accounts import get_or_create_user


def _form(**overrides) -> dict:
    form = {"action": "save", "name": "Белорусская делегация в Перми", "city": "Пермь", "starts_on": "2027-09-14",
            "ends_on": "2027-09-15", "focus-hs_codes": "", "focus-nace_codes": "", "company_ids": []}
    form.update(overrides)
    return form


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(Mission))


def _ticked(response) -> list[int]:
    html = response.get_data(as_text=True)
    return [int(v) for v in re.findall(r'name="company_ids" value="(\d+)" checked', html)]


def test_organisers_land_on_the_missions_and_see_them_in_the_menu(new_web, app):
    browser = signed_in(new_web, "org@example.org", "organizer")
    assert browser.log_in("org@example.org").headers["Location"].endswith("/missions")
    page = browser.get("/missions")
    assert page.status_code == 200 and "Деловые миссии" in text_of(page)
    assert 'href="/missions" aria-current="page">Миссии</a>' in page.get_data(as_text=True)
    assert "Новая миссия" in text_of(page)


def test_company_accounts_have_no_missions_link_and_cannot_create_one(firm):
    assert 'href="/missions"' not in firm.get("/companies").get_data(as_text=True)
    assert firm.get("/missions/new").status_code == 403
    assert firm.post("/missions/new", _form(), page="/missions").status_code == 403
    assert _count() == 0


def test_signed_out_visitors_are_sent_to_log_in(web):
    response = web.get("/missions/new")
    assert response.status_code == 302 and "/login?next=/missions/new" in response.headers["Location"]


def test_creating_a_mission_over_forty_companies_with_the_picker(organiser, company_payload):
    from matcher.services.companies import create_company

    made = [create_company(company_payload(name=f"Завод {n:02d}", tax_id=None)).id for n in range(45)]
    page = organiser.get("/missions/new")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert all(f'name="company_ids" value="{company_id}"' in html for company_id in made)  # all can be ticked
    assert "data-pick-filter" in html and "Отметить все показанные" in text_of(page)
    response = organiser.post("/missions/new", _form(company_ids=[str(i) for i in made[:42]]), page="/missions/new")
    assert response.status_code == 302
    stored = db.session.scalar(select(Mission))
    assert response.headers["Location"].endswith(f"/missions/{stored.id}")
    assert sorted(p.company_id for p in stored.participants) == sorted(made[:42])
    overview = organiser.get(response.headers["Location"])
    assert "Миссия создана" in text_of(overview) and text_of(overview).count("Завод ") >= 42


def test_the_picker_filter_works_without_javascript_and_keeps_the_ticked(organiser, corridor):
    suppliers, buyers = corridor
    response = organiser.post("/missions/new", _form(action="filter", pick_q="комбайны", pick_country="",
                                                     company_ids=[str(buyers[2].id)]), page="/missions/new")
    assert response.status_code == 200 and _count() == 0
    html = response.get_data(as_text=True)
    shown = [int(v) for v in re.findall(r'name="company_ids" value="(\d+)"', html)]
    assert shown[0] == buyers[2].id and _ticked(response) == [buyers[2].id]  # the ticked one stays, on top
    assert suppliers[1].id in shown and suppliers[0].id not in shown  # «комбайны»: Gomselmash only
    assert input_value(response, "name") == "Белорусская делегация в Перми"


def test_invalid_input_is_shown_next_to_the_fields_and_kept(organiser, corridor):
    suppliers, _ = corridor
    response = organiser.post("/missions/new", _form(name="  ", starts_on="14.09.2027",
                                                     **{"focus-hs_codes": "8436, 7700"},
                                                     company_ids=[str(suppliers[0].id)]), page="/missions/new")
    assert response.status_code == 422 and _count() == 0
    assert field_error(response, "f-name") == "Обязательное поле."
    assert field_error(response, "f-starts_on") == "Введите дату, например 2027-09-14."
    assert "7700" in field_error(response, "focus-hs_codes")
    assert input_value(response, "focus-hs_codes") == "8436, 7700" and _ticked(response) == [suppliers[0].id]
    assert input_value(response, "starts_on") == "14.09.2027" and "Миссия не сохранена" in text_of(response)
    backwards = organiser.post("/missions/new", _form(starts_on="2027-09-15", ends_on="2027-09-14"),
                               page="/missions/new")
    assert backwards.status_code == 422
    assert field_error(backwards, "f-ends_on") == "Миссия не может закончиться раньше, чем начнётся."


def test_a_company_deleted_while_the_form_was_open_is_named(organiser, corridor):
    response = organiser.post("/missions/new", _form(company_ids=["999999"]), page="/missions/new")
    assert response.status_code == 422 and "999999" in field_error(response, "f-company_ids")


def test_the_code_picker_finds_sector_codes_without_javascript(organiser):
    response = organiser.post("/missions/new", _form(action="codes", **{"focus-code_query": "лесного хозяйства"}),
                              page="/missions/new")
    assert response.status_code == 200 and _count() == 0
    assert re.search(r'name="focus-pick" value="(hs|nace):[\d.]+"', response.get_data(as_text=True))
    picked = organiser.post("/missions/new", _form(**{"focus-pick": ["hs:8436"]}), page="/missions/new")
    assert picked.status_code == 302 and db.session.scalar(select(Mission)).hs_prefixes == ["8436"]


def test_forms_without_the_csrf_token_are_refused(organiser, mission):
    assert organiser.post("/missions/new", _form(), csrf=False).status_code == 400
    assert organiser.post(f"/missions/{mission['id']}/edit", _form(), csrf=False).status_code == 400
    assert organiser.post(f"/missions/{mission['id']}/delete", {}, csrf=False).status_code == 400
    assert _count() == 1


def test_editing_keeps_the_participants_ticked_and_saves_changes(organiser, mission, corridor):
    suppliers, buyers = corridor
    url = f"/missions/{mission['id']}/edit"
    page = organiser.get(url)
    assert sorted(_ticked(page)) == sorted(mission["company_ids"])
    assert input_value(page, "version") == str(mission["version"])
    response = organiser.post(url, _form(name=mission["name"], city="Березники", version=str(mission["version"]),
                                         company_ids=[str(suppliers[0].id), str(buyers[0].id)]), page=url)
    assert response.status_code == 302
    stored = db.session.get(Mission, mission["id"])
    db.session.refresh(stored)
    assert stored.city == "Березники" and sorted(p.company_id for p in stored.participants) == sorted(
        [suppliers[0].id, buyers[0].id])


def test_a_save_over_someone_elses_change_keeps_the_input_and_asks_again(organiser, mission):
    from matcher.services.missions import update_mission

    url = f"/missions/{mission['id']}/edit"
    update_mission(mission["id"], {"city": "Соликамск"}, get_or_create_user("org@example.org", "organizer"))
    response = organiser.post(url, _form(name="Новое название", version=str(mission["version"]),
                                         company_ids=[str(i) for i in mission["company_ids"]]), page=url)
    assert response.status_code == 409 and "изменили" in text_of(response)
    assert input_value(response, "name") == "Новое название"
    assert input_value(response, "version") == str(mission["version"] + 1)


def test_another_organiser_reads_the_mission_but_cannot_change_it(other_organiser, mission):
    page = other_organiser.get(f"/missions/{mission['id']}")
    assert page.status_code == 200 and mission["name"] in text_of(page)
    assert f"/missions/{mission['id']}/edit" not in page.get_data(as_text=True)
    assert other_organiser.get(f"/missions/{mission['id']}/edit").status_code == 403
    assert other_organiser.post(f"/missions/{mission['id']}/edit", _form(), page="/missions").status_code == 403
    assert other_organiser.post(f"/missions/{mission['id']}/delete", {}, page="/missions").status_code == 403
    assert other_organiser.get(f"/missions/{mission['id']}/import").status_code == 403


def test_a_company_sees_only_missions_of_its_company(firm, mission, new_web, corridor):
    listing = firm.get("/missions")
    assert listing.status_code == 200 and mission["name"] in text_of(listing)
    overview = firm.get(f"/missions/{mission['id']}")
    assert overview.status_code == 200 and "Моя программа" in text_of(overview)
    assert f"/missions/{mission['id']}/edit" not in overview.get_data(as_text=True)
    assert firm.get(f"/missions/{mission['id']}/edit").status_code == 403
    stranger = signed_in(new_web, "buy@elsewhere.example.ru", "company")
    assert mission["name"] not in text_of(stranger.get("/missions"))
    assert stranger.get(f"/missions/{mission['id']}").status_code == 404
    assert stranger.get("/missions/999999").status_code == 404


def test_the_overview_lists_participants_and_the_steps(organiser, mission):
    page = organiser.get(f"/missions/{mission['id']}")
    text = text_of(page)
    assert all(name in text for name in ("Амкодор", "Пермский лесокомбинат", "Prikamye Agroholding"))
    for step in ("Импорт делегации", "Список пар", "Расписание встреч"):
        assert step in text
    assert "14 сентября 2027" in text


def test_deleting_a_mission_keeps_its_companies(organiser, mission):
    companies = db.session.scalar(select(func.count()).select_from(Company))
    response = organiser.post(f"/missions/{mission['id']}/delete", {}, page=f"/missions/{mission['id']}")
    assert response.status_code == 302 and response.headers["Location"].endswith("/missions")
    assert _count() == 0 and db.session.scalar(select(func.count()).select_from(Company)) == companies
    assert "удалена" in text_of(organiser.get("/missions"))


def test_the_pages_speak_english_too(organiser_en, mission):
    listing = organiser_en.get("/missions")
    assert '<html lang="en">' in listing.get_data(as_text=True) and "Trade missions" in text_of(listing)
    overview = text_of(organiser_en.get(f"/missions/{mission['id']}"))
    assert "Import a delegation" in overview and "September 14, 2027" in overview and "Участники" not in overview
    response = organiser_en.post("/missions/new", _form(name=""), page="/missions/new")
    assert response.status_code == 422 and field_error(response, "f-name") == "This field is required."
    assert "The mission was not saved" in text_of(response)


@pytest.mark.parametrize("path", ["/missions", "/missions/new"])
def test_russian_is_the_default_language(organiser, path):
    assert '<html lang="ru">' in organiser.get(path).get_data(as_text=True)
