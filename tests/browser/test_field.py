"""Field observation on a phone: a report with a photo and the phone's GPS, then one written with the
network cut, which waits on the phone ("전송 대기 1건") and goes out by itself when the network
returns. Both become 민원 of channel `field` in the right department."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from minwon.complaints.choices import Channel, Status
from minwon.complaints.models import Complaint
from minwon.field.tests.conftest import field, jpeg  # noqa: F401  (fixture import)

from .conftest import log_in

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
HERE = {"latitude": 37.5291, "longitude": 127.0118, "accuracy": 12}


def _wait_for(predicate, timeout=10.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


def test_report_online_then_offline_queue_then_sent(
    site,
    field,  # noqa: F811 (the fixture imported above)
    new_page,
    screenshot,
    tmp_path,
    record_property,
):
    photo = tmp_path / "pothole.jpg"
    photo.write_bytes(jpeg(size=(640, 480)))
    page = new_page(
        viewport=PHONE, geolocation=HERE, permissions=["geolocation"], is_mobile=True, has_touch=True
    )
    log_in(page, site, "fieldman")
    page.goto(f"{site}/field/")
    expect(page.locator("h1")).to_have_text("현장 보고")
    expect(page.locator("#field-location-status")).to_contain_text("현재 위치")

    # 1. Online: photo, button, one line, send (timed: the programme wants it under 30 s).
    started = time.monotonic()
    page.get_by_label("앨범에서 고르기").set_input_files(str(photo))
    expect(page.locator("#field-previews img")).to_have_count(1)
    page.get_by_text("도로", exact=True).click()
    page.get_by_label("무엇을 보았나요? (한 줄)").fill("새빛로 14 앞 포트홀")
    screenshot(page, "field-report-phone", full_page=False)
    page.get_by_role("button", name="보내기", exact=True).click()
    # The first 민원 of the process loads the Korean analyser (a few seconds).
    expect(page.locator("#field-result")).to_contain_text("보냈습니다", timeout=20_000)
    expect(page.locator("#field-result")).to_contain_text("도로과")
    record_property("first_report_seconds", round(time.monotonic() - started, 2))
    first = Complaint.objects.get()
    assert (first.channel, first.department, first.status) == (
        Channel.FIELD,
        field.city.roads,
        Status.ASSIGNED,
    )
    assert (round(first.lat, 4), round(first.lng, 4)) == (37.5291, 127.0118)
    assert first.attachments.count() == 1 and first.applicant == field.reporter
    # The form is ready for the next report.
    expect(page.get_by_label("무엇을 보았나요? (한 줄)")).to_have_value("")
    expect(page.locator("#field-previews img")).to_have_count(0)
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null")

    # 2. Network cut: the page still opens (service worker) and the report is kept on the phone.
    page.context.set_offline(True)
    page.reload()
    expect(page.locator("h1")).to_have_text("현장 보고")
    page.get_by_label("사진 찍기").set_input_files(str(photo))  # the blob waits in IndexedDB too
    page.get_by_text("공원", exact=True).click()
    page.get_by_label("무엇을 보았나요? (한 줄)").fill("한울공원 벤치 파손")
    page.get_by_role("button", name="보내기", exact=True).click()
    expect(page.locator("#field-queue-count")).to_have_text("전송 대기 1건")
    expect(page.locator("#field-result")).to_contain_text("연결되면 자동으로 보냅니다")
    screenshot(page, "field-report-queued", full_page=False)
    assert Complaint.objects.count() == 1

    # 3. Back online: sent by itself, once.
    page.context.set_offline(False)
    expect(page.locator("#field-queue")).to_be_hidden(timeout=10_000)
    expect(page.locator("#field-result")).to_contain_text("보냈습니다")
    assert _wait_for(lambda: Complaint.objects.count() == 2)
    second = Complaint.objects.exclude(pk=first.pk).get()
    assert (second.channel, second.department, second.title) == (
        Channel.FIELD,
        field.city.parks,
        "한울공원 벤치 파손",
    )
    assert second.field_report.reporter == field.reporter and second.attachments.count() == 1

    # 4. Written offline, page closed before the network came back: sent on the next visit.
    page.context.set_offline(True)
    page.get_by_text("기타", exact=True).click()
    page.get_by_label("무엇을 보았나요? (한 줄)").fill("지하보도 비상벨 덮개 파손")
    page.get_by_role("button", name="보내기", exact=True).click()
    expect(page.locator("#field-queue-count")).to_have_text("전송 대기 1건")
    context = page.context
    page.close()
    context.set_offline(False)
    page = context.new_page()
    page.goto(f"{site}/field/")
    expect(page.locator("#field-result")).to_contain_text("민원팀")  # 기타: the desk routes it
    expect(page.locator("#field-queue")).to_be_hidden()
    assert _wait_for(lambda: Complaint.objects.count() == 3)
    third = Complaint.objects.get(title="지하보도 비상벨 덮개 파손")
    assert (third.channel, third.department, third.status) == (Channel.FIELD, None, Status.ACCEPTED)
    time.sleep(0.5)  # a late Background Sync retry must not add a fourth
    assert Complaint.objects.count() == 3

    # The reporter's list and the admin's participation page.
    page.goto(f"{site}/field/mine/")
    expect(page.locator(".field-mine > li")).to_have_count(3)
    expect(page.locator(".field-mine")).to_contain_text("공원녹지과")
    admin = new_page()
    log_in(admin, site, "admin")
    admin.goto(f"{site}/field/participation/")
    expect(admin.locator("table").first).to_contain_text("안전총괄과")
    screenshot(admin, "field-participation")
