"""Missions as participants live them on the web: menus by role, registering, requests, messages, the overview."""
from __future__ import annotations

import pytest
from mission_pages import organiser, person  # noqa: F401  (fixtures)

from matcher.db import db
from matcher.models import CompanyMessage, MeetingRequest, MissionParticipant, MissionRegistration
from matcher.services.accounts import get_or_create_user


@pytest.fixture
def firms(app, new_web, company_payload):
    """A Belarusian supplier and a Perm buyer of machining centres, each with a signed-in account, and a Perm
    buyer of lathes with its own account."""
    from matcher.services.companies import create_company

    def firm(email: str, payload: dict):
        company = create_company(payload, owner=person(email, "company"))
        browser = new_web()
        assert browser.log_in(email).status_code == 302
        return browser, company

    return {
        "supplier": firm("sales@stanko.by", company_payload(name="СтанкоГомель")),
        "buyer": firm("buy@permmotors.ru", company_payload(
            name="Пермские моторы", country="RU", region="RU-PER", roles=["buyer"], offers=[],
            email="buy@permmotors.ru", phone="+7 342 200-00-00",
            needs=[{"title": "Обрабатывающие центры с ЧПУ", "hs_codes": ["8457"]}])),
        "outsider": firm("buy@chusovoy.ru", company_payload(
            name="Чусовской завод", country="RU", region="RU-PER", roles=["buyer"], offers=[],
            needs=[{"title": "Токарные станки", "hs_codes": ["8458"]}])),
    }


@pytest.fixture
def open_mission(organiser, firms):
    """A mission of the organiser, opened for registration on its page (approval needed, 3 slots)."""
    from matcher.services.missions import create_mission

    mission = create_mission({"name": "Станкостроение: Минск — Пермь", "city": "Пермь", "starts_on": "2027-09-14"},
                             get_or_create_user("org@example.org", "organizer"))
    url = f"/missions/{mission['id']}/participation"
    response = organiser.post(url, {"is_open": "1", "needs_approval": "1", "slots": "3", "max_requests": ""}, page=url)
    assert response.status_code == 302, response.get_data(as_text=True)[:1000]
    return mission


def register(browser, mission_id: int, role: str, slots=()):
    url = f"/missions/{mission_id}/register"
    return browser.post(url, {"role": role, "available_slots": [str(s) for s in slots]}, page=url)


def approve_all(organiser, mission_id: int):
    url = f"/missions/{mission_id}/participation"
    for registration in db.session.query(MissionRegistration).filter_by(mission_id=mission_id, status="pending"):
        response = organiser.post(f"/missions/{mission_id}/registrations/{registration.id}", {"status": "approved"},
                                  page=url)
        assert response.status_code == 302


def test_an_organiser_sees_missions_but_not_a_companys_matches_and_profile(organiser):
    html = organiser.get("/missions").get_data(as_text=True)
    assert 'href="/missions"' in html
    assert 'href="/matches"' not in html and 'href="/profile"' not in html and 'href="/my/missions"' not in html


def test_a_company_sees_its_missions_and_messages_in_the_menu(firms):
    browser, _ = firms["supplier"]
    html = browser.get("/matches").get_data(as_text=True)
    assert 'href="/my/missions"' in html and 'href="/messages"' in html and 'href="/matches"' in html


def test_two_companies_register_the_organiser_approves_and_they_become_participants(organiser, firms, open_mission):
    mission_id = open_mission["id"]
    supplier, _ = firms["supplier"]
    listed = supplier.get("/my/missions").get_data(as_text=True)
    assert "Станкостроение: Минск — Пермь" in listed and f"/missions/{mission_id}/register" in listed
    assert register(supplier, mission_id, "supplier", slots=[1, 3]).status_code == 302
    assert register(firms["buyer"][0], mission_id, "buyer").status_code == 302
    approve_all(organiser, mission_id)
    members = {p.company_id: p.available_slots for p in db.session.query(MissionParticipant).filter_by(
        mission_id=mission_id)}
    assert members == {firms["supplier"][1].id: [1, 3], firms["buyer"][1].id: None}
    assert f'href="/missions/{mission_id}/partners"' in supplier.get("/my/missions").get_data(as_text=True)


def test_registering_without_a_role_shows_the_form_again_with_the_message(firms, open_mission):
    response = register(firms["supplier"][0], open_mission["id"], "")
    assert response.status_code == 422
    assert 'id="role-error"' in response.get_data(as_text=True)
    assert db.session.query(MissionRegistration).count() == 0


def test_an_organiser_does_not_register_and_a_company_cannot_open_the_organisers_pages(organiser, firms,
                                                                                        open_mission):
    assert organiser.get(f"/missions/{open_mission['id']}/register").status_code == 403
    browser, _ = firms["supplier"]
    assert browser.get(f"/missions/{open_mission['id']}/participation").status_code == 403
    assert browser.get(f"/missions/{open_mission['id']}/overview").status_code == 403
    assert browser.get(f"/missions/{open_mission['id']}/overview.csv").status_code == 403


def test_forms_without_the_csrf_token_are_refused(firms, open_mission):
    response = firms["supplier"][0].post(f"/missions/{open_mission['id']}/register", {"role": "supplier"}, csrf=False)
    assert response.status_code == 400
    assert db.session.query(MissionRegistration).count() == 0


def test_a_participant_asks_the_other_accepts_and_the_organiser_counts_it(organiser, firms, open_mission):
    mission_id = open_mission["id"]
    supplier, supplier_company = firms["supplier"]
    buyer, buyer_company = firms["buyer"]
    register(supplier, mission_id, "supplier")
    register(buyer, mission_id, "buyer")
    approve_all(organiser, mission_id)
    page = f"/missions/{mission_id}/partners"
    suggested = supplier.get(page).get_data(as_text=True)
    assert f'data-partner="{buyer_company.id}"' in suggested
    sent = supplier.post(f"/missions/{mission_id}/requests", {"company_id": str(buyer_company.id),
                                                               "message": "Покажем <станок> на стенде"}, page=page)
    assert sent.status_code == 302
    request = db.session.query(MeetingRequest).one()
    incoming = buyer.get(page).get_data(as_text=True)
    assert "Покажем &lt;станок&gt; на стенде" in incoming and 'data-status="requested"' in incoming
    assert buyer.post(f"/missions/{mission_id}/requests/{request.id}", {"status": "accepted"},
                      page=page).status_code == 302
    db.session.expire_all()
    assert db.session.get(MeetingRequest, request.id).status == "accepted"
    overview = organiser.get(f"/missions/{mission_id}/overview").get_data(as_text=True)
    assert '<dd data-count="sent">1</dd>' in overview and '<dd data-count="accepted">1</dd>' in overview
    csv_text = organiser.get(f"/missions/{mission_id}/overview.csv").get_data().decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("Компания;ID;Роль;Регистрация;Запросов отправлено")
    assert any(line.startswith("СтанкоГомель;") and line.endswith(";1;0;1;0;0") for line in csv_text.splitlines())


def test_the_sender_cannot_accept_its_own_request_on_the_page(organiser, firms, open_mission):
    mission_id = open_mission["id"]
    supplier, _ = firms["supplier"]
    buyer, buyer_company = firms["buyer"]
    register(supplier, mission_id, "supplier")
    register(buyer, mission_id, "buyer")
    approve_all(organiser, mission_id)
    page = f"/missions/{mission_id}/partners"
    supplier.post(f"/missions/{mission_id}/requests", {"company_id": str(buyer_company.id)}, page=page)
    request = db.session.query(MeetingRequest).one()
    response = supplier.post(f"/missions/{mission_id}/requests/{request.id}", {"status": "accepted"}, page=page)
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(MeetingRequest, request.id).status == "requested"
    assert firms["outsider"][0].get(page).status_code == 404


def test_messages_are_escaped_counted_unread_and_private_to_the_pair(organiser, firms, open_mission):
    mission_id = open_mission["id"]
    supplier, supplier_company = firms["supplier"]
    buyer, buyer_company = firms["buyer"]
    register(supplier, mission_id, "supplier")
    register(buyer, mission_id, "buyer")
    approve_all(organiser, mission_id)
    thread = f"/messages/{buyer_company.id}"
    response = supplier.post(thread, {"body": "<script>alert(1)</script> Добрый день!"}, page=thread)
    assert response.status_code == 302
    menu = buyer.get("/my/missions").get_data(as_text=True)
    assert 'data-unread="1"' in menu
    page = buyer.get(f"/messages/{supplier_company.id}").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Добрый день!" in page and "<script>alert(1)" not in page
    assert 'data-unread=' not in buyer.get("/my/missions").get_data(as_text=True)
    assert firms["outsider"][0].get(f"/messages/{supplier_company.id}").status_code == 403
    assert organiser.get(f"/messages/{supplier_company.id}").status_code == 403
    too_long = supplier.post(thread, {"body": "я" * 2001}, page=thread)
    assert too_long.status_code == 422 and 'id="body-error"' in too_long.get_data(as_text=True)
    assert db.session.query(CompanyMessage).count() == 1


def test_contacts_reach_the_partner_only_when_the_company_shares_them(organiser, firms, open_mission):
    mission_id = open_mission["id"]
    supplier, supplier_company = firms["supplier"]
    buyer, buyer_company = firms["buyer"]
    register(supplier, mission_id, "supplier")
    register(buyer, mission_id, "buyer")
    approve_all(organiser, mission_id)
    thread = f"/messages/{supplier_company.id}"
    buyer.post(thread, {"body": "Здравствуйте"}, page=thread)
    assert "buy@permmotors.ru" not in supplier.get(f"/messages/{buyer_company.id}").get_data(as_text=True)
    buyer.post(thread, {"share_contacts": "1"}, page=thread)
    assert "buy@permmotors.ru, +7 342 200-00-00" in supplier.get(f"/messages/{buyer_company.id}").get_data(as_text=True)
