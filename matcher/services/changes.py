"""Record writes to companies and niches so every worker's match index can catch up."""
from __future__ import annotations

from matcher.db import db
from matcher.models import ChangeLog


def record_change(entity: str, entity_id: int) -> None:
    """Append to the change log inside the caller's transaction (committed with the write)."""
    db.session.add(ChangeLog(entity=entity, entity_id=entity_id))
