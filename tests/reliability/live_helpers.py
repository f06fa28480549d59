"""A real gunicorn serving the app on a loopback port, and a small HTTP client that talks to it."""
from __future__ import annotations

import itertools

import http.client
import json as jsonlib
import os
import re
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')
# What a log must never show: SQLite refusing a write, or a request that died with a trace.
LOG_FAULTS = ("database is locked", "Traceback", "Exception in worker")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self):
        return jsonlib.loads(self.body)

    @property
    def mimetype(self) -> str:
        return (self.headers.get("Content-Type") or "").split(";")[0].strip()

    def set_cookies(self) -> list[str]:
        return self.headers.get_all("Set-Cookie") or []


@dataclass
class Browser:
    """Requests to the live server over one keep-alive connection; keeps cookies like a browser,
    except that it also sends cookies marked Secure (the server runs the production profile on
    plain HTTP here)."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    timeout: float = 60.0
    _connection: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None) -> Answer:
        headers = dict(headers or {})
        if self.cookies:
            headers.setdefault("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        while True:
            reused = self._connection is not None
            connection = self._connection or http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            self._connection = connection
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                answer = Answer(response.status, response.headers, response.read())
                break
            except (ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected):
                connection.close()
                self._connection = None
                if not reused:  # a fresh connection that fails is a failure to report
                    raise
                # else a keep-alive connection the server closed between requests: open a new one
        if answer.headers.get("Connection", "").lower() == "close":
            self.close()
        for cookie in answer.set_cookies():
            name, _, rest = cookie.partition("=")
            value = rest.split(";", 1)[0]
            if "max-age=0" in cookie.lower() or "expires=thu, 01 jan 1970" in cookie.lower():
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return answer

    def get(self, path: str, headers: dict | None = None) -> Answer:
        return self.request("GET", path, headers=headers)

    def json(self, method: str, path: str, payload, headers: dict | None = None) -> Answer:
        body = jsonlib.dumps(payload, ensure_ascii=False).encode()
        return self.request(method, path, body, {"Content-Type": "application/json", **(headers or {})})

    def csrf(self, page: str = "/login") -> str:
        return CSRF_FIELD.search(self.get(page).text).group(1)

    def form(self, path: str, data: dict, csrf: str | None = None, page: str = "/login") -> Answer:
        data = {**data, "csrf_token": csrf or self.csrf(page)}
        return self.request("POST", path, urlencode(data, doseq=True).encode(),
                            {"Content-Type": "application/x-www-form-urlencoded"})

    def log_in(self, email: str, password: str) -> Answer:
        return self.form("/login", {"email": email, "password": password})

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


class LiveServer:
    """gunicorn -c config/gunicorn.conf.py with 4 workers over the test database, production profile."""

    def __init__(self, database_url: str, log_path: Path, limiter_storage: str, workers: int = 4):
        self.port = free_port()
        self.log_path = log_path
        self.access_log_path = log_path.with_name("access.log")
        self.secret_key = uuid.uuid4().hex
        self.limiter_storage = limiter_storage
        self.env = {
            **os.environ,
            "MATCHER_ENV": "production", "SECRET_KEY": self.secret_key, "DATABASE_URL": database_url,
            "RATELIMIT_STORAGE_URI": limiter_storage, "TRUSTED_HOSTS": "127.0.0.1,localhost",
            "API_RATE_LIMIT": "100000/minute", "API_IP_RATE_LIMIT": "100000/minute",
            "WEB_CONCURRENCY": str(workers), "GUNICORN_ACCESSLOG": str(self.access_log_path),
            # Its own snapshot directory: the worktree's instance/index/ belongs to other databases.
            "MATCH_INDEX_DIR": tempfile.mkdtemp(prefix="match-index-", dir=log_path.parent),
            # Which worker (pid) served each request, so tests can show the work was spread.
            "GUNICORN_CMD_ARGS": "--access-logformat='%(p)s %(m)s %(U)s %(s)s'",
        }
        self.process: subprocess.Popen | None = None
        self._log_seen = 0

    def start(self) -> LiveServer:
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [str(GUNICORN), "-c", "config/gunicorn.conf.py", "--bind", f"127.0.0.1:{self.port}", "wsgi:app"],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n{self.log()}")
            try:
                if Browser(self.port, timeout=2).get("/api/v1/health").status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within 60 s:\n{self.log()}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def browser(self) -> Browser:
        return Browser(self.port)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def new_log(self) -> str:
        """What the server logged since the last call."""
        text = self.log()
        fresh, self._log_seen = text[self._log_seen:], len(text)
        return fresh

    def access_count(self) -> int:
        return len(self.access_lines())

    def access_lines(self) -> list[str]:
        return self.access_log_path.read_text().splitlines() if self.access_log_path.exists() else []

    def workers_that_served(self, since: int, path: str) -> set[str]:
        """Pids of the workers that answered requests for `path` after access line number `since`."""
        return {line.split()[0] for line in self.access_lines()[since:] if line.split()[2:3] == [path]}

    def assert_log_clean(self) -> None:
        fresh = self.new_log()
        faults = [line for line in fresh.splitlines() if any(fault in line for fault in LOG_FAULTS)]
        assert not faults, "the server logged:\n" + fresh[-4000:]


def page_text(answer: Answer) -> str:
    return unescape(answer.text)


_LOG_FLOORS = itertools.count(1)


def keep_change_log_ids_rising() -> None:
    """Each worker's match index reads the change log past the last id it saw. Emptying the tables
    between tests lets SQLite hand out small ids again, which no worker would read; production never
    empties the log. A row far past any id used so far keeps the next ones above it (PostgreSQL's
    sequence never goes back, so there is nothing to do there). Every live test calls it."""
    from matcher.db import db
    from matcher.models import ChangeLog

    if db.engine.dialect.name != "sqlite":
        return
    db.session.add(ChangeLog(id=next(_LOG_FLOORS) * 10_000_000, entity="tests", entity_id=0))
    db.session.commit()
