"""적극행정 key tasks: permissions, report schedule and alerts, 사전컨설팅, evaluation, rewards, scoring."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from minwon.insight.evaluation import unit_for
from minwon.insight.metrics import REGISTRY, Period
from minwon.notify.models import StaffAlert
from minwon.proactive import schedule, services
from minwon.proactive.models import KeyTask, ProactiveEvent, RewardType
from minwon.proactive.services import ProactiveError

KST = ZoneInfo("Asia/Seoul")


@pytest.fixture
def task(city):
    task = services.create_task(
        city.head,
        year=2026,
        title="포트홀 24시간 보수",
        goal="24시간 안에 임시 보수",
        owner_department=city.roads,
        main_officer=city.officer,
        supporting_officers=[city.head],
        starts_on=date(2026, 1, 1),
    )
    # Registered at the start of the year (reports due before registration are never late).
    KeyTask.objects.filter(pk=task.pk).update(created_at=datetime(2026, 1, 2, 9, tzinfo=KST))
    task.refresh_from_db()
    return task


@pytest.fixture
def rewards(db):
    return [RewardType.objects.create(name=n) for n in ("표창", "성과급", "인사 우대")]


def test_only_admin_or_owner_head_creates(city):
    with pytest.raises(PermissionDenied):
        services.create_task(
            city.officer,
            year=2026,
            title="x",
            goal="y",
            owner_department=city.roads,
            main_officer=city.officer,
        )
    with pytest.raises(PermissionDenied):  # head of roads, not of parks
        services.create_task(
            city.head, year=2026, title="x", goal="y", owner_department=city.parks, main_officer=city.officer
        )
    with pytest.raises(ProactiveError, match="과제명"):
        services.create_task(
            city.admin,
            year=2026,
            title=" ",
            goal="y",
            owner_department=city.parks,
            main_officer=city.other_officer,
        )


def test_monthly_periods_and_overdue_reports(task, city):
    assert len(schedule.periods(task)) == 12
    assert schedule.periods(task)[1] == (date(2026, 2, 1), date(2026, 2, 28))
    # On 6 March: January and February are late (due 5 Feb and 5 Mar); March is not yet due.
    assert schedule.overdue_periods(task, date(2026, 3, 6)) == [date(2026, 1, 1), date(2026, 2, 1)]
    services.submit_report(city.officer, task, period_start=date(2026, 1, 15), body="1월 실적", progress=10)
    assert schedule.overdue_periods(task, date(2026, 3, 6)) == [date(2026, 2, 1)]
    with pytest.raises(ProactiveError, match="이미 제출"):
        services.submit_report(city.head, task, period_start=date(2026, 1, 1), body="다시", progress=10)
    with pytest.raises(PermissionDenied):
        services.submit_report(
            city.other_officer, task, period_start=date(2026, 2, 1), body="남의 과제", progress=10
        )


def test_reports_due_before_the_task_was_registered_are_not_late(task, city):
    """Entered on 20 May for the whole year: January–March were due before (5 Feb, 5 Mar, 5 Apr,
    and April's on 5 May); May's report is the first that can be late."""
    KeyTask.objects.filter(pk=task.pk).update(created_at=datetime(2026, 5, 20, 9, tzinfo=KST))
    task.refresh_from_db()
    assert schedule.overdue_periods(task, date(2026, 6, 1)) == []
    assert schedule.overdue_periods(task, date(2026, 6, 6)) == [date(2026, 5, 1)]
    assert schedule.overdue_report_alerts(datetime(2026, 6, 6, 9, tzinfo=KST)) == 3  # May only


def test_report_with_attachment(task, city, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    f = SimpleUploadedFile("실적.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    report = services.submit_report(
        city.officer, task, period_start=date(2026, 2, 1), body="2월", progress=20, files=[f]
    )
    assert report.attachments.get().original_name == "실적.pdf"
    assert ProactiveEvent.objects.filter(task=task, verb="report_submitted").exists()


def test_overdue_alerts_owner_head_and_auditor_once(task, city):
    now = datetime(2026, 3, 6, 9, tzinfo=KST)
    assert schedule.overdue_report_alerts(now) == 2 * 3  # Jan and Feb × (officer, head, auditor)
    recipients = set(StaffAlert.objects.values_list("recipient__username", flat=True))
    assert recipients == {"officer", "head", "auditor"}
    assert schedule.overdue_report_alerts(now) == 0  # idempotent per period and person
    logged = ProactiveEvent.objects.filter(task=task, verb="report_overdue_alerted")
    assert sorted(e.data["period"] for e in logged) == ["2026-01", "2026-02"]


def test_overdue_alerts_are_also_e_mailed_through_the_outbox(task, city):
    """Those with an address also get the alert by e-mail: a queued outbox row the worker sends."""
    from minwon.notify.choices import Audience, Channel
    from minwon.notify.models import Message

    city.auditor.email = "audit@city.example"
    city.auditor.save(update_fields=["email"])
    schedule.overdue_report_alerts(datetime(2026, 2, 6, 9, tzinfo=KST))  # January is late
    mail = Message.objects.get()
    assert (mail.audience, mail.channel, mail.recipient, mail.status) == (
        Audience.STAFF,
        Channel.EMAIL,
        "audit@city.example",
        "queued",
    )
    assert "포트홀 24시간 보수" in mail.subject and "2026년 01월" in mail.subject
    schedule.overdue_report_alerts(datetime(2026, 2, 7, 9, tzinfo=KST))
    assert Message.objects.count() == 1  # once per report and person


def test_overdue_alert_e_mail_can_be_switched_off(task, city, settings):
    from minwon.notify.models import Message

    settings.MINWON_STAFF_ALERT_EMAIL = False
    city.auditor.email = "audit@city.example"
    city.auditor.save(update_fields=["email"])
    assert schedule.overdue_report_alerts(datetime(2026, 2, 6, 9, tzinfo=KST)) == 3
    assert not Message.objects.exists()


def test_attachment_download_and_year_results_page(task, city, rewards, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    f = SimpleUploadedFile("실적 보고.pdf", b"%PDF-1.4 report", content_type="application/pdf")
    report = services.submit_report(
        city.officer, task, period_start=date(2026, 2, 1), body="2월", progress=20, files=[f]
    )
    att = report.attachments.get()
    client.force_login(city.auditor)
    page = client.get(f"/proactive/tasks/{task.pk}/").content.decode()
    assert f'href="/proactive/attachments/{att.pk}/"' in page
    resp = client.get(f"/proactive/attachments/{att.pk}/")
    assert resp.status_code == 200 and b"".join(resp.streaming_content) == b"%PDF-1.4 report"
    assert "attachment" in resp["Content-Disposition"]
    client.force_login(city.minji)  # a citizen
    assert client.get(f"/proactive/attachments/{att.pk}/").status_code in (302, 403)

    services.evaluate_task(city.admin, task, rating="C", exemplary_failure=True, comment="과정이 창의적")
    services.select_excellent(city.admin, task, user=city.officer, rewards=rewards[:2])
    client.force_login(city.admin)
    detail = client.get(f"/proactive/tasks/{task.pk}/").content.decode()
    assert '<option value="C" selected>' in detail  # the form opens on the recorded rating
    year = client.get("/proactive/?year=2026").content.decode()
    assert "최도로" in year and "성과급, 표창" in year and "(주 담당자)" in year
    exemplary = year.split('data-testid="year-exemplary"')[1].split("</ul>")[0]
    assert "포트홀 24시간 보수" in exemplary and "과정이 창의적" in exemplary


def test_consultation_answered_by_auditor_only(task, city):
    c = services.request_consultation(city.officer, task, question="수의계약 한도 초과 가능한지")
    with pytest.raises(PermissionDenied):
        services.request_consultation(city.other_officer, task, question="?")
    with pytest.raises(PermissionDenied):
        services.answer_consultation(city.admin, c, opinion="appropriate", answer="가능")
    c = services.answer_consultation(
        city.auditor, c, opinion="appropriate", answer="긴급 안전조치 예외에 해당"
    )
    assert c.protects
    with pytest.raises(ProactiveError, match="이미 회신"):
        services.answer_consultation(city.auditor, c, opinion="appropriate", answer="again")


def test_excellent_officials_reward_limits(task, city, rewards):
    services.evaluate_task(city.admin, task, rating="A", comment="우수")
    with pytest.raises(ProactiveError, match="1개까지"):
        services.select_excellent(city.admin, task, user=city.head, rewards=rewards[:2])  # supporting: one
    services.select_excellent(city.admin, task, user=city.officer, rewards=rewards[:2])  # main: two
    with pytest.raises(ProactiveError, match="2개까지"):
        services.select_excellent(city.admin, task, user=city.officer, rewards=rewards)
    with pytest.raises(ProactiveError, match="담당자 중에서"):
        services.select_excellent(city.admin, task, user=city.other_officer, rewards=rewards[:1])
    with pytest.raises(ProactiveError, match="이유"):
        services.evaluate_task(city.admin, task, rating="C", exemplary_failure=True)


def test_selected_official_chooses_their_rewards(task, city, rewards, client):
    """The admin selects; the official may then pick the reward types they prefer, within the
    same limit (main officer two, others one). Nobody else may choose for them."""
    services.evaluate_task(city.admin, task, rating="S")
    sel = services.select_excellent(city.admin, task, user=city.officer, rewards=rewards[:1])
    with pytest.raises(PermissionDenied):
        services.choose_rewards(city.head, sel, rewards=rewards[1:2])
    client.force_login(city.officer)
    page = client.get(f"/proactive/tasks/{task.pk}/").content.decode()
    assert "내 포상 고르기" in page
    resp = client.post(
        f"/proactive/tasks/{task.pk}/act/choose/",
        {"choose-rewards": [r.pk for r in rewards]},  # three: one too many
    )
    assert resp.status_code == 400 and "2개까지" in resp.content.decode()
    assert [r.name for r in sel.rewards.all()] == ["표창"]  # unchanged
    resp = client.post(
        f"/proactive/tasks/{task.pk}/act/choose/", {"choose-rewards": [rewards[1].pk, rewards[2].pk]}
    )
    assert resp.status_code == 302
    assert sorted(r.name for r in sel.rewards.all()) == ["성과급", "인사 우대"]
    logged = ProactiveEvent.objects.get(task=task, verb="rewards_chosen")
    assert logged.data["before"] == ["표창"] and logged.data["after"] == ["성과급", "인사 우대"]
    # A supporting officer selected too chooses one.
    sel_head = services.select_excellent(city.admin, task, user=city.head, rewards=rewards[:1])
    with pytest.raises(ProactiveError, match="1개까지"):
        services.choose_rewards(city.head, sel_head, rewards=rewards[1:3])
    # Someone not selected sees no such form and cannot post one.
    client.force_login(city.other_officer)
    assert "내 포상 고르기" not in client.get(f"/proactive/tasks/{task.pk}/").content.decode()
    resp = client.post(f"/proactive/tasks/{task.pk}/act/choose/", {"choose-rewards": [rewards[0].pk]})
    assert resp.status_code == 403


YEAR_2026 = Period(date(2026, 1, 1), date(2026, 12, 31))


def _score(kind, pk, period=YEAR_2026):
    return REGISTRY["proactive"].compute(period, unit_for(kind, pk))


def test_scoring_with_training_protection_and_exemplary_failure(task, city):
    services.evaluate_task(city.admin, task, rating="A")
    services.record_training(
        city.admin, user=city.officer, title="적극행정 교육", completed_on=date(2026, 4, 1), hours=2
    )
    dept = _score("department", city.roads.pk)
    # roads has officer + head: training 1 of 2 → 85 × 0.8 + 50 × 0.2
    assert dept.score == pytest.approx(85 * 0.8 + 50 * 0.2)
    # A C rating counts against the officer — unless a 사전컨설팅 answer protects them.
    services.evaluate_task(city.admin, task, rating="C")
    assert _score("employee", city.officer.pk).score == pytest.approx(50 * 0.8 + 100 * 0.2)
    c = services.request_consultation(city.officer, task, question="법적 위험?")
    services.answer_consultation(city.auditor, c, opinion="conditional", answer="조건부 가능")
    protected = _score("employee", city.officer.pk)
    assert protected.score == pytest.approx(70 * 0.8 + 100 * 0.2)  # C counted as B
    assert any("B로 봄" in e.label and "사전컨설팅" in e.label for e in protected.rows)
    # The head had no consultation: still counted, unless it is a recognised exemplary failure.
    assert _score("employee", city.head.pk).score == pytest.approx(50 * 0.8)  # no training
    services.evaluate_task(city.admin, task, rating="C", exemplary_failure=True, comment="과정이 창의적")
    assert _score("employee", city.head.pk).score == pytest.approx(70 * 0.8)
    assert any("모범적 실패" in e.label for e in _score("employee", city.head.pk).rows)
    assert {e.href for e in protected.rows if "B로 봄" in e.label} == {f"/proactive/tasks/{task.pk}/"}


def test_inappropriate_opinion_does_not_protect(task, city):
    services.evaluate_task(city.admin, task, rating="D")
    c = services.request_consultation(city.officer, task, question="법적 위험?")
    assert _score("employee", city.officer.pk).score == pytest.approx(30 * 0.8)  # not yet answered
    services.answer_consultation(city.auditor, c, opinion="inappropriate", answer="추진하면 안 됩니다")
    assert _score("employee", city.officer.pk).score == pytest.approx(30 * 0.8)


def test_pre_consultation_changes_the_evaluation_outcome(task, city):
    """The whole evaluation, not just the metric: a D-rated task, the officer consulted the audit
    office and the head did not. Before the answer the two tie; after it the officer ranks first.

    Neither has 민원, praise or training in 2026, so the scored lines are 칭찬 0 (×5),
    행정종합관찰 0 (×5) and 적극행정 (×10): total = 10 × 적극행정 ÷ 20.
    """
    from minwon.insight import evaluation

    services.evaluate_task(city.admin, task, rating="D")
    units = evaluation.employee_units([city.roads.pk])
    before = {r.unit.pk: r.total for r in evaluation.evaluate_all(units, YEAR_2026)}
    assert before[city.officer.pk] == before[city.head.pk] == pytest.approx(10 * 30 * 0.8 / 20)  # 12.0
    c = services.request_consultation(city.officer, task, question="수의계약으로 긴급 보수해도 됩니까?")
    services.answer_consultation(city.auditor, c, opinion="appropriate", answer="긴급 안전조치로 가능")
    after = evaluation.evaluate_all(units, YEAR_2026)
    assert after[0].unit.pk == city.officer.pk
    totals = {r.unit.pk: r.total for r in after}
    assert totals[city.officer.pk] == pytest.approx(10 * 70 * 0.8 / 20)  # 28.0
    assert totals[city.head.pk] == pytest.approx(12.0)  # the head is not protected by it
