"""Kindness and staff protection in a real browser (issue 8): a citizen rates an answer from the
notice link and reopens; praise reaches the employee and the head; an officer files an abusive-
conduct incident and the care officer grants rest and reassigns the 민원."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from minwon.accounts.models import Role
from minwon.care.models import Incident, IncidentView
from minwon.complaints import services
from minwon.complaints.choices import Status
from minwon.notify.models import Message
from minwon.testing import factories as f

from .conftest import log_in

pytestmark = pytest.mark.browser


def _in_progress(city):
    c = f.create_complaint(category=city.streetlight, applicant_user=city.minji, phone="010-2222-3333")
    services.assign_department(city.desk, c, city.roads)
    return services.start_processing(city.officer, c)


def test_citizen_rates_from_the_notice_link_and_reopens(site, city, new_page, screenshot):
    c = services.answer_complaint(city.officer, _in_progress(city), answer="가로등 안정기를 교체했습니다.")
    notice = Message.objects.get(complaint=c, template_key="answered")
    path = notice.context["satisfaction_url"].split("/s/", 1)[1]
    assert f"/s/{path}" in notice.body  # the link is in the message the citizen received

    page = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.goto(f"{site}/s/{path}")
    expect(page.locator("h1")).to_have_text("답변이 도움이 되었나요?")
    screenshot(page, "care-satisfaction")
    page.get_by_label("해결되지 않았어요").check()
    page.locator("#id_kindness").get_by_label("4", exact=True).check()
    page.locator("#id_speed").get_by_label("2", exact=True).check()
    # Reopen without saying what is unresolved: a Korean error, the choices kept.
    page.get_by_label("같은 부서에서 다시 처리해 주십시오 (재처리 요청)").check()
    page.get_by_role("button", name="보내기").click()
    expect(page.locator("#error-summary")).to_contain_text("해결되지 않은 점을 적어 주십시오")
    expect(page.get_by_label("해결되지 않았어요")).to_be_checked()
    page.get_by_label("하고 싶은 말씀(선택)").fill("낮에는 켜지는데 밤에 또 꺼집니다.")
    page.get_by_role("button", name="보내기").click()
    expect(page.get_by_test_id("reopened")).to_contain_text("다시 처리해 달라는 요청을 접수")
    c.refresh_from_db()
    assert c.status == Status.REOPENED and c.satisfaction_responses.get().kindness == 4


def test_praise_reaches_the_employee_and_the_head(site, city, new_page, screenshot):
    citizen = new_page()
    citizen.goto(f"{site}/care/praise/")
    screenshot(citizen, "care-praise")
    citizen.get_by_label("칭찬할 직원").select_option(label="최도로 (도로과)")
    citizen.get_by_label("칭찬 내용").fill("밤늦게 전화했는데도 끝까지 친절하게 도와주셨습니다.")
    citizen.get_by_role("button", name="칭찬 보내기").click()
    expect(citizen.get_by_text("칭찬을 전했습니다")).to_be_visible()

    employee = new_page()
    log_in(employee, site, "officer")
    employee.get_by_role("link", name="친절·보호").click()
    expect(employee.get_by_test_id("praises")).to_contain_text("끝까지 친절하게")
    expect(employee.get_by_test_id("alerts")).to_contain_text("칭찬 민원이 도착했습니다: 최도로")
    expect(employee.get_by_test_id("praise-count")).to_have_text("1")
    screenshot(employee, "care-person")

    head = new_page()
    log_in(head, site, "head")
    head.goto(f"{site}/care/me/")
    expect(head.get_by_test_id("alerts")).to_contain_text("칭찬 민원이 도착했습니다: 최도로")


def test_officer_files_an_incident_and_care_grants_rest_and_reassigns(
    site, city, new_page, screenshot, tmp_path
):
    c = _in_progress(city)
    f.create_user(username="officer2", roles=[Role.OFFICER], department=city.roads, display_name="김도로")
    recording = tmp_path / "call.mp3"
    recording.write_bytes(b"ID3 fake recording")

    officer = new_page()
    log_in(officer, site, "officer")
    officer.goto(f"{site}/staff/complaints/{c.pk}/")
    officer.get_by_role("link", name="특이민원 신고").click()
    officer.get_by_label("폭언").check()
    expect(officer.get_by_label("민원 접수번호")).to_have_value(c.tracking_no)
    officer.get_by_label("있었던 일").fill("처리 결과를 설명하자 20분 동안 고성과 욕설을 했습니다.")
    officer.get_by_label("증거 자료(녹음·사진·영상, 선택)").set_input_files(str(recording))
    officer.get_by_label("수사기관 신고·고발을 원합니다").check()
    officer.get_by_role("button", name="신고하기").click()
    expect(officer.locator("h1")).to_contain_text("폭언")
    screenshot(officer, "care-incident-filed")
    incident = Incident.objects.get()

    care = new_page()
    log_in(care, site, "care")
    care.goto(f"{site}/care/")
    expect(care.get_by_test_id("open-incidents")).to_have_text("1")
    screenshot(care, "care-dashboard")
    care.get_by_role("link", name=f"#{incident.pk} 폭언").click()
    expect(care.get_by_text("20분 동안 고성과 욕설")).to_be_visible()
    care.get_by_test_id("form-rest").get_by_role("button", name="휴식 부여").click()
    expect(care.get_by_text("휴식을 부여했습니다")).to_be_visible()
    care.get_by_label("새 담당자").select_option(label="김도로")
    care.get_by_test_id("form-separate").get_by_role("button", name="업무 분리 (담당 변경)").click()
    expect(care.get_by_text("업무를 분리했습니다")).to_be_visible()
    screenshot(care, "care-incident")
    assert IncidentView.objects.filter(incident=incident, user=city.care).count() >= 3

    c.refresh_from_db()
    assert c.handler.username == "officer2"
    head = new_page()
    log_in(head, site, "head")
    head.goto(f"{site}/staff/dashboard/")
    expect(head.get_by_test_id("unavailable")).to_contain_text("휴식 중")
    expect(head.locator("body")).not_to_contain_text("욕설")
    head.goto(f"{site}/care/incidents/{incident.pk}/")
    expect(head.locator("body")).not_to_contain_text("욕설")


def test_praise_by_phone_is_forwarded_from_the_worklist_to_the_employee(site, city, new_page, screenshot):
    cat = f.create_category(code="praise", name="칭찬", department=city.desk_team, kind="other")
    c = f.create_complaint(
        category=cat,
        channel="call",
        actor=city.agent,
        title="도로과 직원 칭찬",
        body="최도로 주무관님이 밤늦게까지 가로등 수리를 챙겨 주셨습니다.",
        extra_answers={"employee": "최도로"},
    )
    desk = new_page()
    log_in(desk, site, "desk")
    desk.goto(f"{site}/care/")
    desk.get_by_role("link", name="민원으로 온 칭찬·신고").click()
    expect(desk.get_by_test_id("to-forward")).to_contain_text(c.tracking_no)
    screenshot(desk, "care-to-forward")
    desk.get_by_role("link", name="전달하기").click()
    expect(desk.get_by_label("칭찬할 직원")).to_have_value(str(city.officer.pk))  # named in the 민원
    screenshot(desk, "care-forward")
    desk.get_by_role("button", name="칭찬 전달").click()
    expect(desk.get_by_text("칭찬을 직원과 부서장에게 전했습니다")).to_be_visible()
    expect(desk.get_by_test_id("to-forward")).not_to_contain_text(c.tracking_no)

    employee = new_page()
    log_in(employee, site, "officer")
    employee.goto(f"{site}/care/me/")
    expect(employee.get_by_test_id("praises")).to_contain_text("가로등 수리를 챙겨")
    expect(employee.get_by_test_id("praises")).to_contain_text("120 콜센터")


def test_care_pages_fit_a_phone_and_a_desktop(site, city, new_page, screenshot, tmp_path):
    """Every main care page, with data in it, at both widths: one h1 and no sideways scrolling."""
    import datetime as dt
    import importlib

    from django.utils import timezone

    from minwon.care import ideas, incidents, quality
    from minwon.care import services as care
    from minwon.care.models import QualityCriterion, QualitySample
    from minwon.care.scoring import week_start

    c = services.answer_complaint(city.officer, _in_progress(city), answer="가로등 안정기를 교체했습니다.")
    care.record_phone_survey(city.care, c, resolved=True, kindness=5, speed=4, comment="친절했어요")
    care.file_praise(
        None, employee=city.officer, body="끝까지 친절하게 도와주셨습니다.", praiser_name="홍길동"
    )
    report = care.file_unkind_report(None, employee=city.officer, body="반말로 응대했습니다.")
    # Browser tests run on transactional_db, which empties every table after each test, the rubric
    # rows of the data migration included: put them back as the migration wrote them.
    rubric = importlib.import_module("minwon.care.migrations.0002_default_rubric").RUBRIC
    for i, (code, name, desc, weight) in enumerate(rubric, start=1):
        QualityCriterion.objects.get_or_create(
            code=code, defaults={"name": name, "description": desc, "weight": weight, "sort_order": i * 10}
        )
    services.answer_complaint(city.officer, _in_progress(city), answer="보도블록을 다시 깔았습니다.")
    quality.sample_week(week_start(timezone.localdate()), size=3, seed="s")
    reviewed, sample = QualitySample.objects.order_by("pk")
    quality.review_sample(
        city.care,
        reviewed,
        scores={code: 4 for code in QualityCriterion.objects.values_list("code", flat=True)},
        feedback="근거 법령을 밝혀 주세요.",
    )
    today = timezone.localdate()
    campaign = ideas.create_campaign(
        city.care, title="2026 친절시책 아이디어", starts_on=today, ends_on=today + dt.timedelta(days=14)
    )
    ideas.submit_idea(city.officer, campaign, title="민원실 대기 안내", body="대기 번호를 문자로 알려 주기")
    incident = incidents.file_incident(
        city.officer, kind="verbal", context="call", narrative="통화 중 욕설", applicant_phone="010-7777-8888"
    )
    pages = {
        "care-dashboard-data": "/care/dashboard/",
        "care-reports": "/care/reports/",
        "care-report": f"/care/reports/{report.pk}/",
        "care-phone-list": "/care/phone/",
        "care-phone-survey": f"/care/phone/{c.pk}/",
        "care-quality": "/care/quality/",
        "care-review": f"/care/quality/{sample.pk}/",
        "care-quality-report": "/care/quality/report/",
        "care-incidents": "/care/incidents/",
        "care-incident-new": "/care/incidents/new/",
        "care-ideas": "/care/ideas/",
        "care-campaign": f"/care/ideas/{campaign.pk}/",
        "care-person-officer": f"/care/people/{city.officer.pk}/",
    }
    page = new_page(viewport={"width": 390, "height": 844})
    log_in(page, site, "care")
    for name, path in pages.items():
        page.goto(f"{site}{path}")
        expect(page.locator("h1")).to_have_count(1)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
        screenshot(page, name)
    assert IncidentView.objects.filter(incident=incident, user=city.care, what="list").exists()
