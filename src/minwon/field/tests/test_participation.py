"""Participation by half-year, against figures worked out by hand (see PLAN below)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from minwon.complaints import services as cs
from minwon.field.queries import ParticipationRow, department_totals, half_year, participation

from .conftest import file

KST = ZoneInfo("Asia/Seoul")


def at(month, day, hour=10, minute=0, year=2026):
    return datetime(year, month, day, hour, minute, tzinfo=KST)


@pytest.fixture
def plan(field):
    """H1 2026: 남궁현 4 (closed on time, answered late, rejected, open at 6/30 23:30),
    오보수 1 open, 윤공원 1 withdrawn. H2: 남궁현 2 (open at 7/1 00:10, answered on time)."""
    city, b = field.city, field.buttons

    def report(who, button, when):
        with time_machine.travel(when, tick=False):
            return file(who, button).report.complaint

    def step(when, fn, *args, **kwargs):
        with time_machine.travel(when, tick=False):
            return fn(*args, **kwargs)

    c = report(field.reporter, b.road, at(3, 2))
    c = step(at(3, 3), cs.answer_complaint, city.officer, c, answer="고쳤습니다.")
    step(at(3, 4), cs.close_complaint, city.officer, c)
    c = report(field.reporter, b.road, at(4, 6))
    step(at(5, 1), cs.answer_complaint, city.officer, c, answer="늦었지만 고쳤습니다.")  # due 4/14
    c = report(field.reporter, b.park, at(5, 4))
    step(at(5, 5), cs.reject_complaint, city.other_officer, c, reason="사유지입니다.")
    report(field.reporter, b.road, at(6, 30, 23, 30))
    report(field.roads_team_staff, b.road, at(6, 1))
    c = report(field.park_staff, b.park, at(2, 2))
    step(at(2, 3), cs.withdraw_complaint, city.desk, c, reason="중복 보고")
    report(field.reporter, b.road, at(7, 1, 0, 10))
    c = report(field.reporter, b.park, at(8, 3))
    step(at(8, 4), cs.answer_complaint, city.other_officer, c, answer="정비했습니다.")
    return field


def counts(row: ParticipationRow):
    return (row.filed, row.answered, row.closed, row.open, row.rejected, row.other, row.on_time, row.late)


def test_half_year_bounds_are_local_midnights():
    assert half_year(2026, 1) == (at(1, 1, 0), at(7, 1, 0))
    assert half_year(2026, 2) == (at(7, 1, 0), at(1, 1, 0, year=2027))
    with pytest.raises(ValueError):
        half_year(2026, 3)


def test_per_employee_first_half(plan):
    rows = {r.reporter: r for r in participation(*half_year(2026, 1))}
    assert set(rows) == {"남궁현", "오보수", "윤공원"}
    assert counts(rows["남궁현"]) == (4, 1, 1, 1, 1, 0, 1, 1)
    assert rows["남궁현"].on_time_rate == 0.5 and rows["남궁현"].department == "안전총괄과"
    assert counts(rows["오보수"]) == (1, 0, 0, 1, 0, 0, 0, 0)
    assert rows["오보수"].on_time_rate is None
    assert counts(rows["윤공원"]) == (1, 0, 0, 0, 0, 1, 0, 0)


def test_second_half_counts_the_report_sent_ten_minutes_after_midnight(plan):
    rows = participation(*half_year(2026, 2))
    assert [(r.reporter, counts(r)) for r in rows] == [("남궁현", (2, 1, 0, 1, 0, 0, 1, 0))]


def test_department_totals_and_filter_include_teams_below(plan):
    h1 = half_year(2026, 1)
    totals = {t.department: (t.filed, t.reporter_count) for t in department_totals(participation(*h1))}
    assert totals == {"안전총괄과": (4, 1), "도로보수팀": (1, 1), "공원녹지과": (1, 1)}
    assert [r.reporter for r in participation(*h1, department=plan.city.roads)] == ["오보수"]
    assert [r.reporter for r in participation(*h1, department=plan.safety)] == ["남궁현"]
    assert participation(*half_year(2025, 2)) == []


def test_department_stays_the_one_the_reporter_filed_from(plan):
    membership = plan.reporter.memberships.get()
    membership.department = plan.city.parks
    membership.save()
    rows = participation(*half_year(2026, 1), department=plan.safety)
    assert [r.filed for r in rows] == [4]
