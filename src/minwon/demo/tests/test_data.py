"""The default and demo data hold together without a database: codes, parents, routing, stories."""

import re

import pytest

from minwon.accounts.models import Role
from minwon.complaints.choices import Kind
from minwon.demo import data
from minwon.lib.legalclock.periods import Period
from minwon.org.models import DepartmentLevel

DEPTS = {d.code: d for d in data.DEPARTMENTS}
CATS = {c.code: c for c in data.CATEGORIES}
PARENT_CODES = {c.parent for c in data.CATEGORIES if c.parent}
LEAVES = [c for c in data.CATEGORIES if c.code not in PARENT_CODES]
SAMPLE = {
    "dong": "새빛동",
    "road": "새빛로",
    "n": 12,
    "spot": "새빛역 2번 출구",
    "park": "새빛근린공원",
    "apt": "새빛자이",
    "plate": "12가 3456",
    "days": 3,
    "hour": "오후 3시",
}


def test_department_codes_are_unique_and_parents_come_first():
    seen = set()
    for d in data.DEPARTMENTS:
        assert d.code not in seen, d.code
        assert d.parent is None or d.parent in seen, f"{d.code}: parent {d.parent} must come first"
        assert d.level in DepartmentLevel.values
        assert re.fullmatch(r"02-\d{3}-\d{4}", d.phone), d.phone
        seen.add(d.code)
    assert 20 <= len(data.DEPARTMENTS) <= 30
    assert [d.code for d in data.DEPARTMENTS if d.is_desk] == ["ADM-CIVIL"]


def test_category_tree_is_well_formed_and_every_leaf_routes():
    seen = set()
    for c in data.CATEGORIES:
        assert c.code not in seen, c.code
        assert c.parent is None or c.parent in seen, c.code
        assert c.department is None or c.department in DEPTS, c.code
        assert c.kind in Kind.values, c.code
        for q in c.extra_questions:
            assert q["key"].isidentifier() and q["label"]
        seen.add(c.code)
    for leaf in LEAVES:
        node = leaf
        while node.department is None:
            assert node.parent, f"{leaf.code} routes nowhere"
            node = CATS[node.parent]


def test_statutory_categories_publish_a_valid_period():
    statutory = [c for c in data.CATEGORIES if c.kind == Kind.STATUTORY]
    assert len(statutory) >= 5
    for c in statutory:
        Period.parse(c.statutory_period)
    assert CATS["road_occupancy"].statutory_period == "14d"
    assert CATS["ad_permit"].statutory_period == "5d"


def test_design_top_level_categories_exist():
    names = {c.name for c in data.CATEGORIES if c.parent is None}
    for name in (
        "도로·보도",
        "교통·주정차",
        "광고물",
        "쓰레기·불법투기",
        "공공시설 고장",
        "가로등",
        "공원·녹지",
    ):
        assert name in names
    for name in (
        "환경·소음",
        "건축",
        "위생",
        "복지",
        "세무·체납",
        "행정상담",
        "시정문의",
        "행사안내",
        "칭찬",
    ):
        assert name in names
    assert CATS["unkind"].is_sensitive and CATS["unkind"].name == "불친절 신고"
    assert any(q["key"] == "plate" for q in CATS["traffic_parking"].extra_questions)


@pytest.mark.parametrize("leaf", LEAVES, ids=lambda c: c.code)
def test_every_leaf_has_stories_that_fill(leaf):
    stories = data.STORIES[leaf.code]
    assert stories
    for title, body in stories:
        assert "{" not in title.format_map(SAMPLE) + body.format_map(SAMPLE)
        assert len(title.format_map(SAMPLE)) <= 200


def test_answers_cover_every_top_level_category_and_fill():
    for root in (c for c in data.CATEGORIES if c.parent is None):
        for answer in data.ANSWERS.get(root.code, data.ANSWERS["etc"]):
            assert "{" not in answer.format_map(SAMPLE)
    assert set(data.TRANSFERS) <= {c.code for c in LEAVES}


def test_personas_cover_every_role_with_valid_departments():
    usernames = [p.username for p in data.PERSONAS]
    assert len(usernames) == len(set(usernames))
    roles = {r for p in data.PERSONAS for r in p.roles}
    assert roles == set(Role.values)
    for p in data.PERSONAS:
        assert p.department is None or p.department in DEPTS
        assert set(p.roles) <= set(Role.values)
        assert not p.is_head or "head" in p.roles
    assert [p.username for p in data.PERSONAS if p.admin] == ["admin"]


def test_every_routing_department_has_an_officer_persona():
    """The demo moves 민원 through every status, which needs someone to act in each department."""
    officers = {p.department for p in data.PERSONAS if {"officer", "head"} & set(p.roles)}
    for leaf in LEAVES:
        node = leaf
        while node.department is None:
            node = CATS[node.parent]
        assert node.department in officers, f"{leaf.code} → {node.department}"
