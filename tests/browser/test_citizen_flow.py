"""The main flow in a real browser: a citizen files with a photo and a map pin, the desk routes it,
the officer extends and answers, the citizen reads the answer and reopens. Plus: another
department's officer cannot open the private 민원, and tracking without an account."""

from __future__ import annotations

import io
import re

import pytest
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from playwright.sync_api import expect

from minwon.complaints import services
from minwon.complaints.choices import Status
from minwon.complaints.models import Complaint
from minwon.testing import factories as f

from .conftest import log_in

pytestmark = pytest.mark.browser
KOREAN_DUE = re.compile(r"^\d{1,2}월 \d{1,2}일\([월화수목금토일]\) \d{2}:\d{2}까지$")


def _photo(tmp_path):
    from PIL import Image

    path = tmp_path / "broken-streetlight.jpg"
    buf = io.BytesIO()
    Image.new("RGB", (320, 240), (40, 40, 60)).save(buf, format="JPEG")
    path.write_bytes(buf.getvalue())
    return path


def _staff_complaint_page_ready() -> bool:
    try:
        get_template("staff/complaint.html")
    except TemplateDoesNotExist:
        return False
    return True


def test_file_route_extend_answer_reopen(site, city, new_page, screenshot, tmp_path):
    city.streetlight.notice = "가로등 기둥에 붙은 관리번호를 적어 주시면 더 빨리 고칩니다."
    city.streetlight.extra_questions = [{"key": "pole", "label": "가로등 관리번호", "required": False}]
    city.streetlight.save()

    # 1. The citizen logs in and files with a photo and a pin on the map.
    citizen = new_page()
    log_in(citizen, site, "minji")
    screenshot(citizen, "citizen-my-empty")
    citizen.goto(f"{site}/file/")
    expect(citizen.locator("h1")).to_have_text("민원 신청")
    citizen.get_by_label("유형 찾기").fill("가로")
    expect(citizen.get_by_label("도로점용허가")).to_be_hidden()
    screenshot(citizen, "file-1-category")
    citizen.get_by_label("가로등").check()
    citizen.get_by_role("button", name="다음").click()

    expect(citizen.get_by_text("관리번호를 적어 주시면")).to_be_visible()
    # First a mistake: nothing typed may be lost and the error sits next to the field.
    citizen.get_by_label("내용 (필수)").fill("빛나로 12 앞 가로등이 사흘째 꺼져 있어 밤길이 어둡습니다.")
    citizen.get_by_label("휴대전화").fill("010-12")
    citizen.get_by_role("button", name="민원 신청하기").click()
    expect(citizen.locator("#id_title_error")).to_have_text("제목을 입력해 주십시오.")
    expect(citizen.locator("#id_phone_error")).to_contain_text("전화번호 형식이 올바르지 않습니다")
    expect(citizen.get_by_label("내용 (필수)")).to_have_value(
        "빛나로 12 앞 가로등이 사흘째 꺼져 있어 밤길이 어둡습니다."
    )
    screenshot(citizen, "file-2-errors")

    citizen.get_by_label("제목 (필수)").fill("빛나로 12 앞 가로등 고장")
    citizen.get_by_label("휴대전화").fill("010-2222-3333")
    citizen.get_by_label("가로등 관리번호").fill("빛나-017")
    citizen.get_by_label("위치(주소)").fill("새빛구 빛나로 12")
    citizen.locator("#map").click(position={"x": 120, "y": 90})
    expect(citizen.locator("#map-status")).to_contain_text("고른 위치")
    assert citizen.locator("#id_lat").input_value() != ""
    citizen.get_by_label("사진", exact=True).set_input_files(str(_photo(tmp_path)))
    citizen.get_by_label("문자(SMS)").check()
    screenshot(citizen, "file-3-form")
    citizen.get_by_role("button", name="민원 신청하기").click()

    expect(citizen.locator("h1")).to_have_text("민원이 접수되었습니다")
    tracking_no = citizen.get_by_test_id("tracking-no").inner_text()
    expect(citizen.get_by_test_id("due")).to_have_text(KOREAN_DUE)
    screenshot(citizen, "file-4-receipt")
    complaint = Complaint.objects.get(tracking_no=tracking_no)
    assert complaint.applicant == city.minji and complaint.lat is not None
    assert complaint.attachments.count() == 1 and complaint.extra_answers == {"pole": "빛나-017"}

    # 2. The desk routes it to 도로과 from the desk queue.
    desk = new_page()
    log_in(desk, site, "desk")
    desk.goto(f"{site}/staff/desk/")
    row = desk.locator("tr", has_text=tracking_no)
    row.get_by_label(re.compile("처리 부서")).select_option(value=str(city.roads.pk))
    screenshot(desk, "staff-desk-queue")
    row.get_by_role("button", name="배정").click()
    # The confirmation, not wait_for_load_state(), which may return before the POST lands.
    expect(desk.get_by_text("도로과(으)로 배정했습니다")).to_be_visible()
    complaint.refresh_from_db()
    assert complaint.status == Status.ASSIGNED and complaint.department == city.roads

    # 3. The officer extends (the new due date is shown before confirming) and answers.
    if _staff_complaint_page_ready():
        officer = new_page()
        log_in(officer, site, "officer")
        officer.goto(f"{site}/staff/complaints/{complaint.pk}/")
        _officer_extends_and_answers(officer, screenshot)
    else:  # TODO(staff page): remove once staff/complaint.html exists
        services.start_processing(city.officer, complaint)
        services.extend_deadline(
            city.officer,
            complaint,
            period="7d",
            reason_code="fact_check_or_site_visit",
            reason_text="현장 확인이 필요합니다.",
        )
        services.answer_complaint(
            city.officer, complaint, answer="가로등 전구를 교체했습니다. 불편을 드려 죄송합니다."
        )
    complaint.refresh_from_db()
    assert complaint.status == Status.ANSWERED and complaint.extension_count == 1

    # 4. The citizen reads the answer and says it is not resolved.
    citizen.goto(f"{site}/my/")
    screenshot(citizen, "citizen-my-list")
    citizen.get_by_role("link", name="빛나로 12 앞 가로등 고장").click()
    expect(citizen.get_by_test_id("answer")).to_contain_text("교체했습니다")
    expect(citizen.get_by_test_id("timeline")).to_contain_text("처리기간 연장")
    expect(citizen.locator("img[alt='첨부 사진 1']")).to_be_visible()
    screenshot(citizen, "citizen-detail-answered")
    citizen.get_by_label("해결되지 않은 점").fill("아직도 밤에 불이 들어오지 않습니다.")
    citizen.get_by_role("button", name="해결되지 않았어요").click()
    expect(citizen.get_by_test_id("status")).to_have_text("재처리 요청")
    screenshot(citizen, "citizen-detail-reopened")
    complaint.refresh_from_db()
    assert complaint.status == Status.REOPENED


def _officer_extends_and_answers(officer, screenshot):
    expect(officer.locator("h1")).to_be_visible()
    screenshot(officer, "staff-complaint")
    extend = officer.locator("#action-extend")
    extend.locator("summary").click()
    extend.get_by_label(re.compile("^연장 사유")).select_option(value="fact_check_or_site_visit")
    extend.get_by_label(re.compile("^연장 기간")).fill("7일")
    extend.get_by_label(re.compile("^구체적인 사유")).fill("현장 확인이 필요합니다.")
    extend.get_by_role("button", name="새 처리기한 미리 보기").click()
    # Nothing is written until the officer has seen the new due date and confirms.
    expect(extend.locator(".preview__due")).to_have_text(KOREAN_DUE)
    screenshot(officer, "staff-extend-preview")
    extend.get_by_role("button", name="이대로 연장 확정").click()
    expect(officer.get_by_text("처리기간을 연장했습니다")).to_be_visible()
    answer = officer.locator("#action-answer")
    answer.locator("summary").click()
    answer.get_by_label(re.compile("^답변 내용")).fill("가로등 전구를 교체했습니다. 불편을 드려 죄송합니다.")
    answer.get_by_role("button", name="답변 등록").click()
    expect(officer.get_by_text("답변을 등록했습니다")).to_be_visible()


def test_officer_of_another_department_gets_404(site, city, new_page):
    complaint = f.create_complaint(category=city.streetlight, applicant_user=city.minji)
    services.assign_department(city.desk, complaint, city.roads)
    parks = new_page()
    log_in(parks, site, "other_officer")
    response = parks.goto(f"{site}/staff/complaints/{complaint.pk}/")
    assert response.status == 404
    assert "비공개 민원" not in parks.content()
    # Nor through the citizen pages.
    assert parks.goto(f"{site}/complaints/{complaint.pk}/").status == 404


def test_tracking_without_an_account(site, city, new_page, screenshot):
    complaint = f.create_complaint(
        category=city.streetlight, name="홍길동", phone="010-1234-5678", title="공원 입구 가로등 고장"
    )
    page = new_page()
    page.goto(f"{site}/track/")
    page.get_by_label("접수번호").fill(complaint.tracking_no)
    page.get_by_label("신청할 때 적은 휴대전화 또는 전자우편").fill("010-9999-9999")
    page.get_by_role("button", name="조회하기").click()
    expect(page.locator(".error-summary")).to_contain_text("접수번호와 연락처가 맞는 민원을 찾지 못했습니다.")
    screenshot(page, "track-failed")

    page.get_by_label("신청할 때 적은 휴대전화 또는 전자우편").fill("01012345678")
    page.get_by_role("button", name="조회하기").click()
    expect(page.locator("h1")).to_have_text("공원 입구 가로등 고장")
    expect(page.get_by_text("010-****-5678")).to_be_visible()
    expect(page.get_by_text("홍*동")).to_be_visible()
    assert "1234-5678" not in page.content()
    screenshot(page, "track-detail")

    # The grant lets the visitor withdraw; another browser sees nothing.
    stranger = new_page()
    assert stranger.goto(f"{site}/complaints/{complaint.pk}/").status == 404
    page.get_by_role("link", name="민원 취하").click()
    page.get_by_role("button", name="취하합니다").click()
    expect(page.get_by_test_id("status")).to_have_text("취하")


def test_home_and_login_pages(site, new_page, screenshot):
    page = new_page()
    page.goto(f"{site}/")
    expect(page.locator("h1")).to_have_count(1)
    screenshot(page, "home")
    page.goto(f"{site}/accounts/login/")
    screenshot(page, "login")
    # Keyboard: the skip link is the first stop and moves focus to the main content.
    page.bring_to_front()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="본문 바로가기")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_label("아이디")).to_be_focused()
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
