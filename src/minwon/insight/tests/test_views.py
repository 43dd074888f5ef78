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


LINK = re.compile(r'<a\s[^>]*?href="(/insight/list/\?[^"]*)"([^>]*)>(.*?)</a>', re.S)


def _figure_links(html: str) -> list[tuple[str, int, int | None, str]]:
    """(href, data-count, data-of, visible text) of every link to an insight list."""
    out = []
    for href, attrs, text in LINK.findall(html):
        count = re.search(r'data-count="(\d+)"', attrs)
        assert count, f"a figure link without data-count: {href}"
        of = re.search(r'data-of="(\d+)"', attrs)
        out.append(
            (href.replace("&amp;", "&"), int(count.group(1)), int(of.group(1)) if of else None, text.strip())
        )
    return out


def _list_count(client, href: str) -> int:
    resp = client.get(href)
    assert resp.status_code == 200, href
    return int(re.search(r'data-testid="list-count">(\d+)<', resp.content.decode()).group(1))


@pytest.mark.parametrize(
    "query",
    [f"{NOV}", f"{NOV}&unit=week", "start=2026-10-01&end=2026-11-30&unit=month", f"{NOV}&channel=web"],
)
def test_every_figure_links_to_a_list_of_that_size(surveyed, city, client, query):
    """Follow every figure of the dashboard: the list behind it holds exactly that many rows."""
    from minwon.testing import factories as f

    from .conftest import at

    f.create_complaint(category=city.park, received_at=at(9, 10), channel="web")  # not routed yet
    summary.rebuild_all()
    client.force_login(city.desk)
    html = client.get(f"/insight/?{query}").content.decode()
    links = _figure_links(html)
    assert len(links) > 60
    seen: dict[str, int] = {}
    for href, count, of, text in links:
        if href not in seen:
            seen[href] = _list_count(client, href)
        assert seen[href] == count, (href, count, seen[href])
        if re.fullmatch(r"[\d,]+", text):
            assert int(text.replace(",", "")) == count, (href, text)
        elif of is not None and text.endswith("%"):
            assert text == f"{count / of * 100:.1f}%", (href, text)
    # The metrics reached include the care figures and the histogram and series lists.
    reached = {re.search(r"metric=(\w+)", h).group(1) for h in seen}
    assert reached >= {"received", "answered", "on_time", "late", "overdue", "reopened", "repeated"}
    assert reached >= {"responses", "resolved", "praise", "open", "closed"}
    assert any("bucket=" in h for h in seen)
    assert any("department=none" in h for h in seen)  # the "부서 미배정" row


def test_no_figure_on_the_dashboard_without_its_list(surveyed, city, client):
    """Every number shown in a tile or the department table sits inside a drill-down link."""
    summary.rebuild_all()
    client.force_login(city.desk)
    html = client.get(f"/insight/?{NOV}").content.decode()
    tiles = re.search(r'data-testid="tiles">(.*?)</ul>', html, re.S).group(1)
    # Each tile: its label (which may hold digits, "친절도(1–5)"), then the figures in spans.
    values = [li.split("<span", 1)[1] for li in re.findall(r"<li>(.*?)</li>", tiles, re.S)]
    table = re.search(r'data-testid="dept-table">.*?<tbody>(.*?)</tbody>', html, re.S).group(1)
    cells = re.findall(r"<td>(.*?)</td>", table, re.S)
    assert len(values) == 10 and len(cells) > 20
    for chunk in values + cells:
        bare = re.sub(r"<[^>]+>", "", re.sub(r"<a\s[^>]*>.*?</a>", "", chunk, flags=re.S))
        assert not re.search(r"\d", bare), chunk


def test_care_figures_on_the_dashboard(surveyed, city, client):
    """November's responses: c1 yes/5, c2 no/2, c4 yes/4, c5 yes/3; praise: officer and 공원녹지과."""
    summary.rebuild_all()
    client.force_login(city.desk)
    html = client.get(f"/insight/?{NOV}").content.decode()
    assert re.search(r'data-testid="tile-satisfaction">75.0%<', html)
    assert re.search(r'data-testid="tile-kindness">3.50점<', html)
    assert re.search(r'data-testid="tile-praise">2<', html)
    row = re.search(rf'<tr data-dept="{city.roads.pk}">(.*?)</tr>', html, re.S).group(1)
    # 도로과 absorbs the team's c5: responses c1, c2, c5 → 3, 2 resolved, kindness 10/3.
    assert ">3.33점<" in row and ">66.7%<" in row
    praise = client.get(f"/insight/list/?{NOV}&metric=praise&department={city.roads.pk}").content.decode()
    assert "밤늦게까지" in praise and "공원이 깨끗" not in praise and surveyed.c1.tracking_no in praise


def test_map_cell_links_match_their_lists(built, city, client):
    import h3

    from minwon.complaints.models import Complaint

    cell = h3.latlng_to_cell(37.5665, 126.978, 9)
    other = h3.latlng_to_cell(37.50, 127.03, 9)
    Complaint.objects.filter(pk__in=[built.c1.pk, built.c2.pk]).update(h3_cell=cell)
    Complaint.objects.filter(pk=built.c4.pk).update(h3_cell=other)
    client.force_login(city.desk)
    html = client.get(f"/insight/map/?{NOV}").content.decode()
    links = [link for link in _figure_links(html) if "cell=" in link[0]]
    assert sorted(c for _h, c, _o, _t in links) == [1, 2]
    for href, count, _of, _text in links:
        assert _list_count(client, href) == count


def test_category_by_status_heat_table(built, city, client):
    """November: 가로등 c1, c2, c5 answered; 도로점용허가 c3 in progress; 공원·녹지 c4 closed."""
    client.force_login(city.desk)
    html = client.get(f"/insight/map/?{NOV}").content.decode()
    heat = re.search(r'data-testid="heat">(.*?)</table>', html, re.S).group(1)
    head = re.findall(r'<th scope="col">(.*?)</th>', heat)
    assert head == ["유형", "처리 중", "답변 완료", "종결"]
    rows = {
        name: [int(n) for n in re.findall(r'data-count="(\d+)"', row)]
        for name, row in re.findall(r'<th scope="row">(.*?)</th>(.*?)</tr>', heat, re.S)
    }
    assert rows == {"가로등": [0, 3, 0], "도로점용허가": [1, 0, 0], "공원·녹지": [0, 0, 1]}
    assert 'class="heat-4"><a' in heat  # the biggest cell is the darkest
    links = _figure_links(heat)
    assert len(links) == 9
    for href, count, _of, _text in links:
        assert _list_count(client, href) == count
