"""GET /api/complaints/{tracking_no}: public fields only, masked; who may see a private 민원."""

from __future__ import annotations

from minwon.complaints import services
from minwon.complaints.choices import Visibility
from minwon.testing import factories as f

from .conftest import file_via_api


def status(client, token, number):
    return client.get(f"/api/complaints/{number}", **token.headers)


def test_the_filing_token_sees_status_and_public_timeline(client, tokens, city):
    c = file_via_api(client, tokens.app)
    services.assign_department(city.desk, c, city.roads)
    services.add_note(city.officer, c, body="내부 메모: 민원인 010-9876-5432 에게 전화함", public=False)
    services.add_note(city.officer, c, body="현장 확인 예정입니다. 문의 010-5555-6666", public=True)
    r = status(client, tokens.app, c.tracking_no)
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "assigned" and body["department"] == "도로과"
    assert body["received_at"].endswith("+09:00")
    verbs = [e["verb"] for e in body["timeline"]]
    assert verbs == ["received", "accepted", "assigned", "progress"]
    assert "내부 메모" not in r.content.decode()
    assert body["timeline"][-1]["note"] == "현장 확인 예정입니다. 문의 010-****-6666"
    assert body["address"] == "서울특별시 새빛구 빛나로 ***"


def test_applicant_contact_never_appears(client, tokens):
    c = file_via_api(client, tokens.app)
    text = status(client, tokens.app, c.tracking_no).content.decode()
    assert "010-9876-5432" not in text and "홍길동" not in text
    assert "010-****-5432" not in text or "body" not in text  # the body itself is not sent
    assert "applicant" not in text


def test_private_complaint_is_404_for_other_integrations(client, tokens):
    c = file_via_api(client, tokens.app)
    r = status(client, tokens.readonly, c.tracking_no)
    assert r.status_code == 404
    assert r.json()["code"] == "not_found" and r.json()["message"] == "민원을 찾을 수 없습니다."


def test_public_complaint_shows_its_public_face_to_any_reader(client, tokens, city):
    c = f.create_complaint(
        category=city.streetlight, visibility=Visibility.PUBLIC, title="가로등 12가3456 앞"
    )
    r = status(client, tokens.readonly, c.tracking_no)
    assert r.status_code == 200
    assert r.json()["title"] == "가로등 12가**** 앞"


def test_private_without_access_hides_text_even_where_visible(client, tokens, city):
    c = f.create_complaint(category=city.streetlight)
    services.assign_department(city.desk, c, city.roads)
    # 도로과 system (department-scoped integration) sees its department's 민원 in full.
    assert status(client, tokens.roads, c.tracking_no).json()["title"] == c.title
    # the officer of 도로과 too; the 공원녹지과 officer does not even learn it exists.
    assert status(client, tokens.officer, c.tracking_no).status_code == 200
    assert status(client, tokens.other_officer, c.tracking_no).status_code == 404


def test_department_scoped_token_does_not_see_other_departments(client, tokens, city):
    c = f.create_complaint(category=city.park)
    services.assign_department(city.desk, c, city.parks)
    assert status(client, tokens.roads, c.tracking_no).status_code == 404


def test_unknown_or_malformed_numbers_are_404(client, tokens):
    assert status(client, tokens.app, "2026-9999999").status_code == 404
    assert status(client, tokens.app, "garbage").status_code == 404


def test_tracking_number_without_dash_is_accepted(client, tokens):
    c = file_via_api(client, tokens.app)
    assert status(client, tokens.app, c.tracking_no.replace("-", "")).status_code == 200


def test_read_scope_is_required(client, tokens, city):
    from .conftest import make_token

    writer = make_token(integration="쓰기 전용", scopes=["create"])
    c = file_via_api(client, writer)
    r = status(client, writer, c.tracking_no)
    assert r.status_code == 403 and r.json()["code"] == "missing_scope"


def test_categories_list_codes_kinds_and_extra_questions(client, tokens, city):
    city.streetlight.extra_questions = [{"key": "pole", "label": "전주 번호", "required": True}]
    city.streetlight.save()
    r = client.get("/api/categories", **tokens.readonly.headers)
    assert r.status_code == 200
    rows = {row["code"]: row for row in r.json()}
    assert {"streetlight", "park", "road_permit"} <= set(rows)
    assert rows["streetlight"] == {
        "code": "streetlight",
        "name": "가로등",
        "default_kind": city.streetlight.default_kind,
        "extra_questions": [{"key": "pole", "label": "전주 번호", "required": True}],
    }
    assert rows["road_permit"]["default_kind"] == "statutory"
    assert client.get("/api/categories").status_code == 401
