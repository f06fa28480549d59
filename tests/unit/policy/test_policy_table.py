"""The access policy as one table: who (row) may do what (column), answered by matcher.policy alone.

No app and no database: the people, companies and the mission are unsaved model objects, and the
mutual interests are handed to the contact question as a plain set. The web, API and CLI tests
(tests/web/test_contact_policy.py, tests/api/test_api_authorization_matrix.py …) check that each
surface asks these questions; this table checks the answers once.
"""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from matcher import policy
from matcher.models import Company, JobRun, Mission, MissionParticipant, User

CONFIRMED = datetime(2026, 5, 4, tzinfo=timezone.utc)

# The people of the table. «owner» owns the company asked about; «partner» is in mutual interest
# with it; «stranger» is another company account; the organiser runs the mission, «other organiser»
# does not; «participant» is a company account whose company takes part in the mission.
PEOPLE = {
    "anonymous": None,
    "owner": User(id=1, email="olga@lesmash.example.by", role="company"),
    "partner": User(id=2, email="ivan@permles.example.ru", role="company"),
    "stranger": User(id=3, email="anna@other.example.ru", role="company"),
    "participant": User(id=4, email="petr@kama.example.ru", role="company"),
    "organiser": User(id=5, email="org@corridor.example.by", role="organizer"),
    "other organiser": User(id=6, email="org2@corridor.example.by", role="organizer"),
    "admin": User(id=7, email="admin@corridor.example.by", role="admin"),
}
OWNER = User(id=1, email="olga@lesmash.example.by", role="company", email_verified_at=CONFIRMED)
COMPANY = Company(id=10, name="ЛесМаш", owner_id=1, owner=OWNER)
UNCONFIRMED = Company(id=11, name="Новая фирма", owner_id=1,
                      owner=User(id=1, email="olga@lesmash.example.by", role="company"))
for person, company_id in (("owner", 10), ("partner", 20), ("stranger", 30), ("participant", 40)):
    PEOPLE[person].company = Company(id=company_id, name=f"Company {company_id}", owner_id=PEOPLE[person].id)
MUTUAL = {10: {20}, 20: {10}}  # ЛесМаш and the partner's company both said «interested»
MISSION = Mission(id=100, name="Минск — Пермь 2026", organizer_id=5,
                  participants=[MissionParticipant(company_id=40), MissionParticipant(company_id=10)])
JOB_OF_THE_PARTICIPANT = JobRun(id=1000, kind="import", user_id=4, mission_id=100)


def _partners(company_id: int) -> set[int]:
    return MUTUAL.get(company_id, set())


QUESTIONS = {
    "edit the company": lambda user: policy.may_edit_company(user, COMPANY),
    "see its contacts": lambda user: policy.may_see(user, policy.CONTACTS, COMPANY, partners_of=_partners),
    "see its tax id": lambda user: policy.may_see_tax_id(user, COMPANY),
    "read its matches": lambda user: policy.may_read_matches(user, COMPANY),
    "see it unconfirmed": lambda user: policy.may_view_company(user, UNCONFIRMED),
    "organise missions": policy.may_organise,
    "read the mission": lambda user: policy.may_read_mission(user, MISSION),
    "edit the mission": lambda user: policy.may_edit_mission(user, MISSION),
    "see every participant": policy.sees_every_participant,
    "see the participant's job": lambda user: policy.may_see_job(user, JOB_OF_THE_PARTICIPANT, MISSION),
    "open admin pages": policy.may_use_admin_pages,
}

Y, N = True, False
# columns in the order of QUESTIONS
TABLE = {
    #                   edit see   tax  read unconf org  read  edit every job  admin
    #                        cont. id   match  irmed      miss. miss. part.
    "anonymous":       (N,   N,    Y,   N,   N,    N,   N,    N,    N,    N,   N),
    "owner":           (Y,   Y,    Y,   Y,   Y,    N,   Y,    N,    N,    N,   N),
    "partner":         (N,   Y,    Y,   N,   N,    N,   N,    N,    N,    N,   N),
    "stranger":        (N,   N,    Y,   N,   N,    N,   N,    N,    N,    N,   N),
    "participant":     (N,   N,    Y,   N,   N,    N,   Y,    N,    N,    Y,   N),
    "organiser":       (N,   Y,    Y,   Y,   N,    Y,   Y,    Y,    Y,    Y,   N),
    "other organiser": (N,   Y,    Y,   Y,   N,    Y,   Y,    N,    Y,    N,   N),
    "admin":           (Y,   Y,    Y,   Y,   Y,    Y,   Y,    Y,    Y,    Y,   Y),
}


def test_the_table_asks_every_question_of_every_person():
    assert set(TABLE) == set(PEOPLE)
    assert all(len(answers) == len(QUESTIONS) for answers in TABLE.values())


@pytest.mark.parametrize("person", list(TABLE))
@pytest.mark.parametrize("question", list(QUESTIONS))
def test_the_policy_gives_each_person_the_answer_of_the_table(person, question):
    expected = TABLE[person][list(QUESTIONS).index(question)]
    assert QUESTIONS[question](PEOPLE[person]) is expected, f"{person} / {question}"


def test_an_organiser_who_owns_a_company_still_cannot_edit_it():
    """Organisers read every company but never write one (the API's rule, now the web's too)."""
    organiser = User(id=8, email="org3@corridor.example.by", role="organizer")
    own = Company(id=12, name="Своя", owner_id=8, owner=organiser)
    assert policy.may_edit_company(organiser, own) is False
    assert policy.may_read_matches(organiser, own) is True


def test_the_owner_sees_its_own_contacts_without_any_partner():
    assert policy.may_see(PEOPLE["owner"], policy.CONTACTS, COMPANY, partners_of=lambda company_id: set()) is True


def test_a_company_account_without_a_company_sees_no_contacts_but_its_own_profile_fields():
    newcomer = User(id=9, email="new@example.by", role="company")
    assert policy.may_see(newcomer, policy.CONTACTS, COMPANY, partners_of=_partners) is False
    assert policy.may_see(newcomer, policy.PUBLIC, COMPANY) is True


def test_an_unknown_field_group_is_a_programming_error():
    with pytest.raises(ValueError):
        policy.may_see(None, "salary", COMPANY)
