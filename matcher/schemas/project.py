"""Project, proposal and outcome schemas (issue 15): one source of validation for the API and the web."""
from __future__ import annotations

from marshmallow import EXCLUDE, RAISE, Schema, ValidationError, fields, post_load, validate, validates_schema

from matcher.models.outcome import OUTCOME_STATES
from matcher.models.project import PROJECT_INTEREST_STATES, PROJECT_STATES
from matcher.schemas.base import InputSchema
from matcher.schemas.company import MAX_USD
from matcher.schemas.fields import HsCode, NaceCode, TrimmedString, UtcDateTime, unique_list
from matcher.scoring.cooperation import TYPES as COOPERATION_TYPES
from matcher.taxonomy.sectors import SECTORS
from matcher.taxonomy import CodeError, regions


class ProjectSchema(InputSchema):
    """A project as its owner writes it (POST body; the merged result of a PATCH)."""

    class Meta:
        unknown = RAISE
        ordered = True

    id = fields.Integer(dump_only=True)
    owner_company_id = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=1), metadata={
        "description": "The publishing buyer; a company account publishes for its own company and may leave it out"})
    title = TrimmedString(required=True, validate=validate.Length(min=1, max=300))
    description = TrimmedString(load_default="", validate=validate.Length(max=10000))
    sector = fields.String(required=True, validate=validate.OneOf(SECTORS))
    region = TrimmedString(load_default=None, allow_none=True, metadata={"description": "ISO 3166-2, e.g. RU-PER"})
    budget_min_usd = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=0, max=MAX_USD))
    budget_max_usd = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=0, max=MAX_USD))
    deadline = fields.Date(load_default=None, allow_none=True,
                           metadata={"description": "The project closes itself after this day"})
    hs_codes = fields.List(HsCode(), load_default=list, validate=validate.Length(max=50))
    nace_codes = fields.List(NaceCode(), load_default=list, validate=validate.Length(max=30))
    cooperation_types = fields.List(fields.String(validate=validate.OneOf(COOPERATION_TYPES)), load_default=list,
                                    validate=validate.Length(max=len(COOPERATION_TYPES)))
    document_links = fields.List(fields.URL(schemes={"http", "https"}, validate=validate.Length(max=500)),
                                 load_default=list, validate=validate.Length(max=20))
    status = fields.String(load_default="open", validate=validate.OneOf(PROJECT_STATES))

    @validates_schema
    def _check(self, data, **kwargs):
        errors = {}
        low, high = data.get("budget_min_usd"), data.get("budget_max_usd")
        if low is not None and high is not None and low > high:
            errors["budget_min_usd"] = ["must not exceed budget_max_usd"]
        if data.get("region"):
            code = data["region"].upper()
            try:
                regions.validate_region(code, code.split("-")[0])
            except CodeError as exc:
                errors["region"] = [str(exc)]
        if errors:
            raise ValidationError(errors)

    @post_load
    def _normalise(self, data, **kwargs):
        if data.get("region"):
            data["region"] = data["region"].upper()
        for key in ("hs_codes", "nace_codes", "cooperation_types", "document_links"):
            data[key] = unique_list(data.get(key) or [])
        return data


class ProjectOutSchema(Schema):
    class Meta:
        unknown = EXCLUDE
        ordered = True

    id = fields.Integer()
    owner_company_id = fields.Integer()
    title = fields.String()
    description = fields.String()
    sector = fields.String()
    region = fields.String(allow_none=True)
    budget_min_usd = fields.Integer(allow_none=True)
    budget_max_usd = fields.Integer(allow_none=True)
    deadline = fields.Date(allow_none=True)
    hs_codes = fields.List(fields.String())
    nace_codes = fields.List(fields.String())
    cooperation_types = fields.List(fields.String())
    document_links = fields.List(fields.String())
    status = fields.String()
    proposals = fields.Integer(metadata={"description": "How many suppliers proposed"})
    created_at = UtcDateTime()
    updated_at = UtcDateTime()
    version = fields.Integer()


class ProjectInterestSchema(InputSchema):
    """A supplier's proposal (POST …/interest); the owner sends `company_id` and `status` to shortlist."""

    class Meta:
        unknown = RAISE

    MULTILINE_FIELDS = ("proposal",)
    proposal = TrimmedString(load_default="", validate=validate.Length(max=3000))
    company_id = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=1), metadata={
        "description": "Staff proposing for a supplier, or the owner naming the supplier it shortlists"})
    status = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(PROJECT_INTEREST_STATES),
                           metadata={"description": "Only the owner: `shortlisted` or `declined`"})


class ProjectInterestOutSchema(Schema):
    id = fields.Integer()
    project_id = fields.Integer()
    company_id = fields.Integer()
    proposal = fields.String()
    status = fields.String()
    created_at = UtcDateTime()
    updated_at = UtcDateTime()


class OutcomeSchema(InputSchema):
    class Meta:
        unknown = RAISE

    MULTILINE_FIELDS = ("note",)
    state = fields.String(required=True, validate=validate.OneOf(OUTCOME_STATES))
    contract_value_usd = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=1, max=MAX_USD))
    contract_year = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=2000, max=2100))
    contract_month = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=1, max=12))
    note = TrimmedString(load_default="", validate=validate.Length(max=2000))

    @validates_schema
    def _contract_has_value(self, data, **kwargs):
        if data.get("state") in ("contract_signed", "delivery_started"):
            errors = {key: ["required for a signed contract"] for key in ("contract_value_usd", "contract_year")
                      if data.get(key) is None}
            if errors:
                raise ValidationError(errors)
