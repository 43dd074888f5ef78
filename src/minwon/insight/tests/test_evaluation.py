"""Evaluation scores against the hand-computed November (fixtures `november`, `surveyed`), with
real care rows, staff protection (업무 분리 and 휴식) and department merges and renames.

Default weights: on_time 30, processing_time 20, reopen 10, repeat 5, satisfaction 10,
kindness 10, quality 5, praise 5, field 5, proactive 10. 도로과 has two people (officer, head).
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from minwon.insight import evaluation, metrics, services
from minwon.insight.metrics import Period

from .conftest import at

NOV = Period(date(2026, 11, 1), date(2026, 11, 30))


@pytest.fixture
def no_sources(monkeypatch):
    monkeypatch.setitem(metrics.SOURCES, "care", lambda: None)
    monkeypatch.setitem(metrics.SOURCES, "field", lambda: None)


def roads_unit(city):
    return evaluation.unit_for("department", city.roads.pk)


def officer_unit(city):
    return evaluation.unit_for("employee", city.officer.pk)


def lines(unit, period=NOV):
    result = evaluation.evaluate(unit, period)
    return result, {ln.key: ln.value for ln in result.lines}


def test_complaint_metrics_without_care_and_field(november, city, no_sources):
    result, v = lines(roads_unit(city))
    # c1, c2, c5 answered (c5 via the merged team); c1 and c5 on time.
    assert v["on_time"].value == pytest.approx(2 / 3)
    assert set(v["on_time"].complaint_ids) == {november.c1.pk, november.c2.pk, november.c5.pk}
    # 8 days used of 17⅓ allowed → ratio 0.4615 → 150 − 46.15 capped at 100
    assert v["processing_time"].value == pytest.approx(8 / (17 + 1 / 3))
    assert v["processing_time"].score == 100
    assert v["reopen"].score == pytest.approx(100 * 2 / 3)
    assert v["repeat"].score == 100
    assert not v["satisfaction"].available  # no care app: left out of the total
    assert v["proactive"].score is None  # no rated key task, no training
    expected = (30 * 200 / 3 + 20 * 100 + 10 * 200 / 3 + 5 * 100) / 65
    assert result.total == pytest.approx(expected)
    assert "÷ 65" in result.formula


def test_department_with_care_figures(surveyed, city):
    result, v = lines(roads_unit(city))
    assert v["satisfaction"].value == pytest.approx(2 / 3)  # c1, c5 resolved of c1, c2, c5
    assert v["kindness"].value == pytest.approx(10 / 3)  # (5 + 2 + 3) ÷ 3
    assert v["kindness"].score == pytest.approx((10 / 3 - 1) / 4 * 100)
    assert v["quality"].value == pytest.approx(80)  # (100 + 60 + 80) ÷ 3
    assert set(v["quality"].complaint_ids) == {surveyed.c1.pk, surveyed.c2.pk, surveyed.c5.pk}
    assert v["praise"].value == 1 and v["praise"].score == pytest.approx(10)  # 20 × 1 ÷ 2 people
    assert v["field"].value == 0 and v["field"].score == 0  # nobody filed a field report
    total = (
        30 * 200 / 3 + 20 * 100 + 10 * 200 / 3 + 5 * 100 + 10 * 200 / 3 + 10 * 175 / 3 + 5 * 80 + 5 * 10
    ) / 100
    assert result.total == pytest.approx(total)  # 68.67


def test_employee_with_care_figures(surveyed, city):
    result, v = lines(officer_unit(city))
    assert v["on_time"].value == pytest.approx(0.5)  # c1 on time, c2 late
    assert v["processing_time"].value == pytest.approx(21 / 31)  # 7 days of 10⅓
    assert v["satisfaction"].value == pytest.approx(0.5)
    assert v["kindness"].value == pytest.approx(3.5)
    assert v["quality"].value == pytest.approx(80)
    assert v["praise"].value == 1 and v["praise"].score == 20  # December's praise is outside
    processing = 150 - 100 * 21 / 31
    total = (30 * 50 + 20 * processing + 10 * 50 + 5 * 100 + 10 * 50 + 10 * 62.5 + 5 * 80 + 5 * 20) / 100
    assert result.total == pytest.approx(total)  # 57.70


def _incident(city, complaint):
    from minwon.care import incidents

    return incidents.file_incident(
        city.officer,
        kind="verbal",
        context="complaint",
        narrative="욕설을 계속했습니다.",
        complaint=complaint,
    )


def test_exemption_leaves_the_complaint_out_of_every_metric(surveyed, city):
    """The officer is separated from c2's applicant (care.incidents.separate_employee)."""
    from minwon.care import incidents

    incidents.separate_employee(city.care, _incident(city, surveyed.c2), days=30)
    result, v = lines(officer_unit(city))
    for key in ("on_time", "processing_time", "reopen", "satisfaction", "kindness", "quality"):
        assert v[key].excluded_ids == [surveyed.c2.pk], key
        assert v[key].score == 100, key  # only c1 is left: on time, quick, resolved, kind, 100 points
    assert result.total == pytest.approx((90 * 100 + 5 * 20) / 100)  # 91.0 (was 57.70)

    result, v = lines(roads_unit(city))  # the department does not carry it either
    assert v["on_time"].value == 1.0 and v["on_time"].excluded_ids == [surveyed.c2.pk]
    assert v["kindness"].value == pytest.approx(4)  # (5 + 3) ÷ 2
    assert v["quality"].value == pytest.approx(90)  # (100 + 80) ÷ 2
    assert result.total == pytest.approx(
        (30 * 100 + 20 * 100 + 10 * 100 + 5 * 100 + 10 * 100 + 10 * 75 + 5 * 90 + 5 * 10) / 100
    )  # 87.5


def test_rest_time_is_not_counted_against_the_employee(surveyed, city):
    """48 h of rest (3 Nov 09:00 – 5 Nov 09:00) while c1 and c2 were open.

    c2: received 2 Nov 11:00, due 5 Nov 11:00, answered 7 Nov 11:00 → 48 h of rest inside →
    answered 5 Nov 11:00 in the employee's own time: on time. c1 (2 Nov 10:00 – 4 Nov 10:00)
    has 25 h of rest inside. Time used: 168 h − 73 h = 95 h of 248 h allowed.
    """
    from minwon.care import incidents

    incidents.grant_rest(city.care, _incident(city, surveyed.c2), starts_at=at(3, 9), ends_at=at(5, 9))
    _result, v = lines(officer_unit(city))
    assert v["on_time"].value == 1.0  # was 0.5
    assert "휴식 시간을 빼면 기한 내인 1건" in v["on_time"].how
    assert {e.complaint_id for e in v["on_time"].rows} == {surveyed.c1.pk, surveyed.c2.pk}
    assert v["processing_time"].value == pytest.approx(95 / 248)
    _result, v = lines(roads_unit(city))
    assert v["on_time"].value == 1.0  # c1, c2 (rest), c5
    assert v["processing_time"].value == pytest.approx((192 - 73) / 416)
    # Someone else's rest changes nothing for the officer.
    _result, v = lines(evaluation.unit_for("employee", city.other_officer.pk))
    assert v["on_time"].value == 1.0 and not v["on_time"].rows


def test_merged_and_renamed_departments(surveyed, city):
    from minwon.org import services as org

    org.rename_department(actor=city.admin, department=city.roads, name="도로관리과")
    units = {u.pk: u for u in evaluation.department_units()}
    assert surveyed.team.pk not in units  # dissolved: evaluated as part of its successor
    roads = units[city.roads.pk]
    assert roads.label == "도로관리과" and set(roads.department_ids) == {city.roads.pk, surveyed.team.pk}
    _result, v = lines(roads)
    assert surveyed.c5.pk in v["on_time"].complaint_ids  # the team's 민원
    assert surveyed.c5.pk in v["satisfaction"].complaint_ids  # answered while in the team
    assert surveyed.c5.pk in v["quality"].complaint_ids


def test_field_participation_from_field_queries(city):
    """Real field reports (field.services.file_report) in September; 도로보수팀 merges into 도로과."""
    import uuid

    from minwon.accounts.models import Role
    from minwon.complaints import services as complaints
    from minwon.field import services as field
    from minwon.field.models import FieldCategory
    from minwon.org import services as org
    from minwon.testing import factories as f

    team = f.create_department(code="RTEAM", name="도로보수팀")
    staff = f.create_user(username="st", roles=[Role.STAFF], department=team, display_name="오보수")
    button = FieldCategory.objects.create(label="도로", category=city.streetlight, sort_order=1)
    filed = [
        field.file_report(
            reporter,
            client_id=uuid.uuid4(),
            field_category=button,
            text="보도 파손",
            received_at=at(day, 10, 9),
        ).report.complaint
        for reporter, day in ((city.officer, 1), (city.officer, 2), (staff, 3))
    ]
    complaints.start_processing(city.officer, filed[0])
    complaints.answer_complaint(city.officer, filed[0], answer="보수했습니다.")
    org.merge_departments(actor=city.admin, departments=[team], into=city.roads)
    sep = Period(date(2026, 9, 1), date(2026, 9, 30))
    v = metrics.REGISTRY["field"].compute(sep, officer_unit(city))
    assert (v.value, v.score) == (2, pytest.approx(30))  # (2 filed + 1 resolved) ÷ 1 × 10
    assert set(v.complaint_ids) == {filed[0].pk, filed[1].pk}
    v = metrics.REGISTRY["field"].compute(sep, roads_unit(city))
    # 3 filed (the team's included) + 1 resolved, over 도로과's 2 people today → 20
    assert (v.value, v.score) == (3, pytest.approx(20))


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


def test_half_year_periods():
    assert evaluation.period_of(date(2026, 11, 3)) == Period(date(2026, 7, 1), date(2026, 12, 31))
    assert evaluation.period_of(date(2026, 2, 3)) == Period(date(2026, 1, 1), date(2026, 6, 30))
    assert evaluation.period_of(date(2026, 5, 3), months=3) == Period(date(2026, 4, 1), date(2026, 6, 30))
    assert evaluation.recent_periods(2, date(2026, 3, 1))[1] == Period(date(2025, 7, 1), date(2025, 12, 31))


def test_pages_and_exports(surveyed, city, client):
    from minwon.care import incidents

    incidents.separate_employee(city.care, _incident(city, surveyed.c2), days=30)
    client.force_login(city.admin)
    period = "2026-11-01_2026-11-30"
    page = client.get(f"/insight/evaluation/?period={period}")
    assert page.status_code == 200
    assert "도로과" in page.content.decode()
    explain = client.get(f"/insight/evaluation/department/{city.roads.pk}/?period={period}").content.decode()
    assert surveyed.c1.tracking_no in explain and "87.5" in explain
    assert "직원 보호로 제외된 민원" in explain and surveyed.c2.tracking_no in explain
    xlsx = client.get(f"/insight/evaluation.xlsx?period={period}")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    from io import BytesIO

    from openpyxl import load_workbook

    wb = load_workbook(BytesIO(xlsx.content))
    ranking = {row[1].value: row[2].value for row in wb["평가 결과"].iter_rows(min_row=4)}
    assert ranking["도로과"] == pytest.approx(87.5)
    how = list(wb["산출 근거"].iter_rows(min_row=2, values_only=True))
    on_time = next(r for r in how if r[0] == "도로과" and r[1] == "기한 내 처리율")
    assert surveyed.c1.tracking_no in on_time[6] and on_time[7] == surveyed.c2.tracking_no
    pdf = client.get(f"/insight/evaluation.pdf?period={period}")
    assert pdf.status_code == 200
    from .conftest import read_pdf

    text, fonts = read_pdf(pdf.content)
    assert "NanumGothic" in fonts
    assert "부서 평가" in text and "도로과" in text and "87.5" in text
    assert f"보호 제외 1건: {surveyed.c2.tracking_no}" in text.replace("\n", " ")
    assert "근거 민원 2건" in text  # 도로과's on-time rate: c1 and c5
    # A department head sees their own department only; an officer not at all.
    client.force_login(city.head)
    assert client.get(f"/insight/evaluation/department/{city.parks.pk}/?period={period}").status_code == 403
    client.force_login(city.officer)
    assert client.get("/insight/evaluation/").status_code == 403


def test_any_period_can_be_typed_in(surveyed, city, client):
    """Not only the half-years: November alone, with links and exports for the same period."""
    client.force_login(city.admin)
    html = client.get("/insight/evaluation/?start=2026-11-01&end=2026-11-30").content.decode()
    assert "<caption>2026-11-01 ~ 2026-11-30</caption>" in html
    assert '<option value="2026-11-01_2026-11-30" selected>' in html
    assert f"/insight/evaluation/department/{city.roads.pk}/?period=2026-11-01_2026-11-30" in html
    assert "kind=department&amp;period=2026-11-01_2026-11-30" in html  # XLSX and PDF
    roads = re.search(r"도로과</a></th>\s*<td><strong>([\d.]+)</strong>", html).group(1)
    assert float(roads) == pytest.approx(68.7, abs=0.05)  # test_department_with_care_figures
    bad = client.get("/insight/evaluation/?start=2026-11-30&end=2026-11-01")
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "시작일이 먼저 오게" in text and 'value="2026-11-30"' in text and 'value="2026-11-01"' in text


def test_weights_page_keeps_bad_input(city, client):
    client.force_login(city.admin)
    resp = client.post("/insight/evaluation/weights/", {"on_time": "많이", "reopen": "7"})
    assert resp.status_code == 400
    html = resp.content.decode()
    assert "가중치는 숫자로 입력해 주십시오." in html and 'value="많이"' in html


@pytest.mark.parametrize("kind", ["department", "employee"])
def test_ranking_reads_the_same_figures_as_one_unit(surveyed, city, kind):
    """The ranking reads the period's 민원 in one grouped query; each unit alone must agree."""
    from minwon.care import incidents

    incident = _incident(city, surveyed.c2)
    incidents.separate_employee(city.care, incident, days=30)
    incidents.grant_rest(city.care, incident, starts_at=at(3, 9), ends_at=at(4, 9))
    units = evaluation.department_units() if kind == "department" else evaluation.employee_units()
    ranked = {r.unit.pk: r for r in evaluation.evaluate_all(units, NOV)}
    assert len(ranked) == len(units) > 1
    for unit in units:
        alone = evaluation.evaluate(unit, NOV)
        assert ranked[unit.pk].total == (None if alone.total is None else pytest.approx(alone.total))
        for a, b in zip(ranked[unit.pk].lines, alone.lines, strict=True):
            assert (a.value.value, a.value.score, a.value.excluded_ids) == (
                b.value.value,
                b.value.score,
                b.value.excluded_ids,
            ), (unit.label, a.key)
