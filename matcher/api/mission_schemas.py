"""Schemas of the trade-mission endpoints: query arguments, PATCH and upload bodies, and answers.

Bodies that create or run things are validated by the services with `matcher.schemas.mission`;
these describe the rest of the contract for parsing and for the OpenAPI document.
"""
from __future__ import annotations

from marshmallow import EXCLUDE, RAISE, Schema, ValidationError, fields, validate
from werkzeug.datastructures import FileStorage

from matcher.api.schemas import CompanySummarySchema, PairSchema, ReasonSchema, page_schema
from matcher.schemas.mission import (
    FILE_FORMATS, HTTP_TIME_LIMIT_S, LANGUAGES, MatchListArgsSchema, MissionSchema, ScheduleRequestSchema,
)
from matcher.services.delegation_import import IMPORT_MODES

LANGUAGE_NOTE = "Language of column names and labels: ru or en (default: from Accept-Language, else ru)"


class MissionUpdateSchema(MissionSchema):
    """A PATCH body: any subset of the mission's fields; `company_ids` replaces the participants."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("partial", True)
        super().__init__(*args, **kwargs)


class HttpScheduleRequestSchema(ScheduleRequestSchema):
    """POST /missions/{id}/schedule: the day's shape, which pairs are worth a meeting, how long to search.

    Over HTTP `time_limit_s` is at most 30 s, so that scoring and solving end within the web
    server's 60 s timeout; `flask mission schedule` allows up to 50 s.
    """

    time_limit_s = fields.Float(
        load_default=20.0, validate=validate.Range(min=1, max=HTTP_TIME_LIMIT_S),
        metadata={"description": f"Seconds the scheduler may search, 1..{HTTP_TIME_LIMIT_S} over HTTP"})


class MeetingUpdateSchema(Schema):
    """A PATCH body for a meeting: lock it (kept in place by the next run) or unlock it."""

    class Meta:
        unknown = RAISE

    locked = fields.Boolean(required=True, truthy={True}, falsy={False},
                            metadata={"description": "true: the next schedule keeps this meeting in its "
                                                     "slot and at its table"})


class UploadedFile(fields.Field):
    """A file sent as a multipart/form-data part (with a filename)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("metadata", {}).update({"type": "string", "format": "binary"})
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, FileStorage):
            raise ValidationError("send the file as a multipart/form-data part with a filename")
        return value


class DelegationUploadSchema(Schema):
    """POST /missions/{id}/import: a delegation table (CSV or XLSX) and how to import it."""

    class Meta:
        unknown = RAISE

    file = UploadedFile(required=True, metadata={
        "description": "CSV (UTF-8, Windows-1251 or UTF-16; «,» «;» or tab) or XLSX, at most 2 MB; "
                       "headers in Russian or English as in the template"})
    mode = fields.String(load_default="all_or_nothing", validate=validate.OneOf(IMPORT_MODES), metadata={
        "description": "`all_or_nothing` (default): nothing is imported unless every row is valid (422 "
                       "naming each bad row); `valid_rows`: the valid rows are imported, the others reported"})
    dry_run = fields.Boolean(load_default=False, metadata={
        "description": "true: check and report what would happen, write nothing"})


class MissionMatchListArgsSchema(MatchListArgsSchema):
    """The match list's own arguments (checked as on the web), and the API's file format and language."""

    class Meta:
        unknown = EXCLUDE

    format = fields.String(load_default="json", validate=validate.OneOf(("json", *FILE_FORMATS)),
                           metadata={"description": "json (default), or the same list as a csv or xlsx file"})
    lang = fields.String(validate=validate.OneOf(LANGUAGES), metadata={"description": LANGUAGE_NOTE})


class LanguageArgsSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    lang = fields.String(validate=validate.OneOf(LANGUAGES), metadata={"description": LANGUAGE_NOTE})


class TemplateArgsSchema(LanguageArgsSchema):
    format = fields.String(load_default="xlsx", validate=validate.OneOf(FILE_FORMATS),
                           metadata={"description": "xlsx (default, with a sheet of instructions) or csv"})


# -- answers ------------------------------------------------------------------------------------

class MissionParticipantSchema(Schema):
    company_id = fields.Integer(required=True)
    available_slots = fields.List(fields.Integer(), allow_none=True, required=True,
                                  metadata={"description": "Slots the company attends; null: all day"})
    max_meetings = fields.Integer(allow_none=True, required=True,
                                  metadata={"description": "Cap on its meetings; null: no cap of its own"})
    company = fields.Nested(CompanySummarySchema, allow_none=True, required=True)


class MissionOutSchema(Schema):
    """A stored trade mission: its dates, its sector focus, its participants and who organises it."""

    id = fields.Integer(required=True)
    name = fields.String(required=True)
    city = fields.String(allow_none=True, required=True)
    starts_on = fields.Date(allow_none=True, required=True)
    ends_on = fields.Date(allow_none=True, required=True)
    hs_prefixes = fields.List(fields.String(), required=True,
                              metadata={"description": "Sector focus: only pairs with a product in these HS "
                                                       "chapters or headings make the match list"})
    nace_prefixes = fields.List(fields.String(), required=True,
                                metadata={"description": "Sector focus by NACE / OKVED section, division or group"})
    company_ids = fields.List(fields.Integer(), required=True)
    participants = fields.List(fields.Nested(MissionParticipantSchema), required=True)
    organizer_id = fields.Integer(allow_none=True, required=True)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)
    version = fields.Integer(required=True)


MissionPageSchema = page_schema("MissionPageSchema", MissionOutSchema)


class MissionPairSchema(Schema):
    supplier = fields.Nested(CompanySummarySchema, required=True)
    buyer = fields.Nested(CompanySummarySchema, required=True)
    score = fields.Float(required=True, validate=validate.Range(min=0, max=100))
    reasons = fields.List(fields.Nested(ReasonSchema), required=True,
                          metadata={"description": "Contributions add up to the score"})
    pairs = fields.List(fields.Nested(PairSchema), required=True,
                        metadata={"description": "The supplier's offers and the buyer's needs behind the score"})


class SectorFocusSchema(Schema):
    hs_prefixes = fields.List(fields.String(), required=True)
    nace_prefixes = fields.List(fields.String(), required=True)
    applied_as = fields.String(required=True, metadata={"description": "`filter`: the focus removes pairs, "
                                                                       "it never changes a score"})


class MissionMatchListSchema(Schema):
    """Supplier–buyer pairs among the mission's companies worth a meeting, best first."""

    items = fields.List(fields.Nested(MissionPairSchema), required=True, metadata={"description": "Best first"})
    total = fields.Integer(required=True)
    min_score = fields.Float(required=True)
    per_company = fields.Integer(required=True)
    sector_focus = fields.Nested(SectorFocusSchema, required=True)


class MeetingSchema(Schema):
    id = fields.Integer(required=True)
    slot = fields.Integer(required=True, metadata={"description": "1-based"})
    table = fields.Integer(required=True, metadata={"description": "1-based"})
    starts_at = fields.String(required=True, metadata={"description": "ISO 8601 in the offset the run was given"})
    ends_at = fields.String(required=True)
    supplier_id = fields.Integer(required=True)
    buyer_id = fields.Integer(required=True)
    score = fields.Float(required=True)
    locked = fields.Boolean(required=True)


class UnscheduledPairSchema(Schema):
    supplier_id = fields.Integer(required=True)
    buyer_id = fields.Integer(required=True)
    score = fields.Float(required=True)


class ScheduleSchema(Schema):
    """A meeting schedule: no company in two meetings of one slot, no table used twice in one slot."""

    id = fields.Integer(required=True)
    mission_id = fields.Integer(required=True)
    created_at = fields.DateTime(required=True)
    params = fields.Dict(required=True, metadata={"description": "The request the schedule was built from"})
    meetings = fields.List(fields.Nested(MeetingSchema), required=True)
    unscheduled = fields.List(fields.Nested(UnscheduledPairSchema), required=True,
                              metadata={"description": "Pairs of the match list that got no meeting"})
    total_value = fields.Float(required=True, metadata={"description": "Sum of the meetings' scores"})
    upper_bound = fields.Float(required=True, metadata={"description": "No schedule of this day can be worth "
                                                                       "more (see docs/scheduling.md)"})
    value_ratio = fields.Float(required=True, metadata={"description": "total_value / upper_bound"})
    companies_met = fields.Integer(allow_none=True, required=True)
    companies_with_partner = fields.Integer(allow_none=True, required=True)
    stats = fields.Dict(required=True)
    companies = fields.List(fields.Nested(CompanySummarySchema), required=True,
                            metadata={"description": "The companies the meetings and pairs name"})


class AgendaPartnerSchema(Schema):
    id = fields.Integer(allow_none=True, required=True)
    name = fields.String(required=True)
    name_en = fields.String(allow_none=True)
    display_name = fields.String(required=True, metadata={"description": "The name in the agenda's language"})
    country = fields.String()
    region = fields.String(allow_none=True)
    city = fields.String(allow_none=True, required=True)
    country_name = fields.String(required=True)
    region_name = fields.String(required=True)
    website = fields.String(allow_none=True)
    email = fields.String(allow_none=True, metadata={"description": "For organisers and the partner itself only"})
    phone = fields.String(allow_none=True, metadata={"description": "For organisers and the partner itself only"})


class AgendaMeetingSchema(MeetingSchema):
    role = fields.String(required=True, validate=validate.OneOf(("supplier", "buyer")),
                         metadata={"description": "The company's side in this meeting"})
    partner = fields.Nested(AgendaPartnerSchema, required=True)
    reasons = fields.List(fields.Nested(ReasonSchema), required=True)
    video_link = fields.String(allow_none=True, metadata={"description": "Hybrid missions: the pair's video-call link"})


class AgendaMissionSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    city = fields.String(allow_none=True, required=True)
    starts_on = fields.Date(allow_none=True, required=True)
    ends_on = fields.Date(allow_none=True, required=True)


class AgendaSchema(Schema):
    """One company's meetings in the mission's current schedule, by time."""

    mission = fields.Nested(AgendaMissionSchema, required=True)
    company = fields.Nested(CompanySummarySchema, required=True)
    schedule_id = fields.Integer(allow_none=True, required=True, metadata={"description": "null: no schedule yet"})
    schedule_created_at = fields.DateTime(allow_none=True, required=True)
    meetings = fields.List(fields.Nested(AgendaMeetingSchema), required=True)
    free_slots = fields.List(fields.Integer(), required=True)
    lang = fields.String(required=True)


class ImportFileSchema(Schema):
    format = fields.String(required=True, validate=validate.OneOf(FILE_FORMATS))
    encoding = fields.String(allow_none=True, required=True)
    delimiter = fields.String(allow_none=True, required=True)
    rows = fields.Integer(required=True)
    columns = fields.Dict(keys=fields.String(), values=fields.String(), required=True,
                          metadata={"description": "Field -> the column's header as written in the file"})
    ignored_columns = fields.List(fields.String(), required=True)


class RecognisedRowSchema(Schema):
    row = fields.Integer(required=True)
    company_id = fields.Integer(required=True)
    name = fields.String(required=True)
    name_in_file = fields.String(allow_none=True, required=True)
    by = fields.String(required=True, validate=validate.OneOf(("tax_id", "name")))
    similarity = fields.Float(allow_none=True, required=True)


class NewRowSchema(Schema):
    row = fields.Integer(required=True)
    name = fields.String(allow_none=True, required=True)
    company_id = fields.Integer()


class RejectedRowSchema(Schema):
    row = fields.Integer(required=True)
    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()), required=True,
                         metadata={"description": "Column (as the file names it) -> messages"})


class ProposedCodeSchema(Schema):
    scheme = fields.String(required=True, validate=validate.OneOf(("hs", "nace")))
    code = fields.String(required=True)
    label_ru = fields.String(required=True)
    label_en = fields.String(required=True)
    confidence = fields.Float(required=True, validate=validate.Range(min=0, max=1))
    evidence = fields.List(fields.String(), required=True,
                           metadata={"description": "The words of the row that produced the code"})


class ProposedCodesRowSchema(Schema):
    row = fields.Integer(required=True)
    name = fields.String(allow_none=True, required=True)
    item = fields.String(required=True, validate=validate.OneOf(("offer", "need")))
    title = fields.String(required=True)
    codes = fields.List(fields.Nested(ProposedCodeSchema), required=True)


class DelegationReportSchema(Schema):
    """What the import did (or, with dry_run, would do) with each row of the file."""

    file = fields.Nested(ImportFileSchema, required=True)
    mode = fields.String(required=True, validate=validate.OneOf(IMPORT_MODES))
    dry_run = fields.Boolean(required=True)
    imported = fields.Boolean(required=True)
    recognised = fields.List(fields.Nested(RecognisedRowSchema), required=True,
                             metadata={"description": "Rows that are companies already known (by tax id or name)"})
    to_create = fields.List(fields.Nested(NewRowSchema), required=True)
    created = fields.List(fields.Nested(NewRowSchema), required=True)
    rejected = fields.List(fields.Nested(RejectedRowSchema), required=True)
    participants_added = fields.Integer(required=True)
    proposed_codes = fields.List(fields.Nested(ProposedCodesRowSchema), metadata={
        "description": "New companies' offers and needs that came without codes, with the codes the classifier "
                       "proposes for their words. Proposals only: they are not stored as the company's codes"})
    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()), required=True,
                         metadata={"description": "`rows.N.field` (N: the row number a spreadsheet shows) -> messages"})
