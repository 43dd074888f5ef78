"""The desk triage queue: newly arrived 민원 from every channel, oldest first, routing clock."""

import time_machine
from django.urls import reverse

from minwon.complaints import services as s
from minwon.complaints.choices import EventVerb, Status
from minwon.testing.factories import create_complaint

from .conftest import at, routed_complaint

URL = reverse("staff:desk")


def test_queue_lists_unrouted_oldest_first_with_routing_time(as_user, city):
    with time_machine.travel(at(2026, 11, 23, 9, 5), tick=False):
        old = create_complaint(category=city.streetlight, title="먼저 온 민원", channel="post")
    new = create_complaint(category=city.park, title="나중에 온 민원")
    routed_complaint(city, title="이미 배정됨")
    r = as_user(city.desk).get(URL)
    html = r.content.decode()
    assert [row["c"].pk for row in r.context["rows"]] == [old.pk, new.pk]
    assert "이미 배정됨" not in html
    # Arrived 09:05 → route by 10:05; it is 10:00 now.
    assert "4분 남음" in html  # 10:05 minus a moment past 10:00
    assert "11/23 10:05" in html
    assert html.count("<h1") == 1
    assert "<caption>" in html


def test_overdue_routing_stands_out_in_text(as_user, city):
    with time_machine.travel(at(2026, 11, 20, 9, 0), tick=False):
        create_complaint(category=city.streetlight, title="늦은 민원")
    html = as_user(city.desk).get(URL).content.decode()
    assert 'class="row--overdue"' in html
    assert "⚠</span> 배정 기한이 지난 민원 1건" in html
    assert "지남" in html


def test_received_row_has_accept_button_that_accepts(as_user, city):
    c = create_complaint(category=city.streetlight, channel="visit")
    client = as_user(city.desk)
    html = client.get(URL).content.decode()
    assert reverse("staff:act", args=[c.pk, "accept"]) in html
    assert reverse("staff:act", args=[c.pk, "assign_department"]) not in html  # accept first
    r = client.post(reverse("staff:act", args=[c.pk, "accept"]), {"next": URL})
    assert r["Location"] == URL
    c.refresh_from_db()
    assert c.status == Status.ACCEPTED and c.events.filter(verb=EventVerb.ACCEPTED).exists()


def test_route_from_the_queue_with_suggestion_first(as_user, city):
    c = create_complaint(category=city.park)
    client = as_user(city.desk)
    html = client.get(URL).content.decode()
    select = html.split(f'id="route-{c.pk}"')[1].split("</select>")[0]
    assert f'<optgroup label="추천 부서"><option value="{city.parks.pk}" selected>공원녹지과' in select
    assert "전체 부서" in select and "도로과" in select
    assert "민원봉사과" not in select  # the desk itself is not a processing department
    r = client.post(
        reverse("staff:act", args=[c.pk, "assign_department"]),
        {"assign_department-department": city.parks.pk, "next": URL},
    )
    assert r["Location"] == URL
    c.refresh_from_db()
    assert c.department == city.parks and c.status == Status.ASSIGNED
    ev = c.events.get(verb=EventVerb.ASSIGNED)
    assert ev.actor == city.desk and ev.data["department"] == "공원녹지과"


def test_flagged_complaints_are_listed_for_the_desk_head(as_user, city):
    c = routed_complaint(city, title="떠도는 민원")
    c = s.reassign_department(city.officer, c, city.parks, reason="공원 안")
    c = s.reassign_department(city.other_officer, c, city.roads, reason="도로")
    c = s.reassign_department(city.officer, c, city.parks, reason="다시 공원")
    assert c.needs_desk_head
    html = as_user(city.desk).get(URL).content.decode()
    flagged = html.split('id="flagged-h"')[1]
    assert "떠도는 민원" in flagged and "3회" in flagged
    # and on the complaint page itself
    page = as_user(city.desk).get(reverse("staff:complaint", args=[c.pk])).content.decode()
    assert "민원팀장 확인 필요" in page


def test_desk_queue_query_count_is_bounded(as_user, city, django_assert_max_num_queries):
    for i in range(10):
        create_complaint(category=city.streetlight if i % 2 else city.park, title=f"민원 {i}")
    client = as_user(city.desk)
    # Bounded by the page size; the triage hook (suggest_departments) may read per row.
    with django_assert_max_num_queries(8 + 2 * 10):
        r = client.get(URL)
    assert len(r.context["rows"]) == 10
