"""The public monthly report and open data: figures only, public 민원 masked (minwon.lib.masking).

Figures of November (fixtures `november` + `surveyed`): 5 received, 4 answered, 3 on time;
satisfaction responses given in November: c1 yes/5, c2 no/2, c4 yes/4, c5 yes/3.
"""

from __future__ import annotations

import pytest

from minwon.complaints.choices import Visibility
from minwon.complaints.models import Complaint
from minwon.insight import summary

TITLE = "김철수 씨 집 앞 가로등 고장, 연락 010-9876-5432 (12가3456 차량)"


@pytest.fixture
def built(surveyed, city):
    Complaint.objects.filter(pk=surveyed.c1.pk).update(
        visibility=Visibility.PUBLIC, address="서울특별시 새빛구 빛나로 12, 101동 1001호", title=TITLE
    )
    summary.rebuild_all()
    return surveyed


def _csv(resp) -> str:
    return b"".join(resp.streaming_content).decode("utf-8-sig")


def test_report_page_without_login(built, client):
    resp = client.get("/reports/monthly/?month=2026-11")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "2026년 11월 민원 처리 보고" in html
    assert "75.0%" in html  # on-time rate of the month
    assert 'data-testid="public-satisfaction">75.0%<' in html  # 3 of 4 responses resolved
    assert "3.50점" in html  # kindness (5 + 2 + 4 + 3) ÷ 4
    # Per department: received, answered, closed (c4 closed as 반복민원), on-time rate, days.
    assert (
        '<th scope="row">공원녹지과</th><td>1</td><td>1</td><td>1</td><td>100.0%</td><td>0.2일</td>' in html
    )
    assert '<th scope="row">도로과</th><td>4</td><td>3</td><td>0</td><td>66.7%</td><td>2.7일</td>' in html
    for personal in ("홍길동", "010-", "김철수", "최도로", built.c1.tracking_no):
        assert personal not in html


def test_figures_csv(built, client):
    text = _csv(client.get("/reports/open-data/figures.csv?month=2026-11"))
    lines = text.splitlines()
    assert lines[0].startswith(
        "구분,이름,접수,처리 완료,종결,기한 내 처리,기한 내 처리율(%),평균 처리일수,만족도 응답"
    )
    # (2 + 5 + 0.25 + 1) days ÷ 4 answers = 2.1; 4 responses, 3 resolved, kindness 3.50
    assert lines[1] == "전체,전체,5,4,1,3,75.0,2.1,4,75.0,3.50"  # c4 closed
    # 도로과 with the merged team's c5: 4 received, 3 answered, 2 on time; (2+5+1)/3 days;
    # responses c1, c2 and c5 (given to the team) → 2 of 3 resolved, kindness 10/3.
    assert "부서,도로과,4,3,0,2,66.7,2.7,3,66.7,3.33" in lines
    assert "부서,공원녹지과,1,1,1,1,100.0,0.2,1,100.0,4.00" in lines  # 6 h = 0.25 day (to even: 0.2)
    assert "유형,가로등,3,3,0,2,66.7,2.7,,," in lines


def test_figures_follow_a_department_rename(built, client, city):
    """Renamed after the month: the month's figures are published under today's name."""
    from minwon.org import services as org

    org.rename_department(actor=city.admin, department=city.roads, name="도로관리과")
    lines = _csv(client.get("/reports/open-data/figures.csv?month=2026-11")).splitlines()
    assert "부서,도로관리과,4,3,0,2,66.7,2.7,3,66.7,3.33" in lines
    assert not any(",도로과," in line for line in lines)
    complaints = _csv(client.get("/reports/open-data/complaints.csv?month=2026-11"))
    assert ",도로관리과," in complaints and ",도로과," not in complaints


def test_open_data_lists_public_complaints_masked(built, client):
    text = _csv(client.get("/reports/open-data/complaints.csv?month=2026-11"))
    lines = text.splitlines()
    assert len(lines) == 2  # header + c1, the only public one
    row = lines[1]
    assert built.c1.tracking_no in row and ",도로과," in row
    assert "서울특별시 새빛구 빛나로 ***" in row and "101동" not in text
    assert "김*수 씨 집 앞 가로등 고장, 연락 010-****-5432 (12가**** 차량)" in row
    for personal in ("김철수", "9876", "3456", "홍길동", "1234-5678"):
        assert personal not in text


def test_open_data_names_the_department_of_today(built, client):
    """c5 was handled by 도로관리팀, since merged into 도로과: the open data says 도로과."""
    Complaint.objects.filter(pk=built.c5.pk).update(visibility=Visibility.PUBLIC)
    text = _csv(client.get("/reports/open-data/complaints.csv?month=2026-11"))
    row = next(line for line in text.splitlines() if built.c5.tracking_no in line)
    assert ",도로과," in row and "도로관리팀" not in text


def test_sensitive_categories_stay_out_of_open_data(built, client, city):
    city.streetlight.is_sensitive = True
    city.streetlight.save(update_fields=["is_sensitive"])
    text = _csv(client.get("/reports/open-data/complaints.csv?month=2026-11"))
    assert len(text.splitlines()) == 1


def test_report_pdf(built, client):
    from .conftest import read_pdf

    resp = client.get("/reports/monthly.pdf?month=2026-11")
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    text, fonts = read_pdf(resp.content)
    assert "NanumGothic" in fonts  # fonts-nanum, named in the CSS (boxes without it)
    assert "2026년 11월 민원 처리 보고" in text and "도로과" in text and "공원녹지과" in text
    assert "75.0%" in text and "3.50점" in text
    assert "홍길동" not in text and "김철수" not in text


def test_a_bad_month_is_refused_in_korean(built, client):
    resp = client.get("/reports/monthly/?month=2026-13")
    assert resp.status_code == 400
    html = resp.content.decode()
    assert "월을 2026-11 형식으로 입력해 주십시오." in html and 'value="2026-13"' in html
    for url in (
        "/reports/monthly.pdf",
        "/reports/open-data/figures.csv",
        "/reports/open-data/complaints.csv",
    ):
        resp = client.get(f"{url}?month=11월")
        assert resp.status_code == 400 and "2026-11 형식" in resp.content.decode(), url
