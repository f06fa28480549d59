"""marshmallow fields for the domain's codes, each checked against the reference taxonomies."""
from __future__ import annotations

from datetime import timezone

import pycountry
from marshmallow import ValidationError, fields

from matcher.messages.codes import LANGUAGE_UNKNOWN
from matcher.messages.input import ROW_ID_OUT_OF_RANGE
from matcher.schemas.messages import Range
from matcher.taxonomy import CodeError, hs, nace

MAX_ROW_ID = 2**31 - 1  # PostgreSQL's integer, which every id column is: a larger value fails the query


class TrimmedString(fields.String):
    """A string with surrounding white space removed; blank becomes None when allowed."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        if not text and self.allow_none:
            return None
        return text

    def _validate(self, value):
        if value is None:  # blank turned into None: the length and pattern rules are about text
            return
        super()._validate(value)


class RowId(fields.Integer):
    """A row id in a body: a JSON integer from 1 to 2³¹−1; past that no row can have it, so it is refused
    here rather than reaching the database (SQLite overflows at 2⁶³, PostgreSQL's integer at 2³¹)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("strict", True)
        kwargs.setdefault("validate", Range(min=1, max=MAX_ROW_ID, error=ROW_ID_OUT_OF_RANGE.template()))
        super().__init__(**kwargs)


class UtcDateTime(fields.DateTime):
    """An ISO 8601 timestamp that always carries its offset (SQLite hands back naive UTC)."""

    def _serialize(self, value, attr, obj, **kwargs):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return super()._serialize(value, attr, obj, **kwargs)


class HsCode(fields.String):
    def _deserialize(self, value, attr, data, **kwargs):
        try:
            return hs.validate(super()._deserialize(value, attr, data, **kwargs))
        except CodeError as exc:
            raise ValidationError(exc.message) from None


class NaceCode(fields.String):
    def _deserialize(self, value, attr, data, **kwargs):
        try:
            return nace.validate(super()._deserialize(value, attr, data, **kwargs))
        except CodeError as exc:
            raise ValidationError(exc.message) from None


class LanguageCode(fields.String):
    def _deserialize(self, value, attr, data, **kwargs):
        code = super()._deserialize(value, attr, data, **kwargs).strip().lower()
        if len(code) != 2 or pycountry.languages.get(alpha_2=code) is None:
            raise ValidationError(LANGUAGE_UNKNOWN(value=value))
        return code


def unique_list(values: list) -> list:
    """Drop repeats, keep the order people wrote them in."""
    return list(dict.fromkeys(values))
