"""Time-driven complaint work for `minwon worker` (discovered as `run_due_jobs`)."""

from __future__ import annotations

from .events import dispatch_pending


def run_due_jobs(now=None) -> dict:
    """Follow-up work of deferred events (API intake): outbox messages, search index, routing."""
    return {"dispatched": dispatch_pending()}
