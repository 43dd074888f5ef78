"""Every write of the care app (STYLE §2): each function checks the actor, writes, and leaves a
`CareEvent` in the same transaction; staff notices go to the in-app inbox (notify.StaffAlert).

Split by topic: citizens' voice here, quality in `quality.py`, staff protection in
`incidents.py`, the idea box in `ideas.py`. They share `_event`, `_alert` and `_require_*`.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from minwon.accounts.models import Role, User
from minwon.complaints.access import AccessDenied, can_read_full, is_applicant
from minwon.complaints.choices import Channel, Status
from minwon.complaints.errors import ComplaintError
from minwon.complaints.models import Complaint
from minwon.complaints.services import reopen_complaint
from minwon.notify.context import read_satisfaction_token
from minwon.notify.models import StaffAlert
from minwon.notify.recipients import department_heads

from .access import is_care
from .choices import PraiseChannel, ReportOutcome, ReportStatus, SurveyChannel
from .errors import CareError
from .models import CareEvent, Praise, SatisfactionResponse, UnkindReport

# --- shared helpers -----------------------------------------------------------------------------


def _event(actor, verb: str, obj, **data) -> CareEvent:
    actor = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return CareEvent.objects.create(
        actor=actor, verb=verb, object_type=type(obj).__name__.lower(), object_id=str(obj.pk), data=data
    )


def _alert(users, *, kind: str, key: str, title: str, body: str = "", complaint=None) -> int:
    """One inbox row per user, idempotent per (key, user). No e-mail: these notices may be sensitive."""
    rows = [
        StaffAlert(
            recipient=u,
            complaint=complaint,
            kind=kind,
            title=title[:200],
            body=body,
            group_key=key[:160],
            dedupe_key=f"{key}:u{u.pk}"[:200],
        )
        for u in {u.pk: u for u in users if u is not None}.values()
    ]
    StaffAlert.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def care_officers():
    return list(User.objects.filter(is_active=True, role_grants__role=Role.CARE).distinct().order_by("pk"))


def heads_of(user) -> list:
    """The heads of every department the employee works in now (not the employee themself)."""
    heads: dict[int, User] = {}
    for membership in user.memberships.filter(ended_at__isnull=True).select_related("department"):
        for head in department_heads(membership.department):
            if head.pk != user.pk:
                heads[head.pk] = head
    return list(heads.values())


def _require_care(actor) -> None:
    if not is_care(actor):
        raise AccessDenied("친절·보호 담당만 할 수 있습니다.")


def _require_staff(actor) -> None:
    if not (actor and actor.is_authenticated and actor.is_staff_member):
        raise AccessDenied("직원만 할 수 있습니다.")


def _scale(value, field: str, label: str) -> int:
    try:
        n = int(value)
    except (TypeError, ValueError):
        n = 0
    if not 1 <= n <= 5:
        raise CareError(f"{label}를 1~5점 중에서 골라 주십시오.", field=field)
    return n


def _text(value: str, limit: int, message: str, field: str, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise CareError(message, field=field)
    if len(value) > limit:
        raise CareError(f"{limit:,}자 이내로 써 주십시오.", field=field)
    return value


# --- satisfaction (만족도) ----------------------------------------------------------------------

SURVEYABLE = (Status.ANSWERED, Status.CLOSED)


def link_max_age() -> int:
    return int(settings.MINWON_SATISFACTION_LINK_DAYS) * 24 * 3600


def complaint_for_token(token: str) -> tuple[Complaint, int]:
    """The 민원 and round a survey link names. CareError if forged, expired or superseded."""
    try:
        data = read_satisfaction_token(token, max_age=link_max_age())
    except signing.SignatureExpired:
        raise CareError("만족도 조사 기간이 지났습니다. 의견은 민원 상담 전화로 알려 주십시오.") from None
    except signing.BadSignature:
        raise CareError("주소가 올바르지 않습니다. 받으신 안내의 주소를 그대로 열어 주십시오.") from None
    complaint = (
        Complaint.objects.select_related("department", "handler", "applicant")
        .filter(pk=int(data.get("c") or 0))
        .first()
    )
    if complaint is None:
        raise CareError("민원을 찾을 수 없습니다.")
    return complaint, int(data.get("r", 0))


def existing_response(complaint: Complaint, round_: int) -> SatisfactionResponse | None:
    return SatisfactionResponse.objects.filter(
        complaint=complaint, round=round_, channel=SurveyChannel.LINK
    ).first()


def survey_is_open(complaint: Complaint, round_: int) -> bool:
    """The link's round is the 민원's current one and the 민원 stands answered or closed."""
    return complaint.reopen_count == round_ and complaint.status in SURVEYABLE


@transaction.atomic
def submit_satisfaction(
    token: str,
    *,
    resolved: bool,
    kindness,
    speed,
    comment: str = "",
    reopen: bool = False,
    user=None,
) -> SatisfactionResponse:
    """The applicant's answer from the notice link (no log-in: the signed link is the proof).

    One response per 민원 and round. Sending the form again while the link is valid *updates*
    that response (a mis-tap is corrected, not counted twice). Once the 민원 was reopened — by this
    form or otherwise — the round is over and the old link is refused.

    "Not resolved" with `reopen` asks for reprocessing in the same step, acting as the applicant:
    their account if the 민원 has one (the link went to them), else no user (as the portal does for
    a visitor holding a tracking grant).
    """
    complaint, round_ = complaint_for_token(token)
    complaint = Complaint.objects.select_for_update(of=("self",)).get(pk=complaint.pk)
    if not survey_is_open(complaint, round_):
        raise CareError(
            "이 민원은 이미 다시 처리 중이거나 조사를 마쳤습니다. 새 답변을 받으면 다시 알려 주십시오."
        )
    kindness = _scale(kindness, "kindness", "친절도")
    speed = _scale(speed, "speed", "신속성")
    comment = _text(comment, 2000, "", "comment", required=False)
    if reopen and resolved:
        raise CareError("해결되지 않은 경우에만 다시 처리를 요청할 수 있습니다.", field="reopen")
    if reopen and not comment:
        raise CareError("다시 처리를 요청하시려면 해결되지 않은 점을 적어 주십시오.", field="comment")
    now = timezone.now()
    response = existing_response(complaint, round_)
    if response is None:
        response = SatisfactionResponse(
            complaint=complaint,
            round=round_,
            channel=SurveyChannel.LINK,
            department_id=complaint.department_id,
            handler_id=complaint.handler_id,
            created_at=now,
        )
        verb = "satisfaction_submitted"
    else:
        verb = "satisfaction_updated"
    response.resolved, response.kindness, response.speed = resolved, kindness, speed
    response.comment, response.reopened, response.updated_at = comment, reopen, now
    response.save()
    _event(user, verb, response, complaint=complaint.pk, round=round_, resolved=resolved, reopen=reopen)
    if reopen:
        actor = user if is_applicant(user, complaint) else (complaint.applicant or None)
        try:
            reopen_complaint(actor, complaint, reason=comment)
        except ComplaintError as exc:
            raise CareError(exc.message, field="reopen") from None
    return response


@transaction.atomic
def record_phone_survey(actor, complaint: Complaint, *, resolved: bool, kindness, speed, comment: str = ""):
    """전화 친절도 조사: the care officer's sampled follow-up call, same scale as the link."""
    _require_care(actor)
    if complaint.status not in SURVEYABLE:
        raise CareError("답변을 마친 민원만 조사할 수 있습니다.")
    values = {
        "resolved": resolved,
        "kindness": _scale(kindness, "kindness", "친절도"),
        "speed": _scale(speed, "speed", "신속성"),
        "comment": _text(comment, 2000, "", "comment", required=False),
    }
    response, created = SatisfactionResponse.objects.update_or_create(
        complaint=complaint,
        round=complaint.reopen_count,
        channel=SurveyChannel.PHONE,
        defaults={**values, "recorded_by": actor, "updated_at": timezone.now()},
        create_defaults={
            **values,
            "recorded_by": actor,
            "department_id": complaint.department_id,
            "handler_id": complaint.handler_id,
        },
    )
    _event(actor, "phone_survey_recorded" if created else "phone_survey_updated", response)
    return response


# --- praise (칭찬민원) --------------------------------------------------------------------------


@transaction.atomic
def file_praise(
    actor,
    *,
    employee=None,
    department=None,
    body: str,
    praiser_name: str = "",
    praiser_phone: str = "",
    channel: str = PraiseChannel.WEB,
    complaint=None,
) -> Praise:
    """A citizen praises an employee or department (web, or desk/agent on behalf of a caller).

    The employee and their head(s) get an inbox notice; without an employee, the department's head.
    """
    if employee is None and department is None:
        raise CareError("칭찬할 직원이나 부서를 골라 주십시오.", field="employee")
    body = _text(body, 4000, "칭찬하실 내용을 적어 주십시오.", "body")
    if channel not in PraiseChannel.values:
        raise CareError("접수 경로가 올바르지 않습니다.", field="channel")
    if channel != PraiseChannel.WEB:
        _require_staff(actor)  # only staff record a praise on someone's behalf
    if employee is not None and department is None:
        membership = employee.memberships.filter(ended_at__isnull=True).select_related("department").first()
        department = membership.department if membership else None
    praise = Praise.objects.create(
        employee=employee,
        department=department,
        body=body,
        praiser_name=_text(praiser_name, 50, "", "praiser_name", required=False),
        praiser_phone=_text(praiser_phone, 20, "", "praiser_phone", required=False),
        channel=channel,
        complaint=complaint,
        filed_by=actor if actor is not None and actor.is_authenticated else None,
    )
    _event(actor, "praise_filed", praise, employee=employee.pk if employee else None)
    target = str(employee) if employee else str(department)
    recipients = [employee, *heads_of(employee)] if employee else department_heads(department)
    link = reverse("care:person", args=[employee.pk]) if employee else ""
    _alert(
        recipients,
        kind="care_praise",
        key=f"praise:{praise.pk}",
        title=f"칭찬 민원이 도착했습니다: {target}",
        body=f"{body}\n\n{link}".strip(),
        complaint=complaint,
    )
    return praise


# --- unkindness reports (불친절 신고) ----------------------------------------------------------


@transaction.atomic
def file_unkind_report(
    actor,
    *,
    employee=None,
    department=None,
    named_text: str = "",
    body: str,
    reporter_name: str = "",
    reporter_phone: str = "",
    channel: str = PraiseChannel.WEB,
    complaint=None,
) -> UnkindReport:
    """Routed to the care officers only. The alert names neither the reporter nor the employee."""
    body = _text(body, 4000, "어떤 일이 있었는지 적어 주십시오.", "body")
    if channel != PraiseChannel.WEB:
        _require_staff(actor)
    report = UnkindReport.objects.create(
        employee=employee,
        department=department,
        named_text=_text(named_text, 100, "", "named_text", required=False),
        body=body,
        reporter_name=_text(reporter_name, 50, "", "reporter_name", required=False),
        reporter_phone=_text(reporter_phone, 20, "", "reporter_phone", required=False),
        channel=channel,
        filed_by=actor if actor is not None and actor.is_authenticated else None,
        complaint=complaint,
    )
    _event(actor, "unkind_filed", report, complaint=complaint.pk if complaint else None)
    officers = [u for u in care_officers() if u.pk != report.employee_id]
    _alert(
        officers,
        kind="care_unkind",
        key=f"unkind:{report.pk}",
        title="불친절 신고가 접수되었습니다",
        body=reverse("care:report", args=[report.pk]),
    )
    return report


@transaction.atomic
def close_unkind_report(actor, report: UnkindReport, *, outcome: str, note: str) -> UnkindReport:
    _require_care(actor)
    if report.employee_id == actor.pk:
        raise AccessDenied("본인에 대한 신고는 처리할 수 없습니다.")
    if outcome not in ReportOutcome.values:
        raise CareError("처리 결과를 골라 주십시오.", field="outcome")
    report.outcome = outcome
    report.outcome_note = _text(note, 4000, "처리 내용을 적어 주십시오.", "note")
    report.status, report.handled_by, report.closed_at = ReportStatus.CLOSED, actor, timezone.now()
    report.save(update_fields=["outcome", "outcome_note", "status", "handled_by", "closed_at"])
    _event(actor, "unkind_closed", report, outcome=outcome)
    return report


# --- praise and unkindness that arrived as a 민원 (any channel) ------------------------------------

# A 민원 keeps its real channel; the praise/report row records the nearest of its own channels.
CHANNEL_FROM_COMPLAINT: dict[str, str] = {
    Channel.CALL: PraiseChannel.CALL,
    Channel.VISIT: PraiseChannel.DESK,
    Channel.POST: PraiseChannel.POST,
}
FORWARD_ROLES = (Role.DESK, Role.ADMIN, Role.CARE, Role.AGENT, Role.OFFICER, Role.HEAD)


def may_forward(actor, complaint: Complaint) -> bool:
    """Staff who may act on the 민원 (not the read-only auditor, not other departments)."""
    return bool(
        actor
        and actor.is_authenticated
        and actor.has_role(*FORWARD_ROLES)
        and can_read_full(actor, complaint)
        and not is_applicant(actor, complaint)
    )


def _require_forwarder(actor, complaint: Complaint) -> None:
    if not may_forward(actor, complaint):
        raise AccessDenied("이 민원을 전달할 권한이 없습니다.")


@transaction.atomic
def forward_praise(actor, complaint: Complaint, *, employee=None, department=None, body: str = "") -> Praise:
    """A 칭찬 민원 that came by phone, post, 국민신문고 … reaches the employee and head like a web praise.

    The praise keeps the link to the 민원 (so it is forwarded once per employee or department) and the
    applicant's name as the praiser (masked wherever it is shown).
    """
    _require_forwarder(actor, complaint)
    same = Praise.objects.filter(complaint=complaint)
    if employee is not None:
        same = same.filter(employee=employee)
    else:
        same = same.filter(employee__isnull=True, department=department)
    if same.exists():
        raise CareError("이 민원의 칭찬은 이미 그 직원(부서)에게 전달했습니다.", field="employee")
    return file_praise(
        actor,
        employee=employee,
        department=department,
        body=(body or "").strip() or complaint.body,
        praiser_name=complaint.applicant_name[:50],
        praiser_phone=complaint.applicant_phone[:20],
        channel=CHANNEL_FROM_COMPLAINT.get(complaint.channel, PraiseChannel.WEB),
        complaint=complaint,
    )


@transaction.atomic
def forward_unkind(
    actor, complaint: Complaint, *, employee=None, department=None, named_text: str = "", body: str = ""
) -> UnkindReport:
    """A 불친절 신고 that came as a 민원 becomes a private report for the care officers (once)."""
    _require_forwarder(actor, complaint)
    if UnkindReport.objects.filter(complaint=complaint).exists():
        raise CareError("이 민원은 이미 불친절 신고로 전달했습니다.")
    return file_unkind_report(
        actor,
        employee=employee,
        department=department,
        named_text=named_text or str(complaint.extra_answers.get("employee", ""))[:100],
        body=(body or "").strip() or complaint.body,
        reporter_name=complaint.applicant_name[:50],
        reporter_phone=complaint.applicant_phone[:20],
        channel=CHANNEL_FROM_COMPLAINT.get(complaint.channel, PraiseChannel.WEB),
        complaint=complaint,
    )


def once(fn, *args, **kwargs):
    """Run a create that may race on a UNIQUE constraint; the loser gets CareError, not a 500."""
    try:
        with transaction.atomic():
            return fn(*args, **kwargs)
    except IntegrityError:
        raise CareError("이미 처리되었습니다.") from None


def days_from_now(days: int):
    return timezone.now() + timedelta(days=days)
