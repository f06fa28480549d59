"""The worker's match index: snapshots on disk, the change-log tail, readiness, and 503 while loading."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from sqlalchemy import delete, select

from matcher.db import db
from matcher.scoring.replay import RequestsInFlight
from matcher.services import match_index, match_snapshots
from matcher.services.companies import delete_company, update_company
from matcher.services.match_index import forget_index
from matcher.services.matching import matches_for_company, matches_for_niche
from matcher.services.niches import create_niche, update_niche

BUYER = {"name": "Пермский моторный завод", "country": "RU", "region": "RU-PER", "roles": ["buyer"],
         "description": "", "languages": ["ru"], "certifications": [], "offers": [],
         "needs": [{"title": "Обрабатывающие центры", "hs_codes": ["8457"], "annual_volume_usd": 3_000_000}]}
OTHER_BUYER = {**BUYER, "name": "Perm Timber", "languages": ["en"],
               "needs": [{"title": "Forest harvesters and forwarders for logging"}]}


@pytest.fixture
def registry(create_company):
    """Three suppliers, two buyers and a niche; returns the companies' ids."""
    ids = [create_company().id,
           create_company(name="Лесмаш", offers=[{"title": "Харвестеры колёсные", "hs_codes": ["843680"]}]).id,
           create_company(name="Гомельские станки", offers=[{"title": "Токарные станки с ЧПУ",
                                                              "hs_codes": ["845811"]}]).id]
    ids += [create_company(**BUYER).id, create_company(**OTHER_BUYER).id]
    create_niche({"title": "Станки с ЧПУ", "departed_company": "DMG MORI", "hs_codes": ["8457", "8458"],
                  "region": "RU-PER", "exit_year": 2022})
    return ids


def _answers(ids: list[int]) -> dict:
    """Every match list of the registry, in both languages, as the API returns them."""
    out = {}
    for company_id in ids:
        for lang in ("en", "ru"):
            out[company_id, lang] = matches_for_company(company_id, lang=lang)
    from matcher.models import Niche
    for niche_id in db.session.scalars(select(Niche.id)):
        out["niche", niche_id] = matches_for_niche(niche_id, lang="ru")
    return out


def _snapshots(app) -> list:
    return sorted(p.name for p in match_snapshots.index_dir(app).glob(f"{match_snapshots.PREFIX}*"))


@pytest.fixture
def index_dir(app, tmp_path):
    """A snapshot directory of this test's own (the session's is shared between tests)."""
    before = app.config["MATCH_INDEX_DIR"]
    app.config["MATCH_INDEX_DIR"] = str(tmp_path / "index")
    yield tmp_path / "index"
    app.config["MATCH_INDEX_DIR"] = before


def test_a_mapped_snapshot_gives_the_same_matches_as_the_index_built_in_memory(app, registry, index_dir):
    built = _answers(registry)
    assert any(built[c, "en"] for c in registry)
    found = match_snapshots.build_snapshot(app)
    forget_index(app)
    state = match_index.load_or_build(app)
    assert state.snapshot == found.path.name and state.covers_change == found.covers_change
    assert _answers(registry) == built


def test_a_worker_with_a_snapshot_and_the_tail_since_answers_like_a_fresh_build(app, registry, index_dir,
                                                                               create_company):
    match_snapshots.build_snapshot(app)
    update_company(registry[1], {"offers": [{"title": "Форвардеры и харвестеры", "hs_codes": ["8436"]}]})
    delete_company(registry[2])
    newcomer = create_company(name="Бобруйские станки", offers=[{"title": "Фрезерные обрабатывающие центры",
                                                                  "hs_codes": ["845710"]}]).id
    ids = [c for c in registry if c != registry[2]] + [newcomer]

    forget_index(app)
    tail = match_index.load_or_build(app)
    assert tail.covers_change > tail.base_change          # it did replay the tail
    from_snapshot = _answers(ids)
    forget_index(app)
    match_index.install_in_process(app)
    assert _answers(ids) == from_snapshot
    assert any(m["company"]["id"] == newcomer for m in from_snapshot[registry[3], "en"])


def _a_tail_of_every_kind(registry: list[int], create_company) -> list[int]:
    """After a snapshot: an edit, a removal, a newcomer, a niche changed and another added; the
    companies' ids now."""
    from matcher.models import Niche

    update_company(registry[1], {"offers": [{"title": "Форвардеры и харвестеры", "hs_codes": ["8436"]}]})
    delete_company(registry[2])
    newcomer = create_company(name="Бобруйские станки", offers=[{"title": "Фрезерные обрабатывающие центры",
                                                                  "hs_codes": ["845710"]}]).id
    niche_id = db.session.scalar(select(Niche.id))
    update_niche(niche_id, {"title": "Фрезерные обрабатывающие центры", "hs_codes": ["845710"], "region": None})
    create_niche({"title": "Лесозаготовительная техника", "departed_company": "Komatsu Forest",
                  "hs_codes": ["843680"], "region": "RU-PER"})
    return [c for c in registry if c != registry[2]] + [newcomer]


def _served_from(app, found) -> dict:
    """The answers of a worker that maps `found` (and has nothing to replay past it)."""
    forget_index(app)
    state = match_index.load_or_build(app)
    assert state.snapshot == found.path.name and state.covers_change == state.base_change
    return state


def test_an_incremental_build_replays_the_tail_onto_the_snapshot_and_answers_like_a_fresh_build(
        app, registry, index_dir, create_company):
    first = match_snapshots.build_snapshot(app)
    ids = _a_tail_of_every_kind(registry, create_company)

    replayed = match_snapshots.build_snapshot(app, incremental=True)
    assert replayed.manifest["replayed_onto"] == first.path.name
    assert replayed.covers_change == match_snapshots.last_change_id()
    _served_from(app, replayed)
    from_replayed = _answers(ids)
    assert any(m["company"]["id"] == ids[-1] for m in from_replayed[registry[3], "en"])   # the newcomer

    fresh = match_snapshots.build_snapshot(app)
    assert fresh.manifest["replayed_onto"] is None
    _served_from(app, fresh)
    assert _answers(ids) == from_replayed


def test_an_incremental_build_with_nothing_past_the_newest_snapshot_writes_nothing(app, registry, index_dir):
    first = match_snapshots.build_snapshot(app)
    assert match_snapshots.build_snapshot(app, incremental=True).path == first.path
    assert _snapshots(app) == [first.path.name]


def test_an_incremental_build_builds_afresh_when_the_tail_is_long_against_the_registry(
        app, registry, index_dir, create_company, monkeypatch):
    match_snapshots.build_snapshot(app)
    monkeypatch.setattr(match_snapshots, "REPLAY_ALWAYS_UP_TO", 0)     # 5 profiles: a tail of 3 is long
    _a_tail_of_every_kind(registry, create_company)
    assert match_snapshots.build_snapshot(app, incremental=True).manifest["replayed_onto"] is None


def test_an_incremental_build_without_a_snapshot_builds_afresh(app, registry, index_dir):
    found = match_snapshots.build_snapshot(app, incremental=True)
    assert found.manifest["replayed_onto"] is None and found.manifest["profiles"] == 5


def test_a_snapshot_of_other_scoring_code_is_skipped_and_a_new_one_built(app, registry, index_dir):
    old = match_snapshots.build_snapshot(app)
    manifest = json.loads((old.path / "manifest.json").read_text())
    manifest["engine"] = "0" * 16
    (old.path / "manifest.json").write_text(json.dumps(manifest))
    assert match_snapshots.newest_snapshot(app) is None
    forget_index(app)
    state = match_index.load_or_build(app)
    assert state.snapshot != old.path.name and state.snapshot in _snapshots(app)


def test_a_snapshot_of_another_database_or_a_recreated_one_is_skipped(app, registry, index_dir):
    found = match_snapshots.build_snapshot(app)
    manifest = json.loads((found.path / "manifest.json").read_text())
    manifest["anchor"] = ["company", 999_999, "2020-01-01T00:00:00"]     # its change-log row is not ours
    (found.path / "manifest.json").write_text(json.dumps(manifest))
    assert match_snapshots.newest_snapshot(app) is None
    manifest["covers_change"] = 10**9                                     # ahead of this log
    (found.path / "manifest.json").write_text(json.dumps(manifest))
    assert match_snapshots.newest_snapshot(app) is None


def test_a_snapshot_built_below_the_change_ids_of_those_already_there_is_kept_and_served(
        app, registry, index_dir):
    for covers in (10**6, 10**6 + 1):                 # another database's, further along its log
        other = index_dir / f"{match_snapshots.PREFIX}{covers:012d}-1"
        shutil.copytree(match_snapshots.build_snapshot(app).path, other)
        manifest = json.loads((other / "manifest.json").read_text())
        manifest.update(covers_change=covers, anchor=["company", 999_999, "2020-01-01T00:00:00"])
        (other / "manifest.json").write_text(json.dumps(manifest))
    built = match_snapshots.build_snapshot(app)
    assert built.path.exists() and match_snapshots.newest_snapshot(app).path == built.path


def test_a_truncated_snapshot_is_never_served_and_is_rebuilt(app, registry, index_dir):
    built = _answers(registry)
    found = match_snapshots.build_snapshot(app)
    biggest = max(found.path.glob("*.npy"), key=lambda p: p.stat().st_size)
    biggest.write_bytes(biggest.read_bytes()[:64])
    forget_index(app)
    state = match_index.load_or_build(app)
    assert state.snapshot != found.path.name and not found.path.exists()
    assert _answers(registry) == built


def test_old_snapshots_are_pruned_and_half_written_ones_never_listed(app, registry, index_dir, create_company):
    names = []
    for n in range(4):
        create_company(name=f"Завод {n}")
        names.append(match_snapshots.build_snapshot(app).path.name)
    assert _snapshots(app) == names[-match_snapshots.KEEP:]
    (index_dir / f"{match_snapshots.TEMP_PREFIX}1-1").mkdir()             # a build that died mid-way
    assert match_snapshots.newest_snapshot(app).path.name == names[-1]


def test_health_reports_readiness_and_how_far_behind_the_change_log_the_worker_is(app, client, create_company):
    company = create_company()
    body = client.get("/api/v1/health").get_json()
    assert body["status"] == "ok" and body["index"]["ready"] is True
    assert body["index"]["behind"] == 1                  # saved, not yet replayed by this worker
    matches_for_company(company.id)                       # a read replays it
    body = client.get("/api/v1/health").get_json()
    last = match_snapshots.last_change_id()
    assert body["index"] == {"ready": True, "covers_change": last, "behind": 0}


def test_a_worker_without_an_index_says_starting_and_refuses_match_requests_with_retry_after(
        app, client, create_company):
    from matcher.services.accounts import create_token, get_or_create_user

    company = create_company()
    plain, _ = create_token(get_or_create_user("admin@example.org", "admin"), "tests")
    db.session.commit()
    admin = {"Authorization": f"Bearer {plain}"}
    niche = create_niche({"title": "Станки с ЧПУ", "departed_company": "DMG MORI", "hs_codes": ["8457"]})
    forget_index(app)                               # a worker that has just started

    health = client.get("/api/v1/health")
    assert health.status_code == 503 and health.headers["Retry-After"]
    assert health.get_json() == {"status": "starting", "database": "ok",
                                 "index": {"ready": False, "covers_change": 0, "behind": 2}}    # a company, a niche

    api = client.get(f"/api/v1/companies/{company.id}/matches", headers=admin)
    assert api.status_code == 503 and api.headers["Retry-After"]
    assert api.content_type == "application/problem+json" and "index" in api.get_json()["errors"]

    page = client.get(f"/niches/{niche.id}")
    assert page.status_code == 503 and page.headers["Retry-After"]
    assert "Подбор партнёров готовится" in page.get_data(as_text=True)
    assert client.get("/").status_code == 200        # the home page shows its figures without matches
    assert app.extensions.get("match_index") is None or app.extensions["match_index"].engine is None


def test_index_build_command_writes_a_snapshot_and_if_stale_keeps_a_usable_one(app, registry, index_dir):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["index", "build"])
    assert result.exit_code == 0, result.output
    assert "5 companies" in result.output
    first = _snapshots(app)
    result = runner.invoke(args=["index", "build", "--if-stale"])
    assert result.exit_code == 0 and "nothing to do" in result.output and _snapshots(app) == first
    status = json.loads(runner.invoke(args=["index", "status"]).output)
    assert status["snapshot"] == first[-1] and status["behind"] == 0


def test_index_build_incremental_replays_past_the_snapshot_and_does_nothing_when_nothing_is(
        app, registry, index_dir, create_company):
    runner = app.test_cli_runner()
    first = match_snapshots.build_snapshot(app)
    result = runner.invoke(args=["index", "build", "--incremental"])
    assert result.exit_code == 0 and "nothing to do" in result.output and _snapshots(app) == [first.path.name]
    create_company(name="Бобруйские станки")
    result = runner.invoke(args=["index", "build", "--incremental", "--processes", "2"])
    assert result.exit_code == 0, result.output
    assert f"6 companies, change {match_snapshots.last_change_id()}, replayed onto {first.path.name}" in result.output


def _until(condition, tries: int = 600) -> bool:
    """Poll a worker thread's progress (a bound on tries, not on time: the machine may be slow)."""
    import time

    for _ in range(tries):
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_the_worker_thread_maps_a_snapshot_then_swaps_to_a_newer_one_and_replays_the_tail(
        app, registry, index_dir, create_company):
    app.config.update(MATCH_INDEX_BACKGROUND=True, MATCH_INDEX_REFRESH_SECONDS=0.1)
    try:
        forget_index(app)
        first = match_snapshots.build_snapshot(app)
        match_index.start_background(app)
        state = app.extensions[match_index.EXTENSION_KEY]
        assert _until(lambda: state.engine is not None) and state.snapshot == first.path.name

        newcomer = create_company(name="Бобруйские станки", offers=[{"title": "Токарные станки",
                                                                      "hs_codes": ["845811"]}]).id
        assert _until(lambda: newcomer in state.engine)              # the tail, replayed by the thread
        second = match_snapshots.build_snapshot(app)                 # e.g. `flask index build` or a job
        assert _until(lambda: state.snapshot == second.path.name)    # mapped and swapped in
        assert newcomer in state.engine and state.base_change == second.covers_change
    finally:
        app.config.update(MATCH_INDEX_BACKGROUND=None, MATCH_INDEX_REFRESH_SECONDS=2.0)
        forget_index(app)                                            # the thread sees it and ends
        state.thread.join(timeout=30)


def test_the_worker_thread_recomputes_niche_memberships_after_a_tail_as_a_fresh_build_has_them(
        app, registry, index_dir, create_company):
    app.config.update(MATCH_INDEX_BACKGROUND=True, MATCH_INDEX_REFRESH_SECONDS=0.1,
                      MATCH_INDEX_NICHE_REFRESH_SECONDS=0)
    try:
        forget_index(app)
        match_snapshots.build_snapshot(app)
        match_index.start_background(app)
        state = app.extensions[match_index.EXTENSION_KEY]
        assert _until(lambda: state.engine is not None)
        of_arrival = {c: state.engine.niches_of_company(c) for c in registry}
        newcomer = create_company(name="Бобруйские станки", offers=[{"title": "Фрезерные обрабатывающие центры",
                                                                      "hs_codes": ["845710"]}]).id
        last = match_snapshots.last_change_id()
        assert _until(lambda: state.niches_exact_at >= last)          # replayed, then recomputed
        refreshed = {c: state.engine.niches_of_company(c) for c in [*registry, newcomer]}
    finally:
        app.config.update(MATCH_INDEX_BACKGROUND=None, MATCH_INDEX_REFRESH_SECONDS=2.0,
                          MATCH_INDEX_NICHE_REFRESH_SECONDS=30.0)
        forget_index(app)
        state.thread.join(timeout=30)
    fresh = match_index.install_in_process(app).engine
    assert refreshed == {c: fresh.niches_of_company(c) for c in refreshed}
    # the newcomer's words moved the weights: left as they arrived, the others' fits would differ
    assert of_arrival != {c: refreshed[c] for c in registry}


# ---- the builder process: builds and bulk tails never run in a web worker ---------------------------
@pytest.fixture
def worker(app, registry, index_dir):
    """A worker that mapped a snapshot of the registry (its background thread is not running:
    the tests call its refresh step themselves). Waits for a builder it started at the end."""
    match_snapshots.build_snapshot(app)
    forget_index(app)
    state = match_index.load_or_build(app)
    yield state
    if state.builder is not None:
        state.builder.wait(timeout=120)


def test_a_bulk_tail_is_left_to_the_builder_process_and_the_worker_then_swaps_to_its_snapshot(
        app, registry, worker, create_company):
    app.config["MATCH_INDEX_BULK_TAIL"] = 3
    try:
        serving, covers = worker.engine, worker.covers_change
        ids = _a_tail_of_every_kind(registry, create_company)           # 5 changes: a bulk here
        match_index._refresh(app, worker)
        assert worker.engine is serving and worker.covers_change == covers  # nothing replayed in this process
        assert worker.builder is not None and match_index.status(app)["behind"] == 5

        assert worker.builder.wait(timeout=120) == 0
        built = match_snapshots.newest_snapshot(app)
        assert built.covers_change == match_snapshots.last_change_id() and built.manifest["replayed_onto"]
        match_index._refresh(app, worker)
        assert worker.builder is None                                   # reaped
        assert worker.snapshot == built.path.name and worker.engine is not serving
        assert match_index.status(app)["behind"] == 0
        served = _answers(ids)
    finally:
        app.config.pop("MATCH_INDEX_BULK_TAIL")
    forget_index(app)
    match_index.install_in_process(app)
    assert _answers(ids) == served


def test_a_short_tail_is_replayed_by_the_worker_itself_without_a_builder(app, worker, create_company):
    newcomer = create_company(name="Бобруйские станки").id
    match_index._refresh(app, worker)
    assert newcomer in worker.engine and worker.builder is None


def test_a_tail_past_rebuild_after_has_the_builder_process_write_a_snapshot_not_this_process(
        app, worker, create_company):
    app.config["MATCH_INDEX_REBUILD_AFTER"] = 1
    try:
        create_company(name="Бобруйские станки")
        create_company(name="Завод 2")
        match_index._refresh(app, worker)                   # replays the two rows, then asks for a snapshot
        assert worker.covers_change == match_snapshots.last_change_id() and worker.builder is not None
        assert worker.builder.wait(timeout=120) == 0
    finally:
        app.config["MATCH_INDEX_REBUILD_AFTER"] = match_index.REBUILD_AFTER
    built = match_snapshots.newest_snapshot(app)
    assert built.covers_change == worker.covers_change and built.manifest["built_by_pid"] != os.getpid()
    assert not hasattr(match_index, "_build")               # no build in a thread of a web worker


def test_only_one_builder_runs_per_machine(app, worker, index_dir):
    other_worker = match_index.WorkerIndex()
    with match_snapshots.machine_lock(index_dir, wait=False) as locked:     # e.g. `flask index build`
        assert locked
        assert match_index.start_builder(app, worker) is False and worker.builder is None
    assert match_index.start_builder(app, worker) is True
    assert match_index.start_builder(app, worker) is False                 # its own is still running
    assert worker.builder.wait(timeout=120) == 0
    with match_snapshots.machine_lock(index_dir, wait=False):
        # a builder that a second worker started a moment too early finds the lock taken and leaves
        assert match_index.start_builder(app, other_worker) is False
        run = subprocess.run([sys.executable, "-m", match_index.BUILDER_MODULE], timeout=120,
                             input=json.dumps(match_index.builder_settings(app)).encode(), capture_output=True)
    assert run.returncode == 0 and b"another process of this machine is building" in run.stderr
    assert len(_snapshots(app)) == 1


def test_a_starting_worker_without_a_snapshot_has_the_builder_make_one_and_maps_it(app, registry, index_dir):
    app.config.update(MATCH_INDEX_BACKGROUND=True, MATCH_INDEX_REFRESH_SECONDS=0.1)
    try:
        forget_index(app)
        match_index.start_background(app)
        state = app.extensions[match_index.EXTENSION_KEY]
        assert _until(lambda: state.engine is not None)
        assert match_snapshots.newest_snapshot(app).manifest["built_by_pid"] != os.getpid()
        assert state.snapshot == match_snapshots.newest_snapshot(app).path.name
    finally:
        app.config.update(MATCH_INDEX_BACKGROUND=None, MATCH_INDEX_REFRESH_SECONDS=2.0)
        forget_index(app)
        state.thread.join(timeout=30)


def test_a_starting_worker_with_a_bulk_tail_past_the_snapshot_maps_the_builders_instead_of_replaying_it(
        app, registry, index_dir, create_company):
    first = match_snapshots.build_snapshot(app)
    _a_tail_of_every_kind(registry, create_company)
    app.config.update(MATCH_INDEX_BACKGROUND=True, MATCH_INDEX_REFRESH_SECONDS=0.1, MATCH_INDEX_BULK_TAIL=3)
    try:
        forget_index(app)
        match_index.start_background(app)
        state = app.extensions[match_index.EXTENSION_KEY]
        assert _until(lambda: state.engine is not None)
        assert state.snapshot != first.path.name and state.covers_change == state.base_change   # nothing replayed here
        assert state.covers_change == match_snapshots.last_change_id()
    finally:
        app.config.update(MATCH_INDEX_BACKGROUND=None, MATCH_INDEX_REFRESH_SECONDS=2.0)
        app.config.pop("MATCH_INDEX_BULK_TAIL")
        forget_index(app)
        state.thread.join(timeout=30)


# ---- a short tail in a serving worker steps aside for its requests ----------------------------------
class NotedRequests(RequestsInFlight):
    """This worker's requests in flight, noting each time a replay asked whether it must wait."""

    def __init__(self) -> None:
        super().__init__()
        self.waited: list[bool] = []

    def wait_for_quiet(self, at_most_s: float, own: int = 0) -> bool:
        self.waited.append(self.running > own)
        return super().wait_for_quiet(min(at_most_s, 0.001), own)


@pytest.fixture
def noted(app):
    """This worker's requests in flight, as a NotedRequests."""
    app.extensions[match_index.REQUESTS_KEY] = counter = NotedRequests()
    yield counter
    app.extensions.pop(match_index.REQUESTS_KEY)


def test_a_request_is_counted_in_flight_while_it_runs_and_no_longer_once_it_has_ended(app, noted):
    with app.test_request_context("/"):
        app.preprocess_request()
        assert noted.running == 1
    assert noted.running == 0


def test_the_worker_thread_replays_a_short_tail_stepping_aside_for_the_requests_in_flight(
        app, worker, noted, create_company):
    newcomer = create_company(name="Бобруйские станки").id
    before = app.config.get("MATCH_INDEX_NICHE_REFRESH_SECONDS")
    app.config["MATCH_INDEX_NICHE_REFRESH_SECONDS"] = 10**9     # the replay alone (the refresh steps aside too)
    noted.started()                                  # a request runs the whole time: the replay waits, bounded
    try:
        match_index._refresh(app, worker)
    finally:
        noted.ended()
        app.config["MATCH_INDEX_NICHE_REFRESH_SECONDS"] = before
    assert newcomer in worker.engine and noted.waited and all(noted.waited)


def test_a_request_replaying_the_tail_itself_steps_aside_for_other_requests_not_for_itself(
        app, worker, noted, create_company):
    newcomer = create_company(name="Бобруйские станки").id
    app.config["MATCH_INDEX_BACKGROUND"] = True
    try:
        with app.test_request_context("/"):
            app.preprocess_request()                 # this request, counted
            match_index.engine(app, force_refresh=True, in_request=True)
    finally:
        app.config["MATCH_INDEX_BACKGROUND"] = None
    assert newcomer in worker.engine and noted.waited and not any(noted.waited)


# ---- a change log that went back: a restored or recreated database ----------------------------------
def _restore_to(change_id: int, company_ids: list[int]) -> None:
    """The database as a backup taken at `change_id` has it: the companies and log rows written
    since are gone (not through the services, which would log the removal)."""
    from matcher.models import ChangeLog, Company

    for company_id in company_ids:
        db.session.delete(db.session.get(Company, company_id))
    db.session.execute(delete(ChangeLog).where(ChangeLog.id > change_id))
    db.session.commit()


def test_a_worker_whose_change_log_went_back_starts_again_from_a_snapshot_of_the_database_now(
        app, worker, create_company):
    backup_at = match_snapshots.last_change_id()            # the worker's snapshot covers it
    gone = create_company(name="Бобруйские станки").id
    match_index._refresh(app, worker)
    assert gone in worker.engine and worker.covers_change > backup_at
    serving = worker.engine

    _restore_to(backup_at, [gone])
    match_index._refresh(app, worker)
    assert worker.engine is not serving and gone not in worker.engine
    assert worker.covers_change == backup_at and not worker.log_went_back
    later = create_company(name="Гомельский завод").id           # its log row: ids the worker had seen
    match_index._refresh(app, worker)
    assert later in worker.engine


def test_a_worker_notices_the_row_it_reflects_is_another_row_now(app, worker, create_company):
    create_company(name="Бобруйские станки")
    match_index._refresh(app, worker)
    match_index._refresh(app, worker)                       # the row it reflects, as it read it
    assert worker.anchor_change == worker.covers_change
    worker.anchor = ["company", 999_999, "2020-01-01T00:00:00"]     # as a recreated database's row would differ
    serving = worker.engine
    match_index._refresh(app, worker)
    assert worker.engine is not serving and not worker.log_went_back


# ---- what a request replays itself ------------------------------------------------------------------
def _tail_of(rows: int, company_id: int) -> None:
    from matcher.services.changes import record_change
    for _ in range(rows):
        record_change("company", company_id)
    db.session.commit()


@pytest.mark.parametrize("rows, replays", [(match_index.REQUEST_REPLAY_LIMIT, True),
                                           (match_index.REQUEST_REPLAY_LIMIT + 1, False)])
def test_a_request_whose_look_is_due_replays_only_a_few_rows_and_leaves_more_to_the_index_thread(
        app, registry, worker, monkeypatch, rows, replays):
    started = []
    monkeypatch.setattr(match_index, "start_background", lambda app: started.append(True))
    _tail_of(rows, registry[0])
    last = match_snapshots.last_change_id()
    app.config["MATCH_INDEX_BACKGROUND"] = True
    try:
        worker.checked_at = 0.0                              # its refresh interval is over
        with app.test_request_context("/"):
            app.preprocess_request()
            match_index.engine(app, in_request=True)
    finally:
        app.config["MATCH_INDEX_BACKGROUND"] = None
    assert (worker.covers_change == last) is replays
    assert bool(started) is not replays                      # the thread is woken for the rest


def test_a_request_that_must_see_a_row_just_written_replays_a_longer_tail_itself(app, registry, worker):
    _tail_of(match_index.REQUEST_REPLAY_LIMIT + 1, registry[0])
    last = match_snapshots.last_change_id()
    app.config["MATCH_INDEX_BACKGROUND"] = True
    try:
        with app.test_request_context("/"):
            app.preprocess_request()
            match_index.engine(app, force_refresh=True, in_request=True)
    finally:
        app.config["MATCH_INDEX_BACKGROUND"] = None
    assert worker.covers_change == last


def test_a_pair_with_a_company_the_index_does_not_hold_scores_as_no_pair_not_a_crash(app, registry):
    from matcher.services.matching import score_pair
    supplier, buyer = registry[1], registry[3]
    assert score_pair(supplier, buyer) is not None

    assert score_pair(987_654, buyer) is None                 # the meeting planner's extra pairs read this
    assert score_pair(supplier, 987_654) is None
