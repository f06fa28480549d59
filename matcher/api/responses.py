"""Answers that are not JSON documents: 204 with no body."""
from __future__ import annotations

from flask import current_app


def no_content():
    """A 204 as Flask makes one from `("", 204)`; flask-smorest would serialise "" as JSON."""
    return current_app.response_class(status=204)
