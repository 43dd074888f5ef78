"""Similar open 민원, 공감, merging, 반복민원 evidence and closure, 다수인 grouping."""

from __future__ import annotations

import h3
import pytest
from django.urls import reverse

from minwon.complaints import hooks, services
from minwon.complaints.choices import Status, Visibility
from minwon.complaints.errors import ComplaintError
from minwon.complaints.models import Complaint
from minwon.lib.korean.analysis import parse_query
from minwon.testing import factories as f
from minwon.triage import services as triage
from minwon.triage.jobs import run_due_jobs
from minwon.triage.models import GroupMember, SearchDoc, Support, TriageSettings
from minwon.triage.search import candidate_ids
from minwon.triage.similar import prior_filings, repeated_assessment, similar_to_complaint

from .conftest import north

pytestmark = pytest.mark.django_db


def test_hook_finds_similar_public_open_complaints_nearby_with_distance(file, city):
    near = file("가로등이 꺼져 있어요", "골목 가로등이 꺼져서 어둡습니다", at=north(120))
    far = file("가로등이 꺼져 있어요", "골목 가로등이 꺼져서 어둡습니다", at=north(3000))
    private = file("가로등 꺼짐", "가로등이 꺼졌습니다", at=north(50), visibility=Visibility.PRIVATE)
    unrelated = file("공원 벤치 파손", "벤치가 부서졌어요", at=north(30))
    found = hooks.similar_open_complaints(
        title="가로등이 꺼졌어요", body="밤에 어두워요", lat=north(0)[0], lng=north(0)[1]
    )
    assert [s.complaint for s in found] == [near]
    assert found[0].distance_m == pytest.approx(120, abs=5)
    assert far not in found and private not in found and unrelated not in found


def test_hook_without_place_uses_the_text_index(file):
    a = file("불법 주차 차량 신고", "아파트 앞 불법 주차", at=None)
    file("공원 벤치 파손", "벤치", at=None)
    found = hooks.similar_open_complaints(title="불법주차 신고합니다")
    assert [s.complaint for s in found] == [a]
    assert found[0].distance_m is None


def test_sharing_only_genre_words_is_not_similarity(file, city):
    # "민원 요청" is in every 민원; only a shared content word makes two 민원 similar.
    # By weighted cosine alone the first scores 0.38, over the 0.25 floor.
    file("민원 요청", "민원 요청 드립니다", at=north(40))
    same = file("가로등 민원", "가로등 요청 드립니다", at=north(60))
    found = hooks.similar_open_complaints(title="가로등 민원 요청", lat=north(0)[0], lng=north(0)[1])
    assert [s.complaint for s in found] == [same]
    assert [s.complaint for s in hooks.similar_open_complaints(title="가로등 민원 요청")] == [same]


def test_long_title_without_place_finds_a_complaint_sharing_two_nouns(file):
    # No other 민원 has every noun of a long title; the "any two nouns" attempt finds it, and a
    # 민원 sharing one common noun only does not crowd it out.
    two = file("어린이 보호구역 과속 단속 카메라 설치", "과속 차량이 많습니다", at=None)
    one = file("과속 차량이 많아요", "밤마다 과속합니다", at=None)
    title = "초등학교 앞 어린이 보호구역 신호등 과속 방지턱"
    assert candidate_ids(parse_query(title)) == [two.pk]
    assert one.pk in candidate_ids(parse_query("과속 방지턱"))  # one noun is enough for a short text
    assert [s.complaint for s in hooks.similar_open_complaints(title=title)] == [two]


def test_equal_scores_prefer_the_newer_complaint(file, city):
    older = file("가로등 고장", "가로등 고장", at=north(100), days_ago=5)
    newer = file("가로등 고장", "가로등 고장", at=north(100), days_ago=1)
    found = hooks.similar_open_complaints(title="가로등 고장", lat=north(0)[0], lng=north(0)[1])
    assert [s.complaint for s in found][:2] == [newer, older]


def test_closed_and_old_complaints_are_not_similar(file, city):
    old = file("가로등 고장", "가로등 고장", days_ago=90)
    done = file("가로등 고장", "가로등 고장")
    services.assign_department(city.desk, done, city.roads)
    services.answer_complaint(city.officer, done, answer="고쳤습니다")
    assert hooks.similar_open_complaints(title="가로등 고장", lat=north(0)[0], lng=north(0)[1]) == []
    assert old.pk and done.pk


def test_a_moved_complaint_is_found_at_its_new_place_only(file, settings):
    c = file("가로등이 꺼져 있어요", "골목 가로등이 꺼져서 어둡습니다", at=north(3000))
    here = {"title": "가로등이 꺼졌어요", "lat": north(0)[0], "lng": north(0)[1]}
    assert hooks.similar_open_complaints(**here) == []
    c.lat, c.lng = north(100)
    c.h3_cell = h3.latlng_to_cell(c.lat, c.lng, settings.MINWON_H3_RESOLUTION)
    c.save(update_fields=["lat", "lng", "h3_cell"])  # a location edit
    assert [s.complaint for s in hooks.similar_open_complaints(**here)] == [c]
    away = {"title": "가로등이 꺼졌어요", "lat": north(3000)[0], "lng": north(3000)[1]}
    assert hooks.similar_open_complaints(**away) == []


def test_lookup_with_a_place_leaves_out_merged_and_the_complaint_itself(file, city):
    first = file("가로등 고장", "골목 가로등이 꺼졌습니다", at=north(10))
    dup = file("가로등이 고장났어요", "골목 가로등이 꺼졌어요", at=north(20))
    third = file("가로등 꺼짐", "골목 가로등이 꺼졌어요", at=north(30))
    services.merge_complaint(city.desk, dup, into=first)
    found = [s.complaint for s in similar_to_complaint(third, public_only=False)]
    assert found == [first]


def test_search_doc_follows_the_complaint_opening_and_closing(file, city):
    c = file("가로등 고장", "가로등 고장", at=None)
    doc = lambda: SearchDoc.objects.get(complaint=c).is_open  # noqa: E731
    assert doc() is True
    services.assign_department(city.desk, c, city.roads)
    services.answer_complaint(city.officer, c, answer="고쳤습니다")
    assert doc() is False
    assert hooks.similar_open_complaints(title="가로등 고장") == []
    services.reopen_complaint(city.desk, c, reason="다시 꺼졌습니다")
    assert doc() is True
    assert [s.complaint for s in hooks.similar_open_complaints(title="가로등 고장")] == [c]


def test_migration_open_list_matches_the_open_statuses():
    import importlib

    from minwon.complaints.choices import OPEN_STATUSES

    mig = importlib.import_module("minwon.triage.migrations.0003_searchdoc_is_open")
    expected = "(" + ", ".join(f"'{s}'" for s in OPEN_STATUSES) + ")"
    assert expected == mig.OPEN


def test_radius_is_an_admin_setting(file):
    c = file("가로등 고장", "가로등 고장", at=north(800))
    assert hooks.similar_open_complaints(title="가로등 고장", lat=north(0)[0], lng=north(0)[1]) == []
    cfg = TriageSettings.load()
    cfg.similar_radius_m = 1000
    cfg.save()
    assert [
        s.complaint
        for s in hooks.similar_open_complaints(title="가로등 고장", lat=north(0)[0], lng=north(0)[1])
    ] == [c]


# --- 공감 ------------------------------------------------------------------------------------------


def test_support_is_counted_once_per_person_and_recorded(file, city):
    c = file("가로등 고장", "가로등 고장")
    triage.support_complaint(city.junho, c)
    with pytest.raises(ComplaintError, match="이미"):
        triage.support_complaint(city.junho, c)
    triage.support_complaint(None, c, phone="01077778888")
    assert Support.objects.filter(complaint=c).count() == 2
    event = c.events.filter(verb="note").last()
    assert event.data == {"triage": "support", "support_id": event.data["support_id"], "count": 2}
    assert list(triage.supporters_to_notify(c).values_list("phone", flat=True)) == ["", "010-7777-8888"]


def test_support_needs_a_public_open_complaint_and_a_contact(file, city):
    private = file("가로등 고장", "가로등", visibility=Visibility.PRIVATE)
    with pytest.raises(ComplaintError, match="공개"):
        triage.support_complaint(city.junho, private)
    c = file("가로등 고장", "가로등")
    with pytest.raises(ComplaintError, match="전화번호"):
        triage.support_complaint(None, c)


def test_support_view_from_the_filing_form(client, file, city):
    c = file("가로등 고장", "가로등")
    url = reverse("triage:support", args=[c.pk])
    assert client.post(url, {"phone": "010-1111-2222", "consent": "on"}).status_code == 302  # log in
    client.force_login(city.junho)
    resp = client.post(url, {"title": "가로등", "body": "…the rest of the filing form…"})
    assert resp.status_code == 200
    assert "공감했습니다" in resp.content.decode()
    assert Support.objects.get(complaint=c).user == city.junho
    assert client.post(url).status_code == 400  # already joined
    assert client.get(url).status_code == 405


# --- the desk's similar partial and merge ------------------------------------------------------


def test_desk_sees_similar_and_merges(client, file, city):
    first = file("가로등 고장", "골목 가로등이 꺼졌습니다", visibility=Visibility.PRIVATE)
    dup = file("가로등이 고장났어요", "골목 가로등이 꺼졌어요", at=north(60), visibility=Visibility.PRIVATE)
    client.force_login(city.desk)
    page = client.get(reverse("triage:similar", args=[dup.pk])).content.decode()
    assert first.tracking_no in page and reverse("triage:merge", args=[dup.pk]) in page
    resp = client.post(reverse("triage:merge", args=[dup.pk]), {"into": first.pk}, HTTP_HX_REQUEST="true")
    # The staff page reloads: its status, timeline and the success message all changed.
    assert resp.status_code == 204 and resp["HX-Refresh"] == "true"
    dup.refresh_from_db()
    assert dup.status == Status.MERGED and dup.duplicate_of == first


def test_similar_partial_is_staff_only_and_hides_what_the_officer_may_not_read(client, file, city):
    mine = file("가로등 고장", "가로등", visibility=Visibility.PRIVATE)
    services.assign_department(city.desk, mine, city.roads)
    theirs = file("가로등 고장", "가로등", visibility=Visibility.PRIVATE)
    services.assign_department(city.desk, theirs, city.parks)
    client.force_login(city.minji)
    assert client.get(reverse("triage:similar", args=[mine.pk])).status_code == 403
    client.force_login(city.officer)
    page = client.get(reverse("triage:similar", args=[mine.pk])).content.decode()
    assert theirs.tracking_no not in page
    # Only the desk merges: the officer's partial has no merge form.
    assert reverse("triage:merge", args=[mine.pk]) not in page


# --- 반복민원 ------------------------------------------------------------------------------------


def _file_and_answer(city, *, title="우리 집 앞 가로등 고장", days_ago=0, answer=True, category=None, **kw):
    from datetime import timedelta

    from django.utils import timezone

    c = f.create_complaint(
        category=category or city.streetlight,
        applicant_user=city.minji,
        phone="010-2222-3333",
        title=title,
        body="집 앞 가로등이 또 꺼졌습니다. 고쳐 주세요.",
        received_at=timezone.now() - timedelta(days=days_ago),
        **kw,
    )
    if answer:
        services.assign_department(city.desk, c, city.roads)
        services.answer_complaint(city.officer, c, answer="점검했습니다.")
    return c


def test_repeated_evidence_counts_same_applicant_same_content(city):
    _file_and_answer(city, days_ago=30)
    _file_and_answer(city, days_ago=20)
    f.create_complaint(category=city.park, applicant_user=city.minji, title="공원 벤치", body="벤치 파손")
    f.create_complaint(
        category=city.streetlight,
        applicant_user=city.junho,
        phone="010-9999-0000",
        title="우리 집 앞 가로등 고장",
        body="집 앞 가로등이 또 꺼졌습니다. 고쳐 주세요.",
    )
    current = _file_and_answer(city, days_ago=0, answer=False)
    prior = prior_filings(current)
    assert len(prior) == 2 and all(p.notified for p in prior)
    a = repeated_assessment(current)
    assert a.may_close and a.filings == 3 and a.notified == 2


def test_repeated_by_phone_without_an_account(city):
    for days in (30, 20):
        c = f.create_complaint(
            category=city.streetlight,
            phone="010-4444-5555",
            title="가로등 고장 또 신고",
            body="가로등이 또 꺼졌어요",
            received_at=None,
        )
        services.assign_department(city.desk, c, city.roads)
        services.answer_complaint(city.officer, c, answer="점검했습니다.")
        assert days
    c = f.create_complaint(
        category=city.streetlight,
        phone="01044445555",
        title="가로등 고장 또 신고",
        body="가로등이 또 꺼졌어요",
    )
    assert repeated_assessment(c).filings == 3


def test_close_as_repeated_rechecks_the_rule(city):
    a = _file_and_answer(city, days_ago=30)
    b = _file_and_answer(city, days_ago=20)
    current = _file_and_answer(city, days_ago=0)  # answered: close_complaint accepts it today
    with pytest.raises(ComplaintError, match="2회"):
        triage.close_as_repeated(city.desk, current, [a.pk])
    other = f.create_complaint(category=city.park, title="공원", body="벤치")
    with pytest.raises(ComplaintError, match="아닌 것"):
        triage.close_as_repeated(city.desk, current, [a.pk, b.pk, other.pk])
    closed = triage.close_as_repeated(city.desk, current, [a.pk, b.pk])
    assert closed.status == Status.CLOSED and closed.closure_reason == "repeated"
    assert a.tracking_no in closed.events.get(verb="closed").note


def test_statutory_complaints_are_never_closed_as_repeated(city):
    ids = [_file_and_answer(city, days_ago=d, category=city.permit).pk for d in (30, 20)]
    current = _file_and_answer(city, category=city.permit)
    assert not repeated_assessment(current).may_close
    with pytest.raises(ComplaintError, match="법정민원"):
        triage.close_as_repeated(city.desk, current, ids)


def test_repeated_partial_shows_evidence_and_closes(client, city):
    ids = [_file_and_answer(city, days_ago=d).pk for d in (30, 20)]
    current = _file_and_answer(city)
    client.force_login(city.desk)
    url = reverse("triage:repeated", args=[current.pk])
    page = client.get(url).content.decode()
    assert "반복민원으로 종결" in page
    client.post(url, {"evidence": ids})
    current.refresh_from_db()
    assert current.status == Status.CLOSED


# --- 다수인관련민원 -------------------------------------------------------------------------------


def test_group_case_needs_five_applicants_and_representatives(file, city):
    same = [file("재개발 반대 민원", "우리 동네 재개발 계획에 반대합니다") for _ in range(5)]
    with pytest.raises(ComplaintError, match="5명"):
        triage.form_group_case(city.desk, same[:4], representatives=same[:1])
    with pytest.raises(ComplaintError, match="대표자"):
        triage.form_group_case(city.desk, same, representatives=[])
    case = triage.form_group_case(city.desk, same, representatives=same[:2], title="재개발 반대")
    assert set(Complaint.objects.filter(group_key=case.key)) == set(same)
    assert GroupMember.objects.filter(case=case, is_representative=True).count() == 2
    with pytest.raises(ComplaintError, match="이미"):
        triage.form_group_case(city.desk, same, representatives=same[:1])


def test_group_candidates_find_the_same_content_from_others(file, city):
    from minwon.triage.similar import group_candidates

    lead = file("재개발 반대 민원", "우리 동네 재개발 계획에 반대합니다")
    others = [
        file("재개발 반대 민원", "우리 동네 재개발 계획에 반대합니다", at=north(5000)) for _ in range(4)
    ]
    file("가로등 고장", "가로등")
    assert {g.complaint for g in group_candidates(lead)} == set(others)


# --- worker jobs -------------------------------------------------------------------------------


def test_run_due_jobs_indexes_missing_and_holds_a_lease(file, city):
    c = file("하수구 악취", "냄새")
    SearchDoc.objects.filter(complaint=c).delete()
    done = run_due_jobs()
    assert done["indexed"] == 1 and SearchDoc.objects.filter(complaint=c).exists()
    assert done["retrained"] is None  # too little history
    again = run_due_jobs()
    assert again == {"indexed": 0, "retrained": None}  # attempted recently: not due
