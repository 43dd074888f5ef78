"""Turning the figures of `queries` into what the dashboard template shows (bars, rows, links).

Every figure is a link to the list behind it, and carries that list's size in `data-count`
(`data-of` for the denominator of a rate), so a test can follow each link and compare.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from django.urls import reverse

from minwon.complaints.choices import Channel

from . import definitions as d
from . import queries
from .charts import Bar, percent
from .models import BUCKET_FIELDS
from .queries import CareFigures, Figures, Scope


def list_url(scope: Scope, metric: str, **extra) -> str:
    params = {**scope.query_params(), "metric": metric}
    params.update({k: str(v) for k, v in extra.items() if v not in (None, "")})
    return f"{reverse('insight:list')}?{urlencode(params)}"


@dataclass
class DeptRow:
    pk: int | None
    name: str
    f: Figures
    c: CareFigures
    links: dict[str, str]
    bucket_links: list[tuple[int, str]] = field(default_factory=list)


def _sub(scope: Scope, pk: int | None) -> Scope:
    return Scope(scope.first, scope.last, [pk or queries.UNASSIGNED], scope.category_id, scope.channel)


def _period_end(start: date, unit: str) -> date:
    if unit == "week":
        return start + timedelta(days=6)
    if unit == "month":
        nxt = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
        return nxt - timedelta(days=1)
    return start


LINKED = (*d.METRIC_LABELS,)


def build(scope: Scope, unit: str, now: datetime | None = None) -> dict:
    mapping = queries.current_map()
    total, per_dept = queries.by_department(scope, now, mapping)
    care = queries.care_by_department(scope, mapping)
    care_total, per_care = care if care is not None else (CareFigures(), {})
    keys = list(per_dept) + [k for k in per_care if k not in per_dept]
    dept_names = queries.department_names(keys)
    rows = []
    for pk in keys:
        sub = _sub(scope, pk)
        f = per_dept.get(pk, Figures())
        rows.append(
            DeptRow(
                pk,
                dept_names.get(pk, "부서 미배정") if pk else "부서 미배정",
                f,
                per_care.get(pk, CareFigures()),
                {m: list_url(sub, m) for m in LINKED},
                [(n, list_url(sub, "answered", bucket=i)) for i, n in enumerate(f.buckets)],
            )
        )
    rows.sort(key=lambda r: (-r.f.received, r.name))
    by_cat = queries.counts_by(scope, "category_id", mapping)
    cat_names = queries.category_names(by_cat)
    channels = dict(Channel.choices)
    by_channel = queries.counts_by(scope, "channel", mapping)
    series = queries.series(scope, unit, mapping)
    series_rows = [
        (
            p,
            n,
            list_url(
                Scope(
                    max(p, scope.first),
                    min(_period_end(p, unit), scope.last),
                    scope.department_ids,
                    scope.category_id,
                    scope.channel,
                ),
                "received",
            ),
        )
        for p, n in series
    ]
    return {
        "total": total,
        "care": care_total if care is not None else None,
        "dept_rows": rows,
        "dept_bars": [Bar(r.name, r.f.received, r.links["received"]) for r in rows[:20] if r.f.received],
        "on_time_bars": [
            Bar(
                r.name,
                (r.f.on_time_rate or 0) * 100,
                r.links["on_time"],
                percent(r.f.on_time_rate),
                count=r.f.on_time,
                of=r.f.answered,
            )
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
        "series_rows": series_rows,
        "links": {m: list_url(scope, m) for m in LINKED},
        "bucket_count": len(BUCKET_FIELDS),
    }
