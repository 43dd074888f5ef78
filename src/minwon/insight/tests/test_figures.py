"""Every dashboard figure against a hand-computed November (fixture `november`).

| 민원 | dept (today) | category | channel | received | due | answered | notes |
|---|---|---|---|---|---|---|---|
| c1 | 도로과 | 가로등 | web | 11-02 10:00 | +7d8h | +2d (on time) | |
| c2 | 도로과 | 가로등 | call | 11-02 11:00 | +3d | +5d (late) | reopened once |
| c3 | 도로과 | 도로점용허가 | web | 11-03 09:00 | +1d | – (overdue now) | |
| c4 | 공원녹지과 | 공원·녹지 | web | 11-03 12:00 | +7d | +6h (on time) | closed as 반복민원 |
| c5 | 도로관리팀 → 도로과 | 가로등 | mobile | 11-05 09:00 | +7d | +1d (on time) | team merged into 도로과 |
| c6 | 도로과 | 가로등 | web | 10-31 | | | outside the period |
"""

from __future__ import annotations

from datetime import date

import pytest

from minwon.insight import queries, summary
from minwon.insight.queries import Scope
from minwon.org import services as org

NOV = (date(2026, 11, 1), date(2026, 11, 30))


@pytest.fixture
def built(november):
    summary.rebuild_all()
    return november


def test_city_totals(built):
    total, _per = queries.by_department(Scope(*NOV))
    assert (total.received, total.answered, total.on_time, total.late) == (5, 4, 3, 1)
    assert total.on_time_rate == pytest.approx(0.75)
    assert total.reopen_rate == pytest.approx(0.25)  # c2 of 4 answered
    assert total.repeat_rate == pytest.approx(0.2)  # c4 of 5 received
    assert total.overdue == 1  # c3
    assert total.buckets == [1, 2, 1, 0, 0, 0]  # c4 | c1, c5 | c2


def test_merged_department_counts_for_its_successor(built, city):
    _total, per = queries.by_department(Scope(*NOV))
    roads = per[city.roads.pk]
    assert built.team.pk not in per
    assert (roads.received, roads.answered, roads.on_time, roads.overdue) == (4, 3, 2, 1)
    assert roads.buckets == [0, 2, 1, 0, 0, 0]
    assert roads.avg_days == pytest.approx(8 / 3)  # 2 + 5 + 1 days over 3 answers
    # allowed: 7d8h + 3d + 7d = 17⅓ days
    assert roads.time_ratio == pytest.approx(8 / (17 + 1 / 3))
    assert per[city.parks.pk].received == 1


def test_department_filter_includes_predecessors(built, city):
    _total, per = queries.by_department(Scope(*NOV, [city.roads.pk]))
    assert set(per) == {city.roads.pk}
    assert set(queries.drill_down(Scope(*NOV, [city.roads.pk]), "received")) == {
        built.c1,
        built.c2,
        built.c3,
        built.c5,
    }


def test_rename_keeps_history_under_the_new_name(built, city):
    org.rename_department(actor=city.admin, department=city.roads, name="도로관리과")
    _total, per = queries.by_department(Scope(*NOV))
    assert queries.department_names(per)[city.roads.pk] == "도로관리과"
    assert per[city.roads.pk].received == 4


def test_counts_by_category_channel_and_day(built, city):
    scope = Scope(*NOV)
    assert queries.counts_by(scope, "category_id") == {
        city.streetlight.pk: 3,
        city.permit.pk: 1,
        city.park.pk: 1,
    }
    assert queries.counts_by(scope, "channel") == {"web": 3, "call": 1, "mobile": 1}
    days = dict(queries.series(scope, "day"))
    assert (
        days[date(2026, 11, 2)],
        days[date(2026, 11, 3)],
        days[date(2026, 11, 5)],
        days[date(2026, 11, 4)],
    ) == (2, 2, 1, 0)
    weeks = dict(queries.series(scope, "week"))
    assert weeks[date(2026, 11, 2)] == 5  # Monday of the week of the 2nd
    assert dict(queries.series(scope, "month")) == {date(2026, 11, 1): 5}


@pytest.mark.parametrize(
    ("metric", "expected"),
    [
        ("received", {"c1", "c2", "c3", "c4", "c5"}),
        ("answered", {"c1", "c2", "c4", "c5"}),
        ("on_time", {"c1", "c4", "c5"}),
        ("late", {"c2"}),
        ("reopened", {"c2"}),
        ("repeated", {"c4"}),
        ("overdue", {"c3"}),
        ("open", {"c3"}),
    ],
)
def test_drill_down_lists_match_the_figures(built, metric, expected):
    got = set(queries.drill_down(Scope(*NOV), metric))
    assert got == {getattr(built, name) for name in expected}


def test_bucket_drill_down(built):
    qs = queries.drill_down(Scope(*NOV), "answered")
    assert set(queries.in_bucket(qs, 1)) == {built.c1, built.c5}
    assert set(queries.in_bucket(qs, 0)) == {built.c4}


def test_incremental_refresh_follows_new_events(built, city):
    from minwon.testing import factories as f

    from .conftest import at

    assert summary.refresh_summaries() == 0  # nothing new since rebuild_all
    f.create_complaint(category=city.park, received_at=at(3, 15))
    total, _ = queries.by_department(Scope(*NOV))
    assert total.received == 5  # not yet: the summary is derived data
    # The day of the new 민원 is rebuilt (plus the days of a margin of earlier events, see OVERLAP_IDS).
    assert summary.refresh_summaries() >= 1
    total, per = queries.by_department(Scope(*NOV))
    assert (total.received, per[None].received) == (6, 1)  # not routed yet: no department
    assert summary.refresh_summaries() == 0


def test_split_department_counts_for_its_primary_successor(built, city):
    from minwon.testing import factories as f

    north = f.create_department(code="ROADN", name="도로북부과")
    south = f.create_department(code="ROADS2", name="도로남부과")
    org.split_department(actor=city.admin, department=city.roads, into=[north, south], primary=north)
    _total, per = queries.by_department(Scope(*NOV))
    assert city.roads.pk not in per and south.pk not in per
    # 도로과's four 민원 (with the team merged into it earlier) now count for 도로북부과.
    assert (per[north.pk].received, per[north.pk].on_time, per[north.pk].overdue) == (4, 2, 1)
    assert set(queries.drill_down(Scope(*NOV, [north.pk]), "received")) == {
        built.c1,
        built.c2,
        built.c3,
        built.c5,
    }
