"""Open311 GeoReport v2 contract: every endpoint in JSON and XML, errors, dates, privacy."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import pytest

from minwon.complaints import services
from minwon.complaints.choices import Channel, Visibility
from minwon.complaints.models import Complaint
from minwon.testing import factories as f

BASE = "/open311/v2"


def xml_of(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314  (our own server's answer in a test)


REQUEST_FIELDS = {
    "service_request_id", "status", "status_notes", "service_name", "service_code", "description",
    "agency_responsible", "service_notice", "requested_datetime", "updated_datetime",
    "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url",
}  # fmt: skip


@pytest.fixture
def public_case(city):
    city.streetlight.extra_questions = [
        {"key": "pole", "label": "전주 번호", "required": True, "placeholder": "예: 가-123"}
    ]
    city.streetlight.save()
    c = f.create_complaint(
        category=city.streetlight,
        visibility=Visibility.PUBLIC,
        body="가로등이 꺼졌어요. 010-1234-5678 로 연락 주세요",
        address="서울특별시 새빛구 빛나로 12, 101동",
        lat=37.566512,
        lng=126.978034,
    )
    services.assign_department(city.desk, c, city.roads)
    return c


def test_discovery_in_both_formats(client, db):
    doc = client.get(f"{BASE}/discovery.json").json()
    assert doc["endpoints"][0]["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert doc["endpoints"][0]["formats"] == ["text/xml", "application/json"]
    root = xml_of(client.get(f"{BASE}/discovery.xml").content)
    assert root.tag == "discovery" and root.find("endpoints/endpoint/formats/format").text == "text/xml"


def test_services_list_and_definition(client, public_case, city):
    services_ = client.get(f"{BASE}/services.json").json()
    row = next(s for s in services_ if s["service_code"] == "streetlight")
    assert row == {
        "service_code": "streetlight", "service_name": "가로등", "description": "가로등",
        "metadata": True, "type": "realtime", "keywords": "", "group": "",
    }  # fmt: skip
    root = xml_of(client.get(f"{BASE}/services.xml").content)
    assert root.tag == "services" and root.find("service/metadata") is not None
    definition = client.get(f"{BASE}/services/streetlight.json").json()
    assert definition["service_code"] == "streetlight"
    attr = definition["attributes"][0]
    assert attr["code"] == "pole" and attr["required"] is True and attr["datatype"] == "string"
    assert attr["variable"] is True and attr["order"] == 1
    xml = xml_of(client.get(f"{BASE}/services/streetlight.xml").content)
    assert xml.tag == "service_definition" and xml.find("attributes/attribute/code").text == "pole"


def test_requests_list_shows_public_requests_masked(client, public_case):
    private = f.create_complaint(category=public_case.category, title="비공개")
    rows = client.get(f"{BASE}/requests.json").json()
    assert [r["service_request_id"] for r in rows] == [public_case.tracking_no]
    row = rows[0]
    assert set(row) == REQUEST_FIELDS
    assert row["status"] == "open" and row["status_notes"] == "부서 배정"
    assert row["agency_responsible"] == "도로과"
    assert "010-1234-5678" not in json.dumps(row, ensure_ascii=False)
    assert row["description"].endswith("010-****-5678 로 연락 주세요")
    assert row["address"] == "서울특별시 새빛구 빛나로 ***"
    assert row["lat"] == 37.5665 and row["long"] == 126.978
    assert row["requested_datetime"].endswith("+09:00") and "T" in row["requested_datetime"]
    assert private.tracking_no not in client.get(f"{BASE}/requests.xml").content.decode()


def test_requests_filters(client, public_case, city):
    other = f.create_complaint(category=city.park, visibility=Visibility.PUBLIC)
    services.withdraw_complaint(city.desk, other, reason="취하")

    def ids(**params):
        return {r["service_request_id"] for r in client.get(f"{BASE}/requests.json", params).json()}

    both = {public_case.tracking_no, other.tracking_no}
    assert ids() == both
    assert ids(service_code="park") == {other.tracking_no}
    assert ids(service_code="park,streetlight") == both
    assert ids(status="closed") == {other.tracking_no}
    assert ids(status="open") == {public_case.tracking_no}
    assert ids(service_request_id=f"{other.tracking_no},nope") == {other.tracking_no}
    assert ids(start_date="2020-01-01T00:00:00Z", end_date="2020-02-01T00:00:00+09:00") == set()
    assert ids(start_date=public_case.received_at.isoformat()) == both
    assert len(ids(page_size=1)) == 1 and ids(page_size=1, page=3) == set()


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"status": "pending"}, "status"),
        ({"start_date": "어제"}, "start_date"),
        ({"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"}, "90일"),
        ({"page_size": "0"}, "page_size"),
        ({"jurisdiction_id": "busan.go.kr"}, "jurisdiction_id"),
    ],
)
def test_errors_use_the_spec_format(client, db, params, fragment):
    r = client.get(f"{BASE}/requests.json", params)
    assert r.status_code in (400, 404)
    [err] = r.json()
    assert err["code"] == r.status_code and fragment in err["description"]
    root = xml_of(client.get(f"{BASE}/requests.xml", params).content)
    assert root.tag == "errors" and root.find("error/code").text == str(r.status_code)


def test_matching_jurisdiction_is_accepted(client, db, settings):
    settings.MINWON_OPEN311_JURISDICTION = "saebit.go.kr"
    assert client.get(f"{BASE}/services.json", {"jurisdiction_id": "saebit.go.kr"}).status_code == 200


def test_single_request_and_unknown_ids(client, public_case):
    r = client.get(f"{BASE}/requests/{public_case.tracking_no}.json")
    assert r.status_code == 200 and r.json()[0]["service_request_id"] == public_case.tracking_no
    xml = xml_of(client.get(f"{BASE}/requests/{public_case.tracking_no}.xml").content)
    assert xml.tag == "service_requests" and xml.find("request/status").text == "open"
    r = client.get(f"{BASE}/requests/2026-9999999.json")
    assert r.status_code == 404 and r.json()[0]["code"] == 404
    assert client.get(f"{BASE}/services/nope.json").status_code == 404


def _post(client, data, fmt="json"):
    return client.post(f"{BASE}/requests.{fmt}", data)


def test_post_needs_a_valid_api_key_with_open311_scope(client, tokens):
    form = {"service_code": "streetlight", "lat": "37.5", "long": "127.0", "description": "고장"}
    r = _post(client, form)
    assert r.status_code == 403 and "api_key" in r.json()[0]["description"]
    r = _post(client, {**form, "api_key": tokens.readonly.raw})
    assert r.status_code == 403 and r.json()[0]["code"] == 403
    assert not Complaint.objects.exists()


def test_post_creates_a_complaint_then_token_and_request_are_readable(client, tokens, public_case):
    form = {
        "api_key": tokens.app.raw,
        "service_code": "streetlight",
        "lat": "37.5665",
        "long": "126.9780",
        "address_string": "서울특별시 새빛구 빛나로 30",
        "description": "가로등이 깜빡입니다\n밤마다 그렇습니다",
        "email": "citizen@example.com",
        "first_name": "길동",
        "last_name": "홍",
        "attribute[pole]": "가-123",
    }
    r = _post(client, form)
    assert r.status_code == 201, r.content
    [row] = r.json()
    c = Complaint.objects.get(tracking_no=row["service_request_id"])
    assert c.channel == Channel.API and c.title == "가로등이 깜빡입니다"
    assert c.applicant_name == "홍 길동" and c.extra_answers == {"pole": "가-123"}
    assert c.notify_channels == ["email"]
    token_row = client.get(f"{BASE}/tokens/{row['token']}.json").json()
    assert token_row == [{"service_request_id": c.tracking_no, "token": row["token"]}]
    assert xml_of(client.get(f"{BASE}/tokens/{row['token']}.xml").content).tag == "service_requests"
    # private: hidden from everyone but the api_key that filed it
    assert client.get(f"{BASE}/requests/{c.tracking_no}.json").status_code == 404
    mine = client.get(f"{BASE}/requests/{c.tracking_no}.json", {"api_key": tokens.app.raw})
    assert mine.status_code == 200
    assert "citizen@example.com" not in mine.content.decode() and "길동" not in mine.content.decode()


def test_post_errors_are_400_in_spec_format(client, tokens, public_case):
    base = {"api_key": tokens.app.raw, "service_code": "streetlight", "description": "x", "email": "a@b.kr"}
    r = _post(client, {**base, "attribute[pole]": "1"})
    assert r.status_code == 400 and "위치" in r.json()[0]["description"]
    r = _post(client, {**base, "lat": "37.5", "long": "127"}, fmt="xml")
    assert r.status_code == 400
    assert "전주 번호" in xml_of(r.content).find("error/description").text
    r = _post(client, {**base, "service_code": "nope", "lat": "37.5", "long": "127"})
    assert r.status_code == 400
    r = _post(client, {**base, "lat": "abc", "long": "127", "attribute[pole]": "1"})
    assert r.status_code == 400 and "lat" in r.json()[0]["description"]


def test_updates_feed(client, public_case, city):
    services.add_note(city.officer, public_case, body="수리 예정 (010-2222-3333)", public=True)
    services.add_note(city.officer, public_case, body="내부 메모", public=False)
    rows = client.get(f"{BASE}/servicerequestupdates.json").json()
    assert [r["service_request_id"] for r in rows] == [public_case.tracking_no] * len(rows)
    assert {
        "update_id",
        "service_request_id",
        "status",
        "updated_datetime",
        "description",
        "media_url",
    } == set(rows[0])
    text = json.dumps(rows, ensure_ascii=False)
    assert "내부 메모" not in text and "010-****-3333" in text
    xml = xml_of(client.get(f"{BASE}/servicerequestupdates.xml").content)
    assert xml.tag == "service_request_updates" and xml.find("request_update/update_id") is not None
    empty = client.get(
        f"{BASE}/servicerequestupdates.json", {"start_date": "2020-01-01", "end_date": "2020-01-02"}
    )
    assert empty.json() == []


def test_post_in_xml_answers_the_spec_document(client, tokens, public_case):
    form = {
        "api_key": tokens.app.raw,
        "service_code": "streetlight",
        "address_string": "서울특별시 새빛구 빛나로 30",
        "description": "가로등이 깜빡입니다",
        "attribute[pole]": "가-7",
        "phone": "010-3333-4444",
        "jurisdiction_id": "saebit.go.kr",
    }
    r = _post(client, form, fmt="xml")
    assert r.status_code == 201, r.content.decode()
    assert r["Content-Type"].startswith("text/xml")
    root = xml_of(r.content)
    assert root.tag == "service_requests"
    number = root.find("request/service_request_id").text
    assert Complaint.objects.get(tracking_no=number).channel == Channel.API
    assert root.find("request/token").text and root.find("request/service_notice").text.endswith(number)


@pytest.mark.parametrize(
    ("method", "path"),
    [("post", "services"), ("post", "discovery"), ("post", "servicerequestupdates"), ("put", "requests")],
)
def test_wrong_method_is_405_in_the_spec_error_format(client, db, method, path):
    r = getattr(client, method)(f"{BASE}/{path}.json")
    assert r.status_code == 405 and "GET" in r["Allow"]
    [err] = r.json()
    assert err["code"] == 405 and "요청만 받습니다" in err["description"]
    xml = xml_of(getattr(client, method)(f"{BASE}/{path}.xml").content)
    assert xml.tag == "errors" and xml.find("error/code").text == "405"


def test_updates_feed_pages(client, public_case, city):
    for n in range(3):
        services.add_note(city.officer, public_case, body=f"진행 상황 {n}", public=True)
    every = [u["update_id"] for u in client.get(f"{BASE}/servicerequestupdates.json").json()]
    assert len(every) >= 4 and every == sorted(every, key=int)  # oldest first
    first = client.get(f"{BASE}/servicerequestupdates.json", {"page_size": 2}).json()
    second = client.get(f"{BASE}/servicerequestupdates.json", {"page_size": 2, "page": 2}).json()
    assert [u["update_id"] for u in first + second] == every[:4]
    r = client.get(f"{BASE}/servicerequestupdates.xml", {"page": "x"})
    assert r.status_code == 400 and xml_of(r.content).find("error/code").text == "400"
