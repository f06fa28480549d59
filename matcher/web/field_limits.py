"""The most characters each form input may hold, read from the marshmallow schemas that check the input."""
from __future__ import annotations

from flask import current_app
from marshmallow import Schema, fields, validate

from matcher.schemas.company import CompanySchema, NeedSchema
from matcher.schemas.mission import MissionSchema
from matcher.services.accounts import PASSWORD_MAX
from matcher.web import web
from matcher.web.params import SEARCH_TEXT_LIMIT

# A list typed into one input («8436 80, 8457»): each item, then «, ». Codes carry no length rule of their
# own; the longest national code as people write it («8436 80 000 0») has 13 characters.
SEPARATOR_CHARS = 2
CODE_CHARS = 13
AMOUNT_CHARS = 24  # «10 000 000 000 000» with spaces or no-break spaces between the groups
EMAIL_CHARS = 254  # the longest address SMTP carries (RFC 5321), as services.accounts checks it


def length_max(field: fields.Field) -> int | None:
    """The `max` of the field's Length rule, if it has one."""
    return next((rule.max for rule in field.validators if isinstance(rule, validate.Length) and rule.max), None)


def text_limit(schema: type[Schema], name: str) -> int:
    """Characters an input for `schema`'s field `name` may hold: its own Length, or for a list typed into one
    input, as many items as the list may have, each as long as an item may be."""
    field = schema().fields[name]
    if isinstance(field, fields.List):
        item = length_max(field.inner) or CODE_CHARS
        return length_max(field) * (item + SEPARATOR_CHARS)
    return length_max(field)


FIELD_LIMITS: dict[str, int] = {
    **{f"company.{name}": text_limit(CompanySchema, name) for name in (
        "name", "name_en", "city", "tax_id", "website", "email", "phone", "description", "languages",
        "certifications")},
    **{f"item.{name}": text_limit(NeedSchema, name) for name in ("title", "description", "hs_codes", "nace_codes")},
    "item.volume": AMOUNT_CHARS,
    **{f"mission.{name}": text_limit(MissionSchema, name) for name in ("name", "city", "hs_prefixes", "nace_prefixes")},
    "search": SEARCH_TEXT_LIMIT,
    "account.email": EMAIL_CHARS,
    "account.password": PASSWORD_MAX,
}


def form_max_megabytes() -> str:
    """The largest body the app accepts (MAX_CONTENT_LENGTH), in megabytes as people read them: «2», «0.5»."""
    return f"{(current_app.config.get('MAX_CONTENT_LENGTH') or 0) / (1024 * 1024):.3g}"


@web.app_context_processor
def _form_limits() -> dict:
    """`field_limit("company.name")` for maxlength; the body limit for the script's size check before posting."""
    return {"field_limit": FIELD_LIMITS.__getitem__, "form_max_megabytes": form_max_megabytes(),
            "form_max_bytes": current_app.config.get("MAX_CONTENT_LENGTH") or 0}
