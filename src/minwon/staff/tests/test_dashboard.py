"""The head dashboard: counts by status, overdue, due today, per-handler load."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from minwon.complaints.choices import Status

from .test_worklist import bulk

URL = reverse("staff:dashboard")


def seed(city):
    now = timezone.now()
    bulk(city, 2, handler=city.officer, due_at=now - timedelta(hours=1), title="지난 것")  # overdue
    bulk(city, 1, handler=city.officer, due_at=now + timedelta(hours=2), title="오늘 것")  # due today
    bulk(city, 1, handler=city.head, status=Status.IN_PROGRESS)
    bulk(city, 1, due_at=now - timedelta(days=1), status=Status.SUPPLEMENT_REQUESTED)  # paused: not overdue
    bulk(city, 3, status=Status.CLOSED)
    bulk(city, 4, department=city.parks, category=city.park, due_at=now - timedelta(hours=1))


def test_head_sees_own_department_numbers(as_user, city):
    seed(city)
    r = as_user(city.head).get(URL)
    assert r.status_code == 200
    counts = {value: n for value, _label, n in r.context["status_counts"]}
    assert counts[Status.ASSIGNED] == 3
    assert counts[Status.IN_PROGRESS] == 1
    assert counts[Status.SUPPLEMENT_REQUESTED] == 1
    assert counts[Status.CLOSED] == 3
    assert r.context["overdue_count"] == 2
    assert r.context["due_today_count"] == 1
    assert [c.title for c in r.context["due_today"]] == ["오늘 것"]
    loads = {str(load.handler): (load.open, load.overdue) for load in r.context["loads"]}
    assert loads == {"최도로": (3, 2), "정과장": (1, 0), "None": (1, 0)}
    html = r.content.decode()
    assert "처리 현황 · 도로과" in html
    assert 'data-testid="overdue-count">2<' in html


def test_desk_sees_all_or_chosen_department(as_user, city):
    seed(city)
    client = as_user(city.desk)
    assert client.get(URL).context["overdue_count"] == 6
    assert client.get(URL, {"department": city.parks.pk}).context["overdue_count"] == 4


def test_head_cannot_look_at_another_department(as_user, city):
    seed(city)
    r = as_user(city.head).get(URL, {"department": city.parks.pk})
    assert r.context["overdue_count"] == 2  # unknown choice ignored: own departments


def test_dashboard_query_count_is_bounded(as_user, city, django_assert_max_num_queries):
    seed(city)
    client = as_user(city.head)
    with django_assert_max_num_queries(14):  # +1: who is resting (care app badge)
        client.get(URL)
