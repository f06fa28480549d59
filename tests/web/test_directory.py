"""Directory: search, filters and pages; a company page that hides contacts from those not entitled."""
from __future__ import annotations

import re

from sqlalchemy import select
from web_helpers import text_of

from matcher.db import db
from matcher.models import Company
from matcher.services.interests import set_interest


def _names(response) -> list[str]:
    return re.findall(r'<h2><a href="/companies/\d+">([^<]+)</a></h2>', response.get_data(as_text=True))


def test_directory_lists_companies_with_roles_and_places_in_russian(web, create_company):
    create_company()
    response = web.get("/companies")
    assert response.status_code == 200
    page = text_of(response)
    assert "Станкостроительный завод (тест)" in page
    assert "Гомель, Гомельская область, Беларусь" in page
    assert "Поставщик" in page and "Найдена 1 компания" in page


def test_directory_in_english_uses_the_english_name_and_labels(web, create_company):
    create_company(name_en="Machine Tool Plant (test)")
    page = text_of(web.get("/companies", headers={"Accept-Language": "en"}))
    assert "Machine Tool Plant (test)" in page and "1 company found" in page and "Supplier" in page


def test_search_finds_cyrillic_words_whatever_their_case(web, create_company):
    create_company()
    create_company(name="Молочный комбинат", roles=["supplier"], description="Молочные продукты",
                   offers=[{"title": "Сливочное масло", "hs_codes": ["0405"]}])
    assert _names(web.get("/companies?q=СЛИВОЧНОЕ")) == ["Молочный комбинат"]
    assert _names(web.get("/companies?q=обрабатывающие")) == ["Станкостроительный завод (тест)"]


def test_filters_by_role_country_region_and_code_prefixes(web, create_company):
    create_company()
    create_company(name="Пермский лесокомбинат", country="RU", region="RU-PER", city="Пермь", roles=["buyer"],
                   offers=[], needs=[{"title": "Харвестеры", "hs_codes": ["843680"], "nace_codes": ["02.20"]}])
    assert _names(web.get("/companies?role=buyer")) == ["Пермский лесокомбинат"]
    assert _names(web.get("/companies?country=BY")) == ["Станкостроительный завод (тест)"]
    assert _names(web.get("/companies?country=RU&region=RU-PER")) == ["Пермский лесокомбинат"]
    assert _names(web.get("/companies?hs=8436")) == ["Пермский лесокомбинат"]
    assert _names(web.get("/companies?nace=28.4")) == ["Станкостроительный завод (тест)"]
    empty = web.get("/companies?q=несуществующее")
    assert _names(empty) == [] and "ни одна компания" in text_of(empty)


def test_directory_pages_through_many_companies_keeping_the_filters(web, create_company):
    for number in range(23):
        create_company(name=f"Завод {number:02d}")
    first = web.get("/companies?role=supplier")
    assert len(_names(first)) == 20 and "Страница 1 из 2" in text_of(first)
    assert "/companies?role=supplier&amp;page=2" in first.get_data(as_text=True)
    second = web.get("/companies?role=supplier&page=2")
    assert _names(second) == ["Завод 20", "Завод 21", "Завод 22"]


def test_company_page_shows_offers_with_code_labels_but_hides_contacts_from_visitors(web, create_company):
    company = create_company(email="sales@plant.example.by", phone="+375 232 00-00-00", tax_id="100582333")
    page = text_of(web.get(f"/companies/{company.id}"))
    assert "Обрабатывающие центры с ЧПУ" in page
    assert "845710" in page and "28.41" in page and "Производство металлообрабатывающего" in page
    assert "sales@plant.example.by" not in page and "+375 232" not in page
    assert "Контакты откроются" in page


def test_company_page_shows_contacts_to_the_owner_and_to_staff(signed_up, staff_user, new_web):
    owner = signed_up("owner@example.by")
    owner.create_profile()
    company_id = db.session.scalar(select(Company.id))
    assert "sales@lesmash.example.by" in text_of(owner.get(f"/companies/{company_id}"))
    staff_user("organizer")
    organizer = new_web()
    organizer.log_in("organizer@matcher.example")
    assert "sales@lesmash.example.by" in text_of(organizer.get(f"/companies/{company_id}"))
    stranger = signed_up("stranger@example.by")
    assert "sales@lesmash.example.by" not in text_of(stranger.get(f"/companies/{company_id}"))


def test_contacts_on_the_company_page_open_only_after_mutual_interest(signed_up, create_company):
    supplier = create_company(email="sales@plant.example.by")
    buyer_browser = signed_up("buyer@perm.example.ru")
    buyer_browser.create_profile(name="Пермский покупатель", country="RU", region="RU-PER", roles=["buyer"],
                                 **{"offers-0-title": "", "offers-0-description": "", "offers-0-hs_codes": "",
                                    "offers-0-nace_codes": "", "offers-0-volume": "",
                                    "needs-0-title": "Обрабатывающие центры"})
    buyer_id = db.session.scalar(select(Company.id).where(Company.name == "Пермский покупатель"))
    page = text_of(buyer_browser.get(f"/companies/{supplier.id}"))
    assert "sales@plant.example.by" not in page and "Интересно" in page
    buyer_browser.post(f"/matches/{supplier.id}/interest", {"state": "interested", "next": f"/companies/{supplier.id}"})
    assert "sales@plant.example.by" not in text_of(buyer_browser.get(f"/companies/{supplier.id}"))
    set_interest(supplier.id, buyer_id, "interested")
    assert "sales@plant.example.by" in text_of(buyer_browser.get(f"/companies/{supplier.id}"))


def test_user_typed_text_is_escaped_everywhere(web, create_company):
    company = create_company(name="<script>alert(1)</script> Завод",
                             description="<img src=x onerror=alert(2)>")
    for path in ("/companies", f"/companies/{company.id}"):
        html = web.get(path).get_data(as_text=True)
        assert "<script>alert(1)</script>" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_an_unknown_company_is_a_friendly_404_page(web):
    response = web.get("/companies/999999")
    assert response.status_code == 404 and "Страница не найдена" in text_of(response)


def test_company_page_in_english_labels_everything_in_english(web, create_company):
    company = create_company(name_en="Machine Tool Plant (test)")
    response = web.get(f"/companies/{company.id}", headers={"Accept-Language": "en"})
    text = text_of(response)
    assert '<html lang="en">' in response.get_data(as_text=True)
    assert "Offers" in text and "Contacts" in text
    # the city is the company's own word, marked as Russian for screen readers (issue 17)
    assert '<span lang="ru">Гомель</span>, Gomel Region, Belarus' in text
    assert "Manufacture of metal forming machinery" in text
