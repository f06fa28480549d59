"""Settings classes; environment variables override them (see `load_settings`)."""
from __future__ import annotations

import os
from pathlib import Path

from matcher.settings import SETTINGS

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = ROOT / "instance"


class Base:
    """Defaults shared by every environment."""

    SQLALCHEMY_DATABASE_URI = f"sqlite:///{INSTANCE / 'matcher.sqlite3'}"
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    SECRET_KEY: str | None = None
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024  # bytes; larger bodies get 413
    JSON_AS_ASCII = False
    BABEL_DEFAULT_LOCALE = SETTINGS.default_language  # the product's languages live in matcher/settings.py
    LANGUAGES = SETTINGS.languages
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    WTF_CSRF_TIME_LIMIT = None  # a form left open all day still submits
    MATCH_INDEX_REFRESH_SECONDS = 2.0  # how stale a worker's match index may be
    MATCH_INDEX_DIR: str | None = None  # where this machine's index snapshots live (default instance/index)
    MATCH_INDEX_REBUILD_AFTER = 20_000  # change-log rows past the snapshot that start a background rebuild
    MATCH_INDEX_BACKGROUND: bool | None = None  # the per-worker index thread; None: on unless TESTING
    MATCH_INDEX_NICHE_REFRESH_SECONDS = 30.0  # after a tail, niche memberships are recomputed at most this often
    MATCH_INDEX_BULK_TAIL = 500  # a longer tail is left to the builder process, not replayed in a web worker
    MATCH_INDEX_BUILD_PROCESSES: int | None = None  # processes a full build prepares items in; None: every CPU
    TRUSTED_HOSTS: list[str] | None = None
    # How many proxies in front of the app append to X-Forwarded-For; 0 trusts none (the header is ignored).
    PROXY_FIX_X_FOR = 0
    TESTING = False
    # Mail (matcher/mail): SMTP from MAIL_URL or MAIL_HOST/PORT/USER/PASSWORD/USE_TLS/USE_SSL;
    # with neither, messages are written to MAIL_FOLDER (default instance/mail) and shown at /admin/mail.
    MAIL_URL: str | None = None
    MAIL_HOST: str | None = None
    MAIL_PORT: int | None = None
    MAIL_USER: str | None = None
    MAIL_PASSWORD: str | None = None
    MAIL_USE_TLS = False  # STARTTLS on a plain connection
    MAIL_USE_SSL = False  # implicit TLS (smtps)
    MAIL_FROM = "matcher <noreply@localhost>"
    MAIL_FOLDER: str | None = None
    PUBLIC_URL: str | None = None  # e.g. https://matcher.example.org: links in mail sent outside a request
    EMAIL_VERIFY_MAX_AGE_SECONDS = 3 * 24 * 3600
    PASSWORD_RESET_MAX_AGE_SECONDS = 3600
    INVITE_MAX_AGE_SECONDS = 7 * 24 * 3600
    # Background jobs (matcher/jobs): RQ on this Redis (JOBS_REDIS_URL, else REDIS_URL); unset, they run
    # inline in the process that asks for them. `flask worker` runs them in production.
    JOBS_REDIS_URL: str | None = None
    JOBS_QUEUE = "matcher"
    MAIL_RETRY_INTERVALS_S = (60, 300, 1800, 7200)  # waits between tries of a mail; then it is marked failed
    IMPORT_JOB_MIN_BYTES = 200_000  # with a worker, delegation files this big are imported by a job


class Development(Base):
    """`make run` on a laptop: embedded SQLite, a throwaway secret."""

    SECRET_KEY = "dev-only-not-secret"  # noqa: S105 - replaced by SECRET_KEY in production


class Testing(Base):
    """The test suite: fast password hashing is NOT used; everything else real."""

    TESTING = True
    SECRET_KEY = "test-only-not-secret"  # noqa: S105
    RATELIMIT_ENABLED = True


class Production(Base):
    """Served by gunicorn behind TLS; the secret and database come from the environment."""

    SESSION_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"


PROFILES = {"development": Development, "testing": Testing, "production": Production}

# Environment variables that override settings, with their parsers.
_ENV_OVERRIDES = {
    "DATABASE_URL": ("SQLALCHEMY_DATABASE_URI", str),
    "SECRET_KEY": ("SECRET_KEY", str),
    "RATELIMIT_STORAGE_URI": ("RATELIMIT_STORAGE_URI", str),
    "MAX_CONTENT_LENGTH": ("MAX_CONTENT_LENGTH", int),
    "TRUSTED_HOSTS": ("TRUSTED_HOSTS", lambda v: [h.strip() for h in v.split(",") if h.strip()]),
    "MATCH_INDEX_REFRESH_SECONDS": ("MATCH_INDEX_REFRESH_SECONDS", float),
    "MATCH_INDEX_DIR": ("MATCH_INDEX_DIR", str),
    "MATCH_INDEX_REBUILD_AFTER": ("MATCH_INDEX_REBUILD_AFTER", int),
    "MATCH_INDEX_NICHE_REFRESH_SECONDS": ("MATCH_INDEX_NICHE_REFRESH_SECONDS", float),
    "MATCH_INDEX_BULK_TAIL": ("MATCH_INDEX_BULK_TAIL", int),
    "MATCH_INDEX_BUILD_PROCESSES": ("MATCH_INDEX_BUILD_PROCESSES", int),
    "API_RATE_LIMIT": ("API_RATE_LIMIT", str),
    "API_IP_RATE_LIMIT": ("API_IP_RATE_LIMIT", str),
    "PROXY_FIX_X_FOR": ("PROXY_FIX_X_FOR", int),
    "MAIL_URL": ("MAIL_URL", str),
    "MAIL_HOST": ("MAIL_HOST", str),
    "MAIL_PORT": ("MAIL_PORT", int),
    "MAIL_USER": ("MAIL_USER", str),
    "MAIL_PASSWORD": ("MAIL_PASSWORD", str),
    "MAIL_USE_TLS": ("MAIL_USE_TLS", lambda v: v.strip().lower() in ("1", "true", "yes", "on")),
    "MAIL_USE_SSL": ("MAIL_USE_SSL", lambda v: v.strip().lower() in ("1", "true", "yes", "on")),
    "MAIL_FROM": ("MAIL_FROM", str),
    "MAIL_FOLDER": ("MAIL_FOLDER", str),
    "PUBLIC_URL": ("PUBLIC_URL", str),
    "REDIS_URL": ("JOBS_REDIS_URL", str),
    "JOBS_REDIS_URL": ("JOBS_REDIS_URL", str),  # after REDIS_URL: the more specific one wins
    "JOBS_QUEUE": ("JOBS_QUEUE", str),
    "IMPORT_JOB_MIN_BYTES": ("IMPORT_JOB_MIN_BYTES", int),
    "MAIL_RETRY_INTERVALS_S": ("MAIL_RETRY_INTERVALS_S", lambda v: tuple(int(s) for s in v.split(",") if s.strip())),
}


def normalise_database_url(url: str) -> str:
    """Let operators write postgres:// or postgresql:// and still get psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def load_settings(profile: str | None = None) -> dict:
    """Settings of a profile (MATCHER_ENV, default development) with environment overrides."""
    name = profile or os.environ.get("MATCHER_ENV", "development")
    if name not in PROFILES:
        raise RuntimeError(f"MATCHER_ENV must be one of {sorted(PROFILES)}, not {name!r}")
    cls = PROFILES[name]
    settings = {key: getattr(cls, key) for key in dir(cls) if key.isupper()}
    for env_name, (key, parse) in _ENV_OVERRIDES.items():
        if os.environ.get(env_name):
            settings[key] = parse(os.environ[env_name])
    settings["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(settings["SQLALCHEMY_DATABASE_URI"])
    if name == "production" and not settings.get("SECRET_KEY"):
        raise RuntimeError("SECRET_KEY must be set in the environment in production")
    return settings
