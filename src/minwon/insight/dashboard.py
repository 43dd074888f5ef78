"""Turning the figures of `queries` into what the dashboard template shows (bars, rows, links)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from django.urls import reverse

from minwon.complaints.choices import Channel

from . import definitions as d
from . import queries
from .charts import Bar, percent
from .models import BUCKET_FIELDS
from .queries import Figures, Scope


def list_url(scope: Scope, metric: str, **extra) -> str:
    params = {**scope.query_params(), "metric": metric}
    params.update({k: str(v) for k, v in extra.items() if v not in (None, "")})
    return f"{reverse('insight:list')}?{urlencode(params)}"


@dataclass
class DeptRow:
    pk: int | None
    name: str
    f: Figures
    on_time_href: str
    late_href: str
    overdue_href: str
    received_href: str


def build(scope: Scope, unit: str, now: datetime | None = None) -> dict:
    total, per_dept = queries.by_department(scope, now)
    dept_names = queries.department_names(per_dept)
    rows = []
    for pk, f in per_dept.items():
        sub = Scope(scope.first, scope.last, [pk], scope.category_id, scope.channel) if pk else scope
        rows.append(
            DeptRow(
                pk,
                dept_names.get(pk, "부서 미배정") if pk else "부서 미배정",
                f,
                list_url(sub, "on_time"),
                list_url(sub, "late"),
                list_url(sub, "overdue"),
                list_url(sub, "received"),
            )
        )
    rows.sort(key=lambda r: (-r.f.received, r.name))
    by_cat = queries.counts_by(scope, "category_id")
    cat_names = queries.category_names(by_cat)
    channels = dict(Channel.choices)
    by_channel = queries.counts_by(scope, "channel")
    series = queries.series(scope, unit)
    return {
        "total": total,
        "dept_rows": rows,
        "dept_bars": [Bar(r.name, r.f.received, r.received_href) for r in rows[:20]],
        "on_time_bars": [
            Bar(r.name, (r.f.on_time_rate or 0) * 100, r.on_time_href, percent(r.f.on_time_rate))
            for r in rows[:20]
            if r.f.answered
        ],
        "category_bars": sorted(
            (
                Bar(
                    cat_names.get(pk, "?"),
                    n,
                    list_url(
                        Scope(scope.first, scope.last, scope.department_ids, pk, scope.channel), "received"
                    ),
                )
                for pk, n in by_cat.items()
            ),
            key=lambda b: -b.value,
        ),
        "channel_bars": sorted(
            (
                Bar(
                    str(channels.get(ch, ch)),
                    n,
                    list_url(
                        Scope(scope.first, scope.last, scope.department_ids, scope.category_id, ch),
                        "received",
                    ),
                )
                for ch, n in by_channel.items()
            ),
            key=lambda b: -b.value,
        ),
        "histogram": [
            Bar(d.bucket_label(i), n, list_url(scope, "answered", bucket=i))
            for i, n in enumerate(total.buckets)
        ],
        "series": [(p.strftime("%m-%d") if unit != "month" else p.strftime("%Y-%m"), n) for p, n in series],
        "series_rows": series,
        "links": {m: list_url(scope, m) for m in d.METRIC_LABELS},
        "bucket_count": len(BUCKET_FIELDS),
    }
