"""Evaluation scores against the hand-computed November, with and without staff protection."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from minwon.insight import evaluation, metrics, services
from minwon.insight.metrics import Period

NOV = Period(date(2026, 11, 1), date(2026, 11, 30))


@pytest.fixture
def no_sources(monkeypatch):
    monkeypatch.setitem(metrics.SOURCES, "care", lambda: None)
    monkeypatch.setitem(metrics.SOURCES, "field", lambda: None)


def roads_unit(city):
    return evaluation.unit_for("department", city.roads.pk)


def test_department_scores_and_total(november, city, no_sources):
    result = evaluation.evaluate(roads_unit(city), NOV)
    lines = {ln.key: ln for ln in result.lines}
    # c1, c2, c5 answered (c5 via the merged team); c1 and c5 on time.
    assert lines["on_time"].value.value == pytest.approx(2 / 3)
    assert set(lines["on_time"].value.complaint_ids) == {november.c1.pk, november.c2.pk, november.c5.pk}
    # 8 days used of 17⅓ allowed → ratio 0.4615 → 150 − 46.15 capped at 100
    assert lines["processing_time"].value.value == pytest.approx(8 / (17 + 1 / 3))
    assert lines["processing_time"].value.score == 100
    assert lines["reopen"].value.score == pytest.approx(100 * 2 / 3)
    assert lines["repeat"].value.score == 100
    assert not lines["satisfaction"].value.available  # no care app: left out of the total
    assert lines["proactive"].value.score is None  # no rated key task, no training
    expected = (30 * 200 / 3 + 20 * 100 + 10 * 200 / 3 + 5 * 100) / 65
    assert result.total == pytest.approx(expected)
    assert "÷ 65" in result.formula


def test_weights_are_admin_editable_and_audited(november, city, no_sources):
    services.set_weight(city.admin, "reopen", "0")
    result = evaluation.evaluate(roads_unit(city), NOV)
    assert result.total == pytest.approx((30 * 200 / 3 + 20 * 100 + 5 * 100) / 55)
    from minwon.insight.models import InsightAudit

    assert InsightAudit.objects.get(action="weight_set").data["after"] == "0"
    with pytest.raises(services.WeightError):
        services.set_weight(city.admin, "reopen", "abc")
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.set_weight(city.head, "reopen", "5")


def test_protected_complaints_are_excluded(november, city, monkeypatch):
    """A fake care provider exempts c2 (officer was protected): roads' on-time rate becomes 2/2."""
    calls = []

    def exempted(user, start, end):
        calls.append(user.username)
        return {november.c2.pk} if user == city.officer else set()

    monkeypatch.setitem(metrics.SOURCES, "care", lambda: SimpleNamespace(exempted_complaint_ids=exempted))
    monkeypatch.setitem(metrics.SOURCES, "field", lambda: None)
    value = metrics.REGISTRY["on_time"].compute(NOV, roads_unit(city))
    assert value.value == 1.0
    assert value.excluded_ids == [november.c2.pk]
    assert "officer" in calls
    reopen = metrics.REGISTRY["reopen"].compute(NOV, roads_unit(city))
    assert reopen.value == 0.0  # c2 was the reopened one


def test_employee_evaluation_counts_handled_complaints(november, city, no_sources):
    unit = evaluation.unit_for("employee", city.officer.pk)
    value = metrics.REGISTRY["on_time"].compute(NOV, unit)
    assert value.value == pytest.approx(0.5)  # c1 on time, c2 late


def test_care_and_field_providers_feed_their_metrics(november, city, monkeypatch):
    care = SimpleNamespace(
        satisfaction=lambda ids: (4.0, [(november.c1.pk, 4)]) if november.c1.pk in ids else (None, []),
        praise=lambda user_ids, start, end: [(november.c1.pk, "친절했습니다")],
    )
    from minwon.field.queries import ParticipationRow

    # The real field.queries.participation(start, end) shape: one row per reporter.
    rows = [
        ParticipationRow(
            city.roads.pk, "도로과", reporter_id=city.officer.pk, reporter="도로", filed=3, closed=1
        ),
        ParticipationRow(None, "", reporter_id=-1, reporter="다른 사람", filed=9, closed=9),
    ]
    field = SimpleNamespace(participation=lambda start, end: rows)
    monkeypatch.setitem(metrics.SOURCES, "care", lambda: care)
    monkeypatch.setitem(metrics.SOURCES, "field", lambda: field)
    unit = roads_unit(city)
    assert metrics.REGISTRY["satisfaction"].compute(NOV, unit).score == 75
    assert metrics.REGISTRY["praise"].compute(NOV, unit).score == 20
    assert metrics.REGISTRY["field"].compute(NOV, unit).value == 3
    assert not metrics.REGISTRY["kindness"].compute(NOV, unit).available  # fake has no kindness()


def test_half_year_periods():
    assert evaluation.period_of(date(2026, 11, 3)) == Period(date(2026, 7, 1), date(2026, 12, 31))
    assert evaluation.period_of(date(2026, 2, 3)) == Period(date(2026, 1, 1), date(2026, 6, 30))
    assert evaluation.period_of(date(2026, 5, 3), months=3) == Period(date(2026, 4, 1), date(2026, 6, 30))
    assert evaluation.recent_periods(2, date(2026, 3, 1))[1] == Period(date(2025, 7, 1), date(2025, 12, 31))


def test_pages_and_exports(november, city, client, no_sources):
    client.force_login(city.admin)
    period = "2026-11-01_2026-11-30"
    page = client.get(f"/insight/evaluation/?period={period}")
    assert page.status_code == 200
    assert "도로과" in page.content.decode()
    explain = client.get(f"/insight/evaluation/department/{city.roads.pk}/?period={period}")
    assert november.c2.tracking_no in explain.content.decode()
    xlsx = client.get(f"/insight/evaluation.xlsx?period={period}")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    from io import BytesIO

    from openpyxl import load_workbook

    wb = load_workbook(BytesIO(xlsx.content))
    how = wb["산출 근거"]
    assert any(november.c1.tracking_no in str(row[6].value or "") for row in how.iter_rows(min_row=2))
    # A department head sees their own department only; an officer not at all.
    client.force_login(city.head)
    assert client.get(f"/insight/evaluation/department/{city.parks.pk}/?period={period}").status_code == 403
    client.force_login(city.officer)
    assert client.get("/insight/evaluation/").status_code == 403


def test_weights_page_keeps_bad_input(city, client):
    client.force_login(city.admin)
    resp = client.post("/insight/evaluation/weights/", {"on_time": "많이", "reopen": "7"})
    assert resp.status_code == 400
    html = resp.content.decode()
    assert "가중치는 숫자로 입력해 주십시오." in html and 'value="많이"' in html
