"""An interest can only be shown in a company others may see: a private one behaves as if it did not exist."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from matcher.db import db
from matcher.errors import NotFound
from matcher.models import MatchInterest, User
from matcher.services import interests
from matcher.services.companies import create_company

BUYER = {"name": "Пермский моторный завод", "country": "RU", "region": "RU-PER", "roles": ["buyer"],
         "languages": ["ru"], "needs": [{"title": "Обрабатывающие центры", "hs_codes": ["8457"]}]}
SUPPLIER = {"name": "Гомельский станкостроительный завод", "country": "BY", "region": "BY-HO", "roles": ["supplier"],
            "languages": ["ru"], "offers": [{"title": "Обрабатывающие центры с ЧПУ", "hs_codes": ["845710"]}]}


def test_an_interest_in_a_company_whose_owner_has_not_confirmed_the_address_is_not_found(app):
    buyer = create_company(BUYER)
    unconfirmed = User(email="sales@gomel-stanki.example.by", role="company")
    db.session.add(unconfirmed)
    db.session.flush()
    private = create_company(SUPPLIER, owner=unconfirmed)
    db.session.commit()

    with pytest.raises(NotFound):
        interests.set_interest(buyer.id, private.id, "interested")
    assert db.session.scalar(select(func.count()).select_from(MatchInterest)) == 0

    public = create_company({**SUPPLIER, "name": "Бобруйские станки"})
    db.session.commit()
    assert interests.set_interest(buyer.id, public.id, "interested").state == "interested"
