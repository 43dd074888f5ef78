"""In-app staff alerts (the `notify.StaffAlert` inbox) for facts that are not about one 민원.

`notify.services.queue_staff_alert` renders a complaint's template; a stale article or a call
ended for abuse has no complaint, so this writes the same inbox rows directly, with the same
idempotent dedupe key (one alert per fact per recipient).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model

from minwon.notify.models import StaffAlert


def department_members(department) -> list:
    """Everyone working in `department` now, whatever their role."""
    return list(
        get_user_model()
        .objects.filter(
            is_active=True, memberships__department=department, memberships__ended_at__isnull=True
        )
        .distinct()
        .order_by("pk")
    )


def users_with_role(role: str) -> list:
    return list(
        get_user_model().objects.filter(is_active=True, role_grants__role=role).distinct().order_by("pk")
    )


def alert_users(users: Iterable, *, kind: str, title: str, body: str, group_key: str) -> int:
    """One inbox row per user for the fact `group_key`; a second call for the same fact adds nothing."""
    rows = [
        StaffAlert(
            recipient=u,
            kind=kind,
            title=title[:200],
            body=body,
            group_key=group_key,
            dedupe_key=f"{group_key}:u{u.pk}",
        )
        for u in users
        if u is not None
    ]
    StaffAlert.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)
