"""Korean search in the database's own full-text engine (runs on SQLite and PostgreSQL)."""

from __future__ import annotations

import itertools

import h3
import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from minwon.complaints.choices import Visibility
from minwon.complaints.models import Complaint
from minwon.triage import search, views
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


# --- the bounded page (newest matches ranked) and 전체 기간 ----------------------------------------


def _window_city(file):
    """The most relevant 민원 is the oldest; four weaker ones are newer."""
    best = file("불법주차 불법주차 단속", "불법주차 불법주차 불법주차", days_ago=40)
    newer = [file(f"불법주차 {i}번", f"어제 {i}번 골목 불법주차 차량", days_ago=i) for i in range(1, 5)]
    for title in ("공원 벤치 파손", "가로등 고장", "하수구 악취"):
        file(title, title)
    return best, newer


def test_search_page_ranks_only_the_newest_matches_and_says_so(file, monkeypatch):
    best, newer = _window_city(file)
    monkeypatch.setattr(search, "RANK_WINDOW", 3)
    page = search.search_page(Complaint.objects.all(), "불법주차", limit=1)
    assert page.window == 3  # more matched than the window held
    assert best not in page.rows and set(page.rows) <= set(newer[:3])
    assert [c.search_rank for c in page.rows] == sorted((c.search_rank for c in page.rows), reverse=True)

    every = search.search_page(Complaint.objects.all(), "불법주차", limit=2, everything=True)
    assert every.window is None and every.rows[0] == best
    assert every.rows == list(search_complaints(Complaint.objects.all(), "불법주차")[:2])


def test_search_page_window_widens_for_deeper_pages_and_is_exact_when_all_fit(file, monkeypatch):
    best, _ = _window_city(file)
    monkeypatch.setattr(search, "RANK_WINDOW", 2)
    # offset 1 + limit 1 → window 4 < the 5 matches; offset 2 → window 6: every match ranked.
    assert search.search_page(Complaint.objects.all(), "불법주차", limit=1, offset=1).window == 4
    page = search.search_page(Complaint.objects.all(), "불법주차", limit=1, offset=2)
    assert page.window is None
    assert page.rows == list(search_complaints(Complaint.objects.all(), "불법주차")[2:3])
    monkeypatch.setattr(search, "RANK_WINDOW", 500)
    page = search.search_page(Complaint.objects.all(), "불법주차", limit=50)
    assert page.window is None and page.rows[0] == best and len(page.rows) == 5
    assert search.search_page(Complaint.objects.all(), "!!!").rows == []


def test_search_page_window_counts_only_rows_the_caller_may_see(file, city, monkeypatch):
    best, _ = _window_city(file)
    hidden = [file(f"불법주차 비공개 {i}", "불법주차 차량", days_ago=0) for i in range(3)]
    monkeypatch.setattr(search, "RANK_WINDOW", 5)
    qs = Complaint.objects.exclude(pk__in=[c.pk for c in hidden])
    page = search.search_page(qs, "불법주차", limit=5)
    # The window holds the 5 newest *visible* matches, so the oldest (best) one is still ranked:
    # had the three newer hidden ones counted, it would have fallen out.
    assert page.rows[0] == best
    assert not set(page.rows) & set(hidden)


def test_search_page_all_option_ranks_every_period(client, city, file, monkeypatch):
    _window_city(file)
    monkeypatch.setattr(search, "RANK_WINDOW", 3)
    monkeypatch.setattr(views, "PAGE", 1)  # so that the window is not widened to the page
    client.force_login(city.desk)
    url = reverse("triage:search")
    page = client.get(url, {"q": "불법주차"}).content.decode()
    assert "불법주차 불법주차 단속" not in page
    assert "최근 3건" in page and "all=1" in page
    page = client.get(url, {"q": "불법주차", "all": "1"}).content.decode()
    assert "불법주차 불법주차 단속" in page and "최근 3건" not in page
    assert 'name="all" value="1" checked' in page


# --- what the index keeps beside the text -------------------------------------------------------


def test_index_keeps_the_h3_cell_on_intake_and_on_a_location_edit(file):
    c = file("가로등 고장", "가로등")
    assert SearchDoc.objects.get(complaint=c).h3_cell == c.h3_cell != ""
    lat, lng = c.lat + 0.05, c.lng
    c.lat, c.h3_cell = lat, h3.latlng_to_cell(lat, lng, settings.MINWON_H3_RESOLUTION)
    c.save(update_fields=["lat", "h3_cell"])
    assert SearchDoc.objects.get(complaint=c).h3_cell == c.h3_cell
    c.lat = c.lng = None
    c.h3_cell = ""
    c.save()  # a whole-row save may move it too
    assert SearchDoc.objects.get(complaint=c).h3_cell == ""
    nowhere = file("가로등 고장", "가로등", at=None)
    assert SearchDoc.objects.get(complaint=nowhere).h3_cell == ""


def test_saves_that_leave_the_place_alone_do_not_touch_the_index(file, django_assert_num_queries):
    c = file("가로등 고장", "가로등")
    c.title = "가로등 고장입니다"
    with django_assert_num_queries(1):
        c.save(update_fields=["title"])


def test_index_complaint_is_one_upsert(file, django_assert_num_queries):
    c = file("가로등 고장", "가로등")
    c.title = "하수구 악취"
    with django_assert_num_queries(1):
        search.index_complaint(c)
    assert SearchDoc.objects.filter(complaint=c).count() == 1
    doc = SearchDoc.objects.get(complaint=c)
    assert doc.title_terms == "하수구 악취" and doc.h3_cell == c.h3_cell and doc.is_open
    assert list(search_complaints(Complaint.objects.all(), "하수구")) == [c]
    SearchDoc.objects.all().delete()
    with django_assert_num_queries(1):
        search.index_complaint(c)  # and an insert when there is none
    assert list(search_complaints(Complaint.objects.all(), "하수구")) == [c]


def test_migration_backfills_the_h3_cell_of_located_complaints_only(file):
    import importlib

    from django.db import connection

    mig = importlib.import_module("minwon.triage.migrations.0004_searchdoc_h3_cell")
    placed, nowhere = file("가로등 고장", "가로등"), file("하수구 악취", "하수구", at=None)
    SearchDoc.objects.update(h3_cell="")
    with connection.cursor() as cur:
        cur.execute(mig.BACKFILL)
    assert SearchDoc.objects.get(complaint=placed).h3_cell == placed.h3_cell != ""
    assert SearchDoc.objects.get(complaint=nowhere).h3_cell == ""
    assert list(search_complaints(Complaint.objects.all(), "하수구")) == [nowhere]  # FTS untouched
