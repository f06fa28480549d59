"""Trade missions through the service layer: validation, versions, who may do what — on each backend."""
import pytest
from sqlalchemy import func, select

from matcher.db import db
from matcher.errors import Forbidden, NotFound, PreconditionFailed, ValidationFailed
from matcher.models import Mission, MissionParticipant
from matcher.services.missions import (
    CLI_OPERATOR, create_mission, delete_mission, get_mission, list_missions, update_mission,
)


def _payload(**overrides) -> dict:
    payload = {"name": "Belarus delegation, Perm forestry forum", "city": "Пермь",
               "starts_on": "2027-09-14", "ends_on": "2027-09-15", "company_ids": []}
    payload.update(overrides)
    return payload


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_organizer_creates_a_mission_with_participants_in_the_contract_shape(organizer, corridor):
    suppliers, buyers = corridor
    mission = create_mission(_payload(company_ids=[suppliers[0].id, buyers[0].id], hs_prefixes=["8436 80"],
                                      nace_prefixes=["C"]), organizer)
    stored = get_mission(mission["id"], organizer)
    assert stored["name"] == "Belarus delegation, Perm forestry forum" and stored["city"] == "Пермь"
    assert (stored["starts_on"], stored["ends_on"]) == ("2027-09-14", "2027-09-15")
    assert stored["company_ids"] == sorted([suppliers[0].id, buyers[0].id])
    assert stored["hs_prefixes"] == ["843680"] and stored["nace_prefixes"] == ["C"]
    assert stored["organizer_id"] == organizer.id and stored["version"] == 1
    assert stored["participants"][0]["company"]["name"] in ("Амкодор", "Пермский лесокомбинат")


def test_unknown_company_ids_are_named_by_position_and_nothing_is_written(organizer, corridor):
    suppliers, _ = corridor
    with pytest.raises(ValidationFailed) as caught:
        create_mission(_payload(company_ids=[suppliers[0].id, suppliers[1].id, suppliers[2].id, 987654]), organizer)
    assert list(caught.value.errors) == ["company_ids.3"]
    assert "987654" in caught.value.errors["company_ids.3"][0]
    assert _count(Mission) == 0 and _count(MissionParticipant) == 0


@pytest.mark.parametrize("override, field, fragment", [
    ({"ends_on": "2027-09-13"}, "ends_on", "before it starts"),
    ({"hs_prefixes": ["84", "8499"]}, "hs_prefixes.1", "does not exist"),
    ({"nace_prefixes": ["99.99"]}, "nace_prefixes.0", "does not exist"),
    ({"name": " "}, "name", "between 1 and 300"),
    ({"starts_on": "14.09.2027"}, "starts_on", "date"),
    ({"participants": [{"company_id": 1, "available_slots": [0]}]}, "participants.0.available_slots.0", ""),
    ({"participants": [{"company_id": 1, "max_meetings": -1}]}, "participants.0.max_meetings", ""),
    ({"color": "red"}, "color", "Unknown field"),
])
def test_bad_mission_field_is_refused_by_name(organizer, override, field, fragment):
    with pytest.raises(ValidationFailed) as caught:
        create_mission(_payload(**override), organizer)
    assert field in caught.value.errors
    assert any(fragment.lower() in m.lower() for m in caught.value.errors[field])


def test_participant_availability_and_cap_are_stored_and_kept_when_membership_changes(organizer, corridor):
    suppliers, buyers = corridor
    mission = create_mission(_payload(
        company_ids=[suppliers[0].id, buyers[0].id],
        participants=[{"company_id": suppliers[0].id, "available_slots": [3, 1, 2, 2], "max_meetings": 2}],
    ), organizer)
    assert mission["participants"][0]["available_slots"] == [1, 2, 3]
    changed = update_mission(mission["id"], {"company_ids": [suppliers[0].id, buyers[1].id]}, organizer,
                             expected_version=1)
    assert changed["company_ids"] == sorted([suppliers[0].id, buyers[1].id])
    kept = next(p for p in changed["participants"] if p["company_id"] == suppliers[0].id)
    assert (kept["available_slots"], kept["max_meetings"]) == ([1, 2, 3], 2)
    assert changed["version"] == 2


def test_update_with_a_stale_version_is_a_precondition_failure(organizer):
    mission = create_mission(_payload(), organizer)
    update_mission(mission["id"], {"city": "Березники"}, organizer)
    with pytest.raises(PreconditionFailed):
        update_mission(mission["id"], {"city": "Соликамск"}, organizer, expected_version=1)
    assert get_mission(mission["id"], organizer)["city"] == "Березники"


def test_only_organizers_and_admins_create_missions(user):
    company_user = user("firm@example.org", "company")
    with pytest.raises(Forbidden):
        create_mission(_payload(), company_user)
    with pytest.raises(Forbidden):
        create_mission(_payload(), None)


def test_another_organizer_reads_but_cannot_change_or_delete_the_mission(organizer, other_organizer, admin):
    mission = create_mission(_payload(), organizer)
    assert get_mission(mission["id"], other_organizer)["id"] == mission["id"]
    with pytest.raises(Forbidden):
        update_mission(mission["id"], {"city": "Кунгур"}, other_organizer)
    with pytest.raises(Forbidden):
        delete_mission(mission["id"], other_organizer)
    assert update_mission(mission["id"], {"city": "Кунгур"}, admin)["city"] == "Кунгур"


def test_company_account_sees_only_missions_of_its_own_company(organizer, user, create_company, corridor):
    suppliers, buyers = corridor
    firm = user("amkodor@example.org", "company")
    from matcher.services.companies import create_company as create
    own = create({"name": "Своя фирма", "country": "BY", "roles": ["supplier"]}, owner=firm)
    db.session.refresh(firm)
    with_it = create_mission(_payload(name="С нами", company_ids=[own.id, buyers[0].id]), organizer)
    without = create_mission(_payload(name="Без нас", company_ids=[suppliers[1].id]), organizer)
    assert [m["name"] for m in list_missions(firm)["items"]] == ["С нами"]
    assert get_mission(with_it["id"], firm)["name"] == "С нами"
    with pytest.raises(NotFound):
        get_mission(without["id"], firm)
    assert list_missions(organizer)["total"] == 2


def test_delete_removes_the_mission_and_its_participants_but_not_the_companies(organizer, corridor):
    suppliers, buyers = corridor
    mission = create_mission(_payload(company_ids=[suppliers[0].id, buyers[0].id]), organizer)
    delete_mission(mission["id"], organizer, expected_version=1)
    assert _count(Mission) == 0 and _count(MissionParticipant) == 0
    with pytest.raises(NotFound):
        get_mission(mission["id"], organizer)


def test_deleting_a_scheduled_mission_removes_its_schedules_and_meetings(organizer, corridor):
    from matcher.models import Meeting, MissionSchedule
    from matcher.services.mission_schedules import schedule_mission

    suppliers, buyers = corridor
    mission = create_mission(_payload(company_ids=[c.id for c in suppliers + buyers]), organizer)
    schedule_mission(mission["id"], organizer, {"starts_at": "2027-09-14T10:00:00+05:00", "time_limit_s": 1})
    delete_mission(mission["id"], organizer)
    assert _count(MissionSchedule) == 0 and _count(Meeting) == 0 and _count(Mission) == 0


def test_command_line_operator_acts_as_admin(organizer):
    mission = create_mission(_payload(), organizer)
    assert update_mission(mission["id"], {"city": "Чайковский"}, CLI_OPERATOR)["city"] == "Чайковский"
