"""The change-log tail past a change id, applied to an engine: how a worker keeps its mapped index
current and how an incremental snapshot build brings the newest snapshot forward. One function for
both, so a snapshot built by replaying says exactly what a worker that replayed would have said.
"""
from __future__ import annotations

from sqlalchemy import select

from matcher.db import db
from matcher.models import Niche
from matcher.scoring.engine import MatchEngine
from matcher.scoring.replay import RequestsInFlight, replay_aside
from matcher.services import in_flight
from matcher.services.in_flight import Position


def replay_tail(engine: MatchEngine, after: Position, limit: int | None = None,
                aside: RequestsInFlight | None = None, own: int = 0) -> Position | None:
    """Apply the change-log rows past `after` (see in_flight: on PostgreSQL also rows that were in
    flight when it was read) to `engine`, companies and niches read as they are now, and return
    the position reached; None, with nothing applied, when there are more than `limit` rows. With
    `aside` (a serving worker's requests in flight), the companies are replayed stepping aside for
    those requests beyond `own` (replay_aside: the same engine afterwards, but requests need not
    share the GIL with it)."""
    found = in_flight.read(after, limit)
    if found is None:
        return None
    rows, reached = found
    _replay_companies(engine, {r.entity_id for r in rows if r.entity == "company"}, aside, own)
    _replay_niches(engine, {r.entity_id for r in rows if r.entity == "niche"})
    return reached


def _replay_companies(engine: MatchEngine, company_ids: set[int], aside: RequestsInFlight | None,
                      own: int) -> None:
    if not company_ids:
        return
    from matcher.services.matching import _load_companies, company_profile

    found = {c.id: company_profile(c) for c in _load_companies(company_ids)}
    removed = [c for c in company_ids if c not in found]
    if aside is None:
        engine.replay(found.values(), removed)
    else:
        replay_aside(engine, list(found.values()), removed, aside, own)


def _replay_niches(engine: MatchEngine, niche_ids: set[int]) -> None:
    if not niche_ids:
        return
    from matcher.services.matching import niche_profile

    niches = {n.id: n for n in db.session.scalars(select(Niche).where(Niche.id.in_(niche_ids)))}
    for niche_id in niche_ids:
        if niche_id in niches:
            engine.upsert_niche(niche_profile(niches[niche_id]))
        else:
            try:
                engine.remove_niche(niche_id)
            except KeyError:            # created and deleted after the snapshot: never indexed
                pass
