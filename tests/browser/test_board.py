"""The open board in a real browser: a citizen signs up with an e-mail code, is shown a similar open
post nearby while writing, and posts a 생활불편신고 with a name, phone number, e-mail and car plate;
the desk files it as a 민원 for 도로과; the officer answers on the staff complaint page naming a
colleague and replies on the post; an anonymous reader sees 답변 완료 and the answer on the list,
the detail page, the map and the JSON feed, with nothing personal on any of them."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from minwon.board import services
from minwon.board.choices import Tag
from minwon.board.models import Post
from minwon.board.tests.helpers import member
from minwon.complaints.choices import Channel, Status
from minwon.notify.models import Message

from .conftest import log_in

pytestmark = pytest.mark.browser

BODY = (
    "빛나로 12, 101동 앞에 12가3456 차량이 매일 인도를 막고 있습니다. "
    "차주 김철수 씨 연락처 010-9876-5432, 메일 kimcs@example.com"
)
ANSWER = "담당자 최민수 주무관이 현장을 확인하고 12가3456 차량에 과태료를 부과했습니다. 문의: 031-123-4567"
PERSONAL = [
    "010-9876-5432",
    "9876-5432",
    "12가3456",
    "김철수",
    "kimcs@",
    "최민수",
    "이영희",
    "최도로",
    "101동",
    "빛나로 12,",
    "031-123-4567",
    "빛나동주민",
]


# WCAG 2.1 AA contrast of every visible text in <main>: its colour against the first opaque
# background behind it (4.5:1, or 3:1 for large text). Returns the failures, worst first.
CONTRAST_JS = """
() => {
  const rgb = (s) => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || c[3] === 1) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const out = [];
  for (const el of document.querySelectorAll("main *")) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    const box = el.getBoundingClientRect();
    const st = getComputedStyle(el);
    if (!own || !box.width || st.visibility === "hidden" || el.closest(".leaflet-container")) continue;
    const [a, b] = [lum(rgb(st.color)), lum(background(el))].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    const size = parseFloat(st.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(st.fontWeight) >= 700);
    const text = el.textContent.trim().slice(0, 40);
    if (ratio < (large ? 3 : 4.5)) out.push([ratio.toFixed(2), el.tagName, text]);
  }
  return out.sort((x, y) => x[0] - y[0]);
}
"""


def assert_contrast(page) -> None:
    failures = page.evaluate(CONTRAST_JS)
    assert not failures, failures


def _code_in_outbox(address: str) -> str:
    body = Message.objects.filter(recipient=address).latest("pk").body
    return re.search(r"인증번호 (\d{6})", body).group(1)  # type: ignore[union-attr]


def test_board_post_becomes_a_complaint_and_shows_the_masked_answer(site, city, new_page, screenshot):
    # An open public post about the same thing, filed earlier by a neighbour.
    earlier = services.create_post(
        member("neighbour@example.com", nickname="이웃"),
        services.PostInput(
            tag=Tag.LIVING,
            title="빛나로 인도 불법주차",
            body="빛나로 인도에 불법주차 차량이 매일 있습니다",
            category=city.streetlight,
            lat=37.5692,
            lng=126.9705,
        ),
    )
    assert earlier.complaint is not None and not earlier.is_private

    # 1. A citizen with no account signs up with an e-mail code.
    citizen = new_page()
    citizen.goto(f"{site}/board/")
    expect(citizen.locator("h1")).to_have_text("민원소통방")
    citizen.get_by_role("link", name="글쓰기").click()
    expect(citizen.locator("h1")).to_have_text("민원소통방 본인 확인")
    citizen.get_by_label("휴대전화 또는 전자우편").fill("citizen@example.com")
    citizen.get_by_role("button", name="인증번호 받기").click()
    citizen.get_by_label("인증번호 6자리").fill(_code_in_outbox("citizen@example.com"))
    citizen.get_by_label("별명").fill("빛나동주민")
    citizen.get_by_role("button", name="확인").click()

    # 2. They write a 생활불편신고; an open post like it nearby is shown before they post.
    expect(citizen.locator("h1")).to_have_text("민원소통방 글쓰기")
    citizen.get_by_label("#생활불편신고").check()
    citizen.get_by_label("내용 (필수)").fill(BODY)
    citizen.get_by_label("제목 (필수)").fill("인도 불법주차 신고")
    citizen.get_by_label("제목 (필수)").blur()
    expect(citizen.locator("#similar")).to_contain_text("근처에 비슷한 글이 이미 있습니다")
    expect(citizen.locator("#similar")).to_contain_text("빛나로 인도 불법주차")
    citizen.get_by_label("장소(주소)").fill("새빛구 빛나동 빛나로 12, 101동")
    citizen.locator("#map").click(position={"x": 120, "y": 90})
    expect(citizen.locator("#map-status")).to_contain_text("고른 위치")
    # With the place chosen the box is asked again, now with the distance to the earlier post.
    expect(citizen.locator("#similar")).to_contain_text("m 거리")
    expect(citizen.locator("#similar")).to_contain_text("빛나로 인도 불법주차")
    screenshot(citizen, "board-post-form")
    citizen.get_by_role("button", name="글 올리기").click()
    expect(citizen.get_by_test_id("status")).to_have_text("민원팀 검토 중")
    post = Post.objects.get(title="인도 불법주차 신고")
    assert post.complaint is None and post.lat is not None and post.area == "빛나동"

    # 3. The desk files it as a 민원 and routes it to 도로과 from the post page.
    desk = new_page()
    log_in(desk, site, "desk")
    desk.goto(f"{site}/board/{post.pk}/")
    desk.get_by_label("민원 유형 (필수)").select_option(value="streetlight")
    desk.get_by_label("처리부서 (바로 배정)").select_option(value=str(city.roads.pk))
    desk.get_by_role("button", name="민원으로 접수").click()
    expect(desk.get_by_test_id("status")).to_have_text("부서 배정")
    screenshot(desk, "board-detail-desk")
    post.refresh_from_db()
    complaint = post.complaint
    assert complaint.channel == Channel.BOARD and complaint.department == city.roads

    # 4. The officer answers on the staff complaint page; the answer names a colleague with title.
    officer = new_page()
    log_in(officer, site, "officer")
    officer.goto(f"{site}/board/{post.pk}/")
    officer.get_by_role("link", name="직원 민원 화면에서 처리하기").click()
    answer = officer.locator("#action-answer")
    answer.locator("summary").click()
    answer.get_by_label(re.compile("^답변 내용")).fill(ANSWER)
    answer.get_by_role("button", name="답변 등록").click()
    # Wait for the answer's confirmation: wait_for_load_state() may return before the POST lands.
    expect(officer.get_by_text("답변을 등록했습니다")).to_be_visible()
    complaint.refresh_from_db()
    assert complaint.status == Status.ANSWERED
    # ...and replies on the post, reached from the staff complaint page.
    officer.get_by_role("link", name="민원소통방 글 보기·답글").click()
    officer.get_by_label("답글 (필수)").fill("이영희 팀장님께서도 현장을 함께 보셨습니다.")
    officer.get_by_role("button", name="공식 답글 올리기").click()
    expect(officer.get_by_test_id("reply")).to_contain_text("도로과 담당자")

    # 5. An anonymous reader sees the status, the answer, and every personal detail masked.
    reader = new_page()
    reader.goto(f"{site}/board/")
    item = reader.get_by_test_id("board-list").locator("li", has_text="인도 불법주차 신고")
    expect(item).to_contain_text("답변 완료")
    screenshot(reader, "board-list")
    assert_contrast(reader)
    # The check itself sees a pale grey line (#999 on white is 2.8:1).
    reader.evaluate(
        "() => { const p = document.createElement('p'); p.id = 'pale'; p.style.color = '#999';"
        " p.textContent = '흐린 글'; document.querySelector('main').append(p); }"
    )
    assert any(f[2] == "흐린 글" for f in reader.evaluate(CONTRAST_JS))
    reader.evaluate("() => document.getElementById('pale').remove()")
    item.get_by_role("link").click()
    expect(reader.get_by_test_id("status")).to_have_text("답변 완료")
    expect(reader.get_by_test_id("answer")).to_contain_text("최*수 주무관이 현장을 확인하고 12가**** 차량")
    expect(reader.get_by_test_id("body")).to_contain_text("010-****-5432")
    expect(reader.get_by_test_id("body")).to_contain_text("빛나로 ***, ***동 앞에 12가****")
    expect(reader.get_by_test_id("address")).to_have_text("새빛구 빛나동 빛나로 ***")
    expect(reader.get_by_test_id("reply")).to_contain_text("이*희 팀장님께서도")
    expect(reader.get_by_test_id("answer")).to_contain_text("문의: 031-***-4567")
    expect(reader.get_by_test_id("body")).to_contain_text("차주 김*수 씨")
    expect(reader.get_by_test_id("body")).to_contain_text("ki***@example.com")
    screenshot(reader, "board-detail-answered")
    assert_contrast(reader)
    text = reader.locator("main").inner_text()
    for raw in PERSONAL:
        assert raw not in text, raw
    assert "빛***민" in text  # even the nickname is shown masked

    # 6. The map lists it (masked title, rounded place) and the JSON feed carries the masked answer.
    reader.goto(f"{site}/board/map/?status=answered")
    expect(reader.locator("h1")).to_have_text("민원소통방 지도")
    expect(reader.locator(".board-item", has_text="인도 불법주차 신고")).to_contain_text("답변 완료")
    expect(reader.locator("#board-map .leaflet-marker-icon")).to_have_count(1)
    screenshot(reader, "board-map")
    assert_contrast(reader)
    for raw in PERSONAL:
        assert raw not in reader.content(), raw
    feed = reader.request.get(f"{site}/board/feed.json?status=answered")
    assert feed.ok
    (entry,) = feed.json()["items"]
    assert entry["_minwon"]["status"] == "답변 완료"
    assert "[답변] 담당자 최*수 주무관이" in entry["content_text"]
    for raw in PERSONAL:
        assert raw not in feed.text(), raw
