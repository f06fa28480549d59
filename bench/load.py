"""Load and fault script (not a test): gunicorn on PostgreSQL and on SQLite, mixed traffic,
then a PostgreSQL restart under keyed writes. Loopback only, bounded in time and requests.

    .venv/bin/python bench/load.py --seconds 60 --concurrency 64
    .venv/bin/python bench/load.py --quick            # 10 s per phase, for a smoke run

Prints requests/s, p50/p95/p99 latency and error counts per database, then for the restart:
writes acknowledged vs rows found (lost / doubled) and the recovery time.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PG_ADMIN_URL = os.environ.get("LOAD_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")
MAX_REQUESTS_PER_PHASE = 200_000  # hard cap whatever the duration


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn serving wsgi:app on a loopback port with its own database."""

    def __init__(self, database_url: str, workers: int, env_extra: dict | None = None):
        self.port = free_port()
        self.env = {**os.environ, "DATABASE_URL": database_url, "MATCHER_ENV": "production",
                    "SECRET_KEY": uuid.uuid4().hex, "GUNICORN_ACCESSLOG": "",
                    "API_RATE_LIMIT": "1000000/minute", "API_IP_RATE_LIMIT": "1000000/minute",
                    **(env_extra or {})}
        self.workers = workers
        self.process: subprocess.Popen | None = None

    def flask(self, *args: str) -> str:
        out = subprocess.run([str(BIN / "flask"), "--app", "wsgi", *args], cwd=ROOT, env=self.env,
                             capture_output=True, text=True, check=True)
        return out.stdout

    def start(self) -> None:
        self.flask("db", "upgrade")
        self.flask("seed-demo")
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", "config/gunicorn.conf.py", "--workers", str(self.workers),
             "--threads", "4", "--bind", f"127.0.0.1:{self.port}", "--access-logfile", "/dev/null",
             "wsgi:app"], cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if request(self.port, "GET", "/api/v1/health")[0] == 200:
                    return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not become healthy")

    def stop(self) -> str:
        if self.process:
            self.process.send_signal(signal.SIGTERM)
            try:
                _, err = self.process.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                _, err = self.process.communicate()
            return err.decode(errors="replace")
        return ""


_local = threading.local()


def request(port: int, method: str, path: str, body: dict | None = None, headers: dict | None = None,
            timeout: float = 30.0) -> tuple[int, bytes, dict]:
    """One request over this thread's keep-alive connection (reconnecting when it broke)."""
    conns = getattr(_local, "conns", None)
    if conns is None:
        conns = _local.conns = {}
    data = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
    hdrs = {"Content-Type": "application/json", **(headers or {})}
    for attempt in (1, 2):
        conn = conns.get(port) or http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        conns[port] = conn
        try:
            conn.request(method, path, body=data, headers=hdrs)
            resp = conn.getresponse()
            payload = resp.read()
            return resp.status, payload, dict(resp.getheaders())
        except (http.client.HTTPException, OSError):
            conn.close()
            conns.pop(port, None)
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def company_body(tag: str) -> dict:
    return {"name": f"Нагрузочный тест {tag}", "country": "BY", "region": "BY-HM", "roles": ["supplier"],
            "description": "Станки с ЧПУ и обрабатывающие центры",
            "offers": [{"title": "Фрезерные станки", "hs_codes": ["8459"]}]}


def mixed_load(server: Server, token: str, seconds: float, concurrency: int) -> dict:
    """Reads (lists, profiles, matches) and writes (creates, patches) from many threads at once."""
    auth = {"Authorization": f"Bearer {token}"}
    status, body, _ = request(server.port, "GET", "/api/v1/companies?per_page=200", headers=auth)
    ids = [c["id"] for c in json.loads(body)["items"]]
    latencies: list[float] = []
    outcomes: Counter = Counter()
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    budget = [MAX_REQUESTS_PER_PHASE]

    def one_call(rng: random.Random) -> tuple[str, int]:
        roll = rng.random()
        if roll < 0.35:
            return "list", request(server.port, "GET", f"/api/v1/companies?q=станки&page={rng.randint(1, 3)}", headers=auth)[0]
        if roll < 0.60:
            return "get", request(server.port, "GET", f"/api/v1/companies/{rng.choice(ids)}", headers=auth)[0]
        if roll < 0.85:
            return "matches", request(server.port, "GET", f"/api/v1/companies/{rng.choice(ids)}/matches?limit=10", headers=auth)[0]
        if roll < 0.95:
            key = uuid.uuid4().hex
            return "create", request(server.port, "POST", "/api/v1/companies", company_body(key),
                                     headers={**auth, "Idempotency-Key": key})[0]
        target = rng.choice(ids)
        return "patch", request(server.port, "PATCH", f"/api/v1/companies/{target}",
                                {"city": f"Минск {rng.randint(1, 999)}"}, headers=auth)[0]

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        while time.monotonic() < stop_at:
            with lock:
                if budget[0] <= 0:
                    return
                budget[0] -= 1
            started = time.perf_counter()
            try:
                kind, status = one_call(rng)
            except Exception as exc:  # a dropped connection counts as an error, not a crash
                kind, status = "transport", type(exc).__name__
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                outcomes[(kind, status)] += 1

    began = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(worker, range(concurrency)))
    wall = time.perf_counter() - began
    # 412 on a PATCH without If-Match cannot happen; 2xx are successes; anything else is an error.
    errors = {f"{k}:{s}": n for (k, s), n in outcomes.items() if not (isinstance(s, int) and 200 <= s < 300)}
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 100 else [0] * 99
    return {"requests": len(latencies), "rps": len(latencies) / wall, "p50_ms": quantiles[49] * 1000,
            "p95_ms": quantiles[94] * 1000, "p99_ms": quantiles[98] * 1000, "errors": errors}


def pg(sql: str, db: str = "postgres") -> None:
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-qc", sql], check=True,
                   capture_output=True)


def restart_postgres() -> None:
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],
                   check=True, capture_output=True)


def keyed_writes_through_restart(server: Server, token: str, seconds: float, concurrency: int) -> dict:
    """Each writer retries its own Idempotency-Key until acknowledged; PostgreSQL restarts midway."""
    auth = {"Authorization": f"Bearer {token}"}
    run_tag = uuid.uuid4().hex[:8]
    acknowledged: list[str] = []
    failures_seen = Counter()
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    first_failure = [None]
    recovered_at = [None]

    def writer(n: int) -> None:
        i = 0
        while time.monotonic() < stop_at:
            key = f"{run_tag}-{n}-{i}"
            give_up = time.monotonic() + 60
            while time.monotonic() < give_up:
                try:
                    status = request(server.port, "POST", "/api/v1/companies", company_body(key),
                                     headers={**auth, "Idempotency-Key": key}, timeout=10)[0]
                except Exception as exc:
                    status = type(exc).__name__
                if status == 201:
                    with lock:
                        acknowledged.append(key)
                        if first_failure[0] and not recovered_at[0]:
                            recovered_at[0] = time.monotonic()
                    break
                with lock:
                    failures_seen[str(status)] += 1
                    first_failure[0] = first_failure[0] or time.monotonic()
                time.sleep(0.2)
            i += 1

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(concurrency)]
    for t in threads:
        t.start()
    time.sleep(seconds / 3)
    restart_started = time.monotonic()
    restart_postgres()
    for t in threads:
        t.join()
    names = {f"Нагрузочный тест {k}" for k in acknowledged}
    auth_rows = []
    page = 1
    while True:
        status, body, _ = request(server.port, "GET", f"/api/v1/companies?q={run_tag}&per_page=200&page={page}", headers=auth)
        items = json.loads(body)["items"]
        auth_rows.extend(items)
        if len(items) < 200:
            break
        page += 1
    found = Counter(item["name"] for item in auth_rows)
    lost = [n for n in names if found[n] == 0]
    doubled = [n for n, c in found.items() if c > 1]
    recovery = (recovered_at[0] - restart_started) if recovered_at[0] else None
    return {"acknowledged": len(acknowledged), "rows_found": sum(found.values()), "lost": len(lost),
            "doubled": len(doubled), "recovery_s": recovery, "retried_statuses": dict(failures_seen)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--skip-restart", action="store_true")
    args = parser.parse_args()
    seconds = 10 if args.quick else args.seconds
    print(f"machine: {os.cpu_count()} cores; {seconds:.0f} s per phase, {args.concurrency} connections, "
          f"{args.workers} gunicorn workers")

    tmp = Path(tempfile.mkdtemp(prefix="matcher-load-"))
    pg_db = f"matcher_load_{uuid.uuid4().hex[:6]}"
    pg("CREATE DATABASE " + pg_db)
    backends = {
        "postgresql": f"postgresql+psycopg://postgres@127.0.0.1:5432/{pg_db}",
        "sqlite": f"sqlite:///{tmp / 'load.sqlite3'}",
    }
    try:
        for name, url in backends.items():
            server = Server(url, args.workers)
            server.start()
            token = server.flask("tokens", "create", "load@example.org", "--role", "admin").strip().splitlines()[-1]
            result = mixed_load(server, token, seconds, args.concurrency)
            if name == "postgresql" and not args.skip_restart:
                restart = keyed_writes_through_restart(server, token, seconds, min(args.concurrency, 16))
            else:
                restart = None
            log = server.stop()
            locked = log.count("database is locked")
            print(f"{name}: {result['requests']} requests, {result['rps']:.0f} req/s, "
                  f"p50 {result['p50_ms']:.0f} ms, p95 {result['p95_ms']:.0f} ms, p99 {result['p99_ms']:.0f} ms, "
                  f"errors {sum(result['errors'].values())} {result['errors'] or ''}, "
                  f"'database is locked' in log: {locked}")
            if restart:
                print(f"postgresql restart under keyed writes: acknowledged {restart['acknowledged']}, "
                      f"rows found {restart['rows_found']}, lost {restart['lost']}, doubled {restart['doubled']}, "
                      f"recovery {restart['recovery_s'] if restart['recovery_s'] is None else round(restart['recovery_s'], 2)} s, "
                      f"retried answers {restart['retried_statuses']}")
    finally:
        pg(f"DROP DATABASE IF EXISTS {pg_db} WITH (FORCE)")
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
