"""Staff protection (특이민원): filing an incident and the care officer's measures.

Nothing here reaches the applicant: no complaint event written here is public, and the caution
note and the handler change name neither the reporter nor the incident.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from minwon.complaints import services as complaint_services
from minwon.complaints.errors import ComplaintError

from .choices import IncidentContext, IncidentKind, IncidentStatus, ReferralKind
from .errors import CareError
from .models import ApplicantCaution, Exemption, Incident, IncidentEvidence, Referral, RestGrant
from .protection import digits, exemption_reason
from .services import _alert, _event, _require_care, _require_staff, _text, care_officers, heads_of

EVIDENCE_TYPES = ("image/", "audio/", "video/", "application/pdf")


@dataclass(frozen=True)
class Evidence:
    name: str
    data: bytes
    content_type: str = ""


def _check_evidence(files: list[Evidence]) -> None:
    limit = settings.MINWON_CARE_EVIDENCE_MAX_MB * 1024 * 1024
    for f in files:
        if not f.content_type.startswith(EVIDENCE_TYPES):
            raise CareError(f"{f.name}: 사진·녹음·영상·PDF 파일만 올릴 수 있습니다.", field="evidence")
        if len(f.data) > limit:
            raise CareError(
                f"{f.name}: 파일이 너무 큽니다({settings.MINWON_CARE_EVIDENCE_MAX_MB}MB까지).",
                field="evidence",
            )


def _store_evidence(actor, incident: Incident, files: list[Evidence]) -> int:
    for f in files:
        row = IncidentEvidence(
            incident=incident,
            original_name=f.name[:200],
            content_type=f.content_type,
            size=len(f.data),
            uploaded_by=actor,
        )
        safe = "".join(ch for ch in f.name if ch.isalnum() or ch in "._-")[-80:] or "file"
        row.file.save(safe, ContentFile(f.data), save=False)
        row.save()
    return len(files)


@transaction.atomic
def file_incident(
    actor,
    *,
    kind: str,
    context: str,
    narrative: str,
    occurred_at: datetime | None = None,
    employee=None,
    complaint=None,
    call_ref: str = "",
    applicant_phone: str = "",
    wants_police: bool = False,
    wants_legal: bool = False,
    evidence: list[Evidence] | None = None,
) -> Incident:
    """Any staff member files; by default about themself. The care officers hear (no details)."""
    _require_staff(actor)
    if kind not in IncidentKind.values:
        raise CareError("유형을 골라 주십시오.", field="kind")
    if context not in IncidentContext.values:
        raise CareError("어디에서 있었던 일인지 골라 주십시오.", field="context")
    if context == IncidentContext.COMPLAINT and complaint is None:
        raise CareError("어느 민원에서 있었던 일인지 접수번호를 적어 주십시오.", field="complaint")
    narrative = _text(narrative, 10000, "있었던 일을 적어 주십시오.", "narrative")
    if employee is not None and not (employee.is_active and employee.is_staff_member):
        raise CareError("피해 직원을 직원 목록에서 골라 주십시오.", field="employee")
    files = evidence or []
    _check_evidence(files)
    phone = digits(applicant_phone) or (digits(complaint.applicant_phone) if complaint else "")
    incident = Incident.objects.create(
        employee=employee or actor,
        filed_by=actor,
        kind=kind,
        context=context,
        complaint=complaint,
        call_ref=_text(call_ref, 100, "", "call_ref", required=False),
        occurred_at=occurred_at or timezone.now(),
        narrative=narrative,
        applicant=complaint.applicant if complaint and complaint.applicant_id else None,
        applicant_phone=phone,
        wants_police=wants_police,
        wants_legal=wants_legal,
    )
    _store_evidence(actor, incident, files)
    _event(actor, "incident_filed", incident, kind=kind, evidence=len(files))
    if incident.employee_id != actor.pk:  # filed by a colleague: the employee hears, and may read it
        _alert(
            [incident.employee],
            kind="care_incident",
            key=f"incident-for:{incident.pk}",
            title=f"{actor}님이 회원님이 겪은 일을 특이민원으로 신고했습니다",
            body=reverse("care:incident", args=[incident.pk]),
        )
    _alert(
        care_officers(),
        kind="care_incident",
        key=f"incident:{incident.pk}",
        title=f"특이민원 신고가 접수되었습니다 ({incident.get_kind_display()})",
        body=reverse("care:incident", args=[incident.pk]),
    )
    return incident


@transaction.atomic
def add_evidence(actor, incident: Incident, files: list[Evidence]) -> int:
    if not (actor.pk in (incident.filed_by_id, incident.employee_id) or actor.has_role("care")):
        raise CareError("이 신고에 자료를 더할 권한이 없습니다.")
    _check_evidence(files)
    n = _store_evidence(actor, incident, files)
    _event(actor, "evidence_added", incident, files=n)
    return n


def _open(incident: Incident) -> None:
    if incident.status != IncidentStatus.OPEN:
        raise CareError("종결된 신고입니다.")


@transaction.atomic
def grant_rest(
    actor, incident: Incident, *, starts_at: datetime, ends_at: datetime, note: str = ""
) -> RestGrant:
    """휴식 부여. The employee's heads see that they are unavailable, not why."""
    _require_care(actor)
    _open(incident)
    if ends_at <= starts_at:
        raise CareError("끝나는 시각은 시작 시각보다 뒤여야 합니다.", field="ends_at")
    rest = RestGrant.objects.create(
        employee=incident.employee,
        incident=incident,
        starts_at=starts_at,
        ends_at=ends_at,
        note=(note or "").strip()[:200],
        granted_by=actor,
    )
    _event(actor, "rest_granted", incident, rest=rest.pk, until=ends_at.isoformat())
    end = timezone.localtime(ends_at)
    _alert(
        heads_of(incident.employee),
        kind="care_unavailable",
        key=f"rest:{rest.pk}",
        title=f"{incident.employee}님이 {end.month}월 {end.day}일 {end:%H:%M}까지 업무에서 빠집니다",
        body="친절·보호 담당의 조치입니다. 이 기간에는 새 민원을 배정하지 마십시오.",
    )
    return rest


@transaction.atomic
def separate_employee(actor, incident: Incident, *, days: int | None = None, new_handler=None) -> Exemption:
    """업무 분리: exempt the employee from this 민원 and from the applicant's 민원 for `days`.

    If the employee handles the 민원 now, it goes to `new_handler` (required then) through
    `complaints.services.assign_handler`. The care officer is not a department manager, so the
    handler change is made as the system and the care officer's name is on an internal note.
    """
    _require_care(actor)
    _open(incident)
    days = settings.MINWON_CARE_EXEMPTION_DAYS if days is None else int(days)
    if not 1 <= days <= 3650:
        raise CareError("분리 기간은 1일 이상 10년 이하로 정해 주십시오.", field="days")
    now = timezone.now()
    employee, complaint = incident.employee, incident.complaint
    exemption = Exemption.objects.create(
        employee=employee,
        incident=incident,
        complaint=complaint,
        applicant=incident.applicant,
        applicant_phone=incident.applicant_phone,
        starts_at=now,
        ends_at=now + timedelta(days=days),
        granted_by=actor,
    )
    if complaint is not None and complaint.handler_id == employee.pk and complaint.is_open:
        if new_handler is None:
            raise CareError("이 민원을 새로 맡을 직원을 골라 주십시오.", field="new_handler")
        if exemption_reason(complaint, new_handler):
            raise CareError(f"{new_handler}님도 이 민원인과 분리되어 있습니다.", field="new_handler")
        try:
            complaint_services.assign_handler(None, complaint, new_handler)
            complaint_services.add_note(
                actor,
                complaint,
                body=f"직원 보호 조치로 담당자를 {new_handler}님으로 바꿨습니다.",
                public=False,
            )
        except ComplaintError as exc:
            raise CareError(exc.message, field="new_handler") from None
    _event(
        actor,
        "employee_separated",
        incident,
        days=days,
        new_handler=new_handler.pk if new_handler else None,
    )
    return exemption


@transaction.atomic
def set_caution(actor, incident: Incident, *, note: str, days: int = 365) -> ApplicantCaution:
    """A staff-only caution on the applicant: what staff should know, never who reported."""
    _require_care(actor)
    if not (incident.applicant_id or incident.applicant_phone):
        raise CareError("민원인을 알 수 없어 주의 표시를 할 수 없습니다.", field="note")
    caution = ApplicantCaution.objects.create(
        applicant=incident.applicant,
        applicant_phone=incident.applicant_phone,
        incident=incident,
        note=_text(note, 200, "직원에게 보일 안내를 적어 주십시오.", "note"),
        ends_at=timezone.now() + timedelta(days=int(days)),
        set_by=actor,
    )
    _event(actor, "caution_set", incident, caution=caution.pk)
    return caution


@transaction.atomic
def record_referral(
    actor, incident: Incident, *, kind: str, agency: str, referred_on, note: str = ""
) -> Referral:
    """고발 to investigators, legal support, counselling: what was done, when, with whom."""
    _require_care(actor)
    if kind not in ReferralKind.values:
        raise CareError("종류를 골라 주십시오.", field="kind")
    referral = Referral.objects.create(
        incident=incident,
        kind=kind,
        agency=_text(agency, 100, "기관을 적어 주십시오.", "agency"),
        referred_on=referred_on or timezone.localdate(),
        note=(note or "").strip(),
        recorded_by=actor,
    )
    _event(actor, "referral_recorded", incident, kind=kind)
    return referral


@transaction.atomic
def close_incident(actor, incident: Incident, *, note: str = "") -> Incident:
    _require_care(actor)
    _open(incident)
    incident.status, incident.closed_at = IncidentStatus.CLOSED, timezone.now()
    incident.save(update_fields=["status", "closed_at"])
    _event(actor, "incident_closed", incident, note=(note or "").strip()[:500])
    return incident
