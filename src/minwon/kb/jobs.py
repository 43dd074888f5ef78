"""Worker job: tell the owner department once when an article passes its review date."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from .alerts import alert_users, department_members
from .models import Article, KbEvent

STALE_KIND = "kb_stale"


def stale_article_alerts(now: datetime | None = None) -> int:
    """Alert the owner department of every article past `review_by` not yet alerted for that date.

    `stale_alerted_for` remembers the date alerted, so reruns (or two workers) alert once; after
    the owner sets a new review date, missing that one alerts again.
    """
    today = timezone.localdate(now or timezone.now())
    rows = list(Article.objects.stale(today).select_related("department").order_by("review_by", "pk"))
    alerted = 0
    for a in rows:
        if a.stale_alerted_for == a.review_by:
            continue
        with transaction.atomic():
            users = department_members(a.department)
            alert_users(
                users,
                kind=STALE_KIND,
                title=f"상담자료 검토 기한 경과: {a.title}"[:200],
                body=(
                    f"'{a.title}'의 검토 기한({a.review_by:%Y-%m-%d})이 지났습니다. "
                    "내용이 지금도 맞는지 확인하고 새 검토 기한을 정해 주십시오."
                ),
                group_key=f"kb_stale:{a.pk}:{a.review_by:%Y%m%d}",
            )
            Article.objects.filter(pk=a.pk).update(stale_alerted_for=a.review_by)
            KbEvent.objects.create(
                article=a, verb="stale_alerted", data={"review_by": str(a.review_by), "users": len(users)}
            )
            alerted += 1
    return alerted
