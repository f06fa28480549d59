"""Flask extensions, created unbound and initialised in create_app."""
import threading

from flask import request
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_migrate import Migrate
from flask_wtf.csrf import CSRFProtect
from limits.storage import MemoryStorage

from matcher.db import db
from matcher.shared_limits import AccountLimiter


class ThreadSafeMemoryStorage(MemoryStorage):
    """memory:// rate-limit counters that survive several threads per worker (gunicorn's gthread).

    limits 5.8 checks and restarts its expiry timer without a lock, so two threads hitting a
    limit at once can start the same timer twice: "threads can only be started once", a 500.
    The lock closes that gap (fixed upstream after 5.8; drop this class once a release has it).
    """

    STORAGE_SCHEME = ["memory"]  # registering takes memory:// over from the stock class

    def __init__(self, *args, **kwargs):
        self._timer_lock = threading.Lock()
        super().__init__(*args, **kwargs)

    def _MemoryStorage__schedule_expiry(self) -> None:
        with self._timer_lock:
            super()._MemoryStorage__schedule_expiry()


migrate = Migrate()
csrf = CSRFProtect()
babel = Babel()
# When the shared storage (Redis) is down, each worker counts in memory instead of failing every
# request that has a limit (the API and the login form) with a 500.
limiter = Limiter(key_func=get_remote_address, default_limits=[], headers_enabled=True,
                  in_memory_fallback_enabled=True)
# Log-in and sign-up limits, counted by every worker together (Redis, else the database).
account_limiter = AccountLimiter()

__all__ = ["account_limiter", "babel", "csrf", "db", "limiter", "migrate", "request"]
