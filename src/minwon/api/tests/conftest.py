"""API personas on top of the city: an integration token, staff tokens, a department-scoped one."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from minwon.api.services import issue_token
from minwon.complaints.models import Complaint


def make_token(**kwargs):
    kwargs.setdefault("name", "테스트 토큰")
    token, raw = issue_token(None, **kwargs)
    return SimpleNamespace(token=token, raw=raw, headers={"HTTP_AUTHORIZATION": f"Bearer {raw}"})


@pytest.fixture
def tokens(city):
    return SimpleNamespace(
        # 동 주민센터 앱: files 민원 and follows the ones it filed.
        app=make_token(integration="동네 앱", scopes=["create", "read", "open311"]),
        # 도로과 업무 시스템: reads and lists 도로과's 민원 only.
        roads=make_token(integration="도로과 시스템", scopes=["read", "list"], department=city.roads),
        officer=make_token(user=city.officer, scopes=["read", "list"]),
        other_officer=make_token(user=city.other_officer, scopes=["read", "list"]),
        desk=make_token(user=city.desk, scopes=["create", "read", "list"]),
        citizen=make_token(user=city.minji, scopes=["read", "list"]),
        readonly=make_token(integration="읽기 전용", scopes=["read"]),
    )


def complaint_payload(**overrides) -> dict:
    body = {
        "category": "streetlight",
        "title": "가로등 고장",
        "body": "빛나로 12 앞 가로등이 꺼졌습니다. 연락은 010-9876-5432 로 주세요.",
        "address": "서울특별시 새빛구 빛나로 12",
        "lat": 37.5665,
        "lng": 126.978,
        "applicant": {
            "name": "홍길동",
            "phone": "010-9876-5432",
            "notify_channels": ["sms"],
            "consent": True,
        },
    }
    body.update(overrides)
    return body


def post_json(client, path, body, *, token=None, key=None, raw=None):
    headers = dict(token.headers) if token else {}
    if key is not None:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    data = raw if raw is not None else json.dumps(body)
    return client.post(path, data=data, content_type="application/json", **headers)


def file_via_api(client, token, **overrides):
    r = post_json(client, "/api/complaints", complaint_payload(**overrides), token=token)
    assert r.status_code == 201, r.content
    return Complaint.objects.get(tracking_no=r.json()["tracking_no"])
