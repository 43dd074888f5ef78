"""POST /api/complaints: intake through the API, auth, scopes, Korean errors, Idempotency-Key."""

from __future__ import annotations

import pytest

from minwon.api.models import IdempotencyRecord, Submission
from minwon.api.services import revoke_token
from minwon.complaints.choices import Channel, Status
from minwon.complaints.models import Complaint

from .conftest import complaint_payload, post_json

URL = "/api/complaints"


def test_integration_files_a_complaint(client, tokens):
    r = post_json(client, URL, complaint_payload(), token=tokens.app)
    assert r.status_code == 201
    body = r.json()
    assert set(body) == {"id", "tracking_no", "status", "status_label", "received_at", "due_at", "status_url"}
    c = Complaint.objects.get(pk=body["id"])
    assert c.channel == Channel.API and c.status == Status.ACCEPTED
    assert body["status_label"] == "접수" and body["due_at"].endswith("+09:00")
    assert body["status_url"] == f"/api/complaints/{c.tracking_no}"
    assert Submission.objects.filter(token=tokens.app.token, complaint=c).exists()
    assert c.events.filter(verb="received", data__channel="api").exists()


def test_staff_token_files_as_that_employee(client, tokens, city):
    r = post_json(client, URL, complaint_payload(), token=tokens.desk)
    c = Complaint.objects.get(pk=r.json()["id"])
    assert c.events.get(verb="received").actor == city.desk


def test_bad_input_is_422_with_korean_messages_per_field(client, tokens):
    r = post_json(client, URL, complaint_payload(title="", applicant={"phone": "12"}), token=tokens.app)
    assert r.status_code == 422
    body = r.json()
    assert body["code"] == "invalid"
    assert body["errors"]["title"] == "제목을 입력해 주십시오."
    assert "전화번호" in body["errors"]["phone"]
    assert not Complaint.objects.exists()


def test_unknown_category_and_schema_errors(client, tokens):
    r = post_json(client, URL, complaint_payload(category="nope"), token=tokens.app)
    assert r.status_code == 422 and r.json()["errors"] == {"category": "없는 민원 유형입니다."}
    r = post_json(client, URL, {"title": "x"}, token=tokens.app)
    assert r.status_code == 422
    assert r.json()["code"] == "invalid_request"
    assert r.json()["errors"]["category"] == "반드시 보내야 하는 값입니다."
    r = post_json(client, URL, None, token=tokens.app, raw="{not json")
    assert r.status_code in (400, 422) and r.json()["code"]
    r = post_json(client, URL, complaint_payload(body="a\x00b"), token=tokens.app)
    assert r.status_code == 422 and "NUL" in r.json()["message"]


def test_no_token_bad_token_revoked_token_are_401(client, tokens):
    assert post_json(client, URL, complaint_payload()).status_code == 401
    r = client.post(URL, data="{}", content_type="application/json", HTTP_AUTHORIZATION="Bearer mw_nope")
    assert r.status_code == 401 and r.json()["code"] == "unauthorized"
    assert "토큰" in r.json()["message"]
    revoke_token(None, tokens.app.token)
    assert post_json(client, URL, complaint_payload(), token=tokens.app).status_code == 401


def test_x_api_key_header_works_too(client, tokens):
    r = client.post(
        URL,
        data=__import__("json").dumps(complaint_payload()),
        content_type="application/json",
        HTTP_X_API_KEY=tokens.app.raw,
    )
    assert r.status_code == 201


def test_token_without_create_scope_is_403(client, tokens):
    r = post_json(client, URL, complaint_payload(), token=tokens.readonly)
    assert r.status_code == 403
    assert r.json() == {
        "code": "missing_scope",
        "message": "이 토큰에는 'create' 권한이 없습니다.",
        "errors": {},
    }


# --- Idempotency-Key --------------------------------------------------------------------------


def test_retry_with_same_key_returns_the_first_result(client, tokens):
    first = post_json(client, URL, complaint_payload(), token=tokens.app, key="order-1")
    again = post_json(client, URL, complaint_payload(), token=tokens.app, key="order-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Complaint.objects.count() == 1


def test_same_key_other_content_is_422(client, tokens):
    post_json(client, URL, complaint_payload(), token=tokens.app, key="order-2")
    r = post_json(client, URL, complaint_payload(title="다른 제목"), token=tokens.app, key="order-2")
    assert r.status_code == 422
    assert r.json()["code"] == "idempotency_key_reused"
    assert "다른 내용" in r.json()["message"]
    assert Complaint.objects.count() == 1


def test_keys_are_per_token(client, tokens):
    post_json(client, URL, complaint_payload(), token=tokens.app, key="k")
    r = post_json(client, URL, complaint_payload(), token=tokens.desk, key="k")
    assert r.status_code == 201 and "Idempotent-Replayed" not in r
    assert Complaint.objects.count() == 2


def test_a_refused_request_stores_no_key_so_the_fix_can_reuse_it(client, tokens):
    bad = post_json(client, URL, complaint_payload(title=""), token=tokens.app, key="fix-me")
    assert bad.status_code == 422
    assert not IdempotencyRecord.objects.exists()
    good = post_json(client, URL, complaint_payload(), token=tokens.app, key="fix-me")
    assert good.status_code == 201


@pytest.mark.parametrize("key", ["with space", "x" * 201, "한글키"])
def test_malformed_keys_are_refused(client, tokens, key):
    r = client.post(
        URL,
        data=__import__("json").dumps(complaint_payload()),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=key,
        **tokens.app.headers,
    )
    assert r.status_code == 422 and r.json()["code"] == "idempotency_key_invalid"
