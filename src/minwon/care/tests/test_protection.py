"""특이민원: filing, who may see it (per persona, every view logged), and the care officer's measures."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from minwon.care import incidents, queries
from minwon.care.errors import CareError
from minwon.care.models import Exemption, Incident, IncidentView
from minwon.complaints import services
from minwon.complaints.errors import ComplaintError
from minwon.notify.models import StaffAlert
from minwon.testing import factories as f

from .conftest import in_progress


@pytest.fixture
def complaint(city):
    c = in_progress(city)
    assert c.handler == city.officer
    return c


@pytest.fixture
def incident(city, complaint, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return incidents.file_incident(
        city.officer,
        kind="verbal",
        context="complaint",
        complaint=complaint,
        narrative="전화로 30분간 욕설을 했습니다.",
        wants_police=True,
        evidence=[incidents.Evidence("call.mp3", b"ID3fake-audio", "audio/mpeg")],
    )


def test_officer_files_through_the_page_with_evidence(city, complaint, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(city.officer)
    response = client.post(
        reverse("care:incident_new"),
        {
            "kind": "threat",
            "context": "complaint",
            "tracking_no": complaint.tracking_no,
            "occurred_at": "2026-11-23T10:30",
            "narrative": "찾아가겠다고 협박했습니다.",
            "evidence": SimpleUploadedFile("photo.jpg", b"\xff\xd8fakejpeg", content_type="image/jpeg"),
        },
    )
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert incident.employee == city.officer and incident.complaint == complaint
    assert incident.applicant == city.minji and incident.applicant_phone == "01012345678"
    item = incident.evidence.get()
    assert item.file.name.startswith("private/care/incidents/")
    alerted = list(
        StaffAlert.objects.filter(kind="care_incident").values_list("recipient__username", flat=True)
    )
    assert alerted == ["care"]


def test_filing_errors_are_korean_and_keep_the_text(city, client):
    client.force_login(city.officer)
    response = client.post(
        reverse("care:incident_new"),
        {
            "kind": "verbal",
            "context": "complaint",
            "tracking_no": "2026-9999999",
            "occurred_at": "2026-11-23T10:30",
            "narrative": "욕설",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and "2026-9999999인 민원이 없습니다" in html and "욕설" in html
    assert not Incident.objects.exists()


def test_wrong_evidence_type_is_refused(city):
    with pytest.raises(CareError):
        incidents.file_incident(
            city.officer,
            kind="other",
            context="visit",
            narrative="x",
            evidence=[incidents.Evidence("a.exe", b"MZ", "application/x-msdownload")],
        )


# --- who may see an incident -----------------------------------------------------------------

ALLOWED = ["officer", "care", "auditor"]  # the employee (who filed), the care officer, oversight
REFUSED = ["head", "other_officer", "desk", "admin", "agent", "minji"]


@pytest.mark.parametrize("persona", ALLOWED)
def test_allowed_personas_see_the_incident_and_each_view_is_logged(city, client, incident, persona):
    user = getattr(city, persona)
    client.force_login(user)
    for _ in range(2):
        assert client.get(reverse("care:incident", args=[incident.pk])).status_code == 200
    assert IncidentView.objects.filter(incident=incident, user=user, what="detail").count() == 2
    ev = incident.evidence.get()
    download = client.get(reverse("care:evidence", args=[incident.pk, ev.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"ID3fake-audio"
    assert download["Cache-Control"] == "private, no-store"
    assert IncidentView.objects.filter(user=user, what=f"evidence:{ev.pk}").exists()


@pytest.mark.parametrize("persona", REFUSED)
def test_other_personas_never_see_it(city, client, incident, persona):
    user = getattr(city, persona)
    client.force_login(user)
    assert client.get(reverse("care:incident", args=[incident.pk])).status_code in (403, 404)
    ev = incident.evidence.get()
    assert client.get(reverse("care:evidence", args=[incident.pk, ev.pk])).status_code in (403, 404)
    listing = client.get(reverse("care:incidents"))
    assert "욕설" not in listing.content.decode() and f"#{incident.pk}" not in listing.content.decode()
    assert not IncidentView.objects.filter(user=user).exists()


def test_an_officer_cannot_see_an_incident_about_a_colleague(city, client, road_officer2, incident):
    client.force_login(road_officer2)  # same department as the victim
    assert client.get(reverse("care:incident", args=[incident.pk])).status_code == 404
    listing = client.get(reverse("care:incidents")).content.decode()
    assert f"#{incident.pk}" not in listing and "폭언" not in listing
    own = client.get(reverse("care:person", args=[city.officer.pk])).content.decode()
    assert "폭언" not in own and "욕설" not in own  # the colleague's page shows praise, not incidents


def test_auditor_reads_everything_logged_and_acts_on_nothing(city, client, incident):
    client.force_login(city.auditor)
    listing = client.get(reverse("care:incidents"), REMOTE_ADDR="10.0.0.7").content.decode()
    assert f"#{incident.pk}" in listing and "감사 목적으로" in listing
    page = client.get(reverse("care:incident", args=[incident.pk]), REMOTE_ADDR="10.0.0.7")
    html = page.content.decode()
    assert "전화로 30분간 욕설" in html and "감사 열람(읽기 전용)" in html
    assert 'data-testid="form-rest"' not in html and "신고 종결" not in html
    logged = list(IncidentView.objects.filter(incident=incident, user=city.auditor).values_list("what", "ip"))
    assert sorted(logged) == [("detail", "10.0.0.7"), ("list", "10.0.0.7")]
    for action, data in [("rest", {}), ("caution", {"note": "x", "days": "3"}), ("close", {})]:
        response = client.post(reverse("care:incident_act", args=[incident.pk, action]), data)
        assert response.status_code == 403
    assert not incident.rests.exists() and not incident.cautions.exists()
    incident.refresh_from_db()
    assert incident.status == "open"
    with pytest.raises(PermissionDenied):
        incidents.set_caution(city.auditor, incident, note="x")
    # The care officer sees who read it, the auditor included.
    client.force_login(city.care)
    log = client.get(reverse("care:incident", args=[incident.pk])).content.decode()
    assert str(city.auditor) in log.split('data-testid="views-log"', 1)[1]


def test_every_list_showing_an_incident_is_logged(city, client, incident):
    client.force_login(city.care)
    client.get(reverse("care:dashboard"))
    client.get(reverse("care:incidents"))
    whats = set(IncidentView.objects.filter(user=city.care).values_list("what", flat=True))
    assert whats == {"dashboard", "list"}
    client.force_login(city.officer)  # the employee's own page lists their incidents
    client.get(reverse("care:person", args=[city.officer.pk]))
    assert IncidentView.objects.filter(user=city.officer, what="own page").count() == 1


def test_the_applicant_never_learns_of_the_incident_or_the_reporter(city, client, incident, road_officer2):
    incidents.separate_employee(city.care, incident, days=30, new_handler=road_officer2)
    incidents.set_caution(city.care, incident, note="응대 시 2인 동석")
    c = incident.complaint
    client.force_login(city.minji)
    for url in (
        reverse("portal:detail", args=[c.pk]),
        reverse("care:incidents"),
        reverse("care:incident", args=[incident.pk]),
    ):
        response = client.get(url)
        html = response.content.decode() if response.status_code == 200 else ""
        assert "욕설" not in html and "특이민원" not in html and "2인 동석" not in html
    public = " ".join(c.events.filter(is_public=True).values_list("note", flat=True))
    assert "보호" not in public and str(city.officer) not in public
    from minwon.notify.models import Message

    to_applicant = " ".join(
        Message.objects.filter(complaint=c, audience="applicant").values_list("body", flat=True)
    )
    assert "특이민원" not in to_applicant and "보호" not in to_applicant and "욕설" not in to_applicant
    assert not IncidentView.objects.filter(user=city.minji).exists()


def test_media_is_not_served_directly(city, client, incident):
    client.force_login(city.care)
    assert client.get("/media/" + incident.evidence.get().file.name).status_code == 404


# --- the care officer's measures --------------------------------------------------------------


def test_rest_shows_the_head_only_that_the_employee_is_unavailable(city, client, incident, complaint):
    now = timezone.now()
    incidents.grant_rest(
        city.care, incident, starts_at=now - timedelta(minutes=1), ends_at=now + timedelta(hours=4)
    )
    (alert,) = StaffAlert.objects.filter(kind="care_unavailable")
    assert alert.recipient == city.head and "업무에서 빠집니다" in alert.title
    assert "욕설" not in alert.title + alert.body and "폭언" not in alert.title + alert.body
    client.force_login(city.head)
    dashboard = client.get(reverse("staff:dashboard")).content.decode()
    assert "휴식 중" in dashboard and "욕설" not in dashboard
    page = client.get(reverse("staff:complaint", args=[complaint.pk])).content.decode()
    assert "최도로 · 휴식 중" in page  # the handler picker badge


def test_separation_reassigns_and_blocks_the_employee(city, incident, complaint, road_officer2):
    with pytest.raises(CareError):  # the 민원 needs a new handler
        incidents.separate_employee(city.care, incident, days=30)
    assert not Exemption.objects.exists()
    incidents.separate_employee(city.care, incident, days=30, new_handler=road_officer2)
    complaint.refresh_from_db()
    assert complaint.handler == road_officer2
    notes = complaint.events.filter(verb="note")
    assert notes.get().is_public is False and notes.get().actor == city.care
    assert not complaint.events.filter(is_public=True, verb__in=["note", "handler_assigned"]).exists()
    # The head cannot hand it back, nor give the employee the applicant's next 민원.
    with pytest.raises(ComplaintError, match="직원 보호 조치"):
        services.assign_handler(city.head, complaint, city.officer)
    nxt = f.create_complaint(category=city.streetlight, applicant_user=city.minji, phone="010-1234-5678")
    services.assign_department(city.desk, nxt, city.roads)
    with pytest.raises(ComplaintError, match="직원 보호 조치"):
        services.assign_handler(city.head, nxt, city.officer)
    with pytest.raises(ComplaintError):  # nor take it themselves by starting it
        services.start_processing(city.officer, nxt)
    # A phone-only applicant with the same number is the same person for separation.
    by_phone = f.create_complaint(category=city.streetlight, phone="01012345678", name="홍길동")
    services.assign_department(city.desk, by_phone, city.roads)
    with pytest.raises(ComplaintError):
        services.assign_handler(city.head, by_phone, city.officer)
    # Someone else's 민원 is unaffected.
    other = f.create_complaint(category=city.streetlight, applicant_user=city.junho, phone="010-5555-6666")
    services.assign_department(city.desk, other, city.roads)
    assert services.assign_handler(city.head, other, city.officer).handler == city.officer


def test_handler_picker_leaves_out_the_exempted_employee(city, client, incident, complaint, road_officer2):
    incidents.separate_employee(city.care, incident, days=30, new_handler=road_officer2)
    client.force_login(city.head)
    html = client.get(reverse("staff:complaint", args=[complaint.pk])).content.decode()
    assert f'value="{road_officer2.pk}"' in html and f'<option value="{city.officer.pk}"' not in html


def test_exemption_ends_after_its_period(city, incident, complaint, road_officer2):
    incidents.separate_employee(city.care, incident, days=1, new_handler=road_officer2)
    import time_machine

    with time_machine.travel(timezone.now() + timedelta(days=2)):
        assert services.assign_handler(city.head, complaint, city.officer).handler == city.officer


def test_caution_shows_to_staff_but_never_on_the_portal(city, client, incident, complaint):
    incidents.set_caution(city.care, incident, note="응대 시 2인 동석")
    client.force_login(city.desk)
    assert "응대 시 2인 동석" in client.get(reverse("staff:complaint", args=[complaint.pk])).content.decode()
    client.force_login(city.minji)
    portal = client.get(reverse("portal:detail", args=[complaint.pk])).content.decode()
    assert complaint.tracking_no in portal and "응대 시 2인 동석" not in portal and "주의" not in portal
    timeline = " ".join(complaint.events.filter(is_public=True).values_list("note", flat=True))
    assert "보호" not in timeline and "욕설" not in timeline


def test_measures_are_care_only(city, incident):
    now = timezone.now()
    for persona in ("officer", "head", "desk", "admin"):
        with pytest.raises(PermissionDenied):
            incidents.grant_rest(
                getattr(city, persona), incident, starts_at=now, ends_at=now + timedelta(hours=1)
            )


def test_care_page_actions_and_referral(city, client, incident, road_officer2):
    client.force_login(city.care)
    page = client.get(reverse("care:incident", args=[incident.pk])).content.decode()
    assert "전화로 30분간 욕설" in page and 'data-testid="form-separate"' in page
    bad = client.post(
        reverse("care:incident_act", args=[incident.pk, "rest"]),
        {"starts_at": "2026-11-23T10:00", "ends_at": "2026-11-23T09:00"},
    )
    assert bad.status_code == 400 and "끝나는 시각" in bad.content.decode()
    client.post(
        reverse("care:incident_act", args=[incident.pk, "referral"]),
        {"kind": "police", "agency": "OO경찰서", "referred_on": "2026-11-24", "note": "고발장 제출"},
    )
    assert incident.referrals.get().agency == "OO경찰서"
    client.post(reverse("care:incident_act", args=[incident.pk, "close"]), {"note": "조치 완료"})
    incident.refresh_from_db()
    assert incident.status == "closed"


def test_officer_cannot_post_measures(city, client, incident):
    client.force_login(city.officer)
    response = client.post(
        reverse("care:incident_act", args=[incident.pk, "caution"]), {"note": "x", "days": "3"}
    )
    assert response.status_code == 403


def test_evaluation_excludes_exempted_complaints_and_rest(city, incident, complaint, road_officer2):
    now = timezone.now()
    incidents.grant_rest(city.care, incident, starts_at=now, ends_at=now + timedelta(hours=2))
    incidents.grant_rest(
        city.care, incident, starts_at=now + timedelta(hours=1), ends_at=now + timedelta(hours=3)
    )
    incidents.separate_employee(city.care, incident, days=30, new_handler=road_officer2)
    span = (now - timedelta(days=1), now + timedelta(days=1))
    assert queries.exempted_complaint_ids(city.officer, *span) == {complaint.pk}
    assert queries.exempted_complaint_ids(road_officer2, *span) == set()
    assert queries.rest_intervals(city.officer, *span) == [(now, now + timedelta(hours=3))]
    assert queries.rest_intervals(city.officer, now + timedelta(hours=2), now + timedelta(hours=10)) == [
        (now + timedelta(hours=2), now + timedelta(hours=3))
    ]


def test_call_incident_separates_by_phone_and_tells_the_applicant_nothing(city, road_officer2):
    from minwon.notify.models import Message

    incident = incidents.file_incident(
        city.officer,
        kind="repeated",
        context="call",
        narrative="하루 다섯 번 1시간씩 통화",
        applicant_phone="010-7777-8888",
    )
    incidents.separate_employee(city.care, incident, days=10)
    caller = f.create_complaint(category=city.streetlight, phone="010-7777-8888", name="반복")
    services.assign_department(city.desk, caller, city.roads)
    before = Message.objects.filter(complaint=caller, audience="applicant").count()
    with pytest.raises(ComplaintError):
        services.assign_handler(city.head, caller, city.officer)
    services.assign_handler(city.head, caller, road_officer2)
    assert Message.objects.filter(complaint=caller, audience="applicant").count() == before


def test_a_colleague_files_for_the_employee_who_hears_and_reads_it(city, client, complaint, road_officer2):
    client.force_login(city.head)
    response = client.post(
        reverse("care:incident_new"),
        {
            "employee": city.officer.pk,
            "kind": "sexual",
            "context": "visit",
            "occurred_at": "2026-11-23T10:30",
            "narrative": "창구에서 담당자에게 성적인 발언을 반복했습니다.",
            "applicant_phone": "010-3333-4444",
        },
    )
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert incident.employee == city.officer and incident.filed_by == city.head
    (alert,) = StaffAlert.objects.filter(kind="care_incident", recipient=city.officer)
    assert "정과장" in alert.title and "성적인" not in alert.title + alert.body
    client.force_login(city.officer)
    assert client.get(reverse("care:incident", args=[incident.pk])).status_code == 200
    client.force_login(road_officer2)  # a third colleague still sees nothing
    assert client.get(reverse("care:incident", args=[incident.pk])).status_code == 404
    with pytest.raises(CareError):  # the victim must be an employee
        incidents.file_incident(city.head, employee=city.minji, kind="other", context="visit", narrative="x")


def test_the_admin_history_does_not_show_incident_events(city, client, incident):
    from minwon.care.models import CareEvent

    incidents.set_caution(city.care, incident, note="응대 시 2인 동석")
    assert CareEvent.objects.filter(object_type="incident").count() == 2
    client.force_login(city.admin)
    page = client.get(reverse("admin:care_careevent_changelist")).content.decode()
    assert "incident_filed" not in page and "caution_set" not in page
    assert client.get("/admin/care/incidentview/").status_code == 404  # the access log is not there either
