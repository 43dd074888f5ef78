"""Insight in a real browser: a dashboard figure drilled down to its 민원, and a 적극행정 key task
from creation by the department head to the year-end rating by the admin."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from minwon.complaints.choices import Status
from minwon.complaints.models import Complaint
from minwon.insight import summary
from minwon.proactive.models import KeyTask, RewardType
from minwon.testing import factories as f

from .conftest import log_in

pytestmark = pytest.mark.browser


def _answered(city, *, late: bool, title: str) -> Complaint:
    received = timezone.now() - timedelta(days=5)
    c = f.create_complaint(category=city.streetlight, received_at=received, title=title)
    Complaint.objects.filter(pk=c.pk).update(
        department=city.roads,
        status=Status.ANSWERED,
        accepted_at=received,
        clock_started_at=received,
        due_at=received + timedelta(days=3),
        answered_at=received + timedelta(days=4 if late else 1),
    )
    return Complaint.objects.get(pk=c.pk)


def _survey(city, complaint, *, resolved: bool, kindness: int) -> None:
    from minwon.care import services as care

    care.record_phone_survey(city.care, complaint, resolved=resolved, kindness=kindness, speed=kindness)


def _more(city) -> None:
    """A few more 민원 so the charts have something to draw (공원녹지과, other channels, open)."""
    for i, (days, late, channel) in enumerate(
        ((9, False, "call"), (15, True, "mobile"), (20, False, "visit"))
    ):
        received = timezone.now() - timedelta(days=days)
        c = f.create_complaint(
            category=city.park, received_at=received, title=f"공원 민원 {i}", channel=channel
        )
        Complaint.objects.filter(pk=c.pk).update(
            department=city.parks,
            status=Status.ANSWERED,
            accepted_at=received,
            clock_started_at=received,
            due_at=received + timedelta(days=7),
            answered_at=received + timedelta(days=9 if late else 2),
            handler=city.other_officer,
        )
        _survey(city, Complaint.objects.get(pk=c.pk), resolved=not late, kindness=3 if late else 5)
    received = timezone.now() - timedelta(days=3)
    c = f.create_complaint(category=city.streetlight, received_at=received, title="아직 처리 중인 가로등")
    Complaint.objects.filter(pk=c.pk).update(
        department=city.roads,
        status=Status.IN_PROGRESS,
        accepted_at=received,
        clock_started_at=received,
        due_at=received + timedelta(days=1),
    )


def test_dashboard_figure_drills_down_to_its_complaints(site, city, new_page, screenshot):
    on_time = _answered(city, late=False, title="제때 고친 가로등")
    late = _answered(city, late=True, title="늦게 고친 가로등")
    _survey(city, on_time, resolved=True, kindness=5)
    _survey(city, late, resolved=False, kindness=2)
    _more(city)
    summary.rebuild_all()

    page = new_page()
    log_in(page, site, "desk")
    page.goto(f"{site}/insight/")
    expect(page.get_by_test_id("tile-on-time")).to_have_text("60.0%")  # 3 of 5 answered
    expect(page.get_by_test_id("tile-satisfaction")).to_have_text("60.0%")  # 3 of 5 responses
    screenshot(page, "insight-dashboard")
    row = page.get_by_test_id("dept-table").locator("tr", has_text="도로과")
    row.locator("td").nth(3).get_by_role("link").click()  # 기한 초과 (late) of 도로과
    expect(page.locator("h1")).to_contain_text("기한 넘겨 처리 민원")
    table = page.get_by_test_id("insight-list")
    expect(table).to_contain_text(late.tracking_no)
    expect(table).not_to_contain_text(on_time.tracking_no)
    screenshot(page, "insight-drill-down")
    table.get_by_role("link", name=late.tracking_no).click()
    expect(page.locator("h1")).to_contain_text("늦게 고친 가로등")
    # The satisfaction figure opens the responses behind it.
    # Straight back to the dashboard: two history steps raced the staff page's htmx panel load.
    page.goto(f"{site}/insight/")
    page.get_by_test_id("tile-satisfaction").click()
    expect(page.get_by_test_id("list-count")).to_have_text("3")
    expect(page.get_by_test_id("insight-list")).to_contain_text(on_time.tracking_no)
    expect(page.get_by_test_id("insight-list")).not_to_contain_text(late.tracking_no)
    # The map: the 민원 with a position, counted per hexagon, each cell a link to its 민원.
    import h3

    cell = h3.latlng_to_cell(37.5665, 126.978, 9)
    Complaint.objects.filter(pk__in=[on_time.pk, late.pk]).update(h3_cell=cell)
    page.goto(f"{site}/insight/map/")
    cells = page.get_by_test_id("map-cells")
    expect(cells.get_by_role("link", name="2")).to_be_visible()
    expect(page.locator("#insight-map path.leaflet-interactive")).to_have_count(1)
    screenshot(page, "insight-map")
    cells.get_by_role("link", name="2").click()
    expect(page.get_by_test_id("list-count")).to_have_text("2")


def test_evaluation_page_explains_a_score(site, city, new_page, screenshot):
    from minwon.care import incidents

    on_time = _answered(city, late=False, title="제때 고친 가로등")
    late = _answered(city, late=True, title="늦게 고친 가로등")
    Complaint.objects.filter(pk__in=[on_time.pk, late.pk]).update(handler=city.officer)
    on_time, late = (Complaint.objects.get(pk=c.pk) for c in (on_time, late))
    _survey(city, on_time, resolved=True, kindness=5)
    _survey(city, late, resolved=False, kindness=1)
    _more(city)
    incident = incidents.file_incident(
        city.officer, kind="verbal", context="complaint", narrative="폭언", complaint=late
    )
    incidents.separate_employee(city.care, incident, days=30)

    page = new_page()
    log_in(page, site, "admin")
    page.goto(f"{site}/insight/evaluation/?kind=employee")
    table = page.get_by_test_id("evaluation")
    expect(table).to_contain_text("최도로")
    screenshot(page, "insight-evaluation")
    table.get_by_role("link", name="최도로 (도로과)").click()
    expect(page.locator("h1")).to_contain_text("최도로")
    on_time_box = page.locator('[data-metric="on_time"]')
    expect(on_time_box).to_contain_text("기한 내 답변 1건 ÷ 답변 1건")
    expect(on_time_box).to_contain_text(late.tracking_no)  # 직원 보호로 제외된 민원
    screenshot(page, "insight-evaluation-explain")


def test_public_monthly_report(site, city, new_page, screenshot):
    from minwon.care.models import SatisfactionResponse

    _answered(city, late=False, title="제때 고친 가로등")
    _more(city)
    summary.rebuild_all()
    # The report month is the one of the 민원; the responses are dated in it too.
    day = timezone.now() - timedelta(days=9)
    SatisfactionResponse.objects.update(created_at=day)
    page = new_page()
    page.goto(f"{site}/reports/monthly/?month={timezone.localtime(day):%Y-%m}")
    expect(page.locator("h1")).to_contain_text("민원 처리 보고")
    expect(page.get_by_test_id("public-satisfaction")).to_have_text("66.7%")  # 2 of the 3 parks answers
    expect(page.locator("body")).not_to_contain_text("홍길동")
    screenshot(page, "public-monthly-report")


def test_key_task_from_creation_to_year_end_rating(site, city, new_page, screenshot):
    RewardType.objects.create(name="표창", sort_order=1)
    RewardType.objects.create(name="성과급", sort_order=2)
    year = timezone.localdate().year

    head = new_page()
    log_in(head, site, "head")
    head.goto(f"{site}/proactive/")
    head.get_by_role("link", name="중점과제 등록").click()
    head.get_by_label("과제명").fill("보도 파손 48시간 복구")
    head.get_by_label("목표").fill("신고된 보도 파손을 48시간 안에 복구한다")
    head.get_by_label("주관 부서").select_option(label="도로과")
    head.get_by_label("주 담당자").select_option(label="최도로")
    head.get_by_role("button", name="등록").click()
    expect(head.locator("h1")).to_have_text("보도 파손 48시간 복구")
    task = KeyTask.objects.get(title="보도 파손 48시간 복구")
    assert task.year == year
    head.get_by_text("추진 단계 추가").click()
    head.get_by_label("단계 (필수)").fill("복구 장비 확보")
    head.get_by_label("기한 (필수)").fill(f"{year}-12-31")
    head.get_by_role("button", name="추가").click()
    expect(head.locator("body")).to_contain_text("복구 장비 확보")

    officer = new_page()
    log_in(officer, site, "officer")
    officer.goto(f"{site}/proactive/tasks/{task.pk}/")
    officer.get_by_text("추진 상황 보고하기").click()
    officer.get_by_label("보고 대상 월(1일)").fill(f"{year}-01-01")
    officer.get_by_label("추진 내용").fill("장비 2대 구매 계약")
    officer.get_by_label("진척률(%)").fill("30")
    officer.get_by_label("첨부 파일").set_input_files(
        files=[{"name": "계약서.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 contract"}]
    )
    officer.get_by_role("button", name="보고", exact=True).click()
    expect(officer.get_by_test_id("report")).to_contain_text("장비 2대 구매 계약")
    with officer.expect_download() as download:
        officer.get_by_test_id("report").get_by_role("link", name="계약서.pdf").click()
    assert download.value.suggested_filename == "계약서.pdf"
    officer.get_by_text("사전컨설팅 신청", exact=True).click()
    officer.get_by_label("사전컨설팅 질의 (법적 위험)").fill("긴급 복구에 수의계약을 써도 됩니까?")
    officer.get_by_role("button", name="신청").click()
    expect(officer.get_by_test_id("consultation")).to_contain_text("회신 대기")

    auditor = new_page()
    log_in(auditor, site, "auditor")
    auditor.goto(f"{site}/proactive/tasks/{task.pk}/")
    auditor.get_by_label("의견").select_option(label="적정 (추진 가능)")
    auditor.get_by_label("회신").fill("긴급 안전조치로 가능합니다.")
    auditor.get_by_role("button", name="회신").click()
    expect(auditor.get_by_test_id("consultation")).to_contain_text("평가에서 보호")

    admin = new_page()
    log_in(admin, site, "admin")
    admin.goto(f"{site}/proactive/tasks/{task.pk}/")
    admin.get_by_label("평가 등급").select_option("A")
    admin.get_by_label("평가 의견").fill("목표 초과 달성")
    admin.get_by_role("button", name="평가 기록").click()
    expect(admin.get_by_test_id("evaluation")).to_contain_text("A (우수)")
    admin.get_by_label("우수공무원").select_option(label="최도로")
    admin.get_by_label("표창").check()
    admin.get_by_label("성과급").check()
    admin.get_by_role("button", name="선발").click()
    expect(admin.get_by_test_id("excellent")).to_contain_text("최도로: 표창, 성과급")
    screenshot(admin, "proactive-task-rated")
    # The selected main officer picks the rewards they prefer (here: only 표창).
    officer.goto(f"{site}/proactive/tasks/{task.pk}/")
    officer.get_by_label("성과급").uncheck()
    officer.get_by_role("button", name="저장").click()
    expect(officer.get_by_test_id("excellent")).to_contain_text("최도로: 표창")
    expect(officer.get_by_test_id("excellent")).not_to_contain_text("성과급")
    admin.get_by_role("link", name="← 중점과제 목록").click()
    expect(admin.get_by_test_id("year-excellent")).to_contain_text("최도로")
    expect(admin.get_by_test_id("year-excellent")).to_contain_text("표창")
    expect(admin.get_by_test_id("tasks")).to_contain_text("A (우수)")
    screenshot(admin, "proactive-year")
