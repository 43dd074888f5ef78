"""Worklist vocabulary against a real database."""

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine

from minwon.complaints import services as s
from minwon.complaints.models import Complaint
from minwon.testing.factories import create_complaint

KST = ZoneInfo("Asia/Seoul")


def at(*a):
    return datetime(*a, tzinfo=KST)


def test_open_overdue_due_within_and_department(city):
    with time_machine.travel(at(2026, 11, 23, 9, 0), tick=False):
        quick = create_complaint(category=city.streetlight, kind="other", title="즉시")  # due 12:00
        week = create_complaint(category=city.streetlight, title="고충")  # due 12/1 18:00
        park = create_complaint(category=city.park, title="공원")
        s.assign_department(city.desk, quick, city.roads)
        s.assign_department(city.desk, park, city.parks)
        done = create_complaint(category=city.streetlight, kind="other", title="끝")
        s.withdraw_complaint(city.desk, done)
    qs = Complaint.objects
    assert set(qs.open()) == {quick, week, park}
    assert set(qs.awaiting_routing()) == {week}
    assert set(qs.for_department(city.roads)) == {quick}
    # At 11:00 the 3-hour one is due within 1 working hour; at 13:30 it is overdue.
    now = at(2026, 11, 23, 11, 0)
    assert set(qs.due_within(1, now=now)) == {quick}
    assert set(qs.overdue(now=at(2026, 11, 23, 13, 30))) == {quick}
    assert week not in qs.overdue(now=at(2026, 12, 1, 17, 59))
    assert week in qs.overdue(now=at(2026, 12, 1, 18, 1))


def test_paused_complaint_is_not_overdue(city):
    with time_machine.travel(at(2026, 11, 23, 9, 0), tick=False):
        c = create_complaint(category=city.streetlight, kind="other")
        c = s.assign_department(city.desk, c, city.roads)
        s.request_supplement(city.officer, c, what="사진을 더 보내 주세요")
    assert c not in Complaint.objects.overdue(now=at(2026, 11, 30, 9, 0))


def test_worklist_query_uses_the_department_index(city):
    """The department worklist must be answerable from cmp_dept_status_due, not a table scan."""
    from django.db import connection

    qs = Complaint.objects.open().for_department(city.roads).order_by("due_at")
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("EXPLAIN QUERY PLAN " + sql, params)
        else:
            cur.execute("SET LOCAL enable_seqscan = off")  # tiny test tables would be scanned otherwise
            cur.execute("EXPLAIN " + sql, params)
        plan = " ".join(str(r) for r in cur.fetchall())
    assert "cmp_dept_status_due" in plan, plan
