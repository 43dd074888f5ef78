"""Demo data for the machine interfaces: published demo tokens and a few 국민신문고 imports.

Idempotent: tokens are found by their digest, imported 민원 by their external reference, so a
rerun of `./dev demo` adds nothing. The demo tokens are printed in docs/api.md; never in a real city.
"""

from __future__ import annotations

import json

from django.db.models import Q

from minwon.accounts.models import User
from minwon.org.models import Department

from . import tokens
from .models import ApiToken
from .services import issue_token

DEMO_APP_TOKEN = "mw_demo_neighbourhood_app_0000000000000000"  # noqa: S105  (published demo token)
DEMO_ROADS_TOKEN = "mw_demo_roads_system_00000000000000000000"  # noqa: S105  (published demo token)

EPEOPLE = [
    {
        "external_ref": "1AA-2612-0000101",
        "received_at": "2026-12-01T10:20:00+09:00",
        "due_at": "2026-12-10T18:00:00+09:00",
        "category": "streetlight_out",
        "title": "보안등이 꺼져 있어요",
        "body": "골목 보안등이 며칠째 꺼져 있습니다.",
        "applicant_name": "김국민",
        "applicant_phone": "010-3000-0101",
        "address": "새빛구 빛나로 40",
        "department": "SAF-ROAD",
    },
    {
        "external_ref": "1AA-2612-0000102",
        "received_at": "2026-12-02T15:05:00+09:00",
        "due_at": "2026-12-11T18:00:00+09:00",
        "category": "facility_toilet",
        "title": "공중화장실 휴지가 없어요",
        "body": "공원 공중화장실에 휴지가 없습니다.",
        "applicant_name": "이신문",
        "applicant_phone": "010-3000-0102",
    },
]


def seed_machine_demo() -> dict[str, int]:
    from minwon.exchange.services import import_file

    made = 0
    roads = Department.objects.filter(Q(code="SAF-ROAD")).first()
    for raw, kwargs in (
        (
            DEMO_APP_TOKEN,
            {"name": "데모 동네 앱", "integration": "동네 앱", "scopes": ["create", "read", "open311"]},
        ),
        (
            DEMO_ROADS_TOKEN,
            {
                "name": "데모 도로과 시스템",
                "integration": "도로과 시스템",
                "scopes": ["read", "list"],
                "department": roads,
            },
        ),
    ):
        if not ApiToken.objects.filter(digest=tokens.digest(raw)).exists():
            issue_token(None, raw=raw, **kwargs)
            made += 1
    desk = User.objects.filter(username="desk").first()
    data = json.dumps({"complaints": EPEOPLE}, ensure_ascii=False).encode()
    batch = import_file(desk, name="demo-epeople.json", data=data, source="epeople")
    return {"api_tokens": made, "imported": batch.created}
