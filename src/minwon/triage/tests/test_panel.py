"""The desk's triage panel on the staff 민원 page (/triage/complaint/<pk>/), on the personas.

The desk sees and acts (merge, 반복민원 종결, 다수인 grouping); the officer of the department sees
the evidence without the desk's buttons; an officer of another department gets 404 for a private
민원; the auditor reads only; citizens get 403.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from minwon.complaints import services
from minwon.complaints.choices import ClosureReason, EventVerb, Status, Visibility
from minwon.complaints.models import Complaint
from minwon.testing import factories as f
from minwon.triage.models import GroupCase, GroupMember

from .conftest import north

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


def panel_url(c) -> str:
    return reverse("triage:panel", args=[c.pk])


def filing(city, *, days_ago=0, answer=True):
    """민지 files the same 민원 again; earlier ones were answered (the result notified)."""
    c = f.create_complaint(
        category=city.streetlight,
        applicant_user=city.minji,
        phone="010-2222-3333",
        title="우리 집 앞 가로등 고장",
        body="집 앞 가로등이 또 꺼졌습니다. 고쳐 주세요.",
        received_at=timezone.now() - timedelta(days=days_ago),
    )
    services.assign_department(city.desk, c, city.roads)
    if answer:
        services.answer_complaint(city.officer, c, answer="점검하여 고쳤습니다.")
    return c


@pytest.fixture
def repeated(city):
    return filing(city, days_ago=30), filing(city, days_ago=20), filing(city, answer=False)


def test_staff_page_loads_the_panel_with_htmx(client, city, file):
    c = file("가로등 고장", "가로등이 꺼졌어요", visibility=Visibility.PRIVATE)
    client.force_login(city.desk)
    page = client.get(reverse("staff:complaint", args=[c.pk])).content.decode()
    assert f'hx-get="{panel_url(c)}"' in page and 'hx-trigger="load"' in page
    # Without JavaScript the same URL opens as a page of its own.
    assert f'href="{panel_url(c)}"' in page
    full = client.get(panel_url(c)).content.decode()
    assert full.count("<h1") == 1 and "유사·반복·다수인 민원" in full and "<html" in full
    partial = client.get(panel_url(c), **HX).content.decode()
    assert "<html" not in partial and 'data-testid="triage-panel"' in partial


def test_desk_sees_similar_with_distance_and_date_and_a_merge_button(client, city, file):
    first = file("가로등 고장", "골목 가로등이 꺼졌습니다", visibility=Visibility.PRIVATE, days_ago=3)
    dup = file("가로등이 고장났어요", "골목 가로등이 꺼졌어요", at=north(60), visibility=Visibility.PRIVATE)
    client.force_login(city.desk)
    page = client.get(panel_url(dup), **HX).content.decode()
    assert first.tracking_no in page
    assert "60m" in page
    assert timezone.localtime(first.received_at).strftime("%Y-%m-%d") in page
    assert f"{first.tracking_no}에 병합" in page


def test_merge_from_the_panel_reloads_the_page(client, city, file):
    first = file("가로등 고장", "골목 가로등이 꺼졌습니다", visibility=Visibility.PRIVATE)
    dup = file("가로등이 고장났어요", "골목 가로등이 꺼졌어요", at=north(60), visibility=Visibility.PRIVATE)
    client.force_login(city.desk)
    resp = client.post(reverse("triage:merge", args=[dup.pk]), {"into": first.pk, "score": "0.8"}, **HX)
    assert resp.status_code == 204 and resp["HX-Refresh"] == "true"
    dup.refresh_from_db()
    assert dup.status == Status.MERGED and dup.duplicate_of == first
    assert "유사도 0.80" in dup.events.get(verb=EventVerb.MERGED).note
    page = client.get(reverse("staff:complaint", args=[dup.pk])).content.decode()
    assert f"{first.tracking_no}에 병합했습니다" in page


def test_desk_sees_repeated_evidence_and_closes(client, city, repeated):
    first, second, current = repeated
    client.force_login(city.desk)
    page = client.get(panel_url(current), **HX).content.decode()
    assert "3회 접수, 처리결과 통지 2회" in page
    assert first.tracking_no in page and second.tracking_no in page
    assert "반복민원으로 종결" in page
    resp = client.post(
        reverse("triage:repeated", args=[current.pk]),
        {"evidence": [first.pk, second.pk], "note": "정당한 사유 없음"},
        **HX,
    )
    assert resp.status_code == 204 and resp["HX-Refresh"] == "true"
    current.refresh_from_db()
    assert current.status == Status.CLOSED and current.closure_reason == ClosureReason.REPEATED
    assert current.events.get(verb=EventVerb.CLOSED).data["evidence_ids"] == [first.pk, second.pk]


def test_closing_without_enough_evidence_answers_in_korean(client, city, repeated):
    first, _second, current = repeated
    client.force_login(city.desk)
    resp = client.post(reverse("triage:repeated", args=[current.pk]), {"evidence": [first.pk]}, **HX)
    assert resp.status_code == 200
    assert "2회 접수되었습니다 (3회 이상이어야 함)" in resp.content.decode()
    current.refresh_from_db()
    assert current.is_open


def test_without_javascript_the_close_form_returns_to_the_staff_page(client, city, repeated):
    first, second, current = repeated
    client.force_login(city.desk)
    resp = client.post(reverse("triage:repeated", args=[current.pk]), {"evidence": [first.pk, second.pk]})
    assert resp.status_code == 302 and resp["Location"] == reverse("staff:complaint", args=[current.pk])
    assert Complaint.objects.get(pk=current.pk).status == Status.CLOSED


def test_the_law_not_met_shows_evidence_but_no_button(client, city):
    first = filing(city, days_ago=30)
    current = filing(city, answer=False)
    client.force_login(city.desk)
    page = client.get(panel_url(current), **HX).content.decode()
    assert first.tracking_no in page and "2회 접수, 처리결과 통지 1회" in page
    assert "3회 이상이어야 함" in page
    assert "반복민원으로 종결</button>" not in page


def test_officer_of_the_department_sees_the_panel_without_the_desk_buttons(client, city, repeated):
    first, _second, current = repeated
    client.force_login(city.officer)
    resp = client.get(panel_url(current), **HX)
    assert resp.status_code == 200
    page = resp.content.decode()
    assert first.tracking_no in page and "3회 접수, 처리결과 통지 2회" in page
    assert "반복민원으로 종결</button>" not in page and "에 병합</button>" not in page
    resp = client.post(reverse("triage:repeated", args=[current.pk]), {"evidence": [first.pk]}, **HX)
    assert resp.status_code == 403
    assert Complaint.objects.get(pk=current.pk).is_open


def test_officer_of_another_department_cannot_find_a_private_complaint(client, city, repeated):
    *_earlier, current = repeated
    client.force_login(city.other_officer)
    assert client.get(panel_url(current), **HX).status_code == 404
    assert client.get(reverse("triage:group", args=[current.pk]), **HX).status_code == 404


def test_auditor_reads_but_cannot_close(client, city, repeated):
    first, second, current = repeated
    client.force_login(city.auditor)
    page = client.get(panel_url(current), **HX).content.decode()
    assert first.tracking_no in page and "반복민원으로 종결</button>" not in page
    resp = client.post(reverse("triage:repeated", args=[current.pk]), {"evidence": [first.pk, second.pk]})
    assert resp.status_code == 403
    assert Complaint.objects.get(pk=current.pk).is_open


def test_citizens_and_visitors_never_see_the_panel(client, city, repeated):
    *_earlier, current = repeated
    resp = client.get(panel_url(current))
    assert resp.status_code == 302 and "/login/" in resp["Location"]
    client.force_login(city.minji)  # even the applicant of this 민원
    assert client.get(panel_url(current)).status_code == 403


# --- 다수인관련민원 --------------------------------------------------------------------------


@pytest.fixture
def five(file):
    """Five applicants (by phone) filing the same content in different parts of the city."""
    return [
        file("재개발 반대 민원", "우리 동네 재개발 계획에 반대합니다", at=north(i * 3000), name=f"주민{i}")
        for i in range(5)
    ]


def test_desk_groups_five_applicants_with_representatives(client, city, five):
    lead = five[0]
    client.force_login(city.desk)
    page = client.get(panel_url(lead), **HX).content.decode()
    assert "신청인 5명" in page and "다수인관련민원으로 묶기" in page
    assert all(c.tracking_no in page for c in five)
    resp = client.post(
        reverse("triage:group", args=[lead.pk]),
        {
            "member": [c.pk for c in five[1:]],
            "representative": [five[0].pk, five[2].pk],
            "title": "재개발 반대",
        },
        **HX,
    )
    assert resp.status_code == 204 and resp["HX-Refresh"] == "true"
    case = GroupCase.objects.get()
    assert case.title == "재개발 반대" and case.created_by == city.desk and case.lead == lead
    assert set(Complaint.objects.filter(group_key=case.key)) == set(five)
    reps = set(
        GroupMember.objects.filter(case=case, is_representative=True).values_list("complaint", flat=True)
    )
    assert reps == {five[0].pk, five[2].pk}
    for c in five:
        (event,) = [e for e in c.events.filter(verb=EventVerb.NOTE) if e.data.get("triage") == "group_case"]
        assert event.actor == city.desk and event.data["group_key"] == case.key
    page = client.get(panel_url(five[3]), **HX).content.decode()
    assert case.key in page and "대표자" in page and "다수인관련민원으로 묶기" not in page


def test_grouping_fewer_than_five_applicants_is_refused(client, city, five):
    client.force_login(city.desk)
    resp = client.post(
        reverse("triage:group", args=[five[0].pk]),
        {"member": [c.pk for c in five[1:4]], "representative": [five[0].pk]},
        **HX,
    )
    assert resp.status_code == 200
    assert "신청인이 5명 이상이어야 합니다 (현재 4명)" in resp.content.decode()
    assert not GroupCase.objects.exists()


def test_grouping_needs_a_representative(client, city, five):
    client.force_login(city.desk)
    resp = client.post(reverse("triage:group", args=[five[0].pk]), {"member": [c.pk for c in five[1:]]}, **HX)
    assert "대표자" in resp.content.decode()
    assert not GroupCase.objects.exists()


def test_only_the_desk_groups(client, city, five):
    for c in five:
        services.assign_department(city.desk, c, city.roads)
    client.force_login(city.officer)
    page = client.get(panel_url(five[0]), **HX).content.decode()
    assert "신청인 5명" in page and "다수인관련민원으로 묶기" not in page
    resp = client.post(
        reverse("triage:group", args=[five[0].pk]),
        {"member": [c.pk for c in five[1:]], "representative": [five[0].pk]},
        **HX,
    )
    assert resp.status_code == 403
    assert not GroupCase.objects.exists()
