"""One contact policy on both surfaces: the web company page and the API agree for every kind of viewer.

The tax id (UNP / INN / OGRN) is public registry data; email and phone open to the owner, admins,
organizers and a company with mutual interest (matcher/policy.py).
"""
from __future__ import annotations

import pytest
from web_helpers import PASSWORD, WebClient, text_of

from matcher import policy
from matcher.db import db
from matcher.services import companies, interests
from matcher.services.accounts import create_token, get_or_create_user, set_password

EMAIL, PHONE, TAX_ID = "sales@lesmash.example.by", "+375 17 000-00-00", "100582333"

# viewer -> may they see the email and phone of Лесмаш?
EXPECTED = {
    "anonymous": False,
    "other company": False,
    "one-sided interest": False,
    "mutual interest": True,
    "owner": True,
    "organizer": True,
    "admin": True,
}


def _account(email: str, role: str = "company"):
    user = get_or_create_user(email, role)
    set_password(user, PASSWORD)
    db.session.commit()
    return user


def _buyer(owner, name: str):
    return companies.create_company({"name": name, "country": "RU", "region": "RU-PER", "roles": ["buyer"],
                                     "needs": [{"title": "Лесозаготовительная техника"}]}, owner=owner)


@pytest.fixture
def world(app, company_payload):
    """Лесмаш with contacts and a tax id, and one account per kind of viewer; returns viewer -> user."""
    owner = _account("owner@lesmash.example.by")
    lesmash = companies.create_company(company_payload(name="Лесмаш", email=EMAIL, phone=PHONE, tax_id=TAX_ID),
                                       owner=owner)
    users = {"owner": owner, "organizer": _account("org@matcher.example", "organizer"),
             "admin": _account("admin@matcher.example", "admin")}
    for viewer in ("other company", "one-sided interest", "mutual interest"):
        users[viewer] = _account(f"{viewer.replace(' ', '-')}@perm.example.ru")
        buyer = _buyer(users[viewer], f"Покупатель ({viewer})")
        if viewer != "other company":
            interests.set_interest(buyer.id, lesmash.id, "interested")
        if viewer == "mutual interest":
            interests.set_interest(lesmash.id, buyer.id, "interested")
    db.session.commit()
    return lesmash, users


@pytest.mark.parametrize("viewer", EXPECTED)
def test_the_web_company_page_follows_the_policy_for_every_viewer(app, world, viewer):
    lesmash, users = world
    browser = WebClient(app.test_client())
    if viewer != "anonymous":
        assert browser.log_in(users[viewer].email).status_code == 302
    page = text_of(browser.get(f"/companies/{lesmash.id}"))
    assert TAX_ID in page, "the tax id is public registry data"
    assert (EMAIL in page) is EXPECTED[viewer] and (PHONE in page) is EXPECTED[viewer]
    assert policy.may_see(users.get(viewer), policy.CONTACTS, lesmash) is EXPECTED[viewer]


@pytest.mark.parametrize("viewer", [v for v in EXPECTED if v != "anonymous"])
def test_the_api_follows_the_same_policy_for_one_company_and_in_the_list(app, client, world, viewer):
    lesmash, users = world
    plain, _token = create_token(users[viewer], "tests")
    db.session.commit()
    headers = {"Authorization": f"Bearer {plain}"}
    one = client.get(f"/api/v1/companies/{lesmash.id}", headers=headers).get_json()
    listed = {c["id"]: c for c in client.get("/api/v1/companies?per_page=200", headers=headers).get_json()["items"]}
    for body in (one, listed[lesmash.id]):
        assert body["tax_id"] == TAX_ID, "the tax id is public registry data"
        assert ("email" in body) is EXPECTED[viewer] and ("phone" in body) is EXPECTED[viewer]
        if EXPECTED[viewer]:
            assert (body["email"], body["phone"]) == (EMAIL, PHONE)


def test_an_anonymous_api_caller_gets_a_401_not_a_public_view(client, world):
    lesmash, _users = world
    assert client.get(f"/api/v1/companies/{lesmash.id}").status_code == 401


def test_withdrawing_interest_closes_the_contacts_again_on_both_surfaces(app, client, world):
    lesmash, users = world
    buyer = users["mutual interest"].company
    interests.clear_interest(buyer.id, lesmash.id)
    assert policy.may_see(users["mutual interest"], policy.CONTACTS, lesmash) is False
    plain, _token = create_token(users["mutual interest"], "tests")
    db.session.commit()
    assert "email" not in client.get(f"/api/v1/companies/{lesmash.id}",
                                     headers={"Authorization": f"Bearer {plain}"}).get_json()


def test_an_unknown_field_group_is_a_programming_error_not_a_silent_yes(world):
    lesmash, users = world
    with pytest.raises(ValueError):
        policy.may_see(users["admin"], "secrets", lesmash)
