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
