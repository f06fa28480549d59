"""The answer of GET /api/v1/stats (issue 15): the corridor's figures by sector and by month."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from matcher.taxonomy.sectors import SECTORS


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


class StatsOutSchema(Schema):
    """The corridor's figures against its target; a pair counts in its supplier's sector."""

    target_usd = fields.Integer(required=True, metadata={"description": "The corridor's target: 500000000"})
    contracts_usd = fields.Integer(required=True)
    share_of_target = fields.Float(required=True)
    totals = fields.Dict(keys=fields.String(), values=fields.Integer())
    by_sector = fields.List(fields.Nested(SectorFiguresSchema), required=True)
    by_month = fields.List(fields.Nested(MonthFiguresSchema), required=True)
