"""/api/v1/stats (issue 15): the corridor's figures by sector and by month against the $0.5 bn target."""
from __future__ import annotations

from matcher.api import api
from matcher.api.openapi import responds, tag
from matcher.api.project_schemas import StatsSchema
from matcher.services.corridor_stats import corridor_stats


@api.get("/stats")
@tag("stats")
@responds(200, StatsSchema, description="Companies, offers, needs, mutual interest, meetings and contracts")
def stats():
    """The corridor dashboard's figures: by the seed's sectors and by month, against the target."""
    return corridor_stats()
