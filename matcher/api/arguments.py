"""Reading requests: query arguments through a schema, JSON and multipart bodies with precise 400/415/422 answers."""
from __future__ import annotations

import json
import math
from functools import wraps

from flask import request
from marshmallow import Schema, ValidationError

from matcher.api.openapi import doc_of
from matcher.errors import DomainError, ValidationFailed, flatten_errors

MAX_DEPTH = 20  # the deepest contract body (company.offers.N.hs_codes.M) is 4 levels


class BadRequest(DomainError):
    status = 400
    title = "Bad request"


class UnsupportedMediaType(DomainError):
    status = 415
    title = "Unsupported media type"


def query_args(schema_cls: type[Schema]):
    """Load the query string with `schema_cls` into the view's `args`; bad values are a 400 naming them."""

    def decorate(view):
        doc_of(view)["query"] = schema_cls

        @wraps(view)
        def wrapper(*args, **kwargs):
            raw = {key: request.args.get(key) for key in request.args}
            try:
                kwargs["args"] = schema_cls().load(raw)
            except ValidationError as exc:
                errors = flatten_errors(exc.messages)
                raise BadRequest(f"Invalid query parameter: {', '.join(sorted(errors))}", errors) from None
            return view(*args, **kwargs)

        return wrapper

    return decorate


def json_body(schema_cls: type[Schema]):
    """Parse a JSON object body into the view's `payload`; `schema_cls` documents it.

    Validation proper belongs to the services (one source of rules for the API and the web);
    here only what no schema can express: the media type, the syntax, and strings a
    database cannot store.
    """

    def decorate(view):
        doc_of(view)["body"] = schema_cls

        @wraps(view)
        def wrapper(*args, **kwargs):
            kwargs["payload"] = read_json_object()
            return view(*args, **kwargs)

        return wrapper

    return decorate


def form_body(schema_cls: type[Schema]):
    """Load a multipart/form-data body (fields and files) with `schema_cls` into the view's `form`.

    Anything but multipart is a 415; a missing or invalid part is a 422 naming it.
    """

    def decorate(view):
        doc_of(view)["form"] = schema_cls

        @wraps(view)
        def wrapper(*args, **kwargs):
            if request.mimetype != "multipart/form-data":
                raise UnsupportedMediaType("Send the body as multipart/form-data (e.g. curl -F file=@delegation.csv); "
                                           f"got {request.mimetype or 'no Content-Type'}")
            raw = {**request.form.to_dict(), **request.files.to_dict()}
            try:
                kwargs["form"] = schema_cls().load(raw)
            except ValidationError as exc:
                errors = flatten_errors(exc.messages)
                raise ValidationFailed(f"Some fields are invalid: {', '.join(sorted(errors))}", errors) from None
            return view(*args, **kwargs)

        return wrapper

    return decorate


def read_json_object() -> dict:
    mimetype = request.mimetype or ""
    if mimetype != "application/json" and not (mimetype.startswith("application/") and mimetype.endswith("+json")):
        raise UnsupportedMediaType(
            f"Send the body as JSON with Content-Type: application/json (got {mimetype or 'no Content-Type'})")
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise UnsupportedMediaType(f"The body must be UTF-8, not {charset}")
    raw = request.get_data(cache=True)  # past MAX_CONTENT_LENGTH this raises 413
    try:
        data = json.loads(raw.decode("utf-8-sig"), parse_constant=_refuse_constant, parse_float=_finite_float)
    except UnicodeDecodeError:
        raise BadRequest("The body is not valid UTF-8") from None
    except RecursionError:
        raise BadRequest("The body is nested too deeply") from None
    except ValueError as exc:
        raise BadRequest(f"The body is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ValidationFailed("The body must be a JSON object", {"_schema": ["expected a JSON object"]})
    errors = dict(_unstorable_strings(data))
    if errors:
        raise ValidationFailed(f"Some fields are invalid: {', '.join(sorted(errors))}", errors)
    return data


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text[:20]} is out of range")
    return value


def _unstorable_strings(data: dict):
    """(path, [message]) for every key or string holding NUL or a lone surrogate."""
    stack = [("", data, 0)]
    while stack:
        path, value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise BadRequest(f"The body is nested more than {MAX_DEPTH} levels deep")
        if isinstance(value, str):
            if "\x00" in value:
                yield path or "_schema", ["must not contain the NUL character"]
            elif not _encodes(value):
                yield path or "_schema", ["contains an unpaired surrogate; send valid Unicode"]
        elif isinstance(value, dict):
            for key, item in value.items():
                child = f"{path}.{key}" if path else str(key)
                if "\x00" in key or not _encodes(key):
                    yield child, ["the key is not a valid name"]
                else:
                    stack.append((child, item, depth + 1))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                stack.append((f"{path}.{index}" if path else str(index), item, depth + 1))


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
