"""Fixtures: an app per database backend, its schema built by running the migrations.

Every test that uses `app` runs on SQLite, and again on PostgreSQL when TEST_DATABASE_URL is set.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from matcher import create_app
from matcher.db import db

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


def _fresh_postgres(url: str) -> str:
    from config import normalise_database_url

    url = normalise_database_url(url)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request, tmp_path_factory) -> str:
    if request.param == "postgresql":
        return _fresh_postgres(os.environ["TEST_DATABASE_URL"])
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'matcher.sqlite3'}"


@pytest.fixture(scope="session")
def smtp_server():
    """A real SMTP server (aiosmtpd) in this process; every test app sends its mail there."""
    from mail_server import SmtpServer

    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture
def mailbox(smtp_server):
    """What reached the test SMTP server during this test, parsed."""
    smtp_server.mailbox.clear()
    yield smtp_server.mailbox
    smtp_server.mailbox.clear()


@pytest.fixture(scope="session")
def migrated_app(database_url, smtp_server, tmp_path_factory):
    """One app per backend whose schema comes from `flask db upgrade`, not create_all."""
    from flask_migrate import upgrade

    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test-only-not-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "RATELIMIT_STORAGE_URI": "memory://",
        "MAIL_URL": smtp_server.url,
        "MATCH_INDEX_DIR": str(tmp_path_factory.mktemp("match-index")),
    })
    with app.app_context():
        upgrade()
    return app


@pytest.fixture
def app(migrated_app):
    """The migrated app with empty tables after each test."""
    from matcher.services.match_index import install_in_process

    with migrated_app.app_context():
        install_in_process(migrated_app)   # the empty tables' index, built here, never by a request
        yield migrated_app
        db.session.rollback()
        _empty_all_tables()
        db.session.remove()
        migrated_app.extensions.pop("match_index", None)  # the tables it indexed are gone
    from matcher.extensions import limiter

    limiter.reset()


def _empty_all_tables() -> None:
    with db.engine.begin() as conn:
        for table in reversed(db.metadata.sorted_tables):
            conn.execute(table.delete())


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def company_payload():
    """A valid supplier payload; pass overrides to change fields."""

    def build(**overrides) -> dict:
        payload = {
            "name": "Станкостроительный завод (тест)",
            "country": "BY",
            "region": "BY-HO",
            "city": "Гомель",
            "roles": ["supplier"],
            "description": "Токарные и фрезерные станки с ЧПУ, обрабатывающие центры",
            "languages": ["ru", "en"],
            "certifications": ["ISO 9001"],
            "offers": [{
                "title": "Обрабатывающие центры с ЧПУ",
                "description": "Вертикальные обрабатывающие центры",
                "hs_codes": ["8457 10"],
                "nace_codes": ["28.41"],
                "annual_capacity_usd": 25_000_000,
            }],
        }
        payload.update(overrides)
        return payload

    return build


@pytest.fixture
def create_company(app, company_payload):
    """Factory: store a company through the service, with overrides."""
    from matcher.services.companies import create_company as create

    def build(**overrides):
        return create(company_payload(**overrides))

    return build


ROOT = Path(__file__).resolve().parent.parent
