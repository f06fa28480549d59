"""Company, offer and need schemas: the one source of validation for the API and the web forms."""
from __future__ import annotations

from marshmallow import (
    EXCLUDE, RAISE, Schema, ValidationError, fields, post_load, validate, validates_schema,
)

from matcher.messages import input as say
from matcher.schemas.base import InputSchema
from matcher.schemas.messages import Range
from matcher.scoring.cooperation import TYPES as COOPERATION_TYPES  # issue 15
from matcher.schemas.fields import HsCode, LanguageCode, NaceCode, TrimmedString, UtcDateTime, unique_list
from matcher.taxonomy import CodeError, regions, tax_ids

ROLE_CHOICES = ("supplier", "buyer")
MAX_USD = 10**13  # ten trillion dollars: anything above is a typo, not a company


class ItemSchema(InputSchema):
    """Fields common to offers and needs."""

    class Meta:
        unknown = RAISE
        ordered = True

    id = fields.Integer(load_default=None)  # present when editing an existing offer/need
    title = TrimmedString(required=True, validate=validate.Length(min=1, max=300))
    description = TrimmedString(load_default="", validate=validate.Length(max=5000))
    hs_codes = fields.List(HsCode(), load_default=list, validate=validate.Length(max=50))
    nace_codes = fields.List(NaceCode(), load_default=list, validate=validate.Length(max=30))
    # issue 15: kinds of cooperation (matcher/scoring/cooperation.py); none named = any kind
    cooperation_types = fields.List(fields.String(validate=validate.OneOf(COOPERATION_TYPES)), load_default=list,
                                    validate=validate.Length(max=len(COOPERATION_TYPES)))

    @post_load
    def _dedupe_codes(self, data, **kwargs):
        data["hs_codes"] = unique_list(data.get("hs_codes") or [])
        data["nace_codes"] = unique_list(data.get("nace_codes") or [])
        data["cooperation_types"] = unique_list(data.get("cooperation_types") or [])
        return data


class OfferSchema(ItemSchema):
    annual_capacity_usd = fields.Integer(
        load_default=None, allow_none=True, validate=Range(min=0, max=MAX_USD, message=say.AMOUNT_IN_RANGE),
        error_messages={"invalid": say.AMOUNT_NOT_INTEGER.template()},
    )


class NeedSchema(ItemSchema):
    annual_volume_usd = fields.Integer(
        load_default=None, allow_none=True, validate=Range(min=0, max=MAX_USD, message=say.AMOUNT_IN_RANGE),
        error_messages={"invalid": say.AMOUNT_NOT_INTEGER.template()},
    )


class CompanySchema(InputSchema):
    """A company profile as clients write it (POST body; the merged result of a PATCH)."""

    class Meta:
        unknown = RAISE
        ordered = True

    id = fields.Integer(dump_only=True)
    name = TrimmedString(required=True, validate=validate.Length(min=1, max=200))
    name_en = TrimmedString(load_default=None, allow_none=True, validate=validate.Length(max=200))
    country = TrimmedString(required=True)
    region = TrimmedString(load_default=None, allow_none=True)
    city = TrimmedString(load_default=None, allow_none=True, validate=validate.Length(max=120))
    roles = fields.List(
        fields.String(validate=validate.OneOf(ROLE_CHOICES)), required=True,
        validate=validate.Length(min=1, error=say.CHOOSE_A_ROLE.template()),
    )
    tax_id = TrimmedString(load_default=None, allow_none=True, validate=validate.Length(max=30))
    website = fields.URL(load_default=None, allow_none=True, schemes={"http", "https"},
                         validate=validate.Length(max=300))
    email = fields.Email(load_default=None, allow_none=True, validate=validate.Length(max=254))
    phone = TrimmedString(load_default=None, allow_none=True, validate=[
        validate.Length(max=40),
        validate.Regexp(r"^\+?[\d\s()\-]{5,40}$", error=say.PHONE.template()),
    ])
    description = TrimmedString(load_default="", validate=validate.Length(max=10000))
    languages = fields.List(LanguageCode(), load_default=list, validate=validate.Length(max=20))
    certifications = fields.List(
        TrimmedString(validate=validate.Length(min=1, max=100)), load_default=list,
        validate=validate.Length(max=50),
    )
    offers = fields.List(fields.Nested(OfferSchema), load_default=list, validate=validate.Length(max=100))
    needs = fields.List(fields.Nested(NeedSchema), load_default=list, validate=validate.Length(max=100))

    @validates_schema(skip_on_field_errors=False)
    def _check_country_bound_fields(self, data, **kwargs):
        errors: dict[str, list[str]] = {}
        country = data.get("country")
        if country is not None:
            try:
                country = regions.validate_country(country)
            except CodeError as exc:
                errors["country"] = [exc.message]
                country = None
        if country and data.get("region"):
            try:
                regions.validate_region(data["region"], country)
            except CodeError as exc:
                errors["region"] = [exc.message]
        if country and data.get("tax_id"):
            try:
                tax_ids.validate(data["tax_id"], country)
            except CodeError as exc:
                errors["tax_id"] = [exc.message]
        roles = set(data.get("roles") or ())
        if data.get("offers") and "supplier" not in roles:
            errors["offers"] = [say.OFFERS_NEED_SUPPLIER()]
        if data.get("needs") and "buyer" not in roles:
            errors["needs"] = [say.NEEDS_NEED_BUYER()]
        if errors:
            raise ValidationError(errors)

    @post_load
    def _normalise(self, data, **kwargs):
        data["country"] = data["country"].upper()
        if data.get("region"):
            data["region"] = data["region"].upper()
        if data.get("tax_id"):
            data["tax_id"] = tax_ids.validate(data["tax_id"], data["country"])
        data["roles"] = unique_list(data["roles"])
        data["languages"] = unique_list(data.get("languages") or [])
        data["certifications"] = unique_list(data.get("certifications") or [])
        return data


class CompanyOutSchema(Schema):
    """A stored company as the API returns it."""

    class Meta:
        unknown = EXCLUDE
        ordered = True

    id = fields.Integer()
    name = fields.String()
    name_en = fields.String(allow_none=True)
    country = fields.String()
    region = fields.String(allow_none=True)
    city = fields.String(allow_none=True)
    roles = fields.List(fields.String())
    tax_id = fields.String(allow_none=True)
    website = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    description = fields.String()
    languages = fields.List(fields.String())
    certifications = fields.List(fields.String())
    offers = fields.List(fields.Nested(OfferSchema))
    needs = fields.List(fields.Nested(NeedSchema))
    created_at = UtcDateTime()
    updated_at = UtcDateTime()
    version = fields.Integer()
