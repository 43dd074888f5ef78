"""A citizen starts filing, sees a similar 민원 already open nearby, and joins it (공감) instead.

The filing page renders `hooks.similar_open_complaints` (portal/_similar.html) with a join button
per item that posts the filing form's contact fields to `triage:support`.
"""

from __future__ import annotations

import pytest
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
