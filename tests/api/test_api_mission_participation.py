"""Missions as participants live them, through the API: register, ask for meetings, answer, meet, write."""
from __future__ import annotations

import pytest

from matcher.db import db
from matcher.models import Meeting, MissionParticipationSettings

SCHEDULE = {"slots": 3, "tables": 1, "starts_at": "2027-09-14T10:00:00+05:00", "time_limit_s": 1}


@pytest.fixture
def corridor(client, token_for, organizer, company_payload):
    """A mission open for registration (with approval) and three company accounts with their companies:
    a Belarusian supplier of machining centres, a Perm buyer of them, and a Perm buyer of lathes."""

    def company(email: str, payload: dict) -> dict:
        headers = token_for("company", email)
        response = client.post("/api/v1/companies", json=payload, headers=headers)
        assert response.status_code == 201, response.get_json()
        return {"headers": headers, "id": response.get_json()["id"]}

    supplier = company("sales@stanko.by", company_payload())
    buyer = company("buy@permmotors.ru", company_payload(
        name="Пермские моторы", country="RU", region="RU-PER", roles=["buyer"], offers=[],
        needs=[{"title": "Обрабатывающие центры с ЧПУ", "hs_codes": ["8457"]}]))
    lathes = company("buy@chusovoy.ru", company_payload(
        name="Чусовской завод", country="RU", region="RU-PER", roles=["buyer"], offers=[],
        needs=[{"title": "Токарные станки", "hs_codes": ["8458"]}]))
    mission = client.post("/api/v1/missions", json={"name": "Станкостроение: Минск — Пермь",
                                                     "starts_on": "2027-09-14"}, headers=organizer).get_json()
    opened = client.patch(f"/api/v1/missions/{mission['id']}/participation",
                        json={"is_open": True, "needs_approval": True, "slots": 3}, headers=organizer)
    assert opened.status_code == 200 and opened.get_json()["is_open"] is True
    return {"mission_id": mission["id"], "supplier": supplier, "buyer": buyer, "lathes": lathes,
            "organizer": organizer}


def register_and_approve(client, corridor, who: str, role: str, slots=None) -> dict:
    mission_id = corridor["mission_id"]
    response = client.post(f"/api/v1/missions/{mission_id}/registrations", json={"role": role, "available_slots": slots},
                           headers=corridor[who]["headers"])
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["status"] == "pending"
    decided = client.patch(f"/api/v1/missions/{mission_id}/registrations/{response.get_json()['id']}",
                           json={"status": "approved"}, headers=corridor["organizer"])
    assert decided.status_code == 200 and decided.get_json()["status"] == "approved"
    return decided.get_json()


def test_two_companies_register_one_asks_the_other_accepts_and_the_schedule_places_it_first(client, corridor):
    mission_id = corridor["mission_id"]
    register_and_approve(client, corridor, "supplier", "supplier")
    register_and_approve(client, corridor, "buyer", "buyer", slots=[3])
    mission = client.get(f"/api/v1/missions/{mission_id}", headers=corridor["organizer"]).get_json()
    assert {p["company_id"]: p["available_slots"] for p in mission["participants"]} == {
        corridor["supplier"]["id"]: None, corridor["buyer"]["id"]: [3]}

    sent = client.post(f"/api/v1/missions/{mission_id}/meeting-requests",
                       json={"company_id": corridor["buyer"]["id"], "message": "Покажем станок на стенде"},
                       headers=corridor["supplier"]["headers"])
    assert sent.status_code == 201, sent.get_json()
    request = sent.get_json()
    assert (request["status"], request["supplier_id"], request["buyer_id"]) == (
        "requested", corridor["supplier"]["id"], corridor["buyer"]["id"])
    accepted = client.patch(f"/api/v1/missions/{mission_id}/meeting-requests/{request['id']}",
                            json={"status": "accepted"}, headers=corridor["buyer"]["headers"])
    assert accepted.status_code == 200 and accepted.get_json()["status"] == "accepted"

    schedule = client.post(f"/api/v1/missions/{mission_id}/schedule", json=SCHEDULE, headers=corridor["organizer"])
    assert schedule.status_code == 200, schedule.get_json()
    [meeting] = schedule.get_json()["meetings"]
    # The buyer attends only slot 3: the accepted request is placed there and kept like a locked meeting.
    assert (meeting["supplier_id"], meeting["buyer_id"], meeting["slot"], meeting["locked"]) == (
        corridor["supplier"]["id"], corridor["buyer"]["id"], 3, True)
    for side in ("supplier", "buyer"):
        listed = client.get(f"/api/v1/missions/{mission_id}/meeting-requests", headers=corridor[side]["headers"])
        assert [r["status"] for r in listed.get_json()["items"]] == ["scheduled"]
        agenda = client.get(f"/api/v1/missions/{mission_id}/agenda/{corridor[side]['id']}",
                            headers=corridor[side]["headers"]).get_json()
        assert [m["slot"] for m in agenda["meetings"]] == [3]


def test_an_accepted_request_is_placed_even_when_the_engine_would_not_pair_them(client, corridor):
    mission_id = corridor["mission_id"]
    register_and_approve(client, corridor, "supplier", "supplier")
    register_and_approve(client, corridor, "lathes", "buyer")
    sent = client.post(f"/api/v1/missions/{mission_id}/meeting-requests", json={"company_id": corridor["lathes"]["id"]},
                       headers=corridor["supplier"]["headers"]).get_json()
    client.patch(f"/api/v1/missions/{mission_id}/meeting-requests/{sent['id']}", json={"status": "accepted"},
                 headers=corridor["lathes"]["headers"])
    schedule = client.post(f"/api/v1/missions/{mission_id}/schedule", json={**SCHEDULE, "min_score": 99},
                           headers=corridor["organizer"]).get_json()
    assert [(m["supplier_id"], m["buyer_id"]) for m in schedule["meetings"]] == [
        (corridor["supplier"]["id"], corridor["lathes"]["id"])]


def test_registration_refuses_a_closed_mission_a_role_the_profile_lacks_and_slots_outside_the_day(client, corridor):
    mission_id = corridor["mission_id"]
    wrong_role = client.post(f"/api/v1/missions/{mission_id}/registrations", json={"role": "buyer"},
                             headers=corridor["supplier"]["headers"])
    assert wrong_role.status_code == 422 and list(wrong_role.get_json()["errors"]) == ["role"]
    late_slot = client.post(f"/api/v1/missions/{mission_id}/registrations",
                            json={"role": "supplier", "available_slots": [1, 4]}, headers=corridor["supplier"]["headers"])
    assert late_slot.status_code == 422 and list(late_slot.get_json()["errors"]) == ["available_slots.1"]
    unknown_role = client.post(f"/api/v1/missions/{mission_id}/registrations", json={"role": "broker"},
                               headers=corridor["supplier"]["headers"])
    assert unknown_role.status_code == 422 and "role" in unknown_role.get_json()["errors"]
    client.patch(f"/api/v1/missions/{mission_id}/participation", json={"is_open": False}, headers=corridor["organizer"])
    closed = client.post(f"/api/v1/missions/{mission_id}/registrations", json={"role": "supplier"},
                         headers=corridor["supplier"]["headers"])
    assert closed.status_code == 404  # a closed mission the company is not in does not exist for it
    client.patch(f"/api/v1/missions/{mission_id}/participation", json={"is_open": True, "deadline": "2020-01-31"},
               headers=corridor["organizer"])
    late = client.post(f"/api/v1/missions/{mission_id}/registrations", json={"role": "supplier"},
                       headers=corridor["supplier"]["headers"])
    assert late.status_code == 404
    assert client.get(f"/api/v1/missions/{mission_id}/registrations", headers=corridor["organizer"]).get_json()[
        "total"] == 0


def test_a_mission_without_approval_takes_the_company_in_at_once(client, corridor):
    mission_id = corridor["mission_id"]
    client.patch(f"/api/v1/missions/{mission_id}/participation", json={"is_open": True, "needs_approval": False},
               headers=corridor["organizer"])
    response = client.post(f"/api/v1/missions/{mission_id}/registrations", json={"role": "buyer"},
                           headers=corridor["buyer"]["headers"])
    assert response.status_code == 201 and response.get_json()["status"] == "approved"
    again = client.post(f"/api/v1/missions/{mission_id}/registrations", json={"role": "buyer"},
                        headers=corridor["buyer"]["headers"])
    assert again.status_code == 409
    assert client.get(f"/api/v1/missions/{mission_id}", headers=corridor["buyer"]["headers"]).status_code == 200


def test_the_organiser_limits_requests_and_only_the_company_asked_answers(client, corridor):
    mission_id = corridor["mission_id"]
    for who, role in (("supplier", "supplier"), ("buyer", "buyer"), ("lathes", "buyer")):
        register_and_approve(client, corridor, who, role)
    client.patch(f"/api/v1/missions/{mission_id}/participation", json={"is_open": True, "max_requests": 1},
               headers=corridor["organizer"])
    first = client.post(f"/api/v1/missions/{mission_id}/meeting-requests", json={"company_id": corridor["buyer"]["id"]},
                        headers=corridor["supplier"]["headers"])
    assert first.status_code == 201
    second = client.post(f"/api/v1/missions/{mission_id}/meeting-requests",
                         json={"company_id": corridor["lathes"]["id"]}, headers=corridor["supplier"]["headers"])
    assert second.status_code == 409 and "at most 1" in second.get_json()["detail"]
    same_side = client.post(f"/api/v1/missions/{mission_id}/meeting-requests",
                            json={"company_id": corridor["lathes"]["id"]}, headers=corridor["buyer"]["headers"])
    assert same_side.status_code == 422 and list(same_side.get_json()["errors"]) == ["company_id"]
    request_id = first.get_json()["id"]
    by_sender = client.patch(f"/api/v1/missions/{mission_id}/meeting-requests/{request_id}",
                             json={"status": "accepted"}, headers=corridor["supplier"]["headers"])
    assert by_sender.status_code == 403
    declined = client.patch(f"/api/v1/missions/{mission_id}/meeting-requests/{request_id}",
                            json={"status": "declined", "reason": "Уже закупили у другого поставщика"},
                            headers=corridor["buyer"]["headers"])
    assert declined.status_code == 200
    assert (declined.get_json()["status"], declined.get_json()["reason"]) == (
        "declined", "Уже закупили у другого поставщика")
    too_late = client.patch(f"/api/v1/missions/{mission_id}/meeting-requests/{request_id}",
                            json={"status": "accepted"}, headers=corridor["buyer"]["headers"])
    assert too_late.status_code == 409


def test_a_participant_never_sees_another_pairs_requests(client, corridor):
    mission_id = corridor["mission_id"]
    for who, role in (("supplier", "supplier"), ("buyer", "buyer"), ("lathes", "buyer")):
        register_and_approve(client, corridor, who, role)
    sent = client.post(f"/api/v1/missions/{mission_id}/meeting-requests", json={"company_id": corridor["buyer"]["id"]},
                       headers=corridor["supplier"]["headers"]).get_json()
    assert client.get(f"/api/v1/missions/{mission_id}/meeting-requests",
                      headers=corridor["lathes"]["headers"]).get_json()["items"] == []
    answer = client.patch(f"/api/v1/missions/{mission_id}/meeting-requests/{sent['id']}", json={"status": "declined"},
                          headers=corridor["lathes"]["headers"])
    assert answer.status_code == 404
    assert client.get(f"/api/v1/missions/{mission_id}/meeting-requests",
                      headers=corridor["organizer"]).get_json()["total"] == 1


def test_cancelling_a_scheduled_meeting_releases_it_for_the_next_run(client, corridor):
    mission_id = corridor["mission_id"]
    register_and_approve(client, corridor, "supplier", "supplier")
    register_and_approve(client, corridor, "buyer", "buyer")
    sent = client.post(f"/api/v1/missions/{mission_id}/meeting-requests", json={"company_id": corridor["buyer"]["id"]},
                       headers=corridor["supplier"]["headers"]).get_json()
    client.patch(f"/api/v1/missions/{mission_id}/meeting-requests/{sent['id']}", json={"status": "accepted"},
                 headers=corridor["buyer"]["headers"])
    client.post(f"/api/v1/missions/{mission_id}/schedule", json=SCHEDULE, headers=corridor["organizer"])
    cancelled = client.patch(f"/api/v1/missions/{mission_id}/meeting-requests/{sent['id']}",
                             json={"status": "cancelled", "reason": "Не успеваем приехать"},
                             headers=corridor["supplier"]["headers"])
    assert cancelled.status_code == 200 and cancelled.get_json()["status"] == "cancelled"
    assert [m.locked for m in db.session.query(Meeting).all()] == [False]


def test_a_hybrid_mission_shows_the_pairs_video_link_in_the_agenda_and_the_calendar(client, corridor):
    mission_id = corridor["mission_id"]
    register_and_approve(client, corridor, "supplier", "supplier")
    register_and_approve(client, corridor, "buyer", "buyer")
    sent = client.post(f"/api/v1/missions/{mission_id}/meeting-requests", json={"company_id": corridor["buyer"]["id"]},
                       headers=corridor["supplier"]["headers"]).get_json()
    path = f"/api/v1/missions/{mission_id}/meeting-requests/{sent['id']}"
    client.patch(path, json={"status": "accepted"}, headers=corridor["buyer"]["headers"])
    link = "https://meet.example.org/stanko-perm"
    not_hybrid = client.patch(path, json={"video_link": link}, headers=corridor["buyer"]["headers"])
    assert not_hybrid.status_code == 422 and list(not_hybrid.get_json()["errors"]) == ["video_link"]
    client.patch(f"/api/v1/missions/{mission_id}/participation", json={"is_open": True, "hybrid": True},
               headers=corridor["organizer"])
    not_a_link = client.patch(path, json={"video_link": "javascript:alert(1)"}, headers=corridor["buyer"]["headers"])
    assert not_a_link.status_code == 422 and list(not_a_link.get_json()["errors"]) == ["video_link"]
    assert client.patch(path, json={"video_link": link}, headers=corridor["buyer"]["headers"]).status_code == 200
    client.post(f"/api/v1/missions/{mission_id}/schedule", json=SCHEDULE, headers=corridor["organizer"])
    agenda = client.get(f"/api/v1/missions/{mission_id}/agenda/{corridor['supplier']['id']}",
                        headers=corridor["supplier"]["headers"]).get_json()
    assert [m["video_link"] for m in agenda["meetings"]] == [link]
    ics = client.get(f"/api/v1/missions/{mission_id}/agenda/{corridor['supplier']['id']}.ics?lang=en",
                     headers=corridor["supplier"]["headers"]).get_data(as_text=True)
    assert "Video link: https://meet.example.org/stanko-perm" in ics.replace("\r\n ", "")


def test_companies_of_one_mission_write_to_each_other_with_unread_counts(client, corridor):
    mission_id = corridor["mission_id"]
    register_and_approve(client, corridor, "supplier", "supplier")
    register_and_approve(client, corridor, "buyer", "buyer")
    supplier, buyer = corridor["supplier"], corridor["buyer"]
    sent = client.post(f"/api/v1/conversations/{buyer['id']}/messages",
                       json={"body": "Здравствуйте!\nПривезём <b>станок</b>\u202e на форум.", "mission_id": mission_id},
                       headers=supplier["headers"])
    assert sent.status_code == 201, sent.get_json()
    assert sent.get_json()["body"] == "Здравствуйте!\nПривезём <b>станок</b> на форум."  # text as typed, bidi removed
    threads = client.get("/api/v1/conversations", headers=buyer["headers"]).get_json()
    assert (threads["unread"], threads["items"][0]["company"]["id"]) == (1, supplier["id"])
    thread = client.get(f"/api/v1/conversations/{supplier['id']}/messages", headers=buyer["headers"]).get_json()
    assert [m["mine"] for m in thread["items"]] == [False]
    assert client.get("/api/v1/conversations", headers=buyer["headers"]).get_json()["unread"] == 0
    too_long = client.post(f"/api/v1/conversations/{buyer['id']}/messages", json={"body": "я" * 2001},
                           headers=supplier["headers"])
    assert too_long.status_code == 422 and list(too_long.get_json()["errors"]) == ["body"]
    blank = client.post(f"/api/v1/conversations/{buyer['id']}/messages", json={"body": "  "},
                        headers=supplier["headers"])
    assert blank.status_code == 422 and list(blank.get_json()["errors"]) == ["body"]


def test_a_company_outside_the_mission_cannot_write_or_read_a_pairs_thread(client, corridor):
    mission_id = corridor["mission_id"]
    register_and_approve(client, corridor, "supplier", "supplier")
    register_and_approve(client, corridor, "buyer", "buyer")
    client.post(f"/api/v1/conversations/{corridor['buyer']['id']}/messages", json={"body": "Добрый день"},
                headers=corridor["supplier"]["headers"])
    outsider = corridor["lathes"]["headers"]
    assert client.post(f"/api/v1/conversations/{corridor['buyer']['id']}/messages", json={"body": "И нам ответьте"},
                       headers=outsider).status_code == 403
    assert client.get(f"/api/v1/conversations/{corridor['supplier']['id']}/messages",
                      headers=outsider).status_code == 403
    assert client.get("/api/v1/conversations", headers=outsider).get_json()["items"] == []
    assert client.get("/api/v1/conversations", headers=corridor["organizer"]).status_code == 403
    # Not even naming the mission lets an outsider in.
    assert client.post(f"/api/v1/conversations/{corridor['supplier']['id']}/messages",
                       json={"body": "Привет", "mission_id": mission_id}, headers=outsider).status_code == 403


def test_the_participation_settings_are_checked_and_only_the_organiser_changes_them(client, corridor, token_for):
    mission_id = corridor["mission_id"]
    bad = client.patch(f"/api/v1/missions/{mission_id}/participation", json={"slots": 0, "max_requests": -1},
                     headers=corridor["organizer"])
    assert bad.status_code == 422 and set(bad.get_json()["errors"]) == {"slots", "max_requests"}
    other = token_for("organizer", "another@example.org")
    assert client.patch(f"/api/v1/missions/{mission_id}/participation", json={"is_open": False},
                      headers=other).status_code == 403
    assert db.session.get(MissionParticipationSettings, mission_id).is_open is True


def test_the_organisers_schedule_workbook_counts_requests_per_participant_and_a_companys_copy_does_not(
        client, corridor):
    import io

    from openpyxl import load_workbook

    mission_id = corridor["mission_id"]
    register_and_approve(client, corridor, "supplier", "supplier")
    register_and_approve(client, corridor, "buyer", "buyer")
    sent = client.post(f"/api/v1/missions/{mission_id}/meeting-requests", json={"company_id": corridor["buyer"]["id"]},
                       headers=corridor["supplier"]["headers"]).get_json()
    client.patch(f"/api/v1/missions/{mission_id}/meeting-requests/{sent['id']}", json={"status": "accepted"},
                 headers=corridor["buyer"]["headers"])
    client.post(f"/api/v1/missions/{mission_id}/schedule", json=SCHEDULE, headers=corridor["organizer"])
    url = f"/api/v1/missions/{mission_id}/schedule.xlsx?lang=en"
    workbook = load_workbook(io.BytesIO(client.get(url, headers=corridor["organizer"]).get_data()))
    rows = list(workbook["Participation"].iter_rows(values_only=True))
    assert rows[0] == ("Company", "ID", "Role", "Registration", "Requests sent", "Requests received", "Accepted",
                       "Declined", "Meetings")
    assert {row[1]: row[4:] for row in rows[1:]} == {corridor["supplier"]["id"]: (1, 0, 1, 0, 1),
                                                     corridor["buyer"]["id"]: (0, 1, 1, 0, 1)}
    own = load_workbook(io.BytesIO(client.get(url, headers=corridor["supplier"]["headers"]).get_data()))
    assert "Participation" not in own.sheetnames


def test_the_company_asked_and_then_the_one_who_asked_are_mailed_once_each(client, corridor):
    from matcher.models import OutboxMail

    mission_id = corridor["mission_id"]
    register_and_approve(client, corridor, "supplier", "supplier")
    register_and_approve(client, corridor, "buyer", "buyer")
    sent = client.post(f"/api/v1/missions/{mission_id}/meeting-requests",
                       json={"company_id": corridor["buyer"]["id"], "message": "Покажем станок"},
                       headers=corridor["supplier"]["headers"]).get_json()
    asked = db.session.query(OutboxMail).filter_by(recipient="buy@permmotors.ru").all()
    assert len(asked) == 1 and ("asks you for a meeting" in asked[0].subject
                                or "просит вас о встрече" in asked[0].subject)
    client.patch(f"/api/v1/missions/{mission_id}/meeting-requests/{sent['id']}", json={"status": "accepted"},
                 headers=corridor["buyer"]["headers"])
    told = db.session.query(OutboxMail).filter_by(recipient="sales@stanko.by").all()
    assert len(told) == 1 and ("accepted your meeting request" in told[0].subject
                               or "принимает ваш запрос о встрече" in told[0].subject)
