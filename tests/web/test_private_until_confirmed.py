"""An unconfirmed newcomer's company stays private: no list, page, match or picker shows it to others."""
from __future__ import annotations

import re

import pytest
from mail_server import link_in
from sqlalchemy import select
from web_helpers import text_of

from matcher.db import db
from matcher.models import Company

NO_OFFER = {"offers-0-title": "", "offers-0-description": "", "offers-0-hs_codes": "", "offers-0-nace_codes": "",
            "offers-0-volume": ""}
BUYER_FORM = {
    **NO_OFFER, "name": "Perm Timber", "name_en": "Perm Timber", "country": "RU", "region": "RU-PER",
    "city": "Пермь", "roles": ["buyer"], "email": "buy@permtimber.example.ru", "phone": "+7 342 200-00-00",
    "website": "", "languages": "en, ru", "certifications": "",
    "needs-0-title": "Forest harvesters", "needs-0-description": "Wheeled harvesters and forwarders for logging",
}


@pytest.fixture
def unconfirmed_supplier_and_buyer(signed_up, mailbox):
    """A supplier who has not opened the confirmation link yet, and a confirmed buyer who needs its machines."""
    supplier = signed_up("sales@lesmash.example.by", verify=False)
    assert supplier.create_profile().status_code == 302
    buyer = signed_up("buy@permtimber.example.ru")
    assert buyer.create_profile(**BUYER_FORM).status_code == 302
    ids = dict(db.session.execute(select(Company.name, Company.id)).all())
    link = link_in(mailbox.wait_for("sales@lesmash.example.by"), "/verify-email/")
    return supplier, buyer, ids["Лесмаш (тест)"], ids["Perm Timber"], link


def _listed(response) -> list[str]:
    return re.findall(r'<h2><a href="/companies/\d+">([^<]+)</a></h2>', response.get_data(as_text=True))


def test_others_do_not_see_an_unconfirmed_company_anywhere_until_the_link_is_opened(
        unconfirmed_supplier_and_buyer, new_web):
    supplier, buyer, supplier_id, _, link = unconfirmed_supplier_and_buyer
    anonymous = new_web()
    assert "Лесмаш (тест)" not in _listed(buyer.get("/companies"))
    assert "Лесмаш (тест)" not in _listed(anonymous.get("/companies"))
    assert buyer.get(f"/companies/{supplier_id}").status_code == 404
    assert anonymous.get(f"/companies/{supplier_id}").status_code == 404
    assert "Лесмаш" not in text_of(buyer.get("/matches"))

    assert supplier.get(link).status_code == 302  # the owner opens the mailed link

    assert "Лесмаш (тест)" in _listed(buyer.get("/companies"))
    assert buyer.get(f"/companies/{supplier_id}").status_code == 200
    assert f'id="partner-{supplier_id}"' in buyer.get("/matches").get_data(as_text=True)


def test_the_unconfirmed_owner_still_sees_and_edits_their_company_and_their_matches(unconfirmed_supplier_and_buyer):
    supplier, _, supplier_id, buyer_id, _ = unconfirmed_supplier_and_buyer
    assert "Лесмаш (тест)" in _listed(supplier.get("/companies"))
    assert supplier.get(f"/companies/{supplier_id}").status_code == 200
    assert supplier.get(f"/companies/{supplier_id}/edit").status_code == 200
    assert f'id="partner-{buyer_id}"' in supplier.get("/matches").get_data(as_text=True)


def test_an_admin_may_open_the_unconfirmed_company_but_lists_leave_it_out(unconfirmed_supplier_and_buyer,
                                                                           staff_user, new_web):
    _, _, supplier_id, _, _ = unconfirmed_supplier_and_buyer
    staff_user("admin")
    admin = new_web()
    admin.log_in("admin@matcher.example")
    assert admin.get(f"/companies/{supplier_id}").status_code == 200
    assert "Лесмаш (тест)" not in _listed(admin.get("/companies"))


def test_the_mission_picker_offers_only_confirmed_companies(unconfirmed_supplier_and_buyer, staff_user, new_web):
    _, _, _, _, link = unconfirmed_supplier_and_buyer
    staff_user("organizer")
    organiser = new_web()
    organiser.log_in("organizer@matcher.example")
    picker = text_of(organiser.get("/missions/new"))
    assert "Perm Timber" in picker and "Лесмаш (тест)" not in picker
    organiser.get(link)
    assert "Лесмаш (тест)" in text_of(organiser.get("/missions/new"))
