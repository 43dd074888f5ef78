"""The public monthly report and open data: figures only, public 민원 masked."""

from __future__ import annotations

import pytest

from minwon.complaints.choices import Visibility
from minwon.complaints.models import Complaint
from minwon.insight import summary


@pytest.fixture
def built(november):
    Complaint.objects.filter(pk=november.c1.pk).update(
        visibility=Visibility.PUBLIC, address="서울특별시 새빛구 빛나로 12, 101동 1001호"
    )
    summary.rebuild_all()
    return november


def _csv(resp) -> str:
    return b"".join(resp.streaming_content).decode("utf-8-sig")


def test_report_page_without_login(built, client):
    resp = client.get("/reports/monthly/?month=2026-11")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "2026년 11월 민원 처리 보고" in html
    assert "75.0%" in html  # on-time rate of the month
    assert "홍길동" not in html and "010-" not in html


def test_figures_csv(built, client):
    text = _csv(client.get("/reports/open-data/figures.csv?month=2026-11"))
    lines = text.splitlines()
    assert lines[1] == "전체,전체,5,4,3,75.0,2.1"  # (2 + 5 + 0.25 + 1) days ÷ 4 answers
    assert "부서,도로과,4,3,2,66.7,2.7" in lines  # the merged team's c5 included


def test_open_data_lists_public_complaints_masked(built, client):
    text = _csv(client.get("/reports/open-data/complaints.csv?month=2026-11"))
    lines = text.splitlines()
    assert len(lines) == 2  # header + c1, the only public one
    assert built.c1.tracking_no in lines[1]
    assert "서울특별시 새빛구 빛나로 ***" in lines[1]
    assert "101동" not in text and "홍길동" not in text and "1234-5678" not in text


def test_report_pdf(built, client):
    resp = client.get("/reports/monthly.pdf?month=2026-11")
    assert resp.status_code == 200 and resp.content.startswith(b"%PDF")
