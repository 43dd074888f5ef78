"""Board pages through the Django test client: who sees what, and nothing personal in public."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from minwon.board import services
from minwon.board.choices import Tag
from minwon.complaints import services as complaint_services
from minwon.complaints.intake import Upload

from .helpers import member, post, sent_code, striped_jpeg

pytestmark = pytest.mark.django_db

SECRET_TEXT = "차주 김철수씨 010-9876-5432, 차량 12가3456, 주소 빛나로 12, 101동 1203호 앞"
RAW = ["김철수", "010-9876-5432", "9876", "12가3456", "101동", "1203호", "빛나로 12"]


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def answered_post(city):
    p = post(
        member(),
        title="불법주차 010-9876-5432",
        body=SECRET_TEXT,
        category=city.streetlight,
        address="새빛구 빛나로 12, 101동 1203호",
    )
    complaint_services.assign_department(city.desk, p.complaint, city.roads)
    complaint_services.start_processing(city.officer, p.complaint)
    complaint_services.answer_complaint(
        city.officer, p.complaint, answer="담당자 최민수 주무관이 12가3456 차량을 단속했습니다."
    )
    p.refresh_from_db()
    return p


def text_of(html: str) -> str:
    """The page as a reader sees it: tags gone (masked tokens sit in their own <span>)."""
    return re.sub(r"<[^>]+>", "", html)


def assert_masked(html: str) -> None:
    for raw in [*RAW, "최민수"]:
        assert raw not in html and raw not in text_of(html), raw


def test_public_pages_show_status_answer_and_nothing_personal(city):
    p = answered_post(city)
    anon = Client()
    detail = text_of(anon.get(reverse("board:detail", args=[p.pk])).content.decode())
    assert (
        "답변 완료" in detail
        and "최*수 주무관" in detail
        and "12가****" in detail
        and "010-****-5432" in detail
    )
    assert "빛나로 ***" in detail and "도로과" in detail
    assert_masked(detail)
    listing = anon.get(reverse("board:list")).content.decode()
    assert "010-****-5432" in listing
    assert_masked(listing)
    feed = anon.get(reverse("board:feed")).content.decode()
    assert json.loads(feed)["items"][0]["_minwon"]["status"] == "답변 완료"
    assert_masked(feed)
    assert_masked(anon.get(reverse("board:map")).content.decode())


def test_the_board_complaint_leaves_through_open311_masked_by_the_same_rules(city):
    # A public board post is a public 민원, so Open311 lists it: its excerpt must hide names and
    # house numbers too, not only phones (one masking module for every public surface).
    p = answered_post(city)
    rows = Client().get("/open311/v2/requests.json").json()
    (row,) = [r for r in rows if r["service_request_id"] == p.complaint.tracking_no]
    text = json.dumps(row, ensure_ascii=False)
    assert "김*수씨" in row["description"] and "빛나로 ***" in row["description"]
    assert_masked(text)


def test_open_post_shows_due_date(city):
    p = post(member(), category=city.streetlight)
    html = Client().get(reverse("board:detail", args=[p.pk])).content.decode()
    assert "처리기한" in html and "까지" in html and "접수" in html


def test_filters_by_tag_status_and_area(city):
    a = answered_post(city)
    talk = post(member("b@example.com"), tag=Tag.TALK, title="동네 축제 이야기", address="새빛구 달빛동 5")
    client = Client()

    def titles(**q):
        return client.get(reverse("board:list"), q).content.decode()

    assert "동네 축제" in titles(tag="talk") and "불법주차" not in titles(tag="talk")
    assert "불법주차" in titles(status="answered") and "동네 축제" not in titles(status="answered")
    assert "동네 축제" in titles(status="none")
    assert "동네 축제" in titles(area="달빛동") and "불법주차" not in titles(area="달빛동")
    assert a.area == "" and talk.area == "달빛동"


def test_private_post_is_404_except_for_author_and_handling_staff(city):
    author = member()
    p = post(author, tag=Tag.TALK, body="민원실 직원이 불친절했습니다")
    url = reverse("board:detail", args=[p.pk])
    assert Client().get(url).status_code == 404
    assert as_user(city.junho).get(url).status_code == 404
    assert as_user(city.officer).get(url).status_code == 404
    assert as_user(author).get(url).status_code == 200
    assert as_user(city.desk).get(url).status_code == 200
    assert as_user(city.care).get(url).status_code == 200
    assert "불친절" not in Client().get(reverse("board:list")).content.decode()


def test_hidden_post_shows_its_reason_to_the_author_only(city):
    author = member()
    p = post(author, tag=Tag.TALK)
    services.hide_post(city.desk, p, reason="광고 글")
    url = reverse("board:detail", args=[p.pk])
    assert Client().get(url).status_code == 404
    assert "광고 글" in as_user(author).get(url).content.decode()


def test_join_flow_logs_in_and_returns_to_the_form(city):
    client = Client()
    assert client.get(reverse("board:new"))["Location"].startswith(reverse("board:join"))
    client.get(reverse("board:join"), {"next": reverse("board:new")})
    r = client.post(reverse("board:join"), {"address": "hong@"})
    assert "형식이 올바르지" in r.content.decode() and 'value="hong@"' in r.content.decode()
    r = client.post(reverse("board:join"), {"address": "hong@example.com"})
    assert r["Location"] == reverse("board:join_confirm")
    r = client.post(reverse("board:join_confirm"), {"code": "x", "nickname": "별빛"})
    assert "맞지 않습니다" in r.content.decode() and 'value="별빛"' in r.content.decode()
    r = client.post(
        reverse("board:join_confirm"), {"code": sent_code("hong@example.com"), "nickname": "별빛"}
    )
    assert r["Location"] == reverse("board:new")
    assert client.get(reverse("board:new")).status_code == 200


def test_posting_through_the_form_keeps_input_on_error(city):
    client = as_user(member())
    r = client.post(reverse("board:new"), {"tag": "", "title": "제목만 010-1234-5678", "body": ""})
    html = r.content.decode()
    assert "말머리를 하나 골라" in html and "내용을 입력해" in html and "제목만 010-1234-5678" in html
    r = client.post(
        reverse("board:new"),
        {
            "tag": "living",
            "title": "가로등",
            "body": "꺼졌어요",
            "category": "streetlight",
            "address": "새빛구 빛나동 3",
        },
    )
    assert r.status_code == 302


def test_support_needs_an_account_and_counts_once(city):
    p = post(member(), tag=Tag.TALK)
    url = reverse("board:support", args=[p.pk])
    assert Client().post(url)["Location"].startswith(reverse("board:join"))
    reader = as_user(city.junho)
    reader.post(url)
    assert "공감 취소" in reader.get(reverse("board:detail", args=[p.pk])).content.decode()
    assert p.supports.count() == 1


def test_desk_files_and_routes_from_the_post_page(city):
    p = post(member(), title="공원 벤치 파손")
    desk = as_user(city.desk)
    page = desk.get(reverse("board:detail", args=[p.pk])).content.decode()
    assert "민원으로 접수" in page
    r = desk.post(
        reverse("board:moderate", args=[p.pk, "complaint"]), {"category": "park", "department": city.parks.pk}
    )
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.complaint.department == city.parks
    assert (
        as_user(city.junho).post(reverse("board:moderate", args=[p.pk, "hide"]), {"reason": "x"}).status_code
        == 403
    )


def test_staff_reply_is_official_and_masked(city):
    p = post(member(), category=city.streetlight)
    complaint_services.assign_department(city.desk, p.complaint, city.roads)
    as_user(city.officer).post(
        reverse("board:reply", args=[p.pk]), {"body": "이영희 팀장님께 전달했습니다 010-1111-2222"}
    )
    html = text_of(Client().get(reverse("board:detail", args=[p.pk])).content.decode())
    assert "공식 답글" in html and "도로과 담당자" in html and "이*희 팀장님께" in html
    assert "010-1111-2222" not in html and "최도로" not in html


def test_photos_are_shown_only_after_review(city):
    p = post(member(), tag=Tag.TALK, uploads=[Upload("a.jpg", striped_jpeg(), "image/jpeg")])
    photo = p.photos.get()
    url = reverse("board:photo", args=[p.pk, photo.pk])
    assert Client().get(url).status_code == 404
    as_user(city.desk).post(
        reverse("board:moderate", args=[p.pk, "photo_redact"]),
        {"photo": photo.pk, "left": 0, "top": 0, "width": 50, "height": 50},
    )
    r = Client().get(url)
    assert r.status_code == 200
    photo.refresh_from_db()
    with photo.redacted.open("rb") as fh:
        assert b"".join(r.streaming_content) == fh.read()
    # ?original=1 is for moderators only; others keep getting the redacted copy.
    assert b"".join(Client().get(url + "?original=1").streaming_content) != b"".join(
        as_user(city.desk).get(url + "?original=1").streaming_content
    )


def test_report_goes_to_the_desk_queue(city):
    p = post(member(), tag=Tag.TALK, title="광고성 글")
    as_user(city.junho).post(reverse("board:report", args=[p.pk]), {"reason": "광고입니다"})
    queue = as_user(city.desk).get(reverse("board:queue")).content.decode()
    assert "광고입니다" in queue
    assert as_user(city.officer).get(reverse("board:queue")).status_code == 403


def test_a_reply_can_be_reported_and_hidden_from_the_queue(city):
    p = post(member(), tag=Tag.TALK, title="공원 이야기")
    rude = services.add_reply(member("rude@example.com", nickname="무례"), p, body="욕설이 담긴 답글")
    reader = as_user(city.junho)
    page = text_of(reader.get(reverse("board:detail", args=[p.pk])).content.decode())
    assert "이 답글 신고하기" in page
    r = reader.post(reverse("board:report", args=[p.pk]), {"reply": rude.pk, "reason": "욕설입니다"})
    assert r.status_code == 302
    report = rude.reports.get()
    assert "욕설입니다" in as_user(city.desk).get(reverse("board:queue")).content.decode()
    as_user(city.desk).post(
        reverse("board:moderate", args=[p.pk, "resolve"]),
        {"report": report.pk, "outcome": "hide", "reason": "욕설", "back": "queue"},
    )
    assert "욕설이 담긴 답글" not in Client().get(reverse("board:detail", args=[p.pk])).content.decode()


def test_similar_partial_lists_open_posts_but_not_private_ones(city):
    shown = post(
        member(),
        title="빛나로 가로등 고장",
        body="가로등이 꺼졌어요 010-1234-5678",
        category=city.streetlight,
    )
    private = post(
        member("b@example.com"),
        title="가로등 고장 신고했더니 불친절",
        body="가로등이 꺼졌는데 직원이 불친절했어요",
        category=city.streetlight,
    )
    assert private.is_private and private.complaint is not None
    html = (
        Client().get(reverse("board:similar"), {"title": "가로등 고장", "body": "가로등이 꺼졌어요"}).content
    )
    html = html.decode()
    assert "근처에 비슷한 글이 이미 있습니다" in html
    assert reverse("board:detail", args=[shown.pk]) in html
    assert reverse("board:detail", args=[private.pk]) not in html
    # Nothing similar: nothing shown.
    assert "비슷한 글" not in Client().get(reverse("board:similar"), {"title": "축제 일정"}).content.decode()


def test_similar_partial_also_lists_posts_still_waiting_for_the_desk(city):
    # No category and no default for the tag in this city: the post waits as "민원팀 검토 중".
    near = post(
        member(),
        title="빛나로 보도블록 파손",
        body="보도블록이 깨져 걸려 넘어질 뻔했어요",
        lat=37.5665,
        lng=126.978,
    )
    far = post(
        member("far@example.com"),
        title="보도블록 파손 신고",
        body="보도블록이 깨졌어요",
        lat=37.60,
        lng=127.05,
    )
    assert near.complaint is None and far.complaint is None
    q = {"title": "보도블록 파손", "body": "보도블록이 깨졌습니다"}
    html = Client().get(reverse("board:similar"), q).content.decode()
    assert reverse("board:detail", args=[near.pk]) in html and "민원팀 검토 중" in html
    assert reverse("board:detail", args=[far.pk]) in html  # no place given: text alone decides
    html = Client().get(reverse("board:similar"), {**q, "lat": 37.5667, "lng": 126.9782}).content.decode()
    assert reverse("board:detail", args=[near.pk]) in html and "m 거리" in html
    assert reverse("board:detail", args=[far.pk]) not in html  # about 8 km away
    unrelated = Client().get(reverse("board:similar"), {"title": "축제 일정 문의"}).content.decode()
    assert reverse("board:detail", args=[near.pk]) not in unrelated


def test_list_query_count_does_not_grow_with_posts(city, settings, django_assert_max_num_queries):
    settings.MINWON_BOARD_POSTS_PER_DAY = 100
    citizen = member()
    for i in range(8):
        post(citizen, tag=Tag.TALK, title=f"글 {i}")
    with django_assert_max_num_queries(14):
        Client().get(reverse("board:list"))
