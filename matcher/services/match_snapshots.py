"""Build, find and prune the match-index snapshots of this machine (MATCH_INDEX_DIR).

A snapshot is a directory `snap-<change id>-<time>` holding the engine's index as it was after
change-log row <change id>, written by `flask index build` or by `build_snapshot()` (what a
background job calls) into a temporary directory and renamed into place, so a reader never sees
half of one. A build either prepares every company afresh or, incremental, maps the newest
snapshot and replays the change log past it (what a bulk change calls for: the builder process
does it once for the machine instead of every web worker replaying it). One build at a time per machine: a lock file beside the snapshots. A snapshot is
used only if it was built by this scoring code from this database (the change-log row it names
exists with the same content; the URL is not compared, so machines that reach the same database
by different names can share a snapshot), otherwise it is skipped, and a new one is built.
"""
from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timezone
from pathlib import Path

from sqlalchemy import func, select

from matcher.db import db
from matcher.models import ChangeLog, Niche
from matcher.scoring import snapshot
from matcher.scoring.engine import MatchEngine
from matcher.services import change_tail, in_flight
from matcher.services.in_flight import Position

log = logging.getLogger(__name__)

PREFIX, TEMP_PREFIX, LOCK_NAME = "snap-", ".building-", ".build.lock"
KEEP = 2            # snapshots kept: the newest, and the one workers may still be mapping
REPLAY_ALWAYS_UP_TO = 1_000     # an incremental build replays a tail this short whatever the registry's size,
REPLAY_UP_TO_SHARE = 0.5        # and one up to this share of its profiles; longer: a fresh build


@dataclass(frozen=True)
class Found:
    path: Path
    manifest: dict

    @property
    def covers_change(self) -> int:
        return int(self.manifest["covers_change"])

    @property
    def position(self) -> Position:
        return Position.from_meta(self.manifest)


def index_dir(app) -> Path:
    configured = app.config.get("MATCH_INDEX_DIR")
    return Path(configured) if configured else Path(app.instance_path) / "index"


def database_fingerprint() -> str:
    """Which database a snapshot came from (its URL without the password, hashed)."""
    url = db.engine.url.render_as_string(hide_password=True)
    return hashlib.sha256(url.encode()).hexdigest()[:16]


def last_change_id() -> int:
    return db.session.scalar(select(func.max(ChangeLog.id))) or 0


def changes_after(change_id: int) -> int:
    """How many change-log rows come after `change_id` (ids may have gaps: count, do not subtract)."""
    return db.session.scalar(select(func.count()).select_from(ChangeLog).where(ChangeLog.id > change_id)) or 0


def change_anchor(change_id: int) -> list | None:
    """The change-log row a snapshot covers, as stored: a recreated database will not have it."""
    if not change_id:
        return None
    row = db.session.get(ChangeLog, change_id)
    if row is None:
        return ["missing"]
    at = row.created_at
    at = at.astimezone(timezone.utc).replace(tzinfo=None) if at.tzinfo else at
    return [row.entity, row.entity_id, at.isoformat(timespec="seconds")]


@contextmanager
def machine_lock(directory: Path, wait: bool = True):
    """Held while a snapshot is built on this machine; yields False when busy and wait=False."""
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / LOCK_NAME, "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def build_in_progress(directory: Path) -> bool:
    """Whether a process of this machine holds the build lock now (a look; nothing is kept)."""
    with machine_lock(directory, wait=False) as locked:
        return not locked


def build_processes(app) -> int:
    """Processes a full build prepares items in: MATCH_INDEX_BUILD_PROCESSES, else every CPU."""
    return int(app.config.get("MATCH_INDEX_BUILD_PROCESSES") or os.cpu_count() or 1)


def build_engine(processes: int | None = None) -> tuple[MatchEngine, Position]:
    """A fresh in-memory engine over every company and niche, and the change-log position it
    covers. The position is read first: rows written during the build are replayed again, which is
    harmless, and rows in flight then are read once they commit (in_flight)."""
    from matcher.services.matching import _load_companies, company_profile, niche_profile

    covers = in_flight.start()
    engine = MatchEngine()
    profiles = [company_profile(c) for c in _load_companies()]
    niches = [niche_profile(n) for n in db.session.scalars(select(Niche))]
    engine.build(profiles, niches, processes=processes or 1)
    return engine, covers


def replay_onto(base: Found) -> tuple[MatchEngine, Position] | None:
    """The snapshot `base` mapped and brought up to the change log's end with the code a worker
    replays with (change_tail), and the change id it now covers; None when a fresh build is the
    better way: the tail is long (a build compacts what replaying leaves as tombstones, and
    costs about as much then) or the snapshot is already mostly tombstones."""
    tail = changes_after(base.covers_change)
    if tail > max(REPLAY_ALWAYS_UP_TO, int(base.manifest.get("profiles", 0) * REPLAY_UP_TO_SHARE)):
        log.info("match index: %d changes past %s, a full build instead of replaying", tail, base.path.name)
        return None
    try:
        store, _ = snapshot.load(base.path)
    except snapshot.SnapshotError as exc:
        log.warning("match index snapshot %s refused: %s", base.path.name, exc)
        discard(base.path)
        return None
    if store.needs_rebuild():
        return None
    engine = MatchEngine.over(store)
    covers = change_tail.replay_tail(engine, base.position)
    # a worker that maps it takes its niche memberships as a fresh build's (as the build it replaces)
    engine.refresh_niches()
    return engine, covers


def build_snapshot(app, wait: bool = True, incremental: bool = False,
                   processes: int | None = None) -> Found | None:
    """Build and publish a snapshot of the whole index (a CLI command, a job or the builder
    process runs this, never a web worker). Returns it, or None when another process is
    building (wait=False). `incremental`: replay the change log past the newest usable snapshot
    instead of building from scratch (see replay_onto), and when nothing is past it, return that
    snapshot as it is."""
    directory = index_dir(app)
    with machine_lock(directory, wait) as locked:
        if not locked:
            return None
        started = time.monotonic()
        base = newest_snapshot(app) if incremental else None
        if base is not None and changes_after(base.covers_change) == 0:
            return base
        replayed = replay_onto(base) if base is not None else None
        engine, position = replayed or build_engine(processes or build_processes(app))
        covers = position.covers
        built_s = time.monotonic() - started
        temp = Path(directory / f"{TEMP_PREFIX}{os.getpid()}-{time.time_ns()}")
        temp.mkdir()
        try:
            engine.write_snapshot(temp, {
                **position.as_meta(), "anchor": change_anchor(covers), "database": database_fingerprint(),
                "profiles": len(engine), "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "build_seconds": round(built_s, 2), "replayed_onto": base.path.name if replayed else None,
                "built_by_pid": os.getpid()})
            final = directory / f"{PREFIX}{covers:012d}-{time.time_ns()}"
            os.rename(temp, final)      # atomic: a reader sees the whole snapshot or none
        except BaseException:
            shutil.rmtree(temp, ignore_errors=True)
            raise
        prune(directory, built=final)
        log.info("match index snapshot %s: %d profiles, change %d, %s, %.1f s", final.name, len(engine), covers,
                 f"replayed onto {base.path.name}" if replayed else "built afresh", time.monotonic() - started)
        return Found(final, snapshot.read_manifest(final))


def usable(path: Path) -> Found | None:
    """The snapshot at `path` if this worker may serve it, else None (with the reason logged)."""
    try:
        manifest = snapshot.read_manifest(path)
        if manifest.get("engine") != snapshot.engine_fingerprint():
            raise snapshot.SnapshotError("built by other scoring code")
        covers = int(manifest["covers_change"])
        if covers > last_change_id() or change_anchor(covers) != manifest.get("anchor"):
            raise snapshot.SnapshotError("its change-log row is not in this database")
    except (snapshot.SnapshotError, KeyError, TypeError, ValueError) as exc:
        log.warning("match index snapshot %s skipped: %s", path.name, exc)
        return None
    return Found(path, manifest)


def newest_snapshot(app) -> Found | None:
    """The newest usable snapshot of this machine, or None."""
    directory = index_dir(app)
    if not directory.is_dir():
        return None
    for path in sorted(directory.glob(f"{PREFIX}*"), reverse=True):
        found = usable(path)
        if found is not None:
            return found
    return None


def discard(path: Path) -> None:
    """Remove a snapshot found damaged, so no worker tries it again."""
    shutil.rmtree(path, ignore_errors=True)


def prune(directory: Path, keep: int = KEEP, built: Path | None = None) -> None:
    """Drop all but the newest `keep` snapshots, and temporary directories of dead builds. A
    worker still mapping a dropped one keeps reading it: Linux frees the files on unmap. The
    snapshot just `built` always stays: names order by change-log id, and a recreated database
    (or another one sharing the directory) has lower ids than the snapshots already there."""
    for path in sorted(directory.glob(f"{PREFIX}*"), reverse=True)[keep:]:
        if path != built:
            shutil.rmtree(path, ignore_errors=True)
    for path in directory.glob(f"{TEMP_PREFIX}*"):
        pid = path.name[len(TEMP_PREFIX):].split("-")[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
