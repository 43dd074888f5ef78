"""A citizen starts filing, sees a similar 민원 already open nearby, and joins it (공감) instead.

The filing page renders `hooks.similar_open_complaints` (portal/_similar.html) with a join button
per item that posts the filing form's contact fields to `triage:support`.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from minwon.complaints.choices import Visibility
from minwon.testing import factories as f
from minwon.triage.models import Support

from .conftest import log_in

pytestmark = pytest.mark.browser


def test_citizen_sees_a_similar_nearby_complaint_and_joins_it(site, city, new_page, screenshot, settings):
    lat, lng = settings.MINWON_MAP_CENTER[0], settings.MINWON_MAP_CENTER[1]
    existing = f.create_complaint(
        category=city.streetlight,
        applicant_user=city.junho,
        phone="010-8888-9999",
        title="빛나로 가로등이 꺼져 있어요",
        body="빛나로 12 앞 가로등이 밤새 꺼져 있습니다.",
        lat=lat + 0.0008,  # ~90 m north of where the citizen will pin
        lng=lng,
        visibility=Visibility.PUBLIC,
    )

    page = new_page()
    log_in(page, site, "minji")
    page.goto(f"{site}/file/")
    page.get_by_label("가로등").check()
    page.get_by_role("button", name="다음").click()
    page.get_by_role("button", name="지도 가운데에 핀 놓기").click()
    page.get_by_label("제목 (필수)").fill("가로등 고장")
    page.get_by_label("제목 (필수)").dispatch_event("change")

    similar = page.locator("#similar")
    expect(similar).to_contain_text("빛나로 가로등이 꺼져 있어요")
    expect(similar).to_contain_text("m 거리")
    screenshot(page, "triage-similar-on-filing")

    similar.get_by_role("button", name="공감").first.click()
    expect(page.locator("h1")).to_have_text("공감했습니다")
    screenshot(page, "triage-joined")
    assert Support.objects.filter(complaint=existing, user=city.minji).exists()


def test_desk_sees_the_triage_panel_on_the_staff_complaint_page(site, city, new_page, screenshot, settings):
    """The staff page loads the panel with htmx: similar 민원 to merge and the 반복민원 evidence."""
    from datetime import timedelta

    from django.utils import timezone

    from minwon.complaints import services

    lat, lng = settings.MINWON_MAP_CENTER[0], settings.MINWON_MAP_CENTER[1]
    earlier = []
    for days in (40, 20):
        c = f.create_complaint(
            category=city.streetlight,
            applicant_user=city.minji,
            phone="010-2222-3333",
            title="빛나로 12 앞 가로등이 또 꺼졌습니다",
            body="빛나로 12 앞 가로등이 밤새 꺼져 있습니다. 고쳐 주세요.",
            received_at=timezone.now() - timedelta(days=days),
        )
        services.assign_department(city.desk, c, city.roads)
        services.answer_complaint(city.officer, c, answer="안정기를 교체했습니다.")
        earlier.append(c)
    neighbour = f.create_complaint(
        category=city.streetlight,
        applicant_user=city.junho,
        phone="010-8888-9999",
        title="빛나로 가로등 고장 신고합니다",
        body="빛나로 12 근처 가로등이 꺼져 있어 밤길이 어둡습니다.",
        lat=lat + 0.0005,
        lng=lng,
    )
    current = f.create_complaint(
        category=city.streetlight,
        applicant_user=city.minji,
        phone="010-2222-3333",
        title="빛나로 12 앞 가로등이 또 꺼졌습니다",
        body="빛나로 12 앞 가로등이 밤새 꺼져 있습니다. 고쳐 주세요.",
        lat=lat,
        lng=lng,
    )

    page = new_page()
    log_in(page, site, "desk")
    page.goto(site + reverse("staff:complaint", args=[current.pk]))
    panel = page.get_by_test_id("triage-panel")
    expect(panel).to_contain_text("비슷한 처리 중 민원")
    expect(panel).to_contain_text(neighbour.tracking_no)
    expect(panel).to_contain_text("56m")
    expect(panel).to_contain_text("3회 접수, 처리결과 통지 2회")
    expect(panel.get_by_role("button", name="반복민원으로 종결")).to_be_visible()
    screenshot(page, "triage-desk-panel")

    panel.get_by_role("button", name="반복민원으로 종결").click()
    expect(page.locator(".status-line")).to_contain_text("종결")
    expect(page.locator(".messages")).to_contain_text("반복민원으로 종결했습니다")
    current.refresh_from_db()
    assert current.closure_reason == "repeated" and current.repeat_of_id == earlier[0].pk
