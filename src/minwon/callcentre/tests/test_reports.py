"""FCR and AHT against a hand-computed fixture."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from minwon.callcentre import reports
from minwon.callcentre.models import Call, CallTopic
from minwon.testing import factories as f

pytestmark = pytest.mark.django_db
KST = ZoneInfo("Asia/Seoul")


def _call(agent, topic, day, minutes, *, resolved=True, abuse=False, seconds=0):
    start = datetime(2026, 11, day, 10, 0, tzinfo=KST)
    return Call.objects.create(
        agent=agent,
        topic=topic,
        started_at=start,
        ended_at=start + timedelta(minutes=minutes, seconds=seconds),
        duration_seconds=minutes * 60 + seconds,
        answered_at_once=resolved,
        ended_for_abuse=abuse,
    )


@pytest.fixture
def fixture(city):
    a1 = city.agent
    a2 = f.create_user(username="agent2", roles=["agent"], display_name="나상담")
    tax = CallTopic.objects.get(name="지방세·세외수입")
    welfare = CallTopic.objects.get(name="복지 상담")
    # agent 1: 4 calls in range: 3 resolved, 1 not; durations 2, 4, 6, 8 min → AHT 5:00, FCR 75%
    _call(a1, tax, 2, 2)
    _call(a1, tax, 3, 4)
    _call(a1, welfare, 4, 6)
    _call(a1, welfare, 5, 8, resolved=False)
    # agent 2: 3 calls: 1 resolved, 1 not, 1 ended for abuse; 3, 5, 10 min → AHT 6:00, FCR 1/2 = 50%
    _call(a2, tax, 2, 3)
    _call(a2, welfare, 3, 5, resolved=False)
    _call(a2, welfare, 4, 10, resolved=False, abuse=True)
    # Outside the range (11/30): ignored
    _call(a1, tax, 30, 30, resolved=False)
    return a1, a2, tax, welfare


def test_per_agent(fixture):
    a1, a2, *_ = fixture
    rows = {r.key: r for r in reports.by_agent(datetime(2026, 11, 1).date(), datetime(2026, 11, 29).date())}
    assert (rows[a1.pk].calls, rows[a1.pk].resolved, rows[a1.pk].fcr, rows[a1.pk].aht_seconds) == (
        4,
        3,
        0.75,
        300,
    )
    assert (rows[a2.pk].calls, rows[a2.pk].abusive, rows[a2.pk].fcr, rows[a2.pk].aht_seconds) == (
        3,
        1,
        0.5,
        360,
    )
    assert rows[a2.pk].aht_label == "6분 00초" and rows[a1.pk].fcr_percent == "75.0%"


def test_per_topic_and_total(fixture):
    *_, tax, welfare = fixture
    start, end = datetime(2026, 11, 1).date(), datetime(2026, 11, 29).date()
    rows = {r.key: r for r in reports.by_topic(start, end)}
    # tax: 2, 4, 3 min, all resolved → FCR 100%, AHT 3:00
    assert (rows[tax.pk].calls, rows[tax.pk].fcr, rows[tax.pk].aht_seconds) == (3, 1.0, 180)
    # welfare: 6 ok, 8 no, 5 no, 10 abuse → FCR 1/3, AHT (6+8+5+10)/4 = 7:15
    assert rows[welfare.pk].calls == 4 and rows[welfare.pk].fcr == pytest.approx(1 / 3)
    assert rows[welfare.pk].aht_seconds == 435
    total = reports.total(start, end)
    # 7 calls, 1 abusive → FCR 4/6; AHT (2+4+6+8+3+5+10)/7 min = 38/7 min = 325.71 s
    assert total.calls == 7 and total.fcr == pytest.approx(4 / 6)
    assert total.aht_seconds == pytest.approx(38 * 60 / 7)


def test_one_day_range_includes_the_whole_local_day(fixture):
    day = datetime(2026, 11, 30).date()
    assert reports.total(day, day).calls == 1


def test_report_page_and_csv(client, city, fixture):
    client.force_login(city.agent)
    q = {"start": "2026-11-01", "end": "2026-11-29"}
    page = client.get(reverse("callcentre:reports"), q).content.decode()
    assert "75.0%" in page and "5분 00초" in page and "나상담" in page
    csv = client.get(reverse("callcentre:reports_csv"), q).content.decode("utf-8-sig").splitlines()
    assert csv[0].startswith("구분,이름,통화 수")
    assert "상담사,상담사,4,3,0,0,75.0,300" in csv
    assert csv[-1] == "합계,전체,7,4,0,1,66.7,326"
    bad = client.get(reverse("callcentre:reports"), {"start": "2026-11-29", "end": "2026-11-01"})
    assert bad.status_code == 400 and "시작일이 종료일보다 뒤입니다" in bad.content.decode()
    client.force_login(city.minji)
    assert client.get(reverse("callcentre:reports")).status_code == 403
