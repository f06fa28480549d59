"""Projects, proposals, outcomes and cooperation types on the web pages (issue 15)."""
from __future__ import annotations

from web_helpers import text_of

from matcher.db import db
from matcher.models import Company, Offer, Project


def _buyer(signed_up, email="buyer@perm.example.ru"):
    browser = signed_up(email)
    response = browser.create_profile(**{
        "name": "Пермский застройщик", "name_en": "", "country": "RU", "region": "RU-PER", "city": "Пермь",
        "roles": ["buyer"], "website": "", "email": "build@perm.example.ru", "phone": "+7 342 000-00-00",
        "offers-0-title": None, "offers-0-description": None, "offers-0-hs_codes": None, "offers-0-nace_codes": None,
        "offers-0-volume": None, "needs-0-title": "Кирпич", "needs-0-hs_codes": "6901"})
    assert response.status_code == 302, text_of(response)[:3000]
    return browser


def _supplier(signed_up, email="trust@minsk.example.by", **fields):
    browser = signed_up(email)
    form = {"name": "Минский стройтрест", "email": "trust@minsk.example.by",
            "offers-0-title": "Строительство жилых домов и школ под ключ", "offers-0-hs_codes": "",
            "offers-0-nace_codes": "41.20", "offers-0-cooperation_types": ["construction"]} | fields
    assert browser.create_profile(**form).status_code == 302
    return browser


HOUSING_FORM = {"title": "Жилой дом в Перми", "description": "Пилотный проект", "sector": "construction",
                "region": "RU-PER", "budget_min_usd": "8 000 000", "budget_max_usd": "12000000",
                "deadline": "2099-12-31", "nace_codes": "41.20", "cooperation_types": ["construction"],
                "document_links": "https://perm.example/tender.pdf"}


def test_cooperation_types_ticked_in_the_profile_are_stored_and_shown_again(signed_up):
    browser = _supplier(signed_up)
    offer = db.session.query(Offer).one()
    assert offer.cooperation_types == ["construction"]
    page = browser.get("/companies/me/edit") if browser.get("/companies/me/edit").status_code == 200 else \
        browser.get(f"/companies/{offer.company_id}/edit")
    assert 'value="construction" checked' in page.get_data(as_text=True)


def test_a_buyer_publishes_a_project_and_a_supplier_proposes_and_is_shortlisted(signed_up):
    buyer = _buyer(signed_up)
    supplier = _supplier(signed_up)
    published = buyer.post("/projects/new", HOUSING_FORM, page="/projects/new")
    assert published.status_code == 302
    project = db.session.query(Project).one()
    assert (project.budget_min_usd, project.cooperation_types) == (8_000_000, ["construction"])
    page = text_of(supplier.get(f"/projects/{project.id}"))
    assert "Минский стройтрест" in page and "Вид сотрудничества" in page and "строительные услуги" in page
    sent = supplier.post(f"/projects/{project.id}/interest", {"proposal": "Построим за год"},
                         page=f"/projects/{project.id}")
    assert sent.status_code == 303
    owner_view = buyer.get(f"/projects/{project.id}")
    assert "Построим за год" in text_of(owner_view)
    trust = db.session.query(Company).filter_by(name="Минский стройтрест").one()
    assert buyer.post(f"/projects/{project.id}/interest", {"company_id": trust.id, "status": "shortlisted"},
                      page=f"/projects/{project.id}").status_code == 303
    assert "trust@minsk.example.by" in text_of(buyer.get(f"/companies/{trust.id}"))


def test_a_bad_project_form_is_shown_again_with_the_message_at_the_field(signed_up):
    buyer = _buyer(signed_up)
    response = buyer.post("/projects/new", {**HOUSING_FORM, "budget_min_usd": "9", "budget_max_usd": "1",
                                            "region": "RU-XXX"}, page="/projects/new")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="f-budget_min_usd-error"' in html and 'id="f-region-error"' in html
    assert 'value="Жилой дом в Перми"' in html
    assert db.session.query(Project).count() == 0


def test_a_supplier_cannot_publish_and_nobody_else_edits(signed_up):
    supplier = _supplier(signed_up)
    refused = supplier.post("/projects/new", HOUSING_FORM, page="/projects/new")
    assert refused.status_code == 403 and "компания-покупатель" in text_of(refused)
    buyer = _buyer(signed_up)
    buyer.post("/projects/new", HOUSING_FORM, page="/projects/new")
    project = db.session.query(Project).one()
    assert supplier.get(f"/projects/{project.id}/edit").status_code == 403


def test_the_project_list_filters_by_kind_of_cooperation(signed_up, web):
    buyer = _buyer(signed_up)
    buyer.post("/projects/new", HOUSING_FORM, page="/projects/new")
    buyer.post("/projects/new", {**HOUSING_FORM, "title": "Учебный центр операторов ЧПУ", "sector": "machine_tools",
                                 "cooperation_types": ["training"]}, page="/projects/new")
    text = text_of(web.get("/projects?cooperation=training"))
    assert "Учебный центр операторов ЧПУ" in text and "Жилой дом в Перми" not in text


def test_a_mutually_interested_pair_records_a_signed_contract(signed_up):
    buyer = _buyer(signed_up)
    supplier = _supplier(signed_up)
    buyer.post("/projects/new", HOUSING_FORM, page="/projects/new")
    project = db.session.query(Project).one()
    trust = db.session.query(Company).filter_by(name="Минский стройтрест").one()
    supplier.post(f"/projects/{project.id}/interest", {"proposal": "Да"}, page=f"/projects/{project.id}")
    buyer.post(f"/projects/{project.id}/interest", {"company_id": trust.id, "status": "shortlisted"},
               page=f"/projects/{project.id}")
    missing = buyer.post(f"/outcomes/{trust.id}", {"state": "contract_signed", "contract_value_usd": ""},
                         page="/outcomes")
    assert missing.status_code == 422
    assert 'id="value-%d-error"' % trust.id in missing.get_data(as_text=True)
    saved = buyer.post(f"/outcomes/{trust.id}", {"state": "contract_signed", "contract_value_usd": "9 500 000",
                                                  "contract_year": "2027", "contract_month": "3"}, page="/outcomes")
    assert saved.status_code == 303
    from matcher.services.corridor_stats import corridor_stats

    assert corridor_stats()["contracts_usd"] == 9_500_000
    stranger = signed_up("other@example.org")
    assert stranger.post(f"/outcomes/{trust.id}", {"state": "talks"}).status_code == 302  # no company yet


def test_the_directory_filters_by_kind_of_cooperation_and_the_company_page_names_it(signed_up, web, create_company):
    _supplier(signed_up)
    create_company(name="Молочный комбинат")
    text = text_of(web.get("/companies?cooperation=construction"))
    assert "Минский стройтрест" in text and "Молочный комбинат" not in text
    trust = db.session.query(Company).filter_by(name="Минский стройтрест").one()
    assert "Строительные и инжиниринговые услуги" in text_of(web.get(f"/companies/{trust.id}"))
