"""The map: 민원 counted per H3 cell on the server, so the browser gets a few hundred hexagons
instead of every point (and no applicant's exact position leaves the server)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import h3
from django.db.models import Count, QuerySet
from django.urls import reverse

from minwon.complaints.choices import OPEN_STATUSES, Status
from minwon.complaints.models import Complaint

from .queries import Scope, live_qs

MAP_RESOLUTION = 8  # ~0.7 km² hexagons: streets stay recognisable, single addresses do not


def with_status(qs: QuerySet[Complaint], status: str) -> QuerySet[Complaint]:
    if status == "open":
        return qs.filter(status__in=OPEN_STATUSES)
    if status in Status.values:
        return qs.filter(status=status)
    return qs


@dataclass
class Cell:
    cell: str
    n: int
    lat: float
    lng: float
    href: str

    def as_json(self) -> dict:
        boundary = [list(p) for p in h3.cell_to_boundary(self.cell)]
        return {
            "cell": self.cell,
            "n": self.n,
            "lat": self.lat,
            "lng": self.lng,
            "boundary": boundary,
            "href": self.href,
        }


def cells(scope: Scope, *, status: str = "", resolution: int = MAP_RESOLUTION) -> list[Cell]:
    qs = with_status(live_qs(scope).exclude(h3_cell=""), status)
    counts: Counter[str] = Counter()
    for cell, n in qs.order_by().values_list("h3_cell").annotate(n=Count("id")):
        try:
            parent = h3.cell_to_parent(cell, resolution) if h3.get_resolution(cell) > resolution else cell
        except (ValueError, TypeError, h3.H3BaseException):
            continue
        counts[parent] += n
    base = reverse("insight:list")
    params = "&".join(f"{k}={v}" for k, v in scope.query_params().items())
    out = []
    for cell, n in counts.most_common():
        lat, lng = h3.cell_to_latlng(cell)
        href = f"{base}?{params}&metric=received&cell={cell}" + (f"&status={status}" if status else "")
        out.append(Cell(cell, n, round(lat, 5), round(lng, 5), href))
    return out


# --- the same 민원 as a heat table: category × status ------------------------------------------------

HEAT_CLASSES = 5  # shading steps of a cell (CSS .heat-0 … .heat-4), light to dark


@dataclass
class HeatCell:
    n: int
    href: str
    level: int


@dataclass
class HeatRow:
    category: str
    total: int
    cells: list[HeatCell]


def category_status(scope: Scope) -> tuple[list[tuple[str, str]], list[HeatRow]]:
    """The scope's 민원 counted per category and status (one grouped query), each count a link to
    its list and shaded by its size: a heat map that needs no position and no JavaScript."""
    from .queries import category_names

    counts = dict(
        ((cat, st), n)
        for cat, st, n in live_qs(scope)
        .order_by()
        .values_list("category_id", "status")
        .annotate(n=Count("id"))
    )
    statuses = [(v, str(label)) for v, label in Status.choices if any(st == v for _c, st in counts)]
    names = category_names({c for c, _s in counts})
    top = max(counts.values(), default=0)
    base = reverse("insight:list")
    rows = []
    for cat in {c for c, _s in counts}:
        params = {**scope.query_params(), "category": str(cat), "metric": "received"}
        query = "&".join(f"{k}={v}" for k, v in params.items())
        cells = []
        for st, _label in statuses:
            n = counts.get((cat, st), 0)
            level = 0 if not n else min(HEAT_CLASSES - 1, 1 + (n * (HEAT_CLASSES - 1) - 1) // top)
            cells.append(HeatCell(n, f"{base}?{query}&status={st}", level))
        rows.append(HeatRow(names.get(cat, "?"), sum(c.n for c in cells), cells))
    rows.sort(key=lambda r: (-r.total, r.category))
    return statuses, rows
