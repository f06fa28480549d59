"""Projects past their deadline: read as closed at once, and written down as closed by the hourly job."""
from __future__ import annotations

from datetime import date

from corridor_data import company

from matcher.db import db
from matcher.jobs import tasks
from matcher.models import Project
from matcher.services.projects import close_expired, is_open


def _project(owner_id: int, title: str, deadline: date | None) -> Project:
    project = Project(owner_company_id=owner_id, title=title, sector="construction", deadline=deadline)
    db.session.add(project)
    db.session.commit()
    return project


def test_only_open_projects_past_their_deadline_are_closed(app):
    buyer = company("Пермстрой", ["buyer"], country="RU", nace_codes=["41.20"])
    past = _project(buyer.id, "Школа", date(2026, 11, 30))
    today = _project(buyer.id, "Дом", date(2026, 12, 1))
    undated = _project(buyer.id, "Учебный центр", None)
    assert not is_open(past, on=date(2026, 12, 1))
    assert close_expired(on=date(2026, 12, 1)) == 1
    assert [p.status for p in (past, today, undated)] == ["closed", "open", "open"]
    assert close_expired(on=date(2026, 12, 1)) == 0


def test_the_periodic_job_closes_what_expired_before_today(app):
    buyer = company("Пермстрой", ["buyer"], country="RU", nace_codes=["41.20"])
    old = _project(buyer.id, "Лесопильная линия", date(2020, 1, 1))
    assert tasks.close_expired_projects() == 1
    db.session.refresh(old)
    assert old.status == "closed"
