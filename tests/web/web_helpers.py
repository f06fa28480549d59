"""Helpers for the web tests: a browser-like client that carries CSRF tokens, and page readers."""
from __future__ import annotations

import re
from html import unescape

from matcher.db import db

CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')
PASSWORD = "correct-horse-42"


class WebClient:
    """A Flask test client used like a person would: forms are posted with the page's CSRF token."""

    def __init__(self, client, language: str | None = None):
        self.client = client
        self.headers = {"Accept-Language": language} if language else {}

    def get(self, path: str, **kwargs):
        return self._settled(self.client.get(path, headers={**self.headers, **kwargs.pop("headers", {})}, **kwargs))

    @staticmethod
    def _settled(response):
        """End the request's transaction as a real request's teardown would: the tests keep one app
        context (and so one session) around many requests, and an open SQLite write transaction
        would lock out the test's own service calls."""
        db.session.rollback()
        return response

    def csrf(self, page: str = "/login") -> str:
        html = self.get(page).get_data(as_text=True)
        return CSRF_FIELD.search(html).group(1)

    def post(self, path: str, data: dict | None = None, page: str = "/login", csrf: bool = True, **kwargs):
        data = dict(data or {})
        if csrf:
            data["csrf_token"] = self.csrf(page)
        return self._settled(self.client.post(path, data=data, headers={**self.headers, **kwargs.pop("headers", {})},
                                              **kwargs))

    def cookie(self, name: str = "session"):
        found = self.client.get_cookie(name)
        return found.value if found else None

    def set_cookie(self, name: str, value: str) -> None:
        self.client.set_cookie(name, value)

    def sign_up(self, email: str, password: str = PASSWORD):
        return self.post("/signup", {"email": email, "password": password, "password_repeat": password},
                         page="/signup")

    def log_in(self, email: str, password: str = PASSWORD):
        return self.post("/login", {"email": email, "password": password})

    def log_out(self):
        return self.post("/logout")

    def create_profile(self, **fields):
        return self.post("/companies/new", profile_form(**fields), page="/login")


def profile_form(**overrides) -> dict:
    """A valid Belarusian supplier as the profile form posts it; keys are input names."""
    form = {
        "action": "save",
        "name": "Лесмаш (тест)",
        "name_en": "Lesmash (test)",
        "country": "BY",
        "region": "BY-MI",
        "city": "Борисов",
        "roles": ["supplier"],
        "tax_id": "",
        "website": "https://lesmash.example.by",
        "email": "sales@lesmash.example.by",
        "phone": "+375 17 000-00-00",
        "languages": "ru, en",
        "certifications": "EAC",
        "description": "Лесозаготовительная техника",
        "offers-0-title": "Харвестеры и форвардеры для лесозаготовки",
        "offers-0-description": "Колёсные лесные машины, сервис в Пермском крае",
        "offers-0-hs_codes": "8436 80",
        "offers-0-nace_codes": "28.30",
        "offers-0-volume": "20 000 000",
    }
    form.update(overrides)
    return {k: v for k, v in form.items() if v is not None}


def text_of(response) -> str:
    """The page as text with entities decoded and no-break spaces made plain, for `in` checks."""
    return unescape(response.get_data(as_text=True)).replace("\u00a0", " ").replace("\u202f", " ")


def field_error(response, input_id: str) -> str:
    """The error list rendered right after the input with this id ('' when there is none)."""
    html = response.get_data(as_text=True)
    found = re.search(rf'<ul class="field-errors" id="{re.escape(input_id)}-error">(.*?)</ul>', html, re.S)
    return unescape(re.sub(r"<[^>]+>", " ", found.group(1))).strip() if found else ""


def input_value(response, name: str) -> str | None:
    html = response.get_data(as_text=True)
    found = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*value="([^"]*)"', html)
    return unescape(found.group(1)) if found else None
