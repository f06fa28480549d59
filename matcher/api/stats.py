"""/api/v1/stats (issue 15): the corridor's figures by sector and by month against the $0.5 bn target."""
from __future__ import annotations

from matcher.api import api
from matcher.api.openapi import tag
from matcher.api.stats_schemas import StatsOutSchema
from matcher.services.corridor_stats import corridor_stats


@api.get("/stats")
@tag("stats")
@api.response(200, StatsOutSchema, description="Companies, offers, needs, mutual interest, meetings and contracts")
def stats():
    """Read the corridor's figures: by the seed's sectors and by month, against the target.

    The same figures as the corridor dashboard; any role.
    """
    return corridor_stats()
