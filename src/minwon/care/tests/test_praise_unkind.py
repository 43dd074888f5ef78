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


# --- praise and unkindness that arrived as a 민원 on another channel -----------------------------


@pytest.fixture
def praise_by_phone(city):
    """A 칭찬 민원 taken by the call centre, naming the officer in the category's extra question."""
    cat = f.create_category(code="praise", name="칭찬", department=city.desk_team, kind="other")
    return f.create_complaint(
        category=cat,
        channel="call",
        actor=city.agent,
        title="도로과 직원 칭찬",
        body="최도로 주무관님이 밤늦게까지 가로등 수리를 챙겨 주셨습니다.",
        name="홍길동",
        extra_answers={"employee": "최도로 주무관"},
    )


@pytest.fixture
def unkind_by_post(city):
    cat = f.create_category(code="unkind", name="불친절 신고", department=city.desk_team, is_sensitive=True)
    return f.create_complaint(
        category=cat,
        channel="post",
        actor=city.desk,
        title="전화 응대 불친절",
        body="담당자가 말을 끊고 전화를 끊었습니다.",
        name="이영희",
        phone="010-4444-5555",
        extra_answers={"employee": "도로과 최도로"},
    )


def test_praise_by_phone_waits_on_the_worklist_and_reaches_employee_and_head(city, client, praise_by_phone):
    client.force_login(city.desk)
    listing = client.get(reverse("care:to_forward")).content.decode()
    assert praise_by_phone.tracking_no in listing and "홍*동" in listing and "홍길동" not in listing
    page = client.get(reverse("care:forward", args=[praise_by_phone.pk])).content.decode()
    assert f'<option value="{city.officer.pk}" selected' in page  # named in the 민원: preselected
    response = client.post(
        reverse("care:forward", args=[praise_by_phone.pk]),
        {"employee": city.officer.pk, "body": "밤늦게까지 가로등 수리를 챙겨 주셨습니다."},
    )
    assert response.status_code == 302
    praise = Praise.objects.get()
    assert (
        praise.complaint == praise_by_phone and praise.channel == "call" and praise.employee == city.officer
    )
    assert praise.praiser_name == "홍길동" and praise.filed_by == city.desk
    alerted = set(StaffAlert.objects.filter(kind="care_praise").values_list("recipient__username", flat=True))
    assert alerted == {"officer", "head"}
    assert praise_by_phone.tracking_no not in client.get(reverse("care:to_forward")).content.decode()
    again = client.post(
        reverse("care:forward", args=[praise_by_phone.pk]), {"employee": city.officer.pk, "body": "x"}
    )
    assert again.status_code == 200 and "이미 그 직원" in again.content.decode()
    assert Praise.objects.count() == 1
    # It counts where every praise counts: the employee's page and the evaluation reads.
    now = timezone.now()
    assert queries.praise_counts_by_employee(now - timedelta(hours=1), now + timedelta(hours=1)) == {
        city.officer.pk: 1
    }


def test_unkind_by_post_goes_to_the_care_officer_only(city, client, unkind_by_post):
    client.force_login(city.care)
    client.post(
        reverse("care:forward", args=[unkind_by_post.pk]),
        {"employee": city.officer.pk, "named_text": "", "body": unkind_by_post.body},
    )
    report = UnkindReport.objects.get()
    assert report.complaint == unkind_by_post and report.channel == "post" and report.employee == city.officer
    assert report.reporter_phone == "010-4444-5555" and report.named_text == "도로과 최도로"
    assert list(
        StaffAlert.objects.filter(kind="care_unkind").values_list("recipient__username", flat=True)
    ) == ["care"]
    assert not StaffAlert.objects.filter(recipient__in=[city.officer, city.head]).exists()
    assert client.get(reverse("care:report", args=[report.pk])).status_code == 200
    client.force_login(city.officer)
    assert client.get(reverse("care:report", args=[report.pk])).status_code in (403, 404)
    with pytest.raises(Exception, match="이미 불친절 신고로"):
        services.forward_unkind(city.care, unkind_by_post, employee=city.officer)


@pytest.mark.parametrize("persona", ["other_officer", "auditor", "minji"])
def test_forwarding_is_for_staff_who_may_act_on_the_complaint(city, client, praise_by_phone, persona):
    client.force_login(getattr(city, persona))
    page = client.get(reverse("care:forward", args=[praise_by_phone.pk]))
    assert page.status_code in (403, 404)
    with pytest.raises(PermissionDenied):
        services.forward_praise(getattr(city, persona), praise_by_phone, employee=city.officer)
    assert not Praise.objects.exists()


def test_an_ordinary_complaint_is_not_forwardable(city, client):
    c = f.create_complaint(category=city.streetlight)
    client.force_login(city.desk)
    assert client.get(reverse("care:forward", args=[c.pk])).status_code == 404


def test_a_department_named_in_the_complaint_is_preselected(city, client):
    cat = f.create_category(code="praise", name="칭찬", department=city.desk_team, kind="other")
    c = f.create_complaint(
        category=cat,
        channel="visit",
        actor=city.desk,
        body="창구에서 친절했습니다.",
        extra_answers={"employee": "민원봉사과 창구"},
    )
    client.force_login(city.desk)
    # The staff 민원 page leads to the forwarding page; an ordinary 민원's page does not.
    forward = reverse("care:forward", args=[c.pk])
    assert forward in client.get(reverse("staff:complaint", args=[c.pk])).content.decode()
    other = f.create_complaint(category=city.streetlight)
    assert (
        "care/from-complaints/"
        not in client.get(reverse("staff:complaint", args=[other.pk])).content.decode()
    )
    page = client.get(forward).content.decode()
    assert f'<option value="{city.desk_team.pk}" selected' in page  # the desk can be praised too
    client.post(reverse("care:forward", args=[c.pk]), {"department": city.desk_team.pk, "body": c.body})
    praise = Praise.objects.get()
    assert praise.department == city.desk_team and praise.employee is None and praise.channel == "desk"
