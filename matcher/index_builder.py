"""The machine's match-index builder: a process of its own, so that no snapshot build and no bulk
replay shares a serving process's GIL (a 10,000-company replay in a web worker's thread stalled
that worker's match requests by up to 0.3 s; a full build at 1M profiles would hold it for half
an hour).

    python -m matcher.index_builder  < settings.json

A web worker starts it (matcher.services.match_index.start_builder) with the settings it needs on
stdin — the database, MATCH_INDEX_DIR, TESTING, … as JSON, never on the command line, where `ps`
shows them. It builds incrementally (the newest snapshot and the change log past it; a fresh build
when there is none or the tail is long), under the machine's lock, without waiting for it: when
another process of the machine is building, that build is the one the workers will map.
"""
from __future__ import annotations

import json
import logging
import sys

log = logging.getLogger("matcher.index_builder")


def main() -> int:
    settings = json.load(sys.stdin)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="%(asctime)s [%(process)d] [match-index builder] %(message)s")
    logging.getLogger("matcher").setLevel(logging.INFO)        # what it built; not the libraries' chatter
    from matcher import create_app, sqlite_tuning
    from matcher.services import match_snapshots

    app = create_app(settings)
    sqlite_tuning.set_write_intent(False)       # it only reads: never take SQLite's write lock
    with app.app_context():
        found = match_snapshots.build_snapshot(app, wait=False, incremental=True)
    if found is None:
        log.info("another process of this machine is building the match index; leaving it to it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
