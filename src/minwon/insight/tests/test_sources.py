"""The care and field adapters agree with the apps' own query functions (their contract).

insight.sources reads the rows behind care.queries' aggregates (to list the 민원 behind a score
and to leave protected 민원 out); these tests pin that the rows add up to what care.queries and
field.queries report for the same period, so a change of definition in those apps shows here.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from minwon.care import queries as care
from minwon.insight import sources

KST = ZoneInfo("Asia/Seoul")
START, END = datetime(2026, 11, 1, tzinfo=KST), datetime(2026, 12, 1, tzinfo=KST)


def test_satisfaction_rows_match_care_queries(surveyed, city):
    for by, key in (
        (care.satisfaction_by_department(START, END), "department_id"),
        (care.satisfaction_by_employee(START, END), "handler_id"),
    ):
        assert by, key
        for pk, expected in by.items():
            rows = [r for r in sources.responses(START, END) if getattr(r, key) == pk]
            assert len(rows) == expected["n"]
            assert round(sum(r.kindness for r in rows) / len(rows), 2) == expected["kindness"]
            assert round(sum(r.speed for r in rows) / len(rows), 2) == expected["speed"]
            assert round(sum(r.resolved for r in rows) / len(rows), 3) == expected["resolved_rate"]
    totals = sources.response_totals_by_department(START, END)
    by_dept = care.satisfaction_by_department(START, END)
    assert {k: v["n"] for k, v in totals.items()} == {k: v["n"] for k, v in by_dept.items()}
    assert totals[city.roads.pk] == {"n": 2, "resolved": 1, "kindness_sum": 7, "speed_sum": 5}
    assert totals[surveyed.team.pk]["n"] == 1  # c5 was answered by the team, merged later


def test_praise_rows_match_care_queries(surveyed, city):
    assert sources.praise_counts_by_department(START, END) == care.praise_counts_by_department(START, END)
    by_employee = care.praise_counts_by_employee(START, END)
    assert by_employee == {city.officer.pk: 1}
    assert [p.complaint_id for p in sources.praise(START, END, employee_ids=[city.officer.pk])] == [
        surveyed.c1.pk
    ]


def test_quality_rows_match_care_queries(surveyed, city):
    cells = care.quality_by_department_month(START, END)
    rows = sources.quality(START, END)
    for (dept, _month), cell in cells.items():
        mine = [r.total for r in rows if r.department_id == dept]
        assert len(mine) == cell["n"]
        assert sum(mine) / len(mine) == pytest.approx(float(cell["average"]), abs=0.05)
    assert sorted(r.total for r in rows) == [60, 80, 100]


def test_protection_calls_the_real_care_functions(surveyed, city):
    from minwon.care import incidents

    incident = incidents.file_incident(
        city.officer, kind="verbal", context="complaint", narrative="폭언", complaint=surveyed.c2
    )
    incidents.separate_employee(city.care, incident, days=30)
    rest_start = datetime.combine(date(2026, 11, 3), time(9), KST)
    incidents.grant_rest(city.care, incident, starts_at=rest_start, ends_at=rest_start.replace(day=5))
    now_end = datetime(2027, 1, 1, tzinfo=KST)
    ids = [city.officer.pk, city.head.pk, city.other_officer.pk]
    assert sources.exempted_complaint_ids(ids, START, now_end) == {
        city.officer.pk: care.exempted_complaint_ids(city.officer, START, now_end)
    }
    assert sources.exempted_complaint_ids(ids, START, now_end)[city.officer.pk] == {surveyed.c2.pk}
    assert sources.rest_intervals(ids, START, now_end) == {
        city.officer.pk: care.rest_intervals(city.officer, START, now_end)
    }


def test_field_adapter_reads_participation(city):
    from minwon.field import queries as field

    assert sources.participation(START, END) == field.participation(START, END)


def test_missing_apps_give_no_source(monkeypatch, city):
    monkeypatch.setitem(sources.SOURCES, "care", lambda: None)
    monkeypatch.setitem(sources.SOURCES, "field", lambda: None)
    assert sources.responses(START, END) == [] and sources.participation(START, END) is None
    assert sources.exempted_complaint_ids([city.officer.pk], START, END) == {}
