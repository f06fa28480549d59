"""GET /api/v1/companies/{id}/interested: who is interested in a company, whatever its rank."""
from __future__ import annotations

from sqlalchemy import select

from matcher.db import db
from matcher.models import User
from matcher.services.accounts import create_token, get_or_create_user
from matcher.services.interests import set_interest


def _token(user) -> dict:
    plain, _ = create_token(user, "tests")
    db.session.commit()
    return {"Authorization": f"Bearer {plain}"}


def test_a_company_lists_who_is_interested_in_it_newest_first_with_mutual_flags(client, create_company, company_payload):
    from matcher.services.companies import create_company as create

    owner = get_or_create_user("olga@lesmash.example.by", "company")
    supplier = create(company_payload(name="Лесмаш"), owner=owner)
    dairy = create(company_payload(name="Молоко Прикамья", country="RU", region="RU-PER", roles=["buyer"], offers=[],
                                   needs=[{"title": "Сухое молоко"}]), owner=get_or_create_user("a@moloko.example.ru"))
    timber = create(company_payload(name="Perm Timber", country="RU", region="RU-PER", roles=["buyer"], offers=[],
                                    needs=[{"title": "Forest harvesters"}]), owner=get_or_create_user("j@timber.example.ru"))
    set_interest(dairy.id, supplier.id, "interested")
    set_interest(timber.id, supplier.id, "interested")
    set_interest(supplier.id, timber.id, "interested")
    response = client.get(f"/api/v1/companies/{supplier.id}/interested", headers=_token(owner))
    assert response.status_code == 200
    items = response.get_json()["items"]
    assert [(i["company"]["name"], i["mutual"]) for i in items] == [("Perm Timber", True), ("Молоко Прикамья", False)]
    assert items[0]["since"].endswith("+00:00")


def test_another_companys_list_is_forbidden_and_unconfirmed_companies_are_left_out(client, company_payload):
    from matcher.services.companies import create_company as create

    owner = get_or_create_user("olga@lesmash.example.by", "company")
    supplier = create(company_payload(name="Лесмаш"), owner=owner)
    hidden_owner = get_or_create_user("x@unconfirmed.example.ru")
    hidden = create(company_payload(name="Скрытая", country="RU", region="RU-PER", roles=["buyer"], offers=[],
                                    needs=[{"title": "Станки"}]), owner=hidden_owner)
    db.session.scalar(select(User).where(User.id == hidden_owner.id)).email_verified_at = None
    db.session.commit()
    set_interest(hidden.id, supplier.id, "interested")
    assert client.get(f"/api/v1/companies/{supplier.id}/interested", headers=_token(owner)).get_json()["items"] == []
    refused = client.get(f"/api/v1/companies/{hidden.id}/interested", headers=_token(owner))
    assert refused.status_code == 403 and refused.headers["Content-Type"] == "application/problem+json"
