"""The pages: who may open them, the no-JavaScript form, the JSON endpoint, the PWA files, CSV."""

from __future__ import annotations

import csv
import io
import json
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from minwon.complaints.choices import Channel, Status
from minwon.complaints.models import Complaint
from minwon.field.models import FieldReport

from .conftest import file, jpeg

REPORT = reverse("field:report")
SUBMIT = reverse("field:submit")
PARTICIPATION = reverse("field:participation")


def post_report(client, button, text="가로등 꺼짐", **extra):
    data = {"category": button.pk, "text": text, "client_id": str(uuid.uuid4()), **extra}
    return client.post(SUBMIT, data, HTTP_ACCEPT="application/json")


# --- access -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", [REPORT, reverse("field:mine"), PARTICIPATION, reverse("field:participation_csv")]
)
def test_anonymous_is_sent_to_login(client, field, url):
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_citizen_gets_403_everywhere(client, field):
    client.force_login(field.city.minji)
    for url in (REPORT, reverse("field:mine"), PARTICIPATION):
        assert client.get(url).status_code == 403
    response = post_report(client, field.buttons.road)
    assert response.status_code == 403 and response.json()["error"] == "forbidden"
    assert not Complaint.objects.exists()


def test_json_endpoint_asks_an_expired_session_to_log_in(client, field):
    response = post_report(client, field.buttons.road)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_field_staff_start_their_day_on_the_phone_page(client, field):
    client.force_login(field.reporter)
    assert client.get(reverse("staff:home"))["Location"] == REPORT


def test_every_employee_may_report_but_only_heads_and_admin_see_participation(client, field):
    client.force_login(field.city.officer)
    assert client.get(REPORT).status_code == 200
    assert client.get(PARTICIPATION).status_code == 403
    client.force_login(field.city.admin)
    assert client.get(PARTICIPATION).status_code == 200


# --- the phone page ---------------------------------------------------------------------------


def test_report_page_is_a_phone_pwa_page(client, field):
    client.force_login(field.reporter)
    html = client.get(REPORT).content.decode()
    assert html.count("<h1") == 1
    assert 'rel="manifest"' in html and reverse("field:sw") in html
    assert 'accept="image/*" capture="environment" multiple' in html
    for label in ("도로", "공원", "기타"):
        assert f"<span>{label}</span>" in html


def test_json_submit_creates_then_reports_duplicate(client, field):
    client.force_login(field.reporter)
    key = str(uuid.uuid4())
    photo = SimpleUploadedFile("a.jpg", jpeg(), content_type="image/jpeg")
    data = {
        "category": field.buttons.road.pk,
        "text": "포트홀",
        "client_id": key,
        "lat": "37.53",
        "lng": "127.02",
        "accuracy": "9",
        "observed_at": "2026-12-03T01:00:00.000Z",
        "photos": [photo],
    }
    first = client.post(SUBMIT, data)
    assert first.status_code == 201, first.content
    body = first.json()
    assert (
        body["status"] == "created"
        and body["department"] == "도로과"
        and body["tracking_no"] in body["message"]
    )
    data["photos"] = [SimpleUploadedFile("a.jpg", jpeg(), content_type="image/jpeg")]
    again = client.post(SUBMIT, data)
    assert again.status_code == 200 and again.json()["status"] == "duplicate"
    assert again.json()["tracking_no"] == body["tracking_no"]
    report = FieldReport.objects.get()
    assert report.location_accuracy_m == 9 and report.observed_at is not None
    assert report.complaint.attachments.count() == 1


def test_json_submit_errors_are_korean_and_keyed_by_field(client, field):
    client.force_login(field.reporter)
    response = post_report(client, field.buttons.road, text="")
    assert response.status_code == 400
    assert response.json()["errors"]["text"] == "무엇을 보았는지 한 줄로 적어 주십시오."
    bad = SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg")
    response = post_report(client, field.buttons.road, photos=[bad])
    assert (
        response.status_code == 400 and "사진 파일을 읽을 수 없습니다" in response.json()["errors"]["photos"]
    )
    too_many = [SimpleUploadedFile(f"{i}.jpg", jpeg(), content_type="image/jpeg") for i in range(6)]
    response = post_report(client, field.buttons.road, photos=too_many)
    assert "5장까지" in response.json()["errors"]["photos"]
    assert not Complaint.objects.exists()


def test_plain_form_post_works_without_javascript(client, field):
    client.force_login(field.reporter)
    photo = SimpleUploadedFile("a.jpg", jpeg(gps=((37, 31, 30.0), (127, 1, 12.0))), content_type="image/jpeg")
    data = {
        "category": field.buttons.park.pk,
        "text": "벤치 파손",
        "client_id": str(uuid.uuid4()),
        "photos": [photo],
    }
    response = client.post(REPORT, data, follow=True)
    assert response.redirect_chain[-1][0] == reverse("field:mine")
    c = Complaint.objects.get()
    assert (c.channel, c.department, c.status) == (Channel.FIELD, field.city.parks, Status.ASSIGNED)
    assert c.lat is not None
    html = response.content.decode()
    assert c.tracking_no in html and "공원녹지과" in html and "벤치 파손" in html


def test_plain_form_error_keeps_what_was_typed(client, field):
    client.force_login(field.reporter)
    data = {"text": "벤치 파손", "client_id": str(uuid.uuid4())}
    html = client.post(REPORT, data).content.decode()
    assert "분류를 하나 골라 주십시오." in html and 'value="벤치 파손"' in html
    assert not Complaint.objects.exists()


def test_mine_shows_status_department_and_answer_of_own_reports_only(client, field):
    from minwon.complaints import services as cs

    mine = file(field.reporter, field.buttons.road, "내 보고").report.complaint
    cs.answer_complaint(field.city.officer, mine, answer="가로등을 교체했습니다.")
    file(field.park_staff, field.buttons.park, "남의 보고")
    client.force_login(field.reporter)
    html = client.get(reverse("field:mine")).content.decode()
    assert "내 보고" in html and "도로과" in html and "가로등을 교체했습니다." in html and "답변 완료" in html
    assert "남의 보고" not in html


# --- participation ----------------------------------------------------------------------------


def test_head_sees_only_their_department(client, field):
    file(field.roads_team_staff, field.buttons.road, "팀 보고")
    file(field.reporter, field.buttons.road, "다른 부서 직원 보고")
    client.force_login(field.city.head)  # head of 도로과; 도로보수팀 is under it
    html = client.get(PARTICIPATION).content.decode()
    assert "오보수" in html and "남궁현" not in html
    # Asking for another department falls back to the head's own.
    html = client.get(
        PARTICIPATION, {"year": 2026, "half": 2, "department": field.safety.pk}
    ).content.decode()
    assert "남궁현" not in html
    assert 'value=""' not in html  # no "all departments" choice for a head


def test_admin_sees_all_and_csv_opens_in_excel(client, field, settings):
    import time_machine

    with time_machine.travel("2026-09-01 10:00 +0900", tick=False):
        file(field.roads_team_staff, field.buttons.road)
        file(field.reporter, field.buttons.park)
        file(field.reporter, field.buttons.road)
    client.force_login(field.city.admin)
    html = client.get(PARTICIPATION, {"year": 2026, "half": 2}).content.decode()
    assert "오보수" in html and "남궁현" in html
    response = client.get(reverse("field:participation_csv"), {"year": 2026, "half": 2})
    assert response["Content-Type"].startswith("text/csv") and "2026-H2" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff기간,부서,직원,보고")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert ["2026년 하반기", "안전총괄과", "남궁현", "2", "0", "0", "2", "0", "0", "0", "0", ""] in rows
    assert len(rows) == 3
    empty = client.get(reverse("field:participation_csv"), {"year": 2026, "half": 1}).content.decode()
    assert len(list(csv.reader(io.StringIO(empty)))) == 1


# --- PWA files --------------------------------------------------------------------------------


def test_manifest_service_worker_and_icons(client, field):
    manifest = json.loads(client.get(reverse("field:manifest")).content)
    assert manifest["start_url"] == REPORT and manifest["scope"] == REPORT
    assert manifest["display"] == "standalone" and manifest["lang"] == "ko"
    sw = client.get(reverse("field:sw"))
    assert sw["Content-Type"].startswith("text/javascript") and sw["Cache-Control"] == "no-cache"
    assert reverse("field:sw").startswith(REPORT)  # scope covers /field/ without a header
    body = sw.content.decode()
    assert "importScripts(" in body and '"sync"' in body and REPORT in body
    assert f'OFFLINE_PAGES = ["{REPORT}", "{reverse("field:mine")}"]' in body
    for icon in manifest["icons"]:
        png = client.get(icon["src"])
        with Image.open(io.BytesIO(png.content)) as img:
            assert img.format == "PNG" and f"{img.width}x{img.height}" == icon["sizes"]
    assert client.get(reverse("field:icon", args=[77])).status_code == 404


def test_list_pages_use_a_fixed_number_of_queries(client, field, django_assert_max_num_queries):
    for i in range(6):
        file(field.reporter if i % 2 else field.park_staff, field.buttons.road, f"보고 {i}")
    client.force_login(field.reporter)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("field:mine")).status_code == 200
    client.force_login(field.city.admin)
    with django_assert_max_num_queries(10):
        assert client.get(PARTICIPATION).status_code == 200
