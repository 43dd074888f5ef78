"""The 120 agent's day in a real browser: look up the caller by phone (htmx), search the knowledge
base, read an article, record a call that could not be answered at once — and the desk finds the
민원 (channel 120 콜센터) in its queue. The call timer warns near the recommended call time."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from minwon.callcentre.defaults import ensure_defaults
from minwon.callcentre.models import Call, CallTopic
from minwon.complaints.choices import Channel
from minwon.kb import services as kb
from minwon.kb.models import ArticleView
from minwon.testing import factories as f

from .conftest import log_in

pytestmark = pytest.mark.browser


def test_agent_turns_a_call_into_a_complaint(site, city, new_page, screenshot):
    ensure_defaults()  # an earlier transactional test may have flushed the migration's rows
    topic = CallTopic.objects.get(name="도로·가로등 등 생활불편")
    topic.category, topic.recommended_minutes = city.streetlight, 1  # 1 minute: the warning shows at once
    topic.save()
    earlier = f.create_complaint(
        category=city.streetlight, phone="010-5555-7777", name="홍길동", title="지난달 보안등 고장 신고"
    )
    article = kb.create_article(
        city.officer,
        title="가로등 고장 신고 처리",
        body="가로등 기둥의 관리번호와 위치를 받아 민원으로 넘깁니다.\n도로과가 3일 안에 고칩니다.",
        department=city.roads,
        tags="가로등, 고장",
        review_by=timezone.localdate() + timedelta(days=90),
    )

    # The care officer has put a caution on this number after an earlier abusive call.
    from minwon.callcentre.services import end_call_for_abuse
    from minwon.care.incidents import set_caution
    from minwon.care.models import Incident

    abusive = end_call_for_abuse(
        city.agent,
        topic=topic,
        started_at=timezone.now() - timedelta(minutes=30),
        reason="verbal_abuse",
        phone="010-5555-7777",
    )
    incident = Incident.objects.get(call_ref__contains=f"#{abusive.pk} ")
    set_caution(city.care, incident, note="2인 응대, 통화 녹음 고지 후 상담", days=30)

    page = new_page()
    log_in(page, site, "agent")
    page.goto(f"{site}/staff/call/")
    expect(page.locator("h1")).to_have_text("120 상담 화면")
    page.wait_for_function("window.htmx !== undefined")  # deferred: the panels swap only once it runs

    # 1. Who is calling: the earlier 민원 appear without a page reload, the name masked, and the
    # care officer's caution (its note only).
    page.get_by_label("전화번호", exact=True).fill("01055557777")
    page.get_by_role("button", name="조회").click()
    caller = page.locator("#caller")
    expect(caller).to_contain_text(earlier.tracking_no)
    expect(caller).to_contain_text("홍*동")
    expect(caller.get_by_test_id("caution")).to_contain_text("2인 응대, 통화 녹음 고지 후 상담")

    # 2. The knowledge base, searched in Korean, the article opened in the side panel.
    page.get_by_label("검색어").fill("가로등이 꺼졌어요")
    page.get_by_role("button", name="찾기").click()
    page.locator("#kb-results").get_by_role("link", name="가로등 고장 신고 처리").click()
    expect(page.locator("#kb-article")).to_contain_text("관리번호와 위치")
    assert ArticleView.objects.filter(article=article, source="console").count() == 1

    # 3. The call record: the timer warns (1-minute topic), then not answered at once → 민원.
    page.get_by_label("상담 주제").select_option(label="도로·가로등 등 생활불편")
    expect(page.locator("#call-timer")).to_have_class("call-timer call-timer--warn")
    page.get_by_label("발신 번호").fill("010-5555-7777")
    page.get_by_label("민원인 이름").fill("홍길동")
    page.get_by_label("상담 내용").fill(
        "역 앞 가로등 두 개가 꺼져 있음. 관리번호 123-45. 확인 후 문자 회신 요청"
    )
    page.get_by_label("아니요, 민원으로 넘깁니다").check()
    page.get_by_label("민원인이 개인정보 수집·이용에 구두로 동의했습니다").check()
    screenshot(page, "call-console")
    page.get_by_role("button", name="통화 기록 저장").click()
    expect(page.locator(".alert--success, [role=status]").first).to_contain_text("접수했습니다")

    call = Call.objects.exclude(pk=abusive.pk).get()
    c = call.complaint
    assert c.channel == Channel.CALL and not call.answered_at_once and call.agent == city.agent

    # 4. The desk sees it in its queue like any other 민원.
    desk = new_page()
    log_in(desk, site, "desk")
    desk.goto(f"{site}/staff/desk/")
    row = desk.locator("tr", has_text=c.tracking_no)
    expect(row).to_contain_text("120 콜센터")
    expect(row).to_contain_text("역 앞 가로등")
    screenshot(desk, "call-desk-queue")

    # The KB pages, for the reviewers' eyes.
    page.goto(f"{site}/staff/kb/")
    screenshot(page, "kb-index")
    page.goto(f"{site}/staff/kb/{article.pk}/")
    screenshot(page, "kb-article")


def test_agent_ends_an_abusive_call_and_the_care_officer_has_the_incident(site, city, new_page, screenshot):
    from minwon.care.models import Incident

    ensure_defaults()
    page = new_page()
    log_in(page, site, "agent")
    page.goto(f"{site}/staff/call/")
    page.get_by_label("상담 주제").select_option(label="도로·가로등 등 생활불편")
    page.get_by_label("발신 번호").fill("010-4444-5555")
    page.get_by_label("강제 종료 사유").select_option(label="협박·위협")
    page.get_by_label("종료 경위 (선택)").fill("찾아가겠다는 말을 반복함")
    page.get_by_role("button", name="폭언 등으로 통화 종료").click()
    expect(page.locator(".alert--success, [role=status]").first).to_contain_text(
        "친절·보호 담당에게 알렸습니다"
    )

    incident = Incident.objects.get()
    assert incident.kind == "threat" and incident.employee == city.agent
    assert Call.objects.get().ended_for_abuse

    care = new_page()
    log_in(care, site, "care")
    care.goto(f"{site}/care/incidents/")
    care.get_by_role("link", name=f"#{incident.pk}").click()
    expect(care.locator("main")).to_contain_text("찾아가겠다는 말을 반복함")
    expect(care.locator("main")).to_contain_text(f"120 통화 #{Call.objects.get().pk}")
    screenshot(care, "call-abuse-incident")


def test_citizen_confirms_an_oral_complaint_on_the_counter_tablet(
    site, city, new_page, screenshot, settings, tmp_path
):
    from minwon.callcentre import oral
    from minwon.callcentre.models import OralType

    settings.MEDIA_ROOT = tmp_path
    ensure_defaults()
    draft = oral.write_oral(
        city.desk,
        oral_type=OralType.objects.get(name="가로등·보안등 고장 신고"),
        category=city.streetlight,
        title="시장 뒷골목 보안등 고장",
        body="시장 뒷골목 보안등이 일주일째 꺼져 있어 밤에 다니기 무섭습니다.",
        name="정순자",
        phone="010-7777-1234",
        consent=True,
    )
    page = new_page()
    log_in(page, site, "desk")
    page.goto(f"{site}/staff/call/oral/{draft.pk}/")
    screenshot(page, "oral-detail")
    page.get_by_role("link", name="태블릿 확인 화면 열기").click()
    expect(page.locator("h1")).to_have_text("민원 내용을 확인해 주십시오")
    expect(page.locator("#signature-pad[data-ready=true]")).to_be_visible()  # the script has loaded
    box = page.locator("#signature-pad").bounding_box()
    page.mouse.move(box["x"] + 30, box["y"] + 60)
    page.mouse.down()
    for i in range(1, 12):
        page.mouse.move(box["x"] + 30 + i * 25, box["y"] + 60 + (i % 3) * 20)
    page.mouse.up()
    screenshot(page, "oral-tablet")
    page.get_by_role("button", name="내용이 맞습니다").click()
    expect(page.locator("h1")).to_have_text("확인되었습니다. 감사합니다.")
    draft.refresh_from_db()
    assert draft.confirm_method == "tablet" and draft.signature and draft.complaint.status == "accepted"
    assert draft.signature.read().startswith(b"\x89PNG")
    expect(page.locator("main")).to_contain_text(draft.complaint.tracking_no)
    page.goto(f"{site}/staff/call/oral/{draft.pk}/")
    screenshot(page, "oral-confirmed")
