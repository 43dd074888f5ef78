"""Dashboard, drill-down and map pages: who may see what, and figures that link to their lists."""

from __future__ import annotations

import re

import pytest

from minwon.insight import summary

NOV = "start=2026-11-01&end=2026-11-30"


@pytest.fixture
def built(november):
    summary.rebuild_all()
    return november


def test_dashboard_figures_and_drill_down(built, city, client):
    client.force_login(city.desk)
    html = client.get(f"/insight/?{NOV}").content.decode()
    assert re.search(r'data-testid="tile-received">5<', html)
    assert re.search(r'data-testid="tile-on-time">75.0%<', html)
    assert re.search(r'data-testid="tile-overdue">1<', html)
    assert "<svg" in html and "<table" in html
    late = re.search(r'href="(/insight/list/\?[^"]*metric=late[^"]*)"', html).group(1).replace("&amp;", "&")
    listing = client.get(late).content.decode()
    assert built.c2.tracking_no in listing and built.c1.tracking_no not in listing


def test_head_sees_only_their_department(built, city, client):
    client.force_login(city.head)
    html = client.get(f"/insight/?{NOV}&department={city.parks.pk}").content.decode()
    assert re.search(r'data-testid="tile-received">4<', html)  # parks is not theirs: scope stays roads
    listing = client.get(f"/insight/list/?{NOV}&metric=received").content.decode()
    assert built.c4.tracking_no not in listing and built.c1.tracking_no in listing


def test_citizens_and_officers_are_refused(city, client):
    for persona in (city.minji, city.officer):
        client.force_login(persona)
        assert client.get("/insight/").status_code == 403


def test_bad_dates_keep_input_and_show_korean_error(city, client):
    client.force_login(city.desk)
    html = client.get("/insight/?start=2026-13-01&end=2026-11-30").content.decode()
    assert "날짜를 2026-11-23 형식으로 입력해 주십시오." in html
    assert 'value="2026-13-01"' in html


def test_map_aggregates_cells(built, city, client):
    import h3

    from minwon.complaints.models import Complaint
    from minwon.insight.mapdata import cells
    from minwon.insight.queries import Scope

    cell = h3.latlng_to_cell(37.5665, 126.978, 9)
    Complaint.objects.filter(pk__in=[built.c1.pk, built.c2.pk]).update(h3_cell=cell)
    from datetime import date

    got = cells(Scope(date(2026, 11, 1), date(2026, 11, 30)))
    assert [(c.n) for c in got] == [2]
    assert got[0].cell == h3.cell_to_parent(cell, 8)
    client.force_login(city.desk)
    data = client.get(f"/insight/map.json?{NOV}").json()
    assert data["cells"][0]["n"] == 2 and len(data["cells"][0]["boundary"]) == 6
    listing = client.get(got[0].href).content.decode()
    assert built.c1.tracking_no in listing and built.c4.tracking_no not in listing


def test_dashboard_query_count_is_fixed(built, city, client, django_assert_max_num_queries):
    client.force_login(city.admin)
    with django_assert_max_num_queries(16):
        assert client.get(f"/insight/?{NOV}").status_code == 200
