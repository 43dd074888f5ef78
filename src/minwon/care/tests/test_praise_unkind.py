"""칭찬민원 reaches the employee and their head; 불친절 신고 reaches the care officer and nobody else."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from minwon.accounts.models import Role
from minwon.care import queries, services
from minwon.care.models import Praise, UnkindReport
from minwon.notify.models import StaffAlert
from minwon.testing import factories as f


def test_citizen_praises_a_named_employee_without_login(city, client):
    response = client.post(
        reverse("care:praise"),
        {"employee": city.officer.pk, "body": "가로등을 하루 만에 고쳐 주셨어요.", "praiser_name": "홍길동"},
    )
    assert response.status_code == 302
    praise = Praise.objects.get()
    assert praise.employee == city.officer and praise.department == city.roads and praise.channel == "web"
    alerted = set(StaffAlert.objects.filter(kind="care_praise").values_list("recipient__username", flat=True))
    assert alerted == {"officer", "head"}  # the employee and their head, nobody else


def test_praise_shows_on_the_employee_page_masked_and_counts(city, client):
    services.file_praise(None, employee=city.officer, body="정말 친절했습니다", praiser_name="홍길동")
    services.file_praise(None, department=city.roads, body="도로과 최고")
    client.force_login(city.other_officer)  # any colleague may see praise
    html = client.get(reverse("care:person", args=[city.officer.pk])).content.decode()
    assert "정말 친절했습니다" in html and "홍*동" in html and "홍길동" not in html
    now = timezone.now()
    span = (now - timedelta(hours=1), now + timedelta(hours=1))
    assert queries.praise_counts_by_employee(*span) == {city.officer.pk: 1}
    assert queries.praise_counts_by_department(*span) == {city.roads.pk: 2}


def test_head_and_employee_see_the_praise_notice_on_their_page(city, client):
    services.file_praise(None, employee=city.officer, body="감사합니다")
    for who in (city.officer, city.head):
        client.force_login(who)
        html = client.get(reverse("care:me"), follow=True).content.decode()
        assert "칭찬 민원이 도착했습니다: 최도로" in html


def test_department_only_praise_goes_to_the_head(city):
    services.file_praise(None, department=city.roads, body="감사합니다")
    assert list(StaffAlert.objects.values_list("recipient__username", flat=True)) == ["head"]


def test_desk_records_praise_on_behalf_of_a_caller(city, client):
    client.force_login(city.agent)
    page = client.get(reverse("care:praise")).content.decode()
    assert 'name="channel"' in page
    client.post(
        reverse("care:praise"), {"employee": city.officer.pk, "body": "전화로 칭찬", "channel": "call"}
    )
    praise = Praise.objects.get()
    assert praise.channel == "call" and praise.filed_by == city.agent


def test_anonymous_cannot_claim_a_staff_channel(city):
    with pytest.raises(PermissionDenied):
        services.file_praise(None, employee=city.officer, body="x", channel="desk")


def test_praise_needs_a_target_and_keeps_the_text(city, client):
    response = client.post(reverse("care:praise"), {"body": "누군지 몰라요"})
    html = response.content.decode()
    assert (
        response.status_code == 200
        and "칭찬할 직원이나 부서를 골라 주십시오" in html
        and "누군지 몰라요" in html
    )


@pytest.fixture
def report(city):
    return services.file_unkind_report(
        None,
        employee=city.officer,
        body="반말로 응대했습니다",
        reporter_name="홍길동",
        reporter_phone="010-1111-2222",
    )


def test_unkind_report_alerts_care_only_without_names(city, report):
    alerts = StaffAlert.objects.filter(kind="care_unkind")
    assert list(alerts.values_list("recipient__username", flat=True)) == ["care"]
    assert "최도로" not in alerts.get().title and "홍길동" not in alerts.get().title
    assert not StaffAlert.objects.filter(recipient__in=[city.officer, city.head]).exists()


@pytest.mark.parametrize("persona", ["officer", "head", "desk", "auditor", "admin", "other_officer", "agent"])
def test_only_the_care_officer_sees_an_unkind_report(city, client, report, persona):
    client.force_login(getattr(city, persona))
    assert client.get(reverse("care:report", args=[report.pk])).status_code in (403, 404)
    assert "반말로" not in client.get(reverse("care:reports")).content.decode()
    assert "반말로" not in client.get(reverse("care:me"), follow=True).content.decode()


def test_care_officer_named_in_a_report_cannot_see_it(city, client):
    other_care = f.create_user(username="care2", roles=[Role.CARE], display_name="보호2")
    r = services.file_unkind_report(None, employee=city.care, body="불친절")
    client.force_login(city.care)
    assert client.get(reverse("care:report", args=[r.pk])).status_code == 404
    assert list(StaffAlert.objects.filter(kind="care_unkind").values_list("recipient", flat=True)) == [
        other_care.pk
    ]


def test_care_officer_records_the_outcome(city, client, report):
    client.force_login(city.care)
    page = client.get(reverse("care:report", args=[report.pk])).content.decode()
    assert "반말로 응대했습니다" in page
    bad = client.post(reverse("care:report", args=[report.pk]), {"outcome": "", "note": "면담함"})
    assert bad.status_code == 200 and "면담함" in bad.content.decode()
    client.post(reverse("care:report", args=[report.pk]), {"outcome": "guidance", "note": "친절 교육 실시"})
    report.refresh_from_db()
    assert report.status == "closed" and report.outcome == "guidance" and report.handled_by == city.care


def test_public_unkind_form_files_privately(city, client):
    response = client.post(
        reverse("care:unkind_new"), {"employee": city.officer.pk, "body": "무시당했습니다"}
    )
    assert response.status_code == 302
    assert UnkindReport.objects.get().employee == city.officer
