"""Schemas only the API needs: query arguments, PATCH bodies, pages, matches, problems.

Bodies that create things are validated by the services with the shared schemas in
`matcher.schemas`; these describe the rest of the contract for parsing and for OpenAPI.
"""
from __future__ import annotations

import json
import math
import re

from marshmallow import EXCLUDE, Schema, ValidationError, fields, post_load, validate

from matcher.schemas.company import CompanyOutSchema, CompanySchema, ROLE_CHOICES
from matcher.schemas.niche import NicheOutSchema, NicheSchema
from matcher.scoring.cooperation import TYPES as COOPERATION_TYPES

MAX_PAGE = 100_000  # keeps OFFSET inside what every database accepts
MAX_WEIGHT = 1000.0
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_WEIGHT_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class QueryText(fields.String):
    """A query-string value: trimmed, without control characters (NUL cannot reach SQL)."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        if _CONTROL.search(text):
            raise ValidationError("must not contain control characters")
        return text


class ProblemSchema(Schema):
    """An RFC 9457 problem: every error under /api answers with this (application/problem+json)."""

    type = fields.String(required=True, metadata={"description": "URI naming the kind of problem"})
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True, metadata={"description": "What went wrong, in words a person can act on"})
    errors = fields.Dict(
        keys=fields.String(), values=fields.List(fields.String()),
        metadata={"description": "Validation failures by field path, e.g. `offers.0.hs_codes.1` "
                                 "(body) or `per_page` (query parameter)"},
    )
    report = fields.Dict(metadata={"description": "Only when a delegation import is refused: the per-row "
                                                  "report (DelegationReport), as the import would have made it"})


class HealthIndexSchema(Schema):
    ready = fields.Boolean(required=True)
    covers_change = fields.Integer(required=True)
    behind = fields.Integer(required=True)


class HealthSchema(Schema):
    status = fields.String(required=True, validate=validate.OneOf(("ok", "degraded", "starting")))
    database = fields.String(required=True, validate=validate.OneOf(("ok", "unavailable")))
    index = fields.Nested(HealthIndexSchema)


class PaginationArgsSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=MAX_PAGE),
                          metadata={"description": "1-based page number"})
    per_page = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200),
                              metadata={"description": "Items per page, 1..200"})


class CompanyQueryArgsSchema(PaginationArgsSchema):
    role = fields.String(validate=validate.OneOf(ROLE_CHOICES),
                         metadata={"description": "Only suppliers or only buyers"})
    country = QueryText(validate=validate.Regexp(r"^[A-Za-z]{2}$", error="an ISO 3166-1 alpha-2 code, e.g. BY"),
                        metadata={"description": "ISO 3166-1 alpha-2, e.g. BY or RU"})
    region = QueryText(validate=validate.Regexp(r"^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$",
                                                error="an ISO 3166-2 code, e.g. RU-PER"),
                       metadata={"description": "ISO 3166-2, e.g. RU-PER or BY-HM"})
    q = QueryText(validate=validate.Length(max=200),
                  metadata={"description": "Words that must all occur in the name, description or "
                                           "offer/need titles (case- and ё-insensitive)"})
    hs = QueryText(validate=validate.Regexp(r"^(?:[ .]*\d){1,10}[ .]*$", error="1 to 10 digits of an HS code"),
                   metadata={"description": "HS / TN VED code prefix, e.g. 84 or 8457"})
    nace = QueryText(validate=validate.Regexp(r"^\d{1,2}(?:\.\d{0,2})?$", error="a NACE prefix such as 28 or 28.4"),
                     metadata={"description": "NACE / OKVED prefix, e.g. 28 or 28.41"})
    cooperation = fields.String(validate=validate.OneOf(COOPERATION_TYPES),
                                metadata={"description": "Only companies with an offer or need of this kind of "
                                                         "cooperation"})

    @post_load
    def _normalise(self, data, **kwargs):
        if data.get("hs"):
            data["hs"] = re.sub(r"[ .]", "", data["hs"])
        return data


class NicheQueryArgsSchema(PaginationArgsSchema):
    region = QueryText(validate=validate.Regexp(r"^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$",
                                                error="an ISO 3166-2 code, e.g. RU-PER"),
                       metadata={"description": "Only niches in this ISO 3166-2 region"})


class Weights(fields.String):
    """`name:number,name:number` or a JSON object of the engine's feature names to weights.

    The engine's own `resolve` judges names and signs, so the rules cannot drift apart; only
    that call sits inside the `except ValueError`, so no other fault can pass for bad input.
    """

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        if not text:
            return None
        if text.startswith("{"):
            try:
                raw = json.loads(text)
            except (ValueError, RecursionError):
                raise ValidationError("not valid JSON; write name:number,name:number") from None
            if not isinstance(raw, dict):
                raise ValidationError("a JSON object of feature name -> weight")
            pairs = list(raw.items())
        else:
            pairs = []
            for part in filter(None, (p.strip() for p in text.split(","))):
                name, sep, number = part.partition(":")
                if not sep:
                    raise ValidationError(f"«{part}» is not name:number")
                pairs.append((name.strip(), number.strip()))
        weights: dict[str, float] = {}
        for name, number in pairs:
            if not isinstance(name, str) or not _WEIGHT_NAME.match(name):
                raise ValidationError(f"«{str(name)[:40]}» is not a feature name (lower-case letters, digits, _)")
            try:
                weight = float(number)
            except (TypeError, ValueError, OverflowError):
                raise ValidationError(f"the weight of {name} must be a number") from None
            if isinstance(number, bool) or not math.isfinite(weight) or abs(weight) > MAX_WEIGHT:
                raise ValidationError(f"the weight of {name} must be between -{MAX_WEIGHT:g} and {MAX_WEIGHT:g}")
            weights[name] = weight
        if not weights:
            return None
        from matcher.scoring.weights import DEFAULT_WEIGHTS, resolve  # the engine's table, read when needed

        try:
            resolve(DEFAULT_WEIGHTS, weights)
        except ValueError as exc:  # UnknownWeightError included: names, signs, all-zero
            raise ValidationError(str(exc)) from None
        return weights


class MatchQueryArgsSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100),
                           metadata={"description": "At most this many matches, 1..100"})
    min_score = fields.Float(load_default=0.0, validate=validate.Range(min=0, max=100),
                             metadata={"description": "Leave out matches scoring below this, 0..100"})
    weights = Weights(metadata={
        "description": "Per-request feature weights, `hs_codes:50,text:20` or a JSON object; features "
                       "not named keep their default weight; positive weights are rescaled to sum to 100. "
                       "Unknown names are a 400 listing the known ones"})


class CompanyMatchQueryArgsSchema(MatchQueryArgsSchema):
    as_role = fields.String(data_key="as", validate=validate.OneOf(("buyer", "supplier")),
                            metadata={"description": "For a company that is both: `buyer` ranks suppliers, "
                                                     "`supplier` ranks buyers (default: buyer if it buys)"})


class NicheMatchQueryArgsSchema(MatchQueryArgsSchema):
    side = fields.String(load_default="supplier", validate=validate.OneOf(("supplier", "buyer")),
                         metadata={"description": "`supplier` (default): suppliers able to fill the niche; "
                                                  "`buyer`: buyers who lost the departed supplier"})


class CompanyUpdateSchema(CompanySchema):
    """A PATCH body: any subset of the company's fields; lists (offers, needs…) replace the stored ones."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("partial", True)
        super().__init__(*args, **kwargs)


class NicheUpdateSchema(NicheSchema):
    """A PATCH body: any subset of the niche's fields."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("partial", True)
        super().__init__(*args, **kwargs)


class CompanySummarySchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    name_en = fields.String(allow_none=True)
    country = fields.String(required=True)
    region = fields.String(allow_none=True)
    city = fields.String(allow_none=True)


class ReasonSchema(Schema):
    feature = fields.String(required=True, metadata={"description": "The scoring feature, e.g. hs_codes or text"})
    contribution = fields.Float(required=True, metadata={"description": "Points this feature adds; "
                                                                        "the contributions add up to the score"})
    detail = fields.String(required=True)


class PairSchema(Schema):
    offer_id = fields.Integer(required=True)
    need_id = fields.Integer(required=True, metadata={"description": "For niche matches: the niche id"})
    score = fields.Float(required=True)


class MatchSchema(Schema):
    company = fields.Nested(CompanySummarySchema, required=True)
    score = fields.Float(required=True, validate=validate.Range(min=0, max=100),
                         metadata={"description": "0..100, comparable across queries"})
    reasons = fields.List(fields.Nested(ReasonSchema), required=True)
    pairs = fields.List(fields.Nested(PairSchema), required=True)


class MatchListSchema(Schema):
    items = fields.List(fields.Nested(MatchSchema), required=True, metadata={"description": "Best first"})


def page_schema(name: str, item_schema: type[Schema]) -> type[Schema]:
    """`{"items", "total", "page", "per_page"}` around `item_schema`, named for OpenAPI."""
    return type(name, (Schema,), {
        "__doc__": f"A page of {item_schema.__name__.removesuffix('Schema')} items",
        "items": fields.List(fields.Nested(item_schema), required=True),
        "total": fields.Integer(required=True, metadata={"description": "Items matching, on all pages"}),
        "page": fields.Integer(required=True),
        "per_page": fields.Integer(required=True),
    })


CompanyPageSchema = page_schema("CompanyPageSchema", CompanyOutSchema)
NichePageSchema = page_schema("NichePageSchema", NicheOutSchema)
