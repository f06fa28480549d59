"""marshmallow fields for the domain's codes, each checked against the reference taxonomies."""
from __future__ import annotations

import pycountry
from marshmallow import ValidationError, fields

from matcher.taxonomy import CodeError, hs, nace


class TrimmedString(fields.String):
    """A string with surrounding white space removed; blank becomes None when allowed."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        if not text and self.allow_none:
            return None
        return text


class HsCode(fields.String):
    def _deserialize(self, value, attr, data, **kwargs):
        try:
            return hs.validate(super()._deserialize(value, attr, data, **kwargs))
        except CodeError as exc:
            raise ValidationError(str(exc)) from None


class NaceCode(fields.String):
    def _deserialize(self, value, attr, data, **kwargs):
        try:
            return nace.validate(super()._deserialize(value, attr, data, **kwargs))
        except CodeError as exc:
            raise ValidationError(str(exc)) from None


class LanguageCode(fields.String):
    def _deserialize(self, value, attr, data, **kwargs):
        code = super()._deserialize(value, attr, data, **kwargs).strip().lower()
        if len(code) != 2 or pycountry.languages.get(alpha_2=code) is None:
            raise ValidationError(f"«{value}» is not an ISO 639-1 language code (e.g. ru, en, be)")
        return code


def unique_list(values: list) -> list:
    """Drop repeats, keep the order people wrote them in."""
    return list(dict.fromkeys(values))
