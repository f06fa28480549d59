"""Home page figures and the niche catalogue with the suppliers best able to fill each niche."""
from __future__ import annotations

import re

from web_helpers import text_of

from matcher.services.niches import create_niche

PONSSE = {
    "title": "Лесозаготовительная техника", "departed_company": "Ponsse", "departed_country": "FI",
    "exit_year": 2022, "region": "RU-PER", "description": "Харвестеры и форвардеры для лесозаготовки в крае",
    "hs_codes": ["843680"], "nace_codes": ["28.30"], "est_annual_volume_usd": 40_000_000,
}


def test_home_explains_the_corridor_and_shows_live_figures(web, create_company):
    create_company()
    create_company(name="Пермский станкозавод", country="RU", region="RU-PER", roles=["buyer"], offers=[],
                   needs=[{"title": "Обрабатывающие центры с ЧПУ", "hs_codes": ["8457"]}])
    create_niche(PONSSE)
    page = web.get("/")
    assert page.status_code == 200
    text = text_of(page)
    assert "Торговый коридор Беларусь ↔ Пермский край" in text and "$0,5 млрд" in text
    figures = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", page.get_data(as_text=True)))
    assert figures["компаний"] == "2" and figures["ниш"] == "1" and figures["предложенных пар"] == "1"
    assert "Ponsse" in text and "Лесозаготовительная техника" in text


def test_home_in_english(web):
    page = web.get("/", headers={"Accept-Language": "en"})
    assert '<html lang="en">' in page.get_data(as_text=True)
    assert "Belarus ↔ Perm Krai trade corridor" in text_of(page) and "$0.5 billion" in text_of(page)


def test_niche_list_shows_departed_firm_region_and_volume(web):
    create_niche(PONSSE)
    text = text_of(web.get("/niches"))
    assert "Ponsse" in text and "Финляндия" in text and "2022" in text
    assert "Пермский край" in text and "40 млн $" in text


def test_niche_page_names_codes_and_ranks_suppliers_able_to_fill_it(web, create_company):
    niche = create_niche(PONSSE)
    forest = create_company(name="Лесмаш", offers=[{"title": "Харвестеры и форвардеры", "hs_codes": ["843680"],
                                                     "description": "Колёсные лесные машины"}])
    create_company(name="Молочный комбинат", description="Молочные продукты",
                   offers=[{"title": "Сливочное масло", "hs_codes": ["0405"]}])
    page = web.get(f"/niches/{niche.id}")
    assert page.status_code == 200
    text = text_of(page)
    assert "843680" in text and "28.30" in text and "Производство машин и оборудования для сельского" in text
    assert f'href="/companies/{forest.id}">Лесмаш</a>' in page.get_data(as_text=True)
    assert "Молочный комбинат" not in text
    assert 'class="reason-name"' in page.get_data(as_text=True)


def test_niche_page_in_english_uses_english_labels(web):
    niche = create_niche(PONSSE)
    text = text_of(web.get(f"/niches/{niche.id}", headers={"Accept-Language": "en"}))
    assert "Departed firm" in text and "Finland" in text and "Perm Krai" in text and "$40M" in text


def test_an_unknown_niche_is_a_404_page(web):
    assert web.get("/niches/424242").status_code == 404
