"""gunicorn settings: workers from the CPU count, sane timeouts, access log to stdout, graceful restarts.

    gunicorn -c config/gunicorn.conf.py wsgi:app

The environment overrides: WEB_CONCURRENCY (workers), GUNICORN_THREADS, GUNICORN_TIMEOUT,
GUNICORN_GRACEFUL_TIMEOUT, GUNICORN_ACCESSLOG (a path, "-" for stdout, empty for none).
SIGHUP reloads the config and replaces the workers one generation at a time; SIGTERM lets
requests in flight finish for up to graceful_timeout seconds.
"""
import os
import sys


def _cpu_count() -> int:
    """CPUs this process may run on (a container's cpuset, not the host's total)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


workers = int(os.environ.get("WEB_CONCURRENCY") or min(_cpu_count() * 2 + 1, 8))
threads = int(os.environ.get("GUNICORN_THREADS") or 2)
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 60)  # a worker silent this long is killed and replaced
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT") or 30)
keepalive = 5
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
errorlog = "-"
# No preload: each worker imports the app, and so opens its database connections, after the fork.
preload_app = False
# Recycle workers now and then, widely staggered so they never restart together; a new worker
# maps the machine's index snapshot (seconds, memory shared) instead of building its own, and
# says "starting" on /api/v1/health until it is ready.
max_requests = 2000
max_requests_jitter = 1000
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"  # the heartbeat file: a slow disk must not make healthy workers look dead


def post_fork(server, worker):
    """Should someone run with --preload anyway, no pooled connection of the master crosses the fork."""
    wsgi = sys.modules.get("wsgi")
    if wsgi is None:
        return
    from matcher.db import db

    with wsgi.app.app_context():
        for engine in db.engines.values():
            engine.dispose(close=False)  # forget the parent's connections without closing them under it


def post_worker_init(worker):
    """Start loading this worker's match index (mapping the snapshot) before the first request."""
    wsgi = sys.modules.get("wsgi")
    if wsgi is None:
        return
    from matcher.services import match_index

    match_index.start_background(wsgi.app)
