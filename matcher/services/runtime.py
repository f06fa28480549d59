"""What services take from the application that runs them, handed in once by the app factory.

Services import neither the web framework nor the job queue: this app's settings, this worker's
match index and the queue reach them through the providers that matcher/wiring.py installs at
start (the composition root, as in cosmicpython's bootstrap). A job is named, not imported, so the
job functions (matcher/jobs/tasks.py) can call services without an import circle.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping


@dataclass(frozen=True)
class Providers:
    settings: Callable[[], Mapping[str, Any]]       # the running app's configuration
    match_engine: Callable[[bool], Any]             # this worker's MatchEngine, refreshed if asked
    enqueue: Callable[..., str | None]              # enqueue(job_name, *args, **options)
    queued_jobs_enabled: Callable[[], bool]         # a worker runs jobs (else they run inline)


_providers: Providers | None = None


def provide(providers: Providers) -> None:
    """Install the providers (create_app does, through matcher.wiring)."""
    global _providers
    _providers = providers


def _wired() -> Providers:
    if _providers is None:
        raise RuntimeError("the services are not wired to an application: build it with matcher.create_app()")
    return _providers


def settings() -> Mapping[str, Any]:
    return _wired().settings()


def match_engine(force_refresh: bool = False):
    return _wired().match_engine(force_refresh)


def enqueue(job_name: str, *args, **options) -> str | None:
    """Queue the job `job_name` (a function of matcher/jobs/tasks.py); see matcher.jobs.enqueue."""
    return _wired().enqueue(job_name, *args, **options)


def queued_jobs_enabled() -> bool:
    return _wired().queued_jobs_enabled()
