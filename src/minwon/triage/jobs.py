"""Time-driven triage work for `minwon worker`: call `run_due_jobs(now)` on every loop.

Idempotent and cheap when nothing is due (two small queries). Two workers never run it at once:
a lease on the TriageSettings row is claimed with a conditional UPDATE (works on SQLite and
PostgreSQL alike).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from minwon.complaints.models import Complaint

from .models import RoutingModel, TriageSettings

log = logging.getLogger(__name__)
LEASE = timedelta(minutes=15)


def _claim(now) -> bool:
    TriageSettings.load()
    claimed = (
        TriageSettings.objects.filter(pk=1)
        .filter(Q(jobs_lease_until__isnull=True) | Q(jobs_lease_until__lt=now))
        .update(jobs_lease_until=now + LEASE)
    )
    return claimed == 1


def _release() -> None:
    TriageSettings.objects.filter(pk=1).update(jobs_lease_until=None)


def retrain_due(now) -> bool:
    cfg = TriageSettings.load()
    latest = RoutingModel.objects.order_by("-version").values_list("trained_at", flat=True).first()
    last = max(filter(None, [latest, cfg.last_retrain_attempt_at]), default=None)
    return last is None or last <= now - timedelta(hours=cfg.retrain_every_hours)


def run_due_jobs(now=None) -> dict:
    """Index any 민원 missing from the search index, and retrain routing when it is due."""
    from .routing import retrain
    from .search import reindex

    now = now or timezone.now()
    done: dict = {"indexed": 0, "retrained": None}
    if not _claim(now):
        return done
    try:
        missing = Complaint.objects.filter(triage_doc__isnull=True)
        if missing.exists():
            done["indexed"] = reindex(missing)
        if retrain_due(now):
            # Recorded first, so too little history is retried after the interval, not every loop.
            TriageSettings.objects.filter(pk=1).update(last_retrain_attempt_at=now)
            model = retrain()
            done["retrained"] = model.version if model else None
    finally:
        _release()
    return done
