"""Company profiles through the service layer, on each database backend."""
import pytest
from sqlalchemy import func, select

from matcher.db import db
from matcher.errors import Conflict, PreconditionFailed, ValidationFailed
from matcher.models import ChangeLog, Company, CompanyCode, Offer
from matcher.services.companies import (
    CompanyFilters, create_company, get_company, list_companies, update_company,
)


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_valid_supplier_is_stored_with_normalised_codes(app, company_payload):
    company = create_company(company_payload(tax_id="100582333"))
    stored = get_company(company.id)
    assert stored.roles == ["supplier"]
    assert stored.offers[0].hs_codes == ["845710"]
    assert stored.offers[0].nace_codes == ["28.41"]
    assert {(c.scheme, c.code) for c in stored.codes} == {("hs", "845710"), ("nace", "28.41")}
    assert stored.version == 1


@pytest.mark.parametrize("override, field, fragment", [
    ({"tax_id": "100582334"}, "tax_id", "UNP"),
    ({"country": "XX"}, "country", "ISO 3166-1"),
    ({"region": "RU-PER"}, "region", "not in country BY"),
    ({"roles": []}, "roles", "at least one role"),
    ({"roles": ["seller"]}, "roles.0", "Must be one of"),
    ({"name": "  "}, "name", "between 1 and 200"),
    ({"languages": ["russian"]}, "languages.0", "ISO 639-1"),
    ({"website": "ftp://x.by"}, "website", "URL"),
])
def test_bad_profile_field_is_refused_by_name_and_nothing_is_written(app, company_payload, override, field, fragment):
    with pytest.raises(ValidationFailed) as caught:
        create_company(company_payload(**override))
    assert field in caught.value.errors
    assert any(fragment.lower() in m.lower() for m in caught.value.errors[field])
    assert _count(Company) == 0 and _count(Offer) == 0


def test_bad_code_inside_an_offer_is_named_by_its_path(app, company_payload):
    payload = company_payload()
    payload["offers"][0]["hs_codes"] = ["8457", "8499"]
    with pytest.raises(ValidationFailed) as caught:
        create_company(payload)
    assert list(caught.value.errors) == ["offers.0.hs_codes.1"]
    assert "does not exist" in caught.value.errors["offers.0.hs_codes.1"][0]


def test_needs_on_a_supplier_only_profile_are_refused(app, company_payload):
    with pytest.raises(ValidationFailed) as caught:
        create_company(company_payload(needs=[{"title": "Металл"}]))
    assert "needs" in caught.value.errors


def test_russian_buyer_with_inn_and_text_only_need(app, company_payload):
    company = create_company(company_payload(
        name="Пермский лесокомбинат", country="RU", region="RU-PER", roles=["buyer"], tax_id="7707083893",
        offers=[], needs=[{"title": "Харвестеры и форвардеры", "annual_volume_usd": 3_000_000}],
    ))
    assert company.needs[0].hs_codes == [] and company.is_buyer and not company.is_supplier


def test_second_company_with_same_tax_id_is_a_conflict_on_tax_id(app, company_payload):
    create_company(company_payload(tax_id="100582333"))
    with pytest.raises(Conflict) as caught:
        create_company(company_payload(name="Другая", tax_id="100582333"))
    assert "tax_id" in caught.value.errors
    assert _count(Company) == 1


def test_update_merges_revalidates_and_bumps_version(app, create_company):
    company = create_company()
    updated = update_company(company.id, {"city": "Мозырь", "roles": ["supplier", "buyer"]}, expected_version=1)
    assert (updated.city, updated.version, updated.is_buyer) == ("Мозырь", 2, True)
    assert updated.offers[0].title == "Обрабатывающие центры с ЧПУ"


def test_update_with_stale_version_is_refused_and_changes_nothing(app, create_company):
    company = create_company()
    update_company(company.id, {"city": "Мозырь"}, expected_version=1)
    with pytest.raises(PreconditionFailed):
        update_company(company.id, {"city": "Пинск"}, expected_version=1)
    assert get_company(company.id).city == "Мозырь"


def test_update_of_offers_only_still_advances_the_version(app, create_company):
    company = create_company()
    offer_id = company.offers[0].id
    updated = update_company(company.id, {"offers": [{"id": offer_id, "title": "Токарные станки"}]})
    assert updated.version == 2 and updated.offers[0].id == offer_id
    assert [c.code for c in updated.codes] == []


def test_invalid_update_leaves_the_stored_profile_untouched(app, create_company):
    company = create_company()
    with pytest.raises(ValidationFailed) as caught:
        update_company(company.id, {"region": "RU-PER", "city": "Пермь"})
    assert "region" in caught.value.errors
    db.session.expire_all()
    assert get_company(company.id).city == "Гомель"


def test_every_write_lands_in_the_change_log(app, create_company):
    company = create_company()
    update_company(company.id, {"city": "Брест"})
    assert _count(ChangeLog) == 2


def test_list_filters_by_role_country_code_prefix_and_cyrillic_words(app, create_company):
    create_company()
    create_company(name="ООО «Пермская молочная компания»", country="RU", region="RU-PER", roles=["buyer"],
                   description="Закупаем Сыры и масло", offers=[],
                   needs=[{"title": "Сыр твёрдый", "hs_codes": ["0406"]}])
    assert list_companies(CompanyFilters(role="buyer"))[1] == 1
    assert list_companies(CompanyFilters(country="by"))[1] == 1
    assert list_companies(CompanyFilters(hs="84"))[0][0].country == "BY"
    assert list_companies(CompanyFilters(nace="28.4"))[1] == 1
    assert list_companies(CompanyFilters(q="СЫРЫ"))[0][0].country == "RU"
    assert list_companies(CompanyFilters(q="сыр твердый"))[1] == 1
    assert list_companies(CompanyFilters(q="100%_"))[1] == 0


def test_list_is_paginated_with_a_total(app, create_company):
    for n in range(5):
        create_company(name=f"Компания {n}")
    items, total = list_companies(CompanyFilters(), page=2, per_page=2)
    assert total == 5 and [c.name for c in items] == ["Компания 2", "Компания 3"]


def test_deleting_a_company_removes_its_codes(app, create_company):
    from matcher.services.companies import delete_company

    company = create_company()
    delete_company(company.id, expected_version=1)
    assert _count(Company) == 0 and _count(CompanyCode) == 0
