"""The department worklist: scope, filters, search, sorting, pages, bulk assign, CSV, query count."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from minwon.complaints.choices import Status
from minwon.complaints.models import Complaint
from minwon.triage.search import reindex

from .conftest import at, routed_complaint

URL = reverse("staff:worklist")


def bulk(city, n, *, department=None, category=None, **fields):
    """Many rows fast (no events): enough for listing tests, never for lifecycle ones."""
    now = timezone.now()
    start = Complaint.objects.count()
    rows = []
    for i in range(n):
        values = {
            "tracking_no": f"2026-8{start + i:06d}",
            "kind": "grievance",
            "period": "7d",
            "category": category or city.streetlight,
            "channel": "web",
            "title": f"목록 시험 민원 {start + i}",
            "body": "내용",
            "status": Status.ASSIGNED,
            "department": department or city.roads,
            "received_at": now - timedelta(days=1, minutes=i),
            "due_at": now + timedelta(days=3, minutes=i),
            "applicant_phone": "010-9999-8888",
            "applicant_name": "홍길동",
        }
        values.update(fields)
        rows.append(Complaint(**values))
    created = Complaint.objects.bulk_create(rows)
    # bulk_create records no `received` event, so the search index is written here instead.
    reindex(Complaint.objects.filter(pk__in=[c.pk for c in created]))
    return created


def titles(response):
    return [c.title for c, _state in response.context["rows"]]


def test_officer_sees_own_departments_open_complaints_by_due(as_user, city):
    late = bulk(city, 1, title="늦은 기한", due_at=timezone.now() + timedelta(days=9))[0]
    soon = bulk(city, 1, title="이른 기한", due_at=timezone.now() + timedelta(hours=1))[0]
    bulk(city, 1, title="공원 민원", department=city.parks, category=city.park)
    bulk(city, 1, title="끝난 민원", status=Status.CLOSED)
    r = as_user(city.officer).get(URL)
    assert titles(r) == [soon.title, late.title]


def test_desk_sees_all_departments_and_can_choose_one(as_user, city):
    bulk(city, 1, title="도로 민원")
    bulk(city, 1, title="공원 민원", department=city.parks, category=city.park)
    client = as_user(city.desk)
    assert set(titles(client.get(URL))) == {"도로 민원", "공원 민원"}
    assert titles(client.get(URL, {"department": city.parks.pk})) == ["공원 민원"]


def test_officer_cannot_widen_scope_with_another_department_id(as_user, city):
    bulk(city, 1, title="공원 민원", department=city.parks, category=city.park)
    r = as_user(city.officer).get(URL, {"department": city.parks.pk})
    assert titles(r) == []
    assert "올바르게 선택해 주세요" in r.content.decode()  # shown next to the field, not used


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "in_progress"}, {"처리 중 민원"}),
        (
            {"status": "all"},
            {"처리 중 민원", "보통 민원", "끝난 민원", "방문 민원", "기한 지난 민원", "내 민원", "오늘 마감"},
        ),
        ({"channel": "visit"}, {"방문 민원"}),
        ({"overdue": "on"}, {"기한 지난 민원"}),
        ({"handler": "mine"}, {"내 민원"}),
        ({"due_within": "8"}, {"오늘 마감"}),
        ({"received_from": "2026-11-01", "received_to": "2026-11-05"}, {"보통 민원"}),
        ({"q": "기한"}, {"기한 지난 민원"}),
    ],
)
def test_filters(as_user, city, params, expected):
    now = timezone.now()
    bulk(city, 1, title="처리 중 민원", status=Status.IN_PROGRESS)
    bulk(city, 1, title="보통 민원", received_at=at(2026, 11, 3, 9, 0))
    bulk(city, 1, title="끝난 민원", status=Status.CLOSED)
    bulk(city, 1, title="방문 민원", channel="visit")
    bulk(city, 1, title="기한 지난 민원", due_at=now - timedelta(hours=2))
    bulk(city, 1, title="내 민원", handler=city.officer)
    bulk(city, 1, title="오늘 마감", due_at=now + timedelta(hours=3))
    assert set(titles(as_user(city.officer).get(URL, params))) == expected


def test_category_and_unassigned_and_specific_handler(as_user, city):
    bulk(city, 1, title="허가", category=city.permit)
    bulk(city, 1, title="담당 있음", handler=city.head)
    client = as_user(city.head)
    assert titles(client.get(URL, {"category": city.permit.pk})) == ["허가"]
    assert set(titles(client.get(URL, {"handler": "unassigned"}))) == {"허가"}
    assert titles(client.get(URL, {"handler": city.head.pk})) == ["담당 있음"]


def test_search_by_exact_tracking_number_and_body_words(as_user, city):
    a, b = bulk(city, 2)
    Complaint.objects.filter(pk=b.pk).update(body="보도블록이 깨져서 넘어질 뻔했습니다")
    reindex(Complaint.objects.filter(pk=b.pk))
    client = as_user(city.officer)
    assert titles(client.get(URL, {"q": a.tracking_no})) == [a.title]
    assert titles(client.get(URL, {"q": a.tracking_no.replace("-", "")})) == [a.title]
    assert titles(client.get(URL, {"q": "보도블록이 깨져"})) == [b.title]
    assert titles(client.get(URL, {"q": "보도블록 고양이"})) == []


def test_search_matches_korean_morphemes_and_sorts_by_relevance(as_user, city):
    parked, lamp, other = bulk(city, 3)
    Complaint.objects.filter(pk=parked.pk).update(title="골목에 불법 주차했어요", body="매일 밤 불법 주차")
    Complaint.objects.filter(pk=lamp.pk).update(title="가로등 고장", body="불법 현수막도 있습니다")
    Complaint.objects.filter(pk=other.pk).update(title="공원 벤치 파손", body="벤치가 부서졌어요")
    reindex(Complaint.objects.filter(pk__in=[parked.pk, lamp.pk, other.pk]))
    client = as_user(city.officer)
    assert titles(client.get(URL, {"q": "불법주차"})) == ["골목에 불법 주차했어요"]
    assert titles(client.get(URL, {"q": "가로등이 꺼졌"})) == ["가로등 고장"]
    # Title matches weigh more than body ones: the title hit ranks first under relevance.
    ranked = titles(client.get(URL, {"q": "불법", "sort": "relevance"}))
    assert ranked == ["골목에 불법 주차했어요", "가로등 고장"]
    # Relevance without a search term falls back to the due order instead of failing.
    assert client.get(URL, {"sort": "relevance"}).status_code == 200


def test_invalid_filter_value_shows_korean_error_and_keeps_input(as_user, city):
    bulk(city, 2)
    r = as_user(city.officer).get(URL, {"received_from": "어제", "q": "시험"})
    html = r.content.decode()
    assert "날짜를 2026-11-23 형식으로 입력해 주십시오." in html
    assert 'value="어제"' in html and 'value="시험"' in html
    assert len(titles(r)) == 2  # the bad filter is ignored, the good one applied


@pytest.mark.parametrize(
    ("sort", "first"),
    [("due", "A"), ("-due", "C"), ("received", "C"), ("-received", "A"), ("status", "B")],
)
def test_sorting(as_user, city, sort, first):
    now = timezone.now()
    bulk(city, 1, title="A", due_at=now + timedelta(hours=1), received_at=now - timedelta(hours=1))
    bulk(
        city,
        1,
        title="B",
        due_at=now + timedelta(hours=2),
        received_at=now - timedelta(hours=2),
        status=Status.ACCEPTED,
    )
    bulk(city, 1, title="C", due_at=now + timedelta(hours=3), received_at=now - timedelta(hours=3))
    assert titles(as_user(city.officer).get(URL, {"sort": sort}))[0] == first


def test_pagination_keeps_filters(as_user, city):
    bulk(city, 60)
    client = as_user(city.officer)
    r = client.get(URL, {"sort": "received"})
    assert len(titles(r)) == 50
    html = r.content.decode()
    assert "60건 중 1–50번째" in html
    assert "?sort=received&amp;page=2" in html
    r = client.get(URL, {"sort": "received", "page": 2})
    assert len(titles(r)) == 10


def test_overdue_and_due_today_rows_stand_out_in_text(as_user, city):
    now = timezone.now()
    bulk(city, 1, title="지남", due_at=now - timedelta(minutes=5))
    bulk(city, 1, title="오늘", due_at=now + timedelta(hours=2))
    bulk(city, 1, title="보완 중", due_at=now - timedelta(hours=5), status=Status.SUPPLEMENT_REQUESTED)
    html = as_user(city.officer).get(URL).content.decode()
    assert html.count('class="row--overdue"') == 1
    assert html.count('class="row--due_today"') == 1
    assert "⚠</span> 기한 경과" in html and "◷</span> 오늘 마감" in html


def test_htmx_request_gets_the_results_partial(as_user, city):
    bulk(city, 2)
    r = as_user(city.officer).get(URL, HTTP_HX_REQUEST="true")
    html = r.content.decode()
    assert html.startswith('<div id="worklist-results">') and "<h1" not in html


# --- bulk assign ----------------------------------------------------------------------------------


def test_head_bulk_assigns_through_the_service_and_reports_row_errors(as_user, city):
    a = routed_complaint(city)
    b = routed_complaint(city)
    parks = routed_complaint(city, category=city.park)
    client = as_user(city.head)
    r = client.post(
        reverse("staff:bulk_assign"),
        {"ids": [a.pk, b.pk, parks.pk], "handler": city.officer.pk, "query": "sort=received"},
    )
    assert r.status_code == 302 and r["Location"] == URL + "?sort=received"
    a.refresh_from_db(), b.refresh_from_db(), parks.refresh_from_db()
    assert a.handler == city.officer and b.handler == city.officer and parks.handler is None
    assert a.events.filter(verb="handler_assigned", actor=city.head).exists()
    shown = [str(m) for m in r.wsgi_request._messages]
    assert "2건의 담당자를 최도로님으로 지정했습니다." in shown
    assert any(m.startswith(f"{parks.pk}: ") and "찾을 수 없습니다" in m for m in shown)


def test_bulk_assign_without_selection_says_so(as_user, city):
    r = as_user(city.head).post(reverse("staff:bulk_assign"), {"handler": city.officer.pk}, follow=True)
    assert "담당자를 지정할 민원을 선택해 주십시오." in r.content.decode()


def test_officer_bulk_form_offers_only_themself(as_user, city):
    bulk(city, 2)
    r = as_user(city.officer).get(URL)
    assert [u.pk for u in r.context["bulk_handlers"]] == [city.officer.pk]
    r = as_user(city.head).get(URL)
    assert {u.pk for u in r.context["bulk_handlers"]} == {city.officer.pk, city.head.pk}


def test_officer_bulk_assigning_a_colleague_is_refused_per_row(as_user, city):
    a = routed_complaint(city)
    r = as_user(city.officer).post(reverse("staff:bulk_assign"), {"ids": [a.pk], "handler": city.head.pk})
    shown = [str(m) for m in r.wsgi_request._messages]
    assert any("부서장 또는 민원팀만" in m for m in shown)
    a.refresh_from_db()
    assert a.handler is None


# --- CSV ------------------------------------------------------------------------------------------


def test_csv_export_has_bom_filtered_rows_and_no_personal_data(as_user, city):
    bulk(city, 3)
    bulk(city, 1, title='=HYPERLINK("http://x")')
    bulk(city, 1, title="공원 민원", department=city.parks, category=city.park)
    r = as_user(city.officer).get(reverse("staff:worklist_csv"), {"sort": "received"})
    assert r.status_code == 200
    assert r["Content-Type"] == "text/csv; charset=utf-8"
    assert r["Content-Disposition"].startswith('attachment; filename="minwon-worklist-')
    body = b"".join(r.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff접수번호,제목,")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert len(rows) == 1 + 4
    assert "공원 민원" not in body
    assert "010-9999-8888" not in body and "홍길동" not in body
    assert any(row[1] == '\'=HYPERLINK("http://x")' for row in rows)


# --- performance pin --------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [5, 50])
def test_query_count_does_not_grow_with_rows(as_user, city, django_assert_num_queries, n):
    bulk(city, n, handler=city.officer)
    client = as_user(city.officer)
    # session, user, roles, memberships, headed departments, departments, handlers,
    # categories (select), count, page ids, page rows: eleven, whatever the number of rows.
    with django_assert_num_queries(11):
        r = client.get(URL)
    assert len(titles(r)) == n


def test_desk_query_count_all_departments(as_user, city, django_assert_num_queries):
    bulk(city, 30)
    client = as_user(city.desk)
    # session, user, roles, departments, categories (select), count, page ids, page rows
    with django_assert_num_queries(8):
        client.get(URL)


def test_count_is_capped_to_stay_fast(as_user, city, monkeypatch):
    from minwon.staff.queries import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "CAP", 20)
    monkeypatch.setattr(CappedPaginator, "cap_label", "20")
    bulk(city, 30)
    r = as_user(city.officer).get(URL)
    assert r.context["page"].paginator.count == 21
    assert "20건 이상 중 1–21번째" in r.content.decode()
