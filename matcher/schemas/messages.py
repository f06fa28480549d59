"""marshmallow's own errors as Messages (matcher.messages.input): every field and validator of an
InputSchema formats its error into a Message with a code, so the API keeps marshmallow's English
while people read the same rule in their language.

`bind_messages(field)` runs when a field is bound to an InputSchema: marshmallow's default templates
(required, null, invalid …) become ours, and its Length / Range / OneOf validators become the
subclasses below, which pick the code by what failed. A message a schema sets itself stays as it is
(give it as `SOME_MESSAGE.template()`).
"""
from __future__ import annotations

from marshmallow import fields, validate

from matcher.messages import Message, MessageDefinition
from matcher.messages import input as say

_FIELD_TEMPLATES: list[tuple[type, dict[str, MessageDefinition]]] = [  # most specific class first
    (fields.AwareDateTime, {"invalid_awareness": say.NOT_AWARE}),
    (fields.Date, {"invalid": say.NOT_DATE}),
    (fields.DateTime, {"invalid": say.NOT_DATETIME}),
    (fields.Integer, {"invalid": say.NOT_INTEGER}),
    (fields.Float, {"special": say.NOT_FINITE}),
    (fields.Number, {"invalid": say.NOT_NUMBER, "too_large": say.NUMBER_TOO_LARGE}),
    (fields.Boolean, {"invalid": say.NOT_BOOLEAN}),
    (fields.String, {"invalid": say.NOT_TEXT, "invalid_utf8": say.NOT_UTF8}),
    (fields.List, {"invalid": say.NOT_LIST}),
    (fields.Nested, {"type": say.NOT_OBJECT}),
    (fields.Field, {"required": say.REQUIRED, "null": say.NULL, "validator_failed": say.INVALID_VALUE}),
]
SCHEMA_TEMPLATES = {"unknown": say.UNKNOWN_FIELD.template(), "type": say.NOT_INPUT_OBJECT.template()}


class Length(validate.Length):
    """marshmallow's Length, saying which bound failed by code (characters of a text, entries of a list)."""

    def _format_error(self, value, message):
        if self.error:
            return self.error.format(input=value, min=self.min, max=self.max, equal=self.equal)
        text = isinstance(value, str)
        if message == self.message_equal:
            definition = say.LENGTH_EQUAL
        elif message == self.message_min:
            definition = say.SHORTER_THAN if text else say.FEWER_THAN
        elif message == self.message_max:
            definition = say.LONGER_THAN if text else say.MORE_THAN
        elif not text:
            definition = say.COUNT_BETWEEN
        else:
            definition = say.LENGTH_REQUIRED if self.min == 1 else say.LENGTH_BETWEEN
        return definition(min=self.min, max=self.max, equal=self.equal)


class Range(validate.Range):
    """marshmallow's Range by code; `message` words the two-sided case for its field (an amount)."""

    def __init__(self, *args, message: MessageDefinition | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.message = message or say.IN_RANGE

    def _format_error(self, value, message):
        if self.error:
            return self.error.format(input=value, min=self.min, max=self.max)
        definition = (self.message if message == self.message_all
                      else say.AT_LEAST if message == self.message_min else say.AT_MOST)
        return definition(min=self.min, max=self.max)


class OneOf(validate.OneOf):
    def _format_error(self, value):
        if self.error != self.default_message:
            return super()._format_error(value)
        return say.ONE_OF(choices=self.choices_text)


def _ours(validator):
    """A plain marshmallow validator as its Message-saying subclass (a custom `error` is kept)."""
    error = {"error": validator.error} if validator.error and validator.error != getattr(
        validator, "default_message", None) else {}
    if type(validator) is validate.Length:
        return Length(min=validator.min, max=validator.max, equal=validator.equal, **error)
    if type(validator) is validate.Range:
        return Range(min=validator.min, max=validator.max, min_inclusive=validator.min_inclusive,
                     max_inclusive=validator.max_inclusive, **error)
    if type(validator) is validate.OneOf:
        return OneOf(validator.choices, labels=validator.labels, **error)
    if type(validator) in (validate.URL, validate.Email) and not isinstance(validator.error, Message):
        validator.error = (say.NOT_URL if isinstance(validator, validate.URL) else say.NOT_EMAIL).template()
    elif type(validator) is validate.Regexp and validator.error == validator.default_message:
        validator.error = say.NO_MATCH.template()
    return validator


def bind_messages(field: fields.Field) -> None:
    """Give `field` (and the field inside a List) our templates and validators."""
    defaults: dict[str, str] = {}
    for cls in reversed(type(field).__mro__):
        defaults.update(getattr(cls, "default_error_messages", {}) or {})
    for cls, templates in _FIELD_TEMPLATES:  # the most specific template of a key wins
        if isinstance(field, cls):
            for key, definition in templates.items():
                current = field.error_messages.get(key)
                if current is not None and not isinstance(current, Message) and current == defaults.get(key):
                    field.error_messages[key] = definition.template()
    field.validators = [_ours(v) for v in field.validators]
    inner = getattr(field, "inner", None)
    if isinstance(inner, fields.Field):
        bind_messages(inner)
