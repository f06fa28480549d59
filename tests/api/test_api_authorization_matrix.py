"""Who may do what: every /api route × method × actor, against an explicit table of outcomes.

The cases come from the app's URL map, the outcomes from EXPECTED. A new route without a row
in EXPECTED fails here until someone decides, in this table, who may call it.
"""
from __future__ import annotations

import io

import pytest

from matcher import create_app
from matcher.db import db
from matcher.services.accounts import create_token, get_or_create_user, revoke_tokens_by_prefix_or_email

ACTORS = ("owner", "other_company", "newcomer", "organizer", "admin", "anonymous", "revoked")
# owner: company account owning the company in the URL; other_company: owns a different company;
# newcomer: company account without a company yet; revoked: an admin whose token was revoked.


def outcomes(owner, other_company, newcomer, organizer, admin, anonymous=401, revoked=401) -> dict:
    return dict(zip(ACTORS, (owner, other_company, newcomer, organizer, admin, anonymous, revoked)))


def everyone(status: int) -> dict:
    return dict.fromkeys(ACTORS, status)


def signed_in(status: int) -> dict:
    return outcomes(status, status, status, status, status)


EXPECTED: dict[tuple[str, str], dict[str, int]] = {
    ("/api/v1/health", "GET"): everyone(200),
    ("/api/v1/openapi.json", "GET"): everyone(200),
    ("/api/docs", "GET"): everyone(200),
    ("/api/v1/companies", "GET"): signed_in(200),
    # A company account owns at most one company; admins create unowned ones; organizers only read.
    ("/api/v1/companies", "POST"): outcomes(409, 409, 201, 403, 201),
    ("/api/v1/companies/<id:company_id>", "GET"): signed_in(200),
    ("/api/v1/companies/<id:company_id>", "PATCH"): outcomes(200, 403, 403, 403, 200),
    ("/api/v1/companies/<id:company_id>", "DELETE"): outcomes(204, 403, 403, 403, 204),
    ("/api/v1/companies/<id:company_id>/matches", "GET"): outcomes(200, 403, 403, 200, 200),
    ("/api/v1/companies/<id:company_id>/interested", "GET"): outcomes(200, 403, 403, 200, 200),
    ("/api/v1/niches", "GET"): signed_in(200),
    ("/api/v1/niches", "POST"): outcomes(403, 403, 403, 201, 201),
    ("/api/v1/niches/<id:niche_id>", "GET"): signed_in(200),
    ("/api/v1/niches/<id:niche_id>", "PATCH"): outcomes(403, 403, 403, 200, 200),
    ("/api/v1/niches/<id:niche_id>", "DELETE"): outcomes(403, 403, 403, 204, 204),
    ("/api/v1/niches/<id:niche_id>/matches", "GET"): signed_in(200),
    # Missions: the mission has the owner's company but not other_company's. Organisers and admins
    # create and read all; the mission's organiser (the organizer actor) or an admin writes; a company
    # reads only missions of its company, its own agenda, and never writes (by role: no existence leak).
    ("/api/v1/missions", "GET"): signed_in(200),
    ("/api/v1/missions", "POST"): outcomes(403, 403, 403, 201, 201),
    ("/api/v1/missions/import-template", "GET"): signed_in(200),
    ("/api/v1/missions/<id:mission_id>", "GET"): outcomes(200, 404, 404, 200, 200),
    ("/api/v1/missions/<id:mission_id>", "PATCH"): outcomes(403, 403, 403, 200, 200),
    ("/api/v1/missions/<id:mission_id>", "DELETE"): outcomes(403, 403, 403, 204, 204),
    ("/api/v1/missions/<id:mission_id>/match-list", "GET"): outcomes(200, 404, 404, 200, 200),
    ("/api/v1/missions/<id:mission_id>/import", "POST"): outcomes(403, 403, 403, 200, 200),
    ("/api/v1/missions/<id:mission_id>/schedule", "POST"): outcomes(403, 403, 403, 200, 200),
    ("/api/v1/missions/<id:mission_id>/schedule", "GET"): outcomes(200, 404, 404, 200, 200),
    ("/api/v1/missions/<id:mission_id>/schedule.xlsx", "GET"): outcomes(200, 404, 404, 200, 200),
    ("/api/v1/missions/<id:mission_id>/meetings/<id:meeting_id>", "PATCH"): outcomes(403, 403, 403, 200, 200),
    ("/api/v1/missions/<id:mission_id>/agenda/<id:company_id>", "GET"): outcomes(200, 404, 404, 200, 200),
    ("/api/v1/missions/<id:mission_id>/agenda/<id:company_id>.ics", "GET"): outcomes(200, 404, 404, 200, 200),
    # Finding codes by words reads only the nomenclature: anyone signed in.
    ("/api/v1/codes", "GET"): signed_in(200),
    ("/api/v1/codes/suggest", "POST"): signed_in(200),
    # Background jobs: started like the direct calls; a job is read by whoever started it (the organizer
    # actor), an admin, or the mission's organiser; to anyone else it does not exist.
    ("/api/v1/missions/<id:mission_id>/schedule/jobs", "POST"): outcomes(403, 403, 403, 202, 202),
    ("/api/v1/missions/<id:mission_id>/import/jobs", "POST"): outcomes(403, 403, 403, 202, 202),
    ("/api/v1/jobs/<id:job_id>", "GET"): outcomes(404, 404, 404, 200, 200),
    # Participation (issue 13). The mission takes registrations, so other companies see it to register;
    # the organiser decides, companies register themselves (the owner's is already in: 409).
    ("/api/v1/missions/<id:mission_id>/participation", "GET"): outcomes(403, 403, 403, 200, 200),
    ("/api/v1/missions/<id:mission_id>/participation", "PATCH"): outcomes(403, 403, 403, 200, 200),
    ("/api/v1/missions/<id:mission_id>/registrations", "GET"): outcomes(200, 200, 404, 200, 200),
    ("/api/v1/missions/<id:mission_id>/registrations", "POST"): outcomes(409, 201, 403, 403, 403),
    ("/api/v1/missions/<id:mission_id>/registrations/<id:registration_id>", "PATCH"):
        outcomes(404, 404, 404, 200, 200),
    # Meeting requests are the participants' own: organisers read them all but neither send nor answer;
    # a company outside the mission finds nothing.
    ("/api/v1/missions/<id:mission_id>/meeting-requests", "GET"): outcomes(200, 404, 404, 200, 200),
    ("/api/v1/missions/<id:mission_id>/meeting-requests", "POST"): outcomes(201, 404, 404, 403, 403),
    ("/api/v1/missions/<id:mission_id>/meeting-requests/<id:request_id>", "PATCH"):
        outcomes(200, 404, 404, 403, 403),
    # A thread is read and written only by its two companies (here: the owner's and a fellow participant).
    ("/api/v1/conversations", "GET"): outcomes(200, 200, 403, 403, 403),
    ("/api/v1/conversations/<id:company_id>/messages", "GET"): outcomes(200, 403, 403, 403, 403),
    ("/api/v1/conversations/<id:company_id>/messages", "POST"): outcomes(201, 403, 403, 403, 403),
    # Projects (issue 15): the project is other_company's (a buyer); owner's company only supplies.
    # A company account publishes for its own buying company; staff name the buyer (422 without it).
    ("/api/v1/projects", "GET"): signed_in(200),
    ("/api/v1/projects", "POST"): outcomes(403, 201, 403, 422, 422),
    ("/api/v1/projects/<id:project_id>", "GET"): signed_in(200),
    ("/api/v1/projects/<id:project_id>", "PATCH"): outcomes(403, 200, 403, 200, 200),
    ("/api/v1/projects/<id:project_id>", "DELETE"): outcomes(403, 204, 403, 204, 204),
    ("/api/v1/projects/<id:project_id>/matches", "GET"): signed_in(200),
    # Only a supplier company's account proposes (staff would name the supplier: not in this body).
    ("/api/v1/projects/<id:project_id>/interest", "POST"): outcomes(201, 403, 403, 403, 403),
    ("/api/v1/stats", "GET"): signed_in(200),
}

# Valid bodies, so that a refusal can only come from the rules under test.
BODIES = {
    ("/api/v1/companies", "POST"): {
        "name": "Пермский завод металлоконструкций", "country": "RU", "region": "RU-PER", "roles": ["buyer"],
        "needs": [{"title": "Листовой прокат", "hs_codes": ["7208"]}]},
    ("/api/v1/companies/<id:company_id>", "PATCH"): {"city": "Мозырь"},
    ("/api/v1/niches", "POST"): {"title": "Forest machines", "departed_company": "Ponsse", "region": "RU-PER",
                                 "hs_codes": ["843680"]},
    ("/api/v1/niches/<id:niche_id>", "PATCH"): {"exit_year": 2023},
    ("/api/v1/missions", "POST"): {"name": "Пермский лесной форум", "city": "Пермь", "starts_on": "2027-09-14"},
    ("/api/v1/missions/<id:mission_id>", "PATCH"): {"city": "Березники"},
    ("/api/v1/missions/<id:mission_id>/schedule", "POST"): {"slots": 2, "tables": 1, "starts_at": "2027-09-14T10:00:00+05:00",
                                                            "time_limit_s": 1},
    ("/api/v1/missions/<id:mission_id>/meetings/<id:meeting_id>", "PATCH"): {"locked": True},
    ("/api/v1/codes/suggest", "POST"): {"title": "Харвестеры", "description": "лесозаготовительная техника"},
    ("/api/v1/missions/<id:mission_id>/participation", "PATCH"): {"is_open": True, "max_requests": 5},
    ("/api/v1/missions/<id:mission_id>/registrations", "POST"): {"role": "buyer", "available_slots": [1, 2]},
    ("/api/v1/missions/<id:mission_id>/registrations/<id:registration_id>", "PATCH"): {"status": "approved"},
    ("/api/v1/missions/<id:mission_id>/meeting-requests/<id:request_id>", "PATCH"): {"status": "accepted"},
    ("/api/v1/conversations/<id:company_id>/messages", "POST"): {"body": "Здравствуйте! Обсудим поставки?"},
    ("/api/v1/projects", "POST"): {"title": "Школа в Перми", "sector": "construction", "nace_codes": ["41.20"]},
    ("/api/v1/projects/<id:project_id>", "PATCH"): {"budget_max_usd": 2_000_000},
    ("/api/v1/projects/<id:project_id>/interest", "POST"): {"proposal": "Поставим станки"},
    ("/api/v1/missions/<id:mission_id>/schedule/jobs", "POST"): {
        "slots": 2, "tables": 1, "starts_at": "2027-09-14T10:00:00+05:00", "time_limit_s": 1},
}
# Bodies that name rows of the world.
WORLD_BODIES = {
    ("/api/v1/missions/<id:mission_id>/meeting-requests", "POST"): lambda world: {
        "company_id": world["second_buyer_id"], "message": "Покажем станки на стенде"},
}
# Path parameters that mean another row of the world on some routes: a conversation is with a partner.
PARAMETERS = {
    ("/api/v1/conversations/<id:company_id>/messages", "GET"): {"company_id": "partner_id"},
    ("/api/v1/conversations/<id:company_id>/messages", "POST"): {"company_id": "partner_id"},
}
# Query strings a route needs to be valid.
QUERIES = {("/api/v1/codes", "GET"): "?q=станки"}
# Multipart bodies, built afresh for each request (a file is read once).
FORMS = {
    ("/api/v1/missions/<id:mission_id>/import", "POST"): lambda: {
        "file": (io.BytesIO("Название;Страна;Роли\r\nЛесмаш;BY;поставщик\r\n".encode()), "делегация.csv"),
        "dry_run": "true"},
    ("/api/v1/missions/<id:mission_id>/import/jobs", "POST"): lambda: {
        "file": (io.BytesIO("Название;Страна;Роли\r\nЛесмаш;BY;поставщик\r\n".encode()), "делегация.csv"),
        "dry_run": "true"},
}


def api_routes() -> list[tuple[str, str]]:
    """(rule, method) of every route under /api, read from a freshly built app."""
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    return sorted((rule.rule, method) for rule in app.url_map.iter_rules() if rule.rule.startswith("/api")
                  for method in rule.methods - {"HEAD", "OPTIONS"})


ROUTES = api_routes()


@pytest.fixture
def world(app, company_payload):
    """Two companies with their owners, a newcomer, an organizer, an admin, a revoked token, a niche,
    and a scheduled mission of the owner's company."""
    from matcher.services.companies import create_company
    from matcher.services.mission_schedules import schedule_mission
    from matcher.services.missions import create_mission
    from matcher.services.niches import create_niche

    def token(email, role):
        plain, _ = create_token(get_or_create_user(email, role))
        return plain

    tokens = {"owner": token("owner@zavod.by", "company"), "other_company": token("buyer@perm.ru", "company"),
              "newcomer": token("new@example.by", "company"), "organizer": token("org@example.org", "organizer"),
              "admin": token("admin@example.org", "admin"), "revoked": token("gone@example.org", "admin")}
    db.session.commit()
    revoke_tokens_by_prefix_or_email("gone@example.org")
    owner_company = create_company(company_payload(), owner=get_or_create_user("owner@zavod.by", "company"))
    create_company(company_payload(name="Пермский лесокомбинат", country="RU", region="RU-PER", roles=["buyer"],
                                   offers=[], needs=[{"title": "Обрабатывающие центры", "hs_codes": ["8457"]}]),
                   owner=get_or_create_user("buyer@perm.ru", "company"))
    from matcher.services.projects import create_project  # issue 15: other_company's project

    project = create_project(get_or_create_user("buyer@perm.ru", "company"),
                             {"title": "Цех механообработки", "sector": "machine_tools", "hs_codes": ["8457"]})
    niche = create_niche({"title": "Станки с ЧПУ", "departed_company": "DMG Mori", "hs_codes": ["8457"]})
    # A mission of the owner's company and an unowned buyer of what it sells, with a schedule.
    buyer = create_company(company_payload(name="Пермский моторный завод", country="RU", region="RU-PER",
                                           roles=["buyer"], offers=[],
                                           needs=[{"title": "Обрабатывающие центры с ЧПУ", "hs_codes": ["8457"]}]))
    organizer = get_or_create_user("org@example.org", "organizer")
    second_buyer = create_company(company_payload(name="Чусовской металлургический завод", country="RU",
                                                  region="RU-PER", roles=["buyer"], offers=[],
                                                  needs=[{"title": "Токарные станки", "hs_codes": ["8458"]}]))
    mission = create_mission({"name": "Станкостроение: Минск — Пермь", "starts_on": "2027-09-14",
                              "company_ids": [owner_company.id, buyer.id, second_buyer.id]}, organizer)
    schedule = schedule_mission(mission["id"], organizer, {"slots": 2, "tables": 1, "time_limit_s": 1,
                                                           "starts_at": "2027-09-14T10:00:00+05:00"})
    from matcher.models import JobRun

    job = JobRun(kind="schedule", mission_id=mission["id"], user_id=organizer.id, status="done")
    db.session.add(job)
    # Registration is open; an unowned supplier waits for approval; the buyer asked the owner for a meeting.
    from matcher.models import MeetingRequest, MissionParticipationSettings, MissionRegistration

    db.session.add(MissionParticipationSettings(mission_id=mission["id"], is_open=True, needs_approval=True))
    applicant = create_company(company_payload(name="Гомельский станкозавод"))
    registration = MissionRegistration(mission_id=mission["id"], company_id=applicant.id, role="supplier")
    request = MeetingRequest(mission_id=mission["id"], from_company_id=buyer.id, to_company_id=owner_company.id,
                             supplier_id=owner_company.id, buyer_id=buyer.id, message="Нужны обрабатывающие центры")
    db.session.add_all([registration, request])
    db.session.commit()
    return {"tokens": tokens, "company_id": owner_company.id, "niche_id": niche.id, "mission_id": mission["id"],
            "meeting_id": schedule["meetings"][0]["id"], "job_id": job.id, "registration_id": registration.id,
            "request_id": request.id, "partner_id": buyer.id, "second_buyer_id": second_buyer.id,
            "project_id": project.id}


def test_every_route_has_a_row_in_the_table():
    missing = [route for route in ROUTES if route not in EXPECTED]
    assert not missing, f"decide who may call these routes and add them to EXPECTED: {missing}"


def test_the_table_has_no_rows_for_routes_that_are_gone():
    assert not set(EXPECTED) - set(ROUTES)


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("rule, method", ROUTES, ids=[f"{m} {r}" for r, m in ROUTES])
def test_outcome_of_each_route_for_each_actor(client, world, rule, method, actor):
    assert (rule, method) in EXPECTED, f"no rule for {method} {rule} in EXPECTED: add one"
    expected = EXPECTED[(rule, method)][actor]
    path = rule
    for name in ("company_id", "niche_id", "mission_id", "meeting_id", "job_id", "registration_id", "request_id",
                 "project_id"):
        path = path.replace(f"<id:{name}>", str(world[PARAMETERS.get((rule, method), {}).get(name, name)]))
    assert "<" not in path, f"teach this test how to fill the parameters of {rule}"
    path += QUERIES.get((rule, method), "")
    headers = {"Authorization": f"Bearer {world['tokens'][actor]}"} if actor != "anonymous" else {}
    body = WORLD_BODIES[(rule, method)](world) if (rule, method) in WORLD_BODIES else BODIES.get((rule, method))
    form = FORMS.get((rule, method))
    sent = {"json": body} if body is not None else {"data": form(), "content_type": "multipart/form-data"} if form else {}
    response = client.open(path, method=method, headers=headers, **sent)
    assert response.status_code == expected, response.get_data(as_text=True)[:500]
    if expected >= 400:
        assert response.mimetype == "application/problem+json"
