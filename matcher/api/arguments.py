"""Reading requests for `@api.arguments`: query arguments, JSON and multipart bodies, with precise 400/415/422 answers."""
from __future__ import annotations

import json
import math
from flask import request
from webargs.flaskparser import FlaskParser

from matcher.errors import DomainError, ValidationFailed, flatten_errors
from matcher.schemas import load_or_raise

MAX_DEPTH = 20  # the deepest contract body (company.offers.N.hs_codes.M) is 4 levels


class BadRequest(DomainError):
    status = 400
    title = "Bad request"


class UnsupportedMediaType(DomainError):
    status = 415
    title = "Unsupported media type"


class RequestParser(FlaskParser):
    """webargs' parser for `@api.arguments`, answering as this API always has.

    Locations: `query` (a bad value is a 400 naming the parameter, or a 422 with
    `error_status_code=422`), `body` (the JSON object as sent: the services validate it, one set of
    rules for the API and the web), `json` (the JSON object loaded with the schema; 422 naming the
    fields) and `multipart` (form fields and files; anything but multipart/form-data is a 415).
    The parsed value reaches the view as `args`, `payload` or `form`.
    """

    USE_ARGS_POSITIONAL = False
    __location_map__ = {**FlaskParser.__location_map__, "multipart": "load_multipart"}
    DEFAULT_UNKNOWN_BY_LOCATION = {**FlaskParser.DEFAULT_UNKNOWN_BY_LOCATION, "multipart": None}
    ARG_NAMES = {"query": "args", "body": "payload", "json": "payload", "multipart": "form"}

    def get_default_arg_name(self, location, schema):
        return self.ARG_NAMES[location]

    def parse(self, argmap, req=None, *, location=None, error_status_code=None, **kwargs):
        if location == "body":
            return read_json_object()
        if location == "json":
            return load_or_raise(self._get_schema(argmap, request), read_json_object())
        if location == "query" and error_status_code == 422:
            return load_or_raise(self._get_schema(argmap, request), {key: request.args.get(key) for key in request.args})
        if location == "multipart" and request.mimetype != "multipart/form-data":
            raise UnsupportedMediaType("Send the body as multipart/form-data (e.g. curl -F file=@delegation.csv); "
                                       f"got {request.mimetype or 'no Content-Type'}")
        return super().parse(argmap, req, location=location, error_status_code=error_status_code, **kwargs)

    def load_multipart(self, req, schema):
        return {**req.form.to_dict(), **req.files.to_dict()}

    def handle_error(self, error, req, schema, *, error_status_code, error_headers):
        ((location, messages),) = error.messages.items()  # webargs files the messages under the location
        errors = flatten_errors(messages)
        if location == "query":
            raise BadRequest(f"Invalid query parameter: {', '.join(sorted(errors))}", errors) from None
        raise ValidationFailed(f"Some fields are invalid: {', '.join(sorted(errors))}", errors) from None


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
