"""My matches: ranked partners with reasons and pairs; interest buttons; contacts after mutual interest."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from web_helpers import text_of

from matcher.db import db
from matcher.models import Company, MatchInterest

NO_OFFER = {"offers-0-title": "", "offers-0-description": "", "offers-0-hs_codes": "", "offers-0-nace_codes": "",
            "offers-0-volume": ""}


@pytest.fixture
def supplier_and_buyer(signed_up):
    """A Belarusian supplier of forest machines (Russian text) and a Perm buyer who needs them (English)."""
    supplier = signed_up("sales@lesmash.example.by")
    assert supplier.create_profile().status_code == 302
    buyer = signed_up("buy@permtimber.example.ru")
    assert buyer.create_profile(**{
        **NO_OFFER, "name": "Perm Timber", "name_en": "Perm Timber", "country": "RU", "region": "RU-PER",
        "city": "Пермь", "roles": ["buyer"], "email": "buy@permtimber.example.ru", "phone": "+7 342 200-00-00",
        "website": "", "languages": "en, ru", "certifications": "",
        "needs-0-title": "Forest harvesters", "needs-0-description": "Wheeled harvesters and forwarders for logging",
    }).status_code == 302
    ids = dict(db.session.execute(select(Company.name, Company.id)).all())
    return supplier, buyer, ids["Лесмаш (тест)"], ids["Perm Timber"]


def _partner_block(response, partner_id: int) -> str:
    html = response.get_data(as_text=True)
    found = re.search(rf'<li class="card match[^"]*" id="partner-{partner_id}">(.*?)</li>\s*(?=<li class="card match|</ol>)',
                      html, re.S)
    return found.group(1) if found else ""


def test_each_side_sees_the_other_ranked_with_reasons_and_the_offer_need_pair(supplier_and_buyer):
    supplier, buyer, supplier_id, buyer_id = supplier_and_buyer
    for browser, partner_id, partner_name in ((buyer, supplier_id, "Лесмаш"), (supplier, buyer_id, "Perm Timber")):
        page = browser.get("/matches")
        assert page.status_code == 200
        block = _partner_block(page, partner_id)
        assert partner_name in block
        assert re.search(r'<span class="score[^"]*"[^>]*><strong>\d+</strong>', block)
        assert 'class="reason-name"' in block and 'class="bar"' in block
        assert "Харвестеры и форвардеры для лесозаготовки" in block and "Forest harvesters" in block


def test_contacts_stay_hidden_until_both_are_interested_then_both_see_them(supplier_and_buyer):
    supplier, buyer, supplier_id, buyer_id = supplier_and_buyer
    assert "sales@lesmash.example.by" not in text_of(buyer.get("/matches"))
    response = buyer.post(f"/matches/{supplier_id}/interest", {"state": "interested", "next": "/matches"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/matches#partner-{supplier_id}")
    assert "sales@lesmash.example.by" not in text_of(buyer.get("/matches"))
    supplier_view = supplier.get("/matches")
    assert "Интересуется вами" in _partner_block(supplier_view, buyer_id)
    assert "buy@permtimber.example.ru" not in text_of(supplier_view)
    supplier.post(f"/matches/{buyer_id}/interest", {"state": "interested", "next": "/matches"})
    assert "buy@permtimber.example.ru" in _partner_block(supplier.get("/matches"), buyer_id)
    assert "+7 342 200-00-00" in text_of(supplier.get(f"/companies/{buyer_id}"))
    buyer_block = _partner_block(buyer.get("/matches"), supplier_id)
    assert "sales@lesmash.example.by" in buyer_block and "Взаимный интерес" in buyer_block


def test_withdrawing_interest_hides_the_contacts_again(supplier_and_buyer):
    supplier, buyer, supplier_id, buyer_id = supplier_and_buyer
    buyer.post(f"/matches/{supplier_id}/interest", {"state": "interested"})
    supplier.post(f"/matches/{buyer_id}/interest", {"state": "interested"})
    buyer.post(f"/matches/{supplier_id}/interest", {"state": "clear"})
    assert "buy@permtimber.example.ru" not in text_of(supplier.get("/matches"))


def test_not_relevant_hides_the_partner_and_can_be_shown_and_undone(supplier_and_buyer):
    supplier, buyer, supplier_id, buyer_id = supplier_and_buyer
    buyer.post(f"/matches/{supplier_id}/interest", {"state": "not_relevant"})
    page = buyer.get("/matches")
    assert _partner_block(page, supplier_id) == ""
    assert "Показать 1 скрытого партнёра" in text_of(page)
    shown = buyer.get("/matches?hidden=1")
    assert "Лесмаш" in _partner_block(shown, supplier_id) and "Показать снова" in text_of(shown)
    buyer.post(f"/matches/{supplier_id}/interest", {"state": "clear", "next": "/matches?hidden=1"})
    assert "Лесмаш" in _partner_block(buyer.get("/matches"), supplier_id)
    assert db.session.scalar(select(MatchInterest)) is None


def test_a_second_click_updates_the_opinion_instead_of_duplicating_it(supplier_and_buyer):
    supplier, buyer, supplier_id, buyer_id = supplier_and_buyer
    buyer.post(f"/matches/{supplier_id}/interest", {"state": "interested"})
    buyer.post(f"/matches/{supplier_id}/interest", {"state": "not_relevant"})
    rows = db.session.scalars(select(MatchInterest)).all()
    assert [(r.company_id, r.partner_id, r.state) for r in rows] == [(buyer_id, supplier_id, "not_relevant")]


def test_interest_buttons_need_csrf_a_known_partner_and_a_known_state(supplier_and_buyer):
    supplier, buyer, supplier_id, buyer_id = supplier_and_buyer
    assert buyer.post(f"/matches/{supplier_id}/interest", {"state": "interested"}, csrf=False).status_code == 400
    assert buyer.post("/matches/999999/interest", {"state": "interested"}).status_code == 404
    assert buyer.post(f"/matches/{supplier_id}/interest", {"state": "adore"}).status_code == 400
    assert db.session.scalar(select(MatchInterest)) is None


def test_a_company_that_buys_and_sells_switches_side(signed_up, supplier_and_buyer):
    supplier, buyer, supplier_id, buyer_id = supplier_and_buyer
    both = signed_up("both@example.by")
    both.create_profile(**{
        "name": "Двусторонний завод", "roles": ["supplier", "buyer"], "tax_id": "",
        "needs-0-title": "Харвестеры для собственной лесозаготовки",
        "offers-0-title": "Обрабатывающие центры с ЧПУ", "offers-0-hs_codes": "8457", "offers-0-nace_codes": "28.41",
        "offers-0-description": "",
    })
    as_buyer = both.get("/matches?as=buyer")
    assert "Поставщики того, что мне нужно" in text_of(as_buyer)
    assert "Лесмаш" in _partner_block(as_buyer, supplier_id)
    as_supplier = both.get("/matches?as=supplier")
    assert _partner_block(as_supplier, supplier_id) == ""
    assert 'aria-current="page">Покупатели моих товаров' in as_supplier.get_data(as_text=True)


def test_matches_page_in_english(supplier_and_buyer):
    supplier, buyer, supplier_id, buyer_id = supplier_and_buyer
    buyer.post("/locale", {"locale": "en", "next": "/matches"})
    page = buyer.get("/matches")
    assert '<html lang="en">' in page.get_data(as_text=True)
    assert "My matches" in text_of(page) and "Interested" in text_of(page) and "Not relevant" in text_of(page)


def test_a_user_without_a_company_is_sent_to_create_one(signed_up):
    response = signed_up("new@example.by").get("/matches")
    assert response.status_code == 302 and response.headers["Location"].endswith("/companies/new")


def test_an_unrelated_profile_gets_an_encouraging_empty_page(signed_up):
    browser = signed_up("alone@example.by")
    browser.create_profile(**{"offers-0-title": "Услуги перевода с китайского", "offers-0-description": "",
                              "offers-0-hs_codes": "", "offers-0-nace_codes": ""})
    page = browser.get("/matches")
    assert page.status_code == 200 and "Пока некого предложить" in text_of(page)


def test_reasons_are_worded_in_the_language_of_the_page(supplier_and_buyer):
    supplier, buyer, supplier_id, _ = supplier_and_buyer
    russian = _partner_block(buyer.get("/matches"), supplier_id)
    assert "коридор" in russian and "corridor" not in russian
    buyer.post("/locale", {"locale": "en", "next": "/matches"})
    english = _partner_block(buyer.get("/matches"), supplier_id)
    assert "corridor" in english and "коридор" not in english


def test_a_match_shows_its_band_and_two_reasons_with_the_rest_under_why(supplier_and_buyer):
    supplier, buyer, supplier_id, buyer_id = supplier_and_buyer
    page = buyer.get("/matches")
    block = _partner_block(page, supplier_id)
    assert re.search(r"(хорошее|возможное) совпадение", block)
    visible = block.split('<details class="why">')[0]
    assert visible.count('class="reason-name"') <= 2
    assert "<summary>почему?" in block
    assert re.search(r'<h2 id="band-1" class="band-head band-(good|possible)">', page.get_data(as_text=True))


def test_filters_that_leave_nobody_say_so_and_nonsense_filters_are_named(supplier_and_buyer):
    _supplier, buyer, supplier_id, _buyer_id = supplier_and_buyer
    assert _partner_block(buyer.get("/matches?country=BY&code=8436"), supplier_id)
    empty = buyer.get("/matches?country=KZ")
    assert empty.status_code == 200 and "Под эти фильтры не подходит ни один партнёр" in text_of(empty)
    assert not _partner_block(buyer.get("/matches?code=0101"), supplier_id)
    wrong = buyer.get("/matches?sort=random&code=<b>")
    assert wrong.status_code == 422
    assert "Выберите порядок из списка" in text_of(wrong) and "Код — это цифры" in text_of(wrong)


def test_what_companies_wrote_is_marked_with_its_language_on_a_page_in_the_other(supplier_and_buyer):
    _supplier, buyer, supplier_id, _buyer_id = supplier_and_buyer
    buyer.set_cookie("matcher_locale", "en")
    block = _partner_block(buyer.get("/matches"), supplier_id)
    assert '<span lang="ru">Борисов</span>, Minsk Region, Belarus' in block
    assert '<span lang="ru">Харвестеры и форвардеры для лесозаготовки</span>' in block
    assert 'lang="ru">Forest' not in block


def test_the_cooperation_filter_keeps_only_partners_offering_that_kind_of_cooperation(supplier_and_buyer):
    _supplier, buyer, supplier_id, _buyer_id = supplier_and_buyer
    supplier = db.session.get(Company, supplier_id)
    supplier.offers[0].cooperation_types = ["supply", "training"]
    db.session.commit()
    page = buyer.get("/matches")
    assert 'name="cooperation"' in page.get_data(as_text=True)
    assert _partner_block(buyer.get("/matches?cooperation=training"), supplier_id)
    assert not _partner_block(buyer.get("/matches?cooperation=joint_venture"), supplier_id)
