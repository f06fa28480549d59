"""A tail replayed in a serving worker's thread steps aside for the requests in flight: it waits
while one runs, goes on when it ends, never waits for the request that replays it itself, and
under requests that never end still finishes; the engine afterwards is the plain replay's."""
from __future__ import annotations

import threading

from matcher.scoring import MatchEngine
from matcher.scoring.replay import RequestsInFlight, refresh_niches_aside, replay_aside
from tests.evaluation.corpus import load
from tests.unit.scoring.helpers import tail_of

PROFILES, NICHES, _ = load()
FOREVER_S = 3600.0      # a wait with no bound in practice: only a request's end lets the replay go on


def _engine() -> MatchEngine:
    engine = MatchEngine()
    engine.build(PROFILES, NICHES)
    return engine


def _everything(engine: MatchEngine) -> dict:
    out = {}
    for p in PROFILES + tail_of(PROFILES)[0]:
        if p.id in engine:
            out["s", p.id] = engine.suppliers_for_buyer(p.id, limit=20)
            out["b", p.id] = engine.buyers_for_supplier(p.id, limit=20)
            out["niches", p.id] = engine.niches_of_company(p.id)
    for n in NICHES:
        out["ns", n.id] = engine.suppliers_for_niche(n.id, limit=20)
    return out


class NotedRequests(RequestsInFlight):
    """Requests in flight that note each time the replay asked, and whether it had to wait."""

    def __init__(self) -> None:
        super().__init__()
        self.asked, self.waited = threading.Event(), []

    def wait_for_quiet(self, at_most_s: float, own: int = 0) -> bool:
        self.waited.append(self.running > own)
        self.asked.set()
        return super().wait_for_quiet(at_most_s, own)


def test_a_replay_stepping_aside_leaves_the_engine_as_the_plain_replay_does():
    upserts, removed = tail_of(PROFILES)
    plain, aside = _engine(), _engine()
    plain.replay(upserts, removed, refresh_niches=True)
    requests = NotedRequests()
    replay_aside(aside, upserts, removed, requests)
    assert refresh_niches_aside(aside, requests)
    assert len(aside) == len(plain) and _everything(aside) == _everything(plain)
    assert requests.waited and not any(requests.waited)           # nothing ran: it never had to wait


def test_the_replay_waits_while_a_request_is_in_flight_and_goes_on_when_it_ends():
    upserts, removed = tail_of(PROFILES)
    engine, requests = _engine(), NotedRequests()
    requests.started()                                             # a request is running
    replayer = threading.Thread(target=replay_aside, args=(engine, upserts, removed, requests),
                                kwargs={"at_most_s": FOREVER_S}, daemon=True)
    replayer.start()
    try:
        assert requests.asked.wait(60)
        assert removed[0] in engine and upserts[-1].id not in engine    # waiting before its first step
    finally:
        requests.ended()
    replayer.join(120)
    assert not replayer.is_alive()
    assert removed[0] not in engine and upserts[-1].id in engine
    assert requests.waited[0] is True and not any(requests.waited[1:])


def test_under_a_request_that_never_ends_the_replay_still_finishes_with_the_same_engine():
    upserts, removed = tail_of(PROFILES)
    plain, aside, requests = _engine(), _engine(), NotedRequests()
    plain.replay(upserts, removed, refresh_niches=True)
    requests.started()                                             # and never ends
    replayer = threading.Thread(target=replay_aside, args=(aside, upserts, removed, requests),
                                kwargs={"at_most_s": 0.001}, daemon=True)
    replayer.start()
    replayer.join(120)                                             # a bound for a broken replay, not a measurement
    assert not replayer.is_alive()
    assert refresh_niches_aside(aside, requests)
    assert all(requests.waited) and len(requests.waited) > len(upserts)   # it waited at every step, each time bounded
    assert _everything(aside) == _everything(plain)


def test_a_request_replaying_the_tail_itself_does_not_wait_for_itself():
    upserts, removed = tail_of(PROFILES)
    engine, requests = _engine(), NotedRequests()
    requests.started()                                             # the asking request
    replay_aside(engine, upserts, removed, requests, own=1, at_most_s=0.001)
    assert upserts[-1].id in engine and requests.waited and not any(requests.waited)
