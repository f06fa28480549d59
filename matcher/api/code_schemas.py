"""Schemas of /api/v1/codes: the search and suggest arguments, and the ranked codes they answer with."""
from __future__ import annotations

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates_schema

from matcher.api.schemas import QueryText
from matcher.schemas.fields import TrimmedString
from matcher.services.code_lookup import (
    LANGUAGES, MAX_DESCRIPTION_CHARS, MAX_QUERY_CHARS, MAX_TITLE_CHARS, SCHEMES,
)

MAX_LIMIT = 50

# Messages a client acts on, in one place.
BLANK_QUERY = "must not be blank: type a product in words or a code, e.g. станки, harvester or 8465"
NOTHING_TO_READ = "give a title or a description of the product (at least one must not be blank)"
SCHEME_NOTE = "Only codes of this scheme: hs (HS / TN VED EAEU) or nace (NACE Rev. 2 / OKVED2); both when left out"
LANG_NOTE = "Language of the labels: ru or en (default: from Accept-Language, else ru)"


class CodeSearchArgsSchema(Schema):
    """Query arguments of GET /api/v1/codes."""

    class Meta:
        unknown = EXCLUDE

    q = QueryText(required=True, validate=[validate.Length(min=1, error=BLANK_QUERY),
                                           validate.Length(max=MAX_QUERY_CHARS)],
                  metadata={"description": "Words as people type them (Russian or English, abbreviations, "
                                           "inflected forms, typos) or the start of a code, e.g. «станки по дереву», "
                                           "forwarder, 8465"})
    scheme = fields.String(validate=validate.OneOf(SCHEMES), metadata={"description": SCHEME_NOTE})
    lang = fields.String(validate=validate.OneOf(LANGUAGES), metadata={"description": LANG_NOTE})
    limit = fields.Integer(load_default=12, validate=validate.Range(min=1, max=MAX_LIMIT),
                           metadata={"description": f"At most this many codes, 1..{MAX_LIMIT}"})


class CodeSuggestSchema(Schema):
    """Body of POST /api/v1/codes/suggest: an offer's or need's own words."""

    title = TrimmedString(load_default="", validate=validate.Length(max=MAX_TITLE_CHARS),
                          metadata={"description": "The offer's or need's title, e.g. «Харвестеры и форвардеры»"})
    description = TrimmedString(load_default="", validate=validate.Length(max=MAX_DESCRIPTION_CHARS),
                                metadata={"description": "Free text: what it is, what it is for, what it is made of"})
    lang = fields.String(validate=validate.OneOf(LANGUAGES), metadata={"description": LANG_NOTE})
    scheme = fields.String(validate=validate.OneOf(SCHEMES), metadata={"description": SCHEME_NOTE})
    limit = fields.Integer(load_default=10, validate=validate.Range(min=1, max=MAX_LIMIT),
                           metadata={"description": f"At most this many codes, 1..{MAX_LIMIT}"})

    @validates_schema
    def _something_to_read(self, data, **kwargs):
        if not (data.get("title") or "").strip() and not (data.get("description") or "").strip():
            raise ValidationError(NOTHING_TO_READ, "title")


class CodeSuggestionSchema(Schema):
    """A code the classifier proposes, with how sure it is and the words that produced it."""

    scheme = fields.String(required=True, validate=validate.OneOf(SCHEMES),
                           metadata={"description": "hs or nace"})
    code = fields.String(required=True, metadata={"description": "HS heading or subheading (4 or 6 digits), "
                                                                 "or NACE class such as 28.49"})
    label = fields.String(required=True, metadata={"description": "The code's name in `lang`"})
    confidence = fields.Float(required=True, validate=validate.Range(min=0, max=1),
                              metadata={"description": "0..1; comparable within one answer"})
    evidence = fields.List(fields.String(), required=True,
                           metadata={"description": "The words of the query that produced this code"})


class CodeListSchema(Schema):
    """Codes, best first."""

    items = fields.List(fields.Nested(CodeSuggestionSchema), required=True)
    did_you_mean = fields.List(fields.String(), metadata={
        "description": "Search only: other spellings to try when the query found nothing (empty otherwise)"})
