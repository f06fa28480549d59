"""Profile editor: create and edit through CompanySchema, errors next to inputs, input kept, stale saves, owners only."""
from __future__ import annotations

from sqlalchemy import func, select
from web_helpers import field_error, input_value, profile_form, text_of

from matcher.db import db
from matcher.models import Company, Offer, User
from matcher.services.companies import update_company


def _companies() -> int:
    return db.session.scalar(select(func.count()).select_from(Company))


def _edit_form(browser, company_id: int, **overrides) -> dict:
    """The edit form as the page shows it (version and item ids included), with changes."""
    page = browser.get(f"/companies/{company_id}/edit")
    form = profile_form(**overrides)
    form["version"] = input_value(page, "version")
    form["offers-0-id"] = input_value(page, "offers-0-id")
    return form


def test_new_supplier_profile_is_stored_for_its_owner_with_normalised_codes(signed_up):
    browser = signed_up("olga@lesmash.example.by")
    response = browser.create_profile()
    assert response.status_code == 302 and response.headers["Location"].endswith("/matches")
    company = db.session.scalar(select(Company))
    user = db.session.scalar(select(User))
    assert company.owner_id == user.id
    assert company.name == "Лесмаш (тест)" and company.roles == ["supplier"]
    assert company.languages == ["ru", "en"] and company.certifications == ["EAC"]
    offer = company.offers[0]
    assert offer.title == "Харвестеры и форвардеры для лесозаготовки"
    assert (offer.hs_codes, offer.nace_codes, offer.annual_capacity_usd) == (["843680"], ["28.30"], 20_000_000)


def test_empty_blocks_are_ignored_and_a_buyer_can_state_a_need_in_english(signed_up):
    browser = signed_up("buyer@perm.example.ru")
    response = browser.create_profile(**{
        "name": "Perm Timber", "country": "RU", "region": "RU-PER", "roles": ["buyer"], "tax_id": "7707083893",
        "offers-0-title": "", "offers-0-description": "", "offers-0-hs_codes": "", "offers-0-nace_codes": "",
        "offers-0-volume": "", "needs-0-title": "Forest harvesters", "needs-1-title": "",
    })
    assert response.status_code == 302
    company = db.session.scalar(select(Company))
    assert company.roles == ["buyer"] and company.offers == []
    assert [n.title for n in company.needs] == ["Forest harvesters"]
    assert company.tax_id == "7707083893"


def test_a_wrong_code_is_shown_next_to_its_input_the_input_is_kept_and_nothing_is_written(signed_up):
    browser = signed_up("olga@example.by")
    response = browser.create_profile(**{"offers-0-hs_codes": "8436 80, 8499", "name": "Лесмаш <b>жирный</b>"})
    assert response.status_code == 422
    assert "8499" in field_error(response, "offers-0-hs_codes")
    assert "нет в номенклатуре" in field_error(response, "offers-0-hs_codes")
    assert input_value(response, "offers-0-hs_codes") == "8436 80, 8499"
    assert input_value(response, "name") == "Лесмаш <b>жирный</b>"
    assert "Лесмаш &lt;b&gt;жирный&lt;/b&gt;" in response.get_data(as_text=True)
    assert input_value(response, "offers-0-title") == "Харвестеры и форвардеры для лесозаготовки"
    assert "Профиль не сохранён" in text_of(response)
    assert _companies() == 0 and db.session.scalar(select(func.count()).select_from(Offer)) == 0


def test_each_schema_field_error_lands_next_to_its_own_input(signed_up):
    browser = signed_up("olga@example.by")
    response = browser.create_profile(**{
        "name": "", "roles": [], "website": "ftp://lesmash.by", "email": "not-an-email", "phone": "call me",
        "languages": "ru, russian", "tax_id": "100582334", "offers-0-volume": "a lot",
        "needs-0-title": "Металл",
    })
    assert response.status_code == 422
    assert "Обязательное поле" in field_error(response, "f-name")
    assert "хотя бы одну роль" in field_error(response, "f-roles")
    assert "http" in field_error(response, "f-website")
    assert "e-mail" in field_error(response, "f-email")
    assert "телефона" in field_error(response, "f-phone")
    assert "russian" in field_error(response, "f-languages")
    assert "УНП" in field_error(response, "f-tax_id")
    assert "целое число" in field_error(response, "offers-0-volume")
    assert _companies() == 0


def test_a_need_on_a_supplier_only_profile_is_explained_at_the_needs_section(signed_up):
    browser = signed_up("olga@example.by")
    response = browser.create_profile(**{"needs-0-title": "Металлопрокат"})
    assert response.status_code == 422
    assert "Потребности бывают только у покупателя" in field_error(response, "f-needs")
    assert input_value(response, "needs-0-title") == "Металлопрокат"


def test_a_region_of_another_country_is_refused_next_to_the_region(signed_up):
    browser = signed_up("olga@example.by")
    response = browser.create_profile(region="RU-PER")
    assert "не относится к выбранной стране" in field_error(response, "f-region")


def test_errors_are_in_english_on_english_pages(signed_up):
    browser = signed_up("olga@example.by", language="en")
    response = browser.create_profile(**{"name": "", "offers-0-hs_codes": "8499"})
    assert "This field is required." in field_error(response, "f-name")
    assert "does not exist in the HS nomenclature" in field_error(response, "offers-0-hs_codes")
    assert '<html lang="en">' in response.get_data(as_text=True)


def test_the_region_list_follows_the_country(signed_up):
    browser = signed_up("olga@example.by")
    belarus = browser.post("/companies/new", profile_form(action="refresh", country="BY", region=""))
    assert '<option value="BY-MI" >Минская область</option>' in text_of(belarus)
    assert 'value="RU-PER"' not in text_of(belarus)
    russia = browser.post("/companies/new", profile_form(action="refresh", country="RU", region=""))
    assert '<option value="RU-PER" >Пермский край</option>' in text_of(russia)
    assert _companies() == 0
    regions = browser.get("/web/regions?country=RU").get_json()["items"]
    assert {"code": "RU-PER", "name": "Пермский край"} in regions


def test_without_javascript_add_another_adds_an_empty_block_and_remove_drops_one_unsaved(signed_up):
    browser = signed_up("olga@example.by")
    added = browser.post("/companies/new", profile_form(**{"action": "add:offers", "offers-1-title": "Форвардеры"}))
    assert added.status_code == 200
    assert input_value(added, "offers-1-title") == "Форвардеры"
    assert input_value(added, "offers-2-title") == ""
    again = browser.post("/companies/new", profile_form(**{"action": "add:offers", "offers-1-title": "Форвардеры",
                                                           "offers-2-title": ""}))
    assert input_value(again, "offers-2-title") == "" and input_value(again, "offers-3-title") == ""
    removed = browser.post("/companies/new", profile_form(**{"action": "remove:offers:0", "offers-1-title": "Форвардеры"}))
    assert input_value(removed, "offers-0-title") is None
    assert input_value(removed, "offers-1-title") == "Форвардеры"
    assert _companies() == 0


def test_without_javascript_find_codes_suggests_codes_that_can_be_ticked(signed_up):
    browser = signed_up("olga@example.by")
    found = browser.post("/companies/new", profile_form(**{
        "action": "codes:offers:0", "offers-0-code_query": "обрабатывающие центры", "offers-0-hs_codes": ""}))
    assert found.status_code == 200
    assert 'value="hs:8457"' in found.get_data(as_text=True)
    suggested = browser.post("/companies/new", profile_form(**{
        "action": "codes:offers:0", "offers-0-title": "Сливочное масло и сыр", "offers-0-hs_codes": ""}))
    assert 'value="hs:0405"' in suggested.get_data(as_text=True)
    saved = browser.create_profile(**{"offers-0-hs_codes": "", "offers-0-pick": ["hs:8457", "nace:28.41"]})
    assert saved.status_code == 302
    offer = db.session.scalar(select(Offer))
    assert offer.hs_codes == ["8457"] and offer.nace_codes == ["28.30", "28.41"]


def test_code_search_answers_in_russian_and_english(web):
    russian = web.get("/web/codes?q=харвестер").get_json()["items"] + web.get("/web/codes?q=молоко").get_json()["items"]
    assert any(hit["code"] == "0401" and hit["scheme"] == "hs" for hit in russian)
    english = web.get("/web/codes?q=harvester", headers={"Accept-Language": "en"}).get_json()["items"]
    assert any(hit["code"].startswith(("8433", "8436")) for hit in english)  # combine or forest harvesters
    suggested = web.get("/web/codes/suggest?text=Обрабатывающие центры с ЧПУ").get_json()["items"]
    assert next(hit for hit in suggested if hit["scheme"] == "hs")["code"] == "8457"
    assert {"label", "confidence", "evidence", "why"} <= set(suggested[0])


def test_tax_id_is_checked_live_by_the_same_rules_as_the_schema(web):
    assert web.get("/web/tax-id?country=BY&value=100582333").get_json() == {
        "valid": True, "value": "100582333", "message": ""}
    bad = web.get("/web/tax-id?country=BY&value=100582334").get_json()
    assert bad["valid"] is False and "УНП" in bad["message"]
    assert web.get("/web/tax-id?country=RU&value=7707083893").get_json()["valid"] is True
    english = web.get("/web/tax-id?country=RU&value=123", headers={"Accept-Language": "en"}).get_json()
    assert english["valid"] is False and "INN" in english["message"]


def test_the_owner_edits_the_profile_and_the_offer_keeps_its_id(signed_up):
    browser = signed_up("olga@example.by")
    browser.create_profile()
    company = db.session.scalar(select(Company))
    offer_id = company.offers[0].id
    response = browser.post(f"/companies/{company.id}/edit",
                            _edit_form(browser, company.id, city="Пинск", **{"offers-0-title": "Харвестеры"}))
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/companies/{company.id}")
    db.session.expire_all()
    company = db.session.get(Company, company.id)
    assert company.city == "Пинск" and company.version == 2
    assert [(o.id, o.title) for o in company.offers] == [(offer_id, "Харвестеры")]


def test_a_stale_save_is_refused_with_a_clear_message_and_the_input_is_kept(signed_up):
    browser = signed_up("olga@example.by")
    browser.create_profile()
    company_id = db.session.scalar(select(Company.id))
    form = _edit_form(browser, company_id, city="Пинск")
    update_company(company_id, {"city": "Орша"}, expected_version=1)  # a colleague saved meanwhile
    stale = browser.post(f"/companies/{company_id}/edit", form)
    assert stale.status_code == 409
    assert "Пока вы редактировали профиль, его сохранил кто-то другой" in text_of(stale)
    assert input_value(stale, "city") == "Пинск"
    assert input_value(stale, "version") == "2"
    db.session.expire_all()
    assert db.session.get(Company, company_id).city == "Орша"
    form["version"] = "2"
    assert browser.post(f"/companies/{company_id}/edit", form).status_code == 302
    db.session.expire_all()
    assert db.session.get(Company, company_id).city == "Пинск"


def test_another_company_cannot_edit_a_profile_it_does_not_own(signed_up):
    owner = signed_up("owner@example.by")
    owner.create_profile()
    company_id = db.session.scalar(select(Company.id))
    stranger = signed_up("stranger@example.by")
    assert stranger.get(f"/companies/{company_id}/edit").status_code == 403
    response = stranger.post(f"/companies/{company_id}/edit", _edit_form(owner, company_id, name="Захвачено"))
    assert response.status_code == 403
    assert "Доступ запрещён" in text_of(response)
    db.session.expire_all()
    assert db.session.get(Company, company_id).name == "Лесмаш (тест)"


def test_an_admin_may_edit_any_company(signed_up, staff_user, new_web):
    owner = signed_up("owner@example.by")
    owner.create_profile()
    company_id = db.session.scalar(select(Company.id))
    staff_user("admin")
    admin = new_web()
    admin.log_in("admin@matcher.example")
    assert admin.get(f"/companies/{company_id}/edit").status_code == 200
    assert admin.post(f"/companies/{company_id}/edit", _edit_form(owner, company_id, city="Лида")).status_code == 302


def test_a_user_who_already_has_a_company_is_sent_to_its_editor(signed_up):
    browser = signed_up("olga@example.by")
    browser.create_profile()
    company_id = db.session.scalar(select(Company.id))
    response = browser.get("/companies/new")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/companies/{company_id}/edit")
    assert browser.get("/profile").headers["Location"].endswith(f"/companies/{company_id}/edit")


def test_a_tax_id_registered_by_another_company_is_refused_next_to_the_tax_id(signed_up):
    signed_up("first@example.by").create_profile(tax_id="100582333")
    second = signed_up("second@example.by")
    response = second.create_profile(tax_id="100582333", name="Другая")
    assert response.status_code == 409
    assert "уже зарегистрирована" in field_error(response, "f-tax_id")
    assert _companies() == 1


def test_the_edit_form_shows_the_stored_profile(signed_up):
    browser = signed_up("olga@example.by")
    browser.create_profile()
    company_id = db.session.scalar(select(Company.id))
    page = browser.get(f"/companies/{company_id}/edit")
    assert input_value(page, "offers-0-hs_codes") == "843680"
    assert input_value(page, "offers-0-volume") == "20000000"
    assert input_value(page, "languages") == "ru, en"
    assert input_value(page, "version") == "1"
    assert 'value="BY-MI" selected' in page.get_data(as_text=True)
