"""Korean search in the database's own full-text engine (runs on SQLite and PostgreSQL)."""

from __future__ import annotations

import itertools

import pytest
from django.core.management import call_command
from django.urls import reverse

from minwon.complaints.choices import Visibility
from minwon.complaints.models import Complaint
from minwon.triage.models import SearchDoc
from minwon.triage.search import search_complaints

pytestmark = pytest.mark.django_db


def titles(qs):
    return [c.title for c in qs]


def test_intake_indexes_the_complaint_in_the_same_transaction(file):
    c = file("가로등이 꺼져 있습니다", "골목 가로등이 사흘째 꺼져 있어 밤길이 위험합니다.")
    doc = SearchDoc.objects.get(complaint=c)
    assert doc.title_terms == "가로등 꺼지"
    assert "밤길" in doc.body_terms and "위험" in doc.body_terms


def test_compound_query_finds_spaced_and_conjugated_text(file):
    file("불법 주차했어요", "아파트 정문 앞에 차가 불법 주차했어요")
    file("공원 벤치 파손", "벤치가 부서졌습니다")
    assert titles(search_complaints(Complaint.objects.all(), "불법주차")) == ["불법 주차했어요"]


def test_compound_noun_matches_whichever_way_kiwi_split_it(file):
    whole = file("보도블록이 깨졌어요", "정류장 앞 보도블록이 깨져 있습니다")
    split = file("보도블록 교체 요청", "보도블록")
    spaced = file("보도 블록 파손", "보도 블록이 들떴어요")
    file("보도 청소 요청", "보도에 낙엽이 많습니다")
    assert set(search_complaints(Complaint.objects.all(), "보도블록")) == {whole, split, spaced}
    assert set(search_complaints(Complaint.objects.all(), "보도블록이 깨졌")) >= {whole, split}


def test_verb_in_query_ranks_but_does_not_exclude(file):
    file("가로등 고장", "가로등 고장 신고합니다")
    file("쓰레기 무단투기", "쓰레기가 꺼져 있는 골목에")
    assert titles(search_complaints(Complaint.objects.all(), "가로등이 꺼졌")) == ["가로등 고장"]


def test_relevance_first_then_recency(file):
    old_exact = file("불법주차 단속 요청", "불법주차 불법주차 차량이 많습니다", days_ago=30)
    new_exact = file("불법주차 신고", "불법주차 차량이 길을 막습니다", days_ago=1)
    weak = file(
        "도로 파손", "어제 불법 주차 차량 때문에 보도블록이 깨졌습니다 도로 보수를 바랍니다", days_ago=0
    )
    for title in ("공원 벤치 파손", "가로등 고장", "하수구 악취", "쓰레기 무단투기", "소음 신고"):
        file(title, title)  # unrelated 민원 give the terms their rarity (IDF)
    ranked = list(search_complaints(Complaint.objects.all(), "불법주차"))
    assert ranked[-1] == weak
    assert set(ranked[:2]) == {old_exact, new_exact}
    assert all(a.search_rank >= b.search_rank for a, b in itertools.pairwise(ranked))


def test_search_composes_with_the_callers_queryset(file, city):
    a = file("불법주차 신고", "차량")
    file("불법주차 신고", "차량", category=city.park)
    qs = search_complaints(Complaint.objects.filter(category=city.streetlight), "불법주차")
    assert list(qs) == [a]
    assert search_complaints(Complaint.objects.all(), "   ").count() == 0
    assert search_complaints(Complaint.objects.all(), "!!!").count() == 0


def test_query_text_cannot_inject_fulltext_syntax(file):
    file("가로등 고장", "가로등")
    for q in ['가로등" OR "x', "가로등 & !", "NEAR(가로등)", "'; DROP TABLE x; --"]:
        list(search_complaints(Complaint.objects.all(), q))  # no database error


def test_reindex_command_rebuilds_the_index(file):
    c = file("하수구 악취", "하수구에서 냄새가 납니다")
    SearchDoc.objects.all().delete()
    assert search_complaints(Complaint.objects.all(), "하수구").count() == 0
    call_command("triage", "reindex", "--batch", "1")
    assert list(search_complaints(Complaint.objects.all(), "하수구 냄새")) == [c]


# --- the staff search page ---------------------------------------------------------------------


def test_search_page_needs_staff(client, city):
    url = reverse("triage:search")
    assert client.get(url).status_code == 302  # to log-in
    client.force_login(city.minji)
    assert client.get(url, {"q": "가로등"}).status_code == 403


def test_search_page_respects_access_and_masks_snippets(client, city, file):
    body = "연락은 010-9876-5432 또는 hong.gildong@example.com 으로 주세요. 가로등 고장입니다."
    mine = file("가로등 고장 (도로과)", body, visibility=Visibility.PRIVATE)
    from minwon.complaints import services

    services.assign_department(city.desk, mine, city.roads)
    parks_private = file("가로등 고장 (공원)", body, category=city.park, visibility=Visibility.PRIVATE)
    services.assign_department(city.desk, parks_private, city.parks)
    public_other = file("가로등 고장 (공개)", body, category=city.park, visibility=Visibility.PUBLIC)
    services.assign_department(city.desk, public_other, city.parks)

    client.force_login(city.officer)  # 도로과
    page = client.get(reverse("triage:search"), {"q": "가로등 고장"}).content.decode()
    assert "가로등 고장 (도로과)" in page
    assert "가로등 고장 (공개)" in page
    assert "가로등 고장 (공원)" not in page
    assert "9876" not in page and "hong.gildong" not in page
    assert "010-****-5432" in page  # masked excerpt for the 민원 the officer may read in full
    assert page.count("5432") == 1  # the public 민원 of another department shows its title only

    client.force_login(city.desk)
    page = client.get(reverse("triage:search"), {"q": "가로등 고장"}).content.decode()
    assert page.count('<li class="result">') == 3
