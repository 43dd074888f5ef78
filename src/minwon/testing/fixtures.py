"""Named personas for tests (healthchecks-style: alice owns, bob is a teammate, charlie an outsider).

- citizen `minji` files 민원; `junho` is another citizen
- desk clerk `desk`; auditor `auditor`; admin `admin`; care officer `care`; call agent `agent`
- `roads` (도로과) with officer `officer` and head `head`; `parks` (공원녹지과) with `other_officer`
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from minwon.accounts.models import Role

from . import factories as f


@pytest.fixture
def city(db):
    roads = f.create_department(code="ROADS", name="도로과")
    parks = f.create_department(code="PARKS", name="공원녹지과")
    desk_team = f.create_department(code="DESK", name="민원봉사과", is_desk=True)
    streetlight = f.create_category(code="streetlight", name="가로등", department=roads)
    park = f.create_category(code="park", name="공원·녹지", department=parks)
    permit = f.create_category(
        code="road_permit", name="도로점용허가", department=roads, kind="statutory", statutory_period="3d"
    )
    people = SimpleNamespace(
        minji=f.create_user(
            username="minji", roles=[Role.CITIZEN], display_name="김민지", phone="010-2222-3333"
        ),
        junho=f.create_user(username="junho", roles=[Role.CITIZEN], display_name="이준호"),
        desk=f.create_user(username="desk", roles=[Role.DESK], department=desk_team, display_name="박접수"),
        officer=f.create_user(
            username="officer", roles=[Role.OFFICER], department=roads, display_name="최도로"
        ),
        head=f.create_user(
            username="head",
            roles=[Role.HEAD, Role.OFFICER],
            department=roads,
            is_head=True,
            display_name="정과장",
        ),
        other_officer=f.create_user(
            username="other_officer", roles=[Role.OFFICER], department=parks, display_name="한공원"
        ),
        auditor=f.create_user(username="auditor", roles=[Role.AUDITOR], display_name="감사관"),
        admin=f.create_user(
            username="admin", roles=[Role.ADMIN], display_name="관리자", is_staff=True, is_superuser=True
        ),
        care=f.create_user(username="care", roles=[Role.CARE], display_name="보호담당"),
        agent=f.create_user(username="agent", roles=[Role.AGENT], display_name="상담사"),
    )
    return SimpleNamespace(
        roads=roads,
        parks=parks,
        desk_team=desk_team,
        streetlight=streetlight,
        park=park,
        permit=permit,
        **vars(people),
    )
