"""The composition root: hands the services what they need of the running app (settings, the match
index, the job queue) and starts the match index's lifecycle with the app."""
from __future__ import annotations

from flask import Flask, current_app, has_request_context

from matcher.services import runtime


def _match_engine(force_refresh: bool = False):
    from matcher.services import match_index

    return match_index.engine(current_app._get_current_object(), force_refresh, in_request=has_request_context())


def _enqueue(job_name: str, *args, **options) -> str | None:
    from matcher.jobs import enqueue, tasks

    return enqueue(getattr(tasks, job_name), *args, **options)


def _queued_jobs_enabled() -> bool:
    from matcher.jobs import queued_jobs_enabled

    return queued_jobs_enabled()


def wire_services(app: Flask) -> None:
    """Give the services their providers (each reads the app of the moment, so several apps coexist
    in one process, as in the tests) and install this worker's match index."""
    from matcher.services import match_index

    runtime.provide(runtime.Providers(settings=lambda: current_app.config, match_engine=_match_engine,
                                      enqueue=_enqueue, queued_jobs_enabled=_queued_jobs_enabled))
    match_index.install(app)
