"""marshmallow schemas, shared by the JSON API and the web forms."""
from marshmallow import ValidationError

from matcher.errors import ValidationFailed, flatten_errors


def load_or_raise(schema, data, **kwargs):
    """schema.load, turning marshmallow's error into the domain's ValidationFailed with field paths."""
    if not isinstance(data, dict):
        raise ValidationFailed("The body must be a JSON object", {"_schema": ["expected a JSON object"]})
    try:
        return schema.load(data, **kwargs)
    except ValidationError as exc:
        errors = flatten_errors(exc.messages)
        fields = ", ".join(sorted(errors))
        raise ValidationFailed(f"Some fields are invalid: {fields}", errors) from None
