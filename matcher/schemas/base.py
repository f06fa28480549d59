"""The base of every input schema: free text is cleaned (matcher.text_safety) before any field reads it."""
from __future__ import annotations

import re

from marshmallow import Schema, ValidationError, pre_load

from matcher.messages import input as say
from matcher.schemas.messages import SCHEMA_TEMPLATES, bind_messages
from matcher.text_safety import clean_text

# Shown when a field held something, but nothing a person could read.
ONLY_INVISIBLE = say.ONLY_INVISIBLE()
_LINE_BREAKS = re.compile(r"[ \t]*[\t\n][ \t\n]*")


class InputSchema(Schema):
    """Every string of the input is NFC with no control, bidi-override or zero-width character.

    Tab and newline stay only in the fields named in MULTILINE_FIELDS; in every other field a
    run of them becomes one space, so a pasted line break cannot split a name. A value that held
    characters but none worth keeping is refused (422 naming the field) rather than stored blank.
    NUL is refused earlier (matcher.schemas.load_or_raise) and stays a 422 of its own.

    Every error it raises is a Message (matcher.schemas.messages), marshmallow's own included.
    """

    error_messages = SCHEMA_TEMPLATES

    def on_bind_field(self, field_name, field_obj):
        bind_messages(field_obj)

    MULTILINE_FIELDS: tuple[str, ...] = ("description",)

    @pre_load
    def _clean_free_text(self, data, **kwargs):
        if not isinstance(data, dict):
            return data
        cleaned, errors = {}, {}
        for key, value in data.items():
            multiline = key in self.MULTILINE_FIELDS
            if isinstance(value, str):
                cleaned[key], refused = _clean(value, multiline)
                if refused:
                    errors[key] = [ONLY_INVISIBLE]
            elif isinstance(value, list):
                cleaned[key] = []
                for index, item in enumerate(value):
                    if isinstance(item, str):
                        item, refused = _clean(item, multiline)
                        if refused:
                            errors.setdefault(key, {})[index] = [ONLY_INVISIBLE]
                    cleaned[key].append(item)
            else:
                cleaned[key] = value
        if errors:
            raise ValidationError(errors)
        return cleaned


def _clean(value: str, multiline: bool) -> tuple[str, bool]:
    """The cleaned value, and whether cleaning emptied a value that was not blank."""
    text = clean_text(value)
    if not multiline:
        text = _LINE_BREAKS.sub(" ", text)
    return text, bool(value.strip()) and not text.strip()
