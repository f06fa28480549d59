"""GET /api/docs: the OpenAPI document rendered as one plain HTML page (no scripts, no CDN)."""
from __future__ import annotations

import re

from flask import render_template
from markupsafe import Markup, escape

from matcher.api import api_docs
from matcher.api.auth import public
from matcher.api.openapi import openapi_document, tag, without_database

METHOD_ORDER = {"get": 0, "post": 1, "put": 2, "patch": 3, "delete": 4}


@api_docs.get("/docs")
@public
@without_database
@tag("service")
@api_docs.alt_response(200, schema={"type": "string"}, description="The reference as an HTML page",
                        content_type="text/html")  # documents; the page is not JSON, so no `response`
def reference_page():
    """A readable reference of this API, rendered on the server (works offline)."""
    spec = openapi_document()
    return render_template("api/reference.html", info=spec["info"], markdown=markdown,
                           groups=_operations_by_tag(spec), schemas=_schemas(spec))


def markdown(text: str) -> Markup:
    """Just enough Markdown for our descriptions: paragraphs, **bold** and `code`."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text or ""):
        html = str(escape(block.strip()))
        html = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", html)
        html = re.sub(r"`([^`]+)`", r"<code>\1</code>", html)
        if html:
            paragraphs.append(f"<p>{html}</p>")
    return Markup("\n".join(paragraphs))


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _type_of(schema: dict) -> str:
    if "$ref" in schema:
        return _ref_name(schema["$ref"])
    kind = schema.get("type", "any")
    if kind == "array":
        kind = f"array of {_type_of(schema.get('items', {}))}"
    if schema.get("format"):
        kind += f" ({schema['format']})"
    if schema.get("nullable"):
        kind += " or null"
    return kind


def _constraints(schema: dict) -> str:
    words = []
    for key, label in (("minimum", "≥"), ("maximum", "≤"), ("minLength", "min length"),
                       ("maxLength", "max length"), ("minItems", "min items"), ("maxItems", "max items"),
                       ("pattern", "pattern"), ("default", "default")):
        if key in schema and schema[key] is not None:
            words.append(f"{label} {schema[key]}")
    if "enum" in schema:
        words.append("one of " + ", ".join(map(str, schema["enum"])))
    items = schema.get("items", {})
    if "enum" in items:
        words.append("items one of " + ", ".join(map(str, items["enum"])))
    if schema.get("readOnly"):
        words.append("read-only")
    return "; ".join(words)


def _operations_by_tag(spec: dict) -> list[dict]:
    responses = spec.get("components", {}).get("responses", {})
    groups = {t["name"]: {"name": t["name"], "description": t.get("description", ""), "operations": []}
              for t in spec.get("tags", [])}
    for path, item in spec["paths"].items():
        shared = item.get("parameters", [])
        for method, op in sorted(((m, o) for m, o in item.items() if m in METHOD_ORDER),
                                 key=lambda pair: METHOD_ORDER[pair[0]]):
            parameters = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                           "type": _type_of(p.get("schema", {})), "constraints": _constraints(p.get("schema", {})),
                           "description": p.get("description", "")}
                          for p in [*shared, *op.get("parameters", [])]]
            body_media, body = next(((media, content.get("schema")) for media, content
                                     in op.get("requestBody", {}).get("content", {}).items()), (None, None))
            answers = []
            for status, response in op["responses"].items():
                if "$ref" in response:
                    response = responses[_ref_name(response["$ref"])]
                contents = list(response.get("content", {}).items())
                content = contents[0] if contents else (None, {})
                answers.append({"status": status, "description": response.get("description", ""),
                                "media_type": content[0], "type": _type_of(content[1].get("schema", {}))
                                if content[0] else "", "also": [media for media, _ in contents[1:]],
                                "headers": list(response.get("headers", {}))})
            group = groups.setdefault(op["tags"][0], {"name": op["tags"][0], "description": "", "operations": []})
            group["operations"].append({
                "id": op["operationId"], "method": method.upper(), "path": path, "summary": op.get("summary", ""),
                "description": op.get("description", ""), "public": op.get("security") == [],
                "parameters": parameters, "body": _type_of(body) if body else None,
                "body_media": "JSON" if body_media == "application/json" else body_media, "responses": answers,
            })
    return [g for g in groups.values() if g["operations"]]


def _schemas(spec: dict) -> list[dict]:
    result = []
    for name, schema in sorted(spec.get("components", {}).get("schemas", {}).items()):
        required = set(schema.get("required", []))
        result.append({
            "name": name, "description": schema.get("description", ""),
            "properties": [{"name": prop, "type": _type_of(body), "required": prop in required,
                            "constraints": _constraints(body), "description": body.get("description", "")}
                           for prop, body in schema.get("properties", {}).items()],
        })
    return result
