"""Change-log rows that may still be in flight: a reader's position is more than the last id.

PostgreSQL hands out change-log ids when a row is inserted and shows the row when its transaction
commits, so ids can become visible out of order: an import's rows (one long transaction) appear
after a save that was numbered later and already replayed. Reading only `id > last id seen` would
skip those rows for good. Each row carries its transaction's id (`txid`), and a reader notes the
oldest transaction still running when it reads (`xmin`): rows of older transactions are final; rows
of that transaction or newer may still be joined by rows numbered below what was read. So the next
read takes the rows past the last id *and* the rows of transactions from `xmin` on, and skips those
it has already applied (`recent`). On SQLite one writer runs at a time, ids become visible in
order, and the position is the last id alone.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import or_, select, text

from matcher.db import db
from matcher.models import ChangeLog

log = logging.getLogger(__name__)

MAX_RECENT = 20_000     # rows of transactions newer than the oldest running one that a reader keeps re-reading


@dataclass(frozen=True)
class Position:
    """Where a reader of the change log is: every row up to `covers` is applied, except rows of
    transactions from `xmin` on that were not visible yet; `recent` are the ids of such
    transactions' rows that are applied."""
    covers: int = 0
    xmin: int | None = None
    recent: frozenset[int] = field(default_factory=frozenset)

    def as_meta(self) -> dict:
        return {"covers_change": self.covers, "in_flight": {"xmin": self.xmin, "recent": sorted(self.recent)}}

    @classmethod
    def from_meta(cls, meta: dict) -> "Position":
        window = meta.get("in_flight") or {}
        return cls(int(meta.get("covers_change", 0)), window.get("xmin"), frozenset(window.get("recent", ())))


def oldest_running() -> int | None:
    """The oldest transaction still running (PostgreSQL), read *before* the rows it guards."""
    if db.session.get_bind().dialect.name != "postgresql":
        return None
    return db.session.scalar(text("SELECT (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint"))


def read(position: Position, limit: int | None = None) -> tuple[list, Position] | None:
    """The rows not applied yet (id order) and the position once they are; None, when there are
    more than `limit` of them."""
    xmin = oldest_running()
    where = ChangeLog.id > position.covers
    if position.xmin is not None:
        where = or_(where, ChangeLog.txid >= position.xmin)
    query = (select(ChangeLog.id, ChangeLog.entity, ChangeLog.entity_id, ChangeLog.txid)
             .where(where).order_by(ChangeLog.id))
    if limit is not None:
        query = query.limit(limit + len(position.recent) + 1)
    rows = db.session.execute(query).all()
    new = [r for r in rows if r.id not in position.recent]
    if limit is not None and len(new) > limit:
        return None
    covers = max([position.covers] + [r.id for r in rows])
    if xmin is None:
        return new, Position(covers)
    return new, _bounded(Position(covers, xmin, frozenset(r.id for r in rows if r.txid is not None and r.txid >= xmin)))


def _bounded(position: Position) -> Position:
    """The window, unless a transaction left open for long (an idle session holding its id) has
    kept it open over MAX_RECENT rows: every read would fetch them all again. Then the window is
    closed (the last id alone, as before the window existed) and said so once in the log; should
    that transaction ever commit, its rows reach the index with the next build."""
    if len(position.recent) <= MAX_RECENT:
        return position
    log.warning("change log: transaction %s has been running while %d rows were committed; reading past "
                "the last id only (its rows, if it commits, reach the index at the next build)",
                position.xmin, len(position.recent))
    return Position(position.covers)


def start() -> Position:
    """The position of a build that reads the registry next: the rows visible now are in what it
    reads, rows still in flight will be read again."""
    xmin = oldest_running()
    covers = db.session.scalar(select(db.func.max(ChangeLog.id))) or 0
    if xmin is None:
        return Position(covers)
    recent = db.session.scalars(select(ChangeLog.id).where(ChangeLog.txid >= xmin, ChangeLog.id <= covers)).all()
    return Position(covers, xmin, frozenset(recent))
