"""GET /api/complaints: the worklist's filters over the API, scoped per token and department."""

from __future__ import annotations

from minwon.complaints import services
from minwon.complaints.choices import Channel
from minwon.testing import factories as f

from .conftest import make_token


def listing(client, token, **params):
    return client.get("/api/complaints", params, **token.headers)


def _roads_and_parks(city):
    road = f.create_complaint(category=city.streetlight, title="도로 가로등")
    services.assign_department(city.desk, road, city.roads)
    park = f.create_complaint(category=city.park, title="공원 벤치", channel=Channel.MOBILE)
    services.assign_department(city.desk, park, city.parks)
    return road, park


def numbers(r):
    assert r.status_code == 200, r.content
    return {row["tracking_no"] for row in r.json()["results"]}


def test_officer_lists_only_own_department(client, tokens, city):
    road, park = _roads_and_parks(city)
    assert numbers(listing(client, tokens.officer)) == {road.tracking_no}
    assert numbers(listing(client, tokens.other_officer)) == {park.tracking_no}


def test_department_scoped_integration_lists_only_that_department(client, tokens, city):
    road, _park = _roads_and_parks(city)
    assert numbers(listing(client, tokens.roads)) == {road.tracking_no}
    r = listing(client, tokens.roads, department=city.parks.pk)
    assert r.status_code == 403 and r.json()["code"] == "department_not_allowed"


def test_desk_sees_all_and_filters_like_the_worklist(client, tokens, city):
    road, park = _roads_and_parks(city)
    assert numbers(listing(client, tokens.desk)) == {road.tracking_no, park.tracking_no}
    assert numbers(listing(client, tokens.desk, channel="mobile")) == {park.tracking_no}
    assert numbers(listing(client, tokens.desk, department=city.roads.pk)) == {road.tracking_no}
    assert numbers(listing(client, tokens.desk, category=city.park.pk)) == {park.tracking_no}
    assert numbers(listing(client, tokens.desk, q=road.tracking_no)) == {road.tracking_no}
    assert numbers(listing(client, tokens.desk, status="withdrawn")) == set()


def test_desk_token_scoped_to_a_department_sees_only_it(client, city):
    road, _park = _roads_and_parks(city)
    scoped = make_token(user=city.desk, scopes=["list"], department=city.roads)
    assert numbers(listing(client, scoped)) == {road.tracking_no}


def test_rows_have_the_documented_fields_and_pagination(client, tokens, city):
    _roads_and_parks(city)
    r = listing(client, tokens.desk, page_size=1, sort="-received")
    body = r.json()
    assert body["count"] == 2 and body["num_pages"] == 2 and len(body["results"]) == 1
    row = body["results"][0]
    assert set(row) == {
        "id", "tracking_no", "title", "category", "kind", "channel", "status", "status_label",
        "department", "handler", "received_at", "due_at", "due_state",
    }  # fmt: skip
    second = listing(client, tokens.desk, page_size=1, page=2, sort="-received").json()["results"]
    assert second[0]["tracking_no"] != row["tracking_no"]
    assert listing(client, tokens.desk, page=9).json()["results"] == []


def test_bad_filters_get_the_worklist_korean_messages(client, tokens):
    r = listing(client, tokens.desk, due_within="abc", received_from="어제")
    assert r.status_code == 422
    body = r.json()
    assert body["code"] == "invalid_filter"
    assert body["errors"]["due_within"] == "근무시간은 숫자로 입력해 주십시오."
    assert body["errors"]["received_from"] == "날짜를 2026-11-23 형식으로 입력해 주십시오."
    r = listing(client, tokens.desk, page_size=1000)
    assert r.status_code == 422 and r.json()["code"] == "invalid_request"


def test_who_may_not_list(client, tokens, city):
    assert listing(client, tokens.app).json()["code"] == "missing_scope"
    r = listing(client, tokens.citizen)
    assert r.status_code == 403 and r.json()["code"] == "not_worklist_role"
    everywhere = make_token(integration="전체 목록", scopes=["list"])
    r = listing(client, everywhere)
    assert r.status_code == 403 and r.json()["code"] == "list_needs_department"
    r = listing(client, tokens.roads, handler="mine")
    assert r.status_code == 422 and "mine" in r.json()["errors"]["handler"]
