"""marshmallow schemas, shared by the JSON API and the web forms."""
from marshmallow import ValidationError

from matcher.errors import ValidationFailed, flatten_errors
from matcher.messages.input import EXPECTED_OBJECT, FIELDS_INVALID, NOT_A_JSON_OBJECT, NUL_CHARACTER


def load_or_raise(schema, data, **kwargs):
    """schema.load, turning marshmallow's error into the domain's ValidationFailed with field paths."""
    if not isinstance(data, dict):
        raise ValidationFailed(NOT_A_JSON_OBJECT(), {"_schema": [EXPECTED_OBJECT()]})
    errors = dict(unstorable_strings(data))
    try:
        loaded = schema.load(data, **kwargs)
    except ValidationError as exc:
        errors = {**flatten_errors(exc.messages), **errors}
    if errors:
        raise ValidationFailed(FIELDS_INVALID(fields=", ".join(sorted(errors))), errors) from None
    return loaded


def unstorable_strings(value, path: str = ""):
    """(path, [message]) for every string holding NUL, which no PostgreSQL text column can store."""
    if isinstance(value, str):
        if "\x00" in value:
            yield path or "_schema", [NUL_CHARACTER()]
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from unstorable_strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from unstorable_strings(item, f"{path}.{index}" if path else str(index))
