"""A small corridor for walking the whole site: a company account with matches, an organiser with a
scheduled mission, an admin; and the list of pages each of them sees (used by the accessibility test)."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

PASSWORD = "correct-horse-42"
COMPANY_USER = "tour.company@lesmash.example.by"
ORGANISER = "tour.organiser@belexpo.example.by"
ADMIN = "tour.admin@matcher.example.org"


@dataclass
class Tour:
    """Ids the page list needs, filled in by `seed_tour`."""
    company_id: int = 0
    partner_id: int = 0
    niche_id: int = 0
    mission_id: int = 0
    agenda_company_id: int = 0
    pages: dict[str, list[str]] = field(default_factory=dict)  # who -> paths


_SEEDED: dict[int, Tour] = {}


def seed_tour(app) -> Tour:
    """Once per app (modules share the session's live app): see `_seed`."""
    if id(app) not in _SEEDED:
        _SEEDED[id(app)] = _seed(app)
    return _SEEDED[id(app)]


def _seed(app) -> Tour:
    """Twelve companies of the demo corridor (not those other browser tests create), two niches, one
    owned and confirmed company, an organiser's mission over them with a built schedule, and an admin."""
    from datetime import datetime, timezone

    from matcher.db import db
    from matcher.services.accounts import get_or_create_user, set_password
    from matcher.services.companies import create_company
    from matcher.services.demo import DEMO_FILE
    from matcher.services.mission_schedules import schedule_mission
    from matcher.services.missions import create_mission
    from matcher.services.niches import create_niche

    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    corridor = data["companies"]
    sellers = [c for c in corridor if c["country"] == "BY" and c["roles"] == ["supplier"]][24:30]
    buyers = [c for c in corridor if c["country"] == "RU" and c["roles"] == ["buyer"]][24:30]
    tour = Tour()
    with app.app_context():
        owner = get_or_create_user(COMPANY_USER, "company")
        owner.email_verified_at = datetime.now(timezone.utc)
        set_password(owner, PASSWORD)
        organiser = get_or_create_user(ORGANISER, "organizer")
        set_password(organiser, PASSWORD)
        set_password(get_or_create_user(ADMIN, "admin"), PASSWORD)
        db.session.commit()
        ids = []
        for number, raw in enumerate(sellers + buyers):
            payload = {k: v for k, v in raw.items() if k != "key"}
            company = create_company(payload, owner=owner if number == 0 else None)
            ids.append(company.id)
        tour.company_id, tour.partner_id = ids[0], ids[len(sellers)]
        english = ("title_en", "description_en")  # a niche's English texts go in apart from its fields
        niches = [create_niche({k: v for k, v in raw.items() if k != "key" and k not in english},
                               {k: raw[k] for k in english if raw.get(k)}) for raw in data["niches"][:2]]
        tour.niche_id = niches[0].id
        mission = create_mission({"name": "Тур по сайту", "city": "Пермь", "starts_on": "2027-09-14",
                                  "ends_on": "2027-09-14", "company_ids": ids}, organiser)
        tour.mission_id = mission["id"]
        schedule = schedule_mission(mission["id"], organiser, {
            "slots": 4, "tables": 4, "min_score": 20, "time_limit_s": 2,
            "starts_at": "2027-09-14T10:00:00+05:00"})
        meetings = schedule["meetings"]
        tour.agenda_company_id = meetings[0]["supplier_id"] if meetings else ids[0]
        db.session.remove()
    m = tour.mission_id
    tour.pages = {
        "anonymous": ["/", "/companies", f"/companies/{tour.partner_id}", "/niches", f"/niches/{tour.niche_id}",
                      "/login", "/signup", "/password/forgot"],
        COMPANY_USER: ["/matches", f"/companies/{tour.company_id}/edit", "/account", "/account/notifications"],
        ORGANISER: ["/missions", "/missions/new", f"/missions/{m}", f"/missions/{m}/edit", f"/missions/{m}/import",
                    f"/missions/{m}/match-list", f"/missions/{m}/schedule",
                    f"/missions/{m}/agenda/{tour.agenda_company_id}"],
        ADMIN: ["/admin/mail", "/admin/outbox"],
    }
    return tour
