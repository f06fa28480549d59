"""gunicorn settings: workers from the CPU count, sane timeouts, access log to stdout."""
import multiprocessing
import os

workers = int(os.environ.get("WEB_CONCURRENCY", min(multiprocessing.cpu_count() * 2 + 1, 8)))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
keepalive = 5
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
errorlog = "-"
# No preload: each worker opens its own database connections after the fork.
preload_app = False
max_requests = 2000
max_requests_jitter = 200
