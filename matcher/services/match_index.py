"""This worker's match index: mapped from the machine's newest snapshot, kept current from the
change log by a background thread, swapped atomically for a newer snapshot; never built in a request.

States: no index (requests that need matches get 503 + Retry-After; /api/v1/health says
"starting") → ready. A request only replays a short change-log tail itself (a company saved a
moment ago); a long one (a bulk import) is left to the background thread, which applies it a
few companies per write lock. A bulk tail (past MATCH_INDEX_BULK_TAIL rows), a tail grown past
MATCH_INDEX_REBUILD_AFTER, or no snapshot at all is left to the machine's builder process
(matcher/index_builder.py), never built or replayed in this serving process: it writes a new
snapshot, which every worker of the machine then maps. A replay in a serving worker steps aside
for the worker's requests in flight (see requests_in_flight and scoring.replay.replay_aside).
"""
from __future__ import annotations

import gc
import json
import logging
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import OperationalError

from matcher.db import db
from matcher.scoring import snapshot
from matcher.scoring.engine import MatchEngine
from matcher.scoring.replay import RequestsInFlight, refresh_niches_aside
from matcher.services import change_tail, match_snapshots as snapshots
from matcher.services.in_flight import Position
from matcher.services.index_readiness import not_ready

log = logging.getLogger(__name__)

EXTENSION_KEY = "match_index"
REQUESTS_KEY = "match_index_requests"   # this worker's requests in flight; outlives forget_index
INLINE_REPLAY_LIMIT = 500       # change-log rows a request that must see a row just written may replay itself
REQUEST_REPLAY_LIMIT = 20       # rows any other request replays when its look is due; more are the thread's
BULK_TAIL = 500                 # a longer tail is a bulk change: the builder process applies it, not this worker
REBUILD_AFTER = 20_000          # changes past the mapped snapshot that make a new snapshot worth building
NICHE_REFRESH_SECONDS = 30.0    # a worker recomputes its niche memberships after a tail at most this often
ERROR_BACKOFF_SECONDS = 30.0
BUILDER_MODULE = "matcher.index_builder"        # run by name: services do not import the app factory
BUILDER_SETTINGS = ("SQLALCHEMY_DATABASE_URI", "SQLALCHEMY_ENGINE_OPTIONS", "TESTING", "MATCH_INDEX_BUILD_PROCESSES")
PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class WorkerIndex:
    engine: MatchEngine | None = None
    covers_change: int = 0              # the last change-log row the engine reflects
    position: Position = field(default_factory=Position)   # that, and the rows that may be in flight below it
    base_change: int = 0                # the row its snapshot (or in-process build) covered
    snapshot: str | None = None         # the directory name of the mapped snapshot
    checked_at: float = 0.0
    replaying: threading.Lock = field(default_factory=threading.Lock)
    thread: threading.Thread | None = None
    builder: subprocess.Popen | None = None     # the builder process this worker started, until reaped
    builder_failed_at: float | None = None
    last_error: str | None = None
    niches_exact_at: int = 0            # the change-log row up to which niche memberships are a fresh build's
    niches_refreshed_at: float = 0.0    # when they were last recomputed (time.monotonic)
    anchor_change: int = 0              # a change-log row this engine reflects, as the database had it
    anchor: list | None = None          # (see match_snapshots.change_anchor)
    log_went_back: bool = False         # the database's log no longer has that row: start again


def forget_index(app) -> None:
    """Drop this worker's index (tests that empty the tables call this)."""
    app.extensions.pop(EXTENSION_KEY, None)


def holder(app) -> WorkerIndex:
    return app.extensions.setdefault(EXTENSION_KEY, WorkerIndex())


def background_enabled(app) -> bool:
    """MATCH_INDEX_BACKGROUND, by default on except in tests (which build in-process, see conftest)."""
    configured = app.config.get("MATCH_INDEX_BACKGROUND")
    return (not app.testing) if configured is None else bool(configured)


# ---- getting an index -----------------------------------------------------------------------------
def _mapped(found: snapshots.Found) -> MatchEngine:
    store, _ = snapshot.load(found.path)
    return MatchEngine.over(store)


def _install(app, engine: MatchEngine, position: Position, name: str | None, freeze: bool = False) -> WorkerIndex:
    """Catch the new engine up with the log and make it this worker's, in one swap."""
    state = holder(app)
    covers = position.covers
    fresh = WorkerIndex(engine=engine, covers_change=covers, position=position, base_change=covers, snapshot=name)
    catch_up(fresh)                                 # most of the tail, while the old engine serves
    with state.replaying:
        catch_up(fresh)                             # the few rows written meanwhile
        state.engine, state.covers_change, state.position = fresh.engine, fresh.covers_change, fresh.position
        state.base_change, state.snapshot = fresh.base_change, fresh.snapshot
        state.niches_exact_at = covers                  # a build computes every membership after all items
        state.log_went_back, state.anchor_change = False, 0      # its anchor is read at the next look
        state.checked_at, state.last_error = time.monotonic(), None
    if freeze:
        # What is alive now lives as long as the engine: keep it out of the garbage collector's
        # full passes, which hold the GIL and so stall every query for as long as they take
        # (young garbage is collected first, so little cyclic garbage is frozen with it).
        gc.collect(1)
        gc.freeze()
    return state


def install_in_process(app) -> WorkerIndex:
    """Build in memory from the database and install it (the test fixture; nothing on disk)."""
    engine, position = snapshots.build_engine()
    return _install(app, engine, position, None)


def load_or_build(app) -> WorkerIndex:
    """Map the newest usable snapshot, building one first when there is none (waiting while
    another process of this machine builds it). A snapshot that fails to map is set aside."""
    for _attempt in range(3):
        found = snapshots.newest_snapshot(app)
        if found is None:
            with snapshots.machine_lock(snapshots.index_dir(app)):
                found = snapshots.newest_snapshot(app)     # built by another worker while we waited
            found = found or snapshots.build_snapshot(app)
        try:
            return _install(app, _mapped(found), found.position, found.path.name, freeze=True)
        except snapshot.SnapshotError as exc:
            log.warning("match index snapshot %s refused: %s", found.path.name, exc)
            snapshots.discard(found.path)
    raise RuntimeError("no usable match index snapshot after three builds")


# ---- keeping it current ---------------------------------------------------------------------------
def catch_up(state: WorkerIndex, limit: int | None = None, aside: RequestsInFlight | None = None,
             own: int = 0) -> bool:
    """Replay change-log rows past the engine's position; False (nothing applied) when more than
    `limit`. With `aside`, the replay steps aside for the requests in flight beyond `own` (see
    change_tail.replay_tail)."""
    reached = change_tail.replay_tail(state.engine, state.position, limit, aside, own)
    if reached is None:
        return False
    state.position, state.covers_change = reached, reached.covers
    return True


def engine(app, force_refresh: bool = False, in_request: bool = False) -> MatchEngine:
    """`app`'s engine in this worker, caught up with a short change-log tail. Outside a request (a CLI
    command, a job) a missing index is loaded on the spot; in a request it is 503 + Retry-After.
    The app hands it to the services (matcher/wiring.py)."""
    state = app.extensions.get(EXTENSION_KEY)
    if state is None or state.engine is None:
        if in_request:
            start_background(app)
            raise not_ready()
        state = load_or_build(app)
    interval = app.config.get("MATCH_INDEX_REFRESH_SECONDS", 2.0)
    if force_refresh or time.monotonic() - state.checked_at >= interval:
        # a request never queues behind another's replay: it serves the index as it is (unless it
        # must see a row written a moment ago: then it waits, and is no request to step aside for)
        if _acquire_replaying(app, state, blocking=force_refresh or not background_enabled(app)):
            try:
                background = background_enabled(app) and in_request
                # a request's own replay steps aside for the worker's other requests, not for itself
                counted = _this_request(app) if in_request else None
                # a request that happens to look when a tail is waiting pays for it: only a few rows
                # (≈ 3 ms each); the index thread replays longer ones stepping aside for requests
                limit = (INLINE_REPLAY_LIMIT if force_refresh else REQUEST_REPLAY_LIMIT) if background else None
                if not catch_up(state, limit, counted, own=1):
                    start_background(app)
                state.checked_at = time.monotonic()
            finally:
                state.replaying.release()
    return state.engine


def _acquire_replaying(app, state: WorkerIndex, blocking: bool) -> bool:
    if state.replaying.acquire(blocking=False):
        return True
    if not blocking:
        return False
    counted = _this_request(app)
    if counted is None:
        return state.replaying.acquire()
    with counted.not_counted():     # it only waits for the thread's replay, which need not step aside for it
        return state.replaying.acquire()


def status(app) -> dict:
    """Readiness for /api/v1/health: {"ready", "covers_change", "behind"}."""
    state = app.extensions.get(EXTENSION_KEY)
    if state is None or state.engine is None:
        return {"ready": False, "covers_change": 0, "behind": snapshots.changes_after(0)}
    return {"ready": True, "covers_change": state.covers_change, "behind": snapshots.changes_after(state.covers_change)}


def read_only() -> None:
    """This thread only reads the database: on SQLite its transactions must not begin IMMEDIATE
    (the default outside a request), which would take the write lock from every writer."""
    from matcher import sqlite_tuning

    sqlite_tuning.set_write_intent(False)


# ---- the background thread ------------------------------------------------------------------------
def start_background(app) -> None:
    """Start this worker's index thread once (gunicorn's post_worker_init, or the first request)."""
    if not background_enabled(app):
        return
    state = holder(app)
    if state.thread is not None and state.thread.is_alive():
        return
    with _START_LOCK:
        if state.thread is None or not state.thread.is_alive():
            state.thread = threading.Thread(target=_run, args=(app, state), name="match-index", daemon=True)
            state.thread.start()


_START_LOCK = threading.Lock()


def _run(app, state: WorkerIndex) -> None:
    """Load, then every MATCH_INDEX_REFRESH_SECONDS: map a newer snapshot or replay a short tail,
    and leave builds and bulk tails to the builder process."""
    read_only()
    while app.extensions.get(EXTENSION_KEY) is state:
        pause = max(app.config.get("MATCH_INDEX_REFRESH_SECONDS", 2.0), 0.2)
        with app.app_context():
            try:
                if state.engine is None:
                    _start_up(app, state)
                else:
                    _refresh(app, state)
            except OperationalError as exc:     # the database went away (restart, killed connections): expected
                state.last_error = str(exc)
                log.warning("match index thread: database unavailable, retrying in %.0f s: %s",
                            ERROR_BACKOFF_SECONDS, str(exc).splitlines()[0])
                pause = ERROR_BACKOFF_SECONDS
            except Exception as exc:  # noqa: BLE001 - the thread must outlive anything else too
                state.last_error = str(exc)
                log.exception("match index thread: %s", exc)
                pause = ERROR_BACKOFF_SECONDS
            finally:
                db.session.remove()
        time.sleep(pause)


def _start_up(app, state: WorkerIndex) -> None:
    """Map the newest snapshot and replay the tail past it. With none yet, or a bulk tail past it,
    the builder process makes a new one first (this worker says "starting" meanwhile; every worker
    of the machine would replay the same bulk) — unless the builder has just failed: then this
    worker replays the tail itself rather than stay unready."""
    _reap_builder(state)
    found = snapshots.newest_snapshot(app)
    if found is None or (snapshots.changes_after(found.covers_change) > _bulk_tail(app)
                         and not _builder_failed_lately(state)):
        start_builder(app, state)
        return
    load_or_build(app)


def _bulk_tail(app) -> int:
    return app.config.get("MATCH_INDEX_BULK_TAIL", BULK_TAIL)


def _refresh(app, state: WorkerIndex) -> None:
    """Swap to a newer snapshot, else replay a tail of at most MATCH_INDEX_BULK_TAIL rows here. A
    longer one (a bulk change), or a tail grown past MATCH_INDEX_REBUILD_AFTER, starts the builder
    process; this worker serves its engine as it is (health says how far behind) until the
    builder's snapshot appears, then maps it and replays the few rows past it."""
    _reap_builder(state)
    if _log_went_back(state):
        _start_again(app, state)
        return
    bulk = _bulk_tail(app)
    newest = snapshots.newest_snapshot(app)
    if newest is not None and newest.covers_change > state.base_change:
        if snapshots.changes_after(newest.covers_change) <= bulk:
            _install(app, _mapped(newest), newest.position, newest.path.name, freeze=True)
            log.info("match index: mapped %s", newest.path.name)
            return
    with state.replaying:
        replayed = catch_up(state, bulk, requests_in_flight(app))      # stepping aside for requests
        state.checked_at = time.monotonic()
    refresh_niches_if_due(app, state)
    rebuild_after = app.config.get("MATCH_INDEX_REBUILD_AFTER", REBUILD_AFTER)
    if not replayed or state.covers_change - state.base_change > rebuild_after:
        start_builder(app, state)


def _log_went_back(state: WorkerIndex) -> bool:
    """Whether the database's change log went back past this engine: the row it reflects is gone
    (the log ends before it) or is another row now — a restored or recreated database, whose new
    rows would have ids this worker believes it has seen. One primary-key read per look."""
    covers = state.covers_change
    if state.log_went_back or not covers:
        return state.log_went_back
    now = snapshots.change_anchor(covers)
    if now == ["missing"] or (state.anchor_change == covers and state.anchor != now):
        log.warning("match index: the change log no longer has change %d as this worker applied it (a restored "
                    "or recreated database); starting again from a snapshot of this database", covers)
        state.log_went_back = True
        return True
    state.anchor_change, state.anchor = covers, now
    return False


def _start_again(app, state: WorkerIndex) -> None:
    """After the log went back: map the newest snapshot of this database (the others are not
    usable: their anchor rows are not in it) and replay the tail past it, or have the builder
    make one and keep serving the engine as it is until then (the next looks map it)."""
    state.base_change = -1                  # any snapshot of this database replaces the engine
    found = snapshots.newest_snapshot(app)
    if found is not None and snapshots.changes_after(found.covers_change) <= _bulk_tail(app):
        _install(app, _mapped(found), found.position, found.path.name, freeze=True)
        log.info("match index: mapped %s", found.path.name)
    else:
        start_builder(app, state)


def refresh_niches_if_due(app, state: WorkerIndex) -> bool:
    """After a tail, recompute the engine's niche memberships as a fresh build would (the items the
    tail did not touch keep the fits of when they arrived): at most every
    MATCH_INDEX_NICHE_REFRESH_SECONDS, and only when rows were replayed since the last time. ≈ 0.3 s
    at 20,000 profiles, ≈ 1.2 s at 100,000, queries answered meanwhile; never in a request.

    Not under state.replaying, so that a request's short replay need not wait for it: a replay that
    lands meanwhile makes the engine install nothing, and it is tried again after the interval.
    True when installed."""
    interval = app.config.get("MATCH_INDEX_NICHE_REFRESH_SECONDS", NICHE_REFRESH_SECONDS)
    engine, covers = state.engine, state.covers_change      # rows are counted after they are applied
    if covers <= state.niches_exact_at or time.monotonic() - state.niches_refreshed_at < interval:
        return False
    state.niches_refreshed_at = time.monotonic()
    if not refresh_niches_aside(engine, requests_in_flight(app)):     # engine.refresh_niches(), stepping aside
        return False
    if state.engine is engine:                  # not swapped for a newer snapshot meanwhile
        state.niches_exact_at = covers
    return True


# ---- the builder process --------------------------------------------------------------------------
def start_builder(app, state: WorkerIndex) -> bool:
    """Start the machine's builder process (an incremental build) unless one runs already: this
    worker's, or any process holding the machine's build lock. A subprocess, not a thread (the
    build would share this worker's GIL) and not multiprocessing: a worker has threads, so no
    fork; and multiprocessing joins its children when the worker exits, which would hold a
    recycled worker for the whole build, while a daemonic child may not start the processes a
    full build prepares items in. The builder outlives this worker if need be and finishes."""
    _reap_builder(state)
    if state.builder is not None or snapshots.build_in_progress(snapshots.index_dir(app)):
        return False
    if _builder_failed_lately(state):
        return False
    path = os.pathsep.join(p for p in (str(PROJECT_ROOT), os.environ.get("PYTHONPATH")) if p)
    state.builder = subprocess.Popen([sys.executable, "-m", BUILDER_MODULE], stdin=subprocess.PIPE,
                                     env={**os.environ, "PYTHONPATH": path})
    try:
        state.builder.stdin.write(json.dumps(builder_settings(app)).encode())
        state.builder.stdin.close()
    except BrokenPipeError:         # it died at once; _reap_builder logs its exit
        pass
    log.info("match index: builder process %d started", state.builder.pid)
    return True


def builder_settings(app) -> dict:
    """What the builder needs of this app's configuration to build what this worker would map
    (a setting that JSON cannot carry, e.g. an engine option naming a class, is left to the
    builder's own defaults, with a log line)."""
    settings = {key: app.config[key] for key in BUILDER_SETTINGS if app.config.get(key) is not None}
    for key in list(settings):
        try:
            json.dumps(settings[key])
        except (TypeError, ValueError):
            log.warning("match index: %s is not passed to the builder process (not JSON)", key)
            del settings[key]
    settings.update(MATCH_INDEX_DIR=str(snapshots.index_dir(app).resolve()), MATCH_INDEX_BACKGROUND=False)
    return settings


def _builder_failed_lately(state: WorkerIndex) -> bool:
    return state.builder_failed_at is not None and time.monotonic() - state.builder_failed_at < ERROR_BACKOFF_SECONDS


def _reap_builder(state: WorkerIndex) -> None:
    """Collect the builder process once it has ended (no zombie), noting a failure."""
    if state.builder is None or state.builder.poll() is None:
        return
    if state.builder.returncode != 0:
        log.error("match index: builder process %d exited with %s", state.builder.pid, state.builder.returncode)
        state.builder_failed_at = time.monotonic()
    state.builder = None


# ---- requests in flight ---------------------------------------------------------------------------
_REQUEST = threading.local()        # the counter this thread's current request was counted in


def requests_in_flight(app) -> RequestsInFlight:
    """This worker's requests in flight, which its index thread's replay steps aside for: it shares
    their GIL, and a request that waits for the GIL waits a 5 ms switch interval each time."""
    return app.extensions.setdefault(REQUESTS_KEY, RequestsInFlight())


def _this_request(app) -> RequestsInFlight | None:
    counted = getattr(_REQUEST, "counted", None)
    return counted if counted is not None and counted is app.extensions.get(REQUESTS_KEY) else None


def install(app) -> None:
    """Count this worker's requests in flight, and start the index thread with the first request if
    no server hook started it already."""
    @app.before_request
    def _count_request():
        counter = requests_in_flight(app)
        counter.started()
        _REQUEST.counted = counter

    @app.teardown_request
    def _request_done(_exc=None):
        counter, _REQUEST.counted = getattr(_REQUEST, "counted", None), None
        if counter is not None:
            counter.ended()

    @app.before_request
    def _start_match_index():
        state = app.extensions.get(EXTENSION_KEY)
        if state is None or state.engine is None:
            start_background(app)
