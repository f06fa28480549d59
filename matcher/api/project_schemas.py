"""Schemas of the project and corridor-figure endpoints (issue 15): query arguments, pages, bodies, stats."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from matcher.api.schemas import MatchListSchema, PaginationArgsSchema, QueryText, page_schema
from matcher.schemas.project import ProjectOutSchema, ProjectSchema
from matcher.scoring.cooperation import TYPES as COOPERATION_TYPES
from matcher.taxonomy.sectors import SECTORS

__all__ = ["MatchListSchema"]


class ProjectQueryArgsSchema(PaginationArgsSchema):
    status = fields.String(validate=validate.OneOf(("open", "closed")),
                           metadata={"description": "Only open projects (deadline not passed) or only closed ones"})
    sector = fields.String(validate=validate.OneOf(SECTORS), metadata={"description": "One of the corridor's sectors"})
    region = QueryText(validate=validate.Regexp(r"^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$",
                                                error="an ISO 3166-2 code, e.g. RU-PER"),
                       metadata={"description": "ISO 3166-2, e.g. RU-PER"})
    cooperation = fields.String(validate=validate.OneOf(COOPERATION_TYPES),
                                metadata={"description": "Only projects that ask for this kind of cooperation"})


class ProjectMatchQueryArgsSchema(Schema):
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100),
                           metadata={"description": "At most this many suppliers, 1..100"})
    min_score = fields.Float(load_default=0.0, validate=validate.Range(min=0, max=100),
                             metadata={"description": "Leave out suppliers scoring below this, 0..100"})


class ProjectUpdateSchema(ProjectSchema):
    """A PATCH body: any subset of the project's fields; lists replace the stored ones."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("partial", True)
        super().__init__(*args, **kwargs)


class ProjectInterestResultSchema(Schema):
    id = fields.Integer(required=True)
    project_id = fields.Integer(required=True)
    company_id = fields.Integer(required=True)
    proposal = fields.String(required=True)
    status = fields.String(required=True, metadata={"description": "submitted, shortlisted or declined"})


class SectorFiguresSchema(Schema):
    sector = fields.String(required=True, validate=validate.OneOf(SECTORS))
    companies = fields.Integer(required=True)
    offers = fields.Integer(required=True)
    needs = fields.Integer(required=True)
    mutual_interest = fields.Integer(required=True, metadata={"description": "Pairs that both said «interested»"})
    meetings = fields.Integer(required=True, metadata={"description": "Meetings of missions that have begun"})
    contracts = fields.Integer(required=True)
    contracts_usd = fields.Integer(required=True, metadata={"description": "Value of the contracts reported"})


class MonthFiguresSchema(Schema):
    month = fields.String(required=True, metadata={"description": "YYYY-MM"})
    mutual_interest = fields.Integer(required=True)
    meetings = fields.Integer(required=True)
    contracts = fields.Integer(required=True)
    contracts_usd = fields.Integer(required=True)


class StatsSchema(Schema):
    """The corridor's figures against its target; a pair counts in its supplier's sector."""

    target_usd = fields.Integer(required=True, metadata={"description": "The corridor's target: 500000000"})
    contracts_usd = fields.Integer(required=True)
    share_of_target = fields.Float(required=True)
    totals = fields.Dict(keys=fields.String(), values=fields.Integer())
    by_sector = fields.List(fields.Nested(SectorFiguresSchema), required=True)
    by_month = fields.List(fields.Nested(MonthFiguresSchema), required=True)


ProjectPageSchema = page_schema("ProjectPageSchema", ProjectOutSchema)
