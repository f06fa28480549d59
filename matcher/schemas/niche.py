"""Niche schemas: markets left by departed firms."""
from __future__ import annotations

from marshmallow import EXCLUDE, RAISE, Schema, ValidationError, fields, post_load, validate, validates_schema

from matcher.schemas.company import MAX_USD
from matcher.messages.input import AMOUNT_IN_RANGE
from matcher.schemas.base import InputSchema
from matcher.schemas.messages import Range
from matcher.schemas.fields import HsCode, NaceCode, TrimmedString, UtcDateTime, unique_list
from matcher.taxonomy import CodeError, regions


class NicheSchema(InputSchema):
    class Meta:
        unknown = RAISE
        ordered = True

    id = fields.Integer(dump_only=True)
    title = TrimmedString(required=True, validate=validate.Length(min=1, max=300))
    departed_company = TrimmedString(required=True, validate=validate.Length(min=1, max=200))
    departed_country = TrimmedString(load_default=None, allow_none=True)
    exit_year = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=1990, max=2100))
    region = TrimmedString(load_default=None, allow_none=True)
    description = TrimmedString(load_default="", validate=validate.Length(max=10000))
    hs_codes = fields.List(HsCode(), load_default=list, validate=validate.Length(max=50))
    nace_codes = fields.List(NaceCode(), load_default=list, validate=validate.Length(max=30))
    est_annual_volume_usd = fields.Integer(load_default=None, allow_none=True,
                                           validate=Range(min=0, max=MAX_USD, message=AMOUNT_IN_RANGE))

    @validates_schema
    def _check_places(self, data, **kwargs):
        errors = {}
        if data.get("departed_country"):
            try:
                regions.validate_country(data["departed_country"])
            except CodeError as exc:
                errors["departed_country"] = [exc.message]
        if data.get("region"):
            code = data["region"].upper()
            try:
                regions.validate_region(code, code.split("-")[0])
            except CodeError as exc:
                errors["region"] = [exc.message]
        if errors:
            raise ValidationError(errors)

    @post_load
    def _normalise(self, data, **kwargs):
        for key in ("departed_country", "region"):
            if data.get(key):
                data[key] = data[key].upper()
        data["hs_codes"] = unique_list(data["hs_codes"])
        data["nace_codes"] = unique_list(data["nace_codes"])
        return data


class NicheOutSchema(Schema):
    class Meta:
        unknown = EXCLUDE
        ordered = True

    id = fields.Integer()
    title = fields.String()
    departed_company = fields.String()
    departed_country = fields.String(allow_none=True)
    exit_year = fields.Integer(allow_none=True)
    region = fields.String(allow_none=True)
    description = fields.String()
    hs_codes = fields.List(fields.String())
    nace_codes = fields.List(fields.String())
    est_annual_volume_usd = fields.Integer(allow_none=True)
    created_at = UtcDateTime()
    updated_at = UtcDateTime()
    version = fields.Integer()
