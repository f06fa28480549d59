"""Load and fault script (not a test): gunicorn on PostgreSQL and on SQLite, mixed traffic,
then a PostgreSQL restart under keyed writes. Loopback only, bounded in time and requests.

    .venv/bin/python bench/load.py --seconds 60 --concurrency 64
    .venv/bin/python bench/load.py --quick            # 10 s per phase, for a smoke run

Prints requests/s, p50/p95/p99 latency and error counts per database (and per kind of request),
the number of "database is locked" lines in each gunicorn log, then for the restart: writes
acknowledged vs rows found (lost / doubled) and how long writes were refused. The restart uses
`pg_ctlcluster --skip-systemctl-redirect <version> main restart`, so it needs the rights to run
it (root or postgres) and briefly cuts every client of that cluster, not only this script.
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
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PG_ADMIN_URL = os.environ.get("LOAD_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")
MAX_REQUESTS_PER_PHASE = 200_000  # hard cap whatever the duration


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} × {model}"


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
        # A file, not a pipe: a pipe nobody reads fills up and blocks every worker that logs.
        self.log_path = Path(tempfile.mkstemp(prefix="matcher-gunicorn-", suffix=".log")[1])

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
             "wsgi:app"], cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=self.log_path.open("wb"))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log_path.read_text(errors='replace')[-3000:]}")
            try:
                if request(self.port, "GET", "/api/v1/health")[0] == 200:
                    return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not become healthy")

    def stop(self) -> str:
        """Stop gunicorn gracefully; returns its log (errors and warnings of every worker)."""
        if self.process:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None
        log = self.log_path.read_text(errors="replace")
        self.log_path.unlink(missing_ok=True)
        return log


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
            return "list", request(server.port, "GET", f"/api/v1/companies?q={quote('станки')}&page={rng.randint(1, 3)}", headers=auth)[0]
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

    by_kind: dict[str, list[float]] = {}

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
                by_kind.setdefault(kind, []).append(elapsed)
                outcomes[(kind, status)] += 1

    began = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(worker, range(concurrency)))
    wall = time.perf_counter() - began
    # A PATCH without If-Match is unconditional, so even 412 is an error; only 2xx are successes.
    errors = {f"{k}:{s}": n for (k, s), n in outcomes.items() if not (isinstance(s, int) and 200 <= s < 300)}
    kinds = {kind: {"count": len(values), "p50_ms": _quantile(values, 50), "p95_ms": _quantile(values, 95)}
             for kind, values in sorted(by_kind.items())}
    return {"requests": len(latencies), "rps": len(latencies) / wall, "p50_ms": _quantile(latencies, 50),
            "p95_ms": _quantile(latencies, 95), "p99_ms": _quantile(latencies, 99), "errors": errors,
            "kinds": kinds}


def _quantile(values: list[float], percent: int) -> float:
    """The `percent`th percentile in milliseconds."""
    if len(values) < 2:
        return values[0] * 1000 if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1] * 1000


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
    acknowledged: list[tuple[str, float]] = []  # (key, when)
    given_up: list[str] = []
    refusals: Counter = Counter()
    refused_at: list[float] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def writer(n: int) -> None:
        i = 0
        while time.monotonic() < stop_at:
            key = f"{run_tag}-{n}-{i}"
            give_up = time.monotonic() + 60
            while True:
                try:
                    status = request(server.port, "POST", "/api/v1/companies", company_body(key),
                                     headers={**auth, "Idempotency-Key": key}, timeout=10)[0]
                except Exception as exc:  # noqa: BLE001 - a refused or reset connection is retried too
                    status = type(exc).__name__
                if status == 201:
                    with lock:
                        acknowledged.append((key, time.monotonic()))
                    break
                with lock:
                    refusals[str(status)] += 1
                    refused_at.append(time.monotonic())
                if time.monotonic() > give_up:
                    with lock:
                        given_up.append(key)
                    break
                time.sleep(0.2)
            i += 1

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(concurrency)]
    for t in threads:
        t.start()
    time.sleep(seconds / 3)
    restart_began = time.monotonic()
    restart_postgres()
    restart_done = time.monotonic()
    for t in threads:
        t.join()

    keys = {key for key, _ in acknowledged}
    found: Counter = Counter()
    page = 1
    while True:
        _, body, _ = request(server.port, "GET", f"/api/v1/companies?q={run_tag}&per_page=200&page={page}",
                             headers=auth)
        items = json.loads(body)["items"]
        found.update(item["name"].removeprefix("Нагрузочный тест ") for item in items)
        if len(items) < 200:
            break
        page += 1
    times = sorted(when for _, when in acknowledged)
    gaps = [b - a for a, b in zip(times, times[1:])]
    last_refusal = max(refused_at, default=None)
    # Recovered: the first acknowledgement after the last refused try (every writer was through).
    recovered = next((when for when in times if last_refusal is not None and when > last_refusal), None)
    return {
        "acknowledged": len(keys), "rows_found": sum(found.values()),
        "lost": len([k for k in keys if found[k] == 0]),
        "doubled": len([k for k, c in found.items() if c > 1]),
        "unacknowledged_rows": len([k for k in found if k not in keys]),
        "given_up": len(given_up),
        "restart_s": restart_done - restart_began,
        "refused_from_s": (min(refused_at) - restart_began) if refused_at else None,
        "refused_until_s": (last_refusal - restart_began) if refused_at else None,
        "recovered_s": (recovered - restart_began) if recovered else None,
        "longest_ack_gap_s": max(gaps) if gaps else None,
        "refusals": dict(refusals),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--writers", type=int, default=16, help="keyed writers during the PostgreSQL restart")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--skip-restart", action="store_true")
    parser.add_argument("--logs", type=Path, help="keep each gunicorn log in this directory")
    args = parser.parse_args()
    seconds = 10 if args.quick else args.seconds
    print(f"machine: {machine()}; {seconds:.0f} s per phase, {args.concurrency} connections, "
          f"{args.workers} gunicorn workers", flush=True)

    tmp = Path(tempfile.mkdtemp(prefix="matcher-load-"))
    pg_db = f"matcher_rel_load_{uuid.uuid4().hex[:6]}"
    pg("CREATE DATABASE " + pg_db)
    backends = {
        "postgresql": f"postgresql+psycopg://postgres@127.0.0.1:5432/{pg_db}",
        "sqlite": f"sqlite:///{tmp / 'load.sqlite3'}",
    }
    failed = False
    try:
        for name, url in backends.items():
            server = Server(url, args.workers)
            server.start()
            try:
                token = server.flask("tokens", "create", "load@example.org", "--role", "admin").strip().splitlines()[-1]
                result = mixed_load(server, token, seconds, args.concurrency)
                restart = None
                if name == "postgresql" and not args.skip_restart:
                    restart = keyed_writes_through_restart(server, token, seconds, args.writers)
            finally:
                log = server.stop()
            if args.logs:
                args.logs.mkdir(parents=True, exist_ok=True)
                (args.logs / f"gunicorn-{name}.log").write_text(log)
            locked = log.count("database is locked")
            tracebacks = log.count("Traceback")
            print(f"{name}: {result['requests']} requests, {result['rps']:.0f} req/s, "
                  f"p50 {result['p50_ms']:.0f} ms, p95 {result['p95_ms']:.0f} ms, p99 {result['p99_ms']:.0f} ms, "
                  f"errors {sum(result['errors'].values())} {result['errors'] or ''}; "
                  f"gunicorn log: 'database is locked' {locked}, tracebacks {tracebacks}", flush=True)
            for kind, stats in result["kinds"].items():
                print(f"    {kind:>9}: {stats['count']:6d} requests, p50 {stats['p50_ms']:.0f} ms, "
                      f"p95 {stats['p95_ms']:.0f} ms")
            failed |= bool(result["errors"]) or locked > 0 or tracebacks > 0
            if restart:
                def seconds_or(value, missing="-"):
                    return missing if value is None else f"{value:.1f} s"

                print(f"postgresql restart under {args.writers} keyed writers: acknowledged {restart['acknowledged']}, "
                      f"rows found {restart['rows_found']}, lost {restart['lost']}, doubled {restart['doubled']}, "
                      f"rows never acknowledged {restart['unacknowledged_rows']}, keys given up {restart['given_up']}; "
                      f"pg_ctlcluster restart took {restart['restart_s']:.1f} s; tries refused from "
                      f"{seconds_or(restart['refused_from_s'])} to {seconds_or(restart['refused_until_s'])} after it "
                      f"began, recovered (first acknowledgement after the last refusal) at "
                      f"{seconds_or(restart['recovered_s'], 'never')}; longest pause between acknowledgements "
                      f"{seconds_or(restart['longest_ack_gap_s'])}; refused tries {restart['refusals']}", flush=True)
                failed |= restart["lost"] > 0 or restart["doubled"] > 0
    finally:
        pg(f"DROP DATABASE IF EXISTS {pg_db} WITH (FORCE)")
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
